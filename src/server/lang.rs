//! Picks the language of a request and says so in the response.

use http::HeaderValue;
use http::header::{ACCEPT_LANGUAGE, CONTENT_LANGUAGE, COOKIE, SET_COOKIE, VARY};
use leptos::prelude::use_context;
use leptos_axum::ResponseOptions;

use crate::i18n::{LANG_COOKIE, Lang};

/// The `?lang=` of an address.
fn query_lang(uri: &http::Uri) -> Option<String> {
    uri.query().and_then(|q| {
        q.split('&')
            .filter_map(|pair| pair.split_once('='))
            .find(|(k, _)| *k == "lang")
            .map(|(_, v)| v.to_owned())
    })
}

/// The language a request asks for: `?lang=`, else the language cookie, else
/// `Accept-Language`, else the default.
pub fn negotiate(uri: &http::Uri, headers: &http::HeaderMap) -> Lang {
    let cookie_lang = headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == LANG_COOKIE)
        .map(|(_, v)| v.to_owned());
    let accept = headers.get(ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
    Lang::negotiate(query_lang(uri).as_deref(), cookie_lang.as_deref(), accept)
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
/// `Content-Language`, and remembers a `?lang=` choice in a cookie.
pub fn negotiate_for_request() -> Lang {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Lang::default();
    };
    let chosen_by_link = query_lang(&parts.uri).as_deref().and_then(Lang::from_code);
    let lang = negotiate(&parts.uri, &parts.headers);
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
    }
    lang
}
