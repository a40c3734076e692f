//! JIC sized for a service target on the simulation, not on a formula.
//!
//! The normal approximation of `Policy::service_target` ignores what a planner's item has:
//! outages hold orders, orders cross, demand is lumpy, stock spoils. Sized by it, a 95 % cycle
//! service level came out at 90.3 % under a supplier's outages and 98.4 % with crossing lead times
//! (the cases of `tests/targets.rs`). So a JIC policy
//! with a target is sized on a **sizing run** of its own: the item simulated over
//! [`sizing_replications`] replications of the horizon, drawn from random streams no run
//! uses (replications from [`FIRST_SIZING_REPLICATION`]), fixed by the scenario alone — so a
//! first estimate, the full run, every part and every worker use the same level. The buffer
//! is the smallest, to 0.01 day, whose mean fill rate or cycle service level over the sizing
//! run reaches the target (service grows with the buffer; bracketed from the normal
//! approximation's buffer, then bisected), from a level of 0 up to
//! [`MAX_BUFFER_DAYS`](crate::core::optimise::MAX_BUFFER_DAYS). A target even that buffer
//! misses is **out of reach**: the policy keeps that largest buffer and says so.
//!
//! The run's own figures then report what the level achieves, with their standard errors,
//! beside the target. `jic_reestimated` keeps its in-run formula (what a re-estimating
//! planner computes), and is not sized here.

use serde::{Deserialize, Serialize};

use crate::core::optimise::MAX_BUFFER_DAYS;
use crate::core::policy::{Policy, ServiceTarget};
use crate::core::scenario::{Item, Settings};
use crate::core::sim::{run_policy, Draws};

/// The first replication key of sizing runs: far past any run's (at most 10,000), so their
/// draws are independent of every run's.
pub const FIRST_SIZING_REPLICATION: u32 = 1 << 30;

/// Policy-days one evaluation of a sizing run simulates, about.
const SIZING_DAYS: u32 = 100_000;

/// Replications of a sizing run for a horizon: about [`SIZING_DAYS`] days in all, at least
/// 20 and at most 400.
pub fn sizing_replications(horizon_days: u32) -> u32 {
    SIZING_DAYS.div_ceil(horizon_days.max(1)).clamp(20, 400)
}

/// A target a policy was sized for, and whether the sizing run reached it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct TargetSizing {
    pub target: ServiceTarget,
    /// False when even the largest buffer tried misses the target on the sizing run.
    pub reached: bool,
}

/// The JIC policy of `item` that meets `target` on a sizing run (see the module's docs),
/// from the normal approximation's `provisional` policy.
pub fn size(
    item: &Item,
    settings: &Settings,
    provisional: &Policy,
    target: ServiceTarget,
) -> Policy {
    let d = item.demand().expected();
    let goal = match target {
        ServiceTarget::CycleServiceLevel(a) | ServiceTarget::FillRate(a) => a,
    };
    let n = sizing_replications(settings.horizon_days());
    let draws: Vec<Draws> = (0..n)
        .map(|k| {
            let mut draws = Draws::default();
            draws.fill(item, settings, FIRST_SIZING_REPLICATION + k);
            draws
        })
        .collect();
    let service = |buffer_days: f64| {
        let policy = Policy::jic_at(item, buffer_days);
        let total: f64 = draws
            .iter()
            .map(|draws| {
                let m = run_policy(item, settings, &policy, draws, &mut []);
                match target {
                    ServiceTarget::CycleServiceLevel(_) => m.cycle_service_level,
                    ServiceTarget::FillRate(_) => m.fill_rate,
                }
            })
            .sum();
        total / f64::from(n)
    };
    let sized = |buffer_days: f64, reached: bool| {
        let mut policy = Policy::jic_at(item, buffer_days);
        policy.target = Some(TargetSizing { target, reached });
        policy
    };
    if d <= 0.0 {
        // Nothing is demanded: every level serves everything.
        return sized(0.0, true);
    }
    // The lowest level is 0 units: a buffer of minus the protection period.
    let lowest = -item.protection_period_days();
    let start = provisional.buffer_days.clamp(lowest, MAX_BUFFER_DAYS);
    let mut step = (0.25 * item.protection_period_days()).max(1.0);
    let (mut lo, mut hi);
    if service(start) >= goal {
        hi = start;
        lo = (start - step).max(lowest);
        while lo > lowest && service(lo) >= goal {
            hi = lo;
            step *= 2.0;
            lo = (lo - step).max(lowest);
        }
        if lo <= lowest && service(lowest) >= goal {
            return sized(lowest, true);
        }
    } else {
        lo = start;
        hi = (start + step).min(MAX_BUFFER_DAYS);
        while service(hi) < goal {
            if hi >= MAX_BUFFER_DAYS {
                return sized(MAX_BUFFER_DAYS, false);
            }
            lo = hi;
            step *= 2.0;
            hi = (hi + step).min(MAX_BUFFER_DAYS);
        }
    }
    // service(lo) < goal <= service(hi): bisect to a hundredth of a day.
    for _ in 0..40 {
        if hi - lo <= 0.01 {
            break;
        }
        let mid = 0.5 * (lo + hi);
        if service(mid) >= goal {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    sized(hi, true)
}
