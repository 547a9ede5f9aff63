//! The list of organisations and an organisation's public home.

use leptos::prelude::*;

use super::{OrgHome, OrgListItem};
use crate::error::AppError;

/// Every organisation, for the start page.
#[server]
pub async fn list_organisations() -> Result<Vec<OrgListItem>, AppError> {
    let db = super::db()?;
    let orgs = crate::db::queries::organisations(&db).await?;
    Ok(orgs
        .into_iter()
        .map(|o| OrgListItem {
            slug: o.slug,
            name: o.name,
            description: o.public_description,
        })
        .collect())
}

/// An organisation's published gatherings, split at the present moment.
#[server]
pub async fn organisation_home(org: String, lang: String) -> Result<OrgHome, AppError> {
    use crate::db::queries;
    let db = super::db()?;
    let o = queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = queries::public_gatherings(&db, o.id).await?;
    let texts = queries::gathering_texts(&db, rows.iter().map(|(g, _)| g.id).collect()).await?;
    let (upcoming, past) = queries::split_upcoming(rows, |(g, _)| g.ends_at, chrono::Utc::now());
    let card = |(g, v): (
        crate::db::entities::gathering::Model,
        Option<crate::db::entities::venue::Model>,
    )| { ssr::card(g, v, &o.default_language, &lang, &texts) };
    Ok(OrgHome {
        slug: o.slug,
        name: o.name,
        description: o.public_description,
        upcoming: upcoming.into_iter().filter_map(card).collect(),
        past: past.into_iter().filter_map(card).collect(),
        origin: use_context::<http::request::Parts>()
            .map(|parts| crate::feeds::origin(&parts.headers))
            .unwrap_or_default(),
    })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::api::GatheringCard;
    use crate::db::entities::{gathering, gathering_text, venue};
    use crate::domain::content::localized;

    /// A list entry for a stored gathering, titled in `lang` where translated; rows with
    /// unknown codes are skipped and logged.
    pub fn card(
        g: gathering::Model,
        v: Option<venue::Model>,
        default_language: &str,
        lang: &str,
        texts: &[gathering_text::Model],
    ) -> Option<GatheringCard> {
        let (Ok(kind), Ok(status)) = (g.kind.parse(), g.status.parse()) else {
            tracing::warn!(
                gathering = g.id,
                "unknown kind or status code in the database"
            );
            return None;
        };
        let title = localized(
            lang,
            default_language,
            &g.title,
            texts
                .iter()
                .filter(|t| t.gathering_id == g.id)
                .map(|t| (t.language.as_str(), t.title.as_str())),
        );
        let (title, title_lang) = (title.text.to_owned(), title.language.to_owned());
        Some(GatheringCard {
            slug: g.slug,
            title,
            title_lang,
            kind,
            status,
            starts_local: g.starts_local,
            ends_local: g.ends_local,
            time_zone: g.time_zone,
            place: v.map(|v| {
                if v.city.is_empty() || v.name.contains(&v.city) {
                    v.name
                } else {
                    format!("{}, {}", v.name, v.city)
                }
            }),
        })
    }
}
