use proptest::prelude::*;

use super::*;

/// A small hand-made article: a lede, a paragraph that develops it, an
/// aside about something else, and a closing line.
const ARTICLE: &str = "River Town Opens New Bridge\n\n\
The new bridge over the river opened to traffic on Monday after three years of work. \
The bridge links the old town with the railway station.\n\n\
Engineers said the bridge can carry heavy trucks. \
Traffic on the old bridge fell by half on the first day, the council said. \
The council paid for the bridge with a loan.\n\n\
- Length: 240 metres\n\
- Cost: 30 million euros\n\n\
Meanwhile a bakery on Main Street won a prize for its bread. \
The baker thanked her customers.\n\n\
The mayor will visit the bridge on Friday.";

fn summarize(config: SummarizerConfig, text: &str) -> Summary {
    Summarizer::new(config)
        .unwrap()
        .summarize_text(text, Some("New bridge opens over the river"), Language::En)
        .unwrap()
}

fn texts(s: &Summary) -> Vec<&str> {
    s.sentences.iter().map(|x| x.text.as_str()).collect()
}

#[test]
fn every_method_summarizes_the_article() {
    for &m in Method::ALL {
        let s = summarize(SummarizerConfig::default().method(m), ARTICLE);
        assert_eq!(s.method, m);
        assert_eq!(s.sentences.len(), 3, "{m}");
        for sel in &s.sentences {
            assert_eq!(&ARTICLE[sel.span.clone()], sel.text, "{m}");
            assert!(
                !sel.text.starts_with("River Town"),
                "{m} picked the heading"
            );
            assert!(!sel.text.starts_with("Length"), "{m} picked a list item");
            assert!(sel.score.is_finite());
        }
        let idx: Vec<usize> = s.sentences.iter().map(|x| x.index).collect();
        assert!(
            idx.windows(2).all(|w| w[0] < w[1]),
            "{m}: not in document order"
        );
    }
}

#[test]
fn lead_takes_the_first_sentences() {
    let s = summarize(SummarizerConfig::default().method(Method::Lead), ARTICLE);
    assert_eq!(
        texts(&s),
        [
            "The new bridge over the river opened to traffic on Monday after three years of work.",
            "The bridge links the old town with the railway station.",
            "Engineers said the bridge can carry heavy trucks.",
        ]
    );
}

#[test]
fn centrality_methods_prefer_the_bridge_over_the_bakery() {
    // (Centroid is left out: with idf from the article's own sentences, the
    // many one-off words of the bakery sentence weigh as much as "bridge".)
    for m in [
        Method::TextRank,
        Method::LexRank,
        Method::Default,
        Method::Luhn,
    ] {
        let s = summarize(SummarizerConfig::default().method(m), ARTICLE);
        assert!(
            s.sentences
                .iter()
                .all(|x| !x.text.contains("bakery") && !x.text.contains("baker ")),
            "{m}: {:?}",
            texts(&s)
        );
    }
}

#[test]
fn sumbasic_avoids_repeating_itself() {
    let text = "Rain fell on the city. Rain fell on the city again. \
                The harbour closed because of the storm. Schools stayed open.";
    let m = Method::SumBasic;
    {
        let s = summarize(
            SummarizerConfig::default()
                .method(m)
                .budget(Budget::Sentences(2)),
            text,
        );
        let t = texts(&s);
        assert!(
            !(t.contains(&"Rain fell on the city.") && t.contains(&"Rain fell on the city again.")),
            "{m}: {t:?}"
        );
    }
}

#[test]
fn lexrank_continuous_and_thresholded_both_work() {
    for t in [None, Some(0.1), Some(0.3)] {
        let s = summarize(
            SummarizerConfig::default()
                .method(Method::LexRank)
                .lexrank_threshold(t),
            ARTICLE,
        );
        assert_eq!(s.sentences.len(), 3);
    }
}

#[test]
fn query_hint_changes_the_choice() {
    let base = SummarizerConfig::default().budget(Budget::Sentences(1));
    for m in [Method::Default, Method::TextRank, Method::Lead] {
        let plain = summarize(base.clone().method(m), ARTICLE);
        assert!(!plain.sentences[0].text.contains("bakery"), "{m}");
        let hinted = summarize(
            base.clone()
                .method(m)
                .query(Some("bakery, bread prize".into())),
            ARTICLE,
        );
        assert_eq!(
            hinted.sentences[0].text,
            "Meanwhile a bakery on Main Street won a prize for its bread.",
            "{m}"
        );
    }
}

#[test]
fn query_with_unknown_words_changes_nothing() {
    let base = SummarizerConfig::default();
    let a = summarize(base.clone(), ARTICLE);
    let b = summarize(base.query(Some("zeppelin".into())), ARTICLE);
    assert_eq!(texts(&a), texts(&b));
}

#[test]
fn mmr_drops_a_duplicate() {
    let text = "The dam broke after heavy rain in the valley. \
                The dam broke after heavy rain in the valley, officials said. \
                Villages downstream were evacuated overnight. \
                A football match was cancelled.";
    let base = SummarizerConfig::default()
        .method(Method::Centroid)
        .budget(Budget::Sentences(2));
    let without = summarize(base.clone(), text);
    assert!(
        texts(&without).iter().all(|t| t.starts_with("The dam")),
        "{:?}",
        texts(&without)
    );
    let with = summarize(base.mmr(Some(0.3)), text);
    assert_eq!(
        with.sentences
            .iter()
            .filter(|s| s.text.starts_with("The dam"))
            .count(),
        1
    );
}

#[test]
fn word_budget_is_respected() {
    for &m in Method::ALL {
        let s = summarize(
            SummarizerConfig::default()
                .method(m)
                .budget(Budget::Words(25)),
            ARTICLE,
        );
        let words: usize = s
            .sentences
            .iter()
            .map(|x| nutgraf_text::tokens::words(&x.text).len())
            .sum();
        assert!(words <= 25, "{m}: {words}");
        assert!(!s.sentences.is_empty(), "{m}");
    }
}

#[test]
fn ratio_budget_rounds_up() {
    // 8 body sentences; 0.3 · 8 = 2.4 → 3.
    let s = summarize(
        SummarizerConfig::default().budget(Budget::Ratio(0.3)),
        ARTICLE,
    );
    assert_eq!(s.sentences.len(), 3);
    let s = summarize(
        SummarizerConfig::default().budget(Budget::Ratio(1.0)),
        ARTICLE,
    );
    assert_eq!(s.sentences.len(), 8);
}

#[test]
fn score_order_is_best_first() {
    let s = summarize(
        SummarizerConfig::default()
            .method(Method::TextRank)
            .order(Order::Score),
        ARTICLE,
    );
    assert!(s.sentences.windows(2).all(|w| w[0].score >= w[1].score));
}

#[test]
fn non_body_units_only_when_asked() {
    let text = "Key facts\n\n- The bridge is long and the bridge is new and the bridge is big.\n\nA bridge.";
    let s = summarize(SummarizerConfig::default().method(Method::Lead), text);
    assert_eq!(texts(&s), ["A bridge."]);
    let s = summarize(
        SummarizerConfig::default()
            .method(Method::Lead)
            .include_non_body(true),
        text,
    );
    assert_eq!(s.sentences.len(), 3);
}

#[test]
fn invalid_settings_are_errors() {
    let bad = [
        SummarizerConfig::default().budget(Budget::Sentences(0)),
        SummarizerConfig::default().budget(Budget::Words(0)),
        SummarizerConfig::default().budget(Budget::Ratio(0.0)),
        SummarizerConfig::default().budget(Budget::Ratio(1.01)),
        SummarizerConfig::default().budget(Budget::Ratio(f64::NAN)),
        SummarizerConfig::default().mmr(Some(1.5)),
        SummarizerConfig::default().mmr(Some(-0.1)),
        SummarizerConfig::default().damping(1.0),
        SummarizerConfig::default().weights(DefaultWeights::default().title(f64::INFINITY)),
    ];
    for c in bad {
        assert!(matches!(Summarizer::new(c), Err(Error::InvalidConfig(_))));
    }
}

#[test]
fn too_many_units_is_an_error() {
    let s = Summarizer::new(SummarizerConfig::default().max_sentences(2)).unwrap();
    let err = s
        .summarize_text("One. Two. Three.", None, Language::En)
        .unwrap_err();
    assert_eq!(err, Error::InputTooLarge { units: 3, limit: 2 });
}

#[test]
fn empty_input_gives_an_empty_summary() {
    for &m in Method::ALL {
        let s = summarize(SummarizerConfig::default().method(m).key_terms(3), "");
        assert!(s.sentences.is_empty() && s.key_terms.is_empty());
    }
}

#[test]
fn key_terms_are_stemmed_multiword_with_spans() {
    let s = summarize(SummarizerConfig::default().key_terms(5), ARTICLE);
    assert_eq!(s.key_terms.len(), 5);
    assert!(
        s.key_terms[0].text.to_lowercase().contains("bridge"),
        "{:?}",
        s.key_terms
    );
    assert!(s.key_terms.windows(2).all(|w| w[0].score >= w[1].score));
    for k in &s.key_terms {
        for sp in &k.spans {
            let found = &ARTICLE[sp.clone()];
            assert_eq!(
                found.to_lowercase().split_whitespace().count(),
                k.text.split_whitespace().count()
            );
        }
    }
    let text = "Interest rates rose again. The rise in interest rates hurt buyers. \
                Buyers fear higher interest rates.";
    let s = summarize(SummarizerConfig::default().key_terms(1), text);
    assert_eq!(s.key_terms[0].text, "Interest rates");
    assert_eq!(s.key_terms[0].spans.len(), 3);
}

#[test]
fn german_compounds_meet_their_heads() {
    let an = prep::Analyzer::new(Language::De, true);
    let text = "Die Bundesregierung tagte. Die Regierung schwieg. Der Bund zahlte.";
    let input = text::parse(text, None, Language::De);
    let doc = prep::Doc::new(&input, &SummarizerConfig::default(), &an);
    // "Bundesregierung" carries the terms of "Regierung" and "Bund".
    assert!(doc.terms[0].contains(&doc.terms[1][0]));
    assert!(doc.terms[0].contains(&doc.terms[2][0]));
    let off = prep::Analyzer::new(Language::De, false);
    let doc = prep::Doc::new(&input, &SummarizerConfig::default(), &off);
    assert!(!doc.terms[0].contains(&doc.terms[1][0]));
    // A query for the head finds the compound.
    let s = Summarizer::new(
        SummarizerConfig::default()
            .budget(Budget::Sentences(1))
            .method(Method::Lead)
            .query(Some("Regierung".into())),
    )
    .unwrap()
    .summarize_text(
        "Der Bund zahlte viel. Die Bundesregierung tagte lange.",
        None,
        Language::De,
    )
    .unwrap();
    assert_eq!(s.sentences[0].text, "Die Bundesregierung tagte lange.");
}

#[test]
fn german_stemming_and_stop_words() {
    let an = prep::Analyzer::new(Language::De, true);
    assert_eq!(an.stem("Häuser"), "haus");
    assert!(an.is_stop("Und"));
}

#[test]
fn summarize_text_finds_headings_and_list_items() {
    let input = text::parse(
        "Title line\n\nFirst. Second.\n- item one\n* item two\n\nLast.",
        None,
        Language::En,
    );
    let kinds: Vec<UnitKind> = input.units.iter().map(|u| u.kind).collect();
    assert_eq!(
        kinds,
        [
            UnitKind::Heading,
            UnitKind::Body,
            UnitKind::Body,
            UnitKind::ListItem,
            UnitKind::ListItem,
            UnitKind::Body
        ]
    );
    let blocks: Vec<usize> = input.units.iter().map(|u| u.block).collect();
    assert_eq!(blocks, [0, 1, 1, 1, 1, 2]);
}

#[test]
fn method_names_round_trip() {
    for &m in Method::ALL {
        assert_eq!(m.name().parse::<Method>().unwrap(), m);
        assert_eq!(m.to_string(), m.name());
    }
    assert_eq!("KL-Sum".parse::<Method>().unwrap(), Method::KlSum);
    assert!("nope".parse::<Method>().is_err());
}

#[test]
fn graph_cap_and_large_inputs() {
    let mut text = String::new();
    for i in 0..5000 {
        text.push_str(&format!(
            "Sentence number {} talks about topic {}. ",
            i,
            i % 37
        ));
    }
    for m in [
        Method::TextRank,
        Method::LexRank,
        Method::Default,
        Method::KlSum,
        Method::SumBasic,
    ] {
        let s = Summarizer::new(
            SummarizerConfig::default()
                .method(m)
                .graph_max_sentences(500),
        )
        .unwrap()
        .summarize_text(&text, None, Language::En)
        .unwrap();
        assert_eq!(s.sentences.len(), 3);
    }
}

#[test]
fn public_types_are_send_sync_unwind_safe() {
    fn check<T: Send + Sync + std::panic::UnwindSafe + std::panic::RefUnwindSafe>() {}
    check::<Summarizer>();
    check::<SummarizerConfig>();
    check::<Summary>();
    check::<Input<'static>>();
    check::<Error>();
}

#[cfg(feature = "serde")]
#[test]
fn config_round_trips_through_serde() {
    let c = SummarizerConfig::default()
        .method(Method::LexRank)
        .mmr(Some(0.6))
        .budget(Budget::Words(50));
    let json = serde_json::to_string(&c).unwrap();
    let back: SummarizerConfig = serde_json::from_str(&json).unwrap();
    assert_eq!(back, c);
}

fn arb_text() -> impl Strategy<Value = String> {
    let word = prop::sample::select(vec![
        "the",
        "bridge",
        "river",
        "Bank",
        "rates",
        "rose",
        "Regierung",
        "Bundesregierung",
        "und",
        "a",
        "3.5",
        "Dr.",
        "!",
        "?",
        ".",
        ". ",
        "\n\n",
        "\n- ",
        "ü",
        "—",
        "\u{00A0}",
        "x",
        "Haus",
        "Häuser",
    ]);
    prop::collection::vec(word, 0..80).prop_map(|w| w.join(" "))
}

fn arb_config() -> impl Strategy<Value = SummarizerConfig> {
    (
        prop::sample::select(Method::ALL.to_vec()),
        prop_oneof![
            (1usize..6).prop_map(Budget::Sentences),
            (1usize..40).prop_map(Budget::Words),
            (0.05f64..=1.0).prop_map(Budget::Ratio),
        ],
        prop::option::of(0.0f64..=1.0),
        prop::option::of(prop::sample::select(vec![
            "bridge",
            "rates Regierung",
            "zzz",
        ])),
        any::<bool>(),
    )
        .prop_map(|(m, b, mmr, q, non_body)| {
            SummarizerConfig::default()
                .method(m)
                .budget(b)
                .mmr(mmr)
                .query(q.map(str::to_string))
                .include_non_body(non_body)
                .key_terms(3)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn selection_is_a_deterministic_subset_within_budget(
        text in arb_text(),
        config in arb_config(),
        de in any::<bool>(),
    ) {
        let lang = if de { Language::De } else { Language::En };
        let input = text::parse(&text, Some("bridge rates"), lang);
        let summarizer = Summarizer::new(config.clone()).unwrap();
        let a = summarizer.summarize(&input).unwrap();
        let b = summarizer.summarize(&input).unwrap();
        prop_assert_eq!(&a, &b);
        let candidates = input
            .units
            .iter()
            .filter(|u| config.include_non_body || u.kind == UnitKind::Body)
            .count();
        let max = match config.budget {
            Budget::Sentences(k) => k,
            Budget::Ratio(r) => (r * candidates as f64).ceil() as usize,
            Budget::Words(w) => {
                let words: usize = a.sentences.iter().map(|s| nutgraf_text::tokens::words(&s.text).len()).sum();
                prop_assert!(words <= w);
                w
            }
        };
        prop_assert!(a.sentences.len() <= max.min(candidates));
        for s in &a.sentences {
            let u = &input.units[s.index];
            prop_assert_eq!(u.text, s.text.as_str());
            prop_assert_eq!(&text[s.span.clone()], u.text);
            prop_assert!(config.include_non_body || u.kind == UnitKind::Body);
        }
        prop_assert!(a.sentences.windows(2).all(|w| w[0].index < w[1].index));
        for k in &a.key_terms {
            for sp in &k.spans {
                prop_assert!(text.get(sp.clone()).is_some());
            }
        }
    }
}

#[test]
fn default_avoids_a_lead_in_that_ends_with_a_colon() {
    // Leave-alone twin: the same sentence without the colon can be chosen.
    let body = |end: &str| {
        format!(
            "Harbour towns are testing tidal turbines this winter.\n\n\
             The turbines have several advantages for harbour towns{end}\n\n\
             Tidal turbines produce power on a schedule known years in advance.\n\n\
             Fishermen worry about cables on the fishing grounds near the turbines."
        )
    };
    let s = Summarizer::new(SummarizerConfig::default().budget(Budget::Sentences(3))).unwrap();
    let with_colon = s
        .summarize_text(
            &body(":"),
            Some("Harbour towns test tidal turbines"),
            Language::En,
        )
        .unwrap();
    assert!(
        with_colon.sentences.iter().all(|x| !x.text.ends_with(':')),
        "{:?}",
        with_colon.sentences
    );
    let plain = s
        .summarize_text(
            &body("."),
            Some("Harbour towns test tidal turbines"),
            Language::En,
        )
        .unwrap();
    assert!(
        plain
            .sentences
            .iter()
            .any(|x| x.text.starts_with("The turbines have")),
        "{:?}",
        plain.sentences
    );
}

/// Weights that reduce the default to a position prior (`1/(1+i)`), so a
/// test sees one feature at a time.
fn position_only() -> DefaultWeights {
    DefaultWeights::default()
        .position_decay(1.0)
        .lead_block(0.0)
        .centrality(0.0)
        .title(0.0)
        .title_cover(0.0)
        .length(0.0)
        .min_words(0)
        .quote_penalty(1.0)
        .question_penalty(1.0)
        .mmr_lambda(1.0)
}

fn pick(w: DefaultWeights, k: usize, text: &str, title: Option<&str>) -> Vec<String> {
    Summarizer::new(
        SummarizerConfig::default()
            .budget(Budget::Sentences(k))
            .weights(w),
    )
    .unwrap()
    .summarize_text(text, title, Language::En)
    .unwrap()
    .sentences
    .into_iter()
    .map(|s| s.text)
    .collect()
}

#[test]
fn quote_and_question_detectors() {
    use crate::prep::{is_question, is_quote};
    assert!(is_quote("\"We will win,\" the coach said."));
    assert!(is_quote("„Wir gewinnen“, sagte der Trainer."));
    assert!(is_quote("The coach said: \"We will win.\""));
    assert!(is_quote("« Nous gagnerons », a dit l'entraîneur."));
    assert!(!is_quote("The coach said the team would win."));
    assert!(!is_quote("The team's \"new\" coach arrived on Monday."));
    assert!(is_question("Will the team win?"));
    assert!(is_question("He asked: \"Will the team win?\""));
    assert!(!is_question("The team won."));
    assert!(!is_question("Who knows? The team won."));
}

const BUDGET_NEWS: &str = "The city council approved a new budget for schools on Monday.\n\n\
    SECOND\n\n\
    The budget adds ten million euros for repairs to school roofs.\n\n\
    Parents had protested against leaking classrooms for months.";

#[test]
fn default_quote_penalty_skips_direct_speech() {
    let quoted = BUDGET_NEWS.replace(
        "SECOND",
        "\"We will finally fix every classroom,\" the mayor said.",
    );
    let w = position_only().quote_penalty(0.3);
    let got = pick(w, 2, &quoted, None);
    assert!(got.iter().all(|s| !s.starts_with('"')), "{got:?}");
    // Leave-alone twin: the same statement as reported speech is kept.
    let reported = BUDGET_NEWS.replace(
        "SECOND",
        "The mayor said the city would finally fix every classroom.",
    );
    let got = pick(w, 2, &reported, None);
    assert!(got[1].starts_with("The mayor said"), "{got:?}");
    assert_eq!(got, pick(position_only(), 2, &reported, None));
}

#[test]
fn default_question_penalty_skips_questions() {
    let asked = BUDGET_NEWS.replace("SECOND", "Will the money be enough for every classroom?");
    let w = position_only().question_penalty(0.3);
    let got = pick(w, 2, &asked, None);
    assert!(got.iter().all(|s| !s.ends_with('?')), "{got:?}");
    // Leave-alone twin: the statement form is kept.
    let told = BUDGET_NEWS.replace("SECOND", "The money may not be enough for every classroom.");
    assert_eq!(
        pick(w, 2, &told, None),
        pick(position_only(), 2, &told, None)
    );
    assert!(pick(w, 2, &told, None)[1].starts_with("The money"));
}

#[test]
fn default_title_cover_prefers_the_sentence_that_restates_the_headline() {
    let text = BUDGET_NEWS.replace("SECOND", "The vote followed a long debate in the chamber.");
    let title = Some("Ten million euros for school roofs");
    let w = position_only().title_cover(2.0);
    let got = pick(w, 2, &text, title);
    assert!(got[1].contains("school roofs"), "{got:?}");
    assert!(pick(position_only(), 2, &text, title)[1].starts_with("The vote"));
    // Without a title the feature is silent.
    assert_eq!(
        pick(w, 2, &text, None),
        pick(position_only(), 2, &text, None)
    );
}

/// PageRank as it was first written: full rows, every source scattering
/// its share (the reference the faster routes must match bit for bit).
fn pagerank_reference(adj: &prep::Rows<(u32, f64)>, damping: f64) -> Vec<f64> {
    let n = adj.len();
    if n == 0 {
        return Vec::new();
    }
    let nf = n as f64;
    let sums: Vec<f64> = adj.iter().map(|r| r.iter().map(|(_, w)| w).sum()).collect();
    let mut p = vec![1.0 / nf; n];
    let mut next = vec![0.0; n];
    for _ in 0..200 {
        let mut dangling = 0.0;
        next.iter_mut().for_each(|x| *x = 0.0);
        for (i, row) in adj.iter().enumerate() {
            if sums[i] <= 0.0 {
                dangling += p[i];
                continue;
            }
            let share = p[i] / sums[i];
            for &(j, w) in row {
                next[j as usize] += share * w;
            }
        }
        let base = (1.0 - damping) / nf + damping * dangling / nf;
        let mut delta = 0.0;
        for i in 0..n {
            let v = base + damping * next[i];
            delta += (v - p[i]).abs();
            p[i] = v;
        }
        if delta < 1e-8 {
            break;
        }
    }
    p
}

/// All-pairs products as full rows, the way they were first computed:
/// row `i` adds its terms' products in term order.
fn products_reference(vecs: &[Vec<(u32, f64)>]) -> Vec<Vec<(u32, f64)>> {
    vecs.iter()
        .map(|a| {
            let mut row = Vec::new();
            for (j, b) in vecs.iter().enumerate() {
                let mut s = 0.0f64;
                let mut any = false;
                for &(t, x) in a {
                    if let Some(&(_, y)) = b.iter().find(|(u, _)| *u == t) {
                        s += x * y;
                        any = true;
                    }
                }
                if any {
                    row.push((j as u32, s));
                }
            }
            row
        })
        .collect()
}

fn arb_vectors() -> impl Strategy<Value = Vec<Vec<(u32, f64)>>> {
    prop::collection::vec(
        prop::collection::btree_map(0u32..12, 0.01f64..3.0, 0..6)
            .prop_map(|m| m.into_iter().collect::<Vec<_>>()),
        0..14,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// The upper triangle of the sparse products is the reference's, bit
    /// for bit, and the graphs built from it rank exactly as before.
    #[test]
    fn upper_products_and_pagerank_match_the_full_rows(vecs in arb_vectors()) {
        let full = products_reference(&vecs);
        let rows = prep::Rows::from_vecs(vecs.clone());
        let upper = prep::sparse_products(&rows, usize::MAX, 12, usize::MAX);
        prop_assert_eq!(upper.len(), full.len());
        for (i, row) in full.iter().enumerate() {
            let want: Vec<(u32, u64)> = row
                .iter()
                .filter(|(j, _)| *j as usize >= i)
                .map(|&(j, s)| (j, s.to_bits()))
                .collect();
            let got: Vec<(u32, u64)> = upper[i].iter().map(|&(j, s)| (j, s.to_bits())).collect();
            prop_assert_eq!(got, want);
            for &(j, s) in row {
                let mirror = full[j as usize].iter().find(|(k, _)| *k as usize == i);
                prop_assert_eq!(mirror.map(|m| m.1.to_bits()), Some(s.to_bits()));
            }
        }
        // A LexRank-like graph (self-loops kept) and a TextRank-like one
        // (none): the upper route, the symmetric check of `pagerank` and
        // the reference agree to the last bit.
        for keep_diagonal in [true, false] {
            let keep = |i: usize, j: u32| keep_diagonal || j as usize != i;
            let full_adj = prep::Rows::from_vecs(
                full.iter()
                    .enumerate()
                    .map(|(i, r)| r.iter().copied().filter(|&(j, _)| keep(i, j)).collect())
                    .collect(),
            );
            let upper_adj = prep::Rows::from_vecs(
                upper
                    .iter()
                    .enumerate()
                    .map(|(i, r)| r.iter().copied().filter(|&(j, _)| keep(i, j)).collect())
                    .collect(),
            );
            let want: Vec<u64> = pagerank_reference(&full_adj, 0.85).iter().map(|x| x.to_bits()).collect();
            let via_upper: Vec<u64> = methods::pagerank_upper(&upper_adj, 0.85).iter().map(|x| x.to_bits()).collect();
            let via_check: Vec<u64> = methods::pagerank(&full_adj, 0.85).iter().map(|x| x.to_bits()).collect();
            prop_assert_eq!(&via_upper, &want);
            prop_assert_eq!(&via_check, &want);
        }
    }
}

#[test]
fn pagerank_of_an_asymmetric_graph_takes_the_general_route() {
    let adj = prep::Rows::from_vecs(vec![
        vec![(1, 1.0), (2, 0.5)],
        vec![(2, 2.0)],
        vec![(0, 1.0)],
        vec![],
    ]);
    let want: Vec<u64> = pagerank_reference(&adj, 0.85)
        .iter()
        .map(|x| x.to_bits())
        .collect();
    let got: Vec<u64> = methods::pagerank(&adj, 0.85)
        .iter()
        .map(|x| x.to_bits())
        .collect();
    assert_eq!(got, want);
}

#[test]
fn link_cap_keeps_the_leading_sentences_whose_links_fit() {
    // A complete graph on 5 vertices (upper triangle, self-loops too):
    // the first m vertices share m (m - 1) / 2 links.
    let upper = prep::Rows::from_vecs(
        (0..5u32)
            .map(|i| (i..5).map(|j| (j, 1.0)).collect())
            .collect(),
    );
    for (cap, keep) in [(100, 5), (10, 5), (9, 4), (6, 4), (5, 3), (0, 1)] {
        let fit = methods::fit_links(upper.clone(), cap);
        assert_eq!(fit.len(), keep, "cap {cap}");
        assert!(fit.iter().flatten().all(|&(j, _)| (j as usize) < keep));
    }
    // TextRank on a long, repetitive text stays within the cap.
    let text =
        "The council approved the tram budget. Critics said the tram budget was late. ".repeat(200);
    let capped = Summarizer::new(
        SummarizerConfig::default()
            .method(Method::TextRank)
            .graph_max_links(1_000),
    )
    .unwrap()
    .summarize_text(&text, None, Language::En)
    .unwrap();
    assert_eq!(capped.sentences.len(), 3);
    // 400 sentences, all linked: the first 45 share 990 links, 46 would
    // share 1 035.
    assert!(capped.sentences.iter().all(|s| s.index < 45));
}

#[test]
fn form_keys_tell_words_apart() {
    let an = prep::Analyzer::new(Language::En, false).term_cache(true);
    let words = [
        "a",
        "ab",
        "abc",
        "abcdefg",
        "abcdefgh",
        "abcdefghi",
        "abcdefghijklmno",
        "abcdefghijklmnop",
        "abcdefghijklmnopqrstuvw",
        "abcdefghijklmnopqrstuvwx",
        "b",
        "ba",
        "running",
        "runner",
        "runs",
    ];
    let first: Vec<Option<u32>> =
        an.with_lexicon(|lex| words.iter().map(|w| lex.form(&an, w)).collect());
    // The same ids again from the (now warm) per-thread lexicon, and the
    // terms of a fresh analysis.
    let again: Vec<Option<u32>> =
        an.with_lexicon(|lex| words.iter().map(|w| lex.form(&an, w)).collect());
    assert_eq!(first, again);
    let terms: Vec<Option<String>> = words.iter().map(|w| an.term(w)).collect();
    for i in 0..words.len() {
        for j in 0..words.len() {
            if first[i].is_some() && first[i] == first[j] {
                assert_eq!(terms[i], terms[j], "{} and {}", words[i], words[j]);
            }
        }
    }
}
