"""What a program said about contact after the interview, in its own mail."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agent.facts.interviews import _sentences
from connectors.base import MailMessage

_NO_CONTACT = re.compile(
    r"(please|kindly|we ask (that )?(you|applicants)|applicants should)?\s*"
    r"(do not|don't|not to|refrain from|avoid)\s+(send(ing)?|contact(ing)?|email(ing)?)\b"
    r"[^.]{0,60}(thank[- ]you|post[- ]interview|after (the|your) interview|faculty|interviewers)"
    r"|\bno (thank[- ]you (notes|emails|letters)|post[- ]interview (contact|communication))"
    r"|(thank[- ]you (notes|emails|letters)|post[- ]interview (contact|communication))"
    r"[^.]{0,40}\b(are|is) not (permitted|allowed|accepted)",
    re.IGNORECASE,
)
_DISCOURAGED = re.compile(
    r"(thank[- ]you (notes|emails|letters)|post[- ]interview (contact|communication))"
    r"[^.]{0,40}\b(are|is) (strongly )?discouraged|\bdiscourage[sd]?\b[^.]{0,60}"
    r"(thank[- ]you|post[- ]interview)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PolicyStatement:
    policy: str  # "no-contact" | "discouraged"
    sentence: str
    source: MailMessage


def policy_from_mail(messages: list[MailMessage], me: frozenset[str]) -> PolicyStatement | None:
    """The most restrictive contact policy a program stated in its own mail."""
    found: PolicyStatement | None = None
    for message in messages:
        if message.sender is None or message.sender.email in me or not message.body:
            continue
        for sentence in _sentences(message.body):
            if _NO_CONTACT.search(sentence):
                return PolicyStatement("no-contact", sentence.strip(), message)
            if found is None and _DISCOURAGED.search(sentence):
                found = PolicyStatement("discouraged", sentence.strip(), message)
    return found
