//! `autosave: 'key'`: the typed values of the bound cells are kept in `localStorage` under
//! `nianbao:autosave:<key>` and offered back after a reload or a crash when they differ from
//! what the page shows. Storage errors (private mode, quota) are ignored: autosave is a
//! convenience and must never disturb typing.

use super::util::{set, set_str};
use js_sys::{Object, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Storage, Window};

pub struct Saved {
    /// Milliseconds since the epoch.
    pub saved_at: f64,
    pub format: String,
    pub cells: Vec<(String, String)>,
}

fn storage(win: &Window) -> Option<Storage> {
    win.local_storage().ok().flatten()
}

fn item_key(key: &str) -> String {
    format!("nianbao:autosave:{key}")
}

pub fn load(win: &Window, key: &str) -> Option<Saved> {
    let text = storage(win)?.get_item(&item_key(key)).ok()??;
    let v = JSON::parse(&text).ok()?;
    let saved_at = Reflect::get(&v, &"savedAt".into()).ok()?.as_f64()?;
    let format = Reflect::get(&v, &"format".into()).ok()?.as_string()?;
    let cells_obj = Reflect::get(&v, &"cells".into()).ok()?;
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
    Some(Saved {
        saved_at,
        format,
        cells,
    })
}

pub fn save(win: &Window, key: &str, format: &str, cells: &[(String, String)]) {
    let Some(st) = storage(win) else { return };
    let obj = Object::new();
    let map = Object::new();
    for (k, v) in cells {
        set_str(&map, k, v);
    }
    set(&obj, "v", &JsValue::from_f64(1.0));
    set(&obj, "savedAt", &JsValue::from_f64(js_sys::Date::now()));
    set_str(&obj, "format", format);
    set(&obj, "cells", &map);
    if let Ok(text) = JSON::stringify(&obj) {
        if let Some(text) = text.as_string() {
            let _ = st.set_item(&item_key(key), &text);
        }
    }
}

pub fn remove(win: &Window, key: &str) {
    if let Some(st) = storage(win) {
        let _ = st.remove_item(&item_key(key));
    }
}

/// "2026-11-27 14:05" in local time.
pub fn format_time(ms: f64) -> String {
    let d = js_sys::Date::new(&JsValue::from_f64(ms));
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes()
    )
}
