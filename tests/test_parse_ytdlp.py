"""yt-dlp info.json input: same model as saved pages, threads exact from `parent`."""

from __future__ import annotations

import json
from pathlib import Path

from tui_reader.parse import load_page
from tui_reader.parse.ids import comment_id
from tui_reader.parse.ytdlp import parse_info_json

INFO = {
    "id": "abc",
    "title": "Pottery Wheel Basics",
    "channel": "Clay Corner",
    "view_count": 4321,
    "comment_count": 6,
    "upload_date": "20240315",
    "epoch": 1_700_000_000,
    "description": "Centering clay.\n0:00 Intro\n1:00 Centering\n2:30 Pulling walls",
    "chapters": [
        {"start_time": 0.0, "end_time": 60.0, "title": "Intro"},
        {"start_time": 60.0, "end_time": 150.0, "title": "Centering"},
        {"start_time": 150.0, "end_time": 300.0, "title": "Pulling walls"},
    ],
    "comments": [
        {
            "id": "R1",
            "parent": "root",
            "author": "@ClayCorner",
            "text": "Ask away!",
            "author_is_uploader": True,
            "is_pinned": True,
            "timestamp": 1_699_913_600,
        },
        {
            "id": "R2",
            "parent": "root",
            "author": "@mud_hands",
            "text": "At 1:00 mine wobbles",
            "_time_text": "3 days ago",
        },
        {
            "id": "A1",
            "parent": "R2",
            "author": "@ClayCorner",
            "text": "@mud_hands wet your hands",
            "author_is_uploader": True,
        },
        {"id": "A2", "parent": "A1", "author": "@mud_hands", "text": "@ClayCorner worked!"},
        {
            "id": "R3",
            "parent": "root",
            "author": "kiln_king",
            "text": "nice",
            "_time_text": "1 year ago",
        },
        {"id": "X1", "parent": "GONE", "author": "@ghost", "text": "reply to a deleted comment"},
    ],
}


def test_info_json_page(tmp_path: Path) -> None:
    path = tmp_path / "v.info.json"
    path.write_text(json.dumps(INFO), encoding="utf-8")
    page = load_page(str(path))
    assert (page.title, page.channel, page.views, page.published) == (
        "Pottery Wheel Basics",
        "Clay Corner",
        4321,
        "2024-03-15",
    )
    assert page.comment_count_declared == 6
    assert [(c.start, c.title) for c in page.chapters] == [
        (0, "Intro"),
        (60, "Centering"),
        (150, "Pulling walls"),
    ]
    by_author = [(c.author, c.depth, c.reason) for c in page.comments]
    assert by_author == [
        ("ClayCorner", 0, None),
        ("mud_hands", 0, None),
        ("ClayCorner", 1, "parent"),
        ("mud_hands", 1, "parent"),
        ("kiln_king", 0, None),
        ("ghost", 0, None),
    ]
    root, question, answer, thanks, _, orphan = page.comments
    assert answer.parent == question.id and thanks.parent == question.id  # one level deep
    assert thanks.reply_to == "ClayCorner"
    assert root.pinned and root.is_channel and answer.is_channel
    assert root.age_seconds == 86_400  # from epoch - timestamp
    assert question.age_seconds == 3 * 86_400 and question.timestamps == (60,)
    assert question.id == comment_id("mud_hands", "At 1:00 mine wobbles")
    assert orphan.parent is None and page.warnings


def test_info_json_without_comments_or_with_odd_values() -> None:
    page = parse_info_json(
        json.dumps(
            {
                "title": "T",
                "view_count": "many",
                "chapters": "no",
                "comments": [None, 3, {"parent": "root"}],
            }
        )
    )
    assert page.views is None and page.chapters == ()
    assert [c.author for c in page.comments] == [""]


def test_parent_cycles_do_not_lose_comments() -> None:
    comments = [{"id": "A", "parent": "B", "text": "a"}, {"id": "B", "parent": "A", "text": "b"}]
    page = parse_info_json(json.dumps({"title": "T", "comments": comments}))
    assert sorted(c.text for c in page.comments) == ["a", "b"]


def test_lone_surrogates_become_replacement_characters() -> None:
    info = {
        "title": "Kiln \udc00 day",
        "comments": [
            {"id": "a", "parent": "root", "author": "@glaze\ud800", "text": "cone 6 \ud83d\ude00"},
            {"id": "b", "parent": "root", "author": "@x", "text": "\ud800\ud801\udc00 end \ud83d"},
        ],
    }
    text = json.dumps(info)  # ensure_ascii: every surrogate is a \\uXXXX escape
    text = text.replace('"cone 6', '"\\\\ud800 cone 6')  # a backslash, then letters
    page = parse_info_json(text)
    assert page.title == "Kiln \ufffd day"
    assert page.comments[0].author == "glaze\ufffd"
    assert page.comments[0].text == "\\ud800 cone 6 \U0001f600"  # a real pair is kept
    assert page.comments[1].text == "\ufffd\U00010400 end \ufffd"
    assert any("U+FFFD: 4" in warning for warning in page.warnings), page.warnings
    for comment in page.comments:
        comment.text.encode("utf-8")
    clean = parse_info_json(json.dumps({"title": "\ud83d\ude00 plain"}))
    assert clean.title == "\U0001f600 plain" and clean.warnings == ()
