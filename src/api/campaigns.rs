//! A campaign's public page: its gatherings side by side, each city on its own clock.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::responses::GatheringPage;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignPage {
    pub org_slug: String,
    pub org_name: String,
    pub slug: String,
    pub title: String,
    pub description: String,
    /// Its public gatherings, earliest first.
    pub gatherings: Vec<GatheringPage>,
    pub origin: String,
}

/// A campaign with its public gatherings; not found while none is public.
#[server]
pub async fn public_campaign(
    org: String,
    slug: String,
    lang: String,
) -> Result<CampaignPage, AppError> {
    let db = super::db()?;
    let o = crate::db::queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let (c, bundles) = crate::db::campaigns::campaign_with_gatherings(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut gatherings = Vec::new();
    for b in &bundles {
        let public = b.gathering.status.is_public();
        if public {
            gatherings.push(crate::responses::gathering::public_view(&o, b, &lang)?);
        }
    }
    if gatherings.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(CampaignPage {
        org_slug: o.slug,
        org_name: o.name,
        slug: c.slug,
        title: c.title,
        description: c.public_description,
        gatherings,
        origin: super::site_origin(),
    })
}
