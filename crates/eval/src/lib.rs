//! # nutgraf-eval
//!
//! Measurement for researchers: ROUGE that gives the same numbers as
//! Google's `rouge-score` package (to 1e-9, proven by a committed fixture of
//! 1,334 pairs scored by `rouge-score` 0.1.2), bootstrap confidence
//! intervals, and one runner per nutgraf stage that scores it on a JSON Lines
//! data set.
//!
//! * [`rouge`]: ROUGE-1, ROUGE-2, ROUGE-L and ROUGE-Lsum; the `rouge-score`
//!   tokenizer (the default, with an optional port of its Porter stemmer) or a
//!   Unicode tokenizer for German and other languages;
//!   [`rouge::bootstrap`] for 95 % intervals of a mean and of a paired margin.
//! * [`runners`]: `split`, `lang`, `clean`, `repair`, `summarize`, `rouge` —
//!   each takes the cases and the system under test as a closure, so any
//!   system (nutgraf's or another) is scored the same way. The `nutgraf eval`
//!   command wires nutgraf's stages into them.
//! * [`data`]: reading JSON Lines with errors that name the file and line.
//!
//! ## Example
//! ```
//! use nutgraf_eval::rouge::{RougeConfig, Scorer};
//!
//! let scorer = Scorer::new(RougeConfig::default().stemmer(true));
//! let s = scorer.score("The cats were sitting.", "A cat sat.");
//! assert!(s.rouge1.fmeasure > 0.0);
//!
//! // The same scorer through a runner, on cases made in memory.
//! use nutgraf_eval::runners::rouge::{evaluate, RougeCase};
//! let cases: Vec<RougeCase> = serde_json::from_str(
//!     r#"[{"id": "1", "candidate": "the cat sat", "reference": "the cat sat"}]"#,
//! ).unwrap();
//! let out = evaluate(&cases, &scorer);
//! assert_eq!(out.last().unwrap().scores.rouge1.fmeasure, 1.0);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod data;
pub mod rouge;
pub mod runners;
