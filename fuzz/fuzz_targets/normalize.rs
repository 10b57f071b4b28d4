//! bytes → decode (strict and lossy) → normalize, with the span invariants.
#![no_main]
use libfuzzer_sys::fuzz_target;
use nutgraf_text::normalize::{decode, normalize, NormalizeConfig};

fuzz_target!(|data: &[u8]| {
    let strict = decode(data, false);
    let lossy = decode(data, true).expect("lossy decoding never fails");
    if let Ok(d) = &strict {
        assert_eq!(d.text, lossy.text);
    }
    let input = lossy.text.as_str();
    for config in [
        NormalizeConfig::default(),
        NormalizeConfig::none(),
        NormalizeConfig::default().straighten_quotes(true),
    ] {
        let n = normalize(input, &config);
        let mut at = 0;
        for c in n.changes() {
            assert!(c.original.start >= at && c.original.start <= c.original.end);
            assert!(
                input.is_char_boundary(c.original.start) && input.is_char_boundary(c.original.end)
            );
            at = c.original.end;
        }
        assert!(at <= input.len());
        let t = n.text();
        // Mapping a span is O(changes): check the first characters only, so the
        // target itself stays linear.
        for (i, ch) in t.char_indices().take(64) {
            let o = n.to_original(i..i + ch.len_utf8());
            assert!(o.start <= o.end && o.end <= input.len());
            assert!(input.is_char_boundary(o.start) && input.is_char_boundary(o.end));
        }
        if config == NormalizeConfig::none() {
            assert_eq!(t, input);
        }
    }
});
