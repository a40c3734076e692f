//! Order-size economics: all-units price breaks against the textbook price-break EOQ
//! procedure the test computes, freight per shipment against hand counts, and an item without
//! either priced exactly as before. Seeded; tolerances stated with each check.

use jitjic::core::optimise::{optimise, Frontier, Options};
use jitjic::core::sim::simulate;
use jitjic::core::Scenario;
use jitjic::share::parse_scenario;

fn scenario(item: &str, horizon_days: u32, replications: u32) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 7,
              "settings": {{ "horizon_days": {horizon_days}, "replications": {replications}, "seed": 7 }},
              "items": [ {item} ] }}"#
    ))
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn optimum(s: &Scenario) -> Frontier {
    optimise(s.item(), s.settings(), &Options::default()).expect("something to optimise")
}

/// Deterministic demand of `d` a day, a fixed 5-day lead time, holding 25 % a year, with
/// `extra` item fields (breaks, freight, policies).
fn deterministic(d: f64, unit_cost: f64, order_cost: f64, extra: &str) -> String {
    format!(
        r#"{{ "demand": {{ "distribution": "normal", "mean": {d}, "sd": 0 }},
             "lead_time": {{ "distribution": "fixed", "days": 5 }},
             "costs": {{ "unit_cost": {unit_cost}, "holding_rate_pct_per_year": 25,
                        "storage_per_unit_day": 0, "order_cost": {order_cost},
                        "backorder_per_unit_day": 5 }}{extra} }}"#
    )
}

/// The textbook all-units price-break procedure (Silver, Pyke and Peterson, *Inventory
/// Management and Production Planning and Scheduling*, §5.5.2; Nahmias, *Production and
/// Operations Analysis*, §4.7): for each price p_i valid from b_i units, the EOQ at that
/// price, √(2·K·D / (h·p_i)), raised to b_i when below it and discarded when at or above the
/// next break (a lower price serves it); the candidate of least total cost
///
/// ```text
/// TC(Q) = p(Q)·D + K·D/Q + h·p(Q)·(Q − d)/2
/// ```
///
/// Timing conversion: the textbook holds Q/2 on average; in the simulated day stock is
/// counted at the end of each day, so a delivery of Q lasting Q/d days averages (Q − d)/2 on
/// hand. Within a price the difference is the constant h·p·d/2, so each price's EOQ is
/// unchanged and only the comparison across prices uses (Q − d)/2.
fn price_break_eoq(tiers: &[(f64, f64)], k: f64, h: f64, d: f64, days_a_year: f64) -> (f64, f64) {
    let yearly = d * days_a_year;
    let cost = |q: f64, p: f64| p * yearly + k * yearly / q + h * p * (q - d) / 2.0;
    let mut best = (f64::NAN, f64::INFINITY);
    for (i, &(from, p)) in tiers.iter().enumerate() {
        let eoq = (2.0 * k * yearly / (h * p)).sqrt();
        let next = tiers.get(i + 1).map_or(f64::INFINITY, |t| t.0);
        if eoq >= next {
            continue;
        }
        let q = eoq.max(from);
        let c = cost(q, p);
        if c < best.1 {
            best = (q, c);
        }
    }
    best
}

#[test]
fn price_breaks_move_the_order_to_the_break_the_textbook_procedure_picks() {
    // d = 20 a day, list price 10, holding 25 % a year, K = 10: the EOQ at the list price is
    // about 242 units; 500 units buy at 9.60 and 1,000 at 9.30.
    let (d, k, h) = (20.0, 10.0, 0.25);
    let tiers = [(0.0, 10.0), (500.0, 9.6), (1000.0, 9.3)];
    let breaks = r#", "price_breaks": [ { "from_units": 500, "unit_cost": 9.6 },
                                       { "from_units": 1000, "unit_cost": 9.3 } ]"#;
    let s = scenario(&deterministic(d, 10.0, k, breaks), 3650, 20);
    let (q_star, tc_star) = price_break_eoq(&tiers, k, h, d, 365.0);
    // The procedure's answer for these numbers: the 1,000-unit break.
    assert!((q_star - 1000.0).abs() < 1e-9, "{q_star}");
    let f = optimum(&s);
    let r = &f.optimum().result;
    let q = r.units_ordered_per_year.mean() / r.orders_per_year.mean();
    assert!((q / q_star - 1.0).abs() < 0.01, "typical order {q}, the procedure's {q_star}");
    // Every unit bought at the break's price: purchases ÷ units bought (all demand is served
    // and stock starts and ends the measured days valued alike) = 9.30.
    let price = r.purchase_cost_per_year.mean() / r.shipped_units_per_year.mean();
    assert!((price - 9.3).abs() < 0.01, "average price paid {price}");
    // And the total within 0.2 % of the procedure's (the operating part within 2 %).
    let total = r.total_cost_per_year.mean();
    assert!((total / tc_star - 1.0).abs() < 0.002, "simulated {total}, procedure {tc_star}");
    let operating = total - r.purchase_cost_per_year.mean();
    let closed_operating = tc_star - 9.3 * d * 365.0;
    assert!(
        (operating / closed_operating - 1.0).abs() < 0.02,
        "operating {operating}, closed form {closed_operating}"
    );
    // Without the breaks the same item orders near the EOQ at the list price, at 10 a unit.
    let plain = optimum(&scenario(&deterministic(d, 10.0, k, ""), 3650, 20));
    let p = &plain.optimum().result;
    let q_plain = p.units_ordered_per_year.mean() / p.orders_per_year.mean();
    assert!(q_plain < 500.0, "{q_plain}");
    assert!(total < p.total_cost_per_year.mean() - 3_000.0);
}

#[test]
fn a_part_load_pays_a_full_shipment_and_the_optimum_ships_full_loads() {
    // K = 5 an order, and freight of 150 a truck of 400 units: the EOQ with K + 150 is about
    // 950, but 951 units take three trucks; one full truck (400) is cheapest by hand:
    // (5 + 150)·D/400 + H·(400 − d)/2 against (5 + 300)·D/800 + H·(800 − d)/2, …
    let (d, k) = (20.0, 5.0);
    let yearly = d * 365.0;
    let big_h = 10.0 * 0.25;
    let freight = r#", "freight": { "per_shipment": 150, "units_per_shipment": 400 }"#;
    let by_hand = |q: f64, trucks: f64| (k + 150.0 * trucks) * yearly / q + big_h * (q - d) / 2.0;
    assert!(by_hand(400.0, 1.0) < by_hand(800.0, 2.0) && by_hand(400.0, 1.0) < by_hand(300.0, 1.0));
    let s = scenario(&deterministic(d, 10.0, k, freight), 3650, 20);
    let f = optimum(&s);
    let r = &f.optimum().result;
    let q = r.units_ordered_per_year.mean() / r.orders_per_year.mean();
    assert!((q - 400.0).abs() < 4.0, "typical order {q}");
    let ordering = r.ordering_cost_per_year.mean();
    let expected = (k + 150.0) * r.orders_per_year.mean();
    assert!((ordering / expected - 1.0).abs() < 1e-9, "ordering {ordering}, by hand {expected}");

    // (r, Q) with Q one unit over a truck pays two trucks an order: counted by hand.
    let policies = r#", "freight": { "per_shipment": 150, "units_per_shipment": 400 },
        "policies": [ { "policy": "r_Q", "reorder_point": 120, "quantity": 400 },
                      { "policy": "r_Q", "reorder_point": 120, "quantity": 401 } ]"#;
    let c = simulate(&scenario(&deterministic(d, 10.0, k, policies), 730, 4));
    for (policy, trucks) in c.policies.iter().zip([1.0, 2.0]) {
        let orders = policy.orders_per_year.mean();
        let ordering = policy.ordering_cost_per_year.mean();
        assert!(orders > 0.0);
        assert!(
            (ordering - (k + 150.0 * trucks) * orders).abs() < 1e-6 * ordering,
            "{}: {ordering} for {orders} orders",
            policy.name
        );
    }
}

#[test]
fn without_breaks_or_freight_nothing_changes_and_an_empty_list_is_no_breaks() {
    // The same item written with an empty break list gives the same bits as one without.
    let plain = simulate(&scenario(&deterministic(20.0, 10.0, 10.0, ""), 365, 8));
    let empty =
        simulate(&scenario(&deterministic(20.0, 10.0, 10.0, r#", "price_breaks": []"#), 365, 8));
    for (a, b) in plain.policies.iter().zip(&empty.policies) {
        assert_eq!(a.total_cost_per_year, b.total_cost_per_year);
        assert_eq!(a.holding_cost_per_year, b.holding_cost_per_year);
    }
    // A break that no order reaches changes no number either (orders price at the list).
    let far = r#", "price_breaks": [ { "from_units": 1000000, "unit_cost": 1 } ]"#;
    let unreached = simulate(&scenario(&deterministic(20.0, 10.0, 10.0, far), 365, 8));
    for (a, b) in plain.policies.iter().zip(&unreached.policies) {
        let (x, y) = (a.total_cost_per_year.mean(), b.total_cost_per_year.mean());
        assert!((x - y).abs() < 1e-9 * x, "{x} vs {y}");
    }
}

#[test]
fn bad_breaks_and_freight_are_refused_with_the_field_the_value_and_the_range() {
    let refuse = |extra: &str| {
        let e = parse_scenario(&format!(
            r#"{{ "version": 7, "items": [ {} ] }}"#,
            deterministic(20.0, 10.0, 10.0, extra)
        ))
        .unwrap_err();
        e.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    };
    let e = refuse(r#", "price_breaks": [ { "from_units": 500, "unit_cost": 11 } ]"#);
    assert!(
        e.contains("items[0].price_breaks") && e.contains("costs 11") && e.contains("from 0 to 10"),
        "{e}"
    );
    let e = refuse(
        r#", "price_breaks": [ { "from_units": 500, "unit_cost": 9 }, { "from_units": 400, "unit_cost": 8 } ]"#,
    );
    assert!(e.contains("price break 2 starts at 400 units") && e.contains("more than 500"), "{e}");
    let e = refuse(r#", "price_breaks": [ { "from_units": 0, "unit_cost": 9 } ]"#);
    assert!(e.contains("items[0].price_breaks[0].from_units") && e.contains("above 0"), "{e}");
    let e = refuse(r#", "freight": { "per_shipment": 10, "units_per_shipment": 0 }"#);
    assert!(e.contains("items[0].freight.units_per_shipment") && e.contains("above 0"), "{e}");
    let e = refuse(r#", "freight": { "per_shipment": -1, "units_per_shipment": 10 }"#);
    assert!(e.contains("items[0].freight.per_shipment"), "{e}");
    // Salvage above the lowest break price would make stock earn money.
    let e = refuse(
        r#", "price_breaks": [ { "from_units": 500, "unit_cost": 6 } ],
           "obsolescence": { "probability_per_year": 0.1, "salvage_per_unit": 8 }"#,
    );
    assert!(e.contains("above the lowest break price of 6"), "{e}");
    // An older file cannot carry them.
    let old = parse_scenario(&format!(
        r#"{{ "version": 6, "items": [ {} ] }}"#,
        deterministic(
            20.0,
            10.0,
            10.0,
            r#", "freight": { "per_shipment": 1, "units_per_shipment": 10 }"#
        )
    ))
    .unwrap_err();
    assert!(format!("{old:?}").contains("needs format version 7"), "{old:?}");
}

#[test]
fn breaks_and_freight_travel_in_links_and_written_files() {
    use jitjic::share::link::{decode, encode, View};
    use jitjic::share::scenario_file::ScenarioFile;
    let extra = r#", "price_breaks": [ { "from_units": 500, "unit_cost": 9.6 } ],
                   "freight": { "per_shipment": 150, "units_per_shipment": 400 }"#;
    let s = scenario(&deterministic(20.0, 10.0, 10.0, extra), 365, 8);
    // Written back out from the validated scenario, then shared as a link and read again.
    let written = serde_json::to_value(ScenarioFile::from_spec(s.spec())).unwrap();
    assert_eq!(written["items"][0]["price_breaks"][0]["unit_cost"], 9.6);
    assert_eq!(written["items"][0]["freight"]["units_per_shipment"], 400.0);
    let shared = decode(&encode(&written, &View::default())).expect("its own link");
    let again = parse_scenario(&shared.scenario.to_string()).unwrap();
    let (a, b) = (simulate(&s), simulate(&again));
    for (x, y) in a.policies.iter().zip(&b.policies) {
        assert_eq!(x.total_cost_per_year, y.total_cost_per_year);
        assert_eq!(x.ordering_cost_per_year, y.ordering_cost_per_year);
    }
}
