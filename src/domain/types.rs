//! Validating newtypes and the closed vocabularies of the model.
//!
//! Values are parsed once at the edge (form, import, database row) and carry their
//! validity from then on. Every error names the field it concerns, so a form can show
//! the message next to the right input.

use std::fmt;
use std::str::FromStr;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::message::{Message, say};

/// A rejected value: which field, and a sentence a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("{field}: {message}")]
pub struct ValidationError {
    pub field: String,
    pub message: Message,
}

impl ValidationError {
    pub fn new(field: impl Into<String>, message: Message) -> Self {
        Self {
            field: field.into(),
            message,
        }
    }
}

/// An IANA time zone such as `Europe/Tirane`; abbreviations and offsets are refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct TimeZoneName(Tz);

impl TimeZoneName {
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(ValidationError::new(field, say!("refusal-zone-missing")));
        }
        // Only region/city names: "GMT", "EST" or "UTC+3" are what break calendar apps.
        let tz: Tz = trimmed.parse().map_err(|_| {
            ValidationError::new(field, say!("refusal-zone-unknown", zone = trimmed))
        })?;
        // "Etc/GMT+3" is an offset in disguise, and means UTC-3.
        let offset_zone = trimmed.starts_with("Etc/") && trimmed.contains(['+', '-']);
        if (!trimmed.contains('/') && trimmed != "UTC") || offset_zone {
            return Err(ValidationError::new(
                field,
                say!("refusal-zone-not-region", zone = trimmed),
            ));
        }
        Ok(Self(tz))
    }

    pub fn tz(self) -> Tz {
        self.0
    }

    /// Every zone [`TimeZoneName::parse`] accepts, in alphabetical order (for pickers).
    pub fn all() -> Vec<&'static str> {
        let mut names: Vec<&'static str> = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name())
            .filter(|name| Self::parse("zone", name).is_ok())
            .collect();
        names.sort_unstable();
        names
    }

    pub fn as_str(&self) -> &'static str {
        self.0.name()
    }
}

impl From<Tz> for TimeZoneName {
    fn from(tz: Tz) -> Self {
        Self(tz)
    }
}

impl TryFrom<String> for TimeZoneName {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse("time_zone", &value)
    }
}

impl From<TimeZoneName> for String {
    fn from(value: TimeZoneName) -> Self {
        value.as_str().to_owned()
    }
}

impl fmt::Display for TimeZoneName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A URL slug: lower-case ASCII letters, digits and single hyphens, 1 to 80 characters.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

impl Slug {
    pub const MAX_LEN: usize = 80;

    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValidationError::new(field, say!("refusal-slug-missing")));
        }
        if s.len() > Self::MAX_LEN {
            return Err(ValidationError::new(
                field,
                say!("refusal-too-long", max = Self::MAX_LEN),
            ));
        }
        let valid_chars = s
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_chars || s.starts_with('-') || s.ends_with('-') || s.contains("--") {
            return Err(ValidationError::new(field, say!("refusal-slug-characters")));
        }
        Ok(Self(s.to_owned()))
    }

    /// A slug proposal from free text (a title): ASCII-folded, hyphenated, never empty.
    pub fn suggest(text: &str) -> Self {
        let mut out = String::new();
        for c in text.chars() {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_alphanumeric() {
                out.push(c);
            } else if !out.ends_with('-') && !out.is_empty() {
                out.push('-');
            }
            if out.len() >= Self::MAX_LEN {
                break;
            }
        }
        let trimmed = out.trim_matches('-');
        if trimmed.is_empty() {
            Self("gathering".to_owned())
        } else {
            Self(trimmed.to_owned())
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Slug {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse("slug", &value)
    }
}

impl From<Slug> for String {
    fn from(value: Slug) -> Self {
        value.0
    }
}

impl fmt::Display for Slug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A title or name shown to people: trimmed, 1 to `MAX_CHARS` characters, one line,
/// no control characters (which would break headers and calendar lines).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Title(String);

impl Title {
    pub const MAX_CHARS: usize = 200;

    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        if s.is_empty() {
            return Err(ValidationError::new(field, say!("refusal-empty")));
        }
        if s.chars().count() > Self::MAX_CHARS {
            return Err(ValidationError::new(
                field,
                say!("refusal-too-long", max = Self::MAX_CHARS),
            ));
        }
        if s.chars().any(char::is_control) {
            return Err(ValidationError::new(field, say!("refusal-one-line")));
        }
        Ok(Self(s.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Title {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse("title", &value)
    }
}

impl From<Title> for String {
    fn from(value: Title) -> Self {
        value.0
    }
}

impl fmt::Display for Title {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A planned length of time in whole minutes, from 0 (a cue) up to 24 hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "i64")]
pub struct Minutes(u32);

impl Minutes {
    pub const MAX: u32 = 24 * 60;

    pub fn parse(field: &str, raw: i64) -> Result<Self, ValidationError> {
        if raw < 0 {
            return Err(ValidationError::new(
                field,
                say!("refusal-duration-negative"),
            ));
        }
        if raw > i64::from(Self::MAX) {
            return Err(ValidationError::new(
                field,
                say!("refusal-duration-too-long"),
            ));
        }
        Ok(Self(raw as u32))
    }

    /// Parses text typed into a form: whole minutes ("25") or hours and minutes ("1:30").
    pub fn parse_text(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let s = raw.trim();
        let not_a_duration = || ValidationError::new(field, say!("refusal-duration-format"));
        let minutes = match s.split_once(':') {
            Some((h, m)) => {
                let h: i64 = h.trim().parse().map_err(|_| not_a_duration())?;
                let m: i64 = m.trim().parse().map_err(|_| not_a_duration())?;
                if !(0..60).contains(&m) || h < 0 {
                    return Err(not_a_duration());
                }
                h.checked_mul(60)
                    .and_then(|x| x.checked_add(m))
                    .ok_or_else(not_a_duration)?
            }
            None => s.parse().map_err(|_| not_a_duration())?,
        };
        Self::parse(field, minutes)
    }

    pub const fn from_const(minutes: u32) -> Self {
        assert!(minutes <= Self::MAX);
        Self(minutes)
    }

    pub fn get(self) -> u32 {
        self.0
    }

    pub fn duration(self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.0))
    }
}

impl TryFrom<i64> for Minutes {
    type Error = ValidationError;
    fn try_from(value: i64) -> Result<Self, Self::Error> {
        Self::parse("duration", value)
    }
}

impl From<Minutes> for i64 {
    fn from(value: Minutes) -> Self {
        i64::from(value.0)
    }
}

/// A language as a BCP 47 tag ("sq", "fa", "sv", "sr-Latn", "pt-BR"), kept in its
/// canonical form (language lower case, script title case, region upper case).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageTag(String);

impl LanguageTag {
    pub fn parse(field: &str, raw: &str) -> Result<Self, ValidationError> {
        let refused =
            || ValidationError::new(field, say!("refusal-language-code", code = raw.trim()));
        let trimmed = raw.trim();
        // Language, script, region and variants; "und" and private tags name nothing.
        let id: unic_langid::LanguageIdentifier = trimmed.parse().map_err(|_| refused())?;
        let language = id.language.as_str().len();
        if trimmed.len() > 35 || id.language.is_empty() || !(2..=3).contains(&language) {
            return Err(refused());
        }
        Ok(Self(id.to_string()))
    }

    /// The language without script, region or variants: `sr` of `sr-Latn`.
    pub fn primary(&self) -> &str {
        self.0.split('-').next().unwrap_or(&self.0)
    }

    /// Parses a comma- or space-separated list, dropping duplicates, keeping order.
    pub fn parse_list(field: &str, raw: &str) -> Result<Vec<Self>, ValidationError> {
        let mut out: Vec<Self> = Vec::new();
        for part in raw.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
            let tag = Self::parse(field, part)?;
            if !out.contains(&tag) {
                out.push(tag);
            }
        }
        Ok(out)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for LanguageTag {
    type Error = ValidationError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse("language", &value)
    }
}

impl From<LanguageTag> for String {
    fn from(value: LanguageTag) -> Self {
        value.0
    }
}

impl fmt::Display for LanguageTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Declares a closed vocabulary stored as a short snake_case string. On the server it is
/// also a column type: a row is read into the vocabulary once, and a stored code outside
/// it fails the read loudly instead of dropping the row.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "ssr", derive(schemars::JsonSchema, sea_orm::DeriveValueType))]
        #[cfg_attr(feature = "ssr", sea_orm(value_type = "String"))]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The stable code stored in the database and used in URLs and forms.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl FromStr for $name {
            type Err = ValidationError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    other => Err(ValidationError::new(
                        stringify!($name),
                        $crate::domain::say!(
                            "refusal-not-one-of",
                            value = other,
                            choices = [$($text),+].join(", "),
                        ),
                    )),
                }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// What sort of gathering this is.
    GatheringKind {
        Rally => "rally",
        Conference => "conference",
        Screening => "screening",
        StreetAction => "street_action",
        Vigil => "vigil",
        PressConference => "press_conference",
        Other => "other",
    }
);

vocabulary!(
    /// Where a gathering stands; only published, postponed and cancelled ones are public.
    GatheringStatus {
        Draft => "draft",
        Published => "published",
        Postponed => "postponed",
        Cancelled => "cancelled",
    }
);

impl GatheringStatus {
    /// Whether attendees may see it (a cancelled gathering stays visible, marked so).
    pub fn is_public(self) -> bool {
        !matches!(self, GatheringStatus::Draft)
    }
}

vocabulary!(
    /// What an organisation issues on its own (`domain::issued`).
    IssuedKind {
        Statement => "statement",
        OpenLetter => "open_letter",
    }
);

vocabulary!(
    /// What happens in one block of the programme.
    SegmentKind {
        Welcome => "welcome",
        Introduction => "introduction",
        Speech => "speech",
        Screening => "screening",
        MessageReadOut => "message_read_out",
        StatementReading => "statement_reading",
        Signing => "signing",
        Interpretation => "interpretation",
        Break => "break",
        Music => "music",
        QAndA => "q_and_a",
        Other => "other",
    }
);

vocabulary!(
    /// What a person does in a segment.
    AppearanceRole {
        Speaker => "speaker",
        Host => "host",
        Interpreter => "interpreter",
        Reader => "reader",
        Moderator => "moderator",
    }
);

vocabulary!(
    /// How a person is present: in the room, on a live call from their own zone,
    /// as a recording, or through a message someone else reads.
    AppearanceMode {
        InPerson => "in_person",
        Online => "online",
        Recorded => "recorded",
        ReadByProxy => "read_by_proxy",
    }
);

vocabulary!(
    /// The setting of a venue.
    VenueSetting {
        Indoor => "indoor",
        Outdoor => "outdoor",
        Online => "online",
    }
);

vocabulary!(
    /// A member's role in an organisation, from most to least powerful.
    MemberRole {
        Owner => "owner",
        Organiser => "organiser",
        Host => "host",
        Viewer => "viewer",
    }
);

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("Europe/Tirane", true)]
    #[case(" Asia/Tehran ", true)]
    #[case("Europe/Stockholm", true)]
    #[case("UTC", true)]
    #[case("GMT", false)]
    #[case("EST", false)]
    #[case("Europe/Atlantis", false)]
    #[case("Etc/GMT+3", false)]
    #[case("Etc/GMT-1", false)]
    #[case("Etc/UTC", true)]
    #[case("", false)]
    fn time_zone_names(#[case] raw: &str, #[case] ok: bool) {
        let parsed = TimeZoneName::parse("time_zone", raw);
        assert_eq!(parsed.is_ok(), ok, "{raw:?} -> {parsed:?}");
        if let Err(e) = parsed {
            assert_eq!(e.field, "time_zone");
        }
    }

    #[rstest]
    #[case("tirana-park-2023", true)]
    #[case("a", true)]
    #[case("Tirana", false)]
    #[case("-x", false)]
    #[case("x-", false)]
    #[case("a--b", false)]
    #[case("a b", false)]
    #[case("", false)]
    #[case("ë", false)]
    fn slugs(#[case] raw: &str, #[case] ok: bool) {
        assert_eq!(Slug::parse("slug", raw).is_ok(), ok, "{raw:?}");
    }

    #[test]
    fn slug_too_long_is_refused_and_suggestions_are_valid() {
        assert!(Slug::parse("slug", &"a".repeat(81)).is_err());
        for text in [
            "Biography — screening",
            "!!!",
            "Tubimi i madh në Tiranë",
            &"x".repeat(300),
        ] {
            let s = Slug::suggest(text);
            assert!(Slug::parse("slug", s.as_str()).is_ok(), "{text:?} -> {s:?}");
        }
    }

    #[rstest]
    #[case("Gathering in Tirana", true)]
    #[case("   ", false)]
    #[case("two\nlines", false)]
    #[case("nul\u{0}", false)]
    #[case("گردهمایی در تیرانا", true)]
    fn titles(#[case] raw: &str, #[case] ok: bool) {
        assert_eq!(Title::parse("title", raw).is_ok(), ok, "{raw:?}");
    }

    #[test]
    fn title_length_counts_characters_not_bytes() {
        assert!(Title::parse("title", &"ë".repeat(200)).is_ok());
        assert!(Title::parse("title", &"ë".repeat(201)).is_err());
    }

    #[rstest]
    #[case(-1, false)]
    #[case(0, true)]
    #[case(1440, true)]
    #[case(1441, false)]
    fn minutes(#[case] raw: i64, #[case] ok: bool) {
        assert_eq!(Minutes::parse("duration", raw).is_ok(), ok);
    }

    #[rstest]
    #[case("25", Some(25))]
    #[case("1:30", Some(90))]
    #[case("0:05", Some(5))]
    #[case("-5", None)]
    #[case("1:75", None)]
    #[case("abc", None)]
    #[case("99999999999999999999", None)]
    #[case("25:00", None)]
    fn minutes_from_text(#[case] raw: &str, #[case] expected: Option<u32>) {
        assert_eq!(
            Minutes::parse_text("duration", raw).ok().map(Minutes::get),
            expected
        );
    }

    #[test]
    fn vocabularies_round_trip_through_their_codes() {
        for kind in SegmentKind::ALL {
            assert_eq!(kind.as_str().parse::<SegmentKind>(), Ok(*kind));
        }
        for mode in AppearanceMode::ALL {
            assert_eq!(mode.as_str().parse::<AppearanceMode>(), Ok(*mode));
        }
        assert!("speach".parse::<SegmentKind>().is_err());
    }

    #[test]
    fn language_lists() {
        let tags = LanguageTag::parse_list("languages", "sq, fa en sq").unwrap();
        let codes: Vec<_> = tags.iter().map(LanguageTag::as_str).collect();
        assert_eq!(codes, ["sq", "fa", "en"]);
        assert!(LanguageTag::parse_list("languages", "sq, persian").is_err());
        let serbian = LanguageTag::parse("language", "SR-latn-rs").unwrap();
        assert_eq!(serbian.as_str(), "sr-Latn-RS");
        assert_eq!(serbian.primary(), "sr");
        for bad in ["", "und", "x-private", "persian", "123", "swedish language"] {
            assert!(LanguageTag::parse("language", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_zones_offered_are_the_ones_accepted() {
        let all = TimeZoneName::all();
        for z in [
            "Europe/Tirane",
            "Asia/Tehran",
            "America/Toronto",
            "Europe/Stockholm",
            "UTC",
        ] {
            assert!(all.contains(&z), "{z}");
        }
        for z in ["EST", "GMT", "Etc/GMT+3"] {
            assert!(!all.contains(&z), "{z}");
        }
        assert!(all.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert!(all.len() > 300);
    }
}
