"""Every key of the reader, read from the bindings themselves so the list never goes stale.

Each row also names its binding ids, so a user can remap the key in config.toml.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

from attrs import frozen
from rich.cells import cell_len
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen
from textual.widgets import Static

from tui_reader.widgets.footer import KeyFooter

KEY_COLUMN = 16
ID_GAP = 2

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


SIDEWAYS = frozenset({"scroll_left", "scroll_right", "page_left", "page_right"})
"""Actions left out of the list: nothing the reader shows is wider than its screen (the
comment tree and sidebar wrap), so keys that scroll sideways do nothing useful."""


def describe(binding: Binding) -> str:
    """What a binding does, in words: its description, tooltip, or humanised action,
    starting with a capital as every other row does (Textual's own "palette" too)."""
    words = binding.description or binding.tooltip
    if not words:
        words = binding.action.rpartition(".")[2].replace("_", " ")
    return words[:1].upper() + words[1:]


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


@frozen(slots=True)
class HelpRow:
    """One action: its keys, what it does, and the binding ids config.toml remaps it by."""

    keys: str
    what: str
    ids: tuple[str, ...]


def binding_rows(app: App[object], sources: Iterable[BindingSource]) -> list[HelpRow]:
    """One row per action, keys of one action merged: ("↓ j", "Down", (ids...))."""
    rows: dict[str, tuple[str, list[str], list[str]]] = {}
    for source in sources:
        for binding in bindings_of(source):
            if binding.system and not binding.description:
                continue
            if binding.action.rpartition(".")[2] in SIDEWAYS:
                continue
            key_display = app.get_key_display(binding)
            _what, keys, ids = rows.setdefault(binding.action, (describe(binding), [], []))
            if key_display not in keys:
                keys.append(key_display)
            if binding.id and binding.id not in ids:
                ids.append(binding.id)
    return [HelpRow(" ".join(keys), what, tuple(ids)) for what, keys, ids in rows.values()]


def help_content(app: App[object], sections: Sequence[HelpSection], width: int) -> Content:
    """The help text: one heading per section, then aligned keys / description / ids rows.

    The ids (dimmed) are what config.toml's [keys] table remaps. An action's ids share
    its line while they fit in `width` cells, else they go one per line in the ids
    column; where even one id would not fit there (a narrow terminal), each row's ids
    go under its description instead, so no line wraps.
    """
    rows = [(heading, binding_rows(app, sources)) for heading, sources in sections]
    what_width = max((cell_len(row.what) for _h, found in rows for row in found), default=0)
    longest_id = max(
        (len(one) for _h, found in rows for row in found for one in row.ids), default=0
    )
    beside = KEY_COLUMN + what_width + ID_GAP + longest_id <= width
    indent = " " * (KEY_COLUMN + what_width + ID_GAP if beside else KEY_COLUMN)
    id_room = width - len(indent)
    parts: list[str | tuple[str, str]] = []
    for index, (heading, found) in enumerate(rows):
        if index:
            parts.append("\n")
        parts.append((heading, "bold $accent"))
        parts.append("\n")
        for row in found:
            parts.append((row.keys.ljust(KEY_COLUMN - 1), "bold"))
            parts.append(" ")
            parts.append(row.what)
            if row.ids:
                if beside:
                    parts.append(" " * (what_width - cell_len(row.what) + ID_GAP))
                else:
                    parts.append("\n" + indent)
                joined = " ".join(row.ids)
                lines = [joined] if len(joined) <= id_room else list(row.ids)
                parts.append((("\n" + indent).join(lines), "dim"))
            parts.append("\n")
    return Content.assemble(*parts).rstrip()


class HelpText(Static):
    """The key list, laid out again whenever its width changes (see `help_content`)."""

    def __init__(self, sections: Sequence[HelpSection]) -> None:
        super().__init__(classes="help-text")
        self._sections = sections
        self._width = 0

    def on_resize(self, _event: events.Resize) -> None:
        width = self.size.width  # the content's width: the event's size counts padding
        if width and width != self._width:
            self._width = width
            self.update(help_content(self.app, self._sections, width))


class HelpScreen(ModalScreen[None]):
    """Modal key list; escape, q or ? close it."""

    # One list either way (three columns need the width); wide screens get a wider body.
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [
        (0, "-one-column"),
        (100, "-wide"),
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
            with Horizontal(id="help-columns"):
                yield HelpText(self._sections)
        yield KeyFooter()  # this screen's keys, not the tree's under it

    def action_scroll_down(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_down(animate=False)

    def action_scroll_up(self) -> None:
        self.query_one("#help-body", VerticalScroll).scroll_up(animate=False)
