//! The languages an organisation offers its texts in, beyond its default language: one
//! `tag name` per line (`sv Svenska`). Organisations made before could translate into
//! the interface's three languages, so they keep offering those.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    ContentLanguages,
}

/// The interface's languages, as offered before this column.
const BEFORE: [(&str, &str); 3] = [("en", "English"), ("sq", "Shqip"), ("fa", "فارسی")];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisation::Table)
                    .add_column(
                        ColumnDef::new(Organisation::ContentLanguages)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .to_owned(),
            )
            .await?;
        let db = manager.get_connection();
        for (default, _) in BEFORE {
            let offered: Vec<String> = BEFORE
                .iter()
                .filter(|(tag, _)| *tag != default)
                .map(|(tag, name)| format!("{tag} {name}"))
                .collect();
            // Fixed texts without quotes: the same statement on SQLite and PostgreSQL.
            db.execute_unprepared(&format!(
                "UPDATE organisation SET content_languages = '{}' WHERE default_language = '{default}'",
                offered.join("\n")
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .alter_table(
                Table::alter()
                    .table(Organisation::Table)
                    .drop_column(Organisation::ContentLanguages)
                    .to_owned(),
            )
            .await
    }
}
