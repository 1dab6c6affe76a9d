"""config.example.toml documents every key of the config models, each in its own table, and
every example in it (the commented ones too) is a valid config."""

from __future__ import annotations

import re
import tomllib
import typing
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from agent import config
from connectors import registry

EXAMPLE = Path(__file__).resolve().parents[2] / "config.example.toml"
# A table header or a `key = value` line, either of them possibly commented out.
HEADER = re.compile(r"^\[\[?([\w.]+)\]\]?")
KEY = re.compile(r"^(\w+)\s*=\s*(.*)$")
COMMENTED = re.compile(r"^# ?(?=\[|\w+\s*=)")


def models(model: type[BaseModel], table: str = "") -> Iterator[tuple[str, type[BaseModel]]]:
    """Every table the config model allows: ("programs.interviewers", Interviewer), and one
    per provider for [[accounts]]: ("accounts/gmail", GmailAccount)."""
    for name, field in model.model_fields.items():
        path = f"{table}.{name}" if table else name
        for inner in _models_in(field.annotation):
            yield from _tables(path, inner)


def _tables(path: str, model: type[BaseModel]) -> Iterator[tuple[str, type[BaseModel]]]:
    provider = model.model_fields.get("provider")
    tag = typing.get_args(provider.annotation) if provider else ()
    label = f"{path}/{tag[0]}" if tag else path
    yield label, model
    yield from models(model, path)


def _models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]


def documented(text: str) -> dict[str, set[str]]:
    """The keys written (or commented out) under each table of the example."""
    keys: dict[str, set[str]] = {"": set()}
    table = ""
    for line in text.splitlines():
        stripped = line.strip().removeprefix("#").strip()
        if header := HEADER.match(stripped):
            table = header.group(1)
            keys.setdefault(table, set())
            parent, _, name = table.rpartition(".")  # [[programs.interviewers]]: a key of programs
            keys.setdefault(parent, set()).add(name)
        elif key := KEY.match(stripped):
            name, value = key.groups()
            if table == "accounts" and name == "provider":
                table = f"accounts/{value.split('#')[0].strip().strip(chr(34))}"
                keys.setdefault(table, set()).update(keys.pop("accounts", set()))
            keys.setdefault(table, set()).add(name)
    return keys


def missing(text: str) -> list[str]:
    written = documented(text)
    found = [("", config.Config), *models(config.Config)]
    return [
        f"{table or '(top level)'}: {name}"
        for table, model in found
        for name in model.model_fields
        if name not in written.get(table, set())
    ]


def uncommented(text: str) -> str:
    return "\n".join(COMMENTED.sub("", line) for line in text.splitlines())


def test_every_config_key_is_in_the_example() -> None:
    assert missing(EXAMPLE.read_text(encoding="utf-8")) == []


def test_the_walk_reaches_every_table_and_provider() -> None:
    tables = {table for table, _ in models(config.Config)}
    expected = {"applicant", "agent", "rules", "season", "programs", "programs.interviewers"}
    assert tables == expected | {"updates"} | {f"accounts/{name}" for name in registry.NAMES}


@pytest.mark.parametrize(
    ("line", "gap"),
    [
        ("cadence_days = 14", "rules: cadence_days"),
        ('# api_endpoint = "https://graph', "accounts/outlook: api_endpoint"),
        ("# [[updates]]", "(top level): updates"),
    ],
)
def test_a_key_left_out_of_the_example_is_found(line: str, gap: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    kept = [row for row in text.splitlines() if not row.startswith(line)]
    assert len(kept) == len(text.splitlines()) - 1
    assert gap in missing("\n".join(kept))


def test_the_example_with_every_commented_example_is_valid(tmp_path: Path) -> None:
    text = uncommented(EXAMPLE.read_text(encoding="utf-8"))
    assert {t["provider"] for t in tomllib.loads(text)["accounts"]} == set(registry.NAMES)
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    loaded = config.load(path)
    assert loaded.updates and loaded.updates[0].text.startswith("My abstract")
    assert loaded.agent.templates_dir is not None


def test_the_example_as_shipped_is_valid() -> None:
    loaded = config.load(EXAMPLE)
    assert [a.provider for a in loaded.accounts] == ["maildir"]
    assert loaded.rules == config.Rules()  # the [rules] it shows are the defaults
