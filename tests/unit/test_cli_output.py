"""What the commands print is what was written: an :emoji: code in a name stays as it is."""

from __future__ import annotations

from agent.cli.options import err, out


def test_the_consoles_print_an_emoji_code_as_written() -> None:
    for console in (out, err):
        with console.capture() as captured:
            console.print("Peds:baby: Residency")
        assert captured.get() == "Peds:baby: Residency\n"
