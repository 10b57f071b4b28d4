//! Properties of the ROUGE scorer: no input panics, scores stay in [0, 1],
//! identical texts score 1, and the result does not change run to run.

use nutgraf_eval::rouge::{bootstrap, porter, RougeConfig, Scorer, Tokenizer};
use nutgraf_text::Language;
use proptest::prelude::*;

fn scorers() -> Vec<Scorer> {
    vec![
        Scorer::new(RougeConfig::default()),
        Scorer::new(RougeConfig::default().stemmer(true)),
        Scorer::new(RougeConfig::default().tokenizer(Tokenizer::Unicode {
            stem: Some(Language::De),
        })),
        Scorer::new(RougeConfig::default().tokenizer(Tokenizer::Uax29 {
            stem: Some(Language::En),
        })),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_input_scores_in_range(c in "\\PC{0,60}", r in "(\\PC|\n){0,60}") {
        for s in scorers() {
            let a = s.score(&c, &r);
            prop_assert_eq!(a, s.score(&c, &r));
            for sc in a.as_array() {
                for x in [sc.precision, sc.recall, sc.fmeasure] {
                    prop_assert!((0.0..=1.0).contains(&x));
                }
            }
        }
    }

    #[test]
    fn identical_texts_score_one(words in proptest::collection::vec("[a-z]{1,8}", 2..30)) {
        let t = words.join(" ");
        for s in scorers() {
            let a = s.score(&t, &t);
            for sc in a.as_array() {
                prop_assert!((sc.fmeasure - 1.0).abs() < 1e-12);
            }
        }
    }

    #[test]
    fn porter_never_panics(w in "\\PC{0,20}") {
        let _ = porter::stem(&w);
    }

    #[test]
    fn bootstrap_is_deterministic(seed in any::<u64>(), n in 0usize..20) {
        let s = Scorer::new(RougeConfig::default());
        let scores: Vec<_> = (0..n).map(|i| s.score(&"a b ".repeat(i), "a b c")).collect();
        let x = bootstrap::bootstrap(&scores, 50, seed);
        prop_assert_eq!(x, bootstrap::bootstrap(&scores, 50, seed));
        prop_assert!(x.rouge1.low.fmeasure <= x.rouge1.high.fmeasure);
    }
}
