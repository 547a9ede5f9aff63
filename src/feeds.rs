//! iCalendar and Atom feeds as plain axum routes: the public calendars of an
//! organisation, of one gathering, venue, kind, person or campaign, in the language
//! asked for with `?lang=`; members' crew calendars; the Atom feeds.
//!
//! Public feeds are published answers (`server::published`): keyed by the
//! organisation's content version, rendered once per version by the pure
//! `domain::ical::render`, and answered `304 Not Modified` from memory while the
//! version holds. A render loads what it needs in a fixed number of queries.

use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use fluent_templates::fluent_bundle::FluentValue;

use crate::api::GatheringPage;
use crate::api::call_sheets::CallSheets;
use crate::api::call_sheets::ssr::call_sheets_view;
use crate::api::gathering::ssr::{public_view, venue_view};
use crate::api::workspace::ssr::run_sheet_view;
use crate::api::workspace::{RunRow, RunSheet};
use crate::db::entities::organisation;
use crate::db::queries::{self, GatheringBundle};
use crate::domain::GatheringStatus;
use crate::domain::ical::{Feed, FeedEvent, render};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::pages::call_sheets::call_line;
use crate::server::published::{Published, Rendered};

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

/// Public feeds may be kept by any cache for five minutes, then revalidated.
const PUBLIC_CACHE: &str = "public, max-age=300, must-revalidate";
/// Crew feeds are for one member's calendar app only: no shared cache keeps them.
const PRIVATE_CACHE: &str = "private, no-cache";

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
        start: g.starts_at,
        end: g.ends_at,
        modified: bundle.changed_at(),
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
            start: s.start_utc,
            end: s.end_utc,
            categories: vec![lang.t(&format!("segment-{}", s.kind.as_str()))],
            language: s.title_lang.clone(),
            ..whole.clone()
        })
        .collect()
}

/// Which of an organisation's public gatherings a feed holds.
#[derive(Debug, Clone, PartialEq)]
enum Selection {
    All,
    Venue(i32),
    Kind(crate::domain::GatheringKind),
    /// The gatherings where a publicly listed person appears in a public segment.
    Person(i32),
    /// The gatherings of one campaign, by its address.
    Campaign(String),
    /// One gathering, by its address.
    Gathering(String),
}

/// `GET /o/{org}/calendar.ics`: every public gathering of an organisation.
pub async fn organisation_feed(
    State(db): State<DatabaseConnection>,
    State(published): State<Published>,
    Path(org): Path<String>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    public_feed(&db, &published, &org, Selection::All, query, &headers).await
}

/// `GET /o/{org}/venues/{id}/calendar.ics`: the public gatherings at one venue.
pub async fn venue_feed(
    State(db): State<DatabaseConnection>,
    State(published): State<Published>,
    Path((org, id)): Path<(String, i32)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    public_feed(&db, &published, &org, Selection::Venue(id), query, &headers).await
}

/// `GET /o/{org}/kinds/{kind}/calendar.ics`: the public gatherings of one kind.
pub async fn kind_feed(
    State(db): State<DatabaseConnection>,
    State(published): State<Published>,
    Path((org, kind)): Path<(String, String)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    match kind.parse() {
        Ok(k) => public_feed(&db, &published, &org, Selection::Kind(k), query, &headers).await,
        Err(_) => error_response(AppError::NotFound),
    }
}

/// `GET /o/{org}/campaigns/{slug}/calendar.ics`: the public gatherings of a campaign,
/// every city in one subscription.
pub async fn campaign_feed(
    State(db): State<DatabaseConnection>,
    State(published): State<Published>,
    Path((org, slug)): Path<(String, String)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let selection = Selection::Campaign(slug);
    public_feed(&db, &published, &org, selection, query, &headers).await
}

/// `GET /o/{org}/people/{id}/calendar.ics`: a listed person's public appearances.
pub async fn person_feed(
    State(db): State<DatabaseConnection>,
    State(published): State<Published>,
    Path((org, id)): Path<(String, i32)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    public_feed(
        &db,
        &published,
        &org,
        Selection::Person(id),
        query,
        &headers,
    )
    .await
}

/// `GET /o/{org}/{slug}/calendar.ics`: one gathering (or its segments).
pub async fn gathering_feed(
    State(db): State<DatabaseConnection>,
    State(published): State<Published>,
    Path((org, slug)): Path<(String, String)>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let selection = Selection::Gathering(slug);
    public_feed(&db, &published, &org, selection, query, &headers).await
}

/// A public calendar, from memory while the organisation's content version holds.
async fn public_feed(
    db: &DatabaseConnection,
    published: &Published,
    org: &str,
    selection: Selection,
    query: FeedQuery,
    headers: &HeaderMap,
) -> Response {
    let answer = async {
        let org = published.organisation(org).await?;
        let lang = feed_lang(&query, &org);
        let origin = origin(headers);
        let per_segment = query.per_segment();
        let key = format!("ics {selection:?} {} {per_segment} {origin}", lang.code());
        published
            .answer(&org, key, headers, || async {
                let body = render_feed(db, &org, &selection, lang, &origin, per_segment).await?;
                Ok(Rendered::new(
                    body,
                    "text/calendar; charset=utf-8",
                    lang.code(),
                    PUBLIC_CACHE,
                ))
            })
            .await
    };
    answer.await.unwrap_or_else(error_response)
}

/// The gatherings a selection holds, and the calendar's name and description.
async fn select(
    db: &DatabaseConnection,
    org: &organisation::Model,
    selection: &Selection,
    lang: Lang,
) -> Result<(Vec<GatheringBundle>, String, String), AppError> {
    let public = |g: &crate::db::entities::gathering::Model| {
        g.status
            .parse::<GatheringStatus>()
            .is_ok_and(GatheringStatus::is_public)
    };
    let name = org.name.clone();
    let description = org.public_description.clone();
    let (rows, name, description) = match selection {
        Selection::Gathering(slug) => {
            let found = queries::gathering_with_venue(db, org.id, slug)
                .await?
                .filter(|(g, _)| public(g))
                .ok_or(AppError::NotFound)?;
            let title = found.0.title.clone();
            (vec![found], title, name)
        }
        Selection::Person(id) => {
            let listed = queries::person(db, org.id, *id)
                .await?
                .is_some_and(|p| p.listed_publicly);
            let slugs = queries::gathering_slugs_with_person(db, org.id, *id).await?;
            if !listed || slugs.is_empty() {
                return Err(AppError::NotFound);
            }
            let rows = queries::public_gatherings(db, org.id).await?;
            let rows = rows.into_iter().filter(|(g, _)| slugs.contains(&g.slug));
            (rows.collect(), name, description)
        }
        Selection::Campaign(slug) => {
            let campaign = crate::db::campaigns::campaign_by_slug(db, org.id, slug)
                .await?
                .ok_or(AppError::NotFound)?;
            let rows = queries::public_gatherings(db, org.id).await?;
            let rows: Vec<_> = rows
                .into_iter()
                .filter(|(g, _)| g.campaign_id == Some(campaign.id))
                .collect();
            (rows, format!("{name} · {}", campaign.title), description)
        }
        Selection::Venue(id) => {
            let rows: Vec<_> = queries::public_gatherings(db, org.id)
                .await?
                .into_iter()
                .filter(|(g, _)| g.venue_id == Some(*id))
                .collect();
            let venue = rows.first().and_then(|(_, v)| v.as_ref());
            let name = venue.map_or(name.clone(), |v| format!("{name} · {}", v.name));
            (rows, name, description)
        }
        Selection::Kind(kind) => {
            let rows = queries::public_gatherings(db, org.id).await?;
            let rows = rows.into_iter().filter(|(g, _)| g.kind == kind.as_str());
            let name = format!("{name} · {}", lang.t(&format!("kind-{}", kind.as_str())));
            (rows.collect(), name, description)
        }
        Selection::All => (
            queries::public_gatherings(db, org.id).await?,
            name,
            description,
        ),
    };
    // A venue or campaign with no public gathering has no public feed.
    if rows.is_empty() && matches!(selection, Selection::Venue(_) | Selection::Campaign(_)) {
        return Err(AppError::NotFound);
    }
    let bundles = queries::gathering_bundles(db, rows).await?;
    Ok((bundles, name, description))
}

/// Renders a public calendar from the database: a fixed number of queries, whatever
/// the number of gatherings.
async fn render_feed(
    db: &DatabaseConnection,
    org: &organisation::Model,
    selection: &Selection,
    lang: Lang,
    origin: &str,
    per_segment: bool,
) -> Result<String, AppError> {
    let (bundles, mut name, description) = select(db, org, selection, lang).await?;
    let mut events = Vec::new();
    for b in &bundles {
        let page = public_view(org, b, lang.code())?;
        if matches!(selection, Selection::Gathering(_)) {
            name.clone_from(&page.title);
        }
        if per_segment {
            events.extend(segment_events(lang, origin, b, &page));
        } else {
            events.push(gathering_event(lang, origin, b, &page));
        }
    }
    Ok(render(&Feed {
        name,
        description,
        refresh_minutes: 60,
        language: lang.code().to_owned(),
        events,
    }))
}

/// `GET /crew/{token}/calendar.ics`: a member's private crew calendar. Every gathering
/// of the organisation, drafts included (as tentative), with the internal run of show in
/// each event: times, who appears how (online speakers with their own local time), call
/// links, cues, access notes, internal notes and contacts. `?segments=1` gives one event
/// per segment, internal segments included.
pub async fn crew_feed(
    State(db): State<DatabaseConnection>,
    State(published): State<Published>,
    Path(token): Path<String>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let answer = async {
        // The token is checked on every request: a revoked feed closes at once.
        let (feed, org) = crate::db::crew_feeds::resolve(&db, &token)
            .await?
            .ok_or(AppError::NotFound)?;
        let lang = feed_lang(&query, &org);
        let origin = origin(&headers);
        let per_segment = query.per_segment();
        let key = format!(
            "crew {} {:?} {} {per_segment} {origin}",
            feed.id,
            feed.label,
            lang.code()
        );
        published
            .answer(&org, key, &headers, || async {
                let body = crew_text(&db, &org, &feed.label, lang, &origin, per_segment).await?;
                Ok(Rendered::new(
                    body,
                    "text/calendar; charset=utf-8",
                    lang.code(),
                    PRIVATE_CACHE,
                ))
            })
            .await
    };
    answer.await.unwrap_or_else(error_response)
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

/// How many gatherings the Atom feed carries, latest change first.
const ATOM_ENTRIES: usize = 50;

const ATOM: &str = "application/atom+xml; charset=utf-8";

/// `GET /o/{org}/feed.atom`: the organisation's public gatherings as an Atom feed, the
/// latest published or changed first, for feed readers and sites that embed the
/// calendar. Each entry is one gathering; its id stays while it changes.
pub async fn organisation_atom(
    State(db): State<DatabaseConnection>,
    State(published): State<Published>,
    Path(org): Path<String>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let answer = async {
        let org = published.organisation(&org).await?;
        let lang = feed_lang(&query, &org);
        let origin = origin(&headers);
        let key = format!("atom {} {origin}", lang.code());
        published
            .answer(&org, key, &headers, || async {
                let body = organisation_atom_text(&db, &org, lang, &origin).await?;
                Ok(Rendered::new(body, ATOM, lang.code(), PUBLIC_CACHE))
            })
            .await
    };
    answer.await.unwrap_or_else(error_response)
}

/// The Atom text of an organisation's public gatherings.
async fn organisation_atom_text(
    db: &DatabaseConnection,
    org: &organisation::Model,
    lang: Lang,
    origin: &str,
) -> Result<String, AppError> {
    use atom_syndication::{Content, Entry, Feed, Link, Text};
    let mut rows = queries::public_gatherings(db, org.id).await?;
    rows.sort_by(|a, b| {
        b.0.updated_at
            .cmp(&a.0.updated_at)
            .then(b.0.id.cmp(&a.0.id))
    });
    rows.truncate(ATOM_ENTRIES);
    let bundles = queries::gathering_bundles(db, rows).await?;
    let modified = bundles.iter().map(GatheringBundle::changed_at).max();
    let home = format!("{origin}/o/{}", org.slug);
    let mut entries = Vec::new();
    for b in &bundles {
        let g = &b.gathering;
        let page = public_view(org, b, lang.code())?;
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
        entry.set_updated(b.changed_at().fixed_offset());
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
}

/// `GET /o/{org}/digest.atom`: the published digests, latest month first.
pub async fn digest_atom(
    State(db): State<DatabaseConnection>,
    State(published): State<Published>,
    Path(org): Path<String>,
    Query(query): Query<FeedQuery>,
    headers: HeaderMap,
) -> Response {
    let answer = async {
        let org = published.organisation(&org).await?;
        let lang = feed_lang(&query, &org);
        let origin = origin(&headers);
        let key = format!("digests {} {origin}", lang.code());
        published
            .answer(&org, key, &headers, || async {
                let body = digest_atom_text(&db, &org, lang, &origin).await?;
                Ok(Rendered::new(body, ATOM, lang.code(), PUBLIC_CACHE))
            })
            .await
    };
    answer.await.unwrap_or_else(error_response)
}

/// The Atom text of an organisation's published digests.
async fn digest_atom_text(
    db: &DatabaseConnection,
    org: &organisation::Model,
    lang: Lang,
    origin: &str,
) -> Result<String, AppError> {
    use atom_syndication::{Content, Entry, Feed, Link, Text};
    let digests = crate::db::digest::published(db, org.id).await?;
    let modified = digests.iter().map(|d| d.updated_at).max();
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

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
