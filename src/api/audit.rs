//! The audit log of an organisation, for its owners: who changed what, and when.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// How many of the newest entries the page shows.
pub const AUDIT_PAGE_SIZE: u64 = 200;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLog {
    pub org_slug: String,
    pub org_name: String,
    pub entries: Vec<AuditLine>,
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AuditLine {
    /// When, in UTC.
    pub at: NaiveDateTime,
    /// Who (their display name), empty when the account is gone.
    pub who: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
}

/// The newest entries of the organisation's audit log (owners only).
#[server]
pub async fn load_audit(org: String) -> Result<AuditLog, AppError> {
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::ManageMembers).await?;
    let entries = crate::db::auth::audit_log_named(&db, o.id, AUDIT_PAGE_SIZE)
        .await?
        .into_iter()
        .map(|(e, who)| AuditLine {
            at: e.at.naive_utc(),
            who,
            action: e.action,
            subject: e.subject,
            detail: e.detail,
        })
        .collect();
    Ok(AuditLog {
        org_slug: o.slug,
        org_name: o.name,
        entries,
    })
}
