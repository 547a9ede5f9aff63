//! The monthly digest: what an organisation published in a month, numbered like its
//! newsletter. Public once published; organisers and owners preview and write it.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// A gathering as the digest lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestGathering {
    pub slug: String,
    pub title: String,
    pub title_lang: String,
    pub starts_local: NaiveDateTime,
    pub time_zone: String,
    pub place: Option<String>,
    pub status: crate::domain::GatheringStatus,
    pub actual_attendance: Option<i32>,
}

/// A statement read at a gathering of the month, or a statement or letter the
/// organisation issued on its own, dated in the month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestStatement {
    pub title: String,
    pub title_lang: String,
    pub signature_count: u32,
    /// Its page (a gathering's statement: the gathering's page).
    pub href: String,
    /// Where it was read: `(the gathering's address, title)`; none for one issued alone.
    pub read_at: Option<(String, String)>,
}

/// A film screened, with where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestFilm {
    pub title: String,
    pub director: String,
    pub year: Option<i32>,
    pub gathering_slug: String,
    pub gathering_title: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestPage {
    pub org_slug: String,
    pub org_name: String,
    /// `YYYY-MM`.
    pub month: String,
    pub first_day: NaiveDate,
    pub number: i32,
    pub editorial_note: String,
    pub published: bool,
    /// The month's gatherings that have taken place, with attendance.
    pub held: Vec<DigestGathering>,
    /// The month's gatherings still to come, and the next month's.
    pub upcoming: Vec<DigestGathering>,
    pub statements: Vec<DigestStatement>,
    pub films: Vec<DigestFilm>,
    /// The months of the issues before and after: published ones on the public page,
    /// the calendar's neighbours in the editor.
    pub previous: Option<String>,
    pub next: Option<String>,
    pub origin: String,
}

/// A published digest (anyone).
#[server]
pub async fn public_digest(
    org: String,
    month: String,
    lang: String,
) -> Result<DigestPage, AppError> {
    let db = super::db()?;
    let o = crate::db::queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = ssr::digest(&db, &o, &month, &lang, true).await?;
    if !page.published {
        return Err(AppError::NotFound);
    }
    Ok(page)
}

/// Any month's digest, published or not, to write (organisers and owners).
#[server]
pub async fn load_digest_editor(
    org: String,
    month: String,
    lang: String,
) -> Result<DigestPage, AppError> {
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::Plan).await?;
    ssr::digest(&db, &o, &month, &lang, false).await
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sea_orm::DatabaseConnection;

    use super::*;
    use crate::db::entities::organisation;
    use crate::domain::digest::Month;
    use crate::domain::{GatheringStatus, SegmentKind};

    fn listed(p: &crate::responses::GatheringPage, actual: Option<i32>) -> DigestGathering {
        DigestGathering {
            slug: p.slug.clone(),
            title: p.title.clone(),
            title_lang: p.title_lang.clone(),
            starts_local: p.starts_local,
            time_zone: p.time_zone.clone(),
            place: p.venue.as_ref().map(|v| {
                if v.city.is_empty() || v.name.contains(&v.city) {
                    v.name.clone()
                } else {
                    format!("{}, {}", v.name, v.city)
                }
            }),
            status: p.status,
            actual_attendance: actual,
        }
    }

    /// The digest of `month` (`YYYY-MM`) in `lang`; `public` links only the published
    /// issues around it.
    pub async fn digest(
        db: &DatabaseConnection,
        o: &organisation::Model,
        month: &str,
        lang: &str,
        public: bool,
    ) -> Result<DigestPage, AppError> {
        let month = Month::parse(month).map_err(|_| AppError::NotFound)?;
        let stored = crate::db::digest::of_month(db, o.id, month).await?;
        let number = crate::db::digest::number(db, o.id, month).await?;
        // A published issue is the month as it stood when it was published.
        let fixed = stored
            .as_ref()
            .filter(|d| d.published)
            .and_then(|d| d.published_at);
        let now = fixed.unwrap_or_else(chrono::Utc::now);
        let rows: Vec<_> = crate::db::queries::public_gatherings(db, o.id)
            .await?
            .into_iter()
            .filter(|(g, _)| {
                let day = g.starts_local.date();
                month.contains(day) || month.next().contains(day)
            })
            .collect();
        if fixed.is_none()
            && let Some(next) = rows
                .iter()
                .map(|(g, _)| g.ends_at)
                .filter(|t| *t > now)
                .min()
        {
            crate::responses::holds_until(next);
        }
        let bundles = crate::db::queries::gathering_bundles(db, rows).await?;
        let (mut held, mut upcoming, mut statements, mut films) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for b in &bundles {
            let g = &b.gathering;
            let page = crate::responses::gathering::public_view(o, b, lang)?;
            let this_month = month.contains(g.starts_local.date());
            let over = g.ends_at <= now && page.status != GatheringStatus::Cancelled;
            if this_month && over {
                held.push(listed(&page, g.actual_attendance));
                for s in &page.statements {
                    statements.push(DigestStatement {
                        title: s.title.clone(),
                        title_lang: s.language.clone(),
                        signature_count: s.signature_count,
                        href: format!("/o/{}/{}#statement", o.slug, g.slug),
                        read_at: Some((g.slug.clone(), page.title.clone())),
                    });
                }
                for seg in page
                    .agenda
                    .iter()
                    .filter(|s| s.kind == SegmentKind::Screening)
                {
                    if let Some(f) = &seg.film
                        && !films
                            .iter()
                            .any(|x: &DigestFilm| x.title == f.title && x.gathering_slug == g.slug)
                    {
                        films.push(DigestFilm {
                            title: f.title.clone(),
                            director: f.director.clone(),
                            year: f.year,
                            gathering_slug: g.slug.clone(),
                            gathering_title: page.title.clone(),
                        });
                    }
                }
            } else if !over && page.status != GatheringStatus::Cancelled {
                upcoming.push(listed(&page, None));
            }
        }
        // Statements and letters issued on their own, dated in the month, as published
        // when the issue was.
        let issued = crate::db::issued::list(db, o.id, false).await?;
        let issued: Vec<_> = issued
            .into_iter()
            .filter(|s| month.contains(s.issued_on))
            .filter(|s| s.published_at.is_some_and(|at| at <= now))
            .collect();
        let issued_texts =
            crate::db::issued::texts(db, issued.iter().map(|s| s.id).collect()).await?;
        for s in issued.iter().rev() {
            let card = crate::responses::issued::ssr::card(s, &issued_texts, lang);
            statements.push(DigestStatement {
                title: card.title,
                title_lang: card.language,
                signature_count: card.signature_count,
                href: format!("/o/{}/statements/{}", o.slug, s.slug),
                read_at: None,
            });
        }
        let (previous, next) = if public {
            let issues = crate::db::digest::published(db, o.id).await?;
            let key = month.key();
            (
                issues
                    .iter()
                    .find(|d| d.month < key)
                    .map(|d| d.month.clone()),
                issues
                    .iter()
                    .rev()
                    .find(|d| d.month > key)
                    .map(|d| d.month.clone()),
            )
        } else {
            (Some(month.previous().key()), Some(month.next().key()))
        };
        Ok(DigestPage {
            org_slug: o.slug.clone(),
            org_name: o.name.clone(),
            month: month.key(),
            first_day: month.first_day(),
            number,
            editorial_note: stored
                .as_ref()
                .map(|d| d.editorial_note.clone())
                .unwrap_or_default(),
            published: stored.as_ref().is_some_and(|d| d.published),
            held,
            upcoming,
            statements,
            films,
            previous,
            next,
            origin: crate::api::site_origin(),
        })
    }
}

/// An organisation's published digests, newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestIndex {
    pub org_slug: String,
    pub org_name: String,
    /// `(month, its first day, number)`.
    pub issues: Vec<(String, NaiveDate, i32)>,
}

/// The list of an organisation's published digests (anyone).
#[server]
pub async fn public_digests(org: String) -> Result<DigestIndex, AppError> {
    use crate::domain::digest::Month;
    let db = super::db()?;
    let o = crate::db::queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let issues = crate::db::digest::published(&db, o.id)
        .await?
        .into_iter()
        .filter_map(|d| {
            let first = Month::parse(&d.month).ok()?.first_day();
            Some((d.month, first, d.number))
        })
        .collect();
    Ok(DigestIndex {
        org_slug: o.slug,
        org_name: o.name,
        issues,
    })
}
