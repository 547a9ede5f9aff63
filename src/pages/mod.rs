//! One file per route.

pub mod gathering;
pub mod home;
pub mod not_found;
pub mod organisation;
