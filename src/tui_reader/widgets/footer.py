"""The key line at the bottom: the bindings that matter in the focused pane.

Textual's `Footer` mounts a widget per key (a dozen here), shows them only from the
second frame on, and at 120 columns docked the palette key over the last keys (a stray
"b" after "^p palette"), cutting off `?`. This draws the same line as one `Text`: keys
from the first frame, `?` and the palette kept at the right edge, keys that do not fit
left off whole, and a click on a key runs it, as the footer does.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar, NamedTuple

from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.screen import Screen
from textual.widget import Widget


class FooterItem(NamedTuple):
    """One key as shown: where it sits on the line, so a click can find it."""

    start: int
    end: int
    key: str
    enabled: bool


Entry = tuple[str, str, str, bool]
"""(key, key as shown, description, enabled)."""


class KeyFooter(Widget, can_focus=False):
    """Key, then what it does, for each shown binding of the focused widget and its
    ancestors (one per action, as Textual's footer groups them). The bindings whose ids
    are in `keep` (help, say; in that order) and the command palette's key stay at the
    right edge;
    other keys that do not fit are left off the right end of the line."""

    ALLOW_SELECT = False
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-footer--key",
        "key-footer--description",
        "key-footer--disabled",
        "key-footer--edge",
    }
    DEFAULT_CSS = """
    KeyFooter {
        dock: bottom;
        height: 1;
        background: $footer-background;
        color: $footer-foreground;
        .key-footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .key-footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .key-footer--disabled {
            text-style: dim;
        }
        .key-footer--edge {
            color: $foreground 20%;
        }
    }
    """

    def __init__(
        self, *, keep: Iterable[str] = (), id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.keep = tuple(keep)
        self.items: list[FooterItem] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Screen[object]) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh()

    def render(self) -> RenderResult:
        keys, kept = self._entries()
        key_style = self.get_component_rich_style("key-footer--key", partial=True)
        description_style = self.get_component_rich_style(
            "key-footer--description", partial=True
        )
        disabled_style = self.get_component_rich_style("key-footer--disabled", partial=True)

        def shown(entry: Entry) -> Text:
            _key, display, description, enabled = entry
            text = Text(display, key_style)
            if description:
                text.append(f" {description}", description_style)
            if not enabled:
                text.stylize(disabled_style)
            return text

        width = self.size.width
        edge = [(entry, shown(entry)) for entry in kept]
        # "▏" and the kept keys, a space between each. On a very narrow line the kept
        # keys go too, first ones first: whole keys only.
        while edge and sum(text.cell_len + 1 for _entry, text in edge) > width:
            edge = edge[1:]
        edge_width = sum(text.cell_len + 1 for _entry, text in edge)
        room = width - edge_width - (1 if edge else 0)
        line = Text(no_wrap=True, overflow="crop", end="")
        items: list[FooterItem] = []

        def add(entry: Entry, text: Text, gap: str) -> None:
            line.append(gap)
            start = line.cell_len
            line.append_text(text)
            items.append(FooterItem(start, line.cell_len, entry[0], entry[3]))

        for entry in keys:
            text = shown(entry)
            gap = " " if items else ""
            if line.cell_len + len(gap) + text.cell_len > room:
                break
            add(entry, text, gap)
        if edge:
            line.append(" " * max(0, width - edge_width - line.cell_len))
            line.append("▏", self.get_component_rich_style("key-footer--edge", partial=True))
            for number, (entry, text) in enumerate(edge):
                add(entry, text, " " if number else "")
        self.items = items
        return line

    def _entries(self) -> tuple[list[Entry], list[Entry]]:
        """The entries on the left, and those kept at the right edge (`keep`, then the
        command palette's key)."""
        app = self.app
        active = self.screen.active_bindings
        palette_key = app.COMMAND_PALETTE_BINDING if app.ENABLE_COMMAND_PALETTE else None
        keys: list[Entry] = []
        kept: list[Entry] = []
        palette: list[Entry] = []
        seen_actions: set[str] = set()
        kept_order: dict[str, int] = {}  # key -> place in `keep`: the edge in that order
        for key, (_node, binding, enabled, _tooltip) in active.items():
            entry = (binding.key, app.get_key_display(binding), binding.description, enabled)
            if key == palette_key:
                palette.append(entry)
            elif binding.show and binding.action not in seen_actions:
                seen_actions.add(binding.action)
                if binding.id in self.keep:
                    kept_order[binding.key] = self.keep.index(binding.id)
                    kept.append(entry)
                else:
                    keys.append(entry)
        kept.sort(key=lambda entry: kept_order[entry[0]])
        return keys, kept + palette

    def on_click(self, event: events.Click) -> None:
        for item in self.items:
            if item.start <= event.x < item.end:
                if item.enabled:
                    self.app.simulate_key(item.key)
                else:
                    self.app.bell()
                return
