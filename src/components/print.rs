//! A one-click "Print or save as PDF" button. It needs the browser's print dialog, so it
//! is an island that stays hidden until it can work; without JavaScript the browser's
//! own Print command gives the same pages.

use leptos::prelude::*;

/// The print button, labelled `label`.
#[island]
pub fn PrintButton(label: String) -> impl IntoView {
    let ready = RwSignal::new(false);
    Effect::new(move |_| ready.set(true));
    let print = move |_| {
        #[cfg(feature = "hydrate")]
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <button type="button" class="print-button no-print" hidden=move || !ready.get() on:click=print>
            {label}
        </button>
    }
}
