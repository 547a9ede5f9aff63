//! The one error type of convene, shared by server functions and pages.
//!
//! Database and other internal failures are logged on the server with `tracing` and
//! reach the visitor only as `Internal`, never with their text.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::ValidationError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("{field}: {message}")]
    Validation { field: String, message: String },
    #[error("conflict: {0}")]
    Conflict(String),
    /// The page is for members: the visitor has to sign in first.
    #[error("sign-in required")]
    SignInRequired,
    #[error("forbidden")]
    Forbidden,
    #[error("internal error")]
    Internal,
    /// The request could not reach the server function or its answer was unreadable.
    #[error("request failed")]
    Transport,
}

impl AppError {
    /// The HTTP status a page showing this error answers with.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Validation { .. } => 422,
            AppError::Conflict(_) => 409,
            AppError::SignInRequired => 401,
            AppError::Forbidden => 403,
            AppError::Internal | AppError::Transport => 500,
        }
    }

    /// Logs an internal failure and hides its details from the visitor.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, err: impl std::fmt::Display) -> Self {
        tracing::error!(%err, "{context}");
        AppError::Internal
    }
}

impl From<ValidationError> for AppError {
    fn from(e: ValidationError) -> Self {
        AppError::Validation {
            field: e.field,
            message: e.message,
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    /// Constraint violations become a `Conflict` a person can act on; anything else is
    /// logged and reported as `Internal`.
    fn from(e: sea_orm::DbErr) -> Self {
        match e.sql_err() {
            Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => AppError::Conflict(
                "This refers to something that does not exist, or is still in use elsewhere."
                    .into(),
            ),
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                AppError::Conflict("Something with the same name or address already exists.".into())
            }
            _ => AppError::internal("database error", e),
        }
    }
}

/// A request that ends in an error answers with its status and a short plain sentence;
/// internal details were logged where the error was made.
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let text = match self {
            AppError::SignInRequired => "Please sign in first.",
            AppError::Forbidden => "Your role does not allow this change.",
            AppError::NotFound => "Not found.",
            AppError::Validation { message, .. } | AppError::Conflict(message) => {
                return (status, message).into_response();
            }
            _ => "The change could not be saved; please try again.",
        };
        (status, text).into_response()
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => AppError::Validation {
                field: "request".into(),
                message: m,
            },
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_) => AppError::Transport,
            _ => AppError::Internal,
        }
    }
}
