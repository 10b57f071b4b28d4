//! Placeholder: the pipeline benchmark is written with its stage.
fn main() {}
