//! The results table: every metric for each policy of the item, mean ± standard error.

use std::rc::Rc;

use yew::prelude::*;

use crate::core::Comparison;
use crate::ui::view_model::rows;

#[derive(Properties, PartialEq)]
pub struct ResultsTableProps {
    pub comparison: Rc<Comparison>,
    /// The scenario's currency.
    pub currency: AttrValue,
}

#[function_component(ResultsTable)]
pub fn results_table(props: &ResultsTableProps) -> Html {
    let c = &props.comparison;
    html! {
        <div class="table-scroll" tabindex="0" role="region" aria-label="Results per policy">
        <table class="results computed" data-testid="results">
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
                { for rows(c, &props.currency).into_iter().map(|row| html! {
                    <tr>
                        <th scope="row" title={row.definition}>{ row.label }</th>
                        { for row.cells.iter().enumerate().map(|(j, cell)| html! {
                            <td data-testid={format!("{}-{j}", row.key)}>
                                { cell }
                            </td>
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
        </div>
    }
}
