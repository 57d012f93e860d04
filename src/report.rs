//! The report model: a format id, a year and each cell's raw text, exactly as typed.

use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;
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
    pub cells: BTreeMap<String, String>,
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

/// Accepts numbers as well as strings for cell values (hosts often send numbers).
fn raw_cells<'de, D: Deserializer<'de>>(d: D) -> Result<BTreeMap<String, String>, D::Error> {
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
        type Value = BTreeMap<String, String>;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an object mapping cell ids to their text")
        }
        fn visit_map<M: MapAccess<'de>>(self, mut m: M) -> Result<Self::Value, M::Error> {
            let mut out = BTreeMap::new();
            while let Some((k, RawText(v))) = m.next_entry::<String, RawText>()? {
                out.insert(k, v);
            }
            Ok(out)
        }
    }
    d.deserialize_map(CellsVisitor)
}
