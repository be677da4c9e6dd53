"""`e` asks what to export (this thread, this view, the whole page) and as what; `E`
writes the default as JSON at once (SVGs in snapshots/test_app_export/)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import attrs
from textual.pilot import Pilot

from pilot_support import pilot_test, reader_app, wait_for_workers
from tui_reader.screens.export import ExportScreen

WIDE = (120, 35)
REPLY = "c3cbe7afc"  # demo: a reply in the first thread


def _thread_of(page, comment_id: str) -> set[str]:
    comment = next(c for c in page.comments if c.id == comment_id)
    starter = comment.parent or comment.id
    return {c.id for c in page.comments if starter in (c.id, c.parent)}


def _exported_ids(path: Path) -> list[str]:
    return [c["id"] for c in json.loads(path.read_text(encoding="utf-8"))["comments"]]


async def _export_dialog_on_reply(pilot: Pilot) -> None:
    """Once the workers are done, select REPLY and press `e`."""
    await wait_for_workers(pilot)
    pilot.app.comment_tree.select(REPLY)
    await pilot.press("e")
    await pilot.pause()


@pilot_test
async def test_e_in_the_tree_offers_the_selected_thread_first(demo, tmp_path: Path) -> None:
    app = reader_app(demo, export_dir=tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await _export_dialog_on_reply(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("j")
        await wait_for_workers(pilot)
        assert not isinstance(app.screen, ExportScreen)
        (written,) = tmp_path.glob("*.json")
        assert "thread" in written.name
        assert set(_exported_ids(written)) == _thread_of(demo, REPLY) and len(
            _thread_of(demo, REPLY)
        ) > 1
        # The folder and the name on lines of their own: never broken mid-word.
        shown = [str(n.message).split("\n")[1:] for n in app._notifications]
        assert [f"{written.parent}{os.sep}", written.name] in shown


@pilot_test
async def test_p_then_m_exports_the_whole_page_with_chapter_headings(
    demo, tmp_path: Path
) -> None:
    app = reader_app(demo, export_dir=tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("e", "p", "m")
        await wait_for_workers(pilot)
        (written,) = tmp_path.glob("*.md")
        text = written.read_text(encoding="utf-8")
        assert f"*{len(demo.comments)} comments exported" in text
        assert "## 3:20 Bearings and seals under water" in text


@pilot_test
async def test_in_a_filtered_view_e_offers_the_view_and_enter_saves_markdown(
    demo, tmp_path: Path
) -> None:
    app = reader_app(demo, export_dir=tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("slash", *"cavitation", "ctrl+f")
        await pilot.pause()
        shown = app.comment_tree.visible_ids()
        await pilot.press("e", "enter")
        await wait_for_workers(pilot)
        (written,) = tmp_path.glob("*.md")
        assert "search" in written.name
        await pilot.press("E")
        await wait_for_workers(pilot)
        (as_json,) = tmp_path.glob("*.json")
        assert "search" in as_json.name
        assert sorted(_exported_ids(as_json)) == sorted(shown)


@pilot_test
async def test_escape_closes_the_dialog_without_writing(demo, tmp_path: Path) -> None:
    app = reader_app(demo, export_dir=tmp_path / "out")
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("e", "t")  # t picks the thread here, not a thread correction
        await pilot.press("escape")
        await wait_for_workers(pilot)
        assert not isinstance(app.screen, ExportScreen)
        assert app.comment_tree.mode == "tree"
        assert not (tmp_path / "out").exists()
        assert not app.state.corrections


@pilot_test
async def test_capital_e_writes_the_selected_thread_as_json_at_once(demo, tmp_path: Path) -> None:
    app = reader_app(demo, export_dir=tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        app.comment_tree.select(REPLY)
        await pilot.press("E")
        await wait_for_workers(pilot)
        (written,) = tmp_path.glob("*.json")
        assert set(_exported_ids(written)) == _thread_of(demo, REPLY)


def test_snapshot_export_dialog(snap_compare, demo) -> None:
    assert snap_compare(reader_app(demo), terminal_size=WIDE, run_before=_export_dialog_on_reply)


@pilot_test
async def test_a_reply_to_a_comment_not_on_the_page_exports_as_its_own_thread(
    demo, tmp_path: Path
) -> None:
    """The tree shows such a reply as a thread starter; `e` offers that thread (it once
    looked the missing parent up and failed)."""
    reply = next(c for c in demo.comments if c.id == REPLY)
    orphan = attrs.evolve(reply, parent="not-on-this-page")
    page = attrs.evolve(
        demo, comments=tuple(orphan if c.id == REPLY else c for c in demo.comments)
    )
    app = reader_app(page, export_dir=tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await _export_dialog_on_reply(pilot)
        assert isinstance(app.screen, ExportScreen)
        await pilot.press("t", "j")
        await wait_for_workers(pilot)
        (written,) = tmp_path.glob("*.json")
        assert _exported_ids(written) == [REPLY]
