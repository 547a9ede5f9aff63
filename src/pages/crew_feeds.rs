//! `/manage/o/:org/crew-feeds`: a member's private calendar feeds with the internal run
//! of show; make one (its address is shown once), revoke one.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::crew_feeds::{CrewFeeds, load_crew_feeds};
use crate::components::loaded::{loaded, route_key};
use crate::domain::links::webcal;
use crate::forms::{NewCrewFeed, use_form_echo};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn CrewFeedsPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("crew-feeds-title") />
        {loaded(
            route_key(["org"]),
            |([org], _)| load_crew_feeds(org),
            move |d| view! { <CrewFeedsView d=d lang=lang /> },
        )}
    }
}

#[component]
fn CrewFeedsView(d: CrewFeeds, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let fresh = use_context::<NewCrewFeed>();
    let action = format!("/manage/o/{}/crew-feeds", d.org_slug);
    let error = echo.error_for("label");
    let bad = error.is_some();
    let all_members = d.all_members;
    view! {
        <section class="crew-feeds">
            <p class="breadcrumb"><a href="/manage">{lang.t("workspace-title")}</a>" · "<bdi>{d.org_name.clone()}</bdi></p>
            <h1>{lang.t("crew-feeds-title")}</h1>
            <p>{lang.t("crew-feeds-intro")}</p>
            <p class="warning">{lang.t("crew-feeds-warning")}</p>
            {fresh.map(|n| view! {
                <section class="new-feed" role="status" aria-labelledby="new-feed">
                    <h2 id="new-feed">{lang.t("crew-feeds-new-heading")}" · "<bdi>{n.label}</bdi></h2>
                    <p>{lang.t("crew-feeds-new-note")}</p>
                    <p><input class="feed-url" type="text" readonly value=n.url.clone() dir="ltr" aria-label=lang.t("crew-feeds-address") /></p>
                    <p>
                        <a class="subscribe" href=webcal(&n.url)>{lang.t("crew-feeds-subscribe")}</a>" · "
                        <a class="segments" href=format!("{}?segments=1", n.url)>{lang.t("crew-feeds-segments")}</a>
                    </p>
                </section>
            })}
            <form method="post" action=action.clone() class="plan-form">
                <input type="hidden" name="action" value="create" />
                <p class="field" class:has-error=bad>
                    <label for="crew-feed-label">{lang.t("crew-feeds-label")}</label>
                    <input id="crew-feed-label" name="label" type="text" maxlength="200" dir="auto"
                        placeholder=lang.t("crew-feeds-label-hint") value=echo.value("label", "")
                        aria-invalid=bad.then_some("true") />
                    {error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
                <p><button type="submit">{lang.t("crew-feeds-create")}</button></p>
            </form>
            <h2>{lang.t("crew-feeds-open")}</h2>
            {if d.feeds.is_empty() {
                view! { <p class="empty">{lang.t("crew-feeds-none")}</p> }.into_any()
            } else {
                view! {
                    <table class="crew-feed-list">
                        <thead><tr>
                            <th scope="col">{lang.t("crew-feeds-label")}</th>
                            {all_members.then(|| view! { <th scope="col">{lang.t("crew-feeds-member")}</th> })}
                            <th scope="col">{lang.t("crew-feeds-created")}</th>
                            <th scope="col"><span class="visually-hidden">{lang.t("crew-feeds-revoke")}</span></th>
                        </tr></thead>
                        <tbody>
                            {d.feeds.into_iter().map(|f| view! {
                                <tr data-feed=f.id.to_string()>
                                    <td><bdi>{f.label}</bdi></td>
                                    {all_members.then(|| view! { <td><bdi>{f.member.clone()}</bdi></td> })}
                                    <td>{lang.format_date(f.created.date())}</td>
                                    <td>
                                        <form method="post" action=action.clone()>
                                            <input type="hidden" name="action" value="revoke" />
                                            <input type="hidden" name="id" value=f.id.to_string() />
                                            <button type="submit" class="danger">{lang.t("crew-feeds-revoke")}</button>
                                        </form>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
