//! What convene publishes (feeds, Atom, public pages), answered from the organisation's
//! content version.
//!
//! Rules kept here:
//! - Every published answer is keyed by what was asked (address, language, options) and
//!   by the organisation's `content_version`, which the database raises, by trigger, in
//!   the same commit as any change to a row anything public is made from. A body is
//!   rendered once per version and reused, compressed once per encoding, until the
//!   version moves; an unchanged answer is a `304` from memory, with no gathering read.
//! - The ETag is a digest of the body itself, so it changes exactly when the body does:
//!   an edit elsewhere in the organisation costs one render, never a needless download.
//! - `Last-Modified` is when the organisation's content changed in the version where
//!   this body first appeared; it never moves backwards (Apple Calendar revalidates by
//!   date), also when a gathering is unpublished or deleted.
//! - Each request reads the organisation's row (one indexed row, its version with it)
//!   and nothing more when the answer for that version is in memory: every instance,
//!   and every other process writing the same database, is seen at once, with no
//!   message to lose.
//! - An answer that depends on the clock (a page splitting "coming up" from "held")
//!   says until when it holds, and is rendered again after that.

use std::future::Future;
use std::io::Write;
use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, TimeZone, Timelike, Utc};
use sea_orm::DatabaseConnection;
use sha2::{Digest, Sha256};

use crate::db::entities::organisation;
use crate::domain::say;
use crate::error::AppError;
// Pages say until when they hold with `crate::responses::holds_until`; the page cache
// reads that header and never sends it on.
use crate::responses::HOLDS_UNTIL;

/// Bytes of rendered bodies kept (plus their compressed forms).
const CAPACITY_BYTES: u64 = 48 * 1024 * 1024;
/// Bodies at least this big are compressed on a blocking thread.
const BLOCKING_COMPRESS_BYTES: usize = 64 * 1024;
/// Bumped when the rendering changes, so old ETags stop matching.
const FORMAT: &str = "convene-2";

/// A rendered body and how to send it.
pub struct Rendered {
    /// Moved into the kept answer once settled.
    pub body: String,
    pub content_type: &'static str,
    /// `Content-Language`: the language of the texts.
    pub language: String,
    pub cache_control: &'static str,
    /// The answer no longer holds after this instant (it depends on the clock).
    pub valid_until: Option<DateTime<Utc>>,
    /// More headers (a page's Content-Security-Policy).
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

impl Rendered {
    /// A body with no clock dependency and no extra headers.
    pub fn new(
        body: String,
        content_type: &'static str,
        language: String,
        cache_control: &'static str,
    ) -> Self {
        Self {
            body,
            content_type,
            language,
            cache_control,
            valid_until: None,
            headers: Vec::new(),
        }
    }
}

/// One answer, ready to send many times.
struct Answer {
    rendered: Rendered,
    body: Bytes,
    etag: String,
    last_modified: DateTime<Utc>,
    /// The validators as sent, made once.
    etag_header: Option<HeaderValue>,
    date_header: Option<HeaderValue>,
    language_header: Option<HeaderValue>,
    gzip: OnceLock<Bytes>,
    brotli: OnceLock<Bytes>,
}

impl Answer {
    /// The body in `encoding`, compressed on first use.
    fn compressed(&self, encoding: Encoding) -> Bytes {
        match encoding {
            Encoding::Brotli => self.brotli.get_or_init(|| brotli(&self.body)).clone(),
            Encoding::Gzip => self.gzip.get_or_init(|| gzip(&self.body)).clone(),
            Encoding::Identity => self.body.clone(),
        }
    }

    fn weight(&self) -> u64 {
        let compressed =
            self.gzip.get().map_or(0, Bytes::len) + self.brotli.get().map_or(0, Bytes::len);
        // Compressed forms come later; count room for them from the start.
        (self.body.len() + compressed.max(self.body.len() / 3) + 512) as u64
    }
}

#[derive(Clone)]
struct ByBytes;

impl quick_cache::Weighter<(String, i64), Arc<Answer>> for ByBytes {
    fn weight(&self, key: &(String, i64), answer: &Arc<Answer>) -> u64 {
        key.0.len() as u64 + answer.weight()
    }
}

/// The last body sent for an address, whatever the version: its ETag and date.
#[derive(Clone)]
struct Last {
    etag: String,
    last_modified: DateTime<Utc>,
}

struct Inner {
    db: DatabaseConnection,
    answers: quick_cache::sync::Cache<(String, i64), Arc<Answer>, ByBytes>,
    last: quick_cache::sync::Cache<String, Last>,
}

/// The published answers of every organisation (cheap to clone).
#[derive(Clone)]
pub struct Published(Arc<Inner>);

impl Published {
    /// Answers for `db`.
    pub fn new(db: DatabaseConnection) -> Self {
        Self(Arc::new(Inner {
            answers: quick_cache::sync::Cache::with_weighter(4096, CAPACITY_BYTES, ByBytes),
            last: quick_cache::sync::Cache::new(65_536),
            db,
        }))
    }

    /// The organisation with this address, with its current content version.
    pub async fn organisation(&self, slug: &str) -> Result<organisation::Model, AppError> {
        crate::db::queries::organisation_by_slug(&self.0.db, slug)
            .await?
            .ok_or(AppError::NotFound)
    }

    /// The answer at `key` for `org`'s current version: from memory when it is there,
    /// else rendered by `render` (once, however many ask at the same moment).
    pub async fn answer<F, Fut>(
        &self,
        org: &organisation::Model,
        key: String,
        request: &HeaderMap,
        render: F,
    ) -> Result<Response, AppError>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Rendered, AppError>>,
    {
        let cache_key = (key, org.content_version);
        if let Some(found) = self.0.answers.get(&cache_key)
            && found
                .rendered
                .valid_until
                .is_some_and(|until| until <= Utc::now())
        {
            self.0.answers.remove(&cache_key);
        }
        let changed_at = micros(org.content_changed_us);
        let answer = self
            .0
            .answers
            .get_or_insert_async(&cache_key, async {
                let rendered = render().await?;
                Ok::<_, AppError>(Arc::new(self.settle(&cache_key.0, rendered, changed_at)))
            })
            .await?;
        let encoding = encoding(request);
        if answer.body.len() >= BLOCKING_COMPRESS_BYTES && !not_modified_by(&answer, request) {
            // A big body is compressed once, off the threads that answer requests.
            let kept = answer.clone();
            let _ = tokio::task::spawn_blocking(move || kept.compressed(encoding)).await;
        }
        Ok(send(&answer, request, encoding))
    }

    /// Gives a new body its ETag and date, remembering them for the next version.
    fn settle(&self, key: &str, mut rendered: Rendered, changed_at: DateTime<Utc>) -> Answer {
        let etag = etag(rendered.body.as_bytes());
        // HTTP dates count whole seconds: a new body gets a later second than the last.
        let changed_at = changed_at.with_nanosecond(0).unwrap_or(changed_at);
        let last_modified = match self.0.last.get(key) {
            Some(last) if last.etag == etag => last.last_modified,
            Some(last) => changed_at.max(last.last_modified + chrono::TimeDelta::seconds(1)),
            None => changed_at,
        };
        self.0.last.insert(
            key.to_owned(),
            Last {
                etag: etag.clone(),
                last_modified,
            },
        );
        let body = Bytes::from(std::mem::take(&mut rendered.body).into_bytes());
        let language_header = HeaderValue::from_str(&rendered.language).ok();
        Answer {
            rendered,
            body,
            etag_header: HeaderValue::from_str(&etag).ok(),
            date_header: HeaderValue::from_str(&http_date(last_modified)).ok(),
            language_header,
            etag,
            last_modified,
            gzip: OnceLock::new(),
            brotli: OnceLock::new(),
        }
    }
}

fn micros(us: i64) -> DateTime<Utc> {
    Utc.timestamp_micros(us).single().unwrap_or_default()
}

/// A strong validator: a digest of the body.
pub fn etag(body: &[u8]) -> String {
    let mut hash = Sha256::new();
    hash.update(FORMAT);
    hash.update([0]);
    hash.update(body);
    let digest = hash.finalize();
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// Whether the client's copy is current: `If-None-Match` when sent (RFC 9110, 13.2.2),
/// else `If-Modified-Since`.
pub fn not_modified(headers: &HeaderMap, tag: &str, modified: Option<DateTime<Utc>>) -> bool {
    if let Some(inm) = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
    {
        return inm.trim() == "*"
            || inm
                .split(',')
                .map(|t| t.trim().trim_start_matches("W/"))
                .any(|t| t == tag);
    }
    match (
        headers
            .get(header::IF_MODIFIED_SINCE)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| DateTime::parse_from_rfc2822(v).ok()),
        modified,
    ) {
        (Some(since), Some(m)) => m.timestamp() <= since.timestamp(),
        _ => false,
    }
}

/// An HTTP date (RFC 9110, 5.6.7).
pub fn http_date(t: DateTime<Utc>) -> String {
    t.format("%a, %d %b %Y %H:%M:%S GMT").to_string()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Brotli,
    Gzip,
    Identity,
}

/// The best encoding the client accepts: brotli, then gzip, else none.
fn encoding(request: &HeaderMap) -> Encoding {
    let Some(accepted) = request
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return Encoding::Identity;
    };
    let accepts = |name: &str| {
        accepted.split(',').any(|item| {
            let mut parts = item.split(';');
            let coding = parts.next().unwrap_or("").trim();
            let q = parts
                .find_map(|p| p.trim().strip_prefix("q="))
                .and_then(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            coding.eq_ignore_ascii_case(name) && q > 0.0
        })
    };
    if accepts("br") {
        Encoding::Brotli
    } else if accepts("gzip") {
        Encoding::Gzip
    } else {
        Encoding::Identity
    }
}

fn gzip(body: &[u8]) -> Bytes {
    let mut out = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    if out.write_all(body).is_err() {
        return Bytes::new();
    }
    out.finish().map(Bytes::from).unwrap_or_default()
}

fn brotli(body: &[u8]) -> Bytes {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 4, 20);
        if writer.write_all(body).is_err() {
            return Bytes::new();
        }
    }
    Bytes::from(out)
}

/// Whether the client's copy of this answer is current.
fn not_modified_by(answer: &Answer, request: &HeaderMap) -> bool {
    not_modified(request, &answer.etag, Some(answer.last_modified))
}

fn send(answer: &Answer, request: &HeaderMap, encoding: Encoding) -> Response {
    let r = &answer.rendered;
    let mut out = HeaderMap::with_capacity(8 + r.headers.len());
    if let Some(v) = &answer.etag_header {
        out.insert(header::ETAG, v.clone());
    }
    if let Some(v) = &answer.date_header {
        out.insert(header::LAST_MODIFIED, v.clone());
    }
    out.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(r.cache_control),
    );
    if let Some(v) = &answer.language_header {
        out.insert(header::CONTENT_LANGUAGE, v.clone());
    }
    out.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    for (name, value) in &r.headers {
        // A page may set several cookies (its interface and its texts language).
        if name == header::SET_COOKIE {
            out.append(name.clone(), value.clone());
        } else {
            out.insert(name.clone(), value.clone());
        }
    }
    if not_modified_by(answer, request) {
        return (StatusCode::NOT_MODIFIED, out).into_response();
    }
    out.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(r.content_type),
    );
    // Small bodies are not worth a compressed copy.
    let encoding = if answer.body.len() < 256 {
        Encoding::Identity
    } else {
        encoding
    };
    match encoding {
        Encoding::Brotli => {
            out.insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        }
        Encoding::Gzip => {
            out.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        }
        Encoding::Identity => {}
    }
    (StatusCode::OK, out, answer.compressed(encoding)).into_response()
}

/// A page is rendered again after this long even when nothing says it changes.
const PAGE_LONGEST: chrono::TimeDelta = chrono::TimeDelta::hours(1);

/// The organisation of a public page's address (`/o/{org}` and the pages under it,
/// not its feeds).
fn public_page_org(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/o/")?;
    if [".ics", ".atom", ".xml", ".json"]
        .iter()
        .any(|ext| rest.ends_with(ext))
    {
        return None;
    }
    let org = rest.split('/').next()?;
    (!org.is_empty()).then_some(org)
}

/// The organisation of a members' preview of a public page
/// (`/manage/o/{org}/{slug}/preview`).
fn preview_org(path: &str) -> Option<&str> {
    let rest = path.strip_prefix("/manage/o/")?.strip_suffix("/preview")?;
    let (org, slug) = rest.split_once('/')?;
    (!org.is_empty() && !slug.is_empty() && !slug.contains('/')).then_some(org)
}

/// Public pages as published answers: rendered by Leptos once per content version
/// (and language), then answered from memory, with an ETag and `304`s. The page's
/// one-time nonce cannot be sent twice, so a kept page lists its inline scripts by
/// their SHA-256 in its Content-Security-Policy instead.
pub async fn public_pages(
    axum::extract::State(published): axum::extract::State<Published>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    use axum::http::Method;
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return next.run(request).await;
    }
    let mut request = request;
    let Some(slug) = public_page_org(request.uri().path()).map(str::to_owned) else {
        // A preview reads its texts as the public page would.
        if let Some(slug) = preview_org(request.uri().path())
            && let Ok(org) = published.organisation(slug).await
        {
            let texts = super::lang::texts_for(&org, request.uri(), request.headers());
            request.extensions_mut().insert(texts);
        }
        // Members' pages, feeds and files: not kept, but not left to stall either.
        return render_page(request, next).await;
    };
    // "My programme" is whatever list of sessions an address names: rendered for each
    // request, not kept (the calendar it offers is kept by its digest).
    if request.uri().path().ends_with("/my") {
        if let Ok(org) = published.organisation(&slug).await {
            let texts = super::lang::texts_for(&org, request.uri(), request.headers());
            request.extensions_mut().insert(texts);
        }
        return render_page(request, next).await;
    }
    let Ok(org) = published.organisation(&slug).await else {
        return render_page(request, next).await;
    };
    let headers = request.headers().clone();
    let lang = crate::server::lang::negotiate(request.uri(), &headers);
    let texts = super::lang::texts_for(&org, request.uri(), &headers);
    let key = format!(
        "page {} {} {}",
        request
            .uri()
            .path_and_query()
            .map_or(request.uri().path(), |p| p.as_str()),
        lang.code(),
        texts.current,
    );
    request.extensions_mut().insert(texts);
    // An answer that is not a page to keep (a 404, a redirect) goes out as it came.
    let passed = std::sync::Mutex::new(None);
    let answer = published
        .answer(&org, key, &headers, || async {
            let response = render_page(request, next).await;
            let html = response
                .headers()
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.starts_with("text/html"));
            if response.status() != StatusCode::OK || !html {
                if let Ok(mut slot) = passed.lock() {
                    *slot = Some(response);
                }
                return Err(AppError::NotFound);
            }
            keep_page(response, lang).await
        })
        .await;
    match answer {
        Ok(response) => response,
        Err(e) => match passed.lock().ok().and_then(|mut slot| slot.take()) {
            Some(response) => response,
            None => {
                let status =
                    StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
                super::lang::refuse(status, lang, &say!("refusal-page-failed"))
            }
        },
    }
}

/// How long a page may take to render before it is rendered again. Pages take
/// milliseconds; a render that waits on a resource whose wake-up was lost never ends
/// (leptos-rs/leptos#4647; seen twice in this project's test runs), and everyone
/// asking for that page would wait on it.
const RENDER_LIMIT: std::time::Duration = std::time::Duration::from_secs(10);

/// Renders a page through Leptos, once more if the first render stalls.
async fn render_page(request: axum::extract::Request, next: axum::middleware::Next) -> Response {
    let (parts, _) = request.into_parts();
    let uri = parts.uri.clone();
    let lang = super::lang::negotiate(&parts.uri, &parts.headers);
    in_time(&uri, lang, || {
        let request = axum::extract::Request::from_parts(parts.clone(), axum::body::Body::empty());
        next.clone().run(request)
    })
    .await
}

/// Runs `render` (a page render, or anything that answers once the page is made), once
/// more if the first stalls past [`RENDER_LIMIT`]; a second stall answers 503. Every
/// page goes through here: public pages in [`public_pages`], members' pages and the
/// pages a refused form renders again.
pub(crate) async fn in_time<F, Fut>(
    what: &axum::http::Uri,
    lang: crate::i18n::Lang,
    mut render: F,
) -> Response
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    for attempt in 1..=2 {
        match tokio::time::timeout(RENDER_LIMIT, render()).await {
            Ok(response) => return response,
            Err(_) => {
                tracing::warn!(path = %what, attempt, "a page render stalled; rendering it again")
            }
        }
    }
    super::lang::refuse(
        StatusCode::SERVICE_UNAVAILABLE,
        lang,
        &say!("refusal-page-stalled"),
    )
}

/// A rendered page made fit to send many times.
async fn keep_page(response: Response, lang: crate::i18n::Lang) -> Result<Rendered, AppError> {
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, 32 * 1024 * 1024)
        .await
        .map_err(|e| AppError::internal("reading a rendered page", e))?;
    let mut html =
        String::from_utf8(bytes.to_vec()).map_err(|e| AppError::internal("page text", e))?;
    let policy = parts
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Some(nonce) = policy
        .split_whitespace()
        .find_map(|t| t.strip_prefix("'nonce-")?.strip_suffix('\''))
        .filter(|n| !n.is_empty())
    {
        html = html
            .replace(&format!(" nonce=\"{nonce}\""), "")
            .replace(nonce, "");
    }
    let hashes = inline_script_hashes(&html);
    let mut headers = Vec::new();
    if let Ok(v) = HeaderValue::from_str(&super::policy::page_with_hashes(&hashes)) {
        headers.push((header::CONTENT_SECURITY_POLICY, v));
    }
    headers.push((
        header::VARY,
        HeaderValue::from_static("Accept-Encoding, Accept-Language, Cookie"),
    ));
    for cookie in parts.headers.get_all(header::SET_COOKIE) {
        headers.push((header::SET_COOKIE, cookie.clone()));
    }
    let now = Utc::now();
    let holds = parts
        .headers
        .get_all(HOLDS_UNTIL)
        .iter()
        .filter_map(|v| v.to_str().ok()?.parse::<i64>().ok())
        .filter_map(|t| Utc.timestamp_opt(t, 0).single())
        .filter(|t| *t > now)
        .min();
    let longest = now + PAGE_LONGEST;
    Ok(Rendered {
        body: html,
        content_type: "text/html; charset=utf-8",
        language: lang.code().to_owned(),
        cache_control: "public, no-cache",
        valid_until: Some(holds.map_or(longest, |t| t.min(longest))),
        headers,
    })
}

/// The `'sha256-…'` sources of a page's inline scripts, for its policy.
fn inline_script_hashes(html: &str) -> Vec<String> {
    use base64::Engine;
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find("<script") {
        let after = &rest[open..];
        let Some(tag_end) = after.find('>') else {
            break;
        };
        let tag = &after[..tag_end];
        let body = &after[tag_end + 1..];
        let Some(close) = body.find("</script>") else {
            break;
        };
        if !tag.contains(" src=") {
            let digest = Sha256::digest(&body.as_bytes()[..close]);
            let hash = base64::engine::general_purpose::STANDARD.encode(digest);
            let source = format!("'sha256-{hash}'");
            if !found.contains(&source) {
                found.push(source);
            }
        }
        rest = &body[close..];
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditional_requests_match_the_etag_or_the_date() {
        let mut h = HeaderMap::new();
        let tag = etag(b"a");
        assert!(!not_modified(&h, &tag, None));
        h.insert(header::IF_NONE_MATCH, HeaderValue::from_str(&tag).unwrap());
        assert!(not_modified(&h, &tag, None));
        assert!(!not_modified(&h, &etag(b"b"), None));
        let mut h = HeaderMap::new();
        let m = DateTime::parse_from_rfc3339("2023-11-20T09:30:00Z")
            .unwrap()
            .with_timezone(&Utc);
        h.insert(
            header::IF_MODIFIED_SINCE,
            HeaderValue::from_str(&http_date(m)).unwrap(),
        );
        assert!(not_modified(&h, &tag, Some(m)));
        assert!(!not_modified(
            &h,
            &tag,
            Some(m + chrono::Duration::seconds(1))
        ));
    }

    #[test]
    fn inline_scripts_are_listed_by_their_digest() {
        let html = "<head><script type=\"module\">import('/pkg/a.js')</script>\
                    <script src=\"/pkg/b.js\"></script><script>x()</script></head>";
        let hashes = inline_script_hashes(html);
        assert_eq!(hashes.len(), 2, "{hashes:?}");
        use base64::Engine;
        let want = base64::engine::general_purpose::STANDARD
            .encode(Sha256::digest(b"import('/pkg/a.js')"));
        assert_eq!(hashes[0], format!("'sha256-{want}'"));
    }

    #[test]
    fn only_public_pages_of_an_organisation_are_kept() {
        assert_eq!(
            public_page_org("/o/families-association"),
            Some("families-association")
        );
        assert_eq!(public_page_org("/o/f/tirana-park-2023"), Some("f"));
        assert_eq!(public_page_org("/o/f/calendar.ics"), None);
        assert_eq!(public_page_org("/o/f/feed.atom"), None);
        assert_eq!(public_page_org("/manage/o/f"), None);
        assert_eq!(public_page_org("/o/"), None);
        assert_eq!(preview_org("/manage/o/f/tirana/preview"), Some("f"));
        assert_eq!(preview_org("/manage/o/f/tirana/edit"), None);
        assert_eq!(preview_org("/manage/o/f/a/b/preview"), None);
    }

    #[test]
    fn the_best_accepted_encoding_is_chosen() {
        let with = |v: &'static str| {
            let mut h = HeaderMap::new();
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            encoding(&h)
        };
        assert_eq!(encoding(&HeaderMap::new()), Encoding::Identity);
        assert_eq!(with("gzip, deflate, br"), Encoding::Brotli);
        assert_eq!(with("gzip, br;q=0"), Encoding::Gzip);
        assert_eq!(with("identity"), Encoding::Identity);
    }

    #[test]
    fn compressed_bodies_decompress_to_the_body() {
        use std::io::Read;
        let body = "BEGIN:VCALENDAR\r\n".repeat(200);
        let mut text = String::new();
        flate2::read::GzDecoder::new(&gzip(body.as_bytes())[..])
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, body);
        let mut text = String::new();
        brotli::Decompressor::new(&brotli(body.as_bytes())[..], 4096)
            .read_to_string(&mut text)
            .unwrap();
        assert_eq!(text, body);
    }
}
