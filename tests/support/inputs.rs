//! Adversarial input generators shared by `tests/adversarial.rs`,
//! `crates/cli/tests/adversarial.rs` and `benches/adversarial.rs`
//! (included with `#[path]`; not a test target of its own).
#![allow(dead_code)]

/// Deterministic pseudo-random bytes (xorshift64*).
pub fn random_bytes(n: usize, seed: u64) -> Vec<u8> {
    let mut x = seed | 1;
    (0..n)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect()
}

pub fn repeat_to(piece: &str, bytes: usize) -> String {
    piece.repeat(bytes.div_ceil(piece.len()).max(1))
}

/// One line of prose with no line break, about `bytes` long.
pub fn single_line(bytes: usize) -> String {
    repeat_to("The council voted on Monday to extend the budget until next year. Critics said it was rushed; ", bytes)
}

pub fn blank_lines(lines: usize) -> String {
    "\n".repeat(lines)
}

pub fn doctors(n: usize) -> String {
    "Dr. ".repeat(n)
}

pub fn long_word(bytes: usize) -> String {
    repeat_to("abcdefghijklmnopqrstuvwxyzäöüß", bytes)
}

pub fn punctuation(bytes: usize) -> String {
    repeat_to(".!?,;:…\"'()[]{}-–—«»„“”‹›*•/\\|#@&%", bytes)
}

pub fn nesting(depth: usize) -> String {
    let open = "([{“«\"'„‹";
    let close = "‹'\"»”}])";
    let mut s = String::new();
    for i in 0..depth {
        s.push_str(open);
        s.push_str(if i % 3 == 0 { "He said " } else { "" });
    }
    s.push_str("the end.");
    for _ in 0..depth {
        s.push_str(close);
    }
    s
}

pub fn combining_invisible_bidi(bytes: usize) -> String {
    repeat_to(
        "e\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306}a\u{0308}\u{200B}\u{200C}\u{200D}\u{2060}\u{FEFF}\u{00AD}\u{202E}word\u{202C}\u{2066}x\u{2069}\u{061C}. ",
        bytes,
    )
}

pub fn rtl_and_cjk(bytes: usize) -> String {
    repeat_to(
        "قال المجلس إن الميزانية ستمدد حتى العام المقبل. הממשלה אישרה את התקציב. 政府批准了新的预算。市民将支付更多费用！東京で会議が開かれた。",
        bytes,
    )
}
