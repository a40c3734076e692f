//! What an order costs beyond its units at the list price: all-units quantity discounts
//! (price breaks) and freight per shipment. Both depend on the size of each order, so they
//! pull toward bigger, rarer orders (JIC's side) in the same decision as the order cost.
//!
//! # Price breaks (all units)
//!
//! An item may list breaks `(from_units, unit_cost)` in rising quantity and falling price. An
//! order of q units pays, for **every** unit of it, the price of the largest break with
//! `from_units ≤ q`, or the item's unit cost below the first break. The price is set by the
//! quantity on the purchase order (with a supply yield, what is ordered, not what arrives).
//!
//! # Freight per shipment
//!
//! A cost per truck or container that carries up to `units_per_shipment` units: an order of q
//! units needs ⌈q / units_per_shipment⌉ shipments and pays each in full, so a half-empty
//! truck costs as much as a full one. It is charged when the order is placed and reported with
//! the fixed order cost, as the ordering cost (`ordering_cost_per_year`).
//!
//! # How stock is valued when prices vary
//!
//! With breaks, units bought at different prices sit side by side. The simulation values
//! stock at the **weighted average price the policy paid** over the measured days (the
//! periodic weighted-average cost method): P̄ = Σ qᵢ·p(qᵢ) / Σ qᵢ over the orders placed in
//! the measured days, or the item's unit cost when it placed none. Capital holding, cash tied
//! up and purchases use P̄; the stock at the start of the measured days counts as bought at P̄
//! and the stock at the end is credited at P̄ (the price this policy replaces it at), so
//! policies that end with different stock compare fairly. With every order at one price — as
//! under the textbook price-break EOQ, where every order is Q — P̄ is that price exactly.
//!
//! Without breaks and freight an item's orders are priced as they always were: the day loop
//! is instantiated without any of this ([`Flat`]), so it costs nothing when unused.

use crate::core::numbers::Num;

/// The most price breaks an item may list.
pub const MAX_PRICE_BREAKS: usize = 12;

/// One all-units price break: orders of `from_units` units or more pay `unit_cost` for every
/// unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PriceBreak {
    pub from_units: f64,
    pub unit_cost: f64,
}

/// Freight: each shipment carries up to `units_per_shipment` units and costs `per_shipment`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Freight {
    pub per_shipment: f64,
    pub units_per_shipment: f64,
}

impl Freight {
    /// Shipments an order of `units` needs (none for no units).
    pub fn shipments(&self, units: f64) -> f64 {
        if units <= 0.0 {
            return 0.0;
        }
        // A hair under a whole number of loads (rounding dust of a multiple) is that number.
        libm::ceil(units / self.units_per_shipment - 1e-9).max(1.0)
    }

    /// What an order of `units` pays for freight.
    pub fn cost(&self, units: f64) -> f64 {
        self.shipments(units) * self.per_shipment
    }
}

/// An item's order-size economics as described: price breaks and freight (none by default).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OrderCharges {
    pub price_breaks: Vec<PriceBreak>,
    pub freight: Option<Freight>,
}

impl OrderCharges {
    /// True when an order costs its units at the unit cost and the fixed order cost, nothing
    /// more.
    pub fn is_flat(&self) -> bool {
        self.price_breaks.is_empty() && self.freight.is_none()
    }

    /// The price every unit of an order of `units` pays, given the item's unit cost.
    pub fn unit_price(&self, unit_cost: f64, units: f64) -> f64 {
        self.price_breaks
            .iter()
            .take_while(|b| b.from_units <= units)
            .last()
            .map_or(unit_cost, |b| b.unit_cost)
    }

    /// The lowest price any order can pay.
    pub fn lowest_price(&self, unit_cost: f64) -> f64 {
        self.price_breaks.last().map_or(unit_cost, |b| b.unit_cost)
    }

    /// Freight for an order of `units` (0 without freight).
    pub fn freight_cost(&self, units: f64) -> f64 {
        self.freight.map_or(0.0, |f| f.cost(units))
    }

    /// Checks the breaks and freight against the item's unit cost: at most
    /// [`MAX_PRICE_BREAKS`] breaks, each from more units than the last at a price no higher
    /// (the first no higher than the unit cost), every number finite; freight ≥ 0 a shipment
    /// carrying more than 0 units. The message names the break and the value.
    pub fn check(&self, unit_cost: f64) -> Result<(), String> {
        if self.price_breaks.len() > MAX_PRICE_BREAKS {
            return Err(format!(
                "{} price breaks; accepted: up to {MAX_PRICE_BREAKS}",
                self.price_breaks.len()
            ));
        }
        let (mut from, mut price) = (0.0, unit_cost);
        for (k, b) in self.price_breaks.iter().enumerate() {
            let n = k + 1;
            if !(b.from_units.is_finite() && b.from_units > from) {
                return Err(format!(
                    "price break {n} starts at {} units; accepted: more than {} units (each \
                     break from more units than the one before)",
                    Num(b.from_units),
                    Num(from)
                ));
            }
            if !(b.unit_cost.is_finite() && b.unit_cost >= 0.0 && b.unit_cost <= price) {
                return Err(format!(
                    "price break {n} costs {} a unit; accepted: from 0 to {} (a break never \
                     costs more than the price below it)",
                    Num(b.unit_cost),
                    Num(price)
                ));
            }
            (from, price) = (b.from_units, b.unit_cost);
        }
        if let Some(f) = self.freight {
            if !(f.per_shipment.is_finite() && f.per_shipment >= 0.0) {
                return Err(format!(
                    "freight of {} a shipment; accepted: a number ≥ 0",
                    Num(f.per_shipment)
                ));
            }
            if !(f.units_per_shipment.is_finite() && f.units_per_shipment > 0.0) {
                return Err(format!(
                    "a shipment of {} units; accepted: more than 0 units",
                    Num(f.units_per_shipment)
                ));
            }
        }
        Ok(())
    }
}

/// The day loop's view of order charges, chosen once per run: [`Flat`] keeps nothing (and
/// compiles to nothing), [`Tally`] adds up what each order placed in the measured days pays.
pub(crate) trait Charges {
    /// True for [`Flat`]: the loop skips the tally.
    const FLAT: bool;
    /// An order of `units` placed in the measured days.
    fn order(&mut self, units: f64);
    /// Σ units × price over the orders tallied, and Σ freight.
    fn totals(&self) -> (f64, f64);
}

/// No breaks and no freight: nothing to tally.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Flat;

impl Charges for Flat {
    const FLAT: bool = true;
    #[inline(always)]
    fn order(&mut self, _: f64) {}
    fn totals(&self) -> (f64, f64) {
        (0.0, 0.0)
    }
}

/// Adds up the value of the orders placed at their prices, and their freight.
#[derive(Clone, Debug)]
pub(crate) struct Tally<'a> {
    charges: &'a OrderCharges,
    unit_cost: f64,
    value: f64,
    freight: f64,
}

impl<'a> Tally<'a> {
    pub(crate) fn new(charges: &'a OrderCharges, unit_cost: f64) -> Tally<'a> {
        Tally { charges, unit_cost, value: 0.0, freight: 0.0 }
    }
}

impl Charges for Tally<'_> {
    const FLAT: bool = false;
    #[inline(always)]
    fn order(&mut self, units: f64) {
        self.value += units * self.charges.unit_price(self.unit_cost, units);
        self.freight += self.charges.freight_cost(units);
    }
    fn totals(&self) -> (f64, f64) {
        (self.value, self.freight)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn breaks() -> OrderCharges {
        OrderCharges {
            price_breaks: vec![
                PriceBreak { from_units: 500.0, unit_cost: 38.0 },
                PriceBreak { from_units: 1000.0, unit_cost: 36.0 },
            ],
            freight: Some(Freight { per_shipment: 300.0, units_per_shipment: 400.0 }),
        }
    }

    #[test]
    fn every_unit_of_an_order_pays_the_price_of_its_largest_break() {
        let c = breaks();
        assert_eq!(c.unit_price(40.0, 499.0), 40.0);
        assert_eq!(c.unit_price(40.0, 500.0), 38.0);
        assert_eq!(c.unit_price(40.0, 999.9), 38.0);
        assert_eq!(c.unit_price(40.0, 5000.0), 36.0);
        assert_eq!(c.lowest_price(40.0), 36.0);
        assert_eq!(OrderCharges::default().unit_price(40.0, 1e6), 40.0);
    }

    #[test]
    fn a_part_load_pays_a_whole_shipment() {
        let f = breaks().freight.unwrap();
        assert_eq!(f.shipments(0.0), 0.0);
        assert_eq!(f.shipments(1.0), 1.0);
        assert_eq!(f.shipments(400.0), 1.0);
        assert_eq!(f.shipments(400.0 * 3.0 + 1e-12), 3.0);
        assert_eq!(f.shipments(401.0), 2.0);
        assert_eq!(f.cost(401.0), 600.0);
    }

    #[test]
    fn breaks_must_rise_in_quantity_and_fall_in_price() {
        assert!(breaks().check(40.0).is_ok());
        let e = breaks().check(37.0).unwrap_err();
        assert!(e.contains("price break 1 costs 38") && e.contains("from 0 to 37"), "{e}");
        let mut c = breaks();
        c.price_breaks[1].from_units = 500.0;
        let e = c.check(40.0).unwrap_err();
        assert!(e.contains("price break 2 starts at 500 units"), "{e}");
        c.price_breaks[1].from_units = f64::NAN;
        assert!(c.check(40.0).is_err());
        let mut c = breaks();
        c.freight = Some(Freight { per_shipment: 10.0, units_per_shipment: 0.0 });
        assert!(c.check(40.0).unwrap_err().contains("a shipment of 0 units"));
        let many = OrderCharges {
            price_breaks: (1..=13)
                .map(|k| PriceBreak { from_units: f64::from(k), unit_cost: 1.0 })
                .collect(),
            freight: None,
        };
        assert!(many.check(1.0).unwrap_err().contains("13 price breaks"));
    }

    #[test]
    fn the_tally_adds_each_order_at_its_price_and_freight() {
        let c = breaks();
        let mut t = Tally::new(&c, 40.0);
        t.order(450.0);
        t.order(1000.0);
        assert_eq!(t.totals(), (450.0 * 40.0 + 1000.0 * 36.0, 600.0 + 900.0));
        let mut flat = Flat;
        flat.order(10.0);
        assert_eq!(flat.totals(), (0.0, 0.0));
    }
}
