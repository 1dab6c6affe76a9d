"""The program's own words in a message: quoted replies, forwarded text and the signature
removed, split into sentences that never run across paragraphs or list items."""

from __future__ import annotations

import re

from agent.facts import lazy

_I = re.IGNORECASE
_M = re.MULTILINE | _I

# Where earlier mail starts: everything from here on is someone else's words (or old ones).
_QUOTE_HEADER = lazy.pattern(
    r"^[ \t]*(?:"
    # Gmail / Apple: "On Mon, Nov 2, 2026 at 9:14 AM Name <a@b> wrote:" (may wrap once)
    r"On\s[^\n]{0,200}?(?:\n[^\n]{0,200}?)?wrote:[ \t]*$"
    r"|-{2,}\s*Original\s+Message\s*-{2,}"
    r"|-{2,}\s*Forwarded\s+(?:message|e-?mail)\s*-{2,}"
    r"|Begin\s+forwarded\s+message\s*:"
    r"|-{2,}\s*Forwarded\s+by\b"
    r"|_{10,}[ \t]*$"
    # "Jordan Reyes wrote on 11/9/2026:", "Dana <d@x.example> wrote:"
    r"|[^\n.!?]{1,120}\swrote(?:\s+on\s[^\n]{1,60})?:[ \t]*$"
    # Outlook: a "From:" line followed by "Sent:", or by "Date:" and then "To:"/"Subject:"
    r"|\*?From:\*?[ \t]+[^\n]+\n[ \t]*\*?Sent:\*?[ \t]"
    r"|\*?From:\*?[ \t]+[^\n]+\n[ \t]*\*?Date:\*?[ \t][^\n]*\n[ \t]*\*?(?:To|Subject|Cc):\*?[ \t]"
    # The same block made one line by an HTML-to-text conversion
    r"|From:[ \t][^\n]{1,200}?[ \t]Sent:[ \t][^\n]{1,120}?[ \t](?:To|Subject):[ \t]"
    r")",
    _M,
)
_SIGNOFF = lazy.pattern(
    r"^\s*(?:(?:best|warm|kind|warmest|all\s+the\s+best|with\s+best|many\s+thanks|"
    r"thanks|thank\s+you|sincerely|regards|best\s+regards|kind\s+regards|warm\s+regards|cheers|"
    r"respectfully|yours\s+truly|take\s+care)(?:\s+\w+)?[,!.]?\s*|sent\s+from\s+my\s+\w+.*)$",
    _I,
)
_SIG_DELIMITER = lazy.pattern(r"^--\s*$")
_POSTSCRIPT = lazy.pattern(r"^\s*P\.?\s?S\.?\b", _I)
_ABBREV = lazy.pattern(
    r"\b(?:Dr|Mr|Mrs|Ms|Prof|St|Ave|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|"
    r"Mon|Tue|Tues|Wed|Thu|Thurs|Fri|Sat|Sun|approx|No|vs|etc|e\.g|i\.e|a\.m|p\.m)\.",
    _I,
)
_SPLIT = lazy.pattern(r"(?<=[.!?])[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")


def _unquoted(text: str) -> str:
    """The text above the first quoted or forwarded message."""
    header = _QUOTE_HEADER.search(text)
    return text[: header.start()] if header else text


def _looks_like_name(line: str) -> bool:
    """A signature's first line: a name or title, not a sentence."""
    words = line.split()
    return 0 < len(words) <= 6 and not line.rstrip().endswith((".", "?", "!", ":"))


def _signature_starts(lines: list[str], i: int) -> bool:
    """Line i is a sign-off ("Best,") followed by a name, or the "-- " delimiter."""
    line = lines[i]
    if _SIG_DELIMITER.match(line):
        return True
    if not _SIGNOFF.match(line) or len(line.strip()) >= 40:
        return False
    following = [ln for ln in lines[i + 1 :] if ln.strip()]
    return not following or _looks_like_name(following[0])


def own_text(text: str) -> str:
    """The sender's words with its signature and footer: quoted replies, forwarded text and
    '>' lines removed. A program may state a policy under its name ("Please note: ...")."""
    return "\n".join(ln for ln in _unquoted(text).splitlines() if not ln.lstrip().startswith(">"))


def message_body(text: str) -> str:
    """The message's own words: quoted replies, forwarded text, '>' lines and the
    signature removed. A postscript after the signature is still the sender's own text."""
    lines = [ln for ln in _unquoted(text).splitlines() if not ln.lstrip().startswith(">")]
    kept: list[str] = []
    seen_text = False
    for i, line in enumerate(lines):
        if seen_text and _signature_starts(lines, i):
            kept.extend(_postscripts(lines[i + 1 :]))
            break
        kept.append(line)
        seen_text = seen_text or bool(line.strip())
    return "\n".join(kept)


def _postscripts(lines: list[str]) -> list[str]:
    """Paragraphs that start with "P.S." in what follows a signature."""
    out: list[str] = []
    inside = False
    for line in lines:
        if _POSTSCRIPT.match(line):
            inside = True
            out.append("")
        elif not line.strip():
            inside = False
        if inside:
            out.append(line)
    return out


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
