//! Links and files made by someone hostile: each input the issue describes, rebuilt, must be
//! refused (or read) with bounded work and memory, a message that names the path, the value
//! and what is accepted, and never a panic. Memory is measured with a counting allocator:
//! the peak of the bytes this thread holds while it reads.
#![cfg(not(target_arch = "wasm32"))]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use base64::Engine;
use jitjic::share::link::{decode, encode, View};
use jitjic::share::{parse_scenario, read_file};
use serde_json::{json, Value};

/// Counts the bytes each thread holds, and their peak since [`reset_peak`].
struct Counting;

thread_local! {
    static HELD: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn note(delta: isize) {
    // `try_with`: a thread being torn down has no counters left; nothing to count then.
    let _ = HELD.try_with(|held| {
        let now = held.get() + delta;
        held.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

// SAFETY: every call goes straight to the system allocator; the counters are thread-local
// cells that allocate nothing.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size() as isize);
        // SAFETY: the caller's layout, passed on.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        note(-(layout.size() as isize));
        // SAFETY: allocated by `alloc` above with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size as isize - layout.size() as isize);
        // SAFETY: as the caller promises for `ptr` and `layout`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// The most a link or file of any content may make this thread hold while it is read and
/// validated, beyond what the input itself takes.
const PEAK_BOUND: usize = 192 << 20;

/// Runs `f` and returns its result and the most bytes it held at once beyond what was held
/// before.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = HELD.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let out = f();
    let peak = PEAK.with(Cell::get) - before;
    (out, peak.max(0) as usize)
}

/// A link holding exactly this JSON text (not necessarily a valid document).
fn link_of_text(json: &str) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
    format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
}

fn item(name: &str, supplier: Option<&str>) -> Value {
    let mut item = json!({
        "name": name,
        "demand": { "distribution": "poisson", "mean": 3 },
        "lead_time": { "distribution": "fixed", "days": 2 }
    });
    if let Some(s) = supplier {
        item["supplier"] = json!(s);
    }
    item
}

/// Every problem as one text, as the CLI prints them.
fn messages(json: &str) -> Vec<String> {
    match read_file(json).and_then(|f| f.to_scenario()) {
        Ok(_) => Vec::new(),
        Err(errors) => errors.iter().map(ToString::to_string).collect(),
    }
}

#[test]
fn unknown_suppliers_against_many_suppliers_give_a_short_list_of_short_messages() {
    // Every documented limit at once: 1,000 suppliers, 1,000 items each naming one that is
    // not there (seen: a minute and tens of GB; a file within the limits: 100 MB printed).
    let suppliers: Vec<Value> =
        (0..1_000).map(|k| json!({ "name": format!("Supplier number {k:04} of many") })).collect();
    let items: Vec<Value> =
        (0..1_000).map(|i| item(&format!("Item {i}"), Some(&format!("Nobody {i}")))).collect();
    let doc = json!({ "version": 4, "suppliers": suppliers, "items": items }).to_string();
    let link = encode(&serde_json::from_str(&doc).unwrap(), &View::default());
    let ((from_file, from_link), peak) = peak_of(|| {
        let shared = decode(&link).unwrap();
        (messages(&doc), messages(&shared.scenario.to_string()))
    });
    assert_eq!(from_file, from_link);
    let total: usize = from_file.iter().map(String::len).sum();
    assert_eq!(from_file.len(), 101, "{from_file:?}");
    assert!(total < 40_000, "{total} bytes of messages");
    assert!(
        from_file[0].starts_with(
            "items[0].supplier: \"Nobody 0\" is not a supplier of this scenario; accepted: \
             \"Supplier number 0000 of many\", "
        ) && from_file[0].ends_with("and 995 more (under suppliers)"),
        "{}",
        from_file[0]
    );
    assert_eq!(
        from_file[100],
        "scenario: and 900 more problems, not listed: fix these and check again"
    );
    assert!(peak < PEAK_BOUND, "peak {peak} bytes");
}

#[test]
fn counts_over_the_limits_are_refused_before_anything_is_built() {
    // 50,000 suppliers (seen: a quadratic duplicate check, 5 s) and 5,000 items.
    let suppliers: Vec<Value> = (0..50_000).map(|k| json!({ "name": format!("S{k}") })).collect();
    let doc = json!({ "version": 4, "suppliers": suppliers, "items": [item("A", None)] });
    let text = doc.to_string();
    let (got, peak) = peak_of(|| messages(&text));
    assert_eq!(got, ["suppliers: more than 1,000 suppliers; accepted: 1 to 1,000"]);
    assert!(peak < 1 << 20, "peak {peak} bytes: the suppliers were built");
    let items: Vec<Value> = (0..5_000).map(|i| item(&format!("I{i}"), None)).collect();
    let doc = json!({ "version": 4, "items": items });
    let link = encode(&doc, &View::default());
    let error = decode(&link).unwrap_err().to_string();
    assert_eq!(
        error,
        "the link's scenario is not readable: scenario.items: more than 1,000 items; accepted: \
         1 to 1,000"
    );
}

#[test]
fn a_link_of_a_million_tiny_objects_is_refused_in_bounded_memory() {
    // 16 KB of link inflating to 8 MB of `{"":0},` (seen: 827 MB natively).
    let body = vec![r#"{"":0}"#; 1_190_000].join(",");
    let json = format!(r#"{{"scenario":{{"version":4,"items":[{body}]}}}}"#);
    assert!(json.len() < jitjic::share::link::MAX_JSON_BYTES);
    let link = link_of_text(&json);
    assert!(link.len() < 20_000, "{}", link.len());
    let (error, peak) = peak_of(|| decode(&link).unwrap_err().to_string());
    assert!(error.contains("scenario.items: more than 1,000 items"), "{error}");
    // Beyond the 8 MB the JSON itself takes.
    assert!(peak < 12 << 20, "peak {peak} bytes");
    // The same objects where no count stops them: the value and container caps do.
    let json = format!(r#"{{"scenario":{{"version":4,"items":[{{"x":[{body}]}}]}}}}"#);
    let (error, peak) = peak_of(|| decode(&link_of_text(&json)).unwrap_err().to_string());
    assert!(error.contains("more than 100,000 objects and arrays"), "{error}");
    assert!(peak < 24 << 20, "peak {peak} bytes");
}

#[test]
fn a_link_and_a_file_read_by_the_same_rules() {
    let doc = json!({ "version": 4, "items": [item("A", None)] }).to_string();
    // Bytes after the document.
    let trailing = format!(r#"{{"scenario":{doc},"view":{{"item":0}}}} trailing"#);
    let error = decode(&link_of_text(&trailing)).unwrap_err().to_string();
    assert!(error.contains("there is more after the end of the JSON document"), "{error}");
    let file = messages(&format!("{doc} trailing"));
    assert!(file[0].contains("there is more after the end of the JSON document"), "{file:?}");
    // A key given twice: refused in both, with the path.
    let twice = doc.replace(r#""mean":3"#, r#""mean":3,"mean":9"#);
    assert_ne!(twice, doc);
    let error = decode(&link_of_text(&format!(r#"{{"scenario":{twice}}}"#))).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the link's scenario is not readable: scenario.items[0].demand.mean: given twice; \
         accepted: each key once"
    );
    assert_eq!(messages(&twice), ["items[0].demand.mean: given twice; accepted: each key once"]);
    // A byte-order mark is not an error.
    assert!(parse_scenario(&format!("\u{feff}{doc}")).is_ok());
}

#[test]
fn a_scenario_that_is_not_an_object_says_what_it_is() {
    assert_eq!(
        messages("[1, 2]"),
        ["scenario: a scenario is a JSON object ({ \"version\": …, \"items\": [ … ] }); this is an array"]
    );
    let error = decode(&link_of_text(r#"{"scenario": "text"}"#)).unwrap_err().to_string();
    assert!(
        error.contains("scenario: a scenario is a JSON object") && error.contains("a string"),
        "{error}"
    );
}

#[test]
fn damaged_compressed_data_is_said_in_words() {
    let good = encode(&json!({ "version": 4, "items": [item("A", None)] }), &View::default());
    let mut bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(&good[2..]).unwrap();
    for b in bytes.iter_mut().skip(3).step_by(5) {
        *b ^= 0x5a;
    }
    let damaged = format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes));
    let error = decode(&damaged).unwrap_err().to_string();
    assert!(
        !error.contains("Failed") && error.contains("(a character was changed or lost?)")
            || error.contains("cut short"),
        "{error}"
    );
}

#[test]
fn long_texts_are_quoted_short() {
    let name = "N".repeat(5_000);
    let doc = json!({ "version": 4, "items": [item(&name, Some(&"S".repeat(5_000)))] });
    let got = messages(&doc.to_string());
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got.iter().all(|m| m.len() < 400), "{got:?}");
    assert!(
        got[0].starts_with(&format!("items[0].name: \"{}…\" has 5000 characters", "N".repeat(40))),
        "{}",
        got[0]
    );
}

#[test]
fn a_wrong_type_inside_a_distribution_names_its_field() {
    let doc = json!({ "version": 4, "items": [ {
        "demand": { "distribution": "gamma", "mean": "5", "sd": 2 },
        "lead_time": { "distribution": "fixed", "days": 2 } } ] });
    let got = messages(&doc.to_string());
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with("items[0].demand.mean: invalid type: string \"5\", expected f64"),
        "{got:?}"
    );
}

#[test]
fn values_that_gave_nan_are_refused_with_their_range() {
    let with = |extra: Value| {
        let mut it = item("A", None);
        for (k, v) in extra.as_object().unwrap() {
            it[k] = v.clone();
        }
        messages(&json!({ "version": 4, "items": [it] }).to_string())
    };
    let got = with(json!({ "supply_yield": { "distribution": "fixed", "share": 1e-307 } }));
    assert_eq!(
        got,
        ["items[0].supply_yield.share: 1e-307 is out of range; accepted: from 0.01 to 1 (share delivered)"]
    );
    let got = with(json!({ "order_limits": { "multiple": 1e-307 } }));
    assert_eq!(
        got,
        ["items[0].order_limits.multiple: 1e-307 is too near 0 to count with; accepted: 0, or from 1e-9 to 1,000,000,000,000 units"]
    );
    let got = with(json!({ "order_limits": { "multiple": 1e-6 } }));
    assert_eq!(
        got,
        ["items[0].order_limits: an order multiple of 1e-6 units is out of range; accepted: 0 (none) or from 0.001 units"]
    );
    // Any number that near 0, wherever it is (seen: a mean demand of 1e-307 made buffers of
    // infinite days).
    let got = with(json!({ "demand": { "distribution": "poisson", "mean": 1e-307 } }));
    assert_eq!(
        got,
        ["items[0].demand.mean: 1e-307 is too near 0 to count with; accepted: 0, or from 1e-9 to 1,000,000 units/day"]
    );
    // A gamma whose shape is too small to draw from: the field's values and what is
    // accepted (seen: "shape is not positive").
    let got = with(json!({ "demand": { "distribution": "gamma", "mean": 1e-8, "sd": 100 } }));
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(
        got[0].starts_with(
            "items[0].demand: a gamma with mean 1e-8 and sd 100 has a shape of 1.0e-20"
        ) && got[0].contains("accepted: a shape from 1e-6"),
        "{got:?}"
    );
    let got =
        with(json!({ "demand": { "distribution": "negative_binomial", "mean": 1e-8, "sd": 100 } }));
    assert!(got[0].starts_with("items[0].demand: a negative binomial with mean 1e-8"), "{got:?}");
    // Salvage above the unit cost (seen: negative total costs).
    let got = with(json!({ "costs": { "unit_cost": 10 },
                           "obsolescence": { "probability_per_year": 0.5, "salvage_per_unit": 12 } }));
    assert_eq!(
        got,
        ["items[0].obsolescence: a salvage value of 12 per unit is above the unit cost of 10; accepted: up to the unit cost"]
    );
}

#[test]
fn an_empty_shelf_has_no_turns_not_a_quintillion() {
    // JIT on 0.7 units a day exactly: what arrives is shipped, and subtracting fractions
    // leaves 1.1e-16 units on the shelf on average (seen: turns of 1.16e18).
    let s = parse_scenario(
        r#"{ "version": 4, "settings": { "replications": 5, "horizon_days": 200 },
             "items": [ { "demand": { "distribution": "normal", "mean": 0.7, "sd": 0 },
                          "lead_time": { "distribution": "fixed", "days": 3 },
                          "policies": [ { "policy": "jit" } ] } ] }"#,
    )
    .unwrap();
    let c = jitjic::core::simulate(&s);
    let jit = &c.policies[0];
    assert!(jit.avg_on_hand.mean() < 1e-9, "{}", jit.avg_on_hand.mean());
    assert_eq!(jit.turns.ratio(), None);
}

// ---------------------------------------------------------------------------------------
// Random valid scenarios at the edges of their ranges, and a fuzz run with bounds.

use jitjic::core::budget::{self, Fit};
use jitjic::core::work;
use rand::{Rng, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// A number from the environment, or `default`.
fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Values at and near the ends of the fields' ranges (and beyond, which validation refuses).
const EDGES: [f64; 22] = [
    0.0, 1e-307, 1e-12, 1e-6, 0.001, 0.01, 0.02, 0.5, 0.999, 1.0, 2.0, 7.0, 365.0, 366.0, 3_649.0,
    3_650.0, 36_500.0, 1e6, 1e9, 1e12, 1e300, -1.0,
];

/// The paths of every number in a JSON document (`items[0].demand.mean`).
fn number_paths(v: &Value, at: &str, out: &mut Vec<String>) {
    match v {
        Value::Number(_) => out.push(at.to_owned()),
        Value::Array(list) => {
            for (i, x) in list.iter().enumerate() {
                number_paths(x, &format!("{at}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                let next = if at.is_empty() { k.clone() } else { format!("{at}.{k}") };
                number_paths(x, &next, out);
            }
        }
        _ => {}
    }
}

/// Every number printed is finite (JSON writes NaN and infinity as null; only turns may be
/// null, when no stock is held), and every cost that cannot be negative is not.
fn check_printed(v: &Value, key: &str) {
    // (Capital holding may be a credit under payment terms, and obsolescence's disposal
    // less salvage may be a recovery: neither is here.)
    const NEVER_NEGATIVE: [&str; 7] = [
        "expedite_cost_per_year",
        "overflow_cost_per_year",
        "ordering_cost_per_year",
        "storage_cost_per_year",
        "backorder_cost_per_year",
        "lost_sale_cost_per_year",
        "expiry_cost_per_year",
    ];
    match v {
        Value::Null => assert!(key.contains("turns"), "{key} is null (NaN or infinite)"),
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{key}: {n}"),
        Value::Array(list) => list.iter().for_each(|x| check_printed(x, key)),
        Value::Object(map) => {
            for (k, x) in map {
                if NEVER_NEGATIVE.contains(&k.as_str()) {
                    let mean = x["mean"].as_f64().unwrap_or(0.0);
                    assert!(mean >= -1e-6, "{k} is {mean}");
                }
                check_printed(x, k);
            }
        }
        _ => {}
    }
}

#[test]
fn valid_scenarios_at_the_edges_of_their_ranges_print_only_finite_numbers() {
    // 2,500 cases in the test command; more by hand:
    // JITJIC_EDGE_CASES=100000 JITJIC_EDGE_SEED=3 cargo test --test hostile valid_ -- --nocapture
    let cases: usize = env_or("JITJIC_EDGE_CASES", 2_500);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(env_or("JITJIC_EDGE_SEED", 16));
    let presets: Vec<Value> = jitjic::ui::presets::PRESETS
        .iter()
        .map(|p| serde_json::from_str(p.json).unwrap())
        .collect();
    let (mut valid, mut simulated) = (0, 0);
    for case in 0..cases {
        let mut doc = presets[case % presets.len()].clone();
        // One item, so that each case is quick; its own numbers moved to the edges.
        let items = doc["items"].as_array().unwrap().len();
        let keep = doc["items"][rng.random_range(0..items)].clone();
        doc["items"] = json!([keep]);
        // Parts the presets may not have, with a number at an edge.
        let mut edge = || EDGES[rng.random_range(0..EDGES.len())];
        let parts = [
            ("supply_yield", json!({ "distribution": "fixed", "share": edge() })),
            ("supply_yield", json!({ "distribution": "beta", "mean": edge(), "sd": edge() })),
            ("order_limits", json!({ "minimum": edge(), "multiple": edge(), "maximum": edge() })),
            ("obsolescence", json!({ "probability_per_year": edge(), "salvage_per_unit": edge() })),
            ("perishability", json!({ "shelf_life_days": edge() })),
            ("demand", json!({ "distribution": "gamma", "mean": edge(), "sd": edge() })),
            (
                "demand",
                json!({ "distribution": "negative_binomial", "mean": edge(), "sd": edge() }),
            ),
            (
                "demand",
                json!({ "distribution": "compound_poisson", "rate": edge(),
                               "sizes": [ { "size": edge(), "weight": 1 } ] }),
            ),
            ("lead_time", json!({ "distribution": "lognormal", "mean": edge(), "sd": edge() })),
            ("initial_on_hand", json!(edge())),
            ("review_period_days", json!(edge())),
            (
                "expedite",
                json!({ "trigger_units": edge(), "order_units": edge(), "lead_time_days": edge(),
                        "premium_per_unit": edge(), "fixed_cost": edge() }),
            ),
            (
                "storage",
                json!({ "capacity_units": edge(), "when_full": "rent",
                        "overflow_per_unit_day": edge() }),
            ),
            ("storage", json!({ "capacity_m3": edge(), "m3_per_unit": edge() })),
        ];
        doc["version"] = json!(jitjic::share::VERSION);
        let (key, part) = &parts[rng.random_range(0..parts.len())];
        doc["items"][0][key] = part.clone();
        let mut paths = Vec::new();
        number_paths(&doc, "", &mut paths);
        for _ in 0..rng.random_range(1..4) {
            let path = &paths[rng.random_range(0..paths.len())];
            if path.starts_with("settings.replications") || path == "version" {
                continue;
            }
            let x = EDGES[rng.random_range(0..EDGES.len())];
            if let Some(v) = jitjic::share::json_path::get_mut(&mut doc, path) {
                *v = json!(x);
            }
        }
        doc["settings"]["replications"] = json!(3);
        let text = doc.to_string();
        let Ok(scenario) = parse_scenario(&text) else { continue };
        valid += 1;
        // Bounded work: the page would run this within its budget or say why not.
        let s = scenario.settings();
        let w = work::scenario_run(&scenario);
        match budget::fit("run", w, s.n_replications(), budget::ITEM_RUN) {
            Fit::Full => assert!(w.total(s.n_replications()) <= budget::ITEM_RUN),
            Fit::Scaled { replications, .. } => {
                assert!(w.total(replications) <= budget::ITEM_RUN)
            }
            Fit::Refused(why) => {
                assert!(w.total(budget::MIN_REPLICATIONS) > budget::ITEM_RUN, "{why}");
                continue;
            }
        }
        if w.total(3) > 20e6 {
            continue;
        }
        simulated += 1;
        let comparisons = jitjic::core::simulate_all(&scenario);
        let printed = jitjic::share::results::ResultsFile::new(&scenario, &comparisons, false);
        let printed: Value = serde_json::from_str(&printed.to_json()).unwrap();
        if std::panic::catch_unwind(|| check_printed(&printed, "")).is_err() {
            panic!("case {case}: {text}");
        }
    }
    println!("{valid} valid of {cases} edge cases, {simulated} simulated");
    assert!(simulated > cases / 10, "only {simulated} edge cases were simulated");
}

/// The worst seen over a fuzz run, for one kind of input.
#[derive(Default, Debug)]
struct Worst {
    inputs: u64,
    read: u64,
    seconds: f64,
    peak_bytes: usize,
    input_bytes: usize,
}

impl Worst {
    fn note(&mut self, seconds: f64, peak: usize, input: usize, read: bool) {
        self.inputs += 1;
        self.read += u64::from(read);
        self.seconds = self.seconds.max(seconds);
        self.peak_bytes = self.peak_bytes.max(peak);
        self.input_bytes = self.input_bytes.max(input);
    }
}

/// The most one input may make the reader hold beyond the input itself: the gate's limits
/// bound it (`share::gate`), whatever the input.
const FUZZ_PEAK_BOUND: usize = 96 << 20;

/// Inputs made to hurt: a valid document with one part repeated many times, a long string,
/// deep nesting, many keys, many suppliers named by every item.
fn crafted(rng: &mut Xoshiro256PlusPlus, base: &Value) -> String {
    let n = 1usize << rng.random_range(4..18);
    match rng.random_range(0..6) {
        0 => {
            let mut doc = base.clone();
            let item = doc["items"][0].clone();
            doc["items"] = Value::Array(vec![item; n.min(3_000)]);
            doc.to_string()
        }
        1 => {
            let mut doc = base.clone();
            doc["items"][0]["name"] = json!("x".repeat(n * 8));
            doc.to_string()
        }
        2 => format!(
            "{{\"version\":4,\"items\":[{}{}]}}",
            "[".repeat(n.min(100_000)),
            "]".repeat(n.min(100_000))
        ),
        3 => {
            let keys: Vec<String> = (0..n).map(|k| format!("\"k{k}\":{k}")).collect();
            format!("{{\"version\":4,\"items\":[{{{}}}]}}", keys.join(","))
        }
        4 => {
            let suppliers: Vec<Value> =
                (0..n.min(1_000)).map(|k| json!({ "name": format!("S{k}") })).collect();
            let items: Vec<Value> =
                (0..n.min(1_000)).map(|i| item(&format!("I{i}"), Some("nobody"))).collect();
            json!({ "version": 4, "suppliers": suppliers, "items": items }).to_string()
        }
        _ => format!("{{\"version\":4,\"items\":[{}]}}", vec!["{\"\":0}"; n].join(",")),
    }
}

/// Feeds `cases` inputs of each kind (links, files, CSV item lists) to the readers, damaged
/// at random or crafted to hurt, and checks the bounds: no panic (a panic fails the test),
/// every message short and naming where (a JSON path, a CSV line, or the link's stage),
/// at most 101 of them, and what the reader held at once under [`FUZZ_PEAK_BOUND`]; a
/// scenario that reads is run by the page only within its budget. Returns the worst seen.
fn fuzz_bounded(cases: u64, seed: u64) -> [Worst; 3] {
    use std::time::Instant;
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(seed);
    let files: Vec<String> =
        jitjic::ui::presets::PRESETS.iter().map(|p| p.json.to_owned()).collect();
    let docs: Vec<Value> = files.iter().map(|f| serde_json::from_str(f).unwrap()).collect();
    let damage = |text: &str, rng: &mut Xoshiro256PlusPlus| -> String {
        const ALPHABET: &[u8] = b"ABCxyz019-_.#=+/ %\",:{}[]eE'@\t\r\n";
        let mut bytes = text.as_bytes().to_vec();
        for _ in 0..rng.random_range(1..6) {
            let at = rng.random_range(0..=bytes.len());
            let c = ALPHABET[rng.random_range(0..ALPHABET.len())];
            match rng.random_range(0..5) {
                0 => bytes.truncate(at),
                1 if at < bytes.len() => bytes[at] = c,
                2 => bytes.insert(at, c),
                3 if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {
                    // A slice of the text repeated.
                    let end = (at + rng.random_range(1..200)).min(bytes.len());
                    let piece = bytes[at..end].to_vec();
                    for _ in 0..rng.random_range(1..50) {
                        bytes.splice(at..at, piece.iter().copied());
                    }
                }
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let check_file_errors = |errors: &[jitjic::share::FileError]| {
        assert!(errors.len() <= 101, "{} messages", errors.len());
        for e in errors {
            let m = e.to_string();
            assert!(m.len() < 700, "{} characters: {m}", m.len());
            // A path; only what is about the document as a whole has none.
            const WHOLE: [&str; 9] = [
                "and ",
                "a scenario is a JSON object",
                "not valid JSON",
                "the JSON document ends early",
                "there is more after the end",
                "the document holds more than",
                "nested more than",
                "missing field `items`",
                "unknown field",
            ];
            let problem = e.problem.to_string();
            assert!(
                !e.path.is_empty() || WHOLE.iter().any(|w| problem.starts_with(w)),
                "no path: {m}"
            );
        }
    };
    let check_valid = |s: &jitjic::core::Scenario| {
        let settings = s.settings();
        for item in s.items() {
            let w = work::item_run(item, settings.horizon_days());
            if let Some(r) = budget::fit("run", w, settings.n_replications(), budget::ITEM_RUN)
                .replications(settings.n_replications())
            {
                assert!(w.total(r) <= budget::ITEM_RUN * 1.000_001);
            }
        }
    };
    let mut worst: [Worst; 3] = Default::default();
    for case in 0..cases {
        let k = rng.random_range(0..files.len());
        // A file: damaged, or crafted.
        let file =
            if case % 3 == 0 { crafted(&mut rng, &docs[k]) } else { damage(&files[k], &mut rng) };
        let start = Instant::now();
        let (result, peak) = peak_of(|| read_file(&file).and_then(|f| f.to_scenario()));
        let read = result.is_ok();
        match &result {
            Ok(s) => check_valid(s),
            Err(errors) => check_file_errors(errors),
        }
        drop(result);
        if std::env::var("JITJIC_FUZZ_SLOW").is_ok() && start.elapsed().as_secs_f64() > 0.05 {
            eprintln!(
                "slow file {:?} {}: {}",
                start.elapsed(),
                file.len(),
                &file[..file.len().min(200)]
            );
        }
        worst[1].note(start.elapsed().as_secs_f64(), peak, file.len(), read);
        assert!(
            peak < FUZZ_PEAK_BOUND,
            "a file held {peak} bytes: {}",
            &file[..file.len().min(300)]
        );
        // A link: of that file's text (valid DEFLATE), or a link's text damaged.
        let link = if case % 2 == 0 {
            link_of_text(&format!("{{\"scenario\":{file},\"view\":{{\"item\":0}}}}"))
        } else {
            damage(&encode(&docs[k], &View::default()), &mut rng)
        };
        let start = Instant::now();
        let (result, peak) = peak_of(|| {
            decode(&link)
                .map(|shared| read_file(&shared.scenario.to_string()).and_then(|f| f.to_scenario()))
        });
        let read = matches!(result, Ok(Ok(_)));
        match &result {
            Ok(Ok(s)) => check_valid(s),
            Ok(Err(errors)) => check_file_errors(errors),
            Err(e) => {
                let m = e.to_string();
                assert!(m.len() < 700 && m.starts_with("the link"), "{m}");
            }
        }
        drop(result);
        worst[0].note(start.elapsed().as_secs_f64(), peak, link.len(), read);
        assert!(peak < FUZZ_PEAK_BOUND, "a link held {peak} bytes");
        // A CSV item list: the template damaged.
        let csv = damage(&jitjic::share::items_csv::template(), &mut rng);
        let start = Instant::now();
        let (result, peak) = peak_of(|| {
            jitjic::share::items_csv::read_items(&csv).map(|items| {
                let doc = json!({ "version": jitjic::share::VERSION, "items": items });
                read_file(&doc.to_string()).and_then(|f| f.to_scenario())
            })
        });
        let read = matches!(result, Ok(Ok(_)));
        match &result {
            Ok(Ok(s)) => check_valid(s),
            Ok(Err(errors)) => check_file_errors(errors),
            Err(errors) => {
                for e in errors {
                    let m = e.to_string();
                    assert!(m.starts_with("line ") && m.len() < 700, "{m}");
                }
            }
        }
        drop(result);
        worst[2].note(start.elapsed().as_secs_f64(), peak, csv.len(), read);
        assert!(peak < FUZZ_PEAK_BOUND, "a CSV held {peak} bytes");
    }
    worst
}

fn say(worst: &[Worst; 3], cases: u64, seed: u64) {
    for (kind, w) in ["links", "files", "CSV item lists"].iter().zip(worst) {
        println!(
            "{kind}: {} inputs (seed {seed}, {cases} cases), {} read as valid; worst {:.1} ms, \
             peak {:.1} MB beyond the input, largest input {:.1} KB",
            w.inputs,
            w.read,
            w.seconds * 1e3,
            w.peak_bytes as f64 / 1048576.0,
            w.input_bytes as f64 / 1024.0
        );
    }
}

#[test]
fn hostile_links_files_and_csv_stay_within_bounds() {
    let worst = fuzz_bounded(600, 1);
    say(&worst, 600, 1);
    assert!(worst.iter().all(|w| w.read > 0), "{worst:?}");
}

/// The long run, by hand:
/// `JITJIC_FUZZ_CASES=100000 cargo test --release --test hostile long -- --ignored --nocapture`
#[test]
#[ignore = "long: run by hand (see the comment)"]
fn hostile_long_run() {
    let cases = env_or("JITJIC_FUZZ_CASES", 100_000);
    let seed = env_or("JITJIC_FUZZ_SEED", 2026);
    say(&fuzz_bounded(cases, seed), cases, seed);
}
