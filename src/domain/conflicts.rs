//! Planning conflicts an organiser must see before publishing.
//!
//! Rules kept here:
//! - Time spans are half-open, `[start, end)`: a slot ending at 12:00 and one starting at
//!   12:00 do not overlap, and an empty slot overlaps nothing.
//! - A person is double-booked when two of their slots in different places overlap and
//!   both need them there live (in person or online). A place is a lane of a gathering
//!   (a room of a conference): two gatherings, or two lanes of one, are two places. A
//!   recording or a message read out by someone else needs no presence. Overlapping
//!   slots within one lane are not a clash: the host who interprets every speech is
//!   there for all of them; an interpreter due in two rooms at once is.
//! - A venue is double-booked when the spans of two different gatherings overlap there.
//! - A room is double-booked when segments of two different lanes (of one gathering or
//!   of two) overlap in it.
//! - Each clashing pair is reported once, earlier-starting slot first, ordered by person
//!   (or venue) and then by time, whatever order the slots came in.
//! - An online speaker speaks from their own zone; their waking hours are 07:00 to 22:00
//!   on their own wall clock, and a slot any part of which falls outside is flagged.
//! - Interpretation is missing for an audience language that is neither spoken nor
//!   interpreted into. When the spoken language is unknown nothing is flagged.

use std::collections::BTreeSet;

use chrono::{DateTime, NaiveTime, Utc};
use chrono_tz::Tz;

use super::types::{AppearanceMode, LanguageTag};

/// One appearance of a person in a segment, with the segment's instants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSlot {
    pub person_id: i64,
    pub gathering_id: i64,
    /// The lane of the gathering the segment runs in.
    pub lane_id: i64,
    pub segment_id: i64,
    pub mode: AppearanceMode,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Two appearances of one person that cannot both happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonClash {
    pub person_id: i64,
    /// `(gathering_id, segment_id)` of the slot that starts first.
    pub first: (i64, i64),
    /// `(gathering_id, segment_id)` of the other slot.
    pub second: (i64, i64),
}

/// Every pair of spans of the same holder (a person, a venue, a room) that overlap,
/// each pair once, the earlier-starting first, ordered by holder and then by time;
/// `order` breaks ties so the result does not depend on the order given. Empty spans
/// overlap nothing.
fn overlapping<'a, T, K: Ord>(
    items: impl IntoIterator<Item = &'a T>,
    span: impl Fn(&T) -> (i64, DateTime<Utc>, DateTime<Utc>),
    order: impl Fn(&T) -> K,
) -> Vec<(&'a T, &'a T)> {
    let mut held: Vec<&T> = items
        .into_iter()
        .filter(|s| {
            let (_, start, end) = span(s);
            start < end
        })
        .collect();
    held.sort_by_key(|s| (span(s), order(s)));
    let mut pairs = Vec::new();
    for (i, a) in held.iter().enumerate() {
        let (holder, _, until) = span(a);
        for b in held[i + 1..].iter().take_while(|b| {
            let (other, from, _) = span(b);
            other == holder && from < until
        }) {
            pairs.push((*a, *b));
        }
    }
    pairs
}

/// The people booked live in two places at once.
pub fn double_booked_people(slots: &[PersonSlot]) -> Vec<PersonClash> {
    let live = slots.iter().filter(|s| needs_presence(s.mode));
    let mut seen = BTreeSet::new();
    overlapping(
        live,
        |s| (s.person_id, s.start, s.end),
        |s| (s.gathering_id, s.segment_id),
    )
    .into_iter()
    .filter(|(a, b)| a.gathering_id != b.gathering_id || a.lane_id != b.lane_id)
    .map(|(a, b)| PersonClash {
        person_id: a.person_id,
        first: (a.gathering_id, a.segment_id),
        second: (b.gathering_id, b.segment_id),
    })
    .filter(|c| seen.insert((c.person_id, c.first, c.second)))
    .collect()
}

/// Whether an appearance in this mode needs the person there at that time.
pub fn needs_presence(mode: AppearanceMode) -> bool {
    match mode {
        AppearanceMode::InPerson | AppearanceMode::Online => true,
        AppearanceMode::Recorded | AppearanceMode::ReadByProxy => false,
    }
}

/// The span during which a gathering holds a venue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VenueSlot {
    pub venue_id: i64,
    pub gathering_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Two gatherings holding one venue at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VenueClash {
    pub venue_id: i64,
    /// The gathering that starts first.
    pub first: i64,
    /// The other gathering.
    pub second: i64,
}

/// The venues booked by two gatherings at once.
pub fn double_booked_venues(slots: &[VenueSlot]) -> Vec<VenueClash> {
    let mut seen = BTreeSet::new();
    overlapping(slots, |s| (s.venue_id, s.start, s.end), |s| s.gathering_id)
        .into_iter()
        .filter(|(a, b)| a.gathering_id != b.gathering_id)
        .map(|(a, b)| VenueClash {
            venue_id: a.venue_id,
            first: a.gathering_id,
            second: b.gathering_id,
        })
        .filter(|c| seen.insert((c.venue_id, c.first, c.second)))
        .collect()
}

/// A segment held in a room.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomSlot {
    pub room_id: i64,
    pub lane_id: i64,
    pub segment_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// Two segments of different lanes holding one room at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomClash {
    pub room_id: i64,
    /// The segment that starts first.
    pub first: i64,
    /// The other segment.
    pub second: i64,
}

/// The rooms used by two lanes at once, each pair once, by room and then by time.
pub fn double_booked_rooms(slots: &[RoomSlot]) -> Vec<RoomClash> {
    overlapping(slots, |s| (s.room_id, s.start, s.end), |s| s.segment_id)
        .into_iter()
        .filter(|(a, b)| a.lane_id != b.lane_id)
        .map(|(a, b)| RoomClash {
            room_id: a.room_id,
            first: a.segment_id,
            second: b.segment_id,
        })
        .collect()
}

/// A remote slot as the remote speaker's own clock shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteHours {
    pub local_start: DateTime<Tz>,
    pub local_end: DateTime<Tz>,
    /// Whether any part of the slot falls outside 07:00–22:00 at home.
    pub outside_waking_hours: bool,
}

/// When waking hours begin on a speaker's own clock.
pub const WAKING_FROM: NaiveTime = NaiveTime::from_hms_opt(7, 0, 0).unwrap();
/// When waking hours end on a speaker's own clock.
pub const WAKING_UNTIL: NaiveTime = NaiveTime::from_hms_opt(22, 0, 0).unwrap();

/// The slot `[start, end)` in the speaker's `home` zone, flagged when it reaches outside
/// their waking hours.
pub fn remote_hours(home: Tz, start: DateTime<Utc>, end: DateTime<Utc>) -> RemoteHours {
    let local_start = start.with_timezone(&home);
    let local_end = end.with_timezone(&home);
    let from = local_start.naive_local();
    let until = local_end.naive_local();
    let day = from.date();
    let inside = from >= day.and_time(WAKING_FROM) && until <= day.and_time(WAKING_UNTIL);
    RemoteHours {
        local_start,
        local_end,
        outside_waking_hours: !inside,
    }
}

/// The audience languages that no one will hear: neither spoken nor interpreted into.
pub fn missing_interpretation(
    audience: &[LanguageTag],
    spoken: Option<&LanguageTag>,
    interpreted_into: &[LanguageTag],
) -> Vec<LanguageTag> {
    let Some(spoken) = spoken else {
        return Vec::new();
    };
    let mut missing: Vec<LanguageTag> = Vec::new();
    for language in audience {
        if language != spoken && !interpreted_into.contains(language) && !missing.contains(language)
        {
            missing.push(language.clone());
        }
    }
    missing
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDateTime, TimeZone};
    use chrono_tz::{America::Los_Angeles, Asia::Tehran, Europe::Stockholm, Europe::Tirane};
    use rstest::rstest;

    use AppearanceMode::{InPerson, Online, ReadByProxy, Recorded};

    /// An instant from a Tirana wall-clock time on the day of the park gathering.
    fn tirana(hh_mm: &str) -> DateTime<Utc> {
        let local = NaiveDateTime::parse_from_str(&format!("2023-11-26 {hh_mm}"), "%Y-%m-%d %H:%M")
            .unwrap();
        Tirane
            .from_local_datetime(&local)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn utc(s: &str) -> DateTime<Utc> {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M")
            .unwrap()
            .and_utc()
    }

    fn slot(
        gathering: i64,
        segment: i64,
        mode: AppearanceMode,
        from: &str,
        to: &str,
    ) -> PersonSlot {
        PersonSlot {
            person_id: 7,
            gathering_id: gathering,
            lane_id: 0,
            segment_id: segment,
            mode,
            start: tirana(from),
            end: tirana(to),
        }
    }

    fn clash(first: (i64, i64), second: (i64, i64)) -> PersonClash {
        PersonClash {
            person_id: 7,
            first,
            second,
        }
    }

    #[rstest]
    // Speaking online in Tirana while due in person at another gathering.
    #[case(Online, InPerson, "11:40", "12:00", vec![clash((1, 3), (2, 20))])]
    #[case(InPerson, InPerson, "11:50", "12:10", vec![clash((1, 3), (2, 20))])]
    // Touching: the other gathering's slot begins as the speech ends.
    #[case(Online, InPerson, "11:54", "12:10", vec![])]
    #[case(Online, InPerson, "12:30", "12:40", vec![])]
    // A recording or a message read out needs nobody there.
    #[case(Recorded, InPerson, "11:40", "12:00", vec![])]
    #[case(Online, ReadByProxy, "11:40", "12:00", vec![])]
    fn people_in_two_gatherings_at_once(
        #[case] speech_mode: AppearanceMode,
        #[case] other_mode: AppearanceMode,
        #[case] other_from: &str,
        #[case] other_to: &str,
        #[case] expected: Vec<PersonClash>,
    ) {
        let slots = [
            slot(1, 3, speech_mode, "11:34", "11:54"),
            slot(2, 20, other_mode, other_from, other_to),
        ];
        assert_eq!(double_booked_people(&slots), expected);
    }

    #[test]
    fn the_host_who_interprets_every_speech_is_not_double_booked() {
        let slots = [
            slot(1, 1, InPerson, "11:00", "11:10"),
            slot(1, 3, InPerson, "11:34", "11:54"),
            slot(1, 5, InPerson, "12:02", "12:14"),
            slot(1, 100, InPerson, "11:00", "12:54"),
        ];
        assert_eq!(double_booked_people(&slots), []);
    }

    #[rstest]
    // An interpreter in room 1 and room 2 of one conference at once.
    #[case(1, 2, "10:15", "10:45", vec![clash((1, 1), (1, 2))])]
    // The same, one after the other: fine.
    #[case(1, 2, "10:30", "11:00", vec![])]
    // Two talks in one lane that overlap are an agenda note, not a double booking.
    #[case(1, 1, "10:15", "10:45", vec![])]
    fn people_in_two_rooms_of_one_gathering(
        #[case] lane_a: i64,
        #[case] lane_b: i64,
        #[case] from: &str,
        #[case] to: &str,
        #[case] expected: Vec<PersonClash>,
    ) {
        let slots = [
            PersonSlot {
                lane_id: lane_a,
                ..slot(1, 1, InPerson, "10:00", "10:30")
            },
            PersonSlot {
                lane_id: lane_b,
                ..slot(1, 2, InPerson, from, to)
            },
        ];
        assert_eq!(double_booked_people(&slots), expected);
    }

    fn room(room_id: i64, lane_id: i64, segment_id: i64, from: &str, to: &str) -> RoomSlot {
        RoomSlot {
            room_id,
            lane_id,
            segment_id,
            start: tirana(from),
            end: tirana(to),
        }
    }

    #[rstest]
    // Two lanes put in the same room, overlapping.
    #[case(room(9, 2, 20, "10:20", "10:40"), vec![RoomClash { room_id: 9, first: 10, second: 20 }])]
    // Two lanes in the same room one after the other (a morning and an afternoon track).
    #[case(room(9, 2, 20, "10:30", "10:40"), vec![])]
    // Another room at the same time.
    #[case(room(8, 2, 20, "10:20", "10:40"), vec![])]
    // The same lane: an overlap in the agenda, reported there.
    #[case(room(9, 1, 20, "10:20", "10:40"), vec![])]
    fn rooms_used_twice(#[case] other: RoomSlot, #[case] expected: Vec<RoomClash>) {
        let mut slots = vec![room(9, 1, 10, "10:00", "10:30"), other];
        assert_eq!(double_booked_rooms(&slots), expected);
        slots.reverse();
        assert_eq!(double_booked_rooms(&slots), expected);
    }

    #[test]
    fn clashes_are_reported_once_in_a_fixed_order() {
        let mut slots = vec![
            slot(3, 30, InPerson, "11:45", "12:30"),
            slot(1, 3, Online, "11:34", "11:54"),
            slot(2, 20, InPerson, "11:40", "12:00"),
            PersonSlot {
                person_id: 4,
                ..slot(2, 21, Online, "11:00", "11:30")
            },
            PersonSlot {
                person_id: 4,
                ..slot(1, 1, InPerson, "11:00", "11:10")
            },
            slot(1, 3, Online, "11:34", "11:54"),
        ];
        let expected = vec![
            PersonClash {
                person_id: 4,
                first: (1, 1),
                second: (2, 21),
            },
            clash((1, 3), (2, 20)),
            clash((1, 3), (3, 30)),
            clash((2, 20), (3, 30)),
        ];
        assert_eq!(double_booked_people(&slots), expected);
        slots.reverse();
        assert_eq!(double_booked_people(&slots), expected);
    }

    fn venue(gathering: i64, from: &str, to: &str) -> VenueSlot {
        VenueSlot {
            venue_id: 5,
            gathering_id: gathering,
            start: tirana(from),
            end: tirana(to),
        }
    }

    #[rstest]
    #[case("12:30", "14:00", vec![VenueClash { venue_id: 5, first: 1, second: 2 }])]
    #[case("10:00", "11:30", vec![VenueClash { venue_id: 5, first: 2, second: 1 }])]
    #[case("11:30", "12:00", vec![VenueClash { venue_id: 5, first: 1, second: 2 }])]
    // The next group takes the park as the first one leaves.
    #[case("13:00", "14:00", vec![])]
    #[case("09:00", "11:00", vec![])]
    fn venues_held_by_two_gatherings(
        #[case] from: &str,
        #[case] to: &str,
        #[case] expected: Vec<VenueClash>,
    ) {
        let slots = [venue(1, "11:00", "13:00"), venue(2, from, to)];
        assert_eq!(double_booked_venues(&slots), expected);
    }

    #[test]
    fn a_venue_is_not_in_conflict_with_itself_or_with_other_venues() {
        let slots = [
            venue(1, "11:00", "13:00"),
            venue(1, "12:00", "14:00"),
            VenueSlot {
                venue_id: 6,
                ..venue(2, "11:00", "13:00")
            },
        ];
        assert_eq!(double_booked_venues(&slots), []);
    }

    #[rstest]
    // The chief executive speaks at 11:34 Tirana from Stockholm: same hour, fine.
    #[case(Stockholm, "11:34", "11:54", "11:34", false)]
    // A Tehran speaker at 20:00 Tirana is at 22:30 at home.
    #[case(Tehran, "20:00", "20:20", "22:30", true)]
    // The same speaker at 18:00 Tirana speaks 20:30-20:50 Tehran time.
    #[case(Tehran, "18:00", "18:20", "20:30", false)]
    // Ending exactly at 22:00 at home is still within waking hours.
    #[case(Tehran, "19:10", "19:30", "21:40", false)]
    // Running from 21:50 to 22:10 at home: partly outside.
    #[case(Tehran, "19:20", "19:40", "21:50", true)]
    // A Los Angeles speaker in the Tirana morning speaks at 02:34 at home.
    #[case(Los_Angeles, "11:34", "11:54", "02:34", true)]
    // ... and at 16:00 Tirana it is 07:00 in Los Angeles.
    #[case(Los_Angeles, "16:00", "16:20", "07:00", false)]
    #[case(Los_Angeles, "15:59", "16:20", "06:59", true)]
    fn remote_speakers_at_home(
        #[case] home: Tz,
        #[case] from: &str,
        #[case] to: &str,
        #[case] at_home: &str,
        #[case] outside: bool,
    ) {
        let hours = remote_hours(home, tirana(from), tirana(to));
        assert_eq!(hours.local_start.format("%H:%M").to_string(), at_home);
        assert_eq!(hours.local_start.timezone(), home);
        assert_eq!(
            hours.local_end - hours.local_start,
            tirana(to) - tirana(from)
        );
        assert_eq!(hours.outside_waking_hours, outside);
    }

    #[rstest]
    // Over midnight at home.
    #[case(Tehran, "2024-06-20 18:00", "2024-06-20 21:00", true)]
    // Tehran is +03:30 in summer too: 10:00 UTC is 13:30 there.
    #[case(Tehran, "2024-06-20 10:00", "2024-06-20 11:00", false)]
    // Longer than a day is never all within waking hours.
    #[case(Stockholm, "2024-06-20 08:00", "2024-06-21 08:30", true)]
    fn remote_slots_in_utc(
        #[case] home: Tz,
        #[case] from: &str,
        #[case] to: &str,
        #[case] outside: bool,
    ) {
        assert_eq!(
            remote_hours(home, utc(from), utc(to)).outside_waking_hours,
            outside
        );
    }

    fn langs(codes: &str) -> Vec<LanguageTag> {
        LanguageTag::parse_list("languages", codes).unwrap()
    }

    #[rstest]
    // The host interprets Persian into Albanian for the Tirana crowd.
    #[case("sq", Some("fa"), "sq", "")]
    // No one interprets: the Albanian audience would not understand.
    #[case("sq", Some("fa"), "", "sq")]
    // English-speaking TV crews too: English is missing.
    #[case("sq en", Some("fa"), "sq", "en")]
    #[case("fa sq en", Some("fa"), "", "sq en")]
    // The former member speaks Albanian to an Albanian audience.
    #[case("sq", Some("sq"), "", "")]
    // Spoken language unknown: nothing to warn about.
    #[case("sq en", None, "", "")]
    #[case("", Some("fa"), "sq", "")]
    fn interpretation(
        #[case] audience: &str,
        #[case] spoken: Option<&str>,
        #[case] interpreted: &str,
        #[case] missing: &str,
    ) {
        let spoken = spoken.map(|code| LanguageTag::parse("language", code).unwrap());
        let result = missing_interpretation(&langs(audience), spoken.as_ref(), &langs(interpreted));
        assert_eq!(result, langs(missing));
    }
}
