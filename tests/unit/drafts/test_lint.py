"""The lint's reading checks: each rule fires on its slip and stays quiet on good prose."""

from __future__ import annotations

from agent.drafts import lint
from agent.drafts.naming import institution, program_names, tells_in
from agent.drafts.render import CreateDraft
from agent.rules.followup import FollowUp
from connectors.base import Address, OutgoingDraft
from tests.support.builders import LAKESIDE, config, program

CFG = config(program(), program("Riverside University Hospital Internal Medicine Residency"))
SIGNATURE = "\n\nSincerely,\nJordan Rivera\njordan.rivera@med.example.edu | (555) 123-4567\n"


def problems(body: str, mail: tuple[str, ...] = (), subject: str = "Thank You") -> list[str]:
    to = Address("Dr. Priya Natarajan", "pnatarajan@lakesidemed.org")
    followup = FollowUp("k", "thank-you", LAKESIDE, "a", to, "thank_you.txt.j2", {}, "")
    text = "Dear Dr. Natarajan,\n\n" + body + SIGNATURE
    draft = OutgoingDraft("k", "<k@x>", Address("J", "j@x.org"), (to,), subject, text)
    return lint.check(CFG, CreateDraft(followup, draft), mail)


GOOD = (
    "Thank you for speaking with me on October 5 about the Internal Medicine residency "
    "position at Lakeside Medical Center.\n\nI especially appreciated our conversation about "
    "your QI project. Dr. van Dyke joined us at 9 a.m. for Plan A."
)


def test_good_prose_passes() -> None:
    assert problems(GOOD) == []


def test_a_doubled_word_is_caught() -> None:
    (problem,) = problems(GOOD.replace("about your", "about the the"))
    assert "doubled word: 'the the'" in problem
    assert problems(GOOD + " What it had had in mind was clear.") == []  # grammatical
    assert problems(GOOD + " I grew up near Walla Walla.") == []  # a place
    assert "doubled word: 'The the'" in problems(GOOD + " The the clinic.")[0]


def test_a_sentence_starting_lower_case_is_caught() -> None:
    assert problems(GOOD + " I trained in the U.S. before. It was e.g. fine at 9 a.m. today.") == []
    (problem,) = problems(GOOD + " we also talked about the clinic.")
    assert "starts lower-case: 'we'" in problem
    (problem,) = problems(GOOD + "\n\nthank you again.")
    assert "starts lower-case: 'thank'" in problem


def test_an_empty_detail_is_caught() -> None:
    for hole in (
        "I especially appreciated our conversation about .",
        "I especially appreciated our conversation about the .",
        "I am excited to train there, particularly given the , and more.",
    ):
        assert any("empty detail" in p for p in problems(GOOD + "\n\n" + hole)), hole


def test_a_shortened_name_the_program_never_uses_is_caught() -> None:
    body = GOOD + " I would be glad to train at Lakeside."
    # The alias "Lakeside IM" shows the program calls itself "Lakeside": fine.
    assert problems(body) == []
    cfg = config(program(aliases=[]))
    to = Address("Dr. Priya Natarajan", "pnatarajan@lakesidemed.org")
    followup = FollowUp("k", "thank-you", LAKESIDE, "a", to, "thank_you.txt.j2", {}, "")
    draft = OutgoingDraft("k", "<k@x>", Address("J", "j@x.org"), (to,), "Thanks", body)
    mail = ["Welcome to Lakeside Medical Center! Our residents love the Lakeside Medical Center."]
    (problem,) = lint.check(cfg, CreateDraft(followup, draft), mail)
    assert "'Lakeside', a shortened name it never uses" in problem
    # Once its own mail says "Lakeside", the short name is the program's own.
    assert lint.check(cfg, CreateDraft(followup, draft), [*mail, "See you at Lakeside soon"]) == []


def test_names_the_program_as_configured_without_specialty_words() -> None:
    assert institution(LAKESIDE, "Internal Medicine") == "Lakeside Medical Center"
    assert institution(
        "Internal Medicine Residency at Lakeside Medical Center", "Internal Medicine"
    ) == ("Lakeside Medical Center")
    assert institution("Lakeside IM", "Internal Medicine") == "Lakeside"
    assert institution("Summit Health – Internal Medicine (Categorical)", "Internal Medicine") == (
        "Summit Health"
    )
    for name, place in (
        (
            "University of Washington Internal Medicine Residency - Seattle",
            "University of Washington",
        ),
        ("UCSF Internal Medicine (Primary Care Track)", "UCSF"),
        (
            "Icahn School of Medicine at Mount Sinai, Internal Medicine",
            "Icahn School of Medicine at Mount Sinai",
        ),
        ("Massachusetts General Hospital Medicine", "Massachusetts General Hospital"),
    ):
        assert institution(name, "Internal Medicine") == place
    names = program_names(LAKESIDE, [], "Internal Medicine", ["at LakeSide Medical Center"])
    assert names.place == "LakeSide Medical Center"  # the program's own spelling
    assert tells_in("Train at LakeSide Medical Center and at Lakeside.", names) == ["Lakeside"]


def test_shared_paragraphs_ignore_greetings_and_signatures() -> None:
    one = "Dear Dr. A,\n\nThank you for the day.\n\nUnique one.\n\nSincerely,\nJordan\n"
    two = "Dear Dr. A,\n\nThank you for the day.\n\nUnique two.\n\nSincerely,\nJordan\n"
    assert lint.shared_paragraphs([one, two]) == ["Thank you for the day."]
    assert lint.shared_paragraphs([one, two.replace("Thank you for the day.", "Other.")]) == []


def test_an_address_or_domain_in_the_programs_mail_is_not_how_it_writes_its_name() -> None:
    from agent.drafts.naming import program_names

    mail = ["Dr. Nadia Haddad (nhaddad@northgate.example) - Program Director"]
    names = program_names("Northgate Internal Medicine", [], "Internal Medicine", mail)
    assert names.place == "Northgate"


def test_a_shortening_that_is_a_common_word_is_only_a_tell_as_a_name() -> None:
    from agent.drafts.naming import program_names, tells_in

    names = program_names(
        "Program 17 Medical Center Internal Medicine Residency", [], "Internal Medicine"
    )
    assert tells_in("I enjoyed learning about your program and its clinic.", names) == []
    assert tells_in("I would be glad to train at Program.", names) == ["Program"]
