//! Finding the caller of a request: a bearer token or a session cookie, looked up in the
//! repository, which answers with plain rows; the `Caller` is built here.

use chrono::{DateTime, Utc};
use http::HeaderMap;
use sea_orm::ConnectionTrait;

use super::cookie;
pub use crate::domain::caller::{Caller, Credential};
use crate::{
    error::AppError,
    server::{
        repo::{self, people::Person},
        secrets::hash_secret,
    },
};

fn caller(person: Person, credential: Credential) -> Caller {
    Caller {
        person_id: person.id,
        email: person.email,
        display_name: person.display_name,
        role: person.role,
        credential,
    }
}

/// Finds who sent these headers: a bearer token wins over a session cookie. Unknown, expired or
/// revoked credentials give `None`, exactly like no credential at all.
pub async fn resolve(
    db: &impl ConnectionTrait,
    headers: &HeaderMap,
    now: DateTime<Utc>,
) -> Result<Option<Caller>, AppError> {
    if let Some(token) = cookie::bearer_token(headers) {
        let owner = repo::api_tokens::authenticate(db, &token, now).await?;
        return Ok(owner.map(|owner| {
            let credential = Credential::ApiToken {
                id: owner.token_id,
                scope: owner.scope,
            };
            caller(owner.creator, credential)
        }));
    }
    resolve_session(db, headers, now).await
}

/// The caller of a request from a signed-in browser: a session cookie only. Server functions are
/// the pages' own calls and accept nothing else, so an API token (read-only ones included) reaches
/// only `/api/v1`, where every handler checks its scope.
pub async fn resolve_session(
    db: &impl ConnectionTrait,
    headers: &HeaderMap,
    now: DateTime<Utc>,
) -> Result<Option<Caller>, AppError> {
    let Some(token) = cookie::session_token(headers) else {
        return Ok(None);
    };
    let owner = repo::sessions::authenticate(db, &token, now).await?;
    Ok(owner.map(|person| {
        let token_hash = hash_secret(&token);
        caller(person, Credential::Session { token_hash })
    }))
}
