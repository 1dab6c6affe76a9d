"""The program's own words in a message: quoted replies, forwarded text and the signature
removed, split into sentences that never run across paragraphs or list items."""

from __future__ import annotations

import re

_I = re.IGNORECASE

_QUOTE_HEADER = re.compile(
    r"^\s*(?:On\s[^\n]{0,200}?(?:\n[^\n]{0,200}?)?wrote:\s*$|-{2,}\s*Original\s+Message\s*-{2,}|"
    r"_{10,}\s*$|From:\s.*\n\s*(?:Sent|Date):\s)",
    re.MULTILINE | _I,
)
_SIGNOFF = re.compile(
    r"^\s*(?:--\s*|(?:best|warm|kind|warmest|all\s+the\s+best|with\s+best|many\s+thanks|"
    r"thanks|thank\s+you|sincerely|regards|best\s+regards|kind\s+regards|warm\s+regards|cheers|"
    r"respectfully|yours\s+truly|take\s+care)(?:\s+\w+)?[,!.]?\s*|sent\s+from\s+my\s+\w+.*)$",
    _I,
)
_ABBREV = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|Prof|St|Ave|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun|approx|No|vs|etc|e\.g|i\.e|a\.m|p\.m)\.",
    _I,
)
_SPLIT = re.compile(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def message_body(text: str) -> str:
    """The message's own words: quoted replies, '>' lines and the signature removed."""
    header = _QUOTE_HEADER.search(text)
    if header:
        text = text[: header.start()]
    kept: list[str] = []
    seen_text = False
    for line in text.splitlines():
        if line.lstrip().startswith(">"):
            continue
        if seen_text and _SIGNOFF.match(line) and len(line.strip()) < 40:
            break
        kept.append(line)
        seen_text = seen_text or bool(line.strip())
    return "\n".join(kept)


def sentences(body: str) -> list[str]:
    """Sentences of the body; paragraphs and list items never run into each other."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-*•]|\d+[.)])\s)", body):
        flat = " ".join(block.split())
        flat = re.sub(r"^(?:[-*•]|\d+[.)])\s+", "", flat)
        if not flat:
            continue
        protected = _ABBREV.sub(lambda m: m.group(0).replace(".", "\x00"), flat)
        for s in _SPLIT.split(protected):
            s = s.replace("\x00", ".").strip()
            if s:
                out.append(s)
    return out
