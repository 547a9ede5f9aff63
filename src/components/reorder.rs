//! Drag to reorder the agenda editor's segments. The island gives every row a handle;
//! dropping a row posts the new order as the plain form `action=reorder` would, so the
//! server checks and saves it like any other change (a stale page is refused). Without
//! JavaScript the rows keep their "Move up" / "Move down" buttons, which remain the
//! keyboard's way too.

use leptos::prelude::*;

/// Makes the rows (`li[data-segment]`) of the list with id `list` draggable; a drop
/// posts `order` to `action` with the page's `version`. `handle` labels the handle.
#[island]
pub fn DragReorder(list: String, action: String, version: String, handle: String) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| client::start(&list, &action, &version, &handle));
    #[cfg(not(feature = "hydrate"))]
    let _ = (&list, &action, &version, &handle);
    view! { <span class="drag-reorder" hidden=true></span> }
}

#[cfg(feature = "hydrate")]
mod client {
    use std::cell::RefCell;
    use std::rc::Rc;

    use wasm_bindgen::JsCast;
    use wasm_bindgen::prelude::*;
    use web_sys::{Document, DragEvent, Element, HtmlElement, HtmlFormElement, HtmlInputElement};

    fn rows(list: &Element) -> Vec<Element> {
        let Ok(nodes) = list.query_selector_all(":scope > li[data-segment]") else {
            return Vec::new();
        };
        (0..nodes.length())
            .filter_map(|i| nodes.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    fn order(list: &Element) -> String {
        rows(list)
            .iter()
            .filter_map(|r| r.get_attribute("data-segment"))
            .collect::<Vec<_>>()
            .join(",")
    }

    fn listen(target: &Element, event: &str, f: impl FnMut(DragEvent) + 'static) {
        let closure = Closure::<dyn FnMut(DragEvent)>::new(f);
        let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
        closure.forget();
    }

    /// Posts the new order as a form, so the browser follows the server's answer.
    fn post(document: &Document, action: &str, fields: &[(&str, &str)]) -> Option<()> {
        let form: HtmlFormElement = document.create_element("form").ok()?.dyn_into().ok()?;
        form.set_method("post");
        form.set_action(action);
        form.set_hidden(true);
        for (name, value) in fields {
            let input: HtmlInputElement = document.create_element("input").ok()?.dyn_into().ok()?;
            input.set_type("hidden");
            input.set_name(name);
            input.set_value(value);
            form.append_child(&input).ok()?;
        }
        document.body()?.append_child(&form).ok()?;
        form.submit().ok()
    }

    pub fn start(list_id: &str, action: &str, version: &str, label: &str) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Some(list) = document.get_element_by_id(list_id) else {
            return;
        };
        let _ = list.class_list().add_1("draggable-rows");
        let before = order(&list);
        let dragged: Rc<RefCell<Option<Element>>> = Rc::new(RefCell::new(None));
        for row in rows(&list) {
            // A pointer's way only: the buttons stay the keyboard's and screen reader's.
            let Ok(handle) = document.create_element("span") else {
                continue;
            };
            let _ = handle.set_attribute("class", "drag-handle");
            let _ = handle.set_attribute("draggable", "true");
            let _ = handle.set_attribute("title", label);
            let _ = handle.set_attribute("aria-hidden", "true");
            handle.set_text_content(Some("⠿"));
            let _ = row.prepend_with_node_1(&handle);
            let (d, r) = (dragged.clone(), row.clone());
            listen(&handle, "dragstart", move |e: DragEvent| {
                if let Some(dt) = e.data_transfer() {
                    dt.set_effect_allowed("move");
                    let _ = dt.set_data(
                        "text/plain",
                        &r.get_attribute("data-segment").unwrap_or_default(),
                    );
                    dt.set_drag_image(&r, 16, 16);
                }
                let _ = r.class_list().add_1("dragging");
                *d.borrow_mut() = Some(r.clone());
            });
            let (d, r) = (dragged.clone(), row.clone());
            listen(&row, "dragover", move |e: DragEvent| {
                let Some(moving) = d.borrow().clone() else {
                    return;
                };
                e.prevent_default();
                if moving == r {
                    return;
                }
                let Some(target) = r.dyn_ref::<HtmlElement>() else {
                    return;
                };
                let rect = target.get_bounding_client_rect();
                let below = f64::from(e.client_y()) > rect.top() + rect.height() / 2.0;
                let reference = if below {
                    r.next_element_sibling()
                } else {
                    Some(r.clone())
                };
                if let Some(parent) = r.parent_element() {
                    let _ = parent
                        .insert_before(&moving, reference.as_ref().map(|x| x.unchecked_ref()));
                }
            });
        }
        let (d, l) = (dragged.clone(), list.clone());
        let (action, version) = (action.to_owned(), version.to_owned());
        let finish = move |e: DragEvent| {
            e.prevent_default();
            let Some(moving) = d.borrow_mut().take() else {
                return;
            };
            let _ = moving.class_list().remove_1("dragging");
            let now = order(&l);
            if now != before
                && let Some(document) = web_sys::window().and_then(|w| w.document())
            {
                let _ = post(
                    &document,
                    &action,
                    &[
                        ("action", "reorder"),
                        ("version", &version),
                        ("order", &now),
                    ],
                );
            }
        };
        let finish = Rc::new(RefCell::new(finish));
        for event in ["drop", "dragend"] {
            let f = finish.clone();
            listen(&list, event, move |e: DragEvent| (f.borrow_mut())(e));
        }
    }
}
