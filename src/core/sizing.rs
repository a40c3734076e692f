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
    // Whether the level reaches the goal: the mean over the sizing run, decided as soon as the
    // replications run so far settle it (see `Reaches`).
    let reaches = |buffer_days: f64| {
        let policy = Policy::jic_at(item, buffer_days);
        let mut mean = Reaches::new(goal, n);
        for draws in &draws {
            let m = run_policy(item, settings, &policy, draws, &mut []);
            let service = match target {
                ServiceTarget::CycleServiceLevel(_) => m.cycle_service_level,
                ServiceTarget::FillRate(_) => m.fill_rate,
            };
            if let Some(settled) = mean.add(service) {
                return settled;
            }
        }
        mean.reached()
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
    if reaches(start) {
        hi = start;
        lo = (start - step).max(lowest);
        while lo > lowest && reaches(lo) {
            hi = lo;
            step *= 2.0;
            lo = (lo - step).max(lowest);
        }
        if lo <= lowest && reaches(lowest) {
            return sized(lowest, true);
        }
    } else {
        lo = start;
        hi = (start + step).min(MAX_BUFFER_DAYS);
        while !reaches(hi) {
            if hi >= MAX_BUFFER_DAYS {
                return sized(MAX_BUFFER_DAYS, false);
            }
            lo = hi;
            step *= 2.0;
            hi = (hi + step).min(MAX_BUFFER_DAYS);
        }
    }
    // lo misses the goal, hi reaches it: bisect to a hundredth of a day.
    for _ in 0..40 {
        if hi - lo <= 0.01 {
            break;
        }
        let mid = 0.5 * (lo + hi);
        if reaches(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    sized(hi, true)
}

/// Whether the mean of `n` replications' service (each in [0, 1]) reaches a goal, summed in
/// replication order, and decided as soon as the replications added so far settle it
/// whatever the others give: most levels a bisection tries are clearly on one side.
///
/// The answer is the one the whole sum gives, to the bit: `total / n >= goal` with `total`
/// added up in order. The rest can only add between 0 and 1 each, and rounded addition never
/// goes down when an addend grows, so the sum so far is a floor of the total and the sum so far
/// plus one for each replication left a ceiling, once raised by the rounding the additions
/// left can make: n of them, each at most half a unit in the last place of a sum below n,
/// so under n² · 2⁻⁵³ (2e-11 for the at most 400 replications of a sizing run). The margin
/// taken, n · 1e-9, is larger for any n below nine million.
struct Reaches {
    goal: f64,
    n: u32,
    added: u32,
    total: f64,
}

impl Reaches {
    fn new(goal: f64, n: u32) -> Reaches {
        Reaches { goal, n, added: 0, total: 0.0 }
    }

    /// Adds the next replication's service; `Some` once the answer is settled.
    fn add(&mut self, service: f64) -> Option<bool> {
        debug_assert!((0.0..=1.0).contains(&service), "service {service} outside [0, 1]");
        self.total += service;
        self.added += 1;
        let n = f64::from(self.n);
        if self.total / n >= self.goal {
            return Some(true);
        }
        let ceiling = self.total + f64::from(self.n - self.added) + n * 1e-9;
        (ceiling / n < self.goal).then_some(false)
    }

    /// The answer with every replication added.
    fn reached(&self) -> bool {
        self.total / f64::from(self.n) >= self.goal
    }
}

#[cfg(test)]
mod tests {
    use super::Reaches;
    use rand::{Rng, SeedableRng};

    /// The early answer against the whole sum, on goals at the mean and a unit in the last
    /// place either side of it, where an answer settled too soon would differ.
    #[test]
    fn an_early_answer_is_the_whole_sums() {
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(7);
        let mut early = 0;
        for case in 0..4_000 {
            let n = rng.random_range(1..=400u32);
            // Services as sizing runs give them: most near 1, some exactly 0 or 1.
            let services: Vec<f64> = (0..n)
                .map(|_| match rng.random_range(0..10) {
                    0 => 0.0,
                    1 | 2 => 1.0,
                    _ => 1.0 - rng.random::<f64>().powi(case % 4 + 1),
                })
                .collect();
            let total: f64 = services.iter().sum();
            let mean = total / f64::from(n);
            let goals = [mean, mean.next_up(), mean.next_down(), mean - 0.01, mean + 0.01, 0.95];
            for goal in goals {
                let whole = mean >= goal;
                let mut reaches = Reaches::new(goal, n);
                let mut answer = None;
                for (k, &s) in services.iter().enumerate() {
                    if let Some(settled) = reaches.add(s) {
                        answer = Some(settled);
                        early += usize::from(k + 1 < services.len());
                        break;
                    }
                }
                let answer = answer.unwrap_or_else(|| reaches.reached());
                assert_eq!(answer, whole, "n {n}, goal {goal}, mean {mean}");
            }
        }
        // Most of these goals are settled before the last replication.
        assert!(early > 10_000, "{early} settled early");
    }
}
