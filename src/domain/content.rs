//! Public content written in several languages.
//!
//! Rules kept here:
//! - The main text of a gathering, segment or statement is in the organisation's
//!   default language; other languages are optional translations.
//! - A visitor sees their language when a non-empty translation exists, otherwise the
//!   default-language text; the language actually shown is returned so a page can mark
//!   it (`lang="…"`) and a feed can label it (`LANGUAGE=…`).

/// A text and the language it is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Localized<'a> {
    pub text: &'a str,
    pub language: &'a str,
}

/// Chooses the text for a visitor who reads `wanted`.
pub fn localized<'a>(
    wanted: &str,
    default_language: &'a str,
    base: &'a str,
    translations: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Localized<'a> {
    if !wanted.eq_ignore_ascii_case(default_language) {
        for (language, text) in translations {
            if language.eq_ignore_ascii_case(wanted) && !text.trim().is_empty() {
                return Localized { text, language };
            }
        }
    }
    Localized {
        text: base,
        language: default_language,
    }
}

/// The numbered points of a statement, one per non-empty line.
pub fn points(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    const TITLE: &str = "Public gathering in the park";
    const SQ: &str = "Tubim publik në park";
    const FA: &str = "گردهمایی عمومی در پارک";

    #[rstest]
    #[case("sq", SQ, "sq")]
    #[case("fa", FA, "fa")]
    #[case("en", TITLE, "en")]
    // No German text: the default language is shown, and said to be English.
    #[case("de", TITLE, "en")]
    fn visitors_get_their_language_or_the_default(
        #[case] wanted: &str,
        #[case] text: &str,
        #[case] language: &str,
    ) {
        let shown = localized(wanted, "en", TITLE, [("sq", SQ), ("fa", FA)]);
        assert_eq!(shown, Localized { text, language });
    }

    #[test]
    fn an_empty_translation_does_not_hide_the_default() {
        let shown = localized("sq", "en", TITLE, [("sq", "  ")]);
        assert_eq!(shown.text, TITLE);
    }

    #[test]
    fn points_are_the_non_empty_lines() {
        assert_eq!(
            points("One.\n\n  Two.  \nThree."),
            ["One.", "Two.", "Three."]
        );
    }
}
