"""Cutting a page's text at its comment heads, without first cutting it into lines.

A 100,000-comment page has some 300,000 lines. Making a string of each and then looking
for head pairs among them (`comments.find_heads`) took a third of such a page's parse.
One regex split at every head pair (`_HEAD_PAIR_RE`) does both in C: what lies between two
heads comes out as one string (most comments' text as it is), and line numbers come
from counting newlines. `SplitLines` serves the lines that the rest of the parser still
reads (the blocks above the comments, the related list below) from those pieces.

A plain UTF-8 file is cut before it is decoded (`cut_utf8`): the same split on its bytes
costs a third less, and decoding the pieces costs what decoding the whole text did,
without ever holding the page as one string (two bytes a character once one Kazakh
letter is in it).

This is only a faster way to the line-by-line rule's result. `CutPage.heads` says None
unless every match is a head pair that rule accepts (ages readable, none among the meta
lines, ...); the parser then goes line by line. Tests parse every fixture and generated
pages both ways and compare the pages.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate, repeat
from typing import overload

from tui_reader.parse.comments import Heads, comment_texts, head_ages, is_blank, pinned_marker
from tui_reader.parse.decode import BLANK_START_RE, BOMS, JSON_START_RE, normalise_newlines
from tui_reader.parse.locales import pinned_handle

# "\n", the head line (handle, then maybe spaces), "\n", the same handle, one space,
# maybe more spaces, the age to the end of its line: the line rule of `find_heads`.
# The leading "\n" lets the regex engine jump from one "\n@" to the next. The handle's
# "@" stays out of the group, so the group is the comment's author as it is.
_HEAD_PAIR_RE = re.compile(r"\n@([^\s@]\S{0,99})([^\S\n]*)\n@\1 ([^\S\n]*)(\S[^\n]*)")
_GROUPS = 4  # handle (without "@"), the head line's trailing spaces, spaces before the age, the age

# The same pattern on UTF-8 bytes, where `\s` and `\S` know ASCII only. The handle may
# take 399 bytes (99 characters of up to 4 bytes); the head line's trailing spaces may
# also be \x1c-\x1f or any two- or three-byte character that begins as the Unicode
# spaces do (U+0085, U+00A0, U+1680, U+2000-U+3000), so a head line ending in a
# non-breaking space is still found. What these looser classes let through that the
# text pattern would not is caught after decoding (`_as_text_pattern_cuts`).
_HEAD_PAIR_BYTES_RE = re.compile(
    rb"\n@([^\s@]\S{0,399})((?:[^\S\n]|[\x1c-\x1f]|[\xc2\xe1-\xe3][\x80-\xbf]{1,2})*)"
    rb"\n@\1 ([^\S\n]*)(\S[^\n]*)"
)
_MAX_HANDLE = 100  # one character, up to 99 more: `_HEAD_PAIR_RE`'s handle
_SPACE_RE = re.compile(r"\s")
_PLAIN_PREFIX = 1024  # bytes decoded to tell a JSON file from a page


class CutPage:
    """The text split at every head-pair match: `chunks[0]` is everything above the
    first head, `chunks[k + 1]` what follows head k's age line (empty, or "\\n" and the
    lines up to the next head); `at[k]` is the line index of head k."""

    __slots__ = ("ages", "at", "chunks", "counts", "handles", "pads", "total", "trails")

    def __init__(self, parts: list[str]) -> None:
        stride = _GROUPS + 1
        self.chunks = parts[0::stride]
        self.handles = parts[1::stride]
        self.trails = parts[2::stride]
        self.pads = parts[3::stride]
        self.ages = parts[4::stride]
        # Newlines in each chunk: chunk 0 holds lines 0..counts[0]; a later chunk one
        # line per newline. Each head adds its two lines.
        self.counts = list(map(str.count, self.chunks, repeat("\n")))
        first = self.counts[0] + 1
        self.at = list(accumulate(map((2).__add__, self.counts[1:-1]), initial=first))
        self.total = self.at[-1] + 2 + self.counts[-1]

    def head_line(self, k: int) -> str:
        """Line `at[k]`: "@", the handle, and any spaces after it."""
        return f"@{self.handles[k]}{self.trails[k]}"

    def age_line(self, k: int) -> str:
        """Line `at[k] + 1`: "@", the handle, a space, the age as written."""
        return f"@{self.handles[k]} {self.pads[k]}{self.ages[k]}"

    def text(self) -> str:
        """The text that was cut, rebuilt (for a page that must be read line by line)."""
        heads = range(len(self.at))
        return self.chunks[0] + "".join(
            f"\n{self.head_line(k)}\n{self.age_line(k)}{self.chunks[k + 1]}" for k in heads
        )

    def heads(self, start: int, lenient: bool) -> Heads | None:
        """`find_heads(lines, start, lenient)`, or None when this cut does not give it
        (a match the line rule would reject; the caller then goes line by line)."""
        if self.at[0] < start:
            return None  # a pair among the title and meta lines
        if any(self.trails) and not all(
            # the line rule: the head line (trailing spaces too) begins its age line
            self.age_line(k).startswith(self.head_line(k))
            for k in range(len(self.at))
        ):
            return None
        stripped = {age: age.rstrip() for age in set(self.ages)}
        distinct = set(stripped.values())
        if len(head_ages(distinct, lenient)) < len(distinct):
            return None  # the line rule would drop some of these heads
        return Heads(self.at, self.handles, list(map(stripped.__getitem__, self.ages)))

    def comments(
        self, lines: Sequence[str], start: int, end: int
    ) -> tuple[list[int | None], list[str], list[int]]:
        """For these heads, in one pass over the chunks: the pin line before each head
        (`comments.pinned_markers`; the first searched from `start`) and each comment's
        text and last line (`comments.comment_texts`; the last text ends at `end`).

        A pin line before head k > 0 is the last non-blank line of chunk k, and only a
        line with "@" can be one. Comment k's text is chunk k + 1 up to the next head
        (or its pin line), blank lines trimmed.
        """
        at = self.at
        markers: list[int | None] = [pinned_marker(lines, start, at[0])]
        texts: list[str] = []
        end_lines: list[int] = []
        last = len(at) - 1
        for k, (head, chunk, count) in enumerate(
            zip(at, self.chunks[1:], self.counts[1:], strict=True)
        ):
            if k < last:
                marker = self._marker_in(k, chunk) if "@" in chunk else None
                markers.append(marker)
                if marker is None and count == 1 and not is_blank(chunk):
                    texts.append(chunk[1:])  # one line, the common case
                    end_lines.append(head + 3)
                    continue
                # Otherwise `comment_texts` on the chunk split, where line i is piece
                # i - offset; the last comment's on `lines`.
                body, offset = chunk.split("\n"), head + 1
                stop = marker if marker is not None else head + 2 + count
            else:
                body, offset, stop = lines, 0, end
            [text], [end_line] = comment_texts(body, [head - offset], [stop - offset])
            texts.append(text)
            end_lines.append(end_line + offset)
        return markers, texts, end_lines

    def _marker_in(self, k: int, chunk: str) -> int | None:
        """Index of a pin line ending `chunk` (the text after head k), else None.

        Piece i of the chunk split at newlines is line `at[k] + 1 + i` (piece 0 is the
        empty rest of the age line). Most chunks end in text: then only their last line
        is cut out; one that may end in blank lines is split and walked back over them.
        """
        if chunk[-1].isspace():
            pieces = chunk.split("\n")
            found = pinned_marker(pieces, 1, len(pieces))
            return None if found is None else self.at[k] + 1 + found
        begin = chunk.rfind("\n") + 1
        line = chunk[begin:]
        if "@" in line and pinned_handle(line) is not None:
            return self.at[k] + 1 + chunk.count("\n", 0, begin)
        return None


def cut_at_heads(text: str) -> CutPage | None:
    """The text split at its head pairs, or None when it has none."""
    parts = _HEAD_PAIR_RE.split(text)
    return CutPage(parts) if len(parts) > 1 else None


def cut_utf8(data: bytes) -> CutPage | None:
    """`cut_at_heads(normalise_newlines(data.decode()))` for a plain UTF-8 page (no BOM
    or NUL, valid throughout, not JSON), cut as bytes and decoded piece by piece; None
    for any other input, which the caller decodes whole (replacing bad bytes, with a
    warning).

    A piece never ends inside a character (the cuts fall at ASCII "\n" and "@"), so the
    pieces decode exactly when the whole does. The matches are then checked against
    the text pattern's classes (`_as_text_pattern_cuts`); where they differ, None.
    """
    if data.startswith(tuple(bom for bom, _codec in BOMS)):
        return None
    prefix = data[:_PLAIN_PREFIX].decode("utf-8", "ignore")
    if BLANK_START_RE.fullmatch(prefix) or JSON_START_RE.match(prefix) or b"\0" in data:
        return None
    parts = _HEAD_PAIR_BYTES_RE.split(normalise_newlines(data))
    if len(parts) == 1:
        return None
    stride = _GROUPS + 1
    texts: list[str] = list(repeat("", len(parts)))
    try:
        texts[0::stride] = map(bytes.decode, parts[0::stride])
        texts[1::stride] = map(bytes.decode, parts[1::stride])
        # trailing spaces, spaces before the age and ages: a few distinct values each
        decoded = _Decoded()
        for group in range(2, stride):
            texts[group::stride] = map(decoded.__getitem__, parts[group::stride])
    except UnicodeDecodeError:
        return None
    del parts
    cut = CutPage(texts)
    return cut if _as_text_pattern_cuts(cut) else None


class _Decoded(dict[bytes, str]):
    """bytes -> their UTF-8 text, each distinct value decoded once."""

    def __missing__(self, key: bytes) -> str:
        text = self[key] = key.decode()
        return text


def _as_text_pattern_cuts(cut: CutPage) -> bool:
    """Whether `_HEAD_PAIR_RE` on the decoded text makes these same cuts.

    The bytes pattern matches wherever the text pattern does, with the same groups
    (its looser classes only add candidates); a match of its own shows as a handle
    with a Unicode space or over `_MAX_HANDLE` characters, trailing "spaces" that are
    other characters, or an age that starts with a space the text pattern would have
    counted before it.
    """
    if max(map(len, cut.handles)) > _MAX_HANDLE or _has_space("".join(cut.handles)):
        return False
    if not all(map(str.isspace, filter(None, set(cut.trails)))):
        return False
    return not any(age[:1].isspace() for age in set(cut.ages))


def _has_space(text: str) -> bool:
    """Whether `text` holds a character `\\s` matches. The bytes pattern's handles hold
    no ASCII whitespace but \\x1c-\\x1f, so all-ASCII handles (the usual case) need
    four scans in C, not a regex over a megabyte."""
    if text.isascii():
        return "\x1c" in text or "\x1d" in text or "\x1e" in text or "\x1f" in text
    return _SPACE_RE.search(text) is not None


class SplitLines(Sequence[str]):
    """`text.split("\\n")` served from a `CutPage` as asked for, one chunk at a time.

    The parser reads only a few lines around the comments (the meta lines and
    description above, the related list below, each head's neighbours for pin lines);
    splitting the text between every two heads would cost what `CutPage` saves.
    """

    def __init__(self, cut: CutPage) -> None:
        self._cut = cut
        self._above = cut.chunks[0].split("\n")
        self._split: dict[int, list[str]] = {}

    def __len__(self) -> int:
        return self._cut.total

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> list[str]: ...
    def __getitem__(self, index: int | slice) -> str | list[str]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self)
        if not 0 <= index < len(self):
            raise IndexError("line index out of range")
        if index < len(self._above):
            return self._above[index]
        cut = self._cut
        k = bisect_right(cut.at, index) - 1
        offset = index - cut.at[k]
        if offset == 0:
            return cut.head_line(k)
        if offset == 1:
            return cut.age_line(k)
        after = self._split.get(k)
        if after is None:
            after = self._split[k] = cut.chunks[k + 1].split("\n")
        return after[offset - 1]  # the chunk starts with "\n": piece 0 is empty

