//! The `lane` table: one of the parallel sequences of a gathering's agenda, in a room.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "lane")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub gathering_id: i32,
    /// Lanes are shown in this order, left to right.
    pub position: i32,
    /// Shown when the lane has no room; may be empty.
    pub name: String,
    pub room_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
