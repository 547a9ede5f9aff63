//! Loads a frab/pretalx schedule (`domain::frab`) into a new conference: a venue in the
//! schedule's zone with one room per room of the file, a published gathering with one
//! lane per room, one segment per session at its fixed start, and the speakers as
//! people of the organisation (one already there is reused when the only one of that name). All of it
//! in one transaction: a refused file leaves nothing behind.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, NaiveDateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set,
    TransactionTrait,
};

use super::entities::{appearance, gathering, lane, organisation, person, room, segment, venue};
use crate::domain::frab::Schedule;
use crate::domain::plan::{MAX_SEGMENTS, RESERVED_SLUGS, free_text};
use crate::domain::{
    AppearanceMode, AppearanceRole, GatheringKind, GatheringStatus, SegmentKind, Slug, Title,
    ValidationError, VenueSetting, say,
};
use crate::error::AppError;

/// What an import made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub organisation: String,
    /// Whether the organisation was made by this import.
    pub new_organisation: bool,
    pub gathering: String,
    pub sessions: usize,
    pub speakers: usize,
    pub rooms: usize,
}

/// The segment kind a frab `type` reads as.
pub fn kind_of(frab_type: &str) -> SegmentKind {
    let t = frab_type.to_lowercase();
    if t.contains("break") || t.contains("pause") || t.contains("lunch") {
        SegmentKind::Break
    } else if t.contains("q&a") || t.contains("questions") {
        SegmentKind::QAndA
    } else if t.contains("music") || t.contains("concert") {
        SegmentKind::Music
    } else if t.contains("welcome") || t.contains("opening") {
        SegmentKind::Welcome
    } else if t.is_empty()
        || [
            "talk",
            "lecture",
            "keynote",
            "speech",
            "presentation",
            "lightning",
        ]
        .iter()
        .any(|w| t.contains(w))
    {
        SegmentKind::Speech
    } else {
        SegmentKind::Other
    }
}

/// Imports `schedule` as a new gathering of the organisation `org_slug`, made (named
/// `org_name`, else after its address) when there is none. `zone` overrides the
/// schedule's own time zone.
pub async fn import_schedule(
    db: &DatabaseConnection,
    org_slug: &str,
    org_name: Option<&str>,
    schedule: &Schedule,
    zone: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Imported, AppError> {
    let org_slug = Slug::parse("org", org_slug)?;
    let zone_name = zone
        .map(str::to_owned)
        .or_else(|| schedule.time_zone.clone())
        .ok_or_else(|| ValidationError::new("zone", say!("refusal-frab-no-zone")))?;
    let tz: Tz = crate::domain::TimeZoneName::parse("zone", &zone_name)?.tz();
    if schedule.sessions.is_empty() {
        return Err(ValidationError::new("file", say!("refusal-frab-empty")).into());
    }
    if schedule.sessions.len() > MAX_SEGMENTS {
        return Err(crate::domain::plan::too_many_segments("file").into());
    }
    let title_text = if schedule.title.trim().is_empty() {
        schedule.acronym.clone()
    } else {
        schedule.title.clone()
    };
    let title = Title::parse("title", &title_text)?;

    // Sessions in time order, room by room as the file lists them.
    let room_index: HashMap<&str, usize> = schedule
        .rooms
        .iter()
        .enumerate()
        .map(|(i, r)| (r.name.as_str(), i))
        .collect();
    let mut sessions: Vec<&crate::domain::frab::Session> = schedule.sessions.iter().collect();
    sessions.sort_by_key(|s| (s.start, room_index.get(s.room.as_str()).copied()));
    let local = |t: DateTime<chrono::FixedOffset>| t.with_timezone(&tz).naive_local();
    let starts_local: NaiveDateTime = sessions
        .iter()
        .map(|s| local(s.start))
        .min()
        .unwrap_or_default();
    let ends_at = sessions
        .iter()
        .map(|s| s.start + chrono::Duration::minutes(i64::from(s.minutes)))
        .max()
        .unwrap_or_default();
    let ends_local = local(ends_at);
    let span = crate::domain::time::LocalSpan::resolve(tz, starts_local, ends_local)
        .map_err(|e| ValidationError::new("file", e.message))?;

    let txn = db.begin().await?;
    let existing = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(org_slug.as_str()))
        .one(&txn)
        .await?;
    let new_organisation = existing.is_none();
    let org = match existing {
        Some(o) => o,
        None => {
            let name = Title::parse("org_name", org_name.unwrap_or(org_slug.as_str()))?;
            organisation::ActiveModel {
                slug: Set(org_slug.as_str().to_owned()),
                name: Set(name.as_str().to_owned()),
                default_language: Set("en".into()),
                content_languages: Set(crate::domain::content::format_offered(
                    &crate::domain::content::interface_offered("en"),
                )),
                public_description: Set(String::new()),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&txn)
            .await?
        }
    };

    let v = venue::ActiveModel {
        organisation_id: Set(org.id),
        name: Set(title.as_str().to_owned()),
        address: Set(String::new()),
        city: Set(String::new()),
        country: Set(String::new()),
        time_zone: Set(tz.name().to_owned()),
        latitude: Set(None),
        longitude: Set(None),
        capacity: Set(None),
        setting: Set(VenueSetting::Indoor),
        public_directions: Set(String::new()),
        access_notes: Set(String::new()),
        archived: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    // The gathering's address: from the acronym or title, the first free one.
    let base = Slug::suggest(if schedule.acronym.trim().is_empty() {
        title.as_str()
    } else {
        schedule.acronym.as_str()
    })
    .as_str()
    .to_owned();
    let taken: HashSet<String> = gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(org.id))
        .all(&txn)
        .await?
        .into_iter()
        .map(|g| g.slug)
        .collect();
    let slug = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|s| !taken.contains(s) && !RESERVED_SLUGS.contains(&s.as_str()))
        .unwrap_or(base);
    let mut languages: Vec<String> = Vec::new();
    for s in &sessions {
        let l = s.language.trim();
        if !l.is_empty() && !languages.iter().any(|x| x == l) {
            languages.push(l.to_owned());
        }
    }
    let g = gathering::ActiveModel {
        organisation_id: Set(org.id),
        kind: Set(GatheringKind::Conference),
        title: Set(title.as_str().to_owned()),
        slug: Set(slug.clone()),
        venue_id: Set(Some(v.id)),
        time_zone: Set(tz.name().to_owned()),
        starts_local: Set(starts_local),
        ends_local: Set(ends_local),
        starts_at: Set(span.start.with_timezone(&Utc)),
        ends_at: Set(span.end.with_timezone(&Utc)),
        status: Set(GatheringStatus::Published),
        public_description: Set(String::new()),
        internal_notes: Set(if schedule.version.is_empty() {
            String::new()
        } else {
            format!("Imported from schedule version {}.", schedule.version)
        }),
        expected_attendance: Set(None),
        actual_attendance: Set(None),
        languages: Set(languages.join(", ")),
        uid: Set(uuid::Uuid::new_v4().to_string()),
        sequence: Set(0),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;

    // A room and a lane per room of the file, left to right.
    let mut lane_of_room: HashMap<&str, i32> = HashMap::new();
    for (i, r) in schedule.rooms.iter().enumerate() {
        let name = Title::parse("room", &r.name)
            .map_err(|e| ValidationError::new(format!("rooms[{i}].name"), e.message))?;
        let rm = room::ActiveModel {
            venue_id: Set(v.id),
            position: Set(i as i32),
            name: Set(name.as_str().to_owned()),
            capacity: Set(r.capacity.and_then(|c| i32::try_from(c).ok())),
            accessibility: Set(String::new()),
            directions: Set(String::new()),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        let l = lane::ActiveModel {
            gathering_id: Set(g.id),
            position: Set(i as i32),
            name: Set(String::new()),
            room_id: Set(Some(rm.id)),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        lane_of_room.insert(r.name.as_str(), l.id);
    }

    // Speakers: one person each, told apart as the file tells them apart; an existing
    // person of the organisation is reused when they are the only one of that name.
    let mut named: HashMap<String, Vec<i32>> = HashMap::new();
    for p in person::Entity::find()
        .filter(person::Column::OrganisationId.eq(org.id))
        .all(&txn)
        .await?
    {
        named.entry(p.name).or_default().push(p.id);
    }
    let mut by_key: HashMap<&str, i32> = HashMap::new();
    for s in &sessions {
        for p in &s.persons {
            if by_key.contains_key(p.key.as_str()) {
                continue;
            }
            let id = match named.get(&p.name).map(Vec::as_slice) {
                Some([only]) => *only,
                _ => {
                    let name = Title::parse("person", &p.name)?;
                    let bio = free_text("biography", &p.biography)?;
                    person::ActiveModel {
                        organisation_id: Set(org.id),
                        name: Set(name.as_str().to_owned()),
                        public_bio: Set(bio),
                        languages: Set(String::new()),
                        home_time_zone: Set(None),
                        contact: Set(String::new()),
                        listed_publicly: Set(true),
                        archived: Set(false),
                        created_at: Set(now),
                        updated_at: Set(now),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?
                    .id
                }
            };
            by_key.insert(p.key.as_str(), id);
        }
    }

    // A session's calendar identity is its guid, unless another segment has it already.
    let guids: Vec<String> = sessions.iter().filter_map(|s| s.guid.clone()).collect();
    let used: HashSet<String> = segment::Entity::find()
        .filter(segment::Column::Uid.is_in(guids))
        .all(&txn)
        .await?
        .into_iter()
        .map(|s| s.uid)
        .collect();
    let mut seen: HashSet<String> = HashSet::new();
    for (i, s) in sessions.iter().enumerate() {
        let path = |f: &str| format!("sessions[{i}].{f}");
        let title = Title::parse("title", &s.title)
            .map_err(|e| ValidationError::new(path("title"), e.message))?;
        let mut text = s.abstract_text.clone();
        if !s.description.is_empty() && s.description != s.abstract_text {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(&s.description);
        }
        let abstract_text = free_text("abstract", &text)
            .map_err(|e| ValidationError::new(path("abstract"), e.message))?;
        let uid = s
            .guid
            .clone()
            .filter(|g| !used.contains(g) && seen.insert(g.clone()))
            .unwrap_or_else(|| uuid::Uuid::new_v4().simple().to_string());
        let lane_id = lane_of_room.get(s.room.as_str()).copied();
        let sm = segment::ActiveModel {
            gathering_id: Set(g.id),
            position: Set(i as i32 + 1),
            kind: Set(kind_of(&s.kind)),
            title: Set(title.as_str().to_owned()),
            duration_minutes: Set(Some(s.minutes as i32)),
            hard_start_local: Set(Some(local(s.start))),
            film_id: Set(None),
            statement_id: Set(None),
            issued_statement_id: Set(None),
            public: Set(true),
            cue_notes: Set(String::new()),
            actual_start: Set(None),
            actual_end: Set(None),
            skipped: Set(false),
            uid: Set(uid),
            lane_id: Set(lane_id),
            abstract_text: Set(abstract_text),
            track: Set(s.track.chars().take(Title::MAX_CHARS).collect()),
            session_languages: Set(s.language.chars().take(Title::MAX_CHARS).collect()),
            may_record: Set(!s.do_not_record),
            may_stream: Set(!s.do_not_record),
            may_photograph: Set(true),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
        for (pi, p) in s.persons.iter().enumerate() {
            let Some(person_id) = by_key.get(p.key.as_str()) else {
                continue;
            };
            appearance::ActiveModel {
                segment_id: Set(sm.id),
                person_id: Set(*person_id),
                position: Set(pi as i32),
                role: Set(AppearanceRole::Speaker),
                mode: Set(AppearanceMode::InPerson),
                language: Set(None),
                interpreted_into: Set(String::new()),
                online_link: Set(String::new()),
                ..Default::default()
            }
            .insert(&txn)
            .await?;
        }
    }
    txn.commit().await?;
    Ok(Imported {
        organisation: org.slug,
        new_organisation,
        gathering: slug,
        sessions: sessions.len(),
        speakers: by_key.values().collect::<HashSet<_>>().len(),
        rooms: schedule.rooms.len(),
    })
}
