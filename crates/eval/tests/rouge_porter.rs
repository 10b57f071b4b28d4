//! The Porter stemmer port against NLTK, word by word:
//! `tests/data/porter_words.tsv` holds `word<TAB>stem` as produced by
//! `nltk.stem.porter.PorterStemmer()` (the stemmer `rouge-score` uses),
//! written by `tests/data/gen_rouge_fixture.py`.

use nutgraf_eval::rouge::porter;

#[test]
fn every_word_stems_like_nltk() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/porter_words.tsv");
    let text = std::fs::read_to_string(path).expect("word list present");
    let mut n = 0;
    let mut bad = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let (word, want) = line.split_once('\t').expect("word<TAB>stem");
        let got = porter::stem(word);
        if got != want {
            bad.push(format!("{word}: got {got}, want {want}"));
        }
        n += 1;
    }
    assert!(n >= 5000, "only {n} words");
    assert!(
        bad.is_empty(),
        "{} of {n} words differ:\n{}",
        bad.len(),
        bad[..bad.len().min(30)].join("\n")
    );
}
