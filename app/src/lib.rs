//! Async Pilot: the Leptos application (pages, server functions, pure domain code).
// Deeply nested views (the admin pages) exceed the default type-layout depth in the wasm build.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;
pub mod wire;

/// Entry point of the WebAssembly bundle: attaches the client to the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(app::App);
}
