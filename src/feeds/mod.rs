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
mod schedule;

pub use atom::{digest_atom, organisation_atom};
pub use crew::crew_feed;
pub use ical::{
    campaign_feed, chosen_feed, gathering_feed, kind_feed, organisation_feed, person_feed,
    preview_feed, programme_feed, room_feed, session_feed, track_feed, venue_feed,
};
pub use schedule::{schedule_json, schedule_xml};

use axum::extract::{FromRef, FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use sea_orm::DatabaseConnection;
use serde::Deserialize;

use crate::db::entities::organisation;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::server::published::{Published, Rendered};

/// What every feed handler reads from its request: the database, the published answers,
/// the feed's query and the request's headers.
pub struct FeedRequest {
    db: DatabaseConnection,
    published: Published,
    query: FeedQuery,
    headers: HeaderMap,
}

impl<S> FromRequestParts<S> for FeedRequest
where
    S: Send + Sync,
    DatabaseConnection: FromRef<S>,
    Published: FromRef<S>,
{
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let Query(query) = Query::<FeedQuery>::from_request_parts(parts, state)
            .await
            .map_err(IntoResponse::into_response)?;
        Ok(Self {
            db: DatabaseConnection::from_ref(state),
            published: Published::from_ref(state),
            query,
            headers: parts.headers.clone(),
        })
    }
}

/// How a feed is sent: its media type and who may keep it.
pub(crate) struct Sending {
    content_type: &'static str,
    cache: &'static str,
}

pub(crate) const ICS: Sending = Sending {
    content_type: "text/calendar; charset=utf-8",
    cache: PUBLIC_CACHE,
};
pub(crate) const CREW_ICS: Sending = Sending {
    content_type: "text/calendar; charset=utf-8",
    cache: PRIVATE_CACHE,
};
pub(crate) const XML: Sending = Sending {
    content_type: "application/xml; charset=utf-8",
    cache: PUBLIC_CACHE,
};
pub(crate) const JSON: Sending = Sending {
    content_type: "application/json",
    cache: PUBLIC_CACHE,
};
pub(crate) const ATOM: Sending = Sending {
    content_type: "application/atom+xml; charset=utf-8",
    cache: PUBLIC_CACHE,
};

impl FeedRequest {
    /// The feed `what` of `org` (found by its address) as a published answer, its text
    /// made by `render` from the organisation, the language and the site's address.
    pub(crate) async fn publish(
        &self,
        org: &str,
        what: String,
        how: Sending,
        render: impl AsyncFnOnce(
            &DatabaseConnection,
            &organisation::Model,
            &Reading,
            &str,
        ) -> Result<String, AppError>,
    ) -> Response {
        match self.published.organisation(org).await {
            Ok(org) => self.publish_for(&org, what, how, render).await,
            Err(e) => error_response(e, self.lang()),
        }
    }

    /// [`Self::publish`] for an organisation already found.
    pub(crate) async fn publish_for(
        &self,
        org: &organisation::Model,
        what: String,
        how: Sending,
        render: impl AsyncFnOnce(
            &DatabaseConnection,
            &organisation::Model,
            &Reading,
            &str,
        ) -> Result<String, AppError>,
    ) -> Response {
        let reading = feed_reading(&self.query, org);
        let origin = crate::config::site().origin();
        let key = format!(
            "{what} {} {} {}",
            reading.ui.code(),
            reading.texts,
            self.query.per_segment()
        );
        let answer = self
            .published
            .answer(org, key, &self.headers, || async {
                let body = render(&self.db, org, &reading, origin).await?;
                Ok(Rendered::new(
                    body,
                    how.content_type,
                    reading.texts.clone(),
                    how.cache,
                ))
            })
            .await;
        answer.unwrap_or_else(|e| error_response(e, self.lang()))
    }

    /// The interface language of an error answer: `?lang=` when the interface speaks
    /// it, else the request's own (cookie, `Accept-Language`).
    pub(crate) fn lang(&self) -> Lang {
        self.query
            .lang
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_else(|| crate::server::lang::negotiate_headers(&self.headers))
    }
}

/// Query of a feed URL.
#[derive(Debug, Default, Deserialize)]
pub struct FeedQuery {
    /// Language of the texts: one the organisation offers (`sq`, `fa`, `sv`, ...); the
    /// interface's words follow it when the interface speaks it. The organisation's
    /// default otherwise.
    pub lang: Option<String>,
    /// `1`: one event per public segment instead of one for the gathering.
    pub segments: Option<String>,
    /// "My programme": the sessions chosen, by their identifiers, comma-separated.
    pub s: Option<String>,
}

impl FeedQuery {
    pub(crate) fn per_segment(&self) -> bool {
        matches!(self.segments.as_deref(), Some("1" | "true" | "yes"))
    }
}

/// The languages a feed is written in: the interface's words (its headings, "cancelled")
/// and the organisation's texts (titles, descriptions).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub ui: Lang,
    pub texts: String,
}

/// `?lang=` read for `org`: the words in that language when the interface speaks it
/// (else in the organisation's default language), the texts in it when the
/// organisation offers it.
pub(crate) fn feed_reading(query: &FeedQuery, org: &organisation::Model) -> Reading {
    let ui = query
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .or_else(|| Lang::from_code(&org.default_language))
        .unwrap_or_default();
    let texts = crate::domain::content::choose(
        query.lang.as_deref().into_iter().chain([ui.code()]),
        &org.default_language,
        &org.offered_languages(),
    );
    Reading { ui, texts }
}

/// Public feeds may be kept by any cache for five minutes, then revalidated.
pub(crate) const PUBLIC_CACHE: &str = "public, max-age=300, must-revalidate";
/// Crew feeds are for one member's calendar app only: no shared cache keeps them.
pub(crate) const PRIVATE_CACHE: &str = "private, no-cache";

/// The answer of a feed that cannot be sent, in `lang`: not found, not allowed, or not
/// made (internal details were logged where the error was made).
pub(crate) fn error_response(e: AppError, lang: Lang) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let message = match e {
        AppError::NotFound => crate::domain::say!("refusal-no-such-calendar"),
        AppError::Internal | AppError::Transport => {
            crate::domain::say!("refusal-calendar-failed")
        }
        other => return other.into_response_in(lang),
    };
    crate::server::lang::refuse(status, lang, &message)
}
