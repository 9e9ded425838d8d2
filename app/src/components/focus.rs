//! Where keyboard focus goes after something changes on its own: a new page after client-side
//! navigation, a result that replaces the button that asked for it. Without this, focus falls
//! back to the document and the next Tab starts over at the top, or leaves the page.

use leptos::{html::ElementType, prelude::*, wasm_bindgen::JsCast};

/// Moves focus to `element` (it needs `tabindex="-1"` unless it is a control), scrolling it into
/// view only when `scroll` is true. Browser only: the server renders no focus.
pub fn focus_element<T: JsCast>(element: &T, scroll: bool) {
    #[cfg(feature = "hydrate")]
    {
        let options = web_sys::FocusOptions::new();
        options.set_prevent_scroll(!scroll);
        let _ = element
            .unchecked_ref::<web_sys::HtmlElement>()
            .focus_with_options(&options);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (element, scroll);
}

/// Gives focus to the element behind `node` as soon as it is shown. For results of an action:
/// a keyboard user lands on what happened, and a screen reader reads it.
pub fn take_focus_when_shown<E>(node: NodeRef<E>)
where
    E: ElementType + 'static,
    E::Output: JsCast + Clone + 'static,
{
    Effect::new(move |_| {
        if let Some(element) = node.get() {
            focus_element(&element, true);
        }
    });
}
