//! Content-Security-Policy. Pages run only this site's scripts and the inline scripts
//! Leptos writes for hydration, each carrying the page's one-time nonce (or, on a
//! public page kept and sent many times, named by its digest); everything else (feeds,
//! files, form answers that are not pages) runs no script at all.

use leptos::prelude::*;

/// The policy of every response that is not a rendered page.
pub const NOT_A_PAGE: &str = "default-src 'self'; script-src 'none'; frame-ancestors 'none'; \
     base-uri 'self'; form-action 'self'; object-src 'none'";

/// The policy of a page whose inline scripts are the ones `sources` allow (a nonce, or
/// their digests). WebAssembly needs `'wasm-unsafe-eval'` to compile the islands;
/// nothing else is evaluated.
fn page_allowing(sources: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' {sources} 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; \
         base-uri 'self'; form-action 'self'; object-src 'none'"
    )
}

/// The policy of a page whose inline scripts carry `nonce`.
pub fn page(nonce: &str) -> String {
    page_allowing(&format!("'nonce-{nonce}'"))
}

/// The policy of a page kept and sent many times: its inline scripts are allowed by
/// their digests (`'sha256-…'` sources), since a nonce must never be sent twice.
pub fn page_with_hashes(hashes: &[String]) -> String {
    page_allowing(&hashes.join(" "))
}

/// Sets the page policy on the response being rendered, with the nonce Leptos gave it.
pub fn for_this_page() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    if let Ok(value) = axum::http::HeaderValue::from_str(&page(&nonce)) {
        response.insert_header(axum::http::header::CONTENT_SECURITY_POLICY, value);
    }
}
