//! The agenda editor's form: segments, who appears in them, statements, translations.

use axum::extract::{Path, Request, State};
use axum::response::Response;

use super::{Fields, get, handle, member, unknown_action, version};
use crate::db::planning::{self, Translation};
use crate::db::{directory, queries};
use crate::domain::access::Permission;
use crate::domain::directory::AppearanceForm;
use crate::domain::plan::{SegmentForm, StatementForm};
use crate::domain::say;
use crate::error::AppError;
use crate::server::AppState;

/// `POST /manage/o/{org}/{slug}/agenda`: one change of the agenda, named by `action`:
/// `add`, `edit`, `up`/`down`, `reorder` or `delete` a segment; `appear`/`unappear` a
/// person in one; `statement`/`unstatement`; `lane-add`/`lane-save`/`lane-remove` (the
/// rooms it runs side by side); `release` (the programme as its next version);
/// `translate`. Every change names the
/// gathering's `version` it was made on, and is saved with its audit entry; open live
/// views and run-sheets follow it.
pub async fn agenda_action(
    State(state): State<AppState>,
    Path((org, slug)): Path<(String, String)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let action = get(&v, "action");
        let needed = if matches!(action, "delete" | "unstatement") {
            Permission::Delete
        } else {
            Permission::Plan
        };
        let m = member(&state.db, &headers, &org, needed).await?;
        let now = m.now;
        let bundle = queries::gathering_bundle(&state.db, m.org.id, &slug)
            .await?
            .ok_or(AppError::NotFound)?;
        let g = &bundle.gathering;
        let id_of = |k: &str| get(&v, k).parse::<i32>().map_err(|_| AppError::NotFound);
        let txn = crate::db::begin_write(&state.db).await?;
        // Each change answers with its audit entry and the place on the page to return to.
        let (audit, detail, anchor): (&str, String, String) = match action {
            "add" => {
                let (film, form) = segment_form(&v);
                let statement = statement_choice(&v)?;
                let s = planning::add_segment_at(&txn, g.id, version(&v), film, &form, now).await?;
                planning::link_statement(&txn, g.id, s.id, statement).await?;
                ("segment.add", s.title, format!("#segment-{}", s.id))
            }
            "edit" => {
                let (film, form) = segment_form(&v);
                let id = id_of("segment")?;
                let statement = statement_choice(&v)?;
                let s =
                    planning::update_segment(&txn, g.id, version(&v), id, film, &form, now).await?;
                planning::link_statement(&txn, g.id, id, statement).await?;
                ("segment.update", s.title, format!("#segment-{id}"))
            }
            "up" | "down" => {
                let id = id_of("segment")?;
                planning::move_segment(&txn, g.id, version(&v), id, action == "up", now).await?;
                ("segment.move", action.into(), format!("#segment-{id}"))
            }
            "reorder" => {
                let order: Vec<i32> = get(&v, "order")
                    .split(',')
                    .map(|id| id.trim().parse::<i32>())
                    .collect::<Result<_, _>>()
                    .map_err(|_| AppError::Validation {
                        field: "form".into(),
                        message: say!("refusal-order-unreadable"),
                    })?;
                planning::reorder_segments(&txn, g.id, version(&v), &order, now).await?;
                ("segment.reorder", String::new(), String::new())
            }
            "delete" => {
                let s = planning::delete_segment(&txn, g.id, version(&v), id_of("segment")?, now)
                    .await?;
                ("segment.delete", s.title, String::new())
            }
            "appear" => {
                let form = appearance_form(&v);
                let id = id_of("segment")?;
                directory::add_appearance(&txn, m.org.id, g.id, version(&v), id, &form, now)
                    .await?;
                ("appearance.add", form.role, format!("#segment-{id}"))
            }
            "reappear" => {
                let form = appearance_form(&v);
                let a = directory::update_appearance(
                    &txn,
                    m.org.id,
                    g.id,
                    version(&v),
                    id_of("appearance")?,
                    &form,
                    now,
                )
                .await?;
                (
                    "appearance.update",
                    form.role,
                    format!("#segment-{}", a.segment_id),
                )
            }
            "unappear" => {
                directory::remove_appearance(&txn, g.id, version(&v), id_of("appearance")?, now)
                    .await?;
                ("appearance.remove", String::new(), String::new())
            }
            "statement" => {
                let id = match get(&v, "statement").trim() {
                    "" => None,
                    id => Some(id.parse::<i32>().map_err(|_| AppError::NotFound)?),
                };
                let st =
                    planning::save_statement(&txn, g.id, version(&v), id, &statement_form(&v), now)
                        .await?;
                let audit = if id.is_some() {
                    "statement.update"
                } else {
                    "statement.add"
                };
                (audit, st.title, format!("#statement-{}", st.id))
            }
            "unstatement" => {
                let st =
                    planning::delete_statement(&txn, g.id, version(&v), id_of("statement")?, now)
                        .await?;
                ("statement.delete", st.title, "#statements".into())
            }
            "lane-add" => {
                let l = planning::add_lane(&txn, g.id, version(&v), &lane_form(&v), now).await?;
                ("lane.add", l.name, "#lanes".into())
            }
            "lane-save" => {
                let l = planning::save_lane(
                    &txn,
                    g.id,
                    version(&v),
                    id_of("lane")?,
                    &lane_form(&v),
                    now,
                )
                .await?;
                ("lane.update", l.name, "#lanes".into())
            }
            "lane-remove" => {
                let l = planning::remove_lane(&txn, g.id, version(&v), id_of("lane")?, now).await?;
                ("lane.remove", l.name, "#lanes".into())
            }
            "release" => {
                let r = crate::db::releases::release(
                    &txn,
                    &m.org,
                    g.id,
                    version(&v),
                    get(&v, "note"),
                    now,
                )
                .await?;
                (
                    "programme.release",
                    r.number.to_string(),
                    "#releases".into(),
                )
            }
            "translate" => {
                let entries = translations(&v, &bundle, &m.org);
                planning::save_translations(&txn, g.id, version(&v), &entries, now).await?;
                ("gathering.translate", String::new(), "#translations".into())
            }
            _ => return Err(unknown_action()),
        };
        m.commit(txn, audit, &g.slug, &detail).await?;
        // Open live views and run-sheets of this gathering follow the change.
        state.live.announce(g.id).await;
        Ok(format!(
            "/manage/o/{}/{}/agenda{anchor}",
            m.org.slug, g.slug
        ))
    })
    .await
}

/// The film chosen and the segment fields of an add or edit form.
fn segment_form(v: &Fields) -> (Option<i32>, SegmentForm) {
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
        lane: get(v, "lane").into(),
        abstract_text: get(v, "abstract_text").into(),
        track: get(v, "track").into(),
        languages: get(v, "languages").into(),
        no_record: get(v, "no_record").into(),
        no_stream: get(v, "no_stream").into(),
        no_photos: get(v, "no_photos").into(),
    };
    (film, form)
}

/// The statement a segment form names: none, one of the gathering's (`12`), or one the
/// organisation issued on its own (`issued-5`).
fn statement_choice(v: &Fields) -> Result<planning::StatementRead, AppError> {
    use planning::StatementRead;
    let refused = || AppError::Validation {
        field: "statement".into(),
        message: say!("refusal-choose-statement"),
    };
    let raw = get(v, "statement").trim();
    if raw.is_empty() {
        return Ok(StatementRead::None);
    }
    if let Some(id) = raw.strip_prefix("issued-") {
        return id.parse().map(StatementRead::Issued).map_err(|_| refused());
    }
    raw.parse()
        .map(StatementRead::Gathering)
        .map_err(|_| refused())
}

fn lane_form(v: &Fields) -> planning::LaneForm {
    planning::LaneForm {
        name: get(v, "name").into(),
        room: get(v, "room").into(),
    }
}

fn statement_form(v: &Fields) -> StatementForm {
    StatementForm {
        title: get(v, "title").into(),
        language: get(v, "language").into(),
        points: get(v, "points").into(),
        signature_count: get(v, "signature_count").into(),
        public: get(v, "public").into(),
    }
}

/// The translations form: for every content language the organisation offers, the
/// gathering's title and description (`g_title_{lang}`, `g_desc_{lang}`), each segment's
/// title and abstract (`s_{id}_{lang}`, `sa_{id}_{lang}`) and each statement's title and points (`st_{id}_title_{lang}`,
/// `st_{id}_points_{lang}`), as `pages::planning` names the fields.
fn translations(
    v: &Fields,
    bundle: &queries::GatheringBundle,
    org: &crate::db::entities::organisation::Model,
) -> Vec<Translation> {
    let key = |k: String| get(v, &k).to_owned();
    let mut entries = Vec::new();
    for offered in org.offered_languages() {
        let lang = offered.tag.as_str();
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
                abstract_text: key(format!("sa_{}_{lang}", s.id)),
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
    entries
}

/// The appearance fields of a post (adding one, or changing one in place).
fn appearance_form(v: &Fields) -> AppearanceForm {
    AppearanceForm {
        person: get(v, "person").into(),
        role: get(v, "role").into(),
        mode: get(v, "mode").into(),
        language: get(v, "language").into(),
        interpreted_into: get(v, "interpreted_into").into(),
        online_link: get(v, "online_link").into(),
    }
}
