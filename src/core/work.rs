//! How much computing a scenario asks for: the one estimate the page's budget
//! (`core::budget`) and `jitjic validate` use, so that a small scenario file cannot ask for
//! hours without anyone being told.
//!
//! Work is counted in **policy-days**: one policy simulated for one day of one replication,
//! the day loop's unit (about 20 ns natively on one core of a 2-core machine of 2026, in
//! release; some 0.1 µs in a worker on the page). What else a run does is converted into
//! that unit by what it was measured to cost (`target/release/jitjic simulate` on scenarios
//! that isolate each, `docs/model.md` gives the table):
//!
//! | what | policy-days each |
//! |---|---|
//! | a day of one policy | 1 |
//! | a random draw beyond a day's first (a compound Poisson's customer) | 0.1 |
//! | a day of demand looked at when a `jic_reestimated` policy sizes itself again | 0.065 |
//! | a sizing run for a service target (`core::sizing`), counted as 15 evaluations | 15 × its days |
//! | a day of one policy of an item that expedites or has a capacity (`core::levers`) | 1.6 |
//! | a day of one policy of an item with a backup supplier (`core::sourcing`) | 2.2 |
//! | a day of one policy of an item with prices over time (`core::prices`) | 2.0 |
//! | an optimisation weighing a lever against the buffer alone (`optimise::levers`) | one search more per lever, and per extra level a dual-index backup is tried at |
//! | a shared warehouse's sample of an item (`core::warehouse`) | JIT, JIC and the optimum over 100 replications: 300 × the horizon's days, once |
//!
//! Perishable lots, outages, yields and lead-time draws were measured too, and cost at most
//! a few tenths of a policy-day's time even at their limits (a 3,650-day shelf life with
//! stock never running out: 1.6×): they are inside the unit's margin, not counted apart.

use crate::core::policy::Adapt;
use crate::core::scenario::{Item, Scenario};
use crate::core::sizing::sizing_replications;
use crate::core::warehouse::SAMPLE_REPLICATIONS;

/// A random draw beyond a day's first, in policy-days.
pub const DRAW: f64 = 0.1;
/// A day of demand scanned by a re-estimation, in policy-days.
pub const REESTIMATE_DAY: f64 = 0.065;
/// Evaluations of a sizing run counted for a service target: bracketing, then bisection to
/// a hundredth of a day, typically 8 to 15 (at most about 30); the sizing run keeps no
/// trajectories, so this errs high (a 99 % fill rate over ten years: 0.01 s measured, 0.06 s
/// counted).
pub const SIZING_EVALUATIONS: f64 = 15.0;
/// Policy-days per second natively, on one core (release build; see the module's docs).
pub const NATIVE_PER_SECOND: f64 = 50e6;
/// Buffers a frontier simulates beyond the points asked (extensions past the ends).
const FRONTIER_EXTRA_POINTS: f64 = 7.0;
/// Buffers each rule other than the item's own is simulated at, on average: five coarse, one
/// past an end, one refined (two for each of the three cheapest, none for the rest).
pub const RULE_POINTS: f64 = 7.0;
/// A policy-day of the optimiser's points, which keep the metrics without the stock on hand
/// over time: 0.8 of one that keeps it (measured on the engine benchmark's workload).
const METRICS_ONLY: f64 = 0.8;
/// The cheapest rule's size refined (two rules at three buffers) and the optimal rule's
/// span filled to the own rule's coarse grid (about six more buffers).
const RULE_REFINE_POINTS: f64 = 12.0;
/// Times a frontier draws each replication's days: its grid is simulated in rounds (coarse,
/// up to three extensions past the end, the bends, the fine grid), each on the same draws
/// made again, then the ends and the optimum side by side.
const FRONTIER_DRAW_ROUNDS: f64 = 7.0;
/// Frontiers the drivers need at most: the item's own, one per driver moved (8), one per risk
/// removed (6) and the item without every risk that pushes its buffer.
const DRIVER_FRONTIERS: f64 = 16.0;
/// A policy-day of an item with expediting or storage space, which runs the day loop with
/// its levers (measured: 1.4–1.6 times a plain item's run on the engine benchmark's item
/// over 3,650 days, an expedite that never fires or a capacity never reached).
pub const LEVER_DAY: f64 = 1.6;
/// A policy-day of an item with prices over time, whose every order, arrival and evening
/// goes through the price book (measured by callgrind on the engine benchmark's item over 365
/// days: 1.8 times a plain item's instructions at a constant price, 1.95 with inflation and
/// jumps, the path's draws included).
pub const PRICED_DAY: f64 = 2.0;
/// A policy-day of an item with a backup supplier: every regular order is routed, the backup
/// draws its own lead times (measured by callgrind on the engine benchmark's item over 365
/// days, its draws included: 1.96 times a plain item's instructions under a dual index, 2.2
/// under a split of every order).
pub const BACKUP_DAY: f64 = 2.2;

/// Work of a request: what each replication costs, and what is done once whatever the
/// number of replications (sizing service targets).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Work {
    pub per_replication: f64,
    pub once: f64,
}

impl Work {
    /// The whole of it at `replications`.
    pub fn total(&self, replications: u32) -> f64 {
        self.once + self.per_replication * f64::from(replications)
    }

    /// Two requests' work together.
    #[must_use]
    pub fn plus(self, other: Work) -> Work {
        Work {
            per_replication: self.per_replication + other.per_replication,
            once: self.once + other.once,
        }
    }

    /// The same work `n` times (a frontier per driver).
    #[must_use]
    pub fn times(self, n: f64) -> Work {
        Work { per_replication: self.per_replication * n, once: self.once * n }
    }
}

/// Policy-days a day of an item's demand costs to draw, beyond the day loop.
fn draws_per_day(item: &Item) -> f64 {
    // A moving price is a day's step of its path, and a draw a day with random jumps.
    let prices = item.prices().map_or(0.0, |p| if p.random() { 2.0 } else { 1.0 });
    DRAW * (item.demand().extra_draws_per_day() + prices)
}

/// Policy-days a day of one policy costs, its re-estimation included: each re-estimate
/// looks at up to `window` days (fewer early in the run), every `every` days.
fn policy_day(adapt: &Adapt, horizon: f64) -> f64 {
    match *adapt {
        Adapt::Reestimate { every_days, window_days, .. } => {
            let w = f64::from(window_days).min(horizon);
            // The mean over the run of min(day + 1, window).
            let mean_window = w - w * w / (2.0 * horizon.max(1.0));
            1.0 + REESTIMATE_DAY * mean_window / f64::from(every_days.max(1))
        }
        _ => 1.0,
    }
}

/// Sizing every service target of the item once (`core::sizing`).
fn sizing(item: &Item, horizon_days: u32) -> f64 {
    let targets = item.targets.iter().filter(|t| t.is_some()).count() as f64;
    if targets == 0.0 {
        return 0.0;
    }
    let days = f64::from(sizing_replications(horizon_days)) * f64::from(horizon_days);
    targets * days * (SIZING_EVALUATIONS + draws_per_day(item))
}

/// What one of the item's policy-days costs beyond the plain day loop's: its levers.
fn day_factor(item: &Item) -> f64 {
    let used = item.levers_used();
    [
        (used.prices, PRICED_DAY),
        (used.backup, BACKUP_DAY),
        (used.expedite || used.storage, LEVER_DAY),
    ]
    .into_iter()
    .filter_map(|(uses, factor)| uses.then_some(factor))
    .fold(1.0, f64::max)
}

/// An item's run: each of its policies over the horizon.
pub fn item_run(item: &Item, horizon_days: u32) -> Work {
    let h = f64::from(horizon_days);
    let policies: f64 = item.policies().iter().map(|p| policy_day(&p.policy.adapt, h)).sum();
    let policies = policies * day_factor(item);
    Work { per_replication: h * (policies + draws_per_day(item)), once: sizing(item, horizon_days) }
}

/// An item's optimal rule and its frontier of about `points` buffers, each lever it offers
/// weighed against the buffer alone by a search of its own (`optimise::levers`).
pub fn frontier(item: &Item, points: u32, horizon_days: u32) -> Work {
    let searches = crate::core::optimise::levers::searches(item);
    search(item, points, horizon_days).times(searches as f64)
}

/// One search: the item's own rule's points, and each other rule the optimiser compares
/// (`optimise::rules::candidates`) at [`RULE_POINTS`] buffers, plus the size refinement.
fn search(item: &Item, points: u32, horizon_days: u32) -> Work {
    let h = f64::from(horizon_days);
    let others = crate::core::optimise::rules::candidates(item, &item.settings).len() - 1;
    let (rules, rounds) = if others == 0 {
        (0.0, FRONTIER_DRAW_ROUNDS)
    } else {
        (others as f64 * RULE_POINTS + RULE_REFINE_POINTS, FRONTIER_DRAW_ROUNDS + 2.0)
    };
    Work {
        per_replication: h
            * (METRICS_ONLY
                * day_factor(item)
                * (f64::from(points) + FRONTIER_EXTRA_POINTS + rules)
                + rounds * draws_per_day(item)),
        once: sizing(item, horizon_days),
    }
}

/// The drivers of an item's buffer: a frontier per driver moved and risk removed.
pub fn drivers(item: &Item, points: u32, horizon_days: u32) -> Work {
    search(item, points, horizon_days).times(DRIVER_FRONTIERS)
}

/// Every item's run.
pub fn scenario_run(scenario: &Scenario) -> Work {
    let h = scenario.settings().horizon_days();
    scenario.items().iter().fold(Work::default(), |w, item| w.plus(item_run(item, h)))
}

/// Every item's frontier (what `jitjic optimise` does without `--sensitivity`), and with a
/// shared warehouse each item's sample of its space.
pub fn scenario_frontiers(scenario: &Scenario, points: u32) -> Work {
    let h = scenario.settings().horizon_days();
    let space = scenario.warehouse().is_some();
    scenario.items().iter().fold(Work::default(), |w, item| {
        let w = w.plus(frontier(item, points, h));
        if space {
            w.plus(warehouse_sample(item, h))
        } else {
            w
        }
    })
}

/// An item's sample of warehouse space (`core::warehouse`): JIT, JIC and its optimum with
/// their stock kept, over at most [`SAMPLE_REPLICATIONS`] replications (counted as that
/// many, whatever the run's).
fn warehouse_sample(item: &Item, horizon_days: u32) -> Work {
    let days = f64::from(SAMPLE_REPLICATIONS) * f64::from(horizon_days);
    Work { per_replication: 0.0, once: days * (3.0 * day_factor(item) + draws_per_day(item)) }
}

/// Seconds `policy_days` take natively on one core, as a sentence's number ("about 3 s").
pub fn native_seconds(policy_days: f64) -> f64 {
    policy_days / NATIVE_PER_SECOND
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::parse_scenario;

    fn item(demand: &str, policies: &str) -> Scenario {
        parse_scenario(&format!(
            r#"{{ "version": 4, "settings": {{ "horizon_days": 3650, "replications": 500 }},
                "items": [ {{ "demand": {demand},
                             "lead_time": {{ "distribution": "fixed", "days": 5 }},
                             "policies": {policies} }} ] }}"#
        ))
        .unwrap()
    }

    #[test]
    fn plain_policies_count_their_days() {
        let s = item(
            r#"{ "distribution": "poisson", "mean": 20 }"#,
            r#"[{"policy":"jit"},{"policy":"jic","buffer_days":3}]"#,
        );
        let w = item_run(&s.items()[0], 3650);
        assert_eq!(w, Work { per_replication: 2.0 * 3650.0, once: 0.0 });
        assert_eq!(scenario_run(&s).total(500), 3_650_000.0);
    }

    #[test]
    fn customers_reestimation_and_targets_are_counted() {
        // The issue's cases: 10⁶ customers a day, counted as 365,000 policy-item-days before.
        let s = item(
            r#"{ "distribution": "compound_poisson", "rate": 1000000, "sizes": [{"size": 1, "weight": 1}] }"#,
            r#"[{"policy":"jit"}]"#,
        );
        let w = item_run(&s.items()[0], 3650);
        assert!((w.per_replication - 3650.0 * (1.0 + 100_000.0)).abs() < 1e-6, "{w:?}");
        // A 3,650-day window re-estimated daily: some 120 policy-days a day (measured: 115).
        let s = item(
            r#"{ "distribution": "poisson", "mean": 20 }"#,
            r#"[{"policy":"jic_reestimated","cycle_service_level":0.95,"every_days":1,"window_days":3650}]"#,
        );
        let per_day = item_run(&s.items()[0], 3650).per_replication / 3650.0;
        assert!((110.0..130.0).contains(&per_day), "{per_day}");
        // A fill-rate target: its sizing run, once.
        let s = item(
            r#"{ "distribution": "poisson", "mean": 20 }"#,
            r#"[{"policy":"jic","fill_rate":0.99}]"#,
        );
        let w = item_run(&s.items()[0], 3650);
        assert_eq!(w.once, 15.0 * f64::from(sizing_replications(3650)) * 3650.0);
    }
}
