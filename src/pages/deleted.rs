//! `/manage/o/:org/:slug/delete` asks before a gathering is deleted and says what goes
//! with it; `/manage/o/:org/deleted` lists what owners can still recover.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::deleted::{
    Can, DeletionPage, RecentlyDeleted, load_deletion, load_recently_deleted,
};
use crate::components::loaded::{loaded, route_key};
use crate::forms::use_form_echo;
use crate::i18n::{Lang, use_lang};

#[component]
pub fn DeleteGatheringPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("delete-title") />
        {loaded(
            route_key(["org", "slug"]),
            |([org, slug], _)| load_deletion(org, slug),
            move |d| view! { <DeletionView d=d lang=lang /> },
        )}
    }
}

#[component]
fn DeletionView(d: DeletionPage, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let t = move |k: &str| lang.t(k);
    let count = |id: &str, n: u64| lang.t_with(id, &[("count", FluentValue::from(n))]);
    let manage = format!("/manage/o/{}/{}", d.org_slug, d.slug);
    let goes: Vec<String> = [
        (d.segments > 0).then(|| count("delete-goes-segments", d.segments)),
        (d.appearances > 0).then(|| count("delete-goes-appearances", d.appearances)),
        (d.statements > 0).then(|| count("delete-goes-statements", d.statements)),
        (d.translations > 0).then(|| count("delete-goes-translations", d.translations)),
    ]
    .into_iter()
    .flatten()
    .collect();
    let leaves: Vec<String> = [
        d.campaign.as_ref().map(|c| {
            lang.t_with(
                "delete-leaves-campaign",
                &[("campaign", FluentValue::from(c.clone()))],
            )
        }),
        d.series.as_ref().map(|s| {
            lang.t_with(
                "delete-leaves-series",
                &[("series", FluentValue::from(s.clone()))],
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    let keep = lang.t_with("delete-keep", &[("days", FluentValue::from(d.keep_days))]);
    let nothing = goes.is_empty() && leaves.is_empty();
    let answer = match d.can {
        Can::Now => view! {
            <p>{if nothing { t("delete-goes-nothing") } else { t("delete-goes-intro") }}</p>
            <ul class="what-goes">
                {goes.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}
                {leaves.into_iter().map(|l| view! { <li><bdi>{l}</bdi></li> }).collect_view()}
            </ul>
            <p>{keep}</p>
            <form method="post" action=format!("{manage}/delete") class="inline">
                <input type="hidden" name="version" value=echo.value("version", &d.version.to_string()) />
                <button type="submit" class="danger">{t("delete-confirm")}</button>
                " "<a href=format!("{manage}/edit")>{t("delete-keep-it")}</a>
            </form>
        }
        .into_any(),
        Can::CancelFirst => view! {
            <p class="warning">{t("refusal-delete-cancel-first")}</p>
            <p><a class="button" href=format!("{manage}/edit#field-status")>{t("delete-go-cancel")}</a></p>
        }
        .into_any(),
        Can::From(day) => view! {
            <p class="warning">
                {lang.t_with("delete-from", &[("date", FluentValue::from(lang.format_date(day)))])}
            </p>
            <p><a href=format!("{manage}/edit")>{t("delete-keep-it")}</a></p>
        }
        .into_any(),
    };
    let status = lang.t(&format!("status-{}", d.status.as_str()));
    view! {
        <section class="planning deletion">
            <p class="breadcrumb">
                <a href="/manage">{t("workspace-title")}</a>" · "<bdi>{d.org_name.clone()}</bdi>" · "
                <a href=format!("{manage}/edit")><bdi>{d.title.clone()}</bdi></a>
            </p>
            <h1>{t("delete-title")}": "<bdi>{d.title.clone()}</bdi></h1>
            <p class="status">{status}</p>
            {echo.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {answer}
        </section>
    }
}

#[component]
pub fn RecentlyDeletedPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("deleted-title") />
        {loaded(
            route_key(["org"]),
            |([org], _)| load_recently_deleted(org),
            move |d| view! { <RecentlyDeletedView d=d lang=lang /> },
        )}
    }
}

#[component]
fn RecentlyDeletedView(d: RecentlyDeleted, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let t = move |k: &str| lang.t(k);
    let action = format!("/manage/o/{}/deleted", d.org_slug);
    view! {
        <section class="deleted">
            <p class="breadcrumb"><a href="/manage">{t("workspace-title")}</a>" · "<bdi>{d.org_name.clone()}</bdi></p>
            <h1>{t("deleted-title")}</h1>
            <p>{t("deleted-intro")}</p>
            {echo.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {if d.items.is_empty() {
                view! { <p class="empty">{t("deleted-none")}</p> }.into_any()
            } else {
                view! {
                    <table class="deleted-list">
                        <thead><tr>
                            <th scope="col">{t("deleted-gathering")}</th>
                            <th scope="col">{t("deleted-when")}</th>
                            <th scope="col">{t("deleted-purged")}</th>
                            <th scope="col"><span class="visually-hidden">{t("deleted-recover")}</span></th>
                        </tr></thead>
                        <tbody>
                            {d.items.into_iter().map(|i| {
                                let by = if i.by.is_empty() {
                                    String::new()
                                } else {
                                    lang.t_with("deleted-by", &[("who", FluentValue::from(i.by.clone()))])
                                };
                                view! {
                                    <tr data-gathering=i.slug.clone()>
                                        <td><bdi>{i.title}</bdi>" · "{lang.format_date(i.day)}</td>
                                        <td data-label=t("deleted-when")>{lang.format_date(i.deleted_on)}" "<bdi>{by}</bdi></td>
                                        <td data-label=t("deleted-purged")>{lang.format_date(i.purged_on)}</td>
                                        <td>
                                            <form method="post" action=action.clone()>
                                                <input type="hidden" name="action" value="recover" />
                                                <input type="hidden" name="id" value=i.id.to_string() />
                                                <button type="submit">{t("deleted-recover")}</button>
                                            </form>
                                        </td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
    }
}
