//! One item, resolved from its description: distributions ready to draw from, its demand's
//! phasing, its policies with their numbers (and, once asked for, sized for their service
//! targets). Built only by `Scenario::new`, through [`resolve_item`].

use crate::core::demand::DemandSampler;
use crate::core::demand_shape::DemandShape;
use crate::core::expedite::Expedite;
use crate::core::input::Num;
use crate::core::lead_time::LeadTimeSampler;
use crate::core::order_charges::OrderCharges;
use crate::core::payment::{PaymentTerms, MAX_PAYMENT_DAYS};
use crate::core::plan::Phasing;
use crate::core::policy::{NamedPolicy, OrderLimits, PolicySpec, ServiceTarget};
use crate::core::prices::Prices;
use crate::core::scenario::{
    warm_up_for, Costs, ItemSpec, Obsolescence, Part, Perishability, SaleValue, Settings,
    SettingsSpec, Shortage, MAX_REVIEW_PERIOD_DAYS,
};
use crate::core::sourcing::Backup;
use crate::core::storage::Storage;
use crate::core::supply::{Supplier, YieldSampler};

/// One item, resolved: distributions ready to draw from and policies with their numbers.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Position in the scenario: part of every random stream's key.
    pub(crate) index: u32,
    pub(crate) name: String,
    pub(crate) demand: DemandSampler,
    pub(crate) shape: DemandShape,
    /// What the known demand shape gives each day, worked out when first asked for; `None`
    /// when the known shape is flat.
    pub(crate) shaped: Option<ShapeCache>,
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
    pub(crate) rule_fixed: bool,
    pub(crate) initial_on_hand: Option<f64>,
    pub(crate) costs: Costs,
    /// The item's own terms, else its supplier's, else payment on receipt.
    pub(crate) payment_terms: PaymentTerms,
    pub(crate) shortage: Shortage,
    pub(crate) order_limits: OrderLimits,
    pub(crate) order_charges: OrderCharges,
    pub(crate) expedite: Option<Expedite>,
    pub(crate) storage: Option<Storage>,
    pub(crate) prices: Option<Prices>,
    pub(crate) backup: Option<Backup>,
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
        self.shaped().map(|s| s.known.as_slice())
    }

    /// The periods JIT and JIC levels are planned in, when the known demand shape moves them.
    pub fn phasing(&self) -> Option<&Phasing> {
        self.shaped().map(|s| &s.phasing)
    }

    /// Whether the known demand shape moves the levels (what [`Item::phasing`] says, without
    /// working the phasing out).
    pub fn is_phased(&self) -> bool {
        self.shaped.is_some()
    }

    fn shaped(&self) -> Option<&Shaped> {
        let cache = self.shaped.as_ref()?;
        Some(cache.cell.get_or_init(|| {
            Shaped::new(&self.shape, self.horizon_days as usize, cache.protection, &self.settings)
        }))
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
        if self.is_phased() {
            base
        } else {
            self.units(base)
        }
    }

    /// The level in force on `day` for a demand-sized policy whose level on mean demand is
    /// `base` ([`Item::base_level`]): `base` × the period's forecast, in units (`core::plan`).
    #[inline(always)]
    pub fn planned_level(&self, base: f64, day: usize) -> f64 {
        match self.phasing() {
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

    /// Whether the review period and order limits are fixed, so the optimiser sweeps only the
    /// buffer on the item's own rule.
    pub fn rule_fixed(&self) -> bool {
        self.rule_fixed
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

    /// Price breaks and freight per shipment.
    pub fn order_charges(&self) -> &OrderCharges {
        &self.order_charges
    }

    /// The item's prices over time, if its price moves, it has a supply agreement or it buys
    /// ahead (`core::prices`).
    pub fn prices(&self) -> Option<&Prices> {
        self.prices.as_ref()
    }

    /// The item's backup source, if any (`core::sourcing`).
    pub fn backup(&self) -> Option<&Backup> {
        self.backup.as_ref()
    }

    /// The item's expediting, if any (`core::expedite`).
    pub fn expedite(&self) -> Option<Expedite> {
        self.expedite
    }

    /// The item's storage space, if limited (`core::storage`).
    pub fn storage(&self) -> Option<Storage> {
        self.storage
    }

    /// Which levers the item uses.
    pub fn levers_used(&self) -> crate::core::levers::LeversUsed {
        crate::core::levers::LeversUsed {
            expedite: self.expedite.is_some(),
            storage: self.storage.is_some(),
            prices: self.prices.is_some(),
            backup: self.backup.is_some(),
            forward_buy: self.prices.as_ref().is_some_and(|p| p.forward_buy.is_some()),
        }
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

/// What a known demand shape gives each day: its multiplier and the periods levels are
/// planned in (`core::plan`). Worked out over the whole horizon when first asked for (a
/// simulation, a plan), not when the item is built: the page builds every item of a scenario
/// on each edit and opening, and a shaped item's days are most of that work.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Shaped {
    /// The known demand multiplier of each day (weekly, seasonal, trend, scheduled shocks).
    known: Vec<f64>,
    /// The periods JIT and JIC levels are planned in and their forecast multipliers.
    phasing: Phasing,
}

impl Shaped {
    /// Levels cover `protection` days (the mean lead time, rounded, and the review period).
    fn new(shape: &DemandShape, horizon: usize, protection: usize, settings: &Settings) -> Shaped {
        let days_per_year = settings.days_per_year();
        let mut known = shape.known_by_day(horizon.max(protection), days_per_year);
        known.truncate(horizon);
        let forecast = shape.forecast(horizon, protection, days_per_year);
        let shocks: Vec<(u32, u32)> = shape
            .scheduled_shocks
            .iter()
            .map(|k| (k.window.start_day, k.window.end_day()))
            .collect();
        let phasing = Phasing::new(
            &forecast,
            shape.weekly.is_some(),
            &shocks,
            protection as u32,
            days_per_year,
        );
        Shaped { known, phasing }
    }
}

/// [`Shaped`], once worked out. A cache, not part of what the item is: two items are equal
/// whether or not either has worked it out yet.
#[derive(Debug)]
pub(crate) struct ShapeCache {
    protection: usize,
    cell: std::sync::OnceLock<Shaped>,
}

impl PartialEq for ShapeCache {
    fn eq(&self, other: &ShapeCache) -> bool {
        self.protection == other.protection
    }
}

impl Clone for ShapeCache {
    fn clone(&self) -> ShapeCache {
        ShapeCache { protection: self.protection, cell: self.cell.clone() }
    }
}

pub(crate) fn resolve_item(
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
    let shaped = (!spec.demand_shape.known_is_flat()).then(|| ShapeCache {
        protection: libm::round(lead_time.mean_days()) as usize + spec.review_period_days as usize,
        cell: std::sync::OnceLock::new(),
    });
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
        // Stock that can no longer be sold fetches at most what it cost (at the lowest price
        // a break offers): above that, holding more of it would earn money, and total costs
        // would turn negative.
        let lowest = spec.order_charges.lowest_price(spec.costs.unit_cost);
        if o.salvage_per_unit > lowest {
            let what = if lowest < spec.costs.unit_cost {
                "the lowest break price"
            } else {
                "the unit cost"
            };
            return Err((
                Part::Obsolescence,
                format!(
                    "a salvage value of {} per unit is above {what} of {}; accepted: up to {what}",
                    Num(o.salvage_per_unit),
                    Num(lowest)
                ),
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
    spec.order_charges.check(spec.costs.unit_cost).map_err(|m| (Part::OrderCharges, m))?;
    if let Some(e) = spec.expedite {
        e.check().map_err(|m| (Part::Expedite, m))?;
    }
    if let Some(s) = spec.storage {
        s.check().map_err(|m| (Part::Storage, m))?;
    }
    let prices = match &spec.prices {
        Some(p) => {
            p.check(s.horizon_days).map_err(|m| (Part::Prices, m))?;
            let mut p = p.clone();
            p.sort();
            (p.moves() || p.agreement.is_some()).then_some(p)
        }
        None => None,
    };
    let backup = match &spec.backup {
        Some(b) => {
            let supplier = match b.supplier {
                None => None,
                Some(k) => Some(suppliers.get(k).ok_or_else(|| {
                    (
                        Part::Backup,
                        format!(
                            "supplier {} is not in the list of {} suppliers",
                            k + 1,
                            suppliers.len()
                        ),
                    )
                })?),
            };
            let backup = b.resolve(supplier).map_err(|m| (Part::Backup, m))?;
            if backup.window().is_some() && spec.expedite.is_some() {
                return Err((
                    Part::Backup,
                    "a dual-index backup is itself the emergency source; accepted: a \
                     dual-index backup or expediting, not both"
                        .into(),
                ));
            }
            Some(backup)
        }
        None => None,
    };
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
        shaped,
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
        rule_fixed: spec.rule_fixed,
        initial_on_hand: spec.initial_on_hand,
        costs: spec.costs,
        payment_terms,
        shortage: spec.shortage,
        order_limits: spec.order_limits,
        order_charges: spec.order_charges.clone(),
        expedite: spec.expedite,
        storage: spec.storage,
        prices,
        backup,
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
