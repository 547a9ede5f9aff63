//! The rooms of a venue, where the lanes of its gatherings run. A room is public (its
//! name, capacity, accessibility and directions show on programmes); changing one
//! touches its venue, so every answer shown from it is made again.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    ModelTrait, QueryFilter, QueryOrder, Set,
};

use super::entities::{gathering, lane, room, venue};
use crate::domain::plan::free_text;
use crate::domain::{Title, ValidationError, say};
use crate::error::AppError;

/// The rooms of a venue, in order.
pub async fn rooms(db: &impl ConnectionTrait, venue_id: i32) -> Result<Vec<room::Model>, DbErr> {
    room::Entity::find()
        .filter(room::Column::VenueId.eq(venue_id))
        .order_by_asc(room::Column::Position)
        .order_by_asc(room::Column::Id)
        .all(db)
        .await
}

/// The room form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomForm {
    pub name: String,
    pub capacity: String,
    pub accessibility: String,
    pub directions: String,
}

/// The organisation's venue `venue_id`, touched (its stamp raised) for a change of its rooms.
async fn touch_venue(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    venue_id: i32,
    now: DateTime<Utc>,
) -> Result<venue::Model, AppError> {
    let v = venue::Entity::find_by_id(venue_id)
        .filter(venue::Column::OrganisationId.eq(organisation_id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut m: venue::ActiveModel = v.into();
    m.updated_at = Set(now);
    Ok(m.update(txn).await?)
}

/// Adds a room to a venue (`room_id` none) or changes one.
pub async fn save_room(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    venue_id: i32,
    room_id: Option<i32>,
    form: &RoomForm,
    now: DateTime<Utc>,
) -> Result<room::Model, AppError> {
    let name = Title::parse("room_name", &form.name)?;
    let capacity = match form.capacity.trim() {
        "" => None,
        raw => Some(
            raw.parse::<u32>()
                .ok()
                .filter(|n| *n <= 10_000_000)
                .and_then(|n| i32::try_from(n).ok())
                .ok_or_else(|| {
                    ValidationError::new("room_capacity", say!("refusal-people-number"))
                })?,
        ),
    };
    let accessibility = free_text("room_accessibility", &form.accessibility)?;
    let directions = free_text("room_directions", &form.directions)?;
    let v = touch_venue(txn, organisation_id, venue_id, now).await?;
    let taken = rooms(txn, v.id).await?;
    if taken
        .iter()
        .any(|r| Some(r.id) != room_id && r.name.to_lowercase() == name.as_str().to_lowercase())
    {
        return Err(ValidationError::new("room_name", say!("refusal-room-exists")).into());
    }
    match room_id {
        None => Ok(room::ActiveModel {
            venue_id: Set(v.id),
            position: Set(taken.iter().map(|r| r.position + 1).max().unwrap_or(0)),
            name: Set(name.as_str().to_owned()),
            capacity: Set(capacity),
            accessibility: Set(accessibility),
            directions: Set(directions),
            ..Default::default()
        }
        .insert(txn)
        .await?),
        Some(id) => {
            let r = taken
                .into_iter()
                .find(|r| r.id == id)
                .ok_or(AppError::NotFound)?;
            let mut m: room::ActiveModel = r.into();
            m.name = Set(name.as_str().to_owned());
            m.capacity = Set(capacity);
            m.accessibility = Set(accessibility);
            m.directions = Set(directions);
            Ok(m.update(txn).await?)
        }
    }
}

/// Removes a room no lane runs in; one in use is refused, naming a gathering using it.
pub async fn delete_room(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    venue_id: i32,
    room_id: i32,
    now: DateTime<Utc>,
) -> Result<room::Model, AppError> {
    let v = touch_venue(txn, organisation_id, venue_id, now).await?;
    let r = room::Entity::find_by_id(room_id)
        .filter(room::Column::VenueId.eq(v.id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if let Some(used) = lane::Entity::find()
        .filter(lane::Column::RoomId.eq(r.id))
        .one(txn)
        .await?
    {
        let title = gathering::Entity::find_by_id(used.gathering_id)
            .one(txn)
            .await?
            .map(|g| g.title)
            .unwrap_or_default();
        return Err(
            ValidationError::new("room", say!("refusal-room-in-use", gathering = title)).into(),
        );
    }
    r.clone().delete(txn).await?;
    Ok(r)
}
