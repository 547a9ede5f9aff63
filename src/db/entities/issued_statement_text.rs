//! The `issued_statement_text` table: an issued statement's title and text in one more
//! language.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, DeriveEntityModel)]
#[sea_orm(table_name = "issued_statement_text")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub issued_statement_id: i32,
    pub language: String,
    pub title: String,
    pub body: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
