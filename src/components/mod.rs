//! Reusable pieces of view.

pub mod agenda;
pub mod error;
pub mod form;
pub mod layout;
pub mod live;
pub mod loaded;
pub mod pager;
pub mod print;
pub mod reorder;
pub mod subscribe;
pub mod when;
pub mod zones;
