"""`--dump` writers: JSON schema 1 exactly, streaming equals in-memory, text is inert."""

from __future__ import annotations

import io
import json
import re
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.dump import page_to_dict, write_json, write_text
from tui_reader.model import Chapter, Comment, Page, RelatedVideo, UnparsedLine

# Schema 1, key by key, in order; a type tuple lists what each value may be.
TOP_KEYS: dict[str, tuple[type, ...]] = {
    "schema": (int,),
    "title": (str,),
    "channel": (str, type(None)),
    "views": (int, type(None)),
    "published": (str, type(None)),
    "description": (str,),
    "chapters": (list,),
    "comment_count_declared": (int, type(None)),
    "comments": (list,),
    "related": (list,),
    "unparsed": (list,),
}
CHAPTER_KEYS = {"start": (int,), "title": (str,)}
COMMENT_KEYS = {
    "id": (str,),
    "author": (str,),
    "age": (str, type(None)),
    "age_seconds": (int, type(None)),
    "text": (str,),
    "parent": (str, type(None)),
    "reply_to": (str, type(None)),
    "timestamps": (list,),
    "reason": (str, type(None)),
}
RELATED_KEYS = {
    "title": (str,),
    "duration": (int, type(None)),
    "channel": (str, type(None)),
    "views": (int, type(None)),
}
UNPARSED_KEYS = {"line": (int,), "text": (str,)}

# What must never reach a terminal: C0 controls but newline, DEL, C1, bidi overrides.
UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u061c]")


def _check_object(obj: Any, keys: dict[str, tuple[type, ...]], where: str) -> None:
    assert isinstance(obj, dict), f"{where}: not an object"
    assert list(obj) == list(keys), f"{where}: keys {list(obj)} != {list(keys)}"
    for key, types in keys.items():
        value = obj[key]
        # bool is an int subclass in Python but not a number in the schema
        assert isinstance(value, types) and not isinstance(value, bool), (
            f"{where}.{key}: {value!r} is not {types}"
        )


def assert_schema_v1(doc: Any) -> None:
    """Fail unless `doc` is a schema 1 document: exact keys, exact types, no extras."""
    _check_object(doc, TOP_KEYS, "page")
    assert doc["schema"] == 1
    for i, chapter in enumerate(doc["chapters"]):
        _check_object(chapter, CHAPTER_KEYS, f"chapters[{i}]")
    ids = set()
    for i, comment in enumerate(doc["comments"]):
        _check_object(comment, COMMENT_KEYS, f"comments[{i}]")
        assert all(isinstance(t, int) for t in comment["timestamps"])
        ids.add(comment["id"])
    assert len(ids) == len(doc["comments"]), "comment ids must be unique"
    for comment in doc["comments"]:
        assert comment["parent"] is None or comment["parent"] in ids
    for i, video in enumerate(doc["related"]):
        _check_object(video, RELATED_KEYS, f"related[{i}]")
    for i, line in enumerate(doc["unparsed"]):
        _check_object(line, UNPARSED_KEYS, f"unparsed[{i}]")


def make_page(**overrides: Any) -> Page:
    """A small hand-made page: a pinned channel comment, a thread with an `@@` reply."""
    comments = (
        Comment("c1", "QuietBenchLabs", "2 weeks ago", 1_209_600, "Parts list is below.",
                is_channel=True),
        Comment("c2", "marta_k", "10 days ago", 864_000, "The rain gauge bit at 4:12\nworks.",
                timestamps=(252,)),
        Comment("c3", "QuietBenchLabs", "9 days ago", 777_600, "Glad it helped!",
                parent="c2", reason="channel-answer", is_channel=True),
        Comment("c4", "otto.v", "8 days ago", 691_200, "Which panel wattage?"),
        Comment("c5", "lina-r", None, None, "@@otto.v about ten watts.", parent="c4",
                reply_to="otto.v", reason="at-at"),
    )
    fields: dict[str, Any] = {
        "title": "Backyard weather station | Sensors and solar",
        "channel": "Quiet Bench Labs",
        "views": 12345,
        "views_text": "12,345",
        "published": "2 weeks ago",
        "description": "We wire a wind vane.\n00:00 - Intro\n01:30 - Sensors\n04:10 - Solar",
        "chapters": (Chapter(0, "Intro"), Chapter(90, "Sensors"), Chapter(250, "Solar")),
        "comment_count_declared": 7,
        "comments": comments,
        "related": (RelatedVideo("Soldering for beginners", 721, "12:01", "Flux Corner", 3400,
                                 "3.4K views"), RelatedVideo("Cut off")),
        "unparsed": (UnparsedLine(3, "???"),),
    }
    fields.update(overrides)
    return Page(**fields)


def dumped_json(page: Page, comments=None) -> Any:
    out = io.StringIO()
    write_json(page, out, comments)
    return json.loads(out.getvalue())


def dumped_text(page: Page) -> str:
    out = io.StringIO()
    write_text(page, out)
    return out.getvalue()


def test_page_to_dict_follows_schema_1() -> None:
    doc = page_to_dict(make_page())
    assert_schema_v1(doc)
    assert [c["id"] for c in doc["comments"]] == ["c1", "c2", "c3", "c4", "c5"]
    assert doc["comments"][1]["timestamps"] == [252]
    assert doc["comments"][4]["reply_to"] == "otto.v"
    assert doc["related"][1] == {"title": "Cut off", "duration": None, "channel": None,
                                 "views": None}


def test_streamed_json_equals_the_in_memory_document() -> None:
    page = make_page()
    assert dumped_json(page) == page_to_dict(page)


def test_streamed_json_with_many_comments_spans_batches() -> None:
    comments = tuple(Comment(f"c{i}", f"user{i % 7}", "1 day ago", 86400, f"text {i}")
                     for i in range(1300))
    page = make_page(comments=comments)
    doc = dumped_json(page)
    assert_schema_v1(doc)
    assert [c["id"] for c in doc["comments"]] == [c.id for c in comments]


def test_json_can_be_limited_to_chosen_comments() -> None:
    page = make_page()
    chosen = page.comments[3:]
    assert dumped_json(page, chosen) == page_to_dict(page, chosen)
    assert [c["id"] for c in page_to_dict(page, chosen)["comments"]] == ["c4", "c5"]


def test_json_of_an_empty_page_is_valid() -> None:
    page = Page(title="")
    doc = dumped_json(page)
    assert_schema_v1(doc)
    assert doc["comments"] == [] and doc["views"] is None


def test_json_keeps_non_ascii_text_as_is() -> None:
    page = make_page(title="Пікірлер 🙂 日本")
    out = io.StringIO()
    write_json(page, out)
    assert "Пікірлер 🙂 日本" in out.getvalue()


def test_text_shows_header_chapters_and_counts() -> None:
    text = dumped_text(make_page())
    lines = text.splitlines()
    assert lines[0] == "Backyard weather station | Sensors and solar"
    assert lines[1] == "Quiet Bench Labs · 12,345 views · 2 weeks ago"
    assert "  4:10  Solar" in lines
    assert "Comments: 5 shown of 7" in lines
    assert "  Soldering for beginners · 12:01 · Flux Corner · 3,400 views" in lines


def test_text_indents_replies_under_their_starter_with_reason() -> None:
    lines = dumped_text(make_page()).splitlines()
    starter = lines.index("@marta_k · 10 days ago  #c2")
    assert lines[starter + 1] == "  The rain gauge bit at 4:12"
    assert lines[starter + 2] == "  works."
    reply = lines.index("    ↳ [answers @otto.v; reason: at-at] @lina-r  #c5")
    assert lines[reply + 1] == "      @@otto.v about ten watts."
    assert "    ↳ [reason: channel-answer] @QuietBenchLabs · 9 days ago  #c3" in lines


def test_text_groups_a_late_reply_with_its_thread_and_keeps_orphans() -> None:
    base = make_page()
    late = Comment("c6", "marta_k", "1 day ago", 86400, "Back again.", parent="c2",
                   reason="starter-returns")
    orphan = Comment("c7", "ghost", "1 day ago", 86400, "Lost parent.", parent="gone")
    text = dumped_text(make_page(comments=(*base.comments, late, orphan)))
    heads = [line.strip() for line in text.splitlines() if "#c" in line]
    assert [h.rsplit("#", 1)[1] for h in heads] == ["c1", "c2", "c3", "c6", "c4", "c5", "c7"]
    assert "@ghost · 1 day ago  #c7" in text.splitlines()


HOSTILE = "red \x1b[31mX\x1b[0m osc \x1b]8;;http://e.test\x07link\x1b]8;;\x07 c1 \x9b2J" \
          " bidi \u202eevil\u202c bell \x07 cr \r del \x7f tab \t nul \x00"


def test_text_never_writes_controls_escapes_or_bidi_overrides() -> None:
    comments = (
        Comment("c1", "a\x1bb", "1 day\x9b ago", 86400, HOSTILE + "\nsecond " + HOSTILE),
        Comment("c2", "x", None, None, HOSTILE, parent="c1", reply_to="h\x1b[1m",
                reason="r\x1b"),
    )
    page = make_page(
        title=HOSTILE, channel=HOSTILE, views_text=HOSTILE, published=HOSTILE,
        chapters=(Chapter(0, HOSTILE),), comments=comments,
        related=(RelatedVideo(HOSTILE, channel=HOSTILE, views_text=HOSTILE),),
        views=None,
    )
    text = dumped_text(page)
    assert not UNSAFE.search(text), repr(UNSAFE.search(text))
    assert "␛[31m" in text  # shown, not dropped
    assert "⟨RLO⟩" in text


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=80), st.text(max_size=30))
def test_any_text_round_trips_in_json_and_stays_inert_in_text(body: str, author: str) -> None:
    page = make_page(title=author, comments=(Comment("c1", author, body, None, body),))
    assert dumped_json(page)["comments"][0]["text"] == body
    assert not UNSAFE.search(dumped_text(page))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.text(max_size=20), min_size=6, max_size=6),
    st.lists(st.integers(min_value=0, max_value=10**7), max_size=3),
    st.integers(min_value=0, max_value=1200),
)
def test_streamed_json_equals_dict_for_any_field_values(
    texts: list[str], timestamps: list[int], unparsed: int
) -> None:
    author, age, body, reply_to, reason, line = texts
    comments = (
        Comment("c1", author, age, 5, body, reply_to=reply_to, reason=reason,
                timestamps=tuple(timestamps)),
        Comment("c2", body, None, None, "", parent="c1"),
    )
    page = make_page(comments=comments,
                     unparsed=tuple(UnparsedLine(i + 1, line) for i in range(unparsed)))
    out = io.StringIO()
    write_json(page, out)
    doc = json.loads(out.getvalue())
    assert doc == page_to_dict(page)
    assert_schema_v1(doc)
    # Exactly as json.dumps writes it: non-ASCII kept as is, whichever encoder ran.
    assert f'"text": {json.dumps(body, ensure_ascii=False)}, ' in out.getvalue()
    assert f'"age": {json.dumps(age, ensure_ascii=False)}, ' in out.getvalue()


def test_text_says_one_view_not_one_views() -> None:
    out = io.StringIO()
    write_text(Page(title="t", channel="c", views=1), out)
    assert "c · 1 view\n" in out.getvalue()
