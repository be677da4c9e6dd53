"""The core (model, parser, search, state, CLI) must never import Textual.

Why: `--dump`, `--search` and `--stats` must start fast, and the core must be usable
without a terminal. Only the UI modules below may import textual.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import tui_reader

UI_MODULES = {"tui_reader.app", "tui_reader.commands", "tui_reader.palette"}
# Importing __main__ runs the program; cli is what it runs, and cli is checked.
NOT_IMPORTABLE = {"tui_reader.__main__"}
UI_PACKAGES = ("tui_reader.widgets", "tui_reader.screens")


def core_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(tui_reader.__path__, "tui_reader."):
        name = info.name
        if name in UI_MODULES | NOT_IMPORTABLE or name.startswith(UI_PACKAGES):
            continue
        names.append(name)
    return names


def test_there_are_core_modules():
    assert "tui_reader.model" in core_modules()


def test_core_never_imports_textual():
    code = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert result.stdout.strip() == ""
