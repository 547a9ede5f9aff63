//! Live updates for the live view. After hydration it listens to the server's events
//! for the gathering and, on every change, replaces the board with a fresh render of the
//! page; every second it ticks the countdown. Without JavaScript the page is complete
//! and a reload shows the latest.
//!
//! The island carries no translations: the countdown's wording comes with the page in
//! `data-left` / `data-overrun`, so the WebAssembly stays small.

use leptos::prelude::*;

/// Keeps the element with id `board` up to date from the event stream at `events`.
#[island]
pub fn LiveUpdates(events: String, board: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| client::start(&events, &board));
    #[cfg(not(feature = "hydrate"))]
    let _ = (&events, &board);
    view! { <span class="live-updates" hidden=true></span> }
}

#[cfg(feature = "hydrate")]
mod client {
    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{DomParser, EventSource, SupportedType};

    pub fn start(events: &str, board: &str) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let tick = Closure::<dyn FnMut()>::new(tick_countdowns);
        let _ = window.set_interval_with_callback_and_timeout_and_arguments_0(
            tick.as_ref().unchecked_ref(),
            1000,
        );
        tick.forget();
        let Ok(source) = EventSource::new(events) else {
            return;
        };
        let board = board.to_owned();
        let on_change = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            let board = board.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = refresh(&board).await;
            });
        });
        let _ =
            source.add_event_listener_with_callback("changed", on_change.as_ref().unchecked_ref());
        on_change.forget();
        // Say on the page whether updates are flowing (and when they stop).
        let mark = |state: &'static str| {
            Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".live-updates").ok().flatten())
                {
                    let _ = el.set_attribute("data-state", state);
                }
            })
        };
        for (event, state) in [("open", "open"), ("error", "interrupted")] {
            let handler = mark(state);
            let _ =
                source.add_event_listener_with_callback(event, handler.as_ref().unchecked_ref());
            handler.forget();
        }
        // The stream stays open for the life of the page.
        std::mem::forget(source);
    }

    async fn refresh(board: &str) -> Option<()> {
        let window = web_sys::window()?;
        let url = window.location().href().ok()?;
        let response: web_sys::Response = JsFuture::from(window.fetch_with_str(&url))
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        if !response.ok() {
            return None;
        }
        let text = JsFuture::from(response.text().ok()?)
            .await
            .ok()?
            .as_string()?;
        let parsed = DomParser::new()
            .ok()?
            .parse_from_string(&text, SupportedType::TextHtml)
            .ok()?;
        let fresh = parsed.get_element_by_id(board)?;
        let current = window.document()?.get_element_by_id(board)?;
        current.set_inner_html(&fresh.inner_html());
        tick_countdowns();
        Some(())
    }

    fn clock(seconds: i64, persian: bool) -> String {
        let s = seconds.abs();
        let text = format!("{}:{:02}", s / 60, s % 60);
        if persian {
            text.chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
                    None => c,
                })
                .collect()
        } else {
            text
        }
    }

    fn tick_countdowns() {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let persian = document
            .document_element()
            .and_then(|e| e.get_attribute("lang"))
            .is_some_and(|l| l == "fa");
        let Ok(list) = document.query_selector_all(".countdown[data-due]") else {
            return;
        };
        let now = (js_sys::Date::now() / 1000.0) as i64;
        for i in 0..list.length() {
            let Some(el) = list
                .item(i)
                .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
            else {
                continue;
            };
            let Some(due) = el
                .get_attribute("data-due")
                .and_then(|d| d.parse::<i64>().ok())
            else {
                continue;
            };
            let remaining = due - now;
            let template = if remaining >= 0 {
                el.get_attribute("data-left")
            } else {
                el.get_attribute("data-overrun")
            }
            .unwrap_or_else(|| "{}".to_owned());
            el.set_text_content(Some(&template.replace("{}", &clock(remaining, persian))));
            let _ = el.set_attribute("data-overrunning", &(remaining < 0).to_string());
        }
    }
}
