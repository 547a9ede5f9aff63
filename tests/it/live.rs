//! The live run of show through the real router: taps by the host re-time the rest of
//! the programme, every open live view hears of it (server-sent events), roles are
//! checked on the server, and on PostgreSQL a change made through one app instance
//! reaches the live views of another.

use std::time::Duration;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Tirane;
use futures::StreamExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tower::ServiceExt;

use crate::common;

use common::{App, HOST, ORGANISER, VIEWER, app};

const LIVE: &str = "/manage/o/families-association/tirana-park-2023/live";

async fn segment_ids(db: &DatabaseConnection) -> Vec<i32> {
    db.query_all_raw(Statement::from_string(
        db.get_database_backend(),
        "SELECT s.id FROM segment s JOIN gathering g ON g.id = s.gathering_id \
         WHERE g.slug = 'tirana-park-2023' ORDER BY s.position",
    ))
    .await
    .unwrap()
    .into_iter()
    .map(|r| r.try_get::<i32>("", "id").unwrap())
    .collect()
}

async fn actual_start(db: &DatabaseConnection, id: i32) -> Option<DateTime<Utc>> {
    db.query_one_raw(Statement::from_string(
        db.get_database_backend(),
        format!("SELECT actual_start FROM segment WHERE id = {id}"),
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get::<Option<DateTime<Utc>>>("", "actual_start")
    .unwrap()
}

/// Opens the event stream of the live view as `cookie`; returns the body stream.
async fn open_events(
    router: &axum::Router,
    cookie: &str,
) -> impl futures::Stream<Item = Result<axum::body::Bytes, axum::Error>> + use<> {
    let request = Request::get(format!("{LIVE}/events"))
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::COOKIE, cookie)
        .body(Body::empty())
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()[header::CONTENT_TYPE],
        "text/event-stream"
    );
    response.into_body().into_data_stream()
}

async fn next_change(
    stream: &mut (impl futures::Stream<Item = Result<axum::body::Bytes, axum::Error>> + Unpin),
) -> String {
    loop {
        let chunk = tokio::time::timeout(Duration::from_secs(2), stream.next())
            .await
            .expect("a change is heard within 2 seconds")
            .expect("the stream is open")
            .unwrap();
        let text = String::from_utf8_lossy(&chunk).into_owned();
        if text.contains("event: changed") {
            return text;
        }
    }
}

/// Moves the Tirana gathering to start `from_now` (its length and programme kept);
/// returns its new start in Tirana.
async fn move_tirana(db: &DatabaseConnection, from_now: chrono::Duration) -> chrono::NaiveDateTime {
    use convene::db::entities::gathering;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};
    let g = gathering::Entity::find()
        .filter(gathering::Column::Slug.eq(common::TIRANA))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let start = Utc::now() + from_now;
    let start = start - chrono::Duration::seconds(start.timestamp() % 60);
    let local = start.with_timezone(&Tirane).naive_local();
    let length = g.ends_local - g.starts_local;
    let mut m: gathering::ActiveModel = g.into();
    m.starts_local = Set(local);
    m.ends_local = Set(local + length);
    m.starts_at = Set(start);
    m.ends_at = Set(start + length);
    m.update(db).await.unwrap();
    local
}

async fn tap(app: &App, cookie: &str, action: &str, segment: i32) -> (StatusCode, String) {
    let (status, _, body) = app
        .post(
            LIVE,
            Some(cookie),
            &[("action", action), ("segment", &segment.to_string())],
        )
        .await;
    (status, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_late_start_shifts_the_programme_and_every_open_view_hears_of_it() {
    let app = app().await;
    let planned_start = move_tirana(&app.db, chrono::Duration::minutes(-20)).await;
    let ids = segment_ids(&app.db).await;
    let host = app.cookie(HOST).await;
    let viewer = app.cookie(VIEWER).await;
    let mut events = Box::pin(open_events(&app.router, &viewer).await);

    // Twenty minutes late, the host starts the opening: everything shifts.
    let (status, _) = tap(&app, &host, "start", ids[0]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    next_change(&mut events).await;

    let started = actual_start(&app.db, ids[0]).await.expect("start stored");
    let (status, page) = app.get(LIVE, Some(&viewer)).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    let second = (started + chrono::Duration::minutes(10))
        .with_timezone(&Tirane)
        .format("%H:%M")
        .to_string();
    let row = &page[page
        .find(&format!("data-segment=\"{}\"", ids[1]))
        .expect("second row")..];
    assert!(row.contains(&format!("{second}–")), "{second} in {row}");
    assert!(
        row.contains(&format!(
            "<del class=\"planned\">{}–",
            (planned_start + chrono::Duration::minutes(10)).format("%H:%M")
        )),
        "planned time shown: {row}"
    );
    assert!(page.contains("data-phase=\"running\""), "{page}");
    assert!(page.contains("class=\"countdown\""), "{page}");
    assert!(
        !page.contains("name=\"action\" value=\"start\""),
        "a viewer gets no buttons"
    );

    // Skipping the film moves the rest up; the next tap is heard again.
    let (status, _) = tap(&app, &host, "skip", ids[1]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    next_change(&mut events).await;
    let (_, page) = app.get(LIVE, Some(&host)).await;
    let row = &page[page.find(&format!("data-segment=\"{}\"", ids[1])).unwrap()..];
    assert!(row.starts_with(&format!("data-segment=\"{}\"", ids[1])));
    assert!(page.contains("data-phase=\"skipped\""), "{page}");

    // Ending a segment that is not running is refused with a message, not a crash.
    let (status, body) = tap(&app, &host, "end", ids[2]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(body.contains("This segment is not running."), "{body}");

    // The run-sheet keeps the history: planned against actual, the skip recorded.
    let (_, sheet) = app
        .get(
            "/manage/o/families-association/tirana-park-2023/run-sheet",
            Some(&viewer),
        )
        .await;
    let day = &sheet[sheet
        .find("class=\"on-the-day")
        .expect("an On the day section")..];
    let started_local = started.with_timezone(&Tirane).format("%H:%M").to_string();
    assert!(
        day.contains(&format!("<td class=\"actual\">{started_local}–")),
        "{day}"
    );
    assert!(day.contains("data-skipped=\"true\""), "{day}");

    let audit = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "SELECT action FROM audit_entry WHERE action LIKE 'live.%' ORDER BY id",
        ))
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.try_get::<String>("", "action").unwrap())
        .collect::<Vec<_>>();
    assert_eq!(audit, ["live.start", "live.skip"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_those_who_run_the_day_can_tap_and_only_organisers_clear_it() {
    let app = app().await;
    let ids = segment_ids(&app.db).await;
    let viewer = app.cookie(VIEWER).await;
    assert_eq!(
        tap(&app, &viewer, "start", ids[0]).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(actual_start(&app.db, ids[0]).await, None);
    assert_eq!(
        app.post(
            LIVE,
            None,
            &[("action", "start"), ("segment", &ids[0].to_string())]
        )
        .await
        .0,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get(&format!("{LIVE}/events"), None).await.0,
        StatusCode::UNAUTHORIZED
    );

    let host = app.cookie(HOST).await;
    assert_eq!(
        tap(&app, &host, "start", ids[0]).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(tap(&app, &host, "reset", 0).await.0, StatusCode::FORBIDDEN);
    let organiser = app.cookie(ORGANISER).await;
    assert_eq!(
        tap(&app, &organiser, "reset", 0).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        actual_start(&app.db, ids[0]).await,
        None,
        "back to the plan"
    );
}

/// Two app instances on one PostgreSQL database: a tap on one reaches the other's live
/// view through LISTEN/NOTIFY.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgresql_a_change_on_one_instance_reaches_the_other() {
    let Some(url) = common::postgres().await else {
        return;
    };
    let (first, second) = common::two_instances(&url).await;
    move_tirana(&first.db, chrono::Duration::minutes(-5)).await;
    let ids = segment_ids(&first.db).await;
    let host = first.cookie(HOST).await;
    let viewer = second.cookie(VIEWER).await;
    let mut events = Box::pin(open_events(&second.router, &viewer).await);
    // Give the second instance's listener a moment to be listening.
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        tap(&first, &host, "start", ids[0]).await.0,
        StatusCode::SEE_OTHER
    );
    next_change(&mut events).await;
    let (_, page) = second.get(LIVE, Some(&viewer)).await;
    assert!(page.contains("data-phase=\"running\""), "{page}");
}

/// A graceful shutdown does not wait forever for open live views: their streams end.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn closing_the_hub_ends_open_event_streams() {
    let app = app().await;
    let hub = convene::server::live::LiveHub::new(app.db.clone());
    let router = convene::server::router_with(
        app.db.clone(),
        leptos::config::LeptosOptions::builder()
            .output_name("convene")
            .build(),
        hub.clone(),
        convene::server::auth::SetupToken::new(common::SETUP_TOKEN),
        convene::server::REQUEST_LIMIT,
    );
    let viewer = app.cookie(VIEWER).await;
    let mut events = Box::pin(open_events(&router, &viewer).await);
    hub.close();
    let end = tokio::time::timeout(Duration::from_secs(2), events.next())
        .await
        .expect("the stream ends at once");
    assert!(end.is_none(), "no more events after closing");
}

/// One session opens live view after live view (a script, or a hundred forgotten tabs):
/// beyond the cap each further stream is refused at once with 429 instead of held open;
/// closing one makes room again, and another member's session is not affected.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_session_cannot_hold_live_streams_without_end() {
    let app = app().await;
    let host = app.cookie(HOST).await;
    let status_of = |cookie: String| {
        let router = app.router.clone();
        async move {
            let request = Request::get(format!("{LIVE}/events"))
                .header(header::HOST, "127.0.0.1:3000")
                .header(header::COOKIE, cookie)
                .body(Body::empty())
                .unwrap();
            router.oneshot(request).await.unwrap()
        }
    };
    let mut open = Vec::new();
    for _ in 0..convene::server::live::MAX_STREAMS_PER_SESSION {
        let response = status_of(host.clone()).await;
        assert_eq!(response.status(), StatusCode::OK);
        open.push(response);
    }
    for _ in 0..92 {
        let response = status_of(host.clone()).await;
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    let viewer = app.cookie(VIEWER).await;
    assert_eq!(
        status_of(viewer).await.status(),
        StatusCode::OK,
        "another session"
    );
    drop(open.pop());
    assert_eq!(status_of(host).await.status(), StatusCode::OK, "room again");
}

/// The request time limit cuts off slow requests, not live views: a stream opened under a
/// limit of a fraction of a second still carries the host's tap made after it passed
/// (through an instance of the same hub with the usual limit, so a busy machine does not
/// cut off the tap itself).
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_live_view_outlives_the_request_time_limit() {
    let app = app().await;
    let limit = Duration::from_millis(200);
    let hub = convene::server::live::LiveHub::new(app.db.clone());
    let limited = common::router_with_limit(&app.db, hub.clone(), limit);
    let router = common::router_with_limit(&app.db, hub, convene::server::REQUEST_LIMIT);
    let host = app.cookie(HOST).await;
    let mut events = Box::pin(open_events(&limited, &host).await);
    tokio::time::sleep(limit * 5).await;
    let first = segment_ids(&app.db).await[0];
    let body = format!("action=start&segment={first}");
    let request = Request::post(LIVE)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &host)
        .body(Body::from(body))
        .unwrap();
    let response = router.clone().oneshot(request).await.unwrap();
    assert!(response.status().is_redirection() || response.status().is_success());
    assert!(next_change(&mut events).await.contains("event: changed"));
}

/// The live view of a gathering held long ago is its record: planned against what
/// happened, no countdown, no buttons, not "years over"; days before, it counts down and
/// taps are a rehearsal.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_day_has_edges_a_record_after_it_and_a_countdown_before() {
    let app = app().await;
    let host = app.cookie(HOST).await;
    // The demo's Tirana gathering was held on 26 November 2023.
    let (status, page) = app.get(LIVE, Some(&host)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("data-day=\"after\""), "{page}");
    assert!(page.contains("Held on Sunday 26 November 2023"), "{page}");
    assert!(!page.contains(" min over"), "{page}");
    assert!(
        !page.contains("name=\"action\" value=\"start\""),
        "no taps after the day"
    );
    assert!(!page.contains("class=\"countdown\""));
    assert!(
        page.contains("not recorded live") && !page.contains("to come"),
        "{page}"
    );

    move_tirana(
        &app.db,
        chrono::Duration::days(3) + chrono::Duration::hours(2),
    )
    .await;
    let (_, page) = app.get(LIVE, Some(&host)).await;
    assert!(page.contains("data-day=\"before\""), "{page}");
    assert!(page.contains("It starts in 3 days"), "{page}");
    assert!(
        page.contains("Taps before the day are a rehearsal"),
        "{page}"
    );
    assert!(
        page.contains("name=\"action\" value=\"start\""),
        "a rehearsal can be tapped"
    );
}
