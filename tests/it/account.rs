//! A member's own account: a password changed signs every other browser out, a
//! forgotten browser's session ends on its own, and old traces are forgotten.

use crate::common;

use axum::http::StatusCode;
use chrono::{Duration, Utc};
use convene::db::auth;
use convene::db::entities::{audit_entry, session, sign_in_failure};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

use common::{HOST, PASSWORD, app};

const ACCOUNT: &str = "/manage/account";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn changing_the_password_signs_every_other_browser_out() {
    let app = app().await;
    let laptop = app.cookie(HOST).await;
    let phone = app.cookie(HOST).await;
    let (status, page) = app.get(ACCOUNT, Some(&laptop)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("signed in on 2 browsers"), "{page}");

    let change = |current: &'static str, new: &'static str, again: &'static str| {
        [
            ("action", "password"),
            ("current_password", current),
            ("new_password", new),
            ("new_password_again", again),
        ]
    };
    // Someone at an unlocked laptop does not know the password.
    let (status, _, page) = app
        .post(
            ACCOUNT,
            Some(&laptop),
            &change("a guess at it", "taken over 2023", "taken over 2023"),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("This is not your current password."));
    assert!(!page.contains("a guess at it") && !page.contains("taken over 2023"));
    let (status, _, page) = app
        .post(
            ACCOUNT,
            Some(&laptop),
            &change(PASSWORD, "a new long password", "a new long pasword"),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("The two passwords differ."));

    let (status, location, _) = app
        .post(
            ACCOUNT,
            Some(&laptop),
            &change(PASSWORD, "a new long password", "a new long password"),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/manage/account?done=password"));
    let (status, page) = app
        .get("/manage/account?done=password", Some(&laptop))
        .await;
    assert_eq!(status, StatusCode::OK, "this browser stays signed in");
    assert!(page.contains("Every other browser was signed out."));
    assert_eq!(
        app.get("/manage", Some(&phone)).await.0,
        StatusCode::UNAUTHORIZED
    );
    let now = Utc::now();
    assert!(
        auth::sign_in(&app.db, HOST, PASSWORD, "192.0.2.1", now)
            .await
            .unwrap()
            .is_err()
    );
    assert!(
        auth::sign_in(&app.db, HOST, "a new long password", "192.0.2.1", now)
            .await
            .unwrap()
            .is_ok()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn signing_out_everywhere_ends_every_session() {
    let app = app().await;
    let laptop = app.cookie(HOST).await;
    let phone = app.cookie(HOST).await;
    let (status, location, _) = app
        .post(ACCOUNT, Some(&phone), &[("action", "sign-out-everywhere")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/sign-in"));
    for cookie in [&laptop, &phone] {
        assert_eq!(
            app.get("/manage", Some(cookie)).await.0,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(app.get(ACCOUNT, None).await.0, StatusCode::UNAUTHORIZED);
}

/// A session unused for a week ends, however long it had left; one in use lives on; and
/// the hourly pruning forgets ended sessions, old sign-in attempts and old addresses.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_forgotten_session_ends_and_old_traces_are_forgotten() {
    let app = app().await;
    let db = &app.db;
    let start = Utc::now();
    let used = auth::sign_in(db, HOST, PASSWORD, "198.51.100.7", start)
        .await
        .unwrap()
        .unwrap();
    let forgotten = auth::sign_in(db, HOST, PASSWORD, "198.51.100.7", start)
        .await
        .unwrap()
        .unwrap();
    for day in 1..=10 {
        let at = start + Duration::days(day);
        assert!(
            auth::session_user(db, &used.token, at)
                .await
                .unwrap()
                .is_some(),
            "day {day}"
        );
    }
    let later = start + Duration::days(auth::IDLE_DAYS) + Duration::minutes(1);
    assert!(
        auth::session_user(db, &forgotten.token, later)
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        auth::sign_in(db, HOST, "a wrong guess", "203.0.113.9", start)
            .await
            .unwrap()
            .is_err()
    );

    let month = start + Duration::days(auth::KNOWN_ADDRESS_DAYS + 1);
    auth::prune(db, month).await.unwrap();
    let sessions = session::Entity::find().count(db).await.unwrap();
    assert_eq!(
        sessions, 0,
        "the used session ended too (30 days), the forgotten one idle"
    );
    assert_eq!(sign_in_failure::Entity::find().count(db).await.unwrap(), 0);
    let kept_addresses = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("session.sign_in"))
        .filter(audit_entry::Column::Detail.ne(""))
        .count(db)
        .await
        .unwrap();
    assert_eq!(kept_addresses, 0, "sign-ins keep no address after a month");
}
