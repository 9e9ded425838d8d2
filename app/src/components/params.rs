//! Route parameters as pages read them.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The route's numeric parameter `name` (a pilot's id, say), or 0 when it is missing or not a
/// number: the server then answers "not found".
pub fn use_id_param(name: &'static str) -> impl Fn() -> i64 + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || {
        params.with(|params| {
            params
                .get(name)
                .and_then(|id| id.parse::<i64>().ok())
                .unwrap_or(0)
        })
    }
}
