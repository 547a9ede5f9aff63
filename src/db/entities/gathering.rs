//! The `gathering` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "gathering")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub kind: crate::domain::GatheringKind,
    pub title: String,
    pub slug: String,
    pub venue_id: Option<i32>,
    pub time_zone: String,
    pub starts_local: DateTime,
    pub ends_local: DateTime,
    pub starts_at: DateTimeUtc,
    pub ends_at: DateTimeUtc,
    pub status: crate::domain::GatheringStatus,
    pub public_description: String,
    /// Internal: never on a public page or feed.
    pub internal_notes: String,
    pub expected_attendance: Option<i32>,
    pub actual_attendance: Option<i32>,
    pub languages: String,
    pub uid: String,
    pub sequence: i32,
    pub version: i32,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
    /// The campaign it belongs to (the same action in several cities), if any.
    pub campaign_id: Option<i32>,
    /// The series it is one occurrence of, if any.
    pub series_id: Option<i32>,
    /// When it was deleted: it waits in "Recently deleted", out of every list, page and
    /// feed, until it is recovered or purged.
    pub deleted_at: Option<DateTimeUtc>,
    /// Who deleted it (an account id).
    pub deleted_by: Option<i32>,
    /// Since when it has been cancelled (announced so in the calendar feeds).
    pub cancelled_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
