//! The host's run-sheet of one gathering (members only): every segment, internal ones
//! included, timed in the venue's zone, online speakers also in their own; and the lines
//! every surface that shows it (the printed sheet, the live view, crew calendars) says
//! the same way.

use chrono::NaiveDateTime;
use fluent_templates::fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use crate::domain::{AppearanceMode, AppearanceRole, GatheringKind, GatheringStatus, SegmentKind};
use crate::i18n::{Lang, language_name};

/// The host's cue sheet for one gathering: internal details included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSheet {
    pub org_slug: String,
    pub org_name: String,
    pub slug: String,
    pub title: String,
    pub kind: GatheringKind,
    pub status: GatheringStatus,
    pub time_zone: String,
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
    pub venue: Option<RunSheetVenue>,
    pub hosts: Vec<String>,
    pub internal_notes: String,
    pub rows: Vec<RunRow>,
    /// Minutes the programme runs past the planned end.
    pub overrun_minutes: Option<u32>,
    /// Every statement, public or not, in full.
    pub statements: Vec<super::StatementView>,
    pub contacts: Vec<RunContact>,
    pub expected_attendance: Option<i32>,
    /// Recorded after the day.
    pub actual_attendance: Option<i32>,
    /// A gathering of parallel rooms: each lane's id and name (empty for one lane).
    #[serde(default)]
    pub lanes: Vec<(i32, String)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSheetVenue {
    pub name: String,
    pub address: String,
    pub access_notes: String,
    pub directions: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRow {
    /// Stable identifier of the segment (for per-segment crew feed UIDs).
    pub uid: String,
    pub number: u32,
    pub kind: SegmentKind,
    pub title: String,
    pub start_local: NaiveDateTime,
    pub end_local: NaiveDateTime,
    /// The UTC offsets of start and end when the clock shows them twice.
    pub start_offset: Option<String>,
    pub end_offset: Option<String>,
    pub start_utc: chrono::DateTime<chrono::Utc>,
    pub end_utc: chrono::DateTime<chrono::Utc>,
    pub minutes: u32,
    pub hard_start: bool,
    pub public: bool,
    pub film: Option<String>,
    pub people: Vec<RunPerson>,
    pub cues: String,
    /// What happened on the day, in the venue's zone.
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    pub skipped: bool,
    /// The lane it runs in, and that lane's room or name.
    #[serde(default)]
    pub lane: i32,
    #[serde(default)]
    pub room: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunPerson {
    pub name: String,
    pub role: AppearanceRole,
    pub mode: AppearanceMode,
    pub language: Option<String>,
    pub interpreted_into: Vec<String>,
    /// For online speakers: their own zone and the segment's start there.
    pub home_zone: Option<String>,
    pub local_start_there: Option<NaiveDateTime>,
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunContact {
    pub name: String,
    pub contact: String,
    pub home_zone: Option<String>,
}

/// How a person appears, as the host reads it: "ONLINE from Asia/Tehran, 13:30 there",
/// "MESSAGE READ BY ...". `readers` are the segment's readers.
pub fn how_text(lang: Lang, p: &RunPerson, readers: &[String]) -> String {
    match (p.mode, &p.home_zone, p.local_start_there) {
        (AppearanceMode::Online, Some(zone), Some(t)) => lang.t_with(
            "runsheet-how-online-from",
            &[
                ("zone", FluentValue::from(zone.clone())),
                ("time", FluentValue::from(lang.format_time(t))),
            ],
        ),
        (AppearanceMode::ReadByProxy, _, _) if !readers.is_empty() => lang.t_with(
            "runsheet-how-read-by",
            &[("names", FluentValue::from(readers.join(lang.comma())))],
        ),
        (mode, _, _) => lang.t(&format!("runsheet-how-{}", mode.as_str())),
    }
}

/// The language pair a person is interpreted in ("Persian → Albanian"), if any.
pub fn interpreting_text(lang: Lang, p: &RunPerson) -> Option<String> {
    (!p.interpreted_into.is_empty()).then(|| {
        let from = p
            .language
            .as_deref()
            .map(|c| language_name(lang, c))
            .unwrap_or_default();
        let into = p
            .interpreted_into
            .iter()
            .map(|c| language_name(lang, c))
            .collect::<Vec<_>>()
            .join(lang.comma());
        lang.t_with(
            "runsheet-interpreting",
            &[
                ("from", FluentValue::from(from)),
                ("into", FluentValue::from(into)),
            ],
        )
    })
}

/// The names of a row's readers (who read messages out for others).
pub fn readers(r: &RunRow) -> Vec<String> {
    r.people
        .iter()
        .filter(|p| p.role == AppearanceRole::Reader)
        .map(|p| p.name.clone())
        .collect()
}

/// Builds the run-sheet of a gathering from its bundle.
#[cfg(feature = "ssr")]
pub use build::run_sheet_view;

#[cfg(feature = "ssr")]
mod build {
    use chrono::TimeZone;
    use chrono_tz::Tz;

    use super::*;
    use crate::db::entities::organisation;
    use crate::db::queries::GatheringBundle;
    use crate::error::AppError;
    use crate::responses::gathering::{agenda, gathering_title, segment_title, statement_view};
    use crate::responses::split_list;

    /// Builds the run-sheet: every segment, internal ones included, timed in the venue's
    /// zone; online speakers also in their own zone.
    pub fn run_sheet_view(
        org: &organisation::Model,
        bundle: &GatheringBundle,
        lang: &str,
    ) -> Result<RunSheet, AppError> {
        let g = &bundle.gathering;
        let default = org.default_language.as_str();
        let (tz, timed) = agenda(bundle)?;
        let mut rows = Vec::new();
        let mut hosts = Vec::new();
        for (i, (seg, t)) in bundle.segments.iter().zip(&timed.items).enumerate() {
            let title = segment_title(bundle, seg, lang, default);
            let people = bundle
                .appearances
                .iter()
                .filter(|a| a.segment_id == seg.id)
                .filter_map(|a| {
                    let p = bundle.people.get(&a.person_id)?;
                    let role: AppearanceRole = a.role;
                    let mode: AppearanceMode = a.mode;
                    if role == AppearanceRole::Host && !hosts.contains(&p.name) {
                        hosts.push(p.name.clone());
                    }
                    let home: Option<Tz> = p.home_time_zone.as_deref().and_then(|z| z.parse().ok());
                    let there = match (mode, home) {
                        (AppearanceMode::Online, Some(tz)) => {
                            Some(tz.from_utc_datetime(&t.start.naive_utc()).naive_local())
                        }
                        _ => None,
                    };
                    Some(RunPerson {
                        name: p.name.clone(),
                        role,
                        mode,
                        language: a.language.clone(),
                        interpreted_into: split_list(&a.interpreted_into),
                        home_zone: p.home_time_zone.clone(),
                        local_start_there: there,
                        link: a.online_link.clone(),
                    })
                })
                .collect();
            let film = seg.film_id.and_then(|id| bundle.films.get(&id)).map(|f| {
                let mut bits = vec![f.title.clone(), format!("{} min", f.runtime_minutes)];
                if !f.audio_language.is_empty() {
                    bits.push(format!("audio {}", f.audio_language));
                }
                if !f.subtitle_languages.is_empty() {
                    bits.push(format!("subtitles {}", f.subtitle_languages));
                }
                bits.join(" · ")
            });
            rows.push(RunRow {
                uid: seg.uid.clone(),
                number: u32::try_from(i + 1).unwrap_or(0),
                kind: seg.kind,
                title: title.text.to_owned(),
                start_local: t.start.naive_local(),
                end_local: t.end.naive_local(),
                start_offset: crate::domain::time::repeated_offset(t.start),
                end_offset: crate::domain::time::repeated_offset(t.end),
                start_utc: t.start.with_timezone(&chrono::Utc),
                end_utc: t.end.with_timezone(&chrono::Utc),
                minutes: t.minutes.get(),
                hard_start: t.hard,
                public: seg.public,
                film,
                people,
                cues: seg.cue_notes.clone(),
                actual_start: seg.actual_start.map(|t| t.with_timezone(&tz).naive_local()),
                actual_end: seg.actual_end.map(|t| t.with_timezone(&tz).naive_local()),
                skipped: seg.skipped,
                lane: bundle.lane_of(seg),
                room: bundle.lane_name(bundle.lane_of(seg)),
            });
        }
        let statements = bundle
            .statements
            .iter()
            .map(|s| statement_view(bundle, s, lang))
            .collect();
        let mut contacts: Vec<RunContact> = bundle
            .people
            .values()
            .filter(|p| !p.contact.is_empty())
            .map(|p| RunContact {
                name: p.name.clone(),
                contact: p.contact.clone(),
                home_zone: p.home_time_zone.clone(),
            })
            .collect();
        contacts.sort_by(|a, b| a.name.cmp(&b.name));
        let title = gathering_title(bundle, lang, default);
        Ok(RunSheet {
            org_slug: org.slug.clone(),
            org_name: org.name.clone(),
            slug: g.slug.clone(),
            title: title.text.to_owned(),
            kind: g.kind,
            status: g.status,
            time_zone: g.time_zone.clone(),
            starts_local: g.starts_local,
            ends_local: g.ends_local,
            venue: bundle.venue.as_ref().map(|v| RunSheetVenue {
                name: v.name.clone(),
                address: [v.address.as_str(), v.city.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty() && !v.name.contains(*s))
                    .collect::<Vec<_>>()
                    .join(", "),
                access_notes: v.access_notes.clone(),
                directions: v.public_directions.clone(),
            }),
            hosts,
            internal_notes: g.internal_notes.clone(),
            rows,
            overrun_minutes: timed.overrun_minutes,
            statements,
            contacts,
            expected_attendance: g.expected_attendance,
            actual_attendance: g.actual_attendance,
            lanes: if bundle.parallel() {
                bundle
                    .lanes
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let name = bundle
                            .lane_name(l.id)
                            .unwrap_or_else(|| (i + 1).to_string());
                        (l.id, name)
                    })
                    .collect()
            } else {
                Vec::new()
            },
        })
    }
}
