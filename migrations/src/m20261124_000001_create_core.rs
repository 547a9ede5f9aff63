//! Organisations, members, venues, people, films, gatherings with their agenda of
//! segments and appearances, statements and feed tokens.
//!
//! Local wall-clock times (`*_local`) are kept beside the instants derived from them
//! (`*_at`, UTC) so that a gathering keeps the time written on its poster even if zone
//! rules change, while lists can still sort and filter on instants.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

pub(crate) fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

pub(crate) fn fk(
    table: impl IntoIden,
    col: impl IntoIden,
    to: impl IntoIden,
    on_delete: ForeignKeyAction,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from_col(col)
        .to_tbl(to)
        .to_col(Alias::new("id"))
        .on_delete(on_delete)
        .on_update(ForeignKeyAction::Cascade)
        .from_tbl(table)
        .to_owned()
}

pub(crate) fn text(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).text().not_null().default("").to_owned()
}

pub(crate) fn string(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).string().not_null().to_owned()
}

pub(crate) fn int(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().not_null().to_owned()
}

pub(crate) fn int_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).integer().null().to_owned()
}

pub(crate) fn flag(col: impl IntoIden, default: bool) -> ColumnDef {
    ColumnDef::new(col)
        .boolean()
        .not_null()
        .default(default)
        .to_owned()
}

pub(crate) fn instant(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

pub(crate) fn instant_null(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .timestamp_with_time_zone()
        .null()
        .to_owned()
}

pub(crate) fn local(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col).date_time().not_null().to_owned()
}

pub(crate) async fn index(
    manager: &SchemaManager<'_>,
    name: &str,
    table: impl IntoIden,
    cols: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut stmt = Index::create().name(name).table(table).to_owned();
    for col in cols {
        stmt.col(Alias::new(*col));
    }
    if unique {
        stmt.unique();
    }
    manager.create_index(stmt).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(Organisation::Table)
                    .col(id(Organisation::Id))
                    .col(string(Organisation::Slug).unique_key())
                    .col(string(Organisation::Name))
                    .col(string(Organisation::DefaultLanguage))
                    .col(text(Organisation::PublicDescription))
                    .col(instant(Organisation::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AppUser::Table)
                    .col(id(AppUser::Id))
                    .col(string(AppUser::Email).unique_key())
                    .col(string(AppUser::DisplayName))
                    .col(string(AppUser::PasswordHash))
                    .col(instant(AppUser::CreatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Membership::Table)
                    .col(id(Membership::Id))
                    .col(int(Membership::OrganisationId))
                    .col(int(Membership::UserId))
                    .col(string(Membership::Role))
                    .col(instant(Membership::CreatedAt))
                    .foreign_key(&mut fk(
                        Membership::Table,
                        Membership::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Membership::Table,
                        Membership::UserId,
                        AppUser::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_membership_org_user",
            Membership::Table,
            &["organisation_id", "user_id"],
            true,
        )
        .await?;
        index(
            manager,
            "ix_membership_user",
            Membership::Table,
            &["user_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Venue::Table)
                    .col(id(Venue::Id))
                    .col(int(Venue::OrganisationId))
                    .col(string(Venue::Name))
                    .col(text(Venue::Address))
                    .col(text(Venue::City))
                    .col(text(Venue::Country))
                    .col(string(Venue::TimeZone))
                    .col(ColumnDef::new(Venue::Latitude).double().null())
                    .col(ColumnDef::new(Venue::Longitude).double().null())
                    .col(int_null(Venue::Capacity))
                    .col(string(Venue::Setting))
                    .col(text(Venue::PublicDirections))
                    .col(text(Venue::AccessNotes))
                    .col(flag(Venue::Archived, false))
                    .col(instant(Venue::CreatedAt))
                    .col(instant(Venue::UpdatedAt))
                    .foreign_key(&mut fk(
                        Venue::Table,
                        Venue::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_venue_org",
            Venue::Table,
            &["organisation_id", "name"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Person::Table)
                    .col(id(Person::Id))
                    .col(int(Person::OrganisationId))
                    .col(string(Person::Name))
                    .col(text(Person::PublicBio))
                    .col(text(Person::Languages))
                    .col(ColumnDef::new(Person::HomeTimeZone).string().null())
                    .col(text(Person::Contact))
                    .col(flag(Person::ListedPublicly, false))
                    .col(flag(Person::Archived, false))
                    .col(instant(Person::CreatedAt))
                    .col(instant(Person::UpdatedAt))
                    .foreign_key(&mut fk(
                        Person::Table,
                        Person::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_person_org",
            Person::Table,
            &["organisation_id", "name"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Film::Table)
                    .col(id(Film::Id))
                    .col(int(Film::OrganisationId))
                    .col(string(Film::Title))
                    .col(text(Film::Director))
                    .col(text(Film::Producer))
                    .col(int_null(Film::Year))
                    .col(int(Film::RuntimeMinutes))
                    .col(text(Film::AudioLanguage))
                    .col(text(Film::SubtitleLanguages))
                    .col(text(Film::TrailerUrl))
                    .col(text(Film::RightsNotes))
                    .col(flag(Film::Archived, false))
                    .col(instant(Film::CreatedAt))
                    .col(instant(Film::UpdatedAt))
                    .foreign_key(&mut fk(
                        Film::Table,
                        Film::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_film_org",
            Film::Table,
            &["organisation_id", "title"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Gathering::Table)
                    .col(id(Gathering::Id))
                    .col(int(Gathering::OrganisationId))
                    .col(string(Gathering::Kind))
                    .col(string(Gathering::Title))
                    .col(string(Gathering::Slug))
                    .col(int_null(Gathering::VenueId))
                    .col(string(Gathering::TimeZone))
                    .col(local(Gathering::StartsLocal))
                    .col(local(Gathering::EndsLocal))
                    .col(instant(Gathering::StartsAt))
                    .col(instant(Gathering::EndsAt))
                    .col(string(Gathering::Status))
                    .col(text(Gathering::PublicDescription))
                    .col(text(Gathering::InternalNotes))
                    .col(int_null(Gathering::ExpectedAttendance))
                    .col(int_null(Gathering::ActualAttendance))
                    .col(text(Gathering::Languages))
                    .col(string(Gathering::Uid).unique_key())
                    .col(int(Gathering::Sequence).default(0))
                    .col(int(Gathering::Version).default(1))
                    .col(instant(Gathering::CreatedAt))
                    .col(instant(Gathering::UpdatedAt))
                    .foreign_key(&mut fk(
                        Gathering::Table,
                        Gathering::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Gathering::Table,
                        Gathering::VenueId,
                        Venue::Table,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ux_gathering_org_slug",
            Gathering::Table,
            &["organisation_id", "slug"],
            true,
        )
        .await?;
        index(
            manager,
            "ix_gathering_org_start",
            Gathering::Table,
            &["organisation_id", "starts_at"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_gathering_venue",
            Gathering::Table,
            &["venue_id", "starts_at"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Statement::Table)
                    .col(id(Statement::Id))
                    .col(int(Statement::GatheringId))
                    .col(string(Statement::Title))
                    .col(string(Statement::Language))
                    .col(text(Statement::Points))
                    .col(int(Statement::SignatureCount).default(0))
                    .col(flag(Statement::Public, true))
                    .col(instant(Statement::CreatedAt))
                    .col(instant(Statement::UpdatedAt))
                    .foreign_key(&mut fk(
                        Statement::Table,
                        Statement::GatheringId,
                        Gathering::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_statement_gathering",
            Statement::Table,
            &["gathering_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Segment::Table)
                    .col(id(Segment::Id))
                    .col(int(Segment::GatheringId))
                    .col(int(Segment::Position))
                    .col(string(Segment::Kind))
                    .col(string(Segment::Title))
                    .col(int_null(Segment::DurationMinutes))
                    .col(ColumnDef::new(Segment::HardStartLocal).date_time().null())
                    .col(int_null(Segment::FilmId))
                    .col(int_null(Segment::StatementId))
                    .col(flag(Segment::Public, true))
                    .col(text(Segment::CueNotes))
                    .col(instant_null(Segment::ActualStart))
                    .col(instant_null(Segment::ActualEnd))
                    .foreign_key(&mut fk(
                        Segment::Table,
                        Segment::GatheringId,
                        Gathering::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Segment::Table,
                        Segment::FilmId,
                        Film::Table,
                        ForeignKeyAction::Restrict,
                    ))
                    .foreign_key(&mut fk(
                        Segment::Table,
                        Segment::StatementId,
                        Statement::Table,
                        ForeignKeyAction::SetNull,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_segment_gathering_position",
            Segment::Table,
            &["gathering_id", "position"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_segment_film",
            Segment::Table,
            &["film_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(Appearance::Table)
                    .col(id(Appearance::Id))
                    .col(int(Appearance::SegmentId))
                    .col(int(Appearance::PersonId))
                    .col(int(Appearance::Position).default(0))
                    .col(string(Appearance::Role))
                    .col(string(Appearance::Mode))
                    .col(ColumnDef::new(Appearance::Language).string().null())
                    .col(text(Appearance::InterpretedInto))
                    .col(text(Appearance::OnlineLink))
                    .foreign_key(&mut fk(
                        Appearance::Table,
                        Appearance::SegmentId,
                        Segment::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        Appearance::Table,
                        Appearance::PersonId,
                        Person::Table,
                        ForeignKeyAction::Restrict,
                    ))
                    .to_owned(),
            )
            .await?;
        index(
            manager,
            "ix_appearance_segment",
            Appearance::Table,
            &["segment_id"],
            false,
        )
        .await?;
        index(
            manager,
            "ix_appearance_person",
            Appearance::Table,
            &["person_id"],
            false,
        )
        .await?;

        manager
            .create_table(
                Table::create()
                    .table(FeedToken::Table)
                    .col(id(FeedToken::Id))
                    .col(int(FeedToken::OrganisationId))
                    .col(int_null(FeedToken::UserId))
                    .col(string(FeedToken::TokenHash).unique_key())
                    .col(text(FeedToken::Label))
                    .col(instant(FeedToken::CreatedAt))
                    .col(instant_null(FeedToken::RevokedAt))
                    .foreign_key(&mut fk(
                        FeedToken::Table,
                        FeedToken::OrganisationId,
                        Organisation::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        FeedToken::Table,
                        FeedToken::UserId,
                        AppUser::Table,
                        ForeignKeyAction::Cascade,
                    ))
                    .to_owned(),
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            FeedToken::Table.into_iden(),
            Appearance::Table.into_iden(),
            Segment::Table.into_iden(),
            Statement::Table.into_iden(),
            Gathering::Table.into_iden(),
            Film::Table.into_iden(),
            Person::Table.into_iden(),
            Venue::Table.into_iden(),
            Membership::Table.into_iden(),
            AppUser::Table.into_iden(),
            Organisation::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Slug,
    Name,
    DefaultLanguage,
    PublicDescription,
    CreatedAt,
}

#[derive(DeriveIden)]
enum AppUser {
    Table,
    Id,
    Email,
    DisplayName,
    PasswordHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Membership {
    Table,
    Id,
    OrganisationId,
    UserId,
    Role,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Venue {
    Table,
    Id,
    OrganisationId,
    Name,
    Address,
    City,
    Country,
    TimeZone,
    Latitude,
    Longitude,
    Capacity,
    Setting,
    PublicDirections,
    AccessNotes,
    Archived,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Person {
    Table,
    Id,
    OrganisationId,
    Name,
    PublicBio,
    Languages,
    HomeTimeZone,
    Contact,
    ListedPublicly,
    Archived,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Film {
    Table,
    Id,
    OrganisationId,
    Title,
    Director,
    Producer,
    Year,
    RuntimeMinutes,
    AudioLanguage,
    SubtitleLanguages,
    TrailerUrl,
    RightsNotes,
    Archived,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Gathering {
    Table,
    Id,
    OrganisationId,
    Kind,
    Title,
    Slug,
    VenueId,
    TimeZone,
    StartsLocal,
    EndsLocal,
    StartsAt,
    EndsAt,
    Status,
    PublicDescription,
    InternalNotes,
    ExpectedAttendance,
    ActualAttendance,
    Languages,
    Uid,
    Sequence,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Statement {
    Table,
    Id,
    GatheringId,
    Title,
    Language,
    Points,
    SignatureCount,
    Public,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Segment {
    Table,
    Id,
    GatheringId,
    Position,
    Kind,
    Title,
    DurationMinutes,
    HardStartLocal,
    FilmId,
    StatementId,
    Public,
    CueNotes,
    ActualStart,
    ActualEnd,
}

#[derive(DeriveIden)]
enum Appearance {
    Table,
    Id,
    SegmentId,
    PersonId,
    Position,
    Role,
    Mode,
    Language,
    InterpretedInto,
    OnlineLink,
}

#[derive(DeriveIden)]
enum FeedToken {
    Table,
    Id,
    OrganisationId,
    UserId,
    TokenHash,
    Label,
    CreatedAt,
    RevokedAt,
}
