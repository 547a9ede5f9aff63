//! Password-reset links: an owner makes a one-time link with which a member of their
//! organisation sets a new password. Only the SHA-256 of the link's token is kept.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_core::{
    fk, id, index, instant, instant_null, int, int_null, string,
};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
}

#[derive(DeriveIden)]
enum PasswordReset {
    Table,
    Id,
    UserId,
    OrganisationId,
    TokenHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(PasswordReset::Table)
                    .col(id(PasswordReset::Id))
                    .col(int(PasswordReset::UserId))
                    .col(int(PasswordReset::OrganisationId))
                    .col(string(PasswordReset::TokenHash))
                    .col(int_null(PasswordReset::CreatedBy))
                    .col(instant(PasswordReset::CreatedAt))
                    .col(instant(PasswordReset::ExpiresAt))
                    .col(instant_null(PasswordReset::UsedAt))
                    .foreign_key(&mut fk(
                        PasswordReset::Table,
                        PasswordReset::UserId,
                        AppUser::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        PasswordReset::Table,
                        PasswordReset::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        PasswordReset::Table,
                        PasswordReset::CreatedBy,
                        AppUser::Table,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_password_reset_token",
            PasswordReset::Table,
            &["token_hash"],
            true,
        )
        .await?;
        index(
            manager,
            "ix_password_reset_user",
            PasswordReset::Table,
            &["user_id"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(PasswordReset::Table).to_owned())
            .await
    }
}
