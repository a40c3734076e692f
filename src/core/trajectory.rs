//! Stock on hand over time, across replications: the mean of every day, and a P10–P90 band
//! on at most [`MAX_BAND_POINTS`] sampled days. The band comes from fixed-bin histograms, so
//! memory stays bounded whatever the number of replications, and combining parts of a run is
//! adding counts: the result does not depend on how replications are split.

/// Most days the band is computed on; longer horizons are sampled every k-th day. Binning a
/// day costs about as much as simulating it, so a year is banded every third day.
pub const MAX_BAND_POINTS: usize = 128;

/// Histogram bins per sampled day: the band is exact to within (upper bound / BINS) units.
pub const BINS: usize = 256;

use serde::{Deserialize, Serialize};

/// The P10 and P90 of end-of-day stock on hand across replications on one day.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BandPoint {
    pub day: u32,
    pub p10: f64,
    pub p90: f64,
}

/// Collects the trajectory over replications.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TrajectoryAccumulator {
    sum: Vec<f64>,
    step: usize,
    bin_width: f64,
    bins_per_unit: f64,
    counts: Vec<u32>,
    /// Per day, in how many replications an expedite was placed, and an order went to the
    /// backup (empty until marks are added).
    #[serde(default)]
    expedites: Vec<u32>,
    #[serde(default)]
    backup_orders: Vec<u32>,
}

impl TrajectoryAccumulator {
    /// For a horizon, with stock on hand known never to exceed `upper` units (a policy's
    /// largest position after ordering bounds it; anything above lands in the top bin).
    pub fn new(horizon_days: u32, upper: f64) -> Self {
        let horizon = horizon_days as usize;
        let step = horizon.div_ceil(MAX_BAND_POINTS).max(1);
        let points = horizon.div_ceil(step);
        let upper = if upper.is_finite() && upper > 0.0 { upper } else { 1.0 };
        TrajectoryAccumulator {
            sum: vec![0.0; horizon],
            step,
            bin_width: upper / BINS as f64,
            bins_per_unit: BINS as f64 / upper,
            counts: vec![0; points * BINS],
            expedites: Vec::new(),
            backup_orders: Vec::new(),
        }
    }

    /// Adds one replication's marks: the orders the levers placed each day
    /// (`levers::EXPEDITED`, `levers::BACKUP_ORDERED` bits).
    pub fn add_marks(&mut self, marks: &[u8]) {
        use crate::core::levers::{BACKUP_ORDERED, EXPEDITED};
        let horizon = self.sum.len();
        self.expedites.resize(horizon, 0);
        self.backup_orders.resize(horizon, 0);
        for ((e, b), &m) in self.expedites.iter_mut().zip(&mut self.backup_orders).zip(marks) {
            *e += u32::from(m & EXPEDITED != 0);
            *b += u32::from(m & BACKUP_ORDERED != 0);
        }
    }

    /// The share of `n_replications` with an expedite, and with a backup order, each day
    /// (empty when no marks were added, or none were placed).
    pub fn mark_shares(&self, n_replications: u32) -> (Vec<f64>, Vec<f64>) {
        let n = f64::from(n_replications.max(1));
        let share = |counts: &[u32]| {
            if counts.iter().all(|&c| c == 0) {
                Vec::new()
            } else {
                counts.iter().map(|&c| f64::from(c) / n).collect()
            }
        };
        (share(&self.expedites), share(&self.backup_orders))
    }

    /// Adds one replication's end-of-day stock on hand, one value per day. Taking the whole
    /// path after the run keeps this out of the day loop, which only stores a number a day.
    pub fn add(&mut self, path: &[f64]) {
        for (sum, &on_hand) in self.sum.iter_mut().zip(path) {
            *sum += on_hand;
        }
        let sampled = path.iter().step_by(self.step);
        for (counts, &on_hand) in self.counts.chunks_exact_mut(BINS).zip(sampled) {
            counts[((on_hand * self.bins_per_unit) as usize).min(BINS - 1)] += 1;
        }
    }

    /// Adds another accumulator's replications (of the same horizon and bound): sums and
    /// counts add.
    pub fn merge(&mut self, other: &TrajectoryAccumulator) {
        for (a, b) in self.sum.iter_mut().zip(&other.sum) {
            *a += b;
        }
        for (a, b) in self.counts.iter_mut().zip(&other.counts) {
            *a += b;
        }
        for (mine, theirs) in [
            (&mut self.expedites, &other.expedites),
            (&mut self.backup_orders, &other.backup_orders),
        ] {
            if mine.len() < theirs.len() {
                mine.resize(theirs.len(), 0);
            }
            for (a, b) in mine.iter_mut().zip(theirs) {
                *a += b;
            }
        }
    }

    /// The mean stock per day over `n_replications`, and the band.
    pub fn finish(self, n_replications: u32) -> (Vec<f64>, Vec<BandPoint>) {
        let n = f64::from(n_replications.max(1));
        let mean = self.sum.iter().map(|x| x / n).collect();
        let band = self
            .counts
            .chunks_exact(BINS)
            .enumerate()
            .map(|(point, counts)| BandPoint {
                day: (point * self.step) as u32,
                p10: quantile(counts, 0.1, self.bin_width),
                p90: quantile(counts, 0.9, self.bin_width),
            })
            .collect();
        (mean, band)
    }
}

/// The p-quantile of a histogram, interpolated linearly within its bin.
fn quantile(counts: &[u32], p: f64, bin_width: f64) -> f64 {
    let total: u64 = counts.iter().map(|&c| u64::from(c)).sum();
    if total == 0 {
        return 0.0;
    }
    let target = p * total as f64;
    let mut below = 0.0;
    for (bin, &c) in counts.iter().enumerate() {
        let c = f64::from(c);
        if c > 0.0 && below + c >= target {
            return (bin as f64 + (target - below) / c) * bin_width;
        }
        below += c;
    }
    BINS as f64 * bin_width
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_brackets_the_middle_80_percent() {
        // 1,000 replications whose day-0 stock is 0, 1, …, 999 (upper 1,000: 3.9-unit bins).
        let mut acc = TrajectoryAccumulator::new(10, 1_000.0);
        for r in 0..1_000 {
            let path: Vec<f64> =
                (0..10).map(|day| if day == 0 { f64::from(r) } else { 5.0 }).collect();
            acc.add(&path);
        }
        let (mean, band) = acc.finish(1_000);
        assert!((mean[0] - 499.5).abs() < 1e-9);
        assert_eq!(mean[3], 5.0);
        assert_eq!(band.len(), 10);
        let width = 1_000.0 / BINS as f64;
        assert!((band[0].p10 - 100.0).abs() <= width, "{:?}", band[0]);
        assert!((band[0].p90 - 900.0).abs() <= width, "{:?}", band[0]);
        assert!(band[3].p10 <= 5.0 + width && band[3].p90 >= 5.0 - width);
    }

    #[test]
    fn long_horizons_are_sampled_within_the_point_budget() {
        let mut acc = TrajectoryAccumulator::new(3_650, 10.0);
        acc.add(&[1.0; 3_650]);
        let (mean, band) = acc.finish(1);
        assert_eq!(mean.len(), 3_650);
        assert!(band.len() <= MAX_BAND_POINTS);
        assert_eq!(band[1].day, 3_650_u32.div_ceil(MAX_BAND_POINTS as u32));
    }

    #[test]
    fn marks_are_shares_of_runs_and_merge_by_adding() {
        use crate::core::levers::{BACKUP_ORDERED, EXPEDITED};
        let mut a = TrajectoryAccumulator::new(3, 10.0);
        a.add_marks(&[EXPEDITED, 0, EXPEDITED | BACKUP_ORDERED]);
        a.add_marks(&[0, 0, EXPEDITED]);
        let mut b = TrajectoryAccumulator::new(3, 10.0);
        b.add_marks(&[EXPEDITED, 0, 0]);
        b.add_marks(&[0, 0, 0]);
        a.merge(&b);
        let (expedites, backup) = a.mark_shares(4);
        assert_eq!(expedites, vec![0.5, 0.0, 0.5]);
        assert_eq!(backup, vec![0.0, 0.0, 0.25]);
        // Nothing placed: no marks at all.
        let none = TrajectoryAccumulator::new(3, 10.0);
        assert_eq!(none.mark_shares(4), (Vec::new(), Vec::new()));
    }
}
