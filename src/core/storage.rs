//! Storage space: the room an item has on the shelf, and what happens to stock beyond it.
//! JIT needs little space; JIC needs room, which a warehouse may not have.
//!
//! # Capacity
//!
//! In units, or in cubic metres with a volume per unit (capacity = m³ ÷ m³ per unit units;
//! the volume is kept for the warehouse's figures).
//!
//! # When a delivery does not fit
//!
//! Space is checked when a delivery lands, on the morning of its day (step 1 of the day),
//! before the waiting customers are served. Units that go straight to a waiting customer need
//! no shelf, so the room a delivery finds is `capacity − on hand + backorders` (never below
//! zero):
//!
//! - **Refuse**: the part of the delivery beyond that room is refused — sent back, not bought.
//!   It leaves the inventory position, so the next review orders again; the refused units
//!   and deliveries are counted (`refused_units_per_year`, `refused_deliveries_per_year`).
//! - **Rent**: everything is taken in, and every evening the stock on hand above capacity is
//!   kept in rented overflow space at a cost per unit-day (`overflow_cost_per_year`, part of
//!   the storage cost).
//!
//! In both cases a day that ends with more on hand than the capacity is an **overflow day**
//! (`overflow_days_per_year`). Under "refuse" only the starting stock can make one: a
//! policy's level above the capacity is told so rather than silently cut.
//!
//! With no capacity an item runs the day loop without any of this (`levers::Plain`).

use crate::core::numbers::Num;

/// The largest capacity, in units or m³.
pub const MAX_CAPACITY: f64 = 1e12;

/// How much room an item has.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Capacity {
    Units(f64),
    /// `m3` cubic metres, each unit taking `m3_per_unit`.
    Volume {
        m3: f64,
        m3_per_unit: f64,
    },
}

impl Capacity {
    /// The capacity in units.
    pub fn units(self) -> f64 {
        match self {
            Capacity::Units(units) => units,
            Capacity::Volume { m3, m3_per_unit } => m3 / m3_per_unit,
        }
    }
}

/// What happens to stock beyond the capacity.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum WhenFull {
    /// The part of a delivery beyond the room left is refused: returned, not bought.
    Refuse,
    /// Overflow space is rented at this cost per unit per day.
    Rent { per_unit_day: f64 },
}

/// An item's storage space, as described.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Storage {
    pub capacity: Capacity,
    pub when_full: WhenFull,
}

impl Storage {
    /// Checks the capacity (more than 0, at most [`MAX_CAPACITY`]), the volume per unit (more
    /// than 0) and the overflow cost (≥ 0). The message names the field and the value.
    pub fn check(&self) -> Result<(), String> {
        let (what, x) = match self.capacity {
            Capacity::Units(units) => ("units", units),
            Capacity::Volume { m3, m3_per_unit } => {
                if !(m3_per_unit.is_finite() && m3_per_unit > 0.0 && m3_per_unit <= MAX_CAPACITY) {
                    return Err(format!(
                        "{} m³ a unit; accepted: more than 0, up to {}",
                        Num(m3_per_unit),
                        Num(MAX_CAPACITY)
                    ));
                }
                ("m³", m3)
            }
        };
        if !(x.is_finite() && x > 0.0 && x <= MAX_CAPACITY) {
            return Err(format!(
                "a capacity of {} {what}; accepted: more than 0, up to {}",
                Num(x),
                Num(MAX_CAPACITY)
            ));
        }
        if let WhenFull::Rent { per_unit_day } = self.when_full {
            if !(per_unit_day.is_finite() && per_unit_day >= 0.0) {
                return Err(format!(
                    "an overflow cost of {} per unit-day; accepted: a number ≥ 0",
                    Num(per_unit_day)
                ));
            }
        }
        Ok(())
    }

    /// The units of a delivery of `arriving` that find room, given the stock on hand and the
    /// customers waiting before it lands (everything, when overflow space is rented).
    #[inline]
    pub fn accepted(
        &self,
        capacity_units: f64,
        on_hand: f64,
        backorders: f64,
        arriving: f64,
    ) -> f64 {
        match self.when_full {
            WhenFull::Rent { .. } => arriving,
            WhenFull::Refuse => {
                let room = capacity_units - on_hand + backorders;
                if room <= 0.0 {
                    0.0
                } else if arriving < room {
                    arriving
                } else {
                    room
                }
            }
        }
    }

    /// The cost of one unit-day of overflow (0 when deliveries are refused instead).
    pub fn overflow_per_unit_day(&self) -> f64 {
        match self.when_full {
            WhenFull::Refuse => 0.0,
            WhenFull::Rent { per_unit_day } => per_unit_day,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delivery_fills_the_room_left_and_waiting_customers_need_none() {
        let s = Storage { capacity: Capacity::Units(100.0), when_full: WhenFull::Refuse };
        assert_eq!(s.accepted(100.0, 80.0, 0.0, 50.0), 20.0);
        assert_eq!(s.accepted(100.0, 0.0, 30.0, 150.0), 130.0);
        assert_eq!(s.accepted(100.0, 120.0, 0.0, 50.0), 0.0);
        assert_eq!(s.accepted(100.0, 10.0, 0.0, 50.0), 50.0);
        let rent = Storage { when_full: WhenFull::Rent { per_unit_day: 0.2 }, ..s };
        assert_eq!(rent.accepted(100.0, 120.0, 0.0, 50.0), 50.0);
        assert_eq!(rent.overflow_per_unit_day(), 0.2);
        assert_eq!(Capacity::Volume { m3: 30.0, m3_per_unit: 0.5 }.units(), 60.0);
    }

    #[test]
    fn bad_numbers_are_named() {
        let s = Storage { capacity: Capacity::Units(0.0), when_full: WhenFull::Refuse };
        assert!(s.check().unwrap_err().contains("a capacity of 0 units"));
        let s = Storage {
            capacity: Capacity::Volume { m3: 10.0, m3_per_unit: 0.0 },
            when_full: WhenFull::Refuse,
        };
        assert!(s.check().unwrap_err().contains("0 m³ a unit"));
        let s = Storage {
            capacity: Capacity::Units(10.0),
            when_full: WhenFull::Rent { per_unit_day: f64::INFINITY },
        };
        assert!(s.check().unwrap_err().contains("overflow cost"));
    }
}
