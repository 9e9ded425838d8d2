#!/usr/bin/env python3
"""Tests of the checker itself: builds the test database (make_test_db.py), checks meeting_load
against figures worked out by hand, re-derives it through plain SQL, checks the section 1
exclusions, the interim cut and the compare command.

    python3 test_checker.py
"""

import copy
import datetime as dt
import io
import json
import math
import os
import sqlite3
import tempfile
import unittest
from contextlib import redirect_stdout

import check_report
import make_test_db

TMP = tempfile.mkdtemp(prefix="checker-")
DB = os.path.join(TMP, "test.sqlite")
make_test_db.build(DB)
REPORT = check_report.compute_report(DB, 1, dt.date(2026, 3, 1))


def metric(report, key):
    return next(m for m in report["metrics"] if m["metric"] == key)


def team(report, key, name):
    return next(t for t in metric(report, key)["teams"] if t["team"] == name)


def near(a, b, rel=1e-12):
    return abs(a - b) <= rel * max(abs(a), abs(b), 1e-300)


class MeetingLoadByHand(unittest.TestCase):
    """meeting_load = mean daily meeting hours × 5, and the test data holds each person's hours
    constant per phase (make_test_db.MEETING_HOURS), so every value is 5 × those hours.

    Alpha (a6 withdrew):      b = 10, 15, 12.5, 20, 15      f = 7.5, 10, 10, 15, 12.5
                              d = −2.5, −5, −2.5, −5, −2.5   Δ = −17.5/5 = −3.5
    Bravo:                    b = 15, 15, 10, 10, 20         f = 10, 12.5, 5, 7.5, 15
                              d = −5, −2.5, −5, −2.5, −5     Δ = −20/5 = −4
    Charlie (c6 no consent,   b = 10, 15, 15, 20, 10         f = 10, 17.5, 12.5, 20, 10
      c5 moves on 02-09:      d = 0, 2.5, −2.5, 0, 0         Δ = 0
      his 8 h days after the move do not count)
    Delta (d6 joined late):   d = 2.5, 0, 0, 2.5, 0          Δ = 1
    Echo: 3 people < k = 5, left out.
    """

    def test_alpha_team_row(self):
        row = team(REPORT, "meeting_load", "Alpha")
        self.assertEqual(row["n"], 5)
        self.assertAlmostEqual(row["baseline"]["mean"], 72.5 / 5, places=12)
        self.assertEqual(row["baseline"]["median"], 15)
        self.assertEqual(row["follow_up"]["median"], 10)
        self.assertAlmostEqual(row["change"], -3.5, places=12)
        # d − mean(d) = 1, −1.5, 1, −1.5, 1: Σ² = 7.5, var = 7.5/4, se = √(1.875/5) = √0.375
        self.assertTrue(near(row["se"], math.sqrt(0.375)))
        self.assertTrue(near(row["t"], -3.5 / math.sqrt(0.375)))
        self.assertEqual(row["df"], 4)
        self.assertTrue(near(row["relative_change"], -3.5 / 14.5))

    def test_pilot_arm_pools_people(self):
        arm = metric(REPORT, "meeting_load")["arms"]["pilot"]
        self.assertEqual(arm["n"], 10)
        self.assertTrue(near(arm["baseline"]["mean"], 142.5 / 10))
        self.assertTrue(near(arm["change"], -3.75))
        # d is −2.5 five times and −5 five times: deviations ±1.25, var = 10·1.5625/9,
        # se = √(var/10) = 5/12, t = −3.75 / (5/12) = −9
        self.assertTrue(near(arm["se"], 5 / 12))
        self.assertTrue(near(arm["t"], -9.0))
        self.assertTrue(near(arm["relative_change"], -3.75 / 14.25))

    def test_difference_in_differences(self):
        did = metric(REPORT, "meeting_load")["did"]
        # Δ pilot = −3.5, −4; Δ comparison = 0, 1
        self.assertTrue(near(did["estimate"], -3.75 - 0.5))
        # var(−3.5, −4)/2 = 0.125/2, var(0, 1)/2 = 0.5/2: se = √0.3125
        self.assertTrue(near(did["se"], math.sqrt(0.3125)))
        # df = 0.3125² / (0.0625² + 0.25²) = 0.09765625 / 0.06640625 = 25/17
        self.assertTrue(near(did["df"], 25 / 17))
        # 6 relabellings; |estimate| ≥ 4.25 only for the observed one and its mirror
        self.assertEqual(did["permutations"], 6)
        self.assertTrue(near(did["p_permutation"], 1 / 3))
        self.assertTrue(near(did["min_attainable_p"], 1 / 3))
        self.assertEqual(did["p"], did["p_permutation"])
        self.assertFalse(metric(REPORT, "meeting_load")["observational"])

    def test_small_team_is_left_out(self):
        row = team(REPORT, "meeting_load", "Echo")
        self.assertEqual(row["left_out"], True)
        self.assertEqual(row["reason"], "fewer than 5 people")
        self.assertNotIn("n", row)


class MeetingLoadThroughSql(unittest.TestCase):
    """The same person values by a second route: one SQL query per person with the section 1
    rules written as SQL."""

    QUERY = """
        SELECT 5 * AVG(e.value), COUNT(*)
        FROM entries e
        JOIN people p ON p.id = e.person_id
        JOIN pilot_members pm ON pm.person_id = e.person_id AND pm.pilot_id = 1
        JOIN consents c ON c.person_id = e.person_id AND c.pilot_id = 1
             AND c.team_id = pm.team_id AND c.withdrawn_at IS NULL
        WHERE p.email = ? AND e.measure = 'meeting_hours' AND e.entry_date BETWEEN ? AND ?
          AND EXISTS (SELECT 1 FROM team_memberships tm
                      WHERE tm.person_id = e.person_id AND tm.team_id = pm.team_id
                        AND substr(tm.joined_at, 1, 10) <= e.entry_date
                        AND (tm.left_at IS NULL OR e.entry_date < substr(tm.left_at, 1, 10)))
    """

    def test_person_values(self):
        db = sqlite3.connect(DB)
        data = check_report.PilotData(db, 1, dt.date(2026, 3, 1))
        by_email = dict(db.execute("SELECT email, id FROM people"))
        for key in make_test_db.MEETING_HOURS:
            person = by_email[f"{key}@example.org"]
            for phase in check_report.PHASES:
                first, last = data.windows[phase]
                value, count = db.execute(
                    self.QUERY, (f"{key}@example.org", first.isoformat(), last.isoformat())
                ).fetchone()
                ours = (check_report.person_value(data, "meeting_load", person, phase)
                        if person in data.team_of else None)
                self.assertEqual(ours is None, value is None, (key, phase))
                if value is not None:
                    self.assertTrue(near(ours, value), (key, phase, ours, value))

    def test_exclusions(self):
        db = sqlite3.connect(DB)
        data = check_report.PilotData(db, 1, dt.date(2026, 3, 1))
        ids = {email.split("@")[0]: pid for email, pid in db.execute("SELECT email, id FROM people")}
        for excluded in ("a6", "c6", "d6"):  # withdrew, never consented, joined late
            self.assertNotIn(ids[excluded], data.team_of)
        mover = ids["c5"]
        self.assertEqual(check_report.person_value(data, "meeting_load", mover, "follow_up"), 10)
        self.assertTrue(all(e.day < make_test_db.MOVE_DAY
                            for e in data.entries[mover]["follow_up"]))


class OtherRules(unittest.TestCase):
    def test_timestamps_in_both_spellings(self):
        parse = check_report.parse_timestamp
        utc = dt.timezone.utc
        self.assertEqual(parse("2026-01-05T09:00:00+00:00"), dt.datetime(2026, 1, 5, 9, tzinfo=utc))
        self.assertEqual(parse("2026-01-05 09:00:00 +00:00"), dt.datetime(2026, 1, 5, 9, tzinfo=utc))
        self.assertEqual(parse("2026-01-05T09:00:00.250Z").microsecond, 250000)
        self.assertEqual(parse("2026-01-05T23:30:00-02:00"), dt.datetime(2026, 1, 6, 1, 30,
                                                                          tzinfo=utc))
        self.assertEqual(parse("2026-01-05"), dt.datetime(2026, 1, 5, 12, tzinfo=utc))
        self.assertEqual(parse("2026-01-05 09:00:00"), dt.datetime(2026, 1, 5, 9, tzinfo=utc))

    def test_working_days(self):
        self.assertEqual(check_report.parse_working_days("tue,sat,sun"), {1, 5, 6})
        self.assertEqual(check_report.parse_working_days(""), {0, 1, 2, 3, 4})
        self.assertEqual(check_report.parse_working_days("mon,funday"), {0, 1, 2, 3, 4})

    def test_roles_and_order(self):
        keys = [(m["metric"], m["role"]) for m in REPORT["metrics"]]
        self.assertEqual(keys[:5], [
            ("deep_work_protection_rate", "primary"), ("satisfaction", "guardrail"),
            ("burnout_signs", "guardrail"), ("decision_velocity", "guardrail"),
            ("meeting_load", "guardrail")])
        self.assertEqual(keys[-2:], [("custom:commute", "other"), ("custom:wellbeing", "other")])
        self.assertEqual(len(keys), len(check_report.CATALOGUE) + 2)

    def test_q_values_only_on_guardrails(self):
        for m in REPORT["metrics"]:
            holders = [m["did"]] if m["did"] else []
            holders += [g for g in m["arms"].values() if g and not g.get("left_out")]
            holders += [t for t in m["teams"] if not t.get("left_out")]
            q = [h["q_value"] for h in holders if h["q_value"] is not None]
            if m["role"] != "guardrail":
                self.assertEqual(q, [], m["metric"])
            elif check_report.verdict_p(m) is not None:
                self.assertEqual(len(q), 1, m["metric"])

    def test_interim_cuts_participation_at_today(self):
        today = dt.date(2026, 2, 8)  # the follow-up's first week only
        report = check_report.compute_report(DB, 1, today)
        self.assertTrue(report["interim"])
        db = sqlite3.connect(DB)
        data = check_report.PilotData(db, 1, today)
        a1 = dict(db.execute("SELECT email, id FROM people"))["a1@example.org"]
        checkins = {e.day for e in data.entries[a1]["follow_up"]
                    if e.measure in check_report.CHECKIN_MEASURES and e.day <= today
                    and e.day.weekday() < 5}
        value = check_report.person_value(data, "participation", a1, "follow_up")
        self.assertTrue(near(value, len(checkins) / 5))  # Mon 02-02 … Fri 02-06

    def test_heatmap_respects_k(self):
        for block in REPORT["energy_heatmap"]:
            for cell in block["cells"]:
                self.assertGreaterEqual(cell["n"], REPORT["privacy_k"])


class Compare(unittest.TestCase):
    def run_compare(self, actual):
        expected_path = os.path.join(TMP, "expected.json")
        actual_path = os.path.join(TMP, "actual.json")
        with open(expected_path, "w") as file:
            json.dump(REPORT, file)
        with open(actual_path, "w") as file:
            json.dump(actual, file)
        out = io.StringIO()
        with redirect_stdout(out):
            code = check_report.main(["compare", "--expected", expected_path,
                                      "--actual", actual_path])
        return code, out.getvalue()

    def test_identical_reports_agree(self):
        code, out = self.run_compare(REPORT)
        self.assertEqual(code, 0, out)

    def test_tolerance(self):
        actual = copy.deepcopy(REPORT)
        metric(actual, "meeting_load")["did"]["se"] *= 1 + 1e-11
        self.assertEqual(self.run_compare(actual)[0], 0)
        metric(actual, "meeting_load")["did"]["se"] *= 1 + 1e-8
        code, out = self.run_compare(actual)
        self.assertEqual(code, 1)
        self.assertIn("metrics[meeting_load].did.se", out)

    def test_null_and_sets(self):
        actual = copy.deepcopy(REPORT)
        metric(actual, "meeting_load")["did"]["p_welch"] = None
        metric(actual, "energy_pattern")["teams"].pop()
        actual["energy_heatmap"][0]["cells"].pop()
        code, out = self.run_compare(actual)
        self.assertEqual(code, 1)
        self.assertIn("did.p_welch", out)
        self.assertIn("metrics[energy_pattern].teams[", out)
        self.assertIn("cells[", out)

    def test_privacy_failures(self):
        actual = copy.deepcopy(REPORT)
        shown = copy.deepcopy(team(actual, "meeting_load", "Alpha"))
        echo = team(actual, "meeting_load", "Echo")
        echo_id = echo["team_id"]
        echo.clear()
        echo.update(shown, team_id=echo_id, team="Echo", n=3)
        actual["energy_heatmap"][0]["cells"].append(
            {"weekday": "sat", "part_of_day": "evening", "mean": 3.0, "n": 2})
        code, out = self.run_compare(actual)
        self.assertEqual(code, 1)
        self.assertEqual(out.count("PRIVACY"), 2, out)


if __name__ == "__main__":
    unittest.main(verbosity=2)
