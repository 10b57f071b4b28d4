//! Every rule has a test with the text it is for and one with text it must
//! leave alone. The sentences are the author's own, not the dev data.

use super::*;
use proptest::prelude::*;

fn en(t: &str) -> Vec<&str> {
    split(t, Language::En).into_iter().map(|s| s.text).collect()
}

fn de(t: &str) -> Vec<&str> {
    split(t, Language::De).into_iter().map(|s| s.text).collect()
}

#[test]
fn plain_final_marks() {
    assert_eq!(
        en("The cat sat. The dog ran! Did it? Yes."),
        ["The cat sat.", "The dog ran!", "Did it?", "Yes."]
    );
    assert_eq!(en("The dog ran home"), ["The dog ran home"]);
}

#[test]
fn repeated_and_mixed_marks() {
    assert_eq!(
        en("Wow!!! Great. Really?! Sure."),
        ["Wow!!!", "Great.", "Really?!", "Sure."]
    );
    assert_eq!(en("Wait?! no way"), ["Wait?!", "no way"]);
}

#[test]
fn title_abbreviations() {
    assert_eq!(
        en("We met Dr. Who and Prof. Plum."),
        ["We met Dr. Who and Prof. Plum."]
    );
    assert_eq!(
        en("We met the doctor. Who else came?"),
        ["We met the doctor.", "Who else came?"]
    );
}

#[test]
fn general_abbreviations_need_a_sentence_starter() {
    assert_eq!(
        en("He moved to the U.K. It rained."),
        ["He moved to the U.K.", "It rained."]
    );
    assert_eq!(
        en("The U.K. Parliament voted."),
        ["The U.K. Parliament voted."]
    );
    assert_eq!(
        en("Apples, pears etc. The rest rotted."),
        ["Apples, pears etc.", "The rest rotted."]
    );
    assert_eq!(
        en("Apples, pears etc. and more."),
        ["Apples, pears etc. and more."]
    );
}

#[test]
fn inline_abbreviations() {
    assert_eq!(
        en("Bring fruit, e.g. Apples and pears."),
        ["Bring fruit, e.g. Apples and pears."]
    );
    assert_eq!(
        de("Obst, z. B. Äpfel, und bzw. Birnen."),
        ["Obst, z. B. Äpfel, und bzw. Birnen."]
    );
    assert_eq!(
        de("Obst, z.B. Äpfel. Die Birnen fehlen."),
        ["Obst, z.B. Äpfel.", "Die Birnen fehlen."]
    );
}

#[test]
fn number_abbreviations() {
    assert_eq!(
        en("See No. 7 and p. 12 of vol. 3 here."),
        ["See No. 7 and p. 12 of vol. 3 here."]
    );
    assert_eq!(
        de("Er wohnt in der Goethestr. 12 in Jena."),
        ["Er wohnt in der Goethestr. 12 in Jena."]
    );
    assert_eq!(
        de("Siehe S. 4, Nr. 7 und ca. 20 weitere."),
        ["Siehe S. 4, Nr. 7 und ca. 20 weitere."]
    );
    assert_eq!(
        en("She said no. The talks ended."),
        ["She said no.", "The talks ended."]
    );
}

#[test]
fn time_abbreviations() {
    assert_eq!(
        en("We left at 7 p.m. Guests stayed."),
        ["We left at 7 p.m.", "Guests stayed."]
    );
    assert_eq!(
        en("We left at 7 p.m. on Monday."),
        ["We left at 7 p.m. on Monday."]
    );
}

#[test]
fn dotted_letters() {
    assert_eq!(
        en("Ask the U.N. She knows."),
        ["Ask the U.N.", "She knows."]
    );
    assert_eq!(
        en("He holds a Ph.D. in chemistry and an M.Sc. degree."),
        ["He holds a Ph.D. in chemistry and an M.Sc. degree."]
    );
}

#[test]
fn initials() {
    assert_eq!(
        en("I read J. R. R. Tolkien today."),
        ["I read J. R. R. Tolkien today."]
    );
    assert_eq!(
        en("It was me and I. Then we left."),
        ["It was me and I.", "Then we left."]
    );
}

#[test]
fn german_ordinals_and_dates() {
    assert_eq!(
        de("Er kam am 3. Oktober 2019 an."),
        ["Er kam am 3. Oktober 2019 an."]
    );
    assert_eq!(
        de("Das war im 19. Jahrhundert so."),
        ["Das war im 19. Jahrhundert so."]
    );
    assert_eq!(
        de("Nach dem 2. Weltkrieg kam der 1. Mai."),
        ["Nach dem 2. Weltkrieg kam der 1. Mai."]
    );
    assert_eq!(
        de("Er wurde im Rennen 3. Danach fuhr er heim."),
        ["Er wurde im Rennen 3.", "Danach fuhr er heim."]
    );
    assert_eq!(
        de("Das geschah 1990. Dann kam die Wende."),
        ["Das geschah 1990.", "Dann kam die Wende."]
    );
}

#[test]
fn german_sentence_may_start_with_a_year() {
    assert_eq!(
        de("Die Firma wuchs. 1992 kam der Umzug."),
        ["Die Firma wuchs.", "1992 kam der Umzug."]
    );
    assert_eq!(
        de("Sie ist ca. 1992 umgezogen."),
        ["Sie ist ca. 1992 umgezogen."]
    );
}

#[test]
fn numbers_decimals_versions_money() {
    assert_eq!(
        en("Pay $12.50 for v2.0.1 at 3.5% now. Then go."),
        ["Pay $12.50 for v2.0.1 at 3.5% now.", "Then go."]
    );
    assert_eq!(
        de("Es kostet 1.250,50 Euro. Das ist viel."),
        ["Es kostet 1.250,50 Euro.", "Das ist viel."]
    );
    assert_eq!(
        en("It costs $12. Then it costs more."),
        ["It costs $12.", "Then it costs more."]
    );
}

#[test]
fn ellipses() {
    assert_eq!(
        en("He paused... Then he spoke."),
        ["He paused...", "Then he spoke."]
    );
    assert_eq!(en("He paused… and spoke."), ["He paused… and spoke."]);
    assert_eq!(
        en("The text . . . I quote . . . goes on."),
        ["The text . . . I quote . . . goes on."]
    );
    assert_eq!(
        en("It ended . . . . New text starts."),
        ["It ended . . . .", "New text starts."]
    );
    assert_eq!(
        en("It ended. . . . New text starts."),
        ["It ended.", ". . . New text starts."]
    );
    assert_eq!(en("It ended . . ."), ["It ended . . ."]);
}

#[test]
fn closing_quotes_and_brackets() {
    assert_eq!(
        de("„Komm jetzt!“ Sie ging."),
        ["„Komm jetzt!“", "Sie ging."]
    );
    assert_eq!(
        de("»Komm jetzt.« Sie ging."),
        ["»Komm jetzt.«", "Sie ging."]
    );
    assert_eq!(
        en("“Come now.” She went. (It rained.) Then"),
        ["“Come now.”", "She went.", "(It rained.)", "Then"]
    );
    assert_eq!(en("“Come now.” she said."), ["“Come now.” she said."]);
}

#[test]
fn embedded_quotes_and_brackets_are_not_split() {
    assert_eq!(
        en("He cried, \"Run! Now!\" and left."),
        ["He cried, \"Run! Now!\" and left."]
    );
    assert_eq!(
        en("He works (He said so. Twice.) at home."),
        ["He works (He said so. Twice.) at home."]
    );
    assert_eq!(
        en("He left. \"Run! Now!\" It was late."),
        ["He left.", "\"Run!", "Now!\"", "It was late."]
    );
}

#[test]
fn urls_and_email() {
    assert_eq!(
        en("Visit www.example.com/a.html. Mail jo.doe@mail.example.org. Bye."),
        [
            "Visit www.example.com/a.html.",
            "Mail jo.doe@mail.example.org.",
            "Bye."
        ]
    );
    assert_eq!(
        en("Visit www.example.com today."),
        ["Visit www.example.com today."]
    );
}

#[test]
fn lowercase_after_a_plain_word_is_web_text() {
    assert_eq!(
        en("great food. nice staff."),
        ["great food.", "nice staff."]
    );
    assert_eq!(en("great food . nice staff."), ["great food . nice staff."]);
}

#[test]
fn speech_after_bang_and_names_with_bangs() {
    assert_eq!(en("Stop that! she yelled."), ["Stop that! she yelled."]);
    assert_eq!(
        en("He works for Yahoo! in Ohio."),
        ["He works for Yahoo! in Ohio."]
    );
    assert_eq!(en("Stop that! then go."), ["Stop that!", "then go."]);
}

#[test]
fn emoji_and_emoticons() {
    assert_eq!(
        en("Loved it :) We return soon."),
        ["Loved it :)", "We return soon."]
    );
    assert_eq!(
        en("Loved it! 😀 We return soon."),
        ["Loved it! 😀", "We return soon."]
    );
    assert_eq!(en("I ❤ New York."), ["I ❤ New York."]);
}

#[test]
fn inline_lists() {
    assert_eq!(
        en("Steps: 1. Open it 2. Close it"),
        ["Steps:", "1. Open it", "2. Close it"]
    );
    assert_eq!(
        en("x) one y) two z) three"),
        ["x) one", "y) two", "z) three"]
    );
    assert_eq!(en("• Apples • Pears"), ["• Apples", "• Pears"]);
    assert_eq!(
        en("Chapter 1. Then chapter 3. Ends."),
        ["Chapter 1.", "Then chapter 3.", "Ends."]
    );
    assert_eq!(
        de("Am 1. Januar und am 2. Februar."),
        ["Am 1. Januar und am 2. Februar."]
    );
}

#[test]
fn footnote_numbers() {
    assert_eq!(
        en("It is known.12 13 Next comes more."),
        ["It is known.12 13", "Next comes more."]
    );
    assert_eq!(
        en("Version 1.12 Beta is out."),
        ["Version 1.12 Beta is out."]
    );
}

#[test]
fn broken_off_speech() {
    assert_eq!(
        en("\"We tried to--\" Then the line went dead."),
        ["\"We tried to--\"", "Then the line went dead."]
    );
    assert_eq!(
        en("\"We tried to--\" and then stopped."),
        ["\"We tried to--\" and then stopped."]
    );
}

#[test]
fn east_asian_full_stops() {
    assert_eq!(
        split("你好。我很好。", Language::Zh)
            .iter()
            .map(|s| s.text)
            .collect::<Vec<_>>(),
        ["你好。", "我很好。"]
    );
}

#[test]
fn blocks_and_line_breaks() {
    assert_eq!(
        en("Heading\nBody text here."),
        ["Heading", "Body text here."]
    );
    assert_eq!(en("A wrapped \nline."), ["A wrapped \nline."]);
    assert_eq!(en("Title\n\nBody"), ["Title", "Body"]);
    let s = Splitter::builder()
        .line_breaks(LineBreaks::BlankLines)
        .build();
    assert_eq!(
        s.split("one\ntwo\n\nthree")
            .iter()
            .map(|s| s.text)
            .collect::<Vec<_>>(),
        ["one\ntwo", "three"]
    );
    let s = Splitter::builder().line_breaks(LineBreaks::Always).build();
    assert_eq!(s.split("A wrapped \nline.").len(), 2);
}

#[test]
fn no_punctuation_at_all() {
    assert_eq!(
        en("just some words without any marks"),
        ["just some words without any marks"]
    );
    assert!(en("").is_empty());
    assert!(en(" \n\t ").is_empty());
}

#[test]
fn many_abbreviations_are_fast() {
    let text = "Dr. ".repeat(100_000);
    let t = std::time::Instant::now();
    let s = split(&text, Language::En);
    assert_eq!(s.len(), 1);
    assert!(t.elapsed().as_secs() < 5);
    let text = "a. ".repeat(50_000) + &"(\"„ ".repeat(50_000) + &". ".repeat(50_000);
    let t = std::time::Instant::now();
    let _ = split(&text, Language::De);
    assert!(t.elapsed().as_secs() < 5);
}

/// A segment is read through a window of a few words, whatever its length:
/// the splitter holds at most the current word, the one before it and
/// [`rules::LOOK_AHEAD`] after it, and a few protected ranges; the
/// look-ahead scans (next list marker, end of a run of dots) read each word
/// at most once more. Collecting a 50 MB line's words first took six times
/// its size in memory.
#[test]
fn a_long_segment_is_read_through_a_bounded_window() {
    let cases = [
        // Prose with brackets, quotes, an inline list and spaced dots.
        "The council voted (on Monday) to extend the “budget” until next year. \
         Critics said it was rushed; 1. a 2. b . . . The end… ",
        // A list that starts again and again, far from its next marker.
        "1. Some words of the first item and more words here ",
        // A period, three dots, then a long run of detached marks.
        "word. . . . ! ! ? ! ! ? ! ! ",
        "“(„«\"[{ He said the end. ",
        "Dr. ",
        "政府批准了新的预算。市民将支付更多费用！東京で会議が開かれた。",
    ];
    for unit in cases {
        for (lang, reps) in [(Language::En, 20), (Language::De, 20_000)] {
            let text = unit.repeat(reps);
            let (sentences, stats) = Splitter::new(lang).split_counted(&text);
            assert!(!sentences.is_empty());
            assert!(
                stats.words >= text.split_whitespace().count(),
                "{unit:?}: every word is read"
            );
            assert!(
                stats.max_window <= rules::LOOK_AHEAD + 2,
                "{unit:?} × {reps}: {} words held",
                stats.max_window
            );
            assert!(stats.max_protected <= 16, "{unit:?}: {stats:?}");
            assert!(
                stats.rescanned <= stats.words,
                "{unit:?} × {reps}: {} words read again for {}",
                stats.rescanned,
                stats.words
            );
        }
    }
    // A list marker far from the next one: the scan stops there.
    let text = format!("{}1. {}2. x", "x ".repeat(10), "long ".repeat(100_000));
    let (_, stats) = Splitter::new(Language::En).split_counted(&text);
    assert!(stats.rescanned <= stats.words && stats.max_window <= rules::LOOK_AHEAD + 2);
}

#[test]
fn auto_traits() {
    fn ok<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    ok::<Sentence<'static>>();
    ok::<Splitter>();
    ok::<Config>();
    ok::<Builder>();
    ok::<LineBreaks>();
}

fn check_cover(text: &str, lang: Language) -> Result<(), TestCaseError> {
    let s = split(text, lang);
    let mut at = 0;
    for x in &s {
        prop_assert!(x.span.start >= at, "out of order");
        prop_assert_eq!(&text[x.span.clone()], x.text);
        prop_assert!(!x.text.is_empty());
        prop_assert_eq!(x.text.trim(), x.text);
        prop_assert!(
            text[at..x.span.start].chars().all(char::is_whitespace),
            "gap not whitespace"
        );
        at = x.span.end;
    }
    prop_assert!(text[at..].chars().all(char::is_whitespace));
    Ok(())
}

proptest! {
    #[test]
    fn sentences_cover_the_input(text in "[a-zA-Z0-9 .!?…\"“”„«»()\\[\\]'’‘\n\r•-]{0,120}") {
        check_cover(&text, Language::En)?;
        check_cover(&text, Language::De)?;
    }

    #[test]
    fn any_string_is_fine(text in "\\PC{0,80}") {
        check_cover(&text, Language::En)?;
        check_cover(&text, Language::De)?;
        check_cover(&text, Language::Ja)?;
    }

    #[test]
    fn deterministic(text in "[a-zA-Z .!?\n]{0,60}") {
        prop_assert_eq!(split(&text, Language::En), split(&text, Language::En));
    }

    /// Passing over runs of plain words changes no sentence: the words are
    /// mostly plain, with the marks, list markers, bullets, footnote
    /// numbers, emoticons and abbreviations that end a run among them.
    #[test]
    fn skipping_plain_runs_changes_nothing(
        words in prop::collection::vec(
            prop_oneof![
                8 => "[a-z]{1,9}",
                2 => "[a-zäöüß]{1,9}",
                1 => "[A-ZÄÖÜ][a-zäöüß]{0,6},?",
                2 => "[A-Z][a-z]{0,6}",
                1 => "[0-9]{1,4}",
                1 => "[a-z]{1,5}[,'’-][a-z]{0,4}",
                1 => prop::sample::select(vec![
                    "xD", "XD", "xDrive", "1.", "2.", "a)", "b)", "(i)", "(ii)", "iv.", "v.",
                    "•", "Dr.", "U.S.", "z. B.", "3.5", "...", ". . .", "said.", "end!", "why?",
                    "“Yes,”", "(see", "this)", "consultation.11", "12", "-", "—", ",", ",a", "a-",
                    "don’t", "x,", "„so“",
                ]).prop_map(String::from),
            ],
            0..60,
        ),
        seps in prop::collection::vec(
            prop::sample::select(vec![" ", " ", " ", " ", "  ", "\n", " \n"]),
            60,
        ),
    ) {
        let text: String =
            words.iter().zip(&seps).flat_map(|(w, s)| [w.as_str(), s]).collect();
        for lang in [Language::En, Language::De] {
            for lb in [LineBreaks::Auto, LineBreaks::Always] {
                let s = Splitter::builder().language(lang).line_breaks(lb).build();
                prop_assert_eq!(s.split(&text), s.split_unskipped(&text), "{:?}", text);
            }
        }
    }
}

/// The runs of plain words that are passed over, and the words that end
/// them, decided one by one.
#[test]
fn plain_runs_skipped_and_left_alone() {
    let cases = [
        // Long runs of plain words, with commas, apostrophes and hyphens inside.
        "the council voted on monday to extend the budget until next year and beyond, \
         they said it's a well-known don’t-care rule for 1,000 people. The end",
        // A list marker ends a run: the word before it is decided as usual.
        "these are the words of the first item of this list 1. and then 2. the next one",
        "these are the words of the first item of this list a) and then b) the next one",
        // A bullet, an emoticon, a footnote number and a comma after a space.
        "these are the words of a line and more words here • Second item of it",
        "this is so funny and it goes on and on and on xD Then it stops here",
        "this was said at the consultation.11 12 Take it and go on with more words",
        "these are the words of a line and more words here , and more words here",
        "words words words words words words words words words “quoted text here” and more",
        "Außenminister sagte für die Straße müßte man schön viel Geld ausgeben, über Jahre",
    ];
    for text in cases {
        for lang in [Language::En, Language::De] {
            let s = Splitter::new(lang);
            let (fast, stats) = s.split_counted(text);
            assert_eq!(fast, s.split_unskipped(text), "{text:?}");
            assert!(stats.skipped > 0, "{text:?}: a run is passed over");
        }
    }
    assert_eq!(
        en("this is so funny and it goes on and on and on xD Then it stops here"),
        [
            "this is so funny and it goes on and on and on xD",
            "Then it stops here"
        ]
    );
    assert_eq!(
        en("these are the words of the first item of this list 1. and then 2. the next one"),
        [
            "these are the words of the first item of this list",
            "1. and then",
            "2. the next one"
        ]
    );
}

/// Exact match on the golden dev files of ../shared/data/sbd, comparing
/// sentences without whitespace (see the report on inputs whose gold
/// sentences differ from the text in whitespace only).
#[test]
fn golden_dev_files() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/sbd");
    if !dir.exists() {
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("dev data missing at {}", dir.display());
        }
        eprintln!("skipping: no dev data at {}", dir.display());
        return;
    }
    for file in ["en.dev.jsonl", "de.dev.jsonl"] {
        let data = std::fs::read_to_string(dir.join(file)).expect("readable dev file");
        let mut failures = Vec::new();
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
            if v["verbatim"] == serde_json::Value::Bool(false) {
                continue;
            }
            let lang =
                Language::from_code(v["lang"].as_str().unwrap_or("en")).unwrap_or(Language::En);
            let squash = |s: &str| s.split_whitespace().collect::<String>();
            let pred: Vec<String> = split(v["text"].as_str().unwrap_or(""), lang)
                .iter()
                .map(|s| squash(s.text))
                .collect();
            let gold: Vec<String> = v["sentences"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str())
                        .map(squash)
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            if pred != gold {
                failures.push(v["id"].to_string());
            }
        }
        assert!(failures.is_empty(), "{file}: {failures:?}");
    }
}
