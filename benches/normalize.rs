//! Normalize benchmarks.
//!
//! Questions answered:
//! * `fix_encoding/clean_*`: how fast is the pre-check on text that needs no
//!   repair — English (ASCII-heavy), German (umlauts, typographic quotes),
//!   Greek, Russian (with "ё", whose letter pairs look like mojibake to the
//!   first scan)? Target: >= 500 MB/s.
//! * `fix_encoding/mangled_*`: how fast is the repair on German mangled
//!   through Windows-1252, and on a page where lines are mangled through the
//!   Greek code page as in seed 000 ("β†’", "πŸ€–")? Target: >= 50 MB/s.
//! * `normalize/default`: the full default pipeline (repair + hygiene) on a
//!   page with a mangled line.
//! * `random_bytes/*`: random bytes decoded lossily (issue 11's adversarial
//!   input), where every repair pass finds something to change: repair and
//!   the full pipeline must stay linear (the same MiB/s at both sizes).
//!
//! Every input is measured at about 100 KB and 1 MB (`…/100KB`, `…/1MB`),
//! and every result is a throughput (criterion prints MiB/s).
//!
//! Texts are written for this bench (no third-party corpus is needed to
//! measure throughput): sentences drawn from a few hundred words in a fixed
//! pseudo-random order, so that mangled runs meet varied neighbours instead
//! of one sentence repeated.
use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nutgraf_text::normalize::{decode, fix_encoding, normalize, NormalizeConfig};
use std::borrow::Cow;

/// The input sizes: about 100 KB and 1 MB.
const SIZES: [(usize, &str); 2] = [(100 << 10, "100KB"), (1 << 20, "1MB")];

const EN: &str = "the central bank kept its key rate unchanged on Thursday saying inflation had eased for a third month while wages kept rising analysts expected decision markets barely moved governor said we will stay vigilant café naïve résumé “quoted” – dash — em … ellipsis € 49 £30 government minister election vote parliament budget tax health school city council police court report week year people country world company business market price energy climate weather football team season";
const DE: &str = "die Bürgermeisterin erklärte am Donnerstag Straßenbahn werde ab März häufiger fahren „Wir müssen schneller werden“ sagte sie – und kündigte für Ärzte und Pflegekräfte günstigere Tickets an Größe Übermaß ÄRGER Öffnung Gebäude Brücke Flüchtlinge Wähler Gespräch Bundesländer Schüler Zuständigkeit Behörde natürlich außerdem später während Mönchengladbach Düsseldorf Köln München Zürich Führung Regierung über fünf Stück Jahrhundert Verkehrsminister Straße heißt";
const EL: &str = "Η Αθήνα και η Θεσσαλονίκη θα αποκτήσουν νέες γραμμές μετρό έως το δήλωσε ο υπουργός Μεταφορών κυβέρνηση εκλογές βουλή προϋπολογισμός φόρος υγεία σχολείο πόλη δήμος αστυνομία δικαστήριο έκθεση εβδομάδα χρόνος άνθρωποι χώρα κόσμος εταιρεία αγορά τιμή ενέργεια κλίμα καιρός ομάδα …";
const EL_QUOTES: &str = "«εισαγωγικά» «Αθήνα» κυβέρνηση εκλογές βουλή δήμος";
const RU: &str = "в Москве сегодня тепло в Санкт-Петербурге дождь правительство выборы парламент бюджет налог здоровье школа город совет полиция суд доклад неделя год люди страна мир компания рынок цена энергия климат погода команда всё ещё её своё лёд — тире … объявил заявил министр";

/// The words of [`RU`] that are letters only, without "ё".
fn ru_plain() -> String {
    RU.split(' ')
        .filter(|w| !w.contains('ё') && w.chars().all(char::is_alphabetic))
        .collect::<Vec<_>>()
        .join(" ")
}

/// About `size` bytes of lines of 6 to 20 words of `words`, in a fixed
/// pseudo-random order.
fn text(words: &str, size: usize) -> String {
    let words: Vec<&str> = words.split(' ').collect();
    let mut x: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    let mut s = String::with_capacity(size + 256);
    while s.len() < size {
        let n = 6 + next(15);
        for k in 0..n {
            if k > 0 {
                s.push(' ');
            }
            s.push_str(words[next(words.len())]);
        }
        s.push_str(".\n");
    }
    s
}

/// UTF-8 bytes read through a code page whose upper half is `upper`
/// (chars of bytes 0x80..=0xFF; 0xA0..=0xFF are Latin-1 when `None`).
fn mangle(s: &str, c1: &[char; 32], upper: Option<&[char; 96]>) -> String {
    s.bytes()
        .map(|b| match b {
            0..=0x7F => char::from(b),
            0x80..=0x9F => c1[(b - 0x80) as usize],
            _ => upper.map_or(char::from(b), |u| u[(b - 0xA0) as usize]),
        })
        .collect()
}

/// Windows-1252 for bytes 0x80..=0x9F (undefined bytes as their own code point).
const CP1252_C1: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž', '\u{8F}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}', 'ž', 'Ÿ',
];

/// The Greek page of seed 000: cp1253 (else cp1252) for 0x80..=0x9F,
/// which is [`CP1252_C1`], and ISO-8859-7 (else cp1253) for 0xA0..=0xFF.
fn greek_upper() -> [char; 96] {
    let s = "\u{A0}‘’£€₯¦§¨©ͺ«¬\u{AD}®―°±²³΄΅Ά·ΈΉΊ»Ό½ΎΏΐΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡ\u{D2}ΣΤΥΦΧΨΩΪΫάέήίΰαβγδεζηθικλμνξοπρςστυφχψωϊϋόύώ\u{FF}";
    assert_eq!(s.chars().count(), 96);
    let mut out = ['\0'; 96];
    for (o, c) in out.iter_mut().zip(s.chars()) {
        *o = c;
    }
    out
}

/// A page like seed 000: clean English lines, and after every fourth one a
/// line of bullets whose arrows, emoji and dashes (not the bullets) were
/// read through the Greek page: "  • β†’Putin's", "πŸ€–AI Summary".
fn seed_like(en: &str, size: usize) -> String {
    let upper = greek_upper();
    let lines = [
        "  • →Putin's talks — you keep 🤖 AI Summary",
        "⚪ Neutral 🧠 AI Read Original →via",
        "  • →Rates unchanged — for now 📈 ok",
    ];
    let mangled: Vec<String> = lines
        .iter()
        .map(|l| {
            l.chars()
                .map(|c| match c {
                    '→' | '—' | '🤖' | '⚪' | '🧠' | '📈' => {
                        mangle(c.encode_utf8(&mut [0; 4]), &CP1252_C1, Some(&upper))
                    }
                    _ => c.to_string(),
                })
                .collect()
        })
        .collect();
    let mut s = String::with_capacity(size + 256);
    for (k, line) in en.lines().enumerate() {
        if s.len() >= size {
            break;
        }
        s.push_str(line);
        s.push('\n');
        if k % 4 == 3 {
            s.push_str(&mangled[k % 3]);
            s.push('\n');
        }
    }
    s
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("fix_encoding");
    for (size, label) in SIZES {
        for (name, t) in [
            ("clean_en", text(EN, size)),
            ("clean_de", text(DE, size)),
            ("clean_el", text(EL, size)),
            ("clean_ru", text(RU, size)),
            // Russian without "ё" (which pairs with the letter before it
            // like cp1251 mojibake) and without dashes: whole blocks of it
            // are passed over as quiet Cyrillic.
            ("clean_ru_plain", text(&ru_plain(), size)),
            (
                "clean_el_guillemets",
                text(&format!("{EL} {EL_QUOTES}"), size),
            ),
        ] {
            assert!(
                matches!(fix_encoding(&t), Cow::Borrowed(_)),
                "{name} must stay clean"
            );
            g.throughput(Throughput::Bytes(t.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, label), &t, |b, t| {
                b.iter(|| fix_encoding(black_box(t)).len())
            });
        }
        let de = text(DE, size);
        let mangled_de = mangle(&de, &CP1252_C1, None);
        assert_eq!(fix_encoding(&mangled_de), de);
        let en = text(EN, 2 * size);
        let seed = seed_like(&en, size);
        let fixed = fix_encoding(&seed);
        for want in [
            "  • →Putin's talks — you keep 🤖 AI",
            "⚪ Neutral 🧠 AI Read Original →via",
        ] {
            assert!(fixed.contains(want), "seed-like page lacks {want:?}");
        }
        assert!(!fixed.contains("β†") && !fixed.contains("πŸ"));
        for (name, t) in [("mangled_de_cp1252", mangled_de), ("mangled_seed000", seed)] {
            g.throughput(Throughput::Bytes(t.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, label), &t, |b, t| {
                b.iter(|| fix_encoding(black_box(t)).len())
            });
        }
    }
    g.finish();

    let mut g = c.benchmark_group("normalize");
    let config = NormalizeConfig::default();
    for (size, label) in SIZES {
        let en = text(EN, size);
        let de = text(DE, size);
        let page = format!(
            "{}{}{}",
            &en[..en.floor_char_boundary_compat(size / 2)],
            "\n  \u{2022} \u{3B2}\u{2020}\u{2019}Next\u{A0}\u{A0}step\r\n",
            &de[..de.floor_char_boundary_compat(size / 2)]
        );
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_with_input(BenchmarkId::new("default", label), &page, |b, page| {
            b.iter(|| normalize(black_box(page), &config).text().len())
        });
    }
    g.finish();
}

/// `n` random bytes (xorshift, as in `tests/support/inputs.rs`), decoded
/// lossily.
fn random_text(n: usize) -> String {
    let mut x: u64 = 7;
    let bytes: Vec<u8> = (0..n)
        .map(|_| {
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 56) as u8
        })
        .collect();
    decode(&bytes, true).map(|d| d.text).unwrap_or_default()
}

fn bench_random(c: &mut Criterion) {
    let mut g = c.benchmark_group("random_bytes");
    g.sample_size(10);
    let config = NormalizeConfig::default();
    for (size, label) in SIZES {
        let t = random_text(size);
        g.throughput(Throughput::Bytes(t.len() as u64));
        g.bench_with_input(BenchmarkId::new("fix_encoding", label), &t, |b, t| {
            b.iter(|| fix_encoding(black_box(t)).len())
        });
        g.bench_with_input(BenchmarkId::new("normalize", label), &t, |b, t| {
            b.iter(|| normalize(black_box(t), &config).text().len())
        });
    }
    g.finish();
}

/// `str::floor_char_boundary` for the stable toolchain.
trait FloorBoundary {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorBoundary for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        i = i.min(self.len());
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

criterion_group!(benches, bench, bench_random);
criterion_main!(benches);
