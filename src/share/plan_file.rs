//! The recommended plans as a scenario file: each planned item compares exactly one policy,
//! its plan (`"policy": "plan"`, levels by period and day of the week), with the warm-up it
//! was measured after written out, so that simulating the file gives the optimiser's numbers
//! for those policies, bit for bit. `jitjic optimise --plan FILE` and the page's "Download
//! the plan" write it.

use crate::core::plan::ErpPlan;
use crate::core::{PolicySpec, Scenario};

use super::scenario_file::ScenarioFile;

/// The scenario with each item that has a plan (`plans[i]`: the name to show it under, and
/// the plan) comparing that plan alone; items without one keep their policies.
pub fn plan_file(scenario: &Scenario, plans: &[Option<(String, &ErpPlan)>]) -> ScenarioFile {
    let mut spec = scenario.spec().clone();
    for ((item_spec, item), plan) in spec.items.iter_mut().zip(scenario.items()).zip(plans) {
        let Some((name, plan)) = plan else { continue };
        item_spec.policies = vec![(
            Some(name.clone()),
            PolicySpec::Plan {
                table: plan.table(),
                review_period_days: Some(plan.review_period_days),
            },
        )];
        // The warm-up follows the longest review period among an item's policies: keep the
        // one the plan was measured after.
        item_spec.warm_up_days = Some(item.warm_up_days());
    }
    ScenarioFile::from_spec(&spec)
}
