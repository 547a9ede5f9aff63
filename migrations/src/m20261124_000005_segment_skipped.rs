//! On the day a host may skip a segment; the plan keeps it, marked skipped. (When each
//! segment actually started and ended is already in `segment.actual_start/actual_end`.)

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Segment {
    Table,
    Skipped,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Segment::Table)
                    .add_column(
                        ColumnDef::new(Segment::Skipped)
                            .boolean()
                            .not_null()
                            .default(false),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Segment::Table)
                    .drop_column(Segment::Skipped)
                    .to_owned(),
            )
            .await
    }
}
