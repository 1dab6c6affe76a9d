"""Discovery measured on tests/corpus/discovery.json (mini-mailboxes of our own wording;
the "aside" items were written before tuning and are only measured): no false program."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from agent.facts.discovery import Applicant, discover
from connectors.base import Address, MailMessage

ET = ZoneInfo("America/New_York")
ME = "jordan.rivera@med.example.edu"
ITEMS = json.loads((Path(__file__).parents[2] / "corpus" / "discovery.json").read_text())


def _address(text: str) -> Address:
    name, _, email = text.rpartition("<")
    return Address(name.strip(), email.rstrip(">").strip().lower())


def _mail(item: dict[str, object]) -> list[MailMessage]:
    out = []
    for i, m in enumerate(item["messages"]):  # type: ignore[arg-type]
        out.append(
            MailMessage(
                id=str(i),
                folder=m.get("folder", "inbox"),
                message_id=f"<{item['id']}.{i}@corpus>",
                subject=m["subject"],
                sender=_address(m["from"]),
                to=(_address(m.get("to", f"Jordan Rivera <{ME}>")),),
                cc=(),
                date=datetime(2026, 10, 1, 9, tzinfo=ET) + timedelta(days=i),
                body=m["body"],
            )
        )
    return out


@pytest.mark.parametrize("split", ["dev", "aside"])
def test_no_false_program_and_most_found(split: str) -> None:
    tp = fp = fn = 0
    for item in (i for i in ITEMS if i["split"] == split):
        got = {
            (p.name, tuple(p.domains))
            for p in discover(_mail(item), Applicant("Jordan Rivera", frozenset([ME]), ET))
        }
        want = {(e["name"], tuple(e["domains"])) for e in item["expected"]}
        tp, fp, fn = tp + len(got & want), fp + len(got - want), fn + len(want - got)
    assert fp == 0
    assert tp >= 0.8 * (tp + fn)
