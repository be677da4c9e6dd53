"""Fuzzy comment search that stays fast on pages of any size.

Scoring every comment with rapidfuzz on each keystroke costs ~300 ms on a
100,000-comment page, so the work is split: the index is built once per page
(normalised words -> posting lists of comment positions), and a query fuzzy-matches
its few words against the page's *vocabulary* (tens of thousands of distinct words,
not millions of occurrences), then ranks only the comments that hold those words.

The index is self-contained (ids, authors, texts and filter flags as plain columns)
so the cache can load it and answer `--search` without rebuilding `Comment` objects.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left
from collections import OrderedDict
from collections.abc import Iterable, Iterator, Sequence
from heapq import merge, nlargest
from itertools import chain
from typing import Any

from attrs import frozen
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from tui_reader import stopping
from tui_reader.model import Page
from tui_reader.reasons import WEAK_REASONS
from tui_reader.sanitize import visible
from tui_reader.stopping import Stop

# Words joined by hyphens or apostrophes are one "compound": indexed as the whole
# (joined) and as its parts, so `multi lora`, `multilora` and `multi-lora` all find
# "Multi-LoRA".
_COMPOUND = re.compile(r"[^\W_]+(?:[-\u2010\u2011'\u2019][^\W_]+)*")
_JOINERS = re.compile(r"[-\u2010\u2011'\u2019]")
# Escape sequences are never part of a word: a terminal acts on them and shows nothing,
# so `␛[2J␛[Hcleared` holds the word "cleared", not "2J" and "Hcleared". CSI (ESC [ or
# its C1 byte), string commands such as OSC (up to BEL, ST, or a space or control, so an
# unterminated one cannot swallow the text), then any other ESC sequence. Control
# characters outside them split words already (they are not word characters).
_ESCAPE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P^_X]|[\x90\x98\x9d\x9e\x9f])[^\x00-\x20\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]?"
)
_C1_INTRODUCER = re.compile(r"[\x90\x98\x9b\x9d\x9e\x9f]")
# A URL scheme, `www.`, or a bare `host.tld/` as pages print shortened links.
_LINK = re.compile(r"(?:https?://|www\.)\S|[^\W_]\.[a-z]{2,}/", re.IGNORECASE)


def _without_escapes(text: str) -> str:
    """`text` with each escape sequence blanked to spaces of its length (offsets hold).

    The cheap tests come first: nearly every comment has no ESC, and `isascii` is O(1).
    """
    if "\x1b" not in text and (text.isascii() or _C1_INTRODUCER.search(text) is None):
        return text
    return _ESCAPE.sub(lambda match: " " * len(match.group()), text)


def words(text: str) -> list[str]:
    """The compounds of `text` as the index reads them (see `_COMPOUND`, `_ESCAPE`)."""
    return _COMPOUND.findall(_without_escapes(text))


def word_matches(text: str) -> Iterator[re.Match[str]]:
    """`words` with their places: offsets index `text` itself, for highlighting."""
    return _COMPOUND.finditer(_without_escapes(text))


def _has_link(text: str) -> bool:
    """Substring checks first: the regex alone costs seconds on a 100k-comment page."""
    return ("/" in text or "www." in text.casefold()) and _LINK.search(text) is not None

FLAG_CHANNEL = 1
FLAG_REPLY = 2
FLAG_INFERRED = 4
FLAG_LINK = 8
FLAG_TIME = 16
_FLAG_NAMES = {
    ("is", "channel"): FLAG_CHANNEL,
    ("is", "reply"): FLAG_REPLY,
    ("is", "inferred"): FLAG_INFERRED,
    ("has", "link"): FLAG_LINK,
    ("has", "time"): FLAG_TIME,
}

_SNIPPET_WIDTH = 100
_EXACT = 1000  # scores are integers in tenths of a point: sums stay exact
_QUERY_CACHE_SIZE = 64
# Above this many postings per remaining candidate, scanning the candidates' own
# texts is cheaper than walking a short prefix's posting lists.
_WORDS_PER_TEXT = 200
STATE_VERSION = 1


# Scripts written without spaces (kana, CJK ideographs, hangul): indexed as bigrams.
_CJK_CLASS = (
    "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\U00020000-\U0002ffff"
)
_CJK = re.compile(f"[{_CJK_CLASS}]")
_CJK_RUNS = re.compile(f"[{_CJK_CLASS}]+|[^{_CJK_CLASS}]+")


def _is_cjk(char: str) -> bool:
    return _CJK.match(char) is not None


def _is_latin(char: str) -> bool:
    code = ord(char)
    return code < 0x250 or 0x1E00 <= code <= 0x1EFF


def fold(word: str) -> str:
    """Case- and accent-free form of a word; accents go only from Latin letters.

    Cyrillic `й` must stay `й` (NFKD would split it into `и` + breve), while `é`
    should match `e`, as people type it.
    """
    word = word.casefold()
    if word.isascii():
        return word
    out: list[str] = []
    for char in word:
        if _is_latin(char) and not char.isascii():
            decomposed = unicodedata.normalize("NFKD", char)
            out.extend(c for c in decomposed if not unicodedata.combining(c))
        else:
            out.append(char)
    return unicodedata.normalize("NFC", "".join(out))


def _camel_pieces(part: str) -> list[str]:
    """`iPhone` -> i, Phone; `MultiLoRA` -> Multi, Lo, RA; `GPT4o` -> GPT, 4, o."""
    pieces: list[str] = []
    start = 0
    for i in range(1, len(part)):
        prev, cur = part[i - 1], part[i]
        nxt = part[i + 1] if i + 1 < len(part) else ""
        if (
            (prev.islower() and cur.isupper())
            or (prev.isupper() and cur.isupper() and nxt.islower())
            or (prev.isdigit() != cur.isdigit())
        ):
            pieces.append(part[start:i])
            start = i
    pieces.append(part[start:])
    return pieces


def _cjk_terms(run: str) -> list[str]:
    if len(run) == 1:
        return [run]
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _split_scripts(part: str) -> list[tuple[int, str, bool]]:
    """Split a word into runs of CJK and other letters: (offset, run, is_cjk)."""
    if _CJK.search(part) is None:
        return [(0, part, False)]
    return [(m.start(), m.group(), _is_cjk(m.group()[0])) for m in _CJK_RUNS.finditer(part)]


Piece = tuple[int, int, tuple[str, ...]]


def analyze(compound: str) -> tuple[Piece, ...]:
    """Index terms of one compound word, per piece: (start, end, terms) within it.

    The joined compound belongs to every piece, so a match on it highlights them all.
    Camel-case runs add their pieces and adjacent joins (`LoRA` in `MultiLoRA`).
    """
    if compound.isalnum() and _is_plain_case(compound) and _CJK.search(compound) is None:
        # Most words are one piece with one term: skip the general path, which costs
        # seconds on a page with hundreds of thousands of distinct words.
        return ((0, len(compound), (fold(compound),)),)
    return _analyze_general(compound)


def _is_plain_case(word: str) -> bool:
    """lower, UPPER, Capitalised or digits: no camel-case pieces to add."""
    return (
        word.islower()
        or word.isupper()
        or word.isdigit()
        or (word.isalpha() and word[1:].islower())
    )


def _analyze_general(compound: str) -> tuple[Piece, ...]:
    pieces: list[Piece] = []
    parts = [(m.start(), m.group()) for m in re.finditer(r"[^\W_]+", compound)]
    joined = fold(_JOINERS.sub("", compound)) if len(parts) > 1 else ""
    for offset, part in parts:
        for run_offset, run, cjk in _split_scripts(part):
            start = offset + run_offset
            if cjk:
                for i, bigram in enumerate(_cjk_terms(run)):
                    pieces.append((start + i, start + i + len(bigram), (bigram,)))
                continue
            terms = {fold(run)}
            if joined and _CJK.search(joined) is None:
                terms.add(joined)
            camel = _camel_pieces(run) if not (run.islower() or run.isupper()) else [run]
            if 1 < len(camel) <= 5:
                for i in range(len(camel)):
                    for j in range(i + 1, len(camel) + 1):
                        terms.add(fold("".join(camel[i:j])))
            pieces.append((start, start + len(run), tuple(sorted(terms))))
    return tuple(pieces)


def query_words(text: str) -> list[str]:
    """Words of a query: each compound joined and folded (`Multi-LoRA` -> `multilora`)."""
    found: list[str] = []
    for match in word_matches(text):
        compound = _JOINERS.sub("", match.group())
        for _offset, run, cjk in _split_scripts(compound):
            found.extend(_cjk_terms(run) if cjk else [fold(run)])
    return found


@frozen(slots=True)
class Hit:
    """One ranked comment: `position` indexes `page.comments`; spans index `snippet`."""

    position: int
    comment_id: str
    author: str
    score: float
    snippet: str
    spans: tuple[tuple[int, int], ...]


@frozen(slots=True)
class SearchResult:
    """The best `hits` in rank order and how many comments matched in all."""

    hits: tuple[Hit, ...]
    total: int


@frozen(slots=True)
class Query:
    """A parsed query: free words plus filters (None means "no restriction").

    `problem` names the first filter that is unknown or malformed (`is:chanel`,
    `replies>x`); the filters still parse leniently, but callers show the problem
    instead of results that would look like a real "nothing found".
    """

    words: tuple[str, ...]
    authors: tuple[str, ...] = ()
    flags_on: int = 0
    flags_off: int = 0
    replies: tuple[tuple[str, int], ...] = ()
    chapter: int | None = None
    problem: str | None = None


# `replies` followed by a comparison: the filter, whatever comes after it.
_REPLIES = re.compile(r"replies(>=|<=|>|<|=|:)(.*)$", re.IGNORECASE)
_FLAG_VALUES = {"is": ("channel", "reply", "inferred"), "has": ("link", "time")}
_FILTER_SPELLINGS = tuple(f"{key}:{value}" for key, value in _FLAG_NAMES)
# Keys long enough that a typo of them (`auther:x`, `chaptr:3`) is no ordinary word.
_LONG_KEYS = ("author", "chapter", "replies")
_KEY_SPLIT = re.compile(r"([^\W\d_]{4,})(>=|<=|>|<|=|:)(.+)$")


def _closest(token: str, spellings: Iterable[str]) -> str | None:
    """The filter spelling `token` most likely meant: one it starts, or a near one."""
    folded = token.casefold()
    choices = list(spellings)
    started = [choice for choice in choices if choice.startswith(folded)]
    if len(started) == 1:
        return started[0]
    best = process.extractOne(folded, choices, scorer=fuzz.ratio, score_cutoff=75)
    return best[0] if best else None


def _unknown(token: str, suggestion: str | None) -> str:
    hint = f" (did you mean {visible(suggestion)}?)" if suggestion else ""
    return f'unknown filter "{visible(token)}"{hint}'


def _flag_problem(key: str, value: str, negate: bool) -> str:
    sign = "-" if negate else ""
    if not value:
        names = _FLAG_VALUES[key.casefold()]
        listed = f"{', '.join(names[:-1])} or {names[-1]}"
        return f"{sign}{visible(key)}: needs {listed}"
    suggestion = _closest(f"{key}:{value}", _FILTER_SPELLINGS)
    return _unknown(f"{sign}{key}:{value}", sign + suggestion if suggestion else None)


def _key_typo(body: str) -> str | None:
    """The known filter `body` misspells (`auther:bob` -> `author:bob`), else None.

    Only words of four letters or more glued to a value count, so `10:30`, `note:` and
    `note:this` stay text; and only with a value that filter takes (a number for
    `chapter` and `replies`), so `chatter:x` stays text too.
    """
    match = _KEY_SPLIT.match(body)
    if match is None:
        return None
    key, sep, value = match.group(1).casefold(), match.group(2), match.group(3)
    if key in _LONG_KEYS:
        return None
    for known in _LONG_KEYS:
        takes_sep = known == "replies" or sep == ":"  # only `replies` compares with > < =
        # One edit, or two after the same four letters (`replys`): `chatter` stays a word.
        allowed = 2 if key[:4] == known[:4] else 1
        fits = known == "author" or value.isdigit()
        if takes_sep and fits and OSA.distance(key, known) <= allowed:
            return f"{known}{sep}{value}"
    return None


def _chapter_problem(value: str, chapters: int | None) -> str | None:
    if not value:
        return "chapter: needs a chapter number"
    if not value.isdigit():
        return f"chapter:{visible(value)}: a number is needed"
    number = int(value)
    if chapters is None or 1 <= number <= chapters:
        return None
    if chapters == 0:
        return f"chapter:{value}: this page has no chapters"
    return f"chapter:{value}: this page has {chapters} chapter" + ("" if chapters == 1 else "s")


def parse_query(text: str, chapters: int | None = None) -> Query:
    """Split filters (`@name`, `author:`, `is:`, `has:`, `replies>N`, `chapter:N`) from words.

    Unknown `key:value` tokens stay words (`9:00`, `note:` are text); a filter that is
    malformed or misspelt restricts nothing and is named in `Query.problem`. With
    `chapters` (how many the page has), `chapter:N` beyond them is a problem too.
    """
    words: list[str] = []
    authors: list[str] = []
    flags_on = flags_off = 0
    replies: list[tuple[str, int]] = []
    chapter: int | None = None
    problems: list[str] = []
    for token in text.split():
        negate = token.startswith("-") and len(token) > 1
        body = token[1:] if negate else token
        key, colon, value = body.partition(":")
        key_l, value_l = key.casefold(), value.casefold()
        replies_match = _REPLIES.match(body)
        if negate and (
            body.startswith("@") or (colon and key_l in ("author", "chapter")) or replies_match
        ):
            problems.append(f"{visible(token)}: only is: and has: filters can be negated")
        elif token.startswith("@"):
            if token.lstrip("@"):
                authors.append(fold(token.lstrip("@")))
        elif key_l == "author" and colon:
            if value.lstrip("@"):
                authors.append(fold(value.lstrip("@")))
            else:
                problems.append(f"{visible(body)} needs a name")
        elif (key_l, value_l) in _FLAG_NAMES:
            if negate:
                flags_off |= _FLAG_NAMES[key_l, value_l]
            else:
                flags_on |= _FLAG_NAMES[key_l, value_l]
        elif key_l in _FLAG_VALUES and colon:
            problems.append(_flag_problem(key, value, negate))
        elif key_l == "chapter" and colon:
            problem = _chapter_problem(value, chapters)
            if problem is not None:
                problems.append(problem)
            elif value.isdigit():
                chapter = int(value)
        elif replies_match:
            op = "=" if replies_match.group(1) == ":" else replies_match.group(1)
            if replies_match.group(2).isdigit():
                replies.append((op, int(replies_match.group(2))))
            else:
                problems.append(f"{visible(body)}: a number is needed")
        elif (typo := _key_typo(body)) is not None:
            problems.append(_unknown(token, ("-" if negate else "") + typo))
        else:
            words.extend(query_words(token))
    return Query(
        words=tuple(words),
        authors=tuple(authors),
        flags_on=flags_on,
        flags_off=flags_off,
        replies=tuple(replies),
        chapter=chapter,
        problem=problems[0] if problems else None,
    )


def _fuzzy_cutoff(word: str) -> float | None:
    """Edits allowed (OSA similarity, a transposition is one edit): one in 4-6 letters,
    two from 7; shorter words match exactly or as prefixes only."""
    if len(word) <= 3 or _CJK.search(word):
        return None
    if len(word) <= 4:
        return 0.75
    return 0.7


def _typo_ranges(terms: Sequence[str], word: str) -> list[tuple[int, int]]:
    """Where typos of `word` are looked for: terms starting with its first or second letter.

    The sorted vocabulary makes each a contiguous range, so a keystroke compares the
    word with a few thousand terms instead of all of them (hundreds of thousands on a
    big page). That covers typos after the first letter, a swapped or an extra first
    letter; a wrong first letter is the case given up.
    """
    ranges = []
    for first in dict.fromkeys(word[:2]):
        low = bisect_left(terms, first)
        ranges.append((low, bisect_left(terms, first + "\U0010ffff", lo=low)))
    return ranges


def _postings_builder(
    texts: Iterable[str], stop: Stop | None = None
) -> tuple[list[str], array, array]:
    """Sorted terms, offsets and postings (positions ascending within each term).

    Positions are collected per distinct *raw* word first (one dict lookup per word
    per comment), and only then spread onto the folded terms each raw word yields:
    analysing every occurrence would cost several times more. `stop` is asked now and
    then (`stopping.check`).
    """
    by_raw: dict[str, list[int]] = {}
    findall = words
    for position, text in enumerate(texts):
        stopping.check(stop, position)
        for raw in set(findall(text)):
            bucket = by_raw.get(raw)
            if bucket is None:
                by_raw[raw] = [position]
            else:
                bucket.append(position)
    sources: dict[str, list[list[int]]] = {}
    for count, (raw, positions) in enumerate(by_raw.items()):
        stopping.check(stop, count)
        for term in {t for _s, _e, terms in analyze(raw) for t in terms}:
            sources.setdefault(term, []).append(positions)
    terms_sorted = sorted(sources)
    offsets = array("I", [0])
    flat = array("I")
    for term in terms_sorted:
        lists = sources[term]
        if len(lists) > 1:  # `Word` and `word`: sorted runs, so timsort merges them fast
            lists = [list(dict.fromkeys(sorted(chain.from_iterable(lists))))]
        flat.extend(lists[0])
        offsets.append(len(flat))
    return terms_sorted, offsets, flat


# The index's columns, in the order `state()` lists them; the two vocabularies travel
# "\0"-joined there (one string pickles and loads far faster than a list of them).
_COLUMNS = (
    "ids",
    "authors",
    "texts",
    "flags",
    "reply_counts",
    "ts_offsets",
    "ts_values",
    "chapter_starts",
    "terms",
    "offsets",
    "postings",
    "handle_keys",
    "handle_offsets",
    "handle_postings",
)
_JOINED = ("terms", "handle_keys")


class SearchIndex:
    """Everything a query needs, in compact columns; build once per page."""

    __slots__ = ("_cache", "_pieces", *_COLUMNS)

    def __init__(self, state: tuple) -> None:
        """The index from what `state()` returned (the cache's form)."""
        version, *values = state
        if version != STATE_VERSION:
            raise ValueError(f"search index state version {version!r}")
        columns = dict(zip(_COLUMNS, values, strict=True))
        for name in _JOINED:
            columns[name] = columns[name].split("\0") if columns[name] else []
        self._set_columns(columns)

    def _set_columns(self, columns: dict[str, Any]) -> None:
        for name in _COLUMNS:
            setattr(self, name, columns[name])
        self._cache: OrderedDict[object, object] = OrderedDict()
        self._pieces: dict[str, tuple[Piece, ...]] = {}

    @classmethod
    def _from_columns(cls, columns: dict[str, Any]) -> SearchIndex:
        """Build and `with_threads` hand their columns over as they are: no join and split."""
        index = cls.__new__(cls)
        index._set_columns(columns)
        return index

    @classmethod
    def build(cls, page: Page, stop: Stop | None = None) -> SearchIndex:
        """The index of `page`; `stop` (asked now and then) True raises BuildStopped."""
        comments = page.comments
        flags, reply_counts = _thread_columns(page)
        ts_offsets = array("I", [0])
        ts_values = array("q")
        for comment in comments:
            ts_values.extend(comment.timestamps)
            ts_offsets.append(len(ts_values))
        texts = [c.text for c in comments]
        authors = [c.author for c in comments]
        terms, offsets, postings = _postings_builder(texts, stop)
        stopping.check(stop, 0)
        handle_keys, handle_offsets, handle_postings = _handle_postings(authors)
        return cls._from_columns(
            {
                "ids": [c.id for c in comments],
                "authors": authors,
                "texts": texts,
                "flags": flags,
                "reply_counts": reply_counts,
                "ts_offsets": ts_offsets,
                "ts_values": ts_values,
                "chapter_starts": tuple(ch.start for ch in page.chapters),
                "terms": terms,
                "offsets": offsets,
                "postings": postings,
                "handle_keys": handle_keys,
                "handle_offsets": handle_offsets,
                "handle_postings": handle_postings,
            }
        )

    def _columns(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _COLUMNS}

    def with_threads(self, page: Page) -> SearchIndex:
        """This index for the same comments re-threaded (the reader's corrections):
        only the thread flags and reply counts change, the words are shared."""
        if [c.id for c in page.comments] != self.ids:
            raise ValueError("with_threads needs the same comments in the same order")
        flags, reply_counts = _thread_columns(page)
        return SearchIndex._from_columns(
            {**self._columns(), "flags": flags, "reply_counts": reply_counts}
        )

    def state(self) -> tuple:
        """A picklable form that loads fast: strings joined, numbers in arrays."""
        columns = self._columns()
        for name in _JOINED:
            columns[name] = "\0".join(columns[name])
        return (STATE_VERSION, *columns.values())

    def __reduce__(self) -> tuple:
        return (SearchIndex, (self.state(),))

    def __len__(self) -> int:
        return len(self.ids)

    # -- query evaluation -------------------------------------------------------------

    def _remember(self, key: object, value: object) -> None:
        self._cache[key] = value
        if len(self._cache) > _QUERY_CACHE_SIZE:
            self._cache.popitem(last=False)

    def _term_postings(self, term_index: int) -> array:
        return self.postings[self.offsets[term_index] : self.offsets[term_index + 1]]

    def expand(self, word: str) -> dict[int, int]:
        """Vocabulary terms close to `word` -> score (tenths): exact, prefix, or fuzzy."""
        key = ("expand", word)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached  # type: ignore[return-value]
        terms = self.terms
        scores: dict[int, int] = {}
        start = bisect_left(terms, word)
        end = bisect_left(terms, word + "\U0010ffff", lo=start)
        for i in range(start, end):
            # A prefix of a longer word: close to exact when little is left to type.
            size = len(terms[i])
            scores[i] = _EXACT if size == len(word) else 900 + 100 * len(word) // size
        cutoff = _fuzzy_cutoff(word)
        if cutoff is not None:
            for low, high in _typo_ranges(terms, word):
                for _term, similarity, i in process.extract(
                    word,
                    terms[low:high],
                    scorer=OSA.normalized_similarity,
                    score_cutoff=cutoff,
                    limit=None,
                ):
                    # Typos rank below anything typed correctly so far.
                    scores[low + i] = max(scores.get(low + i, 0), int(similarity * 850))
        self._remember(key, scores)
        return scores

    def _word_scores(self, word: str) -> dict[int, int]:
        """Comment position -> best score of any term matching `word` in it."""
        key = ("word", word)
        cached = self._cache.get(key)
        if cached is not None:
            self._cache.move_to_end(key)
            return cached  # type: ignore[return-value]
        best: dict[int, int] = {}
        for score, postings in reversed(self._levels(word)):
            best.update(dict.fromkeys(chain.from_iterable(postings), score))
        self._remember(key, best)
        return best

    def _levels(self, word: str) -> list[tuple[int, list[array]]]:
        """Posting lists of the terms matching `word`, grouped by score, best first."""
        by_score: dict[int, list[array]] = {}
        for term_index, score in self.expand(word).items():
            by_score.setdefault(score, []).append(self._term_postings(term_index))
        return sorted(by_score.items(), key=lambda level: level[0], reverse=True)

    def _rank_one_word(self, word: str, limit: int) -> tuple[list[tuple[int, int]], int]:
        """The first word typed matches much of a big page: walk score levels, best first,
        merging sorted posting lists, and stop at `limit` instead of scoring everything.
        """
        levels = self._levels(word)
        total = len(set().union(*(p for _score, postings in levels for p in postings)))
        ranked: list[tuple[int, int]] = []
        seen: set[int] = set()
        for score, postings in levels:
            for position in merge(*postings):
                if position not in seen:
                    seen.add(position)
                    ranked.append((position, score))
                    if len(ranked) >= limit:
                        return ranked, total
        return ranked, total

    def _author_scores(self, names: Sequence[str]) -> dict[int, int]:
        """Comments whose author handle matches any of `names` (prefix, substring or fuzzy)."""
        best: dict[int, int] = {}
        keys = self.handle_keys
        for name in names:
            matched: dict[int, int] = {}
            for i, handle in enumerate(keys):
                if handle == name:
                    matched[i] = _EXACT
                elif handle.startswith(name):
                    matched[i] = 900 + 100 * len(name) // len(handle)
                elif name in handle:
                    matched[i] = 850
            if len(name) >= 3:
                for _h, score, i in process.extract(
                    name, keys, scorer=fuzz.ratio, score_cutoff=70, limit=None
                ):
                    matched[i] = max(matched.get(i, 0), int(score * 8.5))
            for i, score in sorted(matched.items(), key=lambda kv: kv[1]):
                span = self.handle_postings[self.handle_offsets[i] : self.handle_offsets[i + 1]]
                for position in span:
                    if best.get(position, 0) < score:
                        best[position] = score
        return best

    def _flag_positions(self, on: int, off: int) -> set[int]:
        key = ("flags", on, off)
        cached = self._cache.get(key)
        if cached is None:
            cached = {i for i, f in enumerate(self.flags) if f & on == on and not f & off}
            self._remember(key, cached)
        return cached  # type: ignore[return-value]

    def _chapter_positions(self, number: int) -> set[int]:
        starts = self.chapter_starts
        if not 1 <= number <= len(starts):
            return set()
        low = starts[number - 1]
        high = starts[number] if number < len(starts) else None
        found: set[int] = set()
        offsets, values = self.ts_offsets, self.ts_values
        for i in range(len(self.ids)):
            for ts in values[offsets[i] : offsets[i + 1]]:
                if ts >= low and (high is None or ts < high):
                    found.add(i)
                    break
        return found

    def _replies_positions(self, op: str, n: int) -> set[int]:
        tests = {
            ">": lambda c: c > n,
            ">=": lambda c: c >= n,
            "<": lambda c: c < n,
            "<=": lambda c: c <= n,
            "=": lambda c: c == n,
        }
        check = tests[op]
        return {i for i, count in enumerate(self.reply_counts) if check(count)}

    def _filter(self, query: Query) -> set[int] | None:
        allowed: set[int] | None = None

        def narrow(found: set[int]) -> None:
            nonlocal allowed
            allowed = found if allowed is None else allowed & found

        if query.flags_on or query.flags_off:
            narrow(self._flag_positions(query.flags_on, query.flags_off))
        if query.chapter is not None:
            narrow(self._chapter_positions(query.chapter))
        for op, n in query.replies:
            narrow(self._replies_positions(op, n))
        return allowed

    def parse(self, text: str) -> Query:
        """`parse_query` knowing this page's chapters: `chapter:99` is a problem here."""
        return parse_query(text, chapters=len(self.chapter_starts))

    def scores(self, query: Query | str) -> dict[int, int]:
        """Every matching comment position -> summed score (tenths), in no order.

        Words are taken rarest first; a word that matches far more comments than are
        still candidates (the one-letter word being typed) is scored only within them.
        """
        if isinstance(query, str):
            query = self.parse(query)
        words = sorted(dict.fromkeys(query.words), key=self._estimate)
        allowed = self._filter(query)
        per_word: list[dict[int, int]] = []
        if query.authors:
            per_word.append(self._author_scores(query.authors))
        if not words and not per_word:
            # Filters alone list their comments; an empty query matches nothing.
            return dict.fromkeys(allowed or (), 0)
        candidates: set[int] | None = allowed
        if per_word:
            candidates = set(per_word[0]) if candidates is None else candidates & per_word[0].keys()
        for word in words:
            cached = ("word", word) in self._cache
            if candidates is not None and not cached and self._estimate(word) > 4 * len(candidates):
                found = self._word_scores_within(word, candidates)
            else:
                found = self._word_scores(word)
            per_word.append(found)
            if candidates is None and len(words) == 1 and not query.authors:
                return found
            candidates = set(found) if candidates is None else candidates & found.keys()
        assert candidates is not None
        return {p: sum(d[p] for d in per_word) for p in candidates}

    def _estimate(self, word: str) -> int:
        """How many postings `word` expands to: cheap, from the offsets alone."""
        offsets = self.offsets
        return sum(offsets[i + 1] - offsets[i] for i in self.expand(word))

    def _word_scores_within(self, word: str, candidates: set[int]) -> dict[int, int]:
        """`_word_scores` restricted to `candidates` (not cached: it depends on them).

        With few candidates left, re-reading their texts beats walking the word's
        posting lists; otherwise the lists are intersected with them.
        """
        best: dict[int, int] = {}
        if len(candidates) * _WORDS_PER_TEXT < self._estimate(word):
            by_term = {self.terms[i]: score for i, score in self.expand(word).items()}
            for position in candidates:
                score = max(
                    (by_term.get(term, 0) for term in self._text_terms(position)), default=0
                )
                if score:
                    best[position] = score
            return best
        for score, postings in reversed(self._levels(word)):
            found = candidates.intersection(chain.from_iterable(postings))
            best.update(dict.fromkeys(found, score))
        return best

    def _text_terms(self, position: int) -> set[str]:
        memo = self._pieces
        terms: set[str] = set()
        for raw in set(words(self.texts[position])):
            pieces = memo.get(raw)
            if pieces is None:
                pieces = memo[raw] = analyze(raw)
            for _start, _end, piece_terms in pieces:
                terms.update(piece_terms)
        return terms

    def positions(self, query: Query | str) -> list[int]:
        """Matching comment positions in page order (for filtering the tree, `n`/`N`)."""
        return sorted(self.scores(query))

    def search(self, query: Query | str, limit: int | None = 50) -> SearchResult:
        """Rank matching comments: summed word scores, ties in page order."""
        if isinstance(query, str):
            query = self.parse(query)
        words = tuple(dict.fromkeys(query.words))
        plain = not (query.authors or query.flags_on or query.flags_off)
        if len(words) == 1 and plain and not query.replies and query.chapter is None:
            ranked, total = self._rank_one_word(words[0], len(self.ids) if limit is None else limit)
        else:
            totals = self.scores(query)
            total = len(totals)
            in_page_order = sorted(totals)
            if limit is None or limit >= total:
                best = sorted(in_page_order, key=totals.__getitem__, reverse=True)
            else:
                best = nlargest(limit, in_page_order, key=totals.__getitem__)
            ranked = [(position, totals[position]) for position in best]
        matched = self.matched_terms(query)
        divisor = 10 * max(1, len(words) + (1 if query.authors else 0))
        hits = []
        for position, score in ranked:
            snippet, spans = make_snippet(self.texts[position], matched, memo=self._pieces)
            hits.append(
                Hit(
                    position=position,
                    comment_id=self.ids[position],
                    author=self.authors[position],
                    score=round(score / divisor, 1),
                    snippet=snippet,
                    spans=spans,
                )
            )
        return SearchResult(hits=tuple(hits), total=total)

    def matched_terms(self, query: Query | str) -> frozenset[str]:
        """The index terms the query's words expand to (typos and accents included): the
        words to highlight wherever they occur in a matching comment."""
        if isinstance(query, str):
            query = self.parse(query)
        words = dict.fromkeys(query.words)
        return frozenset(self.terms[i] for word in words for i in self.expand(word))


def _thread_columns(page: Page) -> tuple[bytes, array]:
    """Per comment: filter flags, and how many replies it has."""
    comments = page.comments
    weak = WEAK_REASONS
    reply_counts = array("I", bytes(4 * len(comments)))
    position_of = {c.id: i for i, c in enumerate(comments)}
    flags = bytearray(len(comments))
    for i, comment in enumerate(comments):
        flag = FLAG_CHANNEL if comment.is_channel else 0
        if comment.parent is not None:
            flag |= FLAG_REPLY
            parent = position_of.get(comment.parent)
            if parent is not None:
                reply_counts[parent] += 1
        if comment.reason is not None and comment.reason in weak:
            flag |= FLAG_INFERRED
        if _has_link(comment.text):
            flag |= FLAG_LINK
        if comment.timestamps:
            flag |= FLAG_TIME
        flags[i] = flag
    return bytes(flags), reply_counts


def _handle_postings(authors: Sequence[str]) -> tuple[list[str], array, array]:
    by_handle: dict[str, list[int]] = {}
    for position, author in enumerate(authors):
        by_handle.setdefault(fold(author.lstrip("@")), []).append(position)
    keys = sorted(by_handle)
    offsets = array("I", [0])
    flat = array("I")
    for key in keys:
        flat.extend(by_handle[key])
        offsets.append(len(flat))
    return keys, offsets, flat


def match_spans(
    text: str, matched: frozenset[str], memo: dict[str, tuple[Piece, ...]] | None = None
) -> Iterator[tuple[int, int]]:
    """Character ranges of `text` whose index terms are among `matched`.

    `memo` caches `analyze` per distinct word: the same words recur across hits.
    """
    memo = {} if memo is None else memo
    if len(memo) > 200_000:
        memo.clear()
    for match in word_matches(text):
        base = match.start()
        word = match.group()
        pieces = memo.get(word)
        if pieces is None:
            pieces = memo[word] = analyze(word)
        for start, end, terms in pieces:
            if not matched.isdisjoint(terms):
                yield base + start, base + end


def make_snippet(
    text: str,
    matched: frozenset[str],
    width: int = _SNIPPET_WIDTH,
    memo: dict[str, tuple[Piece, ...]] | None = None,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """~`width` characters around the first match, `…` at cut ends, made visible.

    Spans are computed on the raw text, then carried through `sanitize.visible`
    piece by piece, so they stay right when a control character grows into a
    placeholder.
    """
    flat = text.replace("\n", " ")
    raw_spans: list[tuple[int, int]] = []
    for span in match_spans(flat, matched, memo) if matched else ():
        if raw_spans and span[0] <= raw_spans[-1][1]:  # CJK bigrams overlap
            raw_spans[-1] = (raw_spans[-1][0], max(raw_spans[-1][1], span[1]))
        else:
            raw_spans.append(span)
    first = raw_spans[0][0] if raw_spans else 0
    # From the start when the match shows early enough; else a third of the window
    # before the match, but never less text than fits.
    start = 0 if first < 2 * width // 3 else max(0, min(first - width // 3, len(flat) - width))
    if start > 0 and not flat[start - 1].isspace():  # begin at the next whole word
        space = flat.find(" ", start, first)
        start = space + 1 if space >= 0 else start
    end = min(len(flat), start + width)
    if end < len(flat):
        space = flat.rfind(" ", max(start + 1, end - 15), end)
        end = space if space > (raw_spans[0][1] if raw_spans else start) else end
    while start < end and flat[start].isspace():
        start += 1
    while end > start and flat[end - 1].isspace():
        end -= 1
    pieces: list[str] = ["…"] if start > 0 else []
    length = len(pieces[0]) if pieces else 0
    spans: list[tuple[int, int]] = []
    cursor = start
    for span_start, span_end in raw_spans:
        span_start, span_end = max(span_start, start), min(span_end, end)
        if span_start >= span_end:
            continue
        before = visible(flat[cursor:span_start])
        inside = visible(flat[span_start:span_end])
        pieces.extend((before, inside))
        length += len(before)
        spans.append((length, length + len(inside)))
        length += len(inside)
        cursor = span_end
    pieces.append(visible(flat[cursor:end]))
    if end < len(flat):
        pieces.append("…")
    return "".join(pieces), tuple(spans)
