//! Campaigns (the same action in several cities at once), series (a gathering that
//! repeats) and the monthly digest (the numbered newsletter, one row per month written). Each gathering of either stays a gathering of its own; these only group
//! them. The gathering's new columns carry no foreign key (SQLite cannot add one to an
//! existing table): deleting a campaign or series clears them in the same transaction.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_core::{fk, flag, id, index, instant, int, string, text};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
}

#[derive(DeriveIden)]
enum Campaign {
    Table,
    Id,
    OrganisationId,
    Slug,
    Title,
    PublicDescription,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Series {
    Table,
    Id,
    OrganisationId,
    Title,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Digest {
    Table,
    Id,
    OrganisationId,
    Month,
    Number,
    EditorialNote,
    Published,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Gathering {
    Table,
    CampaignId,
    SeriesId,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Campaign::Table)
                    .col(id(Campaign::Id))
                    .col(int(Campaign::OrganisationId))
                    .col(string(Campaign::Slug))
                    .col(string(Campaign::Title))
                    .col(text(Campaign::PublicDescription))
                    .col(instant(Campaign::CreatedAt))
                    .col(instant(Campaign::UpdatedAt))
                    .foreign_key(&mut fk(
                        Campaign::Table,
                        Campaign::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_campaign_slug",
            Campaign::Table,
            &["organisation_id", "slug"],
            true,
        )
        .await?;
        manager
            .create_table(
                Table::create()
                    .table(Series::Table)
                    .col(id(Series::Id))
                    .col(int(Series::OrganisationId))
                    .col(string(Series::Title))
                    .col(instant(Series::CreatedAt))
                    .foreign_key(&mut fk(
                        Series::Table,
                        Series::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        manager
            .create_table(
                Table::create()
                    .table(Digest::Table)
                    .col(id(Digest::Id))
                    .col(int(Digest::OrganisationId))
                    .col(string(Digest::Month))
                    .col(int(Digest::Number))
                    .col(text(Digest::EditorialNote))
                    .col(flag(Digest::Published, false))
                    .col(instant(Digest::CreatedAt))
                    .col(instant(Digest::UpdatedAt))
                    .foreign_key(&mut fk(
                        Digest::Table,
                        Digest::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_digest_month",
            Digest::Table,
            &["organisation_id", "month"],
            true,
        )
        .await?;
        for col in [Gathering::CampaignId, Gathering::SeriesId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Gathering::Table)
                        .add_column(ColumnDef::new(col).integer().null())
                        .to_owned(),
                )
                .await?;
        }
        index(
            manager,
            "ix_gathering_campaign",
            Gathering::Table,
            &["campaign_id"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_gathering_series",
            Gathering::Table,
            &["series_id"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for name in ["ix_gathering_series", "ix_gathering_campaign"] {
            manager
                .drop_index(Index::drop().name(name).table(Gathering::Table).to_owned())
                .await?;
        }
        for col in [Gathering::SeriesId, Gathering::CampaignId] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Gathering::Table)
                        .drop_column(col)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .drop_table(Table::drop().table(Digest::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Series::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Campaign::Table).to_owned())
            .await
    }
}
