//! Share links: a whole scenario, and what the page shows of it, in a URL's fragment.
//!
//! A link's fragment is `1.` followed by the base64url text (no padding) of the raw DEFLATE
//! of one compact JSON document:
//!
//! ```json
//! { "scenario": { …the scenario file, exactly as the CLI reads it… }, "view": { "item": 2 } }
//! ```
//!
//! Two versions are at work. The leading `1` is the link's own encoding (compression, text,
//! wrapper); a new encoding would get `2.` and this one would still be read. The scenario
//! inside carries the scenario file's `version`, read by the same code as files, so links
//! keep opening as the model grows. The fragment never reaches a server, and nothing here
//! reads the network.
//!
//! Decoding takes anything (a bare fragment, `#…`, or a whole URL) and never panics or runs
//! away: the text is capped, the inflated JSON is capped, and each failure says what was
//! wrong. Whether the scenario is valid is the scenario file's business
//! ([`super::scenario_file::read_file`] and its validation, with paths of fields).

use std::fmt;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::{decompress_to_vec_with_limit, DecompressError, TINFLStatus};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::Value;

use super::scenario_file::{MAX_ITEMS, MAX_SUPPLIERS};

/// The link encoding this build writes.
pub const LINK_VERSION: u32 = 1;

/// The longest fragment decoded, in characters: far beyond any real scenario (a 1,000-item
/// catalogue is some 60,000), short enough that a tampered link cannot tie up the page.
pub const MAX_LINK_CHARS: usize = 500_000;

/// The most JSON a link may inflate to, in bytes: a guard against a compression bomb (the
/// same cap as a file's; [`super::gate`] then bounds what that JSON may hold).
pub const MAX_JSON_BYTES: usize = super::gate::MAX_JSON_BYTES;

/// What the page shows of the scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct View {
    /// The item shown (0 the first).
    #[serde(default)]
    pub item: usize,
}

/// A decoded link: the scenario file as a JSON document, not yet validated, and the view.
#[derive(Clone, Debug, PartialEq)]
pub struct Shared {
    pub scenario: Value,
    /// The scenario's JSON text as the link carries it, through the gate: what the page
    /// reads the scenario file from (`scenario_file::read_gated`) without writing it out.
    pub text: String,
    pub view: View,
}

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LinkError {
    /// Nothing after the `#`.
    Empty,
    TooLong {
        chars: usize,
    },
    /// A link encoding this build does not know (`9.…`), or no version at all.
    Version(String),
    /// Not base64url text: the first character that is not.
    Text(String),
    /// Not DEFLATE data, or cut short.
    Compressed(String),
    TooLarge,
    /// Not the JSON a link holds (serde's words, with the path).
    Json(String),
}

impl fmt::Display for LinkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LinkError::Empty => write!(f, "the link holds no scenario (nothing after the #)"),
            LinkError::TooLong { chars } => {
                write!(f, "the link is {chars} characters long; accepted: up to {MAX_LINK_CHARS}")
            }
            LinkError::Version(v) => write!(
                f,
                "the link's format \"{v}\" is not one this version reads; accepted: 1 \
                 (it may come from a newer jitjic)"
            ),
            LinkError::Text(problem) => write!(f, "the link's text is damaged: {problem}"),
            LinkError::Compressed(problem) => {
                write!(f, "the link's data is damaged or cut short: {problem}")
            }
            LinkError::TooLarge => write!(
                f,
                "the link unpacks to more than {} MB; accepted: up to that",
                MAX_JSON_BYTES >> 20
            ),
            LinkError::Json(problem) => write!(f, "the link's scenario is not readable: {problem}"),
        }
    }
}

impl std::error::Error for LinkError {}

/// The document a link carries.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Payload {
    scenario: Value,
    #[serde(default)]
    view: View,
}

/// The fragment (without `#`) for a scenario file's JSON and a view.
pub fn encode(scenario: &Value, view: &View) -> String {
    let payload = Payload { scenario: scenario.clone(), view: view.clone() };
    // Serialising a JSON value cannot fail (its map keys are strings).
    let json = serde_json::to_vec(&payload).unwrap_or_default();
    let packed = compress_to_vec(&json, 10);
    format!("{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(packed))
}

/// A whole link: `base` (the page's address; anything after a `#` in it is replaced) and the
/// fragment.
pub fn link(base: &str, scenario: &Value, view: &View) -> String {
    let base = base.split_once('#').map_or(base, |(b, _)| b);
    format!("{base}#{}", encode(scenario, view))
}

/// Reads a link: a whole URL, `#…`, or the fragment alone.
///
/// # Errors
/// What was wrong with it, in words a planner can act on (see [`LinkError`]).
pub fn decode(link: &str) -> Result<Shared, LinkError> {
    unpack(link)?.gate()?.split()?.read()
}

// [`decode`]'s stages, each a pass over the text at most, for a reader that does its work in
// steps (the page, opening a link, gives the browser its thread back between them):
// `unpack`, `Unpacked::gate`, `Gated::split`, `Split::read`.

/// A link's document unpacked, not yet through the gate.
pub struct Unpacked {
    json: String,
}

/// A link's document through the gate (`share::gate`), which bounds what the stages after
/// it build.
pub struct Gated {
    json: String,
}

/// A link's document read into its fields: the scenario as text, not yet a JSON value.
pub struct Split {
    text: String,
    view: View,
}

/// [`decode`]'s first stage: the fragment's version, its text and its compressed data.
///
/// # Errors
/// As [`decode`], for the link's text and compressed data.
pub fn unpack(link: &str) -> Result<Unpacked, LinkError> {
    let fragment = link.trim();
    let fragment = fragment.split_once('#').map_or(fragment, |(_, f)| f);
    if fragment.is_empty() {
        return Err(LinkError::Empty);
    }
    let chars = fragment.chars().count();
    if chars > MAX_LINK_CHARS {
        return Err(LinkError::TooLong { chars });
    }
    let Some((version, body)) = fragment.split_once('.') else {
        return Err(LinkError::Version(fragment.chars().take(12).collect()));
    };
    if version != LINK_VERSION.to_string() {
        return Err(LinkError::Version(version.chars().take(12).collect()));
    }
    let packed = URL_SAFE_NO_PAD.decode(body).map_err(|e| text_error(&e, version.len() + 1))?;
    let json = decompress_to_vec_with_limit(&packed, MAX_JSON_BYTES).map_err(inflate_error)?;
    let json = String::from_utf8(json).map_err(|e| {
        LinkError::Json(format!(
            "it is not UTF-8 text (a byte that is not, at {}); accepted: JSON text",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Unpacked { json })
}

impl Unpacked {
    /// The one gate a file passes too: strict, and bounded before anything is built.
    ///
    /// # Errors
    /// The gate's first problem, with its path.
    pub fn gate(self) -> Result<Gated, LinkError> {
        super::gate::check(&self.json, &["scenario"], MAX_ITEMS, MAX_SUPPLIERS)
            .map_err(|e| LinkError::Json(e.to_string()))?;
        Ok(Gated { json: self.json })
    }
}

impl Gated {
    /// The document's fields: the scenario as its text, and the view.
    ///
    /// # Errors
    /// The document's own problems (an unknown field, a view that is not one).
    pub fn split(self) -> Result<Split, LinkError> {
        // (The gate has seen that nothing follows the document.) The scenario is kept as its
        // text, then read once as a value.
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Raw<'a> {
            #[serde(borrow)]
            scenario: &'a RawValue,
            #[serde(default)]
            view: View,
        }
        let de = &mut serde_json::Deserializer::from_str(&self.json);
        let raw: Raw = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            let inner = e.into_inner();
            LinkError::Json(if path == "." {
                inner.to_string()
            } else {
                format!("{path}: {inner}")
            })
        })?;
        Ok(Split { text: raw.scenario.get().to_owned(), view: raw.view })
    }
}

impl Split {
    /// The scenario read as a JSON value: the link as the page holds it.
    ///
    /// # Errors
    /// None for anything through the gate, which has read this text as JSON already.
    pub fn read(self) -> Result<Shared, LinkError> {
        let scenario = serde_json::from_str(&self.text)
            .map_err(|e| LinkError::Json(format!("the scenario is not readable: {e}")))?;
        Ok(Shared { scenario, text: self.text, view: self.view })
    }
}

/// The base64 decoder's complaint in a planner's words: which character after the `#` (the
/// version and its point come first, `before` characters), and what probably happened.
fn text_error(e: &base64::DecodeError, before: usize) -> LinkError {
    use base64::DecodeError;
    let at = |offset: usize| offset + before + 1;
    let shown = |byte: u8| match char::from(byte) {
        c if c.is_ascii_graphic() => format!("\"{c}\""),
        ' ' => "a space".to_owned(),
        _ => format!("a character that cannot be in a link (byte {byte})"),
    };
    LinkError::Text(match *e {
        DecodeError::InvalidByte(offset, byte) => format!(
            "character {} after the # is {}, which a jitjic link never holds (was the link \
             changed when it was copied?)",
            at(offset),
            shown(byte)
        ),
        DecodeError::InvalidLastSymbol(offset, byte) => format!(
            "its last character ({} at {}) does not end a link (was the link cut short or \
             changed when it was copied?)",
            shown(byte),
            at(offset)
        ),
        DecodeError::InvalidLength(_) | DecodeError::InvalidPadding => {
            "it has a character too many or too few (was the link cut short when it was \
             copied?)"
                .to_owned()
        }
    })
}

fn inflate_error(e: DecompressError) -> LinkError {
    let words = match e.status {
        TINFLStatus::HasMoreOutput => return LinkError::TooLarge,
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            "it ends before its data does (the link was cut short when copied?)"
        }
        TINFLStatus::Adler32Mismatch => "its checksum does not match its data",
        TINFLStatus::BadParam | TINFLStatus::Failed | TINFLStatus::Done => {
            "its compressed data is not valid DEFLATE (a character was changed or lost?)"
        }
    };
    LinkError::Compressed(words.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn scenario() -> Value {
        json!({ "version": 3, "settings": { "seed": 7 },
                "items": [ { "name": "Bolt", "demand": { "distribution": "poisson", "mean": 4 },
                             "lead_time": { "distribution": "fixed", "days": 3 } } ] })
    }

    #[test]
    fn damaged_text_is_said_in_words_with_where() {
        let fragment = encode(&scenario(), &View::default());
        let changed = format!("{}!{}", &fragment[..5], &fragment[6..]);
        let message = decode(&changed).unwrap_err().to_string();
        assert_eq!(
            message,
            "the link's text is damaged: character 6 after the # is \"!\", which a jitjic link \
             never holds (was the link changed when it was copied?)"
        );
        // Cut after a character that cannot end the text, or leaving one character too many.
        // (Some cuts still read as base64; the data then says it ends early.)
        let mut said = 0;
        for cut in 1..=4 {
            match decode(&fragment[..fragment.len() - cut]) {
                Err(LinkError::Text(words)) => {
                    assert!(words.contains("cut short"), "{words}");
                    assert!(!words.contains("Invalid"), "{words}");
                    said += 1;
                }
                Err(e) => assert!(e.to_string().contains("cut short"), "{e}"),
                Ok(_) => panic!("a cut link decoded"),
            }
        }
        assert!(said > 0, "no cut damaged the text");
    }

    #[test]
    fn a_link_round_trips_from_a_fragment_a_hash_or_a_whole_url() {
        let view = View { item: 0 };
        let fragment = encode(&scenario(), &view);
        assert!(fragment.starts_with("1."), "{fragment}");
        let whole = link("https://wiki.example/tools/jitjic/?x=1#old", &scenario(), &view);
        assert!(whole.starts_with("https://wiki.example/tools/jitjic/?x=1#1."), "{whole}");
        for text in [fragment.clone(), format!("#{fragment}"), whole] {
            let shared = decode(&text).unwrap();
            assert_eq!(shared.scenario, scenario());
            assert_eq!(shared.view, view);
        }
    }

    #[test]
    fn every_kind_of_bad_link_is_named() {
        let good = encode(&scenario(), &View::default());
        assert_eq!(decode("https://x/#"), Err(LinkError::Empty));
        assert!(matches!(decode("2.abc"), Err(LinkError::Version(v)) if v == "2"));
        assert!(matches!(decode("abc"), Err(LinkError::Version(_))));
        assert!(matches!(decode("1.ab$c"), Err(LinkError::Text(_))));
        // Cut short: the data ends early.
        let cut = &good[..good.len() / 2];
        assert!(matches!(decode(cut), Err(LinkError::Compressed(_) | LinkError::Text(_))), "{cut}");
        // Valid DEFLATE of something that is not the link's JSON.
        let other = format!("1.{}", URL_SAFE_NO_PAD.encode(compress_to_vec(b"[1, 2]", 6)));
        assert!(matches!(decode(&other), Err(LinkError::Json(_))));
        let unknown = json!({ "scenario": {}, "view": { "item": 0, "colour": "red" } });
        let unknown = format!(
            "1.{}",
            URL_SAFE_NO_PAD.encode(compress_to_vec(unknown.to_string().as_bytes(), 6))
        );
        let message = decode(&unknown).unwrap_err().to_string();
        assert!(message.contains("view") && message.contains("colour"), "{message}");
        // Too long to look at.
        let long = format!("1.{}", "A".repeat(MAX_LINK_CHARS));
        assert!(matches!(decode(&long), Err(LinkError::TooLong { .. })));
    }

    #[test]
    fn a_compression_bomb_is_refused_not_inflated() {
        let zeros = vec![b' '; MAX_JSON_BYTES + 1];
        let bomb = format!("1.{}", URL_SAFE_NO_PAD.encode(compress_to_vec(&zeros, 10)));
        assert!(bomb.len() < 50_000, "{}", bomb.len());
        assert_eq!(decode(&bomb), Err(LinkError::TooLarge));
    }
}
