"""The itinerary reader: whom the applicant meets, from the program's own words."""

from __future__ import annotations

import json
import re
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from agent.facts.interviewers import as_interviewers, interviewers_from_mail, read_itinerary
from agent.facts.people import Person
from connectors.base import Address, MailMessage
from connectors.mime import html_to_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "interviewers.json"


def _items() -> list[dict[str, Any]]:
    """The dev examples; the aside ones are only measured (bench/mail_facts.py), never tuned on."""
    items = json.loads(CORPUS.read_text())
    return [i for i in items if i["kind"] == "interviewers" and i["split"] == "dev"]


def _same_role(want: str | None, got: str | None) -> bool:
    if want is None or got is None:
        return want is got
    return want.lower() == got.lower()


@pytest.mark.parametrize("item", _items(), ids=lambda i: i["id"])
def test_own_examples_read_as_labelled(item: dict[str, Any]) -> None:
    got = read_itinerary(item["text"]).people
    assert [p.name.lower() for p in got] == [w["name"].lower() for w in item["expected"]]
    for want, person in zip(item["expected"], got, strict=True):
        assert _same_role(want["role"], person.role), (want, person)
        assert person.email == want["email"], (want, person)


def names(text: str, applicant: str | None = None) -> list[str]:
    return [p.name for p in read_itinerary(text, applicant).people]


def test_a_name_is_kept_as_written_without_honorific_or_credentials() -> None:
    found = read_itinerary("Interviewers:\n- Dr. Ana María de la Cruz, MD, MPH, Chair").people
    assert found == [Person("Ana María de la Cruz", "Chair", None)]


def test_each_person_once_with_what_any_mention_gave() -> None:
    text = (
        "You will meet with:\n- Dr. Hale\n- Dr. Ruth Ames\n\n"
        "Interview with Dr. Marcus Hale, Program Director (mhale@x.example)"
    )
    assert read_itinerary(text).people == [
        Person("Marcus Hale", "Program Director", "mhale@x.example"),
        Person("Ruth Ames", None, None),
    ]


def test_all_capitals_itinerary() -> None:
    text = "YOUR INTERVIEWERS\nDR. NINA OLSEN, MD - PROGRAM DIRECTOR - NOLSEN@FJORD.EXAMPLE"
    (nina,) = read_itinerary(text).people
    assert nina.name == "Nina Olsen" and nina.email == "nolsen@fjord.example"
    assert nina.role is not None and nina.role.lower() == "program director"


def test_the_addressee_is_not_an_interviewer() -> None:
    text = "Dear Dr. Rivera,\n\nDr. Rivera - your interviewers: Dr. Kim and Dr. Lo."
    assert names(text, "Jordan Rivera") == ["Kim", "Lo"]
    # addressed only by surname at the start; mid-sentence the same surname is a colleague
    assert names("Dr. Patel, you'll interview with Dr. Ames.", "Sam Patel") == ["Ames"]
    assert names("Interviews with Drs. Patel and Ames.", "Sam Patel") == ["Patel", "Ames"]
    # an interviewer who shares only a surname with the applicant stays
    assert names("You will meet with Dr. Ana Rivera.", "Jordan Rivera") == ["Ana Rivera"]


@pytest.mark.parametrize(
    "text",
    [
        "Dr. Amy Wu will give the welcome, and the tour is led by Dr. Sam Ode.",
        "Questions? Contact our coordinator, Ms. Dee Parr.",
        "Interviewers: TBA",
        "Residents at the social: Dr. Lee Park (PGY-1), Dr. Ola Ige (PGY-2).",
        "Noon conference speaker: Dr. Ray Bloom, Cardiology.",
        "Meet our chiefs:\nDr. Ina Voss\nDr. Paolo Reni",
    ],
)
def test_presenters_hosts_contacts_and_rosters_are_not_interviewers(text: str) -> None:
    assert names(text) == []


def test_quoted_itinerary_is_not_the_programs_new_word() -> None:
    text = "Sounds good!\n\nOn Mon, Nov 2, 2026 at 9:00 AM Jordan wrote:\n> meeting Dr. Al Reed"
    assert names(text) == []


def _mail(body: str, day: int, sender: str = "coord@lakeside.example") -> MailMessage:
    return MailMessage(
        id=f"m{day}",
        folder="inbox",
        message_id=f"<m{day}@x>",
        subject="Itinerary",
        sender=Address("Coordinator", sender),
        to=(Address("Jordan", "jordan.rivera@med.example.edu"),),
        cc=(),
        date=datetime(2026, 11, day, 12, tzinfo=UTC),
        body=body,
    )


def test_the_latest_itinerary_wins() -> None:
    first = _mail("Your interviewers:\n- Dr. Ann Bell, PD (abell@l.example)\n- Dr. Cy Dorn", 2)
    second = _mail("Updated itinerary. Your interviewers:\n- Dr. Ann Bell\n- Dr. Eve Fox", 5)
    found = interviewers_from_mail([first, second])
    assert found == [Person("Ann Bell", "PD", "abell@l.example"), Person("Eve Fox")]


def test_a_replacement_note_swaps_one_interviewer() -> None:
    first = _mail("Your interviewers:\n- Dr. Ann Bell\n- Dr. Cy Dorn", 2)
    change = _mail("Dr. Cy Dorn is no longer available; Dr. Gil Hunt will interview you.", 6)
    assert [p.name for p in interviewers_from_mail([first, change])] == ["Ann Bell", "Gil Hunt"]


def test_a_single_reminder_does_not_drop_the_others() -> None:
    first = _mail("Your interviewers:\n- Dr. Ann Bell\n- Dr. Cy Dorn", 2)
    reminder = _mail("Reminder: your interview with Dr. Cy Dorn is at 9 AM tomorrow.", 8)
    assert [p.name for p in interviewers_from_mail([first, reminder])] == ["Ann Bell", "Cy Dorn"]


def test_mail_interviewers_have_no_notes_and_keep_only_valid_addresses() -> None:
    people = [Person("Ann Bell", "PD", "abell@l.example"), Person("Cy Dorn", None, "cy@@x")]
    bell, dorn = as_interviewers(people)
    assert (bell.email, bell.notes) == ("abell@l.example", None)
    assert dorn.email is None and dorn.name == "Cy Dorn"


def test_html_table_rows_as_the_mime_reader_gives_them() -> None:
    # connectors.mime.html_to_text: one row a line, cells tab-separated, <br> a new line
    text = (
        "Time\tSession\tWith\n8:00\tWelcome\tDr. Kay Lund, PD\n"
        "8:30\tInterview\tDr. Kay Lund, PD\nklund@x.example\n9:00\tInterview\tDr. Moe Ng, APD"
    )
    found = read_itinerary(text).people
    assert found == [Person("Kay Lund", "PD", "klund@x.example"), Person("Moe Ng", "APD", None)]
    assert re.fullmatch(r"[\w ]+", found[0].name)


def test_a_program_after_interview_with_is_no_person() -> None:
    assert names("Thank you for your interview with Blue Ridge Neurology, truly.") == []
    assert names("Your interview with Harbor County Health, Monday at 9.") == []


def test_names_without_honorific_joined_in_a_sentence() -> None:
    text = "Your interviewers are Ana Diaz, Program Director, and Ben Cho (APD)."
    assert read_itinerary(text).people == [
        Person("Ana Diaz", "Program Director"),
        Person("Ben Cho", "APD"),
    ]


def test_an_html_mailto_link_keeps_its_address_for_the_reader() -> None:
    text = html_to_text(
        '<ul><li><a href="mailto:ana@x.example">Dr. Ana Ruiz</a>, PD</li>'
        '<li><a href="mailto:bo@x.example">bo@x.example</a></li></ul>'
    )
    assert "Dr. Ana Ruiz <ana@x.example>, PD" in text
    assert text.count("bo@x.example") == 1
    assert read_itinerary("Interviewers:\n" + text).people[0].email == "ana@x.example"


def test_hostile_length_is_read_in_bounded_time() -> None:
    started = time.monotonic()
    read_itinerary("Interviewers: " + ", ".join(f"Dr. Aa Bb{i}" for i in range(3000)))
    read_itinerary("Dr. " * 30000)
    assert time.monotonic() - started < 5  # was quadratic: 50 s for the first line alone
