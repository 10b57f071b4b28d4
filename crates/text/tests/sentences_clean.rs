//! `sentences::clean_text`: each rule with the text it is for and text it
//! must leave alone.

use std::borrow::Cow;

use nutgraf_text::sentences::{clean_text, split};
use nutgraf_text::Language;

fn no_ws(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn untouched_text_is_borrowed() {
    for (s, lang) in [
        ("A plain sentence.", Language::En),
        ("Ich kann u.a. Spanisch sprechen.", Language::De),
        ("Das ist z. B. gut.", Language::De),
        ("", Language::En),
        ("  padded  ", Language::En),
    ] {
        assert!(matches!(clean_text(s, lang), Cow::Borrowed(_)), "{s:?}");
    }
}

#[test]
fn stacked_letters_are_joined() {
    assert_eq!(clean_text("S\nT\nO\nP", Language::En), "STOP");
    assert_eq!(clean_text("Ex\nIT\nS", Language::En), "ExITS");
    assert_eq!(
        clean_text("Go to the\nE\nX\nI\nT\nnow", Language::En),
        "Go to the EXIT now"
    );
}

#[test]
fn short_lines_that_are_not_a_stack_are_spaced() {
    // Two short lines are a weak sign: "I\nam" is two words.
    assert_eq!(clean_text("I\nam", Language::En), "I am");
    // Digits are not stacked letters.
    assert_eq!(clean_text("1\n2\n3", Language::En), "1 2 3");
    assert_eq!(clean_text("Go\nthere\nnow", Language::En), "Go there now");
}

#[test]
fn break_before_closing_punctuation_is_removed() {
    assert_eq!(
        clean_text("ask us for a quote\n.", Language::En),
        "ask us for a quote."
    );
    assert_eq!(
        clean_text("the old mill \n, they said", Language::En),
        "the old mill, they said"
    );
    assert_eq!(
        clean_text("about 3 mi \n( 4.8 km \n)", Language::En),
        "about 3 mi ( 4.8 km)"
    );
    assert_eq!(clean_text("Really\n?!", Language::En), "Really?!");
}

#[test]
fn break_before_a_word_starting_with_punctuation_is_a_space() {
    assert_eq!(
        clean_text("written in\n.NET today", Language::En),
        "written in .NET today"
    );
    assert_eq!(clean_text("see\n(below)", Language::En), "see (below)");
}

#[test]
fn other_line_breaks_become_one_space() {
    assert_eq!(
        clean_text("the river \n  ran dry", Language::En),
        "the river ran dry"
    );
    assert_eq!(
        clean_text("a long line\r\nwrapped", Language::En),
        "a long line wrapped"
    );
    assert_eq!(clean_text("x\u{2028}y", Language::En), "x y");
    // Spaces without a line break are not touched.
    assert_eq!(clean_text("a  b \n c", Language::En), "a  b c");
}

#[test]
fn edges_are_left_alone() {
    assert_eq!(clean_text("\n a\nb \n", Language::En), "\n a b \n");
}

#[test]
fn german_abbreviations_get_their_spaces_in_damaged_text() {
    assert_eq!(
        clean_text("Viele Vögel \n(z.B. Meisen) singen.", Language::De),
        "Viele Vögel (z. B. Meisen) singen."
    );
    assert_eq!(
        clean_text(
            "Das gilt\ni.d.R. und u.U. auch z.T. so, d.h. oft.",
            Language::De
        ),
        "Das gilt i. d. R. und u. U. auch z. T. so, d. h. oft."
    );
    // Partly spaced forms are completed; the text's case is kept.
    assert_eq!(
        clean_text("Z.B. so\nund i. d.R. auch", Language::De),
        "Z. B. so und i. d. R. auch"
    );
    assert_eq!(
        clean_text("im 5. Jh.\nv.Chr. erbaut", Language::De),
        "im 5. Jh. v. Chr. erbaut"
    );
}

#[test]
fn german_abbreviations_are_left_alone_elsewhere() {
    // No layout damage: the author's spelling stays.
    assert_eq!(
        clean_text("Ich kann u.a. Spanisch.", Language::De),
        "Ich kann u.a. Spanisch."
    );
    // Not an abbreviation of the list, or part of a longer token.
    for s in [
        "Die Datei\nz.Bsp.txt liegt da.",
        "Siehe\nwww.z.b.de dazu.",
        "Der Wert\nz.B ohne Punkt.",
        "Die U.S.A.\nsind groß.",
    ] {
        assert_eq!(clean_text(s, Language::De), s.replace('\n', " "), "{s:?}");
    }
    // English text keeps "e.g." and German forms alike.
    assert_eq!(
        clean_text("as in\nz.B. here", Language::En),
        "as in z.B. here"
    );
}

#[test]
fn only_whitespace_changes() {
    let texts = [
        "See our services or contact us for a quote\n.\n\n\nQuote Info\n",
        "\n\nS\nT\nO\nP\n \n/\n \nH\nA\nLT\n",
        "Viele \nVögel (z.B. Meisen) singen \nlaut und u.a. schön. Dann d.h.\nnicht.",
    ];
    for text in texts {
        for lang in [Language::En, Language::De] {
            for s in split(text, lang) {
                let c = clean_text(s.text, lang);
                assert_eq!(no_ws(&c), no_ws(s.text), "{:?}", s.text);
            }
        }
    }
}

#[test]
fn split_then_clean() {
    let text = "Call us for a quote\n. Quote Info\n\nS\nT\nO\nP\n \n/\n \nW\nA\nIT\n";
    let cleaned: Vec<String> = split(text, Language::En)
        .iter()
        .map(|s| clean_text(s.text, Language::En).into_owned())
        .collect();
    assert_eq!(
        cleaned,
        ["Call us for a quote.", "Quote Info", "STOP", "/", "WAIT"]
    );
}

#[test]
fn zum_teil_is_an_abbreviation_for_the_splitter() {
    let s = split("Das ist z. T. Unsinn und z.T. Absicht. Gut.", Language::De);
    assert_eq!(s.len(), 2, "{s:?}");
    // The data entry does not swallow a sentence end after a plain "T."
    let s = split("Er bekam die Note T. Dann ging er.", Language::De);
    assert_eq!(s.len(), 2, "{s:?}");
}
