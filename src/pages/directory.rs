//! `/manage/o/:org/directory`: venues, people and films, with forms to add them.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::directory::{
    Directory, DirectoryEntry, DirectoryItem, load_directory, load_directory_item,
};
use crate::components::loaded::{loaded, route_key};
use crate::domain::VenueSetting;
use crate::domain::access::Permission;
use crate::domain::listing::{Listed, Sort};
use crate::forms::{FormEcho, use_form_echo};
use crate::i18n::{Lang, use_lang};

/// Values as stored, which a fresh edit form shows (empty for an add form).
type Stored = std::collections::HashMap<String, String>;

/// The query parameters of the directory's lists: search, order, and each list's page.
const LIST_PARAMS: [&str; 5] = ["q", "sort", "venue_page", "person_page", "film_page"];

#[component]
pub fn DirectoryPage() -> impl IntoView {
    let lang = use_lang();
    let query = leptos_router::hooks::use_query_map()
        .read_untracked()
        .clone();
    let params = LIST_PARAMS.map(|k| query.get(k).unwrap_or_default());
    view! {
        <Title text=lang.t("directory-title") />
        {loaded(
            (route_key(["org"]), params),
            |(([org], _), [q, sort, v, p, f])| load_directory(org, q, sort, v, p, f),
            move |d| view! { <DirectoryView d=d lang=lang /> },
        )}
    }
}

/// The address of the directory with one list's page changed, the rest kept.
fn page_link(d: &Directory, kind: &str, page: usize, pages: [usize; 3]) -> String {
    let mut query = form_urlencoded::Serializer::new(String::new());
    if !d.query.search.is_empty() {
        query.append_pair("q", &d.query.search);
    }
    if d.query.sort != Sort::Name {
        query.append_pair("sort", d.query.sort.as_str());
    }
    for (k, p) in ["venue", "person", "film"].into_iter().zip(pages) {
        let p = if k == kind { page } else { p };
        if p > 1 {
            query.append_pair(&format!("{k}_page"), &p.to_string());
        }
    }
    let query = query.finish();
    let anchor = match kind {
        "venue" => "venues",
        "person" => "people",
        _ => "films",
    };
    if query.is_empty() {
        format!("/manage/o/{}/directory#{anchor}", d.org_slug)
    } else {
        format!("/manage/o/{}/directory?{query}#{anchor}", d.org_slug)
    }
}

/// Previous / next links of one list, when it has more than one page.
fn pager(
    lang: Lang,
    d: &Directory,
    kind: &'static str,
    listed: &Listed<DirectoryEntry>,
) -> Option<impl IntoView + use<>> {
    if listed.pages <= 1 {
        return None;
    }
    let pages = [d.venues.page, d.people.page, d.films.page];
    let (page, last) = (listed.page, listed.pages);
    let previous = (page > 1).then(|| page_link(d, kind, page - 1, pages));
    let next = (page < last).then(|| page_link(d, kind, page + 1, pages));
    let label = lang.digits(&lang.t_with(
        "list-page-of",
        &[
            ("page", FluentValue::from(page)),
            ("pages", FluentValue::from(last)),
        ],
    ));
    Some(view! {
        <nav class="pager" aria-label=lang.t(&format!("directory-{kind}-pages"))>
            {previous.map(|href| view! { <a rel="prev" href=href>{lang.t("list-previous")}</a>" " })}
            <span class="page-of">{label}</span>
            {next.map(|href| view! { " "<a rel="next" href=href>{lang.t("list-next")}</a> })}
        </nav>
    })
}

/// The search and order form over the three lists (a plain GET form).
fn search_form(lang: Lang, d: &Directory) -> impl IntoView + use<> {
    let found = (!d.query.search.is_empty()).then(|| {
        lang.digits(&lang.t_with(
            "list-found",
            &[
                ("venues", FluentValue::from(d.venues.matched)),
                ("people", FluentValue::from(d.people.matched)),
                ("films", FluentValue::from(d.films.matched)),
            ],
        ))
    });
    let clear = format!("/manage/o/{}/directory", d.org_slug);
    let sort = d.query.sort;
    view! {
        <form method="get" class="list-search" role="search">
            <p class="field">
                <label for="list-q">{lang.t("list-search")}</label>
                <input id="list-q" name="q" type="search" dir="auto" value=d.query.search.clone() />
            </p>
            <p class="field">
                <label for="list-sort">{lang.t("list-sort")}</label>
                <select id="list-sort" name="sort">
                    {Sort::ALL.into_iter().map(|s| view! {
                        <option value=s.as_str() selected={s == sort}>{lang.t(&format!("list-sort-{}", s.as_str()))}</option>
                    }).collect_view()}
                </select>
            </p>
            <p><button type="submit">{lang.t("list-search-button")}</button></p>
        </form>
        {found.map(|f| view! { <p class="found" role="status">{f}" "<a href=clear>{lang.t("list-clear")}</a></p> })}
    }
}

fn entries(
    lang: Lang,
    d: &Directory,
    kind: &'static str,
    listed: &Listed<DirectoryEntry>,
    can_plan: bool,
) -> impl IntoView + use<> {
    let base = format!("/manage/o/{}/directory/{kind}", d.org_slug);
    let empty = if listed.total == 0 {
        Some(lang.t(&format!("directory-empty-{kind}")))
    } else if listed.matched == 0 {
        Some(lang.t("list-nothing-found"))
    } else {
        None
    };
    let pager = pager(lang, d, kind, listed);
    let list = listed.items.clone();
    view! {
        {empty.map(|e| view! { <p class="empty">{e}</p> })}
        <ul class="directory-list" data-kind=kind>
            {list.into_iter().map(|e| view! {
                <li id=format!("{kind}-{}", e.id)>
                    <strong dir="auto">{e.name}</strong>
                    {(!e.listed).then(|| view! { " · "<span class="internal">{lang.t("directory-unlisted")}</span> })}
                    {(!e.facts.is_empty()).then(|| view! { " · "<span class="facts">{e.facts.join(" · ")}</span> })}
                    {(!e.internal.is_empty()).then(|| view! { <br /><span class="internal-note" dir="auto">{e.internal}</span> })}
                    {can_plan.then(|| view! { " "<a class="edit" href=format!("{base}/{}", e.id)>{lang.t("directory-edit")}</a> })}
                </li>
            }).collect_view()}
        </ul>
        {pager}
    }
}

/// A labelled input of a directory form that keeps its typed value and shows its error.
fn input(
    (echo, stored): (&FormEcho, &Stored),
    kind: &str,
    name: &'static str,
    label: String,
    input_type: &'static str,
) -> impl IntoView + use<> {
    let id = format!("{kind}-{name}");
    let stored = stored.get(name).map_or("", String::as_str);
    let error = echo.error_for(name);
    let bad = error.is_some();
    view! {
        <p class="field" class:has-error=bad>
            <label for=id.clone()>{label}</label>
            <input id=id name=name type=input_type value=echo.value(name, stored) dir="auto" aria-invalid=bad.then_some("true")
                list=name.ends_with("time_zone").then_some(crate::components::zones::ZONE_LIST) />
            {error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </p>
    }
}

#[component]
fn DirectoryView(d: Directory, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let can_plan = d.role.allows(Permission::Plan);
    let action = format!("/manage/o/{}/directory", d.org_slug);
    let for_kind = |kind: &str| {
        if echo.is_for(kind) {
            echo.clone()
        } else {
            FormEcho::default()
        }
    };
    let (ve, pe, fe) = (for_kind("venue"), for_kind("person"), for_kind("film"));
    let t = move |k: &str| lang.t(k);
    let none = Stored::new();
    view! {
        <section class="directory planning">
            <crate::components::zones::ZoneList />
            <p class="breadcrumb"><a href="/manage">{t("workspace-title")}</a>" · "<bdi>{d.org_name.clone()}</bdi></p>
            <h1>{t("directory-title")}</h1>
            {search_form(lang, &d)}

            <h2 id="venues">{t("directory-venues")}</h2>
            {entries(lang, &d, "venue", &d.venues, can_plan)}
            {can_plan.then(|| view! {
                <details class="add" open=ve.message.is_some()>
                    <summary>{t("directory-add-venue")}</summary>
                    {ve.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <form method="post" action=action.clone() class="plan-form">
                        <input type="hidden" name="action" value="venue" />
                        {venue_fields((&ve, &none), lang)}
                        <p><button type="submit">{t("directory-add-venue")}</button></p>
                    </form>
                </details>
            })}

            <h2 id="people">{t("directory-people")}</h2>
            {entries(lang, &d, "person", &d.people, can_plan)}
            {can_plan.then(|| view! {
                <details class="add" open=pe.message.is_some()>
                    <summary>{t("directory-add-person")}</summary>
                    {pe.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <form method="post" action=action.clone() class="plan-form">
                        <input type="hidden" name="action" value="person" />
                        {person_fields((&pe, &none), lang)}
                        <p><button type="submit">{t("directory-add-person")}</button></p>
                    </form>
                </details>
            })}

            <h2 id="films">{t("directory-films")}</h2>
            {entries(lang, &d, "film", &d.films, can_plan)}
            {can_plan.then(|| view! {
                <details class="add" open=fe.message.is_some()>
                    <summary>{t("directory-add-film")}</summary>
                    {fe.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    <form method="post" action=action.clone() class="plan-form">
                        <input type="hidden" name="action" value="film" />
                        {film_fields((&fe, &none), lang)}
                        <p><button type="submit">{t("directory-add-film")}</button></p>
                    </form>
                </details>
            })}

            {(!d.archived.is_empty()).then(|| view! {
                <h2 id="archived">{t("directory-archived")}</h2>
                <p>{t("directory-archived-intro")}</p>
                <ul class="directory-list archived">
                    {d.archived.iter().map(|a| view! {
                        <li id=format!("{}-{}", a.kind, a.id)>
                            <bdi>{a.name.clone()}</bdi>" · "{t(&format!("directory-kind-{}", a.kind))}
                            {can_plan.then(|| view! { " "<a class="edit" href=format!("/manage/o/{}/directory/{}/{}", d.org_slug, a.kind, a.id)>{t("directory-edit")}</a> })}
                        </li>
                    }).collect_view()}
                </ul>
            })}
        </section>
    }
}

fn venue_fields(f: (&FormEcho, &Stored), lang: Lang) -> impl IntoView + use<> {
    let t = move |k: &str| lang.t(k);
    view! {
                        {input(f, "venue", "name", t("directory-name"), "text")}
                        {input(f, "venue", "address", t("directory-address"), "text")}
                        <div class="row">
                            {input(f, "venue", "city", t("directory-city"), "text")}
                            {input(f, "venue", "country", t("directory-country"), "text")}
                        </div>
                        {input(f, "venue", "time_zone", t("directory-time-zone"), "text")}
                        <div class="row">
                            {input(f, "venue", "latitude", t("directory-latitude"), "text")}
                            {input(f, "venue", "longitude", t("directory-longitude"), "text")}
                            {input(f, "venue", "capacity", t("directory-capacity"), "number")}
                        </div>
                        <p class="field">
                            <label for="venue-setting">{t("directory-setting")}</label>
                            <select id="venue-setting" name="setting">
                                {VenueSetting::ALL.iter().map(|s| view! {
                                    <option value=s.as_str() selected={f.0.value("setting", f.1.get("setting").map_or("outdoor", String::as_str)) == s.as_str()}>{lang.t(&format!("setting-{}", s.as_str()))}</option>
                                }).collect_view()}
                            </select>
                        </p>
                        {input(f, "venue", "public_directions", t("directory-directions"), "text")}
                        {input(f, "venue", "access_notes", t("directory-access"), "text")}
    }
}

/// The "list publicly" box: as typed, else as stored, else ticked for someone new.
fn listed((echo, stored): (&FormEcho, &Stored)) -> bool {
    if !echo.values.is_empty() {
        echo.values.contains_key("listed_publicly")
    } else if !stored.is_empty() {
        stored.contains_key("listed_publicly")
    } else {
        true
    }
}

fn person_fields(f: (&FormEcho, &Stored), lang: Lang) -> impl IntoView + use<> {
    let t = move |k: &str| lang.t(k);
    view! {
                        {input(f, "person", "name", t("directory-name"), "text")}
                        {input(f, "person", "languages", t("plan-languages"), "text")}
                        {input(f, "person", "home_time_zone", t("directory-home-zone"), "text")}
                        {input(f, "person", "public_bio", t("directory-bio"), "text")}
                        {input(f, "person", "contact", t("directory-contact"), "text")}
                        <p class="field checkbox">
                            <input id="person-listed" type="checkbox" name="listed_publicly" value="on" checked={listed(f)} />
                            <label for="person-listed">{t("directory-listed")}</label>
                        </p>
    }
}

fn film_fields(f: (&FormEcho, &Stored), lang: Lang) -> impl IntoView + use<> {
    let t = move |k: &str| lang.t(k);
    view! {
                        {input(f, "film", "title", t("plan-title"), "text")}
                        <div class="row">
                            {input(f, "film", "runtime", t("directory-runtime"), "text")}
                            {input(f, "film", "year", t("directory-year"), "number")}
                        </div>
                        <div class="row">
                            {input(f, "film", "director", t("directory-director"), "text")}
                            {input(f, "film", "producer", t("directory-producer"), "text")}
                        </div>
                        <div class="row">
                            {input(f, "film", "audio_language", t("directory-audio"), "text")}
                            {input(f, "film", "subtitle_languages", t("directory-subtitles"), "text")}
                        </div>
                        {input(f, "film", "trailer_url", t("directory-trailer"), "url")}
                        {input(f, "film", "rights_notes", t("directory-rights"), "text")}
    }
}

/// A venue's rooms: each one's form, and one to add a room.
fn rooms_view(
    lang: Lang,
    action: &str,
    rooms: &[crate::api::directory::RoomEdit],
    echo: &FormEcho,
) -> impl IntoView + use<> {
    let t = move |k: &str| lang.t(k);
    let error = ["room-add", "room-save", "room-delete"]
        .into_iter()
        .any(|a| echo.is_for(a))
        .then(|| echo.message.clone())
        .flatten();
    let adding = echo.is_for("room-add");
    let typed = |k: &str| {
        if adding {
            echo.value(k, "")
        } else {
            String::new()
        }
    };
    let new_room = crate::api::directory::RoomEdit {
        id: 0,
        name: typed("room_name"),
        capacity: typed("room_capacity"),
        accessibility: typed("room_accessibility"),
        directions: typed("room_directions"),
    };
    view! {
        <section class="rooms" aria-labelledby="rooms">
            <h2 id="rooms">{t("room-heading")}</h2>
            <p class="hint">{t("room-hint")}</p>
            {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {rooms.iter().map(|r| view! {
                <details class="room-edit" id=format!("room-{}", r.id)>
                    <summary><bdi>{r.name.clone()}</bdi>{(!r.capacity.is_empty()).then(|| format!(" · {}", r.capacity))}</summary>
                    <form method="post" action=action.to_owned() class="plan-form">
                        <input type="hidden" name="action" value="room-save" />
                        <input type="hidden" name="room" value=r.id.to_string() />
                        {room_fields(lang, format!("room-{}", r.id), r)}
                        <p><button type="submit" class="small">{t("room-save")}</button></p>
                    </form>
                    <form method="post" action=action.to_owned() class="inline">
                        <input type="hidden" name="action" value="room-delete" />
                        <input type="hidden" name="room" value=r.id.to_string() />
                        <button type="submit" class="small danger">{t("room-delete")}</button>
                    </form>
                </details>
            }).collect_view()}
            <form method="post" action=action.to_owned() class="plan-form add-room">
                <input type="hidden" name="action" value="room-add" />
                {room_fields(lang, "room-new".to_owned(), &new_room)}
                <p><button type="submit">{t("room-add")}</button></p>
            </form>
        </section>
    }
}

fn room_fields(
    lang: Lang,
    prefix: String,
    r: &crate::api::directory::RoomEdit,
) -> impl IntoView + use<> {
    view! {
        <div class="row">
            <p class="field"><label for=format!("{prefix}-name")>{lang.t("room-name")}</label>
                <input id=format!("{prefix}-name") name="room_name" type="text" dir="auto" required value=r.name.clone() /></p>
            <p class="field"><label for=format!("{prefix}-capacity")>{lang.t("room-capacity")}</label>
                <input id=format!("{prefix}-capacity") name="room_capacity" type="text" inputmode="numeric" value=r.capacity.clone() /></p>
        </div>
        <p class="field"><label for=format!("{prefix}-access")>{lang.t("room-accessibility")}</label>
            <input id=format!("{prefix}-access") name="room_accessibility" type="text" dir="auto" value=r.accessibility.clone() /></p>
        <p class="field"><label for=format!("{prefix}-directions")>{lang.t("room-directions")}</label>
            <input id=format!("{prefix}-directions") name="room_directions" type="text" dir="auto" value=r.directions.clone() /></p>
    }
}

/// `/manage/o/:org/directory/:kind/:id`: edit, archive or delete a venue, person or film.
#[component]
pub fn DirectoryItemPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("directory-edit-title") />
        {loaded(
            route_key(["org", "kind", "id"]),
            |([org, kind, id], _)| load_directory_item(org, kind, id.parse().unwrap_or(-1)),
            move |item| view! { <DirectoryItemView item=item lang=lang /> },
        )}
    }
}

#[component]
fn DirectoryItemView(item: DirectoryItem, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let t = move |k: &str| lang.t(k);
    let action = format!(
        "/manage/o/{}/directory/{}/{}",
        item.org_slug, item.kind, item.id
    );
    let saving = echo.is_for("save");
    let form_echo = if saving {
        echo.clone()
    } else {
        FormEcho::default()
    };
    let f = (&form_echo, &item.values);
    let fields = match item.kind.as_str() {
        "venue" => venue_fields(f, lang).into_any(),
        "person" => person_fields(f, lang).into_any(),
        _ => film_fields(f, lang).into_any(),
    };
    let stamp = echo.value("stamp", &item.stamp);
    let can_delete = item.role.allows(Permission::Delete);
    let other_error = (!saving).then(|| echo.error_for("form")).flatten();
    view! {
        <section class="directory planning">
            <crate::components::zones::ZoneList />
            <p class="breadcrumb">
                <a href="/manage">{t("workspace-title")}</a>" · "<bdi>{item.org_name.clone()}</bdi>" · "
                <a href=format!("/manage/o/{}/directory", item.org_slug)>{t("directory-title")}</a>
            </p>
            <h1><bdi>{item.name.clone()}</bdi></h1>
            {item.archived.then(|| view! { <p class="status archived">{t("directory-is-archived")}</p> })}
            {form_echo.error_for("form").map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <form method="post" action=action.clone() class="plan-form">
                <input type="hidden" name="action" value="save" />
                <input type="hidden" name="stamp" value=stamp />
                {fields}
                <p><button type="submit">{t("directory-save")}</button></p>
            </form>

            {(item.kind == "venue").then(|| rooms_view(lang, &action, &item.rooms, &echo))}
            <h2>{t("directory-used-by")}</h2>
            {if item.uses.is_empty() {
                view! { <p class="empty">{t("directory-unused")}</p> }.into_any()
            } else {
                view! {
                    <ul class="uses">
                        {item.uses.iter().map(|(title, slug, deleted)| if *deleted {
                            // Its pages are gone until an owner recovers it.
                            view! { <li class="deleted"><bdi>{title.clone()}</bdi>" · "{t("directory-use-deleted")}</li> }.into_any()
                        } else {
                            view! { <li><a href=format!("/manage/o/{}/{}/agenda", item.org_slug, slug)><bdi>{title.clone()}</bdi></a></li> }.into_any()
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {other_error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            <form method="post" action=action.clone() class="inline">
                <input type="hidden" name="action" value=if item.archived { "restore" } else { "archive" } />
                <button type="submit">{if item.archived { t("directory-restore") } else { t("directory-archive") }}</button>
                " "<span class="hint">{t("directory-archive-hint")}</span>
            </form>
            {can_delete.then(|| view! {
                <form method="post" action=action.clone() class="inline">
                    <input type="hidden" name="action" value="delete" />
                    <button type="submit" class="danger">{t("directory-delete")}</button>
                </form>
            })}
        </section>
    }
}
