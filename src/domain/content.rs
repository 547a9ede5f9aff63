//! Public content written in several languages.
//!
//! Rules kept here:
//! - The main text of a gathering, segment or statement is in the organisation's
//!   default language; other languages are optional translations.
//! - A visitor sees their language when a non-empty translation exists, otherwise the
//!   default-language text; the language actually shown is returned so a page can mark
//!   it (`lang="…"`) and a feed can label it (`LANGUAGE=…`).
//! - An organisation offers its texts in its default language and in the content
//!   languages it lists (any BCP 47 tag, each with the name its readers know it by),
//!   whatever languages the interface speaks: a Swedish audience gets Swedish texts
//!   around an English interface.
//! - Which of those a visitor reads: the first of their preferences (`?lang=`, then the
//!   texts cookie, then `Accept-Language`, then the interface language) that the
//!   organisation offers, a region or script falling back to its language (`sv-SE`
//!   reads `sv`); else the default language.

use serde::{Deserialize, Serialize};

use super::{LanguageTag, ValidationError, say};

/// How many content languages an organisation may list.
pub const MAX_CONTENT_LANGUAGES: usize = 24;
/// The longest name of a content language.
const MAX_NAME: usize = 40;

/// A language an organisation's texts are translated into, with its own name
/// ("sv Svenska").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
pub struct ContentLanguage {
    pub tag: String,
    pub name: String,
}

/// Parses the content languages as typed: one per line, a tag then its name
/// (`sv Svenska`); the name may be left out for a language the interface names.
/// The default language is not listed (it is always offered).
pub fn parse_offered(
    field: &str,
    raw: &str,
    default_language: &str,
) -> Result<Vec<ContentLanguage>, ValidationError> {
    let mut out: Vec<ContentLanguage> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let (tag, name) = line
            .split_once(char::is_whitespace)
            .map_or((line, ""), |(t, n)| (t, n.trim()));
        let tag = LanguageTag::parse(field, tag)?;
        if name.chars().count() > MAX_NAME || name.chars().any(char::is_control) {
            return Err(ValidationError::new(
                field,
                say!("refusal-language-name", code = tag.as_str(), max = MAX_NAME),
            ));
        }
        if tag.as_str().eq_ignore_ascii_case(default_language)
            || out.iter().any(|l| l.tag.eq_ignore_ascii_case(tag.as_str()))
        {
            continue;
        }
        out.push(ContentLanguage {
            tag: tag.as_str().to_owned(),
            name: name.to_owned(),
        });
    }
    if out.len() > MAX_CONTENT_LANGUAGES {
        return Err(ValidationError::new(
            field,
            say!("refusal-language-count", max = MAX_CONTENT_LANGUAGES),
        ));
    }
    Ok(out)
}

/// The interface's languages other than `default_language`, by their own names: what a
/// new organisation offers until it says otherwise.
pub fn interface_offered(default_language: &str) -> Vec<ContentLanguage> {
    crate::i18n::Lang::ALL
        .iter()
        .filter(|l| l.code() != default_language)
        .map(|l| ContentLanguage {
            tag: l.code().to_owned(),
            name: l.native_name().to_owned(),
        })
        .collect()
}

/// The content languages as stored (and typed): one `tag name` per line.
pub fn format_offered(languages: &[ContentLanguage]) -> String {
    languages
        .iter()
        .map(|l| {
            if l.name.is_empty() {
                l.tag.clone()
            } else {
                format!("{} {}", l.tag, l.name)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The stored content languages, read leniently: a line that no longer parses is
/// skipped rather than hiding the others.
pub fn stored_offered(stored: &str, default_language: &str) -> Vec<ContentLanguage> {
    stored
        .lines()
        .filter_map(|line| parse_offered("content_languages", line, default_language).ok())
        .flatten()
        .collect()
}

/// The language a visitor reads: the first of `preferences` the organisation offers
/// (its default language or one of `offered`), exactly or by its primary language;
/// else the default language.
pub fn choose<'a>(
    preferences: impl IntoIterator<Item = &'a str>,
    default_language: &str,
    offered: &[ContentLanguage],
) -> String {
    let all: Vec<&str> = std::iter::once(default_language)
        .chain(offered.iter().map(|l| l.tag.as_str()))
        .collect();
    let primary = |t: &str| t.split('-').next().unwrap_or(t).to_ascii_lowercase();
    for wanted in preferences {
        let wanted = wanted.trim();
        if wanted.is_empty() {
            continue;
        }
        if let Some(exact) = all.iter().find(|t| t.eq_ignore_ascii_case(wanted)) {
            return (*exact).to_owned();
        }
        if let Some(near) = all.iter().find(|t| primary(t) == primary(wanted)) {
            return (*near).to_owned();
        }
    }
    default_language.to_owned()
}

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

    fn sv() -> ContentLanguage {
        ContentLanguage {
            tag: "sv".into(),
            name: "Svenska".into(),
        }
    }

    #[test]
    fn content_languages_are_typed_one_per_line() {
        let typed = "sv Svenska\n\n  SR-latn  Srpski (latinica) \nen English\nsv again\nsq";
        let offered = parse_offered("content_languages", typed, "en").unwrap();
        let tags: Vec<_> = offered
            .iter()
            .map(|l| (l.tag.as_str(), l.name.as_str()))
            .collect();
        // The default language is always offered, so not listed; a repeat is dropped.
        assert_eq!(
            tags,
            [
                ("sv", "Svenska"),
                ("sr-Latn", "Srpski (latinica)"),
                ("sq", "")
            ]
        );
        assert_eq!(
            stored_offered(&format_offered(&offered), "en"),
            offered,
            "what is stored reads back the same"
        );
        let bad = parse_offered("content_languages", "sv Svenska\nswedish", "en").unwrap_err();
        assert_eq!(bad.field, "content_languages");
        assert_eq!(bad.message.id, "refusal-language-code");
        let long = format!("sv {}", "S".repeat(41));
        assert!(parse_offered("content_languages", &long, "en").is_err());
    }

    #[rstest]
    // The texts asked for by address win over the browser's languages.
    #[case(&["sv", "fa"], "sv")]
    // A region reads its language; a language not offered gives way to the next.
    #[case(&["sv-SE", "en"], "sv")]
    #[case(&["de-DE", "fa"], "fa")]
    #[case(&["FA"], "fa")]
    // Nothing offered: the default language.
    #[case(&["de", "fr"], "en")]
    #[case(&[], "en")]
    fn visitors_read_the_first_offered_language_they_prefer(
        #[case] preferences: &[&str],
        #[case] expected: &str,
    ) {
        let offered = [
            sv(),
            ContentLanguage {
                tag: "fa".into(),
                name: String::new(),
            },
        ];
        assert_eq!(
            choose(preferences.iter().copied(), "en", &offered),
            expected
        );
    }

    #[test]
    fn points_are_the_non_empty_lines() {
        assert_eq!(
            points("One.\n\n  Two.  \nThree."),
            ["One.", "Two.", "Three."]
        );
    }
}
