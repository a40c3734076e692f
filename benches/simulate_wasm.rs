//! Simulation speed and memory in the browser's WebAssembly engine: the same workload as
//! `benches/simulate.rs`, run by wasm-bindgen-test's benchmark harness in headless Chromium.
//!
//! ```text
//! CHROMEDRIVER=$(command -v chromedriver) cargo bench --target wasm32-unknown-unknown \
//!     --bench simulate_wasm
//! ```
//!
//! It prints the time per run (criterion's estimate) and the linear memory the module holds
//! after the runs (64 KiB pages): the page's tab cannot use less.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

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
