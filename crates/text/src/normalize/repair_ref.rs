//! The pre-checks and the segment scan of `repair` as they were before they
//! were made faster, kept for differential tests: the fast versions must
//! give the same answers.
use super::*;

pub(super) fn could_change(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Pages where a sequence without (na*) or with (sa*) a space needs 1, 2
    // or 3 more continuation bytes.
    let (mut na1, mut na2, mut na3) = (0u8, 0u8, 0u8);
    let (mut sa1, mut sa2) = (0u8, 0u8);
    // Byte offsets of the last three chars, nearest last.
    let mut recent = [usize::MAX; 3];
    // Byte offsets just past sequences with a space that were seen.
    let mut borrow_ends: Vec<usize> = Vec::new();
    let mut i = skip_ascii(bytes, 0);
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        let (m, lost, space) = match c {
            ' ' => (SeqMask::default(), false, true),
            '?' | '\u{FFFD}' => (seq_mask(c), true, false),
            _ if c.is_ascii() => (SeqMask::default(), false, false),
            _ => (seq_mask(c), false, false),
        };
        if is_c1(c) {
            return true;
        }
        let cont = if lost { 0x7F } else { m.cont };
        if na1 & cont != 0 {
            return true;
        }
        if sa1 & cont != 0 || (space && (na1 | sa1) != 0) {
            let end = i + len;
            for &s in recent.iter().rev() {
                if s != usize::MAX && borrow_matters(text, s, end, &borrow_ends) {
                    return true;
                }
            }
            borrow_ends.push(end);
        }
        let sp = |x: u8| if space { x } else { 0 };
        let (n1, n2, s1, s2) = (na2 & cont, na3 & cont, sa2 & cont | sp(na2 | sa2), sp(na3));
        na1 = n1 | m.lead2;
        na2 = n2 | m.lead3;
        na3 = m.lead4;
        sa1 = s1;
        sa2 = s2;
        recent = [recent[1], recent[2], i];
        i += len;
        if (na1 | na2 | na3 | sa1 | sa2) == 0 {
            recent = [usize::MAX; 3];
            i = skip_ascii(bytes, i);
        }
    }
    false
}
fn borrow_matters(text: &str, start: usize, end: usize, borrow_ends: &[usize]) -> bool {
    let seq: Vec<char> = text[start..end].chars().collect();
    let n = seq.len();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let near = |o: Option<char>| o.is_some_and(|o| !o.is_ascii() || o == '?');
    let before_ok = near(before) || (before == Some(' ') && borrow_ends.contains(&start));
    let after_ok = near(after);
    for page in &PAGES {
        for &l in page.bytes(seq[0]).as_slice() {
            if lead_len(l) != n {
                continue;
            }
            let mut conts = [Opts::default(); 3];
            let mut ok = true;
            for (k, &c) in seq[1..].iter().enumerate() {
                match cont_of(page, c) {
                    Some(Cont::Bytes(o)) => conts[k] = o,
                    Some(Cont::Space) => conts[k].push(0xA0),
                    _ => ok = false,
                }
            }
            if !ok {
                continue;
            }
            let mut idx = [0usize; 3];
            loop {
                let mut buf = [l, 0, 0, 0];
                for k in 0..n - 1 {
                    buf[k + 1] = conts[k].as_slice()[idx[k]];
                }
                if let Some(o) = std::str::from_utf8(&buf[..n])
                    .ok()
                    .and_then(|s| s.chars().next())
                {
                    if o == 'à' {
                        return true;
                    }
                    let m = SeqMask::of(&[page.bytes(o); 7]);
                    if (m.lead() != 0 && after_ok) || (m.cont != 0 && before_ok) {
                        return true;
                    }
                }
                let mut k = 0;
                loop {
                    if k == n - 1 {
                        break;
                    }
                    idx[k] += 1;
                    if idx[k] < conts[k].n as usize {
                        break;
                    }
                    idx[k] = 0;
                    k += 1;
                }
                if k == n - 1 {
                    break;
                }
            }
        }
    }
    false
}
pub(super) fn one_pass(text: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut info = TextInfo::default();
    let mut out = Vec::new();
    // Segments, each with its context (up to two chars before, one after)
    // in `arena`: (arena start, segment start, segment end, context end,
    // lead pages), the positions relative to the arena start.
    let mut arena: Vec<(usize, char)> = Vec::new();
    let mut segments: Vec<(usize, usize, usize, usize, u8)> = Vec::new();
    let mut prev: [Option<(usize, char)>; 2] = [None, None];
    let mut it = text.char_indices().peekable();
    while let Some((o, c)) = it.next() {
        info.add(c);
        if c.is_ascii() {
            prev = [prev[1], Some((o, c))];
            continue;
        }
        let base = arena.len();
        arena.extend(prev.iter().flatten());
        let a = arena.len() - base;
        arena.push((o, c));
        let mut last = c;
        while let Some(&(o2, c2)) = it.peek() {
            let inside = !c2.is_ascii() || (matches!(c2, ' ' | '?') && !last.is_ascii());
            if !inside {
                break;
            }
            info.add(c2);
            arena.push((o2, c2));
            last = c2;
            it.next();
        }
        let b = arena.len() - base;
        if let Some(&next) = it.peek() {
            arena.push(next);
        }
        let hi = arena.len() - base;
        // The last two chars read are the last two of `arena[base..base + b]`.
        prev = [
            b.checked_sub(2).map(|k| arena[base + k]),
            Some(arena[base + b - 1]),
        ];
        let local = &arena[base..];
        // Pages where some char of the segment can be a lead byte.
        let mut leads = 0u8;
        for &(_, c) in &local[a..b] {
            leads |= masks(c).0;
        }
        let suspicious = (a..b)
            .any(|k| starts_suspicious(local[k].1, local.get(k + 1).map(|x| x.1)))
            || (a..b).any(|k| local[k].1 == '?' || local[k].1 == ' ');
        if suspicious && leads != 0 {
            segments.push((base, a, b, hi, leads));
        } else {
            arena.truncate(base);
        }
    }
    // Per segment, per page: planned candidates, accepted ones and gains.
    // A segment's result depends only on its chars, the two before and the
    // one after (and on `info`), so repeated runs are scored once.
    let mut memo: HashMap<Box<[char]>, usize, BuildFx> = HashMap::default();
    let mut results: Vec<SegmentResult> = Vec::new();
    let mut seg_res: Vec<(usize, usize, usize)> = Vec::with_capacity(segments.len());
    let mut key: Vec<char> = Vec::new();
    let mut page_total = [0f32; PAGES.len()];
    for &(base, a, b, hi, leads) in &segments {
        let local = &arena[base..base + hi];
        key.clear();
        key.push(char::from(b'0' + a as u8));
        key.push(char::from(b'0' + (hi - b) as u8));
        key.extend(local.iter().map(|&(_, c)| c));
        let r = match memo.get(&key[..]) {
            Some(&r) => r,
            None => {
                let pages = std::array::from_fn(|p| {
                    let planned = if leads & (1 << p) != 0 {
                        plan(&PAGES[p], &info, local, a, b)
                    } else {
                        Vec::new()
                    };
                    let strict = if planned.is_empty() {
                        (0.0, Vec::new())
                    } else {
                        accept(&info, local, &planned, STRICT)
                    };
                    (planned, strict)
                });
                results.push(SegmentResult { pages });
                memo.insert(key.clone().into_boxed_slice(), results.len() - 1);
                results.len() - 1
            }
        };
        for (p, total) in page_total.iter_mut().enumerate() {
            *total += results[r].pages[p].1 .0;
        }
        seg_res.push((r, base, hi));
    }
    // The primary page: the one with the largest total gain (first on ties).
    let mut primary = 0;
    for p in 1..PAGES.len() {
        if page_total[p] > page_total[primary] + 1e-4 {
            primary = p;
        }
    }
    if page_total[primary] <= 0.0 {
        return out;
    }
    let evidence = page_total[primary] >= EVIDENCE;
    for &(r, base, hi) in &seg_res {
        let local = &arena[base..base + hi];
        let res = &results[r].pages;
        let (plans, strict) = (&res[primary].0, &res[primary].1);
        let all_kept =
            strict.1.len() == plans.len() && plans.iter().all(|(_, inner)| inner.is_empty());
        let evidence_kept;
        let mine: &[Candidate] = if evidence && !plans.is_empty() && !all_kept {
            evidence_kept = accept(&info, local, plans, WITH_EVIDENCE).1;
            &evidence_kept
        } else {
            &strict.1
        };
        let chosen: &[Candidate] = if !mine.is_empty() {
            mine
        } else {
            // Another page, on its own strength.
            let mut best: Option<usize> = None;
            for p in 0..PAGES.len() {
                let g = res[p].1 .0;
                if g > 0.0 && best.map_or(true, |bp| g > res[bp].1 .0 + 1e-4) {
                    best = Some(p);
                }
            }
            match best {
                Some(p) => &res[p].1 .1,
                None => continue,
            }
        };
        for cand in chosen {
            let start = local[cand.start].0;
            let end = local.get(cand.end).map_or(text.len(), |&(o, _)| o);
            let mut rep: String = cand.out.iter().collect();
            let last = local[cand.end - 1].1;
            if rep == "à" && last == ' ' && a_grave_keeps_space(&text[end..]) {
                rep.push(' ');
            }
            out.push((start..end, rep));
        }
    }
    out
}
