"""Choose what to export (this thread, this view, the whole page) and as what.

Keyboard first: `t`/`v`/`p` (or the arrows) pick what, `m` (or Enter) saves it as
Markdown and `j` as JSON. The app decides which scopes exist, which one is the
default (the selected thread in the whole tree, the view in a chapter or filtered
view) and writes the file; this screen only reports the choice.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from attrs import frozen
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui_reader.sanitize import visible


@frozen(slots=True)
class ExportScope:
    """One thing that can be exported.

    `name` is "thread", "view" or "page" (and its key's letter); `comment_ids` None
    means the whole page (with chapter headings); `file_label` goes in the file name.
    """

    name: str
    description: str
    comment_ids: tuple[str, ...] | None
    file_label: str


@frozen(slots=True)
class ExportChoice:
    scope: ExportScope
    fmt: str  # "markdown" or "json" (export.FORMATS)


def _key(letter: str) -> tuple[str, str]:
    return (letter, "bold $accent")


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Dismisses with the chosen scope and format, or None when the reader backs out."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("t", "scope('thread')", "This thread", show=False,
                tooltip="Choose the selected comment's thread", id="export.thread"),
        Binding("v", "scope('view')", "This view", show=False,
                tooltip="Choose the chapter or filtered view on screen", id="export.view"),
        Binding("p", "scope('page')", "Whole page", show=False,
                tooltip="Choose the whole page, under chapter headings", id="export.page"),
        Binding("m", "save('markdown')", "Markdown", tooltip="Save the choice as Markdown",
                id="export.markdown"),
        Binding("j", "save('json')", "JSON", tooltip="Save the choice as JSON (the dump's schema)",
                id="export.json"),
        Binding("escape,q", "cancel", "Cancel", tooltip="Close without exporting",
                id="export.cancel"),
    ]

    def __init__(self, scopes: Sequence[ExportScope], default: str) -> None:
        super().__init__()
        self._scopes = list(scopes)
        self._default = default

    def compose(self) -> ComposeResult:
        with Vertical(id="export-body") as body:
            body.border_title = "Export"
            yield OptionList(
                *(
                    Option(Content.assemble(_key(scope.name[0]), "  ",
                                            visible(scope.description)), id=scope.name)
                    for scope in self._scopes
                ),
                id="export-scopes",
            )
            yield Static(
                Content.assemble(_key("m"), " or ", _key("enter"), " Markdown   ", _key("j"),
                                 " JSON   ", _key("esc"), " cancel"),
                id="export-formats",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self._index(self._default) or 0
        options.focus()

    def _index(self, name: str) -> int | None:
        return next((i for i, scope in enumerate(self._scopes) if scope.name == name), None)

    def action_scope(self, name: str) -> None:
        index = self._index(name)
        if index is not None:
            self.query_one(OptionList).highlighted = index

    def action_save(self, fmt: str) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None:
            self.dismiss(ExportChoice(self._scopes[highlighted], fmt))

    @on(OptionList.OptionSelected, "#export-scopes")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(ExportChoice(self._scopes[event.option_index], "markdown"))

    def action_cancel(self) -> None:
        self.dismiss(None)
