//! A convene app on a fresh SQLite file with the demo loaded, driven through its real
//! router, with members to sign in as.
#![allow(dead_code)]

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use convene::config::DatabaseUrl;
use convene::db::{self, auth, demo, queries};
use convene::domain::MemberRole;
use leptos::config::LeptosOptions;
use sea_orm::DatabaseConnection;
use tower::ServiceExt;

pub const PASSWORD: &str = "freezing park 2023";
pub const OWNER: &str = "owner@example.org";
pub const HOST: &str = "host@example.org";
pub const ORGANISER: &str = "organiser@example.org";
pub const VIEWER: &str = "viewer@example.org";
pub const OUTSIDER: &str = "outsider@example.org";

pub struct App {
    _dir: tempfile::TempDir,
    pub router: axum::Router,
    pub db: DatabaseConnection,
}

pub async fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/convene.db", dir.path().display());
    let conn = db::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap();
    db::migrate_up(&conn).await.unwrap();
    seed(&conn).await;
    App {
        router: router(&conn),
        _dir: dir,
        db: conn,
    }
}

/// Two app instances (each with its own connection pool) on one fresh PostgreSQL
/// database at `url`, as behind a load balancer.
pub async fn two_instances(url: &str) -> (App, App) {
    let url = DatabaseUrl::parse(url).expect("database URL");
    let first = db::connect(&url).await.expect("connect");
    db::migrate_down(&first).await.expect("start from nothing");
    db::migrate_up(&first).await.unwrap();
    seed(&first).await;
    let second = db::connect(&url).await.expect("connect again");
    let app = |conn: DatabaseConnection| App {
        router: router(&conn),
        _dir: tempfile::tempdir().unwrap(),
        db: conn,
    };
    (app(first), app(second))
}

fn router(conn: &DatabaseConnection) -> axum::Router {
    let options = LeptosOptions::builder().output_name("convene").build();
    convene::server::router(conn.clone(), options)
}

/// The demo organisation and one member of each role, plus someone of no organisation.
async fn seed(conn: &DatabaseConnection) {
    demo::load_if_absent(conn).await.unwrap();
    let org = queries::organisation_by_slug(conn, demo::DEMO_ORG)
        .await
        .unwrap()
        .unwrap();
    for (email, role) in [
        (OWNER, Some(MemberRole::Owner)),
        (HOST, Some(MemberRole::Host)),
        (ORGANISER, Some(MemberRole::Organiser)),
        (VIEWER, Some(MemberRole::Viewer)),
        (OUTSIDER, None),
    ] {
        let user = auth::create_user(conn, email, email, PASSWORD)
            .await
            .unwrap();
        if let Some(role) = role {
            auth::set_membership(conn, org.id, user.id, role, None)
                .await
                .unwrap();
        }
    }
}

impl App {
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let body = axum::body::to_bytes(response.into_body(), 8 * 1024 * 1024)
            .await
            .unwrap();
        (status, headers, String::from_utf8_lossy(&body).into_owned())
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> (StatusCode, String) {
        let mut request = Request::get(uri).header(header::HOST, "convene.test");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let (status, _, body) = self.send(request.body(Body::empty()).unwrap()).await;
        (status, body)
    }

    /// Posts a form as a browser on this site would; returns status, Location and body.
    pub async fn post(
        &self,
        uri: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> (StatusCode, Option<String>, String) {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut request = Request::post(uri)
            .header(header::HOST, "convene.test")
            .header(header::ORIGIN, "http://convene.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let (status, headers, body) = self.send(request.body(Body::from(body)).unwrap()).await;
        let location = headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        (status, location, body)
    }

    /// Signs in and returns the session cookie (`name=value`).
    pub async fn cookie(&self, email: &str) -> String {
        let request = Request::post("/sign-in")
            .header(header::HOST, "convene.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "email={email}&password={}",
                PASSWORD.replace(' ', "+")
            )))
            .unwrap();
        let (_, headers, _) = self.send(request).await;
        headers
            .get(header::SET_COOKIE)
            .expect("signed in")
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    }
}
