//! Money figures a finance lead can sign: the lost-sale cost against a margin computed
//! independently from the simulated units, and cash tied up under each payment term against
//! hand computation.

use jitjic::core::optimise::{advise, frontier, optimise, Options, Stance, Wording};
use jitjic::core::sim::{simulate_item, PolicyResult};
use jitjic::share::parse_scenario;

/// The bearing of the issue: demand N(20, 6) a day, a fixed 5-day lead time, unit cost 40,
/// holding 25 % a year, storage 0.01 a unit-day, orders at 5, sales lost.
fn lost_sales_item(sale: &str, replications: u32) -> String {
    format!(
        r#"{{ "version": 4, "settings": {{ "horizon_days": 365, "replications": {replications}, "seed": 42 }},
          "items": [ {{ "name": "Bearing, lost sales",
            "demand": {{ "distribution": "normal", "mean": 20, "sd": 6 }},
            "lead_time": {{ "distribution": "fixed", "days": 5 }},
            "costs": {{ "unit_cost": 40, "holding_rate_pct_per_year": 25, "storage_per_unit_day": 0.01,
                        "order_cost": 5, {sale} }},
            "shortage": "lost_sale" }} ] }}"#
    )
}

/// Margin per year, from the simulated units alone and the prices, as an accountant would:
/// (price − unit cost) × units sold − capital holding and storage on the average stock −
/// ordering − goodwill on the units lost. Nothing here reads a cost the engine computed.
/// (Under lost sales with nothing written off, the units bought over the measured days,
/// net of the stock position at their start and end, are exactly the units sold.)
fn margin_by_hand(r: &PolicyResult, price: f64, goodwill: f64) -> f64 {
    let (unit_cost, holding_rate, storage, order_cost) = (40.0, 0.25, 0.01, 5.0);
    let sold = r.shipped_units_per_year.mean();
    let on_hand = r.avg_on_hand.mean();
    (price - unit_cost) * sold
        - holding_rate * unit_cost * on_hand
        - storage * on_hand * 365.0
        - order_cost * r.orders_per_year.mean()
        - goodwill * r.lost_units_per_year.mean()
}

#[test]
fn the_cheapest_buffer_is_the_one_with_the_most_margin() {
    let grid: Vec<f64> = (0..=16).map(|k| f64::from(k) * 0.5).collect();
    // Price ÷ unit cost of 1.05 (a thin margin), 1.75 (the issue's case: margin 30 on a cost of
    // 40) and 4 (a buffer must win).
    for (price, goodwill) in [(42.0, 0.0), (70.0, 0.0), (160.0, 10.0)] {
        let json = lost_sales_item(
            &format!(r#""selling_price_per_unit": {price}, "goodwill_per_unit": {goodwill}"#),
            400,
        );
        let scenario = parse_scenario(&json).unwrap();
        let item = &scenario.items()[0];
        let f = frontier(item, scenario.settings(), &grid).unwrap();
        let margins: Vec<f64> =
            f.points.iter().map(|p| margin_by_hand(&p.result, price, goodwill)).collect();
        let most = (0..margins.len()).max_by(|&a, &b| margins[a].total_cmp(&margins[b])).unwrap();
        assert_eq!(
            f.points[most].buffer_days,
            f.optimum().buffer_days,
            "price {price}: most margin at {} days, least cost at {} days",
            f.points[most].buffer_days,
            f.optimum().buffer_days
        );
        // The engine's own margin is the hand count's, point by point.
        for (p, by_hand) in f.points.iter().zip(&margins) {
            let engine = p.result.margin_per_year.mean();
            assert!(
                (engine - by_hand).abs() < 1e-6 * by_hand.abs().max(1.0),
                "{engine} vs {by_hand}"
            );
        }
        if price == 160.0 {
            assert!(f.optimum().buffer_days >= 1.0, "a buffer must win at price {price}");
        }
    }
}

#[test]
fn an_item_losing_seven_percent_of_demand_is_not_advised_lean() {
    // The issue's case, as its file gave it: lost margin plus goodwill 30 per unit. JIT loses
    // 7.4 % of demand; a lost unit costs 40 + 30 = 70, so a buffer pays.
    let scenario = parse_scenario(&lost_sales_item(r#""lost_sale_per_unit": 30"#, 500)).unwrap();
    let item = &scenario.items()[0];
    let c = simulate_item(item, scenario.settings());
    let lost_share = 1.0 - c.policies[0].fill_rate.mean();
    assert!((0.06..0.09).contains(&lost_share), "JIT loses {lost_share}");
    let f = optimise(item, scenario.settings(), &Options::default()).unwrap();
    let advice = advise(item, &f, Wording::new("USD"));
    assert_ne!(advice.stance, Stance::Lean, "{}", advice.sentence);
    assert!(advice.saving_vs_jit.mean() > 10.0 * advice.saving_vs_jit.se(), "{advice:?}");
}

/// Demand 20 a day exactly, lead time 5, JIT (S = 120) and JIC with 5 days (S = 220), unit
/// cost 40, holding 25 % a year, nothing else; measured from day 40, when every delivery of
/// the last 30 days has landed.
fn deterministic(terms: &str) -> String {
    format!(
        r#"{{ "version": 4, "settings": {{ "horizon_days": 400, "warm_up_days": 40, "replications": 3 }},
          "items": [ {{ "demand": {{ "distribution": "normal", "mean": 20, "sd": 0 }},
            "lead_time": {{ "distribution": "fixed", "days": 5 }},
            "costs": {{ "unit_cost": 40, "holding_rate_pct_per_year": 25, "storage_per_unit_day": 0,
                        "order_cost": 0 }}
            {terms},
            "policies": [ {{ "policy": "jit" }}, {{ "policy": "jic", "buffer_days": 5 }} ] }} ] }}"#
    )
}

#[test]
fn cash_tied_up_is_what_is_paid_for_and_not_sold_under_each_payment_term() {
    // Every evening JIT has nothing on hand and JIC its 100 units; five orders of 20 (100
    // units) are in transit when the day's figures are taken; 20 land each morning.
    // (terms, JIT cash, JIC cash, in transit, owed), in currency.
    let cases = [
        ("", 0.0, 4_000.0, 0.0, 0.0),
        (r#", "payment_terms": { "paid": "on_receipt" }"#, 0.0, 4_000.0, 0.0, 0.0),
        (r#", "payment_terms": { "paid": "at_order" }"#, 4_000.0, 8_000.0, 4_000.0, 0.0),
        // 30 days of credit: 30 deliveries of 20 units received and unpaid, 24,000.
        (
            r#", "payment_terms": { "paid": "after_receipt", "days": 30 }"#,
            -24_000.0,
            -20_000.0,
            0.0,
            24_000.0,
        ),
        (r#", "payment_terms": { "paid": "after_receipt", "days": 0 }"#, 0.0, 4_000.0, 0.0, 0.0),
    ];
    for (terms, jit_cash, jic_cash, in_transit, owed) in cases {
        let scenario = parse_scenario(&deterministic(terms)).unwrap();
        let c = simulate_item(&scenario.items()[0], scenario.settings());
        for (p, cash) in c.policies.iter().zip([jit_cash, jic_cash]) {
            let what = format!("{terms} {}", p.name);
            let near = |x: f64, y: f64| (x - y).abs() < 1e-6 * y.abs().max(1.0);
            assert!(near(p.avg_cash_tied_up.mean(), cash), "{what}: {:?}", p.avg_cash_tied_up);
            assert!(near(p.peak_cash_tied_up.mean(), cash), "{what}: peak");
            assert!(near(p.avg_cash_in_transit.mean(), in_transit), "{what}: in transit");
            assert!(near(p.avg_owed_to_suppliers.mean(), owed), "{what}: owed");
            // Capital holding is charged on the cash: 25 % a year of it.
            assert!(near(p.holding_cost_per_year.mean(), 0.25 * cash), "{what}: holding");
            // The stock on hand is the same whatever the terms.
            let on_hand = if p.name == "JIT" { 0.0 } else { 100.0 };
            assert!(near(p.avg_inventory_value.mean(), 40.0 * on_hand), "{what}: value");
        }
    }
}

#[test]
fn an_items_terms_override_its_suppliers() {
    let json = r#"{ "version": 4, "settings": { "horizon_days": 400, "warm_up_days": 40, "replications": 2 },
      "suppliers": [ { "name": "Pays late", "payment_terms": { "paid": "after_receipt", "days": 10 } } ],
      "items": [
        { "supplier": "Pays late", "demand": { "distribution": "normal", "mean": 20, "sd": 0 },
          "lead_time": { "distribution": "fixed", "days": 5 }, "policies": [ { "policy": "jit" } ] },
        { "supplier": "Pays late", "payment_terms": { "paid": "at_order" },
          "demand": { "distribution": "normal", "mean": 20, "sd": 0 },
          "lead_time": { "distribution": "fixed", "days": 5 }, "policies": [ { "policy": "jit" } ] } ] }"#;
    let scenario = parse_scenario(json).unwrap();
    let cash = |i: usize| {
        simulate_item(&scenario.items()[i], scenario.settings()).policies[0].avg_cash_tied_up.mean()
    };
    // The supplier's 10 days of credit: 200 units owed at 40. The item paying at order: its
    // 100 units in transit.
    assert!((cash(0) + 8_000.0).abs() < 1e-6, "{}", cash(0));
    assert!((cash(1) - 4_000.0).abs() < 1e-6, "{}", cash(1));
}
