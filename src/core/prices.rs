//! Prices over time: the market price of an item moving day by day (inflation, scheduled or
//! announced changes, random jumps), a supply agreement that fixes the price of a quantity per
//! period, and forward buying ahead of an announced rise. Without any of them an item pays its
//! unit cost every day and runs the day loop without this file (`levers::Plain`).
//!
//! # The market price
//!
//! Day 0's price is the item's unit cost. Each later day's is the day before's, grown by the
//! day's share of the yearly inflation, `(1 + i)^(1 / days per year)`; then a scheduled change
//! on that day sets it (`to` a new price) or moves it (`pct` up or down); then a random jump,
//! if one starts that day, multiplies it by `1 + x / 100` with x drawn from a normal
//! distribution (mean and sd in %, the factor never below [`MIN_JUMP_FACTOR`]). Jumps start
//! on a day with probability rate / days per year, from the item's own price stream
//! (`rng::StreamKind::Price`), so every policy of a replication sees the same path (common
//! random numbers) and the rest of the draws do not move when prices are added.
//!
//! Price breaks (`order_charges`) scale with the market: an order's unit price is its
//! break's price × market price ÷ unit cost.
//!
//! # What an order pays
//!
//! An order pays the price of the day it is placed (the evening's review, or an expedite),
//! except for the part a supply agreement covers: from its first day, for its length, each
//! period of `period_days` lets the first `units_per_period` units ordered pay the agreed
//! price; units beyond the cap pay the market's (a cap, not an obligation: an agreement that
//! is not used costs nothing).
//!
//! # Valuing the stock: moving average cost
//!
//! The stock an item owns or has ordered (its inventory position) is valued at one **book
//! price**, its moving average cost: when an order of q units at price p is placed with a
//! position of U units, the book price becomes (book × U + p × q) / (U + q) (just p when
//! U ≤ 0: the order first serves customers who wait). Every unit that leaves the position
//! (sold, expired, written off, refused, short delivered) leaves at the book price, so the
//! position's value is always units × book price. Cash tied up, capital holding and the
//! stock credited back at the end are valued at it; purchases are what the orders paid, plus
//! the position's value at the start of the measured days, less its value at their end. So
//! stock bought before a rise is held, and credited back, at what was paid for it.
//!
//! # Forward buying
//!
//! An option on any policy: at the last review before an announced price rise (a scheduled
//! change with `announced_days_ahead`, known from that many days before it; the review on
//! day t is the last one when t < T ≤ t + R), the order is raised by `cover_days` × mean daily
//! demand on top of what the rule orders. With `"as_much_as_pays"` the cover is the one the
//! textbook special-order rule gives for no order cost (`closed_form::forward_buy_days`): a
//! unit held x more days costs x × (price × holding rate / days per year + storage per
//! unit-day) and saves the rise k, so cover = k ÷ that daily cost. Unannounced changes and
//! random jumps cannot be bought ahead of.

use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

use crate::core::numbers::Num;

/// A jump never takes the price below this share of what it was.
pub const MIN_JUMP_FACTOR: f64 = 0.05;
/// Most scheduled price changes per item.
pub const MAX_PRICE_CHANGES: usize = 100;
/// The longest forward-buying cover, in days.
pub const MAX_FORWARD_DAYS: f64 = 3_650.0;

/// A scheduled price change: on `day`, to a new price or by a percentage.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    /// The price per unit from that day.
    To(f64),
    /// Up (> 0) or down (< 0) by this many %.
    Pct(f64),
}

/// A price change on a known day.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PriceChange {
    pub day: u32,
    pub change: Change,
    /// Known this many days ahead (forward buying can act on it); `None`: a surprise.
    pub announced_days_ahead: Option<u32>,
}

/// Random price jumps: how often, and how large (in %, normal).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PriceJumps {
    pub per_year: f64,
    pub mean_pct: f64,
    pub sd_pct: f64,
}

/// A supply agreement: up to `units_per_period` units per period of `period_days` at `price`,
/// from `start_day` for `days` days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Agreement {
    pub price: f64,
    pub units_per_period: f64,
    pub period_days: u32,
    pub start_day: u32,
    pub days: u32,
}

/// How much to buy ahead of an announced rise.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ForwardBuy {
    /// This many days of mean demand on top of the rule's order.
    CoverDays(f64),
    /// As much as pays: the special-order rule's cover (`closed_form::forward_buy_days`).
    AsMuchAsPays,
}

/// An item's prices over time, as described.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prices {
    /// Yearly inflation of the market price, in % (may be negative).
    pub inflation_pct_per_year: f64,
    /// Scheduled changes, in day order.
    pub changes: Vec<PriceChange>,
    pub jumps: Option<PriceJumps>,
    pub agreement: Option<Agreement>,
    pub forward_buy: Option<ForwardBuy>,
}

fn check_number(what: &str, x: f64, low: f64, high: f64, unit: &str) -> Result<(), String> {
    if x.is_finite() && (low..=high).contains(&x) {
        Ok(())
    } else {
        Err(format!("{what} of {}; accepted: {} to {} {unit}", Num(x), Num(low), Num(high)))
    }
}

impl Prices {
    /// Checks every number, with the horizon the days must fall in. The message names the
    /// field, the value and the accepted range.
    pub fn check(&self, horizon_days: u32) -> Result<(), String> {
        check_number("an inflation", self.inflation_pct_per_year, -50.0, 200.0, "% per year")?;
        if self.changes.len() > MAX_PRICE_CHANGES {
            return Err(format!(
                "{} price changes; accepted: at most {MAX_PRICE_CHANGES}",
                self.changes.len()
            ));
        }
        let last = f64::from(horizon_days.saturating_sub(1));
        for c in &self.changes {
            check_number("a price change day", f64::from(c.day), 1.0, last, "(day of the run)")?;
            match c.change {
                Change::To(p) => check_number("a new price", p, 0.0, 1e9, "currency/unit")?,
                Change::Pct(x) => check_number("a price change", x, -99.0, 1_000.0, "%")?,
            }
            if let Some(a) = c.announced_days_ahead {
                check_number("a notice", f64::from(a), 0.0, 3_650.0, "days")?;
            }
        }
        if let Some(j) = self.jumps {
            check_number("a price jump rate", j.per_year, 0.0, 365.0, "jumps per year")?;
            check_number("a price jump mean", j.mean_pct, -90.0, 1_000.0, "%")?;
            check_number("a price jump sd", j.sd_pct, 0.0, 1_000.0, "%")?;
        }
        if let Some(a) = self.agreement {
            check_number("an agreed price", a.price, 0.0, 1e9, "currency/unit")?;
            check_number("an agreed quantity", a.units_per_period, 0.0, 1e12, "units per period")?;
            check_number("an agreement period", f64::from(a.period_days), 1.0, 3_650.0, "days")?;
            check_number("an agreement start", f64::from(a.start_day), 0.0, last, "(day)")?;
            check_number("an agreement length", f64::from(a.days), 1.0, 3_650.0, "days")?;
        }
        if let Some(ForwardBuy::CoverDays(d)) = self.forward_buy {
            check_number("a forward-buying cover", d, 0.0, MAX_FORWARD_DAYS, "days")?;
        }
        Ok(())
    }

    /// Whether the market price moves at all (else only an agreement can change what is paid).
    pub fn moves(&self) -> bool {
        self.inflation_pct_per_year != 0.0
            || !self.changes.is_empty()
            || self.jumps.is_some_and(|j| j.per_year > 0.0)
    }

    /// Whether any scheduled change is announced ahead (forward buying can act on it).
    pub fn announced(&self) -> bool {
        self.changes.iter().any(|c| c.announced_days_ahead.is_some())
    }

    /// Whether the path differs between replications (random jumps).
    pub fn random(&self) -> bool {
        self.jumps.is_some_and(|j| j.per_year > 0.0)
    }

    /// Fills `path` with the market price of days 0 … horizon − 1 (module documentation),
    /// drawing jumps from `rng` (only when the item has them).
    pub fn fill<R: Rng + ?Sized>(
        &self,
        unit_cost: f64,
        days_per_year: f64,
        horizon: usize,
        rng: &mut R,
        path: &mut Vec<f64>,
    ) {
        path.clear();
        path.reserve(horizon);
        let growth = (1.0 + self.inflation_pct_per_year / 100.0).powf(1.0 / days_per_year);
        let jump_chance = self.jumps.map_or(0.0, |j| (j.per_year / days_per_year).min(1.0));
        let mut changes = self.changes.iter().peekable();
        let mut price = unit_cost;
        for day in 0..horizon {
            if day > 0 {
                price *= growth;
            }
            while let Some(c) = changes.next_if(|c| c.day as usize <= day) {
                price = match c.change {
                    Change::To(p) => p,
                    Change::Pct(x) => price * (1.0 + x / 100.0),
                };
            }
            if let Some(j) = self.jumps.filter(|_| jump_chance > 0.0) {
                if rng.random::<f64>() < jump_chance {
                    let z: f64 = StandardNormal.sample(rng);
                    price *= (1.0 + (j.mean_pct + j.sd_pct * z) / 100.0).max(MIN_JUMP_FACTOR);
                }
            }
            path.push(price);
        }
    }

    /// The scheduled changes sorted by day (one sort for every caller).
    pub fn sort(&mut self) {
        self.changes.sort_by_key(|c| c.day);
    }
}

/// A purchase ahead of an announced rise, as a plan states it: on the review of `day`, order
/// `units` on top of what the rule orders, before the change of `change_day`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct BuyAhead {
    pub day: u32,
    pub units: f64,
    pub change_day: u32,
}

/// The purchases ahead that forward buying makes over the horizon for a policy reviewing
/// every `review` days (days 0, R, 2R, …), by the very rule the day loop runs, on the price
/// path without random jumps (with jumps, "as much as pays" sizes each replication's on its
/// own path).
pub fn buys_ahead(item: &crate::core::scenario::Item, review: u32) -> Vec<BuyAhead> {
    let Some(prices) = item.prices().filter(|p| p.forward_buy.is_some()) else {
        return Vec::new();
    };
    let calm = Prices { jumps: None, ..prices.clone() };
    let horizon = item.horizon_days() as usize;
    let mut path = Vec::new();
    // No jumps: the stream is never drawn from.
    let mut no_jumps = crate::core::rng::stream(0, 0, 0, crate::core::rng::StreamKind::Price);
    calm.fill(item.unit_cost(), item.settings.days_per_year(), horizon, &mut no_jumps, &mut path);
    let mut book = PriceBook::new(item, &calm, &path);
    let review = review.max(1);
    (0..horizon)
        .step_by(review as usize)
        .filter_map(|day| {
            let units = book.forward::<false>(day, review);
            let ahead =
                |c: &&PriceChange| c.day as usize > day && c.day as usize <= day + review as usize;
            let change_day = calm.changes.iter().find(ahead).map_or(0, |c| c.day);
            (units > 0.0).then_some(BuyAhead { day: day as u32, units, change_day })
        })
        .collect()
}

/// What the day loop keeps of an item's prices for one run: the path, the agreement's use,
/// the book price, and the money the measured days moved.
#[derive(Clone, Debug)]
pub(crate) struct PriceBook<'a> {
    prices: &'a Prices,
    path: &'a [f64],
    /// Price breaks scale with the market: `breaks(units)` is the break's price ÷ unit cost.
    charges: &'a crate::core::order_charges::OrderCharges,
    unit_cost: f64,
    mean_demand: f64,
    /// Demand comes in whole units: so are the units bought ahead.
    whole: bool,
    /// Capital holding and storage per unit-day, for "as much as pays".
    holding_rate_per_day: f64,
    storage_per_unit_day: f64,
    /// The moving average cost of the inventory position.
    book: f64,
    /// The agreement's period in force and the units it has left.
    period: Option<u32>,
    left: f64,
    /// The next scheduled change forward buying has not acted on.
    next_change: usize,
    // Measured days only.
    pub(crate) paid: f64,
    pub(crate) bought_units: f64,
    pub(crate) forward_units: f64,
    pub(crate) cash_value: f64,
    pub(crate) in_transit_value: f64,
    pub(crate) owed_value: f64,
    pub(crate) peak_cash_value: f64,
}

impl<'a> PriceBook<'a> {
    pub(crate) fn new(
        item: &'a crate::core::scenario::Item,
        prices: &'a Prices,
        path: &'a [f64],
    ) -> PriceBook<'a> {
        let days_per_year = item.settings.days_per_year();
        PriceBook {
            prices,
            path,
            charges: item.order_charges(),
            unit_cost: item.unit_cost(),
            mean_demand: item.demand().expected(),
            whole: item.whole_units(),
            holding_rate_per_day: item.holding_rate_per_year() / days_per_year,
            storage_per_unit_day: item.storage_cost_per_unit_day(),
            book: item.unit_cost(),
            period: None,
            left: 0.0,
            next_change: 0,
            paid: 0.0,
            bought_units: 0.0,
            forward_units: 0.0,
            cash_value: 0.0,
            in_transit_value: 0.0,
            owed_value: 0.0,
            peak_cash_value: f64::NEG_INFINITY,
        }
    }

    /// The market price on `day` (the last day's past the horizon).
    #[inline]
    pub(crate) fn market(&self, day: usize) -> f64 {
        match self.path.get(day).or(self.path.last()) {
            Some(&p) => p,
            None => self.unit_cost,
        }
    }

    /// The book price: the moving average cost of the inventory position.
    pub(crate) fn book(&self) -> f64 {
        self.book
    }

    /// What an order of `units` placed on `day` pays in all, using up the agreement's cap.
    fn pay(&mut self, day: usize, placed: f64, units: f64) -> f64 {
        let scale = if self.unit_cost > 0.0 {
            self.charges.unit_price(self.unit_cost, placed) / self.unit_cost
        } else {
            1.0
        };
        let market = self.market(day) * scale;
        let Some(a) = self.prices.agreement else { return units * market };
        let start = a.start_day as usize;
        if day < start || day >= start + a.days as usize {
            return units * market;
        }
        let period = ((day - start) / a.period_days as usize) as u32;
        if self.period != Some(period) {
            self.period = Some(period);
            self.left = a.units_per_period;
        }
        let agreed = units.min(self.left);
        self.left -= agreed;
        agreed * a.price + (units - agreed) * market
    }

    /// An order of `units` (of `placed` on the purchase order) placed on `day`, with the
    /// inventory position at `position` before it: pays its price and moves the book price.
    #[inline]
    pub(crate) fn bought<const MEASURED: bool>(
        &mut self,
        day: usize,
        position: f64,
        placed: f64,
        units: f64,
    ) {
        if units <= 0.0 {
            return;
        }
        let value = self.pay(day, placed, units);
        self.book = if position > 0.0 {
            (self.book * position + value) / (position + units)
        } else {
            value / units
        };
        if MEASURED {
            self.paid += value;
            self.bought_units += units;
        }
    }

    /// Units that left the position without being sold (short delivered, refused): not paid.
    #[inline]
    pub(crate) fn unbought<const MEASURED: bool>(&mut self, units: f64) {
        if MEASURED {
            self.paid -= units * self.book;
            self.bought_units -= units;
        }
    }

    /// The evening's cash tied up in units (on hand, paid for in transit, owed), valued at
    /// the book price.
    #[inline]
    pub(crate) fn evening<const MEASURED: bool>(
        &mut self,
        on_hand: f64,
        in_transit: f64,
        owed: f64,
    ) {
        if MEASURED {
            let cash = (on_hand + in_transit - owed) * self.book;
            self.cash_value += cash;
            self.in_transit_value += in_transit * self.book;
            self.owed_value += owed * self.book;
            if cash > self.peak_cash_value {
                self.peak_cash_value = cash;
            }
        }
    }

    /// The extra units a review on `day` (every `review` days) buys ahead of an announced
    /// rise; 0 when none is due.
    pub(crate) fn forward<const MEASURED: bool>(&mut self, day: usize, review: u32) -> f64 {
        let Some(rule) = self.prices.forward_buy else { return 0.0 };
        let changes = &self.prices.changes;
        // Changes on or before today can no longer be bought ahead of.
        while self.next_change < changes.len() && changes[self.next_change].day as usize <= day {
            self.next_change += 1;
        }
        let mut extra_days: f64 = 0.0;
        for c in &changes[self.next_change..] {
            let at = c.day as usize;
            if at > day + review as usize {
                break;
            }
            let Some(notice) = c.announced_days_ahead else { continue };
            if day + (notice as usize) < at {
                continue;
            }
            let today = self.market(day);
            let new = match c.change {
                Change::To(p) => p,
                Change::Pct(x) => today * (1.0 + x / 100.0),
            };
            let rise = new - today;
            if rise <= 0.0 {
                continue;
            }
            let days = match rule {
                ForwardBuy::CoverDays(d) => d,
                ForwardBuy::AsMuchAsPays => crate::core::closed_form::forward_buy_days(
                    rise,
                    today * self.holding_rate_per_day + self.storage_per_unit_day,
                )
                .min(MAX_FORWARD_DAYS),
            };
            extra_days = extra_days.max(days);
        }
        let units = extra_days * self.mean_demand;
        // Whole units, rounded up, less the dust a division leaves (182.5 × 10 is 1,825).
        let units = if self.whole { (units - 1e-9).ceil().max(0.0) } else { units };
        if MEASURED {
            self.forward_units += units;
        }
        units
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn rng() -> rand_xoshiro::Xoshiro256PlusPlus {
        rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(7)
    }

    #[test]
    fn inflation_compounds_to_the_yearly_rate() {
        let p = Prices { inflation_pct_per_year: 10.0, ..Prices::default() };
        let mut path = Vec::new();
        p.fill(50.0, 365.0, 731, &mut rng(), &mut path);
        assert_eq!(path[0], 50.0);
        assert!((path[365] / 50.0 - 1.1).abs() < 1e-12, "{}", path[365]);
        assert!((path[730] / 50.0 - 1.21).abs() < 1e-12, "{}", path[730]);
    }

    #[test]
    fn scheduled_changes_set_or_move_the_price_on_their_day() {
        let p = Prices {
            changes: vec![
                PriceChange { day: 10, change: Change::Pct(20.0), announced_days_ahead: None },
                PriceChange { day: 20, change: Change::To(30.0), announced_days_ahead: None },
            ],
            ..Prices::default()
        };
        let mut path = Vec::new();
        p.fill(50.0, 365.0, 30, &mut rng(), &mut path);
        assert_eq!(path[9], 50.0);
        assert_eq!(path[10], 60.0);
        assert_eq!(path[19], 60.0);
        assert_eq!(path[20], 30.0);
        assert_eq!(path[29], 30.0);
    }

    #[test]
    fn jumps_arrive_at_their_rate_with_their_mean_size() {
        // 36.5 jumps a year of +10 % ± 0: over 100 years about 3,650 jumps, each exactly ×1.1.
        let p = Prices {
            jumps: Some(PriceJumps { per_year: 36.5, mean_pct: 10.0, sd_pct: 0.0 }),
            ..Prices::default()
        };
        let mut path = Vec::new();
        p.fill(1.0, 365.0, 36_500, &mut rng(), &mut path);
        let jumps = path.windows(2).filter(|w| w[1] > w[0]).count() as f64;
        // Binomial(36,499, 0.1): sd ≈ 57.
        assert!((jumps - 3_650.0).abs() < 4.0 * 57.3, "{jumps}");
    }

    #[test]
    fn an_agreement_caps_the_agreed_units_per_period() {
        let prices = Prices {
            agreement: Some(Agreement {
                price: 40.0,
                units_per_period: 100.0,
                period_days: 30,
                start_day: 0,
                days: 60,
            }),
            ..Prices::default()
        };
        let charges = crate::core::order_charges::OrderCharges::default();
        let path = vec![50.0; 90];
        let mut book = PriceBook {
            prices: &prices,
            path: &path,
            charges: &charges,
            unit_cost: 50.0,
            mean_demand: 10.0,
            whole: false,
            holding_rate_per_day: 0.0,
            storage_per_unit_day: 0.0,
            book: 50.0,
            period: None,
            left: 0.0,
            next_change: 0,
            paid: 0.0,
            bought_units: 0.0,
            forward_units: 0.0,
            cash_value: 0.0,
            in_transit_value: 0.0,
            owed_value: 0.0,
            peak_cash_value: 0.0,
        };
        // 80 at 40, then 20 at 40 and 30 at 50 (cap reached), a new period: 50 at 40, then
        // after the agreement: 10 at 50.
        assert_eq!(book.pay(0, 80.0, 80.0), 3_200.0);
        assert_eq!(book.pay(29, 50.0, 50.0), 20.0 * 40.0 + 30.0 * 50.0);
        assert_eq!(book.pay(30, 50.0, 50.0), 2_000.0);
        assert_eq!(book.pay(60, 10.0, 10.0), 500.0);
    }

    #[test]
    fn bad_numbers_name_the_field_the_value_and_the_range() {
        let p = Prices { inflation_pct_per_year: 500.0, ..Prices::default() };
        let m = p.check(365).unwrap_err();
        assert!(m.contains("inflation of 500") && m.contains("-50 to 200 % per year"), "{m}");
        let p = Prices {
            changes: vec![PriceChange {
                day: 400,
                change: Change::Pct(5.0),
                announced_days_ahead: None,
            }],
            ..Prices::default()
        };
        let m = p.check(365).unwrap_err();
        assert!(m.contains("price change day of 400") && m.contains("1 to 364"), "{m}");
    }
}
