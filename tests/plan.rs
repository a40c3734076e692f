//! The exported plan does what the simulation did: for every item of every example and
//! preset, the optimum's ERP plan written as a scenario file (`plan` policies) and simulated
//! back gives the optimum's own numbers, replication by replication.

use jitjic::core::optimise::levers::optimise_with_levers as optimise;
use jitjic::core::optimise::{advise, Options};
use jitjic::core::sim::simulate_item;
use jitjic::share::parse_scenario;
use jitjic::share::plan_file::{plan_document, Planned};
use serde_json::Value;

/// Every file a planner starts from.
const FILES: [(&str, &str); 11] = [
    ("bearing", include_str!("../examples/bearing.json")),
    ("catalogue (example)", include_str!("../examples/catalogue.json")),
    ("ecommerce", include_str!("../presets/ecommerce.json")),
    ("restaurant", include_str!("../presets/restaurant.json")),
    ("overseas", include_str!("../presets/overseas.json")),
    ("fashion", include_str!("../presets/fashion.json")),
    ("hospital", include_str!("../presets/hospital.json")),
    ("machine", include_str!("../presets/machine.json")),
    ("plastics", include_str!("../presets/plastics.json")),
    ("nearshore", include_str!("../presets/nearshore.json")),
    ("catalogue (preset)", include_str!("../presets/catalogue.json")),
];

/// The file with fewer replications, so the test stays quick (the plan must match at any).
fn quicker(json: &str) -> String {
    let mut doc: Value = serde_json::from_str(json).unwrap();
    doc["settings"]["replications"] = Value::from(60);
    doc.to_string()
}

#[test]
fn every_items_plan_simulated_back_is_its_optimum() {
    let mut phased = 0;
    for (name, json) in FILES {
        let scenario = parse_scenario(&quicker(json)).unwrap();
        let settings = scenario.settings();
        let options = Options { points: 9, target: None };
        let mut frontiers = Vec::new();
        let mut plans = Vec::new();
        for item in scenario.items() {
            match optimise(item, settings, &options) {
                Ok(f) => {
                    let advice = advise(item, &f, scenario.wording());
                    plans.push(Some((format!("Plan of {}", item.name()), advice.erp)));
                    frontiers.push(Some(f));
                }
                Err(_) => {
                    plans.push(None);
                    frontiers.push(None);
                }
            }
        }
        let planned: Vec<Option<Planned<'_>>> = plans
            .iter()
            .zip(scenario.items())
            .map(|(p, item)| {
                p.as_ref().map(|(name, erp)| Planned {
                    name: name.clone(),
                    plan: erp,
                    warm_up_days: item.warm_up_days(),
                })
            })
            .collect();
        let doc: serde_json::Value = serde_json::from_str(&quicker(json)).unwrap();
        let text = plan_document(&doc, &planned).to_string();
        let planned = parse_scenario(&text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        for (k, (item, f)) in planned.items().iter().zip(&frontiers).enumerate() {
            let Some(f) = f else { continue };
            let (_, erp) = plans[k].as_ref().unwrap();
            phased += usize::from(erp.time_phased());
            let c = simulate_item(item, planned.settings());
            assert_eq!(c.policies.len(), 1, "{name}: the plan alone");
            let (plan, optimum) = (&c.policies[0], &f.optimum().result);
            let what = format!("{name}, item {k} ({} days)", f.optimum().buffer_days);
            assert_eq!(plan.cost_by_replication, optimum.cost_by_replication, "{what}: cost");
            assert_eq!(plan.total_cost_per_year, optimum.total_cost_per_year, "{what}");
            assert_eq!(plan.fill_rate, optimum.fill_rate, "{what}: fill rate");
            assert_eq!(plan.avg_on_hand, optimum.avg_on_hand, "{what}: on hand");
            assert_eq!(plan.avg_order_up_to, optimum.avg_order_up_to, "{what}: levels");
            // Whole units where demand is whole.
            if item.whole_units() {
                for p in &erp.periods {
                    assert!(p.levels.iter().all(|l| l.order_up_to_units.fract() == 0.0), "{what}");
                }
            }
        }
    }
    // The presets with a weekly pattern, a trend or seasonality give time-phased plans.
    assert!(phased >= 4, "only {phased} time-phased plans");
}

#[test]
fn a_plan_is_refused_with_its_reason_when_it_does_not_fit_the_horizon() {
    let file = |periods: &str| {
        format!(
            r#"{{ "version": 4, "settings": {{ "horizon_days": 100 }},
              "items": [ {{ "demand": {{ "distribution": "poisson", "mean": 3 }},
                "lead_time": {{ "distribution": "fixed", "days": 2 }},
                "policies": [ {{ "policy": "plan", "periods": {periods} }} ] }} ] }}"#
        )
    };
    let message = |periods: &str| {
        let e = parse_scenario(&file(periods)).unwrap_err();
        e.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ")
    };
    assert!(message(r#"[ { "start_day": 5, "order_up_to": [9] } ]"#).contains("day 0"));
    assert!(message(r#"[ { "start_day": 0, "order_up_to": [1, 2] } ]"#).contains("2 levels"));
    assert!(message(
        r#"[ { "start_day": 0, "order_up_to": [9] }, { "start_day": 120, "order_up_to": [9] } ]"#
    )
    .contains("past the 100-day horizon"));
    assert!(message(r#"[ { "start_day": 0, "order_up_to": [-1] } ]"#)
        .contains("items[0].policies[0].periods[0].order_up_to[0]: -1 is out of range"));
    // A version-3 file cannot hold one.
    let v3 = file(r#"[ { "start_day": 0, "order_up_to": [9] } ]"#)
        .replace("\"version\": 4", "\"version\": 3");
    let e = parse_scenario(&v3).unwrap_err();
    assert!(e[0].to_string().contains("needs format version 4"), "{e:?}");
    // A good one: 9 units to day 49, then 12 on weekdays and 6 at the weekend (from day 0).
    let ok = parse_scenario(&file(
        r#"[ { "start_day": 0, "order_up_to": [9] },
             { "start_day": 50, "order_up_to": [12, 12, 12, 12, 12, 6, 6] } ]"#,
    ))
    .unwrap();
    let item = &ok.items()[0];
    assert_eq!(item.table(0)[49], 9.0);
    assert_eq!(item.table(0)[55], 6.0);
    assert_eq!(item.table(0)[56], 12.0);
}

/// An item's phasing is worked out when first asked for, not when the item is built (the page
/// builds every item on each edit): the same numbers whenever it is asked, an item equal to
/// itself before and after, and a copy made before it was worked out gives the same numbers.
#[test]
fn a_phasing_worked_out_late_is_the_same_phasing() {
    let scenario = parse_scenario(&quicker(include_str!("../presets/ecommerce.json"))).unwrap();
    let before = scenario.clone();
    let item = scenario.items().iter().find(|i| i.is_phased()).expect("a shaped item");
    let known = item.known_multiplier().expect("a known shape").to_vec();
    let starts = item.phasing().expect("phased").period_starts().to_vec();
    assert_eq!(known.len(), scenario.settings().horizon_days() as usize);
    // Equal although only one of the two has worked its phasing out.
    assert_eq!(before, scenario);
    let at = scenario.items().iter().position(|i| i.is_phased()).unwrap();
    let copy = before.items()[at].clone();
    assert_eq!(copy.known_multiplier().unwrap(), known.as_slice());
    assert_eq!(copy.phasing().unwrap().period_starts(), starts.as_slice());
    // The simulation draws the same days from either.
    let run = |s: &jitjic::core::Scenario| simulate_item(&s.items()[at], s.settings());
    let (a, b) = (run(&before), run(&scenario));
    assert_eq!(format!("{a:?}"), format!("{b:?}"));
    // A flat item has neither.
    let flat = parse_scenario(include_str!("../presets/overseas.json")).unwrap();
    assert!(flat.items().iter().any(|i| !i.is_phased() && i.phasing().is_none()));
}
