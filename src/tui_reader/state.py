"""What the reader remembers about a page between runs, kept safe on disk.

One JSON file per page, named by the page's identity (its title and channel, not its
content, so a re-saved page with new comments is the same page). Saving never tears a
file (atomic replace) and never clobbers another instance: each instance records what
*it* changed and, under an advisory lock, merges only those keys and items into what is
on disk, so two readers of one page both keep their work (last writer wins per key).
A file that cannot be read is renamed aside, never overwritten, and the caller gets a
one-line warning; a directory that cannot be written makes saving warn, not raise.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from tui_reader.corrections import ATTACH_PREFIX, TOP
from tui_reader.hashing import blake2b
from tui_reader.model import Page
from tui_reader.paths import state_dir, write_atomic

try:  # advisory locks are a POSIX feature; elsewhere the merge still happens, unlocked
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STATE_VERSION = 1
SET_KEYS = ("seen", "known", "bookmarks")


def _normalise(text: str) -> str:
    """Fold what a re-save may change (case, width forms, spacing) but not the words."""
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def page_identity(page: Page) -> str:
    """A stable name for a page: the same video saved again maps to the same state."""
    key = _normalise(page.title) + "\0" + _normalise(page.channel or "")
    return blake2b(key.encode("utf-8"), digest_size=10).hexdigest()


def pages_dir() -> Path:
    """Where the per-page state files live."""
    return state_dir() / "pages"


def _describe(error: OSError) -> str:
    """One line for an OS error, naming the file when the error knows it."""
    reason = error.strerror or str(error) or type(error).__name__
    return f"{reason}: {error.filename}" if error.filename else reason


def _valid_correction(value: Any) -> bool:
    if not isinstance(value, str):
        return False
    return value == TOP or (value.startswith(ATTACH_PREFIX) and len(value) > len(ATTACH_PREFIX))


def _check(data: Any) -> str | None:
    """Why `data` is not a state document we can trust, or None when it is."""
    if not isinstance(data, dict):
        return "not a JSON object"
    version = data.get("version", STATE_VERSION)
    if not isinstance(version, int):
        return "version is not a number"
    position = data.get("position")
    if position is not None and not isinstance(position, str):
        return "position is not a comment id"
    for key in SET_KEYS:
        items = data.get(key, [])
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            return f"{key} is not a list of comment ids"
    corrections = data.get("corrections", {})
    if not isinstance(corrections, dict) or not all(
        isinstance(key, str) and _valid_correction(value) for key, value in corrections.items()
    ):
        return "corrections are not comment ids mapped to 'top' or 'attach:<id>'"
    return None


def _set_aside(path: Path, reason: str) -> tuple[str, str | None]:
    """Rename an unreadable file out of the way so starting clean loses nothing.

    Returns the warning and, when the file could not be moved, why saving must stay off
    (writing would overwrite the only copy of whatever the file held).
    """
    stamp = time.strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
        counter += 1
    try:
        os.rename(path, target)
    except OSError as error:
        blocked = f"{path.name} is unreadable and could not be set aside ({_describe(error)})"
        return f"state file {path} is unreadable ({reason}); state is not saved", blocked
    return f"state file {path.name} was unreadable ({reason}); set aside as {target}", None


def _read(path: Path, set_aside: bool = True) -> tuple[dict[str, Any], list[str], str | None]:
    """Load a state file: (data, warnings, reason saving is blocked or None).

    Without `set_aside` an unreadable file stays where it is (a read-only look).
    """
    problem: str | None
    try:
        raw = path.read_bytes()
    except (FileNotFoundError, NotADirectoryError):  # nothing saved yet (or no such directory)
        return {}, [], None
    except OSError as error:
        problem = _describe(error)
    else:
        try:
            data = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            problem = f"not valid JSON: {str(error).splitlines()[0]}"
        else:
            problem = _check(data)
    if problem is not None:
        if not set_aside:
            return {}, [f"state file {path} is unreadable ({problem}); it is ignored"], None
        warning, blocked = _set_aside(path, problem)
        return {}, [warning], blocked
    if data.get("version", STATE_VERSION) > STATE_VERSION:
        blocked = f"{path.name} was written by a newer mechanics-tui"
        return data, [f"state is not saved: {blocked}"], blocked
    return data, [], None


@contextlib.contextmanager
def _locked(lock_path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock on a side file while reading, merging and writing."""
    with open(lock_path, "a+b") as handle:
        if fcntl is not None:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            if fcntl is not None:
                fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def next_after(order: Sequence[str], current: str | None, wanted: Iterable[str]) -> str | None:
    """The first id of `wanted` after `current` in `order`, wrapping around (for jump keys)."""
    targets = set(wanted)
    if not targets:
        return None
    start = order.index(current) + 1 if current in order else 0
    for offset in range(len(order)):
        candidate = order[(start + offset) % len(order)]
        if candidate in targets:
            return candidate
    return None


class PageState:
    """One page's remembered state plus the edits this instance made since it last saved.

    A plain class rather than attrs: an attrs class costs a compiled `__init__` at
    import, which the reader's first paint waits for, and nothing compares two states.
    """

    __slots__ = (
        "_added",
        "_blocked",
        "_corrected",
        "_position_changed",
        "_removed",
        "_uncorrected",
        "bookmarks",
        "corrections",
        "identity",
        "known",
        "new_ids",
        "path",
        "position",
        "seen",
    )

    def __init__(self, identity: str, path: Path) -> None:
        self.identity = identity
        self.path = path
        self.position: str | None = None
        self.seen: set[str] = set()
        self.known: set[str] = set()
        self.bookmarks: set[str] = set()
        self.corrections: dict[str, str] = {}
        self.new_ids: tuple[str, ...] = ()
        self._position_changed = False
        self._added: dict[str, set[str]] = {key: set() for key in SET_KEYS}
        self._removed: dict[str, set[str]] = {key: set() for key in SET_KEYS}
        self._corrected: dict[str, str] = {}
        self._uncorrected: set[str] = set()
        self._blocked: str | None = None

    @property
    def lock_path(self) -> Path:
        return self.path.with_suffix(".lock")

    @property
    def has_changes(self) -> bool:
        return (
            self._position_changed
            or any(self._added.values())
            or any(self._removed.values())
            or bool(self._corrected or self._uncorrected)
        )

    def _adopt(self, data: dict[str, Any]) -> None:
        """Take `data` as the current view and forget recorded edits (they are on disk now)."""
        self.position = data.get("position")
        for key in SET_KEYS:
            setattr(self, key, set(data.get(key, [])))
        self.corrections = dict(data.get("corrections", {}))
        self._position_changed = False
        self._added = {key: set() for key in SET_KEYS}
        self._removed = {key: set() for key in SET_KEYS}
        self._corrected = {}
        self._uncorrected = set()

    def _add(self, key: str, items: Iterable[str]) -> None:
        current: set[str] = getattr(self, key)
        for item in items:
            if item not in current:
                current.add(item)
                self._added[key].add(item)
                self._removed[key].discard(item)

    def _discard(self, key: str, item: str) -> None:
        current: set[str] = getattr(self, key)
        if item in current:
            current.discard(item)
            self._removed[key].add(item)
            self._added[key].discard(item)

    def set_position(self, comment_id: str | None) -> None:
        """Remember the selected comment so the next open lands there."""
        if comment_id != self.position:
            self.position = comment_id
            self._position_changed = True

    def mark_seen(self, comment_ids: Iterable[str]) -> None:
        self._add("seen", comment_ids)

    def remember_known(self, comment_ids: Iterable[str]) -> None:
        """Record the comments present now, so the next open can tell what is new."""
        self._add("known", comment_ids)

    def is_bookmarked(self, comment_id: str) -> bool:
        return comment_id in self.bookmarks

    def toggle_bookmark(self, comment_id: str) -> bool:
        """Flip a bookmark; returns whether the comment is bookmarked now."""
        if comment_id in self.bookmarks:
            self._discard("bookmarks", comment_id)
            return False
        self._add("bookmarks", [comment_id])
        return True

    def set_correction(self, comment_id: str, value: str) -> None:
        """Record a thread correction: "top" or "attach:<starter id>" (see corrections.py)."""
        if not _valid_correction(value):
            raise ValueError(f"not a thread correction: {value!r}")
        # A changed correction moves to the end: corrections apply in the order they were made.
        self.corrections.pop(comment_id, None)
        self.corrections[comment_id] = value
        self._corrected[comment_id] = value
        self._uncorrected.discard(comment_id)

    def remove_correction(self, comment_id: str) -> bool:
        """Undo a correction; returns False when there was none."""
        if comment_id not in self.corrections:
            return False
        del self.corrections[comment_id]
        self._corrected.pop(comment_id, None)
        self._uncorrected.add(comment_id)
        return True

    def _merge(self, disk: dict[str, Any]) -> dict[str, Any]:
        """Apply only this instance's edits on top of what another instance may have saved."""
        position = self.position if self._position_changed else disk.get("position")
        merged: dict[str, Any] = {"version": STATE_VERSION, "position": position}
        for key in SET_KEYS:
            items = (set(disk.get(key, [])) | self._added[key]) - self._removed[key]
            merged[key] = sorted(items)
        corrections = dict(disk.get("corrections", {}))
        for comment_id in self._uncorrected:
            corrections.pop(comment_id, None)
        for comment_id, value in self._corrected.items():
            corrections.pop(comment_id, None)
            corrections[comment_id] = value
        merged["corrections"] = corrections
        merged["saved_at"] = int(time.time())
        return merged

    def save(self) -> list[str]:
        """Merge this instance's edits into the file; returns warnings instead of raising."""
        if self._blocked is not None:
            return [f"state is not saved: {self._blocked}"]
        if not self.has_changes:
            return []
        warnings: list[str] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with _locked(self.lock_path):
                disk, warnings, blocked = _read(self.path)
                if blocked is not None:
                    self._blocked = blocked
                    return [*warnings, f"state is not saved: {blocked}"]
                merged = self._merge(disk)
                text = json.dumps(merged, ensure_ascii=False, indent=1) + "\n"
                write_atomic(self.path, text)
        except OSError as error:
            return [*warnings, f"state is not saved: {_describe(error)}"]
        self._adopt(merged)
        return warnings


def _state_path(page: Page, directory: Path | None) -> tuple[str, Path]:
    identity = page_identity(page)
    return identity, (directory or pages_dir()) / f"{identity}.json"


def open_state(page: Page, directory: Path | None = None) -> tuple[PageState, list[str]]:
    """Load a page's state (or start clean) and work out which comments are new since last time.

    Never raises: problems come back as one-line warnings for the status bar.
    """
    identity, path = _state_path(page, directory)
    data, warnings, blocked = _read(path)
    state = PageState(identity=identity, path=path)
    state._adopt(data)
    state._blocked = blocked
    ids = [comment.id for comment in page.comments]
    if state.known:
        state.new_ids = tuple(comment_id for comment_id in ids if comment_id not in state.known)
    state.remember_known(ids)
    return state, warnings


def read_corrections(
    page: Page, directory: Path | None = None
) -> tuple[dict[str, str], list[str]]:
    """The page's saved thread corrections, for `--dump` and `--stats`: read only.

    Unlike `open_state` this records nothing (no "known" ids: a dump is not a visit)
    and never writes: an unreadable file is left in place, with a one-line warning,
    for the reader to set aside when it next opens the page.
    """
    _identity, path = _state_path(page, directory)
    data, warnings, _blocked = _read(path, set_aside=False)
    return dict(data.get("corrections", {})), warnings
