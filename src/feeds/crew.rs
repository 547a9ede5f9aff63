//! Members' crew calendars: every gathering of the organisation, drafts included, with
//! the internal run of show, behind a secret address checked on every request.

use axum::extract::Path;
use axum::response::Response;
use fluent_templates::fluent_bundle::FluentValue;
use sea_orm::DatabaseConnection;

use super::{CREW_ICS, FeedRequest, error_response};
use crate::db::entities::organisation;
use crate::db::queries::{self, GatheringBundle};
use crate::domain::GatheringStatus;
use crate::domain::ical::{Feed, FeedEvent, render};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::responses::call_sheets::CallSheets;
use crate::responses::call_sheets::call_line;
use crate::responses::call_sheets::call_sheets_view;
use crate::responses::gathering::venue_view;
use crate::responses::run_sheet::run_sheet_view;
use crate::responses::run_sheet::{RunRow, RunSheet};

/// `GET /crew/{token}/calendar.ics`: a member's private crew calendar. Every gathering
/// of the organisation, drafts included (as tentative), with the internal run of show in
/// each event: times, who appears how (online speakers with their own local time), call
/// links, cues, access notes, internal notes and contacts. `?segments=1` gives one event
/// per segment, internal segments included.
pub async fn crew_feed(feed: FeedRequest, Path(token): Path<String>) -> Response {
    // The token is checked on every request: a revoked feed closes at once.
    let (token, org) = match crate::db::crew_feeds::resolve(&feed.db, &token).await {
        Ok(Some(found)) => found,
        Ok(None) => return error_response(AppError::NotFound, feed.lang()),
        Err(e) => return error_response(e, feed.lang()),
    };
    let per_segment = feed.query.per_segment();
    let what = format!("crew {} {:?}", token.id, token.label);
    // Members read the run of show in the interface's language, texts and words alike.
    feed.publish_for(&org, what, CREW_ICS, async |db, org, reading, origin| {
        crew_text(db, org, &token.label, reading.ui, origin, per_segment).await
    })
    .await
}

/// The text of a crew calendar: every gathering of the organisation with its internal
/// run of show.
async fn crew_text(
    db: &DatabaseConnection,
    org: &organisation::Model,
    label: &str,
    lang: Lang,
    origin: &str,
    per_segment: bool,
) -> Result<String, AppError> {
    let rows = queries::all_gatherings(db, org.id).await?;
    let bundles = queries::gathering_bundles(db, rows).await?;
    let mut events = Vec::new();
    for b in &bundles {
        let sheet = run_sheet_view(org, b, lang.code())?;
        let calls = call_sheets_view(org, b, lang.code())?;
        let event = crew_event(lang, origin, b, &sheet, &calls);
        if per_segment {
            events.extend(crew_segment_events(lang, &sheet, &event));
        } else {
            events.push(event);
        }
    }
    Ok(render(&Feed {
        name: format!("{} · {} · {label}", org.name, lang.t("crew-feed-name")),
        description: lang.t("crew-feed-description"),
        refresh_minutes: 15,
        language: lang.code().to_owned(),
        events,
    }))
}

/// The lines of one segment on a crew calendar: who appears how, and its cues.
fn crew_row_lines(lang: Lang, row: &RunRow) -> Vec<String> {
    use crate::responses::run_sheet::{how_text, interpreting_text, readers};
    let readers = readers(row);
    let mut lines = Vec::new();
    if let Some(film) = &row.film {
        lines.push(format!("{}: {film}", lang.t("runsheet-film")));
    }
    for p in &row.people {
        let mut line = format!(
            "{} {} — {}",
            lang.t(&format!("role-{}", p.role.as_str())).to_uppercase(),
            p.name,
            how_text(lang, p, &readers)
        );
        if let Some(i) = interpreting_text(lang, p) {
            line.push_str(&format!(" · {i}"));
        }
        if !p.link.is_empty() {
            line.push_str(&format!(" · {}: {}", lang.t("runsheet-link"), p.link));
        }
        lines.push(line);
    }
    if !row.cues.is_empty() {
        lines.push(format!("{}: {}", lang.t("runsheet-cues"), row.cues));
    }
    lines
}

/// One gathering on a crew calendar, with the whole internal run of show.
fn crew_event(
    lang: Lang,
    origin: &str,
    bundle: &GatheringBundle,
    sheet: &RunSheet,
    calls: &CallSheets,
) -> FeedEvent {
    let g = &bundle.gathering;
    let sheet_url = format!(
        "{origin}/manage/o/{}/{}/run-sheet",
        sheet.org_slug, sheet.slug
    );
    let mut text = Vec::new();
    if sheet.status == GatheringStatus::Draft {
        text.push(lang.t("status-draft").to_uppercase());
    }
    if let Some(v) = &sheet.venue
        && !v.access_notes.is_empty()
    {
        text.push(format!(
            "{}: {}",
            lang.t("runsheet-venue-access"),
            v.access_notes
        ));
    }
    if !sheet.internal_notes.is_empty() {
        text.push(format!(
            "{}: {}",
            lang.t("runsheet-notes"),
            sheet.internal_notes
        ));
    }
    if !sheet.rows.is_empty() {
        text.push(format!("{}:", lang.t("runsheet-title")));
        for row in &sheet.rows {
            text.push(format!(
                "{}–{} {}. {}{}",
                lang.format_time(row.start_local),
                lang.format_time(row.end_local),
                row.number,
                row.title,
                if row.public {
                    String::new()
                } else {
                    format!(" ({})", lang.t("runsheet-internal"))
                }
            ));
            text.extend(
                crew_row_lines(lang, row)
                    .into_iter()
                    .map(|l| format!("    {l}")),
            );
        }
    }
    if !calls.people.is_empty() {
        text.push(format!("{}:", lang.t("call-sheets-title")));
        text.extend(calls.people.iter().map(|p| {
            format!(
                "    {}: {}",
                p.name,
                call_line(lang, &p.call, p.home_zone.as_deref())
            )
        }));
    }
    if let Some(m) = sheet.overrun_minutes {
        text.push(lang.t_with("runsheet-overrun", &[("minutes", FluentValue::from(m))]));
    }
    if !sheet.contacts.is_empty() {
        text.push(format!("{}:", lang.t("runsheet-contacts")));
        text.extend(
            sheet
                .contacts
                .iter()
                .map(|c| format!("    {}: {}", c.name, c.contact)),
        );
    }
    text.push(sheet_url.clone());
    FeedEvent {
        uid: format!("crew.{}", g.uid),
        sequence: u32::try_from(g.sequence).unwrap_or(0),
        status: sheet.status,
        summary: sheet.title.clone(),
        description: text.join("\n"),
        location: bundle.venue.as_ref().map(|v| venue_view(v).location()),
        geo: bundle
            .venue
            .as_ref()
            .and_then(|v| v.latitude.zip(v.longitude)),
        url: Some(sheet_url),
        categories: vec![lang.t(&format!("kind-{}", sheet.kind.as_str()))],
        zone: g.time_zone.parse().unwrap_or(chrono_tz::UTC),
        start: g.starts_at,
        end: g.ends_at,
        modified: bundle.changed_at(),
        language: lang.code().to_owned(),
    }
}

/// One event per segment of a gathering on a crew calendar, internal segments included.
fn crew_segment_events(lang: Lang, sheet: &RunSheet, whole: &FeedEvent) -> Vec<FeedEvent> {
    sheet
        .rows
        .iter()
        .map(|row| {
            let mut text = crew_row_lines(lang, row);
            text.push(whole.url.clone().unwrap_or_default());
            FeedEvent {
                uid: format!("{}.{}", row.uid, whole.uid),
                summary: format!("{}. {} · {}", row.number, row.title, sheet.title),
                description: text.join("\n"),
                start: row.start_utc,
                end: row.end_utc,
                categories: vec![lang.t(&format!("segment-{}", row.kind.as_str()))],
                ..whole.clone()
            }
        })
        .collect()
}
