//! Writes of the live run of show: start, end and skip segments on the day. Each change
//! is one transaction; the times are the server's clock at the moment of the tap.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::entities::segment;
use crate::domain::{Message, say};
use crate::error::AppError;

/// What the host does with one tap.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveAction {
    /// Start this segment now (ending the one running, if any).
    Start,
    /// End this segment now.
    End,
    /// Skip this segment (it has not started).
    Skip,
    /// Bring a skipped segment back.
    Unskip,
}

impl LiveAction {
    /// Reads a form's `action` value.
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "start" => Some(Self::Start),
            "end" => Some(Self::End),
            "skip" => Some(Self::Skip),
            "unskip" => Some(Self::Unskip),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Start => "start",
            Self::End => "end",
            Self::Skip => "skip",
            Self::Unskip => "unskip",
        }
    }
}

/// Applies `action` to segment `segment_id` of gathering `gathering_id` at `now`;
/// returns the segment as it is afterwards.
pub async fn apply(
    db: &impl super::Conn,
    gathering_id: i32,
    segment_id: i32,
    action: LiveAction,
    now: DateTime<Utc>,
) -> Result<segment::Model, AppError> {
    let txn = db.begin().await?;
    let seg = segment::Entity::find_by_id(segment_id)
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let refuse =
        |message: Message| -> Result<segment::Model, AppError> { Err(AppError::Conflict(message)) };
    let mut active: segment::ActiveModel = seg.clone().into();
    match action {
        LiveAction::Start => {
            // Whatever is running in its lane ends now: one segment runs at a time in a
            // room, and the other rooms of a conference go on.
            let same_lane = match seg.lane_id {
                Some(lane) => segment::Column::LaneId.eq(lane),
                None => segment::Column::LaneId.is_null(),
            };
            segment::Entity::update_many()
                .col_expr(segment::Column::ActualEnd, Expr::value(now))
                .filter(segment::Column::GatheringId.eq(gathering_id))
                .filter(same_lane)
                .filter(segment::Column::Id.ne(segment_id))
                .filter(segment::Column::ActualStart.is_not_null())
                .filter(segment::Column::ActualEnd.is_null())
                .exec(&txn)
                .await?;
            active.actual_start = Set(Some(now));
            active.actual_end = Set(None);
            active.skipped = Set(false);
        }
        LiveAction::End => {
            if seg.actual_start.is_none() || seg.actual_end.is_some() {
                return refuse(say!("refusal-segment-not-running"));
            }
            active.actual_end = Set(Some(now));
        }
        LiveAction::Skip => {
            if seg.actual_start.is_some() {
                return refuse(say!("refusal-segment-started"));
            }
            active.skipped = Set(true);
        }
        LiveAction::Unskip => active.skipped = Set(false),
    }
    let updated = active.update(&txn).await?;
    txn.commit().await?;
    Ok(updated)
}

/// Clears what happened on the day (after a rehearsal, say): every segment back to its
/// plan.
pub async fn reset(db: &impl super::Conn, gathering_id: i32) -> Result<(), AppError> {
    segment::Entity::update_many()
        .col_expr(
            segment::Column::ActualStart,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            segment::Column::ActualEnd,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(segment::Column::Skipped, Expr::value(false))
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .exec(db)
        .await?;
    Ok(())
}
