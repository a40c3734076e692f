//! The shape of demand over time: a weekly pattern, annual seasonality, a trend and shocks.
//! Each is a multiplier on the day's draw, so the day's mean and sd scale together (the
//! coefficient of variation stays the distribution's):
//!
//! ```text
//! demand(t) = X_t · weekly(t mod 7) · (1 + a·cos(2π(t − peak)/Y)) · (1 + g)^(t/Y) · shock(t)
//! ```
//!
//! with X_t the day's draw from the item's distribution, Y the days per year, the weekly
//! multipliers scaled to average 1 (so the distribution's mean stays the weekly average) and
//! day 0 the pattern's first day. Everything but random shocks is known in advance: demand-
//! sized policies (JIT, JIC) plan on it (see [`DemandShape::forecast`]). Random shocks start
//! on any day with probability rate ÷ Y, last a geometric number of days with the given mean,
//! and multiply demand while they last; one starting inside another extends it, it does not
//! stack.

use rand::Rng;

use crate::core::rng::{stream, StreamKind};
use crate::core::supply::Window;

/// Annual seasonality: demand peaks `amplitude` above its mean on `peak_day` and dips as far
/// below half a year later.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Seasonality {
    /// 0 to 1 (100 %).
    pub amplitude: f64,
    /// The day of the horizon (from 0) the peak falls on, modulo a year.
    pub peak_day: f64,
}

/// A known change of demand: `multiplier` × demand for the window's days.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScheduledShock {
    pub window: Window,
    pub multiplier: f64,
}

/// Shocks at random: `rate_per_year` starts a year on average, each multiplying demand by
/// `multiplier` for a geometric number of days with mean `mean_days`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RandomShocks {
    pub rate_per_year: f64,
    pub multiplier: f64,
    pub mean_days: f64,
}

/// Every part of the shape; the default is flat.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DemandShape {
    /// Monday-to-Sunday (or any 7-day cycle starting on day 0) multipliers, as given.
    pub weekly: Option<[f64; 7]>,
    pub seasonality: Option<Seasonality>,
    /// Growth per year as a fraction (0.1 = +10 % a year), compounded daily.
    pub trend_per_year: f64,
    pub scheduled_shocks: Vec<ScheduledShock>,
    pub random_shocks: Option<RandomShocks>,
}

impl DemandShape {
    /// True when demand is the same every day on average.
    pub fn is_flat(&self) -> bool {
        self.weekly.is_none()
            && self.seasonality.is_none()
            && self.trend_per_year == 0.0
            && self.scheduled_shocks.is_empty()
            && self.random_shocks.is_none()
    }

    /// True when the known part (all but random shocks) is flat.
    pub fn known_is_flat(&self) -> bool {
        self.weekly.is_none()
            && self.seasonality.is_none()
            && self.trend_per_year == 0.0
            && self.scheduled_shocks.is_empty()
    }

    /// Checks the numbers.
    ///
    /// # Errors
    /// When a multiplier is negative or not finite, the weekly ones are all 0, the amplitude
    /// is outside 0 to 1, the trend is −100 % or less, a shock window is empty or overlaps
    /// another, or a random shock's rate or mean length is unusable.
    pub fn check(&self) -> Result<(), String> {
        let finite = |what: &str, x: f64| {
            if x.is_finite() && x >= 0.0 {
                Ok(())
            } else {
                Err(format!("{what} {x} must be a number ≥ 0"))
            }
        };
        if let Some(w) = self.weekly {
            for x in w {
                finite("a weekly multiplier of", x)?;
            }
            if w.iter().sum::<f64>() <= 0.0 {
                return Err("the weekly multipliers are all 0: no day would have demand".into());
            }
        }
        if let Some(s) = self.seasonality {
            if !(0.0..=1.0).contains(&s.amplitude) {
                return Err(format!("a seasonal amplitude of {} is outside 0 to 1", s.amplitude));
            }
            if !s.peak_day.is_finite() {
                return Err(format!("a peak day of {} is not a number", s.peak_day));
            }
        }
        if !(self.trend_per_year.is_finite() && self.trend_per_year > -1.0) {
            return Err(format!("a trend of {} a year must be above −100 %", self.trend_per_year));
        }
        let mut windows: Vec<Window> = Vec::new();
        for shock in &self.scheduled_shocks {
            finite("a shock multiplier of", shock.multiplier)?;
            if shock.window.days == 0 {
                return Err(format!(
                    "the shock starting on day {} lasts 0 days",
                    shock.window.start_day
                ));
            }
            windows.push(shock.window);
        }
        crate::core::supply::Window::sort(&mut windows);
        for pair in windows.windows(2) {
            if pair[1].start_day < pair[0].end_day() {
                return Err(format!(
                    "the shocks starting on days {} and {} overlap: give their combined \
                     multiplier as one",
                    pair[0].start_day, pair[1].start_day
                ));
            }
        }
        if let Some(r) = self.random_shocks {
            finite("a shock multiplier of", r.multiplier)?;
            if !(r.rate_per_year.is_finite() && r.rate_per_year >= 0.0) {
                return Err(format!("a shock rate of {} a year must be ≥ 0", r.rate_per_year));
            }
            if !(r.mean_days.is_finite() && r.mean_days >= 1.0) {
                return Err(format!(
                    "a mean shock length of {} days must be at least 1",
                    r.mean_days
                ));
            }
        }
        Ok(())
    }

    /// The known multiplier of day `t` (all but random shocks).
    pub fn known(&self, t: usize, days_per_year: f64) -> f64 {
        let mut m = 1.0;
        if let Some(w) = self.weekly {
            let mean = w.iter().sum::<f64>() / 7.0;
            m *= w[t % 7] / mean;
        }
        if let Some(s) = self.seasonality {
            let phase = 2.0 * std::f64::consts::PI * (t as f64 - s.peak_day) / days_per_year;
            m *= 1.0 + s.amplitude * libm::cos(phase);
        }
        if self.trend_per_year != 0.0 {
            m *= libm::pow(1.0 + self.trend_per_year, t as f64 / days_per_year);
        }
        for shock in &self.scheduled_shocks {
            let w = shock.window;
            if (w.start_day as usize..w.end_day() as usize).contains(&t) {
                m *= shock.multiplier;
            }
        }
        m
    }

    /// The known multipliers of days 0 to `days` − 1.
    pub fn known_by_day(&self, days: usize, days_per_year: f64) -> Vec<f64> {
        (0..days).map(|t| self.known(t, days_per_year)).collect()
    }

    /// What demand-sized policies plan on: for each day t of the horizon, the mean known
    /// multiplier over the `protection` days after it (t + 1 … t + P), so that an order-up-to
    /// level E[d]·P·f(t) is the expected demand over the days the evening's order must cover.
    pub fn forecast(&self, horizon: usize, protection: usize, days_per_year: f64) -> Vec<f64> {
        let p = protection.max(1);
        let known = self.known_by_day(horizon + p + 1, days_per_year);
        let mut sum: f64 = known[1..=p].iter().sum();
        let mut out = Vec::with_capacity(horizon);
        for t in 0..horizon {
            out.push(sum / p as f64);
            sum += known[t + p + 1] - known[t + 1];
        }
        out
    }

    /// One replication's random shock multipliers by day (1 outside shocks), from the item's
    /// shock stream; empty when there are no random shocks. Also returns the days a shock
    /// started, for checking the process.
    pub fn fill_random_shocks(
        &self,
        seed: u64,
        item: u32,
        replication: u32,
        horizon: usize,
        days_per_year: f64,
        out: &mut Vec<f64>,
    ) -> u32 {
        out.clear();
        let Some(r) = self.random_shocks else { return 0 };
        let mut rng = stream(seed, item, replication, StreamKind::Shock);
        let p_start = (r.rate_per_year / days_per_year).min(1.0);
        let p_end = 1.0 / r.mean_days;
        let (mut remaining, mut starts) = (0u64, 0u32);
        for _ in 0..horizon {
            if rng.random::<f64>() < p_start {
                starts += 1;
                // A geometric length with mean 1/p_end, by inversion.
                let u: f64 = rng.random();
                let days = if p_end >= 1.0 {
                    1
                } else {
                    1 + (libm::log(1.0 - u) / libm::log(1.0 - p_end)) as u64
                };
                remaining = remaining.max(days);
            }
            out.push(if remaining > 0 { r.multiplier } else { 1.0 });
            remaining = remaining.saturating_sub(1);
        }
        starts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekly_multipliers_average_one_and_seasons_peak_where_asked() {
        let shape = DemandShape {
            weekly: Some([1.0, 1.0, 1.0, 1.0, 1.0, 0.5, 0.0]),
            ..DemandShape::default()
        };
        let week: f64 = (0..7).map(|t| shape.known(t, 365.0)).sum();
        assert!((week - 7.0).abs() < 1e-12);
        assert_eq!(shape.known(6, 365.0), 0.0);
        let seasonal = DemandShape {
            seasonality: Some(Seasonality { amplitude: 0.4, peak_day: 100.0 }),
            ..DemandShape::default()
        };
        assert!((seasonal.known(100, 365.0) - 1.4).abs() < 1e-12);
        let trend = DemandShape { trend_per_year: 0.1, ..DemandShape::default() };
        assert!((trend.known(365, 365.0) - 1.1).abs() < 1e-12);
    }

    #[test]
    fn the_forecast_is_the_mean_over_the_days_an_order_covers() {
        let shape = DemandShape {
            weekly: Some([2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 0.0]),
            ..DemandShape::default()
        };
        let f = shape.forecast(10, 3, 365.0);
        let by_hand = |t: usize| (1..=3).map(|k| shape.known(t + k, 365.0)).sum::<f64>() / 3.0;
        for (t, &x) in f.iter().enumerate() {
            assert!((x - by_hand(t)).abs() < 1e-12, "day {t}");
        }
    }

    #[test]
    fn bad_shapes_are_refused() {
        let bad = |shape: DemandShape| shape.check().is_err();
        assert!(bad(DemandShape { weekly: Some([0.0; 7]), ..DemandShape::default() }));
        assert!(bad(DemandShape {
            seasonality: Some(Seasonality { amplitude: 1.5, peak_day: 0.0 }),
            ..DemandShape::default()
        }));
        assert!(bad(DemandShape { trend_per_year: -1.0, ..DemandShape::default() }));
        let shock = |start_day, days, multiplier| ScheduledShock {
            window: Window { start_day, days },
            multiplier,
        };
        assert!(bad(DemandShape {
            scheduled_shocks: vec![shock(10, 5, 2.0), shock(12, 5, 2.0)],
            ..DemandShape::default()
        }));
        assert!(bad(DemandShape {
            scheduled_shocks: vec![shock(10, 5, -1.0)],
            ..DemandShape::default()
        }));
        assert!(DemandShape::default().check().is_ok());
    }
}
