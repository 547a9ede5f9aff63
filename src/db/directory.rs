//! Writes of the directory (venues, people, films) and of appearances in segments.

use chrono::Utc;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, ModelTrait, QueryFilter, QueryOrder, Set,
};

use super::entities::{appearance, film, person, segment, venue};
use super::planning::lock;
use crate::domain::ValidationError;
use crate::domain::directory::{AppearanceForm, FilmForm, PersonForm, VenueForm};
use crate::error::AppError;

fn join(tags: &[crate::domain::LanguageTag]) -> String {
    tags.iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

pub async fn create_venue(
    db: &impl super::Conn,
    organisation_id: i32,
    form: &VenueForm,
) -> Result<venue::Model, AppError> {
    let v = form.parse()?;
    let now = Utc::now();
    Ok(venue::ActiveModel {
        organisation_id: Set(organisation_id),
        name: Set(v.name.as_str().into()),
        address: Set(v.address),
        city: Set(v.city),
        country: Set(v.country),
        time_zone: Set(v.time_zone.as_str().into()),
        latitude: Set(v.coordinates.map(|c| c.0)),
        longitude: Set(v.coordinates.map(|c| c.1)),
        capacity: Set(v.capacity.map(|c| c as i32)),
        setting: Set(v.setting.as_str().into()),
        public_directions: Set(v.public_directions),
        access_notes: Set(v.access_notes),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn create_person(
    db: &impl super::Conn,
    organisation_id: i32,
    form: &PersonForm,
) -> Result<person::Model, AppError> {
    let p = form.parse()?;
    let now = Utc::now();
    Ok(person::ActiveModel {
        organisation_id: Set(organisation_id),
        name: Set(p.name.as_str().into()),
        public_bio: Set(p.public_bio),
        languages: Set(join(&p.languages)),
        home_time_zone: Set(p.home_time_zone.map(|z| z.as_str().to_owned())),
        contact: Set(p.contact),
        listed_publicly: Set(p.listed_publicly),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

pub async fn create_film(
    db: &impl super::Conn,
    organisation_id: i32,
    form: &FilmForm,
) -> Result<film::Model, AppError> {
    let f = form.parse()?;
    let now = Utc::now();
    Ok(film::ActiveModel {
        organisation_id: Set(organisation_id),
        title: Set(f.title.as_str().into()),
        director: Set(f.director),
        producer: Set(f.producer),
        year: Set(f.year),
        runtime_minutes: Set(f.runtime.get() as i32),
        audio_language: Set(f
            .audio_language
            .map(|l| l.as_str().to_owned())
            .unwrap_or_default()),
        subtitle_languages: Set(join(&f.subtitle_languages)),
        trailer_url: Set(f.trailer_url),
        rights_notes: Set(f.rights_notes),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?)
}

/// Adds a person to a segment; the person must belong to the gathering's organisation.
pub async fn add_appearance(
    db: &impl super::Conn,
    organisation_id: i32,
    gathering_id: i32,
    version: Option<i32>,
    segment_id: i32,
    form: &AppearanceForm,
) -> Result<appearance::Model, AppError> {
    let a = form.parse()?;
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version).await?;
    segment::Entity::find_by_id(segment_id)
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    person::Entity::find_by_id(a.person_id)
        .filter(person::Column::OrganisationId.eq(organisation_id))
        .one(&txn)
        .await?
        .ok_or_else(|| ValidationError::new("person", "Choose one of your people."))?;
    let last = appearance::Entity::find()
        .filter(appearance::Column::SegmentId.eq(segment_id))
        .order_by_desc(appearance::Column::Position)
        .one(&txn)
        .await?
        .map_or(0, |x| x.position + 1);
    let model = appearance::ActiveModel {
        segment_id: Set(segment_id),
        person_id: Set(a.person_id),
        position: Set(last),
        role: Set(a.role.as_str().into()),
        mode: Set(a.mode.as_str().into()),
        language: Set(a.language.map(|l| l.as_str().to_owned())),
        interpreted_into: Set(join(&a.interpreted_into)),
        online_link: Set(a.online_link),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Removes a person from a segment.
pub async fn remove_appearance(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    appearance_id: i32,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version).await?;
    let a = appearance::Entity::find_by_id(appearance_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    segment::Entity::find_by_id(a.segment_id)
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    a.delete(&txn).await?;
    txn.commit().await?;
    Ok(())
}
