//! Deleting a gathering (the page that asks to confirm) and "Recently deleted" (owners).

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::GatheringStatus;
use crate::error::AppError;

/// The page that asks before a gathering is deleted: what goes with it, or why it
/// cannot go yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeletionPage {
    pub org_slug: String,
    pub org_name: String,
    pub slug: String,
    pub title: String,
    pub status: GatheringStatus,
    /// The version the confirmation is made from.
    pub version: i32,
    pub segments: u64,
    pub appearances: u64,
    pub statements: u64,
    pub translations: u64,
    pub campaign: Option<String>,
    pub series: Option<String>,
    pub can: Can,
    /// How many days a deleted gathering can be recovered.
    pub keep_days: i64,
}

/// Whether the gathering can be deleted now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Can {
    Now,
    CancelFirst,
    /// From this day (UTC).
    From(NaiveDate),
}

/// The deletion page of gathering `slug` (organisers and owners).
#[server]
pub async fn load_deletion(org: String, slug: String) -> Result<DeletionPage, AppError> {
    use crate::db::{planning, queries};
    use crate::domain::access::Permission;
    use crate::domain::deletion::{Deletion, KEEP_DAYS, deletion};
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::Delete).await?;
    let g = queries::gathering_by_slug(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let what = planning::what_goes(&db, &g).await?;
    let can = match deletion(g.status, g.cancelled_at, chrono::Utc::now()) {
        Deletion::Now => Can::Now,
        Deletion::CancelFirst => Can::CancelFirst,
        Deletion::From(at) => Can::From(at.date_naive()),
    };
    Ok(DeletionPage {
        org_slug: o.slug,
        org_name: o.name,
        slug: g.slug,
        title: g.title,
        status: g.status,
        version: g.version,
        segments: what.segments,
        appearances: what.appearances,
        statements: what.statements,
        translations: what.translations,
        campaign: what.campaign,
        series: what.series,
        can,
        keep_days: KEEP_DAYS,
    })
}

/// The organisation's recently deleted gatherings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecentlyDeleted {
    pub org_slug: String,
    pub org_name: String,
    pub items: Vec<DeletedLine>,
}

/// One deleted gathering that can still be recovered.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeletedLine {
    pub id: i32,
    pub title: String,
    pub slug: String,
    /// Its day, in its own time zone.
    pub day: NaiveDate,
    pub deleted_on: NaiveDate,
    /// Who deleted it; empty when the account is gone.
    pub by: String,
    /// The day it is gone for good.
    pub purged_on: NaiveDate,
}

/// "Recently deleted" of organisation `org` (owners only).
#[server]
pub async fn load_recently_deleted(org: String) -> Result<RecentlyDeleted, AppError> {
    use crate::domain::access::Permission;
    use crate::domain::deletion::purged_at;
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::ManageMembers).await?;
    let items = crate::db::planning::recently_deleted(&db, o.id)
        .await?
        .into_iter()
        .filter_map(|d| {
            let at = d.gathering.deleted_at?;
            Some(DeletedLine {
                id: d.gathering.id,
                title: d.gathering.title,
                slug: d.gathering.slug,
                day: d.gathering.starts_local.date(),
                deleted_on: at.date_naive(),
                by: d.by,
                purged_on: purged_at(at).date_naive(),
            })
        })
        .collect();
    Ok(RecentlyDeleted {
        org_slug: o.slug,
        org_name: o.name,
        items,
    })
}
