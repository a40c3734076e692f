//! A warehouse's shared space: every item's stock on one floor, reported in the portfolio. It
//! never changes a simulation: items are simulated apart, and the warehouse adds up their
//! stock afterwards.
//!
//! # What is counted
//!
//! At the end of each day, each item's stock on hand × its space per unit: 1 when the
//! warehouse counts units, the item's `m3_per_unit` (from its storage space) when it counts
//! m³. An item that rents overflow space (`storage.when_full: rent`) keeps the stock above its
//! own capacity there, so it counts at most its capacity.
//!
//! Items of one supplier share its days down, so their stock rises and falls together. The
//! warehouse adds the items day by day *within each replication* (each replication is the
//! same days for every item), which keeps that correlation: the total's spread is the
//! portfolio's own, not a sum of the items' spreads.
//!
//! # The sample
//!
//! The first [`SAMPLE_REPLICATIONS`] replications of the portfolio's run (all of them when
//! there are fewer), every day of the horizon, for three allocations: JIT everywhere, JIC
//! everywhere, and each item at its optimum. Space is added in fixed point (1/1024 of a unit
//! or m³, [`SCALE`]), so the total is the same bits in whatever order the items' samples
//! arrive (threads in the CLI, workers on the page); memory is bounded by the horizon and the
//! sample, not by the number of items.
//!
//! # What is reported, per allocation
//!
//! - For each day, the P95 of the total across the sampled replications (nearest rank: the
//!   ⌈0.95 n⌉-th smallest of n).
//! - The busiest day: the measured day (after the largest warm-up among the items) whose P95
//!   is the highest, and that P95.
//! - The mean total over the measured days and sampled replications.
//! - The share of measured days (over all sampled replications) that end above the capacity,
//!   and how many measured days have their P95 above it.

use serde::{Deserialize, Serialize};

use crate::core::item::Item;
use crate::core::numbers::Num;
use crate::core::storage::{Capacity, WhenFull};

/// The largest warehouse capacity, in units or m³.
pub const MAX_CAPACITY: f64 = 1e12;
/// Replications sampled for the warehouse's totals.
pub const SAMPLE_REPLICATIONS: u32 = 100;
/// Fixed-point steps per unit (or m³) of space.
pub const SCALE: f64 = 1024.0;

/// What the warehouse's capacity counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpaceUnit {
    Units,
    CubicMetres,
}

impl SpaceUnit {
    /// The unit as written after a number.
    pub fn symbol(self) -> &'static str {
        match self {
            SpaceUnit::Units => "units",
            SpaceUnit::CubicMetres => "m³",
        }
    }
}

/// The warehouse every item shares.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warehouse {
    pub capacity: f64,
    pub unit: SpaceUnit,
}

impl Warehouse {
    /// Checks the capacity: more than 0, at most [`MAX_CAPACITY`].
    ///
    /// # Errors
    /// The message names the value and the accepted range.
    pub fn check(&self) -> Result<(), String> {
        let x = self.capacity;
        if x.is_finite() && x > 0.0 && x <= MAX_CAPACITY {
            Ok(())
        } else {
            Err(format!(
                "a warehouse capacity of {} {}; accepted: more than 0, up to {}",
                Num(x),
                self.unit.symbol(),
                Num(MAX_CAPACITY)
            ))
        }
    }

    /// The space one unit of the item takes, in the warehouse's unit.
    ///
    /// # Errors
    /// When the warehouse counts m³ and the item has no volume per unit.
    pub fn space_per_unit(&self, item: &Item) -> Result<f64, String> {
        match (self.unit, item.storage().map(|s| s.capacity)) {
            (SpaceUnit::Units, _) => Ok(1.0),
            (SpaceUnit::CubicMetres, Some(Capacity::Volume { m3_per_unit, .. })) => Ok(m3_per_unit),
            (SpaceUnit::CubicMetres, _) => Err(format!(
                "the warehouse counts m³, so every item needs its volume per unit: give {} \
                 storage space in m³ with m3_per_unit (its own capacity may be the \
                 warehouse's)",
                item.name()
            )),
        }
    }

    /// The space an item's evening stock takes in the warehouse: stock on hand × space per
    /// unit, at most its own capacity when it rents overflow space elsewhere.
    pub fn space(item: &Item, per_unit: f64, on_hand: f64) -> f64 {
        let kept = match item.storage() {
            Some(s) if matches!(s.when_full, WhenFull::Rent { .. }) => {
                on_hand.min(s.capacity.units())
            }
            _ => on_hand,
        };
        kept.max(0.0) * per_unit
    }
}

/// Which allocation of buffers a total is for.
pub const ALLOCATIONS: [&str; 3] = ["jit", "jic", "optimum"];

/// Space by (allocation, replication, day), in fixed point: one item's, or the sum of several.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Tally {
    pub replications: u32,
    pub days: u32,
    /// `ALLOCATIONS.len() × replications × days` values, allocation-major, then replication.
    pub space: Vec<i64>,
    /// The largest warm-up of the items added.
    pub warm_up_days: u32,
    /// Items added.
    pub items: u32,
}

impl Tally {
    /// An empty tally for `replications` × `days`.
    pub fn new(replications: u32, days: u32) -> Tally {
        let n = ALLOCATIONS.len() * replications as usize * days as usize;
        Tally { replications, days, space: vec![0; n], warm_up_days: 0, items: 0 }
    }

    /// An empty tally for a run of `replications` over `days`: its first
    /// [`SAMPLE_REPLICATIONS`] (all when fewer). Every sample of the run and their sum has
    /// this shape.
    pub fn for_run(replications: u32, days: u32) -> Tally {
        Tally::new(SAMPLE_REPLICATIONS.min(replications), days)
    }

    /// Where allocation `a`'s replication `r` starts.
    pub fn row(&self, a: usize, r: u32) -> usize {
        (a * self.replications as usize + r as usize) * self.days as usize
    }

    /// Fixed-point space (saturating: far above any capacity).
    pub fn fixed(space: f64) -> i64 {
        // `as` saturates, and a NaN becomes 0.
        (space * SCALE).round() as i64
    }

    /// Adds another tally of the same shape (an item's sample, or a shard's sum). Integer
    /// sums: the order of adding does not change a bit.
    ///
    /// # Errors
    /// When the shapes differ (a page's bug, reported rather than hidden).
    pub fn add(&mut self, other: &Tally) -> Result<(), String> {
        if (self.replications, self.days) != (other.replications, other.days) {
            return Err(format!(
                "a warehouse sample of {} × {} days added to one of {} × {}",
                other.replications, other.days, self.replications, self.days
            ));
        }
        for (s, o) in self.space.iter_mut().zip(&other.space) {
            *s = s.saturating_add(*o);
        }
        self.warm_up_days = self.warm_up_days.max(other.warm_up_days);
        self.items += other.items;
        Ok(())
    }

    /// The totals against the warehouse's capacity.
    pub fn totals(&self, warehouse: Warehouse) -> WarehouseUse {
        let by_allocation = (0..ALLOCATIONS.len()).map(|a| self.total(a, warehouse)).collect();
        WarehouseUse {
            warehouse,
            replications: self.replications,
            items: self.items,
            first_measured_day: self.warm_up_days.min(self.days.saturating_sub(1)),
            by_allocation,
        }
    }

    fn total(&self, a: usize, warehouse: Warehouse) -> SpaceTotal {
        let n = self.replications as usize;
        let first = self.warm_up_days.min(self.days.saturating_sub(1)) as usize;
        let capacity = Tally::fixed(warehouse.capacity);
        let rank = (0.95 * n as f64).ceil().max(1.0) as usize - 1;
        let mut column = vec![0i64; n];
        let mut p95_by_day = Vec::with_capacity(self.days as usize);
        let (mut sum, mut over, mut measured) = (0.0, 0u64, 0u64);
        let (mut busiest_day, mut busiest, mut p95_days_over) = (first as u32, i64::MIN, 0u32);
        for day in 0..self.days as usize {
            for (r, c) in column.iter_mut().enumerate() {
                *c = self.space[self.row(a, r as u32) + day];
            }
            let p95 = if n == 0 { 0 } else { *column.select_nth_unstable(rank).1 };
            p95_by_day.push(p95 as f64 / SCALE);
            if day < first {
                continue;
            }
            for &c in &column {
                sum += c as f64 / SCALE;
                over += u64::from(c > capacity);
            }
            measured += n as u64;
            p95_days_over += u32::from(p95 > capacity);
            if p95 > busiest {
                (busiest, busiest_day) = (p95, day as u32);
            }
        }
        let share = |x: u64| if measured == 0 { 0.0 } else { x as f64 / measured as f64 };
        SpaceTotal {
            p95_by_day,
            busiest_day,
            busiest_p95: busiest.max(0) as f64 / SCALE,
            mean: if measured == 0 { 0.0 } else { sum / measured as f64 },
            share_of_days_over: share(over),
            p95_days_over,
        }
    }
}

/// One allocation's space against the capacity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SpaceTotal {
    /// Each day's P95 of the total across the sampled replications.
    pub p95_by_day: Vec<f64>,
    /// The measured day with the highest P95, and that P95.
    pub busiest_day: u32,
    pub busiest_p95: f64,
    /// The mean total over the measured days.
    pub mean: f64,
    /// The share of measured days (all sampled replications) ending above the capacity.
    pub share_of_days_over: f64,
    /// Measured days whose P95 is above the capacity.
    pub p95_days_over: u32,
}

/// The warehouse's space used by every optimised item, for JIT everywhere, JIC everywhere and
/// every item at its optimum (in [`ALLOCATIONS`] order).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WarehouseUse {
    pub warehouse: Warehouse,
    /// Replications sampled.
    pub replications: u32,
    /// Items counted.
    pub items: u32,
    /// The first day counted in the busiest day, the mean and the shares.
    pub first_measured_day: u32,
    pub by_allocation: Vec<SpaceTotal>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(values: &[&[i64]]) -> Tally {
        // One replication row per slice, the same rows for every allocation.
        let (n, days) = (values.len() as u32, values[0].len() as u32);
        let mut t = Tally::new(n, days);
        for a in 0..ALLOCATIONS.len() {
            for (r, row) in values.iter().enumerate() {
                let at = t.row(a, r as u32);
                for (d, v) in row.iter().enumerate() {
                    t.space[at + d] = Tally::fixed(*v as f64);
                }
            }
        }
        t
    }

    #[test]
    fn p95_is_the_nearest_rank_across_replications() {
        // 20 replications: the P95 is the 19th smallest of each day.
        let rows: Vec<Vec<i64>> = (1..=20).map(|r| vec![r, 100 - r]).collect();
        let rows: Vec<&[i64]> = rows.iter().map(|r| r.as_slice()).collect();
        let w = Warehouse { capacity: 90.0, unit: SpaceUnit::Units };
        let total = &tally(&rows).totals(w).by_allocation[0];
        assert_eq!(total.p95_by_day, vec![19.0, 98.0]);
        assert_eq!((total.busiest_day, total.busiest_p95), (1, 98.0));
        assert_eq!(total.mean, 50.0);
        // Day 1 ends above 90 in 9 replications (99 … 91); day 0 never.
        assert_eq!(total.share_of_days_over, 9.0 / 40.0);
        assert_eq!(total.p95_days_over, 1);
    }

    #[test]
    fn adding_is_exact_in_any_order() {
        let a = tally(&[&[1, 2, 3]]);
        let mut b = tally(&[&[10, 20, 30]]);
        b.warm_up_days = 1;
        let (mut ab, mut ba) = (Tally::new(1, 3), Tally::new(1, 3));
        ab.add(&a).unwrap();
        ab.add(&b).unwrap();
        ba.add(&b).unwrap();
        ba.add(&a).unwrap();
        assert_eq!(ab, ba);
        let w = Warehouse { capacity: 25.0, unit: SpaceUnit::Units };
        let t = &ab.totals(w).by_allocation[2];
        assert_eq!(t.p95_by_day, vec![11.0, 22.0, 33.0]);
        // Day 0 is a warm-up day.
        assert_eq!((t.mean, t.share_of_days_over, t.p95_days_over), (27.5, 0.5, 1));
        assert!(ab.add(&Tally::new(2, 3)).is_err());
    }

    #[test]
    fn capacity_is_checked() {
        for bad in [0.0, -1.0, f64::NAN, 2e12] {
            let e = Warehouse { capacity: bad, unit: SpaceUnit::CubicMetres }.check().unwrap_err();
            assert!(e.contains("m³") && e.contains("accepted"), "{e}");
        }
    }
}
