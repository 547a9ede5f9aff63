//! Reusable pieces of view.

pub mod agenda;
pub mod error;
pub mod layout;
pub mod subscribe;
pub mod when;
