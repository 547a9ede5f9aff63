//! Statements read at a gathering: write, delete, and link to the segment that reads it.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, ModelTrait, QueryFilter, Set};

use super::lock;
use crate::db::entities::segment;
use crate::domain::{ValidationError, say};
use crate::error::AppError;

/// The statement a segment reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatementRead {
    None,
    /// One of the gathering's own statements.
    Gathering(i32),
    /// One the organisation issued on its own.
    Issued(i32),
}

/// Adds a statement to a gathering (`id` None) or changes one of its statements.
pub async fn save_statement(
    db: &impl crate::db::Conn,
    gathering_id: i32,
    version: Option<i32>,
    id: Option<i32>,
    form: &crate::domain::plan::StatementForm,
    now: DateTime<Utc>,
) -> Result<crate::db::entities::statement::Model, AppError> {
    use crate::db::entities::statement;
    let plan = form.parse()?;
    let txn = db.begin().await?;
    let g = lock(&txn, gathering_id, version, now).await?;
    let mut m = match id {
        None => statement::ActiveModel {
            gathering_id: Set(g.id),
            created_at: Set(now),
            ..Default::default()
        },
        Some(id) => statement::Entity::find_by_id(id)
            .filter(statement::Column::GatheringId.eq(g.id))
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?
            .into(),
    };
    m.title = Set(plan.title.as_str().into());
    m.language = Set(plan.language.as_str().into());
    m.points = Set(plan.points.join("\n"));
    m.signature_count = Set(i32::try_from(plan.signature_count).unwrap_or(i32::MAX));
    m.public = Set(plan.public);
    m.updated_at = Set(now);
    let saved = sea_orm::TryIntoModel::try_into_model(m.save(&txn).await?)?;
    txn.commit().await?;
    Ok(saved)
}

/// Removes a statement and its translations; the segment where it was read stays,
/// without it.
pub async fn delete_statement(
    db: &impl crate::db::Conn,
    gathering_id: i32,
    version: Option<i32>,
    id: i32,
    now: DateTime<Utc>,
) -> Result<crate::db::entities::statement::Model, AppError> {
    use crate::db::entities::{statement, statement_text};
    use sea_orm::sea_query::Expr;
    let txn = db.begin().await?;
    let g = lock(&txn, gathering_id, version, now).await?;
    let s = statement::Entity::find_by_id(id)
        .filter(statement::Column::GatheringId.eq(g.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    segment::Entity::update_many()
        .col_expr(
            segment::Column::StatementId,
            Expr::value(Option::<i32>::None),
        )
        .filter(segment::Column::StatementId.eq(s.id))
        .exec(&txn)
        .await?;
    statement_text::Entity::delete_many()
        .filter(statement_text::Column::StatementId.eq(s.id))
        .exec(&txn)
        .await?;
    s.clone().delete(&txn).await?;
    txn.commit().await?;
    Ok(s)
}

/// Names the statement read in a segment (or none). Both belong to the gathering; the
/// caller has locked it.
pub async fn link_statement(
    db: &impl crate::db::Conn,
    gathering_id: i32,
    segment_id: i32,
    read: StatementRead,
) -> Result<(), AppError> {
    use crate::db::entities::{gathering, statement};
    let (own, issued) = match read {
        StatementRead::None => (None, None),
        StatementRead::Gathering(id) => {
            statement::Entity::find_by_id(id)
                .filter(statement::Column::GatheringId.eq(gathering_id))
                .one(db)
                .await?
                .ok_or_else(|| {
                    ValidationError::new("statement", say!("refusal-choose-statement"))
                })?;
            (Some(id), None)
        }
        StatementRead::Issued(id) => {
            let g = gathering::Entity::find_by_id(gathering_id)
                .one(db)
                .await?
                .ok_or(AppError::NotFound)?;
            crate::db::issued::check_own(db, g.organisation_id, id).await?;
            (None, Some(id))
        }
    };
    let s = segment::Entity::find_by_id(segment_id)
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.statement_id != own || s.issued_statement_id != issued {
        let mut m: segment::ActiveModel = s.into();
        m.statement_id = Set(own);
        m.issued_statement_id = Set(issued);
        m.update(db).await?;
    }
    Ok(())
}
