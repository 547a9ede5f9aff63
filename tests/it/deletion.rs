//! Deleting a gathering: a draft goes after a page that says what goes with it; a public
//! one is cancelled first and stays in calendars as cancelled for 30 days; an owner
//! recovers what was deleted within 30 days; then it is purged for good.

use crate::common;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use common::{App, ORG, ORGANISER, OWNER, TIRANA, app};
use convene::db::entities::{audit_entry, gathering, segment};
use convene::db::planning;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter, Set,
};

const DRAFT: &str = "vigil-draft";

async fn row(app: &App, slug: &str) -> Option<gathering::Model> {
    gathering::Entity::find()
        .filter(gathering::Column::Slug.eq(slug))
        .one(&app.db)
        .await
        .unwrap()
}

async fn segments_of(app: &App, id: i32) -> u64 {
    segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(id))
        .count(&app.db)
        .await
        .unwrap()
}

async fn audited(app: &App, action: &str, subject: &str) -> bool {
    audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq(action))
        .filter(audit_entry::Column::Subject.eq(subject))
        .count(&app.db)
        .await
        .unwrap()
        == 1
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_draft_goes_after_a_page_that_says_what_goes_and_an_owner_brings_it_back() {
    let app = app().await;
    let organiser = app.cookie(ORGANISER).await;
    let owner = app.cookie(OWNER).await;
    let draft = row(&app, DRAFT).await.unwrap();
    for title in ["Candles", "Reading of the names"] {
        let (status, _, _) = app
            .post(
                &format!("/manage/o/{ORG}/{DRAFT}/agenda"),
                Some(&organiser),
                &[
                    ("action", "add"),
                    ("kind", "speech"),
                    ("title", title),
                    ("duration", "10"),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    let segments = segments_of(&app, draft.id).await;
    assert!(segments >= 2, "the draft has an agenda");

    // The page that asks says what goes with it and how long it can be recovered.
    let ask = format!("/manage/o/{ORG}/{DRAFT}/delete");
    let (status, page) = app.get(&ask, Some(&organiser)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Delete it"), "{page}");
    let goes = if segments == 1 {
        "one segment of the agenda".to_owned()
    } else {
        format!("{segments} segments of the agenda")
    };
    assert!(page.contains(&goes), "{page}");
    assert!(page.contains("for 30 days"), "{page}");

    let (status, to, _) = app.post(&ask, Some(&organiser), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(to.as_deref(), Some("/manage"));
    assert!(audited(&app, "gathering.delete", DRAFT).await);

    // Gone from the workspace and from every organiser page; its rows wait.
    let (_, workspace) = app.get("/manage", Some(&organiser)).await;
    assert!(!workspace.contains(DRAFT), "still in the workspace");
    for page in ["edit", "agenda", "run-sheet", "live"] {
        let (status, _) = app
            .get(&format!("/manage/o/{ORG}/{DRAFT}/{page}"), Some(&organiser))
            .await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{page}");
    }
    assert_eq!(segments_of(&app, draft.id).await, segments);
    // Its venue still says it is used by it, without a link to pages that are gone.
    let venue = format!(
        "/manage/o/{ORG}/directory/venue/{}",
        draft.venue_id.expect("the draft has a venue")
    );
    let (_, item) = app.get(&venue, Some(&organiser)).await;
    assert!(item.contains("waiting in"), "{item}");
    assert!(!item.contains(&format!("/{DRAFT}/agenda")), "{item}");

    // Only owners see "Recently deleted", with who deleted it.
    let deleted = format!("/manage/o/{ORG}/deleted");
    let (status, _) = app.get(&deleted, Some(&organiser)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, list) = app.get(&deleted, Some(&owner)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(list.contains(&draft.title), "{list}");
    assert!(list.contains(&format!("by {ORGANISER}")), "{list}");

    let id = draft.id.to_string();
    let (status, to, _) = app
        .post(
            &deleted,
            Some(&owner),
            &[("action", "recover"), ("id", &id)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(to, Some(format!("/manage/o/{ORG}/{DRAFT}/edit")));
    assert!(audited(&app, "gathering.recover", DRAFT).await);
    let (status, _) = app
        .get(&format!("/manage/o/{ORG}/{DRAFT}/agenda"), Some(&organiser))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        segments_of(&app, draft.id).await,
        segments,
        "back as it was"
    );
    let (_, list) = app.get(&deleted, Some(&owner)).await;
    assert!(!list.contains(&draft.title), "still listed after recovery");

    // Recovering what is not deleted finds nothing.
    let (status, _, _) = app
        .post(
            &deleted,
            Some(&owner),
            &[("action", "recover"), ("id", &id)],
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_public_gathering_is_cancelled_first_and_calendars_see_the_cancellation_for_30_days() {
    let app = app().await;
    let organiser = app.cookie(ORGANISER).await;
    let ask = format!("/manage/o/{ORG}/{TIRANA}/delete");
    let feed = format!("/o/{ORG}/calendar.ics");

    // Published: the page says to cancel first, and a post is refused with the reason.
    let (status, page) = app.get(&ask, Some(&organiser)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("cancel it first"), "{page}");
    assert!(!page.contains("Delete it"), "{page}");
    let (status, _, page) = app.post(&ask, Some(&organiser), &[]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        page.contains("This gathering is public: cancel it first."),
        "{page}"
    );
    assert!(row(&app, TIRANA).await.unwrap().deleted_at.is_none());

    // Cancelled yesterday: calendars still need to hear it; the day it can go is named.
    let g = row(&app, TIRANA).await.unwrap();
    let mut m = g.clone().into_active_model();
    m.status = Set(convene::domain::GatheringStatus::Cancelled);
    m.cancelled_at = Set(Some(Utc::now() - Duration::days(1)));
    m.update(&app.db).await.unwrap();
    let (_, ics) = app.get(&feed, None).await;
    let at = ics.find(&g.uid).expect("in the feed");
    let event = &ics[ics[..at].rfind("BEGIN:VEVENT").unwrap()..];
    let event = &event[..event.find("END:VEVENT").unwrap()];
    assert!(event.contains("STATUS:CANCELLED"), "{event}");
    let from = (Utc::now() + Duration::days(29))
        .format("%Y-%m-%d")
        .to_string();
    let (status, _, page) = app.post(&ask, Some(&organiser), &[]).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        page.contains(&format!("it can be deleted from {from}")),
        "{page}"
    );

    // Cancelled 31 days ago: it goes, from the public page and every feed.
    let mut m = row(&app, TIRANA).await.unwrap().into_active_model();
    m.cancelled_at = Set(Some(Utc::now() - Duration::days(31)));
    m.update(&app.db).await.unwrap();
    let (status, _, _) = app.post(&ask, Some(&organiser), &[]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    for path in [
        format!("/o/{ORG}/{TIRANA}"),
        format!("/o/{ORG}/{TIRANA}/calendar.ics"),
        format!("/o/{ORG}/{TIRANA}/poster"),
    ] {
        let (status, _) = app.get(&path, None).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
    }
    let (_, ics) = app.get(&feed, None).await;
    assert!(!ics.contains(&g.uid), "still in the organisation's feed");
    let (_, atom) = app.get(&format!("/o/{ORG}/feed.atom"), None).await;
    assert!(!atom.contains(&g.title), "still in the Atom feed");
    let (_, home) = app.get(&format!("/o/{ORG}"), None).await;
    assert!(
        !home.contains(&format!("/o/{ORG}/{TIRANA}\"")),
        "still listed"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_deleted_gathering_keeps_its_address_until_it_is_purged() {
    let app = app().await;
    let organiser = app.cookie(ORGANISER).await;
    let draft = row(&app, DRAFT).await.unwrap();
    let (status, _, _) = app
        .post(
            &format!("/manage/o/{ORG}/{DRAFT}/delete"),
            Some(&organiser),
            &[],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // A new gathering cannot take the address: the refusal says where it is kept.
    let (status, _, page) = app
        .post(
            &format!("/manage/o/{ORG}/new"),
            Some(&organiser),
            &[
                ("title", "Another vigil"),
                ("slug", DRAFT),
                ("kind", "vigil"),
                ("status", "draft"),
                ("date", "2027-03-08"),
                ("starts", "18:00"),
                ("ends", "19:00"),
                ("time_zone", "Europe/Tirane"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("in Recently deleted"), "{page}");

    // Purged once 30 days have passed, with everything under it; nothing else goes.
    let before = gathering::Entity::find().count(&app.db).await.unwrap();
    assert_eq!(
        planning::purge(&app.db, Utc::now() + Duration::days(29))
            .await
            .unwrap(),
        0
    );
    assert_eq!(
        planning::purge(&app.db, Utc::now() + Duration::days(31))
            .await
            .unwrap(),
        1
    );
    assert!(row(&app, DRAFT).await.is_none());
    assert_eq!(segments_of(&app, draft.id).await, 0);
    assert_eq!(
        gathering::Entity::find().count(&app.db).await.unwrap(),
        before - 1
    );
    // Nothing was left pointing at what went.
    use sea_orm::{ConnectionTrait, Statement};
    let dangling = app
        .db
        .query_all_raw(Statement::from_string(
            app.db.get_database_backend(),
            "PRAGMA foreign_key_check",
        ))
        .await
        .unwrap();
    assert!(
        dangling.is_empty(),
        "{} rows point at nothing",
        dangling.len()
    );
}
