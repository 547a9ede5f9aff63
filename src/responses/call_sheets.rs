//! Per-person call sheets of a gathering (members only): when and where each person is
//! needed, their parts, who introduces and who interprets them, in the venue's zone and
//! in their own; and the call line every surface that shows them says the same way.

use chrono::{NaiveDate, NaiveDateTime};
use fluent_templates::fluent_bundle::FluentValue;
use serde::{Deserialize, Serialize};

use crate::domain::{AppearanceMode, AppearanceRole};
use crate::i18n::Lang;

/// Every call sheet of one gathering.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CallSheets {
    pub org_slug: String,
    pub org_name: String,
    pub slug: String,
    pub title: String,
    pub time_zone: String,
    pub date: NaiveDate,
    /// The venue's name and address.
    pub venue: Option<String>,
    pub people: Vec<PersonCall>,
}

/// One person's call sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonCall {
    pub name: String,
    /// Their own zone, when it differs from the venue's.
    pub home_zone: Option<String>,
    pub contact: String,
    pub call: Option<CallTimes>,
    pub parts: Vec<PartTimes>,
}

/// A wall-clock time at the venue and, when the person lives elsewhere, at home.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct TwoClocks {
    pub venue: NaiveDateTime,
    pub home: Option<NaiveDateTime>,
}

/// When a person is first needed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum CallTimes {
    Arrive(TwoClocks),
    Online { check: TwoClocks, join: TwoClocks },
}

/// One part a person has in the programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartTimes {
    pub number: u32,
    pub title: String,
    pub start: TwoClocks,
    pub end: TwoClocks,
    pub role: AppearanceRole,
    pub mode: AppearanceMode,
    pub introduced_by: Vec<String>,
    pub interpreted_by: Vec<String>,
}

/// "11:14" at the venue, with "(10:14 in Europe/London)" when the person lives elsewhere.
fn two_clocks(lang: Lang, t: TwoClocks, home_zone: Option<&str>) -> String {
    let venue = lang.format_time(t.venue);
    match (t.home, home_zone) {
        (Some(h), Some(zone)) => lang.t_with(
            "call-time-both",
            &[
                ("venue", FluentValue::from(venue)),
                ("home", FluentValue::from(lang.format_time(h))),
                ("zone", FluentValue::from(zone.to_owned())),
            ],
        ),
        _ => venue,
    }
}

/// What a person is asked to do first: arrive, or test the call and join.
pub fn call_line(lang: Lang, call: &Option<CallTimes>, zone: Option<&str>) -> String {
    match call {
        Some(CallTimes::Arrive(at)) => lang.t_with(
            "call-arrive",
            &[("time", FluentValue::from(two_clocks(lang, *at, zone)))],
        ),
        Some(CallTimes::Online { check, join }) => lang.t_with(
            "call-online",
            &[
                ("check", FluentValue::from(two_clocks(lang, *check, zone))),
                ("join", FluentValue::from(two_clocks(lang, *join, zone))),
            ],
        ),
        None => lang.t("call-none"),
    }
}

/// Builds every person's call sheet of a gathering from its bundle.
#[cfg(feature = "ssr")]
pub use build::call_sheets_view;

#[cfg(feature = "ssr")]
mod build {
    use chrono::{DateTime, Utc};
    use chrono_tz::Tz;

    use super::*;
    use crate::db::entities::organisation;
    use crate::db::queries::GatheringBundle;
    use crate::domain::call_sheet::{Call, CallAppearance, CallSegment, call_sheets};
    use crate::error::AppError;
    use crate::responses::gathering::{agenda, gathering_title, segment_title, venue_view};

    /// Builds every person's call sheet from the timed agenda.
    pub fn call_sheets_view(
        org: &organisation::Model,
        bundle: &GatheringBundle,
        lang: &str,
    ) -> Result<CallSheets, AppError> {
        let g = &bundle.gathering;
        let (tz, timed) = agenda(bundle)?;
        let segments: Vec<CallSegment> = bundle
            .segments
            .iter()
            .zip(&timed.items)
            .map(|(seg, t)| CallSegment {
                id: i64::from(seg.id),
                start: t.start.to_utc(),
                end: t.end.to_utc(),
                appearances: bundle
                    .appearances
                    .iter()
                    .filter(|a| a.segment_id == seg.id)
                    .map(|a| CallAppearance {
                        person_id: i64::from(a.person_id),
                        role: a.role,
                        mode: a.mode,
                    })
                    .collect(),
            })
            .collect();
        let name = |id: &i64| {
            i32::try_from(*id)
                .ok()
                .and_then(|id| bundle.people.get(&id))
                .map(|p| p.name.clone())
                .unwrap_or_default()
        };
        let mut people = Vec::new();
        for sheet in call_sheets(&segments) {
            let Some(person) = i32::try_from(sheet.person_id)
                .ok()
                .and_then(|id| bundle.people.get(&id))
            else {
                continue;
            };
            let home: Option<Tz> = person
                .home_time_zone
                .as_deref()
                .and_then(|z| z.parse().ok())
                .filter(|h| *h != tz);
            let clocks = |t: DateTime<Utc>| TwoClocks {
                venue: t.with_timezone(&tz).naive_local(),
                home: home.map(|h| t.with_timezone(&h).naive_local()),
            };
            let call = sheet.call.map(|c| match c {
                Call::Arrive { at } => CallTimes::Arrive(clocks(at)),
                Call::Online { check, join } => CallTimes::Online {
                    check: clocks(check),
                    join: clocks(join),
                },
            });
            let parts = sheet
                .parts
                .iter()
                .filter_map(|p| {
                    let index = bundle
                        .segments
                        .iter()
                        .position(|s| i64::from(s.id) == p.segment_id)?;
                    let seg = &bundle.segments[index];
                    let title = segment_title(bundle, seg, lang, &org.default_language);
                    Some(PartTimes {
                        number: u32::try_from(index + 1).unwrap_or(0),
                        title: title.text.to_owned(),
                        start: clocks(p.start),
                        end: clocks(p.end),
                        role: p.role,
                        mode: p.mode,
                        introduced_by: p.introduced_by.iter().map(name).collect(),
                        interpreted_by: p.interpreted_by.iter().map(name).collect(),
                    })
                })
                .collect();
            people.push(PersonCall {
                name: person.name.clone(),
                home_zone: home.map(|h| h.name().to_owned()),
                contact: person.contact.clone(),
                call,
                parts,
            });
        }
        let title = gathering_title(bundle, lang, &org.default_language);
        Ok(CallSheets {
            org_slug: org.slug.clone(),
            org_name: org.name.clone(),
            slug: g.slug.clone(),
            title: title.text.to_owned(),
            time_zone: g.time_zone.clone(),
            date: g.starts_local.date(),
            venue: bundle.venue.as_ref().map(|v| venue_view(v).location()),
            people,
        })
    }
}
