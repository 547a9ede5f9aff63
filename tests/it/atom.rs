//! The Atom feed of published and changed gatherings, read back by an independent feed
//! parser: public gatherings only, the latest change first, nothing internal.

use crate::common;

use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use common::{ORGANISER, TIRANA, app};
use convene::db::entities::gathering;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

const ATOM: &str = "/o/families-association/feed.atom";

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_atom_feed_lists_public_gatherings_latest_change_first() {
    let app = app().await;
    let request = Request::get(ATOM)
        .header(header::HOST, "127.0.0.1:3000")
        .body(Body::empty())
        .unwrap();
    let (status, headers, body) = app.send(request).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        headers[header::CONTENT_TYPE],
        "application/atom+xml; charset=utf-8"
    );
    let feed = feed_rs::parser::parse(body.as_bytes()).expect("an independent parser reads it");
    let public = gathering::Entity::find()
        .filter(gathering::Column::Status.ne("draft"))
        .all(&app.db)
        .await
        .unwrap();
    // Beside the gatherings, the statements and letters the organisation published.
    let issued = convene::db::issued::list(&app.db, public[0].organisation_id, false)
        .await
        .unwrap();
    assert!(!issued.is_empty(), "the demo has published statements");
    assert_eq!(feed.entries.len(), public.len() + issued.len());
    assert!(
        !body.contains("Below freezing forecast"),
        "internal notes stay inside"
    );
    let drafts = gathering::Entity::find()
        .filter(gathering::Column::Status.eq("draft"))
        .all(&app.db)
        .await
        .unwrap();
    for d in &drafts {
        assert!(
            !body.contains(&d.uid),
            "draft {} is not in the feed",
            d.slug
        );
    }
    let link_of = |e: &feed_rs::model::Entry| e.links[0].href.clone();
    assert!(
        feed.entries
            .iter()
            .all(|e| link_of(e).starts_with("http://127.0.0.1:3000/o/families-association/"))
    );
    let updated: Vec<_> = feed.entries.iter().map(|e| e.updated.unwrap()).collect();
    assert!(
        updated.windows(2).all(|w| w[0] >= w[1]),
        "latest change first"
    );

    // Unchanged: 304 to a reader that sends the ETag back.
    let etag = headers[header::ETAG].clone();
    let request = Request::get(ATOM)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::IF_NONE_MATCH, etag.clone())
        .body(Body::empty())
        .unwrap();
    assert_eq!(app.send(request).await.0, StatusCode::NOT_MODIFIED);

    // A change to the Tirana gathering brings it to the top, under the same id.
    let tirana = gathering::Entity::find()
        .filter(gathering::Column::Slug.eq(TIRANA))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let before = feed
        .entries
        .iter()
        .find(|e| link_of(e).ends_with(TIRANA))
        .unwrap()
        .id
        .clone();
    let cookie = app.cookie(ORGANISER).await;
    let (status, _, _) = app
        .post(
            &format!("/manage/o/families-association/{TIRANA}/edit"),
            Some(&cookie),
            &[
                ("version", &tirana.version.to_string()),
                ("title", "Public gathering in the park on Rruga Ura"),
                ("slug", TIRANA),
                ("kind", "rally"),
                ("status", "published"),
                ("venue", &tirana.venue_id.unwrap().to_string()),
                ("date", "2023-11-26"),
                ("starts", "11:00"),
                ("ends", "13:15"),
                ("languages", "sq, fa"),
                ("public_description", "Now until 13:15."),
            ],
        )
        .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let request = Request::get(ATOM)
        .header(header::HOST, "127.0.0.1:3000")
        .header(header::IF_NONE_MATCH, etag)
        .body(Body::empty())
        .unwrap();
    let (status, _, body) = app.send(request).await;
    assert_eq!(status, StatusCode::OK, "changed: the whole feed again");
    let feed = feed_rs::parser::parse(body.as_bytes()).unwrap();
    let first = &feed.entries[0];
    assert!(link_of(first).ends_with(TIRANA));
    assert_eq!(first.id, before, "the entry keeps its id");
    assert!(body.contains("Now until 13:15."));
}
