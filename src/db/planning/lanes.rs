//! The parallel lanes of a gathering's agenda: every segment runs in one, every
//! gathering has at least one as soon as it has a segment.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    Set,
};

use crate::db::entities::lane;
use crate::domain::{ValidationError, say};
use crate::error::AppError;

/// The lane `id` when it is one of the gathering's; refused naming the `lane` field
/// otherwise.
pub async fn check_lane(
    db: &impl ConnectionTrait,
    gathering_id: i32,
    id: i32,
) -> Result<i32, AppError> {
    lane::Entity::find_by_id(id)
        .filter(lane::Column::GatheringId.eq(gathering_id))
        .one(db)
        .await?
        .map(|l| l.id)
        .ok_or_else(|| ValidationError::new("lane", say!("refusal-no-such-lane")).into())
}

/// The first lane of a gathering, made when it has none yet.
pub async fn default_lane(db: &impl ConnectionTrait, gathering_id: i32) -> Result<i32, DbErr> {
    let first = lane::Entity::find()
        .filter(lane::Column::GatheringId.eq(gathering_id))
        .order_by_asc(lane::Column::Position)
        .order_by_asc(lane::Column::Id)
        .one(db)
        .await?;
    if let Some(l) = first {
        return Ok(l.id);
    }
    let made = lane::ActiveModel {
        gathering_id: Set(gathering_id),
        position: Set(0),
        name: Set(String::new()),
        room_id: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(made.id)
}

/// Copies the lanes of one gathering to another, in the same rooms when `keep_rooms`
/// (the same venue); returns the new lane of each old one.
pub async fn copy_lanes(
    db: &impl ConnectionTrait,
    lanes: &[lane::Model],
    to_gathering: i32,
    keep_rooms: bool,
) -> Result<std::collections::HashMap<i32, i32>, DbErr> {
    let mut map = std::collections::HashMap::new();
    for l in lanes {
        let made = lane::ActiveModel {
            gathering_id: Set(to_gathering),
            position: Set(l.position),
            name: Set(l.name.clone()),
            room_id: Set(l.room_id.filter(|_| keep_rooms)),
            ..Default::default()
        }
        .insert(db)
        .await?;
        map.insert(l.id, made.id);
    }
    Ok(map)
}

/// What a lane form asks: its name, and the room of the gathering's venue it is in.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LaneForm {
    pub name: String,
    /// A room id, or empty for none.
    pub room: String,
}

/// The room a lane form names, checked to be one of the venue's.
async fn room_of(
    db: &impl ConnectionTrait,
    venue_id: Option<i32>,
    raw: &str,
) -> Result<Option<i32>, AppError> {
    use crate::db::entities::room;
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let refused = || AppError::from(ValidationError::new("room", say!("refusal-no-such-room")));
    let id: i32 = raw.parse().map_err(|_| refused())?;
    let venue = venue_id.ok_or_else(refused)?;
    room::Entity::find_by_id(id)
        .filter(room::Column::VenueId.eq(venue))
        .one(db)
        .await?
        .map(|r| Some(r.id))
        .ok_or_else(refused)
}

fn lane_name(raw: &str) -> Result<String, AppError> {
    match raw.trim() {
        "" => Ok(String::new()),
        name => Ok(crate::domain::Title::parse("name", name)?
            .as_str()
            .to_owned()),
    }
}

/// Most lanes a gathering may run side by side.
pub const MAX_LANES: usize = 40;

/// Adds a lane at the right of a gathering's agenda.
pub async fn add_lane(
    txn: &sea_orm::DatabaseTransaction,
    gathering_id: i32,
    version: Option<i32>,
    form: &LaneForm,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<lane::Model, AppError> {
    let g = super::lock(txn, gathering_id, version, now).await?;
    let name = lane_name(&form.name)?;
    let room = room_of(txn, g.venue_id, &form.room).await?;
    // A gathering that never had a segment has no lane yet: its first comes first.
    default_lane(txn, g.id).await?;
    let lanes = lane::Entity::find()
        .filter(lane::Column::GatheringId.eq(g.id))
        .all(txn)
        .await?;
    if lanes.len() >= MAX_LANES {
        return Err(
            ValidationError::new("name", say!("refusal-too-many-lanes", max = MAX_LANES)).into(),
        );
    }
    let position = lanes.iter().map(|l| l.position).max().unwrap_or(0) + 1;
    Ok(lane::ActiveModel {
        gathering_id: Set(g.id),
        position: Set(position),
        name: Set(name),
        room_id: Set(room),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}

/// Renames a lane or puts it in another room.
pub async fn save_lane(
    txn: &sea_orm::DatabaseTransaction,
    gathering_id: i32,
    version: Option<i32>,
    lane_id: i32,
    form: &LaneForm,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<lane::Model, AppError> {
    let g = super::lock(txn, gathering_id, version, now).await?;
    let name = lane_name(&form.name)?;
    let room = room_of(txn, g.venue_id, &form.room).await?;
    let found = lane::Entity::find_by_id(lane_id)
        .filter(lane::Column::GatheringId.eq(g.id))
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut m: lane::ActiveModel = found.into();
    m.name = Set(name);
    m.room_id = Set(room);
    Ok(m.update(txn).await?)
}

/// Removes an empty lane; one that still holds segments is refused (move them first),
/// and so is a gathering's last lane.
pub async fn remove_lane(
    txn: &sea_orm::DatabaseTransaction,
    gathering_id: i32,
    version: Option<i32>,
    lane_id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<lane::Model, AppError> {
    use crate::db::entities::segment;
    use sea_orm::{ModelTrait, PaginatorTrait};
    let g = super::lock(txn, gathering_id, version, now).await?;
    let lanes = lane::Entity::find()
        .filter(lane::Column::GatheringId.eq(g.id))
        .order_by_asc(lane::Column::Position)
        .order_by_asc(lane::Column::Id)
        .all(txn)
        .await?;
    let found = lanes
        .iter()
        .find(|l| l.id == lane_id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    if lanes.len() <= 1 {
        return Err(ValidationError::new("lane", say!("refusal-last-lane")).into());
    }
    // Segments naming no lane run in the first one.
    let first = lanes[0].id == lane_id;
    let mut held = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(g.id))
        .filter(segment::Column::LaneId.eq(lane_id))
        .count(txn)
        .await?;
    if first {
        held += segment::Entity::find()
            .filter(segment::Column::GatheringId.eq(g.id))
            .filter(segment::Column::LaneId.is_null())
            .count(txn)
            .await?;
    }
    if held > 0 {
        return Err(
            ValidationError::new("lane", say!("refusal-lane-not-empty", count = held)).into(),
        );
    }
    found.clone().delete(txn).await?;
    Ok(found)
}
