//! ROUGE (written with issue 4).
