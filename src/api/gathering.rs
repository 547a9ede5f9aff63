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
    let mut page = crate::responses::gathering::public_view(&o, &bundle, &lang)?;
    page.origin = super::site_origin();
    let g = &bundle.gathering;
    if let Some(id) = g.campaign_id {
        use sea_orm::EntityTrait;
        page.campaign = crate::db::entities::campaign::Entity::find_by_id(id)
            .one(&db)
            .await?
            .map(|c| (c.slug, c.title));
    }
    page.other_dates = crate::db::campaigns::series_siblings(&db, g)
        .await?
        .into_iter()
        .filter(|s| s.status.is_public())
        .map(|s| (s.slug, s.starts_local))
        .collect();
    Ok(page)
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

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::error::AppError;

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
