//! Numbered releases of a gathering's programme (`programme_release`): what every public
//! session was (title, time, room) when organisers published version N, so the public
//! programme can say what changed since, the Atom feed can announce each release, and a
//! session's calendar event raises its SEQUENCE only when that session changed. The table
//! raises the organisation's content version like every table anything public is made
//! from.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_core::{fk, id, index, instant, int, text};
use crate::m20261201_000001_content_version::{add_content_triggers, drop_content_triggers};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Gathering {
    Table,
}

#[derive(DeriveIden)]
enum ProgrammeRelease {
    Table,
    Id,
    GatheringId,
    Number,
    ReleasedAt,
    Note,
    Snapshot,
}

const TABLE: &str = "programme_release";
const ORG: &str = "(SELECT g.organisation_id FROM gathering g WHERE g.id = R.gathering_id)";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ProgrammeRelease::Table)
                    .col(id(ProgrammeRelease::Id))
                    .col(int(ProgrammeRelease::GatheringId))
                    .col(int(ProgrammeRelease::Number))
                    .col(instant(ProgrammeRelease::ReleasedAt))
                    .col(text(ProgrammeRelease::Note))
                    .col(text(ProgrammeRelease::Snapshot))
                    .foreign_key(&mut fk(
                        ProgrammeRelease::Table,
                        ProgrammeRelease::GatheringId,
                        Gathering::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_programme_release_number",
            ProgrammeRelease::Table,
            &["gathering_id", "number"],
            true,
        )
        .await?;
        add_content_triggers(manager, &[(TABLE, ORG)]).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_content_triggers(manager, &[(TABLE, ORG)]).await?;
        manager
            .drop_table(Table::drop().table(ProgrammeRelease::Table).to_owned())
            .await
    }
}
