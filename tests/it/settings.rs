//! An organisation's own settings: owners change its name, public text, main language
//! and contact address; its address and everything under it stay.

use crate::common;

use axum::http::StatusCode;
use common::{ORG, ORGANISER, OWNER, app};

const SETTINGS: &str = "/manage/o/families-association/settings";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_owner_changes_the_organisations_settings_and_the_public_page_follows() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    let (_, page) = app.get(SETTINGS, Some(&owner)).await;
    assert!(
        page.contains("name=\"contact_email\""),
        "owners get the form"
    );

    // A bad address and a bad language are refused beside their fields; what was typed stays.
    let form = |email: &'static str, language: &'static str| {
        vec![
            ("name", "Families' Association of Tirana"),
            ("public_description", "We ask to see our relatives."),
            ("default_language", language),
            ("contact_email", email),
        ]
    };
    let (status, _, page) = app
        .post(SETTINGS, Some(&owner), &form("press at example", "sq"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Enter an e-mail address such as name@example.org."),
        "{page}"
    );
    assert!(
        page.contains("We ask to see our relatives."),
        "the text typed stays"
    );
    let (status, _, page) = app
        .post(
            SETTINGS,
            Some(&owner),
            &form("press@example.org", "Albanian"),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("is not a language code"), "{page}");

    let (status, to, _) = app
        .post(SETTINGS, Some(&owner), &form("Press@Example.org", "sq"))
        .await;
    assert_eq!(
        (status, to.as_deref()),
        (StatusCode::SEE_OTHER, Some(SETTINGS))
    );
    let (status, home) = app.get(&format!("/o/{ORG}"), None).await;
    assert_eq!(status, StatusCode::OK, "the address did not change");
    let home = home.replace("&#x27;", "'");
    assert!(home.contains("Families' Association of Tirana"), "{home}");
    assert!(home.contains("We ask to see our relatives."));
    assert!(home.contains("mailto:press@example.org"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn organisers_read_the_settings_but_only_owners_change_them() {
    let app = app().await;
    let organiser = app.cookie(ORGANISER).await;
    let (status, page) = app.get(SETTINGS, Some(&organiser)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !page.contains("name=\"contact_email\""),
        "no form for organisers"
    );
    let (status, _, _) = app
        .post(
            SETTINGS,
            Some(&organiser),
            &[("name", "Taken over"), ("default_language", "en")],
        )
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
