//! A campaign's or a series' page for organisers: its name, its text, its gatherings.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupPage {
    pub org_slug: String,
    pub org_name: String,
    /// `campaign` or `series`.
    pub kind: String,
    pub id: i32,
    /// A campaign's public address (`/o/{org}/campaigns/{slug}`), when it has one.
    pub public_slug: Option<String>,
    pub title: String,
    pub description: String,
    pub gatherings: Vec<GroupGathering>,
    pub candidates: Vec<GroupGathering>,
}

/// A gathering in (or offered for) the group.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupGathering {
    pub id: i32,
    pub slug: String,
    pub title: String,
    pub starts_local: NaiveDateTime,
    pub time_zone: String,
    pub public: bool,
}

/// The page of campaign or series `id` (organisers and owners).
#[server]
pub async fn load_group(org: String, kind: String, id: i32) -> Result<GroupPage, AppError> {
    use crate::db::groups::{self, GroupKind};
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::Plan).await?;
    let kind = GroupKind::parse(&kind).ok_or(AppError::NotFound)?;
    let g = groups::group(&db, o.id, kind, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let line = |g: crate::db::entities::gathering::Model| GroupGathering {
        id: g.id,
        public: g.status.is_public(),
        slug: g.slug,
        title: g.title,
        starts_local: g.starts_local,
        time_zone: g.time_zone,
    };
    Ok(GroupPage {
        org_slug: o.slug,
        org_name: o.name,
        kind: kind.as_str().to_owned(),
        id: g.id,
        public_slug: g.slug,
        title: g.title,
        description: g.description,
        gatherings: g.gatherings.into_iter().map(line).collect(),
        candidates: g.candidates.into_iter().map(line).collect(),
    })
}
