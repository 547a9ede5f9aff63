//! The demo organisation: the gatherings of the field notes, in Tirana, Tehran and
//! Stockholm, with their run of show. Loaded on an empty database by `make run` and by
//! `convene demo`; the tests use it too.

use chrono::{NaiveDateTime, Utc};
use chrono_tz::Tz;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, Set, TransactionTrait,
};

use super::entities::{
    appearance, digest, film, gathering, gathering_text, organisation, person, segment,
    segment_text, statement, statement_text, venue,
};
use crate::domain::time::resolve_local;
use crate::domain::{
    AppearanceMode as M, AppearanceRole as R, GatheringKind, GatheringStatus, SegmentKind as K,
};

/// The demo organisation's slug.
pub const DEMO_ORG: &str = "families-association";

/// Loads the demo organisation unless it exists; returns whether it was loaded.
pub async fn load_if_absent(db: &DatabaseConnection) -> Result<bool, DbErr> {
    let exists = organisation::Entity::find()
        .filter(organisation::Column::Slug.eq(DEMO_ORG))
        .count(db)
        .await?
        > 0;
    if exists {
        return Ok(false);
    }
    let txn = db.begin().await?;
    load(&txn).await?;
    txn.commit().await?;
    Ok(true)
}

/// Whether the database holds no organisation at all.
pub async fn is_empty(db: &impl ConnectionTrait) -> Result<bool, DbErr> {
    Ok(organisation::Entity::find().count(db).await? == 0)
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").expect("demo times are well formed")
}

fn tz(name: &str) -> Tz {
    name.parse().expect("demo zones are IANA names")
}

struct Ctx<'a, C: ConnectionTrait> {
    db: &'a C,
    org: i32,
}

struct VenueSpec<'a> {
    name: &'a str,
    address: &'a str,
    city: &'a str,
    country: &'a str,
    zone: &'a str,
    coords: Option<(f64, f64)>,
    capacity: Option<i32>,
    setting: &'a str,
    directions: &'a str,
    access: &'a str,
}

struct PersonSpec<'a> {
    name: &'a str,
    bio: &'a str,
    languages: &'a str,
    zone: Option<&'a str>,
    contact: &'a str,
    listed: bool,
}

struct FilmSpec<'a> {
    title: &'a str,
    director: &'a str,
    producer: &'a str,
    year: Option<i32>,
    runtime: i32,
    audio: &'a str,
    subtitles: &'a str,
    rights: &'a str,
}

struct GatheringSpec<'a> {
    kind: GatheringKind,
    title: &'a str,
    slug: &'a str,
    venue: Option<i32>,
    zone: &'a str,
    starts: &'a str,
    ends: &'a str,
    status: GatheringStatus,
    description: &'a str,
    notes: &'a str,
    expected: Option<i32>,
    actual: Option<i32>,
    languages: &'a str,
}

/// One appearance: person, role, mode, language spoken, languages interpreted into,
/// internal call link.
type Appear<'a> = (i32, R, M, Option<&'a str>, &'a str, &'a str);

struct SegmentSpec<'a> {
    kind: K,
    title: &'a str,
    minutes: Option<i32>,
    hard_start: Option<&'a str>,
    film: Option<i32>,
    statement: Option<i32>,
    public: bool,
    cues: &'a str,
    appearances: Vec<Appear<'a>>,
    /// The title in other languages: (language, title).
    texts: &'a [(&'a str, &'a str)],
}

impl<'a> SegmentSpec<'a> {
    fn new(kind: K, title: &'a str, minutes: Option<i32>) -> Self {
        Self {
            kind,
            title,
            minutes,
            hard_start: None,
            film: None,
            statement: None,
            public: true,
            cues: "",
            appearances: Vec::new(),
            texts: &[],
        }
    }
    fn film(mut self, id: i32) -> Self {
        self.film = Some(id);
        self
    }
    fn statement(mut self, id: i32) -> Self {
        self.statement = Some(id);
        self
    }
    fn cues(mut self, cues: &'a str) -> Self {
        self.cues = cues;
        self
    }
    fn internal(mut self) -> Self {
        self.public = false;
        self
    }
    fn texts(mut self, texts: &'a [(&'a str, &'a str)]) -> Self {
        self.texts = texts;
        self
    }
    fn with(mut self, a: Appear<'a>) -> Self {
        self.appearances.push(a);
        self
    }
}

impl<C: ConnectionTrait> Ctx<'_, C> {
    async fn venue(&self, v: VenueSpec<'_>) -> Result<i32, DbErr> {
        let now = Utc::now();
        let m = venue::ActiveModel {
            organisation_id: Set(self.org),
            name: Set(v.name.into()),
            address: Set(v.address.into()),
            city: Set(v.city.into()),
            country: Set(v.country.into()),
            time_zone: Set(v.zone.into()),
            latitude: Set(v.coords.map(|c| c.0)),
            longitude: Set(v.coords.map(|c| c.1)),
            capacity: Set(v.capacity),
            setting: Set(v.setting.into()),
            public_directions: Set(v.directions.into()),
            access_notes: Set(v.access.into()),
            archived: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        Ok(m.id)
    }

    async fn person(&self, p: PersonSpec<'_>) -> Result<i32, DbErr> {
        let now = Utc::now();
        let m = person::ActiveModel {
            organisation_id: Set(self.org),
            name: Set(p.name.into()),
            public_bio: Set(p.bio.into()),
            languages: Set(p.languages.into()),
            home_time_zone: Set(p.zone.map(Into::into)),
            contact: Set(p.contact.into()),
            listed_publicly: Set(p.listed),
            archived: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        Ok(m.id)
    }

    async fn film(&self, f: FilmSpec<'_>) -> Result<i32, DbErr> {
        let now = Utc::now();
        let m = film::ActiveModel {
            organisation_id: Set(self.org),
            title: Set(f.title.into()),
            director: Set(f.director.into()),
            producer: Set(f.producer.into()),
            year: Set(f.year),
            runtime_minutes: Set(f.runtime),
            audio_language: Set(f.audio.into()),
            subtitle_languages: Set(f.subtitles.into()),
            trailer_url: Set(String::new()),
            rights_notes: Set(f.rights.into()),
            archived: Set(false),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        Ok(m.id)
    }

    async fn gathering(&self, g: GatheringSpec<'_>) -> Result<i32, DbErr> {
        let zone = tz(g.zone);
        let starts = resolve_local("starts_at", zone, local(g.starts))
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        let ends = resolve_local("ends_at", zone, local(g.ends))
            .map_err(|e| DbErr::Custom(e.to_string()))?;
        let now = Utc::now();
        let m = gathering::ActiveModel {
            organisation_id: Set(self.org),
            kind: Set(g.kind.as_str().into()),
            title: Set(g.title.into()),
            slug: Set(g.slug.into()),
            venue_id: Set(g.venue),
            time_zone: Set(g.zone.into()),
            starts_local: Set(local(g.starts)),
            ends_local: Set(local(g.ends)),
            starts_at: Set(starts.with_timezone(&Utc)),
            ends_at: Set(ends.with_timezone(&Utc)),
            status: Set(g.status.as_str().into()),
            public_description: Set(g.description.into()),
            internal_notes: Set(g.notes.into()),
            expected_attendance: Set(g.expected),
            actual_attendance: Set(g.actual),
            languages: Set(g.languages.into()),
            uid: Set(format!("{}@{DEMO_ORG}.convene", g.slug)),
            sequence: Set(0),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        Ok(m.id)
    }

    async fn statement(
        &self,
        gathering_id: i32,
        title: &str,
        language: &str,
        points: &[&str],
        signatures: i32,
    ) -> Result<i32, DbErr> {
        let now = Utc::now();
        let m = statement::ActiveModel {
            gathering_id: Set(gathering_id),
            title: Set(title.into()),
            language: Set(language.into()),
            points: Set(points.join("\n")),
            signature_count: Set(signatures),
            public: Set(true),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        Ok(m.id)
    }

    async fn slug_of(&self, gathering_id: i32) -> Result<String, DbErr> {
        Ok(gathering::Entity::find_by_id(gathering_id)
            .one(self.db)
            .await?
            .map(|g| g.slug)
            .unwrap_or_default())
    }

    async fn gathering_text(
        &self,
        gathering_id: i32,
        language: &str,
        title: &str,
        description: &str,
    ) -> Result<(), DbErr> {
        gathering_text::ActiveModel {
            gathering_id: Set(gathering_id),
            language: Set(language.into()),
            title: Set(title.into()),
            public_description: Set(description.into()),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        Ok(())
    }

    async fn statement_text(
        &self,
        statement_id: i32,
        language: &str,
        title: &str,
        points: &[&str],
    ) -> Result<(), DbErr> {
        statement_text::ActiveModel {
            statement_id: Set(statement_id),
            language: Set(language.into()),
            title: Set(title.into()),
            points: Set(points.join("\n")),
            ..Default::default()
        }
        .insert(self.db)
        .await?;
        Ok(())
    }

    async fn agenda(&self, gathering_id: i32, segments: Vec<SegmentSpec<'_>>) -> Result<(), DbErr> {
        for (i, s) in segments.into_iter().enumerate() {
            let seg = segment::ActiveModel {
                gathering_id: Set(gathering_id),
                position: Set(i as i32 + 1),
                kind: Set(s.kind.as_str().into()),
                title: Set(s.title.into()),
                duration_minutes: Set(s.minutes),
                hard_start_local: Set(s.hard_start.map(local)),
                film_id: Set(s.film),
                statement_id: Set(s.statement),
                public: Set(s.public),
                cue_notes: Set(s.cues.into()),
                actual_start: Set(None),
                actual_end: Set(None),
                skipped: Set(false),
                uid: Set(format!("{}-{}", self.slug_of(gathering_id).await?, i + 1)),
                ..Default::default()
            }
            .insert(self.db)
            .await?;
            for (language, title) in s.texts {
                segment_text::ActiveModel {
                    segment_id: Set(seg.id),
                    language: Set((*language).into()),
                    title: Set((*title).into()),
                    ..Default::default()
                }
                .insert(self.db)
                .await?;
            }
            for (j, (person_id, role, mode, language, into, link)) in
                s.appearances.into_iter().enumerate()
            {
                appearance::ActiveModel {
                    segment_id: Set(seg.id),
                    person_id: Set(person_id),
                    position: Set(j as i32),
                    role: Set(role.as_str().into()),
                    mode: Set(mode.as_str().into()),
                    language: Set(language.map(Into::into)),
                    interpreted_into: Set(into.into()),
                    online_link: Set(link.into()),
                    ..Default::default()
                }
                .insert(self.db)
                .await?;
            }
        }
        Ok(())
    }
}

async fn load(db: &impl ConnectionTrait) -> Result<(), DbErr> {
    let org = organisation::ActiveModel {
        slug: Set(DEMO_ORG.into()),
        name: Set("Families' Association".into()),
        default_language: Set("en".into()),
        public_description: Set(
            "A society of families in Tirana who campaign, in Albanian and Persian, to see \
             and speak freely with their relatives."
                .into(),
        ),
        created_at: Set(Utc::now()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    let c = Ctx { db, org: org.id };

    // Venues.
    let park = c
        .venue(VenueSpec {
            name: "Futsal park, Rruga Ura",
            address: "Rruga Ura",
            city: "Tirana",
            country: "Albania",
            zone: "Europe/Tirane",
            coords: Some((41.3275, 19.8187)),
            capacity: Some(500),
            setting: "outdoor",
            directions: "Downtown Tirana, the open futsal pitch beside Rruga Ura. Dress for the cold.",
            access: "Generator and sound desk arrive 09:30 by the north gate; key holder is the park warden.",
        })
        .await?;
    let embassy = c
        .venue(VenueSpec {
            name: "Outside the embassy, Tehran",
            address: "",
            city: "Tehran",
            country: "Iran",
            zone: "Asia/Tehran",
            coords: None,
            capacity: None,
            setting: "outdoor",
            directions: "On the pavement opposite the embassy entrance.",
            access: "Families meet at the bus stop first and walk over together.",
        })
        .await?;
    let villa = c
        .venue(VenueSpec {
            name: "The society's villa",
            address: "",
            city: "Tirana",
            country: "Albania",
            zone: "Europe/Tirane",
            coords: None,
            capacity: Some(60),
            setting: "indoor",
            directions: "By invitation; the address is on your invitation.",
            access: "TV crews use the garden entrance; cables through the side window.",
        })
        .await?;
    let square = c
        .venue(VenueSpec {
            name: "Skanderbeg Square, by the clock tower",
            address: "Sheshi Skënderbej",
            city: "Tirana",
            country: "Albania",
            zone: "Europe/Tirane",
            coords: Some((41.3275, 19.8189)),
            capacity: None,
            setting: "outdoor",
            directions: "Meet at the foot of the clock tower.",
            access: "Flowers are delivered to the café on the corner at 14:30.",
        })
        .await?;
    let cinema = c
        .venue(VenueSpec {
            name: "Cinema hall, Stockholm",
            address: "",
            city: "Stockholm",
            country: "Sweden",
            zone: "Europe/Stockholm",
            coords: None,
            capacity: Some(180),
            setting: "indoor",
            directions: "Doors open 30 minutes before the screening. Bring your ticket confirmation.",
            access: "Entrance through the courtyard side door only; stewards check bags; police liaison informed.",
        })
        .await?;

    // People.
    let host = c
        .person(PersonSpec {
            name: "Society host",
            bio: "Member of the society; hosts its gatherings and interprets from Persian into Albanian.",
            languages: "sq,fa,en",
            zone: Some("Europe/Tirane"),
            contact: "+355 69 000 0001 (Signal)",
            listed: true,
        })
        .await?;
    let ceo = c
        .person(PersonSpec {
            name: "Chief executive of the society",
            bio: "Leads the society's work for families.",
            languages: "fa,en",
            zone: Some("Europe/London"),
            contact: "office line via the secretary",
            listed: true,
        })
        .await?;
    let mothers = c
        .person(PersonSpec {
            name: "Head of the mothers' organisation",
            bio: "Speaks for the mothers who have not seen their children for years.",
            languages: "fa",
            zone: Some("America/Toronto"),
            contact: "via the society's coordinator",
            listed: true,
        })
        .await?;
    let former = c
        .person(PersonSpec {
            name: "Former member (name withheld)",
            bio: "",
            languages: "fa,sq",
            zone: Some("Europe/Tirane"),
            contact: "+355 69 000 0002",
            listed: false,
        })
        .await?;
    let reader = c
        .person(PersonSpec {
            name: "Society member (reader)",
            bio: "Reads the messages of those who cannot attend.",
            languages: "sq",
            zone: Some("Europe/Tirane"),
            contact: "+355 69 000 0003",
            listed: true,
        })
        .await?;
    let activist = c
        .person(PersonSpec {
            name: "Human-rights activist",
            bio: "Sent a message of support.",
            languages: "en",
            zone: None,
            contact: "",
            listed: true,
        })
        .await?;
    let writer = c
        .person(PersonSpec {
            name: "Writer",
            bio: "Sent a message of support.",
            languages: "sq",
            zone: None,
            contact: "",
            listed: true,
        })
        .await?;
    let pastor = c
        .person(PersonSpec {
            name: "Pastor",
            bio: "Sent a message of support.",
            languages: "sq",
            zone: None,
            contact: "",
            listed: true,
        })
        .await?;
    let tehran_ceo = c
        .person(PersonSpec {
            name: "Chief executive of the families' organisation in Tehran",
            bio: "",
            languages: "fa",
            zone: Some("Asia/Tehran"),
            contact: "through the coordinator only",
            listed: true,
        })
        .await?;
    let producer = c
        .person(PersonSpec {
            name: "Producer of the film",
            bio: "",
            languages: "sv,fa,en",
            zone: Some("Europe/Stockholm"),
            contact: "+46 70 000 0004",
            listed: false,
        })
        .await?;

    // Films.
    let biography = c
        .film(FilmSpec {
            title: "Biography",
            director: "",
            producer: "Families' Association",
            year: Some(2023),
            runtime: 14,
            audio: "sq",
            subtitles: "",
            rights: "Own production; free to screen.",
        })
        .await?;
    let embassy_film = c
        .film(FilmSpec {
            title: "Families outside the embassy in Tehran",
            director: "",
            producer: "Families' Association",
            year: Some(2023),
            runtime: 6,
            audio: "fa",
            subtitles: "sq",
            rights: "Footage from members' phones; blur faces before any upload.",
        })
        .await?;
    let ashraf = c
        .film(FilmSpec {
            title: "The Children of Camp Ashraf",
            director: "",
            producer: "",
            year: None,
            runtime: 80,
            audio: "fa",
            subtitles: "en,sv",
            rights: "Screening licence for one showing; DCP delivered by courier.",
        })
        .await?;

    // 1. The gathering in the park, Tirana, 26 November 2023.
    let g = c
        .gathering(GatheringSpec {
            kind: GatheringKind::Rally,
            title: "Public gathering in the park on Rruga Ura",
            slug: "tirana-park-2023",
            venue: Some(park),
            zone: "Europe/Tirane",
            starts: "2023-11-26 11:00",
            ends: "2023-11-26 13:05",
            status: GatheringStatus::Published,
            description: "An open gathering in downtown Tirana with two screenings, speakers \
                          joining online with live interpretation into Albanian, messages of \
                          support and the reading and signing of a final statement.",
            notes: "Below freezing forecast: hot tea at the sound desk. TV crews expected.",
            expected: Some(250),
            actual: Some(300),
            languages: "sq,fa",
        })
        .await?;
    let final_statement = c
        .statement(
            g,
            "Final statement of the gathering in Tirana",
            "en",
            &[
                "We ask to be able to see our relatives and to speak with them freely.",
                "We ask the authorities to help families make these visits possible.",
                "We thank the people of Albania for standing with the families.",
            ],
            0,
        )
        .await?;
    c.gathering_text(
        g,
        "sq",
        "Tubim publik në parkun e Rrugës Ura",
        "Një tubim i hapur në qendër të Tiranës me dy shfaqje filmash, folës që lidhen online \
         me përkthim të drejtpërdrejtë në shqip, mesazhe mbështetjeje dhe leximin e \
         nënshkrimin e një deklarate përfundimtare.",
    )
    .await?;
    c.gathering_text(
        g,
        "fa",
        "گردهمایی عمومی در پارک خیابان اورا",
        "گردهمایی آزاد در مرکز تیرانا با نمایش دو فیلم، سخنرانانی که به‌صورت آنلاین با ترجمهٔ \
         همزمان به آلبانیایی می‌پیوندند، پیام‌های حمایت و خواندن و امضای بیانیهٔ پایانی.",
    )
    .await?;
    c.statement_text(
        final_statement,
        "sq",
        "Deklarata përfundimtare e tubimit në Tiranë",
        &[
            "Kërkojmë të mund të shohim të afërmit tanë dhe të flasim lirshëm me ta.",
            "U kërkojmë autoriteteve të ndihmojnë familjet që këto vizita të bëhen të mundura.",
            "Falënderojmë popullin e Shqipërisë që qëndron pranë familjeve.",
        ],
    )
    .await?;
    c.statement_text(
        final_statement,
        "fa",
        "بیانیهٔ پایانی گردهمایی در تیرانا",
        &[
            "ما خواستار دیدار با بستگانمان و گفت‌وگوی آزادانه با آنان هستیم.",
            "از مقامات می‌خواهیم به خانواده‌ها کمک کنند تا این دیدارها ممکن شود.",
            "از مردم آلبانی برای همراهی با خانواده‌ها سپاسگزاریم.",
        ],
    )
    .await?;
    c.agenda(
        g,
        vec![
            SegmentSpec::new(
                K::Introduction,
                "Opening and introduction of the society",
                Some(10),
            )
            .texts(&[
                ("sq", "Hapja dhe prezantimi i shoqatës"),
                ("fa", "افتتاحیه و معرفی انجمن"),
            ])
            .cues("Mic 1 to the host. Banner up before 10:50.")
            .with((host, R::Host, M::InPerson, Some("sq"), "", "")),
            SegmentSpec::new(K::Screening, "Documentary: Biography", None)
                .texts(&[("sq", "Dokumentar: Biografi"), ("fa", "مستند: زندگی‌نامه")])
                .film(biography)
                .cues("Projector on generator 2; file biography_sq.mp4, no subtitles.")
                .with((host, R::Host, M::InPerson, Some("sq"), "", "")),
            SegmentSpec::new(
                K::Speech,
                "Address by the society's chief executive",
                Some(15),
            )
            .texts(&[
                ("sq", "Fjala e drejtuesit të shoqatës"),
                ("fa", "سخنرانی مدیرعامل انجمن"),
            ])
            .cues("Video call tested at 10:30; laptop sound into desk channel 3.")
            .with((host, R::Host, M::InPerson, Some("sq"), "", ""))
            .with((
                ceo,
                R::Speaker,
                M::Online,
                Some("fa"),
                "sq",
                "https://call.invalid/ceo",
            ))
            .with((host, R::Interpreter, M::InPerson, Some("sq"), "", "")),
            SegmentSpec::new(
                K::Screening,
                "Film of the gathering outside the embassy in Tehran",
                None,
            )
            .texts(&[
                ("sq", "Filmi i tubimit para ambasadës në Teheran"),
                ("fa", "فیلم تجمع مقابل سفارت در تهران"),
            ])
            .film(embassy_film)
            .cues("File embassy_final.mp4 with the Albanian statement burned in."),
            SegmentSpec::new(
                K::Speech,
                "Address by the head of the mothers' organisation",
                Some(12),
            )
            .texts(&[
                ("sq", "Fjala e drejtueses së organizatës së nënave"),
                ("fa", "سخنرانی رئیس سازمان مادران"),
            ])
            .cues("Second video call; fall back to phone on speaker if the call drops.")
            .with((host, R::Host, M::InPerson, Some("sq"), "", ""))
            .with((
                mothers,
                R::Speaker,
                M::Online,
                Some("fa"),
                "sq",
                "https://call.invalid/mothers",
            ))
            .with((host, R::Interpreter, M::InPerson, Some("sq"), "", "")),
            SegmentSpec::new(
                K::Speech,
                "A former member speaks about his experience",
                Some(10),
            )
            .texts(&[
                ("sq", "Një ish-anëtar flet për përvojën e tij"),
                ("fa", "یک عضو سابق از تجربهٔ خود می‌گوید"),
            ])
            .cues("No close-up filming of the speaker.")
            .with((former, R::Speaker, M::InPerson, Some("sq"), "", "")),
            SegmentSpec::new(
                K::MessageReadOut,
                "Messages of support from friends who could not attend",
                Some(12),
            )
            .texts(&[
                ("sq", "Mesazhe mbështetjeje nga miq që nuk mundën të vinin"),
                ("fa", "پیام‌های حمایت از دوستانی که نتوانستند حضور یابند"),
            ])
            .with((activist, R::Speaker, M::ReadByProxy, Some("en"), "sq", ""))
            .with((writer, R::Speaker, M::ReadByProxy, Some("sq"), "", ""))
            .with((pastor, R::Speaker, M::ReadByProxy, Some("sq"), "", ""))
            .with((reader, R::Reader, M::InPerson, Some("sq"), "", "")),
            SegmentSpec::new(
                K::StatementReading,
                "Reading of the final statement",
                Some(8),
            )
            .texts(&[
                ("sq", "Leximi i deklaratës përfundimtare"),
                ("fa", "خواندن بیانیهٔ پایانی"),
            ])
            .statement(final_statement)
            .with((reader, R::Reader, M::InPerson, Some("sq"), "", "")),
            SegmentSpec::new(K::Signing, "Participants sign the statement", Some(15))
                .texts(&[
                    ("sq", "Pjesëmarrësit nënshkruajnë deklaratën"),
                    ("fa", "شرکت‌کنندگان بیانیه را امضا می‌کنند"),
                ])
                .statement(final_statement)
                .cues(
                    "Two clipboards and pens at the front; collect the sheets before packing up.",
                ),
            SegmentSpec::new(K::Other, "Pack-up and hand-back of the park", Some(20))
                .internal()
                .cues("Generator off last; warden signs the hand-back sheet."),
        ],
    )
    .await?;

    // 2. The rally outside the embassy in Tehran.
    let g = c
        .gathering(GatheringSpec {
            kind: GatheringKind::Rally,
            title: "Families' rally outside the embassy in Tehran",
            slug: "tehran-embassy-rally-2023",
            venue: Some(embassy),
            zone: "Asia/Tehran",
            starts: "2023-11-20 10:00",
            ends: "2023-11-20 11:00",
            status: GatheringStatus::Published,
            description: "Families gather outside the embassy; a ten-point statement signed by \
                          the members is read out.",
            notes: "Called at short notice after the police action abroad.",
            expected: Some(60),
            actual: None,
            languages: "fa",
        })
        .await?;
    let ten_points: Vec<String> = (1..=10)
        .map(|n| format!("Point {n} of the families' statement."))
        .collect();
    let ten_points: Vec<&str> = ten_points.iter().map(String::as_str).collect();
    let st = c
        .statement(g, "The families' ten-point statement", "fa", &ten_points, 0)
        .await?;
    c.agenda(
        g,
        vec![
            SegmentSpec::new(K::Speech, "The chief executive speaks", Some(20)).with((
                tehran_ceo,
                R::Speaker,
                M::InPerson,
                Some("fa"),
                "",
                "",
            )),
            SegmentSpec::new(
                K::StatementReading,
                "Reading of the ten-point statement",
                Some(15),
            )
            .statement(st)
            .with((tehran_ceo, R::Reader, M::InPerson, Some("fa"), "", "")),
        ],
    )
    .await?;

    // 3. International Women's Day conference at the villa.
    let g = c
        .gathering(GatheringSpec {
            kind: GatheringKind::Conference,
            title: "International Women's Day conference",
            slug: "womens-day-conference-2024",
            venue: Some(villa),
            zone: "Europe/Tirane",
            starts: "2024-03-08 10:00",
            ends: "2024-03-08 13:00",
            status: GatheringStatus::Published,
            description: "Women's-rights activists meet at the society's villa; a statement for \
                          the occasion is issued.",
            notes: "Two TV production teams confirmed.",
            expected: Some(40),
            actual: Some(43),
            languages: "sq,fa,en",
        })
        .await?;
    let st = c
        .statement(
            g,
            "Statement for International Women's Day",
            "en",
            &["We stand with the women who are kept from their families."],
            0,
        )
        .await?;
    c.agenda(
        g,
        vec![
            SegmentSpec::new(K::Welcome, "Welcome", Some(10)).with((
                host,
                R::Host,
                M::InPerson,
                Some("sq"),
                "",
                "",
            )),
            SegmentSpec::new(K::Speech, "Activists speak", Some(90))
                .with((activist, R::Speaker, M::InPerson, Some("en"), "sq", ""))
                .with((host, R::Interpreter, M::InPerson, Some("sq"), "", "")),
            SegmentSpec::new(K::Break, "Coffee", Some(20)),
            SegmentSpec::new(K::StatementReading, "The statement for the day", Some(10))
                .statement(st)
                .with((reader, R::Reader, M::InPerson, Some("sq"), "", "")),
        ],
    )
    .await?;

    // 4. Street action: flowers in downtown Tirana.
    c.gathering(GatheringSpec {
        kind: GatheringKind::StreetAction,
        title: "Flowers for the women of Tirana",
        slug: "flowers-womens-day-2024",
        venue: Some(square),
        zone: "Europe/Tirane",
        starts: "2024-03-08 15:00",
        ends: "2024-03-08 16:30",
        status: GatheringStatus::Published,
        description: "Members hand out flowers to women in downtown Tirana.",
        notes: "",
        expected: Some(20),
        actual: None,
        languages: "sq",
    })
    .await?;

    // 5. Screening in Stockholm, under heightened security.
    let g = c
        .gathering(GatheringSpec {
            kind: GatheringKind::Screening,
            title: "Screening: The Children of Camp Ashraf",
            slug: "stockholm-screening-2024",
            venue: Some(cinema),
            zone: "Europe/Stockholm",
            starts: "2024-05-18 18:00",
            ends: "2024-05-18 20:15",
            status: GatheringStatus::Published,
            description: "A screening of the documentary, followed by questions.",
            notes: "Threats received against people linked to the film: two stewards at the \
                    door, no photos of the audience, producer arrives by car at 17:40.",
            expected: Some(150),
            actual: None,
            languages: "sv,fa,en",
        })
        .await?;
    c.agenda(
        g,
        vec![
            SegmentSpec::new(K::Welcome, "Welcome", Some(5)),
            SegmentSpec::new(K::Screening, "The Children of Camp Ashraf", None)
                .film(ashraf)
                .cues("DCP from courier; subtitles track 2 (Swedish)."),
            SegmentSpec::new(K::QAndA, "Questions and answers", Some(40)).with((
                producer,
                R::Speaker,
                M::InPerson,
                Some("sv"),
                "",
                "",
            )),
        ],
    )
    .await?;

    // 6. The next great gathering, still being planned, and a draft.
    let g = c
        .gathering(GatheringSpec {
            kind: GatheringKind::Rally,
            title: "Great gathering in Tirana",
            slug: "great-gathering-2026",
            venue: Some(park),
            zone: "Europe/Tirane",
            starts: "2026-12-13 11:00",
            ends: "2026-12-13 13:00",
            status: GatheringStatus::Published,
            description: "A great gathering that ends with a concluding statement of requests to \
                          the government, followed by signatures.",
            notes: "",
            expected: Some(400),
            actual: None,
            languages: "sq,fa",
        })
        .await?;
    let st = c
        .statement(
            g,
            "Concluding statement: our requests to the government",
            "en",
            &[
                "Help families to visit their relatives.",
                "Guarantee that relatives can speak with their families freely.",
                "Answer the families' letters.",
            ],
            0,
        )
        .await?;
    c.agenda(
        g,
        vec![
            SegmentSpec::new(K::Welcome, "Welcome", Some(10)).with((
                host,
                R::Host,
                M::InPerson,
                Some("sq"),
                "",
                "",
            )),
            SegmentSpec::new(K::Speech, "Families speak", Some(60)),
            SegmentSpec::new(K::StatementReading, "Concluding statement", Some(10)).statement(st),
            SegmentSpec::new(K::Signing, "Signatures", Some(20)).statement(st),
        ],
    )
    .await?;
    c.gathering(GatheringSpec {
        kind: GatheringKind::Vigil,
        title: "Draft: candlelight vigil (not announced)",
        slug: "vigil-draft",
        venue: Some(square),
        zone: "Europe/Tirane",
        starts: "2027-01-10 18:00",
        ends: "2027-01-10 19:00",
        status: GatheringStatus::Draft,
        description: "Still being discussed.",
        notes: "",
        expected: None,
        actual: None,
        languages: "sq",
    })
    .await?;

    // 7. The newsletter: November 2023 was No. 113 (the months around it follow).
    let now = Utc::now();
    digest::ActiveModel {
        organisation_id: Set(c.org),
        month: Set("2023-11".into()),
        number: Set(113),
        editorial_note: Set(
            "A cold Sunday in the park on Rruga Ura, and more of us than we expected. \
             Thank you to everyone who came, spoke, interpreted or sent a message.\n\n\
             The statement read at the end is below; the families' request is unchanged."
                .into(),
        ),
        published: Set(true),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(c.db)
    .await?;
    Ok(())
}
