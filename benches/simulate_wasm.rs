//! Simulation and optimiser speed and memory in the browser's WebAssembly engine: the same
//! workloads as `benches/simulate.rs` (and the optimiser's 50-item portfolio), run by wasm-bindgen-test's benchmark harness in headless Chromium.
//!
//! ```text
//! WASM_BINDGEN_TEST_TIMEOUT=900 CHROMEDRIVER=$(command -v chromedriver) \
//!     cargo bench --target wasm32-unknown-unknown --bench simulate_wasm
//! ```
//!
//! (The timeout: the portfolio bench keeps the page's thread busy for over a minute, longer
//! than the runner's default 20 s between polls.)
//!
//! It prints the time per run (criterion's estimate) and the linear memory the module holds
//! after the runs (64 KiB pages): the page's tab cannot use less.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use jitjic::core::optimise::{optimise, portfolio, Options};
use jitjic::core::simulate_policies;
use wasm_bindgen_test::{console_log, wasm_bindgen_bench, wasm_bindgen_test_configure, Criterion};

mod workload;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_bench]
fn base_stock_10k_reps_365_days(_: &mut Criterion) {
    let (scenario, policy) = workload::workload();
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    c.bench_function("wasm simulate base_stock_10k_reps_365_days (3,650,000 item-days)", |b| {
        b.iter(|| {
            simulate_policies(scenario.item(), scenario.settings(), std::slice::from_ref(&policy))
        })
    });
    let pages = core::arch::wasm32::memory_size::<0>();
    console_log!(
        "wasm linear memory after the runs: {pages} pages = {:.1} MiB",
        (pages * 65_536) as f64 / (1024.0 * 1024.0)
    );
}

/// The optimiser in the browser: the W1 item's frontier on the adaptive grid (about 25
/// points, 1,000 replications of 365 days), and the 50-item portfolio's optima (about 15
/// points each, 500 replications, no sensitivity), on the page's one thread.
#[wasm_bindgen_bench]
fn optimiser(_: &mut Criterion) {
    let scenario = workload::frontier_workload();
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8));
    c.bench_function("wasm optimise: W1 frontier, 25 points × 1,000 reps × 365 days", |b| {
        b.iter(|| optimise(scenario.item(), scenario.settings(), &Options::default()))
    });
    let scenario = workload::portfolio_workload();
    let options = Options { points: 15, target: None };
    let mut c = Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(30));
    c.bench_function(
        "wasm optimise: portfolio of 50 items, 15 points × 500 reps × 365 days",
        |b| {
            b.iter(|| {
                let frontiers = scenario
                    .items()
                    .iter()
                    .map(|item| optimise(item, scenario.settings(), &options))
                    .collect();
                portfolio(&scenario, frontiers, None)
            })
        },
    );
}
