//! An organisation's settings page: what it is, and its whole export to download.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub org_slug: String,
    pub org_name: String,
    pub default_language: String,
    pub public_description: String,
    pub contact_email: String,
    /// Whether the visitor may change the settings (owners).
    pub can_edit: bool,
    pub venues: u64,
    pub people: u64,
    pub films: u64,
    pub gatherings: u64,
}

/// The settings of an organisation (organisers and owners: it offers the export).
#[server]
pub async fn load_settings(org: String) -> Result<Settings, AppError> {
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, role) = super::workspace::ssr::member(&db, &org, Permission::Export).await?;
    let [venues, people, films, gatherings] =
        crate::db::queries::organisation_counts(&db, o.id).await?;
    Ok(Settings {
        org_slug: o.slug,
        org_name: o.name,
        default_language: o.default_language,
        public_description: o.public_description,
        contact_email: o.contact_email,
        can_edit: role.allows(Permission::ManageMembers),
        venues,
        people,
        films,
        gatherings,
    })
}
