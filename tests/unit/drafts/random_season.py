"""Random seasons for the drafts: 20 places, some with a preliminary program beside the
categorical one, one to five interviewers each, notes drawn from a pool with repeats (two
interviewers noted "her QI project"), interviews every few days."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from typing import Any

from agent.config import Config
from agent.drafts.render import Renderer
from agent.facts.season import read_season
from agent.plan import Snapshot, plan
from tests.support.builders import config

PLACES = [
    "Lakeside Medical Center", "Riverside University Hospital", "Summit Health",
    "Harbor General", "Northgate University", "Bayview Medical Center", "Cedar Valley Hospital",
    "Eastbrook Health", "Mount Hope University", "Westfield Regional", "Pinecrest Medical Center",
    "Silver Lake Hospital", "Oak Park University", "Granite State Medical Center",
    "Seaside Community Hospital", "Redwood University", "Highland Health",
    "Clearwater Medical Center", "Ridgeview Hospital", "Fairview Hospital",
]  # fmt: skip
NOTES = [
    None, "her QI project", "the night float", "We talked about his lab.", "global health",
    "She leads the ICU.", "asked her about wellness", "resident-run clinic", "sepsis bundles",
    "the VA clinic", "POCUS teaching", "her research year", "the wellness committee",
    "his cardiology fellowship", "the ambulatory block", "journal club", "the QI curriculum",
    "the ICU step-down unit", "health equity work", "the intern retreat", "his simulation lab",
    "the rural track", "the global health elective", "her HIV clinic",
    "We discussed the night float.", "She runs the residents' clinic.",
    "asked him about mentorship", "told me about the new hospital",
]  # fmt: skip
START = datetime(2026, 10, 5, 14, tzinfo=UTC)


def random_config(seed: int) -> Config:
    rng = random.Random(seed)
    programs: list[dict[str, Any]] = []
    for n, place in enumerate(rng.sample(PLACES, len(PLACES))):
        tracks = ["Internal Medicine Residency"]
        if rng.random() < 0.2:
            tracks.append("Preliminary Internal Medicine")
        for track in tracks:
            domain = place.lower().replace(" ", "") + ("-prelim" if "Prelim" in track else "")
            people = []
            for i in range(rng.randint(1, 5)):
                first = rng.choice(["Ann", "Bo", "Cy", "Di", "Ed"])
                last = rng.choice(["Lee", "Park", "Shah", "Kim", "Ross", "Diaz", "van Dyke"])
                person = {"name": f"Dr. {first} {last}", "email": f"p{i}@{domain}.example"}
                note = rng.choice(NOTES)
                people.append({**person, **({"notes": note} if note else {})})
            when = START + timedelta(days=3 * n + rng.randint(0, 1) * ("Prelim" in track))
            entry: dict[str, Any] = {
                "name": f"{place} {track}",
                "domains": [f"{domain}.example"],
                "timezone": "America/New_York",
                "interview": when.replace(tzinfo=None).isoformat(),
                "interviewers": people,
            }
            if rng.random() < 0.7:
                entry["notes"] = rng.choice([n for n in NOTES if n])
            programs.append(entry)
    return config(*programs)


def random_season(seed: int) -> tuple[dict[str, str], int]:
    """Every thank-you of the season by key, and how many the lint blocked."""
    cfg = random_config(seed)
    season = read_season(cfg, {"a": []})
    renderer = Renderer(cfg)
    snapshot = Snapshot(season, {}, {}, ())
    texts: dict[str, str] = {}
    blocked = 0
    for day in range(0, 65):
        result = plan(cfg, snapshot, START + timedelta(days=day, hours=8), renderer)
        blocked += sum(1 for a in result.assessments if a.state == "blocked")
        for action in result.actions:
            texts.setdefault(action.draft.key, action.draft.text)
    return texts, blocked
