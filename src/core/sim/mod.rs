//! The day loop and the statistics across replications.
//!
//! One day, in this order (DESIGN.md, "The simulation"):
//! 1. deliveries due today arrive (a perishable delivery is a lot of its own); lots past their
//!    shelf life are written off; backorders are served first;
//! 2. the day's demand is served from stock; the shortfall is backordered (or lost, in
//!    lost-sales mode);
//! 3. end-of-day figures accrue: capital holding on the cash tied up (`core::payment`: the
//!    stock on hand unless the payment terms say otherwise), storage on the stock on hand, the
//!    backorder penalty per unit waiting;
//! 4. on a review day (days 0, R, 2R, …) the policy's rule looks at the inventory position
//!    (on hand + on order − backorders; a perishable's may leave out what expires the next
//!    morning) and may order, within the order limits; the order's
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

mod day;
mod draws;
mod levels;
mod results;
mod shelf;

use day::DayRecord;
pub use day::{run_policy, run_policy_recording};
pub use draws::{draw_demand, Draws};
pub use results::{
    days_after_window, known_windows, Comparison, Flows, KnownWindow, PolicyResult, Quantiles,
    ReplicationMetrics, WindowKind, WindowStockouts,
};

use crate::core::policy::{Adapt, NamedPolicy, Policy};
use crate::core::scenario::{Item, Scenario, Settings, Shortage};
use crate::core::trajectory::TrajectoryAccumulator;

/// Simulates the first item's policies (the page's form has one item, comparing JIT with
/// JIC) over every replication on common random numbers.
pub fn simulate(scenario: &Scenario) -> Comparison {
    simulate_item(scenario.item(), scenario.settings())
}

/// Simulates every item's policies; items are independent of each other.
pub fn simulate_all(scenario: &Scenario) -> Vec<Comparison> {
    scenario.items().iter().map(|item| simulate_item(item, scenario.settings())).collect()
}

/// Simulates one item's policies over every replication on common random numbers, with stock
/// on hand over time for the charts.
pub fn simulate_item(item: &Item, settings: &Settings) -> Comparison {
    simulate_item_keeping(item, settings, Keep::Trajectories)
}

/// [`simulate_item`], keeping stock on hand over time only when asked: the metrics are the
/// same bits either way, and a run without the trajectory takes about a tenth less time.
pub fn simulate_item_keeping(item: &Item, settings: &Settings, keep: Keep) -> Comparison {
    let (policies, supplier_down_share_by_day) =
        simulate_run(item, settings, item.sized_policies(), keep);
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
        selling_price: item.selling_price(),
        levers: item.levers_used(),
        capacity_units: item.storage().map(|s| s.capacity.units()),
        policies,
        settings: *settings,
        warm_up_days: item.warm_up_days(),
        windows: known_windows(item),
        supplier_down_share_by_day,
        price_by_day: mean_price_by_day(item, settings),
    }
}

/// The market price day by day averaged over the replications, for an item whose price
/// moves (`core::prices`): the one path when it has no random jumps, else each replication's
/// from the item's price stream, as the simulation drew them.
pub fn mean_price_by_day(item: &Item, settings: &Settings) -> Vec<f64> {
    let Some(prices) = item.prices().filter(|p| p.moves()) else { return Vec::new() };
    let horizon = settings.horizon_days() as usize;
    let runs = if prices.random() { settings.n_replications() } else { 1 };
    let mut mean = vec![0.0; horizon];
    let mut path = Vec::with_capacity(horizon);
    for replication in 0..runs {
        let mut rng = crate::core::rng::stream(
            settings.seed(),
            item.index(),
            replication,
            crate::core::rng::StreamKind::Price,
        );
        prices.fill(item.unit_cost(), settings.days_per_year(), horizon, &mut rng, &mut path);
        for (m, p) in mean.iter_mut().zip(&path) {
            *m += p;
        }
    }
    let n = f64::from(runs);
    mean.iter_mut().for_each(|m| *m /= n);
    mean
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
    /// The policy's average level at the measured reviews, when the same in every
    /// replication (worked out once, not per replication).
    #[serde(skip)]
    average_level: Option<f64>,
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
            average_level: levels::fixed_average_level(item, &p.policy),
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
    // Stock on hand by day, only when it is kept (the day loop writes as far as it reaches).
    let mut path = vec![0.0; if with_paths { horizon } else { 0 }];
    // Stockout days by day, only when there are known windows to count them in.
    let windows = known_windows(item);
    let mut short = vec![false; if windows.is_empty() { 0 } else { horizon }];
    // The orders an expedite or a backup placed by day, only when the charts mark them.
    let marked = with_paths && (item.expedite().is_some() || item.backup().is_some());
    let mut marks = vec![0u8; if marked { horizon } else { 0 }];
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
            let record = DayRecord { on_hand: &mut path, stockout: &mut short, marks: &mut marks };
            let metrics = day::run_policy_with(
                item,
                &settings,
                &result.policy,
                &draws,
                record,
                part.average_level,
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
                if marked {
                    trajectory.add_marks(&marks);
                }
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
            .map(|PolicyPart { mut result, trajectory, .. }| {
                if let Some(trajectory) = trajectory {
                    (result.expedite_share_by_day, result.backup_order_share_by_day) =
                        trajectory.mark_shares(n);
                    (result.mean_on_hand_by_day, result.on_hand_band) = trajectory.finish(n);
                }
                result.total_cost_quantiles =
                    Quantiles::of(&mut result.cost_by_replication.clone());
                result.stockout_days_quantiles =
                    Quantiles::of(&mut result.stockout_days_by_replication.clone());
                // At the unit cost, or with prices over time at the average price paid.
                let value = match item.prices() {
                    Some(_) => result.price_paid_per_unit.mean(),
                    None => item.unit_cost(),
                };
                result.avg_inventory_value = result.avg_on_hand.scaled(value);
                result.peak_inventory_value = result.peak_on_hand.scaled(value);
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
pub(crate) fn stock_bound(item: &Item, policy: &Policy) -> f64 {
    let base = match policy.adapt {
        Adapt::Monthly { buffer_days, jit_level, daily_mean } => {
            let most = buffer_days.iter().copied().fold(0.0, f64::max);
            item.base_level(jit_level + daily_mean * most)
        }
        _ => policy.rule.start_stock(),
    };
    let most_level = match (policy.adapt, item.phasing()) {
        (Adapt::Table { index }, _) => {
            item.table(index as usize).iter().copied().fold(0.0, f64::max)
        }
        (_, Some(p)) if policy.follows_forecast() => item.units(base * p.max_multiplier()),
        _ => base,
    };
    let most_yield = 1.0 / item.supply_yield().map_or(1.0, |y| y.mean());
    start_stock(item, policy).max(most_level * most_yield) + item.order_limits().overshoot()
}

/// Stock on hand on day 0: the item's, when given, else the policy's own level that day
/// (a plan's, or a demand-sized policy's planned for day 0 under a demand shape).
pub(crate) fn start_stock(item: &Item, policy: &Policy) -> f64 {
    item.initial_on_hand().unwrap_or_else(|| match policy.adapt {
        Adapt::Table { index } => item.table(index as usize).first().copied().unwrap_or(0.0),
        _ if policy.follows_forecast() => item.planned_level(policy.rule.start_stock(), 0),
        _ => policy.rule.start_stock(),
    })
}

/// Each policy's stock on hand at the end of every day of the horizon, for the replications
/// `[0, replications)`, handed to `each(policy, replication, stock)` as it is made (nothing is
/// kept: the warehouse's sample adds it up as it comes). The same draws and day loop as every
/// other run.
pub fn stock_paths(
    item: &Item,
    settings: &Settings,
    policies: &[Policy],
    replications: u32,
    mut each: impl FnMut(usize, u32, &[f64]),
) {
    let horizon = settings.horizon_days() as usize;
    let levels: Vec<Option<f64>> =
        policies.iter().map(|p| levels::fixed_average_level(item, p)).collect();
    let mut draws = Draws::default();
    let mut path = vec![0.0; horizon];
    for replication in 0..replications.min(settings.n_replications()) {
        draws.fill(item, settings, replication);
        for (k, (policy, level)) in policies.iter().zip(&levels).enumerate() {
            let record = DayRecord { on_hand: &mut path, stockout: &mut [], marks: &mut [] };
            day::run_policy_with(item, settings, policy, &draws, record, *level);
            each(k, replication, &path);
        }
    }
}
