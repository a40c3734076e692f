//! The frontier: buffers swept on common random numbers, the cheapest found with the range
//! that costs the same within the noise.

use jitjic::core::optimise::frontier;
use jitjic::share::parse_scenario;

fn item(
    demand: &str,
    lead_time: &str,
    backorder: f64,
    replications: u32,
) -> jitjic::core::Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 2, "settings": {{ "replications": {replications}, "seed": 4 }},
          "items": [ {{ "demand": {demand}, "lead_time": {lead_time},
            "costs": {{ "unit_cost": 40, "holding_rate_pct_per_year": 25, "storage_per_unit_day": 0,
                        "order_cost": 5, "backorder_per_unit_day": {backorder} }} }} ] }}"#
    ))
    .unwrap()
}

const GRID: [f64; 9] = [0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0];

#[test]
fn without_uncertainty_jit_wins() {
    // Demand 20 a day exactly and a fixed lead time: any buffer is stock that is never used,
    // so cost grows with it and the cheapest buffer is 0, with nothing else as cheap.
    let s = item(
        r#"{ "distribution": "normal", "mean": 20, "sd": 0 }"#,
        r#"{ "distribution": "fixed", "days": 5 }"#,
        2.0,
        3,
    );
    let f = frontier(s.item(), s.settings(), &GRID).unwrap();
    assert_eq!(f.points[f.best].buffer_days, 0.0);
    assert_eq!(f.same_cost_days, (0.0, 0.0));
    for pair in f.points.windows(2) {
        assert!(
            pair[1].result.total_cost_per_year.mean() > pair[0].result.total_cost_per_year.mean()
        );
    }
}

#[test]
fn fill_rate_never_falls_as_the_buffer_grows_and_a_costly_stockout_needs_a_buffer() {
    let s = item(
        r#"{ "distribution": "normal", "mean": 20, "sd": 6 }"#,
        r#"{ "distribution": "uniform", "min": 5, "max": 9 }"#,
        10.0,
        400,
    );
    let f = frontier(s.item(), s.settings(), &GRID).unwrap();
    for pair in f.points.windows(2) {
        assert!(
            pair[1].result.fill_rate.mean() >= pair[0].result.fill_rate.mean(),
            "{} → {} days",
            pair[0].buffer_days,
            pair[1].buffer_days
        );
    }
    // A stockout costs $10 a unit a day against $0.03 a day to hold one: the cheapest buffer
    // is above 0, and JIT is dearer by far more than the paired noise.
    let best = &f.points[f.best];
    assert!(best.buffer_days > 0.0, "best at {} days", best.buffer_days);
    let jit = &f.points[0].cost_above_best;
    assert!(jit.mean() > 5.0 * jit.se(), "JIT {jit:?}");
    assert!(f.same_cost_days.0 <= best.buffer_days && best.buffer_days <= f.same_cost_days.1);
    // Paired differences are much tighter than the costs' own standard errors.
    let neighbour = &f.points[(f.best + 1).min(f.points.len() - 1)];
    assert!(neighbour.cost_above_best.se() < neighbour.result.total_cost_per_year.se());
}
