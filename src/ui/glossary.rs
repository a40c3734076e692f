//! The words the page uses, defined once, as the product's design defines them.

use yew::prelude::*;

/// (term, definition), in the order a planner meets them.
pub const TERMS: &[(&str, &str)] = &[
    ("JIT (just-in-time)", "Order up to the expected demand over the protection period and hold no safety stock: with no randomness it ends every day with nothing left and nothing short."),
    ("JIC (just-in-case)", "JIT plus a deliberate buffer of safety stock."),
    ("Make-to-order", "The extreme lean case: nothing is stocked; each day's demand is ordered that evening and its customers wait the lead time."),
    ("Buffer", "Safety stock, in days of mean demand (or units where a field says so)."),
    ("Stance", "Leaner (below JIT: levels under the JIT level pay, e.g. perishables), lean (the JIT end: no buffer pays for itself), balanced (a rule and buffer between the ends, sized by the optimiser) or buffered (at or past the JIC level)."),
    ("Replenishment rule", "How often and how much to order: up to a level every R days, (r, Q) (order Q when the inventory position falls to r) or (s, S) (order up to S when it falls to s). The optimiser chooses it with the buffer, starting from the economic order quantity, unless the item's rule is fixed."),
    ("Lead time", "Full days in transit: an order placed at the end of day t is on the shelf at the start of day t + L + 1."),
    ("Review period", "How often the stock is looked at (1 = every day)."),
    ("Protection period", "Lead time plus review period: what an order must cover until the next one arrives."),
    ("Inventory position", "On hand + on order − backorders: what a policy looks at when it orders."),
    ("Stockout day", "A day with any demand not served from stock."),
    ("Fill rate", "Units served from stock on the day ÷ units demanded."),
    ("Cycle service level", "Share of replenishment cycles (order to next order) without a stockout day."),
    ("Ready rate", "Share of days without a stockout: 1 − stockout days ÷ days."),
    ("Total cost", "Purchases + ordering + capital holding + storage + shortage (backorder penalty, or lost sales at their price plus goodwill) + write-offs; stock left at the end is credited at unit cost."),
    ("Lost sale", "Demand gone unserved: it costs its selling price plus goodwill, since a unit never sold is never bought; so the policy with the least total cost is the one with the most margin."),
    ("Margin", "Selling price × units demanded − total cost: revenue less every cost, goodwill included."),
    ("Cash tied up", "What is paid for and not yet sold: stock on hand, plus stock in transit already paid for (paid at order), less what is still owed (paid after receipt). Capital holding is charged on it; it can be negative when suppliers finance more than is on the shelf."),
    ("Price break", "An all-units quantity discount: an order of at least so many units pays a lower price for every unit of it. Stock is then valued at the average price the policy paid."),
    ("Freight per shipment", "A cost per truck or container carrying up to so many units, paid in full however full it is; part of the ordering cost."),
    ("Expedite", "An emergency order at a premium, placed in the evening when stock on hand − customers waiting + what arrives within the expedite lead time falls below a trigger. The optimiser weighs it against a bigger buffer and keeps it only where it pays."),
    ("Storage space", "The room an item has: beyond it a delivery is partly refused (sent back, not bought) or the excess is kept in rented overflow space. An overflow day ends with more on hand than the space holds."),
    ("Market price", "With prices over time: the price of the day, from the unit cost moved by inflation, scheduled changes and random jumps. Each order pays the price of the day it is placed (the agreed price within a supply agreement's quantity)."),
    ("Moving average cost", "How stock is valued when prices move: the stock owned or on order has one book price, the average of what its orders paid; capital holding, cash tied up and the stock left at the end are valued at it."),
    ("Buying ahead", "Forward buying: at the last review before an announced price rise, ordering more on top of the rule — a cover of days of demand, or as much as pays (the rise ÷ the daily cost of holding a unit)."),
    ("Payment terms", "When the supplier is paid: at order, on receipt (the default), or some days after receipt."),
    ("Frontier", "Expected cost and stockout risk against the buffer, from below 0 days (leaner than JIT) to past any sensible JIC level, for the cost-optimal replenishment rule; JIT and JIC are marked on it, or beside it when their rule is not the optimal one."),
    ("Same cost within the noise", "Buffers whose paired cost difference from the optimum is within 1.96 standard errors."),
    ("Common random numbers", "Every policy of an item faces the same simulated days (demand, lead times, outages), so differences between policies are differences of policy, not luck."),
    ("Standard error (±)", "How far a mean from this many runs may be from the true mean: about 95 % of the time within 1.96 of them."),
    ("P5 / P50 / P95", "The values 5 %, 50 % and 95 % of runs fall below: P95 is a bad year that comes once in twenty."),
    ("Safety stock", "The buffer in units."),
    ("Reorder point", "Order when the inventory position falls below it. For the order-up-to rules the advice recommends it equals the order-up-to level: any review that finds the position below S orders."),
    ("Plan", "The recommended policy as an ERP holds it: a level per period (each twelfth of a year, day by day around a known promotion) and per day of the week where a weekly pattern moves it, in whole units where demand is whole. It is exactly what was simulated."),
    ("Order-up-to level", "What an order lifts the inventory position to."),
    ("ABC", "Classes by yearly value: A makes up the first 80 %, B the next 15 %, C the rest."),
    ("XYZ", "Classes by the coefficient of variation of daily demand: X under 0.5, Y under 1, Z from 1."),
];

#[function_component(Glossary)]
pub fn glossary() -> Html {
    html! {
        <details class="glossary" data-testid="glossary">
            <summary>{ "Glossary: the words on this page" }</summary>
            <dl>
                { for TERMS.iter().map(|(term, definition)| html! {
                    <>
                        <dt>{ *term }</dt>
                        <dd>{ *definition }</dd>
                    </>
                }) }
            </dl>
        </details>
    }
}
