"""Pilot and snapshot tests for what the reader remembers and does with a comment:
state across runs, new comments, bookmarks, thread corrections, copy, links, export,
insight, config (SVGs in snapshots/test_app_memory/)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import attrs
import pytest
from textual.pilot import Pilot

from pilot_support import pilot_test, reader_app, wait_for_workers
from tui_reader import paths
from tui_reader.app import BOOKMARK_BADGE, CORRECTED_BADGE, NEW_BADGE, ReaderApp
from tui_reader.config import config_path
from tui_reader.sanitize import visible
from tui_reader.screens.insight import InsightScreen
from tui_reader.screens.links import LinksScreen
from tui_reader.state import open_state
from tui_reader.widgets.page_header import PageHeader
from tui_reader.widgets.sidebar import BOOKMARK_PREFIX

WIDE = (120, 35)
REPLY = "c3cbe7afc"  # demo: a reply in the first thread
STARTER_BELOW = "c6676a04b"  # demo: starter of the second thread
THIRD_STARTER = "cacc149c8"  # demo: a thread starter further down


def _messages(app: ReaderApp) -> list[str]:
    return [str(notification.message) for notification in app._notifications]


def _badge(app: ReaderApp, comment_id: str) -> str | None:
    tree = app.comment_tree
    return tree._badges.get(tree.page_view.index.by_id[comment_id])


async def _go(pilot: Pilot, comment_id: str) -> None:
    app = pilot.app
    assert isinstance(app, ReaderApp)
    assert app.comment_tree.select(comment_id)
    await pilot.pause()


# -- state across runs ------------------------------------------------------------------


@pilot_test
async def test_reopening_lands_on_the_last_comment_and_remembers_what_was_seen(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("j", "j", "j", "j")
        await pilot.pause()
        last = app.comment_tree.selected_id
    state, warnings = open_state(demo)
    assert not warnings
    assert state.position == last
    assert last in state.seen and len(state.seen) >= 4
    again = reader_app(demo)
    async with again.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert again.comment_tree.selected_id == last


@pilot_test
async def test_at_wins_over_the_remembered_position(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await _go(pilot, THIRD_STARTER)
    again = reader_app(demo, at=REPLY)
    async with again.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert again.comment_tree.selected_id == REPLY


@pilot_test
async def test_periodic_save_writes_without_quitting(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await _go(pilot, THIRD_STARTER)
        app.save_state()  # what the 30 s timer calls
        await wait_for_workers(pilot)
        saved = json.loads(app.state.path.read_text(encoding="utf-8"))
        assert saved["position"] == THIRD_STARTER


@pilot_test
async def test_saving_runs_in_a_thread_one_at_a_time_and_keeps_moves_made_meanwhile(
    demo, monkeypatch
) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        state = app.state
        real_save = type(state).save
        started, release = threading.Event(), threading.Event()
        saving_threads: list[int] = []

        def slow_save(self):
            saving_threads.append(threading.get_ident())
            started.set()
            release.wait(2)  # (only waits out the 2 s when the save blocks the UI thread)
            return real_save(self)

        monkeypatch.setattr(type(state), "save", slow_save)
        await _go(pilot, REPLY)
        app.save_state()
        for _ in range(100):
            await pilot.pause(0.01)
            if started.is_set():
                break
        await _go(pilot, THIRD_STARTER)  # the cursor moves while the file is written
        app.save_state()  # the timer again: no second save meanwhile
        release.set()
        await wait_for_workers(pilot)
        assert saving_threads and threading.get_ident() not in saving_threads
        assert len(saving_threads) == 1
        app.save_state()
        await wait_for_workers(pilot)
        saved = json.loads(state.path.read_text(encoding="utf-8"))
        assert saved["position"] == THIRD_STARTER
        assert {REPLY, THIRD_STARTER} <= set(saved["seen"])


def _header(app) -> str:
    return app.query_one(PageHeader).render().plain


@pilot_test
async def test_new_comments_are_marked_and_c_jumps_between_them(demo) -> None:
    older = attrs.evolve(demo, comments=demo.comments[:20])
    app = reader_app(older)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert not any(NEW_BADGE in mark for mark in app._badges().values())
        assert " new" not in _header(app)
    again = reader_app(demo)
    async with again.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        new = [comment.id for comment in demo.comments[20:]]
        assert set(again.state.new_ids) == set(new)
        assert f"· {len(new)} new  c" in _header(again), "the header says how many, and the key"
        assert _badge(again, new[0]) == NEW_BADGE
        assert _badge(again, demo.comments[0].id) is None
        await pilot.press("g", "c")
        await pilot.pause()
        first_new = again.comment_tree.selected_id
        assert first_new in new
        await pilot.press("c")
        await pilot.pause()
        assert again.comment_tree.selected_id in new
        assert again.comment_tree.selected_id != first_new


@pilot_test
async def test_another_instance_saving_meanwhile_keeps_both_bookmarks(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await _go(pilot, REPLY)
        await pilot.press("b")
        other, _ = open_state(demo)  # a second reader of the same page
        other.toggle_bookmark(THIRD_STARTER)
        assert not other.save()
    state, _ = open_state(demo)
    assert state.bookmarks == {REPLY, THIRD_STARTER}


@pilot_test
async def test_c_without_new_comments_says_so(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert any("new since last time" in message for message in _messages(app))


# -- bookmarks --------------------------------------------------------------------------


@pilot_test
async def test_b_bookmarks_lists_in_the_sidebar_and_survives_a_restart(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await _go(pilot, REPLY)
        await pilot.press("b")
        await _go(pilot, THIRD_STARTER)
        await pilot.press("b")
        await pilot.pause()
        assert _badge(app, REPLY) == BOOKMARK_BADGE
        assert app.sidebar.bookmark_ids == [REPLY, THIRD_STARTER]
        await pilot.press("b")  # toggles off again
        await pilot.pause()
        assert _badge(app, THIRD_STARTER) is None
        await pilot.press("b")
    again = reader_app(demo)
    async with again.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert again.sidebar.bookmark_ids == [REPLY, THIRD_STARTER]
        await pilot.press("g", "B")
        await pilot.pause()
        assert again.comment_tree.selected_id == REPLY
        await pilot.press("B")
        await pilot.pause()
        assert again.comment_tree.selected_id == THIRD_STARTER
        await pilot.press("B")  # wraps around
        await pilot.pause()
        assert again.comment_tree.selected_id == REPLY


@pilot_test
async def test_choosing_a_bookmark_in_the_sidebar_jumps_to_it(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await _go(pilot, THIRD_STARTER)
        await pilot.press("b", "g", "minus")  # fold everything, go to the top
        await pilot.pause()
        app.show_chapter(1)
        await pilot.pause()
        await pilot.press("tab")
        app.sidebar.highlight_target(f"{BOOKMARK_PREFIX}{THIRD_STARTER}")
        await pilot.press("enter")
        await pilot.pause()
        tree = app.comment_tree
        assert tree.mode == "tree"
        assert tree.selected_id == THIRD_STARTER
        assert app.focused is tree


@pilot_test
async def test_b_shift_without_bookmarks_says_how(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("B")
        await pilot.pause()
        assert any("b adds one" in message for message in _messages(app))


# -- thread corrections -----------------------------------------------------------------


def _comment(app: ReaderApp, comment_id: str):
    return next(comment for comment in app.page.comments if comment.id == comment_id)


@pilot_test
async def test_t_makes_a_reply_top_level_and_u_undoes_it(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await _go(pilot, REPLY)
        await pilot.press("t")
        await pilot.pause()
        moved = _comment(app, REPLY)
        assert moved.parent is None and moved.reason == "user"
        assert app.comment_tree.selected_id == REPLY
        assert _badge(app, REPLY) == CORRECTED_BADGE
        index = app.comment_tree.page_view.index
        assert index.is_starter(index.by_id[REPLY])
        await pilot.press("u")
        await pilot.pause()
        assert _comment(app, REPLY).parent == demo.comments[0].id
        assert _badge(app, REPLY) is None
        assert app.comment_tree.selected_id == REPLY
        await pilot.press("u")
        await pilot.pause()
        assert any("No thread corrections" in message for message in _messages(app))


@pilot_test
async def test_corrections_apply_on_the_next_open(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await _go(pilot, STARTER_BELOW)
        await pilot.press("A")
        await pilot.pause()
        assert _comment(app, STARTER_BELOW).parent == demo.comments[0].id
    again = reader_app(demo)
    async with again.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        attached = _comment(again, STARTER_BELOW)
        assert attached.parent == demo.comments[0].id and attached.reason == "user"
        assert _badge(again, STARTER_BELOW) == CORRECTED_BADGE
        # Its own replies came along into the thread above.
        index = again.comment_tree.page_view.index
        assert index.thread_of[index.by_id["c31e38029"]] == index.thread_of[0]
        # The search index follows the corrected threads (is:reply now finds it).
        assert STARTER_BELOW in {hit.comment_id for hit in
                                 again.search_index.search("is:reply @Quentin_Oakes").hits}


@pilot_test
async def test_t_on_a_starter_and_a_on_the_first_thread_explain_themselves(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("g", "t", "A")
        await pilot.pause()
        messages = _messages(app)
        assert any("already starts a thread" in message for message in messages)
        assert any("no thread above" in message for message in messages)
        assert not app.state.corrections


# -- acting on a comment ----------------------------------------------------------------


@pilot_test
async def test_y_copies_the_comment_text_made_inert(demo) -> None:
    hostile = attrs.evolve(demo.comments[0], text="bell\x07 and \x1b[31mred\x1b[0m\nsecond line")
    page = attrs.evolve(demo, comments=(hostile, *demo.comments[1:]))
    app = reader_app(page)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("g", "y")
        await pilot.pause()
        assert app.clipboard == visible(hostile.text, keep_newlines=True)
        assert "\x1b" not in app.clipboard and "\n" in app.clipboard
        assert any("to the clipboard through the terminal" in m for m in _messages(app))


@pilot_test
async def test_o_lists_web_links_and_opens_only_after_confirmation(demo) -> None:
    text = "Slides at https://example.org/tides-talk, and javascript:alert(1) is not a link"
    linked = attrs.evolve(demo.comments[0], text=text)
    page = attrs.evolve(demo, comments=(linked, *demo.comments[1:]))
    opened: list[str] = []
    app = reader_app(page, open_url=opened.append)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("g", "o")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        assert opened == []
        await pilot.press("y")
        await pilot.pause()
        assert opened == ["https://example.org/tides-talk"]
        assert not isinstance(app.screen, LinksScreen)
        await pilot.press("j", "o")  # a comment without links
        await pilot.pause()
        assert not isinstance(app.screen, LinksScreen)
        assert any("no web links" in message for message in _messages(app))


@pytest.mark.parametrize(("fmt_key", "suffix"), [("m", ".md"), ("j", ".json")])
@pilot_test
async def test_e_exports_the_whole_page_and_says_where(demo, tmp_path: Path, fmt_key: str,
                                                       suffix: str) -> None:
    app = reader_app(demo, export_dir=tmp_path / "out")
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("e", "p", fmt_key)
        await wait_for_workers(pilot)
        files = list((tmp_path / "out").iterdir())
        assert [file.suffix for file in files] == [suffix]
        where = f"{files[0].parent}{os.sep}\n{files[0].name}"  # the name on a line of its own
        assert any(where in message for message in _messages(app))
        text = files[0].read_text(encoding="utf-8")
        if suffix == ".json":
            assert len(json.loads(text)["comments"]) == len(demo.comments)
        else:
            assert text.startswith("# ") and "## 3:20 Bearings and seals under water" in text


@pilot_test
async def test_i_opens_page_insight_and_escape_closes_it(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InsightScreen)
        await pilot.press("b")  # reader keys do nothing on top of a screen
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, InsightScreen)
        assert not app.state.bookmarks


# -- problems with the files on disk ---------------------------------------------------


@pilot_test
async def test_corrupt_state_is_set_aside_with_a_warning(demo) -> None:
    state, _ = open_state(demo)
    state.path.parent.mkdir(parents=True)
    state.path.write_text("{ not json", encoding="utf-8")
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert app.is_running
        assert any("set aside" in message for message in _messages(app))
    assert list(state.path.parent.glob("*.corrupt-*"))


async def _runs_and_says_state_is_not_saved(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("j", "b")
        await wait_for_workers(pilot)
        assert app.is_running
        assert any("state is not saved" in message for message in _messages(app))


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only directories")
@pilot_test
async def test_read_only_state_directory_runs_and_says_state_is_not_saved(demo) -> None:
    directory = paths.state_dir()
    directory.mkdir(parents=True)
    directory.chmod(0o500)
    try:
        await _runs_and_says_state_is_not_saved(demo)
    finally:
        directory.chmod(0o700)


@pilot_test
async def test_unwritable_state_location_runs_and_says_state_is_not_saved(
    demo, tmp_path: Path, monkeypatch
) -> None:
    # A file where the directory should be: unwritable even for root.
    blocker = tmp_path / "blocker"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(paths.STATE_DIR_ENV, str(blocker / "state"))
    await _runs_and_says_state_is_not_saved(demo)


# -- config -----------------------------------------------------------------------------


@pilot_test
async def test_config_remaps_keys_sets_theme_and_wrap_width(demo) -> None:
    path = config_path()
    path.parent.mkdir(parents=True)
    path.write_text(
        'theme = "nord"\nwrap_width = 60\n[keys]\n"app.bookmark" = "x"\n', encoding="utf-8"
    )
    app = ReaderApp(demo)
    app.animation_level = "none"
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert app.theme == "nord"
        assert app.comment_tree.size.width <= 62
        await pilot.press("x")
        await pilot.pause()
        assert app.state.bookmarks == {app.comment_tree.selected_id}
        await pilot.press("b")  # the old key no longer bookmarks
        await pilot.pause()
        assert len(app.state.bookmarks) == 1


@pilot_test
async def test_a_chosen_theme_is_saved_in_the_config(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        app.theme = "gruvbox"
        await pilot.pause()
    assert 'theme = "gruvbox"' in config_path().read_text(encoding="utf-8")


@pilot_test
async def test_remember_false_touches_no_files(demo) -> None:
    app = reader_app(demo, remember=False)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("j", "b")
        await pilot.pause()
        assert any("not remembered" in message for message in _messages(app))
    assert not paths.state_dir().exists()
    assert not config_path().exists()


# -- snapshots ---------------------------------------------------------------------------


def test_snapshot_badges_and_bookmarks(snap_compare, demo) -> None:
    """New, bookmarked and corrected comments, and the sidebar's Bookmarks section."""
    older = attrs.evolve(demo, comments=demo.comments[:3])
    state, _ = open_state(older)
    state.toggle_bookmark(REPLY)
    state.set_correction("c9f121d4f", "top")
    state.set_position(REPLY)
    assert not state.save()
    assert snap_compare(reader_app(demo), terminal_size=WIDE, run_before=wait_for_workers)


def test_snapshot_help_lists_the_new_keys(snap_compare, demo) -> None:
    assert snap_compare(reader_app(demo), terminal_size=WIDE, press=["question_mark"],
                        run_before=wait_for_workers)
