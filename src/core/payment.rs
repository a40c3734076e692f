//! Payment terms, and the cash an item ties up under them.
//!
//! **Cash tied up** on a day is what has been paid for and not yet sold:
//!
//! ```text
//! cash = unit cost × (on hand + in transit already paid for − received and not yet paid for)
//! ```
//!
//! - **Paid at order**: an order is paid when placed, so everything on order (in transit, or
//!   held while the supplier is down) is cash tied up: cash = c × (on hand + on order).
//! - **Paid on receipt** (the default): cash = c × on hand.
//! - **Paid N days after receipt**: a delivery landing on the morning of day t is paid on the
//!   morning of day t + N, so at the end of day d the units received on days d − N + 1 … d are
//!   still owed: cash = c × (on hand − owed). With N = 0 it is payment on receipt.
//!
//! Cash can be negative: a fast mover sold before its supplier is paid is financed by the
//! supplier, and capital holding on it is then a credit. Capital holding is charged on the
//! end-of-day cash, storage on the units on hand. With a supply yield the expected good units
//! are paid for when ordered (corrected by what lands), as in the purchases.
//!
//! The day loop is generic over a [`Ledger`]: payment on receipt tracks nothing at all, so
//! an item without payment terms runs exactly as fast as before they existed.

/// When an item's supplier is paid.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PaymentTerms {
    /// When the order is placed: stock in transit is cash tied up.
    AtOrder,
    /// When the delivery lands (the default): cash tied up is the stock on hand.
    #[default]
    OnReceipt,
    /// This many days after the delivery lands: the supplier finances the stock meanwhile.
    AfterReceipt { days: u32 },
}

/// The longest credit a supplier may give, in days.
pub const MAX_PAYMENT_DAYS: u32 = 365;

impl PaymentTerms {
    /// A sentence for the page and the docs: "paid at order", "paid 30 days after receipt".
    pub fn describe(self) -> String {
        match self {
            PaymentTerms::AtOrder => "paid at order".into(),
            PaymentTerms::OnReceipt | PaymentTerms::AfterReceipt { days: 0 } => {
                "paid on receipt".into()
            }
            PaymentTerms::AfterReceipt { days: 1 } => "paid 1 day after receipt".into(),
            PaymentTerms::AfterReceipt { days } => format!("paid {days} days after receipt"),
        }
    }

    /// Whether the cash differs from the stock on hand at all (payment on receipt, or after
    /// 0 days, does not).
    pub fn tracked(self) -> bool {
        !matches!(self, PaymentTerms::OnReceipt | PaymentTerms::AfterReceipt { days: 0 })
    }
}

/// What the day loop keeps to know the cash tied up. Its methods are called every day
/// (warm-up included, so deliveries before the measured days are still owed in them).
pub(crate) trait Ledger {
    /// Whether there is anything to track: when false, cash is the stock on hand and the
    /// loop skips every call (a constant, so the branch compiles away).
    const TRACKED: bool;
    /// The morning of `day`: deliveries received `days` ago are paid, then `units` land.
    fn receive(&mut self, day: usize, units: f64);
    /// The units paid for while in transit, of the `on_order` units (all of them, or none).
    fn in_transit(&self, on_order: f64) -> f64;
    /// The units received and not yet paid for.
    fn owed(&self) -> f64;
}

/// Payment on receipt: nothing to track.
#[derive(Default)]
pub(crate) struct OnReceipt;

impl Ledger for OnReceipt {
    const TRACKED: bool = false;
    #[inline(always)]
    fn receive(&mut self, _: usize, _: f64) {}
    #[inline(always)]
    fn in_transit(&self, _: f64) -> f64 {
        0.0
    }
    #[inline(always)]
    fn owed(&self) -> f64 {
        0.0
    }
}

/// Payment at order, or some days after receipt.
#[derive(Default)]
pub(crate) struct Tracked {
    /// 1 when paid at order (what is on order is paid for), else 0.
    paid_in_transit: f64,
    /// Days of credit after receipt (0 when paid at order).
    delay: usize,
    /// Units received by day, modulo the ring's length (a power of two above `delay`).
    received: Vec<f64>,
    mask: usize,
    owed: f64,
}

impl Tracked {
    pub(crate) fn new(terms: PaymentTerms) -> Tracked {
        let (paid_in_transit, delay) = match terms {
            PaymentTerms::AtOrder => (1.0, 0),
            PaymentTerms::OnReceipt => (0.0, 0),
            PaymentTerms::AfterReceipt { days } => (0.0, days as usize),
        };
        let ring = if delay == 0 { 0 } else { (delay + 1).next_power_of_two() };
        Tracked {
            paid_in_transit,
            delay,
            received: vec![0.0; ring],
            mask: ring.saturating_sub(1),
            owed: 0.0,
        }
    }
}

impl Ledger for Tracked {
    const TRACKED: bool = true;

    #[inline(always)]
    fn receive(&mut self, day: usize, units: f64) {
        if self.delay == 0 {
            return;
        }
        if day >= self.delay {
            let paid = std::mem::take(&mut self.received[(day - self.delay) & self.mask]);
            self.owed -= paid;
        }
        // The ring is longer than the delay, so today's slot was paid (and emptied) already.
        self.received[day & self.mask] += units;
        self.owed += units;
    }

    #[inline(always)]
    fn in_transit(&self, on_order: f64) -> f64 {
        self.paid_in_transit * on_order
    }

    #[inline(always)]
    fn owed(&self) -> f64 {
        // Adding and taking away the same deliveries leaves float dust: never below 0.
        if self.owed > 0.0 {
            self.owed
        } else {
            0.0
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deliveries_are_owed_for_exactly_the_credit_days() {
        let mut ledger = Tracked::new(PaymentTerms::AfterReceipt { days: 3 });
        // 10 land on day 0, 5 on day 2; day 0's are paid on the morning of day 3.
        let owed: Vec<f64> = (0..7)
            .map(|day| {
                let units = match day {
                    0 => 10.0,
                    2 => 5.0,
                    _ => 0.0,
                };
                ledger.receive(day, units);
                ledger.owed()
            })
            .collect();
        assert_eq!(owed, [10.0, 10.0, 15.0, 5.0, 5.0, 0.0, 0.0]);
        assert_eq!(ledger.in_transit(40.0), 0.0);
        let at_order = Tracked::new(PaymentTerms::AtOrder);
        assert_eq!(at_order.in_transit(40.0), 40.0);
        assert!(!PaymentTerms::AfterReceipt { days: 0 }.tracked());
        assert_eq!(
            PaymentTerms::AfterReceipt { days: 30 }.describe(),
            "paid 30 days after receipt"
        );
    }
}
