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
    use super::{ProgrammeCell, ProgrammeDay, ProgrammePage, ProgrammeRow};
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
