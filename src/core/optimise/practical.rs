//! "Practically the same": the smallest yearly cost difference the advice calls a difference.
//!
//! The optimiser compares costs on common random numbers, so with enough replications even a
//! difference of $100 on $93,000 a year is *statistically* clear. A planner would not change a
//! policy for it. The advice therefore says two things about a difference: whether it is clear
//! of the noise (more than 1.96 paired standard errors) and whether it is big enough to matter
//! (at least this threshold). The threshold is a scenario setting (`settings.practically_same`).
//! It changes only the advice's words. The optimum, the stance, the frontier and every number
//! stay the same.
//!
//! The threshold is one of two things:
//! - a share of the item's **operating cost** a year (its total cost less purchases: holding,
//!   storage, ordering, shortage and write-offs), measured at the optimum. Purchases are left
//!   out because no buffer changes them much, and they would make every difference look
//!   small. The default is 5 %: a planner does not change a policy to save a twentieth of
//!   what the item's stock and orders cost.
//! - an **amount** a year per item, in the scenario's currency.

use serde::{Deserialize, Serialize};

use super::advice::money;

/// The smallest yearly cost difference that counts as a difference in the advice's words.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum PracticallySame {
    /// Differences under this share (0 to 1) of the item's yearly operating cost at the optimum.
    ShareOfOperatingCost(f64),
    /// Differences under this amount a year, per item, in the scenario's currency.
    PerYear(f64),
}

/// The default: 5 % of the item's operating cost.
pub const DEFAULT_SHARE_OF_OPERATING_COST: f64 = 0.05;

impl Default for PracticallySame {
    fn default() -> Self {
        PracticallySame::ShareOfOperatingCost(DEFAULT_SHARE_OF_OPERATING_COST)
    }
}

impl PracticallySame {
    /// The threshold in money a year for an item whose operating cost at the optimum is
    /// `operating_cost_per_year` (never negative: a salvage credit can make that cost
    /// negative, and then only an amount can set a threshold).
    pub fn per_year(self, operating_cost_per_year: f64) -> f64 {
        match self {
            PracticallySame::ShareOfOperatingCost(share) => {
                (share * operating_cost_per_year).max(0.0)
            }
            PracticallySame::PerYear(amount) => amount.max(0.0),
        }
    }

    /// Where the threshold comes from, for the advice: "5 % of the item's operating cost" or
    /// "set in the scenario".
    pub fn source(self) -> String {
        match self {
            PracticallySame::ShareOfOperatingCost(share) => {
                let pct = crate::core::input::Num((share * 1e4).round() / 100.0);
                format!("{pct} % of the item's operating cost")
            }
            PracticallySame::PerYear(_) => "set in the scenario".to_owned(),
        }
    }
}

/// What the advice's words depend on beyond the numbers: the currency amounts are in, and the
/// difference that counts.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Wording<'a> {
    pub currency: &'a str,
    pub practically_same: PracticallySame,
}

impl<'a> Wording<'a> {
    /// Amounts in `currency`, with the default threshold.
    pub fn new(currency: &'a str) -> Wording<'a> {
        Wording { currency, practically_same: PracticallySame::default() }
    }
}

/// How one paired cost difference reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Clear of the noise and at least the threshold.
    Clear,
    /// Clear of the noise, but under the threshold.
    Negligible,
    /// Within 1.96 standard errors of nothing.
    Noise,
}

/// The verdict on a saving of `mean ± se` a year against a threshold of `threshold` a year.
pub fn verdict(mean: f64, se: f64, threshold: f64) -> Verdict {
    if mean <= 1.96 * se {
        Verdict::Noise
    } else if mean < threshold {
        Verdict::Negligible
    } else {
        Verdict::Clear
    }
}

/// "clearly cheaper than JIT (−$4,100 ± 300 per year)", or the words for a saving that is
/// negligible or within the noise.
pub(super) fn versus(what: &str, mean: f64, se: f64, threshold: f64, w: Wording<'_>) -> String {
    let amount = money(mean, se, w.currency);
    match verdict(mean, se, threshold) {
        Verdict::Clear => format!("clearly cheaper than {what} (−{amount} per year)"),
        Verdict::Negligible => format!(
            "practically the same as {what} (−{amount} per year: clear of the noise, but under \
             the {} a year that counts as a difference, {})",
            money(threshold, 0.0, w.currency),
            w.practically_same.source(),
        ),
        Verdict::Noise => format!("no clearer than the noise against {what} (−{amount} per year)"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_of_the_operating_cost_and_never_negative() {
        let share = PracticallySame::ShareOfOperatingCost(0.02);
        assert_eq!(share.per_year(10_000.0), 200.0);
        assert_eq!(share.per_year(-500.0), 0.0);
        assert_eq!(PracticallySame::PerYear(750.0).per_year(10_000.0), 750.0);
        assert!((PracticallySame::default().per_year(12_345.0) - 617.25).abs() < 1e-9);
    }

    #[test]
    fn a_saving_is_noise_negligible_or_clear() {
        // 100 ± 20: clear of the noise (1.96 × 20 = 39.2).
        assert_eq!(verdict(100.0, 20.0, 130.0), Verdict::Negligible);
        assert_eq!(verdict(100.0, 20.0, 100.0), Verdict::Clear);
        assert_eq!(verdict(100.0, 20.0, 0.0), Verdict::Clear);
        assert_eq!(verdict(39.0, 20.0, 0.0), Verdict::Noise);
        // The noise decides first: a big saving within the noise is still noise.
        assert_eq!(verdict(5_000.0, 3_000.0, 10.0), Verdict::Noise);
    }

    #[test]
    fn the_words_name_the_threshold_and_where_it_comes_from() {
        let w = Wording { currency: "USD", practically_same: PracticallySame::default() };
        let text = versus("JIT", 101.0, 20.0, 930.0, w);
        assert!(text.starts_with("practically the same as JIT (−$100 ± 20 per year"), "{text}");
        assert!(text.contains("under the $930 a year"), "{text}");
        assert!(text.contains("5 % of the item's operating cost"), "{text}");
        let w = Wording { currency: "EUR", practically_same: PracticallySame::PerYear(500.0) };
        let text = versus("JIC at 5 days", 4_100.0, 300.0, 500.0, w);
        assert_eq!(text, "clearly cheaper than JIC at 5 days (−€4,100 ± 300 per year)");
        assert!(versus("JIT", 101.0, 60.0, 0.0, w).starts_with("no clearer than the noise"));
    }
}
