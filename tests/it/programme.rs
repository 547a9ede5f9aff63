//! Conferences with parallel rooms: pretalx's own export of a 400-talk conference
//! imported (`convene import-schedule`), its programme feed read back by the `ical`
//! crate at the instants pretalx gave, its pages and per-session, per-room, per-track,
//! per-speaker and "my programme" feeds, and the frab export checked against the
//! format's published schemas and read back by the import.

use std::collections::HashMap;
use std::io::Read;

use axum::http::StatusCode;
use chrono::{DateTime, Duration, Utc};
use convene::db::entities::{lane, person, segment};
use convene::db::schedule::import_schedule;
use convene::domain::frab;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::always_true::feed_events;
use crate::common::{App, fresh_database};

const ORG: &str = "tirconf-org";

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/frab/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(bytes.as_slice())
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// What pretalx says of each talk, read from its XML without convene's reader:
/// guid → (start, end, title).
fn pretalx_talks(xml: &str) -> HashMap<String, (DateTime<Utc>, DateTime<Utc>, String)> {
    let between = |s: &str, open: &str, close: &str| -> String {
        let from = s.find(open).map(|i| i + open.len()).unwrap();
        let to = s[from..].find(close).unwrap() + from;
        s[from..to].to_owned()
    };
    let mut talks = HashMap::new();
    for block in xml.split("<event ").skip(1) {
        let guid = between(block, "guid='", "'");
        let start = DateTime::parse_from_rfc3339(&between(block, "<date>", "</date>"))
            .unwrap()
            .with_timezone(&Utc);
        let duration = between(block, "<duration>", "</duration>");
        let (h, m) = duration.split_once(':').unwrap();
        let minutes = h.parse::<i64>().unwrap() * 60 + m.parse::<i64>().unwrap();
        let title = quick_xml::escape::unescape(&between(block, "<title>", "</title>"))
            .unwrap()
            .into_owned();
        talks.insert(guid, (start, start + Duration::minutes(minutes), title));
    }
    talks
}

/// A fresh app holding pretalx's conference, imported from `file`.
async fn conference(file: &str) -> (App, String) {
    let (_dir, conn) = fresh_database().await;
    let schedule = frab::read(&fixture(file)).unwrap();
    let done = import_schedule(
        &conn,
        ORG,
        Some("TirConf Organisers"),
        &schedule,
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    assert!(done.new_organisation);
    assert_eq!((done.sessions, done.rooms, done.speakers), (400, 4, 300));
    (App::with_dir(_dir, conn), done.gathering)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn every_pretalx_talk_is_in_the_programme_feed_at_its_instant() {
    let xml = fixture("tirconf.schedule.xml.gz");
    let expected = pretalx_talks(&xml);
    assert_eq!(expected.len(), 400);
    for file in ["tirconf.schedule.xml.gz", "tirconf.schedule.json.gz"] {
        let (app, slug) = conference(file).await;
        assert_eq!(slug, "tirconf");
        let (status, ics) = app
            .get(&format!("/o/{ORG}/{slug}/programme.ics"), None)
            .await;
        assert_eq!(status, StatusCode::OK, "{file}");
        let events = feed_events(&ics);
        assert_eq!(events.len(), 400, "{file}");
        for e in &events {
            // The session keeps pretalx's guid: the calendar event is the same talk.
            let guid = e.uid.split('.').next().unwrap();
            let (start, end, title) = expected
                .get(guid)
                .unwrap_or_else(|| panic!("{file}: {} is not a pretalx talk", e.uid));
            assert_eq!((e.start, e.end), (*start, *end), "{file}: {title}");
            assert!(
                e.summary.starts_with(title.as_str()),
                "{file}: {} for {title}",
                e.summary
            );
            assert!(!e.location.is_empty(), "{file}: {title} names its room");
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sessions_speakers_rooms_and_tracks_have_their_own_feeds() {
    let (app, slug) = conference("tirconf.schedule.json.gz").await;
    let base = format!("/o/{ORG}/{slug}");
    // Blerina Hoxha gives "Offline-first Time Zones for Small Teams" in Sala Skënderbeu.
    let talk = segment::Entity::find()
        .filter(segment::Column::Uid.eq("4742957b-0188-5726-9775-8d46d1c2be02"))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the session keeps pretalx's guid");
    let (status, one) = app
        .get(&format!("{base}/sessions/{}/calendar.ics", talk.uid), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let one = feed_events(&one);
    assert_eq!(one.len(), 1);
    assert!(
        one[0].summary.contains("Blerina Hoxha"),
        "{}",
        one[0].summary
    );
    assert!(
        one[0].location.starts_with("Sala Skënderbeu"),
        "{}",
        one[0].location
    );

    // A speaker's calendar holds their sessions, not the three-day conference.
    let blerina = person::Entity::find()
        .filter(person::Column::Name.eq("Blerina Hoxha"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let appearances = convene::db::entities::appearance::Entity::find()
        .filter(convene::db::entities::appearance::Column::PersonId.eq(blerina.id))
        .all(&app.db)
        .await
        .unwrap();
    let (status, theirs) = app
        .get(
            &format!("/o/{ORG}/people/{}/calendar.ics", blerina.id),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let theirs = feed_events(&theirs);
    assert_eq!(theirs.len(), appearances.len());
    assert!(theirs.iter().all(|e| e.summary.contains("Blerina Hoxha")));
    assert!(theirs.iter().all(|e| e.end - e.start <= Duration::hours(1)));

    // A room's calendar: its sessions only, about a quarter of the programme.
    let lanes = lane::Entity::find()
        .filter(lane::Column::GatheringId.eq(talk.gathering_id))
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(lanes.len(), 4);
    let mut total = 0;
    for l in &lanes {
        let (status, room) = app
            .get(&format!("{base}/rooms/{}/calendar.ics", l.id), None)
            .await;
        assert_eq!(status, StatusCode::OK);
        let room = feed_events(&room);
        assert!(room.len() > 50 && room.len() < 150, "{}", room.len());
        let place = room[0].location.split(',').next().unwrap().to_owned();
        assert!(room.iter().all(|e| e.location.starts_with(&place)));
        total += room.len();
    }
    assert_eq!(total, 400);

    // A track, by its name.
    let (status, web) = app
        .get(&format!("{base}/tracks/Web/calendar.ics"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let web = feed_events(&web);
    let in_web = segment::Entity::find()
        .filter(segment::Column::Track.eq("Web"))
        .all(&app.db)
        .await
        .unwrap()
        .len();
    assert_eq!(web.len(), in_web);

    // My programme: the sessions chosen, kept in the address.
    let two = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(talk.gathering_id))
        .all(&app.db)
        .await
        .unwrap();
    let chosen = format!("{},{}", two[10].uid, two[200].uid);
    let (status, mine) = app.get(&format!("{base}/my.ics?s={chosen}"), None).await;
    assert_eq!(status, StatusCode::OK);
    let mine = feed_events(&mine);
    let mut uids: Vec<&str> = mine
        .iter()
        .map(|e| e.uid.split('.').next().unwrap())
        .collect();
    uids.sort_unstable();
    let mut want = vec![two[10].uid.as_str(), two[200].uid.as_str()];
    want.sort_unstable();
    assert_eq!(uids, want);

    // Nothing there, nothing answered.
    for missing in [
        format!("{base}/sessions/no-such-session/calendar.ics"),
        format!("{base}/rooms/999999/calendar.ics"),
        format!("{base}/tracks/Nope/calendar.ics"),
    ] {
        assert_eq!(
            app.get(&missing, None).await.0,
            StatusCode::NOT_FOUND,
            "{missing}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_programme_page_shows_every_session_day_by_day_within_its_weight() {
    let (app, slug) = conference("tirconf.schedule.xml.gz").await;
    let (status, page) = app.get(&format!("/o/{ORG}/{slug}/programme"), None).await;
    assert_eq!(status, StatusCode::OK);
    let page = page.replace("<!>", "");
    assert_eq!(
        page.matches("<table class=\"programme-grid\"").count(),
        3,
        "three days"
    );
    assert_eq!(
        page.matches("<td rowspan=").count() - page.matches("class=\"free\"").count(),
        400
    );
    for room in [
        "Sala Skënderbeu",
        "Auditorium A",
        "Room 101",
        "Salla e Vogël",
    ] {
        assert!(page.contains(room), "{room}");
    }
    assert_eq!(
        page.matches("name=\"s\"").count(),
        400,
        "every session can be starred"
    );
    // The whole grid, compressed as it is sent, stays within 60 KB.
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(page.as_bytes()).unwrap();
    let compressed = gz.finish().unwrap().len();
    assert!(compressed <= 60 * 1024, "{compressed} bytes compressed");

    // A session's page, and the gathering page leading to the grid.
    let talk = segment::Entity::find()
        .filter(segment::Column::Uid.eq("4742957b-0188-5726-9775-8d46d1c2be02"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (status, session) = app
        .get(&format!("/o/{ORG}/{slug}/sessions/{}", talk.uid), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    for shown in [
        "Offline-first Time Zones for Small Teams",
        "Blerina Hoxha",
        "Sala Skënderbeu",
        "07:00–07:30",
        "Expect live demos",
    ] {
        assert!(session.contains(shown), "{shown}");
    }
    let (_, gathering) = app.get(&format!("/o/{ORG}/{slug}"), None).await;
    assert!(gathering.contains(&format!("/o/{ORG}/{slug}/programme")));
    assert_eq!(
        app.get(&format!("/o/{ORG}/{slug}/sessions/nope"), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );

    // My programme, without an account: the choice lives in the address.
    let (status, mine) = app
        .get(&format!("/o/{ORG}/{slug}/my?s={}", talk.uid), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(mine.contains("Offline-first Time Zones for Small Teams"));
    assert!(
        mine.contains(&format!("my.ics?lang=en&amp;s={}", talk.uid)),
        "{mine}"
    );
}

fn xmllint(xml: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("schedule.xml");
    std::fs::write(&file, xml).unwrap();
    let xsd = format!(
        "{}/tests/fixtures/frab/schedule.xml.xsd",
        env!("CARGO_MANIFEST_DIR")
    );
    let out = std::process::Command::new("xmllint")
        .args(["--noout", "--schema", &xsd])
        .arg(&file)
        .output()
        .expect(
            "xmllint checks the export against the frab XSD: install libxml2-utils \
             (`make unit` does)",
        );
    if out.status.success() {
        Ok(())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_frab_export_passes_the_schemas_and_imports_back() {
    let (app, slug) = conference("tirconf.schedule.xml.gz").await;
    let (status, xml) = app
        .get(&format!("/o/{ORG}/{slug}/schedule.xml"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    xmllint(&xml).unwrap();
    // pretalx's own export does not pass it (its track slugs start with digits).
    assert!(xmllint(&fixture("tirconf.schedule.xml.gz")).is_err());

    let (status, json) = app
        .get(&format!("/o/{ORG}/{slug}/schedule.json"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(format!(
            "{}/tests/fixtures/frab/schedule.schema.json",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap(),
    )
    .unwrap();
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .unwrap();
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .take(5)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");

    // Both read back as the same programme: every session at the same instant.
    let original: Vec<(String, DateTime<Utc>)> = feed_events(
        &app.get(&format!("/o/{ORG}/{slug}/programme.ics"), None)
            .await
            .1,
    )
    .into_iter()
    .map(|e| (e.summary, e.start))
    .collect();
    for text in [xml, json] {
        let back = frab::read(&text).unwrap();
        assert_eq!(back.sessions.len(), 400);
        assert_eq!(back.rooms.len(), 4);
        let (dir, conn) = fresh_database().await;
        let done = import_schedule(&conn, "again", None, &back, None, Utc::now())
            .await
            .unwrap();
        let again = App::with_dir(dir, conn);
        let mut read: Vec<(String, DateTime<Utc>)> = feed_events(
            &again
                .get(&format!("/o/again/{}/programme.ics", done.gathering), None)
                .await
                .1,
        )
        .into_iter()
        .map(|e| (e.summary, e.start))
        .collect();
        let mut want = original.clone();
        read.sort();
        want.sort();
        assert_eq!(read, want);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_schedule_that_cannot_be_placed_imports_nothing() {
    let (_dir, conn) = fresh_database().await;
    // No zone in the file and none given.
    let json = r#"{"schedule": {"version": "1", "conference": {"title": "T", "acronym": "tconf",
        "days": [{"index": 1, "date": "2027-05-14", "rooms": {"A": [
          {"date": "2027-05-14", "start": "10:00", "duration": "00:30", "room": "A", "title": "X"}]}}]}}}"#;
    assert!(frab::read(json).unwrap_err().field.ends_with(".date"));
    let tirana: chrono_tz::Tz = "Europe/Tirane".parse().unwrap();
    let zoneless = frab::read_in(json, Some(tirana)).unwrap();
    assert_eq!(
        zoneless.sessions[0].start.to_rfc3339(),
        "2027-05-14T10:00:00+02:00"
    );
    let refused = import_schedule(&conn, "someone", None, &zoneless, None, Utc::now()).await;
    assert!(refused.is_err(), "the zone must be named for the venue");
    let orgs = convene::db::queries::organisations(&conn).await.unwrap();
    assert!(orgs.is_empty(), "a refused import leaves nothing behind");
    // A conference longer than a week is refused whole.
    let mut long = frab::read(&fixture("tirconf.schedule.json.gz")).unwrap();
    long.sessions[399].start += Duration::days(10);
    assert!(
        import_schedule(&conn, "someone", None, &long, None, Utc::now())
            .await
            .is_err()
    );
    assert!(
        convene::db::queries::organisations(&conn)
            .await
            .unwrap()
            .is_empty()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_conference_exports_and_imports_with_its_rooms_and_lanes() {
    let (app, slug) = conference("tirconf.schedule.json.gz").await;
    // With a release of its programme, which travels too.
    {
        use sea_orm::TransactionTrait;
        let org = convene::db::queries::organisation_by_slug(&app.db, ORG)
            .await
            .unwrap()
            .unwrap();
        let g = convene::db::queries::gathering_by_slug(&app.db, org.id, &slug)
            .await
            .unwrap()
            .unwrap();
        let txn = app.db.begin().await.unwrap();
        convene::db::releases::release(&txn, &org, g.id, None, "First", Utc::now())
            .await
            .unwrap();
        txn.commit().await.unwrap();
    }
    let doc = convene::db::export::export(&app.db, ORG).await.unwrap();
    let venue = &doc.venues[0];
    assert_eq!(venue.rooms.len(), 4);
    let g = doc.gatherings.iter().find(|g| g.slug == slug).unwrap();
    assert_eq!(g.lanes.len(), 4);
    assert!(g.lanes.iter().all(|l| l.room.is_some()));
    assert!(
        g.segments
            .iter()
            .all(|s| s.lane.is_some() && !s.abstract_text.is_empty())
    );
    assert_eq!(g.releases.len(), 1);
    assert_eq!(g.releases[0].sessions.len(), 400);
    let (dir, conn) = fresh_database().await;
    convene::db::export::import(&conn, &doc).await.unwrap();
    let again = convene::db::export::export(&conn, ORG).await.unwrap();
    assert_eq!(again, doc, "the same document, rooms and lanes included");
    let copy = App::with_dir(dir, conn);
    let feed = format!("/o/{ORG}/{slug}/programme.ics");
    assert_eq!(copy.get(&feed, None).await.1, app.get(&feed, None).await.1);
}

/// The conference with an organiser of it signed in: the app, the gathering, a cookie.
async fn organised() -> (App, String, String) {
    let (app, slug) = conference("tirconf.schedule.xml.gz").await;
    let org = convene::db::queries::organisation_by_slug(&app.db, ORG)
        .await
        .unwrap()
        .unwrap();
    let user = convene::db::auth::create_user(
        &app.db,
        crate::common::ORGANISER,
        "Organiser",
        crate::common::PASSWORD,
        Utc::now(),
    )
    .await
    .unwrap();
    convene::db::auth::set_membership(
        &app.db,
        org.id,
        user.id,
        convene::domain::MemberRole::Organiser,
        None,
        Utc::now(),
    )
    .await
    .unwrap();
    let cookie = app.cookie(crate::common::ORGANISER).await;
    (app, slug, cookie)
}

async fn version_of(app: &App, slug: &str) -> String {
    let org = convene::db::queries::organisation_by_slug(&app.db, ORG)
        .await
        .unwrap()
        .unwrap();
    convene::db::queries::gathering_by_slug(&app.db, org.id, slug)
        .await
        .unwrap()
        .unwrap()
        .version
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn releases_say_what_changed_and_raise_only_the_moved_sessions() {
    let (app, slug, cookie) = organised().await;
    let agenda = format!("/manage/o/{ORG}/{slug}/agenda");
    let release = async |note: &str| {
        let version = version_of(&app, &slug).await;
        let (status, location, _) = app
            .post(
                &agenda,
                Some(&cookie),
                &[("action", "release"), ("version", &version), ("note", note)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    };
    let sequences = async || -> HashMap<String, (String, u32)> {
        let ics = app
            .get(&format!("/o/{ORG}/{slug}/programme.ics"), None)
            .await
            .1;
        let unfolded = ics.replace("\r\n ", "");
        unfolded
            .split("BEGIN:VEVENT")
            .skip(1)
            .map(|e| {
                let field = |name: &str| {
                    e.lines()
                        .find_map(|l| l.strip_prefix(&format!("{name}:")))
                        .unwrap_or_default()
                        .to_owned()
                };
                let uid = field("UID").split('.').next().unwrap().to_owned();
                (
                    uid,
                    (
                        field("DTSTART;TZID=Europe/Tirane"),
                        field("SEQUENCE").parse().unwrap(),
                    ),
                )
            })
            .collect()
    };
    release("First programme").await;
    let first = sequences().await;
    assert_eq!(first.len(), 400);

    // The opening talk in Sala Skënderbeu moves an hour later; another is renamed.
    let talk = segment::Entity::find()
        .filter(segment::Column::Uid.eq("4742957b-0188-5726-9775-8d46d1c2be02"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let other = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(talk.gathering_id))
        .filter(segment::Column::Id.ne(talk.id))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    for (s, title, start) in [
        (&talk, talk.title.clone(), "2027-05-14T08:00".to_owned()),
        (
            &other,
            "A new title".to_owned(),
            other
                .hard_start_local
                .unwrap()
                .format("%Y-%m-%dT%H:%M")
                .to_string(),
        ),
    ] {
        let version = version_of(&app, &slug).await;
        let id = s.id.to_string();
        let minutes = s.duration_minutes.unwrap().to_string();
        let (status, location, page) = app
            .post(
                &agenda,
                Some(&cookie),
                &[
                    ("action", "edit"),
                    ("version", &version),
                    ("segment", &id),
                    ("kind", "speech"),
                    ("title", &title),
                    ("duration", &minutes),
                    ("hard_start", &start),
                    ("public", "on"),
                    ("lane", &s.lane_id.unwrap().to_string()),
                ],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{location:?} {page}");
    }
    let now = sequences().await;
    let (start, seq) = &now[&talk.uid];
    assert_eq!(
        start, "20270514T080000",
        "the talk is on the new day's hour"
    );
    // Not released yet: the new time and stamp say it; SEQUENCE waits for the release.
    assert_eq!(*seq, first[&talk.uid].1);

    // The public page tells it, before and after the next release.
    let (status, changes) = app
        .get(&format!("/o/{ORG}/{slug}/programme/changes?since=1"), None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(changes.matches("class=\"change\"").count(), 2, "{changes}");
    assert!(changes.contains("data-kind=\"moved\""));
    assert!(changes.contains("data-kind=\"renamed\""));
    assert!(changes.contains("A new title"));
    release("Opening moved to 08:00").await;
    let (_, programme) = app.get(&format!("/o/{ORG}/{slug}/programme"), None).await;
    assert!(programme.replace("<!>", "").contains("Version 2, released"));
    assert!(programme.contains("Opening moved to 08:00"));
    // Released, the moved session's SEQUENCE rises, and only its own.
    let released = sequences().await;
    assert_eq!(released[&talk.uid].1, first[&talk.uid].1 + 1);
    assert_eq!(
        released[&other.uid].1, first[&other.uid].1,
        "a new title alone raises nothing"
    );
    let unchanged = released
        .iter()
        .filter(|(uid, (_, s))| first[*uid].1 == *s)
        .count();
    assert_eq!(unchanged, 399);

    // The news feed announces both releases.
    let atom = app.get(&format!("/o/{ORG}/feed.atom"), None).await.1;
    let feed = feed_rs::parser::parse(atom.as_bytes()).unwrap();
    let titles: Vec<String> = feed
        .entries
        .iter()
        .filter_map(|e| e.title.as_ref().map(|t| t.content.clone()))
        .filter(|t| t.contains("programme version"))
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    let second = feed
        .entries
        .iter()
        .find(|e| {
            e.title
                .as_ref()
                .is_some_and(|t| t.content.ends_with("version 2"))
        })
        .unwrap();
    assert_eq!(
        second.summary.as_ref().unwrap().content,
        "1 moved · 0 added · 0 cancelled"
    );
    // No release 9; a draft has none to show.
    assert_eq!(
        app.get(&format!("/o/{ORG}/{slug}/programme/changes?since=9"), None)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_session_reads_in_albanian_when_its_abstract_is_translated() {
    let (app, slug, cookie) = organised().await;
    let agenda = format!("/manage/o/{ORG}/{slug}/agenda");
    let talk = segment::Entity::find()
        .filter(segment::Column::Uid.eq("4742957b-0188-5726-9775-8d46d1c2be02"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let title = format!("s_{}_sq", talk.id);
    let about = format!("sa_{}_sq", talk.id);
    // An abstract without its title is refused beside the title's field; nothing saved.
    let version = version_of(&app, &slug).await;
    let (status, _, page) = app
        .post(
            &agenda,
            Some(&cookie),
            &[
                ("action", "translate"),
                ("version", &version),
                (&about, "Pa titull."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Translate the title too"), "{page}");
    let version = version_of(&app, &slug).await;
    let (status, location, _) = app
        .post(
            &agenda,
            Some(&cookie),
            &[
                ("action", "translate"),
                ("version", &version),
                (&title, "Zonat kohore për ekipe të vogla"),
                (&about, "Demonstrime të drejtpërdrejta; sillni pyetje."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    let path = format!("/o/{ORG}/{slug}/sessions/{}", talk.uid);
    let (_, sq) = app.get(&format!("{path}?lang=sq"), None).await;
    assert!(sq.contains("Zonat kohore për ekipe të vogla"));
    assert!(sq.contains("Demonstrime të drejtpërdrejta; sillni pyetje."));
    assert!(sq.contains("lang=\"sq\""));
    let (_, en) = app.get(&path, None).await;
    assert!(en.contains("Expect live demos"));
    let ics = app
        .get(&format!("{path}/calendar.ics?lang=sq"), None)
        .await
        .1
        .replace("\r\n ", "");
    assert!(
        ics.contains("Demonstrime të drejtpërdrejta\\; sillni pyetje."),
        "{ics}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn each_room_has_its_own_run_sheet_day_by_day() {
    let (app, slug, cookie) = organised().await;
    let sheet = format!("/manage/o/{ORG}/{slug}/run-sheet");
    let (status, all) = app.get(&sheet, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(all.matches("class=\"segment-row\"").count(), 400);
    assert_eq!(all.matches("class=\"sheet-day\"").count(), 3);
    let talk = segment::Entity::find()
        .filter(segment::Column::Uid.eq("4742957b-0188-5726-9775-8d46d1c2be02"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let lane = talk.lane_id.unwrap();
    let in_lane = segment::Entity::find()
        .filter(segment::Column::LaneId.eq(lane))
        .all(&app.db)
        .await
        .unwrap();
    let (_, one) = app
        .get(&format!("{sheet}?room={lane}"), Some(&cookie))
        .await;
    assert_eq!(one.matches("class=\"segment-row\"").count(), in_lane.len());
    assert!(one.contains(&talk.title));
    // In time order: the room's first talk of each day before its later ones.
    let first = one
        .find("Offline-first Time Zones for Small Teams")
        .unwrap();
    let later = in_lane
        .iter()
        .max_by_key(|s| s.hard_start_local)
        .map(|s| {
            one.find(&s.title.replace('\'', "&#x27;"))
                .unwrap_or(usize::MAX)
        })
        .unwrap();
    assert!(first < later);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn starting_a_session_in_one_room_leaves_the_others_running() {
    let (app, slug, cookie) = organised().await;
    let live = format!("/manage/o/{ORG}/{slug}/live");
    // The first session of two rooms, both at 07:00.
    let firsts: Vec<segment::Model> = {
        let all = segment::Entity::find()
            .filter(segment::Column::HardStartLocal.is_not_null())
            .all(&app.db)
            .await
            .unwrap();
        let mut by_lane: Vec<segment::Model> = Vec::new();
        for s in all {
            if !by_lane.iter().any(|x| x.lane_id == s.lane_id) {
                by_lane.push(s);
            }
        }
        by_lane.into_iter().take(2).collect()
    };
    assert_ne!(firsts[0].lane_id, firsts[1].lane_id);
    // Without a room the view asks for one; a room's view holds that room only.
    let (_, page) = app.get(&live, Some(&cookie)).await;
    assert!(page.contains("choose the room you host"), "{page}");
    assert_eq!(page.matches("class=\"live-row\"").count(), 0);
    for s in &firsts {
        let lane = s.lane_id.unwrap();
        let in_lane = segment::Entity::find()
            .filter(segment::Column::LaneId.eq(lane))
            .all(&app.db)
            .await
            .unwrap()
            .len();
        let room = format!("{live}?room={lane}");
        let (_, page) = app.get(&room, Some(&cookie)).await;
        assert_eq!(page.matches("class=\"live-row\"").count(), in_lane);
        let id = s.id.to_string();
        let (status, location, page) = app
            .post(
                &room,
                Some(&cookie),
                &[("action", "start"), ("segment", &id)],
            )
            .await;
        assert_eq!(status, StatusCode::SEE_OTHER, "{page}");
        assert_eq!(
            location.as_deref(),
            Some(room.as_str()),
            "back to the room's view"
        );
    }
    for s in &firsts {
        let now = segment::Entity::find_by_id(s.id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        assert!(
            now.actual_start.is_some() && now.actual_end.is_none(),
            "{} still runs",
            now.title
        );
    }
}
