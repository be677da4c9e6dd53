"""The key line: the focused pane's keys, help always in view, and clicks that run keys."""

from __future__ import annotations

from pilot_support import pilot_test, reader_app
from tui_reader.screens.help import HelpScreen
from tui_reader.widgets.footer import KeyFooter

WIDE = (120, 35)
NARROW = (60, 20)


def footer_line(app) -> str:
    footer = app.screen.query_one(KeyFooter)
    return str(footer.render())


@pilot_test
async def test_footer_shows_the_focused_panes_keys_and_follows_focus(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        tree_line = footer_line(app)
        assert "Fold/unfold" in tree_line and "Prev thread" in tree_line
        assert "Choose" not in tree_line
        await pilot.press("tab")
        await pilot.pause()
        sidebar_line = footer_line(app)
        assert "Choose" in sidebar_line and "Fold/unfold" not in sidebar_line


@pilot_test
async def test_help_and_palette_stay_at_the_right_edge_when_keys_do_not_fit(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        line = footer_line(app)
        assert len(line) == NARROW[0]
        assert line.rstrip().endswith("? Keys ^p palette")
        assert "Unfold all" not in line  # left off: no room
        footer = app.screen.query_one(KeyFooter)
        starts = [item.start for item in footer.items]
        assert starts == sorted(starts)
        assert all(item.end <= NARROW[0] for item in footer.items)


@pilot_test
async def test_clicking_a_key_runs_it(demo) -> None:
    app = reader_app(demo)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        footer = app.screen.query_one(KeyFooter)
        help_item = next(item for item in footer.items if item.key == "question_mark")
        await pilot.click(KeyFooter, offset=(help_item.start + 1, 0))
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


@pilot_test
async def test_on_a_tiny_line_kept_keys_go_whole_not_cut(demo) -> None:
    for width, expected in ((5, ""), (12, "▏^p palette"), (20, "▏? Keys ^p palette")):
        app = reader_app(demo)
        async with app.run_test(size=(width, 20)) as pilot:
            await pilot.pause()
            assert footer_line(app).strip() == expected
