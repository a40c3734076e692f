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
use crate::share::gate::shorten;

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

impl<F: FnOnce() -> String> Path for F {
    fn written(self) -> String {
        self()
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

    fn invalid(&mut self, path: String, message: String) {
        self.push(FileError { path, problem: Problem::Invalid(message) });
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
        let (mut spec, mut errors, more) = self.checked_spec();
        spec.first_position = first_position;
        if errors.is_empty() {
            return Scenario::checked(spec)
                .map_err(|problems| bounded(problems.into_iter().map(core_error).collect(), 0));
        }
        // The rules across fields are checked too, on the values as checked so far (out of
        // range ones brought into range): each problem not already said of its field.
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
        Err(bounded(errors, more))
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
        let horizon = c.field("settings.horizon_days".into(), s.horizon_days, Field::HorizonDays);
        let warm_up =
            s.warm_up_days.map(|w| c.num("settings.warm_up_days".to_owned(), w, ranges::WARM_UP));
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
                        "settings.practically_same".into(),
                        "give \"pct_of_operating_cost\" or \"per_year\", not both".into(),
                    );
                    PracticallySame::default()
                }
            }
        });
        let warehouse = s.warehouse.map(|w| warehouse(&mut c, w));
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
        c.count("items".into(), self.items.len(), MAX_ITEMS, "items");
        let items = self
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                item.to_spec(&mut c, &format!("items[{i}]"), i, shortage, &suppliers, &named)
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
        at: &str,
        index: usize,
        shortage: ShortageFile,
        suppliers: &[SupplierSpec],
        named: &HashMap<&str, usize>,
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
        let minimum = c.opt(format!("{at_limits}.minimum"), limits.minimum, 0.0, ranges::UNITS);
        let multiple = c.opt(format!("{at_limits}.multiple"), limits.multiple, 0.0, ranges::UNITS);
        let maximum =
            c.opt(format!("{at_limits}.maximum"), limits.maximum, f64::INFINITY, ranges::UNITS);
        let order_limits = OrderLimits::new(minimum, multiple, maximum).unwrap_or_else(|m| {
            c.invalid(at_limits, m);
            OrderLimits::default()
        });
        let costs_file = self.costs.unwrap_or_default();
        let costs = costs_file;
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
                position: match p.position.unwrap_or(PositionFile::AllOnHand) {
                    PositionFile::AllOnHand => Position::AllOnHand,
                    PositionFile::NetOfExpiring => Position::NetOfExpiring,
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
    fn order_charges(&self, c: &mut Check, at: &str) -> OrderCharges {
        let price_breaks = match &self.price_breaks {
            None => Vec::new(),
            Some(list) => {
                if list.len() > MAX_PRICE_BREAKS {
                    c.invalid(
                        format!("{at}.price_breaks"),
                        format!("{} price breaks; accepted: 0 to {MAX_PRICE_BREAKS}", list.len()),
                    );
                }
                list.iter()
                    .take(MAX_PRICE_BREAKS)
                    .enumerate()
                    .map(|(k, b)| {
                        let q = |field: &str| format!("{at}.price_breaks[{k}].{field}");
                        PriceBreak {
                            from_units: c.num(q("from_units"), b.from_units, ranges::BREAK_UNITS),
                            unit_cost: c.num(q("unit_cost"), b.unit_cost, ranges::PRICE),
                        }
                    })
                    .collect()
            }
        };
        let freight = self.freight.map(|f| {
            let q = |field: &str| format!("{at}.freight.{field}");
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

/// Expediting, each number range-checked at its path.
fn expedite(c: &mut Check, at: &str, e: ExpediteFile) -> Expedite {
    let q = |field: &str| format!("{at}.{field}");
    Expedite {
        trigger_units: c.num(q("trigger_units"), e.trigger_units, ranges::UNITS),
        order_units: c.opt(q("order_units"), e.order_units, 0.0, ranges::UNITS),
        lead_time_days: c.num(q("lead_time_days"), e.lead_time_days, ranges::EXPEDITE_LEAD) as u32,
        premium_per_unit: c.num(q("premium_per_unit"), e.premium_per_unit, ranges::PRICE),
        fixed_cost: c.opt(q("fixed_cost"), e.fixed_cost, 0.0, ranges::EXPEDITE_CHARGE),
        fails_while_down: e.fails_while_down.unwrap_or(false),
    }
}

/// The position of the supplier called `name`, or a problem at `at` listing the names there
/// are.
fn supplier_named(
    c: &mut Check,
    at: &str,
    name: &str,
    suppliers: &[SupplierSpec],
    named: &HashMap<&str, usize>,
) -> Option<usize> {
    let found = named.get(name).copied();
    if found.is_none() {
        c.invalid(
            at.to_owned(),
            format!(
                "\"{}\" is not a supplier of this scenario; accepted: {}",
                shorten(name, 40),
                names_listed(suppliers)
            ),
        );
    }
    found
}

/// A backup source: each number range-checked at its path, its supplier found by name, and
/// the rule's own number required with it (and refused with another rule).
fn backup(
    c: &mut Check,
    at: &str,
    b: &BackupFile,
    suppliers: &[SupplierSpec],
    named: &HashMap<&str, usize>,
) -> BackupSpec {
    let q = |field: &str| format!("{at}.{field}");
    let supplier = b
        .supplier
        .as_ref()
        .and_then(|name| supplier_named(c, &q("supplier"), name, suppliers, named));
    let rule = match (b.rule, b.backup_share, b.level_units) {
        (SourcingRuleFile::Split, Some(share), None) => SourcingRule::Split {
            backup_share: c.num(q("backup_share"), share, ranges::BACKUP_SHARE),
        },
        (SourcingRuleFile::WhilePrimaryDown, None, None) => SourcingRule::WhilePrimaryDown,
        (SourcingRuleFile::DualIndex, None, Some(level)) => {
            SourcingRule::DualIndex { level_units: c.num(q("level_units"), level, ranges::UNITS) }
        }
        (rule, share, level) => {
            let (name, needs) = match rule {
                SourcingRuleFile::Split => ("\"split\"", "backup_share"),
                SourcingRuleFile::WhilePrimaryDown => ("\"while_primary_down\"", "neither"),
                SourcingRuleFile::DualIndex => ("\"dual_index\"", "level_units"),
            };
            let given = match (share, level) {
                (Some(_), Some(_)) => "backup_share and level_units",
                (Some(_), None) => "backup_share",
                (None, Some(_)) => "level_units",
                (None, None) => "neither",
            };
            c.invalid(
                q("rule"),
                format!(
                    "{name} given with {given}; accepted: \"split\" with backup_share, \
                     \"dual_index\" with level_units, \"while_primary_down\" with neither \
                     (this rule needs {needs})"
                ),
            );
            SourcingRule::WhilePrimaryDown
        }
    };
    BackupSpec {
        supplier,
        lead_time: b.lead_time.to_core(c, &q("lead_time")),
        unit_cost: c.num(q("unit_cost"), b.unit_cost, ranges::PRICE),
        order_cost: c.opt(q("order_cost"), b.order_cost, 0.0, ranges::PRICE),
        min_order_units: c.opt(q("min_order_units"), b.min_order_units, 0.0, ranges::UNITS),
        rule,
    }
}

/// Prices over time, each number range-checked at its path; a change needs exactly one of
/// `to_price` and `pct`. The days against the horizon are core's, reported at `prices`.
fn prices(c: &mut Check, at: &str, x: &PricesFile) -> Prices {
    let q = |field: &str| format!("{at}.{field}");
    if x.changes.len() > MAX_PRICE_CHANGES {
        c.count(q("changes"), x.changes.len(), MAX_PRICE_CHANGES, "price changes");
    }
    let changes = x
        .changes
        .iter()
        .take(MAX_PRICE_CHANGES)
        .enumerate()
        .map(|(k, ch)| {
            let r = |field: &str| format!("{at}.changes[{k}].{field}");
            let change = match (ch.to_price, ch.pct) {
                (Some(price), None) => Change::To(c.num(r("to_price"), price, ranges::PRICE)),
                (None, Some(pct)) => Change::Pct(c.num(r("pct"), pct, ranges::PRICE_PCT)),
                _ => {
                    c.invalid(
                        format!("{at}.changes[{k}]"),
                        "needs exactly one of to_price (the new price per unit) and pct (the \
                         change in %)"
                            .into(),
                    );
                    Change::Pct(0.0)
                }
            };
            PriceChange {
                day: c.num(r("day"), ch.day, ranges::PRICE_DAY) as u32,
                change,
                announced_days_ahead: ch
                    .announced_days_ahead
                    .map(|d| c.num(r("announced_days_ahead"), d, ranges::NOTICE) as u32),
            }
        })
        .collect();
    Prices {
        inflation_pct_per_year: c.opt(
            q("inflation_pct_per_year"),
            x.inflation_pct_per_year,
            0.0,
            ranges::INFLATION,
        ),
        changes,
        jumps: x.jumps.map(|j| PriceJumps {
            per_year: c.num(q("jumps.per_year"), j.per_year, ranges::JUMP_RATE),
            mean_pct: c.num(q("jumps.mean_pct"), j.mean_pct, ranges::JUMP_MEAN),
            sd_pct: c.opt(q("jumps.sd_pct"), j.sd_pct, 0.0, ranges::JUMP_SD),
        }),
        agreement: x.agreement.map(|a| Agreement {
            price: c.num(q("agreement.price"), a.price, ranges::PRICE),
            units_per_period: c.num(
                q("agreement.units_per_period"),
                a.units_per_period,
                ranges::UNITS,
            ),
            period_days: c.num(q("agreement.period_days"), a.period_days, ranges::AGREEMENT_DAYS)
                as u32,
            start_day: c.opt(q("agreement.start_day"), a.start_day, 0.0, ranges::START_DAY) as u32,
            days: c.opt(q("agreement.days"), a.days, 3_650.0, ranges::AGREEMENT_DAYS) as u32,
        }),
        forward_buy: x.forward_buy.map(|f| match f {
            ForwardBuyFile::CoverDays { cover_days } => ForwardBuy::CoverDays(c.num(
                q("forward_buy.cover_days"),
                cover_days,
                ranges::FORWARD_DAYS,
            )),
            ForwardBuyFile::Rule(ForwardRuleFile::AsMuchAsPays) => ForwardBuy::AsMuchAsPays,
        }),
    }
}

/// The shared warehouse: a capacity in units or in m³, one or the other.
fn warehouse(c: &mut Check, w: WarehouseFile) -> Warehouse {
    let at = |field: &str| format!("settings.warehouse.{field}");
    let (capacity, unit) = match (w.capacity_units, w.capacity_m3) {
        (Some(units), None) => {
            (c.num(at("capacity_units"), units, ranges::CAPACITY_UNITS), SpaceUnit::Units)
        }
        (None, Some(m3)) => {
            (c.num(at("capacity_m3"), m3, ranges::CAPACITY_M3), SpaceUnit::CubicMetres)
        }
        (units, _) => {
            c.invalid(
                at(if units.is_some() { "capacity_m3" } else { "capacity_units" }),
                format!(
                    "{}; accepted: capacity_units or capacity_m3, one of them",
                    if units.is_some() { "given with capacity_units" } else { "missing" }
                ),
            );
            (1.0, SpaceUnit::Units)
        }
    };
    Warehouse { capacity, unit }
}

/// Storage space: a capacity in units, or in m³ with a volume per unit (one or the other);
/// an overflow cost only when overflow space is rented, and then needed.
fn storage(c: &mut Check, at: &str, s: StorageFile) -> Storage {
    let q = |field: &str| format!("{at}.{field}");
    let capacity = match (s.capacity_units, s.capacity_m3, s.m3_per_unit) {
        (Some(units), None, _) => {
            Capacity::Units(c.num(q("capacity_units"), units, ranges::CAPACITY_UNITS))
        }
        (None, Some(m3), Some(per_unit)) => Capacity::Volume {
            m3: c.num(q("capacity_m3"), m3, ranges::CAPACITY_M3),
            m3_per_unit: c.num(q("m3_per_unit"), per_unit, ranges::M3_PER_UNIT),
        },
        (None, Some(_), None) => {
            c.invalid(
                q("m3_per_unit"),
                "missing: a capacity in m³ needs the m³ one unit takes".into(),
            );
            Capacity::Units(1.0)
        }
        (Some(_), Some(_), _) => {
            c.invalid(
                q("capacity_m3"),
                "given with capacity_units; accepted: capacity_units, or capacity_m3 with \
                 m3_per_unit"
                    .into(),
            );
            Capacity::Units(1.0)
        }
        (None, None, _) => {
            c.invalid(
                q("capacity_units"),
                "missing; accepted: capacity_units, or capacity_m3 with m3_per_unit".into(),
            );
            Capacity::Units(1.0)
        }
    };
    if let (Some(_), Some(per_unit)) = (s.capacity_units, s.m3_per_unit) {
        c.invalid(
            q("m3_per_unit"),
            format!(
                "{} m³ a unit given with a capacity in units; accepted: m3_per_unit only with \
                 capacity_m3",
                Num(per_unit)
            ),
        );
    }
    let when_full = match (s.when_full.unwrap_or(WhenFullFile::Refuse), s.overflow_per_unit_day) {
        (WhenFullFile::Refuse, None) => WhenFull::Refuse,
        (WhenFullFile::Refuse, Some(_)) => {
            c.invalid(
                q("overflow_per_unit_day"),
                "applies only when overflow space is rented (\"when_full\": \"rent\")".into(),
            );
            WhenFull::Refuse
        }
        (WhenFullFile::Rent, None) => {
            c.invalid(
                q("overflow_per_unit_day"),
                "missing: renting overflow space needs its cost per unit per day".into(),
            );
            WhenFull::Rent { per_unit_day: 0.0 }
        }
        (WhenFullFile::Rent, Some(cost)) => WhenFull::Rent {
            per_unit_day: c.num(q("overflow_per_unit_day"), cost, ranges::OVERFLOW_COST),
        },
    };
    Storage { capacity, when_full }
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
        let payment_terms = self.payment_terms.map(|t| payment_terms(c, &p("payment_terms"), t));
        SupplierSpec { name: self.name.clone(), random, scheduled, payment_terms }
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
                        .map(|(k, &x)| {
                            c.num(|| format!("{at}.history[{k}]"), x, ranges::HISTORY_DAY)
                        })
                        .collect(),
                )
            }
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
                        .map(|(k, &x)| {
                            c.num(|| format!("{at}.days[{k}]"), x, ranges::LEAD_DAYS_WHOLE) as u32
                        })
                        .collect(),
                )
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
            PolicyFile::Plan { name, review_period_days, periods } => {
                c.count(p("periods"), periods.len(), MAX_PLAN_PERIODS, "periods");
                let periods = periods
                    .iter()
                    .enumerate()
                    .map(|(k, period)| {
                        let q = |field: &str| format!("{at}.periods[{k}].{field}");
                        let levels = period
                            .order_up_to
                            .iter()
                            .enumerate()
                            .map(|(w, &x)| {
                                c.num(
                                    format!("{at}.periods[{k}].order_up_to[{w}]"),
                                    x,
                                    ranges::UNITS,
                                )
                            })
                            .collect();
                        PlanPeriod {
                            start_day: c.num(q("start_day"), period.start_day, ranges::START_DAY)
                                as u32,
                            order_up_to: levels,
                        }
                    })
                    .collect();
                (
                    name,
                    PolicySpec::Plan {
                        table: PlanTable { periods },
                        review_period_days: review_period_days.map(|r| review(c, r)),
                    },
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
}

/// What a sale is worth, from at most one of the selling price, the lost margin, or (older
/// files) the lost margin plus goodwill as one figure.
fn sale_value(c: &mut Check, at: &str, costs: &CostsFile, unit_cost: f64) -> SaleValue {
    let q = |field: &str| format!("{at}.{field}");
    let given = [
        costs.selling_price_per_unit.map(|_| "selling_price_per_unit"),
        costs.lost_margin_per_unit.map(|_| "lost_margin_per_unit"),
        costs.lost_sale_per_unit.map(|_| "lost_sale_per_unit"),
    ];
    let given: Vec<&str> = given.into_iter().flatten().collect();
    if given.len() > 1 {
        c.invalid(
            at.into(),
            format!(
                "{} are {} given: give one of \"selling_price_per_unit\", \
                 \"lost_margin_per_unit\" (price − unit cost) or \"lost_sale_per_unit\" (lost \
                 margin plus goodwill)",
                given.join(" and "),
                if given.len() == 2 { "both" } else { "all" }
            ),
        );
    }
    if costs.lost_sale_per_unit.is_some() && costs.goodwill_per_unit.is_some() {
        c.invalid(
            q("goodwill_per_unit"),
            "\"lost_sale_per_unit\" already includes goodwill: give the goodwill with \
             \"selling_price_per_unit\" or \"lost_margin_per_unit\" instead"
                .into(),
        );
    }
    if let Some(price) = costs.selling_price_per_unit {
        SaleValue::Price(c.num(q("selling_price_per_unit"), price, ranges::PRICE))
    } else if let Some(margin) = costs.lost_margin_per_unit {
        SaleValue::Price(unit_cost + c.num(q("lost_margin_per_unit"), margin, ranges::PRICE))
    } else {
        SaleValue::MarginAndGoodwill(c.opt(
            q("lost_sale_per_unit"),
            costs.lost_sale_per_unit,
            0.0,
            ranges::LOST_SALE,
        ))
    }
}

/// Payment terms: `"days"` only, and always, after receipt.
fn payment_terms(c: &mut Check, at: &str, terms: PaymentTermsFile) -> PaymentTerms {
    match (terms.paid, terms.days) {
        (PaidFile::AtOrder, None) => PaymentTerms::AtOrder,
        (PaidFile::OnReceipt, None) => PaymentTerms::OnReceipt,
        (PaidFile::AfterReceipt, Some(days)) => PaymentTerms::AfterReceipt {
            days: c.num(format!("{at}.days"), days, ranges::PAYMENT_DAYS) as u32,
        },
        (PaidFile::AfterReceipt, None) => {
            c.invalid(
                format!("{at}.days"),
                "missing: \"after_receipt\" needs the days of credit, 0 to 365".into(),
            );
            PaymentTerms::OnReceipt
        }
        (paid, Some(days)) => {
            let name = if paid == PaidFile::AtOrder { "at_order" } else { "on_receipt" };
            c.invalid(
                format!("{at}.days"),
                format!("{days} days is only for \"after_receipt\"; \"{name}\" takes no days"),
            );
            PaymentTerms::OnReceipt
        }
    }
}
