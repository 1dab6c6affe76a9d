"""`agent view` through the real CLI, opened in a real headless Chromium (Debian's, over the
DevTools protocol): no console error, no request leaves the page, every program and every
due item is on it, it fits a phone's width, and screenshots at 390 and 1280 px are written."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.chromium import Chromium, executable, png_size
from tests.support.scenario import Applicant
from tests.support.views_season import NOW, run, synced

Cap = pytest.CaptureFixture[str]
pytestmark = pytest.mark.skipif(
    executable() is None,
    reason="no Chromium (Debian: apt-get install chromium); "
    "scripts/install-test-servers installs it",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    chromium = Chromium(tmp_path_factory.mktemp("chromium-profile"))
    try:
        yield chromium
    finally:
        chromium.close()


@pytest.fixture(scope="module")
def season_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("season")
    jordan = synced(root / "jordan")
    target = root / "season.html"
    assert run(jordan, "view", "--now", NOW, "--output", str(target), "--no-open") == 0
    return target


def test_the_page_is_clean_at_phone_width(browser: Chromium, season_page: Path) -> None:
    shot = season_page.parent / "season-390.png"
    seen = browser.load(season_page.as_uri(), 390, shot)
    assert seen.errors == []
    assert seen.width == 390 and seen.scroll_width <= 390  # nothing wider than the phone
    assert png_size(shot)[0] == 390 and png_size(shot)[1] > 900


def test_the_page_shows_every_program_and_every_due_item(
    browser: Chromium, season_page: Path
) -> None:
    shot = season_page.parent / "season-1280.png"
    seen = browser.load(season_page.as_uri(), 1280, shot)
    assert seen.errors == [] and seen.scroll_width <= 1280
    assert png_size(shot)[0] == 1280
    text = seen.text
    for name in ("Lakeside IM", "Harbor City IM", "Summit Valley IM", "Pacific Coast IM"):
        assert name in text
    assert "Northfield Internal Medicine Residency" in text  # a program with nothing yet
    for due in (
        "Due: the recording of the program overview",
        "Due: the J-1 visa FAQ",
        "Due: the parking pass",
        "Thank-you window",
        "Letter of intent",
        "Rank list certification deadline",
    ):
        assert due in text
    needs = text.split("Needs you now")[1].split("Season deadlines")[0]
    assert "add your detail to the thank-you to Dr. Marcus Chen, then send it" in needs
    assert "review and send the thank-you to Dr. Priya Natarajan" in needs
    # Mail text is shown as text: the hostile subject reads literally, nothing ran.
    assert "<script>alert('x')</script> Parking & <b>badge</b>" in text
    assert "<script" not in seen.html.split("</head>")[1]


def test_the_decision_trail_opens_without_script(browser: Chromium, season_page: Path) -> None:
    seen = browser.load(season_page.as_uri(), 1280)
    assert seen.html.count("<details") >= 8
    assert "skipped: the program's contact policy is no-contact (config)" in seen.text
    assert "ledger: drafted on Oct 6, now" in seen.html  # the ladder's rungs, inside <details>


def test_agent_view_never_opens_a_browser_from_a_script(
    applicant: Applicant, capsys: Cap, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr("webbrowser.open", lambda url: opened.append(url) or True)
    target = applicant.root / "page.html"
    code, out, err = applicant.run("view", "--now", NOW, "--output", str(target), capsys=capsys)
    assert code == 0, err
    assert opened == [] and f"wrote {target}" in out
    code, _, _ = applicant.run("view", "--now", NOW, "-o", str(target), "--open", capsys=capsys)
    assert code == 0 and opened == [target.resolve().as_uri()]
