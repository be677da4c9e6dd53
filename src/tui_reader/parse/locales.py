"""Interface words of the site per language, in one table, and the matchers built from it.

A saved page is the site's interface text in whatever language the viewer used:
"Рет қаралды 65,882" (Kazakh), "65 882 просмотра" (Russian), "65,882 views" (English).
Every word the parser recognises lives in `LOCALES`; the regexes below are compiled
once from that table, so adding a language is adding one entry, never an `if`.

Ages are approximate, as the site shows them: minute 60 s, hour 3600 s, day 86400 s,
week 7 days, month 30 days, year 365 days. A phrase without a number ("Күн бұрын",
"месяц назад", "a day ago") means one unit.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple

from tui_reader.parse.timestamps import clock_seconds

MINUTE = 60
HOUR = 60 * MINUTE
DAY = 24 * HOUR
WEEK = 7 * DAY
MONTH = 30 * DAY
YEAR = 365 * DAY


class Locale(NamedTuple):
    """The interface words of one language (all matched case-insensitively)."""

    code: str
    views_words: tuple[str, ...]  # words before or after the view count
    comments_words: tuple[str, ...]  # "Comments: 78" or "78 comments"
    ago_words: tuple[str, ...]  # the word that makes "5 days" an age
    units: Mapping[str, int]  # every written form of an age unit -> seconds
    one_words: tuple[str, ...]  # words that stand for the number one ("a day ago")
    edited_words: tuple[str, ...]  # marker after the age of an edited comment
    magnitudes: Mapping[str, int]  # view-count suffixes -> multiplier
    pinned_words: tuple[str, ...]  # "Pinned by @handle" line before a pinned comment
    now_words: tuple[str, ...] = ()  # ages of zero ("just now")


LOCALES: tuple[Locale, ...] = (
    Locale(
        code="kk",
        views_words=("Рет қаралды", "қаралым"),
        comments_words=("Пікірлер", "пікір"),
        ago_words=("бұрын",),
        units={
            "секунд": 1,
            "минут": MINUTE,
            "сағат": HOUR,
            "күн": DAY,
            "апта": WEEK,
            "ай": MONTH,
            "жыл": YEAR,
        },
        one_words=("бір",),
        edited_words=("(өңделген)", "(өзгертілген)"),
        magnitudes={"м.": 1_000, "мың": 1_000, "млн": 1_000_000, "млрд": 1_000_000_000},
        pinned_words=("Бекітілген",),
    ),
    Locale(
        code="ru",
        views_words=("просмотров", "просмотра", "просмотр", "Просмотры"),
        comments_words=("Комментарии", "комментариев", "комментария", "комментарий"),
        ago_words=("назад",),
        units={
            "секунда": 1,
            "секунду": 1,
            "секунды": 1,
            "секунд": 1,
            "минута": MINUTE,
            "минуту": MINUTE,
            "минуты": MINUTE,
            "минут": MINUTE,
            "час": HOUR,
            "часа": HOUR,
            "часов": HOUR,
            "день": DAY,
            "дня": DAY,
            "дней": DAY,
            "неделя": WEEK,
            "неделю": WEEK,
            "недели": WEEK,
            "недель": WEEK,
            "месяц": MONTH,
            "месяца": MONTH,
            "месяцев": MONTH,
            "год": YEAR,
            "года": YEAR,
            "лет": YEAR,
        },
        one_words=("одну", "один", "одна"),
        edited_words=("(изменено)",),
        magnitudes={"тыс.": 1_000, "тыс": 1_000, "млн": 1_000_000, "млрд": 1_000_000_000},
        pinned_words=("Закреплено пользователем", "Закреплено автором"),
        now_words=("только что",),
    ),
    Locale(
        code="en",
        views_words=("views", "view"),
        comments_words=("Comments", "comments", "comment"),
        ago_words=("ago",),
        units={
            "second": 1,
            "seconds": 1,
            "minute": MINUTE,
            "minutes": MINUTE,
            "hour": HOUR,
            "hours": HOUR,
            "day": DAY,
            "days": DAY,
            "week": WEEK,
            "weeks": WEEK,
            "month": MONTH,
            "months": MONTH,
            "year": YEAR,
            "years": YEAR,
        },
        one_words=("a", "an", "one"),
        edited_words=("(edited)",),
        magnitudes={"k": 1_000, "m": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000},
        pinned_words=("Pinned by",),
        now_words=("just now",),
    ),
)


def _alternation(words: list[str]) -> str:
    """Longest first, so "минуты" wins over "минут"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _lookup(pairs: list[tuple[str, int]]) -> dict[str, int]:
    return {word.casefold(): value for word, value in pairs}


_ALL_UNITS = _lookup([(u, s) for loc in LOCALES for u, s in loc.units.items()])
_ALL_ONES = {w.casefold() for loc in LOCALES for w in loc.one_words}
_ALL_MAGNITUDES = _lookup([(m, v) for loc in LOCALES for m, v in loc.magnitudes.items()])
_WORD_LANGUAGE = {
    w.casefold(): loc.code
    for loc in LOCALES
    for w in (*loc.views_words, *loc.comments_words, *loc.ago_words)
}

# `\s` already holds the no-break spaces (U+00A0, U+202F) that group thousands. Naming
# them in the class as well made Python build a 64K-entry table for it: ~0.3 ms of
# start-up per use, and the reader's first paint waits for the parser's regexes.
_NUMBER = r"\d[\d\s.,]*"
_EDITED = _alternation([w for loc in LOCALES for w in loc.edited_words])
_AGO = _alternation([w for loc in LOCALES for w in loc.ago_words])
_AGE_RE = re.compile(
    rf"(?:(?P<num>\d+)\s+|(?P<one>{_alternation(list(_ALL_ONES))})\s+)?"
    rf"(?P<unit>{_alternation(list(_ALL_UNITS))})\s+"
    rf"(?P<ago>{_AGO})"
    rf"(?:\s*(?:{_EDITED}))?",
    re.IGNORECASE,
)
_AGO_END_RE = re.compile(
    rf"(?:^|\s)(?:{_AGO})"
    rf"(?:\s*(?:{_EDITED}))?\Z",
    re.IGNORECASE,
)
_ANY_NUMBER_RE = re.compile(r"\d+(?:[\s.,]\d{3})*")
_NOW_RE = re.compile(
    rf"(?:{_alternation([w for loc in LOCALES for w in loc.now_words])})(?:\s*(?:{_EDITED}))?",
    re.IGNORECASE,
)
_VIEWS_WORDS = _alternation([w for loc in LOCALES for w in loc.views_words])
_COMMENTS_WORDS = _alternation([w for loc in LOCALES for w in loc.comments_words])
_MAGNITUDE = _alternation(list(_ALL_MAGNITUDES))


def _count(tag: str) -> str:
    """A number with an optional magnitude suffix; `tag` keeps group names unique."""
    return rf"(?P<num{tag}>{_NUMBER})(?:\s*(?P<mag{tag}>{_MAGNITUDE})(?!\w))?"


def _labelled_count(words: str, colon: str) -> re.Pattern[str]:
    """"<word>: <count>" or "<count> <word>", the two shapes of views and comment counts."""
    return re.compile(
        rf"(?P<pre>{words}){colon}{_count('1')}|{_count('2')}\s*(?P<post>{words})",
        re.IGNORECASE,
    )


_VIEWS_RE = _labelled_count(_VIEWS_WORDS, r"[\s:]+")
_COMMENTS_RE = _labelled_count(_COMMENTS_WORDS, r"\s*:?\s*")
_PINNED_RE = re.compile(
    rf"(?:{_alternation([w for loc in LOCALES for w in loc.pinned_words])})\s*:?\s*@(\S+)"
    r"|@(\S+)\s+(?:бекітті|бекіткен|бекітілген)",
    re.IGNORECASE,
)
_DURATION_RE = re.compile(r"(?:\d{1,2}:)?\d{1,2}:\d{2}")
# Interface phrases are short; capping what the regexes see keeps every line linear.
_MAX_PHRASE = 120
_SEPARATORS = str.maketrans("", "", " \u00a0\u202f,.")


def parse_count(number: str, magnitude: str | None) -> int | None:
    """Turn "65,882", "1,1" + "МЛН", "101" + "М.", "1.2" + "K", "1 234" into an int.

    With a suffix, a comma or dot followed by one or two digits is a decimal mark
    ("1,1 МЛН"); without one every separator groups thousands ("65,882", "65.882").
    """
    number = number.strip(" \u00a0\u202f.,")
    if not number:
        return None
    multiplier = _ALL_MAGNITUDES.get(magnitude.casefold(), 1) if magnitude else 1
    decimal = re.fullmatch(r"(\d+)[.,](\d{1,2})", number) if multiplier > 1 else None
    if decimal:
        whole, frac = decimal.groups()
        return (int(whole) * 100 + int(frac.ljust(2, "0"))) * multiplier // 100
    digits = number.translate(_SEPARATORS)
    return int(digits) * multiplier if digits.isdigit() else None


def parse_age(text: str) -> int | None:
    """Approximate seconds for an age phrase ("5 ай бұрын", "месяц назад"); None if unknown."""
    text = text.strip()
    if len(text) > _MAX_PHRASE:
        return None
    match = _AGE_RE.fullmatch(text)
    if match is None:
        return 0 if _NOW_RE.fullmatch(text) else None
    count = int(match["num"]) if match["num"] else 1
    return count * _ALL_UNITS[match["unit"].casefold()]


def ends_with_ago(text: str) -> bool:
    """An age phrase whose unit we may not know but whose "ago" word we do ("1 неделя назад")."""
    return len(text) <= _MAX_PHRASE and _AGO_END_RE.search(text) is not None


def ends_with_age(text: str) -> bool:
    """A published line such as "Streamed 2 days ago" or "Трансляция закончилась 3 дня назад".

    The age pattern is tried at the start and after each space, rather than compiled a
    second time with an end anchor: that copy cost the first paint half a millisecond.
    """
    text = text.strip()
    return _AGE_RE.fullmatch(text) is not None or any(
        _AGE_RE.fullmatch(text, index + 1) for index, char in enumerate(text) if char.isspace()
    )


def guess_count(text: str) -> int | None:
    """The first number in a views line of an unknown language ("Aufrufe: 65.882")."""
    match = _ANY_NUMBER_RE.search(text)
    return parse_count(match[0], None) if match else None


def age_language(text: str) -> str | None:
    """The language whose "ago" word this age phrase uses."""
    match = _AGE_RE.fullmatch(text.strip())
    return _WORD_LANGUAGE.get(match["ago"].casefold()) if match else None


def parse_views(line: str) -> tuple[int | None, str] | None:
    """(count, language) if `line` is a views line ("Рет қаралды 1,1 МЛН", "12K views")."""
    return _labelled(_VIEWS_RE, line)


def parse_comments_header(line: str) -> tuple[int | None, str] | None:
    """(declared count, language) if `line` is a comments header ("Пікірлер: 78")."""
    return _labelled(_COMMENTS_RE, line)


def _labelled(pattern: re.Pattern[str], line: str) -> tuple[int | None, str] | None:
    if len(line) > _MAX_PHRASE:
        return None
    match = pattern.fullmatch(line.strip(" \u00a0\u202f\t"))
    if match is None:
        return None
    word = match["pre"] or match["post"]
    count = parse_count(match["num1"] or match["num2"], match["mag1"] or match["mag2"])
    return count, _WORD_LANGUAGE.get(word.casefold(), "")


def pinned_handle(line: str) -> str | None:
    """The handle named by a "Pinned by @handle" line, else None."""
    if len(line) > _MAX_PHRASE:
        return None
    match = _PINNED_RE.fullmatch(line.strip())
    return (match[1] or match[2]) if match else None


def is_duration(line: str) -> bool:
    """A related video's length on its own line: "21:17", "1:02:03", "0:57"."""
    return _DURATION_RE.fullmatch(line.strip()) is not None


def duration_seconds(line: str) -> int | None:
    """Seconds of a "1:02:03" / "21:17" duration, None if it is not one."""
    text = line.strip()
    return clock_seconds(text) if _DURATION_RE.fullmatch(text) else None
