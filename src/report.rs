//! The report model: a format id, a year and each cell's raw text, exactly as typed.

use crate::sorted::Sorted;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// One report. `cells` holds raw text; a cell absent from the map is blank unless it is
/// listed in `missing` (the importer could not find it in the document).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub format: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<u16>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, deserialize_with = "raw_cells")]
    pub cells: Cells,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub missing: Vec<String>,
    /// Text outside the tables, for the text-vs-table rules.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub narrative: String,
}

impl Report {
    pub fn new(format: &str, year: Option<u16>) -> Report {
        Report {
            format: format.into(),
            year,
            ..Report::default()
        }
    }

    pub fn set(&mut self, cell: &str, raw: &str) -> &mut Report {
        self.cells.insert(cell.into(), raw.into());
        self
    }
}

/// Cell id → raw text, in id order: the `BTreeMap` subset the crate uses, over a sorted
/// `Vec` (a report has at most a few hundred cells; one small type instead of the B-tree's
/// generic code in the WebAssembly build).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cells(Sorted<(String, String)>);

impl Cells {
    pub fn new() -> Cells {
        Cells(Sorted::new())
    }

    pub fn get(&self, id: &str) -> Option<&String> {
        self.0.get(id).map(|(_, v)| v)
    }

    pub fn contains_key(&self, id: &str) -> bool {
        self.0.contains(id)
    }

    /// Sets a cell; the previous text, if any.
    pub fn insert(&mut self, id: String, text: String) -> Option<String> {
        self.0.insert_mostly_last((id, text)).map(|(_, v)| v)
    }

    /// (id, text) pairs in any order, the last text per id kept (as inserting them would).
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Cells {
        Cells(Sorted::from_unsorted(pairs))
    }

    pub fn remove(&mut self, id: &str) -> Option<String> {
        self.0.remove(id).map(|(_, v)| v)
    }

    pub fn retain(&mut self, mut keep: impl FnMut(&String, &mut String) -> bool) {
        self.0.retain_mut(|(k, v)| keep(k, v));
    }

    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// (id, text) pairs in id order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &String)> {
        self.0.iter().map(|(k, v)| (k, v))
    }

    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl Iterator<Item = &String> {
        self.0.iter().map(|(_, v)| v)
    }
}

/// `cells["s3.new.total"]`: the text; panics when the cell is absent (as `BTreeMap` does).
impl<Q: AsRef<str> + ?Sized> std::ops::Index<&Q> for Cells {
    type Output = String;
    fn index(&self, id: &Q) -> &String {
        let id = id.as_ref();
        match self.get(id) {
            Some(v) => v,
            None => panic!("no cell {id}"),
        }
    }
}

impl<'a> IntoIterator for &'a Cells {
    type Item = (&'a String, &'a String);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (String, String)>,
        fn(&'a (String, String)) -> (&'a String, &'a String),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().map(|(k, v)| (k, v))
    }
}

impl IntoIterator for Cells {
    type Item = (String, String);
    type IntoIter = std::vec::IntoIter<(String, String)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_vec().into_iter()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Cells {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Cells {
        let mut out = Cells::new();
        for (k, v) in items {
            out.insert(k.into(), v.into());
        }
        out
    }
}

impl Serialize for Cells {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in self.0.iter() {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// Accepts numbers as well as strings for cell values (hosts often send numbers).
fn raw_cells<'de, D: Deserializer<'de>>(d: D) -> Result<Cells, D::Error> {
    struct CellsVisitor;
    struct RawText(String);
    impl<'de> Deserialize<'de> for RawText {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawText, D::Error> {
            struct V;
            impl Visitor<'_> for V {
                type Value = RawText;
                fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                    f.write_str("a cell's text (string or number)")
                }
                fn visit_str<E: de::Error>(self, v: &str) -> Result<RawText, E> {
                    Ok(RawText(v.into()))
                }
                fn visit_string<E: de::Error>(self, v: String) -> Result<RawText, E> {
                    Ok(RawText(v))
                }
                fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawText, E> {
                    Ok(RawText(v.to_string()))
                }
                fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawText, E> {
                    Ok(RawText(v.to_string()))
                }
                fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawText, E> {
                    Ok(RawText(v.to_string()))
                }
                fn visit_unit<E: de::Error>(self) -> Result<RawText, E> {
                    Ok(RawText(String::new()))
                }
                fn visit_none<E: de::Error>(self) -> Result<RawText, E> {
                    Ok(RawText(String::new()))
                }
            }
            d.deserialize_any(V)
        }
    }
    impl<'de> Visitor<'de> for CellsVisitor {
        type Value = Cells;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object mapping cell ids to their text")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Self::Value, M::Error> {
            let mut out = Cells::new();
            while let Some((k, RawText(v))) = m.next_entry::<String, RawText>()? {
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(CellsVisitor)
}
