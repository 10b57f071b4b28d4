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
        let mut lpos = bs;
        let mut body_start: Option<usize> = None;
        let flush = |from: usize, to: usize, units: &mut Vec<Unit<'a>>| {
            for s in sentences::split(&text[from..to], language) {
                units.push(Unit {
                    text: s.text,
                    span: from + s.span.start..from + s.span.end,
                    kind: UnitKind::Body,
                    block: b,
                });
            }
        };
        for line in block.split_inclusive('\n') {
            if let Some(skip) = is_list_line(line) {
                if let Some(s) = body_start.take() {
                    flush(s, lpos, &mut units);
                }
                let from = lpos + skip;
                let to = lpos + line.len();
                for s in sentences::split(&text[from..to], language) {
                    units.push(Unit {
                        text: s.text,
                        span: from + s.span.start..from + s.span.end,
                        kind: UnitKind::ListItem,
                        block: b,
                    });
                }
            } else if body_start.is_none() {
                body_start = Some(lpos);
            }
            lpos += line.len();
        }
        if let Some(s) = body_start {
            flush(s, be, &mut units);
        }
    }
    Input {
        title,
        language,
        units,
    }
}
