//! Private crew feeds through the real router: a member makes one, its address opens a
//! calendar with the internal run of show, revoking it (or losing the membership) closes
//! it at once, and nobody else can make or revoke one for them.

use axum::http::StatusCode;
use sea_orm::ConnectionTrait;

use crate::common;

use common::{App, HOST, ORGANISER, OUTSIDER, VIEWER, app};

const PAGE: &str = "/manage/o/families-association/crew-feeds";

/// Makes a crew feed as `email`; returns the feed's path (`/crew/…/calendar.ics`).
async fn make_feed(app: &App, cookie: &str, label: &str) -> String {
    let (status, _, body) = app
        .post(
            PAGE,
            Some(cookie),
            &[("action", "create"), ("label", label)],
        )
        .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    let start = body
        .find("http://127.0.0.1:3000/crew/")
        .expect("the address is shown");
    let end = start + body[start..].find('"').unwrap();
    let url = &body[start..end];
    assert!(url.ends_with("/calendar.ics"), "{url}");
    url.trim_start_matches("http://127.0.0.1:3000").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_crew_feed_shows_the_internal_run_of_show_until_it_is_revoked() {
    let app = app().await;
    let cookie = app.cookie(HOST).await;
    let feed = make_feed(&app, &cookie, "Host's phone").await;

    let (status, body) = app.get(&feed, None).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert!(body.starts_with("BEGIN:VCALENDAR"), "{body}");
    // Internal details of the Tirana park gathering: cues, the online speaker's own
    // time, the internal notes, and the draft vigil as tentative.
    let unfolded = body.replace("\r\n ", "");
    assert!(
        unfolded.contains("Mic 1 to the host"),
        "cue notes: {unfolded}"
    );
    assert!(
        unfolded.contains("ONLINE from"),
        "online speakers: {unfolded}"
    );
    assert!(
        unfolded.contains("Test the call at 10:54 (09:54 in Europe/London)"),
        "call times: {unfolded}"
    );
    assert!(unfolded.contains("UID:crew."), "{unfolded}");
    assert!(
        unfolded.contains("STATUS:TENTATIVE"),
        "the draft is tentative"
    );
    let public = app
        .get("/o/families-association/calendar.ics", None)
        .await
        .1
        .replace("\r\n ", "");
    assert!(
        !public.contains("Mic 1 to the host"),
        "public feeds stay public"
    );

    // One event per segment, internal segments included.
    let (status, segments) = app.get(&format!("{feed}?segments=1"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        segments.matches("BEGIN:VEVENT").count() > body.matches("BEGIN:VEVENT").count(),
        "per segment"
    );

    // The page lists it, without its address.
    let (_, page) = app.get(PAGE, Some(&cookie)).await;
    assert!(
        page.contains("Host&#x27;s phone") || page.contains("Host's phone"),
        "{page}"
    );
    assert!(!page.contains("/crew/"), "the address is shown only once");

    let id = app
        .db
        .query_one_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT id FROM feed_token WHERE label = 'Host''s phone'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i32>("", "id")
        .unwrap()
        .to_string();

    // Another member cannot revoke it; the owner of the feed can.
    let organiser = app.cookie(ORGANISER).await;
    let (status, _, _) = app
        .post(PAGE, Some(&organiser), &[("action", "revoke"), ("id", &id)])
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&feed, None).await.0, StatusCode::OK);

    let (status, location, _) = app
        .post(PAGE, Some(&cookie), &[("action", "revoke"), ("id", &id)])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some(PAGE));
    assert_eq!(app.get(&feed, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("{feed}?segments=1"), None).await.0,
        StatusCode::NOT_FOUND
    );

    let audit = app
        .db
        .query_all_raw(sea_orm::Statement::from_string(
            app.db.get_database_backend(),
            "SELECT action FROM audit_entry WHERE action LIKE 'crew_feed.%' ORDER BY id",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get::<String>("", "action").unwrap())
        .collect::<Vec<_>>();
    assert_eq!(audit, ["crew_feed.create", "crew_feed.revoke"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_crew_feed_closes_when_its_member_leaves_the_organisation() {
    let app = app().await;
    let cookie = app.cookie(VIEWER).await;
    let feed = make_feed(&app, &cookie, "Laptop").await;
    assert_eq!(app.get(&feed, None).await.0, StatusCode::OK);
    app.db
        .execute_unprepared(
            "DELETE FROM membership WHERE user_id = (SELECT id FROM app_user WHERE email = 'viewer@example.org')",
        )
        .await
        .unwrap();
    assert_eq!(app.get(&feed, None).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_members_make_crew_feeds_and_labels_are_checked() {
    let app = app().await;
    let (status, _, _) = app
        .post(PAGE, None, &[("action", "create"), ("label", "x")])
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let outsider = app.cookie(OUTSIDER).await;
    let (status, _, _) = app
        .post(
            PAGE,
            Some(&outsider),
            &[("action", "create"), ("label", "x")],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(PAGE, Some(&outsider)).await.0,
        StatusCode::NOT_FOUND
    );

    // An empty label is refused beside its field, and nothing is made.
    let cookie = app.cookie(HOST).await;
    let (status, _, body) = app
        .post(
            PAGE,
            Some(&cookie),
            &[("action", "create"), ("label", "  ")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("field-error"), "{body}");
    assert!(!body.contains("/crew/"));

    // A guessed or malformed token is simply not found.
    for path in [
        "/crew/0000000000000000000000000000000000000000000000000000000000000000/calendar.ics",
        "/crew/not-a-token/calendar.ics",
    ] {
        assert_eq!(app.get(path, None).await.0, StatusCode::NOT_FOUND, "{path}");
    }
}
