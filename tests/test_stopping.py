"""Builds that a quitting reader can stop: the search index, chapter links, the cache."""

from __future__ import annotations

import pytest

from tui_reader import cache
from tui_reader.chapter_links import link_chapters
from tui_reader.search import SearchIndex
from tui_reader.stopping import STOP_EVERY, BuildStopped, check


class Asked:
    """A `stop` that says True from its `after`-th question on, counting questions."""

    def __init__(self, after: int) -> None:
        self.after = after
        self.questions = 0

    def __call__(self) -> bool:
        self.questions += 1
        return self.questions > self.after


def test_check_asks_only_every_stop_every_steps() -> None:
    asked = Asked(after=0)
    for step in range(1, STOP_EVERY):
        check(asked, step)
    assert asked.questions == 0
    with pytest.raises(BuildStopped):
        check(asked, STOP_EVERY)
    check(None, 0)  # no stop: never raises


def test_index_build_stops_when_asked_and_is_unchanged_otherwise(demo) -> None:
    with pytest.raises(BuildStopped):
        SearchIndex.build(demo, Asked(after=0))
    never = Asked(after=10**9)
    assert SearchIndex.build(demo, never).state() == SearchIndex.build(demo).state()
    assert never.questions > 0


def test_chapter_linking_stops_when_asked_and_is_unchanged_otherwise(demo) -> None:
    assert demo.chapters
    with pytest.raises(BuildStopped):
        link_chapters(demo, Asked(after=0))
    assert link_chapters(demo, Asked(after=10**9)) == link_chapters(demo)


def test_a_stopped_index_is_not_cached(demo) -> None:
    key = "1-" + "0" * 40  # a key as `cache` makes them: byte size, "-", digest
    during_build = Asked(after=10**9)
    SearchIndex.build(demo, during_build)
    # Every question of the build answered no, the one before storing yes.
    last = Asked(after=during_build.questions)
    with pytest.raises(BuildStopped):
        cache.index_for(demo, key, last)
    assert last.questions == during_build.questions + 1
    assert cache.cached_keys() == []
    cache.index_for(demo, key, Asked(after=10**9))
    assert cache.cached_keys() == [key]
