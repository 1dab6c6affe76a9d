"""Drafts that read like one person wrote each, end to end through the real CLI on a real
Maildir: a season with a three-person panel at one program and several other programs.
Letters of one program differ in opening, fit and closing; no paragraph is shared across the
season; greetings follow the config; notes read right in any phrasing; the program is named
as it names itself; the same season renders the same letters again."""

from __future__ import annotations

import json
import re
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from agent.drafts.lint import shared_paragraphs
from tests.support.scenario import CT, ET, Applicant, mail

Cap = pytest.CaptureFixture[str]

PROGRAMS = """
[[programs]]
name = "Lakeside Medical Center Internal Medicine Residency"
aliases = ["Lakeside IM"]
domains = ["lakesidemed.org"]
timezone = "America/Chicago"
interview = 2026-10-07T08:00:00
interview_end = 2026-10-07T13:00:00
notes = "Resident-run free clinic; X+Y scheduling"

[[programs.interviewers]]
name = "Dr. Priya Natarajan"
email = "pnatarajan@lakesidemed.org"
role = "Program Director"
notes = "the QI project she leads on sepsis bundles"

[[programs.interviewers]]
name = "Jane van Dyke, MD"
email = "jvandyke@lakesidemed.org"
notes = "We talked about her global health trips."

[[programs.interviewers]]
name = "Ana Lopez"
email = "alopez@lakesidemed.org"
role = "Program Coordinator"
title = "Ms."
notes = "the the interview day logistics"

[[programs]]
name = "Riverside University Hospital Internal Medicine Residency"
domains = ["riversidehealth.org"]
interview = 2026-10-07T09:00:00
interview_end = 2026-10-07T13:00:00
notes = "the night float redesign"

[[programs.interviewers]]
name = "Maria de la Cruz, DO"
email = "mdelacruz@riversidehealth.org"
notes = "asked her about resident wellness"

[[programs.interviewers]]
name = "Sam Patel"
email = "spatel@riversidehealth.org"
role = "Residency Program Manager"
salutation = "Sam"
notes = "about the ambulatory block schedule"

[[programs]]
name = "Summit Health Internal Medicine Residency"
domains = ["summithealth.org"]
interview = 2026-10-08T09:00:00
interview_end = 2026-10-08T13:00:00

[[programs.interviewers]]
name = "Dr. Hans Van der Berg"
email = "hvanderberg@summithealth.org"
notes = "his research on heart failure readmissions"

[[programs.interviewers]]
name = "Dr. Ann Smith-Jones"
email = "asmithjones@summithealth.org"
notes = "She leads the medical education track."
"""

NOW = "2026-10-08T15:00:00-04:00"
EXPECTED_GREETINGS = {
    "pnatarajan@lakesidemed.org": "Dear Dr. Natarajan,",
    "jvandyke@lakesidemed.org": "Dear Dr. van Dyke,",
    "alopez@lakesidemed.org": "Dear Ms. Lopez,",
    "mdelacruz@riversidehealth.org": "Dear Dr. de la Cruz,",
    "spatel@riversidehealth.org": "Dear Sam,",
    "hvanderberg@summithealth.org": "Dear Dr. Van der Berg,",
    "asmithjones@summithealth.org": "Dear Dr. Smith-Jones,",
}


def season(root: Path, capsys: Cap) -> Applicant:
    jordan = Applicant(root, programs=PROGRAMS)
    jordan.deliver(
        mail(
            subject="Your interview day at Lakeside",
            body="Welcome! Our Lakeside residents look forward to meeting you.",
            date=datetime(2026, 9, 20, 9, tzinfo=CT),
        )
    )
    jordan.deliver(
        mail(
            subject="Interview confirmation",
            body="We look forward to your interview at Riverside University Hospital.",
            sender="Sam Patel <spatel@riversidehealth.org>",
            date=datetime(2026, 9, 21, 9, tzinfo=ET),
        )
    )
    code, out, err = jordan.run("sync", "--now", NOW, capsys=capsys)
    assert code == 0, out + err
    return jordan


def letters(jordan: Applicant) -> dict[str, str]:
    def to(draft: EmailMessage) -> str:
        return str(draft["To"].addresses[0].addr_spec)

    return {to(d): Applicant.text(d) for d in jordan.drafts()}


@pytest.fixture
def drafted(tmp_path: Path, capsys: Cap) -> tuple[Applicant, dict[str, str]]:
    jordan = season(tmp_path / "one", capsys)
    return jordan, letters(jordan)


def test_every_interviewer_is_greeted_as_the_config_says(
    drafted: tuple[Applicant, dict[str, str]],
) -> None:
    _, texts = drafted
    greetings = {to: text.split("\n")[0] for to, text in texts.items()}
    # The coordinator's note holds "the the" in the config: the lint holds it back.
    assert greetings == {k: v for k, v in EXPECTED_GREETINGS.items() if "alopez" not in k}


def test_two_letters_of_one_program_differ_and_no_paragraph_is_shared(
    drafted: tuple[Applicant, dict[str, str]],
) -> None:
    _, texts = drafted
    lakeside = [t.split("\n\n") for to, t in texts.items() if to.endswith("lakesidemed.org")]
    assert len(lakeside) == 2
    for section in (1, 3, 4):  # opening, fit, closing
        assert lakeside[0][section] != lakeside[1][section]
    assert shared_paragraphs(texts.values()) == []


def test_notes_read_right_in_any_phrasing(drafted: tuple[Applicant, dict[str, str]]) -> None:
    _, texts = drafted
    prose = "\n".join(texts.values())
    assert "the QI project you lead on sepsis bundles" in prose
    assert "We talked about your global health trips." in prose
    assert "I asked you about resident wellness." in prose
    assert "the ambulatory block schedule" in prose and "about about" not in prose
    assert "I enjoyed learning that you lead the medical education track." in prose
    assert "the resident-run free clinic and X+Y scheduling" in prose
    assert "the the" not in prose.lower() and "The the" not in prose


def test_the_lint_holds_back_a_doubled_word_and_says_why(
    drafted: tuple[Applicant, dict[str, str]], capsys: Cap
) -> None:
    jordan, _ = drafted
    code, out, _ = jordan.run("status", "--json", "--now", NOW, capsys=capsys)
    assert code == 0
    board = json.loads(out)
    blocked = [f for p in board["programs"] for f in p["followups"] if f["state"] == "blocked"]
    assert len(blocked) == 1 and "doubled word: 'the the'" in blocked[0]["note"]


def test_the_program_is_named_as_it_names_itself(
    drafted: tuple[Applicant, dict[str, str]],
) -> None:
    _, texts = drafted
    for to, text in texts.items():
        if to.endswith("riversidehealth.org"):
            assert "Riverside University Hospital" in text
            # Its mail never says "Riverside" alone: the letters never shorten it so.
            assert not re.search(r"Riverside(?! University Hospital)", text)
        if to.endswith("summithealth.org"):
            assert "Summit Health" in text


def test_the_same_season_renders_the_same_letters(
    drafted: tuple[Applicant, dict[str, str]], tmp_path: Path, capsys: Cap
) -> None:
    _, texts = drafted
    assert letters(season(tmp_path / "two", capsys)) == texts
