//! Reads the pages make, each one query per table at most.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{
    appearance, film, gathering, gathering_text, organisation, person, segment, segment_text,
    statement, statement_text, venue,
};
use crate::domain::GatheringStatus;

/// Organisations in alphabetical order.
pub async fn organisations(db: &impl ConnectionTrait) -> Result<Vec<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await
}

pub async fn organisation_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await
}

fn public_statuses() -> Vec<&'static str> {
    GatheringStatus::ALL
        .iter()
        .filter(|s| s.is_public())
        .map(|s| s.as_str())
        .collect()
}

/// An organisation's public gatherings with their venues, earliest first.
pub async fn public_gatherings(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr> {
    gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::Status.is_in(public_statuses()))
        .order_by_asc(gathering::Column::StartsAt)
        .find_also_related_venue(db)
        .await
}

/// The venues of an organisation that are not archived, by name.
pub async fn venues(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<venue::Model>, DbErr> {
    venue::Entity::find()
        .filter(venue::Column::OrganisationId.eq(organisation_id))
        .filter(venue::Column::Archived.eq(false))
        .order_by_asc(venue::Column::Name)
        .all(db)
        .await
}

/// The people of an organisation that are not archived, by name.
pub async fn people(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::OrganisationId.eq(organisation_id))
        .filter(person::Column::Archived.eq(false))
        .order_by_asc(person::Column::Name)
        .all(db)
        .await
}

/// One person of an organisation.
pub async fn person(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find_by_id(id)
        .filter(person::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// The slugs of the public gatherings where a person appears in a public segment.
pub async fn gathering_slugs_with_person(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    person_id: i32,
) -> Result<Vec<String>, DbErr> {
    let segment_ids: Vec<i32> = appearance::Entity::find()
        .filter(appearance::Column::PersonId.eq(person_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.segment_id)
        .collect();
    let gathering_ids: Vec<i32> = segment::Entity::find()
        .filter(segment::Column::Id.is_in(segment_ids))
        .filter(segment::Column::Public.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.gathering_id)
        .collect();
    Ok(gathering::Entity::find()
        .filter(gathering::Column::Id.is_in(gathering_ids))
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::Status.is_in(public_statuses()))
        .order_by_asc(gathering::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|g| g.slug)
        .collect())
}

/// The films of an organisation that are not archived, by title.
pub async fn films(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<film::Model>, DbErr> {
    film::Entity::find()
        .filter(film::Column::OrganisationId.eq(organisation_id))
        .filter(film::Column::Archived.eq(false))
        .order_by_asc(film::Column::Title)
        .all(db)
        .await
}

/// Every gathering of an organisation, drafts included, newest first (members only).
pub async fn all_gatherings(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr> {
    gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(gathering::Column::StartsAt)
        .find_also_related_venue(db)
        .await
}

/// Everything one gathering's page needs.
#[derive(Debug, Clone)]
pub struct GatheringBundle {
    pub gathering: gathering::Model,
    pub venue: Option<venue::Model>,
    pub segments: Vec<segment::Model>,
    pub appearances: Vec<appearance::Model>,
    pub people: HashMap<i32, person::Model>,
    pub films: HashMap<i32, film::Model>,
    pub statements: Vec<statement::Model>,
    /// The public texts in other languages than the organisation's default.
    pub gathering_texts: Vec<gathering_text::Model>,
    pub segment_texts: Vec<segment_text::Model>,
    pub statement_texts: Vec<statement_text::Model>,
}

/// Loads a gathering by organisation and slug, whatever its status.
pub async fn gathering_bundle(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    slug: &str,
) -> Result<Option<GatheringBundle>, DbErr> {
    let Some(g) = gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let venue = match g.venue_id {
        Some(id) => venue::Entity::find_by_id(id).one(db).await?,
        None => None,
    };
    let segments = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(g.id))
        .order_by_asc(segment::Column::Position)
        .order_by_asc(segment::Column::Id)
        .all(db)
        .await?;
    let segment_ids: Vec<i32> = segments.iter().map(|s| s.id).collect();
    let appearances = appearance::Entity::find()
        .filter(appearance::Column::SegmentId.is_in(segment_ids))
        .order_by_asc(appearance::Column::Position)
        .order_by_asc(appearance::Column::Id)
        .all(db)
        .await?;
    let person_ids: Vec<i32> = appearances.iter().map(|a| a.person_id).collect();
    let people = person::Entity::find()
        .filter(person::Column::Id.is_in(person_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let film_ids: Vec<i32> = segments.iter().filter_map(|s| s.film_id).collect();
    let films = film::Entity::find()
        .filter(film::Column::Id.is_in(film_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let statements = statement::Entity::find()
        .filter(statement::Column::GatheringId.eq(g.id))
        .order_by_asc(statement::Column::Id)
        .all(db)
        .await?;
    let gathering_texts = gathering_texts(db, vec![g.id]).await?;
    let segment_texts = segment_text::Entity::find()
        .filter(segment_text::Column::SegmentId.is_in(segments.iter().map(|s| s.id)))
        .all(db)
        .await?;
    let statement_texts = statement_text::Entity::find()
        .filter(statement_text::Column::StatementId.is_in(statements.iter().map(|s| s.id)))
        .all(db)
        .await?;
    Ok(Some(GatheringBundle {
        gathering: g,
        venue,
        segments,
        appearances,
        people,
        films,
        statements,
        gathering_texts,
        segment_texts,
        statement_texts,
    }))
}

/// The translated titles and descriptions of the given gatherings.
pub async fn gathering_texts(
    db: &impl ConnectionTrait,
    gathering_ids: Vec<i32>,
) -> Result<Vec<gathering_text::Model>, DbErr> {
    gathering_text::Entity::find()
        .filter(gathering_text::Column::GatheringId.is_in(gathering_ids))
        .all(db)
        .await
}

/// Splits gatherings into upcoming (not yet ended at `now`) and past (most recent first).
pub fn split_upcoming<T>(
    items: Vec<T>,
    ends_at: impl Fn(&T) -> DateTime<Utc>,
    now: DateTime<Utc>,
) -> (Vec<T>, Vec<T>) {
    let (upcoming, mut past): (Vec<T>, Vec<T>) = items.into_iter().partition(|i| ends_at(i) > now);
    past.reverse();
    (upcoming, past)
}

trait FindAlsoVenue {
    async fn find_also_related_venue(
        self,
        db: &impl ConnectionTrait,
    ) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr>;
}

impl FindAlsoVenue for sea_orm::Select<gathering::Entity> {
    async fn find_also_related_venue(
        self,
        db: &impl ConnectionTrait,
    ) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr> {
        let gatherings = self.all(db).await?;
        let ids: Vec<i32> = gatherings.iter().filter_map(|g| g.venue_id).collect();
        let venues: HashMap<i32, venue::Model> = venue::Entity::find()
            .filter(venue::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|v| (v.id, v))
            .collect();
        Ok(gatherings
            .into_iter()
            .map(|g| {
                let v = g.venue_id.and_then(|id| venues.get(&id).cloned());
                (g, v)
            })
            .collect())
    }
}
