//! Gatherings that repeat (a series) or happen in several cities at once (a campaign).
//!
//! Rules kept here:
//! - A series repeats weekly, monthly or on dates typed one per line; each occurrence is
//!   its own gathering. Monthly keeps the day of the month; a month without that day
//!   (the 31st in April) takes its last day. At most [`MAX_OCCURRENCES`] at once.
//! - The source's own day is not repeated; typed dates before it are allowed (a series
//!   may be filled in afterwards), duplicates are dropped, the order is by date.
//! - A campaign copies a run of show to other venues. By default each city starts at the
//!   same local wall-clock time as the source ("11:00 in every city"); with
//!   [`Keep::Instant`] each starts at the same instant, shown on its own clock.

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, TimeZone};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::message::say;
use super::time::resolve_local;
use super::types::ValidationError;

/// Most occurrences one series form makes.
pub const MAX_OCCURRENCES: usize = 52;

/// How a series repeats.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Repeat {
    Weekly { count: usize },
    Monthly { count: usize },
    Dates(Vec<NaiveDate>),
}

impl Repeat {
    /// Reads the series form: `every` is `weekly`, `monthly` or `dates`; `count` the
    /// number of new occurrences; `dates` one `YYYY-MM-DD` per line.
    pub fn parse(every: &str, count: &str, dates: &str) -> Result<Self, ValidationError> {
        let count = || -> Result<usize, ValidationError> {
            match count.trim().parse::<usize>() {
                Ok(n) if (1..=MAX_OCCURRENCES).contains(&n) => Ok(n),
                _ => Err(ValidationError::new(
                    "count",
                    say!("refusal-repeat-count", max = MAX_OCCURRENCES),
                )),
            }
        };
        match every.trim() {
            "weekly" => Ok(Repeat::Weekly { count: count()? }),
            "monthly" => Ok(Repeat::Monthly { count: count()? }),
            "dates" => {
                let mut out = Vec::new();
                for line in dates.lines().map(str::trim).filter(|l| !l.is_empty()) {
                    let d = NaiveDate::parse_from_str(line, "%Y-%m-%d").map_err(|_| {
                        ValidationError::new("dates", say!("refusal-repeat-date", line = line))
                    })?;
                    out.push(d);
                }
                if out.is_empty() {
                    return Err(ValidationError::new(
                        "dates",
                        say!("refusal-repeat-dates-missing"),
                    ));
                }
                if out.len() > MAX_OCCURRENCES {
                    return Err(ValidationError::new(
                        "dates",
                        say!("refusal-repeat-too-many", max = MAX_OCCURRENCES),
                    ));
                }
                Ok(Repeat::Dates(out))
            }
            _ => Err(ValidationError::new("every", say!("refusal-repeat-every"))),
        }
    }

    /// The days of the new occurrences after a source on `first`.
    pub fn dates(&self, first: NaiveDate) -> Vec<NaiveDate> {
        let mut out: Vec<NaiveDate> = match self {
            Repeat::Weekly { count } => (1..=*count)
                .filter_map(|i| first.checked_add_days(chrono::Days::new(7 * i as u64)))
                .collect(),
            Repeat::Monthly { count } => (1..=*count)
                .filter_map(|i| same_day_months_later(first, i as u32))
                .collect(),
            Repeat::Dates(dates) => dates.iter().copied().filter(|d| *d != first).collect(),
        };
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The same day of the month `months` later, or that month's last day.
fn same_day_months_later(first: NaiveDate, months: u32) -> Option<NaiveDate> {
    let start_of_month = first.with_day(1)?.checked_add_months(Months::new(months))?;
    let last = start_of_month
        .checked_add_months(Months::new(1))?
        .pred_opt()?
        .day();
    start_of_month.with_day(first.day().min(last))
}

/// What a campaign copy keeps from its source.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Keep {
    /// The same wall-clock time in every city.
    #[default]
    LocalTime,
    /// The same instant everywhere.
    Instant,
}

impl Keep {
    pub fn parse(raw: &str) -> Self {
        if raw.trim() == "instant" {
            Keep::Instant
        } else {
            Keep::LocalTime
        }
    }
}

/// Where a copy of a gathering starts, on its venue's clock.
pub fn copy_start(
    source_start: NaiveDateTime,
    source_zone: Tz,
    target_zone: Tz,
    keep: Keep,
) -> Result<NaiveDateTime, ValidationError> {
    match keep {
        Keep::LocalTime => {
            // The wall-clock time must exist in the target city on that day.
            resolve_local("venues", target_zone, source_start)?;
            Ok(source_start)
        }
        Keep::Instant => {
            let instant = resolve_local("venues", source_zone, source_start)?;
            Ok(target_zone
                .from_utc_datetime(&instant.naive_utc())
                .naive_local())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America::Toronto, Asia::Tehran, Europe::Stockholm, Europe::Tirane};
    use rstest::rstest;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn t(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap()
    }

    #[rstest]
    #[case::weekly(Repeat::Weekly { count: 3 }, "2023-11-26", &["2023-12-03", "2023-12-10", "2023-12-17"])]
    #[case::monthly(Repeat::Monthly { count: 3 }, "2023-11-26", &["2023-12-26", "2024-01-26", "2024-02-26"])]
    #[case::month_end(Repeat::Monthly { count: 4 }, "2024-01-31", &["2024-02-29", "2024-03-31", "2024-04-30", "2024-05-31"])]
    #[case::dates(
        Repeat::Dates(vec![d("2024-03-08"), d("2023-11-26"), d("2024-01-10"), d("2024-03-08")]),
        "2023-11-26",
        &["2024-01-10", "2024-03-08"]
    )]
    fn series_dates(#[case] repeat: Repeat, #[case] first: &str, #[case] expected: &[&str]) {
        let got: Vec<String> = repeat
            .dates(d(first))
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(got, expected);
    }

    #[rstest]
    #[case("weekly", "0", "", "count")]
    #[case("monthly", "53", "", "count")]
    #[case("monthly", "many", "", "count")]
    #[case("dates", "", "2024-02-30", "dates")]
    #[case("dates", "", "  \n ", "dates")]
    #[case("yearly", "2", "", "every")]
    fn bad_series_forms_name_their_field(
        #[case] every: &str,
        #[case] count: &str,
        #[case] dates: &str,
        #[case] field: &str,
    ) {
        assert_eq!(Repeat::parse(every, count, dates).unwrap_err().field, field);
    }

    #[rstest]
    // 11:00 in Tirana (UTC+1 in November) is 11:00 in Stockholm, 13:30 in Tehran and
    // 05:00 in Toronto.
    #[case(Stockholm, Keep::Instant, "2023-11-26 11:00")]
    #[case(Tehran, Keep::Instant, "2023-11-26 13:30")]
    #[case(Toronto, Keep::Instant, "2023-11-26 05:00")]
    #[case(Tehran, Keep::LocalTime, "2023-11-26 11:00")]
    fn campaign_copies_start_at_the_same_time_or_the_same_instant(
        #[case] target: Tz,
        #[case] keep: Keep,
        #[case] expected: &str,
    ) {
        let got = copy_start(t("2023-11-26 11:00"), Tirane, target, keep).unwrap();
        assert_eq!(got, t(expected));
    }

    #[test]
    fn a_local_time_the_clocks_skip_in_the_target_city_is_refused() {
        // 02:30 on 31 March 2024 does not exist in Stockholm (clocks go 02:00 → 03:00).
        let err = copy_start(t("2024-03-31 02:30"), Tehran, Stockholm, Keep::LocalTime);
        assert_eq!(err.unwrap_err().field, "venues");
    }
}
