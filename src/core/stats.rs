//! Accumulators for statistics across replications.

/// Running mean and standard error of the mean (Welford's algorithm, numerically stable in
/// one pass).
///
/// ```text
/// mean = Σx / n,   se = sqrt( Σ(x − mean)² / (n − 1) / n )
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
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
    fn se_is_zero_for_fewer_than_two_observations() {
        let mut acc = MeanSe::default();
        assert_eq!(acc.se(), 0.0);
        acc.push(3.0);
        assert_eq!(acc.se(), 0.0);
        assert_eq!(acc.mean(), 3.0);
    }
}
