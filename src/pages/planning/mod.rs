//! The organiser's planning pages, one file per route: a new gathering, a gathering's
//! details, and the agenda editor. All are plain forms (they work without JavaScript); a
//! refused form comes back with what was typed and the message beside its field.

mod agenda;
mod edit;
mod new;

pub use agenda::AgendaEditorPage;
pub use edit::EditGatheringPage;
pub use new::NewGatheringPage;

use crate::forms::FormEcho;

/// Whether a refused post was the duplicate form's (its errors belong under it).
fn posted_for_copy(echo: &FormEcho) -> bool {
    echo.is_for("duplicate")
}
