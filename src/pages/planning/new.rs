//! `/manage/o/:org/new`, and the details form the edit page shares.

use leptos::prelude::*;
use leptos_meta::Title;

use super::posted_for_copy;
use crate::api::planning::{NewGatheringChoices, load_new_gathering};
use crate::components::form::{Field, form_error};
use crate::components::loaded::{loaded, route_key};
use crate::domain::{GatheringKind, GatheringStatus};
use crate::forms::{FormEcho, use_form_echo};
use crate::i18n::{Lang, use_lang};

/// `/manage/o/:org/new`
#[component]
pub fn NewGatheringPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("plan-new-title") />
        {loaded(route_key(["org"]), |([org], _)| load_new_gathering(org), move |c| {
            let action = format!("/manage/o/{}/new", c.org_slug);
            view! {
                <NewGatheringForm c=c lang=lang echo=use_form_echo() action=action
                    heading=lang.t("plan-new-title") submit=lang.t("plan-create") />
            }
        })}
    }
}

/// The gathering form, for a new gathering or (with a `version`) for changing one.
#[component]
pub(super) fn NewGatheringForm(
    c: NewGatheringChoices,
    lang: Lang,
    echo: FormEcho,
    action: String,
    heading: String,
    submit: String,
    #[prop(optional)] version: Option<i32>,
) -> impl IntoView {
    let editing = version.is_some();
    let chosen_status = echo.value("status", GatheringStatus::Draft.as_str());
    let chosen_kind = echo.value("kind", "rally");
    let chosen_venue = echo.value("venue", "");
    let venue_error = echo.error_for("venue");
    let kind_error = echo.error_for("kind");
    let (venue_bad, kind_bad) = (venue_error.is_some(), kind_error.is_some());
    view! {
        <section class="planning narrow-wide">
            <crate::components::zones::ZoneList />
            <p class="breadcrumb"><a href="/manage"><bdi>{c.org_name.clone()}</bdi></a></p>
            <h1>{heading}</h1>
            {(!posted_for_copy(&echo)).then(|| form_error(&echo))}
            <form method="post" action=action class="plan-form">
                {version.map(|v| view! { <input type="hidden" name="version" value=v.to_string() /> })}
                <Field name="title" label=lang.t("plan-title") required=true echo=echo.clone() />
                <Field name="slug" label=lang.t("plan-slug") hint=lang.t("plan-slug-hint") echo=echo.clone() />
                <p class="field" class:has-error=kind_bad>
                    <label for="field-kind">{lang.t("plan-kind")}</label>
                    <select id="field-kind" name="kind">
                        {GatheringKind::ALL.iter().map(|k| view! {
                            <option value=k.as_str() selected={chosen_kind == k.as_str()}>{lang.t(&format!("kind-{}", k.as_str()))}</option>
                        }).collect_view()}
                    </select>
                    {kind_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
                <p class="field" class:has-error=venue_bad>
                    <label for="field-venue">{lang.t("plan-venue")}</label>
                    <select id="field-venue" name="venue">
                        <option value="">{lang.t("plan-no-venue")}</option>
                        {c.venues.iter().map(|v| view! {
                            <option value=v.id.to_string() selected={chosen_venue == v.id.to_string()}>{v.label.clone()}</option>
                        }).collect_view()}
                    </select>
                    {venue_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
                <Field name="time_zone" label=lang.t("plan-time-zone") hint=lang.t("plan-time-zone-hint") list=crate::components::zones::ZONE_LIST echo=echo.clone() />
                <div class="row">
                    <Field name="date" kind="date" label=lang.t("plan-date") required=true echo=echo.clone() />
                    <Field name="starts" kind="time" label=lang.t("plan-starts") required=true echo=echo.clone() />
                    <Field name="ends" kind="time" label=lang.t("plan-ends") required=true echo=echo.clone() />
                </div>
                <p class="field checkbox">
                    <input id="field-ends_next_day" type="checkbox" name="ends_next_day" value="on" checked=echo.values.contains_key("ends_next_day") />
                    <label for="field-ends_next_day">{lang.t("plan-ends-next-day")}</label>
                </p>
                {if editing {
                    view! {
                        <p class="field">
                            <label for="field-status">{lang.t("plan-status")}</label>
                            <select id="field-status" name="status">
                                {GatheringStatus::ALL.iter().map(|st| view! {
                                    <option value=st.as_str() selected={chosen_status == st.as_str()}>{lang.t(&format!("status-{}", st.as_str()))}</option>
                                }).collect_view()}
                            </select>
                            <span class="hint">{lang.t("plan-status-hint")}</span>
                        </p>
                        <Field name="actual_attendance" kind="number" label=lang.t("plan-actual") echo=echo.clone() />
                    }.into_any()
                } else {
                    view! { <input type="hidden" name="status" value=GatheringStatus::Draft.as_str() /> }.into_any()
                }}
                <Field name="languages" label=lang.t("plan-languages") hint=lang.t("plan-languages-hint") echo=echo.clone() />
                <Field name="expected_attendance" kind="number" label=lang.t("plan-expected") echo=echo.clone() />
                <p class="field" class:has-error=echo.error_for("public_description").is_some()>
                    <label for="field-public_description">{lang.t("plan-description")}</label>
                    <textarea id="field-public_description" name="public_description" rows="5" dir="auto">{crate::forms::textarea_text(&echo.value("public_description", ""))}</textarea>
                    {echo.error_for("public_description").map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
                <p class="field" class:has-error=echo.error_for("internal_notes").is_some()>
                    <label for="field-internal_notes">{lang.t("plan-internal-notes")}</label>
                    <textarea id="field-internal_notes" name="internal_notes" rows="3" dir="auto">{crate::forms::textarea_text(&echo.value("internal_notes", ""))}</textarea>
                    {echo.error_for("internal_notes").map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                </p>
                <p><button type="submit">{submit}</button></p>
            </form>
        </section>
    }
}
