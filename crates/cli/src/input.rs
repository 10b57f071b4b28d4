//! Reading the input: a file or standard input, as UTF-8.

use std::io::Read;
use std::path::Path;

use crate::Failure;

/// A decoded input document.
pub(crate) struct Input {
    /// The text.
    pub text: String,
    /// How many invalid sequences were replaced (with --lossy).
    pub replaced: usize,
    /// The encoding, when the input was not plain UTF-8.
    pub encoding: Option<&'static str>,
}

impl Input {
    /// Adds facts about the decoding to a JSON result (only when something
    /// was replaced, so the contract's shape stays as it is otherwise).
    pub fn annotate(&self, json: &mut serde_json::Value) {
        let Some(obj) = json.as_object_mut() else {
            return;
        };
        if self.replaced > 0 {
            obj.insert("replaced_invalid".into(), self.replaced.into());
        }
        if let Some(enc) = self.encoding {
            obj.insert("encoding".into(), enc.into());
        }
    }
}

/// The name used in messages: the path, or `<stdin>`.
pub(crate) fn display_name(path: Option<&Path>) -> String {
    match path {
        None => "<stdin>".into(),
        Some(p) if p == Path::new("-") => "<stdin>".into(),
        Some(p) => p.display().to_string(),
    }
}

/// Reads all bytes of `path` (or stdin).
pub(crate) fn read_bytes(path: Option<&Path>) -> Result<Vec<u8>, Failure> {
    let name = display_name(path);
    let mut bytes = Vec::new();
    match path {
        Some(p) if p != Path::new("-") => {
            if p.is_dir() {
                return Err(Failure::Runtime(format!(
                    "{name}: is a directory, expected a text file"
                )));
            }
            bytes = std::fs::read(p)
                .map_err(|e| Failure::Runtime(format!("{name}: {}", io_message(&e))))?;
        }
        _ => {
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Failure::Runtime(format!("{name}: {}", io_message(&e))))?;
        }
    }
    Ok(bytes)
}

pub(crate) fn io_message(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Decodes bytes: UTF-8 (kept as is, a BOM included, so spans index the
/// file's bytes), UTF-16 with a BOM, or a legacy page detected by
/// `nutgraf_text::normalize::decode`. Invalid UTF-8 is an error unless `lossy`.
pub(crate) fn decode(bytes: Vec<u8>, lossy: bool, name: &str) -> Result<Input, Failure> {
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(Input {
                text,
                replaced: 0,
                encoding: None,
            })
        }
        Err(e) => e.into_bytes(),
    };
    match nutgraf::text::normalize::decode(&bytes, lossy) {
        Ok(d) => {
            if d.replaced > 0 {
                eprintln!(
                    "nutgraf: {name}: replaced {} invalid sequence(s) with U+FFFD",
                    d.replaced
                );
            }
            let encoding = (d.encoding != "UTF-8" || d.bom).then_some(d.encoding);
            if let Some(enc) = encoding {
                eprintln!(
                    "nutgraf: {name}: not UTF-8, decoded as {enc} (spans index the decoded text)"
                );
            }
            Ok(Input {
                text: d.text,
                replaced: d.replaced,
                encoding,
            })
        }
        Err(e) => Err(Failure::Runtime(format!(
            "{name}: {e} (use --lossy to replace invalid bytes with U+FFFD)"
        ))),
    }
}

/// Reads and decodes one document; an empty input is an error.
pub(crate) fn read(path: Option<&Path>, lossy: bool) -> Result<Input, Failure> {
    let name = display_name(path);
    let input = decode(read_bytes(path)?, lossy, &name)?;
    if input.text.trim().is_empty() {
        return Err(Failure::Runtime(format!("{name}: input is empty")));
    }
    Ok(input)
}
