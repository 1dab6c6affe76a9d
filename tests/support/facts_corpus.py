"""The mail-facts corpus read by the real agent, the way the held-out set is judged.

Every labelled item becomes mail in ONE Maildir with one configured program per item
("Item 017 Program", its own domain, the item's timezone); then `agent sync` and
`agent status --json` run in-process and each program's JSON is that item's prediction.
Snippet items are plain messages from a coordinator at the program's domain; `email` items
are delivered raw. Items that would be confused with each other in one mailbox (a shared
domain, Message-ID or subject) go into separate mailboxes. Scoring is in facts_scoring.py.
Shared by bench/mail_facts.py and tests/e2e/test_mail_facts_corpus.py.
"""

from __future__ import annotations

import contextlib
import email
import email.header
import email.policy
import io
import json
import logging
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, parseaddr
from pathlib import Path
from typing import Any

from agent.cli.main import main as agent_main
from tests.support.mailbox import Maildir

log = logging.getLogger(__name__)

REPO = Path(__file__).resolve().parents[2]
SHARED_CORPUS = REPO.parent / "shared" / "corpus" / "mail-facts.json"
OWN_CORPUS = REPO / "tests" / "corpus"
KINDS = ("promise", "interview", "policy", "interviewers", "email")
# Interview platforms write on a program's behalf; their domains are nobody's program.
PLATFORM_DOMAINS = (
    "thalamusgme.com",
    "thalamus.app",
    "aamc.org",
    "interviewbroker.com",
    "erasmail.org",
)
# Nobody configures a webmail provider as a program's domain (a fellow applicant's reply-all).
WEBMAIL = re.compile(
    r"^(gmail|googlemail|yahoo|outlook|hotmail|live|msn|icloud|me|aol|proton|protonmail|mail)\."
)
BATCH_SIZE = 120  # per mailbox: drafting checks each draft against every program name
DEFAULT_APPLICANT = "Jordan Reyes <jordan.reyes@mail.example>"
COORDINATOR = "Residency Coordinator"
REPLY_PREFIX = re.compile(r"^\s*((re|fwd?|aw|wg)\s*(\[\d+\])?\s*:\s*)+", re.I)


# ---------------------------------------------------------------- loading


def load_items(path: Path) -> list[dict[str, Any]]:
    items = json.loads(Path(path).read_text(encoding="utf-8"))
    if not isinstance(items, list):
        raise ValueError(f"{path}: expected a JSON list of items")
    return items


def own_items(folder: Path = OWN_CORPUS) -> list[dict[str, Any]]:
    """Every mail-facts item of tests/corpus/*.json, each tagged with the file it came from.
    Items of another schema (no known `kind`, e.g. discovery examples) are left out."""
    out: list[dict[str, Any]] = []
    for path in sorted(folder.glob("*.json")):
        for item in load_items(path):
            if isinstance(item, dict) and item.get("kind") in KINDS:
                out.append({**item, "file": path.name})
    return out


def split_of(item: dict[str, Any]) -> str:
    return "aside" if item.get("split") == "aside" else "dev"


# ---------------------------------------------------------------- predictions


@dataclass
class Prediction:
    """What `agent status --json` says about one item's program."""

    promises: list[dict[str, Any]] = field(default_factory=list)
    interview: dict[str, Any] | None = None
    policy: str | None = None
    interviewers: list[dict[str, Any]] = field(default_factory=list)
    needs_you: list[dict[str, Any]] = field(default_factory=list)
    crashed: str | None = None  # the agent raised while reading this item's mail

    @classmethod
    def from_status(cls, program: dict[str, Any]) -> Prediction:
        policy = program.get("contact_policy")
        if program.get("contact_policy_source") == "default":
            policy = None  # "welcome" by default means nothing was read
        return cls(
            promises=list(program.get("promises") or []),
            interview=program.get("interview"),
            policy=policy,
            interviewers=[
                i for i in program.get("interviewers") or [] if i.get("source") != "config"
            ],
            needs_you=list(program.get("needs_you") or []),
        )


# ---------------------------------------------------------------- mailbox building


@dataclass
class Staged:
    """One item as mail: the raw bytes, where it goes and how its program is configured."""

    item: dict[str, Any]
    program: str
    raw: bytes
    folder: str  # "inbox" or "sent"
    domains: list[str]
    aliases: list[str]
    keys: set[str]  # what must not be shared with another item in the same mailbox


def _addr(text: str) -> str:
    return parseaddr(text)[1].strip().lower()


def _domain(address: str) -> str:
    return address.rpartition("@")[2].lower()


def _is_platform(domain: str) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in PLATFORM_DOMAINS)


def _base_subject(subject: str) -> str:
    return " ".join(REPLY_PREFIX.sub("", subject).split()).casefold()


def platform_name(subject: str) -> str:
    """The program's name as a platform subject gives it ("Interview Confirmed: X", "... - X",
    "New message from X"); the whole subject when no part stands out."""
    base = " ".join(REPLY_PREFIX.sub("", subject).split())
    tail = re.split(r"\s*(?::|\s[-–—|]\s)\s*", base)[-1]
    lead = re.search(r"\b(?:from|with|at|for)\s+(.+)$", tail, re.I)
    name = (lead.group(1) if lead else tail).strip(" .!")
    return name if len(name) >= 4 else base


def _snippet(item: dict[str, Any], domain: str, applicant: str, n: int) -> bytes:
    msg = EmailMessage(policy=email.policy.default)
    msg["From"] = f"{COORDINATOR} <coordinator@{domain}>"
    msg["To"] = applicant
    msg["Subject"] = f"Message from Item {n:03d} Program"
    msg["Date"] = format_datetime(datetime.fromisoformat(item["email_date"]))
    msg["Message-ID"] = f"<item-{n:03d}@{domain}>"
    msg.set_content(item["text"])
    return msg.as_bytes()


def stage(item: dict[str, Any], n: int, owners: frozenset[str], applicant: str) -> Staged:
    program = f"Item {n:03d} Program"
    if item["kind"] != "email":
        domain = f"program{n:03d}.example"
        raw = _snippet(item, domain, applicant, n)
        return Staged(item, program, raw, "inbox", [domain], [], {f"dom:{domain}"})
    raw_text: str = item["raw"]
    msg = email.message_from_string(raw_text, policy=email.policy.compat32)
    people = [
        a.lower()
        for _, a in getaddresses(
            [str(v) for h in ("From", "To", "Cc", "Reply-To") for v in msg.get_all(h) or []]
        )
        if "@" in a
    ]
    domains = sorted(
        {
            _domain(a)
            for a in people
            if a not in owners and not _is_platform(_domain(a)) and not WEBMAIL.match(_domain(a))
        }
    )
    sender = _addr(str(msg.get("From", "")))
    subject = str(email.header.make_header(email.header.decode_header(msg.get("Subject", ""))))
    # Platform mail is matched by the program name it carries; nothing else needs a name.
    aliases = [platform_name(subject)] if not domains and _is_platform(_domain(sender)) else []
    ids = re.findall(
        r"<[^<>]+>",
        " ".join(str(msg.get(h, "")) for h in ("Message-ID", "In-Reply-To", "References")),
    )
    keys = {f"dom:{d}" for d in domains} | {f"id:{i.lower()}" for i in ids}
    keys |= {f"alias:{a.casefold()}" for a in aliases} | {f"subj:{_base_subject(subject)}"}
    folder = "sent" if sender in owners else "inbox"
    return Staged(item, program, raw_text.encode("utf-8"), folder, domains, aliases, keys)


def batches(staged: Iterable[Staged], size: int = BATCH_SIZE) -> list[list[Staged]]:
    """Group items so that no two in one mailbox share a domain, a Message-ID or a subject,
    at most `size` to a mailbox (drafting checks every draft against every program's name)."""
    groups: list[tuple[set[str], list[Staged]]] = []
    for s in staged:
        for keys, members in groups:
            if len(members) < size and not keys & s.keys and not _named_in(s, members):
                keys |= s.keys
                members.append(s)
                break
        else:
            groups.append((set(s.keys), [s]))
    return [members for _, members in groups]


def _named_in(s: Staged, members: list[Staged]) -> bool:
    """A platform alias found in another platform item's subject would split its vote."""

    def subject(m: Staged) -> str:
        return " ".join(k[5:] for k in m.keys if k.startswith("subj:"))

    return any(
        any(a.casefold() in subject(m) for a in s.aliases)
        or any(a.casefold() in subject(s) for a in m.aliases)
        for m in members
    )


# ---------------------------------------------------------------- running the agent


def _toml(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _config(staged: list[Staged], applicant: str, others: list[str], season_start: str) -> str:
    lines = [
        "[applicant]",
        f"name = {_toml(parseaddr(applicant)[0] or 'Jordan Reyes')}",
        f"email = {_toml(_addr(applicant))}",
        f"aliases = [{', '.join(_toml(a) for a in others)}]",
        'timezone = "America/New_York"',
        "",
        "[agent]",
        'state_dir = "state"',
        f"season_start = {season_start}",
        "",
        "[[accounts]]",
        'name = "school"',
        'provider = "maildir"',
        'path = "mail"',
    ]
    for s in staged:
        lines += [
            "",
            "[[programs]]",
            f"name = {_toml(s.program)}",
            f"aliases = [{', '.join(_toml(a) for a in s.aliases)}]",
            f"domains = [{', '.join(_toml(d) for d in s.domains)}]",
            f"timezone = {_toml(s.item['program_timezone'])}",
        ]
    return "\n".join(lines) + "\n"


def _cli(args: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = 0
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            agent_main(args)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue()


def moments(items: list[dict[str, Any]]) -> tuple[str, str]:
    """(season_start, now): a week before the first message and a day after the last."""
    dates = [datetime.fromisoformat(i["email_date"]) for i in items]
    start = (min(dates) - timedelta(days=7)).date().isoformat()
    return start, (max(dates) + timedelta(days=1)).isoformat()


def run_mailbox(
    root: Path, staged: list[Staged], owners: list[str], when: tuple[str, str]
) -> dict[str, dict[str, Any]]:
    """Deliver, `agent sync`, `agent status --json`; the status JSON per program name."""
    box = Maildir(root / "mail")
    for s in staged:
        box.deliver(s.raw, s.folder)  # type: ignore[arg-type]
    config = root / "config.toml"
    applicant, others = owners[0], [_addr(o) for o in owners[1:]]
    config.write_text(_config(staged, applicant, others, when[0]), encoding="utf-8")
    common = ["--config", str(config), "--now", when[1]]
    _cli(["sync", *common])  # drafts may fail to render; the mail is stored either way
    code, out = _cli(["status", "--json", *common])
    if code != 0:
        raise RuntimeError(f"agent status --json exited {code}")
    return {p["name"]: p for p in json.loads(out)["programs"]}


def _owners(items: list[dict[str, Any]]) -> list[str]:
    owners: list[str] = []
    for item in items:
        owner = item.get("mailbox_owner")
        if owner and _addr(owner) not in {_addr(o) for o in owners}:
            owners.append(owner)
    return owners or [DEFAULT_APPLICANT]


def predict(items: list[dict[str, Any]]) -> list[Prediction]:
    """Each item's prediction, in item order, read through the real CLI."""
    owners = _owners(items)
    owner_addrs = frozenset(_addr(o) for o in owners)
    staged = [stage(item, n, owner_addrs, owners[0]) for n, item in enumerate(items, 1)]
    when = moments(items)
    out: dict[str, Prediction] = {}
    for group in batches(staged):
        out.update(_predict_group(group, owners, when))
    return [out[s.program] for s in staged]


def _predict_group(
    group: list[Staged], owners: list[str], when: tuple[str, str]
) -> dict[str, Prediction]:
    """One mailbox; when the agent crashes, halve the group until the culprit is alone."""
    try:
        with tempfile.TemporaryDirectory(prefix="mail-facts-") as tmp:
            programs = run_mailbox(Path(tmp), group, owners, when)
    except Exception as exc:
        if len(group) == 1:
            log.warning("agent crashed on %s: %r", group[0].item["id"], exc)
            return {group[0].program: Prediction(crashed=repr(exc))}
        half = len(group) // 2
        return {
            **_predict_group(group[:half], owners, when),
            **_predict_group(group[half:], owners, when),
        }
    return {s.program: Prediction.from_status(programs.get(s.program, {})) for s in group}
