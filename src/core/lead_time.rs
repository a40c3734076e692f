//! Lead-time distributions, in whole days. A drawn lead time L means an order placed at the
//! end of day t is on the shelf at the start of day t+L+1 (see `sim`).
//!
//! # Continuous lead times become whole days
//!
//! A normal, lognormal or gamma draw x is rounded to the nearest whole day, halves away from
//! zero, then clamped to 0 … [`MAX_LEAD_TIME_DAYS`]: a draw of 15.7 days is 16, so an order
//! placed on the evening of day t is on the shelf on the morning of day t + 17, after 16
//! full days in transit. Rounding to the nearest day keeps the mean of a smooth distribution
//! (the errors of ±½ day cancel), so with the timing convention the mean time in transit is
//! the mean typed. It does not where the distribution piles up near 0: a normal draw below
//! 0 counts as 0, and one below ½ as 0 — N(1, 2) days averages 1.40 days as simulated. The
//! mean and sd every formula uses (the JIT level's protection period, the normal
//! approximation, the optimiser's grid) are those of the whole-day draws, computed exactly
//! from the distribution's CDF ([`LeadTimeSampler::mean_days`]); where they differ from the
//! mean typed by more than 1 %, `validate` and the page say so ([`LeadTimeSampler::typed_mean`]).

use rand::Rng;
use rand_distr::{Distribution, Normal, StandardNormal};

use crate::core::sampling::PortableGamma;

/// The most a lognormal or gamma lead time's sd may be, as a multiple of its mean: beyond,
/// the distribution's parameters overflow.
pub const MAX_LEAD_TIME_CV: f64 = 100.0;

/// The longest lead time any draw may take, in days. Continuous distributions are rounded to
/// whole days and capped here, so that an order always lands inside a bounded pipeline.
pub const MAX_LEAD_TIME_DAYS: u32 = 730;

/// How lead times are distributed.
#[derive(Clone, Debug, PartialEq)]
pub enum LeadTime {
    /// Always the same number of days.
    Fixed(u32),
    /// Equally likely whole days from `min` to `max`, both included.
    Uniform { min: u32, max: u32 },
    /// Normal with this mean and sd, rounded to whole days and clamped to 0..=MAX.
    Normal(NormalLike),
    /// Lognormal with this mean and sd (of the lead time itself, not of its logarithm),
    /// rounded to whole days and capped at MAX.
    LogNormal(NormalLike),
    /// Gamma with this mean and sd, rounded to whole days and capped at MAX.
    Gamma(NormalLike),
    /// Resampled from observed lead times (each equally likely).
    Empirical(Vec<u32>),
}

/// A mean and a standard deviation, in days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NormalLike {
    pub mean: f64,
    pub sd: f64,
}

/// A lead-time distribution ready to draw from (its parameters converted once).
#[derive(Clone, Debug, PartialEq)]
pub enum LeadTimeSampler {
    Fixed(u32),
    Uniform {
        min: u32,
        max: u32,
    },
    /// With the moments of its whole-day draws, and the mean typed.
    Normal(Normal<f64>, Moments),
    /// exp(μ + σ·z) of a standard normal z, with libm's `exp` (`core::sampling`).
    LogNormal {
        mu: f64,
        sigma: f64,
        moments: Moments,
    },
    Gamma(PortableGamma, Moments),
    Empirical(Vec<u32>),
}

/// A continuous lead time's mean as typed, and the mean and sd of its draws as simulated
/// (rounded to whole days, clamped), worked out once from its CDF.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Moments {
    pub typed_mean: f64,
    pub mean: f64,
    pub sd: f64,
}

impl Moments {
    /// The moments of round(X) clamped to 0 … MAX for a continuous X with CDF `cdf`: each
    /// whole day k takes the mass of [k − ½, k + ½), 0 takes everything below ½ and MAX
    /// everything from MAX − ½.
    fn of(typed_mean: f64, cdf: impl Fn(f64) -> f64) -> Moments {
        let (mut m1, mut m2, mut below) = (0.0, 0.0, cdf(0.5));
        for k in 1..MAX_LEAD_TIME_DAYS {
            let up = cdf(f64::from(k) + 0.5);
            let (p, k) = (up - below, f64::from(k));
            m1 += k * p;
            m2 += k * k * p;
            below = up;
            if 1.0 - below < 1e-16 {
                break;
            }
        }
        let top = f64::from(MAX_LEAD_TIME_DAYS);
        let tail = (1.0 - below).max(0.0);
        m1 += top * tail;
        m2 += top * top * tail;
        Moments { typed_mean, mean: m1, sd: libm::sqrt((m2 - m1 * m1).max(0.0)) }
    }
}

impl LeadTime {
    /// The sampler for this distribution, or a message when its parameters are unusable.
    ///
    /// ```text
    /// lognormal:  σ² = ln(1 + sd²/mean²),  μ = ln(mean) − σ²/2
    /// gamma:      shape = mean²/sd²,       scale = sd²/mean
    /// ```
    ///
    /// # Errors
    /// When a parameter is negative or not finite, min > max, a lognormal or gamma mean is 0,
    /// or an empirical list is empty. A distribution with sd 0 is fixed at its rounded mean.
    pub fn sampler(&self) -> Result<LeadTimeSampler, String> {
        let fixed_at = |mean: f64| LeadTimeSampler::Fixed(round_days(mean));
        let check = |p: &NormalLike| {
            if !(p.mean.is_finite() && p.sd.is_finite() && p.mean >= 0.0 && p.sd >= 0.0) {
                return Err(format!("mean {} and sd {} must be finite and ≥ 0", p.mean, p.sd));
            }
            Ok(())
        };
        Ok(match self {
            LeadTime::Fixed(days) => LeadTimeSampler::Fixed((*days).min(MAX_LEAD_TIME_DAYS)),
            LeadTime::Uniform { min, max } if min > max => {
                return Err(format!("minimum {min} is above maximum {max}"))
            }
            LeadTime::Uniform { min, max } => LeadTimeSampler::Uniform {
                min: (*min).min(MAX_LEAD_TIME_DAYS),
                max: (*max).min(MAX_LEAD_TIME_DAYS),
            },
            LeadTime::Normal(p) => {
                check(p)?;
                if p.sd == 0.0 {
                    fixed_at(p.mean)
                } else {
                    let (mu, sigma) = (p.mean, p.sd);
                    let moments =
                        Moments::of(mu, |x| crate::core::closed_form::normal_cdf((x - mu) / sigma));
                    LeadTimeSampler::Normal(
                        Normal::new(p.mean, p.sd).map_err(|e| e.to_string())?,
                        moments,
                    )
                }
            }
            LeadTime::LogNormal(p) | LeadTime::Gamma(p) => {
                check(p)?;
                if p.sd == 0.0 {
                    fixed_at(p.mean)
                } else if p.mean == 0.0 {
                    return Err("a lognormal or gamma lead time needs a mean above 0".into());
                } else if p.sd > MAX_LEAD_TIME_CV * p.mean {
                    // (A mean of 1e-307 days with an sd of 0.001 gave NaN lead times.)
                    return Err(format!(
                        "a lognormal or gamma lead time with mean {} and sd {} days spreads \
                         too far to draw from; accepted: an sd up to {MAX_LEAD_TIME_CV} × the mean",
                        crate::core::input::Num(p.mean),
                        crate::core::input::Num(p.sd)
                    ));
                } else if matches!(self, LeadTime::LogNormal(_)) {
                    let cv2 = (p.sd / p.mean) * (p.sd / p.mean);
                    let sigma2 = libm::log1p(cv2);
                    let mu = libm::log(p.mean) - 0.5 * sigma2;
                    let sigma = libm::sqrt(sigma2);
                    let moments = Moments::of(p.mean, |x| {
                        crate::core::closed_form::normal_cdf((libm::log(x) - mu) / sigma)
                    });
                    LeadTimeSampler::LogNormal { mu, sigma, moments }
                } else {
                    let shape = (p.mean / p.sd) * (p.mean / p.sd);
                    let scale = p.sd * p.sd / p.mean;
                    let moments = Moments::of(p.mean, |x| {
                        crate::core::closed_form::gamma_cdf(shape, x / scale)
                    });
                    LeadTimeSampler::Gamma(PortableGamma::new(shape, scale)?, moments)
                }
            }
            LeadTime::Empirical(days) if days.is_empty() => {
                return Err("an empirical lead time needs at least one observation".into())
            }
            LeadTime::Empirical(days) => LeadTimeSampler::Empirical(
                days.iter().map(|&d| d.min(MAX_LEAD_TIME_DAYS)).collect(),
            ),
        })
    }
}

/// Rounds a continuous draw to whole days (half away from zero), within 0..=MAX.
fn round_days(x: f64) -> u32 {
    libm::round(x).clamp(0.0, f64::from(MAX_LEAD_TIME_DAYS)) as u32
}

impl LeadTimeSampler {
    /// True when every draw is the same: nothing random to draw.
    pub fn fixed(&self) -> Option<u32> {
        match self {
            LeadTimeSampler::Fixed(days) => Some(*days),
            LeadTimeSampler::Uniform { min, max } if min == max => Some(*min),
            _ => None,
        }
    }

    /// The expected lead time in days, of the draws as made (rounded to whole days, clamped
    /// at 0 and capped): exact for every kind (see the module's docs).
    pub fn mean_days(&self) -> f64 {
        match self {
            LeadTimeSampler::Fixed(days) => f64::from(*days),
            LeadTimeSampler::Uniform { min, max } => 0.5 * (f64::from(*min) + f64::from(*max)),
            LeadTimeSampler::Normal(_, m)
            | LeadTimeSampler::LogNormal { moments: m, .. }
            | LeadTimeSampler::Gamma(_, m) => m.mean,
            LeadTimeSampler::Empirical(days) => {
                days.iter().map(|&d| f64::from(d)).sum::<f64>() / days.len() as f64
            }
        }
    }

    /// The mean typed for a normal, lognormal or gamma lead time, when the whole-day draws
    /// average more than 1 % away from it (`None` otherwise, and for the other kinds, whose
    /// draws are whole days already).
    pub fn typed_mean(&self) -> Option<f64> {
        match self {
            LeadTimeSampler::Normal(_, m)
            | LeadTimeSampler::LogNormal { moments: m, .. }
            | LeadTimeSampler::Gamma(_, m)
                if (m.mean - m.typed_mean).abs() > 0.01 * m.typed_mean.max(1e-9) =>
            {
                Some(m.typed_mean)
            }
            _ => None,
        }
    }

    /// The standard deviation of the lead time in days, of the draws as made: exact for
    /// every kind.
    pub fn sd_days(&self) -> f64 {
        let mean = self.mean_days();
        let variance = match self {
            LeadTimeSampler::Fixed(_) => 0.0,
            LeadTimeSampler::Uniform { min, max } => {
                let n = f64::from(max - min) + 1.0;
                (n * n - 1.0) / 12.0
            }
            LeadTimeSampler::Normal(_, m)
            | LeadTimeSampler::LogNormal { moments: m, .. }
            | LeadTimeSampler::Gamma(_, m) => m.sd * m.sd,
            LeadTimeSampler::Empirical(days) => {
                days.iter().map(|&d| (f64::from(d) - mean).powi(2)).sum::<f64>() / days.len() as f64
            }
        };
        libm::sqrt(variance.max(0.0))
    }

    /// The longest lead time a draw can give.
    pub fn max_days(&self) -> u32 {
        match self {
            LeadTimeSampler::Fixed(days) => *days,
            LeadTimeSampler::Uniform { max, .. } => *max,
            LeadTimeSampler::Empirical(days) => days.iter().copied().max().unwrap_or(0),
            _ => MAX_LEAD_TIME_DAYS,
        }
    }

    /// Appends `days` lead times, the same draws as `days` calls of [`Self::sample`], with
    /// the choice of distribution made once (this runs every simulated day).
    pub fn fill<R: Rng + ?Sized>(&self, rng: &mut R, days: usize, out: &mut Vec<u32>) {
        match self {
            LeadTimeSampler::Uniform { min, max } => {
                out.extend((0..days).map(|_| rng.random_range(*min..=*max)))
            }
            other => out.extend((0..days).map(|_| other.sample(rng))),
        }
    }

    /// One lead time in whole days.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> u32 {
        match self {
            LeadTimeSampler::Fixed(days) => *days,
            LeadTimeSampler::Uniform { min, max } => rng.random_range(*min..=*max),
            LeadTimeSampler::Normal(d, _) => round_days(d.sample(rng)),
            LeadTimeSampler::LogNormal { mu, sigma, .. } => {
                let z: f64 = StandardNormal.sample(rng);
                round_days(libm::exp(mu + sigma * z))
            }
            LeadTimeSampler::Gamma(d, _) => round_days(d.sample(rng)),
            LeadTimeSampler::Empirical(days) => {
                let n = days.len() as u32;
                days[rng.random_range(0..n) as usize]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rng::{stream, StreamKind};
    use crate::core::stats::MeanSe;

    fn moments(lt: LeadTime, n: u32) -> (MeanSe, f64) {
        let sampler = lt.sampler().unwrap();
        let mut rng = stream(11, 0, 0, StreamKind::LeadTime);
        let mut acc = MeanSe::default();
        let mut sum_sq = 0.0;
        for _ in 0..n {
            let x = f64::from(sampler.sample(&mut rng));
            acc.push(x);
            sum_sq += x * x;
        }
        let var = sum_sq / f64::from(n) - acc.mean() * acc.mean();
        (acc, var.sqrt())
    }

    #[test]
    fn uniform_covers_both_ends_with_the_right_mean() {
        let (m, sd) = moments(LeadTime::Uniform { min: 5, max: 9 }, 100_000);
        // Discrete uniform on 5..=9: mean 7, variance (5² − 1)/12 = 2.
        assert!((m.mean() - 7.0).abs() < 3.0 * m.se(), "{m:?}");
        assert!((sd - 2f64.sqrt()).abs() < 0.02, "{sd}");
    }

    #[test]
    fn continuous_lead_times_keep_their_mean_and_spread() {
        // Mean 20, sd 4: rounding to whole days adds about 1/12 to the variance.
        for lt in [
            LeadTime::Normal(NormalLike { mean: 20.0, sd: 4.0 }),
            LeadTime::LogNormal(NormalLike { mean: 20.0, sd: 4.0 }),
            LeadTime::Gamma(NormalLike { mean: 20.0, sd: 4.0 }),
        ] {
            let (m, sd) = moments(lt.clone(), 200_000);
            assert!((m.mean() - 20.0).abs() < 4.0 * m.se(), "{lt:?}: {m:?}");
            let expected_sd = (16.0f64 + 1.0 / 12.0).sqrt();
            assert!((sd - expected_sd).abs() < 0.05, "{lt:?}: sd {sd}");
        }
    }

    #[test]
    fn empirical_resamples_only_observed_values() {
        let sampler = LeadTime::Empirical(vec![3, 3, 10]).sampler().unwrap();
        let mut rng = stream(1, 0, 0, StreamKind::LeadTime);
        let draws: Vec<u32> = (0..3_000).map(|_| sampler.sample(&mut rng)).collect();
        assert!(draws.iter().all(|&d| d == 3 || d == 10));
        let tens = draws.iter().filter(|&&d| d == 10).count() as f64 / 3_000.0;
        // Binomial(3000, 1/3): sd ≈ 0.0086.
        assert!((tens - 1.0 / 3.0).abs() < 0.03, "{tens}");
        assert_eq!(sampler.max_days(), 10);
    }

    #[test]
    fn mean_and_sd_are_those_of_the_draws() {
        for lt in [
            LeadTime::Uniform { min: 5, max: 9 },
            LeadTime::Normal(NormalLike { mean: 1.0, sd: 2.0 }),
            LeadTime::Gamma(NormalLike { mean: 12.0, sd: 6.0 }),
            LeadTime::LogNormal(NormalLike { mean: 12.0, sd: 6.0 }),
            LeadTime::Empirical(vec![2, 4, 9]),
        ] {
            let expected = lt.sampler().unwrap().mean_days();
            let (m, sd) = moments(lt.clone(), 200_000);
            assert!((m.mean() - expected).abs() < 4.0 * m.se(), "{lt:?}: {m:?} vs {expected}");
            let expected_sd = lt.sampler().unwrap().sd_days();
            assert!((sd / expected_sd - 1.0).abs() < 0.01, "{lt:?}: sd {sd} vs {expected_sd}");
        }
        // Clamping a normal at 0 raises its mean: for N(1, 2) before rounding,
        // E[max(0, X)] = μΦ(μ/σ) + σφ(μ/σ) ≈ 1.40.
        let clamped = LeadTime::Normal(NormalLike { mean: 1.0, sd: 2.0 }).sampler().unwrap();
        assert!((clamped.mean_days() - 1.40).abs() < 0.05, "{}", clamped.mean_days());
    }

    #[test]
    fn a_mean_the_whole_days_do_not_keep_is_told() {
        // N(1, 2): draws below ½ count as 0, so the whole days average about 1.40.
        let clamped = LeadTime::Normal(NormalLike { mean: 1.0, sd: 2.0 }).sampler().unwrap();
        assert_eq!(clamped.typed_mean(), Some(1.0));
        // A lognormal of mean 0.6 rounds most of its draws to 0 or 1.
        let small = LeadTime::LogNormal(NormalLike { mean: 0.6, sd: 0.5 }).sampler().unwrap();
        assert!(small.typed_mean().is_some());
        let (m, _) = moments(LeadTime::LogNormal(NormalLike { mean: 0.6, sd: 0.5 }), 200_000);
        assert!((m.mean() - small.mean_days()).abs() < 4.0 * m.se(), "{m:?}");
        // Rounding to the nearest day keeps a smooth distribution's mean.
        for lt in [
            LeadTime::Gamma(NormalLike { mean: 12.0, sd: 6.0 }),
            LeadTime::LogNormal(NormalLike { mean: 45.0, sd: 12.0 }),
            LeadTime::Normal(NormalLike { mean: 20.0, sd: 4.0 }),
        ] {
            let s = lt.sampler().unwrap();
            assert_eq!(s.typed_mean(), None, "{lt:?}: {}", s.mean_days());
        }
        assert_eq!(LeadTime::Uniform { min: 3, max: 6 }.sampler().unwrap().typed_mean(), None);
    }

    #[test]
    fn bad_parameters_are_refused_not_panicked_on() {
        assert!(LeadTime::Uniform { min: 9, max: 5 }.sampler().is_err());
        assert!(LeadTime::Empirical(vec![]).sampler().is_err());
        assert!(LeadTime::Gamma(NormalLike { mean: 0.0, sd: 1.0 }).sampler().is_err());
        assert!(LeadTime::Normal(NormalLike { mean: f64::NAN, sd: 1.0 }).sampler().is_err());
        assert!(LeadTime::LogNormal(NormalLike { mean: 5.0, sd: -1.0 }).sampler().is_err());
        // sd 0 is a fixed lead time at the rounded mean.
        assert_eq!(
            LeadTime::Normal(NormalLike { mean: 6.6, sd: 0.0 }).sampler().unwrap().fixed(),
            Some(7)
        );
    }
}
