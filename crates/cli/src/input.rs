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
}

impl Input {
    /// Adds facts about the decoding to a JSON result (only when something
    /// was replaced, so the contract's shape stays as it is otherwise).
    pub fn annotate(&self, json: &mut serde_json::Value) {
        if self.replaced > 0 {
            if let Some(obj) = json.as_object_mut() {
                obj.insert("replaced_invalid".into(), self.replaced.into());
            }
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
                return Err(Failure::Runtime(format!("{name}: is a directory, expected a text file")));
            }
            bytes = std::fs::read(p).map_err(|e| Failure::Runtime(format!("{name}: {}", io_message(&e))))?;
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

/// Decodes bytes as UTF-8; invalid sequences are an error unless `lossy`.
pub(crate) fn decode(bytes: Vec<u8>, lossy: bool, name: &str) -> Result<Input, Failure> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Input { text, replaced: 0 }),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if !lossy {
                return Err(Failure::Runtime(format!(
                    "{name}: invalid UTF-8 at byte {at} (use --lossy to replace invalid bytes with U+FFFD)"
                )));
            }
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let already = bytes.windows(3).filter(|w| *w == [0xEF, 0xBF, 0xBD]).count();
            let replaced = text.matches('\u{FFFD}').count().saturating_sub(already);
            eprintln!("nutgraf: {name}: replaced {replaced} invalid UTF-8 sequence(s) with U+FFFD");
            Ok(Input { text, replaced })
        }
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
