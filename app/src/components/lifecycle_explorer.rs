//! An interactive walk through the pilot stages: pick a stage, read what happens in it.

use leptos::prelude::*;

use crate::domain::pilot::PilotStage;

#[component]
pub fn LifecycleExplorer() -> impl IntoView {
    let (selected, set_selected) = signal(PilotStage::Draft);

    let steps = PilotStage::ALL
        .into_iter()
        .map(|stage| {
            view! {
                <li>
                    <button
                        type="button"
                        class="stage"
                        data-testid=format!("stage-{}", stage.slug())
                        aria-pressed=move || (selected.get() == stage).to_string()
                        on:click=move |_| set_selected.set(stage)
                    >
                        {stage.label()}
                    </button>
                </li>
            }
        })
        .collect_view();

    view! {
        <section class="lifecycle" aria-labelledby="lifecycle-heading">
            <h2 id="lifecycle-heading">"How a pilot runs"</h2>
            <ol class="stages">{steps}</ol>
            <div class="stage-detail" aria-live="polite" data-testid="stage-detail">
                <h3>{move || selected.get().label()}</h3>
                <p>{move || selected.get().summary()}</p>
                {move || {
                    selected
                        .get()
                        .next()
                        .map(|next| view! { <p class="muted">"Next: " {next.label()}</p> })
                }}
            </div>
        </section>
    }
}
