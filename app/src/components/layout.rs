//! The frame around every page: header, navigation, footer.

use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Layout(children: Children) -> impl IntoView {
    // Effects run only in the browser, so this flips once the WebAssembly has taken over the
    // page: end-to-end tests wait for it before exercising client-side behaviour.
    let (hydrated, set_hydrated) = signal(false);
    Effect::new(move |_| set_hydrated.set(true));

    view! {
        <div class="page" data-hydrated=move || if hydrated.get() { "true" } else { "false" }>
            <a class="skip-link" href="#content">"Skip to content"</a>
            <header class="site-header">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true">"◐"</span>
                    " Async Pilot"
                </A>
                <nav aria-label="Main">
                    <ul>
                        <li><A href="/" exact=true>"Overview"</A></li>
                        <li><A href="/plan">"Plan a pilot"</A></li>
                        <li><A href="/status">"Instance status"</A></li>
                    </ul>
                </nav>
            </header>
            <main id="content" class="content">{children()}</main>
            <footer class="site-footer">
                <p>
                    "Async Pilot " {env!("CARGO_PKG_VERSION")}
                    " · pilot async-first work honestly: baseline, change, follow-up, decide."
                </p>
            </footer>
        </div>
    }
}
