//! Who belongs to an organisation, and invitations into it: the members page (owners)
//! and the page an invitation link opens (anyone holding the link).

use chrono::{DateTime, Utc};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::MemberRole;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: i32,
    pub name: String,
    pub email: String,
    pub role: MemberRole,
    pub since: DateTime<Utc>,
    /// The signed-in owner's own row.
    pub me: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: i32,
    pub email: String,
    pub role: MemberRole,
    pub expires_at: DateTime<Utc>,
}

/// The members page of one organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MembersPage {
    pub org_slug: String,
    pub org_name: String,
    pub members: Vec<MemberView>,
    pub invitations: Vec<PendingInvitation>,
}

/// The members and open invitations of an organisation (owners only).
#[server]
pub async fn load_members(org: String) -> Result<MembersPage, AppError> {
    use crate::domain::access::Permission;
    let db = super::db()?;
    let me = super::workspace::ssr::user(&db).await?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::ManageMembers).await?;
    let members = crate::db::members::members(&db, o.id)
        .await?
        .into_iter()
        .map(|m| MemberView {
            me: m.user_id == me.id,
            user_id: m.user_id,
            name: m.name,
            email: m.email,
            role: m.role,
            since: m.since,
        })
        .collect();
    let invitations = crate::db::members::pending_invitations(&db, o.id, Utc::now())
        .await?
        .into_iter()
        .map(|i| PendingInvitation {
            id: i.id,
            role: i.role,
            email: i.email,
            expires_at: i.expires_at,
        })
        .collect();
    Ok(MembersPage {
        org_slug: o.slug,
        org_name: o.name,
        members,
        invitations,
    })
}

/// What an invitation link offers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InvitationPage {
    pub org_name: String,
    pub org_slug: String,
    pub role: MemberRole,
    pub email: String,
    pub invited_by: Option<String>,
    pub expires_at: DateTime<Utc>,
    /// The display name of the account signed in on this browser, if any.
    pub signed_in_as: Option<String>,
}

/// What an invitation link leads to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum InvitationLink {
    Open(InvitationPage),
    Used,
    Revoked,
    Expired,
}

/// The invitation of a link; not found for a link that never existed.
#[server]
pub async fn load_invitation(token: String) -> Result<InvitationLink, AppError> {
    use crate::db::members::Unusable;
    let db = super::db()?;
    let opened = match crate::db::members::open(&db, &token, Utc::now()).await? {
        Ok(opened) => opened,
        Err(Unusable::Unknown) => return Err(AppError::NotFound),
        Err(Unusable::Used) => return Ok(InvitationLink::Used),
        Err(Unusable::Revoked) => return Ok(InvitationLink::Revoked),
        Err(Unusable::Expired) => return Ok(InvitationLink::Expired),
    };
    let signed_in_as = super::workspace::ssr::user(&db)
        .await
        .ok()
        .map(|u| u.display_name);
    let i = opened.invitation;
    Ok(InvitationLink::Open(InvitationPage {
        org_name: opened.organisation.name,
        org_slug: opened.organisation.slug,
        role: i.role,
        email: i.email,
        invited_by: opened.invited_by,
        expires_at: i.expires_at,
        signed_in_as,
    }))
}

/// A link just made on the members page, shown once: an invitation, or a member's
/// password-reset link.
#[derive(Debug, Clone, PartialEq)]
pub struct NewLink {
    pub email: String,
    pub url: String,
    pub reset: bool,
}
