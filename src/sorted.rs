//! A sorted `Vec` as a small map or set, keyed by part of each entry: the one implementation
//! behind a report's cells, the widget's diagnostics by key and its key and index sets. A
//! report has a few hundred cells at most; binary search over a `Vec` is as fast there as a
//! B-tree and instantiates far less generic code in the WebAssembly builds.

use crate::diagnostic::Diagnostic;

/// An entry that carries its own sort key.
pub trait Keyed {
    type Key: Ord + ?Sized;
    fn key(&self) -> &Self::Key;
}

impl Keyed for String {
    type Key = str;
    fn key(&self) -> &str {
        self
    }
}

impl Keyed for usize {
    type Key = usize;
    fn key(&self) -> &usize {
        self
    }
}

/// (key, value) pairs: a map.
impl Keyed for (String, String) {
    type Key = str;
    fn key(&self) -> &str {
        &self.0
    }
}

impl Keyed for Diagnostic {
    type Key = str;
    fn key(&self) -> &str {
        &self.key
    }
}

/// Entries in key order, at most one per key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sorted<T>(Vec<T>);

impl<T> Default for Sorted<T> {
    fn default() -> Self {
        Sorted(Vec::new())
    }
}

impl<T: Keyed> Sorted<T> {
    pub const fn new() -> Self {
        Sorted(Vec::new())
    }

    /// Position of `k` (`Err`: where it would go).
    pub fn find(&self, k: &T::Key) -> Result<usize, usize> {
        self.0.binary_search_by(|x| x.key().cmp(k))
    }

    pub fn get(&self, k: &T::Key) -> Option<&T> {
        self.find(k).ok().map(|i| &self.0[i])
    }

    pub fn get_mut(&mut self, k: &T::Key) -> Option<&mut T> {
        self.find(k).ok().map(|i| &mut self.0[i])
    }

    pub fn contains(&self, k: &T::Key) -> bool {
        self.find(k).is_ok()
    }

    /// Puts `item` in its place; the entry it replaced (same key), if any.
    pub fn insert(&mut self, item: T) -> Option<T> {
        match self.find(item.key()) {
            Ok(i) => Some(std::mem::replace(&mut self.0[i], item)),
            Err(i) => {
                self.0.insert(i, item);
                None
            }
        }
    }

    pub fn remove(&mut self, k: &T::Key) -> Option<T> {
        self.find(k).ok().map(|i| self.0.remove(i))
    }

    /// Keeps the entries `keep` says yes to; it must not change their keys.
    pub fn retain_mut(&mut self, keep: impl FnMut(&mut T) -> bool) {
        self.0.retain_mut(keep);
    }
}

impl<T> Sorted<T> {
    pub fn as_slice(&self) -> &[T] {
        &self.0
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    /// Every entry, in key order, leaving the set empty.
    pub fn take(&mut self) -> Vec<T> {
        std::mem::take(&mut self.0)
    }

    pub fn into_vec(self) -> Vec<T> {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_key_order_and_one_entry_per_key() {
        let mut m: Sorted<(String, String)> = Sorted::new();
        assert_eq!(m.insert(("b".into(), "1".into())), None);
        assert_eq!(m.insert(("a".into(), "2".into())), None);
        assert_eq!(
            m.insert(("b".into(), "3".into())),
            Some(("b".into(), "1".into()))
        );
        let keys: Vec<&str> = m.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert_eq!(m.get("b").map(|(_, v)| v.as_str()), Some("3"));
        assert_eq!(m.remove("a"), Some(("a".into(), "2".into())));
        assert!(!m.contains("a") && m.len() == 1);

        let mut s: Sorted<usize> = Sorted::new();
        for i in [5, 1, 5, 3] {
            s.insert(i);
        }
        assert_eq!(s.take(), [1, 3, 5]);
        assert!(s.is_empty());
    }
}
