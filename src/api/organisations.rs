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
pub async fn organisation_home(org: String) -> Result<OrgHome, AppError> {
    use crate::db::queries;
    let db = super::db()?;
    let o = queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows = queries::public_gatherings(&db, o.id).await?;
    let (upcoming, past) = queries::split_upcoming(rows, |(g, _)| g.ends_at, chrono::Utc::now());
    let card = |(g, v): (
        crate::db::entities::gathering::Model,
        Option<crate::db::entities::venue::Model>,
    )| { ssr::card(g, v) };
    Ok(OrgHome {
        slug: o.slug,
        name: o.name,
        description: o.public_description,
        upcoming: upcoming.into_iter().filter_map(card).collect(),
        past: past.into_iter().filter_map(card).collect(),
    })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::api::GatheringCard;
    use crate::db::entities::{gathering, venue};

    /// A list entry for a stored gathering; rows with unknown codes are skipped and logged.
    pub fn card(g: gathering::Model, v: Option<venue::Model>) -> Option<GatheringCard> {
        let (Ok(kind), Ok(status)) = (g.kind.parse(), g.status.parse()) else {
            tracing::warn!(
                gathering = g.id,
                "unknown kind or status code in the database"
            );
            return None;
        };
        Some(GatheringCard {
            slug: g.slug,
            title: g.title,
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
