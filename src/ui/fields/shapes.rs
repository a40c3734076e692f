//! The choices the editor offers: distributions, and the shapes an optional part can take
//! (outages, payment terms, storage, a backup supplier, …), each with the JSON it starts from.

#[allow(clippy::wildcard_imports)]
use super::*;

/// The demand distributions the editor offers.
pub const DEMAND_KINDS: &[(&str, &str)] = &[
    ("normal", "Normal (censored at 0)"),
    ("poisson", "Poisson (whole units)"),
    ("gamma", "Gamma (skewed)"),
    ("negative_binomial", "Negative binomial (whole units, more variable)"),
    ("intermittent", "Intermittent (lumpy)"),
    ("compound_poisson", "Customers × order sizes (compound Poisson)"),
    ("empirical", "From daily history"),
];

/// The lead-time distributions the editor offers.
pub const LEAD_TIME_KINDS: &[(&str, &str)] = &[
    ("fixed", "Fixed"),
    ("uniform", "Uniform between two values"),
    ("normal", "Normal"),
    ("lognormal", "Lognormal (long right tail)"),
    ("gamma", "Gamma"),
    ("empirical", "From past receipts"),
];

/// Supply yield: none, or one of the file's distributions.
pub const YIELD_SHAPES: &[Shape] = &[
    shape("", "None: every order arrives whole", "", ""),
    shape("fixed", "A fixed share", r#"{"distribution": "fixed", "share": 0.95}"#, "share"),
    shape(
        "uniform",
        "Uniform between two shares",
        r#"{"distribution": "uniform", "min": 0.9, "max": 1}"#,
        "min",
    ),
    shape(
        "beta",
        "Beta (mean and sd)",
        r#"{"distribution": "beta", "mean": 0.95, "sd": 0.03}"#,
        "mean",
    ),
];

/// How the advice's "practically the same" is set.
pub const PRACTICAL_SHAPES: &[Shape] = &[
    shape("", "5 % of each item's operating cost (default)", "", ""),
    shape(
        "share",
        "A share of each item's operating cost",
        r#"{"pct_of_operating_cost": 5}"#,
        "pct_of_operating_cost",
    ),
    shape("amount", "An amount a year per item", r#"{"per_year": 100}"#, "per_year"),
];

/// The space every item shares: none, or a capacity in units or in m³.
pub const WAREHOUSE_SHAPES: &[Shape] = &[
    shape("", "None: no shared space reported", "", ""),
    shape("units", "A capacity in units", r#"{"capacity_units": 10000}"#, "capacity_units"),
    shape("m3", "A capacity in m³", r#"{"capacity_m3": 500}"#, "capacity_m3"),
];

/// A supplier's random outages: none, as spells up and down, or as a machine's availability.
pub const OUTAGE_SHAPES: &[Shape] = &[
    shape("", "None: never down at random", "", ""),
    shape(
        "spells",
        "Mean time up and mean outage",
        r#"{"mean_up_days": 60, "mean_down_days": 3}"#,
        "mean_up_days",
    ),
    shape(
        "availability",
        "Availability and mean repair time (a machine)",
        r#"{"availability": 0.95, "mean_repair_days": 2}"#,
        "availability",
    ),
];

/// The terms a supplier can be paid on (after the "none" each list starts with).
pub(super) const AT_ORDER: Shape = shape(
    "at_order",
    "At order: stock in transit is paid for",
    r#"{"paid": "at_order"}"#,
    "paid=at_order",
);
pub(super) const ON_RECEIPT: Shape =
    shape("on_receipt", "On receipt", r#"{"paid": "on_receipt"}"#, "paid=on_receipt");
pub(super) const AFTER_RECEIPT: Shape = shape(
    "after_receipt",
    "Some days after receipt (supplier credit)",
    r#"{"paid": "after_receipt", "days": 30}"#,
    "paid=after_receipt",
);

/// When an item's supplier is paid: as the supplier says, or the item's own terms.
pub const ITEM_PAYMENT_SHAPES: &[Shape] = &[
    shape("", "As its supplier's terms say (else on receipt)", "", ""),
    AT_ORDER,
    ON_RECEIPT,
    AFTER_RECEIPT,
];

/// Buying ahead of announced price rises.
pub const FORWARD_SHAPES: &[Shape] = &[
    shape("", "No", "", ""),
    shape("cover", "Up to a cover of days of demand", r#"{"cover_days": 30}"#, "cover_days"),
    shape("pays", "As much as pays", r#""as_much_as_pays""#, "=as_much_as_pays"),
];

/// A second supplier: none, or one of the rules sharing orders with it.
pub const BACKUP_SHAPES: &[Shape] = &[
    shape("", "None: one supplier", "", ""),
    shape(
        "while_down",
        "Used only while the supplier is down",
        r#"{"lead_time": {"distribution": "fixed", "days": 5}, "unit_cost": 45, "order_cost": 50, "rule": "while_primary_down"}"#,
        "rule=while_primary_down",
    ),
    shape(
        "split",
        "A fixed share of every order",
        r#"{"lead_time": {"distribution": "fixed", "days": 5}, "unit_cost": 45, "order_cost": 50, "rule": "split", "backup_share": 0.3}"#,
        "rule=split",
    ),
    shape(
        "dual_index",
        "Emergency orders below its own level (dual index)",
        r#"{"lead_time": {"distribution": "fixed", "days": 2}, "unit_cost": 45, "order_cost": 50, "rule": "dual_index", "level_units": 60}"#,
        "rule=dual_index",
    ),
];

/// An item's storage space: none, a capacity with overflow rented, or one that refuses what
/// does not fit (in units, or in m³).
pub const STORAGE_SHAPES: &[Shape] = &[
    shape("", "None: room for anything", "", ""),
    shape(
        "rent",
        "Limited: overflow space rented beyond it",
        r#"{"capacity_units": 1000, "when_full": "rent", "overflow_per_unit_day": 0.05}"#,
        "when_full=rent",
    ),
    shape(
        "refuse",
        "Limited: what does not fit is refused",
        r#"{"capacity_units": 1000, "when_full": "refuse"}"#,
        "capacity_units",
    ),
    shape(
        "volume",
        "Limited in m³: what does not fit is refused",
        r#"{"capacity_m3": 50, "m3_per_unit": 0.05, "when_full": "refuse"}"#,
        "capacity_m3",
    ),
];

/// When a supplier is paid, for its items that do not say.
pub const SUPPLIER_PAYMENT_SHAPES: &[Shape] =
    &[shape("", "On receipt (the default)", "", ""), AT_ORDER, ON_RECEIPT, AFTER_RECEIPT];

/// The days of credit, under terms paid after receipt.
pub(super) fn payment_days() -> FieldDef {
    number(
        "payment_terms.days",
        "Days of credit",
        "days after receipt",
        "A delivery is paid this many days after it lands; until then the supplier finances it.",
        ranges::PAYMENT_DAYS,
    )
    .when("payment_terms.paid", &["after_receipt"])
}

/// What a perishable item's inventory position counts (the first is the file's default).
pub(super) const POSITION: &[(&str, &str)] = &[
    ("all_on_hand", "Everything on hand"),
    ("net_of_expiring", "On hand less what expires tomorrow"),
];

/// Perishable stock's issuing order (the first is the file's default).
pub(super) const ISSUING: &[(&str, &str)] =
    &[("fifo", "Oldest first (FIFO)"), ("lifo", "Newest first (LIFO)")];

pub(super) const WITH_MEAN: &[&str] = &["normal", "poisson", "gamma", "negative_binomial"];
pub(super) const WITH_SD: &[&str] = &["normal", "gamma", "negative_binomial"];
pub(super) const LEAD_MEAN_SD: &[&str] = &["normal", "lognormal", "gamma"];

pub(super) const SHORTAGE: &[(&str, &str)] = &[
    ("", "As the settings say"),
    ("backorder", "Backorder (customer waits)"),
    ("lost_sale", "Lost sale"),
];
