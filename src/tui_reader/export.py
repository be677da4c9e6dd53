"""Export what the reader is looking at (a thread, a filtered view, the whole page).

Markdown is for people: the page's title and channel, threads as nested lists, and for
the whole page a heading per chapter with the threads that point into it. JSON is for
machines and uses the `--dump json` schema, so one parser reads both. Files are
created atomically under a fresh name and never replace an existing file, so the
input page (or an earlier export) can never be overwritten.
"""

from __future__ import annotations

import io
import os
import re
import time
import unicodedata
from collections.abc import Sequence
from pathlib import Path

import platformdirs

from tui_reader.dump import write_json
from tui_reader.model import Chapter, Comment, Page
from tui_reader.paths import create_atomic
from tui_reader.sanitize import visible
from tui_reader.timefmt import clock
from tui_reader.wording import counted, views_wording

FORMATS = {"markdown": ".md", "json": ".json"}
NO_CHAPTER = "Other comments"

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|\d+[.)])(\s|$)")


def _md(text: str) -> str:
    """Page text as inert Markdown: visible controls, no accidental emphasis, links or headings."""
    return _MD_SPECIAL.sub(r"\\\1", visible(text))


def _md_lines(text: str) -> list[str]:
    return [_MD_LINE_START.sub(r"\1\\\2\3", _md(line)) for line in text.split("\n")]


def _comment_md(comment: Comment, indent: str, note: str = "") -> list[str]:
    meta = [f"**@{_md(comment.author)}**"]
    if comment.age:
        meta.append(_md(comment.age))
    if comment.is_channel:
        meta.append("channel")
    if comment.reason == "user":
        meta.append("placed by you")
    if note:
        meta.append(note)
    # A blank line after the heading line makes the text its own paragraph in the item.
    lines = [f"{indent}- {' · '.join(meta)}", ""]
    body = indent + "  "
    for line in _md_lines(comment.text):
        lines.append(f"{body}{line}  " if line.strip() else "")
    while lines and not lines[-1]:
        lines.pop()
    lines[-1] = lines[-1].rstrip()
    return lines


_Thread = tuple[Comment, list[Comment], Comment | None]


def _threads(page: Page, chosen: set[str]) -> list[_Thread]:
    """(head, replies, the starter of a head that is a reply shown alone) for the chosen
    comments, in page order."""
    by_id = {comment.id: comment for comment in page.comments}
    threads: list[_Thread] = []
    heads: dict[str, list[Comment]] = {}
    for comment in page.comments:
        if comment.id not in chosen:
            continue
        starter = by_id.get(comment.parent) if comment.parent is not None else None
        if starter is not None and starter.id in chosen:
            heads[starter.id].append(comment)
            continue
        replies: list[Comment] = []
        heads[comment.id] = replies
        threads.append((comment, replies, starter))
    return threads


def _thread_md(head: Comment, replies: list[Comment], starter: Comment | None) -> list[str]:
    note = f"reply in @{_md(starter.author)}'s thread" if starter is not None else ""
    lines = _comment_md(head, "", note)
    for reply in replies:
        lines += ["", *_comment_md(reply, "  ")]
    return lines


def _chapter_of(seconds: int, chapters: Sequence[Chapter]) -> Chapter | None:
    found = None
    for chapter in chapters:
        if chapter.start <= seconds:
            found = chapter
    return found


def _thread_chapter(head: Comment, replies: list[Comment], chapters: Sequence[Chapter]):
    """The chapter of the first timestamp the thread mentions (its starter's first)."""
    for comment in (head, *replies):
        if comment.timestamps:
            return _chapter_of(comment.timestamps[0], chapters)
    return None


def export_markdown(page: Page, comment_ids: Sequence[str] | None = None) -> str:
    """Markdown of the chosen comments; with none chosen, the whole page under chapter headings."""
    whole = comment_ids is None
    chosen = {c.id for c in page.comments} if whole else set(comment_ids or ())
    threads = _threads(page, chosen)
    out = [f"# {_md(page.title or 'Untitled page')}", ""]
    about = []
    if page.channel:
        about.append(f"Channel: **{_md(page.channel)}**")
    if views := views_wording(page.views, page.views_text):
        about.append(_md(views))  # as the reader's header says it ("65,882 views")
    if page.published:
        about.append(_md(page.published))
    if about:
        out += [" · ".join(about), ""]
    count = sum(1 + len(replies) for _head, replies, _starter in threads)
    scope = "the whole page" if whole else "a selection"
    exported = counted(count, "comment", "comments")
    out += [f"*{exported} exported by mechanics-tui from {scope}.*", ""]
    if whole and page.chapters:
        groups: dict[Chapter | None, list[list[str]]] = {}
        for head, replies, starter in threads:
            chapter = _thread_chapter(head, replies, page.chapters)
            groups.setdefault(chapter, []).append(_thread_md(head, replies, starter))
        sections = [(c, groups[c]) for c in page.chapters if c in groups]
        if None in groups:
            sections.append((None, groups[None]))
        for chapter, blocks in sections:
            heading = NO_CHAPTER if chapter is None else f"{clock(chapter.start)} {chapter.title}"
            out += [f"## {_md(heading)}", ""]
            for block in blocks:
                out += [*block, ""]
    else:
        for head, replies, starter in threads:
            out += [*_thread_md(head, replies, starter), ""]
    return "\n".join(out).rstrip("\n") + "\n"


def export_json(page: Page, comment_ids: Sequence[str] | None = None) -> str:
    """The `--dump json` document, limited to the chosen comments (page order kept)."""
    chosen = None
    if comment_ids is not None:
        wanted = set(comment_ids)
        chosen = [comment for comment in page.comments if comment.id in wanted]
    buffer = io.StringIO()
    write_json(page, buffer, chosen)
    return buffer.getvalue()


def default_export_dir() -> Path:
    """The current directory when writable (where a terminal user looks), else Documents."""
    cwd = Path.cwd()
    if os.access(cwd, os.W_OK):
        return cwd
    return Path(platformdirs.user_documents_dir())


def _slug(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_title).strip("-").lower()
    return slug[:48].rstrip("-") or "page"


def export_to_file(
    page: Page,
    comment_ids: Sequence[str] | None = None,
    *,
    fmt: str = "markdown",
    directory: Path | None = None,
    label: str = "",
) -> Path:
    """Write an export to a new file and return its path; raises OSError if it cannot.

    `label` names what was exported ("thread", "search"...) in the file name.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    text = export_markdown(page, comment_ids) if fmt == "markdown" else export_json(
        page, comment_ids
    )
    directory = directory or default_export_dir()
    directory.mkdir(parents=True, exist_ok=True)
    stem = "-".join(part for part in (_slug(page.title), _slug(label) if label else "",
                                      time.strftime("%Y%m%d-%H%M%S")) if part)
    for attempt in range(1, 1000):
        suffix = "" if attempt == 1 else f"-{attempt}"
        path = directory / f"{stem}{suffix}{FORMATS[fmt]}"
        try:
            create_atomic(path, text)
        except FileExistsError:
            continue
        return path
    raise FileExistsError(f"no free export file name in {directory}")
