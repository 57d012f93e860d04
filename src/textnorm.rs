//! Character normalisation for report text: an NFKC-like mapping limited to what real
//! reports need, small enough for the WebAssembly build (no Unicode tables beyond one
//! 214-entry array).
//!
//! What it does, and why:
//! - full-width ASCII (U+FF01–U+FF5E) → ASCII: IME full-width mode gives `１２３`, `（七）`, `．`;
//! - every Unicode space (NBSP from `&nbsp;`, U+3000 ideographic space, U+2000–U+200A, …) → ' ';
//!   U+2028/U+2029 → '\n';
//! - zero-width characters (U+200B–U+200D, U+2060, U+FEFF) are dropped: web copies carry them
//!   inside numbers and labels, and NFKC would keep them;
//! - Kangxi radicals (U+2F00–U+2FD5) and the two CJK Radicals Supplement characters that NFKC
//!   maps (U+2E9F, U+2EF3) → the unified ideograph, exactly as NFKC does; PDF text extraction
//!   produces them (宿迁 2023: "⼆、主动公开" for "二、主动公开").
//!
//! Deliberately untouched: U+2212 minus and U+2013 en dash (the value reader decides what a
//! sign is), CJK punctuation such as 、 。 “ ” (labels keep them; the label matcher removes quotes).

/// NFKC image of the Kangxi radicals U+2F00..=U+2FD5, indexed by `cp - 0x2F00`.
/// Generated with Python 3 (Unicode 14.0): `ord(unicodedata.normalize('NFKC', chr(cp)))`.
const KANGXI: [u16; 214] = [
    0x4E00, 0x4E28, 0x4E36, 0x4E3F, 0x4E59, 0x4E85, 0x4E8C, 0x4EA0, 0x4EBA, 0x513F, 0x5165, 0x516B,
    0x5182, 0x5196, 0x51AB, 0x51E0, 0x51F5, 0x5200, 0x529B, 0x52F9, 0x5315, 0x531A, 0x5338, 0x5341,
    0x535C, 0x5369, 0x5382, 0x53B6, 0x53C8, 0x53E3, 0x56D7, 0x571F, 0x58EB, 0x5902, 0x590A, 0x5915,
    0x5927, 0x5973, 0x5B50, 0x5B80, 0x5BF8, 0x5C0F, 0x5C22, 0x5C38, 0x5C6E, 0x5C71, 0x5DDB, 0x5DE5,
    0x5DF1, 0x5DFE, 0x5E72, 0x5E7A, 0x5E7F, 0x5EF4, 0x5EFE, 0x5F0B, 0x5F13, 0x5F50, 0x5F61, 0x5F73,
    0x5FC3, 0x6208, 0x6236, 0x624B, 0x652F, 0x6534, 0x6587, 0x6597, 0x65A4, 0x65B9, 0x65E0, 0x65E5,
    0x66F0, 0x6708, 0x6728, 0x6B20, 0x6B62, 0x6B79, 0x6BB3, 0x6BCB, 0x6BD4, 0x6BDB, 0x6C0F, 0x6C14,
    0x6C34, 0x706B, 0x722A, 0x7236, 0x723B, 0x723F, 0x7247, 0x7259, 0x725B, 0x72AC, 0x7384, 0x7389,
    0x74DC, 0x74E6, 0x7518, 0x751F, 0x7528, 0x7530, 0x758B, 0x7592, 0x7676, 0x767D, 0x76AE, 0x76BF,
    0x76EE, 0x77DB, 0x77E2, 0x77F3, 0x793A, 0x79B8, 0x79BE, 0x7A74, 0x7ACB, 0x7AF9, 0x7C73, 0x7CF8,
    0x7F36, 0x7F51, 0x7F8A, 0x7FBD, 0x8001, 0x800C, 0x8012, 0x8033, 0x807F, 0x8089, 0x81E3, 0x81EA,
    0x81F3, 0x81FC, 0x820C, 0x821B, 0x821F, 0x826E, 0x8272, 0x8278, 0x864D, 0x866B, 0x8840, 0x884C,
    0x8863, 0x897E, 0x898B, 0x89D2, 0x8A00, 0x8C37, 0x8C46, 0x8C55, 0x8C78, 0x8C9D, 0x8D64, 0x8D70,
    0x8DB3, 0x8EAB, 0x8ECA, 0x8F9B, 0x8FB0, 0x8FB5, 0x9091, 0x9149, 0x91C6, 0x91CC, 0x91D1, 0x9577,
    0x9580, 0x961C, 0x96B6, 0x96B9, 0x96E8, 0x9751, 0x975E, 0x9762, 0x9769, 0x97CB, 0x97ED, 0x97F3,
    0x9801, 0x98A8, 0x98DB, 0x98DF, 0x9996, 0x9999, 0x99AC, 0x9AA8, 0x9AD8, 0x9ADF, 0x9B25, 0x9B2F,
    0x9B32, 0x9B3C, 0x9B5A, 0x9CE5, 0x9E75, 0x9E7F, 0x9EA5, 0x9EBB, 0x9EC3, 0x9ECD, 0x9ED1, 0x9EF9,
    0x9EFD, 0x9F0E, 0x9F13, 0x9F20, 0x9F3B, 0x9F4A, 0x9F52, 0x9F8D, 0x9F9C, 0x9FA0,
];

/// Maps one character; `None` means the character is dropped.
pub fn normalize_char(c: char) -> Option<char> {
    let cp = c as u32;
    let mapped = match cp {
        // Full-width ASCII variants are a fixed offset from ASCII.
        0xFF01..=0xFF5E => char::from_u32(cp - 0xFF01 + 0x21).unwrap_or(c),
        0x00A0 | 0x1680 | 0x2000..=0x200A | 0x202F | 0x205F | 0x3000 => ' ',
        0x2028 | 0x2029 | 0x0085 => '\n',
        0x200B..=0x200D | 0x2060 | 0xFEFF => return None,
        0x2F00..=0x2FD5 => char::from_u32(u32::from(KANGXI[(cp - 0x2F00) as usize])).unwrap_or(c),
        0x2E9F => '\u{6BCD}', // ⺟ → 母
        0x2EF3 => '\u{9F9F}', // ⻳ → 龟
        _ => c,
    };
    Some(mapped)
}

/// Applies [`normalize_char`] to every character of `s`.
pub fn normalize(s: &str) -> String {
    normalize_cow(s).into_owned()
}

/// [`normalize`], borrowing `s` when nothing changes (most lines of plain Chinese and ASCII).
///
/// Only characters whose UTF-8 starts with 0xC2, 0xE1, 0xE2, 0xE3 or 0xEF can change (every
/// range [`normalize_char`] maps; checked for every character by a unit test), so the bytes
/// between those are copied as they are, not decoded.
#[inline(never)]
pub fn normalize_cow(s: &str) -> std::borrow::Cow<'_, str> {
    let b = s.as_bytes();
    let mut out = String::new();
    // `s[kept..i]` is unchanged and not yet copied.
    let (mut kept, mut i) = (0, 0);
    while i < b.len() {
        if !matches!(b[i], 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF) {
            i += 1;
            continue;
        }
        let c = s[i..].chars().next().unwrap_or_default();
        let n = c.len_utf8();
        let mapped = normalize_char(c);
        if mapped != Some(c) {
            if out.capacity() == 0 {
                // No character grows when mapped: the input's length is room enough.
                out.reserve(s.len());
            }
            out.push_str(&s[kept..i]);
            out.extend(mapped);
            kept = i + n;
        }
        i += n;
    }
    if kept == 0 {
        return std::borrow::Cow::Borrowed(s);
    }
    out.push_str(&s[kept..]);
    std::borrow::Cow::Owned(out)
}

/// True for characters that carry no visible content: Unicode white space (including NBSP
/// and U+3000) and the zero-width characters that [`normalize`] drops.
pub fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// Byte offset of the first `needle` in `hay` (`hay.find(needle)`): a scan for the needle's
/// last byte, the rest compared only where it occurs (in Chinese text a continuation byte,
/// one position in dozens), instead of std's Two-Way searcher, which costs ~1.5 KB of wasm.
/// A match of valid UTF-8 in valid UTF-8 always starts on a char boundary.
#[inline(never)]
pub fn find(hay: &str, needle: &str) -> Option<usize> {
    let h = hay.as_bytes();
    let Some((&last, head)) = needle.as_bytes().split_last() else {
        return Some(0);
    };
    let k = head.len();
    let mut end = k;
    while end < h.len() {
        end += position_of(&h[end..], last)?;
        if h[end - k..end] == *head {
            return Some(end - k);
        }
        end += 1;
    }
    None
}

/// Index of the first `b` in `s`, eight bytes at a time (a word-sized zero-byte test; std's
/// `memchr` is not public and a byte loop does not vectorise).
pub fn position_of(s: &[u8], b: u8) -> Option<usize> {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let pattern = LO * u64::from(b);
    let mut i = 0;
    while i + 8 <= s.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&s[i..i + 8]);
        let x = u64::from_le_bytes(word) ^ pattern;
        // The lowest flagged byte is always a real zero byte (borrows only flag higher ones).
        let zero = x.wrapping_sub(LO) & !x & HI;
        if zero != 0 {
            return Some(i + zero.trailing_zeros() as usize / 8);
        }
        i += 8;
    }
    s[i..].iter().position(|&c| c == b).map(|p| i + p)
}

/// `parts.concat()`: one small routine instead of std's generic join (~0.9 KB of wasm),
/// shared by every message and id built from pieces.
#[inline(never)]
pub fn concat(parts: &[&str]) -> String {
    let mut len = 0;
    for p in parts {
        len += p.len();
    }
    let mut out = String::with_capacity(len);
    for p in parts {
        out.push_str(p);
    }
    out
}

/// `parts.join(sep)`: std's generic join is ~0.9 KB of wasm (see [`concat`]).
#[inline(never)]
pub fn join<S: AsRef<str>>(parts: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(p.as_ref());
    }
    out
}

/// `hay.split_once(needle)` by [`find`].
pub fn split_once<'a>(hay: &'a str, needle: &str) -> Option<(&'a str, &'a str)> {
    let i = find(hay, needle)?;
    Some((&hay[..i], &hay[i + needle.len()..]))
}

/// `hay.contains(needle)` by [`find`].
pub fn contains(hay: &str, needle: &str) -> bool {
    find(hay, needle).is_some()
}

/// `s.replace(from, to)` by [`find`], for a non-empty `from` (an empty one replaces nothing).
pub fn replace(s: &str, from: &str, to: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = find(rest, from).filter(|_| !from.is_empty()) {
        out.push_str(&rest[..i]);
        out.push_str(to);
        rest = &rest[i + from.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_is_std_join() {
        for parts in [
            &[][..],
            &["a"],
            &["a", ""],
            &["", "b", "c"],
            &["一", "二", "三"],
        ] {
            assert_eq!(join(parts, "、"), parts.join("、"));
            let owned: Vec<String> = parts.iter().map(|p| p.to_string()).collect();
            assert_eq!(join(&owned, ", "), owned.join(", "));
        }
    }

    #[test]
    fn kangxi_radicals_from_pdf_text() {
        // Lines copied from the 宿迁 2023 PDF text (tests/fixtures/corpus/suqian-2023.txt).
        assert_eq!(
            normalize("⼆、主动公开政府信息情况"),
            "二、主动公开政府信息情况"
        );
        assert_eq!(normalize("第⼆⼗条第（⼋）项"), "第二十条第(八)项");
        assert_eq!(
            normalize("⾏政规范性⽂件 109 489 597"),
            "行政规范性文件 109 489 597"
        );
        assert_eq!(normalize("⾃然⼈"), "自然人");
        assert_eq!(
            normalize("2. 其他法律⾏政法规禁⽌公"),
            "2. 其他法律行政法规禁止公"
        );
    }

    #[test]
    fn kangxi_table_endpoints() {
        assert_eq!(normalize("\u{2F00}"), "一");
        assert_eq!(normalize("\u{2FD5}"), "龠");
        assert_eq!(normalize("\u{2E9F}\u{2EF3}"), "母龟");
        // Radicals Supplement characters without a single-character NFKC image stay.
        assert_eq!(normalize("\u{2E80}\u{2EA0}"), "\u{2E80}\u{2EA0}");
    }

    #[test]
    fn full_width_ascii() {
        assert_eq!(normalize("１２３４５６７８９０"), "1234567890");
        assert_eq!(normalize("３４２６９０．４１０７万元"), "342690.4107万元");
        assert_eq!(normalize("１，２３４"), "1,234");
        assert_eq!(normalize("（七）总计"), "(七)总计");
        assert_eq!(normalize("本年增／减"), "本年增/减");
        assert_eq!(normalize("－３４６＋"), "-346+");
        assert_eq!(normalize("ＡＺａｚ～！"), "AZaz~!");
    }

    #[test]
    fn spaces_and_invisible_characters() {
        assert_eq!(normalize("\u{00A0}0\u{00A0}"), " 0 ");
        assert_eq!(normalize("　　一、总体情况"), "  一、总体情况");
        assert_eq!(normalize("1\u{2009}234\u{202F}5"), "1 234 5");
        assert_eq!(normalize("\u{FEFF}12\u{200B}3"), "123");
        assert_eq!(normalize("a\u{2028}b"), "a\nb");
        assert!(is_blank_char('\u{00A0}'));
        assert!(is_blank_char('\u{3000}'));
        assert!(is_blank_char('\u{200B}'));
        assert!(is_blank_char('\t'));
        assert!(!is_blank_char('0'));
        assert!(!is_blank_char('一'));
    }

    #[test]
    fn signs_and_punctuation_are_kept() {
        assert_eq!(normalize("\u{2212}346"), "\u{2212}346");
        assert_eq!(normalize("\u{2013}346"), "\u{2013}346");
        assert_eq!(normalize("—"), "—");
        assert_eq!(normalize("“三安全一稳定”、。"), "“三安全一稳定”、。");
        let plain = "平潭综合实验区 2024 年";
        assert_eq!(normalize(plain), plain);
    }

    #[test]
    fn position_of_matches_a_byte_loop() {
        // Lengths across several words; bytes next to the target (b ^ 1, b - 1, b + 1) and
        // 0x00, 0x80, 0xFF, where a word-sized zero test could borrow or carry wrongly.
        for b in [0u8, 1, 0x7F, 0x80, 0x8C, 0xBF, 0xFF] {
            let bytes = [
                b,
                b ^ 1,
                b.wrapping_sub(1),
                b.wrapping_add(1),
                0,
                0x80,
                0xFF,
            ];
            let mut seed = u32::from(b) + 1;
            for len in 0..40 {
                for _ in 0..200 {
                    let s: Vec<u8> = (0..len)
                        .map(|_| {
                            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                            bytes[(seed >> 16) as usize % bytes.len()]
                        })
                        .collect();
                    let want = s.iter().position(|&c| c == b);
                    assert_eq!(position_of(&s, b), want, "{b:#x} in {s:?}");
                }
            }
        }
    }

    #[test]
    fn find_matches_std_on_every_short_pair() {
        // Every hay and needle of up to 5 characters over a small alphabet (repeats and
        // overlaps included), ASCII and multi-byte alike.
        let alphabet = ['a', 'b', '件', '中'];
        let all = |max: usize| {
            let mut out = vec![String::new()];
            let mut last = vec![String::new()];
            for _ in 0..max {
                last = last
                    .iter()
                    .flat_map(|s| alphabet.iter().map(move |c| format!("{s}{c}")))
                    .collect();
                out.extend(last.iter().cloned());
            }
            out
        };
        let (hays, needles) = (all(5), all(3));
        for hay in &hays {
            for needle in &needles {
                assert_eq!(
                    find(hay, needle),
                    hay.find(needle.as_str()),
                    "{hay:?} {needle:?}"
                );
            }
        }
    }

    #[test]
    fn find_matches_std() {
        let hay = "予以公开30件，占45.5%。其中自然人";
        for needle in [
            "",
            "予",
            "30件",
            "%。",
            "其中自然人",
            "自然人申请",
            "。其",
            "x",
            hay,
        ] {
            assert_eq!(find(hay, needle), hay.find(needle), "{needle}");
            assert_eq!(contains(hay, needle), hay.contains(needle), "{needle}");
            assert_eq!(split_once(hay, needle), hay.split_once(needle), "{needle}");
        }
        assert_eq!(split_once("a when b > 0", " when "), Some(("a", "b > 0")));
        assert_eq!(find("", "a"), None);
        assert_eq!(find("", ""), Some(0));
    }

    #[test]
    fn find_matches_std_on_long_random_text() {
        // Hays longer than the eight-byte steps of the scan, over characters that share bytes:
        // 件 (E4 BB B6) and 丶 (E4 B8 B6) end alike, 丶 and 中 (E4 B8 AD) share their middle.
        let alphabet = ['a', 'b', '件', '中', '丶', 'é', '\u{80}'];
        let mut seed = 7u32;
        let mut pick = |n: usize| {
            seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (seed >> 16) as usize % n
        };
        for _ in 0..3000 {
            let hay: String = (0..pick(60))
                .map(|_| alphabet[pick(alphabet.len())])
                .collect();
            let needle: String = (0..1 + pick(4))
                .map(|_| alphabet[pick(alphabet.len())])
                .collect();
            assert_eq!(
                find(&hay, &needle),
                hay.find(needle.as_str()),
                "{hay:?} {needle:?}"
            );
            assert_eq!(
                replace(&hay, &needle, "<>"),
                hay.replace(needle.as_str(), "<>"),
                "{hay:?} {needle:?}"
            );
        }
    }

    #[test]
    fn normalize_maps_every_character_as_normalize_char() {
        // Every character, alone and between unchanged ones: the lead-byte test of
        // `normalize_cow` skips no character that `normalize_char` changes.
        let reference = |s: &str| -> String { s.chars().filter_map(normalize_char).collect() };
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let alone = c.to_string();
            assert_eq!(normalize(&alone), reference(&alone), "U+{:04X}", c as u32);
            let around = concat(&["中", &alone, "a"]);
            assert_eq!(normalize(&around), reference(&around), "U+{:04X}", c as u32);
            let cow = normalize_cow(&around);
            assert_eq!(
                matches!(cow, std::borrow::Cow::Borrowed(_)),
                normalize_char(c) == Some(c),
                "U+{:04X}",
                c as u32
            );
        }
        let mixed = "（一）　１２３\u{200B}件，⼆、主动公开\u{FEFF}";
        assert_eq!(normalize(mixed), reference(mixed));
        assert_eq!(normalize(mixed), "(一) 123件,二、主动公开");
    }

    #[test]
    fn replace_matches_std() {
        for (s, from, to) in [
            ("font:%FONT%;x:%FONT%", "%FONT%", "sans-serif"),
            ("nb-panel collapsed", " collapsed", ""),
            ("aaaa", "aa", "a"),
            ("件件中", "件", "中件"),
            ("", "x", "y"),
            ("abc", "abcd", ""),
        ] {
            assert_eq!(replace(s, from, to), s.replace(from, to), "{s} {from}");
        }
        assert_eq!(replace("abc", "", "-"), "abc");
    }
}
