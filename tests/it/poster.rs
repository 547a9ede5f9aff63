//! The A4 poster of a gathering: public like its page, with a QR code of its calendar.

use axum::http::StatusCode;

use crate::common;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_published_gathering_has_a_poster_with_its_calendar_address() {
    let app = common::app().await;
    let (status, body) = app
        .get(
            "/o/families-association/tirana-park-2023/poster?lang=sq",
            None,
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        body.contains("Tubim publik në parkun e Rrugës Ura"),
        "{body}"
    );
    assert!(body.contains("<svg"), "the QR code is inline");
    assert!(!body.contains("<?xml"), "no XML declaration inside HTML");
    assert!(
        body.contains("http://127.0.0.1:3000/o/families-association/tirana-park-2023"),
        "the page address is printed under the code"
    );

    let (status, _) = app
        .get("/o/families-association/vigil-draft/poster", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a draft has no poster");
    let (status, _) = app
        .get("/o/families-association/no-such-gathering/poster", None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[test]
fn the_qr_code_is_an_svg_element_that_grows_with_its_text() {
    use convene::api::gathering::ssr::qr_svg;
    let short = qr_svg("https://c.example/a.ics").unwrap();
    let long = qr_svg(&format!("https://c.example/{}.ics", "x".repeat(300))).unwrap();
    assert!(short.starts_with("<svg"), "{short}");
    assert!(
        long.len() > short.len(),
        "more modules for a longer address"
    );
}
