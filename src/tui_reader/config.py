"""The user's config.toml: theme, wrap width and key remapping, documented in the file itself.

The file is created on first run from a commented template, so a user who opens it
learns every setting without reading the README. Saving the theme rewrites only the
`theme = ...` line, keeping the user's comments and layout. A broken file never stops
the reader: it yields one-line warnings and the defaults.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from tui_reader.paths import config_dir, write_atomic

CONFIG_NAME = "config.toml"

TEMPLATE = """\
# mechanics-tui configuration, created on first run. Edit freely: lines starting
# with # are comments. If this file cannot be read, the reader says so in one line
# and uses the defaults; delete the file to get this template back.

# Colour theme: the name of a Textual theme, for example "textual-dark",
# "textual-light", "nord", "gruvbox", "dracula", "tokyo-night", "monokai" or
# "solarized-light". Choosing a theme in the app (ctrl+p, "Change theme") saves it here.
# theme = "textual-dark"

# Wrap comment text at this many columns; 0 wraps at the width of the window.
wrap_width = 0

# Key remapping: binding id = "comma,separated,keys", using Textual key names
# ("j", "down", "ctrl+n", "shift+tab", "question_mark"). The help screen (?) lists
# every binding with its id. Keys not listed here keep their defaults. Examples:
[keys]
# "comment-tree.down-alt" = "j"
# "comment-tree.up-alt" = "k"
# "app.sidebar" = "s"
# "app.quit" = "q"
"""

# What `tomllib.loads(TEMPLATE)` gives (keep the two equal): an untouched config,
# the usual case, is read at start-up without importing tomllib.
_TEMPLATE_DATA: dict[str, Any] = {"wrap_width": 0, "keys": {}}

_THEME_LINE = re.compile(r"^\s*theme\s*=")
_COMMENTED_THEME_LINE = re.compile(r"^\s*#\s*theme\s*=")
_TABLE_LINE = re.compile(r"^\s*\[")


class Config(NamedTuple):
    """Settings the app applies at start-up; every field has a working default."""

    theme: str | None = None
    wrap_width: int = 0
    keys: Mapping[str, str] = MappingProxyType({})


def config_path() -> Path:
    return config_dir() / CONFIG_NAME


def _first_line(error: Exception) -> str:
    return (str(error).splitlines() or [type(error).__name__])[0]


def _parse(data: dict[str, Any]) -> tuple[Config, list[str]]:
    """Keep every valid setting; name each invalid one in a warning."""
    warnings: list[str] = []
    theme = data.get("theme")
    if theme is not None and (not isinstance(theme, str) or not theme.strip()):
        warnings.append("config: theme must be a theme name in quotes; using the default")
        theme = None
    wrap_width = data.get("wrap_width", 0)
    if isinstance(wrap_width, bool) or not isinstance(wrap_width, int) or wrap_width < 0:
        warnings.append("config: wrap_width must be a whole number, 0 or more; using 0")
        wrap_width = 0
    keys: dict[str, str] = {}
    table = data.get("keys", {})
    if not isinstance(table, dict):
        warnings.append("config: [keys] must be a table of binding id = \"keys\"; ignored")
        table = {}
    for binding_id, value in table.items():
        if isinstance(value, str) and value.strip():
            keys[binding_id] = ",".join(key.strip() for key in value.split(",") if key.strip())
        else:
            warnings.append(f"config: keys.{binding_id} must be keys in quotes; ignored")
    for unknown in sorted(set(data) - {"theme", "wrap_width", "keys"}):
        warnings.append(f"config: unknown setting {unknown!r} ignored")
    return Config(theme=theme, wrap_width=wrap_width, keys=keys), warnings


def load_config(path: Path | None = None) -> tuple[Config, list[str]]:
    """Read the config (creating the documented template if absent); never raises."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, TEMPLATE)
        except OSError as error:
            return Config(), [f"config {path} was not created: {_first_line(error)}"]
        text = TEMPLATE
    except (OSError, UnicodeDecodeError) as error:
        return Config(), [f"config {path} is unreadable ({_first_line(error)}); using defaults"]
    if text == TEMPLATE:
        return _parse({**_TEMPLATE_DATA, "keys": {}})
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return Config(), [f"config {path} is broken ({_first_line(error)}); using defaults"]
    return _parse(data)


def _with_theme(text: str, line: str) -> str:
    """Put `line` where the theme belongs: over the old setting, below the example, or on top."""
    lines = text.splitlines(keepends=True)
    first_table = next((i for i, old in enumerate(lines) if _TABLE_LINE.match(old)), len(lines))
    for index, old in enumerate(lines[:first_table]):
        if _THEME_LINE.match(old):
            lines[index] = line
            return "".join(lines)
    example = next(
        (i for i, old in enumerate(lines[:first_table]) if _COMMENTED_THEME_LINE.match(old)),
        None,
    )
    at = example + 1 if example is not None else first_table
    if at > 0 and not lines[at - 1].endswith("\n"):
        lines[at - 1] += "\n"
    lines.insert(at, line)
    return "".join(lines)


def save_theme(theme: str, path: Path | None = None) -> list[str]:
    """Persist the chosen theme by rewriting one line; returns warnings instead of raising."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        text = TEMPLATE
    except (OSError, UnicodeDecodeError) as error:
        return [f"theme is not saved: {_first_line(error)}"]
    import json
    import tomllib

    # A JSON string is a valid TOML basic string: quotes and backslashes escaped.
    updated = _with_theme(text, f"theme = {json.dumps(theme, ensure_ascii=False)}\n")
    try:
        if tomllib.loads(updated).get("theme") != theme:
            return [f"theme is not saved: {path} holds another theme setting elsewhere"]
    except tomllib.TOMLDecodeError as error:
        return [f"theme is not saved: {path} is broken ({_first_line(error)})"]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, updated)
    except OSError as error:
        return [f"theme is not saved: {_first_line(error)}"]
    return []
