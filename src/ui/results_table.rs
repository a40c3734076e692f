//! The results table: every metric for JIT and JIC, mean ± standard error.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::Comparison;
use crate::ui::view_model::rows;

#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    pub comparison: Rc<Comparison>,
}

#[function_component(ResultsTable)]
pub fn results_table(props: &ResultsTableProps) -> Html {
    let c = &props.comparison;
    html! {
        <table class="results" data-testid="results">
            <caption>{ "Per policy: mean ± standard error over the replications, after the warm-up" }</caption>
            <thead>
                <tr>
                    <th scope="col">{ "Metric" }</th>
                    { for c.policies.iter().map(|p| html! {
                        <th scope="col" class={p.policy.kind.name().to_lowercase()}>{ &p.name }</th>
                    }) }
                </tr>
            </thead>
            <tbody>
                { for rows(c).into_iter().map(|row| html! {
                    <tr>
                        <th scope="row" title={row.definition}>{ row.label }</th>
                        { for row.cells.iter().zip(&c.policies).map(|(cell, p)| html! {
                            <td data-testid={format!("{}-{}", row.key, p.policy.kind.name().to_lowercase())}>
                                { cell }
                            </td>
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
