//! `/manage/o/:org/members` (owners): who belongs, with which role, and invitations by a
//! one-time link. `/invite/:token`: the page such a link opens.

use fluent_templates::fluent_bundle::FluentValue;
use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::members::{
    InvitationLink, InvitationPage as Invitation, MembersPage as Members, NewLink, load_invitation,
    load_members,
};
use crate::components::loaded::{loaded, route_key};
use crate::domain::MemberRole;
use crate::forms::{FormEcho, use_form_echo};
use crate::i18n::{Lang, use_lang};

#[component]
pub fn MembersPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("members-title") />
        {loaded(
            route_key(["org"]),
            |([org], _)| load_members(org),
            move |m| view! { <MembersView m=m lang=lang /> },
        )}
    }
}

fn role_name(lang: Lang, role: MemberRole) -> String {
    lang.t(&format!("role-name-{}", role.as_str()))
}

/// A select of the four roles with `chosen` selected.
fn role_select(lang: Lang, id: String, chosen: &str) -> impl IntoView + use<> {
    view! {
        <select id=id name="role">
            {MemberRole::ALL.iter().map(|r| view! {
                <option value=r.as_str() selected={chosen == r.as_str()}>{role_name(lang, *r)}</option>
            }).collect_view()}
        </select>
    }
}

#[component]
fn MembersView(m: Members, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let link = use_context::<NewLink>();
    let action = format!("/manage/o/{}/members", m.org_slug);
    let hidden = |name: &'static str, value: String| {
        view! { <input type="hidden" name=name value=value /> }
    };
    let rows = m
        .members
        .iter()
        .map(|p| {
            let id = p.user_id.to_string();
            let mine = |form: &str| echo.is_for(form) && echo.value("member", "") == id;
            let error = (mine("role") || mine("remove") || mine("reset"))
                .then(|| echo.message.clone())
                .flatten();
            let chosen = if mine("role") {
                echo.value("role", p.role.as_str())
            } else {
                p.role.as_str().to_owned()
            };
            let select_id = format!("role-{id}");
            view! {
                <tr id=format!("member-{id}") data-role=p.role.as_str()>
                    <td><bdi>{p.name.clone()}</bdi>{p.me.then(|| view! { " "<span class="you">{lang.t("members-you")}</span> })}</td>
                    <td><bdi dir="ltr">{p.email.clone()}</bdi></td>
                    <td>
                        <form method="post" action=action.clone() class="inline">
                            {hidden("action", "role".into())}
                            {hidden("member", id.clone())}
                            <label class="visually-hidden" for=select_id.clone()>{lang.t("members-role")}</label>
                            {role_select(lang, select_id, &chosen)}
                            " "<button type="submit" class="small">{lang.t("members-change-role")}</button>
                        </form>
                        {error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
                    </td>
                    <td><div class="member-actions">
                        {(!p.me).then(|| view! {
                            <form method="post" action=action.clone() class="inline">
                                {hidden("action", "reset".into())}
                                {hidden("member", id.clone())}
                                <button type="submit" class="small secondary">{lang.t("members-reset")}</button>
                            </form>
                        })}
                        <form method="post" action=action.clone() class="inline">
                            {hidden("action", "remove".into())}
                            {hidden("member", id.clone())}
                            <button type="submit" class="small delete">{lang.t("members-remove")}</button>
                        </form>
                    </div></td>
                </tr>
            }
        })
        .collect_view();
    let pending = m
        .invitations
        .iter()
        .map(|i| {
            let until = lang.t_with(
                "members-invitation-until",
                &[(
                    "date",
                    FluentValue::from(lang.format_date(i.expires_at.date_naive())),
                )],
            );
            view! {
                <li id=format!("invitation-{}", i.id)>
                    <bdi dir="ltr">{i.email.clone()}</bdi>" · "{role_name(lang, i.role)}" · "<span class="until">{lang.digits(&until)}</span>" "
                    <form method="post" action=action.clone() class="inline">
                        {hidden("action", "revoke".into())}
                        {hidden("invitation", i.id.to_string())}
                        <button type="submit" class="small delete">{lang.t("members-revoke")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let no_pending = m.invitations.is_empty();
    let invite_echo = if echo.is_for("invite") {
        echo.clone()
    } else {
        FormEcho::default()
    };
    let email_error = invite_echo.error_for("email");
    let role_error = invite_echo.error_for("role");
    let (email_bad, role_bad) = (email_error.is_some(), role_error.is_some());
    let other_error = echo
        .is_for("revoke")
        .then(|| echo.message.clone())
        .flatten();
    view! {
        <section class="members planning">
            <p class="breadcrumb"><a href="/manage">{lang.t("workspace-title")}</a>" · "<bdi>{m.org_name.clone()}</bdi></p>
            <h1>{lang.t("members-title")}</h1>
            <p class="hint">{lang.t("members-roles-explained")}</p>
            {link.map(|l| {
                let [made, label, once] = if l.reset {
                    ["members-reset-made", "members-reset-label", "members-reset-once"]
                } else {
                    ["members-link-made", "members-link-label", "members-link-once"]
                };
                view! {
                    <div class="new-link" role="status">
                        <p>{lang.t_with(made, &[("email", FluentValue::from(l.email.clone()))])}</p>
                        <p><label for="new-link">{lang.t(label)}</label>
                            <input id="new-link" type="text" readonly=true dir="ltr" value=l.url.clone() /></p>
                        <p class="warning">{lang.t(once)}</p>
                    </div>
                }
            })}
            <table class="member-list">
                <thead><tr>
                    <th scope="col">{lang.t("members-name")}</th>
                    <th scope="col">{lang.t("members-email")}</th>
                    <th scope="col">{lang.t("members-role")}</th>
                    <th scope="col"><span class="visually-hidden">{lang.t("members-remove")}</span></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <h2 id="invitations">{lang.t("members-pending")}</h2>
            {other_error.map(|e| view! { <p class="form-error" role="alert">{e}</p> })}
            {no_pending.then(|| view! { <p class="empty">{lang.t("members-pending-none")}</p> })}
            <ul class="invitations">{pending}</ul>
            <h2 id="invite">{lang.t("members-invite")}</h2>
            <form method="post" action=action.clone() class="plan-form invite">
                {hidden("action", "invite".into())}
                <div class="row">
                    <p class="field" class:has-error=email_bad>
                        <label for="invite-email">{lang.t("members-email")}</label>
                        <input id="invite-email" name="email" type="email" dir="ltr" required=true
                            value=invite_echo.value("email", "") />
                        {email_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                    </p>
                    <p class="field" class:has-error=role_bad>
                        <label for="invite-role">{lang.t("members-role")}</label>
                        {role_select(lang, "invite-role".into(), &invite_echo.value("role", "viewer"))}
                        {role_error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
                    </p>
                </div>
                <p><button type="submit">{lang.t("members-invite-button")}</button></p>
            </form>
        </section>
    }
}

/// `/invite/:token`
#[component]
pub fn InvitationPage() -> impl IntoView {
    let lang = use_lang();
    view! {
        <Title text=lang.t("invite-title") />
        {loaded(
            route_key(["token"]),
            |([token], _)| load_invitation(token),
            move |i| view! { <InvitationView link=i lang=lang /> },
        )}
    }
}

#[component]
fn InvitationView(link: InvitationLink, lang: Lang) -> impl IntoView {
    let gone = |key: &str| {
        #[cfg(feature = "ssr")]
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            res.set_status(http::StatusCode::GONE);
        }
        view! {
            <section class="invitation narrow">
                <h1>{lang.t("invite-title")}</h1>
                <p class="warning" role="status">{lang.t(key)}</p>
                <p><a href="/">{lang.t("error-back-home")}</a></p>
            </section>
        }
        .into_any()
    };
    match link {
        InvitationLink::Open(i) => view! { <OpenInvitation i=i lang=lang /> }.into_any(),
        InvitationLink::Used => gone("invite-used"),
        InvitationLink::Revoked => gone("invite-revoked"),
        InvitationLink::Expired => gone("invite-expired"),
    }
}

#[component]
fn OpenInvitation(i: Invitation, lang: Lang) -> impl IntoView {
    let echo = use_form_echo();
    let intro = lang.t_with(
        "invite-intro",
        &[
            ("organisation", FluentValue::from(i.org_name.clone())),
            ("role", FluentValue::from(role_name(lang, i.role))),
        ],
    );
    let by = i
        .invited_by
        .clone()
        .map(|name| lang.t_with("invite-by", &[("name", FluentValue::from(name))]));
    let field = |name: &'static str, label: String, kind: &'static str, value: String| {
        let error = echo.error_for(name);
        let bad = error.is_some();
        let value = if kind == "password" {
            String::new()
        } else {
            echo.value(name, &value)
        };
        view! {
            <p class="field" class:has-error=bad>
                <label for=format!("invite-{name}")>{label}</label>
                <input id=format!("invite-{name}") name=name type=kind value=value required=true
                    aria-invalid=bad.then_some("true") dir="auto" />
                {error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
            </p>
        }
    };
    let form_error = echo
        .error_for("form")
        .or_else(|| echo.error_for("action"))
        .map(|e| view! { <p class="form-error" role="alert">{e}</p> });
    // The token is hex (the link opened): nothing in it needs escaping in a query.
    let token = leptos_router::hooks::use_params_map()
        .read_untracked()
        .get("token")
        .unwrap_or_default();
    let sign_in = format!("/sign-in?next=/invite/{token}");
    let join = i.signed_in_as.clone().map(|name| {
        view! {
            <form method="post" class="plan-form join">
                <input type="hidden" name="action" value="join" />
                <p>{lang.t_with("invite-signed-in-as", &[("name", FluentValue::from(name))])}</p>
                <p><button type="submit">{lang.t("invite-join")}</button></p>
            </form>
        }
    });
    let create = i.signed_in_as.is_none().then(|| {
        view! {
            <h2>{lang.t("invite-new-account")}</h2>
            <form method="post" class="plan-form create-account">
                <input type="hidden" name="action" value="create" />
                {field("display_name", lang.t("setup-name"), "text", String::new())}
                {field("email", lang.t("members-email"), "email", i.email.clone())}
                {field("password", lang.t("sign-in-password"), "password", String::new())}
                {field("password_again", lang.t("setup-password-again"), "password", String::new())}
                <p><button type="submit">{lang.t("invite-create")}</button></p>
            </form>
            <p>{lang.t("invite-have-account")}" "<a href=sign_in.clone()>{lang.t("sign-in-title")}</a></p>
        }
    });
    view! {
        <section class="invitation narrow planning">
            <h1>{lang.t("invite-title")}</h1>
            <p>{intro}</p>
            {by.map(|b| view! { <p class="hint">{b}</p> })}
            {form_error}
            {join}
            {create}
        </section>
    }
}
