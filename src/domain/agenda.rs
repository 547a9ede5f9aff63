//! Agenda timing: when each segment of a programme starts and ends.
//!
//! Rules kept here:
//! - Segments are given in programme order. The first starts at the gathering start and
//!   each later one when the one before it ends, unless it has a hard start (a live call
//!   booked for a fixed time, say): then it starts exactly then.
//! - A hard start later than the end of the segment before leaves a `Gap`; an earlier one
//!   makes an `Overlap` with it. For the first segment the "segment before" is the
//!   gathering start: a hard start after it is a gap, one before it is
//!   `BeforeGatheringStart` (which any segment with such a hard start also gets).
//! - A segment lasts its explicit duration; failing that, a screening lasts its film's
//!   running time; failing both it lasts 0 minutes and says `NoDuration`.
//! - Everything is computed on instants, never on wall-clock readings, so a segment over
//!   a daylight-saving switch lasts its real length. Times are shown in the zone of the
//!   gathering start, whatever zone a hard start was written in.
//! - Minutes in notes and overruns are whole minutes, rounded up: 30 seconds late is
//!   "1 minute late", never "0 minutes late".
//! - On the day, [`retime_live`] re-times the programme from the segment running now:
//!   the segments after it shift, and none of them is timed to start in the past.
//! - A gathering may run parallel lanes (one per room of a conference). Each lane is a
//!   programme of its own, timed by the rules above from the gathering start: a segment
//!   follows the one before it *in its lane*, gaps and overlaps are within a lane, and
//!   re-timing on the day moves only the lane of the running segment. The agenda ends
//!   when its last lane does.

use chrono::{DateTime, TimeDelta};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::message::say;
use super::types::{Minutes, ValidationError};

/// One segment of the programme as planned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaItem {
    pub id: i64,
    /// The lane the segment runs in; segments of one lane follow each other.
    pub lane: i64,
    /// The planned length; overrides a film's running time when both are set.
    pub duration: Option<Minutes>,
    /// The running time of the film shown in a screening segment.
    pub film_runtime: Option<Minutes>,
    /// A fixed start time, for segments that cannot simply follow the one before.
    pub hard_start: Option<DateTime<Tz>>,
}

/// Something about a segment's timing an organiser should look at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimingNote {
    /// Nothing is planned for this long before the segment's hard start.
    Gap { minutes: u32 },
    /// The segment's hard start falls this long before the previous segment ends.
    Overlap { minutes: u32 },
    /// Neither a duration nor a film running time is known; timed as 0 minutes.
    NoDuration,
    /// The segment's hard start is this long before the gathering starts.
    BeforeGatheringStart { minutes: u32 },
}

/// A segment with its computed times, in the zone of the gathering.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedItem {
    pub id: i64,
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
    /// The planned length used for timing. In a live re-timing the running segment may
    /// end later than `start + minutes`, when it is overrunning.
    pub minutes: Minutes,
    /// Whether the segment has a hard start.
    pub hard: bool,
    pub notes: Vec<TimingNote>,
}

/// A timed programme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub items: Vec<TimedItem>,
    /// When the last segment ends (the gathering start for an empty programme).
    pub ends: DateTime<Tz>,
    /// How many minutes the programme runs past the planned end, if it does.
    pub overrun_minutes: Option<u32>,
}

impl Agenda {
    /// The timed segment with this id.
    pub fn item(&self, id: i64) -> Option<&TimedItem> {
        self.items.iter().find(|item| item.id == id)
    }

    /// Whether any segment carries a note.
    pub fn has_notes(&self) -> bool {
        self.items.iter().any(|item| !item.notes.is_empty())
    }
}

impl AgendaItem {
    /// The length the segment is timed with, and whether it had to be assumed.
    pub fn effective_duration(&self) -> (Minutes, bool) {
        match self.duration.or(self.film_runtime) {
            Some(minutes) => (minutes, false),
            None => (Minutes::from_const(0), true),
        }
    }
}

/// Times a programme that starts at `start` and is planned to end at `planned_end`.
/// The timed items come back in the order given, each timed within its lane.
pub fn time_agenda(start: DateTime<Tz>, planned_end: DateTime<Tz>, items: &[AgendaItem]) -> Agenda {
    let mut lanes = Lanes::new(start);
    let timed = items
        .iter()
        .map(|item| lanes.timer(item.lane).place(item, item.hard_start, None))
        .collect();
    finish(start, planned_end, timed)
}

/// The segment running now, and when it actually started.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Running {
    pub id: i64,
    pub started: DateTime<Tz>,
}

/// Re-times a programme on the day, while segment `running.id` is under way at `now`.
///
/// The segments before the running one keep their planned times. The running one starts
/// when it actually started (noted as a gap or overlap against the planned end of the
/// segment before) and ends no earlier than `now`. The segments after it follow on as
/// usual, hard starts stay hard, and none starts before `now`.
pub fn retime_live(
    start: DateTime<Tz>,
    planned_end: DateTime<Tz>,
    items: &[AgendaItem],
    running: Running,
    now: DateTime<Tz>,
) -> Result<Agenda, ValidationError> {
    let index = items
        .iter()
        .position(|item| item.id == running.id)
        .ok_or_else(|| {
            ValidationError::new("segment_id", say!("refusal-segment-not-in-programme"))
        })?;
    let lane = items[index].lane;
    let now = now.with_timezone(&start.timezone());
    let mut lanes = Lanes::new(start);
    let mut timed = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let timer = lanes.timer(item.lane);
        let placed = if item.lane != lane || i < index {
            timer.place(item, item.hard_start, None)
        } else if i == index {
            let mut current = timer.place(item, Some(running.started), None);
            current.hard = item.hard_start.is_some();
            if current.end < now {
                current.end = now;
                timer.prev_end = now;
            }
            current
        } else {
            timer.place(item, item.hard_start, Some(now))
        };
        timed.push(placed);
    }
    Ok(finish(start, planned_end, timed))
}

/// One [`Timer`] per lane, each starting at the gathering start.
struct Lanes {
    start: DateTime<Tz>,
    timers: std::collections::BTreeMap<i64, Timer>,
}

impl Lanes {
    fn new(start: DateTime<Tz>) -> Self {
        Self {
            start,
            timers: std::collections::BTreeMap::new(),
        }
    }

    fn timer(&mut self, lane: i64) -> &mut Timer {
        self.timers
            .entry(lane)
            .or_insert_with(|| Timer::new(self.start))
    }
}

/// Walks the programme in order, remembering where the previous segment ended.
struct Timer {
    tz: Tz,
    gathering_start: DateTime<Tz>,
    prev_end: DateTime<Tz>,
    first: bool,
}

impl Timer {
    fn new(start: DateTime<Tz>) -> Self {
        Self {
            tz: start.timezone(),
            gathering_start: start,
            prev_end: start,
            first: true,
        }
    }

    fn place(
        &mut self,
        item: &AgendaItem,
        fixed: Option<DateTime<Tz>>,
        not_before: Option<DateTime<Tz>>,
    ) -> TimedItem {
        let (minutes, assumed) = item.effective_duration();
        let planned = fixed.map_or(self.prev_end, |at| at.with_timezone(&self.tz));
        let start = not_before.map_or(planned, |floor| planned.max(floor));
        let mut notes = Vec::new();
        if fixed.is_some() {
            if start < self.gathering_start {
                notes.push(TimingNote::BeforeGatheringStart {
                    minutes: whole_minutes(start, self.gathering_start),
                });
            }
            if start > self.prev_end {
                notes.push(TimingNote::Gap {
                    minutes: whole_minutes(self.prev_end, start),
                });
            } else if start < self.prev_end && !self.first {
                notes.push(TimingNote::Overlap {
                    minutes: whole_minutes(start, self.prev_end),
                });
            }
        }
        if assumed {
            notes.push(TimingNote::NoDuration);
        }
        let end = start + minutes.duration();
        self.prev_end = end;
        self.first = false;
        TimedItem {
            id: item.id,
            start,
            end,
            minutes,
            hard: fixed.is_some(),
            notes,
        }
    }
}

fn finish(start: DateTime<Tz>, planned_end: DateTime<Tz>, items: Vec<TimedItem>) -> Agenda {
    let ends = items.iter().map(|item| item.end).max().unwrap_or(start);
    let overrun_minutes = (ends > planned_end).then(|| whole_minutes(planned_end, ends));
    Agenda {
        items,
        ends,
        overrun_minutes,
    }
}

/// Minutes from `earlier` to `later`, rounded up; 0 when `later` is not later.
fn whole_minutes(earlier: DateTime<Tz>, later: DateTime<Tz>) -> u32 {
    let span = later - earlier;
    if span <= TimeDelta::zero() {
        return 0;
    }
    let seconds = span.num_seconds() + i64::from(span.subsec_nanos() > 0);
    u32::try_from((seconds + 59) / 60).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDateTime, Offset, TimeZone, Utc};
    use chrono_tz::{Asia::Tehran, Europe::Tirane};
    use rstest::rstest;

    fn at(tz: Tz, s: &str) -> DateTime<Tz> {
        let local = NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
        tz.from_local_datetime(&local).earliest().unwrap()
    }

    fn tirana(hh_mm: &str) -> DateTime<Tz> {
        at(Tirane, &format!("2023-11-26 {hh_mm}"))
    }

    fn segment(id: i64, duration: Option<u32>) -> AgendaItem {
        AgendaItem {
            id,
            lane: 0,
            duration: duration.map(Minutes::from_const),
            film_runtime: None,
            hard_start: None,
        }
    }

    fn screening(id: i64, runtime: u32) -> AgendaItem {
        AgendaItem {
            film_runtime: Some(Minutes::from_const(runtime)),
            ..segment(id, None)
        }
    }

    fn hard(id: i64, duration: u32, start: DateTime<Tz>) -> AgendaItem {
        AgendaItem {
            hard_start: Some(start),
            ..segment(id, Some(duration))
        }
    }

    /// The run of show of the Tirana park gathering, 26 November 2023, from 11:00.
    fn tirana_park() -> Vec<AgendaItem> {
        vec![
            segment(1, Some(10)), // host opens, introduces the society
            screening(2, 24),     // "Biography"
            segment(3, Some(20)), // chief executive, online
            screening(4, 8),      // film of the embassy gathering in Tehran
            segment(5, Some(12)), // head of the mothers' organisation, online
            segment(6, Some(10)), // former member, in person
            segment(7, Some(9)),  // three messages of support read out
            segment(8, Some(6)),  // final statement read aloud
            segment(9, Some(15)), // participants sign
        ]
    }

    #[rstest]
    #[case(1, "11:00", "11:10")]
    #[case(2, "11:10", "11:34")]
    #[case(3, "11:34", "11:54")]
    #[case(4, "11:54", "12:02")]
    #[case(5, "12:02", "12:14")]
    #[case(6, "12:14", "12:24")]
    #[case(7, "12:24", "12:33")]
    #[case(8, "12:33", "12:39")]
    #[case(9, "12:39", "12:54")]
    fn tirana_park_run_of_show(#[case] id: i64, #[case] start: &str, #[case] end: &str) {
        let agenda = time_agenda(tirana("11:00"), tirana("13:00"), &tirana_park());
        let item = agenda.item(id).unwrap();
        assert_eq!(item.start, tirana(start), "segment {id} start");
        assert_eq!(item.end, tirana(end), "segment {id} end");
        assert!(item.notes.is_empty(), "{:?}", item.notes);
        assert!(!item.hard);
    }

    #[test]
    fn tirana_park_fits_its_two_hours_and_is_shown_in_venue_time() {
        let agenda = time_agenda(tirana("11:00"), tirana("13:00"), &tirana_park());
        assert_eq!(agenda.ends, tirana("12:54"));
        assert_eq!(agenda.overrun_minutes, None);
        assert!(!agenda.has_notes());
        // 11:00 in Tirana in November is 10:00 UTC.
        assert_eq!(
            agenda.items[0].start.with_timezone(&Utc).to_rfc3339(),
            "2023-11-26T10:00:00+00:00"
        );
        assert_eq!(agenda.items[0].start.timezone(), Tirane);
    }

    #[rstest]
    // Film runtime only: the screening takes the film's length.
    #[case(None, Some(24), 24, false)]
    // An explicit duration overrides the film (e.g. an excerpt, or a Q&A added).
    #[case(Some(30), Some(24), 30, false)]
    #[case(Some(5), None, 5, false)]
    // Neither: timed as a cue and flagged.
    #[case(None, None, 0, true)]
    #[case(Some(0), None, 0, false)]
    fn durations(
        #[case] duration: Option<u32>,
        #[case] runtime: Option<u32>,
        #[case] expected: u32,
        #[case] flagged: bool,
    ) {
        let item = AgendaItem {
            id: 1,
            lane: 0,
            duration: duration.map(Minutes::from_const),
            film_runtime: runtime.map(Minutes::from_const),
            hard_start: None,
        };
        let agenda = time_agenda(
            tirana("11:00"),
            tirana("13:00"),
            &[item, segment(2, Some(5))],
        );
        assert_eq!(agenda.items[0].minutes.get(), expected);
        assert_eq!(
            agenda.items[0].end,
            tirana("11:00") + TimeDelta::minutes(expected.into())
        );
        assert_eq!(
            agenda.items[0].notes.contains(&TimingNote::NoDuration),
            flagged
        );
        assert_eq!(agenda.items[1].start, agenda.items[0].end);
    }

    #[rstest]
    // The live call is booked for 11:45 but the programme before it ends at 11:34.
    #[case("11:45", vec![TimingNote::Gap { minutes: 11 }], "11:45")]
    // Booked for 11:30: it cuts 4 minutes into the screening.
    #[case("11:30", vec![TimingNote::Overlap { minutes: 4 }], "11:30")]
    // Booked exactly when the screening ends: nothing to say.
    #[case("11:34", vec![], "11:34")]
    fn hard_starts_leave_gaps_or_overlaps(
        #[case] booked: &str,
        #[case] notes: Vec<TimingNote>,
        #[case] start: &str,
    ) {
        let items = [
            segment(1, Some(10)),
            screening(2, 24),
            hard(3, 20, tirana(booked)),
        ];
        let agenda = time_agenda(tirana("11:00"), tirana("13:00"), &items);
        let call = agenda.item(3).unwrap();
        assert_eq!(call.notes, notes);
        assert_eq!(call.start, tirana(start));
        assert!(call.hard);
    }

    #[test]
    fn segments_after_a_hard_start_follow_it() {
        let items = [
            segment(1, Some(10)),
            hard(2, 20, tirana("11:30")),
            segment(3, Some(10)),
            hard(4, 5, tirana("12:00")),
            segment(5, Some(5)),
        ];
        let agenda = time_agenda(tirana("11:00"), tirana("13:00"), &items);
        let starts: Vec<_> = agenda.items.iter().map(|i| i.start).collect();
        assert_eq!(
            starts,
            [
                tirana("11:00"),
                tirana("11:30"),
                tirana("11:50"),
                tirana("12:00"),
                tirana("12:05")
            ]
        );
        assert_eq!(agenda.items[1].notes, [TimingNote::Gap { minutes: 20 }]);
        assert!(agenda.items[3].notes.is_empty());
    }

    #[rstest]
    // The first segment's "previous end" is the gathering start.
    #[case(0, "11:05", vec![TimingNote::Gap { minutes: 5 }])]
    #[case(0, "10:50", vec![TimingNote::BeforeGatheringStart { minutes: 10 }])]
    // A later segment booked before the gathering starts also overlaps what precedes it.
    #[case(1, "10:55", vec![
        TimingNote::BeforeGatheringStart { minutes: 5 },
        TimingNote::Overlap { minutes: 15 },
    ])]
    fn hard_starts_around_the_gathering_start(
        #[case] position: usize,
        #[case] booked: &str,
        #[case] notes: Vec<TimingNote>,
    ) {
        let mut items = vec![segment(1, Some(10)), segment(2, Some(10))];
        items.insert(position, hard(9, 10, tirana(booked)));
        let agenda = time_agenda(tirana("11:00"), tirana("13:00"), &items);
        assert_eq!(agenda.item(9).unwrap().notes, notes);
    }

    #[rstest]
    #[case("12:54", None)]
    #[case("12:55", None)]
    #[case("12:40", Some(14))]
    #[case("12:00", Some(54))]
    fn overrun_against_the_planned_end(#[case] planned_end: &str, #[case] overrun: Option<u32>) {
        let agenda = time_agenda(tirana("11:00"), tirana(planned_end), &tirana_park());
        assert_eq!(agenda.overrun_minutes, overrun);
    }

    #[test]
    fn an_empty_programme_ends_when_it_starts() {
        let agenda = time_agenda(tirana("11:00"), tirana("13:00"), &[]);
        assert_eq!(agenda.ends, tirana("11:00"));
        assert_eq!(agenda.overrun_minutes, None);
    }

    #[test]
    fn the_agenda_ends_with_the_latest_segment_not_the_last_listed() {
        let items = [segment(1, Some(60)), hard(2, 10, tirana("11:20"))];
        let agenda = time_agenda(tirana("11:00"), tirana("11:50"), &items);
        assert_eq!(agenda.ends, tirana("12:00"));
        assert_eq!(agenda.overrun_minutes, Some(10));
    }

    #[test]
    fn part_minutes_round_up() {
        let booked = tirana("11:10") + TimeDelta::seconds(30);
        let items = [segment(1, Some(10)), hard(2, 10, booked)];
        let agenda = time_agenda(tirana("11:00"), tirana("11:20"), &items);
        assert_eq!(agenda.items[1].notes, [TimingNote::Gap { minutes: 1 }]);
        assert_eq!(agenda.overrun_minutes, Some(1));
    }

    #[rstest]
    // Spring forward, 31 March 2024: 02:00 becomes 03:00. An hour from 01:30 is 03:30.
    #[case("2024-03-31 01:30", "2024-03-31 03:30", 3600, 7200)]
    // Fall back, 27 October 2024: 03:00 becomes 02:00. An hour from the first 02:30 is the
    // second 02:30.
    #[case("2024-10-27 02:30", "2024-10-27 02:30", 7200, 3600)]
    fn a_segment_over_the_tirana_clock_change_lasts_its_real_length(
        #[case] start: &str,
        #[case] local_end: &str,
        #[case] offset_before: i32,
        #[case] offset_after: i32,
    ) {
        let start = at(Tirane, start);
        let items = [segment(1, Some(60)), segment(2, Some(15))];
        let agenda = time_agenda(start, start + TimeDelta::hours(2), &items);
        let first = &agenda.items[0];
        assert_eq!(first.end - first.start, TimeDelta::minutes(60));
        assert_eq!(first.end.format("%Y-%m-%d %H:%M").to_string(), local_end);
        assert_eq!(first.start.offset().fix().local_minus_utc(), offset_before);
        assert_eq!(first.end.offset().fix().local_minus_utc(), offset_after);
        assert_eq!(agenda.items[1].start, first.end);
        assert_eq!(agenda.overrun_minutes, None);
    }

    #[rstest]
    // Embassy rally in Tehran: +03:30 all year, so 10:00 is 06:30 UTC.
    #[case(1, "2024-06-20 10:00", "2024-06-20T06:30:00+00:00")]
    #[case(2, "2024-06-20 10:15", "2024-06-20T06:45:00+00:00")]
    #[case(3, "2024-06-20 10:35", "2024-06-20T07:05:00+00:00")]
    fn tehran_rally_times(#[case] id: i64, #[case] local: &str, #[case] utc: &str) {
        let start = at(Tehran, "2024-06-20 10:00");
        // The chief executive, then the ten-point statement, then signing.
        let items = [
            segment(1, Some(15)),
            segment(2, Some(20)),
            segment(3, Some(10)),
        ];
        let agenda = time_agenda(start, start + TimeDelta::hours(1), &items);
        let item = agenda.item(id).unwrap();
        assert_eq!(item.start, at(Tehran, local));
        assert_eq!(item.start.with_timezone(&Utc).to_rfc3339(), utc);
    }

    #[test]
    fn a_hard_start_written_in_another_zone_is_shown_in_venue_time() {
        let start = at(Tehran, "2024-06-20 10:00");
        let booked = Tz::UTC.with_ymd_and_hms(2024, 6, 20, 7, 0, 0).unwrap();
        let agenda = time_agenda(
            start,
            start + TimeDelta::hours(1),
            &[segment(1, Some(15)), hard(2, 10, booked)],
        );
        let call = &agenda.items[1];
        assert_eq!(call.start.timezone(), Tehran);
        assert_eq!(call.start.format("%H:%M").to_string(), "10:30");
        assert_eq!(call.notes, [TimingNote::Gap { minutes: 15 }]);
    }

    #[rstest]
    // The Biography screening started 5 minutes late and is on time otherwise.
    #[case("11:15", "11:20", "11:39", Some("11:39"), None)]
    // It started on time but at 11:40 it is still running: what follows waits.
    #[case("11:10", "11:40", "11:40", Some("11:40"), None)]
    // Still running at 12:30: the 80 minutes still to come now end at 13:50.
    #[case("11:10", "12:30", "12:30", Some("12:30"), Some(50))]
    fn live_retiming_shifts_what_follows(
        #[case] started: &str,
        #[case] now: &str,
        #[case] running_ends: &str,
        #[case] next_starts: Option<&str>,
        #[case] overrun: Option<u32>,
    ) {
        let running = Running {
            id: 2,
            started: tirana(started),
        };
        let agenda = retime_live(
            tirana("11:00"),
            tirana("13:00"),
            &tirana_park(),
            running,
            tirana(now),
        )
        .unwrap();
        assert_eq!(agenda.item(1).unwrap().start, tirana("11:00"));
        assert_eq!(agenda.item(2).unwrap().start, tirana(started));
        assert_eq!(agenda.item(2).unwrap().end, tirana(running_ends));
        assert_eq!(agenda.item(3).map(|i| i.start), next_starts.map(tirana));
        assert_eq!(agenda.overrun_minutes, overrun);
    }

    #[test]
    fn live_retiming_notes_a_late_start_and_keeps_hard_starts() {
        let items = [
            segment(1, Some(10)),
            segment(2, Some(20)),
            hard(3, 20, tirana("11:40")),
        ];
        let running = Running {
            id: 2,
            started: tirana("11:25"),
        };
        let agenda = retime_live(
            tirana("11:00"),
            tirana("13:00"),
            &items,
            running,
            tirana("11:30"),
        )
        .unwrap();
        assert_eq!(
            agenda.item(2).unwrap().notes,
            [TimingNote::Gap { minutes: 15 }]
        );
        assert!(!agenda.item(2).unwrap().hard);
        let call = agenda.item(3).unwrap();
        assert_eq!(call.start, tirana("11:40"));
        assert_eq!(call.notes, [TimingNote::Overlap { minutes: 5 }]);
    }

    #[test]
    fn live_retiming_never_plans_a_start_in_the_past() {
        // The live call was booked for 11:40; at 11:50 it has not begun.
        let items = [
            segment(1, Some(10)),
            segment(2, Some(10)),
            hard(3, 20, tirana("11:40")),
        ];
        let running = Running {
            id: 2,
            started: tirana("11:10"),
        };
        let agenda = retime_live(
            tirana("11:00"),
            tirana("13:00"),
            &items,
            running,
            tirana("11:50"),
        )
        .unwrap();
        assert_eq!(agenda.item(3).unwrap().start, tirana("11:50"));
    }

    #[test]
    fn live_retiming_of_an_unknown_segment_is_refused() {
        let running = Running {
            id: 99,
            started: tirana("11:00"),
        };
        let err = retime_live(
            tirana("11:00"),
            tirana("13:00"),
            &tirana_park(),
            running,
            tirana("11:05"),
        )
        .unwrap_err();
        assert_eq!(err.field, "segment_id");
    }

    fn in_lane(lane: i64, item: AgendaItem) -> AgendaItem {
        AgendaItem { lane, ..item }
    }

    /// Two rooms from 09:00: a keynote-free morning with talks interleaved in the list.
    fn two_rooms() -> Vec<AgendaItem> {
        vec![
            in_lane(1, segment(1, Some(30))),
            in_lane(2, segment(2, Some(45))),
            in_lane(1, segment(3, Some(20))),
            in_lane(2, hard(4, 30, tirana("10:00"))),
            in_lane(1, segment(5, Some(25))),
        ]
    }

    #[rstest]
    // Room 1: 1 then 3 then 5, back to back from the start.
    #[case(1, "11:00", "11:30", vec![])]
    #[case(3, "11:30", "11:50", vec![])]
    #[case(5, "11:50", "12:15", vec![])]
    // Room 2 starts at the gathering start too, not after room 1's first talk.
    #[case(2, "11:00", "11:45", vec![])]
    // A fixed start in room 2 is compared with room 2's previous talk only.
    #[case(4, "10:00", "10:30", vec![
        TimingNote::BeforeGatheringStart { minutes: 60 },
        TimingNote::Overlap { minutes: 105 },
    ])]
    fn each_lane_is_timed_on_its_own(
        #[case] id: i64,
        #[case] start: &str,
        #[case] end: &str,
        #[case] notes: Vec<TimingNote>,
    ) {
        let agenda = time_agenda(tirana("11:00"), tirana("13:00"), &two_rooms());
        let item = agenda.item(id).unwrap();
        assert_eq!(
            (item.start, item.end),
            (tirana(start), tirana(end)),
            "segment {id}"
        );
        assert_eq!(item.notes, notes, "segment {id}");
    }

    #[test]
    fn a_gap_in_one_lane_is_not_closed_by_another() {
        let items = vec![
            in_lane(1, segment(1, Some(60))),
            in_lane(2, segment(2, Some(20))),
            in_lane(2, hard(3, 20, tirana("11:30"))),
        ];
        let agenda = time_agenda(tirana("11:00"), tirana("13:00"), &items);
        assert_eq!(
            agenda.item(3).unwrap().notes,
            vec![TimingNote::Gap { minutes: 10 }]
        );
        // The order given is kept, whatever the lanes.
        let ids: Vec<i64> = agenda.items.iter().map(|i| i.id).collect();
        assert_eq!(ids, vec![1, 2, 3]);
    }

    #[rstest]
    // The agenda ends with its longest lane, and overruns by it.
    #[case("13:00", tirana("12:15"), None)]
    #[case("12:00", tirana("12:15"), Some(15))]
    fn the_agenda_ends_with_its_last_lane(
        #[case] planned_end: &str,
        #[case] ends: DateTime<Tz>,
        #[case] overrun: Option<u32>,
    ) {
        let items = vec![
            in_lane(1, segment(1, Some(75))),
            in_lane(2, segment(2, Some(30))),
        ];
        let agenda = time_agenda(tirana("11:00"), tirana(planned_end), &items);
        assert_eq!(agenda.ends, ends);
        assert_eq!(agenda.overrun_minutes, overrun);
    }

    #[test]
    fn live_retiming_moves_only_the_running_lane() {
        // Room 1's first talk started 10 minutes late and runs on at 11:45.
        let running = Running {
            id: 1,
            started: tirana("11:10"),
        };
        let agenda = retime_live(
            tirana("11:00"),
            tirana("13:00"),
            &two_rooms(),
            running,
            tirana("11:45"),
        )
        .unwrap();
        assert_eq!(agenda.item(1).unwrap().end, tirana("11:45"));
        assert_eq!(agenda.item(3).unwrap().start, tirana("11:45"));
        assert_eq!(agenda.item(5).unwrap().start, tirana("12:05"));
        // Room 2 keeps its plan, even its talk that was due before "now".
        assert_eq!(agenda.item(2).unwrap().start, tirana("11:00"));
        assert_eq!(agenda.item(2).unwrap().end, tirana("11:45"));
    }
}
