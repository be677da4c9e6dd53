"""Every real saved page in /work/shared/pages parses to what a careful reader sees.

Numbers below were counted by hand from the page (76 `@handle` + `@handle <age>`
pairs although the header declares 78; 15 related videos, the last cut off after
its duration). The page's sentences are not copied here.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tui_reader.parse import load_page

SHARED = Path(__file__).resolve().parents[2] / "shared" / "pages"
PAGES = sorted(SHARED.glob("*.txt")) if SHARED.is_dir() else []
KNOWN = "000_f766a070b5e69cd3.txt"


@pytest.mark.skipif(not PAGES, reason="no shared pages folder")
@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.name)
def test_every_shared_page_has_structure(path: Path) -> None:
    page = load_page(str(path))
    assert page.title
    assert page.comments or page.related
    assert not page.unparsed


@pytest.mark.skipif(not (SHARED / KNOWN).exists(), reason="shared page missing")
def test_known_shared_page() -> None:
    page = load_page(str(SHARED / KNOWN))
    first_line = (SHARED / KNOWN).read_text(encoding="utf-8").split("\n", 1)[0]
    assert page.title == first_line
    assert page.channel == "Microsoft Mechanics"
    assert page.views == 65882
    assert page.published == "Күн бұрын"
    assert page.language == "kk"
    assert page.comment_count_declared == 78
    assert [c.start for c in page.chapters][:3] == [0, 111, 161]
    assert len(page.chapters) == 14
    assert page.chapters[-1].title == "Wrap up"
    assert page.chapters[-1].start == 14 * 60 + 15
    assert len(page.comments) == 76
    assert page.comments[0].author == "alexpearson415"
    assert page.comments[0].age_seconds == 24 * 86400
    assert page.comments[-1].author == "oldtimer2192"
    assert sum(c.author == "MSFTMechanics" for c in page.comments) == 19
    no_number = [c for c in page.comments if c.age_seconds == 86400]
    assert {c.author for c in no_number} >= {"jamieknight326", "IshaqIbrahim3", "Danrchy"}
    hours = [c for c in page.comments if c.age_seconds == 5 * 3600]
    assert [c.author for c in hours] == ["GhostyDog"]
    stamped = {c.author: c.timestamps for c in page.comments if c.timestamps}
    assert stamped == {"IshaqIbrahim3": (540,), "youtuberun6626": (275,), "Arcticwhir": (818,)}
    assert len({c.id for c in page.comments}) == 76
    assert len(page.related) == 15
    first, last = page.related[0], page.related[-1]
    assert (first.duration, first.views) == (21 * 60 + 17, 101_000)
    assert last.duration == 14 and last.channel is None and last.views is None
    assert [r.views for r in page.related if r.views_text and "МЛН" in r.views_text] == [
        25_000_000,
        11_000_000,
        1_100_000,
        7_000_000,
        3_700_000,
    ]
    assert sum(r.channel is None for r in page.related) == 3
    assert page.unparsed == ()
    assert page.warnings == ()
