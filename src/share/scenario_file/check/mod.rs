//! Range-checking a scenario file field by field, collecting every problem with its JSON
//! path, and building the core scenario description from it.

use std::collections::HashMap;

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::core::expedite::Expedite;
use crate::core::order_charges::{Freight, OrderCharges, PriceBreak, MAX_PRICE_BREAKS};
use crate::core::prices::{
    Agreement, Change, ForwardBuy, PriceChange, PriceJumps, Prices, MAX_PRICE_CHANGES,
};
use crate::core::sourcing::{BackupSpec, SourcingRule};
use crate::core::storage::{Capacity, Storage, WhenFull};
use crate::core::warehouse::{SpaceUnit, Warehouse};
use crate::core::Building;
use crate::share::gate::shorten;

mod costs;
mod distributions;
mod levers;
mod policy;

use costs::{payment_terms, sale_value};
use levers::{backup, expedite, prices, storage, supplier_named, warehouse};

/// The smallest size of a number other than 0 that a file may give: below it, numbers lose
/// all precision when divided or multiplied (see [`Check::num`]).
pub const MIN_MAGNITUDE: f64 = 1e-9;

/// The suppliers' names a message offers: the first few, and how many more.
fn names_listed(suppliers: &[SupplierSpec]) -> String {
    const SHOWN: usize = 5;
    if suppliers.is_empty() {
        return "none are listed".into();
    }
    let mut text: Vec<String> =
        suppliers.iter().take(SHOWN).map(|s| format!("\"{}\"", shorten(&s.name, 40))).collect();
    if suppliers.len() > SHOWN {
        text.push(format!("and {} more (under suppliers)", Num((suppliers.len() - SHOWN) as f64)));
    }
    text.join(", ")
}

/// A field's JSON path, or how to write it when a problem needs it.
trait Path {
    fn written(self) -> String;
}

impl Path for String {
    fn written(self) -> String {
        self
    }
}

/// A field's path under a part (`items[3].demand` and `mean`), written only when a problem
/// needs it: a scenario's checks name thousands of fields and most are fine.
#[derive(Clone, Copy)]
struct At<'a> {
    part: &'a dyn fmt::Display,
    field: &'a str,
}

impl fmt::Display for At<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.part, self.field)
    }
}

/// The path of a list's element (`items[3]`, `items[3].policies[1]`), written only when a
/// problem needs it.
#[derive(Clone, Copy)]
struct Indexed<'a> {
    list: &'a dyn fmt::Display,
    index: usize,
}

impl fmt::Display for Indexed<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.list, self.index)
    }
}

impl Path for &str {
    fn written(self) -> String {
        self.to_owned()
    }
}

impl Path for At<'_> {
    fn written(self) -> String {
        self.to_string()
    }
}

impl Path for Indexed<'_> {
    fn written(self) -> String {
        self.to_string()
    }
}

impl Path for &dyn fmt::Display {
    fn written(self) -> String {
        self.to_string()
    }
}

/// Collects problems while a file is walked: the first [`MAX_PROBLEMS`], and how many more.
#[derive(Default)]
struct Check {
    errors: Vec<FileError>,
    more: usize,
}

impl Check {
    fn push(&mut self, error: FileError) {
        if self.errors.len() < MAX_PROBLEMS {
            self.errors.push(error);
        } else {
            self.more += 1;
        }
    }

    fn invalid(&mut self, path: impl Path, message: String) {
        self.push(FileError { path: path.written(), problem: Problem::Invalid(message) });
    }

    /// `value` if it is accepted; otherwise records why and returns it clamped into range, so
    /// that checking goes on. The path is written only for a problem: a history of 36,500
    /// days is checked without 36,500 paths (they were over half the time of reading one).
    fn num(&mut self, path: impl Path, value: f64, accepted: Accepted) -> f64 {
        if accepted.contains(value)
            && (value == 0.0 || value.abs() >= MIN_MAGNITUDE)
            && (!accepted.whole || value.fract() == 0.0)
        {
            return value;
        }
        let path = path.written();
        if value != 0.0 && value.abs() < MIN_MAGNITUDE && accepted.contains(value) {
            // In range, but so near 0 that dividing by it overflows (a mean demand of 1e-307
            // made buffers of infinite days): say so, and check on as if it were 0.
            self.invalid(
                path,
                format!(
                    "{} is too near 0 to count with; accepted: 0, or from {MIN_MAGNITUDE:e} to \
                     {} {}",
                    Num(value),
                    Num(accepted.max),
                    accepted.unit
                )
                .trim_end()
                .to_owned(),
            );
            return 0.0_f64.clamp(accepted.min, accepted.max);
        }
        if !accepted.contains(value) {
            self.push(FileError { path, problem: Problem::OutOfRange { value, accepted } });
            return value.clamp(accepted.min, accepted.max);
        }
        if accepted.whole && value.fract() != 0.0 {
            self.push(FileError { path, problem: Problem::NotWhole { value, accepted } });
            return value.round();
        }
        value
    }

    fn opt(
        &mut self,
        path: impl Path,
        value: Option<f64>,
        default: f64,
        accepted: Accepted,
    ) -> f64 {
        value.map_or(default, |v| self.num(path, v, accepted))
    }

    fn field(&mut self, path: impl Path, value: Option<f64>, field: Field) -> f64 {
        let spec = field.spec();
        self.opt(path, value, spec.default, spec.accepted())
    }

    fn count(&mut self, path: impl Path, n: usize, most: usize, what: &str) {
        if n == 0 || n > most {
            self.invalid(path, format!("{n} {what}; accepted: 1 to {}", Num(most as f64)));
        }
    }

    fn text(&mut self, path: impl Path, text: &str, most: usize) {
        let n = text.chars().count();
        if n == 0 || n > most {
            self.invalid(
                path,
                format!("\"{}\" has {n} characters; accepted: 1 to {most}", shorten(text, 40)),
            );
        }
    }
}

impl ScenarioFile {
    /// Range-checks every field and builds the scenario.
    ///
    /// # Errors
    /// Every problem found, each with its JSON path.
    pub fn to_scenario(&self) -> Result<Scenario, Vec<FileError>> {
        self.to_scenario_at(0)
    }

    /// [`to_scenario`](Self::to_scenario) for a piece of a catalogue whose first item is at
    /// `first_position` (its random streams are that position's).
    ///
    /// # Errors
    /// As [`to_scenario`](Self::to_scenario).
    pub fn to_scenario_at(&self, first_position: u32) -> Result<Scenario, Vec<FileError>> {
        finished(self.to_building_at(first_position)?)
    }

    /// [`to_scenario`](Self::to_scenario) in steps: every value checked and the settings and
    /// suppliers built here; the items then built (`Building::build`, as many at a time as the
    /// caller likes) and the scenario finished by [`finished`].
    ///
    /// # Errors
    /// As [`to_scenario`](Self::to_scenario), for all but the items' own problems (which
    /// [`finished`] gives).
    pub fn to_building(&self) -> Result<Building, Vec<FileError>> {
        self.to_building_at(0)
    }

    /// [`to_building`](Self::to_building) for a piece of a catalogue whose first item is at
    /// `first_position`.
    fn to_building_at(&self, first_position: u32) -> Result<Building, Vec<FileError>> {
        let (mut spec, errors, more) = self.checked_spec();
        spec.first_position = first_position;
        if errors.is_empty() {
            return Building::start(spec).map_err(core_errors);
        }
        Err(with_rules_across(spec, errors, more))
    }

    /// Range-checks every field and fills in the defaults.
    ///
    /// # Errors
    /// Every problem found, each with its JSON path.
    pub fn to_spec(&self) -> Result<ScenarioSpec, Vec<FileError>> {
        let (spec, errors, more) = self.checked_spec();
        if errors.is_empty() {
            Ok(spec)
        } else {
            Err(bounded(errors, more))
        }
    }

    /// The description with every value checked, and the problems found: a value out of
    /// range is recorded and brought into range, so the rest can still be checked.
    fn checked_spec(&self) -> (ScenarioSpec, Vec<FileError>, usize) {
        let mut c = Check::default();
        for error in super::versions::newer_than_declared(self) {
            c.push(error);
        }
        let s = &self.settings;
        let horizon = c.field("settings.horizon_days", s.horizon_days, Field::HorizonDays);
        let warm_up =
            s.warm_up_days.map(|w| c.num("settings.warm_up_days".to_owned(), w, ranges::WARM_UP));
        let reps = c.field("settings.replications", s.replications, Field::Replications);
        let seed = c.field("settings.seed", s.seed, Field::Seed);
        let days_per_year =
            c.opt("settings.days_per_year", s.days_per_year, DAYS_PER_YEAR, ranges::DAYS_PER_YEAR);
        let currency = s.currency.clone().unwrap_or_else(|| "USD".into());
        c.text("settings.currency", &currency, MAX_CURRENCY_CHARS);
        let start_date = s.start_date.as_deref().and_then(|text| match Date::parse(text) {
            Ok(date) => Some(date),
            Err(message) => {
                c.invalid("settings.start_date", message);
                None
            }
        });
        let practically_same = s.practically_same.map_or_else(PracticallySame::default, |p| {
            let at = |field: &str| format!("settings.practically_same.{field}");
            match (p.pct_of_operating_cost, p.per_year) {
                (Some(pct), None) => PracticallySame::ShareOfOperatingCost(
                    c.num(at("pct_of_operating_cost"), pct, ranges::PRACTICAL_PCT) / 100.0,
                ),
                (None, Some(amount)) => PracticallySame::PerYear(c.num(
                    at("per_year"),
                    amount,
                    ranges::PRACTICAL_AMOUNT,
                )),
                _ => {
                    c.invalid(
                        "settings.practically_same",
                        "give \"pct_of_operating_cost\" or \"per_year\", not both".into(),
                    );
                    PracticallySame::default()
                }
            }
        });
        let warehouse = s.warehouse.map(|w| warehouse(&mut c, w));
        let shortage = s.shortage.unwrap_or(ShortageFile::Backorder);
        if self.suppliers.len() > MAX_SUPPLIERS {
            c.count("suppliers", self.suppliers.len(), MAX_SUPPLIERS, "suppliers");
        }
        let suppliers: Vec<SupplierSpec> = self
            .suppliers
            .iter()
            .enumerate()
            .map(|(k, supplier)| {
                supplier.to_spec(&mut c, &Indexed { list: &"suppliers", index: k })
            })
            .collect();
        let mut named: HashMap<&str, usize> = HashMap::with_capacity(suppliers.len());
        for (k, supplier) in suppliers.iter().enumerate() {
            if let Some(first) = named.insert(&supplier.name, k) {
                named.insert(&supplier.name, first);
                c.invalid(
                    format!("suppliers[{k}].name"),
                    format!(
                        "\"{}\" names two suppliers (suppliers[{first}] too); names must differ",
                        shorten(&supplier.name, 40)
                    ),
                );
            }
        }
        c.count("items", self.items.len(), MAX_ITEMS, "items");
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                item.to_spec(
                    &mut c,
                    &Indexed { list: &"items", index: i },
                    i,
                    shortage,
                    &suppliers,
                    &named,
                )
            })
            .collect();
        let spec = ScenarioSpec {
            settings: SettingsSpec {
                horizon_days: horizon as u32,
                warm_up_days: warm_up.map(|w| w as u32),
                n_replications: reps as u32,
                seed: seed as u64,
                days_per_year,
                currency,
                start_date,
                practically_same,
                warehouse,
            },
            suppliers,
            items,
            first_position: 0,
        };
        (spec, c.errors, c.more)
    }
}

/// The scenario of a [`ScenarioFile::to_building`], its items built, or every problem.
///
/// # Errors
/// As [`ScenarioFile::to_scenario`].
pub fn finished(building: Building) -> Result<Scenario, Vec<FileError>> {
    building.finish().map_err(core_errors)
}

/// The problems of a scenario whose values were all in range, with their paths.
fn core_errors(problems: Vec<ScenarioError>) -> Vec<FileError> {
    bounded(problems.into_iter().map(core_error).collect(), 0)
}

/// `errors` found in the values, and the rules across fields checked too, on the values as
/// checked so far (out of range ones brought into range): each problem not already said of
/// its field.
fn with_rules_across(
    spec: ScenarioSpec,
    mut errors: Vec<FileError>,
    more: usize,
) -> Vec<FileError> {
    let said = |path: &str| {
        errors.iter().any(|e: &FileError| {
            e.path == path
                || e.path.starts_with(&format!("{path}."))
                || path.starts_with(&format!("{}.", e.path))
        })
    };
    let across: Vec<FileError> = Scenario::checked(spec)
        .err()
        .unwrap_or_default()
        .into_iter()
        .map(core_error)
        .filter(|e| !said(&e.path))
        .collect();
    errors.extend(across);
    bounded(errors, more)
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
        (Some(i), Part::OrderCharges) => item(i, "price_breaks"),
        (Some(i), Part::Expedite) => item(i, "expedite"),
        (Some(i), Part::Storage) => item(i, "storage"),
        (Some(i), Part::Prices) => item(i, "prices"),
        (Some(i), Part::Backup) => item(i, "backup"),
        (_, Part::Warehouse) => "settings.warehouse".into(),
        (Some(i), Part::Policies) => item(i, "policies"),
        (Some(i), Part::Policy(j)) => item(i, &format!("policies[{j}]")),
    };
    FileError { path, problem: Problem::Invalid(e.message) }
}

impl ItemFile {
    fn to_spec(
        &self,
        c: &mut Check,
        at: &dyn fmt::Display,
        index: usize,
        shortage: ShortageFile,
        suppliers: &[SupplierSpec],
        named: &HashMap<&str, usize>,
    ) -> ItemSpec {
        let p = |field| At { part: at, field };
        let name = self.name.clone().unwrap_or_else(|| format!("Item {}", index + 1));
        c.text(p("name"), &name, MAX_NAME_CHARS);
        let demand = self.demand.to_core(c, &p("demand"));
        let demand_shape = self
            .demand_shape
            .as_ref()
            .map_or_else(DemandShape::default, |shape| shape.to_core(c, &p("demand_shape")));
        let lead_time = self.lead_time.to_core(c, &p("lead_time"));
        let supplier = self
            .supplier
            .as_ref()
            .and_then(|name| supplier_named(c, &p("supplier"), name, suppliers, named));
        let review_period_days = c.opt(
            p("review_period_days"),
            self.review_period_days,
            f64::from(REVIEW_PERIOD_DAYS),
            ranges::REVIEW_PERIOD,
        ) as u32;
        let initial_on_hand =
            self.initial_on_hand.map(|u| c.num(p("initial_on_hand"), u, ranges::UNITS));
        let warm_up_days =
            self.warm_up_days.map(|w| c.num(p("warm_up_days"), w, ranges::WARM_UP) as u32);
        let limits = self.order_limits.unwrap_or_default();
        let at_limits = p("order_limits");
        let l = |field| At { part: &at_limits, field };
        let minimum = c.opt(l("minimum"), limits.minimum, 0.0, ranges::UNITS);
        let multiple = c.opt(l("multiple"), limits.multiple, 0.0, ranges::UNITS);
        let maximum = c.opt(l("maximum"), limits.maximum, f64::INFINITY, ranges::UNITS);
        let order_limits = OrderLimits::new(minimum, multiple, maximum).unwrap_or_else(|m| {
            c.invalid(at_limits, m);
            OrderLimits::default()
        });
        let costs_file = self.costs.unwrap_or_default();
        let costs = costs_file;
        let at_costs = p("costs");
        let q = |field| At { part: &at_costs, field };
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
            sale: SaleValue::default(),
            goodwill_per_unit: c.opt(
                q("goodwill_per_unit"),
                costs.goodwill_per_unit,
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
        let costs = Costs { sale: sale_value(c, &at_costs, &costs_file, costs.unit_cost), ..costs };
        let order_charges = self.order_charges(c, at);
        let payment_terms = self.payment_terms.map(|t| payment_terms(c, &p("payment_terms"), t));
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
                    .map(|(j, policy)| {
                        policy.to_core(c, &Indexed { list: &p("policies"), index: j })
                    })
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
                    At {
                        part: &At { part: at, field: "obsolescence" },
                        field: "probability_per_year",
                    },
                    o.probability_per_year,
                    ranges::PROBABILITY,
                ),
                salvage_per_unit: c.opt(
                    At { part: &At { part: at, field: "obsolescence" }, field: "salvage_per_unit" },
                    o.salvage_per_unit,
                    0.0,
                    ranges::LOST_SALE,
                ),
            }),
            perishability: self.perishability.map(|p| Perishability {
                shelf_life_days: c.num(
                    At { part: &At { part: at, field: "perishability" }, field: "shelf_life_days" },
                    p.shelf_life_days,
                    ranges::SHELF_LIFE,
                ) as u32,
                issuing: match p.issuing.unwrap_or(IssuingFile::Fifo) {
                    IssuingFile::Fifo => Issuing::Fifo,
                    IssuingFile::Lifo => Issuing::Lifo,
                },
                position: match p.position.unwrap_or(PositionFile::AllOnHand) {
                    PositionFile::AllOnHand => Position::AllOnHand,
                    PositionFile::NetOfExpiring => Position::NetOfExpiring,
                },
            }),
            lead_time,
            deliveries_in_order: self.deliveries_in_order.unwrap_or(false),
            supplier,
            supply_yield: self.supply_yield.map(|y| {
                let part = At { part: at, field: "supply_yield" };
                let q = |field| At { part: &part, field };
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
            rule_fixed: self.rule_fixed.unwrap_or(false),
            initial_on_hand,
            warm_up_days,
            order_limits,
            order_charges,
            expedite: self.expedite.map(|e| expedite(c, &p("expedite"), e)),
            storage: self.storage.map(|s| storage(c, &p("storage"), s)),
            prices: self.prices.as_ref().map(|x| prices(c, &p("prices"), x)),
            backup: self.backup.as_ref().map(|b| backup(c, &p("backup"), b, suppliers, named)),
            costs,
            payment_terms,
            shortage,
            policies,
        }
    }

    /// Price breaks and freight, each number range-checked at its path; the rules across
    /// breaks (rising quantities, falling prices) are core's, reported at `price_breaks`.
    fn order_charges(&self, c: &mut Check, at: &dyn fmt::Display) -> OrderCharges {
        let price_breaks = match &self.price_breaks {
            None => Vec::new(),
            Some(list) => {
                if list.len() > MAX_PRICE_BREAKS {
                    c.invalid(
                        At { part: at, field: "price_breaks" },
                        format!("{} price breaks; accepted: 0 to {MAX_PRICE_BREAKS}", list.len()),
                    );
                }
                list.iter()
                    .take(MAX_PRICE_BREAKS)
                    .enumerate()
                    .map(|(k, b)| {
                        let row =
                            Indexed { list: &At { part: at, field: "price_breaks" }, index: k };
                        let q = |field| At { part: &row, field };
                        PriceBreak {
                            from_units: c.num(q("from_units"), b.from_units, ranges::BREAK_UNITS),
                            unit_cost: c.num(q("unit_cost"), b.unit_cost, ranges::PRICE),
                        }
                    })
                    .collect()
            }
        };
        let freight = self.freight.map(|f| {
            let part = At { part: at, field: "freight" };
            let q = |field| At { part: &part, field };
            Freight {
                per_shipment: c.num(q("per_shipment"), f.per_shipment, ranges::FREIGHT),
                units_per_shipment: c.num(
                    q("units_per_shipment"),
                    f.units_per_shipment,
                    ranges::SHIPMENT_UNITS,
                ),
            }
        });
        OrderCharges { price_breaks, freight }
    }
}
