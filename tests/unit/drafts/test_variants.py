"""Phrase choice: deterministic, different for two interviewers of one program, no paragraph
shared across a realistic season, and every section replaceable from templates_dir."""

from __future__ import annotations

import functools
import re
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from agent.config import Config, Interviewer
from agent.drafts import lint
from agent.drafts.render import Renderer
from agent.facts.season import read_season
from agent.plan import Snapshot, plan
from agent.rules.followup import FollowUp
from connectors.base import Address, OutgoingDraft
from tests.support.builders import config, program
from tests.unit.drafts.random_season import random_season
from tests.unit.drafts.season import season_config, season_drafts, season_plans

END = datetime.fromisoformat("2026-10-05T13:00:00-05:00")
PANEL = [
    {"name": "Dr. Priya Natarajan", "email": "pn@lakesidemed.org", "notes": "her QI project"},
    {"name": "Marcus Chen, MD", "email": "mc@lakesidemed.org", "notes": "the night float"},
    {"name": "Dr. Jane van Dyke", "email": "jv@lakesidemed.org"},
]


def panel_config(**keys: object) -> Config:
    return config(
        program(
            interview="2026-10-05T08:00:00",
            interview_end="2026-10-05T13:00:00",
            interviewers=PANEL,
            notes="resident-run free clinic",
        ),
        **keys,
    )


def thank_yous(cfg: Config) -> list[FollowUp]:
    snapshot = Snapshot(read_season(cfg, {"a": []}), {}, {}, ())
    result = plan(cfg, snapshot, END + timedelta(hours=1), Renderer(cfg))
    return [a.followup for a in result.assessments if a.followup and a.kind == "thank-you"]


def paragraphs(text: str) -> list[str]:
    return text.split("\n\n")


@functools.cache
def season() -> dict[str, OutgoingDraft]:
    return season_drafts()


def test_a_re_render_is_identical() -> None:
    cfg = panel_config()
    for followup in thank_yous(cfg):
        assert Renderer(cfg).render(followup) == Renderer(cfg).render(followup)


def test_interviewers_of_one_program_get_a_different_opening_fit_and_closing() -> None:
    cfg = panel_config()
    letters = [paragraphs(Renderer(cfg).render(f)[1]) for f in thank_yous(cfg)]
    assert len(letters) == 3
    # greeting, opening, detail, fit, closing, signature
    for section in (1, 3, 4):
        assert len({letter[section] for letter in letters}) == 3, section
    assert len({letter[5].split(",")[0] for letter in letters}) >= 2  # the sign-off word too


def test_no_paragraph_is_shared_across_a_season_of_twenty_programs() -> None:
    drafts = season()
    kinds = Counter(key.split(":")[0] for key in drafts)
    assert kinds["thank-you"] >= 40 and kinds["update"] >= 15 and kinds["interest"] >= 15
    assert kinds["inquiry"] >= 2 and kinds["intent"] == 1
    assert lint.shared_paragraphs(d.text for d in drafts.values()) == []


def test_every_draft_of_the_season_passes_the_lint() -> None:
    blocked = [a.note for p in season_plans() for a in p.assessments if a.state == "blocked"]
    assert blocked == []


def test_the_variants_are_all_in_use_over_a_season() -> None:
    openings = Counter(
        paragraphs(d.text)[1].split(" on ")[0]
        for key, d in season().items()
        if key.startswith("thank-you") and "Team," not in d.text
    )
    assert len(openings) >= 7  # eight openings; none left unused by a skewed choice
    assert max(openings.values()) <= 12


def test_a_phrase_file_in_templates_dir_replaces_the_bundled_one(tmp_path: Path) -> None:
    mine = tmp_path / "phrases" / "thank_you"
    mine.mkdir(parents=True)
    (mine / "closing.j2").write_text(
        "{# my own closings #}\nWith thanks from me to all of {{ short }}.\n\n"
        "Thank you, and see you around {{ place }}.\n"
    )
    cfg = panel_config(agent={"templates_dir": str(tmp_path)})
    closings = {paragraphs(Renderer(cfg).render(f)[1])[4] for f in thank_yous(cfg)}
    assert closings <= {
        "With thanks from me to all of Lakeside.",
        "Thank you, and see you around Lakeside Medical Center.",
    }
    assert len(closings) == 2  # two variants, three letters: both are used


def test_interviewers_known_only_from_mail_differ_once_the_plan_names_the_season() -> None:
    cfg = config(program(interview="2026-10-05T08:00:00"))
    slug = "lakeside-medical-center-internal-medicine-residency"

    def followup(email: str, name: str) -> FollowUp:
        person = Interviewer(name=name, email=email, role="Faculty")
        return FollowUp(
            key=f"thank-you:{slug}:2026-10-05:{email}",
            kind="thank-you",
            program=cfg.programs[0].name,
            account="a",
            recipient=Address(name, email),
            template="thank_you.txt.j2",
            context={
                "interviewer": person,
                "interviewers": [],
                "detail": None,
                "interview_date": END,
            },
            reason="",
        )

    pair = [followup(f"{n}@lakesidemed.org", f"Dr. {n.title()} Smith") for n in ("ann", "bo")]
    keys = [f.key for f in pair]
    texts = [paragraphs(Renderer(cfg).render(f, season=keys)[1]) for f in pair]
    for section in (1, 3, 4):
        assert texts[0][section] != texts[1][section]
    assert texts[0][0] == "Dear Dr. Smith,"


def test_no_variant_is_written_twice_across_the_phrase_files() -> None:
    """Letters of different kinds to one program (an inquiry and an update to the same
    coordinator) must not share an opening: every variant of every file is its own text."""
    root = Path(__file__).resolve().parents[3] / "templates" / "phrases"
    seen: dict[str, str] = {}
    for path in sorted(root.rglob("*.j2")):
        if path.name == "signoff.j2":
            continue
        body = re.sub(r"\{#.*?#\}", "", path.read_text(), flags=re.S)
        for variant in (v.strip() for v in re.split(r"\n\s*\n", body) if v.strip()):
            where = str(path.relative_to(root))
            assert variant not in seen, f"{where} repeats {seen.get(variant)}: {variant[:60]}"
            seen[variant] = where
    assert len(seen) >= 100


def test_no_paragraph_is_shared_when_the_plan_passes_the_season_keys() -> None:
    followups = {
        a.followup.key: a.followup for p in season_plans() for a in p.assessments if a.followup
    }
    renderer = Renderer(season_config())
    keys = sorted(followups)
    texts = [renderer.render(f, season=keys)[1] for f in followups.values()]
    assert len(texts) >= 80
    assert lint.shared_paragraphs(texts) == []


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_seasons_share_no_paragraph(seed: int) -> None:
    texts, blocked = random_season(seed)
    assert len(texts) >= 40 and blocked == 0
    assert lint.shared_paragraphs(texts.values()) == []


def test_two_interviewers_with_the_same_note_get_different_detail_sentences() -> None:
    cfg = config(
        program(
            interview="2026-10-05T08:00:00",
            interview_end="2026-10-05T13:00:00",
            interviewers=[{**p, "notes": "her QI project"} for p in PANEL],
        ),
        program(
            "Summit Health Internal Medicine Residency",
            domains=["summithealth.org"],
            interview="2026-10-05T08:00:00",
            interview_end="2026-10-05T13:00:00",
            interviewers=[
                {"name": "Dr. Ann Lee", "email": "al@summithealth.org", "notes": "Her QI project."}
            ],
        ),
    )
    details = {paragraphs(Renderer(cfg).render(f)[1])[2] for f in thank_yous(cfg)}
    assert len(details) == 4 and all("your QI project" in d for d in details)
