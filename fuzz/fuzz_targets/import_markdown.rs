//! Any text as Markdown (seeded with converters' output: pipe tables, headings): the text
//! importer returns a report and notes, never panics; a report it produces can be validated.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_html::{read_document, InputKind, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let opts = ReadOptions {
        format: Some("gb2021".into()),
        year: Some(2023),
    };
    let (report, _notes) = read_document(data, InputKind::Text, &opts);
    if nianbao::format::builtin(&report.format).is_some() {
        let _ = nianbao::validate(&report, &nianbao::Options::default());
    }
});
