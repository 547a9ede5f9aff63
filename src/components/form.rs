//! The pieces every organiser form is made of: a labelled field that keeps what was
//! typed and shows its error, and the error lines of a refused form.

use leptos::prelude::*;

use crate::forms::FormEcho;

/// A labelled text input that keeps its typed value and shows its error.
#[component]
pub fn Field(
    name: &'static str,
    label: String,
    #[prop(optional)] kind: Option<&'static str>,
    #[prop(optional)] value: String,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] required: bool,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
    echo: FormEcho,
) -> impl IntoView {
    let error = echo.error_for(name);
    let has_error = error.is_some();
    let invalid = has_error.then_some("true");
    let id = format!("field-{name}");
    let described = error.as_ref().map(|_| format!("{id}-error"));
    view! {
        <p class="field" class:has-error=has_error>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <span class="hint">{h}</span> })}
            <input id=id.clone() name=name type=kind.unwrap_or("text") value=echo.value(name, &value)
                required=required aria-invalid=invalid aria-describedby=described dir="auto" list=list />
            {error.map(|e| view! { <span class="field-error" id=format!("{id}-error") role="alert">{e}</span> })}
        </p>
    }
}

/// A labelled password input: never filled from what was typed (a refused form comes
/// back without passwords), with its error.
#[component]
pub fn PasswordField(
    name: &'static str,
    label: String,
    /// `current-password` or `new-password`, for password managers.
    autocomplete: &'static str,
    echo: FormEcho,
) -> impl IntoView {
    let error = echo.error_for(name);
    let bad = error.is_some();
    let id = format!("field-{name}");
    view! {
        <p class="field" class:has-error=bad>
            <label for=id.clone()>{label}</label>
            <input id=id name=name type="password" autocomplete=autocomplete
                required dir="ltr" aria-invalid=bad.then_some("true") />
            {error.map(|e| view! { <span class="field-error" role="alert">{e}</span> })}
        </p>
    }
}

/// The form-wide error of a refused post (a conflict, a refusal not about one field).
pub fn form_error(echo: &FormEcho) -> Option<impl IntoView + use<>> {
    echo.error_for("form")
        .map(|e| view! { <p class="form-error" role="alert">{e}</p> })
}

/// The error of one field of a refused post, for fields not made with [`Field`].
pub fn field_error(echo: &FormEcho, field: &str) -> Option<impl IntoView + use<>> {
    echo.error_for(field)
        .map(|e| view! { <span class="field-error" role="alert">{e}</span> })
}

/// A refused post's echo, if it was the form with this `action` (a page of several
/// forms shows each refusal under its own form).
pub fn echo_for(echo: &FormEcho, action: &str) -> FormEcho {
    if echo.is_for(action) {
        echo.clone()
    } else {
        FormEcho::default()
    }
}
