//! Autosave drafts in `localStorage` (no DOM, no widget state: the record and its storage).
//!
//! One item per draft, named `nianbao:autosave:<key>|<fingerprint>` so that two reports never
//! share a draft: `<key>` is the integrator's key or path + query + the form's identity, the
//! fingerprint is format, year, agency and page title as the page shows them at attach. A
//! record is `{v: 2, savedAt, fp, cells, newer?}`: `newer` holds what was typed while an
//! offer to restore the older draft was still open, so that draft is never overwritten before
//! the user chose 恢复 or 丢弃. Drafts older than the expiry are removed (every key) at attach.
//! Storage errors are returned, never swallowed: the widget shows them once.

use super::util::{set, set_str};
use crate::num::u64_text;
use crate::textnorm::concat;
use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Storage, Window};

const PREFIX: &str = "nianbao:autosave:";

/// What identifies the report a draft belongs to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Fingerprint {
    pub format: String,
    pub year: String,
    pub agency: String,
    pub title: String,
}

impl Fingerprint {
    fn suffix(&self) -> String {
        concat(&[
            &self.format,
            "|",
            &self.year,
            "|",
            &self.agency,
            "|",
            &self.title,
        ])
    }
}

/// One saved set of values: when, and `(cell id, raw text)` of every bound cell.
#[derive(Clone, Debug, Default)]
pub struct Slot {
    /// Milliseconds since the epoch.
    pub saved_at: f64,
    pub cells: Vec<(String, String)>,
}

#[derive(Clone, Debug, Default)]
pub struct Saved {
    pub fp: Fingerprint,
    pub older: Slot,
    /// Typed while the offer of `older` was open (after a reload: the latest values).
    pub newer: Option<Slot>,
}

impl Saved {
    /// The values to restore: the newer slot's over the older one's.
    pub fn merged(&self) -> Vec<(String, String)> {
        let mut out = self.older.cells.clone();
        if let Some(n) = &self.newer {
            for (k, v) in &n.cells {
                match out.iter_mut().find(|(x, _)| x == k) {
                    Some(e) => e.1 = v.clone(),
                    None => out.push((k.clone(), v.clone())),
                }
            }
        }
        out
    }

    fn latest(&self) -> f64 {
        self.newer
            .as_ref()
            .map_or(self.older.saved_at, |n| n.saved_at.max(self.older.saved_at))
    }
}

/// The storage item's name for a draft.
pub fn item_name(key: &str, fp: &Fingerprint) -> String {
    concat(&[PREFIX, key, "|", &fp.suffix()])
}

fn storage(win: &Window) -> Result<Storage, String> {
    match win.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err("localStorage is not available".into()),
        Err(e) => Err(crate::wasm::js_error_text(&e)),
    }
}

fn slot_of(v: &JsValue) -> Option<Slot> {
    let saved_at = Reflect::get(v, &"savedAt".into()).ok()?.as_f64()?;
    let cells_obj = Reflect::get(v, &"cells".into()).ok()?;
    if !cells_obj.is_object() {
        return None;
    }
    let mut cells = Vec::new();
    for e in Object::entries(cells_obj.unchecked_ref()).iter() {
        let e: js_sys::Array = e.unchecked_into();
        if let (Some(k), Some(val)) = (e.get(0).as_string(), e.get(1).as_string()) {
            cells.push((k, val));
        }
    }
    Some(Slot { saved_at, cells })
}

fn text_field(v: &JsValue, k: &str) -> String {
    Reflect::get(v, &k.into())
        .ok()
        .and_then(|x| x.as_string())
        .unwrap_or_default()
}

fn parse(text: &str) -> Option<Saved> {
    let v = JSON::parse(text).ok()?;
    if Reflect::get(&v, &"v".into()).ok()?.as_f64()? != 2.0 {
        return None;
    }
    let fpv = Reflect::get(&v, &"fp".into()).ok()?;
    let fp = Fingerprint {
        format: text_field(&fpv, "format"),
        year: text_field(&fpv, "year"),
        agency: text_field(&fpv, "agency"),
        title: text_field(&fpv, "title"),
    };
    let older = slot_of(&v)?;
    let newer = Reflect::get(&v, &"newer".into())
        .ok()
        .filter(|n| n.is_object())
        .and_then(|n| slot_of(&n));
    Some(Saved { fp, older, newer })
}

/// The draft stored for `key` and this report, unless missing or unreadable.
pub fn load(win: &Window, key: &str, fp: &Fingerprint) -> Result<Option<Saved>, String> {
    let st = storage(win)?;
    let text = st
        .get_item(&item_name(key, fp))
        .map_err(|e| crate::wasm::js_error_text(&e))?;
    Ok(text.as_deref().and_then(parse).filter(|s| s.fp == *fp))
}

fn slot_obj(s: &Slot) -> Object {
    let obj = Object::new();
    let map = Object::new();
    for (k, v) in &s.cells {
        set_str(&map, k, v);
    }
    set(&obj, "savedAt", &JsValue::from_f64(s.saved_at));
    set(&obj, "cells", &map);
    obj
}

/// Writes the draft. An error (quota, storage disabled) is returned for the widget to show.
pub fn save(win: &Window, key: &str, saved: &Saved) -> Result<(), String> {
    let st = storage(win)?;
    let obj = slot_obj(&saved.older);
    set(&obj, "v", &JsValue::from_f64(2.0));
    let fp = Object::new();
    set_str(&fp, "format", &saved.fp.format);
    set_str(&fp, "year", &saved.fp.year);
    set_str(&fp, "agency", &saved.fp.agency);
    set_str(&fp, "title", &saved.fp.title);
    set(&obj, "fp", &fp);
    if let Some(n) = &saved.newer {
        set(&obj, "newer", &slot_obj(n));
    }
    let text = JSON::stringify(&obj)
        .ok()
        .and_then(|t| t.as_string())
        .ok_or("the draft could not be serialised")?;
    st.set_item(&item_name(key, &saved.fp), &text)
        .map_err(|e| crate::wasm::js_error_text(&e))
}

pub fn remove(win: &Window, key: &str, fp: &Fingerprint) -> Result<(), String> {
    storage(win)?
        .remove_item(&item_name(key, fp))
        .map_err(|e| crate::wasm::js_error_text(&e))
}

/// Removes every nianbao draft (any key) last saved more than `days` ago, and unreadable ones
/// of an older layout. A shared office PC keeps no one's figures for long.
pub fn sweep(win: &Window, days: f64) -> Result<(), String> {
    let st = storage(win)?;
    let now = js_sys::Date::now();
    let n = st.length().map_err(|e| crate::wasm::js_error_text(&e))?;
    let mut stale = Vec::new();
    for i in 0..n {
        let Ok(Some(name)) = st.key(i) else { continue };
        if !name.starts_with(PREFIX) {
            continue;
        }
        let keep = st
            .get_item(&name)
            .ok()
            .flatten()
            .and_then(|t| parse(&t))
            .is_some_and(|s| now - s.latest() <= days * 86_400_000.0);
        if !keep {
            stale.push(name);
        }
    }
    for name in stale {
        st.remove_item(&name)
            .map_err(|e| crate::wasm::js_error_text(&e))?;
    }
    Ok(())
}

/// "2026-11-27 14:05" in local time.
pub fn format_time(ms: f64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    // Zero-padded by hand: `format!("{:02}")` would link core's formatter.
    let pad = |v: u32, w: usize| {
        let t = u64_text(v.into());
        let mut s = "0".repeat(w.saturating_sub(t.len()));
        s.push_str(&t);
        s
    };
    concat(&[
        &pad(d.get_full_year(), 4),
        "-",
        &pad(d.get_month() + 1, 2),
        "-",
        &pad(d.get_date(), 2),
        " ",
        &pad(d.get_hours(), 2),
        ":",
        &pad(d.get_minutes(), 2),
    ])
}
