"""Make untrusted page text safe to show: nothing from a page may drive the terminal.

A saved page can hold anything: ANSI/OSC escape sequences, C0/C1 control bytes,
bidi overrides and marks that reorder what the reader sees, line separators, or lone
surrogates that no terminal encoding can carry. Rather than dropping them (which
hides that the page was odd), each is replaced by a visible placeholder, so the
text stays honest and inert. Markup safety is separate: callers build `rich.text.Text`
objects and never pass page text through a markup parser.
"""

from __future__ import annotations

import functools
import re

# Bidi embedding, override and isolate controls, and the Arabic, left and right marks.
_BIDI_NAMES = {
    0x202A: "LRE",
    0x202B: "RLE",
    0x202C: "PDF",
    0x202D: "LRO",
    0x202E: "RLO",
    0x2066: "LRI",
    0x2067: "RLI",
    0x2068: "FSI",
    0x2069: "PDI",
    0x061C: "ALM",
    0x200E: "LRM",
    0x200F: "RLM",
}
# Invisible characters that break lines or hide at a line start where a terminal does not
# expect it: the Unicode line and paragraph separators and the byte order mark.
_FORMAT_NAMES = {0x2028: "LS", 0x2029: "PS", 0xFEFF: "BOM"}
# A lone surrogate half cannot be encoded for the terminal at all (UnicodeEncodeError).
_SURROGATES = range(0xD800, 0xE000)
_SURROGATE_RE = re.compile(r"[\ud800-\udfff]")


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):
        # Control Pictures block: U+2400 + code shows e.g. ESC as "␛".
        table[code] = chr(0x2400 + code)
    table[0x09] = " "  # a tab is harmless but its width is the terminal's guess
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):
        table[code] = f"\u27e8U+{code:04X}\u27e9"
    for code, name in (_BIDI_NAMES | _FORMAT_NAMES).items():
        table[code] = f"\u27e8{name}\u27e9"
    return table


_INLINE_TABLE = _build_table()
_MULTILINE_TABLE = {code: shown for code, shown in _INLINE_TABLE.items() if code != 0x0A}


@functools.cache
def _with_surrogates(keep_newlines: bool) -> dict[int, str]:
    """A table that also labels lone surrogates, built the first time a text has one:
    their 2,048 placeholders cost more start-up than the rest of the module, and
    only a broken page holds any (a `__missing__` table would slow every translate)."""
    table = dict(_MULTILINE_TABLE if keep_newlines else _INLINE_TABLE)
    for code in _SURROGATES:
        table[code] = f"\u27e8U+{code:04X}\u27e9"
    return table


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """Return `text` with every control, escape and bidi override made visible and inert."""
    if text.isprintable():
        # Exact shortcut: everything the tables replace is non-printable; most text is plain.
        return text
    if _SURROGATE_RE.search(text) is not None:
        return text.translate(_with_surrogates(keep_newlines))
    return text.translate(_MULTILINE_TABLE if keep_newlines else _INLINE_TABLE)
