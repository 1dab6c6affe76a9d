"""The TOML configuration, validated up front: every problem is named by its key.

``config.example.toml`` documents every key; the keys of the core issue are pinned.
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from agent.errors import ConfigError
from agent.paths import default_state_dir
from connectors import registry
from connectors.registry import AccountConfig

_EMAIL = re.compile(r"^[^@\s<>(),;:\"]+@[^@\s<>(),;:\"]+\.[^@\s<>(),;:\"]+$")
ContactPolicy = Literal["welcome", "discouraged", "no-contact"]


def _email(value: str) -> str:
    value = value.strip().lower()
    if not _EMAIL.match(value):
        raise ValueError(f"{value!r} is not an email address")
    return value


# Abbreviations tzdata still accepts as fixed offsets ("EST" is -5 all year, never EDT):
# a season that crosses a DST change would be an hour off, so ask for the region's name.
_ABBREVIATIONS = {
    "EST": "America/New_York",
    "EDT": "America/New_York",
    "ET": "America/New_York",
    "EST5EDT": "America/New_York",
    "CST": "America/Chicago",
    "CDT": "America/Chicago",
    "CT": "America/Chicago",
    "CST6CDT": "America/Chicago",
    "MST": "America/Denver (or America/Phoenix for Arizona)",
    "MDT": "America/Denver",
    "MST7MDT": "America/Denver",
    "PST": "America/Los_Angeles",
    "PDT": "America/Los_Angeles",
    "PST8PDT": "America/Los_Angeles",
    "HST": "Pacific/Honolulu",
    "AKST": "America/Anchorage",
}


def _zone(value: str) -> str:
    suggestion = _ABBREVIATIONS.get(value.strip().upper())
    if suggestion:
        raise ValueError(
            f"{value!r} is an abbreviation with a fixed offset; use the region's IANA name, "
            f"{suggestion!r}, so daylight saving time is right"
        )
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not an IANA timezone such as 'America/New_York'") from None
    return value


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Applicant(_Section):
    name: str = Field(min_length=1)
    email: str
    aliases: list[str] = []
    phone: str | None = None
    aamc_id: str | None = None
    specialty: str = "Internal Medicine"
    timezone: str

    _check_email = field_validator("email")(classmethod(lambda cls, v: _email(v)))
    _check_tz = field_validator("timezone")(classmethod(lambda cls, v: _zone(v)))

    @field_validator("aliases")
    @classmethod
    def _aliases(cls, value: list[str]) -> list[str]:
        return [_email(v) for v in value]

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def addresses(self) -> frozenset[str]:
        return frozenset([self.email, *self.aliases])


class AgentSettings(_Section):
    state_dir: Path = Field(default_factory=default_state_dir)
    season_start: date | None = None
    templates_dir: Path | None = None  # overrides for the bundled templates, file by file
    interval_minutes: int = Field(default=10, ge=1, le=24 * 60)

    @field_validator("state_dir", "templates_dir")
    @classmethod
    def _expand(cls, value: Path | None) -> Path | None:
        return value.expanduser() if value else value


class Rules(_Section):
    thank_you_window_hours: int = Field(default=48, ge=1, le=24 * 14)
    interview_length_hours: float = Field(default=4, gt=0, le=12)
    promise_grace_days: int = Field(default=2, ge=0, le=60)
    promise_default_days: int = Field(default=7, ge=1, le=60)
    intent_letter_days: int = Field(default=21, ge=0, le=120)
    late_season_note: bool = False
    cadence_days: int = Field(default=14, ge=1, le=60)


class Season(_Section):
    rank_deadline: date = date(2027, 3, 3)
    match_day: date = date(2027, 3, 19)


class Interviewer(_Section):
    name: str = Field(min_length=1)
    email: str | None = None
    role: str | None = None
    notes: str | None = None
    title: str | None = None  # "Ms.", "Mr.", "Mx.", "Dr."...: "Dear Ms. Lopez,"
    salutation: str | None = None  # wins over any derived greeting: "Ana" -> "Dear Ana,"

    @field_validator("email")
    @classmethod
    def _addr(cls, value: str | None) -> str | None:
        return _email(value) if value else None

    @field_validator("title", "salutation")
    @classmethod
    def _words(cls, value: str | None) -> str | None:
        value = " ".join(value.split()) if value else None
        if value and not any(c.isalpha() for c in value):
            raise ValueError(f"{value!r} has no letters")
        return value or None


class Program(_Section):
    name: str = Field(min_length=1)
    aliases: list[str] = []
    domains: list[str] = []
    specialty: str | None = None
    timezone: str | None = None
    interview: datetime | None = None
    interview_end: datetime | None = None
    contact_policy: ContactPolicy | None = None
    top_choice: bool = False
    notes: str | None = None
    interviewers: list[Interviewer] = []

    _check_tz = field_validator("timezone")(
        classmethod(lambda cls, v: _zone(v) if v is not None else v)
    )

    @field_validator("domains")
    @classmethod
    def _domains(cls, value: list[str]) -> list[str]:
        out = []
        for d in value:
            d = d.strip().lower().lstrip("@").rstrip(".")
            if "." not in d or " " in d or "@" in d:
                raise ValueError(f"{d!r} is not a domain name such as 'lakesidemed.org'")
            out.append(d)
        return out

    @model_validator(mode="after")
    def _end_after_start(self) -> Program:
        if self.interview_end is not None and self.interview is None:
            raise ValueError("interview_end is set but interview is not")
        return self


class Update(_Section):
    """Real news for programs: a publication, an award, a Step 2 CK score."""

    text: str = Field(min_length=3)
    date: date


class Config(_Section):
    applicant: Applicant
    agent: AgentSettings = Field(default_factory=AgentSettings)
    rules: Rules = Rules()
    season: Season = Season()
    accounts: list[AccountConfig] = Field(min_length=1)
    programs: list[Program] = []
    updates: list[Update] = []

    @model_validator(mode="after")
    def _whole(self) -> Config:
        problems = []
        tops = [p.name for p in self.programs if p.top_choice]
        if len(tops) > 1:
            problems.append(
                f"top_choice is set on {len(tops)} programs ({', '.join(tops)}); "
                "at most one program can be the first choice"
            )
        for label, names in (
            ("accounts", [a.name for a in self.accounts]),
            ("programs", [p.name for p in self.programs]),
        ):
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                problems.append(f"{label}: the name {', '.join(map(repr, dupes))} is used twice")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    def program_zone(self, program: Program) -> ZoneInfo:
        return ZoneInfo(program.timezone or self.applicant.timezone)

    def program_specialty(self, program: Program) -> str:
        return program.specialty or self.applicant.specialty

    def account(self, name: str) -> AccountConfig:
        for account in self.accounts:
            if account.name == name:
                return account
        known = ", ".join(a.name for a in self.accounts)
        raise ConfigError("accounts", [f"no account named {name!r} (known: {known})"])

    def localize(self, program: Program, value: datetime) -> datetime:
        """A config datetime without an offset is local time in the program's timezone."""
        return value if value.tzinfo else value.replace(tzinfo=self.program_zone(program))


def _key_path(loc: tuple[int | str, ...], raw: dict[str, Any]) -> str:
    parts: list[str] = []
    node: Any = raw
    for item in loc:
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("name"), str):
                    label += f' ("{node["name"]}")'
            parts.append(label)
        elif isinstance(node, dict) and item in node:
            parts.append(f".{item}" if parts else item)
            node = node[item]
        elif item in registry.NAMES or item.startswith("function-"):
            continue  # the union member pydantic tried, not a key the user wrote
        else:
            parts.append(f".{item}" if parts else item)
            node = None
    return "".join(parts) or "(top level)"


def _message(error: dict[str, Any], raw: dict[str, Any]) -> str:
    key = _key_path(tuple(error["loc"]), raw)
    kind = error["type"]
    if kind == "extra_forbidden":
        name = str(error["loc"][-1])
        known = _known_keys(tuple(error["loc"][:-1]))
        import difflib  # only for a config with a mistake in it

        guess = difflib.get_close_matches(name, known, n=1)
        hint = f"; did you mean {guess[0]!r}?" if guess else " (a typo?)"
        return f"{key}: unknown key{hint}"
    if kind == "missing":
        return f"{key}: required key is missing"
    if kind == "union_tag_invalid":
        return f"{key}.provider: must be one of {', '.join(registry.NAMES)}"
    if kind == "union_tag_not_found":
        return f"{key}.provider: required key is missing (one of {', '.join(registry.NAMES)})"
    message = str(error["msg"]).removeprefix("Value error, ").replace("Input should be", "must be")
    return f"{key}: {message}"


def _known_keys(loc: tuple[int | str, ...]) -> list[str]:
    model: Any = Config
    for item in loc:
        if isinstance(item, int):
            continue
        if model is None:  # inside [[accounts]]: pydantic names the provider's model it tried
            entry = registry.find(item)
            model = entry.account if entry else None
            continue
        fields = getattr(model, "model_fields", {})
        if item in fields:
            annotation = fields[item].annotation
            args = getattr(annotation, "__args__", ())
            model = next((a for a in (annotation, *args) if hasattr(a, "model_fields")), None)
    return list(getattr(model, "model_fields", {}) or [])


def parse(raw: dict[str, Any], source: str = "config") -> Config:
    try:
        return Config.model_validate(raw)
    except ValidationError as exc:
        problems = [_message(e, raw) for e in exc.errors(include_url=False)]  # type: ignore[arg-type]
        raise ConfigError(source, problems) from None


def load(path: Path) -> Config:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            str(path),
            ["file not found; `agent init` writes it from your mailbox, or pass --config PATH"],
        ) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(str(path), [f"cannot read the file: {exc}"]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(str(path), [f"not valid TOML: {exc}"]) from None
    _resolve_relative_paths(raw, path.parent)
    return parse(raw, str(path))


def _resolve_relative_paths(raw: dict[str, Any], base: Path) -> None:
    """Relative paths in the file are relative to the file, not to the working directory."""

    def fix(table: Any, key: str) -> None:
        if isinstance(table, dict) and isinstance(table.get(key), str):
            value = Path(table[key]).expanduser()
            if not value.is_absolute():
                table[key] = str(base / value)

    agent = raw.get("agent")
    fix(agent, "state_dir")
    fix(agent, "templates_dir")
    accounts = raw.get("accounts")
    for account in accounts if isinstance(accounts, list) else []:
        entry = registry.find(account.get("provider")) if isinstance(account, dict) else None
        for key in entry.path_keys if entry else ():
            fix(account, key)
