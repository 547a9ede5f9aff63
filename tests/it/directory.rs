//! Editing the directory: a venue's change reaches the public page; a save from a page
//! opened before someone else's change is refused with who changed it and when, keeping
//! what was typed; deleting a venue still used is refused with where it is used;
//! archiving takes it out of the pickers and keeps it on the gatherings that used it.

use crate::common;

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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
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

/// The names in one list of the directory page, in order.
fn names_in(page: &str, kind: &str) -> Vec<String> {
    let start = page
        .find(&format!("data-kind=\"{kind}\" class=\"directory-list\""))
        .unwrap_or_else(|| panic!("no list of {kind}"));
    let end = start + page[start..].find("</ul>").unwrap();
    page[start..end]
        .split("<strong dir=\"auto\">")
        .skip(1)
        .map(|s| s[..s.find('<').unwrap()].replace("&#x27;", "'"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn long_lists_are_searched_sorted_and_paged() {
    let app = common::app().await;
    let org = convene::db::queries::organisation_by_slug(&app.db, ORG)
        .await
        .unwrap()
        .unwrap();
    for i in 1..=30 {
        convene::db::directory::save_person(
            &app.db,
            org.id,
            None,
            &convene::domain::directory::PersonForm {
                name: format!("Volunteer {i:02}"),
                contact: if i == 7 {
                    "Steward at the blue gate".into()
                } else {
                    String::new()
                },
                ..Default::default()
            },
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    }
    let cookie = app.cookie(HOST).await;
    let base = format!("/manage/o/{ORG}/directory");
    let (status, page) = app.get(&base, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    let first = names_in(&page, "person");
    assert_eq!(first.len(), 25, "a page holds 25");
    let mut sorted = first.clone();
    sorted.sort_by_key(|n| n.to_lowercase());
    assert_eq!(first, sorted, "A to Z");
    assert!(page.contains("Page 1 of 2"));
    let next = page.find("rel=\"next\" href=\"").unwrap() + 17;
    let next = page[next..next + page[next..].find('"').unwrap()].replace("&amp;", "&");
    assert_eq!(next, format!("{base}?person_page=2#people"));
    let (_, page2) = app
        .get(next.split('#').next().unwrap(), Some(&cookie))
        .await;
    let second = names_in(&page2, "person");
    let total = first.len() + second.len();
    assert!(second.iter().all(|n| !first.contains(n)), "no one twice");
    assert!(page2.contains("Page 2 of 2") && page2.contains("rel=\"prev\""));
    // The venues stay on their own first page meanwhile.
    assert_eq!(names_in(&page2, "venue"), names_in(&page, "venue"));

    // Every word, any field, any case; internal notes are searched too (members only).
    let (_, found) = app
        .get(&format!("{base}?q=VOLUNTEER+3"), Some(&cookie))
        .await;
    assert_eq!(
        names_in(&found, "person"),
        [
            "Volunteer 03",
            "Volunteer 13",
            "Volunteer 23",
            "Volunteer 30"
        ]
    );
    assert!(found.contains("Found 0 venues, 4 people, 0 films."));
    assert!(found.contains("Nothing here matches the search."));
    let (_, found) = app.get(&format!("{base}?q=blue+gate"), Some(&cookie)).await;
    assert_eq!(names_in(&found, "person"), ["Volunteer 07"]);

    // Z to A, and the latest change first.
    let (_, desc) = app
        .get(&format!("{base}?sort=name-desc"), Some(&cookie))
        .await;
    let desc = names_in(&desc, "person");
    assert!(desc[0].to_lowercase() >= desc[24].to_lowercase());
    let (_, recent) = app.get(&format!("{base}?sort=recent"), Some(&cookie)).await;
    assert_eq!(names_in(&recent, "person")[0], "Volunteer 30");
    // A page past the end shows the last one; nonsense is read as page 1.
    let (status, last) = app
        .get(&format!("{base}?person_page=99"), Some(&cookie))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(names_in(&last, "person"), second);
    let (status, _) = app
        .get(
            &format!("{base}?person_page=%00x&sort=%3Cscript%3E"),
            Some(&cookie),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(total, 40, "the demo's ten people and thirty volunteers");
}
