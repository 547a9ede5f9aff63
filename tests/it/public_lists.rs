//! Long public lists come in pages: an organisation (or a venue) of many gatherings has a
//! page of a reasonable size, and every gathering is still reached by following the pager.

use crate::common;

use axum::http::StatusCode;
use convene::db::export;
use convene::domain::GatheringStatus;
use convene::domain::listing::PAGE_SIZE;

/// Cards of past gatherings on an organisation's page.
fn cards(page: &str) -> usize {
    let past = page.split_once("id=\"past\"").map_or("", |(_, p)| p);
    past.matches(" class=\"card\">").count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn an_organisation_of_many_gatherings_pages_its_lists() {
    // The demo with forty more screenings in the past, each its own gathering.
    let mut doc = convene::db::demo::document().unwrap();
    doc.organisation.slug = "many".into();
    let model = doc
        .gatherings
        .iter()
        .find(|g| g.status == GatheringStatus::Published)
        .unwrap()
        .clone();
    for g in &mut doc.gatherings {
        g.uid = format!("many-{}", g.uid);
        for s in &mut g.segments {
            s.uid = format!("many-{}", s.uid);
        }
    }
    let now = chrono::Utc::now().naive_utc();
    let past = doc
        .gatherings
        .iter()
        .filter(|g| g.status != GatheringStatus::Draft && g.starts_local < now)
        .count();
    for i in 0..40 {
        let mut g = model.clone();
        g.slug = format!("screening-{i}");
        g.uid = format!("screening-{i}");
        for s in &mut g.segments {
            s.uid = format!("screening-{i}-{}", s.uid);
        }
        g.series = None;
        doc.gatherings.push(g);
    }
    doc.campaigns.clear();
    doc.series.clear();
    let (_dir, conn) = common::fresh_database().await;
    export::import(&conn, &doc).await.unwrap();
    let app = common::App::on(conn);

    let (status, first) = app.get("/o/many", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cards(&first), PAGE_SIZE, "one page of past gatherings");
    assert!(first.contains("Page 1 of 2"), "the pager says where one is");
    assert!(
        first.contains("href=\"/o/many?past_page=2#past\""),
        "and links on"
    );
    let (status, second) = app.get("/o/many?past_page=2", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cards(&second), past + 40 - PAGE_SIZE, "the rest");
    assert!(second.contains("Page 2 of 2"));
    assert!(second.contains("rel=\"prev\""));
    // Every gathering is on one of the two pages, once.
    for i in 0..40 {
        let link = format!("href=\"/o/many/screening-{i}\"");
        assert_eq!(
            first.matches(&link).count() + second.matches(&link).count(),
            1,
            "screening {i}"
        );
    }
    // A page past the end shows the last page.
    let (_, beyond) = app.get("/o/many?past_page=99", None).await;
    assert!(beyond.contains("Page 2 of 2"));

    // The venue of all forty: its page is paged the same way.
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
    let venue = convene::db::entities::gathering::Entity::find()
        .filter(convene::db::entities::gathering::Column::Slug.eq("screening-0"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap()
        .venue_id
        .expect("the screenings have a venue");
    let at = format!("/o/many/venues/{venue}");
    let (status, first) = app.get(&at, None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cards(&first), PAGE_SIZE);
    assert!(first.contains(&format!("href=\"{at}?past_page=2#past\"")));
    let (_, second) = app.get(&format!("{at}?past_page=2"), None).await;
    assert!(cards(&second) >= 40 - PAGE_SIZE, "the rest");
    assert!(second.contains("Page 2 of 2"));

    // A listed person of the copied gathering: forty appearances more, a page at a time.
    use convene::db::entities::{appearance, person, segment};
    let screening = convene::db::entities::gathering::Entity::find()
        .filter(convene::db::entities::gathering::Column::Slug.eq("screening-0"))
        .one(&app.db)
        .await
        .unwrap()
        .unwrap();
    let segments: Vec<i32> = segment::Entity::find()
        .filter(segment::Column::GatheringId.eq(screening.id))
        .filter(segment::Column::Public.eq(true))
        .all(&app.db)
        .await
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    let mut listed = None;
    for a in appearance::Entity::find()
        .filter(appearance::Column::SegmentId.is_in(segments))
        .all(&app.db)
        .await
        .unwrap()
    {
        let p = person::Entity::find_by_id(a.person_id)
            .one(&app.db)
            .await
            .unwrap()
            .unwrap();
        if p.listed_publicly {
            listed = Some(p.id);
            break;
        }
    }
    let id = listed.expect("a listed person appears in the copied gathering");
    let at = format!("/o/many/people/{id}");
    let (status, first) = app.get(&at, None).await;
    assert_eq!(status, StatusCode::OK);
    let shown = |page: &str| page.matches(" class=\"card\">").count();
    assert_eq!(shown(&first), PAGE_SIZE);
    assert!(first.contains(&format!("href=\"{at}?page=2\"")), "links on");
    let (_, second) = app.get(&format!("{at}?page=2"), None).await;
    assert!(shown(&second) >= 40 - PAGE_SIZE);
    assert!(second.contains(&format!("href=\"{at}\"")), "and back");
}
