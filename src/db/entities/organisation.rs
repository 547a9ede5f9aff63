//! The `organisation` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "organisation")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub slug: String,
    pub name: String,
    pub default_language: String,
    pub public_description: String,
    /// A public contact address (may be empty).
    pub contact_email: String,
    /// The languages the texts are offered in beyond the default: `tag name` per line.
    pub content_languages: String,
    pub created_at: DateTimeUtc,
    /// Raised by the database whenever anything the organisation publishes changes.
    pub content_version: i64,
    /// When `content_version` last grew, in microseconds since 1970 (UTC).
    pub content_changed_us: i64,
}

impl Model {
    /// The content languages offered beyond the default language.
    pub fn offered_languages(&self) -> Vec<crate::domain::content::ContentLanguage> {
        crate::domain::content::stored_offered(&self.content_languages, &self.default_language)
    }
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
