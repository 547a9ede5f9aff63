//! The forms of statements and open letters an organisation issues on its own.

use axum::extract::{Path, Request, State};
use axum::response::Response;

use super::{Fields, get, handle, member, unknown_action};
use crate::db::issued::{self, IssuedText};
use crate::domain::access::Permission;
use crate::domain::issued::IssuedForm;
use crate::server::AppState;

fn issued_form(v: &Fields) -> IssuedForm {
    IssuedForm {
        kind: get(v, "kind").into(),
        title: get(v, "title").into(),
        issued_on: get(v, "issued_on").into(),
        addressee: get(v, "addressee").into(),
        language: get(v, "language").into(),
        body: get(v, "body").into(),
        signatories: get(v, "signatories").into(),
        signature_count: get(v, "signature_count").into(),
        published: get(v, "published").into(),
    }
}

/// `POST /manage/o/{org}/statements`: writes a new statement or letter, then opens it.
pub async fn create_issued(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::Plan).await?;
        let txn = crate::db::begin_write(&state.db).await?;
        let s = issued::save(&txn, m.org.id, None, &issued_form(&v), m.now).await?;
        m.commit(txn, "statement.issue", &s.slug, &s.title).await?;
        Ok(format!("/manage/o/{}/statements/{}", m.org.slug, s.id))
    })
    .await
}

/// `POST /manage/o/{org}/statements/{id}`: `save` its fields, `translate` it, or
/// `delete` it (a gathering that read it keeps the segment).
pub async fn issued_action(
    State(state): State<AppState>,
    Path((org, id)): Path<(String, i32)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::Plan).await?;
        let page = format!("/manage/o/{}/statements/{id}", m.org.slug);
        let txn = crate::db::begin_write(&state.db).await?;
        match get(&v, "action") {
            "save" => {
                let s = issued::save(&txn, m.org.id, Some(id), &issued_form(&v), m.now).await?;
                m.commit(txn, "statement.change", &s.slug, &s.title).await?;
                Ok(page)
            }
            "translate" => {
                let s = issued::by_id(&txn, m.org.id, id)
                    .await?
                    .ok_or(crate::error::AppError::NotFound)?;
                let entries: Vec<IssuedText> = m
                    .org
                    .offered_languages()
                    .into_iter()
                    .map(|l| l.tag)
                    .chain([m.org.default_language.clone()])
                    .filter(|tag| *tag != s.language)
                    .map(|tag| IssuedText {
                        title: get(&v, &format!("title_{tag}")).into(),
                        body: get(&v, &format!("body_{tag}")).into(),
                        language: tag,
                    })
                    .collect();
                issued::save_texts(&txn, s.id, &entries).await?;
                m.commit(txn, "statement.translate", &s.slug, &s.title)
                    .await?;
                Ok(format!("{page}#translations"))
            }
            "delete" => {
                // Nothing keeps a deleted statement: the form asks to be sure.
                if get(&v, "confirm") != "on" {
                    return Err(crate::domain::ValidationError::new(
                        "confirm",
                        crate::domain::say!("refusal-confirm-delete"),
                    )
                    .into());
                }
                let s = issued::delete(&txn, m.org.id, id).await?;
                m.commit(txn, "statement.delete", &s.slug, &s.title).await?;
                Ok(format!("/manage/o/{}/statements", m.org.slug))
            }
            _ => Err(unknown_action()),
        }
    })
    .await
}
