//! The simulation against hand computation and normal theory. Seeded; statistical checks use
//! explicit tolerances in standard errors, never numbers copied from the engine's output.

mod common;
use common::assert_within_se;
use jitjic::core::closed_form::normal_cdf;
use jitjic::core::lead_time::LeadTime;
use jitjic::core::policy::Rule;
use jitjic::core::scenario::SaleValue;
use jitjic::core::sim::{run_policy, Draws};
use jitjic::core::stats::MeanSe;
use jitjic::core::{simulate, Comparison, Policy, PolicyKind, Scenario, ScenarioInput};

fn scenario(input: ScenarioInput) -> Scenario {
    Scenario::try_from(input).expect("a valid test scenario")
}

/// Demand 20/day exactly, lead time 5, JIC buffer 5 days: everything is hand-computable.
fn constant_demand() -> Scenario {
    scenario(constant_demand_input())
}

fn constant_demand_input() -> ScenarioInput {
    ScenarioInput {
        mean_demand_per_day: 20.0,
        demand_sd_per_day: 0.0,
        lead_time_days: 5.0,
        jic_buffer_days: 5.0,
        unit_cost: 10.0,
        holding_rate_pct_per_year: 25.0,
        order_cost: 20.0,
        storage_cost_per_unit_day: 0.0,
        backorder_cost_per_unit_day: 2.0,
        horizon_days: 60.0,
        n_replications: 3.0,
        seed: 7.0,
    }
}

#[test]
fn constant_demand_jit_ends_every_day_empty_without_shortage() {
    let c = simulate(&constant_demand());
    let jit = c.policy(PolicyKind::Jit).unwrap();
    // S = 20 × (L + R) = 20 × 6.
    assert_eq!(jit.policy.order_up_to(), 120.0);
    // Start with S on hand and nothing in transit: the shelf drains 20 a day until the first
    // delivery (ordered at the end of day 0) lands at the start of day 6.
    let expected: Vec<f64> =
        (0..60).map(|t| if t <= 5 { 20.0 * (5 - t) as f64 } else { 0.0 }).collect();
    assert_eq!(jit.mean_on_hand_by_day, expected);
    assert_eq!(c.warm_up_days, 6);
    assert_eq!(jit.fill_rate.mean(), 1.0);
    assert_eq!(jit.stockout_days_per_year.mean(), 0.0);
    assert_eq!(jit.avg_on_hand.mean(), 0.0);
    assert_eq!(jit.holding_cost_per_year.mean(), 0.0);
    assert_eq!(jit.backorder_cost_per_year.mean(), 0.0);
    // One order a day of 20 at 20 per order: 365 orders and 7,300 a year.
    assert!((jit.orders_per_year.mean() - 365.0).abs() < 1e-9);
    assert!((jit.ordering_cost_per_year.mean() - 7_300.0).abs() < 1e-9);
    assert!((jit.operating_cost_per_year.mean() - 7_300.0).abs() < 1e-9);
    // Purchases, net of the stock position at the window's ends: 7,300 units a year at $10.
    assert!((jit.purchase_cost_per_year.mean() - 73_000.0).abs() < 1e-6);
    assert!((jit.total_cost_per_year.mean() - 80_300.0).abs() < 1e-6);
    assert_eq!(jit.total_cost_per_year.se(), 0.0);
}

#[test]
fn constant_demand_jic_holds_exactly_its_buffer() {
    let c = simulate(&constant_demand());
    let jic = c.policy(PolicyKind::Jic).unwrap();
    // S = 20 × (5 + 1 + 5) = 220; the buffer is 5 days × 20 = 100 units.
    assert_eq!(jic.policy.order_up_to(), 220.0);
    assert_eq!(jic.policy.buffer_units, 100.0);
    let expected: Vec<f64> =
        (0..60).map(|t| if t <= 5 { 220.0 - 20.0 * (t + 1) as f64 } else { 100.0 }).collect();
    assert_eq!(jic.mean_on_hand_by_day, expected);
    assert_eq!(jic.avg_on_hand.mean(), 100.0);
    // 100 units × $10 × 25 %/year = $250 a year of capital holding.
    assert!((jic.holding_cost_per_year.mean() - 250.0).abs() < 1e-9);
    assert!((jic.operating_cost_per_year.mean() - 7_550.0).abs() < 1e-9);
    // The buffer is bought once, before the window, and credited back at its end: JIC buys
    // exactly what JIT buys.
    assert!((jic.purchase_cost_per_year.mean() - 73_000.0).abs() < 1e-6);
    assert_eq!(jic.fill_rate.mean(), 1.0);
}

#[test]
fn zero_lead_time_order_serves_the_next_day() {
    // L = 0: ordered at the end of day t, on the shelf at the start of day t+1. With constant
    // demand the JIT level is one day's demand and the shelf is empty every evening.
    let s = scenario(ScenarioInput {
        demand_sd_per_day: 0.0,
        lead_time_days: 0.0,
        horizon_days: 30.0,
        ..Default::default()
    });
    let jit = simulate(&s).policy(PolicyKind::Jit).unwrap().clone();
    assert_eq!(jit.policy.order_up_to(), 20.0);
    assert!(jit.mean_on_hand_by_day.iter().all(|&x| x == 0.0));
    assert_eq!(jit.fill_rate.mean(), 1.0);
}

#[test]
fn a_jic_buffer_never_lowers_fill_rate_on_the_same_draws() {
    let s = scenario(ScenarioInput { n_replications: 200.0, ..Default::default() });
    let item = s.item();
    let settings = s.settings();
    let jit = item.policy(PolicyKind::Jit).unwrap().policy;
    let jic = item.policy(PolicyKind::Jic).unwrap().policy;
    let mut draws = Draws::default();
    let mut scratch = vec![0.0; settings.horizon_days() as usize];
    let mut strictly_better = 0;
    for replication in 0..settings.n_replications() {
        draws.fill(s.item(), s.settings(), replication);
        let lean = run_policy(item, settings, &jit, &draws, &mut scratch);
        let buffered = run_policy(item, settings, &jic, &draws, &mut scratch);
        assert!(
            buffered.fill_rate >= lean.fill_rate - 1e-12,
            "replication {replication}: JIC {} < JIT {}",
            buffered.fill_rate,
            lean.fill_rate
        );
        assert!(buffered.stockout_days_per_year <= lean.stockout_days_per_year);
        strictly_better += u32::from(buffered.fill_rate > lean.fill_rate);
    }
    // The check has teeth: with sd 6 on 20 a day, JIT runs short in every replication.
    assert_eq!(strictly_better, settings.n_replications());
}

#[test]
fn the_same_seed_gives_the_same_numbers() {
    let s = scenario(ScenarioInput { n_replications: 50.0, ..Default::default() });
    let a: Comparison = simulate(&s);
    let b = simulate(&s);
    assert_eq!(a, b);
    let other = scenario(ScenarioInput { n_replications: 50.0, seed: 43.0, ..Default::default() });
    assert_ne!(a.policies[0].fill_rate, simulate(&other).policies[0].fill_rate);
}

#[test]
fn fewer_replications_are_the_first_runs_of_more() {
    // What lets the page show a quick first estimate that the full run then refines.
    let s = scenario(ScenarioInput { n_replications: 120.0, ..Default::default() });
    let item = &s.items()[0];
    let full = jitjic::core::simulate_item(item, s.settings());
    let quick = jitjic::core::simulate_item(item, &s.settings().with_replications(30));
    assert_eq!(quick.settings.n_replications(), 30);
    for (q, f) in quick.policies.iter().zip(&full.policies) {
        assert_eq!(q.cost_by_replication[..], f.cost_by_replication[..30]);
        assert_eq!(q.stockout_days_by_replication[..], f.stockout_days_by_replication[..30]);
    }
}

#[test]
fn a_run_merged_from_parts_is_the_run_in_one_piece() {
    // 600 replications are three parts; one part of all 600 is the same replications pushed
    // one after another. Merging (Chan's update) may differ from pushing only by rounding, and
    // every statistic must be merged: each must count all 600 replications.
    use jitjic::core::{simulate_part, simulate_run, Keep};
    let s = scenario(ScenarioInput { n_replications: 600.0, ..Default::default() });
    let item = &s.items()[0];
    let (merged, _) = simulate_run(item, s.settings(), item.policies(), Keep::Trajectories);
    let (whole, _) =
        simulate_part(item, s.settings(), item.policies(), (0, 600), Keep::Trajectories)
            .finish(item);
    for (m, w) in merged.iter().zip(&whole) {
        let debug = format!("{m:?}");
        let counts: Vec<&str> =
            debug.match_indices("{ n: ").map(|(i, _)| &debug[i + 5..i + 9]).collect();
        assert!(counts.len() > 25, "{}", counts.len());
        assert!(counts.iter().all(|c| *c == "600,"), "a statistic missed a part: {counts:?}");
        assert_eq!(m.cost_by_replication, w.cost_by_replication);
        assert_eq!(m.total_cost_quantiles, w.total_cost_quantiles);
        assert_eq!(m.on_hand_band, w.on_hand_band);
        let close = |a: &MeanSe, b: &MeanSe| {
            (a.mean() - b.mean()).abs() <= 1e-9 * b.mean().abs().max(1.0)
                && (a.se() - b.se()).abs() <= 1e-9 * b.se().max(1.0)
        };
        assert!(close(&m.total_cost_per_year, &w.total_cost_per_year));
        assert!(close(&m.fill_rate, &w.fill_rate));
        assert!(close(&m.cycle_service_level, &w.cycle_service_level));
        assert!((m.turns.ratio().unwrap() - w.turns.ratio().unwrap()).abs() < 1e-9);
        for (a, b) in m.mean_on_hand_by_day.iter().zip(&w.mean_on_hand_by_day) {
            assert!((a - b).abs() <= 1e-9 * b.abs().max(1.0));
        }
    }
}

/// Under daily order-up-to with fixed lead time L, net stock after day t's demand is
/// S − (demand over days t−L..t): a day is a stockout day exactly when L+1 days of demand
/// exceed S. With normal demand far from zero (no censoring) that has probability
/// 1 − Φ((S − μ(L+1)) / (σ√(L+1))): one half for JIT, less for a JIC buffer.
#[test]
fn stockout_days_match_normal_theory() {
    for buffer_days in [0.0, 0.3, 0.6] {
        let s = scenario(ScenarioInput {
            mean_demand_per_day: 100.0,
            demand_sd_per_day: 10.0,
            lead_time_days: 7.0,
            jic_buffer_days: buffer_days,
            n_replications: 2_000.0,
            horizon_days: 365.0,
            seed: 2026.0,
            ..Default::default()
        });
        let c = simulate(&s);
        let kind = if buffer_days == 0.0 { PolicyKind::Jit } else { PolicyKind::Jic };
        let stockouts = c.policy(kind).unwrap().stockout_days_per_year;
        // Stockout days per year ÷ 365 is the chance that a day is a stockout day.
        let z = 100.0 * buffer_days / (10.0 * 8f64.sqrt());
        let p = 1.0 - normal_cdf(z);
        assert_within_se(stockouts, 365.0 * p, 3.0, &format!("buffer {buffer_days} days"));
    }
}

/// Under daily order-up-to every day's demand is reordered that evening, so after day t's
/// demand the units not yet replenished are d_t plus each earlier d_k whose lead time L_k is at
/// least t − k. With lead times independent of demand, E[on hand − backorders] is exactly
/// S − E[d]·(1 + E[L]) — whatever the distributions, with orders crossing.
fn check_net_stock(lead_time: LeadTime, seed: f64) {
    let s = scenario(ScenarioInput { n_replications: 1_000.0, seed, ..Default::default() })
        .with_lead_time(&lead_time, false)
        .expect("a valid lead time");
    let item = s.item();
    let settings = s.settings();
    let mut draws = Draws::default();
    let mut scratch = vec![0.0; settings.horizon_days() as usize];
    for kind in [PolicyKind::Jit, PolicyKind::Jic] {
        let policy = item.policy(kind).unwrap().policy;
        let mut net = MeanSe::default();
        for replication in 0..settings.n_replications() {
            draws.fill(s.item(), s.settings(), replication);
            let m = run_policy(item, settings, &policy, &draws, &mut scratch);
            net.push(m.avg_on_hand - m.avg_backorders);
        }
        let expected =
            policy.order_up_to() - item.demand().expected() * (1.0 + item.lead_time().mean_days());
        assert_within_se(net, expected, 3.0, &format!("{lead_time:?} {kind:?}: net stock"));
    }
}

#[test]
fn net_stock_matches_theory_with_random_lead_times() {
    check_net_stock(LeadTime::Uniform { min: 5, max: 9 }, 1.0);
    check_net_stock(
        LeadTime::Gamma(jitjic::core::lead_time::NormalLike { mean: 10.0, sd: 4.0 }),
        2.0,
    );
    check_net_stock(LeadTime::Empirical(vec![2, 3, 3, 12]), 3.0);
}

#[test]
fn every_policy_sees_the_same_lead_times() {
    // Both policies order the day's demand every evening; with common random numbers their
    // deliveries coincide, so on-hand differs by exactly the buffer once the start-up stock
    // is gone, day by day, in every replication.
    let s = scenario(ScenarioInput {
        mean_demand_per_day: 100.0,
        demand_sd_per_day: 5.0,
        n_replications: 1.0,
        jic_buffer_days: 30.0,
        ..Default::default()
    })
    .with_lead_time(&LeadTime::Uniform { min: 2, max: 9 }, false)
    .unwrap();
    let c = simulate(&s);
    let (jit, jic) = (c.policy(PolicyKind::Jit).unwrap(), c.policy(PolicyKind::Jic).unwrap());
    let buffer = jic.policy.order_up_to() - jit.policy.order_up_to();
    // JIT's stock after day 20 is small relative to a 30-day buffer, so JIC never runs out
    // and its stock is JIT's net stock plus the buffer; compare where JIT has no backorders.
    let mut compared = 0;
    for day in 20..c.settings.horizon_days() as usize {
        let (lean, buffered) = (jit.mean_on_hand_by_day[day], jic.mean_on_hand_by_day[day]);
        if lean > 0.0 {
            assert!((buffered - lean - buffer).abs() < 1e-6, "day {day}: {lean} vs {buffered}");
            compared += 1;
        }
    }
    assert!(compared > 50, "only {compared} days compared");
}

#[test]
fn deliveries_in_order_never_overtake() {
    // In order, a delivery waits for every earlier one: with lead times 1 or 20 days at
    // random, orders queue behind the slow ones, so more stock is on order and less on hand
    // than when the fast ones may overtake.
    let base = scenario(ScenarioInput {
        demand_sd_per_day: 0.0,
        n_replications: 20.0,
        ..Default::default()
    });
    let lt = LeadTime::Empirical(vec![1, 20]);
    let crossing = simulate(&base.clone().with_lead_time(&lt, false).unwrap());
    let ordered = simulate(&base.with_lead_time(&lt, true).unwrap());
    let fill = |c: &Comparison| c.policy(PolicyKind::Jit).unwrap().fill_rate.mean();
    assert!(fill(&ordered) < fill(&crossing), "{} vs {}", fill(&ordered), fill(&crossing));
}

#[test]
fn constant_demand_has_no_stockout_cycles_and_a_known_peak() {
    let c = simulate(&constant_demand());
    let (jit, jic) = (c.policy(PolicyKind::Jit).unwrap(), c.policy(PolicyKind::Jic).unwrap());
    assert_eq!(jit.peak_on_hand.mean(), 0.0);
    assert_eq!(jic.peak_on_hand.mean(), 100.0);
    for p in [jit, jic] {
        assert_eq!(p.cycle_service_level.mean(), 1.0);
        assert_eq!(p.longest_stockout_days.mean(), 0.0);
        assert_eq!(p.mean_wait_days.mean(), 0.0);
        assert!(
            (p.total_cost_quantiles.p5 - p.total_cost_per_year.mean()).abs() < 1e-9,
            "{:?} {:?}",
            p.total_cost_quantiles,
            p.total_cost_per_year
        );
        assert!((p.total_cost_quantiles.p95 - p.total_cost_per_year.mean()).abs() < 1e-9);
    }
}

#[test]
fn a_level_two_days_short_makes_every_customer_wait_two_days() {
    // Constant demand 20/day, L = 5, level S = 20 × 6 − 40: after the start-up, 40 units are
    // always waiting at the end of a day and every morning's delivery of 20 goes to them, so
    // nothing is served from stock, every day is a stockout day, and by Little's law each unit
    // waits 40 / 20 = 2 days.
    let s = constant_demand();
    let policy = Policy::custom(Rule::OrderUpTo { level: 20.0 * 6.0 - 40.0 }, 1).unwrap();
    let settings = s.settings();
    let mut draws = Draws::default();
    draws.fill(s.item(), s.settings(), 0);
    let mut scratch = vec![0.0; settings.horizon_days() as usize];
    let m = run_policy(s.item(), settings, &policy, &draws, &mut scratch);
    let measured = f64::from(settings.horizon_days() - s.item().warm_up_days());
    assert_eq!(m.fill_rate, 0.0);
    assert_eq!(m.ready_rate, 0.0);
    assert_eq!(m.cycle_service_level, 0.0);
    assert_eq!(m.longest_stockout_days, measured);
    assert_eq!(m.avg_backorders, 40.0);
    assert!((m.mean_wait_days - 2.0).abs() < 1e-12);
    // 40 units waiting at $2 per unit-day: $80 a day, $29,200 a year.
    assert!((m.backorder_cost_per_year - 29_200.0).abs() < 1e-6);
}

#[test]
fn quantiles_interpolate_between_order_statistics() {
    let mut values = vec![5.0, 1.0, 4.0, 2.0, 3.0];
    let q = jitjic::core::Quantiles::of(&mut values);
    assert_eq!((q.p5, q.p50, q.p95), (1.2, 3.0, 4.8));
    assert_eq!(jitjic::core::Quantiles::of(&mut []), jitjic::core::Quantiles::default());
}

/// Runs one policy over replication 0 of a scenario.
fn run_one(s: &Scenario, policy: &Policy) -> jitjic::core::ReplicationMetrics {
    let mut draws = Draws::default();
    draws.fill(s.item(), s.settings(), 0);
    let mut scratch = vec![0.0; s.settings().horizon_days() as usize];
    run_policy(s.item(), s.settings(), policy, &draws, &mut scratch)
}

#[test]
fn periodic_order_up_to_with_constant_demand_just_covers_each_period() {
    // (R, S) with R = 7, L = 5, d = 20: S = d·(L + R) = 240. Each week's order of 140 lands
    // on the morning stock reaches 0, and the evenings run 120, 100, …, 0: an average of
    // d·(R − 1)/2 = 60 units, never short. The measured days (6 … 362) are 51 whole weeks.
    let s = scenario(ScenarioInput {
        demand_sd_per_day: 0.0,
        lead_time_days: 5.0,
        horizon_days: 6.0 + 7.0 * 51.0,
        ..Default::default()
    });
    let policy = Policy::custom(Rule::OrderUpTo { level: 240.0 }, 7).unwrap();
    let m = run_one(&s, &policy);
    assert_eq!(m.fill_rate, 1.0);
    assert_eq!(m.stockout_days_per_year, 0.0);
    assert_eq!(m.peak_on_hand, 120.0);
    assert!((m.avg_on_hand - 60.0).abs() < 1e-9, "{}", m.avg_on_hand);
    assert!((m.orders_per_year - 365.0 / 7.0).abs() < 1e-9, "{}", m.orders_per_year);
}

#[test]
fn eoq_sized_r_q_matches_the_daily_eoq_cost() {
    // Constant demand d = 20/day (D = 7,300 a year), L = 7, K = $50 an order, holding
    // h = $40 × 25 % = $10 per unit-year. Q = 280 (EOQ 270.2 rounded to whole days of demand)
    // and r = d·L = 140: an order placed on the evening stock reaches r lands on the morning it
    // runs out. End-of-day stock then runs Q − d, Q − 2d, …, 0, averaging (Q − d)/2 where the
    // continuous EOQ model has Q/2, so under this timing
    //     cost(Q) = K·D/Q + h·Q/2 − h·d/2.
    // The horizon makes the measured days (8 … 371) a whole number of 14-day cycles.
    let s = scenario(ScenarioInput {
        demand_sd_per_day: 0.0,
        lead_time_days: 7.0,
        order_cost: 50.0,
        unit_cost: 40.0,
        holding_rate_pct_per_year: 25.0,
        horizon_days: 8.0 + 14.0 * 26.0,
        ..Default::default()
    });
    let (d, q, k, h) = (20.0, 280.0, 50.0, 10.0);
    let eoq = jitjic::core::closed_form::eoq(d * 365.0, k, h);
    assert!((eoq.quantity - 270.19).abs() < 0.01);
    let policy =
        Policy::custom(Rule::ReorderQuantity { reorder_point: d * 7.0, quantity: q }, 1).unwrap();
    let m = run_one(&s, &policy);
    let expected = k * d * 365.0 / q + h * q / 2.0 - h * d / 2.0;
    let eoq_cost = m.ordering_cost_per_year + m.holding_cost_per_year;
    assert!((eoq_cost - expected).abs() < 1e-6, "{eoq_cost} vs {expected}");
    assert_eq!(m.fill_rate, 1.0);
    assert!((m.avg_on_hand - (q - d) / 2.0).abs() < 1e-9);
    // Within the daily discretisation of the EOQ optimum's cost.
    assert!((eoq_cost - eoq.yearly_cost).abs() <= h * d / 2.0 + 5.0);
}

#[test]
fn min_max_with_constant_demand_orders_s_minus_position() {
    // (s, S) = (100, 300), L = 2, d = 20: the position falls to 100 every 10 days and an
    // order of 200 is placed; stock never runs out since s covers the 3-day exposure (60).
    let s = scenario(ScenarioInput {
        demand_sd_per_day: 0.0,
        lead_time_days: 2.0,
        horizon_days: 3.0 + 10.0 * 36.0,
        ..Default::default()
    });
    let policy = Policy::custom(Rule::MinMax { reorder_point: 100.0, level: 300.0 }, 1).unwrap();
    let m = run_one(&s, &policy);
    assert_eq!(m.fill_rate, 1.0);
    assert!((m.orders_per_year - 36.5).abs() < 1e-9, "{}", m.orders_per_year);
}

#[test]
fn lost_sales_never_backorder_and_cost_what_is_lost() {
    // L = 0 and S = 15 against a constant 20 a day: each morning the 15 ordered last night
    // arrive and are sold, 5 units are lost, and 15 are ordered again. Fill rate 15/20.
    let s = scenario(ScenarioInput {
        demand_sd_per_day: 0.0,
        lead_time_days: 0.0,
        ..Default::default()
    })
    .with_lost_sales(SaleValue::MarginAndGoodwill(12.0))
    .unwrap();
    let policy = Policy::custom(Rule::OrderUpTo { level: 15.0 }, 1).unwrap();
    let m = run_one(&s, &policy);
    assert_eq!(m.avg_backorders, 0.0);
    assert_eq!(m.backorder_cost_per_year, 0.0);
    assert_eq!(m.mean_wait_days, 0.0);
    assert!((m.fill_rate - 0.75).abs() < 1e-12);
    assert!((m.lost_units_per_year - 5.0 * 365.0).abs() < 1e-9);
    // A lost unit costs its purchase (unit cost 40, never bought) plus the lost margin and
    // goodwill given as one figure (12): 52 a unit.
    assert!((m.lost_sale_cost_per_year - 52.0 * 5.0 * 365.0).abs() < 1e-6);
    assert_eq!(m.ready_rate, 0.0);
    // No price, no margin.
    assert_eq!(m.margin_per_year, 0.0);
}

#[test]
fn a_known_price_gives_the_margin_a_hand_count_gives() {
    // As above, sold at 60 with goodwill 3 per unit lost. Each day 15 units are sold and 5
    // lost; the 15 bought each night are sold the next morning, so nothing is held.
    // Margin = (60 − 40) × 15 × 365 − order cost 5 × 365 − goodwill 3 × 5 × 365.
    let s = scenario(ScenarioInput {
        demand_sd_per_day: 0.0,
        lead_time_days: 0.0,
        ..Default::default()
    })
    .with_lost_sales(SaleValue::Price(60.0))
    .unwrap();
    let mut spec = s.spec().clone();
    spec.items[0].costs.goodwill_per_unit = 3.0;
    let s = Scenario::new(spec).unwrap();
    let policy = Policy::custom(Rule::OrderUpTo { level: 15.0 }, 1).unwrap();
    let m = run_one(&s, &policy);
    let margin = 20.0 * 15.0 * 365.0 - 5.0 * 365.0 - 3.0 * 5.0 * 365.0;
    assert!((m.margin_per_year - margin).abs() < 1e-6, "{} vs {margin}", m.margin_per_year);
    assert!((m.revenue_per_year - 60.0 * 15.0 * 365.0).abs() < 1e-6);
    // A lost unit costs price + goodwill in the total.
    assert!((m.lost_sale_cost_per_year - 63.0 * 5.0 * 365.0).abs() < 1e-6);
    // The identity: margin = price × demanded − total cost.
    let identity = 60.0 * m.demanded_units_per_year - m.total_cost_per_year();
    assert!((m.margin_per_year - identity).abs() < 1e-6);
    assert!((m.units_ordered_per_year - 15.0 * 365.0).abs() < 1e-9);
}

/// Poisson pmf values P(X = k) for k = 0..n.
fn poisson_pmf(mean: f64, n: usize) -> Vec<f64> {
    let mut p = vec![(-mean).exp()];
    for k in 1..=n {
        p.push(p[k - 1] * mean / k as f64);
    }
    p
}

/// Daily base-stock with Poisson(λ) demand and lead time L: before day t's demand the stock
/// available is (S − X)⁺, X ~ Poisson(Lλ) the demand of the L days before (see
/// `net_stock_matches_theory…`), so the day serves min(d, (S − X)⁺) with d ~ Poisson(λ)
/// independent of X, and the exact fill rate is
///     Σₓ P(X = x) · E[min(d, (S − x)⁺)] / λ,   E[min(d, c)] = Σ_{k<c} P(d > k).
#[test]
fn poisson_base_stock_matches_the_exact_fill_rate() {
    use jitjic::core::demand::Demand;
    let (lambda, lead) = (4.0, 3.0);
    for level in [16.0, 20.0, 24.0] {
        let s = scenario(ScenarioInput {
            lead_time_days: lead,
            n_replications: 2_000.0,
            seed: 99.0,
            ..Default::default()
        })
        .with_demand(&Demand::Poisson { mean: lambda }, false)
        .unwrap();
        let policy = Policy::custom(Rule::OrderUpTo { level }, 1).unwrap();
        let mut draws = Draws::default();
        let mut scratch = vec![0.0; s.settings().horizon_days() as usize];
        let mut fill = MeanSe::default();
        for replication in 0..s.settings().n_replications() {
            draws.fill(s.item(), s.settings(), replication);
            fill.push(run_policy(s.item(), s.settings(), &policy, &draws, &mut scratch).fill_rate);
        }
        let before = poisson_pmf(lambda * lead, 80);
        let today = poisson_pmf(lambda, 80);
        let tail = |k: usize| 1.0 - today[..=k].iter().sum::<f64>();
        let served: f64 = (0..=80)
            .map(|x| {
                let available = (level as i64 - x as i64).max(0) as usize;
                before[x] * (0..available).map(tail).sum::<f64>()
            })
            .sum();
        // Pooled within a replication, fill rate is a ratio; across 2,000 replications of 357
        // days its bias is far below the standard error.
        let exact = served / lambda;
        assert_within_se(fill, exact, 3.0, &format!("S = {level}"));
    }
}

#[test]
fn make_to_order_customers_wait_the_lead_time_plus_one_day() {
    // Nothing is stocked: day t's demand is ordered that evening and delivered on the morning
    // of day t+L+1, straight to the customers waiting for it. With L = 5 each unit waits
    // 6 days; nothing is served from stock on its day.
    let s = constant_demand();
    let mto = Policy::make_to_order(s.item());
    assert_eq!(mto.order_up_to(), 0.0);
    let m = run_one(&s, &mto);
    assert!((m.mean_wait_days - 6.0).abs() < 1e-12, "{}", m.mean_wait_days);
    assert_eq!(m.fill_rate, 0.0);
    assert_eq!(m.avg_on_hand, 0.0);
    assert!((m.orders_per_year - 365.0).abs() < 1e-9);

    // With random demand the mean wait is still L + 1, up to the edges of the window.
    let s = scenario(ScenarioInput { n_replications: 200.0, ..Default::default() });
    let r = jitjic::core::simulate_policies(
        s.item(),
        s.settings(),
        &[Policy::make_to_order(s.item()).into()],
    );
    assert!((r[0].mean_wait_days.mean() - 8.0).abs() < 0.05, "{:?}", r[0].mean_wait_days);
}

#[test]
fn order_multiples_and_minimums_set_the_order_rhythm() {
    use jitjic::core::policy::OrderLimits;
    // Constant demand 20/day, L = 5, JIT S = 120. In packs of 100 an order lands every
    // 5 days: 73 a year. With a minimum of 60 instead, one every 3 days. The horizons make the
    // measured days whole cycles. The level is still reached each time: no stockout.
    for (limits, cycle, cycles) in [
        (OrderLimits::new(0.0, 100.0, f64::INFINITY).unwrap(), 5.0, 73.0),
        (OrderLimits::new(60.0, 0.0, f64::INFINITY).unwrap(), 3.0, 121.0),
    ] {
        let s = scenario(ScenarioInput {
            demand_sd_per_day: 0.0,
            lead_time_days: 5.0,
            horizon_days: 6.0 + cycle * cycles,
            ..Default::default()
        })
        .with_order_limits(limits)
        .unwrap();
        let m = run_one(&s, &Policy::jit(s.item()));
        let expected = cycles * 365.0 / (cycle * cycles);
        assert!((m.orders_per_year - expected).abs() < 1e-9, "{limits:?}: {}", m.orders_per_year);
        assert_eq!(m.fill_rate, 1.0);
    }
}

#[test]
fn storage_is_charged_per_unit_on_hand_per_day() {
    // JIC holds exactly its 100-unit buffer every measured evening: at $0.03 a unit-day that
    // is $1,095 a year of storage on top of the $250 of capital holding.
    let mut input = constant_demand_input();
    input.storage_cost_per_unit_day = 0.03;
    let c = simulate(&scenario(input));
    let jic = c.policy(PolicyKind::Jic).unwrap();
    assert!((jic.storage_cost_per_year.mean() - 1_095.0).abs() < 1e-9);
    assert!((jic.operating_cost_per_year.mean() - 7_550.0 - 1_095.0).abs() < 1e-9);
    assert_eq!(c.policy(PolicyKind::Jit).unwrap().storage_cost_per_year.mean(), 0.0);
}

#[test]
fn purchases_are_the_units_demanded_under_backorders() {
    // Whatever the policy, with backorders every unit demanded is eventually bought; the net
    // purchase line (orders + the position at the window's start − at its end) is exactly
    // unit cost × demand in each replication, so buffers never look dearer for stock they
    // merely hold at the end.
    let s = scenario(ScenarioInput { n_replications: 30.0, ..Default::default() });
    let mut draws = Draws::default();
    let mut scratch = vec![0.0; s.settings().horizon_days() as usize];
    let warm_up = s.item().warm_up_days() as usize;
    let policies = [
        Policy::jit(s.item()),
        s.item().policy(PolicyKind::Jic).unwrap().policy,
        Policy::make_to_order(s.item()),
    ];
    for policy in policies {
        for replication in 0..30 {
            draws.fill(s.item(), s.settings(), replication);
            let m = run_policy(s.item(), s.settings(), &policy, &draws, &mut scratch);
            let demanded: f64 = draws.demand[warm_up..].iter().sum();
            let per_year = 365.0 / f64::from(s.settings().horizon_days() - warm_up as u32);
            let expected = demanded * s.item().unit_cost() * per_year;
            assert!(
                (m.purchase_cost_per_year - expected).abs() < 1e-6 * expected,
                "{:?} replication {replication}: {} vs {expected}",
                policy.kind,
                m.purchase_cost_per_year
            );
        }
    }
}

/// JIC sized for a service target reaches it. With normal demand far from zero and a fixed
/// lead time the normal formulas behind the sizing are exact for daily base-stock (a day is
/// short by (D_{L+1} − S)⁺ − (D_L − S)⁺ units), so the simulation must agree within its
/// standard error. (With random lead times they are an approximation, not checked here.)
#[test]
fn service_targets_are_met() {
    use jitjic::core::policy::ServiceTarget;
    let s = scenario(ScenarioInput {
        mean_demand_per_day: 100.0,
        demand_sd_per_day: 10.0,
        lead_time_days: 7.0,
        n_replications: 2_000.0,
        seed: 31.0,
        ..Default::default()
    });
    for (target, value) in [
        (ServiceTarget::CycleServiceLevel(0.9), 0.9),
        (ServiceTarget::CycleServiceLevel(0.99), 0.99),
        (ServiceTarget::FillRate(0.98), 0.98),
        (ServiceTarget::FillRate(0.995), 0.995),
    ] {
        let policy = Policy::service_target(s.item(), target).unwrap();
        let r = &jitjic::core::simulate_policies(s.item(), s.settings(), &[policy.into()])[0];
        let achieved = match target {
            ServiceTarget::CycleServiceLevel(_) => r.cycle_service_level,
            ServiceTarget::FillRate(_) => r.fill_rate,
        };
        assert_within_se(achieved, value, 3.0, &format!("{target:?}"));
    }
    assert!(Policy::service_target(s.item(), ServiceTarget::FillRate(1.0)).is_err());
}

/// The P10–P90 band of stock on hand against theory: under daily base-stock, evening stock
/// is (S − D_{L+1})⁺ with D_{L+1} ~ N(μ(L+1), σ²(L+1)), so for JIT (S = μ(L+1)) P10 is 0
/// (half the evenings are empty) and P90 = σ√(L+1)·Φ⁻¹(0.9). Averaged over the sampled days
/// after the warm-up, the band must match to within a histogram bin plus sampling noise.
#[test]
fn on_hand_band_matches_theory() {
    use jitjic::core::closed_form::normal_quantile;
    let s = scenario(ScenarioInput {
        mean_demand_per_day: 100.0,
        demand_sd_per_day: 10.0,
        lead_time_days: 7.0,
        n_replications: 2_000.0,
        seed: 8.0,
        ..Default::default()
    });
    let c = simulate(&s);
    let jit = c.policy(PolicyKind::Jit).unwrap();
    let steady: Vec<_> = jit.on_hand_band.iter().filter(|b| b.day >= 20).collect();
    assert!(steady.len() > 100);
    let mean = |f: fn(&&jitjic::core::trajectory::BandPoint) -> f64| {
        steady.iter().map(f).sum::<f64>() / steady.len() as f64
    };
    let bin = jit.policy.order_up_to() / jitjic::core::trajectory::BINS as f64;
    let p90 = 10.0 * 8f64.sqrt() * normal_quantile(0.9);
    assert!(mean(|b| b.p10).abs() <= bin, "P10 {}", mean(|b| b.p10));
    assert!((mean(|b| b.p90) - p90).abs() <= bin + 1.0, "P90 {} vs {p90}", mean(|b| b.p90));
}

#[test]
fn an_items_review_period_sizes_jit_and_the_warm_up() {
    // Reviewed weekly, JIT must cover the protection period L + R = 12 days: S = 240, the
    // warm-up is 12 days, and with constant demand the week's order lands as stock reaches 0
    // (evenings 120, 100, …, 0; average 60). The measured days (12 … 361) are 50 weeks.
    let s = scenario(ScenarioInput {
        demand_sd_per_day: 0.0,
        lead_time_days: 5.0,
        horizon_days: 12.0 + 7.0 * 50.0,
        ..Default::default()
    })
    .with_review_period(7)
    .unwrap();
    assert_eq!(s.item().warm_up_days(), 12);
    let c = simulate(&s);
    let jit = c.policy(PolicyKind::Jit).unwrap();
    assert_eq!(jit.policy.order_up_to(), 240.0);
    assert_eq!(jit.policy.review_period_days, 7);
    assert_eq!(jit.fill_rate.mean(), 1.0);
    assert!((jit.avg_on_hand.mean() - 60.0).abs() < 1e-9, "{:?}", jit.avg_on_hand);
    assert!((jit.orders_per_year.mean() - 365.0 / 7.0).abs() < 1e-9);
    // JIC adds its 5 days × 20 on top, reviewed weekly as well.
    let jic = c.policy(PolicyKind::Jic).unwrap();
    assert_eq!(jic.policy.order_up_to(), 340.0);
    assert!((jic.avg_on_hand.mean() - 160.0).abs() < 1e-9, "{:?}", jic.avg_on_hand);
}

#[test]
fn a_given_initial_stock_is_used_up_before_the_first_order() {
    // 500 on hand on day 0 with JIT's S = 120: no order while the position stays at or above
    // 120, so the shelf runs 480, 460, … and the first order goes out on the evening of day
    // 19 (position 100).
    let s = constant_demand().with_initial_on_hand(500.0).unwrap();
    let jit = Policy::jit(s.item());
    let mut draws = Draws::default();
    draws.fill(s.item(), s.settings(), 0);
    let mut path = vec![0.0; s.settings().horizon_days() as usize];
    let m = run_policy(s.item(), s.settings(), &jit, &draws, &mut path);
    for (t, &on_hand) in path.iter().enumerate().take(25) {
        assert_eq!(on_hand, 480.0 - 20.0 * t as f64, "day {t}");
    }
    assert_eq!(m.flows.start_on_hand, 500.0);
    // The first order (day 19, lead time 5) lands on day 25: 20 units for day 25's demand.
    assert_eq!(path[25], 0.0);
    assert_eq!(m.fill_rate, 1.0);
}

#[test]
fn turns_value_and_horizon_totals_follow_from_the_books() {
    // Constant demand, JIC holds exactly 100 units at $10: $1,000 tied up; 7,300 units a year
    // shipped over 100 on hand is 73 turns. JIT holds nothing: no turns to speak of.
    let c = simulate(&constant_demand());
    let jic = c.policy(PolicyKind::Jic).unwrap();
    assert_eq!(jic.avg_inventory_value.mean(), 1_000.0);
    assert_eq!(jic.peak_inventory_value.mean(), 1_000.0);
    assert!((jic.turns.ratio().unwrap() - 73.0).abs() < 1e-9, "{:?}", jic.turns.ratio());
    assert_eq!(jic.turns.se(), Some(0.0));
    assert_eq!(c.policy(PolicyKind::Jit).unwrap().turns.ratio(), None);
    // 54 measured days of the $250 a year of holding: $250 × 54/365.
    assert_eq!(c.measured_days(), 54);
    let holding = jic.over_horizon(&jic.holding_cost_per_year).mean();
    assert!((holding - 250.0 * 54.0 / 365.0).abs() < 1e-9, "{holding}");
}

#[test]
fn service_targets_are_met_under_weekly_review() {
    // Reviewed every 7 days, the level must cover L + R = 14 days of demand; the formulas
    // use the item's review period, and the simulation must reach what they promise.
    use jitjic::core::policy::ServiceTarget;
    let s = scenario(ScenarioInput {
        mean_demand_per_day: 100.0,
        demand_sd_per_day: 10.0,
        lead_time_days: 7.0,
        horizon_days: 7.0 * 60.0,
        n_replications: 2_000.0,
        seed: 77.0,
        ..Default::default()
    })
    .with_review_period(7)
    .unwrap();
    for (target, value) in
        [(ServiceTarget::CycleServiceLevel(0.9), 0.9), (ServiceTarget::FillRate(0.99), 0.99)]
    {
        let policy = Policy::service_target(s.item(), target).unwrap();
        assert_eq!(policy.review_period_days, 7);
        let r = &jitjic::core::simulate_policies(s.item(), s.settings(), &[policy.into()])[0];
        let achieved = match target {
            ServiceTarget::CycleServiceLevel(_) => r.cycle_service_level,
            ServiceTarget::FillRate(_) => r.fill_rate,
        };
        assert_within_se(achieved, value, 3.0, &format!("weekly {target:?}"));
    }
}

#[test]
fn a_described_scenario_beyond_the_maxima_is_refused_not_run() {
    // The core checks the limits itself, so a description built in code (not through the
    // form or a file) cannot ask for a horizon or a run count it would choke on.
    use jitjic::core::scenario::Part;
    let spec = constant_demand().spec().clone();
    let with = |horizon_days: u32, n_replications: u32| {
        let mut s = spec.clone();
        s.settings.horizon_days = horizon_days;
        s.settings.n_replications = n_replications;
        Scenario::new(s).map(|_| ()).map_err(|e| e.part)
    };
    assert_eq!(with(60, 3), Ok(()));
    assert_eq!(with(4_000_000_000, 3), Err(Part::Horizon));
    assert_eq!(with(0, 3), Err(Part::Horizon));
    assert_eq!(with(60, 0), Err(Part::Replications));
    assert_eq!(with(60, 10_001), Err(Part::Replications));
}

#[test]
fn every_policy_reports_its_buffer_above_the_jit_level() {
    // Demand 20 a day, lead time 7, daily review: JIT's level is 20 × (7 + 1) = 160.
    let s = jitjic::share::parse_scenario(
        r#"{ "version": 4, "settings": { "replications": 2 },
          "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 0 },
            "lead_time": { "distribution": "fixed", "days": 7 },
            "policies": [ { "policy": "base_stock", "order_up_to": 960 },
                          { "policy": "s_S", "reorder_point": 180, "order_up_to": 400 },
                          { "policy": "R_s_S", "review_period_days": 7, "reorder_point": 300, "order_up_to": 500 },
                          { "policy": "r_Q", "reorder_point": 100, "quantity": 50 },
                          { "policy": "R_S", "review_period_days": 7, "order_up_to": 300 },
                          { "policy": "make_to_order" } ] } ] }"#,
    )
    .unwrap();
    let buffers: Vec<f64> = s.item().policies().iter().map(|p| p.policy.buffer_days).collect();
    // Order-up-to: (S − 20·(7 + R)) ÷ 20; reorder points: (s − 20·7) ÷ 20 reviewed daily,
    // (s − 20·(7 + R)) ÷ 20 every R > 1 days; make-to-order holds 160 units below JIT.
    assert_eq!(buffers, [40.0, 2.0, 1.0, -2.0, 1.0, -8.0]);
    let units: Vec<f64> = s.item().policies().iter().map(|p| p.policy.buffer_units).collect();
    assert_eq!(units, [800.0, 40.0, 20.0, -40.0, 20.0, -160.0]);
}

#[test]
fn keeping_stock_over_time_or_not_gives_the_same_metrics_bit_for_bit() {
    use jitjic::core::sim::{simulate_run, Keep};
    // A supplier that fails (its down days are kept with the trajectory), a demand shape and
    // a service target: the cases where keeping more could have touched the metrics.
    let s = jitjic::share::parse_scenario(
        r#"{ "version": 2, "settings": { "replications": 300, "seed": 5 },
          "suppliers": [ { "name": "S", "random_outages": { "mean_up_days": 40, "mean_down_days": 3 } } ],
          "items": [ { "supplier": "S",
            "demand": { "distribution": "gamma", "mean": 12, "sd": 5 },
            "demand_shape": { "weekly": [1, 1, 1, 1, 1.3, 0.8, 0.6] },
            "lead_time": { "distribution": "uniform", "min": 2, "max": 6 },
            "policies": [ { "policy": "jit" }, { "policy": "jic", "buffer_days": 3 },
                          { "policy": "jic", "fill_rate": 0.97 } ] } ] }"#,
    )
    .unwrap();
    let (item, settings) = (s.item(), s.settings());
    let (charted, down) = simulate_run(item, settings, item.sized_policies(), Keep::Trajectories);
    let (plain, no_down) = simulate_run(item, settings, item.sized_policies(), Keep::Metrics);
    assert!(!down.is_empty() && no_down.is_empty());
    assert!(charted.iter().all(|p| p.mean_on_hand_by_day.len() == 365));
    for (mut a, b) in charted.into_iter().zip(plain) {
        assert!(b.mean_on_hand_by_day.is_empty() && b.on_hand_band.is_empty());
        a.mean_on_hand_by_day.clear();
        a.on_hand_band.clear();
        assert_eq!(a, b);
    }
}
