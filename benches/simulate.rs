//! Simulation speed, in item-days per second. `cargo bench --bench simulate`.
//!
//! Workloads: `workload/mod.rs` (the engine issue's, shared with `simulate_wasm.rs`, and the
//! risks issue's: outages, seasonality and perishability on top), and the optimiser's
//! frontier of the engine workload's item. The engine workload is also run as a hand-written
//! single-purpose loop (`baseline.rs`), checked to give the engine's numbers, and the ratio of
//! the two times is printed (`engine / baseline`, the median of interleaved rounds).
//!
//! `open`: reading a share link of 1,000 items (the catalogue preset's five, repeated) as the
//! page does when it opens one: decode and gate, then the scenario file read from the link's
//! own text and built, and again as the page checks it after an edit (`cargo bench --bench
//! simulate -- open`).

#[cfg(not(target_arch = "wasm32"))]
mod workload;

#[cfg(not(target_arch = "wasm32"))]
mod baseline;

#[cfg(not(target_arch = "wasm32"))]
mod bench {
    use criterion::{criterion_group, Criterion, Throughput};
    use jitjic::core::sim::{simulate_run, Keep};
    use jitjic::core::{simulate_policies, NamedPolicy, Scenario};

    use jitjic::core::optimise;

    use crate::workload::{frontier_workload, risky_workload, rule_workload, workload};

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
        // The whole rule: 16 rules compared (order-up-to every R days, (r, Q), (s, S)).
        let rules = rule_workload();
        group.bench_function("optimise_whole_rule_16_rules_1k_reps_365_days", |b| {
            b.iter(|| {
                optimise::optimise(rules.item(), rules.settings(), &optimise::Options::default())
            })
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

    /// The engine workload as the hand-written loop sees it.
    fn baseline_case() -> (Scenario, NamedPolicy, crate::baseline::Case) {
        let (scenario, policy) = workload();
        let (item, settings) = (scenario.item(), scenario.settings());
        let case = crate::baseline::Case {
            seed: settings.seed(),
            replications: settings.n_replications(),
            horizon: settings.horizon_days() as usize,
            warm_up: item.warm_up_days() as usize,
            level: policy.policy.order_up_to(),
            mean: 20.0,
            sd: 6.0,
            lead_min: 5,
            lead_max: 9,
            unit_cost: item.unit_cost(),
            holding_per_unit_day: item.unit_cost() * item.holding_rate_per_year()
                / settings.days_per_year(),
            storage_per_unit_day: item.storage_cost_per_unit_day(),
            order_cost: item.order_cost(),
            backorder_per_unit_day: item.backorder_cost_per_unit_day(),
            days_per_year: settings.days_per_year(),
        };
        (scenario, policy, case)
    }

    /// The hand-written loop: first checked to report the engine's numbers, then timed with
    /// criterion, then against the engine in interleaved rounds (the ratio printed).
    fn baseline(c: &mut Criterion) {
        // The check and the interleaved rounds take seconds: only when the command line's
        // filter (criterion's, a part of the benchmark's name) leaves this benchmark in.
        const NAME: &str = "simulate/baseline_hand_written_loop";
        let filter = std::env::args().skip(1).find(|a| !a.starts_with('-'));
        if filter.is_some_and(|f| !NAME.contains(f.as_str())) {
            return;
        }
        let (scenario, policy, case) = baseline_case();
        // The engine as the CLI's `simulate` and the page's results CSV run it: the metrics;
        // and as the page's item run, with stock on hand over time for the charts.
        let run = |keep: Keep| {
            simulate_run(scenario.item(), scenario.settings(), std::slice::from_ref(&policy), keep)
        };
        let engine = || run(Keep::Metrics).0;
        let charted = || run(Keep::Trajectories).0;
        let (e, b) = (&engine()[0], crate::baseline::run(&case));
        let same = |what: &str, engine: f64, baseline: f64| {
            let gap = (engine - baseline).abs() / engine.abs().max(1e-12);
            assert!(gap < 1e-9, "{what}: engine {engine}, baseline {baseline}");
        };
        same("fill rate", e.fill_rate.mean(), b.fill_rate);
        same("stock on hand", e.avg_on_hand.mean(), b.avg_on_hand);
        same("stockout days", e.stockout_days_per_year.mean(), b.stockout_days_per_year);
        same("total cost", e.total_cost_per_year.mean(), b.total_cost_per_year);
        same("cycle service level", e.cycle_service_level.mean(), b.cycle_service_level);
        same("mean wait", e.mean_wait_days.mean(), b.mean_wait_days);
        same("peak on hand", e.peak_on_hand.mean(), b.peak_on_hand);
        same("longest stockout", e.longest_stockout_days.mean(), b.longest_stockout_days);
        same("orders", e.orders_per_year.mean(), b.orders_per_year);
        same("units ordered", e.units_ordered_per_year.mean(), b.units_ordered_per_year);
        same("units shipped", e.shipped_units_per_year.mean(), b.shipped_units_per_year);
        let item_days = u64::from(case.replications) * case.horizon as u64;
        let mut group = c.benchmark_group("simulate");
        group.sample_size(10);
        group.throughput(Throughput::Elements(item_days));
        group.bench_function("baseline_hand_written_loop", |bench| {
            bench.iter(|| crate::baseline::run(&case))
        });
        group.finish();
        // The ratio in one run: rounds alternate, so the machine's load falls on both.
        let time = |f: &dyn Fn()| {
            let start = std::time::Instant::now();
            f();
            start.elapsed().as_secs_f64()
        };
        // The engine's part of it that draws each replication's days before its policies run
        // (common random numbers), which the hand-written loop does inside its day.
        let draws = || {
            let mut draws = jitjic::core::sim::Draws::default();
            for replication in 0..case.replications {
                draws.fill(scenario.item(), scenario.settings(), replication);
                std::hint::black_box(&draws);
            }
        };
        let (mut ratios, mut charted_ratios) = (Vec::new(), Vec::new());
        let (mut engine_s, mut baseline_s, mut draws_s) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..9 {
            let e = time(&|| {
                std::hint::black_box(engine());
            });
            let c = time(&|| {
                std::hint::black_box(charted());
            });
            let b = time(&|| {
                std::hint::black_box(crate::baseline::run(&case));
            });
            ratios.push(e / b);
            charted_ratios.push(c / b);
            engine_s.push(e);
            baseline_s.push(b);
            draws_s.push(time(&draws));
        }
        let median = |xs: &mut Vec<f64>| {
            xs.sort_by(f64::total_cmp);
            xs[xs.len() / 2]
        };
        let rate = |s: f64| item_days as f64 / s / 1e6;
        let (e, b) = (median(&mut engine_s), median(&mut baseline_s));
        println!(
            "engine workload: engine {:.1} M item-days/s, hand-written loop {:.1} M item-days/s; \
             engine / baseline time: {:.2}, with stock on hand over time kept for the charts \
             {:.2} (medians of 9 interleaved rounds); of the engine's {:.1} ms, drawing the days \
             before the day loop takes {:.1} ms (the loop's {:.1} ms draws inside its day)",
            rate(e),
            rate(b),
            median(&mut ratios),
            median(&mut charted_ratios),
            e * 1e3,
            median(&mut draws_s) * 1e3,
            b * 1e3,
        );
    }

    /// A 1,000-item link read as the page reads it on opening (`ui::state::from_link`): the
    /// page's main thread does this while it loads.
    fn open(c: &mut Criterion) {
        use jitjic::share::{link, scenario_file};
        let text = include_str!("../presets/catalogue.json");
        let mut catalogue: serde_json::Value = serde_json::from_str(text).expect("a preset");
        let five = catalogue["items"].as_array().expect("items").clone();
        let items: Vec<serde_json::Value> = (0..1000)
            .map(|i| {
                let mut item = five[i % five.len()].clone();
                item["name"] = format!("SKU {i}").into();
                item
            })
            .collect();
        catalogue["items"] = items.into();
        let fragment = link::encode(&catalogue, &link::View { item: 999 });
        let mut group = c.benchmark_group("open");
        group.sample_size(20);
        group.bench_function("link_1000_catalogue_items", |b| {
            b.iter(|| {
                let shared = link::decode(&fragment).expect("a link");
                let file = scenario_file::read_gated(&shared.text, shared.scenario.get("version"))
                    .expect("a file");
                file.to_scenario().expect("valid")
            })
        });
        // And as the page checks it again after each edit (`ui::document::validate`).
        group.bench_function("edit_1000_catalogue_items", |b| {
            b.iter(|| jitjic::ui::document::validate(&catalogue).expect("valid"))
        });
        group.finish();
    }

    criterion_group!(benches, base_stock, baseline, with_risks, frontier, sizing, open);
}

#[cfg(not(target_arch = "wasm32"))]
criterion::criterion_main!(bench::benches);

#[cfg(target_arch = "wasm32")]
fn main() {}
