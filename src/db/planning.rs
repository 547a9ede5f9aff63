//! Writes of the planning pages: every change is checked by the domain first and
//! written in one transaction, so a refused change leaves nothing behind.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, Set,
};

use super::entities::{film, gathering, organisation, segment, venue};
use crate::domain::plan::{GatheringForm, SegmentForm};
use crate::domain::{TimeZoneName, ValidationError};
use crate::error::AppError;
use sea_orm::{DatabaseTransaction, ModelTrait};

/// Where a gathering is held: at one of the organisation's venues, whose time zone it
/// takes, or, without a venue, in a time zone of its own.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    pub venue_id: Option<i32>,
    pub time_zone: &'a str,
}

impl Place<'_> {
    /// The time zone of the place, checking the venue is the organisation's.
    async fn zone(
        &self,
        db: &impl sea_orm::ConnectionTrait,
        organisation_id: i32,
    ) -> Result<TimeZoneName, AppError> {
        match self.venue_id {
            Some(id) => {
                let v = venue::Entity::find_by_id(id)
                    .filter(venue::Column::OrganisationId.eq(organisation_id))
                    .one(db)
                    .await?
                    .ok_or_else(|| ValidationError::new("venue", "Choose one of your venues."))?;
                Ok(TimeZoneName::parse("venue", &v.time_zone)?)
            }
            None => Ok(TimeZoneName::parse("time_zone", self.time_zone)?),
        }
    }
}

/// Creates a gathering of `organisation_id` at `place` from a submitted form.
pub async fn create_gathering(
    db: &impl super::Conn,
    organisation_id: i32,
    place: Place<'_>,
    form: &GatheringForm,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    let txn = db.begin().await?;
    let org = organisation::Entity::find_by_id(organisation_id)
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let zone = place.zone(&txn, org.id).await?;
    let plan = form.parse(zone.tz())?;
    let taken = gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(org.id))
        .filter(gathering::Column::Slug.eq(plan.slug.as_str()))
        .count(&txn)
        .await?
        > 0;
    if taken {
        return Err(ValidationError::new(
            "slug",
            format!(
                "Another gathering already has the address \"{}\"; choose another.",
                plan.slug.as_str()
            ),
        )
        .into());
    }
    let languages: Vec<&str> = plan.languages.iter().map(|l| l.as_str()).collect();
    let model = gathering::ActiveModel {
        organisation_id: Set(org.id),
        kind: Set(plan.kind),
        title: Set(plan.title.as_str().into()),
        slug: Set(plan.slug.as_str().into()),
        venue_id: Set(place.venue_id),
        time_zone: Set(zone.as_str().into()),
        starts_local: Set(plan.starts_local),
        ends_local: Set(plan.ends_local),
        starts_at: Set(plan.span.start.with_timezone(&Utc)),
        ends_at: Set(plan.span.end.with_timezone(&Utc)),
        status: Set(plan.status),
        public_description: Set(plan.public_description),
        internal_notes: Set(plan.internal_notes),
        expected_attendance: Set(plan.expected_attendance.map(|n| n as i32)),
        actual_attendance: Set(None),
        languages: Set(languages.join(",")),
        uid: Set(format!(
            "{}@{}.convene",
            uuid::Uuid::new_v4().as_hyphenated(),
            org.slug
        )),
        sequence: Set(0),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Loads a gathering for a change: it must still be at `version` (optimistic
/// concurrency); the change then raises the version and the modification time.
pub(crate) async fn lock(
    txn: &DatabaseTransaction,
    gathering_id: i32,
    version: Option<i32>,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    use sea_orm::sea_query::{Expr, ExprTrait};
    // Raise the version first, in one statement, so the row is locked for this change
    // (and SQLite's write lock taken) before anything is read. A form that names the
    // version it was opened at only changes the gathering still at that version; a
    // change that names none (the live view, scripts) simply goes after the others.
    let mut raise = gathering::Entity::update_many()
        .col_expr(
            gathering::Column::Version,
            Expr::col(gathering::Column::Version).add(1),
        )
        .col_expr(gathering::Column::UpdatedAt, Expr::value(now))
        .filter(gathering::Column::Id.eq(gathering_id));
    if let Some(v) = version {
        raise = raise.filter(gathering::Column::Version.eq(v));
    }
    let raised = raise.exec(txn).await?;
    let g = gathering::Entity::find_by_id(gathering_id)
        .one(txn)
        .await?
        .ok_or(AppError::NotFound)?;
    if raised.rows_affected != 1 {
        return Err(stale(txn, &g).await);
    }
    // The row as it was before this change's raise.
    Ok(gathering::Model {
        version: g.version - 1,
        ..g
    })
}

/// The refusal of a change to a gathering saved by someone else first: who and when,
/// from the audit log (the day's live taps do not change the plan, so they are not it).
async fn stale(txn: &DatabaseTransaction, g: &gathering::Model) -> AppError {
    use super::entities::audit_entry;
    use sea_orm::Condition;
    let filter = Condition::all()
        .add(audit_entry::Column::Subject.eq(g.slug.as_str()))
        .add(audit_entry::Column::Action.not_like("live.%"));
    super::auth::stale(txn, g.organisation_id, filter).await
}

/// The stored local date-time of a fixed start typed as a time of day.
fn fixed_start(
    g: &gathering::Model,
    time: Option<chrono::NaiveTime>,
) -> Result<Option<chrono::NaiveDateTime>, AppError> {
    let Some(time) = time else {
        return Ok(None);
    };
    let zone = TimeZoneName::parse("time_zone", &g.time_zone)
        .map_err(|e| AppError::internal("stored time zone", e))?;
    Ok(Some(crate::domain::time::fixed_start(
        zone.tz(),
        g.starts_local,
        g.ends_local,
        time,
    )?))
}

/// Moves a gathering's fixed starts from the day `from` to the day `to` (keeping their
/// time of day) and checks each exists in `zone`; refused naming `field` otherwise.
pub(crate) async fn move_fixed_starts(
    txn: &impl sea_orm::ConnectionTrait,
    gathering_id: i32,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
    zone: chrono_tz::Tz,
    field: &str,
) -> Result<(), AppError> {
    let segments = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .filter(segment::Column::HardStartLocal.is_not_null())
        .all(txn)
        .await?;
    for s in segments {
        let Some(at) = s.hard_start_local else {
            continue;
        };
        let moved = crate::domain::time::move_fixed_start(at, from, to);
        crate::domain::time::resolve_local(field, zone, moved).map_err(|_| {
            ValidationError::new(
                field,
                format!(
                    "The fixed start of \"{}\" would be {}, which does not exist in {} \
                     (the clocks skip it); change that segment first.",
                    s.title,
                    moved.format("%Y-%m-%d %H:%M"),
                    zone.name()
                ),
            )
        })?;
        if moved != at {
            let mut m: segment::ActiveModel = s.into();
            m.hard_start_local = Set(Some(moved));
            m.update(txn).await?;
        }
    }
    Ok(())
}

/// A venue's zone is the one its gatherings keep: after it changes, every gathering
/// there keeps its local wall-clock times and takes the instants they name in `zone`
/// (a new calendar SEQUENCE for those already published). Refused, naming the
/// gathering, when one of its local times does not exist in `zone`.
pub(crate) async fn follow_venue_zone(
    db: &impl sea_orm::ConnectionTrait,
    venue_id: i32,
    zone: &TimeZoneName,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use crate::domain::time::LocalSpan;
    let gatherings = gathering::Entity::find()
        .filter(gathering::Column::VenueId.eq(venue_id))
        .filter(gathering::Column::TimeZone.ne(zone.as_str()))
        .all(db)
        .await?;
    for g in gatherings {
        let span = LocalSpan::resolve(zone.tz(), g.starts_local, g.ends_local).map_err(|_| {
            ValidationError::new(
                "time_zone",
                format!(
                    "\"{}\" starts or ends at a time that does not exist in {} (the clocks \
                     skip it); move that gathering first.",
                    g.title,
                    zone.as_str()
                ),
            )
        })?;
        let day = g.starts_local.date();
        move_fixed_starts(db, g.id, day, day, zone.tz(), "time_zone").await?;
        let published = g.status.is_public();
        let mut m: gathering::ActiveModel = g.clone().into();
        m.time_zone = Set(zone.as_str().into());
        m.starts_at = Set(span.start.with_timezone(&Utc));
        m.ends_at = Set(span.end.with_timezone(&Utc));
        m.version = Set(g.version + 1);
        m.updated_at = Set(now);
        if published {
            m.sequence = Set(g.sequence + 1);
        }
        m.update(db).await?;
    }
    Ok(())
}

/// A film named in a form must belong to the organisation.
async fn check_film(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    film_id: Option<i32>,
) -> Result<(), AppError> {
    if let Some(id) = film_id {
        film::Entity::find_by_id(id)
            .filter(film::Column::OrganisationId.eq(organisation_id))
            .one(txn)
            .await?
            .ok_or_else(|| ValidationError::new("film", "Choose one of your films."))?;
    }
    Ok(())
}

/// Appends a segment to a gathering's agenda; a screening may name a film of the same
/// organisation, whose runtime it then takes unless a duration is given. With a
/// `version`, the change is refused if the gathering changed in the meantime.
pub async fn add_segment(
    db: &impl super::Conn,
    gathering_id: i32,
    film_id: Option<i32>,
    form: &SegmentForm,
    now: DateTime<Utc>,
) -> Result<segment::Model, AppError> {
    add_segment_at(db, gathering_id, None, film_id, form, now).await
}

/// [`add_segment`] with an optimistic-concurrency check.
pub async fn add_segment_at(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    film_id: Option<i32>,
    form: &SegmentForm,
    now: DateTime<Utc>,
) -> Result<segment::Model, AppError> {
    let plan = form.parse(film_id.is_some())?;
    let txn = db.begin().await?;
    let g = lock(&txn, gathering_id, version, now).await?;
    check_film(&txn, g.organisation_id, film_id).await?;
    let count = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(g.id))
        .count(&txn)
        .await?;
    if count >= crate::domain::plan::MAX_SEGMENTS as u64 {
        return Err(crate::domain::plan::too_many_segments("form").into());
    }
    let last = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(g.id))
        .order_by_desc(segment::Column::Position)
        .limit(1)
        .one(&txn)
        .await?
        .map_or(0, |s| s.position);
    let model = segment::ActiveModel {
        gathering_id: Set(g.id),
        position: Set(last + 1),
        kind: Set(plan.kind),
        title: Set(plan.title.as_str().into()),
        duration_minutes: Set(plan.duration.map(|m| m.get() as i32)),
        hard_start_local: Set(fixed_start(&g, plan.hard_start)?),
        film_id: Set(film_id),
        statement_id: Set(None),
        public: Set(plan.public),
        cue_notes: Set(plan.cue_notes),
        actual_start: Set(None),
        actual_end: Set(None),
        skipped: Set(false),
        uid: Set(uuid::Uuid::new_v4().simple().to_string()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// Moves a segment one place up or down in its agenda.
pub async fn move_segment(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    segment_id: i32,
    up: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    let mut segments = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .order_by_asc(segment::Column::Position)
        .order_by_asc(segment::Column::Id)
        .all(&txn)
        .await?;
    let at = segments
        .iter()
        .position(|s| s.id == segment_id)
        .ok_or(AppError::NotFound)?;
    let other = if up {
        at.checked_sub(1)
    } else {
        Some(at + 1).filter(|i| *i < segments.len())
    };
    if let Some(other) = other {
        segments.swap(at, other);
        for (i, s) in segments.into_iter().enumerate() {
            let position = i as i32 + 1;
            if s.position != position {
                let mut m: segment::ActiveModel = s.into();
                m.position = Set(position);
                m.update(&txn).await?;
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Puts a gathering's segments in the order given: `order` must name each of them once
/// (an order made from a page that has since gained or lost a segment is refused).
pub async fn reorder_segments(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    order: &[i32],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    let segments = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .all(&txn)
        .await?;
    let mut given = order.to_vec();
    given.sort_unstable();
    let mut stored: Vec<i32> = segments.iter().map(|s| s.id).collect();
    stored.sort_unstable();
    if given != stored {
        return Err(AppError::Conflict(
            "The agenda has changed since this page was opened; reload it and move the segment again."
                .into(),
        ));
    }
    for s in segments {
        let Some(at) = order.iter().position(|id| *id == s.id) else {
            continue;
        };
        let position = at as i32 + 1;
        if s.position != position {
            let mut m: segment::ActiveModel = s.into();
            m.position = Set(position);
            m.update(&txn).await?;
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Removes a segment (and its appearances) from an agenda.
pub async fn delete_segment(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    segment_id: i32,
    now: DateTime<Utc>,
) -> Result<segment::Model, AppError> {
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    let s = segment::Entity::find_by_id(segment_id)
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    s.clone().delete(&txn).await?;
    txn.commit().await?;
    Ok(s)
}

/// One translated text of a gathering, as typed into the translations form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Translation {
    Gathering {
        language: String,
        title: String,
        description: String,
    },
    Segment {
        id: i32,
        language: String,
        title: String,
    },
    Statement {
        id: i32,
        language: String,
        title: String,
        points: String,
    },
}

/// Saves the translations of a gathering's public texts in one transaction: an empty
/// title removes that language's text (the default language is shown instead).
pub async fn save_translations(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    entries: &[Translation],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use super::entities::{gathering_text, segment_text, statement, statement_text};
    use crate::domain::LanguageTag;
    use crate::domain::plan::free_text;
    let title_or_none = |field: &str, raw: &str| -> Result<Option<String>, AppError> {
        if raw.trim().is_empty() {
            Ok(None)
        } else {
            Ok(Some(
                crate::domain::Title::parse(field, raw)?.as_str().to_owned(),
            ))
        }
    };
    let txn = db.begin().await?;
    lock(&txn, gathering_id, version, now).await?;
    for entry in entries {
        match entry {
            Translation::Gathering {
                language,
                title,
                description,
            } => {
                let language = LanguageTag::parse("language", language)?
                    .as_str()
                    .to_owned();
                let field = format!("g_title_{language}");
                let title = title_or_none(&field, title)?;
                let description = free_text(&format!("g_desc_{language}"), description)?;
                gathering_text::Entity::delete_many()
                    .filter(gathering_text::Column::GatheringId.eq(gathering_id))
                    .filter(gathering_text::Column::Language.eq(&language))
                    .exec(&txn)
                    .await?;
                if let Some(title) = title {
                    gathering_text::ActiveModel {
                        gathering_id: Set(gathering_id),
                        language: Set(language),
                        title: Set(title),
                        public_description: Set(description),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                }
            }
            Translation::Segment {
                id,
                language,
                title,
            } => {
                let language = LanguageTag::parse("language", language)?
                    .as_str()
                    .to_owned();
                segment::Entity::find_by_id(*id)
                    .filter(segment::Column::GatheringId.eq(gathering_id))
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let title = title_or_none(&format!("s_{id}_{language}"), title)?;
                segment_text::Entity::delete_many()
                    .filter(segment_text::Column::SegmentId.eq(*id))
                    .filter(segment_text::Column::Language.eq(&language))
                    .exec(&txn)
                    .await?;
                if let Some(title) = title {
                    segment_text::ActiveModel {
                        segment_id: Set(*id),
                        language: Set(language),
                        title: Set(title),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                }
            }
            Translation::Statement {
                id,
                language,
                title,
                points,
            } => {
                let language = LanguageTag::parse("language", language)?
                    .as_str()
                    .to_owned();
                statement::Entity::find_by_id(*id)
                    .filter(statement::Column::GatheringId.eq(gathering_id))
                    .one(&txn)
                    .await?
                    .ok_or(AppError::NotFound)?;
                let title = title_or_none(&format!("st_{id}_title_{language}"), title)?;
                let points = free_text(&format!("st_{id}_points_{language}"), points)?;
                statement_text::Entity::delete_many()
                    .filter(statement_text::Column::StatementId.eq(*id))
                    .filter(statement_text::Column::Language.eq(&language))
                    .exec(&txn)
                    .await?;
                if let Some(title) = title {
                    statement_text::ActiveModel {
                        statement_id: Set(*id),
                        language: Set(language),
                        title: Set(title),
                        points: Set(points),
                        ..Default::default()
                    }
                    .insert(&txn)
                    .await?;
                }
            }
        }
    }
    txn.commit().await?;
    Ok(())
}

/// Changes a gathering's details. The page must have been opened at `version`; a change
/// of time, place or status raises the calendar SEQUENCE, so subscribed calendars update.
pub async fn update_gathering(
    db: &impl super::Conn,
    organisation_id: i32,
    gathering_id: i32,
    version: Option<i32>,
    place: Place<'_>,
    form: &GatheringForm,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    let txn = db.begin().await?;
    let zone = place.zone(&txn, organisation_id).await?;
    let plan = form.parse(zone.tz())?;
    let g = lock(&txn, gathering_id, version, now).await?;
    if g.organisation_id != organisation_id {
        return Err(AppError::NotFound);
    }
    let taken = gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::Slug.eq(plan.slug.as_str()))
        .filter(gathering::Column::Id.ne(g.id))
        .count(&txn)
        .await?
        > 0;
    if taken {
        return Err(ValidationError::new(
            "slug",
            format!(
                "Another gathering already has the address \"{}\"; choose another.",
                plan.slug.as_str()
            ),
        )
        .into());
    }
    let significant = g.starts_local != plan.starts_local
        || g.ends_local != plan.ends_local
        || g.time_zone != zone.as_str()
        || g.venue_id != place.venue_id
        || g.status != plan.status;
    let languages: Vec<&str> = plan.languages.iter().map(|l| l.as_str()).collect();
    let mut m: gathering::ActiveModel = g.clone().into();
    m.kind = Set(plan.kind);
    m.title = Set(plan.title.as_str().into());
    m.slug = Set(plan.slug.as_str().into());
    m.venue_id = Set(place.venue_id);
    m.time_zone = Set(zone.as_str().into());
    m.starts_local = Set(plan.starts_local);
    m.ends_local = Set(plan.ends_local);
    m.starts_at = Set(plan.span.start.with_timezone(&Utc));
    m.ends_at = Set(plan.span.end.with_timezone(&Utc));
    m.status = Set(plan.status);
    m.public_description = Set(plan.public_description);
    m.internal_notes = Set(plan.internal_notes);
    m.expected_attendance = Set(plan.expected_attendance.map(|n| n as i32));
    m.actual_attendance = Set(plan.actual_attendance.map(|n| n as i32));
    m.languages = Set(languages.join(","));
    m.version = Set(g.version + 1);
    m.updated_at = Set(now);
    if significant {
        m.sequence = Set(g.sequence + 1);
    }
    let saved = m.update(&txn).await?;
    // Fixed starts go to the new day with the gathering, and must exist in its zone.
    move_fixed_starts(
        &txn,
        g.id,
        g.starts_local.date(),
        plan.starts_local.date(),
        zone.tz(),
        "date",
    )
    .await?;
    txn.commit().await?;
    Ok(saved)
}

/// Changes a segment in place (kind, title, duration or film, hard start, public flag,
/// cues); its place in the agenda and its appearances stay.
pub async fn update_segment(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    segment_id: i32,
    film_id: Option<i32>,
    form: &SegmentForm,
    now: DateTime<Utc>,
) -> Result<segment::Model, AppError> {
    let plan = form.parse(film_id.is_some())?;
    let txn = db.begin().await?;
    let g = lock(&txn, gathering_id, version, now).await?;
    check_film(&txn, g.organisation_id, film_id).await?;
    let s = segment::Entity::find_by_id(segment_id)
        .filter(segment::Column::GatheringId.eq(g.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut m: segment::ActiveModel = s.into();
    m.kind = Set(plan.kind);
    m.title = Set(plan.title.as_str().into());
    m.duration_minutes = Set(plan.duration.map(|d| d.get() as i32));
    m.hard_start_local = Set(fixed_start(&g, plan.hard_start)?);
    m.film_id = Set(film_id);
    m.public = Set(plan.public);
    m.cue_notes = Set(plan.cue_notes);
    let saved = m.update(&txn).await?;
    txn.commit().await?;
    Ok(saved)
}

/// Copies gathering `source_slug` to another day as a new draft: the same venue, local
/// times, texts and translations, statements, and the whole agenda with its appearances
/// (a rally series repeats its run of show). Nothing of the source's day comes along
/// (actual times, skips, attendance), every calendar UID is new, and the source is not
/// touched. `date` is `YYYY-MM-DD`; an empty `title` keeps the source's, an empty `slug`
/// is made from the title and the date. Refusals name the `copy_*` fields.
pub async fn duplicate_gathering(
    db: &impl super::Conn,
    organisation_id: i32,
    source_slug: &str,
    date: &str,
    title: &str,
    slug: &str,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    let txn = db.begin().await?;
    // The whole source in a fixed number of queries, as the pages load it.
    let source = super::queries::gathering_bundle(&txn, organisation_id, source_slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let g = &source.gathering;
    let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d")
        .map_err(|_| ValidationError::new("copy_date", "Choose the day of the new gathering."))?;
    let target = CopyTarget {
        venue_id: g.venue_id,
        time_zone: g.time_zone.clone(),
        starts_local: day.and_time(g.starts_local.time()),
        title: title.to_owned(),
        slug: slug.to_owned(),
    };
    let copy = copy_gathering(&txn, organisation_id, &source, &target, now)
        .await
        .map_err(|e| match e {
            AppError::Validation { field, message } => AppError::Validation {
                field: match field.as_str() {
                    "title" | "slug" | "date" => format!("copy_{field}"),
                    _ => "copy_date".into(),
                },
                message,
            },
            other => other,
        })?;
    txn.commit().await?;
    Ok(copy)
}

/// Where and when a copy of a gathering happens.
#[derive(Debug, Clone)]
pub struct CopyTarget {
    pub venue_id: Option<i32>,
    /// The venue's zone (the source's, without a venue).
    pub time_zone: String,
    /// The copy's start on that zone's clock; it lasts as long as the source.
    pub starts_local: chrono::NaiveDateTime,
    /// Empty: the source's title.
    pub title: String,
    /// Empty: made from the title and the date.
    pub slug: String,
}

/// The form that saves gathering `g` as it is, but from `starts_local` to `ends_local`
/// (local to its zone).
pub fn gathering_form(
    g: &gathering::Model,
    starts_local: chrono::NaiveDateTime,
    ends_local: chrono::NaiveDateTime,
) -> GatheringForm {
    let day = starts_local.date();
    GatheringForm {
        title: g.title.clone(),
        slug: g.slug.clone(),
        kind: g.kind.to_string(),
        status: g.status.to_string(),
        date: day.format("%Y-%m-%d").to_string(),
        starts: starts_local.format("%H:%M").to_string(),
        ends: ends_local.format("%H:%M").to_string(),
        ends_next_day: if ends_local.date() > day {
            "on".into()
        } else {
            String::new()
        },
        public_description: g.public_description.clone(),
        internal_notes: g.internal_notes.clone(),
        languages: g.languages.clone(),
        expected_attendance: g
            .expected_attendance
            .map(|n| n.to_string())
            .unwrap_or_default(),
        actual_attendance: g
            .actual_attendance
            .map(|n| n.to_string())
            .unwrap_or_default(),
    }
}

/// Copies a loaded gathering as a new draft at `target` (inside the caller's
/// transaction): texts and translations, statements, the whole agenda with appearances;
/// fixed starts move with the start; nothing of the source's day; every UID new.
pub async fn copy_gathering(
    txn: &DatabaseTransaction,
    organisation_id: i32,
    source: &super::queries::GatheringBundle,
    target: &CopyTarget,
    now: DateTime<Utc>,
) -> Result<gathering::Model, AppError> {
    use super::entities::{appearance, gathering_text, segment_text, statement, statement_text};
    use std::collections::HashMap;
    let g = &source.gathering;
    let shift = target.starts_local - g.starts_local;
    let ends_local = g.ends_local + shift;
    let day = target.starts_local.date();
    let title = if target.title.trim().is_empty() {
        g.title.clone()
    } else {
        target.title.clone()
    };
    let slug = if target.slug.trim().is_empty() {
        crate::domain::Slug::suggest(&format!("{title} {day}"))
            .as_str()
            .to_owned()
    } else {
        target.slug.clone()
    };
    let form = GatheringForm {
        title,
        slug,
        status: "draft".into(),
        actual_attendance: String::new(),
        ..gathering_form(g, target.starts_local, ends_local)
    };
    let place = Place {
        venue_id: target.venue_id,
        time_zone: &target.time_zone,
    };
    let copy = create_gathering(txn, organisation_id, place, &form, now).await?;
    for t in &source.gathering_texts {
        gathering_text::ActiveModel {
            gathering_id: Set(copy.id),
            language: Set(t.language.clone()),
            title: Set(t.title.clone()),
            public_description: Set(t.public_description.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let mut statements = HashMap::new();
    for s in &source.statements {
        let new = statement::ActiveModel {
            gathering_id: Set(copy.id),
            title: Set(s.title.clone()),
            language: Set(s.language.clone()),
            points: Set(s.points.clone()),
            signature_count: Set(0),
            public: Set(s.public),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        statements.insert(s.id, new.id);
    }
    for t in &source.statement_texts {
        statement_text::ActiveModel {
            statement_id: Set(statements[&t.statement_id]),
            language: Set(t.language.clone()),
            title: Set(t.title.clone()),
            points: Set(t.points.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    let mut segments = HashMap::new();
    for s in &source.segments {
        let new = segment::ActiveModel {
            gathering_id: Set(copy.id),
            position: Set(s.position),
            kind: Set(s.kind),
            title: Set(s.title.clone()),
            duration_minutes: Set(s.duration_minutes),
            hard_start_local: Set(s.hard_start_local.map(|t| t + shift)),
            film_id: Set(s.film_id),
            statement_id: Set(s.statement_id.and_then(|id| statements.get(&id).copied())),
            public: Set(s.public),
            cue_notes: Set(s.cue_notes.clone()),
            actual_start: Set(None),
            actual_end: Set(None),
            skipped: Set(false),
            uid: Set(uuid::Uuid::new_v4().simple().to_string()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        segments.insert(s.id, new.id);
    }
    for t in &source.segment_texts {
        segment_text::ActiveModel {
            segment_id: Set(segments[&t.segment_id]),
            language: Set(t.language.clone()),
            title: Set(t.title.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    for a in &source.appearances {
        appearance::ActiveModel {
            segment_id: Set(segments[&a.segment_id]),
            person_id: Set(a.person_id),
            position: Set(a.position),
            role: Set(a.role),
            mode: Set(a.mode),
            language: Set(a.language.clone()),
            interpreted_into: Set(a.interpreted_into.clone()),
            online_link: Set(a.online_link.clone()),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(copy)
}

/// Adds a statement to a gathering (`id` None) or changes one of its statements.
pub async fn save_statement(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    id: Option<i32>,
    form: &crate::domain::plan::StatementForm,
    now: DateTime<Utc>,
) -> Result<super::entities::statement::Model, AppError> {
    use super::entities::statement;
    let plan = form.parse()?;
    let txn = db.begin().await?;
    let g = lock(&txn, gathering_id, version, now).await?;
    let mut m = match id {
        None => statement::ActiveModel {
            gathering_id: Set(g.id),
            created_at: Set(now),
            ..Default::default()
        },
        Some(id) => statement::Entity::find_by_id(id)
            .filter(statement::Column::GatheringId.eq(g.id))
            .one(&txn)
            .await?
            .ok_or(AppError::NotFound)?
            .into(),
    };
    m.title = Set(plan.title.as_str().into());
    m.language = Set(plan.language.as_str().into());
    m.points = Set(plan.points.join("\n"));
    m.signature_count = Set(i32::try_from(plan.signature_count).unwrap_or(i32::MAX));
    m.public = Set(plan.public);
    m.updated_at = Set(now);
    let saved = sea_orm::TryIntoModel::try_into_model(m.save(&txn).await?)?;
    txn.commit().await?;
    Ok(saved)
}

/// Removes a statement and its translations; the segment where it was read stays,
/// without it.
pub async fn delete_statement(
    db: &impl super::Conn,
    gathering_id: i32,
    version: Option<i32>,
    id: i32,
    now: DateTime<Utc>,
) -> Result<super::entities::statement::Model, AppError> {
    use super::entities::{statement, statement_text};
    use sea_orm::sea_query::Expr;
    let txn = db.begin().await?;
    let g = lock(&txn, gathering_id, version, now).await?;
    let s = statement::Entity::find_by_id(id)
        .filter(statement::Column::GatheringId.eq(g.id))
        .one(&txn)
        .await?
        .ok_or(AppError::NotFound)?;
    segment::Entity::update_many()
        .col_expr(
            segment::Column::StatementId,
            Expr::value(Option::<i32>::None),
        )
        .filter(segment::Column::StatementId.eq(s.id))
        .exec(&txn)
        .await?;
    statement_text::Entity::delete_many()
        .filter(statement_text::Column::StatementId.eq(s.id))
        .exec(&txn)
        .await?;
    s.clone().delete(&txn).await?;
    txn.commit().await?;
    Ok(s)
}

/// Names the statement read in a segment (or none). Both belong to the gathering; the
/// caller has locked it.
pub async fn link_statement(
    db: &impl super::Conn,
    gathering_id: i32,
    segment_id: i32,
    statement_id: Option<i32>,
) -> Result<(), AppError> {
    use super::entities::statement;
    if let Some(id) = statement_id {
        statement::Entity::find_by_id(id)
            .filter(statement::Column::GatheringId.eq(gathering_id))
            .one(db)
            .await?
            .ok_or_else(|| {
                ValidationError::new("statement", "Choose one of this gathering's statements.")
            })?;
    }
    let s = segment::Entity::find_by_id(segment_id)
        .filter(segment::Column::GatheringId.eq(gathering_id))
        .one(db)
        .await?
        .ok_or(AppError::NotFound)?;
    if s.statement_id != statement_id {
        let mut m: segment::ActiveModel = s.into();
        m.statement_id = Set(statement_id);
        m.update(db).await?;
    }
    Ok(())
}
