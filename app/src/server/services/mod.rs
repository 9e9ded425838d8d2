//! Use cases, one function each: caller → access rule (once, `Caller::authorize`) → parse →
//! rules → repository → audit, writes in one transaction through `tx::write`. No SQL here: both
//! the server functions (`api/`) and the JSON handlers (`server/src/api/`) call these, so the
//! two surfaces cannot drift apart.
