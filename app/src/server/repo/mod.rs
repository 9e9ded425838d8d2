//! Queries and writes, as small functions over any connection or transaction.

pub mod api_tokens;
pub mod audit;
pub mod links;
pub mod memberships;
pub mod people;
pub mod sessions;
pub mod sign_in_failures;
pub mod system;

use sea_orm::sea_query::{Expr, ExprTrait, Func, IntoColumnRef, LikeExpr, SimpleExpr};

/// `column` contains `query` (already lower-cased), compared lower-cased: LIKE ignores case on
/// SQLite but not on PostgreSQL. `%`, `_` and `\` in the query match themselves. (SQLite's
/// `lower` folds ASCII letters only, so there non-ASCII capitals must be typed as stored.)
pub fn contains_lowercase(column: impl IntoColumnRef, query: &str) -> SimpleExpr {
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
