//! `lingua-dump CODE` prints the n-gram model of one language as
//! `ngram<TAB>ln P(last char | preceding chars)` lines, in key order.
//! Only `models/ngrams.fst` is read; lingua's test data is never touched.
use fst::Streamer;

fn main() {
    let code = std::env::args().nth(1).expect("usage: lingua-dump CODE");
    let dir = match code.as_str() {
        "en" => &lingua_english_language_model::ENGLISH_MODELS_DIRECTORY,
        "de" => &lingua_german_language_model::GERMAN_MODELS_DIRECTORY,
        "fr" => &lingua_french_language_model::FRENCH_MODELS_DIRECTORY,
        "nl" => &lingua_dutch_language_model::DUTCH_MODELS_DIRECTORY,
        "es" => &lingua_spanish_language_model::SPANISH_MODELS_DIRECTORY,
        "it" => &lingua_italian_language_model::ITALIAN_MODELS_DIRECTORY,
        "da" => &lingua_danish_language_model::DANISH_MODELS_DIRECTORY,
        "sv" => &lingua_swedish_language_model::SWEDISH_MODELS_DIRECTORY,
        "pt" => &lingua_portuguese_language_model::PORTUGUESE_MODELS_DIRECTORY,
        "nb" => &lingua_bokmal_language_model::BOKMAL_MODELS_DIRECTORY,
        "af" => &lingua_afrikaans_language_model::AFRIKAANS_MODELS_DIRECTORY,
        "ca" => &lingua_catalan_language_model::CATALAN_MODELS_DIRECTORY,
        other => panic!("no model for {other}"),
    };
    let file = dir.get_file("ngrams.fst").expect("ngrams.fst in the model crate");
    let map = fst::Map::new(file.contents().to_vec()).expect("a valid FST");
    let mut stream = map.stream();
    while let Some((key, value)) = stream.next() {
        println!("{}\t{}", String::from_utf8_lossy(key), f64::from_bits(value));
    }
}
