//! Reads the pages make, each one query per table at most.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};

use super::entities::{
    appearance, film, gathering, gathering_text, lane, organisation, person, room, segment,
    segment_text, statement, statement_text, venue,
};
use crate::domain::GatheringStatus;

/// Organisations in alphabetical order.
pub async fn organisations(db: &impl ConnectionTrait) -> Result<Vec<organisation::Model>, DbErr> {
    organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(db)
        .await
}

/// The organisation with this address. Every published answer starts with this read
/// (its `content_version` keys the answer), so it is a fixed statement read straight
/// into the row rather than a query built anew each time.
pub async fn organisation_by_slug(
    db: &impl ConnectionTrait,
    slug: &str,
) -> Result<Option<organisation::Model>, DbErr> {
    use sea_orm::{DatabaseBackend, FromQueryResult, Statement};
    const COLUMNS: &str = "SELECT id, slug, name, default_language, public_description, \
         contact_email, content_languages, created_at, content_version, content_changed_us \
         FROM organisation \
         WHERE slug = ";
    let backend = db.get_database_backend();
    let placeholder = match backend {
        DatabaseBackend::Postgres => "$1",
        _ => "?",
    };
    let statement =
        Statement::from_sql_and_values(backend, format!("{COLUMNS}{placeholder}"), [slug.into()]);
    match db.query_one_raw(statement).await? {
        Some(row) => Ok(Some(organisation::Model::from_query_result(&row, "")?)),
        None => Ok(None),
    }
}

fn public_statuses() -> Vec<&'static str> {
    GatheringStatus::ALL
        .iter()
        .filter(|s| s.is_public())
        .map(|s| s.as_str())
        .collect()
}

/// An organisation's public gatherings with their venues, earliest first.
pub async fn public_gatherings(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr> {
    public_gatherings_where(db, organisation_id, sea_orm::Condition::all()).await
}

/// The public gatherings of an organisation that also meet `condition` (at a venue, of
/// a kind, of a campaign, ...), with their venues, earliest first: the database picks
/// them, so a feed of ten of ten thousand reads ten.
pub async fn public_gatherings_where(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    condition: sea_orm::Condition,
) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr> {
    gathering::Entity::find()
        .filter(gathering::Column::DeletedAt.is_null())
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::Status.is_in(public_statuses()))
        .filter(condition)
        .order_by_asc(gathering::Column::StartsAt)
        .find_also_related_venue(db)
        .await
}

/// The venues of an organisation that are not archived, by name.
pub async fn venues(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<venue::Model>, DbErr> {
    venue::Entity::find()
        .filter(venue::Column::OrganisationId.eq(organisation_id))
        .filter(venue::Column::Archived.eq(false))
        .order_by_asc(venue::Column::Name)
        .all(db)
        .await
}

/// The people of an organisation that are not archived, by name.
pub async fn people(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<person::Model>, DbErr> {
    person::Entity::find()
        .filter(person::Column::OrganisationId.eq(organisation_id))
        .filter(person::Column::Archived.eq(false))
        .order_by_asc(person::Column::Name)
        .all(db)
        .await
}

/// One person of an organisation.
pub async fn person(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    id: i32,
) -> Result<Option<person::Model>, DbErr> {
    person::Entity::find_by_id(id)
        .filter(person::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await
}

/// The public gatherings a person appears in publicly, earliest first, in a fixed number
/// of queries however many there are (a person's page and feed).
pub async fn public_gatherings_with_person(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    person_id: i32,
) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr> {
    let segment_ids: Vec<i32> = appearance::Entity::find()
        .filter(appearance::Column::PersonId.eq(person_id))
        .all(db)
        .await?
        .into_iter()
        .map(|a| a.segment_id)
        .collect();
    let gathering_ids: Vec<i32> = segment::Entity::find()
        .filter(segment::Column::Id.is_in(segment_ids))
        .filter(segment::Column::Public.eq(true))
        .all(db)
        .await?
        .into_iter()
        .map(|s| s.gathering_id)
        .collect();
    public_gatherings_where(
        db,
        organisation_id,
        sea_orm::Condition::all().add(gathering::Column::Id.is_in(gathering_ids)),
    )
    .await
}

/// The films of an organisation that are not archived, by title.
pub async fn films(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<film::Model>, DbErr> {
    film::Entity::find()
        .filter(film::Column::OrganisationId.eq(organisation_id))
        .filter(film::Column::Archived.eq(false))
        .order_by_asc(film::Column::Title)
        .all(db)
        .await
}

/// Every gathering of an organisation, drafts included, newest first (members only).
pub async fn all_gatherings(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr> {
    gathering::Entity::find()
        .filter(gathering::Column::DeletedAt.is_null())
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(gathering::Column::StartsAt)
        .find_also_related_venue(db)
        .await
}

/// Everything one gathering's page needs.
#[derive(Debug, Clone)]
pub struct GatheringBundle {
    pub gathering: gathering::Model,
    pub venue: Option<venue::Model>,
    pub segments: Vec<segment::Model>,
    pub appearances: Vec<appearance::Model>,
    pub people: HashMap<i32, person::Model>,
    pub films: HashMap<i32, film::Model>,
    pub statements: Vec<statement::Model>,
    /// The public texts in other languages than the organisation's default.
    pub gathering_texts: Vec<gathering_text::Model>,
    pub segment_texts: Vec<segment_text::Model>,
    pub statement_texts: Vec<statement_text::Model>,
    /// The statements and letters the organisation issued that its segments read, with
    /// their translations.
    pub issued: Vec<crate::db::entities::issued_statement::Model>,
    pub issued_texts: Vec<crate::db::entities::issued_statement_text::Model>,
    /// The gathering's parallel lanes, left to right (one for most gatherings).
    pub lanes: Vec<lane::Model>,
    /// The rooms its lanes are in.
    pub rooms: HashMap<i32, room::Model>,
    /// The numbered releases of its programme, oldest first.
    pub releases: Vec<super::entities::programme_release::Model>,
}

impl GatheringBundle {
    /// When anything the gathering is shown from last changed: the gathering (whose
    /// stamp every change to its agenda, statements and texts raises), its venue, and
    /// the people, films and statements it shows. A calendar's DTSTAMP.
    pub fn changed_at(&self) -> DateTime<Utc> {
        let g = &self.gathering;
        std::iter::once(g.updated_at)
            .chain(self.venue.iter().map(|v| v.updated_at))
            .chain(self.people.values().map(|p| p.updated_at))
            .chain(self.films.values().map(|f| f.updated_at))
            .chain(self.statements.iter().map(|s| s.updated_at))
            .chain(self.issued.iter().map(|s| s.updated_at))
            .max()
            .unwrap_or(g.updated_at)
    }

    /// The lane a segment runs in: its own, or the first lane when it names none the
    /// gathering has (0 when the gathering has no lane yet).
    pub fn lane_of(&self, segment: &segment::Model) -> i32 {
        segment
            .lane_id
            .filter(|id| self.lanes.iter().any(|l| l.id == *id))
            .or_else(|| self.lanes.first().map(|l| l.id))
            .unwrap_or(0)
    }

    /// The room a lane is in, if it is in one.
    pub fn room_of_lane(&self, lane_id: i32) -> Option<&room::Model> {
        self.lanes
            .iter()
            .find(|l| l.id == lane_id)
            .and_then(|l| l.room_id)
            .and_then(|id| self.rooms.get(&id))
    }

    /// What a lane is called on pages: its room's name, else its own name.
    pub fn lane_name(&self, lane_id: i32) -> Option<String> {
        if let Some(room) = self.room_of_lane(lane_id) {
            return Some(room.name.clone());
        }
        self.lanes
            .iter()
            .find(|l| l.id == lane_id)
            .map(|l| l.name.trim().to_owned())
            .filter(|n| !n.is_empty())
    }

    /// Whether the gathering runs more than one lane.
    pub fn parallel(&self) -> bool {
        self.lanes.len() > 1
    }

    /// How much each session's calendar SEQUENCE rises over the gathering's own
    /// (`domain::release::sequence_raises`).
    pub fn sequence_raises(&self) -> HashMap<String, u32> {
        let released: Vec<_> = self
            .releases
            .iter()
            .map(super::releases::snapshot)
            .collect();
        crate::domain::release::sequence_raises(&released)
    }
}

/// The gathering of an organisation with this slug (slugs are unique per organisation).
fn find_by_slug(organisation_id: i32, slug: &str) -> sea_orm::Select<gathering::Entity> {
    gathering::Entity::find()
        .filter(gathering::Column::DeletedAt.is_null())
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::Slug.eq(slug))
}

/// A gathering row by organisation and slug, whatever its status.
pub async fn gathering_by_slug(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    slug: &str,
) -> Result<Option<gathering::Model>, DbErr> {
    find_by_slug(organisation_id, slug).one(db).await
}

/// A gathering row and its venue by organisation and slug, whatever its status.
pub async fn gathering_with_venue(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    slug: &str,
) -> Result<Option<(gathering::Model, Option<venue::Model>)>, DbErr> {
    Ok(find_by_slug(organisation_id, slug)
        .find_also_related_venue(db)
        .await?
        .pop())
}

/// Loads a gathering by organisation and slug, whatever its status.
pub async fn gathering_bundle(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    slug: &str,
) -> Result<Option<GatheringBundle>, DbErr> {
    let found = gathering_with_venue(db, organisation_id, slug).await?;
    Ok(gathering_bundles(db, found.into_iter().collect())
        .await?
        .pop())
}

/// Loads the agendas of many gatherings at once: one query per table, whatever their
/// number (a feed of a thousand gatherings makes eight queries, not eight thousand).
/// The bundles come back in the order of `gatherings`.
pub async fn gathering_bundles(
    db: &impl ConnectionTrait,
    gatherings: Vec<(gathering::Model, Option<venue::Model>)>,
) -> Result<Vec<GatheringBundle>, DbErr> {
    if gatherings.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i32> = gatherings.iter().map(|(g, _)| g.id).collect();
    let segments = segment::Entity::find()
        .filter(segment::Column::GatheringId.is_in(ids.clone()))
        .order_by_asc(segment::Column::Position)
        .order_by_asc(segment::Column::Id)
        .all(db)
        .await?;
    let segment_ids: Vec<i32> = segments.iter().map(|s| s.id).collect();
    let appearances = appearance::Entity::find()
        .filter(appearance::Column::SegmentId.is_in(segment_ids.clone()))
        .order_by_asc(appearance::Column::Position)
        .order_by_asc(appearance::Column::Id)
        .all(db)
        .await?;
    let mut person_ids: Vec<i32> = appearances.iter().map(|a| a.person_id).collect();
    person_ids.sort_unstable();
    person_ids.dedup();
    let people: HashMap<i32, person::Model> = person::Entity::find()
        .filter(person::Column::Id.is_in(person_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|p| (p.id, p))
        .collect();
    let mut film_ids: Vec<i32> = segments.iter().filter_map(|s| s.film_id).collect();
    film_ids.sort_unstable();
    film_ids.dedup();
    let films: HashMap<i32, film::Model> = film::Entity::find()
        .filter(film::Column::Id.is_in(film_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|f| (f.id, f))
        .collect();
    let statements = statement::Entity::find()
        .filter(statement::Column::GatheringId.is_in(ids.clone()))
        .order_by_asc(statement::Column::Id)
        .all(db)
        .await?;
    let gathering_texts = gathering_texts(db, ids.clone()).await?;
    let segment_texts = segment_text::Entity::find()
        .filter(segment_text::Column::SegmentId.is_in(segment_ids))
        .all(db)
        .await?;
    let statement_texts = statement_text::Entity::find()
        .filter(statement_text::Column::StatementId.is_in(statements.iter().map(|s| s.id)))
        .all(db)
        .await?;

    // Statements the organisation issued on its own, read in a segment (few, or none).
    let mut issued_ids: Vec<i32> = segments
        .iter()
        .filter_map(|s| s.issued_statement_id)
        .collect();
    issued_ids.sort_unstable();
    issued_ids.dedup();
    let (issued, issued_texts) = if issued_ids.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        use crate::db::entities::{issued_statement, issued_statement_text};
        (
            issued_statement::Entity::find()
                .filter(issued_statement::Column::Id.is_in(issued_ids.clone()))
                .all(db)
                .await?,
            issued_statement_text::Entity::find()
                .filter(issued_statement_text::Column::IssuedStatementId.is_in(issued_ids))
                .all(db)
                .await?,
        )
    };
    let lanes = lane::Entity::find()
        .filter(lane::Column::GatheringId.is_in(ids.clone()))
        .order_by_asc(lane::Column::Position)
        .order_by_asc(lane::Column::Id)
        .all(db)
        .await?;
    let mut room_ids: Vec<i32> = lanes.iter().filter_map(|l| l.room_id).collect();
    room_ids.sort_unstable();
    room_ids.dedup();
    let rooms: HashMap<i32, room::Model> = if room_ids.is_empty() {
        HashMap::new()
    } else {
        room::Entity::find()
            .filter(room::Column::Id.is_in(room_ids))
            .all(db)
            .await?
            .into_iter()
            .map(|r| (r.id, r))
            .collect()
    };
    let releases = super::releases::releases(db, ids.clone()).await?;
    let segment_of: HashMap<i32, i32> = segments.iter().map(|s| (s.id, s.gathering_id)).collect();
    let statement_of: HashMap<i32, i32> =
        statements.iter().map(|s| (s.id, s.gathering_id)).collect();
    let mut bundles: Vec<GatheringBundle> = gatherings
        .into_iter()
        .map(|(gathering, venue)| GatheringBundle {
            gathering,
            venue,
            segments: Vec::new(),
            appearances: Vec::new(),
            people: HashMap::new(),
            films: HashMap::new(),
            statements: Vec::new(),
            gathering_texts: Vec::new(),
            segment_texts: Vec::new(),
            statement_texts: Vec::new(),
            issued: Vec::new(),
            issued_texts: Vec::new(),
            lanes: Vec::new(),
            rooms: HashMap::new(),
            releases: Vec::new(),
        })
        .collect();
    let index: HashMap<i32, usize> = bundles
        .iter()
        .enumerate()
        .map(|(i, b)| (b.gathering.id, i))
        .collect();
    let slot = |gathering_id: i32| index.get(&gathering_id).copied();
    for s in segments {
        if let Some(i) = slot(s.gathering_id) {
            let b = &mut bundles[i];
            if let Some(f) = s.film_id.and_then(|id| films.get(&id)) {
                b.films.insert(f.id, f.clone());
            }
            if let Some(read) = s
                .issued_statement_id
                .and_then(|id| issued.iter().find(|x| x.id == id))
                && !b.issued.iter().any(|x| x.id == read.id)
            {
                b.issued.push(read.clone());
                b.issued_texts.extend(
                    issued_texts
                        .iter()
                        .filter(|t| t.issued_statement_id == read.id)
                        .cloned(),
                );
            }
            b.segments.push(s);
        }
    }
    for r in releases {
        if let Some(i) = slot(r.gathering_id) {
            bundles[i].releases.push(r);
        }
    }
    for l in lanes {
        if let Some(i) = slot(l.gathering_id) {
            let b = &mut bundles[i];
            if let Some(r) = l.room_id.and_then(|id| rooms.get(&id)) {
                b.rooms.insert(r.id, r.clone());
            }
            b.lanes.push(l);
        }
    }
    for a in appearances {
        if let Some(i) = segment_of.get(&a.segment_id).and_then(|g| slot(*g)) {
            let b = &mut bundles[i];
            if let Some(p) = people.get(&a.person_id) {
                b.people.insert(p.id, p.clone());
            }
            b.appearances.push(a);
        }
    }
    for s in statements {
        if let Some(i) = slot(s.gathering_id) {
            bundles[i].statements.push(s);
        }
    }
    for t in gathering_texts {
        if let Some(i) = slot(t.gathering_id) {
            bundles[i].gathering_texts.push(t);
        }
    }
    for t in segment_texts {
        if let Some(i) = segment_of.get(&t.segment_id).and_then(|g| slot(*g)) {
            bundles[i].segment_texts.push(t);
        }
    }
    for t in statement_texts {
        if let Some(i) = statement_of.get(&t.statement_id).and_then(|g| slot(*g)) {
            bundles[i].statement_texts.push(t);
        }
    }
    Ok(bundles)
}

/// The translated titles and descriptions of the given gatherings.
pub async fn gathering_texts(
    db: &impl ConnectionTrait,
    gathering_ids: Vec<i32>,
) -> Result<Vec<gathering_text::Model>, DbErr> {
    gathering_text::Entity::find()
        .filter(gathering_text::Column::GatheringId.is_in(gathering_ids))
        .all(db)
        .await
}

/// Splits gatherings into upcoming (not yet ended at `now`) and past (most recent first).
pub fn split_upcoming<T>(
    items: Vec<T>,
    ends_at: impl Fn(&T) -> DateTime<Utc>,
    now: DateTime<Utc>,
) -> (Vec<T>, Vec<T>) {
    let (upcoming, mut past): (Vec<T>, Vec<T>) = items.into_iter().partition(|i| ends_at(i) > now);
    past.reverse();
    (upcoming, past)
}

pub(crate) trait FindAlsoVenue {
    async fn find_also_related_venue(
        self,
        db: &impl ConnectionTrait,
    ) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr>;
}

impl FindAlsoVenue for sea_orm::Select<gathering::Entity> {
    async fn find_also_related_venue(
        self,
        db: &impl ConnectionTrait,
    ) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr> {
        let gatherings = self.all(db).await?;
        let ids: Vec<i32> = gatherings.iter().filter_map(|g| g.venue_id).collect();
        let venues: HashMap<i32, venue::Model> = venue::Entity::find()
            .filter(venue::Column::Id.is_in(ids))
            .all(db)
            .await?
            .into_iter()
            .map(|v| (v.id, v))
            .collect();
        Ok(gatherings
            .into_iter()
            .map(|g| {
                let v = g.venue_id.and_then(|id| venues.get(&id).cloned());
                (g, v)
            })
            .collect())
    }
}

/// How many venues, people, films and gatherings an organisation keeps (archived
/// included: an export holds them all).
pub async fn organisation_counts(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<[u64; 4], DbErr> {
    use sea_orm::PaginatorTrait;
    Ok([
        venue::Entity::find()
            .filter(venue::Column::OrganisationId.eq(organisation_id))
            .count(db)
            .await?,
        person::Entity::find()
            .filter(person::Column::OrganisationId.eq(organisation_id))
            .count(db)
            .await?,
        film::Entity::find()
            .filter(film::Column::OrganisationId.eq(organisation_id))
            .count(db)
            .await?,
        gathering::Entity::find()
            .filter(gathering::Column::DeletedAt.is_null())
            .filter(gathering::Column::OrganisationId.eq(organisation_id))
            .count(db)
            .await?,
    ])
}

/// The archived venues, people and films of an organisation: `(kind, id, name)`.
pub async fn archived(
    db: &impl ConnectionTrait,
    organisation_id: i32,
) -> Result<Vec<(&'static str, i32, String)>, DbErr> {
    let mut out: Vec<(&'static str, i32, String)> = venue::Entity::find()
        .filter(venue::Column::OrganisationId.eq(organisation_id))
        .filter(venue::Column::Archived.eq(true))
        .order_by_asc(venue::Column::Name)
        .all(db)
        .await?
        .into_iter()
        .map(|v| ("venue", v.id, v.name))
        .collect();
    out.extend(
        person::Entity::find()
            .filter(person::Column::OrganisationId.eq(organisation_id))
            .filter(person::Column::Archived.eq(true))
            .order_by_asc(person::Column::Name)
            .all(db)
            .await?
            .into_iter()
            .map(|p| ("person", p.id, p.name)),
    );
    out.extend(
        film::Entity::find()
            .filter(film::Column::OrganisationId.eq(organisation_id))
            .filter(film::Column::Archived.eq(true))
            .order_by_asc(film::Column::Title)
            .all(db)
            .await?
            .into_iter()
            .map(|f| ("film", f.id, f.title)),
    );
    Ok(out)
}

/// The other gatherings of an organisation whose span overlaps `[starts_at, ends_at)`,
/// cancelled and postponed ones left out (they hold no one and nothing).
pub async fn overlapping_gatherings(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    except: i32,
    starts_at: chrono::DateTime<chrono::Utc>,
    ends_at: chrono::DateTime<chrono::Utc>,
) -> Result<Vec<(gathering::Model, Option<venue::Model>)>, DbErr> {
    gathering::Entity::find()
        .filter(gathering::Column::DeletedAt.is_null())
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::Id.ne(except))
        .filter(gathering::Column::Status.is_not_in(["cancelled", "postponed"]))
        .filter(gathering::Column::StartsAt.lt(ends_at))
        .filter(gathering::Column::EndsAt.gt(starts_at))
        .order_by_asc(gathering::Column::StartsAt)
        .find_also_related_venue(db)
        .await
}
