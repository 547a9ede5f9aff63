//! A gathering's public page.

use leptos::prelude::*;

use crate::error::AppError;
use crate::responses::GatheringPage;

/// A published (or postponed, or cancelled) gathering with its public agenda.
#[server]
pub async fn public_gathering(
    org: String,
    slug: String,
    lang: String,
) -> Result<GatheringPage, AppError> {
    use crate::db::queries;
    let db = super::db()?;
    let o = queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let bundle = queries::gathering_bundle(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = crate::responses::gathering::public_view(&o, &bundle, &lang)?;
    ssr::complete(&db, page, &bundle.gathering, |s| s.status.is_public()).await
}

/// The public page of a gathering as it is or will be, whatever its status: for the
/// organisation's members, marked as a preview.
#[server]
pub async fn preview_gathering(
    org: String,
    slug: String,
    lang: String,
) -> Result<GatheringPage, AppError> {
    use crate::db::queries;
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _) = super::workspace::ssr::member(&db, &org, Permission::ReadInternal).await?;
    let bundle = queries::gathering_bundle(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let page = crate::responses::gathering::preview_view(&o, &bundle, &lang)?;
    ssr::complete(&db, page, &bundle.gathering, |_| true).await
}

/// A gathering's A4 poster: its public page, and a QR code of its calendar address.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Poster {
    pub page: GatheringPage,
    /// The QR code, as an SVG element, of the calendar feed's `https://` address.
    pub qr_svg: String,
}

/// The poster of a published (or postponed, or cancelled) gathering.
#[server]
pub async fn public_poster(org: String, slug: String, lang: String) -> Result<Poster, AppError> {
    let page = public_gathering(org, slug, lang.clone()).await?;
    let feed_url = format!(
        "{}/o/{}/{}/calendar.ics?lang={lang}",
        page.origin, page.org_slug, page.slug
    );
    let qr_svg = ssr::qr_svg(&feed_url)?;
    Ok(Poster { page, qr_svg })
}

/// The poster a gathering has or will have, whatever its status, for its organisation's
/// members (marked as a preview); its QR code is the calendar address it will have.
#[server]
pub async fn preview_poster(org: String, slug: String, lang: String) -> Result<Poster, AppError> {
    let page = preview_gathering(org, slug, lang.clone()).await?;
    let feed_url = format!(
        "{}/o/{}/{}/calendar.ics?lang={lang}",
        page.origin, page.org_slug, page.slug
    );
    let qr_svg = ssr::qr_svg(&feed_url)?;
    Ok(Poster { page, qr_svg })
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::db::entities::gathering;
    use crate::error::AppError;
    use crate::responses::GatheringPage;

    /// The page with its site address, its campaign and the other dates of its series
    /// (those `shown` lets through).
    pub async fn complete(
        db: &sea_orm::DatabaseConnection,
        mut page: GatheringPage,
        g: &gathering::Model,
        shown: impl Fn(&gathering::Model) -> bool,
    ) -> Result<GatheringPage, AppError> {
        page.origin = crate::api::site_origin();
        page.campaign = crate::db::campaigns::campaign_of(db, g)
            .await?
            .map(|c| (c.slug, c.title));
        page.other_dates = crate::db::campaigns::series_siblings(db, g)
            .await?
            .into_iter()
            .filter(|s| shown(s))
            .map(|s| (s.slug, s.starts_local))
            .collect();
        Ok(page)
    }

    /// A QR code of `text` as an SVG document (black on white, with its quiet zone), at
    /// error-correction level M so a creased or rained-on poster still scans.
    pub fn qr_svg(text: &str) -> Result<String, AppError> {
        use qrcode::render::svg;
        let code = qrcode::QrCode::with_error_correction_level(text, qrcode::EcLevel::M)
            .map_err(|e| AppError::internal("QR code", e))?;
        let document = code
            .render::<svg::Color<'_>>()
            .min_dimensions(240, 240)
            .dark_color(svg::Color("#000000"))
            .light_color(svg::Color("#ffffff"))
            .quiet_zone(true)
            .build();
        // Inline in HTML: the <svg> element without the XML declaration before it.
        let start = document.find("<svg").unwrap_or(0);
        Ok(document[start..].to_owned())
    }
}
