"""The commands' two consoles, standard output and standard error, as rich makes them, made
on first use.

A plain line of text to a stream that is no terminal (`agent sync` run by a service, a
script or cron) is written as rich would write it, without importing rich (about 16 ms of a
pass): its style tags dropped, nothing else changed. Anything else (a table, a terminal, a
line with a backslash, a control character or markup other than a few styles) goes to rich.
"""

from __future__ import annotations

import os
import re
import sys
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

# rich's markup tag, and the same escape as rich.markup.escape (rich need not be imported).
_TAG = re.compile(r"((\\*)\[([a-z#/@][^[]*?)])")
_ESCAPE = re.compile(r"(\\*)(\[[a-z#/@][^[]*?])")
# The tags a plain line may hold: styles only, which a stream that is no terminal drops.
_STYLES = frozenset(
    f"[{close}{style}]"
    for style in ("bold", "dim", "red", "yellow", "green", "cyan")
    for close in ("", "/")
)
# Any of these in the environment can make rich treat a stream as a terminal.
_FORCING = ("FORCE_COLOR", "TTY_COMPATIBLE")


def escape(markup: str) -> str:
    """Text to put in markup so that it is printed as written (rich.markup.escape)."""
    markup = _ESCAPE.sub(lambda m: f"{m[1]}{m[1]}\\{m[2]}", markup)
    if markup.endswith("\\") and not markup.endswith("\\\\"):
        return markup + "\\"
    return markup


def plain(markup: str) -> str | None:
    """The text rich prints for ``markup`` to a stream that is no terminal, when it is
    plainly that markup without its style tags; None when only rich can tell."""
    if "\\" in markup or not markup.isprintable():
        return None  # escapes, tabs, control characters: rich's own rules
    tags = [tag.group(0) for tag in _TAG.finditer(markup)]
    if not all(tag in _STYLES for tag in tags) or not _closes_only_open(tags):
        return None  # rich's own markup, or markup rich rejects (a MarkupError)
    return _TAG.sub("", markup)


def _closes_only_open(tags: list[str]) -> bool:
    """Each closing tag closes a style still open, as rich requires."""
    open_styles: list[str] = []
    for tag in tags:
        if not tag.startswith("[/"):
            open_styles.append(tag[1:])
        elif tag[2:] in open_styles:
            open_styles.remove(tag[2:])  # which one of that name: the same styles stay open
        else:
            return False
    return True


class LazyConsole:
    """A rich ``Console`` made with ``options`` on first use (``real``); until then, plain
    lines to a stream that is no terminal are written here."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._real: Console | None = None

    @property
    def real(self) -> Console:
        if self._real is None:
            from rich.console import Console

            self._real = Console(**self._options)
        return self._real

    @property
    def is_terminal(self) -> bool:
        return False if self._plain_stream() is not None else self.real.is_terminal

    def print(self, *objects: Any, **options: Any) -> None:
        stream = self._plain_stream()
        if stream is not None and len(objects) == 1 and not options:
            text = plain(objects[0]) if isinstance(objects[0], str) else None
            if text is not None:
                stream.write(text + "\n")
                stream.flush()
                return
        self.real.print(*objects, **options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def _plain_stream(self) -> IO[str] | None:
        """Where plain lines go now, or None: rich is in use, or the stream may be a
        terminal to rich."""
        if self._real is not None or any(k in os.environ for k in _FORCING):
            return None
        stream: IO[str] = sys.stderr if self._options.get("stderr") else sys.stdout
        try:
            return None if stream.isatty() else stream
        except (AttributeError, ValueError):  # no isatty, or closed: rich decides
            return None
