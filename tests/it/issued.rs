//! Statements and open letters an organisation issues on its own: written and refused
//! in the organiser's page, published on their own page, in the organisation's list,
//! its Atom feed and the month's digest, read at a gathering, translated, deleted.

use crate::common;

use axum::http::StatusCode;
use common::{AGENDA_OF_TIRANA, HOST, ORG, ORGANISER, app};

const MANAGE: &str = "/manage/o/families-association/statements";

fn letter<'a>(date: &'a str, published: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", "open_letter"),
        ("title", "Letter to the Mayor of Tirana"),
        ("issued_on", date),
        ("addressee", "To the Mayor of Tirana"),
        ("language", "en"),
        (
            "body",
            "Dear Mayor,\n\nWe ask for the park on Rruga Ura again.\n\nThe families",
        ),
        ("signatories", "Families' Association\nMothers of Tirana"),
        ("signature_count", "40"),
        ("published", published),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_organiser_issues_a_letter_and_the_public_reads_it_everywhere_it_belongs() {
    let app = app().await;
    let organiser = app.cookie(ORGANISER).await;

    // A date the form cannot read is refused beside its field; the letter typed stays.
    let (status, _, page) = app
        .post(MANAGE, Some(&organiser), &letter("20 March", ""))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Enter a date as YYYY-MM-DD."), "{page}");
    assert!(page.contains("We ask for the park on Rruga Ura again."));
    // Fewer signatures than names is refused too.
    let mut fewer = letter("2024-05-20", "");
    fewer[7] = ("signature_count", "1");
    let (status, _, page) = app.post(MANAGE, Some(&organiser), &fewer).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("cannot be smaller than"), "{page}");

    // Saved as a draft: the organisers' list has it, the public does not.
    let (status, to, _) = app
        .post(MANAGE, Some(&organiser), &letter("2024-05-20", ""))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let editor = to.expect("to the letter's page");
    let public = format!("/o/{ORG}/statements/2024-05-20-letter-to-the-mayor-of-tirana");
    assert_eq!(app.get(&public, None).await.0, StatusCode::NOT_FOUND);
    let (_, list) = app.get(&format!("/o/{ORG}/statements"), None).await;
    assert!(!list.contains("Mayor of Tirana"));
    let (_, mine) = app.get(MANAGE, Some(&organiser)).await;
    assert!(mine.contains("Letter to the Mayor of Tirana"), "{mine}");

    // Published: its page shows the date, addressee, paragraphs and signatories.
    let mut publish = letter("2024-05-20", "on");
    publish.insert(0, ("action", "save"));
    let (status, _, _) = app.post(&editor, Some(&organiser), &publish).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, page) = app.get(&public, None).await;
    assert_eq!(status, StatusCode::OK);
    let page = page.replace("<!>", "");
    assert!(page.contains("Open letter"));
    assert!(page.contains("To the Mayor of Tirana"));
    assert!(
        page.contains("<p>We ask for the park on Rruga Ura again.</p>"),
        "{page}"
    );
    assert!(page.contains("Mothers of Tirana"));
    assert!(page.contains("Signed by 40 people."));
    assert!(page.contains("Not every signatory is named."));
    assert!(page.contains("datetime=\"2024-05-20\""));
    let (_, list) = app.get(&format!("/o/{ORG}/statements"), None).await;
    assert!(list.contains("Letter to the Mayor of Tirana"));
    let (_, atom) = app.get(&format!("/o/{ORG}/feed.atom"), None).await;
    assert!(
        atom.contains("Open letter: Letter to the Mayor of Tirana"),
        "{atom}"
    );
    assert!(atom.contains(&format!("{public}\"")), "{atom}");
    // The digest of its month lists it; the March 2024 issue lists the statement issued
    // on Women's Day.
    let (_, may) = app
        .get(
            "/manage/o/families-association/digest/2024-05",
            Some(&organiser),
        )
        .await;
    assert!(may.contains("Letter to the Mayor of Tirana"), "{may}");
    let (_, march) = app.get(&format!("/o/{ORG}/digest/2024-03"), None).await;
    assert!(
        march.contains("Statement for International Women"),
        "{march}"
    );

    // Translated into Albanian: Albanian readers get the Albanian title and text.
    let (status, _, _) = app
        .post(
            &editor,
            Some(&organiser),
            &[
                ("action", "translate"),
                ("title_sq", "Letër Kryetarit të Bashkisë së Tiranës"),
                ("body_sq", "I nderuar Kryetar,\n\nKërkojmë sërish parkun."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(&format!("{public}?lang=sq"), None).await;
    let page = page.replace("<!>", "");
    assert!(
        page.contains("Letër Kryetarit të Bashkisë së Tiranës"),
        "{page}"
    );
    assert!(page.contains("<p>Kërkojmë sërish parkun.</p>"));
    assert!(page.contains("lang=\"sq\""));

    // Deleting asks to be sure: without the box ticked, nothing goes.
    let (status, _, page) = app
        .post(&editor, Some(&organiser), &[("action", "delete")])
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Tick the box to confirm"), "{page}");
    assert_eq!(app.get(&public, None).await.0, StatusCode::OK);
    // Deleted: gone from the public, from the list and from the feed.
    let (status, to, _) = app
        .post(
            &editor,
            Some(&organiser),
            &[("action", "delete"), ("confirm", "on")],
        )
        .await;
    assert_eq!(
        (status, to.as_deref()),
        (StatusCode::SEE_OTHER, Some(MANAGE))
    );
    assert_eq!(app.get(&public, None).await.0, StatusCode::NOT_FOUND);
    let (_, atom) = app.get(&format!("/o/{ORG}/feed.atom"), None).await;
    assert!(!atom.contains("Mayor of Tirana"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_gathering_reads_an_issued_statement_and_links_to_it_once_published() {
    let app = app().await;
    let organiser = app.cookie(ORGANISER).await;
    // The demo's Women's Day conference reads the statement issued that day.
    let (_, page) = app
        .get(&format!("/o/{ORG}/womens-day-conference-2024"), None)
        .await;
    let link =
        format!("href=\"/o/{ORG}/statements/2024-03-08-statement-for-international-women-s-day\"");
    assert!(page.contains(&link), "{page}");
    let (_, statement) = app
        .get(
            &format!("/o/{ORG}/statements/2024-03-08-statement-for-international-women-s-day"),
            None,
        )
        .await;
    assert!(statement.contains("Read at"), "{statement}");
    assert!(statement.contains("href=\"/o/families-association/womens-day-conference-2024\""));

    // The Tirana agenda offers the organisation's statements; the unpublished draft
    // letter, chosen, is not linked publicly.
    let (_, agenda) = app.get(AGENDA_OF_TIRANA, Some(&organiser)).await;
    assert!(agenda.contains("value=\"issued-2\""), "{agenda}");
    let ids = common::ids(&app).await;
    let edit = |statement: &'static str| {
        vec![
            ("action", "edit".to_owned()),
            ("segment", ids.segment.to_string()),
            ("kind", "statement_reading".to_owned()),
            ("title", "A letter is read".to_owned()),
            ("duration", "10".to_owned()),
            ("public", "on".to_owned()),
            ("statement", statement.to_owned()),
        ]
    };
    let form = |v: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { v.clone() };
    let post = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let organiser = organiser.clone();
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(AGENDA_OF_TIRANA, Some(&organiser), &f).await
        }
    };
    let (status, _, _) = post(form(&edit("issued-3"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, tirana) = app.get(&format!("/o/{ORG}/tirana-park-2023"), None).await;
    assert!(!tirana.contains("/statements/"), "a draft is never linked");
    let (status, _, _) = post(form(&edit("issued-2"))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, tirana) = app.get(&format!("/o/{ORG}/tirana-park-2023"), None).await;
    assert!(
        tirana.contains("Reads:") && tirana.contains("Open letter to the Minister"),
        "{tirana}"
    );
    // A statement of another organisation, or none that exists, is refused.
    let (status, _, page) = post(form(&edit("issued-999"))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{page}");
    // Deleting the letter leaves the segment, unlinked.
    let (status, _, _) = app
        .post(
            &format!("{MANAGE}/2"),
            Some(&organiser),
            &[("action", "delete"), ("confirm", "on")],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, tirana) = app.get(&format!("/o/{ORG}/tirana-park-2023"), None).await;
    assert!(tirana.contains("A letter is read"));
    assert!(!tirana.contains("Open letter to the Minister"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn hosts_read_but_do_not_issue() {
    let app = app().await;
    let host = app.cookie(HOST).await;
    let (status, _) = app.get(MANAGE, Some(&host)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _, _) = app
        .post(MANAGE, Some(&host), &letter("2024-05-20", "on"))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
