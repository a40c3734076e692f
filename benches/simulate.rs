//! Simulation speed, in item-days per second. `cargo bench --bench simulate`.
//!
//! Workloads: `workload/mod.rs` (the engine issue's, shared with `simulate_wasm.rs`, and the
//! risks issue's: outages, seasonality and perishability on top), and the optimiser's
//! frontier of the engine workload's item.

#[cfg(not(target_arch = "wasm32"))]
mod workload;

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion, Throughput};
    use jitjic::core::{simulate_policies, NamedPolicy, Scenario};

    use jitjic::core::optimise;

    use crate::workload::{frontier_workload, risky_workload, workload};

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

    /// The optimiser: the W1 item's frontier on a fixed grid of 25 buffers and on the
    /// adaptive grid (about 25 points), 1,000 replications of 365 days, one thread.
    fn frontier(c: &mut Criterion) {
        let scenario = frontier_workload();
        let (item, settings) = (scenario.item(), scenario.settings());
        let grid: Vec<f64> = (0..25).map(|i| f64::from(i) * 0.5).collect();
        let mut group = c.benchmark_group("optimise");
        group.sample_size(10);
        group.bench_function("frontier_25_fixed_points_1k_reps_365_days", |b| {
            b.iter(|| optimise::frontier(item, settings, &grid).expect("demand"))
        });
        group.bench_function("optimise_adaptive_25_points_1k_reps_365_days", |b| {
            b.iter(|| optimise::optimise(item, settings, &optimise::Options::default()))
        });
        group.finish();
    }

    /// Sizing a JIC service target on its sizing run (core::sizing): the bearing's 95 % cycle
    /// service level (lead time 5–9 days, crossing orders), 274 replications of 365 days per
    /// evaluation; what each worker does once per scenario before its first part.
    fn sizing(c: &mut Criterion) {
        let scenario =
            jitjic::share::parse_scenario(include_str!("../examples/bearing.json")).expect("valid");
        let (item, settings) = (scenario.item(), scenario.settings());
        let described = item.policies()[2].policy;
        let target = jitjic::core::ServiceTarget::CycleServiceLevel(0.95);
        let mut group = c.benchmark_group("sizing");
        group.sample_size(10);
        group.bench_function("bearing_95_percent_cycle_service_level", |b| {
            b.iter(|| jitjic::core::sizing::size(item, settings, &described, target))
        });
        group.finish();
    }

    criterion_group!(benches, base_stock, with_risks, frontier, sizing);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
