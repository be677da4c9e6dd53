"""Reading page files: encodings, line ends, and one-line errors for things that are not pages."""

from __future__ import annotations

import codecs
import io
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui_reader.parse import PageError, load_page, parse_bytes, parse_text, read_input

PAGE = (Path(__file__).parent / "fixtures" / "pages" / "ru_basic.txt").read_text(encoding="utf-8")
EXPECTED = parse_text(PAGE)


def _write(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "page.txt"
    path.write_bytes(data)
    return str(path)


def _same_page(path: str) -> None:
    page = load_page(path)
    assert page.title == EXPECTED.title
    assert [(c.author, c.text, c.line) for c in page.comments] == [
        (c.author, c.text, c.line) for c in EXPECTED.comments
    ]
    assert page.related == EXPECTED.related
    assert page.warnings == ()


@pytest.mark.parametrize(
    "data",
    [
        PAGE.encode("utf-8"),
        codecs.BOM_UTF8 + PAGE.encode("utf-8"),
        codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + PAGE.encode("utf-16-be"),
        PAGE.replace("\n", "\r\n").encode("utf-8"),
        PAGE.replace("\n", "\r").encode("utf-8"),
        codecs.BOM_UTF16_LE + PAGE.replace("\n", "\r\n").encode("utf-16-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "crlf", "cr", "utf16-crlf"],
)
def test_encodings_and_line_ends_read_the_same(tmp_path: Path, data: bytes) -> None:
    _same_page(_write(tmp_path, data))


def test_invalid_bytes_are_replaced_with_a_warning(tmp_path: Path) -> None:
    data = PAGE.encode("utf-8").replace("Отличный".encode(), b"\xff\xfe\xc3(")
    page = load_page(_write(tmp_path, data))
    assert "\ufffd" in page.comments[0].text
    assert len(page.warnings) == 1 and "UTF-8" in page.warnings[0]
    assert len(page.comments) == len(EXPECTED.comments)


def test_stdin_dash(monkeypatch: pytest.MonkeyPatch) -> None:
    fake = io.TextIOWrapper(io.BytesIO(PAGE.encode("utf-8")))
    monkeypatch.setattr(sys, "stdin", fake)
    assert load_page("-").title == EXPECTED.title


def _error(path: str) -> str:
    with pytest.raises(PageError) as caught:
        load_page(path)
    message = str(caught.value)
    assert "\n" not in message and message
    return message


def test_missing_file(tmp_path: Path) -> None:
    assert "no such file" in _error(str(tmp_path / "nope.txt"))


def test_directory(tmp_path: Path) -> None:
    assert "directory" in _error(str(tmp_path))


def test_empty_and_blank_files(tmp_path: Path) -> None:
    assert "empty" in _error(_write(tmp_path, b""))
    assert "empty" in _error(_write(tmp_path, b" \n\r\n\t\n"))


def test_binary_file(tmp_path: Path) -> None:
    assert "NUL" in _error(_write(tmp_path, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256))))


def test_unreadable_file(tmp_path: Path) -> None:
    path = _write(tmp_path, PAGE.encode())
    Path(path).chmod(0)
    try:
        if _readable(path):
            pytest.skip("running as a user who can read anything")
        assert "permission" in _error(path)
    finally:
        Path(path).chmod(0o600)


def _readable(path: str) -> bool:
    try:
        Path(path).read_bytes()
    except PermissionError:
        return False
    return True


@pytest.mark.parametrize(
    "text",
    [
        "On Walking\n\nI walk every morning. The air is cold and the streets are empty.\n"
        "There is a kind of thinking that only happens while moving.\n\nThe end.\n",
        Path(__file__).read_text(encoding="utf-8"),
        "import os\n\n\n@property\ndef f(x):\n    return 12\n",
        "a\n",
    ],
    ids=["essay", "python", "decorators", "one-word"],
)
def test_text_that_is_not_a_page(tmp_path: Path, text: str) -> None:
    assert "no recognisable" in _error(_write(tmp_path, text.encode("utf-8")))


def test_invalid_utf16_is_replaced_with_a_warning(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + PAGE.encode("utf-16-le") + b"\x00\xd8"  # a lone surrogate
    page = load_page(_write(tmp_path, data))
    assert len(page.warnings) == 1 and "UTF-16-LE" in page.warnings[0]


def test_bad_json(tmp_path: Path) -> None:
    assert "JSON" in _error(_write(tmp_path, b'{"title": '))
    assert "title" in _error(_write(tmp_path, b'{"id": 3}'))


def test_saved_page_whose_title_starts_with_a_brace(tmp_path: Path) -> None:
    page = load_page(_write(tmp_path, ("{Live} " + PAGE).encode("utf-8")))
    assert page.title.startswith("{Live}") and len(page.comments) == len(EXPECTED.comments)


@settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_page_or_a_one_line_error(tmp_path: Path, data: bytes) -> None:
    path = _write(tmp_path, data)
    try:
        load_page(path)
    except PageError as exc:
        assert "\n" not in str(exc)


def test_parse_bytes_of_read_input_is_load_page(tmp_path: Path) -> None:
    path = _write(tmp_path, PAGE.encode("utf-8"))
    assert parse_bytes(read_input(path), path) == load_page(path)
    with pytest.raises(PageError, match=r"^x\.txt: the file is empty$"):
        parse_bytes(b" \n", "x.txt")
    with pytest.raises(PageError, match="no such file"):
        read_input(str(tmp_path / "missing.txt"))


@pytest.mark.parametrize("text", ["a\r\nb\rc\n\r\n", "no breaks", "\r", "ж\r\nж", ""])
def test_newlines_normalise_the_same_on_text_and_on_its_utf8_bytes(text: str) -> None:
    from tui_reader.parse.decode import normalise_newlines

    assert "\r" not in normalise_newlines(text)
    assert normalise_newlines(text.encode()) == normalise_newlines(text).encode()
