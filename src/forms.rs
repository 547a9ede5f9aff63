//! What a refused form post brings back to its page: the values typed and the message.

use std::collections::HashMap;

/// Submitted values and the refusal, provided as context when a page is rendered again.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FormEcho {
    pub values: HashMap<String, String>,
    /// The form field the message is about (`form` for the whole form).
    pub field: Option<String>,
    pub message: Option<String>,
}

impl FormEcho {
    /// The value typed into `name`, or `default` when the form is fresh.
    pub fn value(&self, name: &str, default: &str) -> String {
        self.values
            .get(name)
            .cloned()
            .unwrap_or_else(|| default.to_owned())
    }

    /// The message for `field`, if the refusal was about it.
    pub fn error_for(&self, field: &str) -> Option<String> {
        (self.field.as_deref() == Some(field))
            .then(|| self.message.clone())
            .flatten()
    }

    /// Whether this echo belongs to the form with the given `action` value.
    pub fn is_for(&self, action: &str) -> bool {
        self.values.get("action").map(String::as_str) == Some(action)
    }
}

/// Text for a `<textarea>`: the view layer writes a textarea's children unescaped (it is
/// raw text to it), so a stored `</textarea><script>` would end the field and become
/// markup. `&` and `<` are escaped; the browser shows the text as typed.
pub fn textarea_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;")
}

/// The echo of the current request, or an empty one.
pub fn use_form_echo() -> FormEcho {
    leptos::prelude::use_context::<FormEcho>().unwrap_or_default()
}

/// A crew feed just made: its secret address, shown once on the page that answers the
/// form (the database keeps only a digest of the token).
#[derive(Debug, Clone, PartialEq)]
pub struct NewCrewFeed {
    pub label: String,
    pub url: String,
}

#[cfg(test)]
mod tests {
    #[test]
    fn textarea_text_cannot_end_its_field() {
        assert_eq!(
            super::textarea_text("a & b </textarea><script>x</script>"),
            "a &amp; b &lt;/textarea>&lt;script>x&lt;/script>"
        );
    }
}
