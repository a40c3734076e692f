//! Replenishment policies: a rule applied to the inventory position (on hand + on order −
//! backorders) on every review day, never to the stock on hand alone.

use serde::{Deserialize, Serialize};

use crate::core::closed_form::{normal_loss, normal_quantile};
use crate::core::plan::PlanTable;
use crate::core::scenario::{Item, MAX_REVIEW_PERIOD_DAYS};
use crate::core::sizing::TargetSizing;

/// Which policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PolicyKind {
    /// Just-in-time: order-up-to level = expected demand over the protection period, no
    /// safety stock.
    Jit,
    /// Just-in-case: the JIT level plus a buffer of N days of expected demand.
    Jic,
    /// The lean extreme: nothing on the shelf; each day's demand is ordered that evening and
    /// its customers wait for it.
    MakeToOrder,
    /// A rule with explicit numbers: base-stock, (s, S), (r, Q), (R, S) or (R, s, S).
    Custom,
}

impl PolicyKind {
    pub fn name(self) -> &'static str {
        match self {
            PolicyKind::Jit => "JIT",
            PolicyKind::Jic => "JIC",
            PolicyKind::MakeToOrder => "Make-to-order",
            PolicyKind::Custom => "Custom",
        }
    }
}

/// What a review looks at and orders, in units.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Rule {
    /// Whenever the position is below S, order up to S (base-stock when reviewed daily;
    /// (R, S) when every R days).
    OrderUpTo { level: f64 },
    /// When the position is at or below s, order up to S ((s, S); (R, s, S) periodically).
    MinMax { reorder_point: f64, level: f64 },
    /// When the position is at or below r, order the smallest multiple of Q that lifts it
    /// above r ((r, Q)).
    ReorderQuantity { reorder_point: f64, quantity: f64 },
}

impl Rule {
    /// The stock a run starts with: the most the rule ever holds (S, or r + Q).
    pub fn start_stock(&self) -> f64 {
        match *self {
            Rule::OrderUpTo { level } | Rule::MinMax { level, .. } => level,
            Rule::ReorderQuantity { reorder_point, quantity } => reorder_point + quantity,
        }
    }

    /// The same rule with its levels (not its order quantity) times `k`: a level planned on
    /// mean demand, moved with the demand forecast.
    pub fn scaled(&self, k: f64) -> Rule {
        match *self {
            Rule::OrderUpTo { level } => Rule::OrderUpTo { level: level * k },
            Rule::MinMax { reorder_point, level } => {
                Rule::MinMax { reorder_point: reorder_point * k, level: level * k }
            }
            Rule::ReorderQuantity { reorder_point, quantity } => {
                Rule::ReorderQuantity { reorder_point: reorder_point * k, quantity }
            }
        }
    }

    /// The rule planned for a period whose forecast multiplier is `k`: its levels times `k`,
    /// in whole units when `whole` (`core::plan`).
    #[inline(always)]
    pub fn planned(&self, k: f64, whole: bool) -> Rule {
        let units = |x: f64| if whole { libm::round(x) } else { x };
        match self.scaled(k) {
            Rule::OrderUpTo { level } => Rule::OrderUpTo { level: units(level) },
            Rule::MinMax { reorder_point, level } => {
                Rule::MinMax { reorder_point: units(reorder_point), level: units(level) }
            }
            Rule::ReorderQuantity { reorder_point, quantity } => {
                Rule::ReorderQuantity { reorder_point: units(reorder_point), quantity }
            }
        }
    }

    /// What to order at a review with this inventory position, if anything.
    ///
    /// ```text
    /// order-up-to S:  S − x              if x < S
    /// (s, S):         S − x              if x ≤ s
    /// (r, Q):         Q·(⌊(r − x)/Q⌋ + 1)  if x ≤ r
    /// ```
    pub fn order_quantity(&self, position: f64) -> Option<f64> {
        let quantity = match *self {
            Rule::OrderUpTo { level } => level - position,
            Rule::MinMax { reorder_point, level } if position <= reorder_point => level - position,
            Rule::ReorderQuantity { reorder_point, quantity } if position <= reorder_point => {
                quantity * (libm::floor((reorder_point - position) / quantity) + 1.0)
            }
            _ => return None,
        };
        (quantity > QTY_EPS).then_some(quantity)
    }
}

/// The smallest order multiple (other than 0, none): orders are counted in multiples, and a
/// multiple near 0 overflows that count (1e-307 gave infinite orders and NaN costs).
pub const MIN_ORDER_MULTIPLE: f64 = 0.001;

/// What the supplier accepts: a minimum order quantity, an order multiple (pack or pallet
/// size) and a maximum, in units. A rule's quantity is raised to the minimum, rounded up to
/// the multiple and capped at the largest multiple within the maximum.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct OrderLimits {
    minimum: f64,
    multiple: f64,
    maximum: f64,
}

impl Default for OrderLimits {
    /// No limits: any quantity above zero.
    fn default() -> Self {
        OrderLimits { minimum: 0.0, multiple: 0.0, maximum: f64::INFINITY }
    }
}

impl OrderLimits {
    /// Limits with a minimum (0 for none), a multiple (0 for none) and a maximum (infinite for
    /// none).
    ///
    /// # Errors
    /// When a number is negative or NaN, the minimum or multiple is infinite, the multiple is
    /// below [`MIN_ORDER_MULTIPLE`] (and not 0), the maximum is below the minimum, or no
    /// multiple fits within the maximum.
    pub fn new(minimum: f64, multiple: f64, maximum: f64) -> Result<OrderLimits, String> {
        let finite_ok = |x: f64| x.is_finite() && x >= 0.0;
        if !finite_ok(minimum) || !finite_ok(multiple) || maximum.is_nan() || maximum <= 0.0 {
            return Err(format!(
                "minimum {minimum} and multiple {multiple} must be numbers ≥ 0 and maximum \
                 {maximum} above 0"
            ));
        }
        if multiple > 0.0 && multiple < MIN_ORDER_MULTIPLE {
            return Err(format!(
                "an order multiple of {} units is out of range; accepted: 0 (none) or from \
                 {MIN_ORDER_MULTIPLE} units",
                crate::core::input::Num(multiple)
            ));
        }
        let limits = OrderLimits { minimum, multiple, maximum };
        if minimum == 0.0 && multiple == 0.0 {
            return Ok(limits);
        }
        let smallest = limits.apply(minimum.max(multiple));
        if smallest < minimum || smallest <= 0.0 {
            return Err(format!(
                "no order fits: minimum {minimum}, multiple {multiple}, maximum {maximum}"
            ));
        }
        Ok(limits)
    }

    /// The minimum order quantity (0 for none).
    pub fn minimum(&self) -> f64 {
        self.minimum
    }

    /// The order multiple, a pack or pallet (0 for none).
    pub fn multiple(&self) -> f64 {
        self.multiple
    }

    /// The maximum order quantity (infinite for none).
    pub fn maximum(&self) -> f64 {
        self.maximum
    }

    /// The most an order can lift the position above what the rule asked for: the minimum
    /// or one pack.
    pub fn overshoot(&self) -> f64 {
        self.minimum.max(self.multiple)
    }

    /// The quantity actually ordered for a wanted quantity.
    pub fn apply(&self, wanted: f64) -> f64 {
        let mut q = if wanted > self.minimum { wanted } else { self.minimum };
        if self.multiple > 0.0 {
            // The small allowance keeps 2.0000000001 packs (float noise) at 2.
            q = libm::ceil(q / self.multiple - 1e-9) * self.multiple;
        }
        if q > self.maximum {
            q = if self.multiple > 0.0 {
                libm::floor(self.maximum / self.multiple + 1e-9) * self.multiple
            } else {
                self.maximum
            };
        }
        q
    }
}

/// Quantities below this are rounding, not an order.
const QTY_EPS: f64 = 1e-9;

/// The JIT order-up-to level: expected demand over the protection period, `E[d]·(E[L] + R)`.
/// Every buffer is measured from it.
pub fn jit_level(item: &Item) -> f64 {
    item.demand().expected() * item.protection_period_days()
}

/// A service level a JIC buffer can be sized for.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum ServiceTarget {
    /// Share of replenishment cycles without a stockout day.
    CycleServiceLevel(f64),
    /// Share of units served from stock on the day they are demanded.
    FillRate(f64),
}

/// A policy with its numbers.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Policy {
    pub kind: PolicyKind,
    pub rule: Rule,
    /// Days between reviews (1 = every day).
    pub review_period_days: u32,
    /// The safety stock above the JIT level, in days of expected demand (see
    /// [`Policy::measure_buffer`] for rules with explicit numbers; negative when below).
    pub buffer_days: f64,
    /// The same safety stock in units.
    pub buffer_units: f64,
    /// How the level moves during a run, if it does.
    pub adapt: Adapt,
    /// The service target a JIC policy was sized for on the simulation, if any
    /// (`core::sizing`).
    pub target: Option<TargetSizing>,
}

/// A buffer that is revisited rather than set once.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Adapt {
    /// The level stays as sized.
    Fixed,
    /// A buffer in days of mean demand for each twelfth of the year (from day 0): lean in
    /// calm months, buffered in volatile ones. `jit_level` and `daily_mean` size it.
    Monthly { buffer_days: [f64; 12], jit_level: f64, daily_mean: f64 },
    /// Every `every_days` days, the level is sized again for a cycle service level from the
    /// last `window_days` days of demand and lead times observed, as
    /// S = μ̂·P̂ + z·√(P̂·σ̂² + μ̂²·σ̂_L²) with P̂ = mean lead time + R
    /// (`closed_form::safety_stock` on the estimates). This in-run formula is the normal
    /// approximation on purpose: it is what a re-estimating planner computes, so the policy
    /// is not sized on the simulation as fixed JIC service targets are.
    Reestimate { cycle_service_level: f64, every_days: u32, window_days: u32 },
    /// Explicit time-phased levels: the item's `index`-th plan table (`Item::table`).
    Table { index: u32 },
}

/// A policy as described, before it is sized for its item.
#[derive(Clone, Debug, PartialEq)]
pub enum PolicySpec {
    /// Order up to expected demand over the protection period; no safety stock.
    Jit,
    /// The JIT level plus a buffer of this many days of expected demand.
    Jic { buffer_days: f64 },
    /// JIC with the buffer a service target needs (normal approximation).
    ServiceTarget(ServiceTarget),
    /// Nothing on the shelf; each day's demand is ordered that evening.
    MakeToOrder,
    /// A rule with explicit numbers, reviewed every `review_period_days` days (the item's
    /// review period when `None`).
    Rule { rule: Rule, review_period_days: Option<u32> },
    /// JIC with a buffer in days of mean demand for each twelfth of the year from day 0.
    Monthly { buffer_days: [f64; 12] },
    /// JIC sized for a cycle service level, sized again every `every_days` days from the
    /// last `window_days` days of observed demand and lead times.
    Reestimated { cycle_service_level: f64, every_days: u32, window_days: u32 },
    /// A time-phased order-up-to plan with explicit levels (what `jitjic optimise --plan`
    /// writes), reviewed every `review_period_days` (the item's when `None`).
    Plan { table: PlanTable, review_period_days: Option<u32> },
}

/// A policy sized for its item, with the name results are shown under.
#[derive(Clone, Debug, PartialEq)]
pub struct NamedPolicy {
    pub name: String,
    pub policy: Policy,
}

impl From<Policy> for NamedPolicy {
    /// Named after its kind ("JIT", "Custom").
    fn from(policy: Policy) -> Self {
        NamedPolicy { name: policy.kind.name().to_owned(), policy }
    }
}

impl PolicySpec {
    /// The policy for an item, named `name` or, when none is given, after its kind and
    /// numbers ("JIC 5 days", "(s, S) = (40, 100)").
    ///
    /// # Errors
    /// When a number is unusable: see [`Policy::jic`], [`Policy::service_target`] and
    /// [`Policy::custom`]. A plan's table is the item's `table`-th (see
    /// `Scenario::new`, which checks and lays them out).
    pub fn resolve(
        &self,
        item: &Item,
        name: Option<String>,
        table_index: u32,
    ) -> Result<NamedPolicy, String> {
        let mut policy = match *self {
            PolicySpec::Jit => Policy::jit(item),
            PolicySpec::Jic { buffer_days } => Policy::jic(item, buffer_days)?,
            PolicySpec::ServiceTarget(target) => Policy::service_target(item, target)?,
            PolicySpec::MakeToOrder => Policy::make_to_order(item),
            PolicySpec::Rule { rule, review_period_days } => {
                Policy::custom(rule, review_period_days.unwrap_or(item.review_period_days()))?
            }
            PolicySpec::Monthly { buffer_days } => Policy::monthly(item, buffer_days)?,
            PolicySpec::Reestimated { cycle_service_level, every_days, window_days } => {
                Policy::reestimated(item, cycle_service_level, every_days, window_days)?
            }
            PolicySpec::Plan { review_period_days, .. } => Policy::plan(
                item,
                table_index,
                review_period_days.unwrap_or(item.review_period_days()),
            )?,
        };
        if matches!(policy.kind, PolicyKind::Custom | PolicyKind::MakeToOrder) {
            policy.measure_buffer(item);
        }
        let name = name.unwrap_or_else(|| self.default_name(&policy));
        Ok(NamedPolicy { name, policy })
    }

    fn default_name(&self, policy: &Policy) -> String {
        let g = |x: f64| format!("{}", (x * 100.0).round() / 100.0);
        let every = |r: u32| if r == 1 { String::new() } else { format!(", every {r} days") };
        match *self {
            PolicySpec::Jit => "JIT".into(),
            PolicySpec::Jic { buffer_days: 1.0 } => "JIC 1 day".into(),
            PolicySpec::Jic { buffer_days } => format!("JIC {} days", g(buffer_days)),
            PolicySpec::ServiceTarget(ServiceTarget::CycleServiceLevel(a)) => {
                format!("JIC {}% cycle service level", g(a * 100.0))
            }
            PolicySpec::ServiceTarget(ServiceTarget::FillRate(b)) => {
                format!("JIC {}% fill rate", g(b * 100.0))
            }
            PolicySpec::MakeToOrder => "Make-to-order".into(),
            PolicySpec::Plan { ref table, .. } if table.periods.len() == 1 => {
                format!("Plan: order up to {}", g(policy.order_up_to()))
            }
            PolicySpec::Plan { ref table, .. } => {
                format!("Plan: {} periods", table.periods.len())
            }
            PolicySpec::Monthly { .. } => "JIC by month".into(),
            PolicySpec::Reestimated { cycle_service_level, every_days, .. } => format!(
                "JIC {}% cycle service level, re-sized every {every_days} days",
                g(cycle_service_level * 100.0)
            ),
            PolicySpec::Rule { rule, .. } => {
                let r = policy.review_period_days;
                match rule {
                    Rule::OrderUpTo { level } if r == 1 => format!("Base-stock S = {}", g(level)),
                    Rule::OrderUpTo { level } => format!("(R, S) = ({r}, {})", g(level)),
                    Rule::MinMax { reorder_point, level } => {
                        format!("(s, S) = ({}, {}){}", g(reorder_point), g(level), every(r))
                    }
                    Rule::ReorderQuantity { reorder_point, quantity } => {
                        format!("(r, Q) = ({}, {}){}", g(reorder_point), g(quantity), every(r))
                    }
                }
            }
        }
    }
}

impl Policy {
    /// JIT: order up to expected demand over the protection period, reviewed every R days
    /// (the item's review period); no safety stock.
    ///
    /// ```text
    /// S_JIT = E[d] · (E[L] + R)
    /// ```
    pub fn jit(item: &Item) -> Policy {
        Policy {
            kind: PolicyKind::Jit,
            rule: Rule::OrderUpTo { level: item.base_level(jit_level(item)) },
            review_period_days: item.review_period_days(),
            buffer_days: 0.0,
            buffer_units: 0.0,
            adapt: Adapt::Fixed,
            target: None,
        }
    }

    /// JIC: the JIT level plus `buffer_days` of expected demand.
    ///
    /// ```text
    /// S_JIC = E[d] · (E[L] + R + buffer days)
    /// ```
    ///
    /// # Errors
    /// When the buffer is negative or not finite.
    pub fn jic(item: &Item, buffer_days: f64) -> Result<Policy, String> {
        if !(buffer_days.is_finite() && buffer_days >= 0.0) {
            return Err(format!("a buffer of {buffer_days} days must be a number ≥ 0"));
        }
        let buffer_units = item.demand().expected() * buffer_days;
        Ok(Policy {
            kind: PolicyKind::Jic,
            rule: Rule::OrderUpTo { level: item.base_level(jit_level(item) + buffer_units) },
            review_period_days: item.review_period_days(),
            buffer_days,
            buffer_units,
            adapt: Adapt::Fixed,
            target: None,
        })
    }

    /// JIC at any buffer, negative ones too (below the JIT level, down to a level of 0): what
    /// sizing for a service target searches over.
    pub fn jic_at(item: &Item, buffer_days: f64) -> Policy {
        let d = item.demand().expected();
        let level = (jit_level(item) + d * buffer_days).max(0.0);
        Policy {
            kind: PolicyKind::Jic,
            rule: Rule::OrderUpTo { level: item.base_level(level) },
            review_period_days: item.review_period_days(),
            buffer_days,
            buffer_units: d * buffer_days,
            adapt: Adapt::Fixed,
            target: None,
        }
    }

    /// JIC whose buffer changes with the month: `buffer_days[m]` days of mean demand in the
    /// m-th twelfth of the year from day 0. The rule holds month 0's level.
    ///
    /// # Errors
    /// When a buffer is negative or not finite.
    pub fn monthly(item: &Item, buffer_days: [f64; 12]) -> Result<Policy, String> {
        if let Some(bad) = buffer_days.iter().find(|b| !(b.is_finite() && **b >= 0.0)) {
            return Err(format!("a buffer of {bad} days must be a number ≥ 0"));
        }
        let mut policy = Policy::jic(item, buffer_days[0])?;
        policy.adapt = Adapt::Monthly {
            buffer_days,
            jit_level: jit_level(item),
            daily_mean: item.demand().expected(),
        };
        Ok(policy)
    }

    /// JIC sized for a cycle service level, first from the item's own parameters, then every
    /// `every_days` days from what was observed in the last `window_days` days.
    ///
    /// # Errors
    /// When the target is not between 0 and 1, or a period is 0 or over ten years.
    pub fn reestimated(
        item: &Item,
        cycle_service_level: f64,
        every_days: u32,
        window_days: u32,
    ) -> Result<Policy, String> {
        let mut policy =
            Policy::service_target(item, ServiceTarget::CycleServiceLevel(cycle_service_level))?;
        for (what, days) in [("re-sizing period", every_days), ("window", window_days)] {
            if !(1..=3_650).contains(&days) {
                return Err(format!("a {what} of {days} days is outside 1 to 3,650 days"));
            }
        }
        if window_days < 2 {
            return Err(
                "a window of 1 day has no spread to measure; accepted: 2 days or more".into()
            );
        }
        policy.adapt = Adapt::Reestimate { cycle_service_level, every_days, window_days };
        Ok(policy)
    }

    /// Make-to-order: order up to 0, so each review reorders exactly what customers wait for.
    pub fn make_to_order(item: &Item) -> Policy {
        Policy {
            kind: PolicyKind::MakeToOrder,
            rule: Rule::OrderUpTo { level: 0.0 },
            review_period_days: item.review_period_days(),
            buffer_days: 0.0,
            buffer_units: 0.0,
            adapt: Adapt::Fixed,
            target: None,
        }
    }

    /// JIC with its buffer sized for a service target, under the normal approximation of
    /// demand over the protection period P = `E[L] + R` (R, the item's review period) and over
    /// the lead time:
    ///
    /// ```text
    /// μ_P = E[d]·P,   σ_P = √(P·σd² + E[d]²·σL²)          (likewise μ_L, σ_L over E[L])
    /// cycle service level α:  S = μ_P + Φ⁻¹(α)·σ_P
    /// fill rate β:            1 − [σ_P·G((S − μ_P)/σ_P) − σ_L·G((S − μ_L)/σ_L)] / (E[d]·R) = β
    /// ```
    /// G is the standard normal loss function; the fill-rate level is found by bisection.
    /// The bracket is the units a day is short: demand over P beyond S, less what was
    /// already short before the day. Sources: Silver, Pyke and Thomas §6.10 (α); Axsäter,
    /// *Inventory Control*, §5.3 (β, periodic review).
    ///
    /// # Errors
    /// When the target is not strictly between 0 and 1.
    pub fn service_target(item: &Item, target: ServiceTarget) -> Result<Policy, String> {
        let value = match target {
            ServiceTarget::CycleServiceLevel(v) | ServiceTarget::FillRate(v) => v,
        };
        if !(value > 0.0 && value < 1.0) {
            return Err(format!("a service target of {value} must be between 0 and 1"));
        }
        let d = item.demand();
        let (mean, sd) = (d.expected(), d.sd());
        let lead = item.lead_time();
        let (lead_mean, lead_sd) = (lead.mean_days(), lead.sd_days());
        let review = f64::from(item.review_period_days());
        let over =
            |days: f64| (mean * days, libm::sqrt(days * sd * sd + mean * mean * lead_sd * lead_sd));
        let (mu_p, sigma_p) = over(lead_mean + review);
        let (mu_l, sigma_l) = over(lead_mean);
        let level = if sigma_p == 0.0 || mean == 0.0 {
            mu_p
        } else {
            match target {
                ServiceTarget::CycleServiceLevel(alpha) => mu_p + normal_quantile(alpha) * sigma_p,
                ServiceTarget::FillRate(beta) => {
                    let expected_beyond = |mu: f64, sigma: f64, s: f64| {
                        if sigma == 0.0 {
                            (mu - s).max(0.0)
                        } else {
                            sigma * normal_loss((s - mu) / sigma)
                        }
                    };
                    let fill = |s: f64| {
                        1.0 - (expected_beyond(mu_p, sigma_p, s)
                            - expected_beyond(mu_l, sigma_l, s))
                            / (mean * review)
                    };
                    // Fill rate grows with S: bisect between an empty shelf and far beyond.
                    bisect_below(0.0, mu_p + 12.0 * sigma_p, |s| fill(s) < beta)
                }
            }
        };
        let buffer_units = level - jit_level(item);
        Ok(Policy {
            kind: PolicyKind::Jic,
            rule: Rule::OrderUpTo { level: item.base_level(level.max(0.0)) },
            review_period_days: item.review_period_days(),
            buffer_days: if mean > 0.0 { buffer_units / mean } else { 0.0 },
            buffer_units,
            adapt: Adapt::Fixed,
            target: None,
        })
    }

    /// A rule with explicit numbers, reviewed every `review_period_days` days.
    ///
    /// # Errors
    /// When a number is negative or not finite, Q is 0, s is above S, or the review period is
    /// 0 or over a year.
    pub fn custom(rule: Rule, review_period_days: u32) -> Result<Policy, String> {
        let ok = |x: f64| x.is_finite() && x >= 0.0;
        match rule {
            Rule::OrderUpTo { level } if !ok(level) => {
                return Err(format!("order-up-to level {level} must be a number ≥ 0"))
            }
            Rule::MinMax { reorder_point, level } if !ok(reorder_point) || !ok(level) => {
                return Err(format!("s = {reorder_point} and S = {level} must be numbers ≥ 0"))
            }
            Rule::MinMax { reorder_point, level } if reorder_point > level => {
                return Err(format!("s = {reorder_point} must not be above S = {level}"))
            }
            Rule::ReorderQuantity { reorder_point, quantity }
                if !(ok(reorder_point) && quantity.is_finite() && quantity > 0.0) =>
            {
                return Err(format!("r = {reorder_point} must be ≥ 0 and Q = {quantity} above 0"))
            }
            _ => {}
        }
        if !(1..=MAX_REVIEW_PERIOD_DAYS).contains(&review_period_days) {
            return Err(format!(
                "a review period of {review_period_days} days is outside 1 to \
                 {MAX_REVIEW_PERIOD_DAYS} days"
            ));
        }
        Ok(Policy {
            kind: PolicyKind::Custom,
            rule,
            review_period_days,
            buffer_days: 0.0,
            buffer_units: 0.0,
            adapt: Adapt::Fixed,
            target: None,
        })
    }

    /// A time-phased plan with explicit levels: the item's `index`-th table, reviewed every
    /// `review_period_days` days. Its buffer is measured by [`Policy::measure_buffer`].
    ///
    /// # Errors
    /// When the review period is 0 or over a year.
    pub fn plan(item: &Item, index: u32, review_period_days: u32) -> Result<Policy, String> {
        let day_0 = item.table(index as usize).first().copied().unwrap_or(0.0);
        let mut policy = Policy::custom(Rule::OrderUpTo { level: day_0 }, review_period_days)?;
        policy.adapt = Adapt::Table { index };
        Ok(policy)
    }

    /// Sets the buffer of a rule with explicit numbers (or make-to-order) to its level above
    /// the item's JIT level, in units and days of mean demand (negative when below):
    ///
    /// ```text
    /// order-up-to S (base-stock, (R, S), make-to-order at 0, a plan):   S − E[d]·(E[L] + R)
    /// reorder point s or r ((s, S), (r, Q), reviewed daily):             s − E[d]·E[L]
    /// the same reviewed every R > 1 days ((R, s, S)):                    s − E[d]·(E[L] + R)
    /// ```
    ///
    /// R is the policy's own review period. A plan's levels are measured against the JIT
    /// level that day (E[d] × the period's forecast), averaged over the horizon.
    pub fn measure_buffer(&mut self, item: &Item) {
        let d = item.demand().expected();
        let lead = item.lead_time().mean_days();
        let r = f64::from(self.review_period_days);
        let buffer_units = match (self.rule, self.adapt) {
            (_, Adapt::Table { index }) => {
                let levels = item.table(index as usize);
                let above: f64 = levels
                    .iter()
                    .enumerate()
                    .map(|(day, level)| {
                        level - d * (lead + r) * item.phasing().map_or(1.0, |p| p.multiplier(day))
                    })
                    .sum();
                above / levels.len().max(1) as f64
            }
            (Rule::OrderUpTo { level }, _) => level - d * (lead + r),
            (Rule::MinMax { reorder_point, .. }, _)
            | (Rule::ReorderQuantity { reorder_point, .. }, _) => {
                let periodic = if self.review_period_days > 1 { r } else { 0.0 };
                reorder_point - d * (lead + periodic)
            }
        };
        self.buffer_units = buffer_units;
        self.buffer_days = if d > 0.0 { buffer_units / d } else { 0.0 };
    }

    /// True for the policies sized from demand (JIT, JIC): their levels move with the known
    /// demand pattern. Rules with explicit numbers keep them; a re-estimated level learns it.
    pub fn follows_forecast(&self) -> bool {
        // A re-estimated level learns the pattern from what it observes instead.
        matches!(self.kind, PolicyKind::Jit | PolicyKind::Jic)
            && !matches!(self.adapt, Adapt::Reestimate { .. })
    }

    /// The order-up-to level S, or r + Q: the most stock the policy aims to hold.
    pub fn order_up_to(&self) -> f64 {
        self.rule.start_stock()
    }
}

/// The upper end of `lo..hi` after at most 200 rounds of bisection on `below` (true below
/// the point sought). A round that moves neither end is a fixed point: every later round
/// would do the same, so stopping there gives the same bits as all 200 rounds, in about 60
/// (a quarter of the work of reading a scenario with fill-rate targets, on the page's thread).
fn bisect_below(mut lo: f64, mut hi: f64, below: impl Fn(f64) -> bool) -> f64 {
    for _ in 0..200 {
        let mid = 0.5 * (lo + hi);
        let (next_lo, next_hi) = if below(mid) { (mid, hi) } else { (lo, mid) };
        if next_lo.to_bits() == lo.to_bits() && next_hi.to_bits() == hi.to_bits() {
            break;
        }
        (lo, hi) = (next_lo, next_hi);
    }
    hi
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bisection stopped at its fixed point gives the bits of all 200 rounds (the levels a
    /// fill-rate target sized before the early stop are pinned in shared links): over fill
    /// rates of many shapes, targets and starting ranges, including a range too wide for 200
    /// rounds to settle and targets at the ends.
    #[test]
    fn bisection_stopped_at_its_fixed_point_is_all_200_rounds() {
        fn all_rounds(mut lo: f64, mut hi: f64, below: impl Fn(f64) -> bool) -> f64 {
            for _ in 0..200 {
                let mid = 0.5 * (lo + hi);
                if below(mid) {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            hi
        }
        let mut cases = 0;
        for (mu, sigma) in [(20.0, 6.0), (1e-3, 1e-4), (5e5, 3e5), (7.0, 0.0), (40.0, 1e-9)] {
            for beta in [1e-12, 0.5, 0.9, 0.99, 0.999_999, 1.0 - 1e-16] {
                for top in [12.0, 1e3, 1e300] {
                    let fill = |s: f64| {
                        if sigma == 0.0 {
                            f64::from(u8::from(s >= mu))
                        } else {
                            1.0 - sigma * normal_loss((s - mu) / sigma) / mu.max(1e-300)
                        }
                    };
                    let hi = mu + top * sigma.max(1.0);
                    let early = bisect_below(0.0, hi, |s| fill(s) < beta);
                    let full = all_rounds(0.0, hi, |s| fill(s) < beta);
                    assert_eq!(
                        early.to_bits(),
                        full.to_bits(),
                        "mu {mu} sigma {sigma} beta {beta}"
                    );
                    cases += 1;
                }
            }
        }
        assert_eq!(cases, 90);
    }

    #[test]
    fn rules_order_what_their_formulas_say() {
        let up_to = Rule::OrderUpTo { level: 100.0 };
        assert_eq!(up_to.order_quantity(70.0), Some(30.0));
        assert_eq!(up_to.order_quantity(100.0), None);
        let min_max = Rule::MinMax { reorder_point: 40.0, level: 100.0 };
        assert_eq!(min_max.order_quantity(41.0), None);
        assert_eq!(min_max.order_quantity(40.0), Some(60.0));
        assert_eq!(min_max.order_quantity(-10.0), Some(110.0));
        let r_q = Rule::ReorderQuantity { reorder_point: 50.0, quantity: 30.0 };
        assert_eq!(r_q.order_quantity(51.0), None);
        assert_eq!(r_q.order_quantity(50.0), Some(30.0));
        // 50 − (−25) = 75 below r: two lots leave it at 35, three lift it to 65 > r.
        assert_eq!(r_q.order_quantity(-25.0), Some(90.0));
        assert_eq!(r_q.start_stock(), 80.0);
    }

    #[test]
    fn order_limits_round_up_to_packs_within_the_maximum() {
        let packs = OrderLimits::new(30.0, 25.0, 200.0).unwrap();
        assert_eq!(packs.apply(1.0), 50.0); // minimum 30, rounded up to two packs of 25
        assert_eq!(packs.apply(75.0), 75.0);
        assert_eq!(packs.apply(75.000_000_000_1), 75.0);
        assert_eq!(packs.apply(76.0), 100.0);
        assert_eq!(packs.apply(1_000.0), 200.0);
        assert_eq!(OrderLimits::new(0.0, 40.0, 100.0).unwrap().apply(500.0), 80.0);
        assert_eq!(OrderLimits::default().apply(3.5), 3.5);
        assert_eq!(OrderLimits::new(0.0, 0.0, f64::INFINITY).unwrap(), OrderLimits::default());
        assert!(OrderLimits::new(50.0, 0.0, 40.0).is_err());
        assert!(OrderLimits::new(0.0, 60.0, 50.0).is_err());
        assert!(OrderLimits::new(-1.0, 0.0, f64::INFINITY).is_err());
        assert!(OrderLimits::new(0.0, f64::NAN, 10.0).is_err());
    }

    #[test]
    fn custom_policies_refuse_bad_numbers() {
        assert!(Policy::custom(Rule::MinMax { reorder_point: 5.0, level: 4.0 }, 1).is_err());
        assert!(
            Policy::custom(Rule::ReorderQuantity { reorder_point: 5.0, quantity: 0.0 }, 1).is_err()
        );
        assert!(Policy::custom(Rule::OrderUpTo { level: f64::NAN }, 1).is_err());
        assert!(Policy::custom(Rule::OrderUpTo { level: 10.0 }, 0).is_err());
        assert!(Policy::custom(Rule::OrderUpTo { level: 10.0 }, 7).is_ok());
    }
}
