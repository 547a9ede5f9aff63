//! Writes of the planning pages: every change is checked by the domain first and
//! written in one transaction, so a refused change leaves nothing behind.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set, TransactionTrait,
};

use super::entities::{film, gathering, organisation, segment, venue};
use crate::domain::plan::{GatheringForm, SegmentForm};
use crate::domain::{TimeZoneName, ValidationError};
use crate::error::AppError;

/// Creates a gathering of `organisation_id` at `venue_id` (or, without a venue, in
/// `time_zone`) from a submitted form.
pub async fn create_gathering(
    db: &DatabaseConnection,
    organisation_id: i32,
    venue_id: Option<i32>,
    time_zone: &str,
    form: &GatheringForm,
) -> Result<gathering::Model, AppError> {
    let txn = db.begin().await?;
    let org = organisation::Entity::find_by_id(organisation_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let zone = match venue_id {
        Some(id) => {
            let v = venue::Entity::find_by_id(id)
                .filter(venue::Column::OrganisationId.eq(org.id))
                .one(&txn)
                .await?
                .ok_or_else(|| ValidationError::new("venue", "Choose one of your venues."))?;
            TimeZoneName::parse("venue", &v.time_zone)?
        }
        None => TimeZoneName::parse("time_zone", time_zone)?,
    };
    let plan = form.parse(zone.tz())?;
    let taken = gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(org.id))
        .filter(gathering::Column::Slug.eq(plan.slug.as_str()))
        .count(&txn)
        .await?
        > 0;
    if taken {
        return Err(ValidationError::new(
            "slug",
            format!(
                "Another gathering already has the address \"{}\"; choose another.",
                plan.slug.as_str()
            ),
        )
        .into());
    }
    let now = Utc::now();
    let languages: Vec<&str> = plan.languages.iter().map(|l| l.as_str()).collect();
    let model = gathering::ActiveModel {
        organisation_id: Set(org.id),
        kind: Set(plan.kind.as_str().into()),
        title: Set(plan.title.as_str().into()),
        slug: Set(plan.slug.as_str().into()),
        venue_id: Set(venue_id),
        time_zone: Set(zone.as_str().into()),
        starts_local: Set(plan.starts_local),
        ends_local: Set(plan.ends_local),
        starts_at: Set(plan.span.start.with_timezone(&Utc)),
        ends_at: Set(plan.span.end.with_timezone(&Utc)),
        status: Set(plan.status.as_str().into()),
        public_description: Set(plan.public_description),
        internal_notes: Set(plan.internal_notes),
        expected_attendance: Set(plan.expected_attendance.map(|n| n as i32)),
        actual_attendance: Set(None),
        languages: Set(languages.join(",")),
        uid: Set(format!(
            "{}@{}.convene",
            uuid::Uuid::new_v4().as_hyphenated(),
            org.slug
        )),
        sequence: Set(0),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Appends a segment to a gathering's agenda; a screening may name a film of the same
/// organisation, whose runtime it then takes unless a duration is given.
pub async fn add_segment(
    db: &DatabaseConnection,
    gathering_id: i32,
    film_id: Option<i32>,
    form: &SegmentForm,
) -> Result<segment::Model, AppError> {
    let txn = db.begin().await?;
    let g = gathering::Entity::find_by_id(gathering_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(id) = film_id {
        film::Entity::find_by_id(id)
            .filter(film::Column::OrganisationId.eq(g.organisation_id))
            .one(&txn)
            .await?
            .ok_or_else(|| ValidationError::new("film", "Choose one of your films."))?;
    }
    let plan = form.parse(film_id.is_some())?;
    let last = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(g.id))
        .order_by_desc(segment::Column::Position)
        .limit(1)
        .one(&txn)
        .await?
        .map_or(0, |s| s.position);
    let model = segment::ActiveModel {
        gathering_id: Set(g.id),
        position: Set(last + 1),
        kind: Set(plan.kind.as_str().into()),
        title: Set(plan.title.as_str().into()),
        duration_minutes: Set(plan.duration.map(|m| m.get() as i32)),
        hard_start_local: Set(plan.hard_start.map(|t| g.starts_local.date().and_time(t))),
        film_id: Set(film_id),
        statement_id: Set(None),
        public: Set(plan.public),
        cue_notes: Set(plan.cue_notes),
        actual_start: Set(None),
        actual_end: Set(None),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(model)
}
