//! Releases of a programme: organisers publish it as numbered versions, each keeping what
//! every public session was then.
//!
//! Rules kept here:
//! - A session is the same session across versions by its identifier (its calendar UID),
//!   whatever else changes.
//! - Between two versions a session is *added* (not in the earlier one), *cancelled* (not
//!   in the later one: removed, or no longer public), *moved* (another start, end or
//!   room) or *renamed* (another title, same time and room); anything else is unchanged.
//!   A session both moved and renamed is reported as moved, with its new title.
//! - Changes come in the order of the later programme (cancelled ones where they were),
//!   by start and then identifier.
//! - A session's calendar SEQUENCE rises by one for each release in which it moved (or
//!   came back after being cancelled) against the release before. Releases are never
//!   changed, so it never goes down; a session that stayed never sees it rise; a move
//!   not yet released is announced by its new times and stamp, and raises the SEQUENCE
//!   at the next release. A new title alone is not such a change (RFC 5545 § 3.8.7.4
//!   counts the times and the status), so a calendar read in another language counts
//!   the same.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One public session as a release keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(schemars::JsonSchema))]
pub struct Session {
    pub uid: String,
    pub title: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    /// Its room's name ("" when in none).
    pub room: String,
}

/// The public sessions of one version.
pub type Snapshot = Vec<Session>;

/// What happened to a session between two versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Added(Session),
    Cancelled(Session),
    /// Another start, end or room: the session before and after.
    Moved {
        before: Session,
        after: Session,
    },
    /// Another title only.
    Renamed {
        before: Session,
        after: Session,
    },
}

impl Change {
    /// The session as the later version has it (as it was, for a cancelled one).
    pub fn session(&self) -> &Session {
        match self {
            Change::Added(s) | Change::Cancelled(s) => s,
            Change::Moved { after, .. } | Change::Renamed { after, .. } => after,
        }
    }
}

fn placed(a: &Session, b: &Session) -> bool {
    a.start == b.start && a.end == b.end && a.room == b.room
}

/// What changed from `before` to `after`.
pub fn changes(before: &[Session], after: &[Session]) -> Vec<Change> {
    let old: HashMap<&str, &Session> = before.iter().map(|s| (s.uid.as_str(), s)).collect();
    let new: HashMap<&str, &Session> = after.iter().map(|s| (s.uid.as_str(), s)).collect();
    let mut out: Vec<Change> = Vec::new();
    for s in after {
        match old.get(s.uid.as_str()) {
            None => out.push(Change::Added(s.clone())),
            Some(b) if !placed(b, s) => out.push(Change::Moved {
                before: (*b).clone(),
                after: s.clone(),
            }),
            Some(b) if b.title != s.title => out.push(Change::Renamed {
                before: (*b).clone(),
                after: s.clone(),
            }),
            Some(_) => {}
        }
    }
    for s in before {
        if !new.contains_key(s.uid.as_str()) {
            out.push(Change::Cancelled(s.clone()));
        }
    }
    out.sort_by(|a, b| {
        let (a, b) = (a.session(), b.session());
        (a.start, &a.uid).cmp(&(b.start, &b.uid))
    });
    out
}

/// How much each session's SEQUENCE rises over the releases, oldest first (see the
/// module's rules). Sessions never changed are absent.
pub fn sequence_raises(releases: &[Snapshot]) -> HashMap<String, u32> {
    let mut raised: HashMap<String, u32> = HashMap::new();
    for (i, pair) in releases.windows(2).enumerate() {
        for c in changes(&pair[0], &pair[1]) {
            // A session's first appearance is not a change of it; coming back is.
            let changed = match &c {
                Change::Moved { .. } | Change::Cancelled(_) => true,
                Change::Added(s) => releases[..i]
                    .iter()
                    .any(|r| r.iter().any(|x| x.uid == s.uid)),
                Change::Renamed { .. } => false,
            };
            if changed {
                *raised.entry(c.session().uid.clone()).or_default() += 1;
            }
        }
    }
    raised
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        chrono::NaiveDate::from_ymd_opt(2027, 5, 14)
            .unwrap()
            .and_hms_opt(h, m, 0)
            .unwrap()
            .and_utc()
    }

    fn s(uid: &str, title: &str, h: u32, room: &str) -> Session {
        Session {
            uid: uid.into(),
            title: title.into(),
            start: at(h, 0),
            end: at(h, 30),
            room: room.into(),
        }
    }

    fn v1() -> Snapshot {
        vec![
            s("a", "Opening", 9, "Hall"),
            s("b", "Panel", 10, "Hall"),
            s("c", "Workshop", 11, "Room 2"),
        ]
    }

    #[rstest]
    // Nothing changed.
    #[case(v1(), vec![])]
    // The panel goes to Room 2: moved.
    #[case(vec![s("a", "Opening", 9, "Hall"), s("b", "Panel", 10, "Room 2"), s("c", "Workshop", 11, "Room 2")],
        vec![Change::Moved { before: s("b", "Panel", 10, "Hall"), after: s("b", "Panel", 10, "Room 2") }])]
    // The workshop is renamed and a closing is added; the opening is dropped.
    #[case(vec![s("b", "Panel", 10, "Hall"), s("c", "Hands-on workshop", 11, "Room 2"), s("d", "Closing", 12, "Hall")],
        vec![
            Change::Cancelled(s("a", "Opening", 9, "Hall")),
            Change::Renamed { before: s("c", "Workshop", 11, "Room 2"), after: s("c", "Hands-on workshop", 11, "Room 2") },
            Change::Added(s("d", "Closing", 12, "Hall")),
        ])]
    // Moved and renamed at once: moved, with the new title.
    #[case(vec![s("a", "Opening", 9, "Hall"), s("b", "Panel of mothers", 13, "Hall"), s("c", "Workshop", 11, "Room 2")],
        vec![Change::Moved { before: s("b", "Panel", 10, "Hall"), after: s("b", "Panel of mothers", 13, "Hall") }])]
    fn what_changed_between_two_versions(#[case] after: Snapshot, #[case] expected: Vec<Change>) {
        assert_eq!(changes(&v1(), &after), expected);
    }

    #[test]
    fn only_moved_sessions_raise_their_sequence_at_each_release() {
        // v2 moves the panel, renames the opening and adds a closing.
        let v2 = vec![
            s("a", "Welcome", 9, "Hall"),
            s("b", "Panel", 14, "Hall"),
            s("c", "Workshop", 11, "Room 2"),
            s("d", "Closing", 15, "Hall"),
        ];
        let raised = sequence_raises(&[v1(), v2.clone()]);
        assert_eq!(raised.get("a"), None, "a new title alone");
        assert_eq!(raised.get("b"), Some(&1), "moved in v2");
        assert_eq!(raised.get("c"), None, "stayed");
        assert_eq!(raised.get("d"), None, "new in v2 is not a change of it");
        // Released again unchanged: nothing more rises.
        let raised = sequence_raises(&[v1(), v2.clone(), v2.clone()]);
        assert_eq!(raised.get("b"), Some(&1));
        // Moved back in v3: it rises again, never down.
        let back = vec![
            s("a", "Welcome", 9, "Hall"),
            s("b", "Panel", 14, "Hall"),
            s("c", "Workshop", 11, "Room 2"),
        ];
        let raised = sequence_raises(&[v1(), back, v1()]);
        assert_eq!(raised.get("b"), Some(&2), "moved, then moved back");
    }

    #[test]
    fn a_session_cancelled_and_back_rises_each_time() {
        let without_b = vec![
            s("a", "Opening", 9, "Hall"),
            s("c", "Workshop", 11, "Room 2"),
        ];
        let raised = sequence_raises(&[v1(), without_b, v1()]);
        assert_eq!(raised.get("b"), Some(&2));
        assert_eq!(raised.get("a"), None);
    }

    #[test]
    fn no_release_raises_nothing() {
        assert!(sequence_raises(&[]).is_empty());
        assert!(sequence_raises(&[v1()]).is_empty());
    }
}
