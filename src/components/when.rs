use chrono::NaiveDateTime;
use leptos::prelude::*;

use crate::i18n::use_lang;

/// A local date and time range, written for the visitor's language, with its zone named.
#[component]
pub fn DateRange(start: NaiveDateTime, end: NaiveDateTime, zone: String) -> impl IntoView {
    let lang = use_lang();
    let same_day = start.date() == end.date();
    let text = if same_day {
        format!(
            "{}{}{}–{}",
            lang.format_date(start.date()),
            lang.comma(),
            lang.format_time(start),
            lang.format_time(end)
        )
    } else {
        let c = lang.comma();
        format!(
            "{}{c}{} – {}{c}{}",
            lang.format_date(start.date()),
            lang.format_time(start),
            lang.format_date(end.date()),
            lang.format_time(end)
        )
    };
    view! {
        <time datetime=start.format("%Y-%m-%dT%H:%M").to_string()>{text}</time>
        " "
        <span class="zone">"("<bdi dir="ltr">{zone}</bdi>")"</span>
    }
}

/// After hydration, the start shown in the visitor's own time zone (hidden without JS).
#[island]
pub fn YourTime(starts_utc: i64, label: String, locale: String) -> impl IntoView {
    let text = RwSignal::new(String::new());
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        text.set(browser_local(starts_utc, &locale));
        #[cfg(not(feature = "hydrate"))]
        let _ = (&locale, starts_utc);
    });
    view! {
        <span class="your-time" hidden=move || text.read().is_empty()>
            <br />
            {label}" "
            <bdi>{move || text.get()}</bdi>
        </span>
    }
}

#[cfg(feature = "hydrate")]
fn browser_local(starts_utc: i64, locale: &str) -> String {
    use wasm_bindgen::JsValue;
    let date = js_sys::Date::new(&JsValue::from_f64(starts_utc as f64 * 1000.0));
    let options = js_sys::Object::new();
    for (k, v) in [
        ("dateStyle", "full"),
        ("timeStyle", "short"),
        ("hourCycle", "h23"),
    ] {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    }
    let locales = js_sys::Array::of1(&JsValue::from_str(locale));
    let format = js_sys::Intl::DateTimeFormat::new(&locales, &options);
    let formatted = format
        .format()
        .call1(&JsValue::UNDEFINED, &date)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let zone = js_sys::Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone"))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    format!("{formatted} ({zone})")
}
