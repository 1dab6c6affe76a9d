"""A broken config names every problem by its key and exits 2, without a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from agent import config
from agent.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(ConfigError) as info:
        config.load(path)
    return info.value.problems


def test_the_example_config_is_valid() -> None:
    loaded = config.load(ROOT / "config.example.toml")
    assert loaded.applicant.name == "Jordan Rivera"
    assert loaded.programs[0].interviewers[0].email == "pnatarajan@lakesidemed.org"


def test_the_sample_config_is_valid() -> None:
    loaded = config.load(ROOT / "examples" / "sample" / "config.toml")
    assert len(loaded.programs) == 4


BROKEN = """
[applicant]
name = "Jordan Rivera"
email = "not-an-address"
timezone = "America/Gotham"
specialy = "IM"

[[accounts]]
name = "school"
provider = "pop3"

[[programs]]
name = "A"
top_choice = true
domains = ["bad domain"]
contact_policy = "maybe"

[[programs.interviewers]]
email = "x@y.org"

[[programs]]
name = "B"
top_choice = true
"""


def test_every_problem_is_named_by_its_key(tmp_path: Path) -> None:
    found = problems(tmp_path, BROKEN)
    joined = "\n".join(found)
    assert "applicant.email: 'not-an-address' is not an email address" in joined
    assert "applicant.timezone: 'America/Gotham' is not an IANA timezone" in joined
    assert "applicant.specialy: unknown key; did you mean 'specialty'?" in joined
    assert 'accounts[0] ("school").provider' in joined and "maildir, gmail, outlook" in joined
    assert 'programs[0] ("A").domains' in joined
    assert 'programs[0] ("A").contact_policy' in joined
    assert 'programs[0] ("A").interviewers[0].name: required key is missing' in joined
    assert len(found) == 7


def test_two_top_choices_are_refused(tmp_path: Path) -> None:
    text = (
        BROKEN.replace('email = "not-an-address"', 'email = "j@x.edu"')
        .replace("America/Gotham", "America/New_York")
        .replace('specialy = "IM"', "")
        .replace('"pop3"', '"maildir"\npath = "/tmp"')
        .replace('domains = ["bad domain"]', "")
        .replace('contact_policy = "maybe"', "")
        .replace('email = "x@y.org"', 'name = "Dr. X"')
    )
    (problem,) = problems(tmp_path, text)
    assert "top_choice is set on 2 programs (A, B)" in problem


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    (problem,) = problems(tmp_path, "[applicant]\nname = \n")
    assert problem.startswith("not valid TOML") and "line 2" in problem


def test_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"`agent init` writes it"):
        config.load(tmp_path / "nope.toml")


def test_cli_exits_2_with_every_problem_and_no_traceback(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text(BROKEN)
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from agent.cli.main import main; main()",
            "sync",
            "--config",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "7 problem(s)" in done.stderr
    assert "applicant.specialy" in done.stderr


def test_bad_now_is_a_usage_error(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "from agent.cli.main import main; main()",
            "sync",
            "--config",
            str(ROOT / "examples" / "sample" / "config.toml"),
            "--now",
            "yesterday-ish",
            "--dry-run",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "--now: 'yesterday-ish' is not an ISO 8601 time" in done.stderr
