//! Statements and open letters an organisation issues on its own (`issued_statement`),
//! their translations (`issued_statement_text`), and the segment of a gathering where
//! one is read (`segment.issued_statement_id`). Both tables raise the organisation's
//! content version like every table anything public is made from.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_core::{
    fk, flag, id, index, instant, instant_null, int, int_null, string, text,
};
use crate::m20261201_000001_content_version::{add_content_triggers, drop_content_triggers};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
}

#[derive(DeriveIden)]
enum Segment {
    Table,
    IssuedStatementId,
}

#[derive(DeriveIden)]
enum IssuedStatement {
    Table,
    Id,
    OrganisationId,
    Slug,
    Kind,
    Title,
    IssuedOn,
    Addressee,
    Language,
    Body,
    Signatories,
    SignatureCount,
    Published,
    PublishedAt,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum IssuedStatementText {
    Table,
    Id,
    IssuedStatementId,
    Language,
    Title,
    Body,
}

/// The tables, and how a row finds its organisation.
const TRIGGERS: [(&str, &str); 2] = [
    ("issued_statement", "R.organisation_id"),
    (
        "issued_statement_text",
        "(SELECT s.organisation_id FROM issued_statement s WHERE s.id = R.issued_statement_id)",
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(IssuedStatement::Table)
                    .col(id(IssuedStatement::Id))
                    .col(int(IssuedStatement::OrganisationId))
                    .col(string(IssuedStatement::Slug))
                    .col(string(IssuedStatement::Kind))
                    .col(string(IssuedStatement::Title))
                    .col(ColumnDef::new(IssuedStatement::IssuedOn).date().not_null())
                    .col(text(IssuedStatement::Addressee))
                    .col(string(IssuedStatement::Language))
                    .col(text(IssuedStatement::Body))
                    .col(text(IssuedStatement::Signatories))
                    .col(int(IssuedStatement::SignatureCount))
                    .col(flag(IssuedStatement::Published, false))
                    .col(instant_null(IssuedStatement::PublishedAt))
                    .col(instant(IssuedStatement::CreatedAt))
                    .col(instant(IssuedStatement::UpdatedAt))
                    .foreign_key(&mut fk(
                        IssuedStatement::Table,
                        IssuedStatement::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_issued_statement_slug",
            IssuedStatement::Table,
            &["organisation_id", "slug"],
            true,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(IssuedStatementText::Table)
                    .col(id(IssuedStatementText::Id))
                    .col(int(IssuedStatementText::IssuedStatementId))
                    .col(string(IssuedStatementText::Language))
                    .col(string(IssuedStatementText::Title))
                    .col(text(IssuedStatementText::Body))
                    .foreign_key(&mut fk(
                        IssuedStatementText::Table,
                        IssuedStatementText::IssuedStatementId,
                        IssuedStatement::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_issued_statement_text_language",
            IssuedStatementText::Table,
            &["issued_statement_id", "language"],
            true,
        )
        .await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Segment::Table)
                    .add_column(int_null(Segment::IssuedStatementId))
                    .to_owned(),
            )
            .await?;
        add_content_triggers(manager, &TRIGGERS).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_content_triggers(manager, &TRIGGERS).await?;
        manager
            .alter_table(
                Table::alter()
                    .table(Segment::Table)
                    .drop_column(Segment::IssuedStatementId)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(IssuedStatementText::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(IssuedStatement::Table).to_owned())
            .await
    }
}
