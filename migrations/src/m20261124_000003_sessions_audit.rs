//! Sign-in sessions (kept in the database so they survive restarts and are shared by
//! every app instance), failed sign-in attempts (to slow down guessing, across
//! instances too) and the audit log of changes.

use sea_orm_migration::prelude::*;

use crate::m20261124_000001_create_core::{fk, index, instant, int, string, text};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum AppUser {
    Table,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    UserId,
    CreatedAt,
    ExpiresAt,
}

#[derive(DeriveIden)]
enum SignInFailure {
    Table,
    Id,
    Email,
    Address,
    At,
}

#[derive(DeriveIden)]
enum AuditEntry {
    Table,
    Id,
    OrganisationId,
    UserId,
    At,
    Action,
    Subject,
    Detail,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    // The SHA-256 of the cookie's token: a stolen database holds no cookie.
                    .col(
                        ColumnDef::new(Session::Id)
                            .string()
                            .not_null()
                            .primary_key(),
                    )
                    .col(int(Session::UserId))
                    .col(instant(Session::CreatedAt))
                    .col(instant(Session::ExpiresAt))
                    .foreign_key(&mut fk(
                        Session::Table,
                        Session::UserId,
                        AppUser::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_session_user",
            Session::Table,
            &["user_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(SignInFailure::Table)
                    .col(
                        ColumnDef::new(SignInFailure::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(string(SignInFailure::Email))
                    .col(string(SignInFailure::Address))
                    .col(instant(SignInFailure::At))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_sign_in_failure_email",
            SignInFailure::Table,
            &["email", "at"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_sign_in_failure_address",
            SignInFailure::Table,
            &["address", "at"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEntry::Table)
                    .col(
                        ColumnDef::new(AuditEntry::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(ColumnDef::new(AuditEntry::OrganisationId).integer().null())
                    .col(ColumnDef::new(AuditEntry::UserId).integer().null())
                    .col(instant(AuditEntry::At))
                    .col(string(AuditEntry::Action))
                    .col(string(AuditEntry::Subject))
                    .col(text(AuditEntry::Detail))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_audit_org_at",
            AuditEntry::Table,
            &["organisation_id", "at"],
            false,
        )
        .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEntry::Table.into_iden(),
            SignInFailure::Table.into_iden(),
            Session::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
