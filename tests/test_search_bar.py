"""The search bar: results on every keystroke, Enter/ctrl+f/escape report what was chosen."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.message import Message
from textual.widgets import OptionList, Static

from pilot_support import pilot_test
from tui_reader.model import Comment, Page
from tui_reader.parse import load_page
from tui_reader.search import SearchIndex
from tui_reader.widgets.search_bar import SearchBar, hit_prompt

FIXTURE = Path(__file__).parent / "fixtures" / "search" / "hall_tour.txt"


@pytest.fixture(scope="module")
def page() -> Page:
    return load_page(str(FIXTURE))


class Host(App[None]):
    """A bare app around the bar that records the bar's messages."""

    def __init__(self, page: Page, index: SearchIndex | None) -> None:
        super().__init__()
        self.page = page
        self.index = index
        self.received: list[Message] = []

    def compose(self) -> ComposeResult:
        yield SearchBar(self.page, self.index, id="bar")

    def on_mount(self) -> None:
        self.theme = "textual-dark"
        self.animation_level = "none"
        self.query_one(SearchBar).focus_input()

    def on_search_bar_chosen(self, message: SearchBar.Chosen) -> None:
        self.received.append(message)

    def on_search_bar_filtered(self, message: SearchBar.Filtered) -> None:
        self.received.append(message)

    def on_search_bar_closed(self, message: SearchBar.Closed) -> None:
        self.received.append(message)


def _status(app: Host) -> str:
    return str(app.query_one("#search-status", Static).render())


@pilot_test
async def test_results_follow_every_keystroke(page: Page) -> None:
    app = Host(page, _index(page))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"multi")
        bar = app.query_one(SearchBar)
        assert len(bar.hits) >= 2
        await pilot.press("space", *"lora")
        await pilot.pause()
        assert [page.comments[h.position].author for h in bar.hits] == [
            "LoraFan42",
            "BatchRunner",
        ]
        assert app.query_one(OptionList).option_count == 2
        assert _status(app) == "2 matches"
        await pilot.press(*"zzz")
        assert bar.hits == () and _status(app) == "No matches"


@pilot_test
async def test_enter_reports_the_highlighted_hit_and_all_matches(page: Page) -> None:
    app = Host(page, _index(page))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"multi lora", "down", "enter")
        await pilot.pause()
        (chosen,) = app.received
        assert isinstance(chosen, SearchBar.Chosen)
        by_id = {c.id: c for c in page.comments}
        assert by_id[chosen.comment_id].author == "BatchRunner"
        assert [by_id[i].author for i in chosen.match_ids] == ["LoraFan42", "BatchRunner"]
        assert chosen.query == "multi lora"


@pilot_test
async def test_ctrl_f_filters_and_escape_closes(page: Page) -> None:
    app = Host(page, _index(page))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"is:channel", "ctrl+f", "escape")
        await pilot.pause()
        filtered, closed = app.received
        assert isinstance(filtered, SearchBar.Filtered) and isinstance(closed, SearchBar.Closed)
        assert len(filtered.match_ids) == sum(c.is_channel for c in page.comments)


@pilot_test
async def test_waits_for_the_index(page: Page) -> None:
    app = Host(page, None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"iphone")
        assert _status(app) == "Indexing comments…"
        app.query_one(SearchBar).set_index(SearchIndex.build(page))
        await pilot.pause()
        assert _status(app) == "1 match"


@pilot_test
async def test_up_and_down_stay_within_the_hits(page: Page) -> None:
    app = Host(page, _index(page))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"multi lora", "up", "down", "down", "down")
        assert app.query_one(OptionList).highlighted == 1
        await pilot.press("pageup")
        assert app.query_one(OptionList).highlighted == 0


@pilot_test
@pytest.mark.parametrize(
    ("typed", "status"),
    [
        ("pumps is:chanel", 'unknown filter "is:chanel" (did you mean is:channel?)'),
        ("replies>x", "replies>x: a number is needed"),
        ("author:", "author: needs a name"),
        ("chapter:99", "chapter:99: this page has"),
    ],
)
async def test_a_bad_filter_says_what_is_wrong_not_no_matches(
    page: Page, typed: str, status: str
) -> None:
    app = Host(page, _index(page))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*typed)
        await pilot.pause()
        assert _status(app).startswith(status)
        bar = app.query_one(SearchBar)
        assert bar.hits == () and bar.match_ids() == ()
        await pilot.press("ctrl+f", "enter")
        assert app.received == [], "nothing to jump to or filter by"


@pilot_test
async def test_a_bad_filter_is_shown_as_text_not_markup(page: Page) -> None:
    app = Host(page, _index(page))
    async with app.run_test(size=(100, 30)) as pilot:
        app.query_one(SearchBar).focus_input("is:[b]x[/b]")
        await pilot.pause()
        assert _status(app) == 'unknown filter "is:[b]x[/b]"'


@pilot_test
async def test_words_with_a_colon_still_search(page: Page) -> None:
    app = Host(page, _index(page))
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"zzqxv:30")
        await pilot.pause()
        assert _status(app) == "No matches"


def test_prompt_is_plain_text_with_highlights() -> None:
    comment = Comment(
        id="c1", author="x[bold]y", age="1 day ago", age_seconds=None, text="[red]alert[/] now"
    )
    index = SearchIndex.build(Page(title="t", comments=(comment,)))
    prompt = hit_prompt(index.search("alert").hits[0], comment.age)
    assert prompt.plain == "@x[bold]y  1 day ago\n[red]alert[/] now"
    marked = [prompt.plain[s.start : s.end] for s in prompt.spans if "underline" in str(s.style)]
    assert marked == ["alert"]


def test_snapshot_open_bar_with_results(snap_compare, page: Page) -> None:
    async def type_query(pilot) -> None:
        await pilot.press(*"heat")
        await pilot.pause()

    assert snap_compare(
        Host(page, _index(page)), terminal_size=(90, 24), run_before=type_query
    )


def _index(page: Page) -> SearchIndex:
    return SearchIndex.build(page)
