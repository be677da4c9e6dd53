"""Which commenter is the channel's own account.

A page names its channel ("Microsoft Mechanics") but comments carry handles
(`@MSFTMechanics`), and the two are spelled differently: spaces dropped, words
abbreviated, initials. The channel's comments answer viewers rather than start
threads, so threading needs to know which handle it is. The name is matched once
against the set of distinct handles (never per comment), exact spellings first,
rapidfuzz only as a fallback (imported only then: it costs start-up time), so this
stays cheap on 100,000-comment pages.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress

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


def name_variants(channel: str) -> tuple[str, ...]:
    """Spellings a channel name may take as a handle: joined, abbreviated, initials,
    and the same for its Latin transliteration."""
    per_spelling = []
    for spelling in transliterations(channel):
        words = [normalize_handle(w) for w in _WORD.findall(spelling)][:MAX_WORDS]
        words = [w for w in words if w]
        if words:
            options = [(w, *ABBREVIATIONS.get(w, ()), w[0]) for w in words]
            per_spelling.append(itertools.product(*options))
    # Round robin, so every spelling's most literal forms come before the cap.
    seen: dict[str, None] = {}
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
    if not variants:
        return None
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
    by_norm = _most_active_by_norm(zip(handles, norms, strict=True), handle_counts)
    return _fuzzy_match(variants, by_norm, handle_counts)


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
