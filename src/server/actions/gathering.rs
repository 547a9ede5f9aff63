//! A gathering's own forms: create it, change its details, duplicate it, take it to
//! other cities (a campaign) or repeat it (a series).

use axum::extract::{Path, Request, State};
use axum::response::Response;

use super::{Fields, get, handle, member, unknown_action, version};
use crate::db::{campaigns, planning, queries};
use crate::domain::access::Permission;
use crate::domain::plan::GatheringForm;
use crate::domain::repeat::Repeat;
use crate::domain::say;
use crate::error::AppError;
use crate::server::AppState;

/// `POST /manage/o/{org}/new`: creates a gathering and opens its agenda.
pub async fn create_gathering(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::Plan).await?;
        let now = m.now;
        let form = gathering_form(&v);
        let venue = venue_choice(&v)?;
        let txn = crate::db::begin_write(&state.db).await?;
        let g = planning::create_gathering(&txn, m.org.id, place(venue, &v), &form, now).await?;
        m.commit(txn, "gathering.create", &g.slug, &g.title).await?;
        Ok(format!("/manage/o/{}/{}/agenda", m.org.slug, g.slug))
    })
    .await
}

fn gathering_form(v: &Fields) -> GatheringForm {
    GatheringForm {
        title: get(v, "title").into(),
        slug: get(v, "slug").into(),
        kind: get(v, "kind").into(),
        status: get(v, "status").into(),
        date: get(v, "date").into(),
        starts: get(v, "starts").into(),
        ends: get(v, "ends").into(),
        ends_next_day: get(v, "ends_next_day").into(),
        public_description: get(v, "public_description").into(),
        internal_notes: get(v, "internal_notes").into(),
        languages: get(v, "languages").into(),
        expected_attendance: get(v, "expected_attendance").into(),
        actual_attendance: get(v, "actual_attendance").into(),
    }
}

fn venue_choice(v: &Fields) -> Result<Option<i32>, AppError> {
    match get(v, "venue") {
        "" => Ok(None),
        id => id
            .parse::<i32>()
            .map(Some)
            .map_err(|_| AppError::Validation {
                field: "venue".into(),
                message: say!("refusal-choose-venue"),
            }),
    }
}

/// `POST /manage/o/{org}/{slug}/edit`: saves a gathering's details (no `action`), or
/// duplicates it (`duplicate`), makes a campaign of it (`campaign`) or repeats it
/// (`series`).
pub async fn edit_gathering(
    State(state): State<AppState>,
    Path((org, slug)): Path<(String, String)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::Plan).await?;
        let now = m.now;
        let g = queries::gathering_by_slug(&state.db, m.org.id, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let o = &m.org;
        match get(&v, "action") {
            "" | "save" => {
                let txn = crate::db::begin_write(&state.db).await?;
                let saved = planning::update_gathering(
                    &txn,
                    o.id,
                    g.id,
                    version(&v),
                    place(venue_choice(&v)?, &v),
                    &gathering_form(&v),
                    now,
                )
                .await?;
                m.commit(txn, "gathering.update", &saved.slug, saved.status.as_str())
                    .await?;
                state.live.announce(saved.id).await;
                Ok(format!("/manage/o/{}/{}/agenda", o.slug, saved.slug))
            }
            "duplicate" => {
                let txn = crate::db::begin_write(&state.db).await?;
                let copy = planning::duplicate_gathering(
                    &txn,
                    o.id,
                    &g.slug,
                    get(&v, "copy_date"),
                    get(&v, "copy_title"),
                    get(&v, "copy_slug"),
                    now,
                )
                .await?;
                m.commit(txn, "gathering.duplicate", &copy.slug, &g.slug)
                    .await?;
                Ok(format!("/manage/o/{}/{}/agenda", o.slug, copy.slug))
            }
            "campaign" => {
                let form = campaigns::CampaignForm {
                    title: get(&v, "campaign_title").into(),
                    slug: get(&v, "campaign_slug").into(),
                    // One checkbox per venue: `venue_{id}`.
                    venues: v
                        .keys()
                        .filter_map(|k| k.strip_prefix("venue_"))
                        .map(str::to_owned)
                        .collect(),
                    keep: get(&v, "keep").into(),
                };
                let (c, _) =
                    campaigns::create_campaign(&state.db, o.id, m.user.id, &g.slug, &form, now)
                        .await?;
                // A campaign of drafts has no public page yet.
                Ok(if g.status.is_public() {
                    format!("/o/{}/campaigns/{}", o.slug, c.slug)
                } else {
                    format!("/manage/o/{}/{}/edit#campaign", o.slug, g.slug)
                })
            }
            "series" => {
                let rule = Repeat::parse(get(&v, "every"), get(&v, "count"), get(&v, "dates"))?;
                campaigns::repeat(&state.db, o.id, m.user.id, &g.slug, &rule, now).await?;
                Ok(format!("/manage/o/{}/{}/edit#series", o.slug, g.slug))
            }
            _ => Err(unknown_action()),
        }
    })
    .await
}

/// The place a gathering form names: the venue chosen, or its own time zone.
fn place<'a>(venue_id: Option<i32>, v: &'a Fields) -> planning::Place<'a> {
    planning::Place {
        venue_id,
        time_zone: get(v, "time_zone"),
    }
}

/// `POST /manage/o/{org}/{slug}/delete`: deletes the gathering, from the page that asked
/// and said what goes with it; it waits in "Recently deleted".
pub async fn delete_gathering(
    State(state): State<AppState>,
    Path((org, slug)): Path<(String, String)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::Delete).await?;
        let g = queries::gathering_by_slug(&state.db, m.org.id, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let txn = crate::db::begin_write(&state.db).await?;
        planning::delete_gathering(&txn, g.id, version(&v), m.user.id, m.now).await?;
        m.commit(txn, "gathering.delete", &g.slug, &g.title).await?;
        state.live.announce(g.id).await;
        Ok("/manage".to_owned())
    })
    .await
}

/// `POST /manage/o/{org}/deleted`: brings back a deleted gathering (owners).
pub async fn deleted_action(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::ManageMembers).await?;
        match get(&v, "action") {
            "recover" => {
                let id = get(&v, "id")
                    .parse::<i32>()
                    .map_err(|_| AppError::NotFound)?;
                let txn = crate::db::begin_write(&state.db).await?;
                let g = planning::recover(&txn, m.org.id, id, m.now).await?;
                m.commit(txn, "gathering.recover", &g.slug, &g.title)
                    .await?;
                state.live.announce(g.id).await;
                Ok(format!("/manage/o/{}/{}/edit", m.org.slug, g.slug))
            }
            _ => Err(unknown_action()),
        }
    })
    .await
}
