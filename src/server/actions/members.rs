//! Members and invitations: owners invite, change roles, remove and make password-reset
//! links; an invited person joins.

use axum::extract::{Path, Request, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use super::{
    Member, answer_refusal, answer_refusal_hiding, get, member, read_post, render_with,
    unknown_action,
};
use crate::domain::access::Permission;
use crate::error::AppError;
use crate::server::AppState;

/// `POST /manage/o/{org}/members` (owners): invites someone by a one-time link, changes
/// a member's role, removes a member, withdraws an invitation, or makes a member a
/// password-reset link. A new link is shown once, on the page answered to the post
/// (only its hash is stored).
pub async fn members_action(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    use crate::api::members::NewLink;
    use crate::db::members;
    let (parts, values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let v = &values;
    let outcome: Result<Option<NewLink>, AppError> = async {
        let Member { user, org: o, .. } =
            member(&state.db, &parts.headers, &org, Permission::ManageMembers).await?;
        let id = |k: &str| get(v, k).parse::<i32>().map_err(|_| AppError::NotFound);
        let now = chrono::Utc::now();
        match get(v, "action") {
            "invite" => {
                let (i, token) = members::invite(
                    &state.db,
                    o.id,
                    user.id,
                    get(v, "email"),
                    get(v, "role"),
                    now,
                )
                .await?;
                Ok(Some(NewLink {
                    email: i.email,
                    url: format!("{}/invite/{token}", crate::config::site().origin()),
                    reset: false,
                }))
            }
            "reset" => {
                let (email, token) =
                    crate::db::password_reset::issue(&state.db, o.id, user.id, id("member")?, now)
                        .await?;
                Ok(Some(NewLink {
                    email,
                    url: format!("{}/reset/{token}", crate::config::site().origin()),
                    reset: true,
                }))
            }
            "role" => {
                members::change_role(&state.db, o.id, user.id, id("member")?, get(v, "role"), now)
                    .await
                    .map(|()| None)
            }
            "remove" => members::remove(&state.db, o.id, user.id, id("member")?, now)
                .await
                .map(|()| None),
            "revoke" => members::revoke(&state.db, o.id, user.id, id("invitation")?, now)
                .await
                .map(|()| None),
            _ => Err(unknown_action()),
        }
    }
    .await;
    match outcome {
        Ok(Some(link)) => {
            let mut response = render_with(&state, parts, StatusCode::OK, move || {
                provide_context(link.clone());
            })
            .await;
            // The link is a secret for one person: no cache keeps this page.
            response.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            );
            response
        }
        Ok(None) => Redirect::to(&format!("/manage/o/{org}/members")).into_response(),
        Err(e) => answer_refusal(&state, parts, values, e).await,
    }
}

/// `POST /invite/{token}`: accepts an invitation, signed in (`action=join`) or by making
/// an account (`action=create`, then signed in). A refusal shows the page again without
/// the passwords.
pub async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    peer: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    request: Request,
) -> Response {
    use crate::db::members::{self, NewAccount};
    let (parts, values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let field = |k: &str| get(&values, k).to_owned();
    let now = chrono::Utc::now();
    let outcome = match field("action").as_str() {
        "join" => match crate::session::current_user(&state.db, &parts.headers).await {
            Ok(Some(user)) => members::accept(&state.db, &token, Some(&user), None, now)
                .await
                .map(|(_, o)| (o, None)),
            Ok(None) => Err(AppError::SignInRequired),
            Err(e) => Err(e),
        },
        "create" => {
            let account = NewAccount {
                display_name: field("display_name"),
                email: field("email"),
                password: field("password"),
                password_again: field("password_again"),
            };
            members::accept(&state.db, &token, None, Some(&account), now)
                .await
                .map(|(user, o)| (o, Some((user, account.password))))
        }
        _ => Err(unknown_action()),
    };
    match outcome {
        Ok((o, None)) => Redirect::to(&format!("/manage#org-{}", o.slug)).into_response(),
        Ok((o, Some((user, password)))) => {
            let address = crate::server::auth::client_address(peer.as_ref(), &parts.headers);
            crate::server::auth::signed_in_response(
                &state.db,
                &user.email,
                &password,
                &address,
                &format!("/manage#org-{}", o.slug),
            )
            .await
        }
        Err(e) => {
            answer_refusal_hiding(&state, parts, values, e, &["password", "password_again"]).await
        }
    }
}
