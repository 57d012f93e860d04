//! Any cell text, any kind: the value reader never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nianbao::format::ValueKind;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    for kind in [
        ValueKind::Count,
        ValueKind::Delta,
        ValueKind::AmountWan,
        ValueKind::AmountAny,
    ] {
        let _ = nianbao::value::read(s, kind);
    }
});
