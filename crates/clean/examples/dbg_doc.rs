mod common;
fn main() {
    let id = std::env::args().nth(1).unwrap();
    let all = std::env::args().nth(2).is_some();
    let docs = common::load();
    let d = docs.iter().find(|d| d.id == id).unwrap();
    let c = nutgraf_clean::Cleaner::new().clean(&d.text);
    let gl = common::gold_lines(d);
    let mut rows: Vec<(usize, String)> = Vec::new();
    for b in &c.article.blocks {
        let l = common::label(d, &b.text, &gl);
        let t: String = b.text.chars().take(100).collect();
        rows.push((b.span.start, format!("+ {} {:9} {:3} {}", match l {Some(true)=>"G", Some(false)=>"B", None=>"?"}, b.kind.name(), b.word_count(), t)));
    }
    for r in &c.removed {
        let l = common::label(d, &r.block.text, &gl);
        if !all && l != Some(true) { continue; }
        let t: String = d.text[r.span.clone()].chars().take(100).collect();
        rows.push((r.span.start, format!("- {} {:14} {:3} {}", match l {Some(true)=>"G", Some(false)=>"B", None=>"?"}, format!("{}{}", r.reason.rule, r.reason.score.map(|s| format!("{s:.2}")).unwrap_or_default()), r.block.word_count(), t)));
    }
    rows.sort();
    for (_, r) in rows { println!("{r}"); }
}
