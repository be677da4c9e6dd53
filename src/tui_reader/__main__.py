"""`python -m tui_reader`: the same command as the `mechanics-tui` console script."""

from __future__ import annotations

from tui_reader.cli import run

run()
