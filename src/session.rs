//! The session of a request: the cookie that carries it and the account signed in.
//! Read alike by server functions and by the axum handlers of forms and feeds.

use axum::http::{HeaderMap, header};
use chrono::Utc;
use sea_orm::DatabaseConnection;

use crate::config::Site;
use crate::db::auth;
use crate::db::entities::app_user;
use crate::error::AppError;

/// The cookie that holds the session token; on an https site `__Host-` prefixed, so that
/// browsers take it only from this very host, over https, for the whole site.
pub fn session_cookie(site: &Site) -> &'static str {
    if site.https() {
        "__Host-convene_session"
    } else {
        "convene_session"
    }
}

/// The session token sent with a request, if any.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    token_of(crate::config::site(), headers)
}

pub(crate) fn token_of(site: &Site, headers: &HeaderMap) -> Option<String> {
    let name = session_cookie(site);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
        .filter(|v| v.len() == 64 && v.chars().all(|c| c.is_ascii_hexdigit()))
}

/// The signed-in user of a request.
pub async fn current_user(
    db: &DatabaseConnection,
    headers: &HeaderMap,
) -> Result<Option<app_user::Model>, AppError> {
    match session_token(headers) {
        Some(token) => auth::session_user(db, &token, Utc::now()).await,
        None => Ok(None),
    }
}
