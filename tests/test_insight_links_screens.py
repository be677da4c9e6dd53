"""Pilot tests for the insight dialog and the link chooser (hosted in a bare app)."""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen
from textual.widgets import OptionList, Sparkline, Static

from fixtures_insight import sample_page
from pilot_support import pilot_test
from tui_reader.links import find_links
from tui_reader.model import Page
from tui_reader.screens.insight import InsightScreen
from tui_reader.screens.links import LinksScreen


class Host(App[None]):
    """Pushes one screen on mount and records what it was dismissed with."""

    def __init__(self, screen: Screen) -> None:
        super().__init__()
        self._screen = screen
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.animation_level = "none"
        self.push_screen(self._screen, self.results.append)


def _text(screen: Screen) -> str:
    return "\n".join(str(static.render()) for static in screen.query(Static))


@pilot_test
async def test_insight_shows_report_and_sparkline() -> None:
    app = Host(InsightScreen(sample_page()))
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InsightScreen)
        text = _text(screen)
        assert "9 shown of 11 declared" in text
        assert "@brass ⇄ @quill" in text
        sparkline = screen.query_one(Sparkline)
        assert list(sparkline.data or []) == [1, 0, 0, 0, 0, 3, 3, 1]
        await pilot.press("j", "k")
        await pilot.press("i")
        await pilot.pause()
        assert not isinstance(app.screen, InsightScreen)
        assert app.results == [None]


@pilot_test
async def test_insight_closes_on_escape_and_survives_hostile_text() -> None:
    page = Page(title="[bold]x[/] \x1b[31m", channel="[link=x]y")
    app = Host(InsightScreen(page))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "[bold]x[/]" in _text(app.screen)
        assert "\x1b" not in _text(app.screen)
        assert not app.screen.query(Sparkline)  # no ages, no chart
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None]


@pilot_test
async def test_links_choose_confirm_open() -> None:
    opened: list[str] = []
    links = find_links("a https://one.example/x then www.two.example and [y](https://three.example)")
    app = Host(LinksScreen(links, opener=opened.append))
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(OptionList).option_count == 3
        await pilot.press("y")  # nothing chosen yet: nothing opens
        assert opened == []
        await pilot.press("j", "enter")
        await pilot.pause()
        assert "https://www.two.example" in str(app.screen.query_one("#links-confirm").render())
        await pilot.press("n")  # back to the list
        await pilot.press("k", "enter", "y")
        await pilot.pause()
        assert opened == ["https://one.example/x"]
        assert app.results == ["https://one.example/x"]


@pilot_test
async def test_single_link_goes_straight_to_confirmation_and_can_be_refused() -> None:
    opened: list[str] = []
    app = Host(LinksScreen(["https://only.example/"], opener=opened.append))
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-confirming")
        await pilot.press("escape")
        await pilot.pause()
        assert opened == [] and app.results == [None]


@pilot_test
async def test_no_links_says_so() -> None:
    app = Host(LinksScreen([], opener=lambda _url: None))
    async with app.run_test(size=(90, 24)) as pilot:
        await pilot.pause()
        assert "no web links" in _text(app.screen)
        await pilot.press("q")
        await pilot.pause()
        assert app.results == [None]
