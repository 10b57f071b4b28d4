//! Placeholder: written with the reliability work (issue 11).
fn main() {}
