//! An item's costs, and what a sale is worth: the one place that prices a lost unit and
//! turns a total cost into a margin.
//!
//! # Why a lost unit costs its selling price (plus goodwill)
//!
//! Total cost counts purchases, and a unit whose sale is lost is never bought. Were a lost
//! unit priced at its lost margin m = p − c alone, each lost sale would look cheaper than it
//! is by exactly its unit cost c (the purchase it "saves"), and a policy that loses demand
//! would look cheap. Over the measured days, with D units demanded, L lost and everything
//! else sold (sold late, under backorders), margin is
//!
//! ```text
//! margin = p·(D − L) − purchases − operating costs other than shortage − g·L
//!        = p·D − [purchases + operating costs other than shortage + (p + g)·L]
//!        = p·D − total cost,         with a lost unit charged  p + g = c + m + g
//! ```
//!
//! p·D does not depend on the policy (every policy of an item faces the same demand), so the
//! policy that minimises this total cost is exactly the one that maximises margin. A file
//! may give the selling price p, or the lost margin m (then p = c + m), each with goodwill g
//! per unit lost; older files give one figure, "lost margin plus goodwill" (m + g), and a
//! lost unit then costs c + m + g all the same, though the price, and so the margin, is not
//! known.

/// What a unit sells for, as far as the scenario says.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum SaleValue {
    /// The selling price per unit (given, or the unit cost plus a given lost margin).
    Price(f64),
    /// Only the lost margin plus goodwill per unit lost, as one figure (the file's
    /// `lost_sale_per_unit`): the price is unknown, so no margin can be reported.
    MarginAndGoodwill(f64),
}

impl Default for SaleValue {
    /// Nothing given: a lost unit costs its purchase and nothing more.
    fn default() -> Self {
        SaleValue::MarginAndGoodwill(0.0)
    }
}

/// An item's costs, in the scenario's currency.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Costs {
    /// Purchase price per unit (paid by the payment terms).
    pub unit_cost: f64,
    /// Capital holding: a fraction of the cash tied up per year (0.25 = 25 %).
    pub holding_rate_per_year: f64,
    /// Storage (space) per unit on hand per day.
    pub storage_per_unit_day: f64,
    /// Fixed cost of placing one order.
    pub order_cost: f64,
    /// Backorder penalty per unit per day a customer waits.
    pub backorder_per_unit_day: f64,
    /// What a sale is worth.
    pub sale: SaleValue,
    /// Goodwill lost per unit of demand lost, on top of the sale (0 when the sale value is
    /// given as margin plus goodwill).
    pub goodwill_per_unit: f64,
    /// Disposal per unit written off (expired or obsolete).
    pub disposal_per_unit: f64,
}

impl Costs {
    /// The selling price per unit, when the scenario gives it (or the lost margin).
    pub fn selling_price(&self) -> Option<f64> {
        match self.sale {
            SaleValue::Price(p) => Some(p),
            SaleValue::MarginAndGoodwill(_) => None,
        }
    }

    /// What one unit of lost demand costs, consistently with purchases being in the total
    /// (see the module's documentation):
    ///
    /// ```text
    /// price p known:             p + goodwill
    /// margin plus goodwill x:    unit cost + x
    /// ```
    pub fn lost_sale_per_unit(&self) -> f64 {
        match self.sale {
            SaleValue::Price(p) => p + self.goodwill_per_unit,
            SaleValue::MarginAndGoodwill(x) => self.unit_cost + x + self.goodwill_per_unit,
        }
    }

    /// The same costs with a lost unit costing twice as much (the drivers' "stockout cost"
    /// step): the extra goes to goodwill, so a known price stays what it is.
    #[must_use]
    pub fn with_lost_sale_doubled(mut self) -> Costs {
        self.goodwill_per_unit += self.lost_sale_per_unit();
        self
    }
}

/// Margin per year from revenue terms: selling price × units demanded per year − total cost
/// per year (the module's identity). Units sold late under backorders count as sold.
pub fn margin_per_year(price: f64, demanded_per_year: f64, total_cost_per_year: f64) -> f64 {
    price * demanded_per_year - total_cost_per_year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_unit_costs_its_price_whichever_way_the_sale_is_given() {
        let base = Costs { unit_cost: 40.0, ..Costs::default() };
        // Price 70, goodwill 5: a lost unit costs 75.
        let priced = Costs { sale: SaleValue::Price(70.0), goodwill_per_unit: 5.0, ..base };
        assert_eq!(priced.lost_sale_per_unit(), 75.0);
        assert_eq!(priced.selling_price(), Some(70.0));
        // Margin plus goodwill 35 as one figure: the same 40 + 35.
        let legacy = Costs { sale: SaleValue::MarginAndGoodwill(35.0), ..base };
        assert_eq!(legacy.lost_sale_per_unit(), 75.0);
        assert_eq!(legacy.selling_price(), None);
        // Doubling the stockout cost keeps the price and doubles what a lost unit costs.
        assert_eq!(priced.with_lost_sale_doubled().lost_sale_per_unit(), 150.0);
        assert_eq!(priced.with_lost_sale_doubled().selling_price(), Some(70.0));
        assert_eq!(legacy.with_lost_sale_doubled().lost_sale_per_unit(), 150.0);
    }
}
