//! Which drivers push an item's buffer, one at a time.
//!
//! Each driver the item has is moved by one documented step, everything else held, and the
//! item optimised again on the same seeds; the risks are also removed, one at a time and
//! then together, to say what the item would do without them.
//!
//! | driver | step | removed |
//! |---|---|---|
//! | lead-time spread | spread about the mean × 1.5 (sd; a uniform range's half-width; an empirical history stretched about its mean) | fixed at its mean, rounded |
//! | disruptions | random outages twice as often (mean up time halved); scheduled outages 1.5 × as long | no supplier outages |
//! | demand variability | sd × 1.5 (Poisson becomes a negative binomial with 1.5 × its sd; an empirical history and a compound-Poisson size table are stretched about their means; an intermittent item's size sd, or 0.5 × its mean size when it has none) | every day the mean |
//! | stockout cost | backorder penalty and lost-sale cost × 2 | — |
//! | holding rate | capital holding rate × 2 | — |
//! | shelf life | halved | keeps forever |
//! | storage space | halved (the capacity in units or m³) | room for anything |
//!
//! Every run uses the same [`Options`] (points, no target), so the base and the moved runs
//! sit on grids of the same density.

use serde::{Deserialize, Serialize};

use crate::core::demand::{Demand, MeanSd, SizeWeight};
use crate::core::lead_time::{LeadTime, NormalLike};
use crate::core::scenario::{ItemSpec, Scenario, ScenarioSpec};
use crate::core::storage::Capacity;

use super::advice::{days, days_of, money, Stance};
use super::{optimise, Frontier, Options};

/// What moves an item's buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Driver {
    LeadTimeSpread,
    Disruptions,
    DemandVariability,
    StockoutCost,
    HoldingRate,
    ShelfLife,
    StorageSpace,
    /// Random price jumps (`core::prices`).
    PriceVolatility,
}

impl Driver {
    pub const ALL: [Driver; 8] = [
        Driver::LeadTimeSpread,
        Driver::Disruptions,
        Driver::DemandVariability,
        Driver::StockoutCost,
        Driver::HoldingRate,
        Driver::ShelfLife,
        Driver::StorageSpace,
        Driver::PriceVolatility,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Driver::LeadTimeSpread => "lead-time spread",
            Driver::Disruptions => "supplier outages",
            Driver::DemandVariability => "demand variability",
            Driver::StockoutCost => "stockout cost",
            Driver::HoldingRate => "holding rate",
            Driver::ShelfLife => "shelf life",
            Driver::StorageSpace => "storage space",
            Driver::PriceVolatility => "price swings",
        }
    }

    /// The step, as the results table says it.
    pub fn step(self) -> &'static str {
        match self {
            Driver::LeadTimeSpread => "1.5 × the spread",
            Driver::Disruptions => "outages twice as often and scheduled ones 1.5 × as long",
            Driver::DemandVariability => "1.5 × the sd",
            Driver::StockoutCost => "twice the cost",
            Driver::HoldingRate => "twice the rate",
            Driver::ShelfLife => "half the shelf life",
            Driver::StorageSpace => "half the space",
            Driver::PriceVolatility => "price jumps twice as often, 1.5 × the spread",
        }
    }

    /// A risk: something that can be taken away (the costs cannot).
    pub fn is_risk(self) -> bool {
        !matches!(self, Driver::StockoutCost | Driver::HoldingRate)
    }
}

/// One driver's effect on the optimum.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DriverEffect {
    pub driver: Driver,
    /// The driver as the item has it, in words ("sd 2 days", "4.2% of days down").
    pub level: String,
    /// The optimal buffer, in days, after the step.
    pub stepped_buffer_days: f64,
    /// The cost gap (JIT's yearly cost minus the optimum's) after the step.
    pub stepped_gap: f64,
    /// For a risk: the optimal buffer, the cost gap and the stance without it.
    pub without: Option<Without>,
}

/// An item optimised without one or more of its risks.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Without {
    pub buffer_days: f64,
    /// JIT's yearly cost minus the optimum's.
    pub gap: f64,
    pub stance: Stance,
}

impl DriverEffect {
    /// How far the step moves the optimal buffer from the base's, in days.
    pub fn moves_buffer_by(&self, base_days: f64) -> f64 {
        self.stepped_buffer_days - base_days
    }

    /// What ranks the drivers: the step's change to the optimal buffer as a share of the
    /// base buffer (at least 1 day), plus its change to the cost gap as a share of the base
    /// gap (at least 1 in money).
    pub fn score(&self, base_days: f64, base_gap: f64) -> f64 {
        self.moves_buffer_by(base_days).abs() / base_days.max(1.0)
            + (self.stepped_gap - base_gap).abs() / base_gap.abs().max(1.0)
    }
}

/// An item's drivers ranked.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// The optimum and its cost gap on the same grid density as the moved runs.
    pub base_buffer_days: f64,
    pub base_gap: f64,
    pub base_stance: Stance,
    /// Ranked by [`DriverEffect::score`], largest first.
    pub effects: Vec<DriverEffect>,
    /// The risks that push the buffer: removing one lowers the optimum by more than the grid
    /// can tell (half a day, or a tenth of the buffer) or cuts the cost gap by a quarter or
    /// more. Then the item without all of them.
    pub pushers: Vec<Driver>,
    pub without_pushers: Option<Without>,
    /// The drivers in plain words.
    pub sentence: String,
}

/// Moves each of item `index`'s drivers by its step, and removes its risks, re-optimising
/// each time on the scenario's seeds. Drivers the item does not have are left out.
///
/// Money in the sentence is in `currency`. `None` when the item has nothing to optimise.
pub fn sensitivity(
    scenario: &Scenario,
    index: usize,
    options: &Options,
    currency: &str,
) -> Option<Sensitivity> {
    let options = Options { points: options.points, target: None };
    let run = |spec: ScenarioSpec| -> Option<Without> {
        let s = Scenario::new(spec).ok()?;
        let item = s.items().get(index)?;
        let f = optimise(item, s.settings(), &options).ok()?;
        Some(summary(item, &f))
    };
    let base_spec = scenario.spec().clone();
    let Without { buffer_days: base_buffer_days, gap: base_gap, stance: base_stance } =
        run(base_spec.clone())?;
    let mut effects = Vec::new();
    for driver in Driver::ALL {
        let Some(level) = level(scenario, index, driver) else { continue };
        let mut stepped = base_spec.clone();
        step(&mut stepped, index, driver);
        let Some(moved) = run(stepped) else { continue };
        let (stepped_buffer_days, stepped_gap) = (moved.buffer_days, moved.gap);
        let without = if driver.is_risk() {
            let mut removed = base_spec.clone();
            remove(&mut removed.items[index], driver);
            run(removed)
        } else {
            None
        };
        effects.push(DriverEffect { driver, level, stepped_buffer_days, stepped_gap, without });
    }
    let score = |e: &DriverEffect| e.score(base_buffer_days, base_gap);
    // Decreasing score: negation reverses `total_cmp`'s order exactly.
    let effects = crate::core::stats::sorted_by_key(effects, |e| -score(e));
    let resolution = 0.5_f64.max(0.1 * base_buffer_days);
    let pushers: Vec<Driver> = effects
        .iter()
        .filter(|e| {
            e.without.is_some_and(|w| {
                base_buffer_days - w.buffer_days > resolution || w.gap <= 0.75 * base_gap
            })
        })
        .map(|e| e.driver)
        .collect();
    let without_pushers = if pushers.is_empty() {
        None
    } else {
        let mut removed = base_spec.clone();
        pushers.iter().for_each(|&d| remove(&mut removed.items[index], d));
        run(removed)
    };
    let base = Without { buffer_days: base_buffer_days, gap: base_gap, stance: base_stance };
    let sentence = sentence(base, &effects, &pushers, without_pushers, currency);
    Some(Sensitivity {
        base_buffer_days,
        base_gap,
        base_stance,
        effects,
        pushers,
        without_pushers,
        sentence,
    })
}

fn summary(item: &crate::core::Item, f: &Frontier) -> Without {
    let advice = super::advise(item, f, super::Wording::new(""));
    Without {
        buffer_days: advice.buffer_days,
        gap: advice.saving_vs_jit.mean(),
        stance: advice.stance,
    }
}

fn sentence(
    base: Without,
    effects: &[DriverEffect],
    pushers: &[Driver],
    without: Option<Without>,
    currency: &str,
) -> String {
    let list = |names: Vec<String>| match names.len() {
        0 => String::new(),
        1 => names[0].clone(),
        n => format!("{} and {}", names[..n - 1].join(", "), names[n - 1]),
    };
    let cover = days_of(base.buffer_days);
    let mut out = String::new();
    match without {
        Some(w) if !pushers.is_empty() => {
            let named: Vec<String> = pushers
                .iter()
                .map(|d| {
                    let level = effects.iter().find(|e| e.driver == *d).map_or("", |e| &e.level);
                    format!("{} ({level})", d.name())
                })
                .collect();
            let one = pushers.len() == 1;
            let them = if one { "it" } else { "them" };
            let mut first = list(named);
            first[..1].make_ascii_uppercase();
            let resolution = 0.5_f64.max(0.1 * base.buffer_days);
            if base.buffer_days - w.buffer_days > resolution {
                let verb = if one { "pushes" } else { "push" };
                out.push_str(&format!("{first} {verb} this item to {cover} of cover; "));
                if w.stance == Stance::Lean {
                    out.push_str(&format!("without {them}, it would run lean."));
                } else {
                    out.push_str(&format!(
                        "without {them}, it would need {}.",
                        days_of(w.buffer_days)
                    ));
                }
            } else {
                // The buffer stays about the same, but what it saves does not.
                let verb = if one { "is" } else { "are" };
                out.push_str(&format!(
                    "{first} {verb} what makes {cover} of cover pay: it saves {} a year over \
                     JIT; without {them}, {}.",
                    money(base.gap, 0.0, currency),
                    if w.stance == Stance::Lean {
                        "JIT would do".to_owned()
                    } else {
                        format!("{} (at {})", money(w.gap, 0.0, currency), days_of(w.buffer_days))
                    }
                ));
            }
        }
        _ if base.stance == Stance::Lean => {
            out.push_str("No risk this item carries makes a buffer pay: it runs lean.");
        }
        _ => {
            out.push_str(&format!("No single risk accounts for the {cover} of cover; they add up."))
        }
    }
    // The table's first row, by the ranking it is sorted by (the buffer's move and the
    // saving's, both said), so the sentence never names a driver the table ranks lower.
    if let Some(top) = effects.first() {
        let moves = top.moves_buffer_by(base.buffer_days).abs() >= 0.05;
        let saving = |gap: f64| money(gap, 0.0, currency);
        let buffer = if moves {
            format!(
                "the optimum moves from {} to {}",
                days_of(base.buffer_days),
                days_of(top.stepped_buffer_days)
            )
        } else {
            format!("the optimum stays at {}", days_of(base.buffer_days))
        };
        if moves || (top.stepped_gap - base.gap).abs() >= 0.05 * base.gap.abs().max(1.0) {
            out.push_str(&format!(
                " Most sensitive to {}: with {}, {buffer} and its saving over JIT from {} to {} \
                 a year.",
                top.driver.name(),
                top.driver.step(),
                saving(base.gap),
                saving(top.stepped_gap),
            ));
        }
    }
    out
}

/// The driver as item `index` has it, in words; `None` when it does not have it.
fn level(scenario: &Scenario, index: usize, driver: Driver) -> Option<String> {
    let item = &scenario.items()[index];
    let spec = &scenario.spec().items[index];
    let pct = |x: f64| format!("{}%", (x * 1000.0).round() / 10.0);
    match driver {
        Driver::LeadTimeSpread => {
            let sd = item.lead_time().sd_days();
            (sd > 0.0).then(|| format!("sd {} days", days(sd)))
        }
        Driver::Disruptions => {
            let s = item.supplier().filter(|s| s.can_fail())?;
            let random = s.random().map(|r| format!("{} of days down", pct(r.down_share())));
            let scheduled = (!s.scheduled().is_empty()).then(|| {
                let n = s.scheduled().len();
                format!("{n} scheduled outage{}", if n == 1 { "" } else { "s" })
            });
            Some([random, scheduled].into_iter().flatten().collect::<Vec<_>>().join(", "))
        }
        Driver::DemandVariability => {
            let (d, sd) = (item.demand().expected(), item.demand().sd());
            (sd > 0.0 && d > 0.0).then(|| format!("CV {}", crate::core::numbers::Dec(sd / d, 2)))
        }
        Driver::StockoutCost => {
            let c = item.costs();
            (c.backorder_per_unit_day > 0.0 || item.lost_sale_cost_per_unit() > 0.0).then(|| {
                if item.lost_sales() {
                    format!("{} per unit lost", item.lost_sale_cost_per_unit())
                } else {
                    format!("{} per unit-day waited", c.backorder_per_unit_day)
                }
            })
        }
        Driver::HoldingRate => {
            let h = item.holding_rate_per_year();
            (h > 0.0).then(|| format!("{} a year", pct(h)))
        }
        Driver::ShelfLife => spec.perishability.map(|p| format!("{} days", p.shelf_life_days)),
        Driver::StorageSpace => spec.storage.map(|s| {
            format!("room for {} units", crate::core::numbers::Num(libm::round(s.capacity.units())))
        }),
        Driver::PriceVolatility => {
            let j = item.prices()?.jumps.filter(|j| j.per_year > 0.0)?;
            let num = |x: f64| crate::core::numbers::Num(libm::round(x * 10.0) / 10.0);
            Some(format!(
                "{} jumps a year of {} % ± {} %",
                num(j.per_year),
                num(j.mean_pct),
                num(j.sd_pct)
            ))
        }
    }
}

/// Moves `driver` of item `index` by its step.
fn step(spec: &mut ScenarioSpec, index: usize, driver: Driver) {
    const K: f64 = 1.5;
    let supplier = spec.items[index].supplier;
    let item = &mut spec.items[index];
    match driver {
        Driver::LeadTimeSpread => item.lead_time = stretch_lead_time(&item.lead_time, K),
        Driver::Disruptions => {
            if let Some(s) = supplier.and_then(|i| spec.suppliers.get_mut(i)) {
                if let Some(r) = s.random.as_mut() {
                    r.mean_up_days = (r.mean_up_days / 2.0).max(1.0);
                }
                for w in &mut s.scheduled {
                    w.days = libm::ceil(f64::from(w.days) * K) as u32;
                }
                // Lengthened windows must not overlap: merge any that now do.
                crate::core::supply::Window::sort(&mut s.scheduled);
                let mut merged: Vec<crate::core::supply::Window> = Vec::new();
                for w in s.scheduled.drain(..) {
                    match merged.last_mut() {
                        Some(last) if w.start_day < last.end_day() => {
                            last.days = last.days.max(w.end_day() - last.start_day);
                        }
                        _ => merged.push(w),
                    }
                }
                s.scheduled = merged;
            }
        }
        Driver::DemandVariability => item.demand = stretch_demand(&item.demand, K),
        Driver::StockoutCost => {
            item.costs.backorder_per_unit_day *= 2.0;
            item.costs = item.costs.with_lost_sale_doubled();
        }
        Driver::HoldingRate => item.costs.holding_rate_per_year *= 2.0,
        Driver::ShelfLife => {
            if let Some(p) = item.perishability.as_mut() {
                p.shelf_life_days = (p.shelf_life_days / 2).max(1);
            }
        }
        Driver::StorageSpace => {
            if let Some(s) = item.storage.as_mut() {
                s.capacity = match s.capacity {
                    Capacity::Units(units) => Capacity::Units(units / 2.0),
                    Capacity::Volume { m3, m3_per_unit } => {
                        Capacity::Volume { m3: m3 / 2.0, m3_per_unit }
                    }
                };
            }
        }
        Driver::PriceVolatility => {
            if let Some(j) = item.prices.as_mut().and_then(|p| p.jumps.as_mut()) {
                j.per_year = (2.0 * j.per_year).min(365.0);
                j.sd_pct *= K;
            }
        }
    }
}

/// Takes a risk away.
fn remove(item: &mut ItemSpec, driver: Driver) {
    match driver {
        Driver::LeadTimeSpread => {
            if let Ok(s) = item.lead_time.sampler() {
                item.lead_time = LeadTime::Fixed(libm::round(s.mean_days()) as u32);
            }
        }
        Driver::Disruptions => item.supplier = None,
        Driver::DemandVariability => {
            if let Ok(s) = item.demand.sampler(item.round_demand_to_units) {
                item.demand = Demand::Normal(MeanSd { mean: s.expected(), sd: 0.0 });
            }
        }
        Driver::ShelfLife => item.perishability = None,
        Driver::StorageSpace => item.storage = None,
        Driver::PriceVolatility => {
            if let Some(p) = item.prices.as_mut() {
                p.jumps = None;
            }
        }
        Driver::StockoutCost | Driver::HoldingRate => {}
    }
}

fn stretch(values: &[f64], k: f64) -> Vec<f64> {
    let m = values.iter().sum::<f64>() / values.len().max(1) as f64;
    values.iter().map(|v| (m + k * (v - m)).max(0.0)).collect()
}

/// The lead time with its spread about the mean times `k`.
fn stretch_lead_time(l: &LeadTime, k: f64) -> LeadTime {
    match l {
        LeadTime::Fixed(d) => LeadTime::Fixed(*d),
        LeadTime::Uniform { min, max } => {
            let (lo, hi) = (f64::from(*min), f64::from(*max));
            let (m, half) = (0.5 * (lo + hi), 0.5 * (hi - lo) * k);
            LeadTime::Uniform {
                min: libm::floor((m - half).max(0.0)) as u32,
                max: libm::ceil(m + half) as u32,
            }
        }
        LeadTime::Normal(p) => LeadTime::Normal(NormalLike { mean: p.mean, sd: p.sd * k }),
        LeadTime::LogNormal(p) => LeadTime::LogNormal(NormalLike { mean: p.mean, sd: p.sd * k }),
        LeadTime::Gamma(p) => LeadTime::Gamma(NormalLike { mean: p.mean, sd: p.sd * k }),
        LeadTime::Empirical(v) => {
            let as_f: Vec<f64> = v.iter().map(|&d| f64::from(d)).collect();
            LeadTime::Empirical(
                stretch(&as_f, k).into_iter().map(|d| libm::round(d) as u32).collect(),
            )
        }
    }
}

/// Daily demand with its spread about the mean times `k`.
fn stretch_demand(d: &Demand, k: f64) -> Demand {
    let wider = |p: &MeanSd| MeanSd { mean: p.mean, sd: p.sd * k };
    match d {
        Demand::Normal(p) => Demand::Normal(wider(p)),
        Demand::Gamma(p) => Demand::Gamma(wider(p)),
        Demand::NegativeBinomial(p) => Demand::NegativeBinomial(wider(p)),
        Demand::Poisson { mean } => {
            Demand::NegativeBinomial(MeanSd { mean: *mean, sd: k * libm::sqrt(*mean) })
        }
        Demand::Intermittent { probability, size } => Demand::Intermittent {
            probability: *probability,
            size: MeanSd {
                mean: size.mean,
                sd: if size.sd > 0.0 { size.sd * k } else { 0.5 * size.mean },
            },
        },
        Demand::CompoundPoisson { rate, sizes } => {
            // Weighted mean, so the stretch keeps the mean order size.
            let total: f64 = sizes.iter().map(|s| s.weight).sum();
            let m: f64 = sizes.iter().map(|s| s.size * s.weight).sum::<f64>() / total;
            Demand::CompoundPoisson {
                rate: *rate,
                sizes: sizes
                    .iter()
                    .map(|s| SizeWeight { size: (m + k * (s.size - m)).max(0.0), weight: s.weight })
                    .collect(),
            }
        }
        Demand::Empirical(v) => Demand::Empirical(stretch(v, k)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::stats::sorted_by_key;

    fn effect(driver: Driver, stepped_buffer_days: f64, stepped_gap: f64) -> DriverEffect {
        DriverEffect {
            driver,
            level: String::new(),
            stepped_buffer_days,
            stepped_gap,
            without: None,
        }
    }

    #[test]
    fn the_sentence_names_the_tables_first_driver_with_both_its_moves() {
        // Base: 4 days, saving 1,000 a year. Stockout cost moves the buffer by 1 day but
        // doubles the saving (score 1/4 + 1 = 1.25); demand variability moves it by 2 days and
        // the saving by a tenth (score 2/4 + 0.1 = 0.6). Stockout cost ranks first, so the
        // sentence names it, and says the saving moved, which is why it is first.
        let base = Without { buffer_days: 4.0, gap: 1_000.0, stance: Stance::Balanced };
        let effects = sorted_by_key(
            vec![
                effect(Driver::DemandVariability, 6.0, 1_100.0),
                effect(Driver::StockoutCost, 5.0, 2_000.0),
            ],
            |e| -e.score(4.0, 1_000.0),
        );
        assert_eq!(effects[0].driver, Driver::StockoutCost);
        let text = sentence(base, &effects, &[], None, "USD");
        assert!(
            text.ends_with(
                " Most sensitive to stockout cost: with twice the cost, the optimum moves from \
                 4 days to 5 days and its saving over JIT from $1,000 to $2,000 a year."
            ),
            "{text}"
        );
        // A driver that leaves the buffer where it is but moves the saving is said so.
        let still = [effect(Driver::HoldingRate, 4.0, 600.0)];
        let text = sentence(base, &still, &[], None, "USD");
        assert!(
            text.contains(
                "the optimum stays at 4 days and its saving over JIT from $1,000 to $600"
            ),
            "{text}"
        );
        // Nothing moves: no claim.
        let nothing = [effect(Driver::HoldingRate, 4.0, 1_001.0)];
        assert!(!sentence(base, &nothing, &[], None, "USD").contains("Most sensitive"));
    }
}
