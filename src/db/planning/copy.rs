//! Copies of a gathering: a duplicate, or a copy on another day or in another city
//! (campaigns and series use it).

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, DatabaseTransaction, Set};

use super::Place;
use super::gatherings::create_gathering;
use crate::db::entities::{gathering, segment};
use crate::domain::plan::GatheringForm;
use crate::domain::{ValidationError, say};
use crate::error::AppError;

/// Copies gathering `source_slug` to another day as a new draft: the same venue, local
/// times, texts and translations, statements, and the whole agenda with its appearances
/// (a rally series repeats its run of show). Nothing of the source's day comes along
/// (actual times, skips, attendance), every calendar UID is new, and the source is not
/// touched. `date` is `YYYY-MM-DD`; an empty `title` keeps the source's, an empty `slug`
/// is made from the title and the date. Refusals name the `copy_*` fields.
pub async fn duplicate_gathering(
    db: &impl crate::db::Conn,
    organisation_id: i32,
    source_slug: &str,
    date: &str,
    title: &str,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    let txn = db.begin().await?;
    // The whole source in a fixed number of queries, as the pages load it.
    let source = crate::db::queries::gathering_bundle(&txn, organisation_id, source_slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = &source.gathering;
    let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| ValidationError::new("copy_date", say!("refusal-copy-day")))?;
    let target = CopyTarget {
        venue_id: g.venue_id,
        time_zone: g.time_zone.clone(),
        starts_local: day.and_time(g.starts_local.time()),
        title: title.to_owned(),
        slug: slug.to_owned(),
    };
    let copy = copy_gathering(&txn, organisation_id, &source, &target, now)
        .await
        .map_err(|e| match e {
            AppError::Validation { field, message } => AppError::Validation {
                field: match field.as_str() {
                    "title" | "slug" | "date" => format!("copy_{field}"),
                    _ => "copy_date".into(),
                },
                message,
            },
            other => other,
        })?;
    txn.commit().await?;
    Ok(copy)
}

/// Where and when a copy of a gathering happens.
#[derive(Debug, Clone)]
pub struct CopyTarget {
    pub venue_id: Option<i32>,
    /// The venue's zone (the source's, without a venue).
    pub time_zone: String,
    /// The copy's start on that zone's clock; it lasts as long as the source.
    pub starts_local: chrono::NaiveDateTime,
    /// Empty: the source's title.
    pub title: String,
    /// Empty: made from the title and the date.
    pub slug: String,
}

/// The form that saves gathering `g` as it is, but from `starts_local` to `ends_local`
/// (local to its zone).
pub fn gathering_form(
    g: &gathering::Model,
    starts_local: chrono::NaiveDateTime,
    ends_local: chrono::NaiveDateTime,
) -> GatheringForm {
    let day = starts_local.date();
    GatheringForm {
        title: g.title.clone(),
        slug: g.slug.clone(),
        kind: g.kind.to_string(),
        status: g.status.to_string(),
        date: day.format("%Y-%m-%d").to_string(),
        starts: starts_local.format("%H:%M").to_string(),
        ends: ends_local.format("%H:%M").to_string(),
        ends_next_day: if ends_local.date() > day {
            "on".into()
        } else {
            String::new()
        },
        public_description: g.public_description.clone(),
        internal_notes: g.internal_notes.clone(),
        languages: g.languages.clone(),
        expected_attendance: g
            .expected_attendance
            .map(|n| n.to_string())
            .unwrap_or_default(),
        actual_attendance: g
            .actual_attendance
            .map(|n| n.to_string())
            .unwrap_or_default(),
    }
}

/// Copies a loaded gathering as a new draft at `target` (inside the caller's
/// transaction): texts and translations, statements, the whole agenda with appearances;
/// fixed starts move with the start; nothing of the source's day; every UID new.
pub async fn copy_gathering(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    source: &crate::db::queries::GatheringBundle,
    target: &CopyTarget,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    use crate::db::entities::{
        appearance, gathering_text, segment_text, statement, statement_text,
    };
    use std::collections::HashMap;
    let g = &source.gathering;
    let shift = target.starts_local - g.starts_local;
    let ends_local = g.ends_local + shift;
    let day = target.starts_local.date();
    let title = if target.title.trim().is_empty() {
        g.title.clone()
    } else {
        target.title.clone()
    };
    let slug = if target.slug.trim().is_empty() {
        crate::domain::Slug::suggest(&format!("{title} {day}"))
            .as_str()
            .to_owned()
    } else {
        target.slug.clone()
    };
    let form = GatheringForm {
        title,
        slug,
        status: "draft".into(),
        actual_attendance: String::new(),
        ..gathering_form(g, target.starts_local, ends_local)
    };
    let place = Place {
        venue_id: target.venue_id,
        time_zone: &target.time_zone,
    };
    let copy = create_gathering(txn, organisation_id, place, &form, now).await?;
    for t in &source.gathering_texts {
        gathering_text::ActiveModel {
            gathering_id: Set(copy.id),
            language: Set(t.language.clone()),
            title: Set(t.title.clone()),
            public_description: Set(t.public_description.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let mut statements = HashMap::new();
    for s in &source.statements {
        let new = statement::ActiveModel {
            gathering_id: Set(copy.id),
            title: Set(s.title.clone()),
            language: Set(s.language.clone()),
            points: Set(s.points.clone()),
            signature_count: Set(0),
            public: Set(s.public),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        statements.insert(s.id, new.id);
    }
    for t in &source.statement_texts {
        statement_text::ActiveModel {
            statement_id: Set(statements[&t.statement_id]),
            language: Set(t.language.clone()),
            title: Set(t.title.clone()),
            points: Set(t.points.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let mut lanes =
        super::copy_lanes(txn, &source.lanes, copy.id, target.venue_id == g.venue_id).await?;
    if lanes.is_empty() {
        lanes.insert(0, super::default_lane(txn, copy.id).await?);
    }
    let mut segments = HashMap::new();
    for s in &source.segments {
        let lane = lanes
            .get(&source.lane_of(s))
            .or_else(|| lanes.values().next())
            .copied();
        let new = segment::ActiveModel {
            gathering_id: Set(copy.id),
            lane_id: Set(lane),
            abstract_text: Set(s.abstract_text.clone()),
            track: Set(s.track.clone()),
            session_languages: Set(s.session_languages.clone()),
            may_record: Set(s.may_record),
            may_stream: Set(s.may_stream),
            may_photograph: Set(s.may_photograph),
            position: Set(s.position),
            kind: Set(s.kind),
            title: Set(s.title.clone()),
            duration_minutes: Set(s.duration_minutes),
            hard_start_local: Set(s.hard_start_local.map(|t| t + shift)),
            film_id: Set(s.film_id),
            statement_id: Set(s.statement_id.and_then(|id| statements.get(&id).copied())),
            // A statement the organisation issued is the same one, read again.
            issued_statement_id: Set(s.issued_statement_id),
            public: Set(s.public),
            cue_notes: Set(s.cue_notes.clone()),
            actual_start: Set(None),
            actual_end: Set(None),
            skipped: Set(false),
            uid: Set(uuid::Uuid::new_v4().simple().to_string()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        segments.insert(s.id, new.id);
    }
    for t in &source.segment_texts {
        segment_text::ActiveModel {
            segment_id: Set(segments[&t.segment_id]),
            language: Set(t.language.clone()),
            title: Set(t.title.clone()),
            abstract_text: Set(t.abstract_text.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    for a in &source.appearances {
        appearance::ActiveModel {
            segment_id: Set(segments[&a.segment_id]),
            person_id: Set(a.person_id),
            position: Set(a.position),
            role: Set(a.role),
            mode: Set(a.mode),
            language: Set(a.language.clone()),
            interpreted_into: Set(a.interpreted_into.clone()),
            online_link: Set(a.online_link.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(copy)
}
