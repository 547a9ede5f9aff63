//! A convene app on a fresh SQLite file with the demo loaded, driven through its real
//! router, with members to sign in as.

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use convene::config::DatabaseUrl;
use convene::db::entities::{
    app_user, appearance, film, gathering, person, segment, statement, venue,
};
use convene::db::{self, auth, demo, queries};
use convene::domain::MemberRole;
use leptos::config::LeptosOptions;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};
use tower::ServiceExt;

pub const PASSWORD: &str = "freezing park 2023";
pub const OWNER: &str = "owner@example.org";
pub const HOST: &str = "host@example.org";
pub const ORGANISER: &str = "organiser@example.org";
pub const VIEWER: &str = "viewer@example.org";
pub const OUTSIDER: &str = "outsider@example.org";

pub struct App {
    _dir: tempfile::TempDir,
    pub router: axum::Router,
    pub db: DatabaseConnection,
}

pub async fn app() -> App {
    let (dir, conn) = fresh_database().await;
    seed(&conn).await;
    App {
        router: router(&conn),
        _dir: dir,
        db: conn,
    }
}

/// A new SQLite file with the schema and nothing in it.
pub async fn fresh_database() -> (tempfile::TempDir, DatabaseConnection) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/convene.db", dir.path().display());
    let conn = db::connect(&DatabaseUrl::parse(&url).unwrap())
        .await
        .unwrap();
    db::migrate_up(&conn).await.unwrap();
    (dir, conn)
}

/// What SQLite's `PRAGMA integrity_check` says of a database file (`ok` when whole).
pub async fn integrity_check(conn: &DatabaseConnection) -> String {
    use sea_orm::{ConnectionTrait, Statement};
    conn.query_one_raw(Statement::from_string(
        conn.get_database_backend(),
        "PRAGMA integrity_check",
    ))
    .await
    .unwrap()
    .unwrap()
    .try_get_by_index::<String>(0)
    .unwrap()
}

/// A new, empty PostgreSQL database on the server `CONVENE_TEST_DATABASE_URL` names (its
/// role may create databases), so PostgreSQL tests run side by side without sharing
/// tables or LISTEN channels; `None`, said loudly, when no server is named.
pub async fn postgres() -> Option<String> {
    use sea_orm::ConnectionTrait;
    let Ok(server) = std::env::var("CONVENE_TEST_DATABASE_URL") else {
        eprintln!("CONVENE_TEST_DATABASE_URL is not set: PostgreSQL NOT TESTED");
        return None;
    };
    let admin = db::connect(&DatabaseUrl::parse(&server).expect("CONVENE_TEST_DATABASE_URL"))
        .await
        .expect("connect to the PostgreSQL server");
    let name = format!("convene_t_{}", uuid::Uuid::new_v4().simple());
    admin
        .execute_unprepared(&format!("CREATE DATABASE {name}"))
        .await
        .expect("create a database for the test (the role needs CREATEDB)");
    admin.close().await.ok();
    let (base, query) = server.split_once('?').unwrap_or((&server, ""));
    let (host, _) = base.rsplit_once('/').expect("a database URL with a path");
    Some(match query {
        "" => format!("{host}/{name}"),
        q => format!("{host}/{name}?{q}"),
    })
}

/// Two app instances (each with its own connection pool) on one fresh PostgreSQL
/// database at `url`, as behind a load balancer.
pub async fn two_instances(url: &str) -> (App, App) {
    let url = DatabaseUrl::parse(url).expect("database URL");
    let first = db::connect(&url).await.expect("connect");
    db::migrate_down(&first).await.expect("start from nothing");
    db::migrate_up(&first).await.unwrap();
    seed(&first).await;
    let second = db::connect(&url).await.expect("connect again");
    let app = |conn: DatabaseConnection| App {
        router: router(&conn),
        _dir: tempfile::tempdir().unwrap(),
        db: conn,
    };
    (app(first), app(second))
}

/// The setup code of every test app (a server makes its own, or takes
/// `CONVENE_SETUP_TOKEN`).
pub const SETUP_TOKEN: &str = "setup-code-of-the-tests";

fn router(conn: &DatabaseConnection) -> axum::Router {
    let hub = convene::server::live::LiveHub::new(conn.clone());
    router_with_limit(conn, hub, convene::server::REQUEST_LIMIT)
}

/// A router on `conn` and the live `hub` that answers a request within `limit` or gives
/// up on it.
pub fn router_with_limit(
    conn: &DatabaseConnection,
    hub: convene::server::live::LiveHub,
    limit: std::time::Duration,
) -> axum::Router {
    use convene::server::auth::SetupToken;
    let options = LeptosOptions::builder().output_name("convene").build();
    convene::server::router_with(
        conn.clone(),
        options,
        hub,
        SetupToken::new(SETUP_TOKEN),
        limit,
    )
}

/// The demo organisation and one member of each role, plus someone of no organisation.
async fn seed(conn: &DatabaseConnection) {
    demo::load_if_absent(conn).await.unwrap();
    let org = queries::organisation_by_slug(conn, demo::DEMO_ORG)
        .await
        .unwrap()
        .unwrap();
    for (email, role) in [
        (OWNER, Some(MemberRole::Owner)),
        (HOST, Some(MemberRole::Host)),
        (ORGANISER, Some(MemberRole::Organiser)),
        (VIEWER, Some(MemberRole::Viewer)),
        (OUTSIDER, None),
    ] {
        let user = auth::create_user(conn, email, email, PASSWORD, chrono::Utc::now())
            .await
            .unwrap();
        if let Some(role) = role {
            auth::set_membership(conn, org.id, user.id, role, None, chrono::Utc::now())
                .await
                .unwrap();
        }
    }
}

impl App {
    /// An app on a database the caller prepared in `dir` (kept as long as the app).
    pub fn with_dir(dir: tempfile::TempDir, conn: DatabaseConnection) -> App {
        App {
            router: router(&conn),
            _dir: dir,
            db: conn,
        }
    }

    /// An app on a database prepared by the caller (no members made).
    pub fn on(conn: DatabaseConnection) -> App {
        App {
            router: router(&conn),
            _dir: tempfile::tempdir().unwrap(),
            db: conn,
        }
    }

    /// Sends a request to the app. A request that gets no answer within a minute fails
    /// the test, naming it, rather than hanging the run. (The tests run on runtimes of
    /// four worker threads, as the server does: with fewer, an SSR page occasionally
    /// never answered — two runs in eight of `tests/planning.rs` single-threaded, and a
    /// digest page once with two threads on a busy machine; leptos-rs/leptos#4647.)
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let what = format!("{} {}", request.method(), request.uri());
        let answer = async {
            let response = self.router.clone().oneshot(request).await.unwrap();
            let status = response.status();
            let headers = response.headers().clone();
            let body = axum::body::to_bytes(response.into_body(), 8 * 1024 * 1024)
                .await
                .unwrap();
            (status, headers, String::from_utf8_lossy(&body).into_owned())
        };
        tokio::time::timeout(std::time::Duration::from_secs(60), answer)
            .await
            .unwrap_or_else(|_| panic!("{what}: no answer within 60 s"))
    }

    pub async fn get(&self, uri: &str, cookie: Option<&str>) -> (StatusCode, String) {
        let mut request = Request::get(uri).header(header::HOST, "127.0.0.1:3000");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let (status, _, body) = self.send(request.body(Body::empty()).unwrap()).await;
        (status, body)
    }

    /// Posts a form as a browser on this site would; returns status, Location and body.
    pub async fn post(
        &self,
        uri: &str,
        cookie: Option<&str>,
        fields: &[(&str, &str)],
    ) -> (StatusCode, Option<String>, String) {
        let body = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let mut request = Request::post(uri)
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        if let Some(c) = cookie {
            request = request.header(header::COOKIE, c);
        }
        let (status, headers, body) = self.send(request.body(Body::from(body)).unwrap()).await;
        let location = headers
            .get(header::LOCATION)
            .map(|v| v.to_str().unwrap().to_owned());
        (status, location, body)
    }

    /// Signs in and returns the session cookie (`name=value`).
    pub async fn cookie(&self, email: &str) -> String {
        let request = Request::post("/sign-in")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(format!(
                "email={email}&password={}",
                PASSWORD.replace(' ', "+")
            )))
            .unwrap();
        let (_, headers, _) = self.send(request).await;
        headers
            .get(header::SET_COOKIE)
            .expect("signed in")
            .to_str()
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    }
}

/// Which members may: `[viewer, host, organiser, owner]`.
pub type Roles = [bool; 4];
pub const READ: Roles = [true, true, true, true];
pub const RUN: Roles = [false, true, true, true];
pub const PLAN: Roles = [false, false, true, true];
pub const OWNERS: Roles = [false, false, false, true];

pub const ORG: &str = "families-association";
pub const TIRANA: &str = "tirana-park-2023";
pub const AGENDA_OF_TIRANA: &str = "/manage/o/families-association/tirana-park-2023/agenda";

/// The ids the table's rows refer to, in one principal's fresh database.
pub struct Ids {
    pub segment: i32,
    pub last_segment: i32,
    pub appearance: i32,
    pub person: i32,
    pub venue: i32,
    /// The venue's change stamp, which an edit must name.
    pub venue_stamp: String,
    pub film: i32,
    pub listed_person: i32,
    /// The Tirana gathering's statement.
    pub statement: i32,
    /// The viewer's account.
    pub viewer: i32,
    /// The Tirana agenda's segments, last first (a new order for them).
    pub reversed: String,
    /// A venue of the organisation other than Tirana's.
    pub other_venue: i32,
    /// The demo's draft gathering (`vigil-draft`).
    pub draft: i32,
}

pub async fn ids(app: &App) -> Ids {
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
    // The Tirana gathering's venue.
    let venue = venue::Entity::find_by_id(g.venue_id.unwrap())
        .one(db)
        .await
        .unwrap()
        .unwrap();
    Ids {
        draft: gathering::Entity::find()
            .filter(gathering::Column::Slug.eq("vigil-draft"))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id,
        other_venue: venue::Entity::find()
            .filter(venue::Column::OrganisationId.eq(org.id))
            .filter(venue::Column::Id.ne(venue.id))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id,
        reversed: segments
            .iter()
            .rev()
            .map(|s| s.id.to_string())
            .collect::<Vec<_>>()
            .join(","),
        segment: segments[1].id,
        last_segment: segments.last().unwrap().id,
        appearance: appearance.id,
        person: people[0].id,
        venue: venue.id,
        venue_stamp: convene::db::directory::stamp(venue.updated_at),
        film: film::Entity::find()
            .filter(film::Column::OrganisationId.eq(org.id))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id,
        listed_person: people.iter().find(|p| p.listed_publicly).unwrap().id,
        statement: statement::Entity::find()
            .filter(statement::Column::GatheringId.eq(g.id))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id,
        viewer: app_user::Entity::find()
            .filter(app_user::Column::Email.eq(VIEWER))
            .one(db)
            .await
            .unwrap()
            .unwrap()
            .id,
    }
}

/// A form post that changes something, valid as it stands, and who may send it.
pub struct Change {
    pub what: &'static str,
    pub uri: String,
    pub form: Vec<(String, String)>,
    pub roles: Roles,
}

fn change(
    what: &'static str,
    uri: impl Into<String>,
    form: &[(&str, String)],
    roles: Roles,
) -> Change {
    Change {
        what,
        uri: uri.into(),
        form: form
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect(),
        roles,
    }
}

/// Every kind of change the organiser pages post, in an order where none undoes what a
/// later one needs.
pub fn changes(ids: &Ids) -> Vec<Change> {
    let m = format!("/manage/o/{ORG}");
    let agenda = format!("{m}/{TIRANA}/agenda");
    let live = format!("{m}/{TIRANA}/live");
    let s = ids.segment.to_string();
    let seg = |action: &str| vec![("action", action.to_owned()), ("segment", s.clone())];
    let venue = ids.venue.to_string();
    // The campaign form has one checkbox per venue.
    let campaign_venue = format!("venue_{}", ids.other_venue);
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
            ("public_description", "Candles at dusk.".to_owned()),
            ("internal_notes", "Bring the banner.".to_owned()),
        ]
    };
    vec![
        change(
            "make a crew feed",
            format!("{m}/crew-feeds"),
            &[("action", "create".into()), ("label", "Phone".into())],
            READ,
        ),
        change("live: skip", live.clone(), &seg("skip"), RUN),
        change("live: unskip", live.clone(), &seg("unskip"), RUN),
        change("live: start", live.clone(), &seg("start"), RUN),
        change("live: end", live.clone(), &seg("end"), RUN),
        change(
            "live: reset",
            live.clone(),
            &[("action", "reset".into())],
            PLAN,
        ),
        change(
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
            PLAN,
        ),
        change(
            "add a person",
            format!("{m}/directory"),
            &[
                ("action", "person".into()),
                ("name", "A reader".into()),
                ("home_time_zone", "Europe/Tirane".into()),
            ],
            PLAN,
        ),
        change(
            "add a film",
            format!("{m}/directory"),
            &[
                ("action", "film".into()),
                ("title", "A documentary".into()),
                ("runtime", "52".into()),
            ],
            PLAN,
        ),
        change(
            "create a gathering",
            format!("{m}/new"),
            &gathering_form("vigil-2027"),
            PLAN,
        ),
        change(
            "edit a gathering",
            format!("{m}/vigil-draft/edit"),
            &gathering_form("vigil-draft"),
            PLAN,
        ),
        change(
            "reorder the agenda",
            agenda.clone(),
            &[
                ("action", "reorder".into()),
                ("order", ids.reversed.clone()),
            ],
            PLAN,
        ),
        change(
            "add a segment",
            agenda.clone(),
            &[
                ("action", "add".into()),
                ("kind", "speech".into()),
                ("title", "A late message".into()),
                ("duration", "5".into()),
                ("cue_notes", "Mic 2".into()),
            ],
            PLAN,
        ),
        change(
            "edit a segment",
            agenda.clone(),
            &[
                ("action", "edit".into()),
                ("segment", s.clone()),
                ("kind", "introduction".into()),
                ("title", "Opening words".into()),
                ("duration", "6".into()),
                ("public", "on".into()),
                ("cue_notes", "Mic 1 to the host".into()),
            ],
            PLAN,
        ),
        change("move a segment down", agenda.clone(), &seg("down"), PLAN),
        change("move a segment up", agenda.clone(), &seg("up"), PLAN),
        change(
            "add an appearance",
            agenda.clone(),
            &[
                ("action", "appear".into()),
                ("segment", s.clone()),
                ("person", ids.person.to_string()),
                ("role", "speaker".into()),
                ("mode", "in_person".into()),
            ],
            PLAN,
        ),
        change(
            "change an appearance",
            agenda.clone(),
            &[
                ("action", "reappear".into()),
                ("appearance", ids.appearance.to_string()),
                ("person", ids.person.to_string()),
                ("role", "interpreter".into()),
                ("mode", "in_person".into()),
                ("interpreted_into", "en".into()),
            ],
            PLAN,
        ),
        change(
            "remove an appearance",
            agenda.clone(),
            &[
                ("action", "unappear".into()),
                ("appearance", ids.appearance.to_string()),
            ],
            PLAN,
        ),
        change(
            "add a statement",
            agenda.clone(),
            &[
                ("action", "statement".into()),
                ("title", "Call to the government".into()),
                ("language", "sq".into()),
                ("points", "Open the camp's gates.".into()),
            ],
            PLAN,
        ),
        change(
            "change a statement",
            agenda.clone(),
            &[
                ("action", "statement".into()),
                ("statement", ids.statement.to_string()),
                ("title", "Statement of the families".into()),
                ("language", "sq".into()),
                (
                    "points",
                    "1. We ask for the truth.\n2. We ask to see our relatives.".into(),
                ),
                ("signature_count", "1204".into()),
                ("public", "on".into()),
            ],
            PLAN,
        ),
        change(
            "save translations",
            agenda.clone(),
            &[("action", "translate".into())],
            PLAN,
        ),
        change(
            "remove a statement",
            agenda.clone(),
            &[
                ("action", "unstatement".into()),
                ("statement", ids.statement.to_string()),
            ],
            PLAN,
        ),
        change(
            "delete a segment",
            agenda.clone(),
            &[
                ("action", "delete".into()),
                ("segment", ids.last_segment.to_string()),
            ],
            PLAN,
        ),
        change(
            "edit a venue",
            format!("{m}/directory/venue/{}", ids.venue),
            &[
                ("action", "save".into()),
                ("stamp", ids.venue_stamp.clone()),
                ("name", "Futsal park, Rruga Ura".into()),
                ("time_zone", "Europe/Tirane".into()),
                ("setting", "outdoor".into()),
                ("public_directions", "By the blue gate".into()),
            ],
            PLAN,
        ),
        change(
            "add a room to a venue",
            format!("{m}/directory/venue/{}", ids.venue),
            &[
                ("action", "room-add".into()),
                ("room_name", "Under the trees".into()),
                ("room_capacity", "120".into()),
                ("room_accessibility", "Step-free from the gate".into()),
            ],
            PLAN,
        ),
        change(
            "run a second lane",
            agenda.clone(),
            &[
                ("action", "lane-add".into()),
                ("name", "Children's corner".into()),
            ],
            PLAN,
        ),
        change(
            "release the programme",
            agenda.clone(),
            &[("action", "release".into()), ("note", "As planned".into())],
            PLAN,
        ),
        change(
            "archive a film",
            format!("{m}/directory/film/{}", ids.film),
            &[("action", "archive".into())],
            PLAN,
        ),
        change(
            "restore a film",
            format!("{m}/directory/film/{}", ids.film),
            &[("action", "restore".into())],
            PLAN,
        ),
        change(
            "repeat a gathering on another day",
            format!("{m}/{TIRANA}/edit"),
            &[
                ("action", "duplicate".into()),
                ("copy_date", "2026-11-26".into()),
                ("copy_title", "Gathering in the park, a year on".into()),
            ],
            PLAN,
        ),
        change(
            "repeat a gathering weekly",
            format!("{m}/{TIRANA}/edit"),
            &[
                ("action", "series".into()),
                ("every", "weekly".into()),
                ("count", "2".into()),
            ],
            PLAN,
        ),
        change(
            "make a campaign in another city",
            format!("{m}/{TIRANA}/edit"),
            &[
                ("action", "campaign".into()),
                ("campaign_title", "Vigil in two cities".into()),
                (campaign_venue.as_str(), "on".into()),
                ("keep", "local".into()),
            ],
            PLAN,
        ),
        // The first campaign and series of a fresh database, made just above.
        change(
            "rename a campaign",
            format!("{m}/groups/campaign/1"),
            &[
                ("action", "save".into()),
                ("title", "Vigil in two cities, one hour".into()),
                ("description", "The same evening.".into()),
            ],
            PLAN,
        ),
        change(
            "rename a series",
            format!("{m}/groups/series/1"),
            &[("action", "save".into()), ("title", "Weekly vigils".into())],
            PLAN,
        ),
        change(
            "write a digest",
            format!("{m}/digest/2023-12"),
            &[
                ("number", "114".into()),
                ("editorial_note", "Winter plans.".into()),
                ("published", "on".into()),
            ],
            PLAN,
        ),
        change(
            "issue an open letter",
            format!("{m}/statements"),
            &[
                ("kind", "open_letter".into()),
                ("title", "Letter to the Mayor of Tirana".into()),
                ("issued_on", "2024-03-20".into()),
                ("addressee", "To the Mayor of Tirana".into()),
                ("language", "en".into()),
                ("body", "Dear Mayor,\n\nWe ask for the park again.".into()),
                ("signatories", "Families' Association".into()),
                ("signature_count", "40".into()),
                ("published", "on".into()),
            ],
            PLAN,
        ),
        change(
            "change the Women's Day statement",
            format!("{m}/statements/1"),
            &[
                ("action", "save".into()),
                ("kind", "statement".into()),
                (
                    "title",
                    "Statement for International Women's Day 2024".into(),
                ),
                ("issued_on", "2024-03-08".into()),
                ("addressee", String::new()),
                ("language", "en".into()),
                (
                    "body",
                    "We stand with the women who are kept from their families.".into(),
                ),
                ("signatories", "Families' Association".into()),
                ("signature_count", "12".into()),
                ("published", "on".into()),
            ],
            PLAN,
        ),
        change(
            "translate the Women's Day statement",
            format!("{m}/statements/1"),
            &[
                ("action", "translate".into()),
                ("title_sq", "Deklaratë për 8 Marsin".into()),
                ("body_sq", "Jemi pranë grave.".into()),
            ],
            PLAN,
        ),
        change(
            "read the open letter at the Tirana gathering",
            agenda.clone(),
            &[
                ("action", "edit".into()),
                ("segment", ids.segment.to_string()),
                ("kind", "statement_reading".into()),
                ("title", "The letter to the minister".into()),
                ("duration", "10".into()),
                ("public", "on".into()),
                ("statement", "issued-2".into()),
            ],
            PLAN,
        ),
        change(
            "delete the draft letter",
            format!("{m}/statements/3"),
            &[("action", "delete".into()), ("confirm", "on".into())],
            PLAN,
        ),
        change(
            "change the organisation's settings",
            format!("{m}/settings"),
            &[
                ("name", "Families' Association".into()),
                (
                    "public_description",
                    "The families of the camp's residents.".into(),
                ),
                ("default_language", "en".into()),
                ("contact_email", "press@example.org".into()),
                (
                    "content_languages",
                    "sq Shqip\nfa فارسی\nsv Svenska\nde Deutsch".into(),
                ),
            ],
            OWNERS,
        ),
        change(
            "invite someone",
            format!("{m}/members"),
            &[
                ("action", "invite".into()),
                ("email", "new.volunteer@example.org".into()),
                ("role", "host".into()),
            ],
            OWNERS,
        ),
        change(
            "change a member's role",
            format!("{m}/members"),
            &[
                ("action", "role".into()),
                ("member", ids.viewer.to_string()),
                ("role", "host".into()),
            ],
            OWNERS,
        ),
        change(
            "delete a draft",
            format!("{m}/vigil-draft/delete"),
            &[],
            PLAN,
        ),
        change(
            "recover a deleted gathering",
            format!("{m}/deleted"),
            &[("action", "recover".into()), ("id", ids.draft.to_string())],
            OWNERS,
        ),
        change(
            "remove a member",
            format!("{m}/members"),
            &[
                ("action", "remove".into()),
                ("member", ids.viewer.to_string()),
            ],
            OWNERS,
        ),
    ]
}
