//! A gathering can be deleted and recovered: `deleted_at` (and who) while it waits in
//! "Recently deleted", and `cancelled_at`, since when a cancelled gathering has been
//! announced as cancelled in the calendar feeds.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_core::{instant_null, int_null};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Gathering {
    Table,
    DeletedAt,
    DeletedBy,
    CancelledAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per statement.
        for column in [
            instant_null(Gathering::DeletedAt),
            int_null(Gathering::DeletedBy),
            instant_null(Gathering::CancelledAt),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Gathering::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        // Gatherings cancelled before this count as cancelled since their last change.
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE gathering SET cancelled_at = updated_at WHERE status = 'cancelled'",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [
            Gathering::DeletedAt,
            Gathering::DeletedBy,
            Gathering::CancelledAt,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Gathering::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
