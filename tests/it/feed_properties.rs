//! Property: any gathering the domain accepts, whatever its text and whichever zone its
//! venue is in, gives a feed that an independent iCalendar reader (the `ical` crate, not
//! the `icalendar` crate that writes it) reads back to the same title, description,
//! place, zone and local times; no text can add a line or a property.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use convene::domain::GatheringStatus;
use convene::domain::ical::{Feed, FeedEvent, render};
use convene::domain::plan::GatheringForm;
use proptest::prelude::*;

/// Pieces of text that have broken calendars and pages elsewhere.
const HOSTILE: &[&str] = &[
    "\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT",
    "\nEND:VCALENDAR\n",
    "\r",
    "\0",
    "\u{7}\u{1b}[31m",
    ";TZID=Europe/London:",
    "a,b;c\\d:e",
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "\u{202e}gnp.exe",
    "\u{2028}\u{2029}\u{85}",
    "🕯️👩‍👧‍👦",
    "شعارها: «زن، زندگی، آزادی»",
    "Tubim në park",
    "'; DROP TABLE gathering; --",
    "ÿ\u{feff}\u{200b}",
    "                                                                                ",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "\\PC{1,120}",
        prop::collection::vec(prop::sample::select(HOSTILE), 1..6).prop_map(|v| v.concat()),
        ("\\PC{0,20}", prop::sample::select(HOSTILE), "\\PC{0,200}")
            .prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

fn form() -> impl Strategy<Value = (GatheringForm, Tz, String)> {
    (
        (text(), text(), text()),
        prop::sample::select(chrono_tz::TZ_VARIANTS.to_vec()),
        (
            1990..2045i32,
            1..13u32,
            1..29u32,
            0..24u32,
            0..60u32,
            0..24u32,
            0..60u32,
        ),
        any::<bool>(),
    )
        .prop_map(
            |((title, description, place), zone, (y, mo, d, h1, m1, h2, m2), next_day)| {
                let form = GatheringForm {
                    title,
                    slug: String::new(),
                    kind: "rally".into(),
                    status: "published".into(),
                    date: format!("{y:04}-{mo:02}-{d:02}"),
                    starts: format!("{h1:02}:{m1:02}"),
                    ends: format!("{h2:02}:{m2:02}"),
                    ends_next_day: if next_day { "on".into() } else { String::new() },
                    public_description: description,
                    internal_notes: String::new(),
                    languages: "sq, en".into(),
                    expected_attendance: String::new(),
                    actual_attendance: String::new(),
                };
                (form, zone, place)
            },
        )
}

fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// What a calendar line may hold of a text: no control characters, newlines as spaces
/// unless the property keeps them.
fn cleaned(text: &str, keep_newlines: bool) -> String {
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

/// The unescaped values of property `name` (with parameters) in an unfolded feed's events.
fn exact(unfolded: &str, name: &str) -> Vec<String> {
    let events = unfolded.split("BEGIN:VEVENT\r\n").skip(1);
    events
        .flat_map(|event| event.split("\r\n"))
        .filter(|line| {
            line.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(';') || rest.starts_with(':'))
        })
        .map(|line| {
            // Parameter values here are plain (LANGUAGE=en): the value follows the
            // first colon.
            unescape(line.split_once(':').map_or("", |(_, v)| v))
        })
        .collect()
}

fn one<'a>(
    event: &'a ical::parser::ical::component::IcalEvent,
    name: &str,
) -> &'a ical::property::Property {
    let found: Vec<_> = event.properties.iter().filter(|p| p.name == name).collect();
    assert_eq!(found.len(), 1, "{name} appears {} times", found.len());
    found[0]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 512,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn an_accepted_gathering_reads_back_from_its_feed((form, zone, place) in form()) {
        let Ok(plan) = form.parse(zone) else {
            return Ok(());
        };
        let modified: DateTime<Utc> = "2026-11-20T09:30:00Z".parse().unwrap();
        let feed = Feed {
            name: plan.title.as_str().into(),
            description: "Families' Association".into(),
            refresh_minutes: 60,
            language: "en".into(),
            events: vec![FeedEvent {
                uid: "vigil@families-association.convene".into(),
                sequence: 1,
                status: GatheringStatus::Published,
                summary: plan.title.as_str().into(),
                description: plan.public_description.clone(),
                location: Some(place.clone()),
                geo: Some((41.3275, 19.8187)),
                url: None,
                categories: vec!["Rally".into()],
                zone,
                start: plan.span.start.with_timezone(&Utc),
                end: plan.span.end.with_timezone(&Utc),
                modified,
                language: "en".into(),
            }],
        };
        let text = render(&feed);

        // Every line ends in CRLF and holds at most 75 octets; no bare CR or LF.
        prop_assert!(text.ends_with("\r\n"));
        for line in text.split_terminator("\r\n") {
            prop_assert!(!line.contains('\r') && !line.contains('\n'), "bare break in {line:?}");
            prop_assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        }
        let unfolded = text.replace("\r\n ", "");
        prop_assert_eq!(unfolded.matches("\r\nBEGIN:VEVENT\r\n").count(), 1);

        let mut calendars = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
        let calendar = calendars.next().expect("one calendar");
        let calendar = calendar.map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
        prop_assert!(calendars.next().is_none(), "one calendar only");
        prop_assert_eq!(calendar.events.len(), 1);
        let event = &calendar.events[0];
        for name in ["UID", "DTSTAMP", "SEQUENCE", "DTEND", "STATUS", "SUMMARY"] {
            one(event, name);
        }
        // Values are read from the feed unfolded as RFC 5545 says (remove CRLF and one
        // space): the `ical` reader is lossy there (it trims the spaces that end a folded
        // piece, and the colons that begin a value), so it is trusted for structure only.
        prop_assert_eq!(exact(&unfolded, "SUMMARY"), vec![plan.title.as_str().to_owned()]);
        let description = cleaned(&plan.public_description, true);
        let descriptions = exact(&unfolded, "DESCRIPTION");
        if description.is_empty() {
            prop_assert!(descriptions.iter().all(String::is_empty), "{descriptions:?}");
        } else {
            prop_assert_eq!(descriptions, vec![description]);
        }
        let places = exact(&unfolded, "LOCATION");
        if place.is_empty() {
            prop_assert!(places.is_empty(), "{places:?}");
        } else {
            prop_assert_eq!(places, vec![cleaned(&place, false)]);
        }

        // A local reading that happens once is written with its zone; one in the hour
        // repeated in autumn is written in UTC.
        let start = one(event, "DTSTART");
        let tzid = start
            .params
            .as_ref()
            .and_then(|ps| ps.iter().find(|(k, _)| k == "TZID"))
            .map(|(_, v)| v.join(","));
        if convene::domain::time::is_ambiguous(zone, plan.starts_local) {
            let utc = plan.span.start.with_timezone(&Utc).format("%Y%m%dT%H%M%SZ").to_string();
            prop_assert_eq!(start.value.as_deref(), Some(utc.as_str()));
            prop_assert_eq!(tzid, None);
        } else {
            let local = plan.starts_local.format("%Y%m%dT%H%M%S").to_string();
            prop_assert_eq!(start.value.as_deref(), Some(local.as_str()));
            prop_assert_eq!(tzid.as_deref(), Some(zone.name()));
        }
        prop_assert!(
            unfolded.contains(&format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", zone.name())),
            "the zone is defined in the feed"
        );
        prop_assert!(plan.ends_local > plan.starts_local);
    }
}
