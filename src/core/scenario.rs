//! The validated scenario: run settings and a list of items, each with its demand, supply,
//! costs and the policies to compare. [`Scenario::new`] (from a [`ScenarioSpec`]) and
//! [`Scenario::try_from`] (from the page's form) are the only ways to build one, so
//! downstream code takes it as valid and never fails.

use serde::{Deserialize, Serialize};

use std::fmt;

use crate::core::calendar::Date;
pub use crate::core::costs::{Costs, SaleValue};
use crate::core::demand::{Demand, DemandSampler, MeanSd};
use crate::core::demand_shape::DemandShape;
use crate::core::input::{Field, InputError, ScenarioInput};
use crate::core::lead_time::{LeadTime, LeadTimeSampler};
use crate::core::payment::{PaymentTerms, MAX_PAYMENT_DAYS};
use crate::core::plan::Phasing;
use crate::core::policy::{NamedPolicy, OrderLimits, PolicySpec, ServiceTarget};
use crate::core::supply::{Supplier, SupplierSpec, Yield, YieldSampler};

/// Days between reviews unless an item says otherwise: every day (continuous review).
pub const REVIEW_PERIOD_DAYS: u32 = 1;

/// Days per year unless the settings say otherwise; yearly figures are daily ones × this.
pub const DAYS_PER_YEAR: f64 = 365.0;

/// The longest horizon a scenario may simulate, in days (ten years).
pub const MAX_HORIZON_DAYS: u32 = 3_650;

/// The most replications a scenario may ask for.
pub const MAX_REPLICATIONS: u32 = 10_000;

/// What happens to demand that stock cannot serve on the day.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Shortage {
    /// The customer waits; a penalty accrues per unit per day waited.
    Backorder,
    /// The sale is lost, at the lost margin plus goodwill per unit.
    LostSale,
}

/// Which lot customers get first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issuing {
    /// Oldest first (first in, first out).
    Fifo,
    /// Newest first (last in, first out).
    Lifo,
}

/// The risk that the item stops selling for good: from then on nobody demands it, nothing is
/// ordered, and the stock left (and whatever is still in transit) is written off at the
/// disposal cost less the salvage value per unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Obsolescence {
    /// The chance, in a year, that the item dies (0 to 1).
    pub probability_per_year: f64,
    /// What a written-off unit still fetches.
    pub salvage_per_unit: f64,
}

/// A perishable item's shelf life: a lot received on day t serves days t … t+s−1 and is
/// written off on day t+s.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Perishability {
    pub shelf_life_days: u32,
    pub issuing: Issuing,
    /// What the inventory position counts at a review.
    pub position: Position,
}

/// What a perishable item's inventory position counts at a review.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Position {
    /// Everything on hand, units that expire the next morning included (the default, and
    /// what an ERP that does not track expiry dates does).
    #[default]
    AllOnHand,
    /// On hand less the units written off the next morning: what will still be there to
    /// sell.
    NetOfExpiring,
}

/// One item as described, before its distributions and policies are resolved.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemSpec {
    pub name: String,
    pub demand: Demand,
    /// Daily demand draws are rounded to whole units.
    pub round_demand_to_units: bool,
    /// Weekly pattern, seasonality, trend and shocks (flat by default).
    pub demand_shape: DemandShape,
    pub lead_time: LeadTime,
    /// Deliveries arrive in the order they were placed: a later order never overtakes.
    pub deliveries_in_order: bool,
    /// The supplier, by position in the scenario's list; `None` never fails.
    pub supplier: Option<usize>,
    /// The share of each order that arrives usable; `None` delivers all of it.
    pub supply_yield: Option<Yield>,
    /// Shelf life and issuing order; `None` keeps forever.
    pub perishability: Option<Perishability>,
    /// The yearly chance the item stops selling; `None` sells forever.
    pub obsolescence: Option<Obsolescence>,
    /// Days between reviews for JIT, JIC and make-to-order, and for rules that give none.
    pub review_period_days: u32,
    /// Stock on hand on day 0; `None` starts each policy at its own level (S, or r + Q).
    pub initial_on_hand: Option<f64>,
    /// Days left out of this item's statistics; `None` takes the settings' (else the
    /// item's longest protection period).
    pub warm_up_days: Option<u32>,
    pub order_limits: OrderLimits,
    pub costs: Costs,
    /// When the supplier is paid; `None` takes the supplier's terms (else on receipt).
    pub payment_terms: Option<PaymentTerms>,
    pub shortage: Shortage,
    /// The policies to compare, each with an optional display name.
    pub policies: Vec<(Option<String>, PolicySpec)>,
}

/// The run settings as described.
#[derive(Clone, Debug, PartialEq)]
pub struct SettingsSpec {
    /// Days simulated per replication, warm-up included.
    pub horizon_days: u32,
    /// Days left out of the statistics; `None` uses each item's protection period.
    pub warm_up_days: Option<u32>,
    pub n_replications: u32,
    pub seed: u64,
    /// Days that make a year when daily figures are turned into yearly ones.
    pub days_per_year: f64,
    /// The currency costs are in (shown, never converted).
    pub currency: String,
    /// The calendar date of day 0, if any: results can then be read as dates.
    pub start_date: Option<Date>,
}

/// A whole scenario as described: settings, suppliers and items.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioSpec {
    pub settings: SettingsSpec,
    /// Items that name the same supplier share its days down.
    pub suppliers: Vec<SupplierSpec>,
    pub items: Vec<ItemSpec>,
}

/// Which part of a scenario a [`ScenarioError`] is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Part {
    Horizon,
    Replications,
    DaysPerYear,
    Items,
    /// The scenario's `n`-th supplier.
    Supplier(usize),
    /// The item's reference to a supplier.
    ItemSupplier,
    SupplyYield,
    Perishability,
    Obsolescence,
    Demand,
    DemandShape,
    LeadTime,
    ReviewPeriod,
    InitialOnHand,
    Costs,
    Policies,
    /// The item's `n`-th policy.
    Policy(usize),
}

/// Why a [`ScenarioSpec`] is not a valid scenario: the item (by position) when it is about
/// one, the part, and a message that names the value and what is accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub item: Option<usize>,
    pub part: Part,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.item {
            Some(i) => write!(f, "item {}, {:?}: {}", i + 1, self.part, self.message),
            None => write!(f, "{:?}: {}", self.part, self.message),
        }
    }
}

impl std::error::Error for ScenarioError {}

/// One item, resolved: distributions ready to draw from and policies with their numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Position in the scenario: part of every random stream's key.
    pub(crate) index: u32,
    pub(crate) name: String,
    pub(crate) demand: DemandSampler,
    pub(crate) shape: DemandShape,
    /// The known demand multiplier of each day (weekly, seasonal, trend, scheduled shocks);
    /// `None` when flat.
    pub(crate) known_multiplier: Option<Vec<f64>>,
    /// The periods JIT and JIC levels are planned in and their forecast multipliers
    /// (`core::plan`); `None` when the known demand shape is flat.
    pub(crate) phasing: Option<Phasing>,
    /// Every day's demand is a whole number of units: levels are planned in whole units.
    pub(crate) whole_units: bool,
    /// The level on each day of every `plan` policy with explicit levels, in the order the
    /// item lists them (`Adapt::Table` refers to them by position).
    pub(crate) tables: Vec<Vec<f64>>,
    /// Days simulated (the scenario's horizon): what the phasing and tables cover.
    pub(crate) horizon_days: u32,
    /// The scenario's settings (a sizing run draws from its seed over its horizon).
    pub(crate) settings: Settings,
    /// The policies with service targets sized on the simulation, worked out the first time
    /// they are asked for (`Item::sized_policies`).
    pub(crate) sized: Sized,
    /// Each policy's service target, when it is a JIC sized for one.
    pub(crate) targets: Vec<Option<ServiceTarget>>,
    pub(crate) lead_time: LeadTimeSampler,
    /// The longest lead time a draw can give (kept: an empirical list is long to scan).
    pub(crate) max_lead_days: u32,
    pub(crate) deliveries_in_order: bool,
    /// The supplier, when it can fail (one that never fails is left out).
    pub(crate) supplier: Option<Supplier>,
    /// Supply yield, unless every order arrives whole.
    pub(crate) supply_yield: Option<YieldSampler>,
    pub(crate) perishability: Option<Perishability>,
    pub(crate) obsolescence: Option<Obsolescence>,
    pub(crate) review_period_days: u32,
    pub(crate) initial_on_hand: Option<f64>,
    pub(crate) costs: Costs,
    /// The item's own terms, else its supplier's, else payment on receipt.
    pub(crate) payment_terms: PaymentTerms,
    pub(crate) shortage: Shortage,
    pub(crate) order_limits: OrderLimits,
    pub(crate) warm_up_days: u32,
    pub(crate) policies: Vec<NamedPolicy>,
}

impl Item {
    /// The item's position in the scenario, from 0.
    pub fn index(&self) -> u32 {
        self.index
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// The daily demand distribution.
    pub fn demand(&self) -> &DemandSampler {
        &self.demand
    }

    /// The shape of demand over time.
    pub fn demand_shape(&self) -> &DemandShape {
        &self.shape
    }

    /// The known demand multiplier of each day, when demand is not flat.
    pub fn known_multiplier(&self) -> Option<&[f64]> {
        self.known_multiplier.as_deref()
    }

    /// The periods JIT and JIC levels are planned in, when the known demand shape moves them.
    pub fn phasing(&self) -> Option<&Phasing> {
        self.phasing.as_ref()
    }

    /// Whether every day's demand is a whole number of units (levels are then whole).
    pub fn whole_units(&self) -> bool {
        self.whole_units
    }

    /// A quantity as the plan holds it: rounded to whole units (half away from zero) when
    /// demand comes in whole units.
    #[inline(always)]
    pub fn units(&self, x: f64) -> f64 {
        if self.whole_units {
            libm::round(x)
        } else {
            x
        }
    }

    /// A demand-sized policy's level on `base` units of mean demand, as held: without a
    /// demand shape, in units (rounded when whole); with one, `base` stays as it is, to be
    /// moved by the period's forecast ([`Item::planned_level`]).
    pub fn base_level(&self, base: f64) -> f64 {
        if self.phasing.is_some() {
            base
        } else {
            self.units(base)
        }
    }

    /// The level in force on `day` for a demand-sized policy whose level on mean demand is
    /// `base` ([`Item::base_level`]): `base` × the period's forecast, in units (`core::plan`).
    #[inline(always)]
    pub fn planned_level(&self, base: f64, day: usize) -> f64 {
        match &self.phasing {
            Some(p) => self.units(base * p.multiplier(day)),
            None => base,
        }
    }

    /// Days simulated per replication (the scenario's horizon).
    pub fn horizon_days(&self) -> u32 {
        self.horizon_days
    }

    /// The level on each day of the item's `index`-th plan with explicit levels.
    pub fn table(&self, index: usize) -> &[f64] {
        self.tables.get(index).map_or(&[], Vec::as_slice)
    }

    /// The lead-time distribution, in whole days: an order placed at the end of day t with
    /// lead time L is on the shelf at the start of day t+L+1.
    pub fn lead_time(&self) -> &LeadTimeSampler {
        &self.lead_time
    }

    /// Whether a later order may overtake an earlier one (false) or waits behind it (true).
    pub fn deliveries_in_order(&self) -> bool {
        self.deliveries_in_order
    }

    /// The supplier whose outages hold up this item's orders, if it can fail.
    pub fn supplier(&self) -> Option<&Supplier> {
        self.supplier.as_ref()
    }

    /// The share of an order that arrives usable, unless every order arrives whole.
    pub fn supply_yield(&self) -> Option<&YieldSampler> {
        self.supply_yield.as_ref()
    }

    /// The yearly chance the item stops selling, if it can.
    pub fn obsolescence(&self) -> Option<Obsolescence> {
        self.obsolescence
    }

    /// Shelf life and issuing order, for a perishable item.
    pub fn perishability(&self) -> Option<Perishability> {
        self.perishability
    }

    /// Days between reviews for JIT, JIC and make-to-order.
    pub fn review_period_days(&self) -> u32 {
        self.review_period_days
    }

    /// The protection period `E[L] + R` an order must cover, in days.
    pub fn protection_period_days(&self) -> f64 {
        self.lead_time.mean_days() + f64::from(self.review_period_days)
    }

    /// Stock on hand on day 0, when given; otherwise each policy starts at its own level.
    pub fn initial_on_hand(&self) -> Option<f64> {
        self.initial_on_hand
    }

    pub fn costs(&self) -> &Costs {
        &self.costs
    }

    pub fn unit_cost(&self) -> f64 {
        self.costs.unit_cost
    }

    /// Capital holding rate as a fraction of value per year (0.25 = 25 %).
    pub fn holding_rate_per_year(&self) -> f64 {
        self.costs.holding_rate_per_year
    }

    pub fn order_cost(&self) -> f64 {
        self.costs.order_cost
    }

    /// Storage (space) cost per unit on hand per day.
    pub fn storage_cost_per_unit_day(&self) -> f64 {
        self.costs.storage_per_unit_day
    }

    pub fn backorder_cost_per_unit_day(&self) -> f64 {
        self.costs.backorder_per_unit_day
    }

    /// What the supplier accepts as an order quantity.
    pub fn order_limits(&self) -> &OrderLimits {
        &self.order_limits
    }

    /// True when unmet demand is lost rather than backordered.
    pub fn lost_sales(&self) -> bool {
        self.shortage == Shortage::LostSale
    }

    /// What a unit of lost demand costs (0 when backordering): its selling price plus
    /// goodwill, so that minimising total cost, which counts purchases, maximises margin
    /// ([`Costs::lost_sale_per_unit`]).
    pub fn lost_sale_cost_per_unit(&self) -> f64 {
        if self.lost_sales() {
            self.costs.lost_sale_per_unit()
        } else {
            0.0
        }
    }

    /// The selling price per unit, when the scenario gives one: margin can then be reported.
    pub fn selling_price(&self) -> Option<f64> {
        self.costs.selling_price()
    }

    /// When the supplier is paid: the item's terms, else its supplier's, else on receipt.
    pub fn payment_terms(&self) -> PaymentTerms {
        self.payment_terms
    }

    /// Days at the start left out of every statistic, so that the start state does not bias
    /// them: the settings' warm-up, or else the longest protection period E[L] + R among the
    /// item's policies, rounded up.
    pub fn warm_up_days(&self) -> u32 {
        self.warm_up_days
    }

    /// The policies to compare, in the order given, as described: a JIC policy with a
    /// service target holds the normal approximation's level. What is simulated is
    /// [`Item::sized_policies`].
    pub fn policies(&self) -> &[NamedPolicy] {
        &self.policies
    }

    /// The policies to compare, with every JIC service target sized on a sizing run of its
    /// own (`core::sizing`): what the simulation runs. Worked out once, the first time it is
    /// asked for (a few tens of milliseconds per target), then kept.
    pub fn sized_policies(&self) -> &[NamedPolicy] {
        self.sized.0.get_or_init(|| {
            self.policies
                .iter()
                .zip(&self.targets)
                .map(|(named, target)| match target {
                    Some(target) => NamedPolicy {
                        name: named.name.clone(),
                        policy: crate::core::sizing::size(
                            self,
                            &self.settings,
                            &named.policy,
                            *target,
                        ),
                    },
                    None => named.clone(),
                })
                .collect()
        })
    }

    /// The first policy of a kind.
    pub fn policy(&self, kind: crate::core::PolicyKind) -> Option<&NamedPolicy> {
        self.policies.iter().find(|p| p.policy.kind == kind)
    }
}

/// The sized policies, once worked out. A cache, not part of what the item is: two items
/// are equal whether or not either has been sized yet, and a copy starts unsized.
#[derive(Debug, Default)]
pub(crate) struct Sized(std::sync::OnceLock<Vec<NamedPolicy>>);

impl PartialEq for Sized {
    fn eq(&self, _: &Sized) -> bool {
        true
    }
}

impl Clone for Sized {
    fn clone(&self) -> Sized {
        Sized::default()
    }
}

/// How the simulation is run.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub(crate) horizon_days: u32,
    pub(crate) n_replications: u32,
    pub(crate) seed: u64,
    pub(crate) days_per_year: f64,
    pub(crate) start_date: Option<Date>,
}

impl Settings {
    /// The calendar date of day 0, when the scenario gives one (for reading days as dates).
    pub fn start_date(&self) -> Option<Date> {
        self.start_date
    }

    /// Days simulated per replication, warm-up included.
    pub fn horizon_days(&self) -> u32 {
        self.horizon_days
    }

    pub fn n_replications(&self) -> u32 {
        self.n_replications
    }

    /// The same settings with `n` replications (at least 1): replication k draws the same
    /// days whatever the count, so the first n of a longer run are exactly this shorter one.
    #[must_use]
    pub fn with_replications(&self, n: u32) -> Settings {
        Settings { n_replications: n.max(1), ..*self }
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// Days that make a year: yearly figures are measured daily ones × this.
    pub fn days_per_year(&self) -> f64 {
        self.days_per_year
    }
}

/// A validated scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    spec: ScenarioSpec,
    suppliers: Vec<Supplier>,
    items: Vec<Item>,
    settings: Settings,
}

/// The warm-up for a mean lead time and review period: `E[L] + R` days, rounded up. The
/// form's validation and the scenario use this one definition.
pub(crate) fn warm_up_for(mean_lead_time_days: f64, review_period_days: u32) -> u32 {
    libm::ceil(mean_lead_time_days + f64::from(review_period_days)) as u32
}

impl Scenario {
    /// Resolves and checks a described scenario.
    ///
    /// # Errors
    /// The first problem found: a distribution whose parameters are unusable, a policy whose
    /// numbers are, a horizon that leaves no day after an item's warm-up, no items.
    pub fn new(spec: ScenarioSpec) -> Result<Scenario, ScenarioError> {
        Scenario::checked(spec).map_err(|mut problems| problems.remove(0))
    }

    /// The scenario, or every problem found (never an empty list): the settings', each
    /// supplier's, and each item's first (an item's later checks need what its earlier ones
    /// built).
    ///
    /// # Errors
    /// Every problem, as [`Scenario::new`] describes them.
    pub fn checked(spec: ScenarioSpec) -> Result<Scenario, Vec<ScenarioError>> {
        let s = &spec.settings;
        let whole = |part: Part, message: String| ScenarioError { item: None, part, message };
        let mut problems = Vec::new();
        if !(s.days_per_year.is_finite() && s.days_per_year >= 1.0) {
            problems.push(whole(
                Part::DaysPerYear,
                format!("{} days per year must be a number ≥ 1", s.days_per_year),
            ));
        }
        if !(1..=MAX_HORIZON_DAYS).contains(&s.horizon_days) {
            problems.push(whole(
                Part::Horizon,
                format!("{} days is outside 1 to {MAX_HORIZON_DAYS} days", s.horizon_days),
            ));
        }
        if !(1..=MAX_REPLICATIONS).contains(&s.n_replications) {
            problems.push(whole(
                Part::Replications,
                format!("{} replications is outside 1 to {MAX_REPLICATIONS}", s.n_replications),
            ));
        }
        if spec.items.is_empty() {
            problems.push(whole(Part::Items, "a scenario needs at least one item".into()));
        }
        // Items are built on the settings: with those wrong, nothing more can be checked.
        if !problems.is_empty() {
            return Err(problems);
        }
        let settings = Settings {
            horizon_days: s.horizon_days,
            start_date: s.start_date,
            n_replications: s.n_replications,
            seed: s.seed,
            days_per_year: s.days_per_year,
        };
        let mut suppliers = Vec::with_capacity(spec.suppliers.len());
        for (i, supplier) in spec.suppliers.iter().enumerate() {
            match supplier.resolve(i) {
                Ok(resolved) => suppliers.push(resolved),
                Err(message) => problems.push(whole(Part::Supplier(i), message)),
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let terms: Vec<Option<PaymentTerms>> =
            spec.suppliers.iter().map(|s| s.payment_terms).collect();
        let mut items = Vec::with_capacity(spec.items.len());
        for (i, item) in spec.items.iter().enumerate() {
            match resolve_item(i, item, s, &suppliers, &terms) {
                Ok(resolved) => items.push(resolved),
                Err((part, message)) => {
                    problems.push(ScenarioError { item: Some(i), part, message })
                }
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Scenario { spec, suppliers, items, settings })
    }

    /// The first item (the page's form describes one).
    pub fn item(&self) -> &Item {
        &self.items[0]
    }

    /// Every item, in order.
    pub fn items(&self) -> &[Item] {
        &self.items
    }

    /// Every supplier, in order.
    pub fn suppliers(&self) -> &[Supplier] {
        &self.suppliers
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The description it was built from.
    pub fn spec(&self) -> &ScenarioSpec {
        &self.spec
    }

    /// The currency costs are in.
    pub fn currency(&self) -> &str {
        &self.spec.settings.currency
    }

    /// The same scenario with every item changed by `edit`, checked again.
    fn edited(mut self, edit: impl Fn(&mut ItemSpec)) -> Result<Self, ScenarioError> {
        self.spec.items.iter_mut().for_each(edit);
        Scenario::new(self.spec)
    }

    /// The same scenario with another lead-time distribution for every item (the form only
    /// sets a fixed one). The default warm-up follows the new protection period.
    ///
    /// # Errors
    /// When the distribution's parameters are unusable, or the horizon leaves no day to
    /// measure after the new warm-up.
    pub fn with_lead_time(
        self,
        lead_time: &LeadTime,
        in_order: bool,
    ) -> Result<Self, ScenarioError> {
        self.edited(|item| {
            item.lead_time = lead_time.clone();
            item.deliveries_in_order = in_order;
        })
    }

    /// The same scenario with another daily demand distribution for every item, optionally
    /// rounded to whole units. Policies sized from demand (JIT, JIC) are sized again.
    ///
    /// # Errors
    /// When the distribution's parameters are unusable.
    pub fn with_demand(self, demand: &Demand, round_to_units: bool) -> Result<Self, ScenarioError> {
        self.edited(|item| {
            item.demand = demand.clone();
            item.round_demand_to_units = round_to_units;
        })
    }

    /// The same scenario with a minimum order quantity, order multiple and maximum.
    ///
    /// # Errors
    /// Never for limits built by [`OrderLimits::new`]; the scenario is checked again.
    pub fn with_order_limits(self, limits: OrderLimits) -> Result<Self, ScenarioError> {
        self.edited(|item| item.order_limits = limits)
    }

    /// The same scenario with unmet demand lost instead of backordered, a sale being worth
    /// `sale` (a lost unit then costs the price plus goodwill: see [`Costs`]).
    ///
    /// # Errors
    /// When a figure is negative or not finite.
    pub fn with_lost_sales(self, sale: SaleValue) -> Result<Self, ScenarioError> {
        self.edited(|item| {
            item.shortage = Shortage::LostSale;
            item.costs.sale = sale;
        })
    }

    /// The same scenario with every item paying its supplier by `terms`.
    ///
    /// # Errors
    /// When the credit is over [`MAX_PAYMENT_DAYS`].
    pub fn with_payment_terms(self, terms: PaymentTerms) -> Result<Self, ScenarioError> {
        self.edited(|item| item.payment_terms = Some(terms))
    }

    /// The same scenario with every item's policies replaced.
    ///
    /// # Errors
    /// When a policy's numbers are unusable.
    pub fn with_policies(
        self,
        policies: &[(Option<String>, PolicySpec)],
    ) -> Result<Self, ScenarioError> {
        self.edited(|item| item.policies = policies.to_vec())
    }

    /// The same scenario with every item's review period set to `days`.
    ///
    /// # Errors
    /// When `days` is 0 or over a year, or the warm-up it implies leaves no day to measure.
    pub fn with_review_period(self, days: u32) -> Result<Self, ScenarioError> {
        self.edited(|item| item.review_period_days = days)
    }

    /// The same scenario with every item's supply yield set.
    ///
    /// # Errors
    /// When the yield's numbers are unusable.
    pub fn with_supply_yield(self, supply_yield: Yield) -> Result<Self, ScenarioError> {
        self.edited(|item| item.supply_yield = Some(supply_yield))
    }

    /// The same scenario with every item at risk of obsolescence.
    ///
    /// # Errors
    /// When the chance is outside 0 to 1 or the salvage value is negative.
    pub fn with_obsolescence(self, o: Obsolescence) -> Result<Self, ScenarioError> {
        self.edited(|item| item.obsolescence = Some(o))
    }

    /// The same scenario with every item perishable.
    ///
    /// # Errors
    /// When the shelf life is 0.
    pub fn with_perishability(self, p: Perishability) -> Result<Self, ScenarioError> {
        self.edited(|item| item.perishability = Some(p))
    }

    /// The same scenario with every item supplied by `supplier` (added to the list).
    ///
    /// # Errors
    /// When the supplier's numbers are unusable.
    pub fn with_supplier(mut self, supplier: SupplierSpec) -> Result<Self, ScenarioError> {
        self.spec.suppliers.push(supplier);
        let k = self.spec.suppliers.len() - 1;
        self.edited(|item| item.supplier = Some(k))
    }

    /// The same scenario with every item starting from `units` on hand.
    ///
    /// # Errors
    /// When `units` is negative or not finite.
    pub fn with_initial_on_hand(self, units: f64) -> Result<Self, ScenarioError> {
        self.edited(|item| item.initial_on_hand = Some(units))
    }
}

/// The longest review period a policy may have, in days.
pub const MAX_REVIEW_PERIOD_DAYS: u32 = 365;

fn resolve_item(
    index: usize,
    spec: &ItemSpec,
    s: &SettingsSpec,
    suppliers: &[Supplier],
    suppliers_terms: &[Option<PaymentTerms>],
) -> Result<Item, (Part, String)> {
    let supplier = match spec.supplier {
        None => None,
        Some(k) => Some(suppliers.get(k).ok_or_else(|| {
            (
                Part::ItemSupplier,
                format!("supplier {} is not in the list of {} suppliers", k + 1, suppliers.len()),
            )
        })?),
    };
    let demand = spec.demand.sampler(spec.round_demand_to_units).map_err(|m| (Part::Demand, m))?;
    let supply_yield = match &spec.supply_yield {
        None => None,
        Some(y) => Some(y.sampler().map_err(|m| (Part::SupplyYield, m))?),
    }
    .filter(|y| !(y.is_fixed() && y.mean() == 1.0));
    let lead_time = spec.lead_time.sampler().map_err(|m| (Part::LeadTime, m))?;
    spec.demand_shape.check().map_err(|m| (Part::DemandShape, m))?;
    let horizon = s.horizon_days as usize;
    let (known_multiplier, phasing) = if spec.demand_shape.known_is_flat() {
        (None, None)
    } else {
        let protection =
            libm::round(lead_time.mean_days()) as usize + spec.review_period_days as usize;
        let known = spec.demand_shape.known_by_day(horizon.max(protection), s.days_per_year);
        let forecast = spec.demand_shape.forecast(horizon, protection, s.days_per_year);
        let shocks: Vec<(u32, u32)> = spec
            .demand_shape
            .scheduled_shocks
            .iter()
            .map(|k| (k.window.start_day, k.window.end_day()))
            .collect();
        let phasing = Phasing::new(
            &forecast,
            spec.demand_shape.weekly.is_some(),
            &shocks,
            protection as u32,
            s.days_per_year,
        );
        (Some(known[..horizon].to_vec()), Some(phasing))
    };
    let whole_units =
        demand.draws_whole() && (demand.rounds_to_units() || spec.demand_shape.is_flat());
    if !(1..=MAX_REVIEW_PERIOD_DAYS).contains(&spec.review_period_days) {
        return Err((
            Part::ReviewPeriod,
            format!(
                "a review period of {} days is outside 1 to {MAX_REVIEW_PERIOD_DAYS} days",
                spec.review_period_days
            ),
        ));
    }
    if let Some(p) = spec.perishability {
        if p.shelf_life_days == 0 {
            return Err((Part::Perishability, "a shelf life of 0 days keeps nothing".into()));
        }
    }
    if let Some(o) = spec.obsolescence {
        if !(0.0..=1.0).contains(&o.probability_per_year) {
            return Err((
                Part::Obsolescence,
                format!("a yearly chance of {} is outside 0 to 1", o.probability_per_year),
            ));
        }
        if !(o.salvage_per_unit.is_finite() && o.salvage_per_unit >= 0.0) {
            return Err((
                Part::Obsolescence,
                format!("a salvage value of {} must be a number ≥ 0", o.salvage_per_unit),
            ));
        }
    }
    if let Some(units) = spec.initial_on_hand {
        if !(units.is_finite() && units >= 0.0) {
            return Err((Part::InitialOnHand, format!("{units} units must be a number ≥ 0")));
        }
    }
    let c = &spec.costs;
    for (what, x) in [
        ("unit cost", c.unit_cost),
        ("holding rate", c.holding_rate_per_year),
        ("storage cost", c.storage_per_unit_day),
        ("order cost", c.order_cost),
        ("backorder penalty", c.backorder_per_unit_day),
        (
            "selling price or lost-sale cost",
            match c.sale {
                SaleValue::Price(p) | SaleValue::MarginAndGoodwill(p) => p,
            },
        ),
        ("goodwill", c.goodwill_per_unit),
        ("disposal cost", c.disposal_per_unit),
    ] {
        if !(x.is_finite() && x >= 0.0) {
            return Err((Part::Costs, format!("{what} {x} must be a number ≥ 0")));
        }
    }
    let payment_terms = spec
        .payment_terms
        .or_else(|| spec.supplier.and_then(|k| suppliers_terms.get(k).copied().flatten()))
        .unwrap_or_default();
    if let PaymentTerms::AfterReceipt { days } = payment_terms {
        if days > MAX_PAYMENT_DAYS {
            return Err((
                Part::Costs,
                format!("{days} days of credit is outside 0 to {MAX_PAYMENT_DAYS} days"),
            ));
        }
    }
    if spec.policies.is_empty() {
        return Err((Part::Policies, "an item needs at least one policy to simulate".into()));
    }
    let mut item = Item {
        index: index as u32,
        name: spec.name.clone(),
        demand,
        shape: spec.demand_shape.clone(),
        known_multiplier,
        phasing,
        whole_units,
        tables: Vec::new(),
        horizon_days: s.horizon_days,
        settings: Settings {
            horizon_days: s.horizon_days,
            n_replications: s.n_replications,
            seed: s.seed,
            days_per_year: s.days_per_year,
            start_date: s.start_date,
        },
        sized: Sized::default(),
        targets: Vec::new(),
        max_lead_days: lead_time.max_days(),
        lead_time,
        deliveries_in_order: spec.deliveries_in_order,
        supplier: supplier.filter(|s| s.can_fail()).cloned(),
        supply_yield,
        perishability: spec.perishability,
        obsolescence: spec.obsolescence.filter(|o| o.probability_per_year > 0.0),
        review_period_days: spec.review_period_days,
        initial_on_hand: spec.initial_on_hand,
        costs: spec.costs,
        payment_terms,
        shortage: spec.shortage,
        order_limits: spec.order_limits,
        warm_up_days: 0,
        policies: Vec::new(),
    };
    // Plans with explicit levels are checked against the horizon and laid out by day, in
    // the order the item lists them.
    for (j, (_, p)) in spec.policies.iter().enumerate() {
        if let PolicySpec::Plan { table, .. } = p {
            table.check(s.horizon_days).map_err(|m| (Part::Policy(j), m))?;
            item.tables.push(table.by_day(s.horizon_days));
        }
    }
    let mut tables = 0;
    let policies = spec
        .policies
        .iter()
        .enumerate()
        .map(|(j, (name, p))| {
            let resolved = p.resolve(&item, name.clone(), tables);
            tables += u32::from(matches!(p, PolicySpec::Plan { .. }));
            resolved.map_err(|m| (Part::Policy(j), m))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // The default warm-up covers the longest protection period among the item's policies, so
    // that every policy it compares has settled before the measured days begin.
    let longest_review = policies.iter().map(|p| p.policy.review_period_days).max().unwrap_or(1);
    let warm_up_days = spec
        .warm_up_days
        .or(s.warm_up_days)
        .unwrap_or_else(|| warm_up_for(item.lead_time.mean_days(), longest_review));
    if warm_up_days >= s.horizon_days {
        return Err((
            Part::Horizon,
            format!(
                "a horizon of {} days leaves nothing after the {warm_up_days}-day warm-up",
                s.horizon_days
            ),
        ));
    }
    item.warm_up_days = warm_up_days;
    item.targets = spec
        .policies
        .iter()
        .map(|(_, p)| match p {
            PolicySpec::ServiceTarget(target) => Some(*target),
            _ => None,
        })
        .collect();
    item.policies = policies;
    Ok(item)
}

impl TryFrom<ScenarioInput> for Scenario {
    type Error = Vec<InputError>;

    /// Validates every field of the page's form and the rules across fields; the form's item
    /// compares JIT with JIC at the form's buffer.
    ///
    /// # Errors
    /// Every problem found, each naming its field, the value and the accepted range.
    fn try_from(input: ScenarioInput) -> Result<Self, Self::Error> {
        let errors = input.errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let item = ItemSpec {
            name: "Item".into(),
            demand: Demand::Normal(MeanSd {
                mean: input.mean_demand_per_day,
                sd: input.demand_sd_per_day,
            }),
            round_demand_to_units: false,
            demand_shape: DemandShape::default(),
            lead_time: LeadTime::Fixed(input.lead_time_days as u32),
            deliveries_in_order: false,
            supplier: None,
            supply_yield: None,
            perishability: None,
            obsolescence: None,
            review_period_days: REVIEW_PERIOD_DAYS,
            initial_on_hand: None,
            warm_up_days: None,
            order_limits: OrderLimits::default(),
            costs: Costs {
                unit_cost: input.unit_cost,
                holding_rate_per_year: input.holding_rate_pct_per_year / 100.0,
                storage_per_unit_day: input.storage_cost_per_unit_day,
                order_cost: input.order_cost,
                backorder_per_unit_day: input.backorder_cost_per_unit_day,
                ..Costs::default()
            },
            payment_terms: None,
            shortage: Shortage::Backorder,
            policies: vec![
                (None, PolicySpec::Jit),
                (None, PolicySpec::Jic { buffer_days: input.jic_buffer_days }),
            ],
        };
        let settings = SettingsSpec {
            horizon_days: input.horizon_days as u32,
            warm_up_days: None,
            n_replications: input.n_replications as u32,
            seed: input.seed as u64,
            days_per_year: DAYS_PER_YEAR,
            currency: "USD".into(),
            start_date: None,
        };
        // The checks above cover everything `new` checks; should they ever drift apart, the
        // message still lands under the field it is about rather than being lost.
        Scenario::new(ScenarioSpec { settings, suppliers: Vec::new(), items: vec![item] }).map_err(
            |e| {
                let field = match e.part {
                    Part::Demand | Part::DemandShape => Field::MeanDemand,
                    Part::LeadTime | Part::ReviewPeriod => Field::LeadTime,
                    Part::Policies | Part::Policy(_) => Field::JicBufferDays,
                    Part::Costs
                    | Part::InitialOnHand
                    | Part::Perishability
                    | Part::Obsolescence => Field::UnitCost,
                    Part::Horizon | Part::DaysPerYear | Part::Items => Field::HorizonDays,
                    Part::Supplier(_) | Part::ItemSupplier | Part::SupplyYield => Field::LeadTime,
                    Part::Replications => Field::Replications,
                };
                vec![InputError::Invalid { field, message: e.message }]
            },
        )
    }
}
