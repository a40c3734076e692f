//! The model and the simulation: validated inputs, random streams, policies, the day loop,
//! metrics and closed forms. Pure Rust: no UI, no IO; builds and tests natively.

pub mod budget;
pub mod calendar;
pub mod closed_form;
pub mod costs;
pub mod demand;
pub mod demand_shape;
pub mod estimate;
pub mod exact_sum;
pub mod expedite;
pub mod input;
pub mod item;
pub mod lead_time;
pub mod levers;
pub mod notes;
pub mod numbers;
pub mod optimise;
pub mod order_charges;
pub mod payment;
pub mod plan;
pub mod policy;
pub mod prices;
pub mod rng;
pub mod sampling;
pub mod scenario;
pub mod sim;
pub mod sizing;
pub mod sourcing;
pub mod stats;
pub mod storage;
pub mod supply;
pub mod trajectory;
pub mod warehouse;
pub mod work;

pub use input::{Field, FieldSpec, InputError, ScenarioInput};
pub use policy::{NamedPolicy, Policy, PolicyKind, PolicySpec, Rule, ServiceTarget};
pub use scenario::{
    Building, Costs, Item, ItemSpec, Scenario, ScenarioError, ScenarioSpec, Settings, SettingsSpec,
    Shortage,
};
pub use sim::{
    comparison, parts, simulate, simulate_all, simulate_item, simulate_part, simulate_policies,
    simulate_run, Comparison, Keep, Part, PolicyResult, Quantiles, ReplicationMetrics,
    PART_REPLICATIONS,
};
pub use stats::{MeanSe, RatioSe};
