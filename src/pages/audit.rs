//! `/manage/o/:org/audit`: the organisation's audit log, for owners.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::audit::{AuditLog, load_audit};
use crate::components::loaded::{loaded, route_key};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn AuditPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("audit-title") />
        {loaded(
            route_key(["org"]),
            |([org], _)| load_audit(org),
            move |log| view! { <AuditView log=log lang=lang /> },
        )}
    }
}

#[component]
fn AuditView(log: AuditLog, lang: Lang) -> impl IntoView {
    view! {
        <section class="audit">
            <p class="breadcrumb"><a href="/manage">{lang.t("workspace-title")}</a>" · "<bdi>{log.org_name.clone()}</bdi></p>
            <h1>{lang.t("audit-title")}</h1>
            <p>{lang.t("audit-intro")}</p>
            {if log.entries.is_empty() {
                view! { <p class="empty">{lang.t("audit-none")}</p> }.into_any()
            } else {
                view! {
                    <table class="audit-log">
                        <thead><tr>
                            <th scope="col">{lang.t("audit-when")}</th>
                            <th scope="col">{lang.t("audit-who")}</th>
                            <th scope="col">{lang.t("audit-what")}</th>
                            <th scope="col">{lang.t("audit-subject")}</th>
                        </tr></thead>
                        <tbody>
                            {log.entries.into_iter().map(|e| {
                                let action = e.action.clone();
                                view! {
                                <tr data-action=action>
                                    <td><time datetime=e.at.format("%Y-%m-%dT%H:%M:%SZ").to_string()>
                                        {format!("{} {} UTC", lang.format_date(e.at.date()), lang.format_time(e.at))}
                                    </time></td>
                                    <td><bdi>{e.who}</bdi></td>
                                    <td><code>{e.action}</code></td>
                                    <td><bdi>{e.subject}</bdi>{(!e.detail.is_empty()).then(|| view! { " · "<bdi>{e.detail}</bdi> })}</td>
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
