"""`agent status` follows the mailbox: a placeholder filled in, a draft edited, a draft whose
marker a client dropped, information that arrived while its inquiry draft waits; through
the real CLI on a real Maildir."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from tests.support.scenario import CT, Applicant, mail

Cap = pytest.CaptureFixture[str]
NOW = "2026-10-06T09:00"


def followups(person: Applicant, capsys: Cap, now: str = NOW) -> dict[str, dict[str, Any]]:
    code, out, _ = person.run("status", "--json", "--now", now, capsys=capsys)
    assert code == 0
    program = json.loads(out)["programs"][0]
    items = {f"{f['kind']}:{f['who']}": f for f in program["followups"]}
    items.update({f"inquiry:{p['what']}": p["inquiry"] for p in program["promises"]})
    return items


def draft_file(person: Applicant, address: str) -> Path:
    (path,) = [p for p in person.box.drafts() if address.encode() in p.read_bytes()]
    return path


def edit(path: Path, change: Any) -> None:
    """What a mail client does when the user saves a draft: a rewritten file."""
    path.write_bytes(change(path.read_bytes()))


@pytest.fixture
def drafted(applicant: Applicant, capsys: Cap) -> Applicant:
    assert applicant.run("sync", "--now", NOW, capsys=capsys)[0] == 0
    return applicant


def test_a_filled_placeholder_is_no_longer_reported_and_the_draft_counts_as_edited(
    drafted: Applicant, capsys: Cap
) -> None:
    chen = "thank-you:Dr. Marcus Chen"
    assert followups(drafted, capsys)[chen]["needs_detail"] is True
    edit(
        draft_file(drafted, "mchen@lakesidemed.org"),
        lambda raw: re.sub(rb"\[\[ADD DETAIL:[^\]]*\]\]", b"We talked about POCUS.", raw),
    )
    drafted.run("sync", "--now", "2026-10-06T10:00", capsys=capsys)
    item = followups(drafted, capsys, "2026-10-06T10:00")[chen]
    assert item["needs_detail"] is False and item["state"] == "edited"
    assert "you edited the draft" in item["reason"]
    untouched = followups(drafted, capsys, "2026-10-06T10:00")["thank-you:Dr. Priya Natarajan"]
    assert untouched["state"] == "drafted"


def test_a_draft_whose_marker_was_dropped_is_still_there_not_deleted(
    drafted: Applicant, capsys: Cap
) -> None:
    edit(
        draft_file(drafted, "pnatarajan@lakesidemed.org"),
        lambda raw: re.sub(rb"X-Residency-Agent:[^\n]*\n", b"", raw),
    )
    code, out, _ = drafted.run("sync", "--now", "2026-10-06T10:00", capsys=capsys)
    assert code == 0 and "you deleted" not in out
    item = followups(drafted, capsys, "2026-10-06T10:00")["thank-you:Dr. Priya Natarajan"]
    assert item["state"] == "drafted"
    assert len(drafted.drafts()) == 2  # and nothing was drafted again


def test_an_inquiry_whose_information_arrived_while_its_draft_waits_is_obsolete(
    applicant: Applicant, capsys: Cap
) -> None:
    applicant.deliver(
        mail(
            subject="After your interview",
            body="The recording of the program overview will be sent by October 20.",
            date=datetime(2026, 10, 6, 10, tzinfo=CT),
        )
    )
    applicant.run("sync", "--now", "2026-10-23T09:00", capsys=capsys)
    (key,) = [k for k in followups(applicant, capsys, "2026-10-23T09:00") if "recording" in k]
    assert followups(applicant, capsys, "2026-10-23T09:00")[key]["state"] == "drafted"
    applicant.deliver(
        mail(
            subject="Program overview recording",
            body="Here is the recording of the program overview: https://lakeside.example/rec",
            date=datetime(2026, 10, 23, 11, tzinfo=CT),
        )
    )
    applicant.run("sync", "--now", "2026-10-23T13:00", capsys=capsys)
    item = followups(applicant, capsys, "2026-10-23T13:00")[key]
    assert item["state"] == "obsolete" and "you can delete the draft" in item["reason"]
