//! The `room` table: a room of a venue, where a lane of a gathering runs.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "room")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub venue_id: i32,
    pub position: i32,
    pub name: String,
    pub capacity: Option<i32>,
    /// Public: step-free access, hearing loop, seating.
    pub accessibility: String,
    /// Public: floor and how to find it.
    pub directions: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
