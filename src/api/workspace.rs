//! The members' side: the workspace start page and the run-sheet of a gathering.
//! Every function here checks, on the server, who is asking and their role.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::GatheringCard;
use crate::domain::{
    AppearanceMode, AppearanceRole, GatheringKind, GatheringStatus, MemberRole, SegmentKind,
};
use crate::error::AppError;

/// What a signed-in member sees first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub user_name: String,
    /// The search typed, if any.
    pub search: String,
    pub organisations: Vec<WorkspaceOrg>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceOrg {
    pub slug: String,
    pub name: String,
    pub role: MemberRole,
    /// The gatherings matching the search, drafts included, newest first, one page.
    pub gatherings: crate::domain::listing::Listed<GatheringCard>,
}

/// The host's cue sheet for one gathering: internal details included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSheet {
    pub org_slug: String,
    pub org_name: String,
    pub slug: String,
    pub title: String,
    pub kind: GatheringKind,
    pub status: GatheringStatus,
    pub time_zone: String,
    pub starts_local: NaiveDateTime,
    pub ends_local: NaiveDateTime,
    pub venue: Option<RunSheetVenue>,
    pub hosts: Vec<String>,
    pub internal_notes: String,
    pub rows: Vec<RunRow>,
    /// Minutes the programme runs past the planned end.
    pub overrun_minutes: Option<u32>,
    /// Every statement, public or not, in full.
    pub statements: Vec<crate::api::StatementView>,
    pub contacts: Vec<RunContact>,
    pub expected_attendance: Option<i32>,
    /// Recorded after the day.
    pub actual_attendance: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunSheetVenue {
    pub name: String,
    pub address: String,
    pub access_notes: String,
    pub directions: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRow {
    /// Stable identifier of the segment (for per-segment crew feed UIDs).
    pub uid: String,
    pub number: u32,
    pub kind: SegmentKind,
    pub title: String,
    pub start_local: NaiveDateTime,
    pub end_local: NaiveDateTime,
    /// The UTC offsets of start and end when the clock shows them twice.
    pub start_offset: Option<String>,
    pub end_offset: Option<String>,
    pub start_utc: chrono::DateTime<chrono::Utc>,
    pub end_utc: chrono::DateTime<chrono::Utc>,
    pub minutes: u32,
    pub hard_start: bool,
    pub public: bool,
    pub film: Option<String>,
    pub people: Vec<RunPerson>,
    pub cues: String,
    /// What happened on the day, in the venue's zone.
    pub actual_start: Option<NaiveDateTime>,
    pub actual_end: Option<NaiveDateTime>,
    pub skipped: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunPerson {
    pub name: String,
    pub role: AppearanceRole,
    pub mode: AppearanceMode,
    pub language: Option<String>,
    pub interpreted_into: Vec<String>,
    /// For online speakers: their own zone and the segment's start there.
    pub home_zone: Option<String>,
    pub local_start_there: Option<NaiveDateTime>,
    pub link: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunContact {
    pub name: String,
    pub contact: String,
    pub home_zone: Option<String>,
}

/// The signed-in member's organisations and gatherings.
#[server]
pub async fn load_workspace(
    lang: String,
    #[server(default)] q: String,
    #[server(default)] page: String,
) -> Result<Workspace, AppError> {
    use crate::db::auth::memberships;
    use crate::db::queries;
    use crate::domain::listing::{ListQuery, matches, paged};
    let db = super::db()?;
    let user = ssr::user(&db).await?;
    let mut organisations = Vec::new();
    let query = ListQuery::parse(&q, "", &page);
    for (org, role) in memberships(&db, user.id).await? {
        let rows = queries::all_gatherings(&db, org.id).await?;
        let total = rows.len();
        let texts = queries::gathering_texts(&db, rows.iter().map(|(g, _)| g.id).collect()).await?;
        let found: Vec<GatheringCard> = rows
            .into_iter()
            .filter_map(|(g, v)| {
                super::organisations::ssr::card(g, v, &org.default_language, &lang, &texts)
            })
            .filter(|c| {
                let place = c.place.as_deref().unwrap_or_default();
                matches(&query.search, &[&c.title, &c.slug, place])
            })
            .collect();
        let gatherings = paged(found, total, query.page);
        organisations.push(WorkspaceOrg {
            slug: org.slug,
            name: org.name,
            role,
            gatherings,
        });
    }
    Ok(Workspace {
        user_name: user.display_name,
        search: query.search,
        organisations,
    })
}

/// The run-sheet of a gathering, for any member of its organisation.
#[server]
pub async fn load_run_sheet(org: String, slug: String, lang: String) -> Result<RunSheet, AppError> {
    use crate::db::queries;
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _role) = ssr::member(&db, &org, Permission::ReadInternal).await?;
    let bundle = queries::gathering_bundle(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    ssr::run_sheet_view(&o, &bundle, &lang)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use chrono::TimeZone;
    use chrono_tz::Tz;
    use sea_orm::DatabaseConnection;

    use super::*;
    use crate::api::gathering::ssr::{agenda, gathering_title, segment_title};
    use crate::api::split_list;
    use crate::db::entities::{app_user, organisation};
    use crate::db::queries::GatheringBundle;
    use crate::domain::access::Permission;

    /// The signed-in user, or `SignInRequired`.
    pub async fn user(db: &DatabaseConnection) -> Result<app_user::Model, AppError> {
        let parts = use_context::<http::request::Parts>().ok_or(AppError::SignInRequired)?;
        crate::server::auth::current_user(db, &parts.headers)
            .await?
            .ok_or(AppError::SignInRequired)
    }

    /// The organisation `slug` if the signed-in user is a member whose role allows `p`
    /// ([`crate::db::auth::member_of`]).
    pub async fn member(
        db: &DatabaseConnection,
        slug: &str,
        p: Permission,
    ) -> Result<(organisation::Model, MemberRole), AppError> {
        let user = user(db).await?;
        crate::db::auth::member_of(db, user.id, slug, p).await
    }

    /// Builds the run-sheet: every segment, internal ones included, timed in the venue's
    /// zone; online speakers also in their own zone.
    pub fn run_sheet_view(
        org: &organisation::Model,
        bundle: &GatheringBundle,
        lang: &str,
    ) -> Result<RunSheet, AppError> {
        let g = &bundle.gathering;
        let default = org.default_language.as_str();
        let (tz, timed) = agenda(bundle)?;
        let mut rows = Vec::new();
        let mut hosts = Vec::new();
        for (i, (seg, t)) in bundle.segments.iter().zip(&timed.items).enumerate() {
            let title = segment_title(bundle, seg, lang, default);
            let people = bundle
                .appearances
                .iter()
                .filter(|a| a.segment_id == seg.id)
                .filter_map(|a| {
                    let p = bundle.people.get(&a.person_id)?;
                    let role: AppearanceRole = a.role.parse().ok()?;
                    let mode: AppearanceMode = a.mode.parse().ok()?;
                    if role == AppearanceRole::Host && !hosts.contains(&p.name) {
                        hosts.push(p.name.clone());
                    }
                    let home: Option<Tz> = p.home_time_zone.as_deref().and_then(|z| z.parse().ok());
                    let there = match (mode, home) {
                        (AppearanceMode::Online, Some(tz)) => {
                            Some(tz.from_utc_datetime(&t.start.naive_utc()).naive_local())
                        }
                        _ => None,
                    };
                    Some(RunPerson {
                        name: p.name.clone(),
                        role,
                        mode,
                        language: a.language.clone(),
                        interpreted_into: split_list(&a.interpreted_into),
                        home_zone: p.home_time_zone.clone(),
                        local_start_there: there,
                        link: a.online_link.clone(),
                    })
                })
                .collect();
            let film = seg.film_id.and_then(|id| bundle.films.get(&id)).map(|f| {
                let mut bits = vec![f.title.clone(), format!("{} min", f.runtime_minutes)];
                if !f.audio_language.is_empty() {
                    bits.push(format!("audio {}", f.audio_language));
                }
                if !f.subtitle_languages.is_empty() {
                    bits.push(format!("subtitles {}", f.subtitle_languages));
                }
                bits.join(" · ")
            });
            rows.push(RunRow {
                uid: seg.uid.clone(),
                number: u32::try_from(i + 1).unwrap_or(0),
                kind: seg
                    .kind
                    .parse()
                    .map_err(|e| AppError::internal("stored segment kind", e))?,
                title: title.text.to_owned(),
                start_local: t.start.naive_local(),
                end_local: t.end.naive_local(),
                start_offset: crate::domain::time::repeated_offset(t.start),
                end_offset: crate::domain::time::repeated_offset(t.end),
                start_utc: t.start.with_timezone(&chrono::Utc),
                end_utc: t.end.with_timezone(&chrono::Utc),
                minutes: t.minutes.get(),
                hard_start: t.hard,
                public: seg.public,
                film,
                people,
                cues: seg.cue_notes.clone(),
                actual_start: seg.actual_start.map(|t| t.with_timezone(&tz).naive_local()),
                actual_end: seg.actual_end.map(|t| t.with_timezone(&tz).naive_local()),
                skipped: seg.skipped,
            });
        }
        let statements = bundle
            .statements
            .iter()
            .map(|s| crate::api::gathering::ssr::statement_view(bundle, s, lang))
            .collect();
        let mut contacts: Vec<RunContact> = bundle
            .people
            .values()
            .filter(|p| !p.contact.is_empty())
            .map(|p| RunContact {
                name: p.name.clone(),
                contact: p.contact.clone(),
                home_zone: p.home_time_zone.clone(),
            })
            .collect();
        contacts.sort_by(|a, b| a.name.cmp(&b.name));
        let title = gathering_title(bundle, lang, default);
        Ok(RunSheet {
            org_slug: org.slug.clone(),
            org_name: org.name.clone(),
            slug: g.slug.clone(),
            title: title.text.to_owned(),
            kind: g
                .kind
                .parse()
                .map_err(|e| AppError::internal("stored kind", e))?,
            status: g
                .status
                .parse()
                .map_err(|e| AppError::internal("stored status", e))?,
            time_zone: g.time_zone.clone(),
            starts_local: g.starts_local,
            ends_local: g.ends_local,
            venue: bundle.venue.as_ref().map(|v| RunSheetVenue {
                name: v.name.clone(),
                address: [v.address.as_str(), v.city.as_str()]
                    .into_iter()
                    .filter(|s| !s.is_empty() && !v.name.contains(*s))
                    .collect::<Vec<_>>()
                    .join(", "),
                access_notes: v.access_notes.clone(),
                directions: v.public_directions.clone(),
            }),
            hosts,
            internal_notes: g.internal_notes.clone(),
            rows,
            overrun_minutes: timed.overrun_minutes,
            statements,
            contacts,
            expected_attendance: g.expected_attendance,
            actual_attendance: g.actual_attendance,
        })
    }
}
