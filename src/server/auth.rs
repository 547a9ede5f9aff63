//! Sign-in and sign-out as plain form posts (they work without JavaScript), the session
//! cookie, and the check that a form was sent from this site.

use std::net::SocketAddr;

use axum::Form;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use crate::config::Site;
use crate::db::auth::{self, SESSION_DAYS, SignInRefusal};
use crate::domain::say;
use crate::error::AppError;

use crate::session::{session_cookie, session_token, token_of};

/// Whether a state-changing request comes from this site ([`from_site`]).
pub fn same_origin(headers: &HeaderMap) -> bool {
    from_site(crate::config::site(), headers)
}

/// Whether a post comes from a page of `site`. Browsers send `Origin` with every form
/// post, and `Sec-Fetch-Site`: the origin must be the site's own (never compared with the
/// request's `Host`, which the sender writes), and a post a browser marks `cross-site` is
/// refused. A signed-in post carrying neither is refused too; old clients without a
/// session (signing in) are still protected by SameSite cookies.
pub fn from_site(site: &Site, headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    if text("sec-fetch-site") == Some("cross-site") {
        return false;
    }
    match text(header::ORIGIN.as_str()) {
        Some(origin) => site.accepts_origin(origin),
        None => text("sec-fetch-site").is_some() || token_of(site, headers).is_none(),
    }
}

pub(crate) fn cookie(value: &str, max_age: i64) -> HeaderValue {
    let site = crate::config::site();
    let secure = if site.https() { "; Secure" } else { "" };
    HeaderValue::from_str(&format!(
        "{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}",
        session_cookie(site)
    ))
    .unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// Where to go after signing in: a path on this site, else the workspace. Browsers drop
/// tabs and line breaks from an address before reading it (`/\t/evil.example` becomes
/// `//evil.example`, another site), so an address with any control character or space
/// is refused, as is anything that is not a plain path.
fn safe_next(next: Option<&str>) -> String {
    let home = || "/manage".to_owned();
    let Some(n) = next else {
        return home();
    };
    let plain = n.chars().all(|c| !c.is_control() && !c.is_whitespace());
    let local = n.starts_with('/') && !n.starts_with("//") && !n.contains('\\');
    if plain && local && n.parse::<http::uri::PathAndQuery>().is_ok() {
        n.to_owned()
    } else {
        home()
    }
}

/// The proxies named in `CONVENE_TRUSTED_PROXIES` (comma-separated IP addresses), read once.
static TRUSTED_PROXIES: std::sync::LazyLock<Vec<std::net::IpAddr>> =
    std::sync::LazyLock::new(|| {
        trusted_proxies(&std::env::var("CONVENE_TRUSTED_PROXIES").unwrap_or_default())
    });

fn trusted_proxies(list: &str) -> Vec<std::net::IpAddr> {
    list.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .filter_map(|p| match p.parse() {
            Ok(ip) => Some(ip),
            Err(_) => {
                tracing::warn!(
                    proxy = p,
                    "CONVENE_TRUSTED_PROXIES: not an IP address, ignored"
                );
                None
            }
        })
        .collect()
}

/// The address of the client a request comes from, as guessing limits count it: the
/// connection's peer, unless that peer is a proxy the operator trusts; then the last
/// address in `X-Forwarded-For` that is not one of those proxies (the ones before it
/// are the client's to write).
pub(crate) fn client_address(
    peer: Option<&axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: &HeaderMap,
) -> String {
    let Some(axum::Extension(ConnectInfo(peer))) = peer else {
        return "unknown".to_owned();
    };
    forwarded_client(peer.ip(), headers, &TRUSTED_PROXIES).to_string()
}

fn forwarded_client(
    peer: std::net::IpAddr,
    headers: &HeaderMap,
    trusted: &[std::net::IpAddr],
) -> std::net::IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let hops: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    for hop in hops.into_iter().rev() {
        match hop.trim().parse::<std::net::IpAddr>() {
            Ok(ip) if trusted.contains(&ip) => continue,
            Ok(ip) => return ip,
            // Not written by a proxy we trust: count the request as the proxy's.
            Err(_) => return peer,
        }
    }
    peer
}

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub password: String,
    pub next: Option<String>,
}

/// `POST /sign-in`.
pub async fn sign_in(
    State(db): State<DatabaseConnection>,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Response {
    if !same_origin(&headers) {
        return Redirect::to("/sign-in?error=origin").into_response();
    }
    let address = client_address(peer.as_ref(), &headers);
    let next = safe_next(form.next.as_deref());
    let back = |error: &str, wait: Option<chrono::Duration>| {
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.append_pair("error", error);
        if let Some(wait) = wait {
            // Whole minutes, rounded up: the page says when to try again.
            let minutes = (wait.num_seconds() + 59) / 60;
            query.append_pair("wait", &minutes.max(1).to_string());
        }
        query.append_pair("next", &next);
        Redirect::to(&format!("/sign-in?{}", query.finish())).into_response()
    };
    match auth::sign_in(&db, &form.email, &form.password, &address, Utc::now()).await {
        Ok(Ok(session)) => {
            let mut response = Redirect::to(&next).into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                cookie(&session.token, SESSION_DAYS * 86_400),
            );
            response
        }
        Ok(Err(SignInRefusal::Invalid)) => back("invalid", None),
        Ok(Err(SignInRefusal::TooMany(wait))) => back("too-many", Some(wait)),
        Err(_) => super::lang::refuse(
            StatusCode::INTERNAL_SERVER_ERROR,
            super::lang::negotiate_headers(&headers),
            &say!("refusal-try-again"),
        ),
    }
}

/// `POST /sign-out`.
pub async fn sign_out(State(db): State<DatabaseConnection>, headers: HeaderMap) -> Response {
    if !same_origin(&headers) {
        return super::lang::refuse(
            StatusCode::FORBIDDEN,
            super::lang::negotiate_headers(&headers),
            &say!("refusal-cross-site"),
        );
    }
    if let Some(token) = session_token(&headers) {
        let _ = auth::sign_out(&db, &token, Utc::now()).await;
    }
    let mut response = Redirect::to("/").into_response();
    response
        .headers_mut()
        .append(header::SET_COOKIE, cookie("", 0));
    response
}

/// Signs in an account just made and sends the browser on to `next` with its session
/// cookie; if that fails, to the sign-in page.
pub(crate) async fn signed_in_response(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    address: &str,
    next: &str,
) -> Response {
    match auth::sign_in(db, email, password, address, Utc::now()).await {
        Ok(Ok(session)) => {
            let mut response = Redirect::to(next).into_response();
            response.headers_mut().append(
                header::SET_COOKIE,
                cookie(&session.token, SESSION_DAYS * 86_400),
            );
            response
        }
        _ => {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("next", next)
                .finish();
            Redirect::to(&format!("/sign-in?{query}")).into_response()
        }
    }
}

/// The code that opens the one-time setup: `CONVENE_SETUP_TOKEN` when set (the same on
/// every instance behind a load balancer), otherwise a random one made at start and
/// printed in the server's log with the setup link. Only its digest is kept.
#[derive(Clone)]
pub struct SetupToken {
    digest: [u8; 32],
    shown: std::sync::Arc<str>,
}

impl SetupToken {
    pub fn new(token: &str) -> Self {
        use sha2::{Digest, Sha256};
        SetupToken {
            digest: Sha256::digest(token.as_bytes()).into(),
            shown: token.into(),
        }
    }

    pub fn from_env() -> Self {
        match std::env::var("CONVENE_SETUP_TOKEN") {
            Ok(t) if !t.trim().is_empty() => Self::new(t.trim()),
            _ => Self::new(&auth::new_token()[..32]),
        }
    }

    /// Whether `given` is the code (compared by digest, so the time taken says nothing).
    pub fn opens(&self, given: &str) -> bool {
        use sha2::{Digest, Sha256};
        let d: [u8; 32] = Sha256::digest(given.trim().as_bytes()).into();
        d == self.digest
    }

    /// The code itself, for the setup link in the server's log.
    pub fn reveal(&self) -> &str {
        &self.shown
    }
}

/// `POST /setup`: the one-time setup, while no account exists, for whoever has the
/// setup code from the server's log. Makes the first owner and
/// signs them in; a refusal shows the page again with the message beside its field
/// (passwords are never shown back).
pub async fn setup(
    State(state): State<super::AppState>,
    peer: Option<axum::Extension<ConnectInfo<SocketAddr>>>,
    request: axum::extract::Request,
) -> Response {
    let (parts, values) = match super::actions::read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let field = |k: &str| values.get(k).cloned().unwrap_or_default();
    let form = auth::SetupForm {
        display_name: field("display_name"),
        email: field("email"),
        password: field("password"),
        password_again: field("password_again"),
        organisation: field("organisation"),
        new_organisation: crate::db::organisation::NewOrganisation {
            name: field("org_name"),
            public_description: field("org_description"),
            default_language: field("org_language"),
            content_languages: field("org_content_languages"),
        },
    };
    let made = if state.setup.opens(&field("token")) {
        auth::first_owner(&state.db, &form, Utc::now()).await
    } else {
        // Once an account exists the page is gone, whatever code is sent.
        Err(match auth::setup_open(&state.db).await {
            Ok(true) => AppError::Validation {
                field: "token".into(),
                message: say!("refusal-setup-code"),
            },
            Ok(false) => AppError::NotFound,
            Err(e) => e,
        })
    };
    match made {
        Ok((user, _)) => {
            let address = client_address(peer.as_ref(), &parts.headers);
            signed_in_response(&state.db, &user.email, &form.password, &address, "/manage").await
        }
        Err(e) => {
            let secrets = ["password", "password_again"];
            super::actions::answer_refusal_hiding(&state, parts, values, e, &secrets).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_client_address_comes_from_x_forwarded_for_only_through_a_trusted_proxy() {
        let proxy: std::net::IpAddr = "10.0.0.2".parse().unwrap();
        let trusted = trusted_proxies(" 10.0.0.2, not-an-ip ,10.0.0.3");
        assert_eq!(trusted.len(), 2);
        let mut headers = HeaderMap::new();
        // The client wrote the first entry itself; the proxies appended the rest.
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("1.2.3.4, 198.51.100.9, 10.0.0.3"),
        );
        let client = |peer, trusted: &[std::net::IpAddr]| {
            forwarded_client(peer, &headers, trusted).to_string()
        };
        assert_eq!(client(proxy, &trusted), "198.51.100.9");
        assert_eq!(client(proxy, &[]), "10.0.0.2", "no proxy trusted: the peer");
        let stranger = "203.0.113.5".parse().unwrap();
        assert_eq!(
            client(stranger, &trusted),
            "203.0.113.5",
            "a header from anyone else is ignored"
        );
        headers.insert("x-forwarded-for", HeaderValue::from_static("garbage"));
        assert_eq!(
            forwarded_client(proxy, &headers, &trusted).to_string(),
            "10.0.0.2"
        );
    }

    #[test]
    fn only_local_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/manage/o/x")), "/manage/o/x");
        assert_eq!(safe_next(Some("//evil.example/")), "/manage");
        assert_eq!(safe_next(Some("https://evil.example/")), "/manage");
        assert_eq!(safe_next(Some("/\\evil.example")), "/manage");
        assert_eq!(safe_next(None), "/manage");
        // Tabs and line breaks that browsers drop, and other spaces and controls.
        for evil in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/\r\n/x",
            "/\u{3000}/x",
            "/\0x",
        ] {
            assert_eq!(safe_next(Some(evil)), "/manage", "{evil:?}");
        }
        // A percent-encoded tab stays a path on this site.
        assert_eq!(safe_next(Some("/%09/x")), "/%09/x");
        assert_eq!(safe_next(Some("/o/x?lang=fa")), "/o/x?lang=fa");
    }

    #[test]
    fn forms_from_other_sites_are_refused() {
        let site = Site::new(
            Some("https://convene.example"),
            "0.0.0.0:80".parse().unwrap(),
        )
        .unwrap();
        let post = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, HeaderValue::from_static(v));
            }
            from_site(&site, &h)
        };
        let signed_in = (
            "cookie",
            "__Host-convene_session=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        );
        assert!(post(&[("origin", "https://convene.example")]));
        assert!(post(&[
            ("origin", "https://convene.example"),
            ("sec-fetch-site", "same-origin")
        ]));
        // The forged Host does not make another origin this site's.
        assert!(!post(&[
            ("host", "evil.example"),
            ("origin", "https://evil.example")
        ]));
        assert!(
            !post(&[("origin", "http://convene.example")]),
            "not over http"
        );
        assert!(!post(&[("sec-fetch-site", "cross-site")]));
        assert!(!post(&[
            ("origin", "https://convene.example"),
            ("sec-fetch-site", "cross-site")
        ]));
        // Neither header: a client without a session may sign in; a session may not post.
        assert!(post(&[]));
        assert!(!post(&[signed_in]));
        assert!(post(&[("sec-fetch-site", "same-origin"), signed_in]));
    }
}
