//! The JIT-to-JIC frontier: an item's policy with a buffer swept from 0 days (JIT) upwards,
//! every point simulated on the same draws, and the buffer that costs least with the range of
//! buffers that cost the same within the noise.
//!
//! The buffer (safety stock in days of mean demand) is added to the item's order-up-to level
//! with its review period held fixed: the point at b days is `Policy::jic(item, b)`.

use crate::core::policy::{NamedPolicy, Policy};
use crate::core::scenario::{Item, Settings};
use crate::core::sim::{simulate_policies_paired, PolicyResult};
use crate::core::stats::MeanSe;

/// One buffer on the frontier.
#[derive(Clone, Debug, PartialEq)]
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

/// An item's frontier.
#[derive(Clone, Debug, PartialEq)]
pub struct Frontier {
    /// In increasing buffer.
    pub points: Vec<FrontierPoint>,
    /// The cheapest point (by mean yearly total cost).
    pub best: usize,
    /// The buffers, in days, that cost the same as the best within the noise: every point
    /// whose paired difference from it is within 1.96 standard errors.
    pub same_cost_days: (f64, f64),
}

/// Simulates the item at every buffer of `grid_days` (sorted, deduplicated, negative ones
/// dropped) on common random numbers and finds the cheapest.
///
/// Returns `None` for an empty grid.
pub fn frontier(item: &Item, settings: &Settings, grid_days: &[f64]) -> Option<Frontier> {
    let mut grid: Vec<f64> =
        grid_days.iter().copied().filter(|b| b.is_finite() && *b >= 0.0).collect();
    grid.sort_by(f64::total_cmp);
    grid.dedup();
    if grid.is_empty() {
        return None;
    }
    let policies: Vec<NamedPolicy> = grid
        .iter()
        .map(|&b| {
            let policy = Policy::jic(item, b).unwrap_or_else(|_| Policy::jit(item));
            NamedPolicy { name: format!("{b} days"), policy }
        })
        .collect();
    let (results, costs) = simulate_policies_paired(item, settings, &policies);
    let best = results
        .iter()
        .enumerate()
        .min_by(|a, b| a.1.total_cost_per_year.mean().total_cmp(&b.1.total_cost_per_year.mean()))
        .map_or(0, |(i, _)| i);
    let points: Vec<FrontierPoint> = grid
        .iter()
        .zip(results)
        .zip(&costs)
        .map(|((&buffer_days, result), cost)| {
            let mut diff = MeanSe::default();
            cost.iter().zip(&costs[best]).for_each(|(c, b)| diff.push(c - b));
            FrontierPoint { buffer_days, result, cost_above_best: diff }
        })
        .collect();
    let same: Vec<f64> = points
        .iter()
        .filter(|p| p.cost_above_best.mean() <= 1.96 * p.cost_above_best.se())
        .map(|p| p.buffer_days)
        .collect();
    let same_cost_days = (
        same.iter().copied().fold(f64::INFINITY, f64::min),
        same.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    );
    Some(Frontier { points, best, same_cost_days })
}
