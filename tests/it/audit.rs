//! The audit log page: owners read who changed what; nobody else can.

use axum::http::StatusCode;

use crate::common;

use common::{HOST, ORGANISER, OUTSIDER, OWNER, app};

const PAGE: &str = "/manage/o/families-association/audit";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn owners_read_who_changed_what() {
    let app = app().await;
    let host = app.cookie(HOST).await;
    let (status, _, _) = app
        .post(
            "/manage/o/families-association/crew-feeds",
            Some(&host),
            &[("action", "create"), ("label", "Tablet at the stage")],
        )
        .await;
    assert_eq!(status, StatusCode::CREATED);

    let owner = app.cookie(OWNER).await;
    let (status, body) = app.get(PAGE, Some(&owner)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let row = &body[body
        .find("data-action=\"crew_feed.create\"")
        .expect("the entry")..];
    let row = &row[..row.find("</tr>").unwrap()];
    assert!(row.contains(HOST), "who: {row}");
    assert!(row.contains("Tablet at the stage"), "what: {row}");
    let (_, workspace) = app.get("/manage", Some(&owner)).await;
    assert!(
        workspace.contains(PAGE),
        "owners find it from the workspace"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_owners_read_the_audit_log() {
    let app = app().await;
    for (who, expected) in [
        (ORGANISER, StatusCode::FORBIDDEN),
        (HOST, StatusCode::FORBIDDEN),
        (OUTSIDER, StatusCode::NOT_FOUND),
    ] {
        let cookie = app.cookie(who).await;
        assert_eq!(app.get(PAGE, Some(&cookie)).await.0, expected, "{who}");
    }
    assert_eq!(app.get(PAGE, None).await.0, StatusCode::UNAUTHORIZED);
    let (_, workspace) = app.get("/manage", Some(&app.cookie(ORGANISER).await)).await;
    assert!(
        !workspace.contains(PAGE),
        "no link for those who cannot read it"
    );
}
