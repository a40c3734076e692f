//! Simulation speed, in item-days per second. `cargo bench --bench simulate`.
//!
//! Workloads: `workload/mod.rs` (the engine issue's, shared with `simulate_wasm.rs`, and the
//! risks issue's: outages, seasonality and perishability on top).

#[cfg(not(target_arch = "wasm32"))]
mod workload;

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion, Throughput};
    use jitjic::core::{simulate_policies, NamedPolicy, Scenario};

    use crate::workload::{risky_workload, workload};

    /// Times one policy of a workload over all its replications, in item-days per second.
    fn bench(c: &mut Criterion, name: &str, (scenario, policy): (Scenario, NamedPolicy)) {
        let item_days = u64::from(scenario.settings().n_replications())
            * u64::from(scenario.settings().horizon_days());
        let mut group = c.benchmark_group("simulate");
        group.sample_size(10);
        group.throughput(Throughput::Elements(item_days));
        group.bench_function(name, |b| {
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

    fn base_stock(c: &mut Criterion) {
        bench(c, "base_stock_10k_reps_365_days", workload());
    }

    fn with_risks(c: &mut Criterion) {
        bench(c, "outages_seasons_perishable_10k_reps_365_days", risky_workload());
    }

    criterion_group!(benches, base_stock, with_risks);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
