//! A member's private crew feeds: the list, and who may revoke what.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The crew feeds page of one organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrewFeeds {
    pub org_slug: String,
    pub org_name: String,
    /// Owners see and may revoke every member's feeds; others only their own.
    pub all_members: bool,
    pub feeds: Vec<CrewFeedItem>,
}

/// One open crew feed (its address is never shown again after it is made).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CrewFeedItem {
    pub id: i32,
    pub label: String,
    pub member: String,
    /// When it was made, in UTC.
    pub created: NaiveDateTime,
}

/// The signed-in member's open crew feeds (an owner's view holds everyone's).
#[server]
pub async fn load_crew_feeds(org: String) -> Result<CrewFeeds, AppError> {
    use crate::domain::access::Permission;
    let db = super::db()?;
    let user = super::workspace::ssr::user(&db).await?;
    let (o, role) = super::workspace::ssr::member(&db, &org, Permission::ReadInternal).await?;
    let all_members = role.allows(Permission::ManageMembers);
    let feeds = crate::db::crew_feeds::list(&db, o.id, (!all_members).then_some(user.id))
        .await?
        .into_iter()
        .map(|f| CrewFeedItem {
            id: f.id,
            label: f.label,
            member: f.member_name,
            created: f.created_at.naive_utc(),
        })
        .collect();
    Ok(CrewFeeds {
        org_slug: o.slug,
        org_name: o.name,
        all_members,
        feeds,
    })
}
