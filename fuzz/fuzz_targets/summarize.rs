//! text → Summarizer::summarize_text with fuzzed settings.
#![no_main]
use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use nutgraf_summarize::{Budget, Language, Method, Order, Summarizer, SummarizerConfig};

#[derive(Debug, Arbitrary)]
struct Case<'a> {
    method: u8,
    budget: u8,
    amount: u8,
    mmr: Option<u8>,
    score_order: bool,
    query: Option<&'a str>,
    key_terms: u8,
    german: bool,
    title: Option<&'a str>,
    text: &'a str,
}

fuzz_target!(|c: Case<'_>| {
    let method = Method::ALL[usize::from(c.method) % Method::ALL.len()];
    let amount = usize::from(c.amount);
    let budget = match c.budget % 3 {
        0 => Budget::Sentences(amount),
        1 => Budget::Words(amount),
        _ => Budget::Ratio(f64::from(c.amount) / 200.0),
    };
    let config = SummarizerConfig::default()
        .method(method)
        .budget(budget)
        .mmr(c.mmr.map(|m| f64::from(m) / 200.0))
        .order(if c.score_order {
            Order::Score
        } else {
            Order::Document
        })
        .query(c.query.map(str::to_string))
        .key_terms(usize::from(c.key_terms % 16));
    let Ok(s) = Summarizer::new(config) else {
        return;
    };
    let lang = if c.german { Language::De } else { Language::En };
    let Ok(sum) = s.summarize_text(c.text, c.title, lang) else {
        return;
    };
    if let Budget::Sentences(k) = budget {
        assert!(sum.sentences.len() <= k);
    }
    for sel in &sum.sentences {
        assert_eq!(c.text.get(sel.span.clone()), Some(sel.text.as_str()));
    }
    if !c.score_order {
        assert!(sum.sentences.windows(2).all(|w| w[0].index < w[1].index));
    }
});
