//! The buffers of one rule simulated so far, in increasing buffer, and the rounds that add
//! to them: several rules' new buffers are simulated in one pass over the same draws
//! ([`add_all`]), so every point of every rule pairs with every other.

use crate::core::policy::{NamedPolicy, ServiceTarget};
use crate::core::scenario::{Item, Settings};
use crate::core::sim::{simulate_run, Keep};
use crate::core::stats::{sorted_by_key, MeanSe};

use super::rules::RuleShape;
use super::{FrontierPoint, TargetBuffer};

/// Buffers are kept to 1/100 of a day: finer steps are noise.
pub(super) fn round_days(b: f64) -> f64 {
    (b * 100.0).round() / 100.0
}

/// One rule's points simulated so far, in increasing buffer.
pub(super) struct Grid {
    pub(super) shape: RuleShape,
    /// Its lowest buffer (a level of 0), in days.
    pub(super) lowest: f64,
    /// Its highest buffer worth trying ([`super::max_buffer_days`]).
    pub(super) highest: f64,
    pub(super) points: Vec<FrontierPoint>,
}

/// Simulates each grid's new buffers, all in one run on the same random numbers as every
/// point before them.
pub(super) fn add_all(item: &Item, settings: &Settings, wanted: &mut [(&mut Grid, Vec<f64>)]) {
    let mut policies: Vec<NamedPolicy> = Vec::new();
    let mut counts = Vec::with_capacity(wanted.len());
    for (grid, buffers) in wanted.iter_mut() {
        *buffers = grid.new_buffers(buffers);
        counts.push(buffers.len());
        policies.extend(buffers.iter().map(|&b| NamedPolicy {
            name: format!("{b} days"),
            policy: grid.shape.policy(item, b),
        }));
    }
    if policies.is_empty() {
        return;
    }
    let mut results = simulate_run(item, settings, &policies, Keep::Metrics).0.into_iter();
    for ((grid, buffers), n) in wanted.iter_mut().zip(counts) {
        for (&buffer_days, result) in buffers.iter().zip(results.by_ref().take(n)) {
            grid.points.push(FrontierPoint {
                buffer_days,
                result,
                cost_above_best: MeanSe::default(),
            });
        }
        grid.points = sorted_by_key(std::mem::take(&mut grid.points), |p| p.buffer_days);
    }
}

impl Grid {
    pub(super) fn new(item: &Item, shape: RuleShape) -> Grid {
        Grid {
            shape,
            lowest: round_days(shape.lowest_buffer_days(item)),
            highest: super::max_buffer_days(item),
            points: Vec::new(),
        }
    }

    pub(super) fn len(&self) -> usize {
        self.points.len()
    }

    /// Of `buffers`, rounded, those within the rule's range and not yet on the grid.
    fn new_buffers(&self, buffers: &[f64]) -> Vec<f64> {
        let mut new: Vec<f64> = buffers
            .iter()
            .map(|&b| round_days(b))
            .filter(|b| b.is_finite() && *b >= self.lowest && *b <= self.highest)
            .filter(|b| !self.points.iter().any(|p| (p.buffer_days - b).abs() < 0.005))
            .collect();
        new.sort_by(f64::total_cmp);
        new.dedup();
        new
    }

    /// Simulates the buffers not yet on the grid, on the same random numbers as the rest.
    pub(super) fn add(&mut self, item: &Item, settings: &Settings, buffers: &[f64]) {
        add_all(item, settings, &mut [(self, buffers.to_vec())]);
    }

    /// The buffers that extend the grid past a cheapest point at either end: past the top
    /// (1.5 and 2 times it), or below the bottom (towards a level of 0).
    pub(super) fn extension(&self) -> Vec<f64> {
        let b = self.best();
        let (low, top) = (self.points[0].buffer_days, self.points[self.len() - 1].buffer_days);
        if b == self.len() - 1 && top < self.highest && top > 0.0 {
            vec![top * 1.5, (top * 2.0).min(self.highest)]
        } else if b == 0 && low > self.lowest {
            // Halfway and all the way to the lowest level from the lowest point (from 0:
            // a quarter and half of the way).
            if low >= 0.0 {
                vec![low + (self.lowest - low) * 0.25, low + (self.lowest - low) * 0.5]
            } else {
                vec![low + (self.lowest - low) * 0.5, self.lowest]
            }
        } else {
            Vec::new()
        }
    }

    /// The point nearest to `buffer_days`.
    pub(super) fn index_of(&self, buffer_days: f64) -> usize {
        let gap = |i: usize| (self.points[i].buffer_days - buffer_days).abs();
        (0..self.len()).min_by(|&a, &b| gap(a).total_cmp(&gap(b))).unwrap_or(0)
    }

    /// The cheapest point by mean yearly total cost (the lower buffer on a tie).
    pub(super) fn best(&self) -> usize {
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
    pub(super) fn bend_midpoints(&self, n: usize) -> Vec<f64> {
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
    pub(super) fn find_target(
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
        while reached(self).is_none() && top < self.highest {
            let next = (top * 2.0).min(self.highest);
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
}
