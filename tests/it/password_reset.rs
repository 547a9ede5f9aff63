//! A member who forgot their password: an owner makes a one-time reset link and passes
//! it on; the member sets a new password with it and every other browser is signed out.
//! An owner cannot use it to take over an account that carries another organisation.

use crate::common;

use axum::http::StatusCode;
use common::{App, HOST, ORGANISER, OWNER, PASSWORD, VIEWER, app};
use convene::db::auth;
use convene::db::entities::{app_user, audit_entry, organisation};
use convene::domain::MemberRole;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, Set};

const MEMBERS: &str = "/manage/o/families-association/members";
const NEW_PASSWORD: &str = "a brand new passphrase";

async fn user_id(app: &App, email: &str) -> i32 {
    app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

/// The reset link a members page shows, as a path.
fn link_in(page: &str) -> String {
    let at = page.find("/reset/").expect("the link is shown");
    let token: String = page[at + 7..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "a 256-bit token");
    format!("/reset/{token}")
}

/// The owner's post asking for a reset link for `email`: status and page.
async fn ask(app: &App, owner: &str, email: &str) -> (StatusCode, String) {
    let member = user_id(app, email).await.to_string();
    let (status, _, page) = app
        .post(
            MEMBERS,
            Some(owner),
            &[("action", "reset"), ("member", &member)],
        )
        .await;
    (status, page)
}

fn setting(new: &'static str, again: &'static str) -> [(&'static str, &'static str); 2] {
    [("password", new), ("password_again", again)]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_member_who_forgot_their_password_sets_a_new_one_with_an_owners_link() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    // The host is still signed in on a phone they lost.
    let lost_phone = app.cookie(HOST).await;

    let (status, page) = ask(&app, &owner, HOST).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Password-reset link for host@example.org made"),
        "{page}"
    );
    let link = link_in(&page);

    // The link's page says whose password it sets, and is never cached.
    let (status, headers, page) = app
        .send(
            axum::http::Request::get(&link)
                .header("host", "127.0.0.1:3000")
                .body(axum::body::Body::empty())
                .unwrap(),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("host@example.org") && page.contains("Set a new password"));
    assert_eq!(headers["cache-control"], "private, no-store");

    // Refusals show beside their field, without the passwords typed.
    let (status, _, page) = app
        .post(&link, None, &setting("too short", "too short"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Use at least 10 characters.") && !page.contains("too short"));
    let (status, _, page) = app
        .post(&link, None, &setting(NEW_PASSWORD, "a brand new pasphrase"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("The two passwords differ."));

    // The new password signs this browser in; the lost phone is signed out.
    let (status, location, _) = app
        .post(&link, None, &setting(NEW_PASSWORD, NEW_PASSWORD))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(location.as_deref(), Some("/manage"));
    assert_eq!(
        app.get("/manage", Some(&lost_phone)).await.0,
        StatusCode::UNAUTHORIZED
    );
    let now = chrono::Utc::now();
    assert!(
        auth::sign_in(&app.db, HOST, PASSWORD, "192.0.2.1", now)
            .await
            .unwrap()
            .is_err(),
        "the old password no longer works"
    );
    assert!(
        auth::sign_in(&app.db, HOST, NEW_PASSWORD, "192.0.2.1", now)
            .await
            .unwrap()
            .is_ok()
    );

    // The link worked once.
    let (status, page) = app.get(&link, None).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("This link no longer works"));
    let (status, _, _) = app
        .post(
            &link,
            None,
            &setting("someone else's try", "someone else's try"),
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        auth::sign_in(&app.db, HOST, NEW_PASSWORD, "192.0.2.1", now)
            .await
            .unwrap()
            .is_ok()
    );

    // The organisation's audit log says who made the link and that it was used.
    let actions: Vec<String> = audit_entry::Entity::find()
        .filter(audit_entry::Column::Action.eq("password_reset.create"))
        .all(&app.db)
        .await
        .unwrap()
        .into_iter()
        .map(|a| a.subject)
        .collect();
    assert_eq!(actions, ["host@example.org"]);
    assert_eq!(
        audit_entry::Entity::find()
            .filter(audit_entry::Column::Action.eq("user.password_reset_link"))
            .count(&app.db)
            .await
            .unwrap(),
        1
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_newer_link_replaces_the_older_and_a_link_for_nobody_is_not_found() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    let first = link_in(&ask(&app, &owner, VIEWER).await.1);
    let second = link_in(&ask(&app, &owner, VIEWER).await.1);
    assert_ne!(first, second);
    assert_eq!(app.get(&first, None).await.0, StatusCode::NOT_FOUND);
    assert_eq!(app.get(&second, None).await.0, StatusCode::OK);
    let nobody = format!("/reset/{}", "0".repeat(64));
    assert_eq!(app.get(&nobody, None).await.0, StatusCode::NOT_FOUND);
    let (status, _, _) = app
        .post(&nobody, None, &setting(NEW_PASSWORD, NEW_PASSWORD))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn only_owners_make_links_and_not_for_themselves() {
    let app = app().await;
    let organiser = app.cookie(ORGANISER).await;
    let (status, _) = ask(&app, &organiser, VIEWER).await;
    assert!(
        matches!(status, StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
        "{status}"
    );
    let owner = app.cookie(OWNER).await;
    let (status, page) = ask(&app, &owner, OWNER).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("Change your own password on your account page."));
    assert!(!page.contains("/reset/"));
    // The members page offers the link for the others only.
    let (_, page) = app.get(MEMBERS, Some(&owner)).await;
    let buttons = page.matches(r#"name="action" value="reset""#).count();
    assert_eq!(buttons, 3, "host, organiser and viewer, not the owner");
}

/// The attack: the owner of a small organisation shares a member with another
/// organisation, and would take over that member's account (and the other
/// organisation's data) by setting its password.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_owner_cannot_take_over_an_account_another_organisation_shares() {
    let app = app().await;
    let other = organisation::ActiveModel {
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
    let owner = app.cookie(OWNER).await;
    // A link made while the viewer belonged only here…
    let link = link_in(&ask(&app, &owner, VIEWER).await.1);
    // …stops working when they also join another organisation (as an organiser there).
    let viewer = user_id(&app, VIEWER).await;
    auth::set_membership(
        &app.db,
        other.id,
        viewer,
        MemberRole::Organiser,
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    assert_eq!(app.get(&link, None).await.0, StatusCode::GONE);
    let (status, _, _) = app
        .post(&link, None, &setting(NEW_PASSWORD, NEW_PASSWORD))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    // And no new link is made for them.
    let (status, page) = ask(&app, &owner, VIEWER).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        page.contains("belongs to an organisation you do not own"),
        "{page}"
    );
    assert!(!page.contains("/reset/"));
    let now = chrono::Utc::now();
    assert!(
        auth::sign_in(&app.db, VIEWER, PASSWORD, "192.0.2.1", now)
            .await
            .unwrap()
            .is_ok(),
        "the viewer's password is unchanged"
    );
    // An owner of both may.
    let me = user_id(&app, OWNER).await;
    auth::set_membership(
        &app.db,
        other.id,
        me,
        MemberRole::Owner,
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let (status, page) = ask(&app, &owner, VIEWER).await;
    assert_eq!(status, StatusCode::OK);
    link_in(&page);
}
