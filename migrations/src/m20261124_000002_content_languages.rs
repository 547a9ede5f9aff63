//! Public content in several languages: a gathering's title and description, a
//! segment's title, a statement's title and points. The columns of the main tables hold
//! the text in the organisation's default language; these rows hold the others.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_core::{fk, id, index, int, string, text};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Gathering {
    Table,
}

#[derive(DeriveIden)]
enum Segment {
    Table,
}

#[derive(DeriveIden)]
enum Statement {
    Table,
}

#[derive(DeriveIden)]
enum GatheringText {
    Table,
    Id,
    GatheringId,
    Language,
    Title,
    PublicDescription,
}

#[derive(DeriveIden)]
enum SegmentText {
    Table,
    Id,
    SegmentId,
    Language,
    Title,
}

#[derive(DeriveIden)]
enum StatementText {
    Table,
    Id,
    StatementId,
    Language,
    Title,
    Points,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(GatheringText::Table)
                    .col(id(GatheringText::Id))
                    .col(int(GatheringText::GatheringId))
                    .col(string(GatheringText::Language))
                    .col(string(GatheringText::Title))
                    .col(text(GatheringText::PublicDescription))
                    .foreign_key(&mut fk(
                        GatheringText::Table,
                        GatheringText::GatheringId,
                        Gathering::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_gathering_text_language",
            GatheringText::Table,
            &["gathering_id", "language"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(SegmentText::Table)
                    .col(id(SegmentText::Id))
                    .col(int(SegmentText::SegmentId))
                    .col(string(SegmentText::Language))
                    .col(string(SegmentText::Title))
                    .foreign_key(&mut fk(
                        SegmentText::Table,
                        SegmentText::SegmentId,
                        Segment::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_segment_text_language",
            SegmentText::Table,
            &["segment_id", "language"],
            true,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(StatementText::Table)
                    .col(id(StatementText::Id))
                    .col(int(StatementText::StatementId))
                    .col(string(StatementText::Language))
                    .col(string(StatementText::Title))
                    .col(text(StatementText::Points))
                    .foreign_key(&mut fk(
                        StatementText::Table,
                        StatementText::StatementId,
                        Statement::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_statement_text_language",
            StatementText::Table,
            &["statement_id", "language"],
            true,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            StatementText::Table.into_iden(),
            SegmentText::Table.into_iden(),
            GatheringText::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
