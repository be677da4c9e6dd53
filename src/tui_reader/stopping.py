"""Cooperative stopping for builds that run for seconds in a worker thread.

Textual cannot stop a thread: a quitting reader cancels its workers and then waits for
them. The builds that take seconds on a 100,000-comment page (the search index, chapter
links) therefore ask a `stop` callable now and then and give up at once, so quitting
right after opening a big page takes milliseconds, not seconds.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

Stop = Callable[[], bool]
"""Asked now and then by a build: True means give up (raise BuildStopped)."""

Built = TypeVar("Built")

STOP_EVERY = 4096
"""Loop steps between two questions: a few milliseconds of work on a big page."""


class BuildStopped(Exception):
    """The caller asked a build to stop: nothing was built."""


def check(stop: Stop | None, step: int) -> None:
    """Raise BuildStopped if `stop` says so; asked only every STOP_EVERY steps."""
    if stop is not None and step % STOP_EVERY == 0 and stop():
        raise BuildStopped


def until_cancelled(build: Callable[[Stop], Built]) -> Built | None:
    """Run a stoppable build in the current thread worker; None if it stopped.

    Quitting cancels the worker and the build then stops within a few ms, instead of
    holding the exit for seconds on a big page. (Textual is imported here, not at the
    top: `--search` and the cache use this module without the UI.)
    """
    from textual.worker import get_current_worker

    worker = get_current_worker()
    try:
        return build(lambda: worker.is_cancelled)
    except BuildStopped:
        return None
