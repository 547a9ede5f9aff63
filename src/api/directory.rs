//! The organisation's directory for members: venues, people and films, internal fields
//! included.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::MemberRole;
use crate::domain::listing::{ListQuery, Listed};
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub org_slug: String,
    pub org_name: String,
    pub role: MemberRole,
    /// The search and order asked for (the same for the three lists).
    pub query: ListQuery,
    pub venues: Listed<DirectoryEntry>,
    pub people: Listed<DirectoryEntry>,
    pub films: Listed<DirectoryEntry>,
    /// Archived venues, people and films: out of the lists and pickers, kept in history.
    pub archived: Vec<ArchivedEntry>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArchivedEntry {
    /// `venue`, `person` or `film`.
    pub kind: String,
    pub id: i32,
    pub name: String,
}

/// One line of a directory list: a name, public facts, and internal notes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryEntry {
    pub id: i32,
    pub name: String,
    pub facts: Vec<String>,
    pub internal: String,
    pub listed: bool,
}

/// The directory of an organisation: each list searched by `q` (every word, in any
/// field, ignoring case and accents), sorted by `sort` (`name`, `name-desc`, `recent`),
/// at its own page.
#[server]
pub async fn load_directory(
    org: String,
    #[server(default)] q: String,
    #[server(default)] sort: String,
    #[server(default)] venue_page: String,
    #[server(default)] person_page: String,
    #[server(default)] film_page: String,
) -> Result<Directory, AppError> {
    use crate::db::queries;
    use crate::domain::listing::list;
    let query = ListQuery::parse(&q, &sort, "1");
    let at = |page: &str| ListQuery {
        page: ListQuery::parse("", "", page).page,
        ..query.clone()
    };
    let listed = |items: Vec<(DirectoryEntry, chrono::DateTime<chrono::Utc>)>, page: &str| {
        let l = list(items, &at(page), ssr::entry_keys);
        Listed {
            items: l.items.into_iter().map(|(e, _)| e).collect(),
            page: l.page,
            pages: l.pages,
            matched: l.matched,
            total: l.total,
        }
    };
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, role) = super::workspace::ssr::member(&db, &org, Permission::ReadInternal).await?;
    let venues = queries::venues(&db, o.id)
        .await?
        .into_iter()
        .map(|v| {
            let changed = v.updated_at;
            (
                DirectoryEntry {
                    id: v.id,
                    name: v.name,
                    facts: [v.city, v.country, v.time_zone, v.setting.to_string()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect(),
                    internal: v.access_notes,
                    listed: true,
                },
                changed,
            )
        })
        .collect();
    let people = queries::people(&db, o.id)
        .await?
        .into_iter()
        .map(|p| {
            let changed = p.updated_at;
            (
                DirectoryEntry {
                    id: p.id,
                    name: p.name,
                    facts: [p.languages, p.home_time_zone.unwrap_or_default()]
                        .into_iter()
                        .filter(|s| !s.is_empty())
                        .collect(),
                    internal: p.contact,
                    listed: p.listed_publicly,
                },
                changed,
            )
        })
        .collect();
    let films = queries::films(&db, o.id)
        .await?
        .into_iter()
        .map(|f| {
            let changed = f.updated_at;
            (
                DirectoryEntry {
                    id: f.id,
                    name: f.title,
                    facts: [
                        format!("{} min", f.runtime_minutes),
                        f.director,
                        f.audio_language,
                        f.subtitle_languages,
                    ]
                    .into_iter()
                    .filter(|s| !s.is_empty())
                    .collect(),
                    internal: f.rights_notes,
                    listed: true,
                },
                changed,
            )
        })
        .collect();
    let archived = queries::archived(&db, o.id)
        .await?
        .into_iter()
        .map(|(kind, id, name)| ArchivedEntry {
            kind: kind.into(),
            id,
            name,
        })
        .collect();
    Ok(Directory {
        org_slug: o.slug,
        org_name: o.name,
        role,
        venues: listed(venues, &venue_page),
        people: listed(people, &person_page),
        films: listed(films, &film_page),
        query,
        archived,
    })
}

/// One venue, person or film, as its edit page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DirectoryItem {
    pub org_slug: String,
    pub org_name: String,
    pub role: MemberRole,
    /// `venue`, `person` or `film`.
    pub kind: String,
    pub id: i32,
    pub name: String,
    pub archived: bool,
    /// The last change, which a save must name (see `db::directory::stamp`).
    pub stamp: String,
    /// The form's fields as stored.
    pub values: std::collections::HashMap<String, String>,
    /// Gatherings that use it: `(title, slug, deleted)`; a deleted one waits in
    /// "Recently deleted".
    pub uses: Vec<(String, String, bool)>,
    /// A venue's rooms, in order.
    #[serde(default)]
    pub rooms: Vec<RoomEdit>,
}

/// A room of a venue, as stored, for its form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RoomEdit {
    pub id: i32,
    pub name: String,
    pub capacity: String,
    pub accessibility: String,
    pub directions: String,
}

/// A venue, person or film to edit (organisers and owners).
#[server]
pub async fn load_directory_item(
    org: String,
    kind: String,
    id: i32,
) -> Result<DirectoryItem, AppError> {
    use crate::db::directory::{self, Kind, stamp};
    use crate::db::entities::{film, person, venue};
    use crate::domain::access::Permission;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let db = super::db()?;
    let (o, role) = super::workspace::ssr::member(&db, &org, Permission::Plan).await?;
    let kind = Kind::parse(&kind).ok_or(AppError::NotFound)?;
    let text = |pairs: &[(&str, String)]| {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.clone()))
            .collect::<std::collections::HashMap<_, _>>()
    };
    let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    let (name, archived, updated, values) = match kind {
        Kind::Venue => {
            let v = venue::Entity::find_by_id(id)
                .filter(venue::Column::OrganisationId.eq(o.id))
                .one(&db)
                .await?
                .ok_or(AppError::NotFound)?;
            let values = text(&[
                ("name", v.name.clone()),
                ("address", v.address),
                ("city", v.city),
                ("country", v.country),
                ("time_zone", v.time_zone),
                ("latitude", number(v.latitude)),
                ("longitude", number(v.longitude)),
                (
                    "capacity",
                    v.capacity.map(|c| c.to_string()).unwrap_or_default(),
                ),
                ("setting", v.setting.to_string()),
                ("public_directions", v.public_directions),
                ("access_notes", v.access_notes),
            ]);
            (v.name, v.archived, v.updated_at, values)
        }
        Kind::Person => {
            let p = person::Entity::find_by_id(id)
                .filter(person::Column::OrganisationId.eq(o.id))
                .one(&db)
                .await?
                .ok_or(AppError::NotFound)?;
            let mut values = text(&[
                ("name", p.name.clone()),
                ("public_bio", p.public_bio),
                ("languages", p.languages.replace(',', ", ")),
                ("home_time_zone", p.home_time_zone.unwrap_or_default()),
                ("contact", p.contact),
            ]);
            if p.listed_publicly {
                values.insert("listed_publicly".into(), "on".into());
            }
            (p.name, p.archived, p.updated_at, values)
        }
        Kind::Film => {
            let f = film::Entity::find_by_id(id)
                .filter(film::Column::OrganisationId.eq(o.id))
                .one(&db)
                .await?
                .ok_or(AppError::NotFound)?;
            let values = text(&[
                ("title", f.title.clone()),
                ("director", f.director),
                ("producer", f.producer),
                ("year", f.year.map(|y| y.to_string()).unwrap_or_default()),
                ("runtime", f.runtime_minutes.to_string()),
                ("audio_language", f.audio_language),
                (
                    "subtitle_languages",
                    f.subtitle_languages.replace(',', ", "),
                ),
                ("trailer_url", f.trailer_url),
                ("rights_notes", f.rights_notes),
            ]);
            (f.title, f.archived, f.updated_at, values)
        }
    };
    let uses = directory::uses(&db, o.id, kind, id).await?;
    let rooms = if kind == Kind::Venue {
        crate::db::rooms::rooms(&db, id)
            .await?
            .into_iter()
            .map(|r| RoomEdit {
                id: r.id,
                name: r.name,
                capacity: r.capacity.map(|c| c.to_string()).unwrap_or_default(),
                accessibility: r.accessibility,
                directions: r.directions,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(DirectoryItem {
        org_slug: o.slug,
        org_name: o.name,
        role,
        kind: kind.as_str().into(),
        id,
        name,
        archived,
        stamp: stamp(updated),
        values,
        uses,
        rooms,
    })
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::DirectoryEntry;
    use crate::domain::listing::Keys;

    /// What a directory search looks in: the name, the facts shown and the internal notes.
    pub fn entry_keys(item: &(DirectoryEntry, chrono::DateTime<chrono::Utc>)) -> Keys<'_> {
        let (e, changed) = item;
        Keys {
            id: e.id.into(),
            name: &e.name,
            changed: *changed,
            fields: std::iter::once(e.name.as_str())
                .chain(e.facts.iter().map(String::as_str))
                .chain([e.internal.as_str()])
                .collect(),
        }
    }
}
