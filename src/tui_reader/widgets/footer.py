"""Textual's footer, with each key styled once when it is mounted."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey


class ReaderFooter(Footer):
    """The same footer: the bindings that matter in the focused pane, updated as focus
    moves. Only cheaper to show: a `FooterKey` takes the footer's `compact` through a
    data binding whose watcher sets the `-compact` class after mounting, restyling every
    key a second time (about 0.4 ms each, on every focus change). The class is set
    before mounting instead, so the watcher finds nothing to change.
    """

    def compose(self) -> ComposeResult:
        for widget in super().compose():
            if isinstance(widget, FooterKey):
                widget.set_class(self.compact, "-compact", update=False)
            yield widget
