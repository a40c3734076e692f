//! How stock on hand is kept: in bulk, or as lots aged for their shelf life and issued FIFO
//! or LIFO. The day loop (`day.rs`) is generic over it, so bulk stock costs nothing extra.

use super::day::{min, QTY_EPS};

/// How stock on hand is kept: in bulk (units are alike) or as lots aged individually
/// (perishables). The day loop is generic over it, so bulk stock costs nothing extra.
pub(super) trait Shelf: Default {
    /// A delivery lands on `day`.
    fn receive(&mut self, day: usize, units: f64);
    /// Writes off what has expired by `day`; returns the units.
    fn expire(&mut self, day: usize) -> f64;
    /// Takes `units` (never more than on hand) for customers.
    fn issue(&mut self, units: f64);
    /// Empties the shelf (the item died).
    fn clear(&mut self) {
        *self = Self::default();
    }
    /// What a review on `day` leaves out of the inventory position: the units that will be
    /// written off the next morning, when the item's rule says so (0 otherwise).
    fn expiring_after(&self, day: usize) -> f64;
}

/// Stock whose units are alike: nothing to track beyond the total.
#[derive(Default)]
pub(super) struct Bulk;

impl Shelf for Bulk {
    #[inline(always)]
    fn receive(&mut self, _: usize, _: f64) {}
    #[inline(always)]
    fn expire(&mut self, _: usize) -> f64 {
        0.0
    }
    #[inline(always)]
    fn issue(&mut self, _: f64) {}
    #[inline(always)]
    fn expiring_after(&self, _: usize) -> f64 {
        0.0
    }
}

/// Perishable stock: lots in the order received, each with the first day it is no longer
/// usable (a lot received on day t with shelf life s serves days t … t+s−1), issued oldest
/// first (FIFO) or newest first (LIFO).
#[derive(Default)]
pub(super) struct Lots {
    pub(super) lots: std::collections::VecDeque<(usize, f64)>,
    pub(super) shelf_life: usize,
    pub(super) lifo: bool,
    /// The inventory position leaves out the units that expire the next morning.
    pub(super) net_of_expiring: bool,
}

impl Shelf for Lots {
    fn clear(&mut self) {
        self.lots.clear();
    }

    #[inline(always)]
    fn expiring_after(&self, day: usize) -> f64 {
        if !self.net_of_expiring {
            return 0.0;
        }
        // Lots are kept in the order received, so in order of the day they expire.
        self.lots.iter().take_while(|(expires, _)| *expires <= day + 1).map(|(_, q)| q).sum()
    }

    fn receive(&mut self, day: usize, units: f64) {
        if units <= 0.0 {
            return;
        }
        let expires = day + self.shelf_life;
        match self.lots.back_mut() {
            Some((e, q)) if *e == expires => *q += units,
            _ => self.lots.push_back((expires, units)),
        }
    }

    fn expire(&mut self, day: usize) -> f64 {
        let mut gone = 0.0;
        while let Some(&(expires, units)) = self.lots.front() {
            if expires > day {
                break;
            }
            gone += units;
            self.lots.pop_front();
        }
        gone
    }

    fn issue(&mut self, mut units: f64) {
        while units > QTY_EPS {
            let lot = if self.lifo { self.lots.back_mut() } else { self.lots.front_mut() };
            let Some((_, q)) = lot else { return };
            let take = min(*q, units);
            *q -= take;
            units -= take;
            if *q <= QTY_EPS {
                if self.lifo {
                    self.lots.pop_back();
                } else {
                    self.lots.pop_front();
                }
            }
        }
    }
}
