//! The `programme_release` table: version N of a gathering's programme, as published.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "programme_release")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub gathering_id: i32,
    /// 1, 2, 3 … for each gathering.
    pub number: i32,
    pub released_at: DateTimeUtc,
    /// Public: what the organisers say of it.
    pub note: String,
    /// The public sessions then, as JSON (`domain::release::Snapshot`).
    pub snapshot: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
