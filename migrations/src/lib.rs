//! The schema of convene, as sea-orm migrations that run on SQLite and PostgreSQL.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_create_core;
mod m20261124_000002_content_languages;
mod m20261124_000003_sessions_audit;
mod m20261124_000004_segment_uid;
mod m20261124_000005_segment_skipped;
mod m20261125_000001_invitations;
mod m20261125_000002_campaigns_series;
mod m20261201_000001_content_version;
mod m20261202_000001_session_last_seen;
mod m20261202_000002_password_reset;
mod m20261203_000001_gathering_deleted;
mod m20261203_000002_digest_published_at;
mod m20261203_000003_organisation_contact;
mod m20261204_000001_organisation_content_languages;
mod m20261204_000002_issued_statements;
mod m20261205_000001_rooms_lanes;
mod m20261205_000002_programme_releases;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_create_core::Migration),
            Box::new(m20261124_000002_content_languages::Migration),
            Box::new(m20261124_000003_sessions_audit::Migration),
            Box::new(m20261124_000004_segment_uid::Migration),
            Box::new(m20261124_000005_segment_skipped::Migration),
            Box::new(m20261125_000001_invitations::Migration),
            Box::new(m20261125_000002_campaigns_series::Migration),
            Box::new(m20261201_000001_content_version::Migration),
            Box::new(m20261202_000001_session_last_seen::Migration),
            Box::new(m20261202_000002_password_reset::Migration),
            Box::new(m20261203_000001_gathering_deleted::Migration),
            Box::new(m20261203_000003_organisation_contact::Migration),
            Box::new(m20261203_000002_digest_published_at::Migration),
            Box::new(m20261204_000001_organisation_content_languages::Migration),
            Box::new(m20261204_000002_issued_statements::Migration),
            Box::new(m20261205_000001_rooms_lanes::Migration),
            Box::new(m20261205_000002_programme_releases::Migration),
        ]
    }
}
