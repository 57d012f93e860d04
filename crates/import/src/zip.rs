//! Zip archives, as far as Office Open XML needs them (`.docx`, `.xlsx`): the central
//! directory, stored and deflated entries (`inflate.rs`).
//!
//! Input is untrusted: every offset is checked, entries are counted, and inflating is capped
//! per part and per archive (a zip bomb of a few KB cannot make gigabytes), so reading an
//! archive is linear in its size plus the capped output and never panics.

use super::inflate::Stop;
use super::{InputKind, Note, NoteLevel};

/// Largest inflated size of one part. A report's document.xml is well under 1 MB.
pub(crate) const MAX_PART: usize = 32 << 20;
/// Largest inflated size of all parts read from one archive.
const MAX_TOTAL: usize = 64 << 20;
/// Entries beyond this are ignored (an Office file has a few dozen).
const MAX_ENTRIES: usize = 10_000;

/// One entry of the central directory.
struct Entry {
    name: String,
    method: u16,
    compressed: usize,
    offset: usize,
}

/// An archive's directory over its bytes.
pub(crate) struct Archive<'a> {
    bytes: &'a [u8],
    entries: Vec<Entry>,
    /// Inflated bytes still allowed.
    budget: usize,
}

fn u16_at(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes([*b.get(i)?, *b.get(i + 1)?]))
}

fn u32_at(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes([
        *b.get(i)?,
        *b.get(i + 1)?,
        *b.get(i + 2)?,
        *b.get(i + 3)?,
    ]))
}

/// Why an archive or a part could not be read (the message of a note).
fn bad(what: &str) -> Note {
    Note::fatal(
        "bad-zip",
        crate::textnorm::concat(&["文件已损坏或不是 Word/Excel 文件（", what, "）"]),
        crate::textnorm::concat(&["not a readable Office file (", what, ")"]),
    )
}

impl<'a> Archive<'a> {
    /// Opens an Office file and reads its main part (`word/document.xml`, `xl/workbook.xml`):
    /// the archive, the part, and the notes reading gave. Without that part the file is not
    /// the kind asked for: the note `missing` is the error.
    pub(crate) fn open_with_part(
        bytes: &'a [u8],
        main: &str,
        missing: Note,
    ) -> Result<(Archive<'a>, Vec<u8>, Vec<Note>), Vec<Note>> {
        let mut notes = Vec::new();
        let mut zip = Archive::open(bytes).map_err(|n| vec![n])?;
        match zip.read(main, &mut notes) {
            Ok(Some(part)) => Ok((zip, part, notes)),
            Ok(None) => Err(vec![missing]),
            Err(n) => Err(vec![n]),
        }
    }

    /// Reads the central directory (found from the end-of-central-directory record).
    // A note (zh + en message) is the whole error; it happens at most once per document.
    #[allow(clippy::result_large_err)]
    pub(crate) fn open(bytes: &'a [u8]) -> Result<Archive<'a>, Note> {
        // The record is 22 bytes plus a comment of at most 65535.
        let lowest = bytes.len().saturating_sub(22 + 0xFFFF);
        let eocd = (lowest..bytes.len().saturating_sub(21))
            .rev()
            .find(|&i| bytes[i..].starts_with(b"PK\x05\x06"))
            .ok_or_else(|| bad("no zip directory"))?;
        let count = usize::from(u16_at(bytes, eocd + 10).unwrap_or(0));
        let mut at = u32_at(bytes, eocd + 16).unwrap_or(u32::MAX) as usize;
        let mut entries = Vec::new();
        for _ in 0..count.min(MAX_ENTRIES) {
            if u32_at(bytes, at) != Some(0x0201_4b50) {
                break;
            }
            let (
                Some(method),
                Some(compressed),
                Some(name_len),
                Some(extra),
                Some(comment),
                Some(offset),
            ) = (
                u16_at(bytes, at + 10),
                u32_at(bytes, at + 20),
                u16_at(bytes, at + 28),
                u16_at(bytes, at + 30),
                u16_at(bytes, at + 32),
                u32_at(bytes, at + 42),
            )
            else {
                break;
            };
            let name_at = at + 46;
            let Some(name) = bytes.get(name_at..name_at + usize::from(name_len)) else {
                break;
            };
            entries.push(Entry {
                name: super::xml::text(name).to_string(),
                method,
                compressed: compressed as usize,
                offset: offset as usize,
            });
            at = name_at + usize::from(name_len) + usize::from(extra) + usize::from(comment);
        }
        if entries.is_empty() {
            return Err(bad("empty zip directory"));
        }
        Ok(Archive {
            bytes,
            entries,
            budget: MAX_TOTAL,
        })
    }

    /// True when the archive holds an entry of this name (case-insensitive, as Office reads).
    pub(crate) fn has(&self, name: &str) -> bool {
        self.entries
            .iter()
            .any(|e| e.name.eq_ignore_ascii_case(name))
    }

    /// The inflated bytes of the part `name`; `Ok(None)` when there is no such part. A part
    /// beyond the size caps is cut there, with a warning note in `notes`.
    // A note (zh + en message) is the whole error; it happens at most once per document.
    #[allow(clippy::result_large_err)]
    pub(crate) fn read(
        &mut self,
        name: &str,
        notes: &mut Vec<Note>,
    ) -> Result<Option<Vec<u8>>, Note> {
        let Some(e) = self
            .entries
            .iter()
            .find(|e| e.name.eq_ignore_ascii_case(name))
        else {
            return Ok(None);
        };
        let b = self.bytes;
        if u32_at(b, e.offset) != Some(0x0403_4b50) {
            return Err(bad(&crate::textnorm::concat(&[
                &e.name,
                ": no local header",
            ])));
        }
        let name_len = usize::from(u16_at(b, e.offset + 26).unwrap_or(0));
        let extra = usize::from(u16_at(b, e.offset + 28).unwrap_or(0));
        let start = e.offset + 30 + name_len + extra;
        // A zip64 size (0xFFFFFFFF) or a wrong one: take what is there.
        let end = start.saturating_add(e.compressed).min(b.len());
        let Some(data) = b.get(start..end) else {
            return Err(bad(&crate::textnorm::concat(&[&e.name, ": truncated"])));
        };
        let limit = MAX_PART.min(self.budget);
        let out = match e.method {
            0 => {
                let mut v = data.to_vec();
                if v.len() > limit {
                    v.truncate(limit);
                    notes.push(capped(&e.name));
                }
                v
            }
            8 => match super::inflate::inflate(data, limit) {
                Ok(v) => v,
                Err(Stop::Limit(v)) => {
                    notes.push(capped(&e.name));
                    v
                }
                Err(Stop::Bad) => {
                    return Err(bad(&crate::textnorm::concat(&[
                        &e.name,
                        ": bad deflate data",
                    ])))
                }
            },
            _ => {
                return Err(bad(&crate::textnorm::concat(&[
                    &e.name,
                    ": unsupported compression",
                ])))
            }
        };
        self.budget -= out.len().min(self.budget);
        Ok(Some(out))
    }
}

fn capped(name: &str) -> Note {
    Note::new(
        NoteLevel::Warning,
        "zip-limit",
        crate::textnorm::concat(&["文件中的「", name, "」解压后过大，只读取了前 32 MB"]),
        crate::textnorm::concat(&[
            "part ",
            name,
            " inflates beyond the size limit; only its start was read",
        ]),
    )
}

/// `Docx` or `Xlsx` for an Office zip, by the parts it holds.
pub(crate) fn office_kind(bytes: &[u8]) -> Option<InputKind> {
    let a = Archive::open(bytes).ok()?;
    if a.has("word/document.xml") {
        Some(InputKind::Docx)
    } else if a.has("xl/workbook.xml") {
        Some(InputKind::Xlsx)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A zip of stored or deflated entries, as Office and LibreOffice write them.
    pub(crate) fn zip(parts: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut dir = Vec::new();
        for (name, data, deflate) in parts {
            let offset = out.len() as u32;
            let body = if *deflate {
                miniz_oxide::deflate::compress_to_vec(data, 6)
            } else {
                data.to_vec()
            };
            let method: u16 = if *deflate { 8 } else { 0 };
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&[20, 0, 0, 0]);
            out.extend_from_slice(&method.to_le_bytes());
            out.extend_from_slice(&[0; 8]); // time, date, crc
            out.extend_from_slice(&(body.len() as u32).to_le_bytes());
            out.extend_from_slice(&(data.len() as u32).to_le_bytes());
            out.extend_from_slice(&(name.len() as u16).to_le_bytes());
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&body);
            dir.extend_from_slice(b"PK\x01\x02");
            dir.extend_from_slice(&[20, 0, 20, 0, 0, 0]);
            dir.extend_from_slice(&method.to_le_bytes());
            dir.extend_from_slice(&[0; 8]);
            dir.extend_from_slice(&(body.len() as u32).to_le_bytes());
            dir.extend_from_slice(&(data.len() as u32).to_le_bytes());
            dir.extend_from_slice(&(name.len() as u16).to_le_bytes());
            dir.extend_from_slice(&[0; 12]);
            dir.extend_from_slice(&offset.to_le_bytes());
            dir.extend_from_slice(name.as_bytes());
        }
        let dir_at = out.len() as u32;
        out.extend_from_slice(&dir);
        out.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
        out.extend_from_slice(&(parts.len() as u16).to_le_bytes());
        out.extend_from_slice(&(dir.len() as u32).to_le_bytes());
        out.extend_from_slice(&dir_at.to_le_bytes());
        out.extend_from_slice(&[0, 0]);
        out
    }

    #[test]
    fn stored_and_deflated_parts() {
        let z = zip(&[
            ("a.xml", b"<a/>", false),
            ("word/document.xml", b"<w/><w/>", true),
        ]);
        let mut a = Archive::open(&z).unwrap();
        let mut notes = Vec::new();
        assert_eq!(a.read("a.xml", &mut notes).unwrap().unwrap(), b"<a/>");
        assert_eq!(
            a.read("word/document.xml", &mut notes).unwrap().unwrap(),
            b"<w/><w/>"
        );
        assert_eq!(a.read("missing", &mut notes).unwrap(), None);
        assert!(notes.is_empty());
        assert_eq!(office_kind(&z), Some(InputKind::Docx));
    }

    #[test]
    fn a_zip_bomb_is_cut_with_a_note() {
        let big = vec![b'a'; MAX_PART + 1000];
        let z = zip(&[("xl/workbook.xml", &big, true)]);
        assert!(z.len() < 100_000);
        let mut a = Archive::open(&z).unwrap();
        let mut notes = Vec::new();
        let got = a.read("xl/workbook.xml", &mut notes).unwrap().unwrap();
        assert_eq!(got.len(), MAX_PART);
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].code, "zip-limit");
    }

    #[test]
    fn garbage_is_a_note_not_a_panic() {
        for b in [&b""[..], b"PK\x03\x04", b"PK\x05\x06", &[0xFF; 30]] {
            assert!(Archive::open(b).is_err());
        }
        let mut z = zip(&[("word/document.xml", b"<w/>", true)]);
        // Truncate the body: the directory is found but the data is cut.
        let n = z.len();
        z.drain(30..n - 80);
        if let Ok(mut a) = Archive::open(&z) {
            let _ = a.read("word/document.xml", &mut Vec::new());
        }
    }
}
