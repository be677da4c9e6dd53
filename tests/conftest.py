"""Shared test setup: snapshot SVGs live in the top-level snapshots/<test module>/."""

from __future__ import annotations

from pathlib import Path

import pytest
import pytest_textual_snapshot

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_ROOT = ROOT / "snapshots"


class _TopLevelSVGImageExtension(pytest_textual_snapshot.SVGImageExtension):
    """Store each module's SVGs under snapshots/<module name>/ instead of tests/__snapshots__."""

    @classmethod
    def dirname(cls, *, test_location) -> str:
        return str(SNAPSHOT_ROOT / Path(test_location.filepath).stem)


pytest_textual_snapshot.SVGImageExtension = _TopLevelSVGImageExtension


@pytest.fixture(autouse=True)
def private_user_dirs(tmp_path, monkeypatch):
    """Keep every test's state, config and cache out of the real user folders.

    Why: the reader saves state on exit and the CLI caches parsed pages; a test run
    must never read a developer's own state or leave files in their home. The folders
    are not created: the program must create what it needs (and tests check it does
    not when told to remember nothing).
    """
    for name in ("STATE", "CONFIG", "CACHE"):
        variable = f"MECHANICS_TUI_{name}_DIR"
        monkeypatch.setenv(variable, str(tmp_path / variable.lower()))


@pytest.fixture(scope="session")
def demo():
    """The bundled demo page, parsed once: pages are frozen, so tests can share it."""
    from tui_reader.demo import load_demo_page

    return load_demo_page()
