//! `convene backup`: a consistent copy of the SQLite database taken while it is written.

use convene::config::DatabaseUrl;
use convene::db::{self, auth, demo, queries};

use crate::common;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_taken_during_writes_opens_whole_and_holds_the_organisation() {
    let app = common::app().await;
    let writer = {
        let db = app.db.clone();
        tokio::spawn(async move {
            for i in 0..200 {
                auth::audit(
                    &db,
                    None,
                    None,
                    "test.write",
                    &i.to_string(),
                    "",
                    chrono::Utc::now(),
                )
                .await
                .unwrap();
            }
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    db::backup(&app.db, &copy).await.expect("backup");
    writer.await.unwrap();

    let restored =
        db::connect(&DatabaseUrl::parse(&format!("sqlite://{}", copy.display())).unwrap())
            .await
            .unwrap();
    let check = common::integrity_check(&restored).await;
    assert_eq!(check, "ok");
    let org = queries::organisation_by_slug(&restored, demo::DEMO_ORG)
        .await
        .unwrap()
        .expect("the organisation is in the copy");
    let bundle = queries::gathering_bundle(&restored, org.id, "tirana-park-2023")
        .await
        .unwrap()
        .expect("with its gatherings");
    assert_eq!(bundle.segments.len(), 10);

    // An existing file is never overwritten.
    let again = db::backup(&app.db, &copy).await.unwrap_err();
    assert!(again.contains("already exists"), "{again}");
}
