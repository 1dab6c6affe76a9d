"""A real Dovecot IMAP server for tests: a throwaway config, user and Maildir under a temp
dir, listening on 127.0.0.1 on a free port, started as a subprocess and stopped by its own
pid. Variants switch off CONDSTORE/QRESYNC and SPECIAL-USE, or serve TLS with a certificate
made for the test. Skips with a clear reason where Dovecot is not installed
(``scripts/install-test-servers`` installs it)."""

from __future__ import annotations

import contextlib
import getpass
import grp
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from imapclient import IMAPClient

# Debian installs it in /usr/sbin, which is not on every user's PATH.
DOVECOT = shutil.which("dovecot") or shutil.which("dovecot", path="/usr/sbin:/usr/local/sbin")
USER, PASSWORD = "jordan", "correct horse battery staple"
# Dovecot 2.3's capabilities after login, minus the ones a variant switches off.
_CAPS = (
    "IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE SORT SORT=DISPLAY THREAD=REFERENCES "
    "THREAD=REFS THREAD=ORDEREDSUBJECT MULTIAPPEND URL-PARTIAL CATENATE UNSELECT CHILDREN "
    "NAMESPACE UIDPLUS LIST-EXTENDED I18NLEVEL=1 ESEARCH ESORT SEARCHRES WITHIN CONTEXT=SEARCH "
    "LIST-STATUS BINARY MOVE SNIPPET=FUZZY PREVIEW=FUZZY PREVIEW STATUS=SIZE SAVEDATE LITERAL+ "
    "NOTIFY"
)

needs_dovecot = pytest.mark.skipif(
    DOVECOT is None,
    reason="Dovecot is not installed (run scripts/install-test-servers, or "
    "apt-get install dovecot-imapd)",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Dovecot:
    root: Path
    condstore: bool = True  # CONDSTORE and QRESYNC advertised
    special_use: bool = True  # Sent and Drafts marked \Sent and \Drafts
    tls: bool = False
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None
    cert: Path | None = None
    folders: tuple[str, ...] = ("Sent", "Drafts")  # created before the first start
    extra: list[str] = field(default_factory=list)

    shared: Path | None = None  # home and base_dir; outside a private temp dir as root

    def __post_init__(self) -> None:
        if self.shared is None:
            if os.getuid() == 0:  # the mail user (nobody) must reach its home
                self.shared = Path(tempfile.mkdtemp(prefix="dovecot-test-"))
                self.shared.chmod(0o711)
            else:
                self.shared = self.root

    @property
    def maildir(self) -> Path:
        assert self.shared is not None
        return self.shared / "home" / USER / "Maildir"

    def cleanup(self) -> None:
        if self.shared is not None and self.shared != self.root:
            shutil.rmtree(self.shared, ignore_errors=True)

    def account_toml(self, name: str = "school", **keys: str) -> str:
        security = "tls" if self.tls else "none"
        host = "localhost" if self.tls else "127.0.0.1"
        lines = [
            "[[accounts]]",
            f'name = "{name}"',
            'provider = "imap"',
            f'host = "{host}"',
            f"port = {self.port}",
            f'security = "{security}"',
            f'username = "{USER}"',
            f"password_command = \"printf '%s' '{PASSWORD}'\"",
        ]
        lines += [f'{k} = "{v}"' for k, v in keys.items()]
        return "\n".join(lines) + "\n"

    # -- the server ----------------------------------------------------------------------

    def write_config(self) -> Path:
        assert self.shared is not None
        self.root.mkdir(parents=True, exist_ok=True)
        run, home = self.shared / "run", self.shared / "home"
        for path in (run, home, self.maildir / "cur", self.maildir / "new", self.maildir / "tmp"):
            path.mkdir(parents=True, exist_ok=True)
        for folder in self.folders:
            for sub in ("cur", "new", "tmp"):
                (self.maildir / f".{folder}" / sub).mkdir(parents=True, exist_ok=True)
        self.folders = ()  # made once: a restart keeps what the user renamed or deleted
        own(home)
        (self.root / "passwd").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
        special = (
            "  mailbox Sent {\n    special_use = \\Sent\n  }\n"
            "  mailbox Drafts {\n    special_use = \\Drafts\n  }\n"
            if self.special_use
            else ""
        )
        caps = _CAPS + (" CONDSTORE QRESYNC" if self.condstore else "")
        ssl = "ssl = no\n"
        if self.tls:
            assert self.cert is not None
            key = self.cert.with_suffix(".key")
            ssl = f"ssl = required\nssl_cert = <{self.cert}\nssl_key = <{key}\n"
        config = f"""
base_dir = {run}
state_dir = {self.root / "state"}
instance_name = dovecot-test-{self.port}
log_path = {self.root / "dovecot.log"}
protocols = imap
listen = 127.0.0.1
{ssl}
disable_plaintext_auth = no
auth_mechanisms = plain login
{_users()}
first_valid_uid = 0
first_valid_gid = 0
mail_location = maildir:~/Maildir
mail_fsync = never
auth_failure_delay = 0
imap_capability = {caps}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%n {self.root / "passwd"}
}}
userdb {{
  driver = static
  args = uid={_mail_uid()} gid={_mail_gid()} home={home}/%n
}}
namespace inbox {{
  inbox = yes
  separator = /
{special}}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {0 if self.tls else self.port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.port if self.tls else 0}
    ssl = yes
  }}
}}
service imap {{
  process_limit = 64
}}
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
""" + "\n".join(self.extra)
        conf = self.root / "dovecot.conf"
        conf.write_text(config)
        return conf

    def start(self) -> None:
        assert DOVECOT is not None
        self.port = self.port or free_port()
        conf = self.write_config()
        self.proc = subprocess.Popen(
            [DOVECOT, "-F", "-c", str(conf)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                out = self.proc.stdout.read().decode() if self.proc.stdout else ""
                log = self.log()
                raise RuntimeError(f"dovecot exited: {out}\n{log}")
            if self._greets():
                return
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"dovecot did not listen on port {self.port}:\n{self.log()}")

    def _greets(self) -> bool:
        """Ready: a connection gets the "* OK" greeting (the login and auth processes are
        up; stopping Dovecot before that takes seconds)."""
        if self.tls:  # the greeting comes inside TLS; a listening port is enough here
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return True
            return False
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=2) as sock:
                return sock.recv(512).startswith(b"* OK")
        except OSError:
            return False

    def stop(self) -> None:
        proc, self.proc = self.proc, None
        if proc is None or proc.poll() is not None:
            return
        os.killpg(proc.pid, signal.SIGTERM)  # its own session: the master and its children
        try:
            proc.wait(timeout=0.5)  # a throwaway server: no need to wait for a clean exit
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        if proc.stdout:
            proc.stdout.close()

    def restart(self) -> None:
        self.stop()
        self.start()

    def log(self) -> str:
        path = self.root / "dovecot.log"
        return path.read_text(errors="replace") if path.exists() else ""

    # -- acting as another client --------------------------------------------------------

    @contextlib.contextmanager
    def client(self) -> Iterator[IMAPClient]:
        if self.tls:
            import ssl

            context = ssl.create_default_context(cafile=str(self.cert))
            imap = IMAPClient("localhost", port=self.port, ssl=True, ssl_context=context)
        else:
            imap = IMAPClient("127.0.0.1", port=self.port, ssl=False)
        imap.login(USER, PASSWORD)
        try:
            yield imap
        finally:
            with contextlib.suppress(Exception):
                imap.logout()

    def append(self, raw: bytes, folder: str = "INBOX", flags: tuple[bytes, ...] = ()) -> None:
        with self.client() as imap:
            imap.append(folder, raw, flags=flags)


def _mail_uid() -> int:
    """Dovecot refuses uid 0 for mail: as root, the mail belongs to nobody."""
    return os.getuid() if os.getuid() != 0 else pwd.getpwnam("nobody").pw_uid


def _mail_gid() -> int:
    return os.getgid() if os.getuid() != 0 else pwd.getpwnam("nobody").pw_gid


def own(path: Path) -> None:
    """Hand files written by the test over to the mail user (only needed as root)."""
    if os.getuid() != 0:
        return
    uid, gid = _mail_uid(), _mail_gid()
    for base, dirs, files in os.walk(path):
        for name in [*dirs, *files]:
            os.lchown(os.path.join(base, name), uid, gid)
    os.lchown(path, uid, gid)


def _users() -> str:
    """Dovecot refuses to run its login processes as root: as root they run as Debian's
    unprivileged dovenull (chrooted), and the auth process stays root to read the passwd
    file under the test's private temp dir; otherwise everything runs as the current user."""
    if os.getuid() != 0:
        me = getpass.getuser()
        group = grp.getgrgid(os.getgid()).gr_name
        return (
            f"default_internal_user = {me}\ndefault_internal_group = {group}\n"
            f"default_login_user = {me}\n"
        )
    return (
        "default_internal_user = dovecot\ndefault_login_user = dovenull\n"
        "service auth {\n  user = root\n}\n"
    )


def make_cert(directory: Path) -> Path:
    """A self-signed certificate for localhost and 127.0.0.1; returns the .pem (key: .key)."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed: no certificate for the TLS test")
    cert, key = directory / "server.pem", directory / "server.key"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert


@contextlib.contextmanager
def running(root: Path, **options: object) -> Iterator[Dovecot]:
    if DOVECOT is None:
        pytest.skip("Dovecot is not installed (run scripts/install-test-servers)")
    server = Dovecot(root, **options)  # type: ignore[arg-type]
    if server.tls:
        root.mkdir(parents=True, exist_ok=True)
        server.cert = make_cert(root)
    try:
        server.start()
    except BaseException:
        server.cleanup()
        raise
    try:
        yield server
    finally:
        server.stop()
        server.cleanup()


@pytest.fixture
def dovecot(tmp_path: Path) -> Iterator[Dovecot]:
    with running(tmp_path / "dovecot") as server:
        yield server
