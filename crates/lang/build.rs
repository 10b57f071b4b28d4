//! Builds the n-gram table at compile time: parses `data/ngrams.tsv` (back-off
//! resolved, slots placed) with the code the crate's tests use,
//! `src/table_build.rs`, and writes the finished table to
//! `$OUT_DIR/ngrams.bin`, which `src/ngram.rs` includes and decodes on first
//! use.
#![forbid(unsafe_code)]

use std::path::PathBuf;

#[path = "src/table_build.rs"]
mod table_build;

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=src/table_build.rs");
    println!("cargo:rerun-if-changed=data/ngrams.tsv");
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("set by cargo"));
    let tsv = manifest.join("data/ngrams.tsv");
    let raw =
        std::fs::read_to_string(&tsv).unwrap_or_else(|e| panic!("reading {}: {e}", tsv.display()));
    let table = table_build::Table::parse(&raw);
    let blob = table.encode();
    // The crate decodes what is written here; check the round trip now
    // rather than at first use.
    assert!(
        table_build::Table::decode(&blob).is_some_and(|t| t == table),
        "the n-gram table does not survive encoding"
    );
    let path = out.join("ngrams.bin");
    std::fs::write(&path, blob).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
}
