"""Search speed on a big page: index build, per-keystroke latency, cache, and `fzf`.

    python benchmarks/bench_search.py                  # generates a 100,000-comment page
    python benchmarks/bench_search.py --page PAGE.txt  # or measure an existing page

Figures printed:
- parse time, index build time;
- per-keystroke query time (median, p95) while typing several queries letter by
  letter, as the search bar does (target: median < 30 ms); "fresh" clears the
  index's small query cache before every keystroke, the strictest case; then the
  same against a ~250k-term vocabulary (the generator's own is small);
- cache: cold `load_or_parse` (parse + build + write), warm `load_index` and
  `load_page`, each against the parse time;
- whole processes side by side, alternating runs: `mechanics-tui PAGE --search Q`
  (warm cache) against `fzf --filter Q` over the same comment texts, one per line
  (target: ours no slower), plus the cold first run with an empty cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
FZF = shutil.which("fzf") or "/usr/bin/fzf"


def _timed(action):
    start = time.perf_counter()
    result = action()
    return time.perf_counter() - start, result


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:8.1f} ms"


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _pick_queries(texts: list[str]) -> list[str]:
    """Queries a person might type on this page: common and rarer words, two-word, a typo."""
    counts = Counter(word.casefold() for text in texts[:20000] for word in text.split())
    words = [w.strip(".,!?") for w, _ in counts.most_common(400)]
    long_words = [w for w in words if len(w) >= 7 and w.isalpha()]
    rare = long_words[-1] if long_words else "cooling"
    common = long_words[0] if long_words else "server"
    typo = rare[:2] + rare[3] + rare[2] + rare[4:] if len(rare) > 4 else rare
    return ["heat reuse", f"{common} power", rare, typo, "cooling server memory"]


def _keystrokes(index, queries: list[str]) -> tuple[list[float], list[float]]:
    """Per-keystroke times: as typed (cache kept within one query) and fresh each time."""
    typed: list[float] = []
    fresh: list[float] = []
    for query in queries:
        index._cache.clear()
        for end in range(1, len(query) + 1):
            typed.append(_timed(lambda q=query[:end]: index.search(q, limit=50))[0])
        for end in range(1, len(query) + 1):
            index._cache.clear()
            fresh.append(_timed(lambda q=query[:end]: index.search(q, limit=50))[0])
    return typed, fresh


def _large_vocabulary(comments: int, seed: int = 7) -> None:
    """Real pages have far more distinct words than the generator's syllable vocabulary
    (names, typos, numbers): time keystrokes against ~250k distinct terms too."""
    import random

    from tui_reader.model import Comment, Page
    from tui_reader.search import SearchIndex

    rng = random.Random(seed)
    letters = "abcdefghijklmnopqrstuvwxyz"

    def word() -> str:
        return "".join(rng.choices(letters, k=rng.randint(4, 11)))

    texts = [" ".join(word() for _ in range(3)) for _ in range(comments)]
    page = Page(
        title="vocabulary",
        comments=tuple(
            Comment(id=f"v{i}", author=f"a{i % 997}", age=None, age_seconds=None, text=t)
            for i, t in enumerate(texts)
        ),
    )
    index = SearchIndex.build(page)
    targets = [texts[i].split()[0] for i in (11, 222, 3333)]
    typos = [t[:2] + t[3] + t[2] + t[4:] for t in targets]  # swap two letters
    typed, fresh = _keystrokes(index, [*targets, *typos])
    print(f"large vocabulary: {len(index.terms):,} distinct terms, typing {targets + typos}")
    print(f"  as typed   median {_ms(statistics.median(typed))}  "
          f"p95 {_ms(_percentile(typed, 0.95))}  max {_ms(max(typed))}")
    print(f"  fresh      median {_ms(statistics.median(fresh))}  "
          f"p95 {_ms(_percentile(fresh, 0.95))}  max {_ms(max(fresh))}")
    found = [index.search(t, limit=5).hits for t in typos]
    print(f"  typos found their word: {sum(bool(h) for h in found)}/{len(typos)}")


def _run(command: list[str], env: dict[str, str], stdin_path: str | None = None) -> float:
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL  # noqa: SIM115
    try:
        start = time.perf_counter()
        subprocess.run(command, stdin=stdin, stdout=subprocess.DEVNULL, env=env, check=False)
        return time.perf_counter() - start
    finally:
        if stdin_path:
            stdin.close()  # type: ignore[union-attr]


def _in_process(page_path: str, texts_path: Path) -> list[str]:
    """Parse, build, type queries and load from the cache; write the texts for fzf."""
    from tui_reader import cache
    from tui_reader.parse import load_page
    from tui_reader.search import SearchIndex

    size_mb = os.path.getsize(page_path) / 1e6
    parse_s, page = _timed(lambda: load_page(page_path))
    build_s, index = _timed(lambda: SearchIndex.build(page))
    print(f"page: {len(page.comments):,} comments, {size_mb:.1f} MB")
    print(f"parse                  {_ms(parse_s)}")
    print(f"index build            {_ms(build_s)}  ({len(index.terms):,} distinct terms)")

    texts = [c.text for c in page.comments]
    queries = _pick_queries(texts)
    typed, fresh = _keystrokes(index, queries)
    print(f"keystrokes: {len(typed)} over {queries}")
    print(f"  as typed   median {_ms(statistics.median(typed))}  "
          f"p95 {_ms(_percentile(typed, 0.95))}  max {_ms(max(typed))}")
    print(f"  fresh      median {_ms(statistics.median(fresh))}  "
          f"p95 {_ms(_percentile(fresh, 0.95))}  max {_ms(max(fresh))}")

    cold_s, _ = _timed(lambda: cache.load_or_parse(page_path))
    index_s = min(_timed(lambda: cache.load_index(page_path))[0] for _ in range(3))
    page_s = min(_timed(lambda: cache.load_page(page_path))[0] for _ in range(3))
    print(f"cache cold load_or_parse {_ms(cold_s)}  (parse + build + write)")
    print(f"cache warm load_index  {_ms(index_s)}  = {index_s / parse_s:.0%} of parse")
    print(f"cache warm load_page   {_ms(page_s)}  = {page_s / parse_s:.0%} of parse")

    texts_path.write_text(
        "".join(t.replace("\n", " ") + "\n" for t in texts), encoding="utf-8"
    )
    return queries


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", help="a saved page (default: generate one)")
    parser.add_argument("--comments", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5, help="alternating runs per command")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="bench_search."))
    cache_dir = work / "cache"
    os.environ["MECHANICS_TUI_CACHE_DIR"] = str(cache_dir)
    env = dict(os.environ)
    try:
        page_path = args.page
        if page_path is None:
            page_path = str(work / "page.txt")
            subprocess.run(
                [sys.executable, str(HERE / "generate_page.py"), "--comments",
                 str(args.comments), "-o", page_path],
                check=True,
            )
        texts_path = work / "comment_texts.txt"
        queries = _in_process(page_path, texts_path)
        _large_vocabulary(args.comments)
        query = queries[1]
        ours = ["mechanics-tui", page_path, "--search", query]
        fzf = [FZF, "--filter", query]
        shutil.rmtree(cache_dir, ignore_errors=True)
        cold = _run(ours, env)
        times: dict[str, list[float]] = {"ours": [], "fzf": []}
        for _ in range(args.runs):
            times["ours"].append(_run(ours, env))
            times["fzf"].append(_run(fzf, env, str(texts_path)))
        ours_s, fzf_s = (statistics.median(times[name]) for name in ("ours", "fzf"))
        print(f"processes, query {query!r}, median of {args.runs} alternating runs:")
        print(f"  fzf --filter < comment texts      {_ms(fzf_s)}")
        print(f"  mechanics-tui --search (warm)     {_ms(ours_s)}  = {ours_s / fzf_s:.2f}x fzf")
        print(f"  mechanics-tui --search (cold, 1st){_ms(cold)}  (parse + build + write)")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
