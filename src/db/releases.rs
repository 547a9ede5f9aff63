//! Releases of a gathering's programme (`domain::release`): publishing version N keeps
//! what every public session is now.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder, Set,
};

use super::entities::{organisation, programme_release};
use super::queries::GatheringBundle;
use crate::domain::release::{Session, Snapshot};
use crate::error::AppError;
use crate::responses::GatheringPage;

/// The releases of these gatherings, oldest first.
pub async fn releases(
    db: &impl ConnectionTrait,
    gathering_ids: Vec<i32>,
) -> Result<Vec<programme_release::Model>, DbErr> {
    programme_release::Entity::find()
        .filter(programme_release::Column::GatheringId.is_in(gathering_ids))
        .order_by_asc(programme_release::Column::GatheringId)
        .order_by_asc(programme_release::Column::Number)
        .all(db)
        .await
}

/// The public sessions of a page, as a release keeps them.
pub fn snapshot_of(page: &GatheringPage) -> Snapshot {
    page.agenda
        .iter()
        .map(|s| Session {
            uid: s.uid.clone(),
            title: s.title.clone(),
            start: s.start_utc,
            end: s.end_utc,
            // A lane in no room, unnamed, is told apart by its number.
            room: s.room.clone().unwrap_or_else(|| format!("#{}", s.lane)),
        })
        .collect()
}

/// A stored release's sessions (none when it cannot be read).
pub fn snapshot(release: &programme_release::Model) -> Snapshot {
    serde_json::from_str(&release.snapshot).unwrap_or_default()
}

/// Publishes the programme of a gathering as its next version, with a public note.
pub async fn release(
    txn: &DatabaseTransaction,
    org: &organisation::Model,
    gathering_id: i32,
    version: Option<i32>,
    note: &str,
    now: DateTime<Utc>,
) -> Result<programme_release::Model, AppError> {
    let g = crate::db::planning::lock(txn, gathering_id, version, now).await?;
    let note = crate::domain::plan::free_text("note", note)?;
    let bundle: GatheringBundle = crate::db::queries::gathering_bundle(txn, org.id, &g.slug)
        .await?
        .ok_or(AppError::NotFound)?;
    // What the public sees (a draft is released as it will be seen).
    let page = crate::responses::gathering::preview_view(org, &bundle, &org.default_language)?;
    let number = releases(txn, vec![g.id])
        .await?
        .last()
        .map_or(1, |r| r.number + 1);
    let snapshot = serde_json::to_string(&snapshot_of(&page))
        .map_err(|e| AppError::internal("release snapshot", e))?;
    Ok(programme_release::ActiveModel {
        gathering_id: Set(g.id),
        number: Set(number),
        released_at: Set(now),
        note: Set(note),
        snapshot: Set(snapshot),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}
