//! The demo organisation: the gatherings of the field notes, in Tirana, Tehran and
//! Stockholm, with their run of show. Loaded on an empty database by `make run` and by
//! `convene demo`; the tests use it too.
//!
//! It is an export document (`demo/families-association.json`, the format of
//! `docs/export.md`) loaded through [`super::export::import`], so every load of the demo
//! also exercises the import, and editing the demo is editing a document.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
};

use super::entities::organisation;
use super::export::{self, Document};
use crate::error::AppError;

/// The demo organisation's slug.
pub const DEMO_ORG: &str = "families-association";

/// The demo, as an export document, built into the binary.
const DOCUMENT: &str = include_str!("../../demo/families-association.json");

/// The demo document, read.
pub fn document() -> Result<Document, AppError> {
    serde_json::from_str(DOCUMENT).map_err(|e| AppError::internal("the demo document", e))
}

/// Loads the demo organisation unless it exists; returns whether it was loaded.
pub async fn load_if_absent(db: &DatabaseConnection) -> Result<bool, AppError> {
    let exists = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(DEMO_ORG))
        .count(db)
        .await?
        > 0;
    if exists {
        return Ok(false);
    }
    export::import(db, &document()?).await?;
    Ok(true)
}

/// Whether the database holds no organisation at all.
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    Ok(organisation::Entity::find().count(db).await? == 0)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_demo_is_a_document_of_this_format() {
        let doc = super::document().unwrap();
        assert_eq!(doc.format, super::export::FORMAT);
        assert_eq!(doc.version, super::export::VERSION);
        assert_eq!(doc.organisation.slug, super::DEMO_ORG);
        assert!(doc.gatherings.len() >= 5, "the field notes' gatherings");
    }
}
