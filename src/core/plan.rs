//! Time-phased levels: how a demand-sized policy's order-up-to level moves over the horizon,
//! in periods an ERP can hold, and the plan a planner types in.
//!
//! Under a known demand shape (weekly pattern, seasonality, trend, scheduled shocks) JIT and
//! JIC plan on the forecast: the mean known multiplier over the protection period after each
//! day ([`DemandShape::forecast`](crate::core::demand_shape::DemandShape::forecast)). No ERP
//! holds a level per day, so the levels are set per **period**:
//!
//! - a period is a twelfth of a year from day 0 (days ⌈k·Y/12⌉ to ⌈(k+1)·Y/12⌉ − 1 for
//!   k = 0, 1, … over the whole horizon, Y the days per year), split where a scheduled shock
//!   moves the forecast: each of the P days before it starts and before it ends (P the
//!   protection period, over which the forecast ramps up or down) is a period of its own, and
//!   so is the shock's time in between, so a promotion is planned for day by day;
//! - with a weekly pattern, a level per day of the 7-day cycle (day mod 7) within each period;
//! - each level is the policy's level on mean demand × the mean forecast over the days it
//!   covers, rounded to whole units (half away from zero) when demand comes in whole units.
//!
//! The simulation uses exactly these levels, so the plan exported for a policy, simulated
//! back (a `plan` policy in a scenario file), gives the very same numbers. Without a demand
//! shape there is one period and one level.

use serde::{Deserialize, Serialize};

/// The periods of an item's horizon and the forecast multiplier of each of their slots.
#[derive(Clone, Debug, PartialEq)]
pub struct Phasing {
    /// The first day of each period, increasing from 0.
    period_starts: Vec<u32>,
    /// Levels differ by day of the 7-day cycle within a period.
    weekly: bool,
    /// Each slot's multiplier: slot = period × 7 + day mod 7 when weekly, else the period.
    multipliers: Vec<f64>,
    /// For each day of the horizon, its slot.
    slot_of_day: Vec<u32>,
    /// For each day of the horizon, its slot's multiplier: what the day loop reads (one
    /// load a review rather than two).
    by_day: Vec<f64>,
}

impl Phasing {
    /// The phasing of a horizon whose daily forecast is `forecast` (one multiplier per day),
    /// with `weekly` levels or not, the scheduled shocks' windows `shocks` (start day, end
    /// day), the protection period the forecast covers and the days per year.
    pub fn new(
        forecast: &[f64],
        weekly: bool,
        shocks: &[(u32, u32)],
        protection_days: u32,
        days_per_year: f64,
    ) -> Phasing {
        let horizon = forecast.len() as u32;
        let month = |day: u32| libm::floor(f64::from(day) * 12.0 / days_per_year) as u64;
        let mut starts: Vec<u32> =
            (0..horizon).filter(|&d| d == 0 || month(d) != month(d - 1)).collect();
        for &(start, end) in shocks {
            let p = protection_days;
            starts.extend(start.saturating_sub(p)..=start);
            starts.extend(end.saturating_sub(p).max(start)..=end);
        }
        starts.retain(|&d| d < horizon);
        starts.sort_unstable();
        starts.dedup();
        let width = if weekly { 7 } else { 1 };
        let mut sums = vec![(0.0, 0u32); starts.len() * width];
        let mut slot_of_day = Vec::with_capacity(forecast.len());
        let mut period = 0;
        for (day, f) in forecast.iter().enumerate() {
            let day = day as u32;
            while period + 1 < starts.len() && starts[period + 1] <= day {
                period += 1;
            }
            let slot = period * width + if weekly { (day % 7) as usize } else { 0 };
            sums[slot].0 += f;
            sums[slot].1 += 1;
            slot_of_day.push(slot as u32);
        }
        // A weekday a short period does not have takes the period's mean (never used by the
        // simulation; the plan still lists it).
        let by_period: Vec<Vec<f64>> = sums
            .chunks(width)
            .map(|period| {
                let (sum, n) = period.iter().fold((0.0, 0), |(s, n), &(x, k)| (s + x, n + k));
                let mean = if n > 0 { sum / f64::from(n) } else { 1.0 };
                period.iter().map(|&(s, n)| if n > 0 { s / f64::from(n) } else { mean }).collect()
            })
            .collect();
        // A period whose multipliers are the last one's (a weekly pattern alone moves nothing
        // from month to month; the running forecast differs only in its last bits) is the
        // same period: merged, so the simulation and the plan hold one set of levels for it.
        let same = |a: &[f64], b: &[f64]| {
            a.iter().zip(b).all(|(x, y)| (x - y).abs() <= 1e-12 * x.abs().max(y.abs()))
        };
        let mut kept: Vec<usize> = Vec::with_capacity(by_period.len());
        let mut merged_into = Vec::with_capacity(by_period.len());
        for k in 0..by_period.len() {
            match kept.last() {
                Some(&last) if same(&by_period[last], &by_period[k]) => {}
                _ => kept.push(k),
            }
            merged_into.push(kept.len() - 1);
        }
        let period_starts = kept.iter().map(|&k| starts[k]).collect();
        let multipliers: Vec<f64> =
            kept.iter().flat_map(|&k| by_period[k].iter().copied()).collect();
        let slot_of_day: Vec<u32> = slot_of_day
            .into_iter()
            .map(|slot| {
                let (period, within) = (slot as usize / width, slot as usize % width);
                (merged_into[period] * width + within) as u32
            })
            .collect();
        let by_day = slot_of_day.iter().map(|&s: &u32| multipliers[s as usize]).collect();
        Phasing { period_starts, weekly, multipliers, slot_of_day, by_day }
    }

    /// The forecast multiplier in force on `day` (its slot's).
    #[inline(always)]
    pub fn multiplier(&self, day: usize) -> f64 {
        self.by_day[day]
    }

    /// Each day's multiplier (its slot's): what the day loop reads.
    pub fn by_day(&self) -> &[f64] {
        &self.by_day
    }

    /// The first day of each period.
    pub fn period_starts(&self) -> &[u32] {
        &self.period_starts
    }

    /// Whether levels differ by day of the 7-day cycle.
    pub fn weekly(&self) -> bool {
        self.weekly
    }

    /// The multipliers of a period's slots (7 when weekly, else 1).
    pub fn period_multipliers(&self, period: usize) -> &[f64] {
        let width = if self.weekly { 7 } else { 1 };
        &self.multipliers[period * width..(period + 1) * width]
    }

    /// The largest multiplier of any slot a day uses.
    pub fn max_multiplier(&self) -> f64 {
        self.slot_of_day.iter().map(|&s| self.multipliers[s as usize]).fold(0.0, f64::max)
    }
}

/// A time-phased order-up-to plan with explicit levels, as a scenario file's `plan` policy
/// gives it: each period from its start day to the next one's, a level for the whole period
/// or one per day of the 7-day cycle (day mod 7).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanTable {
    pub periods: Vec<PlanPeriod>,
}

/// One period of a plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanPeriod {
    pub start_day: u32,
    /// One level, or seven (by day mod 7).
    pub order_up_to: Vec<f64>,
}

impl PlanTable {
    /// Checks the table against a horizon.
    ///
    /// # Errors
    /// When there is no period, the first does not start on day 0, start days do not increase
    /// or reach the horizon, a period has other than 1 or 7 levels, or a level is negative or
    /// not finite.
    pub fn check(&self, horizon_days: u32) -> Result<(), String> {
        let Some(first) = self.periods.first() else {
            return Err("a plan needs at least one period".into());
        };
        if first.start_day != 0 {
            return Err(format!(
                "the first period starts on day {}; it must start on day 0",
                first.start_day
            ));
        }
        for pair in self.periods.windows(2) {
            if pair[1].start_day <= pair[0].start_day {
                return Err(format!(
                    "the period starting on day {} follows one starting on day {}: start days must increase",
                    pair[1].start_day, pair[0].start_day
                ));
            }
        }
        for p in &self.periods {
            if p.start_day >= horizon_days {
                return Err(format!(
                    "a period starts on day {}, past the {horizon_days}-day horizon",
                    p.start_day
                ));
            }
            if !matches!(p.order_up_to.len(), 1 | 7) {
                return Err(format!(
                    "the period starting on day {} has {} levels; accepted: 1, or 7 (one per day of the week from day 0)",
                    p.start_day,
                    p.order_up_to.len()
                ));
            }
            if let Some(bad) = p.order_up_to.iter().find(|x| !(x.is_finite() && **x >= 0.0)) {
                return Err(format!("a level of {bad} units must be a number ≥ 0"));
            }
        }
        Ok(())
    }

    /// The level in force on each day of a horizon (a checked table).
    pub fn by_day(&self, horizon_days: u32) -> Vec<f64> {
        let mut out = Vec::with_capacity(horizon_days as usize);
        let mut period = 0;
        for day in 0..horizon_days {
            while period + 1 < self.periods.len() && self.periods[period + 1].start_day <= day {
                period += 1;
            }
            let levels = &self.periods[period].order_up_to;
            out.push(if levels.len() == 7 { levels[(day % 7) as usize] } else { levels[0] });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_are_twelfths_of_a_year_split_around_shocks() {
        // 400 days, flat forecast but for a 10-day shock from day 100, protection period 5.
        let forecast: Vec<f64> =
            (0..400).map(|d| if (95..110).contains(&d) { 2.0 } else { 1.0 }).collect();
        let p = Phasing::new(&forecast, false, &[(100, 110)], 5, 365.0);
        // Twelfths of 365 days start on days 0, 31, 61, 92, 122, …, 335, 365; the shock adds
        // each day of its ramps, 95 to 100 and 105 to 110. Periods with the same forecast
        // as the one before are one: the flat months, and this shock's days at 2.
        assert_eq!(p.period_starts(), &[0, 95, 110]);
        assert_eq!(p.multiplier(97), 2.0);
        assert_eq!(p.multiplier(93), 1.0);
        assert_eq!(p.multiplier(0), 1.0);
        // A season moves every month.
        let season: Vec<f64> = (0..400).map(|d| 1.0 + 0.3 * (f64::from(d) / 58.0).sin()).collect();
        let p = Phasing::new(&season, false, &[], 5, 365.0);
        assert_eq!(&p.period_starts()[..4], &[0, 31, 61, 92]);
        assert_eq!(p.period_starts().len(), 14);
    }

    #[test]
    fn weekly_levels_average_each_weekday_over_its_period() {
        // A weekly rhythm that grows by a tenth in the second month.
        let forecast: Vec<f64> = (0..60)
            .map(|d| (1.0 + f64::from(d % 7) / 10.0) * if d < 31 { 1.0 } else { 1.1 })
            .collect();
        let p = Phasing::new(&forecast, true, &[], 1, 365.0);
        assert_eq!(p.period_starts(), &[0, 31]);
        assert_eq!(p.multiplier(3), 1.3);
        assert_eq!(p.multiplier(45), forecast[45]);
        assert_eq!(p.period_multipliers(1).len(), 7);
        // The same rhythm every month is one period.
        let flat: Vec<f64> = (0..60).map(|d| 1.0 + f64::from(d % 7) / 10.0).collect();
        assert_eq!(Phasing::new(&flat, true, &[], 1, 365.0).period_starts(), &[0]);
    }

    #[test]
    fn a_plan_table_is_checked_and_read_by_day() {
        let table = PlanTable {
            periods: vec![
                PlanPeriod { start_day: 0, order_up_to: vec![10.0] },
                PlanPeriod { start_day: 3, order_up_to: (1..=7).map(f64::from).collect() },
            ],
        };
        assert!(table.check(10).is_ok());
        assert_eq!(table.by_day(10), [10.0, 10.0, 10.0, 4.0, 5.0, 6.0, 7.0, 1.0, 2.0, 3.0]);
        assert!(table.check(3).is_err());
        let late = PlanTable { periods: vec![PlanPeriod { start_day: 1, order_up_to: vec![1.0] }] };
        assert!(late.check(10).unwrap_err().contains("day 0"));
        let six =
            PlanTable { periods: vec![PlanPeriod { start_day: 0, order_up_to: vec![1.0; 6] }] };
        assert!(six.check(10).unwrap_err().contains("6 levels"));
    }
}

/// Which rule an ERP plan runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErpRule {
    /// Order up to S at every review that finds the position below it.
    OrderUpTo,
    /// (s, S): order up to S when the position is at or below s.
    MinMax,
    /// (r, Q): order Q (or a multiple of it, to lift the position above r) when the position
    /// is at or below r.
    ReorderQuantity,
}

/// The plan an ERP needs to run an item's policy as the simulation runs it, period by period
/// ([`erp_plan`]).
#[derive(Clone, Debug, PartialEq)]
pub struct ErpPlan {
    /// The rule: order-up-to, (s, S) or (r, Q).
    pub rule: ErpRule,
    /// R: how often the inventory position is reviewed.
    pub review_period_days: u32,
    /// The supplier's lot-size limits every order keeps to (0, 0, infinite for none).
    pub minimum_order_units: f64,
    pub order_multiple_units: f64,
    pub maximum_order_units: f64,
    /// Levels are whole units (demand is).
    pub whole_units: bool,
    pub periods: Vec<ErpPeriod>,
    /// The expediting the plan keeps (`core::expedite`), when the optimiser found it pays
    /// (`core::optimise::levers`); `None` when the item has none or it does not pay.
    pub expedite: Option<crate::core::expedite::Expedite>,
    /// The purchases ahead of announced price rises the plan makes on top of its rule
    /// (`core::prices`), when the optimiser found they pay; empty otherwise.
    pub buy_ahead: Vec<crate::core::prices::BuyAhead>,
    /// The backup supplier's rule the plan keeps (`core::sourcing`; a dual index at the level
    /// the optimiser chose), when the optimiser found it pays; `None` otherwise.
    pub backup: Option<crate::core::sourcing::SourcingRule>,
}

/// One period of an ERP plan: from `start_day` to the day before `end_day`.
#[derive(Clone, Debug, PartialEq)]
pub struct ErpPeriod {
    pub start_day: u32,
    pub end_day: u32,
    /// One set of levels, or seven (by day of the 7-day cycle from day 0, day mod 7).
    pub levels: Vec<ErpLevels>,
}

/// A period's (or a day of the cycle's) levels, in units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ErpLevels {
    /// S: order up to this inventory position (r + Q for (r, Q)).
    pub order_up_to_units: f64,
    /// s or r: a review orders when the inventory position is at or below this. For an
    /// order-up-to rule it is S itself: any shortfall below S is ordered (at least the
    /// minimum, in multiples, at most the maximum), which is what the simulation does.
    pub reorder_point_units: f64,
    /// The stock expected just before an order arrives: S less the expected demand over the
    /// protection period (E[L] + R) for an order-up-to rule, s or r less the expected demand
    /// over the lead time (and the review period when longer than a day) for the others, in
    /// that period (its forecast).
    pub safety_stock_units: f64,
    /// A typical order: the expected demand of a review period for an order-up-to rule, Q for
    /// (r, Q), S − s for (s, S) (the least it orders), within the lot-size limits (Q is the
    /// rule's own; the optimiser's are within them).
    pub order_quantity_units: f64,
}

impl ErpPlan {
    /// Whether the levels move over the horizon (more than one period, or levels by day of
    /// the week).
    pub fn time_phased(&self) -> bool {
        self.periods.len() > 1 || self.periods.iter().any(|p| p.levels.len() > 1)
    }

    /// The first period's (first day's) levels: the plan when it does not move.
    pub fn first(&self) -> ErpLevels {
        self.periods[0].levels[0]
    }

    /// The plan's levels as a `plan` policy's table: simulated, it is this very policy.
    pub fn table(&self) -> PlanTable {
        PlanTable {
            periods: self
                .periods
                .iter()
                .map(|p| PlanPeriod {
                    start_day: p.start_day,
                    order_up_to: p.levels.iter().map(|l| l.order_up_to_units).collect(),
                })
                .collect(),
        }
    }
}

/// The ERP plan of a demand-sized policy (JIT, JIC, the optimiser's points: order-up-to
/// every R days, (r, Q) or (s, S)) of `item` over its horizon: its levels in each period and
/// day of the week as the simulation uses them ([`crate::core::Item::planned_level`],
/// `Rule::planned`), the safety stock against the period's expected demand, and a typical
/// order within the lot-size limits.
pub fn erp_plan(item: &crate::core::Item, policy: &crate::core::Policy) -> ErpPlan {
    use crate::core::policy::Rule;
    let horizon_days = item.horizon_days();
    let d = item.demand().expected();
    let lead = item.lead_time().mean_days();
    let r = policy.review_period_days;
    let limits = item.order_limits();
    let periodic = if r > 1 { f64::from(r) } else { 0.0 };
    let levels = |m: f64| {
        let rule = match item.phasing() {
            Some(_) => policy.rule.planned(m, item.whole_units()),
            None => policy.rule,
        };
        match rule {
            Rule::OrderUpTo { level } => ErpLevels {
                order_up_to_units: level,
                reorder_point_units: level,
                safety_stock_units: level - d * (lead + f64::from(r)) * m,
                order_quantity_units: limits.apply(item.units(d * m * f64::from(r))),
            },
            Rule::MinMax { reorder_point, level } => ErpLevels {
                order_up_to_units: level,
                reorder_point_units: reorder_point,
                safety_stock_units: reorder_point - d * (lead + periodic) * m,
                order_quantity_units: limits.apply(level - reorder_point),
            },
            Rule::ReorderQuantity { reorder_point, quantity } => ErpLevels {
                order_up_to_units: reorder_point + quantity,
                reorder_point_units: reorder_point,
                safety_stock_units: reorder_point - d * (lead + periodic) * m,
                // Q is the rule's own, kept to the limits when the rule was made.
                order_quantity_units: quantity,
            },
        }
    };
    let periods = match item.phasing() {
        None => vec![ErpPeriod { start_day: 0, end_day: horizon_days, levels: vec![levels(1.0)] }],
        Some(p) => {
            let starts = p.period_starts();
            let mut periods: Vec<ErpPeriod> = Vec::with_capacity(starts.len());
            for k in 0..starts.len() {
                let period = ErpPeriod {
                    start_day: starts[k],
                    end_day: starts.get(k + 1).copied().unwrap_or(horizon_days),
                    levels: p.period_multipliers(k).iter().map(|&m| levels(m)).collect(),
                };
                // A period whose levels are the last one's (rounded to the same whole units)
                // is the same period to an ERP.
                match periods.last_mut() {
                    Some(last) if last.levels == period.levels => last.end_day = period.end_day,
                    _ => periods.push(period),
                }
            }
            periods
        }
    };
    ErpPlan {
        rule: match policy.rule {
            crate::core::policy::Rule::OrderUpTo { .. } => ErpRule::OrderUpTo,
            crate::core::policy::Rule::MinMax { .. } => ErpRule::MinMax,
            crate::core::policy::Rule::ReorderQuantity { .. } => ErpRule::ReorderQuantity,
        },
        review_period_days: r,
        minimum_order_units: limits.minimum(),
        order_multiple_units: limits.multiple(),
        maximum_order_units: limits.maximum(),
        whole_units: item.whole_units(),
        periods,
        expedite: None,
        buy_ahead: Vec::new(),
        backup: None,
    }
}
