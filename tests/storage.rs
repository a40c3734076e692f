//! Storage space (`core::storage`): refused deliveries and overflow days counted by hand on
//! a periodic-review cycle whose level does not fit, with and without a scheduled outage, the
//! cost identities, capacity in m³, and messages for bad input.

use jitjic::core::sim::{simulate, PolicyResult};
use jitjic::core::{PolicyKind, Scenario};
use jitjic::share::parse_scenario;

/// Demand 10 a day exactly, a fixed 3-day lead time, JIT reviewed every 10 days (order up to
/// 10 × (3 + 10) = 130 on days 0, 10, 20, …); 120 days, the first 20 left out (ten whole
/// cycles measured); `storage` is the item's space, `outage` the supplier's scheduled outages.
fn cycle(storage: &str, outage: &str) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 8,
          "settings": {{ "horizon_days": 120, "warm_up_days": 20, "replications": 2 }},
          "suppliers": [ {{ "name": "Mill", "scheduled_outages": [ {outage} ] }} ],
          "items": [ {{ "supplier": "Mill", "review_period_days": 10,
            "demand": {{ "distribution": "normal", "mean": 10, "sd": 0 }},
            "lead_time": {{ "distribution": "fixed", "days": 3 }},
            "costs": {{ "unit_cost": 5, "order_cost": 0, "holding_rate_pct_per_year": 0,
                       "storage_per_unit_day": 0, "backorder_per_unit_day": 1 }},
            "storage": {storage},
            "policies": [ {{ "policy": "jit" }} ] }} ] }}"#
    ))
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn jit(s: &Scenario) -> PolicyResult {
    simulate(s).policy(PolicyKind::Jit).unwrap().clone()
}

/// A yearly figure as a count over the 100 measured days.
fn counted(per_year: f64) -> f64 {
    per_year * 100.0 / 365.0
}

const NO_OUTAGE: &str = "";

#[test]
fn overflow_space_is_counted_by_hand() {
    // Each cycle: the review on day t leaves 30 on hand and orders 100, which lands on day
    // t + 4; the evenings then hold 90, 80, …, 0 (day t + 13). With room for 65, the evenings
    // at 90, 80 and 70 overflow by 25, 15 and 5: 3 days and 45 unit-days a cycle, ten cycles.
    let rent = r#"{ "capacity_units": 65, "when_full": "rent", "overflow_per_unit_day": 0.1 }"#;
    let p = jit(&cycle(rent, NO_OUTAGE));
    assert!(
        (counted(p.overflow_days_per_year.mean()) - 30.0).abs() < 1e-9,
        "{:?}",
        p.overflow_days_per_year
    );
    assert!((counted(p.overflow_cost_per_year.mean()) - 45.0).abs() < 1e-9);
    assert_eq!(p.refused_units_per_year.mean(), 0.0);
    assert_eq!(p.stockout_days_per_year.mean(), 0.0);
    // Rented overflow is part of the operating cost.
    let parts = p.holding_cost_per_year.mean()
        + p.storage_cost_per_year.mean()
        + p.ordering_cost_per_year.mean()
        + p.backorder_cost_per_year.mean()
        + p.overflow_cost_per_year.mean();
    assert!((parts - p.operating_cost_per_year.mean()).abs() < 1e-9);

    // The supplier down on days 61 … 70: the order of day 60 waits for day 71 and lands on day
    // 74 with the order of day 70. The evenings of days 64 … 73 run short instead of holding
    // stock; the cycle after is the same as ever: one cycle without overflow.
    let outage = r#"{ "start_day": 61, "days": 10 }"#;
    let p = jit(&cycle(rent, outage));
    assert!(
        (counted(p.overflow_days_per_year.mean()) - 27.0).abs() < 1e-9,
        "{:?}",
        p.overflow_days_per_year
    );
    assert!((counted(p.overflow_cost_per_year.mean()) - 40.5).abs() < 1e-9);
}

#[test]
fn refused_deliveries_are_counted_by_hand() {
    // Room for 65: from day 20 on, each review (day t) finds 5 customers waiting and orders
    // 135 for day t + 4, when 35 wait: the delivery finds room for 65 + 35 = 100 and 35 are
    // refused (sent back, not bought). The 65 left last to day t + 9 (5 on hand that
    // evening), so days t + 10 … t + 13 are short: 4 stockout days and one refused delivery
    // of 35 units a cycle.
    let refuse = r#"{ "capacity_units": 65 }"#;
    let p = jit(&cycle(refuse, NO_OUTAGE));
    assert!((counted(p.refused_deliveries_per_year.mean()) - 10.0).abs() < 1e-9);
    assert!(
        (counted(p.refused_units_per_year.mean()) - 350.0).abs() < 1e-9,
        "{:?}",
        p.refused_units_per_year
    );
    assert!((counted(p.stockout_days_per_year.mean()) - 40.0).abs() < 1e-9);
    assert_eq!(p.overflow_days_per_year.mean(), 0.0);
    assert_eq!(p.overflow_cost_per_year.mean(), 0.0);
    // Refused units are not bought: purchases are the 1,000 units demanded at 5 (the position
    // is the same at both ends of the measured days).
    assert!((counted(p.purchase_cost_per_year.mean()) - 5_000.0).abs() < 1e-6);
}

#[test]
fn a_capacity_in_cubic_metres_is_the_capacity_in_units_it_holds() {
    let units = jit(&cycle(r#"{ "capacity_units": 65 }"#, NO_OUTAGE));
    let m3 = jit(&cycle(r#"{ "capacity_m3": 13, "m3_per_unit": 0.2 }"#, NO_OUTAGE));
    assert_eq!(units.cost_by_replication, m3.cost_by_replication);
    assert_eq!(units.refused_units_per_year, m3.refused_units_per_year);
}

#[test]
fn room_for_everything_changes_nothing() {
    let plain = {
        let json = |extra: &str| {
            format!(
                r#"{{ "version": 8, "settings": {{ "horizon_days": 200, "replications": 40 }},
                  "items": [ {{ "demand": {{ "distribution": "poisson", "mean": 20 }},
                    "lead_time": {{ "distribution": "uniform", "min": 2, "max": 6 }} {extra} }} ] }}"#
            )
        };
        let without = simulate(&parse_scenario(&json("")).unwrap());
        let with =
            simulate(&parse_scenario(&json(r#", "storage": { "capacity_units": 1e9 }"#)).unwrap());
        (without, with)
    };
    for (a, b) in plain.0.policies.iter().zip(&plain.1.policies) {
        assert_eq!(a.cost_by_replication, b.cost_by_replication);
        assert_eq!(b.refused_units_per_year.mean(), 0.0);
        assert_eq!(b.overflow_days_per_year.mean(), 0.0);
    }
}

#[test]
fn bad_storage_is_named_with_its_value_and_range() {
    let text = |storage: &str| {
        let json = format!(
            r#"{{ "version": 8, "items": [ {{ "demand": {{ "distribution": "poisson", "mean": 5 }},
                 "lead_time": {{ "distribution": "fixed", "days": 2 }}, "storage": {storage} }} ] }}"#
        );
        format!("{:?}", parse_scenario(&json).unwrap_err())
    };
    let t = text(r#"{ "capacity_units": 0 }"#);
    assert!(t.contains("items[0].storage.capacity_units"), "{t}");
    let t = text(r#"{ "capacity_m3": 10 }"#);
    assert!(t.contains("items[0].storage.m3_per_unit") && t.contains("missing"), "{t}");
    let t = text(r#"{ "capacity_units": 10, "when_full": "rent" }"#);
    assert!(t.contains("overflow_per_unit_day") && t.contains("missing"), "{t}");
    let t = text(r#"{ "capacity_units": 10, "overflow_per_unit_day": 1 }"#);
    assert!(t.contains("applies only when overflow space is rented"), "{t}");
    let t = text(r#"{ "capacity_units": 10, "capacity_m3": 3, "m3_per_unit": 1 }"#);
    assert!(t.contains("items[0].storage.capacity_m3"), "{t}");
}

#[test]
fn expediting_and_storage_travel_in_links_and_written_files() {
    use jitjic::share::link::{decode, encode, View};
    use jitjic::share::scenario_file::ScenarioFile;
    for storage in [
        r#"{ "capacity_units": 65, "when_full": "rent", "overflow_per_unit_day": 0.1 }"#,
        r#"{ "capacity_m3": 13, "m3_per_unit": 0.2 }"#,
    ] {
        let mut spec = cycle(storage, NO_OUTAGE).spec().clone();
        spec.items[0].expedite = Some(jitjic::core::expedite::Expedite {
            trigger_units: 15.0,
            order_units: 5.0,
            lead_time_days: 1,
            premium_per_unit: 2.0,
            fixed_cost: 30.0,
            fails_while_down: true,
        });
        let s = Scenario::new(spec).unwrap();
        // Written back out from the validated scenario, then shared as a link and read again.
        let written = serde_json::to_value(ScenarioFile::from_spec(s.spec())).unwrap();
        let shared = decode(&encode(&written, &View::default())).expect("its own link");
        let again = jitjic::share::parse_scenario(&shared.scenario.to_string()).unwrap();
        assert_eq!(again.spec().items[0].expedite, s.spec().items[0].expedite);
        assert_eq!(again.spec().items[0].storage, s.spec().items[0].storage);
        let (a, b) = (simulate(&s), simulate(&again));
        for (x, y) in a.policies.iter().zip(&b.policies) {
            assert_eq!(x.cost_by_replication, y.cost_by_replication);
            assert_eq!(x.refused_units_per_year, y.refused_units_per_year);
            assert_eq!(x.expedites_per_year, y.expedites_per_year);
        }
    }
}

#[test]
fn the_drivers_move_and_remove_the_storage_space() {
    use jitjic::core::optimise::{sensitivity, Driver, Options};
    // Noisy demand on a small shelf that refuses what does not fit: halving the space and
    // taking it away are both tried, on the same seeds.
    let s = parse_scenario(
        r#"{ "version": 8, "settings": { "horizon_days": 200, "replications": 40 },
             "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 8 },
               "lead_time": { "distribution": "uniform", "min": 3, "max": 9 },
               "storage": { "capacity_units": 180 } } ] }"#,
    )
    .unwrap();
    let sens = sensitivity(&s, 0, &Options { points: 9, target: None }, "USD").unwrap();
    let effect = sens.effects.iter().find(|e| e.driver == Driver::StorageSpace).expect("ranked");
    assert_eq!(effect.level, "room for 180 units");
    let without = effect.without.expect("removed as a risk");
    // With room for anything the optimum holds about as much as on the shelf of 180, or more.
    assert!(
        without.buffer_days + 0.5 >= sens.base_buffer_days,
        "{without:?} vs {}",
        sens.base_buffer_days
    );
}
