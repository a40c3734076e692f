//! How much simulation one request on the page may ask for, so that no scenario makes the page
//! wait for minutes (the simulation runs in workers, so the page itself never freezes; this
//! keeps the wait short). Work is counted in policy-days: one policy simulated for one day of
//! one replication, some 0.1 µs in a worker on a laptop (tests/e2e/bench.mjs measures it).
//!
//! A request over its budget is scaled down to as many replications as fit, never fewer than
//! [`MIN_REPLICATIONS`], and the page says so; a request that does not fit even then is
//! refused with the numbers. The command-line tool has no budget: it runs what it is given.

use crate::core::input::Num;

/// The item shown: its policies over every replication (some 5 s on two cores).
pub const ITEM_RUN: f64 = 60e6;
/// One item's frontier, in one worker (some 4 s).
pub const FRONTIER: f64 = 40e6;
/// The drivers of one item's buffer: a frontier per driver moved and risk removed.
pub const DRIVERS: f64 = 80e6;
/// Every item's frontier, shared by the workers (some 10 s on two cores).
pub const PORTFOLIO: f64 = 200e6;

/// Fewer replications than this are too noisy to be worth showing.
pub const MIN_REPLICATIONS: u32 = 50;

/// Buffers a frontier simulates beyond the points asked (extensions past the end).
const FRONTIER_EXTRA_POINTS: f64 = 6.0;

/// Frontiers the drivers need: the item's own, and one per driver moved or risk removed.
const DRIVER_FRONTIERS: f64 = 13.0;

/// Policy-days of one replication of an item's run.
pub fn item_run(policies: usize, horizon_days: u32) -> f64 {
    policies as f64 * f64::from(horizon_days)
}

/// Policy-days of one replication of a frontier of about `points` buffers.
pub fn frontier(points: u32, horizon_days: u32) -> f64 {
    (f64::from(points) + FRONTIER_EXTRA_POINTS) * f64::from(horizon_days)
}

/// Policy-days of one replication of the drivers, on frontiers of `points` buffers.
pub fn drivers(points: u32, horizon_days: u32) -> f64 {
    DRIVER_FRONTIERS * frontier(points, horizon_days)
}

/// A number of policy-days in words: "109.5 million", "3.8 billion".
pub fn policy_days(x: f64) -> String {
    if x >= 1e9 {
        format!("{} billion", Num((x / 1e8).round() / 10.0))
    } else {
        format!("{} million", Num((x / 1e5).round() / 10.0))
    }
}

/// What a request gets.
#[derive(Clone, Debug, PartialEq)]
pub enum Fit {
    /// Every replication asked for.
    Full,
    /// Fewer replications; the sentence says why.
    Scaled { replications: u32, why: String },
    /// Not even [`MIN_REPLICATIONS`] fit; the sentence says why.
    Refused(String),
}

impl Fit {
    /// The replications to run, when any.
    pub fn replications(&self, asked: u32) -> Option<u32> {
        match self {
            Fit::Full => Some(asked),
            Fit::Scaled { replications, .. } => Some(*replications),
            Fit::Refused(_) => None,
        }
    }
}

/// Fits `asked` replications of `per_replication` policy-days each into `budget`; `what`
/// names the request in the sentence ("this item's run").
pub fn fit(what: &str, per_replication: f64, asked: u32, budget: f64) -> Fit {
    let work = per_replication * f64::from(asked);
    if work <= budget {
        return Fit::Full;
    }
    let millions = policy_days;
    let fits = (budget / per_replication).floor();
    if fits < f64::from(MIN_REPLICATIONS) {
        return Fit::Refused(format!(
            "{what} needs {} policy-days even at {MIN_REPLICATIONS} runs, over the page's \
             budget of {}: use fewer items, policies or days, or the command-line tool \
             (jitjic), which has no budget",
            millions(per_replication * f64::from(MIN_REPLICATIONS)),
            millions(budget)
        ));
    }
    let replications = fits as u32;
    Fit::Scaled {
        replications,
        why: format!(
            "{what} at {} runs would simulate {} policy-days, over the page's budget of {}: \
             it uses the first {} runs. The command-line tool (jitjic) runs them all",
            Num(f64::from(asked)),
            millions(work),
            millions(budget),
            Num(f64::from(replications))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_within_the_budget_run_in_full_and_others_are_scaled_or_refused() {
        // The first preset: 3 policies, a year, 500 runs.
        assert_eq!(fit("run", item_run(3, 365), 500, ITEM_RUN), Fit::Full);
        // 20 policies over ten years at 10,000 runs: 730 million policy-days.
        let scaled = fit("This item's run", item_run(20, 3_650), 10_000, ITEM_RUN);
        let Fit::Scaled { replications, why } = &scaled else { panic!("{scaled:?}") };
        assert_eq!(*replications, 821);
        assert!(item_run(20, 3_650) * f64::from(*replications) <= ITEM_RUN);
        assert_eq!(
            why,
            "This item's run at 10,000 runs would simulate 730 million policy-days, over the \
             page's budget of 60 million: it uses the first 821 runs. The command-line tool \
             (jitjic) runs them all"
        );
        assert_eq!(scaled.replications(10_000), Some(821));
        // A thousand items over ten years: not even 50 runs fit.
        let refused = fit("The portfolio", 1_000.0 * frontier(15, 3_650), 500, PORTFOLIO);
        let Fit::Refused(why) = &refused else { panic!("{refused:?}") };
        assert!(
            why.starts_with("The portfolio needs 3.8 billion policy-days even at 50 runs"),
            "{why}"
        );
        assert_eq!(refused.replications(500), None);
        // The optimiser issue's 50-item portfolio fits.
        assert_eq!(fit("p", 50.0 * frontier(15, 365), 500, PORTFOLIO), Fit::Full);
    }
}
