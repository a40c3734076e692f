//! The advice for one item: which way it leans, how sure that is, and the recommended rule
//! in the terms an ERP needs.
//!
//! # Stance (the thresholds)
//!
//! - **Lean** when JIT costs the same as the optimum within the noise: its paired cost above
//!   the optimum is at most 1.96 standard errors.
//! - Otherwise **leaner** when the optimum's buffer is below its rule's base (a level under
//!   the JIT level) and it holds less stock on hand on average than JIT: leaner pays.
//! - Otherwise **buffered** when the optimum's buffer is at or past the item's JIC buffer (its
//!   first fixed JIC policy, or [`DEFAULT_JIC_DAYS`](super::DEFAULT_JIC_DAYS)).
//! - Otherwise **balanced**: a rule and buffer between the two ends, sized by the optimiser
//!   (this includes bigger, rarer orders with little or no buffer).
//!
//! The stance is statistical. The sentence also says when a saving that is clear of the noise
//! is too small to matter: under the scenario's "practically the same" threshold
//! ([`super::practical`]) it reads "practically the same as JIT", not "clearly cheaper".
//!
//! # The sentence
//!
//! The optimal rule in a planner's words first ("Order every 7 days up to 640 units (about
//! 540 a time) with a buffer of 2.1 days"), then the buffers and rules that cost the same
//! within the noise, then the saving against JIT and JIC. The typical order is the simulated
//! one: units ordered a year over orders a year.
//!
//! # ERP terms
//!
//! The recommended rule's ERP plan ([`crate::core::plan::erp_plan`]) is exactly what was
//! simulated: per period (and day of the week) where a demand shape moves the levels, in
//! whole units where demand is whole (see `core::plan` for each rule's levels).
//! `jitjic optimise --plan` writes this plan as a scenario file's policy: simulated, it gives
//! the optimum's own numbers.

use crate::core::numbers::{amount, tenths, Num};
use crate::core::plan::{erp_plan, ErpPlan};
use crate::core::scenario::Item;
use crate::core::stats::MeanSe;

use super::levers::Lever;
use super::practical::{versus, Wording};
use super::{Frontier, FrontierPoint};
use crate::core::policy::Rule;

/// Which way an item leans.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Stance {
    /// Below the JIT end: levels under the JIT level pay (perishables, lost sales, dear
    /// space).
    Leaner,
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
            Stance::Leaner => "leaner",
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
    /// The optimal rule (how often and how much to order), in a planner's words.
    pub rule: String,
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
    let saving_vs_jit = frontier.jit().cost_above_best;
    let saving_vs_jic = frontier.jic().cost_above_best;
    let jit_same = saving_vs_jit.mean() <= 1.96 * saving_vs_jit.se();
    let holds_less = best.result.avg_on_hand.mean() < frontier.jit().result.avg_on_hand.mean();
    let stance = if jit_same {
        Stance::Lean
    } else if best.buffer_days < 0.0 && holds_less {
        Stance::Leaner
    } else if best.buffer_days >= jic_days - 1e-9 {
        Stance::Buffered
    } else {
        Stance::Balanced
    };
    let mut erp = erp_plan(item, &best.result.policy);
    let expedites = frontier.levers.iter().any(|l| l.lever == Lever::Expedite && l.used);
    erp.expedite = item.expedite().filter(|_| expedites);
    if frontier.levers.iter().any(|l| l.lever == Lever::ForwardBuy && l.used) {
        erp.buy_ahead =
            crate::core::prices::buys_ahead(item, best.result.policy.review_period_days);
    }
    if frontier.levers.iter().any(|l| l.lever == Lever::Backup && l.used) {
        erp.backup = frontier.item_as_planned(item).backup().map(|b| b.rule);
    }
    let rule = rule_words(item, best);
    let (lo, hi) = frontier.same_cost_days;
    let mut range = if days(lo) == days(hi) {
        "no other buffer tried costs the same within the noise".to_owned()
    } else {
        format!("{}–{} days cost the same within the noise", days(lo), days(hi))
    };
    let same_rules = frontier.same_cost_rules().len().saturating_sub(1);
    if same_rules > 0 {
        let rules = if same_rules == 1 { "rule" } else { "rules" };
        range.push_str(&format!(", as do {same_rules} other {rules} compared"));
    }
    let threshold = wording.practically_same.per_year(best.result.operating_cost_per_year.mean());
    let versus =
        |what: &str, diff: &MeanSe| versus(what, diff.mean(), diff.se(), threshold, wording);
    let jic = format!("JIC at {}", days_of(jic_days));
    let with_buffer = format!("; buffer {}", days_of(best.buffer_days));
    let mut sentence = match stance {
        Stance::Lean if frontier.on_own_rule() && best.buffer_days == 0.0 => {
            format!("Lean: JIT ({rule}, no buffer) is the cheapest; {range}.")
        }
        Stance::Lean => format!(
            "Lean: JIT costs the same as the cheapest rule within the noise (+{} per year \
             against: {rule}{with_buffer}), so neither a buffer nor another rule pays for \
             itself; {range}.",
            money(saving_vs_jit.mean(), saving_vs_jit.se(), currency),
        ),
        Stance::Leaner => format!(
            "Leaner than JIT: {rule}{with_buffer}, below the JIT level ({range}); {}, and {}.",
            versus("JIT", &saving_vs_jit),
            versus(&jic, &saving_vs_jic),
        ),
        Stance::Balanced => format!(
            "Balanced: {rule}{with_buffer} ({range}); {}, and {}.",
            versus("JIT", &saving_vs_jit),
            versus(&jic, &saving_vs_jic),
        ),
        Stance::Buffered => format!(
            "Buffered: {rule}{with_buffer}, at or past the JIC level of {} ({range}); {}.",
            days_of(jic_days),
            versus("JIT", &saving_vs_jit),
        ),
    };
    for lever in &frontier.levers {
        sentence.push(' ');
        sentence.push_str(&lever.sentence(item, currency));
    }
    Advice {
        item: item.name().to_owned(),
        stance,
        rule,
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

/// The rule of a point in a planner's words, its typical order the simulated one (units
/// ordered over orders): "order every 7 days up to 640 units (about 540 a time)", "order 240
/// units when the inventory position falls to 150 or below", "order up to 390 units when the
/// inventory position falls to 150 or below (about 250 a time)". A level that moves with a
/// demand shape is given as its average.
pub fn rule_words(item: &Item, point: &FrontierPoint) -> String {
    let r = &point.result;
    let p = &r.policy;
    let typical = r.typical_order_units();
    let units =
        |x: f64| Num(if item.whole_units() || x >= 100.0 { libm::round(x) } else { tenths(x).0 });
    let about = format!("about {} a time", units(typical));
    let average = if item.is_phased() { " on average" } else { "" };
    let every = match p.review_period_days {
        1 => "every day".to_owned(),
        n => format!("every {n} days"),
    };
    let reviewed =
        if p.review_period_days == 1 { String::new() } else { format!(", reviewed {every}") };
    if p.rule.start_stock() <= 0.0 {
        return if item.lost_sales() {
            "keep no stock (every sale is lost)".to_owned()
        } else {
            format!("keep no stock: order {every} what customers wait for")
        };
    }
    match p.rule {
        Rule::OrderUpTo { .. } => format!(
            "order {every} up to {} units{average} ({about})",
            units(r.avg_order_up_to.mean())
        ),
        Rule::ReorderQuantity { reorder_point, quantity } => {
            // Every order is Q or a multiple of it: at least Q's price break, when it has one.
            let reached =
                item.order_charges().price_breaks.iter().rfind(|b| b.from_units <= quantity);
            let at_break = reached.map_or_else(String::new, |b| {
                format!(" (at the price break from {} units)", units(b.from_units))
            });
            format!(
                "order {} units when the inventory position falls to {} or below{reviewed}{at_break}",
                units(quantity),
                units(reorder_point)
            )
        }
        Rule::MinMax { reorder_point, level } => format!(
            "order up to {} units when the inventory position falls to {} or below{reviewed} \
             ({about})",
            units(level),
            units(reorder_point)
        ),
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
