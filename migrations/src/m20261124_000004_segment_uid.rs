//! A stable identifier for each segment, so that per-segment calendar events keep their
//! UID through reordering, export and import.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Segment {
    Table,
    Uid,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Segment::Table)
                    .add_column(ColumnDef::new(Segment::Uid).string().not_null().default(""))
                    .to_owned(),
            )
            .await?;
        manager
            .get_connection()
            .execute_unprepared(
                "UPDATE segment SET uid = 'segment-' || CAST(id AS TEXT) WHERE uid = ''",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Segment::Table)
                    .drop_column(Segment::Uid)
                    .to_owned(),
            )
            .await
    }
}
