//! `/manage/o/:org/:slug/live`: the host's live view on a phone: big now and next, a
//! countdown for the running segment, how late the whole gathering runs, and one-tap
//! start, end and skip. Every tap is a form post (it works without JavaScript); with
//! JavaScript the view follows every change from any device within a second or two.

use chrono::NaiveDateTime;
use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::live::{LiveRow, LiveView, load_live};
use crate::components::live::LiveUpdates;
use crate::components::loaded::{loaded, route_key};
use crate::domain::live::{Day, Phase};
use crate::forms::use_form_echo;
use crate::i18n::{Lang, use_lang};

#[component]
pub fn LivePage() -> impl IntoView {
    let lang = use_lang();
    let room = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("room")
        .and_then(|r| r.parse::<i32>().ok());
    let ([org, slug], texts) = route_key(["org", "slug"]);
    loaded(
        (org, slug, texts, room),
        |(org, slug, lang, room)| load_live(org, slug, lang, room),
        move |v| view! { <LiveBoard v=v lang=lang /> },
    )
}

/// "7 min late", "4 min early", "on time".
pub fn lateness(lang: Lang, minutes: i64) -> String {
    let text = match minutes {
        0 => lang.t("live-on-time"),
        m if m > 0 => lang.t_with("live-late", &[("minutes", FluentValue::from(m))]),
        m => lang.t_with("live-early", &[("minutes", FluentValue::from(-m))]),
    };
    lang.digits(&text)
}

/// "Expected attendance: 300 · Actual attendance: 320", or nothing when neither is known.
pub fn attendance(
    lang: Lang,
    expected: Option<i32>,
    actual: Option<i32>,
) -> Option<impl IntoView + use<>> {
    let label = |key: &str, n: i32| format!("{}: {}", lang.t(key), lang.number(i64::from(n)));
    let parts: Vec<String> = [("plan-expected", expected), ("plan-actual", actual)]
        .into_iter()
        .filter_map(|(key, n)| n.map(|n| label(key, n)))
        .collect();
    (!parts.is_empty()).then(|| view! { <p class="attendance">{parts.join(" · ")}</p> })
}

/// "It starts in 3 days, on Sunday 26 November 2023 at 11:00."
fn before_the_day(lang: Lang, now: NaiveDateTime, starts: NaiveDateTime) -> String {
    let minutes = (starts - now).num_minutes().max(0);
    let (days, hours) = (minutes / (24 * 60), minutes / 60);
    let within = if days >= 1 {
        lang.t_with("live-in-days", &[("days", FluentValue::from(days))])
    } else {
        lang.t_with("live-in-hours", &[("hours", FluentValue::from(hours))])
    };
    lang.t_with(
        "live-before",
        &[
            ("within", FluentValue::from(within)),
            ("date", FluentValue::from(lang.format_date(starts.date()))),
            ("time", FluentValue::from(lang.format_time(starts))),
        ],
    )
}

fn clock(seconds: i64) -> String {
    let s = seconds.abs();
    format!("{}:{:02}", s / 60, s % 60)
}

/// One tap on the live view: a small form with the action and the segment.
fn tap(
    lang: Lang,
    action_url: &str,
    action: &'static str,
    segment: i32,
    class: &'static str,
) -> impl IntoView + use<> {
    view! {
        <form method="post" action=action_url.to_owned() class="tap">
            <input type="hidden" name="action" value=action />
            <input type="hidden" name="segment" value=segment.to_string() />
            <button type="submit" class=class>{lang.t(&format!("live-{action}"))}</button>
        </form>
    }
}

#[component]
fn LiveBoard(v: LiveView, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let base = format!("/manage/o/{}/{}", v.org_slug, v.slug);
    // A room's view taps, and comes back, with its room.
    let action_url = match v.room {
        Some(room) => format!("{base}/live?room={room}"),
        None => format!("{base}/live"),
    };
    let events = format!("{base}/live/events");
    let running = v.running.map(|i| v.rows[i].clone());
    let next = v.next.map(|i| v.rows[i].clone());
    let over = match v.over_minutes {
        0 => lang.t("live-overall-on-time"),
        m if m > 0 => lang.t_with("live-overall-over", &[("minutes", FluentValue::from(m))]),
        m => lang.t_with("live-overall-under", &[("minutes", FluentValue::from(-m))]),
    };
    let day = v.day;
    let overall = match day {
        Day::Before => before_the_day(lang, v.now_local, v.starts_local),
        Day::On => over,
        Day::After => lang.t_with(
            "live-after",
            &[(
                "date",
                FluentValue::from(lang.format_date(v.starts_local.date())),
            )],
        ),
    };
    // Once the day is over the view is a record: no more taps.
    let can_run = v.can_run && day != Day::After;
    let rehearsal = (can_run && day == Day::Before).then(|| lang.t("live-rehearsal"));
    let left = lang.t_with("live-left", &[("time", FluentValue::from("{}"))]);
    let overrun = lang.t_with("live-overrun", &[("time", FluentValue::from("{}"))]);
    view! {
        <Title text=format!("{} · {}", lang.t("live-title"), v.title) />
        <article class="live" id="live-board" data-over=v.over_minutes.to_string()
            data-day=format!("{day:?}").to_lowercase()>
            <p class="breadcrumb"><a href="/manage">{lang.t("workspace-title")}</a>" · "
                <a href=format!("{base}/run-sheet")>{lang.t("workspace-run-sheet")}</a></p>
            <h1>{lang.t("live-title")}" · "<bdi>{v.title.clone()}</bdi></h1>
            {echo.message.clone().map(|m| view! { <p class="form-error" role="alert">{m}</p> })}
            {(!v.rooms.is_empty()).then(|| view! {
                <nav class="live-rooms" aria-label=lang.t("runsheet-rooms")>
                    {lang.t("runsheet-rooms")}": "
                    {v.rooms.iter().enumerate().map(|(i, (id, name))| view! {
                        {(i > 0).then_some(" · ")}
                        <a href=format!("{base}/live?room={id}") aria-current=(v.room == Some(*id)).then_some("page")><bdi>{name.clone()}</bdi></a>
                    }).collect_view()}
                </nav>
                {v.room.is_none().then(|| view! { <p class="hint">{lang.t("live-choose-room")}</p> })}
            })}
            <p class="overall" data-minutes=v.over_minutes.to_string()>{lang.digits(&overall)}</p>
            {rehearsal.map(|r| view! { <p class="hint rehearsal">{r}</p> })}
            {attendance(lang, v.expected_attendance, v.actual_attendance)}
            {(day != Day::After).then(|| view! {
            <section class="now" aria-labelledby="live-now">
                <h2 id="live-now">{lang.t("live-now")}</h2>
                {match running.clone() {
                    Some(r) => {
                        let remaining = v.remaining_seconds.unwrap_or(0);
                        let text = if remaining >= 0 { left.replace("{}", &clock(remaining)) } else { overrun.replace("{}", &clock(remaining)) };
                        view! {
                            <p class="now-title"><span class="number">{r.number}". "</span><bdi>{r.title.clone()}</bdi></p>
                            <p class="countdown" data-due=v.running_due_utc.unwrap_or(0).to_string()
                                data-left=left.clone() data-overrun=overrun.clone()
                                data-overrunning=(remaining < 0).to_string()>{lang.digits(&text)}</p>
                            <p class="since">{lang.t_with("live-started-at", &[("time", FluentValue::from(lang.format_time(r.start)))])}</p>
                            {can_run.then(|| tap(lang, &action_url, "end", r.id, "end"))}
                        }.into_any()
                    }
                    None => view! { <p class="now-title idle">{lang.t("live-nothing-running")}</p> }.into_any(),
                }}
            </section>
            <section class="next" aria-labelledby="live-next">
                <h2 id="live-next">{lang.t("live-next")}</h2>
                {match next.clone() {
                    Some(r) => view! {
                        <p class="next-title"><span class="number">{r.number}". "</span><bdi>{r.title.clone()}</bdi></p>
                        <p class="next-at">{lang.format_time(r.start)}" · "<span class="late" data-minutes=r.late_minutes.to_string()>{lateness(lang, r.late_minutes)}</span></p>
                        {can_run.then(|| tap(lang, &action_url, "start", r.id, "start big"))}
                    }.into_any(),
                    None => view! { <p class="next-title idle">{lang.t("live-nothing-next")}</p> }.into_any(),
                }}
            </section>
            })}
            <h2>{lang.t("live-programme")}</h2>
            <p class="zone-note">{lang.t_with("gathering-times-in", &[("zone", FluentValue::from(v.time_zone.clone()))])}</p>
            <ol class="live-rows">
                {v.rows.into_iter().map(|r| row(lang, r, day, can_run, &action_url)).collect_view()}
            </ol>
            {v.can_reset.then(|| view! {
                <form method="post" action=action_url.clone() class="reset">
                    <input type="hidden" name="action" value="reset" />
                    <button type="submit" class="danger">{lang.t("live-reset")}</button>
                </form>
            })}
            <noscript><p class="hint">{lang.t("live-reload-hint")}</p></noscript>
        </article>
        <LiveUpdates events=events board="live-board".to_owned() />
    }
}

fn row(lang: Lang, r: LiveRow, day: Day, can_run: bool, action_url: &str) -> impl IntoView + use<> {
    let phase = match r.phase {
        Phase::Done => "done",
        Phase::Running => "running",
        Phase::Next => "next",
        // Once the day is over, a segment nobody started was not recorded live.
        Phase::Upcoming if day == Day::After => "unrecorded",
        Phase::Upcoming => "upcoming",
        Phase::Skipped => "skipped",
    };
    let moved = r.start != r.planned_start && r.phase != Phase::Skipped;
    let time = format!("{}–{}", lang.format_time(r.start), lang.format_time(r.end));
    let planned = format!(
        "{}–{}",
        lang.format_time(r.planned_start),
        lang.format_time(r.planned_end)
    );
    let taps = can_run.then(|| match r.phase {
        Phase::Next | Phase::Upcoming => view! {
            {tap(lang, action_url, "start", r.id, "start")}
            {tap(lang, action_url, "skip", r.id, "skip")}
        }
        .into_any(),
        Phase::Running => tap(lang, action_url, "end", r.id, "end").into_any(),
        Phase::Skipped => tap(lang, action_url, "unskip", r.id, "unskip").into_any(),
        Phase::Done => tap(lang, action_url, "start", r.id, "restart").into_any(),
    });
    view! {
        <li class="live-row" data-phase=phase data-segment=r.id.to_string() data-hard=r.hard.to_string()>
            <p class="slot">
                <span class="start-end">{time}</span>
                {moved.then(|| view! { " "<del class="planned">{planned.clone()}</del> })}
                {(r.phase != Phase::Skipped && r.phase != Phase::Done && r.late_minutes != 0).then(|| view! {
                    " "<span class="late" data-minutes=r.late_minutes.to_string()>{lateness(lang, r.late_minutes)}</span>
                })}
            </p>
            <p class="what">
                <span class="number">{r.number}". "</span><strong dir="auto">{r.title}</strong>
                " · "<span class="phase">{lang.t(&format!("live-phase-{phase}"))}</span>
                {r.hard.then(|| view! { " · "<span class="hard">{lang.t("runsheet-hard-start")}</span> })}
                {(r.squeeze_minutes > 0).then(|| view! {
                    " · "<span class="squeeze">{lang.digits(&lang.t_with("live-squeeze", &[("minutes", FluentValue::from(r.squeeze_minutes))]))}</span>
                })}
            </p>
            {(!r.who.is_empty()).then(|| view! { <p class="who"><bdi>{r.who.join(lang.comma())}</bdi></p> })}
            {taps}
        </li>
    }
}
