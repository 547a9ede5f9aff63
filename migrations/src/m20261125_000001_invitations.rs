//! Invitations: an owner invites someone into an organisation with a role, by a link
//! that works once. Only the SHA-256 of the link's token is kept.

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
enum Invitation {
    Table,
    Id,
    OrganisationId,
    Email,
    Role,
    TokenHash,
    CreatedBy,
    CreatedAt,
    ExpiresAt,
    AcceptedAt,
    AcceptedBy,
    RevokedAt,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Invitation::Table)
                    .col(id(Invitation::Id))
                    .col(int(Invitation::OrganisationId))
                    .col(string(Invitation::Email))
                    .col(string(Invitation::Role))
                    .col(string(Invitation::TokenHash))
                    .col(int_null(Invitation::CreatedBy))
                    .col(instant(Invitation::CreatedAt))
                    .col(instant(Invitation::ExpiresAt))
                    .col(instant_null(Invitation::AcceptedAt))
                    .col(int_null(Invitation::AcceptedBy))
                    .col(instant_null(Invitation::RevokedAt))
                    .foreign_key(&mut fk(
                        Invitation::Table,
                        Invitation::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Invitation::Table,
                        Invitation::CreatedBy,
                        AppUser::Table,
                        ForeignKeyAction::SetNull,
                    ))
                    .foreign_key(&mut fk(
                        Invitation::Table,
                        Invitation::AcceptedBy,
                        AppUser::Table,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_invitation_token",
            Invitation::Table,
            &["token_hash"],
            true,
        )
        .await?;
        index(
            manager,
            "ix_invitation_organisation",
            Invitation::Table,
            &["organisation_id"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(Invitation::Table).to_owned())
            .await
    }
}
