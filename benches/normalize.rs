//! Placeholder: the normalize benchmark is written with its stage.
fn main() {}
