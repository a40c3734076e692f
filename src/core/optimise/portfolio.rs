//! The portfolio: every item's frontier summed, classified and traded against cash.
//!
//! - **Totals** per policy: JIT everywhere, JIC everywhere, each item at its optimum. Each
//!   total is summed replication by replication, so items sharing a supplier (and so its
//!   days down) are added with their correlation, and its standard error is the total's own.
//! - **Exchange curve**: total cost against cash tied up (`core::payment`: the stock on hand,
//!   plus what is paid for in transit, less what is owed) as a cash
//!   budget for buffers grows from JIT everywhere to every item at its optimum. Each item
//!   starts at JIT, or at the cheapest point of its optimal rule's frontier that holds no more
//!   cash than JIT (a leaner or otherwise cheaper-and-smaller point dominates JIT); its
//!   frontier points from there up to its optimum are reduced to their lower convex hull in
//!   (cash, cost);
//!   the hull's segments, across items, are taken in order of cost saved per unit of cash
//!   (marginal analysis, as in Silver, Pyke and Thomas, *Inventory and Production Management
//!   in Supply Chains*, §7.7 on exchange curves). For a budget, the best allocation is the
//!   last curve point within it.
//! - **ABC** by yearly value (mean daily demand × days per year × unit cost), items sorted from
//!   the largest: an item is A while the value before it is under 80 % of the total, B under
//!   95 %, C after.
//! - **XYZ** by the coefficient of variation of daily demand (sd ÷ mean, of the demand
//!   distribution; weekly pattern, seasonality and shocks aside): X under 0.5, Y under 1,
//!   Z from 1.
//! - **Class cells**: for each ABC × XYZ cell with items, how many are leaner than JIT, lean,
//!   balanced or buffered, and the stance most of them take (a tie goes to balanced, then to
//!   buffered, then to lean).

use std::collections::BTreeMap;

use crate::core::scenario::{Item, Scenario, Settings};
use crate::core::sim::stock_paths;
use crate::core::stats::MeanSe;
use crate::core::warehouse::{Tally, Warehouse, WarehouseUse};

use super::{advise, Advice, Frontier, FrontierPoint, NothingToChoose, Stance};

/// Share of yearly value: A up to 80 %, B to 95 %, C the rest.
pub const ABC_THRESHOLDS: (f64, f64) = (0.80, 0.95);
/// Coefficient of variation of daily demand: X under 0.5, Y under 1, Z from 1.
pub const XYZ_THRESHOLDS: (f64, f64) = (0.5, 1.0);

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AbcClass {
    A,
    B,
    C,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum XyzClass {
    X,
    Y,
    Z,
}

/// One item in the portfolio.
#[derive(Clone, Debug, PartialEq)]
pub struct PortfolioItem {
    /// Position in the scenario.
    pub index: usize,
    pub advice: Advice,
    pub yearly_value: f64,
    pub cv: f64,
    pub abc: AbcClass,
    pub xyz: XyzClass,
}

/// A total over the optimised items.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PortfolioTotal {
    /// Yearly total cost, summed replication by replication.
    pub cost_per_year: MeanSe,
    /// The items' average cash tied up (`core::payment`), summed.
    pub cash: f64,
    /// The part of it in transit, paid at order, summed. (Peaks are each item's own: the
    /// portfolio's peak would need the items' days side by side.)
    pub cash_in_transit: f64,
}

/// A point of the exchange curve: one allocation of buffers.
#[derive(Clone, Debug, PartialEq)]
pub struct ExchangePoint {
    /// Total average inventory value.
    pub cash: f64,
    /// Total expected yearly cost.
    pub cost_per_year: f64,
    /// Each optimised item's buffer in days, in `Portfolio::items` order.
    pub buffer_days: Vec<f64>,
}

/// One ABC × XYZ cell.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassCell {
    pub abc: AbcClass,
    pub xyz: XyzClass,
    /// Items leaner than JIT, lean, balanced, buffered.
    pub counts: [usize; 4],
    pub stance: Stance,
}

/// The portfolio view.
#[derive(Clone, Debug, PartialEq)]
pub struct Portfolio {
    pub items: Vec<PortfolioItem>,
    /// Items with nothing to optimise, left out of the totals.
    pub skipped: Vec<NothingToChoose>,
    pub jit: PortfolioTotal,
    pub jic: PortfolioTotal,
    pub optimum: PortfolioTotal,
    /// From JIT everywhere to every item at its optimum, cash increasing, cost decreasing.
    pub exchange: Vec<ExchangePoint>,
    pub cells: Vec<ClassCell>,
    /// The calendar date of day 0, when the scenario gives one (the plan's periods as dates).
    pub start_date: Option<crate::core::calendar::Date>,
    /// The warehouse's space used by every optimised item, when the scenario has a warehouse
    /// and the items' samples were added up.
    pub warehouse: Option<WarehouseUse>,
}

impl Portfolio {
    /// The allocation that saves the most within a cash budget (total average inventory
    /// value).
    ///
    /// # Errors
    /// When the budget is below what JIT everywhere ties up; the message names both.
    pub fn allocate(&self, budget: f64) -> Result<&ExchangePoint, String> {
        let first = self.exchange.first().ok_or("no item has anything to optimise")?;
        if budget.is_nan() || budget < first.cash {
            return Err(format!(
                "a cash budget of {} is below the {} that JIT everywhere ties up; accepted: \
                 from {} up",
                crate::core::input::Num(budget.round()),
                crate::core::input::Num(first.cash.round()),
                crate::core::input::Num(first.cash.ceil()),
            ));
        }
        Ok(self.exchange.iter().rev().find(|p| p.cash <= budget).unwrap_or(first))
    }
}

/// The portfolio of a scenario's items from their frontiers (in item order; an item with
/// nothing to optimise carries its reason), worded as the scenario says, with the
/// warehouse's space from the optimised items' samples added up ([`warehouse_sample`]) when
/// the scenario has a warehouse.
pub fn portfolio(
    scenario: &Scenario,
    frontiers: Vec<Result<Frontier, NothingToChoose>>,
    space: Option<&Tally>,
) -> Portfolio {
    let days_per_year = scenario.settings().days_per_year();
    let mut items = Vec::new();
    let mut skipped = Vec::new();
    let mut kept: Vec<Frontier> = Vec::new();
    for (index, f) in frontiers.into_iter().enumerate() {
        match f {
            Ok(f) => {
                let item = &scenario.items()[index];
                let d = item.demand().expected();
                let cv = if d > 0.0 { item.demand().sd() / d } else { 0.0 };
                items.push(PortfolioItem {
                    index,
                    advice: advise(item, &f, scenario.wording()),
                    yearly_value: d * days_per_year * item.unit_cost(),
                    cv,
                    abc: AbcClass::C,
                    xyz: xyz(cv),
                });
                kept.push(f);
            }
            Err(e) => skipped.push(e),
        }
    }
    classify_abc(&mut items);
    let total = |pick: fn(&Frontier) -> &FrontierPoint| {
        let n = kept.first().map_or(0, |f| f.points[0].costs().len());
        let mut sum = vec![0.0; n];
        let (mut cash, mut cash_in_transit) = (0.0, 0.0);
        for f in &kept {
            let p = pick(f);
            sum.iter_mut().zip(p.costs()).for_each(|(s, c)| *s += c);
            cash += p.result.avg_cash_tied_up.mean();
            cash_in_transit += p.result.avg_cash_in_transit.mean();
        }
        let mut cost = MeanSe::default();
        sum.into_iter().for_each(|x| cost.push(x));
        PortfolioTotal { cost_per_year: cost, cash, cash_in_transit }
    };
    let jit = total(Frontier::jit);
    let jic = total(Frontier::jic);
    let optimum = total(Frontier::optimum);
    let exchange = exchange_curve(&kept);
    let cells = class_cells(&items);
    let start_date = scenario.settings().start_date();
    let warehouse = scenario.warehouse().zip(space).map(|(w, t)| t.totals(w));
    Portfolio { items, skipped, jit, jic, optimum, exchange, cells, start_date, warehouse }
}

fn xyz(cv: f64) -> XyzClass {
    if cv < XYZ_THRESHOLDS.0 {
        XyzClass::X
    } else if cv < XYZ_THRESHOLDS.1 {
        XyzClass::Y
    } else {
        XyzClass::Z
    }
}

fn classify_abc(items: &mut [PortfolioItem]) {
    let total: f64 = items.iter().map(|i| i.yearly_value).sum();
    let mut order: Vec<usize> = (0..items.len()).collect();
    // Decreasing value: negation reverses `total_cmp`'s order exactly.
    crate::core::stats::sort_indices(&mut order, &|i| -items[i].yearly_value);
    let mut before = 0.0;
    for i in order {
        let share = if total > 0.0 { before / total } else { 1.0 };
        items[i].abc = if share < ABC_THRESHOLDS.0 {
            AbcClass::A
        } else if share < ABC_THRESHOLDS.1 {
            AbcClass::B
        } else {
            AbcClass::C
        };
        before += items[i].yearly_value;
    }
}

fn class_cells(items: &[PortfolioItem]) -> Vec<ClassCell> {
    let mut cells: BTreeMap<(AbcClass, XyzClass), [usize; 4]> = BTreeMap::new();
    for i in items {
        let slot = match i.advice.stance {
            Stance::Leaner => 0,
            Stance::Lean => 1,
            Stance::Balanced => 2,
            Stance::Buffered => 3,
        };
        cells.entry((i.abc, i.xyz)).or_default()[slot] += 1;
    }
    cells
        .into_iter()
        .map(|((abc, xyz), counts)| {
            // Most items; a tie goes to balanced, then buffered, then lean.
            let stance = [
                (counts[2], 3, Stance::Balanced),
                (counts[3], 2, Stance::Buffered),
                (counts[1], 1, Stance::Lean),
                (counts[0], 0, Stance::Leaner),
            ]
            .into_iter()
            .max_by_key(|&(n, preference, _)| (n, preference))
            .map_or(Stance::Balanced, |(_, _, s)| s);
            ClassCell { abc, xyz, counts, stance }
        })
        .collect()
}

/// The lower convex hull, in (cash, cost), of an item's points from its start (JIT, or a
/// point that dominates it) to its optimum: cash increasing, cost decreasing.
fn hull(f: &Frontier) -> Vec<&FrontierPoint> {
    let xy =
        |p: &FrontierPoint| (p.result.avg_cash_tied_up.mean(), p.result.total_cost_per_year.mean());
    let reach = &f.points[..=f.best];
    let jit_cash = xy(f.jit()).0;
    let start = std::iter::once(f.jit())
        .chain(reach.iter().filter(|p| xy(p).0 <= jit_cash))
        .min_by(|a, b| xy(a).1.total_cmp(&xy(b).1))
        .unwrap_or(f.jit());
    let (start_cash, start_cost) = xy(start);
    let mut candidates: Vec<&FrontierPoint> = std::iter::once(start)
        .chain(reach.iter().filter(|p| {
            let (c, y) = xy(p);
            c > start_cash && y < start_cost
        }))
        .collect();
    candidates.sort_by(|a, b| xy(a).0.total_cmp(&xy(b).0));
    let mut h: Vec<&FrontierPoint> = Vec::new();
    for p in candidates {
        while h.len() >= 2 {
            let (o, a) = (xy(h[h.len() - 2]), xy(h[h.len() - 1]));
            let b = xy(p);
            let cross = (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0);
            if cross <= 0.0 {
                h.pop();
            } else {
                break;
            }
        }
        h.push(p);
    }
    // Keep the part where cost still falls.
    let mut out = vec![h[0]];
    for &p in &h[1..] {
        if xy(p).1 < out.last().map_or(f64::INFINITY, |q| xy(q).1) {
            out.push(p);
        }
    }
    out
}

fn exchange_curve(frontiers: &[Frontier]) -> Vec<ExchangePoint> {
    if frontiers.is_empty() {
        return Vec::new();
    }
    let hulls: Vec<Vec<&FrontierPoint>> = frontiers.iter().map(hull).collect();
    let xy =
        |p: &FrontierPoint| (p.result.avg_cash_tied_up.mean(), p.result.total_cost_per_year.mean());
    // Every hull segment: (saving per unit cash, item, step).
    let mut segments: Vec<(f64, usize, usize)> = Vec::new();
    for (k, h) in hulls.iter().enumerate() {
        for s in 1..h.len() {
            let (a, b) = (xy(h[s - 1]), xy(h[s]));
            segments.push(((a.1 - b.1) / (b.0 - a.0), k, s));
        }
    }
    // Steepest saving first; an item's own segments are already in that order (convexity).
    segments.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut at: Vec<usize> = vec![0; frontiers.len()];
    let point = |at: &[usize]| {
        let (mut cash, mut cost) = (0.0, 0.0);
        let mut buffer_days = Vec::with_capacity(at.len());
        for (h, &s) in hulls.iter().zip(at) {
            let (c, y) = xy(h[s]);
            cash += c;
            cost += y;
            buffer_days.push(h[s].buffer_days);
        }
        ExchangePoint { cash, cost_per_year: cost, buffer_days }
    };
    let mut curve = vec![point(&at)];
    for (_, k, s) in segments {
        at[k] = s;
        curve.push(point(&at));
    }
    curve
}

/// An item's sample of warehouse space (`core::warehouse`): its stock at the end of every day
/// of the first `core::warehouse::SAMPLE_REPLICATIONS` replications (at most `settings`'), × `per_unit`, for
/// JIT, JIC and its optimum, on the item as its frontier plans it (the levers it keeps).
pub fn warehouse_sample(
    item: &Item,
    settings: &Settings,
    frontier: &Frontier,
    per_unit: f64,
) -> Tally {
    let item = frontier.item_as_planned(item);
    let item = item.as_ref();
    let mut tally = Tally::for_run(settings.n_replications(), settings.horizon_days());
    let replications = tally.replications;
    let policies = [
        frontier.jit().result.policy,
        frontier.jic().result.policy,
        frontier.optimum().result.policy,
    ];
    stock_paths(item, settings, &policies, replications, |a, r, stock| {
        let at = tally.row(a, r);
        for (slot, &units) in tally.space[at..].iter_mut().zip(stock) {
            *slot = Tally::fixed(Warehouse::space(item, per_unit, units));
        }
    });
    tally.warm_up_days = item.warm_up_days();
    tally.items = 1;
    tally
}
