//! What a bound cell shows, as plain data (`CellSpec`: mark, badge, message lines, fix
//! actions). The widget's view model (`widget/view.rs`) builds it from the diagnostics;
//! `widget/render.rs`, the overlay and the panel draw it. Depends on no other module of the
//! widget, so the renderers do not depend on the widget's state.

use super::util::{el_with, set_text};
use wasm_bindgen::JsValue;
use web_sys::Element;

/// An explicit fix the user may click: write `value` into `cell`.
#[derive(Clone, Debug)]
pub struct Action {
    pub label: String,
    pub title: String,
    pub cell: String,
    pub value: String,
}

impl Action {
    /// Its 填入/改为 button (the click handler reads `data-cell`/`data-value`).
    pub fn button(&self, doc: &web_sys::Document, class: &str) -> Result<Element, JsValue> {
        el_with(
            doc,
            "button",
            class,
            &[
                ("type", "button"),
                ("data-cell", &self.cell),
                ("data-value", &self.value),
                ("title", &self.title),
            ],
            Some(&self.label),
        )
    }

    /// Makes `b`, drawn for `old`, this action's button: writes only what differs, and reads
    /// nothing back from the DOM (a keystroke changes the value, rarely more). `names`: its
    /// cell and value attributes (`data-cell`, `data-value` on the panel's buttons).
    pub fn update(&self, old: &Action, b: &Element, names: [&str; 2]) {
        let set = |k: &str, v: &str, was: &str| {
            if v != was {
                let _ = b.set_attribute(k, v);
            }
        };
        set(names[0], &self.cell, &old.cell);
        set(names[1], &self.value, &old.value);
        set("title", &self.title, &old.title);
        if self.label != old.label {
            // The button holds only its label's text node (`button`, `fill_message`).
            match b.first_child().filter(|_| !self.label.is_empty()) {
                Some(t) => t.set_node_value(Some(&self.label)),
                None => set_text(b, &self.label),
            }
        }
    }
}

#[derive(Clone)]
pub struct Line {
    pub text: String,
    pub note: Option<String>,
    pub action: Option<Action>,
}

/// What one cell should look like, from the diagnostics shown on it.
pub struct CellSpec {
    /// `error` (target of a failing rule), `typo` (pinpointed typo), `part` (another cell of a
    /// failing rule), `warning` (target of a warning).
    pub mark: Option<&'static str>,
    /// Badge text and class.
    pub badge: Option<(&'static str, &'static str)>,
    pub invalid: bool,
    pub lines: Vec<Line>,
    /// The message holds an error (always visible); otherwise only on focus/hover.
    pub msg_error: bool,
    /// Ids of the inline messages describing this cell.
    pub described_by: Vec<String>,
}
