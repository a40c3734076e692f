//! Closed-form results that sit beside the simulation and check it.

/// The standard normal cumulative distribution function.
///
/// ```text
/// Φ(x) = ½ · erfc(−x / √2)
/// ```
/// Uses `libm` so that the value is the same natively and in wasm.
pub fn normal_cdf(x: f64) -> f64 {
    0.5 * libm::erfc(-x / std::f64::consts::SQRT_2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normal_cdf_matches_tabled_values() {
        // Abramowitz and Stegun, table 26.1.
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-15);
        assert!((normal_cdf(1.0) - 0.841_344_746_068_543).abs() < 1e-12);
        assert!((normal_cdf(-1.96) - 0.024_997_895_148_220).abs() < 1e-12);
    }
}
