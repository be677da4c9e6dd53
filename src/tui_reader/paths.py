"""Where mechanics-tui keeps its files, and how it writes them without tearing.

All on-disk locations come from here so tests (and users with odd setups) can move
them with one environment variable each instead of patching platformdirs.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

import platformdirs

APP_NAME = "mechanics-tui"

STATE_DIR_ENV = "MECHANICS_TUI_STATE_DIR"
CONFIG_DIR_ENV = "MECHANICS_TUI_CONFIG_DIR"
CACHE_DIR_ENV = "MECHANICS_TUI_CACHE_DIR"


def _from_env(variable: str) -> Path | None:
    value = os.environ.get(variable, "").strip()
    return Path(value).expanduser() if value else None


def state_dir() -> Path:
    """Per-page reading state (positions, bookmarks, corrections)."""
    return _from_env(STATE_DIR_ENV) or Path(platformdirs.user_state_dir(APP_NAME))


def config_dir() -> Path:
    """The user's config.toml."""
    return _from_env(CONFIG_DIR_ENV) or Path(platformdirs.user_config_dir(APP_NAME))


def cache_dir() -> Path:
    """Parsed pages and search indexes: safe to delete at any time."""
    return _from_env(CACHE_DIR_ENV) or Path(platformdirs.user_cache_dir(APP_NAME))


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; some platforms cannot open a directory, which is fine."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


PRIVATE = 0o600
"""State, config and cache: the reader's own files, for the user alone."""
SHARED = 0o666
"""Exports: documents the user asked for, readable as any new file is (the umask applies)."""


def _write_temp(path: Path, text: str, mode: int = PRIVATE) -> Path:
    """Write `text` to a synced temporary file beside `path` (same filesystem: atomic rename),
    created with `mode` less the umask, under a name no other file has (O_EXCL)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        temp_name = str(path.parent / f".{path.name}.{os.urandom(6).hex()}.tmp")
        try:
            fd = os.open(temp_name, flags, mode)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp_name)
        raise
    return Path(temp_name)


def write_atomic(path: Path, text: str) -> None:
    """Replace `path` with `text` so a reader sees the old file or the new one, never half of one.

    Raises OSError when the directory cannot be written; callers turn that into a warning.
    """
    temp = _write_temp(path, text)
    try:
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    _fsync_dir(path.parent)


def create_atomic(path: Path, text: str, mode: int = SHARED) -> None:
    """Like `write_atomic`, but fail with FileExistsError rather than replace an existing
    file; made with `mode` less the umask (exports: readable as the user's other files).

    A hard link publishes the finished file under its name only if the name is free;
    on filesystems without hard links we fall back to an existence check and a rename.
    """
    temp = _write_temp(path, text, mode)
    try:
        try:
            os.link(temp, path)
        except FileExistsError:
            raise
        except OSError:
            if path.exists():
                raise FileExistsError(str(path)) from None
            os.replace(temp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temp)
    _fsync_dir(path.parent)
