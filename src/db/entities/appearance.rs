//! The `appearance` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "appearance")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub segment_id: i32,
    pub person_id: i32,
    pub position: i32,
    pub role: crate::domain::AppearanceRole,
    pub mode: crate::domain::AppearanceMode,
    pub language: Option<String>,
    pub interpreted_into: String,
    /// Internal: the call link of an online speaker.
    pub online_link: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
