//! A member's own account: change the password, sign out everywhere, or set a new one
//! with a reset link from an owner.

use axum::extract::{Path, Request, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};

use super::{answer_refusal_hiding, get, read_post, unknown_action};
use crate::db::auth;
use crate::error::AppError;
use crate::server::AppState;

/// `POST /manage/account`: `action=password` (current, new and again; other browsers are
/// signed out) or `action=sign-out-everywhere` (this browser too). Refused forms come
/// back without the passwords.
pub async fn account_action(State(state): State<AppState>, request: Request) -> Response {
    let (parts, values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let token = crate::session::session_token(&parts.headers).unwrap_or_default();
    let outcome = async {
        let user = crate::session::current_user(&state.db, &parts.headers)
            .await?
            .ok_or(AppError::SignInRequired)?;
        let now = chrono::Utc::now();
        match get(&values, "action") {
            "password" => {
                auth::change_password(
                    &state.db,
                    &user,
                    &token,
                    get(&values, "current_password"),
                    get(&values, "new_password"),
                    get(&values, "new_password_again"),
                    now,
                )
                .await?;
                Ok(Redirect::to("/manage/account?done=password").into_response())
            }
            "sign-out-everywhere" => {
                auth::sign_out_everywhere(&state.db, user.id, now).await?;
                let mut response = Redirect::to("/sign-in").into_response();
                response
                    .headers_mut()
                    .append(header::SET_COOKIE, crate::server::auth::cookie("", 0));
                Ok(response)
            }
            _ => Err(unknown_action()),
        }
    }
    .await;
    match outcome {
        Ok(response) => response,
        Err(e) => {
            let secrets = ["current_password", "new_password", "new_password_again"];
            answer_refusal_hiding(&state, parts, values, e, &secrets).await
        }
    }
}

/// `POST /reset/{token}`: sets a new password with an owner's reset link (typed twice),
/// ends every session of the account and signs this browser in. A refusal shows the page
/// again without the passwords.
pub async fn use_reset_link(
    State(state): State<AppState>,
    Path(token): Path<String>,
    peer: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    request: Request,
) -> Response {
    let (parts, values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let password = get(&values, "password").to_owned();
    let outcome = crate::db::password_reset::use_link(
        &state.db,
        &token,
        &password,
        get(&values, "password_again"),
        chrono::Utc::now(),
    )
    .await;
    match outcome {
        Ok(user) => {
            let address = crate::server::auth::client_address(peer.as_ref(), &parts.headers);
            crate::server::auth::signed_in_response(
                &state.db,
                &user.email,
                &password,
                &address,
                "/manage",
            )
            .await
        }
        Err(e) => {
            answer_refusal_hiding(&state, parts, values, e, &["password", "password_again"]).await
        }
    }
}
