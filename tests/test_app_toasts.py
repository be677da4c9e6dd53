"""Toasts show page text, paths and config values as typed: never parsed as markup.

Textual's `notify()` parses markup by default, so a handle like `[/]close` crashed the
reader and `[@click=app.quit]` made a live action. Every toast goes through
`ReaderApp.toast`, which turns markup off; a grep keeps it that way.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import attrs
import pytest
from textual.widgets._toast import Toast

from pilot_support import pilot_test, reader_app, wait_for_workers
from tui_reader.app import ReaderApp
from tui_reader.config import config_path

WIDE = (120, 35)
SOURCE = Path(__file__).resolve().parents[1] / "src" / "tui_reader"


def _toasts(app: ReaderApp) -> list[str]:
    """Each toast's text as its `Toast` renders it (markup would raise or turn into actions)."""
    return [Toast(notification).render().plain for notification in app._notifications]


def test_every_notify_in_the_package_goes_through_the_toast_helper() -> None:
    """One `notify(` in src/tui_reader: the helper's own, with markup off."""
    calls = []
    for source in sorted(SOURCE.rglob("*.py")):
        for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.notify\b|\bnotify\(", line):
                calls.append((source.relative_to(SOURCE).as_posix(), number, line.strip()))
    helper = [call for call in calls if "markup=False" in call[2]]
    assert len(helper) == 1 and helper[0][0] == "app.py", calls
    assert calls == helper, f"notify outside ReaderApp.toast: {calls}"


@pytest.mark.parametrize("author", ["[/]close", "[@click=app.quit]zap[/]", "[b]bold"])
@pilot_test
async def test_y_on_a_comment_by_a_bracketed_handle_shows_it_as_typed(demo, author) -> None:
    hostile = attrs.evolve(demo.comments[0], author=author)
    app = reader_app(attrs.evolve(demo, comments=(hostile, *demo.comments[1:])))
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("g", "y")
        await wait_for_workers(pilot)
        assert app.is_running
        copied = [text for text in _toasts(app) if text.startswith("Sent ")]
        assert copied and f"@{author}'s comment" in copied[0]


@pilot_test
async def test_a_bracketed_theme_in_the_config_is_a_warning_not_a_crash(demo) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text('theme = "[/]"\n', encoding="utf-8")
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert app.is_running
        assert any("no theme named '[/]'" in text for text in _toasts(app))


@pilot_test
async def test_config_warnings_keep_their_brackets(demo) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text("keys = 7\n", encoding="utf-8")
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        warnings = [text for text in _toasts(app) if "config" in text]
        assert warnings and all("[keys]" in text for text in warnings), warnings


@pilot_test
async def test_export_into_a_bracketed_folder_says_where(demo, tmp_path: Path) -> None:
    folder = tmp_path / "out[/]"
    app = reader_app(demo, export_dir=folder)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("E")
        await wait_for_workers(pilot)
        assert app.is_running
        (written,) = folder.iterdir()
        assert any(f"{written.parent}{os.sep}\n{written.name}" in text for text in _toasts(app))


@pilot_test
async def test_a_toast_of_parts_shows_one_per_line_each_made_visible(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        app.toast(("Exported to", "/tmp/a\nb[/]", "name.md"))
        await pilot.pause()
        messages = [str(n.message) for n in app._notifications]
        assert "Exported to\n/tmp/a␊b[/]\nname.md" in messages, messages
