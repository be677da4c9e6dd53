"""The parser's fast paths equal the plain code they replace, on any input.

Each fast path (column-wise ids, slot-wise `Comment` building, the digit-first
timestamp pattern, cutting the text at its heads) is checked against a straightforward
reference: written here, or the line-by-line parse.
"""

from __future__ import annotations

import re
from hashlib import blake2b
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tui_reader.model import Comment, Page, build_in_parts, build_many
from tui_reader.parse import PageError, is_recognisable, parse_bytes, parse_lines, parse_text
from tui_reader.parse.comments import find_heads, readable_age
from tui_reader.parse.decode import normalise_newlines
from tui_reader.parse.head_split import CutPage, SplitLines, cut_at_heads, cut_utf8
from tui_reader.parse.ids import assign_ids, comment_id
from tui_reader.parse.timestamps import find_timestamps, parse_timestamp

# --- ids ----------------------------------------------------------------------------


def reference_ids(pairs: list[tuple[str, str]]) -> list[str]:
    """The id rule as documented: blake2b over author NUL text, repeats suffixed -2, -3."""
    seen: dict[str, int] = {}
    ids = []
    for author, text in pairs:
        data = f"{author}\0{text}".encode("utf-8", "surrogatepass")
        base = "c" + blake2b(data, digest_size=4).hexdigest()
        seen[base] = seen.get(base, 0) + 1
        ids.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return ids


# Few distinct values, so repeated pairs (suffixed ids) are common.
few_texts = st.sampled_from(["", "same", "\n", "a\0b", "\ud800 lone surrogate", "Иә, рахмет"])


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=8) | few_texts, st.text(max_size=30) | few_texts),
                max_size=30))
def test_assign_ids_equals_the_documented_rule(pairs: list[tuple[str, str]]) -> None:
    assert assign_ids(iter(pairs)) == reference_ids(pairs)
    assert [comment_id(a, t) for a, t in pairs] == [i.split("-")[0] for i in reference_ids(pairs)]


def test_repeats_are_suffixed_in_page_order() -> None:
    ids = assign_ids([("a", "x"), ("b", "y"), ("a", "x"), ("a", "x")])
    assert ids[2] == ids[0] + "-2" and ids[3] == ids[0] + "-3" and "-" not in ids[1]


# --- build_many -----------------------------------------------------------------------

optional_text = st.none() | st.text(max_size=10)
comment_rows = st.fixed_dictionaries({
    "id": st.text(max_size=10),
    "author": st.text(max_size=10),
    "age": optional_text,
    "age_seconds": st.none() | st.integers(min_value=0),
    "text": st.text(max_size=20),
    "parent": optional_text,
    "reply_to": optional_text,
    "timestamps": st.lists(st.integers(min_value=0), max_size=3).map(tuple),
    "reason": optional_text,
    "is_channel": st.booleans(),
    "line": st.integers(min_value=0),
    "end_line": st.integers(min_value=0),
    "pinned": st.booleans(),
})


@settings(max_examples=40, deadline=None)
@given(st.lists(comment_rows, max_size=8))
def test_build_many_equals_calling_the_class(rows: list[dict[str, Any]]) -> None:
    names = [f.name for f in attrs.fields(Comment)]
    columns = {name: [row[name] for row in rows] for name in names}
    built = build_many(Comment, columns)
    expected = [Comment(**row) for row in rows]
    assert built == expected
    assert [hash(c) for c in built] == [hash(c) for c in expected]
    assert [repr(c) for c in built] == [repr(c) for c in expected]
    for comment in built:
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            comment.text = "changed"  # type: ignore[misc]


def test_build_many_wants_every_field_and_equal_lengths() -> None:
    names = [f.name for f in attrs.fields(Comment)]
    columns = {name: [None] for name in names}
    with pytest.raises(ValueError, match="fields"):
        build_many(Comment, {k: v for k, v in columns.items() if k != "pinned"})
    with pytest.raises(ValueError, match="length"):
        build_many(Comment, {**columns, "pinned": [False, True]})
    assert build_many(Comment, {name: [] for name in names}) == []


def test_build_in_parts_asks_for_the_rest_once_the_first_part_is_stored() -> None:
    row = {f.name: None for f in attrs.fields(Comment)} | {"id": "c1", "text": "hi"}
    first = {k: [v] for k, v in row.items() if k not in ("parent", "reason")}
    asked = []

    def rest() -> dict[str, list[Any]]:
        asked.append(True)
        return {"parent": ["c0"], "reason": ["mention"]}

    expected = Comment(**row | {"parent": "c0", "reason": "mention"})
    assert build_in_parts(Comment, first, rest) == [expected]
    assert asked == [True]
    with pytest.raises(ValueError, match="fields"):
        build_in_parts(Comment, first, lambda: {"parent": ["c0"]})
    with pytest.raises(ValueError, match="length"):
        build_in_parts(Comment, first, lambda: {"parent": ["c0", "c1"], "reason": [None, None]})
    with pytest.raises(ValueError, match="not all fields"):
        build_in_parts(Comment, {**first, "colour": ["red"]}, rest)


# --- timestamps -------------------------------------------------------------------------

# The rule as written in the module docstring: a lookbehind before the number, groups
# for each part, and a colon after it only where it ends a clause.
READABLE = re.compile(
    r"(?<![\w:/.,])(?:(\d{1,2}):([0-5]\d):|(\d{1,3}):)([0-5]\d)"
    r"(?![\w/]|:(?!\s|$)|[.,]\d|\s?[ap]\.?m\b)",
    re.IGNORECASE,
)


def reference_seconds(match: re.Match[str]) -> int:
    hours, minutes_h, minutes, seconds = match.groups()
    if hours is not None:
        return int(hours) * 3600 + int(minutes_h) * 60 + int(seconds)
    return int(minutes) * 60 + int(seconds)


timestampish = st.text(alphabet="0123456789:::/., apmAPM\nx\u0661", max_size=16)


@settings(max_examples=300, deadline=None)
@given(timestampish)
def test_timestamp_pattern_equals_the_readable_rule(text: str) -> None:
    assert find_timestamps(text) == tuple(map(reference_seconds, READABLE.finditer(text)))
    whole = READABLE.fullmatch(text.strip())
    assert parse_timestamp(text) == (reference_seconds(whole) if whole else None)


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("1:02:03", (3723,)), ("x 12:34 y", (754,)), ("9:00am", ()), ("ab1:23", ()),
     ("0:5", ()), ("123:45", (7425,)), ("at 9:00: the solo", (540,)), ("to 4:35:", (275,)),
     ("4:35:\nnext", (275,)), ("12:34:5", ()), ("1:2:3", ()), ("3:20/5:00", ())],
)
def test_timestamp_pattern_on_edges(text: str, seconds: tuple[int, ...]) -> None:
    assert find_timestamps(text) == tuple(map(reference_seconds, READABLE.finditer(text)))
    assert find_timestamps(text) == seconds


# --- comment heads ----------------------------------------------------------------------

HANDLE = re.compile(r"@[^\s@]\S{0,99}")


def reference_pairs(lines: list[str], start: int) -> list[tuple[int, str, str]]:
    """Every head pair from line `start` on, whatever its age says: the line rule."""
    pairs = []
    for index in range(start, len(lines) - 1):
        handle, following = lines[index].rstrip(), lines[index + 1]
        if not following.startswith(lines[index]) or HANDLE.fullmatch(handle) is None:
            continue
        if following[len(handle) : len(handle) + 1] == " ":
            age = following[len(handle) + 1 :].strip()
            if age:
                pairs.append((index, handle[1:], age))
    return pairs


def reference_heads(lines: list[str], start: int, lenient: bool) -> list[tuple[int, str, str]]:
    """The head-pair rule line by line, as the module docstring states it."""
    pairs = reference_pairs(lines, start)
    readable = [readable_age(age) for _index, _handle, age in pairs]
    if all(readable):
        return pairs
    if lenient and not any(readable):
        return [pair for pair in pairs if len(pair[2].split(None, 4)) <= 4]
    return [pair for pair, ok in zip(pairs, readable, strict=True) if ok]


LONGEST, TOO_LONG = "@" + "x" * 100, "@" + "x" * 101  # a handle is at most 101 characters
head_lines = st.sampled_from([
    "@ana", "@ana ", "@ana\t", "@ana 2 days ago", "@ana  2 days ago", "@ana 2 days ago ",
    "@ana 5 ай бұрын", "@ana vor 3 Tagen", "@ana one two three four five", "@ana ",
    "@anab 1 day ago", "@@ana", "@@ana 1 day ago", "@", "@ 1 day ago", "", " ", "text",
    LONGEST, LONGEST + " 1 day ago", TOO_LONG, TOO_LONG + " 1 day ago",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(head_lines, max_size=14), st.integers(min_value=0, max_value=3), st.booleans())
@example([LONGEST, LONGEST + " 1 day ago", TOO_LONG, TOO_LONG + " 1 day ago"], 0, False)
@example(["@ana ", "@ana 1 day ago", "@ana\t", "@ana\t1 day ago", "@ana  ", "@ana 1 day ago"], 0,
         False)
def test_find_heads_equals_the_line_by_line_rule(
    lines: list[str], start: int, lenient: bool
) -> None:
    heads = find_heads(lines, start, lenient)
    assert list(zip(*heads, strict=True)) == reference_heads(lines, start, lenient)


# --- cutting the text at its heads ---------------------------------------------------------

FIXTURE_PAGES = sorted((Path(__file__).parent / "fixtures").rglob("*.txt"))
page_lines = head_lines | st.sampled_from([
    "Pinned by @ana", "Закреплено пользователем @ana", "@ana tarafından sabitlendi", "",
    "  ", "Great point", "@@ana thanks!", "13:38", "Comments: 3", "Пікірлер: 5",
    "12K views", "Рет қаралды 1,2 М.", "21:17", "Other video", "@ana  ", "@ana\t",
    "@ana  3 days ago", "@ana 3 days ago  ", "@bo", "@bo 1 week ago", "@bo 5 ай бұрын",
])


def both_ways(text: str) -> tuple[Page, Page]:
    """`parse_text` (cut at its heads when it can) and the line-by-line reference."""
    return parse_text(text), parse_lines(text.split("\n"))


@pytest.mark.parametrize("path", FIXTURE_PAGES, ids=lambda p: p.name)
def test_cutting_at_heads_gives_the_line_by_line_page_on_every_fixture(path: Path) -> None:
    text = normalise_newlines(path.read_text(encoding="utf-8").lstrip("\ufeff"))
    cut, by_lines = both_ways(text)
    assert cut == by_lines


@settings(max_examples=300, deadline=None)
@given(st.lists(page_lines, max_size=40))
@example(["Title", "@ana", "@ana 1 day ago", "Pinned by @bo", "", "@bo", "@bo 2 days ago", "x"])
@example(["Title", "@ana", "@ana 1 day ago", "", "  ", "@bo", "@bo 2 days ago", "", "21:17"])
@example(["Title", "@ana", "@ana one two three four five", "@bo", "@bo 1 day ago"])
@example(["@ana", "@ana 1 day ago", "@ana", "@ana 1 day ago"])
def test_cutting_at_heads_gives_the_line_by_line_page(lines: list[str]) -> None:
    cut, by_lines = both_ways("\n".join(lines))
    assert cut == by_lines


# Whole head pairs as well as single lines, so most generated texts get cut.
pair_lines = st.sampled_from(["@ana\n@ana 1 day ago", "@bo \n@bo  2 days ago", "@cy\n@cy x"])


@settings(max_examples=200, deadline=None)
@given(st.lists(page_lines | pair_lines, min_size=1, max_size=30))
def test_split_lines_are_the_text_split_at_newlines(lines: list[str]) -> None:
    text = "\n".join(["Title", *lines])
    expected = text.split("\n")
    cut = cut_at_heads(text)
    if cut is None:
        assert not reference_pairs(expected, 1), "a head pair the cut missed"
        return
    assert cut.text() == text  # a page read line by line after all is rebuilt whole
    served = SplitLines(cut)
    assert len(served) == len(expected)
    assert [served[i] for i in range(len(served))] == expected
    assert served[1:4] == expected[1:4] and served[-1] == expected[-1]


def test_a_page_whose_heads_the_cut_cannot_take_goes_line_by_line() -> None:
    """A head line with a tab after the handle is no head by the line rule; the regex
    matches it, so the cut says so and the parser reads the page line by line."""
    text = "Title\n12 views\n\n@ana\t\n@ana 1 day ago\nhi\n@bo\n@bo 1 day ago\nyo"
    cut = cut_at_heads(text)
    assert cut is not None and cut.heads(2, lenient=False) is None
    page, by_lines = both_ways(text)
    assert page == by_lines and [c.author for c in page.comments] == ["bo"]


# --- cutting UTF-8 bytes before decoding -------------------------------------------------

CYRILLIC_HANDLE = "@" + "ж" * 60  # 61 characters, 121 bytes: a head in text, bytes or not
# Lines where bytes and text patterns could part: Unicode spaces after, inside and
# before handles and ages, separators \x1c-\x1f, characters that start as Unicode
# spaces do (U+00A9 "©" shares U+00A0's first byte), long non-ASCII handles.
unicode_space_lines = st.sampled_from([
    "@ana\xa0", "@ana\xa0 1 day ago", "@ana 1 day ago", "@ana \xa01 day ago",
    "@ana\u3000", "@ana\u2009\t", "@an\xa0a", "@an\xa0a 1 day ago", "@ana\x1c",
    "@ana\x1c 1 day ago", "@\x1dana", "@\x1dana 1 day ago", "@ana©", "@ana© 1 day ago",
    "@ana 1 day ago\xa0", "@ana \x1f1 day ago", CYRILLIC_HANDLE,
    CYRILLIC_HANDLE + " 2 күн бұрын", "@" + "ж" * 101, "@" + "ж" * 101 + " 2 күн бұрын",
    "\ufeff{", "{", "  {", "@ana\r", "@ana 1 day ago\r", "\r", "hi\r\r",
])


def cut_fields(cut: CutPage | None) -> tuple[object, ...] | None:
    return None if cut is None else (cut.chunks, cut.handles, cut.trails, cut.pads, cut.ages)


@settings(max_examples=300, deadline=None)
@given(st.lists(page_lines | pair_lines | unicode_space_lines, max_size=30))
@example(["Title", "@ana\xa0", "@ana 1 day ago", "hi", "@bo", "@bo 2 days ago", "yo"])
@example(["Title", "@ana\x1c", "@ana 1 day ago", "hi", "@bo", "@bo 2 days ago", "yo"])
@example(["Title", "@ana", "@ana \xa01 day ago", "hi"])
@example(["Title", CYRILLIC_HANDLE, CYRILLIC_HANDLE + " 2 күн бұрын", "hi"])
@example(["Title", "@ana©", "@ana 1 day ago", "hi"])
@example(["Title", "@\x1dana", "@\x1dana 1 day ago", "hi"])
def test_cutting_utf8_bytes_cuts_as_the_decoded_text_or_declines(lines: list[str]) -> None:
    """Where `cut_utf8` cuts, it is `cut_at_heads` of the decoded text; where it declines,
    `parse_bytes` decodes and cuts the text, so the page is the same either way."""
    text = "\n".join(["Title", *lines])
    data = text.encode()
    cut = cut_utf8(data)
    if cut is not None:
        assert cut_fields(cut) == cut_fields(cut_at_heads(normalise_newlines(text)))
    try:
        assert parse_bytes(data, "x.txt") == parse_text(text)
    except PageError:
        assert not is_recognisable(parse_text(text))


@pytest.mark.parametrize("path", FIXTURE_PAGES, ids=lambda p: p.name)
def test_cutting_utf8_bytes_cuts_every_fixture_as_its_text(path: Path) -> None:
    data = path.read_bytes()
    cut = cut_utf8(data)
    if cut is not None:
        assert cut_fields(cut) == cut_fields(cut_at_heads(data.decode()))


def test_cutting_utf8_bytes_takes_plain_pages_and_leaves_the_rest() -> None:
    page = "Title\n12 views\n@ana\n@ana 1 day ago\nhi\n@bo\n@bo 2 days ago\nyo\n"
    for line_end in ("\n", "\r\n", "\r"):
        data = page.replace("\n", line_end).encode()
        assert cut_fields(cut_utf8(data)) == cut_fields(cut_at_heads(page)), repr(line_end)
    # Blank for its first 1024 bytes ("\ufeff" too): a JSON start may follow.
    late_json = " \ufeff" + " " * 1021 + "{\n" + page
    declined = {
        "BOM": b"\xef\xbb\xbf" + page.encode(),
        "a late JSON start": late_json.encode(),
        "invalid UTF-8": page.encode() + b"\xff",
        "NUL": page.encode() + b"\0",
        "JSON": b' {"title": 1}\n' + page.encode(),
        "a head with a Unicode space in its handle": page.replace("@bo", "@b\xa0o").encode(),
        "no head": b"Title\n12 views\n",
    }
    for why, data in declined.items():
        assert cut_utf8(data) is None, why
