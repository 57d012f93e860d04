//! The loader's guard around every callback nianbao hands to the page, the registry of live
//! states for disabling them all after a trap, and the "already attached" registry.

use super::*;

pub(super) struct Listener {
    pub(super) target: EventTarget,
    pub(super) ty: &'static str,
    /// What was registered: the closure, or the loader's guard around it.
    pub(super) func: JsValue,
    pub(super) _cb: Closure<dyn FnMut(Event)>,
    pub(super) capture: bool,
}

impl Listener {
    pub(super) fn remove(&self) {
        let _ = self.target.remove_event_listener_with_callback_and_bool(
            self.ty,
            self.func.unchecked_ref(),
            self.capture,
        );
    }
}

thread_local! {
    /// Set by the drop-in loader: wraps every callback nianbao hands to the page, so that a
    /// trap (a bug) disables the widget cleanly instead of reaching the host as an exception.
    static GUARD: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
    /// Every live state, for `disable_all` after a trap.
    static LIVE: RefCell<Vec<std::rc::Weak<RefCell<Inner>>>> = const { RefCell::new(Vec::new()) };
}

pub fn set_guard(f: Option<js_sys::Function>) {
    GUARD.with(|g| *g.borrow_mut() = f);
}

/// A callback as handed to the page: through the guard when there is one.
pub fn guarded(f: &JsValue) -> JsValue {
    let g = GUARD.with(|g| g.borrow().clone());
    match g {
        Some(g) => g
            .call1(&JsValue::NULL, f)
            .ok()
            .filter(|w| w.is_function())
            .unwrap_or_else(|| f.clone()),
        None => f.clone(),
    }
}

pub(super) fn register(rc: &Rc<RefCell<Inner>>) {
    LIVE.with(|l| {
        let mut l = l.borrow_mut();
        l.retain(|w| w.strong_count() > 0);
        l.push(Rc::downgrade(rc));
    });
}

/// After a trap: every handle stops and takes its marks, messages, validity and UI off the
/// page. The trap left Rust frames unwound without running destructors, so a `RefCell` may
/// still count a borrow that no live reference holds; the state is then reached through
/// `as_ptr` (single-threaded, and no frame of ours is on the stack: the guard calls this
/// from JS after the trapping call returned).
pub fn disable_all() {
    let live: Vec<Rc<RefCell<Inner>>> = LIVE.with(|l| {
        l.borrow_mut()
            .drain(..)
            .filter_map(|w| w.upgrade())
            .collect()
    });
    for rc in live {
        // SAFETY: see above; no other reference to the state is alive at this point.
        let me = unsafe { &mut *rc.as_ptr() };
        let listeners = me.detach();
        me.timers = Timers::default();
        std::mem::forget(listeners);
    }
}

/// Moves the "already attached" mark of an automatic handle to its new root.
pub(crate) fn retarget(old: &Element, new: &Element) {
    ATTACHED.with(|a| {
        let mut a = a.borrow_mut();
        a.retain(|e| !util::same(e, old));
        a.push(new.clone());
    });
}

pub fn is_attached(el: &Element) -> bool {
    ATTACHED.with(|a| a.borrow().iter().any(|e| util::same(e, el)))
}
