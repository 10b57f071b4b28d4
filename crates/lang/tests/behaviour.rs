//! Behaviour of the detector on texts written for these tests.

use nutgraf_lang::{
    detect, Detection, Detector, DetectorBuilder, DocumentLanguage, Error, Language,
};
use proptest::prelude::*;

#[test]
fn public_types_are_send_sync_unwind_safe() {
    fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    check::<Detector>();
    check::<DetectorBuilder>();
    check::<Detection>();
    check::<DocumentLanguage>();
    check::<Error>();
}

#[test]
fn german_with_english_terms_stays_german() {
    let d =
        detect("Viele Start-ups suchen Know-how im Bereich Cloud Computing und Machine Learning.");
    assert_eq!(d.language(), Language::De);
    let d = detect("Die Big-Tech-Unternehmen investieren Milliarden in KI-Start-ups.");
    assert_eq!(d.language(), Language::De);
}

#[test]
fn english_with_emoji_and_labels_stays_english() {
    let d = detect("🧠 AI ⚪ Neutral — Importance 7/10: the alliance aims to reduce dependence on Western platforms");
    assert_eq!(d.language(), Language::En);
}

#[test]
fn english_with_a_german_quote_stays_english() {
    let d = detect("The chancellor told reporters \"Wir schaffen das\" before the summit, and analysts in London said the remark was aimed at voters at home.");
    assert_eq!(d.language(), Language::En);
}

#[test]
fn short_headlines_and_pairs() {
    assert_eq!(
        detect("Regierung beschließt Haushalt").language(),
        Language::De
    );
    assert_eq!(
        detect("Government approves budget").language(),
        Language::En
    );
    assert_eq!(detect("schnelle Entscheidung").language(), Language::De);
    assert_eq!(detect("rising prices").language(), Language::En);
}

#[test]
fn other_languages_are_not_called_english_or_german() {
    for (text, lang) in [
        (
            "Le gouvernement a annoncé une nouvelle réforme des retraites.",
            Language::Fr,
        ),
        (
            "De regering heeft vandaag een nieuw plan voorgesteld.",
            Language::Nl,
        ),
        (
            "El gobierno anunció ayer un nuevo plan económico.",
            Language::Es,
        ),
        (
            "Il governo ha presentato oggi una nuova legge.",
            Language::It,
        ),
        (
            "Regeringen fremlagde i dag en ny plan for økonomien.",
            Language::Da,
        ),
        (
            "Regeringen presenterade i dag en ny plan för ekonomin.",
            Language::Sv,
        ),
    ] {
        assert_eq!(detect(text).language(), lang, "{text}");
    }
}

#[test]
fn languages_outside_the_ngram_model_go_to_whatlang() {
    let pl = "Wczoraj wieczorem prezydent spotkał się z przedstawicielami związków zawodowych w Warszawie.";
    assert_eq!(detect(pl).language(), Language::Pl);
    let ru = "Вчера вечером президент встретился с представителями профсоюзов в Москве.";
    assert_eq!(detect(ru).language(), Language::Ru);
}

#[test]
fn long_paragraphs_outside_the_ngram_model_go_to_whatlang() {
    // Scoring stops early on long blocks; the fallback must still see
    // enough text.
    let pl = "Wczoraj wieczorem prezydent spotkał się z przedstawicielami związków zawodowych w Warszawie. \
              Rozmowy dotyczyły przede wszystkim podwyżek płac w sektorze publicznym oraz reformy systemu emerytalnego. \
              Po spotkaniu przedstawiciele związków powiedzieli dziennikarzom, że są umiarkowanie zadowoleni z wyników rozmów, \
              ale zapowiedzieli, że jeśli rząd nie spełni ich postulatów do końca miesiąca, zorganizują ogólnopolski strajk.";
    assert_eq!(detect(pl).language(), Language::Pl);
    let fi = "Eilen illalla presidentti tapasi ammattiliittojen edustajia Helsingissä ja keskusteli heidän kanssaan palkoista. \
              Neuvottelut koskivat ennen kaikkea julkisen sektorin palkankorotuksia sekä eläkejärjestelmän uudistusta. \
              Tapaamisen jälkeen ammattiliittojen edustajat kertoivat toimittajille olevansa kohtalaisen tyytyväisiä tuloksiin, \
              mutta he ilmoittivat järjestävänsä lakon, jos hallitus ei täytä heidän vaatimuksiaan kuun loppuun mennessä.";
    assert_eq!(detect(fi).language(), Language::Fi);
}

#[test]
fn nothing_to_say_is_und() {
    for t in [
        "",
        "   ",
        "12:30 - 4.5 %",
        "🙂🙂",
        "https://example.com/a/b",
    ] {
        let d = detect(t);
        assert_eq!(d.language(), Language::Und, "{t:?}");
        assert!(!d.is_reliable());
    }
}

#[test]
fn allow_list_restricts_the_answer() {
    let d = Detector::builder()
        .allow(&[Language::En, Language::De])
        .build()
        .unwrap();
    let l = d
        .detect("Le gouvernement a annoncé une réforme.")
        .language();
    assert!(l == Language::En || l == Language::De || l == Language::Und);
    let only_fr = Detector::builder().allow(&[Language::Fr]).build().unwrap();
    assert_eq!(only_fr.detect("the house is red").language(), Language::Fr);
    let only_ru = Detector::builder().allow(&[Language::Ru]).build().unwrap();
    assert_eq!(only_ru.detect("Привет, как дела?").language(), Language::Ru);
}

#[test]
fn bad_settings_are_errors() {
    assert!(Detector::builder().allow(&[]).build().is_err());
    assert!(Detector::builder()
        .min_confidence(f64::NAN)
        .build()
        .is_err());
    assert!(Detector::builder().min_confidence(-0.1).build().is_err());
}

#[test]
fn min_confidence_turns_unsure_answers_into_und() {
    let strict = Detector::builder().min_confidence(0.99).build().unwrap();
    let d = strict.detect("data");
    assert_eq!(d.language(), Language::Und);
    let long = strict.detect(
        "The central bank raised interest rates again on Wednesday, citing persistent inflation.",
    );
    assert_eq!(long.language(), Language::En);
}

#[test]
fn documents_weight_blocks_by_length_and_report_mixes() {
    let det = Detector::new();
    let doc = det.detect_document(&[
        "Google Cloud",
        "Read more",
        "Die Koalition aus mehr als siebzig Unternehmen will die Dominanz der großen Technologiekonzerne brechen und setzt dabei auf offene Standards.",
    ]);
    assert_eq!(doc.language(), Language::De);
    assert!(doc.mixed().is_none());
    assert_eq!(doc.blocks().len(), 3);

    let doc = det.detect_document(&[
        "The coalition of more than seventy companies wants to break the dominance of the large technology groups.",
        "Die Koalition aus mehr als siebzig Unternehmen will die Dominanz der großen Technologiekonzerne brechen.",
    ]);
    let mixed = doc.mixed().expect("two languages at about half each");
    let langs: Vec<Language> = mixed.iter().map(|m| m.0).collect();
    assert!(langs.contains(&Language::En) && langs.contains(&Language::De));
    let sum: f64 = mixed.iter().map(|m| m.1).sum();
    assert!((sum - 1.0).abs() < 1e-9);
}

#[cfg(feature = "serde")]
#[test]
fn serializes_to_json() {
    let d = detect("Guten Morgen zusammen");
    let j = serde_json::to_value(d).unwrap();
    assert_eq!(j["language"], "de");
    assert!(j["confidence"].is_number());
    let doc = Detector::new().detect_document(&["Hello world, how are you today?"]);
    let j = serde_json::to_value(&doc).unwrap();
    assert_eq!(j["language"], "en");
    assert_eq!(j["blocks"].as_array().unwrap().len(), 1);
}

proptest! {
    #[test]
    fn never_panics_and_is_deterministic(s in "\\PC{0,300}") {
        let det = Detector::new();
        let a = det.detect(&s);
        let b = det.detect(&s);
        prop_assert_eq!(a, b);
        prop_assert!((0.0..=1.0).contains(&a.confidence()));
        let doc = det.detect_document(&[s.as_str(), "x", ""]);
        prop_assert!((0.0..=1.0).contains(&doc.confidence()));
    }

    #[test]
    fn latin_gibberish_is_bounded(s in "[a-zA-ZäöüßéèñøåÆ '\\-]{0,2000}") {
        let d = Detector::new().detect(&s);
        prop_assert!((0.0..=1.0).contains(&d.confidence()));
    }
}
