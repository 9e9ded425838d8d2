#!/usr/bin/env python3
"""Writes reference_values.json: figures straight from scipy (and, where scipy has no function,
from check_report.py's definitions, cross-checked), every float as repr() prints it, so that
Rust unit tests can assert against them.

    make_reference_values.py [OUT.json]   (default: reference_values.json beside this file; the Rust tests read app/src/domain/stats/reference_values.json)
"""

import itertools
import json
import math
import os
import platform
import sys

import numpy
import scipy
from scipy import stats

import check_report as method

T_PPF_Q = [0.975, 0.8, 0.995, 0.9, 0.6]
T_PPF_DF = [1, 2, 3, 4.5, 7, 10, 29, 100, 1000, 3.7654321]
P_X = [0.1, 1.0, 2.0, 2.5, 5.0, 12.0, 40.0]
P_DF = [1, 2, 5, 9, 30, 7.25]
PAIRED = [
    ([3.1, 2.4, 4.0, 3.3, 2.9], [2.5, 2.2, 3.1, 3.4, 2.0]),
    ([10, 12, 9, 11, 14, 13, 10, 12], [9, 12, 7, 10, 11, 13, 8, 10]),
]
WELCH = [
    ([-2.1, -1.5, -3.0, -0.8], [0.2, -0.4, 0.5]),
    ([-1.0, -2.0, -1.5, -2.5, -0.5, -1.8], [0.1, 0.3, -0.2, 0.4, 0.0, -0.1]),
    ([1.5, 2.5], [0.1, 0.9, 0.3]),
]
BH = [[0.01, 0.04, 0.03, 0.20, 0.04], [0.5], [0.001, 0.9, 0.049]]


def agree(a, b, rel=1e-12):
    assert abs(a - b) <= rel * max(abs(a), abs(b)), (a, b)


def numpy_summary(values):
    """mean, median, sd by numpy (ddof=1), checked against check_report's exact versions."""
    array = numpy.asarray(values, dtype=float)
    summary = {
        "mean": float(array.mean()),
        "median": float(numpy.median(array)),
        "sd": float(array.std(ddof=1)),
    }
    agree(summary["mean"], method.mean(values))
    agree(summary["median"], method.median(values))
    agree(summary["sd"], method.sample_sd(values))
    return summary


def paired_case(b, f):
    n = len(b)
    d = [fi - bi for bi, fi in zip(b, f)]
    result = stats.ttest_rel(f, b)  # f first: the statistic is mean(f − b)/se, as the report's t
    df = n - 1
    mean_d = float(numpy.mean(d))
    sd_d = float(numpy.std(d, ddof=1))
    se = sd_d / math.sqrt(n)
    t975 = float(stats.t.ppf(0.975, df))
    sd_b, sd_f = float(numpy.std(b, ddof=1)), float(numpy.std(f, ddof=1))
    hedges_g = mean_d / math.sqrt((sd_b**2 + sd_f**2) / 2) * (1 - 3 / (4 * df - 1))
    ci = result.confidence_interval(0.95)
    agree(float(ci.low), mean_d - t975 * se, 1e-10)
    agree(float(ci.high), mean_d + t975 * se, 1e-10)

    group = method.paired_group(list(zip(b, f)))  # the checker's own route to the same figures
    for key, value in (("t", float(result.statistic)), ("p", float(result.pvalue)),
                       ("se", se), ("hedges_g", hedges_g), ("change", mean_d),
                       ("ci_low", mean_d - t975 * se), ("ci_high", mean_d + t975 * se)):
        agree(group[key], value, 1e-10)
    return {
        "b": b,
        "f": f,
        "d": d,
        "n": n,
        "df": df,
        "ttest_rel_f_b": {"statistic": float(result.statistic), "pvalue": float(result.pvalue)},
        "ttest_rel_b_f": {
            "statistic": float(stats.ttest_rel(b, f).statistic),
            "pvalue": float(stats.ttest_rel(b, f).pvalue),
        },
        "summary_b": numpy_summary(b),
        "summary_f": numpy_summary(f),
        "summary_d": numpy_summary(d),
        "se": se,
        "t975": t975,
        "ci95": {"low": mean_d - t975 * se, "high": mean_d + t975 * se},
        "relative_change": mean_d / float(numpy.mean(b)),
        "hedges_g": hedges_g,
    }


def welch_case(x, y):
    result = stats.ttest_ind(x, y, equal_var=False)
    vx, vy = numpy.var(x, ddof=1) / len(x), numpy.var(y, ddof=1) / len(y)
    se = float(math.sqrt(vx + vy))
    df = float((vx + vy) ** 2 / (vx**2 / (len(x) - 1) + vy**2 / (len(y) - 1)))
    estimate = float(numpy.mean(x) - numpy.mean(y))
    agree(float(result.df), df)
    agree(float(result.statistic), estimate / se)
    agree(float(result.pvalue), float(2 * stats.t.sf(abs(estimate / se), df)))
    t975, t80 = float(stats.t.ppf(0.975, df)), float(stats.t.ppf(0.8, df))
    ci = result.confidence_interval(0.95)
    agree(float(ci.low), estimate - t975 * se, 1e-10)
    agree(float(ci.high), estimate + t975 * se, 1e-10)
    p_permutation, count = permutation_case(x, y)

    did = method.difference_in_differences(x, y)  # the checker's own route
    for key, value in (("estimate", estimate), ("se", se), ("df", df),
                       ("t", float(result.statistic)), ("p_welch", float(result.pvalue)),
                       ("mde80", (t975 + t80) * se), ("p_permutation", p_permutation)):
        agree(did[key], value, 1e-10)
    return {
        "x": x,
        "y": y,
        "statistic": float(result.statistic),
        "pvalue": float(result.pvalue),
        "df": df,
        "se": se,
        "estimate": estimate,
        "t975": t975,
        "t80": t80,
        "ci95": {"low": estimate - t975 * se, "high": estimate + t975 * se},
        "mde80": (t975 + t80) * se,
        "p_permutation": p_permutation,
        "permutations": count,
        "min_attainable_p": (2 if len(x) == len(y) else 1) / count,
    }


def permutation_case(x, y):
    """The contract's definition, enumerated here independently of check_report."""
    pooled = x + y
    observed = abs(sum(x) / len(x) - sum(y) / len(y))
    labellings = list(itertools.combinations(range(len(pooled)), len(x)))
    extreme = 0
    for chosen in labellings:
        first = [pooled[i] for i in chosen]
        second = [pooled[i] for i in range(len(pooled)) if i not in chosen]
        if abs(sum(first) / len(first) - sum(second) / len(second)) >= observed * (1 - 1e-9):
            extreme += 1
    assert len(labellings) == math.comb(len(pooled), len(x))
    return extreme / len(labellings), len(labellings)


def bh_case(p):
    q = [float(v) for v in stats.false_discovery_control(p, method="bh")]
    for ours, theirs in zip(method.benjamini_hochberg(p), q):
        agree(ours, theirs)
    return {"p": p, "q": q}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "reference_values.json")
    reference = {
        "about": "Figures from scipy; floats as Python repr (shortest round-trip). "
                 "Paired cases: d = f - b; ttest_rel_f_b is scipy.stats.ttest_rel(f, b), whose "
                 "statistic has the report's sign (change / se). Welch cases: estimate = "
                 "mean(x) - mean(y), scipy.stats.ttest_ind(x, y, equal_var=False). "
                 "p_two_sided = 2 * t.sf(|x|, df). hedges_g = mean(d) / sqrt((sd_b^2 + sd_f^2)/2) "
                 "* (1 - 3/(4 df - 1)), df = n - 1. Permutation p: share of all C(n_x + n_y, n_x) "
                 "relabellings with |estimate| >= |observed| * (1 - 1e-9).",
        "versions": {"python": platform.python_version(), "numpy": numpy.__version__,
                     "scipy": scipy.__version__},
        "t_ppf": [
            {"q": q, "df": df, "value": float(stats.t.ppf(q, df))}
            for q in T_PPF_Q for df in T_PPF_DF
        ],
        "t_two_sided_p": [
            {"x": x, "df": df, "value": float(2 * stats.t.sf(abs(x), df))}
            for x in P_X for df in P_DF
        ],
        "paired": [paired_case(b, f) for b, f in PAIRED],
        "welch": [welch_case(x, y) for x, y in WELCH],
        "benjamini_hochberg": [bh_case(p) for p in BH],
    }
    with open(out, "w") as file:
        json.dump(reference, file, indent=2)
        file.write("\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
