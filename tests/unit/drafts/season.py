"""A realistic season for the drafts: 20 programs, two or three interviewers at most, every
kind of letter, rendered through the real rules and `plan()` with a fixed clock.

`python -m tests.unit.drafts.season` prints one draft of each kind (the README samples).
"""

from __future__ import annotations

import sys
from datetime import UTC, date, datetime, timedelta
from typing import Any

from agent.config import Config, Update
from agent.drafts.render import Renderer
from agent.facts.season import read_season
from agent.plan import Plan, Snapshot, plan
from connectors.base import MailMessage, OutgoingDraft
from tests.support.builders import config, message

# (institution, domain, program notes, interviewers: (name, role, notes, title))
_PROGRAMS: list[tuple[str, str, str | None, list[tuple[str, str | None, str | None]]]] = [
    (
        "Lakeside Medical Center",
        "lakesidemed.org",
        "resident-run free clinic; X+Y scheduling",
        [
            ("Dr. Priya Natarajan", "Program Director", "her QI project on sepsis bundles"),
            (
                "Marcus Chen, MD",
                "Associate Program Director",
                "We talked about his global health trips.",
            ),
            ("Ana Lopez", "Program Coordinator", None),
        ],
    ),
    (
        "Riverside University Hospital",
        "riversidehealth.org",
        "the night float redesign",
        [
            ("Dr. Hans Van der Berg", "Program Director", "the new ICU step-down unit"),
            ("Maria de la Cruz, DO", "Chief Resident", "asked her about resident wellness"),
        ],
    ),
    (
        "Summit Health",
        "summithealth.org",
        "point-of-care ultrasound curriculum",
        [
            (
                "Prof. Jane van Dyke",
                "Program Director",
                "her research on heart failure readmissions",
            ),
            ("Dr. Ann Smith-Jones", "Faculty", "She leads the medical education track."),
        ],
    ),
    (
        "Harbor General",
        "harborgeneral.org",
        None,
        [
            ("Dr. Omar Haddad", "Program Director", "the VA continuity clinic"),
            ("Dr. Lee Park", "Chief Resident", None),
        ],
    ),
    (
        "Northgate University",
        "northgate.example",
        "global health",
        [
            ("Dr. Nina Okafor", "Program Director", "about the ambulatory block schedule"),
            ("Dr. Sam Patel", "Faculty", "his mentorship program for interns"),
            ("Dr. Kim Ross", "Chief Resident", "the resident wellness committee"),
        ],
    ),
    (
        "Bayview Medical Center",
        "bayview.example",
        "the addiction medicine rotation",
        [
            ("Dr. Elena Rossi", "Program Director", "her path into hospital medicine"),
            ("Dr. Tomas Silva", "Faculty", "told me about the journal club format"),
        ],
    ),
    (
        "Cedar Valley Hospital",
        "cedarvalley.example",
        "rural medicine track",
        [
            ("Dr. Grace Kim", "Program Director", "the rural rotation in year two"),
            ("Dr. Paul Meyer", "Faculty", "QI projects led by residents"),
        ],
    ),
    (
        "Eastbrook Health",
        "eastbrook.example",
        "resident autonomy on wards",
        [
            ("Dr. Aisha Rahman", "Program Director", "her work on health equity"),
            ("Dr. Ben Carter", "Chief Resident", "the chief residents' feedback sessions"),
        ],
    ),
    (
        "Mount Hope University",
        "mounthope.example",
        "research year option",
        [
            ("Dr. Li Wei", "Program Director", "the physician-scientist pathway"),
            ("Dr. Sofia Moreno", "Faculty", "We discussed her cardio-oncology clinic."),
        ],
    ),
    (
        "Westfield Regional",
        "westfield.example",
        None,
        [
            ("Dr. Jonah Adler", "Program Director", "the community outreach program"),
            ("Dr. Rita Gomez", "Faculty", None),
        ],
    ),
    (
        "Pinecrest Medical Center",
        "pinecrest.example",
        "hospitalist track",
        [
            ("Dr. Ian Fraser", "Program Director", "the hospitalist track"),
            ("Dr. Noor Ali", "Associate Program Director", "her telemedicine project"),
        ],
    ),
    (
        "Silver Lake Hospital",
        "silverlake.example",
        "strong fellowship match",
        [
            ("Dr. Carla Diaz", "Program Director", "fellowship placement in cardiology"),
            ("Dr. Victor Huang", "Faculty", "his simulation lab"),
        ],
    ),
    (
        "Oak Park University",
        "oakpark.example",
        "palliative care elective",
        [
            ("Dr. Hannah Berg", "Program Director", "the palliative care elective"),
            ("Dr. Luis Ortega", "Chief Resident", "the intern retreat"),
        ],
    ),
    (
        "Granite State Medical Center",
        "granitestate.example",
        "POCUS",
        [
            ("Dr. Megan Clark", "Program Director", "teaching residents bedside ultrasound"),
            ("Dr. Raj Mehta", "Faculty", "his sepsis registry"),
        ],
    ),
    (
        "Seaside Community Hospital",
        "seaside.example",
        "community-based training",
        [
            ("Dr. Olivia Grant", "Program Director", "the community health center partnership"),
            ("Dr. Ethan Wright", "Faculty", None),
        ],
    ),
    (
        "Redwood University",
        "redwood.example",
        "medical education track",
        [
            ("Dr. Chloe Bennett", "Program Director", "the resident-as-teacher workshops"),
            ("Dr. Marco Rossi", "Faculty", "the morning report format"),
        ],
    ),
    (
        "Highland Health",
        "highland.example",
        "four-plus-one block schedule",
        [
            ("Dr. Fatima Noor", "Program Director", "her advocacy work"),
            ("Dr. George Lin", "Chief Resident", "the resident union"),
        ],
    ),
    (
        "Clearwater Medical Center",
        "clearwater.example",
        "small class size",
        [
            ("Dr. Sarah Levine", "Program Director", "the mentorship families"),
            ("Dr. David Osei", "Faculty", "his HIV clinic"),
        ],
    ),
]
# A second program at one institution: its letters must not echo the first one's.
_PRELIM = ("Lakeside Medical Center Preliminary Internal Medicine", "lakeside-prelim.example")
_MIDDLE_NAME = ("Ridgeview Hospital", "ridgeview.example", "the veterans' clinic",
                [("Dr. Anne-Marie Dubois", "Program Director", "the VA rotation"),
                 ("Dr. Kwame Mensah", "Faculty", "his point-of-care research")])  # fmt: skip

# No interviewer address known: one note to the team, through the coordinator who wrote.
_TEAM = ("Fairview Hospital", "fairview.example", "the resident-led wellness curriculum",
         [("Dr. Rosa Ortiz", "Program Director", None)])  # fmt: skip

START = datetime(2026, 10, 5, 14, tzinfo=UTC)
NEWS = (
    Update(
        text="My abstract on sepsis bundles was accepted as a poster at SHM 2027",
        date=date(2027, 1, 20),
    ),
    Update(text="I received my Step 2 CK score of 258", date=date(2027, 1, 28)),
)


def _interviewers(
    people: list[tuple[str, str | None, str | None]], domain: str
) -> list[dict[str, Any]]:
    out = []
    for name, role, notes in people:
        local = name.replace("Dr. ", "").replace("Prof. ", "").split(",")[0].split()[-1].lower()
        entry: dict[str, Any] = {"name": name, "role": role}
        if not domain.startswith("fairview"):
            entry["email"] = f"{local}@{domain}"
        if notes:
            entry["notes"] = notes
        out.append(entry)
    return out


def season_config() -> Config:
    programs = []
    specs = [*_PROGRAMS, _MIDDLE_NAME, _TEAM]
    for n, (place, domain, notes, people) in enumerate(specs):
        when = START + timedelta(days=4 * n)
        entry: dict[str, Any] = {
            "name": f"{place} Internal Medicine Residency",
            "domains": [domain],
            "timezone": "America/New_York",
            "interview": when.replace(tzinfo=None).isoformat(),
            "interviewers": _interviewers(people, domain),
            "top_choice": n == 0,
        }
        if notes:
            entry["notes"] = notes
        programs.append(entry)
    prelim_name, prelim_domain = _PRELIM
    programs.append(
        {
            "name": prelim_name,
            "domains": [prelim_domain],
            "timezone": "America/New_York",
            "interview": (START + timedelta(days=1)).replace(tzinfo=None).isoformat(),
            "interviewers": _interviewers(
                [
                    ("Dr. Julia Novak", "Program Director", "the prelim-to-categorical pathway"),
                    ("Dr. Peter Brandt", "Faculty", None),
                ],
                prelim_domain,
            ),
        }
    )
    applicant = {
        "name": "Jordan Rivera",
        "email": "jordan.rivera@med.example.edu",
        "phone": "(555) 123-4567",
        "aamc_id": "12345678",
        "timezone": "America/New_York",
    }
    return config(
        *programs,
        applicant=applicant,
        rules={"late_season_note": True},
        updates=[u.model_dump() for u in NEWS],
    )


def _promises(cfg: Config) -> list[MailMessage]:
    """Two programs promise details in their mail; one of them promises twice."""
    out = [
        message(
            sender="coordinator@fairview.example",
            sender_name="Sam Patel",
            subject="Your interview day",
            body="Dear Jordan,\n\nWe look forward to meeting you.\n\nSam",
            date=datetime(2026, 9, 20, 15, tzinfo=UTC),
        )
    ]
    for program, topics in (
        (cfg.programs[1], ("second look", "social")),
        (cfg.programs[4], ("social",)),
    ):
        coordinator = f"coordinator@{program.domains[0]}"
        for topic in topics:
            what = {
                "second look": "Details about the Second Look Day will be sent by November 20.",
                "social": "The link to the virtual resident social will be sent by November 22.",
            }[topic]
            out.append(
                message(
                    sender=coordinator,
                    sender_name="Ana Lopez",
                    subject=f"About your interview ({topic})",
                    body=f"Dear Jordan,\n\nThank you for interviewing. {what}\n\nBest,\nAna",
                    date=datetime(2026, 11, 2, 15, tzinfo=UTC),
                )
            )
    return out


def season_plans() -> list[Plan]:
    """The plan at each moment something opens, with no ledger: every draft of the season."""
    cfg = season_config()
    season = read_season(cfg, {"a": _promises(cfg)})
    renderer = Renderer(cfg)
    moments = [START + timedelta(days=d, hours=6) for d in range(0, 90, 2)]
    moments += [datetime(2027, 1, 21, 15, tzinfo=UTC), datetime(2027, 2, 1, 15, tzinfo=UTC)]
    moments += [datetime(2027, 2, 10, 15, tzinfo=UTC)]
    snapshot = Snapshot(season=season, ledger={}, first_seen={}, updates=())
    return [plan(cfg, snapshot, now, renderer) for now in moments]


def season_drafts() -> dict[str, OutgoingDraft]:
    """Every draft of the season, by key."""
    drafts: dict[str, OutgoingDraft] = {}
    for result in season_plans():
        for action in result.actions:
            drafts.setdefault(action.draft.key, action.draft)
    return drafts


def samples(drafts: dict[str, OutgoingDraft]) -> dict[str, OutgoingDraft]:
    """One draft of each kind (the top-choice program's where it has one), and a second
    thank-you to the same program, to show two interviewers' letters side by side."""
    out: dict[str, OutgoingDraft] = {}
    top = "thank-you:lakeside-medical-center-internal-medicine-residency:"
    for key in sorted(drafts, key=lambda k: (not k.startswith(top), k)):
        draft = drafts[key]
        kind = (
            "thank-you-team"
            if key.startswith("thank-you") and "Team" in draft.text.split("\n")[0]
            else key.split(":")[0]
        )
        if kind == "thank-you" and kind in out and "thank-you, same program" not in out:
            kind = "thank-you, same program"
        out.setdefault(kind, draft)
    return out


if __name__ == "__main__":
    for kind, draft in samples(season_drafts()).items():
        sys.stdout.write(f"----- {kind}\nSubject: {draft.subject}\n\n{draft.text}\n")
