//! The validated scenario: one item, its demand, supply and costs, and the run settings.
//! Only [`Scenario::try_from`] builds one, so downstream code takes it as valid.

use crate::core::demand::{Demand, DemandSampler, MeanSd};
use crate::core::input::{Field, InputError, ScenarioInput};
use crate::core::lead_time::{LeadTime, LeadTimeSampler};
use crate::core::policy::OrderLimits;

/// Days between reviews: the slice reviews every day (continuous review).
pub const REVIEW_PERIOD_DAYS: u32 = 1;

/// Days per year used to turn daily figures into yearly ones.
pub const DAYS_PER_YEAR: f64 = 365.0;

/// One item: its demand, supply and costs, and the JIC policy's buffer.
#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    pub(crate) demand: DemandSampler,
    pub(crate) lead_time: LeadTimeSampler,
    /// Deliveries arrive in the order they were placed: a later order never overtakes.
    pub(crate) deliveries_in_order: bool,
    pub(crate) jic_buffer_days: f64,
    pub(crate) unit_cost: f64,
    pub(crate) holding_rate_per_year: f64,
    pub(crate) order_cost: f64,
    pub(crate) storage_cost_per_unit_day: f64,
    pub(crate) backorder_cost_per_unit_day: f64,
    /// Unmet demand is lost (at this cost per unit) instead of backordered.
    pub(crate) lost_sale_cost_per_unit: Option<f64>,
    /// Minimum order quantity, order multiple and maximum order quantity.
    pub(crate) order_limits: OrderLimits,
}

impl Item {
    /// The daily demand distribution.
    pub fn demand(&self) -> &DemandSampler {
        &self.demand
    }

    /// The lead-time distribution, in whole days: an order placed at the end of day t with
    /// lead time L is on the shelf at the start of day t+L+1.
    pub fn lead_time(&self) -> &LeadTimeSampler {
        &self.lead_time
    }

    /// Whether a later order may overtake an earlier one (false) or waits behind it (true).
    pub fn deliveries_in_order(&self) -> bool {
        self.deliveries_in_order
    }

    /// The protection period `E[L] + R` an order must cover, in days.
    pub fn protection_period_days(&self) -> f64 {
        self.lead_time.mean_days() + f64::from(REVIEW_PERIOD_DAYS)
    }

    /// The JIC policy's safety stock in days of expected demand.
    pub fn jic_buffer_days(&self) -> f64 {
        self.jic_buffer_days
    }

    pub fn unit_cost(&self) -> f64 {
        self.unit_cost
    }

    /// Capital holding rate as a fraction of value per year (0.25 = 25 %).
    pub fn holding_rate_per_year(&self) -> f64 {
        self.holding_rate_per_year
    }

    pub fn order_cost(&self) -> f64 {
        self.order_cost
    }

    /// Storage (space) cost per unit on hand per day.
    pub fn storage_cost_per_unit_day(&self) -> f64 {
        self.storage_cost_per_unit_day
    }

    pub fn backorder_cost_per_unit_day(&self) -> f64 {
        self.backorder_cost_per_unit_day
    }

    /// What the supplier accepts as an order quantity.
    pub fn order_limits(&self) -> &OrderLimits {
        &self.order_limits
    }

    /// True when unmet demand is lost rather than backordered.
    pub fn lost_sales(&self) -> bool {
        self.lost_sale_cost_per_unit.is_some()
    }

    /// Lost margin plus goodwill per unit of demand lost (0 when backordering).
    pub fn lost_sale_cost_per_unit(&self) -> f64 {
        self.lost_sale_cost_per_unit.unwrap_or(0.0)
    }
}

/// How the simulation is run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub(crate) horizon_days: u32,
    pub(crate) warm_up_days: u32,
    pub(crate) n_replications: u32,
    pub(crate) seed: u64,
}

impl Settings {
    /// Days simulated per replication, warm-up included.
    pub fn horizon_days(&self) -> u32 {
        self.horizon_days
    }

    /// Days at the start left out of every statistic (the protection period), so that the
    /// start state does not bias them.
    pub fn warm_up_days(&self) -> u32 {
        self.warm_up_days
    }

    /// Days that count towards the statistics.
    pub fn measured_days(&self) -> u32 {
        self.horizon_days - self.warm_up_days
    }

    pub fn n_replications(&self) -> u32 {
        self.n_replications
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }
}

/// A validated scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    item: Item,
    settings: Settings,
    input: ScenarioInput,
}

impl Scenario {
    pub fn item(&self) -> &Item {
        &self.item
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// The numbers it was built from.
    pub fn input(&self) -> &ScenarioInput {
        &self.input
    }

    /// The same scenario with another lead-time distribution (the form only sets a fixed one).
    /// The warm-up becomes the new protection period, rounded up to whole days.
    ///
    /// # Errors
    /// The distribution's own message when its parameters are unusable, or when the horizon
    /// leaves no day to measure after the new warm-up.
    pub fn with_lead_time(mut self, lead_time: &LeadTime, in_order: bool) -> Result<Self, String> {
        self.item.lead_time = lead_time.sampler()?;
        self.item.deliveries_in_order = in_order;
        self.settings.warm_up_days = warm_up_days(&self.item);
        if self.settings.warm_up_days >= self.settings.horizon_days {
            return Err(format!(
                "a horizon of {} days leaves nothing after the {}-day warm-up",
                self.settings.horizon_days, self.settings.warm_up_days
            ));
        }
        Ok(self)
    }
}

impl Scenario {
    /// The same scenario with another daily demand distribution (the form only sets a
    /// normal one), optionally rounded to whole units.
    ///
    /// # Errors
    /// The distribution's own message when its parameters are unusable.
    pub fn with_demand(mut self, demand: &Demand, round_to_units: bool) -> Result<Self, String> {
        self.item.demand = demand.sampler(round_to_units)?;
        Ok(self)
    }

    /// The same scenario with a minimum order quantity, order multiple and maximum.
    pub fn with_order_limits(mut self, limits: OrderLimits) -> Self {
        self.item.order_limits = limits;
        self
    }

    /// The same scenario with unmet demand lost, at `cost_per_unit` (lost margin plus
    /// goodwill), instead of backordered.
    ///
    /// # Errors
    /// When the cost is negative or not finite.
    pub fn with_lost_sales(mut self, cost_per_unit: f64) -> Result<Self, String> {
        if !(cost_per_unit.is_finite() && cost_per_unit >= 0.0) {
            return Err(format!("lost-sale cost {cost_per_unit} must be a number ≥ 0"));
        }
        self.item.lost_sale_cost_per_unit = Some(cost_per_unit);
        Ok(self)
    }
}

/// The default warm-up: the protection period, rounded up to whole days.
fn warm_up_days(item: &Item) -> u32 {
    warm_up_for_lead_time(item.lead_time.mean_days())
}

/// The warm-up for a mean lead time: `E[L] + R` days, rounded up. The form's validation and
/// the scenario use this one definition.
pub(crate) fn warm_up_for_lead_time(mean_lead_time_days: f64) -> u32 {
    libm::ceil(mean_lead_time_days + f64::from(REVIEW_PERIOD_DAYS)) as u32
}

impl TryFrom<ScenarioInput> for Scenario {
    type Error = Vec<InputError>;

    /// Validates every field and the rules across fields.
    ///
    /// # Errors
    /// Every problem found, each naming its field, the value and the accepted range.
    fn try_from(input: ScenarioInput) -> Result<Self, Self::Error> {
        let errors = input.errors();
        if !errors.is_empty() {
            return Err(errors);
        }
        let item = Item {
            // Validation above leaves a mean and sd that are finite and ≥ 0, which a normal
            // demand always accepts.
            demand: Demand::Normal(MeanSd {
                mean: input.mean_demand_per_day,
                sd: input.demand_sd_per_day,
            })
            .sampler(false)
            .map_err(|_| {
                vec![InputError::OutOfRange {
                    field: Field::MeanDemand,
                    value: input.mean_demand_per_day,
                }]
            })?,
            lead_time: LeadTimeSampler::Fixed(input.lead_time_days as u32),
            deliveries_in_order: false,
            jic_buffer_days: input.jic_buffer_days,
            unit_cost: input.unit_cost,
            holding_rate_per_year: input.holding_rate_pct_per_year / 100.0,
            order_cost: input.order_cost,
            storage_cost_per_unit_day: input.storage_cost_per_unit_day,
            backorder_cost_per_unit_day: input.backorder_cost_per_unit_day,
            lost_sale_cost_per_unit: None,
            order_limits: OrderLimits::default(),
        };
        let settings = Settings {
            horizon_days: input.horizon_days as u32,
            warm_up_days: warm_up_days(&item),
            n_replications: input.n_replications as u32,
            seed: input.seed as u64,
        };
        Ok(Scenario { item, settings, input })
    }
}
