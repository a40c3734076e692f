//! A catalogue streamed through the CLI (`--items`): each record's results are the same bits
//! as the same item in one scenario file at the same place, whatever the shards or pieces; bad
//! records are named by line and place while the others go on.
#![cfg(not(target_arch = "wasm32"))]

use std::process::Output;

#[path = "common/cli.rs"]
mod run;

use run::{jitjic, text};

use serde_json::{json, Value};

/// A file in a folder of this test's own.
fn file(name: &str, contents: &str) -> String {
    let dir = std::env::temp_dir().join(format!("jitjic-catalogue-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path.to_string_lossy().into_owned()
}

/// The catalogue preset's header (settings and suppliers, with outages) at `replications`,
/// and its items repeated to `n`, each named apart.
fn catalogue(n: usize, replications: u32) -> (Value, Vec<Value>) {
    let mut preset: Value =
        serde_json::from_str(include_str!("../presets/catalogue.json")).unwrap();
    let items = preset.as_object_mut().unwrap().remove("items").unwrap();
    let items = items.as_array().unwrap();
    preset["settings"]["replications"] = json!(replications);
    let many = (0..n)
        .map(|i| {
            let mut item = items[i % items.len()].clone();
            item["name"] = json!(format!("SKU {i}"));
            item
        })
        .collect();
    (preset, many)
}

fn jsonl(header: Option<&Value>, items: &[Value]) -> String {
    header.iter().copied().chain(items).map(|v| v.to_string() + "\n").collect()
}

fn whole(header: &Value, items: &[Value]) -> String {
    let mut doc = header.clone();
    doc["items"] = json!(items);
    doc.to_string()
}

/// Each output line as JSON, with its position and line taken out.
fn records(out: &Output) -> Vec<(u64, Value)> {
    text(&out.stdout)
        .lines()
        .map(|l| {
            let mut v: Value = serde_json::from_str(l).unwrap();
            let position = v["position"].as_u64().unwrap();
            let object = v.as_object_mut().unwrap();
            object.remove("position");
            object.remove("line");
            (position, v)
        })
        .collect()
}

#[test]
fn a_streamed_catalogue_gives_each_item_the_results_it_has_in_one_file() {
    let (header, items) = catalogue(24, 60);
    let stream = jitjic(&["simulate", "--items", "-"], Some(&jsonl(Some(&header), &items)));
    assert!(stream.status.success(), "{}", text(&stream.stderr));
    let one = jitjic(&["simulate", &file("whole.json", &whole(&header, &items))], None);
    assert!(one.status.success(), "{}", text(&one.stderr));
    let one: Value = serde_json::from_slice(&one.stdout).unwrap();
    let got = records(&stream);
    assert_eq!(got.len(), 24);
    for (k, (position, record)) in got.iter().enumerate() {
        assert_eq!(*position, k as u64, "in input order");
        assert_eq!(record, &one["items"][k], "item {k}");
    }
    // The header from a file instead of the first line: the same.
    let header_file = file("header.json", &header.to_string());
    let again = jitjic(&["simulate", &header_file, "--items", "-"], Some(&jsonl(None, &items)));
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(records(&again), got);
}

#[test]
fn shards_and_pieces_give_the_same_bits_in_any_order() {
    let (header, items) = catalogue(17, 40);
    let path = file("shards.jsonl", &jsonl(Some(&header), &items));
    let whole = records(&jitjic(&["simulate", "--items", &path], None));
    let mut sharded = Vec::new();
    for k in [3, 1, 2] {
        let out = jitjic(&["simulate", "--items", &path, "--shard", &format!("{k}/3")], None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        let got = records(&out);
        assert!(got.iter().all(|(p, _)| p % 3 == k - 1), "shard {k} holds its own positions");
        sharded.extend(got);
    }
    sharded.sort_by_key(|(p, _)| *p);
    assert_eq!(sharded, whole);
    // A piece of the catalogue started at its position.
    let header_file = file("piece-header.json", &header.to_string());
    let second = jsonl(None, &items[10..]);
    let out = jitjic(
        &["simulate", &header_file, "--items", "-", "--first-position", "10"],
        Some(&second),
    );
    assert_eq!(records(&out), whole[10..]);
    // Without it, the same items are other positions, so other draws.
    let moved = records(&jitjic(&["simulate", &header_file, "--items", "-"], Some(&second)));
    assert_ne!(moved[0].1, whole[10].1);
}

#[test]
fn a_csv_item_list_streams_as_its_items() {
    let template = jitjic::share::items_csv::template();
    let mut lines = template.lines();
    let head = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let mut csv = format!("{head}\n");
    for i in 0..8 {
        let row = rows[i % rows.len()];
        // The row without its name (quoted when it holds a comma).
        let (_, rest) =
            if row.starts_with('"') { row.split_once("\",") } else { row.split_once(',') }.unwrap();
        csv.push_str(&format!("\"Item {i}\",{rest}\n"));
    }
    let out = jitjic(&["simulate", "--items", &file("items.csv", &csv)], None);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let items = jitjic::share::items_csv::read_items(&csv).unwrap();
    let header = json!({ "version": jitjic::share::VERSION });
    let one = jitjic(&["simulate", &file("csv-whole.json", &whole(&header, &items))], None);
    assert!(one.status.success(), "{}", text(&one.stderr));
    let one: Value = serde_json::from_slice(&one.stdout).unwrap();
    for (k, (_, record)) in records(&out).iter().enumerate() {
        assert_eq!(record, &one["items"][k], "row {k}");
    }
    // As CSV: the whole file's rows, with position, line and an empty error in front.
    let rows = jitjic(&["simulate", "--items", &file("items2.csv", &csv), "--csv"], None);
    let rows = text(&rows.stdout);
    let first = rows.lines().nth(1).unwrap();
    assert!(first.starts_with("0,2,,Item 0,"), "{first}");
    assert_eq!(rows.lines().count(), 1 + 8 * 2, "a header and two policies an item");
    // A lever's cells are empty for an item without it (item 1 has no backup), filled for
    // one with it (item 0 splits its orders with a backup).
    let header: Vec<&str> = rows.lines().next().unwrap().split(',').collect();
    let at = header.iter().position(|c| *c == "backup_cost_per_year").unwrap();
    let cell = |row: usize| {
        let line = rows.lines().nth(row).unwrap();
        let record = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(line.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap();
        record[at].to_owned()
    };
    assert!(cell(1).parse::<f64>().unwrap() > 0.0, "item 0's backup cost");
    assert_eq!(cell(3), "", "item 1 has no backup");
}

#[test]
fn optimising_a_catalogue_gives_each_item_its_optimum_and_plan() {
    let (header, items) = catalogue(4, 40);
    let stream =
        jitjic(&["optimise", "--items", "-", "--points", "9"], Some(&jsonl(Some(&header), &items)));
    assert!(stream.status.success(), "{}", text(&stream.stderr));
    let one =
        jitjic(&["optimise", &file("opt.json", &whole(&header, &items)), "--points", "9"], None);
    let one: Value = serde_json::from_slice(&one.stdout).unwrap();
    for (k, (_, record)) in records(&stream).iter().enumerate() {
        assert_eq!(record, &one["items"][k], "item {k}");
        assert!(record["optimum"]["erp"].is_object(), "{record}");
    }
    let csv = jitjic(
        &["optimise", "--items", "-", "--points", "9", "--csv"],
        Some(&jsonl(Some(&header), &items)),
    );
    let csv = text(&csv.stdout);
    assert!(csv.starts_with("position,line,error,item,stance,"), "{csv}");
    assert!(csv.lines().nth(1).unwrap().starts_with("0,2,,SKU 0,"), "{csv}");
}

#[test]
fn bad_records_are_named_and_the_others_go_on() {
    let (header, items) = catalogue(3, 20);
    let mut bad = items[1].clone();
    bad["demand"]["mean"] = json!(-4);
    let input = format!(
        "{}{}\n{}\nnot json\n{}",
        jsonl(Some(&header), &items[..1]),
        bad,
        items[2],
        // A last line cut short.
        &items[2].to_string()[..30]
    );
    let out = jitjic(&["simulate", "--items", "-"], Some(&input));
    assert_eq!(out.status.code(), Some(1), "some failed");
    assert!(text(&out.stderr).contains("3 of 5 items failed"), "{}", text(&out.stderr));
    let lines: Vec<Value> =
        text(&out.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[1]["line"], 3);
    let error = lines[1]["error"].as_str().unwrap();
    assert!(error.starts_with("line 3: demand.mean: -4"), "{error}");
    assert!(lines[2]["policies"].is_array(), "the next record runs");
    let error = lines[3]["error"].as_str().unwrap();
    assert!(error.starts_with("line 5: an item is one JSON object"), "{error}");
    let error = lines[4]["error"].as_str().unwrap();
    assert!(error.starts_with("line 6: column "), "{error}");
    // A CSV cell names its column.
    let csv = "name,demand_distribution,demand_mean,lead_time_distribution,lead_time_days\n\
               A,poisson,3,fixed,2\nB,poisson,x,fixed,2\nC,poisson,-1,fixed,2\n";
    let out = jitjic(&["simulate", "--items", "-", "--csv"], Some(csv));
    assert_eq!(out.status.code(), Some(1));
    let rows = text(&out.stdout);
    assert!(rows.contains("1,3,\"line 3: demand_mean: \"\"x\"\" is not a number\""), "{rows}");
    assert!(rows.contains("2,4,\"line 4: demand_mean: -1 is out of range"), "{rows}");
    let header_columns = rows.lines().next().unwrap().matches(',').count();
    for row in rows.lines().filter(|r| r.starts_with("1,") || r.starts_with("2,")) {
        let cells = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(row.as_bytes())
            .records()
            .next()
            .unwrap()
            .unwrap()
            .len();
        assert_eq!(cells, header_columns + 1, "{row}");
    }
}

#[test]
fn the_command_line_of_a_catalogue() {
    let out = jitjic(&["simulate", "--items", "-", "--shard", "4/3"], Some(""));
    assert!(text(&out.stderr).contains("--shard: \"4/3\""), "{}", text(&out.stderr));
    let out = jitjic(&["simulate", "a.json", "--shard", "1/2"], None);
    assert!(text(&out.stderr).contains("for a catalogue given with --items"));
    let out = jitjic(&["optimise", "--items", "-", "--plan", "x.json"], Some(""));
    assert!(text(&out.stderr).contains("--plan"), "{}", text(&out.stderr));
    let out = jitjic(&["simulate", "--items", "-"], Some("{\"version\": 11, \"items\": []}\n"));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("leave items out"), "{}", text(&out.stderr));
    // An empty catalogue is done at once.
    let out = jitjic(&["simulate", "--items", "-"], Some(""));
    assert!(out.status.success());
}

/// The portfolio of a whole scenario file and of the same items streamed: `(totals, classes,
/// cells, exchange curve as (cash, cost))`, the file's laid out as the catalogue's.
fn portfolio_parts(file_portfolio: &Value, catalogue: &Value) -> [(Value, Value); 4] {
    let totals =
        |p: &Value| json!([p["jit_everywhere"], p["jic_everywhere"], p["each_at_its_optimum"]]);
    let classes = |p: &Value, with_position: bool| {
        let mut cs = p["classes"].as_array().unwrap().clone();
        for c in &mut cs {
            if with_position {
                c.as_object_mut().unwrap().remove("position");
            }
        }
        json!(cs)
    };
    let file_curve: Vec<Value> = file_portfolio["exchange_curve"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| json!([p["cash_tied_up"], p["total_cost_per_year"]]))
        .collect();
    let c = &catalogue["exchange_curve"];
    let curve: Vec<Value> = std::iter::once(&c["start"])
        .chain(c["steps"].as_array().unwrap())
        .map(|p| json!([p["cash_tied_up"], p["total_cost_per_year"]]))
        .collect();
    [
        (totals(file_portfolio), totals(catalogue)),
        (classes(file_portfolio, false), classes(catalogue, true)),
        (file_portfolio["cells"].clone(), catalogue["cells"].clone()),
        (json!(file_curve), json!(curve)),
    ]
}

#[test]
fn a_catalogues_portfolio_is_one_processs_bit_for_bit_however_it_is_gathered() {
    let (header, mut items) = catalogue(11, 40);
    // One item with nothing to optimise: counted, left out of the totals.
    items.insert(
        5,
        json!({ "name": "Nothing", "demand": { "distribution": "poisson", "mean": 0 },
                "lead_time": { "distribution": "fixed", "days": 2 } }),
    );
    let header_path = file("portfolio-header.json", &header.to_string());
    let items_path = file("portfolio-items.jsonl", &jsonl(None, &items));
    let optimise = |extra: &[&str]| {
        let mut args = vec![
            "optimise",
            &header_path,
            "--items",
            &items_path,
            "--points",
            "9",
            "--for-portfolio",
        ];
        args.extend_from_slice(extra);
        let out = jitjic(&args, None);
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let records = optimise(&[]);
    let one = jitjic(&["portfolio", "-"], Some(&records));
    assert!(one.status.success(), "{}", text(&one.stderr));
    let one: Value = serde_json::from_slice(&one.stdout).unwrap();
    assert_eq!((one["items"].as_u64(), one["nothing_to_optimise"].as_u64()), (Some(11), Some(1)));
    assert_eq!(one["replications"], 40);

    // Against the whole file in one process: every total, class, cell and point of the
    // exchange curve, to the bit.
    let whole_file = file("portfolio-whole.json", &whole(&header, &items));
    let file_out = jitjic(&["optimise", &whole_file, "--points", "9"], None);
    let file_out: Value = serde_json::from_slice(&file_out.stdout).unwrap();
    for (k, (expected, got)) in portfolio_parts(&file_out["portfolio"], &one).iter().enumerate() {
        assert_eq!(expected, got, "part {k}");
    }

    // Shards added up apart (`--partial`) and merged in another order: the same document.
    let partials: Vec<String> = ["1/3", "2/3", "3/3"]
        .iter()
        .map(|shard| {
            let out =
                jitjic(&["portfolio", "--partial", "-"], Some(&optimise(&["--shard", shard])));
            assert!(out.status.success(), "{}", text(&out.stderr));
            text(&out.stdout)
        })
        .collect();
    let merged = format!("{}{}{}", partials[2], partials[0], partials[1]);
    let again = jitjic(&["portfolio", "-"], Some(&merged));
    assert!(again.status.success(), "{}", text(&again.stderr));
    assert_eq!(serde_json::from_slice::<Value>(&again.stdout).unwrap(), one);

    // Worked apart from the engine's sums: each replication's total over the records' own
    // costs, then their mean; and the optimum's total is the sum of the items' optima.
    let lines: Vec<Value> = records.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let shares: Vec<&Value> = lines.iter().filter_map(|r| r.get("portfolio")).collect();
    assert_eq!(shares.len(), 11);
    let replication_total = |r: usize| -> f64 {
        shares.iter().map(|s| s["optimum"]["cost_by_replication"][r].as_f64().unwrap()).sum()
    };
    let mean = (0..40).map(replication_total).sum::<f64>() / 40.0;
    let got = one["each_at_its_optimum"]["total_cost_per_year"]["mean"].as_f64().unwrap();
    assert!((got - mean).abs() <= 1e-9 * mean, "{got} against {mean}");
    let optima: f64 =
        lines.iter().filter_map(|r| r["optimum"]["total_cost_per_year"]["mean"].as_f64()).sum();
    assert!((got - optima).abs() <= 1e-9 * optima, "{got} against {optima}");

    // A budget halfway: the same allocation as the file's, item by item.
    let (start, end) = (
        one["exchange_curve"]["start"]["cash_tied_up"].as_f64().unwrap(),
        one["each_at_its_optimum"]["cash_tied_up"].as_f64().unwrap(),
    );
    let budget = format!("{}", (start + end) / 2.0);
    let step = jitjic(&["portfolio", "-", "--budget", &budget], Some(&records));
    let step: Value = serde_json::from_slice(&step.stdout).unwrap();
    let chosen = &step["budget_allocation"];
    let file_budget =
        jitjic(&["optimise", &whole_file, "--points", "9", "--budget", &budget], None);
    let file_budget: Value = serde_json::from_slice(&file_budget.stdout).unwrap();
    let expected = &file_budget["portfolio"]["budget_allocation"];
    assert_eq!(chosen["cash_tied_up"], expected["cash_tied_up"]);
    assert!(chosen["cash_tied_up"].as_f64().unwrap() <= (start + end) / 2.0);
    let buffers: Vec<Value> =
        chosen["buffers"].as_array().unwrap().iter().map(|b| b["buffer_days"].clone()).collect();
    assert_eq!(json!(buffers), expected["buffer_days"]);
    let positions: Vec<u64> = chosen["buffers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["position"].as_u64().unwrap())
        .collect();
    assert!(!positions.contains(&5), "the item with nothing to optimise has no buffer");
}

#[test]
fn the_portfolio_step_says_what_it_cannot_add() {
    let (header, items) = catalogue(2, 20);
    let input = jsonl(Some(&header), &items);
    let plain = text(&jitjic(&["optimise", "--items", "-", "--points", "7"], Some(&input)).stdout);
    let out = jitjic(&["portfolio", "-"], Some(&plain));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("line 1: the record has no portfolio data"));
    assert!(text(&out.stderr).contains("--for-portfolio"));
    let records = text(
        &jitjic(&["optimise", "--items", "-", "--points", "7", "--for-portfolio"], Some(&input))
            .stdout,
    );
    // The same record twice would count it twice.
    let out = jitjic(&["portfolio", "-"], Some(&format!("{records}{records}")));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("position 0 appears twice"), "{}", text(&out.stderr));
    // A failed record is counted and the status says so.
    let failed =
        "{\"position\":2,\"line\":4,\"error\":\"line 4: demand.mean: -4 is out of range\"}\n";
    let out = jitjic(&["portfolio", "-"], Some(&format!("{records}{failed}")));
    assert_eq!(out.status.code(), Some(1));
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!((doc["items"].as_u64(), doc["failed"].as_u64()), (Some(2), Some(1)));
    // Items run under another header do not add up: other replications, or another seed
    // (other random days), or suppliers in another order.
    let (header40, _) = catalogue(1, 40);
    let (mut reseeded, _) = catalogue(1, 20);
    reseeded["settings"]["seed"] = json!(99);
    let (mut reordered, _) = catalogue(1, 20);
    reordered["suppliers"].as_array_mut().unwrap().reverse();
    for (what, other) in [("replications", header40), ("seed", reseeded), ("order", reordered)] {
        let args = ["optimise", "--items", "-", "--points", "7", "--for-portfolio"];
        let more = text(&jitjic(&args, Some(&jsonl(Some(&other), &items[1..]))).stdout);
        let more = more.replacen("\"position\":0", "\"position\":9", 1);
        let out = jitjic(&["portfolio", "-"], Some(&format!("{records}{more}")));
        assert!(
            text(&out.stderr).contains("line 3: it was made under another header"),
            "{what}: {}",
            text(&out.stderr)
        );
    }
    // A record whose costs were cut short is named, not added short.
    let mut cut: Value = serde_json::from_str(records.lines().next().unwrap()).unwrap();
    cut["portfolio"]["jic"]["cost_by_replication"].as_array_mut().unwrap().pop();
    let out = jitjic(&["portfolio", "-"], Some(&format!("{cut}\n")));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("have 20, 19 and 20 costs"), "{}", text(&out.stderr));
    // Too small a budget is refused by name.
    let out = jitjic(&["portfolio", "-", "--budget", "1"], Some(&records));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is below the"), "{}", text(&out.stderr));
    let out = jitjic(&["optimise", "--items", "-", "--csv", "--for-portfolio"], Some(""));
    assert!(text(&out.stderr).contains("leave out --csv"), "{}", text(&out.stderr));
}
