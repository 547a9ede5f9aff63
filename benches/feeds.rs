//! Rendering speed of calendar feeds: an organisation feed of 1,000 gatherings spread
//! over three zones and four years (each zone's VTIMEZONE covers all its years).
//!
//! Run with `cargo bench --bench feeds`.

use chrono::{Duration, TimeZone, Utc};
use convene::domain::GatheringStatus;
use convene::domain::ical::{Feed, FeedEvent, render};
use criterion::{Criterion, criterion_group, criterion_main};

fn feed(n: usize) -> Feed {
    let zones = [
        chrono_tz::Europe::Tirane,
        chrono_tz::Asia::Tehran,
        chrono_tz::Europe::Stockholm,
    ];
    let first = Utc.with_ymd_and_hms(2023, 1, 1, 10, 0, 0).unwrap();
    let events = (0..n)
        .map(|i| {
            let start = first + Duration::days((i * 3 / 2) as i64);
            FeedEvent {
                uid: format!("gathering-{i}@families-association.convene"),
                sequence: (i % 4) as u32,
                status: if i % 50 == 0 {
                    GatheringStatus::Cancelled
                } else {
                    GatheringStatus::Published
                },
                summary: format!("Public gathering number {i} in the park on Rruga Ura"),
                description: "An open gathering with two screenings, speakers joining online \
                              with live interpretation into Albanian, messages of support and \
                              the reading and signing of a final statement.\n\nProgramme:\n\
                              11:00–11:10 Opening\n11:10–11:24 Documentary: Biography\n\
                              11:24–11:39 Address by the society's chief executive"
                    .into(),
                location: Some("Futsal park, Rruga Ura, Tirana, Albania".into()),
                geo: Some((41.3275, 19.8187)),
                url: Some(format!(
                    "https://convene.example/o/families-association/g-{i}"
                )),
                categories: vec!["Rally".into()],
                zone: zones[i % 3],
                start,
                end: start + Duration::minutes(125),
                modified: Utc.with_ymd_and_hms(2023, 11, 20, 9, 30, 0).unwrap(),
                language: "en".into(),
            }
        })
        .collect();
    Feed {
        name: "Families' Association".into(),
        description: "Public gatherings".into(),
        refresh_minutes: 60,
        language: "en".into(),
        events,
    }
}

fn bench(c: &mut Criterion) {
    let one = feed(1);
    let thousand = feed(1000);
    c.bench_function("render feed of 1 gathering", |b| b.iter(|| render(&one)));
    c.bench_function("render feed of 1000 gatherings", |b| {
        b.iter(|| render(&thousand))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
