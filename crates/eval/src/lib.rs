//! # nutgraf-eval
//!
//! ROUGE that gives the same numbers as Google's `rouge-score`, and dataset
//! runners that score every nutgraf stage on JSON Lines files.
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(missing_debug_implementations)]
#![deny(rustdoc::broken_intra_doc_links)]

pub mod data;
pub mod rouge;
pub mod runners;
