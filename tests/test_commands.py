"""ctrl+p: the palette finds comments, authors and chapters and acts on the reader."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import pytest
from textual.app import App
from textual.fuzzy import Matcher

from pilot_support import palette_choose, palette_prompts, pilot_test
from tui_reader.commands import CommentCommands, _highlighted, chapter_label
from tui_reader.model import Chapter, Page
from tui_reader.parse import load_page
from tui_reader.search import SearchIndex
from tui_reader.stopping import BuildStopped

FIXTURE = Path(__file__).parent / "fixtures" / "search" / "hall_tour.txt"


@pytest.fixture(scope="module")
def page() -> Page:
    return load_page(str(FIXTURE))


class FakeTree:
    """Records what the palette asked the comment tree to do."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def select(self, comment_id: str) -> bool:
        self.calls.append(("select", comment_id))
        return True

    def show_filtered(self, ids: list[str], *, label: str | None = None) -> None:
        self.calls.append(("filtered", (tuple(ids), label)))

    def focus(self) -> None:
        pass


class Reader(App[None]):
    """The surface of the reader app the provider relies on."""

    COMMANDS: ClassVar = {CommentCommands}

    def __init__(self, page: Page, index: SearchIndex | None) -> None:
        super().__init__()
        self.page = page
        self.search_index = index
        self.comment_tree = FakeTree()

    def show_chapter(self, number: int) -> None:
        self.comment_tree.calls.append(("chapter", number))


async def _choose(app: Reader, pilot: Any, query: str) -> list[tuple[str, object]]:
    await palette_choose(pilot, query)
    return app.comment_tree.calls


@pilot_test
async def test_finds_a_comment_by_a_typo(page: Page) -> None:
    app = Reader(page, SearchIndex.build(page))
    async with app.run_test(size=(100, 30)) as pilot:
        calls = await _choose(app, pilot, "russinovic")
    author = {c.id: c.author for c in page.comments}
    assert [(kind, author.get(str(value))) for kind, value in calls] == [
        ("select", "PixelPenguin")
    ]


@pilot_test
async def test_finds_a_chapter(page: Page) -> None:
    app = Reader(page, SearchIndex.build(page))
    async with app.run_test(size=(100, 30)) as pilot:
        calls = await _choose(app, pilot, "chapter heat reuse")
    assert calls == [("chapter", 2)]


@pilot_test
async def test_finds_an_author_and_builds_a_missing_index(page: Page) -> None:
    app = Reader(page, None)
    async with app.run_test(size=(100, 30)) as pilot:
        calls = await _choose(app, pilot, "@OttoBrandt")
    otto = tuple(c.id for c in page.comments if c.author == "OttoBrandt")
    # The banner names the filter: whose comments these are.
    assert calls == [("filtered", (otto, "@OttoBrandt"))]
    assert app.search_index is not None


@pilot_test
async def test_a_stopped_index_build_still_leaves_chapters_and_authors(
    page: Page, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The reader quitting stops the palette's own index build (see `stopping`): the
    palette must not break, and what needs no index still works."""
    asked: list[bool] = []

    def stopped(_page: Page, stop) -> SearchIndex:
        asked.append(stop())
        raise BuildStopped

    monkeypatch.setattr(SearchIndex, "build", staticmethod(stopped))
    app = Reader(page, None)
    async with app.run_test(size=(100, 30)) as pilot:
        calls = await _choose(app, pilot, "chapter heat reuse")
    assert calls == [("chapter", 2)]
    assert asked == [False]  # the app was running: the stop said go on
    assert app.search_index is None


def test_labels_stay_plain_text() -> None:
    label = chapter_label(3725, "[bold]not markup[/] \x1b[31m")
    assert label == "Chapter 1:02:05 [bold]not markup[/] ␛[31m"
    content = _highlighted(Matcher("bold"), label)
    assert content.plain == label


MARKUP_TITLES = ("[bold]Intro[/] [/]", "[@click=app.quit]x[/]")


@pilot_test
async def test_chapter_titles_with_markup_are_shown_literally() -> None:
    page = Page(
        title="Markup in chapter titles",
        chapters=tuple(Chapter(60 * n, title) for n, title in enumerate(MARKUP_TITLES)),
    )
    app = Reader(page, SearchIndex.build(page))
    async with app.run_test(size=(100, 30)) as pilot:
        discovered = await palette_prompts(pilot, "")
        assert any(MARKUP_TITLES[0] in prompt for prompt in discovered), discovered
        assert any(MARKUP_TITLES[1] in prompt for prompt in discovered), discovered
        await pilot.press("escape")
        await pilot.pause()
        found = await palette_prompts(pilot, "intro")
        assert any(MARKUP_TITLES[0] in prompt for prompt in found), found
    assert app.return_code is None
