//! The validated scenario: run settings and a list of items, each with its demand, supply,
//! costs and the policies to compare. [`Scenario::new`] (from a [`ScenarioSpec`]) and
//! [`Scenario::try_from`] (from the page's form) are the only ways to build one, so
//! downstream code takes it as valid and never fails.

use serde::{Deserialize, Serialize};

use std::fmt;

use crate::core::calendar::Date;
pub use crate::core::costs::{Costs, SaleValue};
use crate::core::demand::{Demand, MeanSd};
use crate::core::demand_shape::DemandShape;
use crate::core::expedite::Expedite;
use crate::core::input::{Field, InputError, ScenarioInput};
use crate::core::item::resolve_item;
pub use crate::core::item::Item;
use crate::core::lead_time::LeadTime;
use crate::core::optimise::{PracticallySame, Wording};
use crate::core::order_charges::OrderCharges;
use crate::core::payment::PaymentTerms;
use crate::core::policy::{OrderLimits, PolicySpec};
use crate::core::storage::Storage;
use crate::core::supply::{Supplier, SupplierSpec, Yield};
use crate::core::warehouse::Warehouse;

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
    /// The review period and order limits are fixed (delivery slots, a contract): the
    /// optimiser sweeps the buffer on the item's own rule only.
    pub rule_fixed: bool,
    /// Stock on hand on day 0; `None` starts each policy at its own level (S, or r + Q).
    pub initial_on_hand: Option<f64>,
    /// Days left out of this item's statistics; `None` takes the settings' (else the
    /// item's longest protection period).
    pub warm_up_days: Option<u32>,
    pub order_limits: OrderLimits,
    pub costs: Costs,
    /// All-units price breaks and freight per shipment (none by default).
    pub order_charges: OrderCharges,
    /// An emergency order at a premium when stock runs low; `None` never expedites.
    pub expedite: Option<Expedite>,
    /// The item's storage space; `None` has room for anything.
    pub storage: Option<Storage>,
    /// Prices over time, a supply agreement and forward buying; `None` pays the unit cost
    /// every day.
    pub prices: Option<crate::core::prices::Prices>,
    /// A second source beside the item's supplier, and how orders are shared between them
    /// (`core::sourcing`); `None` is single-sourced.
    pub backup: Option<crate::core::sourcing::BackupSpec>,
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
    /// The smallest saving the advice calls a difference (its words only).
    pub practically_same: PracticallySame,
    /// The warehouse every item shares (the portfolio reports its space; no simulation
    /// changes).
    pub warehouse: Option<Warehouse>,
}

/// A whole scenario as described: settings, suppliers and items.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioSpec {
    pub settings: SettingsSpec,
    /// Items that name the same supplier share its days down.
    pub suppliers: Vec<SupplierSpec>,
    pub items: Vec<ItemSpec>,
    /// The position of the first item in its catalogue: 0 for a whole scenario; the first
    /// record's for a piece of a streamed catalogue run on its own (`jitjic … --items`).
    /// Item `i` draws from the random streams of position `first_position + i`, so an item's
    /// results are the same bits whether its catalogue runs whole or in pieces.
    pub first_position: u32,
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
    /// Price breaks or freight.
    OrderCharges,
    /// Expediting.
    Expedite,
    /// Storage space.
    Storage,
    /// Prices over time.
    Prices,
    /// The backup source.
    Backup,
    /// The shared warehouse.
    Warehouse,
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
    /// Each item's space per unit in the warehouse (empty without one).
    space_per_unit: Vec<f64>,
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
        Building::start(spec)?.finish()
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

    /// The warehouse every item shares, if any.
    pub fn warehouse(&self) -> Option<Warehouse> {
        self.spec.settings.warehouse
    }

    /// The space a unit of item `i` takes in the warehouse (1 without one).
    pub fn space_per_unit(&self, i: usize) -> f64 {
        self.space_per_unit.get(i).copied().unwrap_or(1.0)
    }

    /// The currency costs are in.
    pub fn currency(&self) -> &str {
        &self.spec.settings.currency
    }

    /// What the advice's words depend on: the currency and the saving that counts.
    pub fn wording(&self) -> Wording<'_> {
        Wording {
            currency: &self.spec.settings.currency,
            practically_same: self.spec.settings.practically_same,
        }
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
            rule_fixed: false,
            initial_on_hand: None,
            warm_up_days: None,
            order_limits: OrderLimits::default(),
            order_charges: OrderCharges::default(),
            expedite: None,
            prices: None,
            backup: None,
            storage: None,
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
            practically_same: PracticallySame::default(),
            warehouse: None,
        };
        // The checks above cover everything `new` checks; should they ever drift apart, the
        // message still lands under the field it is about rather than being lost.
        Scenario::new(ScenarioSpec {
            settings,
            suppliers: Vec::new(),
            items: vec![item],
            first_position: 0,
        })
        .map_err(|e| {
            let field = match e.part {
                Part::Demand | Part::DemandShape => Field::MeanDemand,
                Part::LeadTime | Part::ReviewPeriod => Field::LeadTime,
                Part::Policies | Part::Policy(_) => Field::JicBufferDays,
                Part::Costs
                | Part::OrderCharges
                | Part::Expedite
                | Part::Storage
                | Part::Prices
                | Part::Backup
                | Part::Warehouse
                | Part::InitialOnHand
                | Part::Perishability
                | Part::Obsolescence => Field::UnitCost,
                Part::Horizon | Part::DaysPerYear | Part::Items => Field::HorizonDays,
                Part::Supplier(_) | Part::ItemSupplier | Part::SupplyYield => Field::LeadTime,
                Part::Replications => Field::Replications,
            };
            vec![InputError::Invalid { field, message: e.message }]
        })
    }
}

/// A scenario being built an item at a time: [`Scenario::checked`] in steps, for a reader that
/// gives its thread back between them (the page opening a large catalogue's link). The items'
/// problems come in the same order however many are built per step.
pub struct Building {
    spec: ScenarioSpec,
    settings: Settings,
    suppliers: Vec<Supplier>,
    terms: Vec<Option<PaymentTerms>>,
    items: Vec<Item>,
    /// The next item to build.
    next: usize,
    problems: Vec<ScenarioError>,
}

impl Building {
    /// The settings and suppliers checked and resolved; no item built yet.
    ///
    /// # Errors
    /// The settings' problems, else the suppliers' (items are built on both).
    pub fn start(spec: ScenarioSpec) -> Result<Building, Vec<ScenarioError>> {
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
        let last = u64::from(spec.first_position) + spec.items.len() as u64;
        if last > u64::from(u32::MAX) {
            problems.push(whole(
                Part::Items,
                format!(
                    "items at positions {} to {last} in a catalogue; accepted: positions up to {}",
                    spec.first_position,
                    u32::MAX
                ),
            ));
        }
        if let Some(Err(message)) = s.warehouse.map(|w| w.check()) {
            problems.push(whole(Part::Warehouse, message));
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
        let items = Vec::with_capacity(spec.items.len());
        Ok(Building { spec, settings, suppliers, terms, items, next: 0, problems })
    }

    /// Builds up to `n` more items (at least one); true when every item is built.
    pub fn build(&mut self, n: usize) -> bool {
        let end = self.spec.items.len().min(self.next.saturating_add(n.max(1)));
        for i in self.next..end {
            let position = self.spec.first_position as usize + i;
            let (item, s) = (&self.spec.items[i], &self.spec.settings);
            match resolve_item(position, item, s, &self.suppliers, &self.terms) {
                Ok(resolved) => self.items.push(resolved),
                Err((part, message)) => {
                    self.problems.push(ScenarioError { item: Some(i), part, message })
                }
            }
        }
        self.next = end;
        self.is_built()
    }

    /// True when every item is built.
    pub fn is_built(&self) -> bool {
        self.next == self.spec.items.len()
    }

    /// The scenario, or every problem found; the items not built yet are built first.
    ///
    /// # Errors
    /// As [`Scenario::checked`].
    pub fn finish(mut self) -> Result<Scenario, Vec<ScenarioError>> {
        while !self.build(usize::MAX) {}
        let Building { spec, settings, suppliers, items, mut problems, .. } = self;
        let s = &spec.settings;
        let space_per_unit = match s.warehouse {
            None => Vec::new(),
            Some(w) => items
                .iter()
                .enumerate()
                .filter_map(|(i, item)| match w.space_per_unit(item) {
                    Ok(per_unit) => Some(per_unit),
                    Err(message) => {
                        problems.push(ScenarioError {
                            item: Some(i),
                            part: Part::Storage,
                            message,
                        });
                        None
                    }
                })
                .collect(),
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Scenario { spec, suppliers, items, settings, space_per_unit })
    }
}
