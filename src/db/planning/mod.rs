//! Writes of the planning pages: every change is checked by the domain first and
//! written in one transaction, so a refused change leaves nothing behind. Every change
//! names the version of the gathering it was made from ([`lock`]); a change made from an
//! older page is refused instead of overwriting someone else's.

mod copy;
mod deleted;
mod gatherings;
mod lanes;
mod segments;
mod statements;

pub use copy::{CopyTarget, copy_gathering, duplicate_gathering, gathering_form};
pub use deleted::{
    Deleted, WhatGoes, delete_gathering, purge, recently_deleted, recover, what_goes,
};
pub(crate) use gatherings::follow_venue_zone;
pub use gatherings::{Translation, create_gathering, save_translations, update_gathering};
pub use lanes::{LaneForm, MAX_LANES, add_lane, copy_lanes, default_lane, remove_lane, save_lane};
pub use segments::{
    add_segment, add_segment_at, delete_segment, move_segment, reorder_segments, update_segment,
};
pub use statements::{StatementRead, delete_statement, link_statement, save_statement};

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use crate::db::entities::{gathering, venue};
use crate::domain::{TimeZoneName, ValidationError, say};
use crate::error::AppError;

/// Where a gathering is held: at one of the organisation's venues, whose time zone it
/// takes, or, without a venue, in a time zone of its own.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub venue_id: Option<i32>,
    pub time_zone: &'a str,
}

impl Place<'_> {
    /// The time zone of the place, checking the venue is the organisation's.
    async fn zone(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        organisation_id: i32,
    ) -> Result<TimeZoneName, AppError> {
        match self.venue_id {
            Some(id) => {
                let v = venue::Entity::find_by_id(id)
                    .filter(venue::Column::OrganisationId.eq(organisation_id))
                    .one(db)
                    .await?
                    .ok_or_else(|| ValidationError::new("venue", say!("refusal-choose-venue")))?;
                Ok(TimeZoneName::parse("venue", &v.time_zone)?)
            }
            None => Ok(TimeZoneName::parse("time_zone", self.time_zone)?),
        }
    }
}

/// Loads a gathering for a change: it must still be at `version` (optimistic
/// concurrency); the change then raises the version and the modification time.
pub(crate) async fn lock(
    txn: &DatabaseTransaction,
    gathering_id: i32,
    version: Option<i32>,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    // Raise the version first, in one statement, so the row is locked for this change
    // (and SQLite's write lock taken) before anything is read. A form that names the
    // version it was opened at only changes the gathering still at that version; a
    // change that names none (the live view, scripts) simply goes after the others.
    let mut raise = gathering::Entity::update_many()
        .col_expr(
            gathering::Column::Version,
            Expr::col(gathering::Column::Version).add(1),
        )
        .col_expr(gathering::Column::UpdatedAt, Expr::value(now))
        .filter(gathering::Column::Id.eq(gathering_id));
    if let Some(v) = version {
        raise = raise.filter(gathering::Column::Version.eq(v));
    }
    let raised = raise.exec(txn).await?;
    let g = gathering::Entity::find_by_id(gathering_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if raised.rows_affected != 1 {
        return Err(stale(txn, &g).await);
    }
    // The row as it was before this change's raise.
    Ok(gathering::Model {
        version: g.version - 1,
        ..g
    })
}

/// The refusal of a change to a gathering saved by someone else first: who and when,
/// from the audit log (the day's live taps do not change the plan, so they are not it).
async fn stale(txn: &DatabaseTransaction, g: &gathering::Model) -> AppError {
    use super::entities::audit_entry;
    use sea_orm::Condition;
    let filter = Condition::all()
        .add(audit_entry::Column::Subject.eq(g.slug.as_str()))
        .add(audit_entry::Column::Action.not_like("live.%"));
    super::auth::stale(txn, g.organisation_id, filter).await
}
