//! Daily demand distributions. Each converts its parameters once into a sampler; every draw
//! comes from the item's demand stream, one day after another, so all policies see the same
//! days.

use rand::Rng;
use rand_distr::{Distribution, Poisson, StandardNormal};

use crate::core::sampling::PortableGamma;

use crate::core::closed_form::{normal_cdf, normal_pdf};

/// max(0, x) for a draw that is never NaN: a plain comparison, cheaper than `f64::max` in
/// the loop that draws every day's demand.
#[inline(always)]
fn censor(x: f64) -> f64 {
    if x > 0.0 {
        x
    } else {
        0.0
    }
}

/// A mean and a standard deviation per day, in units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct MeanSd {
    pub mean: f64,
    pub sd: f64,
}

/// One entry of a compound-Poisson size table: a customer orders `size` units with relative
/// weight `weight`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SizeWeight {
    pub size: f64,
    pub weight: f64,
}

/// How daily demand is distributed.
#[derive(Clone, Debug, PartialEq)]
pub enum Demand {
    /// Normal, censored at zero: max(0, X). The mean and sd are X's, before censoring.
    Normal(MeanSd),
    /// Poisson counts with this mean.
    Poisson { mean: f64 },
    /// Gamma with this mean and sd.
    Gamma(MeanSd),
    /// Negative binomial counts with this mean and sd (sd² must exceed the mean): a
    /// Poisson whose rate is gamma-distributed.
    NegativeBinomial(MeanSd),
    /// Intermittent (lumpy): a day has demand with `probability`; its size is gamma with the
    /// given mean and sd (fixed when sd is 0).
    Intermittent { probability: f64, size: MeanSd },
    /// Compound Poisson: customers arrive at `rate` a day, each ordering a size drawn from the
    /// table.
    CompoundPoisson { rate: f64, sizes: Vec<SizeWeight> },
    /// Each day resamples one day of an observed history.
    Empirical(Vec<f64>),
}

/// A demand distribution ready to draw from.
#[derive(Clone, Debug, PartialEq)]
pub struct DemandSampler {
    kind: Sampler,
    expected: f64,
    sd: f64,
    /// Draws are rounded to whole units (half away from zero).
    round_to_units: bool,
}

#[derive(Clone, Debug, PartialEq)]
enum Sampler {
    Fixed(f64),
    Normal { mean: f64, sd: f64 },
    Poisson(Poisson<f64>),
    Gamma(PortableGamma),
    NegativeBinomial(PortableGamma),
    Intermittent { probability: f64, size: Box<Sampler> },
    CompoundPoisson { arrivals: Poisson<f64>, rate: f64, cumulative: Vec<f64>, sizes: Vec<f64> },
    Empirical(Vec<f64>),
}

fn finite_non_negative(what: &str, x: f64) -> Result<f64, String> {
    if x.is_finite() && x >= 0.0 {
        Ok(x)
    } else {
        Err(format!("{what} {x} must be a number ≥ 0"))
    }
}

/// The smallest gamma shape drawn from (sd ÷ mean up to 1,000): below it, the shape of a
/// tiny mean underflows to 0 and draws are all 0 or overflow.
pub const MIN_GAMMA_SHAPE: f64 = 1e-6;

/// A gamma's shape, refused with the numbers when too small to draw from.
fn gamma_shape(what: &str, shape: f64, mean: f64, sd: f64) -> Result<f64, String> {
    if shape >= MIN_GAMMA_SHAPE && shape.is_finite() {
        Ok(shape)
    } else {
        Err(format!(
            "{what} with mean {} and sd {} has a shape of {shape:.1e}, too small to draw from; \
             accepted: a shape from {MIN_GAMMA_SHAPE:e} (sd at most 1,000 × the mean)",
            crate::core::input::Num(mean),
            crate::core::input::Num(sd)
        ))
    }
}

/// Gamma from a mean and sd (both > 0): shape = mean²/sd², scale = sd²/mean.
fn gamma(p: MeanSd) -> Result<PortableGamma, String> {
    let shape = gamma_shape("a gamma", (p.mean / p.sd) * (p.mean / p.sd), p.mean, p.sd)?;
    PortableGamma::new(shape, p.sd * p.sd / p.mean)
}

impl Demand {
    /// The sampler for this distribution.
    ///
    /// # Errors
    /// A message naming the parameter when one is negative, not finite or inconsistent (a
    /// probability outside [0, 1], a negative binomial whose variance does not exceed its
    /// mean, an empty table or history).
    pub fn sampler(&self, round_to_units: bool) -> Result<DemandSampler, String> {
        let (kind, expected, sd) = match self {
            Demand::Normal(p) => {
                let mean = finite_non_negative("mean", p.mean)?;
                let sd = finite_non_negative("sd", p.sd)?;
                if sd == 0.0 {
                    (Sampler::Fixed(mean), mean, 0.0)
                } else {
                    // E[max(0, X)] = μ·Φ(z) + σ·φ(z),
                    // E[max(0, X)²] = (μ² + σ²)·Φ(z) + μσ·φ(z),   z = μ/σ.
                    let z = mean / sd;
                    let m1 = mean * normal_cdf(z) + sd * normal_pdf(z);
                    let m2 = (mean * mean + sd * sd) * normal_cdf(z) + mean * sd * normal_pdf(z);
                    (Sampler::Normal { mean, sd }, m1, libm::sqrt((m2 - m1 * m1).max(0.0)))
                }
            }
            Demand::Poisson { mean } => {
                let mean = finite_non_negative("mean", *mean)?;
                if mean == 0.0 {
                    (Sampler::Fixed(0.0), 0.0, 0.0)
                } else {
                    let d = Poisson::new(mean).map_err(|e| e.to_string())?;
                    (Sampler::Poisson(d), mean, libm::sqrt(mean))
                }
            }
            Demand::Gamma(p) => {
                let (mean, sd) =
                    (finite_non_negative("mean", p.mean)?, finite_non_negative("sd", p.sd)?);
                if sd == 0.0 || mean == 0.0 {
                    (Sampler::Fixed(mean), mean, 0.0)
                } else {
                    (Sampler::Gamma(gamma(*p)?), mean, sd)
                }
            }
            Demand::NegativeBinomial(p) => {
                let (mean, sd) =
                    (finite_non_negative("mean", p.mean)?, finite_non_negative("sd", p.sd)?);
                if mean == 0.0 {
                    (Sampler::Fixed(0.0), 0.0, 0.0)
                } else if sd * sd <= mean {
                    return Err(format!(
                        "a negative binomial needs variance above its mean: sd {sd} gives {} ≤ {mean}",
                        sd * sd
                    ));
                } else {
                    // Rate λ ~ Gamma(shape r, scale mean/r) with r = mean²/(sd² − mean).
                    let r = gamma_shape(
                        "a negative binomial",
                        mean * mean / (sd * sd - mean),
                        mean,
                        sd,
                    )?;
                    let rates = PortableGamma::new(r, mean / r)?;
                    (Sampler::NegativeBinomial(rates), mean, sd)
                }
            }
            Demand::Intermittent { probability, size } => {
                if !(0.0..=1.0).contains(probability) {
                    return Err(format!("probability {probability} must be from 0 to 1"));
                }
                let mean = finite_non_negative("size mean", size.mean)?;
                let sd = finite_non_negative("size sd", size.sd)?;
                let sizes = if sd == 0.0 || mean == 0.0 {
                    Sampler::Fixed(mean)
                } else {
                    Sampler::Gamma(gamma(*size)?)
                };
                // Var = p·(σ² + μ²) − (p·μ)²
                let p = *probability;
                let variance = p * (sd * sd + mean * mean) - p * p * mean * mean;
                (
                    Sampler::Intermittent { probability: p, size: Box::new(sizes) },
                    p * mean,
                    libm::sqrt(variance.max(0.0)),
                )
            }
            Demand::CompoundPoisson { rate, sizes } => {
                let rate = finite_non_negative("rate", *rate)?;
                if sizes.is_empty() {
                    return Err("a compound Poisson needs at least one order size".into());
                }
                let mut total = 0.0;
                let mut cumulative = Vec::with_capacity(sizes.len());
                for s in sizes {
                    finite_non_negative("order size", s.size)?;
                    total += finite_non_negative("weight", s.weight)?;
                    cumulative.push(total);
                }
                if total <= 0.0 {
                    return Err("the order sizes' weights must not all be 0".into());
                }
                cumulative.iter_mut().for_each(|c| *c /= total);
                let mean_size: f64 = sizes.iter().map(|s| s.size * s.weight).sum::<f64>() / total;
                let mean_square: f64 =
                    sizes.iter().map(|s| s.size * s.size * s.weight).sum::<f64>() / total;
                if rate == 0.0 {
                    (Sampler::Fixed(0.0), 0.0, 0.0)
                } else {
                    let arrivals = Poisson::new(rate).map_err(|e| e.to_string())?;
                    let sizes = sizes.iter().map(|s| s.size).collect();
                    // Var = rate · E[size²]
                    (
                        Sampler::CompoundPoisson { arrivals, rate, cumulative, sizes },
                        rate * mean_size,
                        libm::sqrt(rate * mean_square),
                    )
                }
            }
            Demand::Empirical(history) => {
                if history.is_empty() {
                    return Err("an empirical demand needs at least one day of history".into());
                }
                for &x in history {
                    finite_non_negative("a day of history", x)?;
                }
                let n = history.len() as f64;
                let mean = history.iter().sum::<f64>() / n;
                let variance = history.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n;
                (Sampler::Empirical(history.clone()), mean, libm::sqrt(variance))
            }
        };
        Ok(DemandSampler { kind, expected, sd, round_to_units })
    }
}

impl DemandSampler {
    /// Expected demand per day (before any rounding to whole units, which moves it by well
    /// under half a unit).
    pub fn expected(&self) -> f64 {
        self.expected
    }

    /// Standard deviation of daily demand (of the draws, before rounding to whole units).
    pub fn sd(&self) -> f64 {
        self.sd
    }

    /// True when every day's demand is the same.
    pub fn fixed(&self) -> Option<f64> {
        match self.kind {
            Sampler::Fixed(x) => Some(self.finish(x)),
            _ => None,
        }
    }

    fn finish(&self, x: f64) -> f64 {
        if self.round_to_units {
            libm::round(x)
        } else {
            x
        }
    }

    /// One day's demand.
    pub fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        self.finish(self.kind.sample(rng))
    }

    /// Random draws a day's demand takes on average beyond the first: a compound Poisson
    /// draws each customer's size (`core::work` counts the time this costs).
    pub fn extra_draws_per_day(&self) -> f64 {
        fn extra(kind: &Sampler) -> f64 {
            match kind {
                Sampler::CompoundPoisson { rate, .. } => *rate,
                Sampler::Intermittent { probability, size } => probability * extra(size),
                _ => 0.0,
            }
        }
        extra(&self.kind)
    }

    /// True when draws are rounded to whole units.
    pub fn rounds_to_units(&self) -> bool {
        self.round_to_units
    }

    /// True when every draw is a whole number of units: rounded, or counts (Poisson,
    /// negative binomial), or made of whole sizes or whole days of history, or a fixed whole
    /// amount.
    pub fn draws_whole(&self) -> bool {
        self.round_to_units || self.kind.whole()
    }

    /// Appends `days` days of demand, the same draws as `days` calls of [`Self::sample`].
    /// The common kinds get a loop of their own, so the choice of distribution is made once
    /// rather than every day (this is the simulation's hottest loop).
    pub fn fill<R: Rng + ?Sized>(&self, rng: &mut R, days: usize, out: &mut Vec<f64>) {
        let start = out.len();
        match &self.kind {
            Sampler::Normal { mean, sd } => out.extend((0..days).map(|_| {
                let z: f64 = StandardNormal.sample(rng);
                censor(mean + sd * z)
            })),
            Sampler::Poisson(d) => out.extend((0..days).map(|_| d.sample(rng))),
            Sampler::Gamma(d) => out.extend((0..days).map(|_| d.sample(rng))),
            kind => out.extend((0..days).map(|_| kind.sample(rng))),
        }
        if self.round_to_units {
            out[start..].iter_mut().for_each(|x| *x = libm::round(*x));
        }
    }
}

impl Sampler {
    fn whole(&self) -> bool {
        let whole = |x: f64| x.fract() == 0.0;
        match self {
            Sampler::Fixed(x) => whole(*x),
            Sampler::Poisson(_) | Sampler::NegativeBinomial(_) => true,
            Sampler::Normal { .. } | Sampler::Gamma(_) => false,
            Sampler::Intermittent { size, .. } => size.whole(),
            Sampler::CompoundPoisson { sizes, .. } => sizes.iter().all(|&s| whole(s)),
            Sampler::Empirical(history) => history.iter().all(|&x| whole(x)),
        }
    }

    fn sample<R: Rng + ?Sized>(&self, rng: &mut R) -> f64 {
        match self {
            Sampler::Fixed(x) => *x,
            Sampler::Normal { mean, sd } => {
                let z: f64 = StandardNormal.sample(rng);
                censor(mean + sd * z)
            }
            Sampler::Poisson(d) => d.sample(rng),
            Sampler::Gamma(d) => d.sample(rng),
            Sampler::NegativeBinomial(rates) => {
                let rate = rates.sample(rng);
                match Poisson::new(rate) {
                    Ok(d) => d.sample(rng),
                    // A rate of exactly 0 (or one too small to represent) is no demand.
                    Err(_) => 0.0,
                }
            }
            Sampler::Intermittent { probability, size } => {
                let u: f64 = rng.random();
                if u < *probability {
                    size.sample(rng)
                } else {
                    0.0
                }
            }
            Sampler::CompoundPoisson { arrivals, cumulative, sizes, .. } => {
                let n = arrivals.sample(rng) as u64;
                (0..n)
                    .map(|_| {
                        let u: f64 = rng.random();
                        let i = cumulative.partition_point(|&c| c <= u).min(sizes.len() - 1);
                        sizes[i]
                    })
                    .sum()
            }
            Sampler::Empirical(history) => {
                let n = history.len() as u32;
                history[rng.random_range(0..n) as usize]
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::rng::{stream, StreamKind};
    use crate::core::stats::MeanSe;

    /// Mean (with its standard error) and variance of many draws.
    fn moments(d: &Demand, round: bool, n: u32) -> (MeanSe, f64) {
        let sampler = d.sampler(round).unwrap();
        let mut rng = stream(5, 0, 0, StreamKind::Demand);
        let mut acc = MeanSe::default();
        let mut sq = 0.0;
        for _ in 0..n {
            let x = sampler.sample(&mut rng);
            assert!(x >= 0.0 && x.is_finite());
            acc.push(x);
            sq += x * x;
        }
        (acc, sq / f64::from(n) - acc.mean() * acc.mean())
    }

    #[test]
    fn every_distribution_has_its_stated_mean_and_variance() {
        let ms = |mean, sd| MeanSd { mean, sd };
        // (distribution, variance by its formula)
        let cases = [
            (Demand::Poisson { mean: 6.0 }, 6.0),
            (Demand::Gamma(ms(20.0, 8.0)), 64.0),
            (Demand::NegativeBinomial(ms(10.0, 5.0)), 25.0),
            // p·(σ² + μ²) − (p·μ)²
            (
                Demand::Intermittent { probability: 0.2, size: ms(50.0, 10.0) },
                0.2 * 2_600.0 - 100.0,
            ),
            // rate · E[size²]
            (
                Demand::CompoundPoisson {
                    rate: 3.0,
                    sizes: vec![
                        SizeWeight { size: 1.0, weight: 3.0 },
                        SizeWeight { size: 10.0, weight: 1.0 },
                    ],
                },
                3.0 * (0.75 * 1.0 + 0.25 * 100.0),
            ),
            // Population variance of the history.
            (Demand::Empirical(vec![0.0, 4.0, 8.0]), 32.0 / 3.0),
        ];
        for (d, variance) in cases {
            let sampler = d.sampler(false).unwrap();
            let expected = sampler.expected();
            assert!((sampler.sd() * sampler.sd() / variance - 1.0).abs() < 1e-12, "{d:?}");
            let (m, var) = moments(&d, false, 400_000);
            assert!((m.mean() - expected).abs() < 4.0 * m.se(), "{d:?}: {m:?} vs {expected}");
            assert!((var / variance - 1.0).abs() < 0.03, "{d:?}: variance {var} vs {variance}");
        }
    }

    #[test]
    fn censored_normal_has_the_censored_mean() {
        let d = Demand::Normal(MeanSd { mean: 0.0, sd: 1.0 });
        let expected = d.sampler(false).unwrap().expected();
        // E[max(0, Z)] = φ(0) = 1/√(2π).
        assert!((expected - 0.398_942_280_401_432_7).abs() < 1e-15);
        let (m, var) = moments(&d, false, 400_000);
        assert!((m.mean() - expected).abs() < 4.0 * m.se());
        // Var[max(0, Z)] = ½ − 1/(2π).
        let sd = d.sampler(false).unwrap().sd();
        assert!((sd * sd - (0.5 - 1.0 / (2.0 * std::f64::consts::PI))).abs() < 1e-12);
        assert!((var / (sd * sd) - 1.0).abs() < 0.02);
    }

    #[test]
    fn fill_draws_exactly_what_sample_draws() {
        let ms = |mean, sd| MeanSd { mean, sd };
        for d in [
            Demand::Normal(ms(5.0, 3.0)),
            Demand::Poisson { mean: 3.0 },
            Demand::Gamma(ms(4.0, 2.0)),
            Demand::Intermittent { probability: 0.3, size: ms(10.0, 2.0) },
        ] {
            for round in [false, true] {
                let sampler = d.sampler(round).unwrap();
                let mut one = stream(3, 0, 0, StreamKind::Demand);
                let by_one: Vec<f64> = (0..500).map(|_| sampler.sample(&mut one)).collect();
                let mut all = stream(3, 0, 0, StreamKind::Demand);
                let mut filled = Vec::new();
                sampler.fill(&mut all, 500, &mut filled);
                assert_eq!(by_one, filled, "{d:?}");
            }
        }
    }

    #[test]
    fn rounding_gives_whole_units() {
        let d = Demand::Gamma(MeanSd { mean: 3.3, sd: 2.0 });
        let sampler = d.sampler(true).unwrap();
        let mut rng = stream(9, 0, 0, StreamKind::Demand);
        assert!((0..1_000).all(|_| sampler.sample(&mut rng).fract() == 0.0));
    }

    #[test]
    fn bad_parameters_are_refused_not_panicked_on() {
        let ms = |mean, sd| MeanSd { mean, sd };
        for d in [
            Demand::Normal(ms(-1.0, 1.0)),
            Demand::Normal(ms(1.0, f64::NAN)),
            Demand::Poisson { mean: f64::INFINITY },
            Demand::NegativeBinomial(ms(10.0, 3.0)),
            Demand::Intermittent { probability: 1.5, size: ms(1.0, 0.0) },
            Demand::CompoundPoisson { rate: 1.0, sizes: vec![] },
            Demand::CompoundPoisson {
                rate: 1.0,
                sizes: vec![SizeWeight { size: 1.0, weight: 0.0 }],
            },
            Demand::Empirical(vec![]),
            Demand::Empirical(vec![1.0, -2.0]),
        ] {
            assert!(d.sampler(false).is_err(), "{d:?} accepted");
        }
    }
}
