mod common;
fn main() {
    let docs = common::load();
    let c = nutgraf_clean::Cleaner::new();
    let mode = std::env::args().nth(1).unwrap_or("fp".into());
    for d in docs.iter().filter(|d| d.set == "snip") {
        let o = common::ws(&c.clean(&d.text).article.text());
        let list = if mode == "fp" { &d.without } else { &d.with };
        for s in list {
            let present = o.contains(s.as_str());
            if (mode == "fp") == present {
                let t: String = s.chars().take(120).collect();
                println!("{} [{}] {}", d.id, d.lang, t);
            }
        }
    }
}
