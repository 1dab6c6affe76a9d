"""Sentence structure for reading contact policies: clauses, negation scope (a restriction
denied, accepting words under a negation, a condition before "you don't"), questions and
topic carried to short answers. Read by facts/policies.py with facts/policy_words.py."""

from __future__ import annotations

import re

from agent.facts import lazy

_I = re.IGNORECASE

# "if you don't send one, that's fine": a condition before "you don't ...", not a request.
CONDITION = lazy.pattern(r"\b(?:if|whether|unless)\s+(?:\w+\s+)?$", _I)
KEEP_IN_TOUCH = lazy.pattern(
    r"(?:^|[.!;:,]\s*)\W*(?:please\s+|do\s+)?(?:feel\s+free\s+to\s+|don'?t\s+hesitate\s+to\s+)?"
    r"(?:keep|stay)\s+in\s+touch\b",
    _I,
)
# A restriction denied ("we do not discourage them", "no rule against it"): a permission.
NOT_RESTRICTED = lazy.pattern(
    r"(?:\bnot|n't|\bnever)\s+(?:\w+\s+)?(?:discourag\w*|prohibit\w*|forbid\w*|frown\w*\s+on|"
    r"restrict\w*)\b(?!\s+(?:but|and)\b)"
    r"|(?:\bno|n't\s+have\s+an?|\bnot\s+have\s+an?|\bwithout\s+an?)\s+(?:\w+\s+)?(?:(?:rule|policy|"
    r"prohibition|ban)s?\s+against|restrictions?\s+on)\b"
    r"|\bno\s+no[\s-]+(?:contact|thank[\s-]*you|post[\s-]*interview)[\w\s-]{0,30}?polic(?:y|ies)\b",
    _I,
)
# Quoted questions in the program's own sentence ('You asked, "Should we avoid ...?"').
QUOTED_QUESTION = lazy.pattern(r"[\"\u201c][^\"\u201c\u201d]{0,300}\?[\"\u201d]")
# "please don't share them": accepting words under a negation accept nothing.
NEGATED_BEFORE = lazy.pattern(r"(?:\bnot|n't|\bnever|\bno)\s+(?:\w+\s+)?$", _I)
CLAUSES = lazy.pattern(r";|\s[-–—]{1,2}\s|,\s*(?=(?:but|though|although|however)\b)|\bbut\b", _I)
PRONOUN_START = lazy.pattern(r"^\W*(?:they|these|those|such|it|this|them|if|should|so)\b", _I)
SHORT = 8  # words: "Please don't." after "Thank-you notes?" still speaks of them
