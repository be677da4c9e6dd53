"""Every key of the reader, read from the bindings themselves so the list never goes stale."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from attrs import frozen
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

KEY_COLUMN = 16

NodeSource = DOMNode | type[DOMNode]


@frozen(slots=True)
class Picked:
    """Some of a node's bindings, by binding id (or all but those, with `exclude`), so
    one node's many keys can be listed under several headings."""

    source: NodeSource
    ids: frozenset[str]
    exclude: bool = False


# Where bindings come from: a mounted node, a screen class not on screen right now,
# or a pick of either's bindings.
BindingSource = NodeSource | Picked
HelpSection = tuple[str, Sequence[BindingSource]]


def describe(binding: Binding) -> str:
    """What a binding does, in words: its description, tooltip, or humanised action."""
    words = binding.description or binding.tooltip
    if words:
        return words
    return binding.action.rpartition(".")[2].replace("_", " ").capitalize()


def bindings_of(source: BindingSource) -> Iterable[Binding]:
    """A live node's bindings (after any user keymap), or a class's own BINDINGS."""
    if isinstance(source, Picked):
        return [
            binding
            for binding in bindings_of(source.source)
            if (binding.id in source.ids) != source.exclude
        ]
    if isinstance(source, DOMNode):
        return [binding for _key, binding in source._bindings]
    return Binding.make_bindings(source.BINDINGS)


def binding_rows(app: App[object], sources: Iterable[BindingSource]) -> list[tuple[str, str]]:
    """(keys, what) rows, keys of one action merged: ("↓ j", "Down")."""
    rows: dict[str, tuple[str, list[str]]] = {}
    for source in sources:
        for binding in bindings_of(source):
            if binding.system and not binding.description:
                continue
            key_display = app.get_key_display(binding)
            _what, keys = rows.setdefault(binding.action, (describe(binding), []))
            if key_display not in keys:
                keys.append(key_display)
    return [(" ".join(keys), what) for what, keys in rows.values()]


def help_content(app: App[object], sections: Sequence[HelpSection]) -> Content:
    """The help text: one heading per section, then aligned key / description rows."""
    parts: list[str | tuple[str, str]] = []
    for index, (heading, sources) in enumerate(sections):
        if index:
            parts.append("\n")
        parts.append((heading, "bold $accent"))
        parts.append("\n")
        for keys, what in binding_rows(app, sources):
            parts.append((keys.ljust(KEY_COLUMN - 1), "bold"))
            parts.append(" ")
            parts.append(what)
            parts.append("\n")
    return Content.assemble(*parts).rstrip()


def split_columns(
    app: App[object], sections: Sequence[HelpSection]
) -> tuple[list[HelpSection], list[HelpSection]]:
    """Two columns of whole sections with about as many rows each."""
    sizes = [len(binding_rows(app, sources)) + 2 for _heading, sources in sections]
    half = sum(sizes) / 2
    left: list[HelpSection] = []
    filled = 0
    for section, size in zip(sections, sizes, strict=True):
        if left and filled + size / 2 > half:
            break
        left.append(section)
        filled += size
    return left, list(sections[len(left) :])


class HelpScreen(ModalScreen[None]):
    """Modal key list; escape, q or ? close it."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-one-column"),
        (100, "-two-columns"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "escape,q,question_mark", "dismiss", "Close", tooltip="Close help", id="help.close"
        ),
        Binding("j", "scroll_down", "Scroll down", show=False, id="help.down"),
        Binding("k", "scroll_up", "Scroll up", show=False, id="help.up"),
    ]

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__()
        self._sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Keys"
            body.border_subtitle = "escape to close"
            left, right = split_columns(self.app, self._sections)
            # Side by side when wide, one under the other on narrow screens (see reader.tcss).
            with Horizontal(id="help-columns"):
                yield Static(help_content(self.app, left), id="help-left", classes="help-text")
                yield Static(help_content(self.app, right), id="help-right", classes="help-text")

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up(animate=False)
