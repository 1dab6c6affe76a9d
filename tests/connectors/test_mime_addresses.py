"""Header addresses read with the modern parser (email.policy.default), never crashing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from connectors.base import Address
from connectors.mime import parse_addresses, parse_message

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
