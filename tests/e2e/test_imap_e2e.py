"""`agent sync` end to end on an IMAP account served by a real Dovecot: the real CLI, the real
connector and imapclient. Thank-yous land in Drafts flagged \\Draft and \\Seen, an inquiry is
threaded (In-Reply-To) under the program's promise, nothing is written twice, a draft the user
deleted and expunged is not recreated, and mail another client APPENDs is read next pass."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from tests.e2e.test_providers_e2e import PROMISE_ID, applicant, season_mail
from tests.support.dovecot import PASSWORD, Dovecot, running
from tests.support.scenario import Applicant

Cap = pytest.CaptureFixture[str]
VARIANTS = {
    "condstore+special-use": {"condstore": True, "special_use": True},
    "plain-imap4rev1": {"condstore": False, "special_use": False},
}


@pytest.fixture(params=list(VARIANTS))
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Dovecot]:
    with running(tmp_path / "dovecot", **VARIANTS[request.param]) as dovecot:
        yield dovecot


def imap_applicant(tmp_path: Path, server: Dovecot) -> Applicant:
    block = server.account_toml()
    keys = block.split("\n", 3)[3]  # everything after [[accounts]], name and provider
    return applicant(tmp_path / "jordan", 'provider = "imap"\n' + keys.strip())


def drafts(server: Dovecot) -> list[tuple[EmailMessage, set[bytes]]]:
    with server.client() as other:  # a second client's view of the drafts folder
        other.select_folder("Drafts", readonly=True)
        got = other.fetch(other.search(["ALL"]), ["BODY.PEEK[]", "FLAGS"])
    out = []
    for data in got.values():
        msg = email.message_from_bytes(data[b"BODY[]"], policy=email.policy.default)
        assert isinstance(msg, EmailMessage)
        out.append((msg, set(data[b"FLAGS"])))
    return out


def test_sync_on_imap(server: Dovecot, tmp_path: Path, capsys: Cap) -> None:
    jordan = imap_applicant(tmp_path, server)
    season = season_mail()
    (promise,) = [raw for raw, _ in season if PROMISE_ID.encode() in raw]
    for raw, folder in season:
        if raw is not promise:
            server.append(raw, "INBOX" if folder == "inbox" else "Sent")
    code, out, err = jordan.run("sync", "--now", "2026-10-06T09:00", capsys=capsys)
    assert code == 0, err + out
    written = drafts(server)
    assert sorted(m["To"].addresses[0].addr_spec for m, _ in written) == [
        "mchen@lakesidemed.org",
        "pnatarajan@lakesidemed.org",
    ]
    assert not any(str(m["Subject"]).startswith("Re:") for m, _ in written)  # no promise yet
    assert all({b"\\Draft", b"\\Seen"} <= flags for _, flags in written)
    assert all(m["X-Residency-Agent"] for m, _ in written)

    # Another client delivers the program's promise; the next pass reads it.
    server.append(promise, "INBOX")
    code, _, err = jordan.run("sync", "--now", "2026-10-06T12:00", capsys=capsys)
    assert code == 0, err
    assert len(drafts(server)) == 2  # nothing written twice

    # The user deletes one thank-you in their client (deleted and expunged).
    (chen,) = [m for m, _ in drafts(server) if "mchen" in str(m["To"])]
    with server.client() as other:
        other.select_folder("Drafts")
        other.delete_messages(other.search(["HEADER", "Message-ID", str(chen["Message-ID"])]))
        other.expunge()
    code, out, _ = jordan.run("sync", "--now", "2026-10-23T09:00", capsys=capsys)
    assert code == 0 and "you deleted the draft" in out
    written = drafts(server)
    inquiries = [m for m, _ in written if str(m["Subject"]).startswith("Re:")]
    assert len(written) == 2 and len(inquiries) == 1
    (inquiry,) = inquiries
    assert inquiry["In-Reply-To"] == PROMISE_ID and PROMISE_ID in str(inquiry["References"])
    assert not any("mchen" in str(m["To"]) for m, _ in written)  # not recreated

    code, _, _ = jordan.run("sync", "--now", "2026-10-24T09:00", capsys=capsys)
    assert code == 0 and len(drafts(server)) == 2


def test_agent_auth_logs_in_with_the_password_command(
    server: Dovecot, tmp_path: Path, capsys: Cap
) -> None:
    jordan = imap_applicant(tmp_path, server)
    code, out, err = jordan.run("auth", "school", capsys=capsys)
    assert code == 0, err
    assert "password_command printed a password" in out and "accepted it" in out
    wrong = jordan.config.read_text().replace(PASSWORD, "not the password")
    jordan.config.write_text(wrong)
    code, out, err = jordan.run("auth", "school", capsys=capsys)
    assert code != 0 and "refused the login of 'jordan'" in out + err
