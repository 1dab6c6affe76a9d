"""Print how well promise extraction does on the labeled corpus.

    .venv/bin/python bench/promise_quality.py [-v]

Precision and recall count (topic) pairs per case; a found promise whose topic is not in the
labels is a false positive. "Dated right" is the share of labeled promises with a time phrase
whose due day came out exactly right; "default right" the same for those without one. The
non-promise set is every case labeled with no promise; each promise found there would have
become a false inquiry. -v lists every miss and false positive.
"""

from __future__ import annotations

import sys
from collections import Counter
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from agent.facts.promises import extract_promises
from tests.support.promise_corpus import CASES


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    tp = fp = fn = 0
    dated = dated_right = undated = undated_right = 0
    fp_by_kind: Counter[str] = Counter()
    notes: list[str] = []
    for case in CASES:
        tz = ZoneInfo(case.tz)
        got = {p.topic: p for p in extract_promises(case.text, case.sent, tz)}
        want = {e.topic: e for e in case.expected}
        default_due = case.sent.astimezone(tz).date() + timedelta(days=7)
        for topic, promise in got.items():
            if topic in want:
                tp += 1
            else:
                fp += 1
                fp_by_kind[case.kind] += 1
                notes.append(f"FP  {case.id}: {topic} <- {promise.sentence!r}")
        for topic, exp in want.items():
            promise = got.get(topic)
            if promise is None:
                fn += 1
                notes.append(f"FN  {case.id}: {topic}")
            if exp.due is not None:
                dated += 1
                ok = promise is not None and promise.due_explicit and promise.due == exp.due
                dated_right += ok
            else:
                undated += 1
                ok = promise is not None and not promise.due_explicit and promise.due == default_due
                undated_right += ok
            if promise is not None and not ok:
                notes.append(
                    f"DUE {case.id}: {topic} got {promise.due} want {exp.due or default_due}"
                )
    negatives = [c for c in CASES if not c.is_promise]
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    n_pos = len(CASES) - len(negatives)
    print(f"cases: {len(CASES)} ({n_pos} with promises, {len(negatives)} without)")
    print(f"precision: {precision:.3f}  ({tp} right, {fp} false)")
    print(f"recall:    {recall:.3f}  ({tp} of {tp + fn})")
    fp_neg = sum(fp_by_kind[k] for k in {c.kind for c in negatives})
    print(f"false positives on the non-promise set: {fp_neg}  {dict(fp_by_kind) or ''}")
    share = dated_right / max(dated, 1)
    print(f"dated promises resolved to the right day: {dated_right}/{dated} ({share:.1%})")
    print(f"undated promises on the default day:      {undated_right}/{undated}")
    kinds = Counter(c.kind for c in negatives)
    print("non-promise kinds: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    if verbose or notes:
        for note in notes:
            print("  " + note)
    return 0 if fp == 0 and fn == 0 and dated_right == dated else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
