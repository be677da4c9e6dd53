"""Every view says what it shows and what its keys do: the banner names the filter, the
sidebar marks only what is on screen, and the footer and help list the keys as they act."""

from __future__ import annotations

from pilot_support import palette_choose, pilot_test, reader_app, wait_for_workers
from tui_reader.screens.help import binding_rows
from tui_reader.screens.insight import InsightScreen
from tui_reader.widgets.footer import KeyFooter
from tui_reader.widgets.search_bar import SearchBar
from tui_reader.widgets.sidebar import ALL_ID, CHAPTER_PREFIX

WIDE = (120, 35)


def footer_line(app) -> str:
    return str(app.screen.query_one(KeyFooter).render())


def banner(app) -> str:
    return app.comment_tree.render_line(0).text


@pilot_test
async def test_an_author_filter_is_named_and_the_sidebar_marks_nothing(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        sidebar = app.sidebar
        assert sidebar.highlighted == sidebar.get_option_index(ALL_ID)
        await palette_choose(pilot, "@Quentin_Oakes")
        assert app.comment_tree.mode == "filtered"
        assert banner(app).startswith(" @Quentin_Oakes · 2 comments · esc: all comments")
        assert sidebar.highlighted is None  # "All comments" is not what is on screen
        await pilot.press("escape")
        await pilot.pause()
        assert app.comment_tree.mode == "tree"
        assert sidebar.highlighted == sidebar.get_option_index(ALL_ID)


@pilot_test
async def test_a_chapter_view_marks_its_chapter_and_labels_space_as_open(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        app.show_chapter(3)  # 5:10, as the palette does: the sidebar had "All comments"
        await pilot.pause()
        sidebar = app.sidebar
        assert sidebar.highlighted == sidebar.get_option_index(f"{CHAPTER_PREFIX}3")
        assert banner(app).startswith(" 5:10 Biofouling and corrosion · 3 comments · ")
        line = footer_line(app)
        assert "space Open in tree" in line
        assert "Fold/unfold" not in line and "Fold all" not in line
        await pilot.press("space")
        await pilot.pause()
        assert app.comment_tree.mode == "tree"
        assert "space Fold/unfold" in footer_line(app)
        assert sidebar.highlighted == sidebar.get_option_index(ALL_ID)


@pilot_test
async def test_the_insight_dialog_shows_its_own_keys(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("i")
        await pilot.pause()
        assert isinstance(app.screen, InsightScreen)
        line = footer_line(app)
        assert "esc Close" in line and "Scroll down" in line
        assert "Fold/unfold" not in line
        await pilot.press("escape")
        await pilot.pause()
        assert "Fold/unfold" in footer_line(app)


def test_help_lists_enter_for_the_search_bar(demo) -> None:
    app = reader_app(demo)
    rows = {row.what: row.keys for row in binding_rows(app, [SearchBar])}
    assert rows["Go to hit"] == "⏎"


@pilot_test
async def test_the_open_search_bar_lists_enter_in_the_footer_and_enter_goes_to_the_hit(
    demo,
) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        await pilot.press("slash", *"seal")
        await pilot.pause()
        assert "⏎ Go to hit" in footer_line(app)
        bar = app.screen.query_one(SearchBar)
        wanted = bar.hits[1].comment_id
        await pilot.press("down", "enter")
        await pilot.pause()
        assert not bar.display
        assert app.comment_tree.selected_id == wanted


@pilot_test
async def test_the_way_out_of_a_view_stays_on_the_footers_right_edge(demo) -> None:
    """esc leaves a view: the footer lists it at its right edge in a view (the tree's
    keys fill the line at 120 columns), and not at all in the whole tree."""
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await wait_for_workers(pilot)
        assert "All comments" not in footer_line(app)
        await palette_choose(pilot, "@Quentin_Oakes")
        line = footer_line(app)
        assert "▏esc All comments ? Keys ^p palette" in line, line
        await pilot.press("escape")
        await pilot.pause()
        assert "All comments" not in footer_line(app)
