//! Placeholder: the summarize benchmark is written with its stage.
fn main() {}
