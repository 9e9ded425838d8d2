//! The working days form of the account page: the days participation expects a check-in on.

use leptos::prelude::*;

use crate::{
    api::working_days::{get_working_days, SetWorkingDays},
    components::form::{succeeded, ActionError},
    domain::capture::working_days::{day_label, DAY_KEYS},
};

#[component]
pub fn WorkingDaysForm() -> impl IntoView {
    let save = ServerAction::<SetWorkingDays>::new();
    let saved = succeeded(save);
    let days = Resource::new(move || save.version().get(), |_| get_working_days());
    view! {
        <h2>"Working days"</h2>
        <p class="muted">"The days you work: a check-in is only expected on these (Monday to Friday unless you choose others)."</p>
        <Suspense>
            {move || Suspend::new(async move {
                days.await.ok().map(|days| view! {
                    <ActionForm action=save attr:aria-label="Working days">
                        <div class="day-choices" data-testid="working-days">
                            {DAY_KEYS.into_iter().map(|key| view! {
                                <label class="checkbox">
                                    <input type="checkbox" name=key checked={days.days.iter().any(|day| day == key)} />
                                    {day_label(key)}
                                </label>
                            }).collect_view()}
                        </div>
                        <ActionError action=save />
                        <Show when=saved>
                            <p class="callout callout-ok" role="status" data-testid="working-days-saved">"Working days saved."</p>
                        </Show>
                        <button type="submit" class="button">"Save working days"</button>
                    </ActionForm>
                })
            })}
        </Suspense>
    }
}
