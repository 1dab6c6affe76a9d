"""A pass of a Maildir account with nothing to draft, run as the `agent` program starts it,
loads only what it uses: no provider client, no template engine, no terminal display, no
second process for reading."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.support.imports import imported
from tests.support.scenario import ET, Applicant, mail

UNUSED = ("googleapiclient", "google_auth_oauthlib", "msal", "jinja2", "rich", "multiprocessing")


def test_a_pass_with_nothing_new_imports_nothing_it_does_not_use(
    applicant: Applicant, capsys: pytest.CaptureFixture[str]
) -> None:
    applicant.deliver(
        mail(
            subject="Interview invitation",
            body="We would like to invite you to interview.",
            date=datetime(2026, 10, 1, 9, tzinfo=ET),
        )
    )
    assert applicant.run("sync", "--now", "2026-10-02T09:00", capsys=capsys)[0] == 0
    args = ["agent", "sync", "--now", "2026-10-02T10:00", "--config", str(applicant.config)]
    script = (
        "import sys\n"
        f"sys.argv = {args!r}\n"
        "from agent.cli.start import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    assert not exc.code, exc.code\n"
    )
    assert imported(script, UNUSED) == []
