"""Render follow-ups into drafts with Jinja2.

The environment is sandboxed and mail text only ever reaches it as data: a subject or a
name containing ``{{ ... }}`` is printed, never evaluated.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from agent.config import Config, Interviewer, Program
from agent.drafts import naming, phrasing, siblings
from agent.drafts.naming import ProgramNames
from agent.drafts.salutation import greet
from agent.drafts.salutation import salutation as _salutation
from agent.drafts.variants import Phrases
from agent.rules.followup import FollowUp
from connectors.base import Address, OutgoingDraft
from connectors.mime import reply_subject

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment

PLACEHOLDER_OPEN = "[[ADD DETAIL:"


def bundled_templates() -> Path:
    """Templates ship inside the wheel as agent/templates; in a checkout they sit beside it."""
    package = Path(__file__).resolve().parent.parent  # agent/
    inside = package / "templates"
    return inside if inside.is_dir() else package.parent / "templates"


def salutation(person: Any) -> str:
    """The template filter: a name ('Dr. Priya Natarajan') or an interviewer object."""
    return _salutation(person) if isinstance(person, str) else greet(person)


def longdate(value: datetime) -> str:
    return f"{value:%B} {value.day}"


def listing(notes: str) -> str:
    """'free clinic; X+Y scheduling' -> 'free clinic and X+Y scheduling'."""
    return phrasing.join(phrasing.items(notes))


def second_person(notes: str) -> str:
    """Notes are written about the interviewer ('her QI project'); the letter speaks to them."""
    return phrasing.second_person(listing(notes))


def institution(program_name: str, specialty: str) -> str:
    """'Lakeside Medical Center Internal Medicine Residency' -> 'Lakeside Medical Center'."""
    return naming.institution(program_name, specialty)


def sentence(text: str) -> str:
    """News as one sentence: first letter kept, a closing full stop added if missing."""
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?")) else text + "."


def capfirst(text: str) -> str:
    return text[:1].upper() + text[1:]


def placeholder(what: str) -> str:
    return f"{PLACEHOLDER_OPEN} {what}]]"


class Renderer:
    def __init__(self, config: Config) -> None:
        self.config = config

    @cached_property
    def env(self) -> SandboxedEnvironment:
        """The template engine, set up on the first draft: most passes write none."""
        from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
        from jinja2.sandbox import SandboxedEnvironment

        config = self.config
        loaders = [FileSystemLoader(str(bundled_templates()))]
        if config.agent.templates_dir:
            loaders.insert(0, FileSystemLoader(str(config.agent.templates_dir)))
        env = SandboxedEnvironment(
            loader=ChoiceLoader(loaders),
            undefined=StrictUndefined,
            autoescape=False,
            keep_trailing_newline=True,
            trim_blocks=False,
        )
        env.filters.update(
            salutation=salutation,
            longdate=longdate,
            listing=listing,
            second_person=second_person,
            sentence=sentence,
            capfirst=capfirst,
        )
        env.globals["placeholder"] = placeholder
        Phrases(env).install()
        return env

    def signature(self) -> str:
        a = self.config.applicant
        contact = [
            a.email,
            *([a.phone] if a.phone else []),
            *([f"AAMC ID {a.aamc_id}"] if a.aamc_id else []),
        ]
        return f"{a.name}\n{' | '.join(contact)}"

    def names(self, program: Program, mail: Sequence[str] = ()) -> ProgramNames:
        specialty = self.config.program_specialty(program)
        return naming.program_names(program.name, program.aliases, specialty, mail)

    def render(
        self, followup: FollowUp, program_mail: Sequence[str] = (), season: Sequence[str] = ()
    ) -> tuple[str, str]:
        """(subject, text) of a follow-up's draft.

        ``program_mail``: the program's own mail, so the letter names it as it names itself;
        ``season``: the keys of every follow-up of the season, so letters that could share
        wording take different phrasings (without it, siblings are worked out from config).
        """
        program = next(p for p in self.config.programs if p.name == followup.program)
        names = self.names(program, program_mail)
        context: dict[str, Any] = {
            "applicant": self.config.applicant,
            "program": program,
            "specialty": self.config.program_specialty(program),
            "institution": names.place,
            "place": names.place,
            "short": names.short,
            "signature": self.signature(),
            "recipient": followup.recipient,
            "kind": followup.kind,
            **followup.context,
        }
        context.update(self._voice(program, followup, context))
        context["_group"] = names.place
        context["_slot"] = siblings.place_slot(
            self.config, followup, names.place, lambda p: self.names(p).place, season
        )
        context["_sections"] = siblings.detail_slots(
            self.config, program, followup, context.get("detail")
        )
        from jinja2 import TemplateError

        try:
            output = self.env.get_template(followup.template).render(context)
        except TemplateError as exc:
            raise TemplateProblem(followup.template, str(exc)) from None
        head, _, body = output.lstrip("\n").partition("\n")
        if not head.startswith("Subject:"):
            raise TemplateProblem(followup.template, "the first line must be 'Subject: ...'")
        text = re.sub(r"\n{3,}", "\n\n", body.strip("\n")) + "\n"
        text = re.sub(r"[ \t]+\n", "\n", text)
        return head.removeprefix("Subject:").strip(), text

    def _voice(
        self, program: Program, followup: FollowUp, context: Mapping[str, Any]
    ) -> dict[str, Any]:
        """What the phrasings insert: the greeting, the notes as phrase or sentences, dates."""
        person = context.get("interviewer")
        detail = context.get("detail")
        about_person = person is not None
        notes = phrasing.read(detail, about_person=about_person) if detail else []
        fit = phrasing.read(program.notes)
        interview = context.get("interview_date")
        return {
            "greeting": self._greeting(program, followup, person),
            "detail_phrase": phrasing.noun_phrase(notes),
            "detail_sentences": phrasing.sentences(notes)
            if not phrasing.noun_phrase(notes)
            else "",
            "fit_phrase": phrasing.noun_phrase(fit),
            "fit_sentences": phrasing.sentences(fit) if not phrasing.noun_phrase(fit) else "",
            "date": longdate(interview) if interview else "",
        }

    def _greeting(self, program: Program, followup: FollowUp, person: Any) -> str:
        """Whom "Dear" greets: the interviewer, a configured person by address, else the team."""
        if person is not None:
            configured = self._configured(program, person.email, person.name)
            return greet(configured or person)
        recipient = followup.recipient
        configured = self._configured(program, recipient.email, recipient.name)
        if configured is not None:
            return greet(configured)
        if recipient.name and "@" not in recipient.name:
            return _salutation(recipient.name)
        return ""

    @staticmethod
    def _configured(program: Program, email: str | None, name: str | None) -> Interviewer | None:
        for person in program.interviewers:
            if (email and person.email == email) or (not email and name and person.name == name):
                return person
        return None


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


def compose(
    config: Config,
    renderer: Renderer,
    followup: FollowUp,
    now: datetime,
    *,
    program_mail: Sequence[str] = (),
    season: Sequence[str] = (),
) -> CreateDraft:
    subject, text = renderer.render(followup, program_mail, season)
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
