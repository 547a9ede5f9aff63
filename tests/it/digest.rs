//! The monthly digest: the month of the Tirana park gathering lists it with its
//! attendance, its statement and the films screened, numbered like the newsletter; the
//! next month follows in number, is private until published, and joins the digest feed.

use crate::common;

use axum::http::StatusCode;
use common::{ORG, ORGANISER, app};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_digest_of_november_2023_lists_the_tirana_gathering_with_its_attendance() {
    let app = app().await;
    let (status, page) = app.get(&format!("/o/{ORG}/digest/2023-11"), None).await;
    assert_eq!(status, StatusCode::OK);
    let page = page.replace("&#x27;", "'");
    assert!(page.contains("No. 111 · November 2023"));
    let held = &page[page.find("id=\"held\"").unwrap()..page.find("id=\"statements\"").unwrap()];
    assert!(held.contains("Public gathering in the park on Rruga Ura"));
    assert!(held.contains("300 people came"), "{held}");
    assert!(held.contains("Europe/Tirane"));
    let statements =
        &page[page.find("id=\"statements\"").unwrap()..page.find("id=\"films\"").unwrap()];
    assert!(statements.contains("Final statement of the gathering in Tirana"));
    let films = &page[page.find("id=\"films\"").unwrap()..page.find("id=\"upcoming\"").unwrap()];
    assert!(films.contains("Biography"));
    assert!(
        page.contains("A cold Sunday in the park"),
        "the editorial note"
    );
    assert!(
        !page.contains("Below freezing forecast"),
        "internal notes stay inside"
    );
    // In Persian, with Persian digits.
    let (_, fa) = app
        .get(&format!("/o/{ORG}/digest/2023-11?lang=fa"), None)
        .await;
    assert!(fa.contains("۱۱۱"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_next_digest_is_numbered_on_and_private_until_published() {
    let app = app().await;
    let december = format!("/o/{ORG}/digest/2023-12");
    let editor = format!("/manage/o/{ORG}/digest/2023-12");
    assert_eq!(app.get(&december, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(
        app.get(&format!("/o/{ORG}/digest/2023-13"), None).await.0,
        StatusCode::NOT_FOUND
    );
    let cookie = app.cookie(ORGANISER).await;
    let (status, page) = app.get(&editor, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    // After No. 111 (November), the editor suggests No. 112.
    assert!(page.contains("No. 112 · December 2023"));
    assert!(page.contains("Not published yet"));

    let (status, _, page) = app
        .post(
            &editor,
            Some(&cookie),
            &[
                ("number", "one hundred"),
                ("editorial_note", "Winter plans."),
                ("published", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Enter the issue number"));
    assert!(page.contains("Winter plans."), "the note typed stays");
    let (status, _, _) = app
        .post(
            &editor,
            Some(&cookie),
            &[
                ("number", "114"),
                ("editorial_note", "Winter plans."),
                ("published", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = app.get(&december, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Winter plans."));

    // The published digests are in the feed, the latest month first.
    let (status, atom) = app.get(&format!("/o/{ORG}/digest.atom"), None).await;
    assert_eq!(status, StatusCode::OK);
    let feed = feed_rs::parser::parse(atom.as_bytes()).expect("an independent parser reads it");
    let titles: Vec<String> = feed
        .entries
        .iter()
        .map(|e| e.title.as_ref().unwrap().content.clone())
        .collect();
    assert_eq!(
        titles,
        [
            "No. 112 · March 2024",
            "No. 114 · December 2023",
            "No. 111 · November 2023"
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_published_issue_shows_its_month_as_it_stood_when_it_was_published() {
    use convene::db::entities::digest;
    use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter, Set};
    let app = app().await;
    // November's issue, as if it had gone out on the 21st: the Tehran rally (20th) was
    // held, the Tirana gathering (26th) still to come.
    let d = digest::Entity::find()
        .filter(digest::Column::Month.eq("2023-11"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut m = d.into_active_model();
    m.published_at = Set(Some("2023-11-21T09:00:00Z".parse().unwrap()));
    m.update(&app.db).await.unwrap();
    let (_, page) = app.get(&format!("/o/{ORG}/digest/2023-11"), None).await;
    let held = &page[page.find("id=\"held\"").unwrap()..page.find("id=\"statements\"").unwrap()];
    let upcoming = &page[page.find("id=\"upcoming\"").unwrap()..];
    assert!(held.contains("Tehran"), "{held}");
    assert!(!held.contains("Rruga Ura"), "{held}");
    assert!(
        upcoming.contains("Public gathering in the park on Rruga Ura"),
        "{upcoming}"
    );
    // Its statement had not been read yet either.
    let statements =
        &page[page.find("id=\"statements\"").unwrap()..page.find("id=\"films\"").unwrap()];
    assert!(
        !statements.contains("Final statement of the gathering in Tirana"),
        "{statements}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn issues_link_only_to_published_issues_and_are_listed_on_one_page() {
    let app = app().await;
    let (status, list) = app.get(&format!("/o/{ORG}/digest"), None).await;
    assert_eq!(status, StatusCode::OK);
    let march = list
        .find("No. 112 · March 2024")
        .expect("March 2024 is listed");
    let november = list
        .find("No. 111 · November 2023")
        .expect("November 2023 is listed");
    assert!(march < november, "newest first");
    assert!(list.contains(&format!("href=\"/o/{ORG}/digest/2024-03\"")));
    // December 2023 to February 2024 have no issue: the links jump over them.
    let (_, nov) = app.get(&format!("/o/{ORG}/digest/2023-11"), None).await;
    assert!(
        nov.contains(&format!("rel=\"next\" href=\"/o/{ORG}/digest/2024-03\"")),
        "{nov}"
    );
    assert!(
        !nov.contains("rel=\"prev\""),
        "nothing was published before No. 111"
    );
    let (_, mar) = app.get(&format!("/o/{ORG}/digest/2024-03"), None).await;
    assert!(
        mar.contains(&format!("rel=\"prev\" href=\"/o/{ORG}/digest/2023-11\"")),
        "{mar}"
    );
    assert!(!mar.contains("rel=\"next\""));
    assert!(
        mar.contains("Women"),
        "March lists the Women's Day gatherings"
    );
    // The organisation's page leads to the list.
    let (_, home) = app.get(&format!("/o/{ORG}"), None).await;
    assert!(home.contains(&format!("href=\"/o/{ORG}/digest\"")));
}
