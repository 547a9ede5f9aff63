//! Integration tests on a real SQLite file and, when `CONVENE_TEST_DATABASE_URL` names
//! one, on PostgreSQL: migrations, the demo gatherings read back, constraint errors.
#![cfg(feature = "ssr")]

use chrono::Utc;
use convene::api::gathering::ssr::public_view;
use convene::config::DatabaseUrl;
use convene::db::{self, demo, entities::segment, queries};
use convene::error::AppError;
use sea_orm::{ActiveModelTrait, ConnectionTrait, DatabaseConnection, Set};

async fn sqlite() -> (tempfile::TempDir, DatabaseConnection) {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}/nested/convene.db", dir.path().display());
    let conn = db::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .expect("connect");
    (dir, conn)
}

async fn postgres() -> Option<DatabaseConnection> {
    let url = std::env::var("CONVENE_TEST_DATABASE_URL").ok()?;
    let url = DatabaseUrl::parse(&url).expect("CONVENE_TEST_DATABASE_URL");
    let conn = db::connect(&url).await.expect("connect to PostgreSQL");
    // Start from nothing, whatever an earlier run left.
    db::migrate_down(&conn).await.expect("roll back");
    Some(conn)
}

async fn table_count(conn: &DatabaseConnection) -> i64 {
    let sql = match conn.get_database_backend() {
        sea_orm::DbBackend::Sqlite => {
            "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> 'seaql_migrations'"
        }
        _ => {
            "SELECT COUNT(*) AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'seaql_migrations'"
        }
    };
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            sql,
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

async fn migrations_go_up_down_and_up_again(conn: &DatabaseConnection) {
    db::migrate_up(conn).await.expect("up");
    assert_eq!(table_count(conn).await, 11);
    db::migrate_down(conn).await.expect("down");
    assert_eq!(table_count(conn).await, 0);
    db::migrate_up(conn).await.expect("up again");
    assert_eq!(table_count(conn).await, 11);
}

async fn demo_gathering_reads_back_with_its_agenda(conn: &DatabaseConnection) {
    assert!(demo::load_if_absent(conn).await.unwrap());
    assert!(
        !demo::load_if_absent(conn).await.unwrap(),
        "second load is skipped"
    );
    let org = queries::organisation_by_slug(conn, demo::DEMO_ORG)
        .await
        .unwrap()
        .unwrap();
    let bundle = queries::gathering_bundle(conn, org.id, "tirana-park-2023")
        .await
        .unwrap()
        .expect("the Tirana gathering");
    assert_eq!(bundle.segments.len(), 10);
    assert_eq!(bundle.gathering.time_zone, "Europe/Tirane");
    assert_eq!(
        bundle.gathering.starts_at.to_rfc3339(),
        "2023-11-26T10:00:00+00:00"
    );

    let page = public_view(&org, &bundle).unwrap();
    let starts: Vec<String> = page
        .agenda
        .iter()
        .map(|s| s.start_local.format("%H:%M").to_string())
        .collect();
    assert_eq!(
        starts,
        [
            "11:00", "11:10", "11:24", "11:39", "11:45", "11:57", "12:07", "12:19", "12:27"
        ]
    );
    assert!(page.agenda.iter().all(|s| !s.title.contains("Pack-up")));
    let unlisted = page
        .agenda
        .iter()
        .flat_map(|s| &s.appearances)
        .filter(|a| a.name.is_none())
        .count();
    assert_eq!(unlisted, 1, "the former member is not named");

    // Tehran keeps +03:30.
    let tehran = queries::gathering_bundle(conn, org.id, "tehran-embassy-rally-2023")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        tehran.gathering.starts_at.to_rfc3339(),
        "2023-11-20T06:30:00+00:00"
    );

    // Drafts are not public.
    let draft = queries::gathering_bundle(conn, org.id, "vigil-draft")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(public_view(&org, &draft), Err(AppError::NotFound));
    let listed = queries::public_gatherings(conn, org.id).await.unwrap();
    assert!(listed.iter().all(|(g, _)| g.slug != "vigil-draft"));
    assert_eq!(listed.len(), 6);
}

async fn foreign_key_violation_is_a_clear_conflict(conn: &DatabaseConnection) {
    let result = segment::ActiveModel {
        gathering_id: Set(987_654),
        position: Set(1),
        kind: Set("speech".into()),
        title: Set("Orphan".into()),
        duration_minutes: Set(Some(5)),
        hard_start_local: Set(None),
        film_id: Set(None),
        statement_id: Set(None),
        public: Set(true),
        cue_notes: Set(String::new()),
        actual_start: Set(None),
        actual_end: Set(Some(Utc::now())),
        ..Default::default()
    }
    .insert(conn)
    .await;
    let err = AppError::from(result.expect_err("a segment of no gathering is refused"));
    match err {
        AppError::Conflict(message) => assert!(message.contains("does not exist"), "{message}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn suite(conn: DatabaseConnection) {
    migrations_go_up_down_and_up_again(&conn).await;
    demo_gathering_reads_back_with_its_agenda(&conn).await;
    foreign_key_violation_is_a_clear_conflict(&conn).await;
    db::migrate_down(&conn)
        .await
        .expect("down with data in place");
    assert_eq!(table_count(&conn).await, 0);
}

#[tokio::test]
async fn sqlite_file() {
    let (_dir, conn) = sqlite().await;
    suite(conn).await;
}

#[tokio::test]
async fn postgresql() {
    match postgres().await {
        Some(conn) => suite(conn).await,
        None => eprintln!("CONVENE_TEST_DATABASE_URL is not set: PostgreSQL part skipped"),
    }
}
