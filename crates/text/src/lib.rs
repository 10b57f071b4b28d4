//! # nutgraf-text
//!
//! The text layer every other nutgraf crate stands on:
//!
//! * [`normalize`]: decoding, mojibake repair, Unicode hygiene, with a log of
//!   every change so that spans in the normalized text map back to the input;
//! * [`sentences`]: language-aware sentence boundaries with byte spans;
//! * [`tokens`]: word tokens with spans, case folding, stop words and
//!   Snowball stemming — the features the cleaner and the summarizer share;
//! * [`Language`]: the ISO 639-1 language enum used across nutgraf.
//!
//! ## Example
//! ```
//! use nutgraf_text::{normalize::{normalize, NormalizeConfig}, sentences, Language};
//!
//! let page = "Dr. Smith arrived.\u{00A0}He   spoke.\r\n";
//! let norm = normalize(page, &NormalizeConfig::default());
//! let sents = sentences::split(norm.text(), Language::En);
//! let texts: Vec<&str> = sents.iter().map(|s| s.text).collect();
//! assert_eq!(texts, ["Dr. Smith arrived.", "He spoke."]);
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![deny(rustdoc::broken_intra_doc_links)]

mod language;
pub mod normalize;
pub mod sentences;
pub mod tokens;

pub use language::{Language, UnknownLanguage};
pub use sentences::Sentence;
pub use tokens::Token;
