//! The database: connection, migrations, queries and the demo organisation.
//!
//! Queries take `&DatabaseConnection` (or any `ConnectionTrait`) and return rows or
//! bundles of rows; turning them into what a page shows happens in `api`.

pub mod auth;
pub mod campaigns;
pub mod crew_feeds;
pub mod demo;
pub mod digest;
pub mod directory;
pub mod entities;
pub mod export;
pub mod groups;
pub mod issued;
pub mod live;
pub mod members;
pub mod organisation;
pub mod password_reset;
pub mod planning;
pub mod queries;
pub mod releases;
pub mod rooms;
pub mod schedule;

use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbErr};

use crate::config::{Backend, DatabaseUrl};

/// Opens the database; for SQLite creates the file's folder and switches to WAL.
pub async fn connect(url: &DatabaseUrl) -> Result<DatabaseConnection, String> {
    if let Some(path) = url.sqlite_path()
        && let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            format!(
                "cannot create the folder {} for the database: {e}",
                dir.display()
            )
        })?;
    }
    let mut options = ConnectOptions::new(url.url.clone());
    options
        .sqlx_logging(false)
        .acquire_timeout(std::time::Duration::from_secs(10));
    if url.backend == Backend::Sqlite {
        options.max_connections(8);
    }
    let db = Database::connect(options).await.map_err(|e| {
        format!(
            "cannot open the database {}: {}",
            url.redacted(),
            describe(&e)
        )
    })?;
    if url.backend == Backend::Sqlite {
        db.execute_unprepared("PRAGMA journal_mode = WAL")
            .await
            .map_err(|e| format!("cannot switch the SQLite file to WAL mode: {e}"))?;
    }
    Ok(db)
}

/// A one-line description of a connection error, without credentials.
fn describe(e: &DbErr) -> String {
    let text = e.to_string();
    // sqlx errors can quote the URL; never print a password.
    match text.find("://") {
        Some(_) if text.contains('@') => {
            "the server refused the connection or is unreachable".into()
        }
        _ => text,
    }
}

/// Applies every pending migration.
pub async fn migrate_up(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::up(db, None).await
}

/// Rolls back every migration.
pub async fn migrate_down(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::down(db, None).await
}

/// Prints which migrations are applied.
pub async fn migrate_status(db: &DatabaseConnection) -> Result<(), DbErr> {
    Migrator::status(db).await
}

/// Writes a consistent copy of a SQLite database to `path` while others keep reading and
/// writing it (`VACUUM INTO`: one read transaction, a compact file). PostgreSQL has its
/// own tools (`pg_dump`); the copy is refused there, and when `path` already exists.
pub async fn backup(db: &DatabaseConnection, path: &std::path::Path) -> Result<(), String> {
    use sea_orm::{DbBackend, Statement};
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err("backup copies a SQLite database; for PostgreSQL use pg_dump".into());
    }
    if path.exists() {
        return Err(format!(
            "{} already exists; choose a new file",
            path.display()
        ));
    }
    if let Some(dir) = path.parent()
        && !dir.as_os_str().is_empty()
        && !dir.is_dir()
    {
        return Err(format!("the folder {} does not exist", dir.display()));
    }
    let target = path
        .to_str()
        .ok_or_else(|| format!("{} is not a usable file name", path.display()))?;
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [target.into()],
    ))
    .await
    .map_err(|e| format!("the copy failed: {e}"))?;
    Ok(())
}

/// A database connection, or a transaction already open: a change made through it joins
/// the caller's transaction (as a savepoint), so the caller can add its audit entry and
/// commit both at once.
pub trait Conn:
    sea_orm::ConnectionTrait + sea_orm::TransactionTrait<Transaction = sea_orm::DatabaseTransaction>
{
}

impl<T> Conn for T where
    T: sea_orm::ConnectionTrait
        + sea_orm::TransactionTrait<Transaction = sea_orm::DatabaseTransaction>
{
}

/// Begins a transaction that will write. On SQLite it takes the write lock at once
/// (`BEGIN IMMEDIATE`): a transaction that read first and then tried to write would be
/// refused with "database is locked" whenever another writer had committed meanwhile,
/// without waiting for the busy timeout. PostgreSQL ignores the mode.
pub async fn begin_write(db: &DatabaseConnection) -> Result<sea_orm::DatabaseTransaction, DbErr> {
    use sea_orm::{SqliteTransactionMode, TransactionOptions, TransactionTrait};
    db.begin_with_options(TransactionOptions {
        sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
        ..TransactionOptions::default()
    })
    .await
}
