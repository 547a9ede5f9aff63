//! `/manage/o/{org}/export.json`: the organisation's export document, for organisers and
//! owners to keep or to load elsewhere with `convene import`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::forms::{error_page, member};
use crate::db::{auth, export};
use crate::domain::access::Permission;

pub async fn download(
    State(state): State<AppState>,
    Path(org): Path<String>,
    headers: HeaderMap,
) -> Response {
    let (user, o, _) = match member(&state, &headers, &org, Permission::Export).await {
        Ok(m) => m,
        Err(e) => return error_page(e),
    };
    let document = match export::export(&state.db, &o.slug).await {
        Ok(d) => d,
        Err(e) => return error_page(e),
    };
    let body = match serde_json::to_vec_pretty(&document) {
        Ok(b) => b,
        Err(e) => {
            return error_page(crate::error::AppError::internal("export", e));
        }
    };
    if let Err(e) = auth::audit(
        &state.db,
        Some(o.id),
        Some(user.id),
        "organisation.export",
        &o.name,
        "",
    )
    .await
    {
        return error_page(e);
    }
    let file = format!(
        "attachment; filename=\"{}-{}.json\"",
        o.slug,
        chrono::Utc::now().format("%Y-%m-%d")
    );
    let mut response = (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, no-store"),
            ),
        ],
        body,
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&file) {
        response
            .headers_mut()
            .insert(header::CONTENT_DISPOSITION, value);
    }
    response
}
