//! The one-time setup page: open while no account exists, gone once one does.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The organisations already here (the demo, an import) that the first owner may take.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetupChoices {
    /// `(slug, name)`.
    pub organisations: Vec<(String, String)>,
}

/// What the setup page offers; not found once any account exists.
#[server]
pub async fn load_setup() -> Result<SetupChoices, AppError> {
    let db = super::db()?;
    if !crate::db::auth::setup_open(&db).await? {
        return Err(AppError::NotFound);
    }
    let organisations = crate::db::queries::organisations(&db)
        .await?
        .into_iter()
        .map(|o| (o.slug, o.name))
        .collect();
    Ok(SetupChoices { organisations })
}
