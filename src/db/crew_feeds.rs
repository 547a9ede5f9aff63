//! Private crew feeds: calendar addresses holding a secret token, one or more per member,
//! that add the internal details of every gathering (run of show, cues, call links,
//! access notes, contacts).
//!
//! - The token is 256 random bits shown once, when the feed is made; the database keeps
//!   only its SHA-256, so a copy of the database opens no feed.
//! - A feed answers only while it is not revoked and its member still belongs to the
//!   organisation: revoking it, or removing the member, closes it at once.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use super::auth::{display_names, new_token, role_in, token_id};
use super::entities::{feed_token, organisation};
use crate::domain::{Title, ValidationError, say};
use crate::error::AppError;

/// Open crew feeds a member may hold in one organisation.
pub const MAX_FEEDS_PER_MEMBER: u64 = 20;

/// A crew feed as its page lists it (never the token).
#[derive(Debug, Clone, PartialEq)]
pub struct CrewFeed {
    pub id: i32,
    pub label: String,
    pub member_name: String,
    pub created_at: DateTime<Utc>,
}

/// Makes a crew feed for a member; returns it and its secret token (shown only now).
pub async fn create(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    user_id: i32,
    label: &str,
    now: DateTime<Utc>,
) -> Result<(feed_token::Model, String), AppError> {
    let label = Title::parse("label", label)?;
    let open = feed_token::Entity::find()
        .filter(feed_token::Column::OrganisationId.eq(organisation_id))
        .filter(feed_token::Column::UserId.eq(user_id))
        .filter(feed_token::Column::RevokedAt.is_null())
        .count(db)
        .await?;
    if open >= MAX_FEEDS_PER_MEMBER {
        return Err(ValidationError::new(
            "label",
            say!("refusal-too-many-crew-feeds", max = MAX_FEEDS_PER_MEMBER),
        )
        .into());
    }
    let token = new_token();
    let model = feed_token::ActiveModel {
        organisation_id: Set(organisation_id),
        user_id: Set(Some(user_id)),
        token_hash: Set(token_id(&token)),
        label: Set(label.as_str().to_owned()),
        created_at: Set(now),
        revoked_at: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok((model, token))
}

/// The open crew feeds of an organisation: one member's, or everyone's (`user_id` None).
pub async fn list(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    user_id: Option<i32>,
) -> Result<Vec<CrewFeed>, AppError> {
    let mut query = feed_token::Entity::find()
        .filter(feed_token::Column::OrganisationId.eq(organisation_id))
        .filter(feed_token::Column::RevokedAt.is_null())
        .order_by_asc(feed_token::Column::CreatedAt)
        .order_by_asc(feed_token::Column::Id);
    if let Some(id) = user_id {
        query = query.filter(feed_token::Column::UserId.eq(id));
    }
    let rows = query.all(db).await?;
    let names = display_names(db, rows.iter().filter_map(|r| r.user_id)).await?;
    Ok(rows
        .into_iter()
        .map(|r| CrewFeed {
            member_name: r
                .user_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default(),
            id: r.id,
            label: r.label,
            created_at: r.created_at,
        })
        .collect())
}

/// Revokes a crew feed of the organisation. A member revokes their own feeds; with
/// `any_member` (owners) anyone's. Another member's feed is "not found" to the rest.
pub async fn revoke(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
    user_id: i32,
    any_member: bool,
    now: DateTime<Utc>,
) -> Result<feed_token::Model, AppError> {
    let found = feed_token::Entity::find_by_id(id)
        .filter(feed_token::Column::OrganisationId.eq(organisation_id))
        .filter(feed_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
        .filter(|f| any_member || f.user_id == Some(user_id))
        .ok_or(AppError::NotFound)?;
    let mut active: feed_token::ActiveModel = found.into();
    active.revoked_at = Set(Some(now));
    Ok(active.update(db).await?)
}

/// The organisation a crew feed token opens, if the feed is open and its member still
/// belongs to the organisation.
pub async fn resolve(
    db: &impl ConnectionTrait,
    token: &str,
) -> Result<Option<(feed_token::Model, organisation::Model)>, AppError> {
    if token.len() != 64 || !token.chars().all(|c| c.is_ascii_hexdigit()) {
        return Ok(None);
    }
    let Some(feed) = feed_token::Entity::find()
        .filter(feed_token::Column::TokenHash.eq(token_id(&token.to_ascii_lowercase())))
        .filter(feed_token::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(user_id) = feed.user_id else {
        return Ok(None);
    };
    if role_in(db, user_id, feed.organisation_id).await?.is_none() {
        return Ok(None);
    }
    let org = organisation::Entity::find_by_id(feed.organisation_id)
        .one(db)
        .await?;
    Ok(org.map(|o| (feed, o)))
}
