//! `/o/:org/digest/:month`: the month's digest, numbered like the newsletter, printable
//! on A4. `/manage/o/:org/digest/:month`: the same, with the form that writes its
//! editorial note and publishes it.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::digest::{
    DigestGathering, DigestIndex, DigestPage, load_digest_editor, public_digest, public_digests,
};
use crate::components::loaded::{loaded, route_key};
use crate::components::print::PrintButton;
use crate::forms::use_form_echo;
use crate::i18n::{Lang, use_lang};

#[component]
pub fn DigestPublicPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "month"]),
        |([org, month], lang)| public_digest(org, month, lang),
        move |d| view! { <DigestView d=d lang=lang editor=false /> },
    )
}

/// `/o/:org/digest`: every published issue, newest first.
#[component]
pub fn DigestIndexPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org"]),
        |([org], _)| public_digests(org),
        move |d| view! { <DigestIndexView d=d lang=lang /> },
    )
}

#[component]
fn DigestIndexView(d: DigestIndex, lang: Lang) -> impl IntoView {
    let org = d.org_slug.clone();
    view! {
        <Title text=format!("{} · {}", lang.t("digest-index"), d.org_name) />
        <section class="digest-index">
            <p class="breadcrumb"><a href=format!("/o/{org}")><bdi>{d.org_name.clone()}</bdi></a></p>
            <h1>{lang.t("digest-index")}</h1>
            {d.issues.is_empty().then(|| view! { <p class="empty">{lang.t("digest-index-none")}</p> })}
            <ul class="digest-issues">
                {d.issues.into_iter().map(|(month, first, number)| {
                    let label = lang.t_with(
                        "digest-heading",
                        &[
                            ("number", FluentValue::from(number)),
                            ("month", FluentValue::from(lang.format_month(first))),
                        ],
                    );
                    view! { <li><a href=format!("/o/{org}/digest/{month}")>{label}</a></li> }
                }).collect_view()}
            </ul>
            <p><a href=format!("/o/{org}/digest.atom")>{lang.t("digest-index-feed")}</a></p>
        </section>
    }
}

#[component]
pub fn DigestEditorPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "month"]),
        |([org, month], lang)| load_digest_editor(org, month, lang),
        move |d| view! { <DigestView d=d lang=lang editor=true /> },
    )
}

fn gathering_line(lang: Lang, org: &str, g: &DigestGathering) -> impl IntoView + use<> {
    let when = format!(
        "{}{}{} ({})",
        lang.format_date(g.starts_local.date()),
        lang.comma(),
        lang.format_time(g.starts_local),
        g.time_zone
    );
    let attendance = g.actual_attendance.map(|n| {
        lang.digits(&lang.t_with("digest-attendance", &[("count", FluentValue::from(n))]))
    });
    let status = (g.status != crate::domain::GatheringStatus::Published)
        .then(|| lang.t(&format!("status-{}", g.status.as_str())));
    view! {
        <li>
            <a href=format!("/o/{org}/{}", g.slug)><bdi lang=g.title_lang.clone()>{g.title.clone()}</bdi></a>
            {status.map(|s| view! { " · "<strong>{s}</strong> })}
            <br /><span class="when">{when}</span>
            {g.place.clone().map(|p| view! { " · "<bdi class="place">{p}</bdi> })}
            {attendance.map(|a| view! { <br /><span class="attendance">{a}</span> })}
        </li>
    }
}

#[component]
fn DigestView(d: DigestPage, lang: Lang, editor: bool) -> impl IntoView {
    let heading = lang.digits(&lang.t_with(
        "digest-heading",
        &[
            ("number", FluentValue::from(d.number)),
            ("month", FluentValue::from(lang.format_month(d.first_day))),
        ],
    ));
    let base = if editor {
        format!("/manage/o/{}/digest", d.org_slug)
    } else {
        format!("/o/{}/digest", d.org_slug)
    };
    let org = d.org_slug.clone();
    let form = editor.then(|| digest_form(lang, &d));
    view! {
        <Title text=heading.clone() />
        <article class="digest">
            <p class="breadcrumb no-print"><a href=format!("/o/{}", d.org_slug)><bdi>{d.org_name.clone()}</bdi></a>
                " · "<a href=format!("/o/{}/digest.atom", d.org_slug)>{lang.t("digest-atom")}</a></p>
            <h1>{heading}</h1>
            <p class="publisher"><bdi>{d.org_name.clone()}</bdi></p>
            {editor.then(|| view! {
                <p class="warning no-print" role="status">{lang.t(if d.published { "digest-is-published" } else { "digest-is-draft" })}</p>
            })}
            {(!d.editorial_note.is_empty()).then(|| view! {
                <section class="editorial" dir="auto">
                    {d.editorial_note.split("\n\n").map(|p| view! { <p>{p.to_owned()}</p> }).collect_view()}
                </section>
            })}
            <section aria-labelledby="held">
                <h2 id="held">{lang.t("digest-held")}</h2>
                {d.held.is_empty().then(|| view! { <p class="empty">{lang.t("digest-none")}</p> })}
                <ul class="digest-list held">{d.held.iter().map(|g| gathering_line(lang, &org, g)).collect_view()}</ul>
            </section>
            <section aria-labelledby="statements">
                <h2 id="statements">{lang.t("digest-statements")}</h2>
                {d.statements.is_empty().then(|| view! { <p class="empty">{lang.t("digest-none")}</p> })}
                <ul class="digest-list">
                    {d.statements.iter().map(|s| {
                        let signatures = (s.signature_count > 0).then(|| lang.digits(&lang.t_with(
                            "statement-signatures", &[("count", FluentValue::from(s.signature_count))])));
                        view! {
                            <li><a href=s.href.clone()><bdi lang=s.title_lang.clone()>{s.title.clone()}</bdi></a>
                                {s.read_at.clone().map(|(slug, title)| view! {
                                    " · "<a href=format!("/o/{org}/{slug}")><bdi>{title}</bdi></a>
                                })}
                                {signatures.map(|t| view! { " · "{t} })}</li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="films">
                <h2 id="films">{lang.t("digest-films")}</h2>
                {d.films.is_empty().then(|| view! { <p class="empty">{lang.t("digest-none")}</p> })}
                <ul class="digest-list">
                    {d.films.iter().map(|f| {
                        let by = [f.director.clone(), f.year.map(|y| y.to_string()).unwrap_or_default()]
                            .into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(", ");
                        view! {
                            <li><bdi class="film">{f.title.clone()}</bdi>{(!by.is_empty()).then(|| view! { " ("{by}")" })}
                                " · "<a href=format!("/o/{org}/{}", f.gathering_slug)><bdi>{f.gathering_title.clone()}</bdi></a></li>
                        }
                    }).collect_view()}
                </ul>
            </section>
            <section aria-labelledby="upcoming">
                <h2 id="upcoming">{lang.t("digest-upcoming")}</h2>
                {d.upcoming.is_empty().then(|| view! { <p class="empty">{lang.t("digest-none")}</p> })}
                <ul class="digest-list upcoming">{d.upcoming.iter().map(|g| gathering_line(lang, &org, g)).collect_view()}</ul>
            </section>
            <nav class="digest-months no-print">
                // The editor steps month by month; the public page from issue to issue.
                {d.previous.clone().map(|m| view! {
                    <a rel="prev" href=format!("{base}/{m}")>{lang.t(if editor { "digest-previous" } else { "digest-previous-issue" })}</a>" · "
                })}
                <a class="all-issues" href=format!("/o/{org}/digest")>{lang.t("digest-all")}</a>
                {d.next.clone().map(|m| view! {
                    " · "<a rel="next" href=format!("{base}/{m}")>{lang.t(if editor { "digest-next" } else { "digest-next-issue" })}</a>
                })}
            </nav>
            <p class="no-print"><PrintButton label=lang.t("print-button") /></p>
            {form}
        </article>
    }
}

/// The editorial note, the issue number and the publish switch.
fn digest_form(lang: Lang, d: &DigestPage) -> impl IntoView + use<> {
    let echo = use_form_echo();
    let number = echo.value("number", &d.number.to_string());
    let note = echo.value("editorial_note", &d.editorial_note);
    let published = if echo.values.is_empty() {
        d.published
    } else {
        echo.values.contains_key("published")
    };
    let error = |f: &str| {
        echo.error_for(f)
            .map(|e| view! { <span class="field-error" role="alert">{e}</span> })
    };
    let (number_error, note_error) = (error("number"), error("editorial_note"));
    view! {
        <section class="planning digest-editor no-print">
            <h2 id="write">{lang.t("digest-write")}</h2>
            <form method="post" class="plan-form">
                <p class="field">
                    <label for="digest-number">{lang.t("digest-number")}</label>
                    <input id="digest-number" name="number" type="text" inputmode="numeric" value=number />
                    {number_error}
                </p>
                <p class="field">
                    <label for="digest-note">{lang.t("digest-note")}</label>
                    <span class="hint">{lang.t("digest-note-hint")}</span>
                    <textarea id="digest-note" name="editorial_note" rows="6" dir="auto">{crate::forms::textarea_text(&note)}</textarea>
                    {note_error}
                </p>
                <p class="field checkbox">
                    <input id="digest-published" type="checkbox" name="published" value="on" checked=published />
                    <label for="digest-published">{lang.t("digest-publish")}</label>
                </p>
                <p><button type="submit">{lang.t("plan-save")}</button></p>
            </form>
        </section>
    }
}
