//! The editor's fields, list by list: an item's (group by group), the run settings', a
//! supplier's and a policy's.

#[allow(clippy::wildcard_imports)]
use super::shapes::*;
#[allow(clippy::wildcard_imports)]
use super::*;

/// An item's fields, group by group: (group heading, fields).
pub fn item_groups() -> [(&'static str, Vec<FieldDef>); 3] {
    let d = |p: &'static str| p;
    [
        (
            "Demand",
            vec![
                other(d("demand.distribution"), "Daily demand", "", "How a day's demand varies.", Kind::Choice(DEMAND_KINDS)),
                number("demand.mean", "Mean daily demand", "units/day", "Average units customers want per day.", Field::MeanDemand.spec().accepted())
                    .when("demand.distribution", WITH_MEAN),
                number("demand.sd", "Demand standard deviation", "units/day", "Day-to-day spread of demand.", Field::DemandSd.spec().accepted())
                    .empty("0")
                    .when("demand.distribution", WITH_SD)
                    .unless("demand.cv"),
                number("demand.cv", "Coefficient of variation", "sd ÷ mean", "The spread as a share of the mean (the sd is then CV × mean).", ranges::CV)
                    .empty("none: give the sd")
                    .when_present("demand.cv"),
                number("demand.probability", "Chance of demand on a day", "0 to 1", "Share of days with any demand.", ranges::PROBABILITY)
                    .when("demand.distribution", &["intermittent"]),
                number("demand.size_mean", "Mean size when there is demand", "units", "Average quantity on a day that has demand.", ranges::ORDER_SIZE)
                    .when("demand.distribution", &["intermittent"]),
                number("demand.size_sd", "Size standard deviation", "units", "Spread of that quantity (0: always the same).", ranges::ORDER_SIZE)
                    .optional()
                    .when("demand.distribution", &["intermittent"]),
                number("demand.rate", "Customers per day", "customers/day", "Mean number of customer orders a day (Poisson).", ranges::ARRIVAL_RATE)
                    .when("demand.distribution", &["compound_poisson"]),
                other("demand.sizes", "Order sizes", "", "Each customer takes one size, drawn with probability ∝ its weight.", Kind::Rows(RowList::Sizes))
                    .when("demand.distribution", &["compound_poisson"]),
                other("demand.history", "Daily demand history", "units/day", "One number per day; each simulated day resamples one.", Kind::Numbers { accepted: ranges::HISTORY_DAY })
                    .when("demand.distribution", &["empirical"]),
                other("round_demand_to_units", "Round demand to whole units", "", "Each day's demand is a whole number of units.", Kind::Toggle).advanced(),
                number("demand_shape.seasonality.amplitude_pct", "Seasonal swing", "% of mean demand", "Peak-to-average swing over the year (0: none).", ranges::AMPLITUDE).optional().advanced(),
                number("demand_shape.seasonality.peak_day", "Seasonal peak", "day of the year", "Day 0 is the first simulated day.", ranges::PEAK_DAY).optional().advanced(),
                number("demand_shape.trend_pct_per_year", "Trend", "% per year", "Growth (or decline) compounded daily.", ranges::TREND).optional().advanced(),
                other("demand_shape.weekly", "Weekly pattern", "× demand, 7 numbers", "Day-of-week multipliers from day 0, e.g. 1 1 1 1 1.2 0.8 0.5.", Kind::Numbers { accepted: ranges::MULTIPLIER }).advanced(),
                other("demand_shape.scheduled_shocks", "Scheduled demand shocks", "", "Known changes in demand: a promotion, a customer's shutdown. JIT and JIC plan for them.", Kind::Rows(RowList::Shocks)).advanced(),
                other("demand_shape.random_shocks", "Random demand shocks", "", "Surprise surges (or drops) no plan foresees.", Kind::Part { default: r#"{"rate_per_year": 2, "multiplier": 2, "mean_days": 7}"# }).advanced(),
                number("demand_shape.random_shocks.rate_per_year", "Shocks per year", "shocks/year", "A shock starts on any day with probability rate ÷ days per year.", ranges::SHOCK_RATE).advanced().when_present("demand_shape.random_shocks"),
                number("demand_shape.random_shocks.multiplier", "Shock multiplier", "× demand", "Demand during a shock (one starting during another extends it).", ranges::MULTIPLIER).advanced().when_present("demand_shape.random_shocks"),
                number("demand_shape.random_shocks.mean_days", "Mean shock length", "days", "Geometric, with this mean.", ranges::SHOCK_DAYS).advanced().when_present("demand_shape.random_shocks"),
            ],
        ),
        (
            "Supply",
            vec![
                other("lead_time.distribution", "Lead time", "", "Full days in transit: ordered at the end of day t, on the shelf at the start of day t+L+1.", Kind::Choice(LEAD_TIME_KINDS)),
                number("lead_time.days", "Lead time", "days", "Always this many days.", ranges::LEAD_DAYS_WHOLE).when("lead_time.distribution", &["fixed"]),
                number("lead_time.min", "Shortest lead time", "days", "Every whole day from shortest to longest is equally likely.", ranges::LEAD_DAYS_WHOLE).when("lead_time.distribution", &["uniform"]),
                number("lead_time.max", "Longest lead time", "days", "", ranges::LEAD_DAYS_WHOLE).when("lead_time.distribution", &["uniform"]),
                number("lead_time.mean", "Mean lead time", "days", "Average days from order to shelf.", ranges::LEAD_DAYS).when("lead_time.distribution", LEAD_MEAN_SD),
                number("lead_time.sd", "Lead-time standard deviation", "days", "Spread of the lead time.", ranges::LEAD_DAYS).when("lead_time.distribution", LEAD_MEAN_SD),
                other("lead_time.days", "Past lead times", "days", "One whole number per past receipt; each order resamples one.", Kind::Numbers { accepted: ranges::LEAD_DAYS_WHOLE }).when("lead_time.distribution", &["empirical"]),
                other("supplier", "Supplier", "", "Whose outages hold up this item's orders (define them under Suppliers).", Kind::Supplier),
                number("review_period_days", "Review period", "days", "How often the stock is looked at (1 = every day); where the optimiser's search for how often and how much to order starts.", ranges::REVIEW_PERIOD).empty("1 (every day)"),
                other("rule_fixed", "Keep this review period and these order limits", "", "On: the optimiser sizes the buffer on this rule only (delivery slots, a contract). Off: it also compares ordering every few days, (r, Q) and (s, S) around the economic order quantity.", Kind::Toggle).advanced(),
                other("deliveries_in_order", "Deliveries arrive in order", "", "A later order never overtakes an earlier one.", Kind::Toggle).advanced(),
                number("order_limits.minimum", "Minimum order", "units", "Smaller orders are raised to it.", ranges::UNITS).empty("none").advanced(),
                number("order_limits.multiple", "Order multiple", "units", "Pack or pallet size.", ranges::UNITS).empty("none").advanced(),
                number("order_limits.maximum", "Maximum order", "units", "Orders are capped at it.", ranges::UNITS).empty("none").advanced(),
                number("initial_on_hand", "Stock on day 0", "units", "The same for every policy.", ranges::UNITS).empty("each policy's own level").advanced(),
                number("warm_up_days", "Warm-up for this item", "days", "Days left out of this item's statistics, over the settings' warm-up.", ranges::WARM_UP).empty("the settings'").advanced(),
                number("perishability.shelf_life_days", "Shelf life", "days", "A lot received on day t serves days t to t+s−1.", ranges::SHELF_LIFE).empty("keeps forever").advanced(),
                other("perishability.issuing", "Issued", "", "Which lots customers get first.", Kind::Choice(ISSUING)).advanced().when_present("perishability.shelf_life_days"),
                other("perishability.position", "Reviews count", "", "Whether the inventory position a review orders against counts the units that are written off the next morning.", Kind::Choice(POSITION)).advanced().when_present("perishability.shelf_life_days"),
                number("obsolescence.probability_per_year", "Chance it stops selling", "0 to 1 per year", "Then the stock left is written off.", ranges::PROBABILITY).empty("sells forever").advanced(),
                number("obsolescence.salvage_per_unit", "Salvage value", "currency/unit", "What a written-off unit still fetches (set against the disposal cost).", ranges::LOST_SALE).empty("0").advanced().when_present("obsolescence.probability_per_year"),
                other("supply_yield", "Supply yield", "", "The share of each order that arrives usable (none: all of it).", Kind::Shapes(YIELD_SHAPES)).advanced(),
                number("supply_yield.share", "Share delivered", "0 to 1", "Every order loses the same share.", ranges::YIELD_SHARE).when("supply_yield.distribution", &["fixed"]).advanced(),
                number("supply_yield.min", "Lowest share", "0 to 1", "Each order's share is uniform between lowest and highest.", ranges::YIELD_SHARE).when("supply_yield.distribution", &["uniform"]).advanced(),
                number("supply_yield.max", "Highest share", "0 to 1", "", ranges::YIELD_SHARE).when("supply_yield.distribution", &["uniform"]).advanced(),
                number("supply_yield.mean", "Mean share", "0 to 1", "Each order's share is beta-distributed.", ranges::YIELD_SHARE).when("supply_yield.distribution", &["beta"]).advanced(),
                number("supply_yield.sd", "Share standard deviation", "0 to 0.5", "", ranges::YIELD_SD).when("supply_yield.distribution", &["beta"]).advanced(),
                other("expedite", "Expedite when stock runs low", "", "An emergency order at a premium, checked every evening: the optimiser weighs it against a bigger buffer and keeps it only where it pays.", Kind::Part { default: r#"{"trigger_units": 20, "lead_time_days": 1, "premium_per_unit": 5}"# }).advanced(),
                number("expedite.trigger_units", "Expedite below", "units", "Stock on hand − customers waiting + what arrives within the expedite lead time.", ranges::UNITS).advanced().when_present("expedite"),
                number("expedite.order_units", "Smallest expedite", "units", "An expedite brings the stock back to the trigger, and is at least this.", ranges::UNITS).empty("just enough to reach the trigger").advanced().when_present("expedite"),
                number("expedite.lead_time_days", "Expedite lead time", "days", "Ordered in the evening of day t, on the shelf the morning of day t + this + 1 (0: overnight).", ranges::EXPEDITE_LEAD).advanced().when_present("expedite"),
                number("expedite.premium_per_unit", "Expedite premium", "currency/unit", "Paid per expedited unit on top of its price.", ranges::PRICE).advanced().when_present("expedite"),
                number("expedite.fixed_cost", "Charge per expedite", "currency/expedite", "A courier's or air freight's fixed charge.", ranges::EXPEDITE_CHARGE).empty("0").advanced().when_present("expedite"),
                other("expedite.fails_while_down", "Not while the supplier is down", "", "On: an expedite needs the supplier up (the next evening tries again). Off: it goes through (a distributor, another plant).", Kind::Toggle).advanced().when_present("expedite"),
                other("backup", "Backup supplier", "", "A second source with its own lead time, price and outages: the optimiser weighs it against a bigger buffer and keeps it only where it pays.", Kind::Shapes(BACKUP_SHAPES)).advanced(),
                other("backup.supplier", "Backup's supplier", "", "Whose outages hold up the backup's orders (define them under Suppliers).", Kind::Supplier).advanced().when_present("backup"),
                other("backup.lead_time.distribution", "Backup lead time", "", "The backup's own lead time, drawn apart from the first supplier's.", Kind::Choice(LEAD_TIME_KINDS)).advanced().when_present("backup"),
                number("backup.lead_time.days", "Backup lead time", "days", "Always this many days.", ranges::LEAD_DAYS_WHOLE).advanced().when("backup.lead_time.distribution", &["fixed"]),
                number("backup.lead_time.min", "Backup's shortest lead time", "days", "Every whole day from shortest to longest is equally likely.", ranges::LEAD_DAYS_WHOLE).advanced().when("backup.lead_time.distribution", &["uniform"]),
                number("backup.lead_time.max", "Backup's longest lead time", "days", "", ranges::LEAD_DAYS_WHOLE).advanced().when("backup.lead_time.distribution", &["uniform"]),
                number("backup.lead_time.mean", "Backup's mean lead time", "days", "", ranges::LEAD_DAYS).advanced().when("backup.lead_time.distribution", LEAD_MEAN_SD),
                number("backup.lead_time.sd", "Backup's lead-time standard deviation", "days", "", ranges::LEAD_DAYS).advanced().when("backup.lead_time.distribution", LEAD_MEAN_SD),
                other("backup.lead_time.days", "Backup's past lead times", "days", "One whole number per past receipt.", Kind::Numbers { accepted: ranges::LEAD_DAYS_WHOLE }).advanced().when("backup.lead_time.distribution", &["empirical"]),
                number("backup.unit_cost", "Backup unit cost", "currency/unit", "What a unit from the backup costs.", ranges::PRICE).advanced().when_present("backup"),
                number("backup.order_cost", "Backup order cost", "currency/order", "Paid per order to the backup.", ranges::PRICE).empty("0").advanced().when_present("backup"),
                number("backup.min_order_units", "Backup minimum order", "units", "A smaller order to the backup is raised to it.", ranges::UNITS).empty("none").advanced().when_present("backup"),
                number("backup.backup_share", "Share from the backup", "0 to 1 of each order", "Every order is split: this share from the backup, the rest from the first supplier.", ranges::BACKUP_SHARE).advanced().when("backup.rule", &["split"]),
                number("backup.level_units", "Backup level", "units", "At each review, before the regular order, the backup is asked for what brings on hand − customers waiting + what lands within its longest lead time up to this. The optimiser also tries levels of its own.", ranges::UNITS).advanced().when("backup.rule", &["dual_index"]),
            ],
        ),
        (
            "Costs",
            vec![
                number("costs.unit_cost", "Unit cost", "currency/unit", "The purchase price of a unit.", Field::UnitCost.spec().accepted()).empty("40"),
                other("payment_terms", "Supplier paid", "", "When the supplier is paid: the cash tied up (on which capital holding is charged) counts stock in transit when paid at order, and is less what is owed when paid later.", Kind::Shapes(ITEM_PAYMENT_SHAPES)),
                payment_days(),
                number("costs.holding_rate_pct_per_year", "Holding rate", "% of cash tied up/year", "Cost of capital, insurance and shrinkage, on the cash tied up in the item.", Field::HoldingRate.spec().accepted()).empty("25"),
                number("costs.storage_per_unit_day", "Storage cost", "currency/unit/day", "Space: per unit on the shelf per day.", Field::StorageCost.spec().accepted()).empty("0.01"),
                number("costs.order_cost", "Order cost", "currency/order", "Fixed cost of placing one order.", Field::OrderCost.spec().accepted()).empty("5"),
                other("price_breaks", "Price breaks", "", "All-units quantity discounts: an order of at least so many units pays a lower price for every unit. The optimiser tries ordering at each break.", Kind::Rows(RowList::PriceBreaks)).advanced(),
                other("freight", "Freight per shipment", "", "A truck or container paid in full however full it is: the optimiser tries full loads.", Kind::Part { default: r#"{"per_shipment": 400, "units_per_shipment": 1000}"# }).advanced(),
                number("freight.per_shipment", "Freight", "currency/shipment", "What one shipment costs, full or not (part of the ordering cost).", ranges::FREIGHT).advanced().when_present("freight"),
                number("freight.units_per_shipment", "Shipment holds", "units", "An order of q units takes q ÷ this shipments, rounded up.", ranges::SHIPMENT_UNITS).advanced().when_present("freight"),
                other("storage", "Storage space", "", "The room the item has, and what happens to stock beyond it.", Kind::Shapes(STORAGE_SHAPES)).advanced(),
                number("storage.capacity_units", "Space", "units", "The most units the item's space holds.", ranges::CAPACITY_UNITS).advanced().when_present("storage.capacity_units"),
                number("storage.capacity_m3", "Space", "m³", "The item's space in cubic metres.", ranges::CAPACITY_M3).advanced().when_present("storage.capacity_m3"),
                number("storage.m3_per_unit", "Volume of a unit", "m³/unit", "The capacity in units is the space ÷ this.", ranges::M3_PER_UNIT).advanced().when_present("storage.capacity_m3"),
                number("storage.overflow_per_unit_day", "Overflow rent", "currency/unit/day", "Per unit above the space at the end of a day.", ranges::OVERFLOW_COST).advanced().when("storage.when_full", &["rent"]),
                other("prices", "Prices over time", "", "The market price moving day by day; each order pays the price of its day, and stock is valued at its moving average cost.", Kind::Part { default: r#"{"inflation_pct_per_year": 3}"# }).advanced(),
                number("prices.inflation_pct_per_year", "Inflation", "% per year", "Compounded daily from the unit cost.", ranges::INFLATION).empty("0").advanced().when_present("prices"),
                other("prices.changes", "Price changes", "", "Scheduled changes; an announced rise can be bought ahead of.", Kind::Rows(RowList::PriceChanges)).advanced().when_present("prices"),
                other("prices.jumps", "Random price jumps", "", "Swings nobody announces (a raw-material price): they start at random and move the price by a random %.", Kind::Part { default: r#"{"per_year": 2, "mean_pct": 5, "sd_pct": 10}"# }).advanced().when_present("prices"),
                number("prices.jumps.per_year", "Jumps", "per year", "On average.", ranges::JUMP_RATE).advanced().when_present("prices.jumps"),
                number("prices.jumps.mean_pct", "Mean jump", "%", "Above 0: prices drift up.", ranges::JUMP_MEAN).advanced().when_present("prices.jumps"),
                number("prices.jumps.sd_pct", "Jump spread", "% (sd)", "The standard deviation of a jump.", ranges::JUMP_SD).empty("0").advanced().when_present("prices.jumps"),
                other("prices.agreement", "Supply agreement", "", "A price fixed for a quantity per period; units beyond it pay the market's.", Kind::Part { default: r#"{"price": 38, "units_per_period": 1000, "period_days": 90}"# }).advanced().when_present("prices"),
                number("prices.agreement.price", "Agreed price", "currency/unit", "", ranges::PRICE).advanced().when_present("prices.agreement"),
                number("prices.agreement.units_per_period", "Agreed quantity", "units per period", "The first units ordered in each period pay the agreed price.", ranges::UNITS).advanced().when_present("prices.agreement"),
                number("prices.agreement.period_days", "Agreement period", "days", "", ranges::AGREEMENT_DAYS).advanced().when_present("prices.agreement"),
                number("prices.agreement.start_day", "Agreement from day", "day", "", ranges::START_DAY).empty("0").advanced().when_present("prices.agreement"),
                number("prices.agreement.days", "Agreement lasts", "days", "", ranges::AGREEMENT_DAYS).empty("to the end").advanced().when_present("prices.agreement"),
                other("prices.forward_buy", "Buy ahead of announced rises", "", "At the last review before an announced rise, order more on top of the rule: the optimiser keeps it only where it pays.", Kind::Shapes(FORWARD_SHAPES)).advanced().when_present("prices"),
                number("prices.forward_buy.cover_days", "Buy ahead", "days of mean demand", "On top of what the rule orders.", ranges::FORWARD_DAYS).advanced().when_present("prices.forward_buy.cover_days"),
                other("shortage", "When stock runs out", "", "Backorder: the customer waits. Lost sale: the demand is gone.", Kind::Choice(SHORTAGE)),
                number("costs.backorder_per_unit_day", "Backorder penalty", "currency/unit/day", "For each unit a customer waits, per day (backorders only: a lost sale does not wait).", Field::BackorderCost.spec().accepted()).empty("2").when_not("shortage", &["lost_sale"]),
                number("costs.selling_price_per_unit", "Selling price", "currency/unit", "What a unit sells for. A lost sale then costs the price plus goodwill (it was never bought, so cost and margin agree), and margin is shown.", ranges::PRICE).empty("not given").unless("costs.lost_margin_per_unit"),
                number("costs.lost_margin_per_unit", "Margin per unit", "currency/unit", "Price − unit cost, when you know the margin rather than the price.", ranges::PRICE).empty("not given").when_present("costs.lost_margin_per_unit"),
                number("costs.goodwill_per_unit", "Goodwill per lost unit", "currency/unit", "Future business lost with a customer turned away, beyond the sale itself.", ranges::LOST_SALE).empty("0").unless("costs.lost_sale_per_unit"),
                number("costs.lost_sale_per_unit", "Lost margin plus goodwill", "currency/unit", "As older files give it: a lost unit costs the unit cost plus this. Give the selling price instead to see the margin.", ranges::LOST_SALE).empty("0").when_present("costs.lost_sale_per_unit"),
                number("costs.disposal_per_unit", "Disposal cost", "currency/unit", "For each unit written off (expired or obsolete).", ranges::LOST_SALE).empty("0").advanced(),
            ],
        ),
    ]
}

/// The run settings' fields (paths under `settings`).
pub fn settings_fields() -> Vec<FieldDef> {
    vec![
        number(
            "horizon_days",
            "Horizon",
            "days",
            "Days simulated per run, warm-up included.",
            Field::HorizonDays.spec().accepted(),
        )
        .empty("365"),
        number(
            "warm_up_days",
            "Warm-up",
            "days",
            "Days left out of the statistics.",
            ranges::WARM_UP,
        )
        .empty("each item's protection period"),
        number(
            "replications",
            "Replications",
            "runs",
            "Independent simulated histories; standard errors shrink with √runs.",
            Field::Replications.spec().accepted(),
        )
        .empty("500"),
        number(
            "seed",
            "Seed",
            "",
            "The same scenario and seed give the same numbers.",
            Field::Seed.spec().accepted(),
        )
        .empty("42"),
        other(
            "start_date",
            "Start date",
            "YYYY-MM-DD",
            "The calendar date of day 0: charts then show dates.",
            Kind::Text { max_chars: 10 },
        )
        .with_empty("none: days are numbered"),
        other(
            "currency",
            "Currency",
            "",
            "Shown with every amount; never converted.",
            Kind::Text { max_chars: 12 },
        )
        .with_empty("USD"),
        number(
            "days_per_year",
            "Days per year",
            "days",
            "Use 250 or 260 when each simulated day is a working day.",
            ranges::DAYS_PER_YEAR,
        )
        .empty("365"),
        other(
            "practically_same",
            "Practically the same",
            "",
            "The smallest yearly saving the advice calls a difference: a saving clear of the noise but under it reads \"practically the same\". Only the advice's words use it.",
            Kind::Shapes(PRACTICAL_SHAPES),
        ),
        number(
            "practically_same.pct_of_operating_cost",
            "Share of operating cost",
            "% of the item's operating cost/year",
            "Operating cost: the item's yearly total less purchases, at the optimum.",
            ranges::PRACTICAL_PCT,
        )
        .when_present("practically_same.pct_of_operating_cost"),
        number(
            "practically_same.per_year",
            "Amount",
            "currency/year per item",
            "Savings under this amount a year are practically the same as none (0: any clear saving counts).",
            ranges::PRACTICAL_AMOUNT,
        )
        .when_present("practically_same.per_year"),
        other(
            "warehouse",
            "Shared warehouse",
            "",
            "The space every item shares. The portfolio adds up the items' stock day by day and shows the busiest day's P95 against it; no item's simulation changes. In m³, every item needs its storage space in m³ (its volume per unit).",
            Kind::Shapes(WAREHOUSE_SHAPES),
        ),
        number(
            "warehouse.capacity_units",
            "Warehouse capacity",
            "units",
            "Units of all items together.",
            ranges::CAPACITY_UNITS,
        )
        .when_present("warehouse.capacity_units"),
        number(
            "warehouse.capacity_m3",
            "Warehouse capacity",
            "m³",
            "Cubic metres of all items together.",
            ranges::CAPACITY_M3,
        )
        .when_present("warehouse.capacity_m3"),
        other(
            "shortage",
            "When stock runs out",
            "",
            "For items that do not say.",
            Kind::Choice(&[
                ("", "Backorder (default)"),
                ("backorder", "Backorder"),
                ("lost_sale", "Lost sale"),
            ]),
        ),
    ]
}

/// A supplier's fields (paths under the supplier).
pub fn supplier_fields() -> Vec<FieldDef> {
    vec![
        other(
            "name",
            "Supplier name",
            "",
            "What items choose as their supplier.",
            Kind::Text { max_chars: 100 },
        ),
        other(
            "random_outages",
            "Random outages",
            "",
            "Disruptions at random: up and down spells of geometric length.",
            Kind::Shapes(OUTAGE_SHAPES),
        ),
        number(
            "random_outages.mean_up_days",
            "Mean time up",
            "days",
            "Average days between outages.",
            ranges::MEAN_UP,
        )
        .when_present("random_outages.mean_up_days"),
        number(
            "random_outages.mean_down_days",
            "Mean outage",
            "days",
            "Average length of an outage.",
            ranges::MEAN_DOWN,
        )
        .when_present("random_outages.mean_up_days"),
        number(
            "random_outages.availability",
            "Availability",
            "share of days up",
            "Above 0, up to 1 (1: never down).",
            ranges::AVAILABILITY,
        )
        .when_present("random_outages.availability"),
        number(
            "random_outages.mean_repair_days",
            "Mean repair time",
            "days",
            "Average length of a breakdown.",
            ranges::MEAN_DOWN,
        )
        .when_present("random_outages.availability"),
        other(
            "scheduled_outages",
            "Scheduled outages",
            "",
            "Known shutdowns (holidays, maintenance) when nothing ships.",
            Kind::Rows(RowList::Outages),
        ),
        other(
            "payment_terms",
            "Paid",
            "",
            "When this supplier is paid, for its items that do not say: it decides the cash tied up in them.",
            Kind::Shapes(SUPPLIER_PAYMENT_SHAPES),
        ),
        payment_days(),
    ]
}

/// The policies the editor can add: (kind written to the file, label).
pub const POLICY_KINDS: &[(&str, &str)] = &[
    ("jit", "JIT"),
    ("jic", "JIC (buffer in days)"),
    ("make_to_order", "Make-to-order"),
    ("base_stock", "Base-stock S"),
    ("s_S", "(s, S)"),
    ("r_Q", "(r, Q)"),
    ("R_S", "(R, S)"),
    ("R_s_S", "(R, s, S)"),
    ("jic_by_month", "JIC by month (seasonal buffer)"),
    ("jic_reestimated", "JIC re-estimated (learns from recent days)"),
];

/// The fields of one policy of kind `kind` as it stands in `value` (paths under the policy).
pub fn policy_fields(kind: &str, value: &serde_json::Value) -> Vec<FieldDef> {
    let level = |path, label, hint| number(path, label, "units", hint, ranges::UNITS);
    let review = number(
        "review_period_days",
        "Review period",
        "days",
        "Every R days.",
        ranges::REVIEW_PERIOD,
    );
    let optional_review = review.empty("the item's");
    let mut out = vec![other(
        "name",
        "Name",
        "",
        "Shown with its results (empty: from its numbers).",
        Kind::Text { max_chars: 100 },
    )];
    match kind {
        "jic" => {
            if value.get("cycle_service_level").is_some() {
                out.push(number(
                    "cycle_service_level",
                    "Cycle service level target",
                    "0 to 1",
                    "Buffer sized so this share of cycles has no stockout (normal approximation).",
                    ranges::SERVICE,
                ));
            } else if value.get("fill_rate").is_some() {
                out.push(number("fill_rate", "Fill rate target", "0 to 1", "Buffer sized so this share of units is served from stock (normal approximation).", ranges::SERVICE));
            } else {
                out.push(number(
                    "buffer_days",
                    "Buffer",
                    "days of mean demand",
                    "Safety stock on top of the JIT level.",
                    Field::JicBufferDays.spec().accepted(),
                ));
            }
        }
        "base_stock" => {
            out.push(level(
                "order_up_to",
                "Order-up-to level S",
                "Whenever the position is below S, order up to S.",
            ));
            out.push(optional_review);
        }
        "s_S" | "R_s_S" => {
            out.push(level(
                "reorder_point",
                "Reorder point s",
                "Order when the position is at or below s.",
            ));
            out.push(level("order_up_to", "Order-up-to level S", "Order up to S (S ≥ s)."));
            out.push(if kind == "s_S" { optional_review } else { review });
        }
        "r_Q" => {
            out.push(level(
                "reorder_point",
                "Reorder point r",
                "Order when the position is at or below r.",
            ));
            out.push(number(
                "quantity",
                "Order quantity Q",
                "units",
                "Order multiples of Q that lift the position above r.",
                ranges::QUANTITY,
            ));
            out.push(optional_review);
        }
        "R_S" => {
            out.push(review);
            out.push(level("order_up_to", "Order-up-to level S", "Every R days, order up to S."));
        }
        "jic_by_month" => out.push(other(
            "buffer_days",
            "Buffer by month",
            "days of mean demand, 12 numbers",
            "One buffer for each twelfth of the year from day 0: lean in calm months, buffered in volatile ones.",
            Kind::Numbers { accepted: Field::JicBufferDays.spec().accepted() },
        )),
        "jic_reestimated" => {
            out.push(number(
                "cycle_service_level",
                "Cycle service level target",
                "0 to 1",
                "The buffer is sized so this share of cycles has no stockout.",
                ranges::SERVICE,
            ));
            out.push(number(
                "every_days",
                "Re-estimated every",
                "days",
                "How often the level is worked out again.",
                ranges::OUTAGE_DAYS,
            ));
            out.push(number(
                "window_days",
                "From the last",
                "days",
                "Days of observed demand and lead times it learns from.",
                ranges::WINDOW,
            ));
        }
        _ => {}
    }
    out
}
