//! Organiser forms as plain HTML posts, so every action works without JavaScript.
//!
//! A post is checked on the server (session, role, same-origin, the domain's rules). On
//! success it redirects (303) to the page that shows the result; on a refusal the same
//! page is rendered again with what was typed and the message beside its field, with a
//! 4xx status: nothing typed is lost.

use std::collections::HashMap;

use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use leptos::prelude::provide_context;

use super::AppState;
use crate::app::shell;
use crate::db::crew_feeds;
use crate::db::entities::{app_user, organisation};
use crate::db::{auth, directory, planning, queries};
use crate::domain::MemberRole;
use crate::domain::access::Permission;
use crate::domain::plan::{GatheringForm, SegmentForm};
use crate::error::AppError;
use crate::forms::{FormEcho, NewCrewFeed};

/// Largest form body accepted (a long description fits easily).
const MAX_FORM_BYTES: usize = 256 * 1024;

async fn read_form(body: Body) -> Result<HashMap<String, String>, AppError> {
    let bytes = axum::body::to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| AppError::Validation {
            field: "form".into(),
            message: "This form is too large.".into(),
        })?;
    Ok(form_urlencoded::parse(&bytes).into_owned().collect())
}

pub(crate) async fn member(
    state: &AppState,
    headers: &HeaderMap,
    org: &str,
    p: Permission,
) -> Result<(app_user::Model, organisation::Model, MemberRole), AppError> {
    let user = super::auth::current_user(&state.db, headers)
        .await?
        .ok_or(AppError::SignInRequired)?;
    let o = queries::organisation_by_slug(&state.db, org)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = auth::role_in(&state.db, user.id, o.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !role.allows(p) {
        return Err(AppError::Forbidden);
    }
    Ok((user, o, role))
}

/// Renders the page at the request's path again, with the submitted values and the
/// error in context.
async fn render_again(
    state: &AppState,
    parts: axum::http::request::Parts,
    echo: FormEcho,
    status: StatusCode,
) -> Response {
    render_with(state, parts, status, move || provide_context(echo.clone())).await
}

/// Renders the page at the request's path, with extra context for it.
async fn render_with(
    state: &AppState,
    mut parts: axum::http::request::Parts,
    status: StatusCode,
    context: impl Fn() + Clone + Send + Sync + 'static,
) -> Response {
    parts.method = Method::GET;
    let db = state.db.clone();
    let options = state.leptos_options.clone();
    let handler = leptos_axum::render_app_async_with_context(
        move || {
            provide_context(db.clone());
            context();
        },
        move || shell(options.clone()),
    );
    let mut response = handler(Request::from_parts(parts, Body::empty()))
        .await
        .into_response();
    *response.status_mut() = status;
    response
}

fn get<'a>(values: &'a HashMap<String, String>, key: &str) -> &'a str {
    values.get(key).map_or("", String::as_str)
}

fn refusal(e: &AppError) -> Option<(StatusCode, String, String)> {
    match e {
        AppError::Validation { field, message } => Some((
            StatusCode::UNPROCESSABLE_ENTITY,
            field.clone(),
            message.clone(),
        )),
        AppError::Conflict(message) => Some((StatusCode::CONFLICT, "form".into(), message.clone())),
        _ => None,
    }
}

pub(crate) fn error_page(e: AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match e {
        AppError::SignInRequired => "Please sign in first.",
        AppError::Forbidden => "Your role does not allow this change.",
        AppError::NotFound => "Not found.",
        _ => "The change could not be saved; please try again.",
    };
    (status, text).into_response()
}

/// A form post's request parts and fields, once it is known to come from this site;
/// otherwise the response that refuses it.
pub(crate) async fn read_post(
    request: Request,
) -> Result<(axum::http::request::Parts, HashMap<String, String>), Response> {
    let (parts, body) = request.into_parts();
    if !super::auth::same_origin(&parts.headers) {
        return Err((
            StatusCode::FORBIDDEN,
            "Refused: the form came from another site.",
        )
            .into_response());
    }
    let values = read_form(body).await.map_err(error_page)?;
    Ok((parts, values))
}

/// Answers a refused form: the same page again with what was typed and the message for
/// a validation or conflict; a plain error page otherwise.
pub(crate) async fn answer_refusal(
    state: &AppState,
    parts: axum::http::request::Parts,
    values: HashMap<String, String>,
    e: AppError,
) -> Response {
    match refusal(&e) {
        Some((status, field, message)) => {
            let echo = FormEcho {
                values,
                field: Some(field),
                message: Some(message),
            };
            render_again(state, parts, echo, status).await
        }
        None => error_page(e),
    }
}

/// Runs a form action; handles refusals by rendering the page again.
async fn handle<F, Fut>(state: AppState, request: Request, action: F) -> Response
where
    F: FnOnce(AppState, HeaderMap, HashMap<String, String>) -> Fut,
    Fut: std::future::Future<Output = Result<String, AppError>>,
{
    let (parts, values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    match action(state.clone(), parts.headers.clone(), values.clone()).await {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(e) => answer_refusal(&state, parts, values, e).await,
    }
}

/// `POST /manage/o/{org}/new`: creates a gathering and opens its agenda.
pub async fn create_gathering(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let (user, o, _) = member(&state, &headers, &org, Permission::Plan).await?;
        let form = gathering_form(&v);
        let venue = venue_choice(&v)?;
        let txn = crate::db::begin_write(&state.db).await?;
        let g = planning::create_gathering(&txn, o.id, venue, get(&v, "time_zone"), &form).await?;
        auth::audit(
            &txn,
            Some(o.id),
            Some(user.id),
            "gathering.create",
            &g.slug,
            &g.title,
        )
        .await?;
        txn.commit().await?;
        Ok(format!("/manage/o/{}/{}/agenda", o.slug, g.slug))
    })
    .await
}

fn gathering_form(v: &HashMap<String, String>) -> GatheringForm {
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

fn venue_choice(v: &HashMap<String, String>) -> Result<Option<i32>, AppError> {
    match get(v, "venue") {
        "" => Ok(None),
        id => id
            .parse::<i32>()
            .map(Some)
            .map_err(|_| AppError::Validation {
                field: "venue".into(),
                message: "Choose one of your venues.".into(),
            }),
    }
}

/// `POST /manage/o/{org}/{slug}/edit`: changes a gathering's details.
pub async fn edit_gathering(
    State(state): State<AppState>,
    Path((org, slug)): Path<(String, String)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let (user, o, _) = member(&state, &headers, &org, Permission::Plan).await?;
        let g = queries::gathering_by_slug(&state.db, o.id, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        match get(&v, "action") {
            "campaign" => {
                let form = crate::db::campaigns::CampaignForm {
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
                    crate::db::campaigns::create_campaign(&state.db, o.id, user.id, &g.slug, &form)
                        .await?;
                return Ok(format!("/o/{}/campaigns/{}", o.slug, c.slug));
            }
            "series" => {
                crate::db::campaigns::repeat(
                    &state.db,
                    o.id,
                    user.id,
                    &g.slug,
                    get(&v, "every"),
                    get(&v, "count"),
                    get(&v, "dates"),
                )
                .await?;
                return Ok(format!("/manage/o/{}/{}/edit#series", o.slug, g.slug));
            }
            _ => {}
        }
        let txn = crate::db::begin_write(&state.db).await?;
        if get(&v, "action") == "duplicate" {
            let copy = planning::duplicate_gathering(
                &txn,
                o.id,
                &g.slug,
                get(&v, "copy_date"),
                get(&v, "copy_title"),
                get(&v, "copy_slug"),
            )
            .await?;
            auth::audit(
                &txn,
                Some(o.id),
                Some(user.id),
                "gathering.duplicate",
                &copy.slug,
                &g.slug,
            )
            .await?;
            txn.commit().await?;
            return Ok(format!("/manage/o/{}/{}/agenda", o.slug, copy.slug));
        }
        let saved = planning::update_gathering(
            &txn,
            o.id,
            g.id,
            version(&v),
            venue_choice(&v)?,
            get(&v, "time_zone"),
            &gathering_form(&v),
        )
        .await?;
        auth::audit(
            &txn,
            Some(o.id),
            Some(user.id),
            "gathering.update",
            &saved.slug,
            &saved.status,
        )
        .await?;
        txn.commit().await?;
        state.live.announce(saved.id).await;
        Ok(format!("/manage/o/{}/{}/agenda", o.slug, saved.slug))
    })
    .await
}

/// The film chosen and the segment fields of an add or edit form.
fn segment_form(v: &HashMap<String, String>) -> (Option<i32>, SegmentForm) {
    let film = match get(v, "film") {
        "" => None,
        id => id.parse::<i32>().ok(),
    };
    let form = SegmentForm {
        kind: get(v, "kind").into(),
        title: get(v, "title").into(),
        duration: get(v, "duration").into(),
        hard_start: get(v, "hard_start").into(),
        public: get(v, "public").into(),
        cue_notes: get(v, "cue_notes").into(),
    };
    (film, form)
}

/// The statement a segment form names: none, or one of the gathering's.
fn statement_choice(v: &HashMap<String, String>) -> Result<Option<i32>, AppError> {
    match get(v, "statement").trim() {
        "" => Ok(None),
        id => id
            .parse::<i32>()
            .map(Some)
            .map_err(|_| AppError::Validation {
                field: "statement".into(),
                message: "Choose one of this gathering's statements.".into(),
            }),
    }
}

fn statement_form(v: &HashMap<String, String>) -> crate::domain::plan::StatementForm {
    crate::domain::plan::StatementForm {
        title: get(v, "title").into(),
        language: get(v, "language").into(),
        points: get(v, "points").into(),
        signature_count: get(v, "signature_count").into(),
        public: get(v, "public").into(),
    }
}

fn version(v: &HashMap<String, String>) -> Option<i32> {
    get(v, "version").parse().ok()
}

/// `POST /manage/o/{org}/{slug}/agenda`: adds, moves or removes a segment.
pub async fn agenda_action(
    State(state): State<AppState>,
    Path((org, slug)): Path<(String, String)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let action = get(&v, "action").to_owned();
        let needed = if matches!(action.as_str(), "delete" | "unstatement") {
            Permission::Delete
        } else {
            Permission::Plan
        };
        let (user, o, _) = member(&state, &headers, &org, needed).await?;
        let bundle = queries::gathering_bundle(&state.db, o.id, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let g = bundle.gathering;
        let segment_id = || {
            get(&v, "segment")
                .parse::<i32>()
                .map_err(|_| AppError::NotFound)
        };
        let back = format!("/manage/o/{}/{}/agenda", o.slug, g.slug);
        // The change and its audit entry are saved together or not at all.
        let txn = crate::db::begin_write(&state.db).await?;
        let outcome = match action.as_str() {
            "add" => {
                let (film, form) = segment_form(&v);
                let statement = statement_choice(&v)?;
                let s = planning::add_segment_at(&txn, g.id, version(&v), film, &form).await?;
                planning::link_statement(&txn, g.id, s.id, statement).await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "segment.add",
                    &g.slug,
                    &s.title,
                )
                .await?;
                Ok(format!("{back}#segment-{}", s.id))
            }
            "edit" => {
                let (film, form) = segment_form(&v);
                let id = segment_id()?;
                let statement = statement_choice(&v)?;
                let s = planning::update_segment(&txn, g.id, version(&v), id, film, &form).await?;
                planning::link_statement(&txn, g.id, id, statement).await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "segment.update",
                    &g.slug,
                    &s.title,
                )
                .await?;
                Ok(format!("{back}#segment-{id}"))
            }
            "up" | "down" => {
                let id = segment_id()?;
                planning::move_segment(&txn, g.id, version(&v), id, action == "up").await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "segment.move",
                    &g.slug,
                    &action,
                )
                .await?;
                Ok(format!("{back}#segment-{id}"))
            }
            "reorder" => {
                let order: Vec<i32> = get(&v, "order")
                    .split(',')
                    .map(|id| id.trim().parse::<i32>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| AppError::Validation {
                        field: "form".into(),
                        message: "The new order could not be read; reload the page and try again."
                            .into(),
                    })?;
                planning::reorder_segments(&txn, g.id, version(&v), &order).await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "segment.reorder",
                    &g.slug,
                    "",
                )
                .await?;
                Ok(back)
            }
            "delete" => {
                let s = planning::delete_segment(&txn, g.id, version(&v), segment_id()?).await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "segment.delete",
                    &g.slug,
                    &s.title,
                )
                .await?;
                Ok(back)
            }
            "appear" => {
                let form = crate::domain::directory::AppearanceForm {
                    person: get(&v, "person").into(),
                    role: get(&v, "role").into(),
                    mode: get(&v, "mode").into(),
                    language: get(&v, "language").into(),
                    interpreted_into: get(&v, "interpreted_into").into(),
                    online_link: get(&v, "online_link").into(),
                };
                let id = segment_id()?;
                crate::db::directory::add_appearance(&txn, o.id, g.id, version(&v), id, &form)
                    .await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "appearance.add",
                    &g.slug,
                    get(&v, "role"),
                )
                .await?;
                Ok(format!("{back}#segment-{id}"))
            }
            "unappear" => {
                let id = get(&v, "appearance")
                    .parse::<i32>()
                    .map_err(|_| AppError::NotFound)?;
                crate::db::directory::remove_appearance(&txn, g.id, version(&v), id).await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "appearance.remove",
                    &g.slug,
                    "",
                )
                .await?;
                Ok(back)
            }
            "statement" => {
                let id = match get(&v, "statement").trim() {
                    "" => None,
                    id => Some(id.parse::<i32>().map_err(|_| AppError::NotFound)?),
                };
                let st = planning::save_statement(&txn, g.id, version(&v), id, &statement_form(&v))
                    .await?;
                let what = if id.is_some() {
                    "statement.update"
                } else {
                    "statement.add"
                };
                auth::audit(&txn, Some(o.id), Some(user.id), what, &g.slug, &st.title).await?;
                Ok(format!("{back}#statement-{}", st.id))
            }
            "unstatement" => {
                let id = get(&v, "statement")
                    .parse::<i32>()
                    .map_err(|_| AppError::NotFound)?;
                let st = planning::delete_statement(&txn, g.id, version(&v), id).await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "statement.delete",
                    &g.slug,
                    &st.title,
                )
                .await?;
                Ok(format!("{back}#statements"))
            }
            "translate" => {
                use crate::db::planning::Translation;
                let mut entries = Vec::new();
                for lang in crate::i18n::Lang::ALL.map(|l| l.code()) {
                    if lang == o.default_language {
                        continue;
                    }
                    let key = |k: String| get(&v, &k).to_owned();
                    entries.push(Translation::Gathering {
                        language: lang.into(),
                        title: key(format!("g_title_{lang}")),
                        description: key(format!("g_desc_{lang}")),
                    });
                    for s in &bundle.segments {
                        entries.push(Translation::Segment {
                            id: s.id,
                            language: lang.into(),
                            title: key(format!("s_{}_{lang}", s.id)),
                        });
                    }
                    for st in &bundle.statements {
                        entries.push(Translation::Statement {
                            id: st.id,
                            language: lang.into(),
                            title: key(format!("st_{}_title_{lang}", st.id)),
                            points: key(format!("st_{}_points_{lang}", st.id)),
                        });
                    }
                }
                planning::save_translations(&txn, g.id, version(&v), &entries).await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "gathering.translate",
                    &g.slug,
                    "",
                )
                .await?;
                Ok(format!("{back}#translations"))
            }
            _ => Err(AppError::Validation {
                field: "action".into(),
                message: "Unknown action.".into(),
            }),
        };
        let back = outcome?;
        txn.commit().await?;
        // Open live views and run-sheets of this gathering follow the change.
        state.live.announce(g.id).await;
        Ok(back)
    })
    .await
}

fn venue_form(v: &HashMap<String, String>) -> crate::domain::directory::VenueForm {
    let g = |k: &str| get(v, k).to_owned();
    crate::domain::directory::VenueForm {
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

fn person_form(v: &HashMap<String, String>) -> crate::domain::directory::PersonForm {
    let g = |k: &str| get(v, k).to_owned();
    crate::domain::directory::PersonForm {
        name: g("name"),
        public_bio: g("public_bio"),
        languages: g("languages"),
        home_time_zone: g("home_time_zone"),
        contact: g("contact"),
        listed_publicly: g("listed_publicly"),
    }
}

fn film_form(v: &HashMap<String, String>) -> crate::domain::directory::FilmForm {
    let g = |k: &str| get(v, k).to_owned();
    crate::domain::directory::FilmForm {
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
    kind: directory::Kind,
    existing: Option<directory::Existing<'_>>,
    v: &HashMap<String, String>,
) -> Result<(i32, String), AppError> {
    Ok(match kind {
        directory::Kind::Venue => {
            let m = directory::save_venue(db, organisation_id, existing, &venue_form(v)).await?;
            (m.id, m.name)
        }
        directory::Kind::Person => {
            let m = directory::save_person(db, organisation_id, existing, &person_form(v)).await?;
            (m.id, m.name)
        }
        directory::Kind::Film => {
            let m = directory::save_film(db, organisation_id, existing, &film_form(v)).await?;
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
        let (user, o, _) = member(&state, &headers, &org, Permission::Plan).await?;
        let kind = directory::Kind::parse(get(&v, "action")).ok_or(AppError::Validation {
            field: "action".into(),
            message: "Unknown action.".into(),
        })?;
        let txn = crate::db::begin_write(&state.db).await?;
        let (id, label) = save_item(&txn, o.id, kind, None, &v).await?;
        auth::audit(
            &txn,
            Some(o.id),
            Some(user.id),
            &format!("{}.create", kind.as_str()),
            &label,
            &format!("#{id}"),
        )
        .await?;
        txn.commit().await?;
        Ok(format!(
            "/manage/o/{}/directory#{}-{id}",
            o.slug,
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
        let kind = directory::Kind::parse(&kind).ok_or(AppError::NotFound)?;
        let action = get(&v, "action").to_owned();
        let needed = if action == "delete" {
            Permission::Delete
        } else {
            Permission::Plan
        };
        let (user, o, _) = member(&state, &headers, &org, needed).await?;
        let txn = crate::db::begin_write(&state.db).await?;
        let (label, back) = match action.as_str() {
            "save" => {
                let existing = directory::Existing {
                    id,
                    stamp: get(&v, "stamp"),
                };
                let (_, label) = save_item(&txn, o.id, kind, Some(existing), &v).await?;
                (
                    label,
                    format!("/manage/o/{}/directory#{}-{id}", o.slug, kind.as_str()),
                )
            }
            "archive" | "restore" => {
                let label =
                    directory::set_archived(&txn, o.id, kind, id, action == "archive").await?;
                (
                    label,
                    format!("/manage/o/{}/directory#{}-{id}", o.slug, kind.as_str()),
                )
            }
            "delete" => {
                let label = directory::delete(&txn, o.id, kind, id).await?;
                (label, format!("/manage/o/{}/directory", o.slug))
            }
            _ => {
                return Err(AppError::Validation {
                    field: "action".into(),
                    message: "Unknown action.".into(),
                });
            }
        };
        let verb = if action == "save" {
            "update"
        } else {
            action.as_str()
        };
        auth::audit(
            &txn,
            Some(o.id),
            Some(user.id),
            &format!("{}.{verb}", kind.as_str()),
            &label,
            &format!("#{id}"),
        )
        .await?;
        txn.commit().await?;
        Ok(back)
    })
    .await
}

/// `POST /manage/o/{org}/crew-feeds`: makes a crew feed (`action=create`, `label`) and
/// shows its address once, or revokes one (`action=revoke`, `id`). Any member may hold
/// crew feeds; owners may revoke anyone's.
pub async fn crew_feed_action(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    let (parts, values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let (user, o, role) = match member(&state, &parts.headers, &org, Permission::ReadInternal).await
    {
        Ok(m) => m,
        Err(e) => return error_page(e),
    };
    let now = chrono::Utc::now();
    match get(&values, "action") {
        "create" => {
            let label = get(&values, "label");
            let made = async {
                let txn = crate::db::begin_write(&state.db).await?;
                let (feed, token) = crew_feeds::create(&txn, o.id, user.id, label, now).await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "crew_feed.create",
                    &feed.id.to_string(),
                    &feed.label,
                )
                .await?;
                txn.commit().await?;
                Ok::<_, AppError>((feed, token))
            }
            .await;
            match made {
                Ok((feed, token)) => {
                    let fresh = NewCrewFeed {
                        label: feed.label,
                        url: format!(
                            "{}/crew/{token}/calendar.ics",
                            crate::feeds::origin(&parts.headers)
                        ),
                    };
                    render_with(&state, parts, StatusCode::CREATED, move || {
                        provide_context(fresh.clone())
                    })
                    .await
                }
                Err(e) => answer_refusal(&state, parts, values, e).await,
            }
        }
        "revoke" => {
            let Ok(id) = get(&values, "id").parse::<i32>() else {
                return error_page(AppError::NotFound);
            };
            let any_member = role.allows(Permission::ManageMembers);
            let result = async {
                let txn = crate::db::begin_write(&state.db).await?;
                let feed = crew_feeds::revoke(&txn, o.id, id, user.id, any_member, now).await?;
                auth::audit(
                    &txn,
                    Some(o.id),
                    Some(user.id),
                    "crew_feed.revoke",
                    &feed.id.to_string(),
                    &feed.label,
                )
                .await?;
                txn.commit().await?;
                Ok::<_, AppError>(())
            }
            .await;
            match result {
                Ok(()) => Redirect::to(&format!("/manage/o/{}/crew-feeds", o.slug)).into_response(),
                Err(e) => error_page(e),
            }
        }
        _ => error_page(AppError::Validation {
            field: "action".into(),
            message: "Unknown action.".into(),
        }),
    }
}

/// `POST /manage/o/{org}/members` (owners): invites someone by a one-time link, changes
/// a member's role, removes a member, or withdraws an invitation. A new invitation's
/// link is shown once, on the page answered to the post (only its hash is stored).
pub async fn members_action(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    use crate::api::members::NewInvitationLink;
    use crate::db::members;
    let (parts, values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let v = &values;
    let outcome: Result<Option<NewInvitationLink>, AppError> = async {
        let (user, o, _) = member(&state, &parts.headers, &org, Permission::ManageMembers).await?;
        let id = |k: &str| get(v, k).parse::<i32>().map_err(|_| AppError::NotFound);
        let now = chrono::Utc::now();
        match get(v, "action") {
            "invite" => {
                let (i, token) = members::invite(
                    &state.db,
                    o.id,
                    user.id,
                    get(v, "email"),
                    get(v, "role"),
                    now,
                )
                .await?;
                Ok(Some(NewInvitationLink {
                    email: i.email,
                    url: format!("{}/invite/{token}", crate::feeds::origin(&parts.headers)),
                }))
            }
            "role" => members::change_role(&state.db, o.id, user.id, id("member")?, get(v, "role"))
                .await
                .map(|()| None),
            "remove" => members::remove(&state.db, o.id, user.id, id("member")?)
                .await
                .map(|()| None),
            "revoke" => members::revoke(&state.db, o.id, user.id, id("invitation")?, now)
                .await
                .map(|()| None),
            _ => Err(AppError::Validation {
                field: "action".into(),
                message: "Unknown action.".into(),
            }),
        }
    }
    .await;
    match outcome {
        Ok(Some(link)) => {
            let mut response = render_with(&state, parts, StatusCode::OK, move || {
                provide_context(link.clone());
            })
            .await;
            // The link is a secret for one person: no cache keeps this page.
            response.headers_mut().insert(
                axum::http::header::CACHE_CONTROL,
                axum::http::HeaderValue::from_static("no-store"),
            );
            response
        }
        Ok(None) => Redirect::to(&format!("/manage/o/{org}/members")).into_response(),
        Err(e) => answer_refusal(&state, parts, values, e).await,
    }
}

/// `POST /invite/{token}`: accepts an invitation, signed in (`action=join`) or by making
/// an account (`action=create`, then signed in). A refusal shows the page again without
/// the passwords.
pub async fn accept_invitation(
    State(state): State<AppState>,
    Path(token): Path<String>,
    peer: Option<axum::Extension<axum::extract::ConnectInfo<std::net::SocketAddr>>>,
    request: Request,
) -> Response {
    use crate::db::members::{self, NewAccount};
    let (parts, mut values) = match read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let field = |k: &str| get(&values, k).to_owned();
    let now = chrono::Utc::now();
    let outcome = match field("action").as_str() {
        "join" => match super::auth::current_user(&state.db, &parts.headers).await {
            Ok(Some(user)) => members::accept(&state.db, &token, Some(&user), None, now)
                .await
                .map(|(_, o)| (o, None)),
            Ok(None) => Err(AppError::SignInRequired),
            Err(e) => Err(e),
        },
        "create" => {
            let account = NewAccount {
                display_name: field("display_name"),
                email: field("email"),
                password: field("password"),
                password_again: field("password_again"),
            };
            members::accept(&state.db, &token, None, Some(&account), now)
                .await
                .map(|(user, o)| (o, Some((user, account.password))))
        }
        _ => Err(AppError::Validation {
            field: "action".into(),
            message: "Unknown action.".into(),
        }),
    };
    match outcome {
        Ok((o, None)) => Redirect::to(&format!("/manage#org-{}", o.slug)).into_response(),
        Ok((o, Some((user, password)))) => {
            let address = peer.map_or_else(
                || "unknown".to_owned(),
                |axum::Extension(axum::extract::ConnectInfo(a))| a.ip().to_string(),
            );
            super::auth::signed_in_response(
                &state.db,
                &parts.headers,
                &user.email,
                &password,
                &address,
                &format!("/manage#org-{}", o.slug),
            )
            .await
        }
        Err(e) => {
            values.remove("password");
            values.remove("password_again");
            answer_refusal(&state, parts, values, e).await
        }
    }
}

/// `POST /manage/o/{org}/digest/{month}`: saves a month's digest (number, editorial note,
/// published).
pub async fn digest_action(
    State(state): State<AppState>,
    Path((org, month)): Path<(String, String)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let (user, o, _) = member(&state, &headers, &org, Permission::Plan).await?;
        let month = crate::domain::digest::Month::parse(&month).map_err(|_| AppError::NotFound)?;
        let form = crate::db::digest::DigestForm {
            number: get(&v, "number").into(),
            editorial_note: get(&v, "editorial_note").into(),
            published: get(&v, "published").into(),
        };
        crate::db::digest::save(&state.db, o.id, user.id, month, &form).await?;
        Ok(format!("/manage/o/{}/digest/{}", o.slug, month.key()))
    })
    .await
}
