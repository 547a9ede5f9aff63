//! Integration tests on a real SQLite file and, when `CONVENE_TEST_DATABASE_URL` names
//! one, on PostgreSQL: migrations, the demo gatherings read back, constraint errors.

use chrono::Utc;
use convene::config::DatabaseUrl;
use convene::db::{self, demo, entities::segment, planning, queries};
use convene::domain::plan::{GatheringForm, SegmentForm};
use convene::error::AppError;
use convene::responses::gathering::public_view;
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
    let url = crate::common::postgres().await?;
    let url = DatabaseUrl::parse(&url).expect("a test database URL");
    Some(db::connect(&url).await.expect("connect to PostgreSQL"))
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

/// Tables of the schema (with the migrations' own bookkeeping table).
const TABLES: i64 = 27;

async fn migrations_go_up_down_and_up_again(conn: &DatabaseConnection) {
    db::migrate_up(conn).await.expect("up");
    assert_eq!(table_count(conn).await, TABLES);
    db::migrate_down(conn).await.expect("down");
    assert_eq!(table_count(conn).await, 0);
    db::migrate_up(conn).await.expect("up again");
    assert_eq!(table_count(conn).await, TABLES);
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

    let page = public_view(&org, &bundle, "en").unwrap();
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

    // Albanian and Persian visitors read the translated texts; times stay the same.
    let sq = public_view(&org, &bundle, "sq").unwrap();
    assert_eq!(sq.title, "Tubim publik në parkun e Rrugës Ura");
    assert_eq!(sq.title_lang, "sq");
    assert_eq!(sq.agenda[0].title, "Hapja dhe prezantimi i shoqatës");
    assert_eq!(sq.agenda[0].start_local, page.agenda[0].start_local);
    let fa = public_view(&org, &bundle, "fa").unwrap();
    let statement = fa
        .statements
        .into_iter()
        .next()
        .expect("the statement is public");
    assert_eq!(statement.language, "fa");
    assert_eq!(statement.points.len(), 3);
    // No German text: the organisation's default language, said to be English.
    let de = public_view(&org, &bundle, "de").unwrap();
    assert_eq!(
        (de.title.as_str(), de.title_lang.as_str()),
        (page.title.as_str(), "en")
    );

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
    assert_eq!(public_view(&org, &draft, "en"), Err(AppError::NotFound));
    let listed = queries::public_gatherings(conn, org.id).await.unwrap();
    assert!(listed.iter().all(|(g, _)| g.slug != "vigil-draft"));
    assert_eq!(listed.len(), 6);
}

async fn foreign_key_violation_is_a_clear_conflict(conn: &DatabaseConnection) {
    let result = segment::ActiveModel {
        gathering_id: Set(987_654),
        position: Set(1),
        kind: Set(convene::domain::SegmentKind::Speech),
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
        AppError::Conflict(message) => {
            assert!(message.to_string().contains("does not exist"), "{message}")
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
}

async fn gathering_count(conn: &DatabaseConnection) -> i64 {
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM gathering",
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

fn vigil() -> GatheringForm {
    GatheringForm {
        title: "Vigil for the families".into(),
        slug: "vigil-for-the-families".into(),
        kind: "vigil".into(),
        status: "published".into(),
        date: "2024-03-31".into(),
        starts: "18:00".into(),
        ends: "19:00".into(),
        languages: "sq, fa".into(),
        ..Default::default()
    }
}

/// A gathering created through the planning writes reads back on its public page with
/// the agenda timed in the venue's zone; bad input names its field and writes nothing.
async fn create_and_read_a_gathering(conn: &DatabaseConnection) {
    let org = queries::organisation_by_slug(conn, demo::DEMO_ORG)
        .await
        .unwrap()
        .unwrap();
    let park = queries::gathering_bundle(conn, org.id, "tirana-park-2023")
        .await
        .unwrap()
        .unwrap();
    let venue_id = park.venue.as_ref().map(|v| v.id);
    let before = gathering_count(conn).await;

    // The spring-forward night in Tirana: 02:30 does not exist on 31 March 2024.
    let bad = [
        (
            GatheringForm {
                title: " ".into(),
                ..vigil()
            },
            "title",
        ),
        (
            GatheringForm {
                starts: "02:30".into(),
                ends: "03:30".into(),
                ..vigil()
            },
            "starts",
        ),
        (
            GatheringForm {
                slug: "tirana-park-2023".into(),
                ..vigil()
            },
            "slug",
        ),
        (
            GatheringForm {
                kind: "picnic".into(),
                ..vigil()
            },
            "kind",
        ),
    ];
    for (form, field) in bad {
        match planning::create_gathering(
            conn,
            org.id,
            convene::db::planning::Place {
                venue_id,
                time_zone: "",
            },
            &form,
            chrono::Utc::now(),
        )
        .await
        {
            Err(AppError::Validation { field: f, message }) => {
                assert_eq!(f, field, "{message}");
            }
            other => panic!("{field}: expected a validation error, got {other:?}"),
        }
    }
    match planning::create_gathering(
        conn,
        org.id,
        convene::db::planning::Place {
            venue_id: None,
            time_zone: "Mars/Olympus",
        },
        &vigil(),
        chrono::Utc::now(),
    )
    .await
    {
        Err(AppError::Validation { field, .. }) => assert_eq!(field, "time_zone"),
        other => panic!("unknown zone accepted: {other:?}"),
    }
    assert_eq!(
        gathering_count(conn).await,
        before,
        "a refused form wrote a row"
    );

    let made_at = "2024-02-01T09:30:00Z"
        .parse::<chrono::DateTime<Utc>>()
        .unwrap();
    let g = planning::create_gathering(
        conn,
        org.id,
        convene::db::planning::Place {
            venue_id,
            time_zone: "",
        },
        &vigil(),
        made_at,
    )
    .await
    .expect("a valid gathering is created");
    // 31 March 2024 is the first day of summer time in Tirana: 18:00 is 16:00 UTC.
    assert_eq!(g.starts_at.to_rfc3339(), "2024-03-31T16:00:00+00:00");
    // Its stamps are the moment of the request that made it, not a clock read inside.
    assert_eq!((g.created_at, g.updated_at), (made_at, made_at));
    let candles = SegmentForm {
        kind: "welcome".into(),
        title: "Candles are lit".into(),
        duration: "10".into(),
        public: "on".into(),
        ..Default::default()
    };
    planning::add_segment(conn, g.id, None, &candles, chrono::Utc::now())
        .await
        .unwrap();
    let names = SegmentForm {
        kind: "statement_reading".into(),
        title: "The names are read".into(),
        duration: "0:25".into(),
        public: "on".into(),
        ..Default::default()
    };
    planning::add_segment(conn, g.id, None, &names, chrono::Utc::now())
        .await
        .unwrap();
    let negative = SegmentForm {
        duration: "-5".into(),
        ..names.clone()
    };
    match planning::add_segment(conn, g.id, None, &negative, chrono::Utc::now()).await {
        Err(AppError::Validation { field, .. }) => assert_eq!(field, "duration"),
        other => panic!("negative duration accepted: {other:?}"),
    }

    let bundle = queries::gathering_bundle(conn, org.id, "vigil-for-the-families")
        .await
        .unwrap()
        .unwrap();
    let page = public_view(&org, &bundle, "en").expect("published");
    let times: Vec<_> = page
        .agenda
        .iter()
        .map(|s| {
            (
                s.title.as_str(),
                s.start_local.format("%H:%M").to_string(),
                s.end_local.format("%H:%M").to_string(),
            )
        })
        .collect();
    assert_eq!(
        times,
        [
            ("Candles are lit", "18:00".to_string(), "18:10".to_string()),
            (
                "The names are read",
                "18:10".to_string(),
                "18:35".to_string()
            )
        ]
    );
}

/// A stored code outside its vocabulary (a segment kind written by hand, or by a newer
/// version rolled back) fails the read loudly: the gathering is not shown with the
/// segment silently missing, and nothing of the database reaches the page.
async fn an_unknown_stored_code_fails_the_read_instead_of_dropping_the_row(
    conn: &DatabaseConnection,
) {
    conn.execute_unprepared(
        "UPDATE segment SET kind = 'juggling' WHERE id = \
         (SELECT MIN(s.id) FROM segment s JOIN gathering g ON g.id = s.gathering_id \
          WHERE g.slug = 'tirana-park-2023')",
    )
    .await
    .unwrap();
    let org = queries::organisation_by_slug(conn, demo::DEMO_ORG)
        .await
        .unwrap()
        .unwrap();
    let read = queries::gathering_bundle(conn, org.id, "tirana-park-2023").await;
    assert!(
        read.is_err(),
        "the bundle is not read with a segment left out"
    );
    let app = crate::common::App::on(conn.clone());
    let (status, page) = app
        .get("/o/families-association/tirana-park-2023", None)
        .await;
    assert_eq!(status, axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    assert!(
        !page.contains("juggling") && !page.contains("segment"),
        "{page}"
    );
    conn.execute_unprepared("UPDATE segment SET kind = 'speech' WHERE kind = 'juggling'")
        .await
        .unwrap();
}

async fn suite(conn: DatabaseConnection) {
    migrations_go_up_down_and_up_again(&conn).await;
    demo_gathering_reads_back_with_its_agenda(&conn).await;
    foreign_key_violation_is_a_clear_conflict(&conn).await;
    an_unknown_stored_code_fails_the_read_instead_of_dropping_the_row(&conn).await;
    create_and_read_a_gathering(&conn).await;
    db::migrate_down(&conn)
        .await
        .expect("down with data in place");
    assert_eq!(table_count(&conn).await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_file() {
    let (_dir, conn) = sqlite().await;
    suite(conn).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgresql() {
    if let Some(conn) = postgres().await {
        suite(conn).await;
    }
}
