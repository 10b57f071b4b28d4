//! The [`Language`] enum shared by every nutgraf crate.
//!
//! nutgraf names languages with ISO 639-1 codes. The set is the languages
//! whatlang can identify plus [`Language::Und`] ("undetermined"), so no
//! dependency's type leaks into nutgraf's public API.

use std::fmt;
use std::str::FromStr;

macro_rules! languages {
    ($( $variant:ident => $code:literal, $name:literal; )*) => {
        /// A natural language, named by its ISO 639-1 code.
        ///
        /// English and German are the languages nutgraf is tuned for; the
        /// others are recognised so that they are not mistaken for them.
        ///
        /// # Example
        /// ```
        /// use nutgraf_text::Language;
        /// let de: Language = "de".parse().unwrap();
        /// assert_eq!(de, Language::De);
        /// assert_eq!(de.code(), "de");
        /// assert_eq!(Language::Und.to_string(), "und");
        /// ```
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
        #[non_exhaustive]
        pub enum Language {
            /// Undetermined: no language could be told with confidence.
            #[default]
            Und,
            $(
                #[doc = $name]
                $variant,
            )*
        }

        impl Language {
            /// Every language, [`Language::Und`] first.
            pub const ALL: &'static [Language] = &[Language::Und, $(Language::$variant,)*];

            /// The ISO 639-1 code (`"und"` for [`Language::Und`]).
            ///
            /// # Example
            /// ```
            /// assert_eq!(nutgraf_text::Language::En.code(), "en");
            /// ```
            pub fn code(self) -> &'static str {
                match self {
                    Language::Und => "und",
                    $(Language::$variant => $code,)*
                }
            }

            /// The English name of the language.
            ///
            /// # Example
            /// ```
            /// assert_eq!(nutgraf_text::Language::De.name(), "German");
            /// ```
            pub fn name(self) -> &'static str {
                match self {
                    Language::Und => "Undetermined",
                    $(Language::$variant => $name,)*
                }
            }

            /// Looks a language up by its ISO 639-1 code (case-insensitive);
            /// `"und"` gives [`Language::Und`].
            ///
            /// # Example
            /// ```
            /// use nutgraf_text::Language;
            /// assert_eq!(Language::from_code("EN"), Some(Language::En));
            /// assert_eq!(Language::from_code("xx"), None);
            /// ```
            pub fn from_code(code: &str) -> Option<Language> {
                let code = code.trim().to_ascii_lowercase();
                match code.as_str() {
                    "und" => Some(Language::Und),
                    $($code => Some(Language::$variant),)*
                    _ => None,
                }
            }
        }
    };
}

languages! {
    Eo => "eo", "Esperanto";
    En => "en", "English";
    Ru => "ru", "Russian";
    Zh => "zh", "Chinese";
    Es => "es", "Spanish";
    Pt => "pt", "Portuguese";
    It => "it", "Italian";
    Bn => "bn", "Bengali";
    Fr => "fr", "French";
    De => "de", "German";
    Uk => "uk", "Ukrainian";
    Ka => "ka", "Georgian";
    Ar => "ar", "Arabic";
    Hi => "hi", "Hindi";
    Ja => "ja", "Japanese";
    He => "he", "Hebrew";
    Yi => "yi", "Yiddish";
    Pl => "pl", "Polish";
    Am => "am", "Amharic";
    Jv => "jv", "Javanese";
    Ko => "ko", "Korean";
    Nb => "nb", "Norwegian Bokmål";
    Da => "da", "Danish";
    Sv => "sv", "Swedish";
    Fi => "fi", "Finnish";
    Tr => "tr", "Turkish";
    Nl => "nl", "Dutch";
    Hu => "hu", "Hungarian";
    Cs => "cs", "Czech";
    El => "el", "Greek";
    Bg => "bg", "Bulgarian";
    Be => "be", "Belarusian";
    Mr => "mr", "Marathi";
    Kn => "kn", "Kannada";
    Ro => "ro", "Romanian";
    Sl => "sl", "Slovenian";
    Hr => "hr", "Croatian";
    Sr => "sr", "Serbian";
    Mk => "mk", "Macedonian";
    Lt => "lt", "Lithuanian";
    Lv => "lv", "Latvian";
    Et => "et", "Estonian";
    Ta => "ta", "Tamil";
    Vi => "vi", "Vietnamese";
    Ur => "ur", "Urdu";
    Th => "th", "Thai";
    Gu => "gu", "Gujarati";
    Uz => "uz", "Uzbek";
    Pa => "pa", "Punjabi";
    Az => "az", "Azerbaijani";
    Id => "id", "Indonesian";
    Te => "te", "Telugu";
    Fa => "fa", "Persian";
    Ml => "ml", "Malayalam";
    Or => "or", "Odia";
    My => "my", "Burmese";
    Ne => "ne", "Nepali";
    Si => "si", "Sinhala";
    Km => "km", "Khmer";
    Tk => "tk", "Turkmen";
    Ak => "ak", "Akan";
    Zu => "zu", "Zulu";
    Sn => "sn", "Shona";
    Af => "af", "Afrikaans";
    La => "la", "Latin";
    Sk => "sk", "Slovak";
    Ca => "ca", "Catalan";
    Tl => "tl", "Tagalog";
    Hy => "hy", "Armenian";
    Cy => "cy", "Welsh";
}

impl Language {
    /// `true` for the languages nutgraf has dedicated rules for (English and German).
    ///
    /// # Example
    /// ```
    /// use nutgraf_text::Language;
    /// assert!(Language::De.is_tuned());
    /// assert!(!Language::Fr.is_tuned());
    /// ```
    pub fn is_tuned(self) -> bool {
        matches!(self, Language::En | Language::De)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// The error returned when a string is not a known ISO 639-1 code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "unknown language code {0:?} (expected an ISO 639-1 code such as \"en\" or \"de\", or \"und\")"
)]
pub struct UnknownLanguage(pub String);

impl FromStr for Language {
    type Err = UnknownLanguage;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Language::from_code(s).ok_or_else(|| UnknownLanguage(s.to_string()))
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let s = String::deserialize(deserializer)?;
        Language::from_code(&s).ok_or_else(|| serde::de::Error::custom(UnknownLanguage(s)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for &l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
    }

    #[test]
    fn unknown_code_is_an_error() {
        assert!("klingon".parse::<Language>().is_err());
    }
}
