//! The champion badge shown next to a confirmed champion's name wherever names appear.

use leptos::prelude::*;

#[component]
pub fn ChampionBadge(champion: bool) -> impl IntoView {
    champion.then(|| {
        view! {
            <span class="champion-badge" title="Confirmed async champion" data-testid="champion-badge">
                "★ Champion"
            </span>
        }
    })
}
