//! A complete, versioned JSON document of one organisation, and loading it back.
//!
//! - The document names things by stable keys, never by database ids: venues, people and
//!   films by their position (`venue-1`, ...), gatherings by their calendar UID. Exporting,
//!   importing into a fresh database and exporting again gives the same document, and the
//!   same calendar feeds byte for byte (change stamps travel with the data).
//! - Import is one transaction: a bad document is refused with the path of the bad field
//!   and nothing is written. An organisation whose address already exists is refused
//!   rather than merged.
//! - Members and password hashes are never exported.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDateTime, Utc};
use sea_orm::sea_query::Query;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};

use super::entities::{
    appearance, film, gathering, gathering_text, lane, organisation, person, programme_release,
    room, segment, segment_text, statement, statement_text, venue,
};
use crate::domain::{
    AppearanceMode, AppearanceRole, GatheringKind, GatheringStatus, SegmentKind, Slug,
    TimeZoneName, Title, ValidationError, VenueSetting, say,
};
use crate::error::AppError;

/// The format name written in every document.
pub const FORMAT: &str = "convene-organisation";
/// The version of the format this build writes and reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
/// One organisation: its directory of venues, people and films, and every gathering with
/// its agenda, appearances and statements. Members and passwords are never included.
pub struct Document {
    /// Always `convene-organisation`.
    #[schemars(extend("const" = "convene-organisation"))]
    pub format: String,
    /// The format's version; this build writes and reads version 1.
    #[schemars(extend("const" = 1))]
    pub version: u32,
    pub organisation: Organisation,
    pub venues: Vec<Venue>,
    pub people: Vec<Person>,
    pub films: Vec<Film>,
    pub gatherings: Vec<Gathering>,
    /// Gatherings that belong together, one per city; gatherings name theirs by `slug`.
    #[serde(default)]
    pub campaigns: Vec<Campaign>,
    /// Gatherings that repeat; gatherings name theirs by `key`.
    #[serde(default)]
    pub series: Vec<Series>,
    /// The monthly digests written (the rest of a digest is read from the gatherings).
    #[serde(default)]
    pub digests: Vec<Digest>,
    /// Statements and open letters issued on their own; segments name the one they read
    /// by `slug`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub issued_statements: Vec<IssuedStatement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuedStatement {
    /// Its address under `/o/{org}/statements/`, unique in the document.
    pub slug: String,
    pub kind: crate::domain::IssuedKind,
    pub title: String,
    pub issued_on: chrono::NaiveDate,
    pub addressee: String,
    pub language: String,
    /// Points one per line (a statement), or paragraphs (a letter).
    pub body: String,
    /// One name per line.
    pub signatories: String,
    pub signature_count: i32,
    pub published: bool,
    pub published_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub texts: Vec<IssuedStatementText>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IssuedStatementText {
    pub language: String,
    pub title: String,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Campaign {
    pub slug: String,
    pub title: String,
    pub public_description: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// Unique in the document, e.g. `series-1`.
    pub key: String,
    pub title: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Digest {
    /// `YYYY-MM`.
    pub month: String,
    pub number: i32,
    pub editorial_note: String,
    pub published: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub slug: String,
    pub name: String,
    pub default_language: String,
    pub public_description: String,
    /// A public contact address; empty when there is none.
    #[serde(default)]
    pub contact_email: String,
    /// The languages the texts are offered in beyond the default language. Left out (as
    /// in exports made before it existed): the interface's other languages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_languages: Option<Vec<crate::domain::content::ContentLanguage>>,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Venue {
    /// The venue's name inside this document (`venue-1`, ...); gatherings refer to it.
    pub key: String,
    pub name: String,
    pub address: String,
    pub city: String,
    pub country: String,
    /// An IANA time zone, e.g. `Europe/Tirane`.
    pub time_zone: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub capacity: Option<i32>,
    pub setting: VenueSetting,
    pub public_directions: String,
    /// Internal: never shown on public pages or feeds.
    pub access_notes: String,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The venue's rooms, in order (absent: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rooms: Vec<Room>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Room {
    /// The room's name inside this document (`room-1`, ...); lanes refer to it.
    pub key: String,
    pub name: String,
    pub capacity: Option<i32>,
    /// Public: step-free access, hearing loop, seating.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub accessibility: String,
    /// Public: floor and how to find it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub directions: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Lane {
    /// The lane's name inside its gathering (`lane-1`, ...); segments refer to it.
    pub key: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// A room's `key`, of the gathering's venue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The person's name inside this document (`person-1`, ...).
    pub key: String,
    pub name: String,
    pub public_bio: String,
    pub languages: String,
    /// An IANA time zone: where an online speaker speaks from.
    pub home_time_zone: Option<String>,
    /// Internal: never shown on public pages or feeds.
    pub contact: String,
    pub listed_publicly: bool,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Film {
    /// The film's name inside this document (`film-1`, ...).
    pub key: String,
    pub title: String,
    pub director: String,
    pub producer: String,
    pub year: Option<i32>,
    pub runtime_minutes: i32,
    pub audio_language: String,
    pub subtitle_languages: String,
    pub trailer_url: String,
    pub rights_notes: String,
    pub archived: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub language: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Gathering {
    /// The calendar UID: the gathering's stable identity across exports and feeds.
    pub uid: String,
    pub slug: String,
    pub kind: GatheringKind,
    pub title: String,
    /// A venue's `key`.
    pub venue: Option<String>,
    /// The IANA zone the local times are in (the venue's).
    pub time_zone: String,
    /// Wall-clock start in `time_zone`, without offset.
    pub starts_local: NaiveDateTime,
    /// Wall-clock end in `time_zone`, without offset.
    pub ends_local: NaiveDateTime,
    pub status: GatheringStatus,
    pub public_description: String,
    /// Internal: never shown on public pages or feeds.
    pub internal_notes: String,
    pub expected_attendance: Option<i32>,
    pub actual_attendance: Option<i32>,
    pub languages: String,
    /// The iCalendar SEQUENCE, raised by every change attendees should see.
    pub sequence: i32,
    /// Raised by every save; refuses a stale edit.
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub texts: Vec<Text>,
    pub statements: Vec<Statement>,
    pub segments: Vec<Segment>,
    /// The `slug` of the campaign it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub campaign: Option<String>,
    /// The `key` of the series it is one occurrence of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
    /// Its parallel lanes, left to right (absent: one lane, in no room).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lanes: Vec<Lane>,
    /// The numbered releases of its programme, oldest first (absent: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub releases: Vec<Release>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Release {
    pub number: i32,
    pub released_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Its public sessions then.
    pub sessions: Vec<crate::domain::release::Session>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// The statement's name inside its gathering (`statement-1`, ...).
    pub key: String,
    pub title: String,
    pub language: String,
    /// Numbered points, in order.
    pub points: Vec<String>,
    pub signature_count: i32,
    pub public: bool,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub texts: Vec<Text>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Segment {
    /// The segment's calendar UID.
    pub uid: String,
    pub kind: SegmentKind,
    pub title: String,
    /// Minutes; a screening without one runs for its film's runtime.
    pub duration_minutes: Option<i32>,
    /// A fixed wall-clock start in the gathering's zone.
    pub hard_start_local: Option<NaiveDateTime>,
    /// A film's `key`.
    pub film: Option<String>,
    /// A statement's `key` in the same gathering.
    pub statement: Option<String>,
    /// The `slug` of a statement the organisation issued on its own, read here.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_statement: Option<String>,
    pub public: bool,
    /// Internal: never shown on public pages or feeds.
    pub cue_notes: String,
    /// When the segment really started, on the day.
    pub actual_start: Option<DateTime<Utc>>,
    pub actual_end: Option<DateTime<Utc>>,
    /// Skipped on the day (absent in documents written before it existed).
    #[serde(default)]
    pub skipped: bool,
    /// A lane's `key` in the same gathering (absent: the first lane).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lane: Option<String>,
    /// Public: what the session is about (translations in `texts[].text`).
    #[serde(default, rename = "abstract", skip_serializing_if = "String::is_empty")]
    pub abstract_text: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub track: String,
    /// The languages the session is held in, comma-separated.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub languages: String,
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub may_record: bool,
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub may_stream: bool,
    #[serde(default = "yes", skip_serializing_if = "is_yes")]
    pub may_photograph: bool,
    pub texts: Vec<Text>,
    pub appearances: Vec<Appearance>,
}

fn yes() -> bool {
    true
}

#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `skip_serializing_if` passes a reference
fn is_yes(b: &bool) -> bool {
    *b
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appearance {
    /// A person's `key`.
    pub person: String,
    pub role: AppearanceRole,
    pub mode: AppearanceMode,
    pub language: Option<String>,
    /// Languages interpreted into, comma-separated.
    pub interpreted_into: String,
    /// Internal: the call link of an online appearance.
    pub online_link: String,
}

/// The JSON Schema (draft 2020-12) of the document, as published in `docs/`.
pub fn schema() -> serde_json::Value {
    let mut schema = schemars::schema_for!(Document);
    schema.insert("title".into(), "convene organisation, version 1".into());
    schema.into()
}

fn points(text: &str) -> Vec<String> {
    text.lines().map(str::to_owned).collect()
}

/// Writes the document of organisation `slug`.
pub async fn export(db: &DatabaseConnection, slug: &str) -> Result<Document, AppError> {
    let o = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(slug))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    let venues = venue::Entity::find()
        .filter(venue::Column::OrganisationId.eq(o.id))
        .order_by_asc(venue::Column::Id)
        .all(db)
        .await?;
    let people = person::Entity::find()
        .filter(person::Column::OrganisationId.eq(o.id))
        .order_by_asc(person::Column::Id)
        .all(db)
        .await?;
    let films = film::Entity::find()
        .filter(film::Column::OrganisationId.eq(o.id))
        .order_by_asc(film::Column::Id)
        .all(db)
        .await?;
    use super::entities::{campaign, digest, series};
    let campaigns = campaign::Entity::find()
        .filter(campaign::Column::OrganisationId.eq(o.id))
        .order_by_asc(campaign::Column::Id)
        .all(db)
        .await?;
    let series_rows = series::Entity::find()
        .filter(series::Column::OrganisationId.eq(o.id))
        .order_by_asc(series::Column::Id)
        .all(db)
        .await?;
    let series_ids: Vec<i32> = series_rows.iter().map(|r| r.id).collect();
    let digests = digest::Entity::find()
        .filter(digest::Column::OrganisationId.eq(o.id))
        .order_by_asc(digest::Column::Month)
        .all(db)
        .await?;
    let mut issued = super::issued::list(db, o.id, true).await?;
    issued.sort_by_key(|s| s.id);
    let mut issued_texts = grouped(
        super::issued::texts(db, issued.iter().map(|s| s.id).collect()).await?,
        |t| t.issued_statement_id,
    );
    let issued_slugs: HashMap<i32, String> =
        issued.iter().map(|s| (s.id, s.slug.clone())).collect();
    let key = |prefix: &str, ids: &[i32], id: i32| {
        ids.iter()
            .position(|x| *x == id)
            .map(|i| format!("{prefix}-{}", i + 1))
    };
    let venue_ids: Vec<i32> = venues.iter().map(|v| v.id).collect();
    let rooms = room::Entity::find()
        .filter(room::Column::VenueId.is_in(venue_ids.clone()))
        .order_by_asc(room::Column::VenueId)
        .order_by_asc(room::Column::Position)
        .order_by_asc(room::Column::Id)
        .all(db)
        .await?;
    let room_ids: Vec<i32> = rooms.iter().map(|r| r.id).collect();
    let mut rooms_of = grouped(rooms, |r| r.venue_id);
    let person_ids: Vec<i32> = people.iter().map(|p| p.id).collect();
    let film_ids: Vec<i32> = films.iter().map(|f| f.id).collect();
    // What waits in "Recently deleted" is not part of the organisation any more.
    let gatherings = gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(o.id))
        .filter(gathering::Column::DeletedAt.is_null())
        .order_by_asc(gathering::Column::StartsAt)
        .order_by_asc(gathering::Column::Id)
        .all(db)
        .await?;
    // Everything under the gatherings in one query per table (not one per gathering or
    // segment), each in the document's order, then grouped by what it belongs to.
    let of_org = || {
        Query::select()
            .column(gathering::Column::Id)
            .from(gathering::Entity)
            .and_where(gathering::Column::OrganisationId.eq(o.id))
            .and_where(gathering::Column::DeletedAt.is_null())
            .to_owned()
    };
    let segments_of_org = || {
        Query::select()
            .column(segment::Column::Id)
            .from(segment::Entity)
            .and_where(segment::Column::GatheringId.in_subquery(of_org()))
            .to_owned()
    };
    let statements_of_org = || {
        Query::select()
            .column(statement::Column::Id)
            .from(statement::Entity)
            .and_where(statement::Column::GatheringId.in_subquery(of_org()))
            .to_owned()
    };
    let mut gathering_texts = grouped(
        gathering_text::Entity::find()
            .filter(gathering_text::Column::GatheringId.in_subquery(of_org()))
            .order_by_asc(gathering_text::Column::Language)
            .all(db)
            .await?,
        |t| t.gathering_id,
    );
    let mut statements = grouped(
        statement::Entity::find()
            .filter(statement::Column::GatheringId.in_subquery(of_org()))
            .order_by_asc(statement::Column::Id)
            .all(db)
            .await?,
        |s| s.gathering_id,
    );
    let mut statement_texts = grouped(
        statement_text::Entity::find()
            .filter(statement_text::Column::StatementId.in_subquery(statements_of_org()))
            .order_by_asc(statement_text::Column::Language)
            .all(db)
            .await?,
        |t| t.statement_id,
    );
    let mut segments = grouped(
        segment::Entity::find()
            .filter(segment::Column::GatheringId.in_subquery(of_org()))
            .order_by_asc(segment::Column::Position)
            .order_by_asc(segment::Column::Id)
            .all(db)
            .await?,
        |s| s.gathering_id,
    );
    let mut segment_texts = grouped(
        segment_text::Entity::find()
            .filter(segment_text::Column::SegmentId.in_subquery(segments_of_org()))
            .order_by_asc(segment_text::Column::Language)
            .all(db)
            .await?,
        |t| t.segment_id,
    );
    let mut releases = grouped(
        programme_release::Entity::find()
            .filter(programme_release::Column::GatheringId.in_subquery(of_org()))
            .order_by_asc(programme_release::Column::Number)
            .all(db)
            .await?,
        |r| r.gathering_id,
    );
    let mut lanes = grouped(
        lane::Entity::find()
            .filter(lane::Column::GatheringId.in_subquery(of_org()))
            .order_by_asc(lane::Column::Position)
            .order_by_asc(lane::Column::Id)
            .all(db)
            .await?,
        |l| l.gathering_id,
    );
    let mut appearances = grouped(
        appearance::Entity::find()
            .filter(appearance::Column::SegmentId.in_subquery(segments_of_org()))
            .order_by_asc(appearance::Column::Position)
            .order_by_asc(appearance::Column::Id)
            .all(db)
            .await?,
        |a| a.segment_id,
    );
    let mut out = Vec::new();
    for g in gatherings {
        let texts = gathering_texts
            .remove(&g.id)
            .unwrap_or_default()
            .into_iter()
            .map(|t| Text {
                language: t.language,
                title: t.title,
                text: t.public_description,
            })
            .collect();
        let statements = statements.remove(&g.id).unwrap_or_default();
        let statement_ids: Vec<i32> = statements.iter().map(|s| s.id).collect();
        let mut statements_out = Vec::new();
        for s in &statements {
            let texts = statement_texts
                .remove(&s.id)
                .unwrap_or_default()
                .into_iter()
                .map(|t| Text {
                    language: t.language,
                    title: t.title,
                    text: t.points,
                })
                .collect();
            statements_out.push(Statement {
                key: key("statement", &statement_ids, s.id).unwrap_or_default(),
                title: s.title.clone(),
                language: s.language.clone(),
                points: points(&s.points),
                signature_count: s.signature_count,
                public: s.public,
                created_at: s.created_at,
                updated_at: s.updated_at,
                texts,
            });
        }
        let lanes = lanes.remove(&g.id).unwrap_or_default();
        let lane_ids: Vec<i32> = lanes.iter().map(|l| l.id).collect();
        // One lane in no room is how every gathering starts: not worth writing down.
        let lanes_out: Vec<Lane> =
            if lanes.len() == 1 && lanes[0].room_id.is_none() && lanes[0].name.is_empty() {
                Vec::new()
            } else {
                lanes
                    .iter()
                    .map(|l| Lane {
                        key: key("lane", &lane_ids, l.id).unwrap_or_default(),
                        name: l.name.clone(),
                        room: l.room_id.and_then(|id| key("room", &room_ids, id)),
                    })
                    .collect()
            };
        let mut segments_out = Vec::new();
        for s in segments.remove(&g.id).unwrap_or_default() {
            let texts = segment_texts
                .remove(&s.id)
                .unwrap_or_default()
                .into_iter()
                .map(|t| Text {
                    language: t.language,
                    title: t.title,
                    text: t.abstract_text,
                })
                .collect();
            let appearances = appearances
                .remove(&s.id)
                .unwrap_or_default()
                .into_iter()
                .map(|a| Appearance {
                    person: key("person", &person_ids, a.person_id).unwrap_or_default(),
                    role: a.role,
                    mode: a.mode,
                    language: a.language,
                    interpreted_into: a.interpreted_into,
                    online_link: a.online_link,
                })
                .collect();
            segments_out.push(Segment {
                uid: s.uid.clone(),
                kind: s.kind,
                title: s.title,
                duration_minutes: s.duration_minutes,
                hard_start_local: s.hard_start_local,
                film: s.film_id.and_then(|id| key("film", &film_ids, id)),
                statement: s
                    .statement_id
                    .and_then(|id| key("statement", &statement_ids, id)),
                issued_statement: s
                    .issued_statement_id
                    .and_then(|id| issued_slugs.get(&id).cloned()),
                public: s.public,
                cue_notes: s.cue_notes,
                actual_start: s.actual_start,
                actual_end: s.actual_end,
                skipped: s.skipped,
                lane: if lanes_out.is_empty() {
                    None
                } else {
                    s.lane_id.and_then(|id| key("lane", &lane_ids, id))
                },
                abstract_text: s.abstract_text,
                track: s.track,
                languages: s.session_languages,
                may_record: s.may_record,
                may_stream: s.may_stream,
                may_photograph: s.may_photograph,
                texts,
                appearances,
            });
        }
        out.push(Gathering {
            uid: g.uid,
            slug: g.slug,
            kind: g.kind,
            title: g.title,
            venue: g.venue_id.and_then(|id| key("venue", &venue_ids, id)),
            time_zone: g.time_zone,
            starts_local: g.starts_local,
            ends_local: g.ends_local,
            status: g.status,
            public_description: g.public_description,
            internal_notes: g.internal_notes,
            expected_attendance: g.expected_attendance,
            actual_attendance: g.actual_attendance,
            languages: g.languages,
            sequence: g.sequence,
            version: g.version,
            created_at: g.created_at,
            updated_at: g.updated_at,
            texts,
            statements: statements_out,
            segments: segments_out,
            campaign: g
                .campaign_id
                .and_then(|id| campaigns.iter().find(|c| c.id == id))
                .map(|c| c.slug.clone()),
            series: g.series_id.and_then(|id| key("series", &series_ids, id)),
            lanes: lanes_out,
            releases: releases
                .remove(&g.id)
                .unwrap_or_default()
                .into_iter()
                .map(|r| Release {
                    number: r.number,
                    released_at: r.released_at,
                    sessions: super::releases::snapshot(&r),
                    note: r.note,
                })
                .collect(),
        });
    }
    Ok(Document {
        format: FORMAT.into(),
        version: VERSION,
        organisation: Organisation {
            content_languages: Some(o.offered_languages()),
            slug: o.slug,
            name: o.name,
            default_language: o.default_language,
            public_description: o.public_description,
            contact_email: o.contact_email,
            created_at: o.created_at,
        },
        venues: venues
            .into_iter()
            .enumerate()
            .map(|(i, v)| Venue {
                key: format!("venue-{}", i + 1),
                name: v.name,
                address: v.address,
                city: v.city,
                country: v.country,
                time_zone: v.time_zone,
                latitude: v.latitude,
                longitude: v.longitude,
                capacity: v.capacity,
                setting: v.setting,
                public_directions: v.public_directions,
                access_notes: v.access_notes,
                archived: v.archived,
                created_at: v.created_at,
                updated_at: v.updated_at,
                rooms: rooms_of
                    .remove(&v.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|r| Room {
                        key: key("room", &room_ids, r.id).unwrap_or_default(),
                        name: r.name,
                        capacity: r.capacity,
                        accessibility: r.accessibility,
                        directions: r.directions,
                    })
                    .collect(),
            })
            .collect(),
        people: people
            .into_iter()
            .enumerate()
            .map(|(i, p)| Person {
                key: format!("person-{}", i + 1),
                name: p.name,
                public_bio: p.public_bio,
                languages: p.languages,
                home_time_zone: p.home_time_zone,
                contact: p.contact,
                listed_publicly: p.listed_publicly,
                archived: p.archived,
                created_at: p.created_at,
                updated_at: p.updated_at,
            })
            .collect(),
        films: films
            .into_iter()
            .enumerate()
            .map(|(i, f)| Film {
                key: format!("film-{}", i + 1),
                title: f.title,
                director: f.director,
                producer: f.producer,
                year: f.year,
                runtime_minutes: f.runtime_minutes,
                audio_language: f.audio_language,
                subtitle_languages: f.subtitle_languages,
                trailer_url: f.trailer_url,
                rights_notes: f.rights_notes,
                archived: f.archived,
                created_at: f.created_at,
                updated_at: f.updated_at,
            })
            .collect(),
        gatherings: out,
        campaigns: campaigns
            .into_iter()
            .map(|c| Campaign {
                slug: c.slug,
                title: c.title,
                public_description: c.public_description,
                created_at: c.created_at,
                updated_at: c.updated_at,
            })
            .collect(),
        series: series_rows
            .into_iter()
            .enumerate()
            .map(|(i, r)| Series {
                key: format!("series-{}", i + 1),
                title: r.title,
                created_at: r.created_at,
            })
            .collect(),
        digests: digests
            .into_iter()
            .map(|d| Digest {
                month: d.month,
                number: d.number,
                editorial_note: d.editorial_note,
                published: d.published,
                created_at: d.created_at,
                updated_at: d.updated_at,
            })
            .collect(),
        issued_statements: issued
            .into_iter()
            .map(|s| IssuedStatement {
                texts: issued_texts
                    .remove(&s.id)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|t| IssuedStatementText {
                        language: t.language,
                        title: t.title,
                        body: t.body,
                    })
                    .collect(),
                slug: s.slug,
                kind: s.kind,
                title: s.title,
                issued_on: s.issued_on,
                addressee: s.addressee,
                language: s.language,
                body: s.body,
                signatories: s.signatories,
                signature_count: s.signature_count,
                published: s.published,
                published_at: s.published_at,
                created_at: s.created_at,
                updated_at: s.updated_at,
            })
            .collect(),
    })
}

/// Rows grouped by what they belong to, each group in the rows' order.
fn grouped<T>(rows: Vec<T>, owner: impl Fn(&T) -> i32) -> HashMap<i32, Vec<T>> {
    let mut groups: HashMap<i32, Vec<T>> = HashMap::new();
    for row in rows {
        groups.entry(owner(&row)).or_default().push(row);
    }
    groups
}

/// Reads a document, reporting the path of the first bad field.
pub fn parse(json: &str) -> Result<Document, AppError> {
    let de = &mut serde_json::Deserializer::from_str(json);
    let doc: Document = serde_path_to_error::deserialize(de).map_err(|e| AppError::Validation {
        field: e.path().to_string(),
        message: say!("refusal-import-unreadable", detail = e.inner().to_string()),
    })?;
    if doc.format != FORMAT {
        return Err(ValidationError::new(
            "format",
            say!("refusal-import-format", expected = FORMAT),
        )
        .into());
    }
    if doc.version != VERSION {
        return Err(ValidationError::new(
            "version",
            say!(
                "refusal-import-version",
                version = doc.version,
                supported = VERSION
            ),
        )
        .into());
    }
    Ok(doc)
}

fn at(path: String, e: ValidationError) -> AppError {
    AppError::Validation {
        field: path,
        message: e.message,
    }
}

/// Loads a document into the database in one transaction.
pub async fn import(db: &DatabaseConnection, doc: &Document) -> Result<(), AppError> {
    use crate::domain::time::resolve_local;
    let o = &doc.organisation;
    Slug::parse("slug", &o.slug).map_err(|e| at("organisation.slug".into(), e))?;
    Title::parse("name", &o.name).map_err(|e| at("organisation.name".into(), e))?;
    let offered = match &o.content_languages {
        Some(listed) => {
            let typed = crate::domain::content::format_offered(listed);
            let parsed = crate::domain::content::parse_offered(
                "content_languages",
                &typed,
                &o.default_language,
            )
            .map_err(|e| at("organisation.content_languages".into(), e))?;
            crate::domain::content::format_offered(&parsed)
        }
        None => crate::domain::content::format_offered(&crate::domain::content::interface_offered(
            &o.default_language,
        )),
    };
    let txn = db.begin().await?;
    let exists = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(&o.slug))
        .one(&txn)
        .await?
        .is_some();
    if exists {
        return Err(AppError::Conflict(say!(
            "refusal-import-organisation-exists",
            slug = &o.slug
        )));
    }
    let org = organisation::ActiveModel {
        slug: Set(o.slug.clone()),
        name: Set(o.name.clone()),
        default_language: Set(o.default_language.clone()),
        public_description: Set(o.public_description.clone()),
        contact_email: Set(o.contact_email.clone()),
        content_languages: Set(offered),
        created_at: Set(o.created_at),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let mut venue_ids = std::collections::HashMap::new();
    // A room's key: its venue and its id.
    let mut room_ids: HashMap<String, (i32, i32)> = HashMap::new();
    for (i, v) in doc.venues.iter().enumerate() {
        let path = |f: &str| format!("venues[{i}].{f}");
        Title::parse("name", &v.name).map_err(|e| at(path("name"), e))?;
        TimeZoneName::parse("time_zone", &v.time_zone).map_err(|e| at(path("time_zone"), e))?;
        let m = venue::ActiveModel {
            organisation_id: Set(org.id),
            name: Set(v.name.clone()),
            address: Set(v.address.clone()),
            city: Set(v.city.clone()),
            country: Set(v.country.clone()),
            time_zone: Set(v.time_zone.clone()),
            latitude: Set(v.latitude),
            longitude: Set(v.longitude),
            capacity: Set(v.capacity),
            setting: Set(v.setting),
            public_directions: Set(v.public_directions.clone()),
            access_notes: Set(v.access_notes.clone()),
            archived: Set(v.archived),
            created_at: Set(v.created_at),
            updated_at: Set(v.updated_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if venue_ids.insert(v.key.clone(), m.id).is_some() {
            return Err(ValidationError::new(path("key"), say!("refusal-import-key-twice")).into());
        }
        for (ri, r) in v.rooms.iter().enumerate() {
            let path = |f: &str| format!("venues[{i}].rooms[{ri}].{f}");
            Title::parse("name", &r.name).map_err(|e| at(path("name"), e))?;
            let rm = room::ActiveModel {
                venue_id: Set(m.id),
                position: Set(ri as i32),
                name: Set(r.name.trim().to_owned()),
                capacity: Set(r.capacity),
                accessibility: Set(r.accessibility.clone()),
                directions: Set(r.directions.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            if room_ids.insert(r.key.clone(), (m.id, rm.id)).is_some() {
                return Err(
                    ValidationError::new(path("key"), say!("refusal-import-key-twice")).into(),
                );
            }
        }
    }
    let mut person_ids = std::collections::HashMap::new();
    for (i, p) in doc.people.iter().enumerate() {
        let path = |f: &str| format!("people[{i}].{f}");
        Title::parse("name", &p.name).map_err(|e| at(path("name"), e))?;
        if let Some(z) = &p.home_time_zone {
            TimeZoneName::parse("home_time_zone", z).map_err(|e| at(path("home_time_zone"), e))?;
        }
        let m = person::ActiveModel {
            organisation_id: Set(org.id),
            name: Set(p.name.clone()),
            public_bio: Set(p.public_bio.clone()),
            languages: Set(p.languages.clone()),
            home_time_zone: Set(p.home_time_zone.clone()),
            contact: Set(p.contact.clone()),
            listed_publicly: Set(p.listed_publicly),
            archived: Set(p.archived),
            created_at: Set(p.created_at),
            updated_at: Set(p.updated_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if person_ids.insert(p.key.clone(), m.id).is_some() {
            return Err(ValidationError::new(path("key"), say!("refusal-import-key-twice")).into());
        }
    }
    let mut film_ids = std::collections::HashMap::new();
    for (i, f) in doc.films.iter().enumerate() {
        let path = |x: &str| format!("films[{i}].{x}");
        Title::parse("title", &f.title).map_err(|e| at(path("title"), e))?;
        crate::domain::Minutes::parse("runtime_minutes", i64::from(f.runtime_minutes))
            .map_err(|e| at(path("runtime_minutes"), e))?;
        let m = film::ActiveModel {
            organisation_id: Set(org.id),
            title: Set(f.title.clone()),
            director: Set(f.director.clone()),
            producer: Set(f.producer.clone()),
            year: Set(f.year),
            runtime_minutes: Set(f.runtime_minutes),
            audio_language: Set(f.audio_language.clone()),
            subtitle_languages: Set(f.subtitle_languages.clone()),
            trailer_url: Set(f.trailer_url.clone()),
            rights_notes: Set(f.rights_notes.clone()),
            archived: Set(f.archived),
            created_at: Set(f.created_at),
            updated_at: Set(f.updated_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if film_ids.insert(f.key.clone(), m.id).is_some() {
            return Err(ValidationError::new(path("key"), say!("refusal-import-key-twice")).into());
        }
    }
    use super::entities::{campaign, digest, series};
    let mut campaign_ids = std::collections::HashMap::new();
    for (i, c) in doc.campaigns.iter().enumerate() {
        let path = |f: &str| format!("campaigns[{i}].{f}");
        Slug::parse("slug", &c.slug).map_err(|e| at(path("slug"), e))?;
        Title::parse("title", &c.title).map_err(|e| at(path("title"), e))?;
        let m = campaign::ActiveModel {
            organisation_id: Set(org.id),
            slug: Set(c.slug.clone()),
            title: Set(c.title.clone()),
            public_description: Set(c.public_description.clone()),
            created_at: Set(c.created_at),
            updated_at: Set(c.updated_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if campaign_ids.insert(c.slug.clone(), m.id).is_some() {
            return Err(
                ValidationError::new(path("slug"), say!("refusal-import-slug-twice")).into(),
            );
        }
    }
    let mut series_ids = std::collections::HashMap::new();
    for (i, r) in doc.series.iter().enumerate() {
        let path = |f: &str| format!("series[{i}].{f}");
        Title::parse("title", &r.title).map_err(|e| at(path("title"), e))?;
        let m = series::ActiveModel {
            organisation_id: Set(org.id),
            title: Set(r.title.clone()),
            created_at: Set(r.created_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if series_ids.insert(r.key.clone(), m.id).is_some() {
            return Err(ValidationError::new(path("key"), say!("refusal-import-key-twice")).into());
        }
    }
    for (i, d) in doc.digests.iter().enumerate() {
        let path = |f: &str| format!("digests[{i}].{f}");
        crate::domain::digest::Month::parse(&d.month).map_err(|e| at(path("month"), e))?;
        digest::ActiveModel {
            organisation_id: Set(org.id),
            month: Set(d.month.clone()),
            number: Set(d.number),
            editorial_note: Set(d.editorial_note.clone()),
            published: Set(d.published),
            // The document keeps no publication moment: its last change stands for it.
            published_at: Set(d.published.then_some(d.updated_at)),
            created_at: Set(d.created_at),
            updated_at: Set(d.updated_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    let mut issued_ids: HashMap<String, i32> = HashMap::new();
    for (i, s) in doc.issued_statements.iter().enumerate() {
        use super::entities::{issued_statement, issued_statement_text};
        let path = |f: &str| format!("issued_statements[{i}].{f}");
        Slug::parse("slug", &s.slug).map_err(|e| at(path("slug"), e))?;
        Title::parse("title", &s.title).map_err(|e| at(path("title"), e))?;
        crate::domain::LanguageTag::parse("language", &s.language)
            .map_err(|e| at(path("language"), e))?;
        let m = issued_statement::ActiveModel {
            organisation_id: Set(org.id),
            slug: Set(s.slug.clone()),
            kind: Set(s.kind),
            title: Set(s.title.clone()),
            issued_on: Set(s.issued_on),
            addressee: Set(s.addressee.clone()),
            language: Set(s.language.clone()),
            body: Set(s.body.clone()),
            signatories: Set(s.signatories.clone()),
            signature_count: Set(s.signature_count.max(0)),
            published: Set(s.published),
            published_at: Set(s.published_at.or(s.published.then_some(s.updated_at))),
            created_at: Set(s.created_at),
            updated_at: Set(s.updated_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        if issued_ids.insert(s.slug.clone(), m.id).is_some() {
            return Err(
                ValidationError::new(path("slug"), say!("refusal-import-key-twice")).into(),
            );
        }
        for t in &s.texts {
            issued_statement_text::ActiveModel {
                issued_statement_id: Set(m.id),
                language: Set(t.language.clone()),
                title: Set(t.title.clone()),
                body: Set(t.body.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    for (gi, g) in doc.gatherings.iter().enumerate() {
        let path = |f: &str| format!("gatherings[{gi}].{f}");
        Title::parse("title", &g.title).map_err(|e| at(path("title"), e))?;
        Slug::parse("slug", &g.slug).map_err(|e| at(path("slug"), e))?;
        let tz =
            TimeZoneName::parse("time_zone", &g.time_zone).map_err(|e| at(path("time_zone"), e))?;
        let start = resolve_local("starts_local", tz.tz(), g.starts_local)
            .map_err(|e| at(path("starts_local"), e))?;
        let end = resolve_local("ends_local", tz.tz(), g.ends_local)
            .map_err(|e| at(path("ends_local"), e))?;
        if end <= start {
            return Err(
                ValidationError::new(path("ends_local"), say!("refusal-end-before-start")).into(),
            );
        }
        let venue_id = match &g.venue {
            Some(k) => Some(*venue_ids.get(k).ok_or_else(|| {
                ValidationError::new(path("venue"), say!("refusal-import-no-venue", key = k))
            })?),
            None => None,
        };
        // A gathering at a venue keeps the venue's zone: one source of truth.
        if let Some(v) = g
            .venue
            .as_ref()
            .and_then(|k| doc.venues.iter().find(|v| &v.key == k))
            && v.time_zone != g.time_zone
        {
            return Err(ValidationError::new(
                path("time_zone"),
                say!("refusal-import-venue-zone", zone = &v.time_zone),
            )
            .into());
        }
        let campaign_id = match &g.campaign {
            Some(k) => Some(*campaign_ids.get(k).ok_or_else(|| {
                ValidationError::new(
                    path("campaign"),
                    say!("refusal-import-no-campaign", key = k),
                )
            })?),
            None => None,
        };
        let series_id = match &g.series {
            Some(k) => Some(*series_ids.get(k).ok_or_else(|| {
                ValidationError::new(path("series"), say!("refusal-import-no-series", key = k))
            })?),
            None => None,
        };
        let gm = gathering::ActiveModel {
            campaign_id: Set(campaign_id),
            series_id: Set(series_id),
            organisation_id: Set(org.id),
            kind: Set(g.kind),
            title: Set(g.title.clone()),
            slug: Set(g.slug.clone()),
            venue_id: Set(venue_id),
            time_zone: Set(g.time_zone.clone()),
            starts_local: Set(g.starts_local),
            ends_local: Set(g.ends_local),
            starts_at: Set(start.with_timezone(&Utc)),
            ends_at: Set(end.with_timezone(&Utc)),
            status: Set(g.status),
            public_description: Set(g.public_description.clone()),
            internal_notes: Set(g.internal_notes.clone()),
            expected_attendance: Set(g.expected_attendance),
            actual_attendance: Set(g.actual_attendance),
            languages: Set(g.languages.clone()),
            uid: Set(g.uid.clone()),
            sequence: Set(g.sequence),
            version: Set(g.version),
            created_at: Set(g.created_at),
            // The document keeps no cancellation moment: its last change stands for it.
            cancelled_at: Set((g.status == GatheringStatus::Cancelled).then_some(g.updated_at)),
            updated_at: Set(g.updated_at),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for t in &g.texts {
            gathering_text::ActiveModel {
                gathering_id: Set(gm.id),
                language: Set(t.language.clone()),
                title: Set(t.title.clone()),
                public_description: Set(t.text.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let mut statement_ids = std::collections::HashMap::new();
        for s in &g.statements {
            let sm = statement::ActiveModel {
                gathering_id: Set(gm.id),
                title: Set(s.title.clone()),
                language: Set(s.language.clone()),
                points: Set(s.points.join("\n")),
                signature_count: Set(s.signature_count),
                public: Set(s.public),
                created_at: Set(s.created_at),
                updated_at: Set(s.updated_at),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            statement_ids.insert(s.key.clone(), sm.id);
            for t in &s.texts {
                statement_text::ActiveModel {
                    statement_id: Set(sm.id),
                    language: Set(t.language.clone()),
                    title: Set(t.title.clone()),
                    points: Set(t.text.clone()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
        let mut lane_ids: HashMap<String, i32> = HashMap::new();
        let mut first_lane = None;
        for (li, l) in g.lanes.iter().enumerate() {
            let path = |f: &str| format!("gatherings[{gi}].lanes[{li}].{f}");
            let room_id = match &l.room {
                Some(k) => match room_ids.get(k) {
                    Some((venue, id)) if Some(*venue) == venue_id => Some(*id),
                    _ => {
                        return Err(ValidationError::new(
                            path("room"),
                            say!("refusal-import-no-room", key = k),
                        )
                        .into());
                    }
                },
                None => None,
            };
            let lm = lane::ActiveModel {
                gathering_id: Set(gm.id),
                position: Set(li as i32),
                name: Set(l.name.trim().to_owned()),
                room_id: Set(room_id),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            first_lane.get_or_insert(lm.id);
            if lane_ids.insert(l.key.clone(), lm.id).is_some() {
                return Err(
                    ValidationError::new(path("key"), say!("refusal-import-key-twice")).into(),
                );
            }
        }
        let mut numbers = std::collections::HashSet::new();
        for (ri, r) in g.releases.iter().enumerate() {
            let path = |f: &str| format!("gatherings[{gi}].releases[{ri}].{f}");
            if r.number < 1 || !numbers.insert(r.number) {
                return Err(
                    ValidationError::new(path("number"), say!("refusal-import-key-twice")).into(),
                );
            }
            let note =
                crate::domain::plan::free_text("note", &r.note).map_err(|e| at(path("note"), e))?;
            programme_release::ActiveModel {
                gathering_id: Set(gm.id),
                number: Set(r.number),
                released_at: Set(r.released_at),
                note: Set(note),
                snapshot: Set(serde_json::to_string(&r.sessions)
                    .map_err(|e| AppError::internal("release snapshot", e))?),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
        let first_lane = match first_lane {
            Some(id) => id,
            None => crate::db::planning::default_lane(&txn, gm.id).await?,
        };
        if g.segments.len() > crate::domain::plan::MAX_SEGMENTS {
            return Err(at(
                format!("gatherings[{gi}].segments"),
                crate::domain::plan::too_many_segments("segments"),
            ));
        }
        for (si, s) in g.segments.iter().enumerate() {
            let path = |f: &str| format!("gatherings[{gi}].segments[{si}].{f}");
            Title::parse("title", &s.title).map_err(|e| at(path("title"), e))?;
            if let Some(m) = s.duration_minutes {
                crate::domain::Minutes::parse("duration_minutes", i64::from(m))
                    .map_err(|e| at(path("duration_minutes"), e))?;
            }
            let film_id = match &s.film {
                Some(k) => Some(*film_ids.get(k).ok_or_else(|| {
                    ValidationError::new(path("film"), say!("refusal-import-no-film", key = k))
                })?),
                None => None,
            };
            let statement_id = match &s.statement {
                Some(k) => Some(*statement_ids.get(k).ok_or_else(|| {
                    ValidationError::new(
                        path("statement"),
                        say!("refusal-import-no-statement", key = k),
                    )
                })?),
                None => None,
            };
            let issued_statement_id = match &s.issued_statement {
                Some(k) => Some(*issued_ids.get(k).ok_or_else(|| {
                    ValidationError::new(
                        path("issued_statement"),
                        say!("refusal-import-no-statement", key = k),
                    )
                })?),
                None => None,
            };
            if let Some(at_local) = s.hard_start_local {
                resolve_local("hard_start_local", tz.tz(), at_local)
                    .map_err(|e| at(path("hard_start_local"), e))?;
            }
            let lane_id = match &s.lane {
                Some(k) => *lane_ids.get(k).ok_or_else(|| {
                    ValidationError::new(path("lane"), say!("refusal-import-no-lane", key = k))
                })?,
                None => first_lane,
            };
            let abstract_text = crate::domain::plan::free_text("abstract", &s.abstract_text)
                .map_err(|e| at(path("abstract"), e))?;
            let sm = segment::ActiveModel {
                gathering_id: Set(gm.id),
                lane_id: Set(Some(lane_id)),
                abstract_text: Set(abstract_text),
                track: Set(s.track.trim().to_owned()),
                session_languages: Set(s.languages.trim().to_owned()),
                may_record: Set(s.may_record),
                may_stream: Set(s.may_stream),
                may_photograph: Set(s.may_photograph),
                position: Set(si as i32 + 1),
                kind: Set(s.kind),
                title: Set(s.title.clone()),
                duration_minutes: Set(s.duration_minutes),
                hard_start_local: Set(s.hard_start_local),
                film_id: Set(film_id),
                statement_id: Set(statement_id),
                issued_statement_id: Set(issued_statement_id),
                public: Set(s.public),
                cue_notes: Set(s.cue_notes.clone()),
                actual_start: Set(s.actual_start),
                actual_end: Set(s.actual_end),
                skipped: Set(s.skipped),
                uid: Set(s.uid.clone()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            for t in &s.texts {
                segment_text::ActiveModel {
                    segment_id: Set(sm.id),
                    language: Set(t.language.clone()),
                    title: Set(t.title.clone()),
                    abstract_text: Set(t.text.clone()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
            for (ai, a) in s.appearances.iter().enumerate() {
                let person_id = *person_ids.get(&a.person).ok_or_else(|| {
                    ValidationError::new(
                        format!("gatherings[{gi}].segments[{si}].appearances[{ai}].person"),
                        say!("refusal-import-no-person", key = &a.person),
                    )
                })?;
                appearance::ActiveModel {
                    segment_id: Set(sm.id),
                    person_id: Set(person_id),
                    position: Set(ai as i32),
                    role: Set(a.role),
                    mode: Set(a.mode),
                    language: Set(a.language.clone()),
                    interpreted_into: Set(a.interpreted_into.clone()),
                    online_link: Set(a.online_link.clone()),
                    ..Default::default()
                }
                .insert(&txn)
                .await?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}
