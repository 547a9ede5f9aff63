//! The frab schedule format: the conference programme exchange read by Giggity,
//! ConfClerk, EventFahrplan and recording teams' tools, written by frab and pretalx
//! (`/{event}/schedule.xml`, `/{event}/schedule.json`).
//!
//! Rules kept here:
//! - Reading accepts the XML and the JSON form (told apart by their first character) and
//!   takes each session's instant from its `date` (a date-time with offset), so a reader
//!   never guesses the zone; a `date` without a time is read with `start` in the
//!   conference's `time_zone_name`.
//! - A duration is `H:MM` or `H:MM:SS`; a session lasts 1 minute to 24 hours. A session
//!   without a title, room or readable time is refused with its place in the file.
//! - People are told apart by their code, else their id, else their name.
//! - Writing follows the published schemas (XSD and JSON Schema draft-06): `version`,
//!   `conference` then one `day` per calendar day of the conference, each listing every
//!   room in the same order (apps order their columns by first appearance). A day runs
//!   04:00 to 03:59 local time, as pretalx's do, so a session after midnight stays on the
//!   evening it belongs to. Every session has a positive integer `id` and a UUID `guid`,
//!   both unique in the file; the acronym and slugs keep to the schemas' patterns.

use std::collections::HashMap;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use quick_xml::escape::escape;
use serde::Deserialize;

use super::message::say;
use super::types::ValidationError;

/// Most sessions a file may hold.
pub const MAX_SESSIONS: usize = 2_000;

/// A schedule as read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    pub title: String,
    pub acronym: String,
    /// The conference's IANA zone, when the file names it.
    pub time_zone: Option<String>,
    /// The release the file is of (e.g. pretalx's "1.0").
    pub version: String,
    /// The rooms, in the order the file lists them.
    pub rooms: Vec<Room>,
    pub sessions: Vec<Session>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Room {
    pub name: String,
    pub capacity: Option<u32>,
}

/// One session (a frab "event") at its instant, in its room.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    pub guid: Option<String>,
    pub start: DateTime<FixedOffset>,
    pub minutes: u32,
    pub room: String,
    pub title: String,
    pub subtitle: String,
    pub track: String,
    /// frab's `type` (Talk, Workshop, ...).
    pub kind: String,
    pub language: String,
    pub abstract_text: String,
    pub description: String,
    pub do_not_record: bool,
    pub persons: Vec<Speaker>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Speaker {
    /// What tells this person apart in the file: code, else id, else name.
    pub key: String,
    pub name: String,
    pub biography: String,
}

fn refused(field: impl Into<String>, message: super::Message) -> ValidationError {
    ValidationError::new(field, message)
}

/// Reads a frab schedule, XML or JSON.
pub fn read(text: &str) -> Result<Schedule, ValidationError> {
    read_in(text, None)
}

/// [`read`], with the zone to read dates without an offset in when the file names none.
pub fn read_in(text: &str, zone: Option<Tz>) -> Result<Schedule, ValidationError> {
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let schedule = match text.chars().next() {
        Some('<') => read_xml(text, zone)?,
        Some('{') => read_json(text, zone)?,
        _ => return Err(refused("file", say!("refusal-frab-not-schedule"))),
    };
    if schedule.sessions.len() > MAX_SESSIONS {
        return Err(refused(
            "file",
            say!("refusal-frab-too-many", max = MAX_SESSIONS),
        ));
    }
    Ok(schedule)
}

/// `H:MM` or `H:MM:SS` as whole minutes (seconds round up).
pub fn parse_duration(raw: &str) -> Option<u32> {
    let parts: Vec<&str> = raw.trim().split(':').collect();
    let num = |s: &str| {
        (!s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    let (h, m, s) = match parts.as_slice() {
        [h, m] => (num(h)?, num(m)?, 0),
        [h, m, s] => (num(h)?, num(m)?, num(s)?),
        _ => return None,
    };
    if m >= 60 || s >= 60 {
        return None;
    }
    let minutes = h * 60 + m + u32::from(s > 0);
    (1..=24 * 60).contains(&minutes).then_some(minutes)
}

/// A session's instant: its `date` with offset, or a plain date with `start` read in
/// the conference zone.
fn instant(date: &str, start: &str, zone: Option<Tz>) -> Option<DateTime<FixedOffset>> {
    let date = date.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(date) {
        return Some(t);
    }
    let day = NaiveDate::parse_from_str(date.get(..10)?, "%Y-%m-%d").ok()?;
    let time = NaiveTime::parse_from_str(start.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(start.trim(), "%H:%M:%S"))
        .ok()?;
    let local = day.and_time(time);
    let at = zone?.from_local_datetime(&local).earliest()?;
    Some(at.fixed_offset())
}

struct Raw {
    guid: Option<String>,
    date: String,
    start: String,
    duration: String,
    room: String,
    title: String,
    subtitle: String,
    track: String,
    kind: String,
    language: String,
    abstract_text: String,
    description: String,
    do_not_record: bool,
    persons: Vec<Speaker>,
}

fn session(path: &str, raw: Raw, zone: Option<Tz>) -> Result<Session, ValidationError> {
    let title = raw.title.trim().to_owned();
    if title.is_empty() {
        return Err(refused(
            format!("{path}.title"),
            say!("refusal-frab-no-title"),
        ));
    }
    let room = raw.room.trim().to_owned();
    if room.is_empty() {
        return Err(refused(
            format!("{path}.room"),
            say!("refusal-frab-no-room"),
        ));
    }
    let start = instant(&raw.date, &raw.start, zone).ok_or_else(|| {
        refused(
            format!("{path}.date"),
            say!("refusal-frab-date", value = &raw.date),
        )
    })?;
    let minutes = parse_duration(&raw.duration).ok_or_else(|| {
        refused(
            format!("{path}.duration"),
            say!("refusal-frab-duration", value = &raw.duration),
        )
    })?;
    Ok(Session {
        guid: raw
            .guid
            .map(|g| g.trim().to_owned())
            .filter(|g| !g.is_empty()),
        start,
        minutes,
        room,
        title,
        subtitle: raw.subtitle.trim().to_owned(),
        track: raw.track.trim().to_owned(),
        kind: raw.kind.trim().to_owned(),
        language: raw.language.trim().to_owned(),
        abstract_text: raw.abstract_text.trim().to_owned(),
        description: raw.description.trim().to_owned(),
        do_not_record: raw.do_not_record,
        persons: raw.persons,
    })
}

fn zone_of(name: &Option<String>) -> Option<Tz> {
    name.as_deref().and_then(|n| n.trim().parse().ok())
}

/// What tells a speaker apart in the file: code, else id, else name.
fn speaker_key(code: Option<String>, id: Option<String>, name: &str) -> String {
    code.or(id.map(|id| format!("id:{id}")))
        .unwrap_or_else(|| format!("name:{name}"))
}

/// An event's room: its own, else the room it is listed under.
fn room_of(named: String, listed_under: &str) -> String {
    if named.trim().is_empty() {
        listed_under.to_owned()
    } else {
        named
    }
}

fn add_room(rooms: &mut Vec<Room>, name: &str, capacity: Option<u32>) {
    let name = name.trim();
    if name.is_empty() {
        return;
    }
    match rooms.iter_mut().find(|r| r.name == name) {
        Some(r) => r.capacity = r.capacity.or(capacity),
        None => rooms.push(Room {
            name: name.to_owned(),
            capacity,
        }),
    }
}

// --- XML ------------------------------------------------------------------------------

#[derive(Deserialize)]
struct XSchedule {
    #[serde(default)]
    version: String,
    conference: XConference,
    #[serde(rename = "day", default)]
    days: Vec<XDay>,
}

#[derive(Deserialize)]
struct XConference {
    #[serde(default)]
    title: String,
    #[serde(default)]
    acronym: String,
    #[serde(default)]
    time_zone_name: Option<String>,
}

#[derive(Deserialize)]
struct XDay {
    #[serde(rename = "room", default)]
    rooms: Vec<XRoom>,
}

#[derive(Deserialize)]
struct XRoom {
    #[serde(rename = "@name", default)]
    name: String,
    #[serde(rename = "event", default)]
    events: Vec<XEvent>,
}

#[derive(Deserialize)]
struct XEvent {
    #[serde(rename = "@guid", default)]
    guid: Option<String>,
    #[serde(default)]
    date: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    duration: String,
    #[serde(default)]
    room: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    subtitle: String,
    #[serde(default)]
    track: String,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    language: String,
    #[serde(rename = "abstract", default)]
    abstract_text: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    recording: Option<XRecording>,
    #[serde(default)]
    persons: Option<XPersons>,
}

#[derive(Deserialize)]
struct XRecording {
    #[serde(default)]
    optout: String,
}

#[derive(Deserialize)]
struct XPersons {
    #[serde(rename = "person", default)]
    list: Vec<XPerson>,
}

#[derive(Deserialize)]
struct XPerson {
    #[serde(rename = "@id", default)]
    id: Option<String>,
    #[serde(rename = "@code", default)]
    code: Option<String>,
    #[serde(rename = "$text", default)]
    name: String,
}

fn read_xml(text: &str, fallback: Option<Tz>) -> Result<Schedule, ValidationError> {
    let x: XSchedule = quick_xml::de::from_str(text).map_err(|e| {
        refused(
            "file",
            say!("refusal-frab-unreadable", reason = e.to_string()),
        )
    })?;
    let zone = zone_of(&x.conference.time_zone_name).or(fallback);
    let mut rooms = Vec::new();
    let mut sessions = Vec::new();
    for (di, day) in x.days.into_iter().enumerate() {
        for (ri, room) in day.rooms.into_iter().enumerate() {
            add_room(&mut rooms, &room.name, None);
            for (ei, e) in room.events.into_iter().enumerate() {
                let path = format!("day[{}].room[{}].event[{}]", di + 1, ri + 1, ei + 1);
                let persons = e
                    .persons
                    .map(|p| p.list)
                    .unwrap_or_default()
                    .into_iter()
                    .filter(|p| !p.name.trim().is_empty())
                    .map(|p| Speaker {
                        key: speaker_key(p.code, p.id, p.name.trim()),
                        name: p.name.trim().to_owned(),
                        biography: String::new(),
                    })
                    .collect();
                let room_name = room_of(e.room, &room.name);
                add_room(&mut rooms, &room_name, None);
                sessions.push(session(
                    &path,
                    Raw {
                        guid: e.guid,
                        date: e.date,
                        start: e.start,
                        duration: e.duration,
                        room: room_name,
                        title: e.title,
                        subtitle: e.subtitle,
                        track: e.track,
                        kind: e.kind,
                        language: e.language,
                        abstract_text: e.abstract_text,
                        description: e.description,
                        do_not_record: e
                            .recording
                            .is_some_and(|r| r.optout.trim().eq_ignore_ascii_case("true")),
                        persons,
                    },
                    zone,
                )?);
            }
        }
    }
    Ok(Schedule {
        title: x.conference.title.trim().to_owned(),
        acronym: x.conference.acronym.trim().to_owned(),
        time_zone: x.conference.time_zone_name.map(|z| z.trim().to_owned()),
        version: x.version.trim().to_owned(),
        rooms,
        sessions,
    })
}

// --- JSON -----------------------------------------------------------------------------

#[derive(Deserialize)]
struct JFile {
    schedule: JSchedule,
}

#[derive(Deserialize)]
struct JSchedule {
    #[serde(default)]
    version: String,
    conference: JConference,
}

#[derive(Deserialize)]
struct JConference {
    #[serde(default)]
    title: String,
    #[serde(default)]
    acronym: String,
    #[serde(default)]
    time_zone_name: Option<String>,
    #[serde(default)]
    rooms: Vec<JRoom>,
    #[serde(default)]
    days: Vec<JDay>,
}

#[derive(Deserialize)]
struct JRoom {
    #[serde(default)]
    name: String,
    #[serde(default)]
    capacity: Option<f64>,
}

#[derive(Deserialize)]
struct JDay {
    /// Room name to its events, in the file's order.
    #[serde(default)]
    rooms: serde_json::Map<String, serde_json::Value>,
}

#[derive(Deserialize)]
struct JEvent {
    #[serde(default)]
    guid: Option<String>,
    #[serde(default)]
    date: String,
    #[serde(default)]
    start: String,
    #[serde(default)]
    duration: String,
    #[serde(default)]
    room: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    subtitle: Option<String>,
    #[serde(default)]
    track: Option<String>,
    #[serde(rename = "type", default)]
    kind: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(rename = "abstract", default)]
    abstract_text: Option<String>,
    #[serde(default)]
    description: Option<String>,
    #[serde(default)]
    do_not_record: Option<bool>,
    #[serde(default)]
    persons: Vec<JPerson>,
}

#[derive(Deserialize)]
struct JPerson {
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    id: Option<i64>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    public_name: Option<String>,
    #[serde(default)]
    biography: Option<String>,
}

fn read_json(text: &str, fallback: Option<Tz>) -> Result<Schedule, ValidationError> {
    let j: JFile = serde_json::from_str(text).map_err(|e| {
        refused(
            "file",
            say!("refusal-frab-unreadable", reason = e.to_string()),
        )
    })?;
    let c = j.schedule.conference;
    let zone = zone_of(&c.time_zone_name).or(fallback);
    let mut rooms = Vec::new();
    for r in &c.rooms {
        let capacity = r
            .capacity
            .filter(|n| n.is_finite() && *n >= 0.0 && *n <= 10_000_000.0)
            .map(|n| n as u32);
        add_room(&mut rooms, &r.name, capacity);
    }
    let mut sessions = Vec::new();
    for (di, day) in c.days.into_iter().enumerate() {
        for (room, events) in day.rooms {
            add_room(&mut rooms, &room, None);
            let events: Vec<JEvent> = serde_json::from_value(events).map_err(|e| {
                refused(
                    format!("days[{di}].rooms.{room}"),
                    say!("refusal-frab-unreadable", reason = e.to_string()),
                )
            })?;
            for (ei, e) in events.into_iter().enumerate() {
                let path = format!("days[{di}].rooms.{room}[{ei}]");
                let persons = e
                    .persons
                    .into_iter()
                    .filter_map(|p| {
                        let name = p.public_name.or(p.name)?.trim().to_owned();
                        (!name.is_empty()).then(|| Speaker {
                            key: speaker_key(p.code, p.id.map(|id| id.to_string()), &name),
                            name,
                            biography: p.biography.unwrap_or_default().trim().to_owned(),
                        })
                    })
                    .collect();
                let room_name = room_of(e.room, &room);
                add_room(&mut rooms, &room_name, None);
                sessions.push(session(
                    &path,
                    Raw {
                        guid: e.guid,
                        date: e.date,
                        start: e.start,
                        duration: e.duration,
                        room: room_name,
                        title: e.title,
                        subtitle: e.subtitle.unwrap_or_default(),
                        track: e.track.unwrap_or_default(),
                        kind: e.kind.unwrap_or_default(),
                        language: e.language.unwrap_or_default(),
                        abstract_text: e.abstract_text.unwrap_or_default(),
                        description: e.description.unwrap_or_default(),
                        do_not_record: e.do_not_record.unwrap_or(false),
                        persons,
                    },
                    zone,
                )?);
            }
        }
    }
    Ok(Schedule {
        title: c.title.trim().to_owned(),
        acronym: c.acronym.trim().to_owned(),
        time_zone: c.time_zone_name.map(|z| z.trim().to_owned()),
        version: j.schedule.version.trim().to_owned(),
        rooms,
        sessions,
    })
}

// --- writing --------------------------------------------------------------------------

/// A programme to write: everything in it is public.
#[derive(Debug, Clone)]
pub struct Programme {
    pub title: String,
    /// Made with [`acronym`].
    pub acronym: String,
    pub zone: Tz,
    /// The release, e.g. "3".
    pub version: String,
    /// Where this file is served (absolute).
    pub url: String,
    /// The site, for `base_url` (absolute, ending in `/`).
    pub base_url: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// Room names, left to right.
    pub rooms: Vec<String>,
    pub tracks: Vec<String>,
    pub sessions: Vec<OutSession>,
}

#[derive(Debug, Clone)]
pub struct OutSession {
    /// Positive and unique in the file.
    pub id: u32,
    /// A UUID, unique in the file and stable across releases.
    pub guid: String,
    pub start: DateTime<Tz>,
    pub minutes: u32,
    pub room: String,
    pub title: String,
    pub track: String,
    pub kind: String,
    pub language: String,
    pub abstract_text: String,
    pub do_not_record: bool,
    /// The session's page (absolute).
    pub url: String,
    pub persons: Vec<OutPerson>,
}

#[derive(Debug, Clone)]
pub struct OutPerson {
    pub id: i64,
    pub guid: String,
    pub name: String,
    pub biography: String,
}

/// An acronym both schemas accept, from a gathering's address: lower-case letters,
/// digits and `_`, at least four.
pub fn acronym(slug: &str) -> String {
    let mut out: String = slug
        .chars()
        .map(|c| match c {
            'a'..='z' | '0'..='9' => c,
            'A'..='Z' => c.to_ascii_lowercase(),
            _ => '_',
        })
        .collect();
    while out.chars().count() < 4 {
        out.push('_');
    }
    out
}

/// A session's slug both schemas accept: `{acronym}-{id}-{title}`.
pub fn session_slug(acronym: &str, id: u32, title_slug: &str) -> String {
    // The part after the acronym needs four characters at least.
    let tail = title_slug.trim_matches('-');
    if tail.chars().count() < 4 {
        format!(
            "{acronym}-{id}-session{}",
            if tail.is_empty() {
                String::new()
            } else {
                format!("-{tail}")
            }
        )
    } else {
        format!("{acronym}-{id}-{tail}")
    }
}

/// The day a session belongs to (see `domain::programme::day_of`).
pub fn day_of(start: DateTime<Tz>) -> NaiveDate {
    super::programme::day_of(&start)
}

fn day_bounds(zone: Tz, day: NaiveDate) -> (DateTime<Tz>, DateTime<Tz>) {
    let at = |d: NaiveDate, h: u32, m: u32| {
        let local: NaiveDateTime = d.and_hms_opt(h, m, 0).unwrap_or_default();
        zone.from_local_datetime(&local)
            .earliest()
            .unwrap_or_else(|| zone.from_utc_datetime(&local))
    };
    (at(day, 4, 0), at(day + Duration::days(1), 3, 59))
}

fn hh_mm(minutes: u32) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// A room's sessions of one day, in order.
type RoomDay<'a> = (&'a str, Vec<&'a OutSession>);

/// Sessions grouped by day and room, every room on every day, in order.
fn days(p: &Programme) -> Vec<(NaiveDate, Vec<RoomDay<'_>>)> {
    let mut by_day: HashMap<(NaiveDate, &str), Vec<&OutSession>> = HashMap::new();
    for s in &p.sessions {
        by_day
            .entry((day_of(s.start), s.room.as_str()))
            .or_default()
            .push(s);
    }
    let mut out = Vec::new();
    let mut day = p.first_day;
    while day <= p.last_day {
        let rooms = p
            .rooms
            .iter()
            .map(|r| {
                let mut list = by_day.remove(&(day, r.as_str())).unwrap_or_default();
                list.sort_by_key(|s| (s.start, s.id));
                (r.as_str(), list)
            })
            .collect();
        out.push((day, rooms));
        day += Duration::days(1);
    }
    out
}

/// The programme as frab XML.
pub fn to_xml(p: &Programme) -> String {
    use std::fmt::Write;
    let mut x = String::with_capacity(1024 + p.sessions.len() * 1200);
    let e = |s: &str| escape(s).into_owned();
    x.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<schedule>\n");
    x.push_str("  <generator name=\"convene\" />\n");
    let _ = writeln!(x, "  <url>{}</url>", e(&p.url));
    let _ = writeln!(x, "  <version>{}</version>", e(&p.version));
    x.push_str("  <conference>\n");
    let _ = writeln!(x, "    <title>{}</title>", e(&p.title));
    let _ = writeln!(x, "    <acronym>{}</acronym>", e(&p.acronym));
    let _ = writeln!(x, "    <start>{}</start>", p.first_day);
    let _ = writeln!(x, "    <end>{}</end>", p.last_day);
    let _ = writeln!(
        x,
        "    <days>{}</days>",
        (p.last_day - p.first_day).num_days() + 1
    );
    x.push_str("    <timeslot_duration>00:05</timeslot_duration>\n");
    let _ = writeln!(x, "    <base_url>{}</base_url>", e(&p.base_url));
    let _ = writeln!(x, "    <time_zone_name>{}</time_zone_name>", p.zone.name());
    for t in &p.tracks {
        let _ = writeln!(x, "    <track name=\"{}\" />", e(t));
    }
    x.push_str("  </conference>\n");
    for (i, (day, rooms)) in days(p).into_iter().enumerate() {
        let (start, end) = day_bounds(p.zone, day);
        let _ = writeln!(
            x,
            "  <day index=\"{}\" date=\"{day}\" start=\"{}\" end=\"{}\">",
            i + 1,
            start.to_rfc3339(),
            end.to_rfc3339()
        );
        for (room, sessions) in rooms {
            let _ = writeln!(x, "    <room name=\"{}\">", e(room));
            for s in sessions {
                let _ = writeln!(x, "      <event id=\"{}\" guid=\"{}\">", s.id, s.guid);
                let _ = writeln!(x, "        <date>{}</date>", s.start.to_rfc3339());
                let _ = writeln!(x, "        <start>{}</start>", s.start.format("%H:%M"));
                let _ = writeln!(x, "        <duration>{}</duration>", hh_mm(s.minutes));
                let _ = writeln!(x, "        <room>{}</room>", e(&s.room));
                let _ = writeln!(
                    x,
                    "        <slug>{}</slug>",
                    e(&session_slug(&p.acronym, s.id, &slug_text(&s.title)))
                );
                let _ = writeln!(x, "        <url>{}</url>", e(&s.url));
                let _ = writeln!(
                    x,
                    "        <recording><license></license><optout>{}</optout></recording>",
                    s.do_not_record
                );
                let _ = writeln!(x, "        <title>{}</title>", e(&s.title));
                x.push_str("        <subtitle></subtitle>\n");
                let _ = writeln!(x, "        <track>{}</track>", e(&s.track));
                let _ = writeln!(x, "        <type>{}</type>", e(&s.kind));
                let _ = writeln!(x, "        <language>{}</language>", e(&s.language));
                let _ = writeln!(x, "        <abstract>{}</abstract>", e(&s.abstract_text));
                x.push_str("        <description></description>\n        <persons>\n");
                for person in &s.persons {
                    let _ = writeln!(
                        x,
                        "          <person id=\"{}\" guid=\"{}\">{}</person>",
                        person.id,
                        person.guid,
                        e(&person.name)
                    );
                }
                x.push_str("        </persons>\n        <links></links>\n        <attachments></attachments>\n      </event>\n");
            }
            x.push_str("    </room>\n");
        }
        x.push_str("  </day>\n");
    }
    x.push_str("</schedule>\n");
    x
}

/// The programme as frab JSON.
pub fn to_json(p: &Programme) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let days: Vec<Value> = days(p)
        .into_iter()
        .enumerate()
        .map(|(i, (day, rooms))| {
            let (start, end) = day_bounds(p.zone, day);
            let mut by_room = Map::new();
            for (room, sessions) in rooms {
                let events: Vec<Value> = sessions
                    .into_iter()
                    .map(|s| {
                        let persons: Vec<Value> = s
                            .persons
                            .iter()
                            .map(|person| {
                                json!({
                                    "guid": person.guid,
                                    "name": person.name,
                                    "public_name": person.name,
                                    "biography": person.biography,
                                })
                            })
                            .collect();
                        json!({
                            "guid": s.guid,
                            "id": s.id,
                            "date": s.start.to_rfc3339(),
                            "start": s.start.format("%H:%M").to_string(),
                            "end": (s.start + Duration::minutes(i64::from(s.minutes))).to_rfc3339(),
                            "duration": hh_mm(s.minutes),
                            "room": s.room,
                            "slug": session_slug(&p.acronym, s.id, &slug_text(&s.title)),
                            "url": s.url,
                            "title": s.title,
                            "subtitle": "",
                            "track": s.track,
                            "type": s.kind,
                            "language": s.language,
                            "abstract": s.abstract_text,
                            "description": "",
                            "recording_license": "",
                            "do_not_record": s.do_not_record,
                            "persons": persons,
                            "links": [],
                            "attachments": [],
                        })
                    })
                    .collect();
                by_room.insert(room.to_owned(), Value::Array(events));
            }
            json!({
                "index": i + 1,
                "date": day.to_string(),
                "day_start": start.to_rfc3339(),
                "day_end": end.to_rfc3339(),
                "rooms": by_room,
            })
        })
        .collect();
    let mut conference = json!({
        "acronym": p.acronym,
        "title": p.title,
        "start": p.first_day.to_string(),
        "end": p.last_day.to_string(),
        "daysCount": (p.last_day - p.first_day).num_days() + 1,
        "timeslot_duration": "00:05",
        "rooms": p.rooms.iter().map(|r| json!({"name": r, "guid": room_guid(&p.url, r)})).collect::<Vec<_>>(),
        "tracks": p.tracks.iter().map(|t| json!({"name": t})).collect::<Vec<_>>(),
        "days": days,
    });
    // The schema's zone pattern knows only `Area/City` and `UTC`.
    let zone = p.zone.name();
    let simple = zone == "UTC"
        || zone.split_once('/').is_some_and(|(a, b)| {
            [a, b].iter().all(|w| {
                let mut c = w.chars();
                c.next().is_some_and(|f| f.is_ascii_uppercase())
                    && c.clone().count() > 0
                    && c.all(|x| x.is_ascii_lowercase())
            })
        });
    if simple && let Value::Object(m) = &mut conference {
        m.insert("time_zone_name".into(), Value::String(zone.to_owned()));
    }
    json!({
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": {"name": "convene"},
        "schedule": {
            "url": p.url,
            "version": p.version,
            "base_url": p.base_url,
            "conference": conference,
        }
    })
}

/// A UUID for a room, stable for the same programme address and room name.
fn room_guid(url: &str, room: &str) -> String {
    name_uuid(&format!("{url}#room:{room}"))
}

/// A name-based UUID (version 5 layout from a SHA-256 of the name): the same name
/// always gives the same UUID.
pub fn name_uuid(name: &str) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(name.as_bytes());
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    hyphenated(&h).unwrap_or(h)
}

/// A UUID written as 32 hex digits (hyphens anywhere), in its usual hyphenated
/// lower-case form; `None` for anything else.
pub fn hyphenated(raw: &str) -> Option<String> {
    let hex: String = raw.chars().filter(|c| *c != '-').collect();
    if hex.len() != 32 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let h = hex.to_ascii_lowercase();
    Some(format!(
        "{}-{}-{}-{}-{}",
        &h[..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..]
    ))
}

/// Lower-case ASCII words joined by `-`, for slugs.
fn slug_text(title: &str) -> String {
    super::types::Slug::suggest(title).as_str().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("00:30", Some(30))]
    #[case("1:30", Some(90))]
    #[case("01:00:00", Some(60))]
    #[case("00:20:30", Some(21))]
    #[case("24:00", Some(1440))]
    #[case("24:01", None)]
    #[case("00:00", None)]
    #[case("00:60", None)]
    #[case("30", None)]
    #[case("a:10", None)]
    #[case("", None)]
    fn durations(#[case] raw: &str, #[case] minutes: Option<u32>) {
        assert_eq!(parse_duration(raw), minutes);
    }

    const XML: &str = r##"<?xml version='1.0' encoding='utf-8' ?>
<schedule>
  <generator name="pretalx" version="2025.2.2" />
  <version>1.0</version>
  <conference>
    <title>TirConf 2027</title>
    <acronym>tirconf</acronym>
    <time_zone_name>Europe/Tirane</time_zone_name>
    <track name="Systems" color="#1f77b4" />
    <track name="Web" color="#ff7f0e" />
  </conference>
  <day index='1' date='2027-05-14' start='2027-05-14T04:00:00+02:00' end='2027-05-15T03:59:00+02:00'>
    <room name='Sala Sk&#235;nderbeu'>
      <event guid='4742957b-0188-5726-9775-8d46d1c2be02' id='1'>
        <room>Sala Sk&#235;nderbeu</room>
        <title>Offline-first Time Zones</title>
        <subtitle></subtitle>
        <type>Talk</type>
        <date>2027-05-14T07:00:00+02:00</date>
        <start>07:00</start>
        <duration>00:30</duration>
        <abstract>Commas, semicolons; back\slashes &amp; “quotes”.</abstract>
        <track>Systems</track>
        <persons>
          <person id='76'>Blerina Hoxha</person>
          <person id='12'>Zoë Ångström</person>
        </persons>
        <language>en</language>
        <recording><license></license><optout>true</optout></recording>
      </event>
    </room>
    <room name='Auditorium A'></room>
  </day>
</schedule>"##;

    #[test]
    fn reads_pretalx_xml() {
        let s = read(XML).unwrap();
        assert_eq!(s.title, "TirConf 2027");
        assert_eq!(s.time_zone.as_deref(), Some("Europe/Tirane"));
        assert_eq!(s.version, "1.0");
        let rooms: Vec<&str> = s.rooms.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(rooms, ["Sala Skënderbeu", "Auditorium A"]);
        let t = &s.sessions[0];
        assert_eq!(t.start.to_rfc3339(), "2027-05-14T07:00:00+02:00");
        assert_eq!(t.minutes, 30);
        assert_eq!(
            t.abstract_text,
            "Commas, semicolons; back\\slashes & “quotes”."
        );
        assert!(t.do_not_record);
        let names: Vec<&str> = t.persons.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Blerina Hoxha", "Zoë Ångström"]);
        assert_eq!(t.persons[0].key, "id:76");
    }

    #[test]
    fn reads_json_and_a_date_without_time_in_the_conference_zone() {
        let json = r#"{"schedule": {"version": "2", "conference": {
            "title": "T", "acronym": "tconf", "time_zone_name": "Asia/Tehran",
            "rooms": [{"name": "Hall", "capacity": 120}],
            "days": [{"index": 1, "date": "2024-06-20", "rooms": {"Hall": [
              {"guid": "0d8f4f25-2e63-4a4a-9ff4-3a3b1f7c9a10", "date": "2024-06-20",
               "start": "10:00", "duration": "0:45", "room": "Hall", "title": "Opening",
               "persons": [{"code": "ABCDEF", "name": "Ana", "biography": "Bio"}]}
            ]}}]}}}"#;
        let s = read(json).unwrap();
        assert_eq!(s.rooms[0].capacity, Some(120));
        let t = &s.sessions[0];
        // 10:00 in Tehran (UTC+03:30).
        assert_eq!(t.start.to_rfc3339(), "2024-06-20T10:00:00+03:30");
        assert_eq!(t.persons[0].key, "ABCDEF");
        assert_eq!(t.persons[0].biography, "Bio");
    }

    #[rstest]
    #[case(
        "<schedule><version>1</version><conference><title>T</title></conference><day index='1'><room name='A'><event id='1'><title></title><room>A</room><date>2027-05-14T07:00:00+02:00</date><duration>00:30</duration></event></room></day></schedule>",
        "day[1].room[1].event[1].title"
    )]
    #[case(
        "<schedule><version>1</version><conference><title>T</title></conference><day index='1'><room name='A'><event id='1'><title>X</title><room>A</room><date>tomorrow</date><duration>00:30</duration></event></room></day></schedule>",
        "day[1].room[1].event[1].date"
    )]
    #[case(
        "<schedule><version>1</version><conference><title>T</title></conference><day index='1'><room name='A'><event id='1'><title>X</title><room>A</room><date>2027-05-14T07:00:00+02:00</date><duration>30:00</duration></event></room></day></schedule>",
        "day[1].room[1].event[1].duration"
    )]
    #[case("<schedule><version>1</version>", "file")]
    #[case("not a schedule", "file")]
    #[case("{\"schedule\": 3}", "file")]
    fn refuses_what_it_cannot_place(#[case] text: &str, #[case] field: &str) {
        assert_eq!(read(text).unwrap_err().field, field);
    }

    fn programme() -> Programme {
        let zone: Tz = "Europe/Tirane".parse().unwrap();
        let at = |d: &str| {
            zone.from_local_datetime(&NaiveDateTime::parse_from_str(d, "%Y-%m-%d %H:%M").unwrap())
                .unwrap()
        };
        let s = |id: u32, start: &str, room: &str| OutSession {
            id,
            guid: name_uuid(&id.to_string()),
            start: at(start),
            minutes: 30,
            room: room.into(),
            title: format!("Talk {id} & <more>"),
            track: "Web".into(),
            kind: "Talk".into(),
            language: "en".into(),
            abstract_text: String::new(),
            do_not_record: false,
            url: format!("https://example.org/s/{id}"),
            persons: vec![],
        };
        Programme {
            title: "TirConf".into(),
            acronym: acronym("tirconf"),
            zone,
            version: "1".into(),
            url: "https://example.org/schedule.xml".into(),
            base_url: "https://example.org/".into(),
            first_day: NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(),
            last_day: NaiveDate::from_ymd_opt(2027, 5, 15).unwrap(),
            rooms: vec!["B".into(), "A".into()],
            tracks: vec!["Web".into()],
            sessions: vec![
                s(1, "2027-05-14 09:00", "A"),
                // After midnight: still the first day's evening.
                s(2, "2027-05-15 01:00", "B"),
                s(3, "2027-05-15 09:00", "A"),
            ],
        }
    }

    #[test]
    fn a_written_programme_reads_back() {
        let p = programme();
        for text in [to_xml(&p), to_json(&p).to_string()] {
            let back = read(&text).unwrap();
            let got: Vec<(String, String, u32)> = back
                .sessions
                .iter()
                .map(|s| (s.title.clone(), s.start.to_rfc3339(), s.minutes))
                .collect();
            assert_eq!(got.len(), 3, "{text}");
            assert!(got.contains(&(
                "Talk 2 & <more>".into(),
                "2027-05-15T01:00:00+02:00".into(),
                30
            )));
            let rooms: Vec<&str> = back.rooms.iter().map(|r| r.name.as_str()).collect();
            assert_eq!(rooms, ["B", "A"], "rooms keep their order");
        }
    }

    #[test]
    fn days_run_from_four_to_four() {
        let p = programme();
        let d = days(&p);
        assert_eq!(d.len(), 2);
        // Every room on every day, in order; the 01:00 session on the first day.
        assert_eq!(
            d[0].1.iter().map(|(r, _)| *r).collect::<Vec<_>>(),
            ["B", "A"]
        );
        assert_eq!(d[0].1[0].1.iter().map(|s| s.id).collect::<Vec<_>>(), [2]);
        assert_eq!(d[1].1[1].1.iter().map(|s| s.id).collect::<Vec<_>>(), [3]);
    }

    #[rstest]
    #[case(7, "x", "tirconf-7-session-x")]
    #[case(7, "", "tirconf-7-session")]
    #[case(12, "opening-words", "tirconf-12-opening-words")]
    fn session_slugs_keep_to_the_pattern(#[case] id: u32, #[case] title: &str, #[case] slug: &str) {
        assert_eq!(session_slug("tirconf", id, title), slug);
    }

    #[rstest]
    #[case("tirconf", "tirconf")]
    #[case("rally-2026", "rally_2026")]
    #[case("ab", "ab__")]
    fn acronyms(#[case] slug: &str, #[case] expected: &str) {
        assert_eq!(acronym(slug), expected);
    }

    #[test]
    fn name_uuids_are_stable_and_well_formed() {
        let a = name_uuid("x");
        assert_eq!(a, name_uuid("x"));
        assert_ne!(a, name_uuid("y"));
        assert_eq!(a.len(), 36);
        assert_eq!(&a[14..15], "5");
    }
}
