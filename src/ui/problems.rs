//! Problems in the form's words: for each problem validation reports (by JSON path), which
//! item it is in, which field of the form shows it, and a sentence that names the item and
//! the field's label rather than the path. The stale note lists them, each a button that
//! shows its item and moves to its field.

use serde_json::Value;
use yew::prelude::*;

use crate::share::scenario_file::FileError;
use crate::ui::document::get;
use crate::ui::field_input::path_key;
use crate::ui::fields::{applies, item_groups, settings_fields, supplier_fields, FieldDef, Kind};
use crate::ui::state::{Action, EditorState};

/// Where a problem is on the page and how the form says it.
#[derive(Clone, Debug, PartialEq)]
pub struct Placed {
    /// The item it is in, if any.
    pub item: Option<usize>,
    /// The full path of the field that shows it, if one does.
    pub field: Option<String>,
    /// "Bearing 6204 — Lead time: min 9 is above max 6 days."
    pub words: String,
    /// A key the format does not know: its full path, which the page can remove.
    pub unknown: Option<String>,
}

/// `items[3].demand.mean` → (`items[3]`, 3, `demand.mean`).
fn split_index<'a>(path: &'a str, list: &str) -> Option<(&'a str, usize, &'a str)> {
    let rest = path.strip_prefix(list)?.strip_prefix('[')?;
    let (n, tail) = rest.split_once(']')?;
    let index = n.parse().ok()?;
    let head = &path[..list.len() + n.len() + 2];
    Some((head, index, tail.strip_prefix('.').unwrap_or(tail)))
}

/// The field of `defs` that shows `inner` (a path inside `object`, an item, a supplier or the
/// settings): the field itself, the field it is part of, or for a rule across fields the
/// first of them that the form shows (a number before a choice).
fn field_for<'d>(defs: &'d [FieldDef], inner: &str, object: &Value) -> Option<&'d FieldDef> {
    if inner.is_empty() {
        return None;
    }
    let shown = |d: &&FieldDef| applies(d, object);
    defs.iter()
        .filter(|d| inner == d.path || inner.starts_with(&format!("{}.", d.path)))
        .filter(shown)
        .max_by_key(|d| d.path.len())
        .or_else(|| {
            let parts: Vec<&FieldDef> = defs
                .iter()
                .filter(|d| d.path.starts_with(&format!("{inner}.")))
                .filter(shown)
                .collect();
            let number = parts.iter().find(|d| matches!(d.kind, Kind::Number { .. }));
            number.or(parts.first()).copied()
        })
}

/// A path's last part as words: `lead_time` → "Lead time".
fn words_of(segment: &str) -> String {
    let plain = segment.replace('_', " ");
    let mut chars = plain.chars();
    chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

/// The problem's own text, without what only a parser's reader needs ("at line 1 column
/// 297") and with serde's "unknown field" said plainly.
pub fn plain(problem: &str) -> String {
    let text = match problem.rfind(" at line ") {
        Some(i) if problem[i..].contains(" column ") => &problem[..i],
        _ => problem,
    };
    if let Some(name) = unknown_key(text) {
        return format!("“{name}” is not a field here (a misspelling, or from another version)");
    }
    text.to_owned()
}

/// The key serde's "unknown field `meen`, expected …" names.
fn unknown_key(problem: &str) -> Option<&str> {
    problem.strip_prefix("unknown field `")?.split_once('`').map(|(name, _)| name)
}

/// Where `e` is and how the form says it, in the document `doc`.
pub fn place(doc: &Value, e: &FileError) -> Placed {
    let problem = plain(&e.problem.to_string());
    let name = |list: &str, i: usize, fallback: &str| {
        get(doc, &format!("{list}[{i}].name"))
            .and_then(Value::as_str)
            .map_or_else(|| format!("{fallback} {}", i + 1), |n| format!("“{n}”"))
    };
    let (item, scope, defs, inner, head) =
        if let Some((head, i, inner)) = split_index(&e.path, "items") {
            let defs: Vec<FieldDef> = item_groups().into_iter().flat_map(|(_, f)| f).collect();
            (Some(i), format!("Item {}", name("items", i, "item")), defs, inner, head.to_owned())
        } else if let Some((head, i, inner)) = split_index(&e.path, "suppliers") {
            (
                None,
                format!("Supplier {}", name("suppliers", i, "supplier")),
                supplier_fields(),
                inner,
                head.to_owned(),
            )
        } else if let Some(inner) = e.path.strip_prefix("settings") {
            let inner = inner.strip_prefix('.').unwrap_or(inner);
            (None, "Settings".to_owned(), settings_fields(), inner, "settings".to_owned())
        } else {
            let at = if e.path.is_empty() { "The scenario".to_owned() } else { words_of(&e.path) };
            return Placed {
                item: None,
                field: None,
                words: format!("{at}: {problem}."),
                unknown: None,
            };
        };
    let object = get(doc, &head).cloned().unwrap_or(Value::Null);
    let def = field_for(&defs, inner, &object);
    let label = def.map_or_else(
        || inner.rsplit('.').next().map(words_of).filter(|w| !w.is_empty()),
        |d| Some(d.label.to_owned()),
    );
    let words = match label {
        Some(label) => format!("{scope} — {label}: {problem}."),
        None => format!("{scope}: {problem}."),
    };
    let raw = e.problem.to_string();
    let unknown = unknown_key(&raw).map(|k| {
        if e.path.is_empty() {
            k.to_owned()
        } else {
            format!("{}.{k}", e.path)
        }
    });
    Placed { item, field: def.map(|d| format!("{head}.{}", d.path)), words, unknown }
}

#[derive(Properties, PartialEq)]
pub struct ProblemListProps {
    pub state: UseReducerHandle<EditorState>,
}

/// Every problem of the scenario in the form's words, each a button that shows its item and
/// moves to its field.
#[function_component(ProblemList)]
pub fn problem_list(props: &ProblemListProps) -> Html {
    let state = &props.state;
    let target = use_state(|| None::<String>);
    {
        // After the item is shown, its field is there to move to.
        let target = target.clone();
        use_effect_with(((*target).clone(), state.selected), move |(id, _)| {
            if let Some(id) = id {
                let el = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.get_element_by_id(id));
                if let Some(el) =
                    el.and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    el.scroll_into_view();
                    let _ = el.focus();
                }
                target.set(None);
            }
        });
    }
    /// More would push the results off the screen; the rest are marked in the form.
    const LISTED: usize = 5;
    let problems = state.problems();
    let more = problems.len().saturating_sub(LISTED);
    let placed: Vec<Placed> = problems.iter().take(LISTED).map(|e| place(&state.doc, e)).collect();
    if placed.is_empty() {
        return html! {};
    }
    html! {
        <ul class="problem-list" data-testid="problem-list">
            { for placed.into_iter().enumerate().map(|(k, p)| {
                let (state, target) = (state.clone(), target.clone());
                let remove = p.unknown.clone().map(|path| {
                    let state = state.clone();
                    Callback::from(move |_: MouseEvent| state.dispatch(Action::Remove(path.clone())))
                });
                let go = Callback::from(move |_: MouseEvent| {
                    if let Some(i) = p.item {
                        state.dispatch(Action::SelectItem(i));
                    }
                    target.set(p.field.as_deref().map(|f| format!("field-{}", path_key(f))));
                });
                html! {
                    <li><button type="button" class="problem-link" data-testid={format!("problem-{k}")} onclick={go}>
                        { p.words.clone() }
                    </button>
                    if let Some(remove) = remove {
                        { " " }
                        <button type="button" class="problem-fix" data-testid={format!("problem-{k}-remove")} onclick={remove}>
                            { "Remove it" }
                        </button>
                    }
                    </li>
                }
            }) }
            if more > 0 {
                <li data-testid="problems-more">{ format!("and {more} more, marked in the form") }</li>
            }
        </ul>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::share::scenario_file::Problem;
    use serde_json::json;

    fn placed(path: &str, problem: &str) -> Placed {
        let doc = json!({
            "items": [ { "name": "Bearing", "lead_time": { "distribution": "uniform", "min": 9, "max": 6 } }, {} ],
            "suppliers": [ { "name": "Foundry" } ]
        });
        place(&doc, &FileError { path: path.into(), problem: Problem::Syntax(problem.into()) })
    }

    #[test]
    fn a_rule_across_fields_is_said_on_its_first_field_in_the_forms_words() {
        let p = placed("items[0].lead_time", "min 9 is above max 6 days");
        assert_eq!(p.item, Some(0));
        assert_eq!(p.field.as_deref(), Some("items[0].lead_time.min"));
        assert!(p.words.starts_with("Item “Bearing” — "), "{}", p.words);
        assert!(p.words.ends_with(": min 9 is above max 6 days."), "{}", p.words);
        assert!(!p.words.contains("items[0]"), "{}", p.words);
    }

    #[test]
    fn an_unknown_key_is_named_without_the_readers_line_and_column() {
        let p = placed(
            "items[1].demand",
            "unknown field `meen`, expected `rate` or `sizes` at line 1 column 297",
        );
        assert_eq!(p.item, Some(1));
        assert!(p.words.starts_with("Item item 2 — "), "{}", p.words);
        assert!(p.words.contains("“meen” is not a field here"), "{}", p.words);
        assert!(!p.words.contains("line 1"), "{}", p.words);
    }

    #[test]
    fn suppliers_settings_and_the_scenario_are_named_too() {
        assert!(placed("suppliers[0].name", "given twice")
            .words
            .starts_with("Supplier “Foundry” — "));
        assert!(placed("settings.horizon_days", "too long").words.starts_with("Settings — "));
        assert_eq!(placed("", "not an object").words, "The scenario: not an object.");
    }
}
