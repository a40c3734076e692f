//! How much simulation one request on the page may ask for, so that no scenario makes the page
//! wait for minutes (the simulation runs in workers, so the page itself never freezes; this
//! keeps the wait short). Work is counted in policy-days by `core::work`, which also counts
//! what costs time beyond the day loop (customers, re-estimation, sizing service targets);
//! a policy-day is some 0.1 µs in a worker on a laptop (tests/e2e/bench.mjs measures it).
//!
//! A request over its budget is scaled down to as many replications as fit, never fewer than
//! [`MIN_REPLICATIONS`], and the page says so; a request that does not fit even then is
//! refused with the numbers. The command-line tool has no budget: it runs what it is given.

use crate::core::input::Num;
use crate::core::work::Work;

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

/// A number of policy-days in words: "109.5 million", "3.8 billion", "36,500".
pub fn policy_days(x: f64) -> String {
    if x < 1e5 {
        format!("{}", Num(x.round()))
    } else if x >= 1e9 {
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

/// Fits `asked` replications of `work` into `budget`; `what` names the request in the
/// sentence ("this item's run"). What is done once (sizing service targets) comes off the
/// budget first.
pub fn fit(what: &str, work: Work, asked: u32, budget: f64) -> Fit {
    let total = work.total(asked);
    if total <= budget {
        return Fit::Full;
    }
    let millions = policy_days;
    let fits = ((budget - work.once) / work.per_replication).floor();
    // (NaN, when nothing is left after the work done once, does not fit either.)
    if fits.is_nan() || fits < f64::from(MIN_REPLICATIONS) {
        return Fit::Refused(format!(
            "{what} needs {} policy-days even at {MIN_REPLICATIONS} runs, over the page's \
             budget of {}: use fewer items, policies or days (or fewer customers a day, a \
             shorter re-estimation window), or the command-line tool (jitjic), which has no \
             budget",
            millions(work.total(MIN_REPLICATIONS)),
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
            millions(total),
            millions(budget),
            Num(f64::from(replications))
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per_run(policies: f64, days: f64) -> Work {
        Work { per_replication: policies * days, once: 0.0 }
    }

    #[test]
    fn requests_within_the_budget_run_in_full_and_others_are_scaled_or_refused() {
        // The first preset: 3 policies, a year, 500 runs.
        assert_eq!(fit("run", per_run(3.0, 365.0), 500, ITEM_RUN), Fit::Full);
        // 20 policies over ten years at 10,000 runs: 730 million policy-days.
        let scaled = fit("This item's run", per_run(20.0, 3_650.0), 10_000, ITEM_RUN);
        let Fit::Scaled { replications, why } = &scaled else { panic!("{scaled:?}") };
        assert_eq!(*replications, 821);
        assert!(20.0 * 3_650.0 * f64::from(*replications) <= ITEM_RUN);
        assert_eq!(
            why,
            "This item's run at 10,000 runs would simulate 730 million policy-days, over the \
             page's budget of 60 million: it uses the first 821 runs. The command-line tool \
             (jitjic) runs them all"
        );
        assert_eq!(scaled.replications(10_000), Some(821));
        // A thousand items' frontiers over ten years: not even 50 runs fit.
        let refused = fit("The portfolio", per_run(1_000.0 * 21.0, 3_650.0), 500, PORTFOLIO);
        let Fit::Refused(why) = &refused else { panic!("{refused:?}") };
        assert!(
            why.starts_with("The portfolio needs 3.8 billion policy-days even at 50 runs"),
            "{why}"
        );
        assert_eq!(refused.replications(500), None);
        // The optimiser issue's 50-item portfolio fits.
        assert_eq!(fit("p", per_run(50.0 * 21.0, 365.0), 500, PORTFOLIO), Fit::Full);
        // Work done once comes off the budget first; more than the budget is refused.
        let w = Work { per_replication: 1e5, once: 50e6 };
        assert_eq!(fit("r", w, 500, ITEM_RUN).replications(500), Some(100));
        let w = Work { per_replication: 1.0, once: 70e6 };
        assert_eq!(fit("r", w, 500, ITEM_RUN).replications(500), None);
    }
}
