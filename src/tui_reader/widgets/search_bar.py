"""The `/` search bar: an input whose ranked results update on every keystroke.

Ranking lives in `tui_reader.search` (no Textual there); this widget only shows the
best hits and reports what the person chose. The list holds at most `RESULT_LIMIT`
options, so an `OptionList` stays fast even on a 100,000-comment page; the count
line says how many comments matched in all, or what is wrong with a misspelt filter
(`is:chanel` is not "No matches"). Page text and the query reach the screen only as
`rich.text.Text` built from already-sanitised text, never as markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.model import Page
from tui_reader.sanitize import visible
from tui_reader.search import Hit, SearchIndex

RESULT_LIMIT = 50
PLACEHOLDER = "Search comments: words, @name, is:reply, has:link, has:time, replies>N, chapter:N"
HIGHLIGHT = "bold underline"


def hit_prompt(hit: Hit, age: str | None) -> Text:
    """Two lines per hit: who and when, then the snippet with the matched words marked."""
    prompt = Text(no_wrap=False, overflow="ellipsis")
    prompt.append(f"@{visible(hit.author)}", style="bold")
    if age:
        prompt.append(f"  {visible(age)}", style="dim")
    prompt.append("\n")
    start = len(prompt)
    prompt.append(hit.snippet)
    for span_start, span_end in hit.spans:
        prompt.stylize(HIGHLIGHT, start + span_start, start + span_end)
    return prompt


class SearchBar(Vertical):
    """Type to search; Enter jumps to the highlighted hit; escape closes."""

    DEFAULT_CSS = """
    SearchBar {
        height: auto;
        max-height: 60%;
    }
    SearchBar > #search-status {
        height: 1;
        padding: 0 1;
        color: $text-muted;
    }
    SearchBar > OptionList {
        height: auto;
        max-height: 24;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        # A priority binding: the input's own enter (hidden) would otherwise take the key
        # and leave it out of the footer; help (?) lists it either way.
        Binding(
            "enter",
            "choose",
            "Go to hit",
            tooltip="Go to the highlighted hit in the whole tree",
            priority=True,
            id="search.choose",
        ),
        Binding("escape", "close", "Close", tooltip="Close the search bar", id="search.close"),
        Binding("down", "move(1)", "Next hit", show=False, id="search.down"),
        Binding("up", "move(-1)", "Previous hit", show=False, id="search.up"),
        Binding("pagedown", "move(10)", "Hits down", show=False, id="search.page-down"),
        Binding("pageup", "move(-10)", "Hits up", show=False, id="search.page-up"),
        Binding(
            "ctrl+f",
            "filter",
            "Filter tree",
            tooltip="Show only the matching comments (with their thread starters) in the tree",
            id="search.filter",
        ),
    ]

    class Chosen(Message):
        """Enter on a hit: jump there; `match_ids` (page order) are for `n`/`N`."""

        def __init__(self, comment_id: str, query: str, match_ids: tuple[str, ...]) -> None:
            super().__init__()
            self.comment_id = comment_id
            self.query = query
            self.match_ids = match_ids

    class Filtered(Message):
        """Show only these comments in the tree (page order)."""

        def __init__(self, query: str, match_ids: tuple[str, ...]) -> None:
            super().__init__()
            self.query = query
            self.match_ids = match_ids

    class Closed(Message):
        """Escape: the reader should return to where it was."""

    def __init__(
        self,
        page: Page,
        index: SearchIndex | None = None,
        *,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.page = page
        self.index = index
        self.hits: tuple[Hit, ...] = ()
        self.total = 0

    def compose(self) -> ComposeResult:
        yield Input(placeholder=PLACEHOLDER, id="search-input", compact=True)
        yield Static("", id="search-status", markup=False)
        yield OptionList(id="search-results")

    def on_mount(self) -> None:
        self.query_one(OptionList).can_focus = False
        self.refresh_results()

    # -- public API ---------------------------------------------------------------------

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def set_index(self, index: SearchIndex) -> None:
        """The index is ready (built in a worker on big pages): search what is typed."""
        self.index = index
        self.refresh_results()

    def focus_input(self, text: str | None = None) -> None:
        """Focus the query now (`Widget.focus` waits for the keys already queued)."""
        field = self.query_one(Input)
        if text is not None:
            field.value = text
        self.screen.set_focus(field)

    def type_key(self, key: str, character: str | None) -> None:
        """Hand the query a key that was typed before it had the focus."""
        self.query_one(Input).post_message(events.Key(key, character))

    def refresh_results(self) -> None:
        """Run the typed query and show the best hits (called on every keystroke)."""
        query = self.value
        results = self.query_one(OptionList)
        status = self.query_one("#search-status", Static)
        results.clear_options()
        self.hits, self.total = (), 0
        if self.index is None:
            status.update("Indexing comments…")
            return
        if not query.strip():
            status.update("Type to search the comments")
            return
        parsed = self.index.parse(query)
        if parsed.problem is not None:
            # A misspelt filter is not "No matches": say what is wrong with it.
            status.update(Text(parsed.problem))
            return
        found = self.index.search(parsed, limit=RESULT_LIMIT)
        self.hits, self.total = found.hits, found.total
        comments = self.page.comments
        results.add_options(
            Option(hit_prompt(hit, _age(comments, hit.position)), id=str(i))
            for i, hit in enumerate(self.hits)
        )
        if self.hits:
            results.highlighted = 0
        status.update(_count_line(len(self.hits), self.total))

    # -- events and actions -------------------------------------------------------------

    @on(Input.Changed, "#search-input")
    def _typed(self) -> None:
        self.refresh_results()

    @on(Input.Submitted, "#search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    @on(OptionList.OptionSelected, "#search-results")
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option_index)

    def _choose(self, option_index: int | None) -> None:
        if option_index is None or not 0 <= option_index < len(self.hits):
            return
        hit = self.hits[option_index]
        self.post_message(self.Chosen(hit.comment_id, self.value, self.match_ids()))

    def match_ids(self) -> tuple[str, ...]:
        """Every comment matching the current query, in page order."""
        if self.index is None or not self.value.strip():
            return ()
        parsed = self.index.parse(self.value)
        if parsed.problem is not None:
            return ()
        ids = self.index.ids
        return tuple(ids[p] for p in self.index.positions(parsed))

    def action_choose(self) -> None:
        self._choose(self.query_one(OptionList).highlighted)

    def action_move(self, delta: int) -> None:
        results = self.query_one(OptionList)
        if not self.hits:
            return
        current = results.highlighted if results.highlighted is not None else 0
        results.highlighted = max(0, min(len(self.hits) - 1, current + delta))

    def action_filter(self) -> None:
        match_ids = self.match_ids()
        if match_ids:
            self.post_message(self.Filtered(self.value, match_ids))

    def action_close(self) -> None:
        self.post_message(self.Closed())


def _age(comments: Sequence, position: int) -> str | None:
    return comments[position].age if 0 <= position < len(comments) else None


def _count_line(shown: int, total: int) -> str:
    if total == 0:
        return "No matches"
    if shown < total:
        return f"{total:,} matches, best {shown} shown"
    return f"{total:,} match" + ("" if total == 1 else "es")
