//! The list of organisations and an organisation's public home.

use leptos::prelude::*;

use crate::error::AppError;
use crate::responses::{OrgHome, OrgListItem};

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
pub async fn organisation_home(
    org: String,
    lang: String,
    kind: Option<String>,
    venue: Option<i32>,
    /// The page of upcoming and of past gatherings (1 when absent).
    #[server(default)]
    upcoming_page: usize,
    #[server(default)] past_page: usize,
) -> Result<OrgHome, AppError> {
    use crate::db::queries;
    let db = super::db()?;
    let o = queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let all = queries::public_gatherings(&db, o.id).await?;
    let mut kinds: Vec<crate::domain::GatheringKind> = all.iter().map(|(g, _)| g.kind).collect();
    kinds.sort_by_key(|k| {
        crate::domain::GatheringKind::ALL
            .iter()
            .position(|x| x == k)
    });
    kinds.dedup();
    let mut venues: Vec<(i32, String)> = all
        .iter()
        .filter_map(|(_, v)| v.as_ref().map(|v| (v.id, v.name.clone())))
        .collect();
    venues.sort_by(|a, b| a.1.cmp(&b.1));
    venues.dedup();
    let filter_kind: Option<crate::domain::GatheringKind> =
        kind.as_deref().and_then(|k| k.parse().ok());
    let rows: Vec<_> = all
        .into_iter()
        .filter(|(g, _)| filter_kind.is_none_or(|k| g.kind == k))
        .filter(|(g, _)| venue.is_none_or(|id| g.venue_id == Some(id)))
        .collect();
    let texts = queries::gathering_texts(&db, rows.iter().map(|(g, _)| g.id).collect()).await?;
    let (upcoming, past) = queries::split_upcoming(rows, |(g, _)| g.ends_at, chrono::Utc::now());
    if let Some(next) = upcoming.iter().map(|(g, _)| g.ends_at).min() {
        crate::responses::holds_until(next);
    }
    let card = |(g, v): (
        crate::db::entities::gathering::Model,
        Option<crate::db::entities::venue::Model>,
    )| { ssr::card(g, v, &o.default_language, &lang, &texts) };
    Ok(OrgHome {
        slug: o.slug,
        name: o.name,
        description: o.public_description,
        contact_email: o.contact_email,
        upcoming: paged(upcoming.into_iter().map(card).collect(), upcoming_page),
        past: paged(past.into_iter().map(card).collect(), past_page),
        origin: super::site_origin(),
        kinds,
        venues,
        filter_kind,
        filter_venue: venue,
    })
}

/// One page of a whole public list (nothing searched out of it).
#[cfg(feature = "ssr")]
fn paged<T>(items: Vec<T>, page: usize) -> crate::domain::listing::Listed<T> {
    let total = items.len();
    crate::domain::listing::paged(items, total, page.max(1))
}

/// A venue's public page; only venues of at least one public gathering are shown.
#[server]
pub async fn public_venue(
    org: String,
    id: i32,
    lang: String,
    #[server(default)] upcoming_page: usize,
    #[server(default)] past_page: usize,
) -> Result<crate::responses::VenuePage, AppError> {
    use crate::db::queries;
    let db = super::db()?;
    let o = queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let rows: Vec<_> = queries::public_gatherings(&db, o.id)
        .await?
        .into_iter()
        .filter(|(g, _)| g.venue_id == Some(id))
        .collect();
    let v = rows
        .iter()
        .find_map(|(_, v)| v.clone())
        .ok_or(AppError::NotFound)?;
    let texts = queries::gathering_texts(&db, rows.iter().map(|(g, _)| g.id).collect()).await?;
    let (upcoming, past) = queries::split_upcoming(rows, |(g, _)| g.ends_at, chrono::Utc::now());
    if let Some(next) = upcoming.iter().map(|(g, _)| g.ends_at).min() {
        crate::responses::holds_until(next);
    }
    let card = |(g, v): (
        crate::db::entities::gathering::Model,
        Option<crate::db::entities::venue::Model>,
    )| { ssr::card(g, v, &o.default_language, &lang, &texts) };
    Ok(crate::responses::VenuePage {
        org_slug: o.slug.clone(),
        org_name: o.name.clone(),
        id: v.id,
        venue: crate::responses::gathering::venue_view(&v),
        time_zone: v.time_zone.clone(),
        upcoming: paged(upcoming.into_iter().map(card).collect(), upcoming_page),
        past: paged(past.into_iter().map(card).collect(), past_page),
        origin: super::site_origin(),
    })
}

/// A person's public page: only people listed publicly, with public appearances.
#[server]
pub async fn public_person(
    org: String,
    id: i32,
    lang: String,
    #[server(default)] page: usize,
) -> Result<crate::responses::PersonPage, AppError> {
    use crate::db::queries;
    let db = super::db()?;
    let o = queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let person = queries::person(&db, o.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !person.listed_publicly {
        return Err(AppError::NotFound);
    }
    let mut appearances = Vec::new();
    let gatherings = queries::public_gatherings_with_person(&db, o.id, id).await?;
    for bundle in queries::gathering_bundles(&db, gatherings).await? {
        let Ok(page) = crate::responses::gathering::public_view(&o, &bundle, &lang) else {
            continue;
        };
        for s in &page.agenda {
            for a in s.appearances.iter().filter(|a| a.person_id == Some(id)) {
                appearances.push(crate::responses::PersonAppearance {
                    gathering_slug: page.slug.clone(),
                    gathering_title: page.title.clone(),
                    title_lang: page.title_lang.clone(),
                    time_zone: page.time_zone.clone(),
                    segment_title: s.title.clone(),
                    start_local: s.start_local,
                    end_local: s.end_local,
                    role: a.role,
                    mode: a.mode,
                    session_uid: Some(s.uid.clone()),
                });
            }
        }
    }
    if appearances.is_empty() {
        return Err(AppError::NotFound);
    }
    appearances.sort_by_key(|a| std::cmp::Reverse(a.start_local));
    Ok(crate::responses::PersonPage {
        org_slug: o.slug,
        org_name: o.name,
        id,
        name: person.name,
        bio: person.public_bio,
        appearances: paged(appearances, page),
        origin: super::site_origin(),
    })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::db::entities::{gathering, gathering_text, venue};
    use crate::domain::content::localized;
    use crate::responses::GatheringCard;

    /// A list entry for a stored gathering, titled in `lang` where translated.
    pub fn card(
        g: gathering::Model,
        v: Option<venue::Model>,
        default_language: &str,
        lang: &str,
        texts: &[gathering_text::Model],
    ) -> GatheringCard {
        let (kind, status) = (g.kind, g.status);
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
        GatheringCard {
            slug: g.slug,
            title,
            title_lang,
            kind,
            status,
            starts_local: g.starts_local,
            ends_local: g.ends_local,
            time_zone: g.time_zone,
            venue_id: v.as_ref().map(|v| v.id),
            place: v.map(|v| {
                if v.city.is_empty() || v.name.contains(&v.city) {
                    v.name
                } else {
                    format!("{}, {}", v.name, v.city)
                }
            }),
        }
    }
}
