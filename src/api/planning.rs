//! What the planning pages show: the choices for a new gathering and the agenda editor
//! with its computed times and warnings. Organisers and owners only.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::{GatheringStatus, SegmentKind};
use crate::error::AppError;

/// A venue or film to choose from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub id: i32,
    pub label: String,
}

/// The choices of the new-gathering form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewGatheringChoices {
    pub org_slug: String,
    pub org_name: String,
    pub venues: Vec<Choice>,
}

/// The agenda editor of one gathering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgendaEditor {
    pub org_slug: String,
    pub slug: String,
    pub title: String,
    pub status: GatheringStatus,
    pub version: i32,
    pub time_zone: String,
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
    pub rows: Vec<EditorRow>,
    pub overrun_minutes: Option<u32>,
    /// Other gatherings holding the venue at the same time.
    pub venue_warnings: Vec<String>,
    pub films: Vec<Choice>,
    /// The organisation's default language (the main texts are in it).
    pub default_language: String,
    /// The organisation's content languages other than its default, which public texts
    /// can be translated into.
    pub languages: Vec<crate::domain::content::ContentLanguage>,
    /// Current translations, keyed by the translation form's field names.
    pub texts: std::collections::HashMap<String, String>,
    /// The gathering's statements: id and title in the default language.
    pub statements: Vec<Choice>,
    /// The gathering's statements as stored, for their edit forms.
    pub statement_forms: Vec<StatementEdit>,
    /// The statements and letters the organisation issued on its own, which a segment
    /// can read.
    #[serde(default)]
    pub issued: Vec<Choice>,
    pub description: String,
    /// The organisation's people, to add to segments.
    pub people: Vec<Choice>,
    /// The lanes it runs side by side, left to right (one for most gatherings).
    #[serde(default)]
    pub lanes: Vec<EditorLane>,
    /// The rooms of its venue, for the lanes.
    #[serde(default)]
    pub rooms: Vec<Choice>,
    /// Whether it runs over several days (a fixed start then names its day).
    #[serde(default)]
    pub several_days: bool,
    /// The releases of its programme so far, oldest first.
    #[serde(default)]
    pub releases: Vec<crate::responses::ReleaseView>,
}

/// One lane of the agenda editor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorLane {
    pub id: i32,
    /// Its room's name, its own name, or its number.
    pub label: String,
    pub name: String,
    pub room_id: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorRow {
    pub id: i32,
    pub number: u32,
    pub kind: SegmentKind,
    pub title: String,
    pub start_local: NaiveDateTime,
    pub end_local: NaiveDateTime,
    /// The UTC offsets of start and end when the clock shows them twice.
    pub start_offset: Option<String>,
    pub end_offset: Option<String>,
    pub minutes: u32,
    pub hard_start: bool,
    pub public: bool,
    pub film: Option<String>,
    /// Warnings from the timing rules, ready to show beside the segment.
    pub warnings: Vec<String>,
    pub people: Vec<EditorAppearance>,
    /// The stored values, for the segment's edit form.
    pub form: crate::domain::plan::SegmentForm,
    pub film_id: Option<i32>,
    /// The statement read in this segment, as its choice is written: a statement of
    /// the gathering by its id, one the organisation issued as `issued-{id}`.
    pub statement_choice: String,
    pub statement: Option<String>,
    /// The lane it runs in.
    #[serde(default)]
    pub lane: i32,
}

/// A statement of the gathering with its stored values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementEdit {
    pub id: i32,
    pub title: String,
    pub language: String,
    /// One point per line.
    pub points: String,
    pub signature_count: i32,
    pub public: bool,
    /// Numbers of the segments where it is read.
    pub read_in: Vec<u32>,
}

/// Who appears in a segment, as the editor lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditorAppearance {
    pub id: i32,
    pub person_id: i32,
    pub name: String,
    pub role: crate::domain::AppearanceRole,
    pub mode: crate::domain::AppearanceMode,
    pub language: Option<String>,
    pub interpreted_into: String,
    pub online_link: String,
}

/// A gathering's details as the edit form shows them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditGathering {
    pub choices: NewGatheringChoices,
    pub slug: String,
    pub version: i32,
    /// The gathering's own venue (not offered for a campaign).
    pub venue_id: Option<i32>,
    /// The campaign it belongs to: `(slug, title)`.
    pub campaign: Option<(String, String)>,
    /// The other occurrences of its series: `(slug, title, local start)`, by date.
    pub series: Vec<(String, String, NaiveDateTime)>,
    /// The ids of its campaign and series, for their pages.
    #[serde(default)]
    pub campaign_id: Option<i32>,
    #[serde(default)]
    pub series_id: Option<i32>,
    /// Form field name → current value.
    pub values: std::collections::HashMap<String, String>,
}

/// The edit form of a gathering (organisers and owners).
#[server]
pub async fn load_edit_gathering(org: String, slug: String) -> Result<EditGathering, AppError> {
    let choices = load_new_gathering(org.clone()).await?;
    let db = super::db()?;
    let o = crate::db::queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = crate::db::queries::gathering_bundle(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?
        .gathering;
    let next_day = g.ends_local.date() > g.starts_local.date();
    let mut values: std::collections::HashMap<String, String> = [
        ("title", g.title.clone()),
        ("slug", g.slug.clone()),
        ("kind", g.kind.to_string()),
        ("status", g.status.to_string()),
        (
            "venue",
            g.venue_id.map(|v| v.to_string()).unwrap_or_default(),
        ),
        (
            "time_zone",
            if g.venue_id.is_none() {
                g.time_zone.clone()
            } else {
                String::new()
            },
        ),
        ("date", g.starts_local.format("%Y-%m-%d").to_string()),
        ("starts", g.starts_local.format("%H:%M").to_string()),
        ("ends", g.ends_local.format("%H:%M").to_string()),
        ("languages", g.languages.replace(',', ", ")),
        (
            "expected_attendance",
            g.expected_attendance
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        (
            "actual_attendance",
            g.actual_attendance
                .map(|n| n.to_string())
                .unwrap_or_default(),
        ),
        ("public_description", g.public_description.clone()),
        ("internal_notes", g.internal_notes.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect();
    if next_day {
        values.insert("ends_next_day".into(), "on".into());
    }
    let campaign = crate::db::campaigns::campaign_of(&db, &g)
        .await?
        .map(|c| (c.slug, c.title));
    let series = crate::db::campaigns::series_siblings(&db, &g)
        .await?
        .into_iter()
        .map(|s| (s.slug, s.title, s.starts_local))
        .collect();
    Ok(EditGathering {
        choices,
        slug: g.slug,
        version: g.version,
        venue_id: g.venue_id,
        campaign,
        series,
        campaign_id: g.campaign_id,
        series_id: g.series_id,
        values,
    })
}

/// Venues of an organisation for the new-gathering form.
#[server]
pub async fn load_new_gathering(org: String) -> Result<NewGatheringChoices, AppError> {
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::Plan).await?;
    let venues = crate::db::queries::venues(&db, o.id)
        .await?
        .into_iter()
        .map(|v| Choice {
            id: v.id,
            label: format!("{} ({})", v.name, v.time_zone),
        })
        .collect();
    Ok(NewGatheringChoices {
        org_slug: o.slug,
        org_name: o.name,
        venues,
    })
}

/// The agenda of a gathering, timed, with the timing warnings in the page's language.
#[server]
pub async fn load_agenda_editor(
    org: String,
    slug: String,
    lang: String,
) -> Result<AgendaEditor, AppError> {
    use crate::domain::access::Permission;
    use crate::domain::agenda::TimingNote;
    use crate::i18n::Lang;
    use crate::responses::gathering::agenda;
    use fluent_templates::fluent_bundle::FluentValue;
    let ui = Lang::from_code(&lang).unwrap_or_default();
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::Plan).await?;
    let bundle = crate::db::queries::gathering_bundle(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let (_, timed) = agenda(&bundle)?;
    let issued: Vec<Choice> = crate::db::issued::choices(&db, o.id)
        .await?
        .into_iter()
        .map(|(id, label)| Choice { id, label })
        .collect();
    let audience = crate::domain::LanguageTag::parse_list("languages", &bundle.gathering.languages)
        .unwrap_or_default();
    // Warnings about people: online speakers at night in their own zone, and languages
    // of the audience that nobody will hear.
    let people_warnings = |segment_id: i32, t: &crate::domain::agenda::TimedItem| -> Vec<String> {
        use crate::domain::conflicts::{missing_interpretation, remote_hours};
        use crate::domain::{AppearanceMode, AppearanceRole, LanguageTag};
        let mut out = Vec::new();
        for a in bundle
            .appearances
            .iter()
            .filter(|a| a.segment_id == segment_id)
        {
            let Some(p) = bundle.people.get(&a.person_id) else {
                continue;
            };
            let mode = Some(a.mode);
            let role = Some(a.role);
            if mode == Some(AppearanceMode::Online)
                && let Some(home) = p
                    .home_time_zone
                    .as_deref()
                    .and_then(|z| z.parse::<chrono_tz::Tz>().ok())
            {
                let hours = remote_hours(
                    home,
                    t.start.with_timezone(&chrono::Utc),
                    t.end.with_timezone(&chrono::Utc),
                );
                if hours.outside_waking_hours {
                    out.push(ui.t_with(
                        "warning-remote-night",
                        &[
                            ("name", FluentValue::from(p.name.clone())),
                            (
                                "time",
                                FluentValue::from(ui.format_time(hours.local_start.naive_local())),
                            ),
                            ("zone", FluentValue::from(home.name().to_owned())),
                        ],
                    ));
                }
            }
            if matches!(role, Some(AppearanceRole::Speaker | AppearanceRole::Reader)) {
                let spoken = a
                    .language
                    .as_deref()
                    .and_then(|l| LanguageTag::parse("language", l).ok());
                let into = LanguageTag::parse_list("interpreted_into", &a.interpreted_into)
                    .unwrap_or_default();
                let missing = missing_interpretation(&audience, spoken.as_ref(), &into);
                if !missing.is_empty() {
                    let names: Vec<String> = missing
                        .iter()
                        .map(|l| crate::i18n::language_name(ui, l.as_str()))
                        .collect();
                    out.push(ui.t_with(
                        "warning-missing-interpretation",
                        &[
                            ("name", FluentValue::from(p.name.clone())),
                            ("languages", FluentValue::from(names.join(ui.comma()))),
                        ],
                    ));
                }
            }
        }
        out
    };
    let (mut clashes, venue_warnings) = ssr::clashes(&db, o.id, &bundle, &timed, ui).await?;
    let several_days = bundle.gathering.ends_local.date() > bundle.gathering.starts_local.date();
    let releases = crate::responses::gathering::release_views(&bundle);
    let start_format = if several_days {
        "%Y-%m-%dT%H:%M"
    } else {
        "%H:%M"
    };
    let lanes: Vec<EditorLane> = bundle
        .lanes
        .iter()
        .enumerate()
        .map(|(i, l)| EditorLane {
            id: l.id,
            label: bundle.lane_name(l.id).unwrap_or_else(|| {
                ui.t_with("programme-lane", &[("number", FluentValue::from(i + 1))])
            }),
            name: l.name.clone(),
            room_id: l.room_id,
        })
        .collect();
    let rooms: Vec<Choice> = match bundle.gathering.venue_id {
        Some(venue) => crate::db::rooms::rooms(&db, venue)
            .await?
            .into_iter()
            .map(|r| Choice {
                id: r.id,
                label: r.name,
            })
            .collect(),
        None => Vec::new(),
    };
    let minutes = |id: &str, m: u32| ui.t_with(id, &[("minutes", FluentValue::from(m))]);
    let rows = bundle
        .segments
        .iter()
        .zip(&timed.items)
        .enumerate()
        .map(|(i, (s, t))| EditorRow {
            id: s.id,
            number: u32::try_from(i + 1).unwrap_or(0),
            kind: s.kind,
            title: s.title.clone(),
            start_local: t.start.naive_local(),
            end_local: t.end.naive_local(),
            start_offset: crate::domain::time::repeated_offset(t.start),
            end_offset: crate::domain::time::repeated_offset(t.end),
            minutes: t.minutes.get(),
            hard_start: t.hard,
            form: crate::domain::plan::SegmentForm {
                kind: s.kind.to_string(),
                title: s.title.clone(),
                duration: s
                    .duration_minutes
                    .map(|m| m.to_string())
                    .unwrap_or_default(),
                hard_start: s
                    .hard_start_local
                    .map(|h| h.format(start_format).to_string())
                    .unwrap_or_default(),
                public: if s.public { "on".into() } else { String::new() },
                cue_notes: s.cue_notes.clone(),
                lane: bundle.lane_of(s).to_string(),
                abstract_text: s.abstract_text.clone(),
                track: s.track.clone(),
                languages: s.session_languages.clone(),
                no_record: if s.may_record {
                    String::new()
                } else {
                    "on".into()
                },
                no_stream: if s.may_stream {
                    String::new()
                } else {
                    "on".into()
                },
                no_photos: if s.may_photograph {
                    String::new()
                } else {
                    "on".into()
                },
            },
            lane: bundle.lane_of(s),
            film_id: s.film_id,
            statement_choice: match (s.statement_id, s.issued_statement_id) {
                (Some(id), _) => id.to_string(),
                (None, Some(id)) => format!("issued-{id}"),
                (None, None) => String::new(),
            },
            statement: s
                .statement_id
                .and_then(|id| bundle.statements.iter().find(|st| st.id == id))
                .map(|st| st.title.clone())
                .or_else(|| {
                    s.issued_statement_id
                        .and_then(|id| issued.iter().find(|c| c.id == id))
                        .map(|c| c.label.clone())
                }),
            public: s.public,
            film: s
                .film_id
                .and_then(|id| bundle.films.get(&id))
                .map(|f| f.title.clone()),
            warnings: t
                .notes
                .iter()
                .map(|n| match n {
                    TimingNote::Gap { minutes: m } => minutes("warning-gap", *m),
                    TimingNote::Overlap { minutes: m } => minutes("warning-overlap", *m),
                    TimingNote::NoDuration => ui.t("warning-no-duration"),
                    TimingNote::BeforeGatheringStart { minutes: m } => {
                        minutes("warning-before-start", *m)
                    }
                })
                .chain(people_warnings(s.id, t))
                .chain(clashes.remove(&s.id).unwrap_or_default())
                .collect(),
            people: bundle
                .appearances
                .iter()
                .filter(|a| a.segment_id == s.id)
                .filter_map(|a| {
                    Some(EditorAppearance {
                        id: a.id,
                        person_id: a.person_id,
                        name: bundle.people.get(&a.person_id)?.name.clone(),
                        role: a.role,
                        mode: a.mode,
                        language: a.language.clone(),
                        interpreted_into: a.interpreted_into.clone(),
                        online_link: a.online_link.clone(),
                    })
                })
                .collect(),
        })
        .collect();
    let people = crate::db::queries::people(&db, o.id)
        .await?
        .into_iter()
        .map(|p| Choice {
            id: p.id,
            label: match &p.home_time_zone {
                Some(z) => format!("{} ({z})", p.name),
                None => p.name,
            },
        })
        .collect();
    let films = crate::db::queries::films(&db, o.id)
        .await?
        .into_iter()
        .map(|f| Choice {
            id: f.id,
            label: format!("{} ({} min)", f.title, f.runtime_minutes),
        })
        .collect();
    let languages = o.offered_languages();
    let mut texts = std::collections::HashMap::new();
    for t in &bundle.gathering_texts {
        texts.insert(format!("g_title_{}", t.language), t.title.clone());
        texts.insert(
            format!("g_desc_{}", t.language),
            t.public_description.clone(),
        );
    }
    for t in &bundle.segment_texts {
        texts.insert(
            format!("s_{}_{}", t.segment_id, t.language),
            t.title.clone(),
        );
        texts.insert(
            format!("sa_{}_{}", t.segment_id, t.language),
            t.abstract_text.clone(),
        );
    }
    for t in &bundle.statement_texts {
        texts.insert(
            format!("st_{}_title_{}", t.statement_id, t.language),
            t.title.clone(),
        );
        texts.insert(
            format!("st_{}_points_{}", t.statement_id, t.language),
            t.points.clone(),
        );
    }
    let statements = bundle
        .statements
        .iter()
        .map(|s| Choice {
            id: s.id,
            label: s.title.clone(),
        })
        .collect();
    let statement_forms = bundle
        .statements
        .iter()
        .map(|st| StatementEdit {
            id: st.id,
            title: st.title.clone(),
            language: st.language.clone(),
            points: st.points.clone(),
            signature_count: st.signature_count,
            public: st.public,
            read_in: bundle
                .segments
                .iter()
                .enumerate()
                .filter(|(_, s)| s.statement_id == Some(st.id))
                .map(|(i, _)| u32::try_from(i + 1).unwrap_or(0))
                .collect(),
        })
        .collect();
    let g = bundle.gathering;
    Ok(AgendaEditor {
        issued,
        statement_forms,
        default_language: o.default_language.clone(),
        languages,
        texts,
        statements,
        description: g.public_description.clone(),
        people,
        org_slug: o.slug,
        slug: g.slug,
        title: g.title,
        status: g.status,
        version: g.version,
        time_zone: g.time_zone,
        starts_local: g.starts_local,
        ends_local: g.ends_local,
        rows,
        overrun_minutes: timed.overrun_minutes,
        venue_warnings,
        films,
        lanes,
        rooms,
        several_days,
        releases,
    })
}

#[cfg(feature = "ssr")]
mod ssr {
    use std::collections::HashMap;

    use chrono::Utc;
    use fluent_templates::fluent_bundle::FluentValue;
    use sea_orm::DatabaseConnection;

    use crate::db::queries::{GatheringBundle, gathering_bundles, overlapping_gatherings};
    use crate::domain::agenda::Agenda;
    use crate::domain::conflicts::{
        PersonSlot, RoomSlot, VenueSlot, double_booked_people, double_booked_rooms,
        double_booked_venues,
    };
    use crate::error::AppError;
    use crate::i18n::Lang;
    use crate::responses::gathering::agenda;

    /// Warnings about the organisation's other gatherings at the same time: per segment
    /// of this one, the people it needs live who are booked live elsewhere; and the
    /// other gatherings holding its venue.
    pub async fn clashes(
        db: &DatabaseConnection,
        organisation_id: i32,
        bundle: &GatheringBundle,
        timed: &Agenda,
        ui: Lang,
    ) -> Result<(HashMap<i32, Vec<String>>, Vec<String>), AppError> {
        let g = &bundle.gathering;
        let overlapping =
            overlapping_gatherings(db, organisation_id, g.id, g.starts_at, g.ends_at).await?;
        let mut by_segment: HashMap<i32, Vec<String>> = HashMap::new();
        // Parallel lanes clash among themselves even with nothing else on that day.
        if overlapping.is_empty() && !bundle.parallel() {
            return Ok((by_segment, Vec::new()));
        }
        let others = if overlapping.is_empty() {
            Vec::new()
        } else {
            gathering_bundles(db, overlapping).await?
        };
        let mut timings = vec![(bundle, timed.clone())];
        for other in &others {
            // An unreadable plan elsewhere must not keep this editor from opening.
            if let Ok((_, t)) = agenda(other) {
                timings.push((other, t));
            }
        }
        let mut slots = Vec::new();
        let mut room_slots = Vec::new();
        let mut segments = HashMap::new();
        for (b, t) in &timings {
            for (s, item) in b.segments.iter().zip(&t.items) {
                if s.skipped {
                    continue;
                }
                let lane = b.lane_of(s);
                segments.insert(s.id, (*b, lane, item.start, item.end));
                let start = item.start.with_timezone(&Utc);
                let end = item.end.with_timezone(&Utc);
                if let Some(room) = b.room_of_lane(lane) {
                    room_slots.push(RoomSlot {
                        room_id: room.id.into(),
                        lane_id: lane.into(),
                        segment_id: s.id.into(),
                        start,
                        end,
                    });
                }
                for a in b.appearances.iter().filter(|a| a.segment_id == s.id) {
                    slots.push(PersonSlot {
                        person_id: a.person_id.into(),
                        gathering_id: b.gathering.id.into(),
                        lane_id: lane.into(),
                        segment_id: s.id.into(),
                        mode: a.mode,
                        start,
                        end,
                    });
                }
            }
        }
        // Another segment's time on this gathering's clock.
        let zone = timed.ends.timezone();
        let clock = |t: &chrono::DateTime<chrono_tz::Tz>| {
            FluentValue::from(ui.format_time(t.with_timezone(&zone).naive_local()))
        };
        let here = i64::from(g.id);
        for clash in double_booked_people(&slots) {
            let pairs = match (clash.first.0 == here, clash.second.0 == here) {
                (true, true) => vec![(clash.first, clash.second), (clash.second, clash.first)],
                (true, false) => vec![(clash.first, clash.second)],
                (false, true) => vec![(clash.second, clash.first)],
                (false, false) => continue,
            };
            let name = i32::try_from(clash.person_id)
                .ok()
                .and_then(|id| bundle.people.get(&id))
                .map_or_else(String::new, |p| p.name.clone());
            for (mine, theirs) in pairs {
                let (Ok(mine), Ok(theirs)) = (i32::try_from(mine.1), i32::try_from(theirs.1))
                else {
                    continue;
                };
                let Some((other, lane, start, end)) = segments.get(&theirs) else {
                    continue;
                };
                let warning = if other.gathering.id == g.id {
                    ui.t_with(
                        "warning-person-two-rooms",
                        &[
                            ("name", FluentValue::from(name.clone())),
                            (
                                "room",
                                FluentValue::from(other.lane_name(*lane).unwrap_or_default()),
                            ),
                            ("start", clock(start)),
                            ("end", clock(end)),
                        ],
                    )
                } else {
                    ui.t_with(
                        "warning-person-double-booked",
                        &[
                            ("name", FluentValue::from(name.clone())),
                            (
                                "gathering",
                                FluentValue::from(other.gathering.title.clone()),
                            ),
                            ("start", clock(start)),
                            ("end", clock(end)),
                        ],
                    )
                };
                by_segment.entry(mine).or_default().push(warning);
            }
        }
        for clash in double_booked_rooms(&room_slots) {
            for (mine, theirs) in [(clash.first, clash.second), (clash.second, clash.first)] {
                let (Ok(mine), Ok(theirs)) = (i32::try_from(mine), i32::try_from(theirs)) else {
                    continue;
                };
                let Some((b, lane, _, _)) = segments.get(&mine) else {
                    continue;
                };
                if b.gathering.id != g.id {
                    continue;
                }
                let Some((other, _, start, end)) = segments.get(&theirs) else {
                    continue;
                };
                let title = other
                    .segments
                    .iter()
                    .find(|s| s.id == theirs)
                    .map_or_else(String::new, |s| s.title.clone());
                let what = if other.gathering.id == g.id {
                    title
                } else {
                    format!("{} – {title}", other.gathering.title)
                };
                by_segment.entry(mine).or_default().push(ui.t_with(
                    "warning-room-double-booked",
                    &[
                        (
                            "room",
                            FluentValue::from(b.lane_name(*lane).unwrap_or_default()),
                        ),
                        ("segment", FluentValue::from(what)),
                        ("start", clock(start)),
                        ("end", clock(end)),
                    ],
                ));
            }
        }
        let venue_slots: Vec<VenueSlot> = std::iter::once(bundle)
            .chain(&others)
            .filter_map(|b| {
                Some(VenueSlot {
                    venue_id: b.gathering.venue_id?.into(),
                    gathering_id: b.gathering.id.into(),
                    start: b.gathering.starts_at,
                    end: b.gathering.ends_at,
                })
            })
            .collect();
        let venue_warnings = double_booked_venues(&venue_slots)
            .into_iter()
            .filter_map(|c| {
                let other = if c.first == i64::from(g.id) {
                    c.second
                } else if c.second == i64::from(g.id) {
                    c.first
                } else {
                    return None;
                };
                let other = others.iter().find(|b| i64::from(b.gathering.id) == other)?;
                let venue = bundle.venue.as_ref().map_or("", |v| v.name.as_str());
                let zone = timed.ends.timezone();
                let local =
                    |t: chrono::DateTime<Utc>| ui.format_time(t.with_timezone(&zone).naive_local());
                Some(ui.t_with(
                    "warning-venue-double-booked",
                    &[
                        ("venue", FluentValue::from(venue.to_owned())),
                        (
                            "gathering",
                            FluentValue::from(other.gathering.title.clone()),
                        ),
                        ("start", FluentValue::from(local(other.gathering.starts_at))),
                        ("end", FluentValue::from(local(other.gathering.ends_at))),
                    ],
                ))
            })
            .collect();
        Ok((by_segment, venue_warnings))
    }
}
