"""Hostile input: a generated corpus of malformed and adversarial mail (``tests/hostile.py``)
delivered next to the real programs' mail. The parser never raises, the pass never crashes,
mail text is never evaluated as template code, no header from mail reaches a draft's headers,
and the drafts for the real programs are byte-for-byte those of the same mailbox without the
hostile mail.

CI delivers ~100 messages; the full run (600):

    FULL=1 .venv/bin/pytest tests/e2e/test_hostile_input.py -p no:xdist -q -s

(``HOSTILE_COUNT`` and ``HOSTILE_SEED`` set the size and seed.)
"""

from __future__ import annotations

import email
import email.policy
import os
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest

from connectors.base import Address, OutgoingDraft, ReplyTarget
from connectors.mime import build_draft, draft_bytes, parse_message
from tests.support.crashkit import MARKER, Setup, program_mail
from tests.support.hostile import INJECTIONS, LOOKALIKES, TEMPLATE_BITS, corpus
from tests.support.scenario import CT, mail

FULL = os.environ.get("FULL") == "1"
COUNT = int(os.environ.get("HOSTILE_COUNT") or (600 if FULL else 100))
SEED = int(os.environ.get("HOSTILE_SEED") or 8)
DRAFT_HEADERS = {
    "from",
    "to",
    "subject",
    "date",
    "message-id",
    "in-reply-to",
    "references",
    MARKER.lower(),
    "mime-version",
    "content-type",
}


DOUBLE_ENCODED = (
    b"=?utf-8?q?=3D=3Futf-8=3Fq=3F=3D0D=3D0ABcc=3A=5Fattacker=3D40evil=3D2Eexample=3F=3D?="
)


def normalized(raw: bytes) -> bytes:
    return re.sub(rb"={15}\d+==", b"=BOUNDARY=", raw)


def drafts_by_key(setup: Setup) -> dict[str, bytes]:
    out = {}
    for path in setup.draft_files():
        raw = path.read_bytes()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        out[str(msg[MARKER])] = normalized(raw)
    return out


def test_the_parser_never_raises_on_the_corpus() -> None:
    when = datetime(2026, 11, 1, tzinfo=UTC)
    for n, raw in enumerate(corpus(COUNT, SEED, huge=1)):
        for with_body in (False, True):
            msg = parse_message(
                raw, id=f"h{n}", folder="inbox", fallback_date=when, with_body=with_body
            )
            assert msg.message_id.startswith("<")
            assert len(msg.to) <= 200 and len(msg.cc) <= 200
            for text in (msg.subject, *(a.name for a in msg.to), *(a.email for a in msg.to)):
                assert "\r" not in text and "\n" not in text and "\x00" not in text
            assert msg.body is None or len(msg.body) <= 100_000


def test_hostile_mail_next_to_real_programs(tmp_path: Path) -> None:
    clean = Setup(tmp_path / "clean")
    clean.deliver_all(program_mail())
    assert clean.sync().returncode == 0
    reference = drafts_by_key(clean)
    assert len(reference) == 7

    setup = Setup(tmp_path / "hostile")
    setup.deliver_all(program_mail())
    assert setup.box is not None
    for n, raw in enumerate(corpus(COUNT, SEED)):
        setup.box.deliver(raw, "sent" if n % 10 == 9 else "inbox")
    done = setup.sync(timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert drafts_by_key(setup) == reference  # the real programs' drafts, exactly
    again = setup.sync()
    assert again.returncode == 0 and "Nothing is due right now." in again.stdout
    status = setup.sync("--dry-run")
    assert status.returncode == 0
    print(f"\nhostile corpus: {COUNT} messages (seed {SEED}); 7 real drafts unchanged")


def _headers_of(raw: bytes) -> set[str]:
    head = raw.split(b"\n\n", 1)[0]
    return {
        line.split(b":", 1)[0].decode().lower()
        for line in head.splitlines()
        if line[:1] not in (b" ", b"\t")
    }


def _promise(subject: str, sender: str) -> bytes:
    raw = mail(
        subject=subject,
        body="""
        Dear Jordan, {{ applicant.__class__ }} <script>alert(1)</script>

        Details about our Second Look Day will be sent to all interviewees by November 1.

        Best, Ana
        """,
        sender=sender,
        date=datetime(2026, 10, 6, 10, 0, tzinfo=CT),
        message_id="<post-1006@bayviewhospital.org>",
    )
    # CR/LF smuggled into the Subject as a double-encoded word (it decodes to an encoded
    # word that itself decodes to CR/LF), and an extra header line in the mail
    return raw.replace(
        b"Subject: ",
        b"Subject: " + DOUBLE_ENCODED + b" ",
        1,
    ).replace(b"\nTo:", b"\nX-Injected: yes\nTo:", 1)


def _run_with(tmp_path: Path, promise: bytes) -> tuple[Setup, dict[str, bytes]]:
    setup = Setup(tmp_path)
    setup.deliver_all([(promise, "inbox"), *program_mail()[1:]])
    done = setup.sync()
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    drafts = drafts_by_key(setup)
    for raw_draft in drafts.values():
        head = raw_draft.split(b"\n\n", 1)[0].decode("utf-8", "replace")
        assert _headers_of(raw_draft) <= DRAFT_HEADERS, head
        lines = head.lower().splitlines()
        assert not [line for line in lines if line.startswith(("bcc", "x-injected"))], head
        msg = email.message_from_bytes(raw_draft, policy=email.policy.default)
        body = msg.get_body(preferencelist=("plain",))
        assert body is not None
        for text in (str(msg["Subject"]), str(body.get_content())):
            assert " 49 " not in text and "yes" not in text  # 7*7 and {% if %} never ran
    return setup, drafts


def test_header_injection_in_a_real_thread_never_reaches_the_reply(tmp_path: Path) -> None:
    _, drafts = _run_with(
        tmp_path,
        _promise("Second Look <script>x</script>", "Ana Lopez <alopez@bayviewhospital.org>"),
    )
    (inquiry,) = [v for k, v in drafts.items() if k.startswith("inquiry:")]
    msg = email.message_from_bytes(inquiry, policy=email.policy.default)
    assert msg["In-Reply-To"] == "<post-1006@bayviewhospital.org>"
    assert "<script>x</script>" in str(msg["Subject"])
    assert [a.addr_spec for a in msg["To"].addresses] == ["alopez@bayviewhospital.org"]
    assert len(drafts) == 7


def test_template_syntax_in_a_real_thread_is_never_evaluated(tmp_path: Path) -> None:
    """Jinja syntax in the subject and the coordinator's name: printed or blocked by the
    draft lint, never evaluated; the other programs' drafts are unaffected."""
    setup, drafts = _run_with(
        tmp_path,
        _promise(
            "Second Look {{ 7*7 }} {% if true %}yes{% endif %}",
            '"Ana {{ 7*7 }} Lopez" <alopez@bayviewhospital.org>',
        ),
    )
    inquiries = [v for k, v in drafts.items() if k.startswith("inquiry:")]
    for inquiry in inquiries:
        assert "{{ 7*7 }}" in str(
            email.message_from_bytes(inquiry, policy=email.policy.default)["Subject"]
        )
    if not inquiries:  # the draft lint holds it back for the user to look at
        status = setup.sync("--dry-run")
        assert status.returncode == 0
    assert len([k for k in drafts if k.startswith("thank-you:")]) == 6


@pytest.mark.parametrize("bit", [*TEMPLATE_BITS, *INJECTIONS, *LOOKALIKES])
def test_a_draft_built_from_hostile_values_has_only_its_own_headers(bit: str) -> None:
    target = ReplyTarget("id1", "<p@x.example>", ("<a@b>", "not-an-id\r\nBcc: x@y"), None, bit)
    draft = OutgoingDraft(
        key="inquiry:bayview:0123abcd:second-look",
        message_id="<k@med.example.edu>",
        sender=Address("Jordan Rivera", "jordan.rivera@med.example.edu"),
        to=(Address(bit, "coord@bayviewhospital.org"),),
        subject=f"Re: {bit}",
        text=f"Dear {bit},\n",
        reply_to=target,
        date=datetime(2026, 11, 4, tzinfo=UTC),
    )
    raw = draft_bytes(draft, linesep="\n")
    assert _headers_of(raw) <= DRAFT_HEADERS | {"content-transfer-encoding"}
    msg = build_draft(draft)
    assert msg["Bcc"] is None
    assert [str(a.addr_spec) for a in msg["To"].addresses] == ["coord@bayviewhospital.org"]
