//! The other answers to supply risk weighed against the buffer alone: for each lever the item
//! offers (expediting, for now), the whole search ([`optimise`](super::optimise)) runs once
//! with it and once without, on the same random numbers, and the cheaper optimum is the
//! recommendation. The saving is the paired difference of the two optima's yearly costs,
//! replication by replication; the buffer each needs is reported beside it ("with it, the
//! buffer falls from 26 to 6 days").
//!
//! A lever that does not pay — its optimum costs more than the buffer alone's — is left out of
//! the recommendation: the frontier, the advice and the ERP plan are then the buffer alone's,
//! and the comparison says by how much the lever would cost more. Storage space is not weighed
//! here: it is the room the item has, not a choice.

use serde::{Deserialize, Serialize};

use crate::core::numbers::Num;
use crate::core::scenario::{Item, Settings};
use crate::core::stats::MeanSe;

use super::advice::{days_of, money};
use super::{optimise, paired, Frontier, NothingToChoose, Options};

/// An answer to supply risk besides a buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lever {
    Expedite,
}

/// One lever weighed against the buffer alone.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LeverChoice {
    pub lever: Lever,
    /// Whether the recommendation uses it (its optimum is the cheaper).
    pub used: bool,
    /// The buffer alone's optimum cost minus the lever's, per year, paired: positive when
    /// the lever saves.
    pub saving_per_year: MeanSe,
    /// The optimum's buffer with the lever and without it, in days.
    pub buffer_days_with: f64,
    pub buffer_days_without: f64,
    /// How often the lever acts at its optimum (expedites a year).
    pub uses_per_year: f64,
}

impl LeverChoice {
    /// The comparison in a planner's words: "Expediting (below 40 units) saves $4,100 ± 300 a
    /// year against the cost-optimal buffer alone; with it, the buffer falls from 26 to 6
    /// days (about 3 expedites a year)." or "Expediting (below 40 units) does not pay: the
    /// cost-optimal buffer alone costs $900 ± 200 a year less, so the plan leaves it out."
    pub fn sentence(&self, item: &Item, currency: &str) -> String {
        let what = match self.lever {
            Lever::Expedite => {
                let trigger = item.expedite().map_or(0.0, |e| e.trigger_units);
                format!("Expediting (below {} units)", Num(trigger))
            }
        };
        let s = &self.saving_per_year;
        if self.used {
            let (with, without) = (self.buffer_days_with, self.buffer_days_without);
            let buffer = if days_of(with) == days_of(without) {
                format!("the buffer stays at {}", days_of(with))
            } else if with < without {
                format!("the buffer falls from {} to {}", days_of(without), days_of(with))
            } else {
                format!("the buffer rises from {} to {}", days_of(without), days_of(with))
            };
            format!(
                "{what} saves {} a year against the cost-optimal buffer alone; with it, {buffer} \
                 (about {} expedites a year).",
                money(s.mean(), s.se(), currency),
                Num(libm::round(self.uses_per_year * 10.0) / 10.0)
            )
        } else {
            format!(
                "{what} does not pay: the cost-optimal buffer alone costs {} a year less, so the \
                 plan leaves it out.",
                money(-s.mean(), s.se(), currency)
            )
        }
    }
}

/// The item without `lever`: the same draws (its index is its own), nothing else changed.
pub fn without(item: &Item, lever: Lever) -> Item {
    let mut bare = item.clone();
    match lever {
        Lever::Expedite => bare.expedite = None,
    }
    bare
}

/// The levers the item offers, in a fixed order.
pub fn offered(item: &Item) -> Vec<Lever> {
    item.expedite().map(|_| Lever::Expedite).into_iter().collect()
}

/// [`optimise`], with every lever the item offers weighed against the buffer alone (see the
/// module's documentation): the frontier of the cheaper, with the comparisons in
/// [`Frontier::levers`].
///
/// # Errors
/// As [`optimise`].
pub fn optimise_with_levers(
    item: &Item,
    settings: &Settings,
    options: &Options,
) -> Result<Frontier, NothingToChoose> {
    let levers = offered(item);
    let with = optimise(item, settings, options)?;
    let Some(&lever) = levers.first() else { return Ok(with) };
    let without = optimise(&without(item, lever), settings, options)?;
    let saving = paired(without.optimum().costs(), with.optimum().costs());
    let used = saving.mean() > 0.0;
    let choice = LeverChoice {
        lever,
        used,
        saving_per_year: saving,
        buffer_days_with: with.optimum().buffer_days,
        buffer_days_without: without.optimum().buffer_days,
        uses_per_year: with.optimum().result.expedites_per_year.mean(),
    };
    let mut chosen = if used { with } else { without };
    chosen.levers.push(choice);
    Ok(chosen)
}
