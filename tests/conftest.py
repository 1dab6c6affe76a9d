"""Fixtures every layer of the suite shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.scenario import Applicant


@pytest.fixture(autouse=True)
def _no_user_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test never reads the developer's own config through $AGENT_CONFIG."""
    monkeypatch.delenv("AGENT_CONFIG", raising=False)


@pytest.fixture
def applicant(tmp_path: Path) -> Applicant:
    """The test applicant with the Lakeside program, a real Maildir and the real CLI."""
    return Applicant(tmp_path)
