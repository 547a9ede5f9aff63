//! What an organiser types into the planning forms, and the checked plans made from it.
//!
//! Rules kept here:
//! - Forms arrive as text (they must work without JavaScript); each field is parsed into
//!   its newtype and the first problem is reported with the name of the form field.
//! - Local date and times are read in the venue's zone: a time skipped by a clock change
//!   is refused, the end must follow the start, a gathering lasts at most a week.
//! - A segment lasts 1 minute to 24 hours; a hard start is a local time on the day.

use chrono::{NaiveDateTime, NaiveTime};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::message::say;
use super::time::{LocalSpan, parse_local};
use super::types::{
    GatheringKind, GatheringStatus, LanguageTag, Minutes, SegmentKind, Slug, Title, ValidationError,
};

/// The gathering form as submitted (every field is text, as a browser sends it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GatheringForm {
    pub title: String,
    /// Left empty, it is made from the title.
    pub slug: String,
    pub kind: String,
    pub status: String,
    /// `YYYY-MM-DD`, local to the venue.
    pub date: String,
    /// `HH:MM`, local to the venue.
    pub starts: String,
    /// `HH:MM`, on the same day unless `ends_next_day` is set.
    pub ends: String,
    /// `on` when the gathering runs past midnight (a checkbox).
    pub ends_next_day: String,
    pub public_description: String,
    pub internal_notes: String,
    /// Comma-separated language tags, e.g. `sq, fa, en`.
    pub languages: String,
    pub expected_attendance: String,
    /// After the day.
    #[serde(default)]
    pub actual_attendance: String,
}

/// A gathering plan that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct GatheringPlan {
    pub title: Title,
    pub slug: Slug,
    pub kind: GatheringKind,
    pub status: GatheringStatus,
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
    pub span: LocalSpan,
    pub public_description: String,
    pub internal_notes: String,
    pub languages: Vec<LanguageTag>,
    pub expected_attendance: Option<u32>,
    pub actual_attendance: Option<u32>,
}

/// Addresses under an organisation that belong to the site, not to a gathering.
pub const RESERVED_SLUGS: &[&str] = &[
    "venues",
    "people",
    "kinds",
    "calendar",
    "new",
    "directory",
    "campaigns",
    "digest",
    "members",
    "settings",
    "audit",
    "crew-feeds",
    "statements",
];

/// Longest free text accepted in a description or notes field.
pub const MAX_TEXT: usize = 20_000;

pub fn free_text(field: &str, raw: &str) -> Result<String, ValidationError> {
    let text = raw.replace("\r\n", "\n");
    if text.chars().count() > MAX_TEXT {
        return Err(ValidationError::new(
            field,
            say!("refusal-text-too-long", max = MAX_TEXT),
        ));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(ValidationError::new(
            field,
            say!("refusal-control-characters"),
        ));
    }
    Ok(text.trim().to_owned())
}

fn vocabulary<T: std::str::FromStr<Err = ValidationError>>(
    field: &str,
    raw: &str,
) -> Result<T, ValidationError> {
    raw.trim()
        .parse()
        .map_err(|e: ValidationError| ValidationError::new(field, e.message))
}

fn count(field: &str, raw: &str) -> Result<Option<u32>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u32>() {
        Ok(n) if n <= 10_000_000 => Ok(Some(n)),
        _ => Err(ValidationError::new(field, say!("refusal-people-number"))),
    }
}

impl GatheringForm {
    /// Checks the form against the venue's zone.
    pub fn parse(&self, tz: Tz) -> Result<GatheringPlan, ValidationError> {
        let title = Title::parse("title", &self.title)?;
        let slug = if self.slug.trim().is_empty() {
            Slug::suggest(title.as_str())
        } else {
            Slug::parse("slug", &self.slug)?
        };
        if RESERVED_SLUGS.contains(&slug.as_str()) {
            return Err(ValidationError::new(
                "slug",
                say!("refusal-slug-reserved", slug = slug.as_str()),
            ));
        }
        let kind = vocabulary("kind", &self.kind)?;
        let status = if self.status.trim().is_empty() {
            GatheringStatus::Draft
        } else {
            vocabulary("status", &self.status)?
        };
        let starts_local = parse_local("date", &self.date, "starts", &self.starts)?;
        let end_time = NaiveTime::parse_from_str(self.ends.trim(), "%H:%M")
            .map_err(|_| ValidationError::new("ends", say!("refusal-time-format")))?;
        let mut ends_local = starts_local.date().and_time(end_time);
        if matches!(self.ends_next_day.trim(), "on" | "true" | "1") {
            // "22:00 to 01:00" runs past midnight.
            ends_local += chrono::Duration::days(1);
        }
        let span = LocalSpan::resolve(tz, starts_local, ends_local).map_err(|e| {
            let field = if e.field == "starts_at" {
                "starts"
            } else {
                "ends"
            };
            ValidationError::new(field, e.message)
        })?;
        Ok(GatheringPlan {
            title,
            slug,
            kind,
            status,
            starts_local,
            ends_local,
            span,
            public_description: free_text("public_description", &self.public_description)?,
            internal_notes: free_text("internal_notes", &self.internal_notes)?,
            languages: LanguageTag::parse_list("languages", &self.languages)?,
            expected_attendance: count("expected_attendance", &self.expected_attendance)?,
            actual_attendance: count("actual_attendance", &self.actual_attendance)?,
        })
    }
}

/// The segment form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SegmentForm {
    pub kind: String,
    pub title: String,
    /// Minutes; may be empty for a screening (the film's runtime is used).
    pub duration: String,
    /// `HH:MM` on the gathering's day, `YYYY-MM-DDTHH:MM` on one of the days of a
    /// gathering of several, or empty to follow the previous segment.
    pub hard_start: String,
    /// `on` when the segment appears on public pages (a checkbox).
    pub public: String,
    pub cue_notes: String,
    /// The lane (room) it runs in, by id; empty keeps it where it is (a new one goes
    /// to the first lane).
    #[serde(default)]
    pub lane: String,
    /// Public: what the session is about.
    #[serde(default)]
    pub abstract_text: String,
    #[serde(default)]
    pub track: String,
    /// Comma-separated language tags the session is held in.
    #[serde(default)]
    pub languages: String,
    /// `on` when it must not be recorded, streamed or photographed (checkboxes).
    #[serde(default)]
    pub no_record: String,
    #[serde(default)]
    pub no_stream: String,
    #[serde(default)]
    pub no_photos: String,
}

/// A fixed start as typed: a time on the gathering's day, or a date and time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixedStart {
    Time(NaiveTime),
    At(NaiveDateTime),
}

/// A segment that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentPlan {
    pub kind: SegmentKind,
    pub title: Title,
    pub duration: Option<Minutes>,
    pub hard_start: Option<FixedStart>,
    pub public: bool,
    pub cue_notes: String,
    pub lane: Option<i32>,
    pub abstract_text: String,
    /// At most [`Title::MAX_CHARS`] characters; empty for none.
    pub track: String,
    pub languages: Vec<LanguageTag>,
    pub may_record: bool,
    pub may_stream: bool,
    pub may_photograph: bool,
}

fn checked(raw: &str) -> bool {
    matches!(raw.trim(), "on" | "true" | "1")
}

impl SegmentForm {
    /// Checks the form; `has_film` allows an empty duration (the runtime is used).
    pub fn parse(&self, has_film: bool) -> Result<SegmentPlan, ValidationError> {
        let kind: SegmentKind = vocabulary("kind", &self.kind)?;
        let title = Title::parse("title", &self.title)?;
        let duration = if self.duration.trim().is_empty() && has_film {
            None
        } else {
            Some(Minutes::parse_text("duration", &self.duration)?)
        };
        let hard_start = match self.hard_start.trim() {
            "" => None,
            t => Some(
                NaiveTime::parse_from_str(t, "%H:%M")
                    .map(FixedStart::Time)
                    .or_else(|_| {
                        NaiveDateTime::parse_from_str(t, "%Y-%m-%dT%H:%M").map(FixedStart::At)
                    })
                    .or_else(|_| {
                        NaiveDateTime::parse_from_str(t, "%Y-%m-%d %H:%M").map(FixedStart::At)
                    })
                    .map_err(|_| ValidationError::new("hard_start", say!("refusal-time-format")))?,
            ),
        };
        let lane = match self.lane.trim() {
            "" => None,
            raw => Some(
                raw.parse::<i32>()
                    .map_err(|_| ValidationError::new("lane", say!("refusal-no-such-lane")))?,
            ),
        };
        let track = match self.track.trim() {
            "" => String::new(),
            raw => Title::parse("track", raw)?.as_str().to_owned(),
        };
        Ok(SegmentPlan {
            kind,
            title,
            duration,
            hard_start,
            public: checked(&self.public),
            cue_notes: free_text("cue_notes", &self.cue_notes)?,
            lane,
            abstract_text: free_text("abstract_text", &self.abstract_text)?,
            track,
            languages: LanguageTag::parse_list("languages", &self.languages)?,
            may_record: !checked(&self.no_record),
            may_stream: !checked(&self.no_stream),
            may_photograph: !checked(&self.no_photos),
        })
    }
}

/// The statement form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatementForm {
    pub title: String,
    /// The language the statement is written in, e.g. `sq`.
    pub language: String,
    /// One point per line; a typed "1." or "2)" in front is the list's numbering and is dropped.
    pub points: String,
    pub signature_count: String,
    /// `on` when the statement appears on public pages (a checkbox).
    pub public: String,
}

/// A statement that passed every check.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementPlan {
    pub title: Title,
    pub language: LanguageTag,
    pub points: Vec<String>,
    pub signature_count: u32,
    pub public: bool,
}

/// Most points a statement may have.
pub const MAX_POINTS: usize = 100;
/// Segments one gathering's agenda holds: a three-day conference of 400 talks fits;
/// beyond it the agenda editor (a few KB a segment) and every page and feed of the
/// gathering would grow without end.
pub const MAX_SEGMENTS: usize = 500;

/// The refusal of one segment more than [`MAX_SEGMENTS`].
pub fn too_many_segments(field: &str) -> ValidationError {
    ValidationError::new(field, say!("refusal-too-many-segments", max = MAX_SEGMENTS))
}
/// Longest point accepted, in characters.
pub const MAX_POINT_CHARS: usize = 2_000;

/// Drops a list number typed in front of a point ("1. ", "12) ").
pub(crate) fn strip_number(line: &str) -> &str {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 {
        return line;
    }
    let rest = &line[digits..];
    match rest.strip_prefix(['.', ')']) {
        Some(after) if after.starts_with(char::is_whitespace) || after.is_empty() => {
            after.trim_start()
        }
        _ => line,
    }
}

impl StatementForm {
    /// Checks the form: a title, a language code, 1 to [`MAX_POINTS`] non-empty points.
    pub fn parse(&self) -> Result<StatementPlan, ValidationError> {
        let title = Title::parse("title", &self.title)?;
        let language = LanguageTag::parse("language", &self.language)?;
        let text = free_text("points", &self.points)?;
        let points: Vec<String> = text
            .lines()
            .map(|l| strip_number(l.trim()).trim().to_owned())
            .filter(|l| !l.is_empty())
            .collect();
        if points.is_empty() {
            return Err(ValidationError::new(
                "points",
                say!("refusal-points-missing"),
            ));
        }
        if points.len() > MAX_POINTS {
            return Err(ValidationError::new(
                "points",
                say!("refusal-too-many-points", max = MAX_POINTS),
            ));
        }
        if points.iter().any(|p| p.chars().count() > MAX_POINT_CHARS) {
            return Err(ValidationError::new(
                "points",
                say!("refusal-point-too-long", max = MAX_POINT_CHARS),
            ));
        }
        let signature_count = match self.signature_count.trim() {
            "" => 0,
            raw => match raw.replace([',', ' ', '_'], "").parse::<u32>() {
                Ok(n) if n <= 100_000_000 => n,
                _ => {
                    return Err(ValidationError::new(
                        "signature_count",
                        say!("refusal-signature-count"),
                    ));
                }
            },
        };
        Ok(StatementPlan {
            title,
            language,
            points,
            signature_count,
            public: matches!(self.public.trim(), "on" | "true" | "1"),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::Europe::Tirane;
    use rstest::rstest;

    fn tirana_park() -> GatheringForm {
        GatheringForm {
            title: "Public gathering in the park on Rruga Ura".into(),
            kind: "rally".into(),
            status: "published".into(),
            date: "2023-11-26".into(),
            starts: "11:00".into(),
            ends: "13:05".into(),
            languages: "sq, fa, en".into(),
            expected_attendance: "300".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_tirana_park_form_becomes_a_plan() {
        let plan = tirana_park().parse(Tirane).unwrap();
        assert_eq!(
            plan.slug.as_str(),
            "public-gathering-in-the-park-on-rruga-ura"
        );
        assert_eq!(plan.kind, GatheringKind::Rally);
        assert_eq!(
            plan.span.start.naive_utc().to_string(),
            "2023-11-26 10:00:00"
        );
        assert_eq!(plan.languages.len(), 3);
        assert_eq!(plan.expected_attendance, Some(300));
    }

    #[test]
    fn an_end_before_the_start_is_refused_unless_it_is_the_next_day() {
        let form = GatheringForm {
            starts: "22:00".into(),
            ends: "01:00".into(),
            ..tirana_park()
        };
        assert_eq!(form.clone().parse(Tirane).unwrap_err().field, "ends");
        let overnight = GatheringForm {
            ends_next_day: "on".into(),
            ..form
        };
        let plan = overnight.parse(Tirane).unwrap();
        assert_eq!(plan.ends_local.to_string(), "2023-11-27 01:00:00");
    }

    #[rstest]
    #[case::empty_title(GatheringForm { title: "  ".into(), ..tirana_park() }, "title")]
    #[case::bad_slug(GatheringForm { slug: "Not a slug!".into(), ..tirana_park() }, "slug")]
    #[case::reserved_slug(GatheringForm { slug: "venues".into(), ..tirana_park() }, "slug")]
    #[case::unknown_kind(GatheringForm { kind: "party".into(), ..tirana_park() }, "kind")]
    #[case::unknown_status(GatheringForm { status: "live".into(), ..tirana_park() }, "status")]
    #[case::bad_date(GatheringForm { date: "26/11/2023".into(), ..tirana_park() }, "date")]
    #[case::bad_time(GatheringForm { starts: "11h".into(), ..tirana_park() }, "starts")]
    #[case::skipped_by_dst(
        GatheringForm { date: "2024-03-31".into(), starts: "02:30".into(), ..tirana_park() },
        "starts"
    )]
    #[case::bad_language(GatheringForm { languages: "sq, 12".into(), ..tirana_park() }, "languages")]
    #[case::negative_count(
        GatheringForm { expected_attendance: "-5".into(), ..tirana_park() },
        "expected_attendance"
    )]
    #[case::control_chars(
        GatheringForm { public_description: "a\u{0}b".into(), ..tirana_park() },
        "public_description"
    )]
    fn bad_gathering_input_names_its_field(#[case] form: GatheringForm, #[case] field: &str) {
        let err = form.parse(Tirane).unwrap_err();
        assert_eq!(err.field, field, "{err:?}");
        for lang in crate::i18n::Lang::ALL {
            assert!(lang.has(&err.message.id), "{} lacks {err:?}", lang.code());
        }
    }

    fn speech() -> SegmentForm {
        SegmentForm {
            kind: "speech".into(),
            title: "Address by the society's chief executive".into(),
            duration: "15".into(),
            public: "on".into(),
            ..Default::default()
        }
    }

    #[rstest]
    #[case::negative(SegmentForm { duration: "-5".into(), ..speech() }, "duration")]
    #[case::absurd(SegmentForm { duration: "1441".into(), ..speech() }, "duration")]
    #[case::missing(SegmentForm { duration: "".into(), ..speech() }, "duration")]
    #[case::kind(SegmentForm { kind: "dance".into(), ..speech() }, "kind")]
    #[case::hard_start(SegmentForm { hard_start: "25:00".into(), ..speech() }, "hard_start")]
    #[case::title(SegmentForm { title: "".into(), ..speech() }, "title")]
    fn bad_segment_input_names_its_field(#[case] form: SegmentForm, #[case] field: &str) {
        assert_eq!(form.parse(false).unwrap_err().field, field);
    }

    #[test]
    fn a_screening_may_take_its_films_runtime() {
        let form = SegmentForm {
            kind: "screening".into(),
            duration: "".into(),
            ..speech()
        };
        assert_eq!(form.parse(true).unwrap().duration, None);
        let plan = SegmentForm {
            hard_start: "12:00".into(),
            ..speech()
        }
        .parse(false)
        .unwrap();
        assert_eq!(
            plan.hard_start,
            NaiveTime::from_hms_opt(12, 0, 0).map(FixedStart::Time)
        );
        let dated = SegmentForm {
            hard_start: "2027-05-15T09:30".into(),
            ..speech()
        }
        .parse(false)
        .unwrap();
        assert_eq!(
            dated.hard_start,
            NaiveDateTime::parse_from_str("2027-05-15 09:30", "%Y-%m-%d %H:%M")
                .ok()
                .map(FixedStart::At)
        );
        assert!(dated.may_record && dated.may_stream && dated.may_photograph);
        assert!(plan.public);
    }

    fn twelve_points() -> StatementForm {
        StatementForm {
            title: "Statement of the families".into(),
            language: "sq".into(),
            points: "1. We ask for the truth.\r\n\r\n2) We ask for the release of our relatives.\n  3. Camp Ashraf 3 must open its gates.\nThe 1990s are not over for us.".into(),
            signature_count: "1,204".into(),
            public: "on".into(),
        }
    }

    #[test]
    fn a_statement_keeps_its_points_in_order_without_typed_numbers() {
        let plan = twelve_points().parse().unwrap();
        assert_eq!(
            plan.points,
            [
                "We ask for the truth.",
                "We ask for the release of our relatives.",
                "Camp Ashraf 3 must open its gates.",
                "The 1990s are not over for us.",
            ]
        );
        assert_eq!(plan.signature_count, 1204);
        assert_eq!(plan.language.as_str(), "sq");
        assert!(plan.public);
    }

    #[rstest]
    #[case::no_title(StatementForm { title: " ".into(), ..twelve_points() }, "title")]
    #[case::no_points(StatementForm { points: "\n 1. \n".into(), ..twelve_points() }, "points")]
    #[case::too_many(StatementForm { points: "x\n".repeat(MAX_POINTS + 1), ..twelve_points() }, "points")]
    #[case::long_point(StatementForm { points: "x".repeat(MAX_POINT_CHARS + 1), ..twelve_points() }, "points")]
    #[case::control(StatementForm { points: "a\u{7}b".into(), ..twelve_points() }, "points")]
    #[case::language(StatementForm { language: "Albanian".into(), ..twelve_points() }, "language")]
    #[case::signatures(StatementForm { signature_count: "-3".into(), ..twelve_points() }, "signature_count")]
    #[case::signatures_text(StatementForm { signature_count: "many".into(), ..twelve_points() }, "signature_count")]
    fn bad_statement_input_names_its_field(#[case] form: StatementForm, #[case] field: &str) {
        let err = form.parse().unwrap_err();
        assert_eq!(err.field, field, "{err:?}");
    }
}
