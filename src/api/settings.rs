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
    /// The languages the texts are offered in beyond the default one.
    pub offered: Vec<crate::domain::content::ContentLanguage>,
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
        offered: o.offered_languages(),
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

/// The page that makes another organisation: for owners of one (the answer says nothing
/// more than that the visitor may).
#[server]
pub async fn load_new_organisation() -> Result<bool, AppError> {
    let db = super::db()?;
    let user = super::workspace::ssr::user(&db).await?;
    ssr::owns_one(&db, user.id).await?;
    Ok(true)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::domain::MemberRole;
    use crate::error::AppError;

    /// Refuses an account that owns no organisation.
    pub async fn owns_one(
        db: &impl sea_orm::ConnectionTrait,
        user_id: i32,
    ) -> Result<(), AppError> {
        let owns = crate::db::auth::memberships(db, user_id)
            .await?
            .iter()
            .any(|(_, role)| *role == MemberRole::Owner);
        if owns {
            Ok(())
        } else {
            Err(AppError::Forbidden)
        }
    }
}
