//! Every route and server function × anonymous / member of another organisation /
//! viewer / host / organiser / owner: allowed or refused, as the table says.
//!
//! Refusals are told apart: 401 for nobody signed in, 404 for someone of another
//! organisation (who is not even told the organisation has internal pages), 403 for a
//! member whose role does not allow it. Each principal runs the whole table on a fresh
//! database, in order, so what an allowed post changes is never what a later row needs.
#![cfg(feature = "ssr")]

mod common;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode, header};
use common::{HOST, ORGANISER, OUTSIDER, OWNER, VIEWER};
use convene::db::entities::{
    app_user, appearance, gathering, organisation, person, segment, venue,
};
use convene::db::{auth, queries};
use convene::domain::MemberRole;
use leptos::server_fn::ServerFn;
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, QueryOrder, Set};

const ORG: &str = "families-association";
const TIRANA: &str = "tirana-park-2023";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Who {
    Anonymous,
    /// Owner of another organisation.
    Stranger,
    Member(MemberRole),
}

/// Which members may: `[viewer, host, organiser, owner]`.
type Roles = [bool; 4];
const READ: Roles = [true, true, true, true];
const RUN: Roles = [false, true, true, true];
const PLAN: Roles = [false, false, true, true];
const OWNERS: Roles = [false, false, false, true];

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

/// The ids the table's rows refer to, in one principal's fresh database.
struct Ids {
    segment: i32,
    last_segment: i32,
    appearance: i32,
    person: i32,
    venue: i32,
    listed_person: i32,
}

async fn ids(app: &common::App) -> Ids {
    let db = &app.db;
    let org = queries::organisation_by_slug(db, ORG)
        .await
        .unwrap()
        .unwrap();
    let g = gathering::Entity::find()
        .filter(gathering::Column::Slug.eq(TIRANA))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let segments = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(g.id))
        .order_by_asc(segment::Column::Position)
        .all(db)
        .await
        .unwrap();
    let appearance = appearance::Entity::find()
        .filter(appearance::Column::SegmentId.is_in(segments.iter().map(|s| s.id)))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    let people = person::Entity::find()
        .filter(person::Column::OrganisationId.eq(org.id))
        .all(db)
        .await
        .unwrap();
    let venue = venue::Entity::find()
        .filter(venue::Column::OrganisationId.eq(org.id))
        .one(db)
        .await
        .unwrap()
        .unwrap();
    Ids {
        segment: segments[1].id,
        last_segment: segments.last().unwrap().id,
        appearance: appearance.id,
        person: people[0].id,
        venue: venue.id,
        listed_person: people.iter().find(|p| p.listed_publicly).unwrap().id,
    }
}

fn table(ids: &Ids) -> Vec<Case> {
    use Rule::*;
    use convene::api::{
        audit::LoadAudit, call_sheets::LoadCallSheets, crew_feeds::LoadCrewFeeds,
        directory::LoadDirectory, gathering::PublicGathering, gathering::PublicPoster,
        live::LoadLive, organisations::ListOrganisations, organisations::OrganisationHome,
        organisations::PublicPerson, organisations::PublicVenue, planning::LoadAgendaEditor,
        planning::LoadEditGathering, planning::LoadNewGathering, settings::LoadSettings,
        workspace::LoadRunSheet, workspace::LoadWorkspace,
    };
    let m = format!("/manage/o/{ORG}");
    let agenda = format!("{m}/{TIRANA}/agenda");
    let live = format!("{m}/{TIRANA}/live");
    let s = ids.segment.to_string();
    let seg = |action: &str| vec![("action", action.to_owned()), ("segment", s.clone())];
    let venue = ids.venue.to_string();
    let listed = ids.listed_person.to_string();
    let gathering_form = |slug: &str| {
        vec![
            ("title", "Vigil for the families".to_owned()),
            ("slug", slug.to_owned()),
            ("kind", "vigil".to_owned()),
            ("status", "draft".to_owned()),
            ("date", "2027-03-08".to_owned()),
            ("starts", "18:00".to_owned()),
            ("ends", "19:30".to_owned()),
            ("venue", venue.clone()),
            ("languages", "sq, fa".to_owned()),
        ]
    };
    let args = |org: &'static str| [("org", org), ("slug", TIRANA), ("lang", "en")];
    vec![
        // Public pages and feeds.
        get("start page", "/", Public),
        get("organisation page", format!("/o/{ORG}"), Public),
        get("gathering page", format!("/o/{ORG}/{TIRANA}"), Public),
        get("poster", format!("/o/{ORG}/{TIRANA}/poster"), Public),
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
        // Members' pages.
        get("workspace", "/manage", SignedIn),
        server_fn::<LoadWorkspace>("load_workspace", &[("lang", "en")], SignedIn),
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
        server_fn::<LoadDirectory>("load_directory", &[("org", ORG)], Members(READ)),
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
        get("export download", format!("{m}/export.json"), Members(PLAN)),
        get("audit log", format!("{m}/audit"), Members(OWNERS)),
        server_fn::<LoadAudit>("load_audit", &[("org", ORG)], Members(OWNERS)),
        get("live events", format!("{live}/events"), Members(READ)),
        // Changes.
        post(
            "make a crew feed",
            format!("{m}/crew-feeds"),
            &[("action", "create".into()), ("label", "Phone".into())],
            Members(READ),
        ),
        post("live: skip", live.clone(), &seg("skip"), Members(RUN)),
        post("live: unskip", live.clone(), &seg("unskip"), Members(RUN)),
        post("live: start", live.clone(), &seg("start"), Members(RUN)),
        post("live: end", live.clone(), &seg("end"), Members(RUN)),
        post(
            "live: reset",
            live.clone(),
            &[("action", "reset".into())],
            Members(PLAN),
        ),
        post(
            "add a venue",
            format!("{m}/directory"),
            &[
                ("action", "venue".into()),
                ("name", "Skanderbeg Square".into()),
                ("city", "Tirana".into()),
                ("country", "Albania".into()),
                ("time_zone", "Europe/Tirane".into()),
                ("setting", "outdoor".into()),
            ],
            Members(PLAN),
        ),
        post(
            "add a person",
            format!("{m}/directory"),
            &[
                ("action", "person".into()),
                ("name", "A reader".into()),
                ("home_time_zone", "Europe/Tirane".into()),
            ],
            Members(PLAN),
        ),
        post(
            "add a film",
            format!("{m}/directory"),
            &[
                ("action", "film".into()),
                ("title", "A documentary".into()),
                ("runtime", "52".into()),
            ],
            Members(PLAN),
        ),
        post(
            "create a gathering",
            format!("{m}/new"),
            &gathering_form("vigil-2027"),
            Members(PLAN),
        ),
        post(
            "edit a gathering",
            format!("{m}/vigil-draft/edit"),
            &gathering_form("vigil-draft"),
            Members(PLAN),
        ),
        post(
            "add a segment",
            agenda.clone(),
            &[
                ("action", "add".into()),
                ("kind", "speech".into()),
                ("title", "A late message".into()),
                ("duration", "5".into()),
            ],
            Members(PLAN),
        ),
        post(
            "edit a segment",
            agenda.clone(),
            &[
                ("action", "edit".into()),
                ("segment", s.clone()),
                ("kind", "introduction".into()),
                ("title", "Opening words".into()),
                ("duration", "6".into()),
                ("public", "on".into()),
            ],
            Members(PLAN),
        ),
        post(
            "move a segment down",
            agenda.clone(),
            &seg("down"),
            Members(PLAN),
        ),
        post(
            "move a segment up",
            agenda.clone(),
            &seg("up"),
            Members(PLAN),
        ),
        post(
            "add an appearance",
            agenda.clone(),
            &[
                ("action", "appear".into()),
                ("segment", s.clone()),
                ("person", ids.person.to_string()),
                ("role", "speaker".into()),
                ("mode", "in_person".into()),
            ],
            Members(PLAN),
        ),
        post(
            "remove an appearance",
            agenda.clone(),
            &[
                ("action", "unappear".into()),
                ("appearance", ids.appearance.to_string()),
            ],
            Members(PLAN),
        ),
        post(
            "save translations",
            agenda.clone(),
            &[("action", "translate".into())],
            Members(PLAN),
        ),
        post(
            "delete a segment",
            agenda.clone(),
            &[
                ("action", "delete".into()),
                ("segment", ids.last_segment.to_string()),
            ],
            Members(PLAN),
        ),
    ]
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
    auth::set_membership(&app.db, other.id, user.id, MemberRole::Owner, None)
        .await
        .unwrap();
}

async fn call(app: &common::App, case: &Case, cookie: Option<&str>) -> (StatusCode, String) {
    if case.uri.ends_with("/events") {
        // An event stream never ends: its status is the answer.
        let mut request = Request::get(&case.uri).header(header::HOST, "convene.test");
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
            .header(header::HOST, "convene.test")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let (status, _, body) = app.send(request.body(Body::from(body)).unwrap()).await;
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
        let (status, body) = call(&app, &case, cookie.as_deref()).await;
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

#[tokio::test]
async fn every_route_and_server_function_allows_exactly_whom_the_table_says() {
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

#[tokio::test]
async fn no_change_is_accepted_from_another_site_even_for_an_owner() {
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
            .header(header::HOST, "convene.test")
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
