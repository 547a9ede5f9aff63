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
            ("content_languages", "sq Shqip\nfa فارسی"),
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
    assert!(page.contains("is not a language tag"), "{page}");

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

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_owner_makes_another_organisation_and_owns_it() {
    use convene::db::entities::{audit_entry, organisation};
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    let (_, workspace) = app.get("/manage", Some(&owner)).await;
    assert!(workspace.contains("href=\"/manage/organisations/new\""));
    let new = "/manage/organisations/new";
    let (status, _) = app.get(new, Some(&owner)).await;
    assert_eq!(status, StatusCode::OK);

    // A name already taken (the address made from it exists) is refused beside the field.
    let (status, _, page) = app
        .post(
            new,
            Some(&owner),
            &[("org_name", "Families Association"), ("org_language", "sq")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("An organisation with this name is already here"),
        "{page}"
    );

    // A name an address cannot spell gets a numbered address, and can be made once.
    let persian = [("org_name", "انجمن خانواده‌ها"), ("org_language", "fa")];
    let (status, to, _) = app.post(new, Some(&owner), &persian).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(to.as_deref(), Some("/manage/o/organisation-1/settings"));
    let (status, _, page) = app.post(new, Some(&owner), &persian).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    let (status, to, _) = app
        .post(
            new,
            Some(&owner),
            &[("org_name", "جمعیت دیگر"), ("org_language", "fa")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(to.as_deref(), Some("/manage/o/organisation-2/settings"));

    let (status, to, _) = app
        .post(
            new,
            Some(&owner),
            &[
                ("org_name", "Stockholm screenings"),
                ("org_description", "Documentary evenings in Stockholm."),
                ("org_language", "sv"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        to.as_deref(),
        Some("/manage/o/stockholm-screenings/settings")
    );
    let (status, _) = app.get(to.as_deref().unwrap(), Some(&owner)).await;
    assert_eq!(status, StatusCode::OK, "its maker owns it");
    let o = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq("stockholm-screenings"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(o.default_language, "sv");
    assert_eq!(o.public_description, "Documentary evenings in Stockholm.");
    let audited = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("organisation.create"))
        .one(&app.db)
        .await
        .unwrap();
    assert!(audited.is_some());
    let (status, _) = app.get("/o/stockholm-screenings", None).await;
    assert_eq!(status, StatusCode::OK);

    // Someone who owns no organisation cannot make one.
    let organiser = app.cookie(ORGANISER).await;
    assert_eq!(
        app.get(new, Some(&organiser)).await.0,
        StatusCode::FORBIDDEN
    );
    let (status, _, _) = app
        .post(new, Some(&organiser), &[("org_name", "A takeover")])
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(app.get(new, None).await.0, StatusCode::UNAUTHORIZED);
}
