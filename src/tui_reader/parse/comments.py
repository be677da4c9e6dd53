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
from itertools import compress, count, islice

from tui_reader.model import Comment
from tui_reader.parse.ids import IdMaker
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
    return age if age and _acceptable_age(age, lenient) else None


def _acceptable_age(age: str, lenient: bool) -> bool:
    if parse_age(age) is not None:
        return True
    return len(age.split(None, 4)) <= 4 and (lenient or _DIGIT_RE.search(age) is not None)


def find_heads(lines: Sequence[str], start: int, lenient: bool) -> list[tuple[int, str]]:
    """(index of the `@handle` line, age text) of every head pair from `start` on.

    One pass, mostly in C: `map`/`compress` keep only lines that prefix the next line
    (a head, or a blank line), and each distinct age is judged once. So a
    100,000-comment page costs little more than iterating its lines.
    """
    heads: list[tuple[int, str]] = []
    judged: dict[str, bool] = {}
    body = lines[start:] if start else lines
    for offset in compress(count(), map(str.startswith, islice(body, 1, None), body)):
        index = start + offset
        line = lines[index]
        if line[:1] != "@":
            continue
        if line[-1:].isspace():  # "@x " still prefixes "@x 2 days ago"
            line = line.rstrip()
        following = lines[index + 1]
        size = len(line)
        if following[size : size + 1] != " " or _HANDLE_RE.fullmatch(line) is None:
            continue
        age = following[size + 1 :].strip()
        ok = judged.get(age)
        if ok is None:
            ok = judged[age] = bool(age) and _acceptable_age(age, lenient)
        if ok:
            heads.append((index, age))
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
    if index >= start and "@" in lines[index] and pinned_handle(lines[index]) is not None:
        return index
    return None


def build_comments(
    lines: Sequence[str],
    heads: Sequence[tuple[int, str]],
    ends: Sequence[int],
    pinned: Sequence[bool],
) -> list[Comment]:
    """Comments for `heads`; the text of head k is lines[head+2 : ends[k]] minus blank edges.

    The hot loop of a big page, kept flat: a one-line text is the line itself (no
    copy), each distinct age is parsed once, ids are made inline (see `ids`).
    """
    seconds_of: dict[str, int | None] = {}
    make_id = IdMaker()
    comments: list[Comment] = []
    append = comments.append
    for (head, age), end, is_pinned in zip(heads, ends, pinned, strict=True):
        start = head + 2
        if end == start + 1 and lines[start].strip():
            text, last = lines[start], start + 1
        else:
            start, stop = trim_blank(lines, start, end)
            text, last = "\n".join(lines[start:stop]), stop if stop > start else head + 2
        author = lines[head].rstrip()[1:]
        seconds = seconds_of.get(age, -1)
        if seconds == -1:
            seconds = seconds_of[age] = parse_age(age)
        append(
            Comment(
                id=make_id(author, text),
                author=author,
                age=age,
                age_seconds=seconds,
                text=text,
                timestamps=find_timestamps(text) if ":" in text else (),
                line=head + 1,
                end_line=last,
                pinned=is_pinned,
            )
        )
    return comments
