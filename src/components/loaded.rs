//! The one way a page loads its data: a resource read on the server while the page is
//! rendered (every route renders completely, so it works without JavaScript), shown by
//! the page's view, or the error page with its status.

use std::future::Future;

use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::components::error::ErrorView;
use crate::error::AppError;

/// Loads `fetch(source)` and renders the result with `render`, or the error page.
pub fn loaded<S, T, Fut, V>(
    source: S,
    fetch: impl Fn(S) -> Fut + Send + Sync + 'static,
    render: impl Fn(T) -> V + Send + Sync + Clone + 'static,
) -> impl IntoView
where
    S: PartialEq + Clone + Send + Sync + 'static,
    T: Clone + Send + Sync + Serialize + DeserializeOwned + 'static,
    Fut: Future<Output = Result<T, AppError>> + Send + 'static,
    V: IntoView + 'static,
{
    let data = Resource::new(move || source.clone(), fetch);
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let render = render.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(d) => render(d).into_any(),
                        Err(e) => view! { <ErrorView error=e /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// The route parameters `names`, in order (empty when absent), with the language the
/// page's texts are asked in (`i18n::texts_lang`: the interface's, unless a public page
/// of an organisation reads its texts in another).
pub fn route_key<const N: usize>(names: [&str; N]) -> ([String; N], String) {
    let params = leptos_router::hooks::use_params_map().read_untracked();
    let values = names.map(|n| params.get(n).unwrap_or_default());
    (values, crate::i18n::texts_lang())
}
