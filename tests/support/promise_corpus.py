"""Labeled corpus for promise extraction: program sentences and whole messages.

Each case gives a message body, its send moment and the program's timezone, and the
promises a careful human reads in it (the object as written and the due day; `None` means no
datable time was given and the 7-day default applies). Labels follow the labelling rules of
the development corpus's README (../shared/corpus/README.md): ranges resolve to their end,
"next few days" to +5 days, anchors to the interview's date ("one week prior" is 7 days
before). Non-promises carry the kind of trap they are, so false positives can be reported by
kind. Used by tests/unit/test_promise_extraction.py.

Default moment: Tuesday 2026-10-20 14:00 America/New_York, so the default due is Oct 27,
"by Friday" is Oct 23 and "next week" is Friday Oct 30.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from agent.facts.promise_objects import slug

ET = "America/New_York"
CT = "America/Chicago"
PT = "America/Los_Angeles"
UTC = ZoneInfo("UTC")


@dataclass(frozen=True)
class Expected:
    what: str  # the object as written (README labelling rules of the shared corpus)
    due: date | None  # None: no time given, the default applies

    @property
    def topic(self) -> str:
        return slug(self.what)


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:['-][a-z0-9]+)*", text.casefold().replace("’", "'"))


def what_matches(got: str, want: str) -> bool:
    """The shared corpus's lenient `what` match: containment either way after normalising,
    or a token overlap of at least half of the shorter phrase."""
    a, b = _tokens(got), _tokens(want)
    if not a or not b:
        return False
    if " ".join(a) in " ".join(b) or " ".join(b) in " ".join(a):
        return True
    return len(set(a) & set(b)) >= max(1, min(len(set(a)), len(set(b))) / 2)


@dataclass(frozen=True)
class Case:
    id: str
    text: str
    expected: tuple[Expected, ...] = ()
    kind: str = "promise"  # for non-promises: request, done, conditional, ranking, ...
    sent: datetime = field(
        default_factory=lambda: datetime(2026, 10, 20, 14, 0, tzinfo=ZoneInfo(ET))
    )
    tz: str = ET

    @property
    def is_promise(self) -> bool:
        return bool(self.expected)


def d(iso: str) -> date:
    return date.fromisoformat(iso)


def p(what: str, due: str | None = None) -> Expected:
    return Expected(what, d(due) if due else None)


def utc(iso: str) -> datetime:
    return datetime.fromisoformat(iso).replace(tzinfo=UTC)


def local(iso: str, tz: str = ET) -> datetime:
    return datetime.fromisoformat(iso).replace(tzinfo=ZoneInfo(tz))


def promise(id: str, text: str, *expected: Expected, **kw: object) -> Case:
    return Case(id, text, tuple(expected), "promise", **kw)  # type: ignore[arg-type]


def nothing(id: str, kind: str, text: str, **kw: object) -> Case:
    return Case(id, text, (), kind, **kw)  # type: ignore[arg-type]


FRI_NIGHT_ET = utc("2026-10-24T02:30")  # Friday Oct 23, 22:30 in New York; Saturday in UTC
MON_NIGHT_CT = utc("2026-11-03T04:00")  # Monday Nov 2, 22:00 in Chicago; Tuesday in UTC
MON_NIGHT_PT = utc("2026-12-01T06:30")  # Monday Nov 30, 22:30 in Los Angeles; December in UTC
DEC_18 = local("2026-12-18T10:00")  # a Friday
DEC_30 = local("2026-12-30T09:00")  # a Wednesday
JAN_8 = local("2027-01-08T11:00")  # a Friday

SENTENCES: list[Case] = [
    # --- explicit dates --------------------------------------------------------------
    promise(
        "second-look-by-nov-1",
        "Details about our Second Look Day will be sent to all interviewees by November 1.",
        p("Details about our Second Look Day", "2026-11-01"),
    ),
    promise(
        "second-look-date-by-nov-1st",
        "We will let you know about the second look date by November 1st.",
        p("the second look date", "2026-11-01"),
    ),
    promise(
        "recording-on-11-1",
        "We will share the recording of the information session on 11/1.",
        p("the recording of the information session"),
    ),
    promise(
        "slides-by-11-1",
        "We will send the slides from today's presentation by 11/1.",
        p("the slides from today's presentation", "2026-11-01"),
    ),
    promise(
        "recording-by-weekday-and-date",
        "We will post the recording of the Q&A session on our website by Friday, Oct 30.",
        p("the recording of the Q&A session", "2026-10-30"),
    ),
    promise(
        "open-house-link-by-11-6",
        "We will email you the Thalamus link for the open house by 11/6.",
        p("the Thalamus link for the open house", "2026-11-06"),
    ),
    promise(
        "interview-decisions-by-nov-15",
        "We expect to release interview decisions by November 15.",
        p("interview decisions", "2026-11-15"),
    ),
    promise(
        "waitlisted-by-dec-1",
        "We will let all waitlisted applicants know by December 1 whether an interview spot "
        "has opened.",
        p("whether an interview spot has opened", "2026-12-01"),
    ),
    promise(
        "revised-schedule-on-10-28",
        "We will send the revised schedule on 10/28.",
        p("the revised schedule", "2026-10-28"),
    ),
    promise(
        "second-look-to-follow-by-nov-1",
        "Second look details to follow by November 1.",
        p("Second look details", "2026-11-01"),
    ),
    promise(
        "hope-to-send-schedule-on-11-2",
        "We hope to send the final interview schedule on 11/2.",
        p("the final interview schedule", "2026-11-02"),
    ),
    promise(
        "recorded-presentation-by-nov-dot-5",
        "Our team will upload the recorded presentation to the portal by Nov. 5.",
        p("the recorded presentation", "2026-11-05"),
    ),
    promise(
        "thalamus-link-available-by-11-1",
        "The Thalamus link for our second look will be available by 11/1.",
        p("The Thalamus link for our second look", "2026-11-01"),
    ),
    promise(
        "housing-information-by-dec-15",
        "We will provide more information about housing and relocation by December 15.",
        p("more information about housing and relocation", "2026-12-15"),
    ),
    promise(
        "event-date-skipped-send-by-11-1",
        "Details for the Second Look Day on 11/14 will be sent by 11/1.",
        p("Details for the Second Look Day on 11/14", "2026-11-01"),
    ),
    promise(
        "event-date-skipped-next-week",
        "Details for the Second Look Day on November 14 will be emailed next week.",
        p("Details for the Second Look Day on November 14", "2026-10-30"),
    ),
    promise(
        "survey-by-5pm-friday",
        "We will send out the survey by 5 pm ET on Friday.",
        p("the survey", "2026-10-23"),
    ),
    promise(
        "day-month-order",
        "The program handbook will be sent by the 2nd of November.",
        p("The program handbook", "2026-11-02"),
    ),
    # --- weekdays --------------------------------------------------------------------
    promise(
        "schedule-by-friday",
        "We will send the updated interview schedule by Friday.",
        p("the updated interview schedule", "2026-10-23"),
    ),
    promise(
        "survey-link-on-thursday",
        "The link to the post-interview survey will be emailed to you on Thursday.",
        p("The link to the post-interview survey", "2026-10-22"),
    ),
    promise(
        "rsvp-form-by-friday",
        "We are going to send the second look RSVP form by Friday.",
        p("the second look RSVP form", "2026-10-23"),
    ),
    promise(
        "badge-on-monday",
        "We will provide visitor badge instructions on Monday.",
        p("visitor badge instructions", "2026-10-26"),
    ),
    promise(
        "look-out-on-wednesday",
        "Look out for an email on Wednesday with the Zoom link to the resident social.",
        p("the Zoom link to the resident social", "2026-10-21"),
    ),
    promise(
        "slides-by-monday-first-person",
        "I will send you the slides by Monday.",
        p("the slides", "2026-10-26"),
    ),
    promise(
        "next-monday-is-the-next-monday",
        "We will email badge and parking information next Monday.",
        p("badge and parking information", "2026-10-26"),
    ),
    promise(
        "doctor-sends-slides-by-friday",
        "Dr. Smith will send the slides from her talk by Friday.",
        p("the slides", "2026-10-23"),
    ),
    promise(
        "same-weekday-is-next-week",
        "We will send the social invitation by Tuesday.",
        p("the social invitation", "2026-10-27"),
    ),
    # --- relative --------------------------------------------------------------------
    promise(
        "social-link-within-48-hours",
        "You'll receive the link to our virtual social within 48 hours.",
        p("the link to our virtual social", "2026-10-22"),
    ),
    promise(
        "survey-next-week",
        "The post-interview survey will go out next week.",
        p("The post-interview survey", "2026-10-30"),
    ),
    promise(
        "zoom-link-coming-days",
        "You should receive the Zoom link for the social in the coming days.",
        p("the Zoom link for the social", "2026-10-25"),
    ),
    promise(
        "survey-in-two-weeks",
        "We will send the link to the feedback survey in two weeks.",
        p("the link to the feedback survey", "2026-11-03"),
    ),
    promise(
        "itinerary-tomorrow",
        "Expect an email with the final itinerary tomorrow.",
        p("the final itinerary", "2026-10-21"),
    ),
    promise(
        "parking-three-business-days",
        "We will email the parking instructions within 3 business days.",
        p("the parking instructions", "2026-10-23"),
    ),
    promise(
        "schedule-within-a-week",
        "The updated schedule will be sent within a week.",
        p("The updated schedule", "2026-10-27"),
    ),
    promise(
        "questionnaire-this-week",
        "We will send a short questionnaire about your interview experience this week.",
        p("a short questionnaire about your interview experience", "2026-10-23"),
    ),
    promise(
        "slides-end-of-day-tomorrow",
        "I will forward the slides to you by end of day tomorrow.",
        p("the slides", "2026-10-21"),
    ),
    promise(
        "handbook-in-a-few-days",
        "We'll send the handbook in a few days.",
        p("the handbook", "2026-10-25"),
    ),
    promise(
        "coordinator-next-few-days",
        "Our program coordinator will reach out with details about the Second Look Weekend "
        "in the next few days.",
        p("details about the Second Look Weekend", "2026-10-25"),
    ),
    promise(
        "survey-link-72-hours",
        "You can expect to receive the survey link within 72 hours.",
        p("the survey link", "2026-10-23"),
    ),
    promise(
        "agenda-next-48-hours",
        "You will get an email from our coordinator with the updated agenda within the next "
        "48 hours.",
        p("the updated agenda", "2026-10-22"),
    ),
    promise(
        "recording-end-of-next-week",
        "The chief residents will be sharing a recording of the resident panel by the end of "
        "next week.",
        p("a recording of the resident panel", "2026-10-30"),
    ),
    promise(
        "social-later-this-week",
        "Further details on the virtual social will be sent later this week.",
        p("Further details on the virtual social", "2026-10-23"),
    ),
    promise(
        "parking-pass-within-2-days",
        "We will follow up with the parking pass within 2 days.",
        p("the parking pass", "2026-10-22"),
    ),
    promise(
        "recording-two-weeks-time",
        "We intend to post the recording in two weeks' time.",
        p("the recording", "2026-11-03"),
    ),
    promise(
        "salary-end-of-week",
        "We will share the salary and benefits information by the end of the week.",
        p("the salary and benefits information", "2026-10-23"),
    ),
    promise(
        "brochure-next-week-passive",
        "A copy of the program brochure will be mailed to you next week.",
        p("A copy of the program brochure", "2026-10-30"),
    ),
    promise(
        "rotation-decision-two-weeks",
        "We will notify you of the decision on your away rotation application within two weeks.",
        p("the decision on your away rotation application", "2026-11-03"),
    ),
    promise(
        "social-link-on-10-29",
        "On 10/29 we will share the link to the resident social.",
        p("the link to the resident social", "2026-10-29"),
    ),
    promise(
        "date-after-event-noun-is-the-event",
        "We will share the link to the resident social on 10/29.",
        p("the link to the resident social"),
    ),
    # --- months and parts of months ---------------------------------------------------
    promise(
        "second-look-early-january",
        "Information about our second look event will be shared in early January.",
        p("Information about our second look event", "2027-01-10"),
    ),
    promise(
        "second-look-mid-january",
        "We plan to send second look details in mid-January.",
        p("second look details", "2027-01-20"),
    ),
    promise(
        "second-look-late-january",
        "We will announce the date of our second look visit in late January.",
        p("the date of our second look visit", "2027-01-31"),
    ),
    promise(
        "happy-hour-end-of-january",
        "Our coordinator will email details about the resident happy hour by the end of January.",
        p("details about the resident happy hour", "2027-01-31"),
    ),
    promise(
        "open-house-after-rank-meeting",
        "We will send details about the spring open house after our rank meeting in February.",
        p("details about the spring open house", "2027-02-28"),
    ),
    promise(
        "parking-later-this-month",
        "Parking and badge details will follow later this month.",
        p("Parking and badge details", "2026-10-31"),
    ),
    promise(
        "dinner-next-month",
        "Our chief residents will send the invitation to the resident dinner next month.",
        p("the invitation to the resident dinner", "2026-11-30"),
    ),
    promise(
        "waitlist-mid-december",
        "You will hear from us about the waitlist by mid-December.",
        p("the waitlist", "2026-12-20"),
    ),
    # --- no time given: default ---------------------------------------------------------
    promise(
        "second-look-soon",
        "We will send more information about the second look soon.",
        p("more information about the second look"),
    ),
    promise(
        "social-forthcoming",
        "Details regarding the virtual social are forthcoming.",
        p("Details regarding the virtual social"),
    ),
    promise(
        "recording-and-slides-one-topic",
        "We'll circulate the slides and the recording from the program overview within 24 hours.",
        p("the slides", "2026-10-21"),
        p("the recording from the program overview", "2026-10-21"),
    ),
    promise(
        "survey-and-recording-two-topics",
        "We will send the survey and the recording next week.",
        p("the survey", "2026-10-30"),
        p("the recording", "2026-10-30"),
    ),
    promise(
        "agenda-for-second-look-is-schedule",
        "The agenda for the Second Look Day will be emailed on November 10.",
        p("The agenda for the Second Look Day", "2026-11-10"),
    ),
    promise(
        "parking-including-not-extra-topic",
        "We will send details about the second look, including parking, by November 6.",
        p("details about the second look", "2026-11-06"),
    ),
    promise(
        "please-note-is-not-a-request",
        "Please note that we will send the updated itinerary on Monday.",
        p("the updated itinerary", "2026-10-26"),
    ),
    # --- requests and promises in one sentence ------------------------------------------
    promise(
        "request-then-promise",
        "Please complete the survey by Friday, and we will send the recording of the info "
        "session next week.",
        p("the recording of the info session", "2026-10-30"),
    ),
    promise(
        "request-semicolon-promise",
        "Kindly RSVP for the Second Look Day by November 1; we will email the parking details "
        "by November 6.",
        p("the parking details", "2026-11-06"),
    ),
    # --- timezone: the local date differs from the UTC date --------------------------
    promise(
        "et-friday-night-by-saturday",
        "We will send the updated schedule by Saturday.",
        p("the updated schedule", "2026-10-24"),
        sent=FRI_NIGHT_ET,
    ),
    promise(
        "et-friday-night-tomorrow",
        "You will receive the survey link tomorrow.",
        p("the survey link", "2026-10-24"),
        sent=FRI_NIGHT_ET,
    ),
    promise(
        "ct-monday-night-tomorrow",
        "We will send the social link tomorrow.",
        p("the social link", "2026-11-03"),
        sent=MON_NIGHT_CT,
        tz=CT,
    ),
    promise(
        "ct-monday-night-24-hours",
        "We will email parking details within 24 hours.",
        p("parking details", "2026-11-03"),
        sent=MON_NIGHT_CT,
        tz=CT,
    ),
    promise(
        "ct-monday-night-by-tuesday",
        "Second look details will be sent by Tuesday.",
        p("Second look details", "2026-11-03"),
        sent=MON_NIGHT_CT,
        tz=CT,
    ),
    promise(
        "pt-last-of-month-later-this-month",
        "We will send the recording later this month.",
        p("the recording", "2026-11-30"),
        sent=MON_NIGHT_PT,
        tz=PT,
    ),
    promise(
        "pt-default-from-local-day",
        "We will share the slides soon.",
        p("the slides"),
        sent=MON_NIGHT_PT,
        tz=PT,
    ),
    # --- year rollover -----------------------------------------------------------------
    promise(
        "rollover-by-january-5",
        "We will send second look details by January 5.",
        p("second look details", "2027-01-05"),
        sent=DEC_18,
    ),
    promise(
        "rollover-by-1-4",
        "The survey link will be sent by 1/4.",
        p("The survey link", "2027-01-04"),
        sent=DEC_18,
    ),
    promise(
        "rollover-friday-is-new-year",
        "We will send the updated schedule by Friday.",
        p("the updated schedule", "2027-01-01"),
        sent=DEC_30,
    ),
    promise(
        "rollover-two-weeks",
        "We will share the recording in two weeks.",
        p("the recording", "2027-01-13"),
        sent=DEC_30,
    ),
    promise(
        "rollover-next-week",
        "We will send details about the social next week.",
        p("details about the social", "2026-12-25"),
        sent=DEC_18,
    ),
    promise(
        "rollover-early-january",
        "More information about the open house will be shared in early January.",
        p("More information about the open house", "2027-01-10"),
        sent=DEC_18,
    ),
    promise(
        "january-end-of-month-from-january",
        "Second look details will be sent by the end of January.",
        p("Second look details", "2027-01-31"),
        sent=JAN_8,
    ),
    promise(
        "january-mid-month-from-january",
        "We will send the survey in mid-January.",
        p("the survey", "2027-01-20"),
        sent=JAN_8,
    ),
    # --- dates in the past -----------------------------------------------------------
    promise(
        "past-day-without-year-is-next-year",
        "We will send the schedule by October 15.",
        p("the schedule", "2027-10-15"),
    ),
    promise(
        "past-dated-year-is-stale-default",
        "We will send the updated schedule by October 1, 2026.",
        p("the updated schedule"),
    ),
    # --- phrasing found by probing after the rules were written ------------------------
    promise(
        "shortly-is-default",
        "We'll be sending out the post-interview survey shortly.",
        p("the post-interview survey"),
    ),
    promise(
        "in-november-is-end-of-november",
        "Information regarding our second look will be emailed to you in November.",
        p("Information regarding our second look", "2026-11-30"),
    ),
    promise(
        "zoom-link-day-before-event-in-other-clause",
        "Our residents will host a virtual happy hour on Thursday, October 29 at 7 pm; a Zoom "
        "link will be sent the day before.",
        p("a Zoom link", "2026-10-28"),
    ),
    promise(
        "itinerary-one-week-prior",
        "Your interview is confirmed for November 9. We will send your itinerary one week prior.",
        p("your itinerary", "2026-11-02"),
    ),
    promise(
        "encourage-then-link-by-friday",
        "We encourage you to attend the social; we will send the link by Friday.",
        p("the link", "2026-10-23"),
    ),
    promise(
        "elliptic-and-will-share",
        "We are planning a second look in February and will share details in January.",
        p("details", "2027-01-31"),
    ),
    promise(
        "released-on-december-1",
        "We are excited to share that second look details will be released on December 1!",
        p("second look details", "2026-12-01"),
    ),
    promise(
        "platform-sender-by-oct-28",
        "The virtual social link will be sent to you from Interview Broker by Oct. 28.",
        p("The virtual social link", "2026-10-28"),
    ),
    nothing(
        "vague-after-interviews-conclude",
        "unresolvable",
        "The program will reach out to schedule your second look visit after interviews conclude.",
    ),
    promise(
        "vague-end-of-season",
        "We will send a survey to all applicants at the end of the interview season.",
        p("a survey"),
    ),
    promise(
        "vague-at-orientation",
        "The updated schedule will be shared at orientation.",
        p("The updated schedule"),
    ),
    nothing(
        "conditional-waitlist-as-spots-open",
        "conditional",
        "We will continue to update applicants on the waitlist as spots become available.",
    ),
    nothing(
        "conditional-if-anything-changes",
        "conditional",
        "We will let you know if anything changes.",
    ),
    nothing(
        "ranking-match-day", "ranking", "We will notify applicants of match results on Match Day."
    ),
    nothing(
        "pleasantry-get-back", "pleasantry", "We will review your application and get back to you."
    ),
    nothing(
        "conditional-would-be-happy", "conditional", "We would be happy to send you the slides."
    ),
    promise(
        "survey-results-not-survey",
        "Thank you for completing the survey, we will share the results in December.",
        p("the results", "2026-12-31"),
    ),
    nothing(
        "refusal-no-second-look",
        "refusal",
        "Per our policy, we will not be hosting a second look this year.",
    ),
    nothing("third-party-may-receive", "conditional", "You may receive a survey from the AAMC."),
    nothing(
        "request-no-reply-updates-untopical",
        "request",
        "Please do not reply to this email; updates will be posted on our website next week.",
    ),
    # --- requests to the applicant --------------------------------------------------------
    nothing(
        "request-survey-by-friday",
        "request",
        "Please complete the post-interview survey by Friday.",
    ),
    nothing("request-kindly-rsvp", "request", "Kindly RSVP for the Second Look Day by November 1."),
    nothing("request-we-ask", "request", "We ask that you submit the parking form by Monday."),
    nothing(
        "request-you-will-need", "request", "You will need to upload your badge photo by 10/30."
    ),
    nothing(
        "request-remember", "request", "Remember to fill out the feedback form within 48 hours."
    ),
    nothing(
        "request-send-us-availability",
        "request",
        "Please send us your availability for the second look by next week.",
    ),
    nothing(
        "request-be-sure", "request", "Be sure to register for the virtual social by Thursday."
    ),
    nothing(
        "request-should-complete",
        "request",
        "All applicants should complete the survey within 48 hours.",
    ),
    # --- already done --------------------------------------------------------------------
    nothing("done-sent-yesterday", "done", "We sent the link to the virtual social yesterday."),
    nothing("done-attached", "done", "Attached is the updated interview schedule."),
    nothing("done-has-been-sent", "done", "The survey link has been sent to all applicants."),
    nothing(
        "done-recording-posted",
        "done",
        "The recording of the information session has been posted to our website.",
    ),
    nothing(
        "done-emailed-last-week",
        "done",
        "As mentioned, we emailed the parking instructions last week.",
    ),
    nothing(
        "done-here-is-link",
        "done",
        "Here is the link to the post-interview survey: https://forms.example.org/survey",
    ),
    nothing("done-below-agenda", "done", "Below you will find the agenda for the day."),
    nothing("done-slides-shared", "done", "The slides were shared during the session."),
    nothing("done-past-date", "done", "We sent the survey link on October 15."),
    nothing(
        "done-should-have-received",
        "done",
        "You should have received the Zoom link for the social by now.",
    ),
    # --- conditionals and offers ---------------------------------------------------------
    nothing(
        "conditional-questions-happy-to-help",
        "conditional",
        "If you have questions, we are happy to help.",
    ),
    nothing(
        "conditional-waitlist-spot",
        "conditional",
        "If a spot opens on our interview waitlist, we will let you know.",
    ),
    nothing(
        "conditional-should-you-need-parking",
        "conditional",
        "Should you need parking validation, we will provide it at the front desk.",
    ),
    nothing(
        "conditional-schedule-changes",
        "conditional",
        "If the schedule changes, we will send an updated itinerary.",
    ),
    nothing(
        "conditional-once-you-complete",
        "conditional",
        "Once you complete the survey, you will receive a copy of the slides.",
    ),
    nothing("conditional-feel-free", "conditional", "Feel free to reach out if you need anything."),
    nothing(
        "conditional-happy-to-send",
        "conditional",
        "We are happy to send the recording to anyone who requests it.",
    ),
    nothing(
        "conditional-weather",
        "conditional",
        "In the event of inclement weather, we will email an updated schedule.",
    ),
    nothing(
        "conditional-interested-in-second-look",
        "conditional",
        "If you are interested in attending the second look, we will send details next week.",
    ),
    promise(
        "conditional-zoom-link-closer-no-date",
        "We will send the Zoom link for the social closer to the date.",
        p("the Zoom link for the social"),
    ),
    # --- ranking, match and "we will be in touch" ----------------------------------------
    nothing("ranking-be-in-touch", "ranking", "We will be in touch."),
    nothing(
        "ranking-be-in-touch-after-rank-meeting",
        "ranking",
        "We will be in touch after our rank meeting in February.",
    ),
    nothing(
        "ranking-decisions-after-match",
        "ranking",
        "We will let you know about our ranking decisions after the Match.",
    ),
    nothing(
        "ranking-status-after-rank-meeting",
        "ranking",
        "You will hear from us regarding your status after our rank meeting.",
    ),
    nothing(
        "ranking-final-decision-march",
        "ranking",
        "We will notify you of our final decision in March.",
    ),
    nothing(
        "ranking-after-nrmp-results",
        "ranking",
        "Our program will contact applicants after the NRMP match results are released.",
    ),
    nothing(
        "ranking-where-you-stand",
        "ranking",
        "We will send an update about where you stand in early February.",
    ),
    nothing("ranking-next-steps", "ranking", "We will be in touch soon regarding next steps."),
    nothing(
        "ranking-more-information-after-rank-meeting",
        "ranking",
        "We will send you more information after our rank meeting.",
    ),
    nothing("ranking-bare-decision", "ranking", "We will let you know our decision by March 1."),
    # --- refusals --------------------------------------------------------------------------
    nothing("refusal-no-further-updates", "refusal", "We will not send further updates."),
    nothing("refusal-no-feedback", "refusal", "We will not be sending individual feedback."),
    nothing(
        "refusal-no-communication",
        "refusal",
        "There will be no further communication from our program until Match Day.",
    ),
    nothing(
        "refusal-wont-share-recording",
        "refusal",
        "We won't be sharing the recording of the session.",
    ),
    nothing(
        "refusal-no-longer-waitlist",
        "refusal",
        "Our program will no longer post updates on the interview waitlist.",
    ),
    nothing(
        "refusal-unable-parking", "refusal", "We are unable to provide parking passes this year."
    ),
    # --- pleasantries --------------------------------------------------------------------
    nothing(
        "pleasantry-look-forward", "pleasantry", "We look forward to seeing you at the second look."
    ),
    nothing("pleasantry-hope-enjoyed", "pleasantry", "We hope you enjoyed the virtual social."),
    nothing("pleasantry-thank-you", "pleasantry", "Thank you for interviewing with us."),
    nothing(
        "pleasantry-good-luck", "pleasantry", "We wish you the best of luck this interview season."
    ),
    nothing("pleasantry-keep-on-file", "pleasantry", "We will keep your information on file."),
    nothing("pleasantry-be-in-touch-soon", "pleasantry", "We will be in touch soon."),
    nothing("pleasantry-follow-up", "pleasantry", "We will follow up with you."),
    # --- future facts that are not promises to send --------------------------------------
    nothing("event-second-look-held", "event", "The Second Look Day will be held on November 15."),
    nothing("event-meet-with", "event", "You will meet with Dr. Patel at 10:00 am ET."),
    nothing(
        "event-social-takes-place",
        "event",
        "The virtual social will take place on Thursday at 7 pm CT.",
    ),
    nothing("event-interviews-conclude", "event", "Interviews will conclude in late January."),
    nothing("event-survey-closes", "event", "The survey will close on Friday."),
    nothing("event-parking-available", "event", "Parking is available in Garage B."),
    nothing(
        "event-pd-overview",
        "event",
        "The program director will give an overview of the curriculum at 9 am.",
    ),
    nothing(
        "event-social-media",
        "event",
        "We will post photos from the day on our social media accounts.",
    ),
]


MESSAGES: list[Case] = [
    promise(
        "msg-thank-you-two-promises-signature",
        """Dear Dr. Rivera,

Thank you for interviewing with the Internal Medicine Residency Program at Lakeview
yesterday. It was a pleasure to have you with us.

You will receive the post-interview survey within 48 hours. Details about our Second
Look Day will be sent to all interviewees by November 1.

We look forward to staying in touch.

Best,
Maria Lopez
Program Coordinator, Internal Medicine Residency
Lakeview Medical Center | (555) 201-3344
""",
        p("the post-interview survey", "2026-10-22"),
        p("Details about our Second Look Day", "2026-11-01"),
    ),
    nothing(
        "msg-reply-with-quoted-promise",
        "quoted",
        """Hi Jordan,

Thanks for your note! Glad to hear you enjoyed the day.

Warm regards,
Maria

On Tue, Oct 20, 2026 at 2:00 PM Maria Lopez <mlopez@lakeview.example.org> wrote:
> Dear Jordan,
> We will send the updated schedule by Friday.
> Details about the Second Look Day will be sent by November 1.
""",
        sent=local("2026-10-22T09:00"),
    ),
    nothing(
        "msg-policy-and-ranking",
        "ranking",
        """Dear Applicant,

Thank you for interviewing with us. Please do not send thank-you notes or emails; post-interview
communication will not affect ranking. We will be in touch after our rank meeting in February.

Sincerely,
The Selection Committee
""",
    ),
    promise(
        "msg-platform-bullets",
        """Thalamus notification for Riverside Family Medicine

Thank you for attending your interview.
- The post-interview survey will be sent within 48 hours.
- Please complete it by Friday.
- Parking validation is available at the front desk.
""",
        p("The post-interview survey", "2026-10-22"),
    ),
    promise(
        "msg-rsvp-and-agenda-week-before-event",
        """Hello,

Please RSVP for the Second Look Day by November 1. We will send the detailed agenda the
week before the event, which is on November 20.

Thanks,
GME Office
""",
        p("the detailed agenda", "2026-11-19"),
    ),
    nothing(
        "msg-outlook-quote-below-delivery",
        "quoted",
        """Here is the link to the second look registration: https://thalamusgme.com/r/abc

-----Original Message-----
From: Coordinator <coord@program.example.org>
Sent: Tuesday, October 20, 2026 2:00 PM
Subject: Interview follow-up
Details about the second look will be sent by November 1.
""",
        sent=local("2026-10-30T10:00"),
    ),
    promise(
        "msg-holidays-rollover",
        """Dear Dr. Chen,

Happy holidays from all of us! Our office will be closed Dec 24 - Jan 1.
Second look details will be sent in early January.

All the best,
Anne
""",
        p("Second look details", "2027-01-10"),
        sent=DEC_18,
    ),
    promise(
        "msg-friday-night-et",
        """Thank you for joining us today! You will receive the post-interview survey by tomorrow.
The recording of the program overview will be posted next week.

Best regards,
Chief Residents
""",
        p("the post-interview survey", "2026-10-24"),
        p("The recording of the program overview", "2026-10-30"),
        sent=FRI_NIGHT_ET,
    ),
    promise(
        "msg-doctor-abbreviation",
        """Dear Dr. Lee,

It was wonderful meeting you. Dr. Smith will send the slides from her talk by Friday. She also
asked me to pass along her thanks.

Kind regards,
Tom
""",
        p("the slides", "2026-10-23"),
    ),
    nothing(
        "msg-no-interview-spot-conditional",
        "conditional",
        """Dear Applicant,

Thank you for your interest in our program. We are not able to accommodate additional interviews
at this time. If a spot opens, we will let you know.

Sincerely,
Program Coordinator
""",
    ),
    promise(
        "msg-same-topic-twice-most-specific",
        """Hi all,

We will send second look details soon. Specifically, the second look information will be
emailed by November 6.

Thanks!
""",
        p("the second look information", "2026-11-06"),
    ),
    promise(
        "msg-itinerary-before-interview-day-ct",
        """Dear Dr. Okafor,

Your interview is scheduled for Monday, November 9 at 8:00 am CT. You will receive your
itinerary 48 hours before your interview.

Best,
Surgery Residency Office
""",
        p("your itinerary", "2026-11-07"),
        sent=local("2026-10-20T11:00", CT),
        tz=CT,
    ),
    nothing(
        "msg-everything-already-done",
        "done",
        """Good afternoon,

Thank you for attending our interview day. Attached is the schedule for your records, and we sent
the survey link yesterday. The slides have been posted to the portal.

Best wishes,
Residency Office
""",
    ),
    promise(
        "msg-request-and-promise-same-sentence",
        """Hello Dr. Kim,

Please complete the survey by Friday, and we will send the recording of the info session next
week. Parking and badge details will follow later this month.

--
Jane Doe
Program Coordinator
""",
        p("the recording of the info session", "2026-10-30"),
        p("Parking and badge details", "2026-10-31"),
    ),
    nothing(
        "msg-signature-disclaimer",
        "pleasantry",
        """Thank you again for interviewing with us.

Regards,
Coordinator
CONFIDENTIALITY NOTICE: This message will be deleted. We will not share its contents.
""",
    ),
]

CASES: list[Case] = SENTENCES + MESSAGES
