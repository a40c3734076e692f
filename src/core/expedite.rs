//! Expediting: an emergency order at a premium when stock runs low, one of the answers to
//! supply risk besides a buffer.
//!
//! # When and how much
//!
//! Every evening (review day or not, and before the regular review), the **expedite
//! position** is the net stock (on hand − backorders) plus every unit due to arrive within
//! the expedite lead time `Lₑ`, i.e. on the mornings of days t+1 … t+Lₑ+1. When it is below
//! the trigger, an emergency order is placed for
//!
//! ```text
//! q = max(order_units, trigger − expedite position)      (rounded up to whole units)
//! ```
//!
//! so that it at least brings the position back to the trigger, and is at least the size
//! the user gives (a pallet, a courier's minimum). It is on the shelf on the morning of day
//! t+Lₑ+1 (Lₑ = 0 is overnight), whatever the regular lead time, never held up behind a
//! regular delivery, and in full (no supply yield). The regular review that follows counts
//! it in the inventory position, as it counts every order.
//!
//! # While the supplier is down
//!
//! By default an expedite goes through a supplier's outage (stock bought from a distributor,
//! air freight from another plant). With `fails_while_down`, an expedite the evening before
//! a day the supplier is down is not placed at all (nothing is paid); the next evening tries
//! again. That is the same day a regular order would wait for (`supply::next_up`).
//!
//! # What it costs
//!
//! Expedited units are purchases like any others, at the price regular orders pay (the
//! weighted average with price breaks: `order_charges`), plus the **premium** per unit and the
//! **fixed charge** per expedite, reported as the expediting cost
//! (`expedite_cost_per_year`). They count in the units ordered, not in the regular orders:
//! orders per year, replenishment cycles and the price-break tally are the regular orders'.
//!
//! With no expediting an item runs the day loop without any of this (`levers::Plain`).

use crate::core::numbers::Num;

/// The longest expedite lead time, in days.
pub const MAX_EXPEDITE_LEAD_DAYS: u32 = 365;

/// An item's expediting, as described.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Expedite {
    /// Expedite when stock on hand − backorders + what arrives within the expedite lead time
    /// falls below this many units.
    pub trigger_units: f64,
    /// The smallest emergency order, in units (0: just enough to reach the trigger).
    pub order_units: f64,
    /// Days an expedite takes: placed in the evening of day t, on the shelf the morning of
    /// day t + lead + 1.
    pub lead_time_days: u32,
    /// Paid per expedited unit on top of its price.
    pub premium_per_unit: f64,
    /// Paid per expedite.
    pub fixed_cost: f64,
    /// An expedite is not placed while the supplier is down.
    pub fails_while_down: bool,
}

impl Expedite {
    /// Checks every number: finite, ≥ 0, the lead time within
    /// [`MAX_EXPEDITE_LEAD_DAYS`]. The message names the field and the value.
    pub fn check(&self) -> Result<(), String> {
        for (what, x) in [
            ("an expedite trigger", self.trigger_units),
            ("an expedite order", self.order_units),
            ("an expedite premium", self.premium_per_unit),
            ("an expedite charge", self.fixed_cost),
        ] {
            if !(x.is_finite() && x >= 0.0) {
                return Err(format!("{what} of {}; accepted: a number ≥ 0", Num(x)));
            }
        }
        if self.lead_time_days > MAX_EXPEDITE_LEAD_DAYS {
            return Err(format!(
                "an expedite lead time of {} days; accepted: 0 to {MAX_EXPEDITE_LEAD_DAYS} days",
                self.lead_time_days
            ));
        }
        Ok(())
    }

    /// The emergency order for an expedite position of `position` units, or `None` when the
    /// position is at or above the trigger.
    #[inline]
    pub fn quantity(&self, position: f64, whole: bool) -> Option<f64> {
        if position >= self.trigger_units {
            return None;
        }
        let q = (self.trigger_units - position).max(self.order_units);
        let q = if whole { libm::ceil(q - 1e-9) } else { q };
        (q > 0.0).then_some(q)
    }

    /// What `expedites` emergency orders of `units` in all cost beyond the units' price.
    pub fn cost(&self, expedites: f64, units: f64) -> f64 {
        expedites * self.fixed_cost + units * self.premium_per_unit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expedite() -> Expedite {
        Expedite {
            trigger_units: 30.0,
            order_units: 10.0,
            lead_time_days: 1,
            premium_per_unit: 2.5,
            fixed_cost: 100.0,
            fails_while_down: false,
        }
    }

    #[test]
    fn an_expedite_reaches_the_trigger_and_is_at_least_the_order_size() {
        let e = expedite();
        assert_eq!(e.quantity(30.0, false), None);
        assert_eq!(e.quantity(29.0, false), Some(10.0));
        assert_eq!(e.quantity(5.0, false), Some(25.0));
        assert_eq!(e.quantity(-12.5, false), Some(42.5));
        assert_eq!(e.quantity(-12.5, true), Some(43.0));
        let none = Expedite { order_units: 0.0, ..e };
        assert_eq!(none.quantity(29.5, false), Some(0.5));
        assert_eq!(none.quantity(29.5, true), Some(1.0));
        assert_eq!(e.cost(3.0, 40.0), 300.0 + 100.0);
    }

    #[test]
    fn bad_numbers_are_named() {
        assert!(expedite().check().is_ok());
        let e = Expedite { premium_per_unit: -1.0, ..expedite() }.check().unwrap_err();
        assert!(e.contains("an expedite premium of -1"), "{e}");
        let e = Expedite { trigger_units: f64::NAN, ..expedite() }.check().unwrap_err();
        assert!(e.contains("an expedite trigger"), "{e}");
        let e = Expedite { lead_time_days: 400, ..expedite() }.check().unwrap_err();
        assert!(e.contains("400 days") && e.contains("0 to 365"), "{e}");
    }
}
