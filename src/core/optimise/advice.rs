//! The advice for one item: which way it leans, how sure that is, and the recommended policy
//! in the terms an ERP needs.
//!
//! # Stance (the thresholds)
//!
//! - **Lean** when JIT costs the same as the optimum within the noise: its paired cost above
//!   the optimum is at most 1.96 standard errors (JIT is inside the optimum's same-cost range).
//! - Otherwise **buffered** when the optimum is at or past the item's JIC buffer (its first
//!   fixed JIC policy, or [`DEFAULT_JIC_DAYS`](super::DEFAULT_JIC_DAYS)).
//! - Otherwise **balanced**: a buffer between the two ends, sized by the optimiser.
//!
//! The stance is statistical. The sentence also says when a saving that is clear of the noise
//! is too small to matter: under the scenario's "practically the same" threshold
//! ([`super::practical`]) it reads "practically the same as JIT", not "clearly cheaper".
//!
//! # ERP terms
//!
//! The recommended policy is the optimum's order-up-to rule, reviewed every R days, and its
//! ERP plan ([`crate::core::plan::erp_plan`]) is exactly what was simulated: per period
//! (and day of the week) where a demand shape moves the levels, in whole units where demand
//! is whole:
//!
//! ```text
//! order-up-to     S  = E[d]·(E[L] + R + buffer days) × the period's forecast (rounded)
//! reorder point   s  = S: every review that finds the inventory position below S orders
//! safety stock    SS = S − E[d]·(E[L] + R) × the period's forecast
//! order quantity  S − position, at least the minimum, rounded up to the multiple, at most
//!                 the maximum (a typical order: E[d]·R × the forecast, within those limits)
//! ```
//!
//! `jitjic optimise --plan` writes this plan as a scenario file's `plan` policy: simulated,
//! it gives the optimum's own numbers.

use crate::core::numbers::{amount, tenths, Num};
use crate::core::plan::{erp_plan, ErpPlan};
use crate::core::scenario::Item;
use crate::core::stats::MeanSe;

use super::practical::{versus, Wording};
use super::Frontier;

/// Which way an item leans.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Stance {
    /// The JIT end: no buffer pays for itself.
    Lean,
    /// In between: a buffer sized by the optimiser, short of the JIC level.
    Balanced,
    /// The JIC end: a deliberate buffer at or past the JIC level.
    Buffered,
}

impl Stance {
    pub fn name(self) -> &'static str {
        match self {
            Stance::Lean => "lean",
            Stance::Balanced => "balanced",
            Stance::Buffered => "buffered",
        }
    }
}

/// One item's advice.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice {
    pub item: String,
    pub stance: Stance,
    /// The cost-minimising buffer, in days of mean demand.
    pub buffer_days: f64,
    /// The buffers that cost the same within the noise.
    pub same_cost_days: (f64, f64),
    /// The item's JIC buffer (the buffered end), in days.
    pub jic_days: f64,
    /// JIT's yearly cost minus the optimum's, paired.
    pub saving_vs_jit: MeanSe,
    /// JIC's yearly cost minus the optimum's, paired.
    pub saving_vs_jic: MeanSe,
    /// The optimum's yearly total cost.
    pub total_cost_per_year: MeanSe,
    /// The optimum's yearly margin, when the item's selling price is known.
    pub margin_per_year: Option<MeanSe>,
    /// The optimum's average cash tied up.
    pub cash_tied_up: MeanSe,
    /// The smallest yearly saving the sentence calls a difference (the scenario's
    /// "practically the same" threshold for this item), in the scenario's currency.
    pub practically_same_per_year: f64,
    /// The recommended policy as an ERP runs it: the optimum's plan.
    pub erp: ErpPlan,
    /// The advice in plain words.
    pub sentence: String,
}

/// The advice for an item from its frontier, in words `wording` sets (the currency, and the
/// saving that is practically the same as none).
pub fn advise(item: &Item, frontier: &Frontier, wording: Wording<'_>) -> Advice {
    let currency = wording.currency;
    let best = frontier.optimum();
    let jic_days = frontier.jic_days;
    let saving_vs_jit = frontier.paired_difference(0, frontier.best);
    let saving_vs_jic = frontier.paired_difference(frontier.jic, frontier.best);
    let jit_same = saving_vs_jit.mean() <= 1.96 * saving_vs_jit.se();
    let stance = if jit_same {
        Stance::Lean
    } else if best.buffer_days >= jic_days - 1e-9 {
        Stance::Buffered
    } else {
        Stance::Balanced
    };
    let erp = erp_plan(item, &best.result.policy);
    let (lo, hi) = frontier.same_cost_days;
    let range = if lo == hi {
        "no other buffer tried costs the same within the noise".to_owned()
    } else {
        format!("{}–{} days cost the same within the noise", days(lo), days(hi))
    };
    let threshold = wording.practically_same.per_year(best.result.operating_cost_per_year.mean());
    let versus =
        |what: &str, diff: &MeanSe| versus(what, diff.mean(), diff.se(), threshold, wording);
    let sentence = match stance {
        Stance::Lean if frontier.best == 0 => {
            format!("Lean: JIT (no buffer) is the cheapest; {range}.")
        }
        Stance::Lean => format!(
            "Lean: JIT costs the same as the cheapest buffer within the noise (+{} per year \
             against {} of cover), so a buffer does not pay for itself; {range}.",
            money(saving_vs_jit.mean(), saving_vs_jit.se(), currency),
            days_of(best.buffer_days),
        ),
        Stance::Balanced => format!(
            "Balanced: the optimum is {} of cover ({range}), {}, and {}.",
            days_of(best.buffer_days),
            versus("JIT", &saving_vs_jit),
            versus(&format!("JIC at {}", days_of(jic_days)), &saving_vs_jic),
        ),
        Stance::Buffered => format!(
            "Buffered: the optimum is {} of cover, at or past the JIC level of {} ({range}), \
             {}.",
            days_of(best.buffer_days),
            days_of(jic_days),
            versus("JIT", &saving_vs_jit),
        ),
    };
    Advice {
        item: item.name().to_owned(),
        stance,
        buffer_days: best.buffer_days,
        same_cost_days: frontier.same_cost_days,
        jic_days,
        saving_vs_jit,
        saving_vs_jic,
        total_cost_per_year: best.result.total_cost_per_year,
        margin_per_year: item.selling_price().map(|_| best.result.margin_per_year),
        cash_tied_up: best.result.avg_cash_tied_up,
        practically_same_per_year: threshold,
        erp,
        sentence,
    }
}

/// Days to one decimal, without a trailing ".0".
pub(crate) fn days(x: f64) -> String {
    tenths(x).to_string()
}

/// Days with their noun, to one decimal: "1 day", "2.5 days", "0 days".
pub fn days_of(x: f64) -> String {
    let d = days(x);
    if d == "1" {
        "1 day".into()
    } else {
        format!("{d} days")
    }
}

/// `mean ± se` in a currency, both rounded to the standard error's leading digit (so the
/// figure claims no more precision than it has): "$4,100 ± 300", "CHF 4,100 ± 300".
pub(crate) fn money(mean: f64, se: f64, currency: &str) -> String {
    let currency = crate::core::input::money_prefix(currency);
    if se == 0.0 {
        return amount(mean, &currency);
    }
    let step = if se >= 1.0 { 10f64.powi(libm::floor(libm::log10(se)) as i32) } else { 1.0 };
    let round = |x: f64| (x / step).round() * step;
    let sign = if mean < 0.0 { "-" } else { "" };
    format!("{sign}{currency}{} ± {}", Num(round(mean.abs())), Num(round(se)))
}
