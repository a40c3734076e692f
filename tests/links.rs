//! Share links: size, frozen links of every format version, and decoders that survive any
//! input. (The round trip over random scenarios is in tests/properties.rs.)
#![cfg(not(target_arch = "wasm32"))]

use jitjic::share::link::{decode, encode, View};
use jitjic::share::read_file;
use jitjic::ui::presets::PRESETS;
use serde_json::{json, Value};

/// Ten different items from the presets (none with a pasted history) and their suppliers:
/// a catalogue a planner might share. The items this bound was set on: the resin part
/// (version 9, prices over time) and the board with a backup supplier (version 10) are left
/// out, so the bound keeps measuring the same ten.
fn ten_items() -> Value {
    let mut items = Vec::new();
    let mut suppliers: Vec<Value> = Vec::new();
    for preset in PRESETS.iter().filter(|p| !["plastics", "nearshore"].contains(&p.key)) {
        let doc: Value = serde_json::from_str(preset.json).unwrap();
        for s in doc.get("suppliers").and_then(Value::as_array).into_iter().flatten() {
            if !suppliers.iter().any(|t| t["name"] == s["name"]) {
                suppliers.push(s.clone());
            }
        }
        for item in doc["items"].as_array().unwrap() {
            let pasted = item["demand"].get("history").is_some()
                || item["lead_time"]["distribution"] == "empirical";
            if !pasted && items.len() < 10 {
                items.push(item.clone());
            }
        }
    }
    // The other presets hold nine such items: a tenth, a second web-shop product.
    if items.len() < 10 {
        let mut charger = items[0].clone();
        charger["name"] = json!("Phone charger (web shop)");
        charger["demand"] = json!({ "distribution": "gamma", "mean": 12.5, "sd": 6.2 });
        charger["costs"]["unit_cost"] = json!(9.4);
        items.push(charger);
    }
    assert_eq!(items.len(), 10);
    json!({ "version": 9, "settings": { "seed": 7 }, "suppliers": suppliers, "items": items })
}

#[test]
fn a_ten_item_scenario_fits_in_a_short_link() {
    let doc = ten_items();
    let scenario = read_file(&doc.to_string()).unwrap().to_scenario();
    assert!(scenario.is_ok(), "{:?}", scenario.err());
    let fragment = encode(&doc, &View { item: 3 });
    println!("10 items: {} characters ({} bytes of JSON)", fragment.len(), doc.to_string().len());
    assert!(fragment.len() < 2_000, "{} characters", fragment.len());
}

/// The page reads a link's scenario from the link's own text (`Shared::text`, which passed
/// the gate with the rest of the link) instead of writing the decoded document out and
/// reading that: both must be the same file and the same scenario.
#[test]
fn a_links_own_text_reads_as_the_document_it_decodes_to() {
    use jitjic::share::scenario_file::read_gated;
    let doc = ten_items();
    let shared = decode(&encode(&doc, &View { item: 3 })).unwrap();
    assert_eq!(serde_json::from_str::<Value>(&shared.text).unwrap(), doc);
    assert_eq!(shared.scenario, doc);
    let from_text = read_gated(&shared.text, shared.scenario.get("version")).unwrap();
    let written_out = read_file(&doc.to_string()).unwrap();
    assert_eq!(from_text, written_out);
    assert_eq!(from_text.to_scenario().unwrap(), written_out.to_scenario().unwrap());
    // The version is checked on this path too.
    let mut old = doc.clone();
    old["version"] = json!(99);
    let shared = decode(&encode(&old, &View::default())).unwrap();
    let errors = read_gated(&shared.text, shared.scenario.get("version")).unwrap_err();
    assert_eq!(errors[0].path, "version");
    assert!(errors[0].to_string().contains("99 is newer than this jitjic"), "{errors:?}");
}

/// Feeds the link and JSON decoders `cases` inputs made from a seeded generator: random
/// bytes; valid links cut, with characters changed, inserted or removed; links of valid
/// DEFLATE holding damaged JSON; damaged scenario files. Whatever decodes is then validated
/// and built. Nothing may panic (a panic fails the test with the input); returns how many
/// inputs decoded and how many of those made a valid scenario.
fn fuzz(cases: u64, seed: u64) -> (u64, u64) {
    use base64::Engine;
    use rand::{Rng, SeedableRng};
    let mut rng = rand_xoshiro::Xoshiro256PlusPlus::seed_from_u64(seed);
    let files: Vec<String> = PRESETS.iter().map(|p| p.json.to_owned()).collect();
    let links: Vec<String> =
        files.iter().map(|f| encode(&serde_json::from_str(f).unwrap(), &View::default())).collect();
    const ALPHABET: &[u8] =
        b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.#=+/ %";
    let damage = |text: &str, rng: &mut rand_xoshiro::Xoshiro256PlusPlus| -> String {
        let mut bytes = text.as_bytes().to_vec();
        for _ in 0..rng.random_range(1..4) {
            let at = rng.random_range(0..bytes.len().max(1)).min(bytes.len());
            let c = ALPHABET[rng.random_range(0..ALPHABET.len())];
            match rng.random_range(0..4) {
                0 => bytes.truncate(at),
                1 if at < bytes.len() => bytes[at] = c,
                2 => bytes.insert(at, c),
                _ if at < bytes.len() => {
                    bytes.remove(at);
                }
                _ => {}
            }
        }
        String::from_utf8_lossy(&bytes).into_owned()
    };
    let (mut decoded, mut valid) = (0, 0);
    for case in 0..cases {
        let k = rng.random_range(0..files.len());
        let input = match case % 4 {
            0 => {
                let n = rng.random_range(0..200);
                let bytes: Vec<u8> = (0..n).map(|_| rng.random()).collect();
                String::from_utf8_lossy(&bytes).into_owned()
            }
            1 => damage(&links[k], &mut rng),
            2 => {
                // Valid compression, damaged JSON inside.
                let json = damage(
                    &format!(r#"{{"scenario":{},"view":{{"item":0}}}}"#, files[k]),
                    &mut rng,
                );
                let packed = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 1);
                format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed))
            }
            _ => {
                // A damaged scenario file straight into the file reader.
                let file = damage(&files[k], &mut rng);
                if let Ok(f) = read_file(&file) {
                    valid += u64::from(f.to_scenario().is_ok());
                }
                continue;
            }
        };
        let result = std::panic::catch_unwind(|| {
            decode(&input).map(|shared| {
                read_file(&shared.scenario.to_string()).map(|f| f.to_scenario().is_ok())
            })
        });
        match result {
            Ok(Ok(ok)) => {
                decoded += 1;
                valid += u64::from(ok.unwrap_or(false));
            }
            Ok(Err(_)) => {}
            Err(_) => panic!("the decoders panicked on case {case}: {input:?}"),
        }
    }
    (decoded, valid)
}

#[test]
fn damaged_links_and_files_never_crash_the_decoders() {
    // The smoke run: 10,000 inputs, a few seconds. The long run is below.
    let (decoded, valid) = fuzz(10_000, 1);
    // The generator reaches past the first checks: some damaged inputs still decode, and
    // some of those are valid scenarios.
    assert!(decoded > 100 && valid > 100, "decoded {decoded}, valid {valid}");
}

/// The long fuzz run, separate from the test command:
/// `JITJIC_FUZZ_CASES=1000000 cargo test --release --test links -- --ignored --nocapture`
#[test]
#[ignore = "long: run by hand (see the comment)"]
fn fuzz_the_decoders_long() {
    let cases =
        std::env::var("JITJIC_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1_000_000);
    let seed = std::env::var("JITJIC_FUZZ_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(2026);
    let (decoded, valid) = fuzz(cases, seed);
    println!(
        "{cases} inputs (seed {seed}): {decoded} links decoded, {valid} valid scenarios; no panic"
    );
}
