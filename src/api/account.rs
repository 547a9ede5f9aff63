//! A member's own account: who they are signed in as, on how many browsers.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    pub name: String,
    pub email: String,
    /// Browsers signed in, this one included.
    pub sessions: u64,
}

/// The signed-in member's account.
#[server]
pub async fn load_account() -> Result<Account, AppError> {
    let db = super::db()?;
    let user = super::workspace::ssr::user(&db).await?;
    let sessions = crate::db::auth::open_sessions(&db, user.id, chrono::Utc::now()).await?;
    Ok(Account {
        name: user.display_name,
        email: user.email,
        sessions,
    })
}

/// What a password-reset link leads to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ResetLink {
    /// It works: for this account (name, e-mail), made in this organisation.
    Open {
        name: String,
        email: String,
        org_name: String,
    },
    /// Used, replaced by a newer link, withdrawn or expired.
    Gone,
}

/// The password-reset link of `token`; not found for a link that never existed.
#[server]
pub async fn load_reset_link(token: String) -> Result<ResetLink, AppError> {
    use crate::db::members::Unusable;
    let db = super::db()?;
    match crate::db::password_reset::open(&db, &token, chrono::Utc::now()).await? {
        Ok(opened) => Ok(ResetLink::Open {
            name: opened.user.display_name,
            email: opened.user.email,
            org_name: opened.organisation.name,
        }),
        Err(Unusable::Unknown) => Err(AppError::NotFound),
        Err(_) => Ok(ResetLink::Gone),
    }
}
