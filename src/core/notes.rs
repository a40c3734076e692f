//! What a valid scenario may still not mean what its writer thought: notes that `validate`
//! and the page show beside the field, not errors (the scenario runs as written).

use std::fmt;

use crate::core::input::Num;
use crate::core::scenario::Item;

/// A note about one field of an item.
#[derive(Clone, Debug, PartialEq)]
pub enum Note {
    /// A continuous lead time's whole-day draws average more than 1 % away from the mean
    /// typed (`core::lead_time`): draws near 0 are clamped, and rounding moves them.
    LeadTimeMean { typed: f64, simulated: f64 },
    /// The largest order is below the demand of a review period: orders are capped below
    /// what the item needs on average, and its stock runs down.
    MaximumBelowDemand { maximum: f64, needed: f64, per_day: f64, review_days: u32 },
}

impl Note {
    /// The field it is about, under the item (`lead_time`, `order_limits.maximum`).
    pub fn field(&self) -> &'static str {
        match self {
            Note::LeadTimeMean { .. } => "lead_time",
            Note::MaximumBelowDemand { .. } => "order_limits.maximum",
        }
    }
}

fn round(x: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (x * k).round() / k
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Note::LeadTimeMean { typed, simulated } => write!(
                f,
                "the lead time as simulated, in whole days (rounded to the nearest day, none below \
                 0), averages {} days, not the {} typed",
                Num(round(simulated, 2)),
                Num(round(typed, 2))
            ),
            Note::MaximumBelowDemand { maximum, needed, per_day, review_days } => write!(
                f,
                "a maximum order of {} units is below the {} units a review period needs on \
                 average ({} a day × {} day{}): orders are capped below demand and the stock \
                 runs down",
                Num(round(maximum, 2)),
                Num(round(needed, 1)),
                Num(round(per_day, 2)),
                review_days,
                if review_days == 1 { "" } else { "s" }
            ),
        }
    }
}

/// The notes about an item, in the order of its fields.
pub fn notes(item: &Item) -> Vec<Note> {
    let mut out = Vec::new();
    let lead = item.lead_time();
    if let Some(typed) = lead.typed_mean() {
        out.push(Note::LeadTimeMean { typed, simulated: lead.mean_days() });
    }
    let per_day = item.demand().expected();
    let review_days = item.review_period_days();
    let needed = per_day * f64::from(review_days);
    let maximum = item.order_limits().maximum();
    if maximum < needed {
        out.push(Note::MaximumBelowDemand { maximum, needed, per_day, review_days });
    }
    out
}
