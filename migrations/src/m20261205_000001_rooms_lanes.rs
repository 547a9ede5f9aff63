//! Rooms and parallel lanes: a venue has rooms (`room`), a gathering runs one or more
//! lanes (`lane`), each in a room or none, and every segment belongs to a lane
//! (`segment.lane_id`). Every existing gathering gets one lane holding all its segments,
//! so it stays exactly as it was.
//!
//! A segment also becomes a session worth publishing: a public abstract (translated in
//! `segment_text.abstract`), the languages it is held in, a track, and whether it may be
//! recorded, streamed or photographed. Both new tables raise the organisation's content
//! version like every table anything public is made from.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::ConnectionTrait;

use crate::m20261124_000001_create_core::{fk, flag, id, index, int, int_null, string, text};
use crate::m20261201_000001_content_version::{add_content_triggers, drop_content_triggers};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Venue {
    Table,
}

#[derive(DeriveIden)]
enum Gathering {
    Table,
}

#[derive(DeriveIden)]
enum Room {
    Table,
    Id,
    VenueId,
    Position,
    Name,
    Capacity,
    Accessibility,
    Directions,
}

#[derive(DeriveIden)]
enum Lane {
    Table,
    Id,
    GatheringId,
    Position,
    Name,
    RoomId,
}

#[derive(DeriveIden)]
enum Segment {
    Table,
    LaneId,
    Abstract,
    Track,
    SessionLanguages,
    MayRecord,
    MayStream,
    MayPhotograph,
}

#[derive(DeriveIden)]
enum SegmentText {
    Table,
    Abstract,
}

/// The tables, and how a row finds its organisation.
const TRIGGERS: [(&str, &str); 2] = [
    (
        "room",
        "(SELECT v.organisation_id FROM venue v WHERE v.id = R.venue_id)",
    ),
    (
        "lane",
        "(SELECT g.organisation_id FROM gathering g WHERE g.id = R.gathering_id)",
    ),
];

fn blank(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .string()
        .not_null()
        .default("")
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Room::Table)
                    .col(id(Room::Id))
                    .col(int(Room::VenueId))
                    .col(int(Room::Position))
                    .col(string(Room::Name))
                    .col(int_null(Room::Capacity))
                    .col(text(Room::Accessibility))
                    .col(text(Room::Directions))
                    .foreign_key(&mut fk(
                        Room::Table,
                        Room::VenueId,
                        Venue::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(manager, "ix_room_venue", Room::Table, &["venue_id"], false).await?;
        manager
            .create_table(
                Table::create()
                    .table(Lane::Table)
                    .col(id(Lane::Id))
                    .col(int(Lane::GatheringId))
                    .col(int(Lane::Position))
                    .col(blank(Lane::Name))
                    .col(int_null(Lane::RoomId))
                    .foreign_key(&mut fk(
                        Lane::Table,
                        Lane::GatheringId,
                        Gathering::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Lane::Table,
                        Lane::RoomId,
                        Room::Table,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_lane_gathering",
            Lane::Table,
            &["gathering_id"],
            false,
        )
        .await?;
        for column in [
            int_null(Segment::LaneId),
            text(Segment::Abstract),
            blank(Segment::Track),
            blank(Segment::SessionLanguages),
            flag(Segment::MayRecord, true),
            flag(Segment::MayStream, true),
            flag(Segment::MayPhotograph, true),
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Segment::Table)
                        .add_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(SegmentText::Table)
                    .add_column(text(SegmentText::Abstract))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_segment_lane",
            Segment::Table,
            &["lane_id"],
            false,
        )
        .await?;
        let db = manager.get_connection();
        // One lane per gathering, holding all of its segments.
        db.execute_unprepared(
            "INSERT INTO lane (gathering_id, position, name, room_id) \
             SELECT id, 0, '', NULL FROM gathering",
        )
        .await?;
        db.execute_unprepared(
            "UPDATE segment SET lane_id = \
             (SELECT l.id FROM lane l WHERE l.gathering_id = segment.gathering_id)",
        )
        .await?;
        add_content_triggers(manager, &TRIGGERS).await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        drop_content_triggers(manager, &TRIGGERS).await?;
        let db = manager.get_connection();
        db.execute_unprepared("DROP INDEX IF EXISTS ix_segment_lane")
            .await?;
        for column in [
            Segment::LaneId,
            Segment::Abstract,
            Segment::Track,
            Segment::SessionLanguages,
            Segment::MayRecord,
            Segment::MayStream,
            Segment::MayPhotograph,
        ] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Segment::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        manager
            .alter_table(
                Table::alter()
                    .table(SegmentText::Table)
                    .drop_column(SegmentText::Abstract)
                    .to_owned(),
            )
            .await?;
        manager
            .drop_table(Table::drop().table(Lane::Table).to_owned())
            .await?;
        manager
            .drop_table(Table::drop().table(Room::Table).to_owned())
            .await
    }
}
