//! What a text is, kept across documents in native builds: a folder of reports repeats the
//! same labels (every agency fills the same State Council tables), so `nianbao check` and
//! `review` classify each distinct text once per process instead of once per document.
//!
//! Each answer is a pure function of the text (and the format), so keeping it changes no
//! output. Bounded: a map that reaches [`CAP`] entries is cleared. **Invariant:** not in the
//! WebAssembly builds, where a page reads a document or two and the maps would cost the
//! widget's size; there every call computes.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::super::classify::{Class, LabelKind};
    use std::cell::RefCell;
    use std::collections::HashMap;

    /// Entries per map before it is cleared (texts are at most a few hundred bytes).
    const CAP: usize = 50_000;

    #[derive(Default)]
    struct Memo {
        /// Format id → text → class in that format.
        classes: HashMap<&'static str, HashMap<String, Class>>,
        /// Text → whether it is a caption of a national format.
        captions: HashMap<String, bool>,
        /// Text → what it names over every national format.
        kinds: HashMap<String, LabelKind>,
    }

    std::thread_local! {
        static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
    }

    fn kept<V: Copy>(
        map: impl Fn(&mut Memo) -> &mut HashMap<String, V>,
        text: &str,
        f: impl FnOnce() -> V,
    ) -> V {
        if let Some(v) = MEMO.with(|m| map(&mut m.borrow_mut()).get(text).copied()) {
            return v;
        }
        // Computed outside the borrow: `f` may ask the memo itself.
        let v = f();
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            let map = map(&mut m);
            if map.len() >= CAP {
                map.clear();
            }
            map.insert(text.to_string(), v);
        });
        v
    }

    /// Forgets every kept answer.
    pub fn clear() {
        MEMO.with(|m| *m.borrow_mut() = Memo::default());
    }

    pub(in super::super) fn class(
        format: &'static str,
        text: &str,
        f: impl FnOnce() -> Class,
    ) -> Class {
        kept(|m| m.classes.entry(format).or_default(), text, f)
    }

    pub(in super::super) fn caption(text: &str, f: impl FnOnce() -> bool) -> bool {
        kept(|m| &mut m.captions, text, f)
    }

    pub(in super::super) fn kind(text: &str, f: impl FnOnce() -> LabelKind) -> LabelKind {
        kept(|m| &mut m.kinds, text, f)
    }
}

#[cfg(target_arch = "wasm32")]
mod native {
    use super::super::classify::{Class, LabelKind};

    /// Nothing is kept here.
    pub fn clear() {}

    pub(in super::super) fn class(_: &'static str, _: &str, f: impl FnOnce() -> Class) -> Class {
        f()
    }

    pub(in super::super) fn caption(_: &str, f: impl FnOnce() -> bool) -> bool {
        f()
    }

    pub(in super::super) fn kind(_: &str, f: impl FnOnce() -> LabelKind) -> LabelKind {
        f()
    }
}

pub(super) use native::{caption, class, kind};

/// Forgets the texts classified so far (native builds keep them across documents): frees
/// their memory, and lets a benchmark time a first read.
pub use native::clear as forget_labels;
