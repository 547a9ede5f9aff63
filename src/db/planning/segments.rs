//! The agenda's segments: add, change, move, reorder and delete, each checked against
//! the gathering's version.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseTransaction, EntityTrait, ModelTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use super::gatherings::fixed_start;
use super::lock;
use crate::db::entities::{film, segment};
use crate::domain::plan::SegmentForm;
use crate::domain::{ValidationError, say};
use crate::error::AppError;

/// A film named in a form must belong to the organisation.
async fn check_film(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    film_id: Option<i32>,
) -> Result<(), AppError> {
    if let Some(id) = film_id {
        film::Entity::find_by_id(id)
            .filter(film::Column::OrganisationId.eq(organisation_id))
            .one(txn)
            .await?
            .ok_or_else(|| ValidationError::new("film", say!("refusal-choose-film")))?;
    }
    Ok(())
}

/// Appends a segment to a gathering's agenda; a screening may name a film of the same
/// organisation, whose runtime it then takes unless a duration is given. With a
/// `version`, the change is refused if the gathering changed in the meantime.
pub async fn add_segment(
    db: &impl crate::db::Conn,
    gathering_id: i32,
    film_id: Option<i32>,
    form: &SegmentForm,
    now: DateTime<Utc>,
) -> Result<segment::Model, AppError> {
    add_segment_at(db, gathering_id, None, film_id, form, now).await
}

/// [`add_segment`] with an optimistic-concurrency check.
pub async fn add_segment_at(
    db: &impl crate::db::Conn,
    gathering_id: i32,
    version: Option<i32>,
    film_id: Option<i32>,
    form: &SegmentForm,
    now: DateTime<Utc>,
) -> Result<segment::Model, AppError> {
    let plan = form.parse(film_id.is_some())?;
    let txn = db.begin().await?;
    let g = lock(&txn, gathering_id, version, now).await?;
    check_film(&txn, g.organisation_id, film_id).await?;
    let count = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(g.id))
        .count(&txn)
        .await?;
    if count >= crate::domain::plan::MAX_SEGMENTS as u64 {
        return Err(crate::domain::plan::too_many_segments("form").into());
    }
    let last = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(g.id))
        .order_by_desc(segment::Column::Position)
        .limit(1)
        .one(&txn)
        .await?
        .map_or(0, |s| s.position);
    let lane = match plan.lane {
        Some(id) => super::lanes::check_lane(&txn, g.id, id).await?,
        None => super::default_lane(&txn, g.id).await?,
    };
    let model = segment::ActiveModel {
        gathering_id: Set(g.id),
        lane_id: Set(Some(lane)),
        abstract_text: Set(plan.abstract_text.clone()),
        track: Set(plan.track.clone()),
        session_languages: Set(join_tags(&plan.languages)),
        may_record: Set(plan.may_record),
        may_stream: Set(plan.may_stream),
        may_photograph: Set(plan.may_photograph),
        position: Set(last + 1),
        kind: Set(plan.kind),
        title: Set(plan.title.as_str().into()),
        duration_minutes: Set(plan.duration.map(|m| m.get() as i32)),
        hard_start_local: Set(fixed_start(&g, plan.hard_start)?),
        film_id: Set(film_id),
        statement_id: Set(None),
        public: Set(plan.public),
        cue_notes: Set(plan.cue_notes),
        actual_start: Set(None),
        actual_end: Set(None),
        skipped: Set(false),
        uid: Set(uuid::Uuid::new_v4().simple().to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Language tags as stored: comma-separated.
fn join_tags(tags: &[crate::domain::LanguageTag]) -> String {
    tags.iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Moves a segment one place up or down in its lane.
pub async fn move_segment(
    db: &impl crate::db::Conn,
    gathering_id: i32,
    version: Option<i32>,
    segment_id: i32,
    up: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    let mut segments = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .order_by_asc(segment::Column::Position)
        .order_by_asc(segment::Column::Id)
        .all(&txn)
        .await?;
    let at = segments
        .iter()
        .position(|s| s.id == segment_id)
        .ok_or(AppError::NotFound)?;
    // The neighbour in the same lane: parallel lanes keep their own order.
    let lane = segments[at].lane_id;
    let other = if up {
        (0..at).rev().find(|i| segments[*i].lane_id == lane)
    } else {
        (at + 1..segments.len()).find(|i| segments[*i].lane_id == lane)
    };
    if let Some(other) = other {
        segments.swap(at, other);
        for (i, s) in segments.into_iter().enumerate() {
            let position = i as i32 + 1;
            if s.position != position {
                let mut m: segment::ActiveModel = s.into();
                m.position = Set(position);
                m.update(&txn).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Puts a gathering's segments in the order given: `order` must name each of them once
/// (an order made from a page that has since gained or lost a segment is refused).
pub async fn reorder_segments(
    db: &impl crate::db::Conn,
    gathering_id: i32,
    version: Option<i32>,
    order: &[i32],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    let segments = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .all(&txn)
        .await?;
    let mut given = order.to_vec();
    given.sort_unstable();
    let mut stored: Vec<i32> = segments.iter().map(|s| s.id).collect();
    stored.sort_unstable();
    if given != stored {
        return Err(AppError::Conflict(say!("refusal-agenda-changed")));
    }
    for s in segments {
        let Some(at) = order.iter().position(|id| *id == s.id) else {
            continue;
        };
        let position = at as i32 + 1;
        if s.position != position {
            let mut m: segment::ActiveModel = s.into();
            m.position = Set(position);
            m.update(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Removes a segment (and its appearances) from an agenda.
pub async fn delete_segment(
    db: &impl crate::db::Conn,
    gathering_id: i32,
    version: Option<i32>,
    segment_id: i32,
    now: DateTime<Utc>,
) -> Result<segment::Model, AppError> {
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    let s = segment::Entity::find_by_id(segment_id)
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    s.clone().delete(&txn).await?;
    txn.commit().await?;
    Ok(s)
}

/// Changes a segment in place (kind, title, duration or film, hard start, public flag,
/// cues); its place in the agenda and its appearances stay.
pub async fn update_segment(
    db: &impl crate::db::Conn,
    gathering_id: i32,
    version: Option<i32>,
    segment_id: i32,
    film_id: Option<i32>,
    form: &SegmentForm,
    now: DateTime<Utc>,
) -> Result<segment::Model, AppError> {
    let plan = form.parse(film_id.is_some())?;
    let txn = db.begin().await?;
    let g = lock(&txn, gathering_id, version, now).await?;
    check_film(&txn, g.organisation_id, film_id).await?;
    let s = segment::Entity::find_by_id(segment_id)
        .filter(segment::Column::GatheringId.eq(g.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let lane = match plan.lane {
        Some(id) => Some(super::lanes::check_lane(&txn, g.id, id).await?),
        None => s.lane_id,
    };
    let mut m: segment::ActiveModel = s.into();
    m.kind = Set(plan.kind);
    m.title = Set(plan.title.as_str().into());
    m.duration_minutes = Set(plan.duration.map(|d| d.get() as i32));
    m.hard_start_local = Set(fixed_start(&g, plan.hard_start)?);
    m.film_id = Set(film_id);
    m.public = Set(plan.public);
    m.cue_notes = Set(plan.cue_notes);
    m.lane_id = Set(lane);
    m.abstract_text = Set(plan.abstract_text);
    m.track = Set(plan.track);
    m.session_languages = Set(join_tags(&plan.languages));
    m.may_record = Set(plan.may_record);
    m.may_stream = Set(plan.may_stream);
    m.may_photograph = Set(plan.may_photograph);
    let saved = m.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}
