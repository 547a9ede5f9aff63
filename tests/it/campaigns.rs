//! Campaigns and series: one run of show copied to three cities in three zones, each at
//! the right local and UTC time on every page and in the campaign feed (read back by an
//! independent iCalendar parser); a monthly series whose occurrences stay separate.

use crate::common;

use axum::http::StatusCode;
use chrono::{NaiveDateTime, TimeZone};
use common::{App, ORG, ORGANISER, TIRANA, app};
use convene::db::entities::{gathering, venue};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

const EDIT: &str = "/manage/o/families-association/tirana-park-2023/edit";

async fn venue_in(app: &App, city: &str, name_has: &str) -> i32 {
    venue::Entity::find()
        .filter(venue::Column::City.eq(city))
        .filter(venue::Column::Name.contains(name_has))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn publish_all(app: &App) {
    for g in gathering::Entity::find().all(&app.db).await.unwrap() {
        if g.status == convene::domain::GatheringStatus::Draft {
            let mut m: gathering::ActiveModel = g.into();
            m.status = Set(convene::domain::GatheringStatus::Published);
            m.update(&app.db).await.unwrap();
        }
    }
}

/// `(DTSTART's TZID, local start, SUMMARY)` of every event in a feed, by an independent
/// parser.
fn starts(feed: &str) -> Vec<(String, NaiveDateTime, String)> {
    let mut out = Vec::new();
    for cal in ical::IcalParser::new(std::io::BufReader::new(feed.as_bytes())) {
        for e in cal.expect("the feed parses").events {
            let prop = |name: &str| e.properties.iter().find(|p| p.name == name).unwrap();
            let start = prop("DTSTART");
            let tzid = start
                .params
                .as_ref()
                .and_then(|ps| ps.iter().find(|(k, _)| k == "TZID"))
                .map(|(_, v)| v[0].clone())
                .expect("a TZID");
            let local =
                NaiveDateTime::parse_from_str(start.value.as_ref().unwrap(), "%Y%m%dT%H%M%S")
                    .unwrap();
            out.push((tzid, local, prop("SUMMARY").value.clone().unwrap()));
        }
    }
    out
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_three_city_campaign_shows_each_city_at_its_own_time() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let stockholm = venue_in(&app, "Stockholm", "Cinema").await;
    let tehran = venue_in(&app, "Tehran", "embassy").await;

    // No venue chosen: refused beside the field.
    let (status, _, page) = app
        .post(
            EDIT,
            Some(&cookie),
            &[
                ("action", "campaign"),
                ("campaign_title", "Vigil for the families"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Choose at least one other venue."));
    assert!(page.contains("value=\"Vigil for the families\""));

    let (status, location, _) = app
        .post(
            EDIT,
            Some(&cookie),
            &[
                ("action", "campaign"),
                ("campaign_title", "Vigil for the families"),
                ("campaign_slug", "vigil-2023"),
                (&format!("venue_{stockholm}"), "on"),
                (&format!("venue_{tehran}"), "on"),
                ("keep", "local"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        location.as_deref(),
        Some("/o/families-association/campaigns/vigil-2023")
    );
    // The copies are drafts: the campaign page shows only the published source so far.
    let (status, page) = app
        .get("/o/families-association/campaigns/vigil-2023", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(page.matches("<tr data-zone=").count(), 1);
    publish_all(&app).await;

    // 11:00 on each city's clock: 10:00 UTC in Tirana and Stockholm (both UTC+1 in
    // November), 07:30 UTC in Tehran (UTC+3:30).
    let (_, page) = app
        .get("/o/families-association/campaigns/vigil-2023", None)
        .await;
    let rows: Vec<&str> = page.split("<tr data-zone=\"").skip(1).collect();
    assert_eq!(rows.len(), 3, "three cities side by side");
    let row = |zone: &str| *rows.iter().find(|r| r.starts_with(zone)).unwrap();
    for (zone, utc) in [
        ("Europe/Tirane", "10:00 UTC"),
        ("Europe/Stockholm", "10:00 UTC"),
        ("Asia/Tehran", "07:30 UTC"),
    ] {
        assert!(row(zone).contains("11:00–13:05"), "{zone}: {}", row(zone));
        assert!(row(zone).contains(utc), "{zone}: {}", row(zone));
        assert!(row(zone).contains(&format!("({zone})")) || row(zone).contains(zone));
    }
    // Each city's own page says the same, on its own clock.
    let tehran_copy = gathering::Entity::find()
        .filter(gathering::Column::VenueId.eq(tehran))
        .filter(gathering::Column::CampaignId.is_not_null())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(tehran_copy.time_zone, "Asia/Tehran");
    assert_eq!(
        tehran_copy.starts_at,
        chrono::Utc
            .with_ymd_and_hms(2023, 11, 26, 7, 30, 0)
            .unwrap()
    );
    let (_, own) = app
        .get(
            &format!("/o/families-association/{}", tehran_copy.slug),
            None,
        )
        .await;
    assert!(own.contains("Part of the campaign"));
    // Every city's own page: 11:00 to 13:05 on its own clock, named.
    let copies = gathering::Entity::find()
        .filter(gathering::Column::CampaignId.is_not_null())
        .all(&app.db)
        .await
        .unwrap();
    assert_eq!(copies.len(), 3);
    for g in &copies {
        let (_, own) = app
            .get(&format!("/o/families-association/{}", g.slug), None)
            .await;
        assert!(own.contains("11:00–13:05"), "{}", g.slug);
        assert!(own.contains(&format!(">{}<", g.time_zone)), "{}", g.slug);
    }

    // One feed for the whole campaign; an independent parser reads three events, each at
    // 11:00 in its own zone, which are the three instants above.
    let (status, feed) = app
        .get(
            "/o/families-association/campaigns/vigil-2023/calendar.ics",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let mut events = starts(&feed);
    events.sort();
    let instants: Vec<(String, String)> = events
        .iter()
        .map(|(zone, local, _)| {
            let tz: chrono_tz::Tz = zone.parse().unwrap();
            let utc = tz.from_local_datetime(local).single().unwrap().naive_utc();
            (zone.clone(), utc.format("%H:%M").to_string())
        })
        .collect();
    assert_eq!(
        instants,
        [
            ("Asia/Tehran".to_owned(), "07:30".to_owned()),
            ("Europe/Stockholm".to_owned(), "10:00".to_owned()),
            ("Europe/Tirane".to_owned(), "10:00".to_owned()),
        ]
    );
    assert!(
        events
            .iter()
            .all(|(_, local, _)| local.format("%H:%M").to_string() == "11:00")
    );
    for zone in ["Asia/Tehran", "Europe/Stockholm", "Europe/Tirane"] {
        assert!(
            feed.contains(&format!("TZID:{zone}")),
            "a VTIMEZONE for {zone}"
        );
    }

    // Asked again, the source is already in a campaign.
    let (status, _, page) = app
        .post(
            EDIT,
            Some(&cookie),
            &[
                ("action", "campaign"),
                ("campaign_title", "Again"),
                (&format!("venue_{stockholm}"), "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("already part of the campaign"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_same_instant_everywhere_puts_each_city_on_its_own_clock() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let tehran = venue_in(&app, "Tehran", "embassy").await;
    let (status, _, _) = app
        .post(
            EDIT,
            Some(&cookie),
            &[
                ("action", "campaign"),
                ("campaign_title", "One moment together"),
                (&format!("venue_{tehran}"), "on"),
                ("keep", "instant"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let copy = gathering::Entity::find()
        .filter(gathering::Column::VenueId.eq(tehran))
        .filter(gathering::Column::CampaignId.is_not_null())
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    // 11:00 in Tirana is 13:30 in Tehran; the fixed length and agenda come along.
    assert_eq!(copy.starts_local.format("%H:%M").to_string(), "13:30");
    assert_eq!(copy.ends_local.format("%H:%M").to_string(), "15:35");
    assert_eq!(
        copy.starts_at,
        chrono::Utc
            .with_ymd_and_hms(2023, 11, 26, 10, 0, 0)
            .unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_monthly_series_survives_editing_one_occurrence() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let (status, _, page) = app
        .post(
            EDIT,
            Some(&cookie),
            &[("action", "series"), ("every", "monthly"), ("count", "99")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Enter how many more times"));
    let (status, _, _) = app
        .post(
            EDIT,
            Some(&cookie),
            &[("action", "series"), ("every", "monthly"), ("count", "3")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let source = gathering::Entity::find()
        .filter(gathering::Column::Slug.eq(TIRANA))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let series: Vec<gathering::Model> = gathering::Entity::find()
        .filter(gathering::Column::SeriesId.eq(source.series_id.unwrap()))
        .all(&app.db)
        .await
        .unwrap();
    let mut days: Vec<String> = series
        .iter()
        .map(|g| g.starts_local.format("%Y-%m-%d %H:%M").to_string())
        .collect();
    days.sort();
    assert_eq!(
        days,
        [
            "2023-11-26 11:00",
            "2023-12-26 11:00",
            "2024-01-26 11:00",
            "2024-02-26 11:00"
        ]
    );
    // Edit the January occurrence: a day later, a shorter opening.
    let january = series
        .iter()
        .find(|g| g.starts_local.format("%Y-%m").to_string() == "2024-01")
        .unwrap();
    let edit = format!("/manage/o/{ORG}/{}/edit", january.slug);
    let (status, location, _) = app
        .post(
            &edit,
            Some(&cookie),
            &[
                ("version", &january.version.to_string()),
                ("title", &january.title),
                ("slug", &january.slug),
                ("kind", "rally"),
                ("status", "published"),
                ("venue", &january.venue_id.unwrap().to_string()),
                ("date", "2024-01-27"),
                ("starts", "11:00"),
                ("ends", "13:05"),
                ("languages", "sq, fa"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    let after: Vec<gathering::Model> = gathering::Entity::find()
        .filter(gathering::Column::SeriesId.eq(source.series_id.unwrap()))
        .all(&app.db)
        .await
        .unwrap();
    for g in &after {
        let before = series.iter().find(|b| b.id == g.id).unwrap();
        if g.id == january.id {
            assert_eq!(g.starts_local.format("%Y-%m-%d").to_string(), "2024-01-27");
        } else {
            assert_eq!(g.starts_local, before.starts_local, "{} untouched", g.slug);
            assert_eq!(g.version, before.version, "{} untouched", g.slug);
        }
    }
    // Each occurrence has its own calendar UID; published, each is its own event.
    publish_all(&app).await;
    let (_, feed) = app.get("/o/families-association/calendar.ics", None).await;
    let uids: std::collections::HashSet<&str> = after.iter().map(|g| g.uid.as_str()).collect();
    assert_eq!(uids.len(), 4);
    for uid in &uids {
        assert_eq!(feed.matches(&format!("UID:{uid}")).count(), 1, "{uid}");
    }
    // The public page lists the other dates of the series.
    let (_, page) = app.get(&format!("/o/{ORG}/{TIRANA}"), None).await;
    assert!(page.contains("Other dates"));
    assert!(page.contains(&format!("/o/{ORG}/{}", january.slug)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_campaign_made_from_a_draft_leads_back_to_the_draft_not_to_a_missing_page() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let stockholm = venue_in(&app, "Stockholm", "Cinema").await;
    let (status, location, _) = app
        .post(
            "/manage/o/families-association/vigil-draft/edit",
            Some(&cookie),
            &[
                ("action", "campaign"),
                ("campaign_title", "Vigil in two cities"),
                (&format!("venue_{stockholm}"), "on"),
                ("keep", "local"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let to = location.unwrap();
    assert_eq!(
        to,
        "/manage/o/families-association/vigil-draft/edit#campaign"
    );
    let (status, _) = app.get(to.split('#').next().unwrap(), Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
}
