"""The reader's own actions in the command palette (ctrl+p), beside Textual's.

A palette that finds "fold" only as a chapter title fails the reader who remembers what
they want but not its key. Every app-level key and the comment tree's actions become
commands, named and described as in help (?) and read from the same bindings (after any
keymap in config.toml), so the two never disagree. The tree's cursor moves are left out:
they are faster pressed than searched for.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from functools import partial

from textual.app import App, SystemCommand
from textual.dom import DOMNode

from tui_reader.screens.help import bindings_of, describe

TREE_COMMAND_IDS = frozenset(
    {
        "comment-tree.collapse-all",
        "comment-tree.expand-all",
        "comment-tree.next-thread",
        "comment-tree.previous-thread",
        "comment-tree.parent",
        "comment-tree.why",
    }
)
"""The comment tree's bindings offered as commands (by id): actions, not cursor moves."""


def action_commands(
    app: App[object], sources: Sequence[tuple[DOMNode, frozenset[str] | None]]
) -> list[SystemCommand]:
    """One command per action of each (node, binding ids or None for all) source: what
    it does as title, its tooltip and keys as help; run on that node when chosen."""
    found: dict[tuple[int, str], tuple[str, str, list[str], DOMNode]] = {}
    for node, ids in sources:
        for binding in bindings_of(node):
            if ids is not None and binding.id not in ids:
                continue
            title = describe(binding)
            tip = binding.tooltip or title
            keys = found.setdefault((id(node), binding.action), (title, tip, [], node))[2]
            display = app.get_key_display(binding)
            if display not in keys:
                keys.append(display)
    return [
        SystemCommand(title, f"{tip}  ·  key {' '.join(keys)}", partial(app.run_action, action, on))
        for (_node, action), (title, tip, keys, on) in found.items()
    ]


def with_actions(
    textual_commands: Iterable[SystemCommand], ours: Sequence[SystemCommand]
) -> Iterator[SystemCommand]:
    """Textual's commands, minus those ours replace (same title: "Keys" opens the
    reader's key list rather than Textual's panel; "Quit" is the same either way), then
    ours."""
    taken = {command.title for command in ours}
    yield from (command for command in textual_commands if command.title not in taken)
    yield from ours
