//! Statements and open letters an organisation issued, as the public reads them and as
//! organisers write them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::IssuedKind;

/// An issued text's public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedPage {
    pub org_slug: String,
    pub org_name: String,
    pub slug: String,
    pub kind: IssuedKind,
    pub title: String,
    /// The language the title and text are shown in.
    pub language: String,
    pub issued_on: NaiveDate,
    pub addressee: String,
    /// A statement's points, or a letter's paragraphs.
    pub blocks: Vec<String>,
    pub signatories: Vec<String>,
    pub signature_count: u32,
    pub published: bool,
    /// The public gatherings where it was read: `(slug, title, local start)`.
    pub read_at: Vec<(String, String, chrono::NaiveDateTime)>,
    pub origin: String,
}

/// An issued text in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedCard {
    pub id: i32,
    pub slug: String,
    pub kind: IssuedKind,
    pub title: String,
    pub language: String,
    pub issued_on: NaiveDate,
    pub addressee: String,
    pub signature_count: u32,
    pub published: bool,
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::*;
    use crate::db::entities::{issued_statement, issued_statement_text};
    use crate::domain::content::localized;

    /// The title and text of `s` for a reader of `lang`: its translation when there is
    /// one, else its own language (an issued text is written in its own language).
    pub fn texts_of<'a>(
        s: &'a issued_statement::Model,
        texts: &'a [issued_statement_text::Model],
        lang: &str,
    ) -> (&'a str, &'a str, &'a str) {
        let theirs = || texts.iter().filter(|t| t.issued_statement_id == s.id);
        let title = localized(
            lang,
            &s.language,
            &s.title,
            theirs().map(|t| (t.language.as_str(), t.title.as_str())),
        );
        if title.language == s.language {
            return (&s.title, &s.body, &s.language);
        }
        // A translated title with an untranslated text keeps the original text.
        let body = theirs()
            .find(|t| t.language == title.language && !t.body.trim().is_empty())
            .map_or(s.body.as_str(), |t| t.body.as_str());
        (title.text, body, title.language)
    }

    pub fn card(
        s: &issued_statement::Model,
        texts: &[issued_statement_text::Model],
        lang: &str,
    ) -> IssuedCard {
        let (title, _, language) = texts_of(s, texts, lang);
        IssuedCard {
            id: s.id,
            slug: s.slug.clone(),
            kind: s.kind,
            title: title.to_owned(),
            language: language.to_owned(),
            issued_on: s.issued_on,
            addressee: s.addressee.clone(),
            signature_count: u32::try_from(s.signature_count).unwrap_or(0),
            published: s.published,
        }
    }

    pub fn page(
        org: &crate::db::entities::organisation::Model,
        bundle: &crate::db::issued::IssuedBundle,
        lang: &str,
    ) -> IssuedPage {
        let s = &bundle.issued;
        let (title, body, language) = texts_of(s, &bundle.texts, lang);
        IssuedPage {
            org_slug: org.slug.clone(),
            org_name: org.name.clone(),
            slug: s.slug.clone(),
            kind: s.kind,
            title: title.to_owned(),
            language: language.to_owned(),
            issued_on: s.issued_on,
            addressee: s.addressee.clone(),
            blocks: crate::domain::issued::blocks(s.kind, body),
            signatories: s
                .signatories
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(str::to_owned)
                .collect(),
            signature_count: u32::try_from(s.signature_count).unwrap_or(0),
            published: s.published,
            read_at: Vec::new(),
            origin: String::new(),
        }
    }
}
