//! The policies an item compares (JIT, JIC, make-to-order and the rules behind them),
//! checked at their paths.

#[allow(clippy::wildcard_imports)]
use super::*;

impl PolicyFile {
    pub(super) fn to_core(
        &self,
        c: &mut Check,
        at: &dyn fmt::Display,
    ) -> (Option<String>, PolicySpec) {
        let p = |field| At { part: at, field };
        let units = |c: &mut Check, field: &'static str, x: f64| c.num(p(field), x, ranges::UNITS);
        let review =
            |c: &mut Check, r: f64| c.num(p("review_period_days"), r, ranges::REVIEW_PERIOD) as u32;
        let rule = |rule: Rule, review_period_days: Option<u32>| PolicySpec::Rule {
            rule,
            review_period_days,
        };
        let (name, spec) = match self {
            PolicyFile::Jit { name } => (name, PolicySpec::Jit),
            PolicyFile::MakeToOrder { name } => (name, PolicySpec::MakeToOrder),
            PolicyFile::Jic { name, buffer_days, cycle_service_level, fill_rate } => {
                let spec = match (buffer_days, cycle_service_level, fill_rate) {
                    (Some(days), None, None) => PolicySpec::Jic {
                        buffer_days: c.num(
                            p("buffer_days"),
                            *days,
                            Field::JicBufferDays.spec().accepted(),
                        ),
                    },
                    (None, Some(a), None) => {
                        PolicySpec::ServiceTarget(ServiceTarget::CycleServiceLevel(c.num(
                            p("cycle_service_level"),
                            *a,
                            ranges::SERVICE,
                        )))
                    }
                    (None, None, Some(b)) => PolicySpec::ServiceTarget(ServiceTarget::FillRate(
                        c.num(p("fill_rate"), *b, ranges::SERVICE),
                    )),
                    _ => {
                        c.invalid(
                            at,
                            "a JIC policy takes exactly one of \"buffer_days\", \
                             \"cycle_service_level\" or \"fill_rate\""
                                .into(),
                        );
                        PolicySpec::Jic { buffer_days: 0.0 }
                    }
                };
                (name, spec)
            }
            PolicyFile::JicByMonth { name, buffer_days } => {
                if buffer_days.len() != 12 {
                    c.invalid(
                        p("buffer_days"),
                        format!("{} buffers; accepted: exactly 12, one a month", buffer_days.len()),
                    );
                }
                let mut months = [0.0; 12];
                for (k, &b) in buffer_days.iter().enumerate().take(12) {
                    months[k] = c.num(
                        Indexed { list: &At { part: at, field: "buffer_days" }, index: k },
                        b,
                        Field::JicBufferDays.spec().accepted(),
                    );
                }
                (name, PolicySpec::Monthly { buffer_days: months })
            }
            PolicyFile::JicReestimated { name, cycle_service_level, every_days, window_days } => (
                name,
                PolicySpec::Reestimated {
                    cycle_service_level: c.num(
                        p("cycle_service_level"),
                        *cycle_service_level,
                        ranges::SERVICE,
                    ),
                    every_days: c.num(p("every_days"), *every_days, ranges::OUTAGE_DAYS) as u32,
                    window_days: c.num(p("window_days"), *window_days, ranges::WINDOW) as u32,
                },
            ),
            PolicyFile::BaseStock { name, order_up_to, review_period_days } => (
                name,
                rule(
                    Rule::OrderUpTo { level: units(c, "order_up_to", *order_up_to) },
                    review_period_days.map(|r| review(c, r)),
                ),
            ),
            PolicyFile::PeriodicOrderUpTo { name, review_period_days, order_up_to } => (
                name,
                rule(
                    Rule::OrderUpTo { level: units(c, "order_up_to", *order_up_to) },
                    Some(review(c, *review_period_days)),
                ),
            ),
            PolicyFile::MinMax { name, reorder_point, order_up_to, review_period_days } => (
                name,
                rule(
                    Rule::MinMax {
                        reorder_point: units(c, "reorder_point", *reorder_point),
                        level: units(c, "order_up_to", *order_up_to),
                    },
                    review_period_days.map(|r| review(c, r)),
                ),
            ),
            PolicyFile::PeriodicMinMax { name, review_period_days, reorder_point, order_up_to } => {
                (
                    name,
                    rule(
                        Rule::MinMax {
                            reorder_point: units(c, "reorder_point", *reorder_point),
                            level: units(c, "order_up_to", *order_up_to),
                        },
                        Some(review(c, *review_period_days)),
                    ),
                )
            }
            PolicyFile::Plan { name, review_period_days, periods } => {
                c.count(p("periods"), periods.len(), MAX_PLAN_PERIODS, "periods");
                let periods = periods
                    .iter()
                    .enumerate()
                    .map(|(k, period)| {
                        let row = Indexed { list: &At { part: at, field: "periods" }, index: k };
                        let q = |field| At { part: &row, field };
                        let levels = period
                            .order_up_to
                            .iter()
                            .enumerate()
                            .map(|(w, &x)| {
                                c.num(
                                    Indexed {
                                        list: &At {
                                            part: &Indexed {
                                                list: &At { part: at, field: "periods" },
                                                index: k,
                                            },
                                            field: "order_up_to",
                                        },
                                        index: w,
                                    },
                                    x,
                                    ranges::UNITS,
                                )
                            })
                            .collect();
                        PlanPeriod {
                            start_day: c.num(q("start_day"), period.start_day, ranges::START_DAY)
                                as u32,
                            order_up_to: levels,
                        }
                    })
                    .collect();
                (
                    name,
                    PolicySpec::Plan {
                        table: PlanTable { periods },
                        review_period_days: review_period_days.map(|r| review(c, r)),
                    },
                )
            }
            PolicyFile::ReorderQuantity { name, reorder_point, quantity, review_period_days } => (
                name,
                rule(
                    Rule::ReorderQuantity {
                        reorder_point: units(c, "reorder_point", *reorder_point),
                        quantity: c.num(p("quantity"), *quantity, ranges::QUANTITY),
                    },
                    review_period_days.map(|r| review(c, r)),
                ),
            ),
        };
        if let Some(name) = name {
            c.text(p("name"), name, MAX_NAME_CHARS);
        }
        (name.clone(), spec)
    }
}
