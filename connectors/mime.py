"""RFC 5322 in and out: parse raw mail into ``MailMessage`` and build drafts as MIME.

Parsing never raises on bad mail: broken MIME, unknown charsets and missing headers degrade
to empty values. Building never lets text from mail into a header unsanitized.
"""

from __future__ import annotations

import contextlib
import email
import email.parser
import email.policy
import hashlib
import html
import re
from datetime import UTC, datetime
from email.message import EmailMessage, Message
from email.utils import format_datetime, formataddr, parsedate_to_datetime
from html.parser import HTMLParser
from typing import ClassVar

from connectors.addresses import (
    bounded_list,
    clean_header_text,
    parse_addresses,
    plain_pairs,
    to_addresses,
)
from connectors.base import MARKER_HEADER, Address, Folder, MailMessage, OutgoingDraft

MAX_BODY_CHARS = 100_000  # program mail is short; anything longer is mostly quoted history
_MSGID = re.compile(r"<[^<>\s]+>")


# Reply and forward prefixes in the languages mail clients write them: Re, Fw(d), AW, SV, WG...
REPLY_PREFIX = re.compile(r"^\s*((re|fw|fwd|aw|sv|antw|wg)\s*(\[\d+\])?\s*:\s*)+", re.IGNORECASE)


def reply_subject(subject: str) -> str:
    """The subject of a reply: "Re: <original>" (Gmail threads a draft only with it)."""
    base = REPLY_PREFIX.sub("", clean_header_text(subject))
    return f"Re: {base}" if base else "Re:"


# Headers that hold addresses: parsed as address lists, so an encoded name keeps its comma.
_ADDRESS_HEADERS = frozenset({"from", "to", "cc", "bcc", "reply-to", "sender"})


def _unfold(value: str) -> str:
    """RFC 5322 unfolding: a line break before white space is not part of the value."""
    return re.sub(r"\r?\n(?=[ \t])", "", value)


def _raw_text(value: str) -> str:
    """A header as parsed from bytes: 8-bit bytes (RFC 6532 UTF-8, or Latin-1 from old
    clients) made text, not replacement characters."""
    try:
        data = value.encode("ascii", "surrogateescape")
    except UnicodeEncodeError:
        return value  # already text (parsed from a str)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _raw_header(msg: Message, name: str) -> str:
    """The first ``name`` header as written (encoded words left as they are), one line."""
    try:
        value = next((v for k, v in msg.raw_items() if k.lower() == name.lower()), None)
        if value is None:
            return ""
        return clean_header_text(_unfold(_raw_text(str(value))))
    except Exception:  # malformed header: nothing rather than a crash
        return ""


def _decoded_header(msg: Message, name: str) -> str:
    """The header's text with RFC 2047 encoded words decoded by the modern parser
    (``email.policy.default``). Address headers come back as a well-formed address list
    ('"López, Ana" <alopez@program.org>'), so ``parse_addresses`` can read them again."""
    text = _raw_header(msg, name)
    if name.lower() in _ADDRESS_HEADERS:
        text = bounded_list(text)
    elif "=?" not in text:
        return text
    try:
        return clean_header_text(str(email.policy.default.header_factory(name, text)))
    except Exception:  # the parser gave up (deep nesting, bad encodings): the old decoder
        pass
    try:
        from email.header import decode_header, make_header

        return clean_header_text(str(make_header(decode_header(text))))
    except Exception:
        return text


def _addresses(msg: Message, name: str) -> tuple[Address, ...]:
    raw = _raw_header(msg, name)
    pairs = plain_pairs(raw) if raw else []
    if pairs is None:
        return parse_addresses([_decoded_header(msg, name)])
    return to_addresses(pairs)


def message_ids(value: str) -> tuple[str, ...]:
    return tuple(_MSGID.findall(value))


def parse_date(value: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except Exception:
        return None
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed


class _TextFromHtml(HTMLParser):
    """Text of an HTML body: blocks and <br> become lines, table cells are tab-separated, so
    "<td>Date</td><td>Tuesday</td>" reads as two words on one row, never "DateTuesday"."""

    _BLOCK: ClassVar[set[str]] = {
        "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "table", "ul", "ol", "dl",
        "blockquote", "pre", "hr", "section", "article", "header", "footer", "center", "address",
    }  # fmt: skip
    _LINE: ClassVar[set[str]] = {"br", "tr", "li", "dt", "dd"}  # a new line, not a paragraph
    _CELL: ClassVar[set[str]] = {"td", "th"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._mailto: tuple[str, int] | None = None  # an open <a href="mailto:">, where it began

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if tag == "a" and href.lower().startswith("mailto:"):
            self._mailto = (href[7:].split("?")[0].strip(), len(self.parts))
        if tag in ("script", "style", "title", "s", "strike", "del"):  # struck out: superseded
            self._skip += 1
        elif tag == "li":  # a list item stays one: text readers split lists at "- "
            self.parts.append("\n- ")
        elif tag in self._BLOCK or tag in self._LINE:
            self.parts.append("\n")
        elif tag in self._CELL:
            self.parts.append("\t")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._BLOCK or tag in self._LINE:  # <br/> and <hr/>
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._mailto:  # "Dr. Ana Ruiz" linked to her address keeps it
            address, start = self._mailto
            if address and address.lower() not in "".join(self.parts[start:]).lower():
                self.parts.append(f" <{address}>")
            self._mailto = None
        if tag in ("script", "style", "title", "s", "strike", "del"):
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")
        elif tag in self._CELL:
            self.parts.append("\t")

    def handle_data(self, data: str) -> None:
        if not self._skip:  # line breaks in the HTML source are only white space
            self.parts.append(re.sub(r"[ \t\r\n]+", " ", data))


def html_to_text(markup: str) -> str:
    parser = _TextFromHtml()
    try:
        parser.feed(markup)
        parser.close()
    except Exception:
        return re.sub(r"<[^>]*>", " ", markup)
    text = "".join(parser.parts).replace("\xa0", " ")
    rows = ("\t".join(c.strip() for c in ln.split("\t") if c.strip()) for ln in text.split("\n"))
    return re.sub(r"\n\s*\n+", "\n\n", "\n".join(rows)).strip()


def _part_text(part: Message) -> str:
    try:
        payload = part.get_payload(decode=True)
    except Exception:
        return ""
    if not isinstance(payload, bytes):
        return ""
    charset = "utf-8"
    with contextlib.suppress(Exception):
        charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except (LookupError, TypeError):  # unknown charset: best effort
        return payload.decode("utf-8", errors="replace")


# A plain part that only points at the HTML one ("view this message in your browser").
_STUB = re.compile(
    r"view\s+(?:this|the)\s+(?:e-?mail|message)|in\s+(?:your|a)\s+(?:web\s+)?browser|"
    r"html[- ](?:capable|compatible|version|enabled)|does\s+not\s+support\s+html|"
    r"trouble\s+(?:viewing|reading)|(?:e-?mail|message)\s+(?:is|was)\s+(?:sent\s+)?in\s+html|"
    r"best\s+viewed|view\s+(?:it\s+)?online|(?:web|online)\s+version|enable\s+html",
    re.IGNORECASE,
)


def _is_stub(plain: str, markup: str | None) -> bool:
    """A plain part with no words of its own, while the HTML part has the message."""
    words = re.sub(r"https?://\S+", " ", plain).split()
    if not markup or len(words) > 40:
        return False
    shown = len(html_to_text(markup))
    much = len(words) <= 15 and shown > 3 * len(" ".join(words))  # a few words, the rest in HTML
    return not words or (_STUB.search(plain) is not None and shown > len(" ".join(words))) or much


def body_text(msg: Message) -> str:
    """The first text/plain part; the text/html one made plain if none or only a stub."""
    plain: str | None = None
    markup: str | None = None
    try:
        parts = list(msg.walk())[:200]  # bound deeply nested or huge MIME trees
    except Exception:
        parts = [msg]
    for part in parts:
        try:
            ctype = part.get_content_type()
            disposition = str(part.get("Content-Disposition") or "").lower()
        except Exception:
            continue
        if "attachment" in disposition:
            continue
        if ctype == "text/plain" and plain is None:
            plain = _part_text(part)
        elif ctype == "text/html" and markup is None:
            markup = _part_text(part)
        if plain is not None and markup is not None:
            break
    if plain is not None and not _is_stub(plain, markup):
        text = plain
    else:
        text = html_to_text(markup or "") or plain or ""
    return text.replace("\r\n", "\n")[:MAX_BODY_CHARS]


def parse_message(
    raw: bytes,
    *,
    id: str,
    folder: Folder,
    fallback_date: datetime,
    with_body: bool = True,
    thread_hint: str | None = None,
) -> MailMessage:
    """Normalize raw RFC 5322 bytes. Never raises on malformed mail."""
    parser = email.parser.BytesParser(policy=email.policy.compat32)
    msg = parser.parsebytes(raw, headersonly=not with_body)
    message_id = next(iter(message_ids(_raw_header(msg, "Message-ID"))), "")
    if not message_id:
        digest = hashlib.sha1(raw[:65536]).hexdigest()[:24]
        message_id = f"<{digest}@missing-id.invalid>"
    senders = _addresses(msg, "From")
    in_reply_to = next(iter(message_ids(_raw_header(msg, "In-Reply-To"))), None)
    return MailMessage(
        id=id,
        folder=folder,
        message_id=message_id,
        subject=_decoded_header(msg, "Subject"),
        sender=senders[0] if senders else None,
        to=_addresses(msg, "To"),
        cc=_addresses(msg, "Cc"),
        date=parse_date(_raw_header(msg, "Date")) or fallback_date,
        in_reply_to=in_reply_to,
        references=message_ids(_raw_header(msg, "References"))[-50:],
        thread_hint=thread_hint,
        body=body_text(msg) if with_body else None,
    )


def message_body(raw: bytes) -> str:
    """The text of a whole raw message (what ``parse_message`` puts in ``body``)."""
    return body_text(email.message_from_bytes(raw, policy=email.policy.compat32))


def decode_marker(value: str) -> str | None:
    """A marker header's value as written: keys hold no white space, so a client that
    refolded the header or turned it into encoded words is undone here."""
    text = clean_header_text(value)
    if "=?" in text:
        try:
            from email.header import decode_header, make_header

            text = str(make_header(decode_header(text)))
        except Exception:
            pass
    return re.sub(r"\s+", "", text) or None


def marker_of(raw_headers: bytes) -> str | None:
    """The agent's marker in a draft's headers, if any."""
    msg = email.message_from_bytes(raw_headers, policy=email.policy.compat32)
    return decode_marker(_raw_header(msg, MARKER_HEADER))


def text_to_html(text: str) -> str:
    """A minimal HTML alternative: paragraphs kept, everything escaped."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = "".join(
        "<p>" + "<br>\n".join(html.escape(line) for line in p.splitlines()) + "</p>\n"
        for p in paragraphs
    )
    return (
        '<!DOCTYPE html><html><head><meta charset="utf-8"></head>'
        f'<body style="font-family: sans-serif; font-size: 14px;">\n{body}</body></html>\n'
    )


# Long header lines are allowed up to RFC 5322's 998; folding at 78 would turn the marker
# into encoded words, which some clients rewrite.
DRAFT_POLICY = email.policy.default.clone(max_line_length=998)


def draft_bytes(draft: OutgoingDraft, linesep: str = "\r\n") -> bytes:
    """The draft serialized for a mail store: CRLF for APIs, LF for local Maildir files."""
    return build_draft(draft).as_bytes(policy=DRAFT_POLICY.clone(linesep=linesep))


def build_draft(draft: OutgoingDraft) -> EmailMessage:
    """The draft as a MIME message: text/plain with an HTML alternative, threading headers."""
    msg = EmailMessage(policy=DRAFT_POLICY)
    msg["From"] = _header_address(draft.sender)
    msg["To"] = ", ".join(_header_address(a) for a in draft.to)
    msg["Subject"] = draft_header_text(draft.subject)
    msg["Date"] = format_datetime(draft.date or datetime.now(UTC))
    msg["Message-ID"] = draft.message_id
    if draft.reply_to is not None:
        parent = draft.reply_to.message_id
        refs = [r for r in draft.reply_to.references if _MSGID.fullmatch(r)]
        msg["In-Reply-To"] = parent
        msg["References"] = " ".join([*refs[-20:], parent])
    msg[MARKER_HEADER] = clean_header_text(draft.key)
    msg["MIME-Version"] = "1.0"
    msg.set_content(draft.text)
    msg.add_alternative(draft.html or text_to_html(draft.text), subtype="html")
    return msg


def draft_header_text(value: str) -> str:
    """Text from mail made safe for a draft's header: no control characters, and no RFC 2047
    encoded word left that the email policy would decode into CR/LF (header injection)."""
    text = clean_header_text(value)
    for _ in range(3):  # double-encoded words decode one layer at a time
        if "=?" not in text:
            return text
        try:
            from email.header import decode_header, make_header

            decoded = clean_header_text(str(make_header(decode_header(text))))
        except Exception:
            break
        if decoded == text:
            break
        text = decoded
    return text.replace("=?", "=\u2060?")  # a word joiner: shown as typed, never decoded


def _header_address(addr: Address) -> str:
    return formataddr((draft_header_text(addr.name), clean_header_text(addr.email)))
