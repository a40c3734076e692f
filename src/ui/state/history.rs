//! Undo and redo of the editor's work: the last [`DEPTH`] states the scenario was in before a
//! change, a field's keystrokes counted as one change, and what was undone kept for redo
//! until the next change.

use std::collections::BTreeMap;

use serde_json::Value;

/// How many changes can be undone.
pub const DEPTH: usize = 20;

/// What an undo brings back: the document, text typed but not yet valid, the item shown, the
/// preset it started from.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    pub doc: Value,
    pub typed: BTreeMap<String, (String, Option<String>)>,
    pub selected: usize,
    pub preset: Option<usize>,
}

/// The changes that can be undone and redone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct History {
    past: Vec<Snapshot>,
    future: Vec<Snapshot>,
    /// The field the last change typed into: its next keystrokes join that change.
    typing: Option<String>,
}

impl History {
    /// Records the state `before` a change; `field` is the field typed into, if that was the
    /// change (the next keystrokes in the same field join it).
    pub fn record(&mut self, before: Snapshot, field: Option<String>) {
        self.future.clear();
        if field.is_some() && field == self.typing {
            return;
        }
        self.typing = field;
        self.past.push(before);
        if self.past.len() > DEPTH {
            self.past.remove(0);
        }
    }

    /// A step that changed nothing ends a run of keystrokes (a click elsewhere, an item
    /// picked): typing in the same field again is a change of its own.
    pub fn pause(&mut self) {
        self.typing = None;
    }

    /// The state before the last change, `now` kept for redo.
    pub fn undo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let back = self.past.pop()?;
        self.future.push(now);
        self.typing = None;
        Some(back)
    }

    /// The state the last undo left, `now` kept for undo.
    pub fn redo(&mut self, now: Snapshot) -> Option<Snapshot> {
        let forward = self.future.pop()?;
        self.past.push(now);
        self.typing = None;
        Some(forward)
    }

    pub fn can_undo(&self) -> bool {
        !self.past.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.future.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn at(n: u64) -> Snapshot {
        Snapshot { doc: json!({ "n": n }), typed: BTreeMap::new(), selected: 0, preset: None }
    }

    #[test]
    fn keystrokes_in_one_field_are_one_change_and_another_field_is_another() {
        let mut h = History::default();
        h.record(at(0), Some("a".into()));
        h.record(at(1), Some("a".into()));
        h.record(at(2), Some("b".into()));
        assert_eq!(h.undo(at(3)), Some(at(2)));
        assert_eq!(h.undo(at(2)), Some(at(0)));
        assert_eq!(h.undo(at(0)), None);
        assert_eq!(h.redo(at(0)), Some(at(2)));
        assert_eq!(h.redo(at(2)), Some(at(3)));
        assert!(!h.can_redo());
    }

    #[test]
    fn a_pause_ends_a_run_and_a_change_after_an_undo_drops_the_redo() {
        let mut h = History::default();
        h.record(at(0), Some("a".into()));
        h.pause();
        h.record(at(1), Some("a".into()));
        assert_eq!(h.undo(at(2)), Some(at(1)));
        h.record(at(1), None);
        assert!(!h.can_redo());
        assert!(h.can_undo());
    }

    #[test]
    fn only_the_last_twenty_changes_are_kept() {
        let mut h = History::default();
        for n in 0..30 {
            h.record(at(n), None);
        }
        let mut undone = 0;
        while h.undo(at(99)).is_some() {
            undone += 1;
        }
        assert_eq!(undone, DEPTH);
    }
}
