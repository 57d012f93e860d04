//! nianbao: checks the statistical tables of 政府信息公开工作年度报告.
//!
//! The pure core (no I/O, no importer, no browser dependency): `format`, `value`, `report`,
//! `rules` (with `rules::narrative` and `rules::pinpoint`), `diagnostic`, `checker`. The importers (`nianbao-import`,
//! `nianbao-html`), the JS modules (crates/js, api, parse, wasm, parse-wasm, widget, node) and
//! the CLI (`nianbao-cli`) are the workspace's other crates; see ARCHITECTURE.md.

pub mod format;
pub mod heap;
pub mod num;
pub mod textnorm;
pub mod value;

/// Language of user-facing messages.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Zh,
    En,
}
pub mod checker;
pub mod diagnostic;
pub mod report;
pub mod rules;
pub mod sorted;

pub use checker::{validate, validate_indexed, Change, Checker, Options, Validation};
pub use diagnostic::Diagnostic;
pub use report::Report;

/// Errors that stop a report from being checked at all. Problems inside a report are
/// diagnostics, not errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    UnknownFormat(String),
    UnknownCells {
        format: String,
        cells: Vec<String>,
    },
    /// The same error, found in last year's report.
    InPrev(Box<Error>),
    /// The input could not be read (bad JSON, no table found, …); the text names the place.
    Input(String),
}

impl Error {
    fn in_prev(self) -> Error {
        Error::InPrev(Box::new(self))
    }

    /// The error's text (what `Display` writes), built without `core::fmt` for the browser
    /// build.
    pub fn message(&self) -> String {
        let mut out = String::new();
        self.push_message(&mut out);
        out
    }

    fn push_message(&self, out: &mut String) {
        match self {
            Error::UnknownFormat(id) => {
                out.push_str("unknown format '");
                out.push_str(id);
                out.push_str("' (known: ");
                let ids = format::builtin_formats().iter().map(|f| f.id);
                push_list(out, ids);
                out.push(')');
            }
            Error::UnknownCells { format, cells } => {
                out.push_str("unknown cell id(s) for format ");
                out.push_str(format);
                out.push_str(": ");
                push_list(out, cells.iter().map(String::as_str));
            }
            Error::InPrev(e) => {
                out.push_str("last year's report: ");
                e.push_message(out);
            }
            Error::Input(s) => out.push_str(s),
        }
    }
}

/// `items` joined with ", ", written straight out (no joined `String` in between).
fn push_list<'a>(out: &mut String, items: impl Iterator<Item = &'a str>) {
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(item);
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for Error {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_message_is_display() {
        let known: Vec<&str> = format::builtin_formats().iter().map(|f| f.id).collect();
        let unknown = Error::UnknownFormat("gb2030".into());
        let cells = Error::UnknownCells {
            format: "gb2021".into(),
            cells: vec!["a.b".into(), "c".into()],
        };
        let cases = [
            (
                unknown.clone(),
                format!("unknown format 'gb2030' (known: {})", known.join(", ")),
            ),
            (
                cells.clone(),
                "unknown cell id(s) for format gb2021: a.b, c".to_string(),
            ),
            (
                cells.in_prev().in_prev(),
                "last year's report: last year's report: unknown cell id(s) for format gb2021: a.b, c"
                    .to_string(),
            ),
            (Error::Input("bad {x}".into()), "bad {x}".to_string()),
        ];
        for (e, want) in cases {
            assert_eq!(e.message(), want);
            assert_eq!(e.to_string(), want);
        }
    }
}
