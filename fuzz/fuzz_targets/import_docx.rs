//! Any bytes as a .docx file (seeded with real ones, so the fuzzer mutates zips, their
//! deflate streams and the XML inside): the importer returns a report and notes, never
//! panics, and its memory stays bounded (inflating is capped); a report it produces can be
//! validated without panicking either.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao_html::{read_document, InputKind, ReadOptions};

fuzz_target!(|data: &[u8]| {
    let (report, _notes) = read_document(data, InputKind::Docx, &ReadOptions::default());
    if nianbao::format::builtin(&report.format).is_some() {
        let _ = nianbao::validate(&report, &nianbao::Options::default());
    }
});
