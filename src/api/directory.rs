//! The organisation's directory for members: venues, people and films, internal fields
//! included.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::MemberRole;
use crate::error::AppError;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub org_slug: String,
    pub org_name: String,
    pub role: MemberRole,
    pub venues: Vec<DirectoryEntry>,
    pub people: Vec<DirectoryEntry>,
    pub films: Vec<DirectoryEntry>,
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

#[server]
pub async fn load_directory(org: String) -> Result<Directory, AppError> {
    use crate::db::queries;
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, role) = super::workspace::ssr::member(&db, &org, Permission::ReadInternal).await?;
    let venues = queries::venues(&db, o.id)
        .await?
        .into_iter()
        .map(|v| DirectoryEntry {
            id: v.id,
            name: v.name,
            facts: [v.city, v.country, v.time_zone, v.setting]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
            internal: v.access_notes,
            listed: true,
        })
        .collect();
    let people = queries::people(&db, o.id)
        .await?
        .into_iter()
        .map(|p| DirectoryEntry {
            id: p.id,
            name: p.name,
            facts: [p.languages, p.home_time_zone.unwrap_or_default()]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect(),
            internal: p.contact,
            listed: p.listed_publicly,
        })
        .collect();
    let films = queries::films(&db, o.id)
        .await?
        .into_iter()
        .map(|f| DirectoryEntry {
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
        })
        .collect();
    Ok(Directory {
        org_slug: o.slug,
        org_name: o.name,
        role,
        venues,
        people,
        films,
    })
}
