//! `/manage/o/{org}/export.json`: the organisation's export document, for organisers and
//! owners to keep or to load elsewhere with `convene import`.

use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};

use super::AppState;
use super::actions::member;
use crate::db::{auth, export};
use crate::domain::access::Permission;
use crate::error::AppError;

pub async fn download(
    State(state): State<AppState>,
    Path(org): Path<String>,
    headers: HeaderMap,
) -> Response {
    let lang = super::lang::negotiate_headers(&headers);
    document(&state, &org, &headers)
        .await
        .unwrap_or_else(|e| e.into_response_in(lang))
}

async fn document(state: &AppState, org: &str, headers: &HeaderMap) -> Result<Response, AppError> {
    let m = member(&state.db, headers, org, Permission::Export).await?;
    let document = export::export(&state.db, &m.org.slug).await?;
    let body = serde_json::to_vec_pretty(&document).map_err(|e| AppError::internal("export", e))?;
    auth::audit(
        &state.db,
        Some(m.org.id),
        Some(m.user.id),
        "organisation.export",
        &m.org.name,
        "",
        m.now,
    )
    .await?;
    let file = format!(
        "attachment; filename=\"{}-{}.json\"",
        m.org.slug,
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
    Ok(response)
}
