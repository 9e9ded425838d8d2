//! Pulse surveys: HR opens and closes them; members answer; team managers rate their members.

use leptos::prelude::*;

use crate::{
    error::AppError,
    wire::pulses::{MyPulse, PulseAnswers, PulseOpening, PulseSummary},
};

#[server(prefix = "/fn", endpoint = "list_pulses")]
pub async fn list_pulses(pilot_id: i64) -> Result<Vec<PulseSummary>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::pulses};
    context::serve(|state, caller| async move {
        let today = chrono::Utc::now().date_naive();
        pulses::of_pilot(&state.db, Actor::Caller(&caller), pilot_id, today).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "open_pulse")]
pub async fn open_pulse(pilot_id: i64, input: PulseOpening) -> Result<i64, AppError> {
    use crate::server::{context, repo::audit::Actor, services::pulses};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        pulses::open(&state.db, Actor::Caller(&caller), pilot_id, &input, now).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "close_pulse")]
pub async fn close_pulse(id: i64) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::pulses};
    context::serve(|state, caller| async move {
        pulses::close(&state.db, Actor::Caller(&caller), id, chrono::Utc::now()).await
    })
    .await
}

/// The pulses open for the caller today, with their own answer to edit.
#[server(prefix = "/fn", endpoint = "list_my_pulses")]
pub async fn list_my_pulses() -> Result<Vec<MyPulse>, AppError> {
    use crate::server::{context, repo::audit::Actor, services::pulses};
    context::serve(|state, caller| async move {
        pulses::mine(&state.db, Actor::Caller(&caller), chrono::Utc::now()).await
    })
    .await
}

#[server(prefix = "/fn", endpoint = "answer_pulse")]
pub async fn answer_pulse(pulse_id: i64, answers: PulseAnswers) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::pulses};
    context::serve(|state, caller| async move {
        let now = chrono::Utc::now();
        pulses::answer(&state.db, Actor::Caller(&caller), pulse_id, &answers, now).await?;
        Ok(())
    })
    .await
}

#[server(prefix = "/fn", endpoint = "rate_member")]
pub async fn rate_member(pulse_id: i64, person_id: i64, rating: i64) -> Result<(), AppError> {
    use crate::server::{context, repo::audit::Actor, services::pulses};
    context::serve(|state, caller| async move {
        let actor = Actor::Caller(&caller);
        let now = chrono::Utc::now();
        pulses::rate(&state.db, actor, pulse_id, person_id, rating, now).await
    })
    .await
}
