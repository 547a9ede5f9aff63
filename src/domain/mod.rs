//! The rules of convene, free of I/O: what a gathering is, how its agenda is timed,
//! which plans conflict, and how local times map to instants.
//!
//! Nothing here reads a clock, a database or a request: "now" and time zones are
//! arguments, so every rule can be tested with a table of cases.

pub mod access;
pub mod agenda;
#[cfg(feature = "ssr")]
pub mod atom;
pub mod call_sheet;
pub mod conflicts;
pub mod content;
pub mod deletion;
pub mod digest;
pub mod directory;
#[cfg(feature = "ssr")]
pub mod frab;
#[cfg(feature = "ssr")]
pub mod ical;
pub mod issued;
pub mod links;
pub mod listing;
pub mod live;
pub mod message;
pub mod plan;
pub mod programme;
pub mod release;
pub mod repeat;
pub mod time;
pub mod types;
#[cfg(feature = "ssr")]
pub mod vtimezone;

pub(crate) use message::say;
pub use message::{Arg, Message};
pub use types::*;
