"""Every state of the decision ladder, through `plan()` with a hand-built snapshot and a
fixed clock: no disk, no store, no connector."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from agent.config import Config, Update
from agent.drafts.render import Renderer
from agent.facts.season import read_season
from agent.plan import Plan, Snapshot, plan
from agent.rules.followup import Assessment, DraftState, LedgerEntry
from connectors.base import MailMessage
from tests.support.builders import LAKESIDE, ME, config, message, program

CT = ZoneInfo("America/Chicago")
START = datetime(2026, 10, 5, 8, tzinfo=CT)
END = datetime(2026, 10, 5, 13, tzinfo=CT)
A, B = "pnatarajan@lakesidemed.org", "mchen@lakesidemed.org"
PEOPLE = [
    {"name": "Dr. Priya Natarajan", "email": A, "notes": "her QI project on sepsis bundles"},
    {"name": "Dr. Marcus Chen", "email": B},
]


def interviewed(**keys: object) -> Config:
    return config(
        program(
            interview=START.replace(tzinfo=None),
            interview_end=END.replace(tzinfo=None),
            interviewers=PEOPLE,
            **keys,
        ),
        program("Riverside University Internal Medicine", domains=["riverside.example"]),
    )


def entry(key: str, state: DraftState, at: datetime = END, kind: str = "thank-you") -> LedgerEntry:
    return LedgerEntry(
        key=key,
        kind=kind,
        program=LAKESIDE,
        account="a",
        recipient=A,
        subject="Thank you",
        message_id="<d@x>",
        state=state,
        provider_id="p1",
        reason="",
        needs_detail=False,
        planned_at=at,
        updated_at=at,
    )


def run(
    cfg: Config,
    now: datetime,
    mail: list[MailMessage] = (),  # type: ignore[assignment]
    ledger: dict[str, LedgerEntry] | None = None,
    first_seen: dict[str, datetime] | None = None,
    updates: tuple[Update, ...] = (),
) -> Plan:
    snapshot = Snapshot(
        season=read_season(cfg, {"a": list(mail)}),
        ledger=ledger or {},
        first_seen=first_seen if first_seen is not None else {},
        updates=updates,
    )
    return plan(cfg, snapshot, now, Renderer(cfg))


def of(result: Plan, kind: str, who: str = "") -> list[Assessment]:
    return [a for a in result.assessments if a.kind == kind and who in a.who]


SEEN = "interview:lakeside-medical-center-internal-medicine-residency:2026-10-05"
THANK_A = f"thank-you:lakeside-medical-center-internal-medicine-residency:2026-10-05:{A}"


def test_upcoming_until_the_interview_ends() -> None:
    result = run(interviewed(), END - timedelta(minutes=1))
    assert [a.state for a in of(result, "thank-you")] == ["upcoming", "upcoming"]
    assert {a.at for a in of(result, "thank-you")} == {END}
    assert result.actions == []


def test_due_when_the_window_opens_one_draft_per_interviewer() -> None:
    result = run(interviewed(), END + timedelta(hours=1))
    states = {a.who: (a.state, a.needs_detail) for a in of(result, "thank-you")}
    assert states == {
        "Dr. Priya Natarajan": ("due", False),
        "Dr. Marcus Chen": ("due", True),
    }
    assert sorted(a.draft.to[0].email for a in result.actions) == sorted([A, B])
    # The interview was seen for the first time now: the shell is told to remember it.
    assert result.sightings == [
        "interview:lakeside-medical-center-internal-medicine-residency:2026-10-05"
    ]


def test_the_ledger_decides_first_drafted_sent_deleted() -> None:
    now = END + timedelta(hours=2)
    for state, shown in (("created", "drafted"), ("sent", "sent"), ("dismissed", "deleted")):
        result = run(interviewed(), now, ledger={THANK_A: entry(THANK_A, state)})  # type: ignore[arg-type]
        (a,) = of(result, "thank-you", "Natarajan")
        assert a.state == shown
        assert all(x.followup.key != THANK_A for x in result.actions)  # type: ignore[union-attr]


def test_missed_after_48_hours_and_when_first_seen_too_late() -> None:
    closes = END + timedelta(hours=48)
    assert {a.state for a in of(run(interviewed(), closes), "thank-you")} == {"missed"}
    late = closes + timedelta(hours=1)
    result = run(interviewed(), late, first_seen={SEEN: late})
    assert {a.note for a in of(result, "thank-you")} == {
        "window closed before the agent saw the interview"
    }


def test_sent_when_the_applicant_wrote_on_their_own() -> None:
    wrote = message(sender=ME, to=A, folder="sent", date=END + timedelta(hours=3))
    result = run(interviewed(), END + timedelta(hours=4), [wrote])
    assert of(result, "thank-you", "Natarajan")[0].state == "sent"
    assert of(result, "thank-you", "Chen")[0].state == "due"


def test_skipped_by_a_contact_policy_and_for_a_cancelled_interview() -> None:
    result = run(interviewed(contact_policy="no-contact"), END + timedelta(hours=1))
    assert {(a.state, a.note) for a in of(result, "thank-you")} == {
        ("skipped", "program policy: no-contact")
    }
    confirm = message(
        subject="Interview confirmed",
        body="Your interview is confirmed for October 5, 2026 at 8:00 AM CT.",
        date=START - timedelta(days=9),
    )
    cancel = message(
        subject="Interview cancelled",
        body="Your interview on October 5, 2026 at 8:00 AM CT has been cancelled.",
        date=START - timedelta(days=2),
    )
    (a,) = of(run(interviewed(), END + timedelta(hours=1), [confirm, cancel]), "thank-you")
    assert (a.state, a.note) == ("skipped", "interview cancelled")


def test_no_address_without_interviewer_emails_or_a_coordinator() -> None:
    cfg = config(program(interview=START.replace(tzinfo=None), interviewers=[{"name": "Dr. B"}]))
    (a,) = of(run(cfg, END + timedelta(hours=1)), "thank-you")
    assert a.state == "no-address" and "add interviewers' emails" in a.note


def test_a_team_note_covers_interviewers_without_an_address() -> None:
    people = [PEOPLE[0], {"name": "Dr. Ada Okafor", "role": "APD"}]
    cfg = config(program(interview=START.replace(tzinfo=None), interviewers=people))
    coordinator = message(sender="alopez@lakesidemed.org", sender_name="Ana Lopez", body="Hi")
    result = run(cfg, END + timedelta(hours=1), [coordinator])
    kinds = sorted((a.kind, a.state) for a in result.assessments)
    assert kinds == [("thank-you", "due"), ("thank-you-team", "due")]
    team = next(x for x in result.actions if x.followup.kind == "thank-you-team")
    assert "Dr. Okafor" in team.draft.text and team.draft.to[0].email == "alopez@lakesidemed.org"


def test_blocked_by_the_lint_when_a_draft_names_another_program() -> None:
    people = [{**PEOPLE[0], "notes": "how Riverside University Internal Medicine runs its clinic"}]
    cfg = config(
        program(interview=START.replace(tzinfo=None), interviewers=people),
        program("Riverside University Internal Medicine", domains=["riverside.example"]),
    )
    (a,) = of(run(cfg, END + timedelta(hours=1)), "thank-you")
    assert a.state == "blocked" and "names another program" in a.note


def test_a_second_letter_of_intent_is_refused() -> None:
    cfg = config(
        program(interview=START.replace(tzinfo=None), interviewers=PEOPLE, top_choice=True),
        program("Riverside University Internal Medicine", domains=["riverside.example"]),
        season={"rank_deadline": "2027-03-03"},
    )
    earlier = entry("intent:riverside-university-internal-medicine", "created", kind="intent")
    result = run(cfg, datetime(2027, 2, 15, 9, tzinfo=CT), ledger={earlier.key: earlier})
    (a,) = of(result, "intent")
    assert a.state == "refused" and "honesty" in a.note


def test_intent_waits_for_the_interview_then_for_its_moment() -> None:
    director = {
        "name": "Dr. Rosa Diaz",
        "email": "rdiaz@lakesidemed.org",
        "role": "Program Director",
    }
    cfg = config(program(interviewers=[director], top_choice=True))
    (a,) = of(run(cfg, datetime(2026, 11, 1, tzinfo=CT)), "intent")
    assert a.state == "upcoming" and a.note == "after the interview, before the rank deadline"
    done = config(
        program(interview=START.replace(tzinfo=None), interviewers=[director], top_choice=True)
    )
    moment = datetime(2027, 2, 10, 9, tzinfo=ZoneInfo("America/New_York"))  # 21 days before
    (b,) = of(run(done, datetime(2026, 11, 1, tzinfo=CT)), "intent")
    assert (b.state, b.at, b.note) == ("upcoming", moment, "")
    (c,) = of(run(done, moment), "intent")
    assert c.state == "due" and c.recipient == "rdiaz@lakesidemed.org"


PROMISE = message(
    subject="Second look",
    body="Details about our Second Look Day will be sent by November 1.",
    date=datetime(2026, 10, 20, 10, tzinfo=CT),
)


def test_inquiry_upcoming_then_due_then_skipped_after_the_rank_deadline() -> None:
    cfg = interviewed()
    (a,) = of(run(cfg, datetime(2026, 11, 2, 9, tzinfo=CT), [PROMISE]), "inquiry")
    assert a.state == "upcoming" and a.at == datetime(2026, 11, 4, tzinfo=CT)
    due = run(cfg, datetime(2026, 11, 4, 0, 1, tzinfo=CT), [PROMISE])
    assert of(due, "inquiry")[0].state == "due"
    assert due.facts, "what was read from the promise's mail is handed back to keep"
    after = run(cfg, datetime(2027, 3, 4, 9, tzinfo=CT), [PROMISE])
    assert of(after, "inquiry")[0].state == "skipped"


def test_an_inquiry_drafted_under_an_older_name_of_its_promise_is_not_drafted_again() -> None:
    now = datetime(2026, 11, 4, 0, 1, tzinfo=CT)
    (due,) = [a for a in run(interviewed(), now, [PROMISE]).actions if a.followup.kind == "inquiry"]
    old_key = due.followup.key.rpartition(":")[0] + ":second-look-details-v0"
    old = entry(old_key, "created", at=now, kind="inquiry")
    (a,) = of(run(interviewed(), now, [PROMISE], {old_key: old}), "inquiry")
    assert a.state == "drafted"


def test_inquiry_fulfilled_when_the_promised_information_arrived() -> None:
    arrived = message(
        subject="Second Look Day details",
        body="Here are the details for our Second Look Day: https://lakeside.example/look",
        date=datetime(2026, 10, 30, 10, tzinfo=CT),
    )
    (a,) = of(run(interviewed(), datetime(2026, 11, 5, tzinfo=CT), [PROMISE, arrived]), "inquiry")
    assert a.state == "fulfilled"


def test_update_letters_skip_no_contact_and_wait_for_the_cadence() -> None:
    news = (Update(text="My abstract was accepted at SHM 2027", date=date(2026, 11, 10)),)
    now = datetime(2026, 11, 10, 12, tzinfo=CT)
    skipped = run(interviewed(contact_policy="no-contact"), now, updates=news)
    assert of(skipped, "update")[0].state == "skipped"
    coordinator = message(sender="alopez@lakesidemed.org", sender_name="Ana Lopez", body="Hi")
    drafted = entry("inquiry:earlier", "created", at=now - timedelta(days=3), kind="inquiry")
    result = run(interviewed(), now, [coordinator], {drafted.key: drafted}, updates=news)
    (a,) = of(result, "update")
    assert a.state == "upcoming" and a.at == drafted.planned_at + timedelta(days=14)
    assert "cadence" in a.note and "inquiry drafted on" in a.note


def test_a_drafted_inquiry_whose_information_arrived_is_obsolete() -> None:
    arrived = message(
        subject="Second Look Day details",
        body="Here are the details for our Second Look Day: https://lakeside.example/look",
        date=datetime(2026, 11, 5, 10, tzinfo=CT),
    )
    now = datetime(2026, 11, 4, 0, 1, tzinfo=CT)
    (due,) = [a for a in run(interviewed(), now, [PROMISE]).actions if a.followup.kind == "inquiry"]
    drafted = entry(due.followup.key, "created", at=now, kind="inquiry")
    later = datetime(2026, 11, 6, tzinfo=CT)
    (a,) = of(run(interviewed(), later, [PROMISE, arrived], {drafted.key: drafted}), "inquiry")
    assert a.state == "obsolete" and "you can delete the draft" in a.reason


def test_every_state_says_why_in_words_and_to_whom() -> None:
    now = END + timedelta(hours=1)
    wrote = message(sender=ME, to=A, folder="sent", date=END + timedelta(minutes=30))
    result = run(interviewed(), now, [wrote, PROMISE])
    for a in result.assessments:
        assert a.reason, a
    natarajan, chen = of(result, "thank-you", "Natarajan")[0], of(result, "thank-you", "Chen")[0]
    assert (natarajan.state, natarajan.recipient) == ("sent", A)
    assert chen.state == "due" and chen.reason.startswith("due: interview ended")
    assert chen.trail[0] == "ledger: not drafted yet" and chen.trail[-1] == "=> due"
    assert any(step.startswith("contact policy: welcome") for step in chen.trail)
    skipped = of(run(interviewed(contact_policy="no-contact"), now), "thank-you")[0]
    assert "contact policy is no-contact (config)" in skipped.reason
    (upcoming,) = of(run(interviewed(), now, [PROMISE]), "inquiry")
    assert upcoming.reason.startswith("waiting for its moment: opens Wed Nov 4")


def _promised(body: str) -> MailMessage:
    return message(subject="Your interview", body=body, date=datetime(2026, 9, 20, 10, tzinfo=CT))


def test_an_undated_promise_counts_from_the_interview_or_is_not_asked_about() -> None:
    cfg = interviewed()  # the interview is Oct 5
    closer = _promised("The Zoom link will be emailed closer to the date.")
    (a,) = of(run(cfg, datetime(2026, 10, 3, 9, tzinfo=CT), [closer]), "inquiry")
    assert a.state == "upcoming" and a.at == datetime(2026, 10, 4, tzinfo=CT)  # the eve
    after = _promised("We will send you the recording after your interview.")
    (b,) = of(run(cfg, datetime(2026, 10, 3, 9, tzinfo=CT), [after]), "inquiry")
    assert b.at == datetime(2026, 10, 15, tzinfo=CT)  # interview + 7 days + grace
    orientation = _promised("Your parking badge will be provided at orientation.")
    (c,) = of(run(cfg, datetime(2026, 10, 30, 9, tzinfo=CT), [orientation]), "inquiry")
    assert c.state == "skipped" and "cannot date" in c.reason
    soon = _promised("We will send the parking map soon.")
    (d,) = of(run(cfg, datetime(2026, 9, 21, 9, tzinfo=CT), [soon]), "inquiry")
    assert d.at == datetime(2026, 9, 30, tzinfo=CT)  # the default week and the grace
