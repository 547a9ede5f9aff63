//! Nothing internal reaches the public side: a unique canary string is planted in every
//! internal field of the demo data, then every public surface — pages, calendar and Atom
//! feeds, digests, posters and the JSON of every public server function — is requested
//! through the real router in every language and searched for it (HTML, attributes and
//! hydration payload alike).

use axum::body::Body;
use axum::http::{Request, StatusCode};
use convene::config::DatabaseUrl;
use convene::db::{self, demo};
use leptos::config::LeptosOptions;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tower::ServiceExt;

const CANARY: &str = "CANARY7f3a";

/// Internal fields and rows that must never be public, each given its own canary.
const PLANTS: &[(&str, &str)] = &[
    (
        "gathering internal notes",
        "UPDATE gathering SET internal_notes = 'CANARY7f3a-notes'",
    ),
    (
        "venue access notes",
        "UPDATE venue SET access_notes = 'CANARY7f3a-access'",
    ),
    (
        "segment cue notes",
        "UPDATE segment SET cue_notes = 'CANARY7f3a-cue'",
    ),
    (
        "person contact",
        "UPDATE person SET contact = 'CANARY7f3a-contact@example.org'",
    ),
    (
        "online link",
        "UPDATE appearance SET online_link = 'https://call.invalid/CANARY7f3a-link'",
    ),
    (
        "film rights",
        "UPDATE film SET rights_notes = 'CANARY7f3a-rights'",
    ),
    (
        "unlisted person",
        "UPDATE person SET name = 'CANARY7f3a-unlisted', public_bio = 'CANARY7f3a-bio' WHERE listed_publicly = false",
    ),
    (
        "internal segment",
        "UPDATE segment SET title = 'CANARY7f3a-internal-segment', abstract = 'CANARY7f3a-internal-abstract', track = 'CANARY7f3a-internal-track' WHERE public = false",
    ),
    (
        "draft gathering",
        "UPDATE gathering SET title = 'CANARY7f3a-draft', public_description = 'CANARY7f3a-draft-text' WHERE status = 'draft'",
    ),
    (
        "draft translation",
        "INSERT INTO gathering_text (gathering_id, language, title, public_description) SELECT id, 'sq', 'CANARY7f3a-draft-sq', '' FROM gathering WHERE status = 'draft'",
    ),
    (
        "internal statement",
        "INSERT INTO statement (gathering_id, title, language, points, signature_count, public, created_at, updated_at) SELECT id, 'CANARY7f3a-statement', 'en', 'CANARY7f3a-point', 0, false, created_at, updated_at FROM gathering",
    ),
    (
        "deleted gathering",
        "UPDATE gathering SET title = 'CANARY7f3a-deleted', public_description = 'CANARY7f3a-deleted-text', status = 'cancelled', deleted_at = created_at WHERE slug = 'flowers-womens-day-2024'",
    ),
    (
        "unpublished digest",
        "INSERT INTO digest (organisation_id, month, number, editorial_note, published, created_at, updated_at) SELECT id, '2023-12', 113, 'CANARY7f3a-digest-draft', false, created_at, created_at FROM organisation",
    ),
    (
        "unpublished statement or letter",
        "UPDATE issued_statement SET title = 'CANARY7f3a-issued-draft', body = 'CANARY7f3a-issued-draft-text', addressee = 'CANARY7f3a-addressee', signatories = 'CANARY7f3a-signatory' WHERE published = false",
    ),
    (
        "translation of an unpublished statement or letter",
        "INSERT INTO issued_statement_text (issued_statement_id, language, title, body) SELECT id, 'sq', 'CANARY7f3a-issued-draft-sq', 'CANARY7f3a-issued-draft-sq-text' FROM issued_statement WHERE published = false",
    ),
    (
        "a release of a draft's programme",
        "INSERT INTO programme_release (gathering_id, number, released_at, note, snapshot) SELECT id, 1, created_at, 'CANARY7f3a-release-note', '[{\"uid\":\"x\",\"title\":\"CANARY7f3a-released\",\"start\":\"2027-01-01T10:00:00Z\",\"end\":\"2027-01-01T11:00:00Z\",\"room\":\"\"}]' FROM gathering WHERE status = 'draft'",
    ),
    (
        "a segment reading an unpublished statement",
        "UPDATE segment SET issued_statement_id = (SELECT MIN(id) FROM issued_statement WHERE published = false) WHERE kind = 'statement_reading'",
    ),
];

async fn app() -> (tempfile::TempDir, axum::Router, DatabaseConnection) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/convene.db", dir.path().display());
    let conn = db::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap();
    db::migrate_up(&conn).await.unwrap();
    demo::load_if_absent(&conn).await.unwrap();
    for (what, sql) in PLANTS {
        conn.execute_unprepared(sql)
            .await
            .unwrap_or_else(|e| panic!("planting {what}: {e}"));
    }
    let options = LeptosOptions::builder().output_name("convene").build();
    let router = convene::server::router(conn.clone(), options);
    (dir, router, conn)
}

async fn get(router: &axum::Router, uri: &str) -> (StatusCode, String) {
    answer(router, Request::get(uri).body(Body::empty()).unwrap()).await
}

/// A public server function's JSON answer to `args`, as a browser's island would ask.
async fn call(router: &axum::Router, path: &str, args: &[(&str, String)]) -> (StatusCode, String) {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(args)
        .finish();
    let request = Request::post(path)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("origin", "http://127.0.0.1:3000")
        .body(Body::from(body))
        .unwrap();
    answer(router, request).await
}

async fn answer(router: &axum::Router, request: Request<Body>) -> (StatusCode, String) {
    let response = router.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = format!("{:?}", response.headers());
    let body = axum::body::to_bytes(response.into_body(), 16 * 1024 * 1024)
        .await
        .unwrap();
    (
        status,
        format!("{headers}\n{}", String::from_utf8_lossy(&body)),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_public_response_contains_an_internal_detail() {
    let (_dir, router, conn) = app().await;
    let slugs: Vec<String> = conn
        .query_all_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT slug FROM gathering",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get::<String>("", "slug").unwrap())
        .collect();
    assert!(slugs.len() >= 7, "the demo has its gatherings");

    let venue_ids: Vec<i32> = conn
        .query_all_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT id FROM venue",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get::<i32>("", "id").unwrap())
        .collect();
    let mut uris = vec!["/".to_owned(), "/o/families-association".to_owned()];
    for id in &venue_ids {
        uris.push(format!("/o/families-association/venues/{id}"));
        uris.push(format!("/o/families-association/venues/{id}/calendar.ics"));
    }
    for id in 1..=12 {
        uris.push(format!("/o/families-association/people/{id}"));
        uris.push(format!("/o/families-association/people/{id}/calendar.ics"));
    }
    for kind in convene::domain::GatheringKind::ALL {
        uris.push(format!(
            "/o/families-association/kinds/{}/calendar.ics",
            kind.as_str()
        ));
        uris.push(format!("/o/families-association?kind={}", kind.as_str()));
    }
    for lang in ["en", "sq", "fa", "sv"] {
        uris.push(format!("/o/families-association?lang={lang}"));
        uris.push(format!("/o/families-association/calendar.ics?lang={lang}"));
        uris.push(format!(
            "/o/families-association/calendar.ics?lang={lang}&segments=1"
        ));
        for slug in &slugs {
            uris.push(format!("/o/families-association/{slug}?lang={lang}"));
            uris.push(format!("/o/families-association/{slug}/poster?lang={lang}"));
            uris.push(format!(
                "/o/families-association/{slug}/calendar.ics?lang={lang}"
            ));
            uris.push(format!(
                "/o/families-association/{slug}/calendar.ics?lang={lang}&segments=1"
            ));
        }
    }
    let issued: Vec<String> = conn
        .query_all_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT slug FROM issued_statement",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get::<String>("", "slug").unwrap())
        .collect();
    assert!(issued.len() >= 3, "the demo has its statements and letters");
    // The programme and its sessions, rooms and exports; an internal segment's page and
    // calendar are not found, and choosing it in "my programme" shows nothing of it.
    let segments: Vec<(String, String, i32)> = conn
        .query_all_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT g.slug, s.uid, s.lane_id FROM segment s JOIN gathering g ON g.id = s.gathering_id",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|r| {
            (
                r.try_get::<String>("", "slug").unwrap(),
                r.try_get::<String>("", "uid").unwrap(),
                r.try_get::<i32>("", "lane_id").unwrap(),
            )
        })
        .collect();
    for slug in &slugs {
        let base = format!("/o/families-association/{slug}");
        let all: Vec<&str> = segments
            .iter()
            .filter(|(s, _, _)| s == slug)
            .map(|(_, uid, _)| uid.as_str())
            .collect();
        for lang in ["en", "fa", "sv"] {
            uris.push(format!("{base}/programme?lang={lang}"));
            uris.push(format!("{base}/programme.ics?lang={lang}"));
            uris.push(format!("{base}/my?lang={lang}&s={}", all.join(",")));
            uris.push(format!("{base}/my.ics?lang={lang}&s={}", all.join(",")));
        }
        uris.push(format!("{base}/schedule.xml"));
        uris.push(format!("{base}/schedule.json"));
        uris.push(format!("{base}/programme/changes?since=1"));
        for (_, uid, lane) in segments.iter().filter(|(s, _, _)| s == slug) {
            uris.push(format!("{base}/sessions/{uid}"));
            uris.push(format!("{base}/sessions/{uid}/calendar.ics"));
            uris.push(format!("{base}/rooms/{lane}/calendar.ics"));
        }
    }
    for lang in ["en", "sq", "fa", "sv"] {
        uris.push(format!("/o/families-association/statements?lang={lang}"));
        for slug in &issued {
            uris.push(format!(
                "/o/families-association/statements/{slug}?lang={lang}"
            ));
        }
    }
    for lang in ["en", "sq", "fa", "sv"] {
        uris.push(format!("/o/families-association/feed.atom?lang={lang}"));
        uris.push(format!("/o/families-association/digest.atom?lang={lang}"));
        uris.push(format!("/o/families-association/digest?lang={lang}"));
        for month in ["2023-11", "2023-12", "2024-03"] {
            uris.push(format!(
                "/o/families-association/digest/{month}?lang={lang}"
            ));
        }
        for id in &venue_ids {
            uris.push(format!("/o/families-association/venues/{id}?lang={lang}"));
        }
        for id in 1..=12 {
            uris.push(format!("/o/families-association/people/{id}?lang={lang}"));
        }
    }
    let mut ok = 0;
    for uri in &uris {
        let (status, body) = get(&router, uri).await;
        assert!(
            !body.contains(CANARY),
            "{uri} ({status}) shows an internal detail: …{}…",
            {
                let at = body.find(CANARY).unwrap();
                &body[at.saturating_sub(80)..(at + 60).min(body.len())]
            }
        );
        if status == StatusCode::OK {
            ok += 1;
        }
    }
    // The published gatherings were really rendered (not only error pages).
    assert!(
        ok >= uris.len() / 2,
        "only {ok} of {} answered 200",
        uris.len()
    );
    let (status, _) = get(&router, "/o/families-association/vigil-draft").await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a draft is not found");
    let (status, _) = get(
        &router,
        "/o/families-association/statements/2024-11-20-letter-to-the-embassy-not-sent",
    )
    .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "an unpublished letter is not found"
    );

    // The same data as the islands and any script read it: every public server function.
    use convene::api::{
        digest::{PublicDigest, PublicDigests},
        gathering::{PublicGathering, PublicPoster},
        issued::{PublicIssued, PublicIssuedList},
        organisations::{ListOrganisations, OrganisationHome, PublicPerson, PublicVenue},
    };
    use leptos::server_fn::ServerFn;
    let org = || ("org", "families-association".to_owned());
    let mut calls: Vec<(&str, Vec<(&str, String)>)> = vec![
        (ListOrganisations::PATH, vec![]),
        (PublicDigests::PATH, vec![org()]),
    ];
    for lang in ["en", "sq", "fa", "sv"] {
        let l = || ("lang", lang.to_owned());
        calls.push((OrganisationHome::PATH, vec![org(), l()]));
        calls.push((PublicIssuedList::PATH, vec![org(), l()]));
        for slug in &issued {
            calls.push((PublicIssued::PATH, vec![org(), ("slug", slug.clone()), l()]));
        }
        for month in ["2023-11", "2023-12", "2024-03"] {
            calls.push((
                PublicDigest::PATH,
                vec![org(), ("month", month.into()), l()],
            ));
        }
        for slug in &slugs {
            for path in [PublicGathering::PATH, PublicPoster::PATH] {
                calls.push((path, vec![org(), ("slug", slug.clone()), l()]));
            }
        }
        for id in &venue_ids {
            calls.push((PublicVenue::PATH, vec![org(), ("id", id.to_string()), l()]));
        }
        for id in 1..=12 {
            calls.push((PublicPerson::PATH, vec![org(), ("id", id.to_string()), l()]));
        }
    }
    let mut answered = 0;
    for (path, args) in &calls {
        let (status, body) = call(&router, path, args).await;
        assert!(
            !body.contains(CANARY),
            "{path} {args:?} ({status}) shows an internal detail: …{}…",
            {
                let at = body.find(CANARY).unwrap();
                &body[at.saturating_sub(80)..(at + 60).min(body.len())]
            }
        );
        if status == StatusCode::OK {
            answered += 1;
        }
    }
    assert!(
        answered >= calls.len() / 2,
        "only {answered} of {} server functions answered 200",
        calls.len()
    );
}
