"""The state folder is made owner-only, but a shared folder named as the state folder (a
sticky one, as /tmp is) is never locked against its other users."""

from __future__ import annotations

import stat
from pathlib import Path

from agent.engine.store import Store


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_state_folder_is_made_owner_only(tmp_path: Path) -> None:
    made = tmp_path / "made" / "state"
    Store(made / "state.sqlite3").close()
    assert _mode(made) == 0o700
    assert _mode(made.parent) == 0o700  # made for it too: as private (not 0755)

    loose = tmp_path / "loose"
    loose.mkdir(mode=0o755)
    loose.chmod(0o755)
    Store(loose / "state.sqlite3").close()
    assert _mode(loose) == 0o700
    assert _mode(loose / "state.sqlite3") == 0o600


def test_a_shared_folder_keeps_its_mode_and_the_state_stays_private(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o1777)  # as /tmp: everyone may write, only owners delete
    Store(shared / "state.sqlite3").close()
    assert _mode(shared) == 0o1777
    assert _mode(shared / "state.sqlite3") == 0o600
