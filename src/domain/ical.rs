//! iCalendar feeds (RFC 5545) built from domain values, with no clock and no I/O.
//!
//! Rules kept here:
//! - Every DTSTART/DTEND carries the venue's IANA `TZID` and the feed holds one
//!   VTIMEZONE per zone used, with the real transitions of the years it covers, written
//!   from the tz database (so Europe/Tirane switches in March and October, Asia/Tehran
//!   has no switch after 2022 and stays at +03:30). Never `TZID:GMT`, never floating times.
//! - DTSTAMP and LAST-MODIFIED come from the data (the last change), never from "now":
//!   an unchanged feed renders to the same bytes, so its ETag stays valid.
//! - UIDs are stable; SEQUENCE is the gathering's counter, raised by every published
//!   change to time, place or status; a cancelled gathering stays in the feed as
//!   `STATUS:CANCELLED` so calendars remove it instead of keeping a ghost.
//! - Text is cleaned of control characters before escaping, so no title can inject a line.
//! - Lines end in CRLF and are folded at 75 octets, the space that begins a continuation
//!   line included, never inside a UTF-8 sequence. (The `icalendar` crate's own folding
//!   lets continuation lines reach 76 octets, so its output is refolded here.)

use chrono::{DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, Component, Event, EventStatus, Property};

use super::types::GatheringStatus;

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
    pub zone: Tz,
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
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

impl Feed {
    /// When anything in the feed last changed (for Last-Modified and the ETag).
    pub fn modified(&self) -> Option<DateTime<Utc>> {
        self.events.iter().map(|e| e.modified).max()
    }
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
    let mut out = calendar.to_string();
    // The crate's writer has no VTIMEZONE: the zones go in before the events.
    let end = "END:VCALENDAR\r\n";
    out.truncate(out.len() - end.len());

    let mut zones: Vec<(Tz, i32, i32)> = Vec::new();
    for e in &feed.events {
        let (a, b) = (e.start.year(), e.end.year());
        match zones.iter_mut().find(|(z, _, _)| *z == e.zone) {
            Some((_, from, to)) => {
                *from = (*from).min(a);
                *to = (*to).max(b);
            }
            None => zones.push((e.zone, a, b)),
        }
    }
    zones.sort_by(|a, b| a.0.name().cmp(b.0.name()));
    for (tz, from, to) in zones {
        out.push_str(&vtimezone(tz, from, to));
    }
    for e in &feed.events {
        out.push_str(&event(e).to_string());
    }
    out.push_str(end);
    refold(&out)
}

/// Unfolds the writer's lines and folds them again at 75 octets (RFC 5545, 3.1).
fn refold(text: &str) -> String {
    const LIMIT: usize = 75;
    let unfolded = text.replace("\r\n ", "");
    let mut out = String::with_capacity(text.len() + text.len() / 64 * 3);
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
    out
}

fn event(e: &FeedEvent) -> Event {
    let mut ev = Event::new();
    ev.uid(&e.uid)
        .add_property("DTSTAMP", utc_stamp(e.modified))
        .add_property("LAST-MODIFIED", utc_stamp(e.modified))
        .add_property("SEQUENCE", e.sequence.to_string())
        .append_property(
            Property::new("DTSTART", local_stamp(e.start))
                .add_parameter("TZID", e.zone.name())
                .done(),
        )
        .append_property(
            Property::new("DTEND", local_stamp(e.end))
                .add_parameter("TZID", e.zone.name())
                .done(),
        )
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

/// The UTC offset of `tz` at an instant, in seconds, and whether it is summer time.
fn offset_at(tz: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    let seconds = o.fix().local_minus_utc();
    let name = o
        .abbreviation()
        .map(str::to_owned)
        .unwrap_or_else(|| offset_text(seconds));
    (seconds, o.dst_offset() != Duration::zero(), name)
}

fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.abs();
    format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60)
}

/// The instants in `[from, to)` where `tz` changes its offset or summer-time flag.
pub fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    let key = |t| {
        let (o, dst, _) = offset_at(tz, t);
        (o, dst)
    };
    let mut found = Vec::new();
    let mut day = from;
    let mut before = key(day);
    while day < to {
        let next = (day + Duration::days(1)).min(to);
        let after = key(next);
        if after != before {
            // Narrow down to the minute: zones change on whole minutes.
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::minutes(1) {
                let mid = lo + (hi - lo) / 2;
                let mid = mid - Duration::seconds(i64::from(mid.timestamp() as i32 % 60));
                if mid <= lo {
                    break;
                }
                if key(mid) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            found.push(hi);
        }
        before = after;
        day = next;
    }
    found
}

/// A VTIMEZONE for `tz` valid for the years `from_year..=to_year`: the offset in force
/// on 1 January of the first year, then every transition up to the end of the last.
pub fn vtimezone(tz: Tz, from_year: i32, to_year: i32) -> String {
    let start_of = |year: i32| {
        Utc.from_utc_datetime(
            &NaiveDate::from_ymd_opt(year, 1, 1)
                .unwrap_or_default()
                .and_hms_opt(0, 0, 0)
                .unwrap_or_default(),
        )
    };
    let from = start_of(from_year);
    let to = start_of(to_year.saturating_add(1));
    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    let mut write = |at: DateTime<Utc>, previous: i32| {
        let (offset, dst, name) = offset_at(tz, at);
        let kind = if dst { "DAYLIGHT" } else { "STANDARD" };
        // DTSTART is the local time the change happens at, in the offset before it.
        let local = at.naive_utc() + Duration::seconds(i64::from(previous));
        out.push_str(&format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\nTZNAME:{}\r\nEND:{kind}\r\n",
            local_stamp(local),
            offset_text(previous),
            offset_text(offset),
            escape(&name),
        ));
        offset
    };
    let first = offset_at(tz, from).0;
    let mut previous = write(from, first);
    for at in transitions(tz, from, to) {
        previous = write(at, previous);
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{Asia::Tehran, Europe::Stockholm, Europe::Tirane};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
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
    fn tirane_switches_at_the_end_of_march_and_october() {
        let found = transitions(
            Tirane,
            at("2024-01-01T00:00:00Z"),
            at("2025-01-01T00:00:00Z"),
        );
        assert_eq!(
            found,
            [at("2024-03-31T01:00:00Z"), at("2024-10-27T01:00:00Z")]
        );
        let z = vtimezone(Tirane, 2024, 2024);
        assert!(z.contains("BEGIN:DAYLIGHT\r\nDTSTART:20240331T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST"), "{z}");
        assert!(z.contains("BEGIN:STANDARD\r\nDTSTART:20241027T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET"), "{z}");
    }

    #[test]
    fn tehran_has_kept_plus_0330_since_2022() {
        assert!(
            transitions(
                Tehran,
                at("2023-01-01T00:00:00Z"),
                at("2025-01-01T00:00:00Z")
            )
            .is_empty()
        );
        let z = vtimezone(Tehran, 2023, 2023);
        assert!(z.contains("TZOFFSETFROM:+0330\r\nTZOFFSETTO:+0330"), "{z}");
        assert!(!z.contains("DAYLIGHT"));
        // In 2021 it still had summer time.
        assert_eq!(
            transitions(
                Tehran,
                at("2021-01-01T00:00:00Z"),
                at("2022-01-01T00:00:00Z")
            )
            .len(),
            2
        );
    }

    #[test]
    fn stockholm_falls_back_on_the_last_sunday_of_october() {
        let found = transitions(
            Stockholm,
            at("2024-10-01T00:00:00Z"),
            at("2024-11-01T00:00:00Z"),
        );
        assert_eq!(found, [at("2024-10-27T01:00:00Z")]);
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
            start: local("2023-11-20 10:00"),
            end: local("2023-11-20 11:00"),
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
        // Tirana's rules for 2023 to 2026: eight switches.
        let tirane = &text[text.find("TZID:Europe/Tirane").unwrap()..];
        let tirane = &tirane[..tirane.find("END:VTIMEZONE").unwrap()];
        assert_eq!(tirane.matches("TZOFFSETFROM").count(), 1 + 8);
    }
}
