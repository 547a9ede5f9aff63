//! A gathering's public programme: the day × room grid, one session's page.

use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::responses::GatheringPage;

/// The programme page: the gathering's public page and its grid.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammePage {
    pub page: GatheringPage,
    pub days: Vec<ProgrammeDay>,
    /// The tracks, in order of first appearance.
    pub tracks: Vec<String>,
}

/// One day of the grid (`domain::programme`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeDay {
    pub date: NaiveDate,
    /// Columns per lane (of `page.lanes`, in order).
    pub columns: Vec<usize>,
    pub rows: Vec<ProgrammeRow>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeRow {
    /// When the row begins, on the venue's clock.
    pub at: NaiveDateTime,
    pub cells: Vec<ProgrammeCell>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProgrammeCell {
    pub rows: usize,
    /// The session, by its place in `page.agenda`; `None` for free time.
    pub session: Option<usize>,
}

/// A published gathering's programme.
#[server]
pub async fn public_programme(
    org: String,
    slug: String,
    lang: String,
) -> Result<ProgrammePage, AppError> {
    let page = crate::api::gathering::public_gathering(org, slug, lang).await?;
    Ok(ssr::programme(page))
}

/// What changed in a programme since one of its releases.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangesPage {
    pub org_slug: String,
    pub slug: String,
    pub title: String,
    pub title_lang: String,
    pub time_zone: String,
    /// The release compared with what the programme is now.
    pub since: crate::responses::ReleaseView,
    /// The latest release, when it is a later one.
    pub latest: Option<crate::responses::ReleaseView>,
    /// Every release, for choosing another.
    pub releases: Vec<crate::responses::ReleaseView>,
    pub changes: Vec<ChangeView>,
}

/// One session that changed: how, and its time and room before and now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChangeView {
    /// `added`, `moved`, `renamed` or `cancelled`.
    pub kind: String,
    pub uid: String,
    pub title: String,
    /// The title it had, when it was renamed.
    pub was_called: Option<String>,
    pub before: Option<(NaiveDateTime, NaiveDateTime, String)>,
    pub now: Option<(NaiveDateTime, NaiveDateTime, String)>,
}

/// What changed in a published gathering's programme since release `since` (the one
/// before the latest when `since` is 0).
#[server]
pub async fn public_changes(
    org: String,
    slug: String,
    lang: String,
    since: u32,
) -> Result<ChangesPage, AppError> {
    let page = crate::api::gathering::public_gathering(org, slug, lang).await?;
    ssr::changes(page, since).await
}

/// One session of a published gathering: its page with just that session in its agenda.
#[server]
pub async fn public_session(
    org: String,
    slug: String,
    uid: String,
    lang: String,
) -> Result<GatheringPage, AppError> {
    let mut page = crate::api::gathering::public_gathering(org, slug, lang).await?;
    page.agenda.retain(|s| s.uid == uid);
    if page.agenda.is_empty() {
        return Err(AppError::NotFound);
    }
    Ok(page)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use super::{
        ChangeView, ChangesPage, ProgrammeCell, ProgrammeDay, ProgrammePage, ProgrammeRow,
    };
    use crate::error::AppError;

    /// The changes page: the release asked for (or the one before the latest) against
    /// the programme as it is now.
    pub async fn changes(page: GatheringPage, since: u32) -> Result<ChangesPage, AppError> {
        use crate::domain::release::{Change, Session};
        let db = crate::api::db()?;
        let o = crate::db::queries::organisation_by_slug(&db, &page.org_slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let g = crate::db::queries::gathering_by_slug(&db, o.id, &page.slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let releases = crate::db::releases::releases(&db, vec![g.id]).await?;
        let wanted = if since == 0 {
            releases.len().checked_sub(2).map_or(1, |i| i + 1) as u32
        } else {
            since
        };
        let index = releases
            .iter()
            .position(|r| u32::try_from(r.number).ok() == Some(wanted))
            .ok_or(AppError::NotFound)?;
        let zone: chrono_tz::Tz = page.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let local = |s: &Session| {
            (
                s.start.with_timezone(&zone).naive_local(),
                s.end.with_timezone(&zone).naive_local(),
                s.room.clone(),
            )
        };
        // Releases keep the texts in the organisation's language: compared in it, shown
        // in the visitor's where translated.
        let original = crate::api::gathering::public_gathering(
            page.org_slug.clone(),
            page.slug.clone(),
            o.default_language.clone(),
        )
        .await?;
        let now = crate::db::releases::snapshot_of(&original);
        let before = crate::db::releases::snapshot(&releases[index]);
        let shown: std::collections::HashMap<&str, &str> = page
            .agenda
            .iter()
            .map(|s| (s.uid.as_str(), s.title.as_str()))
            .collect();
        let title = |s: &Session| {
            shown
                .get(s.uid.as_str())
                .map_or_else(|| s.title.clone(), |t| (*t).to_owned())
        };
        let changes = crate::domain::release::changes(&before, &now)
            .into_iter()
            .map(|c| match c {
                Change::Added(s) => ChangeView {
                    kind: "added".into(),
                    uid: s.uid.clone(),
                    title: title(&s),
                    was_called: None,
                    before: None,
                    now: Some(local(&s)),
                },
                Change::Cancelled(s) => ChangeView {
                    kind: "cancelled".into(),
                    uid: s.uid.clone(),
                    title: s.title.clone(),
                    was_called: None,
                    before: Some(local(&s)),
                    now: None,
                },
                Change::Moved { before, after } => ChangeView {
                    kind: "moved".into(),
                    uid: after.uid.clone(),
                    was_called: (before.title != after.title).then(|| before.title.clone()),
                    title: title(&after),
                    before: Some(local(&before)),
                    now: Some(local(&after)),
                },
                Change::Renamed { before, after } => ChangeView {
                    kind: "renamed".into(),
                    uid: after.uid.clone(),
                    title: title(&after),
                    was_called: Some(before.title.clone()),
                    before: Some(local(&before)),
                    now: Some(local(&after)),
                },
            })
            .collect();
        let view = |i: usize| page.releases.get(i).cloned();
        let since = view(index).ok_or(AppError::NotFound)?;
        let latest =
            view(page.releases.len().saturating_sub(1)).filter(|l| l.number != since.number);
        Ok(ChangesPage {
            org_slug: page.org_slug.clone(),
            slug: page.slug.clone(),
            title: page.title.clone(),
            title_lang: page.title_lang.clone(),
            time_zone: page.time_zone.clone(),
            since,
            latest,
            releases: page.releases.clone(),
            changes,
        })
    }
    use crate::domain::programme::{Cell, GridItem, day_of, grid};
    use crate::responses::GatheringPage;

    /// Lays out a gathering's public sessions day by day and room by room.
    pub fn programme(page: GatheringPage) -> ProgrammePage {
        let zone: chrono_tz::Tz = page.time_zone.parse().unwrap_or(chrono_tz::UTC);
        let lane_index = |id: i32| page.lanes.iter().position(|l| l.id == id).unwrap_or(0);
        let items: Vec<GridItem> = page
            .agenda
            .iter()
            .enumerate()
            .map(|(index, s)| GridItem {
                index,
                lane: lane_index(s.lane),
                day: day_of(&s.start_utc.with_timezone(&zone)),
                start: s.start_utc,
                // A cue of no length still takes its row.
                end: s.end_utc.max(s.start_utc + chrono::Duration::minutes(1)),
            })
            .collect();
        let days = grid(&items, page.lanes.len().max(1))
            .into_iter()
            .map(|d| ProgrammeDay {
                date: d.day,
                columns: d.columns,
                rows: d
                    .rows
                    .into_iter()
                    .map(|r| ProgrammeRow {
                        at: r.at.with_timezone(&zone).naive_local(),
                        cells: r
                            .cells
                            .into_iter()
                            .map(|(_, cell)| match cell {
                                Cell::Session { index, rows } => ProgrammeCell {
                                    rows,
                                    session: Some(index),
                                },
                                Cell::Free { rows } => ProgrammeCell {
                                    rows,
                                    session: None,
                                },
                            })
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        let mut tracks: Vec<String> = Vec::new();
        for s in &page.agenda {
            if !s.track.is_empty() && !tracks.contains(&s.track) {
                tracks.push(s.track.clone());
            }
        }
        ProgrammePage { page, days, tracks }
    }
}
