//! The programme in the frab schedule format (`domain::frab`), for conference apps and
//! recording teams: `/o/{org}/{slug}/schedule.xml` and `/schedule.json`, published
//! answers like the calendars, holding only what the public page shows.

use axum::extract::Path;
use axum::response::Response;
use chrono_tz::Tz;
use sea_orm::DatabaseConnection;

use super::{FeedRequest, JSON, Reading, XML};
use crate::db::entities::organisation;
use crate::db::queries;
use crate::domain::frab::{self, OutPerson, OutSession, Programme};
use crate::error::AppError;
use crate::responses::gathering::public_view;

/// `GET /o/{org}/{slug}/schedule.xml`.
pub async fn schedule_xml(
    feed: FeedRequest,
    Path((org, slug)): Path<(String, String)>,
) -> Response {
    let what = format!("frab xml {slug}");
    feed.publish(&org, what, XML, async |db, org, reading, origin| {
        Ok(frab::to_xml(
            &programme(db, org, &slug, reading, origin, "xml").await?,
        ))
    })
    .await
}

/// `GET /o/{org}/{slug}/schedule.json`.
pub async fn schedule_json(
    feed: FeedRequest,
    Path((org, slug)): Path<(String, String)>,
) -> Response {
    let what = format!("frab json {slug}");
    feed.publish(&org, what, JSON, async |db, org, reading, origin| {
        let p = programme(db, org, &slug, reading, origin, "json").await?;
        serde_json::to_string_pretty(&frab::to_json(&p))
            .map_err(|e| AppError::internal("frab json", e))
    })
    .await
}

/// A UUID for a session: its own identifier when that is one, else one made from it.
fn guid_of(origin: &str, uid: &str) -> String {
    frab::hyphenated(uid).unwrap_or_else(|| frab::name_uuid(&format!("{origin}#{uid}")))
}

async fn programme(
    db: &DatabaseConnection,
    org: &organisation::Model,
    slug: &str,
    reading: &Reading,
    origin: &str,
    ext: &str,
) -> Result<Programme, AppError> {
    let lang = reading.ui;
    let bundle = queries::gathering_bundle(db, org.id, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = public_view(org, &bundle, &reading.texts)?;
    let zone: Tz = page
        .time_zone
        .parse()
        .map_err(|_| AppError::internal("stored time zone", &page.time_zone))?;
    let venue = page.venue.as_ref().map(|v| v.name.clone());
    let room_name = |lane: i32| {
        let l = page.lane(lane);
        l.and_then(|l| l.name.clone())
            .or_else(|| (page.lanes.len() <= 1).then(|| venue.clone()).flatten())
            .unwrap_or_else(|| {
                lang.t_with(
                    "programme-lane",
                    &[(
                        "number",
                        fluent_templates::fluent_bundle::FluentValue::from(
                            l.map_or(1, |l| l.number) as i64,
                        ),
                    )],
                )
            })
    };
    // Two lanes may share a room (a morning and an afternoon track): one room in the file.
    let mut rooms: Vec<String> = Vec::new();
    for l in &page.lanes {
        let name = room_name(l.id);
        if !rooms.contains(&name) {
            rooms.push(name);
        }
    }
    if rooms.is_empty() {
        rooms.push(room_name(0));
    }
    let ids: std::collections::HashMap<&str, i32> = bundle
        .segments
        .iter()
        .map(|s| (s.uid.as_str(), s.id))
        .collect();
    let base = format!("{origin}/o/{}/{}", page.org_slug, page.slug);
    let sessions: Vec<OutSession> = page
        .agenda
        .iter()
        .map(|s| OutSession {
            id: ids
                .get(s.uid.as_str())
                .and_then(|id| u32::try_from(*id).ok())
                .unwrap_or(s.number),
            guid: guid_of(origin, &s.uid),
            start: s.start_utc.with_timezone(&zone),
            minutes: s.minutes.max(1),
            room: room_name(s.lane),
            title: s.title.clone(),
            track: s.track.clone(),
            kind: lang.t(&format!("segment-{}", s.kind.as_str())),
            language: s.languages.join(", "),
            abstract_text: s.abstract_text.clone(),
            do_not_record: !s.may_record,
            url: format!("{base}/sessions/{}", s.uid),
            persons: s
                .appearances
                .iter()
                .filter_map(|a| {
                    let id = a.person_id?;
                    Some(OutPerson {
                        id: i64::from(id),
                        guid: frab::name_uuid(&format!("{origin}/o/{}/people/{id}", page.org_slug)),
                        name: a.name.clone()?,
                        biography: bundle
                            .people
                            .get(&id)
                            .map(|p| p.public_bio.clone())
                            .unwrap_or_default(),
                    })
                })
                .collect(),
        })
        .collect();
    let mut tracks: Vec<String> = Vec::new();
    for s in &sessions {
        if !s.track.is_empty() && !tracks.contains(&s.track) {
            tracks.push(s.track.clone());
        }
    }
    let first_day = sessions
        .iter()
        .map(|s| frab::day_of(s.start))
        .min()
        .unwrap_or(page.starts_local.date());
    let last_day = sessions
        .iter()
        .map(|s| frab::day_of(s.start))
        .max()
        .unwrap_or(page.ends_local.date())
        .max(first_day);
    Ok(Programme {
        title: page.title.clone(),
        acronym: frab::acronym(&page.slug),
        zone,
        // The latest release, which apps compare to tell a new programme.
        version: bundle.releases.last().map_or_else(
            || format!("0.{}", bundle.gathering.sequence),
            |r| r.number.to_string(),
        ),
        url: format!("{base}/schedule.{ext}"),
        base_url: format!("{origin}/"),
        first_day,
        last_day,
        rooms,
        tracks,
        sessions,
    })
}
