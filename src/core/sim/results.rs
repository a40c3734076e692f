//! What a run reports: one replication's figures, each policy's statistics across
//! replications, the comparison of an item's policies, and the known windows it is measured in.

use serde::{Deserialize, Serialize};

use crate::core::policy::{NamedPolicy, Policy, PolicyKind};
use crate::core::scenario::{Item, Settings, Shortage};
use crate::core::stats::{MeanSe, RatioSe};
use crate::core::supply::Window;
use crate::core::trajectory::BandPoint;

/// Average stock on hand below this many units counts as none for turns.
const EMPTY_SHELF_UNITS: f64 = 1e-6;
/// Units moved over a whole run (warm-up included), for the inventory balance:
/// start + received − shipped = end on hand, and demanded = shipped + lost + end backorders.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Flows {
    pub start_on_hand: f64,
    pub received: f64,
    /// Served from stock, on the day or later to a waiting customer.
    pub shipped: f64,
    pub demanded: f64,
    pub lost: f64,
    /// Written off past their shelf life.
    pub expired: f64,
    /// Written off because the item died (on hand then, or landing after).
    pub obsolete: f64,
    /// Still in transit at the end for an item that had died (written off, never received).
    pub obsolete_in_transit: f64,
    /// Customers waiting when the item died, who no longer want it.
    pub cancelled: f64,
    pub end_on_hand: f64,
    pub end_backorders: f64,
}

/// One replication's figures for one policy, over the measured days (after the warm-up).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ReplicationMetrics {
    /// Mean end-of-day stock on hand, in units.
    pub avg_on_hand: f64,
    /// Mean end-of-day cash tied up (see `core::payment`): unit cost × (on hand + in transit
    /// already paid for − received and not yet paid for).
    pub avg_cash_tied_up: f64,
    /// The most cash tied up at the end of any measured day.
    pub peak_cash_tied_up: f64,
    /// The part of the mean cash tied up that is in transit (paid at order).
    pub avg_cash_in_transit: f64,
    /// What is owed to the supplier on average (received, paid later): taken off the cash.
    pub avg_owed_to_suppliers: f64,
    /// Mean end-of-day units backordered (customers waiting).
    pub avg_backorders: f64,
    /// Units served from stock on the day they were demanded ÷ units demanded (1 when nothing
    /// was demanded).
    pub fill_rate: f64,
    /// Days with any demand not served from stock, scaled to a year.
    pub stockout_days_per_year: f64,
    /// 1 − stockout days ÷ measured days.
    pub ready_rate: f64,
    /// Purchases, net: unit cost × (units ordered + the stock position at the start of the
    /// measured days − the position at their end), scaled to a year.
    pub purchase_cost_per_year: f64,
    /// Capital holding: rate × the day's cash tied up, per day, scaled to a year.
    pub holding_cost_per_year: f64,
    /// Storage (space): cost per unit per day × units on hand, scaled to a year.
    pub storage_cost_per_year: f64,
    /// Fixed order costs, scaled to a year.
    pub ordering_cost_per_year: f64,
    /// Backorder penalty per unit waiting per day, scaled to a year.
    pub backorder_cost_per_year: f64,
    /// Selling price plus goodwill per unit of demand lost (lost-sales mode; see
    /// `core::costs`), scaled to a year.
    pub lost_sale_cost_per_year: f64,
    /// Units on the purchase orders placed, scaled to a year (with a supply yield, more than
    /// are paid for).
    pub units_ordered_per_year: f64,
    /// Units demanded, scaled to a year.
    pub demanded_units_per_year: f64,
    /// Selling price × units sold (demanded − lost), scaled to a year; 0 when the price is
    /// not known.
    pub revenue_per_year: f64,
    /// Selling price × units demanded − total cost, scaled to a year (`core::costs`); 0 when
    /// the price is not known.
    pub margin_per_year: f64,
    /// Units of demand lost (lost-sales mode), scaled to a year.
    pub lost_units_per_year: f64,
    /// Orders placed, scaled to a year.
    pub orders_per_year: f64,
    /// Units shipped to customers (on the day or late), scaled to a year: what turns are
    /// measured against.
    pub shipped_units_per_year: f64,
    /// Days the item's supplier was down, scaled to a year (the same for every policy).
    pub supplier_down_days_per_year: f64,
    /// Units written off past their shelf life, scaled to a year.
    pub expired_units_per_year: f64,
    /// Their disposal cost, scaled to a year (the purchase was counted already).
    pub expiry_cost_per_year: f64,
    /// Units written off because the item stopped selling, scaled to a year.
    pub obsolete_units_per_year: f64,
    /// The order-up-to level in force at the measured reviews, on average: the sized level
    /// for a fixed policy, what a month's buffer or a re-estimate made it for an adaptive one.
    pub avg_order_up_to: f64,
    /// Their disposal cost less their salvage value, scaled to a year.
    pub obsolescence_cost_per_year: f64,
    /// Emergency orders placed (`core::expedite`), scaled to a year.
    pub expedites_per_year: f64,
    /// Units they brought (part of the units ordered), scaled to a year.
    pub expedited_units_per_year: f64,
    /// Their premium per unit and fixed charges (their units are purchases), scaled to a year.
    pub expedite_cost_per_year: f64,
    /// Units of deliveries refused for want of space (`core::storage`), scaled to a year.
    pub refused_units_per_year: f64,
    /// Deliveries with a part refused, scaled to a year.
    pub refused_deliveries_per_year: f64,
    /// Days ending with more on hand than the item's space, scaled to a year.
    pub overflow_days_per_year: f64,
    /// Rented overflow space, scaled to a year.
    pub overflow_cost_per_year: f64,
    /// What a unit bought in the measured days cost on average (`core::prices`): the unit
    /// cost unless prices move, there is an agreement or there are price breaks.
    pub price_paid_per_unit: f64,
    /// Units bought ahead of announced rises, scaled to a year.
    pub forward_bought_units_per_year: f64,
    /// Orders to the backup source (`core::sourcing`), scaled to a year.
    pub backup_orders_per_year: f64,
    /// Units they brought (part of the units ordered), scaled to a year.
    pub backup_units_per_year: f64,
    /// Their price difference from the item's unit cost and their order costs, scaled to a
    /// year (negative when the backup is the cheaper source).
    pub backup_cost_per_year: f64,
    /// Days neither source can ship (both suppliers down), scaled to a year.
    pub no_source_days_per_year: f64,
    /// The most stock on hand at the end of any measured day, in units.
    pub peak_on_hand: f64,
    /// The longest run of consecutive stockout days.
    pub longest_stockout_days: f64,
    /// Share of replenishment cycles (from one order to the next) without a stockout day.
    /// When no cycle closes within the measured days, the whole period counts as one cycle.
    pub cycle_service_level: f64,
    /// Waiting unit-days ÷ units demanded: the mean wait over every unit demanded, in days
    /// (0 for a unit served from stock; Little's law).
    pub mean_wait_days: f64,
    /// Units moved over the whole run.
    pub flows: Flows,
}

impl ReplicationMetrics {
    /// Everything but purchases: ordering + capital holding + storage + shortage (backorder
    /// penalty or lost sales) + disposal of expired stock + the write-off of obsolete stock
    /// (disposal less salvage) + expediting + rented overflow space, per year.
    pub fn operating_cost_per_year(&self) -> f64 {
        self.ordering_cost_per_year
            + self.holding_cost_per_year
            + self.storage_cost_per_year
            + self.backorder_cost_per_year
            + self.lost_sale_cost_per_year
            + self.expiry_cost_per_year
            + self.obsolescence_cost_per_year
            + self.expedite_cost_per_year
            + self.overflow_cost_per_year
            + self.backup_cost_per_year
    }

    /// Total cost per year: purchases + operating cost.
    pub fn total_cost_per_year(&self) -> f64 {
        self.purchase_cost_per_year + self.operating_cost_per_year()
    }
}

/// One policy's results across replications: each mean with its standard error.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PolicyResult {
    /// The name results are shown under.
    pub name: String,
    pub policy: Policy,
    /// Measured days ÷ days per year: a yearly figure × this is the horizon's total.
    pub years_measured: f64,
    pub avg_on_hand: MeanSe,
    pub fill_rate: MeanSe,
    pub stockout_days_per_year: MeanSe,
    pub ready_rate: MeanSe,
    pub purchase_cost_per_year: MeanSe,
    pub holding_cost_per_year: MeanSe,
    pub storage_cost_per_year: MeanSe,
    pub ordering_cost_per_year: MeanSe,
    pub backorder_cost_per_year: MeanSe,
    pub lost_sale_cost_per_year: MeanSe,
    pub lost_units_per_year: MeanSe,
    /// Units on the purchase orders placed, per year.
    pub units_ordered_per_year: MeanSe,
    /// Units demanded per year.
    pub demanded_units_per_year: MeanSe,
    /// Selling price × units sold per year (0 when the price is not known).
    pub revenue_per_year: MeanSe,
    /// Selling price × units demanded − total cost, per year (0 when the price is not
    /// known; see `core::costs`).
    pub margin_per_year: MeanSe,
    /// Cash tied up (`core::payment`): its mean and peak over the measured days, the part in
    /// transit and what is owed to suppliers.
    pub avg_cash_tied_up: MeanSe,
    pub peak_cash_tied_up: MeanSe,
    pub avg_cash_in_transit: MeanSe,
    pub avg_owed_to_suppliers: MeanSe,
    pub operating_cost_per_year: MeanSe,
    pub total_cost_per_year: MeanSe,
    pub orders_per_year: MeanSe,
    pub shipped_units_per_year: MeanSe,
    pub supplier_down_days_per_year: MeanSe,
    pub expired_units_per_year: MeanSe,
    pub expiry_cost_per_year: MeanSe,
    pub obsolete_units_per_year: MeanSe,
    pub obsolescence_cost_per_year: MeanSe,
    /// Expediting (`core::expedite`): emergency orders, their units and their premium and
    /// charges.
    pub expedites_per_year: MeanSe,
    pub expedited_units_per_year: MeanSe,
    pub expedite_cost_per_year: MeanSe,
    /// Storage space (`core::storage`): refused units and deliveries, overflow days and the
    /// rented overflow space.
    pub refused_units_per_year: MeanSe,
    pub refused_deliveries_per_year: MeanSe,
    pub overflow_days_per_year: MeanSe,
    pub overflow_cost_per_year: MeanSe,
    /// Prices over time (`core::prices`): the average price paid, and units bought ahead.
    pub price_paid_per_unit: MeanSe,
    pub forward_bought_units_per_year: MeanSe,
    /// A second source (`core::sourcing`): its orders, units and cost beyond the primary's,
    /// and the days neither source can ship.
    pub backup_orders_per_year: MeanSe,
    pub backup_units_per_year: MeanSe,
    pub backup_cost_per_year: MeanSe,
    pub no_source_days_per_year: MeanSe,
    pub avg_order_up_to: MeanSe,
    pub peak_on_hand: MeanSe,
    /// Average inventory value (cash tied up): average units on hand × unit cost.
    pub avg_inventory_value: MeanSe,
    /// Peak inventory value: the most units on hand × unit cost.
    pub peak_inventory_value: MeanSe,
    pub longest_stockout_days: MeanSe,
    pub cycle_service_level: MeanSe,
    pub mean_wait_days: MeanSe,
    /// Inventory turns: units shipped per year ÷ average units on hand (the same as cost of
    /// goods shipped ÷ average inventory value), as a ratio of means across replications.
    pub turns: RatioSe,
    /// P5, P50 and P95 of yearly total cost across replications.
    pub total_cost_quantiles: Quantiles,
    /// P5, P50 and P95 of stockout days per year across replications.
    pub stockout_days_quantiles: Quantiles,
    /// Each replication's yearly total cost, in replication order: what pairs two policies
    /// on the same draws, and the distribution the page draws.
    pub cost_by_replication: Vec<f64>,
    /// Each replication's stockout days per year, in replication order.
    pub stockout_days_by_replication: Vec<f64>,
    /// End-of-day stock on hand per day (warm-up included), averaged over replications.
    pub mean_on_hand_by_day: Vec<f64>,
    /// P10–P90 of end-of-day stock on hand across replications, on sampled days.
    pub on_hand_band: Vec<BandPoint>,
    /// For each day, the share of replications that placed an expedite that evening, and
    /// an order (or part of one) to the backup (empty without them, or without trajectories).
    #[serde(default)]
    pub expedite_share_by_day: Vec<f64>,
    #[serde(default)]
    pub backup_order_share_by_day: Vec<f64>,
    /// For each of the comparison's known windows (in its order): stockout days inside it,
    /// and in the days after it that a held order can still take to land
    /// ([`days_after_window`]).
    pub window_stockout_days: Vec<WindowStockouts>,
}

/// Stockout days inside a known disruption window and right after it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct WindowStockouts {
    pub inside: MeanSe,
    pub after: MeanSe,
}

/// What kind of known window: a scheduled supplier outage or a scheduled demand shock.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum WindowKind {
    Outage,
    Shock,
}

/// A window known in advance, which the page shades.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct KnownWindow {
    pub kind: WindowKind,
    pub window: Window,
}

/// How many days after a window its effects are counted: the time a held order can still take
/// to land, mean lead time + 3 sd (at most the longest lead time), + 1.
pub fn days_after_window(item: &Item) -> usize {
    let lead = item.lead_time();
    let long = libm::ceil(lead.mean_days() + 3.0 * lead.sd_days()) as usize;
    long.min(item.max_lead_days as usize) + 1
}

/// The item's known windows: its supplier's scheduled outages and its scheduled shocks.
pub fn known_windows(item: &Item) -> Vec<KnownWindow> {
    let outages = item.supplier().into_iter().flat_map(|s| s.scheduled().iter());
    let shocks = item.demand_shape().scheduled_shocks.iter().map(|s| &s.window);
    outages
        .map(|&window| KnownWindow { kind: WindowKind::Outage, window })
        .chain(shocks.map(|&window| KnownWindow { kind: WindowKind::Shock, window }))
        .collect()
}

impl PolicyResult {
    /// The typical order: units ordered a year over orders a year, as simulated (0 when it
    /// never ordered).
    pub fn typical_order_units(&self) -> f64 {
        let orders = self.orders_per_year.mean();
        if orders > 0.0 {
            self.units_ordered_per_year.mean() / orders
        } else {
            0.0
        }
    }

    pub(super) fn new(named: &NamedPolicy, years_measured: f64) -> Self {
        PolicyResult {
            name: named.name.clone(),
            policy: named.policy,
            years_measured,
            avg_on_hand: MeanSe::default(),
            fill_rate: MeanSe::default(),
            stockout_days_per_year: MeanSe::default(),
            ready_rate: MeanSe::default(),
            purchase_cost_per_year: MeanSe::default(),
            holding_cost_per_year: MeanSe::default(),
            storage_cost_per_year: MeanSe::default(),
            operating_cost_per_year: MeanSe::default(),
            ordering_cost_per_year: MeanSe::default(),
            backorder_cost_per_year: MeanSe::default(),
            lost_sale_cost_per_year: MeanSe::default(),
            lost_units_per_year: MeanSe::default(),
            units_ordered_per_year: MeanSe::default(),
            demanded_units_per_year: MeanSe::default(),
            revenue_per_year: MeanSe::default(),
            margin_per_year: MeanSe::default(),
            avg_cash_tied_up: MeanSe::default(),
            peak_cash_tied_up: MeanSe::default(),
            avg_cash_in_transit: MeanSe::default(),
            avg_owed_to_suppliers: MeanSe::default(),
            total_cost_per_year: MeanSe::default(),
            orders_per_year: MeanSe::default(),
            shipped_units_per_year: MeanSe::default(),
            supplier_down_days_per_year: MeanSe::default(),
            expired_units_per_year: MeanSe::default(),
            expiry_cost_per_year: MeanSe::default(),
            obsolete_units_per_year: MeanSe::default(),
            avg_order_up_to: MeanSe::default(),
            obsolescence_cost_per_year: MeanSe::default(),
            expedites_per_year: MeanSe::default(),
            expedited_units_per_year: MeanSe::default(),
            expedite_cost_per_year: MeanSe::default(),
            refused_units_per_year: MeanSe::default(),
            refused_deliveries_per_year: MeanSe::default(),
            overflow_days_per_year: MeanSe::default(),
            overflow_cost_per_year: MeanSe::default(),
            price_paid_per_unit: MeanSe::default(),
            forward_bought_units_per_year: MeanSe::default(),
            backup_orders_per_year: MeanSe::default(),
            backup_units_per_year: MeanSe::default(),
            backup_cost_per_year: MeanSe::default(),
            no_source_days_per_year: MeanSe::default(),
            turns: RatioSe::default(),
            peak_on_hand: MeanSe::default(),
            avg_inventory_value: MeanSe::default(),
            peak_inventory_value: MeanSe::default(),
            longest_stockout_days: MeanSe::default(),
            cycle_service_level: MeanSe::default(),
            mean_wait_days: MeanSe::default(),
            total_cost_quantiles: Quantiles::default(),
            stockout_days_quantiles: Quantiles::default(),
            cost_by_replication: Vec::new(),
            stockout_days_by_replication: Vec::new(),
            mean_on_hand_by_day: Vec::new(),
            on_hand_band: Vec::new(),
            expedite_share_by_day: Vec::new(),
            backup_order_share_by_day: Vec::new(),
            window_stockout_days: Vec::new(),
        }
    }

    /// Adds the statistics of the replications that follow this result's (their per-replication
    /// values are appended). The finished figures (quantiles, inventory values, trajectory)
    /// are left to [`Part::finish`].
    pub(super) fn merge(&mut self, next: &PolicyResult) {
        macro_rules! merge_means {
            ($($field:ident),* $(,)?) => { $( self.$field.merge(&next.$field); )* };
        }
        merge_means!(
            avg_on_hand,
            fill_rate,
            stockout_days_per_year,
            ready_rate,
            purchase_cost_per_year,
            holding_cost_per_year,
            storage_cost_per_year,
            operating_cost_per_year,
            ordering_cost_per_year,
            backorder_cost_per_year,
            lost_sale_cost_per_year,
            lost_units_per_year,
            units_ordered_per_year,
            demanded_units_per_year,
            revenue_per_year,
            margin_per_year,
            avg_cash_tied_up,
            peak_cash_tied_up,
            avg_cash_in_transit,
            avg_owed_to_suppliers,
            total_cost_per_year,
            orders_per_year,
            shipped_units_per_year,
            supplier_down_days_per_year,
            expired_units_per_year,
            expiry_cost_per_year,
            obsolete_units_per_year,
            avg_order_up_to,
            obsolescence_cost_per_year,
            expedites_per_year,
            expedited_units_per_year,
            expedite_cost_per_year,
            refused_units_per_year,
            refused_deliveries_per_year,
            overflow_days_per_year,
            overflow_cost_per_year,
            price_paid_per_unit,
            forward_bought_units_per_year,
            backup_orders_per_year,
            backup_units_per_year,
            backup_cost_per_year,
            no_source_days_per_year,
            peak_on_hand,
            longest_stockout_days,
            cycle_service_level,
            mean_wait_days,
        );
        self.turns.merge(&next.turns);
        for (a, b) in self.window_stockout_days.iter_mut().zip(&next.window_stockout_days) {
            a.inside.merge(&b.inside);
            a.after.merge(&b.after);
        }
        self.cost_by_replication.extend_from_slice(&next.cost_by_replication);
        self.stockout_days_by_replication.extend_from_slice(&next.stockout_days_by_replication);
    }

    pub(super) fn push(&mut self, m: &ReplicationMetrics) {
        self.avg_on_hand.push(m.avg_on_hand);
        self.fill_rate.push(m.fill_rate);
        self.stockout_days_per_year.push(m.stockout_days_per_year);
        self.ready_rate.push(m.ready_rate);
        self.purchase_cost_per_year.push(m.purchase_cost_per_year);
        self.holding_cost_per_year.push(m.holding_cost_per_year);
        self.storage_cost_per_year.push(m.storage_cost_per_year);
        self.operating_cost_per_year.push(m.operating_cost_per_year());
        self.ordering_cost_per_year.push(m.ordering_cost_per_year);
        self.backorder_cost_per_year.push(m.backorder_cost_per_year);
        self.lost_sale_cost_per_year.push(m.lost_sale_cost_per_year);
        self.lost_units_per_year.push(m.lost_units_per_year);
        self.units_ordered_per_year.push(m.units_ordered_per_year);
        self.demanded_units_per_year.push(m.demanded_units_per_year);
        self.revenue_per_year.push(m.revenue_per_year);
        self.margin_per_year.push(m.margin_per_year);
        self.avg_cash_tied_up.push(m.avg_cash_tied_up);
        self.peak_cash_tied_up.push(m.peak_cash_tied_up);
        self.avg_cash_in_transit.push(m.avg_cash_in_transit);
        self.avg_owed_to_suppliers.push(m.avg_owed_to_suppliers);
        self.total_cost_per_year.push(m.total_cost_per_year());
        self.orders_per_year.push(m.orders_per_year);
        self.shipped_units_per_year.push(m.shipped_units_per_year);
        self.supplier_down_days_per_year.push(m.supplier_down_days_per_year);
        self.expired_units_per_year.push(m.expired_units_per_year);
        self.expiry_cost_per_year.push(m.expiry_cost_per_year);
        self.obsolete_units_per_year.push(m.obsolete_units_per_year);
        self.avg_order_up_to.push(m.avg_order_up_to);
        self.obsolescence_cost_per_year.push(m.obsolescence_cost_per_year);
        self.expedites_per_year.push(m.expedites_per_year);
        self.expedited_units_per_year.push(m.expedited_units_per_year);
        self.expedite_cost_per_year.push(m.expedite_cost_per_year);
        self.refused_units_per_year.push(m.refused_units_per_year);
        self.refused_deliveries_per_year.push(m.refused_deliveries_per_year);
        self.overflow_days_per_year.push(m.overflow_days_per_year);
        self.overflow_cost_per_year.push(m.overflow_cost_per_year);
        self.price_paid_per_unit.push(m.price_paid_per_unit);
        self.forward_bought_units_per_year.push(m.forward_bought_units_per_year);
        self.backup_orders_per_year.push(m.backup_orders_per_year);
        self.backup_units_per_year.push(m.backup_units_per_year);
        self.backup_cost_per_year.push(m.backup_cost_per_year);
        self.no_source_days_per_year.push(m.no_source_days_per_year);
        // An average below a millionth of a unit is what subtracting fractions leaves of an
        // empty shelf (9.4e-16 gave turns of 1.16e18): no stock held, no turns.
        let on_hand = if m.avg_on_hand < EMPTY_SHELF_UNITS { 0.0 } else { m.avg_on_hand };
        self.turns.push(m.shipped_units_per_year, on_hand);
        self.peak_on_hand.push(m.peak_on_hand);
        self.longest_stockout_days.push(m.longest_stockout_days);
        self.cycle_service_level.push(m.cycle_service_level);
        self.mean_wait_days.push(m.mean_wait_days);
    }

    /// A yearly figure's total over the measured days of the horizon.
    pub fn over_horizon(&self, per_year: &MeanSe) -> MeanSe {
        per_year.scaled(self.years_measured)
    }
}

/// The 5th, 50th and 95th percentiles of a metric across replications (linear interpolation
/// between order statistics, Hyndman and Fan's type 7).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantiles {
    pub p5: f64,
    pub p50: f64,
    pub p95: f64,
}

impl Quantiles {
    /// The quantiles of `values` (sorted in place); all zero when empty.
    pub fn of(values: &mut [f64]) -> Quantiles {
        values.sort_by(f64::total_cmp);
        let at = |p: f64| {
            let Some(last) = values.len().checked_sub(1) else { return 0.0 };
            let h = p * last as f64;
            let (lo, frac) = (h.floor() as usize, h - h.floor());
            let hi = (lo + 1).min(last);
            values[lo] + frac * (values[hi] - values[lo])
        };
        Quantiles { p5: at(0.05), p50: at(0.5), p95: at(0.95) }
    }
}

/// One item's policies, simulated on the same draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    pub item_name: String,
    /// What the item's unmet demand does: waits (backorder) or goes (lost sale).
    pub shortage: Shortage,
    /// The selling price per unit, when the scenario gives one (margin is then reported).
    pub selling_price: Option<f64>,
    /// The levers the item uses (expediting, storage space), whose figures are reported.
    pub levers: crate::core::levers::LeversUsed,
    /// The item's storage space in units, when limited (the inventory chart draws it).
    pub capacity_units: Option<f64>,
    /// In the order the item lists them.
    pub policies: Vec<PolicyResult>,
    pub settings: Settings,
    /// Days at the start left out of the statistics.
    pub warm_up_days: u32,
    /// Known outage and shock windows, for the page to shade.
    pub windows: Vec<KnownWindow>,
    /// For a supplier with random outages: the share of replications in which it is down,
    /// day by day (empty otherwise).
    pub supplier_down_share_by_day: Vec<f64>,
    /// With prices over time: the market price day by day, averaged over the replications
    /// (the one path when it has no random jumps); empty otherwise.
    #[serde(default)]
    pub price_by_day: Vec<f64>,
}

impl Comparison {
    /// The first policy of a kind, if the item compares one.
    pub fn policy(&self, kind: PolicyKind) -> Option<&PolicyResult> {
        self.policies.iter().find(|p| p.policy.kind == kind)
    }

    /// Days that count towards the statistics.
    pub fn measured_days(&self) -> u32 {
        self.settings.horizon_days() - self.warm_up_days
    }

    /// Policy `a`'s yearly total cost minus policy `b`'s, replication by replication (they
    /// face the same draws), as a mean with its standard error.
    pub fn paired_cost_difference(&self, a: usize, b: usize) -> MeanSe {
        let mut d = MeanSe::default();
        let (a, b) = (&self.policies[a].cost_by_replication, &self.policies[b].cost_by_replication);
        a.iter().zip(b).for_each(|(x, y)| d.push(x - y));
        d
    }

    /// The policies in increasing mean yearly total cost.
    pub fn by_cost(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.policies.len()).collect();
        crate::core::stats::sort_indices(&mut order, &|i| {
            self.policies[i].total_cost_per_year.mean()
        });
        order
    }
}
