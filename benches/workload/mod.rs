//! The engine issue's benchmark workload, shared by the native and the wasm benchmark: one
//! item, daily review, base-stock (JIC's order-up-to level), normal demand mean 20 sd 6
//! censored at 0, lead time uniform on 5..=9 days (orders may cross), backorders, 365 days,
//! 10,000 replications, one policy with every result accumulated.

use jitjic::core::lead_time::LeadTime;
use jitjic::core::{NamedPolicy, PolicyKind, Scenario, ScenarioInput};

/// The scenario and the one policy to simulate.
pub fn workload() -> (Scenario, NamedPolicy) {
    let scenario = w1(10_000);
    let policy = scenario.item().policy(PolicyKind::Jic).expect("the form compares JIC").clone();
    (scenario, policy)
}

/// The risks issue's workload: the same item and run, with a supplier that fails at random
/// (mean 60 days up, 5 down) and shuts for two weeks a year, annual seasonality (±30 %), a
/// weekly pattern, and a 10-day shelf life issued FIFO; one policy (JIC, 5 days of buffer).
#[allow(dead_code)] // the wasm bench uses only the engine workload
pub fn risky_workload() -> (Scenario, NamedPolicy) {
    let json = r#"{
      "version": 2,
      "settings": { "horizon_days": 365, "replications": 10000, "seed": 42 },
      "suppliers": [ { "name": "S",
        "random_outages": { "mean_up_days": 60, "mean_down_days": 5 },
        "scheduled_outages": [ { "start_day": 200, "days": 14 } ] } ],
      "items": [ {
        "supplier": "S",
        "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
        "demand_shape": { "weekly": [1, 1, 1, 1, 1.2, 0.8, 0.5],
                          "seasonality": { "amplitude_pct": 30, "peak_day": 300 } },
        "lead_time": { "distribution": "uniform", "min": 5, "max": 9 },
        "perishability": { "shelf_life_days": 10, "issuing": "fifo" },
        "costs": { "disposal_per_unit": 1 },
        "policies": [ { "policy": "jic", "buffer_days": 5 } ]
      } ]
    }"#;
    let scenario = jitjic::share::parse_scenario(json).expect("a valid scenario");
    let policy = scenario.item().policies()[0].clone();
    (scenario, policy)
}

/// The optimiser issue's workload: the engine workload's item with 1,000 replications (its
/// frontier is 25 points of it).
#[allow(dead_code)]
pub fn frontier_workload() -> Scenario {
    w1(1_000)
}

/// The rule issue's item: demand N(20, 6) a day, a fixed 5-day lead time, unit cost 40,
/// holding 25 % a year, backorders at 2 a unit-day, an order cost of 50 (so every rule
/// family is compared), 1,000 replications of 365 days.
#[allow(dead_code)]
pub fn rule_workload() -> Scenario {
    jitjic::share::parse_scenario(
        r#"{ "version": 6, "settings": { "horizon_days": 365, "replications": 1000, "seed": 7 },
          "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
            "lead_time": { "distribution": "fixed", "days": 5 },
            "costs": { "unit_cost": 40, "holding_rate_pct_per_year": 25, "storage_per_unit_day": 0,
                       "order_cost": 50, "backorder_per_unit_day": 2 } } ] }"#,
    )
    .expect("valid")
}

fn w1(replications: u32) -> Scenario {
    let input = ScenarioInput {
        mean_demand_per_day: 20.0,
        demand_sd_per_day: 6.0,
        horizon_days: 365.0,
        n_replications: f64::from(replications),
        ..Default::default()
    };
    Scenario::try_from(input)
        .expect("valid")
        .with_lead_time(&LeadTime::Uniform { min: 5, max: 9 }, false)
        .expect("valid lead time")
}

/// The optimiser issue's portfolio: 50 items like the engine workload's (mean demand from 10
/// to 59 a day, sd 30 % of it, lead times uniform on 5..=9 days), 500 replications.
#[allow(dead_code)]
pub fn portfolio_workload() -> Scenario {
    let items: Vec<String> = (0..50)
        .map(|i| {
            let mean = 10 + i;
            format!(
                r#"{{ "name": "Item {i}",
                  "demand": {{ "distribution": "normal", "mean": {mean}, "sd": {} }},
                  "lead_time": {{ "distribution": "uniform", "min": 5, "max": 9 }} }}"#,
                0.3 * f64::from(mean)
            )
        })
        .collect();
    let json = format!(
        r#"{{ "version": 2, "settings": {{ "horizon_days": 365, "replications": 500, "seed": 42 }},
          "items": [ {} ] }}"#,
        items.join(",")
    );
    jitjic::share::parse_scenario(&json).expect("a valid scenario")
}
