//! Plain text to [`Input`]: blank-line paragraphs, headings, list items,
//! sentences.

use nutgraf_text::{sentences, tokens, Language};

use crate::{Input, Unit, UnitKind};

/// A one-line block of at most this many words without final punctuation
/// is a heading.
const HEADING_MAX_WORDS: usize = 12;

fn is_list_line(line: &str) -> Option<usize> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    ["- ", "• ", "* ", "– "]
        .iter()
        .find(|m| t.starts_with(*m))
        .map(|m| lead + m.len())
}

fn ends_like_sentence(s: &str) -> bool {
    s.trim_end().chars().last().is_some_and(|c| {
        matches!(
            c,
            '.' | '!' | '?' | '…' | ':' | ';' | '"' | '“' | '”' | '»' | '«' | '\'' | ')'
        )
    })
}

pub(crate) fn parse<'a>(text: &'a str, title: Option<&'a str>, language: Language) -> Input<'a> {
    let mut units = Vec::new();
    // Blocks: runs of non-blank lines.
    let mut blocks: Vec<(usize, usize)> = Vec::new();
    let mut start: Option<usize> = None;
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        match (blank, start) {
            (true, Some(s)) => {
                blocks.push((s, pos));
                start = None;
            }
            (false, None) => start = Some(pos),
            _ => {}
        }
        pos += line.len();
    }
    if let Some(s) = start {
        blocks.push((s, text.len()));
    }
    for (b, &(bs, be)) in blocks.iter().enumerate() {
        let block = &text[bs..be];
        let trimmed = block.trim();
        let single_line = !trimmed.contains('\n');
        if single_line
            && is_list_line(trimmed).is_none()
            && !ends_like_sentence(trimmed)
            && tokens::words(trimmed).len() <= HEADING_MAX_WORDS
        {
            let off = bs + (block.len() - block.trim_start().len());
            units.push(Unit {
                text: trimmed,
                span: off..off + trimmed.len(),
                kind: UnitKind::Heading,
                block: b,
            });
            continue;
        }
        // One split of the whole block, as `sentences::split` splits the
        // page (so every unit lies inside a sentence of the plain split),
        // then a cut at the start of every list line: a list item is its
        // own unit, without its marker.
        // (line start, item start after the marker, line end)
        let mut list_lines: Vec<(usize, usize, usize)> = Vec::new();
        let mut lpos = bs;
        for line in block.split_inclusive('\n') {
            if let Some(skip) = is_list_line(line) {
                list_lines.push((lpos, lpos + skip, lpos + line.len()));
            }
            lpos += line.len();
        }
        let push = |from: usize, to: usize, units: &mut Vec<Unit<'a>>| {
            let item = list_lines
                .iter()
                .find(|&&(ls, _, le)| ls <= from && from < le);
            let (from, kind) = match item {
                Some(&(_, body, _)) => (from.max(body), UnitKind::ListItem),
                None => (from, UnitKind::Body),
            };
            if from >= to {
                return;
            }
            let piece = &text[from..to];
            let t = piece.trim();
            if t.is_empty() {
                return;
            }
            let off = from + (piece.len() - piece.trim_start().len());
            units.push(Unit {
                text: t,
                span: off..off + t.len(),
                kind,
                block: b,
            });
        };
        for s in sentences::split(block, language) {
            let (mut from, to) = (bs + s.span.start, bs + s.span.end);
            for &(ls, _, _) in &list_lines {
                if from < ls && ls < to {
                    push(from, ls, &mut units);
                    from = ls;
                }
            }
            push(from, to, &mut units);
        }
    }
    Input {
        title,
        language,
        units,
    }
}
