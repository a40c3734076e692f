//! The portfolio: every item's frontier summed, classified and traded against cash.
//!
//! - **Totals** per policy: JIT everywhere, JIC everywhere, each item at its optimum. Each
//!   total is summed replication by replication, so items sharing a supplier (and so its
//!   days down) are added with their correlation, and its standard error is the total's own.
//!   The sums are exact until read (`core::exact_sum`): items optimised in pieces, on other
//!   machines, in any order, give the totals one process gives, bit for bit. What an item
//!   brings to the portfolio is its [`Share`]; a catalogue's records carry it.
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

use crate::core::exact_sum::ExactSum;
use crate::core::input::Num;
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
        let cash: Vec<f64> = self.exchange.iter().map(|p| p.cash).collect();
        Ok(&self.exchange[within(&cash, budget)?])
    }
}

/// The last of the exchange curve's points (cash increasing) within a budget.
fn within(cash: &[f64], budget: f64) -> Result<usize, String> {
    let first = *cash.first().ok_or("no item has anything to optimise")?;
    if budget.is_nan() || budget < first {
        return Err(format!(
            "a cash budget of {} is below the {} that JIT everywhere ties up; accepted: from {} up",
            Num(budget.round()),
            Num(first.round()),
            Num(first.ceil()),
        ));
    }
    Ok(cash.iter().rposition(|&c| c <= budget).unwrap_or(0))
}

/// One of an item's allocations (JIT, JIC, its optimum) as the totals add it.
#[derive(Clone, Debug, PartialEq)]
pub struct Allocation {
    /// Yearly total cost in each replication, in replication order.
    pub cost_by_replication: Vec<f64>,
    pub cash_tied_up: f64,
    pub cash_in_transit: f64,
}

/// A point of an item's exchange hull: a buffer, the cash it ties up and what it costs.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HullPoint {
    pub buffer_days: f64,
    pub cash_tied_up: f64,
    pub cost_per_year: f64,
}

/// What the portfolio takes from one optimised item: all it needs to add the item in, so
/// that items optimised elsewhere (another process, a cluster's executors) add up to the
/// portfolio one process gives.
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    /// Mean daily demand × days per year × unit cost.
    pub yearly_value: f64,
    /// Coefficient of variation of daily demand.
    pub cv: f64,
    pub stance: Stance,
    /// JIT, JIC and its optimum.
    pub allocations: [Allocation; 3],
    /// Its exchange hull: from its start (JIT, or a point that dominates it) to its optimum,
    /// cash increasing, cost decreasing.
    pub hull: Vec<HullPoint>,
}

impl Share {
    /// An optimised item's share, with the stance its advice takes.
    pub fn new(item: &Item, f: &Frontier, stance: Stance, days_per_year: f64) -> Share {
        let d = item.demand().expected();
        let allocation = |p: &FrontierPoint| Allocation {
            cost_by_replication: p.costs().to_vec(),
            cash_tied_up: p.result.avg_cash_tied_up.mean(),
            cash_in_transit: p.result.avg_cash_in_transit.mean(),
        };
        Share {
            yearly_value: d * days_per_year * item.unit_cost(),
            cv: if d > 0.0 { item.demand().sd() / d } else { 0.0 },
            stance,
            allocations: [allocation(f.jit()), allocation(f.jic()), allocation(f.optimum())],
            hull: hull(f)
                .into_iter()
                .map(|p| HullPoint {
                    buffer_days: p.buffer_days,
                    cash_tied_up: p.result.avg_cash_tied_up.mean(),
                    cost_per_year: p.result.total_cost_per_year.mean(),
                })
                .collect(),
        }
    }
}

/// The totals' sums over items, kept exact (`core::exact_sum`): the same bits whatever the
/// order in which items, or sums of items made elsewhere, are added.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sums {
    /// Items added.
    pub items: u64,
    /// For JIT, JIC and the optimum: each replication's yearly total cost.
    pub cost_by_replication: [Vec<ExactSum>; 3],
    pub cash_tied_up: [ExactSum; 3],
    pub cash_in_transit: [ExactSum; 3],
}

impl Sums {
    /// Adds one item's allocations.
    ///
    /// # Errors
    /// When its replications are not as many as the items' before it.
    pub fn add(&mut self, allocations: &[Allocation; 3]) -> Result<(), String> {
        let n = allocations[0].cost_by_replication.len();
        self.replications_agree(n)?;
        for (a, alloc) in allocations.iter().enumerate() {
            let sums = &mut self.cost_by_replication[a];
            sums.resize_with(n, ExactSum::default);
            sums.iter_mut().zip(&alloc.cost_by_replication).for_each(|(s, &c)| s.add(c));
            self.cash_tied_up[a].add(alloc.cash_tied_up);
            self.cash_in_transit[a].add(alloc.cash_in_transit);
        }
        self.items += 1;
        Ok(())
    }

    /// Adds the items another sum holds.
    ///
    /// # Errors
    /// When its replications are not as many as this one's.
    pub fn merge(&mut self, other: &Sums) -> Result<(), String> {
        if other.items == 0 {
            return Ok(());
        }
        let n = other.cost_by_replication[0].len();
        self.replications_agree(n)?;
        for a in 0..3 {
            let sums = &mut self.cost_by_replication[a];
            sums.resize_with(n, ExactSum::default);
            sums.iter_mut().zip(&other.cost_by_replication[a]).for_each(|(s, o)| s.merge(o));
            self.cash_tied_up[a].merge(&other.cash_tied_up[a]);
            self.cash_in_transit[a].merge(&other.cash_in_transit[a]);
        }
        self.items += other.items;
        Ok(())
    }

    fn replications_agree(&self, n: usize) -> Result<(), String> {
        let have = self.cost_by_replication[0].len();
        if self.items > 0 && have != n {
            return Err(format!(
                "an item with {n} replications cannot be added to items with {have}: every \
                 item of a portfolio runs the same replications"
            ));
        }
        Ok(())
    }

    /// JIT everywhere, JIC everywhere, each item at its optimum.
    pub fn totals(&self) -> [PortfolioTotal; 3] {
        std::array::from_fn(|a| {
            let mut cost = MeanSe::default();
            self.cost_by_replication[a].iter().for_each(|s| cost.push(s.value()));
            PortfolioTotal {
                cost_per_year: cost,
                cash: self.cash_tied_up[a].value(),
                cash_in_transit: self.cash_in_transit[a].value(),
            }
        })
    }
}

/// A step of the exchange curve: one item moves up its hull.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ExchangeStep {
    /// Total average cash tied up after it.
    pub cash: f64,
    /// Total expected yearly cost after it.
    pub cost_per_year: f64,
    /// The item that moves (its place among the shares) and its new buffer in days.
    pub item: usize,
    pub buffer_days: f64,
}

/// The exchange curve, told as steps: from each item at its hull's start, one item moving
/// at a time (a catalogue's curve would be items × steps long if every point listed every
/// item's buffer).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Exchange {
    /// Each item's buffer at the start, in share order.
    pub start: Vec<f64>,
    pub start_cash: f64,
    pub start_cost_per_year: f64,
    /// Steepest saving per unit of cash first.
    pub steps: Vec<ExchangeStep>,
}

impl Exchange {
    /// The curve's points as cash increases: the start, then after each step.
    pub fn cash(&self) -> Vec<f64> {
        std::iter::once(self.start_cash).chain(self.steps.iter().map(|s| s.cash)).collect()
    }

    /// The point (0 the start, k after k steps) that saves the most within a cash budget.
    ///
    /// # Errors
    /// When the budget is below what JIT everywhere ties up; the message names both.
    pub fn allocate(&self, budget: f64) -> Result<usize, String> {
        if self.start.is_empty() {
            return Err("no item has anything to optimise".into());
        }
        within(&self.cash(), budget)
    }

    /// Every item's buffer in days at a point (0 the start, k after k steps).
    pub fn buffers_at(&self, point: usize) -> Vec<f64> {
        let mut buffers = self.start.clone();
        for s in &self.steps[..point.min(self.steps.len())] {
            buffers[s.item] = s.buffer_days;
        }
        buffers
    }

    /// Every point with every item's buffer (items × steps numbers: for a scenario's items,
    /// not a catalogue's).
    pub fn points(&self) -> Vec<ExchangePoint> {
        if self.start.is_empty() {
            return Vec::new();
        }
        let mut buffers = self.start.clone();
        let mut points = vec![ExchangePoint {
            cash: self.start_cash,
            cost_per_year: self.start_cost_per_year,
            buffer_days: buffers.clone(),
        }];
        for s in &self.steps {
            buffers[s.item] = s.buffer_days;
            points.push(ExchangePoint {
                cash: s.cash,
                cost_per_year: s.cost_per_year,
                buffer_days: buffers.clone(),
            });
        }
        points
    }
}

/// What the portfolio says of its items' shares (in position order) and their sums.
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub jit: PortfolioTotal,
    pub jic: PortfolioTotal,
    pub optimum: PortfolioTotal,
    pub exchange: Exchange,
    /// Each share's classes, in share order.
    pub abc: Vec<AbcClass>,
    pub xyz: Vec<XyzClass>,
    pub cells: Vec<ClassCell>,
}

/// The portfolio's totals, exchange curve and classes from its items' shares, in position
/// order, and their [`Sums`].
pub fn summarise(shares: &[Share], sums: &Sums) -> Summary {
    let [jit, jic, optimum] = sums.totals();
    let abc = classify_abc(&shares.iter().map(|s| s.yearly_value).collect::<Vec<_>>());
    let xyz: Vec<XyzClass> = shares.iter().map(|s| xyz(s.cv)).collect();
    let cells = class_cells(abc.iter().zip(&xyz).zip(shares).map(|((&a, &x), s)| (a, x, s.stance)));
    Summary { jit, jic, optimum, exchange: exchange_curve(shares), abc, xyz, cells }
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
    let mut optimised = Vec::new();
    let mut shares = Vec::new();
    let mut skipped = Vec::new();
    let mut sums = Sums::default();
    for (index, f) in frontiers.into_iter().enumerate() {
        match f {
            Ok(f) => {
                let item = &scenario.items()[index];
                let advice = advise(item, &f, scenario.wording());
                let share = Share::new(item, &f, advice.stance, days_per_year);
                // One scenario's items all run its replications.
                let _ = sums.add(&share.allocations);
                optimised.push((index, advice));
                shares.push(share);
            }
            Err(e) => skipped.push(e),
        }
    }
    let s = summarise(&shares, &sums);
    let items = optimised
        .into_iter()
        .zip(&shares)
        .enumerate()
        .map(|(k, ((index, advice), share))| PortfolioItem {
            index,
            advice,
            yearly_value: share.yearly_value,
            cv: share.cv,
            abc: s.abc[k],
            xyz: s.xyz[k],
        })
        .collect();
    Portfolio {
        items,
        skipped,
        jit: s.jit,
        jic: s.jic,
        optimum: s.optimum,
        exchange: s.exchange.points(),
        cells: s.cells,
        start_date: scenario.settings().start_date(),
        warehouse: scenario.warehouse().zip(space).map(|(w, t)| t.totals(w)),
    }
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

/// Each value's class, largest first: A while the value before it is under 80 % of the
/// total, B under 95 %, C after.
fn classify_abc(values: &[f64]) -> Vec<AbcClass> {
    let total = values.iter().copied().collect::<ExactSum>().value();
    let mut order: Vec<usize> = (0..values.len()).collect();
    // Decreasing value: negation reverses `total_cmp`'s order exactly.
    crate::core::stats::sort_indices(&mut order, &|i| -values[i]);
    let mut classes = vec![AbcClass::C; values.len()];
    let mut before = 0.0;
    for i in order {
        let share = if total > 0.0 { before / total } else { 1.0 };
        classes[i] = if share < ABC_THRESHOLDS.0 {
            AbcClass::A
        } else if share < ABC_THRESHOLDS.1 {
            AbcClass::B
        } else {
            AbcClass::C
        };
        before += values[i];
    }
    classes
}

fn class_cells(items: impl Iterator<Item = (AbcClass, XyzClass, Stance)>) -> Vec<ClassCell> {
    let mut cells: BTreeMap<(AbcClass, XyzClass), [usize; 4]> = BTreeMap::new();
    for (abc, xyz, stance) in items {
        let slot = match stance {
            Stance::Leaner => 0,
            Stance::Lean => 1,
            Stance::Balanced => 2,
            Stance::Buffered => 3,
        };
        cells.entry((abc, xyz)).or_default()[slot] += 1;
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

fn exchange_curve(shares: &[Share]) -> Exchange {
    if shares.is_empty() {
        return Exchange::default();
    }
    // Every hull segment: (saving per unit cash, item, step).
    let mut segments: Vec<(f64, usize, usize)> = Vec::new();
    for (k, s) in shares.iter().enumerate() {
        for (j, w) in s.hull.windows(2).enumerate() {
            let saving =
                (w[0].cost_per_year - w[1].cost_per_year) / (w[1].cash_tied_up - w[0].cash_tied_up);
            segments.push((saving, k, j + 1));
        }
    }
    // Steepest saving first; an item's own segments are already in that order (convexity).
    segments.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    // Exact running totals: a step adds the new point and takes away the old one, and the
    // curve's numbers do not depend on how the items were gathered.
    let mut cash: ExactSum = shares.iter().map(|s| s.hull[0].cash_tied_up).collect();
    let mut cost: ExactSum = shares.iter().map(|s| s.hull[0].cost_per_year).collect();
    let (start_cash, start_cost_per_year) = (cash.value(), cost.value());
    let steps = segments
        .into_iter()
        .map(|(_, k, j)| {
            let (from, to) = (shares[k].hull[j - 1], shares[k].hull[j]);
            cash.add(to.cash_tied_up);
            cash.add(-from.cash_tied_up);
            cost.add(to.cost_per_year);
            cost.add(-from.cost_per_year);
            ExchangeStep {
                cash: cash.value(),
                cost_per_year: cost.value(),
                item: k,
                buffer_days: to.buffer_days,
            }
        })
        .collect();
    Exchange {
        start: shares.iter().map(|s| s.hull[0].buffer_days).collect(),
        start_cash,
        start_cost_per_year,
        steps,
    }
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
