//! The incremental checker against a fresh one: any sequence of `set`s on any cells, with any
//! text, leaves `Checker::diagnostics()` equal to what `Checker::from_report` gives for the
//! report those edits produced (live `pending` mode included), and `pending_count` agrees.
//!
//! Input: byte 0 picks the format (gb2019 / gb2021) and pending mode; then, per edit, two
//! bytes of cell index and one value selector (a palette of the texts forms really hold, or
//! the next bytes as text).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::{Checker, Options, Report};

const PALETTE: &[&str] = &[
    "", "0", "1", "7", "12", "13", "100", "12个", "-3", "1,234", "/", "无", "abc", "3.5", "万",
    "99999999999999999999", "减少8", "342690.4107万元",
];

fuzz_target!(|data: &[u8]| {
    let Some((&head, mut rest)) = data.split_first() else {
        return;
    };
    let (format, year) = if head & 1 == 0 {
        ("gb2019", 2020)
    } else {
        ("gb2021", 2023)
    };
    let opts = Options {
        pending: head & 2 != 0,
        ..Options::default()
    };
    let Ok(mut c) = Checker::from_report(&Report::new(format, Some(year)), &opts) else {
        return;
    };
    let ids: Vec<String> = nianbao::format::builtin(format)
        .expect("built-in format")
        .cells
        .iter()
        .map(|x| x.id.clone())
        .collect();
    let mut report = Report::new(format, Some(year));
    let mut edits = 0;
    while rest.len() >= 3 && edits < 64 {
        let id = &ids[u16::from_le_bytes([rest[0], rest[1]]) as usize % ids.len()];
        let sel = rest[2];
        rest = &rest[3..];
        let text: String = if (sel as usize) < PALETTE.len() * 8 {
            PALETTE[sel as usize % PALETTE.len()].to_string()
        } else {
            let n = (sel as usize % 16).min(rest.len());
            let t = String::from_utf8_lossy(&rest[..n]).into_owned();
            rest = &rest[n..];
            t
        };
        c.set(id, &text).expect("a format cell");
        report.set(id, &text);
        edits += 1;
    }
    // A fresh checker sees every typed cell as filled at load; so does the live one once each
    // was typed. Blank texts count as blank for both.
    let fresh = Checker::from_report(&report, &opts).expect("same format");
    assert_eq!(c.diagnostics(), fresh.diagnostics());
    assert_eq!(c.pending_count(), fresh.pending_count());
});
