//! An adaptive policy's levels, worked out before a run from the replication's draws alone,
//! and the average level a policy holds at the measured reviews (worked out once per run
//! when it is the same in every replication).

use crate::core::closed_form::safety_stock;
use crate::core::policy::{Adapt, Policy};
use crate::core::scenario::{Item, Settings};

use super::Draws;

/// An adaptive policy's order-up-to level for every day of one replication, worked out
/// before the run: the month's buffer (times the forecast, when demand has a known shape), or
/// the level last sized from what had been observed by then. The levels depend only on the
/// replication's draws, never on the run's stock, so the day loop just reads them — it stays
/// as lean for fixed policies as it was without adaptive ones.
pub(super) fn adaptive_levels(
    item: &Item,
    settings: &Settings,
    policy: &Policy,
    draws: &Draws,
) -> Option<Vec<f64>> {
    let horizon = draws.demand.len();
    match policy.adapt {
        Adapt::Fixed | Adapt::Table { .. } => None,
        Adapt::Monthly { buffer_days, jit_level, daily_mean } => {
            let year = settings.days_per_year();
            Some(
                (0..horizon)
                    .map(|day| {
                        let month = ((day as f64 % year) * 12.0 / year) as usize;
                        let level = jit_level + daily_mean * buffer_days[month.min(11)];
                        item.planned_level(item.base_level(level), day)
                    })
                    .collect(),
            )
        }
        Adapt::Reestimate { cycle_service_level, every_days, window_days } => {
            let review = policy.review_period_days.max(1);
            let fixed_lead = item.lead_time().fixed();
            let mut level = policy.rule.start_stock();
            let mut next = every_days as usize;
            Some(
                (0..horizon)
                    .map(|day| {
                        if day >= next {
                            next = day + every_days as usize;
                            let sized = resized_level(
                                &draws.demand,
                                &draws.lead_time,
                                fixed_lead,
                                review,
                                cycle_service_level,
                                window_days as usize,
                                day,
                            );
                            level = sized.map_or(level, |x| item.units(x));
                        }
                        level
                    })
                    .collect(),
            )
        }
    }
}

/// The level a re-estimating policy sizes from the `window` days up to and including `day`:
/// the sample mean and sd of demand and of the lead times drawn on those days, then
/// S = μ̂·P̂ + the safety stock `closed_form::safety_stock` gives for those estimates over
/// P̂ = mean lead time + R. `None` with fewer than two days observed.
fn resized_level(
    demand: &[f64],
    lead_times: &[u32],
    fixed_lead: Option<u32>,
    review: u32,
    cycle_service_level: f64,
    window: usize,
    day: usize,
) -> Option<f64> {
    let end = (day + 1).min(demand.len());
    let start = end.saturating_sub(window);
    let (mean, var) = mean_var(demand[start..end].iter().copied())?;
    let (lead_mean, lead_var) = match fixed_lead {
        Some(l) => (f64::from(l), 0.0),
        None => mean_var(lead_times[start..end].iter().map(|&l| f64::from(l)))?,
    };
    let p = lead_mean + f64::from(review);
    let buffer = safety_stock(cycle_service_level, mean, libm::sqrt(var), p, libm::sqrt(lead_var));
    Some(mean * p + buffer)
}

/// The sample mean and variance (n − 1) of at least two values.
fn mean_var(values: impl Iterator<Item = f64> + Clone) -> Option<(f64, f64)> {
    let n = values.clone().count();
    if n < 2 {
        return None;
    }
    let mean = values.clone().sum::<f64>() / n as f64;
    let ss: f64 = values.map(|x| (x - mean) * (x - mean)).sum();
    Some((mean, ss / (n - 1) as f64))
}

/// The average order-up-to level a policy holds at the measured reviews, when it is the same
/// in every replication (every policy but one re-estimated from what it observes): worked out
/// once per run rather than once per replication.
pub(crate) fn fixed_average_level(item: &Item, policy: &Policy) -> Option<f64> {
    let horizon = item.horizon_days() as usize;
    let warm_up = (item.warm_up_days() as usize).min(horizon);
    match policy.adapt {
        Adapt::Reestimate { .. } => None,
        Adapt::Table { index } => {
            Some(average_level(item, policy, Some(item.table(index as usize)), warm_up, horizon))
        }
        Adapt::Monthly { .. } => {
            // Its levels depend on the day alone: any replication's are every one's.
            let draws = Draws { demand: vec![0.0; horizon], ..Draws::default() };
            let levels = adaptive_levels(item, &item.settings, policy, &draws);
            Some(average_level(item, policy, levels.as_deref(), warm_up, horizon))
        }
        Adapt::Fixed => Some(average_level(item, policy, None, warm_up, horizon)),
    }
}

/// The order-up-to level in force at the measured reviews (days 0, R, 2R, … from `warm_up`),
/// on average: a plan's or an adaptive policy's levels that day, a demand-sized policy's
/// planned level under a demand shape, else the rule's own.
pub(super) fn average_level(
    item: &Item,
    policy: &Policy,
    levels: Option<&[f64]>,
    warm_up: usize,
    horizon: usize,
) -> f64 {
    let review = policy.review_period_days.max(1) as usize;
    let at = |day: usize| match levels {
        Some(levels) => levels[day],
        None => item.planned_level(policy.rule.start_stock(), day),
    };
    if levels.is_none() && !(policy.follows_forecast() && item.is_phased()) {
        return policy.rule.start_stock();
    }
    let days = (warm_up..horizon).filter(|day| day % review == 0);
    let (mut sum, mut n, mut low, mut high) = (0.0, 0usize, f64::INFINITY, f64::NEG_INFINITY);
    for day in days {
        let level = at(day);
        (sum, n, low, high) = (sum + level, n + 1, low.min(level), high.max(level));
    }
    // One level throughout is that level exactly (a sum divided back has rounding dust).
    if low == high {
        low
    } else {
        sum / n.max(1) as f64
    }
}
