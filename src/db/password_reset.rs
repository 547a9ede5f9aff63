//! Password-reset links: an owner makes a one-time link for a member who forgot their
//! password, and passes it on by a channel they trust; the member sets a new password
//! with it.
//!
//! Rules kept here:
//! - A link works once, for [`RESET_HOURS`] hours; a newer link for the same account
//!   replaces an older one; only the SHA-256 of its token is stored.
//! - An owner may make one only for an account whose every organisation they own: an
//!   owner of one organisation must not take over an account that carries another's
//!   data (that account's password is reset by the operator, `convene user
//!   reset-password`). The rule is checked again when the link is used.
//! - Using it ends every session of the account, and is audited in the organisation.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};

use super::auth::{self, audit, new_token, token_id};
use super::entities::{app_user, organisation, password_reset};
use super::members::Unusable;
use crate::domain::{MemberRole, ValidationError, say};
use crate::error::AppError;

/// How long a password-reset link works.
pub const RESET_HOURS: i64 = 24;

/// Whether owner `by` may set the password of member `user_id` of `organisation_id`.
async fn may_reset(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    by: i32,
    user_id: i32,
) -> Result<(), AppError> {
    if by == user_id {
        return Err(AppError::Conflict(say!("refusal-reset-own-password")));
    }
    if auth::role_in(db, user_id, organisation_id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if auth::role_in(db, by, organisation_id).await? != Some(MemberRole::Owner) {
        return Err(AppError::Forbidden);
    }
    for (o, _) in auth::memberships(db, user_id).await? {
        if auth::role_in(db, by, o.id).await? != Some(MemberRole::Owner) {
            return Err(AppError::Conflict(say!("refusal-reset-other-organisation")));
        }
    }
    Ok(())
}

/// Makes a reset link for member `user_id`; returns their e-mail address and the token
/// for the link (shown once).
pub async fn issue(
    db: &DatabaseConnection,
    organisation_id: i32,
    by: i32,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(String, String), AppError> {
    let txn = super::begin_write(db).await?;
    may_reset(&txn, organisation_id, by, user_id).await?;
    let user = app_user::Entity::find_by_id(user_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    // One link per account at a time: a newer link replaces an older one.
    password_reset::Entity::delete_many()
        .filter(password_reset::Column::UserId.eq(user_id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    let token = new_token();
    password_reset::ActiveModel {
        user_id: Set(user_id),
        organisation_id: Set(organisation_id),
        token_hash: Set(token_id(&token)),
        created_by: Set(Some(by)),
        created_at: Set(now),
        expires_at: Set(now + Duration::hours(RESET_HOURS)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        Some(organisation_id),
        Some(by),
        "password_reset.create",
        &user.email,
        "",
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((user.email, token))
}

/// A reset link that still works: whose password it sets, through which organisation.
#[derive(Debug, Clone)]
pub struct Opened {
    pub reset: password_reset::Model,
    pub user: app_user::Model,
    pub organisation: organisation::Model,
}

/// Looks up the reset link of `token`.
pub async fn open(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<Opened, Unusable>, AppError> {
    let Some(reset) = password_reset::Entity::find()
        .filter(password_reset::Column::TokenHash.eq(token_id(token)))
        .one(db)
        .await?
    else {
        return Ok(Err(Unusable::Unknown));
    };
    if reset.used_at.is_some() {
        return Ok(Err(Unusable::Used));
    }
    if reset.expires_at <= now {
        return Ok(Err(Unusable::Expired));
    }
    // The owner who made it is no longer allowed to (demoted, removed, or the member
    // joined an organisation they do not own): the link is withdrawn.
    let allowed = match reset.created_by {
        Some(by) => may_reset(db, reset.organisation_id, by, reset.user_id)
            .await
            .is_ok(),
        None => false,
    };
    if !allowed {
        return Ok(Err(Unusable::Revoked));
    }
    let (Some(user), Some(organisation)) = (
        app_user::Entity::find_by_id(reset.user_id).one(db).await?,
        organisation::Entity::find_by_id(reset.organisation_id)
            .one(db)
            .await?,
    ) else {
        return Ok(Err(Unusable::Unknown));
    };
    Ok(Ok(Opened {
        reset,
        user,
        organisation,
    }))
}

/// The refusal for a reset link that does not work (any more).
pub fn unusable_error(u: Unusable) -> AppError {
    match u {
        Unusable::Unknown => AppError::NotFound,
        Unusable::Used | Unusable::Revoked | Unusable::Expired => {
            AppError::Conflict(say!("refusal-reset-link-gone"))
        }
    }
}

/// Sets the password of the link's account to `new` (typed twice), ends all its
/// sessions and uses the link up. Returns the account.
pub async fn use_link(
    db: &DatabaseConnection,
    token: &str,
    new: &str,
    again: &str,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let opened = open(db, token, now).await?.map_err(unusable_error)?;
    auth::check_new_password(new).map_err(|e| ValidationError::new("password", e.message))?;
    if new != again {
        return Err(
            ValidationError::new("password_again", say!("refusal-passwords-differ")).into(),
        );
    }
    let hash = auth::hash_password(new).await?;
    let txn = super::begin_write(db).await?;
    // Checked again inside the transaction, and used once: of two uses at the same
    // moment, one changes the row.
    open(&txn, token, now).await?.map_err(unusable_error)?;
    let used = password_reset::Entity::update_many()
        .col_expr(password_reset::Column::UsedAt, Expr::value(Some(now)))
        .filter(password_reset::Column::Id.eq(opened.reset.id))
        .filter(password_reset::Column::UsedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(unusable_error(Unusable::Used));
    }
    auth::store_password(&txn, opened.user.id, hash, None).await?;
    audit(
        &txn,
        Some(opened.organisation.id),
        Some(opened.user.id),
        "user.password_reset_link",
        &opened.user.email,
        "",
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(opened.user)
}

/// Forgets links that can no longer be used.
pub async fn prune(db: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<(), AppError> {
    password_reset::Entity::delete_many()
        .filter(password_reset::Column::ExpiresAt.lte(now))
        .exec(db)
        .await?;
    Ok(())
}
