//! iCalendar feeds (RFC 5545) built from domain values, with no clock and no I/O.
//!
//! Rules kept here:
//! - Events are instants. Every DTSTART/DTEND is written as the venue's local time with
//!   its IANA `TZID`, unless that local reading happens twice (the hour repeated when
//!   the clocks go back): RFC 5545 (3.3.5) reads a repeated local time as its first
//!   occurrence, which puts the second pass an hour early, and readers do not all agree
//!   even on the first; both are written in UTC instead. Never
//!   `TZID:GMT`, never floating times.
//! - The feed holds one VTIMEZONE per zone used (`vtimezone`), covering every event
//!   with a year's margin on both sides: yearly rules as RRULEs (as Outlook reads them),
//!   one-off historical changes as single observances.
//! - DTSTAMP and LAST-MODIFIED come from the data (the last change), never from "now":
//!   an unchanged feed renders to the same bytes, so its ETag stays valid.
//! - UIDs are stable; SEQUENCE is the gathering's counter, raised by every published
//!   change to time, place or status; a cancelled gathering stays in the feed as
//!   `STATUS:CANCELLED` so calendars remove it instead of keeping a ghost.
//! - Text is cleaned of control characters before escaping, so no title can inject a line.
//! - Lines end in CRLF and are folded at 75 octets, the space that begins a continuation
//!   line included, never inside a UTF-8 sequence. (The `icalendar` crate's own folding
//!   lets continuation lines reach 76 octets, so its output is refolded here.)

use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, Event, EventStatus, Property};

use super::types::GatheringStatus;
use super::vtimezone::vtimezone;

/// How far before the first and after the last event each VTIMEZONE reaches.
const ZONE_MARGIN_DAYS: i64 = 400;

/// One event of a feed: a gathering, or one segment of it.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEvent {
    pub uid: String,
    pub sequence: u32,
    pub status: GatheringStatus,
    pub summary: String,
    pub description: String,
    pub location: Option<String>,
    pub geo: Option<(f64, f64)>,
    pub url: Option<String>,
    pub categories: Vec<String>,
    /// The zone the times are shown in (the venue's).
    pub zone: Tz,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// When the event's data last changed: DTSTAMP and LAST-MODIFIED.
    pub modified: DateTime<Utc>,
    /// The language of summary, description and location (`LANGUAGE=`).
    pub language: String,
}

/// A whole feed.
#[derive(Debug, Clone, PartialEq)]
pub struct Feed {
    pub name: String,
    pub description: String,
    /// How often calendar apps should refresh, in minutes.
    pub refresh_minutes: u32,
    pub language: String,
    pub events: Vec<FeedEvent>,
}

/// Removes characters that have no place in a calendar line (CR, NUL, other controls);
/// newlines are kept where the property allows them and escaped by the writer.
fn clean(text: &str, keep_newlines: bool) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter_map(|c| match c {
            '\n' if keep_newlines => Some('\n'),
            '\n' | '\t' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Escapes a TEXT value for properties the writer does not know to be text.
fn escape(text: &str) -> String {
    clean(text, false)
        .replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
}

fn utc_stamp(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

fn local_stamp(t: NaiveDateTime) -> String {
    t.format("%Y%m%dT%H%M%S").to_string()
}

/// A DTSTART or DTEND: local time with `TZID` when that reading happens once, else UTC
/// (readers disagree on a repeated reading, though RFC 5545 means its first pass).
fn time_property(key: &str, zone: Tz, at: DateTime<Utc>) -> Property {
    let local = at.with_timezone(&zone).naive_local();
    match zone.from_local_datetime(&local) {
        LocalResult::Single(_) => Property::new(key, local_stamp(local))
            .add_parameter("TZID", zone.name())
            .done(),
        _ => Property::new(key, utc_stamp(at)),
    }
}

fn text_property(key: &str, text: &str, language: &str, keep_newlines: bool) -> Property {
    Property::new(key, clean(text, keep_newlines))
        .add_parameter("LANGUAGE", language)
        .done()
}

/// Renders a feed as iCalendar text.
pub fn render(feed: &Feed) -> String {
    let mut calendar = Calendar::empty();
    calendar
        .append_property(Property::new("VERSION", "2.0"))
        .append_property(Property::new(
            "PRODID",
            "-//convene//convene calendar feed//EN",
        ))
        .append_property(Property::new("CALSCALE", "GREGORIAN"))
        .append_property(Property::new("METHOD", "PUBLISH"))
        // The writer escapes X- properties itself; NAME (RFC 7986) it does not know.
        .append_property(Property::new("X-WR-CALNAME", clean(&feed.name, false)))
        .append_property(Property::new("NAME", escape(&feed.name)));
    if !feed.description.is_empty() {
        calendar.append_property(Property::new(
            "X-WR-CALDESC",
            clean(&feed.description, false),
        ));
    }
    let refresh = format!("PT{}M", feed.refresh_minutes.max(1));
    calendar
        .append_property(
            Property::new("REFRESH-INTERVAL", refresh.as_str())
                .add_parameter("VALUE", "DURATION")
                .done(),
        )
        .append_property(Property::new("X-PUBLISHED-TTL", refresh.as_str()));
    let head = calendar.to_string();
    // The crate's writer has no VTIMEZONE: the zones go in before the events.
    let end = "END:VCALENDAR\r\n";
    // Each piece is refolded as it is written, so a feed of ten thousand events never
    // holds more than one copy of itself.
    let mut out = String::with_capacity(feed.events.len() * 1200 + 4096);
    refold_into(&mut out, &head[..head.len() - end.len()]);

    let mut zones: Vec<(Tz, DateTime<Utc>, DateTime<Utc>)> = Vec::new();
    for e in &feed.events {
        let (a, b) = (e.start.min(e.end), e.start.max(e.end));
        match zones.iter_mut().find(|(z, _, _)| *z == e.zone) {
            Some((_, from, to)) => {
                *from = (*from).min(a);
                *to = (*to).max(b);
            }
            None => zones.push((e.zone, a, b)),
        }
    }
    zones.sort_by(|a, b| a.0.name().cmp(b.0.name()));
    let margin = Duration::days(ZONE_MARGIN_DAYS);
    for (tz, from, to) in zones {
        refold_into(&mut out, &vtimezone(tz, from - margin, to + margin));
    }
    for e in &feed.events {
        refold_into(&mut out, &event(e).to_string());
    }
    out.push_str(end);
    out
}

/// Unfolds the writer's lines and folds them again at 75 octets (RFC 5545, 3.1),
/// appending them to `out`.
fn refold_into(out: &mut String, text: &str) {
    const LIMIT: usize = 75;
    let unfolded = text.replace("\r\n ", "");
    for line in unfolded.split_terminator("\r\n") {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > LIMIT {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += c.len_utf8();
        }
        out.push_str("\r\n");
    }
}

fn event(e: &FeedEvent) -> Event {
    let mut ev = Event::new();
    ev.uid(&e.uid)
        .add_property("DTSTAMP", utc_stamp(e.modified))
        .add_property("LAST-MODIFIED", utc_stamp(e.modified))
        .add_property("SEQUENCE", e.sequence.to_string())
        .append_property(time_property("DTSTART", e.zone, e.start))
        .append_property(time_property("DTEND", e.zone, e.end))
        .append_property(text_property("SUMMARY", &e.summary, &e.language, false))
        .status(match e.status {
            GatheringStatus::Cancelled => EventStatus::Cancelled,
            // Drafts reach only crew feeds: planned, not yet announced.
            GatheringStatus::Postponed | GatheringStatus::Draft => EventStatus::Tentative,
            _ => EventStatus::Confirmed,
        })
        .add_property("TRANSP", "OPAQUE");
    if !e.description.is_empty() {
        ev.append_property(text_property(
            "DESCRIPTION",
            &e.description,
            &e.language,
            true,
        ));
    }
    if let Some(location) = e.location.as_deref().filter(|l| !l.is_empty()) {
        ev.append_property(text_property("LOCATION", location, &e.language, false));
    }
    if let Some((lat, lon)) = e.geo
        && lat.is_finite()
        && lon.is_finite()
    {
        ev.add_property("GEO", format!("{lat:.6};{lon:.6}"));
    }
    if let Some(url) = e.url.as_deref() {
        ev.add_property("URL", clean(url, false));
    }
    if !e.categories.is_empty() {
        let list: Vec<String> = e.categories.iter().map(|c| escape(c)).collect();
        ev.add_property("CATEGORIES", list.join(","));
    }
    ev.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{Asia::Tehran, Europe::Stockholm, Europe::Tirane};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// The instant of a local time in `tz` (its first occurrence when it repeats).
    fn local_in(tz: Tz, s: &str) -> DateTime<Utc> {
        let t = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        tz.from_local_datetime(&t)
            .earliest()
            .unwrap()
            .with_timezone(&Utc)
    }

    fn local(s: &str) -> DateTime<Utc> {
        local_in(Tirane, s)
    }

    fn tirana_park() -> FeedEvent {
        FeedEvent {
            uid: "tirana-park-2023@families-association.convene".into(),
            sequence: 2,
            status: GatheringStatus::Published,
            summary: "Public gathering in the park on Rruga Ura".into(),
            description: "11:00 Opening\n11:10 Documentary: Biography".into(),
            location: Some("Futsal park, Rruga Ura, Tirana".into()),
            geo: Some((41.3275, 19.8187)),
            url: Some("https://convene.example/o/families-association/tirana-park-2023".into()),
            categories: vec!["Rally".into()],
            zone: Tirane,
            start: local("2023-11-26 11:00"),
            end: local("2023-11-26 13:05"),
            modified: at("2023-11-20T09:30:00Z"),
            language: "en".into(),
        }
    }

    fn feed(events: Vec<FeedEvent>) -> Feed {
        Feed {
            name: "Families' Association".into(),
            description: "Public gatherings".into(),
            refresh_minutes: 60,
            language: "en".into(),
            events,
        }
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn an_event_is_written_in_its_venues_zone() {
        let text = unfold(&render(&feed(vec![tirana_park()])));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.contains("DTSTART;TZID=Europe/Tirane:20231126T110000\r\n"));
        assert!(text.contains("DTEND;TZID=Europe/Tirane:20231126T130500\r\n"));
        assert!(text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Tirane\r\n"));
        assert!(text.contains("DTSTAMP:20231120T093000Z\r\n"));
        assert!(text.contains("SEQUENCE:2\r\n"));
        assert!(text.contains("STATUS:CONFIRMED\r\n"));
        assert!(text.contains("SUMMARY;LANGUAGE=en:Public gathering in the park on Rruga Ura\r\n"));
        assert!(
            text.contains(
                "DESCRIPTION;LANGUAGE=en:11:00 Opening\\n11:10 Documentary: Biography\r\n"
            )
        );
        assert!(text.contains("LOCATION;LANGUAGE=en:Futsal park\\, Rruga Ura\\, Tirana\r\n"));
        assert!(text.contains("GEO:41.327500;19.818700\r\n"));
        assert!(text.contains("REFRESH-INTERVAL;VALUE=DURATION:PT60M\r\n"));
        assert!(!text.contains("GMT"));
        for line in render(&feed(vec![tirana_park()])).split("\r\n") {
            assert!(line.len() <= 75, "unfolded line: {line}");
        }
    }

    #[test]
    fn calendar_names_are_escaped_once() {
        let f = Feed {
            name: "Families, friends; all".into(),
            description: "Tirana, Tehran".into(),
            ..feed(vec![])
        };
        let text = render(&f);
        assert!(
            text.contains("X-WR-CALNAME:Families\\, friends\\; all\r\n"),
            "{text}"
        );
        assert!(
            text.contains("NAME:Families\\, friends\\; all\r\n"),
            "{text}"
        );
        assert!(text.contains("X-WR-CALDESC:Tirana\\, Tehran\r\n"), "{text}");
    }

    #[test]
    fn the_same_data_gives_the_same_bytes() {
        let a = render(&feed(vec![tirana_park()]));
        let b = render(&feed(vec![tirana_park()]));
        assert_eq!(a, b);
    }

    #[test]
    fn a_cancelled_gathering_stays_as_cancelled() {
        let e = FeedEvent {
            status: GatheringStatus::Cancelled,
            sequence: 3,
            ..tirana_park()
        };
        let text = render(&feed(vec![e]));
        assert!(text.contains("STATUS:CANCELLED\r\n"));
        assert!(text.contains("SEQUENCE:3\r\n"));
    }

    #[test]
    fn line_breaks_in_a_title_cannot_inject_properties() {
        let e = FeedEvent {
            summary: "Rally\r\nBEGIN:VALARM\nATTENDEE:mailto:x@example.com".into(),
            location: Some("Square\rX-EVIL:1".into()),
            ..tirana_park()
        };
        let text = render(&feed(vec![e]));
        assert!(!text.contains("\r\nBEGIN:VALARM"), "{text}");
        assert!(!text.contains("\r\nATTENDEE"), "{text}");
        assert!(!text.contains("\r\nX-EVIL"), "{text}");
        assert!(!text.contains('\r') || text.split("\r\n").all(|l| !l.contains('\r')));
    }

    #[test]
    fn each_zone_gets_one_vtimezone_covering_its_years() {
        let tehran = FeedEvent {
            uid: "tehran@x".into(),
            zone: Tehran,
            start: local_in(Tehran, "2023-11-20 10:00"),
            end: local_in(Tehran, "2023-11-20 11:00"),
            ..tirana_park()
        };
        let later = FeedEvent {
            uid: "later@x".into(),
            start: local("2026-12-13 11:00"),
            end: local("2026-12-13 13:00"),
            ..tirana_park()
        };
        let text = render(&feed(vec![tirana_park(), tehran, later]));
        assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 2);
        assert!(text.contains("TZID:Asia/Tehran"));
        // Tirana's rules for 2023 to 2026 are two yearly rules, as Outlook reads them.
        let tirane = &text[text.find("TZID:Europe/Tirane").unwrap()..];
        let tirane = &tirane[..tirane.find("END:VTIMEZONE").unwrap()];
        assert!(
            tirane.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
            "{tirane}"
        );
        assert!(
            tirane.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
            "{tirane}"
        );
        assert!(tirane.matches("BEGIN:DAYLIGHT").count() <= 2, "{tirane}");
    }

    /// The first onset of a VTIMEZONE, as a UTC instant (DTSTART minus TZOFFSETFROM).
    fn first_onset(text: &str, zone: &str) -> DateTime<Utc> {
        let z = &text[text.find(&format!("TZID:{zone}\r\n")).unwrap()..];
        let start = z.split("DTSTART:").nth(1).unwrap();
        let local = NaiveDateTime::parse_from_str(&start[..15], "%Y%m%dT%H%M%S").unwrap();
        let from = z.split("TZOFFSETFROM:").nth(1).unwrap();
        let sign = if from.starts_with('-') { -1 } else { 1 };
        let hours: i64 = from[1..3].parse().unwrap();
        let minutes: i64 = from[3..5].parse().unwrap();
        local.and_utc() - Duration::minutes(sign * (hours * 60 + minutes))
    }

    #[test]
    fn every_zone_definition_begins_before_its_first_event() {
        // 00:30 on 1 January in Tehran is 21:00 UTC on 31 December.
        let new_year = FeedEvent {
            uid: "new-year@x".into(),
            zone: Tehran,
            start: local_in(Tehran, "2024-01-01 00:30"),
            end: local_in(Tehran, "2024-01-01 02:00"),
            ..tirana_park()
        };
        assert_eq!(new_year.start, at("2023-12-31T21:00:00Z"));
        let text = unfold(&render(&feed(vec![new_year.clone()])));
        assert!(first_onset(&text, "Asia/Tehran") <= new_year.start - Duration::days(365));
        assert!(
            text.contains("DTSTART;TZID=Asia/Tehran:20240101T003000\r\n"),
            "{text}"
        );
    }

    #[test]
    fn the_second_pass_of_the_repeated_hour_is_written_in_utc() {
        // Stockholm goes back from 03:00 CEST to 02:00 CET on 25 October 2026: 02:30
        // happens at 00:30 UTC and again at 01:30 UTC.
        let first = at("2026-10-25T00:30:00Z");
        let second = at("2026-10-25T01:30:00Z");
        let screening = |start, end| FeedEvent {
            zone: Stockholm,
            start,
            end,
            ..tirana_park()
        };
        // Readers disagree on a repeated local reading; both passes are written in UTC.
        let text = unfold(&render(&feed(vec![screening(first, second)])));
        assert!(text.contains("DTSTART:20261025T003000Z\r\n"), "{text}");
        assert!(text.contains("DTEND:20261025T013000Z\r\n"), "{text}");
        // An hour later the clock reads 03:30, which happens once: local time with TZID.
        let text = unfold(&render(&feed(vec![screening(
            second,
            second + Duration::hours(1),
        )])));
        assert!(text.contains("DTSTART:20261025T013000Z\r\n"), "{text}");
        assert!(
            text.contains("DTEND;TZID=Europe/Stockholm:20261025T033000\r\n"),
            "{text}"
        );
    }
}
