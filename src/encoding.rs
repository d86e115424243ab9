//! Deciding a file's text encoding, once per file, by one rule:
//!
//! 1. a UTF-32 byte-order mark, or runs of three NUL bytes, is UTF-32: an error (save as UTF-8);
//! 2. a UTF-16 byte-order mark is UTF-16; NUL bytes without one are UTF-16 without a mark: an
//!    error (a guess between little- and big-endian would be a guess);
//! 3. a UTF-8 byte-order mark, or valid UTF-8, is UTF-8 — a byte that is not UTF-8 after it is
//!    an error naming its line;
//! 4. otherwise, a file whose first non-ASCII bytes are not UTF-8 is GB18030 (what Excel and WPS
//!    write on a Chinese system), read with a warning naming the first such line; a byte
//!    GB18030 cannot read either is an error, and so is a file that is UTF-8 up to a byte that
//!    is not (one stray byte or one pasted GBK row): the file mixes encodings.
//!
//! Text is never decoded with replacement characters, so a file is never rewritten with them.

use thiserror::Error;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// UTF-16 with a byte-order mark.
    Utf16,
    /// GB18030 (GBK, GB2312).
    Gb18030,
}

/// A file's text and the encoding it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without a byte-order mark.
    pub text: String,
    /// How it was read.
    pub encoding: Encoding,
    /// For GB18030: the first line that is not UTF-8, to say so in a warning.
    pub first_non_utf8_line: Option<usize>,
}

/// Why a file's bytes are not read as text.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DecodeError {
    /// UTF-32.
    #[error("the file is UTF-32, which is not read: save it as UTF-8")]
    Utf32,
    /// NUL bytes without a UTF-16 byte-order mark.
    #[error("the file looks like UTF-16 without a byte-order mark: save it as UTF-8")]
    Utf16WithoutBom,
    /// UTF-8 up to a byte that is not.
    #[error("byte 0x{byte:02X} is not UTF-8, but the file is UTF-8 before it: the file mixes encodings; save it as UTF-8")]
    Mixed {
        /// Line of the first bad byte (1-based).
        line: usize,
        /// The byte.
        byte: u8,
    },
    /// Bytes that neither UTF-8 nor GB18030 (nor UTF-16) read.
    #[error("the bytes are neither UTF-8 nor GB18030: save the file as UTF-8")]
    Invalid {
        /// Line of the first bad byte (1-based).
        line: usize,
    },
}

impl DecodeError {
    /// The line the error is on, if it names one.
    pub fn line(&self) -> Option<usize> {
        match self {
            DecodeError::Mixed { line, .. } | DecodeError::Invalid { line } => Some(*line),
            _ => None,
        }
    }
}

fn line_of(bytes: &[u8], at: usize) -> usize {
    bytes[..at.min(bytes.len())]
        .iter()
        .filter(|b| **b == b'\n')
        .count()
        + 1
}

/// Decode a file's bytes by the rule of this module.
///
/// ```
/// use zhibiao::encoding::{decode, DecodeError, Encoding};
/// let gbk = [0xB5, 0xD8, 0xC7, 0xF8]; // 地区 in GBK
/// assert_eq!(decode(&gbk).unwrap().text, "地区");
/// assert_eq!(decode(&gbk).unwrap().encoding, Encoding::Gb18030);
/// assert_eq!(decode("\u{feff}a".as_bytes()).unwrap().text, "a");
/// // UTF-8 with one stray byte on line 2
/// assert!(matches!(decode(b"\xe5\x9c\xb0\n\xff"), Err(DecodeError::Mixed { line: 2, .. })));
/// assert_eq!(decode(b"r\0e\0"), Err(DecodeError::Utf16WithoutBom));
/// ```
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeError> {
    if bytes.starts_with(&[0xFF, 0xFE, 0, 0]) || bytes.starts_with(&[0, 0, 0xFE, 0xFF]) {
        return Err(DecodeError::Utf32);
    }
    if let Some(utf16) = decode_utf16(bytes) {
        return utf16;
    }
    if bytes.windows(3).any(|w| w == [0, 0, 0]) {
        return Err(DecodeError::Utf32);
    }
    if bytes.contains(&0) {
        return Err(DecodeError::Utf16WithoutBom);
    }
    let bom = bytes.starts_with(&[0xEF, 0xBB, 0xBF]);
    let body = if bom { &bytes[3..] } else { bytes };
    let offset = bytes.len() - body.len();
    match std::str::from_utf8(body) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: Encoding::Utf8,
            first_non_utf8_line: None,
        }),
        Err(e) => {
            let at = e.valid_up_to();
            let utf8_before = bom || !body[..at].is_ascii();
            if utf8_before {
                return Err(DecodeError::Mixed {
                    line: line_of(bytes, offset + at),
                    byte: body[at],
                });
            }
            gb18030(body, at)
        }
    }
}

fn decode_utf16(bytes: &[u8]) -> Option<Result<Decoded, DecodeError>> {
    let enc = if bytes.starts_with(&[0xFF, 0xFE]) {
        encoding_rs::UTF_16LE
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        encoding_rs::UTF_16BE
    } else {
        return None;
    };
    Some(
        match enc.decode_without_bom_handling_and_without_replacement(&bytes[2..]) {
            Some(text) => Ok(Decoded {
                text: text.into_owned(),
                encoding: Encoding::Utf16,
                first_non_utf8_line: None,
            }),
            None => Err(DecodeError::Invalid { line: 1 }),
        },
    )
}

fn gb18030(body: &[u8], first_bad: usize) -> Result<Decoded, DecodeError> {
    match encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(Decoded {
            text: text.into_owned(),
            encoding: Encoding::Gb18030,
            first_non_utf8_line: Some(line_of(body, first_bad)),
        }),
        None => {
            // the first line GB18030 cannot read
            let mut dec = encoding_rs::GB18030.new_decoder_without_bom_handling();
            let mut out = String::with_capacity(body.len() * 2);
            let (result, read) = dec.decode_to_string_without_replacement(body, &mut out, true);
            let at = match result {
                encoding_rs::DecoderResult::Malformed(bad, _) => {
                    read.saturating_sub(usize::from(bad))
                }
                _ => read,
            };
            Err(DecodeError::Invalid {
                line: line_of(body, at),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_per_file() {
        assert_eq!(decode(b"abc").unwrap().encoding, Encoding::Utf8);
        assert_eq!(
            decode(&[0xFF, 0xFE, b'a', 0]).unwrap().text,
            "a",
            "UTF-16 with a mark"
        );
        assert_eq!(decode(b"a\0\0\0b\0\0\0"), Err(DecodeError::Utf32));
        // a UTF-8 file with one GBK row (乙 in GBK on line 3)
        let mixed = b"region\n\xe7\x94\xb2\n\xd2\xd2\n";
        assert!(matches!(
            decode(mixed),
            Err(DecodeError::Mixed {
                line: 3,
                byte: 0xD2
            })
        ));
        // a GBK file is read, and the warning can name line 2
        let gbk = b"region\n\xbc\xd7\xcf\xd8\n";
        let d = decode(gbk).unwrap();
        assert_eq!(d.text, "region\n甲县\n");
        assert_eq!(d.first_non_utf8_line, Some(2));
    }
}
