//! Queries and writes, as small functions over any connection or transaction.

pub mod api_tokens;
pub mod audit;
pub mod champion_coverage;
pub mod champion_signals;
pub mod champions;
pub mod charters;
pub mod checkin_reminders;
pub mod checkins;
pub mod consents;
pub mod custom_metrics;
pub mod decisions;
pub mod departments;
pub mod entries;
pub mod entry_imports;
pub mod erasure;
pub mod import_facts;
pub mod links;
pub mod mail;
pub mod meetings;
pub mod memberships;
pub mod own_entries;
pub mod participation;
pub mod people;
pub mod person_details;
pub mod personal_data;
pub mod pilot_teams;
pub mod pilots;
pub mod process_types;
pub mod pulse_responses;
pub mod pulses;
pub mod readiness;
pub mod report_data;
pub mod reports;
pub mod retention;
pub mod roster;
pub mod roster_imports;
pub mod sessions;
pub mod sign_in_failures;
pub mod system;
pub mod team_records;
pub mod teams;
pub mod training;

use sea_orm::{
    sea_query::{Expr, ExprTrait, Func, IntoColumnRef, LikeExpr},
    DbBackend,
};

/// `column` contains `query`, ignoring case in every alphabet. PostgreSQL compares lower-cased
/// text with LIKE; SQLite's `lower` and LIKE fold ASCII letters only, so there the comparison is
/// a case-insensitive REGEXP (registered on every SQLite connection, see `db::connect`). In both,
/// `%`, `_`, `\` and regex characters in the query match themselves.
pub fn contains_any_case(backend: DbBackend, column: impl IntoColumnRef, query: &str) -> Expr {
    let query = query.to_lowercase();
    if backend == DbBackend::Sqlite {
        let mut pattern = String::from("(?i)");
        for c in query.chars() {
            if "\\.+*?()|[]{}^$#&-~".contains(c) {
                pattern.push('\\');
            }
            pattern.push(c);
        }
        return Expr::cust_with_exprs("? REGEXP ?", [Expr::col(column), Expr::val(pattern)]);
    }
    let mut pattern = String::from("%");
    for c in query.chars() {
        if matches!(c, '\\' | '%' | '_') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Expr::expr(Func::lower(Expr::col(column))).like(LikeExpr::new(pattern).escape('\\'))
}
