//! The Porter stemmer exactly as `rouge-score` calls it.
//!
//! `rouge-score` (0.1.2, `rouge_score/tokenizers.py`) builds
//! `nltk.stem.porter.PorterStemmer()` with no argument, which selects NLTK's
//! **`NLTK_EXTENSIONS`** mode, not `ORIGINAL_ALGORITHM`. This module is a
//! port of that mode of `nltk/stem/porter.py` (NLTK 3.10): Porter's 1980
//! algorithm plus NLTK's changes — a table of irregular forms (`skies` →
//! `sky`, `dying` → `die`, …), words of one or two characters left alone,
//! `ies`/`ied` on four-letter words kept as `ie`, `y` → `i` only after a
//! consonant, `alli` handled before `bli`, and the `fulli` and `logi` rules.
//!
//! The port is checked word by word against a list of about 26,000 words
//! stemmed by NLTK (`tests/data/porter_words.tsv`, made by
//! `tests/data/gen_rouge_fixture.py`).
//!
//! # Example
//! ```
//! use nutgraf_eval::rouge::porter;
//! assert_eq!(porter::stem("connections"), "connect");
//! assert_eq!(porter::stem("happy"), "happi");
//! assert_eq!(porter::stem("skies"), "sky"); // NLTK's irregular forms
//! assert_eq!(porter::stem("generalization"), "gener");
//! ```

/// Stems one word the way `nltk.stem.porter.PorterStemmer().stem(word)`
/// does (mode `NLTK_EXTENSIONS`, the word lowercased first).
///
/// Any string is accepted; `rouge-score` only passes tokens of `[a-z0-9]`
/// longer than three characters.
///
/// # Example
/// ```
/// use nutgraf_eval::rouge::porter::stem;
/// assert_eq!(stem("Running"), "run");
/// assert_eq!(stem("relational"), "relat");
/// assert_eq!(stem("dies"), "die");
/// assert_eq!(stem("is"), "is");
/// ```
pub fn stem(word: &str) -> String {
    let lower = word.to_lowercase();
    if let Some(irregular) = irregular(&lower) {
        return irregular.to_string();
    }
    if word.chars().count() <= 2 {
        return lower;
    }
    let mut w: Vec<char> = lower.chars().collect();
    w = step1a(w);
    w = step1b(w);
    w = step1c(w);
    w = step2(w);
    w = step3(w);
    w = step4(w);
    w = step5a(w);
    w = step5b(w);
    w.into_iter().collect()
}

/// NLTK's table of irregular forms (`PorterStemmer.pool`).
fn irregular(word: &str) -> Option<&'static str> {
    Some(match word {
        "sky" | "skies" => "sky",
        "dying" => "die",
        "lying" => "lie",
        "tying" => "tie",
        "news" => "news",
        "innings" | "inning" => "inning",
        "outings" | "outing" => "outing",
        "cannings" | "canning" => "canning",
        "howe" => "howe",
        "proceed" => "proceed",
        "exceed" => "exceed",
        "succeed" => "succeed",
        _ => return None,
    })
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// Consonant flags for every position: a `y` is a consonant at the start
/// of a word or after a vowel, a vowel after a consonant.
fn consonant_flags(w: &[char]) -> Vec<bool> {
    let mut flags: Vec<bool> = Vec::with_capacity(w.len());
    for (i, &c) in w.iter().enumerate() {
        let f = if is_vowel(c) {
            false
        } else if c == 'y' {
            i == 0 || !flags[i - 1]
        } else {
            true
        };
        flags.push(f);
    }
    flags
}

fn is_consonant(w: &[char], i: usize) -> bool {
    let c = w[i];
    if is_vowel(c) {
        return false;
    }
    if c == 'y' {
        // Walk back over the run of `y`s, flipping at each one.
        let mut j = i;
        let mut negate = false;
        while j > 0 && w[j] == 'y' {
            negate = !negate;
            j -= 1;
        }
        return is_vowel(w[j]) == negate;
    }
    true
}

/// Porter's *m*: the number of vowel→consonant transitions.
fn measure(stem: &[char]) -> usize {
    let flags = consonant_flags(stem);
    flags.windows(2).filter(|p| !p[0] && p[1]).count()
}

fn positive_measure(stem: &[char]) -> bool {
    measure(stem) > 0
}

fn contains_vowel(stem: &[char]) -> bool {
    consonant_flags(stem).iter().any(|&c| !c)
}

fn ends_double_consonant(w: &[char]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

fn ends_cvc(w: &[char]) -> bool {
    let n = w.len();
    (n >= 3
        && is_consonant(w, n - 3)
        && !is_consonant(w, n - 2)
        && is_consonant(w, n - 1)
        && !matches!(w[n - 1], 'w' | 'x' | 'y'))
        || (n == 2 && !is_consonant(w, 0) && is_consonant(w, 1))
}

fn ends_with(w: &[char], suffix: &str) -> bool {
    let n = suffix.chars().count();
    n <= w.len() && w[w.len() - n..].iter().copied().eq(suffix.chars())
}

fn strip(w: &[char], suffix: &str) -> Vec<char> {
    w[..w.len() - suffix.chars().count()].to_vec()
}

fn with(mut stem: Vec<char>, replacement: &str) -> Vec<char> {
    stem.extend(replacement.chars());
    stem
}

/// A rule's condition on the stem left after removing the suffix.
type Cond<'a> = Option<&'a dyn Fn(&[char]) -> bool>;

/// One suffix rule: `(suffix, replacement, condition)`. The suffix `"*d"`
/// means "ends in a double consonant" (and is also tried literally, as NLTK
/// does).
type Rule<'a> = (&'a str, String, Cond<'a>);

/// NLTK's `_apply_rule_list`: the first rule whose suffix matches decides;
/// if its condition fails the word is returned unchanged.
fn apply_rules(word: Vec<char>, rules: &[Rule<'_>]) -> Vec<char> {
    for (suffix, replacement, cond) in rules {
        if *suffix == "*d" && ends_double_consonant(&word) {
            let stem = word[..word.len() - 2].to_vec();
            return if cond.map_or(true, |c| c(&stem)) {
                with(stem, replacement)
            } else {
                word
            };
        }
        if ends_with(&word, suffix) {
            let stem = strip(&word, suffix);
            return if cond.map_or(true, |c| c(&stem)) {
                with(stem, replacement)
            } else {
                word
            };
        }
    }
    word
}

fn rules<'a>(list: &[(&'a str, &str, Cond<'a>)]) -> Vec<Rule<'a>> {
    list.iter()
        .map(|(s, r, c)| (*s, (*r).to_string(), *c))
        .collect()
}

fn step1a(w: Vec<char>) -> Vec<char> {
    if ends_with(&w, "ies") && w.len() == 4 {
        return with(strip(&w, "ies"), "ie");
    }
    apply_rules(
        w,
        &rules(&[
            ("sses", "ss", None),
            ("ies", "i", None),
            ("ss", "ss", None),
            ("s", "", None),
        ]),
    )
}

fn step1b(w: Vec<char>) -> Vec<char> {
    if ends_with(&w, "ied") {
        let repl = if w.len() == 4 { "ie" } else { "i" };
        return with(strip(&w, "ied"), repl);
    }
    if ends_with(&w, "eed") {
        let stem = strip(&w, "eed");
        return if measure(&stem) > 0 {
            with(stem, "ee")
        } else {
            w
        };
    }
    let mut intermediate = None;
    for suffix in ["ed", "ing"] {
        if ends_with(&w, suffix) {
            let s = strip(&w, suffix);
            if contains_vowel(&s) {
                intermediate = Some(s);
                break;
            }
        }
    }
    let Some(stem) = intermediate else {
        return w;
    };
    // A vowel was found, so the stem is not empty.
    let last = stem.last().copied().unwrap_or('\0');
    let not_lsz = move |_: &[char]| !matches!(last, 'l' | 's' | 'z');
    let cvc = |s: &[char]| measure(s) == 1 && ends_cvc(s);
    let list: Vec<Rule<'_>> = vec![
        ("at", "ate".into(), None),
        ("bl", "ble".into(), None),
        ("iz", "ize".into(), None),
        ("*d", last.to_string(), Some(&not_lsz)),
        ("", "e".into(), Some(&cvc)),
    ];
    apply_rules(stem, &list)
}

fn step1c(w: Vec<char>) -> Vec<char> {
    let cond = |s: &[char]| s.len() > 1 && is_consonant(s, s.len() - 1);
    apply_rules(w, &rules(&[("y", "i", Some(&cond))]))
}

fn step2(w: Vec<char>) -> Vec<char> {
    if ends_with(&w, "alli") && positive_measure(&strip(&w, "alli")) {
        return step2(with(strip(&w, "alli"), "al"));
    }
    let pm: Cond<'_> = Some(&positive_measure);
    let logi_stem = w[..w.len().saturating_sub(3)].to_vec();
    let logi = move |_: &[char]| positive_measure(&logi_stem);
    let list = rules(&[
        ("ational", "ate", pm),
        ("tional", "tion", pm),
        ("enci", "ence", pm),
        ("anci", "ance", pm),
        ("izer", "ize", pm),
        ("bli", "ble", pm),
        ("alli", "al", pm),
        ("entli", "ent", pm),
        ("eli", "e", pm),
        ("ousli", "ous", pm),
        ("ization", "ize", pm),
        ("ation", "ate", pm),
        ("ator", "ate", pm),
        ("alism", "al", pm),
        ("iveness", "ive", pm),
        ("fulness", "ful", pm),
        ("ousness", "ous", pm),
        ("aliti", "al", pm),
        ("iviti", "ive", pm),
        ("biliti", "ble", pm),
        ("fulli", "ful", pm),
        ("logi", "log", Some(&logi)),
    ]);
    apply_rules(w, &list)
}

fn step3(w: Vec<char>) -> Vec<char> {
    let pm: Cond<'_> = Some(&positive_measure);
    apply_rules(
        w,
        &rules(&[
            ("icate", "ic", pm),
            ("ative", "", pm),
            ("alize", "al", pm),
            ("iciti", "ic", pm),
            ("ical", "ic", pm),
            ("ful", "", pm),
            ("ness", "", pm),
        ]),
    )
}

fn step4(w: Vec<char>) -> Vec<char> {
    let gt1 = |s: &[char]| measure(s) > 1;
    let ion = |s: &[char]| measure(s) > 1 && matches!(s.last(), Some('s' | 't'));
    let m: Cond<'_> = Some(&gt1);
    apply_rules(
        w,
        &rules(&[
            ("al", "", m),
            ("ance", "", m),
            ("ence", "", m),
            ("er", "", m),
            ("ic", "", m),
            ("able", "", m),
            ("ible", "", m),
            ("ant", "", m),
            ("ement", "", m),
            ("ment", "", m),
            ("ent", "", m),
            ("ion", "", Some(&ion)),
            ("ou", "", m),
            ("ism", "", m),
            ("ate", "", m),
            ("iti", "", m),
            ("ous", "", m),
            ("ive", "", m),
            ("ize", "", m),
        ]),
    )
}

fn step5a(w: Vec<char>) -> Vec<char> {
    if ends_with(&w, "e") {
        let stem = strip(&w, "e");
        let m = measure(&stem);
        if m > 1 || (m == 1 && !ends_cvc(&stem)) {
            return stem;
        }
    }
    w
}

fn step5b(w: Vec<char>) -> Vec<char> {
    let minus_one = w[..w.len().saturating_sub(1)].to_vec();
    let cond = move |_: &[char]| measure(&minus_one) > 1;
    apply_rules(w, &rules(&[("ll", "l", Some(&cond))]))
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn paper_examples() {
        for (w, s) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("ties", "tie"),
            ("cats", "cat"),
            ("feed", "feed"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("sing", "sing"),
            ("hopping", "hop"),
            ("falling", "fall"),
            ("filing", "file"),
            ("controll", "control"),
            ("yyyy", "yyyi"),
            ("", ""),
        ] {
            assert_eq!(stem(w), s, "{w}");
        }
    }

    #[test]
    fn odd_input_does_not_panic() {
        for w in [
            "*d", "a*d", "x*ding", "ied", "ïed", "İİİİ", "logi", "ll", "e",
        ] {
            let _ = stem(w);
        }
    }
}
