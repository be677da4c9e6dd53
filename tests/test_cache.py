"""The page cache: hits give back the same page and index; damage never breaks a run."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui_reader import cache
from tui_reader.parse import load_page

FIXTURE = Path(__file__).parent / "fixtures" / "search" / "hall_tour.txt"


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    directory = tmp_path / "cache"
    monkeypatch.setenv("MECHANICS_TUI_CACHE_DIR", str(directory))
    return directory


@pytest.fixture
def page_file(tmp_path: Path) -> Path:
    target = tmp_path / "page.txt"
    shutil.copy(FIXTURE, target)
    return target


def _count_parses(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    real = cache._parse

    def counting(data: bytes | None, path: str):
        calls.append(path)
        return real(data, path)

    monkeypatch.setattr(cache, "_parse", counting)
    return calls


def test_hit_returns_the_same_page_and_index_without_parsing(
    cache_dir: Path, page_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = _count_parses(monkeypatch)
    page, index = cache.load_or_parse(str(page_file))
    assert len(parses) == 1 and len(cache.cached_keys()) == 1
    again, again_index = cache.load_or_parse(str(page_file))
    assert len(parses) == 1
    assert again == page == load_page(str(page_file))
    assert again_index.search("heat reuse") == index.search("heat reuse")
    assert cache.load_page(str(page_file)) == page
    assert cache.load_index(str(page_file)).search("iphone") == index.search("iphone")
    assert len(parses) == 1


def test_changed_content_misses(
    cache_dir: Path, page_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parses = _count_parses(monkeypatch)
    cache.load_or_parse(str(page_file))
    page_file.write_text(
        page_file.read_text(encoding="utf-8").replace("swimming pool", "paddling pool"),
        encoding="utf-8",
    )
    page, index = cache.load_or_parse(str(page_file))
    assert len(parses) == 2
    assert "paddling" in page.comments[0].text
    assert index.search("paddling").total == 1
    assert len(cache.cached_keys()) == 2


@pytest.mark.parametrize(
    "damage", [b"", b"not a pickle at all", b"\x80\x05\x95garbage", "truncate"]
)
def test_corrupt_entry_is_ignored_and_replaced(
    cache_dir: Path, page_file: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    page, _ = cache.load_or_parse(str(page_file))
    (entry,) = cache_dir.glob("*.mtcache")
    if damage == "truncate":
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    else:
        entry.write_bytes(damage)  # type: ignore[arg-type]
    parses = _count_parses(monkeypatch)
    again, index = cache.load_or_parse(str(page_file))
    assert again == page and index.search("russinovic").total == 1
    assert len(parses) == 1
    cache.load_or_parse(str(page_file))
    assert len(parses) == 1  # the damaged entry was rewritten


def test_entry_of_another_key_or_format_is_ignored(
    cache_dir: Path, page_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache.load_or_parse(str(page_file))
    (entry,) = cache_dir.glob("*.mtcache")
    other = page_file.with_name("other.txt")
    other.write_text(page_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    other_key = cache.content_key(str(other))
    assert other_key is not None
    shutil.copy(entry, cache_dir / f"{other_key}.mtcache")  # right name, wrong content
    parses = _count_parses(monkeypatch)
    cache.load_or_parse(str(other))
    assert len(parses) == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_cache_dir_still_works(
    tmp_path: Path, page_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(stat.S_IRUSR | stat.S_IXUSR)
    monkeypatch.setenv("MECHANICS_TUI_CACHE_DIR", str(locked / "cache"))
    try:
        page, index = cache.load_or_parse(str(page_file))
        assert page.comments and index.search("iphone").total == 1
    finally:
        locked.chmod(stat.S_IRWXU)


def test_cache_dir_that_is_a_file_still_works(
    tmp_path: Path, page_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("MECHANICS_TUI_CACHE_DIR", str(blocker / "cache"))
    page, index = cache.load_or_parse(str(page_file))
    assert page.comments and index.search("cafe").total == 1
    assert cache.load_index(str(page_file)).search("cafe").total == 1


def test_load_keyed_miss_writes_nothing_until_index_for(
    cache_dir: Path, page_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    loaded = cache.load_keyed(str(page_file))
    assert cache.cached_keys() == []
    assert loaded.key == cache.content_key(str(page_file))
    index = cache.index_for(loaded.page, loaded.key)
    assert index.search("multi lora").total == 2
    assert cache.cached_keys() == [loaded.key]
    parses = _count_parses(monkeypatch)
    assert cache.load_keyed(str(page_file)) == loaded and not parses


def test_a_reader_that_never_stores_skips_the_hash_when_no_entry_has_the_size(
    cache_dir: Path, page_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hashed: list[int] = []
    real = cache._key_of
    monkeypatch.setattr(cache, "_key_of", lambda data: hashed.append(len(data)) or real(data))
    size = page_file.stat().st_size
    missed = cache.load_keyed(str(page_file), key_needed=False)
    assert missed.key is None and not hashed and missed.page == load_page(str(page_file))
    stored = cache.load_keyed(str(page_file))  # the reader: it will store the page
    assert stored.key is not None and stored.key.startswith(f"{size}-") and hashed == [size]
    cache.index_for(stored.page, stored.key)
    parses = _count_parses(monkeypatch)
    hit = cache.load_keyed(str(page_file), key_needed=False)  # an entry of this size now
    assert hit.key == stored.key and hit.page == stored.page and not parses
    page_file.write_bytes(page_file.read_bytes().replace(b"LoRA", b"Lora"))  # same size
    changed = cache.load_keyed(str(page_file), key_needed=False)
    assert changed.key not in (None, stored.key) and parses == [str(page_file)]


def test_the_key_is_of_the_bytes_parsed_not_of_the_file_later(
    cache_dir: Path, page_file: Path
) -> None:
    """A file re-saved after loading: its page is stored under the old bytes' key."""
    loaded = cache.load_keyed(str(page_file))
    page_file.write_bytes(page_file.read_bytes().replace(b"LoRA", b"Lora"))
    cache.index_for(loaded.page, loaded.key)
    assert cache.load_page(str(page_file)) == load_page(str(page_file)) != loaded.page


def test_a_path_is_not_a_key(cache_dir: Path, page_file: Path) -> None:
    page = load_page(str(page_file))
    with pytest.raises(ValueError, match="not a cache key"):
        cache.index_for(page, str(page_file))


def test_standard_input_is_not_keyed(cache_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FIXTURE.read_bytes())))
    loaded = cache.load_keyed("-")
    assert loaded.key is None and loaded.page == load_page(str(FIXTURE))
    cache.index_for(loaded.page, None)
    assert cache.cached_keys() == []


def test_the_search_module_is_imported_only_when_an_index_is_needed() -> None:
    """~20 ms of every cold start: `load_page` on a miss needs no search module."""
    code = (
        "import sys; from tui_reader import cache; "
        "assert 'tui_reader.search' not in sys.modules, 'imported with the cache'"
    )
    subprocess.run([sys.executable, "-c", code], check=True, env={**os.environ,
                   "PYTHONPATH": str(Path(__file__).parents[1] / "src")})


def test_parse_errors_propagate(cache_dir: Path, tmp_path: Path) -> None:
    from tui_reader.parse import PageError

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(PageError):
        cache.load_or_parse(str(empty))
    with pytest.raises(PageError):
        cache.load_index(str(tmp_path / "missing.txt"))
