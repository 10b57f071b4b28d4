//! Mapping between whatlang's language type and nutgraf's [`Language`].

use nutgraf_text::Language;
use whatlang::Lang;

/// Every pair (whatlang language, nutgraf language).
const PAIRS: &[(Lang, Language)] = &[
    (Lang::Epo, Language::Eo),
    (Lang::Eng, Language::En),
    (Lang::Rus, Language::Ru),
    (Lang::Cmn, Language::Zh),
    (Lang::Spa, Language::Es),
    (Lang::Por, Language::Pt),
    (Lang::Ita, Language::It),
    (Lang::Ben, Language::Bn),
    (Lang::Fra, Language::Fr),
    (Lang::Deu, Language::De),
    (Lang::Ukr, Language::Uk),
    (Lang::Kat, Language::Ka),
    (Lang::Ara, Language::Ar),
    (Lang::Hin, Language::Hi),
    (Lang::Jpn, Language::Ja),
    (Lang::Heb, Language::He),
    (Lang::Yid, Language::Yi),
    (Lang::Pol, Language::Pl),
    (Lang::Amh, Language::Am),
    (Lang::Jav, Language::Jv),
    (Lang::Kor, Language::Ko),
    (Lang::Nob, Language::Nb),
    (Lang::Dan, Language::Da),
    (Lang::Swe, Language::Sv),
    (Lang::Fin, Language::Fi),
    (Lang::Tur, Language::Tr),
    (Lang::Nld, Language::Nl),
    (Lang::Hun, Language::Hu),
    (Lang::Ces, Language::Cs),
    (Lang::Ell, Language::El),
    (Lang::Bul, Language::Bg),
    (Lang::Bel, Language::Be),
    (Lang::Mar, Language::Mr),
    (Lang::Kan, Language::Kn),
    (Lang::Ron, Language::Ro),
    (Lang::Slv, Language::Sl),
    (Lang::Hrv, Language::Hr),
    (Lang::Srp, Language::Sr),
    (Lang::Mkd, Language::Mk),
    (Lang::Lit, Language::Lt),
    (Lang::Lav, Language::Lv),
    (Lang::Est, Language::Et),
    (Lang::Tam, Language::Ta),
    (Lang::Vie, Language::Vi),
    (Lang::Urd, Language::Ur),
    (Lang::Tha, Language::Th),
    (Lang::Guj, Language::Gu),
    (Lang::Uzb, Language::Uz),
    (Lang::Pan, Language::Pa),
    (Lang::Aze, Language::Az),
    (Lang::Ind, Language::Id),
    (Lang::Tel, Language::Te),
    (Lang::Pes, Language::Fa),
    (Lang::Mal, Language::Ml),
    (Lang::Ori, Language::Or),
    (Lang::Mya, Language::My),
    (Lang::Nep, Language::Ne),
    (Lang::Sin, Language::Si),
    (Lang::Khm, Language::Km),
    (Lang::Tuk, Language::Tk),
    (Lang::Aka, Language::Ak),
    (Lang::Zul, Language::Zu),
    (Lang::Sna, Language::Sn),
    (Lang::Afr, Language::Af),
    (Lang::Lat, Language::La),
    (Lang::Slk, Language::Sk),
    (Lang::Cat, Language::Ca),
    (Lang::Tgl, Language::Tl),
    (Lang::Hye, Language::Hy),
    (Lang::Cym, Language::Cy),
];

/// nutgraf's name for a whatlang language.
pub(crate) fn from_whatlang(lang: Lang) -> Language {
    PAIRS
        .iter()
        .find(|(w, _)| *w == lang)
        .map_or(Language::Und, |(_, l)| *l)
}

/// whatlang's name for a nutgraf language (`None` for [`Language::Und`]).
pub(crate) fn to_whatlang(lang: Language) -> Option<Lang> {
    PAIRS.iter().find(|(_, l)| *l == lang).map(|(w, _)| *w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_whatlang_language_maps_both_ways() {
        for &w in Lang::all() {
            let l = from_whatlang(w);
            assert_ne!(l, Language::Und, "{w:?}");
            assert_eq!(to_whatlang(l), Some(w));
        }
        assert_eq!(to_whatlang(Language::Und), None);
    }
}
