//! Placeholder: the lang benchmark is written with its stage.
fn main() {}
