//! A gathering's own fields: making it, changing it (its fixed starts follow a change
//! of day or zone, and so do the gatherings at a venue whose zone changes), and its
//! translations.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveModelTrait, ColumnTrait, EntityTrait, QueryFilter, Set};

use super::{Place, lock};
use crate::db::entities::{gathering, organisation, segment};
use crate::domain::plan::GatheringForm;
use crate::domain::{GatheringStatus, TimeZoneName, ValidationError, say};
use crate::error::AppError;

/// Refuses an address another gathering of the organisation has (but `except`),
/// naming it when it waits in "Recently deleted": its address is kept for it.
pub(crate) async fn slug_free(
    db: &impl sea_orm::ConnectionTrait,
    organisation_id: i32,
    slug: &str,
    except: Option<i32>,
) -> Result<(), AppError> {
    let mut holder = gathering::Entity::find()
        .filter(gathering::Column::OrganisationId.eq(organisation_id))
        .filter(gathering::Column::Slug.eq(slug));
    if let Some(id) = except {
        holder = holder.filter(gathering::Column::Id.ne(id));
    }
    match holder.one(db).await? {
        None => Ok(()),
        Some(other) if other.deleted_at.is_some() => Err(ValidationError::new(
            "slug",
            say!(
                "refusal-gathering-slug-deleted",
                slug = slug,
                title = other.title
            ),
        )
        .into()),
        Some(_) => Err(ValidationError::new(
            "slug",
            say!("refusal-gathering-slug-taken", slug = slug),
        )
        .into()),
    }
}

/// Creates a gathering of `organisation_id` at `place` from a submitted form.
pub async fn create_gathering(
    db: &impl crate::db::Conn,
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
    slug_free(&txn, org.id, plan.slug.as_str(), None).await?;
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
        cancelled_at: Set((plan.status == GatheringStatus::Cancelled).then_some(now)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    txn.commit().await?;
    Ok(model)
}

/// The stored local date-time of a fixed start typed as a time of day.
pub(super) fn fixed_start(
    g: &gathering::Model,
    typed: Option<crate::domain::plan::FixedStart>,
) -> Result<Option<chrono::NaiveDateTime>, AppError> {
    use crate::domain::plan::FixedStart;
    let Some(typed) = typed else {
        return Ok(None);
    };
    let zone = TimeZoneName::parse("time_zone", &g.time_zone)
        .map_err(|e| AppError::internal("stored time zone", e))?;
    Ok(Some(match typed {
        FixedStart::Time(time) => {
            crate::domain::time::fixed_start(zone.tz(), g.starts_local, g.ends_local, time)?
        }
        FixedStart::At(at) => {
            crate::domain::time::fixed_start_at(zone.tz(), g.starts_local, g.ends_local, at)?
        }
    }))
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
                say!(
                    "refusal-fixed-start-skipped",
                    segment = &s.title,
                    time = moved.format("%Y-%m-%d %H:%M").to_string(),
                    zone = zone.name(),
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
                say!(
                    "refusal-gathering-time-skipped",
                    gathering = &g.title,
                    zone = zone.as_str(),
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
        /// What the session is about, in that language (needs the title).
        abstract_text: String,
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
    db: &impl crate::db::Conn,
    gathering_id: i32,
    version: Option<i32>,
    entries: &[Translation],
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    use crate::db::entities::{gathering_text, segment_text, statement, statement_text};
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
                abstract_text,
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
                let field = format!("sa_{id}_{language}");
                let abstract_text = free_text(&field, abstract_text)?;
                if title.is_none() && !abstract_text.is_empty() {
                    return Err(crate::domain::ValidationError::new(
                        format!("s_{id}_{language}"),
                        crate::domain::say!("refusal-translation-needs-title"),
                    )
                    .into());
                }
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
                        abstract_text: Set(abstract_text),
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
    db: &impl crate::db::Conn,
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
    slug_free(&txn, organisation_id, plan.slug.as_str(), Some(g.id)).await?;
    let significant = g.starts_local != plan.starts_local
        || g.ends_local != plan.ends_local
        || g.time_zone != zone.as_str()
        || g.venue_id != place.venue_id
        || g.status != plan.status;
    let languages: Vec<&str> = plan.languages.iter().map(|l| l.as_str()).collect();
    if g.venue_id != place.venue_id {
        // Rooms belong to a venue: at another one, the lanes keep their names, no rooms.
        use crate::db::entities::lane;
        use sea_orm::sea_query::Expr;
        lane::Entity::update_many()
            .col_expr(lane::Column::RoomId, Expr::value(Option::<i32>::None))
            .filter(lane::Column::GatheringId.eq(g.id))
            .exec(&txn)
            .await?;
    }
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
    if plan.status != g.status {
        m.cancelled_at = Set((plan.status == GatheringStatus::Cancelled).then_some(now));
    }
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
