//! Simulation speed, in item-days per second. `cargo bench --bench simulate`.
//!
//! Workload (the engine issue's): one item, daily review, base-stock, normal demand mean 20
//! sd 6 censored at 0, lead time uniform on 5..=9 days (orders may cross), backorders, 365
//! days, 10,000 replications, one policy with every result accumulated.

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion, Throughput};
    use jitjic::core::lead_time::LeadTime;
    use jitjic::core::{simulate_policies, NamedPolicy, PolicyKind, Scenario, ScenarioInput};

    fn workload() -> (Scenario, NamedPolicy) {
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
        let policy =
            scenario.item().policy(PolicyKind::Jic).expect("the form compares JIC").clone();
        (scenario, policy)
    }

    fn base_stock(c: &mut Criterion) {
        let (scenario, policy) = workload();
        let item_days = u64::from(scenario.settings().n_replications())
            * u64::from(scenario.settings().horizon_days());
        let mut group = c.benchmark_group("simulate");
        group.sample_size(10);
        group.throughput(Throughput::Elements(item_days));
        group.bench_function("base_stock_10k_reps_365_days", |b| {
            b.iter(|| {
                simulate_policies(
                    scenario.item(),
                    scenario.settings(),
                    std::slice::from_ref(&policy),
                )
            })
        });
        group.finish();
    }

    criterion_group!(benches, base_stock);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
