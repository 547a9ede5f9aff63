//! Statements and open letters an organisation issues on its own, not read at one
//! gathering: the 8 March statement, the letter to the minister.
//!
//! Rules kept here:
//! - An issued text has a kind (statement or open letter), a title, the date it is
//!   dated, the language it is written in, its text, and optionally an addressee (for
//!   a letter: "To the Minister of Foreign Affairs") and signatories.
//! - Signatories are named one per line, and may be left out: a statement can be signed
//!   by "286 families" with no name given. The number of signatures is at least the
//!   number of names.
//! - A statement's text is its numbered points (one per line); a letter's is
//!   paragraphs (separated by an empty line).
//! - Only published texts reach the public; a draft is the organisers' own.

use chrono::NaiveDate;

use super::plan::free_text;
use super::{LanguageTag, Title, ValidationError, say};

pub use super::IssuedKind;

/// Most names of signatories one text lists.
pub const MAX_SIGNATORIES: usize = 2_000;
/// Longest name of one signatory, and longest addressee, in characters.
const MAX_NAME_CHARS: usize = 300;

/// What the form sends.
#[derive(Debug, Clone, Default)]
pub struct IssuedForm {
    pub kind: String,
    pub title: String,
    /// `YYYY-MM-DD`.
    pub issued_on: String,
    pub addressee: String,
    pub language: String,
    pub body: String,
    /// One name per line; may be empty.
    pub signatories: String,
    /// Empty: as many as the names.
    pub signature_count: String,
    /// `on` when published (a checkbox).
    pub published: String,
}

/// An issued text that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct Issued {
    pub kind: IssuedKind,
    pub title: Title,
    pub issued_on: NaiveDate,
    pub addressee: String,
    pub language: LanguageTag,
    pub body: String,
    pub signatories: Vec<String>,
    pub signature_count: u32,
    pub published: bool,
}

impl IssuedForm {
    /// Checks every field; the first refusal names its field.
    pub fn parse(&self) -> Result<Issued, ValidationError> {
        let kind = self
            .kind
            .trim()
            .parse::<IssuedKind>()
            .map_err(|e| ValidationError::new("kind", e.message))?;
        let title = Title::parse("title", &self.title)?;
        let issued_on = NaiveDate::parse_from_str(self.issued_on.trim(), "%Y-%m-%d")
            .map_err(|_| ValidationError::new("issued_on", say!("refusal-date-format")))?;
        let addressee = self.addressee.trim().to_owned();
        if addressee.chars().count() > MAX_NAME_CHARS || addressee.chars().any(char::is_control) {
            return Err(ValidationError::new(
                "addressee",
                say!("refusal-one-line-300"),
            ));
        }
        let language = LanguageTag::parse("language", &self.language)?;
        let body = free_text("body", self.body.trim())?;
        if body.trim().is_empty() {
            return Err(ValidationError::new("body", say!("refusal-issued-empty")));
        }
        // Thousands of names are more than a free text holds: checked line by line.
        let signatories: Vec<String> = self
            .signatories
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect();
        if signatories
            .iter()
            .any(|n| n.chars().any(|c| c.is_control() && c != '\t'))
        {
            return Err(ValidationError::new(
                "signatories",
                say!("refusal-control-characters"),
            ));
        }
        if signatories.len() > MAX_SIGNATORIES {
            return Err(ValidationError::new(
                "signatories",
                say!("refusal-too-many-signatories", max = MAX_SIGNATORIES),
            ));
        }
        if let Some(long) = signatories
            .iter()
            .find(|n| n.chars().count() > MAX_NAME_CHARS)
        {
            return Err(ValidationError::new(
                "signatories",
                say!(
                    "refusal-signatory-too-long",
                    name = long.chars().take(40).collect::<String>(),
                    max = MAX_NAME_CHARS
                ),
            ));
        }
        let named = u32::try_from(signatories.len()).unwrap_or(u32::MAX);
        let signature_count = match self.signature_count.trim() {
            "" => named,
            raw => raw
                .parse::<u32>()
                .ok()
                .filter(|n| *n <= 100_000_000)
                .ok_or_else(|| {
                    ValidationError::new("signature_count", say!("refusal-signature-count"))
                })?,
        };
        if signature_count < named {
            return Err(ValidationError::new(
                "signature_count",
                say!("refusal-fewer-signatures-than-names", names = named),
            ));
        }
        Ok(Issued {
            kind,
            title,
            issued_on,
            addressee,
            language,
            body,
            signatories,
            signature_count,
            published: matches!(self.published.as_str(), "on" | "true" | "1"),
        })
    }
}

/// How an issued text is laid out: a statement's points, a letter's paragraphs.
pub fn blocks(kind: IssuedKind, body: &str) -> Vec<String> {
    match kind {
        IssuedKind::Statement => super::content::points(body)
            .into_iter()
            .map(|p| super::plan::strip_number(p).trim().to_owned())
            .collect(),
        IssuedKind::OpenLetter => body
            .replace("\r\n", "\n")
            .split("\n\n")
            .map(|p| p.trim().to_owned())
            .filter(|p| !p.is_empty())
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn letter() -> IssuedForm {
        IssuedForm {
            kind: "open_letter".into(),
            title: "Letter to the Minister of Foreign Affairs".into(),
            issued_on: "2024-03-08".into(),
            addressee: "To the Minister of Foreign Affairs of Albania".into(),
            language: "sq".into(),
            body: "Dear Minister,\n\nWe ask to see our relatives.\n\nThe families".into(),
            signatories: "Families' Association\n\n  Mothers of Tirana \n".into(),
            signature_count: String::new(),
            published: "on".into(),
        }
    }

    #[test]
    fn a_letter_with_named_signatories_counts_them() {
        let issued = letter().parse().unwrap();
        assert_eq!(issued.kind, IssuedKind::OpenLetter);
        assert_eq!(
            issued.signatories,
            ["Families' Association", "Mothers of Tirana"]
        );
        assert_eq!(issued.signature_count, 2);
        assert!(issued.published);
        assert_eq!(
            blocks(issued.kind, &issued.body),
            [
                "Dear Minister,",
                "We ask to see our relatives.",
                "The families"
            ]
        );
    }

    #[test]
    fn a_statement_may_be_signed_by_more_than_it_names() {
        let form = IssuedForm {
            kind: "statement".into(),
            addressee: String::new(),
            signatories: String::new(),
            signature_count: "286".into(),
            body: "1. We ask for the truth.\n2) We ask to see our relatives.\n2024 was hard."
                .into(),
            ..letter()
        };
        let issued = form.parse().unwrap();
        assert_eq!(issued.signature_count, 286);
        assert!(issued.signatories.is_empty());
        assert_eq!(
            blocks(issued.kind, &issued.body),
            [
                "We ask for the truth.",
                "We ask to see our relatives.",
                "2024 was hard."
            ]
        );
    }

    #[rstest]
    #[case::kind(IssuedForm { kind: "poem".into(), ..letter() }, "kind")]
    #[case::title(IssuedForm { title: "  ".into(), ..letter() }, "title")]
    #[case::date(IssuedForm { issued_on: "8 March".into(), ..letter() }, "issued_on")]
    #[case::language(IssuedForm { language: "Albanian".into(), ..letter() }, "language")]
    #[case::body(IssuedForm { body: " \n ".into(), ..letter() }, "body")]
    #[case::count(IssuedForm { signature_count: "1".into(), ..letter() }, "signature_count")]
    #[case::count_text(IssuedForm { signature_count: "many".into(), ..letter() }, "signature_count")]
    #[case::addressee(IssuedForm { addressee: "x".repeat(301), ..letter() }, "addressee")]
    #[case::signatory(IssuedForm { signatories: "y".repeat(301), ..letter() }, "signatories")]
    fn bad_fields_are_refused_by_name(#[case] form: IssuedForm, #[case] field: &str) {
        let refused = form.parse().unwrap_err();
        assert_eq!(refused.field, field, "{refused:?}");
        for lang in crate::i18n::Lang::ALL {
            assert!(
                lang.has(&refused.message.id),
                "{} lacks {refused:?}",
                lang.code()
            );
        }
    }
}
