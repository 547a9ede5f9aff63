//! When a gathering may be deleted, and how long a deleted one can be recovered.
//!
//! A draft was never public: it goes at once. A published or postponed gathering is in
//! people's calendars: it is cancelled first, and stays in every feed as cancelled
//! until calendars have had time to remove it; only then can it be deleted.

use chrono::{DateTime, Duration, Utc};

use super::GatheringStatus;

/// How long a deleted gathering waits in "Recently deleted" before it is gone for good,
/// and how long a cancelled one stays announced as cancelled before it can be deleted.
pub const KEEP_DAYS: i64 = 30;

/// Whether a gathering can be deleted now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deletion {
    /// It can go now.
    Now,
    /// It is public: cancel it first.
    CancelFirst,
    /// Cancelled, but calendars may still show it: it can go from this instant.
    From(DateTime<Utc>),
}

/// The rule for a gathering of `status`, cancelled since `cancelled_at` (if it is).
pub fn deletion(
    status: GatheringStatus,
    cancelled_at: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> Deletion {
    match status {
        GatheringStatus::Draft => Deletion::Now,
        GatheringStatus::Published | GatheringStatus::Postponed => Deletion::CancelFirst,
        GatheringStatus::Cancelled => {
            // A cancellation of unknown age counts as made now: it waits the whole time.
            let from = cancelled_at.unwrap_or(now) + Duration::days(KEEP_DAYS);
            if now >= from {
                Deletion::Now
            } else {
                Deletion::From(from)
            }
        }
    }
}

/// When something deleted at `deleted_at` is purged for good.
pub fn purged_at(deleted_at: DateTime<Utc>) -> DateTime<Utc> {
    deleted_at + Duration::days(KEEP_DAYS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rstest::rstest;

    fn day(d: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, d, 12, 0, 0).unwrap()
    }

    #[rstest]
    #[case::a_draft_goes_at_once(GatheringStatus::Draft, None, Deletion::Now)]
    #[case::published_is_cancelled_first(GatheringStatus::Published, None, Deletion::CancelFirst)]
    #[case::postponed_too(GatheringStatus::Postponed, None, Deletion::CancelFirst)]
    #[case::cancelled_yesterday_waits(
        GatheringStatus::Cancelled,
        Some(day(29)),
        Deletion::From(day(29) + Duration::days(30))
    )]
    #[case::cancelled_thirty_days_ago_goes(
        GatheringStatus::Cancelled,
        Some(day(30) - Duration::days(30)),
        Deletion::Now
    )]
    #[case::cancelled_at_unknown_waits_from_now(
        GatheringStatus::Cancelled,
        None,
        Deletion::From(day(30) + Duration::days(30))
    )]
    fn when_a_gathering_can_be_deleted(
        #[case] status: GatheringStatus,
        #[case] cancelled_at: Option<DateTime<Utc>>,
        #[case] expected: Deletion,
    ) {
        assert_eq!(deletion(status, cancelled_at, day(30)), expected);
    }
}
