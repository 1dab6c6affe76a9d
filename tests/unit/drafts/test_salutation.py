"""Greetings: Dr. for doctors, particles and hyphens kept, titles only when given."""

from __future__ import annotations

import pytest

from agent.config import Interviewer
from agent.drafts.salutation import greet, salutation


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. Priya Natarajan", "Dr. Natarajan"),
        ("Priya Natarajan, MD", "Dr. Natarajan"),
        ("Priya Natarajan MD, MPH", "Dr. Natarajan"),
        ("Marcus Chen, DO", "Dr. Chen"),
        ("Lena Fischer, PhD", "Dr. Fischer"),
        ("Dr. Jane van Dyke", "Dr. van Dyke"),
        ("Maria de la Cruz, MD", "Dr. de la Cruz"),
        ("Dr. Hans Van der Berg", "Dr. Van der Berg"),
        ("Dr. Ann Smith-Jones", "Dr. Smith-Jones"),
        ("Dr. Anne-Marie Dubois", "Dr. Dubois"),
        ("Dr. Juan de los Santos", "Dr. de los Santos"),
        ("Dr. John Smith Jr.", "Dr. Smith"),
        ("Natarajan, Priya, MD", "Dr. Natarajan"),
        ("prof. Jane van Dyke", "Prof. van Dyke"),
        ("Ms. Ana Lopez", "Ms. Lopez"),
        ("Mr Sam Patel", "Mr. Patel"),
        ("Ana Lopez", "Ana Lopez"),
        ("Lopez, Ana", "Ana Lopez"),
        ("Jane Doe, MS", "Jane Doe"),  # a master's degree is no doctorate
        ("Van", "Van"),
    ],
)
def test_salutation_from_the_name_alone(name: str, expected: str) -> None:
    assert salutation(name) == expected


def test_a_title_from_the_config_is_used_only_when_the_name_gives_none() -> None:
    assert salutation("Ana Lopez", title="Ms.") == "Ms. Lopez"
    assert salutation("Ana Lopez", title="mx") == "Mx. Lopez"
    assert salutation("Sam de Vries", title="Mr.") == "Mr. de Vries"
    assert salutation("Dr. Ana Lopez", title="Ms.") == "Dr. Lopez"  # the degree wins


def test_staff_without_a_title_are_greeted_by_full_name_and_physicians_by_role() -> None:
    assert salutation("Ana Lopez", role="Program Coordinator") == "Ana Lopez"
    assert salutation("Priya Natarajan", role="Program Director") == "Dr. Natarajan"
    assert salutation("Kim Ross", role="Chief Resident") == "Dr. Ross"
    assert salutation("Sam Patel", role="Residency Program Manager") == "Sam Patel"


def test_the_configured_salutation_wins_as_written() -> None:
    assert salutation("Dr. Ana Lopez", override="Ana") == "Ana"
    assert salutation("Dr. Ana Lopez", override="Dear Ana,") == "Ana"
    person = Interviewer(name="Dr. Priya Natarajan", salutation="Dr. Priya")
    assert greet(person) == "Dr. Priya"
    assert greet(Interviewer(name="Ana Lopez", title="Ms.")) == "Ms. Lopez"
    assert greet(Interviewer(name="Ana Lopez")) == "Ana Lopez"


@pytest.mark.parametrize(
    ("display", "expected"),
    [
        ("ANA LOPEZ", "Ana Lopez"),
        ("ana lopez", "Ana Lopez"),
        ("Ana Lopez | IM Residency Coordinator", "Ana Lopez"),
        ("Dr. Priya Natarajan - Program Director", "Dr. Natarajan"),
        ("Lopez, Ana (MD)", "Dr. Lopez"),
        ("Priya Natarajan (she/her)", "Priya Natarajan"),
        ('"Lopez, Ana"', "Ana Lopez"),
        ("JANE VAN DYKE, MD", "Dr. van Dyke"),
    ],
)
def test_display_names_from_mail_are_made_names(display: str, expected: str) -> None:
    assert salutation(display) == expected
