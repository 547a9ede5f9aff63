//! The organisation's settings form (owners).

use axum::extract::{Path, Request, State};
use axum::response::Response;

use super::{get, handle, member};
use crate::db::organisation::{self, OrganisationForm};
use crate::domain::access::Permission;
use crate::server::AppState;

/// `POST /manage/o/{org}/settings`: the organisation's name, public text, language and
/// contact address.
pub async fn settings_action(
    State(state): State<AppState>,
    Path(org): Path<String>,
    request: Request,
) -> Response {
    handle(state, request, |state, headers, v| async move {
        let m = member(&state.db, &headers, &org, Permission::ManageMembers).await?;
        let form = OrganisationForm {
            name: get(&v, "name").into(),
            public_description: get(&v, "public_description").into(),
            default_language: get(&v, "default_language").into(),
            contact_email: get(&v, "contact_email").into(),
        };
        let txn = crate::db::begin_write(&state.db).await?;
        organisation::save(&txn, m.org.id, &form).await?;
        m.commit(txn, "organisation.update", &m.org.slug, &form.name)
            .await?;
        Ok(format!("/manage/o/{}/settings", m.org.slug))
    })
    .await
}
