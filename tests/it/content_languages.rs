//! Texts in the languages an organisation offers, beyond the interface's three: the
//! Stockholm audience reads Swedish titles around an English (or Persian) interface,
//! on the public pages and in the calendar feeds, and organisers add and remove the
//! languages they translate into without losing a translation.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{ORG, ORGANISER, OWNER, app};

const STOCKHOLM: &str = "/o/families-association/stockholm-screening-2024";
const SETTINGS: &str = "/manage/o/families-association/settings";
const SWEDISH_TITLE: &str = "Visning: Barnen från Camp Ashraf";

/// A public page asked with these headers: status, `Content-Language`, body.
async fn page_with(
    app: &common::App,
    uri: &str,
    headers: &[(header::HeaderName, &str)],
) -> (StatusCode, String, String) {
    let mut request = Request::get(uri).header(header::HOST, "127.0.0.1:3000");
    for (name, value) in headers {
        request = request.header(name, *value);
    }
    let (status, h, body) = app.send(request.body(Body::empty()).unwrap()).await;
    let language = h
        .get(header::CONTENT_LANGUAGE)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (status, language, body)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_swedish_visitor_reads_swedish_texts_around_the_interface_they_chose() {
    let app = app().await;
    // Asked by address: Swedish texts, marked as Swedish, in an English interface.
    let (status, _, page) = page_with(&app, &format!("{STOCKHOLM}?lang=sv"), &[]).await;
    assert_eq!(status, StatusCode::OK);
    let page = page.replace("<!>", "");
    assert!(
        page.contains("<html lang=\"en\""),
        "the interface stays English"
    );
    assert!(page.contains(SWEDISH_TITLE), "{page}");
    assert!(
        page.contains("lang=\"sv\""),
        "the Swedish title is marked as Swedish"
    );
    assert!(page.contains("Välkommen"), "the agenda is in Swedish too");
    // The header offers Swedish beside the interface's languages, as the current one.
    assert!(
        page.contains("hreflang=\"sv\" lang=\"sv\" aria-current=\"true\">Svenska</a>"),
        "{page}"
    );
    // The calendar links ask for Swedish texts.
    assert!(page.contains("calendar.ics?lang=sv"), "{page}");

    // A browser that prefers Swedish gets Swedish texts without asking by address; the
    // interface, which speaks no Swedish, falls to the next language (Persian).
    let accept = [(header::ACCEPT_LANGUAGE, "sv-SE,sv;q=0.9,fa;q=0.5")];
    let (_, _, page) = page_with(&app, STOCKHOLM, &accept).await;
    assert!(page.contains("<html lang=\"fa\" dir=\"rtl\""), "{page}");
    assert!(page.contains(SWEDISH_TITLE), "{page}");

    // A Persian visitor reads the Persian texts; an English one the English.
    let (_, _, page) = page_with(&app, &format!("{STOCKHOLM}?lang=fa"), &[]).await;
    assert!(page.contains("نمایش فیلم: کودکان کمپ اشرف"), "{page}");
    let (_, _, page) = page_with(&app, &format!("{STOCKHOLM}?lang=en"), &[]).await;
    assert!(page.contains("Screening: The Children of Camp Ashraf"));
    assert!(!page.contains(SWEDISH_TITLE));

    // The choice is remembered for the next page: the organisation's page lists the
    // screening by its Swedish title.
    let (_, h, _) = app
        .send(
            Request::get(format!("{STOCKHOLM}?lang=sv"))
                .header(header::HOST, "127.0.0.1:3000")
                .body(Body::empty())
                .unwrap(),
        )
        .await;
    let remembered = h
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| v.to_str().unwrap().split(';').next().unwrap().to_owned())
        .find(|c| c.starts_with("texts="))
        .expect("a texts cookie");
    assert_eq!(remembered, "texts=sv");
    let (_, _, home) =
        page_with(&app, &format!("/o/{ORG}"), &[(header::COOKIE, &remembered)]).await;
    assert!(home.contains(SWEDISH_TITLE), "{home}");
    assert!(home.contains("<html lang=\"en\""));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn feeds_carry_the_texts_in_the_language_asked_and_the_words_in_the_interfaces() {
    let app = app().await;
    let feed = format!("{STOCKHOLM}/calendar.ics?lang=sv");
    let (status, language, ics) = page_with(&app, &feed, &[]).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(language, "sv");
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains(&format!("SUMMARY;LANGUAGE=sv:{SWEDISH_TITLE}")),
        "{unfolded}"
    );
    // The interface speaks no Swedish: the words are the organisation's default (English).
    assert!(unfolded.contains("Programme:"), "{unfolded}");
    let cal = ical::IcalParser::new(ics.as_bytes())
        .next()
        .expect("one calendar")
        .expect("a calendar the ical crate reads");
    assert_eq!(cal.events.len(), 1);

    // A language the organisation does not offer reads the default texts, said to be English.
    let (_, language, ics) =
        page_with(&app, &format!("{STOCKHOLM}/calendar.ics?lang=de"), &[]).await;
    assert_eq!(language, "en");
    assert!(ics.contains("SUMMARY;LANGUAGE=en:Screening: The Children of Camp Ashraf"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn owners_add_and_remove_content_languages_and_no_translation_is_lost() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    let settings = |offered: &'static str| {
        vec![
            ("name", "Families' Association"),
            ("public_description", "A society of families."),
            ("default_language", "en"),
            ("contact_email", ""),
            ("content_languages", offered),
        ]
    };
    let (_, page) = app.get(SETTINGS, Some(&owner)).await;
    assert!(
        page.contains("sv Svenska"),
        "the offered languages as typed: {page}"
    );

    // A language given by name, not tag, is refused beside the field; what was typed stays.
    let (status, _, page) = app
        .post(SETTINGS, Some(&owner), &settings("sv Svenska\nGerman"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let refusal = &page[page
        .find("field-error")
        .expect("a refusal beside the field")..];
    assert!(refusal.contains("German"), "{refusal}");
    assert!(refusal.contains("is not a language tag"), "{refusal}");
    assert!(page.contains("sv Svenska\nGerman"), "the typed text stays");

    // German is added: the translations form offers it, named as the organisation wrote it.
    let (status, _, _) = app
        .post(
            SETTINGS,
            Some(&owner),
            &settings("sq Shqip\nfa فارسی\nsv Svenska\nde Deutsch"),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let organiser = app.cookie(ORGANISER).await;
    let agenda = "/manage/o/families-association/stockholm-screening-2024/agenda";
    let (_, page) = app.get(agenda, Some(&organiser)).await;
    assert!(
        page.replace("<!>", "").contains("<legend>Deutsch</legend>"),
        "{page}"
    );
    assert!(page.contains("name=\"g_title_de\""));
    assert!(
        page.contains(&format!("value=\"{SWEDISH_TITLE}\"")),
        "the Swedish translation is in the form"
    );
    let at = page.find("name=\"version\" value=\"").unwrap() + 22;
    let version = page[at..at + page[at..].find('"').unwrap()].to_owned();
    let (status, _, _) = app
        .post(
            agenda,
            Some(&organiser),
            &[
                ("action", "translate"),
                ("version", &version),
                ("g_title_sv", SWEDISH_TITLE),
                ("g_title_de", "Vorführung: Die Kinder von Camp Ashraf"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, page) = page_with(&app, &format!("{STOCKHOLM}?lang=de"), &[]).await;
    assert!(
        page.contains("Vorführung: Die Kinder von Camp Ashraf"),
        "{page}"
    );

    // German is no longer offered: German visitors read English, and the form stops
    // asking for German; offered again, the German title is back.
    let (status, _, _) = app
        .post(
            SETTINGS,
            Some(&owner),
            &settings("sq Shqip\nfa فارسی\nsv Svenska"),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, _, page) = page_with(&app, &format!("{STOCKHOLM}?lang=de"), &[]).await;
    assert!(!page.contains("Vorführung"), "{page}");
    assert!(page.contains("Screening: The Children of Camp Ashraf"));
    let (_, page) = app.get(agenda, Some(&organiser)).await;
    assert!(!page.contains("name=\"g_title_de\""));
    app.post(SETTINGS, Some(&owner), &settings("sv Svenska\nde Deutsch"))
        .await;
    let (_, _, page) = page_with(&app, &format!("{STOCKHOLM}?lang=de"), &[]).await;
    assert!(
        page.contains("Vorführung: Die Kinder von Camp Ashraf"),
        "{page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_new_organisation_offers_the_interfaces_other_languages_unless_told() {
    let app = app().await;
    let owner = app.cookie(OWNER).await;
    let (status, to, _) = app
        .post(
            "/manage/organisations/new",
            Some(&owner),
            &[
                ("org_name", "Stockholm Friends"),
                ("org_description", ""),
                ("org_language", "sv"),
                ("org_content_languages", "en English\nfa فارسی"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{to:?}");
    let settings = to.expect("to the new organisation's settings");
    let (_, page) = app.get(&settings, Some(&owner)).await;
    assert!(
        page.contains("English، فارسی") || page.contains("English, فارسی"),
        "{page}"
    );
    assert!(page.contains("en English\nfa فارسی"), "{page}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_calendar_that_does_not_exist_says_so_in_the_language_asked() {
    let app = app().await;
    let (status, _, body) = page_with(&app, "/o/no-such-society/calendar.ics?lang=fa", &[]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, "چنین تقویمی وجود ندارد.");
    let accept = [(header::ACCEPT_LANGUAGE, "sq")];
    let (status, _, body) = page_with(&app, &format!("{STOCKHOLM}-x/calendar.ics"), &accept).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(body, "Nuk ka kalendar të tillë.");
}
