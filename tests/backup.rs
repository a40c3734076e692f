//! A second source (`core::sourcing`) against theory and hand counts: the share of days no
//! source can ship is the product of the two suppliers' down shares; a backup used only
//! while the primary is down, identical to it and never failing, is single sourcing without
//! outages; a dual-index backup with the primary's lead time is base-stock; a split counted
//! by hand; nothing changes without one; bad values named; files carry it.

mod common;

use common::assert_within_se;
use jitjic::core::optimise::levers::{optimise_with_levers, LeverChoice};
use jitjic::core::optimise::{advise, Advice, Frontier, Options};
use jitjic::core::sim::{simulate, PolicyResult};
use jitjic::core::sourcing::SourcingRule;
use jitjic::core::Scenario;
use jitjic::share::parse_scenario;
use jitjic::share::plan_file::{plan_document, Planned};
use jitjic::share::scenario_file::ScenarioFile;

fn scenario(json: &str) -> Scenario {
    parse_scenario(json).unwrap_or_else(|e| panic!("{e:?}"))
}

fn first(s: &Scenario) -> PolicyResult {
    simulate(s).policies[0].clone()
}

/// Two statistics of the same days, equal but for rounding in the last bits (an order sized
/// from a running sum rather than the position's three terms).
fn same(a: jitjic::core::MeanSe, b: jitjic::core::MeanSe, what: &str) {
    let close = |x: f64, y: f64| (x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0);
    assert!(close(a.mean(), b.mean()) && close(a.se(), b.se()), "{what}: {a:?} against {b:?}");
}

/// One item, demand N(20, 6), reviewed daily; `supplier` and `backup` are its JSON (or
/// nothing), `lead` its lead time, `policy` its one policy.
fn item(settings: &str, suppliers: &str, extra: &str, lead: &str, policy: &str) -> Scenario {
    scenario(&format!(
        r#"{{ "version": 10,
          "settings": {{ {settings} }},
          "suppliers": [ {suppliers} ],
          "items": [ {{ "name": "Part",
            "demand": {{ "distribution": "normal", "mean": 20, "sd": 6 }},
            "lead_time": {lead},
            "costs": {{ "unit_cost": 10, "order_cost": 40, "holding_rate_pct_per_year": 20,
                       "storage_per_unit_day": 0, "backorder_per_unit_day": 2 }}
            {extra},
            "policies": [ {policy} ] }} ] }}"#
    ))
}

const TWO_SUPPLIERS: &str = r#"
    { "name": "Overseas", "random_outages": { "mean_up_days": 40, "mean_down_days": 10 } },
    { "name": "Nearshore", "random_outages": { "mean_up_days": 30, "mean_down_days": 6 } }"#;

#[test]
fn no_source_days_are_the_product_of_the_down_shares() {
    // Independent outages: each day both are down with probability d₁·d₂, the chains being
    // started in their stationary state (`core::supply`).
    let s = item(
        r#""horizon_days": 730, "warm_up_days": 30, "replications": 2000, "seed": 7"#,
        TWO_SUPPLIERS,
        r#", "supplier": "Overseas",
           "backup": { "supplier": "Nearshore", "lead_time": { "distribution": "fixed", "days": 2 },
                       "unit_cost": 12, "rule": "while_primary_down" }"#,
        r#"{ "distribution": "fixed", "days": 10 }"#,
        r#"{ "policy": "jic", "buffer_days": 5 }"#,
    );
    let r = first(&s);
    let (d1, d2) = (10.0 / 50.0, 6.0 / 36.0);
    assert_within_se(r.no_source_days_per_year, 365.0 * d1 * d2, 4.0, "no-source days a year");
    assert_within_se(r.supplier_down_days_per_year, 365.0 * d1, 4.0, "primary down days a year");
    // The figure is a count of the draws, not a product: the same backup on the primary's own
    // supplier is down exactly when the primary is.
    let same = item(
        r#""horizon_days": 730, "warm_up_days": 30, "replications": 250, "seed": 7"#,
        TWO_SUPPLIERS,
        r#", "supplier": "Overseas",
           "backup": { "supplier": "Overseas", "lead_time": { "distribution": "fixed", "days": 2 },
                       "unit_cost": 12, "rule": "while_primary_down" }"#,
        r#"{ "distribution": "fixed", "days": 10 }"#,
        r#"{ "policy": "jic", "buffer_days": 5 }"#,
    );
    let r = first(&same);
    assert_eq!(r.no_source_days_per_year.mean(), r.supplier_down_days_per_year.mean());
}

/// The same part single-sourced from a supplier that never fails, and from one that fails
/// with an identical backup that never does, used only while the primary is down.
fn single_and_backed(lead: &str, settings: &str) -> (PolicyResult, PolicyResult) {
    let policy = r#"{ "policy": "jic", "buffer_days": 3 }"#;
    let single = item(settings, TWO_SUPPLIERS, "", lead, policy);
    let backed = item(
        settings,
        TWO_SUPPLIERS,
        &format!(
            r#", "supplier": "Overseas",
               "backup": {{ "lead_time": {lead}, "unit_cost": 10, "order_cost": 40,
                            "rule": "while_primary_down" }}"#
        ),
        lead,
        policy,
    );
    (first(&single), first(&backed))
}

#[test]
fn a_backup_while_the_primary_is_down_is_single_sourcing_without_outages() {
    // With a fixed lead time every order lands on the same day whichever source takes it,
    // so the two runs are the same days: equal but for rounding.
    let settings = r#""horizon_days": 400, "warm_up_days": 35, "replications": 300, "seed": 3"#;
    let (single, backed) = single_and_backed(r#"{ "distribution": "fixed", "days": 6 }"#, settings);
    assert!(backed.backup_orders_per_year.mean() > 50.0, "the backup was used");
    same(single.fill_rate, backed.fill_rate, "fill rate");
    same(single.avg_on_hand, backed.avg_on_hand, "stock on hand");
    same(single.stockout_days_per_year, backed.stockout_days_per_year, "stockout days");
    // Same price and order cost: the orders the backup took cost what the primary's would.
    let (cost, orders) = (backed.backup_cost_per_year.mean(), backed.backup_orders_per_year.mean());
    assert!((cost - orders * 40.0).abs() < 1e-9 * cost, "{cost} for {orders} orders");
    let total = |r: &PolicyResult| r.total_cost_per_year.mean();
    assert!((total(&single) - total(&backed)).abs() < 1e-9 * total(&single));

    // A random lead time: the backup draws its own, so the two agree within their noise.
    let settings = r#""horizon_days": 400, "warm_up_days": 35, "replications": 4000, "seed": 5"#;
    let lead = r#"{ "distribution": "uniform", "min": 4, "max": 9 }"#;
    let (single, backed) = single_and_backed(lead, settings);
    for (what, a, b) in [
        ("fill rate", single.fill_rate, backed.fill_rate),
        ("stock on hand", single.avg_on_hand, backed.avg_on_hand),
        ("stockout days", single.stockout_days_per_year, backed.stockout_days_per_year),
    ] {
        let se = (a.se() * a.se() + b.se() * b.se()).sqrt();
        assert!((a.mean() - b.mean()).abs() < 4.0 * se, "{what}: {a:?} against {b:?}");
    }
}

#[test]
fn dual_index_with_equal_lead_times_is_base_stock() {
    // Equal fixed lead times: the fast position counts everything on order, so the emergency
    // order brings the whole position to zₑ and the regular level below it never orders.
    let settings = r#""horizon_days": 365, "warm_up_days": 20, "replications": 200, "seed": 11"#;
    let lead = r#"{ "distribution": "fixed", "days": 4 }"#;
    let base = item(settings, "", "", lead, r#"{ "policy": "base_stock", "order_up_to": 130 }"#);
    let dual = item(
        settings,
        "",
        r#", "backup": { "lead_time": { "distribution": "fixed", "days": 4 }, "unit_cost": 10,
                         "order_cost": 40, "rule": "dual_index", "level_units": 130 }"#,
        lead,
        r#"{ "policy": "base_stock", "order_up_to": 100 }"#,
    );
    let (b, d) = (first(&base), first(&dual));
    assert_eq!(d.orders_per_year.mean(), 0.0, "the regular level never orders");
    same(d.backup_orders_per_year, b.orders_per_year, "orders");
    same(d.fill_rate, b.fill_rate, "fill rate");
    same(d.avg_on_hand, b.avg_on_hand, "stock on hand");
    same(d.stockout_days_per_year, b.stockout_days_per_year, "stockout days");
}

#[test]
fn dual_index_sends_only_the_shortfall_to_the_fast_source() {
    // A slow primary (10 days) and a fast backup (1 day) at 15 a unit more: with zₑ at the
    // fast source's protection and the regular level covering the slow one, the backup takes
    // a minority of the units, and its cost is their premium and order costs, by hand.
    let settings = r#""horizon_days": 400, "warm_up_days": 40, "replications": 400, "seed": 2"#;
    let s = item(
        settings,
        "",
        r#", "backup": { "lead_time": { "distribution": "fixed", "days": 1 }, "unit_cost": 25,
                         "order_cost": 15, "rule": "dual_index", "level_units": 45 }"#,
        r#"{ "distribution": "fixed", "days": 10 }"#,
        r#"{ "policy": "base_stock", "order_up_to": 235 }"#,
    );
    let r = first(&s);
    let (units, orders) = (r.backup_units_per_year.mean(), r.backup_orders_per_year.mean());
    assert!(units > 0.0 && units < 0.5 * r.units_ordered_per_year.mean(), "{units}");
    assert!((r.backup_cost_per_year.mean() - (units * 15.0 + orders * 15.0)).abs() < 1e-6);
    // Every unit is ordered once: what the sources bring is what customers took, give or
    // take the positions at the two ends.
    let ordered = r.units_ordered_per_year.mean();
    assert!((ordered - r.demanded_units_per_year.mean()).abs() < 0.02 * ordered);
}

#[test]
fn a_split_is_counted_by_hand() {
    // Demand 20 a day exactly, JIT reviewed daily: every evening orders the day's 20 units,
    // 30 % (6) from the backup at 2 more a unit and 25 an order, 14 from the primary.
    let s = scenario(
        r#"{ "version": 10, "settings": { "horizon_days": 100, "warm_up_days": 10, "replications": 2 },
          "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 0 },
            "round_demand_to_units": true,
            "lead_time": { "distribution": "fixed", "days": 3 },
            "costs": { "unit_cost": 10, "order_cost": 40, "holding_rate_pct_per_year": 20,
                       "storage_per_unit_day": 0, "backorder_per_unit_day": 2 },
            "backup": { "lead_time": { "distribution": "fixed", "days": 1 }, "unit_cost": 12,
                        "order_cost": 25, "rule": "split", "backup_share": 0.3 },
            "policies": [ { "policy": "jit" } ] } ] }"#,
    );
    let r = first(&s);
    let counted = |per_year: f64| per_year * 90.0 / 365.0;
    assert!((counted(r.backup_orders_per_year.mean()) - 90.0).abs() < 1e-9);
    assert!((counted(r.backup_units_per_year.mean()) - 540.0).abs() < 1e-9);
    assert!((counted(r.orders_per_year.mean()) - 90.0).abs() < 1e-9);
    assert!((counted(r.units_ordered_per_year.mean()) - 1800.0).abs() < 1e-9);
    assert!((counted(r.backup_cost_per_year.mean()) - (540.0 * 2.0 + 90.0 * 25.0)).abs() < 1e-6);
    assert!((counted(r.ordering_cost_per_year.mean()) - 90.0 * 40.0).abs() < 1e-6);
    assert_eq!(r.stockout_days_per_year.mean(), 0.0);
    // The inventory chart's marks: every evening (day 0 too: it sells 20 and orders them)
    // sends part of its order to the backup, in every run; nothing is expedited.
    assert_eq!(r.backup_order_share_by_day, vec![1.0; 100]);
    assert!(r.expedite_share_by_day.is_empty());
}

#[test]
fn nothing_changes_without_a_backup_or_when_it_takes_nothing() {
    let settings = r#""horizon_days": 300, "replications": 300, "seed": 9"#;
    let lead = r#"{ "distribution": "uniform", "min": 3, "max": 8 }"#;
    let policy = r#"{ "policy": "jic", "buffer_days": 4 }"#;
    let plain = first(&item(settings, TWO_SUPPLIERS, r#", "supplier": "Overseas""#, lead, policy));
    let unused = first(&item(
        settings,
        TWO_SUPPLIERS,
        r#", "supplier": "Overseas",
           "backup": { "lead_time": { "distribution": "fixed", "days": 1 }, "unit_cost": 99,
                       "rule": "split", "backup_share": 0 }"#,
        lead,
        policy,
    ));
    assert_eq!(unused.backup_units_per_year.mean(), 0.0);
    assert_eq!(plain.total_cost_per_year, unused.total_cost_per_year);
    assert_eq!(plain.fill_rate, unused.fill_rate);
    assert_eq!(plain.cost_by_replication, unused.cost_by_replication);
}

#[test]
fn bad_backups_are_named_with_their_values() {
    let bad = |backup: &str, extra: &str| {
        let json = format!(
            r#"{{ "version": 10, "suppliers": [ {{ "name": "Mill" }} ],
              "items": [ {{ "demand": {{ "distribution": "normal", "mean": 20, "sd": 6 }},
                "lead_time": {{ "distribution": "fixed", "days": 3 }},
                "backup": {backup} {extra} }} ] }}"#
        );
        let errors = parse_scenario(&json).expect_err("refused");
        errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
    };
    let lead = r#""lead_time": { "distribution": "fixed", "days": 1 }"#;
    let e = bad(&format!(r#"{{ {lead}, "unit_cost": 5, "rule": "split" }}"#), "");
    assert!(e.contains("items[0].backup.rule") && e.contains("backup_share"), "{e}");
    let e =
        bad(&format!(r#"{{ {lead}, "unit_cost": 5, "rule": "split", "backup_share": 1.4 }}"#), "");
    assert!(e.contains("items[0].backup.backup_share") && e.contains("1.4"), "{e}");
    let e = bad(
        &format!(
            r#"{{ {lead}, "unit_cost": 5, "rule": "while_primary_down", "supplier": "Mil" }}"#
        ),
        "",
    );
    assert!(e.contains("items[0].backup.supplier") && e.contains("Mill"), "{e}");
    let e = bad(&format!(r#"{{ {lead}, "unit_cost": -1, "rule": "while_primary_down" }}"#), "");
    assert!(e.contains("items[0].backup.unit_cost") && e.contains("-1"), "{e}");
    let e = bad(
        &format!(r#"{{ {lead}, "unit_cost": 5, "rule": "dual_index", "level_units": 10 }}"#),
        r#", "expedite": { "trigger_units": 5, "lead_time_days": 0, "premium_per_unit": 1 }"#,
    );
    assert!(e.contains("items[0].backup") && e.contains("expediting"), "{e}");
    // A backup is version 10.
    let json = format!(
        r#"{{ "version": 9, "items": [ {{ "demand": {{ "distribution": "normal", "mean": 20, "sd": 6 }},
            "lead_time": {{ "distribution": "fixed", "days": 3 }},
            "backup": {{ {lead}, "unit_cost": 5, "rule": "while_primary_down" }} }} ] }}"#
    );
    let e = parse_scenario(&json).expect_err("too new a field for version 9");
    assert!(format!("{e:?}").contains("version 10"), "{e:?}");
}

#[test]
fn files_and_links_carry_the_backup() {
    let json = r#"{ "version": 10, "suppliers": [ { "name": "Near" } ],
      "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
        "lead_time": { "distribution": "fixed", "days": 30 },
        "backup": { "supplier": "Near", "lead_time": { "distribution": "uniform", "min": 2, "max": 5 },
                    "unit_cost": 14, "order_cost": 60, "min_order_units": 50,
                    "rule": "dual_index", "level_units": 80 } } ] }"#;
    use jitjic::share::link::{decode, encode, View};
    let s = scenario(json);
    let written = serde_json::to_value(ScenarioFile::from_spec(s.spec())).unwrap();
    assert_eq!(written["items"][0]["backup"]["rule"], "dual_index");
    assert_eq!(written["items"][0]["backup"]["level_units"], 80.0);
    assert_eq!(written["items"][0]["backup"]["supplier"], "Near");
    let shared = decode(&encode(&written, &View::default())).expect("its own link");
    let again = parse_scenario(&shared.scenario.to_string()).unwrap();
    assert_eq!(again.spec().items[0].backup, s.spec().items[0].backup);
    let (a, b) = (simulate(&s), simulate(&again));
    for (x, y) in a.policies.iter().zip(&b.policies) {
        assert_eq!(x.cost_by_replication, y.cost_by_replication);
    }
}

/// An overseas part: a 30-day lead time from a supplier down about a sixth of the time for
/// about 12 days at a stretch, waiting customers at 4 a unit-day; `backup` is its backup.
fn overseas(backup: &str) -> Scenario {
    scenario(&format!(
        r#"{{ "version": 10,
          "settings": {{ "horizon_days": 500, "replications": 200, "seed": 21 }},
          "suppliers": [ {{ "name": "Overseas", "random_outages": {{ "mean_up_days": 60, "mean_down_days": 12 }} }},
                         {{ "name": "Nearshore", "random_outages": {{ "mean_up_days": 120, "mean_down_days": 4 }} }} ],
          "items": [ {{ "name": "Housing", "supplier": "Overseas",
            "demand": {{ "distribution": "normal", "mean": 20, "sd": 6 }},
            "lead_time": {{ "distribution": "fixed", "days": 30 }},
            "costs": {{ "unit_cost": 10, "holding_rate_pct_per_year": 25, "order_cost": 0,
                       "backorder_per_unit_day": 4 }},
            "backup": {backup} }} ] }}"#
    ))
}

fn weighed(s: &Scenario) -> (Frontier, LeverChoice) {
    let f = optimise_with_levers(s.item(), s.settings(), &Options { points: 11, target: None })
        .expect("something to optimise");
    let choice = f.levers.first().cloned().expect("the backup was weighed");
    (f, choice)
}

/// The advice's ERP plan written as a scenario file and simulated back: each replication's
/// yearly cost.
fn plan_back(s: &Scenario, advice: &Advice) -> Vec<f64> {
    let doc = serde_json::to_value(ScenarioFile::from_spec(s.spec())).unwrap();
    let planned = [Some(Planned {
        name: "Plan".into(),
        plan: &advice.erp,
        warm_up_days: s.item().warm_up_days(),
    })];
    let text = plan_document(&doc, &planned).to_string();
    let back = parse_scenario(&text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(back.item().backup().map(|b| b.rule), advice.erp.backup);
    simulate(&back).policies[0].clone().cost_by_replication
}

#[test]
fn a_backup_during_outages_replaces_most_of_the_buffer_and_the_plan_keeps_it() {
    // A nearshore source 5 days away at 1.5 a unit more: used only while the overseas one is
    // down, it covers outages that the buffer alone must otherwise hold a month's stock for.
    let s = overseas(
        r#"{ "supplier": "Nearshore", "lead_time": { "distribution": "fixed", "days": 5 },
             "unit_cost": 11.5, "order_cost": 20, "rule": "while_primary_down" }"#,
    );
    let (f, choice) = weighed(&s);
    let saving = choice.saving_per_year;
    assert!(choice.used, "{choice:?}");
    assert!(saving.mean() > 3.0 * saving.se(), "a clear saving: {saving:?}");
    assert!(choice.buffer_days_with < choice.buffer_days_without, "{choice:?}");
    let advice = advise(s.item(), &f, s.wording());
    assert!(
        advice
            .sentence
            .contains("A backup supplier (the backup only while the primary is down) saves"),
        "{}",
        advice.sentence
    );
    assert!(advice.sentence.contains("the buffer falls from"), "{}", advice.sentence);
    assert_eq!(advice.erp.backup, Some(SourcingRule::WhilePrimaryDown));
    assert_eq!(plan_back(&s, &advice), f.optimum().result.cost_by_replication);
}

#[test]
fn a_backup_dearer_than_waiting_is_left_out() {
    // A backup at 60 a unit more than the primary: a unit waiting through a 12-day outage
    // costs 48, so every order it takes costs more than the wait it saves.
    let s = overseas(
        r#"{ "lead_time": { "distribution": "fixed", "days": 5 }, "unit_cost": 70,
             "order_cost": 500, "rule": "while_primary_down" }"#,
    );
    let (f, choice) = weighed(&s);
    assert!(!choice.used, "{choice:?}");
    assert_eq!(f.optimum().result.backup_orders_per_year.mean(), 0.0);
    let advice = advise(s.item(), &f, s.wording());
    assert!(advice.sentence.contains("does not pay"), "{}", advice.sentence);
    assert_eq!(advice.erp.backup, None);
    assert_eq!(plan_back(&s, &advice), f.optimum().result.cost_by_replication);
}

#[test]
fn the_optimiser_sizes_both_levels_of_a_dual_index() {
    // A fast backup 2 days away at 3 a unit more, given a level of 0 (never used): the
    // optimiser tries its protection-period levels and sizes the regular level with each.
    let s = overseas(
        r#"{ "supplier": "Nearshore", "lead_time": { "distribution": "fixed", "days": 2 },
             "unit_cost": 13, "order_cost": 10, "rule": "dual_index", "level_units": 0 }"#,
    );
    let (f, choice) = weighed(&s);
    let level = choice.level_units.expect("a level chosen");
    assert!(choice.used && level > 0.0, "{choice:?}");
    // The levels tried: the item's own and d̄·(E[Lᵦ] + R) + k·σ·√(E[Lᵦ] + R) in whole units
    // (σ of the normal censored at 0, a hair below 6, rounds the same).
    let tried: Vec<f64> =
        [0.0, 1.5, 3.0].iter().map(|k| (20.0 * 3.0 + k * 6.0 * 3f64.sqrt()).round()).collect();
    assert!(tried.contains(&level), "{level} not among {tried:?}");
    assert!(f.optimum().result.backup_orders_per_year.mean() > 0.0);
    let advice = advise(s.item(), &f, s.wording());
    assert_eq!(advice.erp.backup, Some(SourcingRule::DualIndex { level_units: level }));
    assert!(advice.sentence.contains(&format!("up to {level} units")), "{}", advice.sentence);
    assert_eq!(plan_back(&s, &advice), f.optimum().result.cost_by_replication);
}

#[test]
fn an_item_list_carries_a_backup_with_a_fixed_lead_time() {
    let items = jitjic::share::items_csv::read_items(&jitjic::share::items_csv::template())
        .expect("the template reads");
    let backup = &items[0]["backup"];
    assert_eq!(backup["rule"], "split");
    assert_eq!(backup["backup_share"], 0.2);
    assert_eq!(backup["lead_time"], serde_json::json!({ "distribution": "fixed", "days": 4.0 }));
    assert!(items[1].get("backup").is_none());
    let doc = serde_json::json!({ "version": 10, "items": items });
    let s = scenario(&doc.to_string());
    let b = s.items()[0].backup().expect("a backup");
    assert_eq!(b.rule, SourcingRule::Split { backup_share: 0.2 });
    assert_eq!(b.unit_cost, 7.5);
}
