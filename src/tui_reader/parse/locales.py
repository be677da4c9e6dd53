"""Interface words of the site per language, in one table, and the matchers built from it.

A saved page is the site's interface text in whatever language the viewer used:
"Рет қаралды 65,882" (Kazakh), "65 882 просмотра" (Russian), "65,882 views" (English),
"65.882 Aufrufe" (German), and so on for Spanish, Portuguese, French, Italian, Turkish,
Ukrainian and Polish. Every word the parser recognises lives in `LOCALES`; the regexes
below are compiled once from that table, so adding a language is adding one entry,
never an `if`. A page in a language not listed still parses (see `blocks`), but its
ages cannot be read, and the thread rules then lose their strongest veto (AGE ORDER).

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
    pinned_after_words: tuple[str, ...] = ()  # "@handle бекітті": the words after the handle
    now_words: tuple[str, ...] = ()  # ages of zero ("just now")
    ago_first: bool = False  # the "ago" word comes first: "vor 2 Tagen", "hace 2 días"


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
        pinned_after_words=("бекітті", "бекіткен", "бекітілген"),
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
    Locale(
        code="de",
        views_words=("Aufrufe", "Aufruf"),
        comments_words=("Kommentare", "Kommentar"),
        ago_words=("vor",),
        ago_first=True,
        units={
            "Sekunde": 1,
            "Sekunden": 1,
            "Minute": MINUTE,
            "Minuten": MINUTE,
            "Stunde": HOUR,
            "Stunden": HOUR,
            "Tag": DAY,
            "Tagen": DAY,
            "Woche": WEEK,
            "Wochen": WEEK,
            "Monat": MONTH,
            "Monaten": MONTH,
            "Jahr": YEAR,
            "Jahren": YEAR,
        },
        one_words=("einer", "einem"),
        edited_words=("(bearbeitet)",),
        magnitudes={"Tsd.": 1_000, "Mio.": 1_000_000, "Mrd.": 1_000_000_000},
        pinned_words=("Angepinnt von",),
    ),
    Locale(
        code="es",
        views_words=("visualizaciones", "visualización", "de visualizaciones"),
        comments_words=("comentarios", "comentario"),
        ago_words=("hace",),
        ago_first=True,
        units={
            "segundo": 1,
            "segundos": 1,
            "minuto": MINUTE,
            "minutos": MINUTE,
            "hora": HOUR,
            "horas": HOUR,
            "día": DAY,
            "días": DAY,
            "semana": WEEK,
            "semanas": WEEK,
            "mes": MONTH,
            "meses": MONTH,
            "año": YEAR,
            "años": YEAR,
        },
        one_words=("un", "una"),
        edited_words=("(editado)",),
        magnitudes={"mil": 1_000, "M": 1_000_000},
        pinned_words=("Fijado por",),
    ),
    Locale(
        code="pt",
        views_words=("visualizações", "visualização", "de visualizações"),
        comments_words=("comentários", "comentário"),
        ago_words=("há",),
        ago_first=True,
        units={
            "segundo": 1,
            "segundos": 1,
            "minuto": MINUTE,
            "minutos": MINUTE,
            "hora": HOUR,
            "horas": HOUR,
            "dia": DAY,
            "dias": DAY,
            "semana": WEEK,
            "semanas": WEEK,
            "mês": MONTH,
            "meses": MONTH,
            "ano": YEAR,
            "anos": YEAR,
        },
        one_words=("um", "uma"),
        edited_words=("(editado)",),
        magnitudes={"mil": 1_000, "mi": 1_000_000, "bi": 1_000_000_000},
        pinned_words=("Fixado por",),
    ),
    Locale(
        code="fr",
        views_words=("vues", "vue", "de vues"),
        comments_words=("commentaires", "commentaire"),
        ago_words=("il y a",),
        ago_first=True,
        units={
            "seconde": 1,
            "secondes": 1,
            "minute": MINUTE,
            "minutes": MINUTE,
            "heure": HOUR,
            "heures": HOUR,
            "jour": DAY,
            "jours": DAY,
            "semaine": WEEK,
            "semaines": WEEK,
            "mois": MONTH,
            "an": YEAR,
            "ans": YEAR,
        },
        one_words=("un", "une"),
        edited_words=("(modifié)",),
        magnitudes={"k": 1_000, "M": 1_000_000, "Md": 1_000_000_000},
        pinned_words=("Épinglé par",),
    ),
    Locale(
        code="it",
        views_words=("visualizzazioni", "visualizzazione", "di visualizzazioni"),
        comments_words=("commenti", "commento"),
        ago_words=("fa",),
        units={
            "secondo": 1,
            "secondi": 1,
            "minuto": MINUTE,
            "minuti": MINUTE,
            "ora": HOUR,
            "ore": HOUR,
            "giorno": DAY,
            "giorni": DAY,
            "settimana": WEEK,
            "settimane": WEEK,
            "mese": MONTH,
            "mesi": MONTH,
            "anno": YEAR,
            "anni": YEAR,
        },
        one_words=("un", "una", "uno"),
        edited_words=("(modificato)",),
        magnitudes={"Mln": 1_000_000, "Mrd": 1_000_000_000},
        pinned_words=("Fissato da",),
    ),
    Locale(
        code="tr",
        views_words=("görüntüleme",),
        comments_words=("yorum", "Yorumlar"),
        ago_words=("önce",),
        units={
            "saniye": 1,
            "dakika": MINUTE,
            "saat": HOUR,
            "gün": DAY,
            "hafta": WEEK,
            "ay": MONTH,
            "yıl": YEAR,
        },
        one_words=("bir",),
        edited_words=("(düzenlendi)",),
        # "B" is bin (thousand) here and billion in English: a suffix is read in the
        # language of the word beside the count (see `_labelled`).
        magnitudes={"B": 1_000, "Mn": 1_000_000, "Mr": 1_000_000_000},
        pinned_words=(),
        pinned_after_words=("tarafından sabitlendi",),
    ),
    Locale(
        code="uk",
        views_words=("переглядів", "перегляди", "перегляду", "перегляд"),
        comments_words=("коментарів", "коментарі", "коментаря", "коментар"),
        ago_words=("тому",),
        units={
            "секунду": 1,
            "секунди": 1,
            "секунд": 1,
            "хвилину": MINUTE,
            "хвилини": MINUTE,
            "хвилин": MINUTE,
            "годину": HOUR,
            "години": HOUR,
            "годин": HOUR,
            "день": DAY,
            "дні": DAY,
            "днів": DAY,
            "тиждень": WEEK,
            "тижні": WEEK,
            "тижнів": WEEK,
            "місяць": MONTH,
            "місяці": MONTH,
            "місяців": MONTH,
            "рік": YEAR,
            "роки": YEAR,
            "років": YEAR,
        },
        one_words=("одну", "один"),
        edited_words=("(змінено)",),
        magnitudes={"тис.": 1_000, "тис": 1_000, "млн": 1_000_000, "млрд": 1_000_000_000},
        pinned_words=("Закріплено користувачем",),
    ),
    Locale(
        code="pl",
        views_words=("wyświetleń", "wyświetlenia", "wyświetlenie"),
        comments_words=("komentarzy", "komentarze", "komentarz"),
        ago_words=("temu",),
        units={
            "sekundę": 1,
            "sekundy": 1,
            "sekund": 1,
            "minutę": MINUTE,
            "minuty": MINUTE,
            "minut": MINUTE,
            "godzinę": HOUR,
            "godziny": HOUR,
            "godzin": HOUR,
            "dzień": DAY,
            "dni": DAY,
            "tydzień": WEEK,
            "tygodnie": WEEK,
            "tygodni": WEEK,
            "miesiąc": MONTH,
            "miesiące": MONTH,
            "miesięcy": MONTH,
            "rok": YEAR,
            "lata": YEAR,
            "lat": YEAR,
        },
        one_words=("jeden", "jedną", "jedna"),
        edited_words=("(edytowany)",),
        magnitudes={"tys.": 1_000, "mln": 1_000_000, "mld": 1_000_000_000},
        pinned_words=("Przypięty przez",),
    ),
)


def _alternation(words: list[str]) -> str:
    """Longest first, so "минуты" wins over "минут"."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _lookup(pairs: list[tuple[str, int]]) -> dict[str, int]:
    """Case-folded word -> value; the first language to list a word decides its value
    (English "b" is a billion, Turkish "B" a thousand: see `parse_count`)."""
    table: dict[str, int] = {}
    for word, value in pairs:
        table.setdefault(word.casefold(), value)
    return table


_ALL_UNITS = _lookup([(u, s) for loc in LOCALES for u, s in loc.units.items()])
_ALL_ONES = {w.casefold() for loc in LOCALES for w in loc.one_words}
_ALL_MAGNITUDES = _lookup([(m, v) for loc in LOCALES for m, v in loc.magnitudes.items()])
_MAGNITUDES_OF = {loc.code: _lookup(list(loc.magnitudes.items())) for loc in LOCALES}
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
_AGO = _alternation([w for loc in LOCALES if not loc.ago_first for w in loc.ago_words])
_AGO_FIRST = _alternation([w for loc in LOCALES if loc.ago_first for w in loc.ago_words])
_ONES = _alternation(list(_ALL_ONES))
_UNITS = _alternation(list(_ALL_UNITS))


# One pattern for both word orders, each part once (an alternation of the two orders
# compiled every unit word twice: ~1.3 ms more before the reader's first paint);
# `_age_match` keeps only matches with exactly one "ago" word.
_AGE_RE = re.compile(
    rf"(?:(?P<ago_first>{_AGO_FIRST})\s+)?"
    rf"(?:(?P<num>\d+)\s+|(?P<one>{_ONES})\s+)?(?P<unit>{_UNITS})"
    rf"(?:\s+(?P<ago>{_AGO}))?"
    rf"(?:\s*(?:{_EDITED}))?",
    re.IGNORECASE,
)
_AGO_END_RE = re.compile(
    rf"(?:^|\s)(?:{_AGO})"
    rf"(?:\s*(?:{_EDITED}))?\Z",
    re.IGNORECASE,
)
_AGO_START_RE = re.compile(rf"(?:{_AGO_FIRST})\s+\d", re.IGNORECASE)
_ANY_NUMBER_RE = re.compile(r"\d+(?:[\s.,]\d{3})*")
_NOW_RE = re.compile(
    rf"(?:{_alternation([w for loc in LOCALES for w in loc.now_words])})(?:\s*(?:{_EDITED}))?",
    re.IGNORECASE,
)
_VIEWS_WORDS = _alternation([w for loc in LOCALES for w in loc.views_words])
_COMMENTS_WORDS = _alternation([w for loc in LOCALES for w in loc.comments_words])
_MAGNITUDE = _alternation(list(_ALL_MAGNITUDES))


def _labelled_count(words: str, colon: str) -> re.Pattern[str]:
    """"<word>: <count>" or "<count> <word>", the two shapes of views and comment counts,
    in one pattern with each part once (`_labelled` keeps exactly one word)."""
    return re.compile(
        rf"(?:(?P<pre>{words}){colon})?"
        rf"(?P<num>{_NUMBER})(?:\s*(?P<mag>{_MAGNITUDE})(?!\w))?"
        rf"(?:\s*(?P<post>{words}))?",
        re.IGNORECASE,
    )


_VIEWS_RE = _labelled_count(_VIEWS_WORDS, r"[\s:]+")
_COMMENTS_RE = _labelled_count(_COMMENTS_WORDS, r"\s*:?\s*")
_PINNED_RE = re.compile(
    rf"(?:{_alternation([w for loc in LOCALES for w in loc.pinned_words])})\s*:?\s*@(\S+)"
    rf"|@(\S+)\s+(?:{_alternation([w for loc in LOCALES for w in loc.pinned_after_words])})",
    re.IGNORECASE,
)
_DURATION_RE = re.compile(r"(?:\d{1,2}:)?\d{1,2}:\d{2}")
# Interface phrases are short; capping what the regexes see keeps every line linear.
_MAX_PHRASE = 120
_SEPARATORS = str.maketrans("", "", " \u00a0\u202f,.")


def parse_count(number: str, magnitude: str | None, language: str | None = None) -> int | None:
    """Turn "65,882", "1,1" + "МЛН", "101" + "М.", "1.2" + "K", "1 234" into an int.

    With a suffix, a comma or dot followed by one or two digits is a decimal mark
    ("1,1 МЛН"); without one every separator groups thousands ("65,882", "65.882").
    The suffix means what it means in `language` when that language has it ("487 B"
    is 487 thousand in Turkish, "3B" three billion in English), else in any language.
    """
    number = number.strip(" \u00a0\u202f.,")
    if not number:
        return None
    multiplier = 1
    if magnitude:
        folded = magnitude.casefold()
        multiplier = _MAGNITUDES_OF.get(language or "", {}).get(folded) or _ALL_MAGNITUDES.get(
            folded, 1
        )
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
    match = _age_match(text)
    if match is None:
        return 0 if _NOW_RE.fullmatch(text) else None
    count = int(match["num"]) if match["num"] else 1
    return count * _ALL_UNITS[match["unit"].casefold()]


def _age_match(text: str, start: int = 0) -> re.Match[str] | None:
    """`_AGE_RE` over all of text[start:], with its "ago" word on exactly one side."""
    match = _AGE_RE.fullmatch(text, start)
    if match is None or (match["ago"] is None) == (match["ago_first"] is None):
        return None
    return match


def has_ago_word(text: str) -> bool:
    """An age phrase whose unit we may not know but whose "ago" word we do: at the end
    ("1 неделя назад") or, where it comes first, before a number ("vor 3 Jahrzehnten")."""
    return len(text) <= _MAX_PHRASE and (
        _AGO_END_RE.search(text) is not None or _AGO_START_RE.match(text) is not None
    )


def ends_with_age(text: str) -> bool:
    """A published line such as "Streamed 2 days ago" or "Трансляция закончилась 3 дня назад".

    The age pattern is tried at the start and after each space, rather than compiled a
    second time with an end anchor: that copy cost the first paint half a millisecond.
    """
    text = text.strip()
    return _age_match(text) is not None or any(
        _age_match(text, index + 1) for index, char in enumerate(text) if char.isspace()
    )


def guess_count(text: str) -> int | None:
    """The first number in a views line of an unknown language ("Aufrufe: 65.882")."""
    match = _ANY_NUMBER_RE.search(text)
    return parse_count(match[0], None) if match else None


def age_language(text: str) -> str | None:
    """The language whose "ago" word this age phrase uses."""
    match = _age_match(text.strip())
    if match is None:
        return None
    return _WORD_LANGUAGE.get((match["ago"] or match["ago_first"]).casefold())


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
    if match is None or (match["pre"] is None) == (match["post"] is None):
        return None
    language = _WORD_LANGUAGE.get((match["pre"] or match["post"]).casefold(), "")
    return parse_count(match["num"], match["mag"], language), language


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
