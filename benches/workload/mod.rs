//! The engine issue's benchmark workload, shared by the native and the wasm benchmark: one
//! item, daily review, base-stock (JIC's order-up-to level), normal demand mean 20 sd 6
//! censored at 0, lead time uniform on 5..=9 days (orders may cross), backorders, 365 days,
//! 10,000 replications, one policy with every result accumulated.

use jitjic::core::lead_time::LeadTime;
use jitjic::core::{NamedPolicy, PolicyKind, Scenario, ScenarioInput};

/// The scenario and the one policy to simulate.
pub fn workload() -> (Scenario, NamedPolicy) {
    let input = ScenarioInput {
        mean_demand_per_day: 20.0,
        demand_sd_per_day: 6.0,
        horizon_days: 365.0,
        n_replications: 10_000.0,
        ..Default::default()
    };
    let scenario = Scenario::try_from(input)
        .expect("valid")
        .with_lead_time(&LeadTime::Uniform { min: 5, max: 9 }, false)
        .expect("valid lead time");
    let policy = scenario.item().policy(PolicyKind::Jic).expect("the form compares JIC").clone();
    (scenario, policy)
}
