//! Writing a scenario description back out as a scenario file, every field written.

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::core::prices::{Change, ForwardBuy, Prices};
use crate::core::sourcing::SourcingRule;
use crate::core::storage::{Capacity, WhenFull};
use crate::core::warehouse::SpaceUnit;

impl ScenarioFile {
    /// The file that describes a scenario, every field written out.
    pub fn from_spec(spec: &ScenarioSpec) -> ScenarioFile {
        let s = &spec.settings;
        ScenarioFile {
            version: VERSION,
            settings: SettingsFile {
                horizon_days: Some(f64::from(s.horizon_days)),
                warm_up_days: s.warm_up_days.map(f64::from),
                replications: Some(f64::from(s.n_replications)),
                seed: Some(s.seed as f64),
                days_per_year: Some(s.days_per_year),
                currency: Some(s.currency.clone()),
                shortage: None,
                start_date: s.start_date.map(|d| d.to_string()),
                practically_same: PracticallySameFile::from_spec(s.practically_same),
                warehouse: s.warehouse.map(|w| match w.unit {
                    SpaceUnit::Units => {
                        WarehouseFile { capacity_units: Some(w.capacity), capacity_m3: None }
                    }
                    SpaceUnit::CubicMetres => {
                        WarehouseFile { capacity_units: None, capacity_m3: Some(w.capacity) }
                    }
                }),
            },
            suppliers: spec.suppliers.iter().map(SupplierFile::from_spec).collect(),
            items: spec
                .items
                .iter()
                .map(|item| ItemFile::from_spec(item, &spec.suppliers))
                .collect(),
        }
    }

    /// Pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

impl PracticallySameFile {
    /// Written only when it is not the default, so a file that never set it stays as it was.
    fn from_spec(p: PracticallySame) -> Option<PracticallySameFile> {
        (p != PracticallySame::default()).then_some(match p {
            PracticallySame::ShareOfOperatingCost(share) => {
                PracticallySameFile { pct_of_operating_cost: Some(share * 100.0), per_year: None }
            }
            PracticallySame::PerYear(amount) => {
                PracticallySameFile { pct_of_operating_cost: None, per_year: Some(amount) }
            }
        })
    }
}

impl ItemFile {
    fn from_spec(spec: &ItemSpec, suppliers: &[SupplierSpec]) -> ItemFile {
        let limits = spec.order_limits;
        let c = spec.costs;
        ItemFile {
            name: Some(spec.name.clone()),
            demand: DemandFile::from_core(&spec.demand),
            round_demand_to_units: Some(spec.round_demand_to_units),
            demand_shape: (!spec.demand_shape.is_flat())
                .then(|| DemandShapeFile::from_core(&spec.demand_shape)),
            lead_time: LeadTimeFile::from_core(&spec.lead_time),
            deliveries_in_order: Some(spec.deliveries_in_order),
            rule_fixed: spec.rule_fixed.then_some(true),
            supplier: spec.supplier.and_then(|k| suppliers.get(k)).map(|s| s.name.clone()),
            supply_yield: spec.supply_yield.map(|y| match y {
                Yield::Fixed(share) => YieldFile::Fixed { share },
                Yield::Uniform { min, max } => YieldFile::Uniform { min, max },
                Yield::Beta { mean, sd } => YieldFile::Beta { mean, sd },
            }),
            review_period_days: Some(f64::from(spec.review_period_days)),
            initial_on_hand: spec.initial_on_hand,
            warm_up_days: spec.warm_up_days.map(f64::from),
            order_limits: Some(OrderLimitsFile {
                minimum: Some(limits.minimum()),
                multiple: Some(limits.multiple()),
                maximum: limits.maximum().is_finite().then_some(limits.maximum()),
            }),
            costs: Some(CostsFile {
                unit_cost: Some(c.unit_cost),
                holding_rate_pct_per_year: Some(c.holding_rate_per_year * 100.0),
                storage_per_unit_day: Some(c.storage_per_unit_day),
                order_cost: Some(c.order_cost),
                backorder_per_unit_day: Some(c.backorder_per_unit_day),
                lost_sale_per_unit: match c.sale {
                    // One figure: any goodwill on top folds into it (the same lost-sale cost).
                    SaleValue::MarginAndGoodwill(x) => Some(x + c.goodwill_per_unit),
                    SaleValue::Price(_) => None,
                },
                selling_price_per_unit: c.selling_price(),
                lost_margin_per_unit: None,
                goodwill_per_unit: c.selling_price().map(|_| c.goodwill_per_unit),
                disposal_per_unit: Some(c.disposal_per_unit),
            }),
            obsolescence: spec.obsolescence.map(|o| ObsolescenceFile {
                probability_per_year: o.probability_per_year,
                salvage_per_unit: Some(o.salvage_per_unit),
            }),
            perishability: spec.perishability.map(|p| PerishabilityFile {
                shelf_life_days: f64::from(p.shelf_life_days),
                issuing: Some(match p.issuing {
                    Issuing::Fifo => IssuingFile::Fifo,
                    Issuing::Lifo => IssuingFile::Lifo,
                }),
                position: (p.position == Position::NetOfExpiring)
                    .then_some(PositionFile::NetOfExpiring),
            }),
            price_breaks: (!spec.order_charges.price_breaks.is_empty()).then(|| {
                spec.order_charges
                    .price_breaks
                    .iter()
                    .map(|b| PriceBreakFile { from_units: b.from_units, unit_cost: b.unit_cost })
                    .collect()
            }),
            freight: spec.order_charges.freight.map(|f| FreightFile {
                per_shipment: f.per_shipment,
                units_per_shipment: f.units_per_shipment,
            }),
            expedite: spec.expedite.map(|e| ExpediteFile {
                trigger_units: e.trigger_units,
                order_units: (e.order_units != 0.0).then_some(e.order_units),
                lead_time_days: f64::from(e.lead_time_days),
                premium_per_unit: e.premium_per_unit,
                fixed_cost: (e.fixed_cost != 0.0).then_some(e.fixed_cost),
                fails_while_down: e.fails_while_down.then_some(true),
            }),
            storage: spec.storage.map(|s| {
                let (capacity_units, capacity_m3, m3_per_unit) = match s.capacity {
                    Capacity::Units(units) => (Some(units), None, None),
                    Capacity::Volume { m3, m3_per_unit } => (None, Some(m3), Some(m3_per_unit)),
                };
                let (when_full, overflow_per_unit_day) = match s.when_full {
                    WhenFull::Refuse => (WhenFullFile::Refuse, None),
                    WhenFull::Rent { per_unit_day } => (WhenFullFile::Rent, Some(per_unit_day)),
                };
                StorageFile {
                    capacity_units,
                    capacity_m3,
                    m3_per_unit,
                    when_full: Some(when_full),
                    overflow_per_unit_day,
                }
            }),
            prices: spec.prices.as_ref().map(PricesFile::from_core),
            backup: spec.backup.as_ref().map(|b| {
                let (rule, backup_share, level_units) = match b.rule {
                    SourcingRule::Split { backup_share } => {
                        (SourcingRuleFile::Split, Some(backup_share), None)
                    }
                    SourcingRule::WhilePrimaryDown => {
                        (SourcingRuleFile::WhilePrimaryDown, None, None)
                    }
                    SourcingRule::DualIndex { level_units } => {
                        (SourcingRuleFile::DualIndex, None, Some(level_units))
                    }
                };
                BackupFile {
                    supplier: b.supplier.and_then(|k| suppliers.get(k)).map(|s| s.name.clone()),
                    lead_time: LeadTimeFile::from_core(&b.lead_time),
                    unit_cost: b.unit_cost,
                    order_cost: Some(b.order_cost),
                    min_order_units: (b.min_order_units > 0.0).then_some(b.min_order_units),
                    rule,
                    backup_share,
                    level_units,
                }
            }),
            payment_terms: spec.payment_terms.map(PaymentTermsFile::from_core),
            shortage: Some(match spec.shortage {
                Shortage::Backorder => ShortageFile::Backorder,
                Shortage::LostSale => ShortageFile::LostSale,
            }),
            policies: Some(
                spec.policies.iter().map(|(name, p)| PolicyFile::from_core(name, p)).collect(),
            ),
        }
    }
}

impl PricesFile {
    fn from_core(p: &Prices) -> PricesFile {
        PricesFile {
            inflation_pct_per_year: (p.inflation_pct_per_year != 0.0)
                .then_some(p.inflation_pct_per_year),
            changes: p
                .changes
                .iter()
                .map(|c| {
                    let (to_price, pct) = match c.change {
                        Change::To(price) => (Some(price), None),
                        Change::Pct(x) => (None, Some(x)),
                    };
                    PriceChangeFile {
                        day: f64::from(c.day),
                        to_price,
                        pct,
                        announced_days_ahead: c.announced_days_ahead.map(f64::from),
                    }
                })
                .collect(),
            jumps: p.jumps.map(|j| PriceJumpsFile {
                per_year: j.per_year,
                mean_pct: j.mean_pct,
                sd_pct: (j.sd_pct != 0.0).then_some(j.sd_pct),
            }),
            agreement: p.agreement.map(|a| AgreementFile {
                price: a.price,
                units_per_period: a.units_per_period,
                period_days: f64::from(a.period_days),
                start_day: (a.start_day != 0).then_some(f64::from(a.start_day)),
                days: (a.days != 3_650).then_some(f64::from(a.days)),
            }),
            forward_buy: p.forward_buy.map(|f| match f {
                ForwardBuy::CoverDays(cover_days) => ForwardBuyFile::CoverDays { cover_days },
                ForwardBuy::AsMuchAsPays => ForwardBuyFile::Rule(ForwardRuleFile::AsMuchAsPays),
            }),
        }
    }
}

impl DemandShapeFile {
    fn from_core(shape: &DemandShape) -> DemandShapeFile {
        DemandShapeFile {
            weekly: shape.weekly.map(|w| w.to_vec()),
            seasonality: shape.seasonality.map(|s| SeasonalityFile {
                amplitude_pct: s.amplitude * 100.0,
                peak_day: s.peak_day,
            }),
            trend_pct_per_year: (shape.trend_per_year != 0.0)
                .then_some(shape.trend_per_year * 100.0),
            scheduled_shocks: shape
                .scheduled_shocks
                .iter()
                .map(|s| ShockFile {
                    start_day: f64::from(s.window.start_day),
                    days: f64::from(s.window.days),
                    multiplier: s.multiplier,
                })
                .collect(),
            random_shocks: shape.random_shocks.map(|r| RandomShocksFile {
                rate_per_year: r.rate_per_year,
                multiplier: r.multiplier,
                mean_days: r.mean_days,
            }),
        }
    }
}

impl SupplierFile {
    fn from_spec(spec: &SupplierSpec) -> SupplierFile {
        SupplierFile {
            name: spec.name.clone(),
            random_outages: spec.random.map(|r| RandomOutagesFile {
                mean_up_days: Some(r.mean_up_days),
                mean_down_days: Some(r.mean_down_days),
                ..RandomOutagesFile::default()
            }),
            scheduled_outages: spec
                .scheduled
                .iter()
                .map(|w| WindowFile { start_day: f64::from(w.start_day), days: f64::from(w.days) })
                .collect(),
            payment_terms: spec.payment_terms.map(PaymentTermsFile::from_core),
        }
    }
}

impl DemandFile {
    /// The file's form of a core distribution.
    pub fn from_core(demand: &Demand) -> DemandFile {
        match demand {
            Demand::Normal(p) => DemandFile::Normal { mean: p.mean, sd: Some(p.sd), cv: None },
            Demand::Poisson { mean } => DemandFile::Poisson { mean: *mean },
            Demand::Gamma(p) => DemandFile::Gamma { mean: p.mean, sd: Some(p.sd), cv: None },
            Demand::NegativeBinomial(p) => {
                DemandFile::NegativeBinomial { mean: p.mean, sd: Some(p.sd), cv: None }
            }
            Demand::Intermittent { probability, size } => DemandFile::Intermittent {
                probability: *probability,
                size_mean: size.mean,
                size_sd: Some(size.sd),
            },
            Demand::CompoundPoisson { rate, sizes } => DemandFile::CompoundPoisson {
                rate: *rate,
                sizes: sizes.iter().map(|s| SizeFile { size: s.size, weight: s.weight }).collect(),
            },
            Demand::Empirical(history) => DemandFile::Empirical { history: history.clone() },
        }
    }
}

impl LeadTimeFile {
    /// The file's form of a core distribution.
    pub fn from_core(lead_time: &LeadTime) -> LeadTimeFile {
        match lead_time {
            LeadTime::Fixed(d) => LeadTimeFile::Fixed { days: f64::from(*d) },
            LeadTime::Uniform { min, max } => {
                LeadTimeFile::Uniform { min: f64::from(*min), max: f64::from(*max) }
            }
            LeadTime::Normal(p) => LeadTimeFile::Normal { mean: p.mean, sd: p.sd },
            LeadTime::LogNormal(p) => LeadTimeFile::Lognormal { mean: p.mean, sd: p.sd },
            LeadTime::Gamma(p) => LeadTimeFile::Gamma { mean: p.mean, sd: p.sd },
            LeadTime::Empirical(days) => {
                LeadTimeFile::Empirical { days: days.iter().map(|&d| f64::from(d)).collect() }
            }
        }
    }
}

impl PolicyFile {
    fn from_core(name: &Option<String>, spec: &PolicySpec) -> PolicyFile {
        let name = name.clone();
        let review = |r: Option<u32>| r.map(f64::from);
        match spec {
            PolicySpec::Plan { table, review_period_days } => PolicyFile::Plan {
                name,
                review_period_days: review(*review_period_days),
                periods: table
                    .periods
                    .iter()
                    .map(|p| PlanPeriodFile {
                        start_day: f64::from(p.start_day),
                        order_up_to: p.order_up_to.clone(),
                    })
                    .collect(),
            },
            &PolicySpec::Monthly { buffer_days } => {
                PolicyFile::JicByMonth { name, buffer_days: buffer_days.to_vec() }
            }
            &PolicySpec::Reestimated { cycle_service_level, every_days, window_days } => {
                PolicyFile::JicReestimated {
                    name,
                    cycle_service_level,
                    every_days: f64::from(every_days),
                    window_days: f64::from(window_days),
                }
            }
            &PolicySpec::Jit => PolicyFile::Jit { name },
            &PolicySpec::MakeToOrder => PolicyFile::MakeToOrder { name },
            &PolicySpec::Jic { buffer_days } => PolicyFile::Jic {
                name,
                buffer_days: Some(buffer_days),
                cycle_service_level: None,
                fill_rate: None,
            },
            &PolicySpec::ServiceTarget(ServiceTarget::CycleServiceLevel(a)) => PolicyFile::Jic {
                name,
                buffer_days: None,
                cycle_service_level: Some(a),
                fill_rate: None,
            },
            &PolicySpec::ServiceTarget(ServiceTarget::FillRate(b)) => PolicyFile::Jic {
                name,
                buffer_days: None,
                cycle_service_level: None,
                fill_rate: Some(b),
            },
            &PolicySpec::Rule { rule: Rule::OrderUpTo { level }, review_period_days } => {
                PolicyFile::BaseStock {
                    name,
                    order_up_to: level,
                    review_period_days: review(review_period_days),
                }
            }
            &PolicySpec::Rule {
                rule: Rule::MinMax { reorder_point, level },
                review_period_days,
            } => PolicyFile::MinMax {
                name,
                reorder_point,
                order_up_to: level,
                review_period_days: review(review_period_days),
            },
            &PolicySpec::Rule {
                rule: Rule::ReorderQuantity { reorder_point, quantity },
                review_period_days,
            } => PolicyFile::ReorderQuantity {
                name,
                reorder_point,
                quantity,
                review_period_days: review(review_period_days),
            },
        }
    }
}

impl PaymentTermsFile {
    fn from_core(terms: PaymentTerms) -> PaymentTermsFile {
        match terms {
            PaymentTerms::AtOrder => PaymentTermsFile { paid: PaidFile::AtOrder, days: None },
            PaymentTerms::OnReceipt => PaymentTermsFile { paid: PaidFile::OnReceipt, days: None },
            PaymentTerms::AfterReceipt { days } => {
                PaymentTermsFile { paid: PaidFile::AfterReceipt, days: Some(f64::from(days)) }
            }
        }
    }
}
