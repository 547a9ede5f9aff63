//! Local wall-clock times and the instants they name, through chrono-tz.
//!
//! Rules kept here:
//! - A gathering is planned in its venue's local time; the instant is derived from the
//!   venue's IANA zone with the rules in force on that date (Asia/Tehran is +03:30 all
//!   year since 2022, Europe/Tirane and Europe/Stockholm switch in March and October).
//! - A local time that does not exist (skipped by a spring-forward switch) is refused
//!   with a message naming the field; it is never silently moved.
//! - A local time that happens twice (autumn fall-back) means its first occurrence,
//!   which is the reading a person who writes "02:30" on a poster has in mind; callers
//!   may ask whether a time was ambiguous to warn about it.
//! - A fixed start typed as a time of day falls on the gathering's first day, or on the
//!   next when it comes before the start of a gathering that runs past midnight (a
//!   vigil's 01:00 call). Moving the gathering to another day moves its fixed starts by
//!   the same number of days, keeping their time of day; every stored local time must
//!   exist in the zone it is read in, whatever zone the venue moves to.

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;

use super::message::say;
use super::types::ValidationError;

/// The instant of a local wall-clock time in `tz`.
pub fn resolve_local(
    field: &str,
    tz: Tz,
    local: NaiveDateTime,
) -> Result<DateTime<Tz>, ValidationError> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(t),
        LocalResult::Ambiguous(first, _) => Ok(first),
        LocalResult::None => Err(ValidationError::new(
            field,
            say!(
                "refusal-time-skipped",
                time = local.format("%Y-%m-%d %H:%M").to_string(),
                zone = tz.name(),
            ),
        )),
    }
}

/// The local date-time of a fixed start typed as `time` in a gathering that runs from
/// `starts` to `ends` (local to `tz`); refused when the clocks skip that time.
pub fn fixed_start(
    tz: Tz,
    starts: NaiveDateTime,
    ends: NaiveDateTime,
    time: NaiveTime,
) -> Result<NaiveDateTime, ValidationError> {
    let mut at = starts.date().and_time(time);
    if at < starts && ends.date() > starts.date() {
        at += chrono::Duration::days(1);
    }
    resolve_local("hard_start", tz, at)?;
    Ok(at)
}

/// A fixed start typed with its date, in a gathering of several days: on one of the
/// gathering's days, and a time the clocks show.
pub fn fixed_start_at(
    tz: Tz,
    starts: NaiveDateTime,
    ends: NaiveDateTime,
    at: NaiveDateTime,
) -> Result<NaiveDateTime, ValidationError> {
    if at.date() < starts.date() || at.date() > ends.date() {
        return Err(ValidationError::new(
            "hard_start",
            say!(
                "refusal-fixed-start-outside",
                first = starts.date().to_string(),
                last = ends.date().to_string(),
            ),
        ));
    }
    resolve_local("hard_start", tz, at)?;
    Ok(at)
}

/// A stored fixed start moved with its gathering from the day `from` to the day `to`:
/// the same time of day, as many days later (or earlier).
pub fn move_fixed_start(at: NaiveDateTime, from: NaiveDate, to: NaiveDate) -> NaiveDateTime {
    at + (to - from)
}

/// The UTC offset to print beside the local reading of `at` when the clock shows that
/// reading twice (the hour repeated when the clocks go back), e.g. `UTC+1` for the
/// second 02:30 in Stockholm; `None` when the reading names one instant.
pub fn repeated_offset(at: DateTime<Tz>) -> Option<String> {
    use chrono::Offset;
    if !is_ambiguous(at.timezone(), at.naive_local()) {
        return None;
    }
    let seconds = at.offset().fix().local_minus_utc();
    let sign = if seconds < 0 { '-' } else { '+' };
    let (h, m) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
    Some(if m == 0 {
        format!("UTC{sign}{h}")
    } else {
        format!("UTC{sign}{h}:{m:02}")
    })
}

/// Whether a local time happens twice in `tz` (the hour repeated in autumn).
pub fn is_ambiguous(tz: Tz, local: NaiveDateTime) -> bool {
    matches!(tz.from_local_datetime(&local), LocalResult::Ambiguous(..))
}

/// Parses the `YYYY-MM-DD` and `HH:MM` strings of a form into a local date-time.
pub fn parse_local(
    date_field: &str,
    date: &str,
    time_field: &str,
    time: &str,
) -> Result<NaiveDateTime, ValidationError> {
    let d = NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| ValidationError::new(date_field, say!("refusal-date-format")))?;
    let t = NaiveTime::parse_from_str(time.trim(), "%H:%M")
        .map_err(|_| ValidationError::new(time_field, say!("refusal-time-format")))?;
    Ok(d.and_time(t))
}

/// A planned start and end, both local to the venue, checked as a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LocalSpan {
    pub start: DateTime<Tz>,
    pub end: DateTime<Tz>,
}

impl LocalSpan {
    /// The instants of a planned local start and end; the end must come after the start
    /// and the span may last at most 7 days.
    pub fn resolve(
        tz: Tz,
        start: NaiveDateTime,
        end: NaiveDateTime,
    ) -> Result<Self, ValidationError> {
        let start = resolve_local("starts_at", tz, start)?;
        let end = resolve_local("ends_at", tz, end)?;
        if end <= start {
            return Err(ValidationError::new(
                "ends_at",
                say!("refusal-end-before-start"),
            ));
        }
        if end - start > chrono::Duration::days(7) {
            return Err(ValidationError::new(
                "ends_at",
                say!("refusal-longer-than-a-week"),
            ));
        }
        Ok(Self { start, end })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Offset, Utc};
    use chrono_tz::{Asia::Tehran, Europe::Stockholm, Europe::Tirane};
    use rstest::rstest;

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[rstest]
    // Tirana park gathering: 11:00 CET is 10:00 UTC.
    #[case(Tirane, "2023-11-26 11:00", "2023-11-26T10:00:00+00:00")]
    // Women's day conference, winter time.
    #[case(Tirane, "2024-03-08 10:00", "2024-03-08T09:00:00+00:00")]
    // Summer time in Tirana: UTC+2.
    #[case(Tirane, "2024-07-01 11:00", "2024-07-01T09:00:00+00:00")]
    // Tehran: +03:30 in winter and, since 2022, in summer too.
    #[case(Tehran, "2023-01-15 10:00", "2023-01-15T06:30:00+00:00")]
    #[case(Tehran, "2023-07-15 10:00", "2023-07-15T06:30:00+00:00")]
    // Before 2022 Tehran kept +04:30 in summer.
    #[case(Tehran, "2021-07-15 10:00", "2021-07-15T05:30:00+00:00")]
    #[case(Stockholm, "2024-10-27 02:30", "2024-10-27T00:30:00+00:00")]
    fn local_times_map_to_instants(#[case] tz: Tz, #[case] local_time: &str, #[case] utc: &str) {
        let instant = resolve_local("starts_at", tz, local(local_time)).unwrap();
        assert_eq!(instant.with_timezone(&Utc).to_rfc3339(), utc);
    }

    #[test]
    fn spring_forward_gap_is_a_validation_error() {
        // Europe/Tirane jumps from 02:00 to 03:00 on 31 March 2024.
        let err = resolve_local("starts_at", Tirane, local("2024-03-31 02:30")).unwrap_err();
        assert_eq!(err.field, "starts_at");
        let said = err.message.to_string();
        assert!(said.contains("2024-03-31 02:30 does not exist"), "{said}");
        assert!(resolve_local("starts_at", Tirane, local("2024-03-31 03:00")).is_ok());
    }

    #[test]
    fn autumn_repeat_takes_the_first_occurrence() {
        // Europe/Tirane repeats 02:00-03:00 on 27 October 2024.
        let t = local("2024-10-27 02:30");
        assert!(is_ambiguous(Tirane, t));
        let instant = resolve_local("starts_at", Tirane, t).unwrap();
        assert_eq!(instant.offset().fix().local_minus_utc(), 2 * 3600);
        assert!(!is_ambiguous(Tirane, local("2024-10-27 04:00")));
    }

    #[test]
    fn tehran_has_no_gap_or_repeat_since_2022() {
        for month in 1..=12 {
            let t = local(&format!("2024-{month:02}-21 00:30"));
            let instant = resolve_local("starts_at", Tehran, t).unwrap();
            assert_eq!(instant.offset().fix().local_minus_utc(), 3 * 3600 + 1800);
        }
    }

    #[rstest]
    #[case("2023-11-26 11:00", "2023-11-26 13:00", None)]
    #[case("2023-11-26 11:00", "2023-11-26 11:00", Some("ends_at"))]
    #[case("2023-11-26 11:00", "2023-11-26 10:00", Some("ends_at"))]
    #[case("2023-11-26 11:00", "2023-12-26 10:00", Some("ends_at"))]
    #[case("2024-03-31 02:15", "2024-03-31 05:00", Some("starts_at"))]
    fn spans(#[case] start: &str, #[case] end: &str, #[case] bad_field: Option<&str>) {
        let result = LocalSpan::resolve(Tirane, local(start), local(end));
        assert_eq!(result.err().map(|e| e.field), bad_field.map(str::to_owned));
    }

    #[rstest]
    // A fixed start on the gathering's day.
    #[case(
        Tirane,
        "2023-11-26 11:00",
        "2023-11-26 13:00",
        "12:15",
        Ok("2023-11-26 12:15")
    )]
    // Before the start of a gathering on one day: the same day (the editor warns).
    #[case(
        Tirane,
        "2023-11-26 11:00",
        "2023-11-26 13:00",
        "10:30",
        Ok("2023-11-26 10:30")
    )]
    // A vigil through the night: 01:00 is the next morning.
    #[case(
        Tirane,
        "2024-03-30 22:00",
        "2024-03-31 06:00",
        "01:00",
        Ok("2024-03-31 01:00")
    )]
    // ... but 02:30 that night does not exist in Tirana (the clocks skip to 03:00).
    #[case(
        Tirane,
        "2024-03-30 22:00",
        "2024-03-31 06:00",
        "02:30",
        Err("hard_start")
    )]
    #[case(
        Stockholm,
        "2026-10-24 22:00",
        "2026-10-25 04:00",
        "02:30",
        Ok("2026-10-25 02:30")
    )]
    fn fixed_starts(
        #[case] tz: Tz,
        #[case] starts: &str,
        #[case] ends: &str,
        #[case] time: &str,
        #[case] expected: Result<&str, &str>,
    ) {
        let time = NaiveTime::parse_from_str(time, "%H:%M").unwrap();
        let got = fixed_start(tz, local(starts), local(ends), time);
        match expected {
            Ok(at) => assert_eq!(got.unwrap(), local(at)),
            Err(field) => assert_eq!(got.unwrap_err().field, field),
        }
    }

    #[rstest]
    #[case("2027-05-15 09:30", Ok("2027-05-15 09:30"))]
    #[case("2027-05-16 23:00", Ok("2027-05-16 23:00"))]
    #[case("2027-05-17 09:00", Err("hard_start"))]
    #[case("2027-05-13 09:00", Err("hard_start"))]
    fn dated_fixed_starts_fall_on_the_gatherings_days(
        #[case] at: &str,
        #[case] expected: Result<&str, &str>,
    ) {
        let got = fixed_start_at(
            chrono_tz::Europe::Tirane,
            local("2027-05-14 07:00"),
            local("2027-05-16 23:59"),
            local(at),
        );
        match expected {
            Ok(at) => assert_eq!(got.unwrap(), local(at)),
            Err(field) => assert_eq!(got.unwrap_err().field, field),
        }
    }

    #[test]
    fn only_a_repeated_reading_names_its_offset() {
        let at = |s: &str| {
            DateTime::parse_from_rfc3339(s)
                .unwrap()
                .with_timezone(&Stockholm)
        };
        // 02:30 on 25 October 2026 happens at 00:30 and at 01:30 UTC.
        assert_eq!(
            repeated_offset(at("2026-10-25T00:30:00Z")).as_deref(),
            Some("UTC+2")
        );
        assert_eq!(
            repeated_offset(at("2026-10-25T01:30:00Z")).as_deref(),
            Some("UTC+1")
        );
        assert_eq!(repeated_offset(at("2026-10-25T02:30:00Z")), None);
        assert_eq!(repeated_offset(at("2026-07-01T10:00:00Z")), None);
    }

    #[test]
    fn a_fixed_start_moves_with_its_gathering_keeping_its_time_of_day() {
        let from = NaiveDate::from_ymd_opt(2023, 11, 26).unwrap();
        let to = NaiveDate::from_ymd_opt(2023, 12, 3).unwrap();
        assert_eq!(
            move_fixed_start(local("2023-11-27 01:00"), from, to),
            local("2023-12-04 01:00")
        );
        assert_eq!(
            move_fixed_start(local("2023-12-04 01:00"), to, from),
            local("2023-11-27 01:00")
        );
    }

    #[rstest]
    #[case("2023-11-26", "11:00", None)]
    #[case("26/11/2023", "11:00", Some("date"))]
    #[case("2023-02-30", "11:00", Some("date"))]
    #[case("2023-11-26", "25:00", Some("time"))]
    #[case("2023-11-26", "11am", Some("time"))]
    fn form_values(#[case] date: &str, #[case] time: &str, #[case] bad: Option<&str>) {
        let r = parse_local("date", date, "time", time);
        assert_eq!(r.err().map(|e| e.field), bad.map(str::to_owned));
    }
}
