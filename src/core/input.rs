//! The scenario's input fields as a person types them, their units and accepted ranges, and
//! validation into a [`Scenario`]. Every error names the field, the value and the range.

use std::fmt;

pub use crate::core::numbers::{money_prefix, Num};

use crate::core::scenario::{
    warm_up_for, Scenario, MAX_HORIZON_DAYS, MAX_REPLICATIONS, REVIEW_PERIOD_DAYS,
};

/// Most day-replications the page simulates per policy in one run: it still runs on the main
/// thread, so a larger run would freeze the tab.
pub const MAX_REPLICATION_DAYS: f64 = 4_000_000.0;

/// One input field of the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    MeanDemand,
    DemandSd,
    LeadTime,
    JicBufferDays,
    UnitCost,
    HoldingRate,
    OrderCost,
    StorageCost,
    BackorderCost,
    HorizonDays,
    Replications,
    Seed,
}

/// A field's label, unit, hint, default and accepted range.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldSpec {
    /// A stable key (used for the page's element ids and test hooks).
    pub key: &'static str,
    pub label: &'static str,
    pub unit: &'static str,
    pub hint: &'static str,
    pub default: f64,
    pub min: f64,
    pub max: f64,
    /// Only whole numbers are accepted.
    pub whole: bool,
}

impl Field {
    /// Every field, in the order the form shows them.
    pub const ALL: [Field; 12] = [
        Field::MeanDemand,
        Field::DemandSd,
        Field::LeadTime,
        Field::JicBufferDays,
        Field::UnitCost,
        Field::HoldingRate,
        Field::OrderCost,
        Field::StorageCost,
        Field::BackorderCost,
        Field::HorizonDays,
        Field::Replications,
        Field::Seed,
    ];

    pub const fn spec(self) -> FieldSpec {
        const fn spec(
            key: &'static str,
            label: &'static str,
            unit: &'static str,
            hint: &'static str,
            default: f64,
            (min, max): (f64, f64),
            whole: bool,
        ) -> FieldSpec {
            FieldSpec { key, label, unit, hint, default, min, max, whole }
        }
        match self {
            Field::MeanDemand => spec(
                "mean-demand",
                "Mean daily demand",
                "units/day",
                "Average units demanded per day (normal, censored at 0).",
                20.0,
                (0.0, 1_000_000.0),
                false,
            ),
            Field::DemandSd => spec(
                "demand-sd",
                "Demand standard deviation",
                "units/day",
                "Day-to-day spread of demand; 0 makes demand constant.",
                6.0,
                (0.0, 1_000_000.0),
                false,
            ),
            Field::LeadTime => spec(
                "lead-time",
                "Lead time",
                "days",
                "Full days in transit: ordered at the end of day t, on the shelf at the start of day t+L+1.",
                7.0,
                (0.0, 365.0),
                true,
            ),
            Field::JicBufferDays => spec(
                "jic-buffer",
                "JIC buffer",
                "days of mean demand",
                "Safety stock the just-in-case policy holds on top of the JIT level.",
                5.0,
                (0.0, 365.0),
                false,
            ),
            Field::UnitCost => spec(
                "unit-cost",
                "Unit cost",
                "$/unit",
                "What one unit costs to buy; holding is charged on this value.",
                40.0,
                (0.0, 1_000_000_000.0),
                false,
            ),
            Field::HoldingRate => spec(
                "holding-rate",
                "Holding rate",
                "% of value/year",
                "Cost of capital, insurance and shrinkage on the value on hand.",
                25.0,
                (0.0, 200.0),
                false,
            ),
            Field::OrderCost => spec(
                "order-cost",
                "Order cost",
                "$/order",
                "Fixed cost of placing one order.",
                5.0,
                (0.0, 1_000_000_000.0),
                false,
            ),
            Field::StorageCost => spec(
                "storage-cost",
                "Storage cost",
                "$/unit/day",
                "Space cost per unit on hand per day (warehouse, cold room).",
                0.01,
                (0.0, 1_000_000.0),
                false,
            ),
            Field::BackorderCost => spec(
                "backorder-cost",
                "Backorder penalty",
                "$/unit/day",
                "Charged for every unit a customer waits, per day of waiting.",
                2.0,
                (0.0, 1_000_000_000.0),
                false,
            ),
            Field::HorizonDays => spec(
                "horizon",
                "Horizon",
                "days",
                "Days simulated in each replication, warm-up included.",
                365.0,
                (1.0, MAX_HORIZON_DAYS as f64),
                true,
            ),
            Field::Replications => spec(
                "replications",
                "Replications",
                "runs",
                "Independent simulated histories; more runs, smaller standard errors.",
                500.0,
                (1.0, MAX_REPLICATIONS as f64),
                true,
            ),
            Field::Seed => spec(
                "seed",
                "Random seed",
                "",
                "The same seed gives the same numbers.",
                42.0,
                (0.0, 9_007_199_254_740_991.0),
                true,
            ),
        }
    }
}

/// A validation error. Each names its field, the value given and the accepted range.
#[derive(Clone, Debug, PartialEq)]
pub enum InputError {
    /// The text is empty or not a finite number.
    NotANumber { field: Field, text: String },
    /// The number is outside the field's range.
    OutOfRange { field: Field, value: f64 },
    /// The field takes whole numbers only.
    NotWhole { field: Field, value: f64 },
    /// The horizon leaves no day to measure after the warm-up.
    HorizonWithinWarmUp { horizon_days: f64, warm_up_days: u32 },
    /// Replications × horizon exceeds what the page simulates in one run.
    TooMuchWork { n_replications: f64, horizon_days: f64 },
    /// A rule across fields the core checks, with its own message.
    Invalid { field: Field, message: String },
}

impl InputError {
    /// The field the message belongs under.
    pub fn field(&self) -> Field {
        match self {
            InputError::NotANumber { field, .. }
            | InputError::OutOfRange { field, .. }
            | InputError::NotWhole { field, .. }
            | InputError::Invalid { field, .. } => *field,
            InputError::HorizonWithinWarmUp { .. } => Field::HorizonDays,
            InputError::TooMuchWork { .. } => Field::Replications,
        }
    }
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let spec = self.field().spec();
        let range = spec.accepted();
        match self {
            InputError::NotANumber { text, .. } if text.trim().is_empty() => {
                write!(f, "{} is empty: {range}.", spec.label)
            }
            InputError::NotANumber { text, .. } => {
                write!(f, "{}: \"{text}\" is not a number; {range}.", spec.label)
            }
            InputError::OutOfRange { value, .. } => {
                write!(f, "{}: {} is out of range; {range}.", spec.label, Num(*value))
            }
            InputError::NotWhole { value, .. } => {
                write!(f, "{}: {} is not a whole number; {range}.", spec.label, Num(*value))
            }
            InputError::Invalid { message, .. } => write!(f, "{}: {message}.", spec.label),
            InputError::HorizonWithinWarmUp { horizon_days, warm_up_days } => write!(
                f,
                "{}: {} days leaves nothing after the {warm_up_days}-day warm-up (lead time + \
                 {REVIEW_PERIOD_DAYS}-day review); accepted: whole days from {} to {}.",
                spec.label,
                Num(*horizon_days),
                warm_up_days + 1,
                Num(spec.max),
            ),
            InputError::TooMuchWork { n_replications, horizon_days } => {
                let most = (MAX_REPLICATION_DAYS / horizon_days).floor().min(spec.max);
                write!(
                    f,
                    "{}: {} runs × {} days is more than the {} simulated days per policy the \
                     page runs at once; accepted with this horizon: 1 to {}.",
                    spec.label,
                    Num(*n_replications),
                    Num(*horizon_days),
                    Num(MAX_REPLICATION_DAYS),
                    Num(most),
                )
            }
        }
    }
}

/// What a number field accepts, as a message says it: "accepted: from 0 to 1,000,000
/// units/day", "accepted: whole numbers from 1 to 3,650 days", "accepted: above 0 and below 1",
/// "accepted: above 0, up to 1".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Accepted {
    pub min: f64,
    pub max: f64,
    pub unit: &'static str,
    /// Only whole numbers.
    pub whole: bool,
    /// `min` itself is not accepted.
    pub open_min: bool,
    /// `max` itself is not accepted.
    pub open_max: bool,
}

impl Accepted {
    /// From `min` to `max` inclusive, in `unit`.
    pub const fn range(min: f64, max: f64, unit: &'static str) -> Accepted {
        Accepted { min, max, unit, whole: false, open_min: false, open_max: false }
    }

    /// Whole numbers from `min` to `max` inclusive, in `unit`.
    pub const fn whole(min: f64, max: f64, unit: &'static str) -> Accepted {
        Accepted { min, max, unit, whole: true, open_min: false, open_max: false }
    }

    /// Strictly between `min` and `max`.
    pub const fn between(min: f64, max: f64, unit: &'static str) -> Accepted {
        Accepted { min, max, unit, whole: false, open_min: true, open_max: true }
    }

    /// Above `min`, up to and including `max`.
    pub const fn above(min: f64, max: f64, unit: &'static str) -> Accepted {
        Accepted { min, max, unit, whole: false, open_min: true, open_max: false }
    }

    /// True when `value` is inside the range (wholeness aside).
    pub fn contains(&self, value: f64) -> bool {
        let above_min = if self.open_min { value > self.min } else { value >= self.min };
        let below_max = if self.open_max { value < self.max } else { value <= self.max };
        above_min && below_max
    }
}

impl fmt::Display for Accepted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.whole { "whole numbers " } else { "" };
        let (min, max) = (Num(self.min), Num(self.max));
        match (self.open_min, self.open_max) {
            (false, false) => write!(f, "accepted: {kind}from {min} to {max}")?,
            (true, true) => write!(f, "accepted: {kind}above {min} and below {max}")?,
            (true, false) => write!(f, "accepted: {kind}above {min}, up to {max}")?,
            (false, true) => write!(f, "accepted: {kind}from {min} and below {max}")?,
        }
        if !self.unit.is_empty() {
            write!(f, " {}", self.unit)?;
        }
        Ok(())
    }
}

impl FieldSpec {
    /// The field's accepted range.
    pub const fn accepted(self) -> Accepted {
        Accepted {
            min: self.min,
            max: self.max,
            unit: self.unit,
            whole: self.whole,
            open_min: false,
            open_max: false,
        }
    }

    /// Parses and range-checks one field's text.
    pub fn parse(self, field: Field, text: &str) -> Result<f64, InputError> {
        let value: f64 = text
            .trim()
            .parse()
            .ok()
            .filter(|v: &f64| v.is_finite())
            .ok_or_else(|| InputError::NotANumber { field, text: text.to_owned() })?;
        self.check(field, value)
    }

    /// Range- and wholeness-checks one field's value.
    pub fn check(self, field: Field, value: f64) -> Result<f64, InputError> {
        if !value.is_finite() {
            return Err(InputError::NotANumber { field, text: format!("{value}") });
        }
        if value < self.min || value > self.max {
            return Err(InputError::OutOfRange { field, value });
        }
        if self.whole && value.fract() != 0.0 {
            return Err(InputError::NotWhole { field, value });
        }
        Ok(value)
    }
}

/// The scenario's numbers before validation, one per [`Field`], in the field's unit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScenarioInput {
    pub mean_demand_per_day: f64,
    pub demand_sd_per_day: f64,
    pub lead_time_days: f64,
    pub jic_buffer_days: f64,
    pub unit_cost: f64,
    pub holding_rate_pct_per_year: f64,
    pub order_cost: f64,
    pub storage_cost_per_unit_day: f64,
    pub backorder_cost_per_unit_day: f64,
    pub horizon_days: f64,
    pub n_replications: f64,
    pub seed: f64,
}

impl Default for ScenarioInput {
    fn default() -> Self {
        let mut input = ScenarioInput {
            mean_demand_per_day: 0.0,
            demand_sd_per_day: 0.0,
            lead_time_days: 0.0,
            jic_buffer_days: 0.0,
            unit_cost: 0.0,
            holding_rate_pct_per_year: 0.0,
            order_cost: 0.0,
            storage_cost_per_unit_day: 0.0,
            backorder_cost_per_unit_day: 0.0,
            horizon_days: 0.0,
            n_replications: 0.0,
            seed: 0.0,
        };
        for field in Field::ALL {
            *input.value_mut(field) = field.spec().default;
        }
        input
    }
}

impl ScenarioInput {
    pub fn value(&self, field: Field) -> f64 {
        let mut copy = *self;
        *copy.value_mut(field)
    }

    pub fn value_mut(&mut self, field: Field) -> &mut f64 {
        match field {
            Field::MeanDemand => &mut self.mean_demand_per_day,
            Field::DemandSd => &mut self.demand_sd_per_day,
            Field::LeadTime => &mut self.lead_time_days,
            Field::JicBufferDays => &mut self.jic_buffer_days,
            Field::UnitCost => &mut self.unit_cost,
            Field::HoldingRate => &mut self.holding_rate_pct_per_year,
            Field::OrderCost => &mut self.order_cost,
            Field::StorageCost => &mut self.storage_cost_per_unit_day,
            Field::BackorderCost => &mut self.backorder_cost_per_unit_day,
            Field::HorizonDays => &mut self.horizon_days,
            Field::Replications => &mut self.n_replications,
            Field::Seed => &mut self.seed,
        }
    }

    /// Parses every field's text (as typed in the form) and validates the whole.
    pub fn parse(text_of: impl Fn(Field) -> String) -> Result<Scenario, Vec<InputError>> {
        let mut input = ScenarioInput::default();
        let mut errors = Vec::new();
        for field in Field::ALL {
            match field.spec().parse(field, &text_of(field)) {
                Ok(v) => *input.value_mut(field) = v,
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Scenario::try_from(input)
        } else {
            Err(errors)
        }
    }

    /// Every error of this input, per field and across fields; empty when valid.
    pub(crate) fn errors(&self) -> Vec<InputError> {
        let mut errors: Vec<InputError> = Field::ALL
            .into_iter()
            .filter_map(|field| field.spec().check(field, self.value(field)).err())
            .collect();
        let bad: Vec<Field> = errors.iter().map(InputError::field).collect();
        let field_ok = |f: Field| !bad.contains(&f);
        if field_ok(Field::LeadTime) && field_ok(Field::HorizonDays) {
            let warm_up_days = warm_up_for(self.lead_time_days, REVIEW_PERIOD_DAYS);
            if self.horizon_days <= f64::from(warm_up_days) {
                errors.push(InputError::HorizonWithinWarmUp {
                    horizon_days: self.horizon_days,
                    warm_up_days,
                });
            }
        }
        if field_ok(Field::Replications)
            && field_ok(Field::HorizonDays)
            && self.n_replications * self.horizon_days > MAX_REPLICATION_DAYS
        {
            errors.push(InputError::TooMuchWork {
                n_replications: self.n_replications,
                horizon_days: self.horizon_days,
            });
        }
        errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_valid() {
        assert!(Scenario::try_from(ScenarioInput::default()).is_ok());
        for field in Field::ALL {
            let s = field.spec();
            assert!(s.check(field, s.default).is_ok(), "{}", s.label);
        }
    }

    #[test]
    fn messages_name_field_value_and_range() {
        let e = Field::MeanDemand.spec().parse(Field::MeanDemand, "abc").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Mean daily demand: \"abc\" is not a number; accepted: from 0 to 1,000,000 units/day."
        );
        let e = Field::LeadTime.spec().parse(Field::LeadTime, "2.5").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Lead time: 2.5 is not a whole number; accepted: whole numbers from 0 to 365 days."
        );
        let e = Field::DemandSd.spec().parse(Field::DemandSd, "-1").unwrap_err();
        assert_eq!(e, InputError::OutOfRange { field: Field::DemandSd, value: -1.0 });
        let e = Field::UnitCost.spec().parse(Field::UnitCost, " ").unwrap_err();
        assert!(e.to_string().starts_with("Unit cost is empty"));
        for text in ["NaN", "inf", "-inf", "1e400"] {
            let e = Field::OrderCost.spec().parse(Field::OrderCost, text).unwrap_err();
            assert!(matches!(e, InputError::NotANumber { .. }), "{text}");
        }
    }

    #[test]
    fn cross_field_errors_point_at_a_field() {
        let input =
            ScenarioInput { lead_time_days: 30.0, horizon_days: 31.0, ..Default::default() };
        let errors = Scenario::try_from(input).unwrap_err();
        assert_eq!(
            errors,
            vec![InputError::HorizonWithinWarmUp { horizon_days: 31.0, warm_up_days: 31 }]
        );
        assert!(errors[0].to_string().contains("from 32 to 3,650"));

        let input =
            ScenarioInput { n_replications: 10_000.0, horizon_days: 3_650.0, ..Default::default() };
        let errors = Scenario::try_from(input).unwrap_err();
        assert_eq!(errors[0].field(), Field::Replications);
        assert!(errors[0].to_string().contains("1 to 1,095"), "{}", errors[0]);
    }

    #[test]
    fn numbers_are_grouped() {
        assert_eq!(Num(1_234_567.0).to_string(), "1,234,567");
        assert_eq!(Num(-1_000.0).to_string(), "-1,000");
        assert_eq!(Num(999.0).to_string(), "999");
        assert_eq!(Num(2.5).to_string(), "2.5");
    }
}
