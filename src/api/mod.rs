//! Server functions, one concern per file: each checks who is asking, loads through
//! `db` and answers a view model of [`crate::responses`] (or a page's own small model).
//! Public functions return only what organisers marked public.

pub mod account;
pub mod audit;
pub mod call_sheets;
pub mod campaigns;
pub mod crew_feeds;
pub mod deleted;
pub mod digest;
pub mod directory;
pub mod gathering;
pub mod groups;
pub mod issued;
pub mod live;
pub mod members;
pub mod organisations;
pub mod planning;
pub mod programme;
pub mod settings;
pub mod setup;
pub mod workspace;

/// The site's address (for subscribe links), never the request's `Host`.
#[cfg(feature = "ssr")]
pub(crate) fn site_origin() -> String {
    crate::config::site().origin().to_owned()
}

/// The database connection of the request being served.
#[cfg(feature = "ssr")]
pub(crate) fn db() -> Result<sea_orm::DatabaseConnection, crate::error::AppError> {
    leptos::prelude::use_context::<sea_orm::DatabaseConnection>().ok_or_else(|| {
        crate::error::AppError::internal("request context", "no database in context")
    })
}
