//! The IANA zones as a `<datalist>`: time zone fields offer them as you type (the
//! browser's own type-ahead, with or without JavaScript); the server still checks.

use leptos::prelude::*;

/// The id inputs name in `list=` to offer the zones.
pub const ZONE_LIST: &str = "iana-zones";

/// Every accepted zone, once per page.
#[component]
pub fn ZoneList() -> impl IntoView {
    view! {
        <datalist id=ZONE_LIST>
            {crate::domain::TimeZoneName::all().into_iter().map(|z| view! { <option value=z></option> }).collect_view()}
        </datalist>
    }
}
