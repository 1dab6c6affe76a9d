"""Find what a program promised to send, and whether a later message delivered it.

A promise is the program committing to send, share or provide something to the applicant
("I will email the Zoom link two days before your interview"). The object is whatever the
program wrote (open vocabulary), named back as written. Precision first, because a false
inquiry embarrasses the applicant; never promises:

- requests to the applicant ("please complete the survey by Friday");
- things already sent, attached or below ("As promised, here is ...");
- conditional offers and hedges ("if ... we'll", "reply ... and we'll", "we may send");
- "we will be in touch" with no object, and anything about rank lists or the Match;
- refusals, pleasantries, events, internal actions and deliverables for someone else;
- quoted text (only the message's own words are read).

Rules and regular expressions only (due dates in due_phrases.py, objects in
promise_objects.py, commitments in promise_clauses.py); no network, no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from agent.facts import lazy
from agent.facts.dates import When
from agent.facts.due_phrases import find_when, strip_when
from agent.facts.fulfilment import delivers, mentions, same_object
from agent.facts.promise_clauses import Commitment, commitments, split_clauses, weak_ok
from agent.facts.promise_filters import about_ranking, disqualified, for_others, to_someone_else
from agent.facts.promise_objects import (
    antecedent,
    head_noun,
    is_deliverable,
    object_after,
    slug,
    split_objects,
)
from agent.facts.text import message_body
from agent.facts.text import sentences as _sentences

__all__ = ["Promise", "delivers", "extract_promises", "mentions", "message_body"]


@dataclass(frozen=True, slots=True)
class Promise:
    topic: str  # stable slug of the object ("j-1-visa-faq"); part of the inquiry's ledger key
    topic_label: str  # the object as the program wrote it: "the J-1 visa FAQ"
    sentence: str  # the source sentence, whitespace-normalized
    due: date  # resolved due date in the program's timezone (a range's end)
    due_explicit: bool  # False when no datable time was given and the default applied
    when_text: str  # the time phrase as written ("closer to the date" even when undated)


_LISTED = lazy.pattern(
    r"(?:(?:two|three|four|a\s+few|several|some|the\s+following|a\s+couple\s+of)\s+(?:things|items|"
    r"documents|emails|pieces)|the\s+following)\b",
    re.IGNORECASE,
)
_LIST_AFTER_COLON = lazy.pattern(r":\s*(.+)$")


def _objects(
    clause: str, commit: Commitment, before: str, label: str = "", sentence: str = ""
) -> list[str]:
    """The deliverables a commitment names, pronouns resolved (a list label first:
    "Post-interview survey - we'll email this after your interview"); [] when none qualifies."""
    phrase = commit.objects_text
    at = sentence.find(clause)
    rest = sentence[at:] if at >= 0 else clause  # the list may be its own clause after ": "
    listed = _LISTED.match(phrase) and _LIST_AFTER_COLON.search(rest, commit.end)
    if listed:  # "two things from us next week: a parking pass and a campus map"
        items = re.split(r"[.;!?](?:\s|$)", listed.group(1))[0]
        return [w for w in map(object_after, split_objects(items)) if is_deliverable(w)]
    if phrase.split()[0].lower() in ("it", "them", "this", "that", "these", "those", "one"):
        # a list label naming a thing ("Post-interview survey: watch for it") comes first
        inner = _INNER_LABEL.match(clause[: commit.start])
        label = inner["label"] if inner and is_deliverable(inner["label"]) else label
        named = label if label and weak_ok(label) else None
        found = named or antecedent(before + " " + clause[: commit.start]) or label or None
        if found is None:
            return []
        phrase = found
    if commit.weak and not weak_ok(phrase):
        return []
    return [p for p in split_objects(phrase) if is_deliverable(p)]


_INNER_LABEL = lazy.pattern(r"^\W*(?P<label>[^:;,.!?]{2,50}?)\s*(?::|\s[-–—]+)\s*$")


def _object_end(clause: str, commit: Commitment) -> int:
    idx = clause.find(commit.objects_text, commit.end)
    return commit.end if idx < 0 else idx + len(commit.objects_text)


# A second object after the first one's time phrase or aside: "(1) a summary ... by November
# 13 and (2) the link ...", "the schedule ... in mid-January, along with hotel information".
_MORE = lazy.pattern(
    r"(?:,\s*)?\b(?:and|along\s+with|as\s+well\s+as|together\s+with|plus)\b\s*"
    r"(?:,?\s*(?:more|most|just\s+as|equally)\s+importantly,?\s*|,\s*)?",
    re.IGNORECASE,
)
# A rank meeting named only as the time of sending ("details about the spring open house
# after our rank meeting") does not make a specific object about ranking.
_RANK_MEETING = lazy.pattern(
    r"\b(?:after|before|following|until|once)\s+(?:our|the)\s+(?:\w+\s+)?rank(?:ing)?\s+"
    r"(?:meetings?|list\s+(?:deadline|certification))\b",
    re.IGNORECASE,
)
_GENERIC = {
    *[
        "information",
        "info",
        "details",
        "update",
        "updates",
        "news",
        "steps",
        "decision",
        "word",
        "more",
    ]
}


def _generic(phrase: str) -> bool:
    """ "more information", "an update", "it": nothing says which; "details about the open
    house" does."""
    if phrase.split()[0].lower() in ("it", "them", "this"):
        return True
    return head_noun(phrase) in _GENERIC and not re.search(
        r"\s(?:about|on|regarding|for|of)\s", phrase, re.IGNORECASE
    )


_ENUMERATOR = lazy.pattern(r"\(\s*(?:\d{1,2}|[a-h]|i{1,3}|iv)\s*\)\s*", re.IGNORECASE)


def _more_objects(clause: str, end: int, sent_local: datetime) -> tuple[int, str] | None:
    """Where a further coordinated object starts after the first one, and the object."""
    for m in _MORE.finditer(clause, end):
        if clause.count("(", 0, m.start()) > clause.count(")", 0, m.start()):
            continue  # "(Bethel and Nome rotations)": inside an aside
        between = clause[end : m.start()]
        when = find_when(between, sent_local)
        between = strip_when(between, when)
        between = re.sub(r"\([^)]*\)|[,\s]", " ", between)
        if len(between.split()) > 1 or commitments(between):
            return None
        phrase = object_after(clause[m.end() :])
        if phrase and is_deliverable(phrase):
            return m.start(), phrase
        return None
    return None


@dataclass(frozen=True, slots=True)
class _Where:
    """Where a clause sits: the joint and clause before it, its sentence, the text before
    it (for pronouns), the send moment, the message (for anchors) and a borrowed time."""

    joint: str
    previous: str
    sentence: str
    before: str
    sent_local: datetime
    body: str
    borrowed: When | None


def _in_clause(clause: str, where: _Where) -> list[tuple[Promise, int]]:
    out: list[tuple[Promise, int]] = []
    joint, previous, sentence, before = where.joint, where.previous, where.sentence, where.before
    sent_local, body, borrowed = where.sent_local, where.body, where.borrowed
    for commit in commitments(clause):
        if disqualified(clause, commit, previous, joint):
            continue
        end = _object_end(clause, commit)
        if to_someone_else(clause[end:]):
            continue
        when = find_when(clause, sent_local, body, commit.start) or borrowed
        if when is None and re.search(r"\bthen\b", clause[commit.start :], re.IGNORECASE):
            when = find_when(previous, sent_local, body)  # "goes live Monday; we'll email it then"
        if commit.habitual and when is None:
            continue
        if about_ranking(_RANK_MEETING.sub(" ", strip_when(clause, when))):
            continue
        if _RANK_MEETING.search(clause) and _generic(commit.objects_text):
            continue  # "more information after our rank meeting": about ranking
        found = _objects(clause, commit, before, _label_of(where), sentence)
        objects = [(what, when) for what in found]
        more = _more_objects(clause, end, sent_local) if objects else None
        if more:
            own = find_when(clause[: more[0]], sent_local, body)
            objects = [(what, own or when) for what, _ in objects]
            later = find_when(clause[more[0] :], sent_local, body) or when
            objects += [(what, later) for what in split_objects(more[1]) if is_deliverable(what)]
        for what, due in objects:
            if about_ranking(what) or for_others(what):
                continue
            out.append((_promise(what, sentence, due), due.rank if due and due.due else 0))
    return out


def _label_of(where: _Where) -> str:
    """A bare list label before a dash or colon ("Post-interview survey — we'll email this")."""
    label = where.previous.strip()
    if where.joint.strip(" -–—:") or len(label.split()) > 6 or commitments(label):
        return ""
    return label if is_deliverable(label) and not re.search(r"[.,;!?]", label) else ""


def _label(what: str) -> str:
    """The object as written; a capital that only started the sentence is dropped so the
    phrase reads inside another sentence ("The Zoom link" -> "the Zoom link")."""
    first, _, rest = what.partition(" ")
    if rest and first.lower() in _SENTENCE_START:
        return f"{first.lower()} {rest}"
    return what


_SENTENCE_START = {
    *[
        "the",
        "a",
        "an",
        "our",
        "your",
        "this",
        "these",
        "those",
        "any",
        "some",
        "more",
        "further",
        "additional",
        "details",
        "information",
        "info",
    ],
}


def _promise(what: str, sentence: str, when: When | None) -> Promise:
    return Promise(
        topic=slug(what),
        topic_label=_label(what),
        sentence=sentence,
        due=when.due if when and when.due else date.min,
        due_explicit=bool(when and when.due),
        when_text=when.text if when else "",
    )


def _borrowed(
    clauses: list[tuple[str, str]], i: int, sent_local: datetime, body: str
) -> When | None:
    """A time phrase the next clause adds to this one: "I'll send X and Y - both by Friday"."""
    if i + 1 >= len(clauses):
        return None
    nxt = clauses[i + 1][0]
    if commitments(nxt) or not re.match(r"\W*(?:both|all|each|ideally|hopefully)\b", nxt, re.I):
        return None
    return find_when(nxt, sent_local, body)


def extract_promises(
    text: str, sent: datetime, tz: ZoneInfo, *, default_days: int = 7
) -> list[Promise]:
    """Every promise the program makes to the applicant in a message body.

    `sent` is the message's aware datetime; relative dates resolve against it in `tz`.
    Quoted reply text and signatures are ignored. One Promise per object per message: the
    most specific time phrase wins, then the earliest due date. Without a datable time the
    due is the local send date + `default_days`, with `due_explicit` False.
    """
    if _signed_by_a_student(text):
        return []  # the applicant's own words (a reply pasted or sent from another address)
    sent_local = sent.astimezone(tz)
    default_due = sent_local.date() + timedelta(days=default_days)
    kept: _Kept = {}
    body = _TABLE_ROW.sub(r"\n\1: \2\n", _PIPE_ROW.sub(r"\1\t\2", message_body(text)))
    body = _SMILEY_END.sub(".", body)
    previous_sentence = ""
    for sentence in _sentences(body):
        if sentence.rstrip().endswith("?"):
            previous_sentence = sentence
            continue  # a question offers, it does not commit
        previous = ""
        clauses = split_clauses(sentence)
        for i, (clause, joint) in enumerate(clauses):
            before = previous_sentence + " " + " ".join(c for c, _ in clauses[:i])
            borrowed = _borrowed(clauses, i, sent_local, body)
            where = _Where(joint, previous, sentence, before, sent_local, body, borrowed)
            for promise, rank in _in_clause(_ENUMERATOR.sub("", clause), where):
                if not promise.due_explicit:
                    promise = replace(promise, due=default_due)
                _keep(kept, promise, rank)
            previous = clause
        previous_sentence = sentence
    return [p for p, _ in kept.values()]


_Kept = dict[str, tuple[Promise, int]]
# A table row from HTML mail ("Itinerary<TAB>Will be sent by Friday") reads as a label row.
_TABLE_ROW = lazy.pattern(r"^([^\n\t]+?)\t+([^\n]+)$", re.MULTILINE)
# A smiley or emoji ending a line ends its sentence: "... by Wednesday :)" / "Sending ...".
_SMILEY_END = lazy.pattern(
    r"\s*(?:[:;]-?[)D(P]|[\U0001F300-\U0001FAFF\u2600-\u27BF])+[ \t]*$", re.MULTILINE
)
# A plain-text table keeps its first and last cells: "Parking permit | to follow by Thursday".
_PIPE_ROW = lazy.pattern(
    r"^\s*\|?\s*([^|\n]+?)\s*(?:\|[^|\n]*)*?\|\s*([^|\n]+?)\s*\|?\s*$", re.MULTILINE
)
# A signature line only an applicant writes: "MS4, Midlands University School of Medicine".
_STUDENT_SIGNATURE = lazy.pattern(
    r"^\s*(?:MS-?\s?[1-4]|OMS-?\s?(?:I{1,3}|IV|[1-4])|M[1-4]|"
    r"(?:fourth|third)[-\s]year medical student|medical student|student doctor|class of 20\d\d)"
    r"\b[^\n]{0,60}$",
    re.IGNORECASE | re.MULTILINE,
)


_QUOTED = lazy.pattern(
    r"^\s*(?:>|On\s.{0,200}wrote:|-{2,}\s*(?:Original|Forwarded)\s+Message|From:\s)",
    re.IGNORECASE | re.MULTILINE,
)


def _signed_by_a_student(text: str) -> bool:
    quoted = _QUOTED.search(text)
    own = text[: quoted.start()] if quoted else text
    lines = [line for line in own.splitlines() if line.strip()][-6:]
    return any(_STUDENT_SIGNATURE.match(line) for line in lines)


def _keep(kept: _Kept, promise: Promise, rank: int) -> None:
    """Keep one promise per object: the same thing said twice keeps its most specific due."""
    key = next((k for k in kept if same_object(k, promise.topic)), promise.topic)
    held = kept.get(key)
    if held is not None and (rank, -promise.due.toordinal()) <= (held[1], -held[0].due.toordinal()):
        return
    kept.pop(key, None)
    kept[promise.topic] = (promise, rank)
