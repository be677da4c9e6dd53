"""Shared test setup: snapshot SVGs live in the top-level snapshots/<test module>/."""

from __future__ import annotations

from pathlib import Path

import pytest_textual_snapshot

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_ROOT = ROOT / "snapshots"


class _TopLevelSVGImageExtension(pytest_textual_snapshot.SVGImageExtension):
    """Store each module's SVGs under snapshots/<module name>/ instead of tests/__snapshots__."""

    @classmethod
    def dirname(cls, *, test_location) -> str:
        return str(SNAPSHOT_ROOT / Path(test_location.filepath).stem)


pytest_textual_snapshot.SVGImageExtension = _TopLevelSVGImageExtension
