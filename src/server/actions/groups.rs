//! The forms of a campaign's or a series' page.

use axum::extract::{Path, Request, State};
use axum::response::Response;

use super::{get, handle, member, unknown_action};
use crate::db::groups::{self, GroupKind};
use crate::domain::access::Permission;
use crate::error::AppError;
use crate::server::AppState;

/// `POST /manage/o/{org}/groups/{kind}/{id}`: `save` (name, text), `add` or `remove` a
/// gathering, or `delete` the group (its gatherings stay).
pub async fn group_action(
    State(state): State<AppState>,
    Path((org, kind, id)): Path<(String, String, i32)>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::Plan).await?;
        let kind = GroupKind::parse(&kind).ok_or(AppError::NotFound)?;
        let o = &m.org;
        let page = format!("/manage/o/{}/groups/{}/{id}", o.slug, kind.as_str());
        let txn = crate::db::begin_write(&state.db).await?;
        let what = |verb: &str| format!("{}.{verb}", kind.as_str());
        match get(&v, "action") {
            "save" => {
                groups::save(
                    &txn,
                    o.id,
                    kind,
                    id,
                    get(&v, "title"),
                    get(&v, "description"),
                    m.now,
                )
                .await?;
                m.commit(txn, &what("rename"), &id.to_string(), get(&v, "title"))
                    .await?;
                Ok(page)
            }
            "add" => {
                let g = groups::add(&txn, o.id, kind, id, get(&v, "gathering")).await?;
                m.commit(txn, &what("add"), &id.to_string(), &g.slug)
                    .await?;
                Ok(page)
            }
            "remove" => {
                let g = groups::remove(&txn, o.id, kind, id, get(&v, "gathering")).await?;
                m.commit(txn, &what("remove"), &id.to_string(), &g.slug)
                    .await?;
                Ok(page)
            }
            "delete" => {
                let title = groups::delete(&txn, o.id, kind, id).await?;
                m.commit(txn, &what("delete"), &id.to_string(), &title)
                    .await?;
                Ok("/manage".to_owned())
            }
            _ => Err(unknown_action()),
        }
    })
    .await
}
