//! Exact decimal numbers: an i128 scaled by 10^8. Counts and amounts share one type so the
//! rule engine adds them without floats.

use std::fmt;

const SCALE: i128 = 100_000_000;
const SCALE_DIGITS: usize = 8;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Num(i128);

impl Num {
    pub const ZERO: Num = Num(0);

    pub fn from_int(v: i64) -> Num {
        Num(v as i128 * SCALE)
    }

    /// Parses plain ASCII `[-]digits[.digits]`; `None` when out of range or too precise.
    pub fn parse_plain(s: &str) -> Option<Num> {
        let (neg, body) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty() && frac.is_empty() {
            return None;
        }
        if !int.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // 20 integer digits keep us far inside i128 after scaling.
        let int = int.trim_start_matches('0');
        if int.len() > 20 {
            return None;
        }
        let frac = frac.trim_end_matches('0');
        if frac.len() > SCALE_DIGITS {
            return None;
        }
        let mut v: i128 = 0;
        for b in int.bytes() {
            v = v * 10 + (b - b'0') as i128;
        }
        v *= SCALE;
        let mut f: i128 = 0;
        for b in frac.bytes() {
            f = f * 10 + (b - b'0') as i128;
        }
        f *= 10i128.pow((SCALE_DIGITS - frac.len()) as u32);
        let v = v + f;
        Some(Num(if neg { -v } else { v }))
    }

    pub fn is_integer(self) -> bool {
        div_rem_u32(self.0.unsigned_abs(), SCALE as u32).1 == 0
    }

    pub fn is_zero(self) -> bool {
        self.0 == 0
    }

    pub fn is_negative(self) -> bool {
        self.0 < 0
    }

    /// Multiplies by 10^exp (exp may be negative); `None` if precision would be lost or it
    /// overflows.
    pub fn scale10(self, exp: i32) -> Option<Num> {
        // 10^39 overflows i128: out of range whatever the value (zero too).
        let mut k = exp.unsigned_abs();
        if k > 38 {
            return None;
        }
        if exp >= 0 {
            // Ten at a time, bounded before each step (a checked i128 multiply would link
            // compiler_builtins' overflow-checking multiply): exact for both signs.
            let mut v = self.0;
            for _ in 0..k {
                if v.unsigned_abs() > (i128::MAX / 10) as u128 {
                    return None;
                }
                v *= 10;
            }
            Some(Num(v))
        } else {
            // Divided by at most 10^9 a step, each step exact.
            let mut a = self.0.unsigned_abs();
            while k > 0 {
                let step = k.min(9);
                let (q, r) = div_rem_u32(a, 10u32.pow(step));
                if r != 0 {
                    return None;
                }
                a = q;
                k -= step;
            }
            // |a| ≤ |self| / 10: the cast cannot wrap.
            let v = a as i128;
            Some(Num(if self.0 < 0 { -v } else { v }))
        }
    }

    pub fn checked_add(self, o: Num) -> Option<Num> {
        self.0.checked_add(o.0).map(Num)
    }

    pub fn checked_sub(self, o: Num) -> Option<Num> {
        self.0.checked_sub(o.0).map(Num)
    }

    pub fn abs(self) -> Num {
        Num(self.0.abs())
    }

    /// Integer value when it is one and fits i64.
    pub fn as_i64(self) -> Option<i64> {
        if self.is_integer() {
            // The quotient is below 2^101: the casts cannot wrap.
            let int = div_rem_u32(self.0.unsigned_abs(), SCALE as u32).0 as i128;
            i64::try_from(if self.0 < 0 { -int } else { int }).ok()
        } else {
            None
        }
    }

    /// The nearest `f64` (ties to even), i.e. what parsing the decimal text gives, computed
    /// with integers so that the float parser stays out of the `.wasm`.
    pub fn as_f64(self) -> f64 {
        let a = self.0.unsigned_abs();
        if a == 0 {
            return 0.0;
        }
        // Scale by 2^k so that the quotient q = a·2^k / SCALE has 53 bits, then round once.
        let mut k = 80 - (128 - a.leading_zeros() as i32);
        loop {
            // For k < 0, a / (SCALE·2^-k) = (a >> -k) / SCALE, the remainder put back
            // together from the bits shifted out: only division by SCALE (see `div_rem_u32`).
            let (q, r, d) = if k >= 0 {
                let (q, r) = div_rem_u32(a << k, SCALE as u32);
                (q, r as u128, SCALE as u128)
            } else {
                let j = -k;
                let (q, r) = div_rem_u32(a >> j, SCALE as u32);
                let low = a & ((1u128 << j) - 1);
                (q, (r as u128) << j | low, (SCALE as u128) << j)
            };
            if q >= 1 << 53 {
                k -= 1;
            } else if q < 1 << 52 {
                k += 1;
            } else {
                let up = 2 * r > d || (2 * r == d && q & 1 == 1);
                // Exact: q + up ≤ 2^53 and the result is a normal number.
                let v = (q + up as u128) as f64 * f64::from_bits(((1023 - k) as u64) << 52);
                return if self.0 < 0 { -v } else { v };
            }
        }
    }
}

impl std::ops::Add for Num {
    type Output = Num;
    fn add(self, o: Num) -> Num {
        Num(self.0.saturating_add(o.0))
    }
}

impl std::ops::Sub for Num {
    type Output = Num;
    fn sub(self, o: Num) -> Num {
        Num(self.0.saturating_sub(o.0))
    }
}

impl std::ops::Neg for Num {
    type Output = Num;
    fn neg(self) -> Num {
        Num(-self.0)
    }
}

impl std::iter::Sum for Num {
    fn sum<I: Iterator<Item = Num>>(iter: I) -> Num {
        iter.fold(Num::ZERO, |a, b| a + b)
    }
}

impl Num {
    /// `[-]int[.frac]`, trailing zeros of the fraction dropped (the `Display` text), written
    /// by hand so that the browser build links no `core::fmt`.
    pub fn to_text(self) -> String {
        let mut out = String::new();
        self.push_text(&mut out);
        out
    }

    /// Appends [`Num::to_text`]'s text to `out`.
    #[inline(never)]
    pub fn push_text(self, out: &mut String) {
        // 39 digits of u128, a point, 8 fraction digits, a sign.
        let mut buf = [0u8; 49];
        let mut at = buf.len();
        let mut put = |d: u8| {
            at -= 1;
            buf[at] = d;
        };
        let a = self.0.unsigned_abs();
        let (mut int, mut frac) = div_rem_u32(a, SCALE as u32);
        if frac != 0 {
            let mut digits = SCALE_DIGITS;
            while frac % 10 == 0 {
                frac /= 10;
                digits -= 1;
            }
            for _ in 0..digits {
                put(b'0' + (frac % 10) as u8);
                frac /= 10;
            }
            put(b'.');
        }
        loop {
            let (q, r) = div_rem_u32(int, 10);
            put(b'0' + r as u8);
            int = q;
            if int == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-');
        }
        // ASCII only; pushed byte by byte (no UTF-8 validation code).
        for &b in &buf[at..] {
            out.push(char::from(b));
        }
    }
}

/// `n / d` and `n % d` in four 64-by-32-bit steps. WebAssembly has 64-bit division, so
/// this keeps compiler_builtins' general u128 division (~1 KB) out of the browser modules;
/// every divisor `Num` needs fits 32 bits.
fn div_rem_u32(n: u128, d: u32) -> (u128, u32) {
    let d = d as u64;
    let (mut q, mut r) = (0u128, 0u64);
    for shift in [96, 64, 32, 0] {
        // r < d, so the step's quotient fits 32 bits.
        let cur = r << 32 | (n >> shift) as u32 as u64;
        q |= ((cur / d) as u128) << shift;
        r = cur % d;
    }
    (q, r as u32)
}

impl fmt::Display for Num {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_text())
    }
}

/// Appends `v` in decimal, the text of `v.to_string()`, without `core::fmt` (whose integer
/// formatting the browser build would otherwise link).
#[inline(never)]
pub fn push_u64(out: &mut String, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &b in &buf[at..] {
        out.push(char::from(b));
    }
}

/// `v` in decimal, the text of `v.to_string()` (see [`push_u64`]).
pub fn i64_text(v: i64) -> String {
    let mut out = String::new();
    if v < 0 {
        out.push('-');
    }
    push_u64(&mut out, v.unsigned_abs());
    out
}

/// `v` in decimal (see [`push_u64`]).
pub fn u64_text(v: u64) -> String {
    let mut out = String::new();
    push_u64(&mut out, v);
    out
}

impl serde::Serialize for Num {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.as_i64() {
            Some(i) => s.serialize_i64(i),
            None => s.serialize_f64(self.as_f64()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        for (s, out) in [
            ("0", "0"),
            ("507", "507"),
            ("-346", "-346"),
            ("342690.4107", "342690.4107"),
            ("3.50", "3.5"),
            (".5", "0.5"),
            ("007", "7"),
        ] {
            assert_eq!(Num::parse_plain(s).unwrap().to_string(), out, "{s}");
        }
        for s in [
            "",
            "-",
            "1.2.3",
            "1e5",
            "abc",
            "1.123456789",
            "123456789012345678901",
        ] {
            assert!(Num::parse_plain(s).is_none(), "{s}");
        }
    }

    #[test]
    fn display_is_the_exact_decimal() {
        let reference = |v: i128| {
            let a = v.unsigned_abs();
            let (int, frac) = (a / SCALE as u128, a % SCALE as u128);
            let sign = if v < 0 { "-" } else { "" };
            if frac == 0 {
                format!("{sign}{int}")
            } else {
                let f = format!("{frac:08}");
                format!("{sign}{int}.{}", f.trim_end_matches('0'))
            }
        };
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for v in [
            0,
            1,
            -1,
            10,
            100_000_000,
            -150_000_000,
            i128::MAX,
            i128::MIN,
        ] {
            assert_eq!(Num(v).to_text(), reference(v));
            assert_eq!(Num(v).to_string(), reference(v));
        }
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = ((x as i128) << 64 | (x.rotate_left(17) as i128)) >> (x % 127);
            assert_eq!(Num(v).to_text(), reference(v));
        }
    }

    #[test]
    fn u64_text_is_display() {
        let mut x: u64 = 0x1234_5678_9abc_def1;
        for v in [0, 1, 9, 10, 99, 100, u64::MAX, u64::MAX - 1, 1 << 63] {
            assert_eq!(u64_text(v), v.to_string());
            assert_eq!(i64_text(v as i64), (v as i64).to_string());
        }
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = x >> (x % 64);
            assert_eq!(u64_text(v), v.to_string());
            assert_eq!(i64_text(v as i64), (v as i64).to_string());
            let mut s = String::from("ab");
            push_u64(&mut s, v);
            assert_eq!(s, ["ab", &v.to_string()].concat());
        }
    }

    #[test]
    fn as_f64_matches_parsing_the_text() {
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        let check = |v: i128| {
            let n = Num(v);
            let want: f64 = n.to_string().parse().unwrap();
            assert_eq!(n.as_f64().to_bits(), want.to_bits(), "{n}");
        };
        for v in [
            0,
            1,
            -1,
            5,
            50_000_000,
            150_000_000,
            i128::MAX,
            i128::MIN + 1,
            i128::MIN,
        ] {
            check(v);
        }
        for _ in 0..200_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let bits = (x % 120) as u32;
            let v = ((x as i128) << 64 | (x.rotate_left(29) as i128)) >> (127 - bits.min(126));
            check(v);
            if let Some(w) = v.checked_mul(SCALE).and_then(|w| w.checked_add(SCALE / 2)) {
                check(w);
            }
        }
    }

    #[test]
    fn u32_division_matches_u128_division() {
        let mut x: u64 = 0x0123_4567_89ab_cdef;
        let old_scale10 = |v: i128, k: u32| {
            let d = 10i128.checked_pow(k)?;
            (v % d == 0).then_some(Num(v / d))
        };
        let old_scale10_up = |v: i128, k: u32| v.checked_mul(10i128.checked_pow(k)?).map(Num);
        for _ in 0..100_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let n = ((x as u128) << 64 | x.rotate_left(23) as u128) >> (x % 128);
            let d = (x.rotate_left(41) as u32 >> (x % 32)).max(1);
            assert_eq!(div_rem_u32(n, d), (n / d as u128, (n % d as u128) as u32));
            let v = n as i128 * if x & 1 == 0 { 1 } else { -1 };
            assert_eq!(Num(v).is_integer(), v % SCALE == 0);
            let want = (v % SCALE == 0)
                .then(|| i64::try_from(v / SCALE).ok())
                .flatten();
            assert_eq!(Num(v).as_i64(), want);
            let k = (x >> 40) as u32 % 42;
            let w = v / 10i128.pow(k.min(38)) * 10i128.pow(k.min(38) / 2);
            assert_eq!(Num(w).scale10(-(k as i32)), old_scale10(w, k));
            assert_eq!(Num(v).scale10(k as i32), old_scale10_up(v, k));
            let near = i128::MAX / 10i128.pow(k.clamp(1, 38)) + (x >> 60) as i128 - 8;
            for n in [near, -near, near / 3, -near / 7] {
                assert_eq!(Num(n).scale10(k as i32), old_scale10_up(n, k));
            }
        }
        for v in [
            i64::MIN as i128 * SCALE,
            i64::MAX as i128 * SCALE,
            i128::MIN,
            i128::MAX,
        ] {
            let want = (v % SCALE == 0)
                .then(|| i64::try_from(v / SCALE).ok())
                .flatten();
            assert_eq!(Num(v).as_i64(), want);
            for k in [1, 8, 9, 10, 38, 39] {
                assert_eq!(Num(v).scale10(-k), old_scale10(v, k as u32));
                assert_eq!(Num(v).scale10(k), old_scale10_up(v, k as u32));
            }
        }
        assert_eq!(Num(0).scale10(-39), None);
        assert_eq!(Num(0).scale10(39), None);
        assert_eq!(Num(1).scale10(i32::MIN), None);
        assert_eq!(Num(1).scale10(i32::MAX), None);
    }

    #[test]
    fn exact_unit_conversion() {
        let yuan = Num::parse_plain("251000").unwrap();
        assert_eq!(yuan.scale10(-4).unwrap().to_string(), "25.1");
        let yi = Num::parse_plain("1.5").unwrap();
        assert_eq!(yi.scale10(4).unwrap().to_string(), "15000");
        assert!(Num::parse_plain("0.00000001")
            .unwrap()
            .scale10(-4)
            .is_none());
    }
}
