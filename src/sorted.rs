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

    /// [`Self::insert`] for keys that usually come in order (an import's cells): one
    /// comparison, no search, when `item` goes last.
    pub fn insert_mostly_last(&mut self, item: T) -> Option<T> {
        if self.0.last().is_none_or(|x| x.key() < item.key()) {
            self.0.push(item);
            return None;
        }
        self.insert(item)
    }

    /// Entries in any order, the last one per key kept: what inserting them one by one gives,
    /// but sorting 4-byte indexes instead of shifting entries (an unsorted insert moves half
    /// the list; entries from a JS object come in the caller's order, not key order).
    pub fn from_unsorted(items: Vec<T>) -> Self {
        // Insertion sort of indexes, each after its equal keys (stable); no generic sort code.
        let mut order: Vec<u32> = Vec::with_capacity(items.len());
        for (i, x) in items.iter().enumerate() {
            let at = order.partition_point(|&j| items[j as usize].key() <= x.key());
            order.insert(at, i as u32);
        }
        let mut slots: Vec<Option<T>> = Vec::with_capacity(items.len());
        for x in items {
            slots.push(Some(x));
        }
        let mut out: Vec<T> = Vec::with_capacity(slots.len());
        for (n, &i) in order.iter().enumerate() {
            let later_same = order.get(n + 1).is_some_and(|&j| {
                let (a, b) = (&slots[i as usize], &slots[j as usize]);
                matches!((a, b), (Some(a), Some(b)) if a.key() == b.key())
            });
            if !later_same {
                if let Some(x) = slots[i as usize].take() {
                    out.push(x);
                }
            }
        }
        Sorted(out)
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

    #[test]
    fn from_unsorted_equals_inserting_one_by_one() {
        let pairs = [
            ("c", "1"),
            ("a", "2"),
            ("c", "3"),
            ("b", "4"),
            ("a", "5"),
            ("c", "6"),
        ];
        for n in 0..=pairs.len() {
            let items: Vec<(String, String)> = pairs[..n]
                .iter()
                .map(|&(k, v)| (k.to_string(), v.to_string()))
                .collect();
            let mut one_by_one = Sorted::new();
            for x in items.clone() {
                one_by_one.insert(x);
            }
            assert_eq!(Sorted::from_unsorted(items), one_by_one, "first {n}");
        }
    }
}
