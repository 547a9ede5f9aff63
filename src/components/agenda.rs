use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;

use crate::domain::AppearanceMode;
use crate::i18n::Lang;
use crate::i18n::language_name;
use crate::responses::{AppearanceView, SegmentView};

/// The public programme: one row per segment with its local start, end and length.
#[component]
pub fn AgendaTable(segments: Vec<SegmentView>, lang: Lang, org: String) -> impl IntoView {
    view! {
        <ol class="agenda">
            {segments.into_iter().map(|s| {
                let minutes = lang.t_with("segment-minutes", &[("minutes", FluentValue::from(s.minutes))]);
                view! {
                    <li class="segment" data-kind=s.kind.as_str() data-minutes=s.minutes>
                        <p class="slot">
                            <time class="start" datetime=s.start_local.format("%Y-%m-%dT%H:%M").to_string()>{lang.format_reading(s.start_local, s.start_offset.as_deref())}</time>
                            "–"
                            <time class="end" datetime=s.end_local.format("%Y-%m-%dT%H:%M").to_string()>{lang.format_reading(s.end_local, s.end_offset.as_deref())}</time>
                            <span class="minutes">{lang.digits(&minutes)}</span>
                        </p>
                        <div class="what">
                            <p class="segment-kind">{lang.t(&format!("segment-{}", s.kind.as_str()))}</p>
                            <h3 dir="auto" lang=s.title_lang.clone()>{s.title.clone()}</h3>
                            {s.film.clone().map(|f| {
                                let mut bits = vec![lang.digits(&lang.t_with("film-runtime", &[("minutes", FluentValue::from(f.runtime_minutes))]))];
                                if !f.director.is_empty() {
                                    bits.push(lang.t_with("film-directed-by", &[("director", FluentValue::from(f.director.clone()))]));
                                }
                                if !f.audio_language.is_empty() {
                                    bits.push(lang.t_with("film-audio", &[("language", FluentValue::from(language_name(lang, &f.audio_language)))]));
                                }
                                if !f.subtitle_languages.is_empty() {
                                    let subs = f.subtitle_languages.iter().map(|c| language_name(lang, c)).collect::<Vec<_>>().join(lang.comma());
                                    bits.push(lang.t_with("film-subtitles", &[("languages", FluentValue::from(subs))]));
                                }
                                view! { <p class="film"><cite><bdi>{f.title}</bdi></cite>" · "{bits.join(" · ")}</p> }
                            })}
                            {s.reads.clone().map(|(slug, title, language)| view! {
                                <p class="reads">{lang.t("segment-reads")}" "
                                    <a href=format!("/o/{org}/statements/{slug}")><bdi lang=language>{title}</bdi></a>
                                </p>
                            })}
                            {(!s.abstract_text.is_empty()).then(|| view! {
                                <p class="abstract" dir="auto" lang=s.abstract_lang.clone()>{s.abstract_text.clone()}</p>
                            })}
                            {(!s.may_record || !s.may_stream || !s.may_photograph).then(|| {
                                let no: Vec<String> = [
                                    (s.may_record, "session-not-recorded"),
                                    (s.may_stream, "session-not-streamed"),
                                    (s.may_photograph, "session-no-photos"),
                                ].into_iter().filter(|(yes, _)| !yes).map(|(_, k)| lang.t(k)).collect();
                                view! { <p class="consent">{no.join(" · ")}</p> }
                            })}
                            {(!s.appearances.is_empty()).then(|| view! {
                                <ul class="appearances">
                                    {s.appearances.iter().map(|a| appearance(lang, &org, a)).collect_view()}
                                </ul>
                            })}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

fn appearance(lang: Lang, org: &str, a: &AppearanceView) -> impl IntoView + use<> {
    let href = a.person_id.map(|id| format!("/o/{org}/people/{id}"));
    let name = a
        .name
        .clone()
        .unwrap_or_else(|| lang.t("appearance-unlisted"));
    let mut how = vec![lang.t(&format!("mode-{}", a.mode.as_str()))];
    if !a.interpreted_into.is_empty() {
        let into = a
            .interpreted_into
            .iter()
            .map(|c| language_name(lang, c))
            .collect::<Vec<_>>()
            .join(lang.comma());
        how.push(lang.t_with(
            "appearance-interpreted",
            &[("languages", FluentValue::from(into))],
        ));
    }
    let mode = a.mode;
    view! {
        <li class="appearance" data-mode=mode.as_str() data-role=a.role.as_str()>
            <span class="role">{lang.t(&format!("role-{}", a.role.as_str()))}": "</span>
            {match href {
                Some(h) => view! { <a href=h><bdi class="name">{name}</bdi></a> }.into_any(),
                None => view! { <bdi class="name">{name}</bdi> }.into_any(),
            }}
            {(mode != AppearanceMode::InPerson || !a.interpreted_into.is_empty()).then(|| view! {
                " " <span class="how">"("{how.join(lang.comma())}")"</span>
            })}
        </li>
    }
}
