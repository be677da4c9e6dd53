"""Pilot tests for the reader shell: every app-level key, the sidebar, screens and --at."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest
from rich.cells import cell_len

from pilot_support import pilot_test, reader_app, wait_for_workers
from tui_reader.app import ReaderApp
from tui_reader.demo import load_demo_page
from tui_reader.parse import load_page
from tui_reader.screens.description import DescriptionScreen
from tui_reader.screens.help import SIDEWAYS, HelpScreen, binding_rows, describe
from tui_reader.screens.related import RelatedScreen
from tui_reader.widgets.footer import KeyFooter
from tui_reader.widgets.page_header import (
    comment_count_text,
    facts,
    pack_facts,
    title_text,
)
from tui_reader.widgets.sidebar import ALL_ID, DESCRIPTION_ID, RELATED_ID, Sidebar, count_bar
from tui_reader.wording import counted, views_wording

HOSTILE = Path(__file__).parent / "fixtures" / "app" / "hostile_page.txt"
WIDE = (120, 35)
NARROW = (60, 20)


@pilot_test
async def test_starts_on_the_tree_with_chapter_counts(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert app.focused is app.comment_tree
        assert app.sidebar.display
        assert app.chapter_links is not None
        assert app.sidebar.counts == app.chapter_links.counts
        assert sum(app.sidebar.counts) > 0


@pilot_test
async def test_tab_and_shift_tab_cycle_sidebar_and_tree(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("tab")
        assert app.focused is app.sidebar
        await pilot.press("tab")
        assert app.focused is app.comment_tree
        await pilot.press("shift+tab")
        assert app.focused is app.sidebar


@pilot_test
async def test_s_toggles_the_sidebar_and_keeps_focus_visible(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("tab", "s")
        await pilot.pause()
        assert not app.sidebar.display
        assert app.focused is app.comment_tree
        await pilot.press("tab")
        assert app.focused is app.comment_tree, "tab skips the hidden sidebar"
        await pilot.press("s")
        await pilot.pause()
        assert app.sidebar.display


@pytest.mark.parametrize("size", [NARROW, (99, 30)])
@pilot_test
async def test_narrow_terminal_hides_the_sidebar_until_s(demo, size) -> None:
    """Under 100 columns the sidebar's 33 would leave the comments too few to read."""
    app = reader_app(demo)
    async with app.run_test(size=size) as pilot:
        await wait_for_workers(pilot)
        assert not app.sidebar.display
        await pilot.press("s")
        await pilot.pause()
        assert app.sidebar.display


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
@pilot_test
async def test_quit_keys(demo, key: str) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


@pytest.mark.parametrize("close_key", ["escape", "q", "question_mark"])
@pilot_test
async def test_help_opens_on_question_mark_and_closes(demo, close_key: str) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert app.screen.query(KeyFooter), "its own keys in the footer, not the tree's"
        await pilot.press(close_key)
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        assert app.is_running


@pilot_test
async def test_help_lists_every_binding_of_app_tree_and_sidebar(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = "\n".join(str(text.render()) for text in app.screen.query(".help-text"))
        for node in (app, app.comment_tree, app.sidebar):
            rows = binding_rows(app, [node])
            for row in rows:
                assert f"{row.keys.ljust(15)} {row.what}" in shown
            listed = {key for row in rows for key in row.keys.split(" ")}
            for _key, binding in node._bindings:
                if binding.system and not binding.description:
                    continue
                if binding.action in SIDEWAYS:  # left out on purpose: nothing scrolls sideways
                    assert describe(binding) not in {row.what for row in rows}, binding
                    continue
                assert app.get_key_display(binding) in listed, binding


@pytest.mark.parametrize("size", [(60, 30), (80, 30), WIDE])
@pilot_test
async def test_help_lines_fit_the_help_box_at_any_width(demo, size) -> None:
    """No key row wraps: narrow boxes put a row's ids under it instead of beside it."""
    app = reader_app(demo)
    async with app.run_test(size=size) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        text = app.screen.query_one(".help-text")
        lines = str(text.render()).split("\n")
        assert max(map(cell_len, lines)) <= text.size.width
        beside = [line for line in lines if "app.search" in line and "Search" in line]
        assert bool(beside) == (size[0] >= 80), "ids beside the description when they fit"
        narrow_ids = any(line.strip() == "related.down" for line in lines)
        assert narrow_ids == (size[0] == 80), "one id per line only where the pair would wrap"


@pilot_test
async def test_help_shows_every_binding_id_for_remapping(demo) -> None:
    # config.toml remaps keys by binding id; the help screen is where a user finds them.
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = "\n".join(str(text.render()) for text in app.screen.query(".help-text"))
        for node in (app, app.comment_tree, app.sidebar):
            for _key, binding in node._bindings:
                if binding.id and not (binding.system and not binding.description):
                    assert binding.id in shown, binding


def test_binding_rows_merge_keys_of_one_action() -> None:
    app = ReaderApp(load_demo_page())
    rows = {row.what: row.keys.split() for row in binding_rows(app, [Sidebar])}
    assert rows["Choose"] == ["⏎", "l", "→"]


@pilot_test
async def test_choosing_a_chapter_in_the_sidebar_shows_its_comments(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        index = max(range(len(demo.chapters)), key=lambda i: app.chapter_links.counts[i])
        expected = [link.comment_id for link in app.chapter_links.by_chapter[index]]
        await pilot.press("tab", "down", *["down"] * index, "enter")
        await pilot.pause()
        tree = app.comment_tree
        assert tree.mode == "subset"
        assert list(tree.visible_ids()) == expected
        await pilot.press("g", "enter")  # "All comments" is the first entry
        await pilot.pause()
        assert tree.mode == "tree"


@pytest.mark.parametrize("key", ["a", "escape"])
@pilot_test
async def test_all_comments_returns_to_where_the_reader_was(demo, key: str) -> None:
    # Decided rule: leaving a chapter view goes back to the place before it, not to the
    # comment the cursor happened to be on in the view.
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("j", "j", "j")
        await pilot.pause()
        tree = app.comment_tree
        before, top = tree.selected_id, tree.scroll_y
        await pilot.press("tab", "down", "down", "down", "enter", "tab", "j")
        await pilot.pause()
        assert tree.mode == "subset"
        assert tree.selected_id != before
        await pilot.press(key)
        await pilot.pause()
        assert tree.mode == "tree"
        assert tree.selected_id == before
        assert tree.scroll_y == top


@pilot_test
async def test_enter_in_a_chapter_view_jumps_to_that_comment(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("tab", "down", "down", "down", "enter", "tab", "j")
        await pilot.pause()
        tree = app.comment_tree
        chosen = tree.selected_id
        await pilot.press("enter")
        await pilot.pause()
        assert tree.mode == "tree"
        assert tree.selected_id == chosen
        assert chosen in tree.visible_ids()
        # Enter was a jump: "All comments" now has nowhere else to go back to.
        await pilot.press("a")
        await pilot.pause()
        assert tree.selected_id == chosen


@pytest.mark.parametrize("key", ["a", "escape"])
@pilot_test
async def test_all_comments_keys_leave_a_chapter_view(demo, key: str) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        app.show_chapter(1)
        await pilot.pause()
        assert app.comment_tree.mode == "subset"
        await pilot.press(key)
        await pilot.pause()
        assert app.comment_tree.mode == "tree"
        assert app.sidebar.highlighted == app.sidebar.get_option_index(ALL_ID)


@pilot_test
async def test_chapter_before_counts_are_ready_still_links(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE):
        app.chapter_links = None
        items = app.subset_for_chapter(1)
        assert items and items[0].label and items[0].label.startswith("at ")


@pytest.mark.parametrize(
    ("open_keys", "screen_type", "close_key"),
    [
        (("D",), DescriptionScreen, "escape"),
        (("D",), DescriptionScreen, "q"),
        (("R",), RelatedScreen, "escape"),
        (("R",), RelatedScreen, "q"),
    ],
)
@pilot_test
async def test_description_and_related_open_and_close(
    demo, open_keys: tuple[str, ...], screen_type: type, close_key: str
) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press(*open_keys)
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        await pilot.press("s", "D")  # reader keys do nothing on top of a view
        await pilot.pause()
        assert isinstance(app.screen, screen_type)
        assert app.sidebar.display
        await pilot.press(close_key)
        await pilot.pause()
        assert not isinstance(app.screen, screen_type)
        assert app.is_running


@pytest.mark.parametrize(
    ("option_id", "screen_type"),
    [(DESCRIPTION_ID, DescriptionScreen), (RELATED_ID, RelatedScreen)],
)
@pilot_test
async def test_sidebar_entries_open_views(demo, option_id: str, screen_type: type) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("tab")
        app.sidebar.highlight_target(option_id)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, screen_type)


@pilot_test
async def test_at_selects_that_comment_on_start(demo) -> None:
    target = demo.comments[-3].id
    app = reader_app(demo, at=target)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert app.comment_tree.selected_id == target


@pilot_test
async def test_unknown_at_warns_and_runs(demo) -> None:
    app = reader_app(demo, at="no-such-comment")
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert app.is_running
        assert any("no-such-comment" in str(n.message) for n in app._notifications)


@pilot_test
async def test_hostile_page_stays_text() -> None:
    page = load_page(str(HOSTILE))
    app = reader_app(page)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        header = title_text(page).plain + pack_facts(facts(page), 80).plain
        assert "[bold]Loud[/]" in header and "\x1b" not in header and "\u202e" not in header
        prompts = [app.sidebar.option_text(i) for i in range(app.sidebar.option_count)]
        assert any("[bold]Start[/bold]" in prompt for prompt in prompts)
        assert not any("\u202e" in prompt or "\x1b" in prompt for prompt in prompts)
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("escape", "R")
        await pilot.pause()
        assert isinstance(app.screen, RelatedScreen)


def test_header_counts_and_bars(demo) -> None:
    assert comment_count_text(demo) == f"{len(demo.comments)} comments shown of 36"
    assert "48,213 views" in pack_facts(facts(demo), 200).plain
    assert views_wording(1, None) == "1 view"
    assert views_wording(None, "  12 mil visualizaciones ") == "12 mil visualizaciones"
    assert views_wording(None, " ") is None
    assert counted(12345, "match", "matches") == "12,345 matches"
    whole = [item.plain for item in facts(demo)]
    for width in (20, 40, 60):
        lines = pack_facts(facts(demo), width).plain.split("\n")
        assert [part for line in lines for part in line.split(" · ")] == whole
    assert count_bar(0, 5) == ""
    assert count_bar(5, 5) == "█" * 8
    assert count_bar(1, 100) == "▏"


@pilot_test
async def test_the_description_scrolls_to_its_ends_and_offers_its_links(demo) -> None:
    """g/G (home/end) as in the tree, and o lists the description's links with the same
    confirm step as a comment's; with none, a toast says so."""
    from tui_reader.screens.description import DescriptionScreen
    from tui_reader.screens.links import LinksScreen

    app = reader_app(demo)
    async with app.run_test(size=(80, 12)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("D")
        await pilot.pause()
        body = app.screen.query_one("#description-body")
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, LinksScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DescriptionScreen)
    bare = reader_app(attrs.evolve(demo, description="No links here."))
    async with bare.run_test(size=(80, 12)) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("D", "o")
        await pilot.pause()
        assert isinstance(bare.screen, DescriptionScreen)
        assert any("no web links" in str(n.message) for n in bare._notifications)
