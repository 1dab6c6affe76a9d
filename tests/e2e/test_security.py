"""Security: owner-only files, nothing private in the logs, minimal scopes, no send path."""

from __future__ import annotations

import ast
import json
import logging
import re
import stat
from pathlib import Path

from agent.engine import logs
from connectors.files import write_private
from connectors.gmail import auth as gmail_auth
from connectors.outlook import auth as outlook_auth
from tests.support.crashkit import ROOT, TOKEN, Setup, filler, program_mail
from tests.support.emulators.graph import GraphEmulator

APPLICANT = "jordan.rivera@med.example.edu"
BODY_SNIPPETS = ("Second Look Day will be sent", "Parking is in lot C", "library hours")
THIRD_PARTY = re.compile(r"[\w.+-]+@(?!med\.example\.edu)[\w-]+(\.[\w-]+)+")
LEVELS = ("INFO", "WARNING", "ERROR", "CRITICAL")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _maildir_run(tmp_path: Path, *extra: str) -> tuple[Setup, str]:
    setup = Setup(tmp_path)
    setup.deliver_all(program_mail() + filler(20))
    done = setup.sync(*extra)
    assert done.returncode == 0, done.stderr
    return setup, done.stderr


def test_state_dir_is_0700_and_state_files_0600(tmp_path: Path) -> None:
    setup, _ = _maildir_run(tmp_path)
    assert mode(setup.state) == 0o700
    inside = list(setup.state.rglob("*"))
    files = [p for p in inside if p.is_file()]
    assert any(p.name == "state.sqlite3" for p in files)
    assert any(p.suffix == ".names" for p in files)  # the Maildir folders' names
    for path in files:
        assert mode(path) == 0o600, path
    for path in inside:
        assert path.is_file() or mode(path) == 0o700, path


def test_token_files_and_the_log_file_are_0600(tmp_path: Path) -> None:
    token = tmp_path / "state" / "tokens" / "school.json"
    write_private(token, b"{}")  # what gmail_auth.save_token uses
    assert mode(token) == 0o600 and mode(token.parent) == 0o700
    cache = outlook_auth.open_token_cache(tmp_path / "state", "school")
    assert mode(cache.location.parent) == 0o700
    if not cache.encrypted and cache.location.exists():
        assert mode(cache.location) == 0o600
    path = logs.setup(tmp_path / "state", [APPLICANT])
    try:
        logging.getLogger("agent.test").warning("hello")
        assert mode(path) == 0o600
    finally:
        for handler in list(logging.getLogger().handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()


def _info_and_above(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(LEVELS)]


def test_daemon_log_file_masks_third_parties_and_tokens(tmp_path: Path) -> None:
    path = logs.setup(tmp_path / "state", [APPLICANT], verbose=0)
    try:
        log = logging.getLogger("agent.engine.sync")
        log.info("drafted thank-you:lakeside:2026-11-03:pnatarajan@lakesidemed.org")
        log.warning("Authorization: Bearer ya29.a0AfH6SMBx-secret-token-value")
        log.error("refresh_token=1//0gSECRETREFRESHTOKEN and %s", APPLICANT)
    finally:
        for handler in list(logging.getLogger().handlers):
            logging.getLogger().removeHandler(handler)
            handler.close()
    text = path.read_text()
    assert "pnatarajan@lakesidemed.org" not in text and "p***@lakesidemed.org" in text
    assert "secret-token-value" not in text and "SECRETREFRESHTOKEN" not in text
    assert APPLICANT in text


def test_sync_stderr_at_info_has_no_third_party_address(tmp_path: Path) -> None:
    _, err = _maildir_run(tmp_path, "-v")
    assert err.count("INFO") >= 1
    leaks = [line for line in _info_and_above(err) if THIRD_PARTY.search(line)]
    assert leaks == []


def test_sync_logs_never_carry_bodies_or_tokens(tmp_path: Path) -> None:
    """-vv (DEBUG included) on Maildir and against the Graph emulator: no body text, no
    token, at any level."""
    _, err = _maildir_run(tmp_path / "maildir", "-vv")
    for snippet in BODY_SNIPPETS:
        assert snippet not in err
    graph = GraphEmulator(token=TOKEN + "-s3cr3t")
    graph.start()
    try:
        for raw, folder in program_mail() + filler(20):
            graph.deliver(raw, folder)
        account = (
            '[[accounts]]\nname = "school"\nprovider = "outlook"\n'
            f'token_command = "echo {TOKEN}-s3cr3t"\napi_endpoint = "{graph.endpoint}"\n'
        )
        setup = Setup(tmp_path / "outlook", account)
        done = setup.sync("-vv")
        assert done.returncode == 0, done.stderr
        assert f"{TOKEN}-s3cr3t" not in done.stderr + done.stdout
        for snippet in BODY_SNIPPETS:
            assert snippet not in done.stderr
        assert not [r.path for r in graph.requests if "send" in r.path.lower()]
    finally:
        graph.stop()


def test_scopes_are_exactly_the_minimal_ones() -> None:
    assert tuple(gmail_auth.SCOPES) == (
        "https://www.googleapis.com/auth/gmail.readonly",
        "https://www.googleapis.com/auth/gmail.compose",
    )
    assert list(outlook_auth.SCOPES) == ["Mail.ReadWrite"]
    # and no other scope string hides anywhere in the code
    scope_like = re.compile(r"auth/gmail\.\w+|\bMail\.(Send|Read\b|ReadBasic)|\bmail\.google\.com/")
    for path in _sources():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                for hit in scope_like.findall(node.value):
                    assert hit in ("auth/gmail.readonly", "auth/gmail.compose", ""), (path, hit)


def _sources() -> list[Path]:
    return sorted([*(ROOT / "agent").rglob("*.py"), *(ROOT / "connectors").rglob("*.py")])


SEND_STRINGS = re.compile(r"sendmail|/send\b|mail\.send|messages/send|drafts/send", re.I)


def _docstrings(tree: ast.AST) -> set[int]:
    out = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                out.add(id(value))
    return out


def test_no_code_path_calls_a_send_endpoint() -> None:
    """Static: no `.send(` / `.send_message(` call on an API resource, no send URL or scope
    string outside docstrings, anywhere in agent/ or connectors/."""
    problems = []
    for path in _sources():
        tree = ast.parse(path.read_text())
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                if node.func.attr in ("send", "send_message", "sendMail", "send_draft"):
                    problems.append(f"{path}:{node.lineno}: .{node.func.attr}(")
            elif isinstance(node, ast.Attribute) and node.attr in ("sendMail", "send_mail"):
                problems.append(f"{path}:{node.lineno}: .{node.attr}")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in docs
                and SEND_STRINGS.search(node.value)
            ):
                problems.append(f"{path}:{node.lineno}: {node.value!r}")
    assert problems == []


def test_the_static_check_would_catch_a_send() -> None:
    samples = [
        "service.users().drafts().send(userId='me', body={}).execute()",
        "service.users().messages().send(userId='me', body={})",
        "graph.request('POST', '/me/sendMail', json={})",
        "graph.request('POST', f'/me/messages/{i}/send')",
    ]
    for sample in samples:
        tree = ast.parse(sample)
        calls = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Call)
            and isinstance(n.func, ast.Attribute)
            and n.func.attr == "send"
        ]
        strings = [
            n
            for n in ast.walk(tree)
            if isinstance(n, ast.Constant)
            and isinstance(n.value, str)
            and SEND_STRINGS.search(n.value)
        ]
        assert calls or strings or "/send" in sample, sample
    assert json.dumps(samples)
