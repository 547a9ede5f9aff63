//! The public iCalendar feeds: every public gathering of an organisation, or those at
//! one venue, of one kind, with one listed person, of one campaign, or one gathering,
//! each optionally as one event per public segment.

use axum::extract::Path;
use axum::response::Response;
use sea_orm::DatabaseConnection;

use super::{FeedRequest, ICS, Reading, error_response};
use crate::db::entities::{gathering, organisation};
use crate::db::queries::{self, GatheringBundle};
use crate::domain::ical::{Feed, FeedEvent, render};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::responses::GatheringPage;
use crate::responses::gathering::public_view;
use sea_orm::{ColumnTrait, Condition};

/// One gathering as a calendar event, in the page's language.
pub(super) fn gathering_event(
    lang: Lang,
    origin: &str,
    bundle: &GatheringBundle,
    page: &GatheringPage,
) -> FeedEvent {
    let g = &bundle.gathering;
    let mut description = page.description.clone();
    if page.parallel() && !page.agenda.is_empty() {
        // Parallel rooms: the programme is a grid of its own, and a feed of its own.
        if !description.is_empty() {
            description.push_str("\n\n");
        }
        description.push_str(&lang.t_with(
            "programme-summary",
            &[
                ("sessions", page.agenda.len().into()),
                ("rooms", page.lanes.len().into()),
            ],
        ));
        description.push_str(&format!(
            "\n{origin}/o/{}/{}/programme",
            page.org_slug, g.slug
        ));
    } else if !page.agenda.is_empty() {
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
    sessions_events(lang, origin, bundle, page, |_| true)
}

/// One event per public segment of a gathering that `keep` keeps: its title and
/// speakers, the room, what it is about and its own page.
fn sessions_events(
    lang: Lang,
    origin: &str,
    bundle: &GatheringBundle,
    page: &GatheringPage,
    keep: impl Fn(&crate::responses::SegmentView) -> bool,
) -> Vec<FeedEvent> {
    let whole = gathering_event(lang, origin, bundle, page);
    // A session's SEQUENCE rises with the gathering's, and when it changes between
    // releases of the programme.
    let raises = bundle.sequence_raises();
    page.agenda
        .iter()
        .filter(|s| keep(s))
        .map(|s| {
            let speakers = s.speakers().join(", ");
            let mut summary = s.title.clone();
            if !speakers.is_empty() {
                summary.push_str(" – ");
                summary.push_str(&speakers);
            }
            summary.push_str(" · ");
            summary.push_str(&page.title);
            let location = match (&s.room, &whole.location) {
                (Some(room), Some(place)) => Some(format!("{room}, {place}")),
                (Some(room), None) => Some(room.clone()),
                (None, place) => place.clone(),
            };
            let url = format!(
                "{origin}/o/{}/{}/sessions/{}",
                page.org_slug, page.slug, s.uid
            );
            let mut description = s.abstract_text.clone();
            if !description.is_empty() {
                description.push_str("\n\n");
            }
            description.push_str(&url);
            let mut categories = vec![lang.t(&format!("segment-{}", s.kind.as_str()))];
            if !s.track.is_empty() {
                categories.push(s.track.clone());
            }
            FeedEvent {
                uid: format!("{}.{}", s.uid, whole.uid),
                sequence: whole.sequence + raises.get(&s.uid).copied().unwrap_or(0),
                summary,
                description,
                location,
                url: Some(url),
                start: s.start_utc,
                end: s.end_utc,
                categories,
                language: s.title_lang.clone(),
                ..whole.clone()
            }
        })
        .collect()
}

/// Which sessions of one gathering a programme feed holds.
#[derive(Debug, Clone, PartialEq)]
enum Sessions {
    All,
    /// One session, by its identifier.
    One(String),
    /// The sessions of one lane (room), by the lane's id.
    Lane(i32),
    /// The sessions of one track, by its name.
    Track(String),
    /// "My programme": the sessions a visitor chose.
    Chosen(Vec<String>),
}

impl Sessions {
    fn keeps(&self, s: &crate::responses::SegmentView) -> bool {
        match self {
            Sessions::All => true,
            Sessions::One(uid) => &s.uid == uid,
            Sessions::Lane(lane) => s.lane == *lane,
            Sessions::Track(track) => &s.track == track,
            Sessions::Chosen(uids) => uids.contains(&s.uid),
        }
    }
}

/// The sessions a visitor chose, from `?s=a,b,c` (at most 500, each as written).
fn chosen(query: &super::FeedQuery) -> Vec<String> {
    let mut uids: Vec<String> = query
        .s
        .as_deref()
        .unwrap_or("")
        .split([',', ' '])
        .map(str::trim)
        .filter(|u| !u.is_empty() && u.len() <= 64)
        .take(500)
        .map(str::to_owned)
        .collect();
    uids.sort_unstable();
    uids.dedup();
    uids
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
    /// Sessions of one gathering, by its address.
    Programme(String, Sessions),
}

/// `GET /o/{org}/calendar.ics`: every public gathering of an organisation.
pub async fn organisation_feed(feed: FeedRequest, Path(org): Path<String>) -> Response {
    public_feed(feed, &org, Selection::All).await
}

/// `GET /o/{org}/venues/{id}/calendar.ics`: the public gatherings at one venue.
pub async fn venue_feed(feed: FeedRequest, Path((org, id)): Path<(String, i32)>) -> Response {
    public_feed(feed, &org, Selection::Venue(id)).await
}

/// `GET /o/{org}/kinds/{kind}/calendar.ics`: the public gatherings of one kind.
pub async fn kind_feed(feed: FeedRequest, Path((org, kind)): Path<(String, String)>) -> Response {
    match kind.parse() {
        Ok(k) => public_feed(feed, &org, Selection::Kind(k)).await,
        Err(_) => error_response(AppError::NotFound, feed.lang()),
    }
}

/// `GET /o/{org}/campaigns/{slug}/calendar.ics`: the public gatherings of a campaign,
/// every city in one subscription.
pub async fn campaign_feed(
    feed: FeedRequest,
    Path((org, slug)): Path<(String, String)>,
) -> Response {
    public_feed(feed, &org, Selection::Campaign(slug)).await
}

/// `GET /o/{org}/people/{id}/calendar.ics`: a listed person's public appearances.
pub async fn person_feed(feed: FeedRequest, Path((org, id)): Path<(String, i32)>) -> Response {
    public_feed(feed, &org, Selection::Person(id)).await
}

/// `GET /o/{org}/{slug}/programme.ics`: the programme, one event per session.
pub async fn programme_feed(
    feed: FeedRequest,
    Path((org, slug)): Path<(String, String)>,
) -> Response {
    public_feed(feed, &org, Selection::Programme(slug, Sessions::All)).await
}

/// `GET /o/{org}/{slug}/sessions/{uid}/calendar.ics`: one session.
pub async fn session_feed(
    feed: FeedRequest,
    Path((org, slug, uid)): Path<(String, String, String)>,
) -> Response {
    public_feed(feed, &org, Selection::Programme(slug, Sessions::One(uid))).await
}

/// `GET /o/{org}/{slug}/rooms/{lane}/calendar.ics`: the sessions in one room.
pub async fn room_feed(
    feed: FeedRequest,
    Path((org, slug, lane)): Path<(String, String, i32)>,
) -> Response {
    public_feed(feed, &org, Selection::Programme(slug, Sessions::Lane(lane))).await
}

/// `GET /o/{org}/{slug}/tracks/{track}/calendar.ics`: the sessions of one track.
pub async fn track_feed(
    feed: FeedRequest,
    Path((org, slug, track)): Path<(String, String, String)>,
) -> Response {
    public_feed(
        feed,
        &org,
        Selection::Programme(slug, Sessions::Track(track)),
    )
    .await
}

/// `GET /o/{org}/{slug}/my.ics?s=…`: the sessions a visitor starred, without an
/// account: the choice lives in the address.
pub async fn chosen_feed(feed: FeedRequest, Path((org, slug)): Path<(String, String)>) -> Response {
    let uids = chosen(&feed.query);
    public_feed(
        feed,
        &org,
        Selection::Programme(slug, Sessions::Chosen(uids)),
    )
    .await
}

/// `GET /o/{org}/{slug}/calendar.ics`: one gathering (or its segments).
pub async fn gathering_feed(
    feed: FeedRequest,
    Path((org, slug)): Path<(String, String)>,
) -> Response {
    public_feed(feed, &org, Selection::Gathering(slug)).await
}

/// A public calendar, from memory while the organisation's content version holds.
async fn public_feed(feed: FeedRequest, org: &str, selection: Selection) -> Response {
    let per_segment = feed.query.per_segment();
    // A visitor's choice of sessions is any list at all: keyed by its digest, so a kept
    // answer costs the same whatever the address asked.
    let what = match &selection {
        Selection::Programme(slug, Sessions::Chosen(uids)) => {
            use sha2::{Digest, Sha256};
            let digest = Sha256::digest(uids.join(",").as_bytes());
            let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
            format!("ics chosen {slug} {hex}")
        }
        other => format!("ics {other:?}"),
    };
    feed.publish(org, what, ICS, async |db, org, reading, origin| {
        render_feed(db, org, &selection, reading, origin, per_segment).await
    })
    .await
}

/// The gatherings a selection holds, and the calendar's name and description.
async fn select(
    db: &DatabaseConnection,
    org: &organisation::Model,
    selection: &Selection,
    lang: Lang,
) -> Result<(Vec<GatheringBundle>, String, String), AppError> {
    let public = |g: &gathering::Model| g.status.is_public();
    let name = org.name.clone();
    let description = org.public_description.clone();
    let (rows, name, description) = match selection {
        Selection::Gathering(slug) | Selection::Programme(slug, _) => {
            let found = queries::gathering_with_venue(db, org.id, slug)
                .await?
                .filter(|(g, _)| public(g))
                .ok_or(AppError::NotFound)?;
            // Named after the gathering, in the feed's language, once it is rendered.
            (vec![found], String::new(), name)
        }
        Selection::Person(id) => {
            let listed = queries::person(db, org.id, *id)
                .await?
                .is_some_and(|p| p.listed_publicly);
            let rows = queries::public_gatherings_with_person(db, org.id, *id).await?;
            if !listed || rows.is_empty() {
                return Err(AppError::NotFound);
            }
            (rows, name, description)
        }
        Selection::Campaign(slug) => {
            let campaign = crate::db::campaigns::campaign_by_slug(db, org.id, slug)
                .await?
                .ok_or(AppError::NotFound)?;
            let only = Condition::all().add(gathering::Column::CampaignId.eq(campaign.id));
            let rows = queries::public_gatherings_where(db, org.id, only).await?;
            (rows, format!("{name} · {}", campaign.title), description)
        }
        Selection::Venue(id) => {
            let only = Condition::all().add(gathering::Column::VenueId.eq(*id));
            let rows = queries::public_gatherings_where(db, org.id, only).await?;
            let venue = rows.first().and_then(|(_, v)| v.as_ref());
            let name = venue.map_or(name.clone(), |v| format!("{name} · {}", v.name));
            (rows, name, description)
        }
        Selection::Kind(kind) => {
            let only = Condition::all().add(gathering::Column::Kind.eq(kind.as_str()));
            let rows = queries::public_gatherings_where(db, org.id, only).await?;
            let name = format!("{name} · {}", lang.t(&format!("kind-{}", kind.as_str())));
            (rows, name, description)
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
    reading: &Reading,
    origin: &str,
    per_segment: bool,
) -> Result<String, AppError> {
    let lang = reading.ui;
    let (bundles, mut name, description) = select(db, org, selection, lang).await?;
    let mut events = Vec::new();
    for b in &bundles {
        let page = public_view(org, b, &reading.texts)?;
        match selection {
            Selection::Gathering(_) => name.clone_from(&page.title),
            Selection::Programme(_, only) => {
                let found = sessions_events(lang, origin, b, &page, |s| only.keeps(s));
                // A session, room or track that is not there has no feed; an empty
                // choice is an empty calendar.
                if found.is_empty() && !matches!(only, Sessions::All | Sessions::Chosen(_)) {
                    return Err(AppError::NotFound);
                }
                name = programme_feed_name(lang, &page, only, &found);
                events.extend(found);
                continue;
            }
            // A person's calendar holds their sessions, not whole gatherings.
            Selection::Person(id) => {
                events.extend(sessions_events(lang, origin, b, &page, |s| {
                    s.appearances.iter().any(|a| a.person_id == Some(*id))
                }));
                continue;
            }
            _ => {}
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
        language: reading.texts.clone(),
        events,
    }))
}

/// The name a programme feed shows in a calendar app.
fn programme_feed_name(
    lang: Lang,
    page: &GatheringPage,
    only: &Sessions,
    events: &[FeedEvent],
) -> String {
    match only {
        Sessions::All => format!("{} · {}", page.title, lang.t("programme-title")),
        Sessions::One(_) => events
            .first()
            .map_or_else(|| page.title.clone(), |e| e.summary.clone()),
        Sessions::Lane(lane) => {
            let room = page
                .agenda
                .iter()
                .find(|s| s.lane == *lane)
                .and_then(|s| s.room.clone())
                .unwrap_or_default();
            format!("{} · {room}", page.title)
        }
        Sessions::Track(track) => format!("{} · {track}", page.title),
        Sessions::Chosen(_) => format!("{} · {}", page.title, lang.t("programme-mine")),
    }
}

/// `GET /manage/o/{org}/{slug}/preview.ics`: the calendar a gathering has or will have,
/// whatever its status, for the organisation's members: named as a preview, and kept
/// by no cache. `?lang=` and `?segments=1` as for the public feed.
pub async fn preview_feed(
    feed: FeedRequest,
    Path((org, slug)): Path<(String, String)>,
) -> Response {
    use axum::http::{HeaderValue, header};
    use axum::response::IntoResponse;
    let member = match crate::server::actions::member(
        &feed.db,
        &feed.headers,
        &org,
        crate::domain::access::Permission::ReadInternal,
    )
    .await
    {
        Ok(m) => m,
        Err(e) => return e.into_response_in(feed.lang()),
    };
    let reading = super::feed_reading(&feed.query, &member.org);
    let text = async {
        let bundle = queries::gathering_bundle(&feed.db, member.org.id, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let page = crate::responses::gathering::preview_view(&member.org, &bundle, &reading.texts)?;
        let origin = crate::config::site().origin();
        let events = if feed.query.per_segment() {
            segment_events(reading.ui, origin, &bundle, &page)
        } else {
            vec![gathering_event(reading.ui, origin, &bundle, &page)]
        };
        Ok::<_, AppError>(render(&Feed {
            name: format!(
                "{} · {}",
                reading.ui.t("gathering-preview-feed"),
                page.title
            ),
            description: reading.ui.t("gathering-preview-draft"),
            refresh_minutes: 60,
            language: reading.texts.clone(),
            events,
        }))
    };
    match text.await {
        Ok(body) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/calendar; charset=utf-8"),
                ),
                (
                    header::CACHE_CONTROL,
                    HeaderValue::from_static("private, no-store"),
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => error_response(e, feed.lang()),
    }
}
