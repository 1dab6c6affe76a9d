"""Render follow-ups into drafts with Jinja2.

The environment is sandboxed and mail text only ever reaches it as data: a subject or a
name containing ``{{ ... }}`` is printed, never evaluated.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

from agent.config import Config
from agent.rules.followup import FollowUp
from connectors.base import Address, OutgoingDraft
from connectors.mime import reply_subject

PLACEHOLDER_OPEN = "[[ADD DETAIL:"
_TITLES = (
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "mr",
    "mr.",
    "ms",
    "ms.",
    "mrs",
    "mrs.",
    "mx",
    "mx.",
)
_DOCTORAL = re.compile(
    r",?\s+\b(MD|M\.D\.|DO|D\.O\.|PhD|Ph\.D\.|MBBS|MPH|MS|FACP|FAAP)\b\.?", re.IGNORECASE
)
_SUFFIX = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def bundled_templates() -> Path:
    """Templates ship inside the wheel as agent/templates; in a checkout they sit beside it."""
    package = Path(__file__).resolve().parent.parent  # agent/
    inside = package / "templates"
    return inside if inside.is_dir() else package.parent / "templates"


def salutation(name: str) -> str:
    """'Dr. Priya Natarajan' -> 'Dr. Natarajan'; 'Priya Natarajan, MD' -> 'Dr. Natarajan'."""
    doctoral = bool(re.search(r"\b(MD|M\.D\.|DO|D\.O\.|PhD|Ph\.D\.|MBBS)\b", name, re.I))
    bare = _DOCTORAL.sub("", name).strip().strip(",")
    words = bare.split()
    title = ""
    if words and words[0].lower() in _TITLES:
        title = words.pop(0).rstrip(".").capitalize() + "."
        if title == "Professor.":
            title = "Professor"
    while len(words) > 1 and words[-1].lower() in _SUFFIX:
        words.pop()
    if not words:
        return name.strip()
    if doctoral and not title:
        title = "Dr."
    return f"{title} {words[-1]}" if title else " ".join(words)


def longdate(value: datetime) -> str:
    return f"{value:%B} {value.day}"


def listing(notes: str) -> str:
    """'free clinic; X+Y scheduling' -> 'free clinic and X+Y scheduling'."""
    items = [i.strip() for i in re.split(r"\s*[;\n]\s*", notes) if i.strip()]
    if len(items) <= 1:
        return items[0] if items else ""
    return ", ".join(items[:-1]) + (", and " if len(items) > 2 else " and ") + items[-1]


def second_person(notes: str) -> str:
    """Notes are written about the interviewer ('her QI project'); the letter speaks to them."""
    return re.sub(r"^(her|his|their)\b", "your", listing(notes), flags=re.IGNORECASE)


def institution(program_name: str, specialty: str) -> str:
    """'Lakeside Medical Center Internal Medicine Residency' -> 'Lakeside Medical Center'."""
    name = re.sub(
        r"\s+(residency|residency program|program)$", "", program_name.strip(), flags=re.I
    )
    name = re.sub(rf"\s+{re.escape(specialty)}$", "", name, flags=re.I)
    return name or program_name


def sentence(text: str) -> str:
    """News as one sentence: first letter kept, a closing full stop added if missing."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def placeholder(what: str) -> str:
    return f"{PLACEHOLDER_OPEN} {what}]]"


class Renderer:
    def __init__(self, config: Config) -> None:
        self.config = config
        loaders = [FileSystemLoader(str(bundled_templates()))]
        if config.agent.templates_dir:
            loaders.insert(0, FileSystemLoader(str(config.agent.templates_dir)))
        self.env = SandboxedEnvironment(
            loader=ChoiceLoader(loaders),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=False,
        )
        self.env.filters.update(
            salutation=salutation,
            longdate=longdate,
            listing=listing,
            second_person=second_person,
            sentence=sentence,
        )
        self.env.globals["placeholder"] = placeholder

    def signature(self) -> str:
        a = self.config.applicant
        contact = [
            a.email,
            *([a.phone] if a.phone else []),
            *([f"AAMC ID {a.aamc_id}"] if a.aamc_id else []),
        ]
        return f"{a.name}\n{' | '.join(contact)}"

    def render(self, followup: FollowUp) -> tuple[str, str]:
        """(subject, text) of a follow-up's draft."""
        program = next(p for p in self.config.programs if p.name == followup.program)
        context: dict[str, Any] = {
            "applicant": self.config.applicant,
            "program": program,
            "specialty": self.config.program_specialty(program),
            "institution": institution(program.name, self.config.program_specialty(program)),
            "signature": self.signature(),
            "recipient": followup.recipient,
            **followup.context,
        }
        try:
            output = self.env.get_template(followup.template).render(context)
        except TemplateError as exc:
            raise TemplateProblem(followup.template, str(exc)) from None
        head, _, body = output.lstrip("\n").partition("\n")
        if not head.startswith("Subject:"):
            raise TemplateProblem(followup.template, "the first line must be 'Subject: ...'")
        text = re.sub(r"\n{3,}", "\n\n", body.strip("\n")) + "\n"
        return head.removeprefix("Subject:").strip(), text


class TemplateProblem(Exception):
    def __init__(self, template: str, detail: str) -> None:
        super().__init__(f"template {template}: {detail}")


def draft_message_id(key: str, applicant_email: str) -> str:
    """Deterministic, so a draft written just before a crash is recognised afterwards."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:24]
    return f"<{digest}.residency-agent@{applicant_email.rpartition('@')[2]}>"


@dataclass(frozen=True)
class CreateDraft:
    """The one action a plan holds: write this draft for this follow-up."""

    followup: FollowUp
    draft: OutgoingDraft


def compose(config: Config, renderer: Renderer, followup: FollowUp, now: datetime) -> CreateDraft:
    subject, text = renderer.render(followup)
    if followup.reply_to is not None:
        subject = reply_subject(followup.reply_to.subject)
    applicant = config.applicant
    draft = OutgoingDraft(
        key=followup.key,
        message_id=draft_message_id(followup.key, applicant.email),
        sender=Address(applicant.name, applicant.email),
        to=(followup.recipient,),
        subject=subject,
        text=text,
        reply_to=followup.reply_to,
        date=now,
    )
    return CreateDraft(followup, draft)
