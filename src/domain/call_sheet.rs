//! Call sheets: for each person in a gathering, when to be where, what they do, who
//! introduces them and who interprets them.
//!
//! Rules kept here:
//! - Someone who appears **in person** (or reads, hosts or interprets on site) is called
//!   to the venue [`ARRIVE_BEFORE`] before their first on-site segment starts.
//! - Someone who appears **online** has a tech check [`TECH_CHECK_BEFORE`] before their
//!   first online segment and joins the call [`JOIN_BEFORE`] before it; an online
//!   segment needs no presence at the venue.
//! - A **recorded** appearance or a **message read out** by someone else needs nobody to
//!   come: the sheet lists when it is played or read, and by whom.
//! - Whoever has both on-site and online parts gets the earlier of the two calls.
//! - A segment's **introducer** is its host (or moderator); when it has none, the host of
//!   the nearest earlier segment that has one. Nobody introduces themselves.
//! - A segment's **interpreters** are its appearances in the interpreter role.
//! - Every instant stays an instant here; pages show it in the venue's zone and in the
//!   person's own zone.

use chrono::{DateTime, TimeDelta, Utc};

use super::types::{AppearanceMode, AppearanceRole};

/// How long before their first on-site segment people are called to the venue.
pub const ARRIVE_BEFORE: TimeDelta = TimeDelta::minutes(30);
/// How long before their first online segment remote speakers test the call.
pub const TECH_CHECK_BEFORE: TimeDelta = TimeDelta::minutes(30);
/// How long before their first online segment remote speakers join the call.
pub const JOIN_BEFORE: TimeDelta = TimeDelta::minutes(10);

/// One segment of the programme, timed, with who appears in it.
#[derive(Debug, Clone, PartialEq)]
pub struct CallSegment {
    pub id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub appearances: Vec<CallAppearance>,
}

/// A person's part in a segment.
#[derive(Debug, Clone, PartialEq)]
pub struct CallAppearance {
    pub person_id: i64,
    pub role: AppearanceRole,
    pub mode: AppearanceMode,
}

/// What a person is asked to do before their first part.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// Be at the venue at this instant.
    Arrive { at: DateTime<Utc> },
    /// Test the call at `check`, then join at `join`.
    Online {
        check: DateTime<Utc>,
        join: DateTime<Utc>,
    },
}

impl Call {
    /// The instant the person is first needed.
    pub fn first(&self) -> DateTime<Utc> {
        match *self {
            Call::Arrive { at } => at,
            Call::Online { check, .. } => check,
        }
    }
}

/// One part a person has in the programme.
#[derive(Debug, Clone, PartialEq)]
pub struct CallPart {
    pub segment_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub role: AppearanceRole,
    pub mode: AppearanceMode,
    /// Who introduces this part (never the person themselves).
    pub introduced_by: Vec<i64>,
    /// Who interprets this part (never the person themselves).
    pub interpreted_by: Vec<i64>,
}

/// One person's call sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct CallSheet {
    pub person_id: i64,
    /// `None` when nothing needs them to come (recorded, or read out by someone else).
    pub call: Option<Call>,
    pub parts: Vec<CallPart>,
}

fn hosts(segment: &CallSegment) -> Vec<i64> {
    let mut ids = Vec::new();
    for a in &segment.appearances {
        if matches!(a.role, AppearanceRole::Host | AppearanceRole::Moderator)
            && !ids.contains(&a.person_id)
        {
            ids.push(a.person_id);
        }
    }
    ids
}

fn needs_venue(a: &CallAppearance) -> bool {
    a.mode == AppearanceMode::InPerson
}

/// The call sheets of everyone in a programme given in order, in order of first part.
pub fn call_sheets(segments: &[CallSegment]) -> Vec<CallSheet> {
    let mut sheets: Vec<CallSheet> = Vec::new();
    let mut last_hosts: Vec<i64> = Vec::new();
    for segment in segments {
        let own_hosts = hosts(segment);
        let introducers = if own_hosts.is_empty() {
            last_hosts.clone()
        } else {
            own_hosts.clone()
        };
        let interpreters: Vec<i64> = segment
            .appearances
            .iter()
            .filter(|a| a.role == AppearanceRole::Interpreter)
            .map(|a| a.person_id)
            .collect();
        for a in &segment.appearances {
            let without_self = |ids: &[i64]| -> Vec<i64> {
                let mut out: Vec<i64> = Vec::new();
                for id in ids {
                    if *id != a.person_id && !out.contains(id) {
                        out.push(*id);
                    }
                }
                out
            };
            let call = if needs_venue(a) {
                Some(Call::Arrive {
                    at: segment.start - ARRIVE_BEFORE,
                })
            } else if a.mode == AppearanceMode::Online {
                Some(Call::Online {
                    check: segment.start - TECH_CHECK_BEFORE,
                    join: segment.start - JOIN_BEFORE,
                })
            } else {
                None
            };
            let part = CallPart {
                segment_id: segment.id,
                start: segment.start,
                end: segment.end,
                role: a.role,
                mode: a.mode,
                introduced_by: if matches!(
                    a.role,
                    AppearanceRole::Host | AppearanceRole::Moderator | AppearanceRole::Interpreter
                ) {
                    Vec::new()
                } else {
                    without_self(&introducers)
                },
                interpreted_by: if a.role == AppearanceRole::Interpreter {
                    Vec::new()
                } else {
                    without_self(&interpreters)
                },
            };
            match sheets.iter_mut().find(|s| s.person_id == a.person_id) {
                Some(sheet) => {
                    sheet.call = earlier(sheet.call, call);
                    if !sheet
                        .parts
                        .iter()
                        .any(|p| p.segment_id == part.segment_id && p.role == part.role)
                    {
                        sheet.parts.push(part);
                    }
                }
                None => sheets.push(CallSheet {
                    person_id: a.person_id,
                    call,
                    parts: vec![part],
                }),
            }
        }
        if !own_hosts.is_empty() {
            last_hosts = own_hosts;
        }
    }
    sheets
}

fn earlier(a: Option<Call>, b: Option<Call>) -> Option<Call> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.first() < x.first() { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDateTime, TimeZone};
    use chrono_tz::{Europe::London, Europe::Tirane, Tz};
    use rstest::rstest;

    use AppearanceMode::{InPerson, Online, ReadByProxy, Recorded};
    use AppearanceRole::{Host, Interpreter, Reader, Speaker};

    const HOST: i64 = 1;
    const CEO: i64 = 2;
    const MOTHERS: i64 = 3;
    const FORMER_MEMBER: i64 = 4;
    const WRITER: i64 = 5;
    const READER: i64 = 6;

    fn tirana(hh_mm: &str) -> DateTime<Utc> {
        let local = NaiveDateTime::parse_from_str(&format!("2023-11-26 {hh_mm}"), "%Y-%m-%d %H:%M")
            .unwrap();
        Tirane.from_local_datetime(&local).unwrap().to_utc()
    }

    fn seg(
        id: i64,
        from: &str,
        to: &str,
        who: &[(i64, AppearanceRole, AppearanceMode)],
    ) -> CallSegment {
        CallSegment {
            id,
            start: tirana(from),
            end: tirana(to),
            appearances: who
                .iter()
                .map(|&(person_id, role, mode)| CallAppearance {
                    person_id,
                    role,
                    mode,
                })
                .collect(),
        }
    }

    /// The Tirana park gathering of 26 November 2023, as the field notes tell it.
    fn park() -> Vec<CallSegment> {
        vec![
            seg(1, "11:00", "11:10", &[(HOST, Host, InPerson)]),
            seg(2, "11:10", "11:24", &[]),
            seg(
                3,
                "11:24",
                "11:34",
                &[(CEO, Speaker, Online), (HOST, Interpreter, InPerson)],
            ),
            seg(4, "11:34", "11:44", &[]),
            seg(
                5,
                "11:44",
                "11:52",
                &[(MOTHERS, Speaker, Online), (HOST, Interpreter, InPerson)],
            ),
            seg(6, "11:52", "12:02", &[(FORMER_MEMBER, Speaker, InPerson)]),
            seg(
                7,
                "12:02",
                "12:12",
                &[(WRITER, Speaker, ReadByProxy), (READER, Reader, InPerson)],
            ),
        ]
    }

    fn sheet(id: i64) -> CallSheet {
        call_sheets(&park())
            .into_iter()
            .find(|s| s.person_id == id)
            .unwrap()
    }

    fn local(t: DateTime<Utc>, tz: Tz) -> String {
        t.with_timezone(&tz).format("%H:%M").to_string()
    }

    #[test]
    fn an_online_speaker_tests_the_call_and_joins_before_their_slot_in_both_zones() {
        let ceo = sheet(CEO);
        let Some(Call::Online { check, join }) = ceo.call else {
            panic!("{:?}", ceo.call)
        };
        assert_eq!(
            (local(check, Tirane), local(join, Tirane)),
            ("10:54".into(), "11:14".into())
        );
        assert_eq!(
            (local(check, London), local(join, London)),
            ("09:54".into(), "10:14".into())
        );
        assert_eq!(local(ceo.parts[0].start, London), "10:24");
        // The host introduces them (from the opening) and interprets them.
        assert_eq!(ceo.parts[0].introduced_by, vec![HOST]);
        assert_eq!(ceo.parts[0].interpreted_by, vec![HOST]);
    }

    #[rstest]
    #[case(HOST, Some("10:30"))]
    #[case(FORMER_MEMBER, Some("11:22"))]
    #[case(READER, Some("11:32"))]
    #[case(WRITER, None)]
    fn people_on_site_are_called_half_an_hour_before_their_first_part(
        #[case] person: i64,
        #[case] arrive: Option<&str>,
    ) {
        let call = sheet(person).call.map(|c| local(c.first(), Tirane));
        assert_eq!(call.as_deref(), arrive);
    }

    #[test]
    fn the_host_has_every_part_once_and_introduces_nobody_to_themselves() {
        let host = sheet(HOST);
        let parts: Vec<(i64, AppearanceRole)> =
            host.parts.iter().map(|p| (p.segment_id, p.role)).collect();
        assert_eq!(parts, vec![(1, Host), (3, Interpreter), (5, Interpreter)]);
        assert!(host.parts.iter().all(|p| p.introduced_by.is_empty()));
        assert!(host.parts.iter().all(|p| p.interpreted_by.is_empty()));
    }

    #[test]
    fn a_message_read_out_needs_no_one_to_come_and_names_its_reader_s_segment() {
        let writer = sheet(WRITER);
        assert_eq!(writer.call, None);
        assert_eq!(writer.parts[0].mode, ReadByProxy);
        assert_eq!(writer.parts[0].introduced_by, vec![HOST]);
    }

    #[test]
    fn someone_both_online_and_on_site_gets_the_earlier_call() {
        let segments = vec![
            seg(1, "11:00", "11:10", &[(CEO, Speaker, InPerson)]),
            seg(2, "12:00", "12:10", &[(CEO, Speaker, Online)]),
        ];
        let s = &call_sheets(&segments)[0];
        assert_eq!(
            s.call,
            Some(Call::Arrive {
                at: tirana("10:30")
            })
        );
        let segments = vec![
            seg(1, "11:00", "11:10", &[(CEO, Speaker, Recorded)]),
            seg(2, "12:00", "12:10", &[(CEO, Speaker, Online)]),
        ];
        let s = &call_sheets(&segments)[0];
        assert_eq!(
            s.call.map(|c| local(c.first(), Tirane)).as_deref(),
            Some("11:30")
        );
    }

    #[test]
    fn sheets_come_in_order_of_first_part() {
        let order: Vec<i64> = call_sheets(&park()).iter().map(|s| s.person_id).collect();
        assert_eq!(
            order,
            vec![HOST, CEO, MOTHERS, FORMER_MEMBER, WRITER, READER]
        );
    }
}
