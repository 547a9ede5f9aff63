//! Export, import into a fresh database, export again: the same document and the same
//! calendar feeds byte for byte; a bad document names its bad field and writes nothing.
#![cfg(feature = "ssr")]

mod common;

use axum::body::Body;
use axum::http::{Request, header};
use convene::config::DatabaseUrl;
use convene::db::{self, export};
use convene::error::AppError;
use leptos::config::LeptosOptions;
use tower::ServiceExt;

async fn fresh() -> (tempfile::TempDir, sea_orm::DatabaseConnection) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/convene.db", dir.path().display());
    let conn = db::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap();
    db::migrate_up(&conn).await.unwrap();
    (dir, conn)
}

async fn feed(conn: &sea_orm::DatabaseConnection, uri: &str) -> String {
    let router = convene::server::router(
        conn.clone(),
        LeptosOptions::builder().output_name("convene").build(),
    );
    let response = router
        .oneshot(
            Request::get(uri)
                .header(header::HOST, "convene.test")
                .body(Body::empty())
                .unwrap(),
        )
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{uri}");
    let body = axum::body::to_bytes(response.into_body(), 1 << 24)
        .await
        .unwrap();
    String::from_utf8(body.to_vec()).unwrap()
}

#[tokio::test]
async fn a_round_trip_keeps_every_detail() {
    let app = common::app().await;
    let first = export::export(&app.db, "families-association")
        .await
        .unwrap();
    assert_eq!(first.gatherings.len(), 7);
    let json = serde_json::to_string_pretty(&first).unwrap();
    assert!(!json.contains("argon2"), "no password hashes");
    assert!(
        json.contains("https://call.invalid/ceo"),
        "internal details are kept"
    );

    let (_dir, other) = fresh().await;
    export::import(&other, &export::parse(&json).unwrap())
        .await
        .unwrap();
    let second = export::export(&other, "families-association")
        .await
        .unwrap();
    assert_eq!(second, first);

    for uri in [
        "/o/families-association/calendar.ics?lang=en",
        "/o/families-association/calendar.ics?lang=fa&segments=1",
        "/o/families-association/tirana-park-2023/calendar.ics?lang=sq",
    ] {
        assert_eq!(feed(&other, uri).await, feed(&app.db, uri).await, "{uri}");
    }

    // Importing the same organisation again is refused, and changes nothing.
    match export::import(&other, &export::parse(&json).unwrap()).await {
        Err(AppError::Conflict(m)) => assert!(m.contains("already exists"), "{m}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn a_bad_document_names_the_bad_field_and_writes_nothing() {
    let app = common::app().await;
    let doc = export::export(&app.db, "families-association")
        .await
        .unwrap();
    let json = serde_json::to_value(&doc).unwrap();

    let mut wrong_kind = json.clone();
    wrong_kind["gatherings"][1]["kind"] = "party".into();
    match export::parse(&wrong_kind.to_string()) {
        Err(AppError::Validation { field, .. }) => assert_eq!(field, "gatherings[1].kind"),
        other => panic!("{other:?}"),
    }

    // A zone that does not exist, deep in the document: refused after the venues and
    // people were already inserted in the transaction, which is rolled back.
    let mut wrong_zone = json.clone();
    wrong_zone["gatherings"][3]["time_zone"] = "Europe/Tirana".into();
    let (_dir, other) = fresh().await;
    match export::import(&other, &export::parse(&wrong_zone.to_string()).unwrap()).await {
        Err(AppError::Validation { field, message }) => {
            assert_eq!(field, "gatherings[3].time_zone", "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert!(
        convene::db::queries::organisations(&other)
            .await
            .unwrap()
            .is_empty(),
        "nothing half-imported"
    );

    let mut wrong_version = json;
    wrong_version["version"] = 99.into();
    match export::parse(&wrong_version.to_string()) {
        Err(AppError::Validation { field, .. }) => assert_eq!(field, "version"),
        other => panic!("{other:?}"),
    }
}
