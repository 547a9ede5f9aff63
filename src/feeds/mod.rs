//! Calendar and news feeds as plain axum routes (not server functions): the public
//! iCalendar feeds of an organisation, of one gathering, venue, kind, person or
//! campaign (`ical`), members' crew calendars (`crew`) and the Atom feeds (`atom`), in
//! the language asked for with `?lang=`.
//!
//! Every feed is a published answer (`server::published`): keyed by the organisation's
//! content version, rendered once per version by a pure renderer
//! (`domain::ical::render`, `domain::atom::render`) and answered `304 Not Modified`
//! from memory while the version holds. A render loads what it needs in a fixed number
//! of queries, whatever the number of gatherings.

mod atom;
mod crew;
mod ical;

pub use atom::{digest_atom, organisation_atom};
pub use crew::crew_feed;
pub use ical::{
    campaign_feed, gathering_feed, kind_feed, organisation_feed, person_feed, venue_feed,
};

use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use crate::db::entities::organisation;
use crate::error::AppError;
use crate::i18n::Lang;

/// Query of a feed URL.
#[derive(Debug, Default, Deserialize)]
pub struct FeedQuery {
    /// Language of the texts (`en`, `sq`, `fa`); the organisation's default otherwise.
    pub lang: Option<String>,
    /// `1`: one event per public segment instead of one for the gathering.
    pub segments: Option<String>,
}

impl FeedQuery {
    pub(crate) fn per_segment(&self) -> bool {
        matches!(self.segments.as_deref(), Some("1" | "true" | "yes"))
    }
}

pub(crate) fn feed_lang(query: &FeedQuery, org: &organisation::Model) -> Lang {
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
pub(crate) const PUBLIC_CACHE: &str = "public, max-age=300, must-revalidate";
/// Crew feeds are for one member's calendar app only: no shared cache keeps them.
pub(crate) const PRIVATE_CACHE: &str = "private, no-cache";

pub(crate) fn error_response(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match e {
        AppError::NotFound => "No such calendar.",
        _ => "The calendar could not be made; please try again later.",
    };
    (status, text).into_response()
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
