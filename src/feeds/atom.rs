//! The Atom feeds: an organisation's public gatherings, latest change first, and its
//! published monthly digests.

use axum::extract::Path;
use axum::response::Response;
use sea_orm::DatabaseConnection;

use super::{ATOM, FeedRequest, Reading};
use crate::db::entities::organisation;
use crate::db::queries;
use crate::domain::atom::{AtomEntry, AtomFeed, render};
use crate::error::AppError;
use crate::responses::gathering::public_view;

/// How many gatherings the Atom feed carries, latest change first.
const ATOM_ENTRIES: usize = 50;

/// `GET /o/{org}/feed.atom`: the organisation's public gatherings as an Atom feed, the
/// latest published or changed first, for feed readers and sites that embed the
/// calendar. Each entry is one gathering; its id stays while it changes.
pub async fn organisation_atom(feed: FeedRequest, Path(org): Path<String>) -> Response {
    feed.publish(&org, "atom".into(), ATOM, organisation_atom_text)
        .await
}

/// The Atom text of an organisation's public gatherings.
async fn organisation_atom_text(
    db: &DatabaseConnection,
    org: &organisation::Model,
    reading: &Reading,
    origin: &str,
) -> Result<String, AppError> {
    let lang = reading.ui;
    let mut rows = queries::public_gatherings(db, org.id).await?;
    rows.sort_by(|a, b| {
        b.0.updated_at
            .cmp(&a.0.updated_at)
            .then(b.0.id.cmp(&a.0.id))
    });
    rows.truncate(ATOM_ENTRIES);
    let bundles = queries::gathering_bundles(db, rows).await?;
    let home = format!("{origin}/o/{}", org.slug);
    let mut entries = Vec::new();
    for b in &bundles {
        let g = &b.gathering;
        let page = public_view(org, b, &reading.texts)?;
        let when = format!(
            "{}{}{}–{} ({})",
            lang.format_date(page.starts_local.date()),
            lang.comma(),
            lang.format_time(page.starts_local),
            lang.format_time(page.ends_local),
            page.time_zone
        );
        let place = page
            .venue
            .as_ref()
            .map(|v| {
                let line = v.address_line();
                if line.is_empty() {
                    v.name.clone()
                } else {
                    format!("{}, {line}", v.name)
                }
            })
            .unwrap_or_default();
        let status = match page.status {
            crate::domain::GatheringStatus::Published => String::new(),
            other => format!("{} ", lang.t(&format!("status-{}", other.as_str()))),
        };
        let summary = [format!("{status}{when}"), place]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        // Each release of its programme, announced with what changed since the last.
        let mut before: Vec<crate::domain::release::Session> = Vec::new();
        for r in &b.releases {
            let now = crate::db::releases::snapshot(r);
            let changes = crate::domain::release::changes(&before, &now);
            let count = |kind: &str| {
                changes
                    .iter()
                    .filter(|c| {
                        matches!(
                            (kind, c),
                            ("moved", crate::domain::release::Change::Moved { .. })
                                | ("added", crate::domain::release::Change::Added(_))
                                | ("cancelled", crate::domain::release::Change::Cancelled(_))
                        )
                    })
                    .count()
            };
            let since = (r.number - 1).max(1);
            entries.push(AtomEntry {
                id: format!("urn:convene:release:{}:{}", g.uid, r.number),
                title: lang.t_with(
                    "atom-release-title",
                    &[
                        ("gathering", page.title.clone().into()),
                        ("number", r.number.into()),
                    ],
                ),
                updated: r.released_at,
                published: Some(r.released_at),
                summary: Some(lang.t_with(
                    "atom-release-summary",
                    &[
                        ("moved", count("moved").into()),
                        ("added", count("added").into()),
                        ("cancelled", count("cancelled").into()),
                    ],
                )),
                content: r.note.clone(),
                link: format!("{home}/{}/programme/changes?since={since}", g.slug),
            });
            before = now;
        }
        entries.push(AtomEntry {
            id: format!("urn:convene:gathering:{}", g.uid),
            title: page.title.clone(),
            updated: b.changed_at(),
            published: Some(g.created_at),
            summary: Some(summary),
            content: page.description.clone(),
            link: format!("{home}/{}", g.slug),
        });
    }
    // Statements and letters the organisation issued on its own, beside its gatherings.
    let mut issued = crate::db::issued::list(db, org.id, false).await?;
    issued.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(b.id.cmp(&a.id)));
    issued.truncate(ATOM_ENTRIES);
    let issued_texts = crate::db::issued::texts(db, issued.iter().map(|s| s.id).collect()).await?;
    for s in &issued {
        let (title, body, _) =
            crate::responses::issued::ssr::texts_of(s, &issued_texts, &reading.texts);
        let kind = lang.t(&format!("issued-kind-{}", s.kind.as_str()));
        let summary = [lang.format_date(s.issued_on), s.addressee.clone()]
            .into_iter()
            .filter(|x| !x.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        entries.push(AtomEntry {
            id: format!("{home}/statements/{}", s.slug),
            title: format!("{kind}: {title}"),
            updated: s.updated_at,
            published: s.published_at,
            summary: Some(summary),
            content: body.to_owned(),
            link: format!("{home}/statements/{}", s.slug),
        });
    }
    entries.sort_by_key(|e| std::cmp::Reverse(e.updated));
    entries.truncate(ATOM_ENTRIES);
    Ok(render(&AtomFeed {
        id: format!("{home}/feed.atom"),
        title: org.name.clone(),
        subtitle: Some(org.public_description.clone()).filter(|d| !d.is_empty()),
        home: Some(home),
        language: reading.texts.clone(),
        empty_updated: org.created_at,
        entries,
    }))
}

/// `GET /o/{org}/digest.atom`: the published digests, latest month first.
pub async fn digest_atom(feed: FeedRequest, Path(org): Path<String>) -> Response {
    feed.publish(&org, "digests".into(), ATOM, digest_atom_text)
        .await
}

/// The Atom text of an organisation's published digests.
async fn digest_atom_text(
    db: &DatabaseConnection,
    org: &organisation::Model,
    reading: &Reading,
    origin: &str,
) -> Result<String, AppError> {
    let lang = reading.ui;
    let digests = crate::db::digest::published(db, org.id).await?;
    let home = format!("{origin}/o/{}", org.slug);
    let entries = digests
        .iter()
        .filter_map(|d| {
            let month = crate::domain::digest::Month::parse(&d.month).ok()?;
            let title = lang.digits(&lang.t_with(
                "digest-heading",
                &[
                    ("number", d.number.into()),
                    ("month", lang.format_month(month.first_day()).into()),
                ],
            ));
            Some(AtomEntry {
                id: format!("{home}/digest/{}", d.month),
                title,
                updated: d.updated_at,
                published: None,
                summary: None,
                content: d.editorial_note.clone(),
                link: format!("{home}/digest/{}", d.month),
            })
        })
        .collect();
    Ok(render(&AtomFeed {
        id: format!("{home}/digest.atom"),
        title: format!("{} · {}", org.name, lang.t("digest-title")),
        subtitle: None,
        home: None,
        language: lang.code().to_owned(),
        empty_updated: org.created_at,
        entries,
    }))
}
