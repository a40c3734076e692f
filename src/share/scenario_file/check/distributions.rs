//! What is random about an item, checked at its path: its demand and the demand's shape
//! (weekly pattern, seasonality, trend, shocks), its lead time, and the suppliers it may
//! share with other items.

#[allow(clippy::wildcard_imports)]
use super::*;

impl DemandShapeFile {
    pub(super) fn to_core(&self, c: &mut Check, at: &dyn fmt::Display) -> DemandShape {
        let p = |field| At { part: at, field };
        let weekly = self.weekly.as_ref().map(|w| {
            if w.len() != 7 {
                c.invalid(p("weekly"), format!("{} multipliers; accepted: exactly 7", w.len()));
            }
            let mut days = [1.0; 7];
            for (k, &x) in w.iter().enumerate().take(7) {
                days[k] = c.num(
                    Indexed { list: &At { part: at, field: "weekly" }, index: k },
                    x,
                    ranges::MULTIPLIER,
                );
            }
            if w.len() == 7 && days.iter().all(|&x| x == 0.0) {
                c.invalid(p("weekly"), "all 7 are 0: no day would have demand".into());
            }
            days
        });
        let seasonality = self.seasonality.map(|s| Seasonality {
            amplitude: c.num(
                At { part: &At { part: at, field: "seasonality" }, field: "amplitude_pct" },
                s.amplitude_pct,
                ranges::AMPLITUDE,
            ) / 100.0,
            peak_day: c.num(
                At { part: &At { part: at, field: "seasonality" }, field: "peak_day" },
                s.peak_day,
                ranges::PEAK_DAY,
            ),
        });
        let trend_per_year =
            c.opt(p("trend_pct_per_year"), self.trend_pct_per_year, 0.0, ranges::TREND) / 100.0;
        let scheduled_shocks = self
            .scheduled_shocks
            .iter()
            .enumerate()
            .map(|(k, shock)| {
                let row = Indexed { list: &At { part: at, field: "scheduled_shocks" }, index: k };
                let q = |field| At { part: &row, field };
                ScheduledShock {
                    window: Window {
                        start_day: c.num(q("start_day"), shock.start_day, ranges::START_DAY) as u32,
                        days: c.num(q("days"), shock.days, ranges::OUTAGE_DAYS) as u32,
                    },
                    multiplier: c.num(q("multiplier"), shock.multiplier, ranges::MULTIPLIER),
                }
            })
            .collect();
        let random_shocks = self.random_shocks.map(|r| {
            let part = At { part: at, field: "random_shocks" };
            let q = |field| At { part: &part, field };
            RandomShocks {
                rate_per_year: c.num(q("rate_per_year"), r.rate_per_year, ranges::SHOCK_RATE),
                multiplier: c.num(q("multiplier"), r.multiplier, ranges::MULTIPLIER),
                mean_days: c.num(q("mean_days"), r.mean_days, ranges::SHOCK_DAYS),
            }
        });
        DemandShape { weekly, seasonality, trend_per_year, scheduled_shocks, random_shocks }
    }
}

impl SupplierFile {
    pub(super) fn to_spec(&self, c: &mut Check, at: &dyn fmt::Display) -> SupplierSpec {
        let p = |field| At { part: at, field };
        c.text(p("name"), &self.name, MAX_NAME_CHARS);
        let random = self.random_outages.and_then(|r| {
            let part = At { part: at, field: "random_outages" };
            let q = |field| At { part: &part, field };
            match (r.mean_up_days, r.mean_down_days, r.availability, r.mean_repair_days) {
                (Some(up), Some(down), None, None) => Some(RandomOutages {
                    mean_up_days: c.num(q("mean_up_days"), up, ranges::MEAN_UP),
                    mean_down_days: c.num(q("mean_down_days"), down, ranges::MEAN_DOWN),
                }),
                (None, None, Some(a), Some(repair)) => {
                    let valid = ranges::AVAILABILITY.contains(a);
                    let a = c.num(q("availability"), a, ranges::AVAILABILITY);
                    let repair = c.num(q("mean_repair_days"), repair, ranges::MEAN_DOWN);
                    if a >= 1.0 {
                        return None;
                    }
                    let r = RandomOutages::from_availability(a, repair);
                    if valid && r.mean_up_days < 1.0 {
                        c.invalid(
                            q("availability"),
                            format!(
                                "{a} with a mean repair of {repair} days means up-times under a \
                                 day; accepted: from {:.4}, up to 1",
                                1.0 / (1.0 + repair)
                            ),
                        );
                    }
                    Some(r)
                }
                _ => {
                    c.invalid(
                        p("random_outages"),
                        "give \"mean_up_days\" and \"mean_down_days\", or \"availability\" and \
                         \"mean_repair_days\""
                            .into(),
                    );
                    None
                }
            }
        });
        if self.scheduled_outages.len() > MAX_WINDOWS {
            c.count(p("scheduled_outages"), self.scheduled_outages.len(), MAX_WINDOWS, "outages");
        }
        let scheduled = self
            .scheduled_outages
            .iter()
            .enumerate()
            .map(|(k, w)| {
                let row = Indexed { list: &p("scheduled_outages"), index: k };
                let q = |field| At { part: &row, field };
                Window {
                    start_day: c.num(q("start_day"), w.start_day, ranges::START_DAY) as u32,
                    days: c.num(q("days"), w.days, ranges::OUTAGE_DAYS) as u32,
                }
            })
            .collect();
        let payment_terms = self.payment_terms.map(|t| payment_terms(c, &p("payment_terms"), t));
        SupplierSpec { name: self.name.clone(), random, scheduled, payment_terms }
    }
}

impl DemandFile {
    pub(super) fn to_core(&self, c: &mut Check, at: &dyn fmt::Display) -> Demand {
        let p = |field| At { part: at, field };
        let mean_sd = |c: &mut Check, mean: f64, sd: Option<f64>, cv: Option<f64>| {
            let mean = c.num(p("mean"), mean, Field::MeanDemand.spec().accepted());
            let sd = match (sd, cv) {
                (Some(sd), None) => c.num(p("sd"), sd, Field::DemandSd.spec().accepted()),
                (None, Some(cv)) => mean * c.num(p("cv"), cv, ranges::CV),
                (None, None) => {
                    c.invalid(at, "give the spread as \"sd\" or \"cv\"".into());
                    0.0
                }
                (Some(sd), Some(cv)) => {
                    c.invalid(at, format!("sd {sd} and cv {cv} both given: give one"));
                    0.0
                }
            };
            MeanSd { mean, sd }
        };
        match self {
            DemandFile::Normal { mean, sd, cv } => Demand::Normal(mean_sd(c, *mean, *sd, *cv)),
            DemandFile::Gamma { mean, sd, cv } => Demand::Gamma(mean_sd(c, *mean, *sd, *cv)),
            DemandFile::NegativeBinomial { mean, sd, cv } => {
                Demand::NegativeBinomial(mean_sd(c, *mean, *sd, *cv))
            }
            DemandFile::Poisson { mean } => Demand::Poisson {
                mean: c.num(p("mean"), *mean, Field::MeanDemand.spec().accepted()),
            },
            DemandFile::Intermittent { probability, size_mean, size_sd } => Demand::Intermittent {
                probability: c.num(p("probability"), *probability, ranges::PROBABILITY),
                size: MeanSd {
                    mean: c.num(p("size_mean"), *size_mean, ranges::ORDER_SIZE),
                    sd: c.opt(p("size_sd"), *size_sd, 0.0, ranges::ORDER_SIZE),
                },
            },
            DemandFile::CompoundPoisson { rate, sizes } => {
                c.count(p("sizes"), sizes.len(), MAX_SIZES, "rows");
                Demand::CompoundPoisson {
                    rate: c.num(p("rate"), *rate, ranges::ARRIVAL_RATE),
                    sizes: sizes
                        .iter()
                        .enumerate()
                        .map(|(k, s)| {
                            let row = Indexed { list: &p("sizes"), index: k };
                            let q = |field| At { part: &row, field };
                            SizeWeight {
                                size: c.num(q("size"), s.size, ranges::ORDER_SIZE),
                                weight: c.num(q("weight"), s.weight, ranges::WEIGHT),
                            }
                        })
                        .collect(),
                }
            }
            DemandFile::Empirical { history } => {
                c.count(p("history"), history.len(), MAX_HISTORY, "days of history");
                Demand::Empirical(
                    history
                        .iter()
                        .enumerate()
                        .map(|(k, &x)| {
                            c.num(
                                Indexed { list: &At { part: at, field: "history" }, index: k },
                                x,
                                ranges::HISTORY_DAY,
                            )
                        })
                        .collect(),
                )
            }
        }
    }
}

impl LeadTimeFile {
    pub(super) fn to_core(&self, c: &mut Check, at: &dyn fmt::Display) -> LeadTime {
        let p = |field| At { part: at, field };
        let days = |c: &mut Check, path: At, x: f64| c.num(path, x, ranges::LEAD_DAYS_WHOLE) as u32;
        let mean_sd = |c: &mut Check, mean: f64, sd: f64| NormalLike {
            mean: c.num(p("mean"), mean, ranges::LEAD_DAYS),
            sd: c.num(p("sd"), sd, ranges::LEAD_DAYS),
        };
        match self {
            LeadTimeFile::Fixed { days: d } => LeadTime::Fixed(days(c, p("days"), *d)),
            LeadTimeFile::Uniform { min, max } => {
                let (lo, hi) = (days(c, p("min"), *min), days(c, p("max"), *max));
                if lo > hi {
                    c.invalid(at, format!("min {lo} is above max {hi} days"));
                }
                LeadTime::Uniform { min: lo, max: hi.max(lo) }
            }
            LeadTimeFile::Normal { mean, sd } => LeadTime::Normal(mean_sd(c, *mean, *sd)),
            LeadTimeFile::Lognormal { mean, sd } => LeadTime::LogNormal(mean_sd(c, *mean, *sd)),
            LeadTimeFile::Gamma { mean, sd } => LeadTime::Gamma(mean_sd(c, *mean, *sd)),
            LeadTimeFile::Empirical { days: observed } => {
                c.count(p("days"), observed.len(), MAX_HISTORY, "observed lead times");
                LeadTime::Empirical(
                    observed
                        .iter()
                        .enumerate()
                        .map(|(k, &x)| {
                            c.num(
                                Indexed { list: &At { part: at, field: "days" }, index: k },
                                x,
                                ranges::LEAD_DAYS_WHOLE,
                            ) as u32
                        })
                        .collect(),
                )
            }
        }
    }
}
