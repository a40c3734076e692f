//! One replication's random days, drawn once from the item's streams and shared by every
//! policy (common random numbers).

use crate::core::rng::{stream, StreamKind};
use crate::core::scenario::{Item, Settings};
use crate::core::supply::fill_next_up;

/// One replication's random days, shared by every policy (common random numbers).
#[derive(Clone, Debug, Default)]
pub struct Draws {
    /// Demand per day.
    pub demand: Vec<f64>,
    /// The lead time an order placed on each day would get; empty when it is fixed.
    pub lead_time: Vec<u32>,
    /// Whether the item's supplier is down each day; empty when it cannot fail.
    pub supplier_down: Vec<bool>,
    /// For each day (and the day after the horizon), the first day on or after it that the
    /// supplier is up: an order placed at the end of day t starts its lead time then.
    pub next_up: Vec<u32>,
    /// The longest an order can wait for the supplier before its lead time starts, in days.
    pub longest_wait: u32,
    /// The yield an order placed on each day would get; empty unless the yield is random.
    pub yields: Vec<f64>,
    /// The day the item stops selling, if it does within the horizon (obsolescence); the
    /// demand from then on is 0.
    pub death_day: Option<usize>,
    /// The market price each day, when the item's prices move or it has an agreement
    /// (`core::prices`); empty otherwise.
    pub price: Vec<f64>,
    /// With a backup source (`core::sourcing`): the lead time an order to it placed on each
    /// day would get (empty when fixed), whether its supplier is down each day and the first
    /// day on or after each it is up (empty when it cannot fail), and the longest wait.
    pub backup_lead_time: Vec<u32>,
    pub backup_down: Vec<bool>,
    pub backup_next_up: Vec<u32>,
    pub backup_longest_wait: u32,
}

impl Draws {
    /// Draws one replication's days of one item from its streams.
    pub fn fill(&mut self, item: &Item, settings: &Settings, replication: u32) {
        self.price.clear();
        if item.prices().is_some() {
            fill_price(item, settings, replication, &mut self.price);
        }
        draw_demand(item, settings, replication, &mut self.demand);
        let lead_time = item.lead_time();
        self.lead_time.clear();
        if lead_time.fixed().is_none() {
            let mut rng = stream(settings.seed(), item.index(), replication, StreamKind::LeadTime);
            lead_time.fill(&mut rng, settings.horizon_days() as usize, &mut self.lead_time);
        }
        self.death_day = item.obsolescence().and_then(|o| {
            let mut rng =
                stream(settings.seed(), item.index(), replication, StreamKind::Obsolescence);
            death_day(o.probability_per_year, settings.days_per_year(), &mut rng)
                .filter(|&day| day < settings.horizon_days() as usize)
        });
        if let Some(day) = self.death_day {
            self.demand[day..].iter_mut().for_each(|d| *d = 0.0);
        }
        self.yields.clear();
        if let Some(y) = item.supply_yield().filter(|y| !y.is_fixed()) {
            let mut rng = stream(settings.seed(), item.index(), replication, StreamKind::Yield);
            y.fill(&mut rng, settings.horizon_days() as usize, &mut self.yields);
        }
        self.supplier_down.clear();
        self.next_up.clear();
        self.longest_wait = 0;
        if let Some(supplier) = item.supplier() {
            let horizon = settings.horizon_days() as usize;
            supplier.fill_down(settings.seed(), replication, horizon, &mut self.supplier_down);
            self.longest_wait = fill_next_up(&self.supplier_down, &mut self.next_up);
        }
        if item.backup().is_some()
            || !self.backup_down.is_empty()
            || !self.backup_lead_time.is_empty()
        {
            self.fill_backup(item, settings, replication);
        }
    }

    /// The backup source's days (`core::sourcing`): its own lead-time stream, and its
    /// supplier's outages (the same days every item of that supplier sees). Out of line, so
    /// that single-sourced items carry none of it.
    #[inline(never)]
    fn fill_backup(&mut self, item: &Item, settings: &Settings, replication: u32) {
        self.backup_lead_time.clear();
        self.backup_down.clear();
        self.backup_next_up.clear();
        self.backup_longest_wait = 0;
        let Some(backup) = item.backup() else { return };
        let horizon = settings.horizon_days() as usize;
        if backup.lead_time().fixed().is_none() {
            let mut rng =
                stream(settings.seed(), item.index(), replication, StreamKind::BackupLead);
            // Through `dyn`: a second caller of the item's own instance of `fill` kept it (and
            // its uniform draw) out of line in `fill`, a third more instructions for every
            // item's draws (callgrind). The draws are the same either way.
            let rng: &mut dyn rand::RngCore = &mut rng;
            backup.lead_time().fill(rng, horizon, &mut self.backup_lead_time);
        }
        if let Some(supplier) = backup.supplier() {
            supplier.fill_down(settings.seed(), replication, horizon, &mut self.backup_down);
            self.backup_longest_wait = fill_next_up(&self.backup_down, &mut self.backup_next_up);
        }
    }

    /// Days on which neither source can ship: the primary's supplier and the backup's are
    /// both down (0 without a backup, or when either never fails).
    pub fn no_source_days(&self, days: std::ops::Range<usize>) -> usize {
        if self.backup_down.is_empty() {
            return 0;
        }
        let both = self.supplier_down.iter().zip(&self.backup_down).map(|(&a, &b)| a && b);
        both.skip(days.start).take(days.len()).filter(|&d| d).count()
    }
}

/// The replication's market price by day (`core::prices`). Kept out of line and drawn first:
/// inlined, or after the demand draws, it made those draws 4–8 % more instructions for every
/// item, priced or not (callgrind on the engine benchmark's item).
#[inline(never)]
fn fill_price(item: &Item, settings: &Settings, replication: u32, path: &mut Vec<f64>) {
    if let Some(prices) = item.prices() {
        let mut rng = stream(settings.seed(), item.index(), replication, StreamKind::Price);
        let horizon = settings.horizon_days() as usize;
        prices.fill(item.unit_cost(), settings.days_per_year(), horizon, &mut rng, path);
    }
}

/// Fills `demand` with one replication's daily demand, drawn from the item's demand stream
/// for that replication, so every policy sees the same days.
pub fn draw_demand(item: &Item, settings: &Settings, replication: u32, demand: &mut Vec<f64>) {
    let d = item.demand();
    let horizon = settings.horizon_days() as usize;
    demand.clear();
    if let Some(every_day) = d.fixed() {
        demand.resize(horizon, every_day);
    }
    if d.fixed().is_none() {
        let mut rng = stream(settings.seed(), item.index(), replication, StreamKind::Demand);
        d.fill(&mut rng, horizon, demand);
    }
    let shape = item.demand_shape();
    if shape.is_flat() {
        return;
    }
    // The shape multiplies each day's draw; rounding, if any, comes after it.
    if let Some(known) = item.known_multiplier() {
        demand.iter_mut().zip(known).for_each(|(x, m)| *x *= m);
    }
    let mut shocks = Vec::new();
    shape.fill_random_shocks(
        settings.seed(),
        item.index(),
        replication,
        horizon,
        settings.days_per_year(),
        &mut shocks,
    );
    demand.iter_mut().zip(&shocks).for_each(|(x, m)| *x *= m);
    if d.rounds_to_units() {
        demand.iter_mut().for_each(|x| *x = libm::round(*x));
    }
}

/// The first day an item with a yearly chance `p` of dying is dead: each day it dies with the
/// daily hazard h = 1 − (1 − p)^(1/days per year), so the day is geometric, drawn by
/// inversion. `None` when it never dies (p = 0).
fn death_day<R: rand::Rng + ?Sized>(p: f64, days_per_year: f64, rng: &mut R) -> Option<usize> {
    if p <= 0.0 {
        return None;
    }
    let hazard = 1.0 - libm::pow(1.0 - p, 1.0 / days_per_year);
    if hazard >= 1.0 {
        return Some(0);
    }
    let u: f64 = 1.0 - rng.random::<f64>();
    let day = libm::floor(libm::log(u) / libm::log(1.0 - hazard));
    (day < usize::MAX as f64).then_some(day as usize)
}
