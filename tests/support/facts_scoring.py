"""Score what `agent status --json` read against the corpus labels, following the corpus
README's "Scoring suggestions": lenient `what` paired one-to-one, due as a date, an instant or
a range, interview instants or dates, policies exactly, interviewers by name.

The status JSON gives a promise's due as a date, so a label that is an instant is matched on
its date in the program's zone (to the minute when the JSON gives an instant). A promise
with `due_explicit: false` counts as due "none". The JSON fills a missing interview end with
start + the configured length; that default counts as "no end read".
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from tests.support.facts_corpus import Prediction

DEFAULT_INTERVIEW_HOURS = 4.0  # the agent's rules.interview_length_hours default
RESTRICTIVE = ("discouraged", "no-contact")
HONORIFICS = {"dr", "drs", "mr", "mrs", "ms", "miss", "mx", "prof", "professor"}
CREDENTIALS = {
    "md", "do", "phd", "mph", "ms", "msc", "mba", "mbbs", "mhpe", "med", "ma", "mpp", "ba",
    "bs", "rn", "np", "pa", "pa-c", "dnp", "pharmd", "facp", "faap", "facs", "facog", "facep",
    "faafp", "fapa", "frcpc", "mscr", "msed", "ctagme", "c-tagme",
}  # fmt: skip
ROLE_ABBREVIATIONS = {
    "apd": "associate program director",
    "pd": "program director",
    "assoc": "associate",
    "asst": "assistant",
    "dir": "director",
}


def norm(text: str) -> str:
    text = text.casefold().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w'/+-]+|(?<!\w)'|'(?!\w)", " ", text)
    return " ".join(text.split())


# ---------------------------------------------------------------- promises


# Words that say nothing about which deliverable it is; they do not count towards overlap.
# fmt: off
FILLER = {
    "the", "a", "an", "your", "our", "my", "their", "its", "this", "that", "these", "those",
    "any", "of", "for", "to", "and", "on", "in", "with", "from", "at", "by", "about",
}
# fmt: on


def what_overlap(label: str, predicted: str) -> float:
    """1.0 when one phrase contains the other, else the share of the shorter phrase's
    words (filler words aside) that the other phrase has."""
    a, b = norm(label), norm(predicted)
    if not a or not b:
        return 0.0
    if f" {a} " in f" {b} " or f" {b} " in f" {a} ":
        return 1.0
    ta = set(a.split()) - FILLER or set(a.split())
    tb = set(b.split()) - FILLER or set(b.split())
    return len(ta & tb) / min(len(ta), len(tb))


def same_what(label: str, predicted: str) -> bool:
    """Containment either way, or words shared by at least half of the shorter phrase."""
    return what_overlap(label, predicted) >= 0.5


def _moment(value: str) -> date | datetime:
    return date.fromisoformat(value) if len(value) == 10 else datetime.fromisoformat(value)


def _day(value: date | datetime, zone: ZoneInfo) -> date:
    return value.astimezone(zone).date() if isinstance(value, datetime) else value


def predicted_due(promise: dict[str, Any]) -> date | datetime | None:
    if promise.get("due_explicit") is False or not promise.get("due"):
        return None
    return _moment(promise["due"])


def due_right(label: dict[str, Any], promise: dict[str, Any], zone: ZoneInfo) -> bool:
    got = predicted_due(promise)
    if "due_range" in label:
        if got is None:
            return False
        lo, hi = (_moment(v) for v in label["due_range"])
        if isinstance(got, datetime) and isinstance(lo, datetime) and isinstance(hi, datetime):
            return lo <= got <= hi
        return _day(lo, zone) <= _day(got, zone) <= _day(hi, zone)
    if label.get("due", "none") == "none":
        return got is None
    if got is None:
        return False
    want = _moment(label["due"])
    if isinstance(want, datetime) and isinstance(got, datetime):
        return abs((want - got).total_seconds()) < 60
    return _day(want, zone) == _day(got, zone)


def pair_promises(
    labels: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]], zone: ZoneInfo
) -> list[tuple[int, int]]:
    """One-to-one pairs (label index, prediction index): due-right pairs first."""
    edges = [
        (
            (not due_right(lab, pred, zone), -what_overlap(lab["what"], pred.get("what") or "")),
            li,
            pi,
        )
        for li, lab in enumerate(labels)
        for pi, pred in enumerate(predicted)
        if same_what(lab["what"], pred.get("what") or "")
    ]
    return _greedy(edges)


def _greedy(edges: list[tuple[Any, int, int]]) -> list[tuple[int, int]]:
    used_l: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, li, pi in sorted(edges):
        if li not in used_l and pi not in used_p:
            used_l.add(li)
            used_p.add(pi)
            pairs.append((li, pi))
    return sorted(pairs)


# ---------------------------------------------------------------- interviews


def same_moment(want: date | datetime, got: date | datetime, zone: ZoneInfo) -> bool:
    """An instant matches the same instant (to the minute); a date matches any moment on that
    day in the program's zone. A date read where the label has a clock time is wrong."""
    if isinstance(want, datetime):
        return isinstance(got, datetime) and abs((want - got).total_seconds()) < 60
    return _day(got, zone) == want


def interview_right(
    label: dict[str, Any],
    got: dict[str, Any],
    zone: ZoneInfo,
    hours: float = DEFAULT_INTERVIEW_HOURS,
) -> bool:
    if bool(got.get("cancelled")) != bool(label.get("cancelled")):
        return False
    start = _moment(got["start"]) if got.get("start") else None
    want = label.get("start")
    if want is not None and (start is None or not same_moment(_moment(want), start, zone)):
        return False
    end = _moment(got["end"]) if got.get("end") else None
    if label.get("end") is not None:
        return end is not None and same_moment(_moment(label["end"]), end, zone)
    if end is None:
        return True
    # start + the configured length is the end the season fills in, not one that was read
    both = isinstance(start, datetime) and isinstance(end, datetime)
    return both and end - start == timedelta(hours=hours)  # type: ignore[operator]


# ---------------------------------------------------------------- interviewers


def name_tokens(name: str) -> list[str]:
    """A name without honorifics, credentials, middle initials; "Doe, Jane" is "jane doe"."""
    text = re.sub(r"\([^)]*\)", " ", name.casefold())
    parts = [p.strip() for p in text.split(",")]
    parts = [p for p in parts if p and not all(t.strip(".") in CREDENTIALS for t in p.split())]
    if len(parts) == 2:
        parts = [parts[1], parts[0]]
    tokens = []
    for token in " ".join(parts).replace(".", " ").split():
        if token in HONORIFICS or token in CREDENTIALS or len(token) == 1:
            continue
        tokens.append(token)
    return tokens


def same_person(label: str, predicted: str) -> bool:
    a, b = name_tokens(label), name_tokens(predicted)
    if not a or not b:
        return False
    if a == b:
        return True
    return (len(a) == 1 or len(b) == 1) and a[-1] == b[-1]


def _role(text: str | None) -> str:
    words = norm(text or "").replace("-", " ").split()
    return " ".join(ROLE_ABBREVIATIONS.get(w, w) for w in words)


def details_right(label: dict[str, Any], got: dict[str, Any]) -> bool:
    """Role by containment (PD / APD spelled out), email case-insensitively."""
    want_role, got_role = _role(label.get("role")), _role(got.get("role"))
    role_ok = want_role == got_role or bool(
        want_role and got_role and (want_role in got_role or got_role in want_role)
    )
    email_ok = (label.get("email") or "").casefold() == (got.get("email") or "").casefold()
    return role_ok and email_ok


def pair_people(
    labels: Sequence[dict[str, Any]], predicted: Sequence[dict[str, Any]]
) -> list[tuple[int, int]]:
    edges = [
        (not details_right(lab, got), li, pi)
        for li, lab in enumerate(labels)
        for pi, got in enumerate(predicted)
        if same_person(lab["name"], got.get("name") or "")
    ]
    return _greedy(edges)


# ---------------------------------------------------------------- tallies


@dataclass
class Tally:
    """Counts for one kind of fact; `right` counts the paired/found ones with details right."""

    items: int = 0
    labels: int = 0
    predicted: int = 0
    found: int = 0
    right: int = 0
    extra: Counter[str] = field(default_factory=Counter)

    @property
    def precision(self) -> float | None:
        return self.found / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.labels if self.labels else None

    @property
    def accuracy(self) -> float | None:
        return self.right / self.found if self.found else None

    def ratio(self, num: str, den: str) -> float | None:
        return self.extra[num] / self.extra[den] if self.extra[den] else None


@dataclass
class Report:
    promises: Tally = field(default_factory=Tally)
    interviews: Tally = field(default_factory=Tally)
    policies: Tally = field(default_factory=Tally)
    interviewers: Tally = field(default_factory=Tally)
    misses: list[str] = field(default_factory=list)
    emails: int = 0
    emails_right: int = 0
    crashed: list[str] = field(default_factory=list)
    by_tag: dict[str, Counter[str]] = field(default_factory=dict)  # tag -> {"items", "right"}


def _show(value: Any) -> str:
    return "none" if value is None else str(value)


def score_promises(
    report: Report,
    iid: str,
    labels: list[dict[str, Any]],
    got: list[dict[str, Any]],
    zone: ZoneInfo,
) -> bool:
    t = report.promises
    t.items += 1
    t.labels += len(labels)
    t.predicted += len(got)
    pairs = pair_promises(labels, got, zone)
    t.found += len(pairs)
    ok = len(pairs) == len(labels) == len(got)
    for li, pi in pairs:
        if due_right(labels[li], got[pi], zone):
            t.right += 1
        else:
            ok = False
            want = labels[li].get("due_range") or labels[li].get("due")
            due = _show(predicted_due(got[pi]))
            report.misses.append(f"{iid}  promise {labels[li]['what']!r}: due {due}, want {want}")
    for li in sorted(set(range(len(labels))) - {li for li, _ in pairs}):
        report.misses.append(f"{iid}  promise missed: {labels[li]['what']!r}")
    for pi in sorted(set(range(len(got))) - {pi for _, pi in pairs}):
        sentence = got[pi].get("sentence") or ""
        report.misses.append(f"{iid}  promise false: {got[pi].get('what')!r} <- {sentence!r}")
    return ok


def score_interview(
    report: Report,
    iid: str,
    label: dict[str, Any] | None,
    got: dict[str, Any] | None,
    zone: ZoneInfo,
    flagged: bool = False,
) -> bool:
    """`flagged`: the program has something under needs_you (a miss that is not silent)."""
    t = report.interviews
    t.items += 1
    t.labels += label is not None
    t.predicted += got is not None
    if label is not None and got is None:
        t.extra["missed"] += 1
        t.extra["missed_flagged"] += flagged
    if label is None and got is None:
        return True
    if label is not None and got is not None:
        t.found += 1
        if interview_right(label, got, zone):
            t.right += 1
            return True
    shown = None if got is None else {k: got.get(k) for k in ("start", "end", "cancelled")}
    report.misses.append(f"{iid}  interview: got {shown}, want {label}")
    return False


def score_policy(report: Report, iid: str, label: str | None, got: str | None) -> bool:
    t = report.policies
    t.items += 1
    t.labels += label is not None
    t.predicted += got is not None
    t.found += got is not None and got == label  # a non-null reading that is right
    t.right += got is not None and got == label
    t.extra["exact"] += got == label
    t.extra["restrictive_labels"] += label in RESTRICTIVE
    t.extra["restrictive_predicted"] += got in RESTRICTIVE
    t.extra["restrictive_right"] += label in RESTRICTIVE and got == label
    if got != label:
        report.misses.append(f"{iid}  policy: got {_show(got)}, want {_show(label)}")
    return got == label


def score_people(
    report: Report, iid: str, labels: list[dict[str, Any]], got: list[dict[str, Any]]
) -> bool:
    t = report.interviewers
    t.items += 1
    t.labels += len(labels)
    t.predicted += len(got)
    pairs = pair_people(labels, got)
    t.found += len(pairs)
    ok = len(pairs) == len(labels) == len(got)
    for li, pi in pairs:
        if details_right(labels[li], got[pi]):
            t.right += 1
        else:
            ok = False
            have = {k: got[pi].get(k) for k in ("role", "email")}
            want = {k: labels[li].get(k) for k in ("role", "email")}
            report.misses.append(f"{iid}  interviewer {labels[li]['name']!r}: {have}, want {want}")
    for li in sorted(set(range(len(labels))) - {li for li, _ in pairs}):
        report.misses.append(f"{iid}  interviewer missed: {labels[li]['name']!r}")
    for pi in sorted(set(range(len(got))) - {pi for _, pi in pairs}):
        report.misses.append(f"{iid}  interviewer false: {got[pi].get('name')!r}")
    return ok


def score(items: Sequence[dict[str, Any]], predictions: Sequence[Prediction]) -> Report:
    """Score each item against the prediction at the same position."""
    report = Report()
    for item, got in zip(items, predictions, strict=True):
        if got.crashed:
            report.crashed.append(item["id"])
            report.misses.append(f"{item['id']}  the agent crashed: {got.crashed}")
        right = score_item(report, item, got)
        for tag in [item["kind"], *item.get("tags", [])]:
            counts = report.by_tag.setdefault(tag, Counter())
            counts["items"] += 1
            counts["right"] += right
    return report


def score_item(report: Report, item: dict[str, Any], got: Prediction) -> bool:
    """Add one item to the tallies; True when everything labelled in it was read right."""
    iid, kind, want = item["id"], item["kind"], item["expected"]
    zone = ZoneInfo(item["program_timezone"])
    if kind == "promise":
        return score_promises(report, iid, want, got.promises, zone)
    if kind == "interview":
        return score_interview(report, iid, want, got.interview, zone, bool(got.needs_you))
    if kind == "policy":
        return score_policy(report, iid, want, got.policy)
    if kind == "interviewers":
        return score_people(report, iid, want, got.interviewers)
    if kind != "email":
        raise ValueError(f"{iid}: unknown kind {kind!r}")
    report.emails += 1
    parts = [
        score_promises(report, iid, want.get("promises") or [], got.promises, zone),
        score_interview(
            report, iid, want.get("interview"), got.interview, zone, bool(got.needs_you)
        ),
        score_policy(report, iid, want.get("policy"), got.policy),
        score_people(report, iid, want.get("interviewers") or [], got.interviewers),
    ]
    report.emails_right += all(parts)
    return all(parts)
