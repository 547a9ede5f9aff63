//! The `segment` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "segment")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub gathering_id: i32,
    pub position: i32,
    pub kind: crate::domain::SegmentKind,
    pub title: String,
    pub duration_minutes: Option<i32>,
    pub hard_start_local: Option<DateTime>,
    pub film_id: Option<i32>,
    pub statement_id: Option<i32>,
    /// A statement or letter the organisation issued on its own, read in this segment.
    pub issued_statement_id: Option<i32>,
    pub public: bool,
    /// Internal: never on a public page or feed.
    pub cue_notes: String,
    pub actual_start: Option<DateTimeUtc>,
    pub actual_end: Option<DateTimeUtc>,
    /// Skipped on the day (the plan keeps it).
    pub skipped: bool,
    /// Stable identifier (per-segment calendar events), kept through reordering.
    pub uid: String,
    /// The lane the segment runs in (every gathering has at least one).
    pub lane_id: Option<i32>,
    /// Public: what the session is about.
    #[sea_orm(column_name = "abstract")]
    pub abstract_text: String,
    /// Public: the theme it belongs to; empty for none.
    pub track: String,
    /// Comma-separated language tags the session is held in; empty when not said.
    pub session_languages: String,
    pub may_record: bool,
    pub may_stream: bool,
    pub may_photograph: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
