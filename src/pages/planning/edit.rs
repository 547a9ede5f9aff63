//! `/manage/o/:org/:slug/edit`: a gathering's details, a copy of it, its series and its
//! campaign.

use leptos::prelude::*;
use leptos_meta::Title;

use super::new::NewGatheringForm;
use super::posted_for_copy;
use crate::api::planning::{Choice, load_edit_gathering};
use crate::components::form::{Field, echo_for, field_error, form_error};
use crate::components::loaded::{loaded, route_key};
use crate::forms::{FormEcho, use_form_echo};
use crate::i18n::{Lang, use_lang};

/// `/manage/o/:org/:slug/edit`: change a gathering's details, status included.
#[component]
pub fn EditGatheringPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("plan-edit-title") />
        {loaded(
            route_key(["org", "slug"]),
            |([org, slug], _)| load_edit_gathering(org, slug),
            move |e| {
                let posted = use_form_echo();
                let action = format!("/manage/o/{}/{}/edit", e.choices.org_slug, e.slug);
                let delete = format!("/manage/o/{}/{}/delete", e.choices.org_slug, e.slug);
                let series = series_section(lang, &action, &e, &posted);
                let campaign = campaign_section(lang, &action, &e, &posted);
                // The main form shows a refusal only when the refused post was its own.
                let other_form = ["duplicate", "series", "campaign"].iter().any(|a| posted.is_for(a));
                let mut values = e.values.clone();
                let echo = if other_form {
                    FormEcho { values, ..FormEcho::default() }
                } else {
                    values.extend(posted.values.clone());
                    FormEcho { values, ..posted.clone() }
                };
                let copy_echo = if posted_for_copy(&posted) { posted.clone() } else { FormEcho::default() };
                view! {
                    <NewGatheringForm c=e.choices lang=lang echo=echo action=action.clone() version=e.version
                        heading=lang.t("plan-edit-title") submit=lang.t("plan-save") />
                    <section class="planning duplicate">
                        <h2 id="duplicate">{lang.t("plan-duplicate")}</h2>
                        <p>{lang.t("plan-duplicate-intro")}</p>
                        {form_error(&copy_echo)}
                        <form method="post" action=action class="plan-form">
                            <input type="hidden" name="action" value="duplicate" />
                            <Field name="copy_date" kind="date" label=lang.t("plan-date") required=true echo=copy_echo.clone() />
                            <Field name="copy_title" label=lang.t("plan-title") hint=lang.t("plan-duplicate-title-hint") echo=copy_echo.clone() />
                            <Field name="copy_slug" label=lang.t("plan-slug") hint=lang.t("plan-duplicate-slug-hint") echo=copy_echo />
                            <p><button type="submit">{lang.t("plan-duplicate-button")}</button></p>
                        </form>
                    </section>
                    {series}
                    {campaign}
                    // Organisers plan and delete alike (`Permission::Delete`).
                    <section class="planning delete">
                        <h2 id="delete">{lang.t("delete-title")}</h2>
                        <p>{lang.t("delete-intro")}</p>
                        <p><a class="button danger" href=delete>{lang.t("delete-link")}</a></p>
                    </section>
                }
            },
        )}
    }
}

/// Repeat the gathering weekly, monthly or on listed dates; lists the other occurrences.
fn series_section(
    lang: Lang,
    action: &str,
    e: &crate::api::planning::EditGathering,
    echo: &FormEcho,
) -> impl IntoView + use<> {
    let echo = echo_for(echo, "series");
    let every = echo.value("every", "monthly");
    let org = e.choices.org_slug.clone();
    let siblings = e.series.clone();
    let has_series = !siblings.is_empty();
    view! {
        <section class="planning series">
            <h2 id="series">{lang.t("series-title")}</h2>
            <p>{lang.t("series-intro")}</p>
            {e.series_id.map(|id| view! {
                <p><a class="button" href=format!("/manage/o/{}/groups/series/{id}", e.choices.org_slug)>{lang.t("group-manage-series")}</a></p>
            })}
            {has_series.then(|| view! {
                <h3>{lang.t("series-others")}</h3>
                <ul class="series-list">
                    {siblings.into_iter().map(|(slug, title, start)| view! {
                        <li><a href=format!("/manage/o/{org}/{slug}/edit")>{lang.format_date(start.date())}</a>" · "<bdi>{title}</bdi></li>
                    }).collect_view()}
                </ul>
            })}
            {form_error(&echo)}
            <form method="post" action=action.to_owned() class="plan-form">
                <input type="hidden" name="action" value="series" />
                <fieldset>
                    <legend>{lang.t("series-every")}</legend>
                    {["weekly", "monthly", "dates"].into_iter().map(|k| view! {
                        <p class="field checkbox">
                            <input type="radio" id=format!("every-{k}") name="every" value=k checked={every == k} />
                            <label for=format!("every-{k}")>{lang.t(&format!("series-{k}"))}</label>
                        </p>
                    }).collect_view()}
                    {field_error(&echo, "every")}
                </fieldset>
                <p class="field">
                    <label for="series-count">{lang.t("series-count")}</label>
                    <input id="series-count" name="count" type="number" min="1" max="52" value=echo.value("count", "3") />
                    {field_error(&echo, "count")}
                </p>
                <p class="field">
                    <label for="series-dates">{lang.t("series-dates")}</label>
                    <span class="hint">{lang.t("series-dates-hint")}</span>
                    <textarea id="series-dates" name="dates" rows="3" dir="ltr">{crate::forms::textarea_text(&echo.value("dates", ""))}</textarea>
                    {field_error(&echo, "dates")}
                </p>
                <p><button type="submit">{lang.t("series-button")}</button></p>
            </form>
        </section>
    }
}

/// Copy the run of show to other venues as one campaign.
fn campaign_section(
    lang: Lang,
    action: &str,
    e: &crate::api::planning::EditGathering,
    echo: &FormEcho,
) -> impl IntoView + use<> {
    let org = e.choices.org_slug.clone();
    if let Some((slug, title)) = e.campaign.clone() {
        let refused = form_error(&echo_for(echo, "campaign"));
        return view! {
            <section class="planning campaign">
                <h2 id="campaign">{lang.t("campaign-title")}</h2>
                {refused}
                <p>{lang.t("campaign-part-of")}" "<a href=format!("/o/{org}/campaigns/{slug}")><bdi>{title}</bdi></a></p>
                {e.campaign_id.map(|id| view! {
                    <p><a class="button" href=format!("/manage/o/{org}/groups/campaign/{id}")>{lang.t("group-manage-campaign")}</a></p>
                })}
            </section>
        }
        .into_any();
    }
    let echo = echo_for(echo, "campaign");
    let keep = echo.value("keep", "local");
    let own = e.venue_id;
    let venues: Vec<Choice> = e
        .choices
        .venues
        .iter()
        .filter(|v| Some(v.id) != own)
        .cloned()
        .collect();
    view! {
        <section class="planning campaign">
            <h2 id="campaign">{lang.t("campaign-title")}</h2>
            <p>{lang.t("campaign-intro")}</p>
            {form_error(&echo)}
            <form method="post" action=action.to_owned() class="plan-form">
                <input type="hidden" name="action" value="campaign" />
                <p class="field">
                    <label for="campaign-title">{lang.t("campaign-name")}</label>
                    <input id="campaign-title" name="campaign_title" type="text" dir="auto" required=true value=echo.value("campaign_title", "") />
                    {field_error(&echo, "campaign_title")}
                </p>
                <p class="field">
                    <label for="campaign-slug">{lang.t("plan-slug")}</label>
                    <input id="campaign-slug" name="campaign_slug" type="text" dir="ltr" value=echo.value("campaign_slug", "") />
                    {field_error(&echo, "campaign_slug")}
                </p>
                <fieldset>
                    <legend>{lang.t("campaign-venues")}</legend>
                    {venues.into_iter().map(|v| {
                        let name = format!("venue_{}", v.id);
                        let checked = echo.values.contains_key(&name);
                        view! {
                            <p class="field checkbox">
                                <input type="checkbox" id=name.clone() name=name.clone() value="on" checked=checked />
                                <label for=name>{v.label}</label>
                            </p>
                        }
                    }).collect_view()}
                    {field_error(&echo, "venues")}
                </fieldset>
                <fieldset>
                    <legend>{lang.t("campaign-keep")}</legend>
                    {["local", "instant"].into_iter().map(|k| view! {
                        <p class="field checkbox">
                            <input type="radio" id=format!("keep-{k}") name="keep" value=k checked={keep == k} />
                            <label for=format!("keep-{k}")>{lang.t(&format!("campaign-keep-{k}"))}</label>
                        </p>
                    }).collect_view()}
                </fieldset>
                <p><button type="submit">{lang.t("campaign-button")}</button></p>
            </form>
        </section>
    }
    .into_any()
}
