//! The one label matcher used by all importers and the live widget.
//!
//! Real reports print the same label in many ways: wrapped across lines ("本年新\n制作数量",
//! "自\n然\n人"), with Kangxi radicals from PDF text, with full-width or ASCII brackets, with
//! different enumeration styles (（七）总计 / (七)总计 / 七、总计; 1. / 1． / 1、), with quote
//! styles around 三安全一稳定, and with regional notes appended in brackets
//! (处理决定数量（2023年办件量）). [`label_key`] reduces all of them to one canonical key;
//! [`best_match`] then picks a candidate exactly, by containment, or fuzzily.
//!
//! Aliases that are different words (规范性文件 ↔ 行政规范性文件) belong in the format data as
//! extra candidates; this module only absorbs typography and scraping damage.

use crate::textnorm;

/// Labels are compared on at most this many characters, which bounds the O(n·m) distance.
const MAX_COMPARED_CHARS: usize = 120;
/// Containment needs the shorter text to have at least this many characters…
const MIN_CONTAINED_CHARS: usize = 3;
/// …and to cover at least half of the longer one.
const MIN_CONTAINED_SHARE: f64 = 0.5;

/// A label reduced for matching: the leading enumeration apart, the wording without notes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LabelKey {
    /// The leading enumeration as printed without brackets or punctuation: "七", "1".
    pub number: Option<String>,
    /// The wording: normalized, without white space, quotes or trailing bracketed notes.
    pub text: String,
}

const CHINESE_NUMERALS: [char; 12] = [
    '一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '〇', '零',
];

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '”' | '‘' | '’' | '「' | '」' | '『' | '』' | '〝' | '〞' | '〟'
    )
}

/// `textnorm::normalize` without white space and quotes.
fn clean(s: &str) -> String {
    // One pass, no normalised copy first; no character grows in normalising, so the
    // input's length is room enough (one allocation).
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter_map(textnorm::normalize_char) {
        if !textnorm::is_blank_char(c) && !is_quote(c) {
            out.push(c);
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum NumberKind {
    Arabic,
    Chinese,
}

/// Splits a leading enumeration off a cleaned label: "(七)总计", "七、总计", "1.属于…",
/// "1、属于…", "1,属于…", "(1)…". Returns the number, its kind and the rest.
fn split_enumeration(s: &str) -> Option<(&str, NumberKind, &str)> {
    let kind_of = |num: &str| {
        if !num.is_empty() && num.chars().count() <= 3 {
            if num.bytes().all(|b| b.is_ascii_digit()) {
                return Some(NumberKind::Arabic);
            }
            if num.chars().all(|c| CHINESE_NUMERALS.contains(&c)) {
                return Some(NumberKind::Chinese);
            }
        }
        None
    };
    let (num, kind, rest) = if let Some(inner) = s.strip_prefix('(') {
        let close = inner.find(')')?;
        let num = &inner[..close];
        let rest = &inner[close + 1..];
        // "(七)、总计" happens too.
        let rest = rest.strip_prefix(['、', '.']).unwrap_or(rest);
        (num, kind_of(num)?, rest)
    } else {
        let end = s.find(|c: char| !c.is_ascii_digit() && !CHINESE_NUMERALS.contains(&c))?;
        let num = &s[..end];
        let kind = kind_of(num)?;
        let after = &s[end..];
        let sep = after.chars().next()?;
        let rest = &after[sep.len_utf8()..];
        let ok = match kind {
            NumberKind::Chinese => matches!(sep, '、' | '.'),
            // "1.5万" and "1,234" are numbers, not enumerations.
            NumberKind::Arabic => {
                matches!(sep, '.' | '、' | ',' | ')')
                    && !rest.starts_with(|c: char| c.is_ascii_digit())
            }
        };
        if !ok {
            return None;
        }
        (num, kind, rest)
    };
    // An enumeration alone is not a label.
    if rest.is_empty() {
        return None;
    }
    Some((num, kind, rest))
}

/// Removes bracketed notes at the end ("处理决定数量(2023年办件量)" → "处理决定数量"),
/// repeatedly, and an unclosed trailing "(…" left by truncation. Inner brackets such as
/// 第二十条第(一)项 stay, and a label that is only a bracketed note is kept whole.
fn strip_trailing_notes(mut s: &str) -> &str {
    // Each round only rescans what it removes (plus one bounded rescan), so this is linear.
    loop {
        let cut = if s.ends_with(')') {
            matching_open(s)
        } else {
            // Truncated note: cut at the first '(' after the last ')'.
            let after_close = s.rfind(')').map_or(0, |p| p + 1);
            s[after_close..].find('(').map(|q| after_close + q)
        };
        match cut {
            Some(i) if i > 0 => s = &s[..i],
            _ => return s,
        }
    }
}

/// Byte index of the '(' that matches the final ')' of `s`.
fn matching_open(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices().rev() {
        match c {
            ')' => depth += 1,
            '(' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

/// Normalized label for display and exact comparison: `textnorm::normalize`, no white space,
/// no quotes, and a canonical enumeration prefix: "1." for Arabic and "(七)" for Chinese
/// numbers, so （七）总计, (七)总计 and 七、总计 all become "(七)总计". Notes are kept.
pub fn normalize_label(s: &str) -> String {
    let cleaned = clean(s);
    match split_enumeration(&cleaned) {
        Some((num, NumberKind::Arabic, rest)) => crate::textnorm::concat(&[num, ".", rest]),
        Some((num, NumberKind::Chinese, rest)) => crate::textnorm::concat(&["(", num, ")", rest]),
        None => cleaned,
    }
}

/// The matching key of a label: enumeration number apart, trailing notes removed.
pub fn label_key(s: &str) -> LabelKey {
    let mut text = clean(s);
    // The wording is a piece of the cleaned text: cut in place, not copied.
    let (number, start) = match split_enumeration(&text) {
        Some((num, _, rest)) => (Some(num.to_owned()), text.len() - rest.len()),
        None => (None, 0),
    };
    let kept = strip_trailing_notes(&text[start..]).len();
    text.truncate(start + kept);
    text.drain(..start);
    LabelKey { number, text }
}

/// Length of the longest common subsequence, on at most `MAX_COMPARED_CHARS` of each.
fn lcs_len(a: &[char], b: &[char]) -> usize {
    let mut prev = vec![0usize; b.len() + 1];
    let mut cur = vec![0usize; b.len() + 1];
    for &ca in a {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// Levenshtein ratio of two texts as in python-Levenshtein's `ratio` (insertions and
/// deletions cost 1, a substitution 2): `1 − distance / (len a + len b)`, which equals
/// `2·LCS / (len a + len b)`. One missing character in a short label stays high:
/// 政许可 vs 行政许可 = 0.857, 年废止件数 vs 本年废止件数 = 0.909.
fn text_ratio(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().take(MAX_COMPARED_CHARS).collect();
    let b: Vec<char> = b.chars().take(MAX_COMPARED_CHARS).collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * lcs_len(&a, &b) as f64 / (a.len() + b.len()) as f64
}

/// Similarity in [0, 1] of two labels, on the texts of their [`label_key`]s (so enumeration
/// style, white space, quotes and trailing notes do not count). Labels longer than 120
/// characters are compared on their first 120.
pub fn similarity(a: &str, b: &str) -> f64 {
    let (ka, kb) = (label_key(a), label_key(b));
    if ka.text.is_empty() && kb.text.is_empty() {
        return if ka.number == kb.number { 1.0 } else { 0.0 };
    }
    text_ratio(&ka.text, &kb.text)
}

/// Picks the value whose candidate label matches `label`:
/// 1. exact: equal key texts (score 1.0);
/// 2. containment: one key text contains the other, the shorter has ≥ 3 characters and
///    covers at least half of the longer (score `2·short / (short + long)`, whatever the
///    threshold: a scraped label that lost characters at an edge, 政许可 ⊂ 行政许可);
/// 3. fuzzy: the best [`similarity`] ≥ `threshold`.
///
/// The first rule that finds anything decides. Within it, the best score wins; candidates
/// for the same value are aliases and never conflict; between different values with the same
/// score, the one whose enumeration number equals the label's wins (3.其他 vs 1.其他), and if
/// that does not settle it the label is ambiguous and the result is `None`.
pub fn best_match<T: Copy + PartialEq>(
    label: &str,
    candidates: &[(&str, T)],
    threshold: f64,
) -> Option<(T, f64)> {
    let keys: Vec<(LabelKey, T)> = candidates.iter().map(|&(c, v)| (label_key(c), v)).collect();
    best_match_keyed(label, &keys, threshold)
}

/// [`best_match`] over candidates whose keys were computed once ([`label_key`]), for callers
/// that match many labels against the same list.
pub fn best_match_keyed<T: Copy + PartialEq>(
    label: &str,
    keys: &[(LabelKey, T)],
    threshold: f64,
) -> Option<(T, f64)> {
    let key = label_key(label);
    if key.text.is_empty() {
        return None;
    }
    let label_len = key.text.chars().count();
    // The rules in order; the first that finds anything decides.
    let mut found: Vec<(&LabelKey, T, f64)> = Vec::new();
    for rule in [Rule::Exact, Rule::Contained, Rule::Fuzzy] {
        found.extend(keys.iter().filter_map(|(k, v)| {
            rule_score(rule, &key.text, label_len, &k.text, threshold).map(|s| (k, *v, s))
        }));
        if !found.is_empty() {
            break;
        }
    }
    pick(&key, &found)
}

/// A hash of `s` (FxHash over 8-byte words): for hash tables of texts, and the exact rule's
/// index (equal texts, equal hashes).
pub(crate) fn text_hash(s: &str) -> u64 {
    bytes_hash(s.as_bytes())
}

/// The start of every [`text_hash`]: random, so that no input file can be made of texts that
/// collide (a hash table's probes would grow quadratic); no output depends on it. Natively
/// drawn once per process; in WebAssembly what the host gave [`set_hash_seed`] (0 if
/// nothing), fixed from the first hash on.
fn hash_seed() -> u64 {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use std::hash::{BuildHasher, RandomState};
        static SEED: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
        *SEED.get_or_init(|| RandomState::new().hash_one(0u64))
    }
    #[cfg(target_arch = "wasm32")]
    {
        wasm_seed::FIXED.store(true, std::sync::atomic::Ordering::Relaxed);
        wasm_seed::SEED.load(std::sync::atomic::Ordering::Relaxed)
    }
}

#[cfg(target_arch = "wasm32")]
mod wasm_seed {
    use std::sync::atomic::{AtomicBool, AtomicU64};
    pub static SEED: AtomicU64 = AtomicU64::new(0);
    /// Set by the first hash: hashes already kept (the formats' label indexes) must not change.
    pub static FIXED: AtomicBool = AtomicBool::new(false);
}

/// The seed of text hashes in a WebAssembly build, from the host (a random number, given
/// before the first document is read); ignored once a text was hashed, and natively, where
/// each process draws its own.
pub fn set_hash_seed(seed: u64) {
    #[cfg(target_arch = "wasm32")]
    if !wasm_seed::FIXED.load(std::sync::atomic::Ordering::Relaxed) {
        wasm_seed::SEED.store(seed, std::sync::atomic::Ordering::Relaxed);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = seed;
}

/// [`text_hash`] of bytes.
fn bytes_hash(s: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = s.len() as u64 ^ hash_seed();
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let w = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
        h = (h.rotate_left(5) ^ w).wrapping_mul(K);
    }
    let mut last = 0u64;
    for (i, &b) in chunks.remainder().iter().enumerate() {
        last |= u64::from(b) << (8 * i);
    }
    let h = (h.rotate_left(5) ^ last).wrapping_mul(K);
    // The product's high bits are its well-mixed ones; tables index by the low bits.
    h ^ (h >> 32)
}

/// A `HashMap` hasher of texts by [`text_hash`] (std's SipHash was ~5 % of a folder check).
#[cfg(not(target_arch = "wasm32"))]
#[derive(Default)]
pub(crate) struct TextHasher(u64);

#[cfg(not(target_arch = "wasm32"))]
impl std::hash::Hasher for TextHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0 = self.0.rotate_left(5) ^ bytes_hash(bytes);
    }

    /// The end mark `str` hashes after its bytes: nothing to add to one text's hash.
    fn write_u8(&mut self, _: u8) {}

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A label prepared once for matching against many [`KeySet`]s: its key and the key's
/// characters (at most `MAX_COMPARED_CHARS` of them are compared).
#[derive(Debug, Clone, Default)]
pub struct Prepared {
    pub key: LabelKey,
    /// Characters of `key.text`.
    len: usize,
    /// The first `MAX_COMPARED_CHARS` characters, then the same sorted (one allocation):
    /// the common characters bound the common subsequence.
    chars_sorted: Vec<char>,
    /// [`char_mask`] of the whole key text, and of `chars`.
    mask: u128,
    mask_cmp: u128,
    /// [`text_hash`] of the key text.
    hash: u64,
}

/// One bit (of 128) per character, hashed: a set of characters in a register. A text that
/// contains another has every bit of the other's mask.
fn char_bit(c: char) -> u128 {
    1u128 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 25)
}

fn char_mask(chars: impl Iterator<Item = char>) -> u128 {
    chars.fold(0, |m, c| m | char_bit(c))
}

/// An upper bound of [`common_chars`]`(a, b)`: the characters of `a` whose bit is in `b`'s
/// mask (every common character is one of them). Cheaper than the merge, no branch per pair.
fn common_bound(a: &[char], mask_b: u128) -> usize {
    a.iter().filter(|&&c| char_bit(c) & mask_b != 0).count()
}

impl Prepared {
    pub fn new(label: &str) -> Prepared {
        let key = label_key(label);
        // At most one character per byte.
        let mut chars_sorted = Vec::with_capacity(2 * key.text.len().min(MAX_COMPARED_CHARS));
        chars_sorted.extend(key.text.chars().take(MAX_COMPARED_CHARS));
        let k = chars_sorted.len();
        let len = if k < MAX_COMPARED_CHARS {
            k
        } else {
            key.text.chars().count()
        };
        chars_sorted.extend_from_within(..k);
        chars_sorted[k..].sort_unstable();
        let mask = char_mask(key.text.chars());
        let mask_cmp = char_mask(chars_sorted[..k].iter().copied());
        let hash = text_hash(&key.text);
        Prepared {
            key,
            len,
            chars_sorted,
            mask,
            mask_cmp,
            hash,
        }
    }

    /// The compared characters (at most `MAX_COMPARED_CHARS`) of the key text.
    fn chars(&self) -> &[char] {
        &self.chars_sorted[..self.chars_sorted.len() / 2]
    }

    /// [`Self::chars`] sorted.
    fn sorted(&self) -> &[char] {
        &self.chars_sorted[self.chars_sorted.len() / 2..]
    }

    /// Characters of the key text.
    pub fn len(&self) -> usize {
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

#[derive(Debug)]
struct KeyItem {
    key: LabelKey,
    value: usize,
    chars: Box<[char]>,
    sorted: Box<[char]>,
}

/// What the containment and fuzzy rules test first, kept apart from the texts so that the
/// scan over a length window reads only these.
#[derive(Debug, Clone, Copy)]
struct KeyBounds {
    /// Characters of the key text.
    len: usize,
    /// The item's index in `items`.
    item: usize,
    /// [`char_mask`] of the whole key text, and of `chars` (what the fuzzy rule compares).
    mask: u128,
    mask_cmp: u128,
}

/// Candidate labels compiled once (keys normalised, characters decoded, an index of the key
/// texts for exact hits, the keys by length): [`best_match_keyed`] without re-reading any
/// candidate per call, and only the candidates of a possible length looked at.
#[derive(Debug, Default)]
pub struct KeySet {
    items: Vec<KeyItem>,
    /// (hash of the key text, index into `items`), sorted: the exact rule's index.
    by_hash: Vec<(u64, u32)>,
    /// Every item's bounds, by length.
    by_len: Vec<KeyBounds>,
}

impl KeySet {
    pub fn new(keys: Vec<(LabelKey, usize)>) -> KeySet {
        let mut items = Vec::with_capacity(keys.len());
        let mut by_len = Vec::with_capacity(keys.len());
        for (key, value) in keys {
            let chars: Box<[char]> = key.text.chars().take(MAX_COMPARED_CHARS).collect();
            let mut sorted = chars.to_vec();
            sorted.sort_unstable();
            by_len.push(KeyBounds {
                len: key.text.chars().count(),
                item: items.len(),
                mask: char_mask(key.text.chars()),
                mask_cmp: char_mask(chars.iter().copied()),
            });
            items.push(KeyItem {
                key,
                value,
                chars,
                sorted: sorted.into_boxed_slice(),
            });
        }
        let mut by_hash: Vec<(u64, u32)> = (items.iter().enumerate())
            .map(|(i, it)| (text_hash(&it.key.text), i as u32))
            .collect();
        by_hash.sort_unstable();
        // Sorted as (length, item) pairs: the same sort as `by_hash` (one copy in wasm).
        let mut order: Vec<(u64, u32)> = (by_len.iter())
            .map(|b: &KeyBounds| (b.len as u64, b.item as u32))
            .collect();
        order.sort_unstable();
        KeySet {
            by_len: order.iter().map(|&(_, i)| by_len[i as usize]).collect(),
            items,
            by_hash,
        }
    }

    /// The keys and values, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&LabelKey, usize)> {
        self.items.iter().map(|i| (&i.key, i.value))
    }

    /// The bounds of the items with `lo..=hi` characters.
    fn by_len(&self, lo: usize, hi: usize) -> &[KeyBounds] {
        let a = self.by_len.partition_point(|b| b.len < lo);
        let z = self.by_len.partition_point(|b| b.len <= hi);
        &self.by_len[a..z.max(a)]
    }

    /// The containment rule of [`best_match`] (after no exact hit).
    fn contained<'s>(&'s self, p: &Prepared, found: &mut Vec<(&'s LabelKey, usize, f64)>) {
        let text = p.key.text.as_str();
        // Containment: the shorter's characters are all in the longer (masks first), and
        // only the longer can hold the shorter (equal texts were the exact rule's). The
        // shorter covers at least half of the longer: only lengths within a factor of two.
        let window = self.by_len(p.len / 2, p.len.saturating_mul(2) + 1);
        for b in window {
            let (short, long) = (p.len.min(b.len), p.len.max(b.len));
            let inside = if b.len < p.len {
                b.mask & !p.mask == 0
            } else {
                b.len > p.len && p.mask & !b.mask == 0
            };
            if !inside
                || short < MIN_CONTAINED_CHARS
                || (short as f64 / long as f64) < MIN_CONTAINED_SHARE
            {
                continue;
            }
            let it = &self.items[b.item];
            let c = it.key.text.as_str();
            let contained = if b.len < p.len {
                textnorm::contains(text, c)
            } else {
                textnorm::contains(c, text)
            };
            if contained {
                found.push((
                    &it.key,
                    it.value,
                    2.0 * short as f64 / (short + long) as f64,
                ));
            }
        }
    }

    /// The fuzzy rule of [`best_match`] (after no exact or contained hit).
    fn fuzzy<'s>(
        &'s self,
        p: &Prepared,
        threshold: f64,
        found: &mut Vec<(&'s LabelKey, usize, f64)>,
    ) {
        let label_len = p.len.min(MAX_COMPARED_CHARS);
        // The ratio is at most 2·min/(a+b): only lengths within t/(2−t) and (2−t)/t of the
        // label's can reach the threshold (one more each side against rounding).
        let (lo, hi) = if threshold > 0.0 && threshold <= 1.0 {
            let lo = (label_len as f64 * threshold / (2.0 - threshold)) as usize;
            let hi = label_len as f64 * (2.0 - threshold) / threshold;
            let hi = if hi >= MAX_COMPARED_CHARS as f64 {
                usize::MAX
            } else {
                hi as usize + 1
            };
            (lo.saturating_sub(1), hi)
        } else {
            (0, usize::MAX)
        };
        let mut buf = [[0u16; MAX_COMPARED_CHARS + 1]; 2];
        let a = p.chars();
        for kb in self.by_len(lo, hi) {
            let n = kb.len.min(MAX_COMPARED_CHARS);
            let bound = 2.0 * label_len.min(n) as f64 / (label_len + n).max(1) as f64;
            if bound < threshold {
                continue;
            }
            // The common subsequence is at most the common characters: most candidates
            // fail on that bound without the O(n·m) distance; and the common characters
            // are at most those whose bits the masks share, cheaper still: first counted
            // by the bits either side lacks (no loop), then character by character.
            let ratio = |common: usize| 2.0 * common as f64 / (a.len() + n) as f64;
            if !a.is_empty() {
                let only_a = (p.mask_cmp & !kb.mask_cmp).count_ones() as usize;
                let only_b = (kb.mask_cmp & !p.mask_cmp).count_ones() as usize;
                let bits = a.len().saturating_sub(only_a).min(n.saturating_sub(only_b));
                if ratio(bits) < threshold || ratio(common_bound(a, kb.mask_cmp)) < threshold {
                    continue;
                }
            }
            let it = &self.items[kb.item];
            let b = &it.chars[..];
            let common = common_chars(p.sorted(), &it.sorted);
            if !a.is_empty() && ratio(common) < threshold {
                continue;
            }
            let score = if a.is_empty() && b.is_empty() {
                1.0
            } else {
                2.0 * lcs_len_buf(a, b, &mut buf) as f64 / (a.len() + b.len()) as f64
            };
            if score >= threshold {
                found.push((&it.key, it.value, score));
            }
        }
    }

    /// Exactly [`best_match_keyed`]`(label, keys, threshold)` for the label `p` was made from.
    pub fn best(&self, p: &Prepared, threshold: f64) -> Option<(usize, f64)> {
        if p.key.text.is_empty() {
            return None;
        }
        let mut found: Vec<(&LabelKey, usize, f64)> = Vec::new();
        // Exact: the index gives every equal key text (with its hash).
        let text = p.key.text.as_str();
        let start = self.by_hash.partition_point(|&(h, _)| h < p.hash);
        for &(h, i) in &self.by_hash[start..] {
            if h != p.hash {
                break;
            }
            let it = &self.items[i as usize];
            if it.key.text == text {
                found.push((&it.key, it.value, 1.0));
            }
        }
        if found.is_empty() {
            self.contained(p, &mut found);
        }
        if found.is_empty() {
            self.fuzzy(p, threshold, &mut found);
        }
        pick(&p.key, &found)
    }
}

/// How many characters two sorted character lists have in common (as multisets).
fn common_chars(a: &[char], b: &[char]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// [`lcs_len`] in fixed buffers (both texts have at most `MAX_COMPARED_CHARS` characters).
fn lcs_len_buf(a: &[char], b: &[char], buf: &mut [[u16; MAX_COMPARED_CHARS + 1]; 2]) -> usize {
    let [p0, p1] = buf;
    let (mut prev, mut cur) = (p0, p1);
    prev[..=b.len()].fill(0);
    cur[..=b.len()].fill(0);
    for &ca in a {
        for (j, &cb) in b.iter().enumerate() {
            cur[j + 1] = if ca == cb {
                prev[j] + 1
            } else {
                cur[j].max(prev[j + 1])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(prev[b.len()])
}

#[derive(Clone, Copy)]
enum Rule {
    Exact,
    Contained,
    Fuzzy,
}

/// The score of candidate key text `cand` for key text `key` (of `key_len` characters) under
/// one rule of [`best_match`]; `None` when the rule does not match. Not generic, so it is
/// compiled once.
fn rule_score(rule: Rule, key: &str, key_len: usize, cand: &str, threshold: f64) -> Option<f64> {
    match rule {
        Rule::Exact => (cand == key).then_some(1.0),
        Rule::Contained => {
            let cand_len = cand.chars().count();
            let (short, long) = (key_len.min(cand_len), key_len.max(cand_len));
            let contains = textnorm::contains(key, cand) || textnorm::contains(cand, key);
            let share = short as f64 / long as f64;
            (contains && short >= MIN_CONTAINED_CHARS && share >= MIN_CONTAINED_SHARE)
                .then(|| 2.0 * short as f64 / (short + long) as f64)
        }
        Rule::Fuzzy => {
            // The ratio is at most 2·min/(a+b): skip the O(n·m) distance when even that misses.
            let label_len = key_len.min(MAX_COMPARED_CHARS);
            let n = cand.chars().count().min(MAX_COMPARED_CHARS);
            let bound = 2.0 * label_len.min(n) as f64 / (label_len + n).max(1) as f64;
            if bound < threshold {
                return None;
            }
            let score = text_ratio(key, cand);
            (score >= threshold).then_some(score)
        }
    }
}

/// The best-scoring value among `found`, with the tie rules of [`best_match`].
fn pick<T: Copy + PartialEq>(label: &LabelKey, found: &[(&LabelKey, T, f64)]) -> Option<(T, f64)> {
    const EPS: f64 = 1e-9;
    let best = found.iter().map(|f| f.2).fold(f64::NEG_INFINITY, f64::max);
    // The value of the top-scoring candidates (only those with the label's number when
    // `same_number`), if they all have the same one.
    let single = |same_number: bool| {
        let mut set = found
            .iter()
            .filter(|f| f.2 >= best - EPS && (!same_number || f.0.number == label.number));
        let first = set.next()?.1;
        set.all(|f| f.1 == first).then_some((first, best))
    };
    if let Some(hit) = single(false) {
        return Some(hit);
    }
    label.number.as_ref()?;
    single(true)
}

#[cfg(test)]
mod tests;
