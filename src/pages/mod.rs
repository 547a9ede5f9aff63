//! One file per route.

pub mod directory;
pub mod gathering;
pub mod home;
pub mod not_found;
pub mod organisation;
pub mod person;
pub mod planning;
pub mod run_sheet;
pub mod sign_in;
pub mod venue;
pub mod workspace;
