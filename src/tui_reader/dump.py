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


def _comments_json(comments: Sequence[Comment]) -> list[str]:
    """`comment_to_dict(c)` encoded for each comment, without building the dicts.

    The hot loop of `--dump json` on big pages: formatting each object directly with
    the C string encoder, in one comprehension (no call per comment, no helper call
    per optional field), takes under half the time of a dict plus `json.dumps` per
    comment. Ages repeat, so each distinct one is encoded once; an ASCII-only text
    goes through the ASCII encoder, which writes the same JSON for it a third faster
    (`isascii` is a flag check). A test keeps the output equal to `json.dumps`.
    """
    ages = {age: _encode_str(age) for age in {c.age for c in comments} if age is not None}
    ages[None] = "null"
    return [
        f'{{"id": {_encode_str(c.id)}, "author": {_encode_str(c.author)}, '
        f'"age": {ages[c.age]}, '
        f'"age_seconds": {"null" if c.age_seconds is None else c.age_seconds}, '
        f'"text": {_encode_ascii(c.text) if c.text.isascii() else _encode_str(c.text)}, '
        f'"parent": {"null" if c.parent is None else _encode_str(c.parent)}, '
        f'"reply_to": {"null" if c.reply_to is None else _encode_str(c.reply_to)}, '
        f'"timestamps": [{", ".join(map(str, c.timestamps)) if c.timestamps else ""}], '
        f'"reason": {"null" if c.reason is None else _encode_str(c.reason)}}}'
        for c in comments
    ]


def _unparsed_json(lines: Sequence[UnparsedLine]) -> list[str]:
    return [f'{{"line": {u.line}, "text": {_encode_str(u.text)}}}' for u in lines]


def _write_items(
    out: TextIO, items: Sequence[T], encode: Callable[[Sequence[T]], list[str]]
) -> None:
    """Write `items` encoded one per line, separated by commas, a batch per write."""
    separator = "\n"
    for start in range(0, len(items), _BATCH):
        out.write(separator + ",\n".join(encode(items[start : start + _BATCH])))
        separator = ",\n"
    out.write("\n")


def write_json(page: Page, out: TextIO, comments: Sequence[Comment] | None = None) -> None:
    """Write the schema 1 document to `out`, one comment per line, without building it whole.

    The output equals `json.dumps(page_to_dict(page, comments))` once parsed; only the
    whitespace differs (a comment per line keeps it greppable and diffable).
    """
    chosen = page.comments if comments is None else comments
    head = _encode(_head(page))
    out.write(head[:-1])  # drop the closing brace: the document continues
    out.write(', "comments": [')
    _write_items(out, chosen, _comments_json)
    out.write('], "related": ')
    out.write(_encode([related_to_dict(v) for v in page.related]))
    out.write(', "unparsed": [')
    _write_items(out, page.unparsed, _unparsed_json)
    out.write("]}\n")


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
