//! The scenario file: every example parses, files round-trip, defaults are the form's, every
//! bad value is named with its path, its value and the accepted range, and items with their
//! settings behave as the model says (independent items, days per year).

use jitjic::core::{simulate, simulate_all, PolicyKind, Scenario, ScenarioInput};
use jitjic::share::{parse_scenario, read_file, Problem, ScenarioFile};

const EXAMPLES: [(&str, &str); 2] = [
    ("bearing.json", include_str!("../examples/bearing.json")),
    ("catalogue.json", include_str!("../examples/catalogue.json")),
];

/// A one-item file around an item body (JSON object members, without braces).
fn one_item(item: &str) -> String {
    format!(r#"{{ "version": 1, "items": [ {{ {item} }} ] }}"#)
}

fn messages(json: &str) -> Vec<String> {
    parse_scenario(json).expect_err("an invalid file").iter().map(ToString::to_string).collect()
}

const NORMAL_FIXED: &str = r#""demand": { "distribution": "normal", "mean": 20, "sd": 6 },
    "lead_time": { "distribution": "fixed", "days": 7 }"#;

#[test]
fn every_example_is_a_valid_scenario() {
    for (name, json) in EXAMPLES {
        let s = parse_scenario(json).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert!(!s.items().is_empty(), "{name}");
    }
}

#[test]
fn files_round_trip_through_the_core_description() {
    for (name, json) in EXAMPLES {
        let spec = read_file(json).unwrap().to_spec().unwrap();
        let written = ScenarioFile::from_spec(&spec).to_json();
        let again = read_file(&written).unwrap().to_spec().unwrap();
        assert_eq!(spec, again, "{name}:\n{written}");
    }
    // Both kinds of "practically the same" come back; the default is not written.
    for (setting, kept) in [
        (r#"{ "pct_of_operating_cost": 2.5 }"#, true),
        (r#"{ "per_year": 500 }"#, true),
        (r#"{ "pct_of_operating_cost": 5 }"#, false),
    ] {
        let json = one_item(NORMAL_FIXED).replacen(
            "\"version\": 1,",
            &format!("\"version\": 5, \"settings\": {{ \"practically_same\": {setting} }},"),
            1,
        );
        let spec = read_file(&json).unwrap().to_spec().unwrap();
        let written = ScenarioFile::from_spec(&spec).to_json();
        assert_eq!(written.contains("practically_same"), kept, "{written}");
        assert_eq!(read_file(&written).unwrap().to_spec().unwrap(), spec, "{written}");
    }
}

#[test]
fn a_minimal_file_is_the_forms_default_scenario() {
    // Left out, every field takes the form's default: the same item, the same policies, the
    // same draws, so the same numbers bit for bit.
    let from_file = parse_scenario(&one_item(NORMAL_FIXED)).unwrap();
    let from_form = Scenario::try_from(ScenarioInput::default()).unwrap();
    assert_eq!(from_file.settings(), from_form.settings());
    let (a, b) = (simulate(&from_file), simulate(&from_form));
    assert_eq!(a.policies, b.policies);
    assert_eq!(a.item_name, "Item 1");
}

#[test]
fn bad_numbers_name_the_field_the_value_and_the_range() {
    let json = r#"{
        "version": 1,
        "settings": { "horizon_days": 36.5, "replications": 20000, "days_per_year": 100 },
        "items": [ {
            "demand": { "distribution": "normal", "mean": 20, "sd": -3 },
            "lead_time": { "distribution": "uniform", "min": 9, "max": 2 },
            "costs": { "holding_rate_pct_per_year": 250 },
            "order_limits": { "minimum": 50, "maximum": 40 },
            "policies": [
                { "policy": "jic", "buffer_days": 3, "fill_rate": 0.9 },
                { "policy": "r_Q", "reorder_point": 5, "quantity": 0 },
                { "policy": "jic", "cycle_service_level": 1 },
                { "policy": "R_S", "review_period_days": 0, "order_up_to": 100 }
            ]
        }, {
            "demand": { "distribution": "intermittent", "probability": 1.5, "size_mean": 3 },
            "lead_time": { "distribution": "empirical", "days": [] }
        }, {
            "demand": { "distribution": "empirical", "history": [] },
            "lead_time": { "distribution": "fixed", "days": 2.5 }
        } ]
    }"#;
    let got = messages(json);
    let expected = [
        "settings.horizon_days: 36.5 is not a whole number; accepted: whole numbers from 1 to 3,650 days",
        "settings.replications: 20,000 is out of range; accepted: whole numbers from 1 to 10,000 runs",
        "settings.days_per_year: 100 is out of range; accepted: from 200 to 366 days",
        "items[0].demand.sd: -3 is out of range; accepted: from 0 to 1,000,000 units/day",
        "items[0].lead_time: min 9 is above max 2 days",
        "items[0].order_limits: no order fits: minimum 50, multiple 0, maximum 40",
        "items[0].costs.holding_rate_pct_per_year: 250 is out of range; accepted: from 0 to 200 % of value/year",
        "items[0].policies[0]: a JIC policy takes exactly one of \"buffer_days\", \"cycle_service_level\" or \"fill_rate\"",
        "items[0].policies[1].quantity: 0 is out of range; accepted: above 0 and below 1,000,000,000,000 units",
        "items[0].policies[2].cycle_service_level: 1 is out of range; accepted: above 0 and below 1",
        "items[0].policies[3].review_period_days: 0 is out of range; accepted: whole numbers from 1 to 365 days",
        "items[1].demand.probability: 1.5 is out of range; accepted: from 0 to 1",
        "items[1].lead_time.days: 0 observed lead times; accepted: 1 to 36,500",
        "items[2].demand.history: 0 days of history; accepted: 1 to 36,500",
        "items[2].lead_time.days: 2.5 is not a whole number; accepted: whole numbers from 0 to 365 days",
    ];
    for e in expected {
        assert!(got.iter().any(|g| g == e), "missing {e:?} in\n{}", got.join("\n"));
    }
    assert_eq!(got.len(), expected.len(), "{}", got.join("\n"));
}

#[test]
fn documents_that_are_not_scenarios_say_where() {
    // The versions this build reads, and the first it does not: a new version moves them.
    let newest = jitjic::share::scenario_file::VERSION;
    let (missing, newer, zero) = (
        format!("version: missing; this jitjic reads versions 1 to {newest}"),
        format!(r#"{{ "version": {}, "items": [] }}"#, newest + 1),
        format!("version: 0 is not a version this jitjic reads; accepted: 1 to {newest}"),
    );
    let newer_message = format!("version: {} is newer than this jitjic", newest + 1);
    let cases = [
        (r#"{ "items": [] }"#, missing.as_str()),
        (newer.as_str(), newer_message.as_str()),
        (r#"{ "version": 0, "items": [] }"#, zero.as_str()),
        (
            r#"{ "version": 4, "settings": { "practically_same": { "per_year": 100 } }, "items": [ { "demand": { "distribution": "poisson", "mean": 3 }, "lead_time": { "distribution": "fixed", "days": 1 } } ] }"#,
            "settings.practically_same: needs format version 5; this file declares version 4",
        ),
        (
            r#"{ "version": 5, "settings": { "practically_same": { "per_year": 100, "pct_of_operating_cost": 2 } }, "items": [ { "demand": { "distribution": "poisson", "mean": 3 }, "lead_time": { "distribution": "fixed", "days": 1 } } ] }"#,
            "settings.practically_same: give \"pct_of_operating_cost\" or \"per_year\", not both",
        ),
        (
            r#"{ "version": 5, "settings": { "practically_same": { "pct_of_operating_cost": 120 } }, "items": [ { "demand": { "distribution": "poisson", "mean": 3 }, "lead_time": { "distribution": "fixed", "days": 1 } } ] }"#,
            "settings.practically_same.pct_of_operating_cost: 120 is out of range; accepted: from 0 to 100",
        ),
        (
            r#"{ "version": 3, "settings": { "start_date": "2027-02-29" }, "items": [ { "demand": { "distribution": "poisson", "mean": 3 }, "lead_time": { "distribution": "fixed", "days": 1 } } ] }"#,
            "settings.start_date: \"2027-02-29\" is not a date; accepted: YYYY-MM-DD",
        ),
        (r#"{ "version": "1", "items": [] }"#, "version: \"1\" is not a version"),
        (
            r#"{ "version": 1, "items": [ "#,
            "items[0]: the JSON document ends early (EOF while parsing",
        ),
        (r#"{ "version": 1, "items": [] }"#, "items: 0 items; accepted: 1 to 1,000"),
        (r#"{ "version": 1, "items": [], "extra": 1 }"#, "unknown field `extra`"),
    ];
    for (json, start) in cases {
        let got = messages(json);
        assert!(got[0].contains(start), "{json}: {got:?}");
    }
    // Wrong types name the nearest path serde can give and the value.
    let got = messages(&one_item(
        r#""demand": { "distribution": "normal", "mean": "twenty", "sd": 1 },
           "lead_time": { "distribution": "fixed", "days": 1 }"#,
    ));
    assert!(got[0].starts_with("items[0].demand.mean: invalid type: string \"twenty\""), "{got:?}");
    let got = messages(&one_item(
        r#""demand": { "distribution": "weibull", "mean": 1 }, "lead_time": { "distribution": "fixed", "days": 1 }"#,
    ));
    assert!(got[0].contains("unknown variant `weibull`"), "{got:?}");
    let got = messages(&one_item(
        r#""demand": { "distribution": "empirical", "history": [3, "n/a", 4] },
           "lead_time": { "distribution": "fixed", "days": 1 }"#,
    ));
    assert!(got[0].contains("invalid type: string \"n/a\", expected f64"), "{got:?}");
    let got = messages(&one_item(&format!(r#"{NORMAL_FIXED}, "costs": {{ "unit_cost": "x" }}"#)));
    assert!(got[0].starts_with("items[0].costs.unit_cost: invalid type"), "{got:?}");
}

#[test]
fn every_entry_of_a_history_is_checked_and_named_by_its_place() {
    // Entries are checked without writing a path for each (a 36,500-day history read in a
    // third of the time): a bad entry still names its own place, its value and the range.
    let got = messages(&one_item(
        r#""demand": { "distribution": "empirical", "history": [3, -1, 4, 2e6, 1e-300] },
           "lead_time": { "distribution": "empirical", "days": [2, 2.5, 400] }"#,
    ));
    let find = |path: &str| {
        got.iter()
            .find(|m| m.starts_with(&format!("{path}:")))
            .unwrap_or_else(|| panic!("{path} in {got:?}"))
    };
    assert!(find("items[0].demand.history[1]").contains("-1"), "{got:?}");
    assert!(find("items[0].demand.history[3]").contains("1,000,000"), "{got:?}");
    assert!(find("items[0].demand.history[4]").contains("too near 0"), "{got:?}");
    assert!(find("items[0].lead_time.days[1]").contains("2.5"), "{got:?}");
    assert!(find("items[0].lead_time.days[2]").contains("365"), "{got:?}");
    assert_eq!(got.len(), 5, "{got:?}");
}

#[test]
fn rules_of_distributions_come_back_with_the_items_path() {
    let got = messages(&one_item(
        r#""demand": { "distribution": "negative_binomial", "mean": 20, "sd": 3 },
           "lead_time": { "distribution": "fixed", "days": 2 }"#,
    ));
    assert_eq!(
        got,
        ["items[0].demand: a negative binomial needs variance above its mean: sd 3 gives 9 ≤ 20"]
    );
    let got = messages(&format!(
        r#"{{ "version": 1, "settings": {{ "horizon_days": 8 }}, "items": [ {{ {NORMAL_FIXED} }} ] }}"#
    ));
    assert_eq!(
        got,
        ["settings.horizon_days: a horizon of 8 days leaves nothing after the 8-day warm-up"]
    );
}

#[test]
fn the_spread_is_an_sd_or_a_cv_never_both() {
    let with = |spread: &str| {
        one_item(&format!(
            r#""demand": {{ "distribution": "gamma", "mean": 40{spread} }},
               "lead_time": {{ "distribution": "fixed", "days": 3 }}"#
        ))
    };
    let by_cv = parse_scenario(&with(r#", "cv": 0.25"#)).unwrap();
    let by_sd = parse_scenario(&with(r#", "sd": 10"#)).unwrap();
    assert_eq!(by_cv.item().demand(), by_sd.item().demand());
    assert!(messages(&with(r#", "sd": 10, "cv": 0.25"#))[0].contains("give one"));
    assert!(messages(&with(""))[0].contains("\"sd\" or \"cv\""));
}

#[test]
fn items_draw_their_own_days_and_do_not_affect_each_other() {
    let two = |first_mean: f64| {
        format!(
            r#"{{ "version": 1, "settings": {{ "replications": 200 }}, "items": [
                {{ "demand": {{ "distribution": "normal", "mean": {first_mean}, "sd": 6 }},
                   "lead_time": {{ "distribution": "uniform", "min": 2, "max": 6 }} }},
                {{ {NORMAL_FIXED} }} ] }}"#
        )
    };
    let a = simulate_all(&parse_scenario(&two(20.0)).unwrap());
    let b = simulate_all(&parse_scenario(&two(35.0)).unwrap());
    assert_ne!(a[0].policies, b[0].policies);
    assert_eq!(a[1].policies, b[1].policies, "the second item changed with the first");
    // The same description in two positions gets different days: different numbers, the same
    // expected value within the standard errors.
    let same = format!(
        r#"{{ "version": 1, "settings": {{ "replications": 400 }}, "items": [ {{ {NORMAL_FIXED} }}, {{ {NORMAL_FIXED} }} ] }}"#
    );
    let c = simulate_all(&parse_scenario(&same).unwrap());
    let (x, y) = (
        &c[0].policy(PolicyKind::Jit).unwrap().total_cost_per_year,
        &c[1].policy(PolicyKind::Jit).unwrap().total_cost_per_year,
    );
    assert_ne!(x.mean(), y.mean());
    let se = (x.se() * x.se() + y.se() * y.se()).sqrt();
    assert!((x.mean() - y.mean()).abs() < 4.0 * se, "{x:?} vs {y:?}");
}

#[test]
fn days_per_year_scales_yearly_figures_and_leaves_horizon_totals() {
    let with = |days: u32| {
        format!(
            r#"{{ "version": 1, "settings": {{ "days_per_year": {days}, "replications": 50 }},
                 "items": [ {{ {NORMAL_FIXED} }} ] }}"#
        )
    };
    let a = simulate(&parse_scenario(&with(365)).unwrap());
    let b = simulate(&parse_scenario(&with(250)).unwrap());
    for (p, q) in a.policies.iter().zip(&b.policies) {
        let ratio = q.holding_cost_per_year.mean() / p.holding_cost_per_year.mean();
        // Holding accrues per day at rate/days-per-year and is scaled back by days per year:
        // the yearly figure is unchanged, the yearly order count scales with the year.
        assert!((ratio - 1.0).abs() < 1e-9, "holding ratio {ratio}");
        let orders = q.orders_per_year.mean() / p.orders_per_year.mean();
        assert!((orders - 250.0 / 365.0).abs() < 1e-9, "orders ratio {orders}");
        let (h, k) = (p.over_horizon(&p.orders_per_year), q.over_horizon(&q.orders_per_year));
        assert!((h.mean() - k.mean()).abs() < 1e-6, "{h:?} vs {k:?}");
    }
}

#[test]
fn problems_are_typed() {
    let errors =
        parse_scenario(&one_item(&format!(r#"{NORMAL_FIXED}, "review_period_days": 400"#)))
            .unwrap_err();
    assert_eq!(errors[0].path, "items[0].review_period_days");
    assert!(matches!(errors[0].problem, Problem::OutOfRange { value, .. } if value == 400.0));
}

/// Every key (and tag value) in `value`, recursively.
fn keys(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                out.push(k.clone());
                if k == "distribution" || k == "policy" || k == "shortage" {
                    out.push(v.as_str().unwrap_or_default().to_owned());
                }
                keys(v, out);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
        _ => {}
    }
}

#[test]
fn the_documentation_names_every_field_and_metric() {
    let doc = include_str!("../docs/scenario.md");
    let mut found = Vec::new();
    for (_, json) in EXAMPLES {
        let spec = read_file(json).unwrap().to_spec().unwrap();
        let written: serde_json::Value =
            serde_json::from_str(&ScenarioFile::from_spec(&spec).to_json()).unwrap();
        keys(&written, &mut found);
        keys(&serde_json::from_str(json).unwrap(), &mut found);
    }
    found.sort();
    found.dedup();
    for key in &found {
        let named = doc.contains(&format!("`{key}`")) || doc.contains(&format!("`\"{key}\"`"));
        assert!(named, "docs/scenario.md does not name `{key}`");
    }
    let model = include_str!("../docs/model.md");
    let s = parse_scenario(include_str!("../examples/bearing.json")).unwrap();
    let c = simulate(&s);
    for (key, _, _) in jitjic::share::results::metrics(
        &c.policies[0],
        "USD",
        jitjic::share::results::Shown {
            priced: true,
            expedite: true,
            storage: true,
            prices: true,
            backup: true,
        },
    ) {
        let (stem, _) =
            key.rsplit_once("_per_year").or(key.rsplit_once("_over_horizon")).unwrap_or((key, ""));
        assert!(model.contains(key) || model.contains(stem), "docs/model.md does not define {key}");
    }
}

#[test]
fn the_warm_up_covers_the_slowest_policys_protection_period() {
    // Lead time 7, the item reviewed daily, one policy reviewed every 14 days: the default
    // warm-up is ⌈7 + 14⌉ = 21 days for every policy of the item; a given one overrides it.
    let json = |settings: &str| {
        format!(
            r#"{{ "version": 1, "settings": {{ {settings} }}, "items": [ {{ {NORMAL_FIXED},
                 "policies": [ {{ "policy": "jit" }},
                               {{ "policy": "R_S", "review_period_days": 14, "order_up_to": 500 }} ] }} ] }}"#
        )
    };
    assert_eq!(parse_scenario(&json("")).unwrap().item().warm_up_days(), 21);
    assert_eq!(parse_scenario(&json(r#""warm_up_days": 3"#)).unwrap().item().warm_up_days(), 3);
}

#[test]
fn bad_suppliers_are_named_with_their_path_and_range() {
    let json = r#"{
        "version": 2,
        "suppliers": [
            { "name": "A", "random_outages": { "availability": 0, "mean_repair_days": 2 } },
            { "name": "B", "random_outages": { "availability": 1.5, "mean_repair_days": 2 } },
            { "name": "A", "random_outages": { "mean_up_days": 0.5, "mean_down_days": 3 } },
            { "name": "C", "random_outages": { "mean_up_days": 20, "availability": 0.9 } },
            { "name": "D", "scheduled_outages": [ { "start_day": 10, "days": 0 }, { "start_day": -1, "days": 3 } ] }
        ],
        "items": [ {
            "supplier": "Nobody",
            "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
            "lead_time": { "distribution": "fixed", "days": 7 }
        } ]
    }"#;
    let got = messages(json);
    let expected = [
        "suppliers[0].random_outages.availability: 0 is out of range; accepted: above 0, up to 1 (share of days up)",
        "suppliers[1].random_outages.availability: 1.5 is out of range; accepted: above 0, up to 1 (share of days up)",
        "suppliers[2].random_outages.mean_up_days: 0.5 is out of range; accepted: from 1 to 36,500 days",
        "suppliers[2].name: \"A\" names two suppliers (suppliers[0] too); names must differ",
        "suppliers[3].random_outages: give \"mean_up_days\" and \"mean_down_days\", or \"availability\" and \"mean_repair_days\"",
        "suppliers[4].scheduled_outages[0].days: 0 is out of range; accepted: whole numbers from 1 to 3,650 days",
        "suppliers[4].scheduled_outages[1].start_day: -1 is out of range; accepted: whole numbers from 0 to 3,649 days",
        "items[0].supplier: \"Nobody\" is not a supplier of this scenario; accepted: \"A\", \"B\", \"A\", \"C\", \"D\"",
    ];
    for e in expected {
        assert!(got.iter().any(|g| g == e), "missing {e:?} in\n{}", got.join("\n"));
    }
    assert_eq!(got.len(), expected.len(), "{}", got.join("\n"));
    // Overlapping windows are a rule of the supplier, checked once the numbers are valid.
    let overlap = r#"{ "version": 2,
        "suppliers": [ { "name": "P", "scheduled_outages": [ { "start_day": 10, "days": 5 }, { "start_day": 12, "days": 1 } ] } ],
        "items": [ { "supplier": "P", "demand": { "distribution": "poisson", "mean": 3 },
                     "lead_time": { "distribution": "fixed", "days": 1 } } ] }"#;
    assert_eq!(
        messages(overlap),
        ["suppliers[0]: the outages starting on days 10 and 12 overlap: make them one"]
    );
    // An availability of 1 is a supplier that never fails; a version 1 file has no suppliers
    // and still loads.
    let always_up = overlap.replace(
        r#""scheduled_outages": [ { "start_day": 10, "days": 5 }, { "start_day": 12, "days": 1 } ]"#,
        r#""random_outages": { "availability": 1, "mean_repair_days": 3 }"#,
    );
    assert!(parse_scenario(&always_up).unwrap().item().supplier().is_none());
    // Up-times are whole days: availability 0.2 with 3-day repairs would mean 3/4-day ones;
    // from 1/(1 + 3) = 0.25 up they are a day or more.
    let too_flaky = always_up.replace(r#""availability": 1"#, r#""availability": 0.2"#);
    assert_eq!(
        messages(&too_flaky),
        ["suppliers[0].random_outages.availability: 0.2 with a mean repair of 3 days means \
          up-times under a day; accepted: from 0.2500, up to 1"]
    );
}

#[test]
fn bad_risks_are_named_with_their_path_and_range() {
    let json = r#"{ "version": 2, "items": [ {
        "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
        "demand_shape": {
            "weekly": [1, 1, 1],
            "seasonality": { "amplitude_pct": 150, "peak_day": 10 },
            "scheduled_shocks": [ { "start_day": 5, "days": 3, "multiplier": -2 } ],
            "random_shocks": { "rate_per_year": 2, "multiplier": 2, "mean_days": 0.5 }
        },
        "perishability": { "shelf_life_days": 0 },
        "obsolescence": { "probability_per_year": 1.2 },
        "supply_yield": { "distribution": "uniform", "min": 0.9, "max": 0.5 },
        "lead_time": { "distribution": "fixed", "days": 7 }
    } ] }"#;
    let got = messages(json);
    let expected = [
        "items[0].demand_shape.weekly: 3 multipliers; accepted: exactly 7",
        "items[0].demand_shape.seasonality.amplitude_pct: 150 is out of range; accepted: from 0 to 100 % of mean demand",
        "items[0].demand_shape.scheduled_shocks[0].multiplier: -2 is out of range; accepted: from 0 to 100 × demand",
        "items[0].demand_shape.random_shocks.mean_days: 0.5 is out of range; accepted: from 1 to 365 days",
        "items[0].perishability.shelf_life_days: 0 is out of range; accepted: whole numbers from 1 to 3,650 days",
        "items[0].obsolescence.probability_per_year: 1.2 is out of range; accepted: from 0 to 1",
        "items[0].supply_yield: min 0.9 is above max 0.5",
    ];
    for e in expected {
        assert!(got.iter().any(|g| g == e), "missing {e:?} in\n{}", got.join("\n"));
    }
    assert_eq!(got.len(), expected.len(), "{}", got.join("\n"));
    // Overlapping shocks are a rule of the shape, checked once the numbers are valid.
    let overlap = json
        .replace(r#""weekly": [1, 1, 1],"#, "")
        .replace(r#""amplitude_pct": 150"#, r#""amplitude_pct": 10"#)
        .replace(
            r#"[ { "start_day": 5, "days": 3, "multiplier": -2 } ]"#,
            r#"[ { "start_day": 5, "days": 3, "multiplier": 2 }, { "start_day": 7, "days": 3, "multiplier": 2 } ]"#,
        )
        .replace(r#""mean_days": 0.5"#, r#""mean_days": 3"#)
        .replace(r#""shelf_life_days": 0"#, r#""shelf_life_days": 4"#)
        .replace(r#""probability_per_year": 1.2"#, r#""probability_per_year": 0.2"#)
        .replace(r#""min": 0.9, "max": 0.5"#, r#""min": 0.5, "max": 0.9"#);
    assert_eq!(
        messages(&overlap),
        ["items[0].demand_shape: the shocks starting on days 5 and 7 overlap: give their combined multiplier as one"]
    );
}

#[test]
fn every_problem_of_a_file_is_reported_at_once() {
    // Type errors in two items, an unknown field and a wrong type in a third: all of them,
    // each at its path, not only the first serde meets.
    let json = r#"{ "version": 4, "items": [
        { "demand": { "distribution": "poisson", "mean": "three" },
          "lead_time": { "distribution": "fixed", "days": 1 } },
        { "demand": { "distribution": "poisson", "mean": 3 },
          "lead_time": { "distribution": "fixed", "days": 1 }, "review_period_days": "weekly" },
        { "demand": { "distribution": "poisson", "mean": 3 },
          "lead_time": { "distribution": "fixed", "days": 1 },
          "costz": {}, "initial_on_hand": [1] } ] }"#;
    let got = messages(json);
    let at = |path: &str| got.iter().any(|m| m.starts_with(&format!("{path}: ")));
    assert!(at("items[0].demand.mean"), "{got:#?}");
    assert!(at("items[1].review_period_days"), "{got:#?}");
    assert!(got.iter().any(|m| m.contains("unknown field `costz`")), "{got:#?}");
    assert!(at("items[2].initial_on_hand"), "{got:#?}");
    assert_eq!(got.len(), 4, "{got:#?}");
    // A rule across fields comes with the out-of-range values, not after they are fixed:
    // the lead time's min above its max, an sd out of range, and a horizon shorter than an
    // item's warm-up.
    let json = r#"{ "version": 4, "settings": { "horizon_days": 5 }, "items": [
        { "demand": { "distribution": "normal", "mean": 20, "sd": -1 },
          "lead_time": { "distribution": "uniform", "min": 9, "max": 6 } },
        { "demand": { "distribution": "poisson", "mean": 3 },
          "lead_time": { "distribution": "fixed", "days": 10 } } ] }"#;
    let got = messages(json);
    assert!(
        got.iter().any(|m| m.starts_with("items[0].demand.sd: -1 is out of range")),
        "{got:#?}"
    );
    assert!(got.iter().any(|m| m.contains("min 9 is above max 6")), "{got:#?}");
    assert!(
        got.iter().any(|m| m.starts_with("settings.horizon_days: ") && m.contains("warm-up")),
        "{got:#?}"
    );
}

#[test]
fn a_field_newer_than_the_files_version_is_refused_with_the_version_it_needs() {
    let json = one_item(&format!(
        r#"{NORMAL_FIXED}, "supplier": "A", "costs": {{ "selling_price_per_unit": 9 }}"#
    ));
    let got = messages(&json);
    assert!(got.contains(&"items[0].supplier: needs format version 2; this file declares version 1 (write \"version\": 2, or leave the field out)".to_owned()), "{got:#?}");
    assert!(got.iter().any(|m| m.starts_with("items[0].costs.selling_price_per_unit: needs format version 4")), "{got:#?}");
}

#[test]
fn a_lost_sale_is_priced_one_way_only() {
    let costs = |c: &str| {
        one_item(&format!(r#"{NORMAL_FIXED}, "costs": {{ {c} }}"#))
            .replace("\"version\": 1", "\"version\": 4")
    };
    let got = messages(&costs(r#""selling_price_per_unit": 9, "lost_sale_per_unit": 3"#));
    assert!(
        got[0].starts_with(
            "items[0].costs: selling_price_per_unit and lost_sale_per_unit are both given"
        ),
        "{got:?}"
    );
    let got = messages(&costs(r#""lost_sale_per_unit": 3, "goodwill_per_unit": 1"#));
    assert!(
        got[0].starts_with(
            "items[0].costs.goodwill_per_unit: \"lost_sale_per_unit\" already includes goodwill"
        ),
        "{got:?}"
    );
    // A lost margin is a price of unit cost + margin.
    let s = parse_scenario(&costs(r#""unit_cost": 30, "lost_margin_per_unit": 12"#)).unwrap();
    assert_eq!(s.item().selling_price(), Some(42.0));
    let got = messages(
        &one_item(&format!(r#"{NORMAL_FIXED}, "payment_terms": {{ "paid": "after_receipt" }}"#))
            .replace("\"version\": 1", "\"version\": 4"),
    );
    assert!(got[0].starts_with("items[0].payment_terms.days: missing"), "{got:?}");
}

#[test]
fn a_scenario_built_an_item_at_a_time_is_the_one_built_at_once_problems_too() {
    use jitjic::share::scenario_file::finished;
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../presets/catalogue.json")).expect("a preset");
    let five = doc["items"].as_array().expect("items").clone();
    let items: Vec<serde_json::Value> = (0..23).map(|i| five[i % five.len()].clone()).collect();
    doc["items"] = items.into();
    // In steps of one, of seven and all at once, against `to_scenario`.
    let in_steps = |doc: &serde_json::Value, n: usize| {
        let file = read_file(&doc.to_string()).expect("a file");
        let mut building = file.to_building().expect("values in range");
        let mut steps = 1;
        while !building.build(n) {
            steps += 1;
        }
        (finished(building), steps)
    };
    let at_once = read_file(&doc.to_string()).expect("a file").to_scenario();
    assert!(at_once.is_ok());
    for (n, steps) in [(1, 23), (7, 4), (usize::MAX, 1)] {
        let (built, taken) = in_steps(&doc, n);
        assert_eq!((built, taken), (at_once.clone(), steps), "{n} items a step");
    }
    // Lead times that spread too far to draw from, on two items: their problems, in item
    // order, the same whichever steps found them (the core finds these, not the range checks).
    for i in [17, 3] {
        doc["items"][i]["lead_time"] =
            serde_json::json!({ "distribution": "lognormal", "mean": 0.001, "sd": 10 });
    }
    let at_once = read_file(&doc.to_string()).expect("a file").to_scenario();
    let problems = at_once.clone().expect_err("lead times that cannot be drawn");
    let paths: Vec<&str> = problems.iter().map(|p| p.path.as_str()).collect();
    assert_eq!(paths, ["items[3].lead_time", "items[17].lead_time"], "{problems:?}");
    for n in [1, 7] {
        assert_eq!(in_steps(&doc, n).0, at_once, "{n} items a step");
    }
}
