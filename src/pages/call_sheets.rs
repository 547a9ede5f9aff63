//! `/manage/o/:org/:slug/call-sheets`: one printable call sheet per person (members
//! only): when to arrive or to test the call, each part with who introduces and who
//! interprets, every time at the venue and at home.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::call_sheets::load_call_sheets;
use crate::components::loaded::{loaded, route_key};
use crate::components::print::PrintButton;
use crate::i18n::{Lang, use_lang};
use crate::responses::call_sheets::{CallSheets, PartTimes, PersonCall, call_line};

#[component]
pub fn CallSheetsPage() -> impl IntoView {
    let lang = use_lang();
    loaded(
        route_key(["org", "slug"]),
        |([org, slug], lang)| load_call_sheets(org, slug, lang),
        move |c| view! { <CallSheetsView c=c lang=lang /> },
    )
}

#[component]
fn CallSheetsView(c: CallSheets, lang: Lang) -> impl IntoView {
    let sheet = format!("/manage/o/{}/{}/run-sheet", c.org_slug, c.slug);
    view! {
        <Title text=format!("{} · {}", lang.t("call-sheets-title"), c.title) />
        <article class="call-sheets">
            <p class="breadcrumb no-print"><a href=sheet>{lang.t("workspace-run-sheet")}</a></p>
            <h1>{lang.t("call-sheets-title")}</h1>
            <PrintButton label=lang.t("print-button") />
            {c.people.is_empty().then(|| view! { <p class="empty">{lang.t("call-sheets-none")}</p> })}
            {c.people.into_iter().map(|p| {
                person_sheet(lang, &c.title, c.date, &c.time_zone, c.venue.clone(), p)
            }).collect_view()}
        </article>
    }
}

fn person_sheet(
    lang: Lang,
    title: &str,
    date: chrono::NaiveDate,
    zone: &str,
    venue: Option<String>,
    p: PersonCall,
) -> impl IntoView + use<> {
    let home = p.home_zone.clone();
    let call = call_line(lang, &p.call, home.as_deref());
    view! {
        <section class="call-sheet">
            <p class="call-gathering"><bdi>{title.to_owned()}</bdi>" · "{lang.format_date(date)}" · "<bdi dir="ltr">{zone.to_owned()}</bdi></p>
            <h2><bdi>{p.name}</bdi></h2>
            {home.clone().map(|z| view! { <p class="home-zone">{lang.t("call-home-zone")}": "<bdi dir="ltr">{z}</bdi></p> })}
            <p class="call">{call}</p>
            {venue.map(|v| view! { <p class="call-venue">{lang.t("gathering-where")}": "<bdi>{v}</bdi></p> })}
            <table class="sheet call-parts">
                <thead><tr>
                    <th scope="col">{lang.t("runsheet-time")}</th>
                    <th scope="col">{lang.t("runsheet-segment")}</th>
                    <th scope="col">{lang.t("call-how")}</th>
                </tr></thead>
                <tbody>
                    {p.parts.into_iter().map(|part| part_row(lang, part, home.as_deref())).collect_view()}
                </tbody>
            </table>
            {(!p.contact.is_empty()).then(|| view! { <p class="contact">{lang.t("call-contact")}": "<bdi dir="ltr">{p.contact}</bdi></p> })}
        </section>
    }
}

fn part_row(lang: Lang, part: PartTimes, zone: Option<&str>) -> impl IntoView + use<> {
    let time = format!(
        "{}–{}",
        lang.format_time(part.start.venue),
        lang.format_time(part.end.venue)
    );
    let home = match (part.start.home, part.end.home, zone) {
        (Some(s), Some(e), Some(z)) => Some(lang.t_with(
            "call-there",
            &[
                (
                    "time",
                    FluentValue::from(format!("{}–{}", lang.format_time(s), lang.format_time(e))),
                ),
                ("zone", FluentValue::from(z.to_owned())),
            ],
        )),
        _ => None,
    };
    let mut how = vec![format!(
        "{} · {}",
        lang.t(&format!("role-{}", part.role.as_str())),
        lang.t(&format!("mode-{}", part.mode.as_str()))
    )];
    if !part.introduced_by.is_empty() {
        how.push(lang.t_with(
            "call-introduced-by",
            &[(
                "names",
                FluentValue::from(part.introduced_by.join(lang.comma())),
            )],
        ));
    }
    if !part.interpreted_by.is_empty() {
        how.push(lang.t_with(
            "call-interpreted-by",
            &[(
                "names",
                FluentValue::from(part.interpreted_by.join(lang.comma())),
            )],
        ));
    }
    view! {
        <tr class="call-part" data-mode=part.mode.as_str()>
            <td class="time"><span class="start-end">{time}</span>
                {home.map(|h| view! { <br /><span class="there">{h}</span> })}</td>
            <td class="what"><span class="number">{lang.number(i64::from(part.number))}". "</span><strong dir="auto">{part.title}</strong></td>
            <td class="how"><ul>{how.into_iter().map(|h| view! { <li>{h}</li> }).collect_view()}</ul></td>
        </tr>
    }
}
