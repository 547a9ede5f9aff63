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
            content_languages: get(&v, "content_languages").into(),
        };
        let txn = crate::db::begin_write(&state.db).await?;
        organisation::save(&txn, m.org.id, &form).await?;
        m.commit(txn, "organisation.update", &m.org.slug, &form.name)
            .await?;
        Ok(format!("/manage/o/{}/settings", m.org.slug))
    })
    .await
}

/// `POST /manage/organisations/new`: an owner makes another organisation and owns it.
pub async fn create_organisation(State(state): State<AppState>, request: Request) -> Response {
    handle(state, request, |state, headers, v| async move {
        let user = crate::session::current_user(&state.db, &headers)
            .await?
            .ok_or(crate::error::AppError::SignInRequired)?;
        crate::api::settings::ssr::owns_one(&state.db, user.id).await?;
        let now = chrono::Utc::now();
        let form = organisation::NewOrganisation {
            name: get(&v, "org_name").into(),
            public_description: get(&v, "org_description").into(),
            default_language: get(&v, "org_language").into(),
            content_languages: get(&v, "org_content_languages").into(),
        };
        let txn = crate::db::begin_write(&state.db).await?;
        let o = organisation::create(&txn, &form, now).await?;
        crate::db::auth::set_membership(
            &txn,
            o.id,
            user.id,
            crate::domain::MemberRole::Owner,
            Some(user.id),
            now,
        )
        .await?;
        crate::db::auth::audit(
            &txn,
            Some(o.id),
            Some(user.id),
            "organisation.create",
            &o.slug,
            &o.name,
            now,
        )
        .await?;
        txn.commit().await?;
        Ok(format!("/manage/o/{}/settings", o.slug))
    })
    .await
}
