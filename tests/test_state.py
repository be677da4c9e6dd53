"""Per-page state: atomic, merge-per-key, corrupt files set aside, read-only dirs tolerated."""

from __future__ import annotations

import json
import multiprocessing
import os
import stat
from pathlib import Path

import attrs
import pytest

from fixtures_insight import make_comment, sample_page
from tui_reader import paths
from tui_reader.state import next_after, open_state, page_identity, pages_dir, read_corrections


@pytest.fixture(autouse=True)
def _state_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(paths.STATE_DIR_ENV, str(tmp_path / "state"))
    return tmp_path / "state"


def test_state_dir_follows_environment(_state_home: Path) -> None:
    assert pages_dir() == _state_home / "pages"


def test_round_trip_position_seen_bookmarks_corrections() -> None:
    page = sample_page()
    state, warnings = open_state(page)
    assert warnings == []
    first, second = page.comments[0].id, page.comments[1].id
    state.set_position(second)
    state.mark_seen([first, second])
    assert state.toggle_bookmark(first) is True
    state.set_correction(second, "top")
    assert state.save() == []

    again, warnings = open_state(page)
    assert warnings == []
    assert again.position == second
    assert again.seen == {first, second}
    assert again.bookmarks == {first}
    assert again.corrections == {second: "top"}
    assert again.toggle_bookmark(first) is False
    assert again.remove_correction(second) is True
    again.save()
    third, _ = open_state(page)
    assert third.bookmarks == set() and third.corrections == {}


def test_save_is_atomic_and_leaves_no_temp_files() -> None:
    page = sample_page()
    state, _ = open_state(page)
    state.set_position(page.comments[0].id)
    assert state.save() == []
    names = sorted(p.name for p in state.path.parent.iterdir())
    assert names == [f"{state.identity}.json", f"{state.identity}.lock"]
    assert json.loads(state.path.read_text())["position"] == page.comments[0].id


def test_identity_is_stable_across_resave_with_new_comments() -> None:
    page = sample_page()
    resaved = attrs.evolve(
        sample_page(extra=(make_comment("ivy", "Late to this, great talk."),)),
        title="  cooling a DATA hall ",
        comment_count_declared=12,
    )
    assert page_identity(page) == page_identity(resaved)
    other_channel = attrs.evolve(page, channel="Someone Else")
    assert page_identity(other_channel) != page_identity(page)


def test_new_since_last_time() -> None:
    page = sample_page()
    state, _ = open_state(page)
    assert state.new_ids == ()  # a first visit marks nothing as new
    state.save()

    late = make_comment("ivy", "Late to this, great talk.")
    later = make_comment("juniper", "Same here.")
    resaved = sample_page(extra=(late, later))
    state, _ = open_state(resaved)
    assert state.new_ids == (late.id, later.id)
    order = [comment.id for comment in resaved.comments]
    assert next_after(order, order[0], state.new_ids) == late.id
    assert next_after(order, late.id, state.new_ids) == later.id
    assert next_after(order, later.id, state.new_ids) == late.id  # wraps around
    state.save()
    state, _ = open_state(resaved)
    assert state.new_ids == ()


def test_two_writers_with_different_keys_both_survive() -> None:
    page = sample_page()
    a, _ = open_state(page)
    b, _ = open_state(page)
    first, second, third = (comment.id for comment in page.comments[:3])
    a.set_position(first)
    a.toggle_bookmark(first)
    b.toggle_bookmark(second)
    b.set_correction(third, "top")
    assert a.save() == []
    assert b.save() == []  # b never saw a's edits, yet must not erase them
    merged, _ = open_state(page)
    assert merged.position == first
    assert merged.bookmarks == {first, second}
    assert merged.corrections == {third: "top"}
    # b adopted the merged view on save, so it sees a's work too.
    assert b.bookmarks == {first, second}


def test_two_writers_same_key_last_writer_wins() -> None:
    page = sample_page()
    a, _ = open_state(page)
    b, _ = open_state(page)
    a.set_position(page.comments[0].id)
    b.set_position(page.comments[1].id)
    a.save()
    b.save()
    assert open_state(page)[0].position == page.comments[1].id


def test_removal_by_one_writer_is_not_undone_by_another() -> None:
    page = sample_page()
    setup, _ = open_state(page)
    setup.toggle_bookmark(page.comments[0].id)
    setup.save()
    a, _ = open_state(page)
    b, _ = open_state(page)
    a.toggle_bookmark(page.comments[0].id)  # removes it
    b.set_position(page.comments[2].id)
    a.save()
    b.save()
    assert open_state(page)[0].bookmarks == set()


@pytest.mark.parametrize(
    "content",
    [b"{not json", b"\xff\xfe\x00garbage", b"[1, 2, 3]", b'{"bookmarks": "c1"}',
     b'{"corrections": {"c1": "sideways"}}'],
)
def test_corrupt_file_is_set_aside_with_one_warning(content: bytes) -> None:
    page = sample_page()
    path = pages_dir() / f"{page_identity(page)}.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(content)
    state, warnings = open_state(page)
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert "set aside" in warnings[0]
    kept = list(path.parent.glob(f"{path.name}.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content  # never silent loss
    assert state.bookmarks == set() and state.position is None
    state.set_position(page.comments[0].id)
    assert state.save() == []
    assert json.loads(path.read_text())["position"] == page.comments[0].id


def test_file_corrupted_by_someone_else_before_save_is_set_aside() -> None:
    page = sample_page()
    state, _ = open_state(page)
    state.set_position(page.comments[0].id)
    state.save()
    state.path.write_text("oops")
    state.toggle_bookmark(page.comments[1].id)
    warnings = state.save()
    assert len(warnings) == 1 and "set aside" in warnings[0]
    assert open_state(page)[0].bookmarks == {page.comments[1].id}


def test_unwritable_state_location_warns_instead_of_raising(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A regular file where the directory should be fails even for root.
    blocker = tmp_path / "blocker"
    blocker.write_text("")
    monkeypatch.setenv(paths.STATE_DIR_ENV, str(blocker / "state"))
    page = sample_page()
    state, warnings = open_state(page)
    assert warnings == []
    state.toggle_bookmark(page.comments[0].id)
    warnings = state.save()
    assert len(warnings) == 1 and warnings[0].startswith("state is not saved: ")
    assert state.is_bookmarked(page.comments[0].id)  # the session keeps working


def test_read_only_state_directory(_state_home: Path) -> None:
    page = sample_page()
    state, _ = open_state(page)
    state.toggle_bookmark(page.comments[0].id)
    state.save()
    directory = state.path.parent
    directory.chmod(stat.S_IRUSR | stat.S_IXUSR)
    try:
        if os.access(directory, os.W_OK):
            pytest.skip("this user can write to a read-only directory (root)")
        again, warnings = open_state(page)
        assert warnings == []
        assert again.bookmarks == {page.comments[0].id}  # loading works
        again.set_position(page.comments[3].id)
        warnings = again.save()
        assert len(warnings) == 1 and warnings[0].startswith("state is not saved: ")
    finally:
        directory.chmod(stat.S_IRWXU)


def test_unreadable_file_that_cannot_be_set_aside_blocks_saving(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = sample_page()
    path = pages_dir() / f"{page_identity(page)}.json"
    path.parent.mkdir(parents=True)
    path.write_text("{broken")

    def refuse(*_args: object) -> None:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(os, "rename", refuse)
    state, warnings = open_state(page)
    assert len(warnings) == 1 and "state is not saved" in warnings[0]
    state.set_position(page.comments[0].id)
    assert state.save()[0].startswith("state is not saved: ")
    assert path.read_text() == "{broken"  # the only copy is untouched


def test_newer_version_is_not_overwritten() -> None:
    page = sample_page()
    path = pages_dir() / f"{page_identity(page)}.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"version": 99, "position": "c00000000"}))
    state, warnings = open_state(page)
    assert state.position == "c00000000"
    assert len(warnings) == 1
    state.set_position(page.comments[0].id)
    state.save()
    assert json.loads(path.read_text())["version"] == 99


def test_invalid_correction_value_is_refused() -> None:
    state, _ = open_state(sample_page())
    with pytest.raises(ValueError):
        state.set_correction("c1", "sideways")


def _bookmark_many(state_home: str, prefix: str, count: int) -> None:
    os.environ[paths.STATE_DIR_ENV] = state_home
    page = sample_page()
    for index in range(count):
        state, _ = open_state(page)
        state.toggle_bookmark(f"{prefix}{index}")
        assert state.save() == []


def test_two_processes_saving_at_once_lose_nothing(_state_home: Path) -> None:
    context = multiprocessing.get_context("fork")
    workers = [
        context.Process(target=_bookmark_many, args=(str(_state_home), prefix, 25))
        for prefix in ("a", "b")
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    state, warnings = open_state(sample_page())
    assert warnings == []
    assert state.bookmarks == {f"{p}{i}" for p in "ab" for i in range(25)}


def test_read_corrections_is_read_only() -> None:
    page = sample_page()
    assert read_corrections(page) == ({}, [])
    assert not pages_dir().exists()  # nothing created for a page never opened
    state, _ = open_state(page)
    state.set_correction(page.comments[1].id, "top")
    assert state.save() == []
    saved = state.path.read_bytes()
    newcomer = make_comment("newcomer", "A later comment.")
    grown = attrs.evolve(page, comments=(*page.comments, newcomer))
    assert read_corrections(grown) == ({page.comments[1].id: "top"}, [])
    assert state.path.read_bytes() == saved  # no "known" ids recorded for a dump
    assert open_state(grown)[0].new_ids == (newcomer.id,)


def test_read_corrections_leaves_an_unreadable_file_in_place() -> None:
    page = sample_page()
    path = pages_dir() / f"{page_identity(page)}.json"
    path.parent.mkdir(parents=True)
    path.write_text("{broken")
    corrections, warnings = read_corrections(page)
    assert corrections == {}
    assert len(warnings) == 1 and "unreadable" in warnings[0]
    assert [p.name for p in path.parent.iterdir()] == [path.name]
    assert path.read_text() == "{broken"


def test_correction_values_are_defined_once() -> None:
    # The state file accepts exactly the values corrections.py writes: one definition.
    from tui_reader import corrections, state

    assert state.TOP is corrections.TOP
    assert state.ATTACH_PREFIX is corrections.ATTACH_PREFIX
    assert not hasattr(state, "CORRECTION_TOP")
