//! Links that put a gathering into someone's calendar.
//!
//! Rules kept here:
//! - A subscription is offered twice: `webcal://` (opens the calendar app, which then
//!   keeps polling) and the plain `https://` address (to paste or download).
//! - Google's and Outlook's "add event" links carry UTC instants, plus the venue's zone
//!   for Google, so the event lands at the right moment whatever the visitor's zone.

use chrono::{DateTime, Utc};

/// The `webcal://` form of an http(s) feed address.
pub fn webcal(feed_url: &str) -> String {
    match feed_url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => feed_url.to_owned(),
    }
}

/// What an "add to calendar" link carries.
#[derive(Debug, Clone, PartialEq)]
pub struct EventLink<'a> {
    pub title: &'a str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub details: &'a str,
    pub location: &'a str,
    pub zone: &'a str,
}

/// Google Calendar's event template link.
pub fn google(e: &EventLink<'_>) -> String {
    let fmt = "%Y%m%dT%H%M%SZ";
    let dates = format!("{}/{}", e.start.format(fmt), e.end.format(fmt));
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("action", "TEMPLATE")
        .append_pair("text", e.title)
        .append_pair("dates", &dates)
        .append_pair("details", e.details)
        .append_pair("location", e.location)
        .append_pair("ctz", e.zone)
        .finish();
    format!("https://calendar.google.com/calendar/render?{query}")
}

/// Outlook on the web's compose-event link.
pub fn outlook(e: &EventLink<'_>) -> String {
    let fmt = "%Y-%m-%dT%H:%M:%SZ";
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("path", "/calendar/action/compose")
        .append_pair("rru", "addevent")
        .append_pair("subject", e.title)
        .append_pair("startdt", &e.start.format(fmt).to_string())
        .append_pair("enddt", &e.end.format(fmt).to_string())
        .append_pair("body", e.details)
        .append_pair("location", e.location)
        .finish();
    format!("https://outlook.live.com/calendar/0/action/compose?{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tirana() -> EventLink<'static> {
        EventLink {
            title: "Public gathering & rally",
            start: DateTime::parse_from_rfc3339("2023-11-26T10:00:00Z")
                .unwrap()
                .to_utc(),
            end: DateTime::parse_from_rfc3339("2023-11-26T12:05:00Z")
                .unwrap()
                .to_utc(),
            details: "https://convene.example/o/a/b",
            location: "Futsal park, Tirana",
            zone: "Europe/Tirane",
        }
    }

    #[test]
    fn webcal_replaces_the_scheme() {
        assert_eq!(
            webcal("https://c.example/o/a/calendar.ics"),
            "webcal://c.example/o/a/calendar.ics"
        );
        assert_eq!(
            webcal("http://127.0.0.1:3000/x.ics"),
            "webcal://127.0.0.1:3000/x.ics"
        );
    }

    #[test]
    fn google_gets_utc_instants_and_the_venues_zone() {
        let url = google(&tirana());
        assert!(
            url.contains("dates=20231126T100000Z%2F20231126T120500Z"),
            "{url}"
        );
        assert!(url.contains("ctz=Europe%2FTirane"), "{url}");
        assert!(url.contains("text=Public+gathering+%26+rally"), "{url}");
    }

    #[test]
    fn outlook_gets_utc_instants() {
        let url = outlook(&tirana());
        assert!(url.contains("startdt=2023-11-26T10%3A00%3A00Z"), "{url}");
        assert!(url.contains("enddt=2023-11-26T12%3A05%3A00Z"), "{url}");
    }
}
