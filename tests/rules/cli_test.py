#!/usr/bin/env python3
"""peiyuctl eval end to end: exit codes, stdout JSON shape (POLICY.md §7),
stderr messages. Usage: cli_test.py EVAL_BINARY FIXTURES_DIR.
Each numbered case runs the binary once; a failure names its case."""
import json
import subprocess
import sys

binary, fixtures = sys.argv[1], sys.argv[2]
failures = 0

VERDICT_KEYS = ["module", "edition", "edition_id", "verified", "as_of", "fiscal_year",
                "outcome", "route", "score", "score_min", "score_max", "criteria", "missing",
                "award_fen"]
CRITERION_KEYS = ["id", "label_zh", "label_en", "kind", "value", "value_exact", "threshold",
                  "points", "max_points", "passed", "citation", "message_zh", "gap"]


def run(*args):
    p = subprocess.run([binary, "eval", *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


def check(no, name, cond, detail=""):
    global failures
    if not cond:
        failures += 1
        print(f"case {no} ({name}) failed {detail}", file=sys.stderr)


def fx(name):
    return f"{fixtures}/{name}"


# 1: a verdict with the exact key order of POLICY.md §7
rc, out, err = run("--module", "tech_sme", "--facts", fx("eligible.json"), "--as-of", "2026-06-30")
check(1, "exit 0", rc == 0, err)
if rc == 0:
    v = json.loads(out)
    check(1, "keys", list(v) == VERDICT_KEYS, list(v))
    check(1, "criterion keys", all(list(c) == CRITERION_KEYS for c in v["criteria"]))
    # 30/120 = 25% → 16; 160万/5000万 = 3.2% → 20, /cost 4% → 0; two Ⅱ类 → 12: 48
    check(1, "score", v["score"] == 48 and v["outcome"] == "ineligible", (v["score"], v["outcome"]))
    staff = next(c for c in v["criteria"] if c["id"] == "tech_staff_ratio")
    check(1, "staff", staff["value"] == "25.00%" and staff["value_exact"] == {"num": 30, "den": 120}
          and staff["points"] == 16 and staff["max_points"] == 20
          and staff["threshold"] == "≥ 25% and < 30%", staff)
    check(1, "as_of/fiscal_year", v["as_of"] == "2026-06-30" and v["fiscal_year"] == 2025)

# 2: missing facts → insufficient_data, exit 0, paths listed
rc, out, err = run("--module", "tech_sme", "--facts", fx("missing.json"), "--as-of", "2026-06-30")
check(2, "exit 0", rc == 0, err)
if rc == 0:
    v = json.loads(out)
    check(2, "outcome", v["outcome"] == "insufficient_data", v["outcome"])
    check(2, "missing", "years.2025.employees" in v["missing"], v["missing"])

# 3-4: unusable facts → exit 2 with the path in the message
rc, out, err = run("--module", "tech_sme", "--facts", fx("bad_consistency.json"))
check(3, "exit 2", rc == 2 and out == "", (rc, out))
check(3, "message", "years.2025.rd_domestic_fen: greater than rd_expense_fen" in err, err)
rc, out, err = run("--module", "tech_sme", "--facts", fx("bad_real.json"))
check(4, "real money", rc == 2 and "years.2025.sales_revenue_fen" in err, err)

# 5-9: argument errors
for no, args, text in [
    (5, ["--module", "nope", "--facts", fx("eligible.json")], "unknown"),
    (6, ["--module", "tech_sme", "--facts", fx("nonexistent.json")], "cannot open"),
    (7, ["--module", "tech_sme", "--facts", fx("eligible.json"), "--as-of", "2026-02-30"], "--as-of"),
    (8, ["--module", "tech_sme"], "required"),
    (9, ["--module", "tech_sme", "--facts", fx("eligible.json"), "--region", "44"], "--region"),
    (10, ["--module", "tech_sme", "--facts", fx("eligible.json"), "--as-of", "2017-05-02"], "no edition"),
    (11, ["--module", "tech_sme", "--facts", fx("eligible.json"), "--editions", "/nonexistent"], "editions"),
]:
    rc, out, err = run(*args)
    want = 1 if no == 11 else 2
    check(no, "exit code", rc == want, (rc, err))
    check(no, "message", text in err, err)

# 12: --module all envelope
rc, out, err = run("--module", "all", "--facts", fx("eligible.json"), "--as-of", "2026-06-30")
check(12, "exit 0", rc == 0, err)
if rc == 0:
    a = json.loads(out)
    check(12, "keys", list(a) == ["verdicts", "stage", "next"], list(a))
    check(12, "stage", a["stage"] == "seed", a["stage"])
    # next: a micro_growth module (tech_sme or innovative_sme, whichever is closer)
    check(12, "next", a["next"] and a["next"]["module"] in ("tech_sme", "innovative_sme")
          and a["next"]["stage"] == "micro_growth", a["next"])
    check(12, "lacking gaps", a["next"] and all(x["gap"] for x in a["next"]["lacking"]),
          a["next"])
    tech = next(x for x in a["verdicts"] if x["module"] == "tech_sme")
    rd = next(c for c in tech["criteria"] if c["id"] == "rd_ratio")
    check(12, "tech_sme rd gap", rd["gap"] and rd["gap"]["amount"] == 40000000, rd)

# 13: a module named in POLICY.md §4 answers with a verdict once implemented,
# and with "not implemented" (exit 2) before; gazelle is implemented now
rc, out, err = run("--module", "gazelle", "--facts", fx("eligible.json"), "--as-of", "2026-06-30")
check(13, "gazelle verdict", rc == 0 and json.loads(out)["module"] == "gazelle", (rc, err))

# 15: high_tech with nothing expert-judged settled: a score range, needs_review
rc, out, err = run("--module", "high_tech", "--facts", fx("high_tech_review.json"), "--as-of", "2026-06-30")
check(15, "exit 0", rc == 0, err)
if rc == 0:
    v = json.loads(out)
    check(15, "range", (v["outcome"], v["score"], v["score_min"], v["score_max"])
          == ("needs_review", None, 29, 78), (v["outcome"], v["score_min"], v["score_max"]))
    g = next(c for c in v["criteria"] if c["id"] == "growth_sales")
    check(15, "growth not a CAGR", g["value"] == "29.16%" and g["points"] is None, g)

# 14: deterministic output
r1 = run("--module", "all", "--facts", fx("eligible.json"), "--as-of", "2026-06-30")
r2 = run("--module", "all", "--facts", fx("eligible.json"), "--as-of", "2026-06-30")
check(14, "identical", r1 == r2)

if failures:
    print(f"{failures} case(s) failed", file=sys.stderr)
    sys.exit(1)
print("peiyuctl eval: all cases pass")
