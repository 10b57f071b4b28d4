//! Placeholder: the split benchmark is written with its stage.
fn main() {}
