"""The functional core with a fixed clock: threads, matching, interview facts, salutations
and the thank-you rule's states."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from agent import config as config_mod
from agent.drafts.render import institution, listing, salutation
from agent.facts.interviews import find_datetime, interview_from_mail
from agent.facts.matching import Matcher
from agent.facts.policies import policy_from_mail
from agent.facts.season import read_season
from agent.facts.threads import build_threads
from agent.rules.ladder import decide_all
from agent.rules.thank_you import thank_yous
from connectors.base import Address, MailMessage

ME = "jordan.rivera@med.example.edu"
CT = ZoneInfo("America/Chicago")


def cfg(**program: object) -> config_mod.Config:
    base: dict[str, object] = {
        "name": "Lakeside Medical Center Internal Medicine Residency",
        "aliases": ["Lakeside IM"],
        "domains": ["lakesidemed.org"],
        "timezone": "America/Chicago",
    }
    base.update(program)
    return config_mod.parse(
        {
            "applicant": {"name": "Jordan Rivera", "email": ME, "timezone": "America/New_York"},
            "accounts": [{"name": "a", "provider": "maildir", "path": "/tmp/x"}],
            "programs": [base, {"name": "Riverside IM", "domains": ["riversidehealth.org"]}],
        }
    )


_n = 0


def msg(
    sender: str = "alopez@lakesidemed.org",
    to: str = ME,
    subject: str = "Hello",
    body: str = "",
    date: datetime = datetime(2026, 9, 20, 12, tzinfo=UTC),
    folder: str = "inbox",
    **kw: object,
) -> MailMessage:
    global _n
    _n += 1
    return MailMessage(
        id=f"m{_n}",
        folder=folder,
        message_id=kw.pop("message_id", f"<m{_n}@x>"),  # type: ignore[arg-type]
        subject=subject,
        sender=Address("", sender),
        to=(Address("", to),),
        cc=(),
        date=date,
        body=body,
        **kw,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. Priya Natarajan", "Dr. Natarajan"),
        ("Priya Natarajan, MD", "Dr. Natarajan"),
        ("Marcus Chen MD PhD", "Dr. Chen"),
        ("Ms. Ana Lopez", "Ms. Lopez"),
        ("prof. Jane van Dyke", "Prof. van Dyke"),  # the particle belongs to the surname
        ("Ana Lopez", "Ana Lopez"),
        ("Dr. John Smith Jr.", "Dr. Smith"),
    ],
)
def test_salutation_uses_the_right_title(name: str, expected: str) -> None:
    assert salutation(name) == expected


def test_program_phrasing_helpers() -> None:
    assert (
        institution("Lakeside Medical Center Internal Medicine Residency", "Internal Medicine")
        == "Lakeside Medical Center"
    )
    assert listing("free clinic; X+Y scheduling; global health") == (
        "free clinic, X+Y scheduling, and global health"
    )


def test_threads_follow_references_and_fall_back_to_subject() -> None:
    first = msg(subject="Interview invitation", message_id="<a@x>")
    reply = msg(subject="Re: Interview invitation", in_reply_to="<a@x>", message_id="<b@x>")
    bare = msg(subject="RE: interview   invitation", message_id="<c@x>")  # no References
    other = msg(subject="Interview invitation", message_id="<d@x>")  # not a reply: new thread
    threads = build_threads("a", [other, reply, first, bare])
    sizes = sorted(len(t.messages) for t in threads)
    assert sizes == [1, 3]


def test_matching_by_domain_subdomain_platform_name_and_nothing_else() -> None:
    matcher = Matcher(cfg())
    by_domain = build_threads("a", [msg(sender="x@mail.lakesidemed.org")])[0]
    platform = build_threads(
        "a",
        [msg(sender="notifications@thalamusgme.com", subject="Interview Scheduled: Lakeside IM")],
    )[0]
    digest = build_threads(
        "a",
        [
            msg(
                sender="notifications@thalamusgme.com",
                subject="Digest",
                body="Lakeside IM and Riverside IM have updates",
            )
        ],
    )[0]
    stranger = build_threads(
        "a", [msg(sender="friend@gmail.example.com", body="How was Lakeside IM?")]
    )[0]
    lookalike = build_threads("a", [msg(sender="x@lakesidemed.org.evil.example")])[0]
    assert matcher.program_of(by_domain).name.startswith("Lakeside")  # type: ignore[union-attr]
    assert matcher.program_of(platform).name.startswith("Lakeside")  # type: ignore[union-attr]
    assert matcher.program_of(digest) is None
    assert matcher.program_of(stranger) is None
    assert matcher.program_of(lookalike) is None


def test_a_thread_two_programs_write_in_is_the_one_with_more_votes_and_a_tie_is_nobodys() -> None:
    matcher = Matcher(cfg())
    between = msg(sender="a@lakesidemed.org", to="b@riversidehealth.org", message_id="<t@x>")
    assert matcher.program_of(build_threads("a", [between])[0]) is None  # 10 votes each
    reply = msg(sender="a@lakesidemed.org", in_reply_to="<t@x>", references=("<t@x>",))
    (thread,) = build_threads("a", [between, reply])
    assert matcher.program_of(thread).name.startswith("Lakeside")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        (
            "Your interview is scheduled for Monday, October 5, 2026 at 9:00 AM CT",
            datetime(2026, 10, 5, 9, tzinfo=CT),
            None,
        ),
        (
            "on Oct 5 from 8:00 am - 1:00 pm Central Time",
            datetime(2026, 10, 5, 8, tzinfo=CT),
            datetime(2026, 10, 5, 13, tzinfo=CT),
        ),
        (
            "on 1/12 at 10 a.m. PT",
            datetime(2027, 1, 12, 10, tzinfo=ZoneInfo("America/Los_Angeles")),
            None,
        ),
    ],
)
def test_interview_times_in_the_right_timezone(
    text: str, start: datetime, end: datetime | None
) -> None:
    found = find_datetime(text, datetime(2026, 9, 20, tzinfo=UTC), ZoneInfo("America/New_York"))
    assert found == (start, end)


def test_an_invitation_offering_dates_is_not_a_confirmation() -> None:
    invite = msg(
        body="We invite you to interview. Available dates: October 5 at 9:00 AM CT "
        "or October 12 at 9:00 AM CT. Please reply with your choice."
    )
    assert interview_from_mail([invite], CT, frozenset([ME])) is None


def test_policy_statements() -> None:
    me = frozenset([ME])
    no = msg(body="We kindly ask that you do not send thank-you notes to our faculty.")
    discouraged = msg(body="Post-interview communication is discouraged.")
    welcome = msg(body="Thank-you notes are welcome but not necessary.")
    mine = msg(sender=ME, body="Please do not send thank-you notes.", folder="sent")
    assert policy_from_mail([no], me).policy == "no-contact"  # type: ignore[union-attr]
    assert policy_from_mail([discouraged], me).policy == "discouraged"  # type: ignore[union-attr]
    assert policy_from_mail([welcome], me).policy == "welcome"  # type: ignore[union-attr]
    assert policy_from_mail([mine], me) is None


def _states(
    config: config_mod.Config, now: datetime, mail: list[MailMessage], seen: datetime | None = None
) -> list[str]:
    season = read_season(config, {"a": mail})
    view = season.view(config.programs[0].name)
    first_seen = {}
    if seen is not None and view.interview is not None:
        first_seen[
            f"interview:lakeside-medical-center-internal-medicine-residency:{view.interview.key}"
        ] = seen
    candidates = thank_yous(config, season, first_seen, now)
    return [
        a.state
        for a in decide_all(candidates, {}, now, config.season.rank_deadline)
        if a.program == config.programs[0].name
    ]


def test_thank_you_states_over_time() -> None:
    config = cfg(
        interview=datetime(2026, 10, 5, 8),
        interview_end=datetime(2026, 10, 5, 13),
        interviewers=[{"name": "Dr. A", "email": "a@lakesidemed.org"}, {"name": "Dr. B"}],
    )
    end = datetime(2026, 10, 5, 13, tzinfo=CT)
    assert _states(config, end - timedelta(minutes=1), []) == ["upcoming"]
    assert _states(config, end, []) == ["due"]
    assert _states(config, end + timedelta(hours=47, minutes=59), []) == ["due"]
    assert _states(config, end + timedelta(hours=48), []) == ["missed"]
    late_sighting = end + timedelta(hours=49)
    assert _states(config, late_sighting, [], seen=late_sighting) == ["missed"]
    wrote = msg(sender=ME, to="a@lakesidemed.org", folder="sent", date=end)
    assert _states(config, end + timedelta(hours=1), [wrote]) == ["sent"]


def test_team_note_when_no_interviewer_address_and_none_without_a_contact() -> None:
    config = cfg(interview=datetime(2026, 10, 5, 8), interviewers=[{"name": "Dr. B"}])
    now = datetime(2026, 10, 6, 9, tzinfo=CT)
    assert _states(config, now, []) == ["no-address"]
    coordinator = msg(sender="alopez@lakesidemed.org", body="See you soon")
    noreply = msg(
        sender="no-reply@lakesidemed.org",
        body="Automated",
        date=coordinator.date + timedelta(days=1),
    )
    season = read_season(config, {"a": [coordinator, noreply]})
    decided = decide_all(thank_yous(config, season, {}, now), {}, now, config.season.rank_deadline)
    (item,) = [a for a in decided if a.state == "due"]
    assert item.kind == "thank-you-team" and item.followup is not None
    assert item.followup.recipient.email == "alopez@lakesidemed.org"


def test_cancelled_and_no_contact_programs_get_no_thank_you() -> None:
    now = datetime(2026, 10, 6, 9, tzinfo=CT)
    config = cfg(
        interview=datetime(2026, 10, 5, 8),
        contact_policy="no-contact",
        interviewers=[{"name": "Dr. A", "email": "a@lakesidemed.org"}],
    )
    assert _states(config, now, []) == ["skipped"]
    config = cfg(interviewers=[{"name": "Dr. A", "email": "a@lakesidemed.org"}])
    mail = [
        msg(body="Your interview is scheduled for October 5, 2026 at 8:00 AM CT."),
        msg(body="Your interview has been cancelled.", date=datetime(2026, 9, 25, tzinfo=UTC)),
    ]
    assert _states(config, now, mail) == ["skipped"]


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("Second look", "Re: Second look"),
        ("Re: Second look", "Re: Second look"),
        ("RE: AW: Fwd: Second look", "Re: Second look"),
        ("Re[2]: Second look", "Re: Second look"),
    ],
)
def test_one_reply_subject_rule_for_drafts_and_threading(subject: str, expected: str) -> None:
    from agent.facts.threads import base_subject
    from connectors.mime import reply_subject

    assert reply_subject(subject) == expected
    assert base_subject(subject) == "second look"
