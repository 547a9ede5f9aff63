//! `/manage/o/:org/:slug/agenda`: the agenda editor — segments, who appears in them,
//! statements and translations.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::planning::{
    AgendaEditor, Choice, EditorLane, EditorRow, StatementEdit, load_agenda_editor,
};
use crate::components::form::{Field, form_error};
use crate::components::loaded::{loaded, route_key};
use crate::components::reorder::DragReorder;
use crate::components::when::DateRange;
use crate::domain::SegmentKind;
use crate::forms::{FormEcho, use_form_echo};
use crate::i18n::language_name;
use crate::i18n::{Lang, use_lang};

/// `/manage/o/:org/:slug/agenda`
#[component]
pub fn AgendaEditorPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| load_agenda_editor(org, slug, lang),
        move |a| view! { <AgendaEditorView a=a lang=lang /> },
    )
}

#[component]
fn AgendaEditorView(a: AgendaEditor, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let action = format!("/manage/o/{}/{}/agenda", a.org_slug, a.slug);
    let version = a.version.to_string();
    let count = a.rows.len();
    let overrun = a
        .overrun_minutes
        .map(|m| lang.t_with("warning-overrun", &[("minutes", FluentValue::from(m))]));
    let add_echo = if echo.is_for("add") {
        echo.clone()
    } else {
        FormEcho::default()
    };
    let chosen_kind = add_echo.value("kind", "speech");
    let translations = a.clone();
    let choices = Choices {
        people: &a.people,
        films: &a.films,
        statements: &a.statements,
        issued: &a.issued,
        lanes: &a.lanes,
        several_days: a.several_days,
    };
    let parallel = a.lanes.len() > 1;
    view! {
        <Title text=format!("{} · {}", lang.t("plan-agenda-title"), a.title) />
        <section class="planning agenda-editor">
            <p class="breadcrumb"><a href="/manage">{lang.t("workspace-title")}</a>" · "
                <a href=format!("/manage/o/{}/{}/run-sheet", a.org_slug, a.slug)>{lang.t("workspace-run-sheet")}</a>" · "
                <a class="edit" href=format!("/manage/o/{}/{}/edit", a.org_slug, a.slug)>{lang.t("plan-edit-title")}</a>" · "
                <a class="preview" href=format!("/manage/o/{}/{}/preview", a.org_slug, a.slug)>{lang.t("gathering-preview-link")}</a></p>
            <h1><bdi>{a.title.clone()}</bdi></h1>
            <p><DateRange start=a.starts_local end=a.ends_local zone=a.time_zone.clone() /></p>
            {(!echo.is_for("add")).then(|| form_error(&echo))}
            {overrun.map(|o| view! { <p class="warning" role="status">{o}</p> })}
            {a.venue_warnings.iter().map(|w| view! { <p class="warning venue-clash" role="status">{w.clone()}</p> }).collect_view()}
            {(count == 0).then(|| view! { <p class="empty">{lang.t("plan-agenda-empty")}</p> })}
            {(a.people.len() > PEOPLE_IN_A_LIST).then(|| view! {
                <datalist id="people-choices">
                    {a.people.iter().map(|p| view! {
                        <option value=crate::domain::directory::person_choice_label(&p.label, p.id)></option>
                    }).collect_view()}
                </datalist>
            })}
            // Dragging reorders one sequence; parallel lanes move with their buttons and
            // the lane chosen in each segment's form.
            {(count > 1 && !parallel).then(|| view! {
                <DragReorder list="editor-rows".to_owned() action=action.clone() version=version.clone() handle=lang.t("plan-drag-handle") />
            })}
            {if parallel {
                view! {
                    <div class="lanes-editor">
                        {a.lanes.iter().map(|l| {
                            let rows: Vec<EditorRow> = a.rows.iter().filter(|r| r.lane == l.id).cloned().collect();
                            let n = rows.len();
                            view! {
                                <section class="lane-column" aria-labelledby=format!("lane-{}", l.id)>
                                    <h2 id=format!("lane-{}", l.id)><bdi>{l.label.clone()}</bdi></h2>
                                    <ol class="editor-rows">
                                        {rows.into_iter().enumerate().map(|(i, r)| editor_row(lang, &action, &version, r, (i, n), &choices)).collect_view()}
                                    </ol>
                                </section>
                            }
                        }).collect_view()}
                    </div>
                }.into_any()
            } else {
                view! {
                    <ol class="editor-rows" id="editor-rows">
                        {a.rows.clone().into_iter().enumerate().map(|(i, r)| editor_row(lang, &action, &version, r, (i, count), &choices)).collect_view()}
                    </ol>
                }.into_any()
            }}
            {lanes_view(lang, &action, &version, &a.lanes, &a.rooms, &echo)}
            {releases_view(lang, &action, &version, &a.releases, &echo)}
            <h2 id="add-segment">{lang.t("plan-add-segment")}</h2>
            {echo.is_for("add").then(|| form_error(&echo))}
            <form method="post" action=action.clone() class="plan-form add-segment">
                <input type="hidden" name="action" value="add" />
                <input type="hidden" name="version" value=version.clone() />
                <p class="field">
                    <label for="field-kind">{lang.t("plan-segment-kind")}</label>
                    <select id="field-kind" name="kind">
                        {SegmentKind::ALL.iter().map(|k| view! {
                            <option value=k.as_str() selected={chosen_kind == k.as_str()}>{lang.t(&format!("segment-{}", k.as_str()))}</option>
                        }).collect_view()}
                    </select>
                </p>
                <Field name="title" label=lang.t("plan-title") required=true echo=add_echo.clone() />
                <div class="row">
                    <Field name="duration" label=lang.t("plan-duration") hint=lang.t("plan-duration-hint") echo=add_echo.clone() />
                    <Field name="hard_start" kind=if a.several_days { "datetime-local" } else { "time" } label=lang.t("plan-hard-start") hint=lang.t(if a.several_days { "plan-hard-start-dated-hint" } else { "plan-hard-start-hint" }) echo=add_echo.clone() />
                </div>
                {lane_select(lang, "field-lane".into(), &a.lanes, &add_echo.value("lane", ""))}
                {session_fields(lang, "field".into(), &|k| add_echo.value(k, ""))}
                <p class="field">
                    <label for="field-film">{lang.t("plan-film")}</label>
                    <select id="field-film" name="film">
                        <option value="">{lang.t("plan-no-film")}</option>
                        {a.films.iter().map(|f| view! { <option value=f.id.to_string()>{f.label.clone()}</option> }).collect_view()}
                    </select>
                </p>
                {statement_select(lang, "field-statement".into(), &a.statements, &a.issued, &add_echo.value("statement", ""))}
                <p class="field checkbox">
                    <input id="field-public" type="checkbox" name="public" value="on" checked={add_echo.values.is_empty() || add_echo.values.contains_key("public")} />
                    <label for="field-public">{lang.t("plan-public")}</label>
                </p>
                <p class="field">
                    <label for="field-cue_notes">{lang.t("plan-cues")}</label>
                    <textarea id="field-cue_notes" name="cue_notes" rows="2" dir="auto">{crate::forms::textarea_text(&add_echo.value("cue_notes", ""))}</textarea>
                </p>
                <p><button type="submit">{lang.t("plan-add")}</button></p>
            </form>
            {statements_view(lang, &action, &version, a.statement_forms.clone())}
            <TranslationsForm a=translations lang=lang action=action.clone() version=version.clone() />
        </section>
    }
}

/// Public texts in the other languages; empty fields fall back to the default language.
#[component]
fn TranslationsForm(a: AgendaEditor, lang: Lang, action: String, version: String) -> impl IntoView {
    let echo = use_form_echo();
    let echo = if echo.is_for("translate") {
        echo
    } else {
        FormEcho::default()
    };
    let current = |key: String| echo.value(&key, a.texts.get(&key).map_or("", String::as_str));
    let error = |key: &str| echo.error_for(key);
    let intro = lang.t_with(
        "plan-translations-intro",
        &[(
            "language",
            FluentValue::from(language_name(lang, &a.default_language)),
        )],
    );
    view! {
        <h2 id="translations">{lang.t("plan-translations")}</h2>
        <p class="hint">{intro}</p>
        {form_error(&echo)}
        <form method="post" action=action class="plan-form translations">
            <input type="hidden" name="action" value="translate" />
            <input type="hidden" name="version" value=version />
            {a.languages.iter().map(|offered| {
                let name = crate::i18n::content_language_name(lang, offered);
                let l = &offered.tag;
                let gt = format!("g_title_{l}");
                let gd = format!("g_desc_{l}");
                view! {
                    <fieldset lang=l.clone()>
                        <legend>{name}</legend>
                        <p class="field">
                            <label for=gt.clone()>{lang.t("plan-title")}" · "<span class="original" dir="auto">{a.title.clone()}</span></label>
                            <input id=gt.clone() name=gt.clone() type="text" dir="auto" value=current(gt.clone()) />
                            {error(&gt).map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                        </p>
                        <p class="field">
                            <label for=gd.clone()>{lang.t("plan-description")}</label>
                            <textarea id=gd.clone() name=gd.clone() rows="3" dir="auto">{crate::forms::textarea_text(&current(gd.clone()))}</textarea>
                        </p>
                        {a.rows.iter().map(|r| {
                            let key = format!("s_{}_{l}", r.id);
                            let about = format!("sa_{}_{l}", r.id);
                            // Only a session that says what it is about has that to translate.
                            let has_abstract = !r.form.abstract_text.is_empty() || !current(about.clone()).is_empty();
                            view! {
                                <p class="field">
                                    <label for=key.clone()>{lang.number(i64::from(r.number))}". "<span class="original" dir="auto">{r.title.clone()}</span></label>
                                    <input id=key.clone() name=key.clone() type="text" dir="auto" value=current(key.clone()) />
                                    {error(&key).map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                                </p>
                                {has_abstract.then(|| view! {
                                    <p class="field">
                                        <label for=about.clone()>{lang.t("plan-abstract")}</label>
                                        <textarea id=about.clone() name=about.clone() rows="2" dir="auto">{crate::forms::textarea_text(&current(about.clone()))}</textarea>
                                        {error(&about).map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                                    </p>
                                })}
                            }
                        }).collect_view()}
                        {a.statements.iter().map(|st| {
                            let t = format!("st_{}_title_{l}", st.id);
                            let p = format!("st_{}_points_{l}", st.id);
                            view! {
                                <p class="field">
                                    <label for=t.clone()>{lang.t("statement-heading")}" · "<span class="original" dir="auto">{st.label.clone()}</span></label>
                                    <input id=t.clone() name=t.clone() type="text" dir="auto" value=current(t.clone()) />
                                </p>
                                <p class="field">
                                    <label for=p.clone()>{lang.t("plan-statement-points")}</label>
                                    <textarea id=p.clone() name=p.clone() rows="4" dir="auto">{crate::forms::textarea_text(&current(p.clone()))}</textarea>
                                </p>
                            }
                        }).collect_view()}
                    </fieldset>
                }
            }).collect_view()}
            <p><button type="submit">{lang.t("plan-save-translations")}</button></p>
        </form>
    }
}

/// Most people an appearance form lists in a `<select>`; beyond, it suggests them.
const PEOPLE_IN_A_LIST: usize = 60;

/// What a segment's forms offer to choose from.
struct Choices<'a> {
    people: &'a [Choice],
    films: &'a [Choice],
    statements: &'a [Choice],
    issued: &'a [Choice],
    lanes: &'a [EditorLane],
    several_days: bool,
}

/// Which lane (room) a segment runs in; no field when there is only one.
fn lane_select(
    lang: Lang,
    id: String,
    lanes: &[EditorLane],
    chosen: &str,
) -> Option<impl IntoView + use<>> {
    (lanes.len() > 1).then(|| {
        view! {
            <p class="field">
                <label for=id.clone()>{lang.t("plan-lane")}</label>
                <select id=id name="lane">
                    {lanes.iter().map(|l| view! {
                        <option value=l.id.to_string() selected={chosen == l.id.to_string()}>{l.label.clone()}</option>
                    }).collect_view()}
                </select>
            </p>
        }
    })
}

/// What the public programme shows of a session beyond its title: what it is about,
/// its track and languages, and whether it may be recorded, streamed, photographed.
fn session_fields(
    lang: Lang,
    prefix: String,
    value: &dyn Fn(&str) -> String,
) -> impl IntoView + use<> {
    let abstract_text = value("abstract_text");
    let track = value("track");
    let languages = value("languages");
    let checks = [
        (
            "no_record",
            "plan-no-record",
            !value("no_record").is_empty(),
        ),
        (
            "no_stream",
            "plan-no-stream",
            !value("no_stream").is_empty(),
        ),
        (
            "no_photos",
            "plan-no-photos",
            !value("no_photos").is_empty(),
        ),
    ];
    view! {
        <p class="field">
            <label for=format!("{prefix}-abstract")>{lang.t("plan-abstract")}</label>
            <textarea id=format!("{prefix}-abstract") name="abstract_text" rows="3" dir="auto">{crate::forms::textarea_text(&abstract_text)}</textarea>
        </p>
        <div class="row">
            <p class="field"><label for=format!("{prefix}-track")>{lang.t("plan-track")}</label>
                <input id=format!("{prefix}-track") name="track" type="text" dir="auto" value=track /></p>
            <p class="field"><label for=format!("{prefix}-languages")>{lang.t("plan-session-languages")}</label>
                <input id=format!("{prefix}-languages") name="languages" type="text" value=languages placeholder="sq, en" /></p>
        </div>
        <p class="field checkboxes">
            {checks.into_iter().map(|(name, label, on)| {
                let id = format!("{prefix}-{name}");
                view! { <span class="checkbox"><input id=id.clone() type="checkbox" name=name value="on" checked=on /><label for=id>{lang.t(label)}</label></span> }
            }).collect_view()}
        </p>
    }
}

/// The programme's releases so far, and the form that publishes the next one.
fn releases_view(
    lang: Lang,
    action: &str,
    version: &str,
    releases: &[crate::responses::ReleaseView],
    echo: &FormEcho,
) -> impl IntoView + use<> {
    let error = echo
        .is_for("release")
        .then(|| echo.message.clone())
        .flatten();
    let open = error.is_some();
    let next = releases.last().map_or(1, |r| r.number + 1);
    view! {
        <details class="releases" id="releases" open=open>
            <summary>{lang.t("plan-releases")}" · "{releases.len().to_string()}</summary>
            <p class="hint">{lang.t("plan-release-hint")}</p>
            {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {(!releases.is_empty()).then(|| view! {
                <ol class="release-list">
                    {releases.iter().map(|r| view! {
                        <li>{lang.digits(&lang.t_with("programme-version", &[
                            ("number", FluentValue::from(r.number)),
                            ("date", FluentValue::from(lang.format_date(r.released_local.date()))),
                        ]))}{(!r.note.is_empty()).then(|| view! { " · "<span dir="auto">{r.note.clone()}</span> })}</li>
                    }).collect_view()}
                </ol>
            })}
            <form method="post" action=action.to_owned() class="plan-form">
                <input type="hidden" name="action" value="release" />
                <input type="hidden" name="version" value=version.to_owned() />
                <p class="field">
                    <label for="release-note">{lang.t("plan-release-note")}</label>
                    <input id="release-note" name="note" type="text" dir="auto" />
                </p>
                <p><button type="submit">{lang.digits(&lang.t_with("plan-release-button", &[("number", FluentValue::from(next))]))}</button></p>
            </form>
        </details>
    }
}

/// The lanes the gathering runs side by side: each one's name and room, and a form to
/// add one. A lane takes its room's name on the programme.
fn lanes_view(
    lang: Lang,
    action: &str,
    version: &str,
    lanes: &[EditorLane],
    rooms: &[Choice],
    echo: &FormEcho,
) -> impl IntoView + use<> {
    let error = ["lane-add", "lane-save", "lane-remove"]
        .into_iter()
        .any(|a| echo.is_for(a))
        .then(|| echo.message.clone())
        .flatten();
    let open = error.is_some();
    let room_options = |chosen: Option<i32>| {
        view! {
            <option value="">{lang.t("plan-lane-no-room")}</option>
            {rooms.iter().map(|r| view! {
                <option value=r.id.to_string() selected={chosen == Some(r.id)}>{r.label.clone()}</option>
            }).collect_view()}
        }
    };
    view! {
        <details class="lanes" id="lanes" open=open>
            <summary>{lang.t("plan-lanes")}" · "{lanes.len().max(1).to_string()}</summary>
            <p class="hint">{lang.t("plan-lanes-hint")}</p>
            {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {(rooms.is_empty()).then(|| view! { <p class="hint">{lang.t("plan-lanes-no-rooms")}</p> })}
            <ul class="lane-list">
                {lanes.iter().map(|l| view! {
                    <li>
                        <form method="post" action=action.to_owned() class="inline">
                            <input type="hidden" name="action" value="lane-save" />
                            <input type="hidden" name="version" value=version.to_owned() />
                            <input type="hidden" name="lane" value=l.id.to_string() />
                            <label class="visually-hidden" for=format!("lane-name-{}", l.id)>{lang.t("plan-lane-name")}</label>
                            <input id=format!("lane-name-{}", l.id) name="name" type="text" dir="auto" value=l.name.clone() placeholder=l.label.clone() />
                            <label class="visually-hidden" for=format!("lane-room-{}", l.id)>{lang.t("room-name")}</label>
                            <select id=format!("lane-room-{}", l.id) name="room">{room_options(l.room_id)}</select>
                            <button type="submit" class="small">{lang.t("plan-save")}</button>
                        </form>
                        {(lanes.len() > 1).then(|| view! {
                            <form method="post" action=action.to_owned() class="inline">
                                <input type="hidden" name="action" value="lane-remove" />
                                <input type="hidden" name="version" value=version.to_owned() />
                                <input type="hidden" name="lane" value=l.id.to_string() />
                                <button type="submit" class="small danger">{lang.t("plan-lane-remove")}</button>
                            </form>
                        })}
                    </li>
                }).collect_view()}
            </ul>
            <form method="post" action=action.to_owned() class="inline add-lane">
                <input type="hidden" name="action" value="lane-add" />
                <input type="hidden" name="version" value=version.to_owned() />
                <label for="lane-new-name">{lang.t("plan-lane-name")}</label>" "
                <input id="lane-new-name" name="name" type="text" dir="auto" />" "
                <label for="lane-new-room">{lang.t("room-name")}</label>" "
                <select id="lane-new-room" name="room">{room_options(None)}</select>" "
                <button type="submit" class="small">{lang.t("plan-lane-add")}</button>
            </form>
        </details>
    }
}

fn editor_row(
    lang: Lang,
    action: &str,
    version: &str,
    r: EditorRow,
    (index, count): (usize, usize),
    choices: &Choices<'_>,
) -> impl IntoView + use<> {
    let who = appearances_view(lang, action, version, &r, choices.people);
    let edit = segment_edit_view(lang, action, version, &r, choices);
    let time = format!(
        "{}–{}",
        lang.format_reading(r.start_local, r.start_offset.as_deref()),
        lang.format_reading(r.end_local, r.end_offset.as_deref())
    );
    let minutes = lang.digits(&lang.t_with(
        "segment-minutes",
        &[("minutes", FluentValue::from(r.minutes))],
    ));
    let button = |value: &'static str, label: String, enabled: bool| {
        let (action, version, id) = (action.to_owned(), version.to_owned(), r.id.to_string());
        view! {
            <form method="post" action=action class="inline">
                <input type="hidden" name="action" value=value />
                <input type="hidden" name="version" value=version />
                <input type="hidden" name="segment" value=id />
                <button type="submit" class=format!("small {value}") disabled=!enabled>{label}</button>
            </form>
        }
    };
    view! {
        <li class="editor-row" id=format!("segment-{}", r.id) data-segment=r.id.to_string() data-public=r.public.to_string()>
            <p class="times"><span class="start-end">{time}</span>" · "<span class="minutes">{minutes}</span>
                {r.hard_start.then(|| view! { " · "<span class="hard">{lang.t("runsheet-hard-start")}</span> })}</p>
            <p class="title"><span class="number">{lang.number(i64::from(r.number))}". "</span><strong dir="auto">{r.title}</strong>
                " · "<span class="kind">{lang.t(&format!("segment-{}", r.kind.as_str()))}</span>
                {(!r.public).then(|| view! { " · "<span class="internal">{lang.t("runsheet-internal")}</span> })}
                {r.film.map(|f| view! { " · "<bdi class="film">{f}</bdi> })}
                {r.statement.map(|st| view! { " · "<span class="statement-read">{lang.t("plan-statement-read")}" "<bdi>{st}</bdi></span> })}</p>
            {(!r.warnings.is_empty()).then(|| view! {
                <ul class="warnings">{r.warnings.into_iter().map(|w| view! { <li role="status">{w}</li> }).collect_view()}</ul>
            })}
            {who}
            {edit}
            <div class="row-actions">
                {button("up", lang.t("plan-move-up"), index > 0)}
                {button("down", lang.t("plan-move-down"), index + 1 < count)}
                {button("delete", lang.t("plan-delete"), true)}
            </div>
        </li>
    }
}

/// The people of a segment, each changeable in place or removed, and a form to add one.
fn appearances_view(
    lang: Lang,
    action: &str,
    version: &str,
    r: &EditorRow,
    people: &[crate::api::planning::Choice],
) -> impl IntoView + use<> {
    let echo = use_form_echo();
    let appear_echo =
        if echo.is_for("appear") && echo.values.get("segment") == Some(&r.id.to_string()) {
            echo.clone()
        } else {
            FormEcho::default()
        };
    let appear_error = appear_echo.message.clone();
    let open = appear_error.is_some();
    let people: Vec<_> = people.to_vec();
    let appearances = r.people.clone();
    let (form_action, form_version, segment) =
        (action.to_owned(), version.to_owned(), r.id.to_string());
    let add_fields = appearance_fields(
        lang,
        &segment,
        &|name, default| appear_echo.value(name, default),
        &people,
    );
    let change = {
        let (action, version, people) = (action.to_owned(), version.to_owned(), people.clone());
        move |p: &crate::api::planning::EditorAppearance| {
            let mine =
                echo.is_for("reappear") && echo.values.get("appearance") == Some(&p.id.to_string());
            let error = if mine { echo.message.clone() } else { None };
            let open = error.is_some();
            let stored = |name: &str| match name {
                "person" => p.person_id.to_string(),
                "role" => p.role.as_str().to_owned(),
                "mode" => p.mode.as_str().to_owned(),
                "language" => p.language.clone().unwrap_or_default(),
                "interpreted_into" => p.interpreted_into.replace(',', ", "),
                "online_link" => p.online_link.clone(),
                _ => String::new(),
            };
            let value = |name: &str, _: &str| {
                if mine {
                    echo.value(name, &stored(name))
                } else {
                    stored(name)
                }
            };
            let fields = appearance_fields(lang, &format!("a{}", p.id), &value, &people);
            view! {
                <details class="edit-appearance" open=open>
                    <summary>{lang.t("appear-change")}</summary>
                    {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <form method="post" action=action.clone() class="plan-form">
                        <input type="hidden" name="action" value="reappear" />
                        <input type="hidden" name="version" value=version.clone() />
                        <input type="hidden" name="appearance" value=p.id.to_string() />
                        {fields}
                        <p><button type="submit" class="small">{lang.t("appear-save")}</button></p>
                    </form>
                </details>
            }
        }
    };
    let remove = {
        let (action, version) = (action.to_owned(), version.to_owned());
        move |id: i32| {
            view! {
                <form method="post" action=action.clone() class="inline">
                    <input type="hidden" name="action" value="unappear" />
                    <input type="hidden" name="version" value=version.clone() />
                    <input type="hidden" name="appearance" value=id.to_string() />
                    <button type="submit" class="small delete">{lang.t("appear-remove")}</button>
                </form>
            }
        }
    };
    view! {
        <ul class="appearances">
            {appearances.into_iter().map(|p| {
                let how = lang.t(&format!("mode-{}", p.mode.as_str()));
                let spoken = p.language.clone().map(|l| format!(", {l}"));
                let into = (!p.interpreted_into.is_empty()).then(|| format!(" → {}", p.interpreted_into));
                let edit = change(&p);
                view! {
                    <li data-role=p.role.as_str() data-mode=p.mode.as_str()>
                        <span class="role">{lang.t(&format!("role-{}", p.role.as_str()))}": "</span>
                        <bdi>{p.name.clone()}</bdi>" ("{how}{spoken}{into}") "
                        {remove(p.id)}
                        {edit}
                    </li>
                }
            }).collect_view()}
        </ul>
        <details class="add-appearance" open=open>
            <summary>{lang.t("appear-add")}</summary>
            {appear_error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <form method="post" action=form_action class="plan-form">
                <input type="hidden" name="action" value="appear" />
                <input type="hidden" name="version" value=form_version />
                <input type="hidden" name="segment" value=segment />
                {add_fields}
                <p><button type="submit" class="small">{lang.t("appear-add")}</button></p>
            </form>
        </details>
    }
}

/// The fields of an appearance (who, role, how, languages, call link), with ids made
/// unique by `key`; `value(name, default)` fills them.
fn appearance_fields(
    lang: Lang,
    key: &str,
    value: &dyn Fn(&str, &str) -> String,
    people: &[crate::api::planning::Choice],
) -> impl IntoView + use<> {
    let chosen_person = value("person", "");
    let chosen_role = value("role", "speaker");
    let chosen_mode = value("mode", "in_person");
    let (language, into, link) = (
        value("language", ""),
        value("interpreted_into", ""),
        value("online_link", ""),
    );
    let id = |what: &str| format!("{what}-{key}");
    // Beyond a list's worth of people, one shared list of suggestions serves every form
    // (a conference of 300 speakers would repeat 300 options in each of its 400 rows).
    let chooser = if people.len() > PEOPLE_IN_A_LIST {
        let typed = crate::domain::directory::person_choice(&chosen_person)
            .and_then(|pid| people.iter().find(|p| p.id == pid))
            .map(|p| crate::domain::directory::person_choice_label(&p.label, p.id))
            .unwrap_or(chosen_person);
        view! {
            <input id=id("person") name="person" type="text" list="people-choices" dir="auto" value=typed required />
        }
        .into_any()
    } else {
        let people = people.to_vec();
        view! {
            <select id=id("person") name="person">
                {people.into_iter().map(|p| view! {
                    <option value=p.id.to_string() selected={chosen_person == p.id.to_string()}>{p.label}</option>
                }).collect_view()}
            </select>
        }
        .into_any()
    };
    view! {
        <div class="row">
            <p class="field">
                <label for=id("person")>{lang.t("appear-person")}</label>
                {chooser}
            </p>
            <p class="field">
                <label for=id("role")>{lang.t("appear-role")}</label>
                <select id=id("role") name="role">
                    {crate::domain::AppearanceRole::ALL.iter().map(|x| view! {
                        <option value=x.as_str() selected={chosen_role == x.as_str()}>{lang.t(&format!("role-{}", x.as_str()))}</option>
                    }).collect_view()}
                </select>
            </p>
            <p class="field">
                <label for=id("mode")>{lang.t("appear-mode")}</label>
                <select id=id("mode") name="mode">
                    {crate::domain::AppearanceMode::ALL.iter().map(|x| view! {
                        <option value=x.as_str() selected={chosen_mode == x.as_str()}>{lang.t(&format!("mode-{}", x.as_str()))}</option>
                    }).collect_view()}
                </select>
            </p>
        </div>
        <div class="row">
            <p class="field">
                <label for=id("language")>{lang.t("appear-language")}</label>
                <input id=id("language") name="language" type="text" dir="ltr" value=language />
            </p>
            <p class="field">
                <label for=id("into")>{lang.t("appear-into")}</label>
                <input id=id("into") name="interpreted_into" type="text" dir="ltr" value=into />
            </p>
        </div>
        <p class="field">
            <label for=id("link")>{lang.t("appear-link")}</label>
            <input id=id("link") name="online_link" type="url" dir="ltr" value=link />
        </p>
    }
}

/// The form that changes a segment in place, folded away until opened (or refused).
fn segment_edit_view(
    lang: Lang,
    action: &str,
    version: &str,
    r: &EditorRow,
    choices: &Choices<'_>,
) -> impl IntoView + use<> {
    let films = choices.films;
    let echo = use_form_echo();
    let mine = echo.is_for("edit") && echo.values.get("segment") == Some(&r.id.to_string());
    let values = |name: &str, stored: &str| {
        if mine {
            echo.value(name, stored)
        } else {
            stored.to_owned()
        }
    };
    let error = if mine { echo.message.clone() } else { None };
    let open = error.is_some();
    let id = r.id;
    let kind = values("kind", &r.form.kind);
    let film = values(
        "film",
        &r.film_id.map(|f| f.to_string()).unwrap_or_default(),
    );
    let public = if mine {
        echo.values.contains_key("public")
    } else {
        !r.form.public.is_empty()
    };
    let films: Vec<_> = films.to_vec();
    let statement = statement_select(
        lang,
        format!("edit-statement-{id}"),
        choices.statements,
        choices.issued,
        &values("statement", &r.statement_choice),
    );
    let lane = lane_select(
        lang,
        format!("edit-lane-{id}"),
        choices.lanes,
        &values("lane", &r.form.lane),
    );
    let stored = r.form.clone();
    let session = session_fields(lang, format!("edit-{id}"), &|k| {
        let kept = match k {
            "abstract_text" => stored.abstract_text.as_str(),
            "track" => stored.track.as_str(),
            "languages" => stored.languages.as_str(),
            "no_record" => stored.no_record.as_str(),
            "no_stream" => stored.no_stream.as_str(),
            "no_photos" => stored.no_photos.as_str(),
            _ => "",
        };
        if mine {
            // A refused form comes back as typed; an unticked box is not sent at all.
            echo.values.get(k).cloned().unwrap_or_else(|| {
                if k.starts_with("no_") {
                    String::new()
                } else {
                    kept.to_owned()
                }
            })
        } else {
            kept.to_owned()
        }
    });
    view! {
        <details class="edit-segment" open=open>
            <summary>{lang.t("plan-edit-segment")}</summary>
            {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <form method="post" action=action.to_owned() class="plan-form">
                <input type="hidden" name="action" value="edit" />
                <input type="hidden" name="version" value=version.to_owned() />
                <input type="hidden" name="segment" value=id.to_string() />
                <div class="row">
                    <p class="field">
                        <label for=format!("edit-kind-{id}")>{lang.t("plan-segment-kind")}</label>
                        <select id=format!("edit-kind-{id}") name="kind">
                            {SegmentKind::ALL.iter().map(|k| view! {
                                <option value=k.as_str() selected={kind == k.as_str()}>{lang.t(&format!("segment-{}", k.as_str()))}</option>
                            }).collect_view()}
                        </select>
                    </p>
                    <p class="field">
                        <label for=format!("edit-title-{id}")>{lang.t("plan-title")}</label>
                        <input id=format!("edit-title-{id}") name="title" type="text" dir="auto" value=values("title", &r.form.title) />
                    </p>
                </div>
                <div class="row">
                    <p class="field">
                        <label for=format!("edit-duration-{id}")>{lang.t("plan-duration")}</label>
                        <input id=format!("edit-duration-{id}") name="duration" type="text" value=values("duration", &r.form.duration) />
                    </p>
                    <p class="field">
                        <label for=format!("edit-hard-{id}")>{lang.t("plan-hard-start")}</label>
                        <input id=format!("edit-hard-{id}") name="hard_start" type=if choices.several_days { "datetime-local" } else { "time" } value=values("hard_start", &r.form.hard_start) />
                    </p>
                    <p class="field">
                        <label for=format!("edit-film-{id}")>{lang.t("plan-film")}</label>
                        <select id=format!("edit-film-{id}") name="film">
                            <option value="">{lang.t("plan-no-film")}</option>
                            {films.into_iter().map(|f| view! {
                                <option value=f.id.to_string() selected={film == f.id.to_string()}>{f.label}</option>
                            }).collect_view()}
                        </select>
                    </p>
                </div>
                {statement}
                {lane}
                {session}
                <p class="field checkbox">
                    <input id=format!("edit-public-{id}") type="checkbox" name="public" value="on" checked=public />
                    <label for=format!("edit-public-{id}")>{lang.t("plan-public")}</label>
                </p>
                <p class="field">
                    <label for=format!("edit-cues-{id}")>{lang.t("plan-cues")}</label>
                    <textarea id=format!("edit-cues-{id}") name="cue_notes" rows="2" dir="auto">{crate::forms::textarea_text(&values("cue_notes", &r.form.cue_notes))}</textarea>
                </p>
                <p><button type="submit" class="small">{lang.t("plan-save")}</button></p>
            </form>
        </details>
    }
}

/// Which statement is read in a segment: one of the gathering's, or one the
/// organisation issued on its own (none to choose from: no field).
fn statement_select(
    lang: Lang,
    id: String,
    statements: &[Choice],
    issued: &[Choice],
    chosen: &str,
) -> Option<impl IntoView + use<>> {
    if statements.is_empty() && issued.is_empty() {
        return None;
    }
    let option = |value: String, label: &str| {
        let selected = chosen == value;
        view! { <option value=value selected=selected>{label.to_owned()}</option> }
    };
    let own = (!statements.is_empty()).then(|| {
        view! {
            <optgroup label=lang.t("plan-statements-of-gathering")>
                {statements.iter().map(|s| option(s.id.to_string(), &s.label)).collect_view()}
            </optgroup>
        }
    });
    let issued = (!issued.is_empty()).then(|| {
        view! {
            <optgroup label=lang.t("issued-title")>
                {issued.iter().map(|s| option(format!("issued-{}", s.id), &s.label)).collect_view()}
            </optgroup>
        }
    });
    Some(view! {
        <p class="field">
            <label for=id.clone()>{lang.t("plan-statement-read-here")}</label>
            <select id=id name="statement">
                <option value="">{lang.t("plan-no-statement")}</option>
                {own}
                {issued}
            </select>
        </p>
    })
}

/// The gathering's statements, each with its edit and remove forms, and a form for a
/// new one.
fn statements_view(
    lang: Lang,
    action: &str,
    version: &str,
    statements: Vec<StatementEdit>,
) -> impl IntoView + use<> {
    let echo = use_form_echo();
    let new_echo = if echo.is_for("statement") && echo.value("statement", "").is_empty() {
        echo.clone()
    } else {
        FormEcho::default()
    };
    let empty = statements.is_empty();
    let items = statements
        .into_iter()
        .map(|st| {
            let mine = echo.is_for("statement") && echo.value("statement", "") == st.id.to_string();
            let form_echo = if mine { echo.clone() } else { FormEcho::default() };
            let points: Vec<String> = st.points.lines().map(str::to_owned).collect();
            let signatures = (st.signature_count > 0).then(|| {
                lang.digits(&lang.t_with(
                    "statement-signatures",
                    &[("count", FluentValue::from(st.signature_count))],
                ))
            });
            let read_in = if st.read_in.is_empty() {
                lang.t("plan-statement-not-read")
            } else {
                let numbers: Vec<String> =
                    st.read_in.iter().map(|n| lang.number(i64::from(*n))).collect();
                lang.t_with(
                    "plan-statement-read-in",
                    &[("segments", FluentValue::from(numbers.join(lang.comma())))],
                )
            };
            let remove = {
                let (action, version, id) = (action.to_owned(), version.to_owned(), st.id.to_string());
                view! {
                    <form method="post" action=action class="inline">
                        <input type="hidden" name="action" value="unstatement" />
                        <input type="hidden" name="version" value=version />
                        <input type="hidden" name="statement" value=id />
                        <button type="submit" class="small delete">{lang.t("plan-statement-remove")}</button>
                    </form>
                }
            };
            let edit = statement_form(lang, action, version, Some(&st), form_echo);
            view! {
                <li class="statement-edit" id=format!("statement-{}", st.id) lang=st.language.clone()>
                    <p class="title"><strong dir="auto">{st.title.clone()}</strong>
                        {(!st.public).then(|| view! { " · "<span class="internal">{lang.t("runsheet-internal")}</span> })}</p>
                    <ol class="points">{points.into_iter().map(|p| view! { <li dir="auto">{p}</li> }).collect_view()}</ol>
                    <p class="meta">{signatures.map(|s| view! { <span class="signatures">{s}</span>" · " })}
                        <span class="read-in">{read_in}</span></p>
                    {edit}
                    <div class="row-actions">{remove}</div>
                </li>
            }
        })
        .collect_view();
    view! {
        <h2 id="statements">{lang.t("plan-statements")}</h2>
        {empty.then(|| view! { <p class="empty">{lang.t("plan-statements-empty")}</p> })}
        <ol class="statement-rows">{items}</ol>
        <h3 id="add-statement">{lang.t("plan-statement-add")}</h3>
        {statement_form(lang, action, version, None, new_echo)}
    }
}

/// The form that adds a statement (`stored` None) or changes one, folded away unless it
/// is new or was refused.
fn statement_form(
    lang: Lang,
    action: &str,
    version: &str,
    stored: Option<&StatementEdit>,
    echo: FormEcho,
) -> impl IntoView + use<> {
    let key = stored.map_or_else(|| "new".to_owned(), |s| s.id.to_string());
    let value = |name: &str, stored_value: String| echo.value(name, &stored_value);
    let title = value("title", stored.map(|s| s.title.clone()).unwrap_or_default());
    let language = value(
        "language",
        stored.map(|s| s.language.clone()).unwrap_or_default(),
    );
    let points = value(
        "points",
        stored.map(|s| s.points.clone()).unwrap_or_default(),
    );
    let signatures = value(
        "signature_count",
        stored
            .map(|s| s.signature_count.to_string())
            .unwrap_or_default(),
    );
    let public = if echo.values.is_empty() {
        stored.is_none_or(|s| s.public)
    } else {
        echo.values.contains_key("public")
    };
    let error = |field: &str| {
        echo.error_for(field)
            .map(|e| view! { <span class="field-error" role="alert">{e}</span> })
    };
    let (title_error, language_error, points_error, signatures_error) = (
        error("title"),
        error("language"),
        error("points"),
        error("signature_count"),
    );
    let form_message = echo
        .error_for("form")
        .map(|e| view! { <p class="form-error" role="alert">{e}</p> });
    let id = |field: &str| format!("statement-{key}-{field}");
    let is_new = stored.is_none();
    let button = if is_new {
        lang.t("plan-statement-add")
    } else {
        lang.t("plan-save")
    };
    let form = view! {
        {form_message}
        <form method="post" action=action.to_owned() class="plan-form statement-form">
            <input type="hidden" name="action" value="statement" />
            <input type="hidden" name="version" value=version.to_owned() />
            <input type="hidden" name="statement" value=stored.map(|s| s.id.to_string()).unwrap_or_default() />
            <div class="row">
                <p class="field">
                    <label for=id("title")>{lang.t("plan-title")}</label>
                    <input id=id("title") name="title" type="text" dir="auto" required=true value=title />
                    {title_error}
                </p>
                <p class="field">
                    <label for=id("language")>{lang.t("plan-statement-language")}</label>
                    <input id=id("language") name="language" type="text" dir="ltr" size="4" required=true value=language />
                    {language_error}
                </p>
            </div>
            <p class="field">
                <label for=id("points")>{lang.t("plan-statement-points")}</label>
                <span class="hint">{lang.t("plan-statement-points-hint")}</span>
                <textarea id=id("points") name="points" rows="6" dir="auto" required=true>{crate::forms::textarea_text(&points)}</textarea>
                {points_error}
            </p>
            <div class="row">
                <p class="field">
                    <label for=id("signatures")>{lang.t("plan-statement-signatures")}</label>
                    <input id=id("signatures") name="signature_count" type="text" inputmode="numeric" value=signatures />
                    {signatures_error}
                </p>
                <p class="field checkbox">
                    <input id=id("public") type="checkbox" name="public" value="on" checked=public />
                    <label for=id("public")>{lang.t("plan-public")}</label>
                </p>
            </div>
            <p><button type="submit" class="small">{button}</button></p>
        </form>
    };
    let open = !echo.values.is_empty();
    if is_new {
        view! { <div class="add-statement">{form}</div> }.into_any()
    } else {
        view! {
            <details class="edit-statement" open=open>
                <summary>{lang.t("plan-statement-edit")}</summary>
                {form}
            </details>
        }
        .into_any()
    }
}
