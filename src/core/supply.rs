//! Suppliers and their disruptions. A supplier is up or down each day; while it is down it
//! ships nothing: an order placed or waiting then starts its lead time on the first day the
//! supplier is up again, while shipments already in transit arrive as planned. Items that
//! name the same supplier share its days down, because the days are drawn from the
//! supplier's own random stream.
//!
//! Random disruptions follow a two-state (up/down) Markov chain on days: an up day is
//! followed by a down day with probability p = 1 / mean up-time, a down day by an up day with
//! probability q = 1 / mean down-time, so up and down spells are geometric with those means
//! and the long-run share of down days is p / (p + q) = mean down / (mean up + mean down).
//! Day 0's state is drawn from that stationary distribution, so no warm-up is needed for the
//! supplier. Scheduled outages (a start day and a number of days) are down whatever the chain
//! says.

use serde::{Deserialize, Serialize};

use rand::Rng;

use crate::core::rng::{stream, StreamKind};

/// A run of days: `days` days from `start_day` (day numbers from 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Window {
    pub start_day: u32,
    pub days: u32,
}

impl Window {
    /// Sorts windows by their first day (one sort shared by every list of windows: each
    /// distinct sort closure is another copy of the sort in the page's module).
    pub fn sort(windows: &mut [Window]) {
        windows.sort_by_key(|w| w.start_day);
    }

    /// The first day after the window.
    pub fn end_day(&self) -> u32 {
        self.start_day.saturating_add(self.days)
    }
}

/// Random disruptions: mean days up between disruptions and mean days down per disruption.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RandomOutages {
    pub mean_up_days: f64,
    pub mean_down_days: f64,
}

impl RandomOutages {
    /// From an availability (the long-run share of days up, 0 < A < 1) and a mean time to
    /// repair, as an unreliable upstream machine is usually described: mean up = MTTR·A/(1−A).
    pub fn from_availability(availability: f64, mean_repair_days: f64) -> RandomOutages {
        RandomOutages {
            mean_up_days: mean_repair_days * availability / (1.0 - availability),
            mean_down_days: mean_repair_days,
        }
    }

    /// The long-run share of down days: mean down / (mean up + mean down).
    pub fn down_share(&self) -> f64 {
        self.mean_down_days / (self.mean_up_days + self.mean_down_days)
    }
}

/// A supplier as described.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SupplierSpec {
    pub name: String,
    pub random: Option<RandomOutages>,
    pub scheduled: Vec<Window>,
    /// When it is paid, for items that do not say; `None` is on receipt.
    pub payment_terms: Option<crate::core::payment::PaymentTerms>,
}

/// A supplier ready to draw its days from.
#[derive(Clone, Debug, PartialEq)]
pub struct Supplier {
    /// Position in the scenario's supplier list: part of its random stream's key.
    pub(crate) index: u32,
    pub(crate) name: String,
    pub(crate) random: Option<RandomOutages>,
    pub(crate) scheduled: Vec<Window>,
}

impl SupplierSpec {
    /// Checks the numbers.
    ///
    /// # Errors
    /// When a mean up-time or down-time is below 1 day or not finite (spells are whole days),
    /// a window is empty, or two windows overlap.
    pub fn resolve(&self, index: usize) -> Result<Supplier, String> {
        if let Some(r) = self.random {
            if !(r.mean_up_days.is_finite() && r.mean_up_days >= 1.0) {
                return Err(format!(
                    "a mean up-time of {} days must be at least 1",
                    r.mean_up_days
                ));
            }
            if !(r.mean_down_days.is_finite() && r.mean_down_days >= 1.0) {
                return Err(format!(
                    "a mean down-time of {} days must be at least 1",
                    r.mean_down_days
                ));
            }
        }
        let mut windows = self.scheduled.clone();
        Window::sort(&mut windows);
        for w in &windows {
            if w.days == 0 {
                return Err(format!("the outage starting on day {} lasts 0 days", w.start_day));
            }
        }
        for pair in windows.windows(2) {
            if pair[1].start_day < pair[0].end_day() {
                return Err(format!(
                    "the outages starting on days {} and {} overlap: make them one",
                    pair[0].start_day, pair[1].start_day
                ));
            }
        }
        Ok(Supplier {
            index: index as u32,
            name: self.name.clone(),
            random: self.random,
            scheduled: windows,
        })
    }
}

impl Supplier {
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The random disruptions, if any.
    pub fn random(&self) -> Option<RandomOutages> {
        self.random
    }

    /// The scheduled outages, in day order.
    pub fn scheduled(&self) -> &[Window] {
        &self.scheduled
    }

    /// True when the supplier can ever be down.
    pub fn can_fail(&self) -> bool {
        self.random.is_some() || !self.scheduled.is_empty()
    }

    /// One replication's days: `down[d]` is true when the supplier ships nothing on day d.
    /// Drawn from the supplier's own stream, so every item it supplies, and every policy of
    /// those items, sees the same days.
    pub fn fill_down(&self, seed: u64, replication: u32, horizon: usize, down: &mut Vec<bool>) {
        down.clear();
        down.resize(horizon, false);
        if let Some(r) = self.random {
            let mut rng = stream(seed, self.index, replication, StreamKind::Outage);
            let p_fail = 1.0 / r.mean_up_days;
            let p_repair = 1.0 / r.mean_down_days;
            let mut is_down = rng.random::<f64>() < r.down_share();
            for day in down.iter_mut() {
                *day = is_down;
                let u: f64 = rng.random();
                is_down = if is_down { u >= p_repair } else { u < p_fail };
            }
        }
        for w in &self.scheduled {
            let start = (w.start_day as usize).min(horizon);
            let end = (w.end_day() as usize).min(horizon);
            down[start..end].iter_mut().for_each(|d| *d = true);
        }
    }
}

/// For each day d of a horizon (and the day after it), the first day on or after d on which
/// the supplier is up: an order placed at the end of day t starts its lead time on
/// `next_up[t + 1]`. Days past the horizon count as up. Returns the longest wait, in days,
/// an order can have before its lead time starts.
pub fn fill_next_up(down: &[bool], next_up: &mut Vec<u32>) -> u32 {
    let horizon = down.len();
    next_up.clear();
    next_up.resize(horizon + 1, horizon as u32);
    let mut longest = 0u32;
    for day in (0..horizon).rev() {
        next_up[day] = if down[day] { next_up[day + 1] } else { day as u32 };
        longest = longest.max(next_up[day] - day as u32);
    }
    longest
}

/// The smallest share of an order a yield may deliver: policies order q ÷ E[Y] to get q, so
/// a share near 0 would order without bound (1e-307 overflowed to infinity). Below 1 %, an
/// order is a loss, not a yield.
pub const MIN_YIELD_SHARE: f64 = 0.01;

/// The share of an order that arrives usable (supply yield), drawn per order by the day it is
/// placed. Policies plan on the mean: they order q ÷ E[Y] to get q, count what is on order at
/// its expected yield, and learn the shortfall (or surplus) when the delivery lands.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Yield {
    /// Always this share, from [`MIN_YIELD_SHARE`] to 1.
    Fixed(f64),
    /// Uniform between `min` and `max` ([`MIN_YIELD_SHARE`] ≤ min ≤ max ≤ 1).
    Uniform { min: f64, max: f64 },
    /// Beta with this mean and sd (sd² < mean·(1 − mean)).
    Beta { mean: f64, sd: f64 },
}

/// A yield ready to draw from.
#[derive(Clone, Debug, PartialEq)]
pub struct YieldSampler {
    kind: YieldKind,
    mean: f64,
}

#[derive(Clone, Debug, PartialEq)]
enum YieldKind {
    Fixed,
    Uniform { min: f64, width: f64 },
    Beta(crate::core::sampling::PortableBeta),
}

impl Yield {
    /// The sampler, or a message when the numbers are unusable.
    ///
    /// ```text
    /// beta from mean m and sd s:  k = m(1 − m)/s² − 1,  α = m·k,  β = (1 − m)·k
    /// ```
    ///
    /// # Errors
    /// When a share is not from [`MIN_YIELD_SHARE`] to 1, min > max, or a beta's sd is too large for
    /// its mean.
    pub fn sampler(&self) -> Result<YieldSampler, String> {
        let share = |what: &str, x: f64| {
            if (MIN_YIELD_SHARE..=1.0).contains(&x) {
                Ok(x)
            } else {
                Err(format!("{what} {x} is out of range; accepted: from {MIN_YIELD_SHARE} to 1"))
            }
        };
        Ok(match *self {
            Yield::Fixed(y) => {
                YieldSampler { kind: YieldKind::Fixed, mean: share("a yield of", y)? }
            }
            Yield::Uniform { min, max } => {
                let (min, max) =
                    (share("a minimum yield of", min)?, share("a maximum yield of", max)?);
                if min > max {
                    return Err(format!("minimum yield {min} is above maximum {max}"));
                }
                YieldSampler {
                    kind: YieldKind::Uniform { min, width: max - min },
                    mean: 0.5 * (min + max),
                }
            }
            Yield::Beta { mean, sd } => {
                let mean = share("a mean yield of", mean)?;
                if !(sd.is_finite() && sd >= 0.0) {
                    return Err(format!("a yield sd of {sd} must be a number ≥ 0"));
                }
                if sd == 0.0 || mean == 1.0 {
                    return Ok(YieldSampler { kind: YieldKind::Fixed, mean });
                }
                let k = mean * (1.0 - mean) / (sd * sd) - 1.0;
                if k <= 0.0 {
                    return Err(format!(
                        "a yield sd of {sd} is too large for a mean of {mean}; accepted: below {:.4}",
                        libm::sqrt(mean * (1.0 - mean))
                    ));
                }
                let beta = crate::core::sampling::PortableBeta::new(mean * k, (1.0 - mean) * k)?;
                YieldSampler { kind: YieldKind::Beta(beta), mean }
            }
        })
    }
}

impl YieldSampler {
    /// E[Y].
    pub fn mean(&self) -> f64 {
        self.mean
    }

    /// True when every order gets the mean.
    pub fn is_fixed(&self) -> bool {
        self.kind == YieldKind::Fixed
    }

    /// One replication's yields, one per day (for an order placed that day).
    pub fn fill<R: Rng + ?Sized>(&self, rng: &mut R, days: usize, out: &mut Vec<f64>) {
        out.clear();
        match &self.kind {
            YieldKind::Fixed => out.resize(days, self.mean),
            YieldKind::Uniform { min, width } => {
                out.extend((0..days).map(|_| min + width * rng.random::<f64>()));
            }
            YieldKind::Beta(beta) => out.extend((0..days).map(|_| beta.sample(rng))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yields_refuse_shares_outside_zero_to_one() {
        assert!(Yield::Fixed(0.0).sampler().is_err());
        assert!(Yield::Fixed(1.2).sampler().is_err());
        assert!(Yield::Uniform { min: 0.9, max: 0.8 }.sampler().is_err());
        assert!(Yield::Beta { mean: 0.9, sd: 0.31 }.sampler().unwrap_err().contains("too large"));
        assert_eq!(Yield::Uniform { min: 0.7, max: 0.9 }.sampler().unwrap().mean(), 0.8);
        assert!(Yield::Beta { mean: 0.9, sd: 0.0 }.sampler().unwrap().is_fixed());
    }

    #[test]
    fn next_up_skips_the_down_days() {
        let down = [false, true, true, false, true];
        let mut next = Vec::new();
        let longest = fill_next_up(&down, &mut next);
        assert_eq!(next, [0, 3, 3, 3, 5, 5]);
        assert_eq!(longest, 2);
    }

    #[test]
    fn availability_and_repair_time_give_the_same_chain() {
        let r = RandomOutages::from_availability(0.9, 3.0);
        assert!((r.mean_up_days - 27.0).abs() < 1e-12);
        assert!((r.down_share() - 0.1).abs() < 1e-12);
    }

    #[test]
    fn bad_outages_are_refused() {
        let spec = |random, scheduled| SupplierSpec {
            name: "S".into(),
            random,
            scheduled,
            payment_terms: None,
        };
        let short = RandomOutages { mean_up_days: 0.5, mean_down_days: 2.0 };
        assert!(spec(Some(short), vec![]).resolve(0).is_err());
        let empty = Window { start_day: 4, days: 0 };
        assert!(spec(None, vec![empty]).resolve(0).is_err());
        let (a, b) = (Window { start_day: 10, days: 5 }, Window { start_day: 14, days: 3 });
        assert!(spec(None, vec![b, a]).resolve(0).unwrap_err().contains("overlap"));
        let c = Window { start_day: 15, days: 3 };
        assert_eq!(spec(None, vec![c, a]).resolve(0).unwrap().scheduled(), [a, c]);
    }

    #[test]
    fn scheduled_windows_are_down_and_clipped_to_the_horizon() {
        let s = SupplierSpec {
            name: "S".into(),
            random: None,
            scheduled: vec![Window { start_day: 2, days: 3 }, Window { start_day: 8, days: 10 }],
            payment_terms: None,
        }
        .resolve(0)
        .unwrap();
        let mut down = Vec::new();
        s.fill_down(1, 0, 10, &mut down);
        let expected: Vec<bool> = (0..10).map(|d| (2..5).contains(&d) || d >= 8).collect();
        assert_eq!(down, expected);
    }
}
