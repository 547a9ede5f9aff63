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

    form[3].1 = "cold park morning 2023";
    let request = Request::post("/setup")
        .header(header::HOST, "convene.test")
        .header(header::ORIGIN, "http://convene.test")
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
    form[1].1 = "someone@example.org";
    let (status, _, _) = app.post("/setup", None, &form).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_new_installation_without_the_demo_gets_a_new_organisation() {
    let (_dir, conn) = common::fresh_database().await;
    let app = common::App::on(conn);
    let form = [
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
    form[5].1 = "Stockholm vigil group";
    let (status, location, _) = app.post("/setup", None, &form).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    let orgs = convene::db::queries::organisations(&app.db).await.unwrap();
    assert_eq!(orgs.len(), 1);
    assert_eq!(orgs[0].slug, "stockholm-vigil-group");
}
