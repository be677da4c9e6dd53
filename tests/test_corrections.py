"""Thread corrections: make top-level, attach to the thread above, undo, and bad corrections."""

from __future__ import annotations

from fixtures_insight import sample_page
from tui_reader.corrections import (
    TOP,
    apply_corrections,
    attach_to,
    is_corrected,
    load_corrected,
    thread_above,
)
from tui_reader.model import Page
from tui_reader.state import open_state


def _shape(page: Page) -> list[tuple[str, str | None, int]]:
    return [(comment.author, comment.parent, comment.depth) for comment in page.comments]


def _by_author_text(page: Page, text_start: str):
    return next(comment for comment in page.comments if comment.text.startswith(text_start))


def test_no_corrections_returns_the_same_page() -> None:
    page = sample_page()
    assert apply_corrections(page, {}) is page


def test_make_reply_top_level() -> None:
    page = sample_page()
    reply = _by_author_text(page, "@@quill Listen")
    fixed = apply_corrections(page, {reply.id: TOP})
    moved = next(comment for comment in fixed.comments if comment.id == reply.id)
    assert moved.parent is None and moved.depth == 0 and moved.reason == "user"
    assert is_corrected(moved)
    # The reply that followed stays in the old thread; the new thread comes after it.
    ids = [comment.id for comment in fixed.comments]
    later_reply = _by_author_text(page, "@@brass Fair")
    assert ids.index(later_reply.id) < ids.index(reply.id)
    assert len(fixed.comments) == len(page.comments)
    assert fixed.warnings == ()


def test_attach_starter_to_thread_above_brings_its_replies() -> None:
    page = sample_page()
    storage = _by_author_text(page, "The part about storage")
    above = thread_above(page, storage.id)
    assert above == _by_author_text(page, "Where do I find").id
    fixed = apply_corrections(page, {storage.id: attach_to(above)})
    moved = next(comment for comment in fixed.comments if comment.id == storage.id)
    assert (moved.parent, moved.depth, moved.reason) == (above, 1, "user")
    channel_reply = next(comment for comment in fixed.comments if comment.is_channel)
    assert channel_reply.parent == above and channel_reply.depth == 1
    assert channel_reply.reason == "channel"  # its own rule still explains it
    assert all(comment.depth <= 1 for comment in fixed.comments)


def test_attach_to_a_reply_means_its_thread() -> None:
    page = sample_page()
    starter = page.comments[0]
    lone = _by_author_text(page, "Where do I find")
    fixed = apply_corrections(page, {lone.id: attach_to(page.comments[2].id)})
    moved = next(comment for comment in fixed.comments if comment.id == lone.id)
    assert moved.parent == starter.id


def test_undo_is_removing_the_correction() -> None:
    page = sample_page()
    reply = page.comments[1]
    corrections = {reply.id: TOP}
    assert apply_corrections(page, corrections) != page
    del corrections[reply.id]
    assert apply_corrections(page, corrections) is page


def test_corrections_apply_in_order() -> None:
    page = sample_page()
    lone = _by_author_text(page, "Where do I find")
    storage = _by_author_text(page, "The part about storage")
    # storage joins lone's thread, then lone joins the first thread: all three merge.
    fixed = apply_corrections(
        page, {storage.id: attach_to(lone.id), lone.id: attach_to(page.comments[0].id)}
    )
    parents = {comment.id: comment.parent for comment in fixed.comments}
    assert parents[lone.id] == parents[storage.id] == page.comments[0].id
    starters = [comment for comment in fixed.comments if comment.parent is None]
    assert [comment.author for comment in starters] == ["quill", "heath"]
    # Tree order: every reply sits after its starter, before the next starter.
    current = None
    for comment in fixed.comments:
        if comment.parent is None:
            current = comment.id
        else:
            assert comment.parent == current


def test_corrections_that_no_longer_fit_become_warnings() -> None:
    page = sample_page()
    starter = page.comments[0]
    reply = page.comments[1]
    fixed = apply_corrections(
        page,
        {"c00000000": TOP, reply.id: attach_to("cffffffff"), starter.id: attach_to(reply.id)},
    )
    assert _shape(fixed) == _shape(page)
    assert len(fixed.warnings) == 3
    assert all("skipped" in warning for warning in fixed.warnings)


def test_top_on_a_starter_changes_nothing() -> None:
    page = sample_page()
    assert apply_corrections(page, {page.comments[0].id: TOP}) is page


def test_thread_above_for_a_reply_and_for_the_first_thread() -> None:
    page = sample_page()
    assert thread_above(page, page.comments[0].id) is None
    assert thread_above(page, page.comments[3].id) is None  # a reply in the first thread
    channel_reply = next(comment for comment in page.comments if comment.is_channel)
    assert thread_above(page, channel_reply.id) == _by_author_text(page, "Where do I find").id
    assert thread_above(page, "c00000000") is None


def test_load_corrected_applies_saved_corrections(tmp_path) -> None:
    page = sample_page()
    state, _ = open_state(page, tmp_path)
    state.set_correction(page.comments[1].id, TOP)
    assert state.save() == []
    fixed, warnings = load_corrected(page, tmp_path)
    assert warnings == []
    moved = next(comment for comment in fixed.comments if comment.id == page.comments[1].id)
    assert moved.reason == "user" and moved.parent is None
    assert load_corrected(page, tmp_path / "empty") == (page, [])
