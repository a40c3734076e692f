//! Listening to the browser's events from a component: one callback on any number of targets,
//! removed from all of them when the listening is dropped (an effect's clean-up).

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::EventTarget;

/// A callback listening on targets until dropped.
pub struct Listening {
    callback: Closure<dyn Fn()>,
    on: Vec<(EventTarget, &'static str)>,
}

impl Listening {
    pub fn new(callback: impl Fn() + 'static) -> Listening {
        Listening { callback: Closure::new(callback), on: Vec::new() }
    }

    /// Also listens for `event` on `target`, if there is one. Failing to listen only costs
    /// what the event would have done (a redraw, a step back).
    pub fn on(mut self, target: Option<impl Into<EventTarget>>, event: &'static str) -> Listening {
        if let Some(target) = target.map(Into::into) {
            let added = target
                .add_event_listener_with_callback(event, self.callback.as_ref().unchecked_ref());
            if added.is_ok() {
                self.on.push((target, event));
            }
        }
        self
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        for (target, event) in &self.on {
            let _ = target
                .remove_event_listener_with_callback(event, self.callback.as_ref().unchecked_ref());
        }
    }
}
