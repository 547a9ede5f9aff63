//! Export, import into a fresh database, export again: the same document and the same
//! calendar feeds byte for byte; a bad document names its bad field and writes nothing.

use crate::common;

use axum::body::Body;
use axum::http::{Request, header};
use convene::db::export;
use convene::error::AppError;
use leptos::config::LeptosOptions;
use tower::ServiceExt;

async fn feed(conn: &sea_orm::DatabaseConnection, uri: &str) -> String {
    let router = convene::server::router(
        conn.clone(),
        LeptosOptions::builder().output_name("convene").build(),
    );
    let response = router
        .oneshot(
            Request::get(uri)
                .header(header::HOST, "127.0.0.1:3000")
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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_round_trip_keeps_every_detail() {
    let app = common::app().await;
    // A campaign in a second city and a monthly series come along too.
    let ids = common::ids(&app).await;
    let org = convene::db::queries::organisation_by_slug(&app.db, common::ORG)
        .await
        .unwrap()
        .unwrap();
    convene::db::campaigns::create_campaign(
        &app.db,
        org.id,
        ids.viewer,
        common::TIRANA,
        &convene::db::campaigns::CampaignForm {
            title: "Vigil in two cities".into(),
            venues: vec![ids.other_venue.to_string()],
            ..Default::default()
        },
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    convene::db::campaigns::repeat(
        &app.db,
        org.id,
        ids.viewer,
        common::TIRANA,
        &convene::domain::repeat::Repeat::parse("monthly", "2", "").unwrap(),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let first = export::export(&app.db, "families-association")
        .await
        .unwrap();
    assert_eq!(first.gatherings.len(), 7 + 1 + 2);
    assert_eq!(first.campaigns.len(), 1);
    assert_eq!(first.series.len(), 1);
    assert_eq!(
        first.digests.len(),
        2,
        "the demo's November 2023 and March 2024 digests"
    );
    assert_eq!(
        first
            .gatherings
            .iter()
            .filter(|g| g.campaign.is_some())
            .count(),
        2
    );
    assert_eq!(
        first
            .gatherings
            .iter()
            .filter(|g| g.series.is_some())
            .count(),
        3
    );
    let json = serde_json::to_string_pretty(&first).unwrap();
    assert!(!json.contains("argon2"), "no password hashes");
    assert!(
        json.contains("https://call.invalid/ceo"),
        "internal details are kept"
    );

    let (_dir, other) = common::fresh_database().await;
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
        Err(AppError::Conflict(m)) => assert!(m.to_string().contains("already exists"), "{m}"),
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
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
    let (_dir, other) = common::fresh_database().await;
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

/// The published schema: `docs/export.schema.json`.
fn published_schema() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/export.schema.json");
    let generated = export::schema();
    if std::env::var_os("CONVENE_BLESS").is_some() {
        let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
        std::fs::write(path, text).unwrap();
    }
    let published: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(
        published, generated,
        "docs/export.schema.json is out of date: `convene export-schema > docs/export.schema.json`"
    );
    published
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_published_schema_is_the_one_import_reads_and_the_demo_fits_it() {
    let validator = jsonschema::validator_for(&published_schema()).unwrap();
    let app = common::app().await;
    let doc = serde_json::to_value(
        export::export(&app.db, "families-association")
            .await
            .unwrap(),
    )
    .unwrap();
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");

    // What the schema refuses, import refuses too.
    let mut bad = Vec::new();
    let mut wrong_kind = doc.clone();
    wrong_kind["gatherings"][0]["kind"] = "party".into();
    bad.push(wrong_kind);
    let mut unknown_field = doc.clone();
    unknown_field["venues"][0]["colour"] = "red".into();
    bad.push(unknown_field);
    let mut missing = doc.clone();
    missing["people"][0].as_object_mut().unwrap().remove("name");
    bad.push(missing);
    let mut wrong_format = doc.clone();
    wrong_format["format"] = "someone-else".into();
    bad.push(wrong_format);
    for document in bad {
        assert!(!validator.is_valid(&document), "{document}");
        assert!(export::parse(&document.to_string()).is_err());
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn organisers_and_owners_download_the_export_from_settings_and_others_cannot() {
    use common::{HOST, ORGANISER, OUTSIDER, OWNER, VIEWER};
    let app = common::app().await;
    let expected = serde_json::to_value(
        export::export(&app.db, "families-association")
            .await
            .unwrap(),
    )
    .unwrap();
    let url = "/manage/o/families-association/export.json";
    for (who, status) in [
        (None, 401),
        (Some(OUTSIDER), 404),
        (Some(VIEWER), 403),
        (Some(HOST), 403),
        (Some(ORGANISER), 200),
        (Some(OWNER), 200),
    ] {
        let cookie = match who {
            Some(email) => Some(app.cookie(email).await),
            None => None,
        };
        let mut request = Request::get(url).header(header::HOST, "127.0.0.1:3000");
        if let Some(c) = &cookie {
            request = request.header(header::COOKIE, c);
        }
        let (got, headers, body) = app.send(request.body(Body::empty()).unwrap()).await;
        assert_eq!(got.as_u16(), status, "{who:?}");
        let (page, text) = app
            .get("/manage/o/families-association/settings", cookie.as_deref())
            .await;
        if status != 200 {
            assert!(!body.contains("\"venues\""), "{who:?} got the document");
            assert!(page.is_client_error(), "{who:?} reads settings: {page}");
            continue;
        }
        assert_eq!(page, 200, "{who:?}");
        assert!(text.contains(url), "the settings page links the download");
        let disposition = headers[header::CONTENT_DISPOSITION].to_str().unwrap();
        assert!(
            disposition.starts_with("attachment; filename=\"families-association-"),
            "{disposition}"
        );
        assert_eq!(headers[header::CACHE_CONTROL], "private, no-store");
        let got: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(got, expected, "the download is the export");
        // ... and it loads into a fresh database.
        let (_dir, other) = common::fresh_database().await;
        export::import(&other, &export::parse(&body).unwrap())
            .await
            .unwrap();
    }
    let org = convene::db::queries::organisation_by_slug(&app.db, "families-association")
        .await
        .unwrap()
        .unwrap();
    let log = convene::db::auth::audit_log_named(&app.db, org.id, 50)
        .await
        .unwrap();
    let downloads = log
        .iter()
        .filter(|(e, _)| e.action == "organisation.export")
        .count();
    assert_eq!(downloads, 2, "each download is in the audit log");
}

/// A programme of more segments than a gathering holds is refused: by the import, naming
/// the list, and by the agenda form, saying what to do, with nothing written.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_gathering_of_endless_segments_is_refused() {
    use convene::db::entities::segment;
    use convene::domain::plan::MAX_SEGMENTS;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

    let mut doc = convene::db::demo::document().unwrap();
    let first = doc.gatherings[0].segments[0].clone();
    doc.gatherings[0].segments = (0..=MAX_SEGMENTS)
        .map(|i| {
            let mut s = first.clone();
            s.uid = format!("endless-{i}");
            s
        })
        .collect();
    let (_dir, fresh) = common::fresh_database().await;
    match export::import(&fresh, &doc).await {
        Err(AppError::Validation { field, message }) => {
            assert_eq!(field, "gatherings[0].segments");
            assert!(
                message.to_string().contains("split the programme"),
                "{message}"
            );
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert!(
        convene::db::demo::is_empty(&fresh).await.unwrap(),
        "nothing written"
    );

    let app = common::app().await;
    let ids = common::ids(&app).await;
    let template = segment::Entity::find_by_id(ids.segment)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let existing = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(template.gathering_id))
        .count(&app.db)
        .await
        .unwrap() as usize;
    for i in existing..MAX_SEGMENTS {
        let mut row: segment::ActiveModel = template.clone().into();
        row.id = sea_orm::ActiveValue::NotSet;
        row.position = Set(10_000 + i as i32);
        row.uid = Set(format!("filler-{i}"));
        row.insert(&app.db).await.unwrap();
    }
    let owner = app.cookie(common::OWNER).await;
    let version =
        convene::db::queries::gathering_by_slug(&app.db, template_org(&app).await, common::TIRANA)
            .await
            .unwrap()
            .unwrap()
            .version
            .to_string();
    let (status, _, page) = app
        .post(
            &format!("/manage/o/{}/{}/agenda", common::ORG, common::TIRANA),
            Some(&owner),
            &[
                ("action", "add"),
                ("version", &version),
                ("kind", "speech"),
                ("title", "One more"),
                ("duration", "5"),
            ],
        )
        .await;
    assert_eq!(status, axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("split the programme into several gatherings"));
}

async fn template_org(app: &common::App) -> i32 {
    convene::db::queries::organisation_by_slug(&app.db, common::ORG)
        .await
        .unwrap()
        .unwrap()
        .id
}
