//! Helpers the statistical test files share.

use jitjic::core::stats::MeanSe;

/// The check every statistical test makes: a simulated mean within `n_se` of its standard
/// errors of the value theory gives (and a standard error above 0, so the check cannot pass
/// for want of spread).
pub fn assert_within_se(stat: MeanSe, theory: f64, n_se: f64, what: &str) {
    assert!(stat.se() > 0.0, "{what}: no spread to test against");
    assert!(
        (stat.mean() - theory).abs() < n_se * stat.se(),
        "{what}: simulated {} ± {}, theory {theory}",
        stat.mean(),
        stat.se()
    );
}
