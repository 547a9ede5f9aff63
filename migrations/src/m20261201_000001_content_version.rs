//! Every organisation carries a content version: a counter the database itself raises,
//! by trigger, whenever a row anything public or printed is made from changes
//! (gatherings, their segments, appearances, statements and translations; venues,
//! people, films; campaigns, series, digests; the organisation row). Published answers
//! are keyed by it, so no write path can forget to invalidate them.
//!
//! - `content_version` only grows, in commit order: on PostgreSQL the triggers are
//!   deferred to commit (constraint triggers), so the organisation row is locked last
//!   and two writers never wait on each other in a cycle; SQLite has one writer anyway.
//! - `content_changed_us` is when it last grew (microseconds since 1970, UTC), never
//!   moving backwards, for `Last-Modified`.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::{ConnectionTrait, DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum Organisation {
    Table,
    ContentVersion,
    ContentChangedUs,
}

/// A table, and how its row finds its organisation: the SQL that yields the
/// organisation's id from the row named `R` (`NEW` or `OLD`).
const TABLES: &[(&str, &str)] = &[
    ("gathering", "R.organisation_id"),
    ("venue", "R.organisation_id"),
    ("person", "R.organisation_id"),
    ("film", "R.organisation_id"),
    ("campaign", "R.organisation_id"),
    ("series", "R.organisation_id"),
    ("digest", "R.organisation_id"),
    (
        "segment",
        "(SELECT g.organisation_id FROM gathering g WHERE g.id = R.gathering_id)",
    ),
    (
        "statement",
        "(SELECT g.organisation_id FROM gathering g WHERE g.id = R.gathering_id)",
    ),
    (
        "gathering_text",
        "(SELECT g.organisation_id FROM gathering g WHERE g.id = R.gathering_id)",
    ),
    (
        "appearance",
        "(SELECT g.organisation_id FROM segment s JOIN gathering g ON g.id = s.gathering_id \
         WHERE s.id = R.segment_id)",
    ),
    (
        "segment_text",
        "(SELECT g.organisation_id FROM segment s JOIN gathering g ON g.id = s.gathering_id \
         WHERE s.id = R.segment_id)",
    ),
    (
        "statement_text",
        "(SELECT g.organisation_id FROM statement s JOIN gathering g ON g.id = s.gathering_id \
         WHERE s.id = R.statement_id)",
    ),
];

const SQLITE_NOW_US: &str = "CAST((julianday('now') - 2440587.5) * 86400000000.0 AS INTEGER)";

fn sqlite_bump(org: &str) -> String {
    format!(
        "UPDATE organisation SET content_version = content_version + 1, \
         content_changed_us = MAX(content_changed_us, {SQLITE_NOW_US}) WHERE id = {org};"
    )
}

/// The SQLite triggers that raise the organisation's version on any change to `table`,
/// whose rows find their organisation by `org` (see [`TABLES`]).
pub(crate) fn sqlite_triggers(table: &str, org: &str) -> Vec<String> {
    [("INSERT", "NEW"), ("UPDATE", "NEW"), ("DELETE", "OLD")]
        .into_iter()
        .map(|(op, row)| {
            let org = org.replace("R.", &format!("{row}."));
            format!(
                "CREATE TRIGGER convene_content_{table}_{op} AFTER {op} ON {table} \
                 BEGIN {} END",
                sqlite_bump(&org),
                op = op.to_lowercase(),
            )
        })
        .collect()
}

/// The PostgreSQL function and trigger that do the same, deferred to commit.
pub(crate) fn postgres_triggers(table: &str, org: &str) -> Vec<String> {
    let new = org.replace("R.", "NEW.");
    let old = org.replace("R.", "OLD.");
    vec![
        format!(
            "CREATE FUNCTION convene_content_{table}() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN IF TG_OP = 'DELETE' THEN PERFORM convene_bump({old}); \
             ELSE PERFORM convene_bump({new}); END IF; RETURN NULL; END $$"
        ),
        // Deferred to commit: the organisation row is the last lock a writer takes.
        format!(
            "CREATE CONSTRAINT TRIGGER convene_content_{table} \
             AFTER INSERT OR UPDATE OR DELETE ON {table} DEFERRABLE INITIALLY DEFERRED \
             FOR EACH ROW EXECUTE FUNCTION convene_content_{table}()"
        ),
    ]
}

/// Drops what [`sqlite_triggers`] or [`postgres_triggers`] made for `table`.
pub(crate) fn drop_triggers(postgres: bool, table: &str) -> Vec<String> {
    if postgres {
        vec![
            format!("DROP TRIGGER IF EXISTS convene_content_{table} ON {table}"),
            format!("DROP FUNCTION IF EXISTS convene_content_{table}()"),
        ]
    } else {
        ["insert", "update", "delete"]
            .map(|op| format!("DROP TRIGGER IF EXISTS convene_content_{table}_{op}"))
            .to_vec()
    }
}

/// Makes the triggers that raise the content version for `tables` (each with how its
/// row finds its organisation, as in [`TABLES`]), for tables added by later migrations.
pub(crate) async fn add_content_triggers(
    manager: &SchemaManager<'_>,
    tables: &[(&str, &str)],
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let postgres = manager.get_database_backend() == DatabaseBackend::Postgres;
    for (table, org) in tables {
        let sql = if postgres {
            postgres_triggers(table, org)
        } else {
            sqlite_triggers(table, org)
        };
        for statement in sql {
            db.execute_unprepared(&statement).await?;
        }
    }
    Ok(())
}

/// Drops what [`add_content_triggers`] made.
pub(crate) async fn drop_content_triggers(
    manager: &SchemaManager<'_>,
    tables: &[(&str, &str)],
) -> Result<(), DbErr> {
    let db = manager.get_connection();
    let postgres = manager.get_database_backend() == DatabaseBackend::Postgres;
    for (table, _) in tables {
        for statement in drop_triggers(postgres, table) {
            db.execute_unprepared(&statement).await?;
        }
    }
    Ok(())
}

fn sqlite_up() -> Vec<String> {
    let mut sql = Vec::new();
    for (table, org) in TABLES {
        sql.extend(sqlite_triggers(table, org));
    }
    // The organisation's own texts; the trigger's own update raises the version, so it
    // does not call itself again.
    sql.push(format!(
        "CREATE TRIGGER convene_content_organisation_update AFTER UPDATE ON organisation \
         WHEN NEW.content_version = OLD.content_version BEGIN {} END",
        sqlite_bump("NEW.id")
    ));
    sql
}

fn postgres_up() -> Vec<String> {
    let mut sql = vec![
        "CREATE FUNCTION convene_bump(org integer) RETURNS void LANGUAGE sql AS $$ \
         UPDATE organisation SET content_version = content_version + 1, \
         content_changed_us = GREATEST(content_changed_us, \
         (extract(epoch FROM clock_timestamp()) * 1000000)::bigint) WHERE id = org $$"
            .to_owned(),
        "CREATE FUNCTION convene_organisation_bump() RETURNS trigger LANGUAGE plpgsql AS $$ \
         BEGIN NEW.content_version := OLD.content_version + 1; \
         NEW.content_changed_us := GREATEST(OLD.content_changed_us, \
         (extract(epoch FROM clock_timestamp()) * 1000000)::bigint); RETURN NEW; END $$"
            .to_owned(),
        "CREATE TRIGGER convene_content_organisation BEFORE UPDATE ON organisation \
         FOR EACH ROW WHEN (NEW.content_version = OLD.content_version) \
         EXECUTE FUNCTION convene_organisation_bump()"
            .to_owned(),
    ];
    for (table, org) in TABLES {
        sql.extend(postgres_triggers(table, org));
    }
    sql
}

fn sqlite_down() -> Vec<String> {
    let mut sql: Vec<String> = TABLES
        .iter()
        .flat_map(|(table, _)| drop_triggers(false, table))
        .collect();
    sql.push("DROP TRIGGER IF EXISTS convene_content_organisation_update".into());
    sql
}

fn postgres_down() -> Vec<String> {
    let mut sql: Vec<String> = TABLES
        .iter()
        .flat_map(|(table, _)| drop_triggers(true, table))
        .collect();
    sql.push("DROP TRIGGER IF EXISTS convene_content_organisation ON organisation".into());
    sql.push("DROP FUNCTION IF EXISTS convene_organisation_bump()".into());
    sql.push("DROP FUNCTION IF EXISTS convene_bump(integer)".into());
    sql
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for column in [Organisation::ContentVersion, Organisation::ContentChangedUs] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisation::Table)
                        .add_column(ColumnDef::new(column).big_integer().not_null().default(0))
                        .to_owned(),
                )
                .await?;
        }
        let db = manager.get_connection();
        let statements = match manager.get_database_backend() {
            DatabaseBackend::Postgres => postgres_up(),
            _ => sqlite_up(),
        };
        for sql in statements {
            db.execute_unprepared(&sql).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        let statements = match manager.get_database_backend() {
            DatabaseBackend::Postgres => postgres_down(),
            _ => sqlite_down(),
        };
        for sql in statements {
            db.execute_unprepared(&sql).await?;
        }
        for column in [Organisation::ContentChangedUs, Organisation::ContentVersion] {
            manager
                .alter_table(
                    Table::alter()
                        .table(Organisation::Table)
                        .drop_column(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }
}
