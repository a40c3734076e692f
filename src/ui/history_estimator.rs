//! Pasted history turned into a distribution (`core::estimate`), shown with its statistics
//! and the reason for its family before a person applies it, or uses the history as it is.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::core::demand::Demand;
use crate::core::estimate::{demand_from_history, lead_time_from_history};
use crate::core::lead_time::LeadTime;
use crate::core::numbers::Dec;
use crate::share::scenario_file::{DemandFile, LeadTimeFile};
use crate::ui::state::{Action, EditorState};

/// Which history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryKind {
    /// Daily demand.
    Demand,
    /// Lead times of past receipts.
    LeadTime,
}

#[derive(Properties, PartialEq)]
pub struct HistoryEstimatorProps {
    pub state: UseReducerHandle<EditorState>,
    pub item: usize,
    pub kind: HistoryKind,
}

fn numbers(text: &str) -> Result<Vec<f64>, String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<f64>()
                .ok()
                .filter(|x| x.is_finite())
                .ok_or(format!("\"{s}\" is not a number"))
        })
        .collect()
}

fn describe_demand(d: &Demand) -> String {
    match d {
        Demand::Normal(p) => {
            format!("normal, mean {}, sd {} units/day", Dec(p.mean, 2), Dec(p.sd, 2))
        }
        Demand::Poisson { mean } => format!("Poisson, mean {} units/day", Dec(*mean, 2)),
        Demand::Gamma(p) => {
            format!("gamma, mean {}, sd {} units/day", Dec(p.mean, 2), Dec(p.sd, 2))
        }
        Demand::NegativeBinomial(p) => {
            format!("negative binomial, mean {}, sd {} units/day", Dec(p.mean, 2), Dec(p.sd, 2))
        }
        Demand::Intermittent { probability, size } => format!(
            "intermittent: demand on {}% of days, size mean {}, sd {} units",
            Dec(probability * 100.0, 0),
            Dec(size.mean, 2),
            Dec(size.sd, 2)
        ),
        Demand::CompoundPoisson { .. } | Demand::Empirical(_) => "as observed".into(),
    }
}

fn describe_lead_time(l: &LeadTime) -> String {
    match l {
        LeadTime::Fixed(d) => format!("fixed, {d} days"),
        LeadTime::Normal(p) => format!("normal, mean {}, sd {} days", Dec(p.mean, 2), Dec(p.sd, 2)),
        LeadTime::LogNormal(p) => {
            format!("lognormal, mean {}, sd {} days", Dec(p.mean, 2), Dec(p.sd, 2))
        }
        _ => "as observed".into(),
    }
}

/// An estimate ready to show: statistics, the fitted family in words, and both ways to apply
/// it (the fitted distribution, or the history resampled as it is) as file JSON.
struct Estimated {
    stats: Vec<(String, String)>,
    fitted_text: String,
    fitted: serde_json::Value,
    raw: serde_json::Value,
}

#[function_component(HistoryEstimator)]
pub fn history_estimator(props: &HistoryEstimatorProps) -> Html {
    let text = use_state(String::new);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlTextAreaElement>().value())
        })
    };
    let (label, path, key) = match props.kind {
        HistoryKind::Demand => {
            ("Daily demand, one number per day", format!("items[{}].demand", props.item), "demand")
        }
        HistoryKind::LeadTime => (
            "Lead times of past receipts, in days",
            format!("items[{}].lead_time", props.item),
            "lead-time",
        ),
    };
    let id = format!("history-{key}-{}", props.item);
    let apply = |value: serde_json::Value| {
        let (state, path, text) = (props.state.clone(), path.clone(), text.clone());
        Callback::from(move |_: MouseEvent| {
            state.dispatch(Action::Replace { path: path.clone(), value: value.clone() });
            text.set(String::new());
        })
    };
    let outcome: Option<Result<Estimated, String>> = (!text.trim().is_empty()).then(|| {
        let values = numbers(&text)?;
        match props.kind {
            HistoryKind::Demand => {
                let e = demand_from_history(&values)?;
                let stats = vec![
                    ("Days".to_owned(), e.days.to_string()),
                    ("Mean".to_owned(), format!("{} units/day", Dec(e.mean, 2))),
                    ("Standard deviation".to_owned(), format!("{} units/day", Dec(e.sd, 2))),
                    (
                        "Days without demand".to_owned(),
                        format!("{}%", Dec(e.zero_share * 100.0, 0)),
                    ),
                ];
                let fitted = serde_json::to_value(DemandFile::from_core(&e.fitted))
                    .map_err(|e| e.to_string())?;
                let raw = serde_json::to_value(DemandFile::from_core(&Demand::Empirical(values)))
                    .map_err(|e| e.to_string())?;
                Ok(Estimated {
                    stats,
                    fitted_text: format!("{} — {}", describe_demand(&e.fitted), e.why),
                    fitted,
                    raw,
                })
            }
            HistoryKind::LeadTime => {
                let e = lead_time_from_history(&values)?;
                let stats = vec![
                    ("Receipts".to_owned(), e.receipts.to_string()),
                    ("Mean".to_owned(), format!("{} days", Dec(e.mean, 2))),
                    ("Standard deviation".to_owned(), format!("{} days", Dec(e.sd, 2))),
                    ("Shortest – longest".to_owned(), format!("{} – {} days", e.min, e.max)),
                ];
                let fitted = serde_json::to_value(LeadTimeFile::from_core(&e.fitted))
                    .map_err(|e| e.to_string())?;
                let whole: Vec<u32> = values.iter().map(|&d| d as u32).collect();
                let raw =
                    serde_json::to_value(LeadTimeFile::from_core(&LeadTime::Empirical(whole)))
                        .map_err(|e| e.to_string())?;
                Ok(Estimated {
                    stats,
                    fitted_text: format!("{} — {}", describe_lead_time(&e.fitted), e.why),
                    fitted,
                    raw,
                })
            }
        }
    });
    html! {
        <div class="history" data-testid={format!("history-{key}")}>
            <label for={id.clone()}>{ label }</label>
            <textarea id={id} rows="3" value={(*text).clone()} {oninput}
                placeholder="Paste numbers separated by commas, spaces or new lines"
                data-testid={format!("history-{key}-input")} />
            { match outcome {
                None => html! {},
                Some(Err(message)) => html! {
                    <p class="error" role="alert" data-testid={format!("history-{key}-error")}>{ message }</p>
                },
                Some(Ok(Estimated { stats, fitted_text, fitted, raw })) => html! {
                    <div class="estimate" data-testid={format!("history-{key}-estimate")}>
                        <table class="erp">
                            <tbody>
                                { for stats.iter().map(|(k, v)| html! { <tr><th scope="row">{ k.clone() }</th><td>{ v.clone() }</td></tr> }) }
                            </tbody>
                        </table>
                        <p data-testid={format!("history-{key}-fitted")}>{ format!("Fitted: {fitted_text}.") }</p>
                        <button type="button" onclick={apply(fitted)} data-testid={format!("history-{key}-apply")}>{ "Apply the fitted distribution" }</button>
                        { " " }
                        <button type="button" onclick={apply(raw)} data-testid={format!("history-{key}-apply-raw")}>{ "Use the history as it is" }</button>
                    </div>
                },
            } }
        </div>
    }
}
