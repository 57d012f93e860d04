//! Event listeners and timers: what the page tells nianbao (input, composition, focus,
//! selection, clicks on its own buttons, layout changes) and how each reaches the state.

use super::*;

type Handler = fn(&Rc<RefCell<Inner>>, Event);

pub(super) fn listen(
    rc: &Rc<RefCell<Inner>>,
    target: &EventTarget,
    ty: &'static str,
    capture: bool,
    passive: bool,
    f: Handler,
) -> Result<(), JsValue> {
    let rc2 = Rc::clone(rc);
    let cb = Closure::<dyn FnMut(Event)>::new(move |e: Event| f(&rc2, e));
    let func = guarded(cb.as_ref());
    let opts = AddEventListenerOptions::new();
    opts.set_capture(capture);
    opts.set_passive(passive);
    target.add_event_listener_with_callback_and_add_event_listener_options(
        ty,
        func.unchecked_ref(),
        &opts,
    )?;
    rc.borrow_mut().listeners.push(Listener {
        target: target.clone(),
        ty,
        func,
        _cb: cb,
        capture,
    });
    Ok(())
}

/// Event listeners and timer callbacks. Each closure holds the state strongly: the binding
/// stays alive until `detach()`, even when the host drops the handle.
pub(super) fn install(rc: &Rc<RefCell<Inner>>) -> Result<(), JsValue> {
    install_listeners(rc)?;
    install_timers(rc);
    Ok(())
}

/// Listens again after a rebinding changed the root, the editors or the overlay.
pub(super) fn relisten(rc: &Rc<RefCell<Inner>>) -> Result<(), JsValue> {
    let old = match rc.try_borrow_mut() {
        Ok(mut me) => std::mem::take(&mut me.listeners),
        Err(_) => return Ok(()),
    };
    for l in &old {
        l.remove();
    }
    drop(old);
    install_listeners(rc)
}

fn install_listeners(rc: &Rc<RefCell<Inner>>) -> Result<(), JsValue> {
    let (root, win, doc, panel, overlay, hosts, frames) = {
        let me = rc.borrow();
        let (hosts, frames) = me.targets();
        (
            me.root.clone(),
            me.win.clone(),
            me.doc.clone(),
            me.panel.as_ref().map(|p| p.shadow.clone()),
            me.overlay.as_ref().map(|o| o.shadow.clone()),
            hosts,
            frames,
        )
    };
    // Capture phase on the root: a host handler that stops propagation cannot hide edits.
    let mut targets: Vec<EventTarget> = vec![root.clone().into()];
    for h in &hosts {
        if !root.contains(Some(h.as_ref())) {
            targets.push(h.clone().into());
        }
    }
    for d in &frames {
        targets.push(d.clone().into());
    }
    for t in &targets {
        listen(rc, t, "input", true, false, on_input)?;
        listen(rc, t, "change", true, false, on_input)?;
        listen(rc, t, "compositionstart", true, false, on_composition_start)?;
        listen(rc, t, "compositionend", true, false, on_composition_end)?;
        listen(rc, t, "focusout", true, false, on_focusout)?;
        listen(rc, t, "focusin", true, false, on_focusin)?;
    }
    if !hosts.is_empty() {
        listen(
            rc,
            &doc.clone().into(),
            "selectionchange",
            false,
            true,
            on_selection,
        )?;
        for d in &frames {
            listen(
                rc,
                &d.clone().into(),
                "selectionchange",
                false,
                true,
                on_selection,
            )?;
        }
    }
    listen(rc, &root.clone().into(), "click", true, false, on_click)?;
    if let Some(s) = panel {
        listen(rc, &s.into(), "click", false, false, on_ui_click)?;
    }
    let scroll: Handler = if let Some(s) = overlay {
        listen(rc, &s.into(), "click", false, false, on_ui_click)?;
        on_layout
    } else {
        on_scroll
    };
    listen(rc, &doc.clone().into(), "scroll", true, true, scroll)?;
    for d in &frames {
        listen(rc, &d.clone().into(), "scroll", true, true, scroll)?;
    }
    let w: EventTarget = win.clone().into();
    listen(rc, &w, "resize", false, true, on_layout)?;
    listen(rc, &w, "pagehide", false, false, on_pagehide)?;
    pending::listen_submit(rc, &root)?;
    Ok(())
}

fn install_timers(rc: &Rc<RefCell<Inner>>) {
    let weak = Rc::clone(rc);
    let live = Closure::<dyn FnMut()>::new(move || {
        if let Ok(mut me) = weak.try_borrow_mut() {
            me.announce();
        }
    });
    let weak = Rc::clone(rc);
    let save = Closure::<dyn FnMut()>::new(move || {
        if let Ok(mut me) = weak.try_borrow_mut() {
            me.timers.save = None;
            me.save_now();
        }
    });
    let weak = Rc::clone(rc);
    let raf = Closure::<dyn FnMut()>::new(move || {
        if let Ok(mut me) = weak.try_borrow_mut() {
            me.frame();
        }
    });
    let mut me = rc.borrow_mut();
    me.timers.live_fn = guarded(live.as_ref());
    me.timers.save_fn = guarded(save.as_ref());
    me.timers.raf_fn = guarded(raf.as_ref());
    me.timers.live_cb = Some(live);
    me.timers.save_cb = Some(save);
    me.timers.raf_cb = Some(raf);
}

fn process_input(rc: &Rc<RefCell<Inner>>, target: &Element, trusted: bool) {
    process(rc, Some(target), Vec::new(), trusted);
}

/// Bound cells whose content changed without an `input` event (seen by `observe`).
pub(super) fn process_cells(rc: &Rc<RefCell<Inner>>, idxs: Vec<usize>, trusted: bool) {
    process(rc, None, idxs, trusted);
}

fn process(rc: &Rc<RefCell<Inner>>, target: Option<&Element>, given: Vec<usize>, trusted: bool) {
    let effects = {
        let Ok(mut me) = rc.try_borrow_mut() else {
            return;
        };
        if me.detached {
            return;
        }
        let idxs = match target {
            Some(t) => me.cells_for(t),
            None => given,
        };
        if me.trap_next && !idxs.is_empty() {
            // Test hook: a trap in the middle of an update, the borrow held.
            #[cfg(target_arch = "wasm32")]
            core::arch::wasm32::unreachable();
        }
        if idxs.is_empty() {
            return;
        }
        let mut any = false;
        let mut last: Option<Change> = None;
        let mut merged = Change::default();
        for &i in &idxs {
            if let Some(t) = me.drafts.typed.get_mut(i) {
                *t = true;
            }
            // In an editor the focus never leaves the editing host: moving on to another
            // cell is the editor's "blur".
            if let Some(l) = me.last_edit {
                if l != i && idxs.len() == 1 && !me.cells[i].kind.is_control() {
                    any |= me.flush();
                }
            }
            let defer = me.opts.defer && trusted && me.is_focused(i);
            if let Some(ch) = me.edit(i, defer) {
                merged.appeared.extend(ch.appeared.iter().cloned());
                merged.cleared.extend(ch.cleared.iter().cloned());
                merged.updated.extend(ch.updated.iter().cloned());
                last = Some(ch);
                any = true;
            }
            if idxs.len() == 1 {
                me.last_edit = Some(i);
            }
        }
        // Overlay marks follow their cells; a floating panel re-docks off the fields.
        if me.overlay.as_ref().is_some_and(|o| !o.is_empty())
            || me.panel.as_ref().is_some_and(|p| p.floating())
        {
            me.schedule_frame();
        }
        if !any {
            return;
        }
        let change = if idxs.len() == 1 { last } else { Some(merged) };
        me.after_change(change.as_ref(), true)
    };
    run(rc, effects);
}

fn on_input(rc: &Rc<RefCell<Inner>>, e: Event) {
    let composing = Reflect::get(&e, &"isComposing".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if composing || rc.try_borrow().map(|m| m.composing).unwrap_or(false) {
        return; // IME: wait for compositionend
    }
    let Some(t) = target_element(&e) else { return };
    process_input(rc, &t, e.is_trusted());
}

fn on_composition_start(rc: &Rc<RefCell<Inner>>, _e: Event) {
    if let Ok(mut me) = rc.try_borrow_mut() {
        me.composing = true;
    }
}

fn on_composition_end(rc: &Rc<RefCell<Inner>>, e: Event) {
    if let Ok(mut me) = rc.try_borrow_mut() {
        me.composing = false;
    }
    let Some(t) = target_element(&e) else { return };
    process_input(rc, &t, e.is_trusted());
}

fn on_focusin(rc: &Rc<RefCell<Inner>>, e: Event) {
    let Some(t) = target_element(&e) else { return };
    if let Ok(mut me) = rc.try_borrow_mut() {
        if me.detached {
            return;
        }
        // A bound field, or the editor input a grid opens inside a bound cell (layui, vxe).
        let cell = me.cells_for(&t).first().copied().filter(|_| {
            me.lookup.get(t.as_ref()).as_f64().is_some()
                || matches!(util::tag(&t).as_str(), "input" | "textarea")
        });
        if let Some(i) = cell {
            me.active = Some(i);
            me.geo = None;
            me.schedule_frame();
        }
    }
}

/// In an editor, the caret's cell is the active one.
fn on_selection(rc: &Rc<RefCell<Inner>>, e: Event) {
    let Ok(mut me) = rc.try_borrow_mut() else {
        return;
    };
    if me.detached {
        return;
    }
    let doc = e
        .target()
        .and_then(|t| util::as_document(&t.into()))
        .unwrap_or_else(|| me.doc.clone());
    let mut node = doc
        .get_selection()
        .ok()
        .flatten()
        .and_then(|s| s.anchor_node());
    let mut found = None;
    while let Some(n) = node {
        if let Some(i) = me.lookup.get(n.as_ref()).as_f64() {
            found = Some(i as usize);
            break;
        }
        node = n.parent_node();
    }
    let editor_cell = |i: usize| !me.cells[i].kind.is_control();
    if found != me.active && (found.is_some_and(editor_cell) || me.active.is_some_and(editor_cell))
    {
        // Moving the caret to another cell of the editor is that editor's "blur".
        if found != me.last_edit && me.flush() {
            me.schedule_live();
        }
        me.active = found;
        me.geo = None;
        me.schedule_frame();
    }
}

fn on_focusout(rc: &Rc<RefCell<Inner>>, _e: Event) {
    let effects = {
        let Ok(mut me) = rc.try_borrow_mut() else {
            return;
        };
        if me.detached {
            return;
        }
        me.composing = false;
        me.last_edit = None;
        if me.active.is_some() {
            me.active = None;
            me.geo = None;
            me.schedule_frame();
        }
        if !me.flush() {
            return;
        }
        me.schedule_live();
        Vec::new()
    };
    run(rc, effects);
}

/// Clicks on the inline "填入" actions (light DOM, inside the root).
fn on_click(rc: &Rc<RefCell<Inner>>, e: Event) {
    let Some(t) = target_element(&e) else { return };
    let Some(act) = t.closest("[data-nb-act]").ok().flatten() else {
        return;
    };
    // Only nianbao's own buttons: host content may carry the same attributes.
    if !util::is_own(&act) {
        return;
    }
    e.prevent_default();
    e.stop_propagation();
    let cell = act.get_attribute("data-nb-cell").unwrap_or_default();
    let value = act.get_attribute("data-nb-value").unwrap_or_default();
    fix(rc, &cell, &value);
}

fn fix(rc: &Rc<RefCell<Inner>>, cell: &str, value: &str) {
    let effects = {
        let Ok(me) = rc.try_borrow() else { return };
        if me.detached {
            return;
        }
        match me.bound_of(cell) {
            Some(i) => vec![Effect::Write(i, value.to_string()), Effect::Focus(i)],
            None => return,
        }
    };
    run(rc, effects);
}

/// Clicks inside the panel or the overlay (shadow roots).
fn on_ui_click(rc: &Rc<RefCell<Inner>>, e: Event) {
    let Some(t) = target_element(&e) else { return };
    let Some(b) = t.closest("button").ok().flatten() else {
        return;
    };
    let cls = b.get_attribute("class").unwrap_or_default();
    let act = b.get_attribute("data-act").unwrap_or_default();
    if act == "restore" {
        restore_autosave(rc);
        return;
    }
    if act == "discard" {
        discard_autosave(rc);
        return;
    }
    if act == "undo" {
        drafts::undo(rc);
        return;
    }
    if act == "checkall" {
        pending::check_all(rc);
        return;
    }
    if crate::textnorm::contains(&cls, "tog") {
        if let Ok(mut me) = rc.try_borrow_mut() {
            let ui = Ui { lang: me.ui.lang };
            if let Some(p) = me.panel.as_mut() {
                p.user_toggled = true;
                p.toggle(&ui);
            }
        }
        return;
    }
    let cell = b.get_attribute("data-cell").unwrap_or_default();
    if let Some(v) = b.get_attribute("data-value") {
        fix(rc, &cell, &v);
    } else if !cell.is_empty() {
        focus_cell(rc, &cell);
    }
}

fn on_layout(rc: &Rc<RefCell<Inner>>, _e: Event) {
    if let Ok(mut me) = rc.try_borrow_mut() {
        me.geo = None;
        // Overlay marks follow their cells; a floating panel re-docks off the fields.
        if me.overlay.as_ref().is_some_and(|o| !o.is_empty())
            || me.panel.as_ref().is_some_and(|p| p.floating())
        {
            me.schedule_frame();
        }
    }
}

/// A scroll moves the fields in the viewport (without an overlay to follow them).
fn on_scroll(rc: &Rc<RefCell<Inner>>, _e: Event) {
    if let Ok(mut me) = rc.try_borrow_mut() {
        me.geo = None;
    }
}

fn on_pagehide(rc: &Rc<RefCell<Inner>>, _e: Event) {
    if let Ok(mut me) = rc.try_borrow_mut() {
        me.save_now();
    }
}
