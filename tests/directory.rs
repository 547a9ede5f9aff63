//! Editing the directory: a venue's change reaches the public page; a save from a page
//! opened before someone else's change is refused with who changed it and when, keeping
//! what was typed; deleting a venue still used is refused with where it is used;
//! archiving takes it out of the pickers and keeps it on the gatherings that used it.
#![cfg(feature = "ssr")]

mod common;

use axum::http::StatusCode;
use common::{HOST, ORG, ORGANISER, OWNER, TIRANA};

fn hidden(page: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let at = page.find(&marker).expect(name) + marker.len();
    page[at..at + page[at..].find('"').unwrap()].to_owned()
}

fn venue_fields<'a>(stamp: &'a str, directions: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("action", "save"),
        ("stamp", stamp),
        ("name", "Futsal park, Rruga Ura"),
        ("city", "Tirana"),
        ("country", "Albania"),
        ("time_zone", "Europe/Tirane"),
        ("setting", "outdoor"),
        ("public_directions", directions),
        ("access_notes", "Gate code with the host"),
    ]
}

#[tokio::test]
async fn organisers_edit_archive_and_delete_what_no_gathering_needs() {
    let app = common::app().await;
    let ids = common::ids(&app).await;
    let organiser = app.cookie(ORGANISER).await;
    let owner = app.cookie(OWNER).await;
    let item = format!("/manage/o/{ORG}/directory/venue/{}", ids.venue);

    let (status, page) = app.get(&item, Some(&organiser)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Futsal park, Rruga Ura"));
    assert!(
        page.contains("Public gathering in the park"),
        "lists where it is used"
    );
    let opened = hidden(&page, "stamp");
    // The owner opens the same page, and saves first.
    let (_, owners_page) = app.get(&item, Some(&owner)).await;
    assert_eq!(hidden(&owners_page, "stamp"), opened);

    let (status, location, _) = app
        .post(
            &item,
            Some(&owner),
            &venue_fields(&opened, "Enter from Rruga Ura, by the blue gate."),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert!(location.unwrap().contains("/directory#venue-"));
    let (_, public) = app.get(&format!("/o/{ORG}/{TIRANA}"), None).await;
    assert!(public.contains("Enter from Rruga Ura, by the blue gate."));
    assert!(
        !public.contains("Gate code with the host"),
        "access notes stay inside"
    );

    // The organiser's page was opened before that save: refused, naming who and when.
    let (status, _, refused) = app
        .post(
            &item,
            Some(&organiser),
            &venue_fields(&opened, "Through the park's east side."),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        refused.contains("Changed by owner@example.org at "),
        "{refused}"
    );
    assert!(refused.contains("UTC after you opened this page"));
    assert!(
        refused.contains("Through the park"),
        "what was typed is kept"
    );
    let (_, public) = app.get(&format!("/o/{ORG}/{TIRANA}"), None).await;
    assert!(public.contains("by the blue gate"), "nothing overwritten");

    // A bad value is refused beside its field.
    let (_, fresh) = app.get(&item, Some(&organiser)).await;
    let stamp = hidden(&fresh, "stamp");
    let mut bad = venue_fields(&stamp, "x");
    bad[5] = ("time_zone", "Europe/Tirana");
    let (status, _, page) = app.post(&item, Some(&organiser), &bad).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("is not an IANA time zone"));

    // Still used: deleting is refused with where it is used, and nothing is deleted.
    let (status, _, page) = app.post(&item, Some(&owner), &[("action", "delete")]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("Still used by"), "{page}");
    assert!(page.contains("Public gathering in the park"));
    assert_eq!(app.get(&item, Some(&owner)).await.0, StatusCode::OK);

    // Archived: gone from the new-gathering picker, kept on the gathering that used it.
    let (status, _, _) = app
        .post(&item, Some(&organiser), &[("action", "archive")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, new) = app
        .get(&format!("/manage/o/{ORG}/new"), Some(&organiser))
        .await;
    assert!(
        !new.contains("Futsal park, Rruga Ura"),
        "not offered when planning"
    );
    let (_, public) = app.get(&format!("/o/{ORG}/{TIRANA}"), None).await;
    assert!(public.contains("Futsal park, Rruga Ura"), "history kept");
    let (_, directory) = app
        .get(&format!("/manage/o/{ORG}/directory"), Some(&organiser))
        .await;
    assert!(directory.contains("id=\"archived\""));
    let (status, _, _) = app
        .post(&item, Some(&organiser), &[("action", "restore")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, new) = app
        .get(&format!("/manage/o/{ORG}/new"), Some(&organiser))
        .await;
    assert!(new.contains("Futsal park, Rruga Ura"));

    // Someone no gathering uses can be deleted; a host can neither edit nor delete.
    let (_, location, _) = app
        .post(
            &format!("/manage/o/{ORG}/directory"),
            Some(&organiser),
            &[("action", "person"), ("name", "A reader for one day")],
        )
        .await;
    let id = location
        .unwrap()
        .rsplit("person-")
        .next()
        .unwrap()
        .to_owned();
    let person = format!("/manage/o/{ORG}/directory/person/{id}");
    let host = app.cookie(HOST).await;
    assert_eq!(app.get(&person, Some(&host)).await.0, StatusCode::FORBIDDEN);
    let (status, _, _) = app
        .post(&person, Some(&host), &[("action", "delete")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, location, _) = app
        .post(&person, Some(&organiser), &[("action", "delete")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    assert_eq!(
        app.get(&person, Some(&organiser)).await.0,
        StatusCode::NOT_FOUND
    );

    let org = convene::db::queries::organisation_by_slug(&app.db, ORG)
        .await
        .unwrap()
        .unwrap();
    let log = convene::db::auth::audit_log_named(&app.db, org.id, 50)
        .await
        .unwrap();
    for action in [
        "venue.update",
        "venue.archive",
        "venue.restore",
        "person.create",
        "person.delete",
    ] {
        assert!(
            log.iter().any(|(e, _)| e.action == action),
            "{action} audited"
        );
    }
}
