//! The audit log: append-only writes, filtered and paged reads.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect, Set,
};

use crate::{
    domain::{
        audit::{clip, AuditAction, AuditFilter, MAX_ACTOR_CHARS, MAX_DETAIL_CHARS},
        caller::Caller,
    },
    error::AppError,
    server::entities::audit_event,
    wire::audit::AuditEvent,
};

/// Who acted: a caller, an address that did not sign in, or the system (the command line).
#[derive(Debug, Clone, Copy)]
pub enum Actor<'a> {
    Caller(&'a Caller),
    Person {
        id: Option<i64>,
        email: &'a str,
    },
    /// Someone not signed in (asking for a link, say): whoever they claim to be is not recorded
    /// as the actor.
    Anonymous,
    System,
}

impl Actor<'_> {
    /// The acting person's email; none for the system.
    pub fn email(&self) -> Option<&str> {
        match self {
            Actor::Caller(caller) => Some(&caller.email),
            Actor::Person { email, .. } => Some(email),
            Actor::Anonymous | Actor::System => None,
        }
    }
}

pub struct Entry<'a> {
    pub actor: Actor<'a>,
    pub action: AuditAction,
    pub object_type: &'a str,
    pub object_id: Option<String>,
    pub detail: String,
}

impl<'a> Entry<'a> {
    pub fn new(actor: Actor<'a>, action: AuditAction, object_type: &'a str) -> Self {
        Self {
            actor,
            action,
            object_type,
            object_id: None,
            detail: String::new(),
        }
    }

    pub fn object(mut self, id: impl ToString) -> Self {
        self.object_id = Some(id.to_string());
        self
    }

    pub fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = detail.into();
        self
    }
}

/// Appends `entry`, its free text clipped to the caps (`MAX_ACTOR_CHARS`, `MAX_DETAIL_CHARS`).
pub async fn record(
    db: &impl ConnectionTrait,
    entry: Entry<'_>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    model(entry, now).insert(db).await?;
    Ok(())
}

/// Rows per multi-row INSERT: well under every backend's limit on bound parameters.
const BATCH: usize = 500;

/// Appends every entry (one per person an import changed, say) in a few multi-row INSERTs.
pub async fn record_all(
    db: &impl ConnectionTrait,
    entries: Vec<Entry<'_>>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let mut models: Vec<audit_event::ActiveModel> =
        entries.into_iter().map(|entry| model(entry, now)).collect();
    while !models.is_empty() {
        let rest = models.split_off(models.len().min(BATCH));
        audit_event::Entity::insert_many(models)
            .exec_without_returning(db)
            .await?;
        models = rest;
    }
    Ok(())
}

fn model(entry: Entry<'_>, now: DateTime<Utc>) -> audit_event::ActiveModel {
    let (actor_id, actor_email) = match entry.actor {
        Actor::Caller(caller) => (Some(caller.person_id), Some(caller.email.clone())),
        Actor::Person { id, email } => (id, Some(email.to_string())),
        Actor::Anonymous => (None, Some("anonymous".to_string())),
        Actor::System => (None, None),
    };
    audit_event::ActiveModel {
        at: Set(now),
        actor_id: Set(actor_id),
        actor_email: Set(actor_email.map(|email| clip(email, MAX_ACTOR_CHARS))),
        action: Set(entry.action.as_str().to_string()),
        object_type: Set(entry.object_type.to_string()),
        object_id: Set(entry.object_id.map(|id| clip(id, MAX_DETAIL_CHARS))),
        detail: Set(clip(entry.detail, MAX_DETAIL_CHARS)),
        ..Default::default()
    }
}

/// Newest first, `per_page` at a time; also returns how many events match in all.
pub async fn list(
    db: &impl ConnectionTrait,
    filter: &AuditFilter,
    page: u64,
    per_page: u64,
) -> Result<(Vec<AuditEvent>, u64), AppError> {
    let mut query = audit_event::Entity::find();
    if let Some(action) = filter.action {
        query = query.filter(audit_event::Column::Action.eq(action.as_str()));
    }
    if let Some(actor) = filter.actor.as_deref().filter(|actor| !actor.is_empty()) {
        query = query.filter(audit_event::Column::ActorEmail.contains(actor.to_lowercase()));
    }
    if let Some(since) = filter.since {
        query = query.filter(audit_event::Column::At.gte(since));
    }
    if let Some(until) = filter.until {
        query = query.filter(audit_event::Column::At.lt(until));
    }
    let total = query.clone().count(db).await?;
    let rows = query
        .order_by_desc(audit_event::Column::At)
        .order_by_desc(audit_event::Column::Id)
        .offset(page * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    let events = rows
        .into_iter()
        .map(|row| AuditEvent {
            id: row.id,
            at: row.at,
            actor: row.actor_email,
            action: row.action,
            object_type: row.object_type,
            object_id: row.object_id,
            detail: row.detail,
        })
        .collect();
    Ok((events, total))
}
