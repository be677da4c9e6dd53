"""Pilot and snapshot tests for search inside the reader: `/`, Enter, n/N, escape, the
filtered tree and the command palette (SVGs in snapshots/test_app_search/)."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from textual import events
from textual.command import CommandPalette
from textual.pilot import Pilot

from pilot_support import pilot_test, reader_app, wait_for_workers
from tui_reader import cache
from tui_reader.app import ReaderApp
from tui_reader.app_search import hit_position
from tui_reader.parse import load_page
from tui_reader.search import SearchIndex
from tui_reader.widgets.search_bar import SearchBar

DEMO_FILE = Path(__file__).resolve().parent.parent / "src" / "tui_reader" / "demo" / "demo_page.txt"
WIDE = (120, 35)
QUERY = "cavitation"


def _bar(app: ReaderApp) -> SearchBar:
    return app.screen.query_one(SearchBar)


async def _search(pilot: Pilot, text: str) -> SearchBar:
    await pilot.press("slash")
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()
    return _bar(pilot.app)  # type: ignore[arg-type]


@pilot_test
async def test_slash_opens_the_bar_and_results_follow_each_key(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        bar = await _search(pilot, "cav")
        assert bar.display and bar.has_focus_within
        assert bar.hits, "a prefix already finds comments"
        await pilot.press(*"itation")
        await pilot.pause()
        assert bar.hits
        assert all(hit.spans for hit in bar.hits), "matched words are highlighted"
        for hit in bar.hits:
            assert "cavitation" in demo.comments[hit.position].text.casefold()
        await pilot.press(*["backspace"] * len(QUERY))
        await pilot.pause()
        assert bar.hits == (), "an emptied query clears the results"


async def _type_in_one_burst(pilot: Pilot, keys: list[tuple[str, str | None]]) -> None:
    """Queue every key before the app handles the first, as a fast typist, a paste or
    `tmux send-keys` does (Pilot.press waits for the app to go idle after each key)."""
    for key, character in keys:
        pilot.app.post_message(events.Key(key, character))
    await pilot.pause()


@pilot_test
@pytest.mark.parametrize("opened_before", [False, True])
async def test_keys_typed_right_after_slash_go_to_the_search(demo, opened_before: bool) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        if opened_before:  # the bar is mounted already, only hidden
            await _search(pilot, "x")
            await pilot.press("escape")
            await pilot.pause()
        selected = app.comment_tree.selected_id
        await _type_in_one_burst(pilot, [("slash", "/"), ("g", "g"), ("p", "p"), ("u", "u")])
        bar = _bar(app)
        assert bar.value == "gpu"
        assert app.comment_tree.selected_id == selected, "the keys did not move the tree"


@pilot_test
async def test_enter_jumps_to_the_hit_in_the_tree(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        bar = await _search(pilot, QUERY)
        target = bar.hits[1].comment_id
        await pilot.press("down", "enter")
        await pilot.pause()
        tree = app.comment_tree
        assert not bar.display
        assert app.focused is tree
        assert tree.mode == "tree"
        assert tree.selected_id == target
        assert target in tree.visible_ids()
        view = tree.page_view
        start = view.line_of(view.cursor)
        assert tree.scroll_y <= start < tree.scroll_y + tree.size.height, "scrolled into view"


@pilot_test
async def test_enter_unfolds_the_thread_of_the_hit(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("minus")  # fold every thread
        bar = await _search(pilot, QUERY)
        reply = next(
            hit for hit in bar.hits if demo.comments[hit.position].parent is not None
        )
        bar.query_one("#search-results").highlighted = bar.hits.index(reply)
        await pilot.press("enter")
        await pilot.pause()
        assert app.comment_tree.selected_id == reply.comment_id
        assert reply.comment_id in app.comment_tree.visible_ids()


async def _go_to_first_hit(pilot) -> list[str]:
    """Search QUERY and go to its first hit; the matches, in tree order."""
    await _search(pilot, QUERY)
    await pilot.press("enter")
    await pilot.pause()
    app = pilot.app
    order = [c.id for c in app.comment_tree.page_view.index.comments]
    return sorted(app.search_matches, key=order.index)


@pilot_test
async def test_n_and_shift_n_step_through_matches_in_tree_order(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        matches = await _go_to_first_hit(pilot)
        tree = app.comment_tree
        assert len(matches) >= 2
        start = matches.index(tree.selected_id)
        await pilot.press("n")
        await pilot.pause()
        assert tree.selected_id == matches[(start + 1) % len(matches)]
        await pilot.press("N", "N")
        await pilot.pause()
        assert tree.selected_id == matches[(start - 1) % len(matches)]


def _last_toast(app: ReaderApp) -> str:
    return str(list(app._notifications)[-1].message)


@pilot_test
async def test_n_and_shift_n_say_which_hit_and_when_they_wrap(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        matches = await _go_to_first_hit(pilot)
        tree = app.comment_tree
        total = len(matches)
        tree.select(matches[-1])
        await pilot.press("n")
        await pilot.pause()
        assert tree.selected_id == matches[0]
        assert _last_toast(app) == f"hit 1 of {total} · wrapped to first"
        await pilot.press("n")
        await pilot.pause()
        assert _last_toast(app) == f"hit 2 of {total}"
        await pilot.press("N", "N")
        await pilot.pause()
        assert tree.selected_id == matches[-1]
        assert _last_toast(app) == f"hit {total} of {total} · wrapped to last"


@pytest.mark.parametrize(
    ("current", "target", "forward", "expected"),
    [
        ("b", "d", True, "hit 2 of 3"),
        ("e", "b", True, "hit 1 of 3 · wrapped to first"),
        ("d", "b", False, "hit 1 of 3"),
        ("a", "e", False, "hit 3 of 3 · wrapped to last"),
        (None, "b", True, "hit 1 of 3"),
        (None, "e", False, "hit 3 of 3"),
    ],
)
def test_hit_position(current: str | None, target: str, forward: bool, expected: str) -> None:
    # Matches come in page order; the count follows the tree order, and an id the tree
    # does not show ("z") is not counted.
    order = ["a", "b", "c", "d", "e"]
    matches = ("z", "e", "b", "d")
    assert hit_position(order, matches, current, target, forward) == expected


@pilot_test
async def test_n_before_any_search_says_so(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        before = app.comment_tree.selected_id
        await pilot.press("n")
        await pilot.pause()
        assert app.comment_tree.selected_id == before
        assert any("press /" in str(n.message) for n in app._notifications)


@pilot_test
async def test_escape_closes_the_bar_where_the_reader_was(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("j", "j")
        await pilot.pause()
        tree = app.comment_tree
        before, top = tree.selected_id, tree.scroll_y
        bar = await _search(pilot, QUERY)
        await pilot.press("down", "escape")
        await pilot.pause()
        assert not bar.display
        assert app.focused is tree
        assert tree.mode == "tree"
        assert (tree.selected_id, tree.scroll_y) == (before, top)
        await pilot.press("slash")  # the bar opens again with what was typed
        await pilot.pause()
        assert bar.display and bar.value == QUERY


@pytest.mark.parametrize("back_key", ["a", "escape"])
@pilot_test
async def test_ctrl_f_filters_the_tree_and_one_key_returns(demo, back_key: str) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        tree = app.comment_tree
        before, top = tree.selected_id, tree.scroll_y
        bar = await _search(pilot, QUERY)
        matches = set(bar.match_ids())
        await pilot.press("ctrl+f")
        await pilot.pause()
        assert tree.mode == "filtered"
        assert app.focused is tree
        shown = set(tree.visible_ids())
        assert matches <= shown
        index = tree.page_view.index
        for comment_id in shown - matches:  # the rest are thread starters for context
            assert index.is_starter(index.by_id[comment_id])
        await pilot.press("j")
        await pilot.press(back_key)
        await pilot.pause()
        assert tree.mode == "tree"
        assert (tree.selected_id, tree.scroll_y) == (before, top)


@pilot_test
async def test_filtered_tree_highlights_the_matched_words_and_names_the_query(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        typo = "cavitaton"
        await _search(pilot, typo)
        await pilot.press("ctrl+f")
        await pilot.pause()
        tree = app.comment_tree
        view = tree.page_view
        banner = tree.render_line(0).text
        assert f"Filtered: 2 matches for “{typo}” · esc: all comments" in banner
        for position in view.matches:
            row = view.row(position)
            words = {row.comment.text[start:end].casefold() for start, end in row.spans}
            assert words == {"cavitation"}, "the word found, not the typo typed"


@pilot_test
async def test_leaving_a_filter_does_not_unfold_the_views_thread(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("minus", "j")  # every thread folded; on the second starter
        await pilot.pause()
        tree = app.comment_tree
        before, top = tree.selected_id, tree.scroll_y
        await _search(pilot, QUERY)
        await pilot.press("ctrl+f")
        await pilot.pause()
        reply = next(
            comment_id
            for comment_id in tree.visible_ids()
            if demo.comments[tree.page_view.index.by_id[comment_id]].parent is not None
        )
        assert tree.select(reply)
        await pilot.press("escape")
        await pilot.pause()
        assert tree.mode == "tree"
        assert (tree.selected_id, tree.scroll_y) == (before, top)
        assert tree.is_collapsed(reply), "its thread stays folded as the reader left it"


@pilot_test
async def test_index_is_built_after_the_first_paint_and_cached_by_key(demo) -> None:
    loaded = cache.load_keyed(str(DEMO_FILE))
    app = reader_app(loaded.page, cache_key=loaded.key)
    async with app.run_test(size=WIDE) as pilot:
        assert app.search_index is None, "the screen paints before the index exists"
        await wait_for_workers(pilot)
        assert app.search_index is not None
        assert len(app.search_index) == len(demo.comments)
    assert cache.cached_keys(), "a second open loads the index from the cache"


class SlowIndexApp(ReaderApp):
    """The index worker never finishes on its own: the test hands the index over."""

    def _build_index(self) -> None:
        pass


@pilot_test
async def test_search_before_the_index_is_ready_says_indexing(demo) -> None:
    app = SlowIndexApp(demo)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *QUERY)
        await pilot.pause()
        bar = _bar(app)
        assert "Indexing" in str(bar.query_one("#search-status").render())
        assert not bar.hits
        index = SearchIndex.build(app.page)
        app._index_ready(index, app.page, index)
        await pilot.pause()
        assert bar.hits, "what was typed meanwhile is searched when the index arrives"


@pilot_test
async def test_ctrl_p_finds_an_author_and_filters_to_their_comments(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"@Quentin_Oakes")
        for _ in range(20):
            await pilot.pause(0.05)
            if app.screen.query("CommandList Option"):
                break
        await pilot.press("enter")
        await pilot.pause()
        tree = app.comment_tree
        assert tree.mode == "filtered"
        authors = {demo.comments[p].author for p in tree.page_view.matches}
        assert authors == {"Quentin_Oakes"}
        await pilot.press("escape")
        await pilot.pause()
        assert tree.mode == "tree"


class _NoBuild:
    """Stands in for `SearchIndex.build` where the index must come from the cache."""

    def __call__(self, page) -> SearchIndex:
        raise AssertionError("the index was built again instead of read from the cache")


@pilot_test
async def test_first_open_of_a_file_writes_the_cache_the_next_opens_from_it(
    demo, tmp_path: Path, monkeypatch
) -> None:
    page_file = tmp_path / "page.txt"
    page_file.write_bytes(DEMO_FILE.read_bytes())
    loaded = cache.load_keyed(str(page_file))  # a miss: parsed, nothing written yet
    parsed = loaded.page
    assert not cache.cached_keys()
    first = reader_app(parsed, cache_key=loaded.key)
    async with first.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
    assert len(cache.cached_keys()) == 1, "written once the first paint is done"

    def no_parse(data: bytes | None, path: str):
        raise AssertionError("parsed again")

    monkeypatch.setattr(cache, "_parse", no_parse)
    again = cache.load_keyed(str(page_file))
    assert again == loaded, "the next start-up reads the page from the cache"
    monkeypatch.setattr(SearchIndex, "build", _NoBuild())
    second = reader_app(again.page, cache_key=again.key)
    async with second.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert second.search_index is not None
        assert len(second.search_index) == len(parsed.comments)


@pilot_test
async def test_a_corrected_page_caches_the_page_as_parsed(demo, tmp_path: Path) -> None:
    page_file = tmp_path / "page.txt"
    page_file.write_bytes(DEMO_FILE.read_bytes())
    loaded = cache.load_keyed(str(page_file))
    parsed = loaded.page
    app = reader_app(parsed, cache_key=loaded.key)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        reply = next(c for c in parsed.comments if c.parent is not None)
        app.comment_tree.select(reply.id)
        await pilot.press("t")  # a thread correction: the shown page differs
        await wait_for_workers(pilot)
        assert app.page != parsed
    assert cache.load_page(str(page_file)) == parsed


@pilot_test
async def test_a_file_resaved_while_open_never_caches_the_old_page_under_its_key(
    demo, tmp_path: Path
) -> None:
    """The cache key is the hash of the bytes that were parsed, taken once: the file
    changing on disk before a thread correction re-indexes must not matter."""
    page_file = tmp_path / "page.txt"
    page_file.write_bytes(DEMO_FILE.read_bytes())
    loaded = cache.load_keyed(str(page_file))
    parsed = loaded.page
    app = reader_app(parsed, cache_key=loaded.key)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        page_file.write_bytes(DEMO_FILE.read_bytes().replace(b"tidal", b"river"))
        reply = next(c for c in parsed.comments if c.parent is not None)
        app.comment_tree.select(reply.id)
        await pilot.press("t")
        await wait_for_workers(pilot)
        assert app.search_index is not None and app.search_index.ids == [
            c.id for c in parsed.comments
        ]
    assert cache.load_page(str(page_file)) == load_page(str(page_file)) != parsed
    assert cache.load_page(str(DEMO_FILE)) == parsed, "the old bytes keep the old page"


@pilot_test
async def test_standard_input_is_never_cached(demo, monkeypatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(DEMO_FILE.read_bytes())))
    loaded = cache.load_keyed("-")
    assert loaded.page == demo and loaded.key is None
    app = reader_app(loaded.page, cache_key=loaded.key)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert app.search_index is not None
    assert not cache.cached_keys()


# -- snapshots ---------------------------------------------------------------------------


def test_snapshot_search_bar_with_results(snap_compare, demo) -> None:
    async def typed(pilot: Pilot) -> None:
        await wait_for_workers(pilot)
        await _search(pilot, QUERY)
        await pilot.pause()

    assert snap_compare(reader_app(demo), terminal_size=WIDE, run_before=typed)


def test_snapshot_filtered_tree(snap_compare, demo) -> None:
    async def filtered(pilot: Pilot) -> None:
        await wait_for_workers(pilot)
        await _search(pilot, QUERY)
        await pilot.press("ctrl+f")
        await pilot.pause()

    assert snap_compare(reader_app(demo), terminal_size=WIDE, run_before=filtered)
