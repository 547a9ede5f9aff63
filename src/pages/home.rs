use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::organisations::list_organisations;
use crate::components::error::ErrorView;
use crate::i18n::use_lang;

/// The start page: the organisations that publish here.
#[component]
pub fn HomePage() -> impl IntoView {
    let lang = use_lang();
    let orgs = Resource::new(|| (), |_| list_organisations());
    view! {
        <Title text="" />
        <h1>{lang.t("home-title")}</h1>
        <p class="lede">{lang.t("home-intro")}</p>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match orgs.await {
                    Ok(list) if list.is_empty() => view! { <p class="empty">{lang.t("home-empty")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="cards">
                            {list.into_iter().map(|o| view! {
                                <li class="card">
                                    <h2><a href=format!("/o/{}", o.slug)>{o.name}</a></h2>
                                    <p>{o.description}</p>
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorView error=e /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
