"""Outlook bodies through Graph JSON batching: 20 a $batch, a 429 inside a batch honoured
for that request alone with its Retry-After, a message deleted meanwhile left out."""

# ruff: noqa: F811 (the Outlook tests' fixtures, imported by name)
from __future__ import annotations

from datetime import timedelta

from connectors.base import MailMessage
from tests.connectors.test_outlook_connector import (  # noqa: F401
    OutlookHarness,
    _request,
    graph,
    outlook,
)
from tests.support.contract import SINCE, rfc822


def _fill(outlook: OutlookHarness, count: int) -> None:
    for n in range(count):
        when = SINCE + timedelta(hours=n + 1)
        outlook.deliver(rfc822(subject=f"Program {n}", body=f"Text {n}.", date=when), "inbox")


def _bodies(messages: list[MailMessage]) -> dict[str, str | None]:
    return {m.subject: m.body for m in messages}


def test_bodies_come_twenty_to_a_batch(outlook: OutlookHarness) -> None:
    _fill(outlook, 45)
    mark = outlook.graph.mark()
    pull = outlook.connector().pull(None, _request())
    bodies = _bodies(pull.messages)
    assert all(bodies[f"Program {n}"] == f"Text {n}.\n" for n in range(45)), bodies
    sent = [r for r in outlook.graph.since(mark) if not r.in_batch]
    batches = [r for r in sent if r.path == "/$batch"]
    assert sorted(len(r.body["requests"]) for r in batches) == [5, 20, 20]
    assert not [r for r in sent if r.path.startswith("/me/messages/")]  # no single GETs
    inner = [r for r in outlook.graph.since(mark) if r.in_batch]
    assert all('outlook.body-content-type="text"' in r.headers["prefer"] for r in inner)
    assert all('IdType="ImmutableId"' in r.headers["prefer"] for r in inner)


def test_a_429_inside_a_batch_is_retried_for_that_request_after_its_retry_after(
    outlook: OutlookHarness,
) -> None:
    _fill(outlook, 30)
    outlook.graph.fail(429, match="/me/messages/", retry_after="3")
    mark = outlook.graph.mark()
    pull = outlook.connector().pull(None, _request())
    assert all(m.body for m in pull.messages)
    assert outlook.sleeps == [3.0]
    batches = [r for r in outlook.graph.since(mark) if r.path == "/$batch"]
    assert sorted(len(r.body["requests"]) for r in batches) == [1, 10, 20]  # only it again


def test_a_message_deleted_before_its_body_is_read_keeps_its_headers(
    outlook: OutlookHarness,
) -> None:
    _fill(outlook, 3)
    outlook.graph.fail(404, match="/me/messages/")
    pull = outlook.connector().pull(None, _request())
    assert sorted(m.body is None for m in pull.messages) == [False, False, True]
