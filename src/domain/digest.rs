//! The monthly digest (the society's numbered newsletter).
//!
//! Rules kept here:
//! - A digest covers one calendar month, `YYYY-MM`, of gatherings by their local start.
//! - The number of an issue is its organisers' to set (newsletters skip months). A month
//!   without one is offered the number after the last earlier issue (No. 111 in
//!   November 2023 suggests No. 112 for March 2024), else the one before the first later
//!   issue; with none anywhere, No. 1.
//! - A published issue is fixed at the moment it was published: what was held and what
//!   was still to come are as they were then, not as they are when it is read.

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

/// The number suggested for the digest of `month`, from the issues already numbered.
pub fn number_for(month: Month, stored: &[(Month, i32)]) -> i32 {
    let before = stored
        .iter()
        .filter(|(m, _)| *m < month)
        .max_by_key(|(m, _)| *m);
    let after = stored
        .iter()
        .filter(|(m, _)| *m > month)
        .min_by_key(|(m, _)| *m);
    match (before, after) {
        (Some((_, n)), _) => n.saturating_add(1),
        (None, Some((_, n))) => n.saturating_sub(1).max(1),
        (None, None) => 1,
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
    #[case::after_the_last_issue("2024-03", &[("2023-11", 111)], 112)]
    #[case::after_the_latest_earlier_one("2024-04", &[("2023-11", 111), ("2024-03", 112)], 113)]
    #[case::between_two("2024-01", &[("2023-11", 111), ("2024-03", 112)], 112)]
    #[case::before_the_first("2023-10", &[("2023-11", 111)], 110)]
    #[case::never_below_one("2023-10", &[("2023-11", 1)], 1)]
    #[case::the_first_issue("2023-11", &[], 1)]
    fn a_months_number_is_suggested_from_the_issues_around_it(
        #[case] month: &str,
        #[case] stored: &[(&str, i32)],
        #[case] expected: i32,
    ) {
        let stored: Vec<(Month, i32)> = stored.iter().map(|(k, n)| (m(k), *n)).collect();
        assert_eq!(number_for(m(month), &stored), expected);
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
