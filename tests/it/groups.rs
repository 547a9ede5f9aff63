//! Campaigns and series kept by their organisers: renamed, their text changed,
//! gatherings added and taken out, the group deleted while its gatherings stay.

use crate::common;

use axum::http::StatusCode;
use common::{App, ORG, ORGANISER, TIRANA, VIEWER, app};
use convene::db::entities::{audit_entry, campaign, gathering, series};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn gathering(app: &App, slug: &str) -> gathering::Model {
    gathering::Entity::find()
        .filter(gathering::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

/// Repeats Tirana twice (a series) and returns the series id.
async fn a_series(app: &App, cookie: &str) -> i32 {
    let (status, _, _) = app
        .post(
            &format!("/manage/o/{ORG}/{TIRANA}/edit"),
            Some(cookie),
            &[("action", "series"), ("every", "weekly"), ("count", "2")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    gathering(app, TIRANA).await.series_id.expect("in a series")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_organiser_renames_a_series_takes_one_out_adds_another_and_deletes_it() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let id = a_series(&app, &cookie).await;
    let page = format!("/manage/o/{ORG}/groups/series/{id}");
    let members = || async {
        gathering::Entity::find()
            .filter(gathering::Column::SeriesId.eq(id))
            .count(&app.db)
            .await
            .unwrap()
    };
    assert_eq!(members().await, 3);

    // The edit page leads to it; viewers cannot change it.
    let (_, edit) = app
        .get(&format!("/manage/o/{ORG}/{TIRANA}/edit"), Some(&cookie))
        .await;
    assert!(edit.contains(&page), "the edit page links the series' page");
    let viewer = app.cookie(VIEWER).await;
    assert_eq!(app.get(&page, Some(&viewer)).await.0, StatusCode::FORBIDDEN);

    // A name is required; a refused rename keeps what was typed out of the database.
    let (status, _, body) = app
        .post(&page, Some(&cookie), &[("action", "save"), ("title", "  ")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("This cannot be empty."), "{body}");
    let (status, to, _) = app
        .post(
            &page,
            Some(&cookie),
            &[
                ("action", "save"),
                ("title", "Sunday gatherings in the park"),
            ],
        )
        .await;
    assert_eq!(
        (status, to.as_deref()),
        (StatusCode::SEE_OTHER, Some(page.as_str()))
    );
    let s = series::Entity::find_by_id(id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(s.title, "Sunday gatherings in the park");

    // Take Tirana out; it stays, in no series. Add it back.
    let tirana = gathering(&app, TIRANA).await.id.to_string();
    let (status, _, _) = app
        .post(
            &page,
            Some(&cookie),
            &[("action", "remove"), ("gathering", &tirana)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(gathering(&app, TIRANA).await.series_id, None);
    assert_eq!(members().await, 2);
    let (_, body) = app.get(&page, Some(&cookie)).await;
    assert!(
        body.contains("<option value=\"") && body.contains(&gathering(&app, TIRANA).await.title)
    );
    let (status, _, _) = app
        .post(
            &page,
            Some(&cookie),
            &[("action", "add"), ("gathering", &tirana)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(members().await, 3);

    // A gathering of another organisation, or none, is refused beside the field.
    let (status, _, body) = app
        .post(
            &page,
            Some(&cookie),
            &[("action", "add"), ("gathering", "999999")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body.contains("Choose one of your gatherings."), "{body}");

    // Deleting the series leaves every gathering in place, in no series.
    let before = gathering::Entity::find().count(&app.db).await.unwrap();
    let (status, to, _) = app
        .post(&page, Some(&cookie), &[("action", "delete")])
        .await;
    assert_eq!(
        (status, to.as_deref()),
        (StatusCode::SEE_OTHER, Some("/manage"))
    );
    assert!(
        series::Entity::find_by_id(id)
            .one(&app.db)
            .await
            .unwrap()
            .is_none()
    );
    assert_eq!(
        gathering::Entity::find().count(&app.db).await.unwrap(),
        before
    );
    assert_eq!(members().await, 0);
    assert_eq!(app.get(&page, Some(&cookie)).await.0, StatusCode::NOT_FOUND);
    for action in [
        "series.rename",
        "series.remove",
        "series.add",
        "series.delete",
    ] {
        let n = audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq(action))
            .count(&app.db)
            .await
            .unwrap();
        assert!(n >= 1, "{action} is in the audit log");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_campaigns_new_name_and_text_reach_its_public_page() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let other_venue = convene::db::entities::venue::Entity::find()
        .filter(
            convene::db::entities::venue::Column::Id
                .ne(gathering(&app, TIRANA).await.venue_id.unwrap()),
        )
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id;
    let (status, _, _) = app
        .post(
            &format!("/manage/o/{ORG}/{TIRANA}/edit"),
            Some(&cookie),
            &[
                ("action", "campaign"),
                ("campaign_title", "Vigil in two cities"),
                ("campaign_slug", "two-cities"),
                (&format!("venue_{other_venue}"), "on"),
                ("keep", "local"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let c = campaign::Entity::find()
        .filter(campaign::Column::Slug.eq("two-cities"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let page = format!("/manage/o/{ORG}/groups/campaign/{}", c.id);
    let (status, _, _) = app
        .post(
            &page,
            Some(&cookie),
            &[
                ("action", "save"),
                ("title", "The families' vigil, Tirana and beyond"),
                ("description", "One evening, the same hour in every city."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, public) = app
        .get(&format!("/o/{ORG}/campaigns/two-cities"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(public.contains("vigil, Tirana and beyond"), "{public}");
    assert!(
        public.contains("One evening, the same hour in every city."),
        "{public}"
    );

    // Deleted: the public page is gone, the gatherings stay and say nothing of it.
    let (status, _, _) = app
        .post(&page, Some(&cookie), &[("action", "delete")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.get(&format!("/o/{ORG}/campaigns/two-cities"), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (status, tirana) = app.get(&format!("/o/{ORG}/{TIRANA}"), None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !tirana.contains("/campaigns/two-cities"),
        "still links the campaign"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_organiser_cannot_put_a_gathering_into_another_organisations_series() {
    use sea_orm::{ActiveModelTrait, Set};
    let app = app().await;
    // Another organisation with a series of its own.
    let other = convene::db::entities::organisation::ActiveModel {
        slug: Set("another-society".into()),
        name: Set("Another society".into()),
        default_language: Set("en".into()),
        public_description: Set(String::new()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let theirs = series::ActiveModel {
        organisation_id: Set(other.id),
        title: Set("Their private series".into()),
        created_at: Set(chrono::Utc::now()),
        ..Default::default()
    }
    .insert(&app.db)
    .await
    .unwrap();
    let cookie = app.cookie(ORGANISER).await;
    let tirana = gathering(&app, TIRANA).await;
    // Through one's own organisation's address, naming the other's series: not found.
    let (status, _, _) = app
        .post(
            &format!("/manage/o/{ORG}/groups/series/{}", theirs.id),
            Some(&cookie),
            &[("action", "add"), ("gathering", &tirana.id.to_string())],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(gathering(&app, TIRANA).await.series_id, None, "not linked");
    // And the other organisation's series is never shown as this gathering's.
    let (_, edit) = app
        .get(&format!("/manage/o/{ORG}/{TIRANA}/edit"), Some(&cookie))
        .await;
    assert!(!edit.contains("Their private series"));
}
