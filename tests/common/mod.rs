//! Shared helpers for the end-to-end tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// The `shared/` folder beside the checkout (or `$NUTGRAF_SHARED`).
///
/// Under CI (`CI=true`) a missing folder fails the test loudly; elsewhere the
/// test is skipped with a printed reason.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("NUTGRAF_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    if dir.join("seeds").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{} is missing: CI needs ../shared (seeds and dev data) beside the checkout",
            dir.display()
        );
    }
    eprintln!(
        "skipping: {} not found (put nutgraf's shared/ folder beside the checkout or set NUTGRAF_SHARED)",
        dir.display()
    );
    None
}

/// The five seed pages, sorted by file name: (file name, text).
pub fn seeds() -> Option<Vec<(String, String)>> {
    let dir = shared_dir()?.join("seeds");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&p).unwrap())
        })
        .collect();
    out.sort();
    assert!(out.len() >= 5, "expected five seeds in {}", dir.display());
    Some(out)
}
