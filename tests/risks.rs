//! The risks against theory and hand counts: supplier outages (the up/down chain's own
//! statistics, a closed form for the cost of a base-stock level under random outages,
//! scheduled outages against the buffer that covers them, items sharing a supplier's days),
//! supply yield, the demand shape (known patterns planned for, seasonal months, shock rates),
//! perishable lots (FIFO against LIFO), obsolescence, and adaptive buffers (re-estimation
//! against the closed-form safety stock, a buffer per month). Seeded; tolerances in standard
//! errors.

mod common;
use common::assert_within_se;
use jitjic::core::closed_form::base_stock_under_outages;
use jitjic::core::sim::{run_policy, Draws};
use jitjic::core::stats::{MeanSe, RatioSe};
use jitjic::core::supply::{RandomOutages, SupplierSpec};
use jitjic::core::{simulate_all, PolicyKind, Scenario};
use jitjic::share::parse_scenario;

#[test]
fn the_outage_chain_has_the_down_share_and_spell_length_it_was_given() {
    for (up, down) in [(20.0, 4.0), (200.0, 10.0), (3.0, 1.5)] {
        let supplier = SupplierSpec {
            name: "S".into(),
            random: Some(RandomOutages { mean_up_days: up, mean_down_days: down }),
            scheduled: vec![],
            payment_terms: None,
        }
        .resolve(0)
        .unwrap();
        let (mut share, mut spell) = (MeanSe::default(), RatioSe::default());
        let mut days = Vec::new();
        for replication in 0..400 {
            supplier.fill_down(11, replication, 2_000, &mut days);
            let down_days = days.iter().filter(|&&d| d).count() as f64;
            // A spell starts on a down day that follows an up day (or opens the horizon).
            let spells =
                days.iter().enumerate().filter(|&(t, &d)| d && (t == 0 || !days[t - 1])).count()
                    as f64;
            share.push(down_days / days.len() as f64);
            spell.push(down_days, spells);
        }
        assert_within_se(share, down / (up + down), 3.0, &format!("down share {up}/{down}"));
        // Spells cut by the horizon's ends are a little shorter: allow for the two per run.
        let (ratio, se) = (spell.ratio().unwrap(), spell.se().unwrap());
        assert!(
            (ratio - down).abs() < 3.0 * se + down * 2.0 / (2_000.0 / (up + down)),
            "mean spell {up}/{down}: {ratio} ± {se}"
        );
    }
}

/// Base-stock under random outages with lead time 0 against the closed form derived in
/// `closed_form::base_stock_under_outages`, at four levels including JIT's and JIC's.
#[test]
fn base_stock_under_random_outages_costs_what_the_closed_form_says() {
    let json = r#"{
      "version": 2,
      "settings": { "horizon_days": 3650, "warm_up_days": 100, "replications": 200, "seed": 5 },
      "suppliers": [ { "name": "Flaky", "random_outages": { "mean_up_days": 20, "mean_down_days": 4 } } ],
      "items": [ {
        "supplier": "Flaky",
        "demand": { "distribution": "normal", "mean": 10, "sd": 0 },
        "lead_time": { "distribution": "fixed", "days": 0 },
        "costs": { "unit_cost": 10, "holding_rate_pct_per_year": 25, "storage_per_unit_day": 0,
                   "order_cost": 0, "backorder_per_unit_day": 1 },
        "policies": [
          { "policy": "jit" },
          { "policy": "jic", "buffer_days": 2 },
          { "policy": "jic", "buffer_days": 6 },
          { "policy": "base_stock", "order_up_to": 45 }
        ]
      } ]
    }"#;
    let s = parse_scenario(json).unwrap();
    let c = &simulate_all(&s)[0];
    let h = 10.0 * 0.25 / 365.0;
    for (p, level) in c.policies.iter().zip([10.0, 30.0, 70.0, 45.0]) {
        assert_eq!(p.policy.order_up_to(), level);
        let (cost, stockout) = base_stock_under_outages(level, 10.0, 20.0, 4.0, h, 1.0);
        let per_day = p.operating_cost_per_year.scaled(1.0 / 365.0);
        assert_within_se(per_day, cost, 3.0, &format!("{} cost per day", p.name));
        let stockout_share = p.stockout_days_per_year.scaled(1.0 / 365.0);
        if stockout > 0.0 {
            assert_within_se(stockout_share, stockout, 3.0, &format!("{} stockout days", p.name));
        }
        // Every policy sees the same outages.
        assert_eq!(p.supplier_down_days_per_year, c.policies[0].supplier_down_days_per_year);
    }
    assert_within_se(c.policies[0].supplier_down_days_per_year, 365.0 * 4.0 / 24.0, 3.0, "down");
    // The page's day-by-day share of runs with the supplier down is the same draws: over the
    // measured days it averages to the down days per year the policies counted.
    let measured = &c.supplier_down_share_by_day[c.warm_up_days as usize..];
    let per_year = measured.iter().sum::<f64>() / measured.len() as f64 * 365.0;
    let counted = c.policies[0].supplier_down_days_per_year.mean();
    assert!((per_year - counted).abs() < 1e-9 * counted, "{per_year} vs {counted}");
}

/// One item, demand 20 a day exactly, lead time 5, JIT or JIC with a 5-day buffer, its
/// supplier down from day 100 for `days` days.
fn scheduled(days: u32) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 2,
          "settings": {{ "horizon_days": 300, "replications": 2 }},
          "suppliers": [ {{ "name": "Port", "scheduled_outages": [ {{ "start_day": 100, "days": {days} }} ] }} ],
          "items": [ {{ "supplier": "Port",
            "demand": {{ "distribution": "normal", "mean": 20, "sd": 0 }},
            "lead_time": {{ "distribution": "fixed", "days": 5 }},
            "policies": [ {{ "policy": "jit" }}, {{ "policy": "jic", "buffer_days": 5 }} ] }} ] }}"#
    ))
    .unwrap()
}

#[test]
fn a_scheduled_outage_costs_the_days_the_buffer_does_not_cover() {
    // Orders placed from the evening of day 99 wait until day 100 + D; the first lands on
    // day 100 + D + 5, while the pipeline (orders from days 94 … 98) covers through day 104
    // and the stock after it lasts `buffer` days more. JIT (no buffer) is short on days
    // 105 … 104 + D; JIC with 5 days of buffer only when D > 5, for D − 5 days.
    let per_year = |days: f64| days * 365.0 / (300.0 - 6.0);
    for (outage, jit_short, jic_short) in [(3, 3.0, 0.0), (5, 5.0, 0.0), (12, 12.0, 7.0)] {
        let c = &simulate_all(&scheduled(outage))[0];
        let (jit, jic) = (c.policy(PolicyKind::Jit).unwrap(), c.policy(PolicyKind::Jic).unwrap());
        assert!(
            (jit.stockout_days_per_year.mean() - per_year(jit_short)).abs() < 1e-9,
            "JIT, {outage}-day outage: {:?}",
            jit.stockout_days_per_year
        );
        assert!(
            (jic.stockout_days_per_year.mean() - per_year(jic_short)).abs() < 1e-9,
            "JIC, {outage}-day outage: {:?}",
            jic.stockout_days_per_year
        );
        assert!(
            (jit.supplier_down_days_per_year.mean() - per_year(f64::from(outage))).abs() < 1e-9
        );
    }
    // The 12-day outage (days 100 … 111), for the page to shade: JIT is short on days
    // 105 … 116, 7 of them inside the window and 5 in the 6 days after it (max lead + 1);
    // JIC on days 110 … 116: 2 inside, 5 after.
    let c = &simulate_all(&scheduled(12))[0];
    assert_eq!(c.windows.len(), 1);
    assert_eq!((c.windows[0].window.start_day, c.windows[0].window.days), (100, 12));
    for (p, inside, after) in [(&c.policies[0], 7.0, 5.0), (&c.policies[1], 2.0, 5.0)] {
        let w = p.window_stockout_days[0];
        assert_eq!((w.inside.mean(), w.after.mean()), (inside, after), "{}", p.name);
    }
}

#[test]
fn items_on_one_supplier_run_out_on_the_same_days() {
    // Two items with different demand, both lean, on one flaky supplier; a third on its own
    // supplier with the same numbers. The first two are short on the same days (their shared
    // outages), the third on other days.
    let item = |supplier: &str, mean: u32| {
        format!(
            r#"{{ "supplier": "{supplier}",
                 "demand": {{ "distribution": "normal", "mean": {mean}, "sd": 0 }},
                 "lead_time": {{ "distribution": "fixed", "days": 2 }},
                 "policies": [ {{ "policy": "jit" }} ] }}"#
        )
    };
    let json = format!(
        r#"{{ "version": 2, "settings": {{ "horizon_days": 400, "replications": 1, "seed": 3 }},
             "suppliers": [
               {{ "name": "A", "random_outages": {{ "mean_up_days": 15, "mean_down_days": 3 }} }},
               {{ "name": "B", "random_outages": {{ "mean_up_days": 15, "mean_down_days": 3 }} }} ],
             "items": [ {}, {}, {} ] }}"#,
        item("A", 20),
        item("A", 7),
        item("B", 20)
    );
    let s = parse_scenario(&json).unwrap();
    let short_days = |i: usize| {
        let item = &s.items()[i];
        let mut draws = Draws::default();
        draws.fill(item, s.settings(), 0);
        let policy = item.policies()[0].policy;
        // A day is short when the evening's stock is 0 and the lean item had demand to meet:
        // with constant demand and JIT, exactly the days stock ran out.
        let mut path = vec![0.0; 400];
        let m = run_policy(item, s.settings(), &policy, &draws, &mut path);
        assert!(m.stockout_days_per_year > 0.0, "item {i} never ran out");
        draws.supplier_down.clone()
    };
    let (a1, a2, b) = (short_days(0), short_days(1), short_days(2));
    assert_eq!(a1, a2, "items on one supplier see the same days down");
    assert_ne!(a1, b, "another supplier has other days");
    let c = simulate_all(&s);
    let stockouts = |i: usize| c[i].policies[0].stockout_days_per_year.mean();
    // Same outages, same lead time, no buffer: the same stockout days whatever the demand.
    assert_eq!(stockouts(0), stockouts(1));
    assert_ne!(stockouts(0), stockouts(2));
}

/// One item, demand 20 a day exactly, lead time 5, with the given supply yield (JSON).
fn with_yield(supply_yield: &str, replications: u32) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 2, "settings": {{ "horizon_days": 400, "replications": {replications}, "seed": 9 }},
          "items": [ {{ "supply_yield": {supply_yield},
            "demand": {{ "distribution": "normal", "mean": 20, "sd": 0 }},
            "lead_time": {{ "distribution": "fixed", "days": 5 }},
            "costs": {{ "unit_cost": 10 }},
            "policies": [ {{ "policy": "jit" }}, {{ "policy": "jic", "buffer_days": 3 }} ] }} ] }}"#
    ))
    .unwrap()
}

#[test]
fn a_known_yield_is_planned_for() {
    // 80 % arrives usable: JIT orders 25 a day to get 20, counts them as 20 on order, and so
    // ends every day empty without a shortage, paying for the 20 that arrive.
    let c = &simulate_all(&with_yield(r#"{ "distribution": "fixed", "share": 0.8 }"#, 2))[0];
    let jit = c.policy(PolicyKind::Jit).unwrap();
    assert_eq!(jit.fill_rate.mean(), 1.0);
    assert_eq!(jit.avg_on_hand.mean(), 0.0);
    assert!((jit.purchase_cost_per_year.mean() - 20.0 * 10.0 * 365.0).abs() < 1e-6);
    assert!((jit.orders_per_year.mean() - 365.0).abs() < 1e-9);
}

#[test]
fn random_yields_have_their_mean_and_spread_and_cost_the_lean_policy() {
    use jitjic::core::supply::Yield;
    use rand::SeedableRng;
    for (y, mean, sd) in [
        (Yield::Uniform { min: 0.6, max: 1.0 }, 0.8, 0.4 / 12f64.sqrt()),
        (Yield::Beta { mean: 0.9, sd: 0.05 }, 0.9, 0.05),
    ] {
        let sampler = y.sampler().unwrap();
        let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(4);
        let mut draws = Vec::new();
        sampler.fill(&mut rng, 20_000, &mut draws);
        let (mut m, mut v) = (MeanSe::default(), MeanSe::default());
        draws.iter().for_each(|&x| {
            m.push(x);
            v.push((x - mean) * (x - mean));
        });
        assert_within_se(m, mean, 3.0, &format!("{y:?} mean"));
        assert_within_se(v, sd * sd, 3.0, &format!("{y:?} variance"));
        assert!(draws.iter().all(|&x| x > 0.0 && x <= 1.0));
    }
    // Planned on the mean, a random yield leaves the lean policy short about half the days
    // its deliveries come in under the mean; a 3-day buffer absorbs most of it.
    let c =
        &simulate_all(&with_yield(r#"{ "distribution": "uniform", "min": 0.6, "max": 1.0 }"#, 50))
            [0];
    let (jit, jic) = (c.policy(PolicyKind::Jit).unwrap(), c.policy(PolicyKind::Jic).unwrap());
    assert!(jit.fill_rate.mean() < 0.95, "{:?}", jit.fill_rate);
    assert!(jic.fill_rate.mean() > jit.fill_rate.mean() + 5.0 * jic.fill_rate.se());
}

/// One item whose demand has the given shape (JSON), reviewed daily, lead time 5.
fn shaped(shape: &str, demand: &str, replications: u32, horizon: u32) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 2, "settings": {{ "horizon_days": {horizon}, "replications": {replications}, "seed": 21 }},
          "items": [ {{ "demand_shape": {shape}, "demand": {demand},
            "lead_time": {{ "distribution": "fixed", "days": 5 }},
            "policies": [ {{ "policy": "jit" }}, {{ "policy": "jic", "buffer_days": 2 }} ] }} ] }}"#
    ))
    .unwrap()
}

#[test]
fn known_patterns_are_planned_for_by_jit() {
    // Deterministic demand with a weekly pattern and a known promotion: JIT's levels are set
    // per weekday in each period, and day by day while the forecast ramps into and out of
    // the promotion (core::plan), so they are the expected demand of the next L + 1 days
    // exactly: JIT still ends every day with nothing left and nobody waiting, JIC with its
    // buffer.
    let s = shaped(
        r#"{ "weekly": [1.2, 1, 1, 1, 1.3, 0.5, 0],
             "scheduled_shocks": [ { "start_day": 150, "days": 10, "multiplier": 3 } ] }"#,
        r#"{ "distribution": "normal", "mean": 20, "sd": 0 }"#,
        1,
        400,
    );
    let c = &simulate_all(&s)[0];
    let jit = c.policy(PolicyKind::Jit).unwrap();
    assert_eq!(jit.stockout_days_per_year.mean(), 0.0);
    assert!(jit.avg_on_hand.mean().abs() < 1e-6, "{:?}", jit.avg_on_hand);
    let jic = c.policy(PolicyKind::Jic).unwrap();
    assert_eq!(jic.stockout_days_per_year.mean(), 0.0);
    // Its 40 units of buffer move with the forecast too (more during the promotion).
    assert!((40.0..50.0).contains(&jic.avg_on_hand.mean()), "{:?}", jic.avg_on_hand);
}

#[test]
fn a_season_and_a_trend_are_planned_month_by_month() {
    // A 40 % season and a 10 % trend move the forecast within a month by up to about a
    // tenth: a level per month (the month's mean forecast, as an ERP holds it) leaves JIT
    // short on the days the forecast runs above its month's mean — and the customers then
    // wait into the next days — while a 2-day buffer covers it.
    let s = shaped(
        r#"{ "weekly": [1.2, 1, 1, 1, 1.3, 0.5, 0], "seasonality": { "amplitude_pct": 40, "peak_day": 200 },
             "trend_pct_per_year": 10 }"#,
        r#"{ "distribution": "normal", "mean": 20, "sd": 0 }"#,
        1,
        400,
    );
    let c = &simulate_all(&s)[0];
    let jit = c.policy(PolicyKind::Jit).unwrap();
    assert!((0.85..0.99).contains(&jit.fill_rate.mean()), "{:?}", jit.fill_rate);
    let jic = c.policy(PolicyKind::Jic).unwrap();
    assert_eq!(jic.stockout_days_per_year.mean(), 0.0);
    // Twelfths of a 365-day year over 400 days: 14 periods, each with 7 weekday levels.
    let phasing = s.item().phasing().unwrap();
    assert_eq!(phasing.period_starts().len(), 14);
    assert!(phasing.weekly());
}

#[test]
fn seasonal_demand_follows_its_profile_month_by_month() {
    // Monthly (30-day) means of simulated demand against E[d] × the mean multiplier of those
    // days; twelve comparisons, so 3.5 standard errors each.
    let s = shaped(
        r#"{ "seasonality": { "amplitude_pct": 40, "peak_day": 180 } }"#,
        r#"{ "distribution": "normal", "mean": 100, "sd": 15 }"#,
        1,
        360,
    );
    let item = s.item();
    let known = item.known_multiplier().unwrap();
    let mut draws = Draws::default();
    let mut months = vec![MeanSe::default(); 12];
    for replication in 0..300 {
        draws.fill(item, s.settings(), replication);
        for (m, month) in months.iter_mut().enumerate() {
            month.push(draws.demand[m * 30..(m + 1) * 30].iter().sum::<f64>() / 30.0);
        }
    }
    for (m, month) in months.into_iter().enumerate() {
        let expected = 100.0 * known[m * 30..(m + 1) * 30].iter().sum::<f64>() / 30.0;
        assert_within_se(month, expected, 3.5, &format!("month {m}"));
    }
}

#[test]
fn random_shocks_start_at_their_rate_and_multiply_demand() {
    use jitjic::core::demand_shape::{DemandShape, RandomShocks};
    let shape = DemandShape {
        random_shocks: Some(RandomShocks { rate_per_year: 6.0, multiplier: 2.5, mean_days: 4.0 }),
        ..DemandShape::default()
    };
    let (mut rate, mut shocked) = (MeanSe::default(), MeanSe::default());
    let mut days = Vec::new();
    for replication in 0..500 {
        let starts = shape.fill_random_shocks(8, 0, replication, 730, 365.0, &mut days);
        rate.push(f64::from(starts) / 2.0);
        shocked.push(days.iter().filter(|&&m| m == 2.5).count() as f64 / 730.0);
        assert!(days.iter().all(|&m| m == 1.0 || m == 2.5));
    }
    assert_within_se(rate, 6.0, 3.0, "shocks per year");
    // A day is shocked when a shock started on it or on one of the days before and is still
    // running: 1 − Π_k (1 − p·(1 − q)^k) over k ≥ 0, with p = 6/365 and q = 1/4.
    let (p, q) = (6.0 / 365.0, 0.25);
    let calm: f64 = (0..2_000).map(|k| 1.0 - p * (1.0f64 - q).powi(k)).product();
    assert_within_se(shocked, 1.0 - calm, 3.0, "share of shocked days");
}

/// Demand 10 a day exactly, lead time 0, base-stock S = 50, shelf life 3 days, issued FIFO or
/// LIFO; `horizon` days, disposal $2 a unit.
fn perishable(
    issuing: &str,
    shelf_life: u32,
    demand: &str,
    replications: u32,
    horizon: u32,
) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 2, "settings": {{ "horizon_days": {horizon}, "replications": {replications}, "seed": 13 }},
          "items": [ {{ "perishability": {{ "shelf_life_days": {shelf_life}, "issuing": "{issuing}" }},
            "demand": {demand},
            "lead_time": {{ "distribution": "fixed", "days": 0 }},
            "costs": {{ "disposal_per_unit": 2 }},
            "policies": [ {{ "policy": "base_stock", "order_up_to": 50 }} ] }} ] }}"#
    ))
    .unwrap()
}

#[test]
fn stock_kept_past_its_shelf_life_expires_as_counted_by_hand() {
    // S = 50 is more than three days of demand (30), so stock outlives its shelf life. By
    // hand: day 0 starts with one lot of 50 (good through day 2); each evening 10 are
    // reordered and land the next morning. FIFO sells the old lot down to 20, which expire
    // on day 3; the 30 reordered then land as one lot that is 20 too many three days later:
    // a 4-day cycle writing off 20 units (5 a day). LIFO sells each morning's fresh 10 and
    // leaves the 40 of the old lot to die on day 3; then 50 are reordered at once and the
    // same happens every 4 days: 40 written off (10 a day). Nobody waits either way. The
    // measured days (1 … 400) are whole cycles.
    let constant = r#"{ "distribution": "normal", "mean": 10, "sd": 0 }"#;
    for (issuing, per_day) in [("fifo", 5.0), ("lifo", 10.0)] {
        let c = &simulate_all(&perishable(issuing, 3, constant, 1, 401))[0];
        let p = &c.policies[0];
        assert!(
            (p.expired_units_per_year.mean() - per_day * 365.0).abs() < 1e-9,
            "{issuing}: {:?}",
            p.expired_units_per_year
        );
        assert!((p.expiry_cost_per_year.mean() - 2.0 * per_day * 365.0).abs() < 1e-9);
        assert_eq!(p.fill_rate.mean(), 1.0, "{issuing}");
        // What expires is bought again: purchases are what was sold plus what expired.
        let bought = p.purchase_cost_per_year.mean() / 40.0;
        assert!((bought - (10.0 + per_day) * 365.0).abs() < 1e-6, "{issuing}: bought {bought}");
    }
    // A shelf life longer than the stock lasts: nothing expires.
    let c = &simulate_all(&perishable("fifo", 6, constant, 1, 401))[0];
    assert_eq!(c.policies[0].expired_units_per_year.mean(), 0.0);
}

#[test]
fn fifo_never_expires_more_than_lifo_on_the_same_days() {
    let noisy = r#"{ "distribution": "gamma", "mean": 10, "sd": 6 }"#;
    let (fifo, lifo) = (perishable("fifo", 4, noisy, 1, 300), perishable("lifo", 4, noisy, 1, 300));
    let mut draws = Draws::default();
    let mut path = vec![0.0; 300];
    let mut any = false;
    for replication in 0..200 {
        draws.fill(fifo.item(), fifo.settings(), replication);
        let policy = fifo.item().policies()[0].policy;
        let f = run_policy(fifo.item(), fifo.settings(), &policy, &draws, &mut path);
        let l = run_policy(lifo.item(), lifo.settings(), &policy, &draws, &mut path);
        assert!(
            f.expired_units_per_year <= l.expired_units_per_year + 1e-9,
            "replication {replication}"
        );
        any |= f.expired_units_per_year > 0.0;
        for m in [f, l] {
            let b = m.flows;
            let balance = b.start_on_hand + b.received - b.shipped - b.expired - b.end_on_hand;
            assert!(balance.abs() < 1e-6, "stock balance {b:?}");
        }
    }
    assert!(any, "nothing ever expired: the test would prove nothing");
}

/// Demand 20 a day exactly, lead time 5, JIT and JIC with 5 days of buffer, a yearly chance
/// `p` the item stops selling; disposal $3 and salvage $1 a unit.
fn dying(p: f64, replications: u32) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 2, "settings": {{ "horizon_days": 730, "replications": {replications}, "seed": 17 }},
          "items": [ {{ "obsolescence": {{ "probability_per_year": {p}, "salvage_per_unit": 1 }},
            "demand": {{ "distribution": "normal", "mean": 20, "sd": 0 }},
            "lead_time": {{ "distribution": "fixed", "days": 5 }},
            "costs": {{ "disposal_per_unit": 3 }},
            "policies": [ {{ "policy": "jit" }}, {{ "policy": "jic", "buffer_days": 5 }} ] }} ] }}"#
    ))
    .unwrap()
}

#[test]
fn an_item_dies_at_its_yearly_rate_and_its_stock_is_written_off() {
    let s = dying(0.3, 1);
    let mut draws = Draws::default();
    let mut within_a_year = MeanSe::default();
    for replication in 0..4_000 {
        draws.fill(s.item(), s.settings(), replication);
        within_a_year.push(if draws.death_day.is_some_and(|d| d < 365) { 1.0 } else { 0.0 });
    }
    assert_within_se(within_a_year, 0.3, 3.0, "dead within a year");

    // On the morning it dies, JIT has the day's delivery of 20 on the shelf and five more
    // orders of 20 in transit; JIC has its 100-unit buffer on top. All of it is written off
    // at $3 − $1 a unit: 120 units for JIT, 220 for JIC, whenever the death falls in the
    // measured days. Nobody demands it after.
    let (jit, jic) = (s.item().policies()[0].policy, s.item().policies()[1].policy);
    let mut path = vec![0.0; 730];
    let measured = f64::from(730 - s.item().warm_up_days());
    let mut deaths = 0;
    for replication in 0..200 {
        draws.fill(s.item(), s.settings(), replication);
        let Some(day) = draws.death_day.filter(|&d| d >= s.item().warm_up_days() as usize) else {
            continue;
        };
        deaths += 1;
        for (policy, units) in [(jit, 120.0), (jic, 220.0)] {
            let m = run_policy(s.item(), s.settings(), &policy, &draws, &mut path);
            let written_off = m.obsolete_units_per_year * measured / 365.0;
            assert!((written_off - units).abs() < 1e-6, "death on day {day}: {written_off}");
            let cost = m.obsolescence_cost_per_year * measured / 365.0;
            assert!((cost - 2.0 * units).abs() < 1e-6);
            assert!(path[day..].iter().all(|&x| x == 0.0));
            assert_eq!(m.fill_rate, 1.0);
        }
    }
    assert!(deaths > 50, "only {deaths} deaths: the check would prove little");
}

#[test]
fn re_estimation_converges_to_the_closed_form_buffer() {
    // Stationary demand N(20, 6) and lead times uniform on 5 … 9 (mean 7, variance 2),
    // reviewed daily: over the protection period P = 7 + 1 the closed form asks for a
    // safety stock of z₀.₉₅·√(P·σ² + μ²·σ_L²) (Silver, Pyke and Thomas §6.10, with P for L).
    // Re-sized monthly from the last 180 days it observes, the policy's level must settle on
    // μ·P plus that buffer.
    use jitjic::core::closed_form::safety_stock;
    let s = parse_scenario(
        r#"{ "version": 2, "settings": { "horizon_days": 1095, "warm_up_days": 200, "replications": 200, "seed": 23 },
          "items": [ {
            "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
            "lead_time": { "distribution": "uniform", "min": 5, "max": 9 },
            "policies": [ { "policy": "jic_reestimated", "cycle_service_level": 0.95,
                            "every_days": 30, "window_days": 180 } ] } ] }"#,
    )
    .unwrap();
    let c = &simulate_all(&s)[0];
    let p = &c.policies[0];
    let buffer = safety_stock(0.95, 20.0, 6.0, 8.0, 2f64.sqrt());
    let level = p.avg_order_up_to;
    assert_within_se(level, 20.0 * 8.0 + buffer, 3.0, "re-estimated level");
    // What that level achieves is not asserted here: with a lead time drawn per order, orders
    // overtake each other and the formula's σ_L term over-protects (about 98 % of cycles here
    // for a 95 % target). The simulation reports it; the formula is what is being learned.
    assert!(p.cycle_service_level.mean() >= 0.95);
}

#[test]
fn a_monthly_buffer_is_held_in_its_month_only() {
    // Constant demand 20, lead time 5: JIC holds exactly its buffer each evening. Ten days
    // of buffer in the seventh twelfth of the year (days 182.5 … 212.9), none otherwise.
    let mut months = [0.0; 12];
    months[6] = 10.0;
    let s = parse_scenario(&format!(
        r#"{{ "version": 2, "settings": {{ "horizon_days": 365, "replications": 1 }},
          "items": [ {{ "demand": {{ "distribution": "normal", "mean": 20, "sd": 0 }},
            "lead_time": {{ "distribution": "fixed", "days": 5 }},
            "policies": [ {{ "policy": "jic_by_month", "buffer_days": {months:?} }} ] }} ] }}"#
    ))
    .unwrap();
    let item = s.item();
    let mut draws = Draws::default();
    draws.fill(item, s.settings(), 0);
    let mut path = vec![0.0; 365];
    let m = run_policy(item, s.settings(), &item.policies()[0].policy, &draws, &mut path);
    // The buffer ordered on the first review of the month lands a lead time later and is
    // used up from the first review of the next month on.
    assert_eq!(path[150], 0.0);
    assert!(path[190..212].iter().all(|&x| x == 200.0), "{:?}", &path[183..215]);
    assert!(path[230..].iter().all(|&x| x == 0.0));
    assert_eq!(m.fill_rate, 1.0);
}

#[test]
fn a_perishables_position_counts_or_leaves_out_what_expires_tomorrow() {
    // Demand 10 a day exactly, ordered each evening for the next morning (lead time 0), a
    // one-day shelf life (a lot serves only the day it lands) and base-stock S = 15.
    // Counting everything on hand: the 5 left on an evening count, so 10 are ordered; next
    // morning those 5 expire, the 10 are sold, none are left, and 15 are ordered: a 2-day
    // cycle with 5 expired and 2.5 on hand on average. Net of what expires tomorrow: every
    // evening's 5 leftovers do not count, 15 are ordered every day, 5 expire every day.
    let file = |position: &str| {
        format!(
            r#"{{ "version": 4, "settings": {{ "horizon_days": 40, "warm_up_days": 4, "replications": 1 }},
              "items": [ {{ "demand": {{ "distribution": "normal", "mean": 10, "sd": 0 }},
                "lead_time": {{ "distribution": "fixed", "days": 0 }},
                "perishability": {{ "shelf_life_days": 1 {position} }},
                "policies": [ {{ "policy": "base_stock", "order_up_to": 15 }} ] }} ] }}"#
        )
    };
    let run = |position: &str| {
        let s = parse_scenario(&file(position)).unwrap();
        simulate_all(&s)[0].policies[0].clone()
    };
    let all = run("");
    assert_eq!(all.fill_rate.mean(), 1.0);
    assert_eq!(all.avg_on_hand.mean(), 2.5);
    assert_eq!(all.expired_units_per_year.mean(), 2.5 * 365.0);
    let net = run(r#", "position": "net_of_expiring""#);
    assert_eq!(net.fill_rate.mean(), 1.0);
    assert_eq!(net.avg_on_hand.mean(), 5.0);
    assert_eq!(net.expired_units_per_year.mean(), 5.0 * 365.0);
    assert_eq!(net.units_ordered_per_year.mean(), 15.0 * 365.0);
    // A version-3 file cannot ask for it.
    let old =
        file(r#", "position": "net_of_expiring""#).replace("\"version\": 4", "\"version\": 3");
    assert!(parse_scenario(&old).is_err());
}
