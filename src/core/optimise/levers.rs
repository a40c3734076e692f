//! The other answers to supply risk weighed against the buffer alone: for each lever the item
//! offers (expediting, forward buying ahead of announced rises, a backup supplier), the whole
//! search
//! ([`optimise`](super::optimise)) runs once with every lever and once without each, on the
//! same random numbers, and a lever is in the recommendation when its optimum is the cheaper.
//! When levers are left out, the recommendation is the optimum without them. The saving is the paired difference of the two optima's yearly costs,
//! replication by replication; the buffer each needs is reported beside it ("with it, the
//! buffer falls from 26 to 6 days").
//!
//! A lever that does not pay — its optimum costs more than the buffer alone's — is left out of
//! the recommendation: the frontier, the advice and the ERP plan are then the buffer alone's,
//! and the comparison says by how much the lever would cost more. Storage space is not weighed
//! here: it is the room the item has, not a choice.
//!
//! A dual-index backup has a level of its own, zₑ (`core::sourcing`): the search with it runs
//! at the level the item gives and at [`DUAL_INDEX_SAFETY`] safety factors on the backup's
//! protection period, zₑ = d̄·(E[Lᵦ] + R) + k·σ·√(E[Lᵦ] + R) in whole units, and the cheapest
//! optimum of
//! these is the one weighed (all on the same draws; the regular level is the search's own).
//! The level chosen is the plan's.

use serde::{Deserialize, Serialize};

use crate::core::numbers::Num;
use crate::core::prices::ForwardBuy;
use crate::core::scenario::{Item, Settings};
use crate::core::sourcing::SourcingRule;
use crate::core::stats::MeanSe;

use super::advice::{days_of, money};
use super::{optimise, paired, Frontier, NothingToChoose, Options};

/// An answer to supply risk besides a buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lever {
    Expedite,
    /// Buying ahead of announced price rises (`core::prices`).
    ForwardBuy,
    /// A second supplier (`core::sourcing`).
    Backup,
}

/// The safety factors a dual-index backup's level is tried at, besides the item's own.
pub const DUAL_INDEX_SAFETY: [f64; 3] = [0.0, 1.5, 3.0];

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
    /// How much the lever acts at its optimum: expedites a year, units a year bought ahead,
    /// or orders a year to the backup.
    pub uses_per_year: f64,
    /// A dual-index backup's level zₑ at the optimum, in units (the one the search chose).
    pub level_units: Option<f64>,
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
            Lever::ForwardBuy => match item.prices().and_then(|p| p.forward_buy) {
                Some(ForwardBuy::CoverDays(d)) => {
                    format!("Buying ahead of announced rises ({} of demand)", days_of(d))
                }
                _ => "Buying ahead of announced rises (as much as pays)".to_owned(),
            },
            Lever::Backup => {
                let rule = item.backup().map(|b| match (b.rule, self.level_units) {
                    (SourcingRule::DualIndex { .. }, Some(level)) => {
                        SourcingRule::DualIndex { level_units: level }
                    }
                    (rule, _) => rule,
                });
                match rule {
                    Some(rule) => format!("A backup supplier ({})", rule.describe()),
                    None => "A backup supplier".to_owned(),
                }
            }
        };
        let uses = match self.lever {
            Lever::Expedite => "expedites a year",
            Lever::ForwardBuy => "units a year bought ahead",
            Lever::Backup => "orders a year to the backup",
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
                 (about {} {uses}).",
                money(s.mean(), s.se(), currency),
                match self.lever {
                    Lever::Expedite | Lever::Backup => {
                        Num(libm::round(self.uses_per_year * 10.0) / 10.0)
                    }
                    Lever::ForwardBuy => Num(libm::round(self.uses_per_year)),
                }
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
        Lever::ForwardBuy => {
            if let Some(p) = &mut bare.prices {
                p.forward_buy = None;
            }
        }
        Lever::Backup => bare.backup = None,
    }
    bare
}

/// The item with its dual-index backup at `level` units (the item itself for another rule).
pub fn at_backup_level(item: &Item, level: f64) -> Item {
    let mut sized = item.clone();
    if let Some(b) = &mut sized.backup {
        if let SourcingRule::DualIndex { .. } = b.rule {
            *b = b.with_rule(SourcingRule::DualIndex { level_units: level });
        }
    }
    sized
}

/// The levels a dual-index backup is tried at: the item's own, then one per
/// [`DUAL_INDEX_SAFETY`] factor on the backup's protection period, in whole units (a level a
/// planner types into an ERP), each once; empty for another rule or none.
pub fn backup_levels(item: &Item) -> Vec<f64> {
    let Some(b) = item.backup() else { return Vec::new() };
    let SourcingRule::DualIndex { level_units } = b.rule else { return Vec::new() };
    let protection = b.lead_time().mean_days() + f64::from(item.review_period_days.max(1));
    let (mean, sd) = (item.demand().expected(), item.demand().sd());
    let mut levels = vec![level_units];
    for k in DUAL_INDEX_SAFETY {
        let level = libm::round(mean * protection + k * sd * protection.sqrt());
        if !levels.iter().any(|&l| (l - level).abs() < 1e-9) {
            levels.push(level);
        }
    }
    levels
}

/// Searches the weighing runs for an item: one with every lever, one without each, and the
/// extra levels of a dual-index backup.
pub fn searches(item: &Item) -> usize {
    1 + offered(item).len() + backup_levels(item).len().saturating_sub(1)
}

/// The levers the item offers, in a fixed order.
pub fn offered(item: &Item) -> Vec<Lever> {
    let buys_ahead = item.prices().is_some_and(|p| p.forward_buy.is_some() && p.announced());
    [
        (item.expedite().is_some(), Lever::Expedite),
        (buys_ahead, Lever::ForwardBuy),
        (item.backup().is_some(), Lever::Backup),
    ]
    .into_iter()
    .filter_map(|(offered, lever)| offered.then_some(lever))
    .collect()
}

/// How much `lever` acts in an optimum's result.
fn uses(lever: Lever, f: &Frontier) -> f64 {
    let r = &f.optimum().result;
    match lever {
        Lever::Expedite => r.expedites_per_year.mean(),
        Lever::ForwardBuy => r.forward_bought_units_per_year.mean(),
        Lever::Backup => r.backup_orders_per_year.mean(),
    }
}

/// [`optimise`] with the item's levers as they are, a dual-index backup at the cheapest of
/// its [`backup_levels`]; returns the frontier and the level chosen.
fn optimise_sized(
    item: &Item,
    settings: &Settings,
    options: &Options,
) -> Result<(Frontier, Option<f64>), NothingToChoose> {
    let levels = backup_levels(item);
    if levels.is_empty() {
        return Ok((optimise(item, settings, options)?, None));
    }
    let mut best: Option<(Frontier, f64)> = None;
    for level in levels {
        let f = optimise(&at_backup_level(item, level), settings, options)?;
        let cost = f.optimum().result.total_cost_per_year.mean();
        if best.as_ref().is_none_or(|(b, _)| cost < b.optimum().result.total_cost_per_year.mean()) {
            best = Some((f, level));
        }
    }
    let (f, level) = best.expect("a dual-index backup has a level");
    Ok((f, Some(level)))
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
    if levers.is_empty() {
        return optimise(item, settings, options);
    }
    let (with, level) = optimise_sized(item, settings, options)?;
    // The item as the search with every lever found it cheapest (a dual index at its level).
    let item = &match level {
        Some(level) => at_backup_level(item, level),
        None => item.clone(),
    };
    let mut choices = Vec::with_capacity(levers.len());
    let mut withouts = Vec::with_capacity(levers.len());
    for &lever in &levers {
        let without = optimise(&without(item, lever), settings, options)?;
        let saving = paired(without.optimum().costs(), with.optimum().costs());
        choices.push(LeverChoice {
            lever,
            used: saving.mean() > 0.0,
            saving_per_year: saving,
            buffer_days_with: with.optimum().buffer_days,
            buffer_days_without: without.optimum().buffer_days,
            uses_per_year: uses(lever, &with),
            level_units: level.filter(|_| lever == Lever::Backup),
        });
        withouts.push(without);
    }
    let unused: Vec<usize> = (0..levers.len()).filter(|&k| !choices[k].used).collect();
    let mut chosen = match unused.as_slice() {
        [] => with,
        &[k] => withouts.swap_remove(k),
        several => {
            let mut bare = item.clone();
            for &k in several {
                bare = without(&bare, levers[k]);
            }
            optimise(&bare, settings, options)?
        }
    };
    chosen.levers = choices;
    Ok(chosen)
}
