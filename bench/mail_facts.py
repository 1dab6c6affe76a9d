"""How well the agent reads program mail, scored through `agent status --json`.

    .venv/bin/python bench/mail_facts.py [--corpus PATH] [--show-misses]

Every item becomes mail in a real Maildir with one configured program per item; the real
`agent sync` and `agent status --json` run in-process and each program's JSON is scored
against the item's labels (see tests/support/facts_scoring.py for the rules). Without
--corpus it scores three sets apart: the shared development corpus
(../shared/corpus/mail-facts.json), and our own examples in tests/corpus/*.json split into
"dev" and "aside". --show-misses lists what went wrong, for dev sets only: the aside
examples are never used for tuning, so their misses are not shown.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.facts_corpus import (
    OWN_CORPUS,
    SHARED_CORPUS,
    load_items,
    own_items,
    predict,
    split_of,
)
from tests.support.facts_scoring import Report, Tally, score


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.1%}"


def _frac(num: int, den: int) -> str:
    return f"{num}/{den}"


def table(report: Report) -> list[str]:
    head = (
        f"{'kind':<13}{'items':>6}{'labels':>8}{'read':>6}{'precision':>11}{'recall':>9}"
        f"   {'accuracy':<28}{'other'}"
    )
    rows = [head, "-" * len(head)]

    def row(
        name: str, t: Tally, what: str, acc: float | None, num: int, den: int, other: str = ""
    ) -> None:
        accuracy = f"{what} {_pct(acc).strip()} ({_frac(num, den)})" if den else f"{what} -"
        rows.append(
            f"{name:<13}{t.items:>6}{t.labels:>8}{t.predicted:>6}{_pct(t.precision):>11}"
            f"{_pct(t.recall):>9}   {accuracy:<28}{other}"
        )

    p, i, c, w = report.promises, report.interviews, report.policies, report.interviewers
    row("promises", p, "due day", p.accuracy, p.right, p.found)
    row(
        "interviews",
        i,
        "time",
        i.accuracy,
        i.right,
        i.found,
        f"time right of all labelled {_pct(i.right / i.labels if i.labels else None).strip()}",
    )
    restrictive = (
        f"restrictive P {_pct(c.ratio('restrictive_right', 'restrictive_predicted')).strip()}"
        f" ({_frac(c.extra['restrictive_right'], c.extra['restrictive_predicted'])})"
        f" R {_pct(c.ratio('restrictive_right', 'restrictive_labels')).strip()}"
        f" ({_frac(c.extra['restrictive_right'], c.extra['restrictive_labels'])})"
    )
    row(
        "policies",
        c,
        "label",
        c.extra["exact"] / c.items if c.items else None,
        c.extra["exact"],
        c.items,
        restrictive,
    )
    row("interviewers", w, "role+email", w.accuracy, w.right, w.found)
    if report.emails:
        rows.append(f"whole emails: {report.emails}, every part right in {report.emails_right}")
    if report.crashed:
        rows.append(
            f"THE AGENT CRASHED on {len(report.crashed)} item(s): {', '.join(report.crashed)}"
        )
    return rows


def run_set(name: str, items: list[dict[str, Any]], show_misses: bool, aside: bool) -> Report:
    began = time.monotonic()
    report = score(items, predict(items))
    print(f"\n== {name}: {len(items)} items, {time.monotonic() - began:.1f} s ==")
    for line in table(report):
        print(line)
    if show_misses and aside:
        print("misses: not shown for aside examples (they are never used for tuning)")
    elif show_misses:
        print(f"misses ({len(report.misses)}):" if report.misses else "misses: none")
        for miss in report.misses:
            print("  " + miss)
    return report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="score this file (shared schema) instead")
    parser.add_argument("--show-misses", action="store_true", help="list misses (dev sets only)")
    args = parser.parse_args(argv)
    if args.corpus is not None:
        items = load_items(args.corpus)
        sets = [
            (f"{args.corpus} ({split})", [i for i in items if split_of(i) == split], split)
            for split in ("dev", "aside")
        ]
    else:
        sets = []
        if SHARED_CORPUS.exists():
            sets.append((f"shared dev corpus ({SHARED_CORPUS})", load_items(SHARED_CORPUS), "dev"))
        else:
            print(f"shared dev corpus: {SHARED_CORPUS} is missing; skipped")
        own = own_items()
        if not own:
            print(f"own examples: no items in {OWN_CORPUS}/*.json; skipped")
        for split in ("dev", "aside"):
            chosen = [i for i in own if split_of(i) == split]
            sets.append((f"own {split} examples (tests/corpus/*.json)", chosen, split))
    crashed = False
    for name, items, split in sets:
        if not items:
            print(f"\n== {name}: no items ==")
            continue
        report = run_set(name, items, args.show_misses, split == "aside")
        crashed |= bool(report.crashed)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
