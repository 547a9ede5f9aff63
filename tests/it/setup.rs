//! The one-time setup: on a new installation (the demo loaded, no account) the first
//! person makes their account and owns the organisation; the page then disappears.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use convene::db;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_first_owner_sets_up_once_and_the_page_is_gone() {
    let (_dir, conn) = common::fresh_database().await;
    db::demo::load_if_absent(&conn).await.unwrap();
    let app = common::App::on(conn);

    let (status, page) = app.get("/setup", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("<option value=\"families-association\""),
        "the demo organisation is offered"
    );

    let mut form = vec![
        ("token", common::SETUP_TOKEN),
        ("display_name", "Elira Hoxha"),
        ("email", "elira@example.org"),
        ("password", "cold park morning 2023"),
        ("password_again", "cold park morning 2024"),
        ("organisation", "families-association"),
    ];
    let (status, _, page) = app.post("/setup", None, &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("The two passwords differ."));
    assert!(page.contains("elira@example.org"), "what was typed is kept");
    assert!(
        !page.contains("cold park morning"),
        "passwords are never shown back"
    );

    form[4].1 = "cold park morning 2023";
    let request = Request::post("/setup")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&form)
                .finish(),
        ))
        .unwrap();
    let (status, headers, _) = app.send(request).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(headers[header::LOCATION], "/manage");
    let cookie = headers[header::SET_COOKIE]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_owned();
    // Signed in, and owner: the audit log is for owners only.
    let (status, _) = app
        .get("/manage/o/families-association/audit", Some(&cookie))
        .await;
    assert_eq!(status, StatusCode::OK);

    // Gone: the page, and a second attempt.
    assert_eq!(app.get("/setup", None).await.0, StatusCode::NOT_FOUND);
    form[2].1 = "someone@example.org";
    let (status, _, _) = app.post("/setup", None, &form).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_new_installation_without_the_demo_gets_a_new_organisation() {
    let (_dir, conn) = common::fresh_database().await;
    let app = common::App::on(conn);
    let form = [
        ("token", common::SETUP_TOKEN),
        ("display_name", "Mina"),
        ("email", "mina@example.org"),
        ("password", "a long enough password"),
        ("password_again", "a long enough password"),
        ("organisation", ""),
        ("org_name", ""),
    ];
    let (status, _, page) = app.post("/setup", None, &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("This cannot be empty."));
    let mut form = form.to_vec();
    form[6].1 = "Stockholm vigil group";
    let (status, location, _) = app.post("/setup", None, &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    let orgs = convene::db::queries::organisations(&app.db).await.unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].slug, "stockholm-vigil-group");
}

fn owner_form(email: &str, token: &str) -> Vec<(&'static str, String)> {
    vec![
        ("token", token.to_owned()),
        ("display_name", "Claimant".to_owned()),
        ("email", email.to_owned()),
        ("password", "a long enough password".to_owned()),
        ("password_again", "a long enough password".to_owned()),
        ("organisation", "families-association".to_owned()),
    ]
}

async fn accounts(app: &common::App) -> u64 {
    use sea_orm::{EntityTrait, PaginatorTrait};
    convene::db::entities::app_user::Entity::find()
        .count(&app.db)
        .await
        .unwrap()
}

/// Someone who reaches the port of a fresh installation before its operator cannot claim
/// it: without the code from the server's log the post is refused, says why, and no
/// account is made; the page itself takes the code from the setup link.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_stranger_without_the_setup_code_cannot_claim_a_new_installation() {
    let (_dir, conn) = common::fresh_database().await;
    db::demo::load_if_absent(&conn).await.unwrap();
    let app = common::App::on(conn);
    for token in ["", "guess", &common::SETUP_TOKEN[1..]] {
        let form = owner_form("stranger@example.org", token);
        let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (status, _, page) = app.post("/setup", None, &pairs).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "code {token:?}");
        assert!(
            page.contains("not the setup code the server printed"),
            "the refusal says why"
        );
        assert!(!page.contains("a long enough password"));
    }
    assert_eq!(accounts(&app).await, 0, "no account was made");
    let (status, page) = app
        .get(&format!("/setup?token={}", common::SETUP_TOKEN), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains(&format!("value=\"{}\"", common::SETUP_TOKEN)),
        "the setup link fills in its code"
    );
}

/// Ten people post the setup form at the same moment, each with the right code: exactly
/// one becomes the owner, the others find the page gone (SQLite and PostgreSQL).
async fn only_one_first_owner(app: &common::App) {
    let posts = (0..10).map(|i| {
        let form = owner_form(&format!("claimant{i}@example.org"), common::SETUP_TOKEN);
        async move {
            let pairs: Vec<(&str, &str)> = form.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post("/setup", None, &pairs).await.0
        }
    });
    let statuses = futures::future::join_all(posts).await;
    let made = statuses
        .iter()
        .filter(|s| **s == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(made, 1, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::SEE_OTHER || *s == StatusCode::NOT_FOUND),
        "{statuses:?}"
    );
    assert_eq!(accounts(app).await, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_sqlite_two_setups_at_once_make_one_owner() {
    let (_dir, conn) = common::fresh_database().await;
    db::demo::load_if_absent(&conn).await.unwrap();
    only_one_first_owner(&common::App::on(conn)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgresql_two_setups_at_once_make_one_owner() {
    let Some(url) = common::postgres().await else {
        return;
    };
    let url = convene::config::DatabaseUrl::parse(&url).unwrap();
    let conn = db::connect(&url).await.unwrap();
    db::migrate_up(&conn).await.unwrap();
    db::demo::load_if_absent(&conn).await.unwrap();
    only_one_first_owner(&common::App::on(conn)).await;
}
