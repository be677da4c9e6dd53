"""Exports are readable as the user's other new files; the reader's own files stay private."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from tui_reader.paths import create_atomic, write_atomic

posix_modes = pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@posix_modes
@pytest.mark.parametrize("umask", [0o022, 0o077, 0o002])
def test_an_export_gets_the_mode_the_umask_gives_new_files(tmp_path: Path, umask: int) -> None:
    previous = os.umask(umask)
    try:
        create_atomic(tmp_path / "thread.md", "# A thread\n")
    finally:
        os.umask(previous)
    assert mode_of(tmp_path / "thread.md") == 0o666 & ~umask
    assert (tmp_path / "thread.md").read_text(encoding="utf-8") == "# A thread\n"
    assert [p.name for p in tmp_path.iterdir()] == ["thread.md"], "no temporary file left"


@posix_modes
def test_state_and_config_stay_private_whatever_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o002)
    try:
        write_atomic(tmp_path / "state.json", "{}")
        write_atomic(tmp_path / "state.json", '{"x": 1}')  # replacing keeps it private
    finally:
        os.umask(previous)
    assert mode_of(tmp_path / "state.json") == 0o600


def test_an_export_never_replaces_a_file(tmp_path: Path) -> None:
    (tmp_path / "thread.md").write_text("mine", encoding="utf-8")
    with pytest.raises(FileExistsError):
        create_atomic(tmp_path / "thread.md", "theirs")
    assert (tmp_path / "thread.md").read_text(encoding="utf-8") == "mine"
    assert [p.name for p in tmp_path.iterdir()] == ["thread.md"]
