//! When a digest was published: a published issue shows its month as it stood then.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_core::instant_null;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Digest {
    Table,
    PublishedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Digest::Table)
                    .add_column(instant_null(Digest::PublishedAt))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared("UPDATE digest SET published_at = updated_at WHERE published")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Digest::Table)
                    .drop_column(Digest::PublishedAt)
                    .to_owned(),
            )
            .await
    }
}
