//! A corpus of hostile input against every organiser form and the sign-in form: each
//! value in each field (and each field left out). Every answer is a clear refusal (4xx)
//! or a save; nothing panics or fails inside; afterwards every page still renders with
//! the stored text escaped, and every feed still reads as valid iCalendar with no line
//! a title injected.

use crate::common;

use axum::http::StatusCode;
use common::{ORG, OWNER, TIRANA};

/// Hostile values, by what they try.
fn corpus() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("only spaces", "   ".into()),
        ("1 MB", "x".repeat(1 << 20)),
        ("300 KB of two-byte letters", "ë".repeat(150_000)),
        ("30 KB", "a".repeat(30_000)),
        ("NUL", "Vigil\0night".into()),
        ("terminal controls", "\u{7}\u{1b}[2J\u{8}".into()),
        (
            "iCal line injection",
            "Vigil\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT".into(),
        ),
        ("bare LF", "Vigil\nX-INJECTED:1".into()),
        ("script tag", "<script>alert('hostile')</script>".into()),
        (
            "attribute breaker",
            "\"'><img src=x onerror=alert('hostile')>".into(),
        ),
        (
            "textarea breaker",
            "</textarea><img src=x onerror=alert('hostile')>".into(),
        ),
        ("right-to-left override", "\u{202e}fdp.exe".into()),
        ("emoji", "🕯️ 👩‍👧‍👦 ✊🏽".into()),
        ("Persian", "زن، زندگی، آزادی".into()),
        ("SQL", "'; DROP TABLE gathering; --".into()),
        ("huge number", "99999999999999999999999999".into()),
        ("negative", "-1".into()),
        ("float overflow", "1e309".into()),
        ("NaN", "NaN".into()),
        ("unknown zone", "Mars/Olympus_Mons".into()),
        ("path", "../../etc/passwd".into()),
        ("impossible date", "2023-02-30".into()),
        ("impossible time", "25:61".into()),
    ]
}

/// The sign-in form and every change an owner can make, each valid as it stands.
fn forms(ids: &common::Ids) -> Vec<(String, Vec<(String, String)>)> {
    let mut forms = vec![(
        "/sign-in".to_owned(),
        vec![
            ("email".to_owned(), "nobody@example.org".to_owned()),
            ("password".to_owned(), "not the password".to_owned()),
        ],
    )];
    forms.extend(common::changes(ids).into_iter().map(|c| (c.uri, c.form)));
    forms
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_sqlite_hostile_input_is_refused_clearly_or_stored_and_shown_safely() {
    run_corpus(&common::app().await).await;
}

/// PostgreSQL refuses some text SQLite keeps (NUL): the answers must not differ in kind.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn on_postgresql_hostile_input_is_refused_clearly_or_stored_and_shown_safely() {
    let Some(url) = common::postgres().await else {
        return;
    };
    let (app, _) = common::two_instances(&url).await;
    run_corpus(&app).await;
}

async fn run_corpus(app: &common::App) {
    let ids = common::ids(app).await;
    let cookie = app.cookie(OWNER).await;
    let corpus = corpus();
    let mut faults = Vec::new();
    let mut saved = 0;
    let mut refused = 0;
    for (uri, base) in forms(&ids) {
        for (i, (field, _)) in base.iter().enumerate() {
            let variants = corpus
                .iter()
                .map(|(what, value)| (*what, Some(value.as_str())))
                .chain([("missing", None)]);
            for (what, value) in variants {
                let mut form: Vec<(&str, &str)> =
                    base.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
                match value {
                    Some(v) => form[i].1 = v,
                    None => {
                        form.remove(i);
                    }
                }
                let (status, _, body) = app.post(&uri, Some(&cookie), &form).await;
                if status.is_server_error() {
                    faults.push(format!("{uri} {field}={what}: {status}"));
                } else if status.is_client_error() {
                    refused += 1;
                    // A refusal says why, in words, not an empty page.
                    if body.trim().is_empty() {
                        faults.push(format!("{uri} {field}={what}: {status} with no message"));
                    }
                } else {
                    saved += 1;
                }
                for raw in ["<script>alert(", "<img src=x"] {
                    if body.contains(raw) {
                        faults.push(format!("{uri} {field}={what}: echoed {raw} unescaped"));
                    }
                }
            }
        }
    }
    assert!(faults.is_empty(), "{}", faults.join("\n"));
    assert!(
        saved > 50 && refused > 200,
        "saved {saved}, refused {refused}"
    );

    // Every page still renders, with what was stored escaped.
    let pages = [
        format!("/o/{ORG}"),
        format!("/o/{ORG}/{TIRANA}"),
        format!("/o/{ORG}/{TIRANA}/poster"),
        format!("/manage/o/{ORG}/{TIRANA}/run-sheet"),
        format!("/manage/o/{ORG}/{TIRANA}/call-sheets"),
        format!("/manage/o/{ORG}/{TIRANA}/live"),
        format!("/manage/o/{ORG}/{TIRANA}/agenda"),
        format!("/manage/o/{ORG}/{TIRANA}/edit"),
        format!("/manage/o/{ORG}/directory"),
        format!("/manage/o/{ORG}/audit"),
        format!("/manage/o/{ORG}/crew-feeds"),
        "/manage".to_owned(),
    ];
    let mut escaped = false;
    for page in &pages {
        let (status, body) = app.get(page, Some(&cookie)).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        for raw in ["<script>alert(", "<img src=x"] {
            assert!(!body.contains(raw), "{page} shows {raw} unescaped");
        }
        escaped |= body.contains("&lt;script&gt;alert(");
    }
    assert!(escaped, "a stored script tag is shown as text");

    // Every feed still reads as iCalendar, one event per UID, no injected line.
    let export = convene::db::export::export(&app.db, ORG).await.unwrap();
    let mut feeds = vec![format!("/o/{ORG}/calendar.ics")];
    for g in &export.gatherings {
        feeds.push(format!("/o/{ORG}/{}/calendar.ics", g.slug));
        feeds.push(format!("/o/{ORG}/{}/calendar.ics?segments=1", g.slug));
    }
    for feed in &feeds {
        let (status, text) = app.get(feed, None).await;
        if status == StatusCode::NOT_FOUND {
            continue; // a draft has no public feed
        }
        assert_eq!(status, StatusCode::OK, "{feed}");
        let unfolded = text.replace("\r\n ", "");
        for line in unfolded.split_terminator("\r\n") {
            assert!(
                !line.contains('\r') && !line.contains('\n'),
                "{feed}: {line:?}"
            );
            assert!(
                !line.starts_with("SUMMARY:injected") && !line.starts_with("X-INJECTED"),
                "{feed}: injected {line:?}"
            );
        }
        let mut reader = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let calendar = reader
            .next()
            .expect("a calendar")
            .unwrap_or_else(|e| panic!("{feed}: {e}"));
        let uids = calendar
            .events
            .iter()
            .filter(|e| e.properties.iter().any(|p| p.name == "UID"))
            .count();
        assert_eq!(uids, calendar.events.len(), "{feed}");
        assert_eq!(
            unfolded.matches("BEGIN:VEVENT\r\n").count(),
            calendar.events.len(),
            "{feed}"
        );
    }
}

/// A client that opens a post and then sends its body slowly, to hold the server's
/// connections (slowloris), is cut off with 503 when the request time limit passes,
/// instead of being waited for.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_body_sent_too_slowly_is_cut_off_at_the_time_limit() {
    use axum::body::{Body, Bytes};
    use axum::http::{Request, StatusCode, header};
    use futures::StreamExt;
    use tower::ServiceExt;
    let app = common::app().await;
    let hub = convene::server::live::LiveHub::new(app.db.clone());
    let router = common::router_with_limit(&app.db, hub, std::time::Duration::from_millis(300));
    for path in ["/sign-in", "/manage/o/families-association/members"] {
        let first = futures::stream::once(async { Ok::<_, std::io::Error>(Bytes::from("email=")) });
        let body = Body::from_stream(first.chain(futures::stream::pending()));
        let request = Request::post(path)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(body)
            .unwrap();
        let response = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            router.clone().oneshot(request),
        )
        .await
        .unwrap_or_else(|_| panic!("{path}: the slow post is still held after 20 s"))
        .unwrap();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE, "{path}");
    }
}
