"""Header addresses read with the modern parser (email.policy.default), or by a plain
reading that agrees with it, never crashing."""

from __future__ import annotations

import email
import email.policy
import random
from datetime import UTC, datetime

import pytest

from connectors.addresses import _modern_pairs, parse_addresses, plain_pairs
from connectors.base import Address
from connectors.maildir import HEAD_BYTES
from connectors.mime import parse_message
from tests.support import hostile

NOW = datetime(2026, 11, 4, tzinfo=UTC)


def _parse(headers: bytes) -> tuple[Address | None, tuple[Address, ...], str]:
    m = parse_message(headers + b"\n\nbody\n", id="1", folder="inbox", fallback_date=NOW)
    return m.sender, m.to, m.subject


def test_an_encoded_name_keeps_its_comma() -> None:
    sender, _, _ = _parse(b"From: =?utf-8?q?L=C3=B3pez=2C_Ana?= <alopez@program.org>")
    assert sender == Address("López, Ana", "alopez@program.org")


def test_an_address_written_as_its_own_name_is_one_address() -> None:
    sender, to, _ = _parse(b'From: a@x.org <a@x.org>\nTo: b@y.org <b@y.org>, "Doe, J" <j@y.org>')
    assert sender == Address("", "a@x.org")
    assert to == (Address("", "b@y.org"), Address("Doe, J", "j@y.org"))


def test_utf8_headers_and_folded_encoded_subjects() -> None:
    folded = "Subject: =?utf-8?q?Interview_?=\n =?utf-8?q?Confirmed?="
    sender, _, subject = _parse(f"From: Jérôme Martin <jm@x.org>\n{folded}".encode())
    assert sender == Address("Jérôme Martin", "jm@x.org")
    assert subject == "Interview Confirmed"


@pytest.mark.parametrize(
    "header",
    [
        b"From: <<<>>>",
        b"From: " + b"(" * 5000 + b"a@b.org",
        b"From: undisclosed-recipients:;",
        b"From: =?bogus?q?zz?= <a@b.org>\nTo: ((((",
        b"From: \xff\xfe\x00 <a@b.org>",
        b"To: " + b", ".join(b"P%d <p%d@x.org>" % (i, i) for i in range(20000)),
    ],
)
def test_malformed_headers_never_crash(header: bytes) -> None:
    sender, to, _ = _parse(header)
    assert sender is None or "@" in sender.email
    assert len(to) <= 200


def test_parse_addresses_reads_groups_and_drops_junk() -> None:
    found = parse_addresses(["Team: a@b.org, C <c@d.org>;", "not an address", ""])
    assert found == (Address("", "a@b.org"), Address("C", "c@d.org"))


def _generated_lists(count: int, seed: int) -> list[str]:
    """Address lists mixing plain pieces with what only the full parser reads right."""
    rng = random.Random(seed)
    names = ["Ana Ruiz", "Dr. P. Natarajan", "O'Brien", "Jean-Luc  Picard", "A_B", "x", "Mr. .",
             '"Doe, J"', "Ana (GME)", "=?utf-8?q?L=C3=B3pez?=", "Jérôme", "", "9", "a@b.org",
             "Team:", "Ana\tRuiz", " . "]  # fmt: skip
    boxes = ["ana@x.org", "a.b+c@x-y.example.org", "a..b@x.org", ".a@x.org", "a@x.", "a@x..org",
             "a@[127.0.0.1]", "A@X.ORG", "a@x", "\"q\"@x.org", "a b@x.org", "a@x.org;", "<a@x.org>",
             "a@x.org (Ana)", ""]  # fmt: skip
    out = []
    for _ in range(count):
        items = []
        for _ in range(rng.randint(1, 3)):
            name, box = rng.choice(names), rng.choice(boxes)
            items.append(f"{name} <{box}>" if name and rng.random() < 0.7 else box or name)
        out.append(rng.choice([",", ", ", " ,", ",\t"]).join(items))
    return out


def test_the_plain_reading_agrees_with_the_modern_parser() -> None:
    values = _generated_lists(3000, seed=5)
    for raw in hostile.corpus(200, seed=9, huge=0):
        msg = email.message_from_bytes(raw[:HEAD_BYTES], policy=email.policy.compat32)
        values += [str(v) for k, v in msg.raw_items() if k.lower() in ("from", "to", "cc")]
    plain = 0
    for value in values:
        pairs = plain_pairs(value)
        if pairs is not None:
            plain += 1
            assert pairs == _modern_pairs(value), value
    assert 200 < plain < len(values)  # both readings are exercised
