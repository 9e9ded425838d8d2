//! The outbox: messages written in the same transaction as what they announce, claimed by one
//! delivering instance at a time.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::{
    domain::mail::{self, MAX_ATTEMPTS},
    error::AppError,
    server::entities::outgoing_mail,
    wire::mail::OutgoingMail,
};

/// How long an instance holds a message it is delivering: well over the SMTP timeout, and an
/// instance claims one message just before sending it.
const CLAIM_FOR: Duration = Duration::minutes(2);

/// A message this instance has claimed and now delivers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimedMail {
    pub id: i64,
    pub recipient: String,
    pub subject: String,
    pub body: String,
    /// Failed attempts so far.
    pub attempts: i32,
}

pub async fn queue(
    db: &impl ConnectionTrait,
    recipient: &str,
    subject: &str,
    body: &str,
    now: DateTime<Utc>,
) -> Result<i64, AppError> {
    let row = outgoing_mail::ActiveModel {
        recipient: Set(recipient.to_string()),
        subject: Set(subject.to_string()),
        body: Set(body.to_string()),
        created_at: Set(now),
        sent_at: Set(None),
        attempts: Set(0),
        last_error: Set(None),
        claimed_until: Set(None),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.id)
}

/// Messages queued for `recipient` since `since`: what the request limit counts.
pub async fn queued_since(
    db: &impl ConnectionTrait,
    recipient: &str,
    since: DateTime<Utc>,
) -> Result<u64, AppError> {
    Ok(outgoing_mail::Entity::find()
        .filter(outgoing_mail::Column::Recipient.eq(recipient))
        .filter(outgoing_mail::Column::CreatedAt.gte(since))
        .count(db)
        .await?)
}

/// One page of the outbox, newest first, and how many messages there are in all.
pub async fn page(
    db: &impl ConnectionTrait,
    page: u64,
    per_page: u64,
) -> Result<(Vec<OutgoingMail>, u64), AppError> {
    let query = outgoing_mail::Entity::find().order_by_desc(outgoing_mail::Column::Id);
    let paginator = query.paginate(db, per_page);
    let total = paginator.num_items().await?;
    let rows = paginator.fetch_page(page).await?;
    let mails = rows
        .into_iter()
        .map(|row| OutgoingMail {
            id: row.id,
            status: mail::status(row.sent_at.is_some(), row.attempts),
            recipient: row.recipient,
            subject: row.subject,
            body: row.body,
            created_at: row.created_at,
            sent_at: row.sent_at,
            last_error: row.last_error,
        })
        .collect();
    Ok((mails, total))
}

/// Claims up to `limit` waiting messages for this instance: a message is claimed by exactly one
/// instance (the UPDATE only succeeds while nobody else holds it).
pub async fn claim(
    db: &impl ConnectionTrait,
    limit: u64,
    now: DateTime<Utc>,
) -> Result<Vec<ClaimedMail>, AppError> {
    let free = Condition::any()
        .add(outgoing_mail::Column::ClaimedUntil.is_null())
        .add(outgoing_mail::Column::ClaimedUntil.lt(now));
    let candidates = outgoing_mail::Entity::find()
        .filter(outgoing_mail::Column::SentAt.is_null())
        .filter(outgoing_mail::Column::Attempts.lt(MAX_ATTEMPTS))
        .filter(free.clone())
        .order_by_asc(outgoing_mail::Column::Id)
        .limit(limit)
        .all(db)
        .await?;
    let mut claimed = Vec::new();
    for candidate in candidates {
        let result = outgoing_mail::Entity::update_many()
            .col_expr(
                outgoing_mail::Column::ClaimedUntil,
                sea_orm::prelude::Expr::value(now + CLAIM_FOR),
            )
            .filter(outgoing_mail::Column::Id.eq(candidate.id))
            .filter(outgoing_mail::Column::SentAt.is_null())
            .filter(free.clone())
            .exec(db)
            .await?;
        if result.rows_affected == 1 {
            claimed.push(ClaimedMail {
                id: candidate.id,
                recipient: candidate.recipient,
                subject: candidate.subject,
                body: candidate.body,
                attempts: candidate.attempts,
            });
        }
    }
    Ok(claimed)
}

pub async fn mark_sent(
    db: &impl ConnectionTrait,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    outgoing_mail::ActiveModel {
        id: Set(id),
        sent_at: Set(Some(now)),
        claimed_until: Set(None),
        last_error: Set(None),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Records a failed attempt; the message is tried again, later each time (held by the claim
/// until then), until [`MAX_ATTEMPTS`].
pub async fn mark_failed(
    db: &impl ConnectionTrait,
    message: &ClaimedMail,
    error: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let attempts = message.attempts + 1;
    outgoing_mail::ActiveModel {
        id: Set(message.id),
        attempts: Set(attempts),
        last_error: Set(Some(error.to_string())),
        claimed_until: Set(Some(now + mail::retry_after(attempts))),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}
