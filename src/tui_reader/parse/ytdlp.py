"""A yt-dlp `.info.json` written with `--write-comments`, read into the same `Page`.

Here threads are exact, not inferred: every comment names its `parent` ("root" or a
comment id). Replies hang one level deep under their root ancestor, as on the site,
with reason "parent". Ids use the same author+text hash as saved pages, so reading
state carries over between the two sources of one video.

JSON may escape half of a surrogate pair alone (`"\\udc00"`); `json.loads` keeps it,
and such a string cannot be written as UTF-8 or hashed into a page identity. Lone
halves become U+FFFD (with a page warning) in the JSON text, before decoding.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from tui_reader.model import Chapter, Comment, Page
from tui_reader.parse.ids import assign_ids
from tui_reader.parse.locales import parse_age
from tui_reader.parse.timestamps import find_timestamps

_REPLY_TO_RE = re.compile(r"@@?([^\s@]\S*)")
# A backslash starting: an escaped backslash (1), a high+low surrogate pair (2), or a
# lone surrogate half. Scanning from one backslash to the next keeps `\\ud800`
# (a backslash, then the letters "ud800") out of it.
_SURROGATE_ESCAPE = re.compile(
    r"\\(?:(\\)|(u[dD][89abAB][0-9a-fA-F]{2}\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|u[dD][89a-fA-F][0-9a-fA-F]{2})"
)


class YtDlpError(ValueError):
    """The JSON is not a yt-dlp video info file."""


def parse_info_json(text: str, warnings: Sequence[str] = ()) -> Page:
    """The page described by an info.json text (decoded bytes: no raw surrogates)."""
    text, lone = _replace_lone_surrogates(text)
    if lone:
        warnings = (*warnings, f"lone UTF-16 surrogates in the JSON shown as U+FFFD: {lone}")
    try:
        info = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise YtDlpError(f"not valid JSON ({exc})") from None
    if not isinstance(info, dict) or not isinstance(info.get("title"), str):
        raise YtDlpError("JSON without a video title (not a yt-dlp .info.json)")
    return page_from_info(info, warnings)


def _replace_lone_surrogates(text: str) -> tuple[str, int]:
    """`text` with every `\\uD800`-`\\uDFFF` escape that is not half of a pair as `\\ufffd`."""
    if "\\ud" not in text and "\\uD" not in text:
        return text, 0  # the common case: one scan, no copy
    replaced = 0

    def keep_or_replace(match: re.Match[str]) -> str:
        nonlocal replaced
        if match.group(1) or match.group(2):
            return match.group()
        replaced += 1
        return "\\ufffd"

    return _SURROGATE_ESCAPE.sub(keep_or_replace, text), replaced


def _str(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _int(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if math.isfinite(value) else None


def _published(info: Mapping[str, Any]) -> str | None:
    date = _str(info.get("upload_date"))
    if date and len(date) == 8 and date.isdigit():
        return f"{date[:4]}-{date[4:6]}-{date[6:]}"
    return date


def _chapters(info: Mapping[str, Any]) -> tuple[Chapter, ...]:
    raw = info.get("chapters")
    if not isinstance(raw, list):
        return ()
    chapters = []
    for item in raw:
        if isinstance(item, dict) and (start := _int(item.get("start_time"))) is not None:
            chapters.append(Chapter(start, _str(item.get("title")) or ""))
    return tuple(chapters)


def _age(item: Mapping[str, Any], epoch: int | None) -> tuple[str | None, int | None]:
    """The age as the site wrote it, in seconds from the download time when known."""
    written = _str(item.get("_time_text"))
    stamp = _int(item.get("timestamp"))
    if epoch is not None and stamp is not None:
        return written, max(0, epoch - stamp)
    return written, parse_age(written) if written else None


def page_from_info(info: Mapping[str, Any], warnings: Sequence[str] = ()) -> Page:
    """Build the page from the decoded info dict."""
    raw = [c for c in info.get("comments") or () if isinstance(c, dict)]
    epoch = _int(info.get("epoch"))
    by_id = {str(c.get("id")): c for c in raw if c.get("id") is not None}
    roots: list[dict[str, Any]] = []
    replies: dict[str, list[dict[str, Any]]] = {}
    orphans = 0
    for item in raw:
        root = _root_of(item, by_id)
        if root is None or root == str(item.get("id")):
            roots.append(item)
            orphans += _str(item.get("parent")) not in (None, "root")
        else:
            replies.setdefault(root, []).append(item)
    ordered: list[tuple[dict[str, Any], str | None]] = []
    for item in roots:
        ordered.append((item, None))
        root_id = str(item.get("id"))
        ordered.extend((reply, root_id) for reply in replies.pop(root_id, ()))
    authors = [(_str(c.get("author")) or "").lstrip("@") for c, _ in ordered]
    texts = [_str(c.get("text")) or "" for c, _ in ordered]
    ids = assign_ids(zip(authors, texts, strict=True))
    new_id = {str(c.get("id")): cid for (c, _), cid in zip(ordered, ids, strict=True)}
    comments = []
    for (item, root), cid, author, text in zip(ordered, ids, authors, texts, strict=True):
        age, seconds = _age(item, epoch)
        reply_to = _REPLY_TO_RE.match(text) if root is not None else None
        comments.append(
            Comment(
                id=cid,
                author=author,
                age=age,
                age_seconds=seconds,
                text=text,
                parent=new_id[root] if root is not None else None,
                reply_to=reply_to[1] if reply_to else None,
                timestamps=find_timestamps(text),
                reason="parent" if root is not None else None,
                is_channel=bool(item.get("author_is_uploader")),
                pinned=bool(item.get("is_pinned")),
            )
        )
    notes = list(warnings)
    if orphans:
        notes.append(f"replies whose parent is not in the file, shown top-level: {orphans}")
    view_count = _int(info.get("view_count"))
    count = _int(info.get("comment_count"))
    return Page(
        title=info["title"],
        channel=_str(info.get("channel")) or _str(info.get("uploader")),
        views=view_count,
        views_text=str(view_count) if view_count is not None else None,
        published=_published(info),
        description=_str(info.get("description")) or "",
        chapters=_chapters(info),
        comment_count_declared=count,
        comments=tuple(comments),
        warnings=tuple(notes),
    )


def _root_of(item: Mapping[str, Any], by_id: Mapping[str, Mapping[str, Any]]) -> str | None:
    """Id of the root ancestor of a reply, None for a root or a reply whose parent is missing."""
    parent = _str(item.get("parent"))
    if parent in (None, "root") or parent not in by_id:
        return None
    seen = {str(item.get("id"))}
    while True:
        grand = _str(by_id[parent].get("parent"))
        if grand in (None, "root") or grand not in by_id or parent in seen:
            return parent
        seen.add(parent)
        parent = grand
