//! A sentence for a person, named rather than written: a message id of the interface's
//! Fluent files (`src/locales/*/main.ftl`) and its arguments.
//!
//! Refusals are made here, far from any request, and shown in the language of the page
//! that reports them (`Lang::say`). Writing the sentence itself at the place of the
//! refusal would fix it in one language.

use serde::{Deserialize, Serialize};

/// A message id and its named arguments.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub id: String,
    pub args: Vec<(String, Arg)>,
}

/// The value of a message argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Arg {
    /// Text shown as it is (a name, an address, a time zone).
    Text(String),
    /// A number, written with the language's digits and chosen plural forms.
    Number(i64),
    /// Another message, said in the same language (a reason inside a refusal).
    Message(Box<Message>),
}

impl Message {
    pub fn new(id: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            args: Vec::new(),
        }
    }

    /// The message with one more named argument.
    pub fn arg(mut self, name: &str, value: impl Into<Arg>) -> Self {
        self.args.push((name.to_owned(), value.into()));
        self
    }
}

impl From<String> for Arg {
    fn from(v: String) -> Self {
        Arg::Text(v)
    }
}

impl From<&str> for Arg {
    fn from(v: &str) -> Self {
        Arg::Text(v.to_owned())
    }
}

impl From<&String> for Arg {
    fn from(v: &String) -> Self {
        Arg::Text(v.clone())
    }
}

impl From<Message> for Arg {
    fn from(v: Message) -> Self {
        Arg::Message(Box::new(v))
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(v: $t) -> Self {
                Arg::Number(i64::try_from(v).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(i32, i64, u32, usize, u64);

/// A [`Message`]: `say!("refusal-zone-unknown", zone = name)`. The id is a literal so
/// that a test can find every id the code uses and check each language has it.
macro_rules! say {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::domain::Message::new($id)$(.arg(stringify!($name), $value))*
    };
}
pub(crate) use say;
