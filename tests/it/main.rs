//! The integration tests: one binary, one module per area, all driving the real router
//! (or the real server process) against SQLite and, where a URL is given, PostgreSQL.

mod common;

mod access;
mod access_matrix;
mod account;
mod always_true;
mod atom;
mod audit;
mod backup;
mod call_sheets;
mod campaigns;
mod content_languages;
mod crew_feeds;
mod database;
mod deletion;
mod digest;
mod directory;
mod export;
mod feed_properties;
mod groups;
mod hostile;
mod instances;
mod issued;
mod live;
mod members;
mod password_reset;
mod planning;
mod poster;
#[cfg(unix)]
mod process;
mod programme;
mod public_lists;
mod public_privacy;
mod settings;
mod setup;
