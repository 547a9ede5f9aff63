//! Picks the language of a request and says so in the response.

use http::HeaderValue;
use http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, COOKIE, SET_COOKIE, VARY};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use crate::db::entities::organisation;
use crate::i18n::{LANG_COOKIE, Lang, Texts};

/// The cookie that remembers the language a visitor chose to read texts in, when it is
/// one the interface does not speak (`?lang=sv`).
pub const TEXTS_COOKIE: &str = "texts";

/// The `?lang=` of an address.
fn query_lang(uri: &http::Uri) -> Option<String> {
    uri.query().and_then(|q| {
        q.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "lang")
            .map(|(_, v)| v.to_owned())
    })
}

/// The value of cookie `name`.
fn cookie(headers: &http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// The language a request asks for: `?lang=`, else the language cookie, else
/// `Accept-Language`, else the default.
pub fn negotiate(uri: &http::Uri, headers: &http::HeaderMap) -> Lang {
    let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::negotiate(
        query_lang(uri).as_deref(),
        cookie(headers, LANG_COOKIE).as_deref(),
        accept,
    )
}

/// What a request would read texts in, best first: `?lang=`, the texts cookie, the
/// interface-language cookie, `Accept-Language`, then the interface's language.
fn texts_preferences(uri: &http::Uri, headers: &http::HeaderMap) -> Vec<String> {
    let accept = headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(accept_language::parse)
        .unwrap_or_default();
    query_lang(uri)
        .into_iter()
        .chain(cookie(headers, TEXTS_COOKIE))
        .chain(cookie(headers, LANG_COOKIE))
        .chain(accept)
        .chain([negotiate(uri, headers).code().to_owned()])
        .collect()
}

/// The language `org`'s texts are read in for this request, among those it offers,
/// and its languages the interface does not speak.
pub fn texts_for(org: &organisation::Model, uri: &http::Uri, headers: &http::HeaderMap) -> Texts {
    let offered = org.offered_languages();
    let preferences = texts_preferences(uri, headers);
    let current = crate::domain::content::choose(
        preferences.iter().map(String::as_str),
        &org.default_language,
        &offered,
    );
    let mut more: Vec<_> = offered
        .into_iter()
        .filter(|l| Lang::from_code(&l.tag).is_none())
        .collect();
    if Lang::from_code(&org.default_language).is_none() {
        more.insert(
            0,
            crate::domain::content::ContentLanguage {
                tag: org.default_language.clone(),
                name: String::new(),
            },
        );
    }
    Texts { current, more }
}

/// The language of a request known only by its headers (no `?lang=`).
pub fn negotiate_headers(headers: &http::HeaderMap) -> Lang {
    negotiate(&http::Uri::from_static("/"), headers)
}

/// A plain-text answer with `status`, saying `message` in `lang`.
pub fn refuse(
    status: http::StatusCode,
    lang: Lang,
    message: &crate::domain::Message,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    (status, lang.say(message)).into_response()
}

/// The language for the current request (`?lang=`, cookie, `Accept-Language`); sets
/// `Content-Language`, remembers a `?lang=` choice in a cookie (the interface's, and
/// the texts'), and makes the texts language chosen for the page's organisation
/// (`Texts`, put on the request by `published::public_pages`) known to the page.
pub fn negotiate_for_request() -> Lang {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Lang::default();
    };
    let asked = query_lang(&parts.uri);
    let chosen_by_link = asked.as_deref().and_then(Lang::from_code);
    let texts_by_link = asked
        .as_deref()
        .and_then(|t| crate::domain::LanguageTag::parse("lang", t).ok());
    let lang = negotiate(&parts.uri, &parts.headers);
    if let Some(texts) = parts.extensions.get::<Texts>() {
        leptos::prelude::provide_context(texts.clone());
    }
    if let Some(res) = use_context::<ResponseOptions>() {
        res.insert_header(CONTENT_LANGUAGE, HeaderValue::from_static(lang.code()));
        res.append_header(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
        if let Some(l) = chosen_by_link {
            let cookie = format!(
                "{LANG_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax",
                l.code()
            );
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.append_header(SET_COOKIE, v);
            }
        }
        if let Some(t) = texts_by_link {
            let cookie = format!("{TEXTS_COOKIE}={t}; Path=/; Max-Age=31536000; SameSite=Lax");
            if let Ok(v) = HeaderValue::from_str(&cookie) {
                res.append_header(SET_COOKIE, v);
            }
        }
    }
    lang
}
