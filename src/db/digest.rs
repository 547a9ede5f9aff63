//! The monthly digest's stored part: its number, the editorial note and whether it is
//! published. What it lists is read from the gatherings of the month.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::auth::audit;
use super::entities::digest;
use crate::domain::digest::{Month, number_for};
use crate::domain::{ValidationError, say};
use crate::error::AppError;

/// The stored digest of a month, if one was written.
pub async fn of_month(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    month: Month,
) -> Result<Option<digest::Model>, AppError> {
    Ok(digest::Entity::find()
        .filter(digest::Column::OrganisationId.eq(organisation_id))
        .filter(digest::Column::Month.eq(month.key()))
        .one(db)
        .await?)
}

/// The number of a month's digest: its own if stored, else the one suggested from the
/// issues around it ([`number_for`]).
pub async fn number(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    month: Month,
) -> Result<i32, AppError> {
    if let Some(d) = of_month(db, organisation_id, month).await? {
        return Ok(d.number);
    }
    let stored: Vec<(Month, i32)> = digest::Entity::find()
        .filter(digest::Column::OrganisationId.eq(organisation_id))
        .all(db)
        .await?
        .into_iter()
        .filter_map(|d| Some((Month::parse(&d.month).ok()?, d.number)))
        .collect();
    Ok(number_for(month, &stored))
}

/// The published digests, latest month first.
pub async fn published(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<digest::Model>, AppError> {
    Ok(digest::Entity::find()
        .filter(digest::Column::OrganisationId.eq(organisation_id))
        .filter(digest::Column::Published.eq(true))
        .order_by_desc(digest::Column::Month)
        .all(db)
        .await?)
}

/// What the digest form sends.
#[derive(Debug, Clone, Default)]
pub struct DigestForm {
    pub number: String,
    pub editorial_note: String,
    /// `on` to publish.
    pub published: String,
}

/// Saves a month's digest (number, note, published).
pub async fn save(
    db: &DatabaseConnection,
    organisation_id: i32,
    by: i32,
    month: Month,
    form: &DigestForm,
    now: DateTime<Utc>,
) -> Result<digest::Model, AppError> {
    let number = match form
        .number
        .trim()
        .trim_start_matches("No.")
        .trim()
        .parse::<i32>()
    {
        Ok(n) if (1..=100_000).contains(&n) => n,
        _ => {
            return Err(ValidationError::new("number", say!("refusal-issue-number")).into());
        }
    };
    let note = crate::domain::plan::free_text("editorial_note", &form.editorial_note)?;
    let published = matches!(form.published.trim(), "on" | "true" | "1");
    let txn = super::begin_write(db).await?;
    let saved = match of_month(&txn, organisation_id, month).await? {
        Some(d) => {
            // Published once, it stays as it was at that moment; unpublished, it follows
            // the month again until it is published anew.
            let published_at = match (published, d.published_at) {
                (true, Some(at)) if d.published => Some(at),
                (true, _) => Some(now),
                (false, _) => None,
            };
            let mut m: digest::ActiveModel = d.into();
            m.number = Set(number);
            m.editorial_note = Set(note);
            m.published = Set(published);
            m.published_at = Set(published_at);
            m.updated_at = Set(now);
            m.update(&txn).await?
        }
        None => {
            digest::ActiveModel {
                organisation_id: Set(organisation_id),
                month: Set(month.key()),
                number: Set(number),
                editorial_note: Set(note),
                published: Set(published),
                published_at: Set(published.then_some(now)),
                created_at: Set(now),
                updated_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };
    audit(
        &txn,
        Some(organisation_id),
        Some(by),
        if published {
            "digest.publish"
        } else {
            "digest.save"
        },
        &month.key(),
        &format!("No. {number}"),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}
