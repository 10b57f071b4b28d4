mod common;
fn main() {
    let docs = common::load();
    let c = nutgraf_clean::Cleaner::new();
    let (mut tot, mut lab, mut hit, mut pos) = ([0usize;2],[0usize;2],[0usize;2],[0usize;2]);
    for d in &docs {
        let s = if d.set == "dev" {0} else {1};
        let t = c.trace(&d.text);
        let gl = common::gold_lines(d);
        for (i,b) in t.article.blocks.iter().enumerate() {
            tot[s]+=1;
            if t.rule_hit[i] { hit[s]+=1; continue; }
            match common::label(d,&b.text,&gl) { Some(true)=>{lab[s]+=1;pos[s]+=1}, Some(false)=>lab[s]+=1, None=>{} }
        }
    }
    println!("tot {:?} rulehit {:?} labelled {:?} pos {:?}", tot, hit, lab, pos);
}
