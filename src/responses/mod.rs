//! What the server answers, as view models built on the server from the database's
//! bundles: server functions send them, pages and components show them, feeds write
//! them. Each surface reads the same model, so a page, its feed and its run-sheet say
//! the same thing, and the texts every surface shares (how a person appears, when
//! someone is called) are written once, here.
//!
//! Public models carry only what organisers marked public.

pub mod call_sheets;
#[cfg(feature = "ssr")]
pub mod gathering;
pub mod issued;
pub mod run_sheet;

use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};

use crate::domain::{
    AppearanceMode, AppearanceRole, GatheringKind, GatheringStatus, SegmentKind, VenueSetting,
};

/// An organisation in the list on the start page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgListItem {
    pub slug: String,
    pub name: String,
    pub description: String,
}

/// An organisation's public home: its gatherings, upcoming and past.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrgHome {
    pub slug: String,
    pub name: String,
    pub description: String,
    /// The public contact address; empty when there is none.
    #[serde(default)]
    pub contact_email: String,
    /// A page of each (`PAGE_SIZE` cards), so that an organisation of thousands of
    /// gatherings still has a page of a reasonable size.
    pub upcoming: crate::domain::listing::Listed<GatheringCard>,
    pub past: crate::domain::listing::Listed<GatheringCard>,
    /// The site's address as the visitor reached it, for subscribe links.
    pub origin: String,
    /// The kinds and venues of the public gatherings, to filter by.
    pub kinds: Vec<GatheringKind>,
    pub venues: Vec<(i32, String)>,
    pub filter_kind: Option<GatheringKind>,
    pub filter_venue: Option<i32>,
}

/// A venue's public page: where it is and its public gatherings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VenuePage {
    pub org_slug: String,
    pub org_name: String,
    pub id: i32,
    pub venue: VenueView,
    pub time_zone: String,
    /// A page of each, as on the organisation's page.
    pub upcoming: crate::domain::listing::Listed<GatheringCard>,
    pub past: crate::domain::listing::Listed<GatheringCard>,
    pub origin: String,
}

/// One gathering in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GatheringCard {
    pub slug: String,
    pub title: String,
    /// The language `title` is written in.
    pub title_lang: String,
    pub kind: GatheringKind,
    pub status: GatheringStatus,
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
    pub time_zone: String,
    pub place: Option<String>,
    pub venue_id: Option<i32>,
}

/// A gathering's public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GatheringPage {
    pub org_slug: String,
    pub org_name: String,
    pub slug: String,
    pub title: String,
    /// The language of `title` and `description` (the visitor's, or the default).
    pub title_lang: String,
    pub kind: GatheringKind,
    pub status: GatheringStatus,
    pub time_zone: String,
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
    pub venue: Option<VenueView>,
    pub description: String,
    pub languages: Vec<String>,
    pub agenda: Vec<SegmentView>,
    /// The public statements read out or issued, in the order they were added.
    pub statements: Vec<StatementView>,
    /// The start as a UTC instant (seconds), for showing it in the visitor's own zone.
    pub starts_utc: i64,
    pub ends_utc: i64,
    /// The site's address as the visitor reached it, for subscribe links.
    pub origin: String,
    /// The campaign it is part of: `(slug, title)`.
    #[serde(default)]
    pub campaign: Option<(String, String)>,
    /// The other public occurrences of its series: `(slug, local start)`, by date.
    #[serde(default)]
    pub other_dates: Vec<(String, NaiveDateTime)>,
    /// Shown to members before it is public: the page says so, and offers no feeds.
    #[serde(default)]
    pub preview: bool,
    /// Its lanes, left to right: one for most gatherings, one per room of a conference.
    #[serde(default)]
    pub lanes: Vec<LaneView>,
    /// The numbered releases of its programme, oldest first.
    #[serde(default)]
    pub releases: Vec<ReleaseView>,
}

/// Version N of a programme, as published.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReleaseView {
    pub number: u32,
    /// When it was released, on the venue's clock.
    pub released_local: NaiveDateTime,
    pub note: String,
}

/// One lane of a gathering, as the public sees it: its room, if it is in one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LaneView {
    pub id: i32,
    /// Counted from 1, left to right.
    pub number: usize,
    /// The room's name, else the lane's own name; `None` when it has neither.
    pub name: Option<String>,
    pub capacity: Option<i32>,
    pub accessibility: String,
    pub directions: String,
}

impl GatheringPage {
    /// Whether it runs parallel lanes (a conference with rooms).
    pub fn parallel(&self) -> bool {
        self.lanes.len() > 1
    }

    /// The lane with this id.
    pub fn lane(&self, id: i32) -> Option<&LaneView> {
        self.lanes.iter().find(|l| l.id == id)
    }
}

/// The public side of a venue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VenueView {
    pub name: String,
    pub address: String,
    pub city: String,
    pub country: String,
    pub setting: VenueSetting,
    pub directions: String,
    pub map_url: Option<String>,
}

impl VenueView {
    /// Address, city and country, leaving out what the venue's name already says.
    pub fn address_line(&self) -> String {
        [
            self.address.as_str(),
            self.city.as_str(),
            self.country.as_str(),
        ]
        .into_iter()
        .filter(|s| !s.is_empty() && !self.name.contains(*s))
        .collect::<Vec<_>>()
        .join(", ")
    }

    /// The name and the parts of the address not already written, for calendar
    /// LOCATION fields and "add to calendar" links.
    pub fn location(&self) -> String {
        let mut parts = vec![self.name.as_str()];
        for p in [&self.address, &self.city, &self.country] {
            if !p.is_empty() && !parts.iter().any(|q| q.contains(p.as_str())) {
                parts.push(p);
            }
        }
        parts.join(", ")
    }
}

/// One public segment with its computed local times.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SegmentView {
    /// Stable identifier of the segment (used in per-segment feed UIDs).
    pub uid: String,
    pub number: u32,
    pub kind: SegmentKind,
    pub title: String,
    pub title_lang: String,
    pub start_local: NaiveDateTime,
    pub end_local: NaiveDateTime,
    /// The UTC offsets of start and end when the clock shows them twice.
    pub start_offset: Option<String>,
    pub end_offset: Option<String>,
    /// The same start and end as instants: a local reading in the hour repeated in
    /// autumn names two of them.
    pub start_utc: chrono::DateTime<chrono::Utc>,
    pub end_utc: chrono::DateTime<chrono::Utc>,
    pub minutes: u32,
    pub film: Option<FilmView>,
    pub appearances: Vec<AppearanceView>,
    /// The published statement or letter of the organisation read here:
    /// `(address under /o/{org}/statements/, title, its language)`.
    #[serde(default)]
    pub reads: Option<(String, String, String)>,
    /// The lane it runs in: its column on a programme of parallel rooms.
    #[serde(default)]
    pub lane: i32,
    /// The room of its lane, when it is in one.
    #[serde(default)]
    pub room: Option<String>,
    /// What the session is about, and the language that text is in.
    #[serde(default)]
    pub abstract_text: String,
    #[serde(default)]
    pub abstract_lang: String,
    #[serde(default)]
    pub track: String,
    /// The languages it is held in.
    #[serde(default)]
    pub languages: Vec<String>,
    #[serde(default = "yes")]
    pub may_record: bool,
    #[serde(default = "yes")]
    pub may_stream: bool,
    #[serde(default = "yes")]
    pub may_photograph: bool,
}

fn yes() -> bool {
    true
}

impl SegmentView {
    /// The names of the listed people speaking, moderating or reading in it (not its
    /// interpreters or hosts), in order.
    pub fn speakers(&self) -> Vec<&str> {
        self.appearances
            .iter()
            .filter(|a| {
                matches!(
                    a.role,
                    AppearanceRole::Speaker | AppearanceRole::Moderator | AppearanceRole::Reader
                )
            })
            .filter_map(|a| a.name.as_deref())
            .collect()
    }
}

/// A statement with its numbered points, in the visitor's language when written in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatementView {
    pub title: String,
    pub language: String,
    pub points: Vec<String>,
    pub signature_count: u32,
}

/// The public side of a film.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FilmView {
    pub title: String,
    pub director: String,
    pub year: Option<i32>,
    pub runtime_minutes: u32,
    pub audio_language: String,
    pub subtitle_languages: Vec<String>,
}

/// Who appears and how; `name` is `None` for people not listed publicly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AppearanceView {
    pub name: Option<String>,
    /// Set only for people listed publicly (their public page).
    pub person_id: Option<i32>,
    pub role: AppearanceRole,
    pub mode: AppearanceMode,
    pub language: Option<String>,
    pub interpreted_into: Vec<String>,
}

/// A person's public page: their public bio and public appearances.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonPage {
    pub org_slug: String,
    pub org_name: String,
    pub id: i32,
    pub name: String,
    pub bio: String,
    /// A page of them, latest first.
    pub appearances: crate::domain::listing::Listed<PersonAppearance>,
    pub origin: String,
}

/// One public appearance of a person.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonAppearance {
    pub gathering_slug: String,
    pub gathering_title: String,
    pub title_lang: String,
    pub time_zone: String,
    pub segment_title: String,
    pub start_local: NaiveDateTime,
    pub end_local: NaiveDateTime,
    pub role: AppearanceRole,
    pub mode: AppearanceMode,
    /// The session's own page, when the gathering runs parallel rooms.
    #[serde(default)]
    pub session_uid: Option<String>,
}

/// Splits a stored comma-separated list.
#[cfg(feature = "ssr")]
pub fn split_list(raw: &str) -> Vec<String> {
    raw.split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// The header by which an answer says that what it shows changes by itself at an
/// instant (seconds since the epoch), so a published copy is not kept past it.
#[cfg(feature = "ssr")]
pub const HOLDS_UNTIL: &str = "x-convene-holds-until";

/// Says, while a page is rendered, that what it shows changes by itself at `at` (a
/// gathering moves from "coming up" to "held").
#[cfg(feature = "ssr")]
pub fn holds_until(at: chrono::DateTime<chrono::Utc>) {
    use http::{HeaderName, HeaderValue};
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>()
        && let Ok(value) = HeaderValue::from_str(&at.timestamp().to_string())
    {
        response.append_header(HeaderName::from_static(HOLDS_UNTIL), value);
    }
}
