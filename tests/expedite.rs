//! Expediting (`core::expedite`): emergency orders counted by hand on a scheduled outage, the
//! closed-form promise that an overnight expedite triggered at the largest possible day's
//! demand removes every stockout day, the identities between its figures, and an item
//! without it simulated exactly as before.

use jitjic::core::optimise::levers::{optimise_with_levers, LeverChoice};
use jitjic::core::optimise::{advise, Advice, Frontier, Options};
use jitjic::core::sim::{simulate, PolicyResult};
use jitjic::core::{PolicyKind, Scenario};
use jitjic::share::parse_scenario;
use jitjic::share::plan_file::{plan_document, Planned};

fn scenario(json: &str) -> Scenario {
    parse_scenario(json).unwrap_or_else(|e| panic!("{e:?}"))
}

/// Demand 10 a day exactly, a fixed 3-day lead time, JIT reviewed daily (order up to 40),
/// the supplier down on days 40 … 49; 120 days, the first 10 left out; `expedite` is the
/// item's expediting (or nothing).
fn outage(expedite: &str) -> Scenario {
    scenario(&format!(
        r#"{{ "version": 8,
          "settings": {{ "horizon_days": 120, "warm_up_days": 10, "replications": 3 }},
          "suppliers": [ {{ "name": "Mill", "scheduled_outages": [ {{ "start_day": 40, "days": 10 }} ] }} ],
          "items": [ {{ "supplier": "Mill",
            "demand": {{ "distribution": "normal", "mean": 10, "sd": 0 }},
            "lead_time": {{ "distribution": "fixed", "days": 3 }},
            "costs": {{ "unit_cost": 5, "order_cost": 0, "holding_rate_pct_per_year": 20,
                       "storage_per_unit_day": 0, "backorder_per_unit_day": 1 }}
            {expedite},
            "policies": [ {{ "policy": "jit" }} ] }} ] }}"#
    ))
}

fn jit(s: &Scenario) -> PolicyResult {
    simulate(s).policy(PolicyKind::Jit).unwrap().clone()
}

/// A yearly figure as a count over the 110 measured days.
fn counted(per_year: f64) -> f64 {
    per_year * 110.0 / 365.0
}

#[test]
fn expedites_on_a_scheduled_outage_are_counted_by_hand() {
    // Without expediting: orders placed from the evening of day 39 wait for day 50 and land
    // on day 53, while the pipeline covers through day 42, so days 43 … 52 are short.
    let plain = jit(&outage(""));
    assert!((counted(plain.stockout_days_per_year.mean()) - 10.0).abs() < 1e-9);
    assert_eq!(plain.expedites_per_year.mean(), 0.0);

    // Trigger 20 with a 1-day expedite (it lands two mornings on): on the evening of day 41
    // the position is 0 on hand + 10 due on day 42 + 0 on day 43 = 10 < 20, so 10 units are
    // expedited for day 43; the same on every evening up to day 50. On the evening of day 51
    // the orders held by the outage (due on day 53) are inside the window: no more. Ten
    // expedites of 10 units, and not one stockout day. The regular review counts each
    // expedite in its position, so the held orders shrink by as much.
    let e = jit(&outage(
        r#", "expedite": { "trigger_units": 20, "lead_time_days": 1, "premium_per_unit": 2,
                           "fixed_cost": 50 }"#,
    ));
    assert!(
        (counted(e.expedites_per_year.mean()) - 10.0).abs() < 1e-9,
        "{:?}",
        e.expedites_per_year
    );
    assert!((counted(e.expedited_units_per_year.mean()) - 100.0).abs() < 1e-9);
    assert_eq!(e.stockout_days_per_year.mean(), 0.0);
    // The inventory chart's marks: the evenings of days 41 … 50, in every run.
    let marked: Vec<usize> = (0..120).filter(|&d| e.expedite_share_by_day[d] > 0.0).collect();
    assert_eq!(marked, (41..=50).collect::<Vec<_>>());
    assert!((41..=50).all(|d| e.expedite_share_by_day[d] == 1.0));
    assert!(e.backup_order_share_by_day.is_empty() && plain.expedite_share_by_day.is_empty());
    // Premium and charges: 10 × 50 + 100 × 2; the units themselves are purchases.
    assert!((counted(e.expedite_cost_per_year.mean()) - 700.0).abs() < 1e-9);
    // Purchases: the same demand is met, so the same units are bought over the measured days
    // (the stock position is back to 40 at both ends).
    assert!((e.purchase_cost_per_year.mean() - plain.purchase_cost_per_year.mean()).abs() < 1e-6);
    assert!(
        (e.units_ordered_per_year.mean() - plain.units_ordered_per_year.mean()).abs() < 1e-6,
        "expedited units count as ordered: {:?} vs {:?}",
        e.units_ordered_per_year,
        plain.units_ordered_per_year
    );
    let parts = e.purchase_cost_per_year.mean()
        + e.holding_cost_per_year.mean()
        + e.ordering_cost_per_year.mean()
        + e.backorder_cost_per_year.mean()
        + e.expedite_cost_per_year.mean();
    assert!((parts - e.total_cost_per_year.mean()).abs() < 1e-6);

    // An expedite that fails while the supplier is down: the evenings of days 39 … 48 (the
    // next day down) place none. On the evening of day 49 the net stock is −70 (short since
    // day 43) and nothing is due on days 50 and 51: 90 units are expedited for day 51; on the
    // evening of day 50 the position is −80 + 90 = 10 < 20: 10 more for day 52. Day 51 serves
    // every waiting customer and the day's demand, so days 43 … 50 are short: 8 days.
    let failing = jit(&outage(
        r#", "expedite": { "trigger_units": 20, "lead_time_days": 1, "premium_per_unit": 2,
                           "fixed_cost": 50, "fails_while_down": true }"#,
    ));
    assert!((counted(failing.expedites_per_year.mean()) - 2.0).abs() < 1e-9);
    assert!((counted(failing.expedited_units_per_year.mean()) - 100.0).abs() < 1e-9);
    assert!((counted(failing.stockout_days_per_year.mean()) - 8.0).abs() < 1e-9);
}

#[test]
fn an_overnight_expedite_at_the_largest_days_demand_removes_every_stockout_day() {
    // Demand resampled from a history whose largest day is 30 (so no day wants more), a
    // 10-day lead time, a supplier down a tenth of the time: JIT runs short often. An
    // overnight expedite (lead time 0) with no premium, triggered below 30, leaves the next
    // morning's net stock at 30 or more whatever happens: no day can be short.
    let item = |expedite: &str| {
        scenario(&format!(
            r#"{{ "version": 8,
              "settings": {{ "horizon_days": 730, "replications": 200, "seed": 11 }},
              "suppliers": [ {{ "name": "Far", "random_outages": {{ "mean_up_days": 90, "mean_down_days": 10 }} }} ],
              "items": [ {{ "supplier": "Far",
                "demand": {{ "distribution": "empirical", "history": [0, 4, 12, 30, 18, 7, 22, 9, 15, 25] }},
                "lead_time": {{ "distribution": "uniform", "min": 6, "max": 14 }}
                {expedite},
                "policies": [ {{ "policy": "jit" }}, {{ "policy": "jic", "buffer_days": 3 }} ] }} ] }}"#
        ))
    };
    let plain = simulate(&item(""));
    let e = simulate(&item(
        r#", "expedite": { "trigger_units": 30, "lead_time_days": 0, "premium_per_unit": 0 }"#,
    ));
    for kind in [PolicyKind::Jit, PolicyKind::Jic] {
        let before = plain.policy(kind).unwrap();
        let after = e.policy(kind).unwrap();
        // The check can fail: without expediting the item does run short.
        assert!(before.stockout_days_per_year.mean() > 5.0, "{:?}", before.stockout_days_per_year);
        let worst = after.stockout_days_by_replication.iter().copied().fold(0.0, f64::max);
        assert_eq!(worst, 0.0, "{kind:?}: a replication still ran short");
        assert_eq!(after.fill_rate.mean(), 1.0);
        assert!(after.expedites_per_year.mean() > 0.0);
        // No premium and no charge: expediting costs nothing beyond the units.
        assert_eq!(after.expedite_cost_per_year.mean(), 0.0);
    }
}

#[test]
fn an_item_without_expediting_reports_none_and_runs_as_before() {
    // A trigger of 0 never fires while no customer waits: a 50-day buffer on Poisson demand
    // never runs out, so the item with it is simulated exactly as the item without.
    let calm = |expedite: &str| {
        scenario(&format!(
            r#"{{ "version": 8, "settings": {{ "horizon_days": 200, "replications": 50 }},
              "items": [ {{ "demand": {{ "distribution": "poisson", "mean": 20 }},
                "lead_time": {{ "distribution": "fixed", "days": 2 }} {expedite},
                "policies": [ {{ "policy": "jic", "buffer_days": 50 }} ] }} ] }}"#
        ))
    };
    let plain = simulate(&calm(""));
    let idle = simulate(&calm(
        r#", "expedite": { "trigger_units": 0, "lead_time_days": 0, "premium_per_unit": 5 }"#,
    ));
    let (p, q) = (&plain.policies[0], &idle.policies[0]);
    assert_eq!(q.expedites_per_year.mean(), 0.0);
    assert_eq!(p.cost_by_replication, q.cost_by_replication, "an idle lever moved the costs");
    assert_eq!(p.stockout_days_by_replication, q.stockout_days_by_replication);
    // The results name expediting only for an item that has it.
    let csv = |s: &Scenario| {
        let c = [simulate(s)];
        jitjic::share::results::ResultsFile::new(s, &c, false).to_csv(s, &c)
    };
    assert!(!csv(&calm("")).contains("expedite"), "a plain item's results name no expediting");
    let with = outage(
        r#", "expedite": { "trigger_units": 0, "lead_time_days": 1, "premium_per_unit": 2 }"#,
    );
    assert!(csv(&with).lines().next().unwrap().contains("expedites_per_year"));
}

#[test]
fn bad_expediting_is_named_with_its_value_and_range() {
    let bad = parse_scenario(
        r#"{ "version": 8, "items": [ { "demand": { "distribution": "poisson", "mean": 5 },
             "lead_time": { "distribution": "fixed", "days": 2 },
             "expedite": { "trigger_units": -3, "lead_time_days": 1.5, "premium_per_unit": 1 } } ] }"#,
    )
    .unwrap_err();
    let text = format!("{bad:?}");
    assert!(text.contains("items[0].expedite.trigger_units"), "{text}");
    assert!(text.contains("items[0].expedite.lead_time_days"), "{text}");
    let old = parse_scenario(
        r#"{ "version": 7, "items": [ { "demand": { "distribution": "poisson", "mean": 5 },
             "lead_time": { "distribution": "fixed", "days": 2 },
             "expedite": { "trigger_units": 3, "lead_time_days": 1, "premium_per_unit": 1 } } ] }"#,
    )
    .unwrap_err();
    assert!(format!("{old:?}").contains("needs format version 8"), "{old:?}");
}

/// A part whose supplier is down about a seventh of the time for about 10 days, a 10-day lead
/// time, with `costs` and `expedite`; one year, 200 replications.
fn outage_prone(costs: &str, shortage: &str, expedite: &str) -> Scenario {
    scenario(&format!(
        r#"{{ "version": 8,
          "settings": {{ "horizon_days": 400, "replications": 200, "seed": 5 }},
          "suppliers": [ {{ "name": "Far", "random_outages": {{ "mean_up_days": 60, "mean_down_days": 10 }} }} ],
          "items": [ {{ "supplier": "Far", "shortage": "{shortage}",
            "demand": {{ "distribution": "normal", "mean": 20, "sd": 6 }},
            "lead_time": {{ "distribution": "fixed", "days": 10 }},
            "costs": {costs}, "expedite": {expedite} }} ] }}"#
    ))
}

fn weighed(s: &Scenario) -> (Frontier, LeverChoice) {
    let f = optimise_with_levers(s.item(), s.settings(), &Options { points: 11, target: None })
        .expect("something to optimise");
    let choice = f.levers.first().cloned().expect("expediting was weighed");
    (f, choice)
}

#[test]
fn a_cheap_expedite_replaces_most_of_an_outage_buffer_and_the_plan_keeps_it() {
    // Waiting customers cost 5 a unit-day and an outage lasts about 10 days: the buffer alone
    // must cover outages; an expedite a day away at 1 a unit above the price covers them
    // for far less.
    let s = outage_prone(
        r#"{ "unit_cost": 10, "holding_rate_pct_per_year": 25, "order_cost": 0,
             "backorder_per_unit_day": 5 }"#,
        "backorder",
        r#"{ "trigger_units": 20, "lead_time_days": 1, "premium_per_unit": 1, "fixed_cost": 20 }"#,
    );
    let (f, choice) = weighed(&s);
    let saving = choice.saving_per_year;
    assert!(choice.used, "{choice:?}");
    assert!(saving.mean() > 3.0 * saving.se(), "a clear saving: {saving:?}");
    assert!(choice.buffer_days_with < choice.buffer_days_without, "{choice:?}");
    assert!(f.optimum().result.expedites_per_year.mean() > 0.0);
    let advice = advise(s.item(), &f, s.wording());
    assert!(advice.sentence.contains("Expediting (below 20 units) saves"), "{}", advice.sentence);
    assert!(advice.sentence.contains("the buffer falls from"), "{}", advice.sentence);
    assert!(advice.erp.expedite.is_some());
    // What the planner is told to set up, simulated back: the plan keeps the expedite, and
    // gives the optimum's own numbers replication by replication.
    assert_eq!(plan_back(&s, &advice), f.optimum().result.cost_by_replication);
}

#[test]
fn an_expedite_dearer_than_the_lost_sale_is_never_used() {
    // Lost sales: a lost unit costs its price 12 + goodwill 2 = 14 (it is never bought); an
    // expedited unit costs 8 + 10 premium = 18. Every expedite costs more than the sale it
    // saves, so the optimiser leaves it out, and the plan does too.
    let s = outage_prone(
        r#"{ "unit_cost": 8, "holding_rate_pct_per_year": 25, "order_cost": 0,
             "selling_price_per_unit": 12, "goodwill_per_unit": 2 }"#,
        "lost_sale",
        r#"{ "trigger_units": 40, "lead_time_days": 0, "premium_per_unit": 10 }"#,
    );
    let (f, choice) = weighed(&s);
    assert!(!choice.used, "{choice:?}");
    assert!(choice.saving_per_year.mean() < 0.0);
    assert_eq!(f.optimum().result.expedites_per_year.mean(), 0.0, "the recommendation expedites");
    let advice = advise(s.item(), &f, s.wording());
    assert!(advice.sentence.contains("does not pay"), "{}", advice.sentence);
    assert!(advice.erp.expedite.is_none());
    assert_eq!(plan_back(&s, &advice), f.optimum().result.cost_by_replication);
}

/// The advice's ERP plan written as a scenario file and simulated back: each replication's
/// yearly cost.
fn plan_back(s: &Scenario, advice: &Advice) -> Vec<f64> {
    let doc = serde_json::to_value(jitjic::share::scenario_file::ScenarioFile::from_spec(s.spec()))
        .unwrap();
    let planned = [Some(Planned {
        name: "Plan".into(),
        plan: &advice.erp,
        warm_up_days: s.item().warm_up_days(),
    })];
    let text = plan_document(&doc, &planned).to_string();
    let back = parse_scenario(&text).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(back.item().expedite().is_some(), advice.erp.expedite.is_some());
    simulate(&back).policies[0].cost_by_replication.clone()
}
