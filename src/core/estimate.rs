//! Demand and lead-time distributions estimated from pasted history, by the method of
//! moments, with the family chosen by documented rules. The page shows the estimate before a
//! person applies it.
//!
//! Daily demand (at least 7 days, each a number ≥ 0):
//!
//! - more than 30 % of days without demand (and some with): **intermittent**, its chance of
//!   demand the share of days with some, its size the mean and sd of those days;
//! - else whole units: **Poisson** when the variance is at most 1.2 × the mean (a Poisson's
//!   variance equals its mean), else **negative binomial** with the observed mean and sd;
//! - else **normal** when the coefficient of variation is at most 0.5, else **gamma** (never
//!   negative, skewed right).
//!
//! Lead times of past receipts (at least 2, each a whole number of days, 0 to 365):
//!
//! - all equal: **fixed**;
//! - coefficient of variation at most 0.3: **normal**; else **lognormal** (a long right tail:
//!   the late deliveries that buffers are for).
//!
//! Either history can also be used as it is (resampled day by day or receipt by receipt).
//! The sd is the sample's, with n − 1.

use crate::core::demand::{Demand, MeanSd};
use crate::core::lead_time::{LeadTime, NormalLike};

/// Share of days without demand above which demand is treated as intermittent.
pub const INTERMITTENT_ZERO_SHARE: f64 = 0.3;
/// Variance ÷ mean up to which whole-unit demand is taken as Poisson.
pub const POISSON_DISPERSION: f64 = 1.2;
/// Coefficient of variation up to which fractional demand is taken as normal.
pub const NORMAL_DEMAND_CV: f64 = 0.5;
/// Coefficient of variation up to which lead times are taken as normal.
pub const NORMAL_LEAD_TIME_CV: f64 = 0.3;

/// What the history says about daily demand.
#[derive(Clone, Debug, PartialEq)]
pub struct DemandEstimate {
    pub days: usize,
    pub mean: f64,
    pub sd: f64,
    /// Share of days without demand.
    pub zero_share: f64,
    pub whole_units: bool,
    /// The fitted distribution and why that family.
    pub fitted: Demand,
    pub why: String,
}

/// What past receipts say about the lead time.
#[derive(Clone, Debug, PartialEq)]
pub struct LeadTimeEstimate {
    pub receipts: usize,
    pub mean: f64,
    pub sd: f64,
    pub min: u32,
    pub max: u32,
    pub fitted: LeadTime,
    pub why: String,
}

fn mean_sd(xs: &[f64]) -> (f64, f64) {
    let n = xs.len() as f64;
    let mean = xs.iter().sum::<f64>() / n;
    let var = if xs.len() > 1 {
        xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1.0)
    } else {
        0.0
    };
    (mean, libm::sqrt(var))
}

/// Fits daily demand to a history (see the module's rules).
///
/// # Errors
/// Fewer than 7 days, a value that is negative or not finite, or no demand at all; the
/// message says which.
pub fn demand_from_history(history: &[f64]) -> Result<DemandEstimate, String> {
    if history.len() < 7 {
        return Err(format!(
            "{} day{} of history is too little to estimate from; accepted: at least 7 days",
            history.len(),
            if history.len() == 1 { "" } else { "s" }
        ));
    }
    if let Some((i, bad)) = history.iter().enumerate().find(|(_, x)| !(x.is_finite() && **x >= 0.0))
    {
        return Err(format!("day {}: {bad} is not a quantity; accepted: numbers ≥ 0", i + 1));
    }
    let (mean, sd) = mean_sd(history);
    if mean == 0.0 {
        return Err("every day of the history is 0: there is no demand to estimate".into());
    }
    let zero_share = history.iter().filter(|&&x| x == 0.0).count() as f64 / history.len() as f64;
    let whole_units = history.iter().all(|x| x.fract() == 0.0);
    let cv = sd / mean;
    let (fitted, why) = if zero_share > INTERMITTENT_ZERO_SHARE {
        let sizes: Vec<f64> = history.iter().copied().filter(|&x| x > 0.0).collect();
        let (size_mean, size_sd) = mean_sd(&sizes);
        (
            Demand::Intermittent {
                probability: sizes.len() as f64 / history.len() as f64,
                size: MeanSd { mean: size_mean, sd: size_sd },
            },
            format!(
                "{:.0}% of days have no demand (over {:.0}%): intermittent",
                zero_share * 100.0,
                INTERMITTENT_ZERO_SHARE * 100.0
            ),
        )
    } else if whole_units && sd * sd <= POISSON_DISPERSION * mean {
        (
            Demand::Poisson { mean },
            format!(
                "whole units with variance {:.2} × the mean (at most {POISSON_DISPERSION}): Poisson",
                sd * sd / mean
            ),
        )
    } else if whole_units {
        (
            Demand::NegativeBinomial(MeanSd { mean, sd }),
            format!(
                "whole units with variance {:.2} × the mean (over {POISSON_DISPERSION}): negative binomial",
                sd * sd / mean
            ),
        )
    } else if cv <= NORMAL_DEMAND_CV || sd == 0.0 {
        (
            Demand::Normal(MeanSd { mean, sd }),
            format!("coefficient of variation {cv:.2} (at most {NORMAL_DEMAND_CV}): normal"),
        )
    } else {
        (
            Demand::Gamma(MeanSd { mean, sd }),
            format!(
                "coefficient of variation {cv:.2} (over {NORMAL_DEMAND_CV}): gamma, never negative"
            ),
        )
    };
    Ok(DemandEstimate { days: history.len(), mean, sd, zero_share, whole_units, fitted, why })
}

/// Fits the lead time to past receipts (see the module's rules).
///
/// # Errors
/// Fewer than 2 receipts, or one that is not a whole number of days from 0 to 365.
pub fn lead_time_from_history(days: &[f64]) -> Result<LeadTimeEstimate, String> {
    if days.len() < 2 {
        return Err(format!(
            "{} receipt{} is too few to estimate from; accepted: at least 2",
            days.len(),
            if days.len() == 1 { "" } else { "s" }
        ));
    }
    if let Some((i, bad)) = days
        .iter()
        .enumerate()
        .find(|(_, x)| !(x.is_finite() && **x >= 0.0 && **x <= 365.0 && x.fract() == 0.0))
    {
        return Err(format!(
            "receipt {}: {bad} is not a lead time; accepted: whole numbers from 0 to 365 days",
            i + 1
        ));
    }
    let (mean, sd) = mean_sd(days);
    let min = days.iter().copied().fold(f64::INFINITY, f64::min) as u32;
    let max = days.iter().copied().fold(0.0, f64::max) as u32;
    let (fitted, why) = if min == max {
        (LeadTime::Fixed(min), "every receipt took the same time: fixed".to_owned())
    } else if sd / mean <= NORMAL_LEAD_TIME_CV {
        (
            LeadTime::Normal(NormalLike { mean, sd }),
            format!(
                "coefficient of variation {:.2} (at most {NORMAL_LEAD_TIME_CV}): normal",
                sd / mean
            ),
        )
    } else {
        (
            LeadTime::LogNormal(NormalLike { mean, sd }),
            format!(
                "coefficient of variation {:.2} (over {NORMAL_LEAD_TIME_CV}): lognormal, with a long tail of late deliveries",
                sd / mean
            ),
        )
    };
    Ok(LeadTimeEstimate { receipts: days.len(), mean, sd, min, max, fitted, why })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demand_families_follow_the_documented_rules() {
        // Whole units, variance near the mean (by hand: mean 5, squared deviations 28, var 28/7 = 4).
        let e = demand_from_history(&[3.0, 5.0, 7.0, 4.0, 6.0, 5.0, 2.0, 8.0]).unwrap();
        assert_eq!(e.mean, 5.0);
        assert!((e.sd * e.sd - 28.0 / 7.0).abs() < 1e-12);
        assert_eq!(e.fitted, Demand::Poisson { mean: 5.0 });
        // Whole units, far more variable: negative binomial with the sample's mean and sd.
        let e = demand_from_history(&[1.0, 20.0, 3.0, 15.0, 2.0, 30.0, 4.0]).unwrap();
        assert!(
            matches!(e.fitted, Demand::NegativeBinomial(p) if p.mean == e.mean && p.sd == e.sd)
        );
        // Mostly zeros: intermittent, sizes from the days with demand.
        let e =
            demand_from_history(&[0.0, 0.0, 10.0, 0.0, 0.0, 14.0, 0.0, 0.0, 0.0, 12.0]).unwrap();
        assert_eq!(
            e.fitted,
            Demand::Intermittent { probability: 0.3, size: MeanSd { mean: 12.0, sd: 2.0 } }
        );
        // Fractional and steady: normal; fractional and wild: gamma.
        let steady = demand_from_history(&[10.5, 9.5, 10.0, 11.0, 9.0, 10.2, 9.8]).unwrap();
        assert!(matches!(steady.fitted, Demand::Normal(_)));
        let wild = demand_from_history(&[0.5, 30.5, 2.5, 1.5, 25.5, 3.5, 0.5]).unwrap();
        assert!(matches!(wild.fitted, Demand::Gamma(_)));
        // Every fitted distribution is one the engine accepts.
        for e in [steady, wild] {
            assert!(e.fitted.sampler(false).is_ok());
        }
    }

    #[test]
    fn lead_time_families_follow_the_documented_rules() {
        let e = lead_time_from_history(&[7.0, 7.0, 7.0]).unwrap();
        assert_eq!(e.fitted, LeadTime::Fixed(7));
        let e = lead_time_from_history(&[9.0, 10.0, 11.0, 10.0]).unwrap();
        assert!(matches!(e.fitted, LeadTime::Normal(p) if p.mean == 10.0));
        let e = lead_time_from_history(&[5.0, 6.0, 5.0, 30.0, 6.0]).unwrap();
        assert!(matches!(e.fitted, LeadTime::LogNormal(_)));
        assert_eq!((e.min, e.max), (5, 30));
        assert!(e.fitted.sampler().is_ok());
    }

    #[test]
    fn too_little_or_bad_history_is_refused_by_name() {
        assert!(demand_from_history(&[1.0; 3]).unwrap_err().contains("at least 7 days"));
        assert!(demand_from_history(&[1.0, 2.0, -3.0, 1.0, 1.0, 1.0, 1.0])
            .unwrap_err()
            .contains("day 3: -3"));
        assert!(demand_from_history(&[0.0; 9]).unwrap_err().contains("every day"));
        assert!(lead_time_from_history(&[4.0]).unwrap_err().contains("at least 2"));
        assert!(lead_time_from_history(&[4.0, 2.5]).unwrap_err().contains("receipt 2: 2.5"));
    }
}
