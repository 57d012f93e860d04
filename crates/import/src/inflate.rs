//! Raw DEFLATE (RFC 1951) decoding for zip parts, small enough for the browser importer: the
//! canonical-Huffman decoder of zlib's `puff` (a symbol is read bit by bit over at most 15
//! code lengths), with the output capped.
//!
//! Untrusted input: every read is bounds-checked, back-references must stay inside the output,
//! and the output stops at `limit` (a zip bomb). Time is linear in input plus output: each
//! output byte costs O(1), each symbol at most 15 steps, and every block consumes input.

/// Why inflating stopped early.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Stop {
    /// The output reached the limit; the bytes up to it.
    Limit(Vec<u8>),
    /// Not valid DEFLATE data (or cut short).
    Bad,
}

struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    buf: u32,
    cnt: u32,
}

impl Bits<'_> {
    /// `n` bits (at most 16), least significant first.
    fn get(&mut self, n: u32) -> Result<u32, Stop> {
        while self.cnt < n {
            let b = *self.data.get(self.pos).ok_or(Stop::Bad)?;
            self.pos += 1;
            self.buf |= u32::from(b) << self.cnt;
            self.cnt += 8;
        }
        let v = self.buf & ((1u32 << n) - 1);
        self.buf >>= n;
        self.cnt -= n;
        Ok(v)
    }
}

/// A canonical Huffman code: how many codes of each length, and the symbols in code order.
struct Huffman {
    count: [u16; 16],
    symbol: [u16; 288],
}

impl Huffman {
    fn new(lengths: &[u8]) -> Result<Huffman, Stop> {
        let mut h = Huffman {
            count: [0; 16],
            symbol: [0; 288],
        };
        for &l in lengths {
            h.count[usize::from(l)] += 1;
        }
        // Over-subscribed code lengths are not a prefix code.
        let mut left: i32 = 1;
        for len in 1..16 {
            left = (left << 1) - i32::from(h.count[len]);
            if left < 0 {
                return Err(Stop::Bad);
            }
        }
        let mut offs = [0u16; 16];
        for len in 1..15 {
            offs[len + 1] = offs[len] + h.count[len];
        }
        for (sym, &l) in lengths.iter().enumerate() {
            if l != 0 {
                let o = &mut offs[usize::from(l)];
                h.symbol[usize::from(*o)] = sym as u16;
                *o += 1;
            }
        }
        Ok(h)
    }

    fn decode(&self, bits: &mut Bits) -> Result<usize, Stop> {
        let (mut code, mut first, mut index) = (0i32, 0i32, 0i32);
        for len in 1..16 {
            code |= bits.get(1)? as i32;
            let count = i32::from(self.count[len]);
            if code - count < first {
                return Ok(usize::from(self.symbol[(index + code - first) as usize]));
            }
            index += count;
            first = (first + count) << 1;
            code <<= 1;
        }
        Err(Stop::Bad)
    }
}

const LEN_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
const LEN_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
const DIST_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
const DIST_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order code-length code lengths are stored in.
const ORDER: [u8; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];

/// Inflates raw DEFLATE `data`; at most `limit` bytes of output.
pub(crate) fn inflate(data: &[u8], limit: usize) -> Result<Vec<u8>, Stop> {
    let mut bits = Bits {
        data,
        pos: 0,
        buf: 0,
        cnt: 0,
    };
    let mut out: Vec<u8> = Vec::new();
    loop {
        let last = bits.get(1)? == 1;
        match bits.get(2)? {
            0 => stored(&mut bits, &mut out, limit)?,
            1 => {
                let (lit, dist) = fixed_codes()?;
                codes(&mut bits, &mut out, &lit, &dist, limit)?;
            }
            2 => {
                let (lit, dist) = dynamic_codes(&mut bits)?;
                codes(&mut bits, &mut out, &lit, &dist, limit)?;
            }
            _ => return Err(Stop::Bad),
        }
        if last {
            return Ok(out);
        }
    }
}

/// A stored block: byte-aligned LEN, NLEN, then LEN bytes.
fn stored(bits: &mut Bits, out: &mut Vec<u8>, limit: usize) -> Result<(), Stop> {
    bits.buf = 0;
    bits.cnt = 0;
    let data = bits.data;
    let p = bits.pos;
    let head = data.get(p..p + 4).ok_or(Stop::Bad)?;
    let len = usize::from(u16::from_le_bytes([head[0], head[1]]));
    if u16::from_le_bytes([head[2], head[3]]) != !(len as u16) {
        return Err(Stop::Bad);
    }
    let block = data.get(p + 4..p + 4 + len).ok_or(Stop::Bad)?;
    bits.pos = p + 4 + len;
    if out.len() + len > limit {
        out.extend_from_slice(&block[..limit - out.len()]);
        return Err(Stop::Limit(std::mem::take(out)));
    }
    out.extend_from_slice(block);
    Ok(())
}

/// The fixed literal/length and distance codes of a type-1 block.
fn fixed_codes() -> Result<(Huffman, Huffman), Stop> {
    let mut l = [0u8; 288 + 30];
    l[..144].fill(8);
    l[144..256].fill(9);
    l[256..280].fill(7);
    l[280..288].fill(8);
    l[288..].fill(5);
    Ok((Huffman::new(&l[..288])?, Huffman::new(&l[288..])?))
}

/// The literal/length and distance codes a type-2 block describes (code lengths, themselves
/// Huffman-coded, with run-length symbols 16–18).
fn dynamic_codes(bits: &mut Bits) -> Result<(Huffman, Huffman), Stop> {
    let nlen = bits.get(5)? as usize + 257;
    let ndist = bits.get(5)? as usize + 1;
    let ncode = bits.get(4)? as usize + 4;
    if nlen > 286 || ndist > 30 {
        return Err(Stop::Bad);
    }
    let mut l = [0u8; 19];
    for &i in &ORDER[..ncode] {
        l[usize::from(i)] = bits.get(3)? as u8;
    }
    let lencode = Huffman::new(&l)?;
    let mut lengths = [0u8; 286 + 30];
    let mut i = 0;
    while i < nlen + ndist {
        let sym = lencode.decode(bits)?;
        let (value, times) = match sym {
            0..=15 => (sym as u8, 1),
            16 => {
                let prev = *lengths[..i].last().ok_or(Stop::Bad)?;
                (prev, 3 + bits.get(2)? as usize)
            }
            17 => (0, 3 + bits.get(3)? as usize),
            _ => (0, 11 + bits.get(7)? as usize),
        };
        if i + times > nlen + ndist {
            return Err(Stop::Bad);
        }
        lengths[i..i + times].fill(value);
        i += times;
    }
    if lengths[256] == 0 {
        return Err(Stop::Bad);
    }
    Ok((
        Huffman::new(&lengths[..nlen])?,
        Huffman::new(&lengths[nlen..nlen + ndist])?,
    ))
}

/// One block's literal/length and distance codes, up to its end-of-block symbol.
fn codes(
    bits: &mut Bits,
    out: &mut Vec<u8>,
    lit: &Huffman,
    dist: &Huffman,
    limit: usize,
) -> Result<(), Stop> {
    loop {
        let sym = lit.decode(bits)?;
        if sym < 256 {
            if out.len() >= limit {
                return Err(Stop::Limit(std::mem::take(out)));
            }
            out.push(sym as u8);
            continue;
        }
        if sym == 256 {
            return Ok(());
        }
        let s = sym - 257;
        if s >= 29 {
            return Err(Stop::Bad);
        }
        let len = usize::from(LEN_BASE[s]) + bits.get(u32::from(LEN_EXTRA[s]))? as usize;
        let d = dist.decode(bits)?;
        if d >= 30 {
            return Err(Stop::Bad);
        }
        let back = usize::from(DIST_BASE[d]) + bits.get(u32::from(DIST_EXTRA[d]))? as usize;
        if back > out.len() {
            return Err(Stop::Bad);
        }
        for _ in 0..len {
            if out.len() >= limit {
                return Err(Stop::Limit(std::mem::take(out)));
            }
            out.push(out[out.len() - back]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_what_a_compressor_makes() {
        let text = "三、收到和处理政府信息公开申请情况 0 0 0 0 0 0 0\n".repeat(200);
        for level in [0, 1, 6, 9] {
            let z = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), level);
            assert_eq!(
                inflate(&z, usize::MAX).unwrap(),
                text.as_bytes(),
                "level {level}"
            );
            let cut = inflate(&z, 100).unwrap_err();
            assert_eq!(cut, Stop::Limit(text.as_bytes()[..100].to_vec()));
        }
        // Fixed codes (a short input) and an empty stored block.
        let z = miniz_oxide::deflate::compress_to_vec(b"abcabcabc", 6);
        assert_eq!(inflate(&z, 1000).unwrap(), b"abcabcabc");
        assert_eq!(inflate(&[1, 0, 0, 0xFF, 0xFF], 10).unwrap(), b"");
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        for d in [
            &b""[..],
            &[0xFF; 40],
            &[4],
            &[1, 5, 0, 0xFA, 0xFF, 1],
            &[0x63, 0x00, 0x42],
        ] {
            assert!(inflate(d, 1000).is_err(), "{d:?}");
        }
        // A distance before the start of the output.
        let mut z = miniz_oxide::deflate::compress_to_vec(&b"abcdabcdabcdabcd".repeat(10), 9);
        for i in 0..z.len() {
            z[i] ^= 0x5A;
            let _ = inflate(&z, 10_000);
            z[i] ^= 0x5A;
        }
    }
}
