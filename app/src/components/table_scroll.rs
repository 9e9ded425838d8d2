//! The frame of a wide table: on a narrow screen it scrolls sideways inside the page (the page
//! itself never does), and keyboard users can reach it and scroll it with the arrow keys — it is
//! a focusable region named after the table.

use leptos::prelude::*;

#[component]
pub fn TableScroll(#[prop(into)] label: String, children: Children) -> impl IntoView {
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=label>
            {children()}
        </div>
    }
}
