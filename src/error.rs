//! The one error type of convene, shared by server functions and pages.
//!
//! Database and other internal failures are logged on the server with `tracing` and
//! reach the visitor only as `Internal`, never with their text.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

use crate::domain::{Message, ValidationError, say};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("{field}: {message}")]
    Validation { field: String, message: Message },
    #[error("conflict: {0}")]
    Conflict(Message),
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
            Some(sea_orm::SqlErr::ForeignKeyConstraintViolation(_)) => {
                AppError::Conflict(say!("refusal-still-referred-to"))
            }
            Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => {
                AppError::Conflict(say!("refusal-already-exists"))
            }
            _ => AppError::internal("database error", e),
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The answer to a request that ends in this error: its status and a short plain
    /// sentence in `lang`; internal details were logged where the error was made.
    pub fn into_response_in(self, lang: crate::i18n::Lang) -> axum::response::Response {
        let status = axum::http::StatusCode::from_u16(self.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        let message = match self {
            AppError::SignInRequired => say!("refusal-sign-in-first"),
            AppError::Forbidden => say!("refusal-role-forbids"),
            AppError::NotFound => say!("refusal-not-found"),
            AppError::Validation { message, .. } | AppError::Conflict(message) => message,
            AppError::Internal | AppError::Transport => say!("refusal-not-saved"),
        };
        crate::server::lang::refuse(status, lang, &message)
    }
}

/// An answer in English, where the request's language is not at hand; handlers that
/// have the request use [`AppError::into_response_in`].
#[cfg(feature = "ssr")]
impl axum::response::IntoResponse for AppError {
    fn into_response(self) -> axum::response::Response {
        self.into_response_in(crate::i18n::Lang::En)
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Args(m) | ServerFnErrorErr::MissingArg(m) => {
                #[cfg(feature = "ssr")]
                tracing::info!(%m, "server function arguments refused");
                #[cfg(not(feature = "ssr"))]
                let _ = m;
                AppError::Validation {
                    field: "request".into(),
                    message: say!("refusal-request-unreadable"),
                }
            }
            ServerFnErrorErr::Request(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::Serialization(_) => AppError::Transport,
            _ => AppError::Internal,
        }
    }
}
