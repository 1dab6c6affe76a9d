"""Whether a later message delivers a promised object, and whether the applicant wrote about it.

The promise is known by its slug ("hotel-block-code-for-riverside-inn"). A later program
message delivers it when a sentence that is not itself a promise names the object (its head
noun, or a word for the same thing, plus a word that says which one when the head alone is
generic) together with the thing itself: a link, "attached", "here is", "below", "now
available". A wrong "delivered" hides an inquiry; a wrong "not delivered" drafts a needless
one: both are tested.
"""

from __future__ import annotations

import functools
import re

from agent.facts import lazy
from agent.facts.promise_clauses import commitments
from agent.facts.text import message_body
from agent.facts.text import sentences as _sentences

__all__ = ["delivers", "mentions"]

_I = re.IGNORECASE
_FUNCTION = {"of", "for", "from", "about", "on", "regarding", "with", "to", "re", "and", "or"}
_GENERIC_MODIFIERS = {
    *[
        "final",
        "finalized",
        "updated",
        "revised",
        "new",
        "full",
        "detailed",
        "official",
        "personalized",
        "short",
        "quick",
        "brief",
        "complete",
        "current",
        "latest",
        "additional",
        "more",
        "further",
        "copy",
        "interview",
    ],
}
# Heads that name the kind of thing, not the thing: a word saying which one is needed too.
_GENERIC_HEADS = {
    *[
        "link",
        "links",
        "information",
        "info",
        "details",
        "form",
        "forms",
        "list",
        "email",
        "document",
        "documents",
        "file",
        "files",
        "materials",
        "instructions",
        "code",
        "update",
        "updates",
        "packet",
        "guide",
        "number",
        "date",
        "dates",
        "time",
        "times",
        "address",
        "location",
        "name",
        "names",
        "invitation",
        "invite",
        "access",
    ],
}
_SAME_THING = [
    {"schedule", "itinerary", "agenda"},
    {"link", "url", "zoom", "webex"},
    {"recording", "video"},
    {"slides", "deck", "presentation"},
    {"information", "info", "details"},
    {"invitation", "invite"},
    {"faq", "faqs"},
]
_DELIVERY_CUE = lazy.pattern(
    r"\b(?:attached|enclosed|below|here\s+(?:is|are)|here's|here’s|please\s+find|"
    r"you\s+can\s+(?:now\s+)?(?:find|access|join|register|download|view)|can\s+be\s+found|"
    r"(?:is|are)\s+now\s+(?:available|posted|live|open|up)|(?:has|have)\s+(?:just\s+)?been\s+"
    r"(?:posted|uploaded|attached|updated|added|shared)|link:|join\s+(?:us\s+)?(?:here|via|at)|"
    r"register\s+(?:here|at|via)|as\s+promised|i'?ve\s+(?:attached|included)|included\s+below)\b|"
    r"\b(?:code|passcode|password|pin|number|address|location)\b[^.]{0,40}?(?:\bis\b|:)\s*\S",
    _I,
)
_LINK = lazy.pattern(r"\bhttps?://\S+|\bwww\.\S+|\b\S+\.(?:zoom\.us|thalamusgme\.com)\S*", _I)
_GIVEN_FACTS = lazy.pattern(
    r"\b\d{1,2}(?::\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)|\b\d{1,5}\s+\w+\s+(?:st|street|ave|avenue|rd|"
    r"road|blvd|drive|dr)\b",
    _I,
)


@functools.lru_cache(maxsize=4096)  # each later message's sentences, asked of every promise
def _words(text: str) -> frozenset[str]:
    out = {"link", "url"} if _LINK.search(text) else set()
    for w in re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text.lower().replace("’", "'")):
        out.add(w)
        if len(w) > 3 and w.endswith("s"):
            out.add(w[:-1])
    return frozenset(out)


def _parts(topic: str) -> tuple[set[str], set[str]]:
    """The head noun (with words for the same thing) and the words that say which one."""
    words = topic.split("-") if "-" in topic else [topic]
    words = [w for w in re.findall(r"[a-z0-9']+", " ".join(words))]
    core: list[str] = []
    for w in words:
        if w in _FUNCTION:
            break
        core.append(w)
    head = core[-1] if core else (words[-1] if words else "")
    head = head[:-1] if len(head) > 3 and head.endswith("s") and head[:-1] in _all_same() else head
    heads = {head, head.rstrip("s")}
    for group in _SAME_THING:
        if heads & group:
            heads |= group
    after = words[len(core) :]
    if (
        heads & {"details", "information", "info", "update", "updates"} and after
    ):  # "details about the second look day": the day's
        heads.add(after[-1])
    which = {w for w in core if w not in _GENERIC_MODIFIERS}  # "updated", "interview": any
    which |= {w for w in after if w not in _FUNCTION}  # "for your interview" does say which
    which -= heads
    which = {w.rstrip("s") if len(w) > 3 else w for w in which}
    return heads, which


def _all_same() -> set[str]:
    return set().union(*_SAME_THING)


def _names(text: str, heads: set[str], which: set[str], generic: bool) -> bool:
    words = _words(text)
    if not heads & words:
        return False
    return not (generic and which) or bool(which & words)


def delivers(text: str, subject: str, topic: str) -> bool:
    """True when a later program message delivers the promised object, not merely mentions
    it ("Reminder: the schedule will follow" is no delivery)."""
    heads, which = _parts(topic)
    generic = bool(heads & _GENERIC_HEADS)
    sentences = _sentences(message_body(text))
    in_subject = _names(subject, heads, which, generic)
    for i, sentence in enumerate(sentences):
        cue = _DELIVERY_CUE.search(sentence)
        if not cue and commitments(sentence):
            continue  # still a promise, not the thing itself
        if _gives_the_facts(sentence, heads, which):
            return True
        named = _names(sentence, heads, which, generic)
        if not named and not in_subject:
            continue
        following = sentences[i + 1] if i + 1 < len(sentences) else ""
        if cue or _LINK.search(sentence) or (named and _LINK.search(following)):
            return True
    return False


def _gives_the_facts(sentence: str, heads: set[str], which: set[str]) -> bool:
    """Promised details given outright: "the dinner location" by "Dinner will be at Luigi's,
    123 Main St, at 7 PM"; "details about the Second Look Day" by "... Saturday, 9 AM"."""
    if not heads & _FACT_HEADS or not which:
        return False
    return bool(which & _words(sentence)) and bool(_GIVEN_FACTS.search(sentence))


_FACT_HEADS = {"information", "details", "date", "time", "location", "address"}


def same_object(a: str, b: str) -> bool:
    """Two slugs of one message naming the same thing ("second-look-details" and
    "second-look-information")."""
    if a == b:
        return True
    heads_a, which_a = _parts(a)
    heads_b, which_b = _parts(b)
    return bool(heads_a & heads_b) and which_a == which_b


def mentions(text: str, topic: str) -> bool:
    """True when the applicant's own message talks about the object (then the agent stops
    asking)."""
    heads, which = _parts(topic)
    generic = bool(heads & _GENERIC_HEADS)
    return _names(message_body(text), heads, which, generic)
