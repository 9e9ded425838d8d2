#!/usr/bin/env python3
"""An independent reading of METHOD.md: the pilot report, computed from the app's
SQLite database, and a comparison of two report JSONs.

    check_report.py compute --db PATH.sqlite --pilot ID [--today YYYY-MM-DD]
    check_report.py compare --expected A.json --actual B.json

The report's shape is the one in the main README (report section). Every choice this file makes
where METHOD.md is silent is listed in README.md beside it.
"""

import argparse
import datetime as dt
import itertools
import json
import math
import re
import sqlite3
import sys
from fractions import Fraction

from scipy import stats

# --------------------------------------------------------------------------------------------
# The catalogue (METHOD.md sections 3 and 6; the contract's order)
# --------------------------------------------------------------------------------------------

CATALOGUE = [
    "meeting_load",
    "asyncable_share",
    "response_expectation_gap",
    "decision_velocity",
    "documented_decisions",
    "energy_pattern",
    "deep_work_protection_rate",
    "calendar_focus_time",
    "contribution_quality_index",
    "cultural_alignment_score",
    "satisfaction",
    "burnout_signs",
    "participation",
]
LOWER_IS_BETTER = {
    "meeting_load",
    "asyncable_share",
    "response_expectation_gap",
    "burnout_signs",
    "decision_velocity",
}
TEAM_METRICS = {"decision_velocity", "documented_decisions"}
# A stored primary or guardrail that names two report metrics.
EXPANSIONS = {"satisfaction_and_burnout": ["satisfaction", "burnout_signs"]}

CHECKIN_MEASURES = {"energy", "focus_planned_hours", "focus_achieved_hours", "felt_reply_hours"}
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
PARTS_OF_DAY = ["morning", "afternoon", "evening"]
PHASES = ["baseline", "follow_up"]
ARMS = ["pilot", "comparison"]
MAX_PERMUTATIONS = 200_000
PERMUTATION_TOLERANCE = 1e-9
GROUP_FIELDS = [
    "change", "relative_change", "se", "t", "df", "p", "ci_low", "ci_high", "hedges_g", "q_value",
]
DID_FIELDS = [
    "estimate", "se", "t", "df", "p_welch", "ci_low", "ci_high", "p_permutation", "permutations",
    "min_attainable_p", "mde80", "p", "q_value",
]


# --------------------------------------------------------------------------------------------
# Reading stored values
# --------------------------------------------------------------------------------------------

TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})"
    r"(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?"
    r"\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$"
)


def parse_timestamp(text):
    """A stored DateTimeUtc as an aware UTC datetime.

    sqlx writes RFC 3339 ("2026-01-05T09:00:00+00:00", fractional seconds when there are any);
    sea-query's own rendering is "2026-01-05 09:00:00 +00:00". Both are read, as is a bare date
    (12:00 UTC, as METHOD.md section 2 says for decisions) and a timestamp without an offset (UTC).
    """
    text = text.strip()
    match = TIMESTAMP.match(text)
    if not match:
        raise ValueError(f"not a timestamp: {text!r}")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    if hour is None:
        hour, minute = "12", "00"
    micro = int((fraction or "0").ljust(6, "0")[:6])
    zone = dt.timezone.utc
    if offset not in (None, "Z", "UTC"):
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:4] or 0)
        zone = dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))
    stamp = dt.datetime(
        int(year), int(month), int(day), int(hour), int(minute), int(second or 0), micro, zone
    )
    return stamp.astimezone(dt.timezone.utc)


def parse_date(text):
    """A stored NaiveDate ("YYYY-MM-DD"; anything after the date is ignored)."""
    return dt.date.fromisoformat(str(text).strip()[:10])


def parse_bool(value):
    if isinstance(value, (int, float)):
        return value != 0
    return str(value).strip().lower() in ("1", "true", "t", "yes")


def parse_working_days(stored):
    """people.working_days ("mon,tue,…"); like WorkingDays::from_stored, anything unreadable
    (an unknown day, or no day at all) means Monday to Friday."""
    days = [day.strip().lower() for day in (stored or "").split(",") if day != ""]
    if not days or any(day not in WEEKDAYS for day in days):
        return {0, 1, 2, 3, 4}
    return {WEEKDAYS.index(day) for day in days}


def days_between(first, last):
    """Every date from first to last, both included."""
    for offset in range((last - first).days + 1):
        yield first + dt.timedelta(days=offset)


# --------------------------------------------------------------------------------------------
# Plain statistics
# --------------------------------------------------------------------------------------------


def mean(values):
    """The correctly rounded mean (exact arithmetic, one rounding)."""
    return float(sum(map(Fraction, values)) / len(values))


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def sample_sd(values):
    """Sample SD (n − 1), with the sum of squares computed exactly: it is exactly 0 when all
    values are equal, so "se = 0" is decided without rounding noise. None when n < 2."""
    if len(values) < 2:
        return None
    exact = [Fraction(value) for value in values]
    centre = sum(exact) / len(exact)
    variance = sum((value - centre) ** 2 for value in exact) / (len(exact) - 1)
    return math.sqrt(variance)


def two_sided_p(t_value, df):
    return float(2 * stats.t.sf(abs(t_value), df))


def t_quantile(q, df):
    return float(stats.t.ppf(q, df))


def close(a, b, rel=1e-12, abs_=1e-15):
    return abs(a - b) <= max(rel * abs(b), abs_)


def benjamini_hochberg(p_values):
    """q_(i) = min over j ≥ i of m·p_(j)/j, capped at 1, in the input's order."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    q = [0.0] * m
    running = 1.0
    for rank in range(m, 0, -1):
        index = order[rank - 1]
        running = min(running, m * p_values[index] / rank)
        q[index] = running
    return q


# --------------------------------------------------------------------------------------------
# Section 4: before and after for a group
# --------------------------------------------------------------------------------------------


def describe(values):
    if not values:
        return {"mean": None, "median": None, "sd": None}
    return {"mean": mean(values), "median": median(values), "sd": sample_sd(values)}


def paired_group(pairs):
    """The section 4 figures for paired (baseline, follow_up) values."""
    n = len(pairs)
    group = {"n": n}
    baseline = [b for b, _ in pairs]
    follow_up = [f for _, f in pairs]
    group["baseline"] = describe(baseline)
    group["follow_up"] = describe(follow_up)
    for field in GROUP_FIELDS:
        group[field] = None
    if n == 0:
        return group

    differences = [f - b for b, f in pairs]
    change = mean(differences)
    group["change"] = change
    mean_b = group["baseline"]["mean"]
    group["relative_change"] = change / mean_b if mean_b != 0 else None
    if n < 2:
        return group

    df = n - 1
    se = sample_sd(differences) / math.sqrt(n)
    group["se"] = se
    group["df"] = df
    if se > 0:
        t_value = change / se
        half_width = t_quantile(0.975, df) * se
        group["t"] = t_value
        group["p"] = two_sided_p(t_value, df)
        group["ci_low"] = change - half_width
        group["ci_high"] = change + half_width
        check_paired_against_scipy(follow_up, baseline, t_value, group["p"])

    sd_b, sd_f = group["baseline"]["sd"], group["follow_up"]["sd"]
    pooled = math.sqrt((sd_b**2 + sd_f**2) / 2)
    if n >= 3 and pooled > 0:
        group["hedges_g"] = change / pooled * (1 - 3 / (4 * df - 1))
    return group


def check_paired_against_scipy(follow_up, baseline, t_value, p):
    result = stats.ttest_rel(follow_up, baseline)
    cross_check("ttest_rel statistic", float(result.statistic), t_value)
    cross_check("ttest_rel pvalue", float(result.pvalue), p)


def cross_check(what, scipy_value, own_value):
    """Our formulas against scipy's; a disagreement is reported, not fatal (scipy's variance
    is not computed exactly, so a nearly constant sample can drift)."""
    if not close(scipy_value, own_value, 1e-9, 1e-300):
        print(f"warning: {what}: scipy {scipy_value!r}, ours {own_value!r}", file=sys.stderr)


# --------------------------------------------------------------------------------------------
# Section 5: difference in differences over team deltas
# --------------------------------------------------------------------------------------------


def welch(x, y):
    """Own Welch formulas, cross-checked against scipy.stats.ttest_ind(equal_var=False)."""
    vx, vy = sample_sd(x) ** 2 / len(x), sample_sd(y) ** 2 / len(y)
    se = math.sqrt(vx + vy)
    if se == 0:
        return se, None, None, None
    estimate = mean(x) - mean(y)
    t_value = estimate / se
    df = (vx + vy) ** 2 / (vx**2 / (len(x) - 1) + vy**2 / (len(y) - 1))
    p = two_sided_p(t_value, df)
    result = stats.ttest_ind(x, y, equal_var=False)
    cross_check("ttest_ind statistic", float(result.statistic), t_value)
    cross_check("ttest_ind pvalue", float(result.pvalue), p)
    cross_check("ttest_ind df", float(result.df), df)
    return se, t_value, df, p


def permutation_test(x, y):
    """Every relabelling of the teams with the same arm sizes, the observed one included."""
    count = math.comb(len(x) + len(y), len(x))
    if count > MAX_PERMUTATIONS:
        return None, count
    pooled = list(x) + list(y)
    everyone = range(len(pooled))
    threshold = abs(mean(x) - mean(y)) * (1 - PERMUTATION_TOLERANCE)
    extreme = 0
    for chosen in itertools.combinations(everyone, len(x)):
        first = [pooled[i] for i in chosen]
        second = [pooled[i] for i in everyone if i not in chosen]
        # fsum-based means here (fast); they differ from exact ones by an ulp at most, far
        # inside the 1e-9 tolerance.
        estimate = math.fsum(first) / len(first) - math.fsum(second) / len(second)
        if abs(estimate) >= threshold:
            extreme += 1
    return extreme / count, count


def difference_in_differences(pilot_deltas, comparison_deltas):
    x, y = pilot_deltas, comparison_deltas
    estimate = mean(x) - mean(y)
    se, t_value, df, p_welch = welch(x, y)
    did = {field: None for field in DID_FIELDS}
    did["estimate"] = estimate
    did["se"] = se
    if se > 0:
        t975 = t_quantile(0.975, df)
        did.update(
            t=t_value,
            df=df,
            p_welch=p_welch,
            ci_low=estimate - t975 * se,
            ci_high=estimate + t975 * se,
            mde80=(t975 + t_quantile(0.80, df)) * se,
        )
    p_permutation, count = permutation_test(x, y)
    did["p_permutation"] = p_permutation
    did["permutations"] = count
    did["min_attainable_p"] = (2 if len(x) == len(y) else 1) / count
    did["p"] = p_permutation if p_permutation is not None else p_welch
    return did


# --------------------------------------------------------------------------------------------
# The pilot's data, as section 1 counts it
# --------------------------------------------------------------------------------------------


class Entry:
    __slots__ = ("day", "measure", "qualifier", "value")

    def __init__(self, day, measure, qualifier, value):
        self.day, self.measure, self.qualifier, self.value = day, measure, qualifier, value


class PilotData:
    def __init__(self, db, pilot_id, today):
        self.db = db
        self.today = today
        self.load_pilot(pilot_id)
        self.load_teams()
        self.load_members()
        self.load_entries()
        self.load_charters()
        self.load_decisions()
        self.custom = {
            f"custom:{key}": direction
            for key, direction in db.execute("SELECT key, direction FROM custom_metrics")
        }

    # -- the pilot and its windows ---------------------------------------------------------

    def load_pilot(self, pilot_id):
        row = self.db.execute(
            "SELECT id, name, hypothesis, primary_metric, guardrail_metrics, baseline_start, "
            "baseline_days, intervention_days, follow_up_days, privacy_k, stage "
            "FROM pilots WHERE id = ?",
            (pilot_id,),
        ).fetchone()
        if row is None:
            raise SystemExit(f"no pilot {pilot_id}")
        (self.id, self.name, self.hypothesis, self.primary, guardrails, start,
         baseline_days, intervention_days, follow_up_days, self.k, self.stage) = row
        # "default 5, never below 3" (section 7): the app refuses other values; read defensively.
        self.k = max(3, self.k if self.k is not None else 5)
        self.guardrails = [name.strip() for name in guardrails.split(",") if name.strip()]
        # Back to back, each window starting the day after the previous one ends (plan.rs).
        self.windows = {}
        first = parse_date(start)
        for phase, days in (("baseline", baseline_days), ("intervention", intervention_days),
                            ("follow_up", follow_up_days)):
            last = first + dt.timedelta(days=days - 1)
            self.windows[phase] = (first, last)
            first = last + dt.timedelta(days=1)

    def phase_of(self, day):
        for phase in PHASES:
            first, last = self.windows[phase]
            if first <= day <= last:
                return phase
        return None

    # -- teams, frozen members, consent, stays --------------------------------------------

    def load_teams(self):
        self.arm_of = {}
        self.team_name = {}
        for team_id, arm, name in self.db.execute(
            "SELECT pt.team_id, pt.arm, t.name FROM pilot_teams pt "
            "JOIN teams t ON t.id = pt.team_id WHERE pt.pilot_id = ?",
            (self.id,),
        ):
            self.arm_of[team_id] = arm
            self.team_name[team_id] = name

    def load_members(self):
        # The frozen membership: who was in which pilot team when the baseline started.
        self.frozen_team = {}
        self.frozen_count = {team: 0 for team in self.arm_of}
        for person, team in self.db.execute(
            "SELECT person_id, team_id FROM pilot_members WHERE pilot_id = ?", (self.id,)
        ):
            if team in self.arm_of:
                self.frozen_team[person] = team
                self.frozen_count[team] += 1

        # Counted people: consented through their frozen team, never withdrawn.
        self.team_of = {}
        for person, team, withdrawn_at in self.db.execute(
            "SELECT person_id, team_id, withdrawn_at FROM consents WHERE pilot_id = ?",
            (self.id,),
        ):
            if self.frozen_team.get(person) == team and not withdrawn_at:
                self.team_of[person] = team

        self.stays = {person: [] for person in self.team_of}
        for person, team, joined_at, left_at in self.db.execute(
            "SELECT person_id, team_id, joined_at, left_at FROM team_memberships"
        ):
            if self.team_of.get(person) == team:
                joined = parse_timestamp(joined_at).date()
                left = parse_timestamp(left_at).date() if left_at else None
                self.stays[person].append((joined, left))

        self.working_days = {}
        for person, stored in self.db.execute("SELECT id, working_days FROM people"):
            if person in self.team_of:
                self.working_days[person] = parse_working_days(stored)

    def in_team(self, person, day):
        """A move dated D takes effect on D: in the team from joined_on up to, not
        including, left_on."""
        return any(
            joined <= day and (left is None or day < left) for joined, left in self.stays[person]
        )

    # -- entries -----------------------------------------------------------------------------

    def load_entries(self):
        self.entries = {person: {phase: [] for phase in PHASES} for person in self.team_of}
        for person, day, measure, qualifier, value in self.db.execute(
            "SELECT person_id, entry_date, measure, qualifier, value FROM entries"
        ):
            if person not in self.team_of:
                continue
            day = parse_date(day)
            phase = self.phase_of(day)
            if phase is None or not self.in_team(person, day):
                continue
            self.entries[person][phase].append(Entry(day, measure, qualifier or "", float(value)))

    # -- team entries: charters and decisions ---------------------------------------------

    def load_charters(self):
        self.charters = {team: [] for team in self.arm_of}
        channels = {}
        for charter_id, channel, reply_hours in self.db.execute(
            "SELECT charter_id, channel, reply_hours FROM charter_channels"
        ):
            channels.setdefault(charter_id, {})[channel] = float(reply_hours)
        for charter_id, team, version, effective_from in self.db.execute(
            "SELECT id, team_id, version, effective_from FROM team_charters"
        ):
            if team in self.charters:
                self.charters[team].append(
                    (parse_date(effective_from), version, channels.get(charter_id, {}))
                )

    def charter_in_force(self, team, day):
        """The version with the latest effective_from on or before day (ties: the higher
        version number); None when no version is in force yet."""
        candidates = [c for c in self.charters[team] if c[0] <= day]
        if not candidates:
            return None
        return max(candidates, key=lambda c: (c[0], c[1]))[2]

    def load_decisions(self):
        # Per team and phase: (hours from raised to decided, documented, process type).
        self.decisions = {team: {phase: [] for phase in PHASES} for team in self.arm_of}
        for team, process_type, raised_at, decided_at, documented in self.db.execute(
            "SELECT team_id, process_type, raised_at, decided_at, documented FROM decisions"
        ):
            if team not in self.decisions or not decided_at:
                continue
            raised, decided = parse_timestamp(raised_at), parse_timestamp(decided_at)
            phase = self.phase_of(decided.date())
            if phase is None:
                continue
            hours = (decided - raised) / dt.timedelta(hours=1)
            self.decisions[team][phase].append((hours, parse_bool(documented), process_type))


# --------------------------------------------------------------------------------------------
# Section 3: person–phase and team–phase values
# --------------------------------------------------------------------------------------------


def values_of(entries, measure):
    return [entry.value for entry in entries if entry.measure == measure]


def mean_of(entries, measure, scale=lambda m: m):
    values = values_of(entries, measure)
    return scale(mean(values)) if values else None


def ratio_over_days_with_both(entries, numerator, denominator, combine):
    """Σ combine(num, den) ÷ Σ den over days with both measures; None unless Σ den > 0."""
    by_day = {}
    for entry in entries:
        if entry.measure in (numerator, denominator):
            by_day.setdefault(entry.day, {})[entry.measure] = entry.value
    days = [d for d in by_day.values() if numerator in d and denominator in d]
    total = math.fsum(d[denominator] for d in days)
    if total <= 0:
        return None
    return math.fsum(combine(d[numerator], d[denominator]) for d in days) / total


def response_expectation_gap(data, person, entries):
    team = data.team_of[person]
    gaps = []
    for entry in entries:
        if entry.measure != "felt_reply_hours":
            continue
        charter = data.charter_in_force(team, entry.day)
        if charter is not None and entry.qualifier in charter:
            gaps.append(charter[entry.qualifier] - entry.value)
    return median(gaps) if gaps else None


def participation(data, person, phase, entries):
    first, last = data.windows[phase]
    last = min(last, data.today)
    working = data.working_days[person]
    expected = {
        day
        for day in days_between(first, last)  # empty when today is before the window
        if day.weekday() in working and data.in_team(person, day)
    }
    if not expected:
        return None
    checkin_days = {entry.day for entry in entries if entry.measure in CHECKIN_MEASURES}
    return len(checkin_days & expected) / len(expected)


def person_value(data, metric, person, phase):
    entries = data.entries[person][phase]
    if metric == "energy_pattern":
        return mean_of(entries, "energy")
    if metric == "deep_work_protection_rate":
        return ratio_over_days_with_both(
            entries, "focus_achieved_hours", "focus_planned_hours", min
        )
    if metric == "meeting_load":
        return mean_of(entries, "meeting_hours", lambda m: m * 5)
    if metric == "calendar_focus_time":
        return mean_of(entries, "calendar_focus_hours", lambda m: m * 5)
    if metric == "asyncable_share":
        return ratio_over_days_with_both(
            entries, "asyncable_meetings", "meetings", lambda numerator, _: numerator
        )
    if metric == "response_expectation_gap":
        return response_expectation_gap(data, person, entries)
    if metric == "contribution_quality_index":
        return mean_of(entries, "contribution_quality", lambda m: (m - 1) / 4 * 100)
    if metric == "cultural_alignment_score":
        return mean_of(entries, "cultural_alignment", lambda m: (m - 1) / 4 * 100)
    if metric == "satisfaction":
        return mean_of(entries, "satisfaction")
    if metric == "burnout_signs":
        values = values_of(entries, "burnout")
        return (1.0 if any(value == 1 for value in values) else 0.0) if values else None
    if metric == "participation":
        return participation(data, person, phase, entries)
    if metric.startswith("custom:"):
        return mean_of(entries, metric)
    raise ValueError(f"unknown metric {metric}")


def team_value(data, metric, team, phase):
    decisions = data.decisions[team][phase]
    if len(decisions) < 3:
        return None
    if metric == "decision_velocity":
        return median([hours for hours, _, _ in decisions])
    if metric == "documented_decisions":
        return sum(1 for _, documented, _ in decisions if documented) / len(decisions)
    raise ValueError(f"unknown team metric {metric}")


def team_pairs(data, metric):
    """Per team, the (baseline, follow_up) pairs its figures come from: its paired people, or
    for a team metric the team itself (one pair, or none when a phase lacks a value)."""
    pairs = {team: [] for team in data.arm_of}
    if metric in TEAM_METRICS:
        for team in data.arm_of:
            b, f = (team_value(data, metric, team, phase) for phase in PHASES)
            if b is not None and f is not None:
                pairs[team].append((b, f))
        return pairs
    for person, team in sorted(data.team_of.items()):
        b, f = (person_value(data, metric, person, phase) for phase in PHASES)
        if b is not None and f is not None:
            pairs[team].append((b, f))
    return pairs


def is_kept(data, metric, team, pairs):
    if metric in TEAM_METRICS:
        return data.frozen_count[team] >= data.k
    return len(pairs) >= data.k


# --------------------------------------------------------------------------------------------
# Sections 4–8: the report
# --------------------------------------------------------------------------------------------


def left_out(k):
    return {"left_out": True, "reason": f"fewer than {k} people"}


def ordered_teams(data):
    return sorted(data.arm_of, key=lambda team: (ARMS.index(data.arm_of[team]), team))


def metric_report(data, metric, role, direction):
    pairs = team_pairs(data, metric)
    kept = {team for team in data.arm_of if is_kept(data, metric, team, pairs[team])}

    teams = []
    for team in ordered_teams(data):
        row = {"team_id": team, "team": data.team_name[team], "arm": data.arm_of[team]}
        row.update(paired_group(pairs[team]) if team in kept else left_out(data.k))
        teams.append(row)

    arms = {}
    deltas = {}
    for arm in ARMS:
        arm_teams = [team for team in ordered_teams(data) if data.arm_of[team] == arm]
        kept_teams = [team for team in arm_teams if team in kept]
        if not arm_teams:
            arms[arm] = None
        elif not kept_teams:
            arms[arm] = left_out(data.k)
        else:
            arms[arm] = paired_group([pair for team in kept_teams for pair in pairs[team]])
        deltas[arm] = [mean([f - b for b, f in pairs[team]]) for team in kept_teams if pairs[team]]

    did = None
    if len(deltas["pilot"]) >= 2 and len(deltas["comparison"]) >= 2:
        did = difference_in_differences(deltas["pilot"], deltas["comparison"])
    return {
        "metric": metric,
        "role": role,
        "direction": direction,
        "observational": did is None,
        "arms": arms,
        "teams": teams,
        "did": did,
    }


def metric_roles(data):
    """(metric, role) in report order: primary, guardrails in protocol order, the rest of the
    catalogue, then custom metrics by key."""
    expand = lambda name: EXPANSIONS.get(name, [name])  # noqa: E731
    primary = expand(data.primary)
    guardrails = []
    for name in data.guardrails:
        for metric in expand(name):
            if metric not in primary and metric not in guardrails:
                guardrails.append(metric)
    named = set(primary) | set(guardrails)
    others = [m for m in CATALOGUE if m not in named] + sorted(
        m for m in data.custom if m not in named
    )
    return (
        [(m, "primary") for m in primary]
        + [(m, "guardrail") for m in guardrails]
        + [(m, "other") for m in others]
    )


def direction_of(data, metric):
    if metric in data.custom:
        return data.custom[metric]
    return "lower_is_better" if metric in LOWER_IS_BETTER else "higher_is_better"


def verdict_p(report):
    if report["did"] is not None:
        return report["did"]["p"]
    pilot = report["arms"]["pilot"]
    if pilot is None or pilot.get("left_out"):
        return None
    return pilot["p"]


def add_q_values(metrics):
    guardrails = [m for m in metrics if m["role"] == "guardrail" and verdict_p(m) is not None]
    q_values = benjamini_hochberg([verdict_p(m) for m in guardrails])
    for report, q in zip(guardrails, q_values):
        if report["did"] is not None:
            report["did"]["q_value"] = q
        else:
            report["arms"]["pilot"]["q_value"] = q


def energy_heatmap(data):
    pairs = team_pairs(data, "energy_pattern")
    heatmap = []
    for arm in ARMS:
        arm_teams = [team for team in data.arm_of if data.arm_of[team] == arm]
        if not arm_teams:
            continue
        kept = {t for t in arm_teams if is_kept(data, "energy_pattern", t, pairs[t])}
        people = [p for p, team in sorted(data.team_of.items()) if team in kept]
        for phase in PHASES:
            person_means = {}  # (weekday, part) -> [each person's mean in the cell]
            for person in people:
                cells = {}
                for entry in data.entries[person][phase]:
                    if entry.measure == "energy" and entry.qualifier in PARTS_OF_DAY:
                        key = (entry.day.weekday(), entry.qualifier)
                        cells.setdefault(key, []).append(entry.value)
                for key, values in cells.items():
                    person_means.setdefault(key, []).append(mean(values))
            cells = [
                {"weekday": WEEKDAYS[day], "part_of_day": part,
                 "mean": mean(means), "n": len(means)}
                for (day, part), means in sorted(
                    person_means.items(), key=lambda kv: (kv[0][0], PARTS_OF_DAY.index(kv[0][1]))
                )
                if len(means) >= data.k
            ]
            heatmap.append({"arm": arm, "phase": phase, "cells": cells})
    return heatmap


def compute_report(db_path, pilot_id, today):
    db = sqlite3.connect(db_path)
    data = PilotData(db, pilot_id, today)
    metrics = [
        metric_report(data, metric, role, direction_of(data, metric))
        for metric, role in metric_roles(data)
    ]
    add_q_values(metrics)
    return {
        "pilot": {
            "id": data.id,
            "name": data.name,
            "hypothesis": data.hypothesis,
            "primary_metric": data.primary,
            "guardrail_metrics": data.guardrails,
            "stage": data.stage,
        },
        "privacy_k": data.k,
        "windows": {
            phase: {"first_day": first.isoformat(), "last_day": last.isoformat()}
            for phase, (first, last) in data.windows.items()
        },
        "interim": today <= data.windows["follow_up"][1],
        "metrics": metrics,
        "energy_heatmap": energy_heatmap(data),
    }


# --------------------------------------------------------------------------------------------
# compare
# --------------------------------------------------------------------------------------------

# Lists whose items are matched by a key rather than by position.
LIST_KEYS = {
    "metrics": lambda item: item.get("metric"),
    "teams": lambda item: item.get("team_id"),
    "energy_heatmap": lambda item: (item.get("arm"), item.get("phase")),
    "cells": lambda item: (item.get("weekday"), item.get("part_of_day")),
}


def numbers_equal(expected, actual):
    if expected == 0:
        return abs(actual) <= 1e-12
    return abs(actual - expected) <= 1e-9 * abs(expected)


def is_number(value):
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def compare_values(path, expected, actual, differences, extras):
    if is_number(expected) and is_number(actual):
        if not numbers_equal(expected, actual):
            differences.append((path, expected, actual))
    elif isinstance(expected, dict) and isinstance(actual, dict):
        for key in expected:
            if key not in actual:
                differences.append((f"{path}.{key}", expected[key], "<missing>"))
            else:
                compare_values(f"{path}.{key}", expected[key], actual[key], differences, extras)
        extras.extend(f"{path}.{key}" for key in actual if key not in expected)
    elif isinstance(expected, list) and isinstance(actual, list):
        name = path.rsplit(".", 1)[-1]
        if name in LIST_KEYS:
            compare_keyed(path, name, expected, actual, differences, extras)
        elif len(expected) != len(actual):
            differences.append((path, expected, actual))
        else:
            for index, (e, a) in enumerate(zip(expected, actual)):
                compare_values(f"{path}[{index}]", e, a, differences, extras)
    elif expected != actual or type(expected) is not type(actual):
        differences.append((path, expected, actual))


def compare_keyed(path, name, expected, actual, differences, extras):
    key_of = LIST_KEYS[name]
    expected_by_key = {key_of(item): item for item in expected}
    actual_by_key = {key_of(item): item for item in actual}
    for key, item in expected_by_key.items():
        where = f"{path}[{key}]"
        if key not in actual_by_key:
            differences.append((where, "<present>", "<missing>"))
        else:
            compare_values(where, item, actual_by_key[key], differences, extras)
    for key in actual_by_key:
        if key not in expected_by_key:
            differences.append((f"{path}[{key}]", "<missing>", "<present>"))
    if name == "metrics" and [key_of(i) for i in expected] != [key_of(i) for i in actual]:
        differences.append(
            (f"{path} order", [key_of(i) for i in expected], [key_of(i) for i in actual])
        )


def shows_figures(group):
    """Any number in a group besides its n."""
    if any(is_number(group.get(field)) for field in GROUP_FIELDS):
        return True
    return any(
        is_number(figures.get(name))
        for figures in (group.get(phase) for phase in PHASES)
        if isinstance(figures, dict)
        for name in ("mean", "median", "sd")
    )


def privacy_failures(expected, actual):
    """Figures the privacy rule forbids: a team (or arm) of a person metric shown with n < k,
    a heatmap cell with n < k, or a team the expected report leaves out shown with figures."""
    k = actual.get("privacy_k", expected.get("privacy_k"))
    failures = []
    left_out_expected = {
        (m["metric"], t["team_id"])
        for m in expected.get("metrics", [])
        for t in m.get("teams", [])
        if t.get("left_out")
    }
    for metric in actual.get("metrics", []):
        name = metric.get("metric")
        for team in metric.get("teams", []):
            if team.get("left_out"):
                continue
            where = f"metrics[{name}].teams[{team.get('team_id')}]"
            small = name not in TEAM_METRICS and is_number(team.get("n")) and team["n"] < k
            if (small or (name, team.get("team_id")) in left_out_expected) and shows_figures(team):
                failures.append((where, f"n = {team.get('n')} < k = {k} or left out", "shown"))
        for arm, group in (metric.get("arms") or {}).items():
            if not group or group.get("left_out") or name in TEAM_METRICS:
                continue
            if is_number(group.get("n")) and 0 < group["n"] < k and shows_figures(group):
                failures.append((f"metrics[{name}].arms.{arm}", f"n = {group['n']} < k = {k}",
                                 "shown"))
    for block in actual.get("energy_heatmap", []):
        for cell in block.get("cells", []):
            if is_number(cell.get("n")) and cell["n"] < k:
                failures.append((
                    f"energy_heatmap[{block.get('arm')}, {block.get('phase')}]"
                    f"[{cell.get('weekday')}, {cell.get('part_of_day')}]",
                    f"n = {cell['n']} < k = {k}", "shown"))
    return failures


def compare_reports(expected, actual):
    differences, extras = [], []
    compare_values("$", expected, actual, differences, extras)
    return differences, extras, privacy_failures(expected, actual)


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    compute = commands.add_parser("compute", help="print the report JSON of a pilot")
    compute.add_argument("--db", required=True)
    compute.add_argument("--pilot", required=True, type=int)
    compute.add_argument("--today", type=dt.date.fromisoformat,
                         default=dt.datetime.now(dt.timezone.utc).date())
    compare = commands.add_parser("compare", help="compare two report JSONs")
    compare.add_argument("--expected", required=True)
    compare.add_argument("--actual", required=True)
    args = parser.parse_args(argv)

    if args.command == "compute":
        print(json.dumps(compute_report(args.db, args.pilot, args.today), indent=2))
        return 0

    with open(args.expected) as file:
        expected = json.load(file)
    with open(args.actual) as file:
        actual = json.load(file)
    differences, extras, failures = compare_reports(expected, actual)
    for path, want, got in differences:
        print(f"DIFF    {path}: expected {json.dumps(want)}, actual {json.dumps(got)}")
    for path, want, got in failures:
        print(f"PRIVACY {path}: {want}, {got}")
    if extras:
        print(f"note: {len(extras)} extra field(s) in actual (allowed): "
              + ", ".join(extras[:10]) + (" …" if len(extras) > 10 else ""))
    print(f"{len(differences)} difference(s), {len(failures)} privacy failure(s)")
    return 1 if differences or failures else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # piped into head
        sys.exit(1)
