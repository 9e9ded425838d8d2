//! Background jobs whose progress lives in the database (row, heartbeat, progress, stale
//! detection), so that any instance can answer a poll. Roster imports use it; metric and
//! calendar imports will too.
