//! Accumulators for statistics across replications.

use serde::{Deserialize, Serialize};

/// Running mean and standard error of the mean (Welford's algorithm, numerically stable in
/// one pass).
///
/// ```text
/// mean = Σx / n,   se = sqrt( Σ(x − mean)² / (n − 1) / n )
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MeanSe {
    n: u32,
    mean: f64,
    m2: f64,
}

impl MeanSe {
    /// Adds one observation (one replication's value).
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let delta = x - self.mean;
        self.mean += delta / f64::from(self.n);
        self.m2 += delta * (x - self.mean);
    }

    /// Adds the observations another accumulator has seen (Chan, Golub and LeVeque's
    /// pairwise update):
    ///
    /// ```text
    /// δ = mean_b − mean_a,  mean = mean_a + δ·n_b/n,  M2 = M2_a + M2_b + δ²·n_a·n_b/n
    /// ```
    ///
    /// The result equals pushing b's observations after a's up to rounding; a run merges its
    /// parts in one fixed order, so its bits do not depend on how the work was shared.
    pub fn merge(&mut self, other: &MeanSe) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = *other;
            return;
        }
        let (na, nb) = (f64::from(self.n), f64::from(other.n));
        let n = na + nb;
        let delta = other.mean - self.mean;
        self.mean += delta * nb / n;
        self.m2 += other.m2 + delta * delta * na * nb / n;
        self.n += other.n;
    }

    /// Number of observations.
    pub fn count(&self) -> u32 {
        self.n
    }

    /// The sample mean (0 when empty).
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// The standard error of the mean; 0 with fewer than two observations.
    pub fn se(&self) -> f64 {
        if self.n < 2 {
            return 0.0;
        }
        let n = f64::from(self.n);
        libm::sqrt(self.m2 / (n - 1.0) / n)
    }
}

impl MeanSe {
    /// The mean and standard error of `k`·x: both scale by |k| (the SE) and k (the mean).
    pub fn scaled(&self, k: f64) -> MeanSe {
        MeanSe { n: self.n, mean: self.mean * k, m2: self.m2 * k * k }
    }
}

/// Sorts indices in increasing `key` (stable; `f64::total_cmp` order). One sort shared by every
/// list of indices: each distinct sort closure is another copy of the sort in the page's module.
pub fn sort_indices(order: &mut [usize], key: &dyn Fn(usize) -> f64) {
    order.sort_by(|&a, &b| key(a).total_cmp(&key(b)));
}

/// `items` in increasing `key` (stable; `f64::total_cmp` order), through [`sort_indices`], so
/// that every list shares one sort.
pub fn sorted_by_key<T>(items: Vec<T>, key: impl Fn(&T) -> f64) -> Vec<T> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    sort_indices(&mut order, &|i| key(&items[i]));
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// A ratio of two means across replications, ȳ ≠ 0: x̄ / ȳ with its standard error by the
/// delta method (co-moments kept in one pass, as in [`MeanSe`]).
///
/// ```text
/// R = x̄ / ȳ,   se(R) ≈ sqrt( (s_x² − 2R·s_xy + R²·s_y²) / n ) / |ȳ|
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RatioSe {
    x: MeanSe,
    y: MeanSe,
    /// Σ (x − x̄)(y − ȳ), updated with Welford's co-moment step.
    cxy: f64,
}

impl RatioSe {
    /// Adds one replication's numerator and denominator.
    pub fn push(&mut self, x: f64, y: f64) {
        let dx = x - self.x.mean();
        self.x.push(x);
        self.y.push(y);
        self.cxy += dx * (y - self.y.mean());
    }

    /// Adds another accumulator's replications (the co-moment's pairwise update,
    /// C = C_a + C_b + δx·δy·n_a·n_b/n, as in [`MeanSe::merge`]).
    pub fn merge(&mut self, other: &RatioSe) {
        let (na, nb) = (f64::from(self.x.count()), f64::from(other.x.count()));
        if na + nb > 0.0 {
            let (dx, dy) = (other.x.mean() - self.x.mean(), other.y.mean() - self.y.mean());
            self.cxy += other.cxy + dx * dy * na * nb / (na + nb);
        }
        self.x.merge(&other.x);
        self.y.merge(&other.y);
    }

    /// x̄ / ȳ, or `None` when ȳ is 0 (no denominator at all, as turns with no stock held).
    pub fn ratio(&self) -> Option<f64> {
        (self.y.mean() != 0.0).then(|| self.x.mean() / self.y.mean())
    }

    /// The delta-method standard error of the ratio; 0 with fewer than two replications.
    pub fn se(&self) -> Option<f64> {
        let r = self.ratio()?;
        let n = f64::from(self.x.count());
        if n < 2.0 {
            return Some(0.0);
        }
        // s² = m2 / (n − 1); MeanSe's se² = s² / n.
        let (vx, vy) = (self.x.se() * self.x.se() * n, self.y.se() * self.y.se() * n);
        let cov = self.cxy / (n - 1.0);
        let var = ((vx - 2.0 * r * cov + r * r * vy) / n).max(0.0);
        Some(libm::sqrt(var) / self.y.mean().abs())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_and_se_match_the_textbook_formula() {
        let xs = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0];
        let mut acc = MeanSe::default();
        xs.iter().for_each(|&x| acc.push(x));
        // Mean 5, sample variance 32/7, se = sqrt(32/7/8).
        assert_eq!(acc.count(), 8);
        assert!((acc.mean() - 5.0).abs() < 1e-12);
        assert!((acc.se() - (32.0f64 / 7.0 / 8.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn ratio_se_matches_the_delta_method_by_hand() {
        let pairs = [(10.0, 2.0), (12.0, 3.0), (9.0, 2.0), (15.0, 4.0)];
        let mut acc = RatioSe::default();
        pairs.iter().for_each(|&(x, y)| acc.push(x, y));
        // x̄ = 11.5, ȳ = 2.75, R = 46/11; s_x² = 7, s_y² = 11/12, s_xy = 2.5.
        let r = 11.5 / 2.75;
        assert!((acc.ratio().unwrap() - r).abs() < 1e-12);
        let var = (7.0 - 2.0 * r * 2.5 + r * r * 11.0 / 12.0) / 4.0;
        assert!((acc.se().unwrap() - var.sqrt() / 2.75).abs() < 1e-12);
        assert_eq!(RatioSe::default().ratio(), None);
        let mut zero = RatioSe::default();
        zero.push(5.0, 0.0);
        assert_eq!(zero.ratio(), None);
    }

    #[test]
    fn merging_two_parts_is_pushing_them_one_after_the_other() {
        let xs: Vec<f64> = (0..50).map(|i| f64::from(i * i % 17) + 0.25 * f64::from(i)).collect();
        let ys: Vec<f64> = (0..50).map(|i| 3.0 + f64::from(i % 7)).collect();
        let (mut whole, mut a, mut b) = (MeanSe::default(), MeanSe::default(), MeanSe::default());
        let (mut rw, mut ra, mut rb) = (RatioSe::default(), RatioSe::default(), RatioSe::default());
        for (i, (&x, &y)) in xs.iter().zip(&ys).enumerate() {
            whole.push(x);
            rw.push(x, y);
            if i < 20 {
                a.push(x);
                ra.push(x, y);
            } else {
                b.push(x);
                rb.push(x, y);
            }
        }
        a.merge(&b);
        ra.merge(&rb);
        assert_eq!(a.count(), 50);
        assert!((a.mean() - whole.mean()).abs() < 1e-12);
        assert!((a.se() - whole.se()).abs() < 1e-12);
        assert!((ra.ratio().unwrap() - rw.ratio().unwrap()).abs() < 1e-12);
        assert!((ra.se().unwrap() - rw.se().unwrap()).abs() < 1e-12);
        // Merging into or from nothing changes nothing.
        let mut empty = MeanSe::default();
        empty.merge(&whole);
        assert_eq!(empty, whole);
        whole.merge(&MeanSe::default());
        assert_eq!(empty, whole);
    }

    #[test]
    fn the_shared_sort_is_stable_and_negation_reverses_it() {
        let items = vec![(3.0, 'a'), (1.0, 'b'), (3.0, 'c'), (-0.0, 'd'), (0.0, 'e')];
        let up: Vec<char> = sorted_by_key(items.clone(), |x| x.0).iter().map(|x| x.1).collect();
        assert_eq!(up, ['d', 'e', 'b', 'a', 'c']);
        let down: Vec<char> = sorted_by_key(items, |x| -x.0).iter().map(|x| x.1).collect();
        assert_eq!(down, ['a', 'c', 'b', 'e', 'd']);
    }

    #[test]
    fn scaling_scales_mean_and_se() {
        let mut acc = MeanSe::default();
        [1.0, 2.0, 6.0].iter().for_each(|&x| acc.push(x));
        let twice = acc.scaled(2.0);
        assert_eq!(twice.mean(), 2.0 * acc.mean());
        assert!((twice.se() - 2.0 * acc.se()).abs() < 1e-12);
    }

    #[test]
    fn se_is_zero_for_fewer_than_two_observations() {
        let mut acc = MeanSe::default();
        assert_eq!(acc.se(), 0.0);
        acc.push(3.0);
        assert_eq!(acc.se(), 0.0);
        assert_eq!(acc.mean(), 3.0);
    }
}
