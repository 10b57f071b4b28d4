//! Every rule, both ways: the text it targets is removed with the rule's
//! name, and similar-looking article text stays. The test articles imitate
//! the shape of scraped pages; they are written for these tests.

use nutgraf_clean::{Cleaned, Cleaner};

const BODY_1: &str = "Three fishing towns switched on a shared array of tidal turbines this week, \
and the pilot is already the largest of its kind anywhere in the region.";
const BODY_2: &str = "Engineers say the output can be predicted years ahead, which makes the \
turbines easier to plan around than wind or solar power, according to the operator.";

fn page(middle: &str) -> String {
    format!("Tidal turbines light up the harbour\n{BODY_1}\n{middle}\n{BODY_2}\n")
}

fn rules_only() -> Cleaner {
    Cleaner::builder().classifier(false).build().unwrap()
}

fn removed_by<'a>(c: &'a Cleaned, text: &str, piece: &str) -> Vec<&'a str> {
    c.removed
        .iter()
        .filter(|r| text[r.span.clone()].contains(piece))
        .map(|r| r.reason.rule)
        .collect()
}

/// (rule, text it removes, similar text that must stay)
const CASES: &[(&str, &str, &str)] = &[
    ("navigation", "← Back to feed", "Back to the office went the mayor after the storm had passed, residents of the town said."),
    ("navigation", "Zurück zur Übersicht", "Zurück zur alten Ordnung will der Verband nicht, sagte die Vorsitzende am Montag in Kiel."),
    ("share", "Share this article", "Shareholders will vote on the proposal at the annual meeting next spring, the board said."),
    ("share", "Facebook Twitter LinkedIn Email", "Facebook and Twitter both removed the posts within hours of the first complaints, officials said."),
    ("share", "Folgen Sie uns auf Instagram", "Folgen Sie mir, rief der Bürgermeister den Besuchern zu, bevor er das Tor zum Hafen öffnete."),
    ("read_more", "READ MORE", "Readers who want to read more about tidal power can visit the small harbour library on weekdays."),
    ("read_more", "Read Original →via Harbor Ledger", "Read in full, the original report paints a more cautious picture of the turbine pilot."),
    ("read_more", "Weiterlesen", "Wer weiterlesen möchte, findet den vollständigen Bericht der Gemeinde im Rathaus ausgelegt."),
    ("read_more", "Zum Artikel", "Zum Artikel des Grundgesetzes über die Kommunen äußerte sich das Gericht nicht ausdrücklich."),
    ("image_credit", "Image via Harbor Ledger", "The image via satellite showed the storm moving north towards the coast overnight."),
    ("image_credit", "Foto: dpa", "Fotografie ist für viele Menschen ein Hobby, das sie ein Leben lang begleitet."),
    ("image_credit", "Bild: Stadtwerke Kiel", "Bildung bleibt der wichtigste Standortfaktor, sagte die Ministerin bei der Eröffnung."),
    ("byline", "By Jane Doe", "By the end of the year, the turbines will power four thousand homes in the region."),
    ("byline", "Harbor Ledger|Newsroom|", "The harbour has a long history | of trade, fishing and shipbuilding, the museum explains."),
    ("affiliate", "This page includes affiliate links. If you make a qualifying purchase, we may earn a commission.", "Analysts say affiliate links now drive a fifth of online sales, a share that has doubled since 2019."),
    ("affiliate", "Dieser Artikel enthält Affiliate-Links. Für Sie entstehen keine Mehrkosten.", "Die Verbraucherzentrale kritisiert, dass viele Blogs ihre Affiliate-Links nicht deutlich genug kennzeichnen und Leser so täuschen."),
    ("affiliate", "Werbung", "Werbung für Tabak ist in Deutschland seit Jahren stark eingeschränkt, sagte die Sprecherin."),
    ("advert", "Don't miss out on this exclusive deal, specially curated for our readers! Wireless earbuds", "The exclusive dealership network of the carmaker has grown to forty showrooms this year."),
    ("affiliate", "Anzeige", "Die Anzeige wurde am Montag bei der Polizei erstattet, wie ein Sprecher mitteilte."),
    ("advert", "Jetzt kaufen bei Amazon", "Jetzt kaufen viele Familien ihre Geschenke früher ein als noch vor einigen Jahren, zeigt eine Umfrage."),
    ("call_to_action", "Connect your wallet to an AI agent. It reads balances and proposes swaps.", "Users who connect wallets to unknown apps risk losing funds, the regulator warned on Tuesday."),
    ("call_to_action", "Stay ahead of the market.", "Staying ahead of the market has become harder for small funds, the survey of managers found."),
    ("call_to_action", "Subscribe to our newsletter for weekly updates", "The club has sent its printed newsletter to members across the country for twenty years now."),
    ("call_to_action", "Newsletter abonnieren", "Der Verein verschickt seinen Newsletter seit zwanzig Jahren an Mitglieder in ganz Deutschland, Österreich und der Schweiz."),
    ("call_to_action", "Wir verwenden Cookies, um unsere Website für Sie optimal zu gestalten.", "Die Bäckerei verkauft seit Jahren Kekse und Cookies nach einem alten Familienrezept aus Lübeck."),
    ("related", "Related Articles", "Related research from the university shows that tidal power is more predictable than wind."),
    ("related", "Mehr zum Thema", "Mehr zum Thema Gezeitenkraft erfahren Besucher in der neuen Ausstellung im Hafenmuseum."),
    ("related", "Das könnte Sie auch interessieren", "Das könnte auch Investoren interessieren, sagte der Sprecher der Stadtwerke am Dienstag."),
    ("comment_prompt", "Was denken Sie? Schreiben Sie es in die Kommentare.", "Was die Gemeinde denkt, steht im Protokoll der letzten Sitzung, das öffentlich ausliegt."),
    ("comment_prompt", "Share your thoughts in the comments below.", "In the comments section of the report, the auditors listed twelve problems with the plan."),
    ("label", "🧠 AI⚪ NeutralImportance 7/10", "The importance of the 7/10 split between the towns was debated at length by the council."),
    ("date", "Published: 19.11.2019, 10:31 Uhr", "On 19 November 2019 the council approved the plan for the new harbour turbines."),
    ("date", "Jane Doe - Nov 19, 2019, 10:31 pm CST", "Nov 19, 2019 was the day the first turbine was lowered into the water off the coast."),
    ("date", "32M ago", "Only 32 minutes ago the harbour master reported that the last ferry had docked safely."),
    ("date", "updated 5H ago", "Updated five hours ago, the forecast now warns of gales along the northern coast tonight."),
    ("date", "Nov 18", "Nov 18 is the day the council will vote on the second phase of the turbine project."),
    ("date", "3. März", "Am 3. März beginnt der Bau der zweiten Turbine, teilten die Stadtwerke am Freitag mit."),
    ("footer", "© 2024 Harbor Ledger. All rights reserved.", "The band's copyright dispute over the song ended in a settlement last week, lawyers said."),
    ("navigation", "Previous Post: Free scooter and motorcycle training", "Previous posts on the council website had warned of the storm, the harbour master said on Friday."),
    ("navigation", "Nächster Beitrag Windpark im Norden eröffnet", "Nächster Beitrag zur Energiewende soll der Bau einer zweiten Turbine sein, sagte der Bürgermeister."),
    ("share", "Teilen mit:", "Teilen mit ihren Nachbarn wollen die Fischer den Strom aus der Anlage, sagte die Sprecherin."),
    ("comment_prompt", "Kommentar hinzufügen", "Einen Kommentar hinzufügen wollte der Sprecher der Stadtwerke am Montag nicht, er verwies auf den Bericht."),
    ("footer", "Impressum", "Das Impressum der Website nannte keinen Verantwortlichen, kritisierte die Behörde in ihrem Bescheid."),
];

#[test]
fn every_rule_removes_its_target() {
    let c = rules_only();
    for (rule, target, _) in CASES {
        let text = page(target);
        let cleaned = c.clean(&text);
        let by = removed_by(&cleaned, &text, target.split_whitespace().next().unwrap());
        assert!(
            by.contains(rule),
            "{rule}: {target:?} not removed by it (got {by:?})"
        );
        assert!(
            !cleaned.article.text().contains(target),
            "{rule}: {target:?} still in the text"
        );
        assert!(cleaned.article.text().contains(BODY_1) && cleaned.article.text().contains(BODY_2));
    }
}

#[test]
fn similar_article_text_stays() {
    for c in [rules_only(), Cleaner::new()] {
        for (rule, _, similar) in CASES {
            let text = page(similar);
            let cleaned = c.clean(&text);
            assert!(
                cleaned.article.text().contains(similar),
                "{rule}: article text {similar:?} was removed: {:?}",
                cleaned
                    .removed
                    .iter()
                    .map(|r| (r.reason.rule, &text[r.span.clone()]))
                    .collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn menu_runs_go_short_pairs_stay() {
    let c = rules_only();
    // (A short line right before body text is a heading, not a menu item,
    // so the run here ends in a credit line.)
    let text = page("News\nSport\nWeather\nCulture\nImage via Harbor Ledger");
    let cleaned = c.clean(&text);
    let menu: Vec<&str> = cleaned
        .removed
        .iter()
        .filter(|r| r.reason.rule == "menu")
        .map(|r| &text[r.span.clone()])
        .collect();
    assert_eq!(
        menu,
        ["News", "Sport", "Weather", "Culture"],
        "{:?}",
        cleaned.removed
    );
    let text = page("Weather\nCulture");
    assert!(c
        .clean(&text)
        .removed
        .iter()
        .all(|r| r.reason.rule != "menu"));
}

#[test]
fn related_list_after_heading_goes() {
    let text = format!("Tidal turbines light up the harbour\n{BODY_1}\n{BODY_2}\nRelated Articles\nWind farm opens in the north\nSolar roofs for schools\n");
    let cleaned = rules_only().clean(&text);
    let related: Vec<&str> = cleaned
        .removed
        .iter()
        .filter(|r| r.reason.rule == "related")
        .map(|r| &text[r.span.clone()])
        .collect();
    assert_eq!(
        related,
        [
            "Related Articles",
            "Wind farm opens in the north",
            "Solar roofs for schools"
        ]
    );
}

#[test]
fn comment_prompt_trimmed_at_sentence_level() {
    let last = format!("{BODY_2} What are your thoughts on this movement? Share your opinions in the comments below.");
    let text = page(&last);
    let cleaned = Cleaner::new().clean(&text);
    let t = cleaned.article.text();
    assert!(
        t.contains(&format!("{BODY_2}\n")) || t.ends_with(BODY_2),
        "{t}"
    );
    assert!(!t.contains("What are your thoughts"));
    let r = cleaned
        .removed
        .iter()
        .find(|r| r.reason.rule == "comment_prompt")
        .unwrap();
    assert_eq!(
        &text[r.span.clone()],
        "What are your thoughts on this movement? Share your opinions in the comments below."
    );
    // German.
    let last = format!("{BODY_2} Was denken Sie? Schreiben Sie es in die Kommentare.");
    let text = page(&last);
    let t = Cleaner::new().clean(&text).article.text();
    assert!(!t.contains("Was denken Sie") && t.contains(BODY_2));
    // A prompt-like phrase in the middle of a paragraph stays.
    let mid = format!("Asked what are your thoughts on the plan, the mayor laughed. {BODY_2}");
    let text = page(&mid);
    assert!(Cleaner::new()
        .clean(&text)
        .article
        .text()
        .contains("Asked what are your thoughts"));
}

#[test]
fn repeated_title_is_removed_once() {
    let text = format!("sitename\nTidal turbines light up the harbour\nImage via Harbor Ledger\nTidal turbines light up the harbour\n{BODY_1}\n{BODY_2}\n");
    let cleaned = rules_only().clean(&text);
    assert_eq!(
        cleaned.article.title.as_deref(),
        Some("Tidal turbines light up the harbour")
    );
    assert_eq!(
        cleaned
            .removed
            .iter()
            .filter(|r| r.reason.rule == "repeated_title")
            .count(),
        1
    );
    assert_eq!(cleaned.article.source.as_deref(), Some("Harbor Ledger"));
}

#[test]
fn embedded_summary_and_takeaways() {
    let text = format!(
        "Tidal turbines light up the harbour\nAI Summary\nThree towns opened a tidal array; output is predictable.\n{BODY_1}\nKey Takeaways\n• →Tidal output is predictable\n• →The pilot is the largest in the region\n{BODY_2}\n"
    );
    let cleaned = Cleaner::new().clean(&text);
    assert_eq!(
        cleaned.summary.as_deref(),
        Some("Three towns opened a tidal array; output is predictable.")
    );
    assert_eq!(
        cleaned.key_takeaways,
        [
            "Tidal output is predictable",
            "The pilot is the largest in the region"
        ]
    );
    let t = cleaned.article.text();
    assert!(t.contains(BODY_1) && t.contains(BODY_2) && !t.contains("Key Takeaways"));
    // A "Summary of …" heading in an article stays.
    let text = page("Summary of the findings");
    assert!(rules_only().clean(&text).summary.is_none());
}

#[test]
fn comment_section_goes_from_its_header() {
    let text = format!(
        "Tidal turbines light up the harbour\n{BODY_1}\n{BODY_2}\n34 responses to “Tidal turbines light up the harbour”\nJane says:\nGreat news for the town, finally some progress.\nReply\nBob says:\nI doubt it will last.\nReply\n"
    );
    let cleaned = rules_only().clean(&text);
    assert_eq!(cleaned.article.text(), format!("{BODY_1}\n\n{BODY_2}"));
    assert!(cleaned.removed.iter().any(|r| r.reason.rule == "comments"));
    // Without commenter lines, a "Comments" word alone is not a section.
    let text = format!("Tidal turbines light up the harbour\n{BODY_1}\nComments\n{BODY_2}\n");
    assert!(rules_only().clean(&text).article.text().contains(BODY_2));
}

#[test]
fn long_counted_comment_header_starts_the_section() {
    // "N responses to “<headline>”" with a long headline (more than 12 words).
    let head = "34 responses to “Tidal turbines light up the harbour of three small fishing towns on the northern coast”";
    let text = format!(
        "Tidal turbines light up the harbour\n{BODY_1}\n{BODY_2}\n{head}\nJane says:\nGreat news for the town, finally some progress.\nBob says:\nI doubt it will last.\n"
    );
    let cleaned = rules_only().clean(&text);
    assert_eq!(cleaned.article.text(), format!("{BODY_1}\n\n{BODY_2}"));
    // A long body sentence opening with a count, and no commenter lines after it, stays.
    let keep = "34 responses to the council survey favoured the turbines over a new sea wall, the clerk said on Monday.";
    let text = format!("Tidal turbines light up the harbour\n{BODY_1}\n{keep}\n{BODY_2}\n");
    assert!(rules_only().clean(&text).article.text().contains(keep));
}

#[test]
fn headline_list_after_the_last_long_paragraph_goes() {
    // Features: distance past the last long paragraph, runs of short title-case lines.
    let list = [
        "Harbour Council Approves New Ferry Timetable",
        "Fishing Fleet Returns Early After Storm Warning",
        "Lighthouse Museum Reopens With New Exhibits",
        "Coastal Path Closed For Winter Repairs",
        "Local Bakery Wins Regional Bread Award",
    ];
    let long = "The turbines sit on the sea floor about two kilometres from the harbour wall, \
where the current is strongest, and each unit is anchored by a concrete base that weighs more than \
four hundred tonnes, the operator said in a statement on Tuesday.";
    let text = format!(
        "Tidal turbines light up the harbour\n{BODY_1}\n{long}\n{BODY_2}\n{long}\nMore News\n{}\n",
        list.join("\n")
    );
    let out = Cleaner::new().clean(&text).article.text();
    assert!(out.contains(BODY_1) && out.contains(BODY_2) && out.contains(long));
    for l in list {
        assert!(!out.contains(l), "{l} kept");
    }
}

#[test]
fn disabled_rule_keeps_its_target() {
    let c = Cleaner::builder()
        .classifier(false)
        .disable_rule("read_more")
        .build()
        .unwrap();
    let text = page("READ MORE");
    assert!(c.clean(&text).article.text().contains("READ MORE"));
}

#[test]
fn every_reason_has_a_description() {
    for r in nutgraf_clean::rules::RULES {
        assert!(r.description.ends_with('.'), "{}", r.name);
    }
}

#[test]
fn month_and_day_in_a_short_headline_is_not_a_date_line() {
    // A month and day without a year counts as a date line only when at
    // most one other word stands beside it.
    let c = rules_only();
    for line in [
        "Council vote on April 5 delayed",
        "Harbour reopens Nov 18 after repairs",
    ] {
        let text = page(line);
        let cleaned = c.clean(&text);
        assert!(
            !removed_by(&cleaned, &text, line).contains(&"date"),
            "{line:?} removed as a date line"
        );
    }
}

/// The body printed again as one block (metadata such as a JSON-LD
/// `articleBody` left in the page text), and a headline printed over and
/// over: the repeats go as `duplicate`.
#[test]
fn repeated_body_and_headlines_go_as_duplicates() {
    let paras = [
        "The harbour authority said on Thursday that the tidal array had delivered more power than planned in its first month of operation.",
        "Two more towns have asked to join the scheme before the winter storms, and the operator expects to decide on their requests in spring.",
        "Engineers say the output can be predicted years ahead, which makes the turbines easier to plan around than wind or solar power.",
    ];
    let blob = paras.join(" ");
    let title = "Tidal turbines light up the harbour";
    let text = format!(
        "{title}\n{}\n{blob}\n{title}\n{title}\n{title}\n",
        paras.join("\n")
    );
    let cleaned = rules_only().clean(&text);
    let out = cleaned.article.text();
    assert_eq!(out.matches("first month of operation").count(), 1, "{out}");
    assert!(removed_by(&cleaned, &text, "first month of operation").contains(&"duplicate"));
    // The headline once in the body may stay; its further repeats go.
    assert!(out.matches(title).count() <= 1, "{out}");
    for p in paras {
        assert!(out.contains(p));
    }
}

/// Repeated short lines of the article itself (a recipe or schedule that
/// repeats a step, a pull quote) stay: only long repeats and title repeats go.
#[test]
fn short_repeats_of_body_text_stay() {
    let step = "Portion Fix Containers: 1 Green, 1 Red, 1 Yellow, 1 tsp.";
    let quote = "“We will not let the storms decide for us,” the harbour master said.";
    let text = format!(
        "Tidal turbines light up the harbour\n{BODY_1}\nPlan A\n{step}\n{quote}\n{BODY_2}\nPlan B\n{step}\n{quote}\n"
    );
    let out = rules_only().clean(&text).article.text();
    assert_eq!(out.matches(step).count(), 2, "{out}");
    assert_eq!(out.matches(quote).count(), 2, "{out}");
    // The same long paragraph printed twice is a repeat.
    let long = format!("{BODY_1} {BODY_2} {BODY_1} {BODY_2}");
    let text = format!("Tidal turbines light up the harbour\n{long}\n{BODY_2}\n{long}\n");
    let out = rules_only().clean(&text).article.text();
    assert_eq!(out.matches(long.as_str()).count(), 1, "{out}");
}

/// A list the text announces with a colon keeps its short lines (tour
/// dates), up to the share buttons after it.
#[test]
fn list_announced_by_a_colon_is_kept() {
    let long =
        "The band will play thirty dates across the country next summer, the promoter said, \
and tickets for every show go on sale on Friday morning at ten o'clock local time.";
    let dates = [
        "June 9 -- Coral Sky Amphitheatre, West Palm Beach, FL",
        "June 10 -- Credit Union Amphitheatre, Tampa, FL",
        "June 14 -- Bank Amphitheatre (Formerly Verizon Amphitheatre), Alpharetta, GA",
        "June 17 -- Bridgestone Arena, Nashville, TN",
        "June 19 -- PNC Music Pavilion, Charlotte, NC",
        "June 20 -- Coastal Credit Union Music Park at Walnut Creek, Raleigh, NC",
        "June 23 -- Veterans Amphitheater at Virginia Beach, Virginia Beach, VA",
        "June 24 -- Jiffy Lube Live, Bristow, VA",
    ];
    let text = format!(
        "The band is back on tour\n{long}\n{long}\n{long}\nThe 50th Anniversary Tour 2020 dates:\n{}\nFacebook\nTwitter\nEmail\n",
        dates.join("\n")
    );
    let out = Cleaner::new().clean(&text).article.text();
    for d in dates {
        assert!(out.contains(d), "{d} dropped:\n{out}");
    }
    assert!(!out.contains("Facebook"));
}
