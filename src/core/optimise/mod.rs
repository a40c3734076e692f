//! The JIT-to-JIC frontier: an item's policy with a buffer swept from 0 days (JIT) upwards,
//! every point simulated on the same draws, the buffer that costs least with the range of
//! buffers that cost the same within the noise, and the buffer a service target needs.
//!
//! The buffer (safety stock in days of mean demand) is added to the item's order-up-to level
//! with its review period and order limits (minimum, multiple, maximum) held fixed: the point
//! at b days is `Policy::jic(item, b)`.
//!
//! # The adaptive grid
//!
//! [`optimise`] builds the grid in rounds, each simulated on the same random numbers:
//!
//! 1. **Coarse**: about 40 % of the points, from 0 to an upper end well past any sensible
//!    JIC level ([`upper_buffer_days`]), spaced as the square of a uniform grid so that they
//!    are densest near JIT, where cost and stockout risk change fastest. The item's JIC
//!    buffer is always a point.
//! 2. **Past the end**: while the cheapest point is the last one, the grid is extended to
//!    twice its end (up to [`MAX_BUFFER_DAYS`]).
//! 3. **Bends**: two rounds add the midpoints of the intervals where the curves bend most:
//!    a point's bend is how far its cost and its fill rate are from the chord between its
//!    neighbours, each as a share of that curve's range.
//! 4. **Refinement**: a local fine grid of evenly spaced points between the cheapest point's
//!    neighbours, so the optimum is within a fraction of a grid step.
//! 5. **Service target**, when asked: the smallest buffer whose mean cycle service level or
//!    fill rate reaches the target is bracketed on the grid, refined with a local fine grid,
//!    interpolated linearly and simulated itself, so its premium over the optimum is a
//!    paired difference like every other.

use serde::{Deserialize, Serialize};

mod advice;
mod portfolio;
pub mod practical;
mod sensitivity;

pub use advice::{advise, days_of, Advice, Stance};
pub use portfolio::{
    portfolio, AbcClass, ClassCell, ExchangePoint, Portfolio, PortfolioItem, PortfolioTotal,
    XyzClass,
};
pub use practical::{PracticallySame, Wording};
pub use sensitivity::{sensitivity, Driver, DriverEffect, Sensitivity, Without};

use std::fmt;

use crate::core::closed_form::safety_stock;
use crate::core::policy::{NamedPolicy, Policy, PolicyKind, ServiceTarget};
use crate::core::scenario::{Item, Settings};
use crate::core::sim::{simulate_policies, supplier_down_share, Comparison, PolicyResult};
use crate::core::stats::{sorted_by_key, MeanSe};

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

/// An item's frontier.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Frontier {
    /// In increasing buffer; the first is JIT (0 days).
    pub points: Vec<FrontierPoint>,
    /// The cheapest point (by mean yearly total cost).
    pub best: usize,
    /// The buffers, in days, that cost the same as the best within the noise: every point
    /// whose paired difference from it is within 1.96 standard errors.
    pub same_cost_days: (f64, f64),
    /// The point at the item's JIC buffer (the buffered end).
    pub jic: usize,
    /// The item's JIC buffer, in days ([`jic_buffer_days`], kept so that reading the frontier
    /// never sizes a service target again: the page's module does not simulate).
    pub jic_days: f64,
    /// The service target asked for and the buffer it needs.
    pub target: Option<(ServiceTarget, TargetBuffer)>,
}

impl Frontier {
    /// The cheapest point.
    pub fn optimum(&self) -> &FrontierPoint {
        &self.points[self.best]
    }

    /// JIT: the point at 0 days.
    pub fn jit(&self) -> &FrontierPoint {
        &self.points[0]
    }

    /// The point at the item's JIC buffer.
    pub fn jic(&self) -> &FrontierPoint {
        &self.points[self.jic]
    }

    /// The optimum's paired cost difference from its neighbours on the grid (lower buffer,
    /// higher buffer), each neighbour's cost minus the optimum's.
    pub fn neighbours(&self) -> (Option<&FrontierPoint>, Option<&FrontierPoint>) {
        (self.best.checked_sub(1).map(|i| &self.points[i]), self.points.get(self.best + 1))
    }

    /// The paired difference, replication by replication, of point `a`'s yearly cost minus
    /// point `b`'s.
    pub fn paired_difference(&self, a: usize, b: usize) -> MeanSe {
        let mut d = MeanSe::default();
        self.points[a].costs().iter().zip(self.points[b].costs()).for_each(|(x, y)| d.push(x - y));
        d
    }
}

/// The name the optimum goes by beside the item's policies ("Optimum 3.5 days"); charts give
/// results named so the optimum's own colour.
pub const OPTIMUM_NAME: &str = "Optimum";

impl Frontier {
    /// JIT, the item's JIC buffer and the optimum, from the frontier's own points (the same
    /// draws), as a comparison of three policies (fewer when they coincide), in increasing
    /// buffer. The point at 0 days is JIT's own rule (the JIT level plus nothing) and is
    /// marked as JIT.
    pub fn ends_and_optimum(&self, item: &Item, settings: &Settings) -> Comparison {
        let mut chosen: Vec<(usize, String)> = Vec::new();
        for (i, name) in [
            (self.best, format!("{OPTIMUM_NAME} {}", days_of(self.optimum().buffer_days))),
            (0, "JIT".to_owned()),
            (self.jic, format!("JIC {}", days_of(self.jic().buffer_days))),
        ] {
            if !chosen.iter().any(|(j, _)| *j == i) {
                chosen.push((i, name));
            }
        }
        let chosen = sorted_by_key(chosen, |(i, _)| *i as f64);
        let policies = chosen
            .into_iter()
            .map(|(i, name)| {
                let mut r = self.points[i].result.clone();
                r.name = name;
                if i == 0 {
                    r.policy.kind = PolicyKind::Jit;
                }
                r
            })
            .collect();
        crate::core::sim::comparison(item, settings, policies, supplier_down_share(item, settings))
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
    (libm::ceil(upper / 5.0) * 5.0).min(MAX_BUFFER_DAYS)
}

/// Simulates the item at every buffer of `grid_days` (sorted, deduplicated, negative ones
/// dropped; 0 and the item's JIC buffer added) on common random numbers and finds the
/// cheapest. The fixed-grid form of [`optimise`], for comparing scenarios on the same buffers.
///
/// # Errors
/// When every buffer is the same stock (see [`optimise`]).
pub fn frontier(
    item: &Item,
    settings: &Settings,
    grid_days: &[f64],
) -> Result<Frontier, NothingToChoose> {
    check_something_to_choose(item)?;
    let mut grid = Grid::default();
    let mut buffers: Vec<f64> = grid_days.to_vec();
    buffers.extend([0.0, jic_buffer_days(item)]);
    grid.add(item, settings, &buffers);
    grid.finish(item, None)
}

/// The item's frontier on an adaptive grid (see the module's documentation), its optimum
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
    let mut upper = upper_buffer_days(item).max(jic);
    let coarse = (points * 2 / 5).max(5);
    let mut grid = Grid::default();
    let mut buffers: Vec<f64> = (0..coarse)
        .map(|i| {
            let x = i as f64 / (coarse - 1) as f64;
            round_days(upper * x * x)
        })
        .collect();
    buffers.push(jic);
    grid.add(item, settings, &buffers);
    // Past the end while the cheapest is the last point.
    while grid.best() == grid.len() - 1 && upper < MAX_BUFFER_DAYS {
        let next = (upper * 2.0).min(MAX_BUFFER_DAYS);
        grid.add(item, settings, &[round_days(upper * 1.5), round_days(next)]);
        upper = next;
    }
    let reserve_target = if options.target.is_some() { 4 } else { 0 };
    let refine = ((points - coarse) / 3).max(3);
    let budget = points.saturating_sub(grid.len() + refine + reserve_target);
    for round in 0..2 {
        let want = if round == 0 { budget.div_ceil(2) } else { budget / 2 };
        let mids = grid.bend_midpoints(want);
        grid.add(item, settings, &mids);
    }
    // A local fine grid between the cheapest point's neighbours.
    let b = grid.best();
    let lo = grid.points[b.saturating_sub(1)].buffer_days;
    let hi = grid.points[(b + 1).min(grid.len() - 1)].buffer_days;
    let fine: Vec<f64> =
        (1..=refine).map(|k| round_days(lo + (hi - lo) * k as f64 / (refine + 1) as f64)).collect();
    grid.add(item, settings, &fine);
    let target = options.target.map(|t| (t, grid.find_target(item, settings, t, reserve_target)));
    grid.finish(item, target)
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

/// Buffers are kept to 1/100 of a day: finer steps are noise.
fn round_days(b: f64) -> f64 {
    (b * 100.0).round() / 100.0
}

/// The points simulated so far, in increasing buffer.
#[derive(Default)]
struct Grid {
    points: Vec<FrontierPoint>,
}

impl Grid {
    fn len(&self) -> usize {
        self.points.len()
    }

    /// Simulates the buffers not yet on the grid, on the same random numbers as the rest.
    fn add(&mut self, item: &Item, settings: &Settings, buffers: &[f64]) {
        let mut new: Vec<f64> = buffers
            .iter()
            .map(|&b| round_days(b))
            .filter(|b| b.is_finite() && *b >= 0.0 && *b <= MAX_BUFFER_DAYS)
            .filter(|b| !self.points.iter().any(|p| (p.buffer_days - b).abs() < 0.005))
            .collect();
        new.sort_by(f64::total_cmp);
        new.dedup();
        if new.is_empty() {
            return;
        }
        let policies: Vec<NamedPolicy> = new
            .iter()
            .map(|&b| {
                let policy = Policy::jic(item, b).unwrap_or_else(|_| Policy::jit(item));
                NamedPolicy { name: format!("{b} days"), policy }
            })
            .collect();
        let results = simulate_policies(item, settings, &policies);
        for (buffer_days, result) in new.into_iter().zip(results) {
            self.points.push(FrontierPoint {
                buffer_days,
                result,
                cost_above_best: MeanSe::default(),
            });
        }
        self.points = sorted_by_key(std::mem::take(&mut self.points), |p| p.buffer_days);
    }

    /// The point nearest to `buffer_days`.
    fn index_of(&self, buffer_days: f64) -> usize {
        let gap = |i: usize| (self.points[i].buffer_days - buffer_days).abs();
        (0..self.len()).min_by(|&a, &b| gap(a).total_cmp(&gap(b))).unwrap_or(0)
    }

    /// The cheapest point by mean yearly total cost (the lower buffer on a tie).
    fn best(&self) -> usize {
        let mut best = 0;
        for (i, p) in self.points.iter().enumerate() {
            if p.result.total_cost_per_year.mean()
                < self.points[best].result.total_cost_per_year.mean()
            {
                best = i;
            }
        }
        best
    }

    /// Up to `n` midpoints of the intervals next to the points where cost or fill rate bends
    /// most (distance from the chord of its neighbours, as a share of the curve's range).
    fn bend_midpoints(&self, n: usize) -> Vec<f64> {
        if n == 0 || self.len() < 3 {
            return Vec::new();
        }
        let curves: [fn(&FrontierPoint) -> f64; 2] =
            [|p| p.result.total_cost_per_year.mean(), |p| p.result.fill_rate.mean()];
        let mut bend = vec![0.0; self.len()];
        for curve in curves {
            let ys: Vec<f64> = self.points.iter().map(curve).collect();
            let range = ys.iter().copied().fold(f64::NEG_INFINITY, f64::max)
                - ys.iter().copied().fold(f64::INFINITY, f64::min);
            if range <= 0.0 || !range.is_finite() {
                continue;
            }
            for i in 1..self.len() - 1 {
                let (x0, x1, x2) = (
                    self.points[i - 1].buffer_days,
                    self.points[i].buffer_days,
                    self.points[i + 1].buffer_days,
                );
                let chord = ys[i - 1] + (ys[i + 1] - ys[i - 1]) * (x1 - x0) / (x2 - x0);
                bend[i] += (ys[i] - chord).abs() / range;
            }
        }
        // An interval scores the bends at its two ends; intervals under 0.1 day are left.
        let intervals: Vec<(f64, f64)> = (0..self.len() - 1)
            .filter(|&i| self.points[i + 1].buffer_days - self.points[i].buffer_days >= 0.1)
            .map(|i| {
                let mid = 0.5 * (self.points[i].buffer_days + self.points[i + 1].buffer_days);
                (bend[i] + bend[i + 1], mid)
            })
            .collect();
        // Decreasing score: negation reverses `total_cmp`'s order exactly.
        sorted_by_key(intervals, |iv| -iv.0)
            .into_iter()
            .filter(|(score, _)| *score > 0.0)
            .take(n)
            .map(|(_, m)| m)
            .collect()
    }

    /// The smallest buffer whose mean service (by `target`) reaches it.
    fn find_target(
        &mut self,
        item: &Item,
        settings: &Settings,
        target: ServiceTarget,
        fine: usize,
    ) -> TargetBuffer {
        let (goal, service): (f64, fn(&FrontierPoint) -> MeanSe) = match target {
            ServiceTarget::CycleServiceLevel(a) => (a, |p| p.result.cycle_service_level),
            ServiceTarget::FillRate(b) => (b, |p| p.result.fill_rate),
        };
        let reached = |g: &Grid| g.points.iter().position(|p| service(p).mean() >= goal);
        // Past the end while the target is not reached.
        let mut top = self.points[self.len() - 1].buffer_days;
        while reached(self).is_none() && top < MAX_BUFFER_DAYS {
            let next = (top * 2.0).min(MAX_BUFFER_DAYS);
            self.add(item, settings, &[round_days(top * 1.5), round_days(next)]);
            top = next;
        }
        let Some(first) = reached(self) else {
            let last = &self.points[self.len() - 1];
            return TargetBuffer::Unreachable {
                largest_buffer_days: last.buffer_days,
                achieved: service(last),
            };
        };
        if first == 0 {
            return TargetBuffer::Reached { point: 0 };
        }
        let (lo, hi) = (self.points[first - 1].buffer_days, self.points[first].buffer_days);
        let steps: Vec<f64> = (1..fine).map(|k| lo + (hi - lo) * k as f64 / fine as f64).collect();
        self.add(item, settings, &steps);
        // Interpolate between the last point below the target and the first at or above it.
        let first = reached(self).unwrap_or(self.len() - 1);
        if first == 0 {
            return TargetBuffer::Reached { point: 0 };
        }
        let (a, b) = (&self.points[first - 1], &self.points[first]);
        let (ya, yb) = (service(a).mean(), service(b).mean());
        let t = if yb > ya { (goal - ya) / (yb - ya) } else { 1.0 };
        let buffer =
            round_days(a.buffer_days + t.clamp(0.0, 1.0) * (b.buffer_days - a.buffer_days));
        self.add(item, settings, &[buffer]);
        // The interpolated point may fall a hair short on its own draws: take the first
        // point that reaches the target.
        let point = reached(self).unwrap_or(self.index_of(buffer));
        TargetBuffer::Reached { point }
    }

    /// Paired differences against the cheapest, the same-cost range, the JIC point.
    fn finish(
        mut self,
        item: &Item,
        target: Option<(ServiceTarget, TargetBuffer)>,
    ) -> Result<Frontier, NothingToChoose> {
        let best = self.best();
        let best_costs = self.points[best].costs().to_vec();
        let mut all_equal = true;
        for p in &mut self.points {
            let mut diff = MeanSe::default();
            for (c, b) in p.result.cost_by_replication.iter().zip(&best_costs) {
                diff.push(c - b);
                all_equal &= c == b;
            }
            p.cost_above_best = diff;
        }
        if all_equal && self.len() > 1 {
            return Err(NothingToChoose {
                item: item.name().to_owned(),
                reason: format!(
                    "every buffer from 0 to {} days cost the same in every replication: the \
                     stock it adds is never held or never paid for, so there is nothing to \
                     optimise",
                    self.points[self.len() - 1].buffer_days
                ),
            });
        }
        let same: Vec<f64> = self
            .points
            .iter()
            .filter(|p| p.cost_above_best.mean() <= 1.96 * p.cost_above_best.se())
            .map(|p| p.buffer_days)
            .collect();
        let same_cost_days = (
            same.iter().copied().fold(f64::INFINITY, f64::min),
            same.iter().copied().fold(f64::NEG_INFINITY, f64::max),
        );
        let jic_days = jic_buffer_days(item);
        let jic = self.index_of(jic_days);
        Ok(Frontier { points: self.points, best, same_cost_days, jic, jic_days, target })
    }
}
