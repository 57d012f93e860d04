//! Late hosts: `autoAttach({watch: true})` on a page whose report tables are not there yet
//! (a framework that renders after `load`, an editor initialised later, an SPA route). Watches
//! the document (and editor iframes, which load on their own) until tables that bind appear,
//! then attaches and hands the handles to `onAttach`. An attempt runs only when the page's
//! tables or rows changed since the last one, so a page that never shows a report costs a
//! `MutationObserver` callback per DOM batch and a table count per second.

use super::bind::find_tables;
use super::{attach_found, util, widget, Opts};
use js_sys::Array;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{
    AddEventListenerOptions, Document, Event, MutationObserver, MutationObserverInit, Window,
};

const SETTLE_MS: i32 = 100;
const POLL_MS: i32 = 1000;

struct Waiter {
    doc: Document,
    win: Window,
    opts: Opts,
    mo: Option<MutationObserver>,
    timer: Option<i32>,
    poll: Option<i32>,
    /// (tables, rows) at the last attempt.
    sig: Option<(u32, u32)>,
    load_fn: JsValue,
    try_fn: JsValue,
    closures: Vec<Closure<dyn FnMut()>>,
    mo_cb: Option<Closure<dyn FnMut(Array, MutationObserver)>>,
    load_cb: Option<Closure<dyn FnMut(Event)>>,
}

thread_local! {
    static WAITERS: RefCell<Vec<Rc<RefCell<Waiter>>>> = const { RefCell::new(Vec::new()) };
}

pub fn wait(doc: Document, opts: Opts) -> Result<(), JsValue> {
    let win = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let w = Rc::new(RefCell::new(Waiter {
        doc: doc.clone(),
        win: win.clone(),
        opts,
        mo: None,
        timer: None,
        poll: None,
        sig: None,
        load_fn: JsValue::UNDEFINED,
        try_fn: JsValue::UNDEFINED,
        closures: Vec::new(),
        mo_cb: None,
        load_cb: None,
    }));
    let r = Rc::clone(&w);
    let try_cb = Closure::<dyn FnMut()>::new(move || attempt(&r));
    let r = Rc::clone(&w);
    let poll_cb = Closure::<dyn FnMut()>::new(move || schedule(&r));
    let r = Rc::clone(&w);
    let mo_cb =
        Closure::<dyn FnMut(Array, MutationObserver)>::new(move |_: Array, _: MutationObserver| {
            schedule(&r)
        });
    let r = Rc::clone(&w);
    // Editor iframes load their documents without a mutation in ours: `load` (capture) says.
    let load_cb = Closure::<dyn FnMut(Event)>::new(move |_e: Event| schedule(&r));
    let mo = MutationObserver::new(widget::guarded(mo_cb.as_ref()).unchecked_ref())?;
    let init = MutationObserverInit::new();
    init.set_child_list(true);
    init.set_subtree(true);
    if let Some(de) = doc.document_element() {
        mo.observe_with_options(&de, &init)?;
    }
    let load_fn = widget::guarded(load_cb.as_ref());
    let lo = AddEventListenerOptions::new();
    lo.set_capture(true);
    lo.set_passive(true);
    doc.add_event_listener_with_callback_and_add_event_listener_options(
        "load",
        load_fn.unchecked_ref(),
        &lo,
    )?;
    let poll = win
        .set_interval_with_callback_and_timeout_and_arguments_0(
            widget::guarded(poll_cb.as_ref()).unchecked_ref(),
            POLL_MS,
        )
        .ok();
    {
        let mut me = w.borrow_mut();
        me.mo = Some(mo);
        me.poll = poll;
        me.load_fn = load_fn;
        me.try_fn = widget::guarded(try_cb.as_ref());
        me.closures.push(try_cb);
        me.closures.push(poll_cb);
        me.mo_cb = Some(mo_cb);
        me.load_cb = Some(load_cb);
    }
    WAITERS.with(|ws| ws.borrow_mut().push(w));
    Ok(())
}

fn schedule(w: &Rc<RefCell<Waiter>>) {
    let Ok(mut me) = w.try_borrow_mut() else {
        return;
    };
    if me.mo.is_none() {
        return;
    }
    if let Some(t) = me.timer.take() {
        me.win.clear_timeout_with_handle(t);
    }
    me.timer = me
        .win
        .set_timeout_with_callback_and_timeout_and_arguments_0(me.try_fn.unchecked_ref(), SETTLE_MS)
        .ok();
}

fn attempt(w: &Rc<RefCell<Waiter>>) {
    let (doc, opts) = {
        let Ok(mut me) = w.try_borrow_mut() else {
            return;
        };
        me.timer = None;
        if me.mo.is_none() || util::prop_bool(me.doc.as_ref(), "hidden") {
            return;
        }
        let Some(de) = me.doc.document_element() else {
            return;
        };
        let tables = find_tables(&de);
        let sig = (
            tables.len() as u32,
            tables.iter().map(|t| t.rows().length()).sum(),
        );
        if sig.0 == 0 || me.sig == Some(sig) {
            return;
        }
        me.sig = Some(sig);
        (me.doc.clone(), me.opts.clone())
    };
    let found = attach_found(&doc, &opts);
    if found.is_empty() {
        return;
    }
    stop(w);
    if let Some(f) = &opts.on_attach {
        for h in found {
            let _ = f.call1(&JsValue::NULL, &JsValue::from(h));
        }
    }
}

fn stop(w: &Rc<RefCell<Waiter>>) {
    let Ok(mut me) = w.try_borrow_mut() else {
        return;
    };
    if let Some(mo) = me.mo.take() {
        mo.disconnect();
    }
    if let Some(t) = me.timer.take() {
        me.win.clear_timeout_with_handle(t);
    }
    if let Some(t) = me.poll.take() {
        me.win.clear_interval_with_handle(t);
    }
    let _ = me.doc.remove_event_listener_with_callback_and_bool(
        "load",
        me.load_fn.unchecked_ref(),
        true,
    );
    drop(me);
    // Its closures stay (a call already queued finds `mo` gone and returns): a few bytes,
    // once per page, instead of dropping a closure that may be running now.
    WAITERS.with(|ws| ws.borrow_mut().retain(|x| !Rc::ptr_eq(x, w)));
}

/// Stops every waiter (after a trap, or when the page is being torn down).
pub fn stop_all() {
    let all: Vec<Rc<RefCell<Waiter>>> = WAITERS.with(|ws| ws.borrow().clone());
    for w in &all {
        stop(w);
    }
}
