//! What `jitjic optimise` writes: each item's frontier, optimum, service-target buffer,
//! advice and (when asked) drivers, then the portfolio. Every mean has its standard error and
//! unit; docs/model.md defines each figure.

use serde::Serialize;

use crate::core::calendar::Date;
use crate::core::optimise::levers::Lever;
use crate::core::optimise::{
    rule_words, AbcClass, ClassCell, Frontier, FrontierPoint, NothingToChoose, Portfolio,
    PortfolioTotal, RuleOption, RuleShape, Sensitivity, TargetBuffer,
};
use crate::core::optimise::{Stance, XyzClass};
use crate::core::plan::ErpPlan;
use crate::core::warehouse::{SpaceTotal, SpaceUnit, WarehouseUse};
use crate::core::{MeanSe, Scenario, ServiceTarget};

use super::results::{Estimate, RESULTS_VERSION};

fn est(stat: &MeanSe, unit: &str) -> Estimate {
    Estimate { mean: stat.mean(), se: stat.se(), unit: unit.to_owned() }
}

/// One buffer of a frontier.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FrontierPointOut {
    pub buffer_days: f64,
    pub buffer_units: f64,
    pub total_cost_per_year: Estimate,
    /// Yearly total cost minus the cheapest point's, paired replication by replication.
    pub cost_above_best_per_year: Estimate,
    pub total_cost_per_year_p95: f64,
    pub purchase_cost_per_year: Estimate,
    pub ordering_cost_per_year: Estimate,
    pub holding_cost_per_year: Estimate,
    pub storage_cost_per_year: Estimate,
    pub backorder_cost_per_year: Estimate,
    pub lost_sale_cost_per_year: Estimate,
    pub expiry_cost_per_year: Estimate,
    pub obsolescence_cost_per_year: Estimate,
    pub fill_rate: Estimate,
    pub cycle_service_level: Estimate,
    pub stockout_days_per_year: Estimate,
    pub avg_inventory_value: Estimate,
    /// Cash tied up: the average, the peak, and the part in transit (paid at order).
    pub avg_cash_tied_up: Estimate,
    pub peak_cash_tied_up: Estimate,
    pub avg_cash_in_transit: Estimate,
    /// Margin per year, when the item's selling price is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_per_year: Option<Estimate>,
}

/// A replenishment rule the optimiser compared, at its cheapest buffer tried.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RuleOut {
    /// "order-up-to", "(r, Q)" or "(s, S)".
    pub family: &'static str,
    /// Days between reviews.
    pub review_period_days: u32,
    /// Q of (r, Q), or S − s of (s, S).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_quantity_units: Option<f64>,
    /// The rule in a planner's words, at this buffer.
    pub words: String,
    pub buffer_days: f64,
    pub total_cost_per_year: Estimate,
    /// Its yearly cost minus the optimum's, paired replication by replication.
    pub cost_above_optimum_per_year: Estimate,
    /// Within 1.96 paired standard errors of the optimum.
    pub same_cost_within_noise: bool,
    pub orders_per_year: f64,
    /// Units ordered a year over orders a year.
    pub typical_order_units: f64,
}

/// A paired difference: how much more `of` costs than the optimum, per year.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DifferenceOut {
    pub buffer_days: f64,
    pub cost_above_optimum_per_year: Estimate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetOut {
    /// "cycle_service_level" or "fill_rate".
    pub kind: &'static str,
    pub target: f64,
    pub reached: bool,
    /// The smallest buffer that reaches it (or the largest tried, when unreachable).
    pub buffer_days: f64,
    pub achieved: Estimate,
    /// Its yearly cost above the optimum, paired (absent when unreachable).
    pub premium_per_year: Option<Estimate>,
}

/// The recommended policy as an ERP runs it: exactly what was simulated (see docs/model.md).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErpOut {
    /// The first period's levels (the only ones when the plan does not move).
    pub safety_stock_units: f64,
    pub reorder_point_units: f64,
    pub order_up_to_units: f64,
    pub order_quantity_units: f64,
    pub review_period_days: u32,
    pub minimum_order_units: f64,
    pub order_multiple_units: f64,
    pub maximum_order_units: Option<f64>,
    /// Levels are whole units (demand is).
    pub whole_units: bool,
    /// The levels move: more than one period, or levels by day of the week.
    pub time_phased: bool,
    pub periods: Vec<ErpPeriodOut>,
    /// The expediting the plan keeps, when it pays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expedite: Option<ExpediteOut>,
    /// Purchases on top of the rule ahead of announced price rises, when they pay.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub buy_ahead: Vec<BuyAheadOut>,
}

/// A purchase ahead of an announced rise: at the review of `day`, `units` on top of the rule.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BuyAheadOut {
    pub day: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub units: f64,
    pub change_day: u32,
}

/// An expedite rule as an ERP (or a planner's checklist) holds it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExpediteOut {
    pub trigger_units: f64,
    pub order_units: f64,
    pub lead_time_days: u32,
}

/// A lever weighed against the buffer alone (`core::optimise::levers`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LeverOut {
    /// "expedite", "forward_buy" or "backup".
    pub lever: &'static str,
    /// Whether the recommendation uses it.
    pub used: bool,
    /// The buffer alone's optimum cost minus the lever's, paired (positive: it saves).
    pub saving_per_year: Estimate,
    pub buffer_days_with: f64,
    pub buffer_days_without: f64,
    /// A dual-index backup's level zₑ the search chose, in units.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub level_units: Option<f64>,
    pub sentence: String,
}

/// One period of the plan, from `start_day` to the day before `end_day`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErpPeriodOut {
    pub start_day: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    pub end_day: u32,
    /// One set of levels, or seven by `day_of_cycle` (day mod 7; 0 is day 0's).
    pub levels: Vec<ErpLevelsOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ErpLevelsOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub day_of_cycle: Option<u32>,
    pub order_up_to_units: f64,
    pub reorder_point_units: f64,
    pub safety_stock_units: f64,
    pub order_quantity_units: f64,
}

impl ErpOut {
    /// The plan as written out; dates when the scenario has a start date.
    pub fn new(plan: &ErpPlan, start: Option<Date>) -> ErpOut {
        let first = plan.first();
        ErpOut {
            safety_stock_units: first.safety_stock_units,
            reorder_point_units: first.reorder_point_units,
            order_up_to_units: first.order_up_to_units,
            order_quantity_units: first.order_quantity_units,
            review_period_days: plan.review_period_days,
            minimum_order_units: plan.minimum_order_units,
            order_multiple_units: plan.order_multiple_units,
            maximum_order_units: plan
                .maximum_order_units
                .is_finite()
                .then_some(plan.maximum_order_units),
            whole_units: plan.whole_units,
            time_phased: plan.time_phased(),
            expedite: plan.expedite.map(|e| ExpediteOut {
                trigger_units: e.trigger_units,
                order_units: e.order_units,
                lead_time_days: e.lead_time_days,
            }),
            buy_ahead: plan
                .buy_ahead
                .iter()
                .map(|b| BuyAheadOut {
                    day: b.day,
                    date: start.map(|d| d.plus_days(i64::from(b.day)).to_string()),
                    units: b.units,
                    change_day: b.change_day,
                })
                .collect(),
            periods: plan
                .periods
                .iter()
                .map(|p| ErpPeriodOut {
                    start_day: p.start_day,
                    start_date: start.map(|d| d.plus_days(i64::from(p.start_day)).to_string()),
                    end_day: p.end_day,
                    levels: p
                        .levels
                        .iter()
                        .enumerate()
                        .map(|(w, l)| ErpLevelsOut {
                            day_of_cycle: (p.levels.len() > 1).then_some(w as u32),
                            order_up_to_units: l.order_up_to_units,
                            reorder_point_units: l.reorder_point_units,
                            safety_stock_units: l.safety_stock_units,
                            order_quantity_units: l.order_quantity_units,
                        })
                        .collect(),
                })
                .collect(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DriverOut {
    pub driver: &'static str,
    pub level: String,
    pub step: &'static str,
    pub buffer_days_after_step: f64,
    pub cost_gap_after_step_per_year: f64,
    /// For a risk: the optimal buffer without it.
    pub buffer_days_without: Option<f64>,
    pub cost_gap_without_per_year: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SensitivityOut {
    pub base_buffer_days: f64,
    /// JIT's yearly cost minus the optimum's, on the sensitivity runs' grid.
    pub base_cost_gap_per_year: f64,
    pub drivers: Vec<DriverOut>,
    pub sentence: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptimisedItemOut {
    pub name: String,
    /// Why the item has nothing to optimise; everything else is then absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nothing_to_optimise: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub optimum: Option<OptimumOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<SensitivityOut>,
    pub points: Vec<FrontierPointOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptimumOut {
    pub stance: &'static str,
    pub advice: String,
    /// The optimal rule: how often and how much to order.
    pub rule: RuleOut,
    /// Every rule compared (the item's own first), each at its cheapest buffer tried.
    pub rules: Vec<RuleOut>,
    /// The smallest yearly saving the advice calls a difference for this item (the
    /// scenario's "practically the same", in money).
    pub practically_same_per_year: f64,
    /// The cheapest buffer, in days of mean demand.
    pub buffer_days: f64,
    /// The buffers that cost the same as the best within 1.96 paired standard errors.
    pub same_cost_buffer_days: [f64; 2],
    pub total_cost_per_year: Estimate,
    /// Margin per year at the optimum, when the item's selling price is known: the most
    /// margin of any buffer tried, as the least cost is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub margin_per_year: Option<Estimate>,
    /// Cash tied up at the optimum, on average.
    pub avg_cash_tied_up: Estimate,
    pub jit: DifferenceOut,
    pub jic: DifferenceOut,
    pub lower_neighbour: Option<DifferenceOut>,
    pub upper_neighbour: Option<DifferenceOut>,
    pub erp: ErpOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_target: Option<TargetOut>,
    /// The other answers to supply risk the item offers, each weighed against the buffer
    /// alone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub levers: Vec<LeverOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TotalOut {
    pub total_cost_per_year: Estimate,
    pub cash_tied_up: f64,
    pub cash_in_transit: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExchangeOut {
    pub cash_tied_up: f64,
    pub total_cost_per_year: f64,
    pub buffer_days: Vec<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClassOut {
    /// The item's position in its catalogue (`jitjic portfolio`); a scenario file's classes
    /// are in item order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<u32>,
    pub item: String,
    pub abc: String,
    pub xyz: String,
    pub yearly_value: f64,
    pub demand_cv: f64,
    pub stance: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CellOut {
    pub cell: String,
    pub leaner: usize,
    pub lean: usize,
    pub balanced: usize,
    pub buffered: usize,
    pub stance: &'static str,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PortfolioOut {
    pub jit_everywhere: TotalOut,
    pub jic_everywhere: TotalOut,
    pub each_at_its_optimum: TotalOut,
    pub exchange_curve: Vec<ExchangeOut>,
    /// The allocation for the `--budget` given, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_allocation: Option<ExchangeOut>,
    pub classes: Vec<ClassOut>,
    pub cells: Vec<CellOut>,
    /// The shared warehouse's space, when the scenario has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warehouse: Option<WarehouseOut>,
}

/// The warehouse's space used by every optimised item (`core::warehouse`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WarehouseOut {
    pub capacity: f64,
    /// `"units"` or `"m3"`.
    pub unit: &'static str,
    pub replications_sampled: u32,
    pub items_counted: u32,
    /// Days before it (the largest warm-up) are in `p95_by_day` only.
    pub first_measured_day: u32,
    pub jit_everywhere: SpaceOut,
    pub jic_everywhere: SpaceOut,
    pub each_at_its_optimum: SpaceOut,
}

/// One allocation's space against the warehouse's capacity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SpaceOut {
    pub busiest_day: u32,
    pub busiest_day_p95: f64,
    pub mean: f64,
    pub share_of_days_over_capacity: f64,
    pub days_with_p95_over_capacity: u32,
    pub p95_by_day: Vec<f64>,
}

fn warehouse_out(w: &WarehouseUse) -> WarehouseOut {
    let space = |t: &SpaceTotal| SpaceOut {
        busiest_day: t.busiest_day,
        busiest_day_p95: t.busiest_p95,
        mean: t.mean,
        share_of_days_over_capacity: t.share_of_days_over,
        days_with_p95_over_capacity: t.p95_days_over,
        p95_by_day: t.p95_by_day.clone(),
    };
    let [jit, jic, optimum] = [0, 1, 2].map(|a| space(&w.by_allocation[a]));
    WarehouseOut {
        capacity: w.warehouse.capacity,
        unit: match w.warehouse.unit {
            SpaceUnit::Units => "units",
            SpaceUnit::CubicMetres => "m3",
        },
        replications_sampled: w.replications,
        items_counted: w.items,
        first_measured_day: w.first_measured_day,
        jit_everywhere: jit,
        jic_everywhere: jic,
        each_at_its_optimum: optimum,
    }
}

/// The whole output.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OptimiseFile {
    pub version: u32,
    pub generator: String,
    pub currency: String,
    pub items: Vec<OptimisedItemOut>,
    pub portfolio: PortfolioOut,
}

fn point_out(f: &Frontier, i: usize, currency: &str, priced: bool) -> FrontierPointOut {
    let p = &f.points[i];
    let r = &p.result;
    let money = format!("{currency}/year");
    let m = |s: &MeanSe| est(s, &money);
    FrontierPointOut {
        buffer_days: p.buffer_days,
        buffer_units: r.policy.buffer_units,
        total_cost_per_year: m(&r.total_cost_per_year),
        cost_above_best_per_year: m(&p.cost_above_best),
        total_cost_per_year_p95: r.total_cost_quantiles.p95,
        purchase_cost_per_year: m(&r.purchase_cost_per_year),
        ordering_cost_per_year: m(&r.ordering_cost_per_year),
        holding_cost_per_year: m(&r.holding_cost_per_year),
        storage_cost_per_year: m(&r.storage_cost_per_year),
        backorder_cost_per_year: m(&r.backorder_cost_per_year),
        lost_sale_cost_per_year: m(&r.lost_sale_cost_per_year),
        expiry_cost_per_year: m(&r.expiry_cost_per_year),
        obsolescence_cost_per_year: m(&r.obsolescence_cost_per_year),
        fill_rate: est(&r.fill_rate, "fraction"),
        cycle_service_level: est(&r.cycle_service_level, "fraction"),
        stockout_days_per_year: est(&r.stockout_days_per_year, "days/year"),
        avg_inventory_value: est(&r.avg_inventory_value, currency),
        avg_cash_tied_up: est(&r.avg_cash_tied_up, currency),
        peak_cash_tied_up: est(&r.peak_cash_tied_up, currency),
        avg_cash_in_transit: est(&r.avg_cash_in_transit, currency),
        margin_per_year: priced.then(|| m(&r.margin_per_year)),
    }
}

fn target_out(f: &Frontier, currency: &str) -> Option<TargetOut> {
    let (target, found) = f.target.as_ref()?;
    let (kind, goal, service): (_, _, fn(&crate::core::PolicyResult) -> MeanSe) = match *target {
        ServiceTarget::CycleServiceLevel(a) => {
            ("cycle_service_level", a, |r| r.cycle_service_level)
        }
        ServiceTarget::FillRate(b) => ("fill_rate", b, |r| r.fill_rate),
    };
    Some(match found {
        TargetBuffer::Reached { point } => TargetOut {
            kind,
            target: goal,
            reached: true,
            buffer_days: f.points[*point].buffer_days,
            achieved: est(&service(&f.points[*point].result), "fraction"),
            premium_per_year: Some(est(
                &f.paired_difference(*point, f.best),
                &format!("{currency}/year"),
            )),
        },
        TargetBuffer::Unreachable { largest_buffer_days, achieved } => TargetOut {
            kind,
            target: goal,
            reached: false,
            buffer_days: *largest_buffer_days,
            achieved: est(achieved, "fraction"),
            premium_per_year: None,
        },
    })
}

fn rule_out(item: &crate::core::Item, o: &RuleOption, money: &str) -> RuleOut {
    let r = &o.point.result;
    let orders = r.orders_per_year.mean();
    RuleOut {
        family: o.shape.family(),
        review_period_days: o.shape.review_days(item),
        order_quantity_units: match o.shape {
            RuleShape::Periodic { .. } => None,
            RuleShape::ReorderQuantity { quantity } => Some(quantity),
            RuleShape::MinMax { gap } => Some(gap),
        },
        words: rule_words(item, &o.point),
        buffer_days: o.point.buffer_days,
        total_cost_per_year: est(&r.total_cost_per_year, money),
        cost_above_optimum_per_year: est(&o.point.cost_above_best, money),
        same_cost_within_noise: o.point.cost_above_best.mean()
            <= 1.96 * o.point.cost_above_best.se(),
        orders_per_year: orders,
        typical_order_units: r.typical_order_units(),
    }
}

pub(crate) fn total_out(t: &PortfolioTotal, currency: &str) -> TotalOut {
    TotalOut {
        total_cost_per_year: est(&t.cost_per_year, &format!("{currency}/year")),
        cash_tied_up: t.cash,
        cash_in_transit: t.cash_in_transit,
    }
}

pub(crate) fn class_out(
    position: Option<u32>,
    item: &str,
    (abc, xyz): (AbcClass, XyzClass),
    yearly_value: f64,
    demand_cv: f64,
    stance: Stance,
) -> ClassOut {
    ClassOut {
        position,
        item: item.to_owned(),
        abc: format!("{abc:?}"),
        xyz: format!("{xyz:?}"),
        yearly_value,
        demand_cv,
        stance: stance.name(),
    }
}

pub(crate) fn cell_out(c: &ClassCell) -> CellOut {
    CellOut {
        cell: format!("{:?}{:?}", c.abc, c.xyz),
        leaner: c.counts[0],
        lean: c.counts[1],
        balanced: c.counts[2],
        buffered: c.counts[3],
        stance: c.stance.name(),
    }
}

impl OptimiseFile {
    /// The output for a scenario: `frontiers` and `sensitivities` in item order (the
    /// frontier an item has nothing to optimise in carries why), `portfolio` from the same
    /// frontiers, `budget` the cash budget asked for.
    pub fn new(
        scenario: &Scenario,
        frontiers: &[Result<Frontier, NothingToChoose>],
        sensitivities: &[Option<Sensitivity>],
        portfolio: &Portfolio,
        budget: Option<f64>,
    ) -> Self {
        let currency = scenario.currency();
        let money = format!("{currency}/year");
        let mut advice = portfolio.items.iter();
        let items = scenario
            .items()
            .iter()
            .zip(frontiers)
            .enumerate()
            .map(|(i, (item, f))| {
                let name = item.name().to_owned();
                let f = match f {
                    Err(e) => {
                        return OptimisedItemOut {
                            name,
                            nothing_to_optimise: Some(e.reason.clone()),
                            optimum: None,
                            sensitivity: None,
                            points: Vec::new(),
                        }
                    }
                    Ok(f) => f,
                };
                let a = &advice.next().expect("one advice per optimised item").advice;
                let diff = |p: &FrontierPoint| DifferenceOut {
                    buffer_days: p.buffer_days,
                    cost_above_optimum_per_year: est(&p.cost_above_best, &money),
                };
                let rule = |o: &RuleOption| rule_out(item, o, &money);
                let optimum = OptimumOut {
                    stance: a.stance.name(),
                    advice: a.sentence.clone(),
                    rule: rule(&RuleOption { shape: f.rule, point: f.optimum().clone() }),
                    rules: f.rules.iter().map(rule).collect(),
                    practically_same_per_year: a.practically_same_per_year,
                    buffer_days: a.buffer_days,
                    same_cost_buffer_days: [a.same_cost_days.0, a.same_cost_days.1],
                    total_cost_per_year: est(&a.total_cost_per_year, &money),
                    margin_per_year: item
                        .selling_price()
                        .map(|_| est(&f.optimum().result.margin_per_year, &money)),
                    avg_cash_tied_up: est(&f.optimum().result.avg_cash_tied_up, currency),
                    jit: diff(f.jit()),
                    jic: diff(f.jic()),
                    lower_neighbour: f.neighbours().0.map(diff),
                    upper_neighbour: f.neighbours().1.map(diff),
                    erp: ErpOut::new(&a.erp, scenario.settings().start_date()),
                    service_target: target_out(f, currency),
                    levers: f
                        .levers
                        .iter()
                        .map(|l| LeverOut {
                            lever: match l.lever {
                                Lever::Expedite => "expedite",
                                Lever::ForwardBuy => "forward_buy",
                                Lever::Backup => "backup",
                            },
                            level_units: l.level_units,
                            used: l.used,
                            saving_per_year: est(&l.saving_per_year, &money),
                            buffer_days_with: l.buffer_days_with,
                            buffer_days_without: l.buffer_days_without,
                            sentence: l.sentence(item, currency),
                        })
                        .collect(),
                };
                let sensitivity =
                    sensitivities.get(i).and_then(Option::as_ref).map(|s| SensitivityOut {
                        base_buffer_days: s.base_buffer_days,
                        base_cost_gap_per_year: s.base_gap,
                        drivers: s
                            .effects
                            .iter()
                            .map(|e| DriverOut {
                                driver: e.driver.name(),
                                level: e.level.clone(),
                                step: e.driver.step(),
                                buffer_days_after_step: e.stepped_buffer_days,
                                cost_gap_after_step_per_year: e.stepped_gap,
                                buffer_days_without: e.without.map(|w| w.buffer_days),
                                cost_gap_without_per_year: e.without.map(|w| w.gap),
                            })
                            .collect(),
                        sentence: s.sentence.clone(),
                    });
                OptimisedItemOut {
                    name,
                    nothing_to_optimise: None,
                    optimum: Some(optimum),
                    sensitivity,
                    points: (0..f.points.len())
                        .map(|j| point_out(f, j, currency, item.selling_price().is_some()))
                        .collect(),
                }
            })
            .collect();
        let exchange = |p: &crate::core::optimise::ExchangePoint| ExchangeOut {
            cash_tied_up: p.cash,
            total_cost_per_year: p.cost_per_year,
            buffer_days: p.buffer_days.clone(),
        };
        let portfolio_out = PortfolioOut {
            jit_everywhere: total_out(&portfolio.jit, currency),
            jic_everywhere: total_out(&portfolio.jic, currency),
            each_at_its_optimum: total_out(&portfolio.optimum, currency),
            exchange_curve: portfolio.exchange.iter().map(exchange).collect(),
            budget_allocation: budget.and_then(|b| portfolio.allocate(b).ok()).map(exchange),
            classes: portfolio
                .items
                .iter()
                .map(|i| {
                    let (value, cv, stance) = (i.yearly_value, i.cv, i.advice.stance);
                    class_out(None, &i.advice.item, (i.abc, i.xyz), value, cv, stance)
                })
                .collect(),
            cells: portfolio.cells.iter().map(cell_out).collect(),
            warehouse: portfolio.warehouse.as_ref().map(warehouse_out),
        };
        OptimiseFile {
            version: RESULTS_VERSION,
            generator: format!("jitjic {}", env!("CARGO_PKG_VERSION")),
            currency: currency.to_owned(),
            items,
            portfolio: portfolio_out,
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}
