//! Members and invitations: an owner invites by a link that works once, sets roles and
//! removes members; an organisation never loses its last owner.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{App, HOST, ORG, ORGANISER, OUTSIDER, OWNER, VIEWER, app};
use convene::db::entities::{app_user, invitation};
use convene::domain::MemberRole;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const MEMBERS: &str = "/manage/o/families-association/members";

/// The invitation link a members page shows, as a path.
fn link_in(page: &str) -> String {
    let at = page.find("/invite/").expect("the link is shown");
    let token: String = page[at + 8..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect();
    assert_eq!(token.len(), 64, "a 256-bit token");
    format!("/invite/{token}")
}

async fn invite(app: &App, cookie: &str, email: &str, role: &str) -> String {
    let (status, _, page) = app
        .post(
            MEMBERS,
            Some(cookie),
            &[("action", "invite"), ("email", email), ("role", role)],
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    link_in(&page)
}

async fn role_of(app: &App, email: &str) -> Option<MemberRole> {
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(&app.db)
        .await
        .unwrap()?;
    let org = convene::db::queries::organisation_by_slug(&app.db, ORG)
        .await
        .unwrap()
        .unwrap();
    convene::db::auth::role_in(&app.db, user.id, org.id)
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_new_volunteer_joins_by_a_link_that_works_once() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;

    // A mistyped address is refused beside its field.
    let (status, _, page) = app
        .post(
            MEMBERS,
            Some(&owner),
            &[("action", "invite"), ("email", "dritan@"), ("role", "host")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("value=\"dritan@\""), "what was typed stays");
    assert!(!page.contains("/invite/"));

    // The link is shown once, on a page no cache keeps.
    let request = Request::post(MEMBERS)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::COOKIE, &owner)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            "action=invite&email=dritan%40example.org&role=host",
        ))
        .unwrap();
    let (status, headers, page) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(headers[header::CACHE_CONTROL], "no-store");
    // Other sites are never told the address (the link's secret is in its path).
    assert_eq!(
        headers[header::REFERRER_POLICY],
        "strict-origin-when-cross-origin"
    );
    let link = link_in(&page);
    assert!(
        page.contains("http://127.0.0.1:3000/invite/"),
        "a full address to send"
    );
    let (_, page) = app.get(MEMBERS, Some(&owner)).await;
    assert!(page.contains("dritan@example.org"), "listed as open");
    assert!(!page.contains(&link), "the link is not shown again");

    // The link opens for anyone holding it, and says what it is for.
    let (status, page) = app.get(&link, None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("You are invited to join"));
    assert!(page.contains("Association"), "names the organisation");
    assert!(page.contains("as host"));
    assert!(page.contains("value=\"dritan@example.org\""));

    let mut form = vec![
        ("action", "create"),
        ("display_name", "Dritan"),
        ("email", "dritan@example.org"),
        ("password", "a long walk to the park"),
        ("password_again", "a long walk to the parc"),
    ];
    let (status, _, page) = app.post(&link, None, &form).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("The two passwords differ."));
    assert!(
        !page.contains("a long walk"),
        "passwords are never shown back"
    );
    assert_eq!(
        role_of(&app, "dritan@example.org").await,
        None,
        "nothing half made"
    );

    form[4].1 = "a long walk to the park";
    let request = Request::post(link.as_str())
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::ORIGIN, "http://127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(
            form_urlencoded::Serializer::new(String::new())
                .extend_pairs(&form)
                .finish(),
        ))
        .unwrap();
    let (status, headers, _) = app.send(request).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        headers[header::LOCATION],
        "/manage#org-families-association"
    );
    let cookie = headers[header::SET_COOKIE].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    assert_eq!(
        role_of(&app, "dritan@example.org").await,
        Some(MemberRole::Host)
    );
    // Signed in at once: the run-sheet is open to a host, planning is not.
    let (status, _) = app
        .get(
            "/manage/o/families-association/tirana-park-2023/run-sheet",
            Some(&cookie),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = app.get(common::AGENDA_OF_TIRANA, Some(&cookie)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // Used once: the link now says so, and cannot make another account.
    let (status, page) = app.get(&link, None).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("This invitation has been used."));
    form[2].1 = "someone.else@example.org";
    let (status, _, _) = app.post(&link, None, &form).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(role_of(&app, "someone.else@example.org").await, None);

    // A link that never existed is not found.
    let (status, _) = app.get(&format!("/invite/{}", "0".repeat(64)), None).await;
    assert_eq!(status, StatusCode::NOT_FOUND);

    let log = convene::db::auth::audit_log(&app.db, ids_org(&app).await, 20)
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"invitation.create"));
    assert!(actions.contains(&"invitation.accept"));
}

async fn ids_org(app: &App) -> i32 {
    convene::db::queries::organisation_by_slug(&app.db, ORG)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn withdrawn_and_expired_links_no_longer_work() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    let withdrawn = invite(&app, &owner, "a@example.org", "viewer").await;
    let expired = invite(&app, &owner, "b@example.org", "viewer").await;
    let rows = invitation::Entity::find().all(&app.db).await.unwrap();
    let id_of = |email: &str| rows.iter().find(|i| i.email == email).unwrap().id;
    let (status, _, _) = app
        .post(
            MEMBERS,
            Some(&owner),
            &[
                ("action", "revoke"),
                ("invitation", &id_of("a@example.org").to_string()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let mut old: invitation::ActiveModel = rows
        .iter()
        .find(|i| i.email == "b@example.org")
        .unwrap()
        .clone()
        .into();
    old.expires_at = Set(chrono::Utc::now() - chrono::Duration::minutes(1));
    old.update(&app.db).await.unwrap();

    let (status, page) = app.get(&withdrawn, None).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("This invitation was withdrawn."));
    let (status, page) = app.get(&expired, None).await;
    assert_eq!(status, StatusCode::GONE);
    assert!(page.contains("This invitation has expired"));
    let (_, page) = app.get(MEMBERS, Some(&owner)).await;
    assert!(page.contains("No open invitations."));
    let (status, _, _) = app
        .post(
            &withdrawn,
            None,
            &[
                ("action", "create"),
                ("display_name", "A"),
                ("email", "a@example.org"),
                ("password", "a long walk to the park"),
                ("password_again", "a long walk to the park"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(role_of(&app, "a@example.org").await, None);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn someone_signed_in_joins_with_their_account_and_keeps_a_higher_role() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    // The owner of another organisation joins this one as an organiser.
    let link = invite(&app, &owner, OUTSIDER, "organiser").await;
    let outsider = app.cookie(OUTSIDER).await;
    let (status, page) = app.get(&link, Some(&outsider)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Join with this account"));
    assert!(
        !page.contains("name=\"password\""),
        "no account form when signed in"
    );
    let (status, location, _) = app
        .post(&link, Some(&outsider), &[("action", "join")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    assert_eq!(role_of(&app, OUTSIDER).await, Some(MemberRole::Organiser));
    // An organiser invited as a viewer stays an organiser.
    let link = invite(&app, &owner, ORGANISER, "viewer").await;
    let organiser = app.cookie(ORGANISER).await;
    let (status, _, _) = app
        .post(&link, Some(&organiser), &[("action", "join")])
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(role_of(&app, ORGANISER).await, Some(MemberRole::Organiser));
    // Joining needs a session.
    let link = invite(&app, &owner, "c@example.org", "viewer").await;
    let (status, _, _) = app.post(&link, None, &[("action", "join")]).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_people_opening_one_link_at_once_make_one_member() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    let link = invite(&app, &owner, "twice@example.org", "viewer").await;
    let form = |email: &'static str| {
        vec![
            ("action", "create"),
            ("display_name", "Twice"),
            ("email", email),
            ("password", "a long walk to the park"),
            ("password_again", "a long walk to the park"),
        ]
    };
    let (one, two) = (form("first@example.org"), form("second@example.org"));
    let ((a, _, _), (b, _, _)) =
        tokio::join!(app.post(&link, None, &one), app.post(&link, None, &two));
    let mut statuses = [a, b];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::CONFLICT]);
    let joined = [
        role_of(&app, "first@example.org").await,
        role_of(&app, "second@example.org").await,
    ];
    assert_eq!(
        joined.iter().filter(|r| r.is_some()).count(),
        1,
        "{joined:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn owners_set_roles_and_the_last_owner_stays() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    let ids = common::ids(&app).await;
    let viewer = ids.viewer.to_string();
    let (status, _, _) = app
        .post(
            MEMBERS,
            Some(&owner),
            &[("action", "role"), ("member", &viewer), ("role", "host")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(role_of(&app, VIEWER).await, Some(MemberRole::Host));
    let (status, _, page) = app
        .post(
            MEMBERS,
            Some(&owner),
            &[("action", "role"), ("member", &viewer), ("role", "chief")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Choose a role"));

    // The only owner can neither step down nor leave.
    let me = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(OWNER))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let (status, _, page) = app
        .post(
            MEMBERS,
            Some(&owner),
            &[("action", "role"), ("member", &me), ("role", "organiser")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("at least one owner"));
    let (status, _, _) = app
        .post(
            MEMBERS,
            Some(&owner),
            &[("action", "remove"), ("member", &me)],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(role_of(&app, OWNER).await, Some(MemberRole::Owner));

    // With a second owner, the first may step down.
    let host = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(HOST))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    for (member, role) in [(&host, "owner"), (&me, "organiser")] {
        let (status, _, _) = app
            .post(
                MEMBERS,
                Some(&owner),
                &[("action", "role"), ("member", member), ("role", role)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER);
    }
    assert_eq!(role_of(&app, OWNER).await, Some(MemberRole::Organiser));
    // ... and is no longer let in to the members page.
    let (status, _) = app.get(MEMBERS, Some(&owner)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);

    // The new owner removes the viewer: they lose the internal pages.
    let new_owner = app.cookie(HOST).await;
    let (status, _, _) = app
        .post(
            MEMBERS,
            Some(&new_owner),
            &[("action", "remove"), ("member", &viewer)],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(role_of(&app, VIEWER).await, None);
    let viewer_cookie = app.cookie(VIEWER).await;
    let (status, _) = app
        .get(
            "/manage/o/families-association/tirana-park-2023/run-sheet",
            Some(&viewer_cookie),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}
