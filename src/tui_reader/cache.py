"""Parsed pages and their search indexes, kept on disk and keyed by the file's content.

Parsing a 25 MB page costs more than `fzf`'s whole run, so `--search` and the app's
start-up load what an earlier run built. The key is a hash of the file's bytes plus
a fingerprint of the code that turns bytes into a page and an index: a parser fix
must never be hidden behind an old cache entry. The cache is only ever an
optimisation: a corrupt, foreign or unwritable entry is ignored (and replaced when
possible), never an error.

An entry is one pickle: the search index state (ids, authors, texts, postings: what
`--search` needs), then the rest of the page as nested pickle bytes, unpickled only
when someone wants `Comment` objects. Comments are stored as columns and rebuilt,
because pickling ~100k attrs slots objects one attribute at a time loads slower.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import re
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import attrs

from tui_reader import paths
from tui_reader.hashing import blake2b
from tui_reader.model import Comment, Page, build_many
from tui_reader.stopping import BuildStopped, Stop

if TYPE_CHECKING:
    # Imported where an index is built or read: the reader's first paint needs no index.
    from tui_reader.search import SearchIndex

FORMAT_VERSION = 1
_TAG = f"mechanics-tui cache {FORMAT_VERSION}"
_SUFFIX = ".mtcache"
_KEEP_ENTRIES = 8
_HASH_CHUNK = 1 << 20
# Comment fields the index already holds; the rest travel as columns.
_INDEXED_FIELDS = ("id", "author", "text")
_PACKAGE = Path(__file__).resolve().parent
# Keys are the byte size and a hex digest; anything else (a path passed by mistake)
# must not name a file.
_KEY = re.compile(r"[0-9]{1,20}-[0-9a-f]{40}")


def code_fingerprint() -> bytes:
    """Hash of the sources that decide what a cache entry contains."""
    digest = blake2b(_TAG.encode(), digest_size=16)
    sources = [_PACKAGE / "model.py", _PACKAGE / "search.py", _PACKAGE / "cache.py"]
    sources += sorted((_PACKAGE / "parse").glob("*.py"))
    for source in sources:
        with contextlib.suppress(OSError):
            digest.update(source.name.encode())
            digest.update(source.read_bytes())
    return digest.digest()


def content_key(path: str) -> str | None:
    """The file's byte size, "-", and blake2b of its bytes and the code fingerprint;
    None when it cannot be read."""
    digest = blake2b(code_fingerprint(), digest_size=20)
    size = 0
    try:
        with open(path, "rb") as handle:
            while chunk := handle.read(_HASH_CHUNK):
                digest.update(chunk)
                size += len(chunk)
    except OSError:
        return None
    return f"{size}-{digest.hexdigest()}"


def _key_of(data: bytes) -> str:
    """`content_key` of bytes already read: the key of exactly what gets parsed."""
    digest = blake2b(code_fingerprint(), digest_size=20)
    digest.update(data)
    return f"{len(data)}-{digest.hexdigest()}"


def _read_keyed(path: str, *, needed: bool = True) -> tuple[bytes | None, str | None]:
    """The file's bytes and their key, read once; (None, None) for standard input or a
    file that cannot be read (the parser then reads it and reports the problem).

    Without `needed` (the caller only reads the cache, never writes it) the key is None
    when no entry has the file's size: hashing 25 MB costs ~30 ms, a tenth of parsing.
    """
    if path == "-":
        return None, None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None, None
    if not needed and not _has_entry_of_size(len(data)):
        return data, None
    return data, _key_of(data)


def _has_entry_of_size(size: int) -> bool:
    """Whether some entry was stored for a file of `size` bytes (the key's first part)."""
    try:
        names = os.listdir(paths.cache_dir())
    except OSError:
        return False
    prefix = f"{size}-"
    return any(name.startswith(prefix) for name in names)


def _entry_path(key: str) -> Path:
    if not _KEY.fullmatch(key):
        raise ValueError(f"not a cache key: {key!r}")
    return paths.cache_dir() / f"{key}{_SUFFIX}"


@contextlib.contextmanager
def _paused_gc() -> Iterator[None]:
    """Building ~100k objects that hold no cycles: the cyclic GC's passes only cost time
    (loading a cached 100k page takes about half as long without them)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


# -- page <-> compact columns ----------------------------------------------------------


def _column_fields() -> list[str]:
    return [f.name for f in attrs.fields(Comment) if f.name not in _INDEXED_FIELDS]


def _page_blob(page: Page) -> bytes:
    names = _column_fields()
    columns = tuple(tuple(getattr(c, name) for c in page.comments) for name in names)
    shell = attrs.evolve(page, comments=())
    return pickle.dumps((tuple(names), shell, columns), protocol=5)


def _page_from(index: SearchIndex, blob: bytes) -> Page:
    with _paused_gc():
        names, shell, columns = pickle.loads(blob)
        if list(names) != _column_fields():
            raise ValueError("comment fields changed")
        fields = dict(zip(names, columns, strict=True))
        fields.update(id=index.ids, author=index.authors, text=index.texts)
        # Column by column, as the parser builds them: a third of the time of calling
        # `Comment(...)` 100,000 times, on the app's first paint of a cached page.
        return attrs.evolve(shell, comments=tuple(build_many(Comment, fields)))


# -- reading and writing entries --------------------------------------------------------


def _read_entry(key: str) -> tuple[SearchIndex, bytes] | None:
    """The entry for `key`, or None when missing, corrupt, or from another format.

    The search module (and rapidfuzz, ~20 ms) is imported only once an entry is open:
    a miss, the first run on every new page, does not pay for it."""
    try:
        with open(_entry_path(key), "rb") as handle, _paused_gc():
            from tui_reader.search import SearchIndex

            tag, stored_key, state, blob = pickle.load(handle)
        if tag != _TAG or stored_key != key or not isinstance(blob, bytes):
            return None
        return SearchIndex(state), blob
    except FileNotFoundError:
        return None
    except Exception:  # a cache is an optimisation: any damage means "rebuild"
        return None


def _write_entry(key: str, page: Page, index: SearchIndex) -> None:
    """Atomically publish the entry; an unwritable cache is silently skipped."""
    target = _entry_path(key)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(prefix=".entry.", suffix=".tmp", dir=target.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            pickle.dump((_TAG, key, index.state(), _page_blob(page)), handle, protocol=5)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        return
    _prune(target.parent, keep=target)


def _prune(directory: Path, keep: Path) -> None:
    """Drop the oldest entries beyond `_KEEP_ENTRIES`: big pages make big entries."""
    try:
        entries = sorted(directory.glob(f"*{_SUFFIX}"), key=lambda p: p.stat().st_mtime)
    except OSError:
        return
    for old in entries[:-_KEEP_ENTRIES]:
        if old != keep:
            with contextlib.suppress(OSError):
                old.unlink()


def _parse(data: bytes | None, path: str) -> Page:
    """Parse the bytes read from `path` (or read it, when `data` is None)."""
    from tui_reader.parse import load_page, parse_bytes

    with _paused_gc():
        return load_page(path) if data is None else parse_bytes(data, path)


def _build(page: Page, stop: Stop | None = None) -> SearchIndex:
    from tui_reader.search import SearchIndex

    with _paused_gc():
        return SearchIndex.build(page, stop)


def _cached(key: str | None) -> tuple[Page, SearchIndex] | None:
    """The page and index stored under `key`; None without a key, an entry, or a page
    that rebuilds from it (an entry whose comment columns no longer fit: parse again)."""
    entry = None if key is None else _read_entry(key)
    if entry is None:
        return None
    index, blob = entry
    with contextlib.suppress(Exception):
        return _page_from(index, blob), index
    return None


# -- public API --------------------------------------------------------------------------


@attrs.frozen(slots=True)
class LoadedPage:
    """A page and the cache key of the very bytes it was parsed from.

    The reader keeps the key for `index_for`: hashing the file again later would give
    the key of whatever is on disk by then, not of the page in memory. `key` is None
    for standard input or a file the cache could not read.
    """

    page: Page
    key: str | None


def load_keyed(path: str, *, key_needed: bool = True) -> LoadedPage:
    """The page (from the cache when this content was seen) and its key; a miss parses
    and writes nothing: the app calls `index_for` from a worker after its first paint,
    which builds the index and stores both. A caller that will not store the page
    passes `key_needed=False`: then a miss may come back with no key (see `_read_keyed`).

    Parse errors (`PageError`) propagate exactly as from `parse.load_page`.
    """
    data, key = _read_keyed(path, needed=key_needed)
    hit = _cached(key)
    return LoadedPage(hit[0] if hit is not None else _parse(data, path), key)


def load_page(path: str) -> Page:
    """Just the page (for the first paint of a caller that does not index it)."""
    return load_keyed(path).page


def load_or_parse(path: str) -> tuple[Page, SearchIndex]:
    """The page and its index, from the cache when the file's content was seen before.

    Parse errors (`PageError`) propagate exactly as from `parse.load_page`.
    Standard input ("-") is read once, so it is parsed without the cache.
    """
    data, key = _read_keyed(path)
    hit = _cached(key)
    if hit is not None:
        return hit
    page = _parse(data, path)
    del data
    return page, index_for(page, key)


def load_index(path: str) -> SearchIndex:
    """Just the index (for `--search`): a cache hit builds no `Comment` objects."""
    key = None if path == "-" else content_key(path)
    if key is not None:
        entry = _read_entry(key)
        if entry is not None:
            return entry[0]
    return load_or_parse(path)[1]


def index_for(page: Page, key: str | None, stop: Stop | None = None) -> SearchIndex:
    """The index of `page`, whose bytes hashed to `key` (`LoadedPage.key`): read from
    the cache if present, else built and stored with the page. None: built, not stored.

    `stop` is asked during the build and before storing; True raises
    `stopping.BuildStopped` and stores nothing (the reader is quitting)."""
    if key is not None:
        entry = _read_entry(key)
        if entry is not None:
            return entry[0]
    index = _build(page, stop)
    if key is not None:
        if stop is not None and stop():
            raise BuildStopped
        _write_entry(key, page, index)
    return index


def cached_keys() -> Sequence[str]:
    """Keys of the entries on disk (for tests and a future `--clear-cache`)."""
    try:
        return sorted(p.name[: -len(_SUFFIX)] for p in paths.cache_dir().glob(f"*{_SUFFIX}"))
    except OSError:
        return []
