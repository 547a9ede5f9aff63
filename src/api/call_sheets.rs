//! Per-person call sheets of a gathering (members only): when and where each person is
//! needed, their parts, who introduces and who interprets them, in the venue's zone and
//! in their own.

use leptos::prelude::*;

use crate::error::AppError;
use crate::responses::call_sheets::CallSheets;

/// The call sheets of a gathering, for any member of its organisation.
#[server]
pub async fn load_call_sheets(
    org: String,
    slug: String,
    lang: String,
) -> Result<CallSheets, AppError> {
    use crate::db::queries;
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::ReadInternal).await?;
    let bundle = queries::gathering_bundle(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::responses::call_sheets::call_sheets_view(&o, &bundle, &lang)
}
