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
use crate::core::policy::{OrderLimits, PolicySpec, Rule, ServiceTarget};
use crate::core::scenario::{
    Costs, Issuing, ItemSpec, Obsolescence, Part, Perishability, ScenarioError, ScenarioSpec,
    SettingsSpec, Shortage, DAYS_PER_YEAR, REVIEW_PERIOD_DAYS,
};
use crate::core::supply::{RandomOutages, SupplierSpec, Window, Yield};
use crate::core::Scenario;

/// The format version this build writes. It reads every version from 1 to this one: each
/// version only adds fields, so an older file means what it meant.
///
/// 1. The engine: settings, items, policies.
/// 2. Suppliers and their outages; items name their supplier and may have a supply yield
///    and a demand shape.
/// 3. `settings.start_date`: the calendar date of day 0.
pub const VERSION: u32 = 3;

/// Most items in one scenario.
pub const MAX_ITEMS: usize = 1_000;
/// Most suppliers in one scenario, and scheduled outages per supplier.
pub const MAX_SUPPLIERS: usize = 1_000;
pub const MAX_WINDOWS: usize = 1_000;
/// Most policies compared per item.
pub const MAX_POLICIES: usize = 20;
/// Most days of pasted demand history, and most observed lead times.
pub const MAX_HISTORY: usize = 36_500;
/// Most rows of a compound-Poisson size table.
pub const MAX_SIZES: usize = 1_000;
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
    pub const YIELD_SHARE: Accepted = Accepted::above(0.0, 1.0, "(share delivered)");
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order_limits: Option<OrderLimitsFile>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub costs: Option<CostsFile>,
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
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_sale_per_unit: Option<f64>,
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

/// Reads a scenario file into a validated scenario.
///
/// # Errors
/// Every problem found, each with the JSON path of its field, the value and what is accepted.
pub fn parse_scenario(json: &str) -> Result<Scenario, Vec<FileError>> {
    read_file(json).map_err(|e| vec![e])?.to_scenario()
}

/// Reads the document (version first), without range checks.
///
/// # Errors
/// When it is not JSON, of another version, or a field has the wrong type, is missing or is
/// unknown.
pub fn read_file(json: &str) -> Result<ScenarioFile, FileError> {
    #[derive(Deserialize)]
    struct VersionOnly {
        version: Option<serde_json::Value>,
    }
    let syntax = |path: String, e: &serde_json::Error| FileError {
        path,
        problem: Problem::Syntax(e.to_string()),
    };
    let head: VersionOnly = serde_json::from_str(json).map_err(|e| syntax(String::new(), &e))?;
    let version_error =
        |message: String| FileError { path: "version".into(), problem: Problem::Version(message) };
    match head.version {
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
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        syntax(path, e.inner())
    })
}

/// Collects problems while a file is walked.
#[derive(Default)]
struct Check {
    errors: Vec<FileError>,
}

impl Check {
    fn invalid(&mut self, path: String, message: String) {
        self.errors.push(FileError { path, problem: Problem::Invalid(message) });
    }

    /// `value` if it is accepted; otherwise records why and returns it clamped into range, so
    /// that checking goes on.
    fn num(&mut self, path: String, value: f64, accepted: Accepted) -> f64 {
        if !accepted.contains(value) {
            self.errors.push(FileError { path, problem: Problem::OutOfRange { value, accepted } });
            return value.clamp(accepted.min, accepted.max);
        }
        if accepted.whole && value.fract() != 0.0 {
            self.errors.push(FileError { path, problem: Problem::NotWhole { value, accepted } });
            return value.round();
        }
        value
    }

    fn opt(&mut self, path: String, value: Option<f64>, default: f64, accepted: Accepted) -> f64 {
        value.map_or(default, |v| self.num(path, v, accepted))
    }

    fn field(&mut self, path: String, value: Option<f64>, field: Field) -> f64 {
        let spec = field.spec();
        self.opt(path, value, spec.default, spec.accepted())
    }

    fn count(&mut self, path: String, n: usize, most: usize, what: &str) {
        if n == 0 || n > most {
            self.invalid(path, format!("{n} {what}; accepted: 1 to {}", Num(most as f64)));
        }
    }

    fn text(&mut self, path: String, text: &str, most: usize) {
        let n = text.chars().count();
        if n == 0 || n > most {
            self.invalid(path, format!("\"{text}\" has {n} characters; accepted: 1 to {most}"));
        }
    }
}

impl ScenarioFile {
    /// Range-checks every field and builds the scenario.
    ///
    /// # Errors
    /// Every problem found, each with its JSON path.
    pub fn to_scenario(&self) -> Result<Scenario, Vec<FileError>> {
        let spec = self.to_spec()?;
        Scenario::new(spec).map_err(|e| vec![core_error(e)])
    }

    /// Range-checks every field and fills in the defaults.
    ///
    /// # Errors
    /// Every problem found, each with its JSON path.
    pub fn to_spec(&self) -> Result<ScenarioSpec, Vec<FileError>> {
        let mut c = Check::default();
        let s = &self.settings;
        let horizon = c.field("settings.horizon_days".into(), s.horizon_days, Field::HorizonDays);
        let warm_up =
            s.warm_up_days.map(|w| c.num("settings.warm_up_days".into(), w, ranges::WARM_UP));
        let reps = c.field("settings.replications".into(), s.replications, Field::Replications);
        let seed = c.field("settings.seed".into(), s.seed, Field::Seed);
        let days_per_year = c.opt(
            "settings.days_per_year".into(),
            s.days_per_year,
            DAYS_PER_YEAR,
            ranges::DAYS_PER_YEAR,
        );
        let currency = s.currency.clone().unwrap_or_else(|| "USD".into());
        c.text("settings.currency".into(), &currency, MAX_CURRENCY_CHARS);
        let start_date = s.start_date.as_deref().and_then(|text| match Date::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                c.invalid("settings.start_date".into(), message);
                None
            }
        });
        let shortage = s.shortage.unwrap_or(ShortageFile::Backorder);
        if self.suppliers.len() > MAX_SUPPLIERS {
            c.count("suppliers".into(), self.suppliers.len(), MAX_SUPPLIERS, "suppliers");
        }
        let suppliers: Vec<SupplierSpec> = self
            .suppliers
            .iter()
            .enumerate()
            .map(|(k, supplier)| supplier.to_spec(&mut c, &format!("suppliers[{k}]")))
            .collect();
        for (k, supplier) in suppliers.iter().enumerate() {
            if suppliers[..k].iter().any(|earlier| earlier.name == supplier.name) {
                c.invalid(
                    format!("suppliers[{k}].name"),
                    format!("\"{}\" names two suppliers; names must differ", supplier.name),
                );
            }
        }
        c.count("items".into(), self.items.len(), MAX_ITEMS, "items");
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| item.to_spec(&mut c, &format!("items[{i}]"), i, shortage, &suppliers))
            .collect();
        if !c.errors.is_empty() {
            return Err(c.errors);
        }
        Ok(ScenarioSpec {
            settings: SettingsSpec {
                horizon_days: horizon as u32,
                warm_up_days: warm_up.map(|w| w as u32),
                n_replications: reps as u32,
                seed: seed as u64,
                days_per_year,
                currency,
                start_date,
            },
            suppliers,
            items,
        })
    }

    /// The file that describes a scenario, every field written out.
    pub fn from_spec(spec: &ScenarioSpec) -> ScenarioFile {
        let s = &spec.settings;
        ScenarioFile {
            version: VERSION,
            settings: SettingsFile {
                horizon_days: Some(f64::from(s.horizon_days)),
                warm_up_days: s.warm_up_days.map(f64::from),
                replications: Some(f64::from(s.n_replications)),
                seed: Some(s.seed as f64),
                days_per_year: Some(s.days_per_year),
                currency: Some(s.currency.clone()),
                shortage: None,
                start_date: s.start_date.map(|d| d.to_string()),
            },
            suppliers: spec.suppliers.iter().map(SupplierFile::from_spec).collect(),
            items: spec
                .items
                .iter()
                .map(|item| ItemFile::from_spec(item, &spec.suppliers))
                .collect(),
        }
    }

    /// Pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The JSON path of the part of the scenario a core error is about.
fn core_error(e: ScenarioError) -> FileError {
    let item = |i: usize, field: &str| format!("items[{i}].{field}");
    let path = match (e.item, &e.part) {
        (_, Part::DaysPerYear) => "settings.days_per_year".into(),
        (_, Part::Replications) => "settings.replications".into(),
        (None, Part::Horizon) => "settings.horizon_days".into(),
        (_, Part::Items) => "items".into(),
        (_, Part::Supplier(k)) => format!("suppliers[{k}]"),
        (Some(i), Part::ItemSupplier) => item(i, "supplier"),
        (Some(i), Part::SupplyYield) => item(i, "supply_yield"),
        (Some(i), Part::Perishability) => item(i, "perishability"),
        (Some(i), Part::Obsolescence) => item(i, "obsolescence"),
        (None, _) => String::new(),
        (Some(_), Part::Horizon) => "settings.horizon_days".into(),
        (Some(i), Part::Demand) => item(i, "demand"),
        (Some(i), Part::DemandShape) => item(i, "demand_shape"),
        (Some(i), Part::LeadTime) => item(i, "lead_time"),
        (Some(i), Part::ReviewPeriod) => item(i, "review_period_days"),
        (Some(i), Part::InitialOnHand) => item(i, "initial_on_hand"),
        (Some(i), Part::Costs) => item(i, "costs"),
        (Some(i), Part::Policies) => item(i, "policies"),
        (Some(i), Part::Policy(j)) => item(i, &format!("policies[{j}]")),
    };
    FileError { path, problem: Problem::Invalid(e.message) }
}

impl ItemFile {
    fn to_spec(
        &self,
        c: &mut Check,
        at: &str,
        index: usize,
        shortage: ShortageFile,
        suppliers: &[SupplierSpec],
    ) -> ItemSpec {
        let p = |field: &str| format!("{at}.{field}");
        let name = self.name.clone().unwrap_or_else(|| format!("Item {}", index + 1));
        c.text(p("name"), &name, MAX_NAME_CHARS);
        let demand = self.demand.to_core(c, &p("demand"));
        let demand_shape = self
            .demand_shape
            .as_ref()
            .map_or_else(DemandShape::default, |shape| shape.to_core(c, &p("demand_shape")));
        let lead_time = self.lead_time.to_core(c, &p("lead_time"));
        let supplier = self.supplier.as_ref().and_then(|name| {
            let found = suppliers.iter().position(|s| &s.name == name);
            if found.is_none() {
                let known: Vec<String> =
                    suppliers.iter().map(|s| format!("\"{}\"", s.name)).collect();
                c.invalid(
                    p("supplier"),
                    format!(
                        "\"{name}\" is not a supplier of this scenario; accepted: {}",
                        if known.is_empty() { "none are listed".into() } else { known.join(", ") }
                    ),
                );
            }
            found
        });
        let review_period_days = c.opt(
            p("review_period_days"),
            self.review_period_days,
            f64::from(REVIEW_PERIOD_DAYS),
            ranges::REVIEW_PERIOD,
        ) as u32;
        let initial_on_hand =
            self.initial_on_hand.map(|u| c.num(p("initial_on_hand"), u, ranges::UNITS));
        let limits = self.order_limits.unwrap_or_default();
        let at_limits = p("order_limits");
        let minimum = c.opt(format!("{at_limits}.minimum"), limits.minimum, 0.0, ranges::UNITS);
        let multiple = c.opt(format!("{at_limits}.multiple"), limits.multiple, 0.0, ranges::UNITS);
        let maximum =
            c.opt(format!("{at_limits}.maximum"), limits.maximum, f64::INFINITY, ranges::UNITS);
        let order_limits = OrderLimits::new(minimum, multiple, maximum).unwrap_or_else(|m| {
            c.invalid(at_limits, m);
            OrderLimits::default()
        });
        let costs = self.costs.unwrap_or_default();
        let at_costs = p("costs");
        let q = |field: &str| format!("{at_costs}.{field}");
        let costs = Costs {
            unit_cost: c.field(q("unit_cost"), costs.unit_cost, Field::UnitCost),
            holding_rate_per_year: c.field(
                q("holding_rate_pct_per_year"),
                costs.holding_rate_pct_per_year,
                Field::HoldingRate,
            ) / 100.0,
            storage_per_unit_day: c.field(
                q("storage_per_unit_day"),
                costs.storage_per_unit_day,
                Field::StorageCost,
            ),
            order_cost: c.field(q("order_cost"), costs.order_cost, Field::OrderCost),
            backorder_per_unit_day: c.field(
                q("backorder_per_unit_day"),
                costs.backorder_per_unit_day,
                Field::BackorderCost,
            ),
            lost_sale_per_unit: c.opt(
                q("lost_sale_per_unit"),
                costs.lost_sale_per_unit,
                0.0,
                ranges::LOST_SALE,
            ),
            disposal_per_unit: c.opt(
                q("disposal_per_unit"),
                costs.disposal_per_unit,
                0.0,
                ranges::LOST_SALE,
            ),
        };
        let shortage = match self.shortage.unwrap_or(shortage) {
            ShortageFile::Backorder => Shortage::Backorder,
            ShortageFile::LostSale => Shortage::LostSale,
        };
        let policies = match &self.policies {
            None => vec![
                (None, PolicySpec::Jit),
                (None, PolicySpec::Jic { buffer_days: Field::JicBufferDays.spec().default }),
            ],
            Some(list) => {
                c.count(p("policies"), list.len(), MAX_POLICIES, "policies");
                list.iter()
                    .enumerate()
                    .map(|(j, policy)| policy.to_core(c, &format!("{at}.policies[{j}]")))
                    .collect()
            }
        };
        ItemSpec {
            name,
            demand,
            round_demand_to_units: self.round_demand_to_units.unwrap_or(false),
            demand_shape,
            obsolescence: self.obsolescence.map(|o| Obsolescence {
                probability_per_year: c.num(
                    format!("{at}.obsolescence.probability_per_year"),
                    o.probability_per_year,
                    ranges::PROBABILITY,
                ),
                salvage_per_unit: c.opt(
                    format!("{at}.obsolescence.salvage_per_unit"),
                    o.salvage_per_unit,
                    0.0,
                    ranges::LOST_SALE,
                ),
            }),
            perishability: self.perishability.map(|p| Perishability {
                shelf_life_days: c.num(
                    format!("{at}.perishability.shelf_life_days"),
                    p.shelf_life_days,
                    ranges::SHELF_LIFE,
                ) as u32,
                issuing: match p.issuing.unwrap_or(IssuingFile::Fifo) {
                    IssuingFile::Fifo => Issuing::Fifo,
                    IssuingFile::Lifo => Issuing::Lifo,
                },
            }),
            lead_time,
            deliveries_in_order: self.deliveries_in_order.unwrap_or(false),
            supplier,
            supply_yield: self.supply_yield.map(|y| {
                let q = |field: &str| format!("{at}.supply_yield.{field}");
                match y {
                    YieldFile::Fixed { share } => {
                        Yield::Fixed(c.num(q("share"), share, ranges::YIELD_SHARE))
                    }
                    YieldFile::Uniform { min, max } => {
                        let (min, max) = (
                            c.num(q("min"), min, ranges::YIELD_SHARE),
                            c.num(q("max"), max, ranges::YIELD_SHARE),
                        );
                        if min > max {
                            c.invalid(p("supply_yield"), format!("min {min} is above max {max}"));
                        }
                        Yield::Uniform { min, max: max.max(min) }
                    }
                    YieldFile::Beta { mean, sd } => Yield::Beta {
                        mean: c.num(q("mean"), mean, ranges::YIELD_SHARE),
                        sd: c.num(q("sd"), sd, ranges::YIELD_SD),
                    },
                }
            }),
            review_period_days,
            initial_on_hand,
            order_limits,
            costs,
            shortage,
            policies,
        }
    }

    fn from_spec(spec: &ItemSpec, suppliers: &[SupplierSpec]) -> ItemFile {
        let limits = spec.order_limits;
        let c = spec.costs;
        ItemFile {
            name: Some(spec.name.clone()),
            demand: DemandFile::from_core(&spec.demand),
            round_demand_to_units: Some(spec.round_demand_to_units),
            demand_shape: (!spec.demand_shape.is_flat())
                .then(|| DemandShapeFile::from_core(&spec.demand_shape)),
            lead_time: LeadTimeFile::from_core(&spec.lead_time),
            deliveries_in_order: Some(spec.deliveries_in_order),
            supplier: spec.supplier.and_then(|k| suppliers.get(k)).map(|s| s.name.clone()),
            supply_yield: spec.supply_yield.map(|y| match y {
                Yield::Fixed(share) => YieldFile::Fixed { share },
                Yield::Uniform { min, max } => YieldFile::Uniform { min, max },
                Yield::Beta { mean, sd } => YieldFile::Beta { mean, sd },
            }),
            review_period_days: Some(f64::from(spec.review_period_days)),
            initial_on_hand: spec.initial_on_hand,
            order_limits: Some(OrderLimitsFile {
                minimum: Some(limits.minimum()),
                multiple: Some(limits.multiple()),
                maximum: limits.maximum().is_finite().then_some(limits.maximum()),
            }),
            costs: Some(CostsFile {
                unit_cost: Some(c.unit_cost),
                holding_rate_pct_per_year: Some(c.holding_rate_per_year * 100.0),
                storage_per_unit_day: Some(c.storage_per_unit_day),
                order_cost: Some(c.order_cost),
                backorder_per_unit_day: Some(c.backorder_per_unit_day),
                lost_sale_per_unit: Some(c.lost_sale_per_unit),
                disposal_per_unit: Some(c.disposal_per_unit),
            }),
            obsolescence: spec.obsolescence.map(|o| ObsolescenceFile {
                probability_per_year: o.probability_per_year,
                salvage_per_unit: Some(o.salvage_per_unit),
            }),
            perishability: spec.perishability.map(|p| PerishabilityFile {
                shelf_life_days: f64::from(p.shelf_life_days),
                issuing: Some(match p.issuing {
                    Issuing::Fifo => IssuingFile::Fifo,
                    Issuing::Lifo => IssuingFile::Lifo,
                }),
            }),
            shortage: Some(match spec.shortage {
                Shortage::Backorder => ShortageFile::Backorder,
                Shortage::LostSale => ShortageFile::LostSale,
            }),
            policies: Some(
                spec.policies.iter().map(|(name, p)| PolicyFile::from_core(name, p)).collect(),
            ),
        }
    }
}

impl DemandShapeFile {
    fn to_core(&self, c: &mut Check, at: &str) -> DemandShape {
        let p = |field: &str| format!("{at}.{field}");
        let weekly = self.weekly.as_ref().map(|w| {
            if w.len() != 7 {
                c.invalid(p("weekly"), format!("{} multipliers; accepted: exactly 7", w.len()));
            }
            let mut days = [1.0; 7];
            for (k, &x) in w.iter().enumerate().take(7) {
                days[k] = c.num(format!("{at}.weekly[{k}]"), x, ranges::MULTIPLIER);
            }
            if w.len() == 7 && days.iter().all(|&x| x == 0.0) {
                c.invalid(p("weekly"), "all 7 are 0: no day would have demand".into());
            }
            days
        });
        let seasonality = self.seasonality.map(|s| Seasonality {
            amplitude: c.num(
                format!("{at}.seasonality.amplitude_pct"),
                s.amplitude_pct,
                ranges::AMPLITUDE,
            ) / 100.0,
            peak_day: c.num(format!("{at}.seasonality.peak_day"), s.peak_day, ranges::PEAK_DAY),
        });
        let trend_per_year =
            c.opt(p("trend_pct_per_year"), self.trend_pct_per_year, 0.0, ranges::TREND) / 100.0;
        let scheduled_shocks = self
            .scheduled_shocks
            .iter()
            .enumerate()
            .map(|(k, shock)| {
                let q = |field: &str| format!("{at}.scheduled_shocks[{k}].{field}");
                ScheduledShock {
                    window: Window {
                        start_day: c.num(q("start_day"), shock.start_day, ranges::START_DAY) as u32,
                        days: c.num(q("days"), shock.days, ranges::OUTAGE_DAYS) as u32,
                    },
                    multiplier: c.num(q("multiplier"), shock.multiplier, ranges::MULTIPLIER),
                }
            })
            .collect();
        let random_shocks = self.random_shocks.map(|r| {
            let q = |field: &str| format!("{at}.random_shocks.{field}");
            RandomShocks {
                rate_per_year: c.num(q("rate_per_year"), r.rate_per_year, ranges::SHOCK_RATE),
                multiplier: c.num(q("multiplier"), r.multiplier, ranges::MULTIPLIER),
                mean_days: c.num(q("mean_days"), r.mean_days, ranges::SHOCK_DAYS),
            }
        });
        DemandShape { weekly, seasonality, trend_per_year, scheduled_shocks, random_shocks }
    }

    fn from_core(shape: &DemandShape) -> DemandShapeFile {
        DemandShapeFile {
            weekly: shape.weekly.map(|w| w.to_vec()),
            seasonality: shape.seasonality.map(|s| SeasonalityFile {
                amplitude_pct: s.amplitude * 100.0,
                peak_day: s.peak_day,
            }),
            trend_pct_per_year: (shape.trend_per_year != 0.0)
                .then_some(shape.trend_per_year * 100.0),
            scheduled_shocks: shape
                .scheduled_shocks
                .iter()
                .map(|s| ShockFile {
                    start_day: f64::from(s.window.start_day),
                    days: f64::from(s.window.days),
                    multiplier: s.multiplier,
                })
                .collect(),
            random_shocks: shape.random_shocks.map(|r| RandomShocksFile {
                rate_per_year: r.rate_per_year,
                multiplier: r.multiplier,
                mean_days: r.mean_days,
            }),
        }
    }
}

impl SupplierFile {
    fn to_spec(&self, c: &mut Check, at: &str) -> SupplierSpec {
        let p = |field: &str| format!("{at}.{field}");
        c.text(p("name"), &self.name, MAX_NAME_CHARS);
        let random = self.random_outages.and_then(|r| {
            let q = |field: &str| format!("{at}.random_outages.{field}");
            match (r.mean_up_days, r.mean_down_days, r.availability, r.mean_repair_days) {
                (Some(up), Some(down), None, None) => Some(RandomOutages {
                    mean_up_days: c.num(q("mean_up_days"), up, ranges::MEAN_UP),
                    mean_down_days: c.num(q("mean_down_days"), down, ranges::MEAN_DOWN),
                }),
                (None, None, Some(a), Some(repair)) => {
                    let valid = ranges::AVAILABILITY.contains(a);
                    let a = c.num(q("availability"), a, ranges::AVAILABILITY);
                    let repair = c.num(q("mean_repair_days"), repair, ranges::MEAN_DOWN);
                    if a >= 1.0 {
                        return None;
                    }
                    let r = RandomOutages::from_availability(a, repair);
                    if valid && r.mean_up_days < 1.0 {
                        c.invalid(
                            q("availability"),
                            format!(
                                "{a} with a mean repair of {repair} days means up-times under a \
                                 day; accepted: from {:.4}, up to 1",
                                1.0 / (1.0 + repair)
                            ),
                        );
                    }
                    Some(r)
                }
                _ => {
                    c.invalid(
                        p("random_outages"),
                        "give \"mean_up_days\" and \"mean_down_days\", or \"availability\" and \
                         \"mean_repair_days\""
                            .into(),
                    );
                    None
                }
            }
        });
        if self.scheduled_outages.len() > MAX_WINDOWS {
            c.count(p("scheduled_outages"), self.scheduled_outages.len(), MAX_WINDOWS, "outages");
        }
        let scheduled = self
            .scheduled_outages
            .iter()
            .enumerate()
            .map(|(k, w)| Window {
                start_day: c.num(
                    format!("{at}.scheduled_outages[{k}].start_day"),
                    w.start_day,
                    ranges::START_DAY,
                ) as u32,
                days: c.num(
                    format!("{at}.scheduled_outages[{k}].days"),
                    w.days,
                    ranges::OUTAGE_DAYS,
                ) as u32,
            })
            .collect();
        SupplierSpec { name: self.name.clone(), random, scheduled }
    }

    fn from_spec(spec: &SupplierSpec) -> SupplierFile {
        SupplierFile {
            name: spec.name.clone(),
            random_outages: spec.random.map(|r| RandomOutagesFile {
                mean_up_days: Some(r.mean_up_days),
                mean_down_days: Some(r.mean_down_days),
                ..RandomOutagesFile::default()
            }),
            scheduled_outages: spec
                .scheduled
                .iter()
                .map(|w| WindowFile { start_day: f64::from(w.start_day), days: f64::from(w.days) })
                .collect(),
        }
    }
}

impl DemandFile {
    fn to_core(&self, c: &mut Check, at: &str) -> Demand {
        let p = |field: &str| format!("{at}.{field}");
        let mean_sd = |c: &mut Check, mean: f64, sd: Option<f64>, cv: Option<f64>| {
            let mean = c.num(p("mean"), mean, Field::MeanDemand.spec().accepted());
            let sd = match (sd, cv) {
                (Some(sd), None) => c.num(p("sd"), sd, Field::DemandSd.spec().accepted()),
                (None, Some(cv)) => mean * c.num(p("cv"), cv, ranges::CV),
                (None, None) => {
                    c.invalid(at.into(), "give the spread as \"sd\" or \"cv\"".into());
                    0.0
                }
                (Some(sd), Some(cv)) => {
                    c.invalid(at.into(), format!("sd {sd} and cv {cv} both given: give one"));
                    0.0
                }
            };
            MeanSd { mean, sd }
        };
        match self {
            DemandFile::Normal { mean, sd, cv } => Demand::Normal(mean_sd(c, *mean, *sd, *cv)),
            DemandFile::Gamma { mean, sd, cv } => Demand::Gamma(mean_sd(c, *mean, *sd, *cv)),
            DemandFile::NegativeBinomial { mean, sd, cv } => {
                Demand::NegativeBinomial(mean_sd(c, *mean, *sd, *cv))
            }
            DemandFile::Poisson { mean } => Demand::Poisson {
                mean: c.num(p("mean"), *mean, Field::MeanDemand.spec().accepted()),
            },
            DemandFile::Intermittent { probability, size_mean, size_sd } => Demand::Intermittent {
                probability: c.num(p("probability"), *probability, ranges::PROBABILITY),
                size: MeanSd {
                    mean: c.num(p("size_mean"), *size_mean, ranges::ORDER_SIZE),
                    sd: c.opt(p("size_sd"), *size_sd, 0.0, ranges::ORDER_SIZE),
                },
            },
            DemandFile::CompoundPoisson { rate, sizes } => {
                c.count(p("sizes"), sizes.len(), MAX_SIZES, "rows");
                Demand::CompoundPoisson {
                    rate: c.num(p("rate"), *rate, ranges::ARRIVAL_RATE),
                    sizes: sizes
                        .iter()
                        .enumerate()
                        .map(|(k, s)| SizeWeight {
                            size: c.num(
                                format!("{at}.sizes[{k}].size"),
                                s.size,
                                ranges::ORDER_SIZE,
                            ),
                            weight: c.num(
                                format!("{at}.sizes[{k}].weight"),
                                s.weight,
                                ranges::WEIGHT,
                            ),
                        })
                        .collect(),
                }
            }
            DemandFile::Empirical { history } => {
                c.count(p("history"), history.len(), MAX_HISTORY, "days of history");
                Demand::Empirical(
                    history
                        .iter()
                        .enumerate()
                        .map(|(k, &x)| c.num(format!("{at}.history[{k}]"), x, ranges::HISTORY_DAY))
                        .collect(),
                )
            }
        }
    }

    /// The file's form of a core distribution.
    pub fn from_core(demand: &Demand) -> DemandFile {
        match demand {
            Demand::Normal(p) => DemandFile::Normal { mean: p.mean, sd: Some(p.sd), cv: None },
            Demand::Poisson { mean } => DemandFile::Poisson { mean: *mean },
            Demand::Gamma(p) => DemandFile::Gamma { mean: p.mean, sd: Some(p.sd), cv: None },
            Demand::NegativeBinomial(p) => {
                DemandFile::NegativeBinomial { mean: p.mean, sd: Some(p.sd), cv: None }
            }
            Demand::Intermittent { probability, size } => DemandFile::Intermittent {
                probability: *probability,
                size_mean: size.mean,
                size_sd: Some(size.sd),
            },
            Demand::CompoundPoisson { rate, sizes } => DemandFile::CompoundPoisson {
                rate: *rate,
                sizes: sizes.iter().map(|s| SizeFile { size: s.size, weight: s.weight }).collect(),
            },
            Demand::Empirical(history) => DemandFile::Empirical { history: history.clone() },
        }
    }
}

impl LeadTimeFile {
    fn to_core(&self, c: &mut Check, at: &str) -> LeadTime {
        let p = |field: &str| format!("{at}.{field}");
        let days =
            |c: &mut Check, path: String, x: f64| c.num(path, x, ranges::LEAD_DAYS_WHOLE) as u32;
        let mean_sd = |c: &mut Check, mean: f64, sd: f64| NormalLike {
            mean: c.num(p("mean"), mean, ranges::LEAD_DAYS),
            sd: c.num(p("sd"), sd, ranges::LEAD_DAYS),
        };
        match self {
            LeadTimeFile::Fixed { days: d } => LeadTime::Fixed(days(c, p("days"), *d)),
            LeadTimeFile::Uniform { min, max } => {
                let (lo, hi) = (days(c, p("min"), *min), days(c, p("max"), *max));
                if lo > hi {
                    c.invalid(at.into(), format!("min {lo} is above max {hi} days"));
                }
                LeadTime::Uniform { min: lo, max: hi.max(lo) }
            }
            LeadTimeFile::Normal { mean, sd } => LeadTime::Normal(mean_sd(c, *mean, *sd)),
            LeadTimeFile::Lognormal { mean, sd } => LeadTime::LogNormal(mean_sd(c, *mean, *sd)),
            LeadTimeFile::Gamma { mean, sd } => LeadTime::Gamma(mean_sd(c, *mean, *sd)),
            LeadTimeFile::Empirical { days: observed } => {
                c.count(p("days"), observed.len(), MAX_HISTORY, "observed lead times");
                LeadTime::Empirical(
                    observed
                        .iter()
                        .enumerate()
                        .map(|(k, &x)| days(c, format!("{at}.days[{k}]"), x))
                        .collect(),
                )
            }
        }
    }

    /// The file's form of a core distribution.
    pub fn from_core(lead_time: &LeadTime) -> LeadTimeFile {
        match lead_time {
            LeadTime::Fixed(d) => LeadTimeFile::Fixed { days: f64::from(*d) },
            LeadTime::Uniform { min, max } => {
                LeadTimeFile::Uniform { min: f64::from(*min), max: f64::from(*max) }
            }
            LeadTime::Normal(p) => LeadTimeFile::Normal { mean: p.mean, sd: p.sd },
            LeadTime::LogNormal(p) => LeadTimeFile::Lognormal { mean: p.mean, sd: p.sd },
            LeadTime::Gamma(p) => LeadTimeFile::Gamma { mean: p.mean, sd: p.sd },
            LeadTime::Empirical(days) => {
                LeadTimeFile::Empirical { days: days.iter().map(|&d| f64::from(d)).collect() }
            }
        }
    }
}

impl PolicyFile {
    fn to_core(&self, c: &mut Check, at: &str) -> (Option<String>, PolicySpec) {
        let p = |field: &str| format!("{at}.{field}");
        let units = |c: &mut Check, field: &str, x: f64| c.num(p(field), x, ranges::UNITS);
        let review =
            |c: &mut Check, r: f64| c.num(p("review_period_days"), r, ranges::REVIEW_PERIOD) as u32;
        let rule = |rule: Rule, review_period_days: Option<u32>| PolicySpec::Rule {
            rule,
            review_period_days,
        };
        let (name, spec) = match self {
            PolicyFile::Jit { name } => (name, PolicySpec::Jit),
            PolicyFile::MakeToOrder { name } => (name, PolicySpec::MakeToOrder),
            PolicyFile::Jic { name, buffer_days, cycle_service_level, fill_rate } => {
                let spec = match (buffer_days, cycle_service_level, fill_rate) {
                    (Some(days), None, None) => PolicySpec::Jic {
                        buffer_days: c.num(
                            p("buffer_days"),
                            *days,
                            Field::JicBufferDays.spec().accepted(),
                        ),
                    },
                    (None, Some(a), None) => {
                        PolicySpec::ServiceTarget(ServiceTarget::CycleServiceLevel(c.num(
                            p("cycle_service_level"),
                            *a,
                            ranges::SERVICE,
                        )))
                    }
                    (None, None, Some(b)) => PolicySpec::ServiceTarget(ServiceTarget::FillRate(
                        c.num(p("fill_rate"), *b, ranges::SERVICE),
                    )),
                    _ => {
                        c.invalid(
                            at.into(),
                            "a JIC policy takes exactly one of \"buffer_days\", \
                             \"cycle_service_level\" or \"fill_rate\""
                                .into(),
                        );
                        PolicySpec::Jic { buffer_days: 0.0 }
                    }
                };
                (name, spec)
            }
            PolicyFile::JicByMonth { name, buffer_days } => {
                if buffer_days.len() != 12 {
                    c.invalid(
                        p("buffer_days"),
                        format!("{} buffers; accepted: exactly 12, one a month", buffer_days.len()),
                    );
                }
                let mut months = [0.0; 12];
                for (k, &b) in buffer_days.iter().enumerate().take(12) {
                    months[k] = c.num(
                        format!("{at}.buffer_days[{k}]"),
                        b,
                        Field::JicBufferDays.spec().accepted(),
                    );
                }
                (name, PolicySpec::Monthly { buffer_days: months })
            }
            PolicyFile::JicReestimated { name, cycle_service_level, every_days, window_days } => (
                name,
                PolicySpec::Reestimated {
                    cycle_service_level: c.num(
                        p("cycle_service_level"),
                        *cycle_service_level,
                        ranges::SERVICE,
                    ),
                    every_days: c.num(p("every_days"), *every_days, ranges::OUTAGE_DAYS) as u32,
                    window_days: c.num(p("window_days"), *window_days, ranges::WINDOW) as u32,
                },
            ),
            PolicyFile::BaseStock { name, order_up_to, review_period_days } => (
                name,
                rule(
                    Rule::OrderUpTo { level: units(c, "order_up_to", *order_up_to) },
                    review_period_days.map(|r| review(c, r)),
                ),
            ),
            PolicyFile::PeriodicOrderUpTo { name, review_period_days, order_up_to } => (
                name,
                rule(
                    Rule::OrderUpTo { level: units(c, "order_up_to", *order_up_to) },
                    Some(review(c, *review_period_days)),
                ),
            ),
            PolicyFile::MinMax { name, reorder_point, order_up_to, review_period_days } => (
                name,
                rule(
                    Rule::MinMax {
                        reorder_point: units(c, "reorder_point", *reorder_point),
                        level: units(c, "order_up_to", *order_up_to),
                    },
                    review_period_days.map(|r| review(c, r)),
                ),
            ),
            PolicyFile::PeriodicMinMax { name, review_period_days, reorder_point, order_up_to } => {
                (
                    name,
                    rule(
                        Rule::MinMax {
                            reorder_point: units(c, "reorder_point", *reorder_point),
                            level: units(c, "order_up_to", *order_up_to),
                        },
                        Some(review(c, *review_period_days)),
                    ),
                )
            }
            PolicyFile::ReorderQuantity { name, reorder_point, quantity, review_period_days } => (
                name,
                rule(
                    Rule::ReorderQuantity {
                        reorder_point: units(c, "reorder_point", *reorder_point),
                        quantity: c.num(p("quantity"), *quantity, ranges::QUANTITY),
                    },
                    review_period_days.map(|r| review(c, r)),
                ),
            ),
        };
        if let Some(name) = name {
            c.text(p("name"), name, MAX_NAME_CHARS);
        }
        (name.clone(), spec)
    }

    fn from_core(name: &Option<String>, spec: &PolicySpec) -> PolicyFile {
        let name = name.clone();
        let review = |r: Option<u32>| r.map(f64::from);
        match *spec {
            PolicySpec::Monthly { buffer_days } => {
                PolicyFile::JicByMonth { name, buffer_days: buffer_days.to_vec() }
            }
            PolicySpec::Reestimated { cycle_service_level, every_days, window_days } => {
                PolicyFile::JicReestimated {
                    name,
                    cycle_service_level,
                    every_days: f64::from(every_days),
                    window_days: f64::from(window_days),
                }
            }
            PolicySpec::Jit => PolicyFile::Jit { name },
            PolicySpec::MakeToOrder => PolicyFile::MakeToOrder { name },
            PolicySpec::Jic { buffer_days } => PolicyFile::Jic {
                name,
                buffer_days: Some(buffer_days),
                cycle_service_level: None,
                fill_rate: None,
            },
            PolicySpec::ServiceTarget(ServiceTarget::CycleServiceLevel(a)) => PolicyFile::Jic {
                name,
                buffer_days: None,
                cycle_service_level: Some(a),
                fill_rate: None,
            },
            PolicySpec::ServiceTarget(ServiceTarget::FillRate(b)) => PolicyFile::Jic {
                name,
                buffer_days: None,
                cycle_service_level: None,
                fill_rate: Some(b),
            },
            PolicySpec::Rule { rule: Rule::OrderUpTo { level }, review_period_days } => {
                PolicyFile::BaseStock {
                    name,
                    order_up_to: level,
                    review_period_days: review(review_period_days),
                }
            }
            PolicySpec::Rule {
                rule: Rule::MinMax { reorder_point, level },
                review_period_days,
            } => PolicyFile::MinMax {
                name,
                reorder_point,
                order_up_to: level,
                review_period_days: review(review_period_days),
            },
            PolicySpec::Rule {
                rule: Rule::ReorderQuantity { reorder_point, quantity },
                review_period_days,
            } => PolicyFile::ReorderQuantity {
                name,
                reorder_point,
                quantity,
                review_period_days: review(review_period_days),
            },
        }
    }
}
