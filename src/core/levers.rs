//! The day loop's view of the other answers to supply risk an item may use besides a buffer:
//! expediting (`core::expedite`), storage space (`core::storage`), and prices over time with
//! a supply agreement and forward buying (`core::prices`), and a second source
//! (`core::sourcing`). Each is described and documented
//! in its own file; this one is only how the day loop meets them.
//!
//! The loop is generic over [`Levers`], chosen once per run: [`Plain`] (an item using none
//! of them, as every item did before they existed) is a constant `NONE` that compiles every
//! call away, so unused levers cost nothing; [`Active`] holds whichever the item uses and
//! counts what they do in the measured days.

use crate::core::expedite::Expedite;
use crate::core::prices::PriceBook;
use crate::core::sim::Draws;
use crate::core::sourcing::{Routed, SecondSource};
use crate::core::storage::Storage;

/// Which levers an item uses: what its results report beyond the rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LeversUsed {
    pub expedite: bool,
    pub storage: bool,
    /// Prices over time or a supply agreement: the price paid is reported.
    #[serde(default)]
    pub prices: bool,
    #[serde(default)]
    pub forward_buy: bool,
    /// A second source (`core::sourcing`).
    #[serde(default)]
    pub backup: bool,
}

/// What the levers did over a run's measured days.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct LeverTotals {
    pub expedites: f64,
    pub expedited_units: f64,
    /// Premium and fixed charges of the expedites.
    pub expedite_cost: f64,
    pub refused_units: f64,
    pub refused_deliveries: f64,
    pub overflow_days: f64,
    /// Rented overflow space.
    pub overflow_cost: f64,
    /// With prices over time, the money side valued at the price paid.
    pub priced: Option<Priced>,
    /// Orders to the backup, their units, and their price difference and order costs.
    pub backup_orders: f64,
    pub backup_units: f64,
    pub backup_cost: f64,
}

/// What prices over time change in a run's money (`core::prices`): purchases paid at the
/// price of the day, and cash valued at the book price (sums over the measured days).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Priced {
    /// What the measured days' orders paid, less what was not delivered.
    pub paid: f64,
    pub bought_units: f64,
    pub forward_units: f64,
    /// Σ over the measured days of cash tied up, paid-for stock in transit and what is owed,
    /// each valued at the day's book price; and the most cash on one of them.
    pub cash_value_days: f64,
    pub in_transit_value_days: f64,
    pub owed_value_days: f64,
    pub peak_cash_value: f64,
}

/// The levers as the day loop calls them.
pub(crate) trait Levers {
    /// True for [`Plain`]: the loop skips every call.
    const NONE: bool;
    /// The units of a delivery of `arriving` taken in, given the stock on hand and the
    /// customers waiting before it lands.
    fn accept<const MEASURED: bool>(&mut self, on_hand: f64, backorders: f64, arriving: f64)
        -> f64;
    /// The evening's stock on hand (after the day's demand), and the units paid for in
    /// transit and owed (0 when paid on receipt).
    fn evening<const MEASURED: bool>(&mut self, on_hand: f64, in_transit: f64, owed: f64);
    /// An order of `units` (`placed` on the purchase order) placed on `day` with the
    /// inventory position at `position` before it.
    fn bought<const MEASURED: bool>(&mut self, day: usize, position: f64, placed: f64, units: f64);
    /// Units ordered that left the position without arriving (short delivered, refused).
    fn unbought<const MEASURED: bool>(&mut self, units: f64);
    /// The extra units a review on `day` buys ahead of an announced rise.
    fn forward<const MEASURED: bool>(&mut self, day: usize, review: u32) -> f64;
    /// The book price, when prices move (`core::prices`); `None` values stock at unit cost.
    fn book_price(&self) -> Option<f64>;
    /// The expedite lead time, when the item expedites.
    fn expedite_lead(&self) -> Option<usize>;
    /// The days after an evening whose deliveries count as due soon: the expedite lead time,
    /// or a dual-index backup's longest lead time (`core::sourcing`).
    fn soon_window(&self) -> Option<usize>;
    /// The backup's part of a regular order of `quantity` units placed on `day`, when it
    /// takes one.
    fn route<const MEASURED: bool>(&mut self, day: usize, quantity: f64) -> Option<Routed>;
    /// A dual-index emergency order at the review of `day`, for a fast position of `fast`.
    fn emergency<const MEASURED: bool>(&mut self, day: usize, fast: f64) -> Option<Routed>;
    /// The emergency order for an expedite position of `position` units this evening, when
    /// one is placed (`supplier_up`: whether the supplier is up the next day).
    fn expedite<const MEASURED: bool>(
        &mut self,
        position: f64,
        supplier_up: bool,
        whole: bool,
    ) -> Option<f64>;
    fn totals(&self) -> LeverTotals;
    /// The orders the levers placed since the last call ([`EXPEDITED`], [`BACKUP_ORDERED`]
    /// bits), for the chart's marks.
    fn take_marks(&mut self) -> u8;
}

/// A day's mark: an expedite was placed.
pub const EXPEDITED: u8 = 1;
/// A day's mark: an order (or part of one) went to the backup.
pub const BACKUP_ORDERED: u8 = 2;

/// No levers: nothing to do.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Plain;

impl Levers for Plain {
    const NONE: bool = true;
    #[inline(always)]
    fn accept<const MEASURED: bool>(&mut self, _: f64, _: f64, arriving: f64) -> f64 {
        arriving
    }
    #[inline(always)]
    fn evening<const MEASURED: bool>(&mut self, _: f64, _: f64, _: f64) {}
    #[inline(always)]
    fn bought<const MEASURED: bool>(&mut self, _: usize, _: f64, _: f64, _: f64) {}
    #[inline(always)]
    fn unbought<const MEASURED: bool>(&mut self, _: f64) {}
    #[inline(always)]
    fn forward<const MEASURED: bool>(&mut self, _: usize, _: u32) -> f64 {
        0.0
    }
    #[inline(always)]
    fn book_price(&self) -> Option<f64> {
        None
    }
    #[inline(always)]
    fn expedite_lead(&self) -> Option<usize> {
        None
    }
    #[inline(always)]
    fn soon_window(&self) -> Option<usize> {
        None
    }
    #[inline(always)]
    fn route<const MEASURED: bool>(&mut self, _: usize, _: f64) -> Option<Routed> {
        None
    }
    #[inline(always)]
    fn emergency<const MEASURED: bool>(&mut self, _: usize, _: f64) -> Option<Routed> {
        None
    }
    #[inline(always)]
    fn expedite<const MEASURED: bool>(&mut self, _: f64, _: bool, _: bool) -> Option<f64> {
        None
    }
    fn totals(&self) -> LeverTotals {
        LeverTotals::default()
    }
    #[inline(always)]
    fn take_marks(&mut self) -> u8 {
        0
    }
}

/// The levers an item uses, and what they did in the measured days.
#[derive(Clone, Debug)]
pub(crate) struct Active<'a> {
    expedite: Option<Expedite>,
    storage: Option<Storage>,
    prices: Option<PriceBook<'a>>,
    source: Option<SecondSource<'a>>,
    /// The item's unit cost (what the backup's difference is from).
    unit_cost: f64,
    /// The capacity in units (infinite without storage space).
    capacity: f64,
    expedites: u32,
    expedited_units: f64,
    refused_units: f64,
    refused_deliveries: u32,
    overflow_unit_days: f64,
    overflow_days: u32,
    /// Orders placed since the day loop last looked ([`Levers::take_marks`]).
    marks: u8,
}

impl<'a> Active<'a> {
    /// The levers of an item over one replication's draws, or `None` when it uses none (then
    /// run [`Plain`]).
    pub(crate) fn new(
        item: &'a crate::core::scenario::Item,
        draws: &'a Draws,
    ) -> Option<Active<'a>> {
        let (expedite, storage) = (item.expedite(), item.storage());
        let prices = item.prices().map(|p| PriceBook::new(item, p, &draws.price));
        let source = item.backup().map(|b| SecondSource::new(item, b, draws));
        if expedite.is_none() && storage.is_none() && prices.is_none() && source.is_none() {
            return None;
        }
        Some(Active {
            expedite,
            storage,
            prices,
            source,
            unit_cost: item.unit_cost(),
            capacity: storage.map_or(f64::INFINITY, |s| s.capacity.units()),
            expedites: 0,
            expedited_units: 0.0,
            refused_units: 0.0,
            refused_deliveries: 0,
            overflow_unit_days: 0.0,
            overflow_days: 0,
            marks: 0,
        })
    }
}

impl Levers for Active<'_> {
    const NONE: bool = false;

    #[inline]
    fn accept<const MEASURED: bool>(
        &mut self,
        on_hand: f64,
        backorders: f64,
        arriving: f64,
    ) -> f64 {
        let Some(storage) = self.storage else { return arriving };
        let accepted = storage.accepted(self.capacity, on_hand, backorders, arriving);
        if MEASURED && accepted < arriving {
            self.refused_units += arriving - accepted;
            self.refused_deliveries += 1;
        }
        accepted
    }

    #[inline]
    fn evening<const MEASURED: bool>(&mut self, on_hand: f64, in_transit: f64, owed: f64) {
        if MEASURED && on_hand > self.capacity {
            self.overflow_unit_days += on_hand - self.capacity;
            self.overflow_days += 1;
        }
        if let Some(book) = &mut self.prices {
            book.evening::<MEASURED>(on_hand, in_transit, owed);
        }
    }

    #[inline]
    fn bought<const MEASURED: bool>(&mut self, day: usize, position: f64, placed: f64, units: f64) {
        if let Some(book) = &mut self.prices {
            book.bought::<MEASURED>(day, position, placed, units);
        }
    }

    #[inline]
    fn unbought<const MEASURED: bool>(&mut self, units: f64) {
        if let Some(book) = &mut self.prices {
            book.unbought::<MEASURED>(units);
        }
    }

    #[inline]
    fn forward<const MEASURED: bool>(&mut self, day: usize, review: u32) -> f64 {
        match &mut self.prices {
            Some(book) => book.forward::<MEASURED>(day, review),
            None => 0.0,
        }
    }

    #[inline]
    fn book_price(&self) -> Option<f64> {
        self.prices.as_ref().map(PriceBook::book)
    }

    #[inline]
    fn expedite_lead(&self) -> Option<usize> {
        self.expedite.map(|e| e.lead_time_days as usize)
    }

    #[inline]
    fn soon_window(&self) -> Option<usize> {
        self.expedite_lead().or_else(|| self.source.as_ref().and_then(|s| s.window()))
    }

    #[inline]
    fn route<const MEASURED: bool>(&mut self, day: usize, quantity: f64) -> Option<Routed> {
        let routed = self.source.as_mut()?.route::<MEASURED>(day, quantity)?;
        self.marks |= BACKUP_ORDERED;
        Some(routed)
    }

    #[inline]
    fn emergency<const MEASURED: bool>(&mut self, day: usize, fast: f64) -> Option<Routed> {
        let routed = self.source.as_mut()?.emergency::<MEASURED>(day, fast)?;
        self.marks |= BACKUP_ORDERED;
        Some(routed)
    }

    #[inline]
    fn expedite<const MEASURED: bool>(
        &mut self,
        position: f64,
        supplier_up: bool,
        whole: bool,
    ) -> Option<f64> {
        let e = self.expedite?;
        if e.fails_while_down && !supplier_up {
            return None;
        }
        let q = e.quantity(position, whole)?;
        self.marks |= EXPEDITED;
        if MEASURED {
            self.expedites += 1;
            self.expedited_units += q;
        }
        Some(q)
    }

    #[inline]
    fn take_marks(&mut self) -> u8 {
        std::mem::take(&mut self.marks)
    }

    fn totals(&self) -> LeverTotals {
        let expedites = f64::from(self.expedites);
        LeverTotals {
            expedites,
            expedited_units: self.expedited_units,
            expedite_cost: self.expedite.map_or(0.0, |e| e.cost(expedites, self.expedited_units)),
            refused_units: self.refused_units,
            refused_deliveries: f64::from(self.refused_deliveries),
            overflow_days: f64::from(self.overflow_days),
            overflow_cost: self
                .storage
                .map_or(0.0, |s| s.overflow_per_unit_day() * self.overflow_unit_days),
            priced: self.prices.as_ref().map(|b| Priced {
                paid: b.paid,
                bought_units: b.bought_units,
                forward_units: b.forward_units,
                cash_value_days: b.cash_value,
                in_transit_value_days: b.in_transit_value,
                owed_value_days: b.owed_value,
                peak_cash_value: b.peak_cash_value,
            }),
            backup_orders: self.source.as_ref().map_or(0.0, |s| f64::from(s.orders)),
            backup_units: self.source.as_ref().map_or(0.0, |s| s.units),
            backup_cost: self.source.as_ref().map_or(0.0, |s| s.cost(self.unit_cost)),
        }
    }
}
