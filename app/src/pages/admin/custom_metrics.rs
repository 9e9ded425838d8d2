//! HR-defined metrics: the list, and a form to add one. Imports and reports then know
//! `custom:<key>` with its direction and allowed range.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::components::table_scroll::TableScroll;
use crate::{
    api::custom_metrics::{list_custom_metrics, CreateCustomMetric},
    components::{
        error_template::ErrorTemplate,
        form::ActionError,
        session::{caller_is_admin, RequireRole},
    },
    domain::account::Role,
    wire::custom_metrics::Direction,
};

#[component]
pub fn CustomMetricsPage() -> impl IntoView {
    view! {
        <Title text="Custom metrics" />
        <h1>"Custom metrics"</h1>
        <RequireRole roles=&[Role::Admin, Role::Executive]>
            <CustomMetrics />
        </RequireRole>
    }
}

#[component]
fn CustomMetrics() -> impl IntoView {
    let create = ServerAction::<CreateCustomMetric>::new();
    let metrics = Resource::new(move || create.version().get(), |_| list_custom_metrics());
    view! {
        <p class="muted">"Metrics of your own beside the method's: a metric import writes them as " <code>"custom:<key>"</code> ", with values inside the allowed range."</p>
        <Transition fallback=|| view! { <p class="muted">"Loading…"</p> }>
            <ErrorBoundary fallback=|errors| view! { <ErrorTemplate errors /> }>
                {move || Suspend::new(async move {
                    metrics.await.map(|metrics| view! {
                        <TableScroll label="Custom metrics">
                            <table class="data-table" data-testid="custom-metrics">
                                <thead><tr><th>"Key"</th><th>"Label"</th><th>"Unit"</th><th>"Better when"</th><th class="num">"Allowed range"</th></tr></thead>
                                <tbody>
                                    {metrics.into_iter().map(|metric| view! {
                                        <tr>
                                            <td><code>"custom:" {metric.key}</code></td>
                                            <td>{metric.label}</td>
                                            <td>{metric.unit}</td>
                                            <td>{match metric.direction { Direction::HigherIsBetter => "higher", Direction::LowerIsBetter => "lower" }}</td>
                                            <td class="num">{metric.min_value} " – " {metric.max_value}</td>
                                        </tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        </TableScroll>
                    })
                })}
            </ErrorBoundary>
        </Transition>
        <Suspense>
            {move || Suspend::new(async move {
                caller_is_admin().await.then(|| view! {
                    <h2>"New metric"</h2>
                    <ActionForm action=create attr:aria-label="New metric">
                        <label>"Key (a-z, 0-9 and _)" <input type="text" name="input[key]" required maxlength="40" pattern="[a-z][a-z0-9_]*" /></label>
                        <label>"Label" <input type="text" name="input[label]" required maxlength="100" /></label>
                        <label>"Unit" <input type="text" name="input[unit]" maxlength="30" /></label>
                        <label>"Better when"
                            <select name="input[direction]">
                                <option value="higher_is_better">"higher"</option>
                                <option value="lower_is_better">"lower"</option>
                            </select>
                        </label>
                        <label>"Lowest allowed value" <input type="text" inputmode="decimal" name="input[min_value]" required /></label>
                        <label>"Highest allowed value" <input type="text" inputmode="decimal" name="input[max_value]" required /></label>
                        <button type="submit" class="button button-small">"Add metric"</button>
                    </ActionForm>
                    <ActionError action=create />
                })
            })}
        </Suspense>
    }
}
