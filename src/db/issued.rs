//! Statements and open letters an organisation issues on its own: written, translated,
//! published, deleted, and read at a gathering (a segment points at one).

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::entities::{issued_statement, issued_statement_text, segment};
use crate::domain::issued::IssuedForm;
use crate::domain::{Slug, ValidationError, say};
use crate::error::AppError;

/// An issued text with its translations.
#[derive(Debug, Clone)]
pub struct IssuedBundle {
    pub issued: issued_statement::Model,
    pub texts: Vec<issued_statement_text::Model>,
}

/// The organisation's issued texts, latest date first; only published ones unless
/// `drafts`.
pub async fn list(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    drafts: bool,
) -> Result<Vec<issued_statement::Model>, AppError> {
    let mut q = issued_statement::Entity::find()
        .filter(issued_statement::Column::OrganisationId.eq(organisation_id));
    if !drafts {
        q = q.filter(issued_statement::Column::Published.eq(true));
    }
    Ok(q.order_by_desc(issued_statement::Column::IssuedOn)
        .order_by_desc(issued_statement::Column::Id)
        .all(db)
        .await?)
}

/// The translations of these issued texts.
pub async fn texts(
    db: &impl ConnectionTrait,
    ids: Vec<i32>,
) -> Result<Vec<issued_statement_text::Model>, AppError> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    Ok(issued_statement_text::Entity::find()
        .filter(issued_statement_text::Column::IssuedStatementId.is_in(ids))
        .all(db)
        .await?)
}

/// The issued text at `slug` of the organisation, with its translations.
pub async fn by_slug(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    slug: &str,
) -> Result<Option<IssuedBundle>, AppError> {
    let Some(issued) = issued_statement::Entity::find()
        .filter(issued_statement::Column::OrganisationId.eq(organisation_id))
        .filter(issued_statement::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let texts = texts(db, vec![issued.id]).await?;
    Ok(Some(IssuedBundle { issued, texts }))
}

/// The issued text `id` of the organisation.
pub async fn by_id(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<Option<issued_statement::Model>, AppError> {
    Ok(issued_statement::Entity::find_by_id(id)
        .filter(issued_statement::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?)
}

/// Writes a new issued text (`id` None) or changes one; its address is made from its
/// date and title when new, and never changes after (links and feeds keep working).
pub async fn save(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    id: Option<i32>,
    form: &IssuedForm,
    now: DateTime<Utc>,
) -> Result<issued_statement::Model, AppError> {
    let plan = form.parse()?;
    let mut m: issued_statement::ActiveModel = match id {
        None => {
            let base = Slug::suggest(&format!(
                "{} {}",
                plan.issued_on.format("%Y-%m-%d"),
                plan.title.as_str()
            ));
            let slug = free_slug(txn, organisation_id, base.as_str()).await?;
            issued_statement::ActiveModel {
                organisation_id: Set(organisation_id),
                slug: Set(slug),
                created_at: Set(now),
                ..Default::default()
            }
        }
        Some(id) => by_id(txn, organisation_id, id)
            .await?
            .ok_or(AppError::NotFound)?
            .into(),
    };
    let first_published =
        plan.published && !matches!(&m.published_at, sea_orm::ActiveValue::Unchanged(Some(_)));
    m.kind = Set(plan.kind);
    m.title = Set(plan.title.as_str().to_owned());
    m.issued_on = Set(plan.issued_on);
    m.addressee = Set(plan.addressee);
    m.language = Set(plan.language.as_str().to_owned());
    m.body = Set(plan.body);
    m.signatories = Set(plan.signatories.join("\n"));
    m.signature_count = Set(i32::try_from(plan.signature_count).unwrap_or(i32::MAX));
    m.published = Set(plan.published);
    if first_published {
        m.published_at = Set(Some(now));
    }
    m.updated_at = Set(now);
    Ok(sea_orm::TryIntoModel::try_into_model(m.save(txn).await?)?)
}

/// `base`, or `base-2`, `base-3`, ... whichever no issued text of the organisation has.
async fn free_slug(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    base: &str,
) -> Result<String, AppError> {
    let taken: Vec<String> = issued_statement::Entity::find()
        .filter(issued_statement::Column::OrganisationId.eq(organisation_id))
        .filter(issued_statement::Column::Slug.starts_with(base))
        .all(txn)
        .await?
        .into_iter()
        .map(|s| s.slug)
        .collect();
    let mut candidate = base.to_owned();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

/// One translation as typed: an empty title removes that language's text.
#[derive(Debug, Clone, Default)]
pub struct IssuedText {
    pub language: String,
    pub title: String,
    pub body: String,
}

/// Saves the translations of issued text `id`.
pub async fn save_texts(
    txn: &DatabaseTransaction,
    id: i32,
    entries: &[IssuedText],
) -> Result<(), AppError> {
    use crate::domain::plan::free_text;
    for e in entries {
        let language = crate::domain::LanguageTag::parse("language", &e.language)?;
        issued_statement_text::Entity::delete_many()
            .filter(issued_statement_text::Column::IssuedStatementId.eq(id))
            .filter(issued_statement_text::Column::Language.eq(language.as_str()))
            .exec(txn)
            .await?;
        if e.title.trim().is_empty() {
            continue;
        }
        let field = |f: &str| format!("{f}_{}", language.as_str());
        let title = crate::domain::Title::parse(&field("title"), &e.title)?;
        let body = free_text(&field("body"), e.body.trim())?;
        issued_statement_text::ActiveModel {
            issued_statement_id: Set(id),
            language: Set(language.as_str().to_owned()),
            title: Set(title.as_str().to_owned()),
            body: Set(body),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Deletes issued text `id` with its translations; a segment that read it stays, no
/// longer pointing at it.
pub async fn delete(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    id: i32,
) -> Result<issued_statement::Model, AppError> {
    let issued = by_id(txn, organisation_id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Only the organisation's own segments can point at it (`link_statement` and import
    // check), so no gathering needs reading to find them.
    segment::Entity::update_many()
        .col_expr(
            segment::Column::IssuedStatementId,
            Expr::value(Option::<i32>::None),
        )
        .filter(segment::Column::IssuedStatementId.eq(id))
        .exec(txn)
        .await?;
    issued_statement_text::Entity::delete_many()
        .filter(issued_statement_text::Column::IssuedStatementId.eq(id))
        .exec(txn)
        .await?;
    issued_statement::Entity::delete_by_id(id).exec(txn).await?;
    Ok(issued)
}

/// The issued texts the organisation can name in a segment that reads one: all of them,
/// drafts too (a statement may be read before it is published).
pub async fn choices(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<(i32, String)>, AppError> {
    Ok(list(db, organisation_id, true)
        .await?
        .into_iter()
        .map(|s| {
            (
                s.id,
                format!("{} ({})", s.title, s.issued_on.format("%Y-%m-%d")),
            )
        })
        .collect())
}

/// Refuses an issued text that is not the organisation's.
pub async fn check_own(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<(), AppError> {
    match by_id(db, organisation_id, id).await? {
        Some(_) => Ok(()),
        None => Err(ValidationError::new("statement", say!("refusal-choose-statement")).into()),
    }
}
