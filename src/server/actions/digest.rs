//! The monthly digest's form.

use axum::extract::{Path, Request, State};
use axum::response::Response;

use super::{get, handle, member};
use crate::db::digest::{self, DigestForm};
use crate::domain::access::Permission;
use crate::domain::digest::Month;
use crate::error::AppError;
use crate::server::AppState;

/// `POST /manage/o/{org}/digest/{month}`: saves a month's digest (number, editorial note,
/// published).
pub async fn digest_action(
    State(state): State<AppState>,
    Path((org, month)): Path<(String, String)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::Plan).await?;
        let now = m.now;
        let month = Month::parse(&month).map_err(|_| AppError::NotFound)?;
        let form = DigestForm {
            number: get(&v, "number").into(),
            editorial_note: get(&v, "editorial_note").into(),
            published: get(&v, "published").into(),
        };
        digest::save(&state.db, m.org.id, m.user.id, month, &form, now).await?;
        Ok(format!("/manage/o/{}/digest/{}", m.org.slug, month.key()))
    })
    .await
}
