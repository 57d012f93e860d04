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
        self.0 % SCALE == 0
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
        if exp >= 0 {
            self.0.checked_mul(10i128.checked_pow(exp as u32)?).map(Num)
        } else {
            let d = 10i128.checked_pow((-exp) as u32)?;
            (self.0 % d == 0).then_some(Num(self.0 / d))
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
            i64::try_from(self.0 / SCALE).ok()
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
            let (n, d) = if k >= 0 {
                (a << k, SCALE as u128)
            } else {
                (a, (SCALE as u128) << -k)
            };
            let (q, r) = (n / d, n % d);
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
        // One u128 division per step: remainders come from the quotient (less code).
        let mut int = a / SCALE as u128;
        let mut frac = (a - int * SCALE as u128) as u32;
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
            let q = int / 10;
            put(b'0' + (int - q * 10) as u8);
            int = q;
            if int == 0 {
                break;
            }
        }
        if self.0 < 0 {
            put(b'-');
        }
        // Only ASCII digits, '.' and '-' were written.
        out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
    }
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
    // Only ASCII digits were written.
    out.push_str(std::str::from_utf8(&buf[at..]).unwrap_or_default());
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

/// Appends `v` rounded to `decimals` places, the text of `format!("{v:.decimals$}")`, without
/// `core::fmt`'s float code (~9 KB of wasm). Exact: rounds the binary value, ties to even.
#[inline(never)]
pub fn push_f64_fixed(out: &mut String, v: f64, decimals: usize) {
    if v.is_nan() {
        out.push_str("NaN");
        return;
    }
    if v.is_sign_negative() {
        out.push('-');
    }
    if v.is_infinite() {
        out.push_str("inf");
        return;
    }
    let bits = v.to_bits();
    let (exp, frac) = ((bits >> 52 & 0x7ff) as i32, bits & ((1 << 52) - 1));
    // |v| = m·2^e exactly.
    let (m, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    };
    // |v| = big·10^-point, big = m·2^e or m·5^-e, in base-10^9 limbs, least significant first.
    const BASE: u64 = 1_000_000_000;
    let (factor, point) = if e >= 0 { (2, 0) } else { (5, -e as usize) };
    let mut limbs = vec![(m % BASE) as u32, (m / BASE) as u32];
    for _ in 0..e.unsigned_abs() {
        let mut carry = 0;
        for l in &mut limbs {
            let x = *l as u64 * factor + carry;
            *l = (x % BASE) as u32;
            carry = x / BASE;
        }
        if carry > 0 {
            limbs.push(carry as u32);
        }
    }
    // Decimal digits of big, least significant first: digits[i] weighs 10^(i - point).
    let mut digits = Vec::with_capacity(limbs.len() * 9);
    for &l in &limbs {
        let mut l = l;
        for _ in 0..9 {
            digits.push((l % 10) as u8);
            l /= 10;
        }
    }
    // At least one integer digit; no leading zeros beyond it.
    digits.resize(digits.len().max(point + 1), 0);
    while digits.len() > point + 1 && digits.last() == Some(&0) {
        digits.pop();
    }
    // Drop the digits past `decimals`, rounding half to even.
    let drop = point.saturating_sub(decimals);
    if drop > 0 {
        let first = digits[drop - 1];
        let rest_zero = digits[..drop - 1].iter().all(|&d| d == 0);
        let up = first > 5 || (first == 5 && (!rest_zero || digits[drop] % 2 == 1));
        digits.drain(..drop);
        if up {
            let mut i = 0;
            loop {
                if i == digits.len() {
                    digits.push(1);
                    break;
                }
                if digits[i] < 9 {
                    digits[i] += 1;
                    break;
                }
                digits[i] = 0;
                i += 1;
            }
        }
    }
    let fraction = point - drop;
    for &d in digits[fraction..].iter().rev() {
        out.push((b'0' + d) as char);
    }
    if decimals > 0 {
        out.push('.');
    }
    for &d in digits[..fraction].iter().rev() {
        out.push((b'0' + d) as char);
    }
    for _ in fraction..decimals {
        out.push('0');
    }
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
    fn f64_fixed_is_display_with_precision() {
        let check = |v: f64, d: usize| {
            let mut s = String::from("x");
            push_f64_fixed(&mut s, v, d);
            assert_eq!(s, format!("x{v:.d$}"), "{:e} {d}", v);
        };
        let specials = [
            0.0,
            -0.0,
            0.5,
            1.5,
            2.5,
            -2.5,
            0.125,
            0.375,
            0.05,
            0.15,
            0.25,
            9.995,
            99.5,
            999.9999,
            1e21,
            1e-7,
            123456789.125,
            f64::MAX,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            33.9,
            100.0 / 3.0,
        ];
        for v in specials {
            for d in 0..=12 {
                check(v, d);
                check(-v, d);
            }
        }
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for i in 0..30_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let d = (x % 11) as usize;
            // Random bit patterns, values around everyday magnitudes, and percentages.
            check(f64::from_bits(x), d);
            check(
                f64::from_bits(0x3f00_0000_0000_0000 + x % 0x0a00_0000_0000_0000),
                d,
            );
            let a = (x >> 20) % 100_000;
            let b = (x % 9_999) + 1;
            check(a as f64 / b as f64 * 100.0, d);
            // Ties: multiples of 2^-k that end in 5 at some decimal place.
            check((x % 4096) as f64 / f64::from(1u32 << (i % 12)), d);
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
