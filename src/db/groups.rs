//! Campaigns and series as organisers keep them: renamed, their text changed, gatherings
//! added or taken out, the group deleted (its gatherings stay, unlinked). One mechanism
//! for both kinds: a group is a row its gatherings point at.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseTransaction, EntityTrait, QueryFilter, QueryOrder,
};

use super::entities::{campaign, gathering, series};
use crate::domain::{Title, ValidationError, say};
use crate::error::AppError;

/// Which kind of group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupKind {
    Campaign,
    Series,
}

impl GroupKind {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "campaign" => Some(Self::Campaign),
            "series" => Some(Self::Series),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Campaign => "campaign",
            Self::Series => "series",
        }
    }

    fn column(self) -> gathering::Column {
        match self {
            Self::Campaign => gathering::Column::CampaignId,
            Self::Series => gathering::Column::SeriesId,
        }
    }

    fn of(self, g: &gathering::Model) -> Option<i32> {
        match self {
            Self::Campaign => g.campaign_id,
            Self::Series => g.series_id,
        }
    }
}

/// A group as its page shows it.
#[derive(Debug, Clone)]
pub struct Group {
    pub kind: GroupKind,
    pub id: i32,
    /// A campaign's public address; a series has none.
    pub slug: Option<String>,
    pub title: String,
    /// A campaign's public text; a series has none.
    pub description: String,
    /// Its gatherings, by start.
    pub gatherings: Vec<gathering::Model>,
    /// The organisation's gatherings in no group of this kind, which can be added.
    pub candidates: Vec<gathering::Model>,
}

/// The group row `id` of `organisation_id`: its public address (a campaign's), title
/// and public text (a campaign's).
async fn row(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    kind: GroupKind,
    id: i32,
) -> Result<Option<(Option<String>, String, String)>, AppError> {
    Ok(match kind {
        GroupKind::Campaign => campaign::Entity::find_by_id(id)
            .filter(campaign::Column::OrganisationId.eq(organisation_id))
            .one(db)
            .await?
            .map(|c| (Some(c.slug), c.title, c.public_description)),
        GroupKind::Series => series::Entity::find_by_id(id)
            .filter(series::Column::OrganisationId.eq(organisation_id))
            .one(db)
            .await?
            .map(|s| (None, s.title, String::new())),
    })
}

/// The group `id` of `organisation_id`, or `None`.
pub async fn group(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    kind: GroupKind,
    id: i32,
) -> Result<Option<Group>, AppError> {
    let Some((slug, title, description)) = row(db, organisation_id, kind, id).await? else {
        return Ok(None);
    };
    let all = gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::DeletedAt.is_null())
        .order_by_asc(gathering::Column::StartsAt)
        .all(db)
        .await?;
    let (gatherings, others): (Vec<_>, Vec<_>) =
        all.into_iter().partition(|g| kind.of(g) == Some(id));
    Ok(Some(Group {
        kind,
        id,
        slug,
        title,
        description,
        gatherings,
        candidates: others
            .into_iter()
            .filter(|g| kind.of(g).is_none())
            .collect(),
    }))
}

/// Renames the group and, for a campaign, changes its public text.
pub async fn save(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    kind: GroupKind,
    id: i32,
    title: &str,
    description: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let title = Title::parse("title", title)?;
    if row(txn, organisation_id, kind, id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    match kind {
        GroupKind::Campaign => {
            let description = crate::domain::plan::free_text("description", description)?;
            campaign::Entity::update_many()
                .col_expr(campaign::Column::Title, Expr::value(title.as_str()))
                .col_expr(
                    campaign::Column::PublicDescription,
                    Expr::value(description),
                )
                .col_expr(campaign::Column::UpdatedAt, Expr::value(now))
                .filter(campaign::Column::Id.eq(id))
                .exec(txn)
                .await?;
        }
        GroupKind::Series => {
            series::Entity::update_many()
                .col_expr(series::Column::Title, Expr::value(title.as_str()))
                .filter(series::Column::Id.eq(id))
                .exec(txn)
                .await?;
        }
    }
    Ok(())
}

/// The organisation's group `id` and its gathering `gathering_id` (not deleted), for
/// putting one into the other or taking it out.
async fn group_and_gathering(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    kind: GroupKind,
    id: i32,
    gathering_id: &str,
) -> Result<gathering::Model, AppError> {
    // The group must be the organisation's as much as the gathering.
    row(txn, organisation_id, kind, id)
        .await?
        .ok_or(AppError::NotFound)?;
    member_gathering(txn, organisation_id, gathering_id).await
}

/// The organisation's gathering `gathering_id` (not deleted).
async fn member_gathering(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    gathering_id: &str,
) -> Result<gathering::Model, AppError> {
    let id: i32 = gathering_id
        .trim()
        .parse()
        .map_err(|_| ValidationError::new("gathering", say!("refusal-choose-gathering")))?;
    gathering::Entity::find_by_id(id)
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::DeletedAt.is_null())
        .one(txn)
        .await?
        .ok_or_else(|| ValidationError::new("gathering", say!("refusal-choose-gathering")).into())
}

/// Puts an existing gathering into the group; refused when it is in another group of
/// the same kind (take it out there first).
pub async fn add(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    kind: GroupKind,
    id: i32,
    gathering_id: &str,
) -> Result<gathering::Model, AppError> {
    let g = group_and_gathering(txn, organisation_id, kind, id, gathering_id).await?;
    match kind.of(&g) {
        Some(other) if other != id => {
            return Err(ValidationError::new(
                "gathering",
                say!("refusal-in-another-group", gathering = &g.title),
            )
            .into());
        }
        _ => {}
    }
    link(txn, kind, &[g.id], Some(id)).await?;
    Ok(g)
}

/// Takes a gathering out of the group; the gathering itself is unchanged.
pub async fn remove(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    kind: GroupKind,
    id: i32,
    gathering_id: &str,
) -> Result<gathering::Model, AppError> {
    let g = group_and_gathering(txn, organisation_id, kind, id, gathering_id).await?;
    if kind.of(&g) != Some(id) {
        return Err(AppError::NotFound);
    }
    link(txn, kind, &[g.id], None).await?;
    Ok(g)
}

/// Deletes the group; its gatherings stay, in no group of this kind. Returns its title.
pub async fn delete(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    kind: GroupKind,
    id: i32,
) -> Result<String, AppError> {
    let (_, title, _) = row(txn, organisation_id, kind, id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Also the deleted gatherings that point at it: they come back unlinked.
    gathering::Entity::update_many()
        .col_expr(kind.column(), Expr::value(None::<i32>))
        .filter(kind.column().eq(id))
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .exec(txn)
        .await?;
    match kind {
        GroupKind::Campaign => {
            campaign::Entity::delete_by_id(id).exec(txn).await?;
        }
        GroupKind::Series => {
            series::Entity::delete_by_id(id).exec(txn).await?;
        }
    }
    Ok(title)
}

/// Puts gatherings `ids` into group `to` of `kind`, or into none.
pub(crate) async fn link(
    txn: &DatabaseTransaction,
    kind: GroupKind,
    ids: &[i32],
    to: Option<i32>,
) -> Result<(), AppError> {
    gathering::Entity::update_many()
        .col_expr(kind.column(), Expr::value(to))
        .filter(gathering::Column::Id.is_in(ids.to_vec()))
        .exec(txn)
        .await?;
    Ok(())
}
