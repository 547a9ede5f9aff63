//! Every route and server function × anonymous / member of another organisation /
//! viewer / host / organiser / owner: allowed or refused, as the table says.
//!
//! Refusals are told apart: 401 for nobody signed in, 404 for someone of another
//! organisation (who is not even told the organisation has internal pages), 403 for a
//! member whose role does not allow it. Each principal runs the whole table on a fresh
//! database, in order, so what an allowed post changes is never what a later row needs.

use crate::common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{
    HOST, Ids, ORG, ORGANISER, OUTSIDER, OWNER, OWNERS, PLAN, READ, Roles, TIRANA, VIEWER, ids,
};
use convene::db::auth;
use convene::db::entities::{app_user, organisation};
use convene::domain::MemberRole;
use leptos::server_fn::ServerFn;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Anonymous,
    /// Owner of another organisation.
    Stranger,
    Member(MemberRole),
}

#[derive(Debug, Clone, Copy)]
enum Rule {
    /// Anyone, signed in or not.
    Public,
    /// Nobody: not public, and not an internal route either.
    Nobody,
    /// Any signed-in account.
    SignedIn,
    /// Members whose role is marked.
    Members(Roles),
}

struct Case {
    what: &'static str,
    method: Method,
    uri: String,
    form: Vec<(String, String)>,
    rule: Rule,
}

fn get(what: &'static str, uri: impl Into<String>, rule: Rule) -> Case {
    Case {
        what,
        method: Method::GET,
        uri: uri.into(),
        form: Vec::new(),
        rule,
    }
}

fn post(what: &'static str, uri: impl Into<String>, form: &[(&str, String)], rule: Rule) -> Case {
    Case {
        what,
        method: Method::POST,
        uri: uri.into(),
        form: form
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        rule,
    }
}

/// A server function called as the browser would (form-encoded arguments).
fn server_fn<F: ServerFn>(what: &'static str, args: &[(&str, &str)], rule: Rule) -> Case {
    post(
        what,
        F::PATH,
        &args
            .iter()
            .map(|(k, v)| (*k, (*v).to_owned()))
            .collect::<Vec<_>>(),
        rule,
    )
}

fn table(ids: &Ids) -> Vec<Case> {
    use Rule::*;
    use convene::api::{
        account::LoadAccount, audit::LoadAudit, call_sheets::LoadCallSheets,
        crew_feeds::LoadCrewFeeds, deleted::LoadDeletion, deleted::LoadRecentlyDeleted,
        directory::LoadDirectory, directory::LoadDirectoryItem, gathering::PreviewGathering,
        gathering::PreviewPoster, gathering::PublicGathering, gathering::PublicPoster,
        groups::LoadGroup, issued::LoadIssuedEditor, issued::LoadIssuedList, live::LoadLive,
        members::LoadMembers, organisations::ListOrganisations, organisations::OrganisationHome,
        organisations::PublicPerson, organisations::PublicVenue, planning::LoadAgendaEditor,
        planning::LoadEditGathering, planning::LoadNewGathering, programme::PublicProgramme,
        settings::LoadSettings, workspace::LoadRunSheet, workspace::LoadWorkspace,
    };
    let m = format!("/manage/o/{ORG}");
    let agenda = format!("{m}/{TIRANA}/agenda");
    let live = format!("{m}/{TIRANA}/live");
    let venue = ids.venue.to_string();
    let listed = ids.listed_person.to_string();
    let args = |org: &'static str| [("org", org), ("slug", TIRANA), ("lang", "en")];
    let mut rows = vec![
        // Public pages and feeds.
        get("start page", "/", Public),
        get("organisation page", format!("/o/{ORG}"), Public),
        get("gathering page", format!("/o/{ORG}/{TIRANA}"), Public),
        get("poster", format!("/o/{ORG}/{TIRANA}/poster"), Public),
        get("Atom feed", format!("/o/{ORG}/feed.atom"), Public),
        get("digest", format!("/o/{ORG}/digest/2023-11"), Public),
        get("digest feed", format!("/o/{ORG}/digest.atom"), Public),
        get(
            "statements and letters",
            format!("/o/{ORG}/statements"),
            Public,
        ),
        get(
            "a published letter",
            format!(
                "/o/{ORG}/statements/2024-02-12-open-letter-to-the-minister-for-europe-and-foreign-affairs"
            ),
            Public,
        ),
        get(
            "an unpublished letter",
            format!("/o/{ORG}/statements/2024-11-20-letter-to-the-embassy-not-sent"),
            Nobody,
        ),
        get(
            "venue page",
            format!("/o/{ORG}/venues/{}", ids.venue),
            Public,
        ),
        get(
            "listed person's page",
            format!("/o/{ORG}/people/{}", ids.listed_person),
            Public,
        ),
        get(
            "organisation feed",
            format!("/o/{ORG}/calendar.ics"),
            Public,
        ),
        get(
            "gathering feed",
            format!("/o/{ORG}/{TIRANA}/calendar.ics"),
            Public,
        ),
        get("programme", format!("/o/{ORG}/{TIRANA}/programme"), Public),
        get(
            "programme feed",
            format!("/o/{ORG}/{TIRANA}/programme.ics"),
            Public,
        ),
        get(
            "frab schedule (XML)",
            format!("/o/{ORG}/{TIRANA}/schedule.xml"),
            Public,
        ),
        get(
            "frab schedule (JSON)",
            format!("/o/{ORG}/{TIRANA}/schedule.json"),
            Public,
        ),
        get("my programme", format!("/o/{ORG}/{TIRANA}/my"), Public),
        get(
            "draft's programme",
            format!("/o/{ORG}/vigil-draft/programme"),
            Nobody,
        ),
        get(
            "draft's programme feed",
            format!("/o/{ORG}/vigil-draft/programme.ics"),
            Nobody,
        ),
        get(
            "draft's frab schedule",
            format!("/o/{ORG}/vigil-draft/schedule.xml"),
            Nobody,
        ),
        get(
            "draft's public page",
            format!("/o/{ORG}/vigil-draft"),
            Nobody,
        ),
        get(
            "draft's public feed",
            format!("/o/{ORG}/vigil-draft/calendar.ics"),
            Nobody,
        ),
        server_fn::<ListOrganisations>("list_organisations", &[], Public),
        server_fn::<OrganisationHome>("organisation_home", &[("org", ORG), ("lang", "en")], Public),
        server_fn::<PublicGathering>("public_gathering", &args(ORG), Public),
        server_fn::<PublicPoster>("public_poster", &args(ORG), Public),
        server_fn::<PublicProgramme>("public_programme", &args(ORG), Public),
        server_fn::<PublicProgramme>(
            "public_programme of a draft",
            &[("org", ORG), ("slug", "vigil-draft"), ("lang", "en")],
            Nobody,
        ),
        server_fn::<PublicGathering>(
            "public_gathering of a draft",
            &[("org", ORG), ("slug", "vigil-draft"), ("lang", "en")],
            Nobody,
        ),
        server_fn::<PublicVenue>(
            "public_venue",
            &[("org", ORG), ("id", &venue), ("lang", "en")],
            Public,
        ),
        server_fn::<PublicPerson>(
            "public_person",
            &[("org", ORG), ("id", &listed), ("lang", "en")],
            Public,
        ),
        get("setup page, an owner being there", "/setup", Nobody),
        post(
            "setup, an owner being there",
            "/setup",
            &[
                ("display_name", "Intruder".into()),
                ("email", "intruder@example.org".into()),
                ("password", "a long enough password".into()),
                ("password_again", "a long enough password".into()),
                ("organisation", ORG.into()),
            ],
            Nobody,
        ),
        // Members' pages.
        get("workspace", "/manage", SignedIn),
        server_fn::<LoadWorkspace>("load_workspace", &[("lang", "en")], SignedIn),
        get("own account", "/manage/account", SignedIn),
        server_fn::<LoadAccount>("load_account", &[], SignedIn),
        get(
            "run-sheet",
            format!("{m}/{TIRANA}/run-sheet"),
            Members(READ),
        ),
        server_fn::<LoadRunSheet>("load_run_sheet", &args(ORG), Members(READ)),
        get(
            "call sheets",
            format!("{m}/{TIRANA}/call-sheets"),
            Members(READ),
        ),
        server_fn::<LoadCallSheets>("load_call_sheets", &args(ORG), Members(READ)),
        get("live view", live.clone(), Members(READ)),
        server_fn::<LoadLive>("load_live", &args(ORG), Members(READ)),
        get("crew feeds", format!("{m}/crew-feeds"), Members(READ)),
        server_fn::<LoadCrewFeeds>("load_crew_feeds", &[("org", ORG)], Members(READ)),
        get("directory", format!("{m}/directory"), Members(READ)),
        get(
            "edit a venue",
            format!("{m}/directory/venue/{}", ids.venue),
            Members(PLAN),
        ),
        server_fn::<LoadDirectory>("load_directory", &[("org", ORG)], Members(READ)),
        server_fn::<LoadDirectoryItem>(
            "load_directory_item",
            &[("org", ORG), ("kind", "venue"), ("id", &venue)],
            Members(PLAN),
        ),
        get("new gathering", format!("{m}/new"), Members(PLAN)),
        server_fn::<LoadNewGathering>("load_new_gathering", &[("org", ORG)], Members(PLAN)),
        get("agenda editor", agenda.clone(), Members(PLAN)),
        server_fn::<LoadAgendaEditor>("load_agenda_editor", &args(ORG), Members(PLAN)),
        get(
            "edit gathering",
            format!("{m}/{TIRANA}/edit"),
            Members(PLAN),
        ),
        server_fn::<LoadEditGathering>(
            "load_edit_gathering",
            &[("org", ORG), ("slug", TIRANA)],
            Members(PLAN),
        ),
        get("settings", format!("{m}/settings"), Members(PLAN)),
        server_fn::<LoadSettings>("load_settings", &[("org", ORG)], Members(PLAN)),
        get(
            "delete a gathering: the page that asks",
            format!("{m}/{TIRANA}/delete"),
            Members(PLAN),
        ),
        server_fn::<LoadDeletion>(
            "load_deletion",
            &[("org", ORG), ("slug", TIRANA)],
            Members(PLAN),
        ),
        get("recently deleted", format!("{m}/deleted"), Members(OWNERS)),
        get(
            "preview of a draft",
            format!("{m}/vigil-draft/preview"),
            Members(READ),
        ),
        get(
            "preview of a draft's poster",
            format!("{m}/vigil-draft/preview/poster"),
            Members(READ),
        ),
        server_fn::<PreviewPoster>(
            "preview_poster",
            &[("org", ORG), ("slug", "vigil-draft"), ("lang", "en")],
            Members(READ),
        ),
        get(
            "preview of a draft's calendar",
            format!("{m}/vigil-draft/preview.ics"),
            Members(READ),
        ),
        server_fn::<PreviewGathering>(
            "preview_gathering",
            &[("org", ORG), ("slug", "vigil-draft"), ("lang", "en")],
            Members(READ),
        ),
        server_fn::<LoadRecentlyDeleted>("load_recently_deleted", &[("org", ORG)], Members(OWNERS)),
        get("export download", format!("{m}/export.json"), Members(PLAN)),
        get("audit log", format!("{m}/audit"), Members(OWNERS)),
        server_fn::<LoadAudit>("load_audit", &[("org", ORG)], Members(OWNERS)),
        get("members", format!("{m}/members"), Members(OWNERS)),
        get(
            "digest editor",
            format!("{m}/digest/2023-12"),
            Members(PLAN),
        ),
        server_fn::<LoadMembers>("load_members", &[("org", ORG)], Members(OWNERS)),
        get(
            "statements for organisers",
            format!("{m}/statements"),
            Members(PLAN),
        ),
        get(
            "a statement's editor",
            format!("{m}/statements/3"),
            Members(PLAN),
        ),
        server_fn::<LoadIssuedList>(
            "load_issued_list",
            &[("org", ORG), ("lang", "en")],
            Members(PLAN),
        ),
        server_fn::<LoadIssuedEditor>(
            "load_issued_editor",
            &[("org", ORG), ("id", "3")],
            Members(PLAN),
        ),
        get("live events", format!("{live}/events"), Members(READ)),
        // Changes.
    ];
    rows.extend(common::changes(ids).into_iter().map(|c| Case {
        what: c.what,
        method: Method::POST,
        uri: c.uri,
        form: c.form,
        rule: Rule::Members(c.roles),
    }));
    // Pages of what the changes made (the first campaign and series).
    rows.extend([
        get(
            "a campaign's page for organisers",
            format!("{m}/groups/campaign/1"),
            Members(PLAN),
        ),
        get(
            "a series' page",
            format!("{m}/groups/series/1"),
            Members(PLAN),
        ),
        server_fn::<LoadGroup>(
            "load_group",
            &[("org", ORG), ("kind", "series"), ("id", "1")],
            Members(PLAN),
        ),
    ]);
    rows
}

/// Makes `OUTSIDER` the owner of another organisation.
async fn stranger(app: &common::App) {
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
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(OUTSIDER))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    auth::set_membership(
        &app.db,
        other.id,
        user.id,
        MemberRole::Owner,
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
}

async fn call(app: &common::App, case: &Case, cookie: Option<&str>) -> (StatusCode, String) {
    if case.uri.ends_with("/events") {
        // An event stream never ends: its status is the answer.
        let mut request = Request::get(&case.uri).header(header::HOST, "127.0.0.1:3000");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let response =
            tower::ServiceExt::oneshot(app.router.clone(), request.body(Body::empty()).unwrap())
                .await
                .unwrap();
        return (response.status(), String::new());
    }
    if case.method == Method::GET {
        return app.get(&case.uri, cookie).await;
    }
    if case.uri.starts_with("/api/") {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&case.form)
            .finish();
        let mut request = Request::post(&case.uri)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let (status, headers, body) = app.send(request.body(Body::from(body)).unwrap()).await;
        // A server function's answer may hold a member's run-sheet, contacts and call
        // links: no browser or proxy keeps it, whoever asked.
        assert_eq!(
            headers
                .get(header::CACHE_CONTROL)
                .map(|v| v.to_str().unwrap()),
            Some("private, no-store"),
            "{}",
            case.uri
        );
        return (status, body);
    }
    let fields: Vec<(&str, &str)> = case
        .form
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let (status, _, body) = app.post(&case.uri, cookie, &fields).await;
    (status, body)
}

fn expected(rule: Rule, who: Who) -> Result<(), StatusCode> {
    let refused_outside = match who {
        Who::Anonymous => StatusCode::UNAUTHORIZED,
        _ => StatusCode::NOT_FOUND,
    };
    match (rule, who) {
        (Rule::Public, _) => Ok(()),
        (Rule::Nobody, _) => Err(StatusCode::NOT_FOUND),
        (Rule::SignedIn, Who::Anonymous) => Err(StatusCode::UNAUTHORIZED),
        (Rule::SignedIn, _) => Ok(()),
        (Rule::Members(_), Who::Anonymous | Who::Stranger) => Err(refused_outside),
        (Rule::Members(roles), Who::Member(role)) => {
            let i = match role {
                MemberRole::Viewer => 0,
                MemberRole::Host => 1,
                MemberRole::Organiser => 2,
                MemberRole::Owner => 3,
            };
            if roles[i] {
                Ok(())
            } else {
                Err(StatusCode::FORBIDDEN)
            }
        }
    }
}

/// Runs the whole table as `who`; returns every row that went otherwise.
async fn run_as(who: Who) -> Vec<String> {
    let app = common::app().await;
    stranger(&app).await;
    let ids = ids(&app).await;
    let cookie = match who {
        Who::Anonymous => None,
        Who::Stranger => Some(app.cookie(OUTSIDER).await),
        Who::Member(role) => Some(
            app.cookie(match role {
                MemberRole::Viewer => VIEWER,
                MemberRole::Host => HOST,
                MemberRole::Organiser => ORGANISER,
                MemberRole::Owner => OWNER,
            })
            .await,
        ),
    };
    let mut wrong = Vec::new();
    for case in table(&ids) {
        let answer = tokio::time::timeout(
            std::time::Duration::from_secs(20),
            call(&app, &case, cookie.as_deref()),
        )
        .await;
        let Ok((status, body)) = answer else {
            wrong.push(format!("{who:?} {} {}: no answer", case.method, case.uri));
            continue;
        };
        let ok = match expected(case.rule, who) {
            Ok(()) => status.is_success() || status.is_redirection(),
            Err(refusal) => {
                // The internal run of show never leaks with a refusal.
                status == refusal && !body.contains("Mic 1 to the host")
            }
        };
        if !ok {
            wrong.push(format!(
                "{who:?} {} {} ({}): expected {:?}, got {status}: {}",
                case.method,
                case.uri,
                case.what,
                expected(case.rule, who),
                body.chars().take(160).collect::<String>()
            ));
        }
    }
    wrong
}

/// The two tests of this file run one after the other (see the note on `ONE_AT_A_TIME`).
static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

// An SSR page of this table was seen, twice in many runs and only here, to never answer
// while the other test of this file ran beside it on its own single-threaded runtime
// (never under the multi-threaded server, nor in 16,000 pages of the mixed load test).
// Until that is understood the tests run one at a time on a multi-threaded runtime, and
// every request has a time limit that names the row.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_route_and_server_function_allows_exactly_whom_the_table_says() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let mut wrong = Vec::new();
    for who in [
        Who::Anonymous,
        Who::Stranger,
        Who::Member(MemberRole::Viewer),
        Who::Member(MemberRole::Host),
        Who::Member(MemberRole::Organiser),
        Who::Member(MemberRole::Owner),
    ] {
        wrong.extend(run_as(who).await);
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn no_change_is_accepted_from_another_site_even_for_an_owner() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let app = common::app().await;
    stranger(&app).await;
    let ids = ids(&app).await;
    let cookie = app.cookie(OWNER).await;
    let before = convene::db::export::export(&app.db, ORG).await.unwrap();
    let changes: Vec<Case> = table(&ids)
        .into_iter()
        .filter(|c| c.method == Method::POST && !c.uri.starts_with("/api/"))
        .collect();
    assert!(changes.len() >= 15, "every kind of change is tried");
    let mut wrong = Vec::new();
    for case in changes {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(&case.form)
            .finish();
        let request = Request::post(&case.uri)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "https://evil.example")
            .header(header::COOKIE, &cookie)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let (status, _, _) = app.send(request).await;
        if status != StatusCode::FORBIDDEN {
            wrong.push(format!("{} ({}): {status}", case.uri, case.what));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    let after = convene::db::export::export(&app.db, ORG).await.unwrap();
    assert_eq!(before, after, "nothing changed");
}

/// A twin organisation (the same gatherings under the same addresses, its own rows) whose
/// owner sends every change with the first organisation's ids through the twin's own
/// addresses: nothing of the first organisation changes, and no row of the twin ends up
/// pointing at one of the first's venues, people, films, segments or statements.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn another_organisations_ids_through_ones_own_addresses_reach_nothing() {
    use convene::db::entities::{appearance, gathering, segment, statement};
    use convene::db::{demo, export};
    use std::collections::HashSet;

    const TWIN: &str = "twin-association";
    let app = common::app().await;
    let theirs = ids(&app).await;
    let mut doc = demo::document().unwrap();
    doc.organisation.slug = TWIN.into();
    doc.organisation.name = "Twin association".into();
    // Calendar identities are the world's: the twin's are its own.
    for g in &mut doc.gatherings {
        g.uid = format!("twin-{}", g.uid);
        for s in &mut g.segments {
            s.uid = format!("twin-{}", s.uid);
        }
    }
    export::import(&app.db, &doc).await.unwrap();
    let twin = convene::db::queries::organisation_by_slug(&app.db, TWIN)
        .await
        .unwrap()
        .unwrap();
    let owner = auth::create_user(
        &app.db,
        "twin@example.org",
        "Twin owner",
        common::PASSWORD,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    auth::set_membership(
        &app.db,
        twin.id,
        owner.id,
        MemberRole::Owner,
        None,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let cookie = app.cookie("twin@example.org").await;

    let before = export::export(&app.db, ORG).await.unwrap();
    let (mut done, mut refused) = (0, 0);
    for c in common::changes(&theirs) {
        let uri = c
            .uri
            .replace(&format!("/manage/o/{ORG}/"), &format!("/manage/o/{TWIN}/"));
        let form: Vec<(&str, &str)> = c
            .form
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let (status, _, _) = app.post(&uri, Some(&cookie), &form).await;
        assert!(!status.is_server_error(), "{}: {status}", c.what);
        match status.as_u16() {
            200..=399 => done += 1,
            404 | 409 | 422 => refused += 1,
            other => panic!("{}: {other} (the twin's owner is signed in)", c.what),
        }
    }
    // The twin's own changes went through; those naming the first's rows were refused.
    assert!(
        done >= 10 && refused >= 10,
        "{done} done, {refused} refused"
    );
    let after = export::export(&app.db, ORG).await.unwrap();
    assert!(before == after, "the first organisation changed");

    // Nothing of the twin points into the first organisation.
    let first = convene::db::queries::organisation_by_slug(&app.db, ORG)
        .await
        .unwrap()
        .unwrap();
    let db = &app.db;
    let of = |org: i32| async move {
        let gatherings = gathering::Entity::find()
            .filter(gathering::Column::OrganisationId.eq(org))
            .all(db)
            .await
            .unwrap();
        let ids: Vec<i32> = gatherings.iter().map(|g| g.id).collect();
        let segments = segment::Entity::find()
            .filter(segment::Column::GatheringId.is_in(ids.clone()))
            .all(db)
            .await
            .unwrap();
        let statements = statement::Entity::find()
            .filter(statement::Column::GatheringId.is_in(ids))
            .all(db)
            .await
            .unwrap();
        let appearances = appearance::Entity::find()
            .filter(appearance::Column::SegmentId.is_in(segments.iter().map(|s| s.id)))
            .all(db)
            .await
            .unwrap();
        (gatherings, segments, statements, appearances)
    };
    let (a_gatherings, a_segments, a_statements, _) = of(first.id).await;
    let (b_gatherings, b_segments, _, b_appearances) = of(twin.id).await;
    use convene::db::entities::{film, person, venue};
    let a_venues: HashSet<i32> = venue::Entity::find()
        .filter(venue::Column::OrganisationId.eq(first.id))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|v| v.id)
        .collect();
    let a_people: HashSet<i32> = person::Entity::find()
        .filter(person::Column::OrganisationId.eq(first.id))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|p| p.id)
        .collect();
    let a_films: HashSet<i32> = film::Entity::find()
        .filter(film::Column::OrganisationId.eq(first.id))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|f| f.id)
        .collect();
    assert!(a_venues.contains(&theirs.venue) && a_people.contains(&theirs.person));
    assert!(!a_gatherings.is_empty());
    let a_segments: HashSet<i32> = a_segments.iter().map(|s| s.id).collect();
    let a_statements: HashSet<i32> = a_statements.iter().map(|s| s.id).collect();
    for g in &b_gatherings {
        assert!(
            g.venue_id.is_none_or(|v| !a_venues.contains(&v)),
            "twin gathering {} at the first's venue",
            g.slug
        );
    }
    for s in &b_segments {
        assert!(
            s.film_id.is_none_or(|f| !a_films.contains(&f)),
            "twin segment with the first's film"
        );
        assert!(
            s.statement_id.is_none_or(|st| !a_statements.contains(&st)),
            "twin segment reads the first's statement"
        );
    }
    for a in &b_appearances {
        assert!(!a_segments.contains(&a.segment_id));
        assert!(
            !a_people.contains(&a.person_id),
            "a person of the first organisation appears at the twin's"
        );
    }
}
