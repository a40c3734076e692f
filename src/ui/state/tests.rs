//! The editor's reducer: edits, items, presets, files, links and undo.

use super::*;
use crate::ui::fields::item_groups;

fn def(path: &str) -> FieldDef {
    item_groups()
        .into_iter()
        .flat_map(|(_, f)| f)
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("no field {path}"))
}

fn edit(s: EditorState, path: &str, text: &str) -> EditorState {
    let d = def(path);
    s.apply(Action::Edit { path: format!("items[0].{path}"), def: d, text: text.into() })
}

#[test]
fn the_default_is_the_first_preset_and_valid() {
    let s = EditorState::default();
    assert!(!s.is_stale());
    assert_eq!(s.preset, Some(0));
    assert_eq!(s.scenario.items().len(), s.items().len());
}

#[test]
fn an_invalid_edit_keeps_the_last_valid_scenario_and_names_the_field() {
    let before = EditorState::default();
    let s = edit(before.clone(), "demand.mean", "abc");
    assert!(s.is_stale());
    assert_eq!(s.scenario, before.scenario);
    assert_eq!(s.text("items[0].demand.mean"), "abc");
    let message = s.error("items[0].demand.mean", "Mean daily demand").unwrap();
    assert!(
        message.starts_with("Mean daily demand: \"abc\" is not a number; accepted: from 0"),
        "{message}"
    );
    // Out of range: the document takes it, validation names it.
    let s = edit(s, "demand.mean", "-3");
    assert!(s.is_stale());
    let message = s.error("items[0].demand.mean", "Mean daily demand").unwrap();
    assert_eq!(
        message,
        "Mean daily demand: -3 is out of range; accepted: from 0 to 1,000,000 units/day."
    );
    // Fixed: the scenario follows.
    let s = edit(s, "demand.mean", "33");
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert!((s.scenario.items()[0].demand().expected() - 33.0).abs() < 1.0);
}

#[test]
fn items_are_added_duplicated_moved_and_removed() {
    let s = EditorState::default().apply(Action::AddItem);
    let n = s.items().len();
    assert_eq!(s.selected, n - 1);
    assert_eq!(s.scenario.items().len(), n);
    let s = s.apply(Action::DuplicateItem(0));
    assert_eq!(s.items().len(), n + 1);
    assert!(s.item_name(1).ends_with("(copy)"));
    assert_eq!(s.selected, 1);
    let first = s.item_name(0);
    let s = s.apply(Action::MoveItem(0, false));
    assert_eq!(s.item_name(1), first);
    let s = s.apply(Action::RemoveItem(1));
    assert_eq!(s.items().len(), n);
    assert!(!s.is_stale());
    // The last item stays.
    let mut s = s;
    for _ in 0..n + 2 {
        s = s.apply(Action::RemoveItem(0));
    }
    assert_eq!(s.items().len(), 1);
}

#[test]
fn switching_a_distribution_keeps_its_mean_and_gives_valid_parameters() {
    let mut s = EditorState::default();
    let mean = s.scenario.items()[0].demand().expected();
    for kind in [
        "poisson",
        "gamma",
        "compound_poisson",
        "negative_binomial",
        "intermittent",
        "empirical",
        "normal",
    ] {
        s = edit(s, "demand.distribution", kind);
        assert!(!s.is_stale(), "{kind}: {:?}", s.errors);
        let now = s.scenario.items()[0].demand().expected();
        assert!((now - mean).abs() < 0.05 * mean, "{kind}: mean {mean} → {now}");
    }
    for kind in ["uniform", "normal", "lognormal", "gamma", "empirical", "fixed"] {
        s = edit(s, "lead_time.distribution", kind);
        assert!(!s.is_stale(), "{kind}: {:?}", s.errors);
    }
}

#[test]
fn suppliers_are_added_renamed_with_their_items_and_removed() {
    let s = EditorState::default().apply(Action::AddSupplier);
    let k = s.suppliers().len() - 1;
    let name = s.suppliers()[k]["name"].as_str().unwrap().to_owned();
    let s = edit(s, "supplier", &name);
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert!(s.scenario.items()[0].supplier().is_some());
    let rename = crate::ui::fields::supplier_fields()[0];
    let s = s.apply(Action::Edit {
        path: format!("suppliers[{k}].name"),
        def: rename,
        text: "Port".into(),
    });
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert_eq!(s.items()[0]["supplier"], "Port");
    // Its random outages described as a machine's availability, then none.
    let outages = crate::ui::fields::supplier_fields()[1];
    let path = format!("suppliers[{k}].random_outages");
    let describe = |s: EditorState, how: &str| {
        s.apply(Action::Edit { path: path.clone(), def: outages, text: how.into() })
    };
    let shape = |s: &EditorState| {
        crate::ui::fields::shape_of(crate::ui::fields::OUTAGE_SHAPES, get(&s.doc, &path))
    };
    assert_eq!(shape(&s), "spells");
    let s = describe(s, "availability");
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert_eq!(shape(&s), "availability");
    assert!(s.scenario.suppliers()[k].random().is_some());
    let s = describe(s, "");
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert_eq!(shape(&s), "");
    assert!(s.scenario.suppliers()[k].random().is_none());
    let s = s.apply(Action::RemoveSupplier(k));
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert!(s.items()[0].get("supplier").is_none());
}

#[test]
fn an_estimate_applied_replaces_the_distribution() {
    let s = EditorState::default().apply(Action::Replace {
        path: "items[0].demand".into(),
        value: json!({ "distribution": "poisson", "mean": 12.5 }),
    });
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert!((s.scenario.items()[0].demand().expected() - 12.5).abs() < 1e-9);
}

#[test]
fn scheduled_outages_are_added_and_removed() {
    let s = EditorState::default().apply(Action::AddSupplier);
    let k = s.suppliers().len() - 1;
    let path = format!("suppliers[{k}].scheduled_outages");
    let add = Action::AddRow { path: path.clone(), list: RowList::Outages };
    let s = s.apply(add.clone()).apply(add);
    assert!(!s.is_stale(), "{:?}", s.errors);
    let windows = s.suppliers()[k]["scheduled_outages"].as_array().unwrap().clone();
    assert_eq!(windows.len(), 2);
    // The second starts after the first has ended: they do not overlap.
    assert!(windows[1]["start_day"].as_f64() > Some(120.0 + 14.0));
    let remove = Action::RemoveRow { path, list: RowList::Outages, index: 0 };
    let s = s.apply(remove.clone()).apply(remove);
    assert!(!s.is_stale(), "{:?}", s.errors);
    let left = s.suppliers()[k].get("scheduled_outages").and_then(Value::as_array);
    assert!(left.is_none_or(Vec::is_empty), "{left:?}");
}

#[test]
fn demand_shocks_and_order_sizes_are_edited_row_by_row() {
    let shocks = "items[0].demand_shape.scheduled_shocks".to_owned();
    let add = Action::AddRow { path: shocks.clone(), list: RowList::Shocks };
    let s = EditorState::default().apply(add.clone()).apply(add);
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert_eq!(s.scenario.items()[0].demand_shape().scheduled_shocks.len(), 2);
    // A promotion that overlaps the first is refused; moved, it is taken.
    let row = RowList::Shocks.fields()[0];
    let at = |day: &str| Action::Edit {
        path: format!("{shocks}[1].start_day"),
        def: row,
        text: day.into(),
    };
    let s = s.apply(at("121"));
    assert!(s.is_stale());
    let s = s.apply(at("300"));
    assert!(!s.is_stale(), "{:?}", s.errors);
    let remove = Action::RemoveRow { path: shocks.clone(), list: RowList::Shocks, index: 0 };
    let s = s.apply(remove.clone()).apply(remove);
    assert!(s.scenario.items()[0].demand_shape().scheduled_shocks.is_empty());
    assert!(!s.has(&shocks), "{}", s.items()[0]);

    // Random shocks switched on start from numbers that validate, and off again.
    let s = edit(s, "demand_shape.random_shocks", "true");
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert!(s.scenario.items()[0].demand_shape().random_shocks.is_some());
    let s = edit(s, "demand_shape.random_shocks", "false");
    assert!(s.scenario.items()[0].demand_shape().random_shocks.is_none());

    // A size table keeps at least one row.
    let s = edit(s, "demand.distribution", "compound_poisson");
    let sizes = "items[0].demand.sizes".to_owned();
    let mut s = s;
    for _ in 0..5 {
        s = s.apply(Action::RemoveRow { path: sizes.clone(), list: RowList::Sizes, index: 0 });
    }
    assert_eq!(s.rows(&sizes).len(), 1);
    let s = s.apply(Action::AddRow { path: sizes.clone(), list: RowList::Sizes });
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert_eq!(s.rows(&sizes).len(), 2);
}

#[test]
fn a_supply_yield_is_chosen_and_removed() {
    let mut s = EditorState::default();
    for kind in ["fixed", "uniform", "beta"] {
        s = edit(s, "supply_yield", kind);
        assert!(!s.is_stale(), "{kind}: {:?}", s.errors);
        assert!(s.scenario.items()[0].supply_yield().is_some());
        let part = get(&s.items()[0], "supply_yield");
        assert_eq!(crate::ui::fields::shape_of(crate::ui::fields::YIELD_SHAPES, part), kind);
    }
    let s = edit(s, "supply_yield", "");
    assert!(!s.is_stale(), "{:?}", s.errors);
    assert!(s.scenario.items()[0].supply_yield().is_none());
}

#[test]
fn every_policy_kind_the_editor_offers_is_added_valid() {
    let mut s = EditorState::default();
    for (kind, _) in crate::ui::fields::POLICY_KINDS {
        s = s.apply(Action::AddPolicy(0, kind));
        assert!(!s.is_stale(), "{kind}: {:?}", s.errors);
    }
}

#[test]
fn an_old_link_says_what_its_numbers_now_mean_otherwise() {
    // The web shop as a version-2 link: lost sales, a fill-rate target, a weekly pattern
    // and whole units all moved with version 4.
    let s = EditorState::from_link(include_str!("../../../tests/fixtures/links/v1/ecommerce.link"));
    assert!(s.link_problem.is_none());
    let note = s.link_note.clone().unwrap();
    for moved in [
        "a lost sale now costs its purchase",
        "service targets",
        "per month and weekday",
        "whole units",
    ] {
        assert!(note.contains(moved), "{note}");
    }
    // Today's presets are version 4: nothing moved.
    let doc: Value = serde_json::from_str(PRESETS[0].json).unwrap();
    let link = crate::share::link::encode(&doc, &crate::share::link::View { item: 0 });
    assert!(EditorState::from_link(&link).link_note.is_none());
    // Loading a preset clears the note.
    assert!(s.apply(Action::LoadPreset(1)).link_note.is_none());
}

#[test]
fn a_link_opens_its_scenario_and_item_or_says_what_was_wrong() {
    use crate::share::link::{encode, View};
    let doc: Value = serde_json::from_str(PRESETS[8].json).unwrap();
    let s = EditorState::from_link(&format!("https://x/j/#{}", encode(&doc, &View { item: 3 })));
    assert_eq!((s.link_problem.clone(), s.selected, s.preset), (None, 3, None));
    assert_eq!(s.doc, doc);
    assert_eq!(s.scenario.items().len(), doc["items"].as_array().unwrap().len());
    // What the page writes back is the same link.
    assert_eq!(EditorState::from_link(&s.fragment()).doc, doc);

    // Garbage: the default scenario, and why.
    let s = EditorState::from_link("#1.garbage!");
    assert_eq!(s.doc, EditorState::default().doc);
    assert!(s
        .link_problem
        .unwrap()
        .starts_with("This link could not be opened: the link's text is damaged"));

    // A readable link with a bad number: its scenario, the field marked, default results.
    let mut bad = doc.clone();
    bad["items"][0]["demand"]["mean"] = json!(-3);
    let s = EditorState::from_link(&encode(&bad, &View { item: 0 }));
    assert!(s.link_problem.as_deref().unwrap().contains("1 problem, marked below"));
    assert!(s.error("items[0].demand.mean", "Mean daily demand").is_some());
    assert!(s.is_stale());
    assert_eq!(s.scenario, EditorState::default().scenario);
    // Loading a preset clears the problem.
    let s = s.apply(Action::LoadPreset(0));
    assert!(s.link_problem.is_none() && !s.is_stale());

    // No items at all: nothing to show but the default.
    let s =
        EditorState::from_link(&encode(&json!({ "version": 3, "items": [] }), &View::default()));
    assert!(s.link_problem.unwrap().contains("no items"));
}

#[test]
fn a_file_opened_replaces_the_scenario_or_says_why_not() {
    let s = EditorState::default();
    let s = s.apply(Action::OpenFile(PRESETS[2].json.to_owned()));
    assert!(s.link_problem.is_none() && !s.is_stale());
    assert_eq!(s.doc, serde_json::from_str::<Value>(PRESETS[2].json).unwrap());
    let before = s.doc.clone();
    let s = s.apply(Action::OpenFile("{\n  \"items\": [ oops ]\n}".into()));
    let problem = s.link_problem.clone().unwrap();
    assert!(problem.contains("not valid JSON") && problem.contains("line 2"), "{problem}");
    assert_eq!(s.doc, before, "the scenario on screen stays");
    assert!(s.revision > 0);
}

#[test]
fn every_preset_loads_valid() {
    let mut s = EditorState::default();
    for (k, preset) in PRESETS.iter().enumerate() {
        s = s.apply(Action::LoadPreset(k));
        assert!(!s.is_stale(), "{}: {:?}", preset.name, s.errors);
        assert_eq!(s.preset, Some(k));
    }
}

#[test]
fn a_preset_replacing_edited_work_is_undone_and_redone_and_keystrokes_are_one_change() {
    let typed = |s: EditorState, text: &str| {
        let d = def("demand.mean");
        s.act(Action::Edit { path: "items[0].demand.mean".into(), def: d, text: text.into() })
    };
    let start = EditorState::default();
    let mean = |s: &EditorState| s.text("items[0].demand.mean");
    let before = mean(&start);
    // "1", "12", "123": three keystrokes, one change.
    let s = typed(typed(typed(start, "1"), "12"), "123");
    assert_eq!(mean(&s), "123");
    let s = s.act(Action::LoadPreset(2));
    assert!(s.replaced);
    assert_eq!(s.opened, 1, "a preset is a step of the browser's history");
    assert_eq!(s.preset, Some(2));
    let s = s.act(Action::Undo);
    assert_eq!((mean(&s), s.preset, s.replaced), ("123".to_owned(), Some(0), false));
    assert!(!s.is_stale());
    let s = s.act(Action::Undo);
    assert_eq!(mean(&s), before, "the three keystrokes undone at once");
    assert!(!s.history.can_undo());
    let s = s.act(Action::Redo).act(Action::Redo);
    assert_eq!(s.preset, Some(2));
    // A step that changes nothing ends a run of keystrokes: typing in the same field after it
    // is a change of its own.
    let s = typed(s, "7");
    let s = typed(s.act(Action::SelectItem(0)), "77");
    assert_eq!(mean(&s.clone().act(Action::Undo)), "7");
}

#[test]
fn undo_keeps_the_last_twenty_changes_and_back_to_no_link_is_the_default() {
    let mut s = EditorState::default();
    for _ in 0..25 {
        s = s.act(Action::AddItem);
    }
    let n = s.items().len();
    let mut undone = 0;
    while s.history.can_undo() {
        s = s.act(Action::Undo);
        undone += 1;
    }
    assert_eq!(undone, 20);
    assert_eq!(s.items().len(), n - 20);
    // Back to the page as first opened, without a link: the default scenario.
    let s = s.act(Action::Opened(Rc::new(EditorState::default())));
    assert_eq!(s.doc, EditorState::default().doc);
    assert!(s.link_problem.is_none());
}

/// The state's comparison (every component the page gives it compares it on each render):
/// the same content is equal however it was made, and a change to any one part is not, even
/// where the cheap fields it compares first are the same.
#[test]
fn states_compare_equal_by_content_and_unequal_by_any_part() {
    let a = EditorState::default();
    let b = EditorState::default();
    assert!(!Rc::ptr_eq(&a.scenario, &b.scenario), "two scenarios, compared by content");
    assert_eq!(a, b);
    assert_eq!(a, a.clone());
    let changed: Vec<(&str, EditorState)> = vec![
        ("doc", edit(a.clone(), "demand.mean", "31")),
        ("typed", edit(a.clone(), "demand.mean", "abc")),
        ("selected", EditorState { selected: 1, ..a.clone() }),
        ("preset", EditorState { preset: None, ..a.clone() }),
        ("link note", EditorState { link_note: Some("note".into()), ..a.clone() }),
        ("link problem", EditorState { link_problem: Some("problem".into()), ..a.clone() }),
        ("replaced", EditorState { replaced: true, ..a.clone() }),
        ("no results", EditorState { no_results: true, ..a.clone() }),
        ("opened", EditorState { opened: 1, ..a.clone() }),
        ("revision", EditorState { revision: 7, ..a.clone() }),
    ];
    for (part, s) in changed {
        assert_ne!(a, s, "{part}");
    }
    // The document alone differs, every cheap field the same.
    let edited = edit(a.clone(), "demand.mean", "31");
    let same_but_doc = EditorState { doc: edited.doc.clone(), ..a.clone() };
    assert_ne!(a, same_but_doc);
    // The errors alone differ.
    let invalid = edit(a.clone(), "demand.mean", "-5");
    assert!(!invalid.errors.is_empty());
    assert_ne!(a, EditorState { errors: invalid.errors.clone(), ..a.clone() });
}

#[test]
fn a_link_read_a_step_at_a_time_opens_what_reading_it_at_once_does() {
    use crate::share::link::{decode, encode, View};
    use base64::Engine;
    // A fragment holding exactly this JSON text.
    let packed = |json: &str| {
        let deflated = miniz_oxide::deflate::compress_to_vec(json.as_bytes(), 10);
        format!("1.{}", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(deflated))
    };
    let mut doc: Value = serde_json::from_str(PRESETS[8].json).unwrap();
    let some = doc["items"].as_array().unwrap().clone();
    doc["items"] = (0..45).map(|i| some[i % some.len()].clone()).collect::<Vec<_>>().into();
    let mut bad = doc.clone();
    bad["items"][40]["lead_time"] = json!({ "distribution": "lognormal", "mean": 0.001, "sd": 10 });
    let out_of_range = json!({ "demand": { "distribution": "poisson", "mean": -3 },
                               "lead_time": { "distribution": "fixed", "days": 2 } });
    let cases = [
        // Valid: unpacked, gated, split, read as a value, read as a file, checked, then 45
        // items 20 at a time.
        (encode(&doc, &View { item: 44 }), 9),
        // An item the core refuses, found when it is built.
        (encode(&bad, &View { item: 2 }), 9),
        // Out of range, found by the checks before any item is built.
        (encode(&json!({ "version": 4, "items": [out_of_range] }), &View::default()), 6),
        // Not a scenario file: found when it is read as one.
        (encode(&json!({ "version": 4, "items": [{ "demand": 3 }] }), &View::default()), 5),
        // A key given twice: refused by the gate.
        (packed(r#"{"scenario":{"version":4,"items":[{"name":"a","name":"b"}]}}"#), 2),
        // Not a link: refused at the first step.
        ("#1.garbage!".to_owned(), 1),
    ];
    for (link, steps) in cases {
        let mut opening = Opening::new(&link);
        let mut taken = 0;
        let state = loop {
            match opening {
                Opening::Open(state) => break *state,
                reading => {
                    taken += 1;
                    // Never more than the items built at a time.
                    opening = reading.step_while(|| false);
                }
            }
        };
        let at_once = match decode(&link) {
            Ok(shared) => EditorState::from_document(
                shared.scenario,
                Some(shared.text.into()),
                shared.view.item,
                "link",
            ),
            Err(e) => EditorState::unreadable(&e),
        };
        assert_eq!(state, at_once, "{link}");
        assert_eq!(taken, steps, "{link}");
    }
}

/// Back or Forward reads the address's link a step per task and hands the page what it read:
/// the page then shows it, keeps its own revision, and Undo brings back what it had.
#[test]
fn a_link_read_before_it_is_handed_over_replaces_the_scenario_undoably() {
    use crate::share::link::{encode, View};
    let doc: Value = serde_json::from_str(PRESETS[8].json).unwrap();
    let link = format!("#{}", encode(&doc, &View { item: 2 }));
    let edited = EditorState::default().act(Action::AddItem);
    for revision in [0, 7] {
        let before = EditorState { revision, ..edited.clone() };
        let handed = before.clone().act(Action::Opened(Rc::new(EditorState::from_link(&link))));
        assert_eq!(
            (handed.doc == doc, handed.selected, handed.scenario.items().len()),
            (true, 2, 5)
        );
        assert_eq!(handed.revision, revision + 1, "a change the address follows");
        let undone = handed.act(Action::Undo);
        assert_eq!(undone.doc, before.doc);
    }
}
