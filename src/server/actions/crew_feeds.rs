//! Crew feeds: a member's private calendar of the run of show.

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use super::{Member, answer_refusal, get, member, read_post, render_with, unknown_action};
use crate::db::crew_feeds;
use crate::domain::access::Permission;
use crate::error::AppError;
use crate::forms::NewCrewFeed;
use crate::server::AppState;

/// `POST /manage/o/{org}/crew-feeds`: makes a crew feed (`action=create`, `label`) and
/// shows its address once, or revokes one (`action=revoke`, `id`). Any member may hold
/// crew feeds; owners may revoke anyone's.
pub async fn crew_feed_action(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    let (parts, values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let lang = crate::server::lang::negotiate(&parts.uri, &parts.headers);
    let m = match member(&state.db, &parts.headers, &org, Permission::ReadInternal).await {
        Ok(m) => m,
        Err(e) => return e.into_response_in(lang),
    };
    let now = chrono::Utc::now();
    match get(&values, "action") {
        "create" => match create(&state, &m, get(&values, "label"), now).await {
            Ok((label, token)) => {
                let fresh = NewCrewFeed {
                    label,
                    url: format!(
                        "{}/crew/{token}/calendar.ics",
                        crate::config::site().origin()
                    ),
                };
                render_with(&state, parts, StatusCode::CREATED, move || {
                    provide_context(fresh.clone())
                })
                .await
            }
            Err(e) => answer_refusal(&state, parts, values, e).await,
        },
        "revoke" => {
            let Ok(id) = get(&values, "id").parse::<i32>() else {
                return AppError::NotFound.into_response_in(lang);
            };
            match revoke(&state, &m, id, now).await {
                Ok(()) => {
                    Redirect::to(&format!("/manage/o/{}/crew-feeds", m.org.slug)).into_response()
                }
                Err(e) => e.into_response_in(lang),
            }
        }
        _ => unknown_action().into_response_in(lang),
    }
}

/// Makes a crew feed; its label and the token of its address (shown once).
async fn create(
    state: &AppState,
    m: &Member,
    label: &str,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(String, String), AppError> {
    let txn = crate::db::begin_write(&state.db).await?;
    let (feed, token) = crew_feeds::create(&txn, m.org.id, m.user.id, label, now).await?;
    m.commit(txn, "crew_feed.create", &feed.id.to_string(), &feed.label)
        .await?;
    Ok((feed.label, token))
}

/// Revokes one of the member's crew feeds (anyone's, for owners).
async fn revoke(
    state: &AppState,
    m: &Member,
    id: i32,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    let any_member = m.role.allows(Permission::ManageMembers);
    let txn = crate::db::begin_write(&state.db).await?;
    let feed = crew_feeds::revoke(&txn, m.org.id, id, m.user.id, any_member, now).await?;
    m.commit(txn, "crew_feed.revoke", &feed.id.to_string(), &feed.label)
        .await
}
