//! iCalendar feeds as plain axum routes: the public calendar of an organisation and of
//! one gathering, in the language asked for with `?lang=`.
//!
//! The ETag is computed from the rows' change stamps before anything is rendered, so a
//! calendar app polling an unchanged feed gets `304 Not Modified` cheaply. Rendering
//! itself is the pure `domain::ical::render`.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use sea_orm::DatabaseConnection;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use fluent_templates::fluent_bundle::FluentValue;

use crate::api::GatheringPage;
use crate::api::call_sheets::CallSheets;
use crate::api::call_sheets::ssr::call_sheets_view;
use crate::api::gathering::ssr::{public_view, venue_view};
use crate::api::workspace::ssr::run_sheet_view;
use crate::api::workspace::{RunRow, RunSheet};
use crate::db::entities::{gathering, organisation, venue};
use crate::db::queries::{self, GatheringBundle};
use crate::domain::GatheringStatus;
use crate::domain::ical::{Feed, FeedEvent, render};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::call_sheets::call_line;

/// Bumped when the rendering changes, so old ETags stop matching.
const FORMAT: &str = "convene-ical-1";

/// Query of a feed URL.
#[derive(Debug, Default, Deserialize)]
pub struct FeedQuery {
    /// Language of the texts (`en`, `sq`, `fa`); the organisation's default otherwise.
    pub lang: Option<String>,
    /// `1`: one event per public segment instead of one for the gathering.
    pub segments: Option<String>,
}

impl FeedQuery {
    fn per_segment(&self) -> bool {
        matches!(self.segments.as_deref(), Some("1" | "true" | "yes"))
    }
}

fn feed_lang(query: &FeedQuery, org: &organisation::Model) -> Lang {
    query
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .or_else(|| Lang::from_code(&org.default_language))
        .unwrap_or_default()
}

/// The address the site is reached at, for links inside feeds.
pub fn origin(headers: &HeaderMap) -> String {
    if let Ok(url) = std::env::var("CONVENE_PUBLIC_URL")
        && !url.is_empty()
    {
        return url.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c))
        })
        .unwrap_or("127.0.0.1:3000");
    let scheme = match headers
        .get("x-forwarded-proto")
        .and_then(|h| h.to_str().ok())
    {
        Some("https") => "https",
        _ => "http",
    };
    format!("{scheme}://{host}")
}

/// The strong validator of a feed: a digest of what the feed is made from.
fn etag(parts: &[String]) -> String {
    let mut hash = Sha256::new();
    hash.update(FORMAT);
    for p in parts {
        hash.update([0]);
        hash.update(p.as_bytes());
    }
    let digest = hash.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

fn stamp(g: &gathering::Model, v: Option<&venue::Model>) -> String {
    format!(
        "{}:{}:{}:{}:{}",
        g.id,
        g.updated_at.timestamp_micros(),
        g.sequence,
        g.status,
        v.map_or(0, |v| v.updated_at.timestamp_micros())
    )
}

fn not_modified(headers: &HeaderMap, tag: &str, modified: Option<DateTime<Utc>>) -> bool {
    if let Some(inm) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        return inm == "*"
            || inm
                .split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == tag);
    }
    match (
        headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc2822(v).ok()),
        modified,
    ) {
        (Some(since), Some(m)) => m.timestamp() <= since.timestamp(),
        _ => false,
    }
}

fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

/// Public feeds may be kept by any cache for five minutes, then revalidated.
const PUBLIC_CACHE: &str = "public, max-age=300, must-revalidate";
/// Crew feeds are for one member's calendar app only: no shared cache keeps them.
const PRIVATE_CACHE: &str = "private, no-cache";

fn respond(
    headers: &HeaderMap,
    tag: String,
    modified: Option<DateTime<Utc>>,
    lang: Lang,
    cache: &'static str,
    body: impl FnOnce() -> Result<String, AppError>,
) -> Response {
    respond_as(
        "text/calendar; charset=utf-8",
        headers,
        tag,
        modified,
        lang,
        cache,
        body,
    )
}

fn respond_as(
    content_type: &'static str,
    headers: &HeaderMap,
    tag: String,
    modified: Option<DateTime<Utc>>,
    lang: Lang,
    cache: &'static str,
    body: impl FnOnce() -> Result<String, AppError>,
) -> Response {
    let mut out = HeaderMap::new();
    if let Ok(v) = HeaderValue::from_str(&tag) {
        out.insert(header::ETAG, v);
    }
    if let Some(m) = modified
        && let Ok(v) = HeaderValue::from_str(&http_date(m))
    {
        out.insert(header::LAST_MODIFIED, v);
    }
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    out.insert(
        header::CONTENT_LANGUAGE,
        HeaderValue::from_static(lang.code()),
    );
    if not_modified(headers, &tag, modified) {
        return (StatusCode::NOT_MODIFIED, out).into_response();
    }
    match body() {
        Ok(text) => {
            out.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
            (StatusCode::OK, out, text).into_response()
        }
        Err(e) => error_response(e),
    }
}

fn error_response(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match e {
        AppError::NotFound => "No such calendar.",
        _ => "The calendar could not be made; please try again later.",
    };
    (status, text).into_response()
}

/// One gathering as a calendar event, in the page's language.
fn gathering_event(
    lang: Lang,
    origin: &str,
    bundle: &GatheringBundle,
    page: &GatheringPage,
) -> FeedEvent {
    let g = &bundle.gathering;
    let mut description = page.description.clone();
    if !page.agenda.is_empty() {
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&lang.t("gathering-programme"));
        description.push(':');
        for s in &page.agenda {
            description.push_str(&format!(
                "\n{}–{} {}",
                s.start_local.format("%H:%M"),
                s.end_local.format("%H:%M"),
                s.title
            ));
        }
    }
    let url = format!("{origin}/o/{}/{}", page.org_slug, g.slug);
    description.push_str(&format!("\n\n{url}"));
    FeedEvent {
        uid: g.uid.clone(),
        sequence: u32::try_from(g.sequence).unwrap_or(0),
        status: page.status,
        summary: page.title.clone(),
        description,
        location: page.venue.as_ref().map(|v| v.location()),
        geo: bundle
            .venue
            .as_ref()
            .and_then(|v| v.latitude.zip(v.longitude)),
        url: Some(url),
        categories: vec![lang.t(&format!("kind-{}", page.kind.as_str()))],
        zone: g.time_zone.parse().unwrap_or(chrono_tz::UTC),
        start: g.starts_local,
        end: g.ends_local,
        modified: g.updated_at,
        language: page.title_lang.clone(),
    }
}

/// One event per public segment of a gathering.
fn segment_events(
    lang: Lang,
    origin: &str,
    bundle: &GatheringBundle,
    page: &GatheringPage,
) -> Vec<FeedEvent> {
    let whole = gathering_event(lang, origin, bundle, page);
    page.agenda
        .iter()
        .map(|s| FeedEvent {
            uid: format!("{}.{}", s.uid, whole.uid),
            summary: format!("{} · {}", s.title, page.title),
            description: whole.url.clone().unwrap_or_default(),
            start: s.start_local,
            end: s.end_local,
            categories: vec![lang.t(&format!("segment-{}", s.kind.as_str()))],
            language: s.title_lang.clone(),
            ..whole.clone()
        })
        .collect()
}

async fn org_or_404(db: &DatabaseConnection, slug: &str) -> Result<organisation::Model, AppError> {
    queries::organisation_by_slug(db, slug)
        .await?
        .ok_or(AppError::NotFound)
}

/// Which of an organisation's public gatherings a feed holds.
#[derive(Debug, Clone, PartialEq)]
enum Selection {
    All,
    Venue(i32),
    Kind(String),
    /// The gatherings where a publicly listed person appears in a public segment.
    Person(i32, Vec<String>),
    /// The gatherings of one campaign: its id and title.
    Campaign(i32, String),
}

/// `GET /o/{org}/calendar.ics`: every public gathering of an organisation.
pub async fn organisation_feed(
    State(db): State<DatabaseConnection>,
    Path(org): Path<String>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    selection_feed(db, org, Selection::All, query, headers).await
}

/// `GET /o/{org}/venues/{id}/calendar.ics`: the public gatherings at one venue.
pub async fn venue_feed(
    State(db): State<DatabaseConnection>,
    Path((org, id)): Path<(String, i32)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    selection_feed(db, org, Selection::Venue(id), query, headers).await
}

/// `GET /o/{org}/kinds/{kind}/calendar.ics`: the public gatherings of one kind.
pub async fn kind_feed(
    State(db): State<DatabaseConnection>,
    Path((org, kind)): Path<(String, String)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    match kind.parse::<crate::domain::GatheringKind>() {
        Ok(k) => selection_feed(db, org, Selection::Kind(k.as_str().into()), query, headers).await,
        Err(_) => error_response(AppError::NotFound),
    }
}

/// `GET /o/{org}/campaigns/{slug}/calendar.ics`: the public gatherings of a campaign,
/// every city in one subscription.
pub async fn campaign_feed(
    State(db): State<DatabaseConnection>,
    Path((org_slug, slug)): Path<(String, String)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let org = match org_or_404(&db, &org_slug).await {
        Ok(o) => o,
        Err(e) => return error_response(e),
    };
    let campaign = match crate::db::campaigns::campaign_by_slug(&db, org.id, &slug).await {
        Ok(Some(c)) => c,
        Ok(None) => return error_response(AppError::NotFound),
        Err(e) => return error_response(e),
    };
    selection_feed(
        db,
        org_slug,
        Selection::Campaign(campaign.id, campaign.title),
        query,
        headers,
    )
    .await
}

/// `GET /o/{org}/people/{id}/calendar.ics`: a listed person's public appearances.
pub async fn person_feed(
    State(db): State<DatabaseConnection>,
    Path((org_slug, id)): Path<(String, i32)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let org = match org_or_404(&db, &org_slug).await {
        Ok(o) => o,
        Err(e) => return error_response(e),
    };
    let listed = matches!(queries::person(&db, org.id, id).await, Ok(Some(p)) if p.listed_publicly);
    if !listed {
        return error_response(AppError::NotFound);
    }
    let slugs = match queries::gathering_slugs_with_person(&db, org.id, id).await {
        Ok(s) if !s.is_empty() => s,
        Ok(_) => return error_response(AppError::NotFound),
        Err(e) => return error_response(e.into()),
    };
    selection_feed(db, org_slug, Selection::Person(id, slugs), query, headers).await
}

async fn selection_feed(
    db: DatabaseConnection,
    org: String,
    selection: Selection,
    query: FeedQuery,
    headers: HeaderMap,
) -> Response {
    let org = match org_or_404(&db, &org).await {
        Ok(o) => o,
        Err(e) => return error_response(e),
    };
    let lang = feed_lang(&query, &org);
    let rows: Vec<_> = match queries::public_gatherings(&db, org.id).await {
        Ok(r) => r
            .into_iter()
            .filter(|(g, _)| match &selection {
                Selection::All => true,
                Selection::Venue(id) => g.venue_id == Some(*id),
                Selection::Kind(k) => &g.kind == k,
                Selection::Person(_, slugs) => slugs.contains(&g.slug),
                Selection::Campaign(id, _) => g.campaign_id == Some(*id),
            })
            .collect(),
        Err(e) => return error_response(e.into()),
    };
    // A venue or campaign with no public gathering has no public feed.
    if matches!(selection, Selection::Venue(_) | Selection::Campaign(..)) && rows.is_empty() {
        return error_response(AppError::NotFound);
    }
    let mut parts = vec![
        format!("org:{}:{}:{selection:?}", org.id, org.name),
        lang.code().to_owned(),
        origin(&headers),
        query.per_segment().to_string(),
    ];
    parts.extend(rows.iter().map(|(g, v)| stamp(g, v.as_ref())));
    let tag = etag(&parts);
    let modified = rows.iter().map(|(g, _)| g.updated_at).max();
    let origin = origin(&headers);
    // Rendering needs every agenda; it only happens when the ETag did not match.
    let mut bundles = Vec::new();
    if !not_modified(&headers, &tag, modified) {
        bundles = match queries::gathering_bundles(&db, rows.clone()).await {
            Ok(b) => b,
            Err(e) => return error_response(e.into()),
        };
    }
    respond(&headers, tag, modified, lang, PUBLIC_CACHE, || {
        let mut events = Vec::new();
        for b in &bundles {
            let page = public_view(&org, b, lang.code())?;
            if query.per_segment() {
                events.extend(segment_events(lang, &origin, b, &page));
            } else {
                events.push(gathering_event(lang, &origin, b, &page));
            }
        }
        let name = match (&selection, rows.first()) {
            (Selection::Venue(_), Some((_, Some(v)))) => format!("{} · {}", org.name, v.name),
            (Selection::Kind(k), _) => format!("{} · {}", org.name, lang.t(&format!("kind-{k}"))),
            (Selection::Campaign(_, title), _) => format!("{} · {title}", org.name),
            _ => org.name.clone(),
        };
        Ok(render(&Feed {
            name,
            description: org.public_description.clone(),
            refresh_minutes: 60,
            language: lang.code().to_owned(),
            events,
        }))
    })
}

/// `GET /o/{org}/{slug}/calendar.ics`: one gathering (or its segments).
pub async fn gathering_feed(
    State(db): State<DatabaseConnection>,
    Path((org, slug)): Path<(String, String)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let org = match org_or_404(&db, &org).await {
        Ok(o) => o,
        Err(e) => return error_response(e),
    };
    let lang = feed_lang(&query, &org);
    let (g, venue) = match queries::gathering_with_venue(&db, org.id, &slug).await {
        Ok(Some(found)) => found,
        Ok(None) => return error_response(AppError::NotFound),
        Err(e) => return error_response(e.into()),
    };
    if !g
        .status
        .parse::<GatheringStatus>()
        .is_ok_and(GatheringStatus::is_public)
    {
        return error_response(AppError::NotFound);
    }
    let origin = origin(&headers);
    let tag = etag(&[
        stamp(&g, venue.as_ref()),
        lang.code().to_owned(),
        origin.clone(),
        query.per_segment().to_string(),
    ]);
    let modified = Some(g.updated_at);
    // The agenda is loaded only when the calendar app's copy is out of date.
    let bundle = if not_modified(&headers, &tag, modified) {
        None
    } else {
        match queries::gathering_bundles(&db, vec![(g, venue)]).await {
            Ok(mut b) => b.pop(),
            Err(e) => return error_response(e.into()),
        }
    };
    respond(&headers, tag, modified, lang, PUBLIC_CACHE, || {
        let bundle = bundle.ok_or(AppError::NotFound)?;
        let page = public_view(&org, &bundle, lang.code())?;
        let events = if query.per_segment() {
            segment_events(lang, &origin, &bundle, &page)
        } else {
            vec![gathering_event(lang, &origin, &bundle, &page)]
        };
        Ok(render(&Feed {
            name: page.title.clone(),
            description: org.name.clone(),
            refresh_minutes: 60,
            language: lang.code().to_owned(),
            events,
        }))
    })
}

/// `GET /crew/{token}/calendar.ics`: a member's private crew calendar. Every gathering
/// of the organisation, drafts included (as tentative), with the internal run of show in
/// each event: times, who appears how (online speakers with their own local time), call
/// links, cues, access notes, internal notes and contacts. `?segments=1` gives one event
/// per segment, internal segments included.
pub async fn crew_feed(
    State(db): State<DatabaseConnection>,
    Path(token): Path<String>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let (feed, org) = match crate::db::crew_feeds::resolve(&db, &token).await {
        Ok(Some(found)) => found,
        Ok(None) => return error_response(AppError::NotFound),
        Err(e) => return error_response(e),
    };
    let lang = feed_lang(&query, &org);
    let origin = origin(&headers);
    let rows = match queries::all_gatherings(&db, org.id).await {
        Ok(r) => r,
        Err(e) => return error_response(e.into()),
    };
    let bundles = match queries::gathering_bundles(&db, rows).await {
        Ok(b) => b,
        Err(e) => return error_response(e.into()),
    };
    let mut events = Vec::new();
    for b in &bundles {
        let sheet = match run_sheet_view(&org, b, lang.code()) {
            Ok(s) => s,
            Err(e) => return error_response(e),
        };
        let calls = match call_sheets_view(&org, b, lang.code()) {
            Ok(c) => c,
            Err(e) => return error_response(e),
        };
        let event = crew_event(lang, &origin, b, &sheet, &calls);
        if query.per_segment() {
            events.extend(crew_segment_events(lang, &sheet, &event));
        } else {
            events.push(event);
        }
    }
    let body = render(&Feed {
        name: format!(
            "{} · {} · {}",
            org.name,
            lang.t("crew-feed-name"),
            feed.label
        ),
        description: lang.t("crew-feed-description"),
        refresh_minutes: 15,
        language: lang.code().to_owned(),
        events,
    });
    // People's contacts and other rows outside the gathering change the text too, so the
    // validator is a digest of the text itself.
    let tag = etag(std::slice::from_ref(&body));
    respond(&headers, tag, None, lang, PRIVATE_CACHE, || Ok(body))
}

/// The lines of one segment on a crew calendar: who appears how, and its cues.
fn crew_row_lines(lang: Lang, row: &RunRow) -> Vec<String> {
    use crate::pages::run_sheet::{how_text, interpreting_text, readers};
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
        start: g.starts_local,
        end: g.ends_local,
        modified: g.updated_at,
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
                start: row.start_local,
                end: row.end_local,
                categories: vec![lang.t(&format!("segment-{}", row.kind.as_str()))],
                ..whole.clone()
            }
        })
        .collect()
}

/// How many gatherings the Atom feed carries, latest change first.
const ATOM_ENTRIES: usize = 50;

/// `GET /o/{org}/feed.atom`: the organisation's public gatherings as an Atom feed, the
/// latest published or changed first, for feed readers and sites that embed the
/// calendar. Each entry is one gathering; its id stays while it changes.
pub async fn organisation_atom(
    State(db): State<DatabaseConnection>,
    Path(org): Path<String>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    use atom_syndication::{Content, Entry, Feed, Link, Text};
    let org = match org_or_404(&db, &org).await {
        Ok(o) => o,
        Err(e) => return error_response(e),
    };
    let lang = feed_lang(&query, &org);
    let mut rows = match queries::public_gatherings(&db, org.id).await {
        Ok(r) => r,
        Err(e) => return error_response(e.into()),
    };
    rows.sort_by(|a, b| {
        b.0.updated_at
            .cmp(&a.0.updated_at)
            .then(b.0.id.cmp(&a.0.id))
    });
    rows.truncate(ATOM_ENTRIES);
    let origin = origin(&headers);
    let mut parts = vec![
        format!("atom:{}:{}", org.id, org.name),
        lang.code().to_owned(),
        origin.clone(),
    ];
    parts.extend(rows.iter().map(|(g, v)| stamp(g, v.as_ref())));
    let tag = etag(&parts);
    let modified = rows.iter().map(|(g, _)| g.updated_at).max();
    let mut bundles = Vec::new();
    if !not_modified(&headers, &tag, modified) {
        bundles = match queries::gathering_bundles(&db, rows.clone()).await {
            Ok(b) => b,
            Err(e) => return error_response(e.into()),
        };
    }
    respond_as(
        "application/atom+xml; charset=utf-8",
        &headers,
        tag,
        modified,
        lang,
        PUBLIC_CACHE,
        || {
            let home = format!("{origin}/o/{}", org.slug);
            let mut entries = Vec::new();
            for b in &bundles {
                let g = &b.gathering;
                let page = public_view(&org, b, lang.code())?;
                let url = format!("{home}/{}", g.slug);
                let when = format!(
                    "{}{}{}–{} ({})",
                    lang.format_date(page.starts_local.date()),
                    lang.comma(),
                    lang.format_time(page.starts_local),
                    lang.format_time(page.ends_local),
                    page.time_zone
                );
                let place = page
                    .venue
                    .as_ref()
                    .map(|v| {
                        let line = v.address_line();
                        if line.is_empty() {
                            v.name.clone()
                        } else {
                            format!("{}, {line}", v.name)
                        }
                    })
                    .unwrap_or_default();
                let status = match page.status {
                    crate::domain::GatheringStatus::Published => String::new(),
                    other => format!("{} ", lang.t(&format!("status-{}", other.as_str()))),
                };
                let summary = [format!("{status}{when}"), place]
                    .into_iter()
                    .filter(|s| !s.trim().is_empty())
                    .collect::<Vec<_>>()
                    .join(" · ");
                let mut entry = Entry::default();
                entry.set_id(format!("urn:convene:gathering:{}", g.uid));
                entry.set_title(Text::plain(page.title.clone()));
                entry.set_updated(g.updated_at.fixed_offset());
                entry.set_published(Some(g.created_at.fixed_offset()));
                entry.set_summary(Some(Text::plain(summary)));
                let mut content = Content::default();
                content.set_content_type(Some("text".to_owned()));
                content.set_value(Some(page.description.clone()));
                entry.set_content(Some(content));
                let mut link = Link::default();
                link.set_href(url);
                link.set_rel("alternate");
                link.set_mime_type(Some("text/html".to_owned()));
                entry.set_links(vec![link]);
                entries.push(entry);
            }
            let mut feed = Feed::default();
            feed.set_id(format!("{home}/feed.atom"));
            feed.set_title(Text::plain(org.name.clone()));
            if !org.public_description.is_empty() {
                feed.set_subtitle(Some(Text::plain(org.public_description.clone())));
            }
            feed.set_updated(modified.unwrap_or(org.created_at).fixed_offset());
            feed.set_lang(Some(lang.code().to_owned()));
            let mut this = Link::default();
            this.set_href(format!("{home}/feed.atom"));
            this.set_rel("self");
            this.set_mime_type(Some("application/atom+xml".to_owned()));
            let mut site = Link::default();
            site.set_href(home.clone());
            site.set_rel("alternate");
            site.set_mime_type(Some("text/html".to_owned()));
            feed.set_links(vec![this, site]);
            feed.set_entries(entries);
            Ok(feed.to_string())
        },
    )
}

/// `GET /o/{org}/digest.atom`: the published digests, latest month first.
pub async fn digest_atom(
    State(db): State<DatabaseConnection>,
    Path(org): Path<String>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    use atom_syndication::{Content, Entry, Feed, Link, Text};
    let org = match org_or_404(&db, &org).await {
        Ok(o) => o,
        Err(e) => return error_response(e),
    };
    let lang = feed_lang(&query, &org);
    let digests = match crate::db::digest::published(&db, org.id).await {
        Ok(d) => d,
        Err(e) => return error_response(e),
    };
    let origin = origin(&headers);
    let mut parts = vec![
        format!("digests:{}:{}", org.id, org.name),
        lang.code().to_owned(),
        origin.clone(),
    ];
    parts.extend(
        digests
            .iter()
            .map(|d| format!("{}:{}:{}", d.id, d.number, d.updated_at.timestamp_micros())),
    );
    let tag = etag(&parts);
    let modified = digests.iter().map(|d| d.updated_at).max();
    respond_as(
        "application/atom+xml; charset=utf-8",
        &headers,
        tag,
        modified,
        lang,
        PUBLIC_CACHE,
        || {
            let home = format!("{origin}/o/{}", org.slug);
            let entries: Vec<Entry> = digests
                .iter()
                .filter_map(|d| {
                    let month = crate::domain::digest::Month::parse(&d.month).ok()?;
                    let title = lang.digits(&lang.t_with(
                        "digest-heading",
                        &[
                            ("number", d.number.into()),
                            ("month", lang.format_month(month.first_day()).into()),
                        ],
                    ));
                    let mut entry = Entry::default();
                    entry.set_id(format!("{home}/digest/{}", d.month));
                    entry.set_title(Text::plain(title));
                    entry.set_updated(d.updated_at.fixed_offset());
                    let mut content = Content::default();
                    content.set_content_type(Some("text".to_owned()));
                    content.set_value(Some(d.editorial_note.clone()));
                    entry.set_content(Some(content));
                    let mut link = Link::default();
                    link.set_href(format!("{home}/digest/{}", d.month));
                    link.set_rel("alternate");
                    link.set_mime_type(Some("text/html".to_owned()));
                    entry.set_links(vec![link]);
                    Some(entry)
                })
                .collect();
            let mut feed = Feed::default();
            feed.set_id(format!("{home}/digest.atom"));
            feed.set_title(Text::plain(format!(
                "{} · {}",
                org.name,
                lang.t("digest-title")
            )));
            feed.set_updated(modified.unwrap_or(org.created_at).fixed_offset());
            feed.set_lang(Some(lang.code().to_owned()));
            let mut this = Link::default();
            this.set_href(format!("{home}/digest.atom"));
            this.set_rel("self");
            feed.set_links(vec![this]);
            feed.set_entries(entries);
            Ok(feed.to_string())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_requests_match_the_etag_or_the_date() {
        let mut h = HeaderMap::new();
        let tag = etag(&["a".into()]);
        assert!(!not_modified(&h, &tag, None));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&tag).unwrap());
        assert!(not_modified(&h, &tag, None));
        assert!(!not_modified(&h, &etag(&["b".into()]), None));
        let mut h = HeaderMap::new();
        let m = DateTime::parse_from_rfc3339("2023-11-20T09:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        h.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&http_date(m)).unwrap(),
        );
        assert!(not_modified(&h, &tag, Some(m)));
        assert!(!not_modified(
            &h,
            &tag,
            Some(m + chrono::Duration::seconds(1))
        ));
    }

    #[test]
    fn a_forged_host_header_does_not_reach_the_feed() {
        let mut h = HeaderMap::new();
        h.insert(header::HOST, HeaderValue::from_static("evil.example/x"));
        assert_eq!(origin(&h), "http://127.0.0.1:3000");
        h.insert(header::HOST, HeaderValue::from_static("convene.example"));
        h.insert("x-forwarded-proto", HeaderValue::from_static("https"));
        assert_eq!(origin(&h), "https://convene.example");
    }
}
