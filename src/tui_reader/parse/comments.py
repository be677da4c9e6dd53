"""Comments: where each starts and which lines are its text.

A comment starts with a head pair: a line that is only `@handle`, then a line
`@handle <age>` with the same handle. Everything until the next head pair is the
comment's text, whatever it looks like (empty lines, `@@handle` openings, `13:38`,
a lone `@someone`): a lone `@x` line starts a comment only when the next line is
`@x <age>`. The age must read as an age of a known language ("5 ай бұрын"); failing
that, a short phrase (four words at most) with a digit is accepted, and on a page of
unknown language any short phrase is, so structure survives unknown interfaces.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tui_reader.model import Comment
from tui_reader.parse.ids import assign_ids
from tui_reader.parse.locales import parse_age, pinned_handle
from tui_reader.parse.timestamps import find_timestamps

_HANDLE_RE = re.compile(r"@[^\s@]\S{0,99}")
_DIGIT_RE = re.compile(r"\d")


def head_age(line: str, following: str, lenient: bool) -> str | None:
    """The age text if `line` + `following` is a comment head pair, else None."""
    handle = line.rstrip()
    if _HANDLE_RE.fullmatch(handle) is None:
        return None
    size = len(handle)
    if not following.startswith(handle) or following[size : size + 1] != " ":
        return None
    age = following[size + 1 :].strip()
    if not age:
        return None
    if parse_age(age) is not None:
        return age
    if len(age.split(None, 4)) <= 4 and (lenient or _DIGIT_RE.search(age)):
        return age
    return None


def find_heads(lines: Sequence[str], start: int, lenient: bool) -> list[tuple[int, str]]:
    """(index of the `@handle` line, age text) of every head pair from `start` on.

    One pass; most lines are rejected by their first character.
    """
    heads: list[tuple[int, str]] = []
    last = len(lines) - 1
    index = start
    while index < last:
        line = lines[index]
        if line[:1] == "@":
            age = head_age(line, lines[index + 1], lenient)
            if age is not None:
                heads.append((index, age))
                index += 2
                continue
        index += 1
    return heads


def trim_blank(lines: Sequence[str], start: int, end: int) -> tuple[int, int]:
    """Shrink lines[start:end] to drop blank lines at both ends."""
    while start < end and not lines[start].strip():
        start += 1
    while end > start and not lines[end - 1].strip():
        end -= 1
    return start, end


def pinned_marker(lines: Sequence[str], start: int, head: int) -> int | None:
    """Index of a "Pinned by @x" line just before the head at `head` (not before `start`)."""
    index = head - 1
    while index >= start and not lines[index].strip():
        index -= 1
    if index >= start and pinned_handle(lines[index]) is not None:
        return index
    return None


def build_comments(
    lines: Sequence[str],
    heads: Sequence[tuple[int, str]],
    ends: Sequence[int],
    pinned: Sequence[bool],
) -> list[Comment]:
    """Comments for `heads`; the text of head k is lines[head+2 : ends[k]] minus blank edges."""
    texts: list[tuple[str, str, int]] = []
    for (head, _age), end in zip(heads, ends, strict=True):
        start, stop = trim_blank(lines, head + 2, end)
        author = lines[head].rstrip()[1:]
        # join of a single line returns that very string: no copy for one-line comments
        texts.append((author, "\n".join(lines[start:stop]), stop if stop > start else head + 2))
    ids = assign_ids((author, text) for author, text, _ in texts)
    comments: list[Comment] = []
    for (head, age), (author, text, last), cid, is_pinned in zip(
        heads, texts, ids, pinned, strict=True
    ):
        comments.append(
            Comment(
                id=cid,
                author=author,
                age=age,
                age_seconds=parse_age(age),
                text=text,
                timestamps=find_timestamps(text),
                line=head + 1,
                end_line=last,
                pinned=is_pinned,
            )
        )
    return comments
