//! Writes of the directory (venues, people, films) and of appearances in segments.

use chrono::{DateTime, SecondsFormat, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, ModelTrait, QueryFilter, QueryOrder, Set,
};

use super::entities::{appearance, audit_entry, film, gathering, person, segment, venue};
use super::planning::lock;
use crate::domain::directory::{AppearanceForm, FilmForm, PersonForm, VenueForm};
use crate::domain::{ValidationError, say};
use crate::error::AppError;

fn join(tags: &[crate::domain::LanguageTag]) -> String {
    tags.iter()
        .map(|t| t.as_str())
        .collect::<Vec<_>>()
        .join(",")
}

/// The venue, person or film `id` of the organisation, or not found.
macro_rules! in_organisation {
    ($entity:ident, $db:expr, $organisation_id:expr, $id:expr) => {
        $entity::Entity::find_by_id($id)
            .filter($entity::Column::OrganisationId.eq($organisation_id))
            .one($db)
            .await?
            .ok_or(AppError::NotFound)?
    };
}

/// The item an edit form was opened on, and the change stamp it showed then.
#[derive(Debug, Clone, Copy)]
pub struct Existing<'a> {
    pub id: i32,
    pub stamp: &'a str,
}

/// The change stamp an edit form carries: the item's last change, to the microsecond.
pub fn stamp(updated_at: DateTime<Utc>) -> String {
    updated_at.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// What an organisation's directory holds: the kind of an item, as in addresses and in
/// audit entries (`venue.update`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Venue,
    Person,
    Film,
}

impl Kind {
    pub fn parse(s: &str) -> Option<Kind> {
        match s {
            "venue" => Some(Kind::Venue),
            "person" => Some(Kind::Person),
            "film" => Some(Kind::Film),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Venue => "venue",
            Kind::Person => "person",
            Kind::Film => "film",
        }
    }
}

/// The refusal of an edit of an item that changed since its form was opened.
async fn stale(db: &impl super::Conn, organisation_id: i32, kind: Kind, id: i32) -> AppError {
    use sea_orm::Condition;
    let filter = Condition::all()
        .add(audit_entry::Column::Detail.eq(format!("#{id}")))
        .add(audit_entry::Column::Action.starts_with(format!("{}.", kind.as_str())));
    super::auth::stale(db, organisation_id, filter).await
}

/// Adds a venue, or saves an edit of one (refused if it changed since the form was opened).
pub async fn save_venue(
    db: &impl super::Conn,
    organisation_id: i32,
    existing: Option<Existing<'_>>,
    form: &VenueForm,
    now: DateTime<Utc>,
) -> Result<venue::Model, AppError> {
    let v = form.parse()?;
    let mut model = venue::ActiveModel {
        organisation_id: Set(organisation_id),
        name: Set(v.name.as_str().into()),
        address: Set(v.address),
        city: Set(v.city),
        country: Set(v.country),
        time_zone: Set(v.time_zone.as_str().into()),
        latitude: Set(v.coordinates.map(|c| c.0)),
        longitude: Set(v.coordinates.map(|c| c.1)),
        capacity: Set(v.capacity.map(|c| c as i32)),
        setting: Set(v.setting),
        public_directions: Set(v.public_directions),
        access_notes: Set(v.access_notes),
        updated_at: Set(now),
        ..Default::default()
    };
    let Some(e) = existing else {
        model.archived = Set(false);
        model.created_at = Set(now);
        return Ok(model.insert(db).await?);
    };
    // The venue and the gatherings that follow its zone change together.
    let txn = db.begin().await?;
    let current = in_organisation!(venue, &txn, organisation_id, e.id);
    let saved = venue::Entity::update_many()
        .set(model)
        .filter(venue::Column::Id.eq(e.id))
        .filter(venue::Column::UpdatedAt.eq(current.updated_at))
        .exec(&txn)
        .await?;
    if stamp(current.updated_at) != e.stamp || saved.rows_affected != 1 {
        return Err(stale(&txn, organisation_id, Kind::Venue, e.id).await);
    }
    if current.time_zone != v.time_zone.as_str() {
        super::planning::follow_venue_zone(&txn, e.id, &v.time_zone, now).await?;
    }
    let saved = venue::Entity::find_by_id(e.id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    txn.commit().await?;
    Ok(saved)
}

/// Adds a person, or saves an edit of one (refused if it changed since the form was
/// opened).
pub async fn save_person(
    db: &impl super::Conn,
    organisation_id: i32,
    existing: Option<Existing<'_>>,
    form: &PersonForm,
    now: DateTime<Utc>,
) -> Result<person::Model, AppError> {
    let p = form.parse()?;
    let mut model = person::ActiveModel {
        organisation_id: Set(organisation_id),
        name: Set(p.name.as_str().into()),
        public_bio: Set(p.public_bio),
        languages: Set(join(&p.languages)),
        home_time_zone: Set(p.home_time_zone.map(|z| z.as_str().to_owned())),
        contact: Set(p.contact),
        listed_publicly: Set(p.listed_publicly),
        updated_at: Set(now),
        ..Default::default()
    };
    let Some(e) = existing else {
        model.archived = Set(false);
        model.created_at = Set(now);
        return Ok(model.insert(db).await?);
    };
    let current = in_organisation!(person, db, organisation_id, e.id);
    let saved = person::Entity::update_many()
        .set(model)
        .filter(person::Column::Id.eq(e.id))
        .filter(person::Column::UpdatedAt.eq(current.updated_at))
        .exec(db)
        .await?;
    if stamp(current.updated_at) != e.stamp || saved.rows_affected != 1 {
        return Err(stale(db, organisation_id, Kind::Person, e.id).await);
    }
    person::Entity::find_by_id(e.id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Adds a film, or saves an edit of one (refused if it changed since the form was opened).
pub async fn save_film(
    db: &impl super::Conn,
    organisation_id: i32,
    existing: Option<Existing<'_>>,
    form: &FilmForm,
    now: DateTime<Utc>,
) -> Result<film::Model, AppError> {
    let f = form.parse()?;
    let mut model = film::ActiveModel {
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
        updated_at: Set(now),
        ..Default::default()
    };
    let Some(e) = existing else {
        model.archived = Set(false);
        model.created_at = Set(now);
        return Ok(model.insert(db).await?);
    };
    let current = in_organisation!(film, db, organisation_id, e.id);
    let saved = film::Entity::update_many()
        .set(model)
        .filter(film::Column::Id.eq(e.id))
        .filter(film::Column::UpdatedAt.eq(current.updated_at))
        .exec(db)
        .await?;
    if stamp(current.updated_at) != e.stamp || saved.rows_affected != 1 {
        return Err(stale(db, organisation_id, Kind::Film, e.id).await);
    }
    film::Entity::find_by_id(e.id)
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// Where an item is used: `(gathering title, gathering slug, deleted)`, by date. A
/// deleted gathering still counts (it can be recovered, with everything it used).
pub async fn uses(
    db: &impl super::Conn,
    organisation_id: i32,
    kind: Kind,
    id: i32,
) -> Result<Vec<(String, String, bool)>, AppError> {
    let gathering_ids: Vec<i32> = match kind {
        Kind::Venue => gathering::Entity::find()
            .filter(gathering::Column::VenueId.eq(id))
            .all(db)
            .await?
            .into_iter()
            .map(|g| g.id)
            .collect(),
        Kind::Film => segment::Entity::find()
            .filter(segment::Column::FilmId.eq(id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.gathering_id)
            .collect(),
        Kind::Person => {
            let segment_ids: Vec<i32> = appearance::Entity::find()
                .filter(appearance::Column::PersonId.eq(id))
                .all(db)
                .await?
                .into_iter()
                .map(|a| a.segment_id)
                .collect();
            segment::Entity::find()
                .filter(segment::Column::Id.is_in(segment_ids))
                .all(db)
                .await?
                .into_iter()
                .map(|s| s.gathering_id)
                .collect()
        }
    };
    Ok(gathering::Entity::find()
        .filter(gathering::Column::Id.is_in(gathering_ids))
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .order_by_asc(gathering::Column::StartsAt)
        .all(db)
        .await?
        .into_iter()
        .map(|g| (g.title, g.slug, g.deleted_at.is_some()))
        .collect())
}

/// Archives an item (gone from pickers, kept where it was used) or brings it back.
pub async fn set_archived(
    db: &impl super::Conn,
    organisation_id: i32,
    kind: Kind,
    id: i32,
    archived: bool,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let name = match kind {
        Kind::Venue => {
            let m = in_organisation!(venue, db, organisation_id, id);
            let name = m.name.clone();
            let mut m: venue::ActiveModel = m.into();
            m.archived = Set(archived);
            m.updated_at = Set(now);
            m.update(db).await?;
            name
        }
        Kind::Person => {
            let m = in_organisation!(person, db, organisation_id, id);
            let name = m.name.clone();
            let mut m: person::ActiveModel = m.into();
            m.archived = Set(archived);
            m.updated_at = Set(now);
            m.update(db).await?;
            name
        }
        Kind::Film => {
            let m = in_organisation!(film, db, organisation_id, id);
            let name = m.title.clone();
            let mut m: film::ActiveModel = m.into();
            m.archived = Set(archived);
            m.updated_at = Set(now);
            m.update(db).await?;
            name
        }
    };
    Ok(name)
}

/// Deletes an item no gathering uses; one still used is refused with the list of where.
pub async fn delete(
    db: &impl super::Conn,
    organisation_id: i32,
    kind: Kind,
    id: i32,
) -> Result<String, AppError> {
    let used = uses(db, organisation_id, kind, id).await?;
    if !used.is_empty() {
        let list: Vec<&str> = used.iter().map(|(title, _, _)| title.as_str()).collect();
        return Err(AppError::Conflict(say!(
            "refusal-still-used",
            count = used.len(),
            gatherings = list.join("; "),
        )));
    }
    let name = match kind {
        Kind::Venue => {
            let m = in_organisation!(venue, db, organisation_id, id);
            let name = m.name.clone();
            m.delete(db).await?;
            name
        }
        Kind::Person => {
            let m = in_organisation!(person, db, organisation_id, id);
            let name = m.name.clone();
            m.delete(db).await?;
            name
        }
        Kind::Film => {
            let m = in_organisation!(film, db, organisation_id, id);
            let name = m.title.clone();
            m.delete(db).await?;
            name
        }
    };
    Ok(name)
}

/// Refuses a segment that is not one of the gathering's.
async fn segment_in(
    txn: &sea_orm::DatabaseTransaction,
    gathering_id: i32,
    segment_id: i32,
) -> Result<(), AppError> {
    segment::Entity::find_by_id(segment_id)
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(())
}

/// The appearance `appearance_id` of one of the gathering's segments.
async fn appearance_in(
    txn: &sea_orm::DatabaseTransaction,
    gathering_id: i32,
    appearance_id: i32,
) -> Result<appearance::Model, AppError> {
    let a = appearance::Entity::find_by_id(appearance_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    segment_in(txn, gathering_id, a.segment_id).await?;
    Ok(a)
}

/// Refuses a person who is not one of the organisation's.
async fn own_person(
    txn: &sea_orm::DatabaseTransaction,
    organisation_id: i32,
    person_id: i32,
) -> Result<(), AppError> {
    person::Entity::find_by_id(person_id)
        .filter(person::Column::OrganisationId.eq(organisation_id))
        .one(txn)
        .await?
        .ok_or_else(|| ValidationError::new("person", say!("refusal-choose-own-person")))?;
    Ok(())
}

/// Writes a checked appearance's fields into its row.
fn fill(m: &mut appearance::ActiveModel, a: crate::domain::directory::AppearancePlan) {
    m.person_id = Set(a.person_id);
    m.role = Set(a.role);
    m.mode = Set(a.mode);
    m.language = Set(a.language.map(|l| l.as_str().to_owned()));
    m.interpreted_into = Set(join(&a.interpreted_into));
    m.online_link = Set(a.online_link);
}

/// Adds a person to a segment; the person must belong to the gathering's organisation.
pub async fn add_appearance(
    db: &impl super::Conn,
    organisation_id: i32,
    gathering_id: i32,
    version: Option<i32>,
    segment_id: i32,
    form: &AppearanceForm,
    now: DateTime<Utc>,
) -> Result<appearance::Model, AppError> {
    let a = form.parse()?;
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    segment_in(&txn, gathering_id, segment_id).await?;
    own_person(&txn, organisation_id, a.person_id).await?;
    let last = appearance::Entity::find()
        .filter(appearance::Column::SegmentId.eq(segment_id))
        .order_by_desc(appearance::Column::Position)
        .one(&txn)
        .await?
        .map_or(0, |x| x.position + 1);
    let mut model = appearance::ActiveModel {
        segment_id: Set(segment_id),
        position: Set(last),
        ..Default::default()
    };
    fill(&mut model, a);
    let model = model.insert(&txn).await?;
    txn.commit().await?;
    Ok(model)
}

/// Changes an appearance in place: who, in which role, how, in which language, the
/// call link. Checked like a new one.
pub async fn update_appearance(
    db: &impl super::Conn,
    organisation_id: i32,
    gathering_id: i32,
    version: Option<i32>,
    appearance_id: i32,
    form: &AppearanceForm,
    now: DateTime<Utc>,
) -> Result<appearance::Model, AppError> {
    let a = form.parse()?;
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    let found = appearance_in(&txn, gathering_id, appearance_id).await?;
    own_person(&txn, organisation_id, a.person_id).await?;
    let mut m: appearance::ActiveModel = found.into();
    fill(&mut m, a);
    let saved = m.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Removes a person from a segment.
pub async fn remove_appearance(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    appearance_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    let a = appearance_in(&txn, gathering_id, appearance_id).await?;
    a.delete(&txn).await?;
    txn.commit().await?;
    Ok(())
}
