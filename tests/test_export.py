"""Export: Markdown with chapter headings and nested threads, JSON in the dump schema."""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

from fixtures_insight import make_comment, sample_page
from tui_reader.export import export_json, export_markdown, export_to_file
from tui_reader.model import Page


def test_whole_page_groups_threads_under_chapters() -> None:
    text = export_markdown(sample_page())
    lines = text.splitlines()
    assert lines[0] == "# Cooling  a Data Hall"
    assert "Channel: **Demo Channel**" in text
    cooling = lines.index("## 2:00 Cooling")
    storage = lines.index("## 7:00 Storage")
    other = lines.index("## Other comments")
    assert "## 0:00 Intro" not in lines  # no thread points into it
    assert cooling < storage < other
    block = "\n".join(lines[cooling:storage])
    assert "- **@quill** · 9 days ago" in block
    assert "  - **@brass** · 8 days ago" in block  # replies nested under their starter
    assert "@@quill Listen again near 2:10." in block
    assert "Thanks, more on storage soon." in "\n".join(lines[storage:other])
    assert "First!" in "\n".join(lines[other:])
    assert "9 comments exported" in text


def test_selection_exports_only_chosen_comments_without_chapters() -> None:
    page = sample_page()
    starter, reply = page.comments[0], page.comments[1]
    text = export_markdown(page, [starter.id, reply.id])
    assert "##" not in text
    assert "Closed, they said so right after." in text
    assert "Where do I find" not in text
    assert "2 comments exported" in text and "a selection" in text


def test_a_reply_exported_alone_names_its_thread() -> None:
    page = sample_page()
    text = export_markdown(page, [page.comments[2].id])
    assert "- **@quill** · 7 days ago · reply in @quill's thread" in text


def test_markdown_is_inert() -> None:
    hostile = make_comment("x*y", "# not a heading\n- not a list\n[link](javascript:x) \x1b[31m")
    text = export_markdown(Page(title="T", comments=(hostile,)))
    assert "\x1b" not in text
    assert "\\# not a heading" in text
    assert "\\- not a list" in text
    assert "\\[link\\](javascript:x)" in text
    assert "**@x\\*y**" in text


def test_json_uses_the_dump_schema() -> None:
    page = sample_page()
    whole = json.loads(export_json(page))
    assert whole["schema"] == 1
    assert [c["id"] for c in whole["comments"]] == [c.id for c in page.comments]
    chosen = [page.comments[3].id, page.comments[0].id]
    part = json.loads(export_json(page, chosen))
    assert [c["id"] for c in part["comments"]] == [page.comments[0].id, page.comments[3].id]
    assert part["title"] == page.title


def test_export_to_file_never_overwrites(tmp_path: Path) -> None:
    page = sample_page()
    first = export_to_file(page, directory=tmp_path, label="thread")
    second = export_to_file(page, directory=tmp_path, label="thread")
    assert first != second
    assert first.name.startswith("cooling-a-data-hall-thread-") and first.suffix == ".md"
    assert first.read_text() == second.read_text() == export_markdown(page)
    as_json = export_to_file(page, fmt="json", directory=tmp_path)
    assert json.loads(as_json.read_text())["schema"] == 1
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


def test_export_never_replaces_an_existing_file(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("time.strftime", lambda *_: "20260101-000000")
    taken = tmp_path / "cooling-a-data-hall-20260101-000000.md"
    taken.write_text("the input page")
    path = export_to_file(sample_page(), directory=tmp_path)
    assert taken.read_text() == "the input page"
    assert path.name == "cooling-a-data-hall-20260101-000000-2.md"


def test_default_directory_is_cwd(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    path = export_to_file(sample_page(), fmt="json")
    assert path.parent == tmp_path


def test_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        export_to_file(sample_page(), fmt="pdf", directory=tmp_path)


def test_one_comment_and_the_views_are_worded_as_the_reader_says_them() -> None:
    page = attrs.evolve(sample_page(), views=65_882, views_text="Рет қаралды 65,882")
    text = export_markdown(page, [page.comments[0].id])
    assert "*1 comment exported by mechanics-tui from a selection.*" in text
    assert "65,882 views" in text and "Рет қаралды" not in text
    unread = attrs.evolve(page, views=None, views_text="lots of views")
    assert "lots of views" in export_markdown(unread, [page.comments[0].id])
