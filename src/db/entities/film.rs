//! The `film` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "film")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    pub title: String,
    pub director: String,
    pub producer: String,
    pub year: Option<i32>,
    pub runtime_minutes: i32,
    pub audio_language: String,
    pub subtitle_languages: String,
    pub trailer_url: String,
    /// Internal: never on a public page or feed.
    pub rights_notes: String,
    pub archived: bool,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
