"""How well the agent reads program mail, scored through `agent status --json`.

    .venv/bin/python bench/mail_facts.py [--corpus PATH] [--show-misses] [--by-tag]

Every item becomes mail in a real Maildir with one configured program per item; the real
`agent sync` and `agent status --json` run in-process and each program's JSON is scored
against the item's labels (see tests/support/facts_scoring.py for the rules). Without
--corpus it scores three sets apart: the shared development corpus
(../shared/corpus/mail-facts.json), and our own examples in tests/corpus/*.json split into
"dev" and "aside". --show-misses lists what went wrong and --by-tag how many items of each
tag were wholly right, for dev sets only: the aside examples are never used for tuning, so
neither is shown for them.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.facts_corpus import (
    OWN_CORPUS,
    REPO,
    SHARED_CORPUS,
    load_items,
    own_items,
    predict,
    split_of,
)
from tests.support.facts_scoring import Report, Tally, score


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.1%}"


def _share(num: int, den: int) -> str:
    return f"{num / den:.1%} ({num}/{den})" if den else "-"


def table(report: Report) -> list[str]:
    """One row per kind of fact: precision and recall of what was read, then how often the
    details of what was read are right, then what matters most for that kind."""
    head = (
        f"{'kind':<13}{'items':>6}{'labels':>7}{'read':>6}{'precision':>11}{'recall':>8}"
        f"   {'details right':<28}other"
    )
    rows = [head, "-" * (len(head) + 40)]

    def row(name: str, t: Tally, details: str, other: str = "") -> None:
        rows.append(
            f"{name:<13}{t.items:>6}{t.labels:>7}{t.predicted:>6}{_pct(t.precision):>11}"
            f"{_pct(t.recall):>8}   {details:<28}{other}"
        )

    p, i, c, w = report.promises, report.interviews, report.policies, report.interviewers
    row("promises", p, f"due day {_share(p.right, p.found)}")
    row(
        "interviews",
        i,
        f"time {_share(i.right, i.found)}",
        f"right of all labelled {_share(i.right, i.labels)}; "
        f"unread ones flagged in needs_you {_share(i.extra['missed_flagged'], i.extra['missed'])}",
    )
    e = c.extra
    row(
        "policies",
        c,
        f"label {_share(e['exact'], c.items)}",
        f"restrictive P {_share(e['restrictive_right'], e['restrictive_predicted'])}"
        f" R {_share(e['restrictive_right'], e['restrictive_labels'])}",
    )
    row("interviewers", w, f"role+email {_share(w.right, w.found)}")
    if report.emails:
        rows.append(f"whole emails: {report.emails}, every part right in {report.emails_right}")
    if report.crashed:
        crashed = ", ".join(report.crashed)
        rows.append(f"THE AGENT CRASHED on {len(report.crashed)} item(s): {crashed}")
    return rows


def run_set(
    name: str, items: list[dict[str, Any]], show_misses: bool, aside: bool, by_tag: bool = False
) -> Report:
    began = time.monotonic()
    report = score(items, predict(items))
    print(f"\n== {name}: {len(items)} items, {time.monotonic() - began:.1f} s ==")
    for line in table(report):
        print(line)
    if (show_misses or by_tag) and aside:
        print("misses and tags: not shown for aside examples (they are never used for tuning)")
        return report
    if by_tag:
        print("items wholly right, by kind and tag:")
        for tag, counts in sorted(report.by_tag.items()):
            print(f"  {tag:<28}{counts['right']:>4}/{counts['items']:<4}")
    if show_misses:
        print(f"misses ({len(report.misses)}):" if report.misses else "misses: none")
        for miss in report.misses:
            print("  " + miss)
    return report


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, help="score this file (shared schema) instead")
    parser.add_argument("--show-misses", action="store_true", help="list misses (dev sets only)")
    parser.add_argument(
        "--by-tag", action="store_true", help="items wholly right per tag (dev sets only)"
    )
    args = parser.parse_args(argv)
    if args.corpus is not None:
        if not args.corpus.is_file():
            print(f"no such corpus file: {args.corpus}", file=sys.stderr)
            return 2
        items = load_items(args.corpus)
        sets = [
            (f"{args.corpus} ({split})", [i for i in items if split_of(i) == split], split)
            for split in ("dev", "aside")
        ]
        sets = [s for s in sets if s[1]] or sets[:1]
    else:
        sets = []
        if SHARED_CORPUS.exists():
            shown = os.path.relpath(SHARED_CORPUS, REPO)
            sets.append((f"shared dev corpus ({shown})", load_items(SHARED_CORPUS), "dev"))
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
        report = run_set(name, items, args.show_misses, split == "aside", args.by_tag)
        crashed |= bool(report.crashed)
    return 1 if crashed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
