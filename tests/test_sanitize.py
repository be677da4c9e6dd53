from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from tui_reader.sanitize import visible


def test_escape_sequences_become_visible():
    assert visible("\x1b[31mred\x1b[0m") == "␛[31mred␛[0m"
    assert visible("\x1b]8;;http://x\x07link") == "␛]8;;http://x␇link"


def test_c1_and_bidi_are_labelled():
    assert visible("a\x9bb") == "a⟨U+009B⟩b"
    assert visible("abc\u202edef") == "abc⟨RLO⟩def"


def test_newlines_kept_only_when_asked():
    assert visible("a\nb") == "a␊b"
    assert visible("a\nb", keep_newlines=True) == "a\nb"


def test_plain_text_untouched():
    text = "Привет [bold]world[/] 😀 中文"
    assert visible(text) == text


@given(st.text())
def test_no_control_character_survives(text):
    for char in visible(text):
        assert unicodedata.category(char) != "Cc"
        assert char not in "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u061c"


def test_printable_shortcut_is_exact():
    """`visible` skips printable text; that is only right if it never replaces a printable char."""
    from tui_reader.sanitize import _INLINE_TABLE, _MULTILINE_TABLE, _with_surrogates

    tables = (_INLINE_TABLE, _MULTILINE_TABLE, _with_surrogates(False), _with_surrogates(True))
    for table in tables:
        assert not any(chr(code).isprintable() for code in table)


def test_surrogates_marks_separators_and_bom_are_labelled():
    text = "a\udc00b\u200ec\u200fd\u2028e\u2029f\ufeffg"
    shown = visible(text, keep_newlines=True)
    assert shown == "a⟨U+DC00⟩b⟨LRM⟩c⟨RLM⟩d⟨LS⟩e⟨PS⟩f⟨BOM⟩g"
    shown.encode("utf-8")  # nothing left that a UTF-8 terminal cannot take
    assert visible("\ud83d") == "⟨U+D83D⟩"
    assert visible("x\ud83d\ny") == "x⟨U+D83D⟩␊y"
    assert visible("x\ud83d\ny", keep_newlines=True) == "x⟨U+D83D⟩\ny"
