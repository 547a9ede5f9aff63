//! Campaigns (one action in several cities at once) and series (a gathering repeated on
//! other days), made from an existing gathering by copying its run of show. Each copy is
//! a draft gathering of its own: its agenda, status and history are its own, and
//! changing one never rewrites the others.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};

use super::auth::audit;
use super::entities::{campaign, gathering, series, venue};
use super::groups::{GroupKind, link};
use super::planning::{CopyTarget, copy_gathering};
use super::queries::{self, FindAlsoVenue, GatheringBundle};
use crate::domain::repeat::{Keep, Repeat, copy_start};
use crate::domain::{Slug, Title, ValidationError, say};
use crate::error::AppError;

/// The campaign form on a gathering's edit page.
#[derive(Debug, Clone, Default)]
pub struct CampaignForm {
    pub title: String,
    /// Empty: made from the title.
    pub slug: String,
    /// Ids of the other venues, as posted.
    pub venues: Vec<String>,
    /// `local` (the same wall-clock time everywhere) or `instant`.
    pub keep: String,
}

/// Makes a campaign of `source_slug` and a copy of its run of show at each venue, in
/// that venue's zone. Returns the campaign and the copies.
pub async fn create_campaign(
    db: &DatabaseConnection,
    organisation_id: i32,
    by: i32,
    source_slug: &str,
    form: &CampaignForm,
    now: DateTime<Utc>,
) -> Result<(campaign::Model, Vec<gathering::Model>), AppError> {
    let title = Title::parse("campaign_title", &form.title)?;
    let slug = if form.slug.trim().is_empty() {
        Slug::suggest(title.as_str())
    } else {
        Slug::parse("campaign_slug", &form.slug)?
    };
    let keep = Keep::parse(&form.keep);
    let mut venue_ids = Vec::new();
    for raw in &form.venues {
        let id = raw
            .trim()
            .parse::<i32>()
            .map_err(|_| ValidationError::new("venues", say!("refusal-choose-venues")))?;
        if !venue_ids.contains(&id) {
            venue_ids.push(id);
        }
    }
    if venue_ids.is_empty() {
        return Err(ValidationError::new("venues", say!("refusal-choose-other-venue")).into());
    }
    let txn = super::begin_write(db).await?;
    let source = queries::gathering_bundle(&txn, organisation_id, source_slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = &source.gathering;
    if let Some(id) = g.campaign_id
        && let Some(c) = campaign::Entity::find_by_id(id).one(&txn).await?
    {
        return Err(AppError::Conflict(say!(
            "refusal-already-in-campaign",
            campaign = &c.title
        )));
    }
    let taken = campaign::Entity::find()
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .filter(campaign::Column::Slug.eq(slug.as_str()))
        .one(&txn)
        .await?
        .is_some();
    if taken {
        return Err(
            ValidationError::new("campaign_slug", say!("refusal-campaign-slug-taken")).into(),
        );
    }
    let source_zone: chrono_tz::Tz = g
        .time_zone
        .parse()
        .map_err(|_| AppError::internal("stored time zone", &g.time_zone))?;
    let c = campaign::ActiveModel {
        organisation_id: Set(organisation_id),
        slug: Set(slug.as_str().to_owned()),
        title: Set(title.as_str().to_owned()),
        public_description: Set(g.public_description.clone()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    link(&txn, GroupKind::Campaign, &[g.id], Some(c.id)).await?;
    let mut copies = Vec::new();
    for id in venue_ids {
        let v = venue::Entity::find_by_id(id)
            .filter(venue::Column::OrganisationId.eq(organisation_id))
            .filter(venue::Column::Archived.eq(false))
            .one(&txn)
            .await?
            .ok_or_else(|| ValidationError::new("venues", say!("refusal-choose-venues")))?;
        if Some(v.id) == g.venue_id {
            return Err(
                ValidationError::new("venues", say!("refusal-own-venue", venue = &v.name)).into(),
            );
        }
        let zone: chrono_tz::Tz = v
            .time_zone
            .parse()
            .map_err(|_| AppError::internal("stored time zone", &v.time_zone))?;
        let starts_local = copy_start(g.starts_local, source_zone, zone, keep).map_err(|e| {
            ValidationError::new(
                "venues",
                say!("refusal-at-venue", venue = &v.name, reason = e.message),
            )
        })?;
        let place = if v.city.trim().is_empty() {
            v.name.clone()
        } else {
            v.city.clone()
        };
        let target = CopyTarget {
            venue_id: Some(v.id),
            time_zone: v.time_zone.clone(),
            starts_local,
            title: format!("{} ({place})", g.title),
            slug: Slug::suggest(&format!("{} {place}", g.slug))
                .as_str()
                .to_owned(),
        };
        let copy = copy_gathering(&txn, organisation_id, &source, &target, now)
            .await
            .map_err(|e| match e {
                AppError::Validation { message, .. } => ValidationError::new(
                    "venues",
                    say!("refusal-at-venue", venue = &v.name, reason = message),
                )
                .into(),
                other => other,
            })?;
        link(&txn, GroupKind::Campaign, &[copy.id], Some(c.id)).await?;
        copies.push(copy);
    }
    audit(
        &txn,
        Some(organisation_id),
        Some(by),
        "campaign.create",
        &c.slug,
        &format!("{} gatherings", copies.len() + 1),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((c, copies))
}

/// Repeats `source_slug` on other days, each occurrence a draft of its own in the same
/// series (the source's, or a new one). Returns the new occurrences.
pub async fn repeat(
    db: &DatabaseConnection,
    organisation_id: i32,
    by: i32,
    source_slug: &str,
    rule: &Repeat,
    now: DateTime<Utc>,
) -> Result<Vec<gathering::Model>, AppError> {
    let txn = super::begin_write(db).await?;
    let source = queries::gathering_bundle(&txn, organisation_id, source_slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = &source.gathering;
    let series_id = match g.series_id {
        Some(id) => id,
        None => {
            let s = series::ActiveModel {
                organisation_id: Set(organisation_id),
                title: Set(g.title.clone()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
            link(&txn, GroupKind::Series, &[g.id], Some(s.id)).await?;
            s.id
        }
    };
    let mut made = Vec::new();
    for day in rule.dates(g.starts_local.date()) {
        let copy = occurrence(&txn, organisation_id, &source, day, now).await?;
        link(&txn, GroupKind::Series, &[copy.id], Some(series_id)).await?;
        made.push(copy);
    }
    audit(
        &txn,
        Some(organisation_id),
        Some(by),
        "series.repeat",
        &g.slug,
        &format!("{} occurrences", made.len()),
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(made)
}

async fn occurrence(
    txn: &sea_orm::DatabaseTransaction,
    organisation_id: i32,
    source: &GatheringBundle,
    day: NaiveDate,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    let g = &source.gathering;
    let base = g
        .slug
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '-')
        .to_owned();
    let base = if base.is_empty() {
        g.slug.clone()
    } else {
        base
    };
    let target = CopyTarget {
        venue_id: g.venue_id,
        time_zone: g.time_zone.clone(),
        starts_local: day.and_time(g.starts_local.time()),
        title: g.title.clone(),
        slug: Slug::suggest(&format!("{base} {day}")).as_str().to_owned(),
    };
    copy_gathering(txn, organisation_id, source, &target, now)
        .await
        .map_err(|e| match e {
            AppError::Validation { message, .. } => ValidationError::new(
                "dates",
                say!("refusal-on-day", day = day.to_string(), reason = message),
            )
            .into(),
            other => other,
        })
}

/// A campaign of an organisation by its address.
pub async fn campaign_by_slug(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    slug: &str,
) -> Result<Option<campaign::Model>, AppError> {
    Ok(campaign::Entity::find()
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .filter(campaign::Column::Slug.eq(slug))
        .one(db)
        .await?)
}

/// A campaign of an organisation by its address, with every gathering in it (drafts
/// included), earliest first.
pub async fn campaign_with_gatherings(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    slug: &str,
) -> Result<Option<(campaign::Model, Vec<GatheringBundle>)>, AppError> {
    let Some(c) = campaign::Entity::find()
        .filter(campaign::Column::OrganisationId.eq(organisation_id))
        .filter(campaign::Column::Slug.eq(slug))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let rows = gathering::Entity::find()
        .filter(gathering::Column::CampaignId.eq(c.id))
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::DeletedAt.is_null())
        .order_by_asc(gathering::Column::StartsAt)
        .order_by_asc(gathering::Column::Id)
        .find_also_related_venue(db)
        .await?;
    let bundles = queries::gathering_bundles(db, rows).await?;
    Ok(Some((c, bundles)))
}

/// The other occurrences of a gathering's series (drafts included), by start.
pub async fn series_siblings(
    db: &impl ConnectionTrait,
    g: &gathering::Model,
) -> Result<Vec<gathering::Model>, AppError> {
    let Some(series_id) = g.series_id else {
        return Ok(Vec::new());
    };
    Ok(gathering::Entity::find()
        .filter(gathering::Column::SeriesId.eq(series_id))
        .filter(gathering::Column::OrganisationId.eq(g.organisation_id))
        .filter(gathering::Column::Id.ne(g.id))
        .filter(gathering::Column::DeletedAt.is_null())
        .order_by_asc(gathering::Column::StartsAt)
        .all(db)
        .await?)
}

/// The campaign a gathering belongs to, within its own organisation.
pub async fn campaign_of(
    db: &impl ConnectionTrait,
    g: &gathering::Model,
) -> Result<Option<campaign::Model>, AppError> {
    let Some(id) = g.campaign_id else {
        return Ok(None);
    };
    Ok(campaign::Entity::find_by_id(id)
        .filter(campaign::Column::OrganisationId.eq(g.organisation_id))
        .one(db)
        .await?)
}

/// The series a gathering is an occurrence of, within its own organisation.
pub async fn series_of(
    db: &impl ConnectionTrait,
    g: &gathering::Model,
) -> Result<Option<series::Model>, AppError> {
    let Some(id) = g.series_id else {
        return Ok(None);
    };
    Ok(series::Entity::find_by_id(id)
        .filter(series::Column::OrganisationId.eq(g.organisation_id))
        .one(db)
        .await?)
}
