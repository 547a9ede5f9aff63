//! The monthly digest (the society's numbered newsletter).
//!
//! Rules kept here:
//! - A digest covers one calendar month, `YYYY-MM`, of gatherings by their local start.
//! - Digests are numbered in a row: once one month has a number, every other month's is
//!   that number plus the months between (No. 113 in November 2023 makes December
//!   No. 114 and October No. 112). With no number anywhere, the first is No. 1.

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::message::say;
use super::types::ValidationError;

/// A calendar month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: i32,
    pub month: u32,
}

impl Month {
    /// Reads `YYYY-MM`.
    pub fn parse(raw: &str) -> Result<Self, ValidationError> {
        let bad = || ValidationError::new("month", say!("refusal-month-format"));
        let (y, m) = raw.trim().split_once('-').ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let month: u32 = m.parse().map_err(|_| bad())?;
        if y.len() != 4 || m.len() != 2 || !(1..=12).contains(&month) || year < 1900 {
            return Err(bad());
        }
        Ok(Self { year, month })
    }

    pub fn of(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The first day of the month.
    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).unwrap_or_default()
    }

    /// The month after.
    pub fn next(self) -> Self {
        Self::of(self.first_day() + Months::new(1))
    }

    /// The month before.
    pub fn previous(self) -> Self {
        Self::of(self.first_day() - Months::new(1))
    }

    /// Whether `date` falls in this month.
    pub fn contains(self, date: NaiveDate) -> bool {
        Self::of(date) == self
    }

    /// Months from `self` to `other` (negative when `other` is earlier).
    pub fn months_until(self, other: Month) -> i64 {
        i64::from(other.year - self.year) * 12 + i64::from(other.month) - i64::from(self.month)
    }

    pub fn key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }
}

/// The number of the digest of `month`, counted from a digest whose number is known.
pub fn number_for(month: Month, known: Option<(Month, i32)>) -> i32 {
    match known {
        Some((at, number)) => {
            let n = i64::from(number) + at.months_until(month);
            i32::try_from(n.max(1)).unwrap_or(1)
        }
        None => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn m(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    #[rstest]
    #[case("2023-11", Some(("2023-11", 113)), 113)]
    #[case("2023-12", Some(("2023-11", 113)), 114)]
    #[case("2024-02", Some(("2023-11", 113)), 116)]
    #[case("2023-10", Some(("2023-11", 113)), 112)]
    #[case("2022-11", Some(("2023-11", 113)), 101)]
    #[case("2023-11", None, 1)]
    fn digests_are_numbered_in_a_row(
        #[case] month: &str,
        #[case] known: Option<(&str, i32)>,
        #[case] expected: i32,
    ) {
        assert_eq!(
            number_for(m(month), known.map(|(k, n)| (m(k), n))),
            expected
        );
    }

    #[rstest]
    #[case("2023-13")]
    #[case("2023-1")]
    #[case("23-11")]
    #[case("November")]
    #[case("")]
    fn months_are_read_strictly(#[case] raw: &str) {
        assert_eq!(Month::parse(raw).unwrap_err().field, "month");
    }

    #[test]
    fn months_step_over_years() {
        assert_eq!(m("2023-12").next(), m("2024-01"));
        assert_eq!(m("2024-01").previous(), m("2023-12"));
        assert!(m("2023-11").contains(NaiveDate::from_ymd_opt(2023, 11, 30).unwrap()));
        assert!(!m("2023-11").contains(NaiveDate::from_ymd_opt(2023, 12, 1).unwrap()));
    }
}
