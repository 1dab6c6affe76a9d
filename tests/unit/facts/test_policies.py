"""Contact policies read from the program's own words (facts/policies.py, facts/text.py)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from agent.facts.policies import policy_from_mail, policy_of_text
from agent.facts.text import message_body, own_text, sentences
from connectors.base import Address, MailMessage
from connectors.mime import html_to_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus" / "policies.json"
ROUND2 = CORPUS.with_name("policies-round2.json")  # written apart from the rules, round 2
RESTRICTIVE = {"no-contact", "discouraged"}


def _items(split: str, files: tuple[Path, ...] = (CORPUS,)) -> list[dict[str, Any]]:
    items = [i for f in files for i in json.loads(f.read_text(encoding="utf-8"))]
    return [i for i in items if i["kind"] == "policy" and i["split"] == split]


def _label(text: str) -> str | None:
    body = html_to_text(text) if text.lstrip().startswith("<") else text
    found = policy_of_text(body)
    return found[0] if found else None


def _msg(body: str, day: int = 1, subject: str = "Interview day") -> MailMessage:
    return MailMessage(
        id=f"m{day}",
        folder="inbox",
        message_id=f"<m{day}@program.example>",
        subject=subject,
        sender=Address("Ana Lopez", "alopez@program.example"),
        to=(Address("", "jordan@med.example"),),
        cc=(),
        date=datetime(2026, 11, 1, 12, tzinfo=UTC) + timedelta(days=day),
        body=body,
    )


@pytest.mark.parametrize("item", _items("dev", (CORPUS, ROUND2)), ids=lambda i: i["id"])
def test_own_dev_examples(item: dict[str, Any]) -> None:
    assert _label(item["text"]) == item["expected"], item["text"]


def test_aside_examples_keep_the_target() -> None:
    """Held-aside examples are never tuned on; only their figures are kept above the target."""
    pairs = [(_label(i["text"]), i["expected"]) for i in _items("aside")]
    found = [(got, want) for got, want in pairs if got in RESTRICTIVE]
    right = [1 for got, want in found if want in RESTRICTIVE]
    wanted = [want for _, want in pairs if want in RESTRICTIVE]
    assert len(right) / max(1, len(found)) >= 0.95
    assert len(right) / max(1, len(wanted)) >= 0.90


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        ("We do not accept thank-you notes.", "no-contact"),
        ("Post-interview correspondence will be discarded without being read.", "no-contact"),
        ("Thank-you notes aren't accepted this year.", "no-contact"),
        ("Thank-you notes are not necessary and will not affect your ranking.", "discouraged"),
        ("Please limit emails to our faculty after your interview.", "discouraged"),
        ("Thank-you notes are welcome but not required.", "welcome"),
        ("Thank you notes are not required.", "discouraged"),
    ],
)
def test_ways_programs_say_it(text: str, policy: str) -> None:
    assert _label(text) == policy


@pytest.mark.parametrize(
    "text",
    [
        "NRMP rules say programs may not require post-interview communication.",
        "Please do not reply to this automated email; thank-you notes go to the coordinator.",
        "We will not contact you after your interview about your rank.",
        "Questions about thank-you notes should go to the GME office instead.",
        "Interviewers will not read your application file before the interview.",
        "Thank you for interviewing with us!",
    ],
)
def test_not_the_programs_stance(text: str) -> None:
    assert _label(text) is None


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        # avoidance asked in the passive, or of a thing rather than an act
        ("Post-interview contact with faculty is to be avoided.", "no-contact"),
        ("Please avoid any post-interview communication with our faculty.", "no-contact"),
        # the program choosing not to receive, or not taking, what is sent
        ("Our faculty have opted not to receive thank-you emails.", "no-contact"),
        ("We do not want to receive letters of intent.", "no-contact"),
        ("We don't take thank-you notes.", "no-contact"),
        # kept out of the file, or never shown to those who decide
        ("Letters of intent will not be added to your file.", "no-contact"),
        ("Thank-you notes won't be shared with the selection committee.", "no-contact"),
        # a polite request, an imperative "skip", "we'd rather you didn't"
        ("We'd appreciate it if you do not send thank-you notes.", "no-contact"),
        ("We'd rather you didn't send thank-you notes.", "no-contact"),
        ("Honestly, skip the thank-you notes.", "no-contact"),
        # a condition is no request: "if you don't send one" is fine
        ("We won't hold it against you if you don't send a thank-you note.", "discouraged"),
        ("If you don't send a thank-you note, that's fine: it has no effect.", "discouraged"),
        ("Interviewers are not expecting to hear from you after the interview.", "discouraged"),
        ("Our rank list is final; correspondence afterward does not affect it.", "discouraged"),
        # what is sent will be passed on; an invitation to keep in touch
        ("No need to write, but any notes you send will be passed along to faculty.", "welcome"),
        ("You'll be able to email your interviewers after the interview.", "welcome"),
        ("Please feel free to keep in touch!", "welcome"),
    ],
)
def test_round_two_families(text: str, policy: str) -> None:
    assert _label(text) == policy


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        # a restriction denied is a permission
        ("We do not discourage thank-you notes.", "welcome"),
        ("Post-interview contact is not prohibited.", "welcome"),
        ("There is no rule against contacting faculty after your interview.", "welcome"),
        ("We have no policy on thank-you notes, but faculty will not read them.", "no-contact"),
        ("Thank-you notes are not only discouraged but prohibited.", "no-contact"),
        # short answers after a question keep its topic
        ("Thank-you notes? Not needed. Not read. Not considered.", "no-contact"),
    ],
)
def test_negation_scope(text: str, policy: str) -> None:
    assert _label(text) == policy


@pytest.mark.parametrize(
    "text",
    [
        # a question, or a question quoted in the program's sentence, states nothing
        "Should you send a thank-you note after the interview?",
        'You asked, "Should we avoid emailing faculty after the interview?" Good question.',
        # what other programs do
        "Some programs do not accept thank-you notes, and that is their call.",
        # a thing, or someone outside the program, is what should not be sent or contacted
        "Please do not send us your slides after the interview; we will have a copy.",
        "Do not contact the hotel to extend your stay after the interview.",
    ],
)
def test_not_a_stance_round_two(text: str) -> None:
    assert _label(text) is None


def test_the_promise_not_to_contact_is_cut_out_and_the_rest_read() -> None:
    text = "Faculty will not email applicants after interviews, and we ask that you not email them."
    assert _label(text) == "no-contact"


def test_a_refusal_wins_within_a_message_and_accepting_beats_not_required() -> None:
    both = "Thank-you notes are not necessary. Faculty will not respond to post-interview email."
    assert _label(both) == "no-contact"
    kind = "Thank-you notes are not necessary. If you'd like to send one, I'll pass it along."
    assert _label(kind) == "welcome"


def test_the_season_keeps_the_most_restrictive_statement_and_cites_it() -> None:
    welcome = _msg("Thank-you notes are welcome!", day=1)
    strict = _msg("Please refrain from contacting faculty after your interview.", day=2)
    later = _msg("Thank-you notes are appreciated but not required.", day=3)
    found = policy_from_mail([later, strict, welcome])
    assert found is not None
    assert (found.policy, found.source) == ("no-contact", strict)
    assert found.sentence == "Please refrain from contacting faculty after your interview."


def test_the_applicants_own_mail_is_never_a_statement() -> None:
    mine = _msg("I know thank-you notes are not accepted.")
    mine = replace(mine, folder="sent")
    assert policy_from_mail([mine], frozenset({"alopez@program.example"})) is None


# -- the program's own words (text.py) ---------------------------------------------------


def test_gmail_quote_is_not_new_text() -> None:
    body = (
        "See you Thursday!\n\nOn Mon, Nov 2, 2026 at 9:14 AM Residency Office <im@x.example>\n"
        "wrote:\n> Thank-you notes will be discarded unread."
    )
    assert message_body(body).strip() == "See you Thursday!"


@pytest.mark.parametrize(
    "marker",
    [
        "---------- Forwarded message ---------\nFrom: IM <im@x.example>\nDate: Nov 3",
        "Begin forwarded message:\n\nFrom: IM <im@x.example>",
        "-----Original Message-----\nFrom: IM",
        "From: Residency Office <im@x.example>\nSent: Monday, November 2, 2026 9:00 AM",
        "From: Residency Office <im@x.example>\nDate: Monday, November 2, 2026\nTo: Jordan",
    ],
)
def test_forwarded_and_outlook_blocks_are_not_new_text(marker: str) -> None:
    body = f"FYI below.\n\n{marker}\n\nPlease do not send thank-you notes."
    assert "thank-you" not in message_body(body)


def test_a_platform_relay_is_new_text() -> None:
    body = (
        "You have a new message.\nFrom: Harbor Internal Medicine\nSubject: After your interview"
        "\n\nMessage from the program: We do not accept thank-you notes."
    )
    own = sentences(message_body(body))
    assert "Message from the program: We do not accept thank-you notes." in own
    assert _label(body) == "no-contact"


def test_the_signature_goes_but_a_short_thanks_mid_message_does_not_end_it() -> None:
    body = (
        "Thanks again!\n\nA few notes about the day: thank-you notes are not accepted.\n\n"
        "Best,\nAna Lopez\nCoordinator\n\nP.S. Parking is free.\n\nCONFIDENTIAL: do not forward."
    )
    own = message_body(body)
    assert "thank-you notes are not accepted" in own
    assert "Ana Lopez" not in own
    assert "P.S. Parking is free." in own
    assert "CONFIDENTIAL" not in own


def test_sentences_keep_paragraphs_and_list_items_apart() -> None:
    body = "Post-Interview Communication\n- Thank you notes: not accepted\n- Dr. Lee: PD"
    assert sentences(body) == [
        "Post-Interview Communication",
        "Thank you notes: not accepted",
        "Dr. Lee: PD",
    ]


def test_a_policy_in_the_signature_is_the_programs_but_a_disclaimer_is_not() -> None:
    body = (
        "Your itinerary is attached.\n\nBest,\nDana Wells\nProgram Coordinator\n"
        "Please note: our program does not accept post-interview communication."
    )
    assert "does not accept" in own_text(body) and "does not accept" not in message_body(body)
    assert _label(body) == "no-contact"
    disclaimer = (
        "If you are not the intended recipient, please do not read, forward or share this "
        "email with faculty or residents."
    )
    assert _label(disclaimer) is None


def test_a_someone_wrote_line_starts_quoted_text() -> None:
    body = (
        "Hi Jordan - yes, see you then.\n\nJordan Reyes wrote on 11/9/2026:\n"
        "I heard faculty will not read thank-you notes, so I should refrain."
    )
    assert message_body(body).strip() == "Hi Jordan - yes, see you then."
    assert _label(body) is None


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        # what is refused: any thing the applicant might send, named or not
        ("Statements of interest will not be accepted after interviews.", "no-contact"),
        ("Additional materials submitted after your interview will not be reviewed.", "no-contact"),
        ("Follow-ups to faculty will not be answered.", "no-contact"),
        ('We do not accept "love letters" from applicants.', "no-contact"),
        ("No one on the committee will see post-interview notes.", "no-contact"),
        ("Thank-you notes go straight in the bin.", "no-contact"),
        ("Our policy: zero post-interview contact.", "no-contact"),
        ("You needn't send a thank-you.", "discouraged"),
        ("Please send no more than one update after your interview.", "discouraged"),
        # accepting words, unless negated
        ("Post-interview updates are welcomed.", "welcome"),
        ("We accept thank-you notes but they're not required.", "welcome"),
        ("Reaching out to residents after your interview is encouraged.", "welcome"),
        ("Residents are encouraged to reach out to applicants they met.", None),
        ("Your rank intentions? Please don't share them with faculty.", None),
    ],
)
def test_what_is_sent_and_how_it_is_received(text: str, policy: str | None) -> None:
    assert _label(text) == policy


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        # the applicant hearing nothing more from the program is its promise, not a policy
        ("You will not receive updates from us after your interview until Match Day.", None),
        ("You will not receive a response to thank-you notes.", "no-contact"),
        # the faculty's work on applications is not mail the applicant sends
        ("Faculty do not review applications after interview season.", None),
    ],
)
def test_who_receives_and_what(text: str, policy: str | None) -> None:
    assert _label(text) == policy


@pytest.mark.parametrize(
    ("text", "policy"),
    [
        ("Kindly note that thank you mails shall not be entertained.", "no-contact"),
        ("thank u notes r not needed lol", "discouraged"),
    ],
)
def test_typos_and_other_englishes(text: str, policy: str) -> None:
    assert _label(text) == policy
