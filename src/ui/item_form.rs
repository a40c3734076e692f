//! The selected item's form, grouped as Demand / Supply / Costs / Policies, with advanced
//! fields folded away, and the problems no single field shows.

use yew::prelude::*;

use crate::ui::field_input::FieldInput;
use crate::ui::fields::{
    applies, item_groups, paths_shown, policy_fields, FieldDef, Kind, POLICY_KINDS,
};
use crate::ui::history_estimator::{HistoryEstimator, HistoryKind};
use crate::ui::state::{Action, EditorState};

#[derive(Properties, PartialEq)]
pub struct ItemFormProps {
    pub state: UseReducerHandle<EditorState>,
}

const NAME: FieldDef = FieldDef {
    path: "name",
    label: "Item name",
    unit: "",
    hint: "Shown with the item's results.",
    kind: Kind::Text { max_chars: 100 },
    advanced: false,
    when: None,
    unless: None,
    empty: "Item 1, Item 2, …",
};

/// Which history a group can be estimated from.
fn history_for(heading: &str) -> Option<HistoryKind> {
    match heading {
        "Demand" => Some(HistoryKind::Demand),
        "Supply" => Some(HistoryKind::LeadTime),
        _ => None,
    }
}

#[function_component(ItemForm)]
pub fn item_form(props: &ItemFormProps) -> Html {
    let state = &props.state;
    let i = state.selected;
    let Some(item) = state.items().get(i).cloned() else { return html! {} };
    // The item as it runs: its shortage mode is the scenario's unless it says its own, and
    // which fields apply depends on it.
    let mut effective = item.clone();
    if effective.get("shortage").is_none() {
        if let (Some(mode), Some(o)) =
            (state.doc.pointer("/settings/shortage").cloned(), effective.as_object_mut())
        {
            o.insert("shortage".into(), mode);
        }
    }
    let field = |def: FieldDef, path: String| {
        html! { <FieldInput key={path.clone()} {def} path={AttrValue::from(path.clone())} state={state.clone()} /> }
    };
    let groups = item_groups();
    // What runs but may not mean what was typed (core::notes), for the valid scenario shown.
    let notes: Vec<(&'static str, String)> = if state.errors.is_empty() {
        state.scenario.items().get(i).map_or_else(Vec::new, |item| {
            crate::core::notes::notes(item)
                .into_iter()
                .map(|n| {
                    let label = match n.field() {
                        "lead_time" => "Lead time",
                        _ => "Maximum order",
                    };
                    (label, n.to_string())
                })
                .collect()
        })
    } else {
        Vec::new()
    };
    let mut shown: Vec<String> = vec![format!("items[{i}].name")];
    let group_html: Vec<Html> = groups
        .iter()
        .map(|(heading, defs)| {
            let visible: Vec<&FieldDef> = defs.iter().filter(|d| applies(d, &effective)).collect();
            for d in &visible {
                shown.extend(paths_shown(d, &format!("items[{i}].{}", d.path), &state.doc));
            }
            let (basic, advanced): (Vec<&FieldDef>, Vec<&FieldDef>) =
                visible.into_iter().partition(|d| !d.advanced);
            html! {
                <fieldset data-testid={format!("group-{}", heading.to_lowercase())}>
                    <legend>{ *heading }</legend>
                    { for basic.iter().map(|d| field(**d, format!("items[{i}].{}", d.path))) }
                    if !advanced.is_empty() {
                        <details>
                            <summary data-testid={format!("more-{}", heading.to_lowercase())}>{ format!("More {} settings", heading.to_lowercase()) }</summary>
                            { for advanced.iter().map(|d| field(**d, format!("items[{i}].{}", d.path))) }
                        </details>
                    }
                    if *heading == "Supply" && !notes.is_empty() {
                        <ul class="notes" data-testid="item-notes">
                            { for notes.iter().map(|(label, text)| html! { <li>{ format!("{label}: {text}.") }</li> }) }
                        </ul>
                    }
                    if let Some(kind) = history_for(heading) {
                        <details>
                            <summary>{ match kind { HistoryKind::Demand => "Estimate demand from daily history", HistoryKind::LeadTime => "Estimate the lead time from past receipts" } }</summary>
                            <HistoryEstimator state={state.clone()} item={i} {kind} />
                        </details>
                    }
                </fieldset>
            }
        })
        .collect();
    let policies = item.get("policies").and_then(|p| p.as_array()).cloned();
    let policy_html = match &policies {
        None => html! {
            <p class="note">{ "Compares JIT and JIC with a 5-day buffer (the default). Add a policy to choose your own." }</p>
        },
        Some(list) => html! {
            <ol class="policies">
                { for list.iter().enumerate().map(|(j, p)| {
                    let kind = p.get("policy").and_then(|k| k.as_str()).unwrap_or("");
                    let label = match kind {
                        // Written by the optimiser's plan download, not added here.
                        "plan" => "Plan: levels by period (from a plan file; edit the file to change them)",
                        _ => POLICY_KINDS.iter().find(|(k, _)| *k == kind).map_or(kind, |(_, l)| *l),
                    };
                    let defs = policy_fields(kind, p);
                    shown.extend(defs.iter().map(|d| format!("items[{i}].policies[{j}].{}", d.path)));
                    let remove = {
                        let state = state.clone();
                        Callback::from(move |_: MouseEvent| state.dispatch(Action::RemovePolicy(i, j)))
                    };
                    html! {
                        <li data-testid={format!("policy-{j}")}>
                            <div class="policy-head">
                                <strong>{ label }</strong>
                                <button type="button" onclick={remove} disabled={list.len() == 1}
                                    aria-label={format!("Remove policy {}", j + 1)} data-testid={format!("remove-policy-{j}")}>{ "✕" }</button>
                            </div>
                            { for defs.into_iter().map(|d| field(d, format!("items[{i}].policies[{j}].{}", d.path))) }
                        </li>
                    }
                }) }
            </ol>
        },
    };
    let add_policy = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let value = select.value();
            if let Some((kind, _)) = POLICY_KINDS.iter().find(|(k, _)| *k == value) {
                state.dispatch(Action::AddPolicy(i, kind));
            }
            select.set_value("");
        })
    };
    let general: Vec<String> = state
        .general_errors(&shown)
        .filter(|e| {
            (e.path == format!("items[{i}]") || e.path.starts_with(&format!("items[{i}].")))
                || e.path.is_empty()
        })
        .map(ToString::to_string)
        .collect();
    html! {
        <section class="item-form" aria-label={format!("Edit {}", state.item_name(i))} data-testid="item-form">
            { field(NAME, format!("items[{i}].name")) }
            { for group_html }
            <fieldset data-testid="group-policies">
                <legend>{ "Policies" }</legend>
                { policy_html }
                <label class="add-policy">
                    <span>{ "Add a policy" }</span>
                    <select onchange={add_policy} data-testid="add-policy">
                        <option value="" selected=true>{ "Choose…" }</option>
                        { for POLICY_KINDS.iter().map(|(k, l)| html! { <option value={*k}>{ *l }</option> }) }
                    </select>
                </label>
            </fieldset>
            if !general.is_empty() {
                <ul class="problems" role="alert" data-testid="item-problems">
                    { for general.iter().map(|m| html! { <li>{ m.clone() }</li> }) }
                </ul>
            }
        </section>
    }
}
