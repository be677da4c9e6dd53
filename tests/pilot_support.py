"""What the Pilot tests share: running an async test, and a reader app fit for comparing.

Why here and not in each module: nine test modules grew their own copies of these, and
a copy that drifts (a theme left unset, animations on) makes screens nondeterministic.
State, config and cache folders are private per test already (conftest.py).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable, Coroutine
from typing import Any

from tui_reader.app import ReaderApp


def pilot_test(test: Callable[..., Coroutine[Any, Any, None]]) -> Callable[..., None]:
    """Run an async Pilot test on its own event loop (no pytest asyncio plugin needed)."""

    @functools.wraps(test)
    def run(*args: Any, **kwargs: Any) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def reader_app(page, **kwargs: Any) -> ReaderApp:
    """A ReaderApp with a fixed theme and no animation, so screens are deterministic."""
    app = ReaderApp(page, **kwargs)
    app.theme = "textual-dark"
    app.animation_level = "none"
    return app


async def palette_prompts(pilot, query: str) -> list[str]:
    """Open the command palette, type `query` ("" = discovery) and wait for its options
    (it searches in a worker): the plain text of each."""
    from textual.command import CommandList, CommandPalette

    app = pilot.app
    app.action_command_palette()
    await pilot.pause()
    if query:
        await pilot.press(*query)
    options = None
    for _ in range(200):
        await pilot.pause()
        if isinstance(app.screen, CommandPalette):
            options = app.screen.query_one(CommandList)
            if options.option_count:
                break
    assert options is not None, "the palette did not open"
    return [str(options.get_option_at_index(n).prompt) for n in range(options.option_count)]


async def palette_choose(pilot, query: str) -> None:
    """Type `query` into the command palette and run its first option."""
    await palette_prompts(pilot, query)
    await pilot.press("enter")
    await pilot.pause()


async def wait_for_workers(pilot) -> None:
    """Wait for the work started after the first paint: chapter links (on a page with
    chapters) and the search index."""
    app = pilot.app
    assert isinstance(app, ReaderApp)
    for _ in range(100):
        await pilot.pause()
        await app.workers.wait_for_complete()
        linked = app.chapter_links is not None or not app.page.chapters
        if app.search_index is not None and linked:
            break
    await pilot.pause()
