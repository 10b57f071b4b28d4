//! HTML entities left over from scraping: `&amp;`, `&eacute;`, `&#8217;`,
//! `&#x2019;`. Only complete entities (with the `;`) are decoded.

use super::tables::HTML_ENTITIES;

/// Windows-1252 readings of the numeric references 128..=159, as browsers do.
const C1_AS_1252: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// One entity body after `&` at the start of `s`: (length including `;`, char).
fn entity_body(s: &str) -> Option<(usize, char)> {
    let semi = s.as_bytes().iter().take(12).position(|&b| b == b';')?;
    let body = &s[..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let v = if let Some(hex) = num.strip_prefix('x').or_else(|| num.strip_prefix('X')) {
            if hex.is_empty() || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                return None;
            }
            u32::from_str_radix(hex, 16).ok()?
        } else {
            if num.is_empty() || !num.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            num.parse::<u32>().ok()?
        };
        match v {
            0 => return None,
            0x80..=0x9F => C1_AS_1252[(v - 0x80) as usize],
            _ => char::from_u32(v)?,
        }
    } else if body == "apos" {
        '\''
    } else {
        let k = HTML_ENTITIES
            .binary_search_by(|(n, _)| (*n).cmp(body))
            .ok()?;
        HTML_ENTITIES[k].1
    };
    Some((semi + 1, c))
}

/// Decodes the entity at byte `at` of `s` (which holds `&`): the end of the
/// entity and its character. `&amp;amp;` (an entity escaped twice) decodes
/// all the way, so that decoding is idempotent.
pub(super) fn decode_entity(s: &str, at: usize) -> Option<(usize, char)> {
    let (len, mut c) = entity_body(&s[at + 1..])?;
    let mut end = at + 1 + len;
    while c == '&' {
        match entity_body(&s[end..]) {
            Some((l, d)) => {
                c = d;
                end += l;
            }
            None => break,
        }
    }
    Some((end, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities() {
        let d = |s: &str| decode_entity(s, 0);
        assert_eq!(d("&amp;"), Some((5, '&')));
        assert_eq!(d("&#8217;s"), Some((7, '’')));
        assert_eq!(d("&#x2019;"), Some((8, '’')));
        assert_eq!(d("&#150;"), Some((6, '–')));
        assert_eq!(d("&eacute;"), Some((8, 'é')));
        assert_eq!(d("&amp;lt;"), Some((8, '<')));
        assert_eq!(d("&apos;"), Some((6, '\'')));
        // Not entities: left alone.
        assert_eq!(d("& more"), None);
        assert_eq!(d("&copy"), None);
        assert_eq!(d("&nosuch;"), None);
        assert_eq!(d("&#0;"), None);
        assert_eq!(d("&#xD800;"), None);
        assert_eq!(d("&#99999999999;"), None);
        assert_eq!(d("&T;"), None);
    }
}
