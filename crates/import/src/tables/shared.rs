//! What a text is, kept across documents in native builds: a folder of reports repeats the
//! same labels (every agency fills the same State Council tables), so `nianbao check` and
//! `review` classify each distinct text once per process instead of once per document.
//!
//! Each answer is a pure function of the text (and the format), so keeping it changes no
//! output. Bounded: the memo is cleared when it holds 50,000 texts. **Invariant:** not in the
//! WebAssembly builds, where a page reads a document or two and the maps would cost the
//! widget's size; there every call computes.

#[cfg(not(target_arch = "wasm32"))]
mod native {
    use super::super::classify::{Class, LabelKind};
    use std::cell::RefCell;
    use std::collections::HashMap;

    type Texts = std::hash::BuildHasherDefault<crate::labels::TextHasher>;

    /// Texts kept before the memo is cleared (texts are at most a few hundred bytes).
    const CAP: usize = 50_000;

    /// What is known of one text (one entry, one copy of the text, for all three answers).
    #[derive(Default)]
    struct Known {
        /// Whether it is a caption of a national format.
        caption: Option<bool>,
        /// What it names over every national format.
        kind: Option<LabelKind>,
        /// Its class in each format asked about (format id, class).
        classes: Vec<(&'static str, Class)>,
    }

    std::thread_local! {
        static MEMO: RefCell<HashMap<String, Known, Texts>> = RefCell::new(HashMap::default());
    }

    /// `read` of what is known of `text`, else `f()`, stored by `write`.
    fn kept<V: Copy>(
        text: &str,
        read: impl Fn(&Known) -> Option<V>,
        write: impl FnOnce(&mut Known, V),
        f: impl FnOnce() -> V,
    ) -> V {
        if let Some(v) = MEMO.with(|m| m.borrow().get(text).and_then(&read)) {
            return v;
        }
        // Computed outside the borrow: `f` may ask the memo itself.
        let v = f();
        MEMO.with(|m| {
            let mut m = m.borrow_mut();
            if let Some(k) = m.get_mut(text) {
                write(k, v);
                return;
            }
            if m.len() >= CAP {
                m.clear();
            }
            let mut k = Known::default();
            write(&mut k, v);
            m.insert(text.to_string(), k);
        });
        v
    }

    /// Forgets every kept answer.
    pub fn clear() {
        MEMO.with(|m| m.borrow_mut().clear());
    }

    pub(in super::super) fn class(
        format: &'static str,
        text: &str,
        f: impl FnOnce() -> Class,
    ) -> Class {
        kept(
            text,
            |k| k.classes.iter().find(|c| c.0 == format).map(|c| c.1),
            |k, c| k.classes.push((format, c)),
            f,
        )
    }

    pub(in super::super) fn caption(text: &str, f: impl FnOnce() -> bool) -> bool {
        kept(text, |k| k.caption, |k, v| k.caption = Some(v), f)
    }

    pub(in super::super) fn kind(text: &str, f: impl FnOnce() -> LabelKind) -> LabelKind {
        kept(text, |k| k.kind, |k, v| k.kind = Some(v), f)
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
