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
