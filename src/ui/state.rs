//! The page's state: the text of every field as typed, the errors of that text, and the last
//! valid scenario (whose results stay on screen, marked stale, while the input is invalid).

use std::rc::Rc;

use yew::Reducible;

use crate::core::{Field, InputError, Scenario, ScenarioInput};

/// What a person can do to the form.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// A field's text changed.
    Edit(Field, String),
}

/// The form and the scenario it last described validly.
#[derive(Clone, Debug, PartialEq)]
pub struct FormState {
    /// The text of each field, in the order of [`Field::ALL`].
    texts: Vec<String>,
    /// The errors of the current text; empty when it is valid.
    pub errors: Vec<InputError>,
    /// The last valid scenario.
    pub scenario: Scenario,
}

impl Default for FormState {
    fn default() -> Self {
        let input = ScenarioInput::default();
        FormState {
            texts: Field::ALL.iter().map(|&f| format!("{}", input.value(f))).collect(),
            errors: Vec::new(),
            scenario: Scenario::try_from(input).expect("the default scenario is valid"),
        }
    }
}

impl FormState {
    pub fn text(&self, field: Field) -> &str {
        &self.texts[index(field)]
    }

    /// The first error message that belongs under a field.
    pub fn error(&self, field: Field) -> Option<String> {
        self.errors.iter().find(|e| e.field() == field).map(ToString::to_string)
    }

    /// True when the results on screen are from an earlier, valid input.
    pub fn is_stale(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Applies one action.
    pub fn apply(mut self, action: Action) -> Self {
        match action {
            Action::Edit(field, text) => {
                self.texts[index(field)] = text;
                match ScenarioInput::parse(|f| self.texts[index(f)].clone()) {
                    Ok(scenario) => {
                        self.errors.clear();
                        self.scenario = scenario;
                    }
                    Err(errors) => self.errors = errors,
                }
            }
        }
        self
    }
}

fn index(field: Field) -> usize {
    Field::ALL.iter().position(|&f| f == field).expect("every field is in Field::ALL")
}

impl Reducible for FormState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        Rc::new(Rc::unwrap_or_clone(self).apply(action))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::demand::{Demand, MeanSd};

    #[test]
    fn a_valid_edit_updates_the_scenario() {
        let s = FormState::default().apply(Action::Edit(Field::LeadTime, "3".into()));
        assert!(!s.is_stale());
        assert_eq!(s.scenario.item().lead_time().fixed(), Some(3));
        assert_eq!(s.text(Field::LeadTime), "3");
    }

    #[test]
    fn an_invalid_edit_keeps_the_last_valid_scenario_and_says_why() {
        let before = FormState::default();
        let s = before.clone().apply(Action::Edit(Field::DemandSd, "-2".into()));
        assert!(s.is_stale());
        assert_eq!(s.scenario, before.scenario);
        assert_eq!(s.text(Field::DemandSd), "-2");
        let message = s.error(Field::DemandSd).expect("an error under the field");
        assert!(message.contains("Demand standard deviation") && message.contains("-2"));
        assert_eq!(s.error(Field::MeanDemand), None);
        // Fixing it clears the error and takes the new value.
        let s = s.apply(Action::Edit(Field::DemandSd, "4".into()));
        assert!(!s.is_stale());
        let demand = &s.scenario.spec().items[0].demand;
        assert_eq!(demand, &Demand::Normal(MeanSd { mean: 20.0, sd: 4.0 }));
    }
}
