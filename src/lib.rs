//! nianbao: checks the statistical tables of 政府信息公开工作年度报告.
//!
//! Pure core (no browser dependency): `format`, `value`, `report`, `rules`, `diagnostic`,
//! `checker`, `import`. Thin layers on top: `wasm` (JS API) and `dom` (live widget), both
//! compiled only for wasm32; the CLI lives in `src/bin/nianbao.rs`.

pub mod format;
pub mod heap;
pub mod import;
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
pub mod text_rules;

// Smaller than the default dlmalloc (the browser size budget); see `heap`.
#[cfg(target_arch = "wasm32")]
#[global_allocator]
static ALLOCATOR: heap::WasmAlloc = heap::WasmAlloc::new();

pub use checker::{validate, Change, Checker, Options, Validation};
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
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::UnknownFormat(id) => {
                write!(f, "unknown format '{id}' (known: ")?;
                let ids = format::builtin_formats().iter().map(|f| f.id.as_str());
                write_list(f, ids)?;
                f.write_str(")")
            }
            Error::UnknownCells { format, cells } => {
                write!(f, "unknown cell id(s) for format {format}: ")?;
                write_list(f, cells.iter().map(String::as_str))
            }
            Error::InPrev(e) => write!(f, "last year's report: {e}"),
            Error::Input(s) => f.write_str(s),
        }
    }
}

/// `items` joined with ", ", written straight out (no joined `String` in between).
fn write_list<'a>(
    f: &mut std::fmt::Formatter<'_>,
    items: impl Iterator<Item = &'a str>,
) -> std::fmt::Result {
    for (i, item) in items.enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        f.write_str(item)?;
    }
    Ok(())
}

impl std::error::Error for Error {}

/// JavaScript API (wasm-bindgen), a thin layer over the core.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// The live widget's DOM layer (web-sys).
#[cfg(all(target_arch = "wasm32", feature = "widget"))]
pub mod dom;
