use leptos::prelude::*;

use crate::components::error::ErrorView;
use crate::error::AppError;

/// Any address no route knows: a 404 with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ErrorView error=AppError::NotFound /> }
}
