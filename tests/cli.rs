//! The `jitjic` command-line tool, run as a person would: exit statuses, messages, and results
//! that match hand computation.
#![cfg(not(target_arch = "wasm32"))]

#[path = "common/cli.rs"]
mod run;

use std::process::Command;

use run::{jitjic, text};

/// Demand 20/day exactly, lead time 5, unit cost 10, holding 25 %/year, order cost 20,
/// backorder 2, 60 days: JIT orders 20 a day and holds nothing; JIC holds its 100-unit buffer.
const CONSTANT_DEMAND: f64 = 20.0;
const CONSTANT: &str = r#"{
  "version": 1,
  "settings": { "horizon_days": 60, "replications": 3, "seed": 7 },
  "items": [ {
    "name": "Constant, \"exact\"",
    "demand": { "distribution": "normal", "mean": 20, "sd": 0 },
    "lead_time": { "distribution": "fixed", "days": 5 },
    "costs": { "unit_cost": 10, "holding_rate_pct_per_year": 25, "storage_per_unit_day": 0,
               "order_cost": 20, "backorder_per_unit_day": 2 },
    "policies": [ { "policy": "jit" }, { "policy": "jic", "buffer_days": 5 } ]
  } ]
}"#;

/// `CONSTANT` with its daily rule fixed, so the optimiser sweeps the buffer alone (with the
/// rule free, an order cost of 20 makes bigger, rarer orders pay: `tests/rules.rs`).
fn constant_fixed() -> String {
    CONSTANT
        .replace(r#""version": 1"#, r#""version": 6"#)
        .replace(r#""lead_time": {"#, r#""rule_fixed": true, "lead_time": {"#)
}

#[test]
fn simulate_prints_json_that_matches_hand_computation() {
    let out = jitjic(&["simulate", "-"], Some(CONSTANT));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let item = &json["items"][0];
    assert_eq!(item["name"], "Constant, \"exact\"");
    assert_eq!(item["warm_up_days"], 6);
    assert_eq!(item["measured_days"], 54);
    let metric = |policy: usize, key: &str| {
        item["policies"][policy]["metrics"][key]["mean"].as_f64().unwrap()
    };
    // JIT: 7,300 units a year at $10, 365 orders at $20, nothing held.
    assert!((metric(0, "purchase_cost_per_year") - 73_000.0).abs() < 1e-6);
    assert!((metric(0, "ordering_cost_per_year") - 7_300.0).abs() < 1e-6);
    assert!((metric(0, "total_cost_per_year") - 80_300.0).abs() < 1e-6);
    assert_eq!(metric(0, "fill_rate"), 1.0);
    assert_eq!(item["policies"][0]["turns_per_year"], serde_json::Value::Null);
    // JIC: $250 a year of holding on 100 units, $1,000 tied up, 73 turns; 54 of 365 days.
    assert!((metric(1, "holding_cost_per_year") - 250.0).abs() < 1e-9);
    assert!((metric(1, "holding_cost_over_horizon") - 250.0 * 54.0 / 365.0).abs() < 1e-9);
    assert_eq!(metric(1, "avg_inventory_value"), 1_000.0);
    let turns = item["policies"][1]["turns_per_year"]["mean"].as_f64().unwrap();
    assert!((turns - 73.0).abs() < 1e-9);
    assert_eq!(item["policies"][1]["metrics"]["holding_cost_per_year"]["unit"], "USD/year");
    assert_eq!(item["policies"][1]["order_up_to_units"], 220.0);
    assert!(item["policies"][1].get("trajectory").is_none());
}

#[test]
fn the_trajectory_is_there_when_asked_for() {
    let out = jitjic(&["simulate", "-", "--trajectory"], Some(CONSTANT));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let days = json["items"][0]["policies"][1]["trajectory"]["mean_on_hand_by_day"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect::<Vec<_>>();
    assert_eq!(days.len(), 60);
    assert_eq!(days[0], 200.0);
    assert!(days[6..].iter().all(|&d| d == 100.0));
}

#[test]
fn csv_has_one_row_per_item_and_policy_and_quotes_names() {
    let out = jitjic(&["simulate", "examples/catalogue.json", "--csv"], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 16, "a header and 16 item-policy rows");
    let header: Vec<&str> = lines[0].split(',').collect();
    assert_eq!(&header[..3], ["item", "policy", "kind"]);
    assert!(header.contains(&"fill_rate_se") && header.contains(&"total_cost_over_horizon"));
    // Names with commas are quoted: "Housing casting (overseas supplier)" has none, the
    // constant example's does.
    let out = jitjic(&["simulate", "-", "--csv"], Some(CONSTANT));
    let row = text(&out.stdout).lines().nth(1).unwrap().to_owned();
    assert!(row.starts_with(r#""Constant, ""exact""",JIT,jit,1,120,"#), "{row}");
}

#[test]
fn validate_says_how_much_work_and_refuses_bad_files() {
    let out = jitjic(&["validate", "examples/bearing.json"], None);
    assert!(out.status.success());
    let said = text(&out.stdout);
    assert!(said.contains("valid: 1 item, 5 policies, 2000 replications of 365 days"), "{said}");
    // The estimate of the work (core::work), for simulate and for optimise.
    assert!(said.contains("\nwork: simulate: 6.7 million policy-days, about 0.1 s"), "{said}");
    assert!(said.contains("\nwork: optimise: "), "{said}");

    let bad = CONSTANT.replace(r#""sd": 0"#, r#""sd": -4"#);
    for command in ["validate", "simulate"] {
        let out = jitjic(&[command, "-"], Some(&bad));
        assert_eq!(out.status.code(), Some(1), "{command}");
        assert!(out.stdout.is_empty());
        let err = text(&out.stderr);
        assert!(
            err.contains(
                "items[0].demand.sd: -4 is out of range; accepted: from 0 to 1,000,000 units/day"
            ),
            "{err}"
        );
    }
}

#[test]
fn usage_and_unreadable_files_exit_with_2() {
    let out = jitjic(&["simulate", "no/such/file.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read no/such/file.json"));
    let out = jitjic(&["frobnicate"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("unknown command"));
    let out = jitjic(&["--help"], None);
    assert!(out.status.success());
    assert!(text(&out.stdout).contains("jitjic simulate <scenario.json>"));
}

#[test]
fn items_spread_over_threads_give_the_library_s_numbers() {
    let json = include_str!("../examples/catalogue.json");
    let out = jitjic(&["simulate", "examples/catalogue.json"], None);
    assert!(out.status.success());
    let s = jitjic::share::parse_scenario(json).unwrap();
    let expected =
        jitjic::share::results::ResultsFile::new(&s, &jitjic::core::simulate_all(&s), false);
    assert_eq!(text(&out.stdout), expected.to_json() + "\n");
}

#[test]
fn optimise_prints_each_items_frontier_advice_and_portfolio() {
    // Constant demand and lead time: every buffer is stock never used, so JIT (0 days) is
    // the cheapest and the item runs lean. Demand is whole units, so levels are: a buffer
    // under half a unit (0.02 days of 20 a day) is JIT's level, and only those cost the same.
    let out = jitjic(&["optimise", "-"], Some(&constant_fixed()));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let item = &json["items"][0];
    let optimum = &item["optimum"];
    assert_eq!(optimum["buffer_days"], 0.0);
    assert_eq!(optimum["rules"].as_array().unwrap().len(), 1);
    assert_eq!(optimum["rule"]["family"], "order-up-to");
    let same = optimum["same_cost_buffer_days"].as_array().unwrap();
    assert_eq!(same[0], 0.0);
    assert!(same[1].as_f64().unwrap() * CONSTANT_DEMAND < 0.5, "{same:?}");
    assert_eq!(optimum["stance"], "lean");
    assert!(optimum["advice"].as_str().unwrap().starts_with("Lean:"));
    // "Practically the same" by default: 5 % of JIT's operating cost, which is its ordering
    // alone (an order of 20 a day at 20 each, nothing held): 0.05 × 20 × 365 = 365 a year.
    let practical = optimum["practically_same_per_year"].as_f64().unwrap();
    assert!((practical - 365.0).abs() < 1e-9, "{practical}");
    assert_eq!(optimum["jit"]["cost_above_optimum_per_year"]["mean"], 0.0);
    let points = item["points"].as_array().unwrap();
    // A straight cost line has no bends to refine: fewer points than asked for.
    assert!((10..=30).contains(&points.len()), "{} points", points.len());
    // From below JIT (halfway to a level of 0: the protection period is 6 days) upwards.
    assert_eq!(points[0]["buffer_days"], -3.0);
    assert!(points.iter().any(|p| p["buffer_days"] == 0.0));
    // A buffer of b days is b days of the mean demand.
    let last = points.last().unwrap();
    let (days, units) =
        (last["buffer_days"].as_f64().unwrap(), last["buffer_units"].as_f64().unwrap());
    assert!(
        days >= 10.0 && (units - days * CONSTANT_DEMAND).abs() < 1e-9,
        "{days} days, {units} units"
    );
    let portfolio = &json["portfolio"];
    assert_eq!(portfolio["classes"][0]["abc"], "A");
    assert_eq!(portfolio["exchange_curve"].as_array().unwrap().len(), 1, "JIT is the optimum");
    // Set as an amount, it is that amount.
    let amount = CONSTANT.replace(
        r#""version": 1,
  "settings": {"#,
        r#""version": 5,
  "settings": { "practically_same": { "per_year": 250 },"#,
    );
    let out = jitjic(&["optimise", "-"], Some(&amount));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["items"][0]["optimum"]["practically_same_per_year"], 250.0);
    let bad = CONSTANT.replace(r#""sd": 0"#, r#""sd": -4"#);
    assert_eq!(jitjic(&["optimise", "-"], Some(&bad)).status.code(), Some(1));
}

#[test]
fn optimise_writes_the_plan_that_simulate_reproduces() {
    // The web shop's phone case: a weekly pattern (levels by day of the week), whole units.
    let dir = std::env::temp_dir().join(format!("jitjic-plan-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(include_str!("../presets/ecommerce.json")).unwrap();
    doc["settings"]["replications"] = serde_json::json!(40);
    let scenario = doc.to_string();
    let plan = dir.join("plan.json");
    let plan_path = plan.to_str().unwrap();
    let out = jitjic(&["optimise", "-", "--points", "9", "--plan", plan_path], Some(&scenario));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let optimised: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let optimum = &optimised["items"][0]["optimum"];
    assert_eq!(optimum["erp"]["time_phased"], true);
    assert_eq!(optimum["erp"]["whole_units"], true);
    assert_eq!(optimum["erp"]["periods"][0]["levels"].as_array().unwrap().len(), 7);
    let file: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&plan).unwrap()).unwrap();
    let policies = file["items"][0]["policies"].as_array().unwrap();
    assert_eq!(policies.len(), 1);
    assert_eq!(policies[0]["policy"], "plan");
    let out = jitjic(&["simulate", plan_path], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let simulated: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let metrics = &simulated["items"][0]["policies"][0]["metrics"];
    assert_eq!(metrics["total_cost_per_year"]["mean"], optimum["total_cost_per_year"]["mean"]);
    // A plan the file system refuses is a usage error.
    let out = jitjic(
        &["optimise", "-", "--points", "9", "--plan", "/nonexistent/dir/p.json"],
        Some(&scenario),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--plan: cannot write"), "{}", text(&out.stderr));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn optimise_finds_a_service_target_exports_erp_terms_and_refuses_100_percent() {
    let args = ["optimise", "-", "--fill-rate", "99", "--points", "15"];
    let out = jitjic(&args, Some(&constant_fixed()));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let target = &json["items"][0]["optimum"]["service_target"];
    assert_eq!(target["kind"], "fill_rate");
    assert_eq!(target["reached"], true);
    // Nothing is uncertain: JIT fills every unit, and a level 1 % under it (−0.01 days) still
    // fills 99 % of them: the smallest buffer that reaches the target.
    let b = target["buffer_days"].as_f64().unwrap();
    assert!((-0.0105..=0.0).contains(&b), "{b}");
    let out = jitjic(&["optimise", "-", "--csv", "--points", "9"], Some(&constant_fixed()));
    let csv = text(&out.stdout);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[0].starts_with("item,stance,buffer_days,"));
    assert!(lines[1].contains(",lean,0,"), "{csv}");
    let out = jitjic(&["optimise", "-", "--cycle-service-level", "100"], Some(CONSTANT));
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("--cycle-service-level") && err.contains("infinite buffer"), "{err}");
    let out = jitjic(&["optimise", "-", "--budget", "-5"], Some(CONSTANT));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("--budget: -5 is out of range"), "{}", text(&out.stderr));
}

#[test]
fn docs_define_every_figure_optimise_prints() {
    fn keys(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::Object(map) => {
                for (k, v) in map {
                    out.push(k.clone());
                    keys(v, out);
                }
            }
            serde_json::Value::Array(items) => items.iter().for_each(|v| keys(v, out)),
            _ => {}
        }
    }
    let file = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/bearing.json");
    let out = jitjic(
        &[
            "optimise",
            file,
            "--sensitivity",
            "--fill-rate",
            "99",
            "--points",
            "9",
            "--budget",
            "5000",
        ],
        None,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut found = Vec::new();
    keys(&json, &mut found);
    found.sort();
    found.dedup();
    let model = include_str!("../docs/model.md");
    // The envelope and each estimate's own fields are the results file's, defined there.
    let common = ["version", "generator", "currency", "items", "name", "mean", "se", "unit"];
    let missing: Vec<&String> = found
        .iter()
        .filter(|k| !common.contains(&k.as_str()))
        .filter(|k| {
            let stem = k.strip_suffix("_per_year").unwrap_or(k);
            !(model.contains(&format!("`{k}`")) || model.contains(stem))
        })
        .collect();
    assert!(missing.is_empty(), "docs/model.md does not define {missing:?}");
}

#[test]
fn link_and_decode_turn_a_scenario_into_a_share_link_and_back() {
    let out =
        jitjic(&["link", "-", "--base", "https://wiki.example/tools/jitjic/"], Some(CONSTANT));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let link = text(&out.stdout).trim().to_owned();
    assert!(link.starts_with("https://wiki.example/tools/jitjic/#1."), "{link}");
    let out = jitjic(&["decode", &link], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let back: serde_json::Value = serde_json::from_str(&text(&out.stdout)).unwrap();
    let original: serde_json::Value = serde_json::from_str(CONSTANT).unwrap();
    assert_eq!(back, original, "decode prints the file that went in");
    // The part after the # alone decodes too.
    let fragment = link.split_once('#').unwrap().1;
    assert!(jitjic(&["decode", fragment], None).status.success());

    // A damaged link: exit 1 and what was wrong; an invalid file is not turned into a link.
    let cut = &link[..link.len() - 20];
    let out = jitjic(&["decode", cut], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("damaged"), "{}", text(&out.stderr));
    let bad = CONSTANT.replace("\"mean\": 20", "\"mean\": -20");
    let out = jitjic(&["link", "-"], Some(&bad));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("items[0].demand.mean"), "{}", text(&out.stderr));
    let out = jitjic(&["link", "-", "--item", "2"], Some(CONSTANT));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("1 item"), "{}", text(&out.stderr));
}

#[test]
fn validate_notes_what_runs_but_may_not_mean_what_was_meant() {
    let json = r#"{ "version": 4, "items": [ {
        "demand": { "distribution": "normal", "mean": 20, "sd": 4 },
        "lead_time": { "distribution": "normal", "mean": 1, "sd": 2 },
        "review_period_days": 7,
        "order_limits": { "maximum": 100 } } ] }"#;
    let out = jitjic(&["validate", "-"], Some(json));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("note: items[0].lead_time: the lead time as simulated, in whole days (rounded to the nearest day, none below 0), averages 1.39 days, not the 1 typed"), "{said}");
    assert!(said.contains("note: items[0].order_limits.maximum: a maximum order of 100 units is below the 140 units a review period needs"), "{said}");
}

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_text_is_a_message_not_an_abort() {
    use std::os::unix::ffi::OsStrExt;
    let odd = std::ffi::OsStr::from_bytes(b"\xff\xfe.json");
    for args in [vec![odd], vec![std::ffi::OsStr::new("validate"), odd]] {
        let out = Command::new(env!("CARGO_BIN_EXE_jitjic")).args(&args).output().unwrap();
        // Exit status 2 (a usage or file problem), never a signal.
        assert_eq!(out.status.code(), Some(2), "{args:?}: {out:?}");
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn decode_reads_standard_input_and_link_refuses_what_decode_would() {
    let link = jitjic(&["link", "-"], Some(CONSTANT));
    assert!(link.status.success());
    let fragment = text(&link.stdout);
    let out = jitjic(&["decode", "-"], Some(&fragment));
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("\"Constant, \\\"exact\\\"\""));
    // A scenario whose link would be over the decoder's cap: 1,000 items with long
    // histories of random numbers (incompressible).
    let mut x: u64 = 7;
    let mut item = |k: usize| {
        let history: Vec<String> = (0..400)
            .map(|_| {
                x = x.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                format!("{}", (x >> 33) % 100_000)
            })
            .collect();
        format!(
            r#"{{ "name": "I{k}", "demand": {{ "distribution": "empirical", "history": [{}] }},
                 "lead_time": {{ "distribution": "fixed", "days": 2 }} }}"#,
            history.join(",")
        )
    };
    let items: Vec<String> = (0..1_000).map(&mut item).collect();
    let big = format!(r#"{{ "version": 4, "items": [{}] }}"#, items.join(","));
    let out = jitjic(&["link", "-"], Some(&big));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("a link holds up to 500000"), "{}", text(&out.stderr));
    assert!(out.stdout.is_empty());
}

#[test]
fn names_that_a_spreadsheet_would_run_are_written_inert_in_every_csv() {
    let scenario = CONSTANT
        .replace(r#""Constant, \"exact\"""#, r#""=HYPERLINK(\"http://x\",\"a\")""#)
        .replace(r#"{ "policy": "jit" }"#, r#"{ "policy": "jit", "name": "@SUM(1)" }"#);
    let out = jitjic(&["simulate", "-", "--csv"], Some(&scenario));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    for line in csv.lines().skip(1) {
        assert!(line.starts_with(r#""'=HYPERLINK(""http://x"",""a"")""#), "{line}");
        assert!(line.contains(",'@SUM(1),") || line.contains(",JIC 5 days,"), "{line}");
        assert!(!line.contains(",=") && !line.contains(",@") && !line.contains(",+"), "{line}");
    }
    let out = jitjic(&["optimise", "-", "--csv", "--points", "7"], Some(&scenario));
    assert!(out.status.success(), "{}", text(&out.stderr));
    let csv = text(&out.stdout);
    let row = csv.lines().nth(1).unwrap();
    assert!(row.starts_with(r#""'=HYPERLINK("#), "{row}");
    // Negative numbers stay numbers: nothing else in a row starts with an apostrophe.
    assert_eq!(row.matches(",'").count(), 0, "{row}");
}
