//! The splitter skips most words and bytes by fast paths; these tests pin the
//! cases those paths must still hand to the full rules (the text each path
//! is for) and the text they may skip (the text to leave alone).

use nutgraf_text::{sentences::split, Language};

fn en(t: &str) -> Vec<&str> {
    split(t, Language::En).into_iter().map(|s| s.text).collect()
}

#[test]
fn short_words_skip_the_rules() {
    // Words ending in a letter or digit without a final mark end nothing.
    assert_eq!(
        en("I saw a UFO in 2019 at 10 am"),
        ["I saw a UFO in 2019 at 10 am"]
    );
    assert_eq!(en("Go to AD Labs now"), ["Go to AD Labs now"]);
}

#[test]
fn emoticons_ending_in_letters_or_digits_still_end_sentences() {
    assert_eq!(en("Great game xD We won."), ["Great game xD", "We won."]);
    assert_eq!(en("Great game :-D We won."), ["Great game :-D", "We won."]);
    assert_eq!(
        en("Miss you <3 See you soon."),
        ["Miss you <3", "See you soon."]
    );
    // Not before a lowercase word.
    assert_eq!(en("Great game xD we won."), ["Great game xD we won."]);
}

#[test]
fn footnote_numbers_still_end_sentences() {
    assert_eq!(en("It is known.1 2 Next."), ["It is known.1 2", "Next."]);
    assert_eq!(en("It is 1 2 Next."), ["It is 1 2 Next."]);
}

#[test]
fn ascii_quotes_and_brackets_are_seen_by_the_byte_scan() {
    assert_eq!(
        en("He said \"Stop! Now!\" and left (see p. 5! It helps.) at once. Fine."),
        [
            "He said \"Stop! Now!\" and left (see p. 5! It helps.) at once.",
            "Fine."
        ]
    );
    assert_eq!(
        en("He said Stop! Now! and left."),
        ["He said Stop!", "Now!", "and left."]
    );
}

#[test]
fn long_ascii_lines_find_their_breaks() {
    let text =
        "A heading that is longer than eight bytes\nThe body starts here. It ends.\r\nLast line";
    assert_eq!(
        en(text),
        [
            "A heading that is longer than eight bytes",
            "The body starts here.",
            "It ends.",
            "Last line"
        ]
    );
}
