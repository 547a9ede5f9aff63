//! Two app instances on one PostgreSQL database, as behind a load balancer: a session
//! made on one works on the other, each serves the other's edits at once (pages and
//! feeds), and an edit made from a page one instance served before the other saved a
//! change is refused as stale, with what was typed kept.

use crate::common;

use axum::http::{Request, StatusCode, header};
use common::{AGENDA_OF_TIRANA, ORG, ORGANISER, TIRANA};

fn version(page: &str) -> String {
    let at = page
        .find("name=\"version\" value=\"")
        .expect("a version field")
        + 22;
    page[at..at + page[at..].find('"').unwrap()].to_owned()
}

async fn etag(app: &common::App, uri: &str) -> String {
    let request = Request::get(uri)
        .header(header::HOST, "127.0.0.1:3000")
        .body(axum::body::Body::empty())
        .unwrap();
    let (status, headers, _) = app.send(request).await;
    assert_eq!(status, StatusCode::OK, "{uri}");
    headers[header::ETAG].to_str().unwrap().to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_serve_each_others_edits_and_refuse_stale_ones() {
    let Some(url) = common::postgres().await else {
        return;
    };
    let (first, second) = common::two_instances(&url).await;
    let feed = format!("/o/{ORG}/{TIRANA}/calendar.ics?segments=1");
    let etag_before = etag(&second, &feed).await;

    // Signed in on the first instance, the same cookie works on the second.
    let cookie = first.cookie(ORGANISER).await;
    let (status, page) = second.get(AGENDA_OF_TIRANA, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let stale = version(&page);

    // Saved on the first instance...
    let (status, _, _) = first
        .post(
            AGENDA_OF_TIRANA,
            Some(&cookie),
            &[
                ("action", "add"),
                ("version", &stale),
                ("kind", "message_read_out"),
                ("title", "A message from the mothers in Toronto"),
                ("duration", "4"),
                ("public", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // ... served by the second at once: the public page and a changed feed.
    let (_, public) = second.get(&format!("/o/{ORG}/{TIRANA}"), None).await;
    assert!(public.contains("A message from the mothers in Toronto"));
    let etag_after = etag(&second, &feed).await;
    assert_ne!(etag_before, etag_after, "the feed's validator changed");
    let (_, text) = second.get(&feed, None).await;
    assert!(text.contains("A message from the mothers in Toronto"));

    // An edit from the page the second instance served before is refused there.
    let (status, _, page) = second
        .post(
            AGENDA_OF_TIRANA,
            Some(&cookie),
            &[
                ("action", "add"),
                ("version", &stale),
                ("kind", "speech"),
                ("title", "Words typed into an old page"),
                ("duration", "5"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("after you opened this page"));
    assert!(
        page.contains("Words typed into an old page"),
        "what was typed is kept"
    );
    let (_, agenda) = first.get(AGENDA_OF_TIRANA, Some(&cookie)).await;
    assert!(
        !agenda.contains("Words typed into an old page"),
        "nothing of the stale edit was saved"
    );
}
