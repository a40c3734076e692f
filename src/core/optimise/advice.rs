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
//! # ERP terms
//!
//! The recommended policy is the optimum's order-up-to rule, reviewed every R days:
//!
//! ```text
//! safety stock    SS = buffer days · E[d]
//! order-up-to     S  = E[d]·(E[L] + R) + SS
//! reorder point   s  = S − E[d]·R = E[d]·E[L] + SS
//! order quantity  Q  = E[d]·R, raised to the minimum order and rounded up to the multiple
//! ```
//!
//! An ERP that reviews every R days, orders when the inventory position is at or below s
//! and orders up to S (or Q at a time) places on average the orders the simulation did.

use crate::core::input::Num;
use crate::core::scenario::Item;
use crate::core::stats::MeanSe;

use super::{jic_buffer_days, Frontier};

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

/// The recommended policy in the terms an ERP needs, in units (see the module's docs).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErpPolicy {
    pub safety_stock_units: f64,
    pub reorder_point_units: f64,
    pub order_up_to_units: f64,
    pub order_quantity_units: f64,
    pub review_period_days: u32,
}

/// The CSV header of [`Advice::erp_csv_row`].
pub const ERP_CSV_HEADER: &str = "item,stance,buffer_days,same_cost_from_days,same_cost_to_days,\
safety_stock_units,reorder_point_units,order_up_to_units,order_quantity_units,\
review_period_days,total_cost_per_year,total_cost_per_year_se,saving_vs_jit_per_year,\
saving_vs_jit_per_year_se";

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
    pub erp: ErpPolicy,
    /// The advice in plain words.
    pub sentence: String,
}

impl Advice {
    /// One CSV row under [`ERP_CSV_HEADER`].
    pub fn erp_csv_row(&self) -> String {
        let quoted = format!("\"{}\"", self.item.replace('"', "\"\""));
        let e = &self.erp;
        let r = |x: f64| format!("{}", (x * 1000.0).round() / 1000.0);
        [
            quoted,
            self.stance.name().to_owned(),
            r(self.buffer_days),
            r(self.same_cost_days.0),
            r(self.same_cost_days.1),
            r(e.safety_stock_units),
            r(e.reorder_point_units),
            r(e.order_up_to_units),
            r(e.order_quantity_units),
            e.review_period_days.to_string(),
            r(self.total_cost_per_year.mean()),
            r(self.total_cost_per_year.se()),
            r(self.saving_vs_jit.mean()),
            r(self.saving_vs_jit.se()),
        ]
        .join(",")
    }
}

/// The advice for an item from its frontier; money in `currency`.
pub fn advise(item: &Item, frontier: &Frontier, currency: &str) -> Advice {
    let best = frontier.optimum();
    let jic_days = jic_buffer_days(item);
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
    let d = item.demand().expected();
    let r = item.review_period_days();
    let policy = &best.result.policy;
    let order_up_to = policy.order_up_to();
    let erp = ErpPolicy {
        safety_stock_units: policy.buffer_units,
        reorder_point_units: order_up_to - d * f64::from(r),
        order_up_to_units: order_up_to,
        order_quantity_units: item.order_limits().apply(d * f64::from(r)),
        review_period_days: r,
    };
    let (lo, hi) = frontier.same_cost_days;
    let range = if lo == hi {
        "no other buffer tried costs the same within the noise".to_owned()
    } else {
        format!("{}–{} days cost the same within the noise", days(lo), days(hi))
    };
    let versus = |what: &str, diff: &MeanSe| {
        let amount = money(diff.mean(), diff.se(), currency);
        if diff.mean() > 1.96 * diff.se() {
            format!("clearly cheaper than {what} (−{amount} per year)")
        } else {
            format!("no clearer than the noise against {what} (−{amount} per year)")
        }
    };
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
        erp,
        sentence,
    }
}

/// Days to one decimal, without a trailing ".0".
pub(crate) fn days(x: f64) -> String {
    let rounded = (x * 10.0).round() / 10.0;
    format!("{}", Num(rounded))
}

/// Days with their noun: "1 day", "2.5 days".
pub(crate) fn days_of(x: f64) -> String {
    let d = days(x);
    if d == "1" {
        "1 day".into()
    } else {
        format!("{d} days")
    }
}

/// `mean ± se` in a currency, both rounded to the standard error's leading digit (so the
/// figure claims no more precision than it has): "USD 4,100 ± 300".
pub(crate) fn money(mean: f64, se: f64, currency: &str) -> String {
    let step = if se >= 1.0 { 10f64.powi(libm::floor(libm::log10(se)) as i32) } else { 1.0 };
    let round = |x: f64| (x / step).round() * step;
    let sign = if mean < 0.0 { "-" } else { "" };
    if se == 0.0 {
        return format!("{sign}{currency} {}", Num(round(mean.abs())));
    }
    format!("{sign}{currency} {} ± {}", Num(round(mean.abs())), Num(round(se)))
}
