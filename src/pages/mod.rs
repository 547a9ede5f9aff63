//! One file per route.

pub mod account;
pub mod audit;
pub mod call_sheets;
pub mod campaign;
pub mod crew_feeds;
pub mod deleted;
pub mod digest;
pub mod directory;
pub mod gathering;
pub mod groups;
pub mod home;
pub mod live;
pub mod members;
pub mod new_organisation;
pub mod not_found;
pub mod organisation;
pub mod person;
pub mod planning;
pub mod poster;
pub mod reset;
pub mod run_sheet;
pub mod settings;
pub mod setup;
pub mod sign_in;
pub mod venue;
pub mod workspace;
