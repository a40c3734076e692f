//! Replenishment policies. Both ends of the slice are order-up-to policies reviewed daily:
//! at each review, if the inventory position (on hand + on order − backorders) is below the
//! level S, order up to S.

use crate::core::scenario::Item;

/// Which policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PolicyKind {
    /// Just-in-time: order-up-to level = expected demand over the protection period, no
    /// safety stock.
    Jit,
    /// Just-in-case: the JIT level plus a buffer of N days of expected demand.
    Jic,
}

impl PolicyKind {
    pub fn name(self) -> &'static str {
        match self {
            PolicyKind::Jit => "JIT",
            PolicyKind::Jic => "JIC",
        }
    }
}

/// A policy with its numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Policy {
    pub kind: PolicyKind,
    /// The order-up-to level S in units.
    pub order_up_to: f64,
    /// The safety stock above the JIT level, in days of expected demand.
    pub buffer_days: f64,
    /// The same safety stock in units.
    pub buffer_units: f64,
}

impl Policy {
    /// The policy of the given kind for an item.
    ///
    /// ```text
    /// S_JIT = E[d] · (E[L] + R)
    /// S_JIC = E[d] · (E[L] + R + buffer days)
    /// ```
    pub fn for_item(kind: PolicyKind, item: &Item) -> Policy {
        let daily = item.demand().expected();
        let cycle = daily * item.protection_period_days();
        let buffer_days = match kind {
            PolicyKind::Jit => 0.0,
            PolicyKind::Jic => item.jic_buffer_days(),
        };
        let buffer_units = daily * buffer_days;
        Policy { kind, order_up_to: cycle + buffer_units, buffer_days, buffer_units }
    }
}
