//! Placeholder: the clean benchmark is written with its stage.
fn main() {}
