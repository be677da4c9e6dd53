"""`--dump`: the page model as JSON (schema version 1) or as an indented thread tree.

The JSON writer streams a batch of comments at a time, so a 100,000-comment page never
becomes one giant string in memory; `page_to_dict` builds the same document in memory for
callers that want to filter or embed it (export). The text writer is for pipes and
humans: every page string goes through `sanitize.visible`, so nothing from the page
can drive the terminal that the output ends up on.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from json.encoder import encode_basestring, encode_basestring_ascii
from typing import Any, TextIO, TypeVar

from tui_reader.model import Chapter, Comment, Page, RelatedVideo, UnparsedLine
from tui_reader.sanitize import visible
from tui_reader.timefmt import clock
from tui_reader.wording import views_wording

SCHEMA_VERSION = 1
T = TypeVar("T")

# Comments are encoded in batches: one write per batch keeps the syscall and
# TextIOWrapper overhead low while memory stays bounded by the batch size.
_BATCH = 512

_encode = json.JSONEncoder(ensure_ascii=False).encode
_encode_str = encode_basestring  # the C implementation where available
_encode_ascii = encode_basestring_ascii  # the same JSON for ASCII text, faster


def chapter_to_dict(chapter: Chapter) -> dict[str, Any]:
    """One chapter as schema 1 writes it."""
    return {"start": chapter.start, "title": chapter.title}


def comment_to_dict(comment: Comment) -> dict[str, Any]:
    """One comment as schema 1 writes it (timestamps as a list of seconds)."""
    return {
        "id": comment.id,
        "author": comment.author,
        "age": comment.age,
        "age_seconds": comment.age_seconds,
        "text": comment.text,
        "parent": comment.parent,
        "reply_to": comment.reply_to,
        "timestamps": list(comment.timestamps),
        "reason": comment.reason,
    }


def related_to_dict(video: RelatedVideo) -> dict[str, Any]:
    """One related video as schema 1 writes it."""
    return {
        "title": video.title,
        "duration": video.duration,
        "channel": video.channel,
        "views": video.views,
    }


def _head(page: Page) -> dict[str, Any]:
    """The fields that come before the comments, in schema order."""
    return {
        "schema": SCHEMA_VERSION,
        "title": page.title,
        "channel": page.channel,
        "views": page.views,
        "published": page.published,
        "description": page.description,
        "chapters": [chapter_to_dict(c) for c in page.chapters],
        "comment_count_declared": page.comment_count_declared,
    }


def page_to_dict(page: Page, comments: Sequence[Comment] | None = None) -> dict[str, Any]:
    """The whole schema 1 document; `comments` replaces the page's (e.g. a filtered view)."""
    chosen = page.comments if comments is None else comments
    return {
        **_head(page),
        "comments": [comment_to_dict(c) for c in chosen],
        "related": [related_to_dict(v) for v in page.related],
        "unparsed": [{"line": u.line, "text": u.text} for u in page.unparsed],
    }


def _comments_json(comments: Sequence[Comment]) -> bytes:
    """`comment_to_dict(c)` of each comment as UTF-8 JSON, each after ",\\n".

    The hot loop of `--dump json` on big pages: formatting each object directly with
    the C string encoder, in one loop (no call per optional field), takes under half
    the time of a dict plus `json.dumps` per comment. The output is bytes, not str:
    one comment's non-ASCII age ("2 күн бұрын") would make the whole formatted string
    two bytes per character, and joining and encoding those is a fifth of the writer.
    So the age goes in as bytes encoded once per distinct age, the rest of an ASCII
    comment stays one byte per character, and an ASCII-only text goes through the
    ASCII encoder, which writes the same JSON for it a third faster. A test keeps
    the output equal to `json.dumps`.
    """
    ages = {age: _utf8(_encode_str(age)) for age in {c.age for c in comments} if age is not None}
    ages[None] = b"null"
    pieces: list[bytes] = []
    add = pieces.append
    for c in comments:
        text = c.text
        add(_utf8(f',\n{{"id": {_encode_str(c.id)}, "author": {_encode_str(c.author)}, "age": '))
        add(ages[c.age])
        add(
            _utf8(
                f', "age_seconds": {"null" if c.age_seconds is None else c.age_seconds}, '
                f'"text": {_encode_ascii(text) if text.isascii() else _encode_str(text)}, '
                f'"parent": {"null" if c.parent is None else _encode_str(c.parent)}, '
                f'"reply_to": {"null" if c.reply_to is None else _encode_str(c.reply_to)}, '
                f'"timestamps": [{", ".join(map(str, c.timestamps)) if c.timestamps else ""}], '
                f'"reason": {"null" if c.reason is None else _encode_str(c.reason)}}}'
            )
        )
    return b"".join(pieces)


def _unparsed_json(lines: Sequence[UnparsedLine]) -> bytes:
    return _utf8("".join(f',\n{{"line": {u.line}, "text": {_encode_str(u.text)}}}' for u in lines))


def _utf8(text: str) -> bytes:
    # surrogatepass: a lone surrogate (none comes from the parser) still round-trips
    return text.encode("utf-8", "surrogatepass")


def _write_items(
    write: Callable[[bytes], object], items: Sequence[T], encode: Callable[[Sequence[T]], bytes]
) -> None:
    """Write `items` encoded one per line, separated by commas, a batch per write."""
    for start in range(0, len(items), _BATCH):
        chunk = encode(items[start : start + _BATCH])
        write(memoryview(chunk)[1:] if start == 0 else chunk)  # no comma before the first
    write(b"\n")


def utf8_sink(out: TextIO) -> Callable[[bytes], object]:
    """Where UTF-8 JSON goes: straight to the stream's binary buffer when it has one
    (JSON is UTF-8, RFC 8259, whatever the terminal's encoding), else decoded to `out`.
    Every JSON output (`--dump json`, `--search --json`) writes through it."""
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        return lambda chunk: out.write(bytes(chunk).decode("utf-8", "surrogatepass"))
    out.flush()  # what was written as text comes first
    return buffer.write  # type: ignore[no-any-return]


def write_json_value(value: object, out: TextIO, *, indent: int | None = None) -> None:
    """`value` as one JSON document and a newline, through `utf8_sink` (for the small
    documents of `--search --json` and `--stats --json`; pages go by `write_json`)."""
    document = json.dumps(value, ensure_ascii=False, indent=indent)
    utf8_sink(out)(_utf8(document + "\n"))


def write_json(page: Page, out: TextIO, comments: Sequence[Comment] | None = None) -> None:
    """Write the schema 1 document to `out`, one comment per line, without building it whole.

    The output equals `json.dumps(page_to_dict(page, comments))` once parsed; only the
    whitespace differs (a comment per line keeps it greppable and diffable).
    """
    chosen = page.comments if comments is None else comments
    write = utf8_sink(out)
    head = _encode(_head(page))
    write(_utf8(head[:-1]))  # drop the closing brace: the document continues
    write(b', "comments": [')
    _write_items(write, chosen, _comments_json)
    write(b'], "related": ')
    write(_utf8(_encode([related_to_dict(v) for v in page.related])))
    write(b', "unparsed": [')
    _write_items(write, page.unparsed, _unparsed_json)
    write(b"]}\n")


# ---------------------------------------------------------------------------
# Text tree

_INDENT = "    "


def _header_lines(page: Page) -> list[str]:
    lines = [visible(page.title)]
    facts = []
    if page.channel:
        facts.append(visible(page.channel))
    if views := views_wording(page.views, page.views_text):
        facts.append(views)
    if page.published:
        facts.append(visible(page.published))
    if facts:
        lines.append(" · ".join(facts))
    if page.chapters:
        lines += ["", "Chapters"]
        width = max(len(clock(c.start)) for c in page.chapters)
        lines += [f"  {clock(c.start):>{width}}  {visible(c.title)}" for c in page.chapters]
    shown = len(page.comments)
    declared = page.comment_count_declared
    count = f"{shown} shown of {declared}" if declared is not None else f"{shown}"
    lines += ["", f"Comments: {count}"]
    return lines


def _thread_order(comments: Sequence[Comment]) -> Iterator[tuple[Comment, int]]:
    """Comments with their depth in the tree: each starter followed by its replies.

    A comment whose parent is not on the page is shown as a thread starter rather
    than dropped.
    """
    ids = {c.id for c in comments}
    children: dict[str, list[Comment]] = {}
    roots: list[Comment] = []
    for comment in comments:
        if comment.parent is not None and comment.parent in ids and comment.parent != comment.id:
            children.setdefault(comment.parent, []).append(comment)
        else:
            roots.append(comment)
    seen: set[str] = set()
    for root in roots:
        stack = [(root, 0)]
        while stack:
            comment, depth = stack.pop()
            if comment.id in seen:  # a parent cycle must not loop forever
                continue
            seen.add(comment.id)
            yield comment, depth
            stack.extend((child, depth + 1) for child in reversed(children.get(comment.id, [])))


def _comment_lines(comment: Comment, depth: int) -> list[str]:
    pad = _INDENT * depth
    head = f"@{visible(comment.author)}"
    if comment.age:
        head += f" · {visible(comment.age)}"
    head += f"  #{visible(comment.id)}"
    if depth > 0:
        notes = []
        if comment.reply_to:
            notes.append(f"answers @{visible(comment.reply_to)}")
        if comment.reason:
            notes.append(f"reason: {visible(comment.reason)}")
        marker = "↳ " + (f"[{'; '.join(notes)}] " if notes else "")
        head = marker + head
    body = [f"{pad}  {visible(line)}".rstrip() for line in comment.text.split("\n")]
    return ["", pad + head, *body]


def _related_lines(page: Page) -> list[str]:
    if not page.related:
        return []
    lines = ["", "Related videos"]
    for video in page.related:
        facts = [visible(video.title)]
        if video.duration is not None:
            facts.append(clock(video.duration))
        if video.channel:
            facts.append(visible(video.channel))
        if views := views_wording(video.views, video.views_text):
            facts.append(views)
        lines.append("  " + " · ".join(facts))
    return lines


def write_text(page: Page, out: TextIO) -> None:
    """Write the page as an indented thread tree, safe for any terminal."""
    out.write("\n".join(_header_lines(page)) + "\n")
    batch: list[str] = []
    for comment, depth in _thread_order(page.comments):
        batch += _comment_lines(comment, depth)
        if len(batch) >= _BATCH:
            out.write("\n".join(batch) + "\n")
            batch = []
    batch += _related_lines(page)
    if batch:
        out.write("\n".join(batch) + "\n")
