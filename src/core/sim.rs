//! The day loop and the statistics across replications.
//!
//! One day, in this order (DESIGN.md, "The simulation"):
//! 1. deliveries due today arrive (a perishable delivery is a lot of its own); lots past their
//!    shelf life are written off; backorders are served first;
//! 2. the day's demand is served from stock; the shortfall is backordered (or lost, in
//!    lost-sales mode);
//! 3. end-of-day figures accrue: capital holding and storage on the stock on hand, the
//!    backorder penalty per unit waiting;
//! 4. on a review day (days 0, R, 2R, …) the policy's rule looks at the inventory position
//!    (on hand + on order − backorders) and may order, within the order limits; the order's
//!    lead time is the one drawn for this day, and an order placed at the end of day t with
//!    lead time L is on the shelf at the start of day t+L+1.
//!
//! Statistics skip the warm-up (by default the item's protection period `E[L] + R`, rounded
//! up). Purchases are counted once: net of the stock position at the start and the end of the
//! measured days. Yearly figures are the measured days' totals × days per year ÷ measured
//! days; horizon totals are the measured days' own.
//!
//! Worked example (demand 20/day, L = 5, JIT level S = 20 × (5 + 1) = 120): on day 0 the 120
//! on hand fall to 100 and 20 are ordered, due at the start of day 6. By the end of day 5 the
//! shelf is empty and five orders of 20 are in transit plus today's; from day 6 on each
//! morning's delivery of 20 meets the day's 20: zero stock every evening, no shortage.

use serde::{Deserialize, Serialize};

use crate::core::closed_form::safety_stock;
use crate::core::policy::{Adapt, NamedPolicy, Policy, PolicyKind, Rule};
use crate::core::rng::{stream, StreamKind};
use crate::core::scenario::{Issuing, Item, Scenario, Settings, Shortage};
use crate::core::stats::{MeanSe, RatioSe};
use crate::core::supply::{fill_next_up, Window};
use crate::core::trajectory::{BandPoint, TrajectoryAccumulator};

/// The smaller of two quantities. Quantities here are never NaN, so a plain comparison does;
/// `f64::min` also orders NaN and costs several instructions in the hottest loop.
#[inline(always)]
fn min(a: f64, b: f64) -> f64 {
    if a < b {
        a
    } else {
        b
    }
}

/// A shortfall below this many units does not make a stockout day: it is rounding, not
/// unmet demand.
const QTY_EPS: f64 = 1e-9;

/// Units moved over a whole run (warm-up included), for the inventory balance:
/// start + received − shipped = end on hand, and demanded = shipped + lost + end backorders.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Flows {
    pub start_on_hand: f64,
    pub received: f64,
    /// Served from stock, on the day or later to a waiting customer.
    pub shipped: f64,
    pub demanded: f64,
    pub lost: f64,
    /// Written off past their shelf life.
    pub expired: f64,
    /// Written off because the item died (on hand then, or landing after).
    pub obsolete: f64,
    /// Still in transit at the end for an item that had died (written off, never received).
    pub obsolete_in_transit: f64,
    /// Customers waiting when the item died, who no longer want it.
    pub cancelled: f64,
    pub end_on_hand: f64,
    pub end_backorders: f64,
}

/// One replication's figures for one policy, over the measured days (after the warm-up).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReplicationMetrics {
    /// Mean end-of-day stock on hand, in units.
    pub avg_on_hand: f64,
    /// Mean end-of-day units backordered (customers waiting).
    pub avg_backorders: f64,
    /// Units served from stock on the day they were demanded ÷ units demanded (1 when nothing
    /// was demanded).
    pub fill_rate: f64,
    /// Days with any demand not served from stock, scaled to a year.
    pub stockout_days_per_year: f64,
    /// 1 − stockout days ÷ measured days.
    pub ready_rate: f64,
    /// Purchases, net: unit cost × (units ordered + the stock position at the start of the
    /// measured days − the position at their end), scaled to a year.
    pub purchase_cost_per_year: f64,
    /// Capital holding: rate × unit cost × units on hand, per day, scaled to a year.
    pub holding_cost_per_year: f64,
    /// Storage (space): cost per unit per day × units on hand, scaled to a year.
    pub storage_cost_per_year: f64,
    /// Fixed order costs, scaled to a year.
    pub ordering_cost_per_year: f64,
    /// Backorder penalty per unit waiting per day, scaled to a year.
    pub backorder_cost_per_year: f64,
    /// Lost margin and goodwill per unit of demand lost (lost-sales mode), scaled to a year.
    pub lost_sale_cost_per_year: f64,
    /// Units of demand lost (lost-sales mode), scaled to a year.
    pub lost_units_per_year: f64,
    /// Orders placed, scaled to a year.
    pub orders_per_year: f64,
    /// Units shipped to customers (on the day or late), scaled to a year: what turns are
    /// measured against.
    pub shipped_units_per_year: f64,
    /// Days the item's supplier was down, scaled to a year (the same for every policy).
    pub supplier_down_days_per_year: f64,
    /// Units written off past their shelf life, scaled to a year.
    pub expired_units_per_year: f64,
    /// Their disposal cost, scaled to a year (the purchase was counted already).
    pub expiry_cost_per_year: f64,
    /// Units written off because the item stopped selling, scaled to a year.
    pub obsolete_units_per_year: f64,
    /// The order-up-to level in force at the measured reviews, on average: the sized level
    /// for a fixed policy, what a month's buffer or a re-estimate made it for an adaptive one.
    pub avg_order_up_to: f64,
    /// Their disposal cost less their salvage value, scaled to a year.
    pub obsolescence_cost_per_year: f64,
    /// The most stock on hand at the end of any measured day, in units.
    pub peak_on_hand: f64,
    /// The longest run of consecutive stockout days.
    pub longest_stockout_days: f64,
    /// Share of replenishment cycles (from one order to the next) without a stockout day.
    /// When no cycle closes within the measured days, the whole period counts as one cycle.
    pub cycle_service_level: f64,
    /// Waiting unit-days ÷ units demanded: the mean wait over every unit demanded, in days
    /// (0 for a unit served from stock; Little's law).
    pub mean_wait_days: f64,
    /// Units moved over the whole run.
    pub flows: Flows,
}

impl ReplicationMetrics {
    /// Everything but purchases: ordering + capital holding + storage + shortage (backorder
    /// penalty or lost sales) + disposal of expired stock + the write-off of obsolete stock
    /// (disposal less salvage), per year.
    pub fn operating_cost_per_year(&self) -> f64 {
        self.ordering_cost_per_year
            + self.holding_cost_per_year
            + self.storage_cost_per_year
            + self.backorder_cost_per_year
            + self.lost_sale_cost_per_year
            + self.expiry_cost_per_year
            + self.obsolescence_cost_per_year
    }

    /// Total cost per year: purchases + operating cost.
    pub fn total_cost_per_year(&self) -> f64 {
        self.purchase_cost_per_year + self.operating_cost_per_year()
    }
}

/// One policy's results across replications: each mean with its standard error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyResult {
    /// The name results are shown under.
    pub name: String,
    pub policy: Policy,
    /// Measured days ÷ days per year: a yearly figure × this is the horizon's total.
    pub years_measured: f64,
    pub avg_on_hand: MeanSe,
    pub fill_rate: MeanSe,
    pub stockout_days_per_year: MeanSe,
    pub ready_rate: MeanSe,
    pub purchase_cost_per_year: MeanSe,
    pub holding_cost_per_year: MeanSe,
    pub storage_cost_per_year: MeanSe,
    pub ordering_cost_per_year: MeanSe,
    pub backorder_cost_per_year: MeanSe,
    pub lost_sale_cost_per_year: MeanSe,
    pub lost_units_per_year: MeanSe,
    pub operating_cost_per_year: MeanSe,
    pub total_cost_per_year: MeanSe,
    pub orders_per_year: MeanSe,
    pub shipped_units_per_year: MeanSe,
    pub supplier_down_days_per_year: MeanSe,
    pub expired_units_per_year: MeanSe,
    pub expiry_cost_per_year: MeanSe,
    pub obsolete_units_per_year: MeanSe,
    pub obsolescence_cost_per_year: MeanSe,
    pub avg_order_up_to: MeanSe,
    pub peak_on_hand: MeanSe,
    /// Average inventory value (cash tied up): average units on hand × unit cost.
    pub avg_inventory_value: MeanSe,
    /// Peak inventory value: the most units on hand × unit cost.
    pub peak_inventory_value: MeanSe,
    pub longest_stockout_days: MeanSe,
    pub cycle_service_level: MeanSe,
    pub mean_wait_days: MeanSe,
    /// Inventory turns: units shipped per year ÷ average units on hand (the same as cost of
    /// goods shipped ÷ average inventory value), as a ratio of means across replications.
    pub turns: RatioSe,
    /// P5, P50 and P95 of yearly total cost across replications.
    pub total_cost_quantiles: Quantiles,
    /// P5, P50 and P95 of stockout days per year across replications.
    pub stockout_days_quantiles: Quantiles,
    /// Each replication's yearly total cost, in replication order: what pairs two policies
    /// on the same draws, and the distribution the page draws.
    pub cost_by_replication: Vec<f64>,
    /// Each replication's stockout days per year, in replication order.
    pub stockout_days_by_replication: Vec<f64>,
    /// End-of-day stock on hand per day (warm-up included), averaged over replications.
    pub mean_on_hand_by_day: Vec<f64>,
    /// P10–P90 of end-of-day stock on hand across replications, on sampled days.
    pub on_hand_band: Vec<BandPoint>,
    /// For each of the comparison's known windows (in its order): stockout days inside it,
    /// and in the days after it that a held order can still take to land
    /// ([`days_after_window`]).
    pub window_stockout_days: Vec<WindowStockouts>,
}

/// Stockout days inside a known disruption window and right after it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WindowStockouts {
    pub inside: MeanSe,
    pub after: MeanSe,
}

/// What kind of known window: a scheduled supplier outage or a scheduled demand shock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowKind {
    Outage,
    Shock,
}

/// A window known in advance, which the page shades.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct KnownWindow {
    pub kind: WindowKind,
    pub window: Window,
}

/// How many days after a window its effects are counted: the time a held order can still take
/// to land, mean lead time + 3 sd (at most the longest lead time), + 1.
pub fn days_after_window(item: &Item) -> usize {
    let lead = item.lead_time();
    let long = libm::ceil(lead.mean_days() + 3.0 * lead.sd_days()) as usize;
    long.min(item.max_lead_days as usize) + 1
}

/// The item's known windows: its supplier's scheduled outages and its scheduled shocks.
pub fn known_windows(item: &Item) -> Vec<KnownWindow> {
    let outages = item.supplier().into_iter().flat_map(|s| s.scheduled().iter());
    let shocks = item.demand_shape().scheduled_shocks.iter().map(|s| &s.window);
    outages
        .map(|&window| KnownWindow { kind: WindowKind::Outage, window })
        .chain(shocks.map(|&window| KnownWindow { kind: WindowKind::Shock, window }))
        .collect()
}

impl PolicyResult {
    fn new(named: &NamedPolicy, years_measured: f64) -> Self {
        PolicyResult {
            name: named.name.clone(),
            policy: named.policy,
            years_measured,
            avg_on_hand: MeanSe::default(),
            fill_rate: MeanSe::default(),
            stockout_days_per_year: MeanSe::default(),
            ready_rate: MeanSe::default(),
            purchase_cost_per_year: MeanSe::default(),
            holding_cost_per_year: MeanSe::default(),
            storage_cost_per_year: MeanSe::default(),
            operating_cost_per_year: MeanSe::default(),
            ordering_cost_per_year: MeanSe::default(),
            backorder_cost_per_year: MeanSe::default(),
            lost_sale_cost_per_year: MeanSe::default(),
            lost_units_per_year: MeanSe::default(),
            total_cost_per_year: MeanSe::default(),
            orders_per_year: MeanSe::default(),
            shipped_units_per_year: MeanSe::default(),
            supplier_down_days_per_year: MeanSe::default(),
            expired_units_per_year: MeanSe::default(),
            expiry_cost_per_year: MeanSe::default(),
            obsolete_units_per_year: MeanSe::default(),
            avg_order_up_to: MeanSe::default(),
            obsolescence_cost_per_year: MeanSe::default(),
            turns: RatioSe::default(),
            peak_on_hand: MeanSe::default(),
            avg_inventory_value: MeanSe::default(),
            peak_inventory_value: MeanSe::default(),
            longest_stockout_days: MeanSe::default(),
            cycle_service_level: MeanSe::default(),
            mean_wait_days: MeanSe::default(),
            total_cost_quantiles: Quantiles::default(),
            stockout_days_quantiles: Quantiles::default(),
            cost_by_replication: Vec::new(),
            stockout_days_by_replication: Vec::new(),
            mean_on_hand_by_day: Vec::new(),
            on_hand_band: Vec::new(),
            window_stockout_days: Vec::new(),
        }
    }

    /// Adds the statistics of the replications that follow this result's (their per-replication
    /// values are appended). The finished figures (quantiles, inventory values, trajectory)
    /// are left to [`Part::finish`].
    fn merge(&mut self, next: &PolicyResult) {
        macro_rules! merge_means {
            ($($field:ident),* $(,)?) => { $( self.$field.merge(&next.$field); )* };
        }
        merge_means!(
            avg_on_hand,
            fill_rate,
            stockout_days_per_year,
            ready_rate,
            purchase_cost_per_year,
            holding_cost_per_year,
            storage_cost_per_year,
            operating_cost_per_year,
            ordering_cost_per_year,
            backorder_cost_per_year,
            lost_sale_cost_per_year,
            lost_units_per_year,
            total_cost_per_year,
            orders_per_year,
            shipped_units_per_year,
            supplier_down_days_per_year,
            expired_units_per_year,
            expiry_cost_per_year,
            obsolete_units_per_year,
            avg_order_up_to,
            obsolescence_cost_per_year,
            peak_on_hand,
            longest_stockout_days,
            cycle_service_level,
            mean_wait_days,
        );
        self.turns.merge(&next.turns);
        for (a, b) in self.window_stockout_days.iter_mut().zip(&next.window_stockout_days) {
            a.inside.merge(&b.inside);
            a.after.merge(&b.after);
        }
        self.cost_by_replication.extend_from_slice(&next.cost_by_replication);
        self.stockout_days_by_replication.extend_from_slice(&next.stockout_days_by_replication);
    }

    fn push(&mut self, m: &ReplicationMetrics) {
        self.avg_on_hand.push(m.avg_on_hand);
        self.fill_rate.push(m.fill_rate);
        self.stockout_days_per_year.push(m.stockout_days_per_year);
        self.ready_rate.push(m.ready_rate);
        self.purchase_cost_per_year.push(m.purchase_cost_per_year);
        self.holding_cost_per_year.push(m.holding_cost_per_year);
        self.storage_cost_per_year.push(m.storage_cost_per_year);
        self.operating_cost_per_year.push(m.operating_cost_per_year());
        self.ordering_cost_per_year.push(m.ordering_cost_per_year);
        self.backorder_cost_per_year.push(m.backorder_cost_per_year);
        self.lost_sale_cost_per_year.push(m.lost_sale_cost_per_year);
        self.lost_units_per_year.push(m.lost_units_per_year);
        self.total_cost_per_year.push(m.total_cost_per_year());
        self.orders_per_year.push(m.orders_per_year);
        self.shipped_units_per_year.push(m.shipped_units_per_year);
        self.supplier_down_days_per_year.push(m.supplier_down_days_per_year);
        self.expired_units_per_year.push(m.expired_units_per_year);
        self.expiry_cost_per_year.push(m.expiry_cost_per_year);
        self.obsolete_units_per_year.push(m.obsolete_units_per_year);
        self.avg_order_up_to.push(m.avg_order_up_to);
        self.obsolescence_cost_per_year.push(m.obsolescence_cost_per_year);
        self.turns.push(m.shipped_units_per_year, m.avg_on_hand);
        self.peak_on_hand.push(m.peak_on_hand);
        self.longest_stockout_days.push(m.longest_stockout_days);
        self.cycle_service_level.push(m.cycle_service_level);
        self.mean_wait_days.push(m.mean_wait_days);
    }

    /// A yearly figure's total over the measured days of the horizon.
    pub fn over_horizon(&self, per_year: &MeanSe) -> MeanSe {
        per_year.scaled(self.years_measured)
    }
}

/// The 5th, 50th and 95th percentiles of a metric across replications (linear interpolation
/// between order statistics, Hyndman and Fan's type 7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantiles {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

impl Quantiles {
    /// The quantiles of `values` (sorted in place); all zero when empty.
    pub fn of(values: &mut [f64]) -> Quantiles {
        values.sort_by(f64::total_cmp);
        let at = |p: f64| {
            let Some(last) = values.len().checked_sub(1) else { return 0.0 };
            let h = p * last as f64;
            let (lo, frac) = (h.floor() as usize, h - h.floor());
            let hi = (lo + 1).min(last);
            values[lo] + frac * (values[hi] - values[lo])
        };
        Quantiles { p5: at(0.05), p50: at(0.5), p95: at(0.95) }
    }
}

/// One item's policies, simulated on the same draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub item_name: String,
    /// What the item's unmet demand does: waits (backorder) or goes (lost sale).
    pub shortage: Shortage,
    /// In the order the item lists them.
    pub policies: Vec<PolicyResult>,
    pub settings: Settings,
    /// Days at the start left out of the statistics.
    pub warm_up_days: u32,
    /// Known outage and shock windows, for the page to shade.
    pub windows: Vec<KnownWindow>,
    /// For a supplier with random outages: the share of replications in which it is down,
    /// day by day (empty otherwise).
    pub supplier_down_share_by_day: Vec<f64>,
}

impl Comparison {
    /// The first policy of a kind, if the item compares one.
    pub fn policy(&self, kind: PolicyKind) -> Option<&PolicyResult> {
        self.policies.iter().find(|p| p.policy.kind == kind)
    }

    /// Days that count towards the statistics.
    pub fn measured_days(&self) -> u32 {
        self.settings.horizon_days() - self.warm_up_days
    }

    /// Policy `a`'s yearly total cost minus policy `b`'s, replication by replication (they
    /// face the same draws), as a mean with its standard error.
    pub fn paired_cost_difference(&self, a: usize, b: usize) -> MeanSe {
        let mut d = MeanSe::default();
        let (a, b) = (&self.policies[a].cost_by_replication, &self.policies[b].cost_by_replication);
        a.iter().zip(b).for_each(|(x, y)| d.push(x - y));
        d
    }

    /// The policies in increasing mean yearly total cost.
    pub fn by_cost(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.policies.len()).collect();
        crate::core::stats::sort_indices(&mut order, &|i| {
            self.policies[i].total_cost_per_year.mean()
        });
        order
    }
}

/// One replication's random days, shared by every policy (common random numbers).
#[derive(Clone, Debug, Default)]
pub struct Draws {
    /// Demand per day.
    pub demand: Vec<f64>,
    /// The lead time an order placed on each day would get; empty when it is fixed.
    pub lead_time: Vec<u32>,
    /// Whether the item's supplier is down each day; empty when it cannot fail.
    pub supplier_down: Vec<bool>,
    /// For each day (and the day after the horizon), the first day on or after it that the
    /// supplier is up: an order placed at the end of day t starts its lead time then.
    pub next_up: Vec<u32>,
    /// The longest an order can wait for the supplier before its lead time starts, in days.
    pub longest_wait: u32,
    /// The yield an order placed on each day would get; empty unless the yield is random.
    pub yields: Vec<f64>,
    /// The day the item stops selling, if it does within the horizon (obsolescence); the
    /// demand from then on is 0.
    pub death_day: Option<usize>,
}

impl Draws {
    /// Draws one replication's days of one item from its streams.
    pub fn fill(&mut self, item: &Item, settings: &Settings, replication: u32) {
        draw_demand(item, settings, replication, &mut self.demand);
        let lead_time = item.lead_time();
        self.lead_time.clear();
        if lead_time.fixed().is_none() {
            let mut rng = stream(settings.seed(), item.index(), replication, StreamKind::LeadTime);
            lead_time.fill(&mut rng, settings.horizon_days() as usize, &mut self.lead_time);
        }
        self.death_day = item.obsolescence().and_then(|o| {
            let mut rng =
                stream(settings.seed(), item.index(), replication, StreamKind::Obsolescence);
            death_day(o.probability_per_year, settings.days_per_year(), &mut rng)
                .filter(|&day| day < settings.horizon_days() as usize)
        });
        if let Some(day) = self.death_day {
            self.demand[day..].iter_mut().for_each(|d| *d = 0.0);
        }
        self.yields.clear();
        if let Some(y) = item.supply_yield().filter(|y| !y.is_fixed()) {
            let mut rng = stream(settings.seed(), item.index(), replication, StreamKind::Yield);
            y.fill(&mut rng, settings.horizon_days() as usize, &mut self.yields);
        }
        self.supplier_down.clear();
        self.next_up.clear();
        self.longest_wait = 0;
        if let Some(supplier) = item.supplier() {
            let horizon = settings.horizon_days() as usize;
            supplier.fill_down(settings.seed(), replication, horizon, &mut self.supplier_down);
            self.longest_wait = fill_next_up(&self.supplier_down, &mut self.next_up);
        }
    }
}

/// Simulates the first item's policies (the page's form has one item, comparing JIT with
/// JIC) over every replication on common random numbers.
pub fn simulate(scenario: &Scenario) -> Comparison {
    simulate_item(scenario.item(), scenario.settings())
}

/// Simulates every item's policies; items are independent of each other.
pub fn simulate_all(scenario: &Scenario) -> Vec<Comparison> {
    scenario.items().iter().map(|item| simulate_item(item, scenario.settings())).collect()
}

/// Simulates one item's policies over every replication on common random numbers.
pub fn simulate_item(item: &Item, settings: &Settings) -> Comparison {
    let (policies, supplier_down_share_by_day) =
        simulate_run(item, settings, item.policies(), Keep::Trajectories);
    comparison(item, settings, policies, supplier_down_share_by_day)
}

/// An item's comparison from its finished results (of `settings.n_replications()` runs).
pub fn comparison(
    item: &Item,
    settings: &Settings,
    policies: Vec<PolicyResult>,
    supplier_down_share_by_day: Vec<f64>,
) -> Comparison {
    Comparison {
        item_name: item.name().to_owned(),
        shortage: if item.lost_sales() { Shortage::LostSale } else { Shortage::Backorder },
        policies,
        settings: *settings,
        warm_up_days: item.warm_up_days(),
        windows: known_windows(item),
        supplier_down_share_by_day,
    }
}

/// The share of replications with the item's supplier down, day by day, when its outages are
/// random (the same days the simulation drew: the supplier's own stream per replication).
pub fn supplier_down_share(item: &Item, settings: &Settings) -> Vec<f64> {
    let Some(supplier) = item.supplier().filter(|s| s.random().is_some()) else {
        return Vec::new();
    };
    let horizon = settings.horizon_days() as usize;
    let mut share = vec![0.0; horizon];
    let mut down = Vec::with_capacity(horizon);
    for replication in 0..settings.n_replications() {
        supplier.fill_down(settings.seed(), replication, horizon, &mut down);
        for (s, &d) in share.iter_mut().zip(&down) {
            *s += f64::from(u8::from(d));
        }
    }
    let n = f64::from(settings.n_replications());
    share.iter_mut().for_each(|s| *s /= n);
    share
}

/// Replications are simulated in parts of this many (the last part of a run may be shorter),
/// each part's statistics from zero, and the parts merged in order. The parts are what a
/// page shares among its workers; because the split is fixed here, not by how many workers
/// there are, a run's numbers are the same bit for bit however it was shared, natively and in
/// the browser. Replication k draws the same days in any run, so the first m parts of a run
/// are exactly the run of m × this many replications.
pub const PART_REPLICATIONS: u32 = 250;

/// The replication ranges `[from, to)` of a run of `n` replications, in order.
pub fn parts(n: u32) -> impl Iterator<Item = (u32, u32)> {
    (0..n.div_ceil(PART_REPLICATIONS)).map(move |k| {
        let from = k * PART_REPLICATIONS;
        (from, (from + PART_REPLICATIONS).min(n))
    })
}

/// One part of a run: the statistics of some policies of an item over the replications
/// `[from, to)`, not yet finished (no quantiles, no trajectory means). Merge the parts of a
/// run in order with [`Part::merge`], then [`Part::finish`].
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Part {
    pub from: u32,
    pub to: u32,
    policies: Vec<PolicyPart>,
    /// For each day, in how many of these replications the item's supplier was down (empty
    /// when its outages are not random).
    supplier_down: Vec<u32>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct PolicyPart {
    result: PolicyResult,
    trajectory: Option<TrajectoryAccumulator>,
}

/// Which results a run keeps beyond the metrics.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Keep {
    /// Only the metrics (a frontier's points).
    Metrics,
    /// The metrics, stock on hand over time and the supplier's down days (what the charts
    /// draw).
    Trajectories,
}

/// Simulates the given policies of an item over the replications `[from, to)`; each
/// replication's draws are made once and shared by all of them.
pub fn simulate_part(
    item: &Item,
    settings: &Settings,
    policies: &[NamedPolicy],
    (from, to): (u32, u32),
    keep: Keep,
) -> Part {
    let settings = *settings;
    let years_measured =
        f64::from(settings.horizon_days() - item.warm_up_days()) / settings.days_per_year();
    let with_paths = keep == Keep::Trajectories;
    let mut parts: Vec<PolicyPart> = policies
        .iter()
        .map(|p| PolicyPart {
            result: PolicyResult::new(p, years_measured),
            trajectory: with_paths.then(|| {
                TrajectoryAccumulator::new(settings.horizon_days(), stock_bound(item, &p.policy))
            }),
        })
        .collect();
    let horizon = settings.horizon_days() as usize;
    let count_down = with_paths && item.supplier().is_some_and(|s| s.random().is_some());
    let mut supplier_down = vec![0u32; if count_down { horizon } else { 0 }];
    let mut draws = Draws::default();
    let mut path = vec![0.0; horizon];
    // Stockout days by day, only when there are known windows to count them in.
    let windows = known_windows(item);
    let mut short = vec![false; if windows.is_empty() { 0 } else { horizon }];
    let after = days_after_window(item);
    for part in parts.iter_mut() {
        part.result.window_stockout_days = vec![WindowStockouts::default(); windows.len()];
    }
    for replication in from..to {
        draws.fill(item, &settings, replication);
        if count_down {
            for (count, &down) in supplier_down.iter_mut().zip(&draws.supplier_down) {
                *count += u32::from(down);
            }
        }
        for part in parts.iter_mut() {
            let result = &mut part.result;
            let metrics = run_policy_recording(
                item,
                &settings,
                &result.policy,
                &draws,
                &mut path,
                &mut short,
            );
            for (w, counts) in windows.iter().zip(result.window_stockout_days.iter_mut()) {
                let count = |from: usize, to: usize| {
                    short[from.min(horizon)..to.min(horizon)].iter().filter(|&&s| s).count() as f64
                };
                let (start, end) = (w.window.start_day as usize, w.window.end_day() as usize);
                counts.inside.push(count(start, end));
                counts.after.push(count(end, end + after));
            }
            if let Some(trajectory) = part.trajectory.as_mut() {
                trajectory.add(&path);
            }
            result.push(&metrics);
            result.cost_by_replication.push(metrics.total_cost_per_year());
            result.stockout_days_by_replication.push(metrics.stockout_days_per_year);
        }
    }
    Part { from, to, policies: parts, supplier_down }
}

impl Part {
    /// Adds the part that follows this one (its replications start where these end).
    ///
    /// # Panics
    /// When `next` does not follow this part, or simulates other policies: a caller's bug.
    pub fn merge(&mut self, next: &Part) {
        assert!(
            next.from == self.to && next.policies.len() == self.policies.len(),
            "parts merged out of order"
        );
        self.to = next.to;
        for (a, b) in self.policies.iter_mut().zip(&next.policies) {
            a.result.merge(&b.result);
            if let (Some(a), Some(b)) = (a.trajectory.as_mut(), b.trajectory.as_ref()) {
                a.merge(b);
            }
        }
        for (a, b) in self.supplier_down.iter_mut().zip(&next.supplier_down) {
            *a += b;
        }
    }

    /// How many replications the part covers.
    pub fn replications(&self) -> u32 {
        self.to - self.from
    }

    /// The results over the part's replications, and the share of them with the supplier
    /// down on each day (empty unless trajectories were kept and its outages are random).
    pub fn finish(self, item: &Item) -> (Vec<PolicyResult>, Vec<f64>) {
        let n = self.replications();
        let share = self.supplier_down.iter().map(|&c| f64::from(c) / f64::from(n)).collect();
        let results = self
            .policies
            .into_iter()
            .map(|PolicyPart { mut result, trajectory }| {
                if let Some(trajectory) = trajectory {
                    (result.mean_on_hand_by_day, result.on_hand_band) = trajectory.finish(n);
                }
                result.total_cost_quantiles =
                    Quantiles::of(&mut result.cost_by_replication.clone());
                result.stockout_days_quantiles =
                    Quantiles::of(&mut result.stockout_days_by_replication.clone());
                result.avg_inventory_value = result.avg_on_hand.scaled(item.unit_cost());
                result.peak_inventory_value = result.peak_on_hand.scaled(item.unit_cost());
                result
            })
            .collect();
        (results, share)
    }
}

/// Simulates the given policies of an item over every replication, part by part (see
/// [`PART_REPLICATIONS`]); each replication's draws are made once and shared by all of them.
/// Each result keeps its yearly cost and stockout days per replication, in replication order:
/// on common random numbers, the difference between two policies in the same replication is
/// what compares them (paired differences).
pub fn simulate_policies(
    item: &Item,
    settings: &Settings,
    policies: &[NamedPolicy],
) -> Vec<PolicyResult> {
    simulate_run(item, settings, policies, Keep::Trajectories).0
}

/// The whole run: every part simulated and merged in order, then finished.
pub fn simulate_run(
    item: &Item,
    settings: &Settings,
    policies: &[NamedPolicy],
    keep: Keep,
) -> (Vec<PolicyResult>, Vec<f64>) {
    let mut run: Option<Part> = None;
    for range in parts(settings.n_replications()) {
        let part = simulate_part(item, settings, policies, range, keep);
        match run.as_mut() {
            None => run = Some(part),
            Some(run) => run.merge(&part),
        }
    }
    // A valid scenario has at least one replication.
    run.map_or_else(Default::default, |run| run.finish(item))
}

/// The most stock a policy can have on hand: the larger of the starting stock and its largest
/// position after ordering (stock on hand never exceeds the position unless customers are
/// waiting, and then it is 0).
fn stock_bound(item: &Item, policy: &Policy) -> f64 {
    let most_planned = match item.forecast() {
        Some(f) if policy.follows_forecast() => f.iter().copied().fold(1.0, f64::max),
        _ => 1.0,
    };
    let most_yield = 1.0 / item.supply_yield().map_or(1.0, |y| y.mean());
    start_stock(item, policy).max(policy.rule.start_stock() * most_planned * most_yield)
        + item.order_limits().overshoot()
}

/// Stock on hand on day 0: the item's, when given, else the policy's own level.
/// A demand-sized policy under a demand shape starts at its level for the days from day 0.
fn start_stock(item: &Item, policy: &Policy) -> f64 {
    let planned = if policy.follows_forecast() { item.start_forecast() } else { 1.0 };
    item.initial_on_hand().unwrap_or_else(|| policy.rule.start_stock() * planned)
}

/// Fills `demand` with one replication's daily demand, drawn from the item's demand stream
/// for that replication, so every policy sees the same days.
pub fn draw_demand(item: &Item, settings: &Settings, replication: u32, demand: &mut Vec<f64>) {
    let d = item.demand();
    let horizon = settings.horizon_days() as usize;
    demand.clear();
    if let Some(every_day) = d.fixed() {
        demand.resize(horizon, every_day);
    }
    if d.fixed().is_none() {
        let mut rng = stream(settings.seed(), item.index(), replication, StreamKind::Demand);
        d.fill(&mut rng, horizon, demand);
    }
    let shape = item.demand_shape();
    if shape.is_flat() {
        return;
    }
    // The shape multiplies each day's draw; rounding, if any, comes after it.
    if let Some(known) = item.known_multiplier() {
        demand.iter_mut().zip(known).for_each(|(x, m)| *x *= m);
    }
    let mut shocks = Vec::new();
    shape.fill_random_shocks(
        settings.seed(),
        item.index(),
        replication,
        horizon,
        settings.days_per_year(),
        &mut shocks,
    );
    demand.iter_mut().zip(&shocks).for_each(|(x, m)| *x *= m);
    if d.rounds_to_units() {
        demand.iter_mut().for_each(|x| *x = libm::round(*x));
    }
}

/// The first day an item with a yearly chance `p` of dying is dead: each day it dies with the
/// daily hazard h = 1 − (1 − p)^(1/days per year), so the day is geometric, drawn by
/// inversion. `None` when it never dies (p = 0).
fn death_day<R: rand::Rng + ?Sized>(p: f64, days_per_year: f64, rng: &mut R) -> Option<usize> {
    if p <= 0.0 {
        return None;
    }
    let hazard = 1.0 - libm::pow(1.0 - p, 1.0 / days_per_year);
    if hazard >= 1.0 {
        return Some(0);
    }
    let u: f64 = 1.0 - rng.random::<f64>();
    let day = libm::floor(libm::log(u) / libm::log(1.0 - hazard));
    (day < usize::MAX as f64).then_some(day as usize)
}

/// An adaptive policy's order-up-to level for every day of one replication, worked out
/// before the run: the month's buffer (times the forecast, when demand has a known shape), or
/// the level last sized from what had been observed by then. The levels depend only on the
/// replication's draws, never on the run's stock, so the day loop just reads them — it stays
/// as lean for fixed policies as it was without adaptive ones.
fn adaptive_levels(
    item: &Item,
    settings: &Settings,
    policy: &Policy,
    draws: &Draws,
) -> Option<Vec<f64>> {
    let horizon = draws.demand.len();
    match policy.adapt {
        Adapt::Fixed => None,
        Adapt::Monthly { buffer_days, jit_level, daily_mean } => {
            let year = settings.days_per_year();
            let forecast = item.forecast();
            Some(
                (0..horizon)
                    .map(|day| {
                        let month = ((day as f64 % year) * 12.0 / year) as usize;
                        let level = jit_level + daily_mean * buffer_days[month.min(11)];
                        level * forecast.map_or(1.0, |f| f[day])
                    })
                    .collect(),
            )
        }
        Adapt::Reestimate { cycle_service_level, every_days, window_days } => {
            let review = policy.review_period_days.max(1);
            let fixed_lead = item.lead_time().fixed();
            let mut level = policy.rule.start_stock();
            let mut next = every_days as usize;
            Some(
                (0..horizon)
                    .map(|day| {
                        if day >= next {
                            next = day + every_days as usize;
                            let sized = resized_level(
                                &draws.demand,
                                &draws.lead_time,
                                fixed_lead,
                                review,
                                cycle_service_level,
                                window_days as usize,
                                day,
                            );
                            level = sized.unwrap_or(level);
                        }
                        level
                    })
                    .collect(),
            )
        }
    }
}

/// The level a re-estimating policy sizes from the `window` days up to and including `day`:
/// the sample mean and sd of demand and of the lead times drawn on those days, then
/// S = μ̂·P̂ + the safety stock `closed_form::safety_stock` gives for those estimates over
/// P̂ = mean lead time + R. `None` with fewer than two days observed.
fn resized_level(
    demand: &[f64],
    lead_times: &[u32],
    fixed_lead: Option<u32>,
    review: u32,
    cycle_service_level: f64,
    window: usize,
    day: usize,
) -> Option<f64> {
    let end = (day + 1).min(demand.len());
    let start = end.saturating_sub(window);
    let (mean, var) = mean_var(demand[start..end].iter().copied())?;
    let (lead_mean, lead_var) = match fixed_lead {
        Some(l) => (f64::from(l), 0.0),
        None => mean_var(lead_times[start..end].iter().map(|&l| f64::from(l)))?,
    };
    let p = lead_mean + f64::from(review);
    let buffer = safety_stock(cycle_service_level, mean, libm::sqrt(var), p, libm::sqrt(lead_var));
    Some(mean * p + buffer)
}

/// The sample mean and variance (n − 1) of at least two values.
fn mean_var(values: impl Iterator<Item = f64> + Clone) -> Option<(f64, f64)> {
    let n = values.clone().count();
    if n < 2 {
        return None;
    }
    let mean = values.clone().sum::<f64>() / n as f64;
    let ss: f64 = values.map(|x| (x - mean) * (x - mean)).sum();
    Some((mean, ss / (n - 1) as f64))
}

/// What a run needs to know that does not change from day to day.
struct Rules<'a> {
    policy: &'a Policy,
    limits: &'a crate::core::policy::OrderLimits,
    review: u32,
    lost_sales: bool,
    in_order: bool,
    /// The lead time when it is fixed; otherwise each day's draw is in `lead_times`.
    fixed_lead: Option<usize>,
    lead_times: &'a [u32],
    /// The first day the supplier is up on or after each day; `None` when it never fails.
    next_up: Option<&'a [u32]>,
    /// What the policy's levels are multiplied by each day (demand-sized policies under a
    /// demand shape); `None` keeps them as they are.
    forecast: Option<&'a [f64]>,
    /// An adaptive policy's order-up-to level by day; `None` for a fixed policy.
    levels: Option<&'a [f64]>,
    /// The mean supply yield (1 without one), and each day's draw when it is random.
    yield_mean: f64,
    yields: Option<&'a [f64]>,
    /// The pipeline ring's length − 1 (a power of two − 1).
    mask: usize,
}

/// How stock on hand is kept: in bulk (units are alike) or as lots aged individually
/// (perishables). The day loop is generic over it, so bulk stock costs nothing extra.
trait Shelf: Default {
    /// A delivery lands on `day`.
    fn receive(&mut self, day: usize, units: f64);
    /// Writes off what has expired by `day`; returns the units.
    fn expire(&mut self, day: usize) -> f64;
    /// Takes `units` (never more than on hand) for customers.
    fn issue(&mut self, units: f64);
    /// Empties the shelf (the item died).
    fn clear(&mut self) {
        *self = Self::default();
    }
}

/// Stock whose units are alike: nothing to track beyond the total.
#[derive(Default)]
struct Bulk;

impl Shelf for Bulk {
    #[inline(always)]
    fn receive(&mut self, _: usize, _: f64) {}
    #[inline(always)]
    fn expire(&mut self, _: usize) -> f64 {
        0.0
    }
    #[inline(always)]
    fn issue(&mut self, _: f64) {}
}

/// Perishable stock: lots in the order received, each with the first day it is no longer
/// usable (a lot received on day t with shelf life s serves days t … t+s−1), issued oldest
/// first (FIFO) or newest first (LIFO).
#[derive(Default)]
struct Lots {
    lots: std::collections::VecDeque<(usize, f64)>,
    shelf_life: usize,
    lifo: bool,
}

impl Shelf for Lots {
    fn clear(&mut self) {
        self.lots.clear();
    }

    fn receive(&mut self, day: usize, units: f64) {
        if units <= 0.0 {
            return;
        }
        let expires = day + self.shelf_life;
        match self.lots.back_mut() {
            Some((e, q)) if *e == expires => *q += units,
            _ => self.lots.push_back((expires, units)),
        }
    }

    fn expire(&mut self, day: usize) -> f64 {
        let mut gone = 0.0;
        while let Some(&(expires, units)) = self.lots.front() {
            if expires > day {
                break;
            }
            gone += units;
            self.lots.pop_front();
        }
        gone
    }

    fn issue(&mut self, mut units: f64) {
        while units > QTY_EPS {
            let lot = if self.lifo { self.lots.back_mut() } else { self.lots.front_mut() };
            let Some((_, q)) = lot else { return };
            let take = min(*q, units);
            *q -= take;
            units -= take;
            if *q <= QTY_EPS {
                if self.lifo {
                    self.lots.pop_back();
                } else {
                    self.lots.pop_front();
                }
            }
        }
    }
}

/// A run's state and running totals. The totals of the measured days are only touched by
/// [`Books::day`] with `MEASURED = true`, so the warm-up runs without them.
#[derive(Default)]
struct Books<S: Shelf> {
    on_hand: f64,
    /// The lots behind `on_hand`, when they age.
    shelf: S,
    on_order: f64,
    backorders: f64,
    last_arrival: usize,
    days_to_review: u32,
    flows: Flows,
    // Measured days only.
    demanded: f64,
    served_on_day: f64,
    on_hand_sum: f64,
    backorder_unit_days: f64,
    lost: f64,
    ordered_units: f64,
    peak_on_hand: f64,
    stockout_days: u32,
    orders: u32,
    run: u32,
    longest_run: u32,
    /// Replenishment cycles: open from an order in the measured days to the next order.
    cycle_open: bool,
    cycle_short: bool,
    cycles: u32,
    clean_cycles: u32,
    /// Units written off as expired in the measured days.
    expired: f64,
    /// Units written off because the item died, in the measured days (with what was still
    /// in transit at the end).
    obsolete: f64,
}

impl<S: Shelf> Books<S> {
    /// Inventory position: on hand + on order − backorders.
    #[inline(always)]
    fn position(&self) -> f64 {
        self.on_hand + self.on_order - self.backorders
    }

    /// The day the item dies: the stock on hand is written off and waiting customers are
    /// gone; nothing is ordered again.
    // Inlined, like every method of the books: were `&mut Books` ever handed to a call the
    // compiler keeps, it could no longer keep the books in registers through the day loop.
    #[inline(always)]
    fn bury<const MEASURED: bool>(&mut self) {
        if MEASURED {
            self.obsolete += self.on_hand;
        }
        self.flows.obsolete += self.on_hand;
        self.flows.cancelled += self.backorders;
        self.on_hand = 0.0;
        self.backorders = 0.0;
        self.shelf.clear();
    }

    /// Days after the item died: deliveries still land, and are written off as they do.
    #[inline(always)]
    fn dead_days<const MEASURED: bool>(
        &mut self,
        rules: &Rules<'_>,
        pipeline: &mut Pipeline,
        days: std::ops::Range<usize>,
        record: &mut DayRecord<'_>,
    ) {
        for day in days {
            let slot = day & rules.mask;
            let expected = std::mem::take(&mut pipeline.expected[slot]);
            let arriving = match pipeline.good.get_mut(slot) {
                Some(good) => std::mem::take(good),
                None => expected,
            };
            self.on_order -= expected;
            self.flows.received += arriving;
            self.flows.obsolete += arriving;
            if MEASURED {
                self.ordered_units -= expected - arriving;
                self.obsolete += arriving;
            }
            if let Some(slot) = record.on_hand.get_mut(day) {
                *slot = 0.0;
            }
            if let Some(flag) = record.stockout.get_mut(day) {
                *flag = false;
            }
        }
    }

    /// Runs `days`, writing each evening's stock on hand into `path` (as far as it reaches).
    #[inline(always)]
    // Each buffer is an argument of its own, so that the compiler knows none aliases the books.
    #[allow(clippy::too_many_arguments)]
    fn days<const MEASURED: bool, const YIELD: bool>(
        &mut self,
        rules: &Rules<'_>,
        demand: &[f64],
        days: std::ops::Range<usize>,
        // Slices rather than structs holding them: as arguments the compiler knows they do
        // not alias the books, which keeps the books in registers.
        expected: &mut [f64],
        good: &mut [f64],
        on_hand: &mut [f64],
        stockout: &mut [bool],
    ) {
        let first = days.start;
        for (i, &d) in demand[days].iter().enumerate() {
            let day = first + i;
            let short = self.day::<MEASURED, YIELD>(rules, expected, good, day, d);
            if let Some(slot) = on_hand.get_mut(day) {
                *slot = self.on_hand;
            }
            if let Some(flag) = stockout.get_mut(day) {
                *flag = short > QTY_EPS;
            }
        }
    }

    /// One day, in the order the module documentation gives.
    #[inline(always)]
    fn day<const MEASURED: bool, const YIELD: bool>(
        &mut self,
        rules: &Rules<'_>,
        expected: &mut [f64],
        good: &mut [f64],
        day: usize,
        d: f64,
    ) -> f64 {
        // 1. Deliveries arrive; backorders are served first. With a supply yield, what lands
        // may differ from what the position counted on: the difference leaves the position.
        let slot = day & rules.mask;
        let due = std::mem::take(&mut expected[slot]);
        let arriving = if YIELD { std::mem::take(&mut good[slot]) } else { due };
        self.flows.received += arriving;
        self.on_hand += arriving;
        self.shelf.receive(day, arriving);
        self.on_order -= due;
        if YIELD && MEASURED {
            // Paid for what arrives: the order was counted at its expected yield.
            self.ordered_units -= due - arriving;
        }
        // Expired lots are written off before anyone is served (perishables only).
        let expired = self.shelf.expire(day);
        if expired > 0.0 {
            // The lots and the total may differ by rounding: never let it go below 0.
            let expired = min(expired, self.on_hand);
            self.on_hand -= expired;
            self.flows.expired += expired;
            if MEASURED {
                self.expired += expired;
            }
        }
        let late = min(self.backorders, self.on_hand);
        self.on_hand -= late;
        self.backorders -= late;
        self.shelf.issue(late);

        // 2. Today's demand, from stock; the rest waits (or is lost).
        let served = min(d, self.on_hand);
        self.flows.demanded += d;
        self.flows.shipped += late + served;
        self.on_hand -= served;
        self.shelf.issue(served);
        let short = d - served;
        if rules.lost_sales {
            self.flows.lost += short;
        } else {
            self.backorders += short;
        }

        // 3. End-of-day figures.
        if MEASURED {
            self.demanded += d;
            self.served_on_day += served;
            self.on_hand_sum += self.on_hand;
            self.backorder_unit_days += self.backorders;
            if rules.lost_sales {
                self.lost += short;
            }
            self.peak_on_hand =
                if self.on_hand > self.peak_on_hand { self.on_hand } else { self.peak_on_hand };
            let stockout = short > QTY_EPS;
            self.stockout_days += u32::from(stockout);
            self.run = if stockout { self.run + 1 } else { 0 };
            self.longest_run = self.longest_run.max(self.run);
            self.cycle_short |= stockout;
        }

        // 4. Review on days 0, R, 2R, …; a countdown, since a division per day costs more
        // than the rest of the day's bookkeeping.
        let review_day = self.days_to_review == 0;
        self.days_to_review = if review_day { rules.review - 1 } else { self.days_to_review - 1 };
        if !review_day {
            return short;
        }
        let wanted = match (rules.levels, rules.forecast) {
            (Some(levels), _) => {
                Rule::OrderUpTo { level: levels[day] }.order_quantity(self.position())
            }
            (None, None) => rules.policy.rule.order_quantity(self.position()),
            (None, Some(forecast)) => {
                rules.policy.rule.scaled(forecast[day]).order_quantity(self.position())
            }
        };
        let Some(wanted) = wanted else { return short };
        // With a supply yield the policy orders wanted ÷ E[Y] to get what it wants, and the
        // supplier's limits apply to what is ordered.
        let (quantity, arriving) = if YIELD {
            let ordered = rules.limits.apply(wanted / rules.yield_mean);
            let share = rules.yields.map_or(rules.yield_mean, |yields| yields[day]);
            (ordered * rules.yield_mean, ordered * share)
        } else {
            let quantity = rules.limits.apply(wanted);
            (quantity, quantity)
        };
        let lead = rules.fixed_lead.unwrap_or_else(|| rules.lead_times[day] as usize);
        // The lead time starts the next day, or the first day after it the supplier is up.
        let start = rules.next_up.map_or(day + 1, |next_up| next_up[day + 1] as usize);
        let mut arrival = start + lead;
        if rules.in_order {
            arrival = arrival.max(self.last_arrival);
            self.last_arrival = arrival;
        }
        expected[arrival & rules.mask] += quantity;
        if YIELD {
            good[arrival & rules.mask] += arriving;
        }
        self.on_order += quantity;
        if MEASURED {
            self.ordered_units += quantity;
            self.orders += 1;
            if self.cycle_open {
                self.cycles += 1;
                self.clean_cycles += u32::from(!self.cycle_short);
            }
            self.cycle_open = true;
            self.cycle_short = false;
        }
        short
    }
}

/// Orders in transit, in a ring by arrival day modulo its length (see `run`). Kept apart
/// from the books and handed to the day loop as slices: stores into a buffer reached through
/// the books could, for all the compiler knows, change the books' own fields, which would
/// then be reloaded from memory every day.
struct Pipeline {
    /// At their expected yield: what the inventory position counts.
    expected: Vec<f64>,
    /// As they will actually arrive (with a supply yield only; empty otherwise).
    good: Vec<f64>,
}

/// What a run writes down day by day, as far as each slice reaches: the evening's stock on
/// hand, and whether the day was a stockout day.
struct DayRecord<'a> {
    on_hand: &'a mut [f64],
    stockout: &'a mut [bool],
}

/// Runs one policy over one replication's draws and returns its figures; writes each day's
/// end-of-day stock on hand into `on_hand_by_day` (as far as it reaches).
pub fn run_policy(
    item: &Item,
    settings: &Settings,
    policy: &Policy,
    draws: &Draws,
    on_hand_by_day: &mut [f64],
) -> ReplicationMetrics {
    run_policy_recording(item, settings, policy, draws, on_hand_by_day, &mut [])
}

/// [`run_policy`], also writing into `stockout_by_day` (as far as it reaches) whether each
/// day was a stockout day.
pub fn run_policy_recording(
    item: &Item,
    settings: &Settings,
    policy: &Policy,
    draws: &Draws,
    on_hand_by_day: &mut [f64],
    stockout_by_day: &mut [bool],
) -> ReplicationMetrics {
    let mut record = DayRecord { on_hand: on_hand_by_day, stockout: stockout_by_day };
    let record = &mut record;
    match item.perishability() {
        None => run::<Bulk>(item, settings, policy, draws, record, Bulk),
        Some(p) => {
            let lots = Lots {
                lots: std::collections::VecDeque::new(),
                shelf_life: p.shelf_life_days as usize,
                lifo: p.issuing == Issuing::Lifo,
            };
            run::<Lots>(item, settings, policy, draws, record, lots)
        }
    }
}

fn run<S: Shelf>(
    item: &Item,
    settings: &Settings,
    policy: &Policy,
    draws: &Draws,
    record: &mut DayRecord<'_>,
    shelf: S,
) -> ReplicationMetrics {
    let demand = &draws.demand;
    // Orders in transit live in a ring indexed by arrival day modulo its length: no order
    // lands more than (longest wait for the supplier) + max lead + 1 days ahead (a delivery
    // kept in order waits only behind one that obeys the same bound), so a ring just longer
    // than that never wraps onto a day still to come, and each slot is emptied as its day is
    // read. A few slots instead of one
    // per day: nothing to zero per run, and it stays in cache. An order landing after the
    // horizon is never read and stays on order.
    let reach = item.max_lead_days as usize + draws.longest_wait as usize + 2;
    let ring = reach.next_power_of_two();
    let levels = adaptive_levels(item, settings, policy, draws);
    let rules = Rules {
        policy,
        limits: item.order_limits(),
        review: policy.review_period_days.max(1),
        lost_sales: item.lost_sales(),
        in_order: item.deliveries_in_order(),
        fixed_lead: item.lead_time().fixed().map(|l| l as usize),
        lead_times: &draws.lead_time,
        next_up: (!draws.next_up.is_empty()).then_some(draws.next_up.as_slice()),
        forecast: item.forecast().filter(|_| policy.follows_forecast()),
        levels: levels.as_deref(),
        yield_mean: item.supply_yield().map_or(1.0, |y| y.mean()),
        yields: (!draws.yields.is_empty()).then_some(draws.yields.as_slice()),
        mask: ring - 1,
    };
    let start = start_stock(item, policy);
    let mut pipeline = Pipeline {
        expected: vec![0.0; ring],
        good: if item.supply_yield().is_some() { vec![0.0; ring] } else { Vec::new() },
    };
    let mut books = Books {
        on_hand: start,
        shelf,
        flows: Flows { start_on_hand: start, ..Flows::default() },
        ..Books::default()
    };
    let warm_up = (item.warm_up_days() as usize).min(demand.len());
    let with_yield = item.supply_yield().is_some();
    books.shelf.receive(0, start);
    let death = draws.death_day.unwrap_or(usize::MAX);
    let mut run = |books: &mut Books<S>, days: std::ops::Range<usize>, measured: bool| {
        let alive = days.start..days.end.min(death).max(days.start);
        // One loop per case, so that the common one carries none of the others' bookkeeping.
        let (on_hand, stockout) = (&mut *record.on_hand, &mut *record.stockout);
        match (measured, with_yield) {
            (false, false) => books.days::<false, false>(
                &rules,
                demand,
                alive,
                &mut pipeline.expected,
                &mut pipeline.good,
                on_hand,
                stockout,
            ),
            (false, true) => books.days::<false, true>(
                &rules,
                demand,
                alive,
                &mut pipeline.expected,
                &mut pipeline.good,
                on_hand,
                stockout,
            ),
            (true, false) => books.days::<true, false>(
                &rules,
                demand,
                alive,
                &mut pipeline.expected,
                &mut pipeline.good,
                on_hand,
                stockout,
            ),
            (true, true) => books.days::<true, true>(
                &rules,
                demand,
                alive,
                &mut pipeline.expected,
                &mut pipeline.good,
                on_hand,
                stockout,
            ),
        }
        let path = &mut *record;
        if days.contains(&death) {
            if measured {
                books.bury::<true>();
            } else {
                books.bury::<false>();
            }
        }
        let dead = days.start.max(death)..days.end;
        if !dead.is_empty() {
            if measured {
                books.dead_days::<true>(&rules, &mut pipeline, dead, path);
            } else {
                books.dead_days::<false>(&rules, &mut pipeline, dead, path);
            }
        }
    };
    run(&mut books, 0..warm_up, false);
    // Purchases over the measured days: the stock position at their start counts as bought
    // then, and the position at the end is credited back at unit cost, so policies that start
    // or end with different stock compare fairly.
    let position_at_start = books.position();
    let backorders_at_start = books.backorders;
    run(&mut books, warm_up..demand.len(), true);
    if death < demand.len() {
        // What is still in transit when the horizon ends will land on a dead item.
        books.obsolete += books.on_order;
        books.flows.obsolete_in_transit = books.on_order;
        books.on_order = 0.0;
    }
    let b = &books;
    let mut flows = b.flows;
    flows.end_on_hand = b.on_hand;
    flows.end_backorders = b.backorders;

    let days = f64::from(settings.horizon_days() - item.warm_up_days());
    let per_year = settings.days_per_year() / days;
    let holding_per_unit_day =
        item.unit_cost() * item.holding_rate_per_year() / settings.days_per_year();
    // Shipped over the measured days, from the balance: demanded − lost + the customers
    // waiting at the start − those still waiting at the end.
    let shipped = b.demanded - b.lost + backorders_at_start - b.backorders;
    ReplicationMetrics {
        avg_on_hand: b.on_hand_sum / days,
        avg_backorders: b.backorder_unit_days / days,
        fill_rate: if b.demanded > 0.0 { b.served_on_day / b.demanded } else { 1.0 },
        stockout_days_per_year: f64::from(b.stockout_days) * per_year,
        ready_rate: 1.0 - f64::from(b.stockout_days) / days,
        holding_cost_per_year: b.on_hand_sum * holding_per_unit_day * per_year,
        storage_cost_per_year: b.on_hand_sum * item.storage_cost_per_unit_day() * per_year,
        purchase_cost_per_year: (b.ordered_units + position_at_start - b.position())
            * item.unit_cost()
            * per_year,
        ordering_cost_per_year: f64::from(b.orders) * item.order_cost() * per_year,
        backorder_cost_per_year: b.backorder_unit_days
            * item.backorder_cost_per_unit_day()
            * per_year,
        lost_sale_cost_per_year: b.lost * item.lost_sale_cost_per_unit() * per_year,
        expired_units_per_year: b.expired * per_year,
        expiry_cost_per_year: b.expired * item.costs().disposal_per_unit * per_year,
        obsolete_units_per_year: b.obsolete * per_year,
        avg_order_up_to: match &levels {
            // The levels in force at the measured reviews (days 0, R, 2R, …).
            Some(levels) => {
                let review = policy.review_period_days.max(1) as usize;
                let at_reviews: Vec<f64> = (warm_up..levels.len())
                    .filter(|day| day % review == 0)
                    .map(|day| levels[day])
                    .collect();
                at_reviews.iter().sum::<f64>() / at_reviews.len().max(1) as f64
            }
            None => policy.rule.start_stock(),
        },
        obsolescence_cost_per_year: b.obsolete
            * (item.costs().disposal_per_unit
                - item.obsolescence().map_or(0.0, |o| o.salvage_per_unit))
            * per_year,
        lost_units_per_year: b.lost * per_year,
        orders_per_year: f64::from(b.orders) * per_year,
        shipped_units_per_year: shipped * per_year,
        supplier_down_days_per_year: draws
            .supplier_down
            .iter()
            .skip(warm_up)
            .filter(|&&d| d)
            .count() as f64
            * per_year,
        peak_on_hand: b.peak_on_hand,
        longest_stockout_days: f64::from(b.longest_run),
        cycle_service_level: if b.cycles > 0 {
            f64::from(b.clean_cycles) / f64::from(b.cycles)
        } else if b.stockout_days > 0 {
            0.0
        } else {
            1.0
        },
        mean_wait_days: if b.demanded > 0.0 { b.backorder_unit_days / b.demanded } else { 0.0 },
        flows,
    }
}
