"""Opening words that mark a comment as an answer to the one above it, per language.

Thread reconstruction prefers evidence from ages and structure; wording is its last
resort (the ANSWER_CUE rule in `threads.py`). Only words that answer *someone* are
listed: agreement or denial ("Yes,", "Да,", "Иә,") and laughing at what was said
("Haha,"). Words that react just as often to the video itself are left out on
purpose: "Oh," / "Ah," / "Wow," open top-level comments as often as replies, and
"Thanks," thanks the channel for the video more often than anyone in a thread.

A word counts only as the whole first word of the text, followed at once by
punctuation or the end of the text: "No, that's not how it works" answers, "No one
explains it this well" does not. This table is separate from `locales.py` (the
site's interface words) because these are the commenters' words, not the site's.
Data, not code: add a language by adding an entry.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

ANSWER_OPENERS: Mapping[str, tuple[str, ...]] = {
    "en": (
        "yes", "yeah", "yep", "yup", "no", "nope", "nah", "exactly", "agreed", "true",
        "same", "indeed", "correct", "definitely", "absolutely", "right",
        "ha", "haha", "hahaha", "lol",
    ),
    "ru": (
        "да", "ага", "угу", "нет", "неа", "точно", "именно", "верно", "согласен",
        "согласна", "правда", "ха", "хаха", "хахаха",
    ),
    "kk": (
        "иә", "ия", "иа", "жоқ", "дұрыс", "рас", "әрине", "келісемін", "ха", "хаха",
    ),
}  # fmt: skip

# The first word, then what may follow it: punctuation that ends a short answer, or
# nothing. Most texts fail here (a space follows their first word) before any lookup.
_FIRST_WORD = re.compile(r"\s*+(\w++)(?:[,.!…:;—–]|\s*+$)")
_OPENERS = frozenset(word for words in ANSWER_OPENERS.values() for word in words)


def opens_as_answer(text: str) -> bool:
    """Whether `text` opens with a word from ANSWER_OPENERS followed by punctuation."""
    match = _FIRST_WORD.match(text)
    return match is not None and match.group(1).casefold() in _OPENERS
