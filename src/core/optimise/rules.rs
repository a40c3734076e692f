//! The replenishment rules the optimiser compares for an item: how often and how much it
//! orders, the buffer aside. A [`RuleShape`] with a buffer in days is a policy
//! ([`RuleShape::policy`]); the optimiser sweeps the buffer of each shape [`candidates`] names
//! on common random numbers and keeps the cheapest shape's frontier.
//!
//! # The buffer of each shape
//!
//! The buffer is the stock expected just before an order arrives, in days of mean demand d,
//! the same measure `Policy::measure_buffer` gives a rule typed with explicit numbers (E[L]
//! the mean lead time, R₀ the item's review period, p = R₀ when R₀ > 1 and 0 when reviewed
//! daily):
//!
//! ```text
//! order up to S every R days:    S = d·(E[L] + R) + d·b                 (b ≥ −(E[L] + R): S ≥ 0)
//! (r, Q), reviewed every R₀:      r = d·(E[L] + p) + d·b                 (b ≥ −(E[L] + p): r ≥ 0)
//! (s, S), reviewed every R₀:      s = d·(E[L] + p) + d·b,  S = s + gap
//! ```
//!
//! JIT is the first shape at the item's own review period with b = 0; a negative b is a level
//! below JIT's ("leaner").
//!
//! # The candidates
//!
//! The search starts from the economic order quantity on mean demand, the item's order cost
//! K and what a unit costs to hold for a year, H = unit cost × holding rate + storage × days a
//! year, raised to the item's minimum order (or one multiple) and capped at its maximum:
//!
//! ```text
//! Q* = √(2·K·D/H),  D = d × days a year;   T* = Q*/d days between orders
//! ```
//!
//! When T* is under 1.5 review periods, ordering at every review is already the EOQ's rhythm
//! and the item's own rule is the only shape. Otherwise the shapes are the item's rule, order
//! up to S every R days for R the multiples of R₀ nearest T* × ½, ¾, 1, 1½ and 2, and — for an
//! item whose demand has no known shape (seasonal levels are planned per period, which an ERP
//! takes as order-up-to levels) — (r, Q) and (s, S) with Q (or S − s) = Q* × the same factors,
//! kept to the order limits. A planner who cannot change the rhythm (delivery slots, a
//! contract) marks the item's rule fixed: its own shape is then the only one.
//!
//! # Order sizes the item's economics single out
//!
//! Price breaks and freight (`core::order_charges`) make some sizes cheaper than the EOQ's
//! smooth curve says, so each family also tries them, whenever they are larger than what the
//! item's own rule orders (d × R₀): each break's quantity; the EOQ at each break's price,
//! H_i = price_i × holding rate + storage × days a year, where it lies inside that break's
//! range (the textbook price-break procedure's candidates); and one and two full shipments.
//! Freight's first shipment is paid by every order, so the EOQ above takes K + freight per
//! shipment as its order cost. An order-up-to rule tries the review period that brings about
//! each size, ⌈size ÷ (d·R₀)⌉ × R₀. Without breaks and freight nothing here is added.

use serde::{Deserialize, Serialize};

use crate::core::closed_form::eoq;
use crate::core::numbers::Num;
use crate::core::policy::{jit_level, Adapt, Policy, PolicyKind, Rule};
use crate::core::scenario::{Item, Settings, MAX_REVIEW_PERIOD_DAYS};

/// How often and how much a rule orders, its buffer aside.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum RuleShape {
    /// Order up to S every `review_days` days (lot-for-lot at the item's review period).
    Periodic { review_days: u32 },
    /// (r, Q): at a review that finds the position at or below r, order Q (in multiples of Q
    /// until it is above r); reviewed at the item's review period.
    ReorderQuantity { quantity: f64 },
    /// (s, S) with S − s = `gap`: at or below s, order up to S; reviewed at the item's review
    /// period.
    MinMax { gap: f64 },
}

/// Multiples of the EOQ's rhythm the candidates try.
const FACTORS: [f64; 5] = [0.5, 0.75, 1.0, 1.5, 2.0];

impl RuleShape {
    /// The item's own rule: order up to S at every review.
    pub fn own(item: &Item) -> RuleShape {
        RuleShape::Periodic { review_days: item.review_period_days() }
    }

    /// True for the item's own rule (JIT's and JIC's).
    pub fn is_own(&self, item: &Item) -> bool {
        *self == RuleShape::own(item)
    }

    /// Days between reviews.
    pub fn review_days(&self, item: &Item) -> u32 {
        match *self {
            RuleShape::Periodic { review_days } => review_days,
            _ => item.review_period_days(),
        }
    }

    /// The stock, in units, the rule's buffer is measured from: the JIT level for an
    /// order-up-to rule, mean demand over the lead time (and a review period longer than a
    /// day) for a reorder point.
    fn base_units(&self, item: &Item) -> f64 {
        let d = item.demand().expected();
        let r0 = item.review_period_days();
        match *self {
            RuleShape::Periodic { review_days } if review_days == r0 => jit_level(item),
            RuleShape::Periodic { review_days } => {
                d * (item.lead_time().mean_days() + f64::from(review_days))
            }
            RuleShape::ReorderQuantity { .. } | RuleShape::MinMax { .. } => {
                let periodic = if r0 > 1 { f64::from(r0) } else { 0.0 };
                d * (item.lead_time().mean_days() + periodic)
            }
        }
    }

    /// The lowest buffer the rule can hold, in days: a level (or reorder point) of 0.
    pub fn lowest_buffer_days(&self, item: &Item) -> f64 {
        let d = item.demand().expected();
        if d > 0.0 {
            -self.base_units(item) / d
        } else {
            0.0
        }
    }

    /// The rule with a buffer of `buffer_days` days of mean demand (a level below 0 is held
    /// at 0). At the item's own review period and a buffer of 0 or more it is exactly
    /// `Policy::jic(item, buffer_days)`.
    pub fn policy(&self, item: &Item, buffer_days: f64) -> Policy {
        let d = item.demand().expected();
        let buffer_units = d * buffer_days;
        let at = (self.base_units(item) + buffer_units).max(0.0);
        let rule = match *self {
            RuleShape::Periodic { .. } => Rule::OrderUpTo { level: item.base_level(at) },
            RuleShape::ReorderQuantity { quantity } => {
                Rule::ReorderQuantity { reorder_point: item.base_level(at), quantity }
            }
            RuleShape::MinMax { gap } => {
                let s = item.base_level(at);
                Rule::MinMax { reorder_point: s, level: item.base_level(s + gap) }
            }
        };
        Policy {
            kind: PolicyKind::Jic,
            rule,
            review_period_days: self.review_days(item),
            buffer_days,
            buffer_units,
            adapt: Adapt::Fixed,
            target: None,
        }
    }

    /// The rule in a planner's words, buffer aside: "order every 7 days", "order 240 units
    /// at a time ((r, Q))", "order up to s + 240 ((s, S))".
    pub fn describe(&self, item: &Item) -> String {
        let every =
            |r: u32| if r == 1 { "every day".to_owned() } else { format!("every {r} days") };
        match *self {
            RuleShape::Periodic { review_days } => {
                format!("order up to a level {}", every(review_days))
            }
            RuleShape::ReorderQuantity { quantity } => format!(
                "order {} units at a time at a reorder point ((r, Q), reviewed {})",
                Num(quantity),
                every(item.review_period_days())
            ),
            RuleShape::MinMax { gap } => format!(
                "order up to the reorder point + {} units ((s, S), reviewed {})",
                Num(gap),
                every(item.review_period_days())
            ),
        }
    }

    /// The family's short name: "order-up-to", "(r, Q)", "(s, S)".
    pub fn family(&self) -> &'static str {
        match self {
            RuleShape::Periodic { .. } => "order-up-to",
            RuleShape::ReorderQuantity { .. } => "(r, Q)",
            RuleShape::MinMax { .. } => "(s, S)",
        }
    }

    /// Its order size (Q or S − s) or review period, as the second view's x axis reads it:
    /// about how many units an order brings on average (d × R for an order-up-to rule).
    pub fn typical_order_units(&self, item: &Item) -> f64 {
        match *self {
            RuleShape::Periodic { review_days } => {
                item.order_limits().apply(item.demand().expected() * f64::from(review_days))
            }
            RuleShape::ReorderQuantity { quantity } => quantity,
            RuleShape::MinMax { gap } => gap,
        }
    }
}

/// The economic order quantity the search starts from, in units, within the item's order
/// limits (see the module's documentation); 0 when ordering costs nothing or holding costs
/// nothing and there is no minimum.
pub fn start_quantity(item: &Item, settings: &Settings) -> f64 {
    let raw = eoq_at_price(item, settings, item.unit_cost());
    let limits = item.order_limits();
    let floor = limits.minimum().max(limits.multiple());
    if raw <= 0.0 && floor <= 0.0 {
        return 0.0;
    }
    limits.apply(raw.max(floor))
}

/// The EOQ on mean demand with every unit at `price`, the order cost plus one shipment's
/// freight as K; 0 when ordering or holding costs nothing.
fn eoq_at_price(item: &Item, settings: &Settings, price: f64) -> f64 {
    let d = item.demand().expected();
    let c = item.costs();
    let holding =
        price * c.holding_rate_per_year + c.storage_per_unit_day * settings.days_per_year();
    let order_cost = c.order_cost + item.order_charges().freight.map_or(0.0, |f| f.per_shipment);
    if order_cost > 0.0 && holding > 0.0 && d > 0.0 {
        eoq(d * settings.days_per_year(), order_cost, holding).quantity
    } else {
        0.0
    }
}

/// The order sizes price breaks and freight single out (see the module's documentation),
/// larger than the item's own rule orders, within the order limits, in whole units where
/// demand is whole; rising, each once. Empty without breaks and freight.
pub fn economic_sizes(item: &Item, settings: &Settings) -> Vec<f64> {
    let charges = item.order_charges();
    let d = item.demand().expected();
    let mut raw = Vec::new();
    let breaks = &charges.price_breaks;
    for (k, b) in breaks.iter().enumerate() {
        raw.push(b.from_units);
        let q = eoq_at_price(item, settings, b.unit_cost);
        let below_next = breaks.get(k + 1).is_none_or(|next| q < next.from_units);
        if q > b.from_units && below_next {
            raw.push(q);
        }
    }
    if let Some(f) = charges.freight {
        raw.extend([f.units_per_shipment, 2.0 * f.units_per_shipment]);
    }
    let own = d * f64::from(item.review_period_days());
    let mut sizes: Vec<f64> = raw
        .into_iter()
        .filter(|&q| q > own)
        .map(|q| {
            // A break's quantity is reached, not rounded below.
            let q = if item.whole_units() { libm::ceil(q - 1e-9) } else { q };
            item.order_limits().apply(q)
        })
        .filter(|&q| q > own)
        .collect();
    sizes.sort_by(f64::total_cmp);
    sizes.dedup();
    sizes
}

/// An order size as a planner would write it: whole units from 10 up, two significant
/// digits below (whole units always where demand is whole: see [`candidates`]).
fn round_quantity(q: f64) -> f64 {
    if q >= 10.0 {
        libm::round(q)
    } else if q > 0.0 {
        let step = 10f64.powi(libm::floor(libm::log10(q)) as i32 - 1);
        libm::round(q / step) * step
    } else {
        q
    }
}

/// The shapes the optimiser compares for the item: its own rule first, then the others
/// around the EOQ (see the module's documentation).
pub fn candidates(item: &Item, settings: &Settings) -> Vec<RuleShape> {
    let mut shapes = vec![RuleShape::own(item)];
    let d = item.demand().expected();
    let q = start_quantity(item, settings);
    let r0 = item.review_period_days();
    if item.rule_fixed() || d <= 0.0 {
        return shapes;
    }
    let economic = economic_sizes(item, settings);
    if q <= 0.0 || q / d < 1.5 * f64::from(r0) {
        if !economic.is_empty() {
            push_sizes(item, &mut shapes, &economic);
        }
        return shapes;
    }
    let t = q / d;
    for f in FACTORS {
        let k = libm::round(t * f / f64::from(r0)).max(1.0);
        let r = (k * f64::from(r0)).min(f64::from(MAX_REVIEW_PERIOD_DAYS)) as u32;
        let shape = RuleShape::Periodic { review_days: r };
        if !shapes.contains(&shape) {
            shapes.push(shape);
        }
    }
    if !item.is_phased() {
        let mut sizes: Vec<f64> = Vec::new();
        for f in FACTORS {
            // Whole units where demand is whole: a quantity under one unit is no order.
            let size = if item.whole_units() {
                libm::round(q * f).max(libm::ceil(d)).max(1.0)
            } else {
                round_quantity(q * f).max(d)
            };
            let size = item.order_limits().apply(size);
            if size > 0.0 && !sizes.iter().any(|s| (s - size).abs() <= 0.01 * size) {
                sizes.push(size);
            }
        }
        shapes.extend(sizes.iter().map(|&quantity| RuleShape::ReorderQuantity { quantity }));
        shapes.extend(sizes.iter().map(|&gap| RuleShape::MinMax { gap }));
    }
    push_sizes(item, &mut shapes, &economic);
    shapes
}

/// Adds, for each of `sizes`, the review period that brings about that much and — for an
/// item whose demand has no known shape — (r, Q) and (s, S) of that size, each once.
fn push_sizes(item: &Item, shapes: &mut Vec<RuleShape>, sizes: &[f64]) {
    let d = item.demand().expected();
    let r0 = f64::from(item.review_period_days());
    let mut add = |shape: RuleShape| {
        if !shapes.contains(&shape) {
            shapes.push(shape);
        }
    };
    for &size in sizes {
        let k = libm::ceil(size / (d * r0) - 1e-9).max(1.0);
        let r = (k * r0).min(f64::from(MAX_REVIEW_PERIOD_DAYS)) as u32;
        add(RuleShape::Periodic { review_days: r });
    }
    if !item.is_phased() {
        for &quantity in sizes {
            add(RuleShape::ReorderQuantity { quantity });
        }
        for &gap in sizes {
            add(RuleShape::MinMax { gap });
        }
    }
}

/// The rules of `shape`'s family halfway (geometrically) between it and its nearest
/// neighbours in size among `tried`, when they differ from both: a finer step around the
/// cheapest size. An order-up-to rule's neighbours are review periods (whole multiples of
/// the item's), a quantity's are order sizes within the limits.
pub fn between(item: &Item, shape: RuleShape, tried: &[RuleShape]) -> Vec<RuleShape> {
    let size = |s: &RuleShape| match *s {
        RuleShape::Periodic { review_days } => f64::from(review_days),
        RuleShape::ReorderQuantity { quantity } => quantity,
        RuleShape::MinMax { gap } => gap,
    };
    let same_family = |s: &RuleShape| std::mem::discriminant(s) == std::mem::discriminant(&shape);
    let at = size(&shape);
    let sizes: Vec<f64> = tried.iter().filter(|s| same_family(s)).map(size).collect();
    let below = sizes.iter().copied().filter(|&x| x < at).fold(f64::NEG_INFINITY, f64::max);
    let above = sizes.iter().copied().filter(|&x| x > at).fold(f64::INFINITY, f64::min);
    let r0 = f64::from(item.review_period_days());
    let sized =
        |q: f64| if item.whole_units() { libm::round(q).max(1.0) } else { round_quantity(q) };
    let mut out = Vec::new();
    for other in [below, above] {
        if !other.is_finite() {
            continue;
        }
        let mid = libm::sqrt(at * other);
        let candidate = match shape {
            RuleShape::Periodic { .. } => {
                let r = (libm::round(mid / r0).max(1.0) * r0) as u32;
                RuleShape::Periodic { review_days: r }
            }
            RuleShape::ReorderQuantity { .. } => {
                RuleShape::ReorderQuantity { quantity: item.order_limits().apply(sized(mid)) }
            }
            RuleShape::MinMax { .. } => {
                RuleShape::MinMax { gap: item.order_limits().apply(sized(mid)) }
            }
        };
        let x = size(&candidate);
        if (x - at).abs() > 1e-9 && (x - other).abs() > 1e-9 && !out.contains(&candidate) {
            out.push(candidate);
        }
    }
    out
}
