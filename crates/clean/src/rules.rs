//! The rule tables: named boilerplate families with English and German
//! phrases, compiled once into one Aho-Corasick automaton and one
//! `regex::RegexSet`.
//!
//! A phrase matches the *core* of a block: its text lowercased, `’` read as
//! `'`, with leading and trailing non-alphanumeric characters (arrows,
//! bullets, pipes) cut off. Where it must sit in the core is given by [`At`],
//! and each phrase only applies to blocks of at most `max_words` words, which
//! keeps long article paragraphs that merely *mention* a phrase.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexSet};

/// A boilerplate family: its name (as in [`crate::Reason::rule`]) and a
/// human description.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Stable machine name.
    pub name: &'static str,
    /// One sentence for `--explain`.
    pub description: &'static str,
}

macro_rules! rules {
    ($( $id:ident = $name:literal : $desc:literal; )*) => {
        /// Rule identifiers.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum RuleId { $( $id, )* }
        /// Every rule, in [`RuleId`] order.
        pub const RULES: &[Rule] = &[ $( Rule { name: $name, description: $desc }, )* ];
    };
}

rules! {
    Navigation = "navigation": "Site navigation: feed/back links, masthead or 'skip to content' lines.";
    Menu = "menu": "A run of short title-case lines, the shape of a menu.";
    Share = "share": "Share, follow, subscribe or sign-in buttons.";
    ReadMore = "read_more": "A 'Read more' / 'Read Original' / 'Weiterlesen' link line.";
    ImageCredit = "image_credit": "An image or photo credit ('Image via …', 'Foto: …').";
    Byline = "byline": "A byline or source line; its content moved to the byline/source fields.";
    Affiliate = "affiliate": "An affiliate or advertising disclosure.";
    Advert = "advert": "A deal, product advert or an 'Anzeige'/'Advertisement' label.";
    CallToAction = "call_to_action": "A call to action: wallet, newsletter, cookie banner, app or paywall prompt.";
    Related = "related": "A 'Related Articles' / 'Mehr zum Thema' heading or the link list after it.";
    CommentPrompt = "comment_prompt": "A prompt to comment ('Share your opinions in the comments below').";
    Label = "label": "A rating or label line ('Importance 7/10', 'Neutral').";
    Date = "date": "A date or timestamp line.";
    Footer = "footer": "Footer furniture: copyright, imprint, privacy, contact links.";
    RepeatedTitle = "repeated_title": "A repeat of the title (page title, or the headline printed twice).";
    AiSummary = "ai_summary": "An embedded summary; moved to the `summary` field.";
    KeyTakeaways = "key_takeaways": "An embedded 'Key Takeaways' list; moved to the `key_takeaways` field.";
    Comments = "comments": "A reader comment section: its header and everything after it.";
    Duplicate = "duplicate": "A repeat of text kept earlier on the page (a metadata copy of the body, a repeated teaser or caption).";
    Classifier = "classifier": "The statistical block classifier scored the block as boilerplate.";
}

impl RuleId {
    /// The rule's entry in [`RULES`].
    pub fn rule(self) -> &'static Rule {
        &RULES[self as usize]
    }
}

/// Where a phrase must sit in the core of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum At {
    /// The phrase is the whole core.
    Line,
    /// The core starts with the phrase (at a word boundary).
    Start,
    /// Anywhere (at word boundaries).
    Any,
}

/// One phrase of a rule.
#[derive(Debug, Clone, Copy)]
pub struct Phrase {
    /// The rule the phrase belongs to.
    pub rule: RuleId,
    /// Where it must sit.
    pub at: At,
    /// Only blocks of at most this many words match.
    pub max_words: u16,
    /// The phrase, lowercase.
    pub text: &'static str,
}

const fn p(rule: RuleId, at: At, max_words: u16, text: &'static str) -> Phrase {
    Phrase {
        rule,
        at,
        max_words,
        text,
    }
}

use At::*;
use RuleId::*;

/// Phrase table (lowercase, `'` for apostrophes). English and German.
pub const PHRASES: &[Phrase] = &[
    // navigation
    p(Navigation, Line, 6, "feed"),
    p(Navigation, Line, 6, "back"),
    p(Navigation, Line, 6, "home"),
    p(Navigation, Line, 6, "homepage"),
    p(Navigation, Line, 6, "startseite"),
    p(Navigation, Line, 6, "zur startseite"),
    p(Navigation, Line, 6, "zurück"),
    p(Navigation, Line, 6, "zur übersicht"),
    p(Navigation, Line, 6, "übersicht"),
    p(Navigation, Line, 6, "menu"),
    p(Navigation, Line, 6, "menü"),
    p(Navigation, Line, 6, "main menu"),
    p(Navigation, Line, 6, "hauptmenü"),
    p(Navigation, Line, 6, "navigation"),
    p(Navigation, Line, 6, "toggle navigation"),
    p(Navigation, Line, 6, "open menu"),
    p(Navigation, Line, 6, "menü öffnen"),
    p(Navigation, Line, 6, "close"),
    p(Navigation, Line, 6, "schließen"),
    p(Navigation, Line, 6, "search"),
    p(Navigation, Line, 6, "suche"),
    p(Navigation, Line, 6, "suchen"),
    p(Navigation, Line, 6, "next"),
    p(Navigation, Line, 6, "previous"),
    p(Navigation, Line, 6, "next article"),
    p(Navigation, Line, 6, "previous article"),
    p(Navigation, Line, 6, "next post"),
    p(Navigation, Line, 6, "previous post"),
    p(Navigation, Line, 6, "nächster artikel"),
    p(Navigation, Line, 6, "vorheriger artikel"),
    p(Navigation, Line, 6, "nach oben"),
    p(Navigation, Line, 6, "top"),
    p(Navigation, Line, 6, "sections"),
    p(Navigation, Line, 6, "rubriken"),
    p(Navigation, Line, 6, "sitemap"),
    p(Navigation, Line, 6, "all news"),
    p(Navigation, Line, 6, "alle news"),
    p(Navigation, Line, 6, "alle artikel"),
    p(Navigation, Start, 6, "back to"),
    p(Navigation, Start, 6, "go back"),
    p(Navigation, Start, 6, "zurück zu"),
    p(Navigation, Start, 6, "zurück zur"),
    p(Navigation, Start, 6, "skip to"),
    p(Navigation, Start, 6, "jump to"),
    p(Navigation, Start, 6, "zum inhalt"),
    p(Navigation, Start, 6, "direkt zum"),
    p(Navigation, Start, 6, "springe zu"),
    p(Navigation, Line, 6, "go to top"),
    // "Previous Post: <headline>" / "Nächster Beitrag <headline>" links
    p(Navigation, Start, 14, "previous post:"),
    p(Navigation, Start, 14, "next post:"),
    p(Navigation, Start, 14, "previous article:"),
    p(Navigation, Start, 14, "next article:"),
    p(Navigation, Start, 14, "vorheriger beitrag:"),
    p(Navigation, Start, 14, "nächster beitrag:"),
    p(Navigation, Start, 8, "vorheriger beitrag"),
    p(Navigation, Start, 8, "nächster beitrag"),
    p(Navigation, Start, 8, "vorheriger artikel"),
    p(Navigation, Start, 8, "nächster artikel"),
    p(Navigation, Line, 6, "post navigation"),
    p(Navigation, Line, 6, "beitragsnavigation"),
    p(Navigation, Line, 6, "navigation schliessen"),
    p(Navigation, Line, 6, "navigation schließen"),
    // read more
    p(ReadMore, Start, 8, "read more"),
    p(ReadMore, Start, 8, "read original"),
    p(ReadMore, Start, 8, "read the original"),
    p(ReadMore, Start, 8, "read the full"),
    p(ReadMore, Start, 8, "read full"),
    p(ReadMore, Start, 8, "continue reading"),
    p(ReadMore, Start, 8, "keep reading"),
    p(ReadMore, Start, 8, "read next"),
    p(ReadMore, Start, 8, "full story"),
    p(ReadMore, Start, 8, "full article"),
    p(ReadMore, Start, 8, "view full"),
    p(ReadMore, Start, 8, "view original"),
    p(ReadMore, Start, 8, "learn more"),
    p(ReadMore, Start, 8, "see more"),
    p(ReadMore, Start, 8, "show more"),
    p(ReadMore, Start, 8, "load more"),
    p(ReadMore, Start, 8, "view more"),
    p(ReadMore, Start, 8, "view all"),
    p(ReadMore, Start, 8, "see all"),
    p(ReadMore, Start, 8, "weiterlesen"),
    p(ReadMore, Start, 8, "hier weiterlesen"),
    p(ReadMore, Start, 8, "mehr lesen"),
    p(ReadMore, Start, 8, "lesen sie mehr"),
    p(ReadMore, Start, 8, "zum artikel"),
    p(ReadMore, Start, 8, "zum vollständigen artikel"),
    p(ReadMore, Start, 8, "zum ganzen artikel"),
    p(ReadMore, Start, 8, "mehr dazu"),
    p(ReadMore, Start, 8, "mehr erfahren"),
    p(ReadMore, Start, 8, "mehr anzeigen"),
    p(ReadMore, Start, 8, "alle anzeigen"),
    p(ReadMore, Line, 8, "more"),
    p(ReadMore, Line, 8, "mehr"),
    // image credits
    p(ImageCredit, Start, 25, "image via"),
    p(ImageCredit, Start, 25, "images via"),
    p(ImageCredit, Start, 25, "image:"),
    p(ImageCredit, Start, 25, "image credit"),
    p(ImageCredit, Start, 25, "image source"),
    p(ImageCredit, Start, 25, "image courtesy"),
    p(ImageCredit, Start, 25, "photo:"),
    p(ImageCredit, Start, 25, "photo by"),
    p(ImageCredit, Start, 25, "photo via"),
    p(ImageCredit, Start, 25, "photo credit"),
    p(ImageCredit, Start, 25, "photo courtesy"),
    p(ImageCredit, Start, 25, "photograph:"),
    p(ImageCredit, Start, 25, "photograph by"),
    p(ImageCredit, Start, 25, "photos:"),
    p(ImageCredit, Start, 25, "picture:"),
    p(ImageCredit, Start, 25, "credit:"),
    p(ImageCredit, Start, 25, "credits:"),
    p(ImageCredit, Start, 25, "illustration:"),
    p(ImageCredit, Start, 25, "foto:"),
    p(ImageCredit, Start, 25, "fotos:"),
    p(ImageCredit, Start, 25, "foto von"),
    p(ImageCredit, Start, 25, "bild:"),
    p(ImageCredit, Start, 25, "bilder:"),
    p(ImageCredit, Start, 25, "bildquelle"),
    p(ImageCredit, Start, 25, "grafik:"),
    p(ImageCredit, Start, 25, "titelbild:"),
    p(ImageCredit, Start, 25, "beitragsbild:"),
    p(ImageCredit, Any, 15, "getty images"),
    p(ImageCredit, Any, 15, "shutterstock"),
    p(ImageCredit, Any, 15, "istock"),
    p(ImageCredit, Any, 15, "ap photo"),
    p(ImageCredit, Any, 15, "picture alliance"),
    p(ImageCredit, Any, 15, "picture-alliance"),
    p(ImageCredit, Any, 15, "imago images"),
    p(ImageCredit, Any, 15, "dpa-bildfunk"),
    // bylines (structural ones are handled in code)
    p(Byline, Start, 8, "posted by"),
    p(Byline, Start, 8, "written by"),
    p(Byline, Start, 8, "geschrieben von"),
    p(Byline, Start, 8, "veröffentlicht von"),
    p(Byline, Start, 8, "author:"),
    p(Byline, Start, 8, "autor:"),
    p(Byline, Start, 8, "autorin:"),
    p(Byline, Start, 8, "editor:"),
    p(Byline, Start, 8, "redaktion:"),
    // affiliate disclosures
    p(Affiliate, Any, 80, "includes affiliate links"),
    p(Affiliate, Any, 80, "contains affiliate links"),
    p(Affiliate, Any, 80, "may contain affiliate links"),
    p(Affiliate, Any, 80, "uses affiliate links"),
    p(Affiliate, Any, 80, "qualifying purchase"),
    p(Affiliate, Any, 80, "earn a commission"),
    p(Affiliate, Any, 80, "earn a small commission"),
    p(Affiliate, Any, 80, "may earn commission"),
    p(Affiliate, Any, 80, "earn an affiliate commission"),
    p(Affiliate, Any, 80, "at no extra cost to you"),
    p(Affiliate, Any, 80, "at no additional cost to you"),
    p(Affiliate, Any, 80, "as an amazon associate"),
    p(Affiliate, Any, 80, "erhalten wir eine provision"),
    p(Affiliate, Any, 80, "erhalten wir ggf. eine provision"),
    p(
        Affiliate,
        Any,
        80,
        "erhalten wir gegebenenfalls eine provision",
    ),
    p(Affiliate, Any, 80, "bekommen wir eine provision"),
    p(Affiliate, Any, 80, "eine kleine provision"),
    p(Affiliate, Any, 80, "ohne mehrkosten für sie"),
    p(Affiliate, Any, 80, "für sie entstehen keine"),
    p(Affiliate, Any, 80, "enthält affiliate"),
    p(Affiliate, Any, 80, "sogenannte affiliate-links"),
    p(Affiliate, Any, 80, "enthält werbung"),
    p(Affiliate, Any, 80, "unbezahlte werbung"),
    p(Affiliate, Any, 80, "bezahlte partnerschaft"),
    p(Affiliate, Any, 80, "paid partnership"),
    p(Affiliate, Any, 12, "affiliate-links"),
    p(Affiliate, Any, 12, "affiliate-link"),
    p(Affiliate, Any, 12, "affiliate links"),
    p(Affiliate, Any, 12, "affiliate link"),
    p(Affiliate, Any, 12, "provisions-links"),
    p(Affiliate, Any, 12, "partnerlinks"),
    p(Affiliate, Any, 12, "werbelink"),
    p(Affiliate, Line, 4, "anzeige"),
    p(Affiliate, Line, 4, "werbung"),
    p(Affiliate, Line, 4, "sponsored"),
    p(Affiliate, Line, 4, "gesponsert"),
    p(Affiliate, Line, 4, "sponsored content"),
    // adverts
    p(Advert, Any, 40, "exclusive deal"),
    p(Advert, Any, 40, "curated for our readers"),
    p(Advert, Any, 40, "don't miss out on this"),
    p(Advert, Any, 40, "deal of the day"),
    p(Advert, Any, 40, "today's deals"),
    p(Advert, Any, 40, "limited time offer"),
    p(Advert, Any, 40, "angebot des tages"),
    p(Advert, Any, 40, "nur für kurze zeit"),
    p(Advert, Any, 15, "promo code"),
    p(Advert, Any, 15, "gutscheincode"),
    p(Advert, Any, 15, "rabattcode"),
    p(Advert, Start, 8, "shop now"),
    p(Advert, Start, 8, "buy now"),
    p(Advert, Start, 8, "check price"),
    p(Advert, Start, 8, "view deal"),
    p(Advert, Start, 8, "see price"),
    p(Advert, Start, 8, "jetzt kaufen"),
    p(Advert, Start, 8, "jetzt bestellen"),
    p(Advert, Start, 8, "zum angebot"),
    p(Advert, Start, 8, "zum deal"),
    p(Advert, Start, 8, "angebot ansehen"),
    p(Advert, Start, 8, "bei amazon"),
    p(Advert, Start, 8, "preis prüfen"),
    p(Advert, Line, 4, "advertisement"),
    p(Advert, Line, 4, "advertising"),
    p(Advert, Line, 4, "ad"),
    p(Advert, Line, 4, "ads"),
    p(Advert, Line, 4, "anzeigen"),
    p(Advert, Line, 4, "promoted"),
    p(Advert, Line, 4, "promoted content"),
    p(Advert, Line, 4, "reklame"),
    // calls to action
    p(CallToAction, Start, 40, "connect your wallet"),
    p(CallToAction, Start, 40, "connect wallet"),
    p(CallToAction, Start, 40, "stay ahead of the market"),
    p(CallToAction, Start, 40, "act on this with"),
    p(CallToAction, Line, 6, "how it works"),
    p(CallToAction, Line, 6, "so funktioniert's"),
    p(CallToAction, Any, 40, "subscribe to our newsletter"),
    p(CallToAction, Any, 40, "sign up for our newsletter"),
    p(CallToAction, Any, 40, "sign up for the newsletter"),
    p(CallToAction, Any, 40, "sign up to our newsletter"),
    p(CallToAction, Any, 40, "newsletter abonnieren"),
    p(CallToAction, Any, 40, "unseren newsletter"),
    p(CallToAction, Any, 40, "zum newsletter"),
    p(CallToAction, Any, 40, "newsletter anmelden"),
    p(CallToAction, Start, 20, "newsletter"),
    p(CallToAction, Any, 20, "get the app"),
    p(CallToAction, Any, 20, "download the app"),
    p(CallToAction, Any, 20, "download our app"),
    p(CallToAction, Any, 20, "app herunterladen"),
    p(CallToAction, Any, 20, "laden sie die app"),
    p(CallToAction, Any, 80, "we use cookies"),
    p(CallToAction, Any, 80, "this website uses cookies"),
    p(CallToAction, Any, 80, "this site uses cookies"),
    p(CallToAction, Any, 80, "uses cookies to"),
    p(CallToAction, Any, 80, "verwendet cookies"),
    p(CallToAction, Any, 80, "wir verwenden cookies"),
    p(CallToAction, Any, 80, "nutzt cookies"),
    p(CallToAction, Any, 80, "setzt cookies"),
    p(CallToAction, Any, 20, "cookie settings"),
    p(CallToAction, Any, 20, "cookie-einstellungen"),
    p(CallToAction, Any, 20, "accept cookies"),
    p(CallToAction, Any, 20, "cookies akzeptieren"),
    p(CallToAction, Line, 6, "accept all"),
    p(CallToAction, Line, 6, "alle akzeptieren"),
    p(CallToAction, Line, 6, "akzeptieren"),
    p(CallToAction, Line, 6, "accept"),
    p(CallToAction, Any, 30, "enable javascript"),
    p(CallToAction, Any, 30, "javascript aktivieren"),
    p(CallToAction, Any, 30, "ad blocker"),
    p(CallToAction, Any, 30, "adblocker"),
    p(CallToAction, Any, 30, "support our journalism"),
    p(
        CallToAction,
        Any,
        30,
        "unterstützen sie unseren journalismus",
    ),
    p(CallToAction, Any, 20, "become a member"),
    p(CallToAction, Any, 20, "already a subscriber"),
    p(CallToAction, Any, 20, "bereits abonnent"),
    p(CallToAction, Any, 20, "subscribe now"),
    p(CallToAction, Any, 20, "jetzt abonnieren"),
    p(CallToAction, Any, 20, "jetzt registrieren"),
    p(CallToAction, Any, 20, "create an account"),
    p(CallToAction, Any, 20, "start your free trial"),
    p(CallToAction, Any, 20, "kostenlos testen"),
    // share / follow / subscribe / sign in
    p(Share, Line, 8, "share"),
    p(Share, Line, 8, "share this"),
    p(Share, Line, 8, "share this article"),
    p(Share, Line, 8, "share this story"),
    p(Share, Line, 8, "share article"),
    p(Share, Start, 8, "share on"),
    p(Share, Start, 8, "share via"),
    p(Share, Start, 8, "follow us"),
    p(Share, Start, 8, "follow me"),
    p(Share, Start, 8, "folgen sie uns"),
    p(Share, Start, 8, "folge uns"),
    p(Share, Line, 8, "teilen"),
    p(Share, Line, 8, "artikel teilen"),
    p(Share, Line, 8, "beitrag teilen"),
    p(Share, Line, 8, "diesen artikel teilen"),
    p(Share, Start, 8, "teilen auf"),
    p(Share, Line, 8, "tweet"),
    p(Share, Line, 8, "email"),
    p(Share, Line, 8, "e-mail"),
    p(Share, Line, 8, "print"),
    p(Share, Line, 8, "drucken"),
    p(Share, Line, 8, "subscribe"),
    p(Share, Line, 8, "abonnieren"),
    p(Share, Line, 8, "sign in"),
    p(Share, Line, 8, "sign up"),
    p(Share, Line, 8, "log in"),
    p(Share, Line, 8, "login"),
    p(Share, Line, 8, "logout"),
    p(Share, Line, 8, "register"),
    p(Share, Line, 8, "anmelden"),
    p(Share, Line, 8, "abmelden"),
    p(Share, Line, 8, "einloggen"),
    p(Share, Line, 8, "registrieren"),
    p(Share, Line, 8, "my account"),
    p(Share, Line, 8, "mein konto"),
    p(Share, Line, 8, "copy link"),
    p(Share, Line, 8, "link kopieren"),
    p(Share, Line, 8, "rss"),
    // related
    p(Related, Line, 8, "related"),
    p(Related, Line, 8, "related articles"),
    p(Related, Line, 8, "related posts"),
    p(Related, Line, 8, "related stories"),
    p(Related, Line, 8, "related news"),
    p(Related, Line, 8, "related content"),
    p(Related, Line, 8, "related coverage"),
    p(Related, Line, 8, "related topics"),
    p(Related, Line, 8, "more stories"),
    p(Related, Line, 8, "more news"),
    p(Related, Line, 8, "more articles"),
    p(Related, Start, 8, "more from"),
    p(Related, Start, 8, "more on this"),
    p(Related, Line, 8, "you may also like"),
    p(Related, Line, 8, "you might also like"),
    p(Related, Line, 8, "you may be interested in"),
    p(Related, Line, 8, "recommended"),
    p(Related, Line, 8, "recommended for you"),
    p(Related, Line, 8, "recommended stories"),
    p(Related, Line, 8, "most popular"),
    p(Related, Line, 8, "most read"),
    p(Related, Line, 8, "trending"),
    p(Related, Line, 8, "trending now"),
    p(Related, Line, 8, "top stories"),
    p(Related, Line, 8, "latest news"),
    p(Related, Line, 8, "latest stories"),
    p(Related, Line, 8, "read next"),
    p(Related, Start, 8, "read also"),
    p(Related, Start, 8, "also read"),
    p(Related, Start, 8, "see also"),
    p(Related, Line, 8, "mehr zum thema"),
    p(Related, Start, 12, "das könnte sie auch interessieren"),
    p(Related, Start, 12, "das könnte dich auch interessieren"),
    p(Related, Start, 12, "könnte sie auch interessieren"),
    p(Related, Line, 8, "weitere artikel"),
    p(Related, Line, 8, "ähnliche artikel"),
    p(Related, Line, 8, "ähnliche beiträge"),
    p(Related, Line, 8, "auch interessant"),
    p(Related, Start, 12, "lesen sie auch"),
    p(Related, Start, 12, "lies auch"),
    p(Related, Line, 8, "meistgelesen"),
    p(Related, Line, 8, "meistgelesene artikel"),
    p(Related, Line, 8, "neueste artikel"),
    p(Related, Line, 8, "empfehlungen"),
    p(Related, Line, 8, "unsere empfehlungen"),
    p(Related, Line, 8, "weitere themen"),
    p(Related, Start, 8, "mehr aus"),
    p(Related, Start, 8, "mehr zu"),
    // comment prompts
    p(CommentPrompt, Any, 25, "know in the comments"),
    p(CommentPrompt, Any, 25, "us in the comments"),
    p(CommentPrompt, Any, 25, "thoughts in the comments"),
    p(CommentPrompt, Any, 25, "opinion in the comments"),
    p(CommentPrompt, Any, 25, "opinions in the comments"),
    p(CommentPrompt, Any, 25, "in the comments below"),
    p(CommentPrompt, Any, 25, "in the comment section below"),
    p(CommentPrompt, Any, 25, "comments below"),
    p(CommentPrompt, Any, 25, "comment below"),
    p(CommentPrompt, Any, 25, "leave a comment"),
    p(CommentPrompt, Any, 25, "leave your comment"),
    p(CommentPrompt, Any, 25, "post a comment"),
    p(CommentPrompt, Any, 25, "add a comment"),
    p(CommentPrompt, Any, 25, "what are your thoughts"),
    p(CommentPrompt, Any, 25, "share your thoughts"),
    p(CommentPrompt, Any, 25, "share your opinion"),
    p(CommentPrompt, Any, 25, "let us know what you think"),
    p(CommentPrompt, Any, 25, "let us know in"),
    p(CommentPrompt, Any, 25, "tell us what you think"),
    p(CommentPrompt, Any, 25, "join the discussion"),
    p(CommentPrompt, Any, 25, "join the conversation"),
    p(CommentPrompt, Any, 25, "was denken sie"),
    p(CommentPrompt, Any, 25, "was meinen sie"),
    p(CommentPrompt, Any, 25, "was halten sie davon"),
    p(CommentPrompt, Any, 25, "in die kommentare"),
    p(CommentPrompt, Any, 25, "uns in den kommentaren"),
    p(CommentPrompt, Any, 25, "es in den kommentaren"),
    p(CommentPrompt, Any, 25, "meinung in den kommentaren"),
    p(CommentPrompt, Any, 25, "diskutieren sie mit"),
    p(CommentPrompt, Any, 25, "kommentar schreiben"),
    p(CommentPrompt, Any, 25, "schreiben sie uns ihre meinung"),
    p(CommentPrompt, Line, 6, "comments"),
    p(CommentPrompt, Line, 6, "comment"),
    p(CommentPrompt, Line, 6, "kommentare"),
    p(CommentPrompt, Line, 6, "kommentieren"),
    p(CommentPrompt, Line, 6, "no comments"),
    p(CommentPrompt, Line, 6, "keine kommentare"),
    p(CommentPrompt, Line, 6, "reply"),
    p(CommentPrompt, Line, 6, "antworten"),
    // comment forms and comment sections
    p(
        CommentPrompt,
        Any,
        25,
        "email address will not be published",
    ),
    p(
        CommentPrompt,
        Any,
        25,
        "e-mail address will not be published",
    ),
    p(
        CommentPrompt,
        Any,
        25,
        "e-mail-adresse wird nicht veröffentlicht",
    ),
    p(CommentPrompt, Any, 10, "wird nicht veröffentlicht"),
    p(CommentPrompt, Any, 10, "will not be published"),
    p(CommentPrompt, Any, 25, "required fields are marked"),
    p(CommentPrompt, Any, 25, "erforderliche felder sind"),
    p(CommentPrompt, Any, 25, "pflichtfelder sind"),
    p(CommentPrompt, Line, 4, "erforderlich"),
    p(CommentPrompt, Line, 4, "required"),
    p(CommentPrompt, Any, 25, "akismet"),
    p(CommentPrompt, Any, 25, "save my name, email"),
    p(CommentPrompt, Any, 25, "meinen namen, meine e-mail"),
    p(CommentPrompt, Start, 12, "notify me of"),
    p(CommentPrompt, Start, 12, "benachrichtige mich"),
    p(CommentPrompt, Any, 25, "kommentarfunktion"),
    p(CommentPrompt, Any, 25, "comments are closed"),
    p(CommentPrompt, Any, 25, "kommentare sind geschlossen"),
    p(CommentPrompt, Line, 6, "leave a reply"),
    p(CommentPrompt, Line, 6, "schreibe einen kommentar"),
    p(CommentPrompt, Line, 6, "kommentar verfassen"),
    p(CommentPrompt, Line, 6, "antwort schreiben"),
    p(CommentPrompt, Line, 6, "antworten abbrechen"),
    p(CommentPrompt, Line, 6, "cancel reply"),
    p(CommentPrompt, Line, 6, "report abuse"),
    p(CommentPrompt, Any, 20, "hier ist ihre meinung gefragt"),
    p(CommentPrompt, Any, 20, "ihre meinung ist gefragt"),
    p(CommentPrompt, Any, 12, "was this article helpful"),
    p(CommentPrompt, Any, 12, "was this helpful"),
    p(CommentPrompt, Any, 12, "war der artikel nützlich"),
    p(CommentPrompt, Any, 12, "war dieser artikel hilfreich"),
    p(CommentPrompt, Any, 12, "hat ihnen der artikel gefallen"),
    p(CommentPrompt, Any, 12, "artikel bewerten"),
    // more navigation, sharing, newsletters, footers
    p(Navigation, Line, 6, "vorheriger beitrag"),
    p(Navigation, Line, 6, "nächster beitrag"),
    p(Navigation, Line, 6, "older posts"),
    p(Navigation, Line, 6, "newer posts"),
    p(Navigation, Line, 6, "ältere beiträge"),
    p(Navigation, Line, 6, "neuere beiträge"),
    p(Navigation, Line, 6, "wird geladen"),
    p(Navigation, Line, 6, "loading"),
    p(Share, Start, 12, "click to share"),
    p(Share, Start, 12, "click to email"),
    p(Share, Start, 12, "click to print"),
    p(Share, Any, 12, "opens in new window"),
    p(Share, Any, 12, "möchten sie den artikel teilen"),
    p(Share, Line, 8, "share this:"),
    p(Share, Line, 8, "teilen mit"),
    p(CommentPrompt, Line, 6, "kommentar hinzufügen"),
    p(CommentPrompt, Line, 6, "add comment"),
    p(Share, Line, 8, "like this:"),
    p(Share, Line, 8, "gefällt mir"),
    p(Share, Start, 8, "teile diesen"),
    p(CallToAction, Any, 15, "newsletter"),
    p(CallToAction, Any, 20, "neue beiträge per e-mail"),
    p(CallToAction, Any, 20, "enter your email"),
    p(CallToAction, Any, 20, "your email address"),
    p(CallToAction, Any, 20, "gib deine e-mail"),
    p(CallToAction, Any, 20, "ihre e-mail-adresse"),
    p(CallToAction, Any, 20, "deine e-mail-adresse"),
    p(Advert, Start, 20, "anzeige"),
    p(Advert, Start, 20, "advertisement"),
    p(Footer, Start, 10, "powered by"),
    p(Footer, Start, 10, "proudly powered by"),
    p(Footer, Any, 15, "copyleft"),
    p(Footer, Start, 10, "theme by"),
    p(Footer, Start, 10, "designed by"),
    // footer
    p(Footer, Any, 20, "all rights reserved"),
    p(Footer, Any, 20, "alle rechte vorbehalten"),
    p(Footer, Line, 6, "impressum"),
    p(Footer, Line, 6, "datenschutz"),
    p(Footer, Line, 6, "datenschutzerklärung"),
    p(Footer, Line, 6, "privacy policy"),
    p(Footer, Line, 6, "privacy"),
    p(Footer, Line, 6, "terms of use"),
    p(Footer, Line, 6, "terms of service"),
    p(Footer, Line, 6, "terms and conditions"),
    p(Footer, Line, 6, "cookie policy"),
    p(Footer, Line, 6, "agb"),
    p(Footer, Line, 6, "kontakt"),
    p(Footer, Line, 6, "contact"),
    p(Footer, Line, 6, "contact us"),
    p(Footer, Line, 6, "about us"),
    p(Footer, Line, 6, "über uns"),
    p(Footer, Line, 6, "advertise"),
    p(Footer, Line, 6, "careers"),
    p(Footer, Line, 6, "faq"),
];

/// Blocks longer than this are first checked with a cheap prefilter.
pub const LONG_BLOCK: usize = 25;

/// `true` when a block of more than [`LONG_BLOCK`] words may match a phrase
/// (a cheap prefilter on the raw text that saves lowercasing long paragraphs).
pub fn long_block_may_match(text: &str) -> bool {
    compiled().long.is_match(text)
}

/// No phrase applies to blocks longer than this.
pub const MAX_RULE_WORDS: usize = 80;

/// Phrases that, closing a paragraph, are trimmed as whole sentences.
pub const TRIM_RULES: &[RuleId] = &[CommentPrompt];

/// Regex shapes: (rule, max_words, pattern over the lowercased core).
pub const SHAPES: &[(RuleId, u16, &str)] = &[
    (Label, 12, r"importance\s*:?\s*\d{1,2}\s*/\s*10"),
    (Label, 6, r"^(rating|bewertung|score|wertung)\s*:?\s*\d"),
    (Label, 4, r"^\d{1,2}(\.\d)?\s*/\s*(5|10)$"),
    (
        Label,
        4,
        r"^(neutral|bullish|bearish|sehr positiv|positiv|negativ)$",
    ),
    (
        Label,
        4,
        r"^(breaking|breaking news|exklusiv|exclusive|eilmeldung|live|sponsored|premium)$",
    ),
    (
        CommentPrompt,
        4,
        r"^\d+\s+(comments?|kommentare?|replies|antworten)$",
    ),
    (Share, 4, r"^\d+\s+(shares?|likes?|views?|aufrufe)$"),
    (Navigation, 12, r"^(https?://|www\.)\S+$"),
    (Footer, 15, r"^(©|\(c\)|copyright)\s*\d{0,4}"),
];

/// Date shapes (English and German), used by the date rule.
pub const DATE: &str = r"(?x)
    \b\d{1,2}\.\s?\d{1,2}\.\s?(\d{4}|\d{2})\b
  | \b\d{4}-\d{2}-\d{2}\b
  | \b\d{1,2}/\d{1,2}/\d{2,4}\b
  | \b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|june|july|october|december|okt|dez|mär)\.?\s+\d{1,2}(st|nd|rd|th)?,?\s+\d{4}\b
  | \b\d{1,2}(st|nd|rd|th|\.)?\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|january|february|march|june|july|october|december|okt|dez|mär)\.?,?\s+\d{4}\b
  | \b\d{1,2}:\d{2}(\s*(am|pm|uhr|h))?\b
  | \b\d+\s+(minutes?|hours?|days?|weeks?|months?|mins?|hrs?)\s+ago\b
  | \b\d{1,3}\s?[smhdw]\s+ago\b
  | \bvor\s+\d+\s+(minuten|stunden|tagen|wochen|monaten)\b
  | \b(today|yesterday|heute|gestern)\b
  | \b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\b
";

/// A month and day without a year ("Nov 18"): a date line only when at
/// most one other word stands beside it.
pub const SHORT_DATE: &str = r"(?x)
    \b(jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|januar|februar|märz|juni|juli|oktober|dezember)\.?\s+\d{1,2}(st|nd|rd|th)?\b
  | \b\d{1,2}\.\s+(januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)\b
";

/// Words that may stand beside a date on a date line.
pub const DATE_WORDS: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "am",
    "pm",
    "by",
    "uhr",
    "stand",
    "veröffentlicht",
    "aktualisiert",
    "zuletzt",
    "erstellt",
    "von",
    "um",
    "und",
    "and",
    "edt",
    "est",
    "cst",
    "cet",
    "cest",
    "mez",
    "mesz",
    "gmt",
    "utc",
    "pst",
    "pdt",
    "bst",
    "ist",
    "et",
    "pt",
    "ct",
    "min",
    "read",
    "lesezeit",
    "minuten",
    "minutes",
    "date",
    "datum",
    "time",
    "reading",
];

/// Words made only of share/follow/sign-in buttons.
pub const SHARE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "facebook",
    "twitter",
    "x",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "email",
    "e-mail",
    "mail",
    "print",
    "drucken",
    "teilen",
    "xing",
    "instagram",
    "youtube",
    "flipboard",
    "telegram",
    "messenger",
    "copy",
    "link",
    "kopieren",
    "pocket",
    "tumblr",
    "rss",
    "feed",
    "comments",
    "kommentare",
    "save",
    "speichern",
    "merken",
    "follow",
    "subscribe",
    "sms",
    "threads",
    "bluesky",
    "mastodon",
    "tiktok",
    "snapchat",
    "google",
    "news",
];

/// Headers of a reader comment section (on the core), and the marks of a
/// comment inside one.
pub const COMMENTS_HEADER: &str = r"^(\d+\s+(responses?|comments?|kommentare?|antworten|reactions?|replies|leserbriefe)\b.*|comments?|kommentare?|leserkommentare|reader comments|discussion|diskussion|leave a reply|schreibe einen kommentar|join the discussion|show comments|kommentare anzeigen|comments \(\d+\)|kommentare \(\d+\))$";
/// A commenter line ("Jane says:") or a reply button.
pub const COMMENT_MARK: &str = r"(\b(says|schreibt|sagt|meint|wrote|antwortete)\s*:?$|^(reply|antworten|report|melden|like|gefällt mir)$|^\d+\s+(likes?|points?)$)";

/// Headings that announce an embedded summary.
pub const SUMMARY_HEADINGS: &[&str] = &[
    "ai summary",
    "ki-zusammenfassung",
    "ki zusammenfassung",
    "tl;dr",
    "tldr",
    "article summary",
    "story summary",
];

/// Headings that announce a key-takeaways list.
pub const TAKEAWAY_HEADINGS: &[&str] = &[
    "key takeaways",
    "takeaways",
    "key points",
    "das wichtigste in kürze",
    "das wichtigste auf einen blick",
    "auf einen blick",
    "die wichtigsten punkte",
];

/// The compiled rule set.
#[derive(Debug)]
pub(crate) struct Compiled {
    pub(crate) phrases: AhoCorasick,
    pub(crate) trim: AhoCorasick,
    pub(crate) long: AhoCorasick,
    pub(crate) shapes: RegexSet,
    pub(crate) date: Regex,
    pub(crate) date_any: Regex,
    pub(crate) short_date: Regex,
    pub(crate) comments_header: Regex,
    pub(crate) comment_mark: Regex,
}

/// The compiled rules, built once per process.
pub(crate) fn compiled() -> &'static Compiled {
    static C: OnceLock<Compiled> = OnceLock::new();
    C.get_or_init(|| {
        // The phrase automaton (all 469 phrases) runs once per short block:
        // as a DFA it took 27 M instructions to build, a third of the
        // start-up of a one-page run, and saved only 3,600 instructions per
        // page (of about 900,000) over the contiguous NFA.
        // The trim and long-block automata are small and run on every
        // sentence or long block, so they stay DFAs.
        let phrases = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
            .build(PHRASES.iter().map(|p| p.text))
            .expect("phrase table compiles");
        let trim = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(
                PHRASES
                    .iter()
                    .filter(|p| TRIM_RULES.contains(&p.rule) && p.at == Any)
                    .flat_map(|p| [p.text.to_string(), p.text.replace('\'', "’")]),
            )
            .expect("trim table compiles");
        let long = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(
                PHRASES
                    .iter()
                    .filter(|p| p.max_words as usize > LONG_BLOCK)
                    .flat_map(|p| {
                        let mut cap = String::new();
                        let mut cs = p.text.chars();
                        if let Some(c) = cs.next() {
                            cap.extend(c.to_uppercase());
                            cap.push_str(cs.as_str());
                        }
                        [p.text.to_string(), p.text.replace('\'', "’"), cap]
                    }),
            )
            .expect("long-block table compiles");
        let shapes = RegexSet::new(SHAPES.iter().map(|s| s.2)).expect("shape table compiles");
        let date = Regex::new(&DATE.replace(r"\b", r"(?-u:\b)")).expect("date regex compiles");
        Compiled {
            long,
            comments_header: Regex::new(COMMENTS_HEADER).expect("comments header compiles"),
            comment_mark: Regex::new(COMMENT_MARK).expect("comment mark compiles"),
            phrases,
            trim,
            shapes,
            date_any: date.clone(),
            short_date: Regex::new(&SHORT_DATE.replace(r"\b", r"(?-u:\b)"))
                .expect("short date regex compiles"),
            date,
        }
    })
}

/// The matching form of a block: lowercase, `’`→`'`, trimmed of
/// non-alphanumeric edges.
pub fn core(text: &str) -> String {
    let mut lower = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            lower.push(c.to_ascii_lowercase());
        } else if matches!(c, '’' | '‘' | '´') {
            lower.push('\'');
        } else {
            lower.extend(c.to_lowercase());
        }
    }
    let t = lower.trim_matches(|c: char| !(c.is_alphanumeric() || matches!(c, '©' | '(' | ')')));
    let t = t.trim_end_matches([')', '(']);
    t.to_string()
}

fn boundary_before(s: &str, i: usize) -> bool {
    s[..i]
        .chars()
        .next_back()
        .map_or(true, |c| !c.is_alphanumeric())
}

fn boundary_after(s: &str, i: usize) -> bool {
    s[i..].chars().next().map_or(true, |c| !c.is_alphanumeric())
}

/// The first rule whose phrase or shape matches `core` (a block of `words`
/// words). Rules earlier in the phrase table win ties.
pub fn match_rule(core: &str, words: usize) -> Option<RuleId> {
    let c = compiled();
    let mut best: Option<(usize, RuleId)> = None;
    for m in c.phrases.find_overlapping_iter(core) {
        let idx = m.pattern().as_usize();
        let ph = &PHRASES[idx];
        if words > ph.max_words as usize {
            continue;
        }
        if !boundary_before(core, m.start()) || !boundary_after(core, m.end()) {
            continue;
        }
        let ok = match ph.at {
            Line => m.start() == 0 && m.end() == core.len(),
            Start => m.start() == 0,
            Any => true,
        };
        if ok && best.map_or(true, |(b, _)| idx < b) {
            best = Some((idx, ph.rule));
        }
    }
    if let Some((_, r)) = best {
        return Some(r);
    }
    if words <= 15 && may_be_shape(core) {
        for i in c.shapes.matches(core).iter() {
            let (rule, max, _) = SHAPES[i];
            if words <= max as usize {
                return Some(rule);
            }
        }
    }
    if words <= 12 && is_date_line(core) {
        return Some(Date);
    }
    if (1..=8).contains(&words) && is_share_row(core) {
        return Some(Share);
    }
    None
}

/// A cheap exact prefilter for [`SHAPES`]: every shape needs a digit or
/// starts the core with one of a few letters (`neutral`, `bullish`,
/// `sehr positiv`, `live`, `http`, `www.`, `©`, `(c)`, `copyright`, …).
fn may_be_shape(core: &str) -> bool {
    core.starts_with(['n', 'b', 's', 'p', 'e', 'l', 'h', 'w', 'c', '(', '©'])
        || core.bytes().any(|b| b.is_ascii_digit())
}

/// `true` when `core` heads a comment section.
pub fn is_comments_header(core: &str) -> bool {
    core.len() <= 120 && compiled().comments_header.is_match(core)
}

/// `true` when `core` is a commenter line or a reply button.
pub fn is_comment_mark(core: &str) -> bool {
    core.len() <= 200 && compiled().comment_mark.is_match(core)
}

/// `true` when `text` may hold a sentence to trim (a cheap prefilter).
pub fn may_trim(text: &str) -> bool {
    // Only the closing sentences can be trimmed: look at the tail.
    let mut start = text.len().saturating_sub(600);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    compiled().trim.is_match(&text[start..])
}

/// A line that is a date or timestamp, with at most a few other words
/// (a name, "Published", a time zone).
pub fn is_date_line(core: &str) -> bool {
    let c = compiled();
    if !core.bytes().any(|b| b.is_ascii_digit())
        && !core.contains("day")
        && !core.contains("tag")
        && !core.contains("heute")
    {
        return false;
    }
    let (re, max_others) = if c.date.is_match(core) {
        (&c.date_any, 3)
    } else if c.short_date.is_match(core) {
        (&c.short_date, 1)
    } else {
        return false;
    };
    let rest = re.replace_all(core, " ");
    let others = rest
        .split(|ch: char| !(ch.is_alphanumeric() || ch == '-'))
        .filter(|w| !w.is_empty() && w.chars().any(char::is_alphabetic))
        .filter(|w| !DATE_WORDS.contains(w))
        .count();
    let sentence_like = core.ends_with('.') && !core.ends_with("..");
    others <= max_others && !sentence_like
}

/// A line made only of share-button words.
pub fn is_share_row(core: &str) -> bool {
    let mut n = 0;
    for w in core.split(|ch: char| ch.is_whitespace() || matches!(ch, '|' | '/' | '·' | '•' | ','))
    {
        if w.is_empty() {
            continue;
        }
        if !SHARE_WORDS.contains(&w) {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// `true` when a whole heading `core` announces an embedded summary.
pub fn is_summary_heading(core: &str) -> bool {
    core.len() <= 40
        && SUMMARY_HEADINGS
            .iter()
            .any(|h| core.ends_with(h) && core.len() <= h.len() + 12)
}

/// `true` when a whole heading `core` announces a key-takeaways list.
pub fn is_takeaway_heading(core: &str) -> bool {
    TAKEAWAY_HEADINGS.contains(&core)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_compile() {
        let _ = compiled();
        assert_eq!(RULES.len(), RuleId::Classifier as usize + 1);
    }

    #[test]
    fn phrases_are_lowercase() {
        for p in PHRASES {
            assert_eq!(p.text, p.text.to_lowercase(), "{}", p.text);
            assert!(!p.text.contains('’'));
        }
    }

    #[test]
    fn core_trims_edges() {
        assert_eq!(core("← Feed"), "feed");
        assert_eq!(core("Don’t miss"), "don't miss");
        assert_eq!(core("READ MORE »"), "read more");
    }

    #[test]
    fn shape_prefilter_never_hides_a_shape() {
        let c = compiled();
        for core in [
            "importance 7/10",
            "rating: 4",
            "7/10",
            "neutral",
            "sehr positiv",
            "breaking news",
            "live",
            "12 comments",
            "3 shares",
            "https://example.com/a",
            "www.example.com",
            "© 2024 harbor ledger",
            "(c) 2024",
            "copyright 2024",
            "home",
            "tidal turbines light up the harbour",
            "weiterlesen",
        ] {
            if c.shapes.is_match(core) {
                assert!(may_be_shape(core), "{core}");
            }
        }
        assert!(!may_be_shape("tidal turbines"));
    }
}
