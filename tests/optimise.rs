//! The optimiser: the frontier on common random numbers, its optimum against a closed form,
//! monotone in the costs, the service-target buffer, the advice, the drivers and the
//! portfolio. Seeded; tolerances in standard errors.

mod common;

use jitjic::core::closed_form::base_stock_under_outages;
use jitjic::core::optimise::{
    advise, check_target, frontier, optimise, portfolio, sensitivity, Driver, NothingToChoose,
    Options, Stance, TargetBuffer, Wording,
};
use jitjic::core::{Scenario, ServiceTarget};
use jitjic::share::parse_scenario;

/// An item whose daily rule is fixed, so the optimiser sweeps its buffer alone (the rule's
/// search is tests/rules.rs's).
fn item(
    demand: &str,
    lead_time: &str,
    backorder: f64,
    replications: u32,
) -> jitjic::core::Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 6, "settings": {{ "replications": {replications}, "seed": 4 }},
          "items": [ {{ "demand": {demand}, "lead_time": {lead_time}, "rule_fixed": true,
            "costs": {{ "unit_cost": 40, "holding_rate_pct_per_year": 25, "storage_per_unit_day": 0,
                        "order_cost": 5, "backorder_per_unit_day": {backorder} }} }} ] }}"#
    ))
    .unwrap()
}

const GRID: [f64; 9] = [0.0, 0.5, 1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0];

const NO_UNCERTAINTY: (&str, &str) = (
    r#"{ "distribution": "normal", "mean": 20, "sd": 0 }"#,
    r#"{ "distribution": "fixed", "days": 5 }"#,
);

const NOISY: (&str, &str) = (
    r#"{ "distribution": "normal", "mean": 20, "sd": 6 }"#,
    r#"{ "distribution": "uniform", "min": 5, "max": 9 }"#,
);

#[test]
fn without_uncertainty_jit_wins_and_the_advice_is_lean() {
    // Demand 20 a day exactly and a fixed lead time: any buffer is stock that is never used,
    // so cost grows with it and the cheapest buffer is 0, with nothing else as cheap.
    let s = item(NO_UNCERTAINTY.0, NO_UNCERTAINTY.1, 2.0, 3);
    let f = frontier(s.item(), s.settings(), &GRID).unwrap();
    assert_eq!(f.points[f.best].buffer_days, 0.0);
    assert_eq!(f.same_cost_days, (0.0, 0.0));
    for pair in f.points.windows(2) {
        assert!(
            pair[1].result.total_cost_per_year.mean() > pair[0].result.total_cost_per_year.mean()
        );
    }
    // The adaptive grid finds the same, and says so.
    let f = optimise(s.item(), s.settings(), &Options::default()).unwrap();
    assert_eq!(f.optimum().buffer_days, 0.0);
    let advice = advise(s.item(), &f, Wording::new("USD"));
    assert_eq!(advice.stance, Stance::Lean);
    assert!(advice.sentence.starts_with("Lean:"), "{}", advice.sentence);
    // ERP terms by hand: L = 5, R = 1, d = 20: S = 120, and a review orders whenever the
    // position is below it (s = S), 20 at a time, no safety stock; one period, whole units.
    let erp = advice.erp.first();
    assert_eq!(erp.safety_stock_units, 0.0);
    assert_eq!(erp.order_up_to_units, 120.0);
    assert_eq!(erp.reorder_point_units, 120.0);
    assert_eq!(erp.order_quantity_units, 20.0);
    assert!(!advice.erp.time_phased());
    assert!(advice.erp.whole_units);
}

#[test]
fn fill_rate_never_falls_as_the_buffer_grows_and_a_costly_stockout_needs_a_buffer() {
    let s = item(NOISY.0, NOISY.1, 10.0, 400);
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

#[test]
fn the_adaptive_grid_refines_around_the_optimum_and_spans_past_jic() {
    let s = item(NOISY.0, NOISY.1, 10.0, 300);
    let f = optimise(s.item(), s.settings(), &Options::default()).unwrap();
    let n = f.points.len();
    assert!((20..=30).contains(&n), "{n} points");
    // From below JIT (halfway to a level of 0: the protection period is 8 days) upwards, JIT
    // on it.
    assert_eq!(f.points[0].buffer_days, -4.0);
    assert!(f.points.iter().any(|p| p.buffer_days == 0.0));
    assert!(f.points.windows(2).all(|w| w[0].buffer_days < w[1].buffer_days));
    // The optimum is interior, the grid goes well past the JIC buffer (5 days) and past the
    // optimum, and it is densest where the optimum is: its neighbours are closer than the
    // average spacing.
    assert!(f.best > 0 && f.best < n - 1, "optimum at an end");
    let top = f.points[n - 1].buffer_days;
    assert!(top >= 10.0 && top >= 2.0 * f.optimum().buffer_days, "top {top}");
    assert_eq!(f.jic().buffer_days, 5.0);
    let (lo, hi) = f.neighbours();
    let span = hi.unwrap().buffer_days - lo.unwrap().buffer_days;
    assert!(span < 2.0 * (top + 4.0) / n as f64, "neighbours {span} days apart");
    // On common random numbers the fill rate never falls as the buffer grows.
    assert!(f
        .points
        .windows(2)
        .all(|w| w[1].result.fill_rate.mean() >= w[0].result.fill_rate.mean()));
    // Every point's paired difference from the optimum is ≥ 0 on average (it is the
    // cheapest), and each carries its per-replication costs.
    for p in &f.points {
        assert!(p.cost_above_best.mean() >= 0.0);
        assert_eq!(p.costs().len(), 300);
    }
}

/// The disruption-only case of `closed_form::base_stock_under_outages`: demand 10 a day
/// exactly, lead time 0, review daily, a supplier up 20 days and down 4 on average; holding
/// $10 × 25 %/365 a unit-day, backorders $0.10 a unit-day. The buffer b days is the level
/// S = 10·(1 + b).
fn outage_case(replications: u32) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 2,
          "settings": {{ "horizon_days": 3650, "warm_up_days": 100, "replications": {replications}, "seed": 9 }},
          "suppliers": [ {{ "name": "Flaky", "random_outages": {{ "mean_up_days": 20, "mean_down_days": 4 }} }} ],
          "items": [ {{ "supplier": "Flaky",
            "demand": {{ "distribution": "normal", "mean": 10, "sd": 0 }},
            "lead_time": {{ "distribution": "fixed", "days": 0 }},
            "costs": {{ "unit_cost": 10, "holding_rate_pct_per_year": 25, "storage_per_unit_day": 0,
                        "order_cost": 0, "backorder_per_unit_day": 0.1 }} }} ] }}"#
    ))
    .unwrap()
}

/// Closed-form operating cost per year at a buffer of `b` days in [`outage_case`].
fn outage_cost_per_year(b: f64) -> f64 {
    let h = 10.0 * 0.25 / 365.0;
    365.0 * base_stock_under_outages(10.0 * (1.0 + b), 10.0, 20.0, 4.0, h, 0.1).0
}

#[test]
fn the_frontier_and_its_optimum_match_the_closed_form_under_outages() {
    // Theory: the daily cost is a newsvendor on K, the run of down days: the optimum is the
    // smallest b with P(K ≤ b) ≥ b/(h + b) = 0.936; with P(K > k) = (1/6)·0.75^k that is
    // b = 4 days.
    let grid: Vec<f64> = (0..=12).map(f64::from).collect();
    let theory: Vec<f64> = grid.iter().map(|&b| outage_cost_per_year(b)).collect();
    let theory_best = (0..theory.len()).min_by(|&a, &b| theory[a].total_cmp(&theory[b])).unwrap();
    assert_eq!(grid[theory_best], 4.0);
    let s = outage_case(200);
    let f = frontier(s.item(), s.settings(), &grid).unwrap();
    assert_eq!(f.points.len(), 13);
    // The cost curve, point by point (operating cost: the closed form has no purchases).
    for (p, &cost) in f.points.iter().zip(&theory) {
        common::assert_within_se(
            p.result.operating_cost_per_year,
            cost,
            3.0,
            &format!("{} days", p.buffer_days),
        );
    }
    // Its shape, on paired differences: each point's cost above the 4-day point is the closed
    // form's, within the paired noise (which is far smaller than the costs' own).
    let at4 = f.points.iter().position(|p| p.buffer_days == 4.0).unwrap();
    for (i, p) in f.points.iter().enumerate() {
        if i == at4 {
            continue;
        }
        let d = f.paired_difference(i, at4);
        let expected = theory[i] - theory[theory_best];
        // Purchases differ between levels only by the stock in flight at the ends of the
        // measured window: at most a few days of demand over ten years.
        let ends = 10.0 * 10.0 * 2.0 / 9.7;
        assert!(
            (d.mean() - expected).abs() < 3.0 * d.se() + ends,
            "{} days: {} ± {} above 4 days, theory {expected}",
            p.buffer_days,
            d.mean(),
            d.se()
        );
    }
    // The optimum: the closed form's optimum is among the buffers that cost the same as the
    // simulated best, and the simulated best costs, in theory, no more than the noise above
    // the theoretical minimum.
    assert!(f.same_cost_days.0 <= 4.0 && 4.0 <= f.same_cost_days.1, "{:?}", f.same_cost_days);
    let gap = theory[f.best] - theory[theory_best];
    assert!(gap <= 3.0 * f.paired_difference(at4, f.best).se() + 1e-9, "gap {gap}");
    // The adaptive optimiser lands there too, refined (the curve's kink is at 4 days).
    let f = optimise(s.item(), s.settings(), &Options::default()).unwrap();
    let b = f.optimum().buffer_days;
    assert!((3.0..=5.0).contains(&b), "refined optimum {b} days");
    assert!(outage_cost_per_year(b) - theory[theory_best] < 5.0, "{b} days");
}

/// A small random scenario for the monotonicity checks, from a seed.
fn random_case(seed: u64, backorder: f64, holding_pct: f64) -> Scenario {
    use rand::{Rng, SeedableRng};
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
    let mean: f64 = rng.random_range(5.0..50.0);
    let cv: f64 = rng.random_range(0.1..0.8);
    let lead = rng.random_range(1..10u32);
    let spread = rng.random_range(0..4u32);
    let review = [1, 1, 7][rng.random_range(0..3usize)];
    let up: f64 = rng.random_range(30.0..200.0);
    let down: f64 = rng.random_range(1.0..6.0);
    let outages = rng.random_bool(0.5);
    let supplier = if outages {
        format!(
            r#""suppliers": [ {{ "name": "S", "random_outages": {{ "mean_up_days": {up}, "mean_down_days": {down} }} }} ],"#
        )
    } else {
        String::new()
    };
    parse_scenario(&format!(
        r#"{{ "version": 2, "settings": {{ "horizon_days": 400, "replications": 150, "seed": {seed} }},
          {supplier}
          "items": [ {{ {}
            "review_period_days": {review},
            "demand": {{ "distribution": "gamma", "mean": {mean}, "sd": {} }},
            "lead_time": {{ "distribution": "uniform", "min": {lead}, "max": {} }},
            "costs": {{ "unit_cost": 20, "holding_rate_pct_per_year": {holding_pct},
                        "storage_per_unit_day": 0, "order_cost": 0,
                        "backorder_per_unit_day": {backorder} }} }} ] }}"#,
        if outages { r#""supplier": "S","# } else { "" },
        mean * cv,
        lead + spread,
    ))
    .unwrap()
}

fn best_buffer(s: &Scenario, grid: &[f64]) -> f64 {
    let f = frontier(s.item(), s.settings(), grid).unwrap();
    f.optimum().buffer_days
}

#[test]
fn a_dearer_stockout_never_lowers_the_optimum_and_dearer_holding_never_raises_it() {
    // On a fixed grid with the same seeds, the tolerance is one grid step.
    let grid: Vec<f64> = (0..=24).map(f64::from).collect();
    let step = 1.0;
    let (mut raised, mut lowered) = (0, 0);
    for seed in 0..8 {
        let base = best_buffer(&random_case(seed, 1.0, 25.0), &grid);
        let dear_stockout = best_buffer(&random_case(seed, 3.0, 25.0), &grid);
        let dear_holding = best_buffer(&random_case(seed, 1.0, 75.0), &grid);
        assert!(
            dear_stockout >= base - step,
            "seed {seed}: stockout ×3 moved {base} → {dear_stockout}"
        );
        assert!(
            dear_holding <= base + step,
            "seed {seed}: holding ×3 moved {base} → {dear_holding}"
        );
        assert!(base < 24.0, "seed {seed}: optimum at the grid's end");
        raised += usize::from(dear_stockout > base);
        lowered += usize::from(dear_holding < base);
    }
    // The checks can fail: tripling a cost moves the optimum in most cases.
    assert!(raised >= 4 && lowered >= 4, "raised {raised}, lowered {lowered} of 8");
}

#[test]
fn the_service_target_buffer_is_the_smallest_that_reaches_it_and_costs_a_premium() {
    let s = item(NOISY.0, NOISY.1, 0.2, 400);
    for target in [ServiceTarget::FillRate(0.995), ServiceTarget::CycleServiceLevel(0.97)] {
        let options = Options { points: 25, target: Some(target) };
        let f = optimise(s.item(), s.settings(), &options).unwrap();
        let (asked, TargetBuffer::Reached { point }) = f.target.clone().unwrap() else {
            panic!("{target:?} not reached")
        };
        assert_eq!(asked, target);
        let service = |i: usize| match target {
            ServiceTarget::FillRate(_) => f.points[i].result.fill_rate.mean(),
            ServiceTarget::CycleServiceLevel(_) => f.points[i].result.cycle_service_level.mean(),
        };
        let goal = match target {
            ServiceTarget::FillRate(x) | ServiceTarget::CycleServiceLevel(x) => x,
        };
        assert!(service(point) >= goal);
        assert!(point > 0 && service(point - 1) < goal, "not the smallest");
        // Found to within a tenth of a day: the point below is close.
        assert!(f.points[point].buffer_days - f.points[point - 1].buffer_days < 0.5);
        // With a cheap stockout the optimum is lower, so the target costs a clear premium.
        assert!(f.optimum().buffer_days < f.points[point].buffer_days);
        let premium = f.paired_difference(point, f.best);
        assert!(premium.mean() > 3.0 * premium.se(), "{premium:?}");
    }
}

#[test]
fn a_target_of_100_percent_is_refused_with_the_reason() {
    let m = check_target(ServiceTarget::FillRate(1.0)).unwrap_err();
    assert!(m.contains("fill rate target of 100%") && m.contains("infinite buffer"), "{m}");
    assert!(m.contains("accepted: above 0% and below 100%"), "{m}");
    let m = check_target(ServiceTarget::CycleServiceLevel(1.2)).unwrap_err();
    assert!(m.contains("120%"), "{m}");
    assert!(check_target(ServiceTarget::CycleServiceLevel(0.0)).is_err());
    assert!(check_target(ServiceTarget::CycleServiceLevel(f64::NAN)).is_err());
    assert_eq!(check_target(ServiceTarget::FillRate(0.999)), Ok(ServiceTarget::FillRate(0.999)));
}

#[test]
fn an_item_without_demand_gets_a_statement_not_a_number() {
    let s = item(r#"{ "distribution": "poisson", "mean": 0 }"#, NOISY.1, 1.0, 10);
    let e: NothingToChoose = optimise(s.item(), s.settings(), &Options::default()).unwrap_err();
    assert!(e.reason.contains("mean demand is 0"), "{e}");
    assert!(frontier(s.item(), s.settings(), &GRID).is_err());
}

#[test]
fn the_advice_names_the_stance_with_its_confidence() {
    let s = item(NOISY.0, NOISY.1, 10.0, 300);
    let f = optimise(s.item(), s.settings(), &Options::default()).unwrap();
    let a = advise(s.item(), &f, Wording::new("USD"));
    // Clearly cheaper than JIT; the stance follows the documented thresholds.
    assert!(a.saving_vs_jit.mean() > 1.96 * a.saving_vs_jit.se());
    let expected = if a.buffer_days >= 5.0 { Stance::Buffered } else { Stance::Balanced };
    assert_eq!(a.stance, expected);
    assert!(a.sentence.contains("clearly cheaper than JIT (−$"), "{}", a.sentence);
    // ERP terms: S = d·(7 + 1) + SS, s = S (any shortfall is ordered), Q = d a day.
    // (d is a little above 20: the normal is censored at 0; its demand is not whole.)
    let d = s.item().demand().expected();
    let ss = d * a.buffer_days;
    let erp = a.erp.first();
    assert!((erp.safety_stock_units - ss).abs() < 1e-9);
    assert!((erp.order_up_to_units - (8.0 * d + ss)).abs() < 1e-9);
    assert_eq!(erp.reorder_point_units, erp.order_up_to_units);
    assert!((erp.order_quantity_units - d).abs() < 1e-9);
    let rows = jitjic::share::erp_csv::rows(&a, None);
    assert_eq!(rows.len(), 1);
    let header = jitjic::share::erp_csv::HEADER.split(',').count();
    assert_eq!(rows[0].split(',').count(), header);
}

#[test]
fn a_clear_but_small_saving_is_worded_practically_the_same_and_nothing_else_moves() {
    use jitjic::core::optimise::PracticallySame;
    let s = item(NOISY.0, NOISY.1, 10.0, 300);
    let f = optimise(s.item(), s.settings(), &Options::default()).unwrap();
    let default = advise(s.item(), &f, Wording::new("USD"));
    // The default threshold: 5 % of the optimum's operating cost, counted here as its total
    // cost less its purchases.
    let best = &f.optimum().result;
    let operating = best.total_cost_per_year.mean() - best.purchase_cost_per_year.mean();
    assert!((default.practically_same_per_year - 0.05 * operating).abs() < 1e-6 * operating);
    let saving = default.saving_vs_jit;
    assert!(saving.mean() > 1.96 * saving.se(), "the saving is clear of the noise");
    let with =
        |p: PracticallySame| advise(s.item(), &f, Wording { currency: "USD", practically_same: p });
    // A threshold above the saving: "practically the same as JIT", with the threshold named.
    let above = with(PracticallySame::PerYear(saving.mean() * 1.5));
    assert!(above.sentence.contains("practically the same as JIT (−$"), "{}", above.sentence);
    assert!(!above.sentence.contains("clearly cheaper than JIT"), "{}", above.sentence);
    assert!(above.sentence.contains("set in the scenario"), "{}", above.sentence);
    // As a share: the same saving is negligible against a share that makes more than it.
    let share = 2.0 * saving.mean() / operating;
    let as_share = with(PracticallySame::ShareOfOperatingCost(share));
    assert!(as_share.sentence.contains("practically the same as JIT"), "{}", as_share.sentence);
    // No threshold: clear of the noise is enough.
    let none = with(PracticallySame::PerYear(0.0));
    assert!(none.sentence.contains("clearly cheaper than JIT (−$"), "{}", none.sentence);
    // Only the words move: the stance, the optimum, the savings and the ERP plan do not.
    for a in [&above, &as_share, &none] {
        assert_eq!(a.stance, default.stance);
        assert_eq!(a.buffer_days, default.buffer_days);
        assert_eq!(a.saving_vs_jit, default.saving_vs_jit);
        assert_eq!(a.saving_vs_jic, default.saving_vs_jic);
        assert_eq!(a.erp, default.erp);
    }
}

#[test]
fn the_drivers_that_push_the_buffer_are_named_and_removing_them_runs_lean() {
    // Fixed demand; lead-time spread and outages are the only risks.
    let s = parse_scenario(
        r#"{ "version": 2, "settings": { "replications": 200, "seed": 3 },
          "suppliers": [ { "name": "S", "random_outages": { "mean_up_days": 60, "mean_down_days": 3 } } ],
          "items": [ { "supplier": "S",
            "demand": { "distribution": "normal", "mean": 20, "sd": 0 },
            "lead_time": { "distribution": "uniform", "min": 3, "max": 9 },
            "costs": { "unit_cost": 40, "holding_rate_pct_per_year": 25, "storage_per_unit_day": 0,
                       "order_cost": 0, "backorder_per_unit_day": 5 } } ] }"#,
    )
    .unwrap();
    let sens = sensitivity(&s, 0, &Options { points: 15, target: None }, "USD").unwrap();
    let named: Vec<Driver> = sens.effects.iter().map(|e| e.driver).collect();
    assert!(!named.contains(&Driver::DemandVariability), "demand is fixed: {named:?}");
    assert!(!named.contains(&Driver::ShelfLife));
    assert!(sens.pushers.contains(&Driver::LeadTimeSpread), "{:?}", sens.pushers);
    assert!(sens.pushers.contains(&Driver::Disruptions), "{:?}", sens.pushers);
    // Without both, nothing is uncertain: JIT.
    let without = sens.without_pushers.unwrap();
    assert_eq!((without.buffer_days, without.stance), (0.0, Stance::Lean));
    assert!(sens.sentence.contains("without them, it would run lean"), "{}", sens.sentence);
    // Raising the lead-time spread never lowers the buffer by more than a grid step.
    let lt = sens.effects.iter().find(|e| e.driver == Driver::LeadTimeSpread).unwrap();
    assert!(lt.stepped_buffer_days >= sens.base_buffer_days - 1.0);
    // Ranked by how far the step moves the optimum and the cost gap.
    let scores: Vec<f64> =
        sens.effects.iter().map(|e| e.score(sens.base_buffer_days, sens.base_gap)).collect();
    assert!(scores.windows(2).all(|w| w[0] >= w[1]), "{scores:?}");
}

#[test]
fn the_portfolio_sums_classifies_and_spends_a_budget_where_it_saves_most() {
    let s = parse_scenario(
        r#"{ "version": 2, "settings": { "replications": 120, "seed": 8 },
          "items": [
            { "name": "Big steady", "demand": { "distribution": "normal", "mean": 200, "sd": 20 },
              "lead_time": { "distribution": "uniform", "min": 3, "max": 6 },
              "costs": { "unit_cost": 50, "backorder_per_unit_day": 5 } },
            { "name": "Mid lumpy", "demand": { "distribution": "intermittent", "probability": 0.3, "size_mean": 30, "size_sd": 20 },
              "lead_time": { "distribution": "fixed", "days": 5 },
              "costs": { "unit_cost": 20, "backorder_per_unit_day": 2 } },
            { "name": "Small", "demand": { "distribution": "poisson", "mean": 4 },
              "lead_time": { "distribution": "fixed", "days": 2 },
              "costs": { "unit_cost": 5, "backorder_per_unit_day": 1 } },
            { "name": "Nothing", "demand": { "distribution": "poisson", "mean": 0 },
              "lead_time": { "distribution": "fixed", "days": 2 } } ] }"#,
    )
    .unwrap();
    let options = Options { points: 15, target: None };
    let frontiers: Vec<_> = s.items().iter().map(|i| optimise(i, s.settings(), &options)).collect();
    let p = portfolio(&s, frontiers.clone(), None);
    assert_eq!(p.items.len(), 3);
    assert_eq!(p.skipped.len(), 1);
    assert_eq!(p.skipped[0].item, "Nothing");
    // ABC by yearly value: 200·50 = 10,000 a day is 98 % of the 10,200 total: A; then
    // 9·20 = 180 with 98 % before it (C), and 4·5 = 20 (C).
    let class = |name: &str| p.items.iter().find(|i| i.advice.item == name).unwrap();
    assert_eq!(format!("{:?}{:?}", class("Big steady").abc, class("Big steady").xyz), "AX");
    assert_eq!(format!("{:?}", class("Small").abc), "C");
    assert_eq!(format!("{:?}", class("Mid lumpy").xyz), "Z");
    // Poisson with mean 4: CV = 1/√4 = 0.5, the first value of Y.
    assert_eq!(format!("{:?}", class("Small").xyz), "Y");
    // Totals: the optimum everywhere is the sum of the items' optima, and no dearer than JIT
    // or JIC everywhere.
    let sum: f64 = frontiers
        .iter()
        .filter_map(|f| f.as_ref().ok())
        .map(|f| f.optimum().result.total_cost_per_year.mean())
        .sum();
    assert!((p.optimum.cost_per_year.mean() - sum).abs() < 1e-6 * sum);
    assert!(p.optimum.cost_per_year.mean() <= p.jit.cost_per_year.mean());
    assert!(p.optimum.cost_per_year.mean() <= p.jic.cost_per_year.mean());
    // The exchange curve runs from JIT everywhere to every item at its optimum, cash up and
    // cost down, each step saving less per unit of cash than the one before.
    let (first, last) = (&p.exchange[0], p.exchange.last().unwrap());
    assert!((first.cost_per_year - p.jit.cost_per_year.mean()).abs() < 1e-6 * sum);
    assert!((last.cost_per_year - p.optimum.cost_per_year.mean()).abs() < 1e-6 * sum);
    let slopes: Vec<f64> = p
        .exchange
        .windows(2)
        .map(|w| {
            assert!(w[1].cash > w[0].cash && w[1].cost_per_year < w[0].cost_per_year);
            (w[0].cost_per_year - w[1].cost_per_year) / (w[1].cash - w[0].cash)
        })
        .collect();
    assert!(slopes.windows(2).all(|w| w[0] >= w[1] - 1e-9), "{slopes:?}");
    // A budget halfway is spent within itself; too small a budget is refused by name.
    let budget = 0.5 * (first.cash + last.cash);
    let a = p.allocate(budget).unwrap();
    assert!(a.cash <= budget && a.cost_per_year < first.cost_per_year);
    let m = p.allocate(first.cash * 0.5).unwrap_err();
    assert!(m.contains("below") && m.contains("JIT everywhere"), "{m}");
    // Every cell's stance is the one most of its items take.
    for c in &p.cells {
        let most = *c.counts.iter().max().unwrap();
        let slot = match c.stance {
            Stance::Leaner => 0,
            Stance::Lean => 1,
            Stance::Balanced => 2,
            Stance::Buffered => 3,
        };
        assert_eq!(c.counts[slot], most);
    }
}

#[test]
fn jit_jic_and_the_optimum_side_by_side_are_the_frontiers_own_points() {
    let s = item(NOISY.0, NOISY.1, 10.0, 100);
    let f = optimise(s.item(), s.settings(), &Options::default()).unwrap();
    let c = f.ends_and_optimum(s.item(), s.settings());
    let names: Vec<&str> = c.policies.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), 3, "{names:?}");
    assert_eq!(names[0], "JIT");
    assert_eq!(c.policies[0].policy.kind, jitjic::core::PolicyKind::Jit);
    assert!(names.contains(&"JIC 5 days"), "{names:?}");
    assert!(names.iter().any(|n| n.starts_with("Optimum ")), "{names:?}");
    // The same numbers as the frontier's points, each of them; and stock on hand over time,
    // which the frontier's points do not keep, for the inventory chart.
    for p in &c.policies {
        let point = [f.jit(), f.jic(), f.optimum()]
            .into_iter()
            .find(|q| q.result.policy == p.policy)
            .expect("one of the three");
        assert_eq!(p.cost_by_replication, point.result.cost_by_replication, "{}", p.name);
        assert_eq!(p.fill_rate, point.result.fill_rate, "{}", p.name);
        assert!(point.result.mean_on_hand_by_day.is_empty());
        assert_eq!(p.mean_on_hand_by_day.len(), s.settings().horizon_days() as usize, "{}", p.name);
        assert!(p.mean_on_hand_by_day.iter().any(|&x| x > 0.0), "{}", p.name);
    }
}
