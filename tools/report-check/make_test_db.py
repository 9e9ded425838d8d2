#!/usr/bin/env python3
"""Builds a small SQLite database with the app's schema (the tables the report reads, with the
columns and types the migrations in migrations/src give them) and one pilot:

    pilot arm:       Alpha (6 frozen, one withdrew), Bravo (5), Echo (3: always left out)
    comparison arm:  Charlie (6 frozen: one never consented, one moves to Delta on 2026-02-09),
                     Delta (5 frozen, plus one who joined after the baseline started)

Windows: baseline 2026-01-05 … 01-18, intervention 01-19 … 02-01, follow-up 02-02 … 02-15.
Meeting hours are constant per person and phase (MEETING_HOURS), so meeting_load can be
checked by hand; everything else is drawn from a seeded generator.

    make_test_db.py OUT.sqlite
"""

import datetime as dt
import random
import sqlite3
import sys

SCHEMA = """
CREATE TABLE people (
    id integer PRIMARY KEY AUTOINCREMENT, email varchar NOT NULL UNIQUE,
    display_name varchar NOT NULL, role varchar NOT NULL DEFAULT 'participant',
    active boolean NOT NULL DEFAULT TRUE, created_at timestamp_with_timezone_text NOT NULL,
    updated_at timestamp_with_timezone_text NOT NULL, password_hash varchar NULL,
    manager_id integer NULL, time_zone varchar NOT NULL DEFAULT 'UTC',
    working_pattern varchar NOT NULL DEFAULT 'full_time',
    working_days varchar NOT NULL DEFAULT 'mon,tue,wed,thu,fri');
CREATE TABLE departments (
    id integer PRIMARY KEY AUTOINCREMENT, name varchar NOT NULL UNIQUE,
    created_at timestamp_with_timezone_text NOT NULL, active boolean NOT NULL DEFAULT TRUE);
CREATE TABLE teams (
    id integer PRIMARY KEY AUTOINCREMENT, name varchar NOT NULL UNIQUE,
    department_id integer NOT NULL, manager_id integer NULL,
    time_zone varchar NOT NULL DEFAULT 'UTC', active boolean NOT NULL DEFAULT TRUE,
    created_at timestamp_with_timezone_text NOT NULL,
    updated_at timestamp_with_timezone_text NOT NULL);
CREATE TABLE team_memberships (
    id integer PRIMARY KEY AUTOINCREMENT, person_id integer NOT NULL, team_id integer NOT NULL,
    joined_at timestamp_with_timezone_text NOT NULL, left_at timestamp_with_timezone_text NULL);
CREATE TABLE pilots (
    id integer PRIMARY KEY AUTOINCREMENT, name varchar NOT NULL UNIQUE, hypothesis text NOT NULL,
    primary_metric varchar NOT NULL, guardrail_metrics varchar NOT NULL DEFAULT '',
    baseline_start date_text NOT NULL, baseline_days integer NOT NULL,
    intervention_days integer NOT NULL, follow_up_days integer NOT NULL,
    privacy_k integer NOT NULL, stage varchar NOT NULL, decision varchar NULL,
    protocol_locked_at timestamp_with_timezone_text NULL,
    created_at timestamp_with_timezone_text NOT NULL,
    updated_at timestamp_with_timezone_text NOT NULL);
CREATE TABLE pilot_teams (
    id integer PRIMARY KEY AUTOINCREMENT, pilot_id integer NOT NULL, team_id integer NOT NULL,
    arm varchar NOT NULL, volunteered boolean NOT NULL DEFAULT FALSE,
    invite_token_hash varchar NULL UNIQUE, created_at timestamp_with_timezone_text NOT NULL);
CREATE UNIQUE INDEX idx_pilot_teams_unique ON pilot_teams (pilot_id, team_id);
CREATE TABLE pilot_members (
    pilot_id integer NOT NULL, person_id integer NOT NULL, team_id integer NOT NULL,
    PRIMARY KEY (pilot_id, person_id));
CREATE TABLE consents (
    id integer PRIMARY KEY AUTOINCREMENT, pilot_id integer NOT NULL, person_id integer NOT NULL,
    team_id integer NOT NULL, consented_at timestamp_with_timezone_text NOT NULL,
    withdrawn_at timestamp_with_timezone_text NULL);
CREATE UNIQUE INDEX idx_consents_unique ON consents (pilot_id, person_id);
CREATE TABLE entries (
    id integer PRIMARY KEY AUTOINCREMENT, person_id integer NOT NULL,
    entry_date date_text NOT NULL, measure varchar NOT NULL,
    qualifier varchar NOT NULL DEFAULT '', value double NOT NULL, source varchar NOT NULL,
    author_id integer NULL, created_at timestamp_with_timezone_text NOT NULL,
    updated_at timestamp_with_timezone_text NOT NULL);
CREATE UNIQUE INDEX ux_entries_key ON entries (person_id, entry_date, measure, qualifier);
CREATE TABLE team_charters (
    id integer PRIMARY KEY AUTOINCREMENT, team_id integer NOT NULL, version integer NOT NULL,
    effective_from date_text NOT NULL, current_norms boolean NOT NULL DEFAULT FALSE,
    note text NOT NULL DEFAULT '', created_by integer NULL,
    created_at timestamp_with_timezone_text NOT NULL);
CREATE UNIQUE INDEX ux_team_charters_version ON team_charters (team_id, version);
CREATE TABLE charter_channels (
    id integer PRIMARY KEY AUTOINCREMENT, charter_id integer NOT NULL, position integer NOT NULL,
    channel varchar NOT NULL, purpose text NOT NULL DEFAULT '', reply_hours double NOT NULL);
CREATE TABLE decisions (
    id integer PRIMARY KEY AUTOINCREMENT, team_id integer NOT NULL, title text NOT NULL,
    process_type varchar NOT NULL, raised_at timestamp_with_timezone_text NOT NULL,
    decided_at timestamp_with_timezone_text NULL, documented boolean NOT NULL,
    documented_at text NULL, author_id integer NULL, source varchar NOT NULL,
    import_pilot_id integer NULL, created_at timestamp_with_timezone_text NOT NULL,
    updated_at timestamp_with_timezone_text NOT NULL);
CREATE TABLE custom_metrics (
    id integer PRIMARY KEY AUTOINCREMENT, key varchar NOT NULL UNIQUE, label varchar NOT NULL,
    unit varchar NOT NULL DEFAULT '', direction varchar NOT NULL, min_value double NOT NULL,
    max_value double NOT NULL, created_at timestamp_with_timezone_text NOT NULL);
"""

BASELINE_START = dt.date(2026, 1, 5)
BASELINE_DAYS, INTERVENTION_DAYS, FOLLOW_UP_DAYS = 14, 14, 14
K = 5
MOVE_DAY = dt.date(2026, 2, 9)

# team: (arm, members); a member is (key, working_days or None for the default)
TEAMS = {
    "Alpha": ("pilot", ["a1", ("a2", "mon,tue,wed,thu,sat"), "a3", "a4", "a5", "a6"]),
    "Bravo": ("pilot", [("b1", "mon,tue,wed,thu"), "b2", "b3", "b4", "b5"]),
    "Charlie": ("comparison", ["c1", "c2", "c3", "c4", "c5", "c6"]),
    "Delta": ("comparison", ["d1", "d2", "d3", "d4", "d5"]),
    "Echo": ("pilot", ["e1", "e2", "e3"]),
}
WITHDRAWN = {"a6"}
NEVER_CONSENTED = {"c6"}
MOVER = "c5"  # Charlie -> Delta on MOVE_DAY
LATE_JOINER = "d6"  # joins Delta on 2026-01-10: not in the frozen membership

# Meeting hours per working day, constant per person and phase: (baseline, follow_up).
MEETING_HOURS = {
    "a1": (2, 1.5), "a2": (3, 2), "a3": (2.5, 2), "a4": (4, 3), "a5": (3, 2.5), "a6": (9, 0),
    "b1": (3, 2), "b2": (3, 2.5), "b3": (2, 1), "b4": (2, 1.5), "b5": (4, 3),
    "c1": (2, 2), "c2": (3, 3.5), "c3": (3, 2.5), "c4": (4, 4), "c5": (2, 2), "c6": (7, 7),
    "d1": (1, 1.5), "d2": (2, 2), "d3": (3, 3), "d4": (2, 2.5), "d5": (2, 2), "d6": (8, 8),
    "e1": (5, 1), "e2": (5, 1), "e3": (5, 1),
}
MOVER_HOURS_AFTER_MOVE = 8  # must not count: c5 is no longer in Charlie

WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


def stamp(day, hour=9, minute=0, style=0):
    """Both spellings a DateTimeUtc may have in SQLite."""
    moment = dt.datetime.combine(day, dt.time(hour, minute))
    if style % 2:
        return moment.strftime("%Y-%m-%d %H:%M:%S +00:00")
    return moment.strftime("%Y-%m-%dT%H:%M:%S+00:00")


def build(path):
    rng = random.Random(20260105)
    db = sqlite3.connect(path)
    db.executescript(SCHEMA)
    now = stamp(dt.date(2025, 12, 1))
    db.execute("INSERT INTO departments (name, created_at) VALUES ('Engineering', ?)", (now,))
    db.execute(
        "INSERT INTO pilots (name, hypothesis, primary_metric, guardrail_metrics, baseline_start,"
        " baseline_days, intervention_days, follow_up_days, privacy_k, stage, created_at,"
        " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ("Async Tuesdays", "Fewer status meetings give pilot teams more deep work",
         "deep_work_protection_rate", "satisfaction_and_burnout,decision_velocity,meeting_load",
         BASELINE_START.isoformat(), BASELINE_DAYS, INTERVENTION_DAYS, FOLLOW_UP_DAYS, K,
         "review", now, now),
    )
    pilot_id = 1
    for key, direction in (("wellbeing", "higher_is_better"), ("commute", "lower_is_better")):
        db.execute(
            "INSERT INTO custom_metrics (key, label, direction, min_value, max_value, created_at)"
            " VALUES (?, ?, ?, 0, 10, ?)", (key, key.title(), direction, now))

    person_ids, team_ids, working = {}, {}, {}
    for team_name, (arm, _) in TEAMS.items():
        cursor = db.execute(
            "INSERT INTO teams (name, department_id, created_at, updated_at) VALUES (?, 1, ?, ?)",
            (team_name, now, now))
        team_ids[team_name] = cursor.lastrowid
        db.execute(
            "INSERT INTO pilot_teams (pilot_id, team_id, arm, volunteered, created_at)"
            " VALUES (?, ?, ?, ?, ?)", (pilot_id, cursor.lastrowid, arm, arm == "pilot", now))
    for team_name, (_, members) in TEAMS.items():
        for member in members + ([LATE_JOINER] if team_name == "Delta" else []):
            key, days = (member, None) if isinstance(member, str) else member
            columns = "email, display_name, created_at, updated_at"
            values = [f"{key}@example.org", key.upper(), now, now]
            if days:
                columns += ", working_days"
                values.append(days)
            cursor = db.execute(
                f"INSERT INTO people ({columns}) VALUES ({', '.join('?' * len(values))})", values)
            person = person_ids[key] = cursor.lastrowid
            working[key] = {WEEKDAYS.index(d) for d in (days or "mon,tue,wed,thu,fri").split(",")}
            team = team_ids[team_name]
            if key == LATE_JOINER:
                db.execute("INSERT INTO team_memberships (person_id, team_id, joined_at)"
                           " VALUES (?, ?, ?)", (person, team, stamp(dt.date(2026, 1, 10))))
                db.execute("INSERT INTO consents (pilot_id, person_id, team_id, consented_at)"
                           " VALUES (?, ?, ?, ?)", (pilot_id, person, team, now))
                continue
            left = stamp(MOVE_DAY, 0, 0, 1) if key == MOVER else None
            db.execute("INSERT INTO team_memberships (person_id, team_id, joined_at, left_at)"
                       " VALUES (?, ?, ?, ?)", (person, team, stamp(dt.date(2025, 6, 1)), left))
            if key == MOVER:
                db.execute("INSERT INTO team_memberships (person_id, team_id, joined_at)"
                           " VALUES (?, ?, ?)", (person, team_ids["Delta"], stamp(MOVE_DAY)))
            db.execute("INSERT INTO pilot_members (pilot_id, person_id, team_id) VALUES (?, ?, ?)",
                       (pilot_id, person, team))
            if key not in NEVER_CONSENTED:
                withdrawn = stamp(dt.date(2026, 2, 10), 15) if key in WITHDRAWN else None
                db.execute("INSERT INTO consents (pilot_id, person_id, team_id, consented_at,"
                           " withdrawn_at) VALUES (?, ?, ?, ?, ?)",
                           (pilot_id, person, team, now, withdrawn))

    add_charters(db, team_ids, now)
    add_entries(db, rng, person_ids, working, now)
    add_decisions(db, rng, team_ids, now)
    db.commit()
    db.close()


def add_charters(db, team_ids, now):
    # (team, version, effective_from, current_norms, {channel: reply hours})
    charters = [
        ("Alpha", 1, dt.date(2026, 1, 5), True, {"chat": 4, "email": 24}),
        ("Alpha", 2, dt.date(2026, 1, 19), False, {"chat": 8, "email": 24, "docs": 48}),
        ("Bravo", 1, dt.date(2026, 1, 19), False, {"chat": 6, "email": 48}),  # no baseline
        ("Charlie", 1, dt.date(2025, 12, 1), True, {"chat": 2, "email": 12}),
        ("Delta", 1, dt.date(2025, 12, 1), True, {"chat": 3, "email": 24}),
        ("Delta", 2, dt.date(2026, 2, 9), False, {"chat": 1.5}),  # email no longer named
        ("Echo", 1, dt.date(2025, 12, 1), True, {"chat": 4}),
    ]
    for team, version, effective_from, current_norms, channels in charters:
        cursor = db.execute(
            "INSERT INTO team_charters (team_id, version, effective_from, current_norms,"
            " created_at) VALUES (?, ?, ?, ?, ?)",
            (team_ids[team], version, effective_from.isoformat(), int(current_norms), now))
        for position, (channel, hours) in enumerate(channels.items()):
            db.execute("INSERT INTO charter_channels (charter_id, position, channel, reply_hours)"
                       " VALUES (?, ?, ?, ?)", (cursor.lastrowid, position, channel, float(hours)))


def add_entries(db, rng, person_ids, working, now):
    first = BASELINE_START - dt.timedelta(days=3)  # a few days before the baseline: ignored
    last = BASELINE_START + dt.timedelta(
        days=BASELINE_DAYS + INTERVENTION_DAYS + FOLLOW_UP_DAYS + 2)  # and after: ignored
    follow_up_start = BASELINE_START + dt.timedelta(days=BASELINE_DAYS + INTERVENTION_DAYS)
    pulse_days = {dt.date(2026, 1, 16), dt.date(2026, 2, 13)}
    rows = []

    def add(key, day, measure, value, qualifier=""):
        rows.append((person_ids[key], day.isoformat(), measure, qualifier, float(value),
                     "form", now, now))

    for key in person_ids:
        shift = rng.uniform(-0.5, 0.5)  # a person's own level
        for offset in range((last - first).days + 1):
            day = first + dt.timedelta(days=offset)
            follow_up = day >= follow_up_start
            works = day.weekday() in working[key]
            if works:
                hours = MEETING_HOURS[key][1 if follow_up else 0]
                if key == MOVER and day >= MOVE_DAY:
                    hours = MOVER_HOURS_AFTER_MOVE
                add(key, day, "meeting_hours", hours)  # a calendar import: every working day
                add(key, day, "calendar_focus_hours", max(0, round(4 + shift + rng.gauss(
                    0.4 if follow_up else 0, 1), 1)))
            if day in pulse_days:
                add_pulse(add, rng, key, day, shift, follow_up)
            # Check-ins: most working days, now and then a weekend day.
            if not (works and rng.random() < 0.8) and not (not works and rng.random() < 0.05):
                continue
            for part in ("morning", "afternoon", "evening"):
                chance = {"morning": 0.9, "afternoon": 0.6, "evening": 0.15}[part]
                if rng.random() < chance:
                    energy = min(5, max(1, round(3 + shift + rng.gauss(0.3 * follow_up, 1))))
                    add(key, day, "energy", energy, part)
            if rng.random() < 0.85:
                planned = rng.choice([2, 3, 4, 5])
                achieved = max(0, round(planned * rng.uniform(0.3, 1.3) + 0.5 * follow_up, 1))
                add(key, day, "focus_planned_hours", planned)
                add(key, day, "focus_achieved_hours", achieved)
            elif rng.random() < 0.5:
                add(key, day, "focus_planned_hours", rng.choice([2, 3]))  # no achieved: skipped
            if rng.random() < 0.7:
                meetings = rng.randint(0, 6)
                add(key, day, "meetings", meetings)
                add(key, day, "asyncable_meetings", rng.randint(0, meetings))
            for channel in ("chat", "email", "phone"):
                if rng.random() < 0.4:
                    add(key, day, "felt_reply_hours",
                        round(rng.uniform(0.25, 30 if channel == "email" else 6), 2), channel)
            if rng.random() < 0.3:
                add(key, day, "custom:wellbeing", rng.randint(3, 9))
    db.executemany(
        "INSERT INTO entries (person_id, entry_date, measure, qualifier, value, source,"
        " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)


def add_pulse(add, rng, key, day, shift, follow_up):
    for rater in ("self", "manager"):
        if rater == "self" or rng.random() < 0.7:
            add(key, day, "contribution_quality",
                min(5, max(1, round(3.5 + shift + rng.gauss(0, 0.8)))), rater)
    for statement in range(1, 7):
        if rng.random() < 0.9:
            add(key, day, "cultural_alignment",
                min(5, max(1, round(3 + shift + 0.4 * follow_up + rng.gauss(0, 1)))),
                f"s{statement}")
    add(key, day, "satisfaction", min(10, max(0, round(6.5 + shift + rng.gauss(0, 1.5)))))
    add(key, day, "burnout", 1 if rng.random() < 0.25 else 0)


def add_decisions(db, rng, team_ids, now):
    baseline_days = [BASELINE_START + dt.timedelta(days=d) for d in range(2, 12)]
    follow_up_start = BASELINE_START + dt.timedelta(days=BASELINE_DAYS + INTERVENTION_DAYS)
    follow_up_days = [follow_up_start + dt.timedelta(days=d) for d in range(1, 12)]
    plan = {  # team: (decided in baseline, decided in follow-up)
        "Alpha": (4, 5), "Bravo": (3, 4), "Charlie": (5, 3), "Delta": (4, 2), "Echo": (4, 4),
    }
    rows = []
    for team, counts in plan.items():
        for days, count in zip((baseline_days, follow_up_days), counts):
            for index in range(count):
                decided = dt.datetime.combine(rng.choice(days), dt.time(rng.randint(8, 17),
                                                                        rng.choice([0, 30])))
                raised = decided - dt.timedelta(minutes=rng.randint(60, 60 * 24 * 6))
                rows.append((team_ids[team], rng.choice(["rfc", "adr", "vote"]),
                             stamp(raised.date(), raised.hour, raised.minute, index),
                             stamp(decided.date(), decided.hour, decided.minute, index + 1),
                             int(rng.random() < 0.6)))
        # One still open and one decided during the intervention: neither counts.
        rows.append((team_ids[team], "rfc", stamp(follow_up_days[0]), None, 0))
        rows.append((team_ids[team], "rfc", stamp(dt.date(2026, 1, 18), 10),
                     stamp(dt.date(2026, 1, 20), 10), 1))
    db.executemany(
        "INSERT INTO decisions (team_id, title, process_type, raised_at, decided_at, documented,"
        " source, created_at, updated_at) VALUES (?, 'A decision', ?, ?, ?, ?, 'form', ?, ?)",
        [row + (now, now) for row in rows])


if __name__ == "__main__":
    build(sys.argv[1])
