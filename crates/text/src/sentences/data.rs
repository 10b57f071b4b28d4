//! Per-language word lists for the splitter, parsed once from the plain-text
//! files under `crates/text/data/sentences/`.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::Language;

/// How an abbreviation behaves before a capitalized word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// Titles and name parts: never end a sentence.
    Title,
    /// Never end a sentence.
    Inline,
    /// Usually before a number; ends a sentence before a sentence starter.
    Number,
    /// Ends a sentence before a sentence starter only.
    General,
    /// Ends a sentence before any capitalized word.
    Time,
}

/// A fast hash for short keys (the multiply-rotate hash of rustc's
/// `FxHasher`). The tables hold fixed word lists, so flooding them is no
/// concern; lookups are on the splitter's hot path.
#[derive(Debug, Default, Clone, Copy)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type Build = BuildHasherDefault<WordHasher>;

/// The lists of one language.
#[derive(Debug, Default)]
pub(crate) struct Lists {
    abbrev: HashMap<String, Class, Build>,
    speech: HashSet<String, Build>,
    month: HashSet<String, Build>,
    ordinal: HashSet<String, Build>,
    suffix: Vec<String>,
    /// Multi-part abbreviations written with spaces in the file ("z. b"),
    /// as their parts (`["z", "b"]`).
    spaced: Vec<Vec<String>>,
}

impl Lists {
    fn parse(src: &str) -> Lists {
        let mut lists = Lists::default();
        let mut section = "";
        for line in src.lines() {
            let line = line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = match name {
                    "title" | "inline" | "number" | "general" | "time" | "speech" | "month"
                    | "ordinal" | "suffix" => name,
                    _ => "",
                };
                continue;
            }
            let entry = line.trim_end_matches('.').to_lowercase();
            let class = match section {
                "title" => Class::Title,
                "inline" => Class::Inline,
                "number" => Class::Number,
                "general" => Class::General,
                "time" => Class::Time,
                "speech" => {
                    lists.speech.insert(entry);
                    continue;
                }
                "month" => {
                    lists.month.insert(entry);
                    continue;
                }
                "ordinal" => {
                    lists.ordinal.insert(entry);
                    continue;
                }
                "suffix" => {
                    lists.suffix.push(entry);
                    continue;
                }
                _ => continue,
            };
            if entry.contains(". ") {
                let parts: Vec<String> = entry.split(". ").map(str::to_string).collect();
                if parts
                    .iter()
                    .all(|p| !p.is_empty() && p.chars().all(char::is_alphabetic))
                    && !lists.spaced.contains(&parts)
                {
                    lists.spaced.push(parts);
                }
            }
            // The first section that names an entry wins.
            lists.abbrev.entry(entry).or_insert(class);
        }
        lists
    }

    /// The class of the (lowercased, period-less) abbreviation `key`.
    pub(crate) fn abbreviation(&self, key: &str) -> Option<Class> {
        self.abbrev.get(key).copied().or_else(|| {
            self.suffix
                .iter()
                .any(|s| key.len() > s.len() && key.ends_with(s.as_str()))
                .then_some(Class::Number)
        })
    }

    /// The multi-part abbreviations the file writes with spaces ("z. B."),
    /// each as its lowercase parts.
    pub(crate) fn spaced_abbreviations(&self) -> &[Vec<String>] {
        &self.spaced
    }

    /// `true` for a verb of saying ("said", "sagte").
    pub(crate) fn is_speech_verb(&self, word: &str) -> bool {
        self.speech.contains(word)
    }

    /// `true` for a word after which a number with a period is an ordinal
    /// (month names, "Jahrhundert" ...).
    pub(crate) fn is_ordinal_noun(&self, word: &str) -> bool {
        self.month.contains(word)
    }

    /// `true` for a word before a number that makes it an ordinal ("am", "im").
    pub(crate) fn is_ordinal_context(&self, word: &str) -> bool {
        self.ordinal.contains(word)
    }
}

const EN: &str = include_str!("../../data/sentences/en.txt");
const DE: &str = include_str!("../../data/sentences/de.txt");

/// The lists for `lang`: German for German, English for every other language.
pub(crate) fn lists(lang: Language) -> &'static Lists {
    static EN_LISTS: OnceLock<Lists> = OnceLock::new();
    static DE_LISTS: OnceLock<Lists> = OnceLock::new();
    match lang {
        Language::De => DE_LISTS.get_or_init(|| Lists::parse(DE)),
        _ => EN_LISTS.get_or_init(|| Lists::parse(EN)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_parse() {
        let en = lists(Language::En);
        assert_eq!(en.abbreviation("mr"), Some(Class::Title));
        assert_eq!(en.abbreviation("u.s"), Some(Class::General));
        assert_eq!(en.abbreviation("a.m"), Some(Class::Time));
        assert!(en.is_speech_verb("yelled"));
        let de = lists(Language::De);
        assert_eq!(de.abbreviation("z. b"), Some(Class::Inline));
        assert!(de.is_ordinal_noun("oktober"));
        assert!(de.is_ordinal_context("im"));
        assert_eq!(de.abbreviation("haus"), None);
        assert!(de
            .spaced_abbreviations()
            .contains(&vec!["z".into(), "b".into()]));
        assert!(de
            .spaced_abbreviations()
            .contains(&vec!["i".into(), "d".into(), "r".into()]));
    }
}
