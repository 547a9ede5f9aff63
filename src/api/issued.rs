//! Statements and open letters an organisation issues on its own: the public list and
//! page, and the organisers' list and editor.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::content::ContentLanguage;
use crate::error::AppError;
use crate::responses::issued::{IssuedCard, IssuedPage};

/// An organisation's issued texts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedList {
    pub org_slug: String,
    pub org_name: String,
    pub items: Vec<IssuedCard>,
}

/// An issued text as its editor shows it: the stored fields as typed, and its
/// translations by content language.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IssuedEditor {
    pub org_slug: String,
    pub org_name: String,
    pub id: i32,
    pub slug: String,
    pub kind: String,
    pub title: String,
    pub issued_on: String,
    pub addressee: String,
    pub language: String,
    pub body: String,
    pub signatories: String,
    pub signature_count: String,
    pub published: bool,
    /// `(language, title, text)` for every content language but its own.
    pub translations: Vec<(ContentLanguage, String, String)>,
    /// The gatherings where it is read: `(slug, title)`.
    pub read_at: Vec<(String, String)>,
}

/// The published statements and letters of an organisation, latest first (anyone).
#[server]
pub async fn public_issued_list(org: String, lang: String) -> Result<IssuedList, AppError> {
    let db = super::db()?;
    let o = crate::db::queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    ssr::list(&db, &o, &lang, false).await
}

/// A published statement or letter (anyone).
#[server]
pub async fn public_issued(
    org: String,
    slug: String,
    lang: String,
) -> Result<IssuedPage, AppError> {
    let db = super::db()?;
    let o = crate::db::queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let bundle = crate::db::issued::by_slug(&db, o.id, &slug)
        .await?
        .filter(|b| b.issued.published)
        .ok_or(AppError::NotFound)?;
    let mut page = crate::responses::issued::ssr::page(&o, &bundle, &lang);
    page.read_at = ssr::read_at(&db, &o, bundle.issued.id, &lang).await?;
    page.origin = super::site_origin();
    Ok(page)
}

/// Every statement and letter, drafts too (organisers and owners).
#[server]
pub async fn load_issued_list(org: String, lang: String) -> Result<IssuedList, AppError> {
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::Plan).await?;
    ssr::list(&db, &o, &lang, true).await
}

/// One statement or letter to change (organisers and owners).
#[server]
pub async fn load_issued_editor(org: String, id: i32) -> Result<IssuedEditor, AppError> {
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::Plan).await?;
    let s = crate::db::issued::by_id(&db, o.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let texts = crate::db::issued::texts(&db, vec![s.id]).await?;
    let translations = o
        .offered_languages()
        .into_iter()
        .chain(
            // Its own language is not offered for translation; the organisation's
            // default language is, when the text is written in another.
            (s.language != o.default_language).then(|| ContentLanguage {
                tag: o.default_language.clone(),
                name: String::new(),
            }),
        )
        .filter(|l| l.tag != s.language)
        .map(|l| {
            let t = texts.iter().find(|t| t.language == l.tag);
            let (title, body) =
                t.map_or_else(Default::default, |t| (t.title.clone(), t.body.clone()));
            (l, title, body)
        })
        .collect();
    let read_at = ssr::segments_reading(&db, &o, s.id)
        .await?
        .into_iter()
        .map(|g| (g.slug, g.title))
        .collect();
    Ok(IssuedEditor {
        org_slug: o.slug,
        org_name: o.name,
        id: s.id,
        slug: s.slug,
        kind: s.kind.as_str().to_owned(),
        title: s.title,
        issued_on: s.issued_on.format("%Y-%m-%d").to_string(),
        addressee: s.addressee,
        language: s.language,
        body: s.body,
        signatories: s.signatories,
        signature_count: s.signature_count.to_string(),
        published: s.published,
        translations,
        read_at,
    })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter};

    use super::*;
    use crate::db::entities::{gathering, organisation, segment};

    pub async fn list(
        db: &DatabaseConnection,
        o: &organisation::Model,
        lang: &str,
        drafts: bool,
    ) -> Result<IssuedList, AppError> {
        let rows = crate::db::issued::list(db, o.id, drafts).await?;
        let texts = crate::db::issued::texts(db, rows.iter().map(|s| s.id).collect()).await?;
        Ok(IssuedList {
            org_slug: o.slug.clone(),
            org_name: o.name.clone(),
            items: rows
                .iter()
                .map(|s| crate::responses::issued::ssr::card(s, &texts, lang))
                .collect(),
        })
    }

    /// The organisation's gatherings (not deleted) with a segment that reads issued
    /// text `id`, earliest first.
    pub async fn segments_reading(
        db: &DatabaseConnection,
        o: &organisation::Model,
        id: i32,
    ) -> Result<Vec<gathering::Model>, AppError> {
        let ids: Vec<i32> = segment::Entity::find()
            .filter(segment::Column::IssuedStatementId.eq(id))
            .all(db)
            .await?
            .into_iter()
            .map(|s| s.gathering_id)
            .collect();
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let mut found = gathering::Entity::find()
            .filter(gathering::Column::OrganisationId.eq(o.id))
            .filter(gathering::Column::Id.is_in(ids))
            .filter(gathering::Column::DeletedAt.is_null())
            .all(db)
            .await?;
        found.sort_by_key(|g| g.starts_at);
        Ok(found)
    }

    /// The public gatherings where issued text `id` is read, in the reader's language.
    pub async fn read_at(
        db: &DatabaseConnection,
        o: &organisation::Model,
        id: i32,
        lang: &str,
    ) -> Result<Vec<(String, String, chrono::NaiveDateTime)>, AppError> {
        let found: Vec<gathering::Model> = segments_reading(db, o, id)
            .await?
            .into_iter()
            .filter(|g| g.status.is_public())
            .collect();
        let texts =
            crate::db::queries::gathering_texts(db, found.iter().map(|g| g.id).collect()).await?;
        Ok(found
            .into_iter()
            .map(|g| {
                let title = crate::domain::content::localized(
                    lang,
                    &o.default_language,
                    &g.title,
                    texts
                        .iter()
                        .filter(|t| t.gathering_id == g.id)
                        .map(|t| (t.language.as_str(), t.title.as_str())),
                )
                .text
                .to_owned();
                (g.slug, title, g.starts_local)
            })
            .collect())
    }
}
