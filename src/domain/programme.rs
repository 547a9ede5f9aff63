//! The programme grid: a conference's sessions laid out day by day, one column per
//! lane (room), one row per moment something starts or ends.
//!
//! Rules kept here:
//! - A session belongs to the day it starts on, days running from 04:00 to 03:59 local
//!   time (a session at 01:00 is the evening before's), as `domain::frab` writes them.
//! - Rows are the distinct instants at which a session of that day starts or ends, in
//!   order; a session spans the rows from its start to its end, so sessions side by side
//!   are exactly those that run at the same time, and nothing else is implied by height.
//! - A lane whose sessions overlap (an agenda note the organiser sees) gets as many
//!   columns as it needs that day, so no session hides another; every other lane has one.
//! - Free time in a column is one cell per stretch, not one per row.
//! - Sessions come back by index into the caller's list, so the grid says nothing about
//!   what a session shows.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};

/// The day a session belongs to: days run from 04:00 to 03:59 local time.
pub fn day_of<Z: TimeZone>(start: &DateTime<Z>) -> NaiveDate {
    (start.naive_local() - chrono::Duration::hours(4)).date()
}

/// One session to place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GridItem {
    /// Its place in the caller's list.
    pub index: usize,
    /// Its lane's place, left to right.
    pub lane: usize,
    pub day: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// What a cell holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// A session, spanning this many rows.
    Session { index: usize, rows: usize },
    /// Nothing in this column for this many rows.
    Free { rows: usize },
}

/// One row: when it begins, and the cells that begin in it, left to right.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridRow {
    pub at: DateTime<Utc>,
    /// `(column, cell)`; columns covered by a cell from an earlier row are absent.
    pub cells: Vec<(usize, Cell)>,
}

/// One day of the grid.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GridDay {
    pub day: NaiveDate,
    /// How many columns each lane has that day.
    pub columns: Vec<usize>,
    pub rows: Vec<GridRow>,
}

/// Lays out sessions in `lanes` lanes, day by day in date order.
pub fn grid(items: &[GridItem], lanes: usize) -> Vec<GridDay> {
    let mut days: Vec<NaiveDate> = items.iter().map(|i| i.day).collect();
    days.sort_unstable();
    days.dedup();
    days.into_iter()
        .map(|day| {
            let mut of_day: Vec<&GridItem> = items
                .iter()
                .filter(|i| i.day == day && i.lane < lanes && i.start < i.end)
                .collect();
            of_day.sort_by_key(|i| (i.start, i.end, i.index));
            lay_out_day(day, &of_day, lanes)
        })
        .collect()
}

fn lay_out_day(day: NaiveDate, items: &[&GridItem], lanes: usize) -> GridDay {
    // Sub-columns per lane: each session into the first that is free at its start.
    let mut ends: Vec<Vec<DateTime<Utc>>> = vec![Vec::new(); lanes];
    let mut placed: Vec<(usize, usize)> = Vec::with_capacity(items.len());
    for item in items {
        let subs = &mut ends[item.lane];
        let sub = match subs.iter().position(|end| *end <= item.start) {
            Some(free) => free,
            None => {
                subs.push(item.start);
                subs.len() - 1
            }
        };
        subs[sub] = item.end;
        placed.push((item.lane, sub));
    }
    let columns: Vec<usize> = ends.iter().map(|e| e.len().max(1)).collect();
    let first_column: Vec<usize> = columns
        .iter()
        .scan(0, |acc, n| {
            let at = *acc;
            *acc += n;
            Some(at)
        })
        .collect();
    let width: usize = columns.iter().sum();

    let mut bounds: Vec<DateTime<Utc>> = items.iter().flat_map(|i| [i.start, i.end]).collect();
    bounds.sort_unstable();
    bounds.dedup();
    let row_of = |t: DateTime<Utc>| bounds.binary_search(&t).unwrap_or(0);
    let row_count = bounds.len().saturating_sub(1);

    // Which session starts in each column and row.
    let mut starts: Vec<Vec<Option<Cell>>> = vec![vec![None; row_count]; width];
    for (item, (lane, sub)) in items.iter().zip(&placed) {
        let (from, to) = (row_of(item.start), row_of(item.end));
        if from < row_count {
            starts[first_column[*lane] + sub][from] = Some(Cell::Session {
                index: item.index,
                rows: to - from,
            });
        }
    }
    let mut rows: Vec<GridRow> = bounds
        .iter()
        .take(row_count)
        .map(|at| GridRow {
            at: *at,
            cells: Vec::new(),
        })
        .collect();
    for (column, begins) in starts.iter().enumerate() {
        let mut row = 0;
        while row < row_count {
            match begins[row] {
                Some(cell @ Cell::Session { rows: span, .. }) => {
                    rows[row].cells.push((column, cell));
                    row += span.max(1);
                }
                _ => {
                    let free_from = row;
                    while row < row_count && begins[row].is_none() {
                        row += 1;
                    }
                    rows[free_from].cells.push((
                        column,
                        Cell::Free {
                            rows: row - free_from,
                        },
                    ));
                }
            }
        }
    }
    for r in &mut rows {
        r.cells.sort_by_key(|(c, _)| *c);
    }
    GridDay { day, columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDateTime;
    use rstest::rstest;

    fn t(hh_mm: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(&format!("2027-05-14 {hh_mm}"), "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    fn item(index: usize, lane: usize, from: &str, to: &str) -> GridItem {
        GridItem {
            index,
            lane,
            day: NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(),
            start: t(from),
            end: t(to),
        }
    }

    fn session(index: usize, rows: usize) -> Cell {
        Cell::Session { index, rows }
    }

    #[test]
    fn two_rooms_side_by_side() {
        // Room A: 09:00–09:30, 09:30–10:00. Room B: 09:00–09:45.
        let days = grid(
            &[
                item(0, 0, "09:00", "09:30"),
                item(1, 1, "09:00", "09:45"),
                item(2, 0, "09:30", "10:00"),
            ],
            2,
        );
        assert_eq!(days.len(), 1);
        let d = &days[0];
        assert_eq!(d.columns, vec![1, 1]);
        let at: Vec<DateTime<Utc>> = d.rows.iter().map(|r| r.at).collect();
        assert_eq!(at, vec![t("09:00"), t("09:30"), t("09:45")]);
        assert_eq!(
            d.rows[0].cells,
            vec![(0, session(0, 1)), (1, session(1, 2))]
        );
        assert_eq!(d.rows[1].cells, vec![(0, session(2, 2))]);
        // Room B is free from 09:45 until the last session ends.
        assert_eq!(d.rows[2].cells, vec![(1, Cell::Free { rows: 1 })]);
    }

    #[rstest]
    // Every row of every column is covered exactly once, whatever the programme.
    #[case(vec![item(0, 0, "09:00", "10:00"), item(1, 1, "09:20", "09:40"), item(2, 2, "11:00", "11:30")], 3)]
    #[case(vec![item(0, 0, "09:00", "10:00"), item(1, 0, "09:30", "10:30"), item(2, 1, "09:00", "09:10")], 2)]
    #[case(vec![item(0, 1, "09:00", "09:05")], 4)]
    fn every_cell_is_covered_once(#[case] items: Vec<GridItem>, #[case] lanes: usize) {
        for d in grid(&items, lanes) {
            let width: usize = d.columns.iter().sum();
            let mut covered = vec![vec![0u8; width]; d.rows.len()];
            for (r, row) in d.rows.iter().enumerate() {
                for (c, cell) in &row.cells {
                    let span = match cell {
                        Cell::Session { rows, .. } | Cell::Free { rows } => *rows,
                    };
                    for cover in covered.iter_mut().skip(r).take(span) {
                        cover[*c] += 1;
                    }
                }
            }
            assert!(covered.iter().flatten().all(|n| *n == 1), "{covered:?}");
        }
    }

    #[test]
    fn overlapping_sessions_in_one_lane_get_a_column_each() {
        let days = grid(
            &[
                item(0, 0, "09:00", "10:00"),
                item(1, 0, "09:30", "10:30"),
                item(2, 1, "09:00", "09:30"),
            ],
            2,
        );
        assert_eq!(days[0].columns, vec![2, 1]);
        assert_eq!(
            days[0].rows[1].cells,
            vec![(1, session(1, 2)), (2, Cell::Free { rows: 2 })]
        );
    }

    #[test]
    fn days_come_in_date_order_and_keep_their_sessions() {
        let mut second = item(5, 0, "09:00", "09:30");
        second.day = NaiveDate::from_ymd_opt(2027, 5, 15).unwrap();
        let days = grid(&[second, item(1, 0, "10:00", "10:30")], 1);
        let order: Vec<NaiveDate> = days.iter().map(|d| d.day).collect();
        assert_eq!(
            order,
            vec![NaiveDate::from_ymd_opt(2027, 5, 14).unwrap(), second.day]
        );
        assert_eq!(days[1].rows[0].cells, vec![(0, session(5, 1))]);
    }
}
