"""`agent update` through the real CLI: blank news refused, numbered list, remove, and a
help text that states the configured cadence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.scenario import Applicant


def test_blank_news_is_refused_with_one_message_and_exit_2(
    applicant: Applicant, capsys: pytest.CaptureFixture[str]
) -> None:
    for text in ("", "   "):
        code, _, err = applicant.run("update", "add", text, capsys=capsys)
        assert code == 2
        assert err.count("the news is empty") == 1 and "Traceback" not in err
    assert not (applicant.root / "state" / "state.sqlite3").exists()


def test_updates_are_numbered_and_removed_by_number(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    person = Applicant(tmp_path, extra='[[updates]]\ntext = "Step 2 CK: 258"\ndate = 2026-10-01\n')
    assert (
        person.run(
            "update", "add", "Abstract accepted at SHM", "--date", "2026-11-02", capsys=capsys
        )[0]
        == 0
    )
    code, out, _ = person.run("update", "list", "--json", capsys=capsys)
    listed = json.loads(out)["updates"]
    assert [(u["number"], u["text"], u["in_config"]) for u in listed] == [
        (1, "Step 2 CK: 258", True),
        (2, "Abstract accepted at SHM", False),
    ]
    code, _, err = person.run("update", "remove", "1", capsys=capsys)
    assert code == 2 and "remove it there" in err
    code, _, err = person.run("update", "remove", "3", capsys=capsys)
    assert code == 2 and "there are 2 update(s)" in err
    assert person.run("update", "remove", "2", capsys=capsys)[0] == 0
    code, out, _ = person.run("update", "list", "--json", capsys=capsys)
    assert [u["text"] for u in json.loads(out)["updates"]] == ["Step 2 CK: 258"]


def test_help_states_the_configured_cadence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    person = Applicant(tmp_path, extra="[rules]\ncadence_days = 21\n")
    monkeypatch.setenv("AGENT_CONFIG", str(person.config))
    from agent.cli.main import main

    with pytest.raises(SystemExit) as done:
        main(["update", "--help"])
    assert done.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    assert "every 21 days (your [rules] cadence_days)" in text
