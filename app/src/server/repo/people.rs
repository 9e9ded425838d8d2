//! People as accounts: lookup, creation, role, activity and password.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, Set,
};

use crate::{
    domain::account::{DisplayName, Email, Role},
    error::AppError,
    server::entities::person,
    wire::people::PersonSummary,
};

/// A person's account as the use cases need it (never their password hash).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
    pub has_password: bool,
    pub time_zone: String,
    pub working_pattern: String,
    pub manager_id: Option<i64>,
    pub created_at: DateTime<Utc>,
}

/// A row whose role the code no longer knows is treated as the least privileged one.
fn role_of(row: &person::Model) -> Role {
    Role::parse(&row.role).unwrap_or(Role::Participant)
}

impl From<person::Model> for Person {
    fn from(row: person::Model) -> Self {
        Self {
            id: row.id,
            role: role_of(&row),
            email: row.email,
            display_name: row.display_name,
            active: row.active,
            has_password: row.password_hash.is_some(),
            time_zone: row.time_zone,
            working_pattern: row.working_pattern,
            manager_id: row.manager_id,
            created_at: row.created_at,
        }
    }
}

/// A person by email with their password hash, for checking a password.
pub async fn find_with_password(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<(Person, Option<String>)>, AppError> {
    Ok(find_row_by_email(db, email).await?.map(|row| {
        let hash = row.password_hash.clone();
        (Person::from(row), hash)
    }))
}

/// The stored password hash of a person, if they have set a password.
pub async fn password_hash(db: &impl ConnectionTrait, id: i64) -> Result<Option<String>, AppError> {
    Ok(find_row(db, id).await?.password_hash)
}

/// The row itself, for the organisation code that still edits rows (and the demo and tests);
/// use cases here get a [`Person`].
pub async fn find_row_by_email(
    db: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<person::Model>, AppError> {
    Ok(person::Entity::find()
        .filter(person::Column::Email.eq(email.as_str()))
        .one(db)
        .await?)
}

/// The row itself; see [`find_row_by_email`].
pub async fn find_row(db: &impl ConnectionTrait, id: i64) -> Result<person::Model, AppError> {
    person::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("person {id}")))
}

pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<Person, AppError> {
    find_row(db, id).await.map(Person::from)
}

pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<Person>, AppError> {
    Ok(person::Entity::find()
        .order_by_asc(person::Column::DisplayName)
        .order_by_asc(person::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(Person::from)
        .collect())
}

/// People whose name or email contains `query` (any case), by name, one page at a time, each
/// with their current team and their manager's email (one query each for the page, not per
/// person); also returns how many match in all.
pub async fn search(
    db: &impl ConnectionTrait,
    query: &str,
    page: u64,
    per_page: u64,
) -> Result<(Vec<PersonSummary>, u64), AppError> {
    use sea_orm::{Condition, QuerySelect};

    use crate::server::entities::{team, team_membership};

    let mut find = person::Entity::find();
    let query = query.trim();
    if !query.is_empty() {
        let backend = db.get_database_backend();
        find = find.filter(
            Condition::any()
                .add(super::contains_any_case(
                    backend,
                    person::Column::Email,
                    query,
                ))
                .add(super::contains_any_case(
                    backend,
                    person::Column::DisplayName,
                    query,
                )),
        );
    }
    let total = find.clone().count(db).await?;
    let rows = find
        .order_by_asc(person::Column::DisplayName)
        .order_by_asc(person::Column::Id)
        .offset(page * per_page)
        .limit(per_page)
        .all(db)
        .await?;
    let ids: Vec<i64> = rows.iter().map(|row| row.id).collect();
    let memberships = team_membership::Entity::find()
        .filter(team_membership::Column::PersonId.is_in(ids.clone()))
        .filter(team_membership::Column::LeftAt.is_null())
        .find_also_related(team::Entity)
        .all(db)
        .await?;
    let team_of: std::collections::HashMap<i64, String> = memberships
        .into_iter()
        .filter_map(|(membership, team)| team.map(|team| (membership.person_id, team.name)))
        .collect();
    let manager_ids: Vec<i64> = rows.iter().filter_map(|row| row.manager_id).collect();
    let manager_email: std::collections::HashMap<i64, String> = person::Entity::find()
        .filter(person::Column::Id.is_in(manager_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|manager| (manager.id, manager.email))
        .collect();
    let champions: std::collections::HashSet<i64> =
        crate::server::entities::champion::Entity::find()
            .select_only()
            .column(crate::server::entities::champion::Column::PersonId)
            .filter(crate::server::entities::champion::Column::PersonId.is_in(ids.clone()))
            .filter(
                crate::server::entities::champion::Column::Status
                    .eq(crate::domain::champions::ChampionStatus::Confirmed.as_str()),
            )
            .into_tuple::<i64>()
            .all(db)
            .await?
            .into_iter()
            .collect();
    let people = rows
        .into_iter()
        .map(|row| PersonSummary {
            champion: champions.contains(&row.id),
            team: team_of.get(&row.id).cloned(),
            manager_email: row
                .manager_id
                .and_then(|id| manager_email.get(&id).cloned()),
            role: role_of(&row),
            has_password: row.password_hash.is_some(),
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            active: row.active,
            time_zone: row.time_zone,
            working_pattern: row.working_pattern,
            created_at: row.created_at,
        })
        .collect();
    Ok((people, total))
}

pub async fn create(
    db: &impl ConnectionTrait,
    email: &Email,
    name: &DisplayName,
    role: Role,
    password_hash: Option<String>,
    now: DateTime<Utc>,
) -> Result<Person, AppError> {
    if find_row_by_email(db, email).await?.is_some() {
        return Err(AppError::Conflict(format!(
            "someone with the email {} already exists",
            email.as_str()
        )));
    }
    let row = person::ActiveModel {
        email: Set(email.as_str().to_string()),
        display_name: Set(name.as_str().to_string()),
        role: Set(role.as_str().to_string()),
        active: Set(true),
        password_hash: Set(password_hash),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(row.into())
}

pub async fn set_password_hash(
    db: &impl ConnectionTrait,
    id: i64,
    hash: String,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    update(db, id, |row| {
        row.password_hash = Set(Some(hash));
        row.updated_at = Set(now);
    })
    .await
}

pub async fn set_role(
    db: &impl ConnectionTrait,
    id: i64,
    role: Role,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    update(db, id, |row| {
        row.role = Set(role.as_str().to_string());
        row.updated_at = Set(now);
    })
    .await
}

pub async fn set_active(
    db: &impl ConnectionTrait,
    id: i64,
    active: bool,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    update(db, id, |row| {
        row.active = Set(active);
        row.updated_at = Set(now);
    })
    .await
}

async fn update(
    db: &impl ConnectionTrait,
    id: i64,
    change: impl FnOnce(&mut person::ActiveModel),
) -> Result<(), AppError> {
    let mut row: person::ActiveModel = find_row(db, id).await?.into();
    change(&mut row);
    row.update(db).await?;
    Ok(())
}

pub async fn count_active_admins(db: &impl ConnectionTrait) -> Result<u64, AppError> {
    Ok(person::Entity::find()
        .filter(person::Column::Role.eq(Role::Admin.as_str()))
        .filter(person::Column::Active.eq(true))
        .count(db)
        .await?)
}

/// Stores the person's working days (`mon,tue,…`).
pub async fn set_working_days(
    db: &impl ConnectionTrait,
    id: i64,
    days: crate::domain::capture::working_days::WorkingDays,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    update(db, id, |row| {
        row.working_days = Set(days.to_stored());
        row.updated_at = Set(now);
    })
    .await
}

/// The person's working days (Monday to Friday unless they set their own).
pub async fn working_days(
    db: &impl ConnectionTrait,
    id: i64,
) -> Result<crate::domain::capture::working_days::WorkingDays, AppError> {
    let row = find_row(db, id).await?;
    Ok(crate::domain::capture::working_days::WorkingDays::from_stored(&row.working_days))
}
