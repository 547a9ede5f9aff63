//! What convene publishes follows every edit, at every zone edge: feeds, Atom and public
//! pages are answered from the organisation's content version, and times stay right
//! when films, days, venues and clocks change. Read through the real router on a real
//! SQLite file (and PostgreSQL when `CONVENE_TEST_DATABASE_URL` names one), with the
//! independent `ical` reader where instants matter.

use crate::common;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use common::*;
use convene::db::entities::{film, gathering, organisation, segment, venue};
use convene::db::{directory, planning, queries};
use convene::domain::directory::{FilmForm, VenueForm};
use convene::domain::plan::{GatheringForm, SegmentForm};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const TIRANA_FEED: &str = "/o/families-association/tirana-park-2023/calendar.ics?segments=1";
const ORG_FEED: &str = "/o/families-association/calendar.ics";

/// A GET with extra request headers: status, response headers, body.
async fn get(
    app: &App,
    uri: &str,
    extra: &[(header::HeaderName, &str)],
) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::get(uri).header(header::HOST, "127.0.0.1:3000");
    for (name, value) in extra {
        request = request.header(name, *value);
    }
    app.send(request.body(Body::empty()).unwrap()).await
}

fn etag_of(h: &HeaderMap) -> String {
    h.get(header::ETAG)
        .expect("an ETag")
        .to_str()
        .unwrap()
        .to_owned()
}

fn date_of(h: &HeaderMap) -> DateTime<Utc> {
    let text = h
        .get(header::LAST_MODIFIED)
        .expect("Last-Modified")
        .to_str()
        .unwrap();
    DateTime::parse_from_rfc2822(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// Each event of a feed as (SUMMARY, DTSTART, DTEND) in UTC, read by the `ical` crate
/// using only the feed's own VTIMEZONEs.
fn instants(text: &str) -> Vec<(String, DateTime<Utc>, DateTime<Utc>)> {
    feed_events(text)
        .into_iter()
        .map(|e| (e.summary, e.start, e.end))
        .collect()
}

/// One event of a feed as a calendar app reads it.
pub(crate) struct ReadEvent {
    pub uid: String,
    pub summary: String,
    pub location: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Each event of a feed, its instants in UTC, read by the `ical` crate using only the
/// feed's own VTIMEZONEs.
pub(crate) fn feed_events(text: &str) -> Vec<ReadEvent> {
    let calendar = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()))
        .next()
        .expect("a calendar")
        .expect("a calendar the reader accepts");
    let zones: Vec<_> = calendar.timezones.iter().collect();
    let instant = |p: &ical::property::Property| -> DateTime<Utc> {
        let value = p.value.as_deref().unwrap();
        if let Some(utc) = value.strip_suffix('Z') {
            return NaiveDateTime::parse_from_str(utc, "%Y%m%dT%H%M%S")
                .unwrap()
                .and_utc();
        }
        let local = NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").unwrap();
        let tzid = p
            .params
            .as_ref()
            .and_then(|ps| ps.iter().find(|(k, _)| k == "TZID"))
            .map(|(_, v)| v[0].clone())
            .expect("a TZID");
        let zone = zones
            .iter()
            .find(|z| {
                z.properties
                    .iter()
                    .any(|p| p.name == "TZID" && p.value.as_deref() == Some(&tzid))
            })
            .expect("the zone is defined in the feed");
        offset_in(zone, local)
    };
    calendar
        .events
        .iter()
        .map(|e| {
            let prop = |name: &str| e.properties.iter().find(|p| p.name == name);
            let text = |name: &str| {
                prop(name)
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default()
                    .replace("\\,", ",")
                    .replace("\\;", ";")
                    .replace("\\\\", "\\")
            };
            ReadEvent {
                uid: text("UID"),
                summary: prop("SUMMARY")
                    .and_then(|p| p.value.clone())
                    .unwrap_or_default(),
                location: text("LOCATION"),
                start: instant(prop("DTSTART").unwrap()),
                end: instant(prop("DTEND").unwrap()),
            }
        })
        .collect()
}

/// The instant of a local time by a VTIMEZONE's observances: the latest onset at or
/// before it (an RRULE observance recurs yearly on its weekday rule).
fn offset_in(
    zone: &ical::parser::ical::component::IcalTimeZone,
    local: NaiveDateTime,
) -> DateTime<Utc> {
    use chrono::{Datelike, Duration, Weekday};
    let offset = |text: &str| {
        let sign = if text.starts_with('-') { -1 } else { 1 };
        let h: i64 = text[1..3].parse().unwrap();
        let m: i64 = text[3..5].parse().unwrap();
        Duration::minutes(sign * (h * 60 + m))
    };
    // (onset in UTC, offset after it)
    let mut onsets: Vec<(DateTime<Utc>, Duration)> = Vec::new();
    for t in &zone.transitions {
        let get = |n: &str| {
            t.properties
                .iter()
                .find(|p| p.name == n)
                .and_then(|p| p.value.clone())
        };
        let start =
            NaiveDateTime::parse_from_str(&get("DTSTART").unwrap(), "%Y%m%dT%H%M%S").unwrap();
        let from = offset(&get("TZOFFSETFROM").unwrap());
        let to = offset(&get("TZOFFSETTO").unwrap());
        onsets.push((start.and_utc() - from, to));
        if let Some(rule) = get("RRULE") {
            let part = |k: &str| {
                rule.split(';')
                    .find_map(|p| p.strip_prefix(&format!("{k}=")))
            };
            let month: u32 = part("BYMONTH").unwrap().parse().unwrap();
            let byday = part("BYDAY").unwrap();
            let (n, day) = byday.split_at(byday.len() - 2);
            let n: i32 = n.parse().unwrap();
            let weekday: Weekday = match day {
                "SU" => Weekday::Sun,
                "SA" => Weekday::Sat,
                "FR" => Weekday::Fri,
                other => panic!("weekday {other}"),
            };
            let until = part("UNTIL").map(|u| {
                NaiveDateTime::parse_from_str(u.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
                    .unwrap()
                    .and_utc()
            });
            for year in start.year() + 1..=local.year() + 1 {
                let day = if n > 0 {
                    chrono::NaiveDate::from_weekday_of_month_opt(year, month, weekday, n as u8)
                } else {
                    let next = if month == 12 {
                        (year + 1, 1)
                    } else {
                        (year, month + 1)
                    };
                    let last = chrono::NaiveDate::from_ymd_opt(next.0, next.1, 1)
                        .unwrap()
                        .pred_opt()
                        .unwrap();
                    (0..7)
                        .map(|i| last - Duration::days(i))
                        .find(|d| d.weekday() == weekday)
                };
                let onset = day.unwrap().and_time(start.time()).and_utc() - from;
                if until.is_some_and(|u| onset > u) {
                    break;
                }
                onsets.push((onset, to));
            }
        }
    }
    onsets.sort_by_key(|o| o.0);
    // A local time names the instant `local - offset` for the offset in force then.
    onsets
        .iter()
        .rev()
        .map(|(onset, to)| (local.and_utc() - *to, *onset))
        .find(|(at, onset)| at >= onset)
        .map(|(at, _)| at)
        .expect("the zone definition covers the event")
}

async fn org_model(app: &App) -> organisation::Model {
    queries::organisation_by_slug(&app.db, ORG)
        .await
        .unwrap()
        .unwrap()
}

fn film_form(f: &film::Model, runtime: i32) -> FilmForm {
    FilmForm {
        title: f.title.clone(),
        director: f.director.clone(),
        producer: f.producer.clone(),
        year: f.year.map(|y| y.to_string()).unwrap_or_default(),
        runtime: runtime.to_string(),
        audio_language: f.audio_language.clone(),
        subtitle_languages: f.subtitle_languages.clone(),
        trailer_url: f.trailer_url.clone(),
        rights_notes: f.rights_notes.clone(),
    }
}

/// The form that would save a gathering as it is, on `date` at the same times.
fn gathering_form(g: &gathering::Model, date: &str) -> GatheringForm {
    let day = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap();
    let shift = day - g.starts_local.date();
    planning::gathering_form(g, g.starts_local + shift, g.ends_local + shift)
}

async fn tirana(app: &App) -> gathering::Model {
    gathering::Entity::find()
        .filter(gathering::Column::Slug.eq(TIRANA))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_longer_film_reaches_every_feed_that_shows_it() {
    let app = app().await;
    let feeds = [
        TIRANA_FEED.to_owned(),
        "/o/families-association/tirana-park-2023/calendar.ics".to_owned(),
        ORG_FEED.to_owned(),
        "/o/families-association/feed.atom".to_owned(),
        "/o/families-association/tirana-park-2023".to_owned(),
    ];
    let mut before = Vec::new();
    for uri in &feeds {
        let (status, h, body) = get(&app, uri, &[]).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let (etag, date) = (
            etag_of(&h),
            h[header::LAST_MODIFIED].to_str().unwrap().to_owned(),
        );
        // Unchanged: a 304 by ETag and by date.
        let (status, _, _) = get(&app, uri, &[(header::IF_NONE_MATCH, &etag)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{uri}");
        let (status, _, _) = get(&app, uri, &[(header::IF_MODIFIED_SINCE, &date)]).await;
        assert_eq!(status, StatusCode::NOT_MODIFIED, "{uri}");
        before.push((etag, date, body));
    }
    let timed_before = instants(&before[0].2);

    // "Biography" runs 30 minutes longer, saved as the directory's form saves it.
    let cookie = app.cookie(ORGANISER).await;
    let biography = film::Entity::find()
        .filter(film::Column::Title.eq("Biography"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let runtime = (biography.runtime_minutes + 30).to_string();
    let form = film_form(&biography, biography.runtime_minutes + 30);
    let stamp = directory::stamp(biography.updated_at);
    let year = form.year.clone();
    let (status, _, page) = app
        .post(
            &format!("/manage/o/{ORG}/directory/film/{}", biography.id),
            Some(&cookie),
            &[
                ("action", "save"),
                ("stamp", &stamp),
                ("title", &form.title),
                ("director", &form.director),
                ("producer", &form.producer),
                ("year", &year),
                ("runtime", &runtime),
                ("audio_language", &form.audio_language),
                ("subtitle_languages", &form.subtitle_languages),
                ("trailer_url", &form.trailer_url),
                ("rights_notes", &form.rights_notes),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{page}");

    for (uri, (etag, date, body)) in feeds.iter().zip(&before) {
        let (status, h, now) = get(&app, uri, &[(header::IF_NONE_MATCH, etag)]).await;
        assert_eq!(status, StatusCode::OK, "{uri} follows the film");
        assert_ne!(&etag_of(&h), etag, "{uri}");
        assert_ne!(&now, body, "{uri}");
        let (status, _, _) = get(&app, uri, &[(header::IF_MODIFIED_SINCE, date)]).await;
        assert_eq!(status, StatusCode::OK, "{uri} by date");
        assert!(
            date_of(&h) > DateTime::parse_from_rfc2822(date).unwrap(),
            "{uri}"
        );
    }

    // The screening and every segment after it moved by 30 minutes; those before stay.
    let (_, _, text) = get(&app, TIRANA_FEED, &[]).await;
    let timed_after = instants(&text);
    assert_eq!(timed_after.len(), timed_before.len());
    let at = timed_before
        .iter()
        .position(|e| e.0.contains("Biography"))
        .expect("the screening");
    for (i, (b, a)) in timed_before.iter().zip(&timed_after).enumerate() {
        let moved = a.2 - b.2;
        if i < at {
            assert_eq!(moved, chrono::Duration::zero(), "{}", a.0);
        } else if a.0 == b.0 && !a.0.is_empty() {
            assert!(
                moved == chrono::Duration::minutes(30) || i > at,
                "{}: {moved}",
                a.0
            );
        }
    }
    assert_eq!(
        timed_after[at].2 - timed_before[at].2,
        chrono::Duration::minutes(30)
    );
    assert!(
        timed_after
            .iter()
            .zip(&timed_before)
            .skip(at)
            .filter(|(a, b)| a.1 != b.1)
            .count()
            >= 7,
        "the seven segments after the screening start later"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_gathering_moved_to_another_day_takes_its_fixed_starts_along() {
    let app = app().await;
    let org = org_model(&app).await;
    let g = tirana(&app).await;
    let speech = SegmentForm {
        kind: "speech".into(),
        title: "Live call from Paris".into(),
        duration: "10".into(),
        hard_start: "12:40".into(),
        public: "on".into(),
        cue_notes: String::new(),
        ..Default::default()
    };
    planning::add_segment(&app.db, g.id, None, &speech, chrono::Utc::now())
        .await
        .unwrap();
    let zone = g.venue_id.map(|_| g.time_zone.clone()).unwrap();
    planning::update_gathering(
        &app.db,
        org.id,
        g.id,
        None,
        convene::db::planning::Place {
            venue_id: g.venue_id,
            time_zone: &zone,
        },
        &gathering_form(&g, "2023-12-03"),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let call = segment::Entity::find()
        .filter(segment::Column::Title.eq("Live call from Paris"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        call.hard_start_local.unwrap().to_string(),
        "2023-12-03 12:40:00",
        "the fixed start is on the new day, at the same time"
    );
    let (_, _, text) = get(&app, TIRANA_FEED, &[]).await;
    let call = instants(&text)
        .into_iter()
        .find(|e| e.0.starts_with("Live call from Paris"))
        .unwrap();
    // 12:40 in Tirana in December is 11:40 UTC.
    assert_eq!(
        call.1,
        Utc.with_ymd_and_hms(2023, 12, 3, 11, 40, 0).unwrap()
    );
    for e in instants(&text) {
        assert_eq!(e.1.date_naive().to_string(), "2023-12-03", "{}", e.0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_venues_corrected_zone_moves_its_gatherings_keeping_their_wall_clock() {
    let app = app().await;
    let org = org_model(&app).await;
    let g = tirana(&app).await;
    let v = venue::Entity::find_by_id(g.venue_id.unwrap())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (_, h, _) = get(&app, ORG_FEED, &[]).await;
    let etag = etag_of(&h);
    let form = |zone: &str| VenueForm {
        name: v.name.clone(),
        address: v.address.clone(),
        city: v.city.clone(),
        country: v.country.clone(),
        time_zone: zone.into(),
        latitude: v.latitude.map(|l| l.to_string()).unwrap_or_default(),
        longitude: v.longitude.map(|l| l.to_string()).unwrap_or_default(),
        capacity: v.capacity.map(|c| c.to_string()).unwrap_or_default(),
        setting: v.setting.to_string(),
        public_directions: v.public_directions.clone(),
        access_notes: v.access_notes.clone(),
    };
    let existing = directory::Existing {
        id: v.id,
        stamp: &directory::stamp(v.updated_at),
    };
    directory::save_venue(
        &app.db,
        org.id,
        Some(existing),
        &form("Europe/London"),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let moved = tirana(&app).await;
    assert_eq!(moved.time_zone, "Europe/London");
    assert_eq!(
        moved.starts_local, g.starts_local,
        "the wall-clock time is kept"
    );
    assert_eq!(moved.starts_at - g.starts_at, chrono::Duration::hours(1));
    assert_eq!(moved.sequence, g.sequence + 1, "calendars are told");
    let (status, _, text) = get(&app, ORG_FEED, &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        text.replace("\r\n ", "")
            .contains("DTSTART;TZID=Europe/London:20231126T110000"),
        "{text}"
    );

    // A zone in which a gathering's time does not exist is refused, naming it.
    let v = venue::Entity::find_by_id(v.id)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let mut night = gathering_form(&moved, "2024-03-31");
    night.slug = "night-before".into();
    night.starts = "02:30".into();
    night.ends = "03:30".into();
    planning::create_gathering(
        &app.db,
        org.id,
        convene::db::planning::Place {
            venue_id: Some(v.id),
            time_zone: "",
        },
        &night,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let existing = directory::Existing {
        id: v.id,
        stamp: &directory::stamp(v.updated_at),
    };
    let err = directory::save_venue(
        &app.db,
        org.id,
        Some(existing),
        &form("Europe/Tirane"),
        chrono::Utc::now(),
    )
    .await
    .unwrap_err();
    match err {
        convene::error::AppError::Validation { field, message } => {
            assert_eq!(field, "time_zone");
            assert!(message.to_string().contains(&moved.title), "{message}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        tirana(&app).await.time_zone,
        "Europe/London",
        "nothing changed"
    );
}

/// A venue-less gathering made through the real db functions, and its agenda.
async fn gathering_with(
    app: &App,
    zone: &str,
    date: &str,
    starts: &str,
    ends: &str,
    next_day: bool,
    segments: &[(&str, u32)],
) -> gathering::Model {
    let org = org_model(app).await;
    let form = GatheringForm {
        title: format!("Night in {zone}"),
        slug: String::new(),
        kind: "screening".into(),
        status: "published".into(),
        date: date.into(),
        starts: starts.into(),
        ends: ends.into(),
        ends_next_day: if next_day { "on".into() } else { String::new() },
        languages: "en".into(),
        ..GatheringForm::default()
    };
    let g = planning::create_gathering(
        &app.db,
        org.id,
        convene::db::planning::Place {
            venue_id: None,
            time_zone: zone,
        },
        &form,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    for (title, minutes) in segments {
        let s = SegmentForm {
            kind: "speech".into(),
            title: (*title).into(),
            duration: minutes.to_string(),
            public: "on".into(),
            ..SegmentForm::default()
        };
        planning::add_segment(&app.db, g.id, None, &s, chrono::Utc::now())
            .await
            .unwrap();
    }
    g
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_repeated_autumn_hour_lands_on_the_right_instant() {
    let app = app().await;
    // Stockholm, 24–25 October 2026: the clocks go back from 03:00 CEST to 02:00 CET.
    let g = gathering_with(
        &app,
        "Europe/Stockholm",
        "2026-10-24",
        "23:00",
        "04:00",
        true,
        &[("Screening", 180), ("Discussion", 90), ("Questions", 60)],
    )
    .await;
    let (_, _, text) = get(
        &app,
        &format!("/o/{ORG}/{}/calendar.ics?segments=1", g.slug),
        &[],
    )
    .await;
    let unfolded = text.replace("\r\n ", "");
    let events = instants(&text);
    let at = |h: u32, m: u32| {
        Utc.with_ymd_and_hms(2026, 10, 24, 0, 0, 0).unwrap()
            + chrono::Duration::minutes(i64::from(h * 60 + m))
    };
    let find = |s: &str| events.iter().find(|e| e.0.starts_with(s)).unwrap().clone();
    assert_eq!(find("Screening").1, at(21, 0));
    // The discussion starts at 02:00 CEST (00:00 UTC) and ends in the second 02:30.
    assert_eq!(find("Discussion").1, at(24, 0));
    assert_eq!(find("Discussion").2, at(25, 30));
    // The questions start at the second 02:30 (01:30 UTC), written in UTC.
    assert_eq!(find("Questions").1, at(25, 30));
    assert!(unfolded.contains("DTSTART:20261025T013000Z"), "{unfolded}");
    // The public page, the run-sheet and the agenda editor show the same instants on
    // the venue's clock, naming the offset where the clock reads the same twice.
    let cookie = app.cookie(ORGANISER).await;
    for (uri, cookie) in [
        (format!("/o/{ORG}/{}", g.slug), None),
        (
            format!("/manage/o/{ORG}/{}/run-sheet", g.slug),
            Some(cookie.as_str()),
        ),
        (
            format!("/manage/o/{ORG}/{}/agenda", g.slug),
            Some(cookie.as_str()),
        ),
    ] {
        let (status, page) = app.get(&uri, cookie).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        // Leptos marks the places of dynamic text with comments.
        let page = page.replace("<!>", "");
        let questions = &page[page
            .find("Questions")
            .unwrap_or_else(|| panic!("{uri}: {page}"))
            .saturating_sub(1500)..];
        assert!(page.contains("23:00"), "{uri}");
        // (the run-sheet sets the offset in small type beside the time)
        let marked = page.contains("02:30 (UTC+1)")
            || page.contains("02:30</span> <small class=\"offset\">(UTC+1)</small>");
        assert!(marked, "{uri}: the second 02:30 is marked");
        assert!(questions.contains("(UTC+1)"), "{uri}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_zone_definition_covers_a_gathering_at_new_year_in_tehran() {
    let app = app().await;
    let g = gathering_with(
        &app,
        "Asia/Tehran",
        "2027-01-01",
        "00:30",
        "02:00",
        false,
        &[("Opening", 30)],
    )
    .await;
    let (_, _, text) = get(&app, &format!("/o/{ORG}/{}/calendar.ics", g.slug), &[]).await;
    let events = instants(&text);
    // 00:30 at +03:30 is 21:00 UTC the evening before.
    assert_eq!(
        events[0].1,
        Utc.with_ymd_and_hms(2026, 12, 31, 21, 0, 0).unwrap()
    );
    assert_eq!(
        events[0].2,
        Utc.with_ymd_and_hms(2026, 12, 31, 22, 30, 0).unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_fixed_start_the_clocks_skip_is_refused_in_the_form_and_in_import() {
    let app = app().await;
    let g = gathering_with(
        &app,
        "Europe/Tirane",
        "2024-03-30",
        "22:00",
        "06:00",
        true,
        &[("Candles", 60)],
    )
    .await;
    let s = SegmentForm {
        kind: "speech".into(),
        title: "Call at half past two".into(),
        duration: "10".into(),
        hard_start: "02:30".into(),
        public: "on".into(),
        ..SegmentForm::default()
    };
    match planning::add_segment(&app.db, g.id, None, &s, chrono::Utc::now())
        .await
        .unwrap_err()
    {
        convene::error::AppError::Validation { field, message } => {
            assert_eq!(field, "hard_start");
            assert!(message.to_string().contains("does not exist"), "{message}");
        }
        other => panic!("{other:?}"),
    }
    // 01:00 that night is the next morning's.
    let s = SegmentForm {
        hard_start: "01:00".into(),
        ..s
    };
    let call = planning::add_segment(&app.db, g.id, None, &s, chrono::Utc::now())
        .await
        .unwrap();
    assert_eq!(
        call.hard_start_local.unwrap().to_string(),
        "2024-03-31 01:00:00"
    );

    // The same in a document to import.
    let mut doc = convene::db::export::export(&app.db, ORG).await.unwrap();
    let (gi, gathering) = doc
        .gatherings
        .iter_mut()
        .enumerate()
        .find(|(_, x)| x.slug == g.slug)
        .unwrap();
    let si = gathering
        .segments
        .iter()
        .position(|x| x.hard_start_local.is_some())
        .unwrap();
    gathering.segments[si].hard_start_local =
        Some(NaiveDateTime::parse_from_str("2024-03-31 02:30", "%Y-%m-%d %H:%M").unwrap());
    let (_dir, fresh) = fresh_database().await;
    match convene::db::export::import(&fresh, &doc).await.unwrap_err() {
        convene::error::AppError::Validation { field, .. } => {
            assert_eq!(
                field,
                format!("gatherings[{gi}].segments[{si}].hard_start_local")
            );
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn last_modified_never_goes_back_when_the_newest_gathering_leaves() {
    let app = app().await;
    let org = org_model(&app).await;
    let (_, h, _) = get(&app, ORG_FEED, &[]).await;
    let first = date_of(&h);
    // The most recently changed public gathering goes back to draft.
    let (g, _) = queries::public_gatherings(&app.db, org.id)
        .await
        .unwrap()
        .into_iter()
        .max_by_key(|(g, _)| g.updated_at)
        .unwrap();
    let mut form = gathering_form(&g, &g.starts_local.date().to_string());
    form.status = "draft".into();
    planning::update_gathering(
        &app.db,
        org.id,
        g.id,
        None,
        convene::db::planning::Place {
            venue_id: g.venue_id,
            time_zone: &g.time_zone,
        },
        &form,
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let (status, h, body) = get(
        &app,
        ORG_FEED,
        &[(
            header::IF_MODIFIED_SINCE,
            &convene::server::published::http_date(first),
        )],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "the feed changed");
    assert!(!body.contains(&g.uid));
    assert!(date_of(&h) >= first, "{} < {first}", date_of(&h));
}

/// Every published answer a test follows.
const WATCHED: &[&str] = &[
    "/o/families-association/calendar.ics",
    "/o/families-association/calendar.ics?segments=1&lang=sq",
    "/o/families-association/tirana-park-2023/calendar.ics?segments=1",
    "/o/families-association/feed.atom",
    "/o/families-association/digest.atom",
    "/o/families-association",
    "/o/families-association/tirana-park-2023?lang=fa",
    "/o/families-association/stockholm-screening-2024?lang=sv",
    "/o/families-association/womens-day-conference-2024",
    "/o/families-association/tirana-park-2023/programme",
    "/o/families-association/tirana-park-2023/programme.ics?lang=sq",
    "/o/families-association/tirana-park-2023/schedule.xml",
    "/o/families-association/statements",
    "/o/families-association/statements/2024-03-08-statement-for-international-women-s-day?lang=sq",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn etags_change_exactly_when_the_answer_does() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};
    // Random subsequences of every change the organiser pages post (kept in their
    // order, so none needs what an earlier one undid), plus film and venue edits.
    let all = {
        let app = app().await;
        changes(&ids(&app).await).len()
    };
    use proptest::strategy::ValueTree;
    let mut runner = TestRunner::new(Config::default());
    let strategy = proptest::collection::vec(any::<bool>(), all);
    let cases: Vec<Vec<bool>> = (0..3)
        .map(|_| strategy.new_tree(&mut runner).unwrap().current())
        .collect();
    for picked in cases {
        let app = app().await;
        let cookie = app.cookie(OWNER).await;
        let ids = ids(&app).await;
        let mut seen = Vec::new();
        for uri in WATCHED {
            let (_, h, body) = get(&app, uri, &[]).await;
            seen.push((etag_of(&h), body));
        }
        for (change, _) in changes(&ids).into_iter().zip(&picked).filter(|(_, p)| **p) {
            let form: Vec<(&str, &str)> = change
                .form
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_str()))
                .collect();
            // A change may be refused when one it follows was left out (ending a segment
            // that never started); what is published must stay true either way.
            let (status, _, page) = app.post(&change.uri, Some(&cookie), &form).await;
            assert!(
                status != StatusCode::INTERNAL_SERVER_ERROR,
                "{}: {page}",
                change.what
            );
            // The truth: each answer rendered afresh by an instance that kept nothing.
            let fresh = App::on(app.db.clone());
            for (uri, (etag, body)) in WATCHED.iter().zip(seen.iter_mut()) {
                let (_, _, truth) = get(&fresh, uri, &[]).await;
                let (status, h, now) = get(&app, uri, &[(header::IF_NONE_MATCH, etag)]).await;
                if truth == *body {
                    assert_eq!(
                        status,
                        StatusCode::NOT_MODIFIED,
                        "after {}: {uri}",
                        change.what
                    );
                } else {
                    assert_eq!(
                        status,
                        StatusCode::OK,
                        "after {}: {uri} is stale",
                        change.what
                    );
                    assert_eq!(now, truth, "after {}: {uri}", change.what);
                    assert_ne!(&etag_of(&h), etag, "after {}: {uri}", change.what);
                    *etag = etag_of(&h);
                    *body = now;
                }
            }
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn another_instance_sees_an_edit_at_once() {
    let Some(url) = common::postgres().await else {
        return;
    };
    let (a, b) = two_instances(&url).await;
    let (_, h, _) = get(&b, TIRANA_FEED, &[]).await;
    let etag = etag_of(&h);
    let (status, _, _) = get(&b, TIRANA_FEED, &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::NOT_MODIFIED);
    let org = org_model(&a).await;
    let biography = film::Entity::find()
        .filter(film::Column::Title.eq("Biography"))
        .one(&a.db)
        .await
        .unwrap()
        .unwrap();
    let existing = directory::Existing {
        id: biography.id,
        stamp: &directory::stamp(biography.updated_at),
    };
    directory::save_film(
        &a.db,
        org.id,
        Some(existing),
        &film_form(&biography, biography.runtime_minutes + 30),
        chrono::Utc::now(),
    )
    .await
    .unwrap();
    let (status, _, _) = get(&b, TIRANA_FEED, &[(header::IF_NONE_MATCH, &etag)]).await;
    assert_eq!(status, StatusCode::OK, "the other instance follows at once");
}
