//! The results table: every metric for each policy of the item, mean ± standard error.

use yew::prelude::*;

use crate::core::Comparison;
use crate::ui::view_model::rows;

/// The table of `comparison`, costs in `currency`.
///
/// A plain function, not a component: the table is rendered with the run's status above it,
/// in one pass. (A child component re-renders in a later pass of yew's scheduler, which may
/// yield to the browser in between, so a note "First estimate from 2,000 runs" could show
/// over the previous run's numbers for a frame.)
pub fn results_table(c: &Comparison, currency: &AttrValue) -> Html {
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
                { for rows(c, currency).into_iter().map(|row| html! {
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
