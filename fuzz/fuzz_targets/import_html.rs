//! Any input: the html importer returns a report and notes, never panics; a report it
//! produces can be validated (with its narrative) without panicking either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_html::{import, InputKind};

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (report, _notes) = import(s, InputKind::Html);
    if nianbao::format::builtin(&report.format).is_some() {
        let _ = nianbao::validate(&report, &nianbao::Options::default());
    }
});
