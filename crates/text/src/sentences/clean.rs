//! A cleaned display text of a sentence: layout damage undone.

use std::borrow::Cow;

use super::data;
use crate::Language;

/// A character that ends a line: `\n`, `\r`, vertical tab, form feed, NEL,
/// U+2028, U+2029.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\x0B' | '\x0C' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Punctuation that closes what comes before it and so never starts a line
/// on its own.
fn is_closing(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '”' | '’' | '…'
    )
}

/// A line of one or two letters: a piece of a word stacked by layout.
fn is_stacked(line: &str) -> bool {
    let n = line.chars().count();
    (1..=2).contains(&n) && line.chars().all(char::is_alphabetic)
}

/// `true` when `line` starts with closing punctuation that is not the start
/// of a word (".NET" is a word, ". Next" and ".)" are not).
fn starts_closing(line: &str) -> bool {
    let mut chars = line.chars();
    match (chars.next(), chars.next()) {
        (Some(c), next) if is_closing(c) => !next.is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

/// Returns a cleaned display text of `sentence`, with layout damage undone:
/// the text a reader sees, for output that is shown or compared rather than
/// located in the input. [`Sentence::text`](super::Sentence) stays the exact
/// slice of the input; this is an extra view of it.
///
/// Only whitespace changes: the non-whitespace characters come out as they
/// went in, in order, so sentence boundaries measured on them are the same.
/// Whitespace at the very start and end is left alone. The rules, for every
/// run of whitespace that holds a line break inside the sentence:
///
/// 1. **Stacked letters.** Inside a stack of three or more lines of one or
///    two letters each ("W\nA\nRN\nI\nNG", a word laid out vertically in a
///    PDF), the line breaks are removed: "WARNING". Two short lines alone
///    ("I\nam") are too weak a sign and become a space.
/// 2. **Closing punctuation.** Before a line that starts with `. , ; : ! ? )
///    ] } ” ’ …` (not followed by a letter or digit, so ".NET" does not
///    count), the run is removed: "pricing\n." becomes "pricing.", "yd
///    \n)" becomes "yd)".
/// 3. **Other line breaks** become a single space: "initiating \na shot"
///    becomes "initiating a shot".
/// 4. **German abbreviations** (only for [`Language::De`], and only in a
///    sentence with a line break inside — text from a PDF or other layout,
///    whose extraction drops the narrow space typeset in "z. B."): the
///    multi-part abbreviations that the German data file writes with spaces
///    ("z. b", "d. h", "u. a", "i. d. r" ...) get the space Duden and
///    DIN 5008 prescribe after each inner period: "z.B." becomes "z. B.",
///    "i.d.R." becomes "i. d. R.". An author's own "u.a." in a sentence
///    without layout damage is their spelling and stays.
///
/// Borrows `sentence` when nothing changes.
///
/// # Example
/// ```
/// use nutgraf_text::{sentences::clean_text, Language};
/// assert_eq!(clean_text("contact us for pricing\n.", Language::En), "contact us for pricing.");
/// assert_eq!(clean_text("W\nA\nRN\nI\nNG", Language::En), "WARNING");
/// assert_eq!(clean_text("Andere \nFische (z.B. Hai)", Language::De), "Andere Fische (z. B. Hai)");
/// assert_eq!(clean_text("Ich kann u.a. Spanisch.", Language::De), "Ich kann u.a. Spanisch.");
/// ```
pub fn clean_text(sentence: &str, lang: Language) -> Cow<'_, str> {
    let start = sentence.len() - sentence.trim_start().len();
    let end = sentence.trim_end().len().max(start);
    let core = &sentence[start..end];
    if !core.contains(is_line_break) {
        return Cow::Borrowed(sentence);
    }
    // Lines of `core`, cut at whitespace runs that hold a line break; lines
    // never start or end with whitespace.
    let mut lines: Vec<&str> = Vec::new();
    let mut line_start = 0;
    let mut chars = core.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if !c.is_whitespace() {
            continue;
        }
        let mut run_end = i + c.len_utf8();
        let mut has_break = is_line_break(c);
        while let Some(&(j, w)) = chars.peek() {
            if !w.is_whitespace() {
                break;
            }
            has_break |= is_line_break(w);
            run_end = j + w.len_utf8();
            chars.next();
        }
        if has_break {
            lines.push(&core[line_start..i]);
            line_start = run_end;
        }
    }
    lines.push(&core[line_start..]);

    // Rule 1: gaps inside a stack of three or more short lines.
    let mut join = vec![false; lines.len().saturating_sub(1)];
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && is_stacked(lines[j]) {
            j += 1;
        }
        if j - i >= 3 {
            for gap in &mut join[i..j - 1] {
                *gap = true;
            }
        }
        i = j.max(i + 1);
    }

    let mut out = String::with_capacity(sentence.len());
    out.push_str(&sentence[..start]);
    for (k, line) in lines.iter().enumerate() {
        if k > 0 && !join[k - 1] && !starts_closing(line) {
            out.push(' ');
        }
        out.push_str(line);
    }
    if lang == Language::De {
        out = respace(&out);
    }
    out.push_str(&sentence[end..]);
    Cow::Owned(out)
}

/// Rule 4: a space after each inner period of the German data's spaced
/// multi-part abbreviations where it is missing.
fn respace(text: &str) -> String {
    let forms = data::lists(Language::De).spaced_abbreviations();
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    let mut prev: Option<char> = None;
    while let Some(c) = rest.chars().next() {
        let at_word_start = !prev.is_some_and(|p| p.is_alphanumeric() || p == '.');
        if at_word_start && c.is_alphabetic() {
            if let Some((len, fixed)) = forms.iter().find_map(|f| match_form(rest, f)) {
                out.push_str(&fixed);
                prev = Some('.');
                rest = &rest[len..];
                continue;
            }
        }
        out.push(c);
        prev = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Matches the abbreviation `parts` ("z", "b") at the start of `text`, in
/// any case, with or without a space after each inner period, ending in a
/// period that no letter or digit follows. Returns the length matched and
/// the spaced form (in the text's case), or `None` when nothing is missing.
fn match_form(text: &str, parts: &[String]) -> Option<(usize, String)> {
    let mut fixed = String::new();
    let mut pos = 0;
    let mut changed = false;
    for (k, part) in parts.iter().enumerate() {
        if k > 0 {
            if text[pos..].starts_with(' ') {
                pos += 1;
            } else {
                changed = true;
            }
            fixed.push(' ');
        }
        for want in part.chars() {
            let got = text[pos..].chars().next()?;
            if !got.to_lowercase().eq(want.to_lowercase()) {
                return None;
            }
            fixed.push(got);
            pos += got.len_utf8();
        }
        if !text[pos..].starts_with('.') {
            return None;
        }
        fixed.push('.');
        pos += 1;
    }
    let after_ok = !text[pos..]
        .chars()
        .next()
        .is_some_and(|c| c.is_alphanumeric());
    (changed && after_ok).then_some((pos, fixed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn match_form_needs_the_whole_abbreviation() {
        let zb = ["z".to_string(), "b".to_string()];
        assert_eq!(match_form("z.B. Hai", &zb), Some((4, "z. B.".into())));
        assert_eq!(match_form("Z.b.", &zb), Some((4, "Z. b.".into())));
        assert_eq!(match_form("z. B. Hai", &zb), None);
        assert_eq!(match_form("z.Bsp.", &zb), None);
        assert_eq!(match_form("z.B", &zb), None);
        assert_eq!(match_form("z.B.x", &zb), None);
    }
}
