//! Per-person call sheets through the real router: times at the venue and at home, for
//! members only.

use axum::http::StatusCode;

use crate::common;

use common::{OUTSIDER, VIEWER, app};

const PAGE: &str = "/manage/o/families-association/tirana-park-2023/call-sheets";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_person_gets_a_call_sheet_in_the_venue_zone_and_their_own() {
    let app = app().await;
    let cookie = app.cookie(VIEWER).await;
    let (status, body) = app.get(PAGE, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    // The chief executive speaks online from London at 11:24 Tirana time.
    assert!(
        body.contains("Test the call at 10:54 (09:54 in Europe/London); join at 11:14 (10:14 in Europe/London)."),
        "{body}"
    );
    assert!(body.contains("11:24–"), "{body}");
    assert!(
        body.contains("10:24–"),
        "their part in their own zone: {body}"
    );
    assert!(body.contains("interpreted by"), "{body}");
    // Someone whose message is read out is asked to come to nothing.
    assert!(body.contains("Nothing to attend"), "{body}");
    assert!(body.matches("class=\"call-sheet\"").count() >= 5, "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn call_sheets_are_for_members_only() {
    let app = app().await;
    assert_eq!(app.get(PAGE, None).await.0, StatusCode::UNAUTHORIZED);
    let outsider = app.cookie(OUTSIDER).await;
    assert_eq!(
        app.get(PAGE, Some(&outsider)).await.0,
        StatusCode::NOT_FOUND
    );
}
