//! Statements and open letters an organisation issues on its own.
//!
//! - `/o/:org/statements`: the published ones, latest first; `/o/:org/statements/:slug`:
//!   one, with its date, addressee, text, signatories and where it was read.
//! - `/manage/o/:org/statements`: every one, drafts too, and the form that writes a new
//!   one; `/manage/o/:org/statements/:id`: its form, its translations, its deletion.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::issued::{
    IssuedEditor, IssuedList, load_issued_editor, load_issued_list, public_issued,
    public_issued_list,
};
use crate::components::form::{echo_for, field_error, form_error};
use crate::components::loaded::{loaded, route_key};
use crate::domain::IssuedKind;
use crate::forms::{FormEcho, textarea_text, use_form_echo};
use crate::i18n::{Lang, content_language_name, use_lang};
use crate::responses::issued::{IssuedCard, IssuedPage};

fn kind_label(lang: Lang, kind: IssuedKind) -> String {
    lang.t(&format!("issued-kind-{}", kind.as_str()))
}

fn signatures(lang: Lang, n: u32) -> String {
    lang.digits(&lang.t_with("statement-signatures", &[("count", FluentValue::from(n))]))
}

/// One line of a list: date, kind, title, addressee (and, for organisers, "draft").
fn card_line(lang: Lang, href: String, c: &IssuedCard, mark_drafts: bool) -> impl IntoView + use<> {
    let draft = (mark_drafts && !c.published)
        .then(|| view! { " · "<span class="status">{lang.t("status-draft")}</span> });
    view! {
        <li class="issued-card" data-kind=c.kind.as_str()>
            <span class="date">{lang.format_date(c.issued_on)}</span>" · "
            <span class="kind">{kind_label(lang, c.kind)}</span>" · "
            <a href=href><bdi lang=c.language.clone()>{c.title.clone()}</bdi></a>
            {(!c.addressee.is_empty()).then(|| view! { " · "<bdi class="addressee">{c.addressee.clone()}</bdi> })}
            {draft}
        </li>
    }
}

#[component]
pub fn IssuedIndexPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org"]),
        |([org], lang)| public_issued_list(org, lang),
        move |l| view! { <IssuedIndexView l=l lang=lang /> },
    )
}

#[component]
fn IssuedIndexView(l: IssuedList, lang: Lang) -> impl IntoView {
    let org = l.org_slug.clone();
    view! {
        <Title text=format!("{} · {}", lang.t("issued-title"), l.org_name) />
        <section class="issued-index">
            <p class="breadcrumb"><a href=format!("/o/{org}")><bdi>{l.org_name.clone()}</bdi></a></p>
            <h1>{lang.t("issued-title")}</h1>
            {l.items.is_empty().then(|| view! { <p class="empty">{lang.t("issued-none")}</p> })}
            <ul class="issued-list">
                {l.items.iter().map(|c| card_line(lang, format!("/o/{org}/statements/{}", c.slug), c, false)).collect_view()}
            </ul>
        </section>
    }
}

#[component]
pub fn IssuedPublicPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| public_issued(org, slug, lang),
        move |p| view! { <IssuedView p=p lang=lang /> },
    )
}

#[component]
fn IssuedView(p: IssuedPage, lang: Lang) -> impl IntoView {
    let org = p.org_slug.clone();
    let text = match p.kind {
        IssuedKind::Statement => view! {
            <ol class="points" lang=p.language.clone() dir="auto">
                {p.blocks.iter().map(|b| view! { <li>{b.clone()}</li> }).collect_view()}
            </ol>
        }
        .into_any(),
        IssuedKind::OpenLetter => view! {
            <div class="letter" lang=p.language.clone() dir="auto">
                {p.blocks.iter().map(|b| view! { <p>{b.clone()}</p> }).collect_view()}
            </div>
        }
        .into_any(),
    };
    let unnamed = p.signature_count as usize > p.signatories.len();
    view! {
        <Title text=p.title.clone() />
        <article class="issued" data-kind=p.kind.as_str()>
            <p class="breadcrumb">
                <a href=format!("/o/{org}")><bdi>{p.org_name.clone()}</bdi></a>" · "
                <a href=format!("/o/{org}/statements")>{lang.t("issued-title")}</a>
            </p>
            <p class="kind">{kind_label(lang, p.kind)}" · "<time datetime=p.issued_on.format("%Y-%m-%d").to_string()>{lang.format_date(p.issued_on)}</time></p>
            <h1><bdi lang=p.language.clone()>{p.title.clone()}</bdi></h1>
            {(!p.addressee.is_empty()).then(|| view! {
                <p class="addressee" dir="auto">{p.addressee.clone()}</p>
            })}
            {text}
            {(p.signature_count > 0).then(|| view! {
                <section class="signatories" aria-labelledby="signatories">
                    <h2 id="signatories">{lang.t("issued-field-signatories")}</h2>
                    <p class="count">{signatures(lang, p.signature_count)}</p>
                    {(!p.signatories.is_empty()).then(|| view! {
                        <ul class="names">{p.signatories.iter().map(|n| view! { <li><bdi>{n.clone()}</bdi></li> }).collect_view()}</ul>
                    })}
                    {unnamed.then(|| view! { <p class="hint">{lang.t("issued-unnamed")}</p> })}
                </section>
            })}
            {(!p.read_at.is_empty()).then(|| view! {
                <section class="read-at">
                    <h2>{lang.t("issued-read-at")}</h2>
                    <ul>
                        {p.read_at.iter().map(|(slug, title, at)| view! {
                            <li><a href=format!("/o/{org}/{slug}")><bdi>{title.clone()}</bdi></a>" · "{lang.format_date(at.date())}</li>
                        }).collect_view()}
                    </ul>
                </section>
            })}
        </article>
    }
}

/// The fields of a statement or letter, filled from `stored` (a new one: empty).
fn issued_fields(lang: Lang, echo: &FormEcho, stored: &IssuedEditor) -> impl IntoView + use<> {
    let value = |name: &str, stored: &str| echo.value(name, stored);
    let kind = value("kind", &stored.kind);
    let published = if echo.values.is_empty() {
        stored.published
    } else {
        echo.values.contains_key("published")
    };
    let text_field = |name: &'static str,
                      label: &str,
                      stored: &str,
                      kind: &'static str,
                      required: bool| {
        let bad = echo.error_for(name);
        let invalid = bad.is_some();
        view! {
            <p class="field" class:has-error=invalid>
                <label for=format!("issued-{name}")>{label.to_owned()}</label>
                <input id=format!("issued-{name}") name=name type=kind dir="auto" required=required
                    value=value(name, stored) aria-invalid=invalid.then_some("true") />
                {bad.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </p>
        }
    };
    let area = |name: &'static str,
                label: &str,
                hint: Option<String>,
                stored: &str,
                rows: &'static str| {
        let bad = echo.error_for(name);
        let invalid = bad.is_some();
        view! {
            <p class="field" class:has-error=invalid>
                <label for=format!("issued-{name}")>{label.to_owned()}</label>
                {hint.map(|h| view! { <span class="hint">{h}</span> })}
                <textarea id=format!("issued-{name}") name=name rows=rows dir="auto"
                    aria-invalid=invalid.then_some("true")>{textarea_text(&value(name, stored))}</textarea>
                {bad.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </p>
        }
    };
    let kind_error = echo.error_for("kind");
    view! {
        <fieldset class="choice">
            <legend>{lang.t("issued-kind")}</legend>
            {IssuedKind::ALL.iter().map(|k| view! {
                <label><input type="radio" name="kind" value=k.as_str() checked=kind == k.as_str() />" "{kind_label(lang, *k)}</label>
            }).collect_view()}
            {kind_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </fieldset>
        {text_field("title", &lang.t("issued-field-title"), &stored.title, "text", true)}
        {text_field("issued_on", &lang.t("issued-field-date"), &stored.issued_on, "date", true)}
        {text_field("addressee", &lang.t("issued-field-addressee"), &stored.addressee, "text", false)}
        {text_field("language", &lang.t("issued-field-language"), &stored.language, "text", true)}
        {area("body", &lang.t("issued-field-body"), Some(lang.t("issued-field-body-hint")), &stored.body, "10")}
        {area("signatories", &lang.t("issued-field-signatories"), Some(lang.t("issued-field-signatories-hint")), &stored.signatories, "5")}
        {text_field("signature_count", &lang.t("issued-field-count"), &stored.signature_count, "text", false)}
        <p class="field checkbox">
            <label><input type="checkbox" name="published" checked=published />" "{lang.t("issued-field-published")}</label>
        </p>
    }
}

#[component]
pub fn IssuedListPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("issued-title") />
        {loaded(
            route_key(["org"]),
            |([org], lang)| load_issued_list(org, lang),
            move |l| view! { <IssuedListView l=l lang=lang /> },
        )}
    }
}

#[component]
fn IssuedListView(l: IssuedList, lang: Lang) -> impl IntoView {
    let org = l.org_slug.clone();
    let echo = use_form_echo();
    let fresh = IssuedEditor {
        org_slug: org.clone(),
        org_name: l.org_name.clone(),
        id: 0,
        slug: String::new(),
        kind: "statement".into(),
        title: String::new(),
        issued_on: String::new(),
        addressee: String::new(),
        language: lang.code().to_owned(),
        body: String::new(),
        signatories: String::new(),
        signature_count: String::new(),
        published: false,
        translations: Vec::new(),
        read_at: Vec::new(),
    };
    view! {
        <section class="planning issued-editor">
            <p class="breadcrumb"><a href="/manage">{lang.t("workspace-title")}</a>" · "<bdi>{l.org_name.clone()}</bdi></p>
            <h1>{lang.t("issued-title")}</h1>
            <p><a href=format!("/o/{org}/statements")>{lang.t("issued-public-list")}</a></p>
            {l.items.is_empty().then(|| view! { <p class="empty">{lang.t("issued-none")}</p> })}
            <ul class="issued-list">
                {l.items.iter().map(|c| card_line(lang, format!("/manage/o/{org}/statements/{}", c.id), c, true)).collect_view()}
            </ul>
            <h2 id="new-statement">{lang.t("issued-new")}</h2>
            <form method="post" action=format!("/manage/o/{org}/statements") class="plan-form">
                {form_error(&echo)}
                {issued_fields(lang, &echo, &fresh)}
                <p><button type="submit">{lang.t("issued-create")}</button></p>
            </form>
        </section>
    }
}

#[component]
pub fn IssuedEditorPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("issued-title") />
        {loaded(
            route_key(["org", "id"]),
            |([org, id], _)| load_issued_editor(org, id.parse().unwrap_or(-1)),
            move |e| view! { <IssuedEditorView e=e lang=lang /> },
        )}
    }
}

#[component]
fn IssuedEditorView(e: IssuedEditor, lang: Lang) -> impl IntoView {
    let posted = use_form_echo();
    let save = echo_for(&posted, "save");
    let translate = echo_for(&posted, "translate");
    let delete = echo_for(&posted, "delete");
    let other = (!posted.is_for("save") && !posted.is_for("translate") && !posted.is_for("delete"))
        .then(|| form_error(&posted));
    let action = format!("/manage/o/{}/statements/{}", e.org_slug, e.id);
    let org = e.org_slug.clone();
    view! {
        <section class="planning issued-editor">
            <p class="breadcrumb">
                <a href="/manage">{lang.t("workspace-title")}</a>" · "<bdi>{e.org_name.clone()}</bdi>" · "
                <a href=format!("/manage/o/{org}/statements")>{lang.t("issued-title")}</a>
            </p>
            <h1><bdi>{e.title.clone()}</bdi></h1>
            {if e.published {
                view! { <p><a href=format!("/o/{org}/statements/{}", e.slug)>{lang.t("issued-public-page")}</a></p> }.into_any()
            } else {
                view! { <p class="notice">{lang.t("issued-draft-note")}</p> }.into_any()
            }}
            {(!e.read_at.is_empty()).then(|| view! {
                <p>{lang.t("issued-read-at")}": "
                    {e.read_at.iter().map(|(slug, title)| view! {
                        <a href=format!("/manage/o/{org}/{slug}/agenda")><bdi>{title.clone()}</bdi></a>" "
                    }).collect_view()}
                </p>
            })}
            {other}
            <form method="post" action=action.clone() class="plan-form">
                <input type="hidden" name="action" value="save" />
                {form_error(&save)}
                {issued_fields(lang, &save, &e)}
                <p><button type="submit">{lang.t("plan-save")}</button></p>
            </form>

            <h2 id="translations">{lang.t("plan-translations")}</h2>
            {(e.translations.is_empty()).then(|| view! { <p class="empty">{lang.t("issued-no-languages")}</p> })}
            {(!e.translations.is_empty()).then(|| view! {
                <form method="post" action=action.clone() class="plan-form translations">
                    <input type="hidden" name="action" value="translate" />
                    {form_error(&translate)}
                    {e.translations.iter().map(|(l, title, body)| {
                        let t = format!("title_{}", l.tag);
                        let b = format!("body_{}", l.tag);
                        view! {
                            <fieldset lang=l.tag.clone()>
                                <legend>{content_language_name(lang, l)}</legend>
                                <p class="field">
                                    <label for=t.clone()>{lang.t("issued-field-title")}</label>
                                    <input id=t.clone() name=t.clone() type="text" dir="auto" value=translate.value(&t, title) />
                                    {field_error(&translate, &t)}
                                </p>
                                <p class="field">
                                    <label for=b.clone()>{lang.t("issued-field-body")}</label>
                                    <textarea id=b.clone() name=b.clone() rows="6" dir="auto">{textarea_text(&translate.value(&b, body))}</textarea>
                                    {field_error(&translate, &b)}
                                </p>
                            </fieldset>
                        }
                    }).collect_view()}
                    <p><button type="submit">{lang.t("plan-save-translations")}</button></p>
                </form>
            })}

            <h2>{lang.t("issued-delete")}</h2>
            <form method="post" action=action class="plan-form danger">
                <input type="hidden" name="action" value="delete" />
                <p class="hint">{lang.t("issued-delete-hint")}</p>
                <p class="field checkbox">
                    <label><input type="checkbox" name="confirm" required=true />" "{lang.t("issued-delete-confirm")}</label>
                    {field_error(&delete, "confirm")}
                </p>
                <p><button type="submit" class="danger">{lang.t("issued-delete-button")}</button></p>
            </form>
        </section>
    }
}
