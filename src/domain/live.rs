//! The live run of show: what is running now, what comes next, and how late it all is.
//!
//! Rules kept here:
//! - A segment that has ended keeps its actual start and end.
//! - The running segment started when the host started it and is expected to last its
//!   planned length; once it overruns it is expected to end "now", never in the past.
//! - A skipped segment takes no time. A segment never started while a later one has
//!   started counts as skipped too (the host moved on).
//! - Segments not started yet follow on from the one before and never start before
//!   "now". A hard start stays at its time when the programme before it runs late; the
//!   minutes the segment before runs into it are its `squeeze`. A hard start that has
//!   passed without the segment starting follows on like the others.
//! - Lateness is signed whole minutes (positive: late, negative: early), rounded to the
//!   nearest minute; the gathering's over/under compares the expected end of the
//!   programme with its planned end.
//! - The day has edges: more than [`DAY_EDGE_HOURS`] before the start with nothing
//!   tapped it is "before" (a countdown, nothing late); more than that after the planned
//!   end it is "after": nothing is expected any more, so segments never started keep
//!   their planned times and one left running ends at its planned length, instead of
//!   the programme "running" years over.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::agenda::{AgendaItem, time_agenda};

/// What the host has done with one segment so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct LiveState {
    pub id: i64,
    pub started: Option<DateTime<Utc>>,
    pub ended: Option<DateTime<Utc>>,
    pub skipped: bool,
}

/// Hours before the start and after the planned end that still count as the day.
pub const DAY_EDGE_HOURS: i64 = 12;

/// Where the day stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Day {
    /// Well before the start, nothing tapped yet.
    Before,
    /// From a little before the start (or the first tap) until a while after the end.
    On,
    /// Well after the planned end: what happened is history.
    After,
}

/// Where a segment stands on the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Phase {
    Done,
    Running,
    Next,
    Upcoming,
    Skipped,
}

/// One segment with its planned and its expected (or actual) times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveItem {
    pub id: i64,
    pub phase: Phase,
    pub planned_start: DateTime<Tz>,
    pub planned_end: DateTime<Tz>,
    /// Actual start for segments that have started; expected start for the others.
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
    pub hard: bool,
    /// `start - planned_start` in whole minutes (positive: late).
    pub late_minutes: i64,
    /// For a hard start: how many minutes the segment before runs into it.
    pub squeeze_minutes: u32,
}

/// The programme as it stands at one instant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveAgenda {
    pub items: Vec<LiveItem>,
    pub running: Option<i64>,
    pub next: Option<i64>,
    /// When the running segment's planned length is up.
    pub running_due: Option<DateTime<Tz>>,
    /// Seconds from now to `running_due` (negative: overrunning).
    pub remaining_seconds: Option<i64>,
    /// Expected end of the programme against its planned end, in whole minutes
    /// (positive: over, negative: under).
    pub over_minutes: i64,
    pub day: Day,
}

/// Signed whole minutes from `from` to `to`, rounded to the nearest minute.
fn signed_minutes(from: DateTime<Tz>, to: DateTime<Tz>) -> i64 {
    let seconds = (to - from).num_seconds();
    (seconds + seconds.signum() * 30) / 60
}

/// The live programme at `now`, from the plan and what the host has done.
pub fn live_agenda(
    start: DateTime<Tz>,
    planned_end: DateTime<Tz>,
    items: &[AgendaItem],
    states: &[LiveState],
    now: DateTime<Utc>,
) -> LiveAgenda {
    let tz = start.timezone();
    let edge = chrono::Duration::hours(DAY_EDGE_HOURS);
    let tapped = states
        .iter()
        .any(|s| s.started.is_some() || s.ended.is_some() || s.skipped);
    let day = if now > planned_end + edge {
        Day::After
    } else if now < start - edge && !tapped {
        Day::Before
    } else {
        Day::On
    };
    // After the day nothing waits for "now": the programme is read as it was planned
    // and tapped.
    let now = match day {
        Day::After => start,
        _ => now.with_timezone(&tz),
    };
    let plan = time_agenda(start, planned_end, items);
    let state = |id: i64| {
        states
            .iter()
            .find(|s| s.id == id)
            .copied()
            .unwrap_or(LiveState {
                id,
                ..LiveState::default()
            })
    };
    let last_started = items
        .iter()
        .rposition(|item| state(item.id).started.is_some());
    let mut cursor = start;
    let mut out: Vec<LiveItem> = Vec::with_capacity(items.len());
    let mut running = None;
    let mut running_due = None;
    for (index, (item, planned)) in items.iter().zip(&plan.items).enumerate() {
        let s = state(item.id);
        let length = planned.minutes.duration();
        let skipped =
            s.skipped || (s.started.is_none() && last_started.is_some_and(|last| index < last));
        let (phase, from, to, squeeze) = if skipped {
            (Phase::Skipped, cursor, cursor, 0)
        } else if let Some(began) = s.started {
            let began = began.with_timezone(&tz);
            match s.ended {
                Some(ended) => {
                    let ended = ended.with_timezone(&tz).max(began);
                    (Phase::Done, began, ended, 0)
                }
                None => {
                    running = Some(item.id);
                    running_due = Some(began + length);
                    (Phase::Running, began, (began + length).max(now), 0)
                }
            }
        } else {
            let (from, squeeze) = match item.hard_start.map(|h| h.with_timezone(&tz)) {
                Some(hard) if hard > now => {
                    let squeeze = if cursor > hard {
                        u32::try_from((cursor - hard).num_minutes()).unwrap_or(u32::MAX)
                    } else {
                        0
                    };
                    (hard, squeeze)
                }
                _ => (cursor.max(now), 0),
            };
            (Phase::Upcoming, from, from + length, squeeze)
        };
        if phase != Phase::Skipped {
            cursor = to;
        }
        out.push(LiveItem {
            id: item.id,
            phase,
            planned_start: planned.start,
            planned_end: planned.end,
            start: from,
            end: to,
            hard: planned.hard,
            late_minutes: signed_minutes(planned.start, from),
            squeeze_minutes: squeeze,
        });
    }
    let next = out
        .iter_mut()
        .find(|i| i.phase == Phase::Upcoming)
        .map(|i| {
            i.phase = Phase::Next;
            i.id
        });
    let planned_last = plan.items.iter().map(|i| i.end).max().unwrap_or(start);
    let expected_last = out
        .iter()
        .filter(|i| i.phase != Phase::Skipped)
        .map(|i| i.end)
        .max()
        .unwrap_or(start);
    if day == Day::After {
        // Nothing runs or comes next once the day is over.
        for i in &mut out {
            if matches!(i.phase, Phase::Running | Phase::Next) {
                i.phase = if i.phase == Phase::Running {
                    Phase::Done
                } else {
                    Phase::Upcoming
                };
            }
        }
    }
    let (running, next, running_due) = match day {
        Day::After => (None, None, None),
        _ => (running, next, running_due),
    };
    LiveAgenda {
        items: out,
        running,
        next,
        running_due,
        remaining_seconds: running_due.map(|due| (due - now).num_seconds()),
        over_minutes: if expected_last == planned_last {
            0
        } else {
            signed_minutes(planned_last, expected_last)
        },
        day,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Minutes;
    use chrono::{NaiveDateTime, TimeZone};
    use chrono_tz::Europe::Tirane;
    use rstest::rstest;

    fn tirana(hh_mm: &str) -> DateTime<Tz> {
        let local = NaiveDateTime::parse_from_str(&format!("2023-11-26 {hh_mm}"), "%Y-%m-%d %H:%M")
            .unwrap();
        Tirane.from_local_datetime(&local).unwrap()
    }

    fn utc(hh_mm: &str) -> DateTime<Utc> {
        tirana(hh_mm).to_utc()
    }

    fn segment(id: i64, minutes: u32) -> AgendaItem {
        AgendaItem {
            id,
            lane: 0,
            duration: Some(Minutes::from_const(minutes)),
            film_runtime: None,
            hard_start: None,
        }
    }

    /// Opening 10, film 24, online address 15, then a live call booked for 12:00 sharp.
    fn programme() -> Vec<AgendaItem> {
        vec![
            segment(1, 10),
            segment(2, 24),
            segment(3, 15),
            AgendaItem {
                hard_start: Some(tirana("12:00")),
                ..segment(4, 10)
            },
            segment(5, 8),
        ]
    }

    fn started(id: i64, at: &str) -> LiveState {
        LiveState {
            id,
            started: Some(utc(at)),
            ..LiveState::default()
        }
    }

    fn done(id: i64, from: &str, to: &str) -> LiveState {
        LiveState {
            ended: Some(utc(to)),
            ..started(id, from)
        }
    }

    fn run(states: &[LiveState], now: &str) -> LiveAgenda {
        live_agenda(
            tirana("11:00"),
            tirana("12:30"),
            &programme(),
            states,
            utc(now),
        )
    }

    fn times(a: &LiveAgenda) -> Vec<(Phase, String, String)> {
        a.items
            .iter()
            .map(|i| {
                (
                    i.phase,
                    i.start.format("%H:%M").to_string(),
                    i.end.format("%H:%M").to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn before_the_start_everything_keeps_its_planned_time() {
        let a = run(&[], "10:30");
        assert_eq!(a.running, None);
        assert_eq!(a.next, Some(1));
        assert_eq!(a.over_minutes, 0);
        assert!(
            a.items
                .iter()
                .all(|i| i.start == i.planned_start && i.late_minutes == 0)
        );
    }

    #[test]
    fn starting_late_shifts_every_flowing_segment_and_the_hard_start_stays() {
        // The host opens 7 minutes late.
        let a = run(&[started(1, "11:07")], "11:08");
        use Phase::*;
        assert_eq!(
            times(&a),
            vec![
                (Running, "11:07".into(), "11:17".into()),
                (Next, "11:17".into(), "11:41".into()),
                (Upcoming, "11:41".into(), "11:56".into()),
                (Upcoming, "12:00".into(), "12:10".into()),
                (Upcoming, "12:10".into(), "12:18".into()),
            ]
        );
        assert_eq!(a.items[1].late_minutes, 7);
        assert_eq!(a.items[3].late_minutes, 0, "the hard start keeps its time");
        assert_eq!(a.remaining_seconds, Some(9 * 60));
    }

    #[test]
    fn an_overrun_squeezes_the_hard_start_and_the_gathering_runs_over() {
        // The film started 20 minutes late: the address would run to 12:09.
        let a = run(&[done(1, "11:00", "11:30"), started(2, "11:30")], "11:31");
        let hard = &a.items[3];
        assert_eq!(hard.start.format("%H:%M").to_string(), "12:00");
        assert_eq!(hard.squeeze_minutes, 9);
        assert_eq!(a.items[4].start.format("%H:%M").to_string(), "12:10");
        assert_eq!(
            a.over_minutes, 0,
            "the end follows the hard start, not the overrun"
        );
    }

    #[rstest]
    #[case::on_time("11:05", Some(5 * 60))]
    #[case::overrunning("11:13", Some(-3 * 60))]
    fn the_countdown_goes_negative_when_the_segment_overruns(
        #[case] now: &str,
        #[case] remaining: Option<i64>,
    ) {
        let a = run(&[started(1, "11:00")], now);
        assert_eq!(a.remaining_seconds, remaining);
        let running_end = a.items[0].end.format("%H:%M").to_string();
        assert_eq!(running_end, if now == "11:13" { "11:13" } else { "11:10" });
    }

    #[test]
    fn a_skipped_segment_takes_no_time_and_later_ones_move_up() {
        let skip_film = LiveState {
            id: 2,
            skipped: true,
            ..LiveState::default()
        };
        let a = run(&[done(1, "11:00", "11:10"), skip_film], "11:10");
        assert_eq!(a.items[1].phase, Phase::Skipped);
        assert_eq!(a.next, Some(3));
        assert_eq!(a.items[2].start.format("%H:%M").to_string(), "11:10");
        assert_eq!(a.items[2].late_minutes, -24, "24 minutes early");
    }

    #[test]
    fn moving_on_past_a_segment_counts_it_as_skipped() {
        let a = run(&[done(1, "11:00", "11:10"), started(3, "11:11")], "11:12");
        assert_eq!(a.items[1].phase, Phase::Skipped);
        assert_eq!(a.running, Some(3));
        assert_eq!(a.next, Some(4));
    }

    #[test]
    fn a_hard_start_that_has_passed_follows_on_and_the_end_runs_over() {
        let a = run(&[done(1, "11:00", "12:05")], "12:06");
        assert_eq!(a.items[1].start.format("%H:%M").to_string(), "12:06");
        let hard = &a.items[3];
        assert_eq!(hard.start.format("%H:%M").to_string(), "12:45");
        assert_eq!(hard.squeeze_minutes, 0);
        assert_eq!(a.over_minutes, 45, "planned to end 12:18, now 13:03");
    }

    #[test]
    fn finishing_early_is_negative_over() {
        let states = [
            done(1, "11:00", "11:08"),
            done(2, "11:08", "11:30"),
            done(3, "11:30", "11:40"),
            done(4, "12:00", "12:08"),
            done(5, "12:08", "12:14"),
        ];
        let a = run(&states, "12:20");
        assert_eq!(a.running, None);
        assert_eq!(a.next, None);
        assert_eq!(a.over_minutes, -4);
    }

    fn on(date_time: &str) -> DateTime<Utc> {
        let local = NaiveDateTime::parse_from_str(date_time, "%Y-%m-%d %H:%M").unwrap();
        Tirane.from_local_datetime(&local).unwrap().to_utc()
    }

    fn planned_times(a: &LiveAgenda) -> Vec<(String, String)> {
        a.items
            .iter()
            .map(|i| {
                (
                    i.planned_start.format("%H:%M").to_string(),
                    i.planned_end.format("%H:%M").to_string(),
                )
            })
            .collect()
    }

    #[rstest]
    #[case::three_years_later("2026-12-01 20:00")]
    #[case::the_next_morning("2023-11-27 09:00")]
    fn long_after_the_day_nothing_runs_over_and_the_plan_stands(#[case] now: &str) {
        let a = live_agenda(tirana("11:00"), tirana("12:30"), &programme(), &[], on(now));
        assert_eq!(a.day, Day::After);
        assert_eq!((a.running, a.next, a.remaining_seconds), (None, None, None));
        assert_eq!(a.over_minutes, 0, "not years over");
        let expected: Vec<(String, String)> = times(&a)
            .into_iter()
            .map(|(_, from, to)| (from, to))
            .collect();
        assert_eq!(expected, planned_times(&a));
    }

    #[test]
    fn a_segment_left_running_ends_at_its_planned_length_once_the_day_is_over() {
        // The host started the film at 11:12 and never tapped again.
        let states = [done(1, "11:00", "11:12"), started(2, "11:12")];
        let a = live_agenda(
            tirana("11:00"),
            tirana("12:30"),
            &programme(),
            &states,
            on("2023-11-28 10:00"),
        );
        assert_eq!(a.day, Day::After);
        assert_eq!(a.running, None);
        let t = times(&a);
        assert_eq!(t[0], (Phase::Done, "11:00".into(), "11:12".into()));
        assert_eq!(t[1], (Phase::Done, "11:12".into(), "11:36".into()));
        assert_eq!(t[2].1, "11:36", "the next follows on, not the day after");
        assert_eq!(t[3].1, "12:00", "the fixed start keeps its time");
        assert_eq!(
            a.over_minutes, 0,
            "the two minutes were made up before 12:00"
        );
    }

    #[rstest]
    #[case::days_before("2023-11-23 11:00", Day::Before)]
    #[case::the_evening_before("2023-11-25 22:00", Day::Before)]
    #[case::the_morning_of("2023-11-25 23:30", Day::On)]
    #[case::the_evening_after("2023-11-26 23:59", Day::On)]
    #[case::the_day_after("2023-11-27 01:00", Day::After)]
    fn the_day_has_edges_twelve_hours_either_side(#[case] now: &str, #[case] day: Day) {
        let a = live_agenda(tirana("11:00"), tirana("12:30"), &programme(), &[], on(now));
        assert_eq!(a.day, day);
        if day == Day::Before {
            assert_eq!(a.over_minutes, 0);
            assert_eq!(a.items[0].start, a.items[0].planned_start);
        }
    }

    #[test]
    fn a_rehearsal_tap_days_before_makes_it_the_day() {
        let rehearsal = LiveState {
            id: 1,
            started: Some(on("2023-11-23 18:00")),
            ..LiveState::default()
        };
        let a = live_agenda(
            tirana("11:00"),
            tirana("12:30"),
            &programme(),
            &[rehearsal],
            on("2023-11-23 18:05"),
        );
        assert_eq!(a.day, Day::On);
        assert_eq!(a.running, Some(1));
    }
}
