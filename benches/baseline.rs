//! The yardstick for the engine: the engine workload (`workload.rs`) written out by hand as
//! one single-purpose loop, with nothing general left in it. One item, daily review,
//! base-stock at the level the engine's JIC policy uses, demand N(20, 6) censored at 0, lead
//! time uniform on 5..=9 days (orders may cross), backorders, 365 days.
//!
//! It draws from the engine's own streams (`core::rng`, the same samplers in the same order)
//! and keeps the engine's day (deliveries, backorders served first, the day's demand,
//! end-of-day figures, the review), so it reports the same numbers: `simulate.rs` checks fill
//! rate, stock on hand, stockout days, total cost and every other figure it keeps against the
//! engine's before it times either. It keeps no per-day trajectory and no quantiles (the engine does, for the page's
//! charts): that is part of what the engine's time is measured against.

use jitjic::core::rng::{stream, StreamKind};
use rand::Rng;
use rand_distr::{Distribution, StandardNormal};

/// The workload's numbers, as the engine resolved them.
pub struct Case {
    pub seed: u64,
    pub replications: u32,
    pub horizon: usize,
    pub warm_up: usize,
    pub level: f64,
    pub mean: f64,
    pub sd: f64,
    pub lead_min: u32,
    pub lead_max: u32,
    pub unit_cost: f64,
    pub holding_per_unit_day: f64,
    pub storage_per_unit_day: f64,
    pub order_cost: f64,
    pub backorder_per_unit_day: f64,
    pub days_per_year: f64,
}

/// Means over the replications of what the engine reports for the workload.
#[derive(Debug, Default, Clone, Copy)]
pub struct Means {
    pub fill_rate: f64,
    pub avg_on_hand: f64,
    pub stockout_days_per_year: f64,
    pub total_cost_per_year: f64,
    pub cycle_service_level: f64,
    pub mean_wait_days: f64,
    pub peak_on_hand: f64,
    pub longest_stockout_days: f64,
    pub orders_per_year: f64,
    pub units_ordered_per_year: f64,
    pub shipped_units_per_year: f64,
}

/// Runs every replication of the case.
pub fn run(case: &Case) -> Means {
    const RING: usize = 16; // longer than the longest lead time + 1, a power of two
    let mut sums = Means::default();
    let days = (case.horizon - case.warm_up) as f64;
    let per_year = case.days_per_year / days;
    for replication in 0..case.replications {
        let mut demand_rng = stream(case.seed, 0, replication, StreamKind::Demand);
        let mut lead_rng = stream(case.seed, 0, replication, StreamKind::LeadTime);
        let mut pipeline = [0.0_f64; RING];
        let (mut on_hand, mut on_order, mut backorders) = (case.level, 0.0_f64, 0.0_f64);
        let (mut demanded, mut served_on_day, mut on_hand_sum, mut backorder_days) =
            (0.0, 0.0, 0.0, 0.0);
        let (mut ordered, mut stockouts, mut orders) = (0.0, 0u32, 0u32);
        let (mut peak, mut run, mut longest) = (0.0_f64, 0u32, 0u32);
        let mut backorders_at_start = 0.0;
        let (mut cycle_open, mut cycle_short, mut cycles, mut clean) = (false, false, 0u32, 0u32);
        let mut position_at_start = 0.0;
        for day in 0..case.horizon {
            let z: f64 = StandardNormal.sample(&mut demand_rng);
            let x = case.mean + case.sd * z;
            let d = if x > 0.0 { x } else { 0.0 };
            let lead = lead_rng.random_range(case.lead_min..=case.lead_max) as usize;
            if day == case.warm_up {
                position_at_start = on_hand + on_order - backorders;
                backorders_at_start = backorders;
            }
            // 1. Deliveries, then the backorders.
            let due = std::mem::take(&mut pipeline[day & (RING - 1)]);
            on_hand += due;
            on_order -= due;
            let late = if backorders < on_hand { backorders } else { on_hand };
            on_hand -= late;
            backorders -= late;
            // 2. The day's demand.
            let served = if d < on_hand { d } else { on_hand };
            on_hand -= served;
            let short = d - served;
            backorders += short;
            // 3. End-of-day figures, on the measured days.
            let measured = day >= case.warm_up;
            let stockout = short > 1e-9;
            if measured {
                demanded += d;
                served_on_day += served;
                on_hand_sum += on_hand;
                backorder_days += backorders;
                stockouts += u32::from(stockout);
                cycle_short |= stockout;
                peak = if on_hand > peak { on_hand } else { peak };
                run = if stockout { run + 1 } else { 0 };
                longest = longest.max(run);
            }
            // 4. The daily review: order up to the level.
            let quantity = case.level - (on_hand + on_order - backorders);
            if quantity > 1e-9 {
                pipeline[(day + 1 + lead) & (RING - 1)] += quantity;
                on_order += quantity;
                if measured {
                    ordered += quantity;
                    orders += 1;
                    if cycle_open {
                        cycles += 1;
                        clean += u32::from(!cycle_short);
                    }
                    cycle_open = true;
                    cycle_short = false;
                }
            }
        }
        let position_at_end = on_hand + on_order - backorders;
        let purchases = (ordered + position_at_start - position_at_end) * case.unit_cost;
        let total = purchases
            + on_hand_sum * (case.holding_per_unit_day + case.storage_per_unit_day)
            + f64::from(orders) * case.order_cost
            + backorder_days * case.backorder_per_unit_day;
        sums.fill_rate += if demanded > 0.0 { served_on_day / demanded } else { 1.0 };
        sums.avg_on_hand += on_hand_sum / days;
        sums.stockout_days_per_year += f64::from(stockouts) * per_year;
        sums.total_cost_per_year += total * per_year;
        sums.cycle_service_level += if cycles > 0 {
            f64::from(clean) / f64::from(cycles)
        } else if stockouts > 0 {
            0.0
        } else {
            1.0
        };
        sums.mean_wait_days += if demanded > 0.0 { backorder_days / demanded } else { 0.0 };
        sums.peak_on_hand += peak;
        sums.longest_stockout_days += f64::from(longest);
        sums.orders_per_year += f64::from(orders) * per_year;
        sums.units_ordered_per_year += ordered * per_year;
        sums.shipped_units_per_year += (demanded + backorders_at_start - backorders) * per_year;
    }
    let n = f64::from(case.replications);
    Means {
        fill_rate: sums.fill_rate / n,
        avg_on_hand: sums.avg_on_hand / n,
        stockout_days_per_year: sums.stockout_days_per_year / n,
        total_cost_per_year: sums.total_cost_per_year / n,
        cycle_service_level: sums.cycle_service_level / n,
        mean_wait_days: sums.mean_wait_days / n,
        peak_on_hand: sums.peak_on_hand / n,
        longest_stockout_days: sums.longest_stockout_days / n,
        orders_per_year: sums.orders_per_year / n,
        units_ordered_per_year: sums.units_ordered_per_year / n,
        shipped_units_per_year: sums.shipped_units_per_year / n,
    }
}
