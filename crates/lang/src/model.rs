//! The calibrated layer: a conditional logit over the modelled languages,
//! weights fitted by `scripts/fit_model.py` (`data/weights.txt`).

use std::sync::OnceLock;

use crate::features::Evidence;
use crate::ngram::{LANGS, N};
use nutgraf_text::Language;

/// Number of features per language (see `fit_model.py`).
const NFEAT: usize = 9;
static RAW: &str = include_str!("../data/weights.txt");

#[derive(Debug)]
pub(crate) struct Weights {
    w: [f64; NFEAT],
    b: [f64; N],
}

pub(crate) fn weights() -> &'static Weights {
    static W: OnceLock<Weights> = OnceLock::new();
    W.get_or_init(|| Weights::parse(RAW))
}

impl Weights {
    fn parse(raw: &str) -> Weights {
        let mut w = [0.0; NFEAT];
        w[1] = 1.0;
        let mut b = [0.0; N];
        for line in raw.lines() {
            let mut it = line.split_whitespace();
            match it.next() {
                Some("w") => {
                    for (slot, v) in w.iter_mut().zip(it) {
                        *slot = v.parse().unwrap_or(0.0);
                    }
                }
                Some("b") => {
                    let code = it.next().and_then(Language::from_code);
                    let v = it.next().and_then(|v| v.parse().ok()).unwrap_or(0.0);
                    if let Some(i) = code.and_then(|l| LANGS.iter().position(|&x| x == l)) {
                        b[i] = v;
                    }
                }
                _ => {}
            }
        }
        Weights { w, b }
    }

    /// The score of language `li` given the log-likelihoods (`ll`, of which
    /// `max` is the largest among the candidates), `letters` scored and the
    /// English/German evidence.
    pub(crate) fn score(&self, li: usize, ll: f64, max: f64, letters: usize, ev: &Evidence) -> f64 {
        let w = &self.w;
        let rel = ll - max;
        let mut s = w[0] * rel / letters.max(1) as f64 + w[1] * rel / 10.0 + self.b[li];
        match LANGS[li] {
            Language::En => {
                s += w[2] * ev.en_func + w[7] * ev.en_suffix + w[8] * ev.umlaut;
            }
            Language::De => {
                s += w[3] * ev.de_func
                    + w[4] * ev.umlaut
                    + w[5] * ev.cap_ratio
                    + w[6] * ev.de_suffix;
            }
            _ => {}
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_weights_parse() {
        let w = weights();
        assert!(
            w.w[1] > 0.0,
            "the total log-likelihood must count for something"
        );
        assert!(w.b.iter().all(|b| b.is_finite() && *b <= 0.0));
    }
}
