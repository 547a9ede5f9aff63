//! Organiser forms as plain HTML posts, so every action works without JavaScript.
//!
//! A post is checked on the server (same-origin, session, role, the domain's rules). On
//! success it redirects (303) to the page that shows the result; on a refusal the same
//! page is rendered again with what was typed and the message beside its field, with a
//! 4xx status: nothing typed is lost.
//!
//! One file per area. Every handler starts from [`member`] (who is acting, in which
//! organisation, allowed to do what) and saves a change with its audit entry through
//! [`Member::commit`], in one transaction.

mod account;
mod agenda;
mod crew_feeds;
mod digest;
mod directory;
mod gathering;
mod groups;
mod issued;
mod members;
mod settings;

pub use account::{account_action, use_reset_link};
pub use agenda::agenda_action;
pub use crew_feeds::crew_feed_action;
pub use digest::digest_action;
pub use directory::{directory_action, directory_item_action};
pub use gathering::{create_gathering, delete_gathering, deleted_action, edit_gathering};
pub use groups::group_action;
pub use issued::{create_issued, issued_action};
pub use members::{accept_invitation, members_action};
pub use settings::{create_organisation, settings_action};

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::Request;
use axum::http::request::Parts;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Utc};
use leptos::prelude::provide_context;
use sea_orm::{DatabaseConnection, DatabaseTransaction};

use super::AppState;
use crate::app::shell;
use crate::db::auth;
use crate::db::entities::{app_user, organisation};
use crate::domain::access::Permission;
use crate::domain::{MemberRole, say};
use crate::error::AppError;
use crate::forms::FormEcho;

/// Largest form body accepted (a long description fits easily).
const MAX_FORM_BYTES: usize = 256 * 1024;

/// The fields of a form post.
pub(crate) type Fields = HashMap<String, String>;

/// Who is acting: a signed-in member of the organisation, with their role.
pub(crate) struct Member {
    pub user: app_user::Model,
    pub org: organisation::Model,
    pub role: MemberRole,
    /// The moment of the request: every stamp of the change it makes.
    pub now: DateTime<Utc>,
}

/// The signed-in member of organisation `org` whose role allows `p`
/// ([`auth::member_of`]); forms, live views and exports ask here.
pub(crate) async fn member(
    db: &DatabaseConnection,
    headers: &HeaderMap,
    org: &str,
    p: Permission,
) -> Result<Member, AppError> {
    let user = crate::session::current_user(db, headers)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let (org, role) = auth::member_of(db, user.id, org, p).await?;
    Ok(Member {
        user,
        org,
        role,
        now: Utc::now(),
    })
}

impl Member {
    /// Records `action` on `subject` in the audit log inside the change's transaction and
    /// commits both: no change is saved without its entry, and no entry without its change.
    pub(crate) async fn commit(
        &self,
        txn: DatabaseTransaction,
        action: &str,
        subject: &str,
        detail: &str,
    ) -> Result<(), AppError> {
        auth::audit(
            &txn,
            Some(self.org.id),
            Some(self.user.id),
            action,
            subject,
            detail,
            self.now,
        )
        .await?;
        txn.commit().await?;
        Ok(())
    }
}

async fn read_form(body: Body) -> Result<Fields, AppError> {
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| AppError::Validation {
            field: "form".into(),
            message: say!("refusal-form-too-large"),
        })?;
    Ok(form_urlencoded::parse(&bytes).into_owned().collect())
}

/// Renders the page at the request's path, with extra context for it.
pub(crate) async fn render_with(
    state: &AppState,
    mut parts: Parts,
    status: StatusCode,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    parts.method = Method::GET;
    let db = state.db.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(db.clone());
            context();
        },
        move || shell(options.clone()),
    );
    let uri = parts.uri.clone();
    let lang = super::lang::negotiate(&parts.uri, &parts.headers);
    let mut response = super::published::in_time(&uri, lang, || {
        let request = Request::from_parts(parts.clone(), Body::empty());
        let render = handler.clone();
        async move { render(request).await.into_response() }
    })
    .await;
    *response.status_mut() = status;
    response
}

/// A field of the form, empty when absent.
pub(crate) fn get<'a>(values: &'a Fields, key: &str) -> &'a str {
    values.get(key).map_or("", String::as_str)
}

/// The version of the gathering the form was opened with.
pub(crate) fn version(v: &Fields) -> Option<i32> {
    get(v, "version").parse().ok()
}

/// The refusal of a form whose `action` names nothing this address does.
pub(crate) fn unknown_action() -> AppError {
    AppError::Validation {
        field: "action".into(),
        message: say!("refusal-unknown-action"),
    }
}

/// A form post's request parts and fields, once it is known to come from this site;
/// otherwise the response that refuses it.
pub(crate) async fn read_post(request: Request) -> Result<(Parts, Fields), Response> {
    let (parts, body) = request.into_parts();
    if !super::auth::same_origin(&parts.headers) {
        let lang = super::lang::negotiate(&parts.uri, &parts.headers);
        let refusal = say!("refusal-cross-site");
        return Err(super::lang::refuse(StatusCode::FORBIDDEN, lang, &refusal));
    }
    let values = read_form(body)
        .await
        .map_err(|e| e.into_response_in(super::lang::negotiate(&parts.uri, &parts.headers)))?;
    Ok((parts, values))
}

/// Answers a refused form: the same page again with what was typed and the message for
/// a validation or conflict; a plain error page otherwise.
pub(crate) async fn answer_refusal(
    state: &AppState,
    parts: Parts,
    values: Fields,
    e: AppError,
) -> Response {
    let lang = super::lang::negotiate(&parts.uri, &parts.headers);
    let (status, field, message) = match e {
        AppError::Validation { field, message } => {
            (StatusCode::UNPROCESSABLE_ENTITY, field, message)
        }
        AppError::Conflict(message) => (StatusCode::CONFLICT, "form".into(), message),
        other => return other.into_response_in(lang),
    };
    let echo = FormEcho {
        values,
        field: Some(field),
        message: Some(lang.say(&message)),
    };
    render_with(state, parts, status, move || provide_context(echo.clone())).await
}

/// [`answer_refusal`] for a form with secrets in it: the fields `secrets` (passwords) are
/// never typed back into the page.
pub(crate) async fn answer_refusal_hiding(
    state: &AppState,
    parts: Parts,
    mut values: Fields,
    e: AppError,
    secrets: &[&str],
) -> Response {
    for secret in secrets {
        values.remove(*secret);
    }
    answer_refusal(state, parts, values, e).await
}

/// Runs a form action that answers with the address to go to next; a refusal renders
/// the page again.
async fn handle<F, Fut>(state: AppState, request: Request, action: F) -> Response
where
    F: FnOnce(AppState, HeaderMap, Fields) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    let (parts, values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    match action(state.clone(), parts.headers.clone(), values.clone()).await {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(e) => answer_refusal(&state, parts, values, e).await,
    }
}
