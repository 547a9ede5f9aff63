//! The directory's forms: venues, people and films.

use axum::extract::{Path, Request, State};
use axum::response::Response;

use super::{Fields, get, handle, member, unknown_action};
use crate::db::directory::{self, Existing, Kind};
use crate::domain::access::Permission;
use crate::domain::directory::{FilmForm, PersonForm, VenueForm};
use crate::error::AppError;
use crate::server::AppState;

fn venue_form(v: &Fields) -> VenueForm {
    let g = |k: &str| get(v, k).to_owned();
    VenueForm {
        name: g("name"),
        address: g("address"),
        city: g("city"),
        country: g("country"),
        time_zone: g("time_zone"),
        latitude: g("latitude"),
        longitude: g("longitude"),
        capacity: g("capacity"),
        setting: g("setting"),
        public_directions: g("public_directions"),
        access_notes: g("access_notes"),
    }
}

fn person_form(v: &Fields) -> PersonForm {
    let g = |k: &str| get(v, k).to_owned();
    PersonForm {
        name: g("name"),
        public_bio: g("public_bio"),
        languages: g("languages"),
        home_time_zone: g("home_time_zone"),
        contact: g("contact"),
        listed_publicly: g("listed_publicly"),
    }
}

fn film_form(v: &Fields) -> FilmForm {
    let g = |k: &str| get(v, k).to_owned();
    FilmForm {
        title: g("title"),
        director: g("director"),
        producer: g("producer"),
        year: g("year"),
        runtime: g("runtime"),
        audio_language: g("audio_language"),
        subtitle_languages: g("subtitle_languages"),
        trailer_url: g("trailer_url"),
        rights_notes: g("rights_notes"),
    }
}

/// Adds (`existing` none) or saves a venue, person or film; its id and name.
async fn save_item(
    db: &impl crate::db::Conn,
    organisation_id: i32,
    kind: Kind,
    existing: Option<Existing<'_>>,
    v: &Fields,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(i32, String), AppError> {
    Ok(match kind {
        Kind::Venue => {
            let m =
                directory::save_venue(db, organisation_id, existing, &venue_form(v), now).await?;
            (m.id, m.name)
        }
        Kind::Person => {
            let m =
                directory::save_person(db, organisation_id, existing, &person_form(v), now).await?;
            (m.id, m.name)
        }
        Kind::Film => {
            let m = directory::save_film(db, organisation_id, existing, &film_form(v), now).await?;
            (m.id, m.title)
        }
    })
}

/// `POST /manage/o/{org}/directory`: adds a venue, a person or a film.
pub async fn directory_action(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::Plan).await?;
        let kind = Kind::parse(get(&v, "action")).ok_or_else(unknown_action)?;
        let txn = crate::db::begin_write(&state.db).await?;
        let (id, label) = save_item(&txn, m.org.id, kind, None, &v, m.now).await?;
        let audit = format!("{}.create", kind.as_str());
        m.commit(txn, &audit, &label, &format!("#{id}")).await?;
        Ok(format!(
            "/manage/o/{}/directory#{}-{id}",
            m.org.slug,
            kind.as_str()
        ))
    })
    .await
}

/// `POST /manage/o/{org}/directory/{kind}/{id}`: saves an edit of a venue, person or film
/// (`action=save` with the `stamp` the form was opened with), archives or restores it, or
/// deletes it when no gathering uses it.
pub async fn directory_item_action(
    State(state): State<AppState>,
    Path((org, kind, id)): Path<(String, String, i32)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let kind = Kind::parse(&kind).ok_or(AppError::NotFound)?;
        let action = get(&v, "action");
        let needed = if action == "delete" {
            Permission::Delete
        } else {
            Permission::Plan
        };
        let m = member(&state.db, &headers, &org, needed).await?;
        let now = m.now;
        let o = &m.org;
        let item = format!("/manage/o/{}/directory#{}-{id}", o.slug, kind.as_str());
        let txn = crate::db::begin_write(&state.db).await?;
        let (verb, label, back) = match action {
            "save" => {
                let existing = Existing {
                    id,
                    stamp: get(&v, "stamp"),
                };
                let (_, label) = save_item(&txn, o.id, kind, Some(existing), &v, now).await?;
                ("update", label, item)
            }
            "archive" | "restore" => {
                let label =
                    directory::set_archived(&txn, o.id, kind, id, action == "archive", now).await?;
                (action, label, item)
            }
            "delete" => {
                let label = directory::delete(&txn, o.id, kind, id).await?;
                (action, label, format!("/manage/o/{}/directory", o.slug))
            }
            "room-add" | "room-save" | "room-delete" if kind == Kind::Venue => {
                use crate::db::rooms;
                let back = format!("/manage/o/{}/directory/venue/{id}#rooms", o.slug);
                let form = rooms::RoomForm {
                    name: get(&v, "room_name").into(),
                    capacity: get(&v, "room_capacity").into(),
                    accessibility: get(&v, "room_accessibility").into(),
                    directions: get(&v, "room_directions").into(),
                };
                let room_id = || {
                    get(&v, "room")
                        .parse::<i32>()
                        .map_err(|_| AppError::NotFound)
                };
                let r = match action {
                    "room-add" => rooms::save_room(&txn, o.id, id, None, &form, now).await?,
                    "room-save" => {
                        rooms::save_room(&txn, o.id, id, Some(room_id()?), &form, now).await?
                    }
                    _ => rooms::delete_room(&txn, o.id, id, room_id()?, now).await?,
                };
                (action, r.name, back)
            }
            _ => return Err(unknown_action()),
        };
        let audit = format!("{}.{verb}", kind.as_str());
        m.commit(txn, &audit, &label, &format!("#{id}")).await?;
        Ok(back)
    })
    .await
}
