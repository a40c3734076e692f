//! The scenario file: a versioned JSON document, its serde types, and its validation into a
//! core [`Scenario`]. docs/scenario.md documents every field (unit, default, accepted range);
//! the table of ranges below is the one the validation uses.
//!
//! Reading is two-step: the version is read first, so that a file from a newer jitjic says so
//! instead of failing on a field this one does not know; then the whole document is parsed
//! (type errors carry the JSON path) and every number is range-checked, collecting every
//! problem rather than stopping at the first.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::core::calendar::Date;
use crate::core::demand::{Demand, MeanSd, SizeWeight};
use crate::core::demand_shape::{DemandShape, RandomShocks, ScheduledShock, Seasonality};
use crate::core::input::{Accepted, Field, Num};
use crate::core::lead_time::{LeadTime, NormalLike};
use crate::core::optimise::PracticallySame;
use crate::core::payment::PaymentTerms;
use crate::core::plan::{PlanPeriod, PlanTable};
use crate::core::policy::{OrderLimits, PolicySpec, Rule, ServiceTarget};
use crate::core::scenario::SaleValue;
use crate::core::scenario::{
    Costs, Issuing, ItemSpec, Obsolescence, Part, Perishability, Position, ScenarioError,
    ScenarioSpec, SettingsSpec, Shortage, DAYS_PER_YEAR, REVIEW_PERIOD_DAYS,
};
use crate::core::supply::{RandomOutages, SupplierSpec, Window, Yield};
use crate::core::Scenario;

mod check;
mod pieces;
mod versions;
pub use check::finished;
pub use versions::moved_since;
mod write;

/// The format version this build writes. It reads every version from 1 to this one: each
/// version only adds fields (a field newer than the version a file declares is refused), so
/// an older file keeps opening. Where the engine's accounting was corrected (version 4's
/// release: a lost sale costs its price, holding is charged on cash), older files mean the
/// corrected thing; docs/links.md lists what moved.
///
/// 1. The engine: settings, items, policies.
/// 2. Suppliers and their outages; items name their supplier and may have a supply yield, a
///    demand shape, perishability and obsolescence; the seasonal and re-estimated JIC.
/// 3. `settings.start_date`: the calendar date of day 0.
/// 4. Selling price (or lost margin) and goodwill; payment terms for items and suppliers.
/// 5. `settings.practically_same`: the saving the advice calls a difference.
/// 6. `items[].rule_fixed`.
/// 7. `items[].price_breaks` and `items[].freight`.
/// 8. `items[].expedite` and `items[].storage`.
/// 9. `items[].prices`: inflation, price changes, jumps, a supply agreement, forward buying.
/// 10. `items[].backup`: a second source and the rule that shares orders with it.
/// 11. `settings.warehouse`: the space every item shares, reported in the portfolio.
pub const VERSION: u32 = 11;

/// Most items in one scenario.
pub const MAX_ITEMS: usize = 1_000;
/// Most suppliers in one scenario, and scheduled outages per supplier.
pub const MAX_SUPPLIERS: usize = 1_000;
pub const MAX_WINDOWS: usize = 1_000;
/// Most policies compared per item.
pub const MAX_POLICIES: usize = 20;
/// Most days of pasted demand history, and most observed lead times.
pub const MAX_HISTORY: usize = 36_500;
/// Most periods of a plan (one a day over the longest horizon).
pub const MAX_PLAN_PERIODS: usize = 3_650;
/// Most rows of a compound-Poisson size table.
pub const MAX_SIZES: usize = 1_000;
/// Most problems listed for one scenario; the rest are counted in a last line.
pub const MAX_PROBLEMS: usize = 100;
/// Longest message and path listed, in characters (a message can quote what was typed).
const MAX_MESSAGE_CHARS: usize = 300;
const MAX_PATH_CHARS: usize = 200;

/// The problems as listed: the first [`MAX_PROBLEMS`] of them, each cut to a readable
/// length, and a last line counting the rest (`more` were never kept).
fn bounded(errors: Vec<FileError>, more: usize) -> Vec<FileError> {
    bounded_read(errors, more, false)
}

/// [`bounded`], when reading stopped early (`unread`): the rest are not counted.
fn bounded_read(mut errors: Vec<FileError>, more: usize, unread: bool) -> Vec<FileError> {
    let more = more + errors.len().saturating_sub(MAX_PROBLEMS);
    errors.truncate(MAX_PROBLEMS);
    for e in &mut errors {
        if e.path.chars().count() > MAX_PATH_CHARS {
            e.path = crate::share::gate::shorten(&e.path, MAX_PATH_CHARS);
        }
        if let Problem::Syntax(m) | Problem::Version(m) | Problem::Invalid(m) = &mut e.problem {
            if m.chars().count() > MAX_MESSAGE_CHARS {
                *m = crate::share::gate::shorten(m, MAX_MESSAGE_CHARS);
            }
        }
    }
    if unread {
        errors.push(FileError {
            path: String::new(),
            problem: Problem::Invalid(
                "and more problems, not listed (reading stopped): fix these and check again".into(),
            ),
        });
    } else if more > 0 {
        errors.push(FileError {
            path: String::new(),
            problem: Problem::Invalid(format!(
                "and {} more problem{}, not listed: fix these and check again",
                Num(more as f64),
                if more == 1 { "" } else { "s" }
            )),
        });
    }
    errors
}

/// Longest item name and currency, in characters.
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_CURRENCY_CHARS: usize = 12;

/// Accepted ranges of the fields the page's form does not have (those share the form's).
pub mod ranges {
    use super::Accepted;

    pub const CV: Accepted = Accepted::range(0.0, 10.0, "(sd ÷ mean)");
    pub const PROBABILITY: Accepted = Accepted::range(0.0, 1.0, "");
    pub const ARRIVAL_RATE: Accepted = Accepted::range(0.0, 1_000_000.0, "customers/day");
    pub const ORDER_SIZE: Accepted = Accepted::range(0.0, 1_000_000.0, "units");
    pub const WEIGHT: Accepted = Accepted::range(0.0, 1e9, "(relative)");
    pub const HISTORY_DAY: Accepted = Accepted::range(0.0, 1_000_000.0, "units");
    pub const LEAD_DAYS_WHOLE: Accepted = Accepted::whole(0.0, 365.0, "days");
    pub const LEAD_DAYS: Accepted = Accepted::range(0.0, 365.0, "days");
    pub const REVIEW_PERIOD: Accepted = Accepted::whole(1.0, 365.0, "days");
    pub const UNITS: Accepted = Accepted::range(0.0, 1e12, "units");
    pub const QUANTITY: Accepted = Accepted::between(0.0, 1e12, "units");
    pub const LOST_SALE: Accepted = Accepted::range(0.0, 1e9, "per unit lost");
    pub const SERVICE: Accepted = Accepted::between(0.0, 1.0, "");
    pub const WARM_UP: Accepted = Accepted::whole(0.0, 3_649.0, "days");
    pub const DAYS_PER_YEAR: Accepted = Accepted::range(200.0, 366.0, "days");
    pub const MEAN_UP: Accepted = Accepted::range(1.0, 36_500.0, "days");
    pub const MEAN_DOWN: Accepted = Accepted::range(1.0, 3_650.0, "days");
    pub const AVAILABILITY: Accepted = Accepted::above(0.0, 1.0, "(share of days up)");
    pub const START_DAY: Accepted = Accepted::whole(0.0, 3_649.0, "days");
    pub const OUTAGE_DAYS: Accepted = Accepted::whole(1.0, 3_650.0, "days");
    pub const YIELD_SHARE: Accepted =
        Accepted::range(crate::core::supply::MIN_YIELD_SHARE, 1.0, "(share delivered)");
    pub const YIELD_SD: Accepted = Accepted::range(0.0, 0.5, "(share)");
    pub const MULTIPLIER: Accepted = Accepted::range(0.0, 100.0, "× demand");
    pub const AMPLITUDE: Accepted = Accepted::range(0.0, 100.0, "% of mean demand");
    pub const PEAK_DAY: Accepted =
        Accepted::range(0.0, 366.0, "day of the year (day 0 = the first)");
    pub const TREND: Accepted = Accepted::range(-90.0, 500.0, "% per year");
    pub const SHOCK_RATE: Accepted = Accepted::range(0.0, 365.0, "shocks per year");
    pub const SHOCK_DAYS: Accepted = Accepted::range(1.0, 365.0, "days");
    pub const SHELF_LIFE: Accepted = Accepted::whole(1.0, 3_650.0, "days");
    pub const WINDOW: Accepted = Accepted::whole(2.0, 3_650.0, "days");
    pub const PRICE: Accepted = Accepted::range(0.0, 1e9, "currency/unit");
    pub const PRACTICAL_PCT: Accepted = Accepted::range(0.0, 100.0, "% of operating cost/year");
    pub const PRACTICAL_AMOUNT: Accepted = Accepted::range(0.0, 1e12, "currency/year");
    pub const PAYMENT_DAYS: Accepted = Accepted::whole(0.0, 365.0, "days after receipt");
    pub const BREAK_UNITS: Accepted = Accepted::above(0.0, 1e12, "units per order");
    pub const FREIGHT: Accepted = Accepted::range(0.0, 1e9, "currency/shipment");
    pub const SHIPMENT_UNITS: Accepted = Accepted::above(0.0, 1e12, "units per shipment");
    pub const EXPEDITE_LEAD: Accepted = Accepted::whole(0.0, 365.0, "days");
    pub const CAPACITY_UNITS: Accepted = Accepted::above(0.0, 1e12, "units");
    pub const CAPACITY_M3: Accepted = Accepted::above(0.0, 1e12, "m³");
    pub const M3_PER_UNIT: Accepted = Accepted::above(0.0, 1e6, "m³/unit");
    pub const OVERFLOW_COST: Accepted = Accepted::range(0.0, 1e9, "currency/unit/day");
    pub const EXPEDITE_CHARGE: Accepted = Accepted::range(0.0, 1e9, "currency/expedite");
    pub const INFLATION: Accepted = Accepted::range(-50.0, 200.0, "% per year");
    pub const PRICE_DAY: Accepted = Accepted::whole(1.0, 3_649.0, "(day of the run)");
    pub const PRICE_PCT: Accepted = Accepted::range(-99.0, 1_000.0, "%");
    pub const NOTICE: Accepted = Accepted::whole(0.0, 3_650.0, "days ahead");
    pub const JUMP_RATE: Accepted = Accepted::range(0.0, 365.0, "jumps per year");
    pub const JUMP_MEAN: Accepted = Accepted::range(-90.0, 1_000.0, "%");
    pub const JUMP_SD: Accepted = Accepted::range(0.0, 1_000.0, "%");
    pub const AGREEMENT_DAYS: Accepted = Accepted::whole(1.0, 3_650.0, "days");
    pub const BACKUP_SHARE: Accepted = Accepted::range(0.0, 1.0, "(share of each order)");
    pub const FORWARD_DAYS: Accepted = Accepted::range(0.0, 3_650.0, "days of mean demand");
}

/// A scenario file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    /// The format version, [`VERSION`].
    pub version: u32,
    #[serde(default)]
    pub settings: SettingsFile,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub suppliers: Vec<SupplierFile>,
    pub items: Vec<ItemFile>,
}

/// A supplier: its name (which items refer to) and its outages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupplierFile {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub random_outages: Option<RandomOutagesFile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduled_outages: Vec<WindowFile>,
    /// When it is paid, for items that do not say (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_terms: Option<PaymentTermsFile>,
}

/// When a supplier is paid: `"paid"` is `"at_order"`, `"on_receipt"` or `"after_receipt"`,
/// the last with `"days"` of credit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentTermsFile {
    pub paid: PaidFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaidFile {
    AtOrder,
    OnReceipt,
    AfterReceipt,
}

/// Random outages: either `mean_up_days` and `mean_down_days`, or `availability` and
/// `mean_repair_days`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RandomOutagesFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_up_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_down_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub availability: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mean_repair_days: Option<f64>,
}

/// The yearly chance the item stops selling, and what its stock then fetches.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObsolescenceFile {
    pub probability_per_year: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub salvage_per_unit: Option<f64>,
}

/// Shelf life and issuing order.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerishabilityFile {
    pub shelf_life_days: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issuing: Option<IssuingFile>,
    /// What the inventory position counts (version 4): `"all_on_hand"` (the default) or
    /// `"net_of_expiring"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<PositionFile>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PositionFile {
    AllOnHand,
    NetOfExpiring,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssuingFile {
    Fifo,
    Lifo,
}

/// The shape of demand over time; every part may be left out.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemandShapeFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekly: Option<Vec<f64>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seasonality: Option<SeasonalityFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend_pct_per_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scheduled_shocks: Vec<ShockFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub random_shocks: Option<RandomShocksFile>,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeasonalityFile {
    pub amplitude_pct: f64,
    pub peak_day: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShockFile {
    pub start_day: f64,
    pub days: f64,
    pub multiplier: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RandomShocksFile {
    pub rate_per_year: f64,
    pub multiplier: f64,
    pub mean_days: f64,
}

/// Supply yield, tagged by `"distribution"`: the share of an order that arrives usable.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "distribution", rename_all = "snake_case", deny_unknown_fields)]
pub enum YieldFile {
    Fixed { share: f64 },
    Uniform { min: f64, max: f64 },
    Beta { mean: f64, sd: f64 },
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WindowFile {
    pub start_day: f64,
    pub days: f64,
}

/// Run settings; every field may be left out for its default.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizon_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warm_up_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replications: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days_per_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The shortage mode of items that do not set their own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortage: Option<ShortageFile>,
    /// The calendar date of day 0, `YYYY-MM-DD` (version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_date: Option<String>,
    /// The smallest yearly saving the advice calls a difference (version 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub practically_same: Option<PracticallySameFile>,
    /// The warehouse every item shares (version 11).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warehouse: Option<WarehouseFile>,
}

/// The shared warehouse (`core::warehouse`): `capacity_units` or `capacity_m3`, one of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WarehouseFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_units: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_m3: Option<f64>,
}

/// "Practically the same": either `pct_of_operating_cost` (a share of the item's operating
/// cost a year, in %) or `per_year` (an amount a year per item).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PracticallySameFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pct_of_operating_cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_year: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ShortageFile {
    Backorder,
    LostSale,
}

/// One item.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    pub demand: DemandFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round_demand_to_units: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demand_shape: Option<DemandShapeFile>,
    pub lead_time: LeadTimeFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deliveries_in_order: Option<bool>,
    /// The review period and order limits cannot change (version 6): the optimiser sweeps
    /// the buffer on the item's own rule only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule_fixed: Option<bool>,
    /// The name of a supplier in the scenario's list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supply_yield: Option<YieldFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub perishability: Option<PerishabilityFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub obsolescence: Option<ObsolescenceFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_period_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub initial_on_hand: Option<f64>,
    /// Days left out of this item's statistics (version 4); else the settings' warm-up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub warm_up_days: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_limits: Option<OrderLimitsFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<CostsFile>,
    /// All-units quantity discounts (version 7), in rising quantity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price_breaks: Option<Vec<PriceBreakFile>>,
    /// Freight per shipment (version 7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub freight: Option<FreightFile>,
    /// Emergency orders at a premium when stock runs low (version 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expedite: Option<ExpediteFile>,
    /// The item's storage space (version 8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<StorageFile>,
    /// Prices over time, a supply agreement and forward buying (version 9).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prices: Option<PricesFile>,
    /// A second source and how orders are shared with it (version 10).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup: Option<BackupFile>,
    /// When the supplier is paid for this item (version 4); else the supplier's terms.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_terms: Option<PaymentTermsFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shortage: Option<ShortageFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policies: Option<Vec<PolicyFile>>,
}

/// Daily demand, tagged by `"distribution"`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "distribution", rename_all = "snake_case", deny_unknown_fields)]
pub enum DemandFile {
    Normal {
        mean: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sd: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cv: Option<f64>,
    },
    Poisson {
        mean: f64,
    },
    Gamma {
        mean: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sd: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cv: Option<f64>,
    },
    NegativeBinomial {
        mean: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        sd: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cv: Option<f64>,
    },
    Intermittent {
        probability: f64,
        size_mean: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        size_sd: Option<f64>,
    },
    CompoundPoisson {
        rate: f64,
        sizes: Vec<SizeFile>,
    },
    Empirical {
        history: Vec<f64>,
    },
}

/// One row of a compound-Poisson size table.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SizeFile {
    pub size: f64,
    pub weight: f64,
}

/// Lead time in days, tagged by `"distribution"`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "distribution", rename_all = "snake_case", deny_unknown_fields)]
pub enum LeadTimeFile {
    Fixed { days: f64 },
    Uniform { min: f64, max: f64 },
    Normal { mean: f64, sd: f64 },
    Lognormal { mean: f64, sd: f64 },
    Gamma { mean: f64, sd: f64 },
    Empirical { days: Vec<f64> },
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderLimitsFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multiple: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maximum: Option<f64>,
}

/// An all-units price break: orders of `from_units` or more pay `unit_cost` for every unit.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceBreakFile {
    pub from_units: f64,
    pub unit_cost: f64,
}

/// Freight: each shipment carries up to `units_per_shipment` and costs `per_shipment`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreightFile {
    pub per_shipment: f64,
    pub units_per_shipment: f64,
}

/// Expediting (`core::expedite`): below `trigger_units` of stock on hand − backorders + what
/// arrives within `lead_time_days`, an emergency order of at least `order_units` (default 0:
/// just enough to reach the trigger) at `premium_per_unit` on top of the price and
/// `fixed_cost` (default 0) per expedite.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExpediteFile {
    pub trigger_units: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_units: Option<f64>,
    pub lead_time_days: f64,
    pub premium_per_unit: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fixed_cost: Option<f64>,
    /// Not placed while the supplier is down (default false: it goes through).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fails_while_down: Option<bool>,
}

/// Storage space (`core::storage`): `capacity_units`, or `capacity_m3` with `m3_per_unit`;
/// beyond it deliveries are refused (the default) or overflow space is rented at
/// `overflow_per_unit_day`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_units: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity_m3: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub m3_per_unit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_full: Option<WhenFullFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overflow_per_unit_day: Option<f64>,
}

/// A backup source (`core::sourcing`): its own lead time, unit cost, order cost (default 0),
/// minimum order (default 0) and, optionally, a supplier of the scenario whose outages it
/// shares; the rule that shares orders with it, with `backup_share` (split) or `level_units`
/// (dual index).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BackupFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<String>,
    pub lead_time: LeadTimeFile,
    pub unit_cost: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_order_units: Option<f64>,
    pub rule: SourcingRuleFile,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backup_share: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level_units: Option<f64>,
}

/// How orders are shared with the backup.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourcingRuleFile {
    Split,
    WhilePrimaryDown,
    DualIndex,
}

/// Prices over time (`core::prices`): yearly inflation in %, scheduled changes, random jumps,
/// a supply agreement and forward buying ahead of announced rises; each part optional.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PricesFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inflation_pct_per_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<PriceChangeFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jumps: Option<PriceJumpsFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreement: Option<AgreementFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forward_buy: Option<ForwardBuyFile>,
}

/// A scheduled price change on `day`: `to_price` (the new price per unit) or `pct` (up or
/// down by this many %), known `announced_days_ahead` days before (absent: a surprise).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceChangeFile {
    pub day: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_price: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pct: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub announced_days_ahead: Option<f64>,
}

/// Random price jumps: `per_year` on average, each `mean_pct` ± `sd_pct` (default 0).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriceJumpsFile {
    pub per_year: f64,
    pub mean_pct: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sd_pct: Option<f64>,
}

/// A supply agreement: up to `units_per_period` per `period_days` at `price`, from
/// `start_day` (default 0) for `days` (default: to the end of the run).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementFile {
    pub price: f64,
    pub units_per_period: f64,
    pub period_days: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_day: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<f64>,
}

/// Forward buying ahead of an announced rise: `cover_days` of mean demand, or
/// `"as_much_as_pays"`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ForwardBuyFile {
    CoverDays { cover_days: f64 },
    Rule(ForwardRuleFile),
}

/// The forward-buying rule that sizes itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForwardRuleFile {
    AsMuchAsPays,
}

/// What happens to stock beyond the space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WhenFullFile {
    Refuse,
    Rent,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CostsFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub holding_rate_pct_per_year: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_per_unit_day: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_cost: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backorder_per_unit_day: Option<f64>,
    /// Lost margin plus goodwill as one figure (versions 1 to 3, still read): a lost unit
    /// costs the unit cost plus this.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_sale_per_unit: Option<f64>,
    /// The selling price per unit (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selling_price_per_unit: Option<f64>,
    /// The margin per unit sold, price − unit cost (version 4): the price is unit cost + it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_margin_per_unit: Option<f64>,
    /// Goodwill lost per unit of demand lost, beyond its sale (version 4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub goodwill_per_unit: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disposal_per_unit: Option<f64>,
}

/// A policy to compare, tagged by `"policy"`; every one takes an optional `"name"`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "policy", deny_unknown_fields)]
pub enum PolicyFile {
    #[serde(rename = "jit")]
    Jit {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// Exactly one of `buffer_days`, `cycle_service_level` or `fill_rate`.
    #[serde(rename = "jic")]
    Jic {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        buffer_days: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        cycle_service_level: Option<f64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        fill_rate: Option<f64>,
    },
    #[serde(rename = "make_to_order")]
    MakeToOrder {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    #[serde(rename = "base_stock")]
    BaseStock {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        order_up_to: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        review_period_days: Option<f64>,
    },
    #[serde(rename = "s_S")]
    MinMax {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        reorder_point: f64,
        order_up_to: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        review_period_days: Option<f64>,
    },
    #[serde(rename = "r_Q")]
    ReorderQuantity {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        reorder_point: f64,
        quantity: f64,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        review_period_days: Option<f64>,
    },
    #[serde(rename = "R_S")]
    PeriodicOrderUpTo {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        review_period_days: f64,
        order_up_to: f64,
    },
    /// JIC with a buffer for each twelfth of the year from day 0.
    #[serde(rename = "jic_by_month")]
    JicByMonth {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        buffer_days: Vec<f64>,
    },
    /// JIC sized for a cycle service level and sized again from what was observed.
    #[serde(rename = "jic_reestimated")]
    JicReestimated {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        cycle_service_level: f64,
        every_days: f64,
        window_days: f64,
    },
    #[serde(rename = "R_s_S")]
    PeriodicMinMax {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        review_period_days: f64,
        reorder_point: f64,
        order_up_to: f64,
    },
    /// A time-phased order-up-to plan with explicit levels (version 4): what
    /// `jitjic optimise --plan` writes.
    #[serde(rename = "plan")]
    Plan {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        review_period_days: Option<f64>,
        periods: Vec<PlanPeriodFile>,
    },
}

/// One period of a plan: from `start_day` to the next period's, order up to `order_up_to`:
/// one level, or seven (one per day of the 7-day cycle from day 0, day mod 7).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanPeriodFile {
    pub start_day: f64,
    pub order_up_to: Vec<f64>,
}

/// Why a file is not a valid scenario: where (a JSON path such as `items[0].demand.sd`) and
/// what.
#[derive(Clone, Debug, PartialEq)]
pub struct FileError {
    /// The JSON path of the field; empty for the document as a whole.
    pub path: String,
    pub problem: Problem,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// Not JSON, a value of the wrong type, a missing or unknown field (serde's words).
    Syntax(String),
    /// A version this build does not read.
    Version(String),
    OutOfRange {
        value: f64,
        accepted: Accepted,
    },
    NotWhole {
        value: f64,
        accepted: Accepted,
    },
    /// A rule across fields or of a distribution, in words that name the values.
    Invalid(String),
}

impl fmt::Display for FileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let at = if self.path.is_empty() { "scenario" } else { &self.path };
        write!(f, "{at}: {}", self.problem)
    }
}

/// The problem without its path: what a form shows after the field's label.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Syntax(message) | Problem::Version(message) | Problem::Invalid(message) => {
                write!(f, "{message}")
            }
            Problem::OutOfRange { value, accepted } => {
                write!(f, "{} is out of range; {accepted}", Num(*value))
            }
            Problem::NotWhole { value, accepted } => {
                write!(f, "{} is not a whole number; {accepted}", Num(*value))
            }
        }
    }
}

impl std::error::Error for FileError {}

/// The notes about a valid scenario (`core::notes`: what may not mean what its writer
/// thought), each at the JSON path of its field.
pub fn notes(scenario: &Scenario) -> Vec<(String, String)> {
    scenario
        .items()
        .iter()
        .enumerate()
        .flat_map(|(i, item)| {
            crate::core::notes::notes(item)
                .into_iter()
                .map(move |n| (format!("items[{i}].{}", n.field()), n.to_string()))
        })
        .collect()
}

/// Reads a scenario file into a validated scenario.
///
/// # Errors
/// Every problem found, each with the JSON path of its field, the value and what is accepted.
pub fn parse_scenario(json: &str) -> Result<Scenario, Vec<FileError>> {
    read_file(json)?.to_scenario()
}

/// Reads the document (version first), without range checks.
///
/// A file that does not parse is read again piece by piece (the settings, each supplier,
/// each item), and a piece's offending value taken out and the piece read again, so that
/// every type or shape error is reported at once, not only the first.
///
/// # Errors
/// When it is not JSON, of another version, or fields have the wrong type, are missing or
/// are unknown: every such problem found.
pub fn read_file(json: &str) -> Result<ScenarioFile, Vec<FileError>> {
    // A byte-order mark (some editors write one) is not part of the document.
    let json = json.strip_prefix('\u{feff}').unwrap_or(json);
    gate(json)?;
    #[derive(Deserialize)]
    struct VersionOnly {
        version: Option<serde_json::Value>,
    }
    let head: VersionOnly = serde_json::from_str(json).map_err(|e| {
        vec![FileError { path: String::new(), problem: Problem::Syntax(e.to_string()) }]
    })?;
    read_gated(json, head.version.as_ref())
}

/// The gate (`share::gate`) with a scenario file's limits, its problem as the file's.
fn gate(json: &str) -> Result<(), Vec<FileError>> {
    crate::share::gate::check(json, &[], MAX_ITEMS, MAX_SUPPLIERS)
        .map_err(|e| vec![FileError { path: e.path, problem: Problem::Syntax(e.message) }])
}

/// [`read_file`] of `json`, the text of the JSON document `doc` (as the page writes its
/// document out after an edit): the version is taken from the document, not read from the
/// text in a pass of its own.
///
/// # Errors
/// As [`read_file`].
pub fn read_written(json: &str, doc: &serde_json::Value) -> Result<ScenarioFile, Vec<FileError>> {
    gate(json)?;
    read_gated(json, doc.get("version"))
}

/// [`read_file`] of a text already through the gate (`share::gate`, with this module's
/// limits on items and suppliers) whose `version` was read with it: what the page does with
/// a link or file it has just opened as a JSON value, so that the text is walked once for the
/// gate, once for the value and once here, not twice more.
///
/// # Errors
/// As [`read_file`], but for the gate's.
pub fn read_gated(
    json: &str,
    version: Option<&serde_json::Value>,
) -> Result<ScenarioFile, Vec<FileError>> {
    let syntax = |path: String, e: &serde_json::Error| FileError {
        path,
        problem: Problem::Syntax(e.to_string()),
    };
    let version_error = |message: String| {
        vec![FileError { path: "version".into(), problem: Problem::Version(message) }]
    };
    match version {
        None => {
            return Err(version_error(format!(
                "missing; this jitjic reads versions 1 to {VERSION}"
            )))
        }
        Some(serde_json::Value::Number(n))
            if n.as_u64().is_some_and(|v| (1..=u64::from(VERSION)).contains(&v)) => {}
        Some(serde_json::Value::Number(n))
            if n.as_u64().is_some_and(|v| v > u64::from(VERSION)) =>
        {
            return Err(version_error(format!(
                "{n} is newer than this jitjic, which reads version {VERSION}: update jitjic"
            )))
        }
        Some(other) => {
            return Err(version_error(format!(
                "{other} is not a version this jitjic reads; accepted: 1 to {VERSION}"
            )))
        }
    }
    let de = &mut serde_json::Deserializer::from_str(json);
    match serde_path_to_error::deserialize(de) {
        Ok(file) => Ok(file),
        Err(first) => {
            let path = first.path().to_string();
            let first = syntax(if path == "." { String::new() } else { path }, first.inner());
            let (errors, unread) = pieces::every_problem(json);
            Err(bounded_read(if errors.is_empty() { vec![first] } else { errors }, 0, unread))
        }
    }
}
