//! The public view of one gathering, built from its bundle: its page (and so its
//! feeds, poster and Atom entry), its venue, its timed agenda, titles in the visitor's
//! language. Only what organisers marked public.

use chrono_tz::Tz;

use super::{
    AppearanceView, FilmView, GatheringPage, LaneView, ReleaseView, SegmentView, StatementView,
    VenueView, split_list,
};
use crate::db::entities::organisation;
use crate::db::queries::GatheringBundle;
use crate::domain::agenda::{Agenda, AgendaItem, time_agenda};
use crate::domain::content::{Localized, localized, points};
use crate::domain::time::resolve_local;
use crate::domain::{GatheringStatus, Minutes};
use crate::error::AppError;

/// A statement in the visitor's language where translated, else in its own language
/// (a statement is written in its own language, not necessarily the default).
pub fn statement_view(
    bundle: &GatheringBundle,
    s: &crate::db::entities::statement::Model,
    lang: &str,
) -> StatementView {
    let theirs = || {
        bundle
            .statement_texts
            .iter()
            .filter(|t| t.statement_id == s.id)
    };
    let title = localized(
        lang,
        &s.language,
        &s.title,
        theirs().map(|t| (t.language.as_str(), t.title.as_str())),
    );
    let text = localized(
        lang,
        &s.language,
        &s.points,
        theirs().map(|t| (t.language.as_str(), t.points.as_str())),
    );
    StatementView {
        title: title.text.to_owned(),
        language: text.language.to_owned(),
        points: points(text.text).into_iter().map(str::to_owned).collect(),
        signature_count: u32::try_from(s.signature_count).unwrap_or(0),
    }
}

/// The public side of a venue: never its access notes.
pub fn venue_view(v: &crate::db::entities::venue::Model) -> VenueView {
    VenueView {
        name: v.name.clone(),
        address: v.address.clone(),
        city: v.city.clone(),
        country: v.country.clone(),
        setting: v.setting,
        directions: v.public_directions.clone(),
        map_url: v.latitude.zip(v.longitude).map(|(lat, lon)| {
            format!("https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=17/{lat}/{lon}")
        }),
    }
}

/// A segment's title in `lang` where translated, else in the default language.
pub fn segment_title<'a>(
    bundle: &'a GatheringBundle,
    seg: &'a crate::db::entities::segment::Model,
    lang: &str,
    default: &'a str,
) -> Localized<'a> {
    localized(
        lang,
        default,
        &seg.title,
        bundle
            .segment_texts
            .iter()
            .filter(|t| t.segment_id == seg.id)
            .map(|t| (t.language.as_str(), t.title.as_str())),
    )
}

/// The gathering's title in `lang` where translated, else in the default language.
pub fn gathering_title<'a>(
    bundle: &'a GatheringBundle,
    lang: &str,
    default: &'a str,
) -> Localized<'a> {
    localized(
        lang,
        default,
        &bundle.gathering.title,
        bundle
            .gathering_texts
            .iter()
            .filter(|t| t.gathering_id == bundle.gathering.id)
            .map(|t| (t.language.as_str(), t.title.as_str())),
    )
}

/// Times the whole agenda, public and internal segments alike, in the gathering's zone.
pub fn agenda(bundle: &GatheringBundle) -> Result<(Tz, Agenda), AppError> {
    let plan = planned(bundle)?;
    Ok((plan.zone, time_agenda(plan.start, plan.end, &plan.items)))
}

/// A gathering's programme as the domain times it: zone, start, planned end, items.
pub struct Planned {
    pub zone: Tz,
    pub start: chrono::DateTime<Tz>,
    pub end: chrono::DateTime<Tz>,
    pub items: Vec<AgendaItem>,
}

/// Reads the stored plan of a gathering into the domain's terms.
pub fn planned(bundle: &GatheringBundle) -> Result<Planned, AppError> {
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
            lane: i64::from(bundle.lane_of(s)),
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
    Ok(Planned {
        zone: tz,
        start,
        end,
        items,
    })
}

/// The releases of a gathering's programme, oldest first, dated on the venue's clock.
pub fn release_views(bundle: &GatheringBundle) -> Vec<ReleaseView> {
    let zone: Tz = bundle.gathering.time_zone.parse().unwrap_or(chrono_tz::UTC);
    bundle
        .releases
        .iter()
        .map(|r| ReleaseView {
            number: u32::try_from(r.number).unwrap_or(0),
            released_local: r.released_at.with_timezone(&zone).naive_local(),
            note: r.note.clone(),
        })
        .collect()
}

/// What an attendee may see of a gathering: drafts are not found; internal segments,
/// notes, cues, contacts, links and the names of unlisted people are left out.
/// Texts are in `lang` where translated, else in the organisation's default language.
pub fn public_view(
    org: &organisation::Model,
    bundle: &GatheringBundle,
    lang: &str,
) -> Result<GatheringPage, AppError> {
    if !bundle.gathering.status.is_public() {
        return Err(AppError::NotFound);
    }
    view_of(org, bundle, lang, false)
}

/// The public page a gathering has or will have, whatever its status, marked as a
/// preview: for its organisation's members only.
pub fn preview_view(
    org: &organisation::Model,
    bundle: &GatheringBundle,
    lang: &str,
) -> Result<GatheringPage, AppError> {
    view_of(org, bundle, lang, true)
}

fn view_of(
    org: &organisation::Model,
    bundle: &GatheringBundle,
    lang: &str,
    preview: bool,
) -> Result<GatheringPage, AppError> {
    let g = &bundle.gathering;
    let default = org.default_language.as_str();
    let status: GatheringStatus = g.status;
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
                    person_id: person.listed_publicly.then_some(person.id),
                    role: a.role,
                    mode: a.mode,
                    language: a.language.clone(),
                    interpreted_into: split_list(&a.interpreted_into),
                })
            })
            .collect();
        let title = segment_title(bundle, seg, lang, default);
        let summary = localized(
            lang,
            default,
            &seg.abstract_text,
            bundle
                .segment_texts
                .iter()
                .filter(|t| t.segment_id == seg.id && !t.abstract_text.trim().is_empty())
                .map(|t| (t.language.as_str(), t.abstract_text.as_str())),
        );
        let lane = bundle.lane_of(seg);
        segments.push(SegmentView {
            lane,
            room: bundle.lane_name(lane),
            abstract_text: summary.text.to_owned(),
            abstract_lang: summary.language.to_owned(),
            track: seg.track.clone(),
            languages: split_list(&seg.session_languages),
            may_record: seg.may_record,
            may_stream: seg.may_stream,
            may_photograph: seg.may_photograph,
            uid: seg.uid.clone(),
            number,
            kind: seg.kind,
            title: title.text.to_owned(),
            title_lang: title.language.to_owned(),
            start_local: t.start.naive_local(),
            end_local: t.end.naive_local(),
            start_offset: crate::domain::time::repeated_offset(t.start),
            end_offset: crate::domain::time::repeated_offset(t.end),
            start_utc: t.start.with_timezone(&chrono::Utc),
            end_utc: t.end.with_timezone(&chrono::Utc),
            minutes: t.minutes.get(),
            film,
            appearances,
            reads: seg
                .issued_statement_id
                .and_then(|id| bundle.issued.iter().find(|s| s.id == id && s.published))
                .map(|s| {
                    let (title, _, language) =
                        crate::responses::issued::ssr::texts_of(s, &bundle.issued_texts, lang);
                    (s.slug.clone(), title.to_owned(), language.to_owned())
                }),
        });
    }
    let venue = bundle.venue.as_ref().map(venue_view);
    let texts = || {
        bundle
            .gathering_texts
            .iter()
            .filter(|t| t.gathering_id == g.id)
    };
    let title = gathering_title(bundle, lang, default);
    let description = localized(
        lang,
        default,
        &g.public_description,
        texts().map(|t| (t.language.as_str(), t.public_description.as_str())),
    );
    let statements = bundle
        .statements
        .iter()
        .filter(|s| s.public)
        .map(|s| statement_view(bundle, s, lang))
        .collect();
    // Only lanes with something public: a lane of internal segments (the crew's
    // backstage lane) is nobody else's business, and no empty column.
    let lanes: Vec<LaneView> = bundle
        .lanes
        .iter()
        .filter(|l| segments.iter().any(|s| s.lane == l.id))
        .enumerate()
        .map(|(i, l)| {
            let room = bundle.room_of_lane(l.id);
            LaneView {
                id: l.id,
                number: i + 1,
                name: bundle.lane_name(l.id),
                capacity: room.and_then(|r| r.capacity),
                accessibility: room.map(|r| r.accessibility.clone()).unwrap_or_default(),
                directions: room.map(|r| r.directions.clone()).unwrap_or_default(),
            }
        })
        .collect();
    Ok(GatheringPage {
        org_slug: org.slug.clone(),
        org_name: org.name.clone(),
        slug: g.slug.clone(),
        title: title.text.to_owned(),
        title_lang: title.language.to_owned(),
        kind: g.kind,
        status,
        time_zone: g.time_zone.clone(),
        starts_local: g.starts_local,
        ends_local: g.ends_local,
        venue,
        description: description.text.to_owned(),
        languages: split_list(&g.languages),
        agenda: segments,
        statements,
        starts_utc: g.starts_at.timestamp(),
        ends_utc: g.ends_at.timestamp(),
        origin: String::new(),
        campaign: None,
        other_dates: Vec::new(),
        preview,
        releases: release_views(bundle),
        lanes,
    })
}
