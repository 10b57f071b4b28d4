//! Parsing one JSON Lines input line into `(id, text)`.
//!
//! Self-contained (std and `serde_json` only) so that the fuzz target
//! `fuzz/fuzz_targets/jsonl.rs` can include this very file.

use serde_json::Value;

/// One input line that could not be used: its `id` (or `null`) and why.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LineError {
    /// The line's `id`, when it could be read.
    pub id: Value,
    /// What is wrong with the line.
    pub message: String,
}

fn fail(id: Value, message: impl Into<String>) -> LineError {
    LineError {
        id,
        message: message.into(),
    }
}

/// Reads `{"id": …, "text": …}` from one line (without its line break).
/// Invalid UTF-8 is an error unless `lossy`; the text must be a string that
/// is not blank. Never panics.
pub(crate) fn parse_line(raw: &[u8], lossy: bool) -> Result<(Value, String), LineError> {
    let line = match std::str::from_utf8(raw) {
        Ok(s) => std::borrow::Cow::Borrowed(s),
        Err(e) if !lossy => {
            return Err(fail(
                Value::Null,
                format!(
                    "invalid UTF-8 at byte {} of the line (use --lossy)",
                    e.valid_up_to()
                ),
            ))
        }
        Err(_) => String::from_utf8_lossy(raw),
    };
    let value: Value = serde_json::from_str(&line)
        .map_err(|e| fail(Value::Null, format!("not a JSON object: {e}")))?;
    let Value::Object(mut obj) = value else {
        return Err(fail(
            Value::Null,
            "not a JSON object: expected {\"id\": …, \"text\": …}",
        ));
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let text = match obj.remove("text") {
        Some(Value::String(s)) => s,
        Some(_) => return Err(fail(id, "field \"text\" is not a string")),
        None => return Err(fail(id, "missing field \"text\"")),
    };
    if text.trim().is_empty() {
        return Err(fail(id, "text is empty"));
    }
    Ok((id, text))
}
