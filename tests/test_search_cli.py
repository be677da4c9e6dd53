"""`--search` for scripts: grep-like exit codes, a stable JSON shape, inert output."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest

from tui_reader import cli
from tui_reader.model import Comment, Page
from tui_reader.parse import load_page
from tui_reader.search_cli import QueryError, run_search

FIXTURE = Path(__file__).parent / "fixtures" / "search" / "hall_tour.txt"
# ESC, CSI (C1), BEL, bidi overrides and isolates: none may reach the terminal raw.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture(scope="module")
def page() -> Page:
    return load_page(str(FIXTURE))


def _run(page: Page, query: str, *, limit: int = 20, as_json: bool = False) -> tuple[int, str]:
    out = io.StringIO()
    code = run_search(page, query, limit, as_json, out)
    return code, out.getvalue()


def test_exit_status_like_grep(page: Page) -> None:
    assert _run(page, "heat reuse")[0] == 0
    code, text = _run(page, "zzqxv")
    assert code == 1 and text == ""
    code, text = _run(page, "zzqxv", as_json=True)
    assert code == 1 and json.loads(text) == []


def test_text_lines_are_tab_separated_and_limited(page: Page) -> None:
    code, text = _run(page, "the", limit=3)
    lines = text.splitlines()
    assert code == 0 and len(lines) == 3
    first = lines[0].split("\t")
    assert len(first) == 4 and first[1].startswith("@")
    assert float(first[2]) > 0


def test_json_shape(page: Page) -> None:
    code, text = _run(page, "multi lora", as_json=True)
    hits = json.loads(text)
    assert code == 0 and len(hits) == 2
    for hit in hits:
        assert set(hit) == {"id", "author", "score", "snippet", "spans"}
        assert isinstance(hit["score"], float)
        assert [hit["snippet"][a:b].casefold() for a, b in hit["spans"]] == ["multi", "lora"]
    assert hits[0]["author"] == "LoraFan42"
    assert hits[0]["id"] in {c.id for c in page.comments}


def test_output_never_carries_escapes_or_bidi() -> None:
    hostile = "\x1b]0;owned\x07 alert \x1b[2J\u202eevil\u202c \x9b31m done \u2066x\u2069"
    page = Page(
        title="t",
        comments=(
            Comment(id="c1", author="bad\x1b[31mname", age=None, age_seconds=None, text=hostile),
        ),
    )
    for as_json in (False, True):
        code, text = _run(page, "alert", as_json=as_json)
        assert code == 0
        assert not _UNSAFE.search(text.replace("\n", "")), repr(text)
    hit = json.loads(_run(page, "alert", as_json=True)[1])[0]
    assert [hit["snippet"][a:b] for a, b in hit["spans"]] == ["alert"]


def test_terminal_output_bolds_only_the_matches(page: Page) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    out = Terminal()
    run_search(page, "iphone", 5, False, out)
    assert "\x1b[1miPhone\x1b[0m" in out.getvalue()
    assert out.getvalue().count("\x1b[") == 2


def test_search_uses_the_cache(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MECHANICS_TUI_CACHE_DIR", str(tmp_path / "cache"))
    for _ in range(2):  # cold, then warm
        assert cli.main([str(FIXTURE), "--search", "russinovic", "--limit", "5"]) == 0
        assert "@PixelPenguin" in capsys.readouterr().out
    assert list((tmp_path / "cache").glob("*.mtcache"))


def test_through_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MECHANICS_TUI_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.main([str(FIXTURE), "--search", "охлаждение", "--json"]) == 0
    hits = json.loads(capsys.readouterr().out)
    assert hits[0]["author"] == "SergeyK"
    assert cli.main([str(FIXTURE), "--search", "zzqxv"]) == 1
    assert capsys.readouterr().out == ""


def test_a_bad_filter_raises_before_printing(page: Page) -> None:
    out = io.StringIO()
    with pytest.raises(QueryError, match=r'"is:chanel" \(did you mean is:channel\?\)'):
        run_search(page, "pumps is:chanel", 20, False, out)
    assert out.getvalue() == ""


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("is:chanel", 'unknown filter "is:chanel" (did you mean is:channel?)'),
        ("replies>x", "replies>x: a number is needed"),
        ("author:", "author: needs a name"),
        ("chapter:99", "chapter:99: this page has"),
    ],
)
def test_a_bad_filter_is_bad_usage_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    message: str,
) -> None:
    monkeypatch.setenv("MECHANICS_TUI_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.main([str(FIXTURE), "--search", query]) == cli.EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"mechanics-tui: --search: {message}")


def test_words_with_a_colon_still_search_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MECHANICS_TUI_CACHE_DIR", str(tmp_path / "cache"))
    assert cli.main([str(FIXTURE), "--search", "zzqxv:30"]) == 1
    assert capsys.readouterr().err == ""


def test_a_word_after_an_escape_sequence_is_found_on_the_command_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    escapes = Path(__file__).parent / "fixtures" / "pages" / "escapes.txt"
    assert cli.main([str(escapes), "--search", "cleared"]) == 0
    out = capsys.readouterr().out
    assert "cleared your screen" in out and "\x1b" not in out
