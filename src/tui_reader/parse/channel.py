"""Which commenter is the channel's own account.

A page names its channel ("Microsoft Mechanics") but comments carry handles
(`@MSFTMechanics`), and the two are spelled differently: spaces dropped, words
abbreviated, initials. The channel's comments answer viewers rather than start
threads, so threading needs to know which handle it is. The name is matched once
against the set of distinct handles (never per comment), exact spellings first,
rapidfuzz only as a fallback (imported only then: it costs start-up time), so this
stays cheap on 100,000-comment pages. A channel whose handle is unlike its name is
recognised by how much more it writes than anyone else (ACTIVE_MIN).
"""

from __future__ import annotations

import heapq
import itertools
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress
from operator import itemgetter

# Common ways a channel's words are shortened in its handle. "" means the word is
# often dropped ("The", "Official"). Data, not code: extend here.
ABBREVIATIONS: Mapping[str, tuple[str, ...]] = {
    "microsoft": ("msft", "ms"),
    "google": ("goog",),
    "international": ("intl",),
    "television": ("tv",),
    "channel": ("", "tv", "ch"),
    "official": ("", "hq"),
    "the": ("",),
    "and": ("", "n"),
    "technology": ("tech",),
    "technologies": ("tech",),
    "developer": ("dev",),
    "developers": ("dev", "devs"),
    "university": ("uni", "u"),
    "news": ("news",),
}

# Cyrillic (Russian and Kazakh letters) to Latin, for channel names written in
# Cyrillic whose handles are Latin ("Тимур Печёт" -> @TimurPechet). Two common
# schemes: the first entry is the plain one, the second the alternative spelling.
TRANSLITERATION: Mapping[str, tuple[str, str]] = {
    "а": ("a", "a"), "б": ("b", "b"), "в": ("v", "v"), "г": ("g", "g"),
    "д": ("d", "d"), "е": ("e", "e"), "ё": ("e", "yo"), "ж": ("zh", "j"),
    "з": ("z", "z"), "и": ("i", "i"), "й": ("y", "i"), "к": ("k", "k"),
    "л": ("l", "l"), "м": ("m", "m"), "н": ("n", "n"), "о": ("o", "o"),
    "п": ("p", "p"), "р": ("r", "r"), "с": ("s", "s"), "т": ("t", "t"),
    "у": ("u", "u"), "ф": ("f", "f"), "х": ("h", "kh"), "ц": ("ts", "c"),
    "ч": ("ch", "ch"), "ш": ("sh", "sh"), "щ": ("sch", "shch"), "ъ": ("", ""),
    "ы": ("y", "y"), "ь": ("", ""), "э": ("e", "e"), "ю": ("yu", "iu"),
    "я": ("ya", "ia"), "ә": ("a", "ae"), "ғ": ("g", "gh"), "қ": ("k", "q"),
    "ң": ("n", "ng"), "ө": ("o", "oe"), "ұ": ("u", "u"), "ү": ("u", "ue"),
    "һ": ("h", "h"), "і": ("i", "i"),
}  # fmt: skip

# A channel name often carries a tagline after a separator ("Anna Cooks | Baking",
# "Garage Talk - Cars and Tools"); its handle usually spells only the part before it.
_TAGLINE = re.compile(r"\s*[|•·]\s*|\s+[—–-]\s+|:\s+")

# A handle that spells the whole name and then adds a short suffix ("...TV", "..._kz",
# a topic abbreviation) is the channel's; fuzzy ratios punish such a suffix.
MIN_PREFIX = 6  # letters of the spelled name, so initials never count as a prefix
MAX_SUFFIX = 6  # letters the handle may add after it

# Latin spellings of one Cyrillic letter that handles mix freely ("Ағай" is `agai`,
# `agay` or `aghai`; "Юлия" `yuliya` or `iuliia`): both sides of a prefix comparison
# are folded to one of them, so no mix of schemes has to be generated. Order matters.
LOOSE_LATIN: tuple[tuple[str, str], ...] = (
    ("kh", "h"), ("gh", "g"), ("zh", "j"), ("ts", "c"), ("y", "i"), ("q", "k"),
    ("ae", "a"), ("oe", "o"), ("ue", "u"),
)  # fmt: skip

# When no handle resembles the name, the channel is told by what it does: it answers
# its viewers all over the page, while a viewer writes a comment or three. So the most
# active handle is taken when it wrote at least ACTIVE_MIN comments and ACTIVE_LEAD
# times as many as anyone else. REASON: on all 17 truth pages the channel's account
# was the most active by 2.7x or more (19 against 3 on the real page); written after
# blind round 9, whose two channels chose handles unlike their names.
ACTIVE_MIN = 5
ACTIVE_LEAD = 2
ACTIVE_SHARE = 0.05
"""...and at least this share of all comments, with someone else on the page: on a
big page ten comments of a lively viewer say nothing (the channels above wrote 24-26%)."""

# Below this rapidfuzz ratio (0-100) a handle is not taken for the channel: user
# handles such as `user-ab12cd` must never win by accident.
MATCH_THRESHOLD = 85.0
# Word-spelling combinations tried per channel name; bounds the work for long names.
MAX_VARIANTS = 64
# Only this many leading words take part in combinations (long names are rare).
MAX_WORDS = 6

_WORD = re.compile(r"\w+")
_NOT_ALNUM = re.compile(r"[\W_]+")


def normalize_handle(text: str) -> str:
    """Case-folded letters and digits only: how handles and names are compared."""
    folded = text.casefold()
    # `\w` is exactly str.isalnum() plus "_", so an all-alnum handle needs no regex.
    return folded if folded.isalnum() else _NOT_ALNUM.sub("", folded)


def transliterations(text: str) -> tuple[str, ...]:
    """`text` plus its Latin spellings when it holds Cyrillic letters."""
    folded = text.casefold()
    if not any(ch in TRANSLITERATION for ch in folded):
        return (folded,)
    spellings = [
        "".join(TRANSLITERATION[ch][scheme] if ch in TRANSLITERATION else ch for ch in folded)
        for scheme in (0, 1)
    ]
    return tuple(dict.fromkeys((folded, *spellings)))


def tagline_head(channel: str) -> str | None:
    """The part of the name before a tagline separator ("Anna Cooks | Baking" -> "Anna
    Cooks"), or None when there is no separator."""
    head = _TAGLINE.split(channel.strip(), maxsplit=1)[0].strip()
    return head if head and head != channel.strip() else None


def spelled_words(name: str) -> list[list[str]]:
    """The words of `name` (normalised, at most MAX_WORDS) per spelling: as written and
    transliterated."""
    per_spelling = []
    for spelling in transliterations(name):
        words = [normalize_handle(w) for w in _WORD.findall(spelling)][:MAX_WORDS]
        if words := [w for w in words if w]:
            per_spelling.append(words)
    return per_spelling


def whole_spellings(channel: str) -> list[str]:
    """The name spelled out, every word in full and joined, per spelling, for the whole
    name and for its part before a tagline; only names of two words or more and
    MIN_PREFIX letters or more. REASON: these are the forms a handle may extend with a
    suffix (or, for the part before a tagline, equal); one word ("Nature") or a short
    part ("Re: Zero Fans") would take viewers' handles ("naturelover", "re") too."""
    head = tagline_head(channel)
    joined = [
        "".join(words)
        for part in (channel, *([head] if head else []))
        for words in spelled_words(part)
        if len(words) >= 2
    ]
    return [spelling for spelling in dict.fromkeys(joined) if len(spelling) >= MIN_PREFIX]


def name_variants(channel: str) -> tuple[str, ...]:
    """Spellings a channel name may take as a handle: joined, abbreviated, initials,
    and the same for its Latin transliteration; the part before a tagline only spelled
    out in full (its initials would be anyone's: "gt", "ac")."""
    per_spelling = [
        itertools.product(*[(w, *ABBREVIATIONS.get(w, ()), w[0]) for w in words])
        for words in spelled_words(channel)
    ]
    seen: dict[str, None] = dict.fromkeys(whole_spellings(channel))
    # Round robin, so every spelling's most literal forms come before the cap.
    for combos in itertools.zip_longest(*per_spelling):
        for combo in combos:
            joined = "".join(combo) if combo else ""
            if len(joined) >= 2:
                seen.setdefault(joined, None)
        if len(seen) >= MAX_VARIANTS:
            break
    return tuple(seen)[:MAX_VARIANTS]


def find_channel_handle(channel: str | None, handle_counts: Mapping[str, int]) -> str | None:
    """The handle (as spelled in `handle_counts`) that is the channel's account, or None.

    `handle_counts` maps each distinct handle to how many comments it wrote; among
    equally good matches the most active handle wins, as channels answer a lot.
    """
    if not channel or not handle_counts:
        return None
    variants = name_variants(channel)
    if not variants:  # no letters or digits to spell ("🍳🍳"): only activity can tell
        return _most_active(handle_counts)
    handles = list(handle_counts)
    sub = _NOT_ALNUM.sub
    # normalize_handle inlined: a Python call per handle would cost more than the rest.
    norms = [f if f.isalnum() else sub("", f) for f in map(str.casefold, handles)]
    wanted = set(variants).intersection(norms)
    if wanted:
        # Only handles spelled as some variant are looked at one by one.
        pairs = compress(zip(handles, norms, strict=True), map(wanted.__contains__, norms))
        by_norm = _most_active_by_norm(pairs, handle_counts)
        # A longer spelling is less likely a coincidence ("mm" could be anyone).
        best = max(
            (v for v in variants if v in by_norm),
            key=lambda v: (len(v), handle_counts[by_norm[v]]),
        )
        return by_norm[best]
    prefixed = _prefix_match(whole_spellings(channel), handles, norms, handle_counts)
    if prefixed is not None:
        return prefixed
    by_norm = _most_active_by_norm(zip(handles, norms, strict=True), handle_counts)
    return _fuzzy_match(variants, by_norm, handle_counts) or _most_active(handle_counts)


def _most_active(handle_counts: Mapping[str, int]) -> str | None:
    """The handle far more active than any other (see ACTIVE_MIN), or None."""
    top = heapq.nlargest(2, handle_counts.items(), key=lambda item: item[1])
    if len(top) < 2:
        return None  # one person talking to nobody
    (handle, count), (_, runner_up) = top
    if count < ACTIVE_MIN or count < ACTIVE_LEAD * runner_up:
        return None
    if count < ACTIVE_SHARE * sum(handle_counts.values()):
        return None
    return handle


def _folds_into() -> dict[str, str]:
    """First letters that folding turns into another one ("kh..." -> "h..."), by result."""
    into: dict[str, str] = {}
    for spelled, folded in LOOSE_LATIN:
        if spelled[0] != folded[0]:
            into[folded[0]] = into.get(folded[0], "") + spelled[0]
    return into


_FOLDS_INTO = _folds_into()
_FIRST_LETTER = itemgetter(slice(0, 1))  # "" for an empty normal form


def loose_latin(text: str) -> str:
    """`text` with every LOOSE_LATIN spelling folded to one."""
    for spelled, folded in LOOSE_LATIN:
        if spelled in text:
            text = text.replace(spelled, folded)
    return text


def _prefix_match(
    spelled: Sequence[str],
    handles: Sequence[str],
    norms: Sequence[str],
    handle_counts: Mapping[str, int],
) -> str | None:
    """The most active handle that spells the longest of `spelled` (whole names, every
    word in full: abbreviations and initials are too loose to extend) of MIN_PREFIX
    letters or more, plus at most MAX_SUFFIX letters; or None. `norms` are the
    handles' normal forms. Sorted once, each spelling is a bisect."""
    wanted = {loose_latin(v) for v in spelled if len(v) >= MIN_PREFIX}
    # Only handles whose first letter can fold to a spelling's first letter are looked
    # at (picked in C): a few, not all 30,000 of a big page.
    firsts = {v[0] for v in wanted}
    firsts.update(*(_FOLDS_INTO.get(first, "") for first in list(firsts)))
    starts_right = map(firsts.__contains__, map(_FIRST_LETTER, norms))
    by_norm = _most_active_by_norm(
        compress(zip(handles, norms, strict=True), starts_right), handle_counts
    )
    loose = sorted((loose_latin(norm), norm) for norm in by_norm)
    folded = [pair[0] for pair in loose]
    for variant in sorted(wanted, key=len, reverse=True):
        found = []
        at = bisect_left(folded, variant)
        for folded_norm, norm in itertools.islice(loose, at, None):
            if not folded_norm.startswith(variant):
                break
            if len(folded_norm) - len(variant) <= MAX_SUFFIX:
                found.append(by_norm[norm])
        if found:
            return max(found, key=handle_counts.__getitem__)
    return None


def _most_active_by_norm(
    pairs: Iterable[tuple[str, str]], handle_counts: Mapping[str, int]
) -> dict[str, str]:
    """Normal form -> the most active handle with it (the first seen on a tie), from
    (handle, normal form) pairs; empty normal forms are left out."""
    by_norm: dict[str, str] = {}
    for handle, norm in pairs:
        if not norm:
            continue
        best = by_norm.get(norm)
        if best is None or handle_counts[handle] > handle_counts[best]:
            by_norm[norm] = handle
    return by_norm


def _fuzzy_match(
    variants: Sequence[str], by_norm: Mapping[str, str], handle_counts: Mapping[str, int]
) -> str | None:
    """The handle closest to some variant (rapidfuzz ratio), or None below the threshold.

    rapidfuzz is imported here, not at start-up: most channels match exactly.
    """
    from rapidfuzz import fuzz, process

    choices = list(by_norm)
    best_handle: str | None = None
    best_key = (MATCH_THRESHOLD, -1)
    for variant in variants:
        for norm, score, _ in process.extract(
            variant, choices, scorer=fuzz.ratio, score_cutoff=MATCH_THRESHOLD, limit=5
        ):
            handle = by_norm[norm]
            key = (score, handle_counts[handle])
            if key >= best_key:
                best_handle, best_key = handle, key
    return best_handle
