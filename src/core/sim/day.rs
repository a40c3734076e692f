//! The day loop: one policy over one replication's draws, in the order the module
//! documentation of `sim` gives, generic over how stock is kept.

use crate::core::costs::margin_per_year;
use crate::core::levers::{Active, Levers, Plain};
use crate::core::order_charges::{Charges, Flat, Tally};
use crate::core::payment::{Ledger, OnReceipt, Tracked};
use crate::core::policy::{Adapt, Policy, Rule};
use crate::core::scenario::{Issuing, Item, Position, Settings};

use super::levels::{adaptive_levels, average_level};
use super::shelf::{Bulk, Lots, Shelf};
use super::{start_stock, Draws, Flows, ReplicationMetrics};

/// The smaller of two quantities. Quantities here are never NaN, so a plain comparison does;
/// `f64::min` also orders NaN and costs several instructions in the hottest loop.
#[inline(always)]
pub(super) fn min(a: f64, b: f64) -> f64 {
    if a < b {
        a
    } else {
        b
    }
}

/// A shortfall below this many units does not make a stockout day: it is rounding, not
/// unmet demand.
pub(super) const QTY_EPS: f64 = 1e-9;

/// What a run needs to know that does not change from day to day.
struct Rules<'a> {
    policy: &'a Policy,
    limits: &'a crate::core::policy::OrderLimits,
    review: u32,
    lost_sales: bool,
    in_order: bool,
    /// The lead time when it is fixed; otherwise each day's draw is in `lead_times`.
    fixed_lead: Option<usize>,
    lead_times: &'a [u32],
    /// The first day the supplier is up on or after each day; `None` when it never fails.
    next_up: Option<&'a [u32]>,
    /// For a demand-sized policy under a demand shape, each day's forecast multiplier (its
    /// period's, `core::plan`); `None` keeps the levels as they are.
    phased: Option<&'a [f64]>,
    /// Levels are whole units (demand is).
    whole: bool,
    /// An adaptive policy's order-up-to level by day; `None` for a fixed policy.
    levels: Option<&'a [f64]>,
    /// The mean supply yield (1 without one), and each day's draw when it is random.
    yield_mean: f64,
    yields: Option<&'a [f64]>,
    /// The pipeline ring's length − 1 (a power of two − 1).
    mask: usize,
}

/// A run's state and running totals. The totals of the measured days are only touched by
/// [`Books::day`] with `MEASURED = true`, so the warm-up runs without them.
#[derive(Default)]
struct Books<S: Shelf, P: Ledger + Default> {
    on_hand: f64,
    /// The lots behind `on_hand`, when they age.
    shelf: S,
    /// What is paid for and what is owed, when the payment terms make it differ from the
    /// stock on hand.
    ledger: P,
    on_order: f64,
    backorders: f64,
    /// With expediting: the units due on the mornings the expedite lead time covers
    /// (`core::expedite`), kept as orders are placed and days pass.
    due_soon: f64,
    last_arrival: usize,
    days_to_review: u32,
    flows: Flows,
    // Measured days only.
    demanded: f64,
    served_on_day: f64,
    on_hand_sum: f64,
    backorder_unit_days: f64,
    lost: f64,
    /// Units ordered, at their expected yield (what the position counts and purchases pay).
    ordered_units: f64,
    /// Units on the purchase orders placed (with a supply yield, more than arrive).
    placed_units: f64,
    peak_on_hand: f64,
    /// Paid-for units in transit and units owed, summed over the measured days, and the most
    /// cash tied up on one of them, in units (payment terms other than on receipt only).
    in_transit_sum: f64,
    owed_sum: f64,
    peak_cash_units: f64,
    stockout_days: u32,
    orders: u32,
    run: u32,
    longest_run: u32,
    /// Replenishment cycles: open from an order in the measured days to the next order.
    cycle_open: bool,
    cycle_short: bool,
    cycles: u32,
    clean_cycles: u32,
    /// Units written off as expired in the measured days.
    expired: f64,
    /// Units written off because the item died, in the measured days (with what was still
    /// in transit at the end).
    obsolete: f64,
}

impl<S: Shelf, P: Ledger + Default> Books<S, P> {
    /// Inventory position: on hand + on order − backorders.
    #[inline(always)]
    fn position(&self) -> f64 {
        self.on_hand + self.on_order - self.backorders
    }

    /// The day the item dies: the stock on hand is written off and waiting customers are
    /// gone; nothing is ordered again.
    // Inlined, like every method of the books: were `&mut Books` ever handed to a call the
    // compiler keeps, it could no longer keep the books in registers through the day loop.
    #[inline(always)]
    fn bury<const MEASURED: bool>(&mut self) {
        if MEASURED {
            self.obsolete += self.on_hand;
        }
        self.flows.obsolete += self.on_hand;
        self.flows.cancelled += self.backorders;
        self.on_hand = 0.0;
        self.backorders = 0.0;
        self.shelf.clear();
    }

    /// Days after the item died: deliveries still land, and are written off as they do.
    #[inline(always)]
    fn dead_days<const MEASURED: bool, L: Levers>(
        &mut self,
        rules: &Rules<'_>,
        pipeline: &mut Pipeline,
        levers: &mut L,
        days: std::ops::Range<usize>,
        record: &mut DayRecord<'_>,
    ) {
        for day in days {
            let slot = day & rules.mask;
            let expected = std::mem::take(&mut pipeline.expected[slot]);
            let arriving = match pipeline.good.get_mut(slot) {
                Some(good) => std::mem::take(good),
                None => expected,
            };
            self.on_order -= expected;
            self.flows.received += arriving;
            self.flows.obsolete += arriving;
            if P::TRACKED {
                // Written off as it lands, but the supplier is still paid for it.
                self.ledger.receive(day, arriving);
            }
            if MEASURED {
                self.ordered_units -= expected - arriving;
                self.obsolete += arriving;
                self.count_cash();
            }
            if !L::NONE {
                levers.unbought::<MEASURED>(expected - arriving);
                let (in_transit, owed) = self.unpaid();
                levers.evening::<MEASURED>(0.0, in_transit, owed);
            }
            if let Some(slot) = record.on_hand.get_mut(day) {
                *slot = 0.0;
            }
            if let Some(flag) = record.stockout.get_mut(day) {
                *flag = false;
            }
            if let Some(mark) = record.marks.get_mut(day) {
                *mark = 0;
            }
        }
    }

    /// The units paid for in transit and the units owed, this evening (0 and 0 when paid on
    /// receipt).
    #[inline(always)]
    fn unpaid(&self) -> (f64, f64) {
        if P::TRACKED {
            (self.ledger.in_transit(self.on_order), self.ledger.owed())
        } else {
            (0.0, 0.0)
        }
    }

    /// The end of a measured day under payment terms that differ from payment on receipt:
    /// what is paid for in transit, what is owed, and the day's cash if it is the most yet.
    #[inline(always)]
    fn count_cash(&mut self) {
        if P::TRACKED {
            let in_transit = self.ledger.in_transit(self.on_order);
            let owed = self.ledger.owed();
            self.in_transit_sum += in_transit;
            self.owed_sum += owed;
            let cash = self.on_hand + in_transit - owed;
            if cash > self.peak_cash_units {
                self.peak_cash_units = cash;
            }
        }
    }

    /// Runs `days`, writing each evening's stock on hand into `path` (as far as it reaches).
    #[inline(always)]
    // Each buffer is an argument of its own, so that the compiler knows none aliases the books.
    #[allow(clippy::too_many_arguments)]
    fn days<const MEASURED: bool, const YIELD: bool, C: Charges, L: Levers>(
        &mut self,
        rules: &Rules<'_>,
        demand: &[f64],
        days: std::ops::Range<usize>,
        charges: &mut C,
        levers: &mut L,
        // Slices rather than structs holding them: as arguments the compiler knows they do
        // not alias the books, which keeps the books in registers.
        expected: &mut [f64],
        good: &mut [f64],
        on_hand: &mut [f64],
        stockout: &mut [bool],
        marks: &mut [u8],
    ) {
        let first = days.start;
        for (i, &d) in demand[days].iter().enumerate() {
            let day = first + i;
            let short =
                self.day::<MEASURED, YIELD, C, L>(rules, expected, good, charges, levers, day, d);
            if let Some(slot) = on_hand.get_mut(day) {
                *slot = self.on_hand;
            }
            if let Some(flag) = stockout.get_mut(day) {
                *flag = short > QTY_EPS;
            }
            if !L::NONE {
                let placed = levers.take_marks();
                if let Some(mark) = marks.get_mut(day) {
                    *mark = placed;
                }
            }
        }
    }

    /// The evening's expedite, before the review (`core::expedite`): when stock on hand less
    /// backorders plus what lands within the expedite lead time is below the trigger, an
    /// emergency order lands on the morning after that lead time, in full.
    #[inline(always)]
    fn expedite<const MEASURED: bool, const YIELD: bool, L: Levers>(
        &mut self,
        rules: &Rules<'_>,
        expected: &mut [f64],
        good: &mut [f64],
        levers: &mut L,
        day: usize,
    ) {
        let Some(lead) = levers.expedite_lead() else { return };
        let position = self.on_hand - self.backorders + self.due_soon;
        let supplier_up = rules.next_up.is_none_or(|next_up| next_up[day + 1] as usize == day + 1);
        let Some(units) = levers.expedite::<MEASURED>(position, supplier_up, rules.whole) else {
            return;
        };
        levers.bought::<MEASURED>(day, self.position(), units, units);
        let slot = (day + lead + 1) & rules.mask;
        expected[slot] += units;
        if YIELD {
            good[slot] += units;
        }
        self.on_order += units;
        self.due_soon += units;
        if MEASURED {
            self.ordered_units += units;
        }
    }

    /// One day, in the order the module documentation gives.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn day<const MEASURED: bool, const YIELD: bool, C: Charges, L: Levers>(
        &mut self,
        rules: &Rules<'_>,
        expected: &mut [f64],
        good: &mut [f64],
        charges: &mut C,
        levers: &mut L,
        day: usize,
        d: f64,
    ) -> f64 {
        // 1. Deliveries arrive; backorders are served first. With a supply yield, what lands
        // may differ from what the position counted on: the difference leaves the position.
        let slot = day & rules.mask;
        let due = std::mem::take(&mut expected[slot]);
        let arriving = if YIELD { std::mem::take(&mut good[slot]) } else { due };
        // Storage space may refuse part of it (`core::storage`).
        let arriving = if L::NONE {
            arriving
        } else {
            if let Some(window) = levers.soon_window() {
                // The window of what is due soon moves on by a day: this morning's delivery
                // leaves it, the morning at its far end joins it.
                self.due_soon += expected[(day + window + 1) & rules.mask] - due;
            }
            levers.accept::<MEASURED>(self.on_hand, self.backorders, arriving)
        };
        self.flows.received += arriving;
        self.on_hand += arriving;
        self.shelf.receive(day, arriving);
        if P::TRACKED {
            self.ledger.receive(day, arriving);
        }
        self.on_order -= due;
        if (YIELD || !L::NONE) && MEASURED {
            // Paid for what arrives: the order was counted at its expected yield, and a
            // refused part is sent back unbought.
            self.ordered_units -= due - arriving;
        }
        if !L::NONE {
            levers.unbought::<MEASURED>(due - arriving);
        }
        // Expired lots are written off before anyone is served (perishables only).
        let expired = self.shelf.expire(day);
        if expired > 0.0 {
            // The lots and the total may differ by rounding: never let it go below 0.
            let expired = min(expired, self.on_hand);
            self.on_hand -= expired;
            self.flows.expired += expired;
            if MEASURED {
                self.expired += expired;
            }
        }
        let late = min(self.backorders, self.on_hand);
        self.on_hand -= late;
        self.backorders -= late;
        self.shelf.issue(late);

        // 2. Today's demand, from stock; the rest waits (or is lost).
        let served = min(d, self.on_hand);
        self.flows.demanded += d;
        self.flows.shipped += late + served;
        self.on_hand -= served;
        self.shelf.issue(served);
        let short = d - served;
        if rules.lost_sales {
            self.flows.lost += short;
        } else {
            self.backorders += short;
        }

        // 3. End-of-day figures.
        if MEASURED {
            self.demanded += d;
            self.served_on_day += served;
            self.on_hand_sum += self.on_hand;
            self.backorder_unit_days += self.backorders;
            if rules.lost_sales {
                self.lost += short;
            }
            self.peak_on_hand =
                if self.on_hand > self.peak_on_hand { self.on_hand } else { self.peak_on_hand };
            let stockout = short > QTY_EPS;
            self.stockout_days += u32::from(stockout);
            self.run = if stockout { self.run + 1 } else { 0 };
            self.longest_run = self.longest_run.max(self.run);
            self.cycle_short |= stockout;
            self.count_cash();
        }
        if !L::NONE {
            let (in_transit, owed) = self.unpaid();
            levers.evening::<MEASURED>(self.on_hand, in_transit, owed);
            self.expedite::<MEASURED, YIELD, L>(rules, expected, good, levers, day);
        }

        // 4. Review on days 0, R, 2R, …; a countdown, since a division per day costs more
        // than the rest of the day's bookkeeping.
        let review_day = self.days_to_review == 0;
        self.days_to_review = if review_day { rules.review - 1 } else { self.days_to_review - 1 };
        if !review_day {
            return short;
        }
        if !L::NONE {
            // A dual-index backup's emergency order comes first (`core::sourcing`).
            self.emergency::<MEASURED, YIELD, L>(rules, expected, good, levers, day);
        }
        let position = self.position() - self.shelf.expiring_after(day);
        let wanted = match (rules.levels, rules.phased) {
            (Some(levels), _) => Rule::OrderUpTo { level: levels[day] }.order_quantity(position),
            (None, None) => rules.policy.rule.order_quantity(position),
            (None, Some(multipliers)) => {
                let k = multipliers[day];
                rules.policy.rule.planned(k, rules.whole).order_quantity(position)
            }
        };
        // Forward buying tops up the rule's order ahead of an announced rise (`core::prices`).
        let wanted = if L::NONE {
            wanted
        } else {
            match levers.forward::<MEASURED>(day, rules.review) {
                extra if extra > 0.0 => Some(wanted.unwrap_or(0.0) + extra),
                _ => wanted,
            }
        };
        let Some(wanted) = wanted else { return short };
        // With a supply yield the policy orders wanted ÷ E[Y] to get what it wants, and the
        // supplier's limits apply to what is ordered.
        let (placed, quantity, arriving) = if YIELD {
            let ordered = rules.limits.apply(wanted / rules.yield_mean);
            let share = rules.yields.map_or(rules.yield_mean, |yields| yields[day]);
            (ordered, ordered * rules.yield_mean, ordered * share)
        } else {
            let quantity = rules.limits.apply(wanted);
            (quantity, quantity, quantity)
        };
        // A second source may take part or all of it (`core::sourcing`).
        let (placed, quantity, arriving) = if L::NONE || quantity <= 0.0 {
            (placed, quantity, arriving)
        } else {
            match levers.route::<MEASURED>(day, quantity) {
                None => (placed, quantity, arriving),
                Some(routed) => {
                    let (per_placed, per_arriving) = (placed / quantity, arriving / quantity);
                    self.order_backup::<MEASURED, YIELD, L>(
                        rules,
                        expected,
                        good,
                        levers,
                        day,
                        routed,
                        per_placed,
                        per_arriving,
                    );
                    let primary = routed.primary;
                    (primary * per_placed, primary, primary * per_arriving)
                }
            }
        };
        if L::NONE || quantity > 0.0 {
            self.order_primary::<MEASURED, YIELD, C, L>(
                rules, expected, good, charges, levers, day, placed, quantity, arriving,
            );
        }
        if MEASURED {
            if self.cycle_open {
                self.cycles += 1;
                self.clean_cycles += u32::from(!self.cycle_short);
            }
            self.cycle_open = true;
            self.cycle_short = false;
        }
        short
    }

    /// A regular order to the item's own supplier: it starts its lead time the next day the
    /// supplier is up.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn order_primary<const MEASURED: bool, const YIELD: bool, C: Charges, L: Levers>(
        &mut self,
        rules: &Rules<'_>,
        expected: &mut [f64],
        good: &mut [f64],
        charges: &mut C,
        levers: &mut L,
        day: usize,
        placed: f64,
        quantity: f64,
        arriving: f64,
    ) {
        let lead = rules.fixed_lead.unwrap_or_else(|| rules.lead_times[day] as usize);
        // The lead time starts the next day, or the first day after it the supplier is up.
        let start = rules.next_up.map_or(day + 1, |next_up| next_up[day + 1] as usize);
        let mut arrival = start + lead;
        if rules.in_order {
            arrival = arrival.max(self.last_arrival);
            self.last_arrival = arrival;
        }
        if !L::NONE {
            levers.bought::<MEASURED>(day, self.position(), placed, quantity);
        }
        expected[arrival & rules.mask] += quantity;
        if YIELD {
            good[arrival & rules.mask] += arriving;
        }
        if !L::NONE {
            if let Some(window) = levers.soon_window() {
                if arrival <= day + window + 1 {
                    self.due_soon += quantity;
                }
            }
        }
        self.on_order += quantity;
        if MEASURED {
            self.ordered_units += quantity;
            self.placed_units += placed;
            self.orders += 1;
            if !C::FLAT {
                // Priced by the quantity on the purchase order (`order_charges`).
                charges.order(placed);
            }
        }
    }

    /// A dual-index backup's emergency order at a review (`core::sourcing`): when stock on
    /// hand − backorders + what lands within the backup's longest lead time is below its
    /// level, the backup is asked for the difference.
    #[inline(always)]
    fn emergency<const MEASURED: bool, const YIELD: bool, L: Levers>(
        &mut self,
        rules: &Rules<'_>,
        expected: &mut [f64],
        good: &mut [f64],
        levers: &mut L,
        day: usize,
    ) {
        let fast = self.on_hand - self.backorders + self.due_soon;
        let Some(routed) = levers.emergency::<MEASURED>(day, fast) else { return };
        // With a supply yield, ordered like a regular order: units ÷ E[Y] on the order.
        let (per_placed, per_arriving) = if YIELD {
            let share = rules.yields.map_or(rules.yield_mean, |yields| yields[day]);
            (1.0 / rules.yield_mean, share / rules.yield_mean)
        } else {
            (1.0, 1.0)
        };
        self.order_backup::<MEASURED, YIELD, L>(
            rules,
            expected,
            good,
            levers,
            day,
            routed,
            per_placed,
            per_arriving,
        );
    }

    /// The backup's part of an order (`core::sourcing`), landing on its own day.
    #[inline(always)]
    #[allow(clippy::too_many_arguments)]
    fn order_backup<const MEASURED: bool, const YIELD: bool, L: Levers>(
        &mut self,
        rules: &Rules<'_>,
        expected: &mut [f64],
        good: &mut [f64],
        levers: &mut L,
        day: usize,
        routed: crate::core::sourcing::Routed,
        per_placed: f64,
        per_arriving: f64,
    ) {
        let units = routed.backup;
        levers.bought::<MEASURED>(day, self.position(), units * per_placed, units);
        let slot = routed.arrival & rules.mask;
        expected[slot] += units;
        if YIELD {
            good[slot] += units * per_arriving;
        }
        if let Some(window) = levers.soon_window() {
            if routed.arrival <= day + window + 1 {
                self.due_soon += units;
            }
        }
        self.on_order += units;
        if MEASURED {
            self.ordered_units += units;
        }
    }
}

/// Orders in transit, in a ring by arrival day modulo its length (see `run`). Kept apart
/// from the books and handed to the day loop as slices: stores into a buffer reached through
/// the books could, for all the compiler knows, change the books' own fields, which would
/// then be reloaded from memory every day.
struct Pipeline {
    /// At their expected yield: what the inventory position counts.
    expected: Vec<f64>,
    /// As they will actually arrive (with a supply yield only; empty otherwise).
    good: Vec<f64>,
}

/// What a run writes down day by day, as far as each slice reaches: the evening's stock on
/// hand, whether the day was a stockout day, and the orders its levers placed (expedites,
/// the backup's: `levers::EXPEDITED`, `levers::BACKUP_ORDERED`).
pub(crate) struct DayRecord<'a> {
    pub(crate) on_hand: &'a mut [f64],
    pub(crate) stockout: &'a mut [bool],
    pub(crate) marks: &'a mut [u8],
}

/// Runs one policy over one replication's draws and returns its figures; writes each day's
/// end-of-day stock on hand into `on_hand_by_day` (as far as it reaches).
pub fn run_policy(
    item: &Item,
    settings: &Settings,
    policy: &Policy,
    draws: &Draws,
    on_hand_by_day: &mut [f64],
) -> ReplicationMetrics {
    run_policy_recording(item, settings, policy, draws, on_hand_by_day, &mut [])
}

/// [`run_policy`], also writing into `stockout_by_day` (as far as it reaches) whether each
/// day was a stockout day.
pub fn run_policy_recording(
    item: &Item,
    settings: &Settings,
    policy: &Policy,
    draws: &Draws,
    on_hand_by_day: &mut [f64],
    stockout_by_day: &mut [bool],
) -> ReplicationMetrics {
    let record = DayRecord { on_hand: on_hand_by_day, stockout: stockout_by_day, marks: &mut [] };
    run_policy_with(item, settings, policy, draws, record, None)
}

/// [`run_policy_recording`], given the policy's average level when it is known already
/// ([`fixed_average_level`]).
pub(crate) fn run_policy_with(
    item: &Item,
    settings: &Settings,
    policy: &Policy,
    draws: &Draws,
    mut record: DayRecord<'_>,
    average_level: Option<f64>,
) -> ReplicationMetrics {
    let run =
        Run { item, settings, policy, draws, record: &mut record, known_average: average_level };
    // One instance of the day loop per case, chosen once per run: bulk or perishable stock,
    // payment on receipt (nothing to track) or terms that make cash differ from stock, and
    // orders at the unit cost or priced by their size (breaks, freight).
    match item.perishability() {
        None => run.with_shelf(Bulk),
        Some(p) => run.with_shelf(Lots {
            lots: std::collections::VecDeque::new(),
            shelf_life: p.shelf_life_days as usize,
            lifo: p.issuing == Issuing::Lifo,
            net_of_expiring: p.position == Position::NetOfExpiring,
        }),
    }
}

/// One policy's run over one replication, before the day loop's instance is chosen.
struct Run<'a, 'r> {
    item: &'a Item,
    settings: &'a Settings,
    policy: &'a Policy,
    draws: &'a Draws,
    record: &'a mut DayRecord<'r>,
    known_average: Option<f64>,
}

impl Run<'_, '_> {
    fn with_shelf<S: Shelf>(self, shelf: S) -> ReplicationMetrics {
        let terms = self.item.payment_terms();
        if terms.tracked() {
            self.with_ledger(shelf, Tracked::new(terms))
        } else {
            self.with_ledger(shelf, OnReceipt)
        }
    }

    fn with_ledger<S: Shelf, P: Ledger + Default>(self, shelf: S, ledger: P) -> ReplicationMetrics {
        let charges = self.item.order_charges();
        if charges.is_flat() {
            self.with_charges(shelf, ledger, Flat)
        } else {
            let tally = Tally::new(charges, self.item.unit_cost());
            self.with_charges(shelf, ledger, tally)
        }
    }

    fn with_charges<S: Shelf, P: Ledger + Default, C: Charges>(
        self,
        shelf: S,
        ledger: P,
        charges: C,
    ) -> ReplicationMetrics {
        match Active::new(self.item, self.draws) {
            None => self.days(shelf, ledger, charges, Plain),
            Some(levers) => self.days(shelf, ledger, charges, levers),
        }
    }

    fn days<S: Shelf, P: Ledger + Default, C: Charges, L: Levers>(
        self,
        shelf: S,
        ledger: P,
        charges: C,
        levers: L,
    ) -> ReplicationMetrics {
        let Run { item, settings, policy, draws, record, known_average } = self;
        run(item, settings, policy, draws, record, shelf, ledger, charges, levers, known_average)
    }
}

#[allow(clippy::too_many_arguments)]
fn run<S: Shelf, P: Ledger + Default, C: Charges, L: Levers>(
    item: &Item,
    settings: &Settings,
    policy: &Policy,
    draws: &Draws,
    record: &mut DayRecord<'_>,
    shelf: S,
    ledger: P,
    mut charges: C,
    mut levers: L,
    known_average: Option<f64>,
) -> ReplicationMetrics {
    let demand = &draws.demand;
    // Orders in transit live in a ring indexed by arrival day modulo its length: no order
    // lands more than (longest wait for the supplier) + max lead + 1 days ahead (a delivery
    // kept in order waits only behind one that obeys the same bound), so a ring just longer
    // than that never wraps onto a day still to come, and each slot is emptied as its day is
    // read. A few slots instead of one
    // per day: nothing to zero per run, and it stays in cache. An order landing after the
    // horizon is never read and stays on order.
    // An expedite lands after its own lead time, never waiting for the supplier.
    // A backup's order lands after its own lead time and its supplier's waits.
    let expedite_reach = levers.expedite_lead().unwrap_or(0);
    let backup_reach =
        item.backup().map_or(0, |b| b.max_lead_days as usize + draws.backup_longest_wait as usize);
    let reach = (item.max_lead_days as usize + draws.longest_wait as usize)
        .max(expedite_reach)
        .max(backup_reach)
        + 2;
    let ring = reach.next_power_of_two();
    let levels: Option<std::borrow::Cow<'_, [f64]>> = match policy.adapt {
        Adapt::Table { index } => Some(item.table(index as usize).into()),
        _ => adaptive_levels(item, settings, policy, draws).map(Into::into),
    };
    let rules = Rules {
        policy,
        limits: item.order_limits(),
        review: policy.review_period_days.max(1),
        lost_sales: item.lost_sales(),
        in_order: item.deliveries_in_order(),
        fixed_lead: item.lead_time().fixed().map(|l| l as usize),
        lead_times: &draws.lead_time,
        next_up: (!draws.next_up.is_empty()).then_some(draws.next_up.as_slice()),
        phased: item.phasing().filter(|_| policy.follows_forecast()).map(|p| p.by_day()),
        whole: item.whole_units(),
        levels: levels.as_deref(),
        yield_mean: item.supply_yield().map_or(1.0, |y| y.mean()),
        yields: (!draws.yields.is_empty()).then_some(draws.yields.as_slice()),
        mask: ring - 1,
    };
    let start = start_stock(item, policy);
    let mut pipeline = Pipeline {
        expected: vec![0.0; ring],
        good: if item.supply_yield().is_some() { vec![0.0; ring] } else { Vec::new() },
    };
    let mut books = Books {
        on_hand: start,
        shelf,
        ledger,
        flows: Flows { start_on_hand: start, ..Flows::default() },
        peak_cash_units: f64::NEG_INFINITY,
        ..Books::default()
    };
    let warm_up = (item.warm_up_days() as usize).min(demand.len());
    let with_yield = item.supply_yield().is_some();
    books.shelf.receive(0, start);
    let death = draws.death_day.unwrap_or(usize::MAX);
    let mut run = |books: &mut Books<S, P>, days: std::ops::Range<usize>, measured: bool| {
        let alive = days.start..days.end.min(death).max(days.start);
        // One loop per case, so that the common one carries none of the others' bookkeeping.
        let (on_hand, stockout, marks) =
            (&mut *record.on_hand, &mut *record.stockout, &mut *record.marks);
        match (measured, with_yield) {
            (false, false) => books.days::<false, false, C, L>(
                &rules,
                demand,
                alive,
                &mut charges,
                &mut levers,
                &mut pipeline.expected,
                &mut pipeline.good,
                on_hand,
                stockout,
                marks,
            ),
            (false, true) => books.days::<false, true, C, L>(
                &rules,
                demand,
                alive,
                &mut charges,
                &mut levers,
                &mut pipeline.expected,
                &mut pipeline.good,
                on_hand,
                stockout,
                marks,
            ),
            (true, false) => books.days::<true, false, C, L>(
                &rules,
                demand,
                alive,
                &mut charges,
                &mut levers,
                &mut pipeline.expected,
                &mut pipeline.good,
                on_hand,
                stockout,
                marks,
            ),
            (true, true) => books.days::<true, true, C, L>(
                &rules,
                demand,
                alive,
                &mut charges,
                &mut levers,
                &mut pipeline.expected,
                &mut pipeline.good,
                on_hand,
                stockout,
                marks,
            ),
        }
        let path = &mut *record;
        if days.contains(&death) {
            if measured {
                books.bury::<true>();
            } else {
                books.bury::<false>();
            }
        }
        let dead = days.start.max(death)..days.end;
        if !dead.is_empty() {
            if measured {
                books.dead_days::<true, L>(&rules, &mut pipeline, &mut levers, dead, path);
            } else {
                books.dead_days::<false, L>(&rules, &mut pipeline, &mut levers, dead, path);
            }
        }
        // The book price at the end (prices over time only).
        levers.book_price()
    };
    let book_at_start = run(&mut books, 0..warm_up, false);
    // Purchases over the measured days: the stock position at their start counts as bought
    // then, and the position at the end is credited back at unit cost, so policies that start
    // or end with different stock compare fairly.
    let position_at_start = books.position();
    let backorders_at_start = books.backorders;
    let book_at_end = run(&mut books, warm_up..demand.len(), true);
    if death < demand.len() {
        // What is still in transit when the horizon ends will land on a dead item.
        books.obsolete += books.on_order;
        books.flows.obsolete_in_transit = books.on_order;
        books.on_order = 0.0;
    }
    let b = &books;
    let mut flows = b.flows;
    flows.end_on_hand = b.on_hand;
    flows.end_backorders = b.backorders;

    let days = f64::from(settings.horizon_days() - item.warm_up_days());
    let per_year = settings.days_per_year() / days;
    // Stock is valued at the unit cost, or with price breaks at the average price paid over
    // the measured days (`order_charges`); freight is part of ordering.
    let (order_value, freight) = charges.totals();
    let levered = levers.totals();
    let c = if C::FLAT || b.placed_units <= 0.0 {
        item.unit_cost()
    } else {
        order_value / b.placed_units
    };
    let holding_per_unit_day = c * item.holding_rate_per_year() / settings.days_per_year();
    // Shipped over the measured days, from the balance: demanded − lost + the customers
    // waiting at the start − those still waiting at the end.
    let shipped = b.demanded - b.lost + backorders_at_start - b.backorders;
    // Cash tied up, in units: on hand, plus what is paid for in transit, less what is owed.
    let cash_unit_days = b.on_hand_sum + b.in_transit_sum - b.owed_sum;
    let peak_cash_units = if P::TRACKED { b.peak_cash_units } else { b.peak_on_hand };
    let purchase_cost_per_year =
        (b.ordered_units + position_at_start - b.position()) * c * per_year;
    let revenue_per_year =
        item.selling_price().map_or(0.0, |p| p * (b.demanded - b.lost) * per_year);
    let mut metrics = ReplicationMetrics {
        avg_on_hand: b.on_hand_sum / days,
        avg_cash_tied_up: cash_unit_days * c / days,
        peak_cash_tied_up: peak_cash_units * c,
        avg_cash_in_transit: b.in_transit_sum * c / days,
        avg_owed_to_suppliers: b.owed_sum * c / days,
        avg_backorders: b.backorder_unit_days / days,
        fill_rate: if b.demanded > 0.0 { b.served_on_day / b.demanded } else { 1.0 },
        stockout_days_per_year: f64::from(b.stockout_days) * per_year,
        ready_rate: 1.0 - f64::from(b.stockout_days) / days,
        holding_cost_per_year: cash_unit_days * holding_per_unit_day * per_year,
        storage_cost_per_year: b.on_hand_sum * item.storage_cost_per_unit_day() * per_year,
        purchase_cost_per_year,
        units_ordered_per_year: if L::NONE {
            b.placed_units * per_year
        } else {
            (b.placed_units + levered.expedited_units + levered.backup_units) * per_year
        },
        backup_orders_per_year: levered.backup_orders * per_year,
        backup_units_per_year: levered.backup_units * per_year,
        backup_cost_per_year: levered.backup_cost * per_year,
        no_source_days_per_year: if L::NONE {
            0.0
        } else {
            draws.no_source_days(warm_up..demand.len()) as f64 * per_year
        },
        expedites_per_year: levered.expedites * per_year,
        expedited_units_per_year: levered.expedited_units * per_year,
        expedite_cost_per_year: levered.expedite_cost * per_year,
        refused_units_per_year: levered.refused_units * per_year,
        refused_deliveries_per_year: levered.refused_deliveries * per_year,
        overflow_days_per_year: levered.overflow_days * per_year,
        overflow_cost_per_year: levered.overflow_cost * per_year,
        price_paid_per_unit: c,
        forward_bought_units_per_year: 0.0,
        demanded_units_per_year: b.demanded * per_year,
        revenue_per_year,
        margin_per_year: 0.0,
        ordering_cost_per_year: if C::FLAT {
            f64::from(b.orders) * item.order_cost() * per_year
        } else {
            (f64::from(b.orders) * item.order_cost() + freight) * per_year
        },
        backorder_cost_per_year: b.backorder_unit_days
            * item.backorder_cost_per_unit_day()
            * per_year,
        lost_sale_cost_per_year: b.lost * item.lost_sale_cost_per_unit() * per_year,
        expired_units_per_year: b.expired * per_year,
        expiry_cost_per_year: b.expired * item.costs().disposal_per_unit * per_year,
        obsolete_units_per_year: b.obsolete * per_year,
        avg_order_up_to: known_average.unwrap_or_else(|| {
            average_level(item, policy, levels.as_deref(), warm_up, demand.len())
        }),
        obsolescence_cost_per_year: b.obsolete
            * (item.costs().disposal_per_unit
                - item.obsolescence().map_or(0.0, |o| o.salvage_per_unit))
            * per_year,
        lost_units_per_year: b.lost * per_year,
        orders_per_year: f64::from(b.orders) * per_year,
        shipped_units_per_year: shipped * per_year,
        supplier_down_days_per_year: draws
            .supplier_down
            .iter()
            .skip(warm_up)
            .filter(|&&d| d)
            .count() as f64
            * per_year,
        peak_on_hand: b.peak_on_hand,
        longest_stockout_days: f64::from(b.longest_run),
        cycle_service_level: if b.cycles > 0 {
            f64::from(b.clean_cycles) / f64::from(b.cycles)
        } else if b.stockout_days > 0 {
            0.0
        } else {
            1.0
        },
        mean_wait_days: if b.demanded > 0.0 { b.backorder_unit_days / b.demanded } else { 0.0 },
        flows,
    };
    if let (Some(p), Some(start), Some(end)) = (levered.priced, book_at_start, book_at_end) {
        // Prices over time (`core::prices`): orders paid the price of their day, and stock
        // is valued at the book price (moving average cost), at the start and end of the
        // measured days as on each of them.
        let holding_rate_per_day = item.holding_rate_per_year() / settings.days_per_year();
        metrics.purchase_cost_per_year =
            (p.paid + position_at_start * start - b.position() * end) * per_year;
        metrics.avg_cash_tied_up = p.cash_value_days / days;
        metrics.peak_cash_tied_up = p.peak_cash_value;
        metrics.avg_cash_in_transit = p.in_transit_value_days / days;
        metrics.avg_owed_to_suppliers = p.owed_value_days / days;
        metrics.holding_cost_per_year = p.cash_value_days * holding_rate_per_day * per_year;
        metrics.price_paid_per_unit =
            if p.bought_units > 0.0 { p.paid / p.bought_units } else { end };
        metrics.forward_bought_units_per_year = p.forward_units * per_year;
    }
    if let Some(price) = item.selling_price() {
        metrics.margin_per_year =
            margin_per_year(price, metrics.demanded_units_per_year, metrics.total_cost_per_year());
    }
    metrics
}
