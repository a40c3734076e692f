//! Results as the command-line tool writes them: JSON (every metric with its standard error
//! and unit, the quantiles and the trajectory) or CSV (one row per item and policy). The list
//! of metrics, their keys and units is defined once here for both.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use serde::Serialize;

use crate::core::sim::{Comparison, PolicyResult, WindowKind};
use crate::core::{MeanSe, PolicyKind, Scenario};

/// The results format's version.
pub const RESULTS_VERSION: u32 = 1;

/// One metric of one policy: its mean across replications and the standard error of that
/// mean, in `unit`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Estimate {
    pub mean: f64,
    pub se: f64,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Percentiles {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
    pub unit: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BandOut {
    pub day: u32,
    pub p10: f64,
    pub p90: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrajectoryOut {
    /// End-of-day stock on hand, mean over replications, one value per day (warm-up
    /// included).
    pub mean_on_hand_by_day: Vec<f64>,
    /// P10 and P90 of end-of-day stock on hand on sampled days.
    pub band: Vec<BandOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PolicyOut {
    pub name: String,
    /// "jit", "jic", "make_to_order" or "custom".
    pub kind: &'static str,
    pub review_period_days: u32,
    /// The order-up-to level S (or r + Q), in units.
    pub order_up_to_units: f64,
    /// The level above the JIT level, in days of expected demand and in units (negative
    /// below it; docs/model.md says how each rule's is measured).
    pub buffer_days: f64,
    pub buffer_units: f64,
    /// The service target a JIC policy was sized for on the simulation: `kind`
    /// ("cycle_service_level" or "fill_rate"), `target`, and whether the sizing run
    /// `reached` it. What the policy achieves is its metric of that name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_target: Option<TargetOut>,
    /// Every metric by key; yearly figures end in `_per_year`, horizon totals in
    /// `_over_horizon` (the measured days only).
    pub metrics: BTreeMap<&'static str, Estimate>,
    /// Inventory turns: units shipped per year ÷ average units on hand; `null` when nothing
    /// is held on average.
    pub turns_per_year: Option<Estimate>,
    pub total_cost_per_year_percentiles: Percentiles,
    pub stockout_days_per_year_percentiles: Percentiles,
    /// Stockout days in each known window (scheduled outages and shocks) and right after it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub windows: Vec<WindowOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub trajectory: Option<TrajectoryOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetOut {
    pub kind: &'static str,
    pub target: f64,
    pub reached: bool,
}

impl TargetOut {
    fn new(sizing: crate::core::sizing::TargetSizing) -> TargetOut {
        let (kind, target) = match sizing.target {
            crate::core::ServiceTarget::CycleServiceLevel(a) => ("cycle_service_level", a),
            crate::core::ServiceTarget::FillRate(b) => ("fill_rate", b),
        };
        TargetOut { kind, target, reached: sizing.reached }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WindowOut {
    /// "outage" or "shock".
    pub kind: &'static str,
    pub start_day: u32,
    pub days: u32,
    /// Stockout days inside the window.
    pub stockout_days: Estimate,
    /// Stockout days in the days after it that a held order can still take to land (mean
    /// lead time + 3 sd, + 1).
    pub stockout_days_after: Estimate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemOut {
    pub name: String,
    /// The item's supplier, when it can fail: its name and the long-run share of days its
    /// random outages keep it down (mean down ÷ (mean up + mean down); scheduled outages come
    /// on top).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supplier: Option<SupplierOut>,
    pub warm_up_days: u32,
    pub measured_days: u32,
    pub policies: Vec<PolicyOut>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SupplierOut {
    pub name: String,
    pub stationary_down_share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SettingsOut {
    pub horizon_days: u32,
    pub replications: u32,
    pub seed: u64,
    pub days_per_year: f64,
    pub currency: String,
}

/// Everything a run produced.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultsFile {
    pub version: u32,
    pub generator: String,
    pub settings: SettingsOut,
    pub items: Vec<ItemOut>,
}

fn kind_key(kind: PolicyKind) -> &'static str {
    match kind {
        PolicyKind::Jit => "jit",
        PolicyKind::Jic => "jic",
        PolicyKind::MakeToOrder => "make_to_order",
        PolicyKind::Custom => "custom",
    }
}

/// The metrics that need a selling price.
const PRICED_KEYS: [&str; 4] =
    ["revenue_per_year", "revenue_over_horizon", "margin_per_year", "margin_over_horizon"];

/// What a policy's metrics include beyond those every item has.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Shown {
    /// Revenue and margin (the selling price is known).
    pub priced: bool,
    /// Expedites, their units and cost.
    pub expedite: bool,
    /// Refused deliveries, overflow days and rented overflow space.
    pub storage: bool,
    /// The price paid per unit and the units bought ahead (prices over time).
    pub prices: bool,
    /// The backup's orders, units and cost, and the days no source can ship.
    pub backup: bool,
}

impl Shown {
    /// Every metric any item can have: the columns of a streamed catalogue's CSV, fixed
    /// before its first item is read.
    pub const EVERY: Shown =
        Shown { priced: true, expedite: true, storage: true, prices: true, backup: true };

    /// What one item's results show.
    pub fn of(c: &Comparison) -> Shown {
        Shown {
            priced: c.selling_price.is_some(),
            expedite: c.levers.expedite,
            storage: c.levers.storage,
            prices: c.levers.prices,
            backup: c.levers.backup,
        }
    }

    /// What a table of several items shows: anything one of them does.
    fn any(self, other: Shown) -> Shown {
        Shown {
            priced: self.priced || other.priced,
            expedite: self.expedite || other.expedite,
            storage: self.storage || other.storage,
            prices: self.prices || other.prices,
            backup: self.backup || other.backup,
        }
    }

    /// Whether `key` is one of this item's metrics (a table's row leaves the rest empty).
    fn has(self, key: &str) -> bool {
        (self.priced || !PRICED_KEYS.contains(&key))
            && (self.expedite || !key.starts_with("expedite"))
            && (self.storage || !(key.starts_with("refused") || key.starts_with("overflow")))
            && (self.prices || !(key.starts_with("price_paid") || key.starts_with("forward")))
            && (self.backup || !(key.starts_with("backup") || key.starts_with("no_source")))
    }
}

/// Every metric of a policy as (key, unit, estimate): the one list JSON and CSV share.
/// Revenue and margin are in it when the item's selling price is known, the levers' figures
/// when it uses them (`shown`).
pub fn metrics(
    p: &PolicyResult,
    currency: &str,
    shown: Shown,
) -> Vec<(&'static str, String, MeanSe)> {
    let money_per_year = format!("{currency}/year");
    let money = currency.to_owned();
    let costs: [(&'static str, &'static str, &MeanSe); 10] = [
        ("total_cost_per_year", "total_cost_over_horizon", &p.total_cost_per_year),
        ("purchase_cost_per_year", "purchase_cost_over_horizon", &p.purchase_cost_per_year),
        ("operating_cost_per_year", "operating_cost_over_horizon", &p.operating_cost_per_year),
        ("ordering_cost_per_year", "ordering_cost_over_horizon", &p.ordering_cost_per_year),
        ("holding_cost_per_year", "holding_cost_over_horizon", &p.holding_cost_per_year),
        ("storage_cost_per_year", "storage_cost_over_horizon", &p.storage_cost_per_year),
        ("backorder_cost_per_year", "backorder_cost_over_horizon", &p.backorder_cost_per_year),
        ("lost_sale_cost_per_year", "lost_sale_cost_over_horizon", &p.lost_sale_cost_per_year),
        ("expiry_cost_per_year", "expiry_cost_over_horizon", &p.expiry_cost_per_year),
        (
            "obsolescence_cost_per_year",
            "obsolescence_cost_over_horizon",
            &p.obsolescence_cost_per_year,
        ),
    ];
    let mut out = Vec::with_capacity(56);
    let revenue: [(&'static str, &'static str, &MeanSe); 2] = [
        ("revenue_per_year", "revenue_over_horizon", &p.revenue_per_year),
        ("margin_per_year", "margin_over_horizon", &p.margin_per_year),
    ];
    let priced = revenue.into_iter().filter(|_| shown.priced);
    let expedite: [(&'static str, &'static str, &MeanSe); 1] =
        [("expedite_cost_per_year", "expedite_cost_over_horizon", &p.expedite_cost_per_year)];
    let overflow: [(&'static str, &'static str, &MeanSe); 1] =
        [("overflow_cost_per_year", "overflow_cost_over_horizon", &p.overflow_cost_per_year)];
    let backup: [(&'static str, &'static str, &MeanSe); 1] =
        [("backup_cost_per_year", "backup_cost_over_horizon", &p.backup_cost_per_year)];
    let levers = expedite
        .into_iter()
        .filter(|_| shown.expedite)
        .chain(overflow.into_iter().filter(|_| shown.storage))
        .chain(backup.into_iter().filter(|_| shown.backup));
    for (yearly, horizon, stat) in costs.into_iter().chain(levers).chain(priced) {
        out.push((yearly, money_per_year.clone(), *stat));
        out.push((horizon, money.clone(), p.over_horizon(stat)));
    }
    let counts: [(&'static str, &'static str, &'static str, &MeanSe); 7] = [
        ("orders_per_year", "orders_over_horizon", "orders", &p.orders_per_year),
        (
            "units_ordered_per_year",
            "units_ordered_over_horizon",
            "units",
            &p.units_ordered_per_year,
        ),
        (
            "units_demanded_per_year",
            "units_demanded_over_horizon",
            "units",
            &p.demanded_units_per_year,
        ),
        ("stockout_days_per_year", "stockout_days_over_horizon", "days", &p.stockout_days_per_year),
        ("lost_units_per_year", "lost_units_over_horizon", "units", &p.lost_units_per_year),
        (
            "expired_units_per_year",
            "expired_units_over_horizon",
            "units",
            &p.expired_units_per_year,
        ),
        (
            "obsolete_units_per_year",
            "obsolete_units_over_horizon",
            "units",
            &p.obsolete_units_per_year,
        ),
    ];
    let expedites: [(&'static str, &'static str, &'static str, &MeanSe); 2] = [
        ("expedites_per_year", "expedites_over_horizon", "expedites", &p.expedites_per_year),
        (
            "expedited_units_per_year",
            "expedited_units_over_horizon",
            "units",
            &p.expedited_units_per_year,
        ),
    ];
    let space: [(&'static str, &'static str, &'static str, &MeanSe); 3] = [
        (
            "refused_deliveries_per_year",
            "refused_deliveries_over_horizon",
            "deliveries",
            &p.refused_deliveries_per_year,
        ),
        (
            "refused_units_per_year",
            "refused_units_over_horizon",
            "units",
            &p.refused_units_per_year,
        ),
        ("overflow_days_per_year", "overflow_days_over_horizon", "days", &p.overflow_days_per_year),
    ];
    let forward: [(&'static str, &'static str, &'static str, &MeanSe); 1] = [(
        "forward_bought_units_per_year",
        "forward_bought_units_over_horizon",
        "units",
        &p.forward_bought_units_per_year,
    )];
    let second: [(&'static str, &'static str, &'static str, &MeanSe); 3] = [
        (
            "backup_orders_per_year",
            "backup_orders_over_horizon",
            "orders",
            &p.backup_orders_per_year,
        ),
        ("backup_units_per_year", "backup_units_over_horizon", "units", &p.backup_units_per_year),
        (
            "no_source_days_per_year",
            "no_source_days_over_horizon",
            "days",
            &p.no_source_days_per_year,
        ),
    ];
    let counts = counts
        .into_iter()
        .chain(expedites.into_iter().filter(|_| shown.expedite))
        .chain(space.into_iter().filter(|_| shown.storage))
        .chain(forward.into_iter().filter(|_| shown.prices))
        .chain(second.into_iter().filter(|_| shown.backup));
    for (yearly, horizon, unit, stat) in counts {
        out.push((yearly, format!("{unit}/year"), *stat));
        out.push((horizon, unit.to_owned(), p.over_horizon(stat)));
    }
    out.extend([
        ("units_shipped_per_year", "units/year".to_owned(), p.shipped_units_per_year),
        ("supplier_down_days_per_year", "days/year".to_owned(), p.supplier_down_days_per_year),
        ("fill_rate", "fraction".to_owned(), p.fill_rate),
        ("cycle_service_level", "fraction".to_owned(), p.cycle_service_level),
        ("ready_rate", "fraction".to_owned(), p.ready_rate),
        ("longest_stockout_days", "days".to_owned(), p.longest_stockout_days),
        ("mean_wait_days", "days".to_owned(), p.mean_wait_days),
        ("avg_order_up_to_units", "units".to_owned(), p.avg_order_up_to),
        ("avg_on_hand_units", "units".to_owned(), p.avg_on_hand),
        ("peak_on_hand_units", "units".to_owned(), p.peak_on_hand),
        ("avg_inventory_value", money.clone(), p.avg_inventory_value),
        ("peak_inventory_value", money.clone(), p.peak_inventory_value),
        ("avg_cash_tied_up", money.clone(), p.avg_cash_tied_up),
        ("peak_cash_tied_up", money.clone(), p.peak_cash_tied_up),
        ("avg_cash_in_transit", money.clone(), p.avg_cash_in_transit),
        ("avg_owed_to_suppliers", money.clone(), p.avg_owed_to_suppliers),
    ]);
    if shown.prices {
        out.push(("price_paid_per_unit", format!("{money}/unit"), p.price_paid_per_unit));
    }
    out
}

impl ResultsFile {
    /// The results of every item of a scenario, one comparison per item in order;
    /// `trajectory` includes each policy's day-by-day stock on hand.
    pub fn new(scenario: &Scenario, comparisons: &[Comparison], trajectory: bool) -> ResultsFile {
        let settings = scenario.settings();
        let currency = scenario.currency();
        ResultsFile {
            version: RESULTS_VERSION,
            generator: format!("jitjic {}", env!("CARGO_PKG_VERSION")),
            settings: SettingsOut {
                horizon_days: settings.horizon_days(),
                replications: settings.n_replications(),
                seed: settings.seed(),
                days_per_year: settings.days_per_year(),
                currency: currency.to_owned(),
            },
            items: comparisons
                .iter()
                .zip(scenario.items())
                .map(|(c, item)| ItemOut {
                    name: c.item_name.clone(),
                    supplier: item.supplier().map(|s| SupplierOut {
                        name: s.name().to_owned(),
                        stationary_down_share: s.random().map_or(0.0, |r| r.down_share()),
                    }),
                    warm_up_days: c.warm_up_days,
                    measured_days: c.measured_days(),
                    policies: c
                        .policies
                        .iter()
                        .map(|p| policy_out(p, c, currency, trajectory))
                        .collect(),
                })
                .collect(),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// One row per item and policy: identifying columns, then every metric's mean and
    /// standard error (`<key>` and `<key>_se`), then turns and the percentiles.
    pub fn to_csv(&self, scenario: &Scenario, comparisons: &[Comparison]) -> String {
        // One set of columns for every row: revenue and margin when any item has a price,
        // left empty for items without one.
        let shown = comparisons.iter().map(Shown::of).fold(Shown::default(), Shown::any);
        csv_rows(scenario.currency(), comparisons, shown, true)
    }
}

/// The rows of [`ResultsFile::to_csv`] with the columns `shown` sets (`header`: the header
/// line first): a streamed catalogue writes its header once, then each item's rows.
pub fn csv_rows(currency: &str, comparisons: &[Comparison], shown: Shown, header: bool) -> String {
    let mut csv = String::new();
    let mut header_done = !header;
    for c in comparisons {
        let own = Shown::of(c);
        for p in &c.policies {
            let list = metrics(p, currency, shown);
            if !header_done {
                let mut cols: Vec<String> = [
                    "item",
                    "policy",
                    "kind",
                    "review_period_days",
                    "order_up_to_units",
                    "buffer_days",
                    "buffer_units",
                    "target_kind",
                    "target",
                    "target_reached",
                    "measured_days",
                ]
                .map(String::from)
                .to_vec();
                for (key, _, _) in &list {
                    cols.push((*key).to_owned());
                    cols.push(format!("{key}_se"));
                }
                cols.extend(
                    [
                        "turns_per_year",
                        "turns_per_year_se",
                        "total_cost_per_year_p5",
                        "total_cost_per_year_p50",
                        "total_cost_per_year_p95",
                        "stockout_days_per_year_p5",
                        "stockout_days_per_year_p50",
                        "stockout_days_per_year_p95",
                    ]
                    .map(String::from),
                );
                let _ = writeln!(csv, "{}", cols.join(","));
                header_done = true;
            }
            let mut row = vec![
                super::csv_text::cell(&c.item_name),
                super::csv_text::cell(&p.name),
                kind_key(p.policy.kind).to_owned(),
                p.policy.review_period_days.to_string(),
                p.policy.order_up_to().to_string(),
                p.policy.buffer_days.to_string(),
                p.policy.buffer_units.to_string(),
            ];
            let target = p.policy.target.map(TargetOut::new);
            row.extend(match target {
                Some(t) => [t.kind.to_owned(), t.target.to_string(), t.reached.to_string()],
                None => [String::new(), String::new(), String::new()],
            });
            row.push(c.measured_days().to_string());
            for (key, _, stat) in &list {
                if !own.has(key) {
                    row.extend([String::new(), String::new()]);
                } else {
                    row.push(stat.mean().to_string());
                    row.push(stat.se().to_string());
                }
            }
            let (q, s) = (p.total_cost_quantiles, p.stockout_days_quantiles);
            row.push(p.turns.ratio().map_or(String::new(), |r| r.to_string()));
            row.push(p.turns.se().map_or(String::new(), |r| r.to_string()));
            row.extend([q.p5, q.p50, q.p95, s.p5, s.p50, s.p95].map(|x| x.to_string()));
            let _ = writeln!(csv, "{}", row.join(","));
        }
    }
    csv
}

fn policy_out(p: &PolicyResult, c: &Comparison, currency: &str, trajectory: bool) -> PolicyOut {
    let estimate =
        |stat: &MeanSe, unit: String| Estimate { mean: stat.mean(), se: stat.se(), unit };
    let percentiles = |q: crate::core::Quantiles, unit: String| Percentiles {
        p5: q.p5,
        p50: q.p50,
        p95: q.p95,
        unit,
    };
    PolicyOut {
        name: p.name.clone(),
        kind: kind_key(p.policy.kind),
        review_period_days: p.policy.review_period_days,
        order_up_to_units: p.policy.order_up_to(),
        buffer_days: p.policy.buffer_days,
        buffer_units: p.policy.buffer_units,
        service_target: p.policy.target.map(TargetOut::new),
        metrics: metrics(p, currency, Shown::of(c))
            .into_iter()
            .map(|(key, unit, stat)| (key, estimate(&stat, unit)))
            .collect(),
        turns_per_year: p.turns.ratio().map(|ratio| Estimate {
            mean: ratio,
            se: p.turns.se().unwrap_or(0.0),
            unit: "turns/year".into(),
        }),
        total_cost_per_year_percentiles: percentiles(
            p.total_cost_quantiles,
            format!("{currency}/year"),
        ),
        stockout_days_per_year_percentiles: percentiles(
            p.stockout_days_quantiles,
            "days/year".into(),
        ),
        windows: c
            .windows
            .iter()
            .zip(&p.window_stockout_days)
            .map(|(w, s)| WindowOut {
                kind: match w.kind {
                    WindowKind::Outage => "outage",
                    WindowKind::Shock => "shock",
                },
                start_day: w.window.start_day,
                days: w.window.days,
                stockout_days: estimate(&s.inside, "days".into()),
                stockout_days_after: estimate(&s.after, "days".into()),
            })
            .collect(),
        trajectory: trajectory.then(|| TrajectoryOut {
            mean_on_hand_by_day: p.mean_on_hand_by_day.clone(),
            band: p
                .on_hand_band
                .iter()
                .map(|b| BandOut { day: b.day, p10: b.p10, p90: b.p90 })
                .collect(),
        }),
    }
}
