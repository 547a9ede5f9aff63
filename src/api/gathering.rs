//! A gathering's public page.

use leptos::prelude::*;

use super::GatheringPage;
use crate::error::AppError;

/// A published (or postponed, or cancelled) gathering with its public agenda.
#[server]
pub async fn public_gathering(org: String, slug: String) -> Result<GatheringPage, AppError> {
    use crate::db::queries;
    let db = super::db()?;
    let o = queries::organisation_by_slug(&db, &org)
        .await?
        .ok_or(AppError::NotFound)?;
    let bundle = queries::gathering_bundle(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    ssr::public_view(&o, &bundle)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use chrono_tz::Tz;

    use crate::api::{AppearanceView, FilmView, GatheringPage, SegmentView, VenueView, split_list};
    use crate::db::entities::organisation;
    use crate::db::queries::GatheringBundle;
    use crate::domain::agenda::{Agenda, AgendaItem, time_agenda};
    use crate::domain::time::resolve_local;
    use crate::domain::{GatheringStatus, Minutes};
    use crate::error::AppError;

    /// Times the whole agenda, public and internal segments alike, in the gathering's zone.
    pub fn agenda(bundle: &GatheringBundle) -> Result<(Tz, Agenda), AppError> {
        let g = &bundle.gathering;
        let tz: Tz = g
            .time_zone
            .parse()
            .map_err(|_| AppError::internal("stored time zone", &g.time_zone))?;
        let start = resolve_local("starts_at", tz, g.starts_local)
            .map_err(|e| AppError::internal("stored start", e))?;
        let end = resolve_local("ends_at", tz, g.ends_local)
            .map_err(|e| AppError::internal("stored end", e))?;
        let items: Vec<AgendaItem> = bundle
            .segments
            .iter()
            .map(|s| AgendaItem {
                id: i64::from(s.id),
                duration: s
                    .duration_minutes
                    .and_then(|m| Minutes::parse("duration", i64::from(m)).ok()),
                film_runtime: s
                    .film_id
                    .and_then(|id| bundle.films.get(&id))
                    .and_then(|f| Minutes::parse("runtime", i64::from(f.runtime_minutes)).ok()),
                hard_start: s
                    .hard_start_local
                    .and_then(|t| resolve_local("hard_start", tz, t).ok()),
            })
            .collect();
        Ok((tz, time_agenda(start, end, &items)))
    }

    /// What an attendee may see of a gathering: drafts are not found; internal segments,
    /// notes, cues, contacts, links and the names of unlisted people are left out.
    pub fn public_view(
        org: &organisation::Model,
        bundle: &GatheringBundle,
    ) -> Result<GatheringPage, AppError> {
        let g = &bundle.gathering;
        let status: GatheringStatus = g
            .status
            .parse()
            .map_err(|e| AppError::internal("stored status", e))?;
        if !status.is_public() {
            return Err(AppError::NotFound);
        }
        let (_, timed) = agenda(bundle)?;
        let mut number = 0;
        let mut segments = Vec::new();
        for (seg, t) in bundle.segments.iter().zip(&timed.items) {
            if !seg.public {
                continue;
            }
            number += 1;
            let film = seg
                .film_id
                .and_then(|id| bundle.films.get(&id))
                .map(|f| FilmView {
                    title: f.title.clone(),
                    director: f.director.clone(),
                    year: f.year,
                    runtime_minutes: u32::try_from(f.runtime_minutes).unwrap_or(0),
                    audio_language: f.audio_language.clone(),
                    subtitle_languages: split_list(&f.subtitle_languages),
                });
            let appearances = bundle
                .appearances
                .iter()
                .filter(|a| a.segment_id == seg.id)
                .filter_map(|a| {
                    let person = bundle.people.get(&a.person_id)?;
                    Some(AppearanceView {
                        name: person.listed_publicly.then(|| person.name.clone()),
                        role: a.role.parse().ok()?,
                        mode: a.mode.parse().ok()?,
                        language: a.language.clone(),
                        interpreted_into: split_list(&a.interpreted_into),
                    })
                })
                .collect();
            segments.push(SegmentView {
                number,
                kind: seg
                    .kind
                    .parse()
                    .map_err(|e| AppError::internal("stored segment kind", e))?,
                title: seg.title.clone(),
                start_local: t.start.naive_local(),
                end_local: t.end.naive_local(),
                minutes: t.minutes.get(),
                film,
                appearances,
            });
        }
        let venue = bundle.venue.as_ref().map(|v| VenueView {
            name: v.name.clone(),
            address: v.address.clone(),
            city: v.city.clone(),
            country: v.country.clone(),
            setting: v
                .setting
                .parse()
                .unwrap_or(crate::domain::VenueSetting::Indoor),
            directions: v.public_directions.clone(),
            map_url: v.latitude.zip(v.longitude).map(|(lat, lon)| {
                format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
            }),
        });
        Ok(GatheringPage {
            org_slug: org.slug.clone(),
            org_name: org.name.clone(),
            title: g.title.clone(),
            kind: g
                .kind
                .parse()
                .map_err(|e| AppError::internal("stored kind", e))?,
            status,
            time_zone: g.time_zone.clone(),
            starts_local: g.starts_local,
            ends_local: g.ends_local,
            venue,
            description: g.public_description.clone(),
            languages: split_list(&g.languages),
            agenda: segments,
            starts_utc: g.starts_at.timestamp(),
        })
    }
}
