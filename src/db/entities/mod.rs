//! sea-orm entities, one per table; rows only, no rules.

pub mod app_user;
pub mod appearance;
pub mod audit_entry;
pub mod campaign;
pub mod digest;
pub mod feed_token;
pub mod film;
pub mod gathering;
pub mod gathering_text;
pub mod invitation;
pub mod issued_statement;
pub mod issued_statement_text;
pub mod lane;
pub mod membership;
pub mod organisation;
pub mod password_reset;
pub mod person;
pub mod room;
pub mod segment;
pub mod segment_text;
pub mod series;
pub mod session;
pub mod sign_in_failure;
pub mod statement;
pub mod statement_text;
pub mod venue;
