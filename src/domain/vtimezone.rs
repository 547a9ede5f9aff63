//! VTIMEZONE components (RFC 5545 §3.6.5) written from the tz database for a window of
//! instants, so that a client needs nothing but the component to place every event of the
//! window at the right UTC instant.
//!
//! Rules kept here:
//! - The component starts at or before the window: its first observance is the last change
//!   of the year before the window or, when there was none, the offset in force at the
//!   window's start (TZOFFSETFROM = TZOFFSETTO, DTSTART = that local time). No margin is added.
//! - A change that recurs in consecutive years in the same month, on the same nth or last
//!   weekday, at the same local time, with the same offsets and name, is one observance with
//!   `RRULE:FREQ=YEARLY;BYMONTH=m;BYDAY=nDD` (`-1` when it is the last weekday in every year
//!   of the run). The rule carries `UNTIL` (UTC, its last onset) when the zone stops following
//!   it inside the window, and none when it still holds at the window's end.
//! - Every other change (a one-off, or a rule on fixed dates whose weekday shifts) is its own
//!   observance with DTSTART alone. A change of abbreviation alone (Guam's GST to ChST) is a
//!   change too, so TZNAME is right everywhere in the window.
//! - DTSTART is the wall time in the offset before the change. DAYLIGHT when the zone's DST
//!   offset is non-zero, else STANDARD. TZNAME is the tzdata abbreviation as given, numeric
//!   ones (`+0330`) included.
//! - The same arguments give the same bytes: observances are sorted by their first onset,
//!   lines end in CRLF. TZIDs and abbreviations are short, so no line needs folding.

use chrono::{
    DateTime, Datelike, Duration, NaiveDate, NaiveDateTime, Offset, TimeZone, Utc, Weekday,
};
use chrono_tz::{OffsetComponents, OffsetName, Tz};

/// How far before the window the change that set its first offset is looked for.
const LOOKBACK_DAYS: i64 = 366;

/// One change of offset, summer-time flag or abbreviation, seen from both sides.
struct Change {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    dst: bool,
    name: String,
    /// Wall time of the change in the offset before it.
    local: NaiveDateTime,
}

impl Change {
    fn new(tz: Tz, at: DateTime<Utc>) -> Self {
        let just_before = at.checked_sub_signed(Duration::seconds(1)).unwrap_or(at);
        let from = offset_at(tz, just_before).0;
        let (to, dst, name) = offset_at(tz, at);
        Self {
            at,
            from,
            to,
            dst,
            name,
            local: wall(at, from),
        }
    }

    /// The offset in force at `at`, written as if it had begun then.
    fn steady(tz: Tz, at: DateTime<Utc>) -> Self {
        let (to, dst, name) = offset_at(tz, at);
        Self {
            at,
            from: to,
            to,
            dst,
            name,
            local: wall(at, to),
        }
    }

    /// Whether `next` is this change again, a year on, up to the day of the month.
    fn recurs_as(&self, next: &Self) -> bool {
        (self.from, self.to, self.dst, &self.name) == (next.from, next.to, next.dst, &next.name)
            && (self.local.month(), self.local.weekday(), self.local.time())
                == (next.local.month(), next.local.weekday(), next.local.time())
            && next.local.year() == self.local.year() + 1
    }

    /// The onset of this change in the following year, if it kept to `week`.
    fn next_onset(&self, week: Week) -> Option<DateTime<Utc>> {
        let (year, month) = (self.local.year().checked_add(1)?, self.local.month());
        let weekday = self.local.weekday();
        let date = match week {
            Week::Nth(n) => NaiveDate::from_weekday_of_month_opt(year, month, weekday, n),
            Week::Last => NaiveDate::from_weekday_of_month_opt(year, month, weekday, 5)
                .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, weekday, 4)),
        }?;
        let utc = date
            .and_time(self.local.time())
            .checked_sub_signed(Duration::seconds(i64::from(self.from)))?;
        Some(Utc.from_utc_datetime(&utc))
    }
}

/// Which weekday of the month a yearly rule falls on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Week {
    Nth(u8),
    Last,
}

/// Whether `date` is its month's last such weekday, and which one it is.
fn week_of(date: NaiveDate) -> (bool, u8) {
    let last = date
        .checked_add_signed(Duration::days(7))
        .is_none_or(|later| later.month() != date.month());
    let nth = u8::try_from((date.day() - 1) / 7 + 1).unwrap_or_default();
    (last, nth)
}

/// An observance: its first change and, for a run, the yearly rule and its end.
struct Observance<'a> {
    first: &'a Change,
    rule: Option<(Week, Option<DateTime<Utc>>)>,
}

/// Groups `changes` (sorted) into yearly runs of at least two and one-offs.
fn observances(changes: &[Change], to: DateTime<Utc>) -> Vec<Observance<'_>> {
    let mut taken = vec![false; changes.len()];
    let mut out = Vec::new();
    for (i, first) in changes.iter().enumerate() {
        if taken[i] {
            continue;
        }
        let (mut last_fits, nth) = week_of(first.local.date());
        let mut nth = Some(nth);
        let mut last = first;
        let mut count = 1;
        while let Some(j) =
            (i + 1..changes.len()).find(|&j| !taken[j] && last.recurs_as(&changes[j]))
        {
            let (is_last, n) = week_of(changes[j].local.date());
            if !(last_fits && is_last) && nth != Some(n) {
                break;
            }
            last_fits &= is_last;
            nth = nth.filter(|&k| k == n);
            taken[j] = true;
            last = &changes[j];
            count += 1;
        }
        let week = if last_fits {
            Some(Week::Last)
        } else {
            nth.map(Week::Nth)
        };
        let rule = week.filter(|_| count > 1).map(|week| {
            let open = last.next_onset(week).is_some_and(|next| next > to);
            (week, (!open).then_some(last.at))
        });
        out.push(Observance { first, rule });
    }
    out
}

/// VTIMEZONE text (CRLF line ends, lines < 75 octets) for `tz` valid for every instant in
/// [from, to].
pub fn vtimezone(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> String {
    let from = DateTime::from_timestamp(from.timestamp(), 0).unwrap_or(from);
    let key = |t| offset_at(tz, t);
    let after = from
        .checked_add_signed(Duration::seconds(1))
        .unwrap_or(from);
    let before = from
        .checked_sub_signed(Duration::days(LOOKBACK_DAYS))
        .map_or_else(Vec::new, |start| changes_of(start, after, key));
    let end = to.checked_add_signed(Duration::seconds(1)).unwrap_or(to);
    let changes: Vec<Change> = before
        .last()
        .into_iter()
        .copied()
        .chain(changes_of(after, end, key))
        .map(|at| Change::new(tz, at))
        .collect();
    let steady = Change::steady(tz, from);
    let mut list = observances(&changes, to);
    if before.is_empty() {
        list.push(Observance {
            first: &steady,
            rule: None,
        });
    }
    list.sort_by_key(|o| o.first.at);

    let mut out = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    for Observance { first, rule } in list {
        let kind = if first.dst { "DAYLIGHT" } else { "STANDARD" };
        out.push_str(&format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n",
            first.local.format("%Y%m%dT%H%M%S"),
            offset_text(first.from),
            offset_text(first.to),
        ));
        if let Some((week, until)) = rule {
            let nth = match week {
                Week::Nth(n) => n.to_string(),
                Week::Last => "-1".to_owned(),
            };
            out.push_str(&format!(
                "RRULE:FREQ=YEARLY;BYMONTH={};BYDAY={nth}{}",
                first.local.month(),
                weekday_code(first.local.weekday()),
            ));
            if let Some(until) = until {
                out.push_str(&format!(";UNTIL={}", until.format("%Y%m%dT%H%M%SZ")));
            }
            out.push_str("\r\n");
        }
        out.push_str(&format!("TZNAME:{}\r\nEND:{kind}\r\n", escape(&first.name)));
    }
    out.push_str("END:VTIMEZONE\r\n");
    out
}

/// The instants in [from, to) where tz changes its UTC offset or its summer-time flag (to the
/// second: the first second of the new offset).
pub fn transitions(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
    changes_of(from, to, |t| {
        let (offset, dst, _) = offset_at(tz, t);
        (offset, dst)
    })
}

/// The instants in [from, to) where `key` changes, scanning day by day and bisecting.
fn changes_of<K: PartialEq>(
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    key: impl Fn(DateTime<Utc>) -> K,
) -> Vec<DateTime<Utc>> {
    let (from, to) = (whole_second_up(from), whole_second_up(to));
    let mut found = Vec::new();
    let mut day = from;
    let mut before = key(day);
    let just_before = from.checked_sub_signed(Duration::seconds(1)).map(&key);
    if from < to && just_before.is_some_and(|k| k != before) {
        found.push(from);
    }
    while day < to {
        let next = day
            .checked_add_signed(Duration::days(1))
            .map_or(to, |next| next.min(to));
        let after = key(next);
        if after != before {
            let (mut lo, mut hi) = (day, next);
            while hi - lo > Duration::seconds(1) {
                let mid = lo + Duration::seconds((hi - lo).num_seconds() / 2);
                if key(mid) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            if hi < to {
                found.push(hi);
            }
        }
        before = after;
        day = next;
    }
    found
}

/// `t` rounded up to a whole second (tz changes fall on whole seconds).
fn whole_second_up(t: DateTime<Utc>) -> DateTime<Utc> {
    let up = i64::from(t.timestamp_subsec_nanos() > 0);
    DateTime::from_timestamp(t.timestamp().saturating_add(up), 0).unwrap_or(t)
}

fn wall(at: DateTime<Utc>, offset: i32) -> NaiveDateTime {
    let utc = at.naive_utc();
    utc.checked_add_signed(Duration::seconds(i64::from(offset)))
        .unwrap_or(utc)
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> (i32, bool, String) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    let seconds = o.fix().local_minus_utc();
    let name = o
        .abbreviation()
        .map_or_else(|| numeric_name(seconds), str::to_owned);
    (seconds, o.dst_offset() != Duration::zero(), name)
}

/// `+HHMM`, with seconds appended when the offset has them (RFC 5545 utc-offset).
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let text = format!("{sign}{:02}{:02}", s / 3600, (s % 3600) / 60);
    if s.is_multiple_of(60) {
        text
    } else {
        format!("{text}{:02}", s % 60)
    }
}

/// tzdata's numeric abbreviation (`%z`): `+03`, `+0330`, `-0230`, the shortest form that
/// keeps the offset (chrono-tz gives no name for these).
fn numeric_name(seconds: i32) -> String {
    let text = offset_text(seconds);
    if text.ends_with("00") && text.len() == 5 {
        text[..3].to_owned()
    } else {
        text
    }
}

fn weekday_code(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "MO",
        Weekday::Tue => "TU",
        Weekday::Wed => "WE",
        Weekday::Thu => "TH",
        Weekday::Fri => "FR",
        Weekday::Sat => "SA",
        Weekday::Sun => "SU",
    }
}

fn escape(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::America::Toronto;
    use chrono_tz::Asia::{Kolkata, Tehran};
    use chrono_tz::Australia::Sydney;
    use chrono_tz::Europe::{Moscow, Stockholm, Tirane};
    use chrono_tz::UTC;
    use rstest::rstest;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    /// One onset read back from the text: when it begins and what it says from then on.
    #[derive(Debug)]
    struct Onset {
        at: DateTime<Utc>,
        offset: i32,
        daylight: bool,
        name: String,
    }

    fn read_offset(text: &str) -> Result<i32, String> {
        let bad = || format!("bad UTC offset {text:?}");
        let (sign, digits) = match text.split_at_checked(1) {
            Some(("+", digits)) => (1, digits),
            Some(("-", digits)) => (-1, digits),
            _ => return Err(bad()),
        };
        if !matches!(digits.len(), 4 | 6) || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        let part = |i: usize| {
            digits
                .get(i..i + 2)
                .map_or(0, |p| p.parse::<i32>().unwrap())
        };
        Ok(sign * (part(0) * 3600 + part(2) * 60 + part(4)))
    }

    /// The `n`th `weekday` of the month, or the last one for `n == -1`.
    fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: i64) -> Option<NaiveDate> {
        let gap = |a: Weekday, b: Weekday| {
            i64::from((a.num_days_from_monday() + 7 - b.num_days_from_monday()) % 7)
        };
        if n == -1 {
            let (y, m) = if month == 12 {
                (year + 1, 1)
            } else {
                (year, month + 1)
            };
            let last = NaiveDate::from_ymd_opt(y, m, 1)?.pred_opt()?;
            return Some(last - Duration::days(gap(last.weekday(), weekday)));
        }
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let date = first + Duration::days(gap(weekday, first.weekday()) + 7 * (n - 1));
        (n >= 1 && date.month() == month).then_some(date)
    }

    fn weekday(code: &str) -> Result<Weekday, String> {
        let days = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];
        let i = days
            .iter()
            .position(|d| *d == code)
            .ok_or(format!("bad day {code}"))?;
        Ok(Weekday::try_from(u8::try_from(i).unwrap()).unwrap())
    }

    /// Expands one observance into onsets up to the end of `horizon`.
    fn expand(
        kind: &str,
        props: &[(String, String)],
        horizon: i32,
        onsets: &mut Vec<Onset>,
    ) -> Result<(), String> {
        let get = |key: &str| {
            let mut found = props
                .iter()
                .filter(|(k, _)| k == key)
                .map(|(_, v)| v.as_str());
            match (found.next(), found.next()) {
                (Some(value), None) => Ok(value),
                _ => Err(format!("{kind} needs exactly one {key}")),
            }
        };
        let stamp = |text: &str| NaiveDateTime::parse_from_str(text, "%Y%m%dT%H%M%S");
        let start = stamp(get("DTSTART")?).map_err(|e| format!("DTSTART: {e}"))?;
        let from = read_offset(get("TZOFFSETFROM")?)?;
        let to = read_offset(get("TZOFFSETTO")?)?;
        let name = get("TZNAME")?.to_owned();
        let daylight = kind == "DAYLIGHT";
        let onset = |local: NaiveDateTime| (local - Duration::seconds(from.into())).and_utc();
        let mut push = |at| {
            onsets.push(Onset {
                at,
                offset: to,
                daylight,
                name: name.clone(),
            })
        };
        let Ok(rule) = get("RRULE") else {
            push(onset(start));
            return Ok(());
        };
        let (mut freq, mut month, mut day, mut until) = (None, None, None, None);
        for part in rule.split(';') {
            let bad = || format!("bad RRULE part {part:?}");
            match part.split_once('=').ok_or_else(bad)? {
                ("FREQ", value) => freq = Some(value),
                ("BYMONTH", value) => month = Some(value.parse::<u32>().map_err(|_| bad())?),
                ("BYDAY", value) => {
                    let (n, code) = value.split_at_checked(value.len() - 2).ok_or_else(bad)?;
                    day = Some((n.parse::<i64>().map_err(|_| bad())?, weekday(code)?));
                }
                ("UNTIL", value) => {
                    let utc = value.strip_suffix('Z').ok_or("UNTIL must be UTC")?;
                    until = Some(stamp(utc).map_err(|_| bad())?.and_utc());
                }
                _ => return Err(bad()),
            }
        }
        let (Some("YEARLY"), Some(month), Some((n, weekday))) = (freq, month, day) else {
            return Err(format!("unsupported RRULE {rule}"));
        };
        for year in start.year()..=horizon {
            let date =
                nth_weekday(year, month, weekday, n).ok_or(format!("no {rule} in {year}"))?;
            if year == start.year() && date != start.date() {
                return Err(format!(
                    "DTSTART {start} is not the first instance of {rule}"
                ));
            }
            let at = onset(date.and_time(start.time()));
            if until.is_some_and(|until| at > until) {
                break;
            }
            push(at);
        }
        Ok(())
    }

    /// Reads a VTIMEZONE back into its onsets up to the end of `horizon`, sorted.
    fn read(text: &str, horizon: i32) -> Result<Vec<Onset>, String> {
        let mut onsets = Vec::new();
        let mut block: Option<(&str, Vec<(String, String)>)> = None;
        for line in text.split("\r\n").filter(|line| !line.is_empty()) {
            let (key, value) = line.split_once(':').ok_or(format!("bad line {line:?}"))?;
            match (key, value, block.take()) {
                ("BEGIN", "STANDARD" | "DAYLIGHT", None) => block = Some((value, Vec::new())),
                ("END", kind, Some((open, props))) if kind == open => {
                    expand(kind, &props, horizon, &mut onsets)?;
                }
                ("BEGIN" | "END", _, Some(_)) => return Err(format!("misplaced {line}")),
                (_, _, Some((open, mut props))) => {
                    props.push((key.to_owned(), value.to_owned()));
                    block = Some((open, props));
                }
                _ => {}
            }
        }
        onsets.sort_by_key(|onset| onset.at);
        Ok(onsets)
    }

    /// Checks the shape of `text` and that it gives tzdata's offset, kind and name at many
    /// instants of [from, to]: every day at 12:00 UTC, every hour for `days` days either side
    /// of each transition, every minute for two hours either side, and both ends.
    fn check_around(
        tz: Tz,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        text: &str,
        days: i64,
    ) -> Result<(), String> {
        let head = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
        if !text.starts_with(&head) || !text.ends_with("END:VTIMEZONE\r\n") {
            return Err("bad head or tail".into());
        }
        for line in text.split_inclusive("\r\n") {
            let content = line
                .strip_suffix("\r\n")
                .ok_or(format!("no CRLF: {line:?}"))?;
            if content.len() > 75 || content.contains(['\r', '\n']) {
                return Err(format!("bad line {line:?}"));
            }
        }
        let onsets = read(text, to.year() + 1)?;
        let mut samples = vec![from, to];
        let noon = from.date_naive().and_hms_opt(12, 0, 0).unwrap().and_utc();
        samples.extend(
            (0..)
                .map(|d| noon + Duration::days(d))
                .take_while(|t| *t <= to),
        );
        for change in transitions(tz, from, to) {
            samples.extend((-days * 24..=days * 24).map(|h| change + Duration::hours(h)));
            samples.extend((-120..=120).map(|m| change + Duration::minutes(m)));
        }
        for t in samples.into_iter().filter(|t| (from..=to).contains(t)) {
            let said = onsets.partition_point(|onset| onset.at <= t).checked_sub(1);
            let said = said
                .map(|i| &onsets[i])
                .ok_or(format!("no observance at {t}"))?;
            let real = tz.offset_from_utc_datetime(&t.naive_utc());
            let seconds = real.fix().local_minus_utc();
            let name = real
                .abbreviation()
                .map_or_else(|| tzdata_numeric_name(seconds), str::to_owned);
            let real = (seconds, real.dst_offset() != Duration::zero(), name);
            if (said.offset, said.daylight, &said.name) != (real.0, real.1, &real.2) {
                return Err(format!(
                    "at {t} the VTIMEZONE says {said:?}, tzdata {real:?}"
                ));
            }
        }
        Ok(())
    }

    fn check(tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>, text: &str) -> Result<(), String> {
        check_around(tz, from, to, text, 14)
    }

    /// What zic writes for `%z`: `+03`, `+0330`, `-0930`.
    fn tzdata_numeric_name(seconds: i32) -> String {
        let (hours, minutes) = (seconds.abs() / 3600, seconds.abs() % 3600 / 60);
        let sign = if seconds < 0 { '-' } else { '+' };
        match minutes {
            0 => format!("{sign}{hours:02}"),
            _ => format!("{sign}{hours:02}{minutes:02}"),
        }
    }

    fn observances_of(text: &str) -> Vec<String> {
        text.split("BEGIN:")
            .skip(2)
            .map(|block| format!("BEGIN:{block}"))
            .collect()
    }

    #[rstest]
    #[case::tirane(Tirane, "2022-01-01T00:00:00Z", "2028-12-31T23:59:59Z")]
    #[case::stockholm(Stockholm, "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z")]
    #[case::toronto(Toronto, "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z")]
    #[case::sydney(Sydney, "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z")]
    #[case::tehran_changes(Tehran, "2020-01-01T00:00:00Z", "2026-12-31T23:59:59Z")]
    #[case::tehran_steady(Tehran, "2024-01-01T00:00:00Z", "2027-12-31T23:59:59Z")]
    #[case::tehran_late_start(Tehran, "2023-12-31T20:00:00Z", "2025-12-31T23:59:59Z")]
    #[case::moscow(Moscow, "2010-01-01T00:00:00Z", "2015-12-31T23:59:59Z")]
    #[case::moscow_from_2008(Moscow, "2008-01-01T00:00:00Z", "2015-12-31T23:59:59Z")]
    #[case::utc(UTC, "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z")]
    #[case::kolkata(Kolkata, "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z")]
    #[case::mid_change_window(Stockholm, "2025-03-30T01:00:00Z", "2025-10-26T01:00:00Z")]
    fn agrees_with_tzdata_at_every_sample(#[case] tz: Tz, #[case] from: &str, #[case] to: &str) {
        let (from, to) = (at(from), at(to));
        let text = vtimezone(tz, from, to);
        check(tz, from, to, &text).unwrap_or_else(|e| panic!("{e}\n{text}"));
        assert_eq!(text, vtimezone(tz, from, to), "same inputs, same bytes");
        let starts: Vec<&str> = text.lines().filter(|l| l.starts_with("DTSTART:")).collect();
        assert!(starts.is_sorted(), "{text}");
    }

    #[rstest]
    #[case::stockholm(Stockholm, "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z", &[
        "DAYLIGHT FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "STANDARD FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    ])]
    #[case::tirane(Tirane, "2022-01-01T00:00:00Z", "2028-12-31T23:59:59Z", &[
        "DAYLIGHT FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
        "STANDARD FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    ])]
    #[case::toronto(Toronto, "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z", &[
        "DAYLIGHT FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
        "STANDARD FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
    ])]
    #[case::sydney(Sydney, "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z", &[
        "DAYLIGHT FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
        "STANDARD FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
    ])]
    #[case::tehran_changes(Tehran, "2020-01-01T00:00:00Z", "2026-12-31T23:59:59Z", &[])]
    #[case::tehran_steady(Tehran, "2024-01-01T00:00:00Z", "2027-12-31T23:59:59Z", &[])]
    #[case::moscow(Moscow, "2010-01-01T00:00:00Z", "2015-12-31T23:59:59Z", &[
        "STANDARD FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20101030T230000Z",
    ])]
    #[case::moscow_from_2008(Moscow, "2008-01-01T00:00:00Z", "2015-12-31T23:59:59Z", &[
        "DAYLIGHT FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU;UNTIL=20100327T230000Z",
        "STANDARD FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU;UNTIL=20101030T230000Z",
    ])]
    #[case::utc(UTC, "2025-01-01T00:00:00Z", "2027-12-31T23:59:59Z", &[])]
    fn writes_one_rule_per_yearly_run(
        #[case] tz: Tz,
        #[case] from: &str,
        #[case] to: &str,
        #[case] rules: &[&str],
    ) {
        let text = vtimezone(tz, at(from), at(to));
        let mut found: Vec<String> = observances_of(&text)
            .iter()
            .filter_map(|block| {
                let kind = block.lines().next()?.strip_prefix("BEGIN:")?;
                let rule = block.lines().find_map(|l| l.strip_prefix("RRULE:"))?;
                Some(format!("{kind} {rule}"))
            })
            .collect();
        found.sort();
        assert_eq!(found, rules, "{text}");
    }

    #[test]
    fn stockholm_is_two_observances_going_on() {
        let text = vtimezone(
            Stockholm,
            at("2025-01-01T00:00:00Z"),
            at("2027-12-31T23:59:59Z"),
        );
        assert_eq!(
            text,
            "BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n\
             BEGIN:STANDARD\r\nDTSTART:20241027T030000\r\nTZOFFSETFROM:+0200\r\n\
             TZOFFSETTO:+0100\r\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n\
             TZNAME:CET\r\nEND:STANDARD\r\n\
             BEGIN:DAYLIGHT\r\nDTSTART:20250330T020000\r\nTZOFFSETFROM:+0100\r\n\
             TZOFFSETTO:+0200\r\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n\
             TZNAME:CEST\r\nEND:DAYLIGHT\r\n\
             END:VTIMEZONE\r\n"
        );
    }

    #[test]
    fn tehran_writes_its_last_changes_one_by_one_then_keeps_0330() {
        let text = vtimezone(
            Tehran,
            at("2020-01-01T00:00:00Z"),
            at("2026-12-31T23:59:59Z"),
        );
        let blocks = observances_of(&text);
        assert!(!text.contains("RRULE"), "{text}");
        assert!(
            blocks
                .iter()
                .all(|b| b.contains("TZNAME:+0330") || b.contains("TZNAME:+0430"))
        );
        let last = blocks.last().unwrap();
        assert_eq!(
            last,
            "BEGIN:STANDARD\r\nDTSTART:20220922T000000\r\nTZOFFSETFROM:+0430\r\n\
             TZOFFSETTO:+0330\r\nTZNAME:+0330\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
        );
        assert_eq!(
            blocks.len(),
            7,
            "the end of 2019's summer time, then two changes a year"
        );
    }

    #[rstest]
    #[case::tehran(Tehran, "2024-01-01T00:00:00Z", "20240101T033000", "+0330", "+0330")]
    #[case::tehran_late_start(Tehran, "2023-12-31T20:00:00Z", "20231231T233000", "+0330", "+0330")]
    #[case::utc(UTC, "2025-01-01T00:00:00Z", "20250101T000000", "+0000", "UTC")]
    #[case::kolkata(Kolkata, "2025-06-01T10:15:30.5Z", "20250601T154530", "+0530", "IST")]
    #[case::istanbul(
        chrono_tz::Europe::Istanbul,
        "2025-01-01T00:00:00Z",
        "20250101T030000",
        "+0300",
        "+03"
    )]
    fn a_zone_without_changes_is_one_standard(
        #[case] tz: Tz,
        #[case] from: &str,
        #[case] start: &str,
        #[case] offset: &str,
        #[case] name: &str,
    ) {
        let text = vtimezone(tz, at(from), at(from) + Duration::days(3 * 366));
        assert_eq!(
            observances_of(&text),
            [format!(
                "BEGIN:STANDARD\r\nDTSTART:{start}\r\nTZOFFSETFROM:{offset}\r\nTZOFFSETTO:{offset}\r\n\
                 TZNAME:{name}\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n"
            )]
        );
    }

    #[rstest]
    #[case::wrong_week(
        Stockholm,
        "2025-01-01T00:00:00Z",
        "BYMONTH=10;BYDAY=-1SU",
        "BYMONTH=10;BYDAY=4SU"
    )]
    #[case::wrong_offset(Tehran, "2024-01-01T00:00:00Z", "TZOFFSETTO:+0330", "TZOFFSETTO:+0430")]
    #[case::wrong_name(Stockholm, "2025-01-01T00:00:00Z", "TZNAME:CEST", "TZNAME:CET")]
    #[case::wrong_kind(Toronto, "2025-01-01T00:00:00Z", "BEGIN:DAYLIGHT", "BEGIN:STANDARD")]
    #[case::wall_time_in_new_offset(
        Toronto,
        "2025-01-01T00:00:00Z",
        "T020000\r\nTZOFFSETFROM:-0400",
        "T010000\r\nTZOFFSETFROM:-0400"
    )]
    #[case::until_dropped(Moscow, "2010-01-01T00:00:00Z", ";UNTIL=20101030T230000Z", "")]
    #[case::starts_after_window(
        Tehran,
        "2023-12-31T20:00:00Z",
        "DTSTART:20231231T233000",
        "DTSTART:20240101T003000"
    )]
    #[case::bare_lf(Tirane, "2022-01-01T00:00:00Z", "\r\nTZNAME", "\nTZNAME")]
    fn the_checker_catches_a_broken_vtimezone(
        #[case] tz: Tz,
        #[case] from: &str,
        #[case] good: &str,
        #[case] bad: &str,
    ) {
        let (from, to) = (at(from), at(from) + Duration::days(3 * 365));
        let text = vtimezone(tz, from, to);
        assert!(text.contains(good), "{text}");
        check(tz, from, to, &text).unwrap();
        assert!(check(tz, from, to, &text.replacen(good, bad, 1)).is_err());
    }

    #[rstest]
    #[case::tirane(Tirane, "2024-01-01T00:00:00Z", "2025-01-01T00:00:00Z", &["2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z"])]
    #[case::tehran_2021(Tehran, "2021-01-01T00:00:00Z", "2022-01-01T00:00:00Z", &["2021-03-21T20:30:00Z", "2021-09-21T19:30:00Z"])]
    #[case::tehran_steady(Tehran, "2023-01-01T00:00:00Z", "2030-01-01T00:00:00Z", &[])]
    #[case::half_open(Tirane, "2024-03-31T01:00:00Z", "2024-10-27T01:00:00Z", &["2024-03-31T01:00:00Z"])]
    #[case::sub_second_start(Tirane, "2024-03-31T00:59:59.5Z", "2024-04-01T00:00:00Z", &["2024-03-31T01:00:00Z"])]
    fn finds_each_change_to_the_second(
        #[case] tz: Tz,
        #[case] from: &str,
        #[case] to: &str,
        #[case] expected: &[&str],
    ) {
        let expected: Vec<_> = expected.iter().map(|s| at(s)).collect();
        assert_eq!(transitions(tz, at(from), at(to)), expected);
    }

    #[test]
    fn every_zone_agrees_with_tzdata() {
        let windows = [
            ("2015-01-01T00:00:00Z", "2031-01-01T00:00:00Z"),
            ("1996-06-15T00:00:00Z", "2004-01-01T00:00:00Z"),
        ];
        for tz in chrono_tz::TZ_VARIANTS {
            for (from, to) in windows {
                let (from, to) = (at(from), at(to));
                let text = vtimezone(tz, from, to);
                check_around(tz, from, to, &text, 2)
                    .unwrap_or_else(|e| panic!("{}: {e}\n{text}", tz.name()));
            }
        }
    }
}
