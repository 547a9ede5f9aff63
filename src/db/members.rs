//! Members of an organisation and invitations into it.
//!
//! Rules kept here:
//! - An owner invites by a link that works once, for [`INVITATION_DAYS`] days, unless
//!   revoked; only the SHA-256 of its token is stored, so the link is shown once.
//! - Accepting is atomic: of two people opening the same link, one joins.
//! - An organisation always keeps at least one owner: the last owner can be neither
//!   demoted nor removed.
//! - Every change is audited in the same transaction.

use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, ModelTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};

use super::auth::{self, audit, new_token, token_id};
use super::entities::{app_user, invitation, membership, organisation};
use crate::domain::{MemberRole, Message, ValidationError, say};
use crate::error::AppError;

/// How long an invitation link works.
pub const INVITATION_DAYS: i64 = 7;

/// A member as the members page lists them.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub role: MemberRole,
    pub since: DateTime<Utc>,
}

/// The members of an organisation, owners first, then by name.
pub async fn members(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<Member>, AppError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?;
    let users = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(rows.iter().map(|m| m.user_id)))
        .all(db)
        .await?;
    let mut out: Vec<Member> = rows
        .into_iter()
        .filter_map(|m| {
            let u = users.iter().find(|u| u.id == m.user_id)?;
            Some(Member {
                user_id: u.id,
                name: u.display_name.clone(),
                email: u.email.clone(),
                role: m.role,
                since: m.created_at,
            })
        })
        .collect();
    let rank = |r: MemberRole| MemberRole::ALL.iter().position(|x| *x == r);
    out.sort_by(|a, b| {
        rank(a.role)
            .cmp(&rank(b.role))
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    Ok(out)
}

/// Invitations not yet used, revoked or expired.
pub async fn pending_invitations(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<invitation::Model>, AppError> {
    Ok(invitation::Entity::find()
        .filter(invitation::Column::OrganisationId.eq(organisation_id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .filter(invitation::Column::ExpiresAt.gt(now))
        .order_by_desc(invitation::Column::CreatedAt)
        .all(db)
        .await?)
}

fn role_of(field: &str, raw: &str) -> Result<MemberRole, ValidationError> {
    raw.trim()
        .parse()
        .map_err(|_| ValidationError::new(field, say!("refusal-choose-role")))
}

/// Makes an invitation; returns it and the token for its link (shown once).
pub async fn invite(
    db: &DatabaseConnection,
    organisation_id: i32,
    by: i32,
    email: &str,
    role: &str,
    now: DateTime<Utc>,
) -> Result<(invitation::Model, String), AppError> {
    let email = auth::parse_email(email)?;
    let role = role_of("role", role)?;
    let token = new_token();
    let txn = super::begin_write(db).await?;
    let m = invitation::ActiveModel {
        organisation_id: Set(organisation_id),
        email: Set(email.clone()),
        role: Set(role),
        token_hash: Set(token_id(&token)),
        created_by: Set(Some(by)),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(INVITATION_DAYS)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    audit(
        &txn,
        Some(organisation_id),
        Some(by),
        "invitation.create",
        &email,
        role.as_str(),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((m, token))
}

/// Revokes a pending invitation of the organisation.
pub async fn revoke(
    db: &DatabaseConnection,
    organisation_id: i32,
    by: i32,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    let i = invitation::Entity::find_by_id(id)
        .filter(invitation::Column::OrganisationId.eq(organisation_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if i.accepted_at.is_some() {
        return Err(AppError::Conflict(say!("refusal-invitation-accepted")));
    }
    let email = i.email.clone();
    let mut m: invitation::ActiveModel = i.into();
    m.revoked_at = Set(Some(now));
    m.update(&txn).await?;
    audit(
        &txn,
        Some(organisation_id),
        Some(by),
        "invitation.revoke",
        &email,
        "",
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

async fn owners(db: &impl ConnectionTrait, organisation_id: i32) -> Result<u64, AppError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .filter(membership::Column::Role.eq(MemberRole::Owner.as_str()))
        .count(db)
        .await?)
}

async fn membership_of(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    user_id: i32,
) -> Result<membership::Model, AppError> {
    membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)
}

/// The refusal to leave an organisation without an owner.
fn last_owner() -> Message {
    say!("refusal-last-owner")
}

/// Changes a member's role.
pub async fn change_role(
    db: &DatabaseConnection,
    organisation_id: i32,
    by: i32,
    user_id: i32,
    role: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let role = role_of("role", role)?;
    let txn = super::begin_write(db).await?;
    let m = membership_of(&txn, organisation_id, user_id).await?;
    if m.role == MemberRole::Owner
        && role != MemberRole::Owner
        && owners(&txn, organisation_id).await? <= 1
    {
        return Err(ValidationError::new("role", last_owner()).into());
    }
    auth::set_membership(&txn, organisation_id, user_id, role, Some(by), now).await?;
    txn.commit().await?;
    Ok(())
}

/// Removes a member from the organisation (the account stays; their sessions stay for
/// other organisations).
pub async fn remove(
    db: &DatabaseConnection,
    organisation_id: i32,
    by: i32,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    let m = membership_of(&txn, organisation_id, user_id).await?;
    if m.role == MemberRole::Owner && owners(&txn, organisation_id).await? <= 1 {
        return Err(AppError::Conflict(last_owner()));
    }
    m.delete(&txn).await?;
    audit(
        &txn,
        Some(organisation_id),
        Some(by),
        "membership.remove",
        &format!("user {user_id}"),
        "",
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// An invitation found by the token of its link, with its organisation.
#[derive(Debug, Clone)]
pub struct Opened {
    pub invitation: invitation::Model,
    pub organisation: organisation::Model,
    pub invited_by: Option<String>,
}

/// Why a link no longer works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unusable {
    Unknown,
    Used,
    Revoked,
    Expired,
}

/// Looks up the invitation of a link.
pub async fn open(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Result<Opened, Unusable>, AppError> {
    let Some(i) = invitation::Entity::find()
        .filter(invitation::Column::TokenHash.eq(token_id(token)))
        .one(db)
        .await?
    else {
        return Ok(Err(Unusable::Unknown));
    };
    if i.accepted_at.is_some() {
        return Ok(Err(Unusable::Used));
    }
    if i.revoked_at.is_some() {
        return Ok(Err(Unusable::Revoked));
    }
    if i.expires_at <= now {
        return Ok(Err(Unusable::Expired));
    }
    let Some(o) = organisation::Entity::find_by_id(i.organisation_id)
        .one(db)
        .await?
    else {
        return Ok(Err(Unusable::Unknown));
    };
    let invited_by = match i.created_by {
        Some(id) => app_user::Entity::find_by_id(id)
            .one(db)
            .await?
            .map(|u| u.display_name),
        None => None,
    };
    Ok(Ok(Opened {
        invitation: i,
        organisation: o,
        invited_by,
    }))
}

/// The refusal for a link that does not work (any more).
pub fn unusable_error(u: Unusable) -> AppError {
    match u {
        Unusable::Unknown => AppError::NotFound,
        Unusable::Used => AppError::Conflict(say!("refusal-invitation-used")),
        Unusable::Revoked => AppError::Conflict(say!("refusal-invitation-withdrawn")),
        Unusable::Expired => {
            AppError::Conflict(say!("refusal-invitation-expired", days = INVITATION_DAYS))
        }
    }
}

/// What someone without an account types to accept an invitation.
#[derive(Debug, Clone, Default)]
pub struct NewAccount {
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub password_again: String,
}

/// Accepts an invitation: with `account`, makes that account first; otherwise the
/// signed-in `user` joins. A member already there keeps the higher of the two roles.
/// Returns the member's account and the organisation.
pub async fn accept(
    db: &DatabaseConnection,
    token: &str,
    user: Option<&app_user::Model>,
    account: Option<&NewAccount>,
    now: DateTime<Utc>,
) -> Result<(app_user::Model, organisation::Model), AppError> {
    let txn = super::begin_write(db).await?;
    let opened = open(&txn, token, now).await?.map_err(unusable_error)?;
    let role: MemberRole = opened.invitation.role;
    let user = match (user, account) {
        (Some(u), _) => u.clone(),
        (None, Some(a)) => {
            auth::check_new_password(&a.password)?;
            if a.password != a.password_again {
                return Err(ValidationError::new(
                    "password_again",
                    say!("refusal-passwords-differ"),
                )
                .into());
            }
            auth::create_user(&txn, &a.email, &a.display_name, &a.password, now).await?
        }
        (None, None) => return Err(AppError::SignInRequired),
    };
    // Used once: of two acceptances at the same moment, one changes the row.
    let used = invitation::Entity::update_many()
        .col_expr(invitation::Column::AcceptedAt, Expr::value(Some(now)))
        .col_expr(invitation::Column::AcceptedBy, Expr::value(Some(user.id)))
        .filter(invitation::Column::Id.eq(opened.invitation.id))
        .filter(invitation::Column::AcceptedAt.is_null())
        .filter(invitation::Column::RevokedAt.is_null())
        .exec(&txn)
        .await?;
    if used.rows_affected != 1 {
        return Err(unusable_error(Unusable::Used));
    }
    let o = opened.organisation;
    let current = auth::role_in(&txn, user.id, o.id).await?;
    let rank = |r: MemberRole| MemberRole::ALL.iter().position(|x| *x == r);
    let keep = current.is_some_and(|c| rank(c) <= rank(role));
    if !keep {
        auth::set_membership(&txn, o.id, user.id, role, Some(user.id), now).await?;
    }
    audit(
        &txn,
        Some(o.id),
        Some(user.id),
        "invitation.accept",
        &user.email,
        role.as_str(),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((user, o))
}
