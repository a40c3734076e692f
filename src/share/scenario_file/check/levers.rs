//! The levers' parts of an item, each number range-checked at its path: expediting, a
//! backup supplier (and the supplier names it refers to), prices over time and forward
//! buying, the shared warehouse and an item's storage space.

#[allow(clippy::wildcard_imports)]
use super::*;

/// Expediting, each number range-checked at its path.
pub(super) fn expedite(c: &mut Check, at: &dyn fmt::Display, e: ExpediteFile) -> Expedite {
    let q = |field| At { part: at, field };
    Expedite {
        trigger_units: c.num(q("trigger_units"), e.trigger_units, ranges::UNITS),
        order_units: c.opt(q("order_units"), e.order_units, 0.0, ranges::UNITS),
        lead_time_days: c.num(q("lead_time_days"), e.lead_time_days, ranges::EXPEDITE_LEAD) as u32,
        premium_per_unit: c.num(q("premium_per_unit"), e.premium_per_unit, ranges::PRICE),
        fixed_cost: c.opt(q("fixed_cost"), e.fixed_cost, 0.0, ranges::EXPEDITE_CHARGE),
        fails_while_down: e.fails_while_down.unwrap_or(false),
    }
}

/// The position of the supplier called `name`, or a problem at `at` listing the names there
/// are.
pub(super) fn supplier_named(
    c: &mut Check,
    at: &dyn fmt::Display,
    name: &str,
    suppliers: &[SupplierSpec],
    named: &HashMap<&str, usize>,
) -> Option<usize> {
    let found = named.get(name).copied();
    if found.is_none() {
        c.invalid(
            at,
            format!(
                "\"{}\" is not a supplier of this scenario; accepted: {}",
                shorten(name, 40),
                names_listed(suppliers)
            ),
        );
    }
    found
}

/// A backup source: each number range-checked at its path, its supplier found by name, and
/// the rule's own number required with it (and refused with another rule).
pub(super) fn backup(
    c: &mut Check,
    at: &dyn fmt::Display,
    b: &BackupFile,
    suppliers: &[SupplierSpec],
    named: &HashMap<&str, usize>,
) -> BackupSpec {
    let q = |field| At { part: at, field };
    let supplier = b
        .supplier
        .as_ref()
        .and_then(|name| supplier_named(c, &q("supplier"), name, suppliers, named));
    let rule = match (b.rule, b.backup_share, b.level_units) {
        (SourcingRuleFile::Split, Some(share), None) => SourcingRule::Split {
            backup_share: c.num(q("backup_share"), share, ranges::BACKUP_SHARE),
        },
        (SourcingRuleFile::WhilePrimaryDown, None, None) => SourcingRule::WhilePrimaryDown,
        (SourcingRuleFile::DualIndex, None, Some(level)) => {
            SourcingRule::DualIndex { level_units: c.num(q("level_units"), level, ranges::UNITS) }
        }
        (rule, share, level) => {
            let (name, needs) = match rule {
                SourcingRuleFile::Split => ("\"split\"", "backup_share"),
                SourcingRuleFile::WhilePrimaryDown => ("\"while_primary_down\"", "neither"),
                SourcingRuleFile::DualIndex => ("\"dual_index\"", "level_units"),
            };
            let given = match (share, level) {
                (Some(_), Some(_)) => "backup_share and level_units",
                (Some(_), None) => "backup_share",
                (None, Some(_)) => "level_units",
                (None, None) => "neither",
            };
            c.invalid(
                q("rule"),
                format!(
                    "{name} given with {given}; accepted: \"split\" with backup_share, \
                     \"dual_index\" with level_units, \"while_primary_down\" with neither \
                     (this rule needs {needs})"
                ),
            );
            SourcingRule::WhilePrimaryDown
        }
    };
    BackupSpec {
        supplier,
        lead_time: b.lead_time.to_core(c, &q("lead_time")),
        unit_cost: c.num(q("unit_cost"), b.unit_cost, ranges::PRICE),
        order_cost: c.opt(q("order_cost"), b.order_cost, 0.0, ranges::PRICE),
        min_order_units: c.opt(q("min_order_units"), b.min_order_units, 0.0, ranges::UNITS),
        rule,
    }
}

/// Prices over time, each number range-checked at its path; a change needs exactly one of
/// `to_price` and `pct`. The days against the horizon are core's, reported at `prices`.
pub(super) fn prices(c: &mut Check, at: &dyn fmt::Display, x: &PricesFile) -> Prices {
    let q = |field| At { part: at, field };
    if x.changes.len() > MAX_PRICE_CHANGES {
        c.count(q("changes"), x.changes.len(), MAX_PRICE_CHANGES, "price changes");
    }
    let changes = x
        .changes
        .iter()
        .take(MAX_PRICE_CHANGES)
        .enumerate()
        .map(|(k, ch)| {
            let row = Indexed { list: &At { part: at, field: "changes" }, index: k };
            let r = |field| At { part: &row, field };
            let change = match (ch.to_price, ch.pct) {
                (Some(price), None) => Change::To(c.num(r("to_price"), price, ranges::PRICE)),
                (None, Some(pct)) => Change::Pct(c.num(r("pct"), pct, ranges::PRICE_PCT)),
                _ => {
                    c.invalid(
                        row,
                        "needs exactly one of to_price (the new price per unit) and pct (the \
                         change in %)"
                            .into(),
                    );
                    Change::Pct(0.0)
                }
            };
            PriceChange {
                day: c.num(r("day"), ch.day, ranges::PRICE_DAY) as u32,
                change,
                announced_days_ahead: ch
                    .announced_days_ahead
                    .map(|d| c.num(r("announced_days_ahead"), d, ranges::NOTICE) as u32),
            }
        })
        .collect();
    Prices {
        inflation_pct_per_year: c.opt(
            q("inflation_pct_per_year"),
            x.inflation_pct_per_year,
            0.0,
            ranges::INFLATION,
        ),
        changes,
        jumps: x.jumps.map(|j| PriceJumps {
            per_year: c.num(q("jumps.per_year"), j.per_year, ranges::JUMP_RATE),
            mean_pct: c.num(q("jumps.mean_pct"), j.mean_pct, ranges::JUMP_MEAN),
            sd_pct: c.opt(q("jumps.sd_pct"), j.sd_pct, 0.0, ranges::JUMP_SD),
        }),
        agreement: x.agreement.map(|a| Agreement {
            price: c.num(q("agreement.price"), a.price, ranges::PRICE),
            units_per_period: c.num(
                q("agreement.units_per_period"),
                a.units_per_period,
                ranges::UNITS,
            ),
            period_days: c.num(q("agreement.period_days"), a.period_days, ranges::AGREEMENT_DAYS)
                as u32,
            start_day: c.opt(q("agreement.start_day"), a.start_day, 0.0, ranges::START_DAY) as u32,
            days: c.opt(q("agreement.days"), a.days, 3_650.0, ranges::AGREEMENT_DAYS) as u32,
        }),
        forward_buy: x.forward_buy.map(|f| match f {
            ForwardBuyFile::CoverDays { cover_days } => ForwardBuy::CoverDays(c.num(
                q("forward_buy.cover_days"),
                cover_days,
                ranges::FORWARD_DAYS,
            )),
            ForwardBuyFile::Rule(ForwardRuleFile::AsMuchAsPays) => ForwardBuy::AsMuchAsPays,
        }),
    }
}

/// The shared warehouse: a capacity in units or in m³, one or the other.
pub(super) fn warehouse(c: &mut Check, w: WarehouseFile) -> Warehouse {
    let at = |field: &str| format!("settings.warehouse.{field}");
    let (capacity, unit) = match (w.capacity_units, w.capacity_m3) {
        (Some(units), None) => {
            (c.num(at("capacity_units"), units, ranges::CAPACITY_UNITS), SpaceUnit::Units)
        }
        (None, Some(m3)) => {
            (c.num(at("capacity_m3"), m3, ranges::CAPACITY_M3), SpaceUnit::CubicMetres)
        }
        (units, _) => {
            c.invalid(
                at(if units.is_some() { "capacity_m3" } else { "capacity_units" }),
                format!(
                    "{}; accepted: capacity_units or capacity_m3, one of them",
                    if units.is_some() { "given with capacity_units" } else { "missing" }
                ),
            );
            (1.0, SpaceUnit::Units)
        }
    };
    Warehouse { capacity, unit }
}

/// Storage space: a capacity in units, or in m³ with a volume per unit (one or the other);
/// an overflow cost only when overflow space is rented, and then needed.
pub(super) fn storage(c: &mut Check, at: &dyn fmt::Display, s: StorageFile) -> Storage {
    let q = |field| At { part: at, field };
    let capacity = match (s.capacity_units, s.capacity_m3, s.m3_per_unit) {
        (Some(units), None, _) => {
            Capacity::Units(c.num(q("capacity_units"), units, ranges::CAPACITY_UNITS))
        }
        (None, Some(m3), Some(per_unit)) => Capacity::Volume {
            m3: c.num(q("capacity_m3"), m3, ranges::CAPACITY_M3),
            m3_per_unit: c.num(q("m3_per_unit"), per_unit, ranges::M3_PER_UNIT),
        },
        (None, Some(_), None) => {
            c.invalid(
                q("m3_per_unit"),
                "missing: a capacity in m³ needs the m³ one unit takes".into(),
            );
            Capacity::Units(1.0)
        }
        (Some(_), Some(_), _) => {
            c.invalid(
                q("capacity_m3"),
                "given with capacity_units; accepted: capacity_units, or capacity_m3 with \
                 m3_per_unit"
                    .into(),
            );
            Capacity::Units(1.0)
        }
        (None, None, _) => {
            c.invalid(
                q("capacity_units"),
                "missing; accepted: capacity_units, or capacity_m3 with m3_per_unit".into(),
            );
            Capacity::Units(1.0)
        }
    };
    if let (Some(_), Some(per_unit)) = (s.capacity_units, s.m3_per_unit) {
        c.invalid(
            q("m3_per_unit"),
            format!(
                "{} m³ a unit given with a capacity in units; accepted: m3_per_unit only with \
                 capacity_m3",
                Num(per_unit)
            ),
        );
    }
    let when_full = match (s.when_full.unwrap_or(WhenFullFile::Refuse), s.overflow_per_unit_day) {
        (WhenFullFile::Refuse, None) => WhenFull::Refuse,
        (WhenFullFile::Refuse, Some(_)) => {
            c.invalid(
                q("overflow_per_unit_day"),
                "applies only when overflow space is rented (\"when_full\": \"rent\")".into(),
            );
            WhenFull::Refuse
        }
        (WhenFullFile::Rent, None) => {
            c.invalid(
                q("overflow_per_unit_day"),
                "missing: renting overflow space needs its cost per unit per day".into(),
            );
            WhenFull::Rent { per_unit_day: 0.0 }
        }
        (WhenFullFile::Rent, Some(cost)) => WhenFull::Rent {
            per_unit_day: c.num(q("overflow_per_unit_day"), cost, ranges::OVERFLOW_COST),
        },
    };
    Storage { capacity, when_full }
}
