//! `RuleId`: a rule's identity, an index into the registry (`data::RULES`). The id string
//! is data (the row's `id`), used only at the edges: JSON, JS objects, CLI text, keys.

use super::{Rule, Severity, RULES};
use crate::Lang;
use serde::{Serialize, Serializer};
use std::fmt;

/// A rule's identity: an index into the registry, `Copy` and two bytes. Compared, hashed
/// and passed as a number; spelt only through `as_str` (or serde, `Display`, `Debug`).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct RuleId(u16);

impl RuleId {
    /// The rule whose id is `id`, resolved at compile time in a `const` (an unknown id is a
    /// compile error there, a panic elsewhere).
    pub const fn named(id: &str) -> RuleId {
        let mut i = 0;
        while i < RULES.len() {
            if same(RULES[i].id.as_bytes(), id.as_bytes()) {
                return RuleId(i as u16);
            }
            i += 1;
        }
        panic!("no such rule id in the registry")
    }

    /// The rule spelt `id` (at an edge: a rule id read from outside).
    pub fn parse(id: &str) -> Option<RuleId> {
        RULES
            .iter()
            .position(|r| r.id == id)
            .map(|i| RuleId(i as u16))
    }

    /// Every rule of the registry, in its order.
    pub fn all() -> impl Iterator<Item = RuleId> {
        (0..RULES.len()).map(|i| RuleId(i as u16))
    }

    /// The registry row.
    pub fn rule(self) -> &'static Rule {
        &RULES[self.0 as usize]
    }

    /// The id as spelt in the output (`E-S3-ROW`).
    pub fn as_str(self) -> &'static str {
        self.rule().id
    }

    pub fn severity(self) -> Severity {
        self.rule().severity
    }

    /// The message template in `lang`.
    pub fn message(self, lang: Lang) -> &'static str {
        let r = self.rule();
        crate::diagnostic::pick(lang, r.zh, r.en)
    }

    /// What a sum rule adds up, for the widget's short inline message (`None` otherwise).
    pub fn short(self, lang: Lang) -> Option<&'static str> {
        let (zh, en) = self.rule().short?;
        Some(crate::diagnostic::pick(lang, zh, en))
    }
}

/// Byte equality in a `const fn` (slices' `==` is not const).
const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Serialize for RuleId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The id string, quoted, as a `String` field printed before `RuleId`.
impl fmt::Debug for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for RuleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq<str> for RuleId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for RuleId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_round_trip() {
        for id in RuleId::all() {
            assert_eq!(RuleId::parse(id.as_str()), Some(id), "{id}");
        }
        assert_eq!(RuleId::parse("E-NOPE"), None);
    }

    #[test]
    fn named_constants_spell_their_rows() {
        assert_eq!(super::super::MISSING_TOTAL.as_str(), "W-MISSING-TOTAL");
        assert_eq!(super::super::FORMAT_YEAR.as_str(), "W-FORMAT-YEAR");
        assert_eq!(
            format!("{:?}", super::super::MISSING_TOTAL),
            "\"W-MISSING-TOTAL\""
        );
    }
}
