//! A second supplier: a backup source beside the item's own (the primary), one of the answers
//! to supply risk besides a buffer ("should we buffer this part, or find a second source?").
//!
//! # The backup
//!
//! It has its own lead-time distribution, unit cost, fixed cost per order and minimum order,
//! and it may name a supplier of the scenario, whose outages it then shares with every other
//! item of that supplier (`core::supply`). Its lead times come from a stream of the item's
//! own (`StreamKind::BackupLead`, drawn by the day an order is placed, as the primary's are),
//! so adding a backup moves none of the item's other draws, and every policy sees the same
//! backup days. An order to the backup placed in the evening of day t starts its lead time
//! on the first day from t + 1 the backup is up, like an order to the primary; with
//! `deliveries_in_order`, the backup's deliveries keep their own order.
//!
//! # Sourcing rules
//!
//! - **Split**: every regular order is split, `backup_share` of it to the backup (whole units
//!   when demand is), the rest to the primary. A backup part below the backup's minimum is
//!   raised to it.
//! - **Backup while the primary is down**: a regular order placed in the evening of day t goes
//!   wholly to the backup when the primary is down on day t + 1, the day it would take the
//!   order (an order it would have to hold); otherwise wholly to the primary. The decision is
//!   made when the order is placed, from the primary's state then, not revised.
//! - **Dual index**: regular orders go to the primary (the slow, cheap source); at every
//!   review, before the regular order, an **emergency order** goes to the backup (the fast,
//!   dear one) when the *fast position* — stock on hand − backorders + every unit due to land
//!   within the backup's longest lead time, i.e. on the mornings t+1 … t+L̄ᵦ+1 — is below
//!   the backup's own level zₑ: it orders zₑ − fast position (at least the backup's minimum).
//!   The regular review then brings the whole inventory position (which counts the emergency
//!   order) up to the policy's level. Two levels on two positions: the dual-index policy of
//!   Veeraraghavan and Scheller-Wolf (2008). With equal lead times it is base-stock: the fast
//!   position is the whole position, and the regular order is 0 whenever zₑ is the higher
//!   level. A dual-index backup cannot be combined with expediting (both are the emergency
//!   source).
//!
//! Without a backup an item is single-sourced, as every item was before (`levers::Plain`).
//!
//! # What it costs
//!
//! Units from the backup are purchases like any others, counted at the item's unit cost,
//! and the stock is valued at it; the backup's difference is reported on its own as the
//! **backup cost** (`backup_cost_per_year`): its units × (backup unit cost − the item's unit
//! cost) + its orders × its order cost. It is negative when the backup is the cheaper source.
//! The item's order cost and price breaks are the primary's, and its orders per year count
//! the orders to the primary; the backup's orders and units are counted apart
//! (`backup_orders_per_year`, `backup_units_per_year`). With prices over time the backup's
//! units pay the market price of their day too, plus the same fixed difference.

use crate::core::lead_time::{LeadTime, LeadTimeSampler};
use crate::core::numbers::Num;
use crate::core::supply::Supplier;

/// How an item's orders are shared between its two sources.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SourcingRule {
    /// Every regular order split, this share of it (0 to 1) to the backup.
    Split { backup_share: f64 },
    /// A regular order to the backup when the primary is down the day after it is placed.
    WhilePrimaryDown,
    /// Regular orders to the primary, emergency orders to the backup up to this many units
    /// of fast position.
    DualIndex { level_units: f64 },
}

impl SourcingRule {
    /// The rule in a planner's words.
    pub fn describe(self) -> String {
        match self {
            SourcingRule::Split { backup_share } => {
                format!("{} % of every order from the backup", Num(backup_share * 100.0))
            }
            SourcingRule::WhilePrimaryDown => "the backup only while the primary is down".into(),
            SourcingRule::DualIndex { level_units } => format!(
                "emergency orders from the backup up to {} units of fast position",
                Num(level_units)
            ),
        }
    }
}

/// An item's backup source, as described.
#[derive(Clone, Debug, PartialEq)]
pub struct BackupSpec {
    /// The backup's supplier, by position in the scenario's list; `None` never fails.
    pub supplier: Option<usize>,
    pub lead_time: LeadTime,
    pub unit_cost: f64,
    /// Paid per order to the backup.
    pub order_cost: f64,
    /// The smallest order the backup takes, in units.
    pub min_order_units: f64,
    pub rule: SourcingRule,
}

/// An item's backup source, ready to draw from.
#[derive(Clone, Debug, PartialEq)]
pub struct Backup {
    /// The backup's supplier, when it can fail.
    pub(crate) supplier: Option<Supplier>,
    pub(crate) lead_time: LeadTimeSampler,
    pub(crate) max_lead_days: u32,
    pub unit_cost: f64,
    pub order_cost: f64,
    pub min_order_units: f64,
    pub rule: SourcingRule,
}

impl BackupSpec {
    /// Checks every number and builds the backup. The message names the field and the value.
    pub fn resolve(&self, supplier: Option<&Supplier>) -> Result<Backup, String> {
        for (what, x) in [
            ("a backup unit cost", self.unit_cost),
            ("a backup order cost", self.order_cost),
            ("a backup minimum order", self.min_order_units),
        ] {
            if !(x.is_finite() && x >= 0.0) {
                return Err(format!("{what} of {}; accepted: a number ≥ 0", Num(x)));
            }
        }
        match self.rule {
            SourcingRule::Split { backup_share } if !(0.0..=1.0).contains(&backup_share) => {
                return Err(format!("a backup share of {}; accepted: 0 to 1", Num(backup_share)));
            }
            SourcingRule::DualIndex { level_units }
                if !(level_units.is_finite() && level_units >= 0.0) =>
            {
                return Err(format!(
                    "a backup level of {} units; accepted: a number ≥ 0",
                    Num(level_units)
                ));
            }
            _ => {}
        }
        let lead_time = self.lead_time.sampler().map_err(|m| format!("the backup's {m}"))?;
        Ok(Backup {
            supplier: supplier.filter(|s| s.can_fail()).cloned(),
            max_lead_days: lead_time.max_days(),
            lead_time,
            unit_cost: self.unit_cost,
            order_cost: self.order_cost,
            min_order_units: self.min_order_units,
            rule: self.rule,
        })
    }
}

impl Backup {
    /// The backup's lead-time distribution.
    pub fn lead_time(&self) -> &LeadTimeSampler {
        &self.lead_time
    }

    /// The backup's supplier, when it can fail.
    pub fn supplier(&self) -> Option<&Supplier> {
        self.supplier.as_ref()
    }

    /// The days after an evening that the fast position counts (dual index only): the
    /// backup's longest lead time.
    pub fn window(&self) -> Option<usize> {
        matches!(self.rule, SourcingRule::DualIndex { .. }).then_some(self.max_lead_days as usize)
    }

    /// The same backup with another rule (the optimiser's sizes).
    pub fn with_rule(&self, rule: SourcingRule) -> Backup {
        Backup { rule, ..self.clone() }
    }
}

/// One replication's backup as the day loop uses it, and what it did in the measured days.
#[derive(Clone, Debug)]
pub(crate) struct SecondSource<'a> {
    backup: &'a Backup,
    fixed_lead: Option<usize>,
    /// The lead time an order placed on each day gets (empty when fixed).
    lead_times: &'a [u32],
    /// The first day on or after each day the backup, and the primary, is up.
    next_up: Option<&'a [u32]>,
    primary_next_up: Option<&'a [u32]>,
    in_order: bool,
    whole: bool,
    last_arrival: usize,
    pub(crate) orders: u32,
    pub(crate) units: f64,
}

/// Where part of an order goes: `units` to the backup, landing on `arrival`, and what stays
/// with the primary.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Routed {
    pub backup: f64,
    pub arrival: usize,
    pub primary: f64,
}

impl<'a> SecondSource<'a> {
    pub(crate) fn new(
        item: &'a crate::core::scenario::Item,
        backup: &'a Backup,
        draws: &'a crate::core::sim::Draws,
    ) -> SecondSource<'a> {
        let up = |v: &'a [u32]| (!v.is_empty()).then_some(v);
        SecondSource {
            backup,
            fixed_lead: backup.lead_time.fixed().map(|l| l as usize),
            lead_times: &draws.backup_lead_time,
            next_up: up(&draws.backup_next_up),
            primary_next_up: up(&draws.next_up),
            in_order: item.deliveries_in_order(),
            whole: item.whole_units(),
            last_arrival: 0,
            orders: 0,
            units: 0.0,
        }
    }

    /// The morning an order to the backup placed in the evening of `day` lands.
    #[inline]
    fn arrival(&mut self, day: usize) -> usize {
        let lead = self.fixed_lead.unwrap_or_else(|| self.lead_times[day] as usize);
        let start = self.next_up.map_or(day + 1, |next_up| next_up[day + 1] as usize);
        let mut arrival = start + lead;
        if self.in_order {
            arrival = arrival.max(self.last_arrival);
            self.last_arrival = arrival;
        }
        arrival
    }

    #[inline]
    fn units(&self, x: f64) -> f64 {
        if self.whole {
            libm::round(x)
        } else {
            x
        }
    }

    #[inline]
    fn order<const MEASURED: bool>(&mut self, day: usize, units: f64, primary: f64) -> Routed {
        let backup = units.max(self.backup.min_order_units);
        if MEASURED {
            self.orders += 1;
            self.units += backup;
        }
        Routed { backup, arrival: self.arrival(day), primary }
    }

    /// Where a regular order of `quantity` units placed on `day` goes, when the backup takes
    /// part of it.
    #[inline]
    pub(crate) fn route<const MEASURED: bool>(
        &mut self,
        day: usize,
        quantity: f64,
    ) -> Option<Routed> {
        match self.backup.rule {
            SourcingRule::Split { backup_share } => {
                let part = self.units(quantity * backup_share);
                (part > 0.0).then(|| self.order::<MEASURED>(day, part, quantity - part))
            }
            SourcingRule::WhilePrimaryDown => {
                let down = self.primary_next_up.is_some_and(|n| n[day + 1] as usize != day + 1);
                down.then(|| self.order::<MEASURED>(day, quantity, 0.0))
            }
            SourcingRule::DualIndex { .. } => None,
        }
    }

    /// The emergency order of a review on `day` with the fast position at `fast` (dual
    /// index only).
    #[inline]
    pub(crate) fn emergency<const MEASURED: bool>(
        &mut self,
        day: usize,
        fast: f64,
    ) -> Option<Routed> {
        let SourcingRule::DualIndex { level_units } = self.backup.rule else { return None };
        if fast >= level_units {
            return None;
        }
        let gap = level_units - fast;
        let units = if self.whole { libm::ceil(gap - 1e-9) } else { gap };
        (units > 0.0).then(|| self.order::<MEASURED>(day, units, 0.0))
    }

    /// The fast position's window, for a dual-index backup.
    #[inline]
    pub(crate) fn window(&self) -> Option<usize> {
        self.backup.window()
    }

    /// The backup cost of the measured days: the price difference of its units and its
    /// order costs.
    pub(crate) fn cost(&self, unit_cost: f64) -> f64 {
        self.units * (self.backup.unit_cost - unit_cost)
            + f64::from(self.orders) * self.backup.order_cost
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(rule: SourcingRule) -> BackupSpec {
        BackupSpec {
            supplier: None,
            lead_time: LeadTime::Fixed(2),
            unit_cost: 12.0,
            order_cost: 50.0,
            min_order_units: 0.0,
            rule,
        }
    }

    #[test]
    fn bad_numbers_are_named() {
        let e = spec(SourcingRule::Split { backup_share: 1.5 }).resolve(None).unwrap_err();
        assert!(e.contains("backup share of 1.5") && e.contains("0 to 1"), "{e}");
        let e = BackupSpec { unit_cost: f64::NAN, ..spec(SourcingRule::WhilePrimaryDown) }
            .resolve(None)
            .unwrap_err();
        assert!(e.contains("backup unit cost"), "{e}");
        let e = spec(SourcingRule::DualIndex { level_units: -1.0 }).resolve(None).unwrap_err();
        assert!(e.contains("backup level of -1 units"), "{e}");
    }

    #[test]
    fn only_dual_index_has_a_window() {
        let b = spec(SourcingRule::DualIndex { level_units: 5.0 }).resolve(None).unwrap();
        assert_eq!(b.window(), Some(2));
        let b = spec(SourcingRule::WhilePrimaryDown).resolve(None).unwrap();
        assert_eq!(b.window(), None);
    }
}
