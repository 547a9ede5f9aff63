//! The members' side: the workspace start page and the run-sheet of a gathering.
//! Every function here checks, on the server, who is asking and their role.

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::domain::MemberRole;
use crate::error::AppError;
use crate::responses::GatheringCard;
use crate::responses::run_sheet::RunSheet;

/// What a signed-in member sees first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub user_name: String,
    /// The search typed, if any.
    pub search: String,
    pub organisations: Vec<WorkspaceOrg>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkspaceOrg {
    pub slug: String,
    pub name: String,
    pub role: MemberRole,
    /// The gatherings matching the search, drafts included, newest first, one page.
    pub gatherings: crate::domain::listing::Listed<GatheringCard>,
}

/// The signed-in member's organisations and gatherings.
#[server]
pub async fn load_workspace(
    lang: String,
    #[server(default)] q: String,
    #[server(default)] page: String,
) -> Result<Workspace, AppError> {
    use crate::db::auth::memberships;
    use crate::db::queries;
    use crate::domain::listing::{ListQuery, matches, paged};
    let db = super::db()?;
    let user = ssr::user(&db).await?;
    let mut organisations = Vec::new();
    let query = ListQuery::parse(&q, "", &page);
    for (org, role) in memberships(&db, user.id).await? {
        let rows = queries::all_gatherings(&db, org.id).await?;
        let total = rows.len();
        let texts = queries::gathering_texts(&db, rows.iter().map(|(g, _)| g.id).collect()).await?;
        let found: Vec<GatheringCard> = rows
            .into_iter()
            .map(|(g, v)| {
                super::organisations::ssr::card(g, v, &org.default_language, &lang, &texts)
            })
            .filter(|c| {
                let place = c.place.as_deref().unwrap_or_default();
                matches(&query.search, &[&c.title, &c.slug, place])
            })
            .collect();
        let gatherings = paged(found, total, query.page);
        organisations.push(WorkspaceOrg {
            slug: org.slug,
            name: org.name,
            role,
            gatherings,
        });
    }
    Ok(Workspace {
        user_name: user.display_name,
        search: query.search,
        organisations,
    })
}

/// The run-sheet of a gathering, for any member of its organisation.
#[server]
pub async fn load_run_sheet(org: String, slug: String, lang: String) -> Result<RunSheet, AppError> {
    use crate::db::queries;
    use crate::domain::access::Permission;
    let db = super::db()?;
    let (o, _role) = ssr::member(&db, &org, Permission::ReadInternal).await?;
    let bundle = queries::gathering_bundle(&db, o.id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    crate::responses::run_sheet::run_sheet_view(&o, &bundle, &lang)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    use sea_orm::DatabaseConnection;

    use super::*;
    use crate::db::entities::{app_user, organisation};
    use crate::domain::access::Permission;

    /// The signed-in user, or `SignInRequired`.
    pub async fn user(db: &DatabaseConnection) -> Result<app_user::Model, AppError> {
        let parts = use_context::<http::request::Parts>().ok_or(AppError::SignInRequired)?;
        crate::session::current_user(db, &parts.headers)
            .await?
            .ok_or(AppError::SignInRequired)
    }

    /// The organisation `slug` if the signed-in user is a member whose role allows `p`
    /// ([`crate::db::auth::member_of`]).
    pub async fn member(
        db: &DatabaseConnection,
        slug: &str,
        p: Permission,
    ) -> Result<(organisation::Model, MemberRole), AppError> {
        let user = user(db).await?;
        crate::db::auth::member_of(db, user.id, slug, p).await
    }
}
