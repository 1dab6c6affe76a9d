"""What a header holds: its text made one safe line, and its addresses. Plain address
lists are read directly; anything else (quotes, comments, groups, encoded words, 8-bit)
by the standard library's modern parser, which never raises out of here."""

from __future__ import annotations

import email.policy
import re
from email.utils import getaddresses

from connectors.base import Address

MAX_RECIPIENTS = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f]+")


def clean_header_text(value: str) -> str:
    """One line of text with no control characters (no CR/LF header injection)."""
    return _CONTROL.sub(" ", value).strip()


# An address list longer than this is cut at a comma: the modern parser is slow on huge
# lists, and only MAX_RECIPIENTS addresses are kept anyway.
_MAX_ADDRESS_LIST = 16_000


def bounded_list(value: str) -> str:
    if len(value) <= _MAX_ADDRESS_LIST:
        return value
    cut = value.rfind(",", 0, _MAX_ADDRESS_LIST)
    return value[: cut if cut > 0 else _MAX_ADDRESS_LIST]


def _modern_pairs(value: str) -> list[tuple[str, str]]:
    header = email.policy.default.header_factory("To", bounded_list(value))
    return [(a.display_name or "", a.addr_spec or "") for a in header.addresses]


# One address as most mail writes it, 'Ana Ruiz <ana@x.org>' or 'ana@x.org': ASCII, with no
# quotes, comments, groups or encoded words. The modern parser reads these the same way
# (a test holds the two to it) at a twentieth of the cost, which a big mailbox feels.
_ATOM_ADDRESS = r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*"
_PLAIN_ADDRESS = re.compile(
    rf"[ \t]*(?:(?P<name>[A-Za-z0-9][A-Za-z0-9 .'_-]*?)[ \t]*<(?P<addr>{_ATOM_ADDRESS})>"
    rf"|(?P<bare>{_ATOM_ADDRESS}))[ \t]*"
)


def plain_pairs(value: str) -> list[tuple[str, str]] | None:
    """(name, address) pairs of a list written plainly; None when the list needs the
    full parser."""
    if not value.isascii():
        return None
    pairs = []
    for item in value.split(","):
        m = _PLAIN_ADDRESS.fullmatch(item)
        if m is None:
            return None
        pairs.append((" ".join((m["name"] or "").split()), m["addr"] or m["bare"]))
    return pairs


def parse_addresses(values: list[str]) -> tuple[Address, ...]:
    """Addresses in header values, read by the modern parser: an encoded display name
    keeps its comma ("López, Ana"), and 'a@x.org <a@x.org>' is one address. Malformed
    entries are dropped; the parser never raises out of here."""
    pairs: list[tuple[str, str]] = []
    for value in values:
        try:
            pairs.extend(_modern_pairs(value))
        except Exception:  # a list the modern parser cannot take: the lenient one
            try:
                pairs.extend(getaddresses([bounded_list(value)]))
            except Exception:
                continue
    return to_addresses(pairs)


def to_addresses(pairs: list[tuple[str, str]]) -> tuple[Address, ...]:
    """(name, address) pairs as addresses: lower-cased, without what is no address."""
    out: list[Address] = []
    for name, addr in pairs[:MAX_RECIPIENTS]:
        addr = clean_header_text(addr).lower()
        if "@" not in addr or " " in addr or addr.startswith("<"):
            continue
        name = clean_header_text(name).strip('"').strip()
        out.append(Address("" if name.lower() == addr else name, addr))
    return tuple(out)
