//! Deleting a gathering, "Recently deleted", recovering one, and purging for good.
//!
//! A deleted gathering keeps its rows, marked `deleted_at`: every list, page and feed
//! leaves it out (the finders in `db::queries` and the campaign and series lists), its
//! address stays reserved for it, and an owner can bring it back within
//! [`KEEP_DAYS`](crate::domain::deletion::KEEP_DAYS); then [`purge`] removes it with
//! everything under it.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, DatabaseTransaction, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
};

use super::lock;
use crate::db::entities::{appearance, gathering, gathering_text, segment, statement};
use crate::domain::deletion::{Deletion, KEEP_DAYS, deletion};
use crate::domain::say;
use crate::error::AppError;

/// What goes with a gathering when it is deleted, for the page that asks to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WhatGoes {
    pub segments: u64,
    pub appearances: u64,
    pub statements: u64,
    pub translations: u64,
    /// The campaign it leaves, if it is in one.
    pub campaign: Option<String>,
    /// The series it leaves, if it is one of its occurrences.
    pub series: Option<String>,
}

/// Counts what a deletion of `g` takes with it.
pub async fn what_goes(
    db: &impl sea_orm::ConnectionTrait,
    g: &gathering::Model,
) -> Result<WhatGoes, AppError> {
    let segment_ids: Vec<i32> = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(g.id))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.id)
        .collect();
    let campaign = crate::db::campaigns::campaign_of(db, g)
        .await?
        .map(|c| c.title);
    let series = crate::db::campaigns::series_of(db, g)
        .await?
        .map(|s| s.title);
    Ok(WhatGoes {
        segments: segment_ids.len() as u64,
        appearances: appearance::Entity::find()
            .filter(appearance::Column::SegmentId.is_in(segment_ids))
            .count(db)
            .await?,
        statements: statement::Entity::find()
            .filter(statement::Column::GatheringId.eq(g.id))
            .count(db)
            .await?,
        translations: gathering_text::Entity::find()
            .filter(gathering_text::Column::GatheringId.eq(g.id))
            .count(db)
            .await?,
        campaign,
        series,
    })
}

/// Deletes gathering `gathering_id` (still at `version`) for account `by`: refused for a
/// public one (cancel it first) and for one cancelled too recently for calendars to have
/// removed it.
pub async fn delete_gathering(
    txn: &DatabaseTransaction,
    gathering_id: i32,
    version: Option<i32>,
    by: i32,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    let g = lock(txn, gathering_id, version, now).await?;
    match deletion(g.status, g.cancelled_at, now) {
        Deletion::Now => {}
        Deletion::CancelFirst => {
            return Err(AppError::Conflict(say!("refusal-delete-cancel-first")));
        }
        Deletion::From(from) => {
            return Err(AppError::Conflict(say!(
                "refusal-delete-cancelled-recently",
                date = from.format("%Y-%m-%d").to_string(),
            )));
        }
    }
    gathering::Entity::update_many()
        .col_expr(gathering::Column::DeletedAt, Expr::value(Some(now)))
        .col_expr(gathering::Column::DeletedBy, Expr::value(Some(by)))
        .filter(gathering::Column::Id.eq(g.id))
        .exec(txn)
        .await?;
    Ok(g)
}

/// A gathering waiting in "Recently deleted", and who deleted it.
#[derive(Debug, Clone)]
pub struct Deleted {
    pub gathering: gathering::Model,
    /// Their display name; empty when the account is gone.
    pub by: String,
}

/// The organisation's deleted gatherings that can still be recovered, newest first.
pub async fn recently_deleted(
    db: &impl sea_orm::ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<Deleted>, AppError> {
    let rows = gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::DeletedAt.is_not_null())
        .order_by_desc(gathering::Column::DeletedAt)
        .all(db)
        .await?;
    let names =
        crate::db::auth::display_names(db, rows.iter().filter_map(|g| g.deleted_by)).await?;
    Ok(rows
        .into_iter()
        .map(|g| Deleted {
            by: g
                .deleted_by
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            gathering: g,
        })
        .collect())
}

/// Brings back deleted gathering `gathering_id` of `organisation_id`, as it was.
pub async fn recover(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    gathering_id: i32,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    let g = gathering::Entity::find_by_id(gathering_id)
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::DeletedAt.is_not_null())
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    lock(txn, g.id, None, now).await?;
    gathering::Entity::update_many()
        .col_expr(
            gathering::Column::DeletedAt,
            Expr::value(None::<DateTime<Utc>>),
        )
        .col_expr(gathering::Column::DeletedBy, Expr::value(None::<i32>))
        .filter(gathering::Column::Id.eq(g.id))
        .exec(txn)
        .await?;
    Ok(g)
}

/// Removes for good what was deleted more than [`KEEP_DAYS`] before `now`, with
/// everything under it; returns how many gatherings went.
pub async fn purge(
    db: &impl sea_orm::ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let gone = gathering::Entity::delete_many()
        .filter(gathering::Column::DeletedAt.lt(now - Duration::days(KEEP_DAYS)))
        .exec(db)
        .await?;
    Ok(gone.rows_affected)
}
