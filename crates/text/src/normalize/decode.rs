//! Decoding page bytes to text: UTF-8 (with or without BOM), UTF-16 with a
//! BOM, and legacy single-byte pages recognised by `chardetng`.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Text decoded from bytes by [`decode`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Decoded {
    /// The decoded text (without the byte order mark).
    pub text: String,
    /// The WHATWG name of the encoding used, e.g. `"UTF-8"` or `"windows-1252"`.
    pub encoding: &'static str,
    /// `true` when the input started with a byte order mark.
    pub bom: bool,
    /// How many invalid sequences were replaced by `U+FFFD` (only in lossy mode).
    pub replaced: usize,
}

/// Why [`decode`] failed.
///
/// # Example
/// ```
/// use nutgraf_text::normalize::decode;
/// let err = decode(b"caf\xC3\xA9 \xC3(", false).unwrap_err();
/// assert_eq!(err.offset(), 6);
/// assert!(err.to_string().contains("lossy"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{kind}")]
pub struct DecodeError {
    kind: DecodeErrorKind,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
enum DecodeErrorKind {
    #[error(
        "invalid {encoding} at byte {offset}; decode in lossy mode to replace invalid sequences with U+FFFD"
    )]
    Invalid {
        encoding: &'static str,
        offset: usize,
    },
}

impl DecodeError {
    /// The byte offset of the first invalid sequence.
    pub fn offset(&self) -> usize {
        match self.kind {
            DecodeErrorKind::Invalid { offset, .. } => offset,
        }
    }

    /// The encoding the bytes were read as.
    pub fn encoding(&self) -> &'static str {
        match self.kind {
            DecodeErrorKind::Invalid { encoding, .. } => encoding,
        }
    }
}

/// Decodes page bytes.
///
/// * A UTF-8 BOM, or a UTF-16 LE/BE BOM, decides the encoding (the BOM is
///   dropped, `bom` is set).
/// * Valid UTF-8 is taken as it is.
/// * Bytes that are not valid UTF-8 but look like UTF-8 with a few broken
///   sequences (valid multi-byte sequences outnumber invalid bytes) are an
///   error, unless `lossy` is set: then each invalid sequence becomes
///   `U+FFFD` and `replaced` counts them.
/// * Other bytes are a legacy page (Windows-1252, -1250, KOI8-R, Shift_JIS…)
///   guessed by `chardetng` and decoded with `encoding_rs`.
///
/// # Example
/// ```
/// use nutgraf_text::normalize::decode;
/// let d = decode(b"\xEF\xBB\xBFcaf\xC3\xA9", false).unwrap();
/// assert_eq!((d.text.as_str(), d.encoding, d.bom), ("café", "UTF-8", true));
/// // Windows-1252 bytes: the detector picks the legacy page.
/// let d = decode(b"Caf\xE9 cr\xE8me br\xFBl\xE9e \x96 tr\xE8s bon", false).unwrap();
/// assert_eq!(d.text, "Café crème brûlée – très bon");
/// assert_eq!(d.encoding, "windows-1252");
/// // UTF-8 with one broken byte needs lossy mode.
/// assert!(decode(b"gr\xC3\xBC\xC3e", false).is_err());
/// let d = decode(b"gr\xC3\xBC\xC3e", true).unwrap();
/// assert_eq!((d.text.as_str(), d.replaced), ("grü\u{FFFD}e", 1));
/// ```
pub fn decode(bytes: &[u8], lossy: bool) -> Result<Decoded, DecodeError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return decode_utf8(rest, lossy, true);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return decode_utf16(rest, UTF_16LE, lossy);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return decode_utf16(rest, UTF_16BE, lossy);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(Decoded {
            text: s.to_string(),
            encoding: UTF_8.name(),
            bom: false,
            replaced: 0,
        });
    }
    let (valid_multi, invalid) = utf8_shape(bytes);
    if valid_multi > 0 && valid_multi >= invalid {
        return decode_utf8(bytes, lossy, false);
    }
    let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, chardetng::Utf8Detection::Deny);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        count_replacements(&text)
    } else {
        0
    };
    if had_errors && !lossy {
        let offset = first_error(enc, bytes);
        return Err(DecodeError {
            kind: DecodeErrorKind::Invalid {
                encoding: enc.name(),
                offset,
            },
        });
    }
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        bom: false,
        replaced,
    })
}

fn decode_utf8(bytes: &[u8], lossy: bool, bom: bool) -> Result<Decoded, DecodeError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            encoding: UTF_8.name(),
            bom,
            replaced: 0,
        }),
        Err(e) if !lossy => Err(DecodeError {
            kind: DecodeErrorKind::Invalid {
                encoding: UTF_8.name(),
                offset: e.valid_up_to() + if bom { 3 } else { 0 },
            },
        }),
        Err(_) => {
            let mut text = String::with_capacity(bytes.len());
            let mut replaced = 0;
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    text.push('\u{FFFD}');
                    replaced += 1;
                }
            }
            Ok(Decoded {
                text,
                encoding: UTF_8.name(),
                bom,
                replaced,
            })
        }
    }
}

fn decode_utf16(bytes: &[u8], enc: &'static Encoding, lossy: bool) -> Result<Decoded, DecodeError> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors && !lossy {
        return Err(DecodeError {
            kind: DecodeErrorKind::Invalid {
                encoding: enc.name(),
                offset: 2 + first_error(enc, bytes),
            },
        });
    }
    let replaced = if had_errors {
        count_replacements(&text)
    } else {
        0
    };
    Ok(Decoded {
        text: text.into_owned(),
        encoding: enc.name(),
        bom: true,
        replaced,
    })
}

/// (valid multi-byte UTF-8 sequences, invalid sequences)
fn utf8_shape(bytes: &[u8]) -> (usize, usize) {
    let mut valid = 0;
    let mut invalid = 0;
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    (valid, invalid)
}

fn count_replacements(s: &str) -> usize {
    s.chars().filter(|&c| c == '\u{FFFD}').count()
}

/// The byte offset of the first malformed sequence for `enc`.
fn first_error(enc: &'static Encoding, bytes: &[u8]) -> usize {
    let mut decoder = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(bytes.len() * 3 + 16);
    let mut read_total = 0;
    loop {
        let (res, read) =
            decoder.decode_to_string_without_replacement(&bytes[read_total..], &mut out, true);
        read_total += read;
        match res {
            encoding_rs::DecoderResult::Malformed(bad, after) => {
                return read_total.saturating_sub(bad as usize + after as usize);
            }
            encoding_rs::DecoderResult::InputEmpty => return read_total,
            encoding_rs::DecoderResult::OutputFull => {
                out.reserve(bytes.len() + 16);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        for u in "Größe €".encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&le, false).unwrap();
        assert_eq!(
            (d.text.as_str(), d.encoding, d.bom),
            ("Größe €", "UTF-16LE", true)
        );
        let mut be = vec![0xFE, 0xFF];
        for u in "Αθήνα".encode_utf16() {
            be.extend_from_slice(&u.to_be_bytes());
        }
        assert_eq!(decode(&be, false).unwrap().text, "Αθήνα");
        // An unpaired surrogate is an error unless lossy.
        let bad = [0xFF, 0xFE, 0x41, 0x00, 0x00, 0xD8, 0x42, 0x00];
        assert!(decode(&bad, false).is_err());
        assert_eq!(decode(&bad, true).unwrap().replaced, 1);
    }

    #[test]
    fn broken_utf8_reports_offset() {
        let e = decode(b"\xEF\xBB\xBFab\xC3\xA9\xFF", false).unwrap_err();
        assert_eq!(e.offset(), 7);
        assert_eq!(e.encoding(), "UTF-8");
        let d = decode(b"ab\xC3\xA9\xC3\xBC\xFF\xFEcd", true).unwrap();
        assert_eq!(d.text, "abéü\u{FFFD}\u{FFFD}cd");
        assert_eq!(d.replaced, 2);
    }

    #[test]
    fn legacy_pages() {
        let d = decode("Привет, как дела? Всё хорошо, спасибо.".as_bytes(), false).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        let (cp1251, _, _) =
            encoding_rs::WINDOWS_1251.encode("Привет, как дела? Всё хорошо, спасибо большое.");
        let d = decode(&cp1251, false).unwrap();
        assert_eq!(d.text, "Привет, как дела? Всё хорошо, спасибо большое.");
        assert_eq!(d.encoding, "windows-1251");
        assert_eq!(decode(b"", false).unwrap().text, "");
    }
}
