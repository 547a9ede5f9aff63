//! Signing in and out through the real router, and who may read the members' pages.

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use convene::db::auth;

use crate::common;

use common::{PASSWORD, app};

const RUN_SHEET: &str = "/manage/o/families-association/tirana-park-2023/run-sheet";

trait SignIn {
    async fn sign_in(&self, email: &str, password: &str, origin: &str) -> (String, Option<String>);
}

impl SignIn for common::App {
    /// Posts the sign-in form; returns the redirect target and the session cookie.
    async fn sign_in(&self, email: &str, password: &str, origin: &str) -> (String, Option<String>) {
        let form = form_urlencoded::Serializer::new(String::new())
            .append_pair("email", email)
            .append_pair("password", password)
            .append_pair("next", RUN_SHEET)
            .finish();
        let request = Request::post("/sign-in")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, origin)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form))
            .unwrap();
        let (status, headers, _) = self.send(request).await;
        assert!(status.is_redirection(), "{status}");
        let location = headers[header::LOCATION].to_str().unwrap().to_owned();
        let cookie = headers
            .get(header::SET_COOKIE)
            .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned());
        if let Some(set) = headers.get(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            assert!(
                set.contains("HttpOnly") && set.contains("SameSite=Lax"),
                "{set}"
            );
        }
        (location, cookie)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_run_sheet_is_for_members_only() {
    let app = app().await;

    let (status, body) = app.get(RUN_SHEET, None).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(!body.contains("Mic 1 to the host"));

    let (location, cookie) = app
        .sign_in("outsider@example.org", PASSWORD, "http://127.0.0.1:3000")
        .await;
    assert_eq!(location, RUN_SHEET);
    let (status, body) = app.get(RUN_SHEET, cookie.as_deref()).await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "a non-member is not told it exists"
    );
    assert!(!body.contains("Mic 1 to the host"));

    let (location, cookie) = app
        .sign_in("HOST@example.org ", PASSWORD, "http://127.0.0.1:3000")
        .await;
    assert_eq!(location, RUN_SHEET);
    let cookie = cookie.expect("a session cookie");
    let (status, body) = app.get(RUN_SHEET, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    // Internal details are on the crew's sheet: cues, call links, the internal segment.
    assert!(body.contains("Mic 1 to the host"));
    assert!(body.contains("https://call.invalid/ceo"));
    assert!(body.contains("Pack-up and hand-back of the park"));
    assert!(body.contains("We ask to be able to see our relatives"));
    // The online speakers' own time: 11:24 in Tirana is 10:24 in London, and the
    // mothers' organisation speaks at 11:45, 05:45 in Toronto.
    assert!(
        body.contains("ONLINE from Europe/London, 10:24 there"),
        "speaker's local time"
    );
    assert!(
        body.contains("ONLINE from America/Toronto, 05:45 there"),
        "speaker's local time"
    );

    // The workspace lists drafts for members.
    let (status, body) = app.get("/manage", Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(body.contains("Draft: candlelight vigil"));

    // Signing out ends the session at once.
    let sign_out = |origin: Option<&str>| {
        let mut request = Request::post("/sign-out")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::COOKIE, &cookie);
        if let Some(o) = origin {
            request = request.header(header::ORIGIN, o);
        }
        request.body(Body::empty()).unwrap()
    };
    // Not from a page that says where it comes from (another site's form could be).
    let (status, _, _) = app.send(sign_out(None)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = app.send(sign_out(Some("http://127.0.0.1:3000"))).await;
    assert!(status.is_redirection());
    let (status, _) = app.get(RUN_SHEET, Some(&cookie)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn guessing_is_slowed_down_and_other_sites_cannot_post() {
    let app = app().await;
    for _ in 0..auth::MAX_FAILURES_PER_ACCOUNT {
        let (location, cookie) = app
            .sign_in(
                "host@example.org",
                "wrong password",
                "http://127.0.0.1:3000",
            )
            .await;
        assert!(location.starts_with("/sign-in?error=invalid"), "{location}");
        assert!(cookie.is_none());
    }
    // Now even the right password waits.
    let (location, cookie) = app
        .sign_in("host@example.org", PASSWORD, "http://127.0.0.1:3000")
        .await;
    assert!(
        location.starts_with("/sign-in?error=too-many"),
        "{location}"
    );
    assert!(cookie.is_none());

    let (location, cookie) = app
        .sign_in("outsider@example.org", PASSWORD, "https://evil.example")
        .await;
    assert!(location.starts_with("/sign-in?error=origin"), "{location}");
    assert!(cookie.is_none());
}

/// Twenty-five guesses for one account sent at the same moment: each is recorded before it
/// is judged, so no more than the allowance is judged; the rest are told to wait.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_burst_of_parallel_guesses_is_judged_no_more_than_the_allowance() {
    let app = app().await;
    let guesses = (0..25).map(|i| {
        let app = &app;
        async move {
            app.sign_in(
                "host@example.org",
                &format!("guess {i}"),
                "http://127.0.0.1:3000",
            )
            .await
            .0
        }
    });
    let answers = futures::future::join_all(guesses).await;
    let judged = answers
        .iter()
        .filter(|l| l.starts_with("/sign-in?error=invalid"))
        .count();
    let waiting = answers
        .iter()
        .filter(|l| l.starts_with("/sign-in?error=too-many&wait="))
        .count();
    assert!(
        judged as u64 <= auth::MAX_FAILURES_PER_ACCOUNT,
        "{judged} judged"
    );
    assert_eq!(judged + waiting, 25, "{answers:?}");
    let (status, page) = app.get("/sign-in?error=too-many&wait=1", None).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Wait a minute, then try again."),
        "the page says how long"
    );
}

/// Strangers guess an organiser's password from many addresses on the morning of a rally.
/// The organiser still signs in from where they signed in before; from a new address they
/// wait a little (not a quarter of an hour) and are let in with the right password. The
/// guessers' own address, having guessed, waits longer each time.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn strangers_guessing_never_lock_the_organiser_out() {
    let app = app().await;
    let db = &app.db;
    let email = "host@example.org";
    let start = chrono::Utc::now();
    let signs_in = |address: &'static str, password: &'static str, at| async move {
        auth::sign_in(db, email, password, address, at)
            .await
            .unwrap()
    };
    // Signed in before, from home.
    assert!(signs_in("198.51.100.7", PASSWORD, start).await.is_ok());
    // Forty guesses from twenty addresses.
    let mut at = start;
    for i in 0..40 {
        at += chrono::Duration::seconds(1);
        let address: &'static str = Box::leak(format!("203.0.113.{}", i % 20).into_boxed_str());
        let answer = signs_in(address, "summer2023", at).await;
        assert!(answer.is_err());
    }
    // From home: at once.
    let from_home = signs_in("198.51.100.7", PASSWORD, at).await;
    assert!(from_home.is_ok(), "{:?}", from_home.err());
    // From a phone on a new network: a short wait, then in.
    let wait = match signs_in("192.0.2.55", PASSWORD, at).await {
        Err(auth::SignInRefusal::TooMany(wait)) => wait,
        other => panic!("expected a wait, got {:?}", other.map(|s| s.user.email)),
    };
    assert!(
        wait <= chrono::Duration::minutes(auth::FAILURE_WINDOW_MINUTES),
        "{wait}"
    );
    let later = at + wait + chrono::Duration::seconds(1);
    assert!(signs_in("192.0.2.55", PASSWORD, later).await.is_ok());

    // One guesser, another account: five judged, then waits that double.
    let guess = |password: &'static str, at| async move {
        auth::sign_in(db, "viewer@example.org", password, "203.0.113.200", at)
            .await
            .unwrap()
            .err()
    };
    let mut at = later;
    for _ in 0..auth::MAX_FAILURES_PER_ACCOUNT {
        at += chrono::Duration::seconds(1);
        assert_eq!(
            guess("winter2023", at).await,
            Some(auth::SignInRefusal::Invalid)
        );
    }
    let Some(auth::SignInRefusal::TooMany(first)) = guess("x", at).await else {
        panic!("the sixth guess waits");
    };
    assert_eq!(first, chrono::Duration::seconds(auth::FIRST_WAIT_SECONDS));
    at += first + chrono::Duration::seconds(1);
    assert_eq!(
        guess("autumn2023", at).await,
        Some(auth::SignInRefusal::Invalid),
        "judged again after the wait"
    );
    let Some(auth::SignInRefusal::TooMany(second)) = guess("x", at).await else {
        panic!("and waits again");
    };
    assert_eq!(second, first * 2, "the wait doubles");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn signing_in_never_sends_anyone_to_another_site() {
    let app = app().await;
    // `next` as a form would carry it: a tab or a line break that browsers drop turns
    // "/<tab>/evil.example" into "//evil.example".
    for (next, expected) in [
        ("/%09/evil.example", "/manage"),
        ("/%0A/evil.example", "/manage"),
        ("/%0D%0ASet-Cookie:%20x=1", "/manage"),
        ("//evil.example", "/manage"),
        ("https://evil.example/", "/manage"),
        (
            "/o/families-association%3Flang=fa",
            "/o/families-association?lang=fa",
        ),
    ] {
        let body = format!(
            "email=host%40example.org&password={}&next={next}",
            PASSWORD.replace(' ', "+")
        );
        let request = Request::post("/sign-in")
            .header(header::HOST, "127.0.0.1:3000")
            .header(header::ORIGIN, "http://127.0.0.1:3000")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        let (status, headers, _) = app.send(request).await;
        assert_eq!(status, axum::http::StatusCode::SEE_OTHER, "{next}");
        assert_eq!(headers[header::LOCATION], expected, "{next}");
        assert!(
            headers.contains_key(header::SET_COOKIE),
            "{next}: signed in"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn responses_carry_security_headers_and_huge_bodies_are_refused() {
    let app = app().await;
    for uri in [
        "/",
        "/o/families-association/tirana-park-2023",
        "/o/families-association/calendar.ics",
    ] {
        let request = Request::get(uri)
            .header(header::HOST, "127.0.0.1:3000")
            .body(Body::empty())
            .unwrap();
        let (status, headers, _) = app.send(request).await;
        assert_eq!(status, axum::http::StatusCode::OK, "{uri}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{uri}");
        assert_eq!(headers["x-frame-options"], "DENY", "{uri}");
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'")
        );
        assert_eq!(
            headers["referrer-policy"],
            "strict-origin-when-cross-origin"
        );
    }
    for (uri, policy) in [
        ("/manage", "private, no-store"),
        // Public pages are revalidated every time: their ETag answers 304 cheaply.
        ("/o/families-association", "public, no-cache"),
    ] {
        let request = Request::get(uri)
            .header(header::HOST, "127.0.0.1:3000")
            .body(Body::empty())
            .unwrap();
        let (_, headers, _) = app.send(request).await;
        assert_eq!(headers[header::CACHE_CONTROL], policy, "{uri}");
    }
    let huge = "x".repeat(2 * 1024 * 1024);
    let request = Request::post("/sign-in")
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(format!("email=a%40b.org&password={huge}")))
        .unwrap();
    let (status, _, _) = app.send(request).await;
    assert_eq!(status, axum::http::StatusCode::PAYLOAD_TOO_LARGE);
}

/// The nonce a page's Content-Security-Policy allows, and the page.
async fn policy_and_page(app: &common::App, uri: &str, cookie: Option<&str>) -> (String, String) {
    let mut request = Request::get(uri).header(header::HOST, "127.0.0.1:3000");
    if let Some(c) = cookie {
        request = request.header(header::COOKIE, c);
    }
    let (_, headers, body) = app.send(request.body(Body::empty()).unwrap()).await;
    let policy = headers[header::CONTENT_SECURITY_POLICY]
        .to_str()
        .unwrap()
        .to_owned();
    (policy, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn pages_run_only_scripts_that_carry_their_one_time_nonce() {
    let app = app().await;
    let owner = app.cookie(common::OWNER).await;
    let mut nonces = Vec::new();
    for (uri, cookie) in [
        ("/", None),
        (
            "/manage/o/families-association/tirana-park-2023/live",
            Some(owner.as_str()),
        ),
        (
            "/manage/o/families-association/tirana-park-2023/run-sheet",
            Some(owner.as_str()),
        ),
        ("/no-such-page", None),
        ("/o/families-association/no-such-gathering", None),
    ] {
        let (policy, page) = policy_and_page(&app, uri, cookie).await;
        let nonce = policy
            .split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .unwrap_or_else(|| panic!("{uri}: no nonce in {policy}"));
        assert!(nonce.len() >= 16, "{uri}: {nonce}");
        assert!(!policy.contains("unsafe-inline"), "{uri}: {policy}");
        assert!(policy.contains("frame-ancestors 'none'"), "{uri}");
        let scripts: Vec<&str> = page
            .split("<script")
            .skip(1)
            .map(|rest| rest.split('>').next().unwrap_or(""))
            .collect();
        assert!(!scripts.is_empty(), "{uri}: the page hydrates with scripts");
        for tag in scripts {
            assert!(
                tag.contains(&format!("nonce=\"{nonce}\"")),
                "{uri}: a script without the page's nonce: <script{tag}>"
            );
        }
        for handler in [" onclick=", " onload=", " onerror=", " onsubmit="] {
            assert!(!page.contains(handler), "{uri}: inline handler {handler}");
        }
        nonces.push(nonce.to_owned());
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 5, "every page gets its own nonce");

    // A public page is kept and sent many times, so no nonce can be its secret: the
    // policy names each of its inline scripts by digest, and nothing else runs inline.
    for uri in [
        "/o/families-association/tirana-park-2023",
        "/o/families-association",
    ] {
        for _ in 0..2 {
            let (policy, page) = policy_and_page(&app, uri, None).await;
            assert!(!policy.contains("'nonce-"), "{uri}: {policy}");
            assert!(!policy.contains("unsafe-inline"), "{uri}: {policy}");
            assert!(!page.contains(" nonce="), "{uri}: a nonce sent twice");
            let mut inline = 0;
            for piece in page.split("<script").skip(1) {
                let (tag, rest) = piece.split_once('>').unwrap();
                if tag.contains(" src=") {
                    continue;
                }
                inline += 1;
                let code = &rest[..rest.find("</script>").unwrap()];
                use sha2::Digest;
                let digest = base64_of(&sha2::Sha256::digest(code.as_bytes()));
                assert!(
                    policy.contains(&format!("'sha256-{digest}'")),
                    "{uri}: an inline script the policy does not name"
                );
            }
            assert!(inline > 0, "{uri}: the page hydrates its islands");
            for handler in [" onclick=", " onload=", " onerror=", " onsubmit="] {
                assert!(!page.contains(handler), "{uri}: inline handler {handler}");
            }
        }
    }

    let (policy, _) = policy_and_page(&app, "/o/families-association/calendar.ics", None).await;
    assert!(
        policy.contains("script-src 'none'"),
        "a feed runs nothing: {policy}"
    );
}

/// Standard base64 with padding (RFC 4648), as CSP hash sources are written.
fn base64_of(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// A request that claims another `Host`: the links of the public page, the feed, the
/// poster and an invitation still name this site, and a form posted from the forged host's
/// pages (its `Origin` matching the forged `Host`) is refused, as is a post a browser
/// marks cross-site, and a signed-in post that says nothing of where it comes from.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_forged_host_reaches_no_link_and_no_form() {
    let app = app().await;
    let forged = |uri: &str| {
        Request::get(uri)
            .header(header::HOST, "evil.example")
            .header("x-forwarded-proto", "https")
            .body(Body::empty())
            .unwrap()
    };
    for uri in [
        "/o/families-association/tirana-park-2023",
        "/o/families-association/calendar.ics",
        "/o/families-association/feed.atom",
        "/o/families-association/tirana-park-2023/poster",
    ] {
        let (status, _, body) = app.send(forged(uri)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert!(
            !body.contains("evil.example"),
            "{uri} links to the forged host"
        );
        assert!(body.contains("127.0.0.1:3000"), "{uri} links to the site");
    }
    let owner = app.cookie(common::OWNER).await;
    let invite = "action=invite&email=new%40example.org&role=viewer";
    let post = |headers: &[(&str, &str)], cookie: &str| {
        let mut request = Request::post("/manage/o/families-association/members")
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(header::COOKIE, cookie);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        request.body(Body::from(invite)).unwrap()
    };
    for (what, headers) in [
        (
            "origin of the forged host",
            &[("host", "evil.example"), ("origin", "http://evil.example")][..],
        ),
        (
            "cross-site",
            &[("host", "127.0.0.1:3000"), ("sec-fetch-site", "cross-site")][..],
        ),
        (
            "neither origin nor fetch site",
            &[("host", "127.0.0.1:3000")][..],
        ),
    ] {
        let (status, _, _) = app.send(post(headers, &owner)).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{what}");
    }
    let (status, _, page) = app
        .send(post(
            &[
                ("origin", "http://localhost:3000"),
                ("host", "evil.example"),
            ],
            &owner,
        ))
        .await;
    assert_eq!(status, StatusCode::OK, "the site's own page may post");
    assert!(
        page.contains("http://127.0.0.1:3000/invite/"),
        "the link names the site"
    );
    assert!(!page.contains("evil.example"));
}
