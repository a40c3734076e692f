//! The whole replenishment rule and its buffer: for each item, the rules worth comparing
//! ([`rules`]: order up to a level every R days, (r, Q) and (s, S), from the EOQ) are swept
//! over their buffer on common random numbers, and the cheapest rule's JIT-to-JIC frontier
//! is traced: every point on the same draws, the buffer that costs least with the range of
//! buffers (and the rules) that cost the same within the noise, and the buffer a service
//! target needs.
//!
//! The buffer is in days of mean demand above the rule's own base (the JIT level for an
//! order-up-to rule), negative when below it ("leaner than JIT"), down to a level of 0. JIT
//! and JIC keep their meaning whatever rule wins: JIT is the item's review period,
//! lot-for-lot, no buffer; JIC is JIT's rule plus the item's days of cover. Both are simulated
//! on the same draws and kept beside the frontier ([`Frontier::jit`], [`Frontier::jic`]), on
//! it when the item's own rule is the cheapest.
//!
//! # The search
//!
//! [`optimise`] works in rounds, each simulated in one pass over the same random numbers:
//!
//! 1. **Coarse**, every rule: the item's own rule at about 40 % of the points asked, from 0 to
//!    an upper end well past any sensible JIC level ([`upper_buffer_days`]), spaced as the
//!    square of a uniform grid so that they are densest near JIT, plus the item's JIC buffer
//!    and one point halfway from JIT to a level of 0; every other rule at five buffers on the
//!    same square spacing (0, 1/16, 1/4, 9/16 and all of the upper end).
//! 2. **Past the ends**, up to three rounds: a rule whose cheapest point is its highest is
//!    extended to 1.5 and 2 times it (up to [`max_buffer_days`]: two years, or less when storage space refuses what does not fit); one whose cheapest is its
//!    lowest, towards a level of 0.
//! 3. **The cheapest rules refined**: the three rules with the cheapest points get the
//!    midpoints between their cheapest point and its neighbours. Then the cheapest rule's size
//!    is refined: the rules halfway (geometrically) between it and its neighbours in order
//!    size or review period ([`rules::between`]) are simulated at its three best buffers.
//!    The rule with the cheapest point of all is the optimal rule (the item's own on a tie);
//!    the rest stay as the comparison of rules ([`Frontier::rules`]).
//! 4. **The optimal rule's span**: its grid filled to the own rule's coarse grid (and
//!    extended past an end again), so its frontier runs from below JIT past JIC whichever
//!    round found it. Then **bends**, on the optimal rule: two rounds add the midpoints of the intervals where the
//!    curves bend most: a point's bend is how far its cost and its fill rate are from the
//!    chord between its neighbours, each as a share of that curve's range.
//! 5. **Refinement**: a local fine grid of evenly spaced points between the cheapest point's
//!    neighbours, so the optimum is within a fraction of a grid step.
//! 6. **Service target**, when asked: the smallest buffer whose mean cycle service level or
//!    fill rate reaches the target is bracketed on the grid, refined with a local fine grid,
//!    interpolated linearly and simulated itself, so its premium over the optimum is a
//!    paired difference like every other.
//!
//! An item with no order cost (and no minimum order) has one rule, its own, and the search is
//! the buffer's alone.

use serde::{Deserialize, Serialize};

mod advice;
mod grid;
pub mod levers;
mod portfolio;
pub mod practical;
pub mod rules;
mod sensitivity;

pub use advice::{advise, days_of, rule_words, Advice, Stance};
pub use portfolio::{
    portfolio, summarise, warehouse_sample, AbcClass, Allocation, ClassCell, Exchange,
    ExchangePoint, ExchangeStep, HullPoint, Portfolio, PortfolioItem, PortfolioTotal, Share,
    Summary, Sums, XyzClass,
};
pub use practical::{PracticallySame, Wording};
pub use rules::RuleShape;
pub use sensitivity::{sensitivity, Driver, DriverEffect, Sensitivity, Without};

use std::fmt;

use crate::core::closed_form::safety_stock;
use crate::core::policy::NamedPolicy;
use crate::core::policy::{PolicyKind, ServiceTarget};
use crate::core::scenario::{Item, Settings};
use crate::core::sim::{simulate_run, Comparison, Keep, PolicyResult};
use crate::core::stats::{sorted_by_key, MeanSe};
use crate::core::storage::WhenFull;

use grid::{add_all, round_days, Grid};

/// The largest buffer the optimiser tries, in days of mean demand (two years of cover).
pub const MAX_BUFFER_DAYS: f64 = 730.0;

/// The JIC buffer used as the buffered end when an item names no JIC policy of its own, in
/// days of mean demand (the form's default).
pub const DEFAULT_JIC_DAYS: f64 = 5.0;

/// One buffer on the frontier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FrontierPoint {
    /// Safety stock in days of mean demand.
    pub buffer_days: f64,
    /// Everything the simulation reports for it (cost and its parts, fill rate, cycle service
    /// level, stockout days, P95 of yearly cost, cash tied up, each with its SE).
    pub result: PolicyResult,
    /// Its yearly total cost minus the cheapest point's, replication by replication: a mean
    /// with the standard error of paired differences, far smaller than either cost's own.
    pub cost_above_best: MeanSe,
}

impl FrontierPoint {
    /// Its yearly total cost in each replication, in replication order (what pairs it with
    /// other points and, in a portfolio, with other items).
    pub fn costs(&self) -> &[f64] {
        &self.result.cost_by_replication
    }
}

/// How the optimiser should work.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Options {
    /// About how many buffers to simulate (at least 7).
    pub points: usize,
    /// A service target to find the buffer for, if any.
    pub target: Option<ServiceTarget>,
}

impl Default for Options {
    /// 25 points, no service target.
    fn default() -> Self {
        Options { points: 25, target: None }
    }
}

/// The buffer a service target needs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TargetBuffer {
    /// The smallest buffer that reaches it, and the point simulated there.
    Reached { point: usize },
    /// Not reached even at the largest buffer tried: what that buffer achieves.
    Unreachable { largest_buffer_days: f64, achieved: MeanSe },
}

/// One rule compared: its cheapest buffer tried.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RuleOption {
    pub shape: RuleShape,
    /// Its cheapest point; `cost_above_best` is paired against the optimum.
    pub point: FrontierPoint,
}

/// An item's frontier, on the optimal rule, with JIT and JIC beside it and every rule
/// compared.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frontier {
    /// The optimal rule: how often and how much the frontier's points order.
    pub rule: RuleShape,
    /// The optimal rule's points in increasing buffer (negative below its base).
    pub points: Vec<FrontierPoint>,
    /// The cheapest point (by mean yearly total cost).
    pub best: usize,
    /// The buffers, in days, that cost the same as the best within the noise: every point
    /// whose paired difference from it is within 1.96 standard errors.
    pub same_cost_days: (f64, f64),
    /// JIT: the item's review period, lot-for-lot, no buffer.
    pub jit_point: FrontierPoint,
    /// JIC: JIT's rule plus the item's JIC buffer.
    pub jic_point: FrontierPoint,
    /// The item's JIC buffer, in days ([`jic_buffer_days`], kept so that reading the frontier
    /// never sizes a service target again: the page's module does not simulate).
    pub jic_days: f64,
    /// Every rule compared, the item's own first, each at its cheapest buffer tried.
    pub rules: Vec<RuleOption>,
    /// The service target asked for and the buffer it needs (a point of `points`).
    pub target: Option<(ServiceTarget, TargetBuffer)>,
    /// The levers the item offers weighed against the buffer alone
    /// ([`levers::optimise_with_levers`]); empty when none was weighed.
    pub levers: Vec<levers::LeverChoice>,
}

impl Frontier {
    /// The cheapest point.
    pub fn optimum(&self) -> &FrontierPoint {
        &self.points[self.best]
    }

    /// JIT: the item's own rule at 0 days.
    pub fn jit(&self) -> &FrontierPoint {
        &self.jit_point
    }

    /// JIC: the item's own rule at its JIC buffer.
    pub fn jic(&self) -> &FrontierPoint {
        &self.jic_point
    }

    /// True when the optimal rule is the item's own, so JIT and JIC lie on the frontier.
    pub fn on_own_rule(&self) -> bool {
        self.rule
            == RuleShape::Periodic { review_days: self.jit_point.result.policy.review_period_days }
    }

    /// The optimum's paired cost difference from its neighbours on the grid (lower buffer,
    /// higher buffer), each neighbour's cost minus the optimum's.
    pub fn neighbours(&self) -> (Option<&FrontierPoint>, Option<&FrontierPoint>) {
        (self.best.checked_sub(1).map(|i| &self.points[i]), self.points.get(self.best + 1))
    }

    /// The paired difference, replication by replication, of point `a`'s yearly cost minus
    /// point `b`'s.
    pub fn paired_difference(&self, a: usize, b: usize) -> MeanSe {
        paired(self.points[a].costs(), self.points[b].costs())
    }

    /// The rules that cost the same as the optimal one within the noise (their cheapest
    /// point's paired difference from the optimum within 1.96 standard errors), the optimal
    /// rule first.
    pub fn same_cost_rules(&self) -> Vec<&RuleOption> {
        let mut same: Vec<&RuleOption> = self
            .rules
            .iter()
            .filter(|r| r.point.cost_above_best.mean() <= 1.96 * r.point.cost_above_best.se())
            .collect();
        same.sort_by_key(|r| r.shape != self.rule);
        same
    }
}

/// The paired difference, replication by replication, of `a − b`.
fn paired(a: &[f64], b: &[f64]) -> MeanSe {
    let mut d = MeanSe::default();
    a.iter().zip(b).for_each(|(x, y)| d.push(x - y));
    d
}

/// The name the optimum goes by beside the item's policies ("Optimum 3.5 days"); charts give
/// results named so the optimum's own colour.
pub const OPTIMUM_NAME: &str = "Optimum";

impl Frontier {
    /// The item as this frontier was computed: without the levers the recommendation leaves
    /// out ([`levers::optimise_with_levers`]).
    pub fn item_as_planned<'a>(&self, item: &'a Item) -> std::borrow::Cow<'a, Item> {
        let mut planned = std::borrow::Cow::Borrowed(item);
        for choice in &self.levers {
            if !choice.used {
                planned = std::borrow::Cow::Owned(levers::without(&planned, choice.lever));
            } else if let Some(level) = choice.level_units {
                // A dual-index backup at the level the search chose.
                planned = std::borrow::Cow::Owned(levers::at_backup_level(&planned, level));
            }
        }
        planned
    }

    /// JIT, the item's JIC buffer and the optimum, on the same draws, as a comparison of
    /// three policies (fewer when they coincide), in increasing buffer, simulated again with
    /// stock on hand over time (the frontier's points keep only their metrics; the metrics
    /// come out the same bits).
    pub fn ends_and_optimum(&self, item: &Item, settings: &Settings) -> Comparison {
        let item = self.item_as_planned(item);
        let item = item.as_ref();
        let optimum = self.optimum();
        let same = |p: &FrontierPoint| {
            self.on_own_rule() && (p.buffer_days - optimum.buffer_days).abs() < 0.005
        };
        let named = |p: &FrontierPoint, name: String| {
            let mut r = p.result.clone();
            r.name = name;
            r
        };
        let mut chosen =
            vec![named(optimum, format!("{OPTIMUM_NAME} {}", days_of(optimum.buffer_days)))];
        if same(&self.jit_point) {
            chosen[0].policy.kind = PolicyKind::Jit;
        } else {
            chosen.push(named(&self.jit_point, "JIT".to_owned()));
        }
        // A JIC of 0 days is JIT itself.
        if !same(&self.jic_point) && self.jic_days > 0.0 {
            chosen.push(named(&self.jic_point, format!("JIC {}", days_of(self.jic_days))));
        }
        let chosen = sorted_by_key(chosen, |r| r.policy.buffer_days);
        let named: Vec<NamedPolicy> =
            chosen.iter().map(|r| NamedPolicy { name: r.name.clone(), policy: r.policy }).collect();
        let (policies, down) = simulate_run(item, settings, &named, Keep::Trajectories);
        crate::core::sim::comparison(item, settings, policies, down)
    }
}

/// Why an item has nothing to optimise.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NothingToChoose {
    pub item: String,
    pub reason: String,
}

impl fmt::Display for NothingToChoose {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.item, self.reason)
    }
}

impl std::error::Error for NothingToChoose {}

/// A service target as a check: above 0 and below 1. A target of 1 (100 %) needs an
/// infinite buffer when demand is unbounded, so it is refused rather than quietly capped.
///
/// # Errors
/// The message names the target, its value and the accepted range.
pub fn check_target(target: ServiceTarget) -> Result<ServiceTarget, String> {
    let (what, value) = match target {
        ServiceTarget::CycleServiceLevel(a) => ("cycle service level", a),
        ServiceTarget::FillRate(b) => ("fill rate", b),
    };
    if value >= 1.0 && value.is_finite() {
        return Err(format!(
            "a {what} target of {}% needs an infinite buffer when demand has no upper bound; \
             accepted: above 0% and below 100% (for example 99.9%)",
            fmt_pct(value)
        ));
    }
    if !(value > 0.0 && value < 1.0) {
        return Err(format!(
            "a {what} target of {}% is out of range; accepted: above 0% and below 100%",
            fmt_pct(value)
        ));
    }
    Ok(target)
}

fn fmt_pct(x: f64) -> String {
    format!("{}", (x * 100.0 * 1e6).round() / 1e6)
}

/// The item's buffered end: the buffer of its first fixed JIC policy (a service target's as
/// sized on the simulation, at least 0), else [`DEFAULT_JIC_DAYS`].
pub fn jic_buffer_days(item: &Item) -> f64 {
    item.sized_policies()
        .iter()
        .map(|p| &p.policy)
        .find(|p| p.kind == PolicyKind::Jic && p.adapt == crate::core::policy::Adapt::Fixed)
        .map_or(DEFAULT_JIC_DAYS, |p| p.buffer_days.max(0.0))
}

/// The upper end of the coarse grid, in days of mean demand: well past any sensible JIC
/// level. The largest of
///
/// - twice the item's JIC buffer;
/// - 1.5 × (the closed-form safety stock for a 99.9 % cycle service level over the protection
///   period, `3.09·√(P·σd² + d²·σL²) / d` days, plus the longest supplier outage to plan for:
///   the 99th percentile of a random down spell, `mean down days · ln 100`, or the longest
///   scheduled window);
/// - 10 days;
///
/// rounded up to a multiple of 5 days and capped at [`MAX_BUFFER_DAYS`]. When the cheapest
/// point still ends up at the top, [`optimise`] extends the grid.
pub fn upper_buffer_days(item: &Item) -> f64 {
    let d = item.demand().expected();
    let variability = if d > 0.0 {
        safety_stock(
            0.999,
            d,
            item.demand().sd(),
            item.protection_period_days(),
            item.lead_time().sd_days(),
        ) / d
    } else {
        0.0
    };
    let outage = item.supplier().map_or(0.0, |s| {
        let random = s.random().map_or(0.0, |r| r.mean_down_days * libm::log(100.0));
        let scheduled = s.scheduled().iter().map(|w| f64::from(w.days)).fold(0.0, f64::max);
        random.max(scheduled)
    });
    let upper = (2.0 * jic_buffer_days(item)).max(1.5 * (variability + outage)).max(10.0);
    (libm::ceil(upper / 5.0) * 5.0).min(max_buffer_days(item))
}

/// The largest buffer worth trying for the item, in days: [`MAX_BUFFER_DAYS`], or less when
/// its storage space refuses what does not fit. A level past the space plus a protection
/// period's demand keeps the shelf full only by ordering, day after day, what will be sent
/// back (refused units cost nothing in the model but the order): a churn no planner would
/// run, which the search would otherwise drift into (700 days of cover for a shelf of 100).
/// The item's JIC buffer is always tried.
pub fn max_buffer_days(item: &Item) -> f64 {
    let d = item.demand().expected();
    let refused = item.storage().filter(|s| s.when_full == WhenFull::Refuse && d > 0.0);
    let space = refused.map_or(f64::INFINITY, |s| {
        libm::ceil(s.capacity.units() / d + item.protection_period_days())
    });
    MAX_BUFFER_DAYS.min(space.max(jic_buffer_days(item)))
}

/// Simulates the item's own rule at every buffer of `grid_days` (sorted, deduplicated,
/// those below a level of 0 dropped; 0 and the item's JIC buffer added) on common random
/// numbers and finds the cheapest. The fixed-grid, buffer-only form of [`optimise`], for
/// comparing scenarios on the same buffers.
///
/// # Errors
/// When every buffer is the same stock (see [`optimise`]).
pub fn frontier(
    item: &Item,
    settings: &Settings,
    grid_days: &[f64],
) -> Result<Frontier, NothingToChoose> {
    check_something_to_choose(item)?;
    let mut grid = Grid::new(item, RuleShape::own(item));
    let mut buffers: Vec<f64> = grid_days.to_vec();
    buffers.extend([0.0, jic_buffer_days(item)]);
    grid.add(item, settings, &buffers);
    finish(item, grid, Vec::new(), None)
}

/// Buffers on the square of a uniform grid from 0 to `upper`: densest near JIT.
fn square_grid(upper: f64, n: usize) -> Vec<f64> {
    (0..n)
        .map(|i| {
            let x = i as f64 / (n - 1) as f64;
            round_days(upper * x * x)
        })
        .collect()
}

/// The item's optimal rule and its frontier (see the module's documentation), the optimum
/// refined, and the buffer for `options.target` if one is given.
///
/// # Errors
/// When every buffer is the same stock: mean demand is 0 (a buffer of any number of days
/// is 0 units), or every buffer tried cost the same in every replication.
pub fn optimise(
    item: &Item,
    settings: &Settings,
    options: &Options,
) -> Result<Frontier, NothingToChoose> {
    check_something_to_choose(item)?;
    let points = options.points.max(7);
    let jic = jic_buffer_days(item);
    let upper = upper_buffer_days(item).max(jic);
    let coarse = (points * 2 / 5).max(5);
    let mut grids: Vec<Grid> =
        rules::candidates(item, settings).into_iter().map(|shape| Grid::new(item, shape)).collect();
    // 1. Coarse: the item's own rule (first) densely, the others at five buffers.
    let mut wanted: Vec<(&mut Grid, Vec<f64>)> = Vec::with_capacity(grids.len());
    for (k, grid) in grids.iter_mut().enumerate() {
        let buffers = if k == 0 {
            let mut b = square_grid(upper, coarse);
            b.extend([jic, grid.lowest * 0.5]);
            b
        } else {
            square_grid(upper, 5)
        };
        wanted.push((grid, buffers));
    }
    add_all(item, settings, &mut wanted);
    // 2. Past the ends, while a rule's cheapest point is at one.
    for _ in 0..10 {
        let mut wanted: Vec<(&mut Grid, Vec<f64>)> =
            grids.iter_mut().map(|g| (g.extension(), g)).map(|(e, g)| (g, e)).collect();
        if wanted.iter().all(|(_, e)| e.is_empty()) {
            break;
        }
        add_all(item, settings, &mut wanted);
    }
    // 3. The three cheapest rules refined around their cheapest point.
    let cheapest = |g: &Grid| g.points[g.best()].result.total_cost_per_year.mean();
    if grids.len() > 1 {
        let order = sorted_by_key((0..grids.len()).collect(), |&k| cheapest(&grids[k]));
        let mut wanted: Vec<(&mut Grid, Vec<f64>)> = Vec::new();
        for (k, grid) in grids.iter_mut().enumerate() {
            if order.iter().take(3).any(|&j| j == k) {
                let b = grid.best();
                let at = grid.points[b].buffer_days;
                let mids = [b.checked_sub(1), Some(b + 1)]
                    .into_iter()
                    .flatten()
                    .filter_map(|j| grid.points.get(j))
                    .map(|p| 0.5 * (p.buffer_days + at))
                    .collect();
                wanted.push((grid, mids));
            }
        }
        add_all(item, settings, &mut wanted);
    }
    // 3b. The cheapest rule's size refined: rules between it and its neighbours in size, at
    // its three best buffers.
    let k = cheapest_grid(&grids);
    let finer =
        rules::between(item, grids[k].shape, &grids.iter().map(|g| g.shape).collect::<Vec<_>>());
    if !finer.is_empty() {
        let g = &grids[k];
        let b = g.best();
        let near: Vec<f64> = [b.checked_sub(1), Some(b), Some(b + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| g.points.get(j).map(|p| p.buffer_days))
            .collect();
        let mut new: Vec<Grid> = finer.into_iter().map(|shape| Grid::new(item, shape)).collect();
        let mut wanted: Vec<(&mut Grid, Vec<f64>)> =
            new.iter_mut().map(|g| (g, near.clone())).collect();
        add_all(item, settings, &mut wanted);
        grids.extend(new);
    }
    let mut grid = grids.remove(cheapest_grid(&grids));
    // The optimal rule's frontier spans the item's own coarse grid (a rule found by refining
    // a size has only been tried near its cheapest buffer), and past its ends.
    let mut coarse_grid = square_grid(upper, coarse);
    coarse_grid.push(grid.lowest * 0.5);
    grid.add(item, settings, &coarse_grid);
    for _ in 0..10 {
        let more = grid.extension();
        if more.is_empty() {
            break;
        }
        grid.add(item, settings, &more);
    }
    // 4. Bends.
    let reserve_target = if options.target.is_some() { 4 } else { 0 };
    let refine = ((points - coarse) / 3).max(3);
    let budget = points.saturating_sub(grid.len() + refine + reserve_target);
    for round in 0..2 {
        let want = if round == 0 { budget.div_ceil(2) } else { budget / 2 };
        let mids = grid.bend_midpoints(want);
        grid.add(item, settings, &mids);
    }
    // 5. A local fine grid between the cheapest point's neighbours.
    let b = grid.best();
    let lo = grid.points[b.saturating_sub(1)].buffer_days;
    let hi = grid.points[(b + 1).min(grid.len() - 1)].buffer_days;
    let fine: Vec<f64> =
        (1..=refine).map(|k| round_days(lo + (hi - lo) * k as f64 / (refine + 1) as f64)).collect();
    grid.add(item, settings, &fine);
    // 6. The service target.
    let target = options.target.map(|t| (t, grid.find_target(item, settings, t, reserve_target)));
    finish(item, grid, grids, target)
}

/// The grid with the cheapest point of all (the first, so the item's own rule, on a tie).
fn cheapest_grid(grids: &[Grid]) -> usize {
    let cheapest = |g: &Grid| g.points[g.best()].result.total_cost_per_year.mean();
    let mut k = 0;
    for (j, g) in grids.iter().enumerate() {
        if cheapest(g) < cheapest(&grids[k]) {
            k = j;
        }
    }
    k
}

/// The frontier of `grid` (the optimal rule): paired differences against its cheapest point,
/// the same-cost range, JIT and JIC (from `grid` when it is the item's own rule, else from
/// the own rule among `others`), and every rule's cheapest point.
fn finish(
    item: &Item,
    mut grid: Grid,
    others: Vec<Grid>,
    target: Option<(ServiceTarget, TargetBuffer)>,
) -> Result<Frontier, NothingToChoose> {
    let best = grid.best();
    let best_costs = grid.points[best].costs().to_vec();
    let mut all_equal = true;
    for p in &mut grid.points {
        p.cost_above_best = paired(p.costs(), &best_costs);
        all_equal &= p.costs() == best_costs.as_slice();
    }
    if all_equal && grid.len() > 1 {
        return Err(NothingToChoose {
            item: item.name().to_owned(),
            reason: format!(
                "every buffer from {} to {} days cost the same in every replication: the \
                 stock it adds is never held or never paid for, so there is nothing to optimise",
                grid.points[0].buffer_days,
                grid.points[grid.len() - 1].buffer_days
            ),
        });
    }
    let same: Vec<f64> = grid
        .points
        .iter()
        .filter(|p| p.cost_above_best.mean() <= 1.96 * p.cost_above_best.se())
        .map(|p| p.buffer_days)
        .collect();
    let same_cost_days = (
        same.iter().copied().fold(f64::INFINITY, f64::min),
        same.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    let against_best = |p: &FrontierPoint| FrontierPoint {
        cost_above_best: paired(p.costs(), &best_costs),
        ..p.clone()
    };
    let jic_days = jic_buffer_days(item);
    let own = if grid.shape.is_own(item) {
        &grid
    } else {
        others.iter().find(|g| g.shape.is_own(item)).unwrap_or(&grid)
    };
    let mut jit_point = against_best(&own.points[own.index_of(0.0)]);
    jit_point.result.policy.kind = PolicyKind::Jit;
    jit_point.result.name = "JIT".into();
    let jic_point = against_best(&own.points[own.index_of(jic_days)]);
    let mut rules: Vec<RuleOption> = others
        .iter()
        .chain(std::iter::once(&grid))
        .map(|g| RuleOption { shape: g.shape, point: against_best(&g.points[g.best()]) })
        .collect();
    // The item's own rule first, then by family and size.
    let key = |r: &RuleOption| match r.shape {
        _ if r.shape.is_own(item) => (0, 0.0),
        RuleShape::Periodic { review_days } => (1, f64::from(review_days)),
        RuleShape::ReorderQuantity { quantity } => (2, quantity),
        RuleShape::MinMax { gap } => (3, gap),
    };
    rules.sort_by(|a, b| {
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
    });
    Ok(Frontier {
        rule: grid.shape,
        points: grid.points,
        best,
        same_cost_days,
        jit_point,
        jic_point,
        jic_days,
        rules,
        target,
        levers: Vec::new(),
    })
}

fn check_something_to_choose(item: &Item) -> Result<(), NothingToChoose> {
    if item.demand().expected() > 0.0 {
        return Ok(());
    }
    Err(NothingToChoose {
        item: item.name().to_owned(),
        reason: "mean demand is 0 units a day, so a buffer of any number of days is 0 units: \
                 every policy holds the same stock and costs the same, and there is nothing \
                 to optimise"
            .into(),
    })
}
