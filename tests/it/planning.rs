//! Planning a gathering through the organiser's forms, as a browser without JavaScript
//! would: refused input comes back with what was typed; roles are checked on the server;
//! a stale page cannot overwrite a newer change.

use crate::common;

use axum::http::StatusCode;
use common::{ORGANISER, VIEWER, app};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const NEW: &str = "/manage/o/families-association/new";

fn vigil<'a>(title: &'a str, description: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("title", title),
        ("slug", ""),
        ("kind", "vigil"),
        ("venue", ""),
        ("time_zone", "Europe/Stockholm"),
        ("date", "2026-12-20"),
        ("starts", "18:00"),
        ("ends", "19:30"),
        ("languages", "sv, fa"),
        ("public_description", description),
        ("internal_notes", "Candles from the society's store room."),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_organiser_plans_a_gathering_and_its_agenda() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let (status, page) = app.get(NEW, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("name=\"title\""));

    // An empty title is refused; the long description typed is not lost.
    let description = "A vigil with candles outside the parliament, then names read out.";
    let (status, _, page) = app
        .post(NEW, Some(&cookie), &vigil("  ", description))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("This cannot be empty."),
        "the message is shown"
    );
    assert!(page.contains(description), "what was typed comes back");
    assert!(page.contains("value=\"Europe/Stockholm\""));

    // An end before the start names the end.
    let mut early = vigil("Vigil in Stockholm", description);
    early.retain(|(k, _)| *k != "ends");
    early.push(("ends", "17:00"));
    let (status, _, page) = app.post(NEW, Some(&cookie), &early).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("The end must come after the start."));

    let (status, location, _) = app
        .post(
            NEW,
            Some(&cookie),
            &vigil("Vigil in Stockholm", description),
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "created");
    let agenda = location.unwrap();
    assert_eq!(
        agenda,
        "/manage/o/families-association/vigil-in-stockholm/agenda"
    );

    // A slug that is taken is refused with a message that names it.
    let (status, _, page) = app
        .post(
            NEW,
            Some(&cookie),
            &vigil("Vigil in Stockholm", description),
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("vigil-in-stockholm"));

    let (status, page) = app.get(&agenda, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("No segments yet"));
    let version = |page: &str| {
        let at = page.find("name=\"version\" value=\"").unwrap() + 22;
        page[at..at + page[at..].find('"').unwrap()].to_owned()
    };
    let v1 = version(&page);
    let add = |title: &'static str, minutes: &'static str, v: String| {
        vec![
            ("action", "add".to_owned()),
            ("version", v),
            ("kind", "speech".to_owned()),
            ("title", title.to_owned()),
            ("duration", minutes.to_owned()),
            ("public", "on".to_owned()),
        ]
    };
    let as_pairs = |v: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { v.clone() };
    let post = |fields: Vec<(&'static str, String)>| {
        let app = &app;
        let cookie = cookie.clone();
        let agenda = agenda.clone();
        async move {
            let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(&agenda, Some(&cookie), &pairs).await
        }
    };
    let (status, _, _) = post(as_pairs(&add("Candles are lit", "10", v1.clone()))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // A page opened before that change cannot add on top of it unseen.
    let (status, _, page) = post(add("Names are read", "25", v1)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Who saved first, and when (HH:MM UTC), from the audit log.
    let said = page
        .split("Changed by ")
        .nth(1)
        .unwrap_or_else(|| panic!("{page}"));
    assert!(said.starts_with("organiser@example.org at "), "{said}");
    assert!(said.contains(" UTC after you opened this page"));
    assert!(page.contains("Names are read"), "the refused input is kept");

    let (_, page) = app.get(&agenda, Some(&cookie)).await;
    let (status, _, page) = post(add("Names are read", "-5", version(&page))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Names are read"),
        "the typed title comes back"
    );

    let (_, page) = app.get(&agenda, Some(&cookie)).await;
    let (status, _, _) = post(add("Names are read", "0:25", version(&page))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // Times follow from 18:00 in Stockholm.
    let (_, page) = app.get(&agenda, Some(&cookie)).await;
    assert!(page.contains("18:00–18:10"));
    assert!(page.contains("18:10–18:35"));

    // The second segment moves up: the names are now read first.
    let second = page.rfind("id=\"segment-").unwrap() + 12;
    let id = page[second..second + page[second..].find('"').unwrap()].to_owned();
    let (status, _, _) = post(vec![
        ("action", "up".into()),
        ("version", version(&page)),
        ("segment", id),
    ])
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(&agenda, Some(&cookie)).await;
    assert!(page.find("Names are read").unwrap() < page.find("Candles are lit").unwrap());
    assert!(page.contains("18:00–18:25"));

    // Translations: an Albanian title for the gathering and for one segment; the
    // run-sheet in Albanian shows them, other segments keep the default text.
    let names = page.find("id=\"segment-").unwrap() + 12;
    let names_id = page[names..names + page[names..].find('"').unwrap()].to_owned();
    let sq_title = format!("s_{names_id}_sq");
    let (status, _, _) = post(vec![
        ("action", "translate".into()),
        ("version", version(&page)),
        ("g_title_sq", "Vigjilje në Stokholm".into()),
        ("g_desc_sq", "Qirinj para parlamentit.".into()),
        (Box::leak(sq_title.into_boxed_str()), "Lexohen emrat".into()),
    ])
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let sheet = "/manage/o/families-association/vigil-in-stockholm/run-sheet?lang=sq";
    let (_, sheet) = app.get(sheet, Some(&cookie)).await;
    assert!(sheet.contains("Vigjilje në Stokholm"));
    assert!(sheet.contains("Lexohen emrat"));
    assert!(
        sheet.contains("Candles are lit"),
        "untranslated segments fall back"
    );
    let (_, page) = app.get(&agenda, Some(&cookie)).await;
    assert!(
        page.contains("value=\"Lexohen emrat\""),
        "the form shows saved translations"
    );

    // Publishing: the edit form changes the status; the gathering appears on the public
    // page and in the feed, with SEQUENCE raised for the change of status.
    let edit = agenda.replace("/agenda", "/edit");
    let (status, page) = app.get(&edit, Some(&cookie)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("value=\"Vigil in Stockholm\""),
        "the form shows the details"
    );
    let v = version(&page);
    let mut publish = vigil("Vigil in Stockholm", description);
    publish.push(("status", "published"));
    publish.push(("version", &v));
    let (status, _, _) = app.post(&edit, Some(&cookie), &publish).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, public) = app
        .get("/o/families-association/vigil-in-stockholm", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(public.contains("Names are read"));
    let (_, ics) = app
        .get(
            "/o/families-association/vigil-in-stockholm/calendar.ics",
            None,
        )
        .await;
    assert!(ics.contains("SEQUENCE:1\r\n"), "{ics}");
    // The same (now stale) form again is refused and keeps what was typed.
    let (status, _, page) = app.post(&edit, Some(&cookie), &publish).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("after you opened this page"));

    // Cancelling keeps the gathering in the feed as CANCELLED, with SEQUENCE raised again,
    // and the public page says so at the top.
    let (_, page) = app.get(&edit, Some(&cookie)).await;
    let v = version(&page);
    let mut cancel = vigil("Vigil in Stockholm", description);
    cancel.push(("status", "cancelled"));
    cancel.push(("version", &v));
    let (status, _, _) = app.post(&edit, Some(&cookie), &cancel).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, ics) = app.get("/o/families-association/calendar.ics", None).await;
    let event = &ics[ics.find("UID:").unwrap()..];
    assert!(ics.contains("STATUS:CANCELLED\r\n"), "{event}");
    let (_, ics) = app
        .get(
            "/o/families-association/vigil-in-stockholm/calendar.ics",
            None,
        )
        .await;
    assert!(ics.contains("SEQUENCE:2\r\n") && ics.contains("STATUS:CANCELLED\r\n"));
    let (status, public) = app
        .get("/o/families-association/vigil-in-stockholm", None)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert!(public.contains("class=\"notice cancelled\""));

    // A viewer may read but not plan.
    let viewer = app.cookie(VIEWER).await;
    let (status, _, _) = app
        .post(NEW, Some(&viewer), &vigil("Another vigil", description))
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = app.get(&agenda, Some(&viewer)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Nobody signed in: nothing is written.
    let (status, _, _) = app
        .post(NEW, None, &vigil("Anonymous vigil", description))
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_directory_and_appearances_build_a_run_sheet() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let dir = "/manage/o/families-association/directory";

    // A misspelt zone is refused; the name typed stays in the form.
    let venue = |zone: &'static str| {
        vec![
            ("action", "venue"),
            ("name", "Parliament square"),
            ("city", "Stockholm"),
            ("country", "Sweden"),
            ("time_zone", zone),
            ("setting", "outdoor"),
            (
                "access_notes",
                "Police permit no. 42 in the steward's folder.",
            ),
        ]
    };
    let (status, _, page) = app
        .post(dir, Some(&cookie), &venue("Europe/Stokholm"))
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("value=\"Parliament square\""));
    let (status, _, _) = app
        .post(dir, Some(&cookie), &venue("Europe/Stockholm"))
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _, _) = app
        .post(
            dir,
            Some(&cookie),
            &[
                ("action", "person"),
                ("name", "Speaker from Toronto"),
                ("languages", "fa, en"),
                ("home_time_zone", "America/Toronto"),
                ("contact", "+1 555 0100"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(dir, Some(&cookie)).await;
    assert!(page.contains("Parliament square") && page.contains("Police permit no. 42"));
    assert!(page.contains("Speaker from Toronto") && page.contains("not listed publicly"));

    // A new gathering at that venue, with an online speaker.
    let venue_id = {
        // The venue's id, from its option in the new-gathering form.
        let (_, new_page) = app.get(NEW, Some(&cookie)).await;
        let before = &new_page[..new_page.find("Parliament square").unwrap()];
        let v = before.rfind("value=\"").unwrap() + 7;
        before[v..v + before[v..].find('"').unwrap()].to_owned()
    };
    let mut fields = vigil("Vigil at the parliament", "");
    fields.retain(|(k, _)| *k != "venue" && *k != "time_zone");
    fields.push(("venue", &venue_id));
    let (status, location, _) = app.post(NEW, Some(&cookie), &fields).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let agenda = location.unwrap();
    let (_, page) = app.get(&agenda, Some(&cookie)).await;
    let version = |page: &str| {
        let at = page.find("name=\"version\" value=\"").unwrap() + 22;
        page[at..at + page[at..].find('"').unwrap()].to_owned()
    };
    let v = version(&page);
    let (status, _, _) = app
        .post(
            &agenda,
            Some(&cookie),
            &[
                ("action", "add"),
                ("version", &v),
                ("kind", "speech"),
                ("title", "A message from Toronto"),
                ("duration", "15"),
                ("public", "on"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(&agenda, Some(&cookie)).await;
    let seg = page.find("id=\"segment-").unwrap() + 12;
    let segment = page[seg..seg + page[seg..].find('"').unwrap()].to_owned();
    let at = page.find("Speaker from Toronto").unwrap();
    let before = &page[..at];
    let p = before.rfind("value=\"").unwrap() + 7;
    let person = before[p..p + before[p..].find('"').unwrap()].to_owned();
    // A call link for someone in the room is refused.
    let appear = |mode: &'static str, v: String| {
        vec![
            ("action", "appear".to_owned()),
            ("version", v),
            ("segment", segment.clone()),
            ("person", person.clone()),
            ("role", "speaker".to_owned()),
            ("mode", mode.to_owned()),
            ("language", "fa".to_owned()),
            ("interpreted_into", "sv".to_owned()),
            ("online_link", "https://call.example/toronto".to_owned()),
        ]
    };
    let pairs = |v: &Vec<(&'static str, String)>| -> Vec<(&'static str, String)> { v.clone() };
    let send = |fields: Vec<(&'static str, String)>| {
        let (app, cookie, agenda) = (&app, cookie.clone(), agenda.clone());
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(&agenda, Some(&cookie), &f).await
        }
    };
    let (status, _, page) = send(pairs(&appear("in_person", version(&page)))).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("A call link is only for someone appearing online."));
    let (_, page) = app.get(&agenda, Some(&cookie)).await;
    let (status, _, _) = send(appear("online", version(&page))).await;
    assert_eq!(status, StatusCode::SEE_OTHER);

    // 18:00 in Stockholm is 12:00 in Toronto; the run-sheet says so, with the call link.
    let sheet = agenda.replace("/agenda", "/run-sheet");
    let (_, sheet) = app.get(&sheet, Some(&cookie)).await;
    assert!(sheet.contains("ONLINE from America/Toronto, 12:00 there"));
    assert!(sheet.contains("https://call.example/toronto"));
    assert!(sheet.contains("Police permit no. 42"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_editor_warns_about_night_hours_and_missing_interpretation() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let (status, page) = app
        .get(
            "/manage/o/families-association/tirana-park-2023/agenda",
            Some(&cookie),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // 11:45 in Tirana is 05:45 in Toronto; 11:24 is 10:24 in London (no warning).
    assert!(
        page.contains(
            "Head of the mothers&#x27; organisation joins online at 05:45 in America/Toronto"
        ) || page
            .contains("Head of the mothers' organisation joins online at 05:45 in America/Toronto"),
        "night warning for the Toronto speaker"
    );
    assert!(!page.contains("joins online at 10:24"));
    // The activist's message is read in English and interpreted into Albanian only:
    // the Persian-speaking part of the audience is not served.
    assert!(page.contains("into Persian, a language of the audience"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_segment_changed_in_place_moves_the_times_after_it() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let agenda = "/manage/o/families-association/tirana-park-2023/agenda";
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    let at = page.find("id=\"segment-").unwrap() + 12;
    let first = page[at..at + page[at..].find('"').unwrap()].to_owned();
    let v = page.find("name=\"version\" value=\"").unwrap() + 22;
    let version = page[v..v + page[v..].find('"').unwrap()].to_owned();
    let edit = |duration: &'static str, hard: &'static str, version: String| {
        vec![
            ("action", "edit".to_owned()),
            ("version", version),
            ("segment", first.clone()),
            ("kind", "introduction".to_owned()),
            (
                "title",
                "Opening and introduction of the society".to_owned(),
            ),
            ("duration", duration.to_owned()),
            ("hard_start", hard.to_owned()),
            ("public", "on".to_owned()),
            ("cue_notes", "Mic 1 to the host.".to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(agenda, Some(&cookie), &f).await
        }
    };
    // A duration over 24 hours is refused, and the form comes back open with the message.
    let (status, _, page) = send(edit("1500", "", version.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // The form of that very segment comes back open, with the message.
    let row = page.find(&format!("id=\"segment-{first}\"")).unwrap();
    let details = row + page[row..].find("edit-segment").unwrap();
    let tag = &page[page[..details].rfind("<details").unwrap()..details + 20];
    assert!(tag.contains(" open"), "{tag}");
    let next_row = row
        + 1
        + page[row + 1..]
            .find("id=\"segment-")
            .unwrap_or(page.len() - row - 1);
    assert!(page[details..next_row].contains("A duration longer than 24 hours"));
    let (status, _, _) = send(edit("20", "", version)).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    assert!(page.contains("11:00–11:20"));
    assert!(
        page.contains("11:20–11:34"),
        "the screening follows the longer opening"
    );
    // The public page shows the new times too.
    let (_, public) = app
        .get("/o/families-association/tirana-park-2023", None)
        .await;
    assert!(public.contains(">11:20<"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_gathering_repeats_on_another_day_with_its_whole_run_of_show() {
    use convene::db::export;
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let edit = "/manage/o/families-association/tirana-park-2023/edit";
    let before = export::export(&app.db, "families-association")
        .await
        .unwrap();

    // A day that is not a date is refused beside the field.
    let (status, _, page) = app
        .post(
            edit,
            Some(&cookie),
            &[("action", "duplicate"), ("copy_date", "26/11/2026")],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("id=\"field-copy_date-error\""), "{page}");

    let (status, location, _) = app
        .post(
            edit,
            Some(&cookie),
            &[
                ("action", "duplicate"),
                ("copy_date", "2026-11-26"),
                ("copy_title", ""),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let location = location.unwrap();
    assert!(location.ends_with("/agenda"), "{location}");

    let after = export::export(&app.db, "families-association")
        .await
        .unwrap();
    let source = before
        .gatherings
        .iter()
        .find(|g| g.slug == "tirana-park-2023")
        .unwrap();
    assert_eq!(
        after
            .gatherings
            .iter()
            .find(|g| g.slug == "tirana-park-2023")
            .unwrap(),
        source,
        "the source is not touched"
    );
    let copy = after
        .gatherings
        .iter()
        .find(|g| location.contains(&format!("/{}/agenda", g.slug)))
        .expect("the copy");
    assert_eq!(copy.title, source.title);
    assert_eq!(copy.status, convene::domain::GatheringStatus::Draft);
    assert_eq!(copy.venue, source.venue);
    assert_eq!(copy.starts_local.to_string(), "2026-11-26 11:00:00");
    assert_ne!(copy.uid, source.uid);
    assert_eq!(copy.segments.len(), source.segments.len());
    for (c, s) in copy.segments.iter().zip(&source.segments) {
        assert_eq!(
            (&c.title, c.kind, c.duration_minutes),
            (&s.title, s.kind, s.duration_minutes)
        );
        assert_eq!(c.appearances, s.appearances, "who appears how: {}", s.title);
        assert_ne!(c.uid, s.uid);
        assert_eq!(
            (c.actual_start, c.skipped),
            (None, false),
            "nothing of the day"
        );
    }
    assert_eq!(copy.statements.len(), source.statements.len());
    assert_eq!(copy.texts, source.texts, "translations come along");

    // The copy's agenda is timed on its own day in the venue's zone.
    let (_, agenda) = app.get(&location, Some(&cookie)).await;
    assert!(agenda.contains("2026"), "{agenda}");
    let (_, sheet) = app
        .get(&location.replace("/agenda", "/run-sheet"), Some(&cookie))
        .await;
    assert!(sheet.contains("11:00"));
}

/// Organisers editing one agenda at the same moment (no form version named, as from the
/// live view or several tabs): every change is saved, none refused or failed.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_changes_to_one_agenda_all_land() {
    let app = std::sync::Arc::new(app().await);
    let cookie = app.cookie(ORGANISER).await;
    let agenda = "/manage/o/families-association/tirana-park-2023/agenda";
    let mut tasks = tokio::task::JoinSet::new();
    for editor in 0..6 {
        let (app, cookie) = (app.clone(), cookie.clone());
        tasks.spawn(async move {
            let mut statuses = Vec::new();
            for n in 0..8 {
                let title = format!("Message {editor}-{n}");
                let (status, _, _) = app
                    .post(
                        agenda,
                        Some(&cookie),
                        &[
                            ("action", "add"),
                            ("kind", "message_read_out"),
                            ("title", &title),
                            ("duration", "3"),
                        ],
                    )
                    .await;
                statuses.push(status);
            }
            statuses
        });
    }
    let mut saved = 0;
    while let Some(statuses) = tasks.join_next().await {
        for status in statuses.unwrap() {
            assert_eq!(status, StatusCode::SEE_OTHER);
            saved += 1;
        }
    }
    assert_eq!(saved, 48);
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    assert!(page.matches("Message ").count() >= 48);
}

/// The version the agenda editor page names in its forms.
fn form_version(page: &str) -> String {
    let v = page.find("name=\"version\" value=\"").unwrap() + 22;
    page[v..v + page[v..].find('"').unwrap()].to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_organiser_writes_a_statement_and_links_it_to_the_segment_that_reads_it() {
    let app = app().await;
    let ids = common::ids(&app).await;
    let cookie = app.cookie(ORGANISER).await;
    let agenda = "/manage/o/families-association/tirana-park-2023/agenda";
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    let version = form_version(&page);
    let points =
        "1. Tell us where our children are.\n2) Let us see them.\n\nOpen the gates of the camp.";
    let form = |title: &'static str, points: &'static str, version: String| {
        vec![
            ("action", "statement".to_owned()),
            ("version", version),
            ("statement", String::new()),
            ("title", title.to_owned()),
            ("language", "sq".to_owned()),
            ("points", points.to_owned()),
            ("signature_count", "1,204".to_owned()),
            ("public", "on".to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(agenda, Some(&cookie), &f).await
        }
    };
    // No points: refused beside the field, the title typed stays.
    let (status, _, page) = send(form("Call to the government", " \n1. \n", version.clone())).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.contains("Write at least one point, one per line."));
    assert!(page.contains("value=\"Call to the government\""));

    let (status, location, _) = send(form("Call to the government", points, version)).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    assert!(page.contains("Tell us where our children are."));
    assert!(!page.contains("1. Tell us"), "typed numbers are dropped");
    assert!(page.contains("Open the gates of the camp."));
    assert!(page.contains("Not read in any segment yet."));
    let at = page
        .find("<strong dir=\"auto\">Call to the government")
        .unwrap();
    let id_at = page[..at].rfind("id=\"statement-").unwrap() + 14;
    let new_id = page[id_at..id_at + page[id_at..].find('"').unwrap()].to_owned();

    // Read in the first segment: the editor says so, the public page shows both statements.
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    let (status, _, _) = app
        .post(
            agenda,
            Some(&cookie),
            &[
                ("action", "edit"),
                ("version", &form_version(&page)),
                ("segment", &ids.segment.to_string()),
                ("kind", "statement_reading"),
                ("title", "The families' call"),
                ("duration", "5"),
                ("public", "on"),
                ("statement", &new_id),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    assert!(
        page.contains("Read in segment 2."),
        "the editor names where it is read"
    );
    let (_, public) = app
        .get("/o/families-association/tirana-park-2023", None)
        .await;
    assert!(public.contains("Let us see them."));
    assert!(
        public.contains("id=\"statement-2\""),
        "both statements, distinct anchors"
    );

    // A statement of another gathering cannot be linked.
    let other = convene::db::entities::statement::Entity::find()
        .filter(convene::db::entities::statement::Column::Id.ne(ids.statement))
        .filter(convene::db::entities::statement::Column::Id.ne(new_id.parse::<i32>().unwrap()))
        .one(&app.db)
        .await
        .unwrap()
        .expect("the demo has statements of other gatherings");
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    let (status, _, page) = app
        .post(
            agenda,
            Some(&cookie),
            &[
                ("action", "edit"),
                ("version", &form_version(&page)),
                ("segment", &ids.segment.to_string()),
                ("kind", "statement_reading"),
                ("title", "The families' call"),
                ("duration", "5"),
                ("statement", &other.id.to_string()),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        page.contains("Choose one of this gathering&#x27;s statements.")
            || page.contains("Choose one of this gathering's statements.")
    );

    // Removing it keeps the segment, unlinked; the public page no longer shows it.
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    let (status, _, _) = app
        .post(
            agenda,
            Some(&cookie),
            &[
                ("action", "unstatement"),
                ("version", &form_version(&page)),
                ("statement", &new_id),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    assert!(page.contains("The families&#x27; call") || page.contains("The families' call"));
    assert!(!page.contains("Tell us where our children are."));
    let (_, public) = app
        .get("/o/families-association/tirana-park-2023", None)
        .await;
    assert!(!public.contains("Let us see them."));
    let log = convene::db::auth::audit_log(&app.db, ids_org(&app).await, 50)
        .await
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert!(
        actions.contains(&"statement.add") && actions.contains(&"statement.delete"),
        "{actions:?}"
    );
}

async fn ids_org(app: &common::App) -> i32 {
    convene::db::queries::organisation_by_slug(&app.db, common::ORG)
        .await
        .unwrap()
        .unwrap()
        .id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_editor_warns_when_people_or_the_venue_are_booked_by_another_gathering_at_once() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let agenda = "/manage/o/families-association/tirana-park-2023/agenda";
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    assert!(
        !page.contains("is also needed live at"),
        "no clash to begin with"
    );

    // A second gathering in the same park, the same morning, with the same people.
    let (status, location, _) = app
        .post(
            "/manage/o/families-association/tirana-park-2023/edit",
            Some(&cookie),
            &[
                ("action", "duplicate"),
                ("copy_date", "2023-11-26"),
                ("copy_title", "Second gathering in the park"),
                ("copy_slug", "second-gathering"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    let second = "/manage/o/families-association/second-gathering/agenda";
    for (editor, other) in [
        (agenda, "Second gathering in the park"),
        (second, "Public gathering in the park on Rruga Ura"),
    ] {
        let (_, page) = app.get(editor, Some(&cookie)).await;
        let page = page.replace("&#x27;", "'");
        // The host opens both at 11:00: warned beside the opening, with the other's time.
        let row = page.find("class=\"editor-row\"").unwrap();
        let next = row + 1 + page[row + 1..].find("class=\"editor-row\"").unwrap();
        assert!(
            page[row..next].contains(&format!(
                "Society host is also needed live at “{other}” from 11:00 to 11:10."
            )),
            "{editor}: {}",
            &page[row..next]
        );
        // Messages read out by someone else need no one there.
        assert!(!page.contains("Writer is also needed live"));
        assert!(page.contains(&format!("is also held by “{other}” from 11:00 to 13:05.")));
    }

    // Cancelled, the copy holds no one.
    let (_, form) = app
        .get(
            "/manage/o/families-association/second-gathering/edit",
            Some(&cookie),
        )
        .await;
    let version = form_version(&form);
    let (status, location, _) = app
        .post(
            "/manage/o/families-association/second-gathering/edit",
            Some(&cookie),
            &[
                ("version", &version),
                ("title", "Second gathering in the park"),
                ("slug", "second-gathering"),
                ("kind", "rally"),
                ("status", "cancelled"),
                ("venue", &common::ids(&app).await.venue.to_string()),
                ("date", "2023-11-26"),
                ("starts", "11:00"),
                ("ends", "13:05"),
                ("languages", "sq, fa, en"),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER, "{location:?}");
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    assert!(!page.contains("is also needed live at"));
    assert!(!page.contains("is also held by"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_workspace_finds_gatherings_by_title_or_place_and_pages_them() {
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let (_, all) = app.get("/manage", Some(&cookie)).await;
    let cards = |page: &str| page.matches("class=\"card\"").count();
    let every = cards(&all);
    assert!(every > 3, "the demo has several gatherings");
    // Words of a place find the gatherings held there, the others not.
    let (_, found) = app.get("/manage?q=RRUGA+ura", Some(&cookie)).await;
    assert!((1..every).contains(&cards(&found)));
    assert!(found.contains("Public gathering in the park"));
    let (_, found) = app.get("/manage?q=tirana-park-2023", Some(&cookie)).await;
    assert_eq!(cards(&found), 1, "an address finds its gathering");
    let (_, none) = app.get("/manage?q=atlantis", Some(&cookie)).await;
    assert_eq!(cards(&none), 0);
    assert!(none.contains("Nothing here matches the search."));

    // Thirty more gatherings: the newest 25 on the first page, the rest on the second.
    let org = convene::db::queries::organisation_by_slug(&app.db, common::ORG)
        .await
        .unwrap()
        .unwrap();
    for day in 1..=30 {
        let form = convene::domain::plan::GatheringForm {
            title: format!("Monthly vigil {day:02}"),
            kind: "vigil".into(),
            date: format!("2030-01-{day:02}"),
            starts: "18:00".into(),
            ends: "19:00".into(),
            ..Default::default()
        };
        convene::db::planning::create_gathering(
            &app.db,
            org.id,
            convene::db::planning::Place {
                venue_id: None,
                time_zone: "Europe/Stockholm",
            },
            &form,
            chrono::Utc::now(),
        )
        .await
        .unwrap();
    }
    let (_, first) = app.get("/manage", Some(&cookie)).await;
    assert_eq!(cards(&first), 25);
    assert!(first.contains("Monthly vigil 30"), "newest first");
    assert!(!first.contains("Public gathering in the park"));
    let (_, second) = app.get("/manage?page=2", Some(&cookie)).await;
    assert_eq!(cards(&second), every + 30 - 25);
    assert!(second.contains("Public gathering in the park"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_dragged_order_is_saved_whole_or_refused() {
    let app = app().await;
    let ids = common::ids(&app).await;
    let cookie = app.cookie(ORGANISER).await;
    let agenda = common::AGENDA_OF_TIRANA;
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    let before: Vec<String> = page
        .split("data-segment=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect();
    assert_eq!(
        before.join(","),
        ids.reversed.split(',').rev().collect::<Vec<_>>().join(",")
    );
    // An order that leaves a segment out (a page from before an addition) is refused.
    let short = before[1..].join(",");
    let (status, _, page) = app
        .post(
            agenda,
            Some(&cookie),
            &[
                ("action", "reorder"),
                ("version", &form_version(&page)),
                ("order", &short),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(page.contains("The agenda has changed since this page was opened"));
    // The last segment first: the times follow at once.
    let mut moved = before.clone();
    let last = moved.pop().unwrap();
    moved.insert(0, last.clone());
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    let (status, _, _) = app
        .post(
            agenda,
            Some(&cookie),
            &[
                ("action", "reorder"),
                ("version", &form_version(&page)),
                ("order", &moved.join(",")),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    let after: Vec<String> = page
        .split("data-segment=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_owned())
        .collect();
    assert_eq!(after, moved);
    let row = page.find(&format!("id=\"segment-{last}\"")).unwrap();
    assert!(
        page[row..row + 200].contains("11:00–"),
        "the moved segment opens the gathering"
    );
    // A stale page cannot reorder over a newer change.
    let (status, _, _) = app
        .post(
            agenda,
            Some(&cookie),
            &[
                ("action", "reorder"),
                ("version", "1"),
                ("order", &before.join(",")),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
}

/// A draft has no public page yet (404 to the world): in the workspace its title leads
/// to its run-sheet instead, while a published gathering's leads to its public page.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_drafts_title_in_the_workspace_leads_to_its_preview_for_members_only() {
    let app = app().await;
    let viewer = app.cookie(VIEWER).await;
    let (status, page) = app.get("/manage", Some(&viewer)).await;
    assert_eq!(status, StatusCode::OK);
    let card = |slug: &str| {
        let at = page
            .find(&format!("/{slug}"))
            .unwrap_or_else(|| panic!("{slug} is listed"));
        let start = page[..at].rfind("<li").unwrap();
        let end = at + page[at..].find("</li>").unwrap();
        page[start..end].to_owned()
    };
    let draft = card("vigil-draft");
    assert!(draft.contains("data-status=\"draft\""), "{draft}");
    let title = &draft[draft.find("<h4>").unwrap()..];
    let preview = "/manage/o/families-association/vigil-draft/preview";
    assert!(
        title.starts_with(&format!("<h4><a href=\"{preview}\"")),
        "{title}"
    );
    // Its preview: the public page it will have, marked so, for members only, and
    // without the calendar links a draft does not have yet.
    let (status, page) = app.get(preview, Some(&viewer)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        page.contains("Preview.") && page.contains("This draft is not public"),
        "{page}"
    );
    assert!(
        !page.contains("calendar.ics"),
        "a draft has no public feed to offer"
    );
    // Its calendar as it will be, for members: a preview, read by the ical crate.
    let feed = format!("{preview}.ics?lang=en");
    assert!(page.contains(&feed), "the preview offers its calendar");
    let (status, ics) = app.get(&feed, Some(&viewer)).await;
    assert_eq!(status, StatusCode::OK, "{ics}");
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("X-WR-CALNAME:Calendar (preview) · Draft: candlelight vigil"),
        "{unfolded}"
    );
    let cal = ical::IcalParser::new(ics.as_bytes())
        .next()
        .unwrap()
        .unwrap();
    assert_eq!(cal.events.len(), 1);
    assert_eq!(app.get(&feed, None).await.0, StatusCode::UNAUTHORIZED);
    // And its poster, marked as a preview, with the QR code of the calendar it will have.
    let poster = format!("{preview}/poster");
    assert!(page.contains(&poster), "the preview offers its poster");
    let (status, printed) = app.get(&poster, Some(&viewer)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        printed.contains("Preview.") && printed.contains("<svg"),
        "{printed}"
    );
    assert!(printed.contains("Draft: candlelight vigil"));
    assert_eq!(app.get(&poster, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(app.get(preview, None).await.0, StatusCode::UNAUTHORIZED);
    assert_eq!(
        app.get("/o/families-association/vigil-draft", None).await.0,
        StatusCode::NOT_FOUND
    );
    let published = card(common::TIRANA);
    let title = &published[published.find("<h4>").unwrap()..];
    assert!(
        title.starts_with("<h4><a href=\"/o/families-association/tirana-park-2023\""),
        "{title}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_appearance_is_changed_in_place_and_checked_like_a_new_one() {
    use convene::db::entities::appearance;
    let app = app().await;
    let cookie = app.cookie(ORGANISER).await;
    let ids = common::ids(&app).await;
    let agenda = common::AGENDA_OF_TIRANA;
    let before = appearance::Entity::find_by_id(ids.appearance)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let (_, page) = app.get(agenda, Some(&cookie)).await;
    // Its form is on the page, filled with what is stored.
    let at = page
        .find(&format!("name=\"appearance\" value=\"{}\"", ids.appearance))
        .expect("a form for the appearance");
    assert!(page[at..].contains("value=\"reappear\"") || page[..at].contains("value=\"reappear\""));
    let id = ids.appearance.to_string();
    let person = before.person_id.to_string();
    let change = |mode: &'static str, link: &'static str, v: String| {
        vec![
            ("action", "reappear".to_owned()),
            ("version", v),
            ("appearance", id.clone()),
            ("person", person.clone()),
            ("role", "interpreter".to_owned()),
            ("mode", mode.to_owned()),
            ("language", "sq".to_owned()),
            ("interpreted_into", "en, fa".to_owned()),
            ("online_link", link.to_owned()),
        ]
    };
    let send = |fields: Vec<(&'static str, String)>| {
        let (app, cookie) = (&app, cookie.clone());
        async move {
            let f: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
            app.post(agenda, Some(&cookie), &f).await
        }
    };
    // A call link for someone in the room is refused, beside that appearance's form.
    let (status, _, refused) = send(change(
        "in_person",
        "https://call.example/x",
        form_version(&page),
    ))
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.contains("A call link is only for someone appearing online."));
    let open = refused
        .find("A call link is only for someone appearing online.")
        .unwrap();
    let details = &refused[refused[..open].rfind("<details").unwrap()..open];
    assert!(
        details.contains("edit-appearance") && details.contains(" open"),
        "the refused form is open: {details}"
    );
    let unchanged = appearance::Entity::find_by_id(ids.appearance)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(unchanged, before, "nothing changed");

    let (status, _, _) = send(change(
        "online",
        "https://call.example/x",
        form_version(&page),
    ))
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let after = appearance::Entity::find_by_id(ids.appearance)
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.role, convene::domain::AppearanceRole::Interpreter);
    assert_eq!(after.mode, convene::domain::AppearanceMode::Online);
    assert_eq!(after.online_link, "https://call.example/x");
    assert_eq!(after.interpreted_into, "en,fa");
    assert_eq!(
        (after.segment_id, after.position),
        (before.segment_id, before.position),
        "same place"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_tirana_statement_shows_its_signatures_with_each_languages_digits() {
    let app = app().await;
    let (_, en) = app
        .get("/o/families-association/tirana-park-2023", None)
        .await;
    assert!(
        en.contains("Signed by 286 people."),
        "the demo's statement was signed"
    );
    // Fluent writes numbers in Persian messages with Persian digits.
    let (_, fa) = app
        .get("/o/families-association/tirana-park-2023?lang=fa", None)
        .await;
    assert!(fa.contains("۲۸۶"), "Persian digits");
}
