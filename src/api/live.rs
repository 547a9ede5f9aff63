//! The live run of show of a gathering (members only): now, next, how late, and every
//! segment planned against actual.

use chrono::NaiveDateTime;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::SegmentKind;
use crate::domain::live::{Day, Phase};
use crate::error::AppError;

/// The live view of one gathering at one instant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveView {
    pub org_slug: String,
    pub slug: String,
    pub title: String,
    pub time_zone: String,
    /// Whether the member may start, end and skip segments.
    pub can_run: bool,
    /// Whether the member may clear what happened (organisers and owners).
    pub can_reset: bool,
    pub now_local: NaiveDateTime,
    /// Before the day (a countdown), on it, or after it (what happened).
    pub day: Day,
    /// The planned start in the venue's zone.
    pub starts_local: NaiveDateTime,
    pub rows: Vec<LiveRow>,
    /// Index in `rows` of the running segment and of the next one.
    pub running: Option<usize>,
    pub next: Option<usize>,
    /// When the running segment's planned length is up, as a UTC instant (seconds).
    pub running_due_utc: Option<i64>,
    pub remaining_seconds: Option<i64>,
    /// Expected end of the programme against the plan (positive: over).
    pub over_minutes: i64,
    pub expected_attendance: Option<i32>,
    /// Recorded after the day on the gathering's edit page.
    pub actual_attendance: Option<i32>,
    /// A gathering of parallel rooms: each lane's id and name; every room runs its own
    /// show, and the view is of one of them (`room`).
    #[serde(default)]
    pub rooms: Vec<(i32, String)>,
    #[serde(default)]
    pub room: Option<i32>,
}

/// One segment on the live view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveRow {
    pub id: i32,
    pub number: u32,
    pub kind: SegmentKind,
    pub title: String,
    pub phase: Phase,
    pub planned_start: NaiveDateTime,
    pub planned_end: NaiveDateTime,
    /// Actual times once started; expected ones before.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub hard: bool,
    pub late_minutes: i64,
    pub squeeze_minutes: u32,
    /// Who appears, as the host reads it.
    pub who: Vec<String>,
}

/// The live run of show of a gathering, for any member.
#[server]
pub async fn load_live(
    org: String,
    slug: String,
    lang: String,
    room: Option<i32>,
) -> Result<LiveView, AppError> {
    use crate::db::queries;
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, role) = super::workspace::ssr::member(&db, &org, Permission::ReadInternal).await?;
    let mut bundle = queries::gathering_bundle(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    // Parallel rooms each run their own show: the view is of one room, chosen on it.
    let rooms: Vec<(i32, String)> = if bundle.parallel() {
        bundle
            .lanes
            .iter()
            .enumerate()
            .map(|(i, l)| {
                (
                    l.id,
                    bundle
                        .lane_name(l.id)
                        .unwrap_or_else(|| (i + 1).to_string()),
                )
            })
            .collect()
    } else {
        Vec::new()
    };
    let room = room.filter(|r| rooms.iter().any(|(id, _)| id == r));
    if !rooms.is_empty() {
        let keep: std::collections::HashSet<i32> = bundle
            .segments
            .iter()
            .filter(|s| Some(bundle.lane_of(s)) == room)
            .map(|s| s.id)
            .collect();
        bundle.segments.retain(|s| keep.contains(&s.id));
    }
    let mut view = ssr::live_view(&o, &bundle, &lang, chrono::Utc::now())?;
    view.can_run = role.allows(Permission::RunLive);
    view.can_reset = role.allows(Permission::Delete);
    view.rooms = rooms;
    view.room = room;
    Ok(view)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use chrono::{DateTime, Utc};

    use super::*;
    use crate::db::entities::organisation;
    use crate::db::queries::GatheringBundle;
    use crate::domain::live::{LiveState, live_agenda};
    use crate::responses::gathering::{gathering_title, planned, segment_title};

    /// The live view at `now` (roles left for the caller to fill in).
    pub fn live_view(
        org: &organisation::Model,
        bundle: &GatheringBundle,
        lang: &str,
        now: DateTime<Utc>,
    ) -> Result<LiveView, AppError> {
        let g = &bundle.gathering;
        let plan = planned(bundle)?;
        let states: Vec<LiveState> = bundle
            .segments
            .iter()
            .map(|s| LiveState {
                id: i64::from(s.id),
                started: s.actual_start,
                ended: s.actual_end,
                skipped: s.skipped,
            })
            .collect();
        let live = live_agenda(plan.start, plan.end, &plan.items, &states, now);
        let mut rows = Vec::new();
        for (i, (seg, item)) in bundle.segments.iter().zip(&live.items).enumerate() {
            let title = segment_title(bundle, seg, lang, &org.default_language);
            let who = bundle
                .appearances
                .iter()
                .filter(|a| a.segment_id == seg.id)
                .filter_map(|a| bundle.people.get(&a.person_id).map(|p| p.name.clone()))
                .fold(Vec::<String>::new(), |mut names, n| {
                    if !names.contains(&n) {
                        names.push(n);
                    }
                    names
                });
            rows.push(LiveRow {
                id: seg.id,
                number: u32::try_from(i + 1).unwrap_or(0),
                kind: seg.kind,
                title: title.text.to_owned(),
                phase: item.phase,
                planned_start: item.planned_start.naive_local(),
                planned_end: item.planned_end.naive_local(),
                start: item.start.naive_local(),
                end: item.end.naive_local(),
                hard: item.hard,
                late_minutes: item.late_minutes,
                squeeze_minutes: item.squeeze_minutes,
                who,
            });
        }
        let index =
            |id: Option<i64>| id.and_then(|id| rows.iter().position(|r| i64::from(r.id) == id));
        let running = index(live.running);
        let title = gathering_title(bundle, lang, &org.default_language);
        Ok(LiveView {
            org_slug: org.slug.clone(),
            slug: g.slug.clone(),
            title: title.text.to_owned(),
            time_zone: g.time_zone.clone(),
            can_run: false,
            can_reset: false,
            now_local: now.with_timezone(&plan.zone).naive_local(),
            day: live.day,
            starts_local: plan.start.naive_local(),
            running,
            next: index(live.next),
            running_due_utc: live.running_due.map(|t| t.timestamp()),
            remaining_seconds: live.remaining_seconds,
            over_minutes: live.over_minutes,
            expected_attendance: g.expected_attendance,
            actual_attendance: g.actual_attendance,
            rows,
            rooms: Vec::new(),
            room: None,
        })
    }
}
