//! The `issued_statement` table: a statement or open letter an organisation issues on
//! its own.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "issued_statement")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub organisation_id: i32,
    /// Its address under `/o/{org}/statements/`.
    pub slug: String,
    pub kind: crate::domain::issued::IssuedKind,
    pub title: String,
    /// The date it is dated.
    pub issued_on: Date,
    /// Whom a letter is written to (may be empty).
    pub addressee: String,
    pub language: String,
    /// Points one per line (a statement), or paragraphs (a letter).
    pub body: String,
    /// One name per line (may be empty).
    pub signatories: String,
    pub signature_count: i32,
    pub published: bool,
    /// When it was first published.
    pub published_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
